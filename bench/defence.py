"""What the guard's countermeasures cost a distiller, and what they cost a benign user (issue 17).

    heavy env PYTHONPATH=src .venv/bin/python bench/defence.py --out bench/results/defence.txt

One run on the embedded teacher (SmolLM2-135M-Instruct), every answer greedy:
1. The operator's cheap model, the `reroute` target: a `--cheap-layers` prune of the teacher,
   distilled (`kd` on harvested top-20) on the operator's own prompt pool.
2. The distiller's pool (`--prompts` one-off questions, the arena's `paraphrase` generator) as a
   distiller would receive it under each setting:
   - `none+logprobs`: the teacher's answers with top-20 logprobs (the student uses `kd`);
   - `withhold`: the same answers, no logprobs (`top_logprobs_cap: 0`; the student uses `sft`);
   - `coarsen`: top-2 logprobs rounded to 1 decimal (the default `suspect` policy; `kd`);
   - `truncate`: the answers cut to `--truncate` tokens (`max_output_tokens`; `sft`);
   - `reroute`: the cheap model's answers (`sft`);
   - `poe@S`, `ads@S`: the teacher's answers under `antidistill: {mode, strength: S}` (`--poe`,
     `--ads` strengths), logprobs withheld (`sft`). The proxy student is the operator's own:
     a `--student-layers` prune distilled like the distiller's student (`kd`, same budget) on the
     operator's pool; its downstream objective (for `ads`) is its loss on the teacher's answers
     to `--grad-prompts` of the operator's prompts.
3. Student damage: a `--student-layers` prune trained `--steps` steps on each, scored for KL to the
   real teacher on its answers to held-out prompts (`stillroom.fidelity`); gap closed =
   1 - KL(student) / KL(pruned init), as the arena reports it.
4. Teacher utility as a benign user receives it under each setting: accuracy on the checkable
   task suite (`stillroom.evaluate.tasks`, its checkers). Logprob settings leave the text as it is,
   so their accuracy is the teacher's by construction; truncation re-checks each answer's first
   `--truncate` tokens (greedy decoding makes a capped answer that prefix); reroute asks the cheap model;
   antidistill settings answer the tasks under the setting. Also the perplexity of those answers
   under the clean teacher (how far the text a benign user gets is from what the teacher would say).
5. Student task retention: each student's accuracy on the same tasks, relative to `none+logprobs`.
6. Adaptive students against the middle setting of each antidistill mode (`--adaptive-on`):
   `:filter` drops the `--drop` fraction of answers with the highest perplexity under the
   distiller's own model (its pruned init) before training; `mix` swaps that fraction for clean
   answers from the benign pool (the teacher's answers to other prompts, as a second, unflagged
   key would get them). Recovered = (its gap closed - the defended student's) / (withhold's - the
   defended student's): how much of what the countermeasure took it wins back.
7. Per-token generation time of the decode loop serve runs (`HFTeacher.generate`), `--time-prompts`
   rows x `--time-tokens` steps with EOS disabled so every mode decodes the same number of tokens;
   each mode timed `--time-reps` times interleaved, the fastest kept.

Writes `--out` (text), and beside it `defence.json` (rows for the arena report) and `defence.png`
(teacher utility against student damage).
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

import torch

from _common import LINES, header, say
from stillroom.arena.report import defence_plot
from stillroom.contracts.prompts import PromptRow
from stillroom.contracts.teacher_spec import TeacherSpec
from stillroom.detector.traces import paraphrase
from stillroom.distill.config import DistillConfig
from stillroom.distill.student import prune_layers
from stillroom.distill.train import train
from stillroom.evaluate.tasks import build_suite, check
from stillroom.fidelity import Sample, fidelity, teacher_targets
from stillroom.harvest.store import HarvestStore
from stillroom.models import encode_prompt, load_hf
from stillroom.report.plots import plt
from stillroom.teachers.antidistill import Proxy, answer_nll
from stillroom.teachers.base import Completion, GenParams
from stillroom.teachers.hf import HFTeacher

TOP_K = 20


def args_() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--work", default="/tmp/stillroom-defence")
    p.add_argument("--out", default=None, help="results file (default: print only)")
    p.add_argument("--prompts", type=int, default=96, help="distiller's pool (and the operator's)")
    p.add_argument("--heldout", type=int, default=24)
    p.add_argument("--tasks-per-kind", type=int, default=6)
    p.add_argument("--max-tokens", type=int, default=48)
    p.add_argument("--truncate", type=int, default=12)
    p.add_argument("--student-layers", type=int, default=6)
    p.add_argument("--cheap-layers", type=int, default=12)
    p.add_argument("--steps", type=int, default=60)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--poe", default="0.25,0.5,1", help="product-of-experts strengths")
    p.add_argument("--ads", default="0.5,1,2", help="antidistillation-sampling strengths")
    p.add_argument("--top-p", type=float, default=0.95, help="antidistill nucleus")
    p.add_argument("--grad-prompts", type=int, default=32)
    p.add_argument("--adaptive", default="filter,mix")
    p.add_argument("--adaptive-on", default="poe@0.5,ads@1", help="settings the adaptive students face")
    p.add_argument("--drop", type=float, default=0.25)
    p.add_argument("--time-prompts", type=int, default=16)
    p.add_argument("--time-tokens", type=int, default=32)
    p.add_argument("--time-reps", type=int, default=2)
    return p.parse_args()


def floats(text: str) -> list[float]:
    return [float(x) for x in text.split(",") if x]


def chats(seed: int, n: int) -> list[list[dict[str, str]]]:
    rng = random.Random(seed)
    return [[{"role": "user", "content": paraphrase(rng)}] for _ in range(n)]


def write_store(path: Path, prompts: list, outs: list[Completion], top_k: int, info: dict) -> Path:
    """A harvest store of these answers (what distill reads), fresh each run."""
    path.unlink(missing_ok=True)
    store = HarvestStore(path)
    rows = [PromptRow(id=f"p{i}", messages=p) for i, p in enumerate(prompts)]
    store.add_prompts(rows)
    params = GenParams(max_new_tokens=64, top_logprobs=top_k).to_dict()
    store.add_completions("bench", info, params, [(r.id, c, 0.0) for r, c in zip(rows, outs, strict=True)])
    store.close()
    return path


def without_logprobs(c: Completion) -> Completion:
    return replace(c, logprobs=None, top_ids=None, top_logprobs=None)


def coarsened(c: Completion, k: int = 2, decimals: int = 1) -> Completion:
    """What the default `suspect` policy returns: top-2 logprobs rounded to 1 decimal."""
    return replace(
        c,
        top_ids=[row[:k] for row in c.top_ids or []],
        top_logprobs=[[round(x, decimals) for x in row[:k]] for row in c.top_logprobs or []],
    )


def truncated(c: Completion, n: int, tok) -> Completion:
    """The answer `max_output_tokens: n` serves (greedy decoding: the first n tokens)."""
    if len(c.token_ids) <= n:
        return without_logprobs(c)
    ids = c.token_ids[:n]
    return replace(without_logprobs(c), token_ids=ids, text=tok.decode(ids), finish_reason="length")


def distil(a: argparse.Namespace, store: Path, out: Path, method: str, layers: int) -> Path:
    cfg = DistillConfig.model_validate(
        {
            "out": str(out),
            "teacher": "hf:default",
            "store": str(store),
            "method": method,
            "signal": "harvested",
            "student": {"init": "prune", "layers": layers},
            "train": {
                "steps": a.steps,
                "batch_size": a.batch,
                "lr": a.lr,
                "checkpoint_every": 0,
                "val_prompts": 0,
                "seed": 0,
            },
        }
    )
    if (out / "student" / "config.json").is_file():
        say(f"  {out.name}: reused from an earlier run in --work (not retrained)")
    else:
        t0 = time.time()
        train(cfg)
        say(
            f"  distilled {out.name} ({method}, {layers} layers, {a.steps} steps) in {time.time() - t0:.0f} s"
        )
    return out / "student"


def accuracy(tasks: list, texts: list[str]) -> float:
    return sum(check(t, x) for t, x in zip(tasks, texts, strict=True)) / len(tasks)


def answer(
    model: HFTeacher, prompts: list, a: argparse.Namespace, top_k: int = 0, antidistill: dict | None = None
) -> list[Completion]:
    t0 = time.time()
    params = GenParams(max_new_tokens=a.max_tokens, top_logprobs=top_k, antidistill=antidistill)
    outs = model.generate(prompts, params)
    tag = f" under {antidistill['mode']}@{antidistill['strength']:g}" if antidistill else ""
    say(f"  {Path(model.path).name}{tag}: {len(prompts)} answers in {time.time() - t0:.0f} s")
    return outs


def cached(work: Path, name: str, make) -> list[Completion]:
    """Answers are the slow part of a rerun: kept in --work (delete it to regenerate)."""
    path = work / f"answers-{name}.pkl"
    if path.is_file():
        return pickle.loads(path.read_bytes())
    outs = make()
    path.write_bytes(pickle.dumps(outs))
    return outs


def heldout_samples(teacher: HFTeacher, prompts: list, outs: list[Completion]) -> list[Sample]:
    return [
        Sample(str(i), p, "heldout", encode_prompt(teacher.tokenizer, p), c.token_ids, c.text)
        for i, (p, c) in enumerate(zip(prompts, outs, strict=True))
    ]


def pairs(tok, prompts: list, outs: list[Completion]) -> list[tuple[list[int], list[int]]]:
    return [(encode_prompt(tok, p), c.token_ids) for p, c in zip(prompts, outs, strict=True) if c.token_ids]


@torch.inference_mode()
def perplexity(model, tok, prompts: list, outs: list[Completion]) -> float:
    """exp of the mean per-token NLL of the answers under `model` (the clean teacher)."""
    return math.exp(float(answer_nll(model, pairs(tok, prompts, outs))))


@torch.inference_mode()
def per_answer_nll(model, tok, prompts: list, outs: list[Completion]) -> list[float]:
    return [
        float(answer_nll(model, [pr])) if pr[1] else 0.0
        for pr in zip([encode_prompt(tok, p) for p in prompts], [c.token_ids for c in outs], strict=True)
    ]


def adaptive_sets(
    kind: str, pool: list, outs: list[Completion], nll: list[float], clean: tuple[list, list], drop: float
) -> tuple[list, list[Completion]]:
    """The distiller's training set after `filter` (drop the highest-NLL answers under its own
    model) or `mix` (replace them with clean answers to other prompts from the benign pool)."""
    n = int(len(pool) * drop)
    worst = set(sorted(range(len(pool)), key=lambda i: -nll[i])[:n])
    keep = [i for i in range(len(pool)) if i not in worst]
    prompts, answers = [pool[i] for i in keep], [outs[i] for i in keep]
    if kind == "mix":
        prompts, answers = prompts + clean[0][:n], answers + [without_logprobs(c) for c in clean[1][:n]]
    return prompts, answers


def build_proxy(a, teacher: HFTeacher, work: Path, store: Path, operator: list, t_oper: list) -> Proxy:
    """The operator's proxy: its own distilled student of the distiller's size (module docstring)."""
    path = distil(a, store, work / "proxy", "kd", a.student_layers)
    model = load_hf(str(path))[0]
    t0 = time.time()
    proxy = Proxy.build(model, pairs(teacher.tokenizer, operator, t_oper)[: a.grad_prompts])
    say(
        f"  proxy: {a.student_layers} layers, h={proxy.h:.3g}, Delta scale {proxy.scale:.3g}, in {time.time() - t0:.0f} s"
    )
    return proxy


def time_modes(a, teacher: HFTeacher, prompts: list, settings: dict[str, dict | None]) -> dict[str, float]:
    """ms per generated token per mode, every row decoding exactly --time-tokens tokens."""
    eos, teacher._eos = teacher._eos, []  # bench only: no early stops, equal work in every mode
    best: dict[str, float] = {}
    try:
        for _ in range(a.time_reps):
            for name, ad in settings.items():
                t0 = time.perf_counter()
                outs = teacher.generate(prompts, GenParams(max_new_tokens=a.time_tokens, antidistill=ad))
                ms = 1000 * (time.perf_counter() - t0) / sum(len(c.token_ids) for c in outs)
                best[name] = min(best.get(name, math.inf), ms)
    finally:
        teacher._eos = eos
    return best


def main() -> None:
    a = args_()
    header("bench/defence.py")
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    teacher = HFTeacher(TeacherSpec.parse("hf:default").model_path)
    tok = teacher.tokenizer
    info = teacher.info()
    tasks = build_suite(per_kind=a.tasks_per_kind, seed=17)
    task_prompts = [t.messages() for t in tasks]
    pool, operator, held = chats(1701, a.prompts), chats(1702, a.prompts), chats(1703, a.heldout)

    say("teacher answers (distiller pool top-20, operator pool top-20, held-out, tasks):")
    t_pool = cached(work, "pool", lambda: answer(teacher, pool, a, TOP_K))
    t_oper = cached(work, "operator", lambda: answer(teacher, operator, a, TOP_K))
    samples = heldout_samples(teacher, held, cached(work, "held", lambda: answer(teacher, held, a)))
    t_tasks = cached(work, "tasks", lambda: answer(teacher, task_prompts, a))

    say("the operator's cheap model (reroute target) and proxy student (antidistill):")
    oper_store = write_store(work / "operator.sqlite", operator, t_oper, TOP_K, info)
    cheap_path = distil(a, oper_store, work / "cheap", "kd", a.cheap_layers)
    cheap = HFTeacher(str(cheap_path))
    c_pool = cached(work, "cheap-pool", lambda: answer(cheap, pool, a))
    c_tasks = cached(work, "cheap-tasks", lambda: answer(cheap, task_prompts, a))
    teacher.proxy = build_proxy(a, teacher, work, oper_store, operator, t_oper)

    received = {  # setting -> (prompts, what the distiller received, top-k kept, method)
        "none+logprobs": (pool, t_pool, TOP_K, "kd"),
        "withhold": (pool, [without_logprobs(c) for c in t_pool], 0, "sft"),
        "coarsen": (pool, [coarsened(c) for c in t_pool], 2, "kd"),
        "truncate": (pool, [truncated(c, a.truncate, tok) for c in t_pool], 0, "sft"),
        "reroute": (pool, [without_logprobs(c) for c in c_pool], 0, "sft"),
    }
    benign = {  # setting -> the task answers a benign user gets
        "none+logprobs": t_tasks,
        "withhold": t_tasks,
        "coarsen": t_tasks,
        "truncate": [truncated(c, a.truncate, tok) for c in t_tasks],
        "reroute": c_tasks,
    }
    settings = {
        f"{m}@{s:g}": {"mode": m, "strength": s, "top_p": a.top_p}
        for m in ("poe", "ads")
        for s in floats(getattr(a, m))
    }
    say("the teacher under each antidistill setting (distiller pool, tasks):")
    for name, ad in settings.items():
        outs = cached(work, f"{name}-pool", lambda ad=ad: answer(teacher, pool, a, antidistill=ad))
        received[name] = (pool, [without_logprobs(c) for c in outs], 0, "sft")
        benign[name] = cached(
            work, f"{name}-tasks", lambda ad=ad: answer(teacher, task_prompts, a, antidistill=ad)
        )

    say(f"adaptive distillers against {a.adaptive_on}:")
    own = prune_layers(teacher.model, a.student_layers)[0]
    for target in filter(None, a.adaptive_on.split(",")):
        _, outs, _, _ = received[target]
        nll = per_answer_nll(own, tok, pool, outs)
        for kind in filter(None, a.adaptive.split(",")):
            prompts, answers = adaptive_sets(kind, pool, outs, nll, (operator, t_oper), a.drop)
            received[f"{target}:{kind}"] = (prompts, answers, 0, "sft")
    del own

    say("students of the distiller:")
    students = {}
    for name, (prompts, outs, k, method) in received.items():
        store = write_store(work / f"{name}.sqlite", prompts, outs, k, info)
        students[name] = distil(a, store, work / f"student-{name}", method, a.student_layers)

    say("per-token generation time (the decode loop serve runs):")
    timing = time_modes(
        a,
        teacher,
        task_prompts[: a.time_prompts],
        {"plain": None} | {m: {"mode": m, "strength": 0.5, "top_p": a.top_p} for m in ("poe", "ads")},
    )
    utility = {
        name: {
            "accuracy": accuracy(tasks, [c.text for c in outs]),
            "ppl": perplexity(teacher.model, tok, task_prompts, outs),
        }
        for name, outs in benign.items()
    }
    report(a, teacher, samples, students, utility, tasks, cheap_path, timing)


def student_accuracy(path: Path, tasks: list, a: argparse.Namespace) -> float:
    model = HFTeacher(str(path))
    outs = model.generate([t.messages() for t in tasks], GenParams(max_new_tokens=a.max_tokens))
    return accuracy(tasks, [c.text for c in outs])


def report(
    a, teacher: HFTeacher, samples, students: dict[str, Path], utility: dict, tasks, cheap: Path, timing: dict
) -> None:
    models = {name: load_hf(str(path))[0] for name, path in students.items()}
    models["cheap model"] = load_hf(str(cheap))[0]
    models["pruned init"] = prune_layers(teacher.model, a.student_layers)[0]
    fid = fidelity(teacher_targets(teacher.model, samples), models, samples)
    del models
    init = fid["pruned init"]["kl"]
    closed = {name: 1 - fid[name]["kl"] / init for name in students}
    solved = {name: student_accuracy(path, tasks, a) for name, path in students.items()}
    base, ref = closed["none+logprobs"], utility["none+logprobs"]["accuracy"]
    say()
    say(
        f"[{a.prompts} distiller prompts, answers <= {a.max_tokens} tokens, greedy; students: {a.student_layers}-layer "
        f"prune, {a.steps} steps of batch {a.batch}, lr {a.lr}; cheap model: {a.cheap_layers}-layer prune, "
        f"same budget on the operator's {a.prompts} prompts; proxy: {a.student_layers}-layer prune, same budget "
        f"on the operator's prompts, ads objective on {a.grad_prompts} of its answers; antidistill nucleus "
        f"top_p {a.top_p}; {len(tasks)} tasks; {len(samples)} held-out prompts]"
    )
    say(
        f"{'setting':<20} {'teacher acc':>11} {'rel':>6} {'answer ppl':>10} {'student KL':>10} {'gap closed':>10} "
        f"{'vs none':>8} {'student acc':>11} {'retention':>9}"
    )
    rows = []
    for name in students:
        u = utility[name.split(":")[0]]
        retention = solved[name] / solved["none+logprobs"] if solved["none+logprobs"] else float("nan")
        rows.append(
            {
                "setting": name,
                "teacher_accuracy": u["accuracy"],
                "teacher_accuracy_rel": u["accuracy"] / ref if ref else float("nan"),
                "answer_ppl": u["ppl"],
                "student_kl": fid[name]["kl"],
                "gap_closed": closed[name],
                "student_accuracy": solved[name],
                "retention": retention,
                "adaptive": ":" in name,
            }
        )
        r = rows[-1]
        say(
            f"{name:<20} {r['teacher_accuracy']:>11.3f} {r['teacher_accuracy_rel']:>6.0%} {r['answer_ppl']:>10.2f} "
            f"{r['student_kl']:>10.3f} {r['gap_closed']:>10.1%} {r['gap_closed'] / base:>8.1%} "
            f"{r['student_accuracy']:>11.3f} {retention:>9.0%}"
        )
    say(f"{'pruned init':<20} {'':>11} {'':>6} {'':>10} {init:>10.3f} {0:>10.1%}")
    say(
        f"{'cheap model':<20} {utility['reroute']['accuracy']:>11.3f} {'':>6} {'':>10} {fid['cheap model']['kl']:>10.3f}   (the reroute target itself)"
    )
    say(
        "(teacher acc/ppl of a ':filter'/':mix' row: the setting's; ppl: the clean teacher's perplexity of the task answers as served)"
    )
    say()
    say(
        "adaptive students: share of what the setting took (vs withhold, the undefended sft student) won back"
    )
    for name in (r["setting"] for r in rows if r["adaptive"]):
        target = name.split(":")[0]
        took = closed["withhold"] - closed[target]
        back = (closed[name] - closed[target]) / took if took > 0 else float("nan")
        say(
            f"  {name:<20} gap closed {closed[name]:.1%} (setting {closed[target]:.1%}, withhold {closed['withhold']:.1%}): recovered {back:.0%}"
        )
    say()
    say(
        f"per-token generation time, {a.time_prompts} rows x {a.time_tokens} tokens, strength 0.5, fastest of {a.time_reps}:"
    )
    for name, ms in timing.items():
        say(f"  {name:<6} {ms:6.1f} ms/token  ({ms / timing['plain']:.2f}x plain)")
    if a.out:
        out = Path(a.out)
        data = {"rows": rows, "timing_ms_per_token": timing, "reference": "none+logprobs"}
        out.with_suffix(".json").write_text(json.dumps(data, indent=1) + "\n")
        fig = defence_plot(rows)
        fig.savefig(out.with_suffix(".png"), dpi=110, bbox_inches="tight")
        plt.close(fig)


if __name__ == "__main__":
    t0 = time.time()
    main()
    say(f"total {time.time() - t0:.0f} s wall, {time.process_time():.0f} s CPU")
    if "--out" in sys.argv:
        Path(sys.argv[sys.argv.index("--out") + 1]).write_text("\n".join(LINES) + "\n")

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
   - `reroute`: the cheap model's answers (`sft`).
3. Student damage: a `--student-layers` prune trained `--steps` steps on each, scored for KL to the
   real teacher on its answers to held-out prompts (`stillroom.fidelity`); gap closed =
   1 - KL(student) / KL(pruned init), as the arena reports it.
4. Teacher utility as a benign user receives it under each setting: accuracy on the checkable
   task suite (`stillroom.evaluate.tasks`, its checkers). Logprob settings leave the text as it is,
   so their accuracy is the teacher's by construction; truncation re-checks each answer's first
   `--truncate` tokens (greedy decoding makes a capped answer that prefix); reroute asks the cheap model.

Not here yet (issue 17): an adaptive student, antidistillation sampling, perplexity of the answers.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

from _common import LINES, header, say
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
from stillroom.teachers.base import Completion, GenParams
from stillroom.teachers.hf import HFTeacher

TOP_K = 20


def args_() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--work", default="/tmp/stillroom-defence")
    p.add_argument("--out", default=None, help="results file (default: print only)")
    p.add_argument("--prompts", type=int, default=96, help="distiller's pool (and the operator's)")
    p.add_argument("--heldout", type=int, default=24)
    p.add_argument("--tasks-per-kind", type=int, default=4)
    p.add_argument("--max-tokens", type=int, default=48)
    p.add_argument("--truncate", type=int, default=12)
    p.add_argument("--student-layers", type=int, default=6)
    p.add_argument("--cheap-layers", type=int, default=12)
    p.add_argument("--steps", type=int, default=60)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--lr", type=float, default=1e-3)
    return p.parse_args()


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


def answer(model: HFTeacher, prompts: list, a: argparse.Namespace, top_k: int = 0) -> list[Completion]:
    t0 = time.time()
    outs = model.generate(prompts, GenParams(max_new_tokens=a.max_tokens, top_logprobs=top_k))
    say(f"  {model.path}: {len(prompts)} answers in {time.time() - t0:.0f} s")
    return outs


def heldout_samples(teacher: HFTeacher, prompts: list, outs: list[Completion]) -> list[Sample]:
    return [
        Sample(str(i), p, "heldout", encode_prompt(teacher.tokenizer, p), c.token_ids, c.text)
        for i, (p, c) in enumerate(zip(prompts, outs, strict=True))
    ]


def main() -> None:
    a = args_()
    header("bench/defence.py")
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    teacher = HFTeacher(TeacherSpec.parse("hf:default").model_path)
    info = teacher.info()
    tasks = build_suite(per_kind=a.tasks_per_kind, seed=17)
    task_prompts = [t.messages() for t in tasks]
    pool, operator, held = chats(1701, a.prompts), chats(1702, a.prompts), chats(1703, a.heldout)

    say("teacher answers (distiller pool top-20, operator pool top-20, held-out, tasks):")
    t_pool = answer(teacher, pool, a, TOP_K)
    t_oper = answer(teacher, operator, a, TOP_K)
    samples = heldout_samples(teacher, held, answer(teacher, held, a))
    t_tasks = answer(teacher, task_prompts, a)

    say("the operator's cheap model (reroute target):")
    cheap_path = distil(
        a,
        write_store(work / "operator.sqlite", operator, t_oper, TOP_K, info),
        work / "cheap",
        "kd",
        a.cheap_layers,
    )
    cheap = HFTeacher(str(cheap_path))
    c_pool = answer(cheap, pool, a)
    c_tasks = answer(cheap, task_prompts, a)

    tok = teacher.tokenizer
    received = {  # setting -> (what the distiller's pool looks like, top-k kept, method)
        "none+logprobs": (t_pool, TOP_K, "kd"),
        "withhold": ([without_logprobs(c) for c in t_pool], 0, "sft"),
        "coarsen": ([coarsened(c) for c in t_pool], 2, "kd"),
        "truncate": ([truncated(c, a.truncate, tok) for c in t_pool], 0, "sft"),
        "reroute": ([without_logprobs(c) for c in c_pool], 0, "sft"),
    }
    utility = {
        "none+logprobs": accuracy(tasks, [c.text for c in t_tasks]),
        "withhold": accuracy(tasks, [c.text for c in t_tasks]),
        "coarsen": accuracy(tasks, [c.text for c in t_tasks]),
        "truncate": accuracy(tasks, [truncated(c, a.truncate, tok).text for c in t_tasks]),
        "reroute": accuracy(tasks, [c.text for c in c_tasks]),
    }
    say("students of the distiller:")
    students = {}
    for name, (outs, k, method) in received.items():
        store = write_store(work / f"{name}.sqlite", pool, outs, k, info)
        students[name] = distil(a, store, work / f"student-{name}", method, a.student_layers)
    report(a, teacher, samples, students, utility, tasks, cheap_path)


def report(
    a, teacher: HFTeacher, samples, students: dict[str, Path], utility: dict, tasks, cheap: Path
) -> None:
    models = {name: load_hf(str(path))[0] for name, path in students.items()}
    models["cheap model"] = load_hf(str(cheap))[0]
    models["pruned init"] = prune_layers(teacher.model, a.student_layers)[0]
    fid = fidelity(teacher_targets(teacher.model, samples), models, samples)
    init = fid["pruned init"]["kl"]
    base = 1 - fid["none+logprobs"]["kl"] / init
    say()
    say(
        f"[{a.prompts} distiller prompts, answers <= {a.max_tokens} tokens; students: {a.student_layers}-layer "
        f"prune, {a.steps} steps of batch {a.batch}, lr {a.lr}; cheap model: {a.cheap_layers}-layer prune, "
        f"same budget on the operator's {a.prompts} prompts; {len(tasks)} tasks; {len(samples)} held-out prompts]"
    )
    say(
        f"{'setting':<15} {'teacher task acc':>16} {'student KL':>11} {'gap closed':>11} {'vs none+logprobs':>17}"
    )
    for name in students:
        kl = fid[name]["kl"]
        closed = 1 - kl / init
        say(f"{name:<15} {utility[name]:>16.3f} {kl:>11.3f} {closed:>10.1%} {closed / base:>16.1%}")
    say(f"{'pruned init':<15} {'':>16} {init:>11.3f} {0:>10.1%}")
    say(
        f"{'cheap model':<15} {utility['reroute']:>16.3f} {fid['cheap model']['kl']:>11.3f}   (the reroute target itself)"
    )


if __name__ == "__main__":
    t0 = time.time()
    main()
    say(f"total {time.time() - t0:.0f} s wall, {time.process_time():.0f} s CPU")
    if "--out" in sys.argv:
        Path(sys.argv[sys.argv.index("--out") + 1]).write_text("\n".join(LINES) + "\n")

"""Benchmark: the size-quality frontier of students distilled from the embedded teacher.

    .venv/bin/python bench/student.py                  # every point; writes bench/results/student.txt
    .venv/bin/python bench/student.py --points demo    # one point (names: see POINTS)
    .venv/bin/python bench/student.py --quick          # smoke test: tiny data, few steps
    python3 bench/student.py --device cuda --large --harvest-budget 150 --train-budget 90 \
        --points "60% width 32k gpu"                   # a GPU's recipe (bench/results/student-gpu.txt)

On a machine without ../shared/traffic (a GPU box), write the prompt files first where it is
(`write_prompts(work / "full", False, True)`) and hand the folder over as --work.

Teacher: SmolLM2-135M-Instruct (30 layers, 134.5M parameters, 28.3M of them the tied embedding).
Data (built once under --work, resumable): the default taxonomy's template prompts (3 per cell),
64 of them held out; 1,500 targeted short-answer prompts (queries/skills.py); greedy teacher
answers of up to 96 tokens with top-20 logprobs. A second held-out set is 64 English prompts of
real users from ../shared/traffic (VAL sources only; skipped when the folder is absent).

Each point prunes the teacher by measured importance (layers by block influence, MLP channels by
what they write: RMS activation x down_proj column norm) to a parameter budget, heals it with logit KD from the online teacher, and is scored:
- held-out KL(teacher || student) in nats/token and perplexity of the teacher's answers, on the
  taxonomy and on the real-traffic prompts;
- checkable-task accuracy per kind (evaluate/tasks.py, never trained on), and as % of the teacher;
- distinct-2 of greedy answers to the held-out prompts, against the teacher's (degeneration);
- parameters, training tokens and wall time (under `heavy`: one thread, a shared machine).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import os
import random
import sys
import time
from pathlib import Path

from _common import LINES, header, say

ROOT = Path(__file__).resolve().parent
TRAFFIC = ROOT.parent.parent / "shared" / "traffic"
TRAFFIC_VAL = {"alpaca_eval_subset": 24, "koala_test": 16, "ultrachat_eval": 12, "nq_open_dev": 12}
RECIPE = {  # what every point shares; the demo uses the same (demo.py)
    "method": "kd",
    "signal": "online",
    "loss": {"kind": "fkl"},
    "train": {"batch_size": 8, "lr": 3e-4, "warmup_steps": 10, "length_group": 8, "checkpoint_every": 0},
}
DEMO_STEPS = 150  # the demo's steps: 1,056 s for the 22-layer student on one thread of a loaded machine
POINTS = {  # name -> student settings, steps, and any DistillConfig overrides of RECIPE
    "45%": {"student": {"layers": 16, "intermediate": 704}, "steps": DEMO_STEPS},
    "60%": {"student": {"layers": 22, "intermediate": 864}, "steps": DEMO_STEPS},
    "75%": {"student": {"layers": 25, "intermediate": 1152}, "steps": DEMO_STEPS},
    "60% gkd": {
        "student": {"layers": 22, "intermediate": 864},
        "steps": DEMO_STEPS,
        "overrides": {"method": "gkd", "gkd": {"lmbda": 0.3, "max_new_tokens": 48, "temperature": 1.0}},
    },
    "60% long": {"student": {"layers": 22, "intermediate": 864}, "steps": 1200},
    # The same 60% budget with the vocabulary trimmed to ~16k rows (distill/vocab.py): the 18.9M
    # parameters of rows the student never uses go to 4 more layers and wider MLPs.
    "60% trimmed": {"student": {"layers": 26, "intermediate": 1072, "vocab": 16384}, "steps": DEMO_STEPS},
    # A gentler trim (~32k rows: 99% of the teacher's answer tokens on real prompts kept).
    "60% trimmed 32k": {"student": {"layers": 24, "intermediate": 976, "vocab": 32768}, "steps": DEMO_STEPS},
    # The frontier around the demo's shape (24 x 976 @ 32k): the same recipe at ~45% and ~75% of the
    # teacher's parameters (20 x 696 = 60,646,464 = 45.1%; 28 x 1176 = 100,579,392 = 74.8%).
    "45% trimmed 32k": {"student": {"layers": 20, "intermediate": 696, "vocab": 32768}, "steps": DEMO_STEPS},
    "75% trimmed 32k": {"student": {"layers": 28, "intermediate": 1176, "vocab": 32768}, "steps": DEMO_STEPS},
    # Width only (Minitron: width pruning beats depth pruning at equal size): all 30 layers and all
    # attention, 680 of 1536 MLP channels per layer, 32k rows: 80,702,784 parameters = 59.995%.
    "60% width 32k": {"student": {"layers": 30, "intermediate": 680, "vocab": 32768}, "steps": DEMO_STEPS},
    "60% width 32k long": {
        "student": {"layers": 30, "intermediate": 680, "vocab": 32768},
        "steps": 2 * DEMO_STEPS,
        "overrides": {"weights": {"kd": 1.0, "hidden": 0.5}, "hidden": {"kind": "cosine"}},
    },
    # The same recipe with the losses over the prompt's positions too (loss.positions: all): the
    # online teacher's distribution at every position, as pruned-model recovery distils.
    "60% width 32k long all": {
        "student": {"layers": 30, "intermediate": 680, "vocab": 32768},
        "steps": 2 * DEMO_STEPS,
        "overrides": {
            "weights": {"kd": 1.0, "hidden": 0.5},
            "hidden": {"kind": "cosine"},
            "loss": {"positions": "all"},
        },
    },
    # The same recipe run twice as long again (600 steps, ~2 passes over the training data).
    "60% width 32k 600": {
        "student": {"layers": 30, "intermediate": 680, "vocab": 32768},
        "steps": 4 * DEMO_STEPS,
        "overrides": {"weights": {"kd": 1.0, "hidden": 0.5}, "hidden": {"kind": "cosine"}},
    },
    # Width only with the ~16k-row trim: the 9.4M parameters of rows 16k-32k go to MLP width
    # (862 of 1536 channels: 80,700,480 parameters = 59.99%), the same 300-step recipe as above.
    "60% width 16k long": {
        "student": {"layers": 30, "intermediate": 862, "vocab": 16384},
        "steps": 2 * DEMO_STEPS,
        "overrides": {"weights": {"kd": 1.0, "hidden": 0.5}, "hidden": {"kind": "cosine"}},
    },
    # A GPU's recipe (bench/results/student-gpu.txt): the width-only 60% student, batch 32, logit
    # and intermediate-layer KD, trained on the `--large` data for as many steps as `--train-budget`
    # allows (at most these).
    "60% width 32k gpu": {
        "student": {"layers": 30, "intermediate": 680, "vocab": 32768},
        "steps": 6000,
        "overrides": {
            "weights": {"kd": 1.0, "hidden": 0.5},
            "hidden": {"kind": "cosine"},
            "train": {"batch_size": 32, "warmup_steps": 50, "chunk_tokens": 1024},
        },
    },
    # The trimmed 16k student with twice the steps and intermediate-layer KD (Minitron's recipe).
    "60% trimmed long": {
        "student": {"layers": 26, "intermediate": 1072, "vocab": 16384},
        "steps": 2 * DEMO_STEPS,
        "overrides": {"weights": {"kd": 1.0, "hidden": 0.5}, "hidden": {"kind": "cosine"}},
    },
}


# --- data --------------------------------------------------------------------------------------
def write_prompts(work: Path, quick: bool, large: bool = False) -> dict[str, Path]:
    """The prompt files (JSONL) under `work`, written once: a machine without ../shared/traffic
    (a GPU box) can be handed the folder made elsewhere."""
    from stillroom.queries.build import QueriesConfig, build
    from stillroom.queries.skills import skill_rows

    work.mkdir(parents=True, exist_ok=True)
    names = ["tax_train", "tax_heldout", "skills_train", "traffic_heldout"] + (
        ["traffic_train"] if large else []
    )
    files = {n: work / f"{n}.jsonl" for n in names}
    if not files["tax_train"].is_file():
        rows = [r.to_json() for r in build(QueriesConfig(out=str(work / "tax.jsonl"), per_cell=3)).rows]
        random.Random(1).shuffle(rows)
        n_held = 8 if quick else 64
        n_skills = 20 if quick else 4000 if large else 2000
        _write(files["tax_heldout"], rows[:n_held])
        _write(files["tax_train"], rows[n_held : 40 if quick else None])
        _write(files["skills_train"], [r.to_json() for r in skill_rows(n_skills, seed=0)])
        _write(files["traffic_heldout"], traffic_rows(2 if quick else None))
        if large:
            _write(files["traffic_train"], traffic_train_rows(20 if quick else None))
    return files


def build_data(
    work: Path, quick: bool, device: str = "cpu", large: bool = False, budget_s: float | None = None
) -> dict[str, Path]:
    """Prompt files and harvest stores under `work`; every step is skipped when its output exists.

    `large` (a GPU's budget): 4,000 skill prompts instead of 2,000, plus real users' and instruction
    sets' first turns from ../shared/traffic's *training* sources (`traffic_train_rows`; none of
    the held-out VAL sources), answered up to 128 tokens: the pruned student has to relearn general
    text, which the taxonomy's essays and the short skill answers alone do not cover.
    """
    files = write_prompts(work, quick, large)
    stores = {}
    deadline = time.monotonic() + budget_s if budget_s else None
    for name, path in files.items():
        if name.startswith("traffic") and not path.read_text().strip():
            continue
        new = 128 if name.startswith("traffic") else 96
        stores[name] = harvest(
            path,
            work / f"{name}.db",
            new,
            quick,
            device,
            0 if large else 20,
            deadline if name == "traffic_train" else None,
        )
    parts = [stores[n] for n in ("tax_train", "skills_train", "traffic_train") if n in stores]
    stores["train"] = merged(work / "train_all.db", parts)
    return stores


def traffic_rows(per_source: int | None) -> list[dict]:
    """Short English user prompts from the traffic corpus's held-out (VAL) sources, seeded."""
    if not TRAFFIC.is_dir():
        return []
    rng, rows = random.Random(0), []
    for src, n in TRAFFIC_VAL.items():
        with gzip.open(TRAFFIC / f"{src}.jsonl.gz", "rt") as f:
            turns = [json.loads(line)["messages"][0] for line in f]
        texts = [
            t["content"]
            for t in turns
            if t["role"] == "user" and len(t["content"]) <= 300 and t["content"].isascii()
        ]
        rows += [_prompt_row(t, src) for t in rng.sample(texts, per_source or n)]
    return rows


def _prompt_row(text: str, source: str) -> dict:
    """One single-turn prompt row of the traffic corpus (the id: a hash of the text)."""
    return {
        "id": hashlib.sha256(text.encode()).hexdigest()[:16],
        "messages": [{"role": "user", "content": text}],
        "cell": {"domain": source, "task": "traffic", "difficulty": "unassigned"},
        "source": "template",
    }


# Training sources for `large` data: first user turns, English, at most MAX_CHARS, each source
# capped so no one suite dominates (BBH's few-shot prompts are 6k rows). The VAL sources above
# stay held out.
TRAFFIC_TRAIN_CAP = 1500
MAX_CHARS = 1500


def traffic_train_rows(per_source: int | None) -> list[dict]:
    """First user turns of ../shared/traffic's non-VAL sources (ASCII, <= MAX_CHARS), seeded."""
    if not TRAFFIC.is_dir():
        return []
    rng, rows, seen = random.Random(2), [], set()
    for path in sorted(TRAFFIC.glob("*.jsonl.gz")):
        src = path.name.removesuffix(".jsonl.gz")
        if src in TRAFFIC_VAL:
            continue
        with gzip.open(path, "rt") as f:
            texts = []
            for line in f:
                turns = [m for m in json.loads(line).get("messages") or [] if m.get("role") == "user"]
                t = turns[0]["content"] if turns else ""
                if t and len(t) <= MAX_CHARS and t.isascii() and t not in seen:
                    seen.add(t)
                    texts.append(t)
        rows += [
            _prompt_row(t, src) for t in rng.sample(texts, min(len(texts), per_source or TRAFFIC_TRAIN_CAP))
        ]
    return rows


def harvest(
    prompts: Path,
    store: Path,
    max_new_tokens: int,
    quick: bool,
    device: str = "cpu",
    top_logprobs: int = 20,
    deadline: float | None = None,
) -> Path:
    """Harvest `prompts` into `store`; with a `deadline` (time.monotonic()), in slices of 1,024
    prompts until it passes: the store then holds what was answered, and a rerun finishes it."""
    from stillroom.harvest.run import HarvestConfig, run
    from stillroom.teachers import TeacherConfig, load_teacher

    # 1,024 rows per batch on a GPU: decoding a 135M model is launch-bound, not memory-bound
    gpu = device.startswith("cuda")
    cfg = HarvestConfig(
        prompts=str(prompts),
        store=str(store),
        max_new_tokens=16 if quick else max_new_tokens,
        top_logprobs=top_logprobs,
        teacher=TeacherConfig(device=device, batch_size=1024 if gpu else 64),
        limit=1024 if deadline else None,
    )
    teacher = load_teacher(cfg.teacher)
    while True:
        done = run(cfg, teacher)
        if not deadline or done["pending_prompts"] < cfg.limit:
            break
        if time.monotonic() > deadline:
            say(f"harvest budget spent: {store.name} left unfinished")
            break
    return store


def merged(out: Path, parts: list[Path]) -> Path:
    """One training store holding the prompts and completions of `parts` (same teacher and settings)."""
    import sqlite3

    if out.is_file():
        return out
    tmp = out.with_name(out.name + ".tmp")
    tmp.unlink(missing_ok=True)
    tmp.write_bytes(parts[0].read_bytes())
    con = sqlite3.connect(tmp)
    cols = [r[1] for r in con.execute("PRAGMA table_info(completions)") if r[1] != "id"]
    for i, p in enumerate(parts[1:]):
        con.execute(f"ATTACH DATABASE ? AS s{i}", (str(p),))
        con.execute(f"INSERT OR IGNORE INTO prompts SELECT * FROM s{i}.prompts")
        names = ",".join(cols)
        con.execute(f"INSERT OR IGNORE INTO completions ({names}) SELECT {names} FROM s{i}.completions")
        con.commit()
        con.execute(f"DETACH DATABASE s{i}")
    con.execute("DELETE FROM training_use")
    con.commit()
    con.close()
    tmp.replace(out)
    return out


def _write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))


# --- measurements --------------------------------------------------------------------------------
try:  # evaluate/metrics.py gains distinct_n with the honest-reporting work (issue 19)
    from stillroom.evaluate.metrics import distinct_n
except ImportError:

    def distinct_n(texts: list[str], n: int) -> float:
        """Unique word n-grams / all word n-grams over every text (Li et al. 2016)."""
        grams = [
            tuple(w[i : i + n]) for t in texts for w in [t.lower().split()] for i in range(len(w) - n + 1)
        ]
        return len(set(grams)) / len(grams) if grams else 0.0


class Judge:
    """Everything a point is scored against: the teacher's states on the held-out answers, its task
    answers and greedy answers, computed once."""

    def __init__(self, stores: dict[str, Path], per_kind: int, quick: bool, work: Path, device: str = "cpu"):
        import torch

        from stillroom.evaluate import tasks
        from stillroom.teachers.hf import HFTeacher

        self.device = device  # fp32 everywhere: KL differences of a few hundredths must not be bf16 noise
        self.teacher = HFTeacher("default", device=device, batch_size=32, dtype=torch.float32)
        tok = self.teacher.tokenizer
        self.sets = {k: _sequences(stores[k], tok) for k in ("tax_heldout", "traffic_heldout") if k in stores}
        self._t_hidden: dict | None = None
        self.suite = tasks.build_suite(2 if quick else per_kind, seed=0)
        self.prompts = [p for k in self.sets for p, *_ in self.sets[k][: 32 // len(self.sets)]]
        self.new_tokens = 16 if quick else 64
        cached = work / f"teacher-score-{per_kind}.json"
        if not cached.is_file():
            cached.write_text(json.dumps(self.score_model(self.teacher, "teacher", teacher=True)))
        self.reference = json.loads(cached.read_text())

    @property
    def t_hidden(self) -> dict:
        """The teacher's final hidden states at every held-out answer position, computed once (its
        log-probabilities are recomputed per sequence: memory stays at one sequence's worth)."""
        if self._t_hidden is None:
            self._t_hidden = {k: [_hidden(self.teacher.model, s) for s in v] for k, v in self.sets.items()}
        return self._t_hidden

    def score_model(self, model, name: str, teacher: bool = False) -> dict:
        from stillroom.distill.prune import param_count
        from stillroom.evaluate import tasks
        from stillroom.fidelity import vocab_rows
        from stillroom.teachers.base import GenParams

        out: dict = {"name": name, "params": param_count(model.model.config)}
        if not teacher:
            t_head = self.teacher.model.get_output_embeddings().weight
            rows = vocab_rows(model.model)  # a trimmed student's teacher id per own id, else None
            for k, seqs in self.sets.items():
                out[k] = _fidelity(model.model, seqs, self.t_hidden[k], t_head, rows)
        answers = model.generate([t.messages() for t in self.suite], GenParams(max_new_tokens=48))
        per: dict[str, list[bool]] = {}
        for t, a in zip(self.suite, answers, strict=True):
            per.setdefault(t.kind, []).append(tasks.check(t, a.text))
        out["tasks"] = {k: [sum(v), len(v)] for k, v in per.items()}
        out["task_acc"] = sum(sum(v) for v in per.values()) / len(self.suite)
        greedy = model.generate(self.prompts, GenParams(max_new_tokens=self.new_tokens))
        out["distinct2"] = distinct_n([g.text for g in greedy], 2)
        out["examples"] = [g.text for g in greedy[:3]]
        return out


def _sequences(store: Path, tok) -> list[tuple]:
    """(prompt, ids, answer start) for each held-out record."""
    from stillroom.harvest.store import HarvestStore
    from stillroom.models import encode_prompt

    s = HarvestStore(store)
    try:
        out = []
        for r in s.records():
            p = encode_prompt(tok, r.prompt)
            out.append((r.prompt, p + list(r.token_ids), len(p)))
        return out
    finally:
        s.close()


def _hidden(model, seq: tuple):
    """Final hidden states at the positions that predict the answer tokens: [R, H]."""
    import torch

    _, ids, start = seq
    with torch.inference_mode():
        ids_t = torch.tensor([ids], device=model.device)
        return model.base_model(input_ids=ids_t).last_hidden_state[0, start - 1 : len(ids) - 1]


def _fidelity(model, seqs: list[tuple], t_hidden: list, t_head, rows: list[int] | None = None) -> dict:
    """KL(teacher || model) per answer token (nats) and perplexity of the teacher's answers.

    A trimmed student (`rows`: its ids' teacher ids) is compared over its own vocabulary: the
    teacher's distribution restricted to the kept tokens and renormalised; `out_mass` is the
    teacher's mean probability on the dropped ones. A sequence is scored up to its first token
    the student cannot represent (`tokens_outside` counts the answer tokens cut that way)."""
    import torch

    head = model.get_output_embeddings().weight
    dev = head.device
    to_student = None if rows is None else {t: s for s, t in enumerate(rows)}
    kl = nll = n = out_mass = 0.0
    cut = 0
    for seq, th in zip(seqs, t_hidden, strict=True):
        prompt, ids, start = seq
        th_rows, t_rows = th, t_head
        if to_student is not None:
            end = next((j for j, t in enumerate(ids) if t not in to_student), len(ids))
            cut += len(ids) - max(end, start)
            if end <= start:
                continue
            th_rows = th[: end - start]
            ids = [to_student[t] for t in ids[:end]]
            t_rows = t_head[torch.tensor(rows, device=dev)]
            with torch.inference_mode():
                full = torch.log_softmax(th_rows @ t_head.T, -1)
                out_mass += float((1 - full.exp()[:, torch.tensor(rows, device=dev)].sum(-1)).sum())
        with torch.inference_mode():
            tl = torch.log_softmax(th_rows @ t_rows.T, -1)
            sl = torch.log_softmax(_hidden(model, (prompt, ids, start)) @ head.T, -1)
        targets = torch.tensor(ids[start:], device=dev)
        kl += float((tl.exp() * (tl - sl)).sum())
        nll += float(-sl.gather(1, targets[:, None]).sum())
        n += len(targets)
    out = {"kl": kl / n, "ppl": math.exp(nll / n), "tokens": int(n)}
    if to_student is not None:
        out |= {"out_mass": out_mass / n, "tokens_outside": cut, "vocab": len(rows)}
    return out


# --- points ----------------------------------------------------------------------------------------
def _slug(name: str) -> str:
    return name.replace(" ", "-").replace("%", "pct")


def point_config(name: str, store: Path, work: Path, quick: bool):
    """RECIPE with the point's student, steps and overrides (nested dicts merge)."""
    from stillroom.distill.config import DistillConfig

    spec = json.loads(json.dumps(POINTS[name]))
    cfg = _merge(json.loads(json.dumps(RECIPE)), spec.get("overrides", {}))
    cfg["train"]["steps"] = 3 if quick else spec["steps"]
    cfg |= {"out": str(work / "runs" / _slug(name)), "teacher": "hf:default", "store": str(store)}
    cfg["student"] = spec["student"]
    from stillroom.harvest.store import HarvestStore

    st = HarvestStore(store)
    try:  # the `large` data's traffic turns are answered to 128 tokens: their own harvest config
        keys = [c["config_key"] for c in st.configs()]
    finally:
        st.close()
    if len(keys) > 1:
        cfg["harvest_key"] = dict.fromkeys(keys, 1.0)
    return DistillConfig.model_validate(cfg)


def _merge(a: dict, b: dict) -> dict:
    for k, v in b.items():
        a[k] = _merge(a.get(k, {}), v) if isinstance(v, dict) else v
    return a


PROBE_STEPS = 12


def fit_steps(cfg, budget_s: float, probe_steps: int = PROBE_STEPS) -> int:
    """The point's steps cut to what `budget_s` seconds of training allow, timed by a probe run of
    the same config (PROBE_STEPS steps; the first two, warm-up and allocation, are not counted).
    The schedule then spans the steps actually run, so a short budget still decays the lr."""
    import shutil

    from stillroom.distill.train import train

    probe = cfg.model_copy(deep=True)
    probe.out = cfg.out + "-probe"
    probe.train.steps = probe_steps
    probe.train.val_prompts = 0
    shutil.rmtree(probe.out, ignore_errors=True)
    train(probe)
    lines = [json.loads(x) for x in (Path(probe.out) / "metrics.jsonl").read_text().splitlines()]
    per_step = sum(m["seconds"] for m in lines[2:]) / max(1, len(lines[2:]))
    steps = max(probe_steps, min(cfg.train.steps, int(budget_s / per_step)))
    say(f"probe: {per_step:.3f} s/step -> {steps} steps in {budget_s:.0f} s")
    return steps


def distill_point(name: str, store: Path, work: Path, quick: bool, budget_s: float | None = None) -> dict:
    """Train the point's student unless its run folder is complete; its cost."""
    import shutil

    from stillroom.distill.train import train

    cfg = point_config(name, store, work, quick)
    out = Path(cfg.out)
    if not (out / "summary.json").is_file():
        shutil.rmtree(out, ignore_errors=True)
        if budget_s:
            cfg.train.steps = fit_steps(cfg, budget_s, 4 if quick else PROBE_STEPS)
        train(cfg)
    summary = json.loads((out / "summary.json").read_text())
    return {
        "run": str(out),
        "steps": cfg.train.steps,
        "train_tokens": summary.get("tokens") or summary.get("train_tokens"),
        "train_s": summary.get("seconds") or summary.get("wall_s"),
    }


def score_point(judge: Judge, folder: Path, name: str) -> dict:
    import torch

    from stillroom.teachers.hf import HFTeacher

    student = HFTeacher(str(folder), device=judge.device, batch_size=32, dtype=torch.float32)
    return judge.score_model(student, name)


# --- report ----------------------------------------------------------------------------------------
def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def table(ref: dict, rows: list[dict]) -> None:
    t_params = ref["params"]
    kinds = list(ref["tasks"])
    say(
        f"teacher: {t_params / 1e6:.1f}M params; checkable tasks {ref['task_acc']:.1%} "
        f"({' '.join(f'{k} {v[0]}/{v[1]}' for k, v in ref['tasks'].items())}); "
        f"distinct-2 {ref['distinct2']:.3f}"
    )
    say("")
    say(
        f"{'point':10s} {'params':>7s} {'share':>6s} {'KL tax':>7s} {'KL real':>7s} {'ppl tax':>8s} "
        f"{'tasks':>6s} {'% teacher':>9s} {'95% CI of tasks':>16s} {'dist-2':>6s} {'vs T':>5s} "
        f"{'tokens':>7s} {'train s':>7s}"
    )
    for r in rows:
        k = sum(v[0] for v in r["tasks"].values())
        n = sum(v[1] for v in r["tasks"].values())
        lo, hi = wilson(k, n)
        real = r.get("traffic_heldout", {}).get("kl", float("nan"))
        say(
            f"{r['name']:10s} {r['params'] / 1e6:6.1f}M {r['params'] / t_params:6.1%} "
            f"{r['tax_heldout']['kl']:7.3f} {real:7.3f} {r['tax_heldout']['ppl']:8.2f} "
            f"{r['task_acc']:6.1%} {r['task_acc'] / ref['task_acc']:9.1%} {f'{lo:.1%}-{hi:.1%}':>16s} "
            f"{r['distinct2']:6.3f} {r['distinct2'] / ref['distinct2'] - 1:+5.0%} "
            f"{(r.get('train_tokens') or 0) / 1e3:6.0f}k {r.get('train_s') or 0:7.0f}"
        )
    say("")
    say("per task kind: correct/n (teacher, then each point; % of teacher where the teacher scored)")
    for kind in kinds:
        tk, tn = ref["tasks"][kind]
        cells = []
        for r in rows:
            k, n = r["tasks"][kind]
            share = f" ({k / tk:.0%})" if tk else ""
            cells.append(f"{r['name']} {k}/{n}{share}")
        say(f"  {kind:10s} teacher {tk}/{tn};  " + ";  ".join(cells))


def plot(ref: dict, rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    pts = [r for r in rows if r["name"] != "init"]
    fig, ax = plt.subplots(1, 2, figsize=(9, 3.5))
    share = [r["params"] / ref["params"] for r in pts]
    ax[0].scatter(share, [r["tax_heldout"]["kl"] for r in pts])
    ax[1].scatter(share, [r["task_acc"] / ref["task_acc"] for r in pts])
    for r, x in zip(pts, share, strict=True):
        ax[0].annotate(r["name"], (x, r["tax_heldout"]["kl"]), fontsize=7)
        ax[1].annotate(r["name"], (x, r["task_acc"] / ref["task_acc"]), fontsize=7)
    ax[0].set(xlabel="share of teacher parameters", ylabel="held-out KL (nats/token)")
    ax[1].set(xlabel="share of teacher parameters", ylabel="task accuracy, share of teacher")
    ax[1].axhline(0.7, ls="--", c="grey", lw=0.8)
    ax[0].axhline(1.0, ls="--", c="grey", lw=0.8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default=str(Path.home() / ".cache" / "stillroom" / "bench-student"))
    ap.add_argument("--points", nargs="*", default=list(POINTS), help=f"any of {list(POINTS)}")
    ap.add_argument("--per-kind", type=int, default=40, help="checkable tasks per kind")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--device", default="cpu", help="cpu or cuda: harvest, training and scoring")
    ap.add_argument("--large", action="store_true", help="the GPU's data: more skills + real traffic turns")
    ap.add_argument("--train-budget", type=float, help="seconds of training per point (a probe sets steps)")
    ap.add_argument(
        "--harvest-budget", type=float, help="seconds for the data: real traffic turns stop there"
    )
    ap.add_argument("--out", default=str(ROOT / "results" / "student.txt"))
    args = ap.parse_args()
    header("bench/student.py")
    work = Path(args.work) / ("quick" if args.quick else "full")
    t0 = time.perf_counter()
    stores = build_data(work, args.quick, args.device, args.large, args.harvest_budget)
    say(f"data ready in {time.perf_counter() - t0:.0f}s under {work}")
    judge = Judge(stores, args.per_kind, args.quick, work, args.device)
    rows = []
    for name in args.points:
        info = distill_point(name, stores["train"], work, args.quick, args.train_budget)
        scored = Path(info["run"]) / "bench-score.json"
        if not scored.is_file():
            row = score_point(judge, Path(info["run"]) / "student", name) | POINTS[name] | info
            scored.write_text(json.dumps(row))
        row = json.loads(scored.read_text())
        rows.append(row)
        say(f"{name}: {json.dumps({k: v for k, v in row.items() if k != 'examples'})}")
    table(judge.reference, rows)
    out = Path(args.out)
    if not args.quick:
        out.write_text("\n".join(LINES) + "\n")
        out.with_suffix(".json").write_text(
            json.dumps({"teacher": judge.reference, "points": rows}, indent=1)
        )
        plot(judge.reference, rows, out.with_suffix(".png"))
    print(f"wrote {out}" if not args.quick else "quick run: nothing written", file=sys.stderr)


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main()

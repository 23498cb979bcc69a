"""`stillroom eval`: capability, fidelity, degeneration, size/speed and cost of models against their teacher.

Reads held-out prompts from the harvest store (every prompt no training run has marked as used),
with the teacher's harvested answers, and writes one `EvalReport` (`<out>/eval.json`) with the
exact model and data fingerprints. A model given as a distill run folder also gets its own
`<run>/eval.json` and a cost entry read from the run's summary.

What leads is what a user of the student needs: checkable-task accuracy as a share of the
teacher's (with intervals), KL and perplexity on the teacher's answers, and whether the greedy
answers degenerate into repetition; a verdict says "usable" only when all three hold
(`verdict.py`). The share of the floor's KL gap closed comes after, because a gap measured from a
pruned init flatters any student.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stillroom.contracts.artifacts import (
    Capability,
    CostLedger,
    Degeneration,
    EvalData,
    EvalReport,
    Fidelity,
    ModelResult,
    Proportion,
    SideBySide,
    Size,
    Speed,
    TaskResult,
)
from stillroom.errors import UserError
from stillroom.evaluate import cost, speed, stats, tasks
from stillroom.evaluate.config import EvalConfig, check_inputs, resolve_model
from stillroom.evaluate.metrics import chrf, distinct_n, rouge_l, seq_repetition
from stillroom.evaluate.verdict import verdict
from stillroom.fidelity import Sample, fidelity, samples_from_store, teacher_targets
from stillroom.harvest.store import HarvestStore
from stillroom.models import model_fingerprint, resolve_model_path
from stillroom.progress import progress_bar
from stillroom.runs import RunDir, machine, write_json_atomic
from stillroom.teachers.base import GenParams
from stillroom.teachers.hf import HFTeacher

__all__ = ["EvalConfig", "capability", "evaluate", "measure"]

METHODS = {
    **stats.METHODS,
    "kl": "mean over the teacher's held-out answer tokens of KL(teacher || model), full vocabulary, nats/token",
    "ppl": "exp of the mean negative log-likelihood of the teacher's held-out answer tokens under the model",
    "degeneration": (
        "greedy answers to the held-out prompts as lower-cased whitespace words: distinct-n = unique / all "
        "word n-grams over all answers (Li et al. 2016); repetition = mean share of repeated 4-grams "
        "within an answer (seq-rep-4, Welleck et al. 2019)"
    ),
    "gap_closed": "1 - KL(model) / KL(floor): the share of the pruned init's KL the training removed",
}


def trained_prompt_ids(store, specs: list[str]) -> set[str]:
    """Prompts any run trained on: those marked in this store, and those the given run folders' own stores
    (summary `store`, `store_run`) recorded, so a student trained from another store is still held out."""
    used = set(store.used_prompt_ids())
    for spec in specs:
        run_dir = resolve_model(spec)[1]
        summary = RunDir(run_dir).summary() if run_dir else None
        other = summary.store if summary else None
        if other and Path(other).is_file() and Path(other).resolve() != store.path.resolve():
            s = HarvestStore(other)
            used |= s.used_prompt_ids(run=summary.store_run)
            s.close()
    return used


def heldout_samples(store, key: str | None, tok, limit: int, used: set[str]) -> tuple[list[Sample], dict]:
    """The teacher's answers to prompts no run trained on (`used`), first sample each, up to `limit`."""
    row = store.config(store.pick_key(key))
    out = samples_from_store(store, row["config_key"], tok, used, limit)
    if not out:
        raise UserError(f"no held-out prompts in {store.path}: every harvested prompt was used for training")
    return out, row


def data_fingerprint(key: str, samples: list[Sample]) -> str:
    h = hashlib.sha256(key.encode())
    for s in samples:
        h.update(s.prompt_id.encode())
        h.update(bytes(str(s.answer_ids), "ascii"))
    return h.hexdigest()[:16]


def _load(spec: str, cfg: EvalConfig):
    path, run_dir = resolve_model(spec)
    model = HFTeacher(path, device=cfg.device, batch_size=cfg.batch_size)
    folder = resolve_model_path(path)
    return model, {
        "spec": spec,
        "folder": str(folder),
        "fingerprint": model_fingerprint(folder),
        "run_dir": str(run_dir) if run_dir else None,
    }


# --- the measures --------------------------------------------------------------------------------
def capability(
    model, suite: list[tasks.Task], max_new_tokens: int, watermark: dict | None = None
) -> Capability:
    """Greedy answers to the checkable suite, scored per kind and domain; `watermark` (a WatermarkKey dict)
    measures its cost. `retained` is filled in against the teacher by `with_retained`."""
    params = GenParams(max_new_tokens=max_new_tokens, watermark=watermark)
    outs = model.generate([t.messages() for t in suite], params)
    results = [
        TaskResult(
            id=t.id,
            kind=t.kind,
            domain=t.domain,
            prompt=t.prompt,
            expected=t.answer,
            answer=c.text,
            passed=tasks.check(t, c.text),
        )
        for t, c in zip(suite, outs, strict=True)
    ]
    return Capability(
        overall=stats.proportion([r.passed for r in results]),
        per_kind=_grouped(results, "kind"),
        per_domain=_grouped(results, "domain"),
        tasks=results,
    )


def _grouped(results: list[TaskResult], field: str) -> dict[str, Proportion]:
    groups: dict[str, list[bool]] = {}
    for r in results:
        groups.setdefault(getattr(r, field), []).append(r.passed)
    return {k: stats.proportion(v) for k, v in sorted(groups.items())}


def with_retained(cap: Capability, teacher: Capability, seed: int = 0) -> Capability:
    """`cap` with its accuracy as a share of the teacher's (overall with a paired-bootstrap interval, per kind)."""
    mine = [r.passed for r in cap.tasks]
    theirs = [r.passed for r in teacher.tasks]
    per_kind = {
        k: (
            p.rate / teacher.per_kind[k].rate
            if teacher.per_kind.get(k) and teacher.per_kind[k].rate
            else None
        )
        for k, p in cap.per_kind.items()
    }
    return cap.model_copy(
        update={
            "retained": cap.overall.rate / teacher.overall.rate if teacher.overall.rate else None,
            "retained_ci": stats.retained_interval(mine, theirs, seed),
            "retained_per_kind": per_kind,
        }
    )


def degeneration(texts: list[str]) -> Degeneration:
    return Degeneration(
        answers=len(texts),
        words=sum(len(t.split()) for t in texts),
        distinct_1=distinct_n(texts, 1),
        distinct_2=distinct_n(texts, 2),
        repetition=sum(map(seq_repetition, texts)) / max(len(texts), 1),
    )


def similarity(ref: list[str], cand: list[str]) -> dict[str, float]:
    n = max(len(ref), 1)
    return {"rougeL": sum(map(rouge_l, ref, cand)) / n, "chrf": sum(map(chrf, ref, cand)) / n}


def gap_closed(kl: float, floor_kl: float) -> float | None:
    """Share of the floor's KL to the teacher that this model removed: 1 - KL/KL_floor (the teacher's KL is 0)."""
    return None if floor_kl <= 0 else 1.0 - kl / floor_kl


# --- the run -------------------------------------------------------------------------------------
def evaluate(cfg: EvalConfig) -> Path:
    """Run every measurement for every model; write and return `<out>/eval.json`.

    The output folder is created only once the measurements are done, so a failed eval leaves nothing.
    """
    check_inputs(cfg)
    report = measure(cfg)
    run = RunDir.create(cfg.out, cfg)
    write_json_atomic(run.path / "eval.json", report)
    keep = ("teacher", cfg.floor)
    for m in report.models:
        if m.run_dir:
            own = [x for x in report.models if x.name in (*keep, m.name)]
            write_json_atomic(Path(m.run_dir) / "eval.json", report.model_copy(update={"models": own}))
    return run.path / "eval.json"


@dataclass
class _Measured:
    """One model's raw measurements, before they are compared with the teacher."""

    name: str
    info: dict[str, Any]
    fid: dict[str, Any]
    greedy: list[str]
    cap: Capability
    size: Size
    speed: Speed


def measure(cfg: EvalConfig) -> EvalReport:
    t0, mach = time.perf_counter(), machine()
    store = HarvestStore(cfg.store)
    teacher, t_info = _load(cfg.teacher, cfg)
    try:
        used = trained_prompt_ids(store, list(cfg.models.values()))
        samples, harvest_row = heldout_samples(
            store, cfg.config_key, teacher.tokenizer, cfg.max_heldout, used
        )
    finally:
        store.close()
    _same_teacher(harvest_row, t_info, cfg)
    loaded = {"teacher": (teacher, t_info)} | {name: _load(spec, cfg) for name, spec in cfg.models.items()}
    suite = tasks.build_suite(cfg.tasks_per_kind, cfg.seed)
    raw = _measure_all(cfg, loaded, samples, suite)
    rows = _compare(raw, cfg)
    key = harvest_row["config_key"]
    return EvalReport(
        created=time.time(),
        machine=mach,
        teacher=cfg.teacher,
        data=EvalData(
            store=str(Path(cfg.store).resolve()),
            config_key=key,
            heldout_prompts=len(samples),
            heldout_tokens=sum(len(s.answer_ids) for s in samples),
            fingerprint=data_fingerprint(key, samples),
            tasks=len(suite),
        ),
        thresholds=cfg.thresholds,
        methods=METHODS,
        models=rows,
        cost=_ledger(rows, cfg, harvest_row),
        examples=_examples(samples, raw, cfg.examples),
        wall_s=time.perf_counter() - t0,
    )


def _same_teacher(harvest_row: dict, t_info: dict, cfg: EvalConfig) -> None:
    answered_by = harvest_row["teacher"].get("fingerprint")
    if answered_by and answered_by != t_info["fingerprint"]:
        raise UserError(
            f"the store's answers come from {harvest_row['teacher'].get('spec')} ({answered_by}), not from "
            f"--teacher {cfg.teacher} ({t_info['fingerprint']}): evaluate against the teacher that answered"
        )


def _measure_all(
    cfg: EvalConfig, loaded: dict, samples: list[Sample], suite: list[tasks.Task]
) -> list[_Measured]:
    greedy = GenParams(max_new_tokens=cfg.max_new_tokens)
    out = []
    with progress_bar() as bar:
        job = bar.add_task("eval", total=2 * len(samples) + 2 * len(loaded), rate="teacher targets")
        targets = teacher_targets(loaded["teacher"][0].model, samples)
        bar.update(job, advance=len(samples), rate="fidelity")
        fid = fidelity(
            targets,
            {n: m.model for n, (m, _) in loaded.items()},
            samples,
            on_sample=lambda: bar.update(job, advance=1),
        )
        for name, (m, info) in loaded.items():
            bar.update(job, rate=f"{name}: generate")
            outs, gen = speed.timed_generate(m, [s.prompt for s in samples], greedy)
            bar.update(job, advance=1, rate=f"{name}: tasks, {gen['tokens_per_s']:.0f} tok/s")
            cap = capability(m, suite, cfg.task_max_new_tokens)
            size = Size(**speed.size(m.model, info["folder"]))
            out.append(_Measured(name, info, fid[name], [c.text for c in outs], cap, size, Speed(**gen)))
            bar.update(job, advance=1)
    return out


def _role(name: str, cfg: EvalConfig) -> str:
    return "teacher" if name == "teacher" else "floor" if name == cfg.floor else "student"


def _compare(raw: list[_Measured], cfg: EvalConfig) -> list[ModelResult]:
    """Each model against the teacher: similarity, accuracy kept, KL gap closed, degeneration, verdict."""
    teacher = raw[0]
    t_degen = degeneration(teacher.greedy)
    floor_kl = next((r.fid["kl"] for r in raw if _role(r.name, cfg) == "floor"), None)
    rows = []
    for r in raw:
        fid = Fidelity(
            **r.fid,
            **similarity(teacher.greedy, r.greedy),
            gap_closed=gap_closed(r.fid["kl"], floor_kl) if floor_kl is not None else None,
        )
        cap = with_retained(r.cap, teacher.cap, cfg.seed)
        degen = degeneration(r.greedy)
        role = _role(r.name, cfg)
        rows.append(
            ModelResult(
                name=r.name,
                role=role,
                **r.info,
                fidelity=fid,
                capability=cap,
                degeneration=degen,
                size=r.size,
                speed=r.speed,
                verdict=None if role == "teacher" else verdict(cap, fid, degen, t_degen, cfg.thresholds),
            )
        )
    return rows


def _ledger(rows: list[ModelResult], cfg: EvalConfig, heldout_row: dict) -> CostLedger:
    """The training harvest each student consumed, the held-out harvest apart, and the from-scratch reference."""
    t_params = rows[0].size.params
    scratch = cost.scratch_cost(cfg.teacher, t_params, cfg.teacher_train_tokens)
    harvests = {}
    for r in rows:
        summary = RunDir(Path(r.run_dir)).summary() if r.run_dir else None
        if summary is None:
            continue
        harvest = cost.training_harvest(summary, t_params)
        if harvest is not None:
            harvests[(harvest.store, harvest.config_key)] = harvest
        r.cost = cost.student_cost(summary, r.size.params, t_params, harvest)
        if scratch.train_flops:
            r.cost.share_of_scratch_flops = r.cost.total_flops / scratch.train_flops
    held = cost.harvest_cost(cfg.store, heldout_row, t_params, "held-out")
    return CostLedger(harvests=[*harvests.values(), held], teacher_from_scratch=scratch)


def _examples(samples: list[Sample], raw: list[_Measured], n: int) -> list[SideBySide]:
    out = []
    for i, s in enumerate(samples[:n]):
        prompt = s.prompt if isinstance(s.prompt, str) else s.prompt[-1]["content"]
        out.append(SideBySide(prompt=prompt, domain=s.domain, outputs={r.name: r.greedy[i] for r in raw}))
    return out

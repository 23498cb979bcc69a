"""`stillroom eval`: fidelity, capability, size/speed and cost of models against their teacher.

Reads held-out prompts from the harvest store (every prompt no training run has marked as used),
with the teacher's harvested answers, and writes one JSON (`<out>/eval.json`) with the exact
model and data fingerprints. A model given as a distill run folder also gets its own
`<run>/eval.json` and a cost entry read from the run's summary.
"""

from __future__ import annotations

import hashlib
import os
import platform
import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, model_validator

from stillroom.contracts.teacher_spec import TeacherSpec, TeacherSpecStr
from stillroom.errors import UserError
from stillroom.evaluate import cost, speed, tasks
from stillroom.evaluate.fidelity import Sample, fidelity
from stillroom.evaluate.metrics import chrf, rouge_l
from stillroom.harvest.store import HarvestStore
from stillroom.models import encode_prompt, model_fingerprint, resolve_model_path
from stillroom.progress import progress_bar
from stillroom.runs import RunDir, write_json_atomic
from stillroom.teachers.base import GenParams
from stillroom.teachers.hf import HFTeacher


class EvalConfig(BaseModel):
    teacher: TeacherSpecStr = "hf:default"
    store: str  # harvest store (SQLite) holding the prompts and the teacher's answers
    config_key: str | None = None  # harvest config to read; default: the one with the most completions
    models: dict[str, str] = Field(
        default_factory=dict
    )  # name -> hf:PATH, model folder or distill run folder
    floor: str | None = None  # name in `models` of the floor (the pruned init) for "% of KL gap closed"
    max_heldout: int = Field(40, ge=1)
    max_new_tokens: int = Field(96, ge=1)  # greedy outputs compared by ROUGE-L / chrF
    tasks_per_kind: int = Field(6, ge=1)
    task_max_new_tokens: int = Field(48, ge=1)
    batch_size: int = Field(16, ge=1)
    examples: int = Field(4, ge=0)  # side-by-side answers kept for the report
    teacher_train_tokens: int | None = None  # for the from-scratch cost when the teacher is not the default
    device: str | None = None
    seed: int = 0
    out: str = "eval"

    @model_validator(mode="after")
    def _floor_is_a_model(self) -> EvalConfig:
        if self.floor is not None and self.floor not in self.models:
            raise ValueError(f"floor {self.floor!r} is not one of the models {sorted(self.models)}")
        if "teacher" in self.models:
            raise ValueError("'teacher' is reserved for the teacher; name the other models differently")
        return self


def resolve_model(spec: str) -> tuple[str, Path | None]:
    """(hf path, run folder or None) for `hf:PATH`, a model folder or a distill run folder (`student/` inside)."""
    path = TeacherSpec.for_model(spec).model_path
    p = Path(path)
    if (p / "student" / "config.json").is_file():
        return str(p / "student"), p
    return path, None


def machine() -> dict[str, Any]:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") if hasattr(os, "sysconf") else None
    return {
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "ram_bytes": mem,
        "loadavg_start": list(os.getloadavg()),
    }


def _domain(cell: dict | None) -> str:
    return (cell or {}).get("domain") or "other"


def trained_prompt_ids(store, specs: list[str]) -> set[str]:
    """Prompts any run trained on: those marked in this store, and those the given run folders' own stores
    (summary.json `store`, `store_run`) recorded, so a student trained from another store is still held out."""

    used = set(store.used_prompt_ids())
    for spec in specs:
        run_dir = resolve_model(spec)[1]
        summary = cost.read_json(run_dir / "summary.json") if run_dir else {}
        other = summary.get("store")
        if other and Path(other).is_file() and Path(other).resolve() != store.path.resolve():
            s = HarvestStore(other)
            used |= s.used_prompt_ids(run=summary.get("store_run"))
            s.close()
    return used


def heldout_samples(
    store, key: str | None, tok, limit: int, used: set[str]
) -> tuple[list[Sample], str, dict]:
    """The teacher's answers to prompts no run trained on (`used`), first sample each, up to `limit`."""
    configs = store.configs()
    if not configs:
        raise UserError(f"the harvest store {store.path} has no completions: run `stillroom harvest` first")
    row = (
        next((c for c in configs if c["config_key"] == key), None)
        if key
        else max(configs, key=lambda c: c["completions"])
    )
    if row is None:
        raise UserError(
            f"harvest config {key!r} is not in {store.path}; it has {[c['config_key'] for c in configs]}"
        )
    out: list[Sample] = []
    seen: set[str] = set()
    for rec in store.records(key=row["config_key"]):
        if rec.prompt_id in used or rec.prompt_id in seen or len(out) >= limit:
            continue
        seen.add(rec.prompt_id)
        out.append(
            Sample(
                rec.prompt_id,
                rec.prompt,
                _domain(rec.cell),
                encode_prompt(tok, rec.prompt),
                list(rec.token_ids),
                rec.text,
            )
        )
    if not out:
        raise UserError(f"no held-out prompts in {store.path}: every harvested prompt was used for training")
    return out, row["config_key"], row


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


def capability(
    model, suite: list[tasks.Task], max_new_tokens: int, watermark: dict | None = None
) -> dict[str, Any]:
    """Greedy answers to the checkable suite, scored; `watermark` (a WatermarkKey dict) measures its cost."""
    params = GenParams(max_new_tokens=max_new_tokens, watermark=watermark)
    outs = model.generate([t.messages() for t in suite], params)
    ok = [tasks.check(t, c.text) for t, c in zip(suite, outs, strict=True)]
    per: dict[str, list[bool]] = {}
    for t, good in zip(suite, ok, strict=True):
        per.setdefault(t.domain, []).append(good)
    return {
        "score": sum(ok) / len(ok),
        "per_domain": {d: sum(v) / len(v) for d, v in sorted(per.items())},
        "answers": {t.id: c.text for t, c in zip(suite, outs, strict=True)},
    }


def retained(cap: dict[str, Any], teacher_cap: dict[str, Any]) -> dict[str, float | None]:
    """Per domain (and 'all'): the model's score as a share of the teacher's; None where the teacher scored 0."""
    pairs = {
        "all": (cap["score"], teacher_cap["score"]),
        **{d: (v, teacher_cap["per_domain"].get(d, 0.0)) for d, v in cap["per_domain"].items()},
    }
    return {d: (m / t if t else None) for d, (m, t) in pairs.items()}


def similarity(ref: list[str], cand: list[str]) -> dict[str, float]:
    n = max(len(ref), 1)
    return {"rougeL": sum(map(rouge_l, ref, cand)) / n, "chrf": sum(map(chrf, ref, cand)) / n}


def gap_closed(kl: float, floor_kl: float) -> float | None:
    """Share of the floor's KL to the teacher that this model removed: 1 - KL/KL_floor (the teacher's KL is 0)."""
    return None if floor_kl <= 0 else 1.0 - kl / floor_kl


def evaluate(cfg: EvalConfig) -> Path:
    """Run every measurement for every model; write and return `<out>/eval.json`."""
    run = RunDir.create(cfg.out, cfg)
    result = measure(cfg)
    write_json_atomic(run.path / "eval.json", result)
    for m in result["models"]:
        if m.get("run_dir"):
            write_json_atomic(
                Path(m["run_dir"]) / "eval.json",
                {
                    **result,
                    "models": [x for x in result["models"] if x["name"] in ("teacher", cfg.floor, m["name"])],
                },
            )
    run.write_summary(
        {"eval": str(run.path / "eval.json"), "wall_s": result["wall_s"], "headline": result["headline"]}
    )
    return run.path / "eval.json"


def measure(cfg: EvalConfig) -> dict[str, Any]:
    t0, mach = time.perf_counter(), machine()
    store = HarvestStore(cfg.store)
    teacher, t_info = _load(cfg.teacher, cfg)
    try:
        used = trained_prompt_ids(store, list(cfg.models.values()))
        samples, key, harvest_row = heldout_samples(
            store, cfg.config_key, teacher.tokenizer, cfg.max_heldout, used
        )
    finally:
        store.close()
    answered_by = harvest_row["teacher"].get("fingerprint")
    if answered_by and answered_by != t_info["fingerprint"]:
        raise UserError(
            f"the store's answers come from {harvest_row['teacher'].get('spec')} ({answered_by}), not from "
            f"--teacher {cfg.teacher} ({t_info['fingerprint']}): evaluate against the teacher that answered"
        )
    loaded = {"teacher": (teacher, t_info)} | {name: _load(spec, cfg) for name, spec in cfg.models.items()}
    suite = tasks.build_suite(cfg.tasks_per_kind, cfg.seed)
    greedy = GenParams(max_new_tokens=cfg.max_new_tokens)
    rows = []
    with progress_bar() as bar:
        job = bar.add_task("eval", total=len(samples) + 2 * len(loaded), rate="fidelity")
        fid = fidelity(
            teacher.model,
            {n: m.model for n, (m, _) in loaded.items()},
            samples,
            on_sample=lambda: bar.update(job, advance=1),
        )
        for name, (m, info) in loaded.items():
            bar.update(job, rate=f"{name}: generate")
            outs, gen = speed.timed_generate(m, [s.prompt for s in samples], greedy)
            bar.update(job, advance=1, rate=f"{name}: tasks, {gen['tokens_per_s']:.0f} tok/s")
            rows.append(
                {
                    "name": name,
                    "role": _role(name, cfg),
                    **info,
                    "fidelity": fid[name],
                    "greedy": [c.text for c in outs],
                    "capability": capability(m, suite, cfg.task_max_new_tokens),
                    "size": speed.size(m.model, info["folder"]),
                    "speed": gen,
                }
            )
            bar.update(job, advance=1)
    _compare(rows, cfg)
    ledger = _ledger(rows, cfg, harvest_row)
    examples = _examples(samples, rows, cfg.examples)  # takes the greedy outputs out of the rows
    return {
        "kind": "stillroom.eval",
        "version": 1,
        "created": time.time(),
        "machine": mach,
        "teacher": {"spec": cfg.teacher, **t_info},
        "data": {
            "store": str(Path(cfg.store).resolve()),
            "config_key": key,
            "heldout_prompts": len(samples),
            "heldout_tokens": sum(len(s.answer_ids) for s in samples),
            "fingerprint": data_fingerprint(key, samples),
            "tasks": len(suite),
        },
        "models": rows,
        "cost": ledger,
        "examples": examples,
        "headline": _headline(rows),
        "wall_s": time.perf_counter() - t0,
    }


def _role(name: str, cfg: EvalConfig) -> str:
    return "teacher" if name == "teacher" else "floor" if name == cfg.floor else "student"


def _compare(rows: list[dict], cfg: EvalConfig) -> None:
    """Add greedy-output similarity, % of teacher capability retained and % of KL gap closed."""
    teacher = rows[0]
    floor = next((r for r in rows if r["role"] == "floor"), None)
    for r in rows:
        r["fidelity"].update(similarity(teacher["greedy"], r["greedy"]))
        r["capability"]["retained"] = retained(r["capability"], teacher["capability"])
        if floor is not None:
            r["fidelity"]["gap_closed"] = gap_closed(r["fidelity"]["kl"], floor["fidelity"]["kl"])


def _ledger(rows: list[dict], cfg: EvalConfig, harvest_row: dict) -> dict[str, Any]:
    t_params = rows[0]["size"]["params"]
    harvest = cost.harvest_cost(harvest_row, t_params)
    scratch = cost.scratch_cost(cfg.teacher, t_params, cfg.teacher_train_tokens)
    for r in rows:
        if r.get("run_dir"):
            r["cost"] = cost.student_cost(cost.read_run(r["run_dir"]), r["size"]["params"], t_params, harvest)
            if scratch.get("train_flops"):
                r["cost"]["share_of_scratch_flops"] = r["cost"]["total_flops"] / scratch["train_flops"]
    return {"harvest": harvest, "teacher_from_scratch": scratch}


def _examples(samples: list[Sample], rows: list[dict], n: int) -> list[dict[str, Any]]:
    out = []
    for i, s in enumerate(samples[:n]):
        prompt = s.prompt if isinstance(s.prompt, str) else s.prompt[-1]["content"]
        out.append(
            {"prompt": prompt, "domain": s.domain, "outputs": {r["name"]: r["greedy"][i] for r in rows}}
        )
    for r in rows:
        r.pop("greedy")
    return out


def _headline(rows: list[dict]) -> dict[str, dict[str, Any]]:
    return {
        r["name"]: {
            "kl": r["fidelity"]["kl"],
            "gap_closed": r["fidelity"].get("gap_closed"),
            "top1": r["fidelity"]["top1"],
            "capability": r["capability"]["score"],
            "capability_retained": r["capability"]["retained"]["all"],
        }
        for r in rows
    }

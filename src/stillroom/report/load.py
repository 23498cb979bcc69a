"""Read run folders and eval reports for the report, through the same models their writers use.

A path may be a distill run folder (`metrics.jsonl`, `summary.json`, `config.yaml`, maybe
`eval.json`), an eval output folder (`eval.json`) or an eval JSON file. Distill runs named by an
eval's models (`run_dir`) are read too, so `stillroom report EVAL_DIR` alone shows the curves.
A run killed before it finished has no summary: its curves and config.yaml still show. A file
that does not parse as its model is a one-line error naming the file and the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from stillroom.contracts.artifacts import EvalReport, MetricsLine, ModelResult, RunSummary
from stillroom.errors import UserError
from stillroom.runs import RunDir, read_artifact


@dataclass
class TrainRun:
    name: str
    path: Path
    metrics: list[MetricsLine] = field(default_factory=list)
    summary: RunSummary | None = None
    config: dict[str, Any] = field(
        default_factory=dict
    )  # the resolved DistillConfig (summary or config.yaml)


@dataclass
class ReportData:
    runs: list[TrainRun] = field(default_factory=list)
    evals: list[EvalReport] = field(default_factory=list)

    def models(self) -> list[ModelResult]:
        """Every evaluated model once (same name, weights and data = same row), teacher first."""
        seen, out = set(), []
        for ev in self.evals:
            for m in ev.models:
                key = (m.name, m.fingerprint, ev.data.fingerprint)
                if key not in seen:
                    seen.add(key)
                    out.append(m)
        return sorted(out, key=lambda m: {"teacher": 0, "floor": 1}.get(m.role, 2))


def _yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text()) if path.is_file() else {}
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def read_train_run(path: Path, name: str | None = None) -> TrainRun:
    run = RunDir(path)
    summary = run.summary()
    config = summary.config if summary else _yaml(path / "config.yaml")
    return TrainRun(name=name or path.name, path=path, metrics=run.metrics(), summary=summary, config=config)


def load(paths: list[str | Path]) -> ReportData:
    data = ReportData()
    eval_files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_file() and p.suffix == ".json":
            eval_files.append(p)
        elif p.is_dir():
            if (p / "eval.json").is_file():
                eval_files.append(p / "eval.json")
            if (p / "metrics.jsonl").is_file() or (p / "student").is_dir():
                data.runs.append(read_train_run(p))
        else:
            raise UserError(f"not a run folder or eval JSON: {p}")
    _add_evals(data, eval_files)
    if not data.runs and not data.evals:
        raise UserError(
            "nothing to report: give distill run folders (metrics.jsonl) or eval folders (eval.json)"
        )
    return data


def _add_evals(data: ReportData, files: list[Path]) -> None:
    evals = [read_artifact(f, EvalReport) for f in files]
    evals.sort(key=lambda ev: -len(ev.models))  # a run's own copy holds a subset: read the full one first
    seen = set()
    for ev in evals:
        key = (ev.created, ev.data.fingerprint)
        if key in seen:
            continue  # the per-run copy of an eval already read
        seen.add(key)
        data.evals.append(ev)
        known = {r.path.resolve() for r in data.runs}
        for m in ev.models:
            run_dir = Path(m.run_dir) if m.run_dir else None
            if run_dir and run_dir.is_dir() and run_dir.resolve() not in known:
                data.runs.append(read_train_run(run_dir, name=m.name))
                known.add(run_dir.resolve())

"""Read run folders for the report, tolerating whatever is missing.

A path may be a distill run folder (`metrics.jsonl`, `summary.json`, `config.yaml`, maybe
`eval.json`), an eval output folder (`eval.json`) or an eval JSON file. Distill runs named by an
eval's models (`run_dir`) are read too, so `stillroom report EVAL_DIR` alone shows the curves.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from stillroom.errors import UserError


@dataclass
class TrainRun:
    name: str
    path: Path
    metrics: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReportData:
    runs: list[TrainRun] = field(default_factory=list)
    evals: list[dict[str, Any]] = field(default_factory=list)

    def models(self) -> list[dict[str, Any]]:
        """Every evaluated model once (same name, weights and data = same row), teacher first."""
        seen, out = set(), []
        for ev in self.evals:
            for m in ev.get("models", []):
                key = (m.get("name"), m.get("fingerprint"), ev.get("data", {}).get("fingerprint"))
                if key not in seen:
                    seen.add(key)
                    out.append(m)
        return sorted(out, key=lambda m: {"teacher": 0, "floor": 1}.get(m.get("role", ""), 2))


def _json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    if path.is_file():
        for line in path.read_text().splitlines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue  # a half-written last line from a killed run
            if isinstance(row, dict):
                rows.append(row)
    return rows


def _yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text()) if path.is_file() else {}
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def read_train_run(path: Path, name: str | None = None) -> TrainRun:
    return TrainRun(
        name=name or path.name,
        path=path,
        metrics=_jsonl(path / "metrics.jsonl"),
        summary=_json(path / "summary.json"),
        config=_yaml(path / "config.yaml"),
    )


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
    evals = [ev for ev in map(_json, files) if ev.get("kind") == "stillroom.eval"]
    evals.sort(
        key=lambda ev: -len(ev.get("models", []))
    )  # a run's own copy holds a subset: read the full one first
    seen = set()
    for ev in evals:
        key = (ev.get("created"), ev.get("data", {}).get("fingerprint"))
        if key in seen:
            continue  # the per-run copy of an eval already read
        seen.add(key)
        data.evals.append(ev)
        known = {r.path.resolve() for r in data.runs}
        for m in ev.get("models", []):
            run_dir = Path(m["run_dir"]) if m.get("run_dir") else None
            if run_dir and run_dir.is_dir() and run_dir.resolve() not in known:
                data.runs.append(read_train_run(run_dir, name=m.get("name")))
                known.add(run_dir.resolve())

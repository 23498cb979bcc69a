"""The run folder every long job writes: config.yaml, metrics.jsonl, outputs, summary.json.

`report` and `eval` read these folders, so the layout is a contract: the file formats are the
models in `stillroom.contracts.artifacts`, written and read only through this module. Metrics are
appended line by line and flushed, so a crash loses at most the line being written (and readers
skip a torn last line).
"""

from __future__ import annotations

import json
import os
import platform
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from stillroom.config import save_config
from stillroom.contracts.artifacts import Machine, MetricsLine, RunSummary
from stillroom.errors import UserError

A = TypeVar("A", bound=BaseModel)


@dataclass
class RunDir:
    path: Path

    @classmethod
    def create(cls, path: str | Path, config: BaseModel | None = None) -> RunDir:
        run = cls(Path(path))
        run.path.mkdir(parents=True, exist_ok=True)
        if config is not None:
            save_config(config, run.path / "config.yaml")
        return run

    def log(self, line: MetricsLine) -> None:
        with open(self.path / "metrics.jsonl", "a") as f:
            f.write(line.model_dump_json(exclude_none=True) + "\n")
            f.flush()

    def metrics(self) -> list[MetricsLine]:
        return read_metrics(self.path / "metrics.jsonl")

    def write_summary(self, summary: RunSummary) -> None:
        write_json_atomic(self.path / "summary.json", summary)

    def summary(self) -> RunSummary | None:
        p = self.path / "summary.json"
        return read_artifact(p, RunSummary) if p.is_file() else None


def write_json_atomic(path: str | Path, obj: Any) -> None:
    """Write JSON (a dict or an artefact model) via a temp file and rename: readers never see half a file."""
    path = Path(path)
    if isinstance(obj, BaseModel):
        obj = obj.model_dump(mode="json")
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(obj, indent=2, sort_keys=False))
    os.replace(tmp, path)


def read_artifact(path: str | Path, cls: type[A]) -> A:
    """Parse `path` as `cls`; a missing, torn or foreign file is one line naming the file and the field."""
    path = Path(path)
    try:
        return cls.model_validate_json(path.read_bytes())
    except OSError as e:
        raise UserError(f"cannot read {path}: {e.strerror}") from None
    except ValidationError as e:
        raise UserError(
            f"{path} is not a {cls.__name__} this stillroom reads ({_first(e)}): if another stillroom "
            "version wrote it, rerun the command that writes it"
        ) from None


def read_metrics(path: str | Path) -> list[MetricsLine]:
    """Every line of a metrics.jsonl; a torn last line (a killed run) is skipped, any other bad line is an error."""
    path = Path(path)
    if not path.is_file():
        return []
    lines = [x for x in path.read_text().splitlines() if x.strip()]
    out = []
    for n, text in enumerate(lines, start=1):
        try:
            out.append(MetricsLine.model_validate_json(text))
        except ValidationError as e:
            if n == len(lines) and e.errors()[0]["type"] == "json_invalid":
                break
            raise UserError(f"{path}:{n} is not a metrics line this stillroom reads: {_first(e)}") from None
    return out


def _first(e: ValidationError) -> str:
    err = e.errors()[0]
    where = ".".join(str(x) for x in err["loc"]) or "<root>"
    return f"{where}: {err['msg']}"


def machine() -> Machine:
    """Where a job ran, with the load average at its start (a loaded machine makes every speed pessimistic)."""
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") if hasattr(os, "sysconf") else None
    return Machine(
        platform=platform.platform(),
        cpu_count=os.cpu_count(),
        ram_bytes=mem,
        loadavg_start=list(os.getloadavg()),
    )

"""The run folder every long job writes: config.yaml, metrics.jsonl, outputs, summary.json.

`report` and `eval` read these folders, so the layout is a contract: keep it flat and boring.
Metrics are appended line by line and flushed, so a crash loses at most the line being written.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from stillroom.config import save_config


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

    def log(self, **metrics: Any) -> None:
        with open(self.path / "metrics.jsonl", "a") as f:
            f.write(json.dumps(metrics) + "\n")
            f.flush()

    def metrics(self) -> list[dict[str, Any]]:
        p = self.path / "metrics.jsonl"
        if not p.exists():
            return []
        return [json.loads(line) for line in p.read_text().splitlines() if line.strip()]

    def write_summary(self, summary: dict[str, Any]) -> None:
        write_json_atomic(self.path / "summary.json", summary)

    def summary(self) -> dict[str, Any]:
        p = self.path / "summary.json"
        return json.loads(p.read_text()) if p.exists() else {}


def write_json_atomic(path: str | Path, obj: Any) -> None:
    """Write JSON via a temp file and rename, so readers never see half a file."""
    path = Path(path)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(obj, indent=2, sort_keys=False))
    os.replace(tmp, path)

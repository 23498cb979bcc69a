"""The distillation detector: per-key traffic features -> suspicion score -> verdict.

`Detector(cfg).observe(event)` is what the guard calls per request; `DetectorConfig` holds every
threshold (YAML-loadable); `dashboard.router(detector)` is the admin page the guard mounts.

The names below load on first use (PEP 562): the CLI imports `stillroom.detector.cli` for its
`indicators` commands, and every other command would otherwise pay for the detector's features,
models and compiled kernels (~0.5 s) before it checks its input.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stillroom.detector.detector import Detector
    from stillroom.detector.score import DetectorConfig
    from stillroom.detector.types import Assessment, TrafficEvent, Verdict

__all__ = ["Assessment", "Detector", "DetectorConfig", "TrafficEvent", "Verdict"]

_HOME = {
    "Detector": "stillroom.detector.detector",
    "DetectorConfig": "stillroom.detector.score",
    "Assessment": "stillroom.detector.types",
    "TrafficEvent": "stillroom.detector.types",
    "Verdict": "stillroom.detector.types",
}


def __getattr__(name: str) -> object:
    if name in _HOME:
        return getattr(import_module(_HOME[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

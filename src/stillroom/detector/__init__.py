"""The distillation detector: per-key traffic features -> suspicion score -> verdict.

`Detector(cfg).observe(event)` is what the guard calls per request; `DetectorConfig` holds every
threshold (YAML-loadable); `dashboard.router(detector)` is the admin page the guard mounts.
"""

from stillroom.detector.detector import Detector
from stillroom.detector.score import DetectorConfig
from stillroom.detector.types import Assessment, TrafficEvent, Verdict

__all__ = ["Assessment", "Detector", "DetectorConfig", "TrafficEvent", "Verdict"]

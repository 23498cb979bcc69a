"""Offline evaluation: replay traces through the detector (and through PRADA alone) and score it.

Per key, "detected" means the verdict reached `suspect` or `block` at some request; requests-to-
detection is that request's 1-based index in the key's own traffic. Per family we report how many
keys were flagged (suspect+) and blocked, and the median requests-to-detection; overall precision
and recall are over keys (a hydra's members are keys of family "hydra").
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from stillroom.detector.detector import Detector
from stillroom.detector.features import extract
from stillroom.detector.prada import Prada
from stillroom.detector.score import DetectorConfig
from stillroom.detector.text import DIM
from stillroom.detector.types import TrafficEvent

FIELDS = ("key_id", "ts", "endpoint", "prompt", "messages", "params")


@dataclass
class KeyOutcome:
    family: str
    label: str
    requests: int = 0
    watched_at: int | None = None  # request index of the first watch-or-higher verdict
    detected_at: int | None = None  # request index of the first suspect/block
    blocked_at: int | None = None
    max_score: float = 0.0


@dataclass
class Report:
    name: str
    families: dict[str, dict] = field(default_factory=dict)
    precision: float = 0.0
    recall: float = 0.0
    benign_flagged: float = 0.0
    benign_blocked: float = 0.0
    median_rtd: float | None = None


def to_event(d: dict) -> TrafficEvent:
    return TrafficEvent(**{k: d.get(k) for k in FIELDS if k in d})


def run_detector(events: list[dict], cfg: DetectorConfig | None = None) -> dict[str, KeyOutcome]:
    det, out = Detector(cfg), {}
    for d in events:
        o = out.setdefault(d["key_id"], KeyOutcome(d["family"], d["label"]))
        a = det.observe(to_event(d))
        o.requests += 1
        o.max_score = max(o.max_score, a.score)
        if a.verdict != "ok" and o.watched_at is None:
            o.watched_at = o.requests
        if a.verdict in ("suspect", "block") and o.detected_at is None:
            o.detected_at = o.requests
        if a.verdict == "block" and o.blocked_at is None:
            o.blocked_at = o.requests
    return out


def run_prada(events: list[dict], delta: float = 0.90) -> dict[str, KeyOutcome]:
    """PRADA alone: a key is detected (and would be blocked) once its W falls below delta."""
    trackers: dict[str, Prada] = defaultdict(lambda: Prada(DIM))
    out: dict[str, KeyOutcome] = {}
    for d in events:
        o = out.setdefault(d["key_id"], KeyOutcome(d["family"], d["label"]))
        w = trackers[d["key_id"]].add(extract(to_event(d)).sk.vec)
        o.requests += 1
        o.max_score = max(o.max_score, 1.0 - w if w is not None else 0.0)  # 1 - W: higher = less normal
        if w is not None and w < delta and o.detected_at is None:
            o.detected_at = o.blocked_at = o.requests
    return out


def summarise(name: str, outcomes: dict[str, KeyOutcome]) -> Report:
    fam: dict[str, list[KeyOutcome]] = defaultdict(list)
    for o in outcomes.values():
        fam[o.family].append(o)
    rep = Report(name)
    for f, os_ in fam.items():
        rtd = [o.detected_at for o in os_ if o.detected_at is not None]
        rep.families[f] = {
            "label": os_[0].label,
            "keys": len(os_),
            "watched": sum(o.watched_at is not None for o in os_),
            "flagged": len(rtd),
            "max_score": max(o.max_score for o in os_),
            "blocked": sum(o.blocked_at is not None for o in os_),
            "median_requests": statistics.median(o.requests for o in os_),
            "median_rtd": statistics.median(rtd) if rtd else None,
        }
    dist = [o for o in outcomes.values() if o.label == "distiller"]
    ben = [o for o in outcomes.values() if o.label == "benign"]
    tp = sum(o.detected_at is not None for o in dist)
    fp = sum(o.detected_at is not None for o in ben)
    rep.precision = tp / (tp + fp) if tp + fp else 1.0
    rep.recall = tp / len(dist) if dist else 0.0
    rep.benign_flagged = fp / len(ben) if ben else 0.0
    rep.benign_blocked = sum(o.blocked_at is not None for o in ben) / len(ben) if ben else 0.0
    rtd_all = [o.detected_at for o in dist if o.detected_at is not None]
    rep.median_rtd = statistics.median(rtd_all) if rtd_all else None
    return rep


def merge(outcomes: list[dict[str, KeyOutcome]]) -> dict[str, KeyOutcome]:
    return {k: v for o in outcomes for k, v in o.items()}


def format_report(rep: Report) -> str:
    lines = [
        f"{rep.name}: precision {rep.precision:.3f}  recall {rep.recall:.3f}  "
        f"benign flagged {rep.benign_flagged:.1%}  benign blocked {rep.benign_blocked:.1%}  "
        f"median requests-to-detection {rep.median_rtd}",
        f"  {'family':<13} {'label':<9} {'keys':>4} {'watch+':>6} {'flagged':>7} {'blocked':>7} {'req/key':>7} "
        f"{'median RTD':>10} {'max score':>9}",
    ]
    for f, r in sorted(rep.families.items(), key=lambda kv: (kv[1]["label"], kv[0])):
        rtd = "-" if r["median_rtd"] is None else f"{r['median_rtd']:.0f}"
        lines.append(
            f"  {f:<13} {r['label']:<9} {r['keys']:>4} {r['watched']:>6} {r['flagged']:>7} {r['blocked']:>7} "
            f"{r['median_requests']:>7.0f} {rtd:>10} {r['max_score']:>9.3f}"
        )
    return "\n".join(lines)

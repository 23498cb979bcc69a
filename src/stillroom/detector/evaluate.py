"""Offline evaluation: replay traces through the detector (and through PRADA alone) and score it.

Per key, "detected" means the verdict reached `suspect` or `block` at some request; requests-to-
detection is that request's 1-based index in the key's own traffic (`detector/outcomes.py` keeps
the record and does the counting, as for the real-traffic replay and the arena). Per family we
report how many keys were flagged (suspect+) and blocked, and the median requests-to-detection;
overall precision and recall are over keys (a hydra's members are keys of family "hydra").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from stillroom.detector.detector import Detector
from stillroom.detector.features import extract
from stillroom.detector.outcomes import KeyOutcome, by_family, rates, tally
from stillroom.detector.prada import Prada
from stillroom.detector.score import DetectorConfig
from stillroom.detector.text import DIM
from stillroom.detector.types import TrafficEvent

FIELDS = ("key_id", "ts", "endpoint", "prompt", "messages", "params")


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
        o = out.setdefault(d["key_id"], KeyOutcome(d["key_id"], d["family"], d["label"]))
        a = det.observe(to_event(d))
        o.note(a.verdict, a.score)
    return out


def run_prada(events: list[dict], delta: float = 0.90) -> dict[str, KeyOutcome]:
    """PRADA alone: a key is detected (and would be blocked) once its W falls below delta; its
    score is 1 - W (higher = less normal)."""
    trackers: dict[str, Prada] = defaultdict(lambda: Prada(DIM))
    out: dict[str, KeyOutcome] = {}
    for d in events:
        o = out.setdefault(d["key_id"], KeyOutcome(d["key_id"], d["family"], d["label"]))
        w = trackers[d["key_id"]].add(extract(to_event(d)).sk.vec)
        o.note("block" if w is not None and w < delta else "ok", 1.0 - w if w is not None else 0.0)
    return out


def summarise(name: str, outcomes: dict[str, KeyOutcome]) -> Report:
    rep = Report(name)
    for f, os_ in by_family(list(outcomes.values())).items():
        t = tally(os_)
        rep.families[f] = {
            "label": t.label,
            "keys": t.keys,
            "watched": t.watched,
            "flagged": t.caught,
            "max_score": t.max_score,
            "blocked": t.blocked,
            "median_requests": t.median_requests,
            "median_rtd": t.median_to_caught,
        }
    r = rates(list(outcomes.values()))
    rep.precision, rep.recall = r.precision, r.recall or 0.0
    rep.benign_flagged, rep.benign_blocked = r.benign_flagged or 0.0, r.benign_blocked or 0.0
    rep.median_rtd = r.distiller.median_to_caught
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

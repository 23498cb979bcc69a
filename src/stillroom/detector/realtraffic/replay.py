"""Replay a suite through `Detector` as an API owner would, and say what happened to every key.

One `TrafficEvent` per request, all keys interleaved in time order, one detector for the suite.
Per key: the first request (1-based index into the key's own traffic, and hours since its first
request) at which each verdict was reached, the peak score and its evidence, the final verdict and
the cross-key cluster it ended in. Each chat answer is reported back (`Detector.served`, as the
guard does); `observe()` plus that report is timed per call (wall and CPU). `summarise`
turns outcomes into the per-persona and overall numbers the benchmark reports.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from stillroom.detector.detector import Detector
from stillroom.detector.realtraffic.records import KeyTraffic, to_event
from stillroom.detector.realtraffic.suite import Suite
from stillroom.detector.score import DetectorConfig

CAUGHT = ("suspect", "block")


@dataclass
class Outcome:
    key_id: str
    persona: str
    label: str
    kind: str
    actor: str
    requests: int = 0
    distill_requests: int = 0
    first_ts: float | None = None
    first: dict[str, dict[str, float]] = field(default_factory=dict)  # verdict -> request, hours, distill
    max_score: float = 0.0
    peak: dict[str, float] = field(default_factory=dict)  # contributions at the peak score
    peak_reasons: list[str] = field(default_factory=list)
    final_verdict: str = "ok"
    final_score: float = 0.0
    verdicts: list[str] = field(
        default_factory=list
    )  # every verdict the key was given, in order of first use
    cluster: list[str] = field(default_factory=list)  # the other keys of its cluster at the end

    @property
    def caught(self) -> bool:
        return "suspect" in self.first  # suspect-or-block: block implies suspect was reached

    @property
    def blocked(self) -> bool:
        return "block" in self.first

    def note(self, verdict: str, ts: float) -> None:
        marks = (
            [verdict] + (["suspect"] if verdict == "block" else []) + (["watch"] if verdict != "ok" else [])
        )
        for v in marks:
            if v not in self.first:
                self.first[v] = {
                    "request": self.requests,
                    "hours": round((ts - (self.first_ts or ts)) / 3600, 3),
                    "distill_requests": self.distill_requests,
                }
        if verdict not in self.verdicts:
            self.verdicts.append(verdict)


@dataclass
class ObserveTiming:
    wall_ms: np.ndarray
    cpu_ms: np.ndarray
    chars: np.ndarray  # characters the event carried (prompt + messages)

    def summary(self, mask: np.ndarray | None = None) -> dict[str, float]:
        w = self.wall_ms if mask is None else self.wall_ms[mask]
        c = self.cpu_ms if mask is None else self.cpu_ms[mask]
        if not len(w):
            return {"n": 0}
        pct = lambda a, q: round(float(np.percentile(a, q)), 4)  # noqa: E731
        return {
            "n": len(w),
            "wall_p50": pct(w, 50),
            "wall_p99": pct(w, 99),
            "wall_max": round(float(w.max()), 3),
            "cpu_p50": pct(c, 50),
            "cpu_p99": pct(c, 99),
        }


def event_chars(ev: Any) -> int:
    msgs = ev.messages or []
    return len(ev.prompt or "") + sum(len(str(m.get("content") or "")) for m in msgs if isinstance(m, dict))


SERVED = ("reply", "none", "other")


def replay(
    suite: Suite | list[KeyTraffic], cfg: DetectorConfig | None = None, served: str = "reply"
) -> tuple[dict[str, Outcome], ObserveTiming, Detector]:
    """`served`: what the detector hears of each chat answer - "reply" (what the server returned,
    as a guard reports it), "none" (nothing: a detector fed requests only), or "other" (a text no
    client resends: as if every client, people too, resent replies it was never given - a replay
    harness artefact, for a worst case)."""
    if served not in SERVED:
        raise ValueError(f"served must be one of {SERVED}")
    suite = suite if isinstance(suite, Suite) else Suite("keys", suite)
    det = Detector(cfg or DetectorConfig())
    out = {k.key_id: Outcome(k.key_id, k.persona, k.label, k.kind, k.actor) for k in suite.keys}
    pairs = suite.events()
    wall, cpu, chars = np.zeros(len(pairs)), np.zeros(len(pairs)), np.zeros(len(pairs), dtype=np.int64)
    for i, (key, req) in enumerate(pairs):
        ev = to_event(key, req)
        t0, c0 = time.perf_counter_ns(), time.thread_time_ns()
        a = det.observe(ev)
        if req.reply and req.endpoint == "chat" and served != "none":  # what a guard reports after answering
            det.served(
                key.key_id, req.prompt, [req.reply if served == "reply" else f"(elsewhere) {req.reply}"]
            )
        cpu[i], wall[i] = time.thread_time_ns() - c0, time.perf_counter_ns() - t0
        chars[i] = event_chars(ev)
        _update(out[key.key_id], req, a)
    for o in out.values():
        members = det.clusters.members(o.key_id) if det.cfg.clusters else {o.key_id}
        o.cluster = sorted(members - {o.key_id})
    return out, ObserveTiming(wall / 1e6, cpu / 1e6, chars), det


def replay_each(
    suites: list[Suite], cfg: DetectorConfig | None = None, served: str = "reply"
) -> tuple[dict[str, Outcome], ObserveTiming]:
    """Each suite through a detector of its own; outcomes and timings together."""
    outcomes: dict[str, Outcome] = {}
    timings = []
    for s in suites:
        o, t, _ = replay(s, cfg, served)
        outcomes.update(o)
        timings.append(t)
    cat = lambda name: np.concatenate([getattr(t, name) for t in timings])  # noqa: E731
    return outcomes, ObserveTiming(cat("wall_ms"), cat("cpu_ms"), cat("chars"))


def _update(o: Outcome, req: Any, a: Any) -> None:
    o.requests += 1
    o.distill_requests += bool(req.distill)
    o.first_ts = req.ts if o.first_ts is None else o.first_ts
    o.note(str(a.verdict), req.ts)
    if a.score > o.max_score or o.requests == 1:
        o.max_score, o.peak, o.peak_reasons = float(a.score), dict(a.contributions), list(a.reasons)
    o.final_verdict, o.final_score = str(a.verdict), float(a.score)


def _median(xs: list[float]) -> float | None:
    return round(statistics.median(xs), 2) if xs else None


def top_evidence(outcomes: list[Outcome], k: int = 3) -> list[tuple[str, float]]:
    """The terms with the largest mean share of the keys' peak scores."""
    total: Counter[str] = Counter()
    for o in outcomes:
        total.update(o.peak)
    return [(name, round(v / len(outcomes), 3)) for name, v in total.most_common(k)] if outcomes else []


def persona_summary(os_: list[Outcome]) -> dict[str, Any]:
    caught = [o for o in os_ if o.caught]
    blocked = [o for o in os_ if o.blocked]
    evaluation = [o for o in os_ if "evaluation" in o.first]
    return {
        "label": os_[0].label,
        "kind": os_[0].kind,
        "keys": len(os_),
        "actors": len({o.actor for o in os_}),
        "requests_median": _median([o.requests for o in os_]),
        "watch": sum("watch" in o.first for o in os_),
        "caught": len(caught),
        "blocked": len(blocked),
        "evaluation": len(evaluation),
        "req_to_suspect": _median([o.first["suspect"]["request"] for o in caught]),
        "hours_to_suspect": _median([o.first["suspect"]["hours"] for o in caught]),
        "req_to_block": _median([o.first["block"]["request"] for o in blocked]),
        "hours_to_block": _median([o.first["block"]["hours"] for o in blocked]),
        "distill_req_to_suspect": _median([o.first["suspect"]["distill_requests"] for o in caught]),
        "max_score": round(max(o.max_score for o in os_), 3),
        "median_peak": _median([o.max_score for o in os_]),
        "top_evidence": top_evidence(os_),
        "linked_same_actor": sum(any(_actor_of(os_, m) == o.actor for m in o.cluster) for o in os_),
        "in_cluster": sum(bool(o.cluster) for o in os_),
    }


def _actor_of(os_: list[Outcome], key: str) -> str | None:
    for o in os_:
        if o.key_id == key:
            return o.actor
    return None


def summarise(outcomes: dict[str, Outcome]) -> dict[str, Any]:
    """Per persona and overall: the numbers of issue #13's table and targets."""
    by_persona: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes.values():
        by_persona[o.persona].append(o)
    dist = [o for o in outcomes.values() if o.label == "distiller"]
    ben = [o for o in outcomes.values() if o.label == "benign"]
    actors: dict[str, list[Outcome]] = defaultdict(list)
    for o in dist:
        actors[o.actor].append(o)
    multi = [o for a in actors.values() if len(a) > 1 for o in a]
    actor_of = {o.key_id: o.actor for o in outcomes.values()}
    evals = [o for o in ben if o.kind == "evaluation"]
    heavy = [o for o in ben if o.requests >= 100]
    overall = {
        "distiller_actors": len(actors),
        "distiller_actors_caught": sum(any(o.caught for o in a) for a in actors.values()),
        "distiller_keys": len(dist),
        "distiller_keys_caught": sum(o.caught for o in dist),
        "distiller_keys_blocked": sum(o.blocked for o in dist),
        "median_req_to_suspect": _median([o.first["suspect"]["request"] for o in dist if o.caught]),
        "hydra_keys": len(multi),
        "hydra_keys_linked": sum(any(actor_of.get(m) == o.actor for m in o.cluster) for o in multi),
        "benign_keys": len(ben),
        "benign_flagged": sum(o.caught for o in ben),
        "benign_blocked": sum(o.blocked for o in ben),
        "benign_100plus": len(heavy),
        "benign_100plus_flagged": sum(o.caught for o in heavy),
        "benign_linked_to_other_actor": sum(any(actor_of.get(m) != o.actor for m in o.cluster) for o in ben),
        "evaluation_keys": len(evals),
        "evaluation_labelled": sum("evaluation" in o.first for o in evals),
    }
    return {
        "overall": overall,
        "personas": {p: persona_summary(os_) for p, os_ in sorted(by_persona.items())},
    }


def outcome_json(o: Outcome) -> dict[str, Any]:
    d = asdict(o)
    d["caught"], d["blocked"] = o.caught, o.blocked
    return d

"""Replay a suite through `Detector` as an API owner would, and say what happened to every key.

One `TrafficEvent` per request, all keys interleaved in time order, one detector for the suite.
Per key: the first request (1-based index into the key's own traffic, and hours since its first
request) at which each verdict was reached, the peak score and its evidence, the final verdict and
the cross-key cluster it ended in. Each chat answer is reported back (`Detector.served`, as the
guard does); `observe()` plus that report is timed per call (wall and CPU). `summarise`
turns outcomes into the per-persona and overall numbers the benchmark reports, counting them
as every detection report does (`detector/outcomes.py`).
"""

from __future__ import annotations

import statistics
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from stillroom.detector.detector import Detector
from stillroom.detector.outcomes import KeyOutcome, by_family, rates, tally
from stillroom.detector.realtraffic.records import KeyTraffic, to_event
from stillroom.detector.realtraffic.suite import Suite
from stillroom.detector.score import DetectorConfig


@dataclass
class Outcome(KeyOutcome):
    """A key's `KeyOutcome` (its `family` is the persona; each `first` mark also holds the hours
    since the key's first request and its distill requests so far) plus what the report shows."""

    kind: str = ""
    actor: str = ""
    distill_requests: int = 0
    first_ts: float | None = None
    peak: dict[str, float] = field(default_factory=dict)  # contributions at the peak score
    peak_reasons: list[str] = field(default_factory=list)
    final_verdict: str = "ok"
    final_score: float = 0.0
    verdicts: list[str] = field(
        default_factory=list
    )  # every verdict the key was given, in order of first use
    cluster: list[str] = field(default_factory=list)  # the other keys of its cluster at the end

    @property
    def persona(self) -> str:
        return self.family


@dataclass
class ObserveTiming:
    wall_ms: np.ndarray
    cpu_ms: np.ndarray
    chars: np.ndarray  # characters the event carried (prompt + messages)
    observe_cpu_ms: np.ndarray  # CPU of observe() alone (the target); cpu_ms adds the served() report

    def summary(self, mask: np.ndarray | None = None) -> dict[str, float]:
        w = self.wall_ms if mask is None else self.wall_ms[mask]
        c = self.cpu_ms if mask is None else self.cpu_ms[mask]
        o = self.observe_cpu_ms if mask is None else self.observe_cpu_ms[mask]
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
            "observe_cpu_p50": pct(o, 50),
            "observe_cpu_p99": pct(o, 99),
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
    out = {k.key_id: Outcome(k.key_id, k.persona, k.label, kind=k.kind, actor=k.actor) for k in suite.keys}
    pairs = suite.events()
    wall, cpu, chars = np.zeros(len(pairs)), np.zeros(len(pairs)), np.zeros(len(pairs), dtype=np.int64)
    obs = np.zeros(len(pairs))
    for i, (key, req) in enumerate(pairs):
        ev = to_event(key, req)
        t0, c0 = time.perf_counter_ns(), time.thread_time_ns()
        a = det.observe(ev)
        obs[i] = time.thread_time_ns() - c0
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
    return out, ObserveTiming(wall / 1e6, cpu / 1e6, chars, obs / 1e6), det


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
    return outcomes, ObserveTiming(cat("wall_ms"), cat("cpu_ms"), cat("chars"), cat("observe_cpu_ms"))


def _update(o: Outcome, req: Any, a: Any) -> None:
    o.distill_requests += bool(req.distill)
    o.first_ts = req.ts if o.first_ts is None else o.first_ts
    if a.score > o.max_score or o.requests == 0:
        o.peak, o.peak_reasons = dict(a.contributions), list(a.reasons)
    hours = round((req.ts - o.first_ts) / 3600, 3)
    o.note(str(a.verdict), float(a.score), hours=hours, distill_requests=o.distill_requests)
    if a.verdict not in o.verdicts:
        o.verdicts.append(str(a.verdict))
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
    t = tally(os_)
    caught = [o for o in os_ if o.caught]
    blocked = [o for o in os_ if o.blocked]
    return {
        "label": t.label,
        "kind": os_[0].kind,
        "keys": t.keys,
        "actors": len({o.actor for o in os_}),
        "requests_median": _median(t.requests),
        "watch": t.watched,
        "caught": t.caught,
        "blocked": t.blocked,
        "evaluation": sum("evaluation" in o.first for o in os_),
        "req_to_suspect": _median(t.to_caught),
        "hours_to_suspect": _median([o.first["suspect"]["hours"] for o in caught]),
        "req_to_block": _median([o.at("block") for o in blocked]),
        "hours_to_block": _median([o.first["block"]["hours"] for o in blocked]),
        "distill_req_to_suspect": _median([o.first["suspect"]["distill_requests"] for o in caught]),
        "max_score": round(t.max_score, 3),
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
    keys = list(outcomes.values())
    r = rates(keys)
    ben = [o for o in keys if o.label == "benign"]
    actors: dict[str, list[Outcome]] = defaultdict(list)
    for o in keys:
        if o.label == "distiller":
            actors[o.actor].append(o)
    multi = [o for a in actors.values() if len(a) > 1 for o in a]
    actor_of = {o.key_id: o.actor for o in keys}
    evals = [o for o in ben if o.kind == "evaluation"]
    heavy = [o for o in ben if o.requests >= 100]
    overall = {
        "distiller_actors": len(actors),
        "distiller_actors_caught": sum(any(o.caught for o in a) for a in actors.values()),
        "distiller_keys": r.distiller.keys,
        "distiller_keys_caught": r.distiller.caught,
        "distiller_keys_blocked": r.distiller.blocked,
        "median_req_to_suspect": _median(r.distiller.to_caught),
        "hydra_keys": len(multi),
        "hydra_keys_linked": sum(any(actor_of.get(m) == o.actor for m in o.cluster) for o in multi),
        "benign_keys": r.benign.keys,
        "benign_flagged": r.benign.caught,
        "benign_blocked": r.benign.blocked,
        "benign_100plus": len(heavy),
        "benign_100plus_flagged": sum(o.caught for o in heavy),
        "benign_linked_to_other_actor": sum(any(actor_of.get(m) != o.actor for m in o.cluster) for o in ben),
        "evaluation_keys": len(evals),
        "evaluation_labelled": sum("evaluation" in o.first for o in evals),
    }
    personas = by_family(keys)
    return {"overall": overall, "personas": {p: persona_summary(personas[p]) for p in sorted(personas)}}


# The per-key record of bench/detector_real.json, in the order it has always had.
JSON_FIELDS = ("key_id", "persona", "label", "kind", "actor", "requests", "distill_requests", "first_ts", "first",
               "max_score", "peak", "peak_reasons", "final_verdict", "final_score", "verdicts", "cluster")  # fmt: skip


def outcome_json(o: Outcome) -> dict[str, Any]:
    d = asdict(o) | {"persona": o.persona}
    return {k: d[k] for k in JSON_FIELDS} | {"caught": o.caught, "blocked": o.blocked}

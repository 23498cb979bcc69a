"""`Detector(cfg).observe(event) -> Assessment`: the guard calls this once per request.

State per key is a bounded sliding window (features.Window), a PRADA tracker and a verdict with
hysteresis; keys beyond `max_keys` are forgotten least-recently-seen first. Cross-key clusters
(clusters.Clusters) pool their members' features and score them as one actor; a key's score is the
larger of its own and its cluster's. Not thread-safe by itself: the guard calls it from one event
loop, and `observe` never awaits.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field

from stillroom.detector.clusters import Clusters
from stillroom.detector.features import Window, extract, features, pool_features
from stillroom.detector.indicators import load
from stillroom.detector.prada import Prada
from stillroom.detector.score import DetectorConfig, combine, evidence, next_verdict
from stillroom.detector.text import DIM
from stillroom.detector.types import Assessment, TrafficEvent, Verdict

REASONS = {
    "templating": lambda f: f"{f['templating']:.0%} of prompts share a masked template skeleton",
    "near_dup": lambda f: f"{f['near_dup']:.0%} of prompts are near-duplicates (MinHash) of earlier ones",
    "coverage": lambda f: (
        f"broad topic coverage (breadth {f['breadth']:.2f}) at volume ({f['n_total']:.0f} requests)"
    ),
    "harvest": lambda f: (
        f"harvesting knobs: top_logprobs {f['top_logprobs_share']:.0%}, n>1 {f['n_multi_share']:.0%},"
        f" {f['temperatures']:.0f} temperatures, step-by-step {f['cot_share']:.0%}"
    ),
    "magpie": lambda f: f"{f['magpie_share']:.0%} empty-template (Magpie-style) requests",
    "edge_probing": lambda f: f"{f['edge_share']:.0%} edge-case probes",
    "timing": lambda f: (
        f"machine-regular timing (periodicity {f['periodicity']:.2f}, gap CV {f['gap_cv']:.2f})"
    ),
    "prada": lambda f: f"PRADA: min-distance normality W={f['prada_w']:.3f}",
    "indicator": lambda f: f"{f['indicator_share']:.0%} of prompts match imported threat indicators",
}


@dataclass
class KeyState:
    window: Window
    prada: Prada
    verdict: Verdict = "ok"
    low_run: int = 0
    last: Assessment | None = None
    own_score: float = 0.0
    history: deque = field(default_factory=deque)  # (ts, score, verdict)


class Detector:
    def __init__(self, cfg: DetectorConfig | None = None):
        self.cfg = cfg or DetectorConfig()
        self.keys: OrderedDict[str, KeyState] = OrderedDict()
        self.clusters = Clusters(self.cfg.link_min_shared, self.cfg.link_min_fraction)
        self.cluster_cache: dict[str, tuple[int, float, dict[str, float], dict[str, float]]] = {}
        self.cluster_history: dict[str, deque] = {}
        self.transitions: deque = deque(maxlen=1000)  # verdict changes: the dashboard's action log
        self.indicators: dict[int, str] = {}  # skeleton hash -> indicator source
        self.observed = 0
        if self.cfg.indicators:
            for path in self.cfg.indicators:
                self.load_indicators(load(path))

    def _state(self, key: str) -> KeyState:
        st = self.keys.get(key)
        if st is None:
            c = self.cfg
            st = self.keys[key] = KeyState(
                Window(c.window, c.top_logprobs_high, c.max_tokens_high, c.short_output_tokens),
                Prada(DIM),
                history=deque(maxlen=c.history),
            )
            if len(self.keys) > c.max_keys:
                self.keys.popitem(last=False)
        else:
            self.keys.move_to_end(key)
        return st

    def observe(self, event: TrafficEvent) -> Assessment:
        self.observed += 1
        st = self._state(event.key_id)
        rec = extract(event, self.cfg.min_skeleton_tokens)
        st.window.add(rec, indicator=rec.sk.skeleton in self.indicators)
        st.prada.add(rec.sk.vec)
        if self.cfg.clusters:
            repeats = st.window.skeletons.get(rec.sk.skeleton, 0) >= 2
            self.clusters.observe(event.key_id, rec.sk.skeleton, repeats, rec.sk.digest, rec.sk.n_words)
        f = features(st.window)
        f["prada_w"] = st.prada.w if st.prada.w is not None else 1.0
        score, contrib = combine(evidence(f, self.cfg), f, self.cfg)
        st.own_score = score
        cluster = self.clusters.cluster_of(event.key_id) if self.cfg.clusters else None
        st.last = Assessment(score, st.verdict, f, contrib, cluster)  # members' features feed the cluster
        if cluster is not None:
            c_score, c_contrib = self._cluster_score(cluster, event.key_id, rec.ts)
            if c_score > score:
                score, contrib = c_score, {f"cluster.{k}": v for k, v in c_contrib.items()}
        verdict, st.low_run = next_verdict(st.verdict, score, int(f["n_total"]), st.low_run, self.cfg)
        if verdict != st.verdict:
            self.transitions.append(
                {
                    "ts": rec.ts,
                    "key": event.key_id,
                    "from": st.verdict,
                    "to": verdict,
                    "score": round(score, 4),
                    "evidence": sorted(contrib, key=lambda k: -contrib[k])[:3],
                }
            )
        st.verdict = verdict
        reasons = self._reasons(f, contrib, cluster)
        st.last = Assessment(round(score, 4), verdict, f, contrib, cluster, reasons)
        self._record(st.history, rec.ts, score, verdict)
        return st.last

    def _cluster_score(self, cluster: str, key: str, ts: float) -> tuple[float, dict[str, float]]:
        """Pool the members' latest features (volumes add, shares average weighted by window size)
        and score the pool; cached for `cluster_every` requests because clusters can be large."""
        cached = self.cluster_cache.get(cluster)
        if cached is not None and self.observed - cached[0] < self.cfg.cluster_every:
            return cached[1], cached[2]
        members = [
            self.keys[k].last for k in self.clusters.members(key) if k in self.keys and self.keys[k].last
        ]
        pooled = pool_features([a.features for a in members if a is not None])
        score, contrib = combine(evidence(pooled, self.cfg), pooled, self.cfg)
        self.cluster_cache[cluster] = (self.observed, score, contrib, pooled)
        self._record(
            self.cluster_history.setdefault(cluster, deque(maxlen=self.cfg.history)), ts, score, "ok"
        )
        return score, contrib

    def _reasons(self, f: dict[str, float], contrib: dict[str, float], cluster: str | None) -> list[str]:
        out = []
        for name, _ in sorted(contrib.items(), key=lambda kv: -kv[1])[:4]:
            base = name.removeprefix("cluster.")
            if base in REASONS:
                pooled = self.cluster_cache[cluster][3] if name.startswith("cluster.") and cluster else f
                out.append(("cluster: " if base != name else "") + REASONS[base](pooled))
        return out

    @staticmethod
    def _record(hist: deque, ts: float, score: float, verdict: str) -> None:
        """Keep a point when the score moved or the verdict changed, so history spans long runs."""
        if not hist or abs(hist[-1][1] - score) >= 0.02 or hist[-1][2] != verdict or ts - hist[-1][0] > 600:
            hist.append((ts, round(score, 4), verdict))

    def load_indicators(self, skeletons: dict[int, str]) -> int:
        self.indicators.update(skeletons)
        return len(skeletons)

    def snapshot(self) -> dict:
        """Plain JSON-able view for admin APIs and the dashboard."""
        keys = {
            k: {
                "score": st.last.score if st.last else 0.0,
                "own_score": round(st.own_score, 4),
                "verdict": st.verdict,
                "cluster": st.last.cluster if st.last else None,
                "requests": st.window.total,
                "contributions": st.last.contributions if st.last else {},
                "reasons": st.last.reasons if st.last else [],
                "features": st.last.features if st.last else {},
                "history": list(st.history),
            }
            for k, st in self.keys.items()
        }
        clusters = {}
        for members in self.clusters.all():
            cid = f"cluster:{min(members)}"
            cached = self.cluster_cache.get(cid)
            clusters[cid] = {
                "members": sorted(members),
                "score": round(cached[1], 4) if cached else 0.0,
                "contributions": cached[2] if cached else {},
                "shared": self.clusters.shared_items(min(members)),
                "history": list(self.cluster_history.get(cid, ())),
            }
        return {
            "generated": time.time(),
            "observed": self.observed,
            "keys": keys,
            "clusters": clusters,
            "actions": list(self.transitions),
            "indicators": len(self.indicators),
            "config": self.cfg.model_dump(mode="json"),
        }

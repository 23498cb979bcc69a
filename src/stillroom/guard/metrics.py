"""Prometheus metrics, one registry per app (two guards in one test process must not collide).

No per-key labels: keys are unbounded, and Prometheus series must not be. Per-key views live in
the admin API and the audit log. `public` is what `/metrics` shows without the admin key
(`metrics_public`): not the requests by verdict or by policy action, nor the detector's failures,
which a client reads its own silent verdict, reroute or countermeasure from by comparing the
counts before and after a request of its own (round 22: a key pinned to `watch` read it in one
request).
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

_FAST = (0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05)
_SLOW = (0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "stillroom_guard_requests", "Requests by endpoint and status", ["endpoint", "status"], registry=r
        )
        self.verdicts = Counter(
            "stillroom_guard_verdicts", "Requests by the verdict applied", ["verdict"], registry=r
        )
        self.actions = Counter("stillroom_guard_actions", "Policy actions taken", ["action"], registry=r)
        self.overhead = Histogram(
            "stillroom_guard_overhead_seconds", "Time spent in the guard itself", buckets=_FAST, registry=r
        )
        self.upstream = Histogram(
            "stillroom_guard_upstream_seconds",
            "Upstream response time (to headers)",
            buckets=_SLOW,
            registry=r,
        )
        self.audit_pending = Gauge(
            "stillroom_guard_audit_pending", "Audit rows waiting to be written", registry=r
        )
        self.audit_written = Gauge(
            "stillroom_guard_audit_written", "Audit rows written since start", registry=r
        )
        self.detector_errors = Counter(
            "stillroom_guard_detector_errors", "Requests the detector failed on (served anyway)", registry=r
        )
        self.audit_refusals = Counter(
            "stillroom_guard_audit_refusals",
            "Requests refused unserved, without a row, while the audit backlog was full",
            registry=r,
        )
        self.auth_failures = Counter(
            "stillroom_guard_auth_failures",
            "Requests refused for a missing or wrong key (not audited)",
            registry=r,
        )
        self.public = CollectorRegistry()
        for m in (
            self.requests,
            self.overhead,
            self.upstream,
            self.audit_pending,
            self.audit_written,
            self.audit_refusals,
            self.auth_failures,
        ):
            self.public.register(m)

"""Everything one guard instance holds, built once from settings and closed on shutdown.

Held on `app.state.guard` (no module globals), so two guards can live in one process.
"""

from __future__ import annotations

import importlib
import importlib.util
import time
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy.engine import Engine

from stillroom.config import load_config
from stillroom.contracts.openai import ApiError
from stillroom.detector.types import Assessment, TrafficEvent
from stillroom.guard.audit import AuditWriter
from stillroom.guard.db import connect
from stillroom.guard.keys import KeyStore
from stillroom.guard.limits import Limiter, make_limiter
from stillroom.guard.metrics import Metrics
from stillroom.guard.policy import PolicySource
from stillroom.guard.proxy import Upstream
from stillroom.guard.settings import GuardSettings

MODELS_TTL_S = 30.0  # the upstream's model list is refetched when older than this...
MODELS_MISS_RETRY_S = 3.0  # ...or on an unknown model, at most this often (typos must not hammer it)


class DetectorLike(Protocol):
    def observe(self, event: TrafficEvent) -> Assessment: ...


@dataclass
class Guard:
    settings: GuardSettings
    engine: Engine
    keys: KeyStore
    limiter: Limiter
    detector: DetectorLike | None
    policy: PolicySource
    upstream: Upstream
    audit: AuditWriter
    metrics: Metrics = field(default_factory=Metrics)
    assessments: dict[str, Assessment] = field(default_factory=dict)  # key id -> latest
    _models: tuple[float, frozenset[str]] = (0.0, frozenset())

    async def close(self) -> None:
        await self.upstream.close()
        await self.limiter.close()
        self.audit.close()
        self.engine.dispose()

    async def check_model(self, model: str) -> None:
        """404 for a model the upstream does not serve. Its list is cached for MODELS_TTL_S, so a
        model the upstream drops stops being accepted, and refetched early on a miss, so a new one
        is found within MODELS_MISS_RETRY_S."""
        if self.settings.models is not None:
            known = frozenset(self.settings.models)
        else:
            fetched, known = self._models
            age = time.monotonic() - fetched
            if age > MODELS_TTL_S or (model not in known and age > MODELS_MISS_RETRY_S):
                known = frozenset(await self.upstream.models())
                self._models = (time.monotonic(), known)
        if model not in known:
            raise ApiError(
                404,
                f"The model {model[:100]!r} does not exist; GET /v1/models lists them",
                "model_not_found",
                "model",
            )


def build_guard(settings: GuardSettings, detector: DetectorLike | None = None) -> Guard:
    engine = connect(settings.db)
    s = settings
    return Guard(
        settings=s,
        engine=engine,
        keys=KeyStore(engine, s.key_cache_ttl_s),
        limiter=make_limiter(s.redis),
        detector=detector if detector is not None else default_detector(s),
        policy=PolicySource(s.policy),
        upstream=Upstream(
            s.upstream,
            s.upstream_api_key.get_secret_value() if s.upstream_api_key else None,
            s.upstream_timeout_s,
            s.upstream_max_connections,
        ),
        audit=AuditWriter(engine, s.audit_batch, s.audit_flush_s),
    )


def default_detector(settings: GuardSettings) -> DetectorLike | None:
    """stillroom's detector if that package provides one; None = every request is verdict 'ok'."""
    module = importlib.import_module("stillroom.detector")
    factory = getattr(module, "Detector", None)
    if factory is None:
        return None
    if settings.detector is None:
        return factory()

    cfg_cls = getattr(module, "DetectorConfig", None)
    if cfg_cls is None:
        return factory()
    return factory(load_config(cfg_cls, settings.detector))


def dashboard_router(detector: DetectorLike | None):
    """`stillroom.detector.dashboard.router(detector)` when that module exists and the detector is one
    it can show (it reads `snapshot()`), else None."""
    if not hasattr(detector, "snapshot") or importlib.util.find_spec("stillroom.detector.dashboard") is None:
        return None
    return importlib.import_module("stillroom.detector.dashboard").router(detector)

"""Everything one guard instance holds, built once from settings and closed on shutdown.

Held on `app.state.guard` (no module globals), so two guards can live in one process.
"""

from __future__ import annotations

import asyncio
import hashlib
import importlib
import importlib.util
import logging
import math
import time
from collections import OrderedDict, deque
from collections.abc import Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.engine import Engine

from stillroom.config import load_config
from stillroom.contracts.openai import ApiError
from stillroom.detector import Detector
from stillroom.detector.detector import warm_up
from stillroom.detector.persist import Saver
from stillroom.detector.types import Assessment, TrafficEvent
from stillroom.guard.audit import AuditWriter, recover
from stillroom.guard.db import connect
from stillroom.guard.journal import Journal
from stillroom.guard.keys import KeyStore
from stillroom.guard.limits import Limiter, LimitResult, make_limiter
from stillroom.guard.metrics import Metrics
from stillroom.guard.policy import Jitter, PolicySource, jitter_of
from stillroom.guard.proxy import Upstream, alternate_upstreams
from stillroom.guard.settings import GuardSettings
from stillroom.guard.snapshots import Snapshots, restore

log = logging.getLogger("stillroom.guard")
MODELS_TTL_S = 30.0  # the upstream's model list is refetched when older than this...
MODELS_MISS_RETRY_S = 3.0  # ...or on an unknown model, at most this often (typos must not hammer it)
THROTTLE_ENTRIES = 10_000
STREAMS_END_S = 5.0  # at shutdown, how long the streams the server cancelled get to write their final rows


class DetectorLike(Protocol):
    """What the guard needs of a detector: `observe` each request's event, and its assessment.

    Optional (looked up with getattr, skipped when absent): `served(key_id, prompt, texts) ->
    None`, the reply texts the guard returned to one of the key's chat requests (`prompt`: its
    last user message; `texts`: every non-empty message of a JSON answer, each of a stream's `n`
    choices up to its first ~512 characters), so a detector can tell a chat user, whose history
    resends our replies, from a script replaying conversations we never served."""

    def observe(self, event: TrafficEvent) -> Assessment: ...


# Also optional: `async refresh(key_id) -> Assessment | None`, the key's assessment from elsewhere
# (a stream detector's workers), awaited before each request's limits; `async aclose()`, at shutdown.


@dataclass
class Guard:
    settings: GuardSettings
    engine: Engine
    keys: KeyStore
    limiter: Limiter
    detector: DetectorLike | None
    policy: PolicySource
    upstream: Upstream
    journal: Journal
    audit: AuditWriter
    snapshots: Snapshots | None = None  # detector state saved every detector_snapshot_s
    metrics: Metrics = field(default_factory=Metrics)
    alternates: dict[str, Upstream] = field(default_factory=dict)  # policy `reroute` targets
    assessments: dict[str, Assessment] = field(default_factory=dict)  # key id -> latest
    # key id -> the task observing its latest answered request (detection.py); gone when done
    observing: dict[str, asyncio.Task] = field(default_factory=dict)
    # detection.py's per-key pacing: key id -> when it last sent a request (the last 0.1 s only),
    # and key id -> the monotonic time before which its next observation waits under contention
    recent_keys: OrderedDict[str, float] = field(default_factory=OrderedDict)
    detector_next: OrderedDict[str, float] = field(default_factory=OrderedDict)
    _models: tuple[float, tuple[str, ...] | None] = (
        0.0,
        (),
    )  # (fetched at, the upstream's list; None: unusable)
    # key id -> (monotonic time its request bucket has a request again, rpm): requests before then
    # are refused without reading their bodies, so a key past its limit costs the guard nothing.
    _throttle: OrderedDict[str, tuple[float, int]] = field(default_factory=OrderedDict)
    _tasks: set[asyncio.Task] = field(default_factory=set)
    _logged: dict[str, tuple[float, int]] = field(default_factory=dict)
    # key id -> its requests whose bodies are being read now (pipeline.read_request); gone at 0
    reading: dict[str, int] = field(default_factory=dict)
    upstreaming: dict[str, int] = field(default_factory=dict)  # key -> upstream calls in flight
    # key -> its requests waiting for one of those calls to finish (pipeline.hold_upstream), in order
    waiting: dict[str, deque[asyncio.Future[None]]] = field(default_factory=dict)
    streams: int = 0  # relayed streams whose final audit row is not written yet (pipeline.relay_stream)

    async def close(self) -> None:
        # the streams the server cancelled at the end of its graceful shutdown write their final
        # rows as they unwind, which they did after the audit writer had stopped: no row stored, a
        # provisional one left for the next start (round 22)
        deadline = time.monotonic() + STREAMS_END_S
        while self.streams and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=10)
        if self.snapshots is not None:
            await self.snapshots.stop()  # after the last request: a clean restart loses nothing
        if (aclose := getattr(self.detector, "aclose", None)) is not None:
            await aclose()  # a stream detector sends what it still holds
        await self.upstream.close()
        for alt in self.alternates.values():
            await alt.close()
        await self.limiter.close()
        self.audit.close()  # drains the queue and closes the journal: nothing answered is lost
        self.engine.dispose()

    def note_limit(self, key_id: str, r: LimitResult) -> None:
        if r.requests_left < 1:
            self._throttle[key_id] = (time.monotonic() + (1 - r.requests_left) * 60 / r.rpm, r.rpm)
            self._throttle.move_to_end(key_id)
            if len(self._throttle) > THROTTLE_ENTRIES:
                self._throttle.popitem(last=False)

    @property
    def jitter(self) -> Jitter:
        """The `perturb` noise (policy.jitter_of): one for every key and replica."""
        return jitter_of(self.settings.admin_key.get_secret_value())

    def cache_salt(self, key_id: str) -> str:
        """The key's own prefix-cache salt (settings `upstream_cache_salt`), keyed by the admin key:
        the same on every replica, and no one can compute another key's."""
        secret = self.settings.admin_key.get_secret_value().encode()
        return hashlib.blake2b(
            key_id.encode(), key=secret[:64], person=b"cache_salt", digest_size=16
        ).hexdigest()

    def throttled(self, key_id: str) -> ApiError | None:
        """A 429 for a key whose request bucket is known to be empty, else None."""
        hit = self._throttle.get(key_id)
        if hit is None:
            return None
        wait = hit[0] - time.monotonic()
        if wait <= 0:
            del self._throttle[key_id]
            return None
        s = max(1, math.ceil(wait))
        return ApiError(
            429,
            f"Rate limit reached for key {key_id}: {hit[1]} requests/min. Try again in {s}s.",
            "rate_limit_exceeded",
            headers={"retry-after": str(s)},
        )

    def spawn(self, coro: Coroutine[Any, Any, None]) -> asyncio.Task:
        """Run `coro` detached from the request (a client hanging up must not cancel it)."""
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def log_throttled(self, topic: str, msg: str, *args: Any, exc_info: bool = False) -> None:
        """Log at most once a minute per topic (with the count since), so no request can flood the log."""
        last, skipped = self._logged.get(topic, (0.0, 0))
        if time.monotonic() - last < 60:
            self._logged[topic] = (last, skipped + 1)
            return
        self._logged[topic] = (time.monotonic(), 0)
        suffix = f" ({skipped} more since the last report)" if skipped else ""
        log.error(msg + suffix, *args, exc_info=exc_info)

    async def model_ids(self, wanted: str | None = None) -> tuple[str, ...] | None:
        """The models clients may name: the `models` setting, else the upstream's list, cached for
        MODELS_TTL_S and refetched early (at most every MODELS_MISS_RETRY_S) when `wanted` is not in
        it. GET /v1/models reads the same cache: a client listing models in a loop never reaches
        the upstream more often than that (a reviewer's key made 200 upstream calls in a row).
        None: the upstream gives no usable list (no /v1/models, a shape `Upstream.models` cannot
        read), also cached: names then pass unchecked and the upstream judges them, as it would
        with no guard in front (every request was refused with 502 before, session 28's server
        round: mlx_lm over HTTP/1.0, a bare JSON list)."""
        if self.settings.models is not None:
            return tuple(self.settings.models)
        fetched, known = self._models
        age = time.monotonic() - fetched
        missing = wanted is not None and known is not None and not serves(known, wanted)
        if age > MODELS_TTL_S or (missing and age > MODELS_MISS_RETRY_S):
            try:
                known = tuple(await self.upstream.models())
            except ApiError as e:
                known = None
                self.log_throttled(
                    "models",
                    "upstream model list unusable (%s): model names pass unchecked; "
                    "list them in the guard's `models` setting to check them here",
                    e.message,
                )
            self._models = (time.monotonic(), known)
        return known

    async def check_model(self, model: str) -> None:
        """404 for a model the upstream does not serve (`model_ids`: a model the upstream drops
        stops being accepted within MODELS_TTL_S, a new one is found within MODELS_MISS_RETRY_S)."""
        known = await self.model_ids(model)
        if known is not None and not serves(known, model):
            raise ApiError(
                404,
                f"The model {model[:100]!r} does not exist; GET /v1/models lists them",
                "model_not_found",
                "model",
            )


def serves(known: tuple[str, ...], model: str) -> bool:
    """Whether `model` is in the list, an untagged name included: Ollama lists `name:latest` and
    answers to `name`."""
    return model in known or (":" not in model and f"{model}:latest" in known)


def journal_folder(settings: GuardSettings) -> Path:
    """Where the audit journal lives: the setting, else beside a SQLite file, else the cwd."""
    if settings.audit_journal:
        return Path(settings.audit_journal)
    db = settings.db
    if db.startswith("sqlite:///") and db != "sqlite:///:memory:" and len(db) > len("sqlite:///"):
        return Path(db[len("sqlite:///") :] + ".audit")
    return Path("stillroom-guard-audit")


def build_guard(settings: GuardSettings, detector: DetectorLike | None = None) -> Guard:
    engine = connect(settings.db)
    s = settings
    folder = journal_folder(s)
    recover(folder, engine)  # rows a killed guard answered but had not stored
    journal = Journal(folder)
    saver = Saver()
    det = detector if detector is not None else stream_detector(s) or default_detector(s, saver)
    return Guard(
        settings=s,
        engine=engine,
        keys=KeyStore(engine, s.key_cache_ttl_s),
        limiter=make_limiter(s.redis),
        detector=det,
        snapshots=snapshots(s, det, saver),
        assessments=restored_assessments(det),
        policy=PolicySource(s.policy, upstreams=s.upstreams),
        upstream=Upstream(
            s.upstream,
            s.upstream_api_key.get_secret_value() if s.upstream_api_key else None,
            s.upstream_timeout_s,
            s.upstream_max_connections,
            s.upstream_stream_timeout_s,
            s.upstream_accepts_max_tokens,
            s.max_answer_bytes,
        ),
        alternates=alternate_upstreams(s),
        journal=journal,
        audit=AuditWriter(engine, journal, s.audit_batch, s.audit_flush_s),
    )


def default_detector(settings: GuardSettings, saver: Saver | None = None) -> DetectorLike | None:
    """stillroom's detector if that package provides one (in its saved state when `detector_state`
    names a file); None = every request is verdict 'ok'."""
    module = importlib.import_module("stillroom.detector")
    factory = getattr(module, "Detector", None)
    if factory is None:
        return None
    cfg_cls = getattr(module, "DetectorConfig", None)
    cfg = None if settings.detector is None or cfg_cls is None else load_config(cfg_cls, settings.detector)
    make = factory if cfg is None else (lambda: factory(cfg))
    warm_up(make())
    saved = restore(settings.detector_state, cfg, saver or Saver()) if settings.detector_state else None
    return saved if saved is not None else make()


def stream_detector(settings: GuardSettings) -> DetectorLike | None:
    """With `detector_stream` set, detection runs in `stillroom detect` workers: this guard
    publishes to them and enforces what they publish (detector/stream.py)."""
    if not settings.detector_stream:
        return None
    from stillroom.detector.stream import StreamDetector

    s = settings
    return StreamDetector(
        s.detector_stream, s.detector_partitions, s.detector_stream_maxlen, s.detector_verdict_ttl_s
    )


def snapshots(settings: GuardSettings, detector: DetectorLike | None, saver: Saver) -> Snapshots | None:
    if not settings.detector_state:
        return None
    if not isinstance(detector, Detector):
        log.warning("detector_state is set but the detector is not stillroom's: its state is not saved")
        return None
    return Snapshots(detector, settings.detector_state, settings.detector_snapshot_s, saver)


def restored_assessments(detector: DetectorLike | None) -> dict[str, Assessment]:
    """Each restored key's last assessment, so the limits hook and the admin view know a flagged
    key's verdict before its first request after the restart."""
    if not isinstance(detector, Detector):
        return {}
    return {k: st.last for k, st in detector.keys.items() if st.last is not None}


def dashboard_router(detector: DetectorLike | None):
    """The JSON routes of `stillroom.detector.dashboard` when that module exists and the detector is
    one it can show (it has `key_view`), else None. The guard serves the page itself (app.py)."""
    if not hasattr(detector, "key_view") or importlib.util.find_spec("stillroom.detector.dashboard") is None:
        return None
    return importlib.import_module("stillroom.detector.dashboard").router(detector, page=False)

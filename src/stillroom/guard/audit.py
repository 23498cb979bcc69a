"""The append-only audit log: one row per request, written off the response path.

Requests put rows on a queue (microseconds); a writer thread inserts them in batches every
`flush_s` or `batch` rows. `close()` drains the queue before returning and the app calls it on
shutdown, so a restart loses nothing that was answered. If the database is briefly unavailable
the batch is kept and retried rather than dropped.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from stillroom.guard.context import RequestContext
from stillroom.guard.db import audit_table

log = logging.getLogger(__name__)


def audit_row(ctx: RequestContext, store_prompt: bool) -> dict[str, Any]:
    a = ctx.assessment
    return {
        "request_id": ctx.request_id,
        "ts": ctx.ts,
        "key_id": ctx.key.id,
        "endpoint": ctx.endpoint,
        "model": ctx.request.model[:200],
        "prompt_fp": ctx.fingerprint,
        "prompt": ctx.prompt if store_prompt else None,
        "features": a.features if a else None,
        "contributions": a.contributions if a else None,
        "score": a.score if a else None,
        "verdict": ctx.verdict,
        "action": ctx.action_names(),
        "status": ctx.status,
        "prompt_tokens": ctx.prompt_tokens,
        "completion_tokens": ctx.completion_tokens,
        "latency_ms": (time.perf_counter() - ctx.started) * 1000,
    }


class AuditWriter:
    """Rows go into a deque (an append, no lock, no thread wake-up: waking a thread per request
    costs milliseconds of GIL hand-off on a busy machine); the writer thread wakes every `flush_s`
    and writes what is there in batches of at most `batch` rows."""

    def __init__(self, engine: Engine, batch: int = 256, flush_s: float = 0.2):
        self.engine = engine
        self.batch = batch
        self.flush_s = flush_s
        self.written = 0
        self.dropped = 0
        self._buf: deque[dict[str, Any]] = deque()
        self._rows: list[dict[str, Any]] = []  # taken from the deque, not yet written
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stillroom-audit", daemon=True)
        self._thread.start()

    def put(self, row: dict[str, Any]) -> None:
        self._buf.append(row)

    def pending(self) -> int:
        return len(self._buf) + len(self._rows)

    def close(self, timeout_s: float = 30.0) -> None:
        """Write everything queued so far, then stop the thread."""
        self._stop.set()
        self._thread.join(timeout_s)
        if self._thread.is_alive():
            log.error("audit writer did not finish within %.0f s; %d rows pending", timeout_s, self.pending())

    def _run(self) -> None:
        while True:
            stopping = self._stop.wait(self.flush_s)
            if not self._drain(stopping) and stopping:
                log.error("audit writer stopping with %d unwritten rows", self.pending())
                return
            if stopping and not self._buf:
                return

    def _drain(self, stopping: bool) -> bool:
        """Write batches until the deque is empty; False if the database stayed unreachable."""
        retries = 0
        while self._buf or self._rows:
            while self._buf and len(self._rows) < self.batch:
                self._rows.append(self._buf.popleft())
            outcome = self._write(self._rows)
            if outcome == "bad":  # the data, not the database: row by row, dropping only the bad ones
                self._rows[:] = [r for r in self._rows if self._write([r]) == "retry"]
                outcome = "retry" if self._rows else "ok"
            if outcome == "ok":
                self._rows.clear()
                retries = 0
                continue
            retries += 1
            if retries > 3 and stopping:
                return False
            time.sleep(min(1.0, self.flush_s * 5))
        return True

    def _write(self, rows: list[dict[str, Any]]) -> str:
        """ "ok"; "retry" when the database is unreachable; "bad" when it refused the rows themselves
        (a single bad row is logged and dropped: it must not block the log behind it)."""
        try:
            with self.engine.begin() as conn:
                conn.execute(audit_table.insert(), rows)
        except (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.DisconnectionError) as e:
            log.error("audit write of %d rows failed, will retry: %s", len(rows), e)
            return "retry"
        except sa.exc.SQLAlchemyError as e:
            if len(rows) == 1:
                log.error("audit row %s dropped, the database refused it: %s", rows[0].get("request_id"), e)
                self.dropped += 1
            return "bad"
        self.written += len(rows)
        return "ok"


def query_audit(
    conn: Connection,
    key_id: str | None = None,
    since: float | None = None,
    until: float | None = None,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """Audit rows newest first, filtered by key and time range."""
    t = audit_table
    q = sa.select(t).order_by(t.c.id.desc()).limit(limit)
    if key_id is not None:
        q = q.where(t.c.key_id == key_id)
    if since is not None:
        q = q.where(t.c.ts >= since)
    if until is not None:
        q = q.where(t.c.ts < until)
    return [dict(r) for r in conn.execute(q).mappings()]

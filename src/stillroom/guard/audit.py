"""The append-only audit log: exactly one row per answered request, SIGKILL included.

The request path appends the row to the local journal (journal.py) before the response completes
and puts it on a queue (microseconds); a writer thread inserts queued rows in batches every
`flush_s` or `batch` rows, syncs the journal and tells it which rows are stored. At start, rows
a dead process journaled but never stored are replayed (`recover`), and again every ORPHAN_SCAN_S
while the guard runs: replicas sharing a journal folder store a dead replica's rows (round 18: a
replica SIGKILLed with 12 rows not yet stored left them out of the table for as long as the
others ran; a guard restarting on the folder was the only way in). Inserts skip rows whose
`request_id` is already there, so a replay or a retry never duplicates a row.

Rows are storable by construction (`audit_row`: text without NUL or lone surrogates, no NaN in
JSON); if the database still refuses one, a minimal version (ids, status, tokens, the reason) is
written instead: a row is never dropped. If the database is unreachable or full, or refuses even
a minimal row (it takes no rows at all: read-only after a failover, a revoked INSERT grant), the
batch is retried; at shutdown whatever could not be stored stays in the journal for the next
start. (Round 22: rows refused even when shrunk were dropped from the queue as bad ones, and
reached the table only at the guard's next start: 171 of 172 answered in 10 s of a read-only
database.)
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import Counter, deque
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from stillroom.guard.context import RequestContext, finite, safe_text
from stillroom.guard.db import audit_table
from stillroom.guard.journal import Journal, orphans

log = logging.getLogger(__name__)
_TRANSIENT = (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.DisconnectionError)
# how often a running guard looks for segments a dead process left (a glob, a lock try a segment)
ORPHAN_SCAN_S = 2.0


# characters of a refused request's prompt and of its instructions stored with `store_prompts`
# (`stored_text`): whole, each could be `max_body_bytes` at one request of the key's limit
STORED_REFUSED_CHARS = 4096


def audit_row(ctx: RequestContext, store_prompt: bool) -> dict[str, Any]:
    a = ctx.assessment
    model = ctx.model
    refused = ctx.status != 200
    return {
        "request_id": ctx.request_id,
        "ts": ctx.ts,
        "key_id": ctx.key.id,
        "endpoint": ctx.endpoint,
        "model": safe_text(model[:200]) if model is not None else None,
        "prompt_fp": ctx.fingerprint,
        "prompt": stored_text(ctx.prompt, refused) if store_prompt and ctx.request is not None else None,
        "instructions_fp": ctx.instructions_fingerprint,
        "instructions": stored_text(ctx.instructions, refused) if store_prompt and ctx.instructions else None,
        "features": _json_floats(a.features) if a else None,
        "contributions": _json_floats(a.contributions) if a else None,
        "score": finite(a.score) if a else None,
        "verdict": ctx.verdict,
        "action": ctx.action_names(),
        "status": ctx.status,
        "prompt_tokens": ctx.prompt_tokens,
        "completion_tokens": ctx.completion_tokens,
        "latency_ms": (time.perf_counter() - ctx.started) * 1000,
        "error": safe_text(ctx.error[:300]) if ctx.error else None,
    }


def stored_text(text: str, refused: bool) -> str:
    """A prompt or instructions as stored (`store_prompts`): whole for an answered request (its
    tokens bound it), a refused one's (any status but 200) cut to STORED_REFUSED_CHARS with the count
    cut said at its end. Stored whole, a key's 404s for an unknown model grew the table by its rpm
    times two `max_body_bytes` (round 28: 800,000 characters in one row at one request's cost)."""
    if refused and len(text) > STORED_REFUSED_CHARS:
        cut = len(text) - STORED_REFUSED_CHARS
        text = f"{text[:STORED_REFUSED_CHARS]} [{cut} more characters not stored]"
    return safe_text(text)


def _json_floats(d: dict[str, float]) -> dict[str, Any]:
    """The detector's numbers, JSON-storable: NaN and infinities as null. (Checked with one sum:
    it is finite exactly when every value is, which is the usual case.)"""
    try:
        if math.isfinite(sum(d.values())):
            return d
    except TypeError:
        pass
    return {safe_text(str(k)): finite(v) for k, v in d.items()}


def minimal(row: dict[str, Any], reason: str) -> dict[str, Any]:
    """What is left of a row the database refused: who, when, what happened, and why it is short."""
    status, ts = row.get("status"), row.get("ts")
    return {
        "request_id": str(row["request_id"])[:40],
        "ts": ts if isinstance(ts, int | float) else time.time(),
        "key_id": safe_text(str(row.get("key_id")))[:32] if row.get("key_id") is not None else None,
        "endpoint": safe_text(str(row.get("endpoint")))[:32],
        "action": safe_text(str(row.get("action") or "none"))[:200],
        "status": status if isinstance(status, int) else 0,
        "prompt_tokens": 0,
        "completion_tokens": 0,
        "latency_ms": 0.0,
        "error": reason[:300],
    }


def insert_new(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert rows, skipping any whose request_id is already stored (replays, retries). Rows are
    grouped by their keys: an executemany takes its columns from the first row."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - other dialects: plain insert (a replay may then hit the unique index)
        insert = None
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(row)
    for group in groups.values():
        if insert is None:
            conn.execute(audit_table.insert(), group)
        else:
            conn.execute(insert(audit_table).on_conflict_do_nothing(index_elements=["request_id"]), group)


def recover(folder: str | Path, engine: Engine, starting: bool = True) -> int:
    """Store the rows dead processes left in the journal folder; returns how many there were."""
    with orphans(folder, starting) as rows:
        for i in range(0, len(rows), 500):
            store(engine, rows[i : i + 500])
    if rows:
        log.warning("audit journal: replayed %d rows left by a stopped guard into the database", len(rows))
    return len(rows)


# The database refusing the data, not the connection: SQLAlchemy's errors, and the driver's own
# before it binds a value (sqlite3 raises a bare OverflowError for an int past 2**63).
_REFUSED = (sa.exc.SQLAlchemyError, OverflowError, ValueError, TypeError)


class RefusesRows(Exception):
    """The database refuses even a minimal row: it takes none now (read-only, no INSERT grant)."""


def store(engine: Engine, rows: list[dict[str, Any]]) -> None:
    """Insert `rows` in one transaction; if the database refuses the data (not the connection),
    row by row, shrinking a refused row to `minimal`. Transient errors raise, and so does a minimal
    row refused (`RefusesRows`): its fields are storable by construction, so the database is
    refusing rows, not this one, and the batch must wait for it like an outage."""
    try:
        with engine.begin() as conn:
            insert_new(conn, rows)
        return
    except _TRANSIENT:
        raise
    except _REFUSED:
        pass
    for row in rows:
        for attempt in (row, minimal(row, "row refused by the database")):
            try:
                with engine.begin() as conn:
                    insert_new(conn, [attempt])
                break
            except _TRANSIENT:
                raise
            except _REFUSED as e:
                if attempt is not row:
                    raise RefusesRows(str(e).splitlines()[0][:300]) from e
                log.error("audit row %s refused by the database: %s", row.get("request_id"), e)


# Rows the writer holds in memory while the database takes none (~2 KB each). Past it a journaled
# row waits in its journal segment alone, counted, and is read back from there once the queue is
# empty again: held in memory, a read-only database grew the guard ~1 MB/s from one connection of a
# key refused at ~470 requests/s, for as long as the outage lasted (round 26; round 29 bounded it).
MAX_QUEUED_ROWS = 10_000
# The most the journal may hold of rows the database has not taken (an outage: read-only after a
# failover, a revoked grant, its disk full): past it every request is refused unserved (503, counted
# in stillroom_guard_audit_refusals_total, no row), so none is answered unaudited and the journal's
# own disk does not fill (pipeline.audit_unavailable; round 30).
MAX_JOURNAL_BYTES = 2**30


class AuditWriter:
    """Rows go into a deque (an append, no lock, no thread wake-up: waking a thread per request
    costs milliseconds of GIL hand-off on a busy machine); the writer thread wakes every `flush_s`,
    syncs the journal and writes what is there in batches of at most `batch` rows. Past
    MAX_QUEUED_ROWS queued (the database is away) a journaled row is only counted per segment
    (`_spilled`), and stored from the journal once the queue is empty (`_unspill`)."""

    def __init__(
        self, engine: Engine, journal: Journal | None = None, batch: int = 256, flush_s: float = 0.2
    ):
        self.engine = engine
        self.journal = journal
        self.batch = batch
        self.flush_s = flush_s
        self.written = 0
        self._buf: deque[tuple[int, dict[str, Any]]] = deque()
        self._rows: list[tuple[int, dict[str, Any]]] = []  # taken from the deque, not yet written
        self._spilled: Counter[int] = Counter()  # journal segment -> its rows left out of the deque
        self._spill_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stillroom-audit", daemon=True)
        self._thread.start()

    def put(self, row: dict[str, Any], segment: int = 0) -> None:
        if segment and len(self._buf) >= MAX_QUEUED_ROWS:  # journaled: it waits there, not here
            with self._spill_lock:
                self._spilled[segment] += 1
            return
        self._buf.append((segment, row))

    def pending(self) -> int:
        return len(self._buf) + len(self._rows) + sum(self._spilled.values())

    def backlog_full(self) -> bool:
        """Whether the rows the database has not taken fill what the guard may hold of them: more
        than MAX_JOURNAL_BYTES in the journal, or, where the journal cannot be written (a full
        disk), twice MAX_QUEUED_ROWS in memory. Requests are then refused
        unserved (pipeline.audit_unavailable): a read-only database grew the journal by every row's
        bytes for as long as it lasted, until the disk was full (round 29's open item, round 30)."""
        held = self.journal.held if self.journal is not None else 0
        return held > MAX_JOURNAL_BYTES or len(self._buf) > 2 * MAX_QUEUED_ROWS

    def close(self, timeout_s: float = 30.0) -> None:
        """Write everything queued so far, then stop the thread (and close the journal)."""
        self._stop.set()
        self._thread.join(timeout_s)
        if self._thread.is_alive():
            log.error("audit writer did not finish within %.0f s; %d rows pending", timeout_s, self.pending())
        elif self.journal is not None:
            self.journal.close()

    def _run(self) -> None:
        scanned = time.monotonic()
        while True:
            stopping = self._stop.wait(self.flush_s)
            if self.journal is not None:
                self.journal.sync()
                if time.monotonic() - scanned >= ORPHAN_SCAN_S and not stopping:
                    scanned = time.monotonic()
                    self._adopt()
            if not self._drain(stopping) and stopping:
                log.error(
                    "audit writer stopping with %d rows not in the database (kept in the journal)",
                    self.pending(),
                )
                return
            if stopping and not self._buf:
                return

    def _adopt(self) -> None:
        """Store what a dead process sharing the journal folder left (its segments' locks are free)."""
        assert self.journal is not None
        try:
            recover(self.journal.folder, self.engine, starting=False)
        except Exception:  # the database is down, or refused rows: they stay for the next scan
            log.exception("audit journal: replaying a stopped guard's rows failed; will retry")

    def _drain(self, stopping: bool) -> bool:
        """Write batches until the deque is empty, then the rows left in the journal; False if the
        database stayed unreachable."""
        retries = 0
        while self._buf or self._rows or self._spilled:
            if self._write_batch() if self._buf or self._rows else self._unspill():
                retries = 0
                continue
            retries += 1
            if retries > 3 and stopping:
                return False
            time.sleep(min(1.0, self.flush_s * 5))
            if self.journal is not None:  # the database is down: keep syncing the journal meanwhile
                self.journal.sync()
        return True

    def _write_batch(self) -> bool:
        """Write the next batch of queued rows; whether they are stored."""
        while self._buf and len(self._rows) < self.batch:
            self._rows.append(self._buf.popleft())
        if not self._write([row for _, row in self._rows]):
            return False
        self.written += len(self._rows)
        if self.journal is not None:
            self.journal.done(Counter(seg for seg, _ in self._rows))
        self._rows.clear()
        return True

    def _unspill(self) -> bool:
        """Store the rows of the journal segments that rows were left in (`put`): every final row of
        each, the ones already stored skipped by their request id; whether they all are."""
        assert self.journal is not None
        with self._spill_lock:
            spilled, self._spilled = self._spilled, Counter()
        for seq, n in sorted(spilled.items()):
            try:
                rows = self.journal.final_rows(seq)
            except OSError:
                log.exception("audit journal: reading segment %d back failed; will retry", seq)
                rows = None
            batches = range(0, len(rows or ()), self.batch)
            if rows is None or not all(self._write(rows[i : i + self.batch]) for i in batches):
                with self._spill_lock:  # the rest waits for the next try
                    self._spilled.update({s: c for s, c in spilled.items() if s >= seq})
                return False
            self.written += n
            self.journal.done({seq: n})
        return True

    def _write(self, rows: list[dict[str, Any]]) -> bool:
        """Whether the rows are stored; False when the database is unreachable or takes no rows. Any
        other failure is logged and retried like an outage: it must not end the writer thread (a
        driver error outside SQLAlchemy's did, and every later row was journaled, never stored)."""
        try:
            store(self.engine, rows)
        except (*_TRANSIENT, RefusesRows) as e:
            log.error("audit write of %d rows failed, will retry: %s", len(rows), e)
            return False
        except Exception:
            log.exception("audit write of %d rows failed unexpectedly, will retry", len(rows))
            return False
        return True


def query_audit(
    conn: Connection,
    key_id: str | None = None,
    since: float | None = None,
    until: float | None = None,
    limit: int = 100,
    before_id: int | None = None,
    max_chars: int | None = None,
) -> tuple[list[dict[str, Any]], int | None]:
    """Audit rows newest first, filtered by key, time range and row id (older than `before_id`), and
    where the answer stopped short of `limit` rows at `max_chars` characters of stored prompts and
    instructions (at least one row), the `before_id` of the next page (else None). Rows are fetched
    100 at a time: a page of 10,000 rows with stored prompts was read whole first (round 28)."""
    t = audit_table
    q = sa.select(t).order_by(t.c.id.desc()).limit(limit)
    if key_id is not None:
        q = q.where(t.c.key_id == key_id)
    if since is not None:
        q = q.where(t.c.ts >= since)
    if until is not None:
        q = q.where(t.c.ts < until)
    if before_id is not None:
        q = q.where(t.c.id < before_id)
    rows: list[dict[str, Any]] = []
    chars = 0
    with conn.execution_options(yield_per=100).execute(q).mappings() as result:
        for r in result:
            chars += len(r["prompt"] or "") + len(r["instructions"] or "")
            if rows and max_chars is not None and chars > max_chars:
                return rows, rows[-1]["id"]
            rows.append(dict(r))
    return rows, None

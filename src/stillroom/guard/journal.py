"""The audit journal: each audit row is in a local append-only file before its response completes.

Why: the database insert runs in batches off the response path (audit.py), so rows queued in
memory die with the process on a SIGKILL, an OOM kill or a crash. Copying the row into a shared
memory map of a file first makes it the kernel's: the page cache holds it, and it outlives the
process (not the machine). A memory copy, not `write(2)`: no system call and no release of the
GIL on the request path (measured: bench/results/guard-journal.txt). The audit writer thread
msyncs every `audit_flush_s`, so a power loss or kernel crash can lose at most that window; a
write + fsync per request would put the disk on the request path (0.08 ms to 4 ms at p50 in two
runs on this VM, against 18 us for the copy), which is why it is not done per request.

Files ("segments": preallocated, JSON lines, zero-padded at the end) live in one folder. Each
process appends to its own live segment and holds an exclusive `flock` on its segments while it
lives. At every msync the writer thread first starts a new live segment and then syncs the old
one: the request path never writes to a page under writeback (which would wait for the disk);
not while the database is behind (a sealed segment still holds rows it has not stored): then the
live segment takes the rows until it is full, so an outage costs the journal its rows' bytes, not
a segment per msync (round 22: a database refusing inserts left an 8 MiB segment and two
descriptors per `audit_flush_s`, 48 segments and 384 MB in 10 s). A sealed segment is deleted once
every row in it is in the database and no stream it saw start is still running; until then, once
synced, it is cut to the bytes written and unmapped (round 22: each running stream had held its
8 MiB segment and two descriptors, 20 streams 168 MB), and past KEPT_FOR_STREAMS such segments the
provisional rows of one are copied into the live segment and it goes (round 23: one descriptor and
one file per running stream that started in its own flush, 40 streams 40 descriptors; now at most
KEPT_FOR_STREAMS + 2). At start, the guard replays
every segment whose lock it can take (its owner is dead) into the database and deletes it, and
while it runs it looks again every ORPHAN_SCAN_S (audit.py): replicas sharing a folder adopt a dead
replica's rows without waiting for a restart. The audit table's unique `request_id` makes the
replay idempotent, so a crash during a replay, or two guards replaying at once, only means
replaying again.

A stream's row is final only when the stream ends, but its client has had a response from the
first byte: so a *provisional* row is appended when the stream starts, and the final row later
supersedes it. A replay that finds only the provisional row writes it, marked interrupted.
"""

from __future__ import annotations

import fcntl
import json
import logging
import mmap
import os
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic_core import PydanticSerializationError, to_json

log = logging.getLogger(__name__)

INTERRUPTED = "interrupted: the guard stopped before the stream ended"
SEGMENT_BYTES = 8 * 2**20  # preallocated per segment (a larger row gets a segment of its own size)
# sealed segments kept only for running streams' provisional rows, at most (beyond: `_carry`)
KEPT_FOR_STREAMS = 8
# finished segments kept, zeroed, for the next rotations (`_reap`)
SPARES = 2


@dataclass
class _Segment:
    seq: int
    path: Path
    fd: int
    mm: mmap.mmap
    size: int = 0  # bytes written
    pending: int = 0  # final rows appended here and not yet in the database
    open: set[str] = field(default_factory=set)  # streams that started here and have not ended
    sealed: bool = False
    dirty: bool = False  # written since its last fsync


def encode(row: dict[str, Any], provisional: bool = False) -> bytes:
    """One journal line, by pydantic-core's encoder (~4 us for a row with the detector's features,
    against ~20 us for `json.dumps`: it runs on every request). A row it cannot encode (a lone
    surrogate that escaped `safe_text`) falls back to ASCII-only `json.dumps`, which round-trips
    any text."""
    line = {"p": 1, "r": row} if provisional else {"r": row}
    try:
        return to_json(line) + b"\n"
    except (PydanticSerializationError, ValueError):
        return (json.dumps(line, separators=(",", ":")) + "\n").encode()


class Journal:
    """Appends come from the event loop; `sync`, `done` and `close` from the audit writer thread,
    which alone rotates, fsyncs and deletes segments (so no fd is closed under an fsync)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._segments: dict[int, _Segment] = {}
        # request id of a running stream -> (its provisional row's segment, offset, length)
        self._open: dict[str, tuple[int, int, int]] = {}
        self._seq = 0
        self._spares: list[tuple[Path, int, mmap.mmap]] = []  # finished segments, zeroed, still locked
        self.failures = 0
        # bytes written to the segments still here (rows the database has not taken, running
        # streams' provisional rows, the live segment): what an outage grows (`audit.backlog_full`)
        self.held = 0
        self.current = self._add(self._create())

    def _create(self, size: int = SEGMENT_BYTES) -> tuple[Path, int, mmap.mmap]:
        """A new locked, preallocated segment (fallocate: a full disk fails here, never as a SIGBUS
        on a later write to the map)."""
        name = f"{time.time_ns()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        tmp = self.folder / f".{name}.new"
        fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.posix_fallocate(fd, 0, size)
            mm = mmap.mmap(fd, size)
        except BaseException:
            os.close(fd)
            tmp.unlink(missing_ok=True)
            raise
        path = self.folder / f"{name}.jsonl"
        os.rename(tmp, path)  # visible to a replaying process only once locked
        return path, fd, mm

    def _add(self, created: tuple[Path, int, mmap.mmap]) -> _Segment:
        self._seq += 1
        seg = _Segment(self._seq, *created)
        self._segments[seg.seq] = seg
        return seg

    def begin(self, row: dict[str, Any]) -> None:
        """A stream's provisional row (the client has its status line)."""
        self._append(encode(row, provisional=True), row["request_id"], final=False)

    def commit(self, row: dict[str, Any]) -> int:
        """A final row; returns the segment to report back through `done` once it is stored."""
        return self._append(encode(row), row["request_id"], final=True)

    def _append(self, line: bytes, request_id: str, final: bool) -> int:
        """The segment the line went to; 0 if it could not be written (a full disk): the row still
        goes to the database, it is only not SIGKILL-safe, and that is logged, not the client's error."""
        with self._lock:
            try:
                seg, at = self._write(line)
            except (OSError, ValueError) as e:
                self.failures += 1
                if self.failures == 1 or self.failures % 1000 == 0:
                    log.error("audit journal write failed (%d so far): %s", self.failures, e)
                return 0
            if final:
                seg.pending += 1
                started = self._segments.get(self._open.pop(request_id, (0, 0, 0))[0])
                if started is not None:
                    started.open.discard(request_id)
            else:
                seg.open.add(request_id)
                self._open[request_id] = (seg.seq, at, len(line))
            return seg.seq

    def _write(self, line: bytes) -> tuple[_Segment, int]:
        """Copy `line` into the live segment (the lock held): the segment and the line's offset."""
        seg = self._room(len(line))
        at = seg.size
        seg.mm[at : at + len(line)] = line
        seg.size += len(line)
        seg.dirty = True
        self.held += len(line)
        return seg, at

    def _room(self, n: int) -> _Segment:
        """The live segment, or a new one when `n` more bytes do not fit (rare: the writer thread
        starts a new one at every sync while the database keeps up)."""
        if self.current.size + n > len(self.current.mm):
            self.current.sealed = True
            if n <= SEGMENT_BYTES and self._spares:
                self.current = self._add(self._spares.pop())
            else:
                self.current = self._add(self._create(max(SEGMENT_BYTES, n)))
        return self.current

    def sync(self) -> None:
        """Start a new live segment if the current one has rows and the database is not behind,
        fsync what was written since the last call, and shrink or delete what is no longer needed
        (the writer thread, every flush)."""
        fresh = None
        with self._lock:
            behind = any(s.sealed and s.pending > 0 for s in self._segments.values())
            for seg in self._segments.values():
                if seg.sealed and not seg.dirty and not seg.mm.closed:  # synced since its last row
                    seg.mm.close()  # its rows stay in the file: cut to them, and one descriptor less
                    os.ftruncate(seg.fd, seg.size)
            self._carry()
            rotate = self.current.size > 0 and not behind
            if rotate and self._spares:
                fresh = self._spares.pop()
        if rotate and fresh is None:
            try:
                fresh = self._create()
            except OSError as e:  # keep appending to the live segment
                log.error("audit journal could not start a new segment: %s", e)
        with self._lock:
            if fresh is not None:
                self.current.sealed = True
                self.current = self._add(fresh)
            dirty = [s for s in self._segments.values() if s.dirty]
            for seg in dirty:
                seg.dirty = False
        for seg in dirty:
            seg.mm.flush()
        self._reap()

    def _carry(self) -> None:
        """Past KEPT_FOR_STREAMS sealed segments kept only for running streams (each holds its lock's
        descriptor until its last stream ends: 40 streams started 0.25 s apart held 40 descriptors
        and 41 files, round 23), copy the provisional rows of them all into the live segment, which
        this sync flushes before `_reap` deletes the emptied ones (the lock held). All of them, not
        the excess: one at a time, every sync would carry one and start a segment. A replay reads a
        stream's provisional row wherever it is, once (`merge_rows`)."""
        kept = [s for s in self._segments.values() if s.sealed and s.pending <= 0 and s.open and s.mm.closed]
        if len(kept) <= KEPT_FOR_STREAMS:
            return
        try:
            for seg in kept:
                for request_id in list(seg.open):
                    _, at, n = self._open[request_id]
                    line = os.pread(seg.fd, n, at)
                    if len(line) != n:
                        raise OSError(f"short read of {seg.path.name}")
                    to, at = self._write(line)
                    to.open.add(request_id)
                    self._open[request_id] = (to.seq, at, n)
                    seg.open.discard(request_id)
        except (OSError, ValueError) as e:  # a full disk: the segment stays, as before
            log.error("audit journal could not carry running streams' rows: %s", e)

    def final_rows(self, seq: int) -> list[dict[str, Any]]:
        """The final rows segment `seq` holds so far (the audit writer's, for rows it did not keep in
        memory: audit.MAX_QUEUED_ROWS). Read through the segment's descriptor: the bytes before its
        size are whole lines, and a segment with rows not yet stored is never deleted."""
        with self._lock:
            seg = self._segments.get(seq)
            if seg is None:
                return []
            size = seg.size
        data = os.pread(seg.fd, size, 0)
        if len(data) != size:
            raise OSError(f"short read of {seg.path.name}")
        return [rec["r"] for rec in _parse(data.splitlines(), seg.path.name) if not rec.get("p")]

    def done(self, counts: dict[int, int]) -> None:
        """Rows are in the database (segment -> how many)."""
        with self._lock:
            for seq, n in counts.items():
                seg = self._segments.get(seq)
                if seg is not None:
                    seg.pending -= n
        self._reap()

    def _reap(self) -> None:
        """Delete the segments whose rows are all stored, or keep up to SPARES of them, zeroed, for
        the next rotations: a fresh segment cost the writer an fallocate and an unlink and the
        request path a page fault per page it first wrote (14% of a guard's samples at 43 requests
        a second, session 40's py-spy). A reused one is zeroed before it takes rows, so a replay of
        it finds no row twice; a row a crash during the zeroing leaves behind is in the database
        already, and the replay's insert skips it."""
        with self._lock:
            gone = [s for s in self._segments.values() if s.sealed and s.pending <= 0 and not s.open]
            for seg in gone:
                del self._segments[seg.seq]
            self.held = sum(s.size for s in self._segments.values())
        for seg in gone:
            if len(self._spares) < SPARES and not seg.mm.closed and len(seg.mm) == SEGMENT_BYTES:
                seg.mm[: seg.size] = bytes(seg.size)
                with self._lock:
                    self._spares.append((seg.path, seg.fd, seg.mm))
                continue
            seg.path.unlink(missing_ok=True)
            seg.mm.close()
            os.close(seg.fd)

    def close(self) -> None:
        """Shutdown, after the audit writer drained: finished segments go; one with rows not stored
        (the database was down) or a stream still open stays for the next start."""
        self.sync()
        with self._lock:
            self.current.sealed = True
        self._reap()
        with self._lock:
            for path, fd, mm in self._spares:
                path.unlink(missing_ok=True)
                mm.close()
                os.close(fd)
            self._spares.clear()
            for seg in self._segments.values():  # kept for the next start, without the padding
                seg.mm.close()
                os.ftruncate(seg.fd, seg.size)
                os.close(seg.fd)
            self._segments.clear()


@contextmanager
def orphans(folder: str | Path, starting: bool = True) -> Iterator[list[dict[str, Any]]]:
    """The rows of every segment left by a dead process, final rows superseding provisional ones
    across segments. The segments stay locked while the caller stores the rows and are deleted
    when it returns normally; if it raises (database down) they stay for the next try. `starting`:
    also remove segments a dead process left unnamed (a running guard's scan leaves them: another
    process may be between creating one and locking it)."""
    folder = Path(folder)
    claimed: list[tuple[Path, int]] = []
    try:
        for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
            fd = _claim(path)
            if fd is not None:
                claimed.append((path, fd))
        yield merge_rows([p for p, _ in claimed])
        for path, _ in claimed:
            path.unlink(missing_ok=True)
        unnamed = folder.glob(".*.new") if folder.is_dir() and starting else []
        for tmp in unnamed:  # died between create and rename
            fd = _claim(tmp)
            if fd is not None:
                tmp.unlink(missing_ok=True)
                os.close(fd)
    finally:
        for _, fd in claimed:
            os.close(fd)


def _claim(path: Path) -> int | None:
    """An fd holding `path`'s lock, or None when a live guard owns it or it is already gone."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    if not path.exists():  # replayed and deleted by another process before we locked it
        os.close(fd)
        return None
    return fd


def merge_rows(paths: list[Path]) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for path in paths:
        for rec in _records(path):
            row = rec["r"]
            if rec.get("p"):
                rows.setdefault(row["request_id"], {**row, "error": INTERRUPTED})
            else:
                rows[row["request_id"]] = row
    return list(rows.values())


def _records(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, "rb") as f:
        yield from _parse(f, path.name)


def _parse(lines: Iterable[bytes], name: str) -> Iterator[dict[str, Any]]:
    """The journal records among a segment's lines (a torn or padded line logged and skipped)."""
    for n, line in enumerate(lines, 1):
        line = line.strip(b"\x00\n")  # the zero padding of a preallocated segment
        if not line:
            continue
        try:
            rec = json.loads(line)
            if isinstance(rec["r"]["request_id"], str):
                yield rec
                continue
        except (ValueError, KeyError, TypeError):
            pass
        log.error("%s line %d is not a journal record (a torn write?); skipped", name, n)

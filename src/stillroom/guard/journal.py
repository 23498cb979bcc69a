"""The audit journal: each audit row is in a local append-only file before its response completes.

Why: the database insert runs in batches off the response path (audit.py), so rows queued in
memory die with the process on a SIGKILL, an OOM kill or a crash. Appending the row to a file
first makes it the kernel's: `write(2)` returns once the bytes are in the page cache, which
survives the death of the process (not of the machine). The audit writer fsyncs the file every
`audit_flush_s`, so a power loss or kernel crash can lose at most that window; this fsync policy
keeps the append (~10 µs) on the request path and the fsync (ms) off it.

Files ("segments", JSON lines) live in one folder; each process appends to its own segment and
holds an exclusive `flock` on it while it lives. At start, the guard replays every segment whose
lock it can take (its owner is dead) into the database and deletes it: the audit table's unique
`request_id` makes the replay idempotent, so a crash during the replay only means replaying again.
While running, a segment is deleted once every row in it is in the database; the live segment is
rotated at `max_segment_bytes`.

A stream's row is final only when the stream ends, but its client has had a response from the
first byte: so a *provisional* row is appended when the stream starts, and the final row later
supersedes it. A replay that finds only the provisional row writes it, marked interrupted.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

INTERRUPTED = "interrupted: the guard stopped before the stream ended"


@dataclass
class _Segment:
    seq: int
    path: Path
    fd: int
    size: int = 0
    pending: int = 0  # final rows appended here and not yet in the database
    sealed: bool = False
    dirty: bool = False  # written since the last fsync


def encode(row: dict[str, Any], provisional: bool = False) -> bytes:
    """One journal line. ASCII-only JSON: any text (even lone surrogates) round-trips."""
    return (
        json.dumps({"p": 1, "r": row} if provisional else {"r": row}, separators=(",", ":")) + "\n"
    ).encode()


class Journal:
    """Appends come from the event loop; `done`, `sync` and deletion from the audit writer thread."""

    def __init__(self, folder: str | Path, max_segment_bytes: int = 64 * 2**20):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.max_segment_bytes = max_segment_bytes
        self._lock = threading.Lock()
        self._segments: dict[int, _Segment] = {}
        self._open: dict[str, dict[str, Any]] = {}  # request id -> provisional row of a live stream
        self._seq = 0
        self.failures = 0
        self.current = self._new_segment()

    def _new_segment(self) -> _Segment:
        self._seq += 1
        name = f"{time.time_ns()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        tmp = self.folder / f".{name}.new"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | os.O_CLOEXEC, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        path = self.folder / f"{name}.jsonl"
        os.rename(tmp, path)  # visible to a replaying process only once locked
        seg = _Segment(self._seq, path, fd)
        self._segments[seg.seq] = seg
        return seg

    def begin(self, row: dict[str, Any]) -> None:
        """A stream's provisional row (the client has its status line)."""
        self._open[row["request_id"]] = row
        self._append(encode(row, provisional=True), final=False)

    def commit(self, row: dict[str, Any]) -> int:
        """A final row; returns the segment to report back through `done` once it is stored."""
        self._open.pop(row["request_id"], None)
        return self._append(encode(row), final=True)

    def _append(self, line: bytes, final: bool) -> int:
        """The segment the line went to; 0 if it could not be written (a full disk): the row still
        goes to the database, it is only not SIGKILL-safe, and that is logged, not the client's error."""
        with self._lock:
            seg = self.current
            try:
                os.write(seg.fd, line)
            except OSError as e:
                self.failures += 1
                if self.failures == 1 or self.failures % 1000 == 0:
                    log.error("audit journal write failed (%d so far): %s", self.failures, e)
                return 0
            seg.size += len(line)
            seg.dirty = True
            seg.pending += final
            if seg.size >= self.max_segment_bytes:
                try:
                    self._rotate()
                except OSError as e:  # keep appending to the live segment
                    log.error("audit journal could not start a new segment: %s", e)
            return seg.seq

    def _rotate(self) -> None:
        """Seal the live segment; rows of streams still running move with their provisional row."""
        old, self.current = self.current, self._new_segment()
        old.sealed = True
        for row in self._open.values():
            line = encode(row, provisional=True)
            os.write(self.current.fd, line)
            self.current.size += len(line)
        self._reap(old)

    def done(self, counts: dict[int, int]) -> None:
        """Rows are in the database (segment -> how many): sealed segments with none left go."""
        with self._lock:
            for seq, n in counts.items():
                seg = self._segments.get(seq)
                if seg is not None:
                    seg.pending -= n
                    self._reap(seg)

    def _reap(self, seg: _Segment) -> None:
        if seg.sealed and seg.pending <= 0:
            seg.path.unlink(missing_ok=True)
            os.close(seg.fd)
            del self._segments[seg.seq]

    def sync(self) -> None:
        """fsync the segments written since the last call (the writer thread, every flush)."""
        with self._lock:
            fds = [s.fd for s in self._segments.values() if s.dirty]
            for s in self._segments.values():
                s.dirty = False
        for fd in fds:
            try:
                os.fsync(fd)
            except OSError as e:  # closed by a concurrent reap: its rows are stored already
                log.debug("fsync of a reaped journal segment: %s", e)

    def close(self) -> None:
        """Shutdown after the audit writer drained: finished segments go; a segment with rows not
        stored (the database was down) or a stream still open stays for the next start."""
        self.sync()
        with self._lock:
            for seg in list(self._segments.values()):
                if seg.pending <= 0 and (seg is not self.current or not self._open):
                    seg.sealed = True
                    self._reap(seg)
                else:
                    os.close(seg.fd)
            self._segments.clear()


@contextmanager
def orphans(folder: str | Path) -> Iterator[list[dict[str, Any]]]:
    """The rows of every segment left by a dead process, final rows superseding provisional ones
    across segments. The segments stay locked while the caller stores the rows and are deleted
    when it returns normally; if it raises (database down) they stay for the next start."""
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
        for tmp in folder.glob(".*.new") if folder.is_dir() else []:  # died between create and rename
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
        for n, line in enumerate(f, 1):
            try:
                rec = json.loads(line)
                if isinstance(rec["r"]["request_id"], str):
                    yield rec
                    continue
            except (ValueError, KeyError, TypeError):
                pass
            log.error("%s line %d is not a journal record (a torn write?); skipped", path.name, n)

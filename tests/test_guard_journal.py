"""The audit journal (journal.py) on its own: replay, idempotence, provisional stream rows, rotation."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from stillroom.guard.audit import recover
from stillroom.guard.db import audit_table, connect
from stillroom.guard.journal import INTERRUPTED, Journal


def test_journal_replay_is_idempotent_and_keeps_interrupted_streams(tmp_path):
    """Rows journaled by a process that died: stored once however often the replay runs; a stream
    with only its provisional row is stored as interrupted; a torn last line is skipped."""
    folder, db = tmp_path / "journal", f"sqlite:///{tmp_path}/a.db"
    engine = connect(db)
    row = {"ts": 1.0, "key_id": "k", "endpoint": "chat", "action": "allow", "status": 200}
    j = Journal(folder)
    j.commit({**row, "request_id": "done"})
    j.begin({**row, "request_id": "cut"})
    j.begin({**row, "request_id": "finished-stream"})
    j.commit({**row, "request_id": "finished-stream", "completion_tokens": 9})
    seg, torn = j.current, b'{"r": {"request_id": "torn"'
    seg.mm[seg.size : seg.size + len(torn)] = torn  # the process died mid-copy
    assert recover(folder, engine) == 0  # a live journal (its lock is held) is never replayed
    seg.mm.close()  # the process dies: its lock goes with its last descriptor
    os.close(seg.fd)
    assert recover(folder, engine) == 3
    assert recover(folder, engine) == 0 and not list(folder.glob("*.jsonl"))
    with engine.connect() as conn:
        got = {r.request_id: r for r in conn.execute(sa.select(audit_table))}
    engine.dispose()
    assert sorted(got) == ["cut", "done", "finished-stream"]
    assert got["cut"].error == INTERRUPTED and got["finished-stream"].completion_tokens == 9
    assert got["done"].error is None


def test_journal_rotates_at_each_fsync_and_deletes_what_is_stored(tmp_path):
    """Each fsync starts a new live segment (appends never hit a page under writeback); a sealed
    segment goes once its rows are stored and no stream that started in it is still running (its
    file zeroed for reuse: a spare holds no row)."""
    folder = tmp_path / "j"
    files = lambda: sum(1 for p in folder.glob("*.jsonl") if p.read_bytes().strip(b"\0"))  # noqa: E731
    j = Journal(folder)
    row = {"ts": 1.0, "key_id": "k", "endpoint": "chat", "action": "allow", "status": 200}
    j.begin({**row, "request_id": "long-stream"})
    first = {j.commit({**row, "request_id": f"r{i}"}) for i in range(3)}
    j.sync()
    second = {j.commit({**row, "request_id": f"s{i}"}) for i in range(3)}
    assert len(first) == len(second) == 1 and first != second and files() == 2
    j.done({first.pop(): 3})
    assert files() == 2  # its rows are stored, but the stream that started in it is still running
    last = j.commit({**row, "request_id": "long-stream"})
    j.sync()
    assert files() == 1  # the first is gone; the second (4 rows to store) stays
    assert len(list(folder.glob("*.jsonl"))) == 2  # and the new live one (the first, cut to its rows while
    # its stream ran, is deleted, not kept as a spare)
    j.done({last: 4})
    assert files() == 0
    j.close()
    assert not list(folder.glob("*.jsonl"))


def test_rotation_reuses_finished_segments_zeroed(tmp_path):
    """Steady state (the database keeps up): each sync's new live segment is a finished one, zeroed,
    not a new file (an fallocate, an unlink and fresh pages per sync cost the guard 14% of its
    samples at 43 requests a second); a dead guard's folder replays each row once."""
    folder, engine = tmp_path / "j", connect(f"sqlite:///{tmp_path}/a.db")
    j = Journal(folder)
    row = {"ts": 1.0, "key_id": "k", "endpoint": "chat", "action": "allow", "status": 200}
    names = set()
    for flush in range(6):
        seq = {j.commit({**row, "request_id": f"f{flush}-{i}"}) for i in range(1 + flush)}
        names.add(j.current.path.name)
        j.sync()
        j.done({seq.pop(): 1 + flush})
    assert len(names) <= 3 and len(list(folder.glob("*.jsonl"))) <= 3
    j.commit({**row, "request_id": "last"})  # not yet stored when the guard dies
    for seg in [*j._segments.values()]:
        seg.mm.flush()
        seg.mm.close()
        os.close(seg.fd)
    for _, fd, mm in j._spares:
        mm.close()
        os.close(fd)
    assert recover(folder, engine) == 1  # only the unstored row: reused segments hold no old row
    engine.dispose()


def test_a_failed_journal_write_is_logged_not_raised(tmp_path, caplog):
    """A full disk must not turn answered requests into 500s: the row still goes to the database."""
    j = Journal(tmp_path / "j")
    j.current.mm.close()  # every write now fails
    row = {"request_id": "r", "ts": 1.0, "key_id": "k", "endpoint": "chat", "action": "allow", "status": 200}
    assert j.commit(row) == 0 and j.commit({**row, "request_id": "r2"}) == 0
    assert j.failures == 2 and sum("journal write failed" in r.getMessage() for r in caplog.records) == 1


CHILD = r"""
import collections, sys, threading, time
from stillroom.guard import journal as jm

STREAMS = sys.argv[3] == "streams"
jm.SEGMENT_BYTES = 4096  # a few rows per segment: appends rotate on overflow as well as at every sync
j = jm.Journal(sys.argv[1])
queue = collections.deque()
stored = open(sys.argv[2], "a", buffering=1)


def writer():  # the audit writer thread's part: sync (rotates), store, report done
    while True:
        time.sleep(0.002)
        j.sync()
        batch = [queue.popleft() for _ in range(len(queue))]
        time.sleep(0.002)  # the database insert
        for _, rid in batch:
            stored.write(rid + "\n")
        j.done(collections.Counter(seg for seg, _ in batch))


threading.Thread(target=writer, daemon=True).start()
row = {"ts": 1.0, "key_id": "k", "endpoint": "chat", "action": "allow", "status": 200, "error": "x" * 200}
streams = []
for i in range(10**9):
    rid = f"r{i}"
    if STREAMS and i % 16 == 0:  # a stream: answered from its first byte, final row later
        j.begin({**row, "request_id": rid})
        streams.append(rid)
    else:
        queue.append((j.commit({**row, "request_id": rid}), rid))
    if len(streams) > 30:  # streams stay open across many rotations
        s = streams.pop(0)
        queue.append((j.commit({**row, "request_id": s}), s))
    print(rid, flush=True)  # the client has its response
"""


@pytest.mark.parametrize("kind", ["rows", "streams"])
def test_rotation_under_concurrent_appends_loses_no_row_across_sigkill(tmp_path, kind):
    """A process appends as fast as it can while its writer thread rotates, stores and deletes
    segments every ~4 ms (and 4 KB segments also rotate on overflow); SIGKILL at a random row;
    every row whose append had returned is then either stored or replayed from what is left.
    Three kills per kind. Deleting a segment too early (rows not yet stored, or a stream that
    started in it still open) is caught by chance, not always: with either bug put into
    journal.py, 3 of 4 runs of this test failed."""
    from stillroom.guard.journal import orphans

    for n in range(3):
        folder, stored_path = tmp_path / f"j{n}", tmp_path / f"stored{n}.txt"
        answered = _run_and_kill(folder, stored_path, kind, 2000 + 1000 * n)
        assert len(answered) >= 1000, "the child did not get going"
        stored = set(stored_path.read_text().split())
        with orphans(folder) as rows:
            replayed = {r["request_id"] for r in rows}
        missing = [rid for rid in answered if rid not in stored and rid not in replayed]
        assert not missing, f"{len(missing)} of {len(answered)} rows lost, e.g. {missing[:5]}"
        assert not list(folder.glob("*.jsonl")), "replayed segments are deleted"


def _run_and_kill(folder, stored_path, kind: str, rows: int) -> list[str]:
    """The ids the CHILD printed (each after its append returned) before it was SIGKILLed."""
    import signal
    import subprocess
    import sys
    import time

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    args = [sys.executable, "-c", CHILD, str(folder), str(stored_path), kind]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, env=env, text=True)
    answered, deadline = [], time.monotonic() + 30
    while len(answered) < rows and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        answered.append(line.strip())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    answered += proc.stdout.read().split()  # printed before the kill
    proc.stdout.close()
    return answered

"""The audit journal (journal.py) on its own: replay, idempotence, provisional stream rows, rotation."""

from __future__ import annotations

import os

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
    segment goes once its rows are stored and no stream that started in it is still running."""
    folder = tmp_path / "j"
    files = lambda: len(list(folder.glob("*.jsonl")))  # noqa: E731
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
    assert files() == 2  # the first is gone; the second (4 rows to store) and the new live one stay
    j.done({last: 4})
    assert files() == 1
    j.close()
    assert files() == 0


def test_a_failed_journal_write_is_logged_not_raised(tmp_path, caplog):
    """A full disk must not turn answered requests into 500s: the row still goes to the database."""
    j = Journal(tmp_path / "j")
    j.current.mm.close()  # every write now fails
    row = {"request_id": "r", "ts": 1.0, "key_id": "k", "endpoint": "chat", "action": "allow", "status": 200}
    assert j.commit(row) == 0 and j.commit({**row, "request_id": "r2"}) == 0
    assert j.failures == 2 and sum("journal write failed" in r.getMessage() for r in caplog.records) == 1

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
    os.write(j.current.fd, b'{"r": {"request_id": "torn"')  # the process died mid-write
    assert recover(folder, engine) == 0  # a live journal (its lock is held) is never replayed
    os.close(j.current.fd)  # the process dies: its lock goes with it
    assert recover(folder, engine) == 3
    assert recover(folder, engine) == 0 and not list(folder.glob("*.jsonl"))
    with engine.connect() as conn:
        got = {r.request_id: r for r in conn.execute(sa.select(audit_table))}
    engine.dispose()
    assert sorted(got) == ["cut", "done", "finished-stream"]
    assert got["cut"].error == INTERRUPTED and got["finished-stream"].completion_tokens == 9
    assert got["done"].error is None


def test_journal_rotates_and_deletes_stored_segments(tmp_path):
    """Segments rotate by size; a sealed segment goes once all its rows are stored; a stream still
    running when its segment is sealed moves with its provisional row."""
    j = Journal(tmp_path / "j", max_segment_bytes=400)
    row = {"ts": 1.0, "key_id": "k", "endpoint": "chat", "action": "allow", "status": 200}
    j.begin({**row, "request_id": "long-stream"})
    first = [j.commit({**row, "request_id": f"r{i}"}) for i in range(6)]
    assert len(set(first)) > 1 and len(list((tmp_path / "j").glob("*.jsonl"))) > 1
    j.done({seq: first.count(seq) for seq in set(first)})
    files = list((tmp_path / "j").glob("*.jsonl"))
    assert len(files) == 1 and b"long-stream" in files[0].read_bytes()  # the live segment only
    j.commit({**row, "request_id": "long-stream"})
    j.close()
    assert len(list((tmp_path / "j").glob("*.jsonl"))) == 1  # its final row is not stored yet


def test_a_failed_journal_write_is_logged_not_raised(tmp_path, caplog):
    """A full disk must not turn answered requests into 500s: the row still goes to the database."""
    j = Journal(tmp_path / "j")
    os.close(j.current.fd)  # every write now fails, as on a dead disk
    row = {"request_id": "r", "ts": 1.0, "key_id": "k", "endpoint": "chat", "action": "allow", "status": 200}
    assert j.commit(row) == 0 and j.commit({**row, "request_id": "r2"}) == 0
    assert j.failures == 2 and sum("journal write failed" in r.getMessage() for r in caplog.records) == 1

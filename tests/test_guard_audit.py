"""The audit log on SQLite and on a real PostgreSQL: migrations, append-only, batching, no loss on restart."""

from __future__ import annotations

import time

import httpx
import pytest
import sqlalchemy as sa

from fakes.upstream import FakeUpstream
from guard_support import (
    ADMIN,
    ConstantDetector,
    audit_rows,
    guard_running,
    settings,
)
from stillroom.guard.db import MIGRATIONS, audit_table, connect, migrate, migrations_table
from stillroom.serve.thread import running
from stillroom.teachers import GenParams
from stillroom.teachers.fake import FakeTeacher

HTTP = httpx.Client(timeout=30)  # one client: a new one per call costs ~40 ms of TLS setup


@pytest.fixture(scope="module")
def upstream():
    with running(FakeUpstream(model="fake")) as url:
        yield url


def post(url: str, secret: str, content: str = "Tell me about the Rhine.") -> httpx.Response:
    return HTTP.post(
        f"{url}/v1/chat/completions",
        headers={"authorization": f"Bearer {secret}"},
        json={"model": "fake", "messages": [{"role": "user", "content": content}]},
    )


def test_migrations_are_numbered_recorded_and_idempotent(db_url):
    engine = connect(db_url)
    with engine.connect() as conn:
        versions = list(
            conn.scalars(sa.select(migrations_table.c.version).order_by(migrations_table.c.version))
        )
    assert versions == [v for v, _, _ in MIGRATIONS]
    assert migrate(engine) == []
    engine.dispose()


def test_audit_table_is_append_only(db_url):
    engine = connect(db_url)
    with engine.begin() as conn:
        conn.execute(
            audit_table.insert().values(request_id="r", ts=1.0, endpoint="chat", action="allow", status=200)
        )
    for stmt in (audit_table.update().values(status=500), audit_table.delete()):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(stmt)
    if engine.dialect.name == "postgresql":  # #14: TRUNCATE bypassed the row triggers
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), engine.begin() as conn:
            conn.exec_driver_sql("TRUNCATE audit")
    with engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(audit_table)) == 1
    engine.dispose()


def test_every_request_is_audited_and_nothing_lost_on_restart(db_url, upstream, tmp_path):
    # A long flush interval: rows sit in the queue while responses go out, and must still be
    # written when the guard shuts down.
    s = settings(tmp_path, upstream, db=db_url, audit_flush_s=60.0, audit_batch=10_000)
    with guard_running(s, ConstantDetector("watch", 0.4)) as (url, guard):
        key, secret = guard.keys.create("auditee", rpm=1000)
        t0 = time.perf_counter()
        statuses = [post(url, secret, f"prompt {i}").status_code for i in range(20)]
        answered_s = time.perf_counter() - t0
        deadline = time.monotonic() + 5
        while guard.audit.pending() < 20 and time.monotonic() < deadline:  # audit runs after the response
            time.sleep(0.01)
        assert statuses == [200] * 20 and guard.audit.pending() == 20 and guard.audit.written == 0
    got = audit_rows(db_url)
    assert len(got) == 20 and answered_s < 10
    # each row holds the verdict and assessment in force when it was decided: the key's after its
    # earlier requests (the first one: none yet)
    assert (got[0]["verdict"], got[0]["score"], got[0]["features"]) == ("ok", None, None)
    r = got[1]
    assert r["key_id"] == key.id and r["verdict"] == "watch" and r["score"] == 0.4 and r["status"] == 200
    assert r["features"] == {"rate": 1.0, "templating": 0.5} and r["contributions"]["templating"] == 0.7
    assert r["prompt"] is None and len(r["prompt_fp"]) == 32
    want = FakeTeacher().generate([[{"role": "user", "content": "prompt 1"}]], GenParams(temperature=1.0))[0]
    assert (r["prompt_tokens"], r["completion_tokens"]) == (want.prompt_tokens, want.completion_tokens)
    assert r["action"] == "allow"
    assert len({x["prompt_fp"] for x in got}) == 20
    # a restarted guard on the same database keeps appending
    with guard_running(s) as (url, guard):
        assert post(url, secret).status_code == 200
    assert len(audit_rows(db_url)) == 21


def test_raw_prompts_only_when_configured_and_rejections_audited(upstream, tmp_path):
    s = settings(tmp_path, upstream, store_prompts=True)
    with guard_running(s, ConstantDetector("block")) as (url, guard):
        secret = guard.keys.create("p", rpm=2)[1]
        assert post(url, secret, "first").status_code == 200  # before the detector saw the key
        assert post(url, secret, "secret plans").status_code == 403
        assert post(url, secret, "again").status_code == 429
    got = audit_rows(s.db)
    # the 429 comes before the body is read (the key's request bucket is known to be empty)
    assert [(r["status"], r["action"], r["prompt"]) for r in got] == [
        (200, "allow", "first"),
        (403, "block", "secret plans"),
        (429, "rate_limited", None),
    ]


def test_admin_audit_query_by_key_and_time(upstream, tmp_path):
    with guard_running(settings(tmp_path, upstream)) as (url, guard):
        a = guard.keys.create("a")[1]
        b = guard.keys.create("b")[1]
        post(url, a)
        mid = time.time()
        post(url, a)
        post(url, b)
        deadline = time.monotonic() + 5
        while guard.audit.written < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        admin = {"authorization": f"Bearer {ADMIN}"}
        kid = a.split("-")[2]
        by_key = HTTP.get(f"{url}/admin/audit", params={"key_id": kid}, headers=admin).json()
        assert len(by_key) == 2 and {r["key_id"] for r in by_key} == {kid}
        recent = HTTP.get(f"{url}/admin/audit", params={"since": mid}, headers=admin).json()
        assert len(recent) == 2
        early = HTTP.get(f"{url}/admin/audit", params={"until": mid, "key_id": kid}, headers=admin).json()
        assert len(early) == 1 and early[0]["ts"] < mid


def test_one_bad_row_does_not_block_the_log(db_url):
    """A row the database refuses does not block the rows around it, and is not dropped either: a
    minimal version (ids, status, the reason) is stored in its place."""
    from stillroom.guard.audit import AuditWriter

    engine = connect(db_url)
    writer = AuditWriter(engine, batch=10, flush_s=0.01)
    good = {"request_id": "g", "ts": 1.0, "endpoint": "chat", "action": "allow", "status": 200}
    writer.put(good)
    writer.put({**good, "request_id": "bad", "status": None})  # NOT NULL violation
    writer.put({**good, "request_id": "g2"})
    writer.close()
    with engine.connect() as conn:
        got = {r.request_id: r for r in conn.execute(sa.select(audit_table))}
    engine.dispose()
    assert sorted(got) == ["bad", "g", "g2"] and writer.written == 3
    assert got["bad"].status == 0 and "refused by the database" in got["bad"].error
    assert got["g"].error is None and got["g"].status == 200

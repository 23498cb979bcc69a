"""Shared fixtures: tiny random models built in-process (no network, milliseconds to load)."""

from __future__ import annotations

import pytest

from stillroom.teachers.tiny import build_tiny


@pytest.fixture(scope="session")
def tiny_teacher_dir(tmp_path_factory):
    """A 2-layer random Llama with the ChatML tokenizer: a real `hf:` teacher."""
    return build_tiny(tmp_path_factory.mktemp("tiny_teacher"), seed=0, layers=2)


@pytest.fixture(scope="session")
def tiny_student_dir(tmp_path_factory):
    """A smaller random Llama sharing the teacher's tokenizer (same vocabulary)."""
    return build_tiny(
        tmp_path_factory.mktemp("tiny_student"),
        seed=1,
        layers=1,
        hidden=32,
        heads=2,
        kv_heads=1,
        intermediate=64,
    )


@pytest.fixture(scope="session")
def tiny_eval_dir(tmp_path_factory, tiny_teacher_dir, tiny_student_dir):
    """An eval folder written by `stillroom eval` over two real tiny distill runs (see report_support.py)."""
    from report_support import build_tiny_eval

    return build_tiny_eval(tmp_path_factory.mktemp("tiny_eval"), tiny_teacher_dir, tiny_student_dir)


@pytest.fixture(scope="session")
def pg_server():
    """One private PostgreSQL cluster on 127.0.0.1 for the whole session, started on first use."""
    from guard_support import postgres_server

    with postgres_server() as url:
        yield url


@pytest.fixture(scope="module")
def redis_url():
    """A private redis-server on 127.0.0.1 for one test module, started on first use."""
    from guard_support import redis_server

    with redis_server() as url:
        yield url


@pytest.fixture
def r(redis_url):
    """A client of `redis_url`'s server, its database emptied first."""
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield client
    client.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty guard database URL, once on SQLite and once on PostgreSQL (`pg_server`)."""
    from guard_support import sqlite_or_pg

    return sqlite_or_pg(request, tmp_path)

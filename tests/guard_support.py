"""Shared pieces of the guard tests: a constant detector, a guard runner, real Redis and PostgreSQL.

The upstream behind the guard is `fakes.upstream.FakeUpstream` (serve on the fake teacher, recording
what the guard forwarded): `with running(FakeUpstream(model="fake")) as url`.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from stillroom.detector.types import Assessment, TrafficEvent, Verdict
from stillroom.guard.app import create_app
from stillroom.guard.settings import GuardSettings
from stillroom.net import free_port
from stillroom.serve.thread import running

ADMIN = "admin-secret-for-tests-0123456789"


class ConstantDetector:
    """Test double for stillroom.detector.Detector: the same verdict for everyone, events kept."""

    def __init__(self, verdict: Verdict = "ok", score: float = 0.1):
        self.verdict = verdict
        self.score = score
        self.events: list[TrafficEvent] = []

    def observe(self, event: TrafficEvent) -> Assessment:
        self.events.append(event)
        return Assessment(
            score=self.score,
            verdict=self.verdict,
            features={"rate": 1.0, "templating": 0.5},
            contributions={"templating": 0.7, "rate": 0.3},
            reasons=["constant test detector"],
        )


def settings(tmp_path, upstream: str, **kw: Any) -> GuardSettings:
    base = {
        "upstream": upstream,
        "db": f"sqlite:///{tmp_path}/guard.db",
        "admin_key": ADMIN,
        "key_cache_ttl_s": 0.0,
        "audit_flush_s": 0.02,
    }
    return GuardSettings(**{**base, **kw})


@contextmanager
def guard_running(s: GuardSettings, detector: Any = "constant") -> Iterator[tuple[str, Any]]:
    """(base URL, the app's Guard state) for a live guard on 127.0.0.1; detector=None: the real one."""
    app = create_app(s, ConstantDetector() if detector == "constant" else detector)
    with running(app) as url:
        yield url, app.state.guard


# --- real servers for shared state: redis-server and a private PostgreSQL cluster ---


@contextmanager
def redis_server() -> Iterator[str]:
    """A throwaway redis-server on a free port (no persistence); skips if the binary is absent."""
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not os.path.exists(binary):
        pytest.skip("redis-server not installed (apt install redis-server)")
    port = free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_port(port, proc)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(10)


@contextmanager
def postgres_server() -> Iterator[str]:
    """A private PostgreSQL cluster in a temp dir, run as the `postgres` user (it refuses root).

    Yields a URL of the `postgres` database; skips if the binaries are absent.
    """
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not bins:
        pytest.skip("PostgreSQL not installed (apt install postgresql)")
    bindir = os.path.dirname(bins[-1])
    data = tempfile.mkdtemp(prefix="stillroom-pg-")
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_pg:
        shutil.chown(data, "postgres")
    port = free_port()
    run = lambda *args: subprocess.run([*as_pg, *args], check=True, capture_output=True)  # noqa: E731
    run(f"{bindir}/initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync")
    opts = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    run(f"{bindir}/pg_ctl", "-D", data, "-o", opts, "-l", f"{data}/log", "-w", "start")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        run(f"{bindir}/pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(data, ignore_errors=True)


def fresh_pg_database(server_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + f"/{name}"


def _wait_port(port: int, proc: subprocess.Popen, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.02)
    raise RuntimeError(f"nothing listening on port {port} after {timeout_s} s")

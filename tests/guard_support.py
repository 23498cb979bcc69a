"""Shared pieces of the guard tests: a constant detector, a guard runner, real Redis and PostgreSQL.

The upstream behind the guard is `fakes.upstream.FakeUpstream` (serve on the fake teacher, recording
what the guard forwarded): `with running(FakeUpstream(model="fake")) as url`. `RawUpstream` (below)
misbehaves at the HTTP level, which an ASGI app cannot: floods, hangs, leaky error bodies.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from stillroom.detector.types import Assessment, TrafficEvent, Verdict
from stillroom.guard.app import create_app
from stillroom.guard.server import server_options
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


def observed(guard: Any, timeout_s: float = 5.0) -> None:
    """Wait until the detector has seen every answered request (it observes each one right after
    its response went out: guard/detection.py)."""
    deadline = time.monotonic() + timeout_s
    while guard.observing and time.monotonic() < deadline:
        time.sleep(0.005)


def suspect_and_ok(guard: Any) -> tuple[str, str]:
    """The secrets of a key held at `suspect` (the default policy treats its log-probs) and of a
    key in good standing: what a logprob channel must not reach, beside ordinary traffic."""
    suspect, s_secret = guard.keys.create("suspect", rpm=1000, tpm=10**7)
    guard.keys.set_override(suspect.id, "suspect")
    return s_secret, guard.keys.create("ok", rpm=1000, tpm=10**7)[1]


def settings(tmp_path, upstream: str, **kw: Any) -> GuardSettings:
    base = {
        "upstream": upstream,
        "db": f"sqlite:///{tmp_path}/guard.db",
        "audit_journal": str(tmp_path / "journal"),  # never the default ./stillroom-guard-audit/
        "admin_key": ADMIN,
        "key_cache_ttl_s": 0.0,
        "audit_flush_s": 0.02,
    }
    return GuardSettings(**{**base, **kw})


def offline_settings(**kw: Any) -> GuardSettings:
    """Settings for code driven without a server (nothing is connected to)."""
    from pathlib import Path

    return settings(Path("/nonexistent"), "http://127.0.0.1:9", **kw)


def request_context(endpoint: str, body: dict, **kw: Any) -> Any:
    """A RequestContext as the pipeline has it after reading the body (parsed, validated, prompt
    and token estimate set), under `offline_settings(**kw)`; for a key with no limits of its own."""
    from stillroom.guard.context import RequestContext
    from stillroom.guard.keys import ApiKey
    from stillroom.guard.pipeline import estimate_tokens, parse_body
    from stillroom.guard.schemas import asked_text, prompt_text

    s = offline_settings(**kw)
    raw = json.dumps(body).encode()
    key = ApiKey(id="k1", label="k", secret_hash="x", rpm=None, tpm=None, created_at=0.0)
    ctx = RequestContext(endpoint=endpoint, key=key, raw_body=raw)  # type: ignore[arg-type]
    ctx.body, ctx.request = parse_body(raw, endpoint, s)  # type: ignore[arg-type]
    ctx.prompt, ctx.question = asked_text(ctx.request), prompt_text(ctx.request)
    estimate_tokens(ctx, s)
    return ctx


@contextmanager
def guard_running(s: GuardSettings, detector: Any = "constant") -> Iterator[tuple[str, Any]]:
    """(base URL, the app's Guard state) for a live guard on 127.0.0.1; detector=None: the real one."""
    app = create_app(s, ConstantDetector() if detector == "constant" else detector)
    with running(app, **server_options(s)) as url:
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


def sqlite_or_pg(request, tmp_path) -> str:
    """For a fixture parametrized over ["sqlite", "postgresql"]: a fresh guard database URL (the
    PostgreSQL one on the session's `pg_server` fixture (conftest.py))."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/guard.db"
    import uuid

    return fresh_pg_database(request.getfixturevalue("pg_server"), f"t_{uuid.uuid4().hex[:10]}")


def audit_rows(db_url: str) -> list[dict[str, Any]]:
    """Every audit row, oldest first."""
    import sqlalchemy as sa

    from stillroom.guard.db import audit_table, connect

    engine = connect(db_url)
    with engine.connect() as conn:
        out = [dict(r) for r in conn.execute(sa.select(audit_table).order_by(audit_table.c.id)).mappings()]
    engine.dispose()
    return out


def audit_rows_when(db_url: str, n: int, timeout_s: float = 5.0) -> list[dict[str, Any]]:
    """The audit rows once the table holds `n` (a stream's final row is written after its client
    has read the last byte), or after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while len(rows := audit_rows(db_url)) < n and time.monotonic() < deadline:
        time.sleep(0.05)
    return rows


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


# --- a guard as its own process (SIGKILL, RSS) and an upstream that misbehaves on purpose ---


@contextmanager
def guard_process(tmp_path, upstream: str, **config: Any) -> Iterator[tuple[str, subprocess.Popen, Any]]:
    """`stillroom guard` as a child process on a free port: (base URL, process, log path).
    Stopped with SIGTERM (SIGKILL if it hangs) on exit unless the test already killed it."""
    import yaml

    port = free_port()
    cfg = {
        "upstream": upstream,
        "port": port,
        "db": f"sqlite:///{tmp_path}/guard.db",
        "audit_journal": str(tmp_path / "journal"),
        "audit_flush_s": 0.05,
    }
    cfg.update(config)
    path = tmp_path / f"guard-{port}.yaml"
    path.write_text(yaml.safe_dump(cfg))
    log = tmp_path / f"guard-{port}.log"
    env = {**os.environ, "STILLROOM_ADMIN_KEY": ADMIN, "PYTHONUNBUFFERED": "1"}
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "stillroom.cli", "guard", "--config", str(path)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_port(port, proc, timeout_s=60)
        yield f"http://127.0.0.1:{port}", proc, log
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def make_key(db_url: str, label: str = "k", **limits: Any) -> tuple[str, str]:
    """(key id, secret) created directly in a guard database (before or beside a running guard)."""
    from stillroom.guard.db import connect
    from stillroom.guard.keys import KeyStore

    engine = connect(db_url)
    key, secret = KeyStore(engine, 0).create(label, **limits)
    engine.dispose()
    return key.id, secret


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024


LEAKY_401 = "Incorrect API key provided: sk-upstr****WXYZ. You can find your API key at https://x"
LEAKY_500 = 'Traceback (most recent call last):\n  File "/srv/app.py", line 9\nConnectionError: db-7.internal.corp:5432'


class RawUpstream:
    """A raw HTTP/1.1 upstream on 127.0.0.1 (own thread, own event loop) that answers by model:

    fake      a chat completion (usage 5 + 2 tokens)
    leak-401  401 whose message names the operator's upstream key
    leak-500  500 whose message is a traceback naming an internal host
    flood     an SSE stream of `flood_events` ~1 KB events, written as fast as the socket takes them
    hang      never answers
    reasoning a chat completion, or OpenAI's 400 for `max_tokens` (its reasoning models refuse it)

    `stats`: requests seen, flood bytes written, floods cut short (the guard closed the connection)."""

    MODELS = ("fake", "leak-401", "leak-500", "flood", "hang", "reasoning")

    def __init__(self, flood_events: int = 20_000):
        import asyncio
        import threading

        self.flood_events = flood_events
        self.stats = {"requests": 0, "flood_bytes": 0, "flood_cut": 0, "flood_done": 0}
        self.bodies: list[dict] = []  # every request body, in order
        self._loop = asyncio.new_event_loop()
        ready = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(ready,), daemon=True)
        self._thread.start()
        ready.wait(10)
        self.url = f"http://127.0.0.1:{self.port}"

    def _run(self, ready) -> None:
        import asyncio

        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        ready.set()
        self._loop.run_forever()

    def close(self) -> None:
        import asyncio

        async def shutdown() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            self._loop.stop()

        asyncio.run_coroutine_threadsafe(shutdown(), self._loop)
        self._thread.join(5)

    async def _handle(self, reader, writer) -> None:
        import asyncio

        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    (
                        int(x.split(b":")[1])
                        for x in head.split(b"\r\n")
                        if x.lower().startswith(b"content-length")
                    ),
                    0,
                )
                body = json.loads(await reader.readexactly(length)) if length else {}
                self.stats["requests"] += 1
                self.bodies.append(body)
                await self._answer(head, body, writer)
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        import asyncio

        model = body.get("model")
        if head.startswith(b"GET"):
            data = {"object": "list", "data": [{"id": m, "object": "model"} for m in self.MODELS]}
            return self._json(writer, 200, data)
        if model == "leak-401":
            return self._json(writer, 401, {"error": {"message": LEAKY_401, "type": "invalid_request_error"}})
        if model == "leak-500":
            return self._json(writer, 500, {"error": {"message": LEAKY_500, "type": "server_error"}})
        if model == "hang":
            await asyncio.sleep(3600)
        if model == "reasoning" and "max_tokens" in body:
            message = (
                "Unsupported parameter: 'max_tokens' is not supported with this model."
                " Use 'max_completion_tokens' instead."
            )
            error = {"message": message, "type": "invalid_request_error", "param": "max_tokens"}
            return self._json(writer, 400, {"error": {**error, "code": "unsupported_parameter"}})
        if model == "flood":
            return await self._flood(writer)
        msg = {"role": "assistant", "content": "hi"}
        usage = {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7}
        choice = {"index": 0, "message": msg, "finish_reason": "stop"}
        self._json(writer, 200, {"id": "x", "object": "chat.completion", "choices": [choice], "usage": usage})

    @staticmethod
    def _json(writer, status: int, data: dict) -> None:
        raw = json.dumps(data).encode()
        writer.write(
            b"HTTP/1.1 %d X\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n"
            % (status, len(raw))
        )
        writer.write(raw)

    async def _flood(self, writer) -> None:
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
        )
        chunk = {"choices": [{"index": 0, "delta": {"content": "x" * 1000}}]}
        event = b"data: " + json.dumps(chunk).encode() + b"\n\n"
        frame = b"%x\r\n%s\r\n" % (len(event), event)
        try:
            for i in range(self.flood_events):
                if writer.transport.is_closing():  # the guard hung up: stop (as a real server would)
                    raise ConnectionResetError
                writer.write(frame)
                if i % 16 == 0:
                    await writer.drain()
                self.stats["flood_bytes"] += len(frame)
            done = b"data: [DONE]\n\n"
            writer.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(done), done))
            await writer.drain()
            self.stats["flood_done"] += 1
        except ConnectionError:
            self.stats["flood_cut"] += 1
            raise


def magpie(url: str, secret: str, n: int) -> list[int]:
    """Magpie-style harvesting: the chat template's user header and nothing else."""
    body = {"model": "fake", "messages": [{"role": "user", "content": "<|im_start|>user\n"}], "max_tokens": 8}
    with httpx.Client(timeout=10, headers={"authorization": f"Bearer {secret}"}) as http:
        return [http.post(f"{url}/v1/chat/completions", json=body).status_code for _ in range(n)]


def models_list(up: RawUpstream, writer) -> None:
    """A RawUpstream subclass's answer to GET /v1/models: one model, `fake`."""
    up._json(writer, 200, {"object": "list", "data": [{"id": "fake"}]})


class SlowStream(RawUpstream):
    """A chat stream of `events` events, one every `every_s`, then, with `usage`, its usage."""

    def __init__(self, events: int, every_s: float, usage: bool = False) -> None:
        super().__init__()
        self.events, self.every_s, self.usage = events, every_s, usage

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        import asyncio
        import json

        if head.startswith(b"GET"):
            return models_list(self, writer)
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
        )
        chunk = {"choices": [{"index": 0, "delta": {"content": "x"}}]}
        usage = {"choices": [], "usage": {"prompt_tokens": 5, "completion_tokens": self.events}}
        for i in range(self.events + self.usage):
            event = b"data: " + json.dumps(chunk if i < self.events else usage).encode() + b"\n\n"
            writer.write(b"%x\r\n%s\r\n" % (len(event), event))
            await writer.drain()
            await asyncio.sleep(self.every_s)
        done = b"data: [DONE]\n\n"
        writer.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(done), done))
        await writer.drain()


def sse_answer(writer, events: list[dict]) -> None:
    """A whole event stream of `events` (then [DONE]) in one write, with a content-length."""
    import json

    payload = b"".join(b"data: " + json.dumps(e).encode() + b"\n\n" for e in events) + b"data: [DONE]\n\n"
    head = b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-length: %d\r\n\r\n"
    writer.write(head % len(payload) + payload)


# --- a server's prompt cache, read through what it reports (rounds 17 and 21) ---

VAULT_CODE = "The vault code is 4417."  # a victim's system prompt; an attacker reads its 4 digits


class PromptCacheUpstream(RawUpstream):
    """A server with a prompt cache: a prompt's cached length is its longest common prefix with
    the prompts before it (a token per character). Subclasses report it as their server does."""

    def __init__(self) -> None:
        super().__init__()
        self.prompts: list[str] = []

    def _cached(self, text: str) -> int:
        cached = max((_common_prefix(text, p) for p in self.prompts), default=0)
        self.prompts.append(text)
        return cached


def _common_prefix(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def read_code(url: str, secret: str, cached) -> tuple[str | None, int]:
    """(the victim's code read digit by digit through `cached(url, secret, guess)`, the cache count
    an answer reports, and the requests sent): a guess that matches the victim's system prompt one
    character further is cached one character further. None where nothing is reported."""
    known, sent = "The vault code is ", 0
    for _ in range(4):
        for digit in "0123456789":
            count = cached(url, secret, known + digit)
            sent += 1
            if count is None:
                return None, sent
            if count >= len(known) + 1:
                known += digit
                break
        else:
            return None, sent
    return known[-4:], sent

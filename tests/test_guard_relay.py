"""Relayed streams and upstream failures (#14): a client that hangs up or stalls, upstream errors
that must not reach the client, and timeouts. The upstream is `guard_support.RawUpstream`, a raw
asyncio server that misbehaves on purpose."""

from __future__ import annotations

import json
import socket
import threading
import time

import httpx
import pytest
import sqlalchemy as sa

from guard_support import (
    LEAKY_401,
    LEAKY_500,
    RawUpstream,
    guard_process,
    guard_running,
    make_key,
    rss_mb,
    settings,
)
from stillroom.guard.db import audit_table, connect


@pytest.fixture(scope="module")
def upstream():
    up = RawUpstream()
    yield up
    up.close()


def stream_request(secret: str, model: str = "flood") -> bytes:
    body = json.dumps(
        {"model": model, "messages": [{"role": "user", "content": "hi"}], "stream": True}
    ).encode()
    head = (
        f"POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer {secret}\r\n"
        f"content-type: application/json\r\ncontent-length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def _reset(sock: socket.socket) -> None:
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    sock.close()


def test_a_client_hanging_up_mid_stream_ends_the_relay_quietly(upstream, tmp_path, caplog):
    """Old code: the relay kept writing into the dead socket (hundreds of `socket.send() raised`
    warnings per hang-up) and kept the upstream streaming."""
    with guard_running(settings(tmp_path, upstream.url, models=list(RawUpstream.MODELS))) as (url, guard):
        secret = guard.keys.create("s", rpm=1000, tpm=10**9)[1]
        port = int(url.rsplit(":", 1)[1])
        before = dict(upstream.stats)
        for _ in range(3):
            sock = socket.create_connection(("127.0.0.1", port))
            sock.sendall(stream_request(secret))
            flowing, stop = threading.Event(), threading.Event()

            def read(s=sock, flowing=flowing, stop=stop):
                got = 0
                try:
                    while not stop.is_set() and (data := s.recv(65536)):
                        got += len(data)
                        if got > 256 * 1024:
                            flowing.set()
                except OSError:
                    pass

            reader = threading.Thread(target=read)
            reader.start()
            assert flowing.wait(15), "the stream never started"
            stop.set()
            _reset(sock)
            reader.join()
        deadline = time.monotonic() + 15
        while upstream.stats["flood_cut"] - before["flood_cut"] < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        while guard.audit.written < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
    noisy = [r for r in caplog.records if "socket.send() raised" in r.getMessage()]
    assert not noisy, f"{len(noisy)} log lines about writing to a closed socket"
    assert upstream.stats["flood_cut"] - before["flood_cut"] == 3  # the guard closed its upstream side
    assert upstream.stats["flood_done"] == before["flood_done"]
    engine = connect(guard.settings.db)
    with engine.connect() as conn:
        rows = conn.execute(sa.select(audit_table.c.status, audit_table.c.error)).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [(200, "client disconnected mid-stream")] * 3


def test_stalled_clients_do_not_grow_the_guards_memory(upstream, tmp_path):
    """8 clients that stop reading a ~20 MB stream: the guard must stop reading the upstream, not
    buffer the streams (old code: RSS grew by about the streams' size)."""
    _, secret = make_key(f"sqlite:///{tmp_path}/guard.db", rpm=1000, tpm=10**9)
    with guard_process(tmp_path, upstream.url, models=list(RawUpstream.MODELS), env="dev") as (url, proc, _):
        port = int(url.rsplit(":", 1)[1])
        httpx.post(
            f"{url}/v1/chat/completions",
            headers={"authorization": f"Bearer {secret}"},
            json={"model": "fake", "messages": [{"role": "user", "content": "warm up"}]},
            timeout=30,
        )
        base = rss_mb(proc.pid)
        socks = []
        for _ in range(8):
            sock = socket.socket()
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8192)
            sock.connect(("127.0.0.1", port))
            sock.sendall(stream_request(secret))
            sock.recv(4096)  # the stream has started; now this client stalls
            socks.append(sock)
        time.sleep(2.0)
        grown = rss_mb(proc.pid) - base
        for sock in socks:
            _reset(sock)
    assert grown < 40, f"guard RSS grew {grown:.0f} MB with 8 stalled streams"


@pytest.mark.parametrize(
    ("model", "status", "secret_text"), [("leak-401", 502, "sk-upstr"), ("leak-500", 502, "internal.corp")]
)
def test_upstream_errors_do_not_leak(upstream, tmp_path, caplog, model, status, secret_text):
    """The upstream's 401 names the operator's key and blames the client's; its 5xx carries a
    traceback and a host name: the client gets a generic 502, the log gets the details."""
    with guard_running(settings(tmp_path, upstream.url, models=list(RawUpstream.MODELS))) as (url, guard):
        secret = guard.keys.create("e", rpm=1000, tpm=10**9)[1]
        r = httpx.post(
            f"{url}/v1/chat/completions",
            headers={"authorization": f"Bearer {secret}"},
            json={"model": model, "messages": [{"role": "user", "content": "hi"}]},
        )
    assert r.status_code == status and r.json()["error"]["type"] == "upstream_error"
    assert secret_text not in r.text and "Traceback" not in r.text and "API key" not in r.text
    assert any(secret_text in rec.getMessage() for rec in caplog.records)  # the operator still sees it
    assert LEAKY_401 not in r.text and LEAKY_500 not in r.text


def test_an_upstream_timeout_is_one_request_and_one_deadline(upstream, tmp_path):
    with guard_running(
        settings(tmp_path, upstream.url, models=list(RawUpstream.MODELS), upstream_timeout_s=0.5)
    ) as (url, guard):
        secret = guard.keys.create("t", rpm=1000, tpm=10**9)[1]
        headers = {"authorization": f"Bearer {secret}"}
        body = {"model": "fake", "messages": [{"role": "user", "content": "hi"}]}
        assert httpx.post(f"{url}/v1/chat/completions", headers=headers, json=body).status_code == 200
        seen = upstream.stats["requests"]
        t0 = time.perf_counter()
        r = httpx.post(f"{url}/v1/chat/completions", headers=headers, json={**body, "model": "hang"})
        waited = time.perf_counter() - t0
    assert r.status_code == 504 and waited < 0.9
    assert upstream.stats["requests"] - seen == 1  # old code: retried on the pooled connection


def test_a_stream_to_a_stalled_client_ends_at_its_deadline(upstream, tmp_path):
    """A client that stops reading must not hold its upstream connection past the stream deadline."""
    s = settings(tmp_path, upstream.url, models=list(RawUpstream.MODELS), upstream_stream_timeout_s=1.0)
    with guard_running(s) as (url, guard):
        secret = guard.keys.create("stall", rpm=1000, tpm=10**9)[1]
        before = upstream.stats["flood_cut"]
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8192)
        sock.connect(("127.0.0.1", int(url.rsplit(":", 1)[1])))
        sock.sendall(stream_request(secret))
        sock.recv(4096)  # started; now the client stalls
        deadline = time.monotonic() + 5
        while upstream.stats["flood_cut"] == before and time.monotonic() < deadline:
            time.sleep(0.05)
        cut_after = time.monotonic() - (deadline - 5)
        while guard.audit.written < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        _reset(sock)
    assert upstream.stats["flood_cut"] == before + 1 and cut_after < 3
    engine = connect(s.db)
    with engine.connect() as conn:
        assert conn.execute(sa.select(audit_table.c.error)).scalar() == "stream deadline"
    engine.dispose()

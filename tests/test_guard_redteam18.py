"""Round 18 of the guard's red team: the scaled-out deployment (several guards, Redis for limits,
the detector's event stream and its verdicts, `stillroom detect` workers, a shared journal folder
and PostgreSQL), against real redis-server, PostgreSQL and guard processes on 127.0.0.1. Each
finding's test fails on the code before this round (checked by running this file against it):

- a request queued behind its key's `max_upstream_per_key` re-checked its key's verdict after the
  wait from what this guard last read, not from the workers: a key the workers blocked while its
  request waited was answered (the verdict reached the guard, and the queued request never
  looked; round 7's re-check read the in-process detector only);
- replicas that share a journal folder replayed a dead replica's journal only when a guard started:
  a replica SIGKILLed with rows not yet in the database (its writer batches every `audit_flush_s`,
  or the database was slow) left them answered and unaudited for as long as the others ran;
- what one request put in the detector's stream was bounded per event, not per request, and not
  by what the key was charged: a completions batch of 256 prompts repeated its four `stop` strings
  (2,000 emoji each, JSON-escaped to 12 bytes an emoji), its tools and the client's 60 long header
  names and user agent in each of 256 records: 31.9 MB of records for a request estimated at
  1,563 tokens (a key at the default 60 requests/min: ~1.9 GB of Redis a minute, kept until the
  stream's MAXLEN trims it);
- a guard's publisher sent everything it held in one round trip and resent all of it when that
  timed out: after Redis paused for 3 s with 100,000 records held (~8 KB each), every resend timed
  out after Redis had taken part of it, and a minute later the stream held 599,396 records (6.2
  GB), none confirmed (the test scales the client's 2 s timeout down to 50 ms to run small).

Measured for SECURITY.md's open limits, not tested here (no fix): per-key concurrency caps are per
replica; a Redis that restarts empty refills every bucket; a guard started while Redis is away
knows no worker verdict; the workers' CPU is not shared out per key.
"""

from __future__ import annotations

import asyncio
import shutil
import signal
import subprocess
import threading
import time
import uuid

import httpx
import pytest
import redis
import redis.asyncio as aioredis

from fakes.upstream import FakeUpstream
from guard_support import audit_rows, fresh_pg_database, guard_process, guard_running, make_key, settings
from stillroom.detector.stream import ASSESSMENTS, RedisEventSink, stream_name
from stillroom.detector.types import Assessment, TrafficEvent, encode_assessment
from stillroom.net import free_port
from stillroom.serve.thread import running


def _headers(secret: str) -> dict[str, str]:
    return {"authorization": f"Bearer {secret}"}


def _chat(text: str = "Tell me about tides.", **kw) -> dict:
    return {"model": "fake", "messages": [{"role": "user", "content": text}], "max_tokens": 4, **kw}


def _publish_verdict(r, key_id: str, verdict: str) -> None:
    """What a worker writes when it reaches a verdict (worker.py `_assessments`)."""
    r.hset(ASSESSMENTS, key_id, encode_assessment(Assessment(0.99, verdict, level=verdict), "9-0", 50))


# --- a queued request and the workers' verdict ---


@pytest.fixture(scope="module")
def slow_upstream():
    with running(FakeUpstream(model="fake", delay_s=1.0)) as url:
        yield url


def test_a_request_queued_behind_its_keys_cap_meets_the_workers_block(redis_url, r, slow_upstream, tmp_path):
    """Old code: 200. The key's one upstream slot was busy for 1 s; the workers published `block`
    while its second request waited for it; the wait ended and the request was answered."""
    s = settings(
        tmp_path,
        slow_upstream,
        models=["fake"],
        detector_stream=redis_url,
        detector_verdict_ttl_s=0.1,
        max_upstream_per_key=1,
        upstream_queue_s=5.0,
    )
    key_id, secret = make_key(s.db, rpm=1000, tpm=10**6)
    with guard_running(s, detector=None) as (url, _):
        codes: list[int] = []

        def send() -> None:
            codes.append(
                httpx.post(
                    f"{url}/v1/chat/completions", json=_chat(), headers=_headers(secret), timeout=20
                ).status_code
            )

        first = threading.Thread(target=send)
        first.start()
        time.sleep(0.3)  # the first holds the key's slot
        second = threading.Thread(target=send)
        second.start()
        time.sleep(0.3)  # the second waits for it
        _publish_verdict(r, key_id, "block")
        first.join()
        second.join()
        assert sorted(codes) == [200, 403]


# --- a dead replica's journal ---


@pytest.mark.slow
def test_a_dead_replicas_journal_is_replayed_by_a_live_one(pg_server, tmp_path):
    """Old code: 0 of 12 rows in 6 s (until some guard restarted on the folder). The dead replica's
    writer batches every 30 s here, standing in for a database that was slow when it died."""
    db = fresh_pg_database(pg_server, f"t_{uuid.uuid4().hex[:10]}")
    _, secret = make_key(db, rpm=1000, tpm=10**6)
    shared = {"db": db, "models": ["fake"], "audit_journal": str(tmp_path / "journal")}
    with (
        running(FakeUpstream(model="fake")) as up,
        guard_process(tmp_path, up, **shared) as (_, live, _),
        guard_process(tmp_path, up, **shared, audit_flush_s=30.0) as (url, dying, _),
    ):
        with httpx.Client(timeout=10, headers=_headers(secret)) as http:
            answered = [http.post(f"{url}/v1/chat/completions", json=_chat(f"q{i}")) for i in range(12)]
        assert [a.status_code for a in answered] == [200] * 12
        dying.send_signal(signal.SIGKILL)
        dying.wait()
        ids = {a.headers["x-request-id"] for a in answered}
        deadline = time.monotonic() + 6
        while time.monotonic() < deadline and not ids <= {row["request_id"] for row in audit_rows(db)}:
            time.sleep(0.2)
        stored = [row for row in audit_rows(db) if row["request_id"] in ids]
        assert len(stored) == 12 and live.poll() is None


# --- what one request puts in the stream ---

EMOJI = "\U0001f600"


def _stream_bytes(r, partitions: int = 8) -> int:
    return sum(
        sum(len(k) + len(v) for k, v in fields.items())
        for p in range(partitions)
        for _, fields in r.xrange(f"stillroom:detector:events:{p}")
    )


def test_a_requests_stream_records_are_bounded_whatever_it_repeats(redis_url, r, tmp_path):
    """Old code: ~31 MB of records per request. The upstream refuses batches of over 32 prompts
    here: the events are published while it works, as with any upstream."""
    with running(FakeUpstream(model="fake")) as up:
        s = settings(tmp_path, up, models=["fake"], detector_stream=redis_url)
        _, secret = make_key(s.db, rpm=1000, tpm=10**6)
        body = {
            "model": "fake",
            "prompt": [f"Item {i}" for i in range(256)],
            "max_tokens": 1,
            "stop": [EMOJI * 255 + str(i) for i in range(4)],  # 4 x 256: pipeline.MAX_STOP_SPAN
            "tools": [{"type": "function", "function": {"name": "f", "description": EMOJI * 2000}}],
        }
        headers = {f"x-{'h' * 60}{i:02d}": "1" for i in range(60)}
        headers |= {**_headers(secret), "user-agent": "u" * 256}
        with guard_running(s, detector=None) as (url, guard):
            for _ in range(3):
                httpx.post(f"{url}/v1/completions", json=body, headers=headers, timeout=30)
            deadline = time.monotonic() + 10
            while guard.detector.sink.published < 3 * 256 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert guard.detector.sink.published == 3 * 256
        per_request = _stream_bytes(r) / 3
        assert per_request < 1_000_000, per_request


# --- a backlog held through a Redis pause ---


def _wait_for_redis(url: str) -> None:
    deadline = time.monotonic() + 10
    while True:
        try:
            redis.Redis.from_url(url).ping()
            return
        except redis.ConnectionError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)


def test_a_backlog_held_through_a_redis_pause_goes_out_once(tmp_path):
    """Old code: after 10 s still none confirmed and ~7 copies of each record in the stream."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server not installed")
    port = free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL
    )
    url, n = f"redis://127.0.0.1:{port}/0", 20_000
    try:
        _wait_for_redis(url)

        async def outage() -> RedisEventSink:
            sink = RedisEventSink(url, 8, maxlen=10**6)
            sink.client = aioredis.from_url(url, socket_timeout=0.05, socket_connect_timeout=0.05)
            sink.publish(TrafficEvent("k", 0.0, "chat", "warm"))
            assert await sink.flushed(5)
            server.send_signal(signal.SIGSTOP)
            for i in range(n):
                sink.publish(TrafficEvent(f"k{i % 100}", float(i), "chat", "word " * 200 + str(i)))
            await asyncio.sleep(0.5)
            server.send_signal(signal.SIGCONT)
            deadline = time.monotonic() + 10
            while sink.done < sink.queued and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            return sink

        sink = asyncio.run(outage())
        records = sum(redis.Redis.from_url(url).xlen(stream_name(p)) for p in range(8))
        assert (sink.published, sink.down) == (n + 1, False)
        assert records < 1.1 * n, records
    finally:
        server.send_signal(signal.SIGCONT)
        server.kill()
        server.wait()

"""Detection scaled out (#18, detector/stream.py, detector/worker.py): guards publish to Redis
streams, `stillroom detect` workers consume them, guards enforce what the workers publish. On a
real redis-server, with real worker processes (one of them SIGKILLed)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time

import httpx
import pytest
import redis
import yaml

from fakes.upstream import FakeUpstream
from guard_support import ADMIN, guard_running, magpie, make_key, settings
from stillroom.detector import Detector, DetectorConfig, persist, traces
from stillroom.detector.evaluate import to_event
from stillroom.detector.stream import (
    ASSESSMENTS,
    GROUP,
    RedisEventSink,
    RedisEventSource,
    StreamDetector,
    stream_name,
)
from stillroom.detector.types import (
    ServedReply,
    TrafficEvent,
    decode_assessment,
    encode_input,
    partition_of,
)
from stillroom.serve.thread import running

SEED = 3


def publish(url: str, items: list, partitions: int) -> None:
    async def go() -> None:
        sink = RedisEventSink(url, partitions, maxlen=100_000)
        for item in items:
            sink.publish(item)
        await sink.aclose()

    asyncio.run(go())


def test_records_round_trip_through_the_stream(redis_url, r):
    event = TrafficEvent(
        "key-é",
        1234.5,
        "chat",
        "what is \u00e9ntropy?\n...\ntail",
        [{"role": "system", "content": "be brief"}, {"role": "user", "content": "what is éntropy?"}],
        {"n": 2, "temperature": 0.7, "stop": ["\n\n", "END"], "top_logprobs": 5, "stream": True},
        "openai-python/1.40",
        ("authorization", "content-type", "user-agent"),
        {"organisation": "h:9f2c"},
    )
    served = ServedReply("key-é", "what is éntropy?", ["Entropy is...", "It measures..."])
    publish(redis_url, [event, served], partitions=4)
    source = RedisEventSource(redis_url, [partition_of("key-é", 4)], "t")
    source.setup()
    got = [item for _, _, item, _ in source.read(10, 100)]
    assert got == [event, served]


def test_every_record_of_a_key_goes_to_its_one_partition(redis_url, r):
    keys = [f"k{i}" for i in range(24)]
    publish(redis_url, [TrafficEvent(k, float(i), "chat", "hi") for i in range(5) for k in keys], 4)
    seen: dict[str, set[int]] = {}
    for p in range(4):
        for _, fields in r.xrange(stream_name(p)):
            seen.setdefault(json.loads(fields[b"d"])["key_id"], set()).add(p)
    assert seen == {k: {partition_of(k, 4)} for k in keys}
    assert len({partition_of(k, 4) for k in keys}) == 4
    assert partition_of("key-a", 8) == 6  # crc32: the same in every guard and worker process


def worker_cmd(redis_url: str, tmp_path, **extra) -> tuple[list[str], dict]:
    (tmp_path / "det.yaml").write_text(yaml.safe_dump({"seed": SEED}))
    cfg = {"redis": redis_url, "partitions": 4, "detector": str(tmp_path / "det.yaml"), "snapshot_s": 0.2}
    cfg.update(extra)
    (tmp_path / "detect.yaml").write_text(yaml.safe_dump(cfg))
    return [sys.executable, "-m", "stillroom.cli", "detect", "--config", str(tmp_path / "detect.yaml")], cfg


def start_worker(cmd: list[str], log) -> subprocess.Popen:
    return subprocess.Popen(
        cmd, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"}
    )


def ready(w: subprocess.Popen, log, times: int, timeout_s: float = 60) -> None:
    """Wait until the log says the worker caught up for the `times`-th time."""
    deadline = time.monotonic() + timeout_s
    while log.read_text().count("caught up") < times:
        assert time.monotonic() < deadline and w.poll() is None, log.read_text()
        time.sleep(0.05)


def caught_up(r: redis.Redis, partitions: int, timeout_s: float = 60) -> None:
    """Wait until every record of every partition was delivered and acked."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        done = True
        for p in range(partitions):
            groups = r.xinfo_groups(stream_name(p)) if r.exists(stream_name(p)) else []
            last = r.xrevrange(stream_name(p), count=1)
            if last and not (
                groups and groups[0]["last-delivered-id"] == last[0][0] and groups[0]["pending"] == 0
            ):
                done = False
        if done:
            return
        time.sleep(0.05)
    raise AssertionError("the worker did not catch up")


def trace_events() -> list[TrafficEvent]:
    rng = traces.random.Random(1)
    evs = traces.magpie(rng, "magpie", 0.0)[:120] + traces.template_sweeper(rng, "sweep", 0.0)[:120]
    evs += traces.chat_student(rng, "chat", 0.0)[:60]
    return [to_event(e) for e in sorted(evs, key=lambda e: e["ts"])]


@pytest.mark.slow
def test_a_sigkilled_worker_restarts_from_its_snapshot_and_applies_each_event_once(redis_url, r, tmp_path):
    events = trace_events()
    cmd, _ = worker_cmd(redis_url, tmp_path, state=str(tmp_path / "w.state"), stats=str(tmp_path / "s.json"))
    stop = threading.Event()

    def send() -> None:  # as guards would: one record at a time, ~100/s
        r.xadd(stream_name(0), {"k": "e", "d": '{"key_id": 1'})  # unreadable: skipped, not fatal
        for e in events:
            if stop.wait(0.01):
                return
            r.xadd(stream_name(partition_of(e.key_id, 4)), encode_input(e))

    sender = threading.Thread(target=send, daemon=True)
    with open(tmp_path / "w.log", "w") as log:
        w = start_worker(cmd, log)
        ready(w, tmp_path / "w.log", 1)
        sender.start()
        try:
            killed_state = kill_and_restart(w, cmd, log, r, tmp_path, sender)
            w = killed_state.pop("worker")
            ready(w, tmp_path / "w.log", 2)
            sender.join()
            caught_up(r, 4)
        finally:
            stop.set()
        w.send_signal(signal.SIGTERM)
        assert w.wait(30) == 0
    stats = json.loads((tmp_path / "s.json").read_text())
    assert stats["replayed"] > 0 or stats["skipped"] > 0, (killed_state, stats)
    # the final state is that of one detector fed every event once, in stream order (windows and
    # counts exactly; scores up to a content-sampling draw that a different interleaving of two
    # partitions within one millisecond can move: worker.py)
    ref = Detector(DetectorConfig(seed=SEED))
    order = sorted(
        ((p, i.decode(), f) for p in range(4) for i, f in r.xrange(stream_name(p))),
        key=lambda x: tuple(map(int, x[1].split("-"))),
    )
    assert len(order) == len(events) + 1
    for _, _, f in order[1:]:
        ref.observe(json_event(f))
    assert "unreadable detector record" in (tmp_path / "w.log").read_text()
    got = persist.load(tmp_path / "w.state")
    for key, st in ref.keys.items():
        assert got.keys[key].window.total == st.window.total
        assert got.keys[key].last.verdict == st.last.verdict
        assert got.keys[key].last.score == pytest.approx(st.last.score, abs=0.05)
        a, _, n = decode_assessment(r.hget(ASSESSMENTS, key))
        assert (a.verdict, n) == (st.last.verdict, st.window.total)
    assert ref.keys["magpie"].last.verdict in ("suspect", "block")  # the test can see a flag


def kill_and_restart(
    w: subprocess.Popen, cmd: list[str], log, r: redis.Redis, tmp_path, sender: threading.Thread
) -> dict:
    """SIGKILL the worker mid-stream, after a snapshot, then start its replacement."""
    deadline = time.monotonic() + 60
    while not (tmp_path / "w.state").exists() or r.hlen(ASSESSMENTS) < 2:
        assert time.monotonic() < deadline and w.poll() is None, (tmp_path / "w.log").read_text()
        time.sleep(0.05)
    time.sleep(0.3)
    assert sender.is_alive()  # the kill comes mid-stream
    w.send_signal(signal.SIGKILL)  # events applied since the last snapshot are only in the stream
    w.wait()
    at_kill = dict(persist.head(tmp_path / "w.state")["stream"])
    return {**at_kill, "worker": start_worker(cmd, log)}


def json_event(fields: dict) -> TrafficEvent:
    from stillroom.detector.types import decode_input

    item = decode_input(fields)
    assert isinstance(item, TrafficEvent)
    return item


@pytest.fixture(scope="module")
def serve_url():
    with running(FakeUpstream(model="fake")) as url:
        yield url


@pytest.mark.slow
def test_two_guards_enforce_the_verdict_a_worker_reached_on_both_guards_traffic(
    redis_url, r, serve_url, tmp_path
):
    s = settings(
        tmp_path,
        serve_url,
        models=["fake"],
        detector_stream=redis_url,
        detector_partitions=4,
        detector_verdict_ttl_s=0.1,
        key_cache_ttl_s=60,
    )
    key_id, secret = make_key(s.db, rpm=10**6, tpm=10**9)
    cmd, _ = worker_cmd(redis_url, tmp_path)
    with open(tmp_path / "w.log", "w") as log:
        w = start_worker(cmd, log)
        try:
            with guard_running(s, detector=None) as (a, ga), guard_running(s, detector=None) as (b, _):
                assert isinstance(ga.detector, StreamDetector)
                for _ in range(15):  # round robin: each guard sees half of the key's requests
                    magpie(a, secret, 1)
                    magpie(b, secret, 1)
                caught_up(r, 4)
                a_, _, n = decode_assessment(r.hget(ASSESSMENTS, key_id))
                assert n == 30 and a_.verdict in ("suspect", "block"), (n, a_)
                time.sleep(0.15)  # the guards' verdict cache expires
                codes = magpie(a, secret, 1) + magpie(b, secret, 1)
                admin = {"authorization": f"Bearer {ADMIN}"}
                for url in (a, b):
                    got = httpx.get(f"{url}/admin/keys/{key_id}", headers=admin).json()["detector_verdict"]
                    assert got == a_.verdict
                assert codes == ([403, 403] if a_.verdict == "block" else [200, 200])
                assert r.xlen(stream_name(partition_of(key_id, 4))) >= 2 * 32  # events and served replies
        finally:
            w.send_signal(signal.SIGTERM)
            w.wait(30)
    assert r.xinfo_groups(stream_name(partition_of(key_id, 4)))[0]["name"] == GROUP.encode()


def test_without_detector_stream_the_guard_keeps_its_in_process_detector(serve_url, tmp_path):
    s = settings(tmp_path, serve_url, models=["fake"])
    with guard_running(s, detector=None) as (_, guard):
        assert isinstance(guard.detector, Detector)
        assert not hasattr(guard.detector, "refresh")


def test_a_record_resent_after_a_lost_reply_is_applied_once_even_across_a_restart(redis_url, r, tmp_path):
    """A guard's send whose reply is lost after Redis took it is sent again: the stream then holds
    the record twice. The worker applies its uid once, also when the resend arrives after a
    snapshot and restart (before, both copies counted: the 'at-least-once gap')."""
    from stillroom.detector.worker import DetectSettings, Worker

    events = [TrafficEvent("k-dup", float(i), "chat", f"question {i}") for i in range(3)]

    async def send_with_a_lost_reply() -> None:
        sink = RedisEventSink(redis_url, 4, maxlen=100_000)
        real = sink.client.pipeline

        def pipeline(*a, **k):
            pipe = real(*a, **k)
            execute = pipe.execute

            async def lost_once():
                out = await execute()  # Redis took the batch ...
                if not getattr(sink, "lost", False):
                    sink.lost = True
                    raise ConnectionError("reply lost")  # ... and the reply never came
                return out

            pipe.execute = lost_once
            return pipe

        sink.client.pipeline = pipeline
        for e in events[:2]:
            sink.publish(e)
        await sink.aclose()

    asyncio.run(send_with_a_lost_reply())
    p = partition_of("k-dup", 4)
    assert r.xlen(stream_name(p)) >= 3  # the first batch is in the stream twice
    settings = DetectSettings(redis=redis_url, partitions=4, state=str(tmp_path / "w.state"))
    w = Worker(settings)
    w.start()
    while w.step():
        pass
    assert w.det.keys["k-dup"].window.total == 2 and w.counts["duplicates"] >= 1
    w.snapshot(wait=True)
    # the resend of the last record arrives after the snapshot, and a new worker starts from it
    (fields,) = [f for _, f in r.xrange(stream_name(p))][-1:]
    r.xadd(stream_name(p), fields)
    publish(redis_url, events[2:], 4)
    w2 = Worker(settings)
    w2.start()
    while w2.step():
        pass
    assert w2.det.keys["k-dup"].window.total == 3 and w2.counts["duplicates"] == 1


def test_a_record_uid_is_read_as_an_int_and_a_bad_one_is_no_uid():
    from stillroom.detector.types import record_uid

    assert record_uid({b"u": b"00ff"}) == 255 and record_uid({"u": "10"}) == 16
    assert record_uid({b"k": b"e"}) is None and record_uid({b"u": b"not-hex"}) is None

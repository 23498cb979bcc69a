"""How a `stillroom detect` worker publishes and acks a batch (detector/worker.py): a long batch is
published and acked in parts every `publish_ms`, the ack's round trip reads the next batch, and a
batch read that way is applied exactly once whether the worker stops, or dies before applying it.
In-process `Worker`s on a real redis-server."""

from __future__ import annotations

import signal

import redis

from stillroom.detector.stream import ASSESSMENTS, GROUP, stream_name
from stillroom.detector.types import TrafficEvent, decode_assessment, encode_input, partition_of
from stillroom.detector.worker import DetectSettings, Worker

PARTITIONS = 4
KEYS = ("k-a", "k-b")


def events(n: int, start: int = 0) -> list[TrafficEvent]:
    return [
        TrafficEvent(KEYS[i % 2], 1000.0 + i, "chat", f"question number {i} about topic {i % 7}")
        for i in range(start, start + n)
    ]


def xadd(r: redis.Redis, evs: list[TrafficEvent]) -> None:
    pipe = r.pipeline(transaction=False)
    for e in evs:
        pipe.xadd(stream_name(partition_of(e.key_id, PARTITIONS)), encode_input(e))
    pipe.execute()


def pending(r: redis.Redis) -> int:
    return sum(
        g["pending"]
        for p in range(PARTITIONS)
        if r.exists(stream_name(p))
        for g in r.xinfo_groups(stream_name(p))
    )


def worker(url: str, tmp_path, **extra) -> Worker:
    s = DetectSettings(redis=url, partitions=PARTITIONS, state=str(tmp_path / "w.state"), **extra)
    w = Worker(s)
    w.start()
    return w


def acks_of(w: Worker) -> list[dict[str, str]]:
    """Record the assessments of each ack round trip (`ack` and `ack_and_read` alike)."""
    calls: list[dict[str, str]] = []
    for name in ("ack", "ack_and_read"):
        real = getattr(w.source, name)

        def wrapped(records, assessments=None, *a, _real=real, **k):
            calls.append(dict(assessments or {}))
            return _real(records, assessments, *a, **k)

        setattr(w.source, name, wrapped)
    return calls


def published(r: redis.Redis) -> dict[str, tuple[str, str, int]]:
    out = {}
    for k, v in r.hgetall(ASSESSMENTS).items():
        a, version, n = decode_assessment(v)
        out[k.decode()] = (a.verdict, version, n)
    return out


def test_a_long_batch_is_published_and_acked_in_parts_and_the_last_part_holds_the_latest_verdict(
    redis_url, r, tmp_path
):
    w = worker(redis_url, tmp_path, publish_ms=0.001)  # every record ends a part
    calls = acks_of(w)
    xadd(r, events(12))
    assert w.step() == 12
    assert w.counts["batches"] == 1 and w.counts["applied"] == 12
    assert len(calls) == 12  # one part a record: each published as soon as it was applied
    assert pending(r) == 0
    # each part publishes the key it touched, as of that record; the hash ends at each key's latest
    versions = [v for c in calls for v in (decode_assessment(x)[1] for x in c.values())]
    assert versions == sorted(versions, key=lambda v: tuple(map(int, v.split("-"))))
    for k in KEYS:
        st = w.det.keys[k]
        assert published(r)[k] == (st.last.verdict, w.applied[partition_of(k, PARTITIONS)], 6)
    assert len(w.lags_ms) == 12


def test_a_batch_within_publish_ms_is_published_and_acked_once(redis_url, r, tmp_path):
    w = worker(redis_url, tmp_path, publish_ms=60_000)
    calls = acks_of(w)
    xadd(r, events(12))
    assert w.step() == 12
    assert len(calls) == 1 and set(calls[0]) == set(KEYS)
    assert pending(r) == 0


def test_the_ack_reads_the_next_batch_on_its_round_trip(redis_url, r, tmp_path):
    """Records that arrive while a batch is applied come back with its ack: no read of their own."""
    w = worker(redis_url, tmp_path)
    reads = []
    real_read = w.source.read
    w.source.read = lambda *a, **k: reads.append(1) or real_read(*a, **k)
    observe, later = w.det.observe, events(6, start=6)

    def observe_while_guards_publish(e):
        if e.prompt.startswith("question number 0 "):
            xadd(r, later)  # published while the worker applies the first batch
        return observe(e)

    w.det.observe = observe_while_guards_publish
    xadd(r, events(6))
    assert w.step() == 6
    assert len(reads) == 1 and len(w._next) == 6  # the second batch came with the first's ack
    assert w.step() == 6
    assert len(reads) == 1  # applied without a read of its own
    assert w.counts["applied"] == 12 and w.counts["batches"] == 2
    assert pending(r) == 0 and w._next == []  # acked; its own ack read nothing more
    assert {k: v[2] for k, v in published(r).items()} == {"k-a": 6, "k-b": 6}
    assert w.step() == 0 and len(reads) == 2  # nothing waiting: the worker waits in a read


def prefetching_worker(url: str, tmp_path, r: redis.Redis) -> tuple[Worker, list[TrafficEvent]]:
    """A worker that applied a first batch (and saved its state) and holds a second one, read with
    the first's ack: delivered to it, not applied, not acked."""
    w = worker(url, tmp_path)
    observe, first, second = w.det.observe, events(6), events(6, start=6)

    def observe_while_guards_publish(e):
        if e.prompt.startswith("question number 0 "):
            xadd(r, second)
        return observe(e)

    w.det.observe = observe_while_guards_publish
    xadd(r, first)
    assert w.step() == 6 and len(w._next) == 6
    w.snapshot(wait=True)
    assert pending(r) == 6
    return w, first + second


def test_a_batch_read_with_the_ack_is_replayed_once_when_the_worker_dies_before_applying_it(
    redis_url, r, tmp_path
):
    w, sent = prefetching_worker(redis_url, tmp_path, r)
    w.source.client.close()  # dies here (SIGKILL): the second batch only in the stream, pending
    w2 = worker(redis_url, tmp_path)
    assert w2.counts["replayed"] == 6 and w2.counts["reclaimed"] == 6 and w2.counts["skipped"] == 0
    assert pending(r) == 0
    assert {k: st.window.total for k, st in w2.det.keys.items()} == {"k-a": 6, "k-b": 6}
    assert {k: v[2] for k, v in published(r).items()} == {"k-a": 6, "k-b": 6}
    xadd(r, events(2, start=len(sent)))  # and it goes on from there
    while w2.step():
        pass
    assert {k: st.window.total for k, st in w2.det.keys.items()} == {"k-a": 7, "k-b": 7}


def test_a_stopping_worker_applies_the_batch_read_with_its_last_ack_before_its_last_snapshot(
    redis_url, r, tmp_path
):
    w, _ = prefetching_worker(redis_url, tmp_path, r)
    w.stopping = True  # SIGTERM came
    handlers = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
    w.start = lambda: None  # started already
    try:
        w.run()
    finally:
        for s, h in handlers.items():
            signal.signal(s, h)
    assert w.counts["applied"] == 12 and w._next == [] and pending(r) == 0
    w2 = worker(redis_url, tmp_path)  # from the last snapshot: nothing left to replay
    assert w2.counts["replayed"] == 0 and w2.counts["reclaimed"] == 0
    assert {k: st.window.total for k, st in w2.det.keys.items()} == {"k-a": 6, "k-b": 6}
    assert r.xinfo_groups(stream_name(0))[0]["name"] == GROUP.encode()

"""Detection as its own stage: guards publish each request's detector input to a stream, and
`stillroom detect` workers (detector/worker.py) consume it and publish each key's assessment back.
The design and its enforcement lag: docs/detector.md, "Scale-out".

Two seams, each with one Redis implementation here:

- `EventSink` (guard side): `publish(item)` queues a `TrafficEvent` or `ServedReply` and never
  blocks the request; `RedisEventSink` sends what queued while the last send was in flight as one
  pipeline of XADDs (MAXLEN ~ trimming), so at low load an event leaves at once and at high load
  they go out in batches.
- `EventSource` (worker side): per partition, `replay(after)` the records from an id on, `read`
  new ones, `ack` applied ones (`ack_and_read`: and read the next ones without waiting, on the
  same round trip), `reclaim` a dead consumer's pending ones. A Kafka source maps one-to-one: a
  partition stream is a topic partition, a record id its offset, `replay` a seek, `ack` an offset
  commit (`ack_and_read` a commit and a poll with no timeout) and `reclaim` a consumer-group
  rebalance. Only Redis is implemented.

The record format (`encode_input`/`decode_input`, `partition_of`) is defined once, in
detector/types.py, for both sides.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator
from typing import Any, Protocol

import redis
import redis.asyncio as aioredis
from redis.exceptions import RedisError, ResponseError

from stillroom.detector.types import (
    Assessment,
    DetectorInput,
    ServedReply,
    TrafficEvent,
    decode_assessment,
    decode_input,
    encode_input,
    partition_of,
    record_uid,
)

log = logging.getLogger("stillroom.detector.stream")

PREFIX = "stillroom:detector"
ASSESSMENTS = f"{PREFIX}:assessments"  # hash: key id -> encode_assessment(...)
GROUP = "detect"
OK = Assessment(0.0, "ok")
# (partition, stream id, the record (None: unreadable), its uid (None: written without one))
Record = tuple[int, str, DetectorInput | None, int | None]


def stream_name(partition: int) -> str:
    return f"{PREFIX}:events:{partition}"


def id_order(record_id: str | bytes) -> tuple[int, int]:
    """A Redis stream id ("<ms>-<seq>") as a sortable pair; ids of one Redis grow with time."""
    ms, _, seq = (record_id.decode() if isinstance(record_id, bytes) else record_id).partition("-")
    return int(ms), int(seq or 0)


def order(record: Record) -> tuple[int, int, int]:
    """The order a worker applies records of several partitions in: by id, then partition."""
    return (*id_order(record[1]), record[0])


class EventSink(Protocol):
    def publish(self, item: DetectorInput) -> None: ...

    async def aclose(self) -> None: ...


class EventSource(Protocol):
    partitions: list[int]

    def setup(self) -> None: ...

    def first(self, partition: int) -> str | None: ...

    def replay(self, partition: int, after: str) -> Iterator[list[Record]]: ...

    def reclaim(self, partition: int) -> int: ...

    def read(self, count: int, block_ms: int) -> list[Record]: ...

    def ack(
        self,
        records: list[Record],
        assessments: dict[str, str] | None = None,
        more: Callable[[Any], None] | None = None,
    ) -> list[Any]: ...

    def ack_and_read(
        self,
        records: list[Record],
        assessments: dict[str, str] | None,
        more: Callable[[Any], None] | None,
        count: int,
    ) -> tuple[list[Any], list[Record]]: ...


# One send's most: a resend after a timeout resends what the send held, so a send must fit in the
# client's timeout with room to spare (round 18: 100,000 records of ~8 KB held through a 3 s pause
# were resent whole, each try timing out after Redis had taken part of it: 599,396 records in the
# stream a minute later, 6.2 GB, and none confirmed)
SEND_RECORDS, SEND_BYTES = 1000, 4 * 2**20


class RedisEventSink:
    """The guard's publisher. Sends are batched by what queued during the previous send (at most
    SEND_RECORDS records and SEND_BYTES bytes a round trip); a Redis outage keeps up to
    `max_buffer` records and `max_buffer_bytes` (oldest dropped beyond, counted in `dropped`) and
    retries every second, so a short outage loses nothing. A send whose reply is lost after Redis
    took it is sent again, so the stream can hold a record twice; each carries a uid, and the
    worker applies a uid once (worker.py)."""

    def __init__(
        self,
        url: str,
        partitions: int,
        maxlen: int,
        max_buffer: int = 100_000,
        max_buffer_bytes: int = 256 * 2**20,
    ):
        self.client = aioredis.from_url(url, socket_timeout=2.0, socket_connect_timeout=1.0)
        self.partitions, self.maxlen, self.max_buffer = partitions, maxlen, max_buffer
        self.max_buffer_bytes = max_buffer_bytes
        self.buffer: deque[tuple[str, dict[str, str], int]] = deque()  # (stream, fields, bytes)
        self.held = 0  # bytes in `buffer`
        # records queued since start, and records gone from the front of the queue (sent, or
        # dropped when the buffer overflowed): `flushed` waits for the second to reach the first
        self.queued = self.done = self.published = self.dropped = 0
        self.down = False  # the last send failed
        self._waiters: list[tuple[int, asyncio.Future]] = []
        self._task: asyncio.Task | None = None
        self._warned = 0.0

    def publish(self, item: DetectorInput) -> None:
        uid = os.urandom(8).hex()  # 64 random bits: a repeat only by a resend
        fields = encode_input(item, uid)
        size = sum(len(k) + len(v) for k, v in fields.items())
        self.buffer.append((stream_name(partition_of(item.key_id, self.partitions)), fields, size))
        self.held += size
        self.queued += 1
        self._bound()
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._flush())

    def _bound(self) -> None:
        """Drop the oldest records past `max_buffer` or `max_buffer_bytes` (an outage)."""
        buf = self.buffer
        while len(buf) > 1 and (len(buf) > self.max_buffer or self.held > self.max_buffer_bytes):
            self.held -= buf.popleft()[2]
            self._gone(1, dropped=True)

    async def flushed(self, timeout_s: float) -> bool:
        """Wait until every record queued so far is in Redis (at most `timeout_s`; not at all
        while Redis is down): the guard awaits this before answering, so a guard killed after
        answering a request has published its event. Normally already true: the send ran while
        the upstream worked."""
        if self.done >= self.queued or self.down:
            return self.done >= self.queued
        fut = asyncio.get_running_loop().create_future()
        self._waiters.append((self.queued, fut))
        try:
            await asyncio.wait_for(asyncio.shield(fut), timeout_s)
            return True
        except TimeoutError:
            return False

    def _gone(self, n: int, dropped: bool = False) -> None:
        self.done += n
        if dropped:
            self.dropped += n
        else:
            self.published += n
        ready = [f for t, f in self._waiters if t <= self.done]
        self._waiters = [(t, f) for t, f in self._waiters if t > self.done]
        for f in ready:
            if not f.done():
                f.set_result(None)

    async def _flush(self) -> None:
        while self.buffer:
            batch = self._take()
            pipe = self.client.pipeline(transaction=False)
            for name, fields, _ in batch:
                pipe.xadd(name, fields, maxlen=self.maxlen, approximate=True)  # type: ignore[arg-type]
            try:
                await pipe.execute()
                self.down = False
                self._gone(len(batch))
            except (RedisError, OSError) as e:
                self.down = True
                self.buffer.extendleft(reversed(batch))  # keep the order; bounded by max_buffer
                self.held += sum(size for _, _, size in batch)
                self._bound()
                if time.monotonic() - self._warned > 10:
                    self._warned = time.monotonic()
                    log.error("detector stream unavailable, %d records held: %s", len(self.buffer), e)
                await asyncio.sleep(1.0)

    def _take(self) -> list[tuple[str, dict[str, str], int]]:
        """The next send: the oldest records, at most SEND_RECORDS and SEND_BYTES (at least one)."""
        batch = [self.buffer.popleft()]
        size = batch[0][2]
        while self.buffer and len(batch) < SEND_RECORDS and size + self.buffer[0][2] <= SEND_BYTES:
            batch.append(self.buffer.popleft())
            size += batch[-1][2]
        self.held -= size
        return batch

    async def aclose(self) -> None:
        """Send what is queued (at most 5 s: a dead Redis must not hold the shutdown)."""
        if self._task is not None:
            await asyncio.wait([self._task], timeout=5)
            self._task.cancel()
        await self.client.aclose()


class VerdictCache:
    """The workers' assessments as guards read them: one HGET per key at most every `ttl_s`
    (a brief cache: a new verdict is enforced at most `ttl_s` after the worker published it).
    On a Redis error the last value read is kept and retried after `ttl_s`."""

    def __init__(self, client: aioredis.Redis, ttl_s: float, entries: int = 100_000):
        self.client, self.ttl_s, self.entries = client, ttl_s, entries
        self.cache: OrderedDict[str, tuple[float, Assessment | None]] = OrderedDict()
        self._warned = 0.0

    def peek(self, key_id: str) -> Assessment | None:
        hit = self.cache.get(key_id)
        return hit[1] if hit else None

    async def get(self, key_id: str) -> Assessment | None:
        now = time.monotonic()
        hit = self.cache.get(key_id)
        if hit is not None and now - hit[0] < self.ttl_s:
            return hit[1]
        value = hit[1] if hit else None
        try:
            raw = await self.client.hget(ASSESSMENTS, key_id)
            value = decode_assessment(raw)[0] if raw is not None else value
        except (RedisError, OSError) as e:
            if now - self._warned > 10:
                self._warned = now
                log.error("detector assessments unavailable, keys keep their last verdict: %s", e)
        self.cache[key_id] = (now, value)
        self.cache.move_to_end(key_id)
        if len(self.cache) > self.entries:
            self.cache.popitem(last=False)
        return value


class StreamDetector:
    """The guard's detector when `detector_stream` is set (guard/state.py's DetectorLike): it
    publishes each request and each served reply, and answers with the key's assessment as the
    workers last published it. `refresh` is awaited before a request's limits (guard/detection.py)."""

    def __init__(self, url: str, partitions: int, maxlen: int, ttl_s: float):
        self.sink = RedisEventSink(url, partitions, maxlen)
        self.verdicts = VerdictCache(self.sink.client, ttl_s)

    def observe(self, event: TrafficEvent) -> Assessment:
        self.sink.publish(event)
        return self.verdicts.peek(event.key_id) or OK

    def served(self, key_id: str, prompt: str, texts: list[str]) -> None:
        self.sink.publish(ServedReply(key_id, prompt, list(texts)))

    async def flushed(self, timeout_s: float) -> bool:
        return await self.sink.flushed(timeout_s)

    async def refresh(self, key_id: str) -> Assessment | None:
        return await self.verdicts.get(key_id)

    async def aclose(self) -> None:
        await self.sink.aclose()


class RedisEventSource:
    """A worker's partitions: one stream each, read through one consumer group (`GROUP`). The
    group is used for delivery bookkeeping (last delivered id, pending entries), not to split a
    stream between consumers: each partition is read by exactly one worker."""

    def __init__(self, url: str, partitions: list[int], consumer: str):
        self.client = redis.Redis.from_url(url, socket_timeout=10.0, socket_connect_timeout=2.0)
        self.partitions, self.consumer = partitions, consumer
        self._streams = {stream_name(p): ">" for p in partitions}  # XREADGROUP's: new records of each

    def setup(self) -> None:
        for p in self.partitions:
            try:
                self.client.xgroup_create(stream_name(p), GROUP, id="0", mkstream=True)
            except ResponseError as e:
                if "BUSYGROUP" not in str(e):
                    raise

    def delivered(self, partition: int) -> str:
        """The group's last delivered id: every record up to it was handed to some consumer."""
        for g in self.client.xinfo_groups(stream_name(partition)):
            if g["name"] in (GROUP, GROUP.encode()):
                last = g["last-delivered-id"]
                return last.decode() if isinstance(last, bytes) else last
        return "0-0"

    def first(self, partition: int) -> str | None:
        """The oldest id the stream still holds (None: empty): older records were trimmed."""
        rows = self.client.xrange(stream_name(partition), count=1)
        return rows[0][0].decode() if rows else None

    def replay(self, partition: int, after: str) -> Iterator[list[Record]]:
        """The records after `after` up to the last one delivered, in chunks: those a dead
        worker (or this one before a restart) was handed, applied or not, acked or not."""
        end, start = self.delivered(partition), f"({after}"
        if id_order(end) <= id_order(after):
            return
        while rows := self.client.xrange(stream_name(partition), min=start, max=end, count=1000):
            yield [(partition, i.decode(), _decode(i, f), record_uid(f)) for i, f in rows]
            start = f"({rows[-1][0].decode()}"

    def reclaim(self, partition: int) -> int:
        """Take over every pending entry of the group (a dead consumer's) and ack it: call after
        `replay`, which applied them. Returns how many there were."""
        name, n = stream_name(partition), 0
        # justid: redis-py returns the ids alone (no cursor); acked ids leave the pending list,
        # so claiming from the start again until none is left visits each once
        while ids := self.client.xautoclaim(name, GROUP, self.consumer, 0, "0-0", count=1000, justid=True):
            n += self.client.xack(name, GROUP, *ids)
        return n

    def read(self, count: int, block_ms: int) -> list[Record]:
        """New records of every partition, in id order across partitions: the order a replay
        applies them in, so a replayed detector ends in the same state as the live one."""
        return _records(
            self.client.xreadgroup(GROUP, self.consumer, self._streams, count=count, block=block_ms)
        )

    def ack(
        self,
        records: list[Record],
        assessments: dict[str, str] | None = None,
        more: Callable[[Any], None] | None = None,
    ) -> list[Any]:
        """Publish the assessments, then ack the records, in one round trip; `more(pipe)` adds
        commands to it (the shared link evidence: detector/links.py), whose replies are returned."""
        pipe = self._ack_pipe(records, assessments)
        n = len(pipe)
        if more is not None:
            more(pipe)
        return pipe.execute()[n:]

    def ack_and_read(
        self,
        records: list[Record],
        assessments: dict[str, str] | None,
        more: Callable[[Any], None] | None,
        count: int,
    ) -> tuple[list[Any], list[Record]]:
        """`ack`, then `read(count)` without blocking, on the same round trip: a busy worker pays
        one round trip per batch instead of two. Redis runs a pipeline's commands in order, so the
        assessments are published and the records acked before the read, exactly as by `ack`
        alone. Returns `more`'s replies and the records read (none: nothing new yet; the caller
        then waits in `read`)."""
        pipe = self._ack_pipe(records, assessments)
        n = len(pipe)
        if more is not None:
            more(pipe)
        pipe.xreadgroup(GROUP, self.consumer, self._streams, count=count)
        *replies, reply = pipe.execute()
        return replies[n:], _records(reply)

    def _ack_pipe(self, records: list[Record], assessments: dict[str, str] | None) -> Any:
        pipe = self.client.pipeline(transaction=False)
        if assessments:
            pipe.hset(ASSESSMENTS, mapping=assessments)  # type: ignore[arg-type]
        by_partition: dict[int, list[str]] = {}
        for p, i, _, _ in records:
            by_partition.setdefault(p, []).append(i)
        for p, ids in by_partition.items():
            pipe.xack(stream_name(p), GROUP, *ids)
        return pipe


def _records(reply: Any) -> list[Record]:
    """An XREADGROUP reply as records, in id order across partitions: the order a replay applies
    them in, so a replayed detector ends in the same state as the live one."""
    out = [
        (_partition(name), i.decode(), _decode(i, f), record_uid(f))
        for name, rows in reply or []
        for i, f in rows
    ]
    out.sort(key=order)
    return out


def _partition(name: bytes | str) -> int:
    return int((name.decode() if isinstance(name, bytes) else name).rsplit(":", 1)[1])


def _decode(rid: bytes, fields: dict) -> DetectorInput | None:
    """The record, or None (logged) for one this code cannot read: a worker skips it rather than
    failing on it at every restart."""
    try:
        return decode_input(fields)
    except (KeyError, TypeError, ValueError) as e:
        log.error("unreadable detector record %s skipped: %s", rid, e)
        return None

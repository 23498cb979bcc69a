"""`stillroom detect`: one detector worker of the scale-out design (docs/detector.md, "Scale-out").

    stillroom detect --redis redis://127.0.0.1:6379/0 --partitions 8 --worker 0 --workers 2 \
        --state /var/lib/stillroom/detect-0.state.gz

A worker owns the partitions p with p % workers == worker, holds one `Detector` for all of them,
and loops: read a batch of new records (XREADGROUP), apply them in stream-id order, publish the
touched keys' assessments and XACK the batch in one round trip, which also reads the next batch
when one is waiting (a busy worker: one round trip a batch; an idle one waits in a blocking read).
A batch that takes longer than `publish_ms` to apply is published and acked in parts, every
`publish_ms`, so a record's assessment does not wait for the rest of a long batch. With more than
one worker, the same round trip shares the batch's link evidence with the other workers and
reads theirs (detector/links.py), so keys in different workers' partitions link into one cluster
too. Every `snapshot_s` its state is saved with the last applied id of each partition; a worker
started on that file replays each partition from that id up to the group's last delivered id
(records the dead worker was handed, applied or not, acked or not: a batch read with the last ack
is among them), then takes over and acks the pending entries (XAUTOCLAIM). A record at or below a
partition's applied id is skipped, and so is a record whose uid was applied already (a guard's
resend after a lost reply puts one record in the stream twice; the last `SEEN_UIDS` uids are
kept, and saved with the snapshot), so every record is applied exactly once. Replay merges the partitions by
record id, as the live loop applies each batch; records of different partitions within one
millisecond, or a backlog read in several batches, may interleave differently than they did live,
which can move a content-sampling draw (detector.py `_sample`) and so a score by a little: counts,
windows and served replies are exact, and a key's ladder level comes back from the snapshot.
"""

from __future__ import annotations

import heapq
import json
import logging
import signal
import threading
import time
from collections import deque
from itertools import chain, islice
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from stillroom.config import load_config
from stillroom.detector import persist
from stillroom.detector.detector import Detector, warm_up
from stillroom.detector.links import LinkIndex
from stillroom.detector.score import DetectorConfig
from stillroom.detector.stream import EventSource, Record, RedisEventSource, id_order, order
from stillroom.detector.types import ServedReply, encode_assessment
from stillroom.errors import UserError

log = logging.getLogger("stillroom.detect")
LAG_SAMPLES = 200_000  # the last this many event->assessment lags are kept for the stats
# Record uids remembered against resends: a guard resends a record one second after a send whose
# reply was lost, so the copies lie about one second of traffic apart; this is 50 s at 2,000/s,
# in ~9 MB (uids held as ints).
SEEN_UIDS = 100_000


class DetectSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    redis: str  # the guards' `detector_stream` URL
    partitions: int = Field(8, ge=1)  # must equal the guards' `detector_partitions`
    worker: int = Field(0, ge=0)  # this worker's index ...
    workers: int = Field(1, ge=1)  # ... of this many: it owns partitions p % workers == worker
    consumer: str | None = None  # consumer name in the group (default: w<worker>)
    state: str | None = None  # snapshot file; None: a restart replays only what the stream holds
    snapshot_s: float = Field(30.0, gt=0)
    batch: int = Field(500, ge=1)  # records per XREADGROUP, per partition
    block_ms: int = Field(100, ge=1)
    # A batch that takes longer to apply publishes its keys' assessments and acks its records every
    # this many ms (a round trip each time: at most 20 a second at 50 ms)
    publish_ms: float = Field(50.0, gt=0)
    detector: str | None = None  # DetectorConfig YAML, as the guard's `detector`
    stats: str | None = None  # JSON file of counts and lags, written at each snapshot and at exit
    links: bool = True  # with workers > 1: link keys across workers (detector/links.py)
    links_maxlen: int = Field(1_000_000, ge=1)  # LINKS entries kept: at least those since a snapshot

    @model_validator(mode="after")
    def _check(self) -> DetectSettings:
        if self.worker >= self.workers:
            raise ValueError(f"worker {self.worker} of {self.workers}: the index must be below --workers")
        if self.workers > self.partitions:
            raise ValueError(f"{self.workers} workers for {self.partitions} partitions: some would idle")
        return self

    def owned(self) -> list[int]:
        return [p for p in range(self.partitions) if p % self.workers == self.worker]


class Worker:
    def __init__(self, s: DetectSettings, source: EventSource | None = None):
        self.s = s
        self.source = source or RedisEventSource(s.redis, s.owned(), s.consumer or f"w{s.worker}")
        self.saver = persist.Saver()
        cfg = load_config(DetectorConfig, s.detector) if s.detector else None
        self.det, self.applied, seen, saved_links = self._restore(cfg)
        self.links = (
            LinkIndex.for_worker(
                self.det, s.redis, s.worker, s.workers, s.partitions, s.links_maxlen, saved_links
            )
            if s.links and s.workers > 1
            else None
        )
        self.seen_order: deque[int] = deque(seen)  # applied uids, oldest first ...
        self.seen = set(seen)  # ... and as a set
        self._at = {p: id_order(i) for p, i in self.applied.items()}  # `applied`, parsed
        self._next: list[Record] = []  # records read with the last ack, not applied yet
        self.counts = {
            "applied": 0,
            "skipped": 0,
            "duplicates": 0,
            "replayed": 0,
            "reclaimed": 0,
            "errors": 0,
            "batches": 0,
            "acks": 0,  # ack round trips (a batch longer than `publish_ms` is acked in parts)
        }
        self.lags_ms: list[float] = []
        self._writer: threading.Thread | None = None
        self._saved_at = time.monotonic()
        self.stopping = False

    def _restore(self, cfg: DetectorConfig | None) -> tuple[Detector, dict[int, str], list[int], dict]:
        path = self.s.state
        if not path or not Path(path).exists():
            return Detector(cfg), {}, [], {}
        try:
            head = persist.head(path)
            det = persist.load(path, cfg, self.saver)
        except persist.StateError as e:
            raise UserError(f"--state {e}; move the file away to start with an empty detector") from e
        if head.get("partitions") != self.s.partitions:
            raise UserError(
                f"{path} was written with {head.get('partitions')} partitions, not {self.s.partitions}"
            )
        applied = {int(p): i for p, i in head.get("stream", {}).items()}
        log.info("restored %s: %d keys, applied ids %s", path, len(det.keys), applied)
        return det, applied, list(head.get("seen") or []), head.get("links") or {}

    def start(self) -> None:
        """Catch up: replay each partition from its snapshot id, then take over pending entries."""
        warm_up(Detector(self.det.cfg))
        self.source.setup()
        replays = []
        for p in self.source.partitions:
            after = self.applied.get(p, "0-0")
            first = self.source.first(p)
            if first is not None and after != "0-0" and id_order(first) > id_order(after):
                log.error("partition %d: records after %s may have been trimmed (MAXLEN)", p, after)
            replays.append(chain.from_iterable(self.source.replay(p, after)))
        touched: dict[str, str] = {}
        merged = heapq.merge(*replays, key=order)  # the partitions interleaved as the live loop reads them
        while chunk := list(islice(merged, 1000)):
            touched.update(self.apply(chunk))
            self.counts["replayed"] += len(chunk)
        for p in self.source.partitions:
            self.counts["reclaimed"] += self.source.reclaim(p)
        self._ack([], touched)  # after the replay: never an older state
        if self.links is not None:
            self.links.catch_up()  # what the other workers logged since the snapshot
        log.info("caught up: %s", self.counts)

    def apply(self, records: list[Record]) -> dict[str, str]:
        """Apply the records not yet applied; returns touched key -> its last record id."""
        return self._apply(records, 0, None)[0]

    def _apply(self, records: list[Record], start: int, until: float | None) -> tuple[dict[str, str], int]:
        """Apply `records[start:]`, stopping after the first record that ends at or past `until`
        (perf_counter; None: all of them). Returns touched key -> its last record id, and the
        index after the last record gone through (applied, skipped or failed)."""
        touched: dict[str, str] = {}
        at, zero, i = self._at, (0, 0), start
        for p, rid, item, uid in islice(records, start, None):
            i += 1
            if until is not None and i - 1 > start and time.perf_counter() >= until:
                i -= 1
                break
            o = id_order(rid)
            if o <= at.get(p, zero):
                self.counts["skipped"] += 1
                continue
            self.applied[p], at[p] = rid, o
            if uid is not None:
                if uid in self.seen:
                    self.counts["duplicates"] += 1
                    continue
                self.seen.add(uid)
                self.seen_order.append(uid)
                if len(self.seen_order) > SEEN_UIDS:
                    self.seen.discard(self.seen_order.popleft())
            if item is None:  # unreadable (logged by the source)
                self.counts["errors"] += 1
                continue
            try:
                if isinstance(item, ServedReply):
                    self.det.served(item.key_id, item.prompt, item.texts)
                else:
                    self.det.observe(item)
            except Exception:  # one bad record must not stop the worker at every restart
                self.counts["errors"] += 1
                log.exception("record %s of partition %d failed; skipped", rid, p)
                continue
            touched[item.key_id] = rid
            self.counts["applied"] += 1
        return touched, i

    def _assessments(self, touched: dict[str, str]) -> dict[str, str]:
        out = {}
        for key, rid in touched.items():
            st = self.det.keys.get(key)
            if st is not None and st.last is not None:
                out[key] = encode_assessment(st.last, rid, st.window.total)
        return out

    def step(self) -> int:
        """One batch: read (or take what the last ack read), apply, publish and ack; returns how
        many records the batch held."""
        records, self._next = self._next or self.source.read(self.s.batch, self.s.block_ms), []
        if records:
            self.counts["batches"] += 1
            self._run(records, read_next=not self.stopping)
        elif self.links is not None:
            self.links.sync()  # idle: the other workers' link evidence still comes in
            self.links.settle()
        if time.monotonic() - self._saved_at >= self.s.snapshot_s:
            self.snapshot()
        return len(records)

    def _run(self, records: list[Record], read_next: bool) -> None:
        """Apply a batch, publishing and acking it every `publish_ms` of applying and at its end;
        with `read_next`, the last ack also reads the next batch (into `_next`)."""
        i, n, part_s = 0, len(records), self.s.publish_ms / 1000
        while i < n:
            touched, j = self._apply(records, i, time.perf_counter() + part_s)
            self._ack(records[i:j], touched, read_next=read_next and j == n)
            now_ms = time.time() * 1000
            self.lags_ms.extend(now_ms - int(rid.partition("-")[0]) for _, rid, _, _ in islice(records, i, j))
            i = j
        del self.lags_ms[:-LAG_SAMPLES]

    def _ack(self, records: list[Record], touched: dict[str, str], read_next: bool = False) -> None:
        """Publish the touched keys' assessments and ack `records`, with the batch's link evidence
        sent and the other workers' read on the same round trip; with `read_next`, the next batch
        is read on it too (into `_next`)."""
        links = self.links
        more = None if links is None else (lambda p: links.send(p, touched))
        self.counts["acks"] += 1
        if read_next:
            replies, self._next = self.source.ack_and_read(
                records, self._assessments(touched), more, self.s.batch
            )
        else:
            replies = self.source.ack(records, self._assessments(touched), more)
        if links is not None:
            links.receive(replies)
            links.settle()

    def snapshot(self, wait: bool = False) -> None:
        """Capture here (between two batches), write in a thread; a round is skipped while the
        previous write runs. `wait`: write now and return when it is on disk (shutdown)."""
        self._saved_at = time.monotonic()
        self.write_stats()
        if not self.s.state:
            return
        if self._writer is not None and self._writer.is_alive():
            if not wait:
                return
            self._writer.join()
        extra: dict[str, Any] = {
            "stream": {str(p): i for p, i in self.applied.items()},
            "partitions": self.s.partitions,
            "seen": list(self.seen_order),
        }
        if self.links is not None:
            extra["links"] = self.links.state()
        cap = self.saver.capture(self.det, extra)
        self._writer = threading.Thread(target=self.saver.write, args=(cap, self.s.state), daemon=True)
        self._writer.start()
        if wait:
            self._writer.join()

    def write_stats(self) -> None:
        if self.s.stats:
            doc: dict[str, Any] = {**self.counts, "keys": len(self.det.keys), "lags_ms": self.lags_ms}
            if self.links is not None:
                doc["links"] = dict(self.links.stats)
            Path(self.s.stats).write_text(json.dumps(doc))

    def run(self) -> None:
        signal.signal(signal.SIGTERM, lambda *_: setattr(self, "stopping", True))
        signal.signal(signal.SIGINT, lambda *_: setattr(self, "stopping", True))
        self.start()
        while not self.stopping:
            self.step()
        if self._next:  # read with the last ack: applied now rather than replayed at the next start
            self._run(self._next, read_next=False)
            self._next = []
        self.snapshot(wait=True)
        log.info("stopped: %s", self.counts)

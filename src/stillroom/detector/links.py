"""Cross-key linking across `stillroom detect` workers (issue #18; docs/detector.md, "Scale-out").

A worker holds the keys of its own partitions only, so by itself it cannot link a hydra whose keys
hash to two workers: each worker would score half of the group. `LinkIndex` shares the link
evidence through the workers' Redis:

- **Evidence, as a log.** Each worker's `Clusters` logs what its own keys bring as plain data
  (clusters.py `log`: a pool item used, an identity item, a request's second). With each batch
  the worker XADDs the batch's entries to one stream (`LINKS`, one stream entry per batch), and
  XREADs what the other workers added since it last read, applying it through `Clusters.replay`.
  So every worker holds the link index of all keys, built by clusters.py's own code at its own
  thresholds (shared pool items, operator account fields, client fingerprints, onset timing).
  Links are permanent and union-find's result does not depend on the order of the unions, so
  every worker arrives at the same clusters once it has read the others' entries. What the order
  can change: a pair's shared count is tested against `link_min_fraction` of the keys' distinct
  items *when* an item is counted, so a pair near that line may link a few items earlier or later
  than in one process; and timing links keep 8 seconds of onsets (clusters.TICK_KEEP), so a peer's
  onset that reaches a worker more than that late in event time (a worker lagging by seconds)
  is not matched.
- **Scores, as a hash.** A cluster's score pools its members' latest features
  (Detector._cluster_score). A worker writes the features of its keys whose cluster also holds
  another worker's key to `FEATURES` (each batch that touches them, and once when their cluster
  first spans workers), and for the clusters its batch touched reads the other workers' members
  into `Detector.peers` (a peer key's first features drop its cluster's cached score). A peer's
  features are as of that worker's last batch on the key, read at this worker's previous batch:
  stale by the peer's lag plus one batch of this worker. When a link forms, the key's own worker
  scores that request without the peers' features (they are not read yet); when a peer's
  entries form it, the worker sends and reads the new cluster's features at once (`settle`, one
  extra round trip per such batch). So a cluster spanning workers pools all its members from about
  two batches after its link on; at 500 records/s the bench measured keys first flagged 0-4 of
  their own requests later than by one worker. Evidence a peer applies late in event time (a
  worker behind a backlog) links late: at 2,000 records/s, past what two workers on the bench's
  two cores keep up with, the split hydra was flagged no earlier than with no index
  (bench/results/detector-scale-links.txt).
- **Evaluation labels** travel in the log too (an "e" entry when one of a worker's keys becomes
  or stops being labelled `evaluation`): nothing links to such a key (Clusters.public).

Why a log applied by every worker, not an index of item -> keys kept in Redis: the decisions
(pair counts, the fraction and fan-out tests, onset coincidence) stay in one place, clusters.py,
instead of a Lua copy of them to keep in step; and it costs no round trip of its own per batch:
the XADD, the XREAD and the two hash commands ride the pipeline that acks each batch (an idle
worker polls once per empty read, and `settle` adds one when a peer's entries linked keys).
What it costs instead: every worker applies every worker's link entries and holds the whole
link index, bounded as one worker's is (Clusters' `max_items`, `max_pairs`). Measured on the
built-in trace at 500 records/s (batches of ~1.4 records): 0.07 ms of CPU a record in `send` and
`receive`, ~150 bytes of `LINKS` a record (bench/results/detector-scale-links.txt).

Restarts: the worker's snapshot holds its replica (the `Clusters` state), the id of the last
`LINKS` entry it applied, and the peers' evaluation labels; restarted, it replays its partitions
(logging its keys' entries again: applying an entry twice changes nothing, clusters.py) and then
reads the log from that id. Like the event streams, `LINKS` must keep the entries since the
oldest snapshot (`links_maxlen`); `FEATURES` is read afresh.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import redis

from stillroom.detector.detector import Detector
from stillroom.detector.stream import PREFIX
from stillroom.detector.types import partition_of

LINKS = f"{PREFIX}:links"  # stream: {"w": worker index, "o": JSON list of Clusters.log entries}
FEATURES = f"{PREFIX}:linked"  # hash: key id -> JSON features of a key whose cluster spans workers
READ = 1000  # LINKS entries per XREAD
ENTRY = 5000  # log entries per LINKS entry (a replay after a restart logs many at once)


class LinkIndex:
    """One worker's side of the shared link evidence (see the module docstring). `send(pipe,
    touched)` queues this worker's part on a pipeline and `receive(replies)` applies what the
    pipeline brought back; `sync()` does both in a round trip of its own."""

    def __init__(
        self,
        det: Detector,
        client: redis.Redis,
        worker: int,
        owns: Callable[[str], bool],
        maxlen: int,
        after: str = "0-0",
        evaluation: Iterable[str] = (),
    ):
        self.det, self.client, self.worker, self.owns, self.maxlen = det, client, worker, owns, maxlen
        self.after = after  # the last LINKS entry applied
        self.pending: list[list] = []
        det.clusters.log = self.pending
        self.peer_evaluation: set[str] = set(evaluation)
        local = det.clusters.public
        det.clusters.public = lambda k: k in self.peer_evaluation or (local is not None and local(k))
        self.own_evaluation = {k for k, st in det.keys.items() if st.last and st.last.verdict == "evaluation"}
        self.pending.extend(["e", k, 1] for k in sorted(self.own_evaluation))  # again: no harm
        self.unions = -1  # len(uf.parent) when `spanning` was computed: it grows with each union
        self.spanning: set[str] = set()  # own keys in a cluster that holds another worker's key
        self._read: list[str] = []  # the peers' keys whose features the pipeline reads
        self.stats: Counter[str] = Counter()

    @classmethod
    def for_worker(
        cls, det: Detector, url: str, worker: int, workers: int, partitions: int, maxlen: int, saved: dict
    ) -> LinkIndex:
        """The index of worker `worker` of `workers` (it owns partitions p % workers == worker),
        resumed from what its snapshot saved (`state()`)."""
        client = redis.Redis.from_url(url, socket_timeout=10.0, socket_connect_timeout=2.0)
        return cls(
            det,
            client,
            worker,
            lambda k: partition_of(k, partitions) % workers == worker,
            maxlen,
            saved.get("after", "0-0"),
            saved.get("evaluation", ()),
        )

    def state(self) -> dict[str, Any]:
        """What a snapshot keeps (between two batches: nothing is pending then)."""
        return {"after": self.after, "evaluation": sorted(self.peer_evaluation)}

    def send(self, pipe: Any, touched: Iterable[str] = ()) -> None:
        """Queue on `pipe`: this batch's log entries, the features of its spanning keys, the read
        of the peers' new entries and of the features of the peers' keys in the touched clusters."""
        t0 = time.thread_time()
        touched = [k for k in touched if k in self.det.keys]
        self._labels(touched)
        out, fresh = self.pending[:], self._spans()
        self.pending.clear()
        for i in range(0, len(out), ENTRY):
            doc = json.dumps(out[i : i + ENTRY], separators=(",", ":"))
            pipe.xadd(LINKS, {"w": self.worker, "o": doc}, maxlen=self.maxlen, approximate=True)
            self.stats["entries_out"] += 1
            self.stats["bytes_out"] += len(doc)
        self.stats["log_out"] += len(out)
        publish = fresh | self.spanning.intersection(touched)
        features = {
            k: json.dumps(st.last.features, separators=(",", ":"))
            for k in sorted(publish)
            if (st := self.det.keys.get(k)) is not None and st.last is not None
        }
        if features:
            pipe.hset(FEATURES, mapping=features)
        self.stats["features_out"] += len(features)
        pipe.xread({LINKS: self.after}, count=READ)
        c = self.det.clusters
        self._read = sorted({m for k in publish for m in c.members(k) if not self.owns(m)})
        if self._read:
            pipe.hmget(FEATURES, self._read)
        self.stats["cpu_s"] += time.thread_time() - t0

    def receive(self, replies: list[Any]) -> int:
        """Apply the replies to `send`'s commands (the last one or two of `replies`): the peers'
        log entries, then their features. Returns how many LINKS entries were read."""
        t0 = time.thread_time()
        if self._read:
            *replies, values = replies
            for k, v in zip(self._read, values, strict=True):
                if v is not None:
                    if k not in self.det.peers:  # its cluster's cached score was pooled without it
                        self.det.cluster_cache.pop(self.det.clusters.cluster_of(k) or "", None)
                    self.det.peers[k] = json.loads(v)
            self.stats["features_in"] += sum(v is not None for v in values)
        read = 0
        for _, rows in replies[-1] or []:
            for rid, fields in rows:
                read += 1
                self.after = rid.decode() if isinstance(rid, bytes) else rid
                if int(fields[b"w"]) != self.worker:
                    self._apply(json.loads(fields[b"o"]))
        self.stats["cpu_s"] += time.thread_time() - t0
        return read

    def settle(self) -> None:
        """After `receive`: when the peers' entries linked keys, send and read the new clusters'
        features at once (a round trip of its own, only then), not a batch later."""
        if len(self.det.clusters.uf.parent) != self.unions:
            self.stats["settles"] += 1
            self.sync()

    def sync(self, touched: Iterable[str] = ()) -> int:
        """`send` and `receive` in a round trip of their own (an idle worker, a restart)."""
        self.stats["syncs"] += 1
        pipe = self.client.pipeline(transaction=False)
        self.send(pipe, touched)
        return self.receive(pipe.execute())

    def catch_up(self) -> None:
        """Read the whole log from `after` (a restart: what the peers sent since the snapshot)."""
        while self.sync() == READ:
            pass

    def _apply(self, entries: list[list]) -> None:
        for kind, key, *a in entries:
            if kind == "e":
                (self.peer_evaluation.add if a[0] else self.peer_evaluation.discard)(key)
        self.det.clusters.replay([e for e in entries if e[0] != "e"])
        self.stats["log_in"] += len(entries)

    def _labels(self, touched: list[str]) -> None:
        """Log an "e" entry for each touched key whose `evaluation` label came or went."""
        for k in touched:
            last = self.det.keys[k].last
            now = last is not None and last.verdict == "evaluation"
            if now != (k in self.own_evaluation):
                (self.own_evaluation.add if now else self.own_evaluation.discard)(k)
                self.pending.append(["e", k, int(now)])

    def _spans(self) -> set[str]:
        """Recompute `spanning` after new unions; returns the own keys that joined it."""
        c = self.det.clusters
        if len(c.uf.parent) == self.unions:
            return set()
        self.unions = len(c.uf.parent)
        now = set()
        for members in c.uf.members.values():
            own = [k for k in members if self.owns(k)]
            if own and len(own) < len(members):
                now.update(own)
        fresh, self.spanning = now - self.spanning, now
        return fresh

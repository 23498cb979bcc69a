"""Cross-key linking across detector workers (#18, detector/links.py): keys in different workers'
partitions that share link evidence are linked and scored as one actor, as one worker would. Two
`Worker`s in this process on a real redis-server, stepped in turn as records arrive."""

from __future__ import annotations

import json

import redis
import yaml

from stillroom.detector import Detector, DetectorConfig, traces
from stillroom.detector.clusters import Clusters
from stillroom.detector.evaluate import to_event
from stillroom.detector.links import FEATURES, LINKS
from stillroom.detector.stream import ASSESSMENTS, stream_name
from stillroom.detector.types import Assessment, TrafficEvent, decode_assessment, encode_input, partition_of
from stillroom.detector.worker import DetectSettings, Worker

SEED, PARTITIONS, FLAGGED = 3, 4, ("suspect", "block")


def owner(key: str) -> int:
    return partition_of(key, PARTITIONS) % 2


def hydra(per_key: int = 40) -> list[TrafficEvent]:
    """Eight keys drawing on one prompt pool, `per_key` requests each: one worker flags all eight,
    while each half of them alone leaves two unflagged (the keys split 4 + 4 over two workers)."""
    events, seen = [], {}
    for e in sorted(traces.hydra(traces.random.Random(1), "hy", 0.0), key=lambda e: e["ts"]):
        seen[e["key_id"]] = seen.get(e["key_id"], 0) + 1
        if seen[e["key_id"]] <= per_key:
            events.append(to_event(e))
    return events


def benign() -> list[TrafficEvent]:
    """One key of each benign persona (two keys of one persona share its templates: they link)."""
    rng = traces.random.Random(2)
    evs = []
    for name, persona in traces.BENIGN.items():
        evs += persona(traces.random.Random(rng.random()), f"{name}-0", rng.uniform(0, 600))[:80]
    return [to_event(e) for e in sorted(evs, key=lambda e: e["ts"])]


def workers(url: str, tmp_path, links: bool = True) -> list[Worker]:
    (tmp_path / "det.yaml").write_text(yaml.safe_dump({"seed": SEED}))
    out = []
    for i in range(2):
        s = DetectSettings(
            redis=url,
            partitions=PARTITIONS,
            worker=i,
            workers=2,
            detector=str(tmp_path / "det.yaml"),
            state=str(tmp_path / f"w{i}.state"),
            links=links,
        )
        out.append(Worker(s))
        out[-1].start()
    return out


def feed(r: redis.Redis, ws: list[Worker], events: list[TrafficEvent], chunk: int = 8) -> None:
    """XADD the events as guards would, a few at a time, each worker taking a batch in between."""
    for i in range(0, len(events), chunk):
        pipe = r.pipeline(transaction=False)
        for e in events[i : i + chunk]:
            pipe.xadd(stream_name(partition_of(e.key_id, PARTITIONS)), encode_input(e))
        pipe.execute()
        for w in ws:
            w.step()
    for _ in range(3):  # drain, and let each read the other's last entries
        for w in ws:
            while w.step():
                pass


def reference(events: list[TrafficEvent]) -> Detector:
    det = Detector(DetectorConfig(seed=SEED))
    for e in events:
        det.observe(e)
    return det


def verdicts(r: redis.Redis) -> dict[str, tuple[str, str | None]]:
    out = {}
    for k, v in r.hgetall(ASSESSMENTS).items():
        a = decode_assessment(v)[0]
        out[k.decode()] = (a.verdict, a.cluster)
    return out


def test_a_hydra_split_over_two_workers_is_linked_and_flagged_as_by_one_worker(redis_url, r, tmp_path):
    events = hydra()
    keys = sorted({e.key_id for e in events})
    assert {owner(k) for k in keys} == {0, 1}  # the group is split between the workers
    ref = reference(events)
    assert ref.clusters.all() == [set(keys)]
    assert all(ref.keys[k].last.verdict in FLAGGED for k in keys)
    ws = workers(redis_url, tmp_path)
    feed(r, ws, events)
    for w in ws:  # each worker holds one cluster of all eight keys
        assert [set(c) for c in w.det.clusters.all()] == [set(keys)]
    got = verdicts(r)
    assert {k: got[k] for k in keys} == {k: (ref.keys[k].last.verdict, f"cluster:{keys[0]}") for k in keys}
    # each worker published its spanning keys' features, and read the other's
    assert {k.decode() for k in r.hkeys(FEATURES)} == set(keys)
    assert set(ws[0].det.peers) == {k for k in keys if owner(k) == 1}


def test_without_the_index_two_workers_score_the_hydra_as_two_smaller_groups(redis_url, r, tmp_path):
    """What the index fixes (the code before it behaved as `links: false`)."""
    events = hydra()
    keys = sorted({e.key_id for e in events})
    ws = workers(redis_url, tmp_path, links=False)
    feed(r, ws, events)
    assert [len(c) for w in ws for c in w.det.clusters.all()] == [4, 4]
    got = verdicts(r)
    assert sum(got[k][0] in FLAGGED for k in keys) < len(keys)
    assert not r.exists(LINKS)


def test_benign_keys_of_different_workers_that_share_nothing_are_not_linked(redis_url, r, tmp_path):
    events = benign()
    keys = sorted({e.key_id for e in events})
    assert {owner(k) for k in keys} == {0, 1}
    ref = reference(events)
    assert ref.clusters.all() == []
    ws = workers(redis_url, tmp_path)
    feed(r, ws, events)
    assert r.xlen(LINKS) > 0  # their evidence was shared ...
    for w in ws:  # ... and links nobody
        assert w.det.clusters.all() == [] and w.det.peers == {}
    got = verdicts(r)
    assert {k: got[k] for k in keys} == {k: (ref.keys[k].last.verdict, None) for k in keys}
    assert not r.exists(FEATURES)


def test_a_restarted_worker_keeps_its_links_and_goes_on_linking(redis_url, r, tmp_path):
    events = hydra(per_key=60)
    keys = sorted({e.key_id for e in events})
    half = len(events) // 2
    ws = workers(redis_url, tmp_path)
    feed(r, ws, events[:half])
    assert all(len(w.det.clusters.members(keys[0])) > 1 for w in ws)
    ws[1].snapshot(wait=True)
    # worker 1 goes on after its snapshot, then dies (nothing saved): its evidence since the
    # snapshot is in its partitions and in LINKS, worker 0's in LINKS only
    feed(r, ws, events[half : half + 80])
    before = {k: sorted(ws[1].det.clusters.members(k)) for k in keys}
    ws[1] = Worker(ws[1].s)
    ws[1].start()
    assert ws[1].counts["replayed"] > 0
    assert {k: sorted(ws[1].det.clusters.members(k)) for k in keys} == before
    feed(r, ws, events[half + 80 :])
    for w in ws:
        assert [set(c) for c in w.det.clusters.all()] == [set(keys)]
    ref = reference(events)
    got = verdicts(r)
    assert {k: got[k][0] for k in keys} == {k: ref.keys[k].last.verdict for k in keys}


def test_an_evaluation_label_travels_to_the_other_worker(redis_url, r, tmp_path):
    """Nothing links to a key labelled `evaluation` (Clusters.public), on its worker or another."""
    ws = workers(redis_url, tmp_path)
    k = next(f"eval-{i}" for i in range(50) if owner(f"eval-{i}") == 0)
    ws[0].det.observe(TrafficEvent(k, 1.0, "chat", "hello there"))
    ws[0].det.keys[k].last = Assessment(0.0, "evaluation")  # as a run of benchmark items ends
    ws[0].links.sync([k])
    ws[1].links.sync()
    assert ws[1].det.clusters.public(k) and not ws[1].det.clusters.public("someone-else")
    ws[0].det.keys[k].last = Assessment(0.1, "ok")
    ws[0].links.sync([k])
    ws[1].links.sync()
    assert not ws[1].det.clusters.public(k)


def test_replaying_a_clusters_log_rebuilds_its_index():
    """What a peer applies is what the key's own worker applied: the same links, pairs and items."""
    events = hydra(per_key=30) + benign()[:200]
    det = Detector(DetectorConfig(seed=SEED))
    det.clusters.log = log = []
    for e in sorted(events, key=lambda e: e.ts):
        det.observe(e)
    peer = Clusters(det.cfg.link_min_shared, det.cfg.link_min_fraction)
    peer.replay(json.loads(json.dumps(log)))  # as it travels
    assert peer.all() == det.clusters.all() and peer.items == det.clusters.items
    assert peer.pairs == det.clusters.pairs and peer.firm.members == det.clusters.firm.members
    before = (dict(peer.pairs), dict(peer.distinct), dict(peer.uf.parent))
    peer.replay(log)  # applied twice (a worker's replay after a restart logs again): no change
    assert (dict(peer.pairs), dict(peer.distinct), dict(peer.uf.parent)) == before

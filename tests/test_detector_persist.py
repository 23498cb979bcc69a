"""Detector state survives a restart (#18): save after N events, load into a fresh Detector (and a
fresh process with another hash seed), replay the rest: every assessment equals the uninterrupted
run's."""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from stillroom.detector import Detector, DetectorConfig
from stillroom.detector.persist import Saver, StateError, load, save
from stillroom.detector.traces import generate
from stillroom.detector.types import TrafficEvent

SPLIT = 6000
CFG = DetectorConfig(seed=0, max_keys=40)  # fewer keys than the day has: LRU eviction is in play


def day() -> list[dict]:
    """Seed 0's simulated day, with user agents and account fields so identity links are in play."""
    events = generate(0)
    for e in events:
        if e["family"] == "hydra":
            e["user_agent"] = "hydra-client/0.3"
            e["header_names"] = ("host", "authorization", "content-type", "user-agent")
        elif e["family"] in ("chat", "casual"):
            e["user_agent"] = "OpenAI/Python 1.51.0"
            e["account"] = {"organisation": f"org-{e['key_id'][-1]}"}
    return events


def to_event(e: dict) -> TrafficEvent:
    return TrafficEvent(**{k: v for k, v in e.items() if k not in ("family", "label")})


def plain(a) -> dict:
    """An assessment as JSON would carry it (floats round-trip exactly)."""
    return json.loads(json.dumps(dataclasses.asdict(a)))


@pytest.fixture(scope="module")
def uninterrupted():
    events = day()
    det = Detector(CFG)
    return events, [plain(det.observe(to_event(e))) for e in events], det


def test_restored_detector_answers_exactly_as_the_uninterrupted_one(uninterrupted, tmp_path):
    """Saved three times as a guard does: a full save, an incremental one (only keys observed
    since), and one by a saver primed from the file it loaded; then restored and replayed."""
    events, expected, _ = uninterrupted
    det, saver, path = Detector(CFG), Saver(), tmp_path / "state"
    for i, e in enumerate(events[: SPLIT // 2]):
        det.observe(to_event(e))
        if i in (1000, SPLIT // 2 - 1):
            saver.write(saver.capture(det), path)
    again = Saver()
    det = load(path, saver=again)
    for e in events[SPLIT // 2 : SPLIT]:
        det.observe(to_event(e))
    cap = again.capture(det)
    assert 0 < sum(rec is not None for _, rec in cap.keys) < len(cap.keys)  # only the keys seen since
    again.write(cap, path)
    restored = load(path)
    assert len(restored.keys) == len(det.keys) and restored.clusters.all(), "hydra cluster saved"
    c, r = det.clusters, restored.clusters  # timing links' counters too (their onsets LRU order)
    assert c.tick_pairs and r.tick_pairs == c.tick_pairs and list(r.ticks.items()) == list(c.ticks.items())
    assert r.tick_gen == c.tick_gen and list(r.slots.items()) == list(c.slots.items())
    assert c.firm.members and (r.firm.parent, r.firm.members) == (c.firm.parent, c.firm.members)  # firm links
    got = [plain(restored.observe(to_event(e))) for e in events[SPLIT:]]
    assert [g["verdict"] for g in got] == [x["verdict"] for x in expected[SPLIT:]]
    assert got == expected[SPLIT:]
    assert sum(g["verdict"] != "ok" for g in got) > 100  # the comparison covers flagged keys


TAIL = """
import dataclasses, json, sys
sys.path.insert(0, {tests!r})
from test_detector_persist import SPLIT, day, to_event
from stillroom.detector.persist import load
from stillroom.detector.types import TrafficEvent
det = load(sys.argv[1])
out = [dataclasses.asdict(det.observe(to_event(e))) for e in day()[SPLIT:]]
late = det.observe(TrafficEvent("late", 1e6, "chat", "hello there", account={{"organisation": "org-0"}}))
out.append({{"late_cluster": late.cluster}})
json.dump(out, open(sys.argv[2], "w"))
"""


def test_state_means_the_same_in_a_new_process_with_another_hash_seed(uninterrupted, tmp_path):
    """Before: client fingerprints and account items were Python's salted hash(), so a restarted
    guard's new requests never matched the identity items it had restored (a new key of a known
    organisation stayed alone)."""
    events, expected, _ = uninterrupted
    det = Detector(CFG)
    for e in events[:SPLIT]:
        det.observe(to_event(e))
    save(det, tmp_path / "state")
    script = tmp_path / "tail.py"
    script.write_text(TAIL.format(tests=str(Path(__file__).parent)))
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": os.pathsep.join(sys.path)}
    subprocess.run(
        [sys.executable, str(script), str(tmp_path / "state"), str(tmp_path / "out.json")],
        env=env,
        check=True,
    )
    got = json.loads((tmp_path / "out.json").read_text())
    assert got[:-1] == expected[SPLIT:]
    assert got[-1]["late_cluster"] is not None  # a new key of a saved organisation is linked


def test_a_smaller_window_keeps_the_newest_requests(uninterrupted, tmp_path):
    _, _, det = uninterrupted
    save(det, tmp_path / "state")
    small = load(tmp_path / "state", CFG.model_copy(update={"window": 50}))
    for key, st in small.keys.items():
        old = det.keys[key].window
        assert [s.ts for s in st.window.items] == [s.ts for s in old.items][-50:]
        assert sum(st.window.counts.values()) == sum(len(s.flags) for s in list(old.items)[-50:])
        assert st.window.total == old.total and st.verdict == det.keys[key].verdict


def test_unreadable_files_are_refused_with_a_reason(uninterrupted, tmp_path):
    _, _, det = uninterrupted
    path = tmp_path / "state"
    save(det, path)
    raw = gzip.decompress(path.read_bytes())
    (tmp_path / "cut").write_bytes(gzip.compress(raw[: len(raw) // 2].rsplit(b"\n", 1)[0] + b"\n"))
    with pytest.raises(StateError, match="truncated"):
        load(tmp_path / "cut")
    head, rest = raw.split(b"\n", 1)
    newer = json.dumps({**json.loads(head), "version": 99}).encode()
    (tmp_path / "v99").write_bytes(gzip.compress(newer + b"\n" + rest))
    with pytest.raises(StateError, match="version 99"):
        load(tmp_path / "v99")
    (tmp_path / "junk").write_bytes(b"\x80\x04 not a state")
    with pytest.raises(StateError, match="unreadable"):
        load(tmp_path / "junk")


def test_a_crash_while_writing_keeps_the_previous_state(uninterrupted, tmp_path, monkeypatch):
    _, _, det = uninterrupted
    path = tmp_path / "state"
    save(det, path)
    before = path.read_bytes()

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr("stillroom.detector.persist.os.replace", boom)
    with pytest.raises(OSError, match="disk full"):
        save(Detector(CFG), path)
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["state"]


def test_the_dirty_set_stays_within_max_keys_without_a_saver():
    det = Detector(DetectorConfig(seed=0, max_keys=10))
    for i in range(100):
        det.observe(TrafficEvent(f"k{i}", float(i), "chat", f"question number {i} about topic {i % 7}"))
    assert det.dirty == set(det.keys) and len(det.keys) == 10

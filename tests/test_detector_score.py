"""Score, verdict hysteresis, hard negatives, clusters and the offline evaluation on generated traces."""

from __future__ import annotations

import random

import pytest

from stillroom.detector import Detector, DetectorConfig, TrafficEvent
from stillroom.detector import traces as tr
from stillroom.detector.clusters import UnionFind
from stillroom.detector.evaluate import run_detector, run_prada, summarise, to_event
from stillroom.detector.score import combine, evidence, next_verdict
from stillroom.errors import UserError


def replay(events: list[dict], cfg: DetectorConfig | None = None) -> tuple[Detector, dict]:
    det, last = Detector(cfg), {}
    for e in events:
        last[e["key_id"]] = det.observe(to_event(e))
    return det, last


def persona(name: str, seed: int = 0, key: str | None = None) -> list[dict]:
    fn = tr.BENIGN.get(name) or tr.DISTILLERS[name]
    out = fn(random.Random(seed), key or name, 0.0)
    return sorted(out, key=lambda e: e["ts"])


def test_config_rejects_unordered_thresholds():
    with pytest.raises(ValueError):
        DetectorConfig(watch=0.7, suspect=0.6)
    from stillroom.config import load_config

    with pytest.raises(UserError):
        load_config(DetectorConfig, None, block=2.0)


def test_hysteresis_steps_up_at_once_and_down_slowly():
    cfg = DetectorConfig(cooldown=3, margin=0.1, block_min_requests=10)
    v, low = next_verdict("ok", 0.9, 5, 0, cfg)
    assert v == "suspect"  # would be block, but too few requests yet
    v, low = next_verdict(v, 0.9, 10, low, cfg)
    assert v == "block"
    for _ in range(2):
        v, low = next_verdict(v, 0.5, 11, low, cfg)
        assert v == "block"
    v, low = next_verdict(v, 0.5, 12, low, cfg)
    assert (v, low) == ("suspect", 0)  # one level per cooldown
    v, low = next_verdict(v, 0.58, 13, low, cfg)  # within the margin of suspect: stays, counter resets
    assert (v, low) == ("suspect", 0)


def test_tied_contributions_are_explained_in_one_order():
    """Saturated terms tie exactly; the reasons' order was the dict's, so the logprob persona's top
    reason flipped between harvest and templating from run to run (a flaky CI failure)."""
    det, last = replay(persona("logprob"))
    f = last["logprob"].features
    one = det._reasons(f, {"templating": 0.3, "harvest": 0.3, "near_dup": 0.1}, None)
    two = det._reasons(f, {"near_dup": 0.1, "templating": 0.3, "harvest": 0.3}, None)
    assert one == two and "top_logprobs" in one[0]


def test_contributions_sum_to_the_score_and_continuity_lowers_it():
    det, last = replay(persona("logprob"))
    a = last["logprob"]
    assert a.verdict == "block" and a.contributions["harvest"] == max(a.contributions.values())
    assert sum(a.contributions.values()) == pytest.approx(a.score, abs=1e-3)
    assert a.reasons and "top_logprobs" in a.reasons[0]
    f = dict(a.features, multi_turn_share=1.0, followup_share=1.0)
    assert combine(evidence(f, det.cfg), f, det.cfg)[0] < a.score * 0.5


@pytest.mark.parametrize("name", ["batch", "researcher", "chat", "coder"])
def test_hard_negatives_are_not_flagged(name):
    """Volume alone (batch) and coverage alone (researcher) are not enough; the researcher's
    benchmark items label it `evaluation`, harness settings alone (batch) do not."""
    _det, last = replay(persona(name, seed=11))
    expected = ("evaluation",) if name == "researcher" else ("ok", "watch")
    assert last[name].verdict in expected, last[name].reasons


@pytest.mark.parametrize("name", ["sweeper", "logprob", "magpie", "paraphrase"])
def test_distillers_reach_suspect_within_500_requests(name):
    events = persona(name, seed=11)[:500]
    _, last = replay(events, DetectorConfig(clusters=False))
    assert last[name].verdict in ("suspect", "block"), last[name].reasons


def test_hydra_keys_are_linked_and_scored_as_one_actor():
    events = persona("hydra", seed=5) + persona("casual", seed=5) + persona("chat", seed=6)
    events.sort(key=lambda e: e["ts"])
    det, last = replay(events)
    hydra_keys = {k for k in last if k.startswith("hydra-")}
    clusters = det.clusters.all()
    assert any(hydra_keys <= c for c in clusters)
    assert all(c <= hydra_keys for c in clusters)  # the benign keys stay alone
    assert all(last[k].cluster is not None for k in hydra_keys)
    _, alone = replay(events, DetectorConfig(clusters=False))
    assert sum(alone[k].verdict in ("suspect", "block") for k in hydra_keys) < len(hydra_keys)
    assert all(last[k].verdict in ("suspect", "block") for k in hydra_keys)
    snap = det.snapshot()
    assert any(set(c["members"]) == hydra_keys and c["shared"] for c in snap["clusters"].values())


def test_union_find():
    uf = UnionFind()
    uf.union("a", "b")
    uf.union("c", "d")
    assert uf.find("a") == uf.find("b") != uf.find("c")
    uf.union("b", "d")
    assert uf.group("a") == {"a", "b", "c", "d"} and uf.group("z") == {"z"}


def test_memory_is_bounded():
    det = Detector(DetectorConfig(window=10, max_keys=20, history=10))
    for i in range(300):
        det.observe(
            to_event({"key_id": f"k{i % 40}", "ts": float(i), "endpoint": "chat", "prompt": f"hello {i}"})
        )
    assert len(det.keys) == 20
    assert all(len(st.window.items) <= 10 and len(st.history) <= 10 for st in det.keys.values())


def test_offline_evaluation_small_trace():
    counts = {"chat": 2, "batch": 1, "researcher": 1, "sweeper": 1, "magpie": 1}
    events = [e for e in tr.generate(3, counts) if e["family"] != "sweeper" or e["key_id"].endswith("0")]
    rep = summarise("detector", run_detector(events))
    assert rep.recall == 1.0 and rep.benign_blocked == 0.0
    assert rep.families["magpie"]["median_rtd"] <= 20
    assert summarise("prada", run_prada(events)).families["sweeper"]["keys"] == 1


@pytest.mark.parametrize(
    "messages,params",
    [
        (["not a dict"], {"n": "x", "temperature": "hot", "max_tokens": [1]}),
        ([{"role": "assistant", "content": [{"type": "text"}]}], {"logprobs": 5}),
        ({"weird": 1}, None),
    ],
)
def test_malformed_requests_never_raise(messages, params):
    a = Detector().observe(TrafficEvent("k", 0.0, "chat", "hello there", messages, params))
    assert a.verdict == "ok" and 0 <= a.score <= 1

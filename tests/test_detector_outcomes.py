"""The one per-key detection record and its counting (detector/outcomes.py), and the three reports
built on it agreeing: the offline evaluation, the real-traffic replay and the arena."""

from __future__ import annotations

import pytest

from stillroom.arena.outcomes import key_outcome
from stillroom.arena.outcomes import summarise as arena_summary
from stillroom.detector.evaluate import run_prada
from stillroom.detector.evaluate import summarise as offline_summary
from stillroom.detector.outcomes import KeyOutcome, rates, reached, tally


def _key(key_id: str, label: str, verdicts: list[str], family: str = "f") -> KeyOutcome:
    o = KeyOutcome(key_id, family, label)
    for i, v in enumerate(verdicts):
        o.note(v, i / 10)
    return o


def test_levels_a_verdict_reaches():
    assert reached("ok") == ["ok"]
    assert reached("watch") == ["watch"]
    assert reached("block") == ["block", "suspect", "watch"]
    assert "watch" in reached("evaluation")


def test_first_marks_and_jump_to_block():
    o = _key("k", "distiller", ["ok", "ok", "block", "ok", "suspect"])
    assert (o.requests, o.at("watch"), o.at("suspect"), o.at("block")) == (5, 3, 3, 3)
    assert o.caught and o.blocked and o.max_score == pytest.approx(0.4)
    assert o.flagged_at(("block",)) == 3 and o.flagged_at(("evaluation",)) is None


def test_within_limits_distillers_not_benign_keys():
    late = _key("d", "distiller", ["ok"] * 6 + ["suspect"])
    ben = _key("b", "benign", ["ok"] * 6 + ["suspect"])
    assert late.detected() and not late.detected(within=5) and late.detected(within=7)
    assert ben.detected(within=5)  # a false positive whenever it happens
    r = rates([late, ben, _key("d2", "distiller", ["suspect"])], within=5)
    assert (r.distiller.keys, r.distiller.caught, r.distiller.to_caught) == (2, 1, [1])
    assert r.recall == 0.5 and r.benign_flagged == 1.0 and r.precision == 0.5


def test_tally_counts_and_medians():
    os_ = [_key("a", "benign", ["ok", "watch"]), _key("b", "benign", ["ok", "ok", "ok", "block"])]
    t = tally(os_)
    assert (t.keys, t.watched, t.caught, t.blocked, t.median_requests, t.median_to_caught) == (
        2,
        2,
        1,
        1,
        3,
        4,
    )
    assert tally([]).keys == 0 and rates([]).recall is None and rates([]).precision == 1.0


def _events(key: str, family: str, label: str, prompts: list[str]) -> list[dict]:
    return [
        {"key_id": key, "family": family, "label": label, "ts": float(i), "endpoint": "chat", "prompt": p}
        for i, p in enumerate(prompts)
    ]


def test_prada_flagged_keys_count_as_watched():
    """Regression: PRADA's table showed watch+ 0 beside flagged 6 (a flag is watch-or-higher)."""
    sweep = [f"item {i} of the list: x{i * 7919 % 1000}" for i in range(80)]
    rep = offline_summary("prada", run_prada(_events("s", "sweeper", "distiller", sweep), delta=1.01))
    fam = rep.families["sweeper"]
    assert fam["flagged"] == 1 and fam["watched"] >= fam["flagged"]


def _records(statuses: list[int], label: str = "distiller") -> list[dict]:
    row = {"texts": ["a"], "completion_tokens": 2, "logprobs": 0, "family": "f", "label": label}
    return [{"ts": i, "status": s, **row} for i, s in enumerate(statuses)]


def _audit(verdicts: list[str]) -> list[dict]:
    return [{"verdict": v, "score": 0.5, "action": "allow", "status": 200} for v in verdicts]


def test_arena_flag_watch_counts_a_key_that_jumps_to_suspect():
    """Regression: with flag_verdicts ("watch",) a key going ok -> suspect was never flagged."""
    o = key_outcome("k", _records([200] * 4), _audit(["ok", "ok", "suspect", "suspect"]), ("watch",))
    assert o.first_flag == 3 and o.served_before_flag == 2


def test_arena_and_offline_counts_agree():
    """The same verdict streams give the same recall and false positives in both reports."""
    streams = {"d1": ["ok", "suspect"], "d2": ["ok"] * 3, "b1": ["ok", "block"], "b2": ["ok", "watch"]}
    label = lambda k: "distiller" if k.startswith("d") else "benign"  # noqa: E731
    arena = arena_summary(
        [key_outcome(k, _records([200] * len(v), label(k)), _audit(v)) for k, v in streams.items()],
        within=500,
    )
    offline = offline_summary("x", {k: _key(k, label(k), v) for k, v in streams.items()})
    assert arena["distiller_detection_rate"] == offline.recall == 0.5
    assert arena["benign_flagged_rate"] == offline.benign_flagged == 0.5
    assert arena["median_requests_to_detection"] == offline.median_rtd == 2

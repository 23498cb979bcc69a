"""Session 32: blind round 18 (a nineteenth reviewer: agentic traffic and multi-tenant platforms),
and the mixed-items test read on keys that mostly re-send their own prompts. Each test here
fails on the code before the change it covers."""

from __future__ import annotations

from functools import cache

from stillroom.detector import DetectorConfig
from stillroom.detector.score import evidence
from test_detector_verdicts import ev, rows, run


@cache
def _base() -> dict[str, float]:
    """A real key's features (120 instruction-set items), replayed once for every test here."""
    return dict(
        run([ev("k", i, x) for i, x in enumerate(rows("codealpaca_2k", 120))]).keys["k"].last.features
    )


def _mixed(novel_share: float) -> dict[str, float]:
    """A key of 8,000 requests whose new single shots carry dataset-style requests at 10% (twice
    the benign base rate, over ~400 of them: significant), sending new text at `novel_share`."""
    f = {**_base(), "n_total": 8000.0, "distinct_share": 0.5, "mix_k": 44.0, "mix_n": 424.0}
    f["novel_n"] = novel_share * f["n_total"]
    return f


def test_mixed_items_fade_on_a_key_that_mostly_re_sends_its_own_prompts():
    """Round 17's template A/B test: one fixed set of 240 real prompts under six system prompts a
    day, two samples each, then a pairwise judge per variant (rubric grading of new text): 6% of
    its requests brought new text, and the judge calls made its mixed-items test significant
    (suspect 0.87). A key re-sending its own prompts is measuring them, not harvesting a minority
    of items inside a stream; coverage, templating and near-duplicates already fade the same way
    (score.NOVEL_SHARE). A reseller whose traffic is new text keeps the term."""
    cfg = DetectorConfig()
    resent, fresh = _mixed(0.06), _mixed(0.9)
    assert evidence(resent, cfg)["mixed_items"] == 0.0  # the old code: 0.87
    assert evidence(fresh, cfg)["mixed_items"] > 0.8

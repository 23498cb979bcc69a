"""The honest headline's parts: intervals, degeneration measures and the usable verdict, on hand-made cases."""

from __future__ import annotations

import math

import pytest

from stillroom.contracts.artifacts import Capability, Degeneration, Fidelity, Thresholds
from stillroom.evaluate import stats
from stillroom.evaluate.metrics import distinct_n, seq_repetition
from stillroom.evaluate.run import degeneration
from stillroom.evaluate.verdict import verdict


def wilson_by_hand(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


@pytest.mark.parametrize(("k", "n"), [(12, 36), (0, 6), (6, 6), (1, 40)])
def test_wilson_interval_matches_the_formula(k, n):
    p = stats.proportion([True] * k + [False] * (n - k))
    assert (p.correct, p.n, p.rate) == (k, n, k / n)
    assert p.ci == pytest.approx(wilson_by_hand(k, n), abs=1e-9)
    assert stats.proportion([]).ci == (0.0, 1.0)


def test_retained_interval_identities():
    same = [True, False, True, True, False, False, True, False]
    assert stats.retained_interval(same, same) == (1.0, 1.0)  # paired: every resample's ratio is 1
    assert stats.retained_interval([False] * 8, same) == (0.0, 0.0)
    assert stats.retained_interval(same, [False] * 8) is None  # no teacher accuracy to divide by
    assert stats.retained_interval([True, False], [True, False]) is None  # half the resamples undefined
    low, high = stats.retained_interval([True, False] * 20, [True] * 40)
    assert low < 0.5 < high and high - low < 0.4


def test_distinct_n_and_repetition_by_hand():
    assert distinct_n(["a b a b"], 2) == pytest.approx(2 / 3)  # ab, ba, ab
    assert distinct_n(["A b", "a B"], 1) == 0.5  # lower-cased words, counted over all texts
    assert distinct_n(["one"], 2) == 0.0
    assert seq_repetition("a b c d a b c d") == pytest.approx(1 / 5)  # 5 four-grams, abcd twice
    assert seq_repetition("a b c") == 0.0
    d = degeneration(["the cat sat", "def function function function function function"])
    assert (d.answers, d.words) == (2, 9) and d.repetition == pytest.approx(
        (0 + 1 / 3) / 2
    )  # def f f f, f f f f twice


def _parts(retained, kl, distinct2):
    cap = Capability(
        overall=stats.proportion([True]),
        per_kind={},
        per_domain={},
        retained=retained,
        tasks=[],
    )
    fid = Fidelity(kl=kl, ppl=1.0, top1=1.0, tokens=1, per_domain={}, rougeL=0, chrf=0, gap_closed=0.81)
    deg = Degeneration(answers=1, words=1, distinct_1=0.5, distinct_2=distinct2, repetition=0.0)
    return cap, fid, deg


TEACHER = Degeneration(answers=1, words=1, distinct_1=0.6, distinct_2=0.65, repetition=0.0)


def test_word_salad_is_not_usable_however_much_of_the_gap_it_closed():
    """Issue #19's kd student: 8% of the teacher's accuracy, 3.16 nats/token, repetitive answers."""
    v = verdict(*_parts(0.08, 3.16, 0.30), TEACHER, Thresholds())
    assert not v.usable and [c.passed for c in v.checks] == [False, False, False]


def test_usable_needs_all_three_and_thresholds_are_settings():
    assert verdict(*_parts(0.75, 0.9, 0.60), TEACHER, Thresholds()).usable
    for bad in ((0.69, 0.9, 0.60), (0.75, 1.1, 0.60), (0.75, 0.9, 0.50), (0.75, 0.9, 0.80), (None, 0.9, 0.6)):
        assert not verdict(*_parts(*bad), TEACHER, Thresholds()).usable, bad
    loose = Thresholds(min_retained=0.05, max_kl=4.0, max_distinct2_change=0.6)
    assert verdict(*_parts(0.08, 3.16, 0.30), TEACHER, loose).usable

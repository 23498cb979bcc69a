"""Detection: exact counting, de-duplication, p-values, and the tiny model end to end."""

from __future__ import annotations

import math

import pytest
from scipy.stats import norm

from stillroom.teachers import GenParams
from stillroom.teachers.hf import HFTeacher
from stillroom.watermark import WatermarkKey
from stillroom.watermark.detect import binomial_p, count_green, detect_ids, ngrams, z_score
from stillroom.watermark.greenlist import GreenLists

V = 384


def _brute_tail(green: int, total: int, gamma: float) -> float:
    return sum(math.comb(total, k) * gamma**k * (1 - gamma) ** (total - k) for k in range(green, total + 1))


@pytest.mark.parametrize(
    ("green", "total", "gamma"),
    [(0, 10, 0.25), (5, 10, 0.25), (10, 10, 0.25), (40, 100, 0.5), (30, 60, 0.25)],
)
def test_binomial_p_matches_brute_force(green, total, gamma):
    assert binomial_p(green, total, gamma) == pytest.approx(_brute_tail(green, total, gamma), rel=1e-9)


def test_z_score_formula_and_empty_text():
    assert z_score(50, 100, 0.25) == pytest.approx(25 / math.sqrt(100 * 0.25 * 0.75))
    assert binomial_p(0, 0, 0.25) == 1.0
    det = detect_ids([5], GreenLists(WatermarkKey(), V))
    assert det.num_tokens_scored == 0 and not det.detected


def test_dedup_counts_each_tuple_once():
    lists = GreenLists(WatermarkKey(), V)
    ids = [10, 20, 10, 20, 10, 20, 30]  # tuples (10,20) x3, (20,10) x2, (20,30) x1
    assert list(ngrams(ids, 2)).count((10, 20)) == 3
    g_all, n_all = count_green(ngrams(ids, 2), lists, dedup=False)
    g_one, n_one = count_green(ngrams(ids, 2), lists, dedup=True)
    assert (n_all, n_one) == (6, 3)
    flags = {t: lists.is_green(t) for t in [(10, 20), (20, 10), (20, 30)]}
    assert g_one == sum(flags.values())
    assert g_all == 3 * flags[(10, 20)] + 2 * flags[(20, 10)] + flags[(20, 30)]


def test_selfhash_scores_ngrams_of_width_4():
    lists = GreenLists(WatermarkKey(scheme="selfhash"), V)
    det = detect_ids(list(range(10)), lists, dedup=False)
    assert det.num_tokens_scored == 7  # reference: len - context_width + self_salt


@pytest.fixture(scope="module")
def tiny(tiny_teacher_dir):
    return HFTeacher(str(tiny_teacher_dir), device="cpu", batch_size=16)


PROMPTS = [
    [{"role": "user", "content": f"Tell me about item {i} and the number {i * 7}."}] for i in range(12)
]


@pytest.mark.parametrize("scheme", ["simple_1", "selfhash"])
def test_tiny_model_watermarked_high_plain_null(tiny, scheme):
    key = WatermarkKey(scheme=scheme, gamma=0.25, delta=6.0)
    lists = GreenLists(key, tiny.model.config.vocab_size)
    wm = tiny.generate(
        PROMPTS, GenParams(max_new_tokens=48, temperature=1.0, seed=1, watermark=key.model_dump())
    )
    plain = tiny.generate(PROMPTS, GenParams(max_new_tokens=48, temperature=1.0, seed=1))
    wm_z = [detect_ids(c.token_ids, lists).z_score for c in wm]
    plain_z = [detect_ids(c.token_ids, lists).z_score for c in plain]
    # The random tiny model loops; counting each (seed, token) outcome once leaves one text of the 12
    # with only 4 distinct outcomes under selfhash (all green: z 3.46), hence the median.
    assert min(wm_z) > 3 and sorted(wm_z)[len(wm_z) // 2] > 4
    # pooled plain evidence is consistent with H0 (one-sided p not tiny)
    pooled = sum(plain_z) / math.sqrt(len(plain_z))
    assert norm.sf(pooled) > 1e-3 and max(plain_z) < 4

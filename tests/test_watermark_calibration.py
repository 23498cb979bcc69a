"""The calibration harness at small size: every scheme and setting, p-values uniform under H0.

bench/calibration.py runs the same functions at full size (>= 10,000 trials per scheme).
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
import torch
from scipy.stats import binom

from stillroom.teachers import GenParams
from stillroom.teachers.hf import HFTeacher, encode_prompt, load_hf
from stillroom.watermark.calibration import (
    Trial,
    by_source,
    detect_trials,
    random_keys,
    summarize,
    trace_trials,
)
from stillroom.watermark.detect import detect_ids
from stillroom.watermark.greenlist import GreenLists
from stillroom.watermark.trace import read_suspect, trace_open, weighted_bernoulli_sf

V = 4096


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """Tiny models on a shared CPU: one torch thread is ~10x faster than two (measured)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def zipf_texts(n: int, length: int, seed: int = 0) -> list[list[int]]:
    """Repetitive token streams with a natural-language-like (Zipf) frequency profile."""
    rng = np.random.default_rng(seed)
    p = np.arange(1, V + 1) ** -1.2
    perm = rng.permutation(V)
    return [perm[rng.choice(V, size=length, p=p / p.sum())].tolist() for _ in range(n)]


@pytest.mark.parametrize("scheme", ["simple_1", "selfhash"])
def test_detect_is_calibrated_on_repetitive_text(scheme):
    """Regression (issue 20): selfhash de-duplicated on tuples had var(z) 3.8, KS p 6e-24 on these texts."""
    cal = summarize(detect_trials(zipf_texts(16, 160), random_keys(scheme, 16, seed=1), V), 0.25)
    assert cal.trials == 256
    assert 0.75 < cal.var_z < 1.3, cal.line()
    assert cal.ks_p > 0.01, cal.line()
    assert cal.frac_below[0.001] <= 0.005, cal.line()


def test_without_dedup_there_is_no_p_value():
    lists = GreenLists(random_keys("simple_1", 1, seed=2)[0], V)
    det = detect_ids(zipf_texts(1, 100)[0], lists, dedup=False)
    assert det.p_value is None and det.num_tokens_scored == 99


def exact_tail(w: np.ndarray, gamma: float, s: float) -> float:
    """P[sum_i w_i B_i >= s] by enumerating all 2^n outcomes."""
    sums = np.array([sum(c) for c in itertools.product(*[(0.0, x) for x in w])])
    probs = np.array(
        [gamma ** sum(b) * (1 - gamma) ** (len(w) - sum(b)) for b in itertools.product((0, 1), repeat=len(w))]
    )
    return float(probs[sums >= s - 1e-12].sum())


@pytest.mark.parametrize("low", [0.05, -0.6])  # -0.6: the contrast test's weights take either sign
def test_saddlepoint_tail_matches_exact_enumeration(low):
    rng = np.random.default_rng(3 if low > 0 else 4)
    w = rng.uniform(low, 1.0, size=14)
    gamma = 0.25
    sums = np.array([sum(c) for c in itertools.product(*[(0.0, x) for x in w])])
    for q in (0.6, 0.9, 0.99, 0.999):
        s = float(np.quantile(sums, q))
        exact, approx = exact_tail(w, gamma, s), weighted_bernoulli_sf(s, w, gamma)
        assert approx == pytest.approx(exact, rel=0.35), (q, exact, approx)
    top, bottom = float(w[w > 0].sum()), float(w[w < 0].sum())
    assert weighted_bernoulli_sf(top, w, gamma) == pytest.approx(exact_tail(w, gamma, top))
    assert weighted_bernoulli_sf(bottom - 1, w, gamma) == 1.0
    assert weighted_bernoulli_sf(top + 1, w, gamma) == 0.0


def test_saddlepoint_tail_is_accurate_far_out():
    """Many equal weights: the sum is w * Binomial, whose far tail is known exactly."""
    w = np.full(400, 0.5)
    for k in (130, 150, 170):  # z = 3.5, 5.8, 8.1
        exact = float(binom.sf(k - 1, 400, 0.25))
        mid = (float(binom.sf(k - 1, 400, 0.25)) + float(binom.sf(k, 400, 0.25))) / 2
        approx = weighted_bernoulli_sf(0.5 * (k - 0.5), w, 0.25)  # continuity-corrected lattice point
        assert mid * 0.5 < approx < exact * 1.5, (k, exact, approx)


@pytest.fixture(scope="module")
def self_traced(tiny_teacher_dir):
    """The tiny teacher's answers, each batch watermarked with its own random key, per scheme."""
    teacher = HFTeacher(str(tiny_teacher_dir), device="cpu", batch_size=64)
    model, _ = load_hf(str(tiny_teacher_dir), device="cpu")
    out = {}
    for scheme in ("simple_1", "selfhash"):
        keys = random_keys(scheme, 16, seed=5)
        jobs = []
        for k, key in enumerate(keys):
            asks = [
                [{"role": "user", "content": f"Key {k} question {i}: tell me about {w}."}]
                for i, w in enumerate("xyz")
            ]
            jobs.append(
                (
                    asks,
                    GenParams(
                        max_new_tokens=24,
                        temperature=1.0,
                        seed=1000 + k,  # seeded: the texts must not depend on which tests ran before
                        watermark={**key.model_dump(), "delta": 4.0},
                    ),
                )
            )
        comps = teacher.generate_many(jobs)
        texts = [
            [encode_prompt(teacher.tokenizer, p) + c.token_ids for p, c in zip(asks, cs, strict=True)]
            for (asks, _), cs in zip(jobs, comps, strict=True)
        ]
        out[scheme] = (keys, texts, [read_suspect(model, t, top_k=8) for t in texts])
    return model, out


@pytest.mark.parametrize("scheme", ["simple_1", "selfhash"])
@pytest.mark.parametrize("test", ["argmax", "distribution"])
def test_teacher_tracing_its_own_watermarked_text_is_calibrated(self_traced, scheme, test):
    """H0: the model that wrote the texts never trained on them; it can only copy what it read.

    Each key's texts are read by the (unwatermarked) teacher; its p-values over the 16 keys must
    look uniform. Copying a follower it already read would make them small: regression for selfhash,
    whose old window-based filter gave mean z +7.1 here (every key p < 1e-3).
    """
    model, data = self_traced
    keys, texts, readings = data[scheme]
    trials = []
    for key, t, r in zip(keys, texts, readings, strict=True):
        trials += trace_trials(
            lambda lists, t=t, r=r: trace_open(model, t, lists, test=test, readings=r), [key], 384
        )
    cal = summarize(trials, 0.25)
    assert cal.ks_p > 0.01 and min(t.p for t in trials) > 1e-3, cal.line()


def test_random_keys_on_an_untouched_model_are_calibrated(self_traced):
    model, data = self_traced
    _, texts, readings = data["selfhash"]
    flat_t = [x for t in texts[:6] for x in t]
    flat_r = [x for r in readings[:6] for x in r]
    for test in ("argmax", "distribution"):
        trials = trace_trials(
            lambda lists, test=test: trace_open(model, flat_t, lists, test=test, readings=flat_r),
            random_keys("selfhash", 20, seed=9),
            384,
        )
        cal = summarize(trials, 0.25)
        assert cal.ks_p > 0.01 and 0.5 < cal.var_z < 1.8, (test, cal.line())
        assert not math.isnan(cal.mean_z)


def test_by_source_gives_each_source_its_own_texts_trials_over_every_key():
    def t(i):
        return Trial(green=i, scored=1, z=0.0, p=1.0, discrete=True)

    per_key = [[t(0), t(1), t(2)], [t(10), t(11), t(12)]]  # two keys x (2 plain + 1 human) texts
    split = by_source(per_key, {"plain": ["a", "b"], "human": ["c"]})
    assert {k: [x.green for x in v] for k, v in split.items()} == {"plain": [0, 1, 10, 11], "human": [2, 12]}

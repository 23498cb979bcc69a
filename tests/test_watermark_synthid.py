"""SynthID-Text through transformers: our keyed config, stateless processor and exact-null detector."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from scipy.stats import norm

from stillroom.teachers import GenParams
from stillroom.teachers.hf import HFTeacher
from stillroom.watermark import WatermarkKey, make_processor
from stillroom.watermark.calibration import detect_trials, random_keys, summarize
from stillroom.watermark.key import check_secret, synthid_keys
from stillroom.watermark.synthid import (
    SynthID,
    detect_ids,
    distinct_draws,
    new_contexts,
    synthid_detection,
    trace_argmax,
    weighted_p,
)

V = 4096


def zipf_texts(n: int, length: int, seed: int = 0) -> list[list[int]]:
    rng = np.random.default_rng(seed)
    p = np.arange(1, V + 1) ** -1.2
    perm = rng.permutation(V)
    return [perm[rng.choice(V, size=length, p=p / p.sum())].tolist() for _ in range(n)]


def loopy_texts(n: int, seed: int = 0) -> list[list[int]]:
    """Texts that repeat a phrase (as small models do): a 24-token segment six times, a few tokens changed."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        seg = rng.integers(0, V, 24)
        text = np.tile(seg, 6)
        flips = rng.choice(len(text), 6, replace=False)
        text[flips] = rng.integers(0, V, 6)
        out.append(text.tolist())
    return out


def test_g_values_are_transformers_compute_g_values():
    sid = SynthID(WatermarkKey(scheme="synthid", secret=424242, depth=12))
    ids = zipf_texts(1, 80)[0]
    ref = sid.proc.compute_g_values(torch.tensor([ids]))[0].numpy()
    assert ref.shape == (76, 12) and (sid.g_values(ids) == ref).all()


def test_degenerate_secret_refused():
    """A secret whose layer keys agree in their low 16 bits (what reaches the table) scores one coin twice."""
    bad = next(s for s in range(1, 100000) if len({k % 2**16 for k in synthid_keys(s, 30)}) < 30)
    with pytest.raises(ValueError, match="degenerate"):
        check_secret("synthid", bad, 30)
    with pytest.raises(ValueError):
        WatermarkKey(scheme="synthid", secret=bad)
    assert check_secret("synthid", bad + 1, 30) or True  # most neighbours pass


def test_dedup_counts_each_table_index_once():
    sid = SynthID(WatermarkKey(scheme="synthid", secret=7, depth=8))
    text = zipf_texts(1, 40)[0]
    loop = text + text + text  # the repeats add contexts already seen: nothing new to score
    g1, _ = distinct_draws(sid, text)
    g3, _ = distinct_draws(sid, loop)
    assert len(g3) <= len(g1) + 8 * 4  # only the 4 seams' n-grams are new
    assert new_contexts([1, 2, 3, 4, 5, 1, 2, 3, 4, 6], 5).tolist() == [True, True, True, True, True, False]
    g_all, _ = distinct_draws(sid, loop, dedup=False)
    assert len(g_all) == (len(loop) - 4) * 8
    assert detect_ids(loop, sid, dedup=False).p_value is None


def test_detector_is_calibrated_on_repetitive_text():
    """Random keys x Zipf texts that loop: the exact binomial p-values stay uniform (fails without de-dup)."""
    keys = [WatermarkKey(scheme="synthid", secret=k.secret, depth=30) for k in random_keys("synthid", 24, 5)]
    texts = zipf_texts(10, 160, seed=1) + loopy_texts(10, seed=2)
    trials = detect_trials(texts, keys, V)
    cal = summarize(trials, 0.5)  # each trial carries its key's own rate p0
    assert cal.trials == 480
    assert 0.75 < cal.var_z < 1.3, cal.line()
    assert cal.ks_p > 0.01, cal.line()
    assert cal.frac_below[0.001] <= 0.006, cal.line()
    nodedup = summarize(detect_trials(loopy_texts(20, seed=2), keys[:6], V, dedup=False), 0.5)
    assert nodedup.var_z > 1.5, nodedup.line()  # repeats counted apart: not N(0, 1)


@pytest.fixture(scope="module")
def tiny(tiny_teacher_dir):
    return HFTeacher(str(tiny_teacher_dir), device="cpu", batch_size=16)


PROMPTS = [
    [{"role": "user", "content": f"Tell me about item {i} and the number {i * 7}."}] for i in range(12)
]


def test_tiny_model_watermarked_detected_plain_null(tiny):
    key = WatermarkKey(scheme="synthid", secret=20261202, top_k=64)
    sid = SynthID(key)
    wm = tiny.generate(
        PROMPTS, GenParams(max_new_tokens=48, temperature=1.0, seed=1, watermark=key.model_dump())
    )
    plain = tiny.generate(PROMPTS, GenParams(max_new_tokens=48, temperature=1.0, seed=1))
    wm_p = [detect_ids(c.token_ids, sid).p_value for c in wm]
    plain_z = [detect_ids(c.token_ids, sid).z_score for c in plain]
    assert sorted(wm_p)[len(wm_p) // 2] < 1e-4, wm_p
    assert norm.sf(sum(plain_z) / math.sqrt(len(plain_z))) > 1e-3 and max(plain_z) < 4
    assert all(weighted_p(c.token_ids, sid)[1] < 0.05 for c in wm[:4])


def test_processor_skips_repeated_context_and_keeps_top_k():
    key = WatermarkKey(scheme="synthid", secret=99, top_k=8)
    proc = make_processor(key, V)
    scores = torch.randn(2, V)
    prompt = torch.tensor([[5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6]])
    out = proc(prompt, scores)
    alive = out > -1e30
    top8 = torch.zeros_like(alive).scatter(1, scores.topk(8).indices, True)
    assert (alive <= top8).all() and alive.any(-1).all()  # the tournament ran over the top 8 only
    assert torch.allclose(out.exp().sum(-1), torch.ones(2), atol=1e-5)
    # row 0's context (7, 8, 9, 10) already preceded a generated token: unwatermarked
    again = torch.tensor([[5, 6, 7, 8, 9, 10, 1, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6, 9, 9, 9, 9, 2]])
    out2 = proc(again, scores)
    assert torch.equal(out2[0], scores[0]) and not torch.equal(out2[1], scores[1])


def test_processor_tournament_runs_at_the_sampling_temperature():
    """The sampler divides by T afterwards: softmax(out / T) must be transformers' tournament on scores / T."""
    key = WatermarkKey(scheme="synthid", secret=31337, depth=6, top_k=V)
    scores = torch.randn(1, V) * 2
    ids = torch.tensor([[11, 12, 13, 14, 15]])
    out = make_processor(key, V, temperature=0.7)(ids, scores)
    sid = SynthID(key)
    keys, _ = sid.proc._compute_keys(ids[:, -4:], torch.arange(V)[None])
    ref = sid.proc.update_scores(scores / 0.7, sid.proc.sample_g_values(keys))
    assert torch.allclose(torch.softmax(out / 0.7, -1), ref.exp(), atol=1e-6)


def marked_text(sid: SynthID, length: int, rng: np.random.Generator) -> list[int]:
    """A strongly watermarked token stream: each token the best g-sum of 8 random candidates."""
    text = rng.integers(0, V, 4).tolist()
    while len(text) < length:
        cands = rng.integers(0, V, 8)
        grams = np.array([[*text[-4:], int(c)] for c in cands])
        text.append(int(cands[sid.table[sid.ngram_indices(grams)].sum(1).argmax()]))
    return text


def test_trace_argmax_null_power_and_no_credit_for_copying():
    rng = np.random.default_rng(0)
    keys = [WatermarkKey(scheme="synthid", secret=k.secret) for k in random_keys("synthid", 12, seed=9)]
    null_p = []
    for key in keys:
        sid = SynthID(key)
        texts = [rng.integers(0, V, 60).tolist() for _ in range(4)]
        null_p.append(p_of(trace_argmax(texts, [rng.integers(0, V, 60) for _ in texts], sid), sid))
    assert min(null_p) > 1e-3 and np.mean(null_p) > 0.2, null_p
    sid = SynthID(keys[0])
    # a suspect that learned the key: its greedy token is the best g-sum of 8 candidates
    texts = [rng.integers(0, V, 60).tolist() for _ in range(4)]
    preds = []
    for t in texts:
        grams = [
            [[*t[max(i - 3, 0) : i + 1], int(c)][-5:] for c in rng.integers(0, V, 8)] for i in range(len(t))
        ]
        preds.append(
            [
                g[int(sid.table[sid.ngram_indices(np.array(g))].sum(1).argmax())][-1] if len(g[0]) == 5 else 0
                for g in grams
            ]
        )
    assert p_of(trace_argmax(texts, preds, sid), sid) < 1e-6
    # a suspect that only copies a watermarked passage it has just read earns nothing
    seg = marked_text(sid, 40, rng)
    text = seg + seg
    copier = rng.integers(0, V, len(text)).tolist()
    copier[len(seg) - 1 : -1] = text[len(seg) :]  # in the second pass it predicts what it read
    assert p_of(trace_argmax([text], [copier], sid), sid) > 1e-3


def p_of(cells: dict[int, int], sid: SynthID) -> float:
    return synthid_detection(sum(cells.values()), len(cells), sid).p_value


def test_kgw_keys_dump_as_before():
    """Harvest stores group rows by the key's dict: a KGW key must not grow synthid's fields."""
    assert set(WatermarkKey().model_dump()) == {"scheme", "gamma", "delta", "secret", "secret_env"}
    key = WatermarkKey(scheme="synthid", depth=12, top_k=256, secret=5)
    assert WatermarkKey.model_validate(key.model_dump()) == key

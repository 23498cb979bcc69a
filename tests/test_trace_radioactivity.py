"""Radioactivity: a model fine-tuned on watermarked text lights up; untouched models stay calibrated."""

from __future__ import annotations

import random
import shutil

import pytest
import torch
from scipy.stats import kstest

from stillroom.models import encode_prompt, load_hf
from stillroom.teachers import GenParams
from stillroom.teachers.hf import HFTeacher
from stillroom.watermark import WatermarkKey
from stillroom.watermark.greenlist import GreenLists
from stillroom.watermark.trace import answer_tuples, reading_tuples, score_answers, trace_open

KEY = WatermarkKey(gamma=0.25, delta=4.0, secret=424242)


@pytest.fixture(scope="module")
def corpus(tiny_teacher_dir):
    """Watermarked answers of the tiny teacher: prompt + answer token ids."""
    teacher = HFTeacher(str(tiny_teacher_dir), device="cpu", batch_size=32)
    prompts = [
        [{"role": "user", "content": f"Question {i}: what about {w}?"}]
        for i, w in enumerate(["cats", "dogs", "rain", "maths", "code", "paris", "sums", "lists"] * 4)
    ]
    comps = teacher.generate(
        prompts, GenParams(max_new_tokens=64, temperature=1.0, seed=0, watermark=KEY.model_dump())
    )
    return [encode_prompt(teacher.tokenizer, p) + c.token_ids for p, c in zip(prompts, comps, strict=True)]


def _finetune(src, dst, texts, steps=40):
    """A few SFT steps: enough for the tiny model to pick up the green bias of its training text."""
    shutil.copytree(src, dst)
    model, _ = load_hf(str(dst), device="cpu")
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3)
    rng = random.Random(0)
    for _ in range(steps):
        batch = rng.sample(texts, 8)
        width = min(len(t) for t in batch)
        ids = torch.tensor([t[:width] for t in batch])
        loss = model(input_ids=ids, labels=ids).loss
        loss.backward()
        opt.step()
        opt.zero_grad()
    return model.eval()


def test_finetuned_on_watermarked_text_is_radioactive(tiny_teacher_dir, tmp_path, corpus):
    lists = GreenLists(KEY, 384)
    untouched, _ = load_hf(str(tiny_teacher_dir), device="cpu")
    suspect = _finetune(tiny_teacher_dir, tmp_path / "suspect", corpus)
    before = trace_open(untouched, corpus, lists)
    after = trace_open(suspect, corpus, lists)
    assert after.num_scored > 100
    assert after.p_value < 1e-3 and after.p_value < before.p_value * 1e-2


def test_untouched_model_is_calibrated_over_random_keys(tiny_teacher_dir, corpus):
    model, _ = load_hf(str(tiny_teacher_dir), device="cpu")
    from stillroom.watermark.trace import argmax_predictions

    preds = argmax_predictions(model, corpus)
    pvals = []
    for s in range(40):
        lists = GreenLists(WatermarkKey(gamma=0.25, secret=1000 + s), 384)
        tuples = (t for text, p in zip(corpus, preds, strict=True) for t in reading_tuples(text, p, 2))
        from stillroom.watermark.detect import binomial_p, count_green

        g, n = count_green(tuples, lists)
        pvals.append(binomial_p(g, n, 0.25))
    # discrete p-values are super-uniform; the KS test against U(0,1) must not reject strongly
    assert kstest(pvals, "uniform").pvalue > 1e-3


def test_reading_tuples_score_each_window_at_its_first_occurrence():
    text, preds = [1, 2, 1, 2, 3], [2, 9, 5, 7, 8]  # preds[t] guesses text[t+1]
    # window (1,) again at t=2: its follower 2 is in the prefix, so the suspect could copy it
    assert list(reading_tuples(text, preds, 2)) == [(1, 2), (2, 9), (3, 8)]
    assert list(reading_tuples(text, preds, 4)) == [(1, 2, 1, 5), (2, 1, 2, 7), (1, 2, 3, 8)]


def test_closed_mode_filter_and_prompt_ban():
    lists = GreenLists(KEY, 384)
    owner = [[5, 6, 7, 8]]  # windows (5,),(6,),(7,),(8,)
    answer = [5, 6, 9, 7, 8, 5, 6]
    tups = list(answer_tuples(answer, 2, allowed={(5,), (6,), (7,), (8,)}, banned={(6,)}))
    assert tups == [(5, 6), (7, 8), (8, 5), (5, 6)]
    res = score_answers([answer], [[6]], lists, owner)
    assert res.num_scored == 3  # (5,6) counted once


def test_closed_mode_filters_to_owner_windows(tiny_teacher_dir, corpus):
    from stillroom.watermark.trace import trace_closed

    suspect = HFTeacher(str(tiny_teacher_dir), device="cpu")  # any teacher: openai:URL in real use
    prompts = [[{"role": "user", "content": f"Question {i}: what about cats?"}] for i in range(4)]
    lists = GreenLists(KEY, 384)
    filtered = trace_closed(
        suspect, prompts, suspect.tokenizer, lists, corpus, max_new_tokens=32, temperature=1.0
    )
    everything = trace_closed(
        suspect, prompts, suspect.tokenizer, lists, None, max_new_tokens=32, temperature=1.0
    )
    assert filtered.mode == "closed" and 0 < filtered.num_scored <= everything.num_scored
    assert 0 <= filtered.p_value <= 1

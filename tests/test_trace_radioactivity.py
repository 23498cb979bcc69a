"""Radioactivity: a model fine-tuned on watermarked text lights up; untouched models stay calibrated."""

from __future__ import annotations

import random
import shutil

import pytest
import torch

from stillroom.errors import UserError
from stillroom.models import encode_prompt, load_hf
from stillroom.teachers import GenParams
from stillroom.teachers.hf import HFTeacher
from stillroom.watermark import WatermarkKey
from stillroom.watermark.greenlist import GreenLists
from stillroom.watermark.trace import answer_tuples, fresh_candidates, read_suspect, score_answers, trace_open

KEY = WatermarkKey(gamma=0.25, delta=4.0, secret=424242)


def _answers(tiny_teacher_dir, params: GenParams) -> list[list[int]]:
    """The tiny teacher's answers to 32 questions: prompt + answer token ids."""
    teacher = HFTeacher(str(tiny_teacher_dir), device="cpu", batch_size=32)
    prompts = [
        [{"role": "user", "content": f"Question {i}: what about {w}?"}]
        for i, w in enumerate(["cats", "dogs", "rain", "maths", "code", "paris", "sums", "lists"] * 4)
    ]
    comps = teacher.generate(prompts, params)
    return [encode_prompt(teacher.tokenizer, p) + c.token_ids for p, c in zip(prompts, comps, strict=True)]


@pytest.fixture(scope="module")
def corpus(tiny_teacher_dir):
    """Watermarked answers of the tiny teacher."""
    return _answers(
        tiny_teacher_dir, GenParams(max_new_tokens=64, temperature=1.0, seed=0, watermark=KEY.model_dump())
    )


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


def test_contrast_with_the_teacher_sees_what_the_student_learned(tiny_teacher_dir, tmp_path, corpus):
    """The contrast test (suspect minus the owner's model) against the distribution test, same student.

    H1: fine-tuned on the watermarked corpus. H0: fine-tuned on the same prompts' unwatermarked
    answers; with the teacher as reference its p-values over random keys must stay uniform.
    """
    from scipy.stats import kstest

    from stillroom.watermark.calibration import random_keys

    lists = GreenLists(KEY, 384)
    teacher, _ = load_hf(str(tiny_teacher_dir), device="cpu")
    suspect = _finetune(tiny_teacher_dir, tmp_path / "suspect", corpus, steps=15)
    dist = trace_open(suspect, corpus, lists, test="distribution")
    contrast = trace_open(suspect, corpus, lists, test="contrast", reference=teacher)
    assert contrast.test == "contrast" and contrast.num_scored > 100
    assert contrast.p_value < 1e-6 and contrast.z_score > dist.z_score + 2, (contrast, dist)
    plain = _answers(tiny_teacher_dir, GenParams(max_new_tokens=64, temperature=1.0, seed=1))
    h0 = _finetune(tiny_teacher_dir, tmp_path / "h0", plain, steps=15)
    pv = [
        trace_open(h0, corpus, GreenLists(k, 384), test="contrast", reference=teacher).p_value
        for k in random_keys("simple_1", 40, seed=11)
    ]
    assert kstest(pv, "uniform").pvalue > 0.01 and min(pv) > 1e-3, sorted(pv)[:5]
    with pytest.raises(UserError, match="reference"):
        trace_open(suspect, corpus, lists, test="contrast")


def test_fresh_candidates_skip_seeds_that_already_decided_a_token():
    lists = GreenLists(KEY, 384)
    text, preds = [1, 2, 1, 2, 3], [2, 9, 5, 7, 8]  # preds[t] guesses text[t+1]
    out = [(t, c) for t, c, _ in fresh_candidates(text, lists, lambda t: (preds[t],))]
    # simple_1: window (1,) again at t=2 -- its follower 2 is in the prefix, so the suspect could copy it
    assert out == [(0, 2), (1, 9), (4, 8)]
    # selfhash: the seed is (window token with the smallest hash product, candidate); a candidate that
    # already appeared under the same seed in another window is skipped too
    sh = GreenLists(WatermarkKey(scheme="selfhash", secret=424242), 384)
    text = [5, 6, 7, 8, 9, 10, 11]
    for t, c, (seed, tok) in fresh_candidates(text, sh, lambda t: (text[t],)):
        earlier = {sh.outcome(text[j - 3 : j + 1])[0] for j in range(3, t + 1)}
        assert seed not in earlier and tok == c


def test_long_texts_are_read_whole_or_refused(tmp_path):
    from stillroom.errors import UserError
    from stillroom.teachers.tiny import build_tiny

    model, _ = load_hf(str(build_tiny(tmp_path / "long", seed=2, max_positions=1024)), device="cpu")
    text = [random.Random(0).randrange(10, 384) for _ in range(900)]
    (reading,) = read_suspect(model, [text], top_k=2, token_budget=256)
    assert len(reading.argmax) == 900  # the old reader cut every text at 512 tokens
    full = model(input_ids=torch.tensor([text])).logits[0].argmax(-1)
    assert (torch.from_numpy(reading.argmax) == full).float().mean() > 0.99
    with pytest.raises(UserError, match="more than the suspect's context"):
        read_suspect(model, [text + text], top_k=1)


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

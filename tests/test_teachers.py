"""The hf teacher on a tiny model: batching, ordering, n, logprobs, stop strings, bad specs."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from stillroom.errors import UserError
from stillroom.teachers import GenParams, load_teacher
from stillroom.teachers.fake import FakeTeacher

PROMPTS = [
    [{"role": "user", "content": "hi"}],
    "a raw string prompt",
    [{"role": "user", "content": "a much longer prompt with many more words in it than the others"}],
]


def test_batched_equals_one_by_one(tiny_teacher_dir):
    t = load_teacher(f"hf:{tiny_teacher_dir}")
    params = GenParams(max_new_tokens=8, top_logprobs=3)
    t.batch_size = 8
    batched = t.generate(PROMPTS, params)
    t.batch_size = 1
    single = t.generate(PROMPTS, params)
    assert [c.token_ids for c in batched] == [c.token_ids for c in single]
    for b, s in zip(batched, single, strict=True):
        assert b.prompt_index == s.prompt_index
        assert np.allclose(b.top_logprobs, s.top_logprobs, atol=1e-4)


def test_logprobs_match_a_forward_pass(tiny_teacher_dir):
    t = load_teacher(f"hf:{tiny_teacher_dir}")
    (c,) = t.generate([PROMPTS[0]], GenParams(max_new_tokens=6, top_logprobs=5))
    from stillroom.teachers.hf import encode_prompt

    ids = encode_prompt(t.tokenizer, PROMPTS[0]) + c.token_ids
    with torch.no_grad():
        logp = torch.log_softmax(t.model(torch.tensor([ids])).logits[0].float(), -1)
    start = len(ids) - len(c.token_ids) - 1
    for step, tok in enumerate(c.token_ids):
        row = logp[start + step]
        assert c.logprobs[step] == pytest.approx(row[tok].item(), abs=1e-4)
        assert c.top_ids[step] == row.topk(5).indices.tolist()
        assert c.top_ids[step][0] == tok  # greedy picks the argmax
    assert all(math.isclose(sum(math.exp(x) for x in row), 1, abs_tol=1) for row in c.top_logprobs)


def test_n_samples_and_order(tiny_teacher_dir):
    t = load_teacher(f"hf:{tiny_teacher_dir}")
    out = t.generate(PROMPTS, GenParams(max_new_tokens=5, n=3, temperature=1.0, seed=0))
    assert [(c.prompt_index, c.sample) for c in out] == [(i, s) for i in range(3) for s in range(3)]
    assert len({tuple(c.token_ids) for c in out}) > 1  # sampling differs across samples


def test_stop_string_trims(tiny_teacher_dir):
    t = load_teacher(f"hf:{tiny_teacher_dir}")
    (free,) = t.generate([PROMPTS[1]], GenParams(max_new_tokens=20))
    stop = free.text[5:8]
    if not stop.strip():
        pytest.skip("random model produced whitespace")
    (c,) = t.generate([PROMPTS[1]], GenParams(max_new_tokens=20, stop=(stop,)))
    assert stop not in c.text and c.finish_reason == "stop"
    assert free.text.startswith(c.text)


def test_bad_specs_are_one_line_errors(tmp_path):
    with pytest.raises(UserError, match="unknown teacher spec"):
        load_teacher("nope:x")
    with pytest.raises(UserError, match="not a model folder"):
        load_teacher(f"hf:{tmp_path}")
    with pytest.raises(UserError, match="GGUF file not found"):
        load_teacher(f"hf:{tmp_path}/missing.gguf")


def test_fake_teacher_is_deterministic():
    f = FakeTeacher()
    a = f.generate(PROMPTS, GenParams(top_logprobs=4))
    b = f.generate(PROMPTS, GenParams(top_logprobs=4))
    assert [c.text for c in a] == [c.text for c in b]
    assert all(len(row) == 4 for c in a for row in c.top_logprobs)


def test_params_validation():
    with pytest.raises(ValueError):
        GenParams(top_logprobs=21)
    with pytest.raises(ValueError):
        GenParams(n=0)


def test_params_records_never_carry_the_watermark_secret():
    p = GenParams(watermark={"scheme": "simple_1", "gamma": 0.25, "delta": 2.0, "secret": 123456789})
    d = p.to_dict()
    assert "123456789" not in str(d) and d["watermark"]["secret_set"] is True
    assert d["watermark"]["gamma"] == 0.25

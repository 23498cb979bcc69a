"""The hf teacher on a tiny model: batching, ordering, n, logprobs, stop strings, bad specs."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from stillroom.errors import UserError
from stillroom.teachers import GenParams, load_teacher
from stillroom.teachers.fake import FakeTeacher
from stillroom.teachers.hf import PrefixCache
from stillroom.watermark import WatermarkKey

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
    from stillroom.models import encode_prompt

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


def test_mixed_settings_in_one_batch_equal_separate_calls(tiny_teacher_dir):
    """generate_many decodes rows with different settings together; each row must come out as if alone."""
    t = load_teacher(f"hf:{tiny_teacher_dir}")
    key = WatermarkKey(gamma=0.25, delta=4.0, secret=7).model_dump()
    jobs = [
        ([PROMPTS[0]], GenParams(max_new_tokens=3)),
        ([PROMPTS[1], PROMPTS[2]], GenParams(max_new_tokens=9, top_logprobs=4)),
        ([PROMPTS[2]], GenParams(max_new_tokens=6, watermark=key, top_logprobs=2)),
        ([PROMPTS[1]], GenParams(max_new_tokens=5, n=2)),
        # a nucleus smaller than the top token's mass keeps only the argmax: sampled, yet deterministic
        ([PROMPTS[0]], GenParams(max_new_tokens=7, temperature=1.5, top_p=1e-6)),
    ]
    mixed = t.generate_many(jobs)
    greedy_twin = GenParams(max_new_tokens=7)
    for (prompts, params), got in zip(jobs, mixed, strict=True):
        alone = t.generate(prompts, greedy_twin if params.temperature else params)
        assert [c.token_ids for c in got] == [c.token_ids for c in alone]
        assert [(c.prompt_index, c.sample, c.finish_reason) for c in got] == [
            (c.prompt_index, c.sample, c.finish_reason) for c in alone
        ]
        assert all(len(c.token_ids) <= params.max_new_tokens for c in got)
        for g, a in zip(got, alone, strict=True):
            assert np.allclose(g.logprobs, a.logprobs, atol=1e-4)
            if params.top_logprobs:
                assert np.array(g.top_logprobs).shape == (len(g.token_ids), params.top_logprobs)
                assert np.allclose(g.top_logprobs, a.top_logprobs, atol=1e-4)
            else:
                assert g.top_logprobs is None
    plain = t.generate([PROMPTS[2]], GenParams(max_new_tokens=6))
    assert not np.allclose(plain[0].logprobs, mixed[2][0].logprobs, atol=1e-3)  # that row alone was biased


def test_seeded_sampling_uses_its_own_rng(tiny_teacher_dir):
    """A seed gives the same draws whatever the global RNG did, and leaves the global RNG alone
    (serve samples on a worker thread; it must not reseed anyone else's randomness)."""
    t = load_teacher(f"hf:{tiny_teacher_dir}")
    params = GenParams(max_new_tokens=8, temperature=1.0, n=2, seed=11)
    torch.manual_seed(0)
    before = torch.get_rng_state()
    first = t.generate(PROMPTS[:1], params)
    assert torch.equal(torch.get_rng_state(), before)
    torch.rand(1000)  # move the global RNG: a seeded request must not notice
    again = t.generate(PROMPTS[:1], params)
    assert [c.token_ids for c in first] == [c.token_ids for c in again]
    other = t.generate(PROMPTS[:1], GenParams(max_new_tokens=8, temperature=1.0, n=2, seed=12))
    assert [c.token_ids for c in other] != [c.token_ids for c in first]


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


SYSTEM = {"role": "system", "content": "You are a careful assistant. Answer briefly and plainly."}
CHATS = [
    [SYSTEM, {"role": "user", "content": q}]
    for q in ("hi", "what is a cat", "tell me a long story about the sea, ships and their sailors")
]


def test_prefix_cache_skips_a_shared_beginning_and_changes_no_answer(tiny_teacher_dir):
    """Serve's prefix cache: a prompt that begins like a recent one reuses that part's KV, and the
    answers are those of a cold prefill (ids equal, logprobs to float rounding): batched rows of
    different lengths (padding between the cached part and the rest), n > 1, sampling, watermark."""
    t = load_teacher(f"hf:{tiny_teacher_dir}")
    key = WatermarkKey(gamma=0.25, delta=4.0, secret=7).model_dump()
    jobs = [
        ([CHATS[1]], GenParams(max_new_tokens=6, top_logprobs=3)),
        ([CHATS[0], CHATS[2]], GenParams(max_new_tokens=8, top_logprobs=2, watermark=key)),
        ([CHATS[2], CHATS[1]], GenParams(max_new_tokens=5, n=2, temperature=1.0, seed=3)),
    ]
    cold = t.generate_many(jobs)
    t.keep_prefixes(4096)
    t.generate([CHATS[0]], GenParams(max_new_tokens=1))  # what the cache starts from
    warm = t.generate_many(jobs)
    system_part = len(t.tokenizer.apply_chat_template([SYSTEM], return_dict=True)["input_ids"])
    assert t.prefixes.hits == 2 and t.prefixes.reused_tokens >= 2 * system_part  # seeded job + the rest
    for c, w in zip([c for cs in cold for c in cs], [c for cs in warm for c in cs], strict=True):
        assert (w.token_ids, w.finish_reason, w.prompt_tokens) == (
            c.token_ids,
            c.finish_reason,
            c.prompt_tokens,
        )
        assert np.allclose(w.logprobs, c.logprobs, atol=1e-5)
        if c.top_logprobs is not None:
            assert w.top_ids == c.top_ids and np.allclose(w.top_logprobs, c.top_logprobs, atol=1e-5)


def test_prefix_cache_picks_the_longest_shared_prefix_and_evicts_the_oldest():
    kv = lambda n: [(torch.full((1, 1, n, 2), float(n)), torch.zeros(1, 1, n, 2))]  # noqa: E731
    cache = PrefixCache(max_tokens=100, max_entries=2)
    cache.store([1, 2, 3], kv(3))
    cache.store([1, 2, 9, 9], kv(4))
    assert cache.find([[1, 2, 9, 9, 5], [1, 2, 9, 7]])[0] == 3  # the longer match, shared by both rows
    m, found = cache.find([[1, 2, 9, 9]])
    assert m == 3 and found[0][0].shape[2] == 3  # one token is always left to run
    assert cache.find([[7, 1, 2]]) == (0, None)
    cache.store([5, 6], kv(2))  # [1, 2, 3] was used least recently
    assert cache.find([[1, 2, 3, 4]])[0] == 2 and len(cache._entries) == 2
    cache.store(list(range(101)), kv(101))  # longer than the whole cache: not kept
    assert len(cache._entries) == 2

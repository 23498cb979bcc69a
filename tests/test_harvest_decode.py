"""The hf teacher's own decode loop (the harvest's speed path) must agree with `model.generate`."""

from __future__ import annotations

import torch

from stillroom.models import encode_prompt
from stillroom.teachers import GenParams, load_teacher

PROMPTS = [
    [{"role": "user", "content": "hi"}],
    "The capital of France",
    [{"role": "user", "content": "Write a Python function that returns the sum of a list of numbers."}],
]


def test_greedy_equals_model_generate_with_eos_and_pruning(tiny_teacher_dir):
    t = load_teacher(f"hf:{tiny_teacher_dir}")
    t.batch_size = 3
    # A random model rarely says EOS, so declare as EOS a token that the rows emit first at different
    # steps: rows then finish at different times and leave the batch mid-generation.
    free = [c.token_ids for c in t.generate(PROMPTS, GenParams(max_new_tokens=24))]
    firsts = {tok: {row.index(tok) for row in free if tok in row} for row in free for tok in row}
    eos = max(firsts, key=lambda tok: (len(firsts[tok]), -min(firsts[tok])))
    t._eos = [eos]
    got = t.generate(PROMPTS, GenParams(max_new_tokens=24, top_logprobs=2))
    for p, c in zip(PROMPTS, got, strict=True):
        ids = torch.tensor([encode_prompt(t.tokenizer, p)])
        ref = t.model.generate(
            ids,
            attention_mask=torch.ones_like(ids),
            max_new_tokens=24,
            do_sample=False,
            eos_token_id=eos,
            pad_token_id=eos,
        )[0, ids.shape[1] :].tolist()
        end = ref.index(eos) + 1 if eos in ref else len(ref)
        assert c.token_ids == ref[:end]
        assert c.finish_reason == ("stop" if eos in ref else "length")
    assert len({len(c.token_ids) for c in got}) > 1, "rows should finish at different steps"

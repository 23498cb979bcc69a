"""Length-grouped batches: same examples as a plain shuffle, less padding, still a pure function of the step."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
import torch

from stillroom.distill.data import Batches, Example, collate


def make(n=64):
    lengths = [5 + (i * 37) % 60 for i in range(n)]
    return [Example(f"p{i}", list(range(1, length + 1)), 2) for i, length in enumerate(lengths)]


def padding(b: Batches, steps: int) -> int:
    total = 0
    for i in range(steps):
        lens = [len(b.examples[j].input_ids) for j in b.indices(i)]
        total += sum(max(lens) - x for x in lens)
    return total


def test_grouping_keeps_the_data_and_cuts_padding():
    ex = make()
    plain, grouped = Batches(ex, 4, seed=1, pad_id=0), Batches(ex, 4, seed=1, pad_id=0, group=8)
    window = 8  # batches: one window covers the same stream positions in both
    for w in range(3):
        a = Counter(j for i in range(w * window, (w + 1) * window) for j in plain.indices(i))
        b = Counter(j for i in range(w * window, (w + 1) * window) for j in grouped.indices(i))
        assert a == b
    assert padding(grouped, 24) < 0.3 * padding(plain, 24)


def test_grouped_batches_are_a_pure_function_of_the_step():
    ex = make()
    a, b = Batches(ex, 4, seed=2, pad_id=0, group=8), Batches(ex, 4, seed=2, pad_id=0, group=8)
    late = [b.indices(i) for i in (17, 3, 40)]  # any order of access gives the same batches
    assert late == [a.indices(i) for i in (17, 3, 40)]
    assert [a.indices(i) for i in range(8)] != [Batches(ex, 4, 3, 0, 8).indices(i) for i in range(8)]


def test_prompt_loss_masks_every_predicting_position():
    a, b = Example("a", [5, 6, 7, 8, 9], 3, weight=2.0), Example("b", [5, 6, 7], 2)
    plain, whole = collate([a, b], 0), collate([a, b], 0, prompt_loss=True)
    assert plain["loss_mask"].tolist() == [[0, 0, 1, 1, 0], [0, 1, 0, 0, 0]]
    assert whole["loss_mask"].tolist() == [[1, 1, 1, 1, 0], [1, 1, 0, 0, 0]]
    assert whole["labels"].tolist() == [6, 7, 8, 9, 6, 7]  # each position's next token
    assert whole["weights"].tolist() == [2.0] * 4 + [1.0] * 2  # one weight per loss position
    assert plain["weights"].tolist() == [2.0, 2.0, 1.0]
    assert [len(p) for p in whole["prompts"]] == [3, 2]  # prompts stay prompts (on-policy sampling)
    harvested = Example(
        "h", [5, 6, 7], 2, np.zeros((1, 2), dtype=np.int64), np.zeros((1, 2), dtype=np.float32)
    )
    assert collate([harvested], 0)["top_ids"].shape == torch.Size([1, 2])
    with pytest.raises(ValueError, match="answer positions only"):
        collate([harvested], 0, prompt_loss=True)

"""KGW as a transformers `LogitsProcessor`: +delta on the logits of green tokens.

The hf teacher inserts it before the top-k recorder, so returned logprobs show the biased
distribution the text was actually sampled from. Rows are independent (each has its own context),
so a batch is one loop over rows building a [B, V] mask from cached green lists, then one add.
"""

from __future__ import annotations

import numpy as np
import torch
from transformers import LogitsProcessor

from stillroom.watermark.greenlist import GreenLists, in_green
from stillroom.watermark.key import WatermarkKey

SELFHASH_CANDIDATES = 41  # the reference's "fixed_compute" tail rule: test the 41 highest logits


class WatermarkProcessor(LogitsProcessor):
    def __init__(self, key: WatermarkKey, vocab_size: int):
        self.key = key
        self.lists = GreenLists(key, vocab_size)

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        if input_ids.shape[1] < self.key.context_width - int(self.key.self_salt):
            return scores  # too little context to seed a list (the reference raises; we just don't bias)
        rows = input_ids.tolist()
        mask = np.zeros((len(rows), scores.shape[-1]), dtype=bool)
        for b, row in enumerate(rows):
            if self.key.self_salt:
                mask[b, self._selfhash_green(row, scores[b])] = True
            else:
                mask[b, : self.lists.vocab_size] = self.lists.mask(row[-self.key.context_width :])
        return scores + self.key.delta * torch.from_numpy(mask).to(scores.device, scores.dtype)

    def _selfhash_green(self, row: list[int], scores: torch.Tensor) -> list[int]:
        """Candidates among the top logits that are green under their own window (reference Alg. 3)."""
        prev = row[-(self.key.context_width - 1) :]
        cands = scores.topk(min(SELFHASH_CANDIDATES, scores.shape[-1])).indices.tolist()
        lists = self.lists
        return [c for c in cands if in_green(lists.seed([*prev, c]), c, lists.vocab_size, lists.gamma)]

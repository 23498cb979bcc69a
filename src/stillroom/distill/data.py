"""Harvest store -> token sequences -> deterministic padded batches with prompt masking.

A sequence is prompt tokens (the chat template, exactly as the teacher saw it) followed by the
teacher's response tokens (with EOS when the teacher stopped). Only positions that predict a
response token carry loss; they are flattened row-major into N "loss tokens" that the sparse top-k
targets line up with one to one.

Micro-batch i is a pure function of (seed, i): sample j of the stream is element j % n of the
permutation for epoch j // n. Resuming at step k therefore needs only k, and a resumed run sees
exactly the batches an uninterrupted one would.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
import torch

from stillroom.errors import UserError
from stillroom.harvest.store import HarvestStore
from stillroom.teachers.hf import encode_prompt


@dataclass
class Example:
    prompt_id: str
    input_ids: list[int]
    prompt_len: int
    top_ids: np.ndarray | None = None  # [response_len, k]
    top_logprobs: np.ndarray | None = None


def pick_key(store: HarvestStore, key: str | None) -> str:
    """The harvest config to train on: the given key, or the store's only one."""
    configs = store.configs()
    if not configs:
        raise UserError(f"harvest store {store.path} has no completions: run `stillroom harvest` first")
    keys = [c["config_key"] for c in configs]
    if key is None:
        if len(keys) > 1:
            raise UserError(f"harvest store holds {len(keys)} configs ({', '.join(keys)}): set harvest_key")
        return keys[0]
    if key not in keys:
        raise UserError(f"harvest_key {key} is not in {store.path} (it has {', '.join(keys)})")
    return key


def load_examples(
    store: HarvestStore, key: str, tok, *, max_length: int, need_logprobs: bool, retokenize: bool = False
) -> list[Example]:
    """Every record under `key` as an Example; `retokenize` re-encodes the text for a student with its own vocabulary."""
    out = []
    for r in store.records(key=key):
        prompt = encode_prompt(tok, r.prompt)
        response = list(r.token_ids)
        if retokenize:
            response = tok(r.text, add_special_tokens=False)["input_ids"]
            response += [tok.eos_token_id] if r.finish_reason == "stop" else []
        if not response:
            continue
        if need_logprobs and r.top_ids is None:
            raise UserError(
                f"harvest config {key} has no top-k logprobs: harvest with --top-logprobs K "
                "(e.g. 20) for signal: harvested, or use signal: online"
            )
        ids = prompt + response
        if len(ids) > max_length:
            raise UserError(
                f"prompt {r.prompt_id}: {len(ids)} tokens exceed the max length {max_length}; "
                "raise train.max_length (up to the student's context) or harvest shorter answers"
            )
        out.append(
            Example(
                r.prompt_id,
                ids,
                len(prompt),
                r.top_ids if need_logprobs else None,
                r.top_logprobs if need_logprobs else None,
            )
        )
    if not out:
        raise UserError(f"no usable training examples under harvest config {key} in {store.path}")
    return out


class Batches:
    """Deterministic, endlessly repeating micro-batches over `examples` (see the module docstring).

    With `group` > 1, each window of `group` consecutive batches of the stream is sorted by length
    before it is cut into batches, and those batches are then shuffled (seeded by the window): a
    batch holds sequences of similar length, so less of it is padding the model runs over for
    nothing, while the order the model sees stays random. Still a pure function of the step.
    """

    def __init__(self, examples: list[Example], batch_size: int, seed: int, pad_id: int, group: int = 1):
        self.examples, self.batch_size, self.seed, self.pad_id = examples, batch_size, seed, pad_id
        self.group = max(1, group)
        self._perms: dict[int, list[int]] = {}

    def _perm(self, epoch: int) -> list[int]:
        if epoch not in self._perms:
            g = torch.Generator().manual_seed(self.seed * 1_000_003 + epoch)
            self._perms = {epoch: torch.randperm(len(self.examples), generator=g).tolist()}
        return self._perms[epoch]

    def _stream(self, start: int, stop: int) -> list[int]:
        n = len(self.examples)
        return [self._perm(j // n)[j % n] for j in range(start, stop)]

    def indices(self, i: int) -> list[int]:
        b = self.batch_size
        if self.group == 1:
            return self._stream(i * b, (i + 1) * b)
        w, k = divmod(i, self.group)
        window = sorted(
            self._stream(w * self.group * b, (w + 1) * self.group * b),
            key=lambda j: len(self.examples[j].input_ids),
        )
        order = list(range(self.group))
        random.Random(self.seed * 1_000_003 + w).shuffle(order)
        return window[order[k] * b : (order[k] + 1) * b]

    def __getitem__(self, i: int) -> dict:
        return collate([self.examples[j] for j in self.indices(i)], self.pad_id)


def collate(examples: list[Example], pad_id: int) -> dict:
    """Right-padded `input_ids`/`attention_mask`, `loss_mask` over predicting positions, flat targets."""
    width = max(len(e.input_ids) for e in examples)
    ids = torch.full((len(examples), width), pad_id, dtype=torch.long)
    attn = torch.zeros_like(ids)
    loss_mask = torch.zeros_like(ids, dtype=torch.bool)
    for b, e in enumerate(examples):
        ids[b, : len(e.input_ids)] = torch.tensor(e.input_ids)
        attn[b, : len(e.input_ids)] = 1
        loss_mask[b, e.prompt_len - 1 : len(e.input_ids) - 1] = True
    labels = torch.cat([ids[:, 1:], ids[:, :1]], dim=1)[loss_mask]
    batch = {
        "input_ids": ids,
        "attention_mask": attn,
        "loss_mask": loss_mask,
        "labels": labels,
        "prompts": [e.input_ids[: e.prompt_len] for e in examples],
    }
    if examples[0].top_ids is not None:
        batch["top_ids"] = torch.from_numpy(np.concatenate([e.top_ids for e in examples])).long()
        batch["top_logprobs"] = torch.from_numpy(np.concatenate([e.top_logprobs for e in examples])).float()
    return batch

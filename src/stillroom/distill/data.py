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
from typing import Any

import numpy as np
import torch

from stillroom.errors import UserError
from stillroom.harvest.store import HarvestStore, Record
from stillroom.models import encode_prompt
from stillroom.teachers.base import finish_reason


@dataclass
class Example:
    prompt_id: str
    input_ids: list[int]
    prompt_len: int
    top_ids: np.ndarray | None = None  # [response_len, k]
    top_logprobs: np.ndarray | None = None
    weight: float = 1.0  # the weight of its teacher (several teachers in one run)


def pick_keys(store: HarvestStore, keys: str | dict[str, float] | None) -> dict[str, float]:
    """Harvest configs to train on with their weights: a key, {key: weight, ...}, or the only one."""
    if not isinstance(keys, dict):
        return {store.pick_key(keys): 1.0}
    if not keys:
        raise UserError("harvest_key: {} names no teacher; give {key: weight, ...}")
    return {store.pick_key(k): float(w) for k, w in keys.items()}


def load_examples(
    store: HarvestStore,
    key: str,
    tok,
    *,
    max_length: int,
    need_logprobs: bool,
    retokenize: bool = False,
    weight: float = 1.0,
    cross: Any = None,
    stats: dict[str, int] | None = None,
) -> list[Example]:
    """Every usable record under `key` as an Example.

    `retokenize` re-encodes the text for a student with its own vocabulary; `cross` (a
    `cross.Projector`) also re-expresses the teacher's top-k in it. A record whose answer tokens
    have no ids (-1: a served teacher harvested without its tokenizer) is trained on its text when
    only the text is needed, and left out (counted in `stats["no_ids"]`) when its logits are.
    """
    stats = {} if stats is None else stats
    out = []
    for r in store.records(key=key):
        if need_logprobs and r.top_ids is None:
            raise UserError(
                f"harvest config {key} has no top-k logprobs: harvest with --top-logprobs K "
                "(e.g. 20) for signal: harvested, or use signal: online"
            )
        ex = _example(r, tok, need_logprobs, retokenize, cross, stats)
        if ex is None:
            continue
        ex.weight = weight
        if len(ex.input_ids) > max_length:
            raise UserError(
                f"prompt {r.prompt_id}: {len(ex.input_ids)} tokens exceed the max length {max_length}; "
                "raise train.max_length (up to the student's context) or harvest shorter answers"
            )
        out.append(ex)
    if not out:
        raise UserError(_nothing_usable(store, key, stats))
    _check_vocab(out, len(tok), key)
    return out


def _example(r: Record, tok, need_logprobs: bool, retokenize: bool, cross, stats) -> Example | None:
    prompt = encode_prompt(tok, r.prompt)
    eos = finish_reason(r.finish_reason) == "stop"  # stores harvested before it was normalised too
    # -1: a token the served teacher reported without an id; none at all for an answer with text:
    # a server that reports no tokens (text-only APIs)
    no_ids = any(i < 0 for i in r.token_ids) or (not r.token_ids and bool(r.text))
    top_ids = top_lps = None
    if need_logprobs and cross is not None:
        if no_ids:
            return _skip(stats, "no_ids")
        response, top_ids, top_lps = cross.project(r.text, r.token_ids, r.top_ids, r.top_logprobs, eos)
    elif retokenize or (no_ids and not need_logprobs):
        response = tok(r.text, add_special_tokens=False)["input_ids"] + ([tok.eos_token_id] if eos else [])
    elif no_ids:
        return _skip(stats, "no_ids")
    else:
        response = list(r.token_ids)
        top_ids, top_lps = (r.top_ids, r.top_logprobs) if need_logprobs else (None, None)
    if not response:
        return _skip(stats, "empty")
    return Example(r.prompt_id, prompt + response, len(prompt), top_ids, top_lps)


def _skip(stats: dict[str, int], why: str) -> None:
    stats[why] = stats.get(why, 0) + 1
    return None


def _nothing_usable(store: HarvestStore, key: str, stats: dict[str, int]) -> str:
    if stats.get("no_ids"):
        return (
            f"harvest config {key} has no token ids ({stats['no_ids']} answers without them): harvest "
            "the served teacher with --tokenizer (its tokenizer) for logit training, or use method sft"
        )
    return f"no usable training examples under harvest config {key} in {store.path}"


def _check_vocab(examples: list[Example], vocab: int, key: str) -> None:
    """Ids past the student's vocabulary mean the harvest was mapped with another tokenizer."""
    top = max(max(e.input_ids) for e in examples)
    top_k = max(
        (int(e.top_ids.max()) for e in examples if e.top_ids is not None and e.top_ids.size), default=-1
    )
    if max(top, top_k) >= vocab:
        raise UserError(
            f"harvest config {key} holds token id {max(top, top_k)}, past the student's vocabulary ({vocab}): "
            "it was harvested with another tokenizer than the student's"
        )


class Batches:
    """Deterministic, endlessly repeating micro-batches over `examples` (see the module docstring).

    With `group` > 1, each window of `group` consecutive batches of the stream is sorted by length
    before it is cut into batches, and those batches are then shuffled (seeded by the window): a
    batch holds sequences of similar length, so less of it is padding the model runs over for
    nothing, while the order the model sees stays random. Still a pure function of the step.
    """

    def __init__(
        self,
        examples: list[Example],
        batch_size: int,
        seed: int,
        pad_id: int,
        group: int = 1,
        prompt_loss: bool = False,
    ):
        self.examples, self.batch_size, self.seed, self.pad_id = examples, batch_size, seed, pad_id
        self.prompt_loss = prompt_loss
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
        return collate([self.examples[j] for j in self.indices(i)], self.pad_id, self.prompt_loss)


def collate(examples: list[Example], pad_id: int, prompt_loss: bool = False) -> dict:
    """Right-padded `input_ids`/`attention_mask`, `loss_mask` over predicting positions, flat targets.

    The loss positions are those that predict the answer's tokens, or with `prompt_loss` every
    position that predicts a next token (the prompt's too; only an online teacher has targets there).
    """
    width = max(len(e.input_ids) for e in examples)
    ids = torch.full((len(examples), width), pad_id, dtype=torch.long)
    attn = torch.zeros_like(ids)
    loss_mask = torch.zeros_like(ids, dtype=torch.bool)
    for b, e in enumerate(examples):
        ids[b, : len(e.input_ids)] = torch.tensor(e.input_ids)
        attn[b, : len(e.input_ids)] = 1
        loss_mask[b, 0 if prompt_loss else e.prompt_len - 1 : len(e.input_ids) - 1] = True
    labels = torch.cat([ids[:, 1:], ids[:, :1]], dim=1)[loss_mask]
    batch = {
        "input_ids": ids,
        "attention_mask": attn,
        "loss_mask": loss_mask,
        "labels": labels,
        "prompts": [e.input_ids[: e.prompt_len] for e in examples],
    }
    if examples[0].top_ids is not None:
        if prompt_loss:
            raise ValueError("prompt_loss: harvested targets cover the answer positions only")
        k = max(e.top_ids.shape[1] for e in examples)  # teachers may differ in k: pad as absent
        batch["top_ids"] = torch.from_numpy(
            np.concatenate([_pad_k(e.top_ids, k, -1) for e in examples])
        ).long()
        batch["top_logprobs"] = torch.from_numpy(
            np.concatenate([_pad_k(e.top_logprobs, k, -np.inf) for e in examples])
        ).float()
    if any(e.weight != 1.0 for e in examples):
        batch["weights"] = torch.cat(
            [torch.full((int(loss_mask[b].sum()),), e.weight) for b, e in enumerate(examples)]
        )
    return batch


def _pad_k(a: np.ndarray, k: int, fill: float) -> np.ndarray:
    return a if a.shape[1] == k else np.pad(a, ((0, 0), (0, k - a.shape[1])), constant_values=fill)

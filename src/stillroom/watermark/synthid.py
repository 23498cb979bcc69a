"""SynthID-Text (Dathathri et al., Nature 2024) through transformers' implementation, with an exact null.

Generation: transformers' `SynthIDTextWatermarkLogitsProcessor` does the hashing (`_compute_keys`,
an LCG over (4 previous tokens, candidate) then over each layer's key), the g-values
(`sample_g_values`: a lookup in a 2^16-entry table of random bits) and the tournament
(`update_scores`: probs *= 1 + g_d - E[g_d] layer after layer). Its processor keeps per-batch
state (the last context, a history of contexts) that breaks when the hf teacher drops finished
rows or sends a subset of rows, so `SynthIDProcessor` calls those functions on each step's own
input: the context is the row's last 4 tokens, and a context already used since the first call
(the prompt's end) is not watermarked, as in transformers. The tournament runs on the distribution
the sampler will draw from (transformers applies it after temperature; our sampler divides by the
temperature afterwards, so the processor is given it and returns temperature x the tournament's
log-probs; the recorded top-k logprobs are those, before temperature, like KGW's), over the `top_k`
highest logits (the rest get no mass): over the full vocabulary it costs 0.24 s per row and step
on one CPU core at depth 30, over the top 1024 a fraction of that (bench/results/synthid.txt).

Detection without a learned model. What decides a g-value is its *table index*: transformers
takes the 64-bit hash modulo the table size, so the index is ((h + k_d) * a + 1) mod 2^16, with h
the low 16 bits of the n-gram hash and k_d the layer key. Under H0 (text written without the key)
each index is uniform over the table, so each g-value is Bernoulli(p0), p0 = the table's fraction
of ones (not exactly 0.5). Two scored g-values with the same index are one coin, not two: with
30 layers x ~100 n-grams per answer indices collide (birthday: ~70 pairs at 3,000 draws in 65,536),
and repeated n-grams give whole rows of duplicates. So we score each distinct index once, over
n-grams whose context is new in the text (transformers' processor skips repeated contexts: they
carry no watermark). N distinct cells of one fixed table, blind to its contents: under H0 their
count of ones is Hypergeometric(65,536, ones in the table, N), whose exact tail `detect_ids`
reports. (Binomial(N, p0) ignores that a text's cells are drawn without replacement and is
conservative: var(z) 0.90 and KS p 0.002 over 10,431 random-key trials, bench/results/synthid.txt.)
Layers are independent under a random key (each has its own key); for one key two layers read one
finite table at offsets their keys set, a correlation of order 1/256 per pair whose signs cancel
in the sum (bench/synthid.py measures both on real texts).

The weighted mean (the paper's, weights 10 .. 1 linearly over the layers): sum w_i g_i over
distinct cells, its tail under i.i.d. Bernoulli(p0) g_i by the saddlepoint of
`detect.weighted_bernoulli_sf` (approximate: it ignores the draw without replacement).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache

import numpy as np
import torch
from scipy.stats import hypergeom
from transformers import LogitsProcessor
from transformers.generation.logits_process import SynthIDTextWatermarkLogitsProcessor

from stillroom.watermark.detect import Detection, decide, weighted_bernoulli_sf
from stillroom.watermark.key import SYNTHID_TABLE, WatermarkKey, synthid_keys, synthid_table_seed

HISTORY = 1024  # transformers' default context_history_size (unused by our stateless processor)


class SynthID:
    """A key bound to transformers' processor (on CPU): layer keys, g-value table, n-gram length."""

    def __init__(self, key: WatermarkKey):
        self.key = key
        self.scheme = "synthid"
        self.depth = key.depth
        self.ngram = key.ngram
        secret = key.hash_key()
        self.proc = make_transformers_processor(secret, key.depth, key.ngram, torch.device("cpu"))
        self.table = self.proc.sampling_table.numpy()
        self.p0 = float(self.table.mean())  # P[g = 1] under H0
        self.gamma = self.p0  # the name trace results and calibration use for the null's rate

    def indices(self, ids: Sequence[int]) -> np.ndarray:
        """[n-grams, depth] table index of every n-gram of `ids` at every layer."""
        if len(ids) < self.ngram:
            return np.zeros((0, self.depth), dtype=np.int64)
        return self.ngram_indices(torch.tensor(list(ids), dtype=torch.long).unfold(0, self.ngram, 1))

    def ngram_indices(self, ngrams: torch.Tensor | np.ndarray) -> np.ndarray:
        """[m, depth] table indices of m n-grams ([m, ngram] token ids), by transformers' hashing."""
        grams = torch.as_tensor(ngrams, dtype=torch.long).reshape(1, -1, self.ngram)
        if grams.shape[1] == 0:
            return np.zeros((0, self.depth), dtype=np.int64)
        return (self.proc.compute_ngram_keys(grams)[0] % SYNTHID_TABLE).numpy()

    def g_values(self, ids: Sequence[int]) -> np.ndarray:
        """[n-grams, depth] g-values, as transformers' `compute_g_values`."""
        return self.table[self.indices(ids)]


def make_transformers_processor(
    secret: int, depth: int, ngram: int, device: torch.device
) -> SynthIDTextWatermarkLogitsProcessor:
    """transformers' processor for our keyed config; its table is drawn on CPU (CUDA would draw another)."""
    proc = SynthIDTextWatermarkLogitsProcessor(
        ngram_len=ngram,
        keys=synthid_keys(secret, depth),
        sampling_table_size=SYNTHID_TABLE,
        sampling_table_seed=synthid_table_seed(secret),
        context_history_size=HISTORY,
        device=torch.device("cpu"),
    )
    if device.type != "cpu":
        proc.keys, proc.sampling_table, proc.device = (
            proc.keys.to(device),
            proc.sampling_table.to(device),
            device,
        )
    return proc


@cache
def synthid_of(key: WatermarkKey) -> SynthID:
    return SynthID(key)


def new_contexts(ids: Sequence[int], ngram: int) -> np.ndarray:
    """Per n-gram of `ids`: is its context (first ngram - 1 tokens) new in the text? (repeats carry no mark)"""
    seen: set[tuple[int, ...]] = set()
    out = np.zeros(max(len(ids) - ngram + 1, 0), dtype=bool)
    for i in range(len(out)):
        ctx = tuple(ids[i : i + ngram - 1])
        out[i] = ctx not in seen
        seen.add(ctx)
    return out


def distinct_draws(sid: SynthID, ids: Sequence[int], dedup: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """(g-values, their layers) scored in `ids`: with `dedup`, each distinct table index once over new contexts."""
    idx = sid.indices(ids)
    layer = np.broadcast_to(np.arange(sid.depth), idx.shape)
    if dedup:
        keep = new_contexts(ids, sid.ngram)
        idx, layer = idx[keep].ravel(), layer[keep].ravel()
        idx, first = np.unique(idx, return_index=True)
        layer = layer[first]
    return sid.table[idx.ravel()], layer.ravel()


def layer_weights(depth: int) -> np.ndarray:
    """The SynthID paper's weighted mean: weights 10 .. 1, linear over the layers."""
    return np.linspace(10.0, 1.0, depth)


def detect_ids(
    ids: Sequence[int], sid: SynthID, *, dedup: bool = True, z_threshold: float = 4.0
) -> Detection:
    """Mean score: G ones among N distinct cells, hypergeometric tail (None without dedup)."""
    g, _ = distinct_draws(sid, ids, dedup)
    green, n = int(g.sum()), len(g)
    if not dedup:
        return decide(green, n, sid.p0, z_threshold, dedup)
    return synthid_detection(green, n, sid, z_threshold)


def synthid_detection(green: int, n: int, sid: SynthID, z_threshold: float = 4.0) -> Detection:
    """G ones among n distinct cells: hypergeometric z (finite-table variance) and exact tail."""
    m, ones = len(sid.table), int(sid.table.sum())
    sd = math.sqrt(n * sid.p0 * (1 - sid.p0) * (m - n) / (m - 1)) if n else 0.0
    z = (green - n * sid.p0) / sd if sd > 0 else 0.0
    p = hypergeom_p(green, n, m, ones)
    return Detection(n, green, green / n if n else 0.0, z, p, n > 0 and z > z_threshold)


def hypergeom_p(green: int, n: int, cells: int, ones: int) -> float:
    """P[X >= green], X ~ Hypergeometric(cells, ones, n): n distinct cells of a fixed table, drawn blind."""
    return float(hypergeom.sf(green - 1, cells, ones, n)) if n else 1.0


def weighted_p(ids: Sequence[int], sid: SynthID) -> tuple[float, float]:
    """(weighted mean score, its p-value under H0): sum of w_layer * g over distinct indices."""
    g, layer = distinct_draws(sid, ids)
    w = layer_weights(sid.depth)[layer]
    if len(w) == 0:
        return 0.0, 1.0
    s = float((w * g).sum())
    return s / float(w.sum()), weighted_bernoulli_sf(s, w, sid.p0)


class SynthIDProcessor(LogitsProcessor):
    """Stateless tournament sampling: transformers' hashing, g-values and `update_scores` per step."""

    def __init__(self, key: WatermarkKey, vocab_size: int, temperature: float = 1.0):
        self.key = key
        self.ngram = key.ngram
        self.temperature = temperature if temperature > 0 else 1.0
        self.vocab_size = vocab_size
        self._procs: dict[torch.device, SynthIDTextWatermarkLogitsProcessor] = {}
        self.start: int | None = None  # width of the first input: the prompts (left-padded)

    def _proc(self, device: torch.device) -> SynthIDTextWatermarkLogitsProcessor:
        if device not in self._procs:
            secret = self.key.hash_key()
            self._procs[device] = make_transformers_processor(secret, self.key.depth, self.ngram, device)
        return self._procs[device]

    def repeated(self, input_ids: torch.Tensor) -> torch.Tensor:
        """[B] bool: the row's current context was already the context of a token generated since `start`."""
        n1, width = self.ngram - 1, input_ids.shape[1]
        past = input_ids[:, max((self.start or width) - n1, 0) : width - 1]
        if past.shape[1] < n1:
            return torch.zeros(input_ids.shape[0], dtype=torch.bool, device=input_ids.device)
        windows = past.unfold(1, n1, 1)  # [B, W, n1]
        return (windows == input_ids[:, None, -n1:]).all(-1).any(-1)

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        if self.start is None:
            self.start = input_ids.shape[1]
        n1 = self.ngram - 1
        if input_ids.shape[1] < n1:
            return scores
        proc = self._proc(scores.device)
        top = scores.topk(min(self.key.top_k, scores.shape[-1]), dim=-1)
        keys, _ = proc._compute_keys(input_ids[:, -n1:], top.indices)
        t = self.temperature
        lp = proc.update_scores(top.values / t, proc.sample_g_values(keys))  # at the sampling temperature
        low = torch.finfo(scores.dtype).min
        # x t: the sampler's division by the temperature then samples the tournament's distribution
        marked = torch.full_like(scores, low).scatter(
            1, top.indices, (lp * t).clamp(min=low).to(scores.dtype)
        )
        return torch.where(self.repeated(input_ids)[:, None], scores, marked)


def trace_argmax(
    texts: Sequence[Sequence[int]], preds: Sequence[Sequence[int]], sid: SynthID
) -> dict[int, int]:
    """Open-model radioactivity with SynthID: the suspect's greedy token after every prefix, scored by its g-values.

    Position t reads text[: t + 1]; its n-gram is (text[t-3 : t+1], argmax). Scored only if that
    context was not yet the context of a token the suspect read, and only in cells (table indices)
    that did not decide such a token (the text was drawn with them: a suspect could copy what it
    read). Returns {cell: g} with each distinct cell once over all texts; H0: the g's are i.i.d.
    Bernoulli(p0), as in detection (`trace.trace_open` turns them into a p-value).
    """
    cells: dict[int, int] = {}
    n1 = sid.ngram - 1
    for text, pred in zip(texts, preds, strict=True):
        text = list(text)
        if len(text) < n1:
            continue
        decided_rows = sid.indices(text)  # row j: the cells that chose text[j + n1]
        spots = range(n1 - 1, len(text))
        grams = np.array([[*text[t - n1 + 1 : t + 1], int(pred[t])] for t in spots], dtype=np.int64)
        cand = sid.ngram_indices(grams)
        seen: set[tuple[int, ...]] = set()
        decided: set[int] = set()
        for row, t in enumerate(spots):
            if t >= n1:  # text[t] is visible: its context and its cells are spent
                seen.add(tuple(text[t - n1 : t]))
                decided.update(decided_rows[t - n1].tolist())
            if tuple(text[t - n1 + 1 : t + 1]) in seen:
                continue
            for c in cand[row].tolist():
                if c not in decided and c not in cells:
                    cells[c] = int(sid.table[c])
    return cells


def trace_answers(tuples: Sequence[Sequence[int]], sid: SynthID) -> dict[int, int]:
    """Closed-model radioactivity: {cell: g} over a suspect's answer n-grams, each distinct cell once."""
    idx = sid.ngram_indices(np.array(list(tuples), dtype=np.int64).reshape(-1, sid.ngram))
    return {int(c): int(sid.table[c]) for c in np.unique(idx)}

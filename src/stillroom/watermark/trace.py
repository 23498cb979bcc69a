"""Radioactivity test (Sander et al., NeurIPS 2024): was a suspect model trained on watermarked text?

A model fine-tuned on KGW-watermarked outputs learns, a little, to prefer the green tokens of the
contexts it saw. We look for that preference and turn it into a p-value.

- Open model ("reading mode"): feed the owner's watermarked texts through the suspect and read its
  next-token distribution after every prefix. Two tests:
  - `argmax` (the paper's): score the suspect's greedy prediction against the green list;
  - `distribution`: score the suspect's probability mass on green tokens among its top-k
    candidates. A student that learned a small shift toward green tokens moves that mass long
    before the shift flips an argmax, so this test sees more of what the student learned.
  - `contrast`: the same, minus what a reference model the owner holds (its own unwatermarked
    teacher) puts on the same candidates (the reference's top-k, read once). Most of a distilled
    suspect's green mass is the teacher's: where the teacher is sure, the suspect is sure of the same
    token, and whether that token is green is a coin flip that only adds noise. The difference keeps
    the learned shift and drops the shared part: the null variance is gamma (1 - gamma) sum of
    (p_suspect - p_reference)^2 instead of sum of p_suspect^2. Valid for any reference that never
    saw the key (the teacher samples with the watermark but is not trained on it).
- Closed model: prompt the suspect, score the tuples of its answers, keeping only windows that
  appear in the owner's watermarked texts (the only ones it could have learned from) and not in
  the prompt it was shown (it could copy those).
- SynthID keys (`synthid.SynthID` in place of `GreenLists`): the argmax and closed tests score
  g-values instead of green hits, each distinct table cell once (`synthid.trace_argmax`).

Validity under H0 (the suspect never saw the key) needs each scored outcome to be a fresh coin of
bias gamma. The unit is the *outcome* `(32-bit seed, token)` that decides a colour
(`GreenLists.outcome`), not the token tuple:
- the fed text may itself be watermarked, and every token of it was drawn with the help of the
  green list of its own seed. A suspect that reads such a token can copy it later, so a
  (seed, candidate) is scored at a position only if that seed has not yet decided a token of the
  text. For `simple_1` this is the paper's rule (score a window at its first occurrence); for
  `selfhash`, whose seed depends on (the window token with the smallest hash product, candidate),
  it also drops a candidate that already appeared, drawn under the same seed, in another window;
- each distinct outcome counts once over the whole test (the distribution test averages the
  suspect's probability of it over its occurrences).
`argmax`: G green of N outcomes against Binomial(N, gamma), exact. `distribution` and `contrast`:
S = sum over outcomes of weight x green (weights of either sign for `contrast`), where each green is
an independent Bernoulli(gamma) under H0; its upper tail comes from a saddlepoint (Lugannani-Rice)
approximation, which is accurate far into the tail for such sums (checked against exact enumeration
in the tests and against random keys in bench/calibration.py and bench/trace.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import torch

from stillroom.errors import UserError
from stillroom.models import encode_prompt
from stillroom.teachers import GenParams
from stillroom.watermark.detect import binomial_p, count_green, count_outcomes, weighted_bernoulli_sf, z_score
from stillroom.watermark.greenlist import SEED_BITS, GreenLists

TOP_K = 16  # candidates per position the distribution test scores (mass beyond is noise, not signal)


@dataclass
class TraceResult:
    mode: str  # "open" | "closed"
    test: str  # "argmax" | "distribution" | "answers"
    p_value: float
    num_scored: int  # distinct outcomes (seed, token) scored
    num_green: float  # green outcomes (argmax, answers) or green probability mass (distribution)
    green_fraction: float
    z_score: float
    gamma: float
    tokens_read: int  # tokens fed through (open) or generated (closed)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _result(mode: str, test: str, green: int, scored: int, gamma: float, tokens: int) -> TraceResult:
    return TraceResult(
        mode=mode,
        test=test,
        p_value=binomial_p(green, scored, gamma),
        num_scored=scored,
        num_green=green,
        green_fraction=green / scored if scored else 0.0,
        z_score=z_score(green, scored, gamma),
        gamma=gamma,
        tokens_read=tokens,
    )


def _cells_result(mode: str, test: str, cells: dict[int, int], sid: Any, tokens: int) -> TraceResult:
    """SynthID: G ones among N distinct table cells, a blind draw without replacement under H0."""
    from stillroom.watermark.synthid import synthid_detection  # transformers: only for this scheme

    d = synthid_detection(sum(cells.values()), len(cells), sid)
    return TraceResult(
        mode,
        test,
        d.p_value or 1.0,
        d.num_tokens_scored,
        d.num_green,
        d.green_fraction,
        d.z_score,
        sid.p0,
        tokens,
    )


@dataclass
class Reading:
    """What a suspect predicts after every prefix of one text: argmax and top-k probabilities."""

    argmax: np.ndarray  # [T] int64
    top_ids: np.ndarray  # [T, k] int64
    top_p: np.ndarray  # [T, k] float32


def context_limit(model: Any) -> int | None:
    return getattr(model.config, "max_position_embeddings", None)


@torch.inference_mode()
def read_suspect(
    model: Any,
    texts: Sequence[Sequence[int]],
    top_k: int = TOP_K,
    token_budget: int = 4096,
    at: Sequence[np.ndarray] | None = None,
) -> list[Reading]:
    """The suspect's next-token view of every prefix of every text, whole texts, bounded memory.

    `at` (per text, [T, k] token ids, e.g. a reference's `top_ids`): the probabilities of those
    candidates instead of the model's own top-k. Texts are batched by length up to `token_budget`
    tokens per forward pass, and the vocabulary projection runs on slices of positions, so a long
    text never builds a [T, V] float tensor at once. A text longer than the model's context is
    refused rather than silently cut.
    """
    limit = context_limit(model)
    for i, t in enumerate(texts):
        if limit and len(t) > limit:
            raise UserError(
                f"text {i} has {len(t)} tokens, more than the suspect's context ({limit}); split it into parts"
            )
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    out: list[Reading | None] = [None] * len(texts)
    start = 0
    while start < len(order):
        width = max(1, len(texts[order[start]]))
        take = max(1, token_budget // width)
        batch = order[start : start + take]
        ids_at = None if at is None else [at[i] for i in batch]
        for i, reading in zip(
            batch, _read_batch(model, [texts[i] for i in batch], top_k, ids_at), strict=True
        ):
            out[i] = reading
        start += len(batch)
    return out  # type: ignore[return-value]


def _read_batch(
    model: Any, batch: list[Sequence[int]], top_k: int, at: list[np.ndarray] | None = None
) -> list[Reading]:
    width = max(len(t) for t in batch)
    ids = torch.zeros(len(batch), width, dtype=torch.long)
    att = torch.zeros(len(batch), width, dtype=torch.long)
    for i, t in enumerate(batch):
        ids[i, : len(t)] = torch.tensor(list(t), dtype=torch.long)
        att[i, : len(t)] = 1
    want = None
    if at is not None:
        k = max(a.shape[1] for a in at)
        want = torch.zeros(len(batch), width, k, dtype=torch.long)
        for i, a in enumerate(at):
            want[i, : a.shape[0], : a.shape[1]] = torch.as_tensor(a, dtype=torch.long)
    hidden = model.get_decoder()(input_ids=ids.to(model.device), attention_mask=att.to(model.device))
    hidden = hidden.last_hidden_state
    head = model.get_output_embeddings()
    top_p, top_ids, args = [], [], []
    for j, piece in enumerate(hidden.split(256, dim=1)):
        logits = head(piece).float()
        probs = torch.softmax(logits, -1)
        if want is None:
            top = probs.topk(top_k, dim=-1)
            top_p.append(top.values)
            top_ids.append(top.indices)
        else:
            cols = want[:, j * 256 : j * 256 + piece.shape[1]].to(probs.device)
            top_p.append(probs.gather(-1, cols))
            top_ids.append(cols)
        args.append(logits.argmax(-1))
    top_p = torch.cat(top_p, 1).cpu().numpy()
    top_ids = torch.cat(top_ids, 1).cpu().numpy()
    argmax = torch.cat(args, 1).cpu().numpy()
    return [
        Reading(argmax=argmax[i, : len(t)], top_ids=top_ids[i, : len(t)], top_p=top_p[i, : len(t)])
        for i, t in enumerate(batch)
    ]


def argmax_predictions(model: Any, texts: Sequence[Sequence[int]]) -> list[list[int]]:
    """The suspect's greedy next-token prediction after every prefix of every text."""
    return [r.argmax.tolist() for r in read_suspect(model, texts, top_k=1)]


def fresh_candidates(
    text: Sequence[int], lists: GreenLists, candidates: Callable[[int], Sequence[int]]
) -> Iterator[tuple[int, int, tuple[int, int]]]:
    """(position, candidate, outcome) for every candidate whose seed has not yet decided a token of `text`.

    Position t reads text[: t + 1] and predicts text[t + 1]; its window is the ngram - 1 tokens
    ending at t (for `selfhash` the candidate completes it). `candidates(t)` names what to score.
    """
    n = lists.ngram
    decided: set[int] = set()
    for t in range(n - 2, len(text)):
        if t >= n - 1:  # text[t] was drawn with the green list of its own tuple's seed
            decided.add(lists.outcome(text[t - n + 1 : t + 1])[0])
        window = list(text[t - n + 2 : t + 1])
        shared = None if lists.self_salt else lists.seed(window) & SEED_BITS
        for c in candidates(t):
            seed = shared if shared is not None else lists.seed([*window, c]) & SEED_BITS
            if seed not in decided:
                yield t, int(c), (seed, int(c))


def reading_outcomes(
    text: Sequence[int], preds: Sequence[int], lists: GreenLists
) -> Iterator[tuple[int, int]]:
    """Outcomes of the suspect's argmax predictions that the text's prefix says nothing about."""
    return (o for _, _, o in fresh_candidates(text, lists, lambda t: (preds[t],)))


def argmax_test(
    texts: Sequence[Sequence[int]], readings: Sequence[Reading], lists: GreenLists
) -> TraceResult:
    outcomes = {
        o for text, r in zip(texts, readings, strict=True) for o in reading_outcomes(text, r.argmax, lists)
    }
    green, scored = count_outcomes(outcomes, lists)
    return _result("open", "argmax", green, scored, lists.gamma, sum(len(t) for t in texts))


def distribution_weights(
    texts: Sequence[Sequence[int]],
    readings: Sequence[Reading],
    lists: GreenLists,
    reference: Sequence[Reading] | None = None,
) -> dict[tuple[int, int], float]:
    """Per distinct outcome: the suspect's mean probability of that candidate where it was scored,
    minus the reference's (whose `top_ids` are then the candidates: the suspect was read `at` them)."""
    total: dict[tuple[int, int], list[float]] = {}
    refs = reference if reference is not None else [None] * len(texts)
    for text, r, ref in zip(texts, readings, refs, strict=True):
        prob: dict[int, dict[int, float]] = {}
        for t, c, o in fresh_candidates(text, lists, lambda t, r=r: r.top_ids[t]):
            if t not in prob:
                prob[t] = _probs(r, t)
                if ref is not None:
                    base = _probs(ref, t)
                    prob[t] = {i: p - base.get(i, 0.0) for i, p in prob[t].items()}
            acc = total.setdefault(o, [0.0, 0])
            acc[0] += prob[t][c]
            acc[1] += 1
    return {o: s / n for o, (s, n) in total.items()}


def _probs(r: Reading, t: int) -> dict[int, float]:
    return dict(zip(r.top_ids[t].tolist(), r.top_p[t].tolist(), strict=True))


def distribution_test(
    texts: Sequence[Sequence[int]],
    readings: Sequence[Reading],
    lists: GreenLists,
    reference: Sequence[Reading] | None = None,
) -> TraceResult:
    """`distribution`, or `contrast` when the reference's readings are given (see the module doc)."""
    weights = distribution_weights(texts, readings, lists, reference)
    w = np.fromiter(weights.values(), dtype=np.float64, count=len(weights))
    green = np.fromiter((lists.outcome_green(o) for o in weights), dtype=bool, count=len(weights))
    test = "distribution" if reference is None else "contrast"
    return weighted_result(w, green, lists.gamma, sum(len(t) for t in texts), test)


def contrast_readings(
    model: Any, reference: Any, texts: Sequence[Sequence[int]], top_k: int = TOP_K
) -> tuple[list[Reading], list[Reading]]:
    """(suspect, reference) readings on the reference's top-k candidates, for the contrast test."""
    if model.config.vocab_size != reference.config.vocab_size:
        raise UserError("the contrast test needs the suspect and the reference on one vocabulary")
    ref = read_suspect(reference, texts, top_k=top_k)
    return read_suspect(model, texts, at=[r.top_ids for r in ref]), ref


def weighted_result(
    w: np.ndarray, green: np.ndarray, gamma: float, tokens: int, test: str = "distribution"
) -> TraceResult:
    s = float(w[green].sum())
    mean, var = gamma * w.sum(), gamma * (1 - gamma) * float((w * w).sum())
    return TraceResult(
        mode="open",
        test=test,
        p_value=weighted_bernoulli_sf(s, w, gamma),
        num_scored=len(w),
        num_green=s,
        green_fraction=s / mass if (mass := float(np.abs(w).sum())) > 0 else 0.0,
        z_score=(s - mean) / math.sqrt(var) if var > 0 else 0.0,
        gamma=gamma,
        tokens_read=tokens,
    )


OPEN_TESTS = ("argmax", "distribution", "contrast")


def trace_open(
    model: Any,
    texts: Sequence[Sequence[int]],
    lists: Any,  # GreenLists (KGW) or synthid.SynthID
    *,
    test: str = "argmax",
    top_k: int = TOP_K,
    readings: Sequence[Reading] | None = None,
    reference: Any = None,
) -> TraceResult:
    """Open-model trace of `texts` (token ids, whole: nothing is cut) with the argmax, distribution
    or contrast test (`reference`: the owner's model the suspect is compared with)."""
    if test not in OPEN_TESTS:
        raise UserError(f"--test must be one of {', '.join(OPEN_TESTS)}, not {test!r}")
    if test == "contrast":
        if lists.scheme == "synthid":
            raise UserError("synthid traces with --test argmax (the contrast test is KGW's)")
        if reference is None:
            raise UserError("the contrast test needs a reference model (the owner's teacher)")
        suspect, ref = contrast_readings(model, reference, texts, top_k)
        return distribution_test(texts, suspect, lists, ref)
    if lists.scheme == "synthid":
        from stillroom.watermark.synthid import trace_argmax  # transformers' SynthID: only for this scheme

        if test != "argmax":
            raise UserError("synthid traces with --test argmax (the distribution test is KGW's)")
        readings = readings or read_suspect(model, texts, top_k=1)
        cells = trace_argmax(texts, [r.argmax for r in readings], lists)
        return _cells_result("open", "argmax", cells, lists, sum(len(t) for t in texts))
    readings = readings or read_suspect(model, texts, top_k=top_k if test == "distribution" else 1)
    if test == "argmax":
        return argmax_test(texts, readings, lists)
    return distribution_test(texts, readings, lists)


def windows(ids: Sequence[int], ngram: int) -> set[tuple[int, ...]]:
    """All context windows (ngram-1 tokens) in a token sequence."""
    w = ngram - 1
    return {tuple(ids[i : i + w]) for i in range(len(ids) - w + 1)}


def answer_tuples(
    answer: Sequence[int], ngram: int, allowed: set[tuple[int, ...]] | None, banned: set[tuple[int, ...]]
) -> Iterator[tuple[int, ...]]:
    """Tuples of a suspect's answer whose window it could have learned (`allowed`) but not copied."""
    for i in range(len(answer) - ngram + 1):
        tup = tuple(answer[i : i + ngram])
        window = tup[:-1]
        if window in banned or (allowed is not None and window not in allowed):
            continue
        yield tup


def score_answers(
    answers: Sequence[Sequence[int]],
    prompts: Sequence[Sequence[int]],
    lists: Any,  # GreenLists (KGW) or synthid.SynthID
    owner_texts: Sequence[Sequence[int]] | None,
) -> TraceResult:
    """Closed-model scoring of answers already obtained (token ids in the owner's tokenizer)."""
    allowed = (
        set().union(*(windows(t, lists.ngram) for t in owner_texts)) if owner_texts is not None else None
    )
    tuples = (
        tup
        for ans, prm in zip(answers, prompts, strict=True)
        for tup in answer_tuples(ans, lists.ngram, allowed, windows(prm, lists.ngram))
    )
    if lists.scheme == "synthid":
        from stillroom.watermark.synthid import trace_answers  # transformers' SynthID: only for this scheme

        cells = trace_answers(list(tuples), lists)
        return _cells_result("closed", "answers", cells, lists, sum(len(a) for a in answers))
    green, scored = count_green(tuples, lists, dedup=True)
    return _result("closed", "answers", green, scored, lists.gamma, sum(len(a) for a in answers))


def trace_closed(
    teacher: Any,
    prompts: Sequence[Any],
    tokenizer: Any,
    lists: Any,  # GreenLists (KGW) or synthid.SynthID
    owner_texts: Sequence[Sequence[int]] | None,
    max_new_tokens: int = 256,
    temperature: float = 0.0,
    seed: int | None = 0,
) -> TraceResult:
    """Prompt a suspect (any teacher: `openai:URL`, `hf:PATH`) and score its answers (greedy by default).

    Answers are re-tokenized with the owner's tokenizer: the green lists live in its vocabulary.
    """

    comps = teacher.generate(
        list(prompts), GenParams(max_new_tokens=max_new_tokens, temperature=temperature, seed=seed)
    )
    answers = [tokenizer(c.text, add_special_tokens=False)["input_ids"] for c in comps]
    prompt_ids = [encode_prompt(tokenizer, p) for p in prompts]
    return score_answers(answers, prompt_ids, lists, owner_texts)

"""Radioactivity test (Sander et al., NeurIPS 2024): was a suspect model trained on watermarked text?

A model fine-tuned on KGW-watermarked outputs learns, a little, to prefer the green tokens of the
contexts it saw. We look for that preference and turn it into a p-value.

- Open model ("reading mode"): feed texts through the suspect; at every position take its argmax
  next-token prediction and score the tuple (context window, prediction) against the green list.
- Closed model: prompt the suspect, score the tuples of its answers, keeping only windows that
  appear in the owner's watermarked texts (the only ones it could have learned from) and not in
  the prompt it was shown (it could copy those).

Validity under H0 (the suspect never saw the key) needs each score to be a fresh coin of bias gamma:
- the fed text may itself be watermarked. At the *first* occurrence of a window in a text the
  suspect's prediction depends only on the prefix, which holds nothing about that window's green
  list, so it is green with probability gamma even if the text's own next token was pushed green.
  At a *later* occurrence the prefix shows a (green-biased) follower the suspect can copy, so
  windows are scored only at their first occurrence in each text (as the paper's code does);
- each distinct (window, token) tuple counts once over the whole test.
G green out of N tuples is then tested against Binomial(N, gamma) exactly.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import torch

from stillroom.models import encode_prompt
from stillroom.teachers import GenParams
from stillroom.watermark.detect import binomial_p, count_green, z_score
from stillroom.watermark.greenlist import GreenLists


@dataclass
class TraceResult:
    mode: str  # "open" | "closed"
    p_value: float
    num_scored: int  # distinct (window, token) tuples scored
    num_green: int
    green_fraction: float
    z_score: float
    gamma: float
    tokens_read: int  # tokens fed through (open) or generated (closed)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _result(mode: str, green: int, scored: int, gamma: float, tokens: int) -> TraceResult:
    return TraceResult(
        mode=mode,
        p_value=binomial_p(green, scored, gamma),
        num_scored=scored,
        num_green=green,
        green_fraction=green / scored if scored else 0.0,
        z_score=z_score(green, scored, gamma),
        gamma=gamma,
        tokens_read=tokens,
    )


@torch.inference_mode()
def argmax_predictions(
    model: Any, texts: Sequence[Sequence[int]], batch_size: int = 8, max_len: int = 512
) -> list[list[int]]:
    """The suspect's greedy next-token prediction after every prefix of every text (right padding)."""
    out: list[list[int]] = []
    for start in range(0, len(texts), batch_size):
        batch = [list(t[:max_len]) for t in texts[start : start + batch_size]]
        width = max(len(t) for t in batch)
        ids = torch.zeros(len(batch), width, dtype=torch.long)
        att = torch.zeros(len(batch), width, dtype=torch.long)
        for i, t in enumerate(batch):
            ids[i, : len(t)] = torch.tensor(t, dtype=torch.long)
            att[i, : len(t)] = 1
        logits = model(input_ids=ids.to(model.device), attention_mask=att.to(model.device)).logits
        preds = logits.argmax(-1).cpu().tolist()
        out.extend(p[: len(t)] for p, t in zip(preds, batch, strict=True))
    return out


def reading_tuples(text: Sequence[int], preds: Sequence[int], ngram: int) -> Iterator[tuple[int, ...]]:
    """(window ending at t, prediction at t) at the first occurrence of each window in the text."""
    seen: set[tuple[int, ...]] = set()
    for t in range(ngram - 2, len(text)):
        window = tuple(text[t - ngram + 2 : t + 1])
        if window in seen:
            continue
        seen.add(window)
        yield (*window, preds[t])


def trace_open(
    model: Any, texts: Sequence[Sequence[int]], lists: GreenLists, *, batch_size: int = 8, max_len: int = 512
) -> TraceResult:
    preds = argmax_predictions(model, texts, batch_size=batch_size, max_len=max_len)
    tuples = (
        tup
        for text, p in zip(texts, preds, strict=True)
        for tup in reading_tuples(list(text[:max_len]), p, lists.ngram)
    )
    green, scored = count_green(tuples, lists, dedup=True)
    return _result("open", green, scored, lists.gamma, sum(len(p) for p in preds))


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
    lists: GreenLists,
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
    green, scored = count_green(tuples, lists, dedup=True)
    return _result("closed", green, scored, lists.gamma, sum(len(a) for a in answers))


def trace_closed(
    teacher: Any,
    prompts: Sequence[Any],
    tokenizer: Any,
    lists: GreenLists,
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

"""Lineage test: were a suspect's answers learned from our teacher? Black-box, no watermark needed.

A watermark can be stripped (paraphrase the harvested answers before training) or never applied.
What a distilled student keeps is the teacher's way of answering: our teacher finds a student's
answers likely, more likely than the answers of a model trained on the same prompts with other
answers. This is a two-sample test in the spirit of Model Equality Testing (Gao et al., ICLR 2025),
with one witness function, the teacher's log-likelihood:

- statistic: the mean per-token log-probability, under our teacher, of the suspect's greedy answers
  to probe prompts (each distinct 4-gram of an answer counted once, so a looping answer does not
  score its loop again and again);
- null: the same statistic for reference models trained like the suspect but on *other* answers to
  the same prompts (H0 students: e.g. on the real assistant turns in ../shared/traffic). The model,
  not the prompt, is the unit: answers of one model share its quirks, so prompts are not
  independent draws and a per-prompt test would be anti-conservative.
A second witness, `contrast` (session 23; bench/results/trace_lineage_contrast.txt): the share of
the suspect's scored answer tokens on which our teacher gives a *higher* log-probability than a
reference model the owner trained on the suspect's claimed data (e.g. the public answers it says it
learned from), trained like the null models and not one of them. Where the plain statistic is
moved by anything that makes answers fluent (H0 students differ by ~0.27 nats/token from data
order alone), the contrast cancels what both models find likely and counts where the answers
side with our teacher against the claimed source: on the strong setting's students, 7.4-9.4 null
sd for paraphrase-stripped students against 1.2-2.0 for the plain statistic. Its null is specific:
models trained on the *claimed* data. A suspect trained on a third source is outside it (its
answers look unlike the reference, which this statistic reads as siding with the teacher), so it
answers "is the suspect's claim about its data consistent with its answers?", not "from whom else".
Two p-values: `p_rank` = (1 + #{null >= s}) / (m + 1), exact for exchangeable models but never
below 1 / (m + 1); `p_value`, the Student-t prediction p-value P[T(m-1) >= (s - mean) / (sd *
sqrt(1 + 1/m))], exact when the null statistics are i.i.d. normal. bench/trace.py checks that
assumption leave-one-out over the H0 students (each H0 student's p-value against the others).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import torch
from scipy.stats import t as student_t

from stillroom.errors import UserError
from stillroom.models import encode_prompt
from stillroom.teachers import GenParams

NGRAM = 4  # an answer's tokens are scored once per distinct (3 previous tokens, token)


@dataclass
class LineageResult:
    mode: str
    statistic: float  # mean teacher log-prob per scored answer token (contrast: share won by the teacher)
    p_value: float | None  # Student-t prediction p-value against the null models (None without >= 3)
    p_rank: float | None  # (1 + #null >= statistic) / (m + 1)
    null: list[float]
    num_prompts: int
    tokens_scored: int
    # the prediction p-value of `lineage_p_adjusted` (None without >= 4 null models with their token counts)
    p_adjusted: float | None = None
    null_tokens: list[int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def probe_answers(
    suspect: Any, prompts: Sequence[Any], tokenizer: Any, max_new_tokens: int = 128
) -> list[list[int]]:
    """The suspect's greedy answers (any teacher: `openai:URL`, `hf:PATH`), in the owner's tokenizer."""
    comps = suspect.generate(list(prompts), GenParams(max_new_tokens=max_new_tokens, temperature=0.0))
    return [tokenizer(c.text, add_special_tokens=False)["input_ids"] for c in comps]


@torch.inference_mode()
def teacher_logprobs(
    model: Any, prompt_ids: Sequence[Sequence[int]], answers: Sequence[Sequence[int]], batch: int = 8
) -> list[np.ndarray]:
    """Per answer token: log p_teacher(token | prompt, answer so far)."""
    out = []
    for start in range(0, len(answers), batch):
        seqs = [
            list(p) + list(a)
            for p, a in zip(prompt_ids[start : start + batch], answers[start : start + batch], strict=True)
        ]
        width = max(map(len, seqs))
        ids = torch.zeros(len(seqs), width, dtype=torch.long)
        att = torch.zeros_like(ids)
        for i, s in enumerate(seqs):
            ids[i, : len(s)], att[i, : len(s)] = torch.tensor(s), 1
        logits = model(input_ids=ids.to(model.device), attention_mask=att.to(model.device)).logits.float()
        for i, (p, a) in enumerate(
            zip(prompt_ids[start : start + batch], answers[start : start + batch], strict=True)
        ):
            if not a:
                out.append(np.zeros(0))
                continue
            lp = torch.log_softmax(logits[i, len(p) - 1 : len(p) + len(a) - 1], -1)
            out.append(
                lp.gather(1, torch.tensor(list(a), device=lp.device)[:, None]).squeeze(1).cpu().numpy()
            )
    return out


def lineage_statistic(answers: Sequence[Sequence[int]], logprobs: Sequence[np.ndarray]) -> tuple[float, int]:
    """(mean log-prob over each answer's distinct 4-grams, tokens scored)."""
    total, n = 0.0, 0
    for a, lp in zip(answers, logprobs, strict=True):
        m = scored_mask(a)
        total += float(np.asarray(lp, dtype=float)[m].sum())
        n += int(m.sum())
    if n == 0:
        raise UserError("the suspect's answers are empty: nothing to score")
    return total / n, n


def scored_mask(answer: Sequence[int]) -> np.ndarray:
    """Which tokens of an answer are scored: each distinct (3 previous tokens, token) once."""
    seen: set[tuple[int, ...]] = set()
    mask = np.zeros(len(answer), dtype=bool)
    for i, tok in enumerate(answer):
        gram = (*answer[max(0, i - NGRAM + 1) : i], tok)
        if gram not in seen:
            seen.add(gram)
            mask[i] = True
    return mask


def contrast_statistic(
    answers: Sequence[Sequence[int]], owner_lp: Sequence[np.ndarray], reference_lp: Sequence[np.ndarray]
) -> tuple[float, int]:
    """(share of scored tokens where the owner's teacher's log-prob exceeds the reference's, tokens)."""
    wins, n = 0, 0
    for a, t, r in zip(answers, owner_lp, reference_lp, strict=True):
        m = scored_mask(a)
        wins += int((np.asarray(t)[m] > np.asarray(r)[m]).sum())
        n += int(m.sum())
    if n == 0:
        raise UserError("the suspect's answers are empty: nothing to score")
    return wins / n, n


def lineage_p(statistic: float, null: Sequence[float]) -> tuple[float | None, float | None]:
    """(Student-t prediction p-value, rank p-value) of `statistic` against the null models' values."""
    m = len(null)
    if m == 0:
        return None, None
    p_rank = (1 + sum(x >= statistic for x in null)) / (m + 1)
    if m < 3:
        return None, p_rank
    arr = np.asarray(null, dtype=float)
    sd = float(arr.std(ddof=1))
    if sd == 0:
        return None, p_rank
    t = (statistic - float(arr.mean())) / (sd * math.sqrt(1 + 1 / m))
    return float(student_t.sf(t, m - 1)), p_rank


def lineage_p_adjusted(
    statistic: float, tokens: int, null: Sequence[float], null_tokens: Sequence[int]
) -> float | None:
    """The prediction p-value of `statistic` given the suspect's scored-token count, from a linear
    regression of the null models' statistics on ln(scored tokens) (exact when the residuals are
    i.i.d. normal). Why: a model whose answers loop scores fewer distinct 4-grams, and looping
    answers side with the teacher more often (r = -0.76 over 20 H0 students, session 23): the
    unadjusted null is a mixture over how much each model loops. None with fewer than 4 models."""
    m = len(null)
    if m < 4 or len(null_tokens) != m or tokens <= 0 or min(null_tokens) <= 0:
        return None
    x, y = np.log(np.asarray(null_tokens, dtype=float)), np.asarray(null, dtype=float)
    sxx = float(((x - x.mean()) ** 2).sum())
    if sxx == 0:
        return None
    b = float(((x - x.mean()) * (y - y.mean())).sum()) / sxx
    a = float(y.mean()) - b * float(x.mean())
    s2 = float(((y - a - b * x) ** 2).sum()) / (m - 2)
    if s2 == 0:
        return None
    x0 = math.log(tokens)
    se = math.sqrt(s2 * (1 + 1 / m + (x0 - float(x.mean())) ** 2 / sxx))
    return float(student_t.sf((statistic - a - b * x0) / se, m - 2))


def score_suspect(
    owner_model: Any,
    tokenizer: Any,
    suspect: Any,
    prompts: Sequence[Any],
    max_new_tokens: int,
    reference: Any | None = None,
) -> tuple[float, int]:
    """The lineage statistic of one suspect (or one null model) on the probe prompts; with a
    `reference` model (in the owner's tokenizer), the contrast statistic."""
    answers = probe_answers(suspect, prompts, tokenizer, max_new_tokens)
    prompt_ids = [encode_prompt(tokenizer, p) for p in prompts]
    owner_lp = teacher_logprobs(owner_model, prompt_ids, answers)
    if reference is None:
        return lineage_statistic(answers, owner_lp)
    return contrast_statistic(answers, owner_lp, teacher_logprobs(reference, prompt_ids, answers))


def lineage_result(
    statistic: float,
    tokens: int,
    null: Sequence[float],
    num_prompts: int,
    mode: str = "lineage",
    null_tokens: Sequence[int] | None = None,
) -> LineageResult:
    p, p_rank = lineage_p(statistic, null)
    adjusted = lineage_p_adjusted(statistic, tokens, null, null_tokens) if null_tokens is not None else None
    nt = list(null_tokens) if null_tokens is not None else None
    return LineageResult(mode, statistic, p, p_rank, list(null), num_prompts, tokens, adjusted, nt)

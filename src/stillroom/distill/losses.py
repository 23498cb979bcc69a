"""Distillation losses: pure functions over log-probabilities, one value per token.

Every divergence takes `s` (student) and `t` (teacher) log-probabilities of shape [N, V] (V may be
the full vocabulary or the k+1 buckets of the sparse path) and returns [N]. Sums run over the last
axis; reductions over tokens are the caller's business, so masking stays in one place.

Conventions (p = teacher, q = student, both at temperature T):

- fkl:  KL(p || q) = sum p (log p - log q)                      mean-seeking (Hinton et al. 2015)
- rkl:  KL(q || p) = sum q (log q - log p)                      mode-seeking (MiniLLM, Gu et al. 2024)
- jsd(beta): TRL's `generalized_jsd_loss` convention (GKD, Agarwal et al. 2024, eq. 1):
      m = beta p + (1 - beta) q,  JSD_beta = beta KL(p || m) + (1 - beta) KL(q || m);
  beta = 0 is defined as fkl and beta = 1 as rkl (the formula itself vanishes at both ends; it
  behaves like beta * KL(p || q) as beta -> 0 and (1 - beta) * KL(q || p) as beta -> 1).
- skl(alpha): skewed KL (DistiLLM, Ko et al. 2024): KL(p || alpha p + (1 - alpha) q);
  alpha = 0 is fkl, larger alpha bounds the loss where q has no mass.
- tvd:  0.5 sum |p - q|                                          total variation distance

Temperature divides logits before the softmax; losses are not rescaled by T^2 (as in TRL).

Sparse teacher (harvested top-k logprobs, e.g. 20 from an API): the teacher distribution is the k
known probabilities plus one *tail bucket* holding 1 - sum(top-k); the student is gathered at the
same k ids plus its own remaining mass as the tail bucket. Both (k+1)-bucket distributions are
then softened by the same temperature (log_softmax(log b / T)), so a student equal to the teacher
has zero loss at every temperature.

Entries without a usable id (id -1: padding of a short top-k row, or an alternative the teacher
tokenizer could not identify) are left out of the k known buckets on both sides: the teacher's
probability for an unidentified alternative thus lands in its tail bucket, and the student's tail is
everything outside the identified ids. In code such an entry becomes a bucket of log-probability
ABSENT in both distributions: exp() of it underflows to exactly 0 in float32, it carries no
gradient, and unlike -inf it cannot produce inf - inf = NaN in any divergence.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

TAIL_FLOOR = 1e-6  # smallest tail mass; top-k logprobs rounded in float32 can sum past 1
ABSENT = -1e4  # log-probability of a bucket that is not there (see the module docstring)


def fkl(s: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    """Forward KL(p || q) per token."""
    return (t.exp() * (t - s)).sum(-1)


def rkl(s: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    """Reverse KL(q || p) per token."""
    return (s.exp() * (s - t)).sum(-1)


def jsd(s: torch.Tensor, t: torch.Tensor, beta: float = 0.5) -> torch.Tensor:
    """Generalised JSD in TRL's convention (see the module docstring); beta in [0, 1]."""
    if beta == 0:
        return fkl(s, t)
    if beta == 1:
        return rkl(s, t)
    m = torch.logaddexp(t + math.log(beta), s + math.log1p(-beta))
    return beta * fkl(m, t) + (1 - beta) * fkl(m, s)


def skl(s: torch.Tensor, t: torch.Tensor, alpha: float = 0.1) -> torch.Tensor:
    """Skewed forward KL(p || alpha p + (1 - alpha) q); alpha in [0, 1)."""
    if alpha == 0:
        return fkl(s, t)
    m = torch.logaddexp(t + math.log(alpha), s + math.log1p(-alpha))
    return fkl(m, t)


def tvd(s: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    """Total variation distance per token."""
    return 0.5 * (t.exp() - s.exp()).abs().sum(-1)


DIVERGENCES = {"fkl": fkl, "rkl": rkl, "jsd": jsd, "skl": skl, "tvd": tvd}


def divergence(
    kind: str, s: torch.Tensor, t: torch.Tensor, beta: float = 0.5, alpha: float = 0.1
) -> torch.Tensor:
    """The divergence `kind` per token; `beta` feeds jsd and `alpha` skl."""
    if kind == "jsd":
        return jsd(s, t, beta)
    if kind == "skl":
        return skl(s, t, alpha)
    return DIVERGENCES[kind](s, t)


def dense_logprobs(logits: torch.Tensor, temperature: float = 1.0) -> torch.Tensor:
    """Full-vocabulary log-probabilities at temperature T, in float32 at least."""
    return F.log_softmax(_f32(logits) / temperature, dim=-1)


def _f32(x: torch.Tensor) -> torch.Tensor:
    """At least float32 (bf16 heads on GPU), float64 kept for reference tests and gradcheck."""
    return x if x.dtype == torch.float64 else x.float()


def log1mexp(x: torch.Tensor) -> torch.Tensor:
    """log(1 - exp(x)) for x <= 0, stable at both ends (Maechler 2012), floored at TAIL_FLOOR."""
    x = x.clamp(max=math.log1p(-TAIL_FLOOR))
    return torch.where(x > -math.log(2), torch.log(-torch.expm1(x)), torch.log1p(-torch.exp(x)))


def with_tail(top_logp: torch.Tensor) -> torch.Tensor:
    """[N, k] log-probs of k tokens -> [N, k+1] with the remaining mass as the last bucket."""
    tail = log1mexp(torch.logsumexp(top_logp, dim=-1, keepdim=True))
    return torch.cat([top_logp, tail], dim=-1)


def sparse_logprobs(
    student_logits: torch.Tensor, top_ids: torch.Tensor, top_logprobs: torch.Tensor, temperature: float = 1.0
) -> tuple[torch.Tensor, torch.Tensor]:
    """(student, teacher) log-probs over the k teacher ids + one tail bucket, both at temperature T.

    Ids < 0 and non-finite teacher logprobs are absent buckets (see the module docstring).
    """
    s_full = dense_logprobs(student_logits)
    known = (top_ids >= 0) & torch.isfinite(top_logprobs)
    s_top = s_full.gather(-1, top_ids.long().clamp(min=0)).masked_fill(~known, ABSENT)
    t_top = top_logprobs.to(s_full.dtype).masked_fill(~known, ABSENT)
    s, t = with_tail(s_top), with_tail(t_top)
    return F.log_softmax(s / temperature, dim=-1), F.log_softmax(t / temperature, dim=-1)


def cross_entropy(student_logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Per-token negative log-likelihood of `labels` (the teacher's tokens) at temperature 1."""
    return -dense_logprobs(student_logits).gather(-1, labels.long().unsqueeze(-1)).squeeze(-1)


def hidden_loss(kind: str, h_student: torch.Tensor, h_teacher: torch.Tensor) -> torch.Tensor:
    """Per-token hidden-state distance: `mse` (mean over features) or `cosine` (1 - cos)."""
    hs = _f32(h_student)
    ht = h_teacher.to(hs.dtype)
    if kind == "mse":
        return (hs - ht).pow(2).mean(-1)
    return 1 - F.cosine_similarity(hs, ht, dim=-1)

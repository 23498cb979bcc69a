"""Antidistillation: sample answers that teach a student less, using a small proxy student.

Two per-row adjustments of the teacher's next-token log-probs `lp_T` ([B, V]), applied before
temperature, top-p, logprob recording and sampling (so returned logprobs show the distribution
the text was drawn from, as with the watermark), both kept inside the teacher's own top-`top_p`
nucleus so the answer stays one the teacher would give:

- `ads`, antidistillation sampling (Savani et al., "Antidistillation Sampling", NeurIPS 2025):
  scores = lp_T + lambda * Delta, where Delta(x) estimates how much one gradient step on token x
  would raise the proxy's loss L on a downstream objective. To first order that is the
  directional derivative g . grad_theta log p_theta(x | ctx) with g = grad L; the paper's
  efficient form (and ours) is a central finite difference over two perturbed proxy copies:
      Delta(x) ~ (log p_{theta + h g}(x|ctx) - log p_{theta - h g}(x|ctx)) / (2 h),
  two extra proxy forwards per token, each with its own KV cache. Here g is unit-norm, h is
  `rel_eps` times the parameter norm, and Delta is divided by its typical spread across the
  vocabulary (measured once at build), so `strength` is in nats per standard deviation of Delta.
- `poe`, a forward-only product of experts ("The Distillation Game", arXiv 2605.22737):
  scores = lp_T - lambda * log p_proxy. A token the proxy already predicts well carries little
  new signal for a student like it, so it is down-weighted; one extra proxy forward per token.
  With a proxy equal to the teacher and lambda = 1 the nucleus becomes uniform.

The end of the answer stays the teacher's call (`keep_stop_mass`): end-of-sequence tokens keep
the teacher's probability and the adjustment only redistributes the rest. Without that, `poe`
suppresses EOS (the proxy predicts it well) and answers ramble past their end.

Strength 0 with top_p 1 leaves the teacher's distribution as it was.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass

import torch
from transformers import PreTrainedModel


def nucleus(lp: torch.Tensor, top_p: torch.Tensor) -> torch.Tensor:
    """Keep-mask of the smallest set of tokens holding >= top_p of each row's mass (top token always)."""
    sorted_lp, idx = lp.sort(-1, descending=True)
    before = sorted_lp.exp().cumsum(-1) - sorted_lp.exp()  # mass strictly above each token
    keep_sorted = before < top_p[:, None]
    return torch.zeros_like(keep_sorted).scatter(-1, idx, keep_sorted)


def poe_scores(
    lp_t: torch.Tensor, lp_proxy: torch.Tensor, strength: torch.Tensor, top_p: torch.Tensor
) -> torch.Tensor:
    """log p_T - lambda * log p_proxy inside the teacher's nucleus, -inf outside ([B, V] each)."""
    return (lp_t - strength[:, None] * lp_proxy).masked_fill(~nucleus(lp_t, top_p), -math.inf)


def fd_delta(lp_plus: torch.Tensor, lp_minus: torch.Tensor, h: float) -> torch.Tensor:
    """Central finite difference of the proxy's log-probs along the perturbation direction."""
    return (lp_plus - lp_minus) / (2 * h)


def ads_scores(
    lp_t: torch.Tensor, delta: torch.Tensor, strength: torch.Tensor, top_p: torch.Tensor
) -> torch.Tensor:
    """log p_T + lambda * Delta inside the teacher's nucleus, -inf outside."""
    return (lp_t + strength[:, None] * delta).masked_fill(~nucleus(lp_t, top_p), -math.inf)


def keep_stop_mass(adjusted: torch.Tensor, lp_t: torch.Tensor, stop: torch.Tensor) -> torch.Tensor:
    """Log-probs where the `stop` ids keep the teacher's log-probs and the other tokens share the
    remaining mass in the proportions `adjusted` gives them (rows with nothing else left: as is)."""
    if stop.numel() == 0:
        return adjusted
    rest = adjusted.index_fill(-1, stop, -math.inf)
    left = torch.log1p(-lp_t[:, stop].exp().sum(-1, keepdim=True).clamp(max=1 - 1e-6))
    out = (rest.log_softmax(-1) + left).index_copy(-1, stop, lp_t[:, stop])
    return torch.where(torch.isfinite(rest).any(-1, keepdim=True), out, adjusted)


def answer_nll(model: PreTrainedModel, seqs: list[tuple[list[int], list[int]]]) -> torch.Tensor:
    """Mean next-token NLL of each answer given its prompt, over all answer tokens (one per row)."""
    total, count = 0.0, 0
    for prompt, answer in seqs:
        ids = torch.tensor([prompt + answer], device=model.device)
        logits = model(input_ids=ids).logits[0, len(prompt) - 1 : -1].float()
        total = total + torch.nn.functional.cross_entropy(logits, ids[0, len(prompt) :], reduction="sum")
        count += len(answer)
    return total / max(count, 1)


@dataclass
class Proxy:
    """The proxy student and, for `ads`, its two copies moved by +-h along the unit loss gradient.

    `scale` turns raw finite differences into Delta of unit spread (see the module docstring)."""

    base: PreTrainedModel
    plus: PreTrainedModel
    minus: PreTrainedModel
    h: float
    scale: float

    @classmethod
    def build(
        cls, model: PreTrainedModel, seqs: list[tuple[list[int], list[int]]], rel_eps: float = 1e-3
    ) -> Proxy:
        """Proxy from `model` with the downstream loss = its NLL on `seqs` (prompt ids, answer ids):
        the teacher's own answers, i.e. what a student distilled from it would be trained to match."""
        model.eval()
        g = loss_direction(model, seqs)
        norm = math.sqrt(sum(float(p.detach().float().pow(2).sum()) for p in model.parameters()))
        h = rel_eps * norm
        plus, minus = shifted(model, g, h), shifted(model, g, -h)
        proxy = cls(model, plus, minus, h, 1.0)
        proxy.scale = 1.0 / max(proxy.delta_spread(seqs), 1e-12)
        return proxy

    @torch.inference_mode()
    def delta_spread(self, seqs: list[tuple[list[int], list[int]]]) -> float:
        """Mean over answer positions of Delta's standard deviation across the vocabulary."""
        spreads = []
        for prompt, answer in seqs:
            ids = torch.tensor([prompt + answer], device=self.base.device)
            lp = [
                m(input_ids=ids).logits[0, len(prompt) - 1 : -1].float().log_softmax(-1)
                for m in (self.plus, self.minus)
            ]
            spreads.append(fd_delta(lp[0], lp[1], self.h).std(-1).mean())
        return float(torch.stack(spreads).mean())


def loss_direction(
    model: PreTrainedModel, seqs: list[tuple[list[int], list[int]]]
) -> dict[str, torch.Tensor]:
    """The unit-norm gradient of the proxy's answer NLL, by parameter name (g in the docstring)."""
    model.zero_grad(set_to_none=True)
    with torch.enable_grad():
        answer_nll(model, seqs).backward()
    grads = {n: p.grad.detach().clone() for n, p in model.named_parameters() if p.grad is not None}
    model.zero_grad(set_to_none=True)
    norm = math.sqrt(sum(float(g.float().pow(2).sum()) for g in grads.values()))
    return {n: g / norm for n, g in grads.items()}


def shifted(model: PreTrainedModel, direction: dict[str, torch.Tensor], step: float) -> PreTrainedModel:
    """A copy of `model` with theta + step * direction (tied weights move once, as one parameter)."""
    moved = copy.deepcopy(model)
    with torch.no_grad():
        for name, p in moved.named_parameters():
            if name in direction:
                p.add_(direction[name].to(p.dtype), alpha=step)
    return moved.eval()

"""The per-batch objective: model bodies, then the vocabulary head and loss in chunks over tokens.

Memory: a [tokens x vocab] float32 logit tensor for a 49k vocabulary is 200 KB per token, per
model. We run both bodies to their last hidden states, keep only the N positions that predict a
response token, and push those through the head `chunk` tokens at a time. `ChunkedHeadLoss`
computes each chunk's loss *and its gradients* (w.r.t. the hidden states and the head weight)
inside the forward pass and frees the chunk's logits at once, the fused-linear-loss trick
(Liger-Kernel): peak memory grows with the chunk, not with batch x sequence, and unlike
activation checkpointing the head matmul (as costly as ~6 transformer layers at this vocabulary)
is never recomputed. Backward just scales the stored gradients.

Everything that touches student weights runs inside `Distiller.forward`, so DDP/FSDP wrappers see
one ordinary forward and backward.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from stillroom.distill import losses
from stillroom.distill.config import DistillConfig

LossFn = Callable[[torch.Tensor, slice], tuple[torch.Tensor, torch.Tensor | None]]


class ChunkedHeadLoss(torch.autograd.Function):
    """scale * sum over chunks of loss_fn(h[chunk] @ weight.T, chunk); stats["kl"] gets the metric sums.

    Per chunk only the [chunk, V] logits and their gradient exist; the gradients w.r.t. h and the
    head are accumulated in place (addmm_), so no extra [V, d] temporaries either. Folding the
    1/tokens normalisation in as `scale` lets backward hand the stored gradients over as they are.
    """

    @staticmethod
    def forward(ctx, h, weight, loss_fn: LossFn, chunk: int, stats: dict, scale: float = 1.0):
        need_h, need_w = ctx.needs_input_grad[0], ctx.needs_input_grad[1]
        acc = _acc_dtype(h)
        grad_h = torch.zeros_like(h) if need_h else None
        grad_w = None
        total = torch.zeros((), dtype=acc, device=h.device)
        for start in range(0, h.shape[0], chunk):
            sl = slice(start, start + chunk)
            hc = h[sl]
            with torch.enable_grad():
                logits = (hc @ weight.T).detach().requires_grad_(True)
                loss, kl = loss_fn(logits, sl)
                (g_logits,) = torch.autograd.grad(loss * scale, [logits])
            g_logits = g_logits.to(acc)
            # The gradients accumulate in `acc` whatever autocast says: under bf16 autocast the first
            # chunk's matmul came out bf16 and the next chunk's fp32 addmm_ into it failed (on CUDA).
            with torch.autocast(h.device.type, enabled=False):
                if need_h:
                    grad_h[sl] = (g_logits @ weight.to(acc)).to(h.dtype)
                if need_w:
                    gw = g_logits.T @ hc.to(acc) if grad_w is None else grad_w.addmm_(g_logits.T, hc.to(acc))
                    grad_w = gw
            total += loss.detach().to(acc) * scale
            _add(stats, "kl", kl)
        ctx.save_for_backward(grad_h, None if grad_w is None else grad_w.to(weight.dtype))
        return total

    @staticmethod
    def backward(ctx, g):
        grad_h, grad_w = ctx.saved_tensors
        if not torch.equal(g, torch.ones_like(g)):
            grad_h = None if grad_h is None else grad_h * g.to(grad_h.dtype)
            grad_w = None if grad_w is None else grad_w * g.to(grad_w.dtype)
        return grad_h, grad_w, None, None, None, None


def chunked_head_loss(
    h: torch.Tensor,
    weight: torch.Tensor,
    loss_fn: LossFn,
    chunk: int,
    stats: dict | None = None,
    scale: float = 1.0,
) -> torch.Tensor:
    """scale * summed loss over all rows of `h`; differentiable w.r.t. `h` and `weight` without [N x V] activations."""
    stats = {} if stats is None else stats
    if torch.is_grad_enabled() and (h.requires_grad or weight.requires_grad):
        return ChunkedHeadLoss.apply(h, weight, loss_fn, chunk, stats, scale)
    total = torch.zeros((), dtype=_acc_dtype(h), device=h.device)
    for start in range(0, h.shape[0], chunk):
        sl = slice(start, start + chunk)
        loss, kl = loss_fn(h[sl] @ weight.T, sl)
        total += loss.to(total.dtype) * scale
        _add(stats, "kl", kl)
    return total


def _acc_dtype(h: torch.Tensor) -> torch.dtype:
    return torch.promote_types(h.dtype, torch.float32)


def _add(stats: dict, key: str, value: torch.Tensor | None) -> None:
    if value is not None:
        stats[key] = stats.get(key, 0.0) + float(value)


@dataclass
class TeacherOut:
    """The teacher's view of a batch at the loss positions (computed without grad)."""

    last: torch.Tensor  # [N, d_t] final hidden states (after the final norm)
    head: torch.Tensor  # [V, d_t] output embedding
    layers: list[torch.Tensor]  # [N, d_t] per matched layer, for hidden-state matching


def body(model: nn.Module) -> nn.Module:
    """The decoder stack without the vocabulary head (also through a peft wrapper)."""
    m = model.get_base_model() if hasattr(model, "get_base_model") else model
    return m.base_model


def run_body(model: nn.Module, batch: dict, hidden: bool) -> tuple[torch.Tensor, tuple | None]:
    attn = batch["attention_mask"]
    pos = (attn.cumsum(-1) - 1).clamp(min=0)
    out = body(model)(
        input_ids=batch["input_ids"],
        attention_mask=attn,
        position_ids=pos,
        output_hidden_states=hidden,
        use_cache=False,
    )
    return out.last_hidden_state, (out.hidden_states if hidden else None)


@torch.no_grad()
def teacher_out(teacher: nn.Module, batch: dict, teacher_layers: list[int]) -> TeacherOut:
    last, states = run_body(teacher, batch, hidden=bool(teacher_layers))
    mask = batch["loss_mask"]
    layers = [states[i + 1][mask] for i in teacher_layers] if teacher_layers else []
    return TeacherOut(last[mask], teacher.get_output_embeddings().weight, layers)


def served_targets(teacher: Any, batch: dict, k: int) -> dict:
    """`batch` plus the sparse kd targets (`top_ids` / `top_logprobs`, one row per loss position,
    as a harvested batch has them) from a teacher in another process: `teacher.score` (an
    `OpenAITeacher` on `stillroom serve` or vLLM) over the batch's own sequences, so the usual
    top-k + tail loss (`losses.sparse_logprobs`) applies. Position p predicts token p + 1, which
    is the score's entry p."""
    lengths = batch["attention_mask"].sum(1).tolist()
    seqs = [row[:n].tolist() for row, n in zip(batch["input_ids"], lengths, strict=True)]
    scored = teacher.score(seqs, k)
    ids, lps = [], []
    for b, c in enumerate(scored):
        for p in batch["loss_mask"][b].nonzero().squeeze(1).tolist():
            top_i, top_l = c.top_ids[p], c.top_logprobs[p]
            ids.append(top_i + [-1] * (k - len(top_i)))
            lps.append(top_l + [-math.inf] * (k - len(top_l)))
    return batch | {"top_ids": torch.tensor(ids, dtype=torch.long), "top_logprobs": torch.tensor(lps)}


class Distiller(nn.Module):
    """The student plus the learned projections for hidden-state matching; forward returns the loss."""

    def __init__(
        self, student: nn.Module, cfg: DistillConfig, layer_map: list[int], teacher_width: int | None
    ):
        super().__init__()
        self.student, self.cfg = student, cfg
        n = student.config.num_hidden_layers
        self.student_layers = (
            (cfg.hidden.layers if cfg.hidden.layers is not None else list(range(n)))
            if cfg.weights.hidden
            else []
        )
        self.teacher_layers = [layer_map[i] for i in self.student_layers]
        width = student.config.hidden_size
        same = teacher_width in (None, width)
        self.proj = nn.ModuleList(
            [
                nn.Identity() if same else nn.Linear(width, teacher_width, bias=False)
                for _ in self.student_layers
            ]
        )

    def forward(self, batch: dict, teacher: TeacherOut | None, norm: float) -> tuple[torch.Tensor, dict]:
        """Sum of weighted per-token losses over the batch, divided by `norm` (tokens in the whole step)."""
        cfg, w, stats = self.cfg, self.cfg.weights, {}
        last, states = run_body(self.student, batch, hidden=bool(self.student_layers))
        mask = batch["loss_mask"]
        total = torch.zeros((), dtype=torch.float32, device=last.device)
        if w.kd or w.ce:
            fn = make_loss_fn(cfg, batch, teacher)
            total = total + chunked_head_loss(
                last[mask],
                self.student.get_output_embeddings().weight,
                fn,
                cfg.train.chunk_tokens,
                stats,
                scale=1.0 / norm,
            )
        if w.hidden:
            per_layer = [
                losses.hidden_loss(cfg.hidden.kind, p(states[i + 1][mask]), t).sum()
                for i, p, t in zip(self.student_layers, self.proj, teacher.layers, strict=True)
            ]
            total = total + w.hidden * torch.stack(per_layer).mean() / norm
        return total, stats


def make_loss_fn(cfg: DistillConfig, batch: dict, teacher: TeacherOut | None) -> LossFn:
    """The per-chunk loss (weighted kd + ce sums) and the KL(teacher || student) metric at T=1."""
    w, lc = cfg.weights, cfg.loss

    def fn(logits: torch.Tensor, sl: slice) -> tuple[torch.Tensor, torch.Tensor | None]:
        loss = torch.zeros((), dtype=torch.float32, device=logits.device)
        tw = batch["weights"][sl].to(logits.device) if "weights" in batch else 1.0  # per-teacher weights
        s1, t1 = _targets(logits, sl, batch, teacher, 1.0)
        if w.kd:
            s, t = (s1, t1) if lc.temperature == 1 else _targets(logits, sl, batch, teacher, lc.temperature)
            loss = loss + w.kd * (tw * losses.divergence(lc.kind, s, t, lc.beta, lc.alpha)).sum()
        if w.ce:
            loss = loss + w.ce * (tw * losses.cross_entropy(logits, batch["labels"][sl])).sum()
        kl = None if t1 is None else losses.fkl(s1.detach(), t1).sum()
        return loss, kl

    return fn


def _targets(logits, sl, batch, teacher, temperature):
    """(student, teacher) log-probs for this chunk: dense with an online teacher, k+1 buckets when harvested."""
    if teacher is not None:
        with torch.no_grad():
            t = losses.dense_logprobs(teacher.last[sl] @ teacher.head.T, temperature)
        return losses.dense_logprobs(logits, temperature), t
    if "top_ids" in batch:
        return losses.sparse_logprobs(logits, batch["top_ids"][sl], batch["top_logprobs"][sl], temperature)
    return None, None

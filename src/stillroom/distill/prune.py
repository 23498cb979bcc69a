"""Structured pruning by measured importance: which decoder layers, MLP channels and embedding
channels a student keeps (ShortGPT / Minitron style), and the pruned model itself.

One calibration pass of the teacher over a few dozen (prompt, teacher answer) sequences measures:
- per layer, the *block influence* (ShortGPT, Men et al. 2024): 1 - mean cosine similarity between
  a layer's input and output hidden states; a layer that barely turns the residual stream does
  little and is the first to drop;
- per layer and MLP channel, the size of what the channel writes into the residual stream: the RMS
  of its activation entering `down_proj` times the norm of its `down_proj` column. Minitron
  (Muralidharan et al. 2024) ranks by activation alone; a channel that fires often but writes
  little costs little to cut. Measured on SmolLM2-135M cut to 680 of 1536 channels in all 30
  layers (128 calibration answers, KL on 48 held-out teacher answers): KL at the pruned init 2.25
  nats/token by mean |activation|, 2.40 by mean |activation| x column norm, 1.89 by RMS x column
  norm (bench/results/student-frontier.txt, session 44);
- per embedding channel, the mean |output| of every RMSNorm (Minitron's embedding-channel score).

`drop_one_kl` measures a layer's importance more directly (the KL to the teacher when only that
layer is skipped); it costs one forward per layer, so it is for benchmarks and small teachers.

`PrunePlan` says what to keep; `prune_state` turns a teacher state dict into the student's. With
nothing pruned the student *is* the teacher (tested exactly), so any gap comes from the plan.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import torch
from torch import nn

_LAYER = re.compile(r"^model\.layers\.(\d+)\.(.+)$")


@dataclass
class Importance:
    """What one calibration pass measured (means over every calibration token)."""

    block: list[float]  # per layer: 1 - cos(input, output)
    mlp: torch.Tensor  # [layers, intermediate]: RMS of act(gate) * up, times ||down_proj[:, j]||
    hidden: torch.Tensor  # [hidden]: mean |RMSNorm output| over all norms
    tokens: int


@dataclass
class PrunePlan:
    """What the student keeps of the teacher; None = everything."""

    layers: list[int]  # teacher decoder layers, in order
    mlp_channels: list[list[int]] | None = None  # per kept layer, sorted MLP channel indices
    hidden_channels: list[int] | None = None  # sorted embedding channel indices
    notes: dict = field(default_factory=dict)

    @property
    def intermediate_size(self) -> int | None:
        return len(self.mlp_channels[0]) if self.mlp_channels else None

    @property
    def hidden_size(self) -> int | None:
        return len(self.hidden_channels) if self.hidden_channels else None


def _layers(model: nn.Module) -> nn.ModuleList:
    return model.base_model.layers


@torch.no_grad()
def measure_importance(
    model: nn.Module, sequences: Iterable[list[int] | tuple[list[int], int]]
) -> Importance:
    """Run `model` over each token sequence (one at a time: no padding to mask) and collect the stats.

    A sequence given as `(ids, start)` counts only the positions from `start` on (e.g. those that
    predict the teacher's answer, leaving out the system prompt every sequence shares); plain ids
    count every position.
    """
    layers = _layers(model)
    n_layers, ff = len(layers), model.config.intermediate_size
    dev = next(model.parameters()).device  # the sums stay where the hooks' tensors are
    cos_sum = torch.zeros(n_layers, dtype=torch.float64, device=dev)
    mlp_sq = torch.zeros(n_layers, ff, dtype=torch.float64, device=dev)
    hid_sum = torch.zeros(model.config.hidden_size, dtype=torch.float64, device=dev)
    inputs: dict[int, torch.Tensor] = {}
    hooks = []
    at = slice(None)  # the positions that count, for the sequence being run

    def pre(i):
        def fn(_m, args, kwargs):
            inputs[i] = (args[0] if args else kwargs["hidden_states"]).detach()

        return fn

    def post(i):
        def fn(_m, _args, _kwargs, out):
            h = (out[0] if isinstance(out, tuple) else out)[:, at]
            cos_sum[i] += torch.cosine_similarity(inputs[i][:, at].float(), h.float(), dim=-1).double().sum()

        return fn

    def mlp_in(i):
        def fn(_m, args):
            mlp_sq[i] += args[0][:, at].double().square().sum(dim=(0, 1))

        return fn

    def norm_out(_m, _args, out):
        hid_sum.add_(out[:, at].abs().double().sum(dim=(0, 1)))

    norms = [model.base_model.norm]
    for i, layer in enumerate(layers):
        hooks.append(layer.register_forward_pre_hook(pre(i), with_kwargs=True))
        hooks.append(layer.register_forward_hook(post(i), with_kwargs=True))
        hooks.append(layer.mlp.down_proj.register_forward_pre_hook(mlp_in(i)))
        norms += [layer.input_layernorm, layer.post_attention_layernorm]
    hooks += [n.register_forward_hook(norm_out) for n in norms]
    tokens = 0
    try:
        for seq in sequences:
            ids, start = seq if isinstance(seq, tuple) else (seq, 0)
            at = slice(start, len(ids))
            model.base_model(input_ids=torch.tensor([ids], device=model.device), use_cache=False)
            tokens += len(ids) - start
    finally:
        for h in hooks:
            h.remove()
    if tokens == 0:
        raise ValueError("no calibration tokens")
    down_norms = torch.stack([layer.mlp.down_proj.weight.double().norm(dim=0) for layer in layers])
    return Importance(
        block=[1.0 - float(c) / tokens for c in cos_sum],
        mlp=((mlp_sq / tokens).sqrt() * down_norms).float().cpu(),
        hidden=(hid_sum / (tokens * len(norms))).float().cpu(),
        tokens=tokens,
    )


def top_layers(scores: list[float], keep: int) -> list[int]:
    """The `keep` layers with the highest scores, in stack order (ties: the earlier layer)."""
    if not 1 <= keep <= len(scores):
        raise ValueError(f"keep must be in 1..{len(scores)}, got {keep}")
    ranked = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    return sorted(ranked[:keep])


def top_channels(scores: torch.Tensor, keep: int) -> list[int]:
    """Indices of the `keep` largest entries of a 1-d score vector, ascending."""
    if not 1 <= keep <= scores.numel():
        raise ValueError(f"keep must be in 1..{scores.numel()}, got {keep}")
    return sorted(torch.topk(scores, keep).indices.tolist())


def make_plan(
    imp: Importance,
    layers: int | list[int],
    intermediate: int | None = None,
    hidden: int | None = None,
    layer_scores: list[float] | None = None,
) -> PrunePlan:
    """Keep the `layers` most important layers (or exactly the given list), each with its
    `intermediate` most important MLP channels, and the `hidden` busiest embedding channels (None: all).
    `layer_scores` replaces block influence as the layer ranking."""
    if isinstance(layers, list):
        kept = sorted(layers)
    else:
        kept = top_layers(layer_scores if layer_scores is not None else imp.block, layers)
    ff = imp.mlp.shape[1]
    mlp = None if intermediate in (None, ff) else [top_channels(imp.mlp[i], intermediate) for i in kept]
    hid = None if hidden in (None, imp.hidden.numel()) else top_channels(imp.hidden, hidden)
    return PrunePlan(kept, mlp, hid)


def pruned_config(config, plan: PrunePlan):
    """The teacher's config with the plan's depth and widths (head_dim pinned: it must not follow hidden)."""
    cfg = config.__class__.from_dict(config.to_dict())
    cfg.head_dim = getattr(config, "head_dim", None) or config.hidden_size // config.num_attention_heads
    cfg.num_hidden_layers = len(plan.layers)
    if getattr(cfg, "layer_types", None):
        cfg.layer_types = [config.layer_types[i] for i in plan.layers]
    if plan.intermediate_size is not None:
        cfg.intermediate_size = plan.intermediate_size
    if plan.hidden_size is not None:
        cfg.hidden_size = plan.hidden_size
    return cfg


# Which weight dimension is the embedding (hidden) axis, per parameter name suffix.
_HIDDEN_IN = ("q_proj.weight", "k_proj.weight", "v_proj.weight", "gate_proj.weight", "up_proj.weight")
_HIDDEN_OUT = ("o_proj.weight", "down_proj.weight")
_NORMS = ("input_layernorm.weight", "post_attention_layernorm.weight")


def prune_state(state: dict[str, torch.Tensor], plan: PrunePlan) -> dict[str, torch.Tensor]:
    """The student's state dict from the teacher's (names as in LlamaForCausalLM and its kin)."""
    where = {old: new for new, old in enumerate(plan.layers)}
    hid = None if plan.hidden_channels is None else torch.tensor(plan.hidden_channels)
    out = {}
    for name, w in state.items():
        m = _LAYER.match(name)
        if m is None:
            out[name] = _slice_outer(name, w, hid)
            continue
        old, rest = int(m.group(1)), m.group(2)
        if old not in where:
            continue
        new = where[old]
        ch = None if plan.mlp_channels is None else torch.tensor(plan.mlp_channels[new])
        out[f"model.layers.{new}.{rest}"] = _slice_layer(rest, w, hid, ch)
    return out


def _slice_outer(name: str, w: torch.Tensor, hid: torch.Tensor | None) -> torch.Tensor:
    if hid is None:
        return w
    if name.endswith(("embed_tokens.weight", "lm_head.weight")):
        return w[:, hid]
    if name.endswith("norm.weight"):
        return w[hid]
    return w


def _slice_layer(
    rest: str, w: torch.Tensor, hid: torch.Tensor | None, ch: torch.Tensor | None
) -> torch.Tensor:
    if ch is not None and rest.endswith(("gate_proj.weight", "up_proj.weight")):
        w = w[ch]
    if ch is not None and rest.endswith("down_proj.weight"):
        w = w[:, ch]
    if hid is not None:
        if rest.endswith(_HIDDEN_IN):
            w = w[:, hid]
        elif rest.endswith(_HIDDEN_OUT) or rest.endswith(_NORMS):
            w = w[hid]
    return w.contiguous()


def build_pruned(teacher: nn.Module, plan: PrunePlan) -> nn.Module:
    """A new fp32 model holding the teacher's weights as the plan slices them."""
    from transformers import AutoModelForCausalLM

    cfg = pruned_config(teacher.config, plan)
    student = AutoModelForCausalLM.from_config(cfg, dtype=torch.float32)
    state = {k: v.detach().float().clone() for k, v in teacher.state_dict().items()}
    missing, unexpected = student.load_state_dict(prune_state(state, plan), strict=False)
    if unexpected or set(missing) - {"lm_head.weight"}:
        raise ValueError(f"pruned weights do not fit the config: {(unexpected or missing)[:3]}")
    student.tie_weights()
    student.generation_config = copy.deepcopy(teacher.generation_config)
    return student


def param_count(config, tied: bool = True) -> int:
    """Parameters of a Llama-style model with this config, without building it."""
    d, ff, n = config.hidden_size, config.intermediate_size, config.num_hidden_layers
    hd = getattr(config, "head_dim", None) or d // config.num_attention_heads
    q, kv = config.num_attention_heads * hd, config.num_key_value_heads * hd
    per_layer = d * (q + 2 * kv) + q * d + 3 * d * ff + 2 * d
    emb = config.vocab_size * d
    return n * per_layer + emb * (1 if tied else 2) + d


def angular_distance(cos: float) -> float:
    """arccos(cos) / pi, in [0, 1]: the angular distance Gromov et al. rank layer runs by."""
    return math.acos(max(-1.0, min(1.0, cos))) / math.pi

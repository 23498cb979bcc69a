"""The cost ledger: what distilling took (teacher queries, student training) against training from scratch.

FLOPs follow Kaplan et al. 2020: a training step costs ~6 x params x tokens, a forward pass
~2 x params x tokens. The from-scratch figure uses the teacher's published training token count,
so "distilling is N times cheaper" is a measured ratio against a sourced number, not a claim.

A student is charged for the harvest it *trained on* (its run summary names the store and the
harvest config), not for the held-out answers eval reads: those cost the teacher too, but they are
the evaluation's cost, listed apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from stillroom.contracts.artifacts import HarvestCost, RunSummary, ScratchCost, StudentCost
from stillroom.contracts.teacher_spec import canonical
from stillroom.harvest.store import HarvestStore

# SmolLM2-135M was pretrained on 2 trillion tokens.
# Source: the model card, https://huggingface.co/HuggingFaceTB/SmolLM2-135M ("trained on 2 trillion
# tokens"), and Allal et al. 2025, "SmolLM2: When Smol Goes Big", arXiv:2502.02737.
SMOLLM2_135M_TRAIN_TOKENS = 2_000_000_000_000
KNOWN_TRAIN_TOKENS = {"hf:default": SMOLLM2_135M_TRAIN_TOKENS}  # keyed by canonical teacher spec


def train_flops(params: int, tokens: int) -> float:
    return 6.0 * params * tokens


def forward_flops(params: int, tokens: int) -> float:
    return 2.0 * params * tokens


def harvest_cost(
    store: str | Path,
    config_row: dict[str, Any],
    teacher_params: int,
    purpose: Literal["training", "held-out"],
) -> HarvestCost:
    """Teacher tokens, FLOPs and wall time of one harvest config (a row of `HarvestStore.configs()`)."""
    pt, ct = config_row.get("prompt_tokens") or 0, config_row.get("completion_tokens") or 0
    return HarvestCost(
        store=str(Path(store).resolve()),
        config_key=config_row["config_key"],
        purpose=purpose,
        completions=config_row.get("completions") or 0,
        teacher_prompt_tokens=pt,
        teacher_completion_tokens=ct,
        teacher_tokens=pt + ct,
        teacher_flops=forward_flops(teacher_params, pt + ct),
        teacher_wall_s=config_row.get("latency_s") or 0.0,
    )


def training_harvest(summary: RunSummary, teacher_params: int) -> HarvestCost | None:
    """The harvest a run trained on, read from the store its summary names; None if that store is gone.

    A run on several teachers (`harvest_key` {key: weight, ...}) paid for all their harvests: their
    tokens and wall time add up, with FLOPs counted at `teacher_params` (the local teacher's size).
    """
    if not Path(summary.store).is_file():
        return None
    keys = summary.harvest_key if isinstance(summary.harvest_key, dict) else {summary.harvest_key: 1.0}
    store = HarvestStore(summary.store)
    try:
        rows = [c for c in store.configs() if c["config_key"] in keys]
    finally:
        store.close()
    if not rows:
        return None
    fields = ("completions", "prompt_tokens", "completion_tokens", "latency_s")
    row = {"config_key": "+".join(c["config_key"] for c in rows)}
    row |= {f: sum(c.get(f) or 0 for c in rows) for f in fields}
    return harvest_cost(summary.store, row, teacher_params, "training")


def student_cost(
    summary: RunSummary, student_params: int, teacher_params: int, harvest: HarvestCost | None
) -> StudentCost:
    """Distillation cost of one student: its training plus the teacher work it consumed."""
    flops = train_flops(student_params, summary.train_tokens)
    # Online teacher signal runs a teacher forward on every training token; harvested data was paid for once.
    online = summary.signal == "online" and summary.method in ("kd", "gkd", "hidden")
    teacher_flops = forward_flops(teacher_params, summary.train_tokens) if online else 0.0
    return StudentCost(
        method=summary.method,
        signal=summary.signal,
        steps=summary.steps,
        train_tokens=summary.train_tokens,
        wall_s=summary.wall_s,
        harvest_store=harvest.store if harvest else None,
        harvest_key=harvest.config_key if harvest else None,
        train_flops=flops,
        teacher_forward_flops=teacher_flops,
        total_flops=flops + teacher_flops + (harvest.teacher_flops if harvest else 0.0),
        total_wall_s=summary.wall_s + (harvest.teacher_wall_s if harvest else 0.0),
    )


def scratch_cost(teacher_spec: str, teacher_params: int, train_tokens: int | None) -> ScratchCost:
    teacher_spec = canonical(teacher_spec)
    tokens = train_tokens or KNOWN_TRAIN_TOKENS.get(teacher_spec)
    if not tokens:
        return ScratchCost(source="unknown: pass teacher_train_tokens")
    source = (
        "SmolLM2-135M model card (2T tokens), arXiv:2502.02737"
        if tokens == SMOLLM2_135M_TRAIN_TOKENS and teacher_spec in KNOWN_TRAIN_TOKENS
        else "teacher_train_tokens from the eval config"
    )
    return ScratchCost(train_tokens=tokens, train_flops=train_flops(teacher_params, tokens), source=source)

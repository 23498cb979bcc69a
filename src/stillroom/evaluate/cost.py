"""The cost ledger: what distilling took (teacher queries, student training) against training from scratch.

FLOPs follow Kaplan et al. 2020: a training step costs ~6 x params x tokens, a forward pass
~2 x params x tokens. The from-scratch figure uses the teacher's published training token count,
so "distilling is N times cheaper" is a measured ratio against a sourced number, not a claim.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from stillroom.contracts.teacher_spec import canonical

# SmolLM2-135M was pretrained on 2 trillion tokens.
# Source: the model card, https://huggingface.co/HuggingFaceTB/SmolLM2-135M ("trained on 2 trillion
# tokens"), and Allal et al. 2025, "SmolLM2: When Smol Goes Big", arXiv:2502.02737.
SMOLLM2_135M_TRAIN_TOKENS = 2_000_000_000_000
KNOWN_TRAIN_TOKENS = {"hf:default": SMOLLM2_135M_TRAIN_TOKENS}  # keyed by canonical teacher spec

# Names a distill run may use in summary.json for the same quantity (the reader tolerates any).
_TOKEN_KEYS = ("train_tokens", "tokens", "tokens_seen", "total_tokens", "tokens_trained")
_WALL_KEYS = ("seconds", "wall_s", "wall_time_s", "elapsed_s", "train_wall_s", "time_s")


def train_flops(params: int, tokens: int) -> float:
    return 6.0 * params * tokens


def forward_flops(params: int, tokens: int) -> float:
    return 2.0 * params * tokens


def _first(d: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((d[k] for k in keys if d.get(k) is not None), None)


def read_run(run_dir: str | Path) -> dict[str, Any]:
    """Training tokens, steps, wall time, method and teacher signal of a distill run folder.

    summary.json first (written when a run finishes), metrics.jsonl and config.yaml as fallbacks.
    """
    run_dir = Path(run_dir)
    summary = read_json(run_dir / "summary.json")
    rows = _read_jsonl(run_dir / "metrics.jsonl")
    config = _read_yaml(run_dir / "config.yaml")
    tokens = _first(summary, _TOKEN_KEYS)
    if tokens is None and rows:
        tokens = sum(r.get("tokens", 0) for r in rows) or None
    wall = _first(summary, _WALL_KEYS)
    if wall is None and rows:
        wall = sum(r.get("seconds", 0.0) for r in rows) or None
    return {
        "train_tokens": tokens,
        "wall_s": wall,
        "steps": summary.get("steps") or (rows[-1].get("step") if rows else None),
        "method": summary.get("method") or config.get("method"),
        "signal": summary.get("signal") or config.get("signal"),
    }


def _read_yaml(p: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(p.read_text()) if p.is_file() else {}
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def read_json(p: Path) -> dict[str, Any]:
    try:
        return json.loads(p.read_text()) if p.is_file() else {}
    except json.JSONDecodeError:
        return {}


def _read_jsonl(p: Path) -> list[dict[str, Any]]:
    if not p.is_file():
        return []
    rows = []
    for line in p.read_text().splitlines():
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # a half-written last line from a killed run
    return rows


def harvest_cost(config_row: dict[str, Any] | None, teacher_params: int) -> dict[str, Any]:
    """Teacher tokens queried under one harvest config (a row of `HarvestStore.configs()`)."""
    if not config_row:
        return {}
    pt, ct = config_row.get("prompt_tokens") or 0, config_row.get("completion_tokens") or 0
    return {
        "completions": config_row.get("completions"),
        "teacher_prompt_tokens": pt,
        "teacher_completion_tokens": ct,
        "teacher_tokens": pt + ct,
        "teacher_flops": forward_flops(teacher_params, pt + ct),
        "teacher_wall_s": config_row.get("latency_s"),
    }


def student_cost(
    run: dict[str, Any], student_params: int, teacher_params: int, harvest: dict[str, Any]
) -> dict[str, Any]:
    """Distillation cost of one student: its training plus the teacher work it consumed."""
    tokens = run.get("train_tokens") or 0
    flops = train_flops(student_params, tokens)
    # Online teacher signal runs a teacher forward on every training token; harvested data was paid for once.
    online = run.get("signal") == "online" and run.get("method") in ("kd", "gkd", "hidden")
    teacher_flops = forward_flops(teacher_params, tokens) if online else 0.0
    total = flops + teacher_flops + (harvest.get("teacher_flops") or 0.0)
    return {
        **run,
        "train_flops": flops,
        "teacher_forward_flops": teacher_flops,
        "total_flops": total,
        "total_wall_s": (run.get("wall_s") or 0) + (harvest.get("teacher_wall_s") or 0),
    }


def scratch_cost(teacher_spec: str, teacher_params: int, train_tokens: int | None) -> dict[str, Any]:
    teacher_spec = canonical(teacher_spec)
    tokens = train_tokens or KNOWN_TRAIN_TOKENS.get(teacher_spec)
    if not tokens:
        return {"train_tokens": None, "train_flops": None, "source": "unknown: pass teacher_train_tokens"}
    source = (
        "SmolLM2-135M model card (2T tokens), arXiv:2502.02737"
        if tokens == SMOLLM2_135M_TRAIN_TOKENS and teacher_spec in KNOWN_TRAIN_TOKENS
        else "teacher_train_tokens from the eval config"
    )
    return {"train_tokens": tokens, "train_flops": train_flops(teacher_params, tokens), "source": source}

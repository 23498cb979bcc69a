"""`stillroom eval`: measure models against their teacher on held-out prompts; writes `<out>/eval.json`."""

from __future__ import annotations

from pathlib import Path

import typer

from stillroom.config import load_config
from stillroom.errors import UserError


def eval_cmd(
    store: str = typer.Option(
        None, "--store", help="harvest store (SQLite) with the prompts and teacher answers"
    ),
    model: list[str] = typer.Option(
        [], "--model", "-m", help="NAME=SPEC: hf:PATH, a model folder or a distill run folder"
    ),
    teacher: str = typer.Option(None, "--teacher", help="teacher spec (hf:default, hf:PATH)"),
    floor: str = typer.Option(None, "--floor", help="NAME of the model that is the floor (the pruned init)"),
    out: str = typer.Option(None, "--out", "-o", help="output folder for eval.json"),
    max_heldout: int = typer.Option(None, "--max-heldout", help="held-out prompts to use"),
    config: Path = typer.Option(None, "--config", "-c", help="YAML EvalConfig"),
) -> None:
    """Fidelity, capability, size/speed and cost of each model vs the teacher, on held-out prompts."""
    from stillroom.evaluate.run import EvalConfig, evaluate  # torch, transformers: only when this runs

    models = {}
    for m in model:
        name, sep, spec = m.partition("=")
        if not sep or not name or not spec:
            raise UserError(f"--model wants NAME=SPEC (e.g. kd=runs/kd), got {m!r}")
        models[name] = spec
    cfg = load_config(
        EvalConfig,
        config,
        store=store,
        teacher=teacher,
        floor=floor,
        out=out,
        max_heldout=max_heldout,
        models=models or None,
    )
    path = evaluate(cfg)
    typer.echo(str(path))

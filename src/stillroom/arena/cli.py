"""`stillroom arena`: replay benign users and distillers through serve + guard and measure it all."""

from __future__ import annotations

from pathlib import Path

import typer

from stillroom.arena.config import ArenaConfig
from stillroom.config import load_config


def arena(
    out: Path = typer.Option(Path("runs/arena"), "--out", help="run folder"),
    config: Path = typer.Option(None, "--config", help="ArenaConfig YAML; flags override it"),
    seed: int = typer.Option(None, "--seed", help="traffic seed (each seed is one simulated day)"),
    teacher: str = typer.Option(
        None, "--teacher", help="model behind serve (default hf:default; `fake` is fast)"
    ),
    day_fraction: float = typer.Option(None, "--day-fraction", help="replay this share of each key's day"),
    no_loop: bool = typer.Option(False, "--no-loop", help="skip the closed loop (distil, eval, trace)"),
    steps: int = typer.Option(None, "--steps", help="closed loop: distillation steps per student"),
) -> None:
    """Start serve and guard on 127.0.0.1, drive personas through them, and report what was caught."""
    from stillroom.arena.run import (  # accelerate, matplotlib, openai, peft, safetensors, scipy, sqlalchemy, torch, transformers: only when this runs
        headline,
        run_arena,
    )

    cfg = load_config(
        ArenaConfig,
        config,
        seed=seed,
        teacher=teacher,
        day_fraction=day_fraction,
        **{"loop.enabled": False if no_loop else None, "loop.steps": steps},
    )
    summary = run_arena(cfg, out)
    typer.echo(headline(summary))
    typer.echo(f"report: {out / 'report.html'}")

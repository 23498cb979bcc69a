"""`stillroom distill`: train a student from a YAML config, common knobs as flags (no torch at import)."""

from __future__ import annotations

from pathlib import Path

import typer

from stillroom.config import load_config
from stillroom.distill.config import DistillConfig, check_inputs
from stillroom.errors import UserError


def distill(
    config: Path | None = typer.Option(
        None, "--config", "-c", help="DistillConfig YAML (see examples/distill.yaml)"
    ),
    store: str | None = typer.Option(None, help="harvest store (SQLite)"),
    out: str | None = typer.Option(None, help="run folder"),
    teacher: str | None = typer.Option(
        None, help="teacher spec: hf:default, hf:/path/model, or openai:URL (a served teacher, online kd)"
    ),
    method: str | None = typer.Option(None, help="sft | kd | gkd | hidden"),
    signal: str | None = typer.Option(None, help="kd teacher signal: online | harvested"),
    loss: str | None = typer.Option(None, help="fkl | rkl | jsd | skl | tvd"),
    beta: float | None = typer.Option(None, help="jsd beta (0 = forward KL, 1 = reverse KL)"),
    temperature: float | None = typer.Option(None, help="distillation temperature"),
    steps: int | None = typer.Option(None, help="optimizer steps"),
    batch_size: int | None = typer.Option(None, help="sequences per micro-batch"),
    grad_accum: int | None = typer.Option(None, help="micro-batches per optimizer step"),
    lr: float | None = typer.Option(None, help="peak learning rate"),
    layers: int | None = typer.Option(None, help="student.layers for init prune"),
    seed: int | None = typer.Option(None),
    resume: bool = typer.Option(False, "--resume", help="continue the run in --out from its last checkpoint"),
) -> None:
    """Distil the teacher into a student; writes config, metrics, checkpoints and student/ to the run folder."""
    if resume and config is None:
        if not out:
            raise UserError("--resume continues a run: give its folder with --out RUN")
        if not (Path(out) / "config.yaml").is_file():
            raise UserError(
                f"nothing to resume in {out}: no run there (no config.yaml); drop --resume to start one"
            )
        config = Path(out) / "config.yaml"
    overrides = {
        "store": store,
        "out": out,
        "teacher": teacher,
        "method": method,
        "signal": signal,
        "loss.kind": loss,
        "loss.beta": beta,
        "loss.temperature": temperature,
        "train.steps": steps,
        "train.batch_size": batch_size,
        "train.grad_accum": grad_accum,
        "train.lr": lr,
        "student.layers": layers,
        "train.seed": seed,
    }
    cfg = load_config(DistillConfig, config, **overrides)
    check_inputs(cfg, resume)  # before torch and the models load
    # torch, transformers, accelerate, peft: imported when this runs, so --help and input errors stay fast
    from stillroom.distill.train import train

    try:
        folder = train(cfg, resume=resume)
    except KeyboardInterrupt:
        typer.echo(interrupted_message(Path(cfg.out), cfg.train.steps), err=True)
        raise typer.Exit(130) from None
    typer.echo(f"student written to {folder / 'student'}")


def interrupted_message(out: Path, steps: int) -> str:
    """What a Ctrl-C left: the newest complete checkpoint (a resume starts there), or none."""
    if not (out / "config.yaml").is_file():
        return "interrupted before training started: nothing was written; rerun the same command"
    done = sorted(p.parent.name for p in (out / "checkpoints").glob("step-*/position.json"))
    if not done:
        return (
            f"interrupted before the first checkpoint: nothing to keep in {out}; "
            f"`stillroom distill --out {out} --resume` starts it again from step 0"
        )
    step = int(done[-1].removeprefix("step-"))
    return (
        f"interrupted: the checkpoint at step {step} of {steps} is saved in {out}/checkpoints/{done[-1]}; "
        f"`stillroom distill --out {out} --resume` continues from there"
    )

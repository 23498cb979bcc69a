"""`stillroom eval`: measure models against their teacher on held-out prompts; writes `<out>/eval.json`."""

from __future__ import annotations

from pathlib import Path

import typer

from stillroom.config import load_config
from stillroom.contracts.artifacts import EvalReport
from stillroom.errors import UserError
from stillroom.evaluate.config import EvalConfig, check_inputs
from stillroom.headline import as_text, headline_lines
from stillroom.runs import read_artifact


def eval_cmd(
    store: str = typer.Option(
        None, "--store", help="harvest store (SQLite) with the prompts and teacher answers"
    ),
    model: list[str] = typer.Option(
        [], "--model", "-m", help="NAME=SPEC: hf:PATH, a model folder or a distill run folder"
    ),
    teacher: str = typer.Option(None, "--teacher", help="teacher spec (hf:default, hf:PATH)"),
    floor: str = typer.Option(None, "--floor", help="NAME of the model that is the floor (the pruned init)"),
    key: str = typer.Option(None, "--key", help="harvest config in the store (needed when it holds several)"),
    out: str = typer.Option(None, "--out", "-o", help="output folder for eval.json"),
    max_heldout: int = typer.Option(None, "--max-heldout", help="held-out prompts to use"),
    config: Path = typer.Option(None, "--config", "-c", help="YAML EvalConfig"),
) -> None:
    """Task accuracy kept, KL, perplexity and degeneration of each model vs the teacher, then size, speed, cost."""

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
        config_key=key,
        out=out,
        max_heldout=max_heldout,
        models=models or None,
    )
    check_inputs(cfg)  # before torch and the models load
    from stillroom.evaluate.run import evaluate  # torch, transformers: only when this runs

    path = evaluate(cfg)
    print_headline(path)
    typer.echo(str(path))


def print_headline(path: Path) -> None:
    """The capability-first headline of an eval report, verdicts in colour (the demo prints the same)."""

    def colour(word: str) -> str:
        return typer.style(word, fg="green" if word == "usable" else "red", bold=True)

    for line in headline_lines(read_artifact(path, EvalReport)):
        typer.echo(as_text(line, colour))

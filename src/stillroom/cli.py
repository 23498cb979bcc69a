"""stillroom's command line: one sub-command per stage, in pipeline order.

Distill half:  queries -> harvest -> distill -> eval -> report   (`demo` runs them all)
Defend half:   serve, guard, keys, detect, watermark, trace, indicators, arena

Each stage's commands live in that stage's package (`stillroom/<stage>/cli.py`) and import heavy
libraries (torch, transformers) inside the command body, so `stillroom --help` stays instant.
"""

from __future__ import annotations

import os
import sys

import typer

from stillroom import demo as demo_mod
from stillroom.arena import cli as arena_cli
from stillroom.detector import cli as indicators_cli
from stillroom.distill import cli as distill_cli
from stillroom.errors import UserError
from stillroom.evaluate import cli as eval_cli
from stillroom.guard import cli as guard_cli
from stillroom.harvest import cli as harvest_cli
from stillroom.queries import cli as queries_cli
from stillroom.report import cli as report_cli
from stillroom.serve import cli as serve_cli
from stillroom.watermark import cli as watermark_cli

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    help="Distil a teacher LLM into a student; guard a model API against unauthorised distillation.",
)

app.command("queries")(queries_cli.queries)
app.command("harvest")(harvest_cli.harvest)
app.command("distill")(distill_cli.distill)
app.command("eval")(eval_cli.eval_cmd)
app.command("report")(report_cli.report)
app.command("demo")(demo_mod.demo)
app.command("serve")(serve_cli.serve)
app.command("guard")(guard_cli.guard)
app.add_typer(guard_cli.keys_app, name="keys")
app.add_typer(watermark_cli.app, name="watermark")
app.command("trace")(watermark_cli.trace)
app.add_typer(indicators_cli.app, name="indicators")
app.command("detect")(indicators_cli.detect)
app.command("arena")(arena_cli.arena)


def main() -> None:
    # OpenMP's default busy-waiting makes torch ~8x slower when other processes share the cores
    # (measured in bench/results/harvest.txt); passive waiting costs little on an idle machine.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        app()
    except UserError as e:
        typer.secho(f"error: {e}", fg="red", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()

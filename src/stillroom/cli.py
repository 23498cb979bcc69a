"""stillroom's command line: one sub-command per stage, in pipeline order.

Distill half:  queries -> harvest -> distill -> eval -> report   (`demo` runs them all)
Defend half:   serve, guard, keys, watermark, trace, indicators, arena

Each stage's commands live in that stage's package (`stillroom/<stage>/cli.py`) and import heavy
libraries (torch, transformers) inside the command body, so `stillroom --help` stays instant.
"""

from __future__ import annotations

import sys

import typer

from stillroom.errors import UserError
from stillroom.harvest import cli as harvest_cli
from stillroom.queries import cli as queries_cli

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_show_locals=False,
                  help="Distil a teacher LLM into a student; guard a model API against unauthorised distillation.")

app.command("queries")(queries_cli.queries)
app.command("harvest")(harvest_cli.harvest)


def main() -> None:
    try:
        app()
    except UserError as e:
        typer.secho(f"error: {e}", fg="red", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()

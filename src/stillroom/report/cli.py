"""`stillroom report RUN_DIR... --out report.html`: one self-contained HTML page comparing runs."""

from __future__ import annotations

from pathlib import Path

import typer

from stillroom.report.load import load


def report(
    runs: list[Path] = typer.Argument(
        ..., help="distill run folders, eval folders (eval.json) or eval JSON files"
    ),
    out: Path = typer.Option(Path("report.html"), "--out", "-o", help="where to write the HTML page"),
) -> None:
    """Training curves, fidelity and capability per domain, cost, size/speed and side-by-side answers."""
    path = write_report(runs, out)
    typer.echo(str(path))


def write_report(runs: list[Path], out: Path) -> Path:
    from stillroom.report.render import render  # matplotlib: only when this runs

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_text(render(load(runs)), encoding="utf-8")
    tmp.replace(out)
    return out

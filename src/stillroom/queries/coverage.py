"""How well a prompt set covers its taxonomy: counts per cell, empty cells named, unassigned rows apart.

The JSON form is written next to the prompt set so a later stage (or a reviewer) can see which
cells a distilled student was never asked about; the table is the same numbers for a terminal.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich import box
from rich.table import Table

from stillroom.contracts.prompts import PromptRow
from stillroom.queries.expand import SOURCES
from stillroom.queries.taxonomy import Taxonomy


def coverage(rows: list[PromptRow], tax: Taxonomy) -> dict[str, Any]:
    cells = tax.cells()
    known = set(cells)
    counts = Counter((r.cell, r.source) for r in rows)
    table = []
    for cell in cells:
        by_source = {s: counts[(cell, s)] for s in SOURCES if counts[(cell, s)]}
        table.append({**cell.as_dict(), "count": sum(by_source.values()), "by_source": by_source})
    outside = Counter(str(r.cell) for r in rows if r.cell not in known)
    return {
        "total": len(rows),
        "cells": len(cells),
        "filled": sum(1 for c in table if c["count"]),
        "empty": [f"{c['domain']}/{c['task']}/{c['difficulty']}" for c in table if not c["count"]],
        "by_source": {s: n for s in SOURCES if (n := sum(1 for r in rows if r.source == s))},
        "unassigned": dict(sorted(outside.items())),
        "counts": table,
    }


def coverage_table(cov: dict[str, Any], tax: Taxonomy) -> Table:
    """Tasks down, domains across, prompts per (task, domain) over all difficulties.

    A red count with '!' means at least one difficulty of that pair is empty. It fits 80 columns:
    domain names are cut to four characters (the JSON has full names and per-cell counts).
    """
    levels = [d.name for d in tax.difficulties]
    n = {(c["domain"], c["task"], c["difficulty"]): c["count"] for c in cov["counts"]}
    table = Table(
        title=f"coverage: {cov['filled']}/{cov['cells']} cells filled, {cov['total']} prompts",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        padding=(0, 0),
    )
    table.add_column("task", no_wrap=True)
    for dom in tax.domains:
        table.add_column(dom.name[:4].strip(), justify="right", no_wrap=True)
    for task in tax.tasks:
        row = []
        for dom in tax.domains:
            vals = [n[(dom.name, task.name, lv)] for lv in levels]
            row.append(f"[red]{sum(vals)}![/red]" if 0 in vals else str(sum(vals)))
        table.add_row(task.name, *row)
    notes = [f"red '!': a difficulty ({'/'.join(levels)}) is empty"] if cov["empty"] else []
    if cov["unassigned"]:
        notes.append(f"{sum(cov['unassigned'].values())} prompts outside the grid (unassigned)")
    table.caption = "; ".join(notes) or None
    return table

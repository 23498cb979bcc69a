"""Small HTML builders for the report: escaped text, formatted numbers, fixed-layout tables, inline images."""

from __future__ import annotations

import html
from typing import Any


def esc(x: Any) -> str:
    return html.escape(str(x))


def num(x: Any, fmt: str = "{:.3f}") -> str:
    return fmt.format(x) if isinstance(x, int | float) else "–"


def pct(x: Any) -> str:
    return f"{100 * x:.0f}%" if isinstance(x, int | float) else "–"


def interval(ci: tuple[float, float] | None) -> str:
    return f"[{100 * ci[0]:.0f}–{100 * ci[1]:.0f}%]" if ci else "[–]"


def sci(x: Any) -> str:
    return f"{x:.2e}" if isinstance(x, int | float) and x else "–"


def mib(x: Any) -> str:
    return f"{x / 2**20:.1f} MiB" if isinstance(x, int | float) else "–"


def table(header: list[str], rows: list[list[str]], widths: list[int] | None = None) -> str:
    """Cells are already-escaped HTML; numeric-looking cells are right-aligned; `widths` in % per column."""
    cols = "".join(f'<col style="width:{w}%">' for w in widths) if widths else ""
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f'<td class="{"num" if _numeric(c) else ""}">{c}</td>' for c in r) + "</tr>"
        for r in rows
    )
    return f"<table>{f'<colgroup>{cols}</colgroup>' if cols else ''}<tr>{head}</tr>{body}</table>"


def _numeric(cell: str) -> bool:
    return bool(cell) and (cell[0].isdigit() or cell[0] in "-–.")


def img(b64: str | None, alt: str) -> str:
    if not b64:
        return f'<p class="muted">no data for {esc(alt)}</p>'
    return f'<img alt="{esc(alt)}" src="data:image/png;base64,{b64}">'

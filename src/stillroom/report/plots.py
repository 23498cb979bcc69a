"""Matplotlib figures rendered to base64 PNG, so the report is one file with no outside requests.

Each function takes plain data (run metrics, eval model rows) and returns a PNG as base64 text,
or None when there is nothing to draw; the page then shows a note instead of an empty axis.
"""

from __future__ import annotations

import base64
import io
import math
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

CURVE_KEYS = ("loss", "kl")


def png_base64(fig) -> str:
    """The figure as base64 PNG for an <img> in a self-contained report; closes the figure."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _series(rows: list[dict[str, Any]], key: str) -> tuple[list[float], list[float]]:
    pts = [(r.get("step", i), r[key]) for i, r in enumerate(rows) if isinstance(r.get(key), int | float)]
    pts = [(s, v) for s, v in pts if math.isfinite(v)]
    return [s for s, _ in pts], [v for _, v in pts]


def curves(runs: list[tuple[str, list[dict[str, Any]]]]) -> str | None:
    """Loss and KL over steps, one line per run; a panel per metric that any run logged."""
    keys = [k for k in CURVE_KEYS if any(_series(rows, k)[0] for _, rows in runs)]
    if not keys:
        return None
    fig, axes = plt.subplots(1, len(keys), figsize=(5.5 * len(keys), 3.6), squeeze=False)
    for ax, key in zip(axes[0], keys, strict=True):
        for name, rows in runs:
            xs, ys = _series(rows, key)
            if xs:
                ax.plot(xs, ys, label=name, linewidth=1.4)
        ax.set_xlabel("step")
        ax.set_ylabel(key)
        ax.set_title(f"training {key}")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    return png_base64(fig)


def heatmap(
    rows: list[str],
    cols: list[str],
    values: list[list[float | None]],
    title: str,
    fmt: str = "{:.2f}",
    cmap: str = "viridis",
    reverse: bool = False,
) -> str | None:
    """A models x domains grid with each cell's number written in it; None cells are blank."""
    if not rows or not cols:
        return None
    grid = [[math.nan if v is None else float(v) for v in row] for row in values]
    fig, ax = plt.subplots(figsize=(1.2 + 1.1 * len(cols), 0.9 + 0.5 * len(rows)))
    im = ax.imshow(grid, cmap=cmap + ("_r" if reverse else ""), aspect="auto")
    ax.set_xticks(range(len(cols)), cols, rotation=30, ha="right")
    ax.set_yticks(range(len(rows)), rows)
    for i, row in enumerate(values):
        for j, v in enumerate(row):
            if v is not None:
                ax.text(
                    j,
                    i,
                    fmt.format(v),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white",
                    bbox={"facecolor": "black", "alpha": 0.35, "pad": 1, "linewidth": 0},
                )
    ax.set_title(title)
    fig.colorbar(im, ax=ax, fraction=0.04)
    return png_base64(fig)


def cost_bars(labels: list[str], flops: list[float]) -> str | None:
    """Training FLOPs per route on a log axis: distilling a student vs training the teacher from scratch."""
    pairs = [(lab, f) for lab, f in zip(labels, flops, strict=True) if f and f > 0]
    if not pairs:
        return None
    fig, ax = plt.subplots(figsize=(6.5, 0.6 + 0.45 * len(pairs)))
    ax.barh([p[0] for p in pairs], [p[1] for p in pairs], color="#4c72b0")
    ax.set_xscale("log")
    ax.set_xlabel("FLOPs (log scale)")
    ax.invert_yaxis()
    ax.grid(axis="x", alpha=0.3)
    return png_base64(fig)

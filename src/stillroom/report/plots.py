"""Matplotlib figures rendered to base64 PNG, so the report is one file with no outside requests.

Each function takes plain data (run metrics, eval model rows) and returns a PNG as base64 text,
or None when there is nothing to draw; the page then shows a note instead of an empty axis.
"""

from __future__ import annotations

import base64
import io
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from stillroom.contracts.artifacts import MetricsLine

# (field of MetricsLine, panel title): training curves first, then the validation curve
PANELS = (
    ("loss", "training loss"),
    ("kl", "training-batch KL, nats/token"),
    ("val_kl", "validation: held-out KL, nats/token"),
    ("val_ppl", "validation: perplexity of teacher answers"),
)


def png_base64(fig) -> str:
    """The figure as base64 PNG for an <img> in a self-contained report; closes the figure."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def series(rows: list[MetricsLine], key: str) -> tuple[list[int], list[float]]:
    pts = [(r.step, getattr(r, key)) for r in rows if isinstance(getattr(r, key), int | float)]
    pts = [(s, v) for s, v in pts if math.isfinite(v)]
    return [s for s, _ in pts], [v for _, v in pts]


def curves(runs: list[tuple[str, list[MetricsLine]]]) -> str | None:
    """One panel per metric any run logged (two per row), one line per run; validation points marked."""
    panels = [(k, t) for k, t in PANELS if any(series(rows, k)[0] for _, rows in runs)]
    if not panels:
        return None
    cols = min(2, len(panels))
    nrows = math.ceil(len(panels) / cols)
    fig, axes = plt.subplots(nrows, cols, figsize=(5.6 * cols, 3.3 * nrows), squeeze=False)
    for ax, (key, title) in zip(axes.flat, panels, strict=False):
        for name, rows in runs:
            xs, ys = series(rows, key)
            if xs:
                ax.plot(
                    xs, ys, label=name, linewidth=1.4, marker="o" if key.startswith("val") else None, ms=3
                )
        ax.set_xlabel("step")
        ax.set_title(title, fontsize=10)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    for ax in list(axes.flat)[len(panels) :]:
        ax.set_visible(False)
    fig.tight_layout()
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
    fig, ax = plt.subplots(figsize=(min(1.2 + 1.1 * len(cols), 12), 0.9 + 0.5 * len(rows)))
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


def cost_bars(labels: list[str], flops: list[float | None]) -> str | None:
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

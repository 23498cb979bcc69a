"""The arena's page, in the same style as `stillroom report`: headline, per family, per key, ROC, loop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from stillroom.report.cells import esc, img, num, pct, sci, table
from stillroom.report.plots import png_base64
from stillroom.report.render import CSS


def roc_plot(roc: dict[str, list[float]], auc: float) -> str:
    fig, ax = plt.subplots(figsize=(4, 4))
    ax.plot(roc["fpr"], roc["tpr"], drawstyle="steps-post", label=f"AUC {auc:.3f}")
    ax.plot([0, 1], [0, 1], ls=":", c="grey")
    ax.set(
        xlabel="benign keys flagged (FPR)",
        ylabel="distiller keys flagged (TPR)",
        title="max suspicion score per key",
    )
    ax.legend(loc="lower right")
    return png_base64(fig)


def detection_plot(keys: list[dict[str, Any]], within: int) -> str:
    fig, ax = plt.subplots(figsize=(7, 3.5))
    fams = sorted({k["family"] for k in keys})
    for i, fam in enumerate(fams):
        for k in (k for k in keys if k["family"] == fam):
            color = "tab:red" if k["label"] == "distiller" else "tab:green"
            ax.plot([1, max(1, k["requests"])], [i, i], c="#ddd", lw=4, solid_capstyle="butt")
            if k["first_flag"]:
                ax.plot(k["first_flag"], i, "o", c=color)
            if k["first_block"]:
                ax.plot(k["first_block"], i, "x", c="black")
    ax.axvline(within, ls=":", c="grey")
    ax.set_yticks(range(len(fams)), fams)
    ax.set(xlabel="requests made by the key (o first flag, x first block)", xscale="log")
    return png_base64(fig)


def defence_plot(rows: list[dict[str, Any]]):
    """Teacher utility (task accuracy a benign user gets, relative to undefended) against student
    damage (held-out KL gap closed); adaptive students hollow, joined to the setting they beat.
    Returns the figure (bench/defence.py saves it; the report inlines it)."""
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    at = {r["setting"]: r for r in rows}
    for r in rows:
        x, y = r["teacher_accuracy_rel"] * 100, r["gap_closed"] * 100
        if r["adaptive"]:
            base = at[r["setting"].split(":")[0]]
            ax.plot([base["teacher_accuracy_rel"] * 100, x], [base["gap_closed"] * 100, y], ls=":", c="grey")
            ax.scatter([x], [y], facecolors="none", edgecolors="C3")
        else:
            ax.scatter([x], [y], c="C3" if "@" in r["setting"] else "C0")
        ax.annotate(r["setting"], (x, y), fontsize=7, xytext=(3, 3), textcoords="offset points")
    ax.set(
        xlabel="teacher task accuracy a benign user gets, % of undefended",
        ylabel="distiller's student: KL gap closed, %",
        title="countermeasures: utility kept vs what the distiller learns",
    )
    ax.grid(alpha=0.3)
    return fig


def defence_section(d: dict[str, Any] | None) -> str:
    if not d:
        return '<p class="muted">no defence benchmark given (arena config `defence:`, bench/defence.py writes it)</p>'
    rows = [
        [
            esc(r["setting"]),
            pct(r["teacher_accuracy_rel"]),
            num(r["answer_ppl"]),
            pct(r["gap_closed"]),
            pct(r["retention"]),
        ]
        for r in d["rows"]
    ]
    timing = ", ".join(f"{esc(k)} {v:.1f} ms/token" for k, v in d.get("timing_ms_per_token", {}).items())
    head = [
        "setting",
        "teacher accuracy (rel.)",
        "answer perplexity",
        "student gap closed",
        "student task retention",
    ]
    return table(head, rows) + img(png_base64(defence_plot(d["rows"])), "defence") + f"<p>{timing}</p>"


def families(o: dict[str, Any]) -> str:
    rows = [
        [esc(f), num(v["keys"], "{}"), num(v["caught"], "{}"), num(v["median_requests_to_flag"], "{}")]
        for f, v in sorted(o["per_family"].items())
    ]
    return table(["family", "keys", "flagged (distillers: within limit)", "median requests to flag"], rows)


def keys_table(keys: list[dict[str, Any]]) -> str:
    rows = [
        [
            esc(k["key"]),
            esc(k["label"]),
            num(k["requests"], "{}"),
            num(k["first_flag"], "{}"),
            num(k["first_block"], "{}"),
            num(k["max_score"]),
            num(k["tokens_before_flag"], "{}"),
            num(k["harvested_responses"], "{}"),
            num(k["harvested_tokens"], "{}"),
            num(k["harvested_logprob_tokens"], "{}"),
            num(k["watermarked"], "{}"),
            esc(k["final_verdict"]),
        ]
        for k in keys
    ]
    return table(
        [
            "key",
            "label",
            "requests",
            "first flag",
            "first block",
            "max score",
            "tokens before flag",
            "responses got",
            "tokens got",
            "logprob tokens got",
            "watermarked",
            "final verdict",
        ],
        rows,
    )


def loop_section(lp: dict[str, Any] | None) -> str:
    if not lp:
        return '<p class="muted">closed loop not run</p>'
    rows = []
    for name, fid in lp["fidelity"].items():
        tr = lp["trace"].get(name) or {}
        d = lp["data"].get(name, {})
        rows.append(
            [
                esc(name),
                num(d.get("completions"), "{}"),
                num(d.get("tokens"), "{}"),
                num(fid.get("kl")),
                num(fid.get("top1")),
                sci(tr.get("p_value")),
                num(tr.get("num_scored"), "{}"),
            ]
        )
    return (
        table(
            [
                "student",
                "answers trained on",
                "tokens",
                "KL to teacher (held-out)",
                "top-1 agreement",
                "radioactivity p",
                "tuples scored",
            ],
            rows,
        )
        + f"<p>{esc(lp['watermarked_answers'])} answers were served watermarked; the radioactivity test reads "
        f"{esc(lp['trace_texts'])} of them through each student.</p>"
    )


def write_report(s: dict[str, Any], path: Path) -> Path:
    o = s["outcomes"]
    head = table(
        ["measure", "value"],
        [
            ["distiller keys flagged within the limit", pct(o["distiller_detection_rate"])],
            ["median requests to detection", num(o["median_requests_to_detection"], "{}")],
            ["benign keys ever flagged suspect", pct(o["benign_flagged_rate"])],
            ["benign keys blocked", num(o["benign_blocked"], "{}")],
            ["ROC AUC", num(o["roc_auc"])],
        ],
    )
    sections = [
        ("Headline", head),
        ("Per family", families(o)),
        ("When keys were caught", img(detection_plot(o["keys"], o["distillers_caught_within"]), "detection")),
        ("ROC", img(roc_plot(o["roc"], o["roc_auc"]), "roc")),
        ("Closed loop", loop_section(s.get("loop"))),
        ("Countermeasures", defence_section(s.get("defence"))),
        ("Per key", keys_table(o["keys"])),
    ]
    body = "".join(f"<h2>{esc(t)}</h2>{c}" for t, c in sections)
    path.write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>stillroom arena</title>'
        f'<link rel="icon" href="data:,"><style>{CSS}</style></head><body><h1>stillroom arena, seed '
        f'{esc(s["seed"])}</h1><p class="muted">{esc(s["requests"])} requests replayed</p>{body}</body></html>'
    )
    return path

"""The report page: one self-contained HTML file (inline CSS, base64 PNG plots, no scripts, no requests).

Sections in reading order: verdict, training curves, fidelity, capability, size/speed, cost,
side-by-side answers, runs. Every value is read with `.get`, so a run missing a field shows a dash.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from stillroom.report import plots
from stillroom.report.load import ReportData

KL_GAP_TARGET = (
    0.80  # issue 4: the kd student closes >= 80% of the KL gap between the pruned init and the teacher
)

CSS = """body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{margin-bottom:.2em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.6em 0;font-size:14px}td,th{border:1px solid #ddd;padding:4px 8px;vertical-align:top}
th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#777}
.ok{color:#1a7f37;font-weight:600}.bad{color:#b42318;font-weight:600}img{max-width:100%}
pre{white-space:pre-wrap;margin:0;font-size:13px;max-width:320px}"""


def esc(x: Any) -> str:
    return html.escape(str(x))


def num(x: Any, fmt: str = "{:.3f}") -> str:
    return fmt.format(x) if isinstance(x, int | float) else "–"


def pct(x: Any) -> str:
    return f"{100 * x:.0f}%" if isinstance(x, int | float) else "–"


def sci(x: Any) -> str:
    return f"{x:.2e}" if isinstance(x, int | float) and x else "–"


def mib(x: Any) -> str:
    return f"{x / 2**20:.1f} MiB" if isinstance(x, int | float) else "–"


def table(header: list[str], rows: list[list[str]]) -> str:
    """Cells are already-escaped HTML; numeric-looking cells are right-aligned."""
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f'<td class="{"num" if _numeric(c) else ""}">{c}</td>' for c in r) + "</tr>"
        for r in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _numeric(cell: str) -> bool:
    return bool(cell) and (cell[0].isdigit() or cell[0] in "-–.")


def img(b64: str | None, alt: str) -> str:
    if not b64:
        return f'<p class="muted">no data for {esc(alt)}</p>'
    return f'<img alt="{esc(alt)}" src="data:image/png;base64,{b64}">'


def verdict(models: list[dict[str, Any]]) -> str:
    """Plain sentences on the issue's targets: gap closed by kd, and kd against sft."""
    by = {m.get("name"): m for m in models}
    lines = []
    for m in models:
        gap = m.get("fidelity", {}).get("gap_closed")
        if m.get("role") == "student" and isinstance(gap, int | float):
            ok = gap >= KL_GAP_TARGET
            lines.append(
                f'<li><b>{esc(m["name"])}</b> closes <span class="{"ok" if ok else "bad"}">{pct(gap)}</span> '
                f"of the KL gap between the floor and the teacher (target ≥ {pct(KL_GAP_TARGET)}: "
                f"{'met' if ok else 'not met'}).</li>"
            )
    kd, sft = by.get("kd"), by.get("sft")
    if kd and sft:
        a, b = kd.get("fidelity", {}).get("kl"), sft.get("fidelity", {}).get("kl")
        if isinstance(a, int | float) and isinstance(b, int | float):
            word = "beats" if a < b else "does not beat"
            lines.append(
                f'<li><b>kd</b> <span class="{"ok" if a < b else "bad"}">{word}</span> <b>sft</b> on held-out '
                f"KL: {a:.4g} vs {b:.4g} nats/token.</li>"
            )
    return (
        "<ul>" + "".join(lines) + "</ul>"
        if lines
        else '<p class="muted">no floor or students to compare.</p>'
    )


def _domains(models: list[dict[str, Any]], section: str) -> list[str]:
    return sorted({d for m in models for d in m.get(section, {}).get("per_domain", {})})


def fidelity_section(models: list[dict[str, Any]]) -> str:
    rows = [
        [
            esc(m.get("name")),
            esc(m.get("role", "")),
            num(f.get("kl"), "{:.4g}"),
            pct(f.get("gap_closed")),
            num(f.get("ppl"), "{:.2f}"),
            pct(f.get("top1")),
            num(f.get("rougeL")),
            num(f.get("chrf")),
            num(f.get("tokens"), "{:d}"),
        ]
        for m in models
        for f in [m.get("fidelity", {})]
    ]
    doms = _domains(models, "fidelity")
    grid = [[m.get("fidelity", {}).get("per_domain", {}).get(d, {}).get("kl") for d in doms] for m in models]
    heat = plots.heatmap(
        [m.get("name", "?") for m in models],
        doms,
        grid,
        "KL(teacher||model) per domain, nats/token",
        fmt="{:.3g}",
        reverse=True,
    )
    return table(
        ["model", "role", "KL", "gap closed", "ppl", "top-1", "ROUGE-L", "chrF", "tokens"], rows
    ) + img(heat, "fidelity heatmap")


def capability_section(models: list[dict[str, Any]]) -> str:
    doms = _domains(models, "capability")
    rows = []
    for m in models:
        c = m.get("capability", {})
        ret = c.get("retained", {})
        rows.append(
            [esc(m.get("name")), pct(c.get("score")), pct(ret.get("all"))]
            + [
                f"{pct(c.get('per_domain', {}).get(d))} <span class=muted>({pct(ret.get(d))})</span>"
                for d in doms
            ]
        )
    grid = [[m.get("capability", {}).get("per_domain", {}).get(d) for d in doms] for m in models]
    heat = plots.heatmap(
        [m.get("name", "?") for m in models], doms, grid, "checkable-task accuracy per domain", fmt="{:.0%}"
    )
    return table(["model", "score", "% of teacher"] + [f"{esc(d)} (% of teacher)" for d in doms], rows) + img(
        heat, "capability heatmap"
    )


def size_section(models: list[dict[str, Any]]) -> str:
    rows = [
        [
            esc(m.get("name")),
            num(s.get("params"), "{:,}"),
            mib(s.get("disk_bytes")),
            num(p.get("tokens_per_s"), "{:.1f}"),
            mib(p.get("peak_mem_bytes")),
            esc(p.get("mem_kind", "")),
        ]
        for m in models
        for s, p in [(m.get("size", {}), m.get("speed", {}))]
    ]
    return table(["model", "params", "disk", "gen tokens/s", "peak memory", "memory measured as"], rows)


def cost_section(evals: list[dict[str, Any]], models: list[dict[str, Any]]) -> str:
    ledger = evals[0].get("cost", {}) if evals else {}
    harvest, scratch = ledger.get("harvest", {}), ledger.get("teacher_from_scratch", {})
    rows = [
        [
            "harvest (teacher queries)",
            num(harvest.get("teacher_tokens"), "{:,.0f}"),
            sci(harvest.get("teacher_flops")),
            num(harvest.get("teacher_wall_s"), "{:.0f} s"),
            "–",
        ]
    ]
    labels, flops = [], []
    for m in models:
        c = m.get("cost")
        if c:
            rows.append(
                [
                    f"distill {esc(m.get('name'))} ({esc(c.get('method') or '?')})",
                    num(c.get("train_tokens"), "{:,.0f}"),
                    sci(c.get("total_flops")),
                    num(c.get("total_wall_s"), "{:.0f} s"),
                    sci(c.get("share_of_scratch_flops")),
                ]
            )
            labels.append(f"distill {m.get('name')}")
            flops.append(c.get("total_flops"))
    rows.append(
        [
            "train the teacher from scratch",
            num(scratch.get("train_tokens"), "{:,.0f}"),
            sci(scratch.get("train_flops")),
            "–",
            "1",
        ]
    )
    labels.append("teacher from scratch")
    flops.append(scratch.get("train_flops"))
    note = (
        f'<p class="muted">from-scratch tokens: {esc(scratch.get("source", "–"))}. FLOPs = 6·params·tokens for training, '
        "2·params·tokens for teacher forward passes; distill totals include the harvest.</p>"
    )
    return (
        table(["route", "tokens", "FLOPs", "wall time", "share of scratch FLOPs"], rows)
        + note
        + img(plots.cost_bars(labels, flops), "cost bars")
    )


def examples_section(evals: list[dict[str, Any]]) -> str:
    out = []
    for ex in evals[0].get("examples", []) if evals else []:
        outputs = ex.get("outputs", {})
        header = ["prompt"] + [esc(n) for n in outputs]
        cells = [f"<pre>{esc(ex.get('prompt', ''))}</pre>"] + [
            f"<pre>{esc(t)}</pre>" for t in outputs.values()
        ]
        out.append(table(header, [cells]))
    return "".join(out) or '<p class="muted">no examples.</p>'


def runs_section(data: ReportData) -> str:
    rows = []
    for r in data.runs:
        last = r.metrics[-1] if r.metrics else {}
        method = r.summary.get("method") or r.config.get("method")
        rows.append(
            [
                esc(r.name),
                esc(method if isinstance(method, str) else method or "–"),
                num(r.summary.get("steps") or last.get("step"), "{}"),
                num(last.get("loss")),
                num(last.get("kl")),
                esc(str(r.path)),
            ]
        )
    curves = plots.curves([(r.name, r.metrics) for r in data.runs])
    return img(curves, "training curves") + table(
        ["run", "method", "steps", "final loss", "final KL", "folder"], rows
    )


def _load_note(mach: dict[str, Any]) -> str:
    load = (mach.get("loadavg_start") or [0])[0]
    if not isinstance(load, int | float) or load <= 1.5:
        return ""
    return f"; load average {load:.1f} at the start: other jobs shared the CPU, so speeds are pessimistic"


def render(data: ReportData) -> str:
    models = data.models()
    ev = data.evals[0] if data.evals else {}
    d, mach = ev.get("data", {}), ev.get("machine", {})
    meta = (
        f"held-out prompts: {esc(d.get('heldout_prompts', '–'))}, answer tokens: {esc(d.get('heldout_tokens', '–'))}, "
        f"data fingerprint <code>{esc(d.get('fingerprint', '–'))}</code>; teacher "
        f"<code>{esc(ev.get('teacher', {}).get('spec', '–'))}</code> "
        f"(<code>{esc(ev.get('teacher', {}).get('fingerprint', '–'))}</code>); machine: {esc(mach.get('platform', '–'))}, "
        f"{esc(mach.get('cpu_count', '–'))} CPUs{_load_note(mach)}"
    )
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    sections = [
        ("Verdict", verdict(models)),
        ("Training", runs_section(data)),
        ("Fidelity to the teacher (held-out)", fidelity_section(models)),
        ("Capability on checkable tasks", capability_section(models)),
        ("Size and speed", size_section(models)),
        ("Cost", cost_section(data.evals, models)),
        ("Side by side (greedy answers)", examples_section(data.evals)),
    ]
    body = "".join(f"<h2>{esc(t)}</h2>{s}" for t, s in sections)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>stillroom report</title>'
        f'<link rel="icon" href="data:,"><style>{CSS}</style></head><body><h1>stillroom report</h1>'
        f'<p class="muted">generated {now}. {meta}</p>{body}</body></html>'
    )

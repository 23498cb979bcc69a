"""The report page: one self-contained HTML file (inline CSS, base64 PNG plots, no scripts, no requests).

Sections in reading order: what the students can still do (verdict, capability kept, KL,
perplexity, degeneration, then the KL-gap share), capability per task kind, task examples, training
and validation curves, hyperparameters, fidelity, size/speed, cost, side-by-side answers. Tables
have fixed layouts and every cell wraps, so a long answer or an unbroken token stays in its column
(tests/test_report_render.py checks this in Chromium).
"""

from __future__ import annotations

import datetime as dt

from stillroom.contracts.artifacts import EvalReport, Machine
from stillroom.report import sections
from stillroom.report.cells import esc
from stillroom.report.load import ReportData

CSS = """body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{margin-bottom:.2em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.6em 0;font-size:14px;width:100%;table-layout:fixed}
td,th{border:1px solid #ddd;padding:4px 8px;vertical-align:top;overflow-wrap:anywhere;word-break:break-word}
th{background:#f4f4f4;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#777}.ok{color:#1a7f37;font-weight:600}.bad{color:#b42318;font-weight:600}
img{max-width:100%;height:auto}code{overflow-wrap:anywhere}
pre{white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word;margin:0;font-size:13px}
details{margin:.4em 0}summary{cursor:pointer}.verdict li{margin:.3em 0}p{overflow-wrap:anywhere}"""


def _load_note(mach: Machine) -> str:
    load = (mach.loadavg_start or [0.0])[0]
    if load <= 1.5:
        return ""
    return f"; load average {load:.1f} at the start: other jobs shared the CPU, so speeds are pessimistic"


def _meta(ev: EvalReport | None) -> str:
    if ev is None:
        return "no eval report: training runs only."
    d, t = ev.data, ev.model("teacher")
    return (
        f"held-out prompts: {d.heldout_prompts}, answer tokens: {d.heldout_tokens}, checkable tasks: {d.tasks}, "
        f"data fingerprint <code>{esc(d.fingerprint)}</code>; teacher <code>{esc(ev.teacher)}</code> "
        f"(<code>{esc(t.fingerprint if t else '–')}</code>); machine: {esc(ev.machine.platform)}, "
        f"{esc(ev.machine.cpu_count or '–')} CPUs{_load_note(ev.machine)}"
    )


def render(data: ReportData) -> str:
    models = data.models()
    ev = data.evals[0] if data.evals else None
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        ("What the students can still do", sections.headline(models, ev)),
        ("Capability per task kind", sections.per_kind(models)),
        ("Task examples", sections.task_examples(models)),
        ("Training and validation curves", sections.training(data.runs)),
        ("Hyperparameters", sections.hyperparameters(data.runs)),
        ("Fidelity to the teacher (held-out)", sections.fidelity(models)),
        ("Size and speed", sections.size(models)),
        ("Cost", sections.cost(ev, models)),
        ("Side by side (greedy answers to held-out prompts)", sections.side_by_side(ev)),
        ("How each number is formed", sections.methods(ev)),
    ]
    body = "".join(f"<h2>{esc(t)}</h2>{s}" for t, s in parts)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>stillroom report</title>'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<link rel="icon" href="data:,"><style>{CSS}</style></head><body><h1>stillroom report</h1>'
        f'<p class="muted">generated {now}. {_meta(ev)}</p>{body}</body></html>'
    )

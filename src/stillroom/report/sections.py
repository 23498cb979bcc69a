"""The report's sections, each a function from typed eval/run data to an HTML fragment.

The order of the first section is the order of what matters: does the student still do the
teacher's tasks (accuracy as a share of the teacher's, with its interval), how far is its
distribution (KL, perplexity), does it degenerate (distinct-2, repetition, the teacher's value
beside), and only then how much of the pruned init's KL gap it closed.
"""

from __future__ import annotations

from typing import Any

import yaml

from stillroom.contracts.artifacts import EvalReport, HarvestCost, ModelResult, Proportion
from stillroom.report import plots
from stillroom.report.cells import esc, img, interval, mib, num, pct, sci, table
from stillroom.report.load import TrainRun


def _accuracy(p: Proportion | None) -> str:
    return f"{p.correct}/{p.n} = {pct(p.rate)} {interval(p.ci)}" if p else "–"


def _mark(ok: bool, text: str) -> str:
    return f'<span class="{"ok" if ok else "bad"}">{text}</span>'


# --- the headline ----------------------------------------------------------------------------
def headline(models: list[ModelResult], ev: EvalReport | None) -> str:
    if not models:
        return '<p class="muted">no eval report: run `stillroom eval` to see what the students can do.</p>'
    teacher = next((m for m in models if m.role == "teacher"), None)
    rows = [_headline_row(m, teacher) for m in models]
    head = [
        "model",
        "verdict",
        "tasks passed (95% CI)",
        "% of teacher's accuracy (95% CI)",
        "KL (nats/tok)",
        "perplexity of teacher answers",
        "distinct-2 (teacher)",
        "repetition (teacher)",
        "KL gap closed",
    ]
    return (
        table(head, rows, [10, 9, 15, 13, 10, 12, 11, 11, 9])
        + _verdicts(models, ev)
        + '<p class="muted">The KL-gap share is measured from the pruned init (the floor): a student can close most '
        "of a large gap and still be far from the teacher, so it is not one of the checks.</p>"
    )


def _headline_row(m: ModelResult, teacher: ModelResult | None) -> list[str]:
    cap, deg, t = m.capability, m.degeneration, teacher.degeneration if teacher else None
    verdict = (
        "–" if m.verdict is None else _mark(m.verdict.usable, "usable" if m.verdict.usable else "not usable")
    )
    kept = "–" if m.role == "teacher" else f"{pct(cap.retained)} {interval(cap.retained_ci)}"
    return [
        f"<b>{esc(m.name)}</b>" + ("" if m.name == m.role else f" <span class=muted>({esc(m.role)})</span>"),
        verdict,
        _accuracy(cap.overall),
        kept,
        num(m.fidelity.kl, "{:.3f}"),
        _ppl(m.fidelity.ppl),
        f"{deg.distinct_2:.2f} ({num(t.distinct_2 if t else None, '{:.2f}')})",
        f"{deg.repetition:.2f} ({num(t.repetition if t else None, '{:.2f}')})",
        pct(m.fidelity.gap_closed) if m.role == "student" else "–",
    ]


def _ppl(x: float) -> str:
    return f"{x:.2f}" if x < 1000 else f"{x:.2e}"


def _verdicts(models: list[ModelResult], ev: EvalReport | None) -> str:
    items = []
    for m in models:
        if m.verdict is None:
            continue
        checks = "; ".join(
            f"{esc(c.name)} {_mark(c.passed, esc(c.shown))} (target {esc(c.target)})"
            for c in m.verdict.checks
        )
        word = _mark(m.verdict.usable, "usable" if m.verdict.usable else "not usable")
        items.append(f"<li><b>{esc(m.name)}</b>: {word}: {checks}.</li>")
    th = ev.thresholds if ev else None
    note = (
        f'<p class="muted">usable = keeps ≥ {pct(th.min_retained)} of the teacher\'s task accuracy, KL ≤ '
        f"{th.max_kl:g} nats/token and distinct-2 within {pct(th.max_distinct2_change)} of the teacher's "
        "(thresholds are eval settings, recorded in eval.json).</p>"
        if th
        else ""
    )
    return f'<ul class="verdict">{"".join(items)}</ul>{note}' if items else note


# --- capability -------------------------------------------------------------------------------
def per_kind(models: list[ModelResult]) -> str:
    kinds = sorted({k for m in models for k in m.capability.per_kind})
    if not kinds:
        return '<p class="muted">no task results.</p>'
    rows = []
    for k in kinds:
        cells = [f"<b>{esc(k)}</b>", num(_n(models, k), "{:d}")]
        for m in models:
            cell = _accuracy(m.capability.per_kind.get(k))
            if m.role != "teacher":
                kept = m.capability.retained_per_kind.get(k)
                share = "teacher passed none" if kept is None else f"{pct(kept)} of teacher"
                cell += f"<br><span class=muted>{share}</span>"
            cells.append(cell)
        rows.append(cells)
    rows.append(
        ["<b>all</b>", num(_n(models, None), "{:d}")] + [_accuracy(m.capability.overall) for m in models]
    )
    widths = [12, 5] + [83 // max(len(models), 1)] * len(models)
    return table(["task kind", "n"] + [esc(m.name) for m in models], rows, widths) + (
        '<p class="muted">each cell: passed/n = accuracy [95% Wilson interval]; with a handful of tasks per '
        "kind the intervals are wide: read the kinds as a breakdown, the overall row as the measure.</p>"
    )


def _n(models: list[ModelResult], kind: str | None) -> int | None:
    for m in models:
        p = m.capability.overall if kind is None else m.capability.per_kind.get(kind)
        if p:
            return p.n
    return None


def task_examples(models: list[ModelResult]) -> str:
    out = []
    first_student = next((m.name for m in models if m.role == "student"), None)
    for m in models:
        cap = m.capability
        rows = [
            [
                esc(t.kind),
                f"<pre>{esc(t.prompt)}</pre>",
                f"<pre>{esc(t.expected)}</pre>",
                f"<pre>{esc(t.answer)}</pre>",
                _mark(t.passed, "pass" if t.passed else "fail"),
            ]
            for t in cap.tasks
        ]
        summary = f"<b>{esc(m.name)}</b>: {cap.overall.correct} of {cap.overall.n} tasks passed"
        grid = table(["kind", "task", "expected", "answer (greedy)", "result"], rows, [10, 32, 14, 36, 8])
        is_open = " open" if m.name == first_student else ""
        out.append(f"<details{is_open}><summary>{summary}</summary>{grid}</details>")
    return "".join(out) or '<p class="muted">no task results.</p>'


# --- training ---------------------------------------------------------------------------------
def training(runs: list[TrainRun]) -> str:
    if not runs:
        return '<p class="muted">no distill runs.</p>'
    missing = [r.name for r in runs if not plots.series(r.metrics, "val_kl")[0]]
    note = (
        f'<p class="muted">no validation points for {esc(", ".join(missing))} (train.val_prompts 0, or a store '
        "too small to keep a tenth of its prompts out).</p>"
        if missing
        else ""
    )
    rows = [_run_row(r) for r in runs]
    head = ["run", "method", "steps", "final loss", "final training KL", "final validation KL", "folder"]
    return (
        img(plots.curves([(r.name, r.metrics) for r in runs]), "training curves") + note + table(head, rows)
    )


def _run_row(r: TrainRun) -> list[str]:
    last = r.metrics[-1] if r.metrics else None
    vals = [m.val_kl for m in r.metrics if m.val_kl is not None]
    return [
        esc(r.name),
        esc(r.config.get("method", "–")),
        num(r.summary.steps if r.summary else (last.step if last else None), "{}"),
        num(last.loss if last else None),
        num(last.kl if last else None),
        num(vals[-1] if vals else None),
        f"<code>{esc(r.path)}</code>",
    ]


def _flatten(d: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict) and v:
            out.update(_flatten(v, key + "."))
        else:
            out[key] = v
    return out


def hyperparameters(runs: list[TrainRun]) -> str:
    """Every config value of every run, one row each; rows where the runs differ are in bold."""
    flat = [_flatten(r.config) for r in runs if r.config]
    named = [r for r in runs if r.config]
    if not named:
        return '<p class="muted">no run configs.</p>'
    keys = sorted({k for f in flat for k in f} - {"out"})
    rows = []
    for k in keys:
        values = [
            yaml.safe_dump(f.get(k), default_flow_style=True).strip().removesuffix("...").strip()
            for f in flat
        ]
        label = f"<b>{esc(k)}</b>" if len(set(values)) > 1 else esc(k)
        rows.append([label] + [esc(v) for v in values])
    extra = [
        ["training prompts / validation prompts"]
        + [f"{r.summary.train_prompts} / {r.summary.val_prompts}" if r.summary else "–" for r in named],
        ["training tokens"] + [num(r.summary.train_tokens if r.summary else None, "{:,}") for r in named],
        ["training time (summed steps)"]
        + [num(r.summary.wall_s if r.summary else None, "{:.0f} s") for r in named],
    ]
    return table(["setting"] + [esc(r.name) for r in named], extra + rows)


# --- fidelity, size, cost ------------------------------------------------------------------------
def fidelity(models: list[ModelResult]) -> str:
    rows = [
        [
            esc(m.name),
            esc(m.role),
            num(m.fidelity.kl, "{:.4g}"),
            pct(m.fidelity.gap_closed),
            num(m.fidelity.ppl, "{:.2f}"),
            pct(m.fidelity.top1),
            num(m.fidelity.rougeL),
            num(m.fidelity.chrf),
            num(m.fidelity.tokens, "{:d}"),
        ]
        for m in models
    ]
    doms = sorted({d for m in models for d in m.fidelity.per_domain})
    grid = [[(s.kl if (s := m.fidelity.per_domain.get(d)) else None) for d in doms] for m in models]
    heat = plots.heatmap(
        [m.name for m in models],
        doms,
        grid,
        "KL(teacher||model) per domain, nats/token",
        fmt="{:.3g}",
        reverse=True,
    )
    head = ["model", "role", "KL", "gap closed", "ppl", "top-1", "ROUGE-L", "chrF", "tokens"]
    return table(head, rows) + img(heat, "fidelity heatmap")


def size(models: list[ModelResult]) -> str:
    rows = [
        [
            esc(m.name),
            num(m.size.params, "{:,}"),
            mib(m.size.disk_bytes),
            num(m.speed.tokens_per_s, "{:.1f}"),
            mib(m.speed.peak_mem_bytes),
            esc(m.speed.mem_kind or ""),
        ]
        for m in models
    ]
    return table(["model", "params", "disk", "gen tokens/s", "peak memory", "memory measured as"], rows)


def cost(ev: EvalReport | None, models: list[ModelResult]) -> str:
    if ev is None:
        return '<p class="muted">no eval report.</p>'
    scratch = ev.cost.teacher_from_scratch
    rows = [_harvest_row(h) for h in ev.cost.harvests] + [_student_row(m) for m in models if m.cost]
    rows.append(
        [
            "train the teacher from scratch",
            num(scratch.train_tokens, "{:,}"),
            sci(scratch.train_flops),
            "–",
            "1",
        ]
    )
    labels = [f"distill {m.name}" for m in models if m.cost] + ["teacher from scratch"]
    flops = [m.cost.total_flops for m in models if m.cost] + [scratch.train_flops]
    note = (
        f'<p class="muted">from-scratch tokens: {esc(scratch.source)}. FLOPs = 6·params·tokens for training, '
        "2·params·tokens for teacher forward passes; a student's total includes the harvest it trained on "
        "(tokens and teacher time), not the held-out answers.</p>"
    )
    head = ["route", "tokens", "FLOPs", "wall time", "share of scratch FLOPs"]
    return table(head, rows, [44, 14, 12, 12, 18]) + note + img(plots.cost_bars(labels, flops), "cost bars")


def _harvest_row(h: HarvestCost) -> list[str]:
    what = "training harvest" if h.purpose == "training" else "held-out answers (eval's cost, not charged)"
    return [
        f"{what}: <code>{esc(h.store)}</code>, {h.completions} completions",
        num(h.teacher_tokens, "{:,}"),
        sci(h.teacher_flops),
        num(h.teacher_wall_s, "{:.0f} s"),
        "–",
    ]


def _student_row(m: ModelResult) -> list[str]:
    c = m.cost
    return [
        f"distill {esc(m.name)} ({esc(c.method)}, {esc(c.signal)}), with its training harvest",
        num(c.train_tokens, "{:,}"),
        sci(c.total_flops),
        num(c.total_wall_s, "{:.0f} s"),
        sci(c.share_of_scratch_flops),
    ]


def side_by_side(ev: EvalReport | None) -> str:
    out = []
    for ex in ev.examples if ev else []:
        header = ["prompt"] + [esc(n) for n in ex.outputs]
        cells = [f"<pre>{esc(ex.prompt)}</pre>"] + [f"<pre>{esc(t)}</pre>" for t in ex.outputs.values()]
        out.append(table(header, [cells]))
    return "".join(out) or '<p class="muted">no examples.</p>'


def methods(ev: EvalReport | None) -> str:
    if ev is None:
        return ""
    return "<ul>" + "".join(f"<li><b>{esc(k)}</b>: {esc(v)}</li>" for k, v in ev.methods.items()) + "</ul>"

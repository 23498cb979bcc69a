"""What the demo tells its user: a time estimate before it starts, and a capability-first headline at the end.

The estimate scales each stage by the work the config asks for, from the stage times of
the reference run in docs/evaluate.md § The demo (`make demo` on a quiet 2-core x86-64 machine: harvest 338 s for 672
prompts x 96 tokens, `kd` 299 s and `sft` 295 s for 320 steps of 4 sequences through a 6-layer
student, eval 87 s for 4 models x (32 held-out prompts + 36 tasks) x 64 tokens). It is rough: a
loaded machine, a longer teacher answer or an online teacher in the loop stretch it. After each
stage the remaining estimate is rescaled by how the finished stages compared with theirs.

The headline leads with what a user of the student needs: task accuracy as a share of the
teacher's, KL, perplexity and degeneration beside the teacher's, and the verdict; the share of
the pruned init's KL gap comes last.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from stillroom.contracts.artifacts import EvalReport, ModelResult

# Fixed seconds per stage (model loads, export; the harvest's includes dequantising the teacher's
# GGUF on first use), from `stillroom demo --quick` on the same machine with a cold cache: harvest
# 33 s, each distill 10 s, eval 18 s, almost all of it not proportional to the work.
OVERHEAD_S = {"harvest": 28.0, "distill": 8.5, "eval": 13.5}
# Seconds per unit of work, less the fixed part, from the reference run: `make demo` on a fresh
# clone with the DemoConfig defaults of that day (22 x 864, untrimmed; today's 24 x 976 student is
# estimated by its layer count only), quiet 2-core machine (load average 1.2-2.0: the demo's own two
# threads), 2026-12-02: harvest 436 s (1,272 prompts, <= 96 new tokens), init 25 s, distill kd
# 628 s (150 steps x 8 sequences, 22 student layers, online teacher), eval 137 s (teacher, init and
# kd on 32 held-out prompts and 210 tasks, <= 64 new tokens). The earlier reference (a loaded
# machine, 6-layer students, harvested signal) overestimated this run 2285 s vs 1228 s.
REFERENCE_S = {"harvest": 436.0, "init": 25.0, "distill": 628.0, "eval": 137.0}
HARVEST_S_PER_PROMPT_TOKEN = (REFERENCE_S["harvest"] - OVERHEAD_S["harvest"]) / ((640 + 32 + 600) * 96)
DISTILL_S_PER_SEQUENCE_LAYER = (REFERENCE_S["distill"] - OVERHEAD_S["distill"]) / (
    150 * 8 * (22 + 30 / 3)
)  # at 96-token answers (+ ~40 prompt tokens); the online teacher counts as a third of its layers
EVAL_S_PER_GENERATION_TOKEN = (REFERENCE_S["eval"] - OVERHEAD_S["eval"]) / (3 * (32 + 7 * 30) * 64)
TEACHER_LAYERS = 30  # the embedded teacher; an online signal runs it on every training sequence


TASK_KINDS = 7  # evaluate/tasks.py's kinds today (the reference run had 6)


def stage_estimates(cfg: Any, methods: tuple[str, ...], kinds: int = TASK_KINDS) -> dict[str, float]:
    """Seconds per demo stage for a DemoConfig, before any of it has run."""
    prompts = cfg.train_prompts + cfg.heldout_prompts + getattr(cfg, "skills", 0)
    length = (cfg.max_new_tokens + 40) / (96 + 40)
    harvest = OVERHEAD_S["harvest"] + HARVEST_S_PER_PROMPT_TOKEN * prompts * cfg.max_new_tokens
    out = {"queries": 2.0, "harvest": harvest, "init": REFERENCE_S["init"]}
    for m in methods:
        online = m == "kd" and cfg.kd_signal == "online"
        layers = cfg.student_layers + (
            TEACHER_LAYERS / 3 if online else 0
        )  # a no-grad forward: ~1/3 of a step
        work = DISTILL_S_PER_SEQUENCE_LAYER * cfg.steps * cfg.batch_size * layers * length
        out[f"distill {m}"] = OVERHEAD_S["distill"] + work
    gen = (
        (2 + len(methods)) * (cfg.heldout_prompts + kinds * cfg.eval_tasks_per_kind) * cfg.eval_max_new_tokens
    )
    out["eval"] = OVERHEAD_S["eval"] + EVAL_S_PER_GENERATION_TOKEN * gen
    out["report"] = 3.0
    return out


def remaining(estimates: dict[str, float], timings: dict[str, float]) -> float:
    """Estimated seconds left: the stages not yet run, scaled by actual/estimated of those that ran."""
    done_est = sum(estimates[s] for s in timings if estimates.get(s, 0) > 10)
    done_act = sum(timings[s] for s in timings if estimates.get(s, 0) > 10)
    scale = done_act / done_est if done_est else 1.0
    return scale * sum(v for s, v in estimates.items() if s not in timings)


# --- the headline --------------------------------------------------------------------------------
def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.0f}%"


def _ci(ci: tuple[float, float] | None) -> str:
    return "" if ci is None else f" [{100 * ci[0]:.0f}–{100 * ci[1]:.0f}%]"


def model_line(m: ModelResult, teacher: ModelResult) -> str:
    cap, deg, t = m.capability, m.degeneration, teacher.degeneration
    tasks = f"tasks {cap.overall.correct}/{cap.overall.n} = {_pct(cap.overall.rate)}{_ci(cap.overall.ci)}"
    if m.role != "teacher":
        kept = "the teacher passed none" if not teacher.capability.overall.correct else "of the teacher's"
        tasks += (
            f" = {_pct(cap.retained)}{_ci(cap.retained_ci)} {kept}"
            if cap.retained is not None
            else f" ({kept})"
        )
    return (
        f"{tasks}; KL {m.fidelity.kl:.3f} nats/token; perplexity of teacher answers {m.fidelity.ppl:.2f}; "
        f"distinct-2 {deg.distinct_2:.2f} (teacher {t.distinct_2:.2f}); repetition {deg.repetition:.2f} "
        f"(teacher {t.repetition:.2f})"
    )


Line = tuple[str, str | None, str]  # (head, verdict word or None, rest): the caller colours the verdict


def headline_lines(ev: EvalReport) -> list[Line]:
    """One line per model (verdict first), then the thresholds and the KL-gap share."""
    teacher = ev.model("teacher")
    out: list[Line] = [("what the models can still do, on held-out prompts and checkable tasks:", None, "")]
    for m in ev.models:
        word = None if m.verdict is None else ("usable" if m.verdict.usable else "NOT USABLE")
        out.append((f"  {m.name} ({m.role})", word, model_line(m, teacher)))
    th = ev.thresholds
    out.append(
        (
            f"  usable = >= {th.min_retained:.0%} of the teacher's task accuracy, KL <= {th.max_kl:g} nats/token "
            f"and distinct-2 within {th.max_distinct2_change:.0%} of the teacher's",
            None,
            "",
        )
    )
    gaps = [f"{m.name} {_pct(m.fidelity.gap_closed)}" for m in ev.models if m.role == "student"]
    if gaps and any(m.fidelity.gap_closed is not None for m in ev.models):
        out.append(
            (f"share of the pruned init's KL gap closed (not a usability check): {', '.join(gaps)}", None, "")
        )
    return out


def as_text(line: Line, style: Callable[[str], str] = str) -> str:
    """A headline line as text; `style` dresses the verdict word (the CLI colours it)."""
    head, word, rest = line
    return head + (f": {style(word)}" if word else "") + (f": {rest}" if rest else "")

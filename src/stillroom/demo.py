"""`stillroom demo` (what `make demo` runs): the whole distill half on the embedded teacher.

    stillroom demo                 # demo/ : queries -> harvest -> init -> distill -> eval -> report
    stillroom demo --quick         # the same pipeline at smoke-test size

The recipe (the measured points and what they say: bench/results/student-frontier.txt):
- queries: taxonomy template prompts (general, long answers) split into training and held-out
  prompts, plus targeted short-answer prompts for training only (queries/skills.py: facts, word
  forms, JSON, output formats, arithmetic, units, sorting; disjoint from the eval's task suite);
- init: the teacher pruned by measured importance: the 24 decoder layers with the highest block
  influence on the training answers, each with the 976 MLP channels that write the most (distill/prune.py);
  saved as the eval's floor, and every student starts from it;
- distill `kd`: forward KL to the online teacher's full next-token distribution; the saved
  student keeps the 32,768 token rows its training data uses most (distill/vocab.py), which
  brings it to 59.9% of the teacher's parameters: the rows of tokens it never uses would
  otherwise cost two layers and a fifth of every MLP.
`methods` may add `sft` (cross-entropy on the same answers, same init and steps) as a baseline.
Measured so far (student-frontier.txt): not yet usable. On the same data and 150 steps, this
student keeps 33.3% of the teacher's task accuracy against 21.5% for the untrimmed 22-layer
student of the same size; issue 19's target is 70%.

Each stage is a small function that returns at once when its output is already complete, so a
rerun (or a run after a crash) only does what is missing. Training prompts and held-out prompts
are split before harvesting and harvested into two stores: distill trains on every record of its
store, and eval reads the other one, so no held-out prompt can reach a student.
"""

from __future__ import annotations

import os
import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import typer
from pydantic import BaseModel, Field

from stillroom import checks
from stillroom.config import load_config, save_config
from stillroom.contracts.artifacts import DemoSummary
from stillroom.contracts.prompts import write_prompts
from stillroom.contracts.teacher_spec import TeacherSpec, TeacherSpecStr
from stillroom.distill.config import DistillConfig, StudentSettings
from stillroom.errors import UserError
from stillroom.evaluate.cli import print_headline
from stillroom.harvest.run import HarvestConfig
from stillroom.harvest.run import run as run_harvest
from stillroom.headline import remaining, stage_estimates
from stillroom.progress import duration, progress_bar, say
from stillroom.queries.build import QueriesConfig, build
from stillroom.queries.skills import skill_rows
from stillroom.runs import machine, write_json_atomic
from stillroom.teachers import TeacherConfig, load_teacher  # light: hf loads with a teacher


class DemoConfig(BaseModel):
    out: str = "demo"
    teacher: TeacherSpecStr = "hf:default"
    per_cell: int = Field(2, ge=1)  # template prompts per taxonomy cell (390 cells), before the split
    train_prompts: int = Field(640, ge=1)  # taxonomy prompts for training
    heldout_prompts: int = Field(32, ge=1)  # taxonomy prompts held out for the eval's fidelity
    skills: int = Field(600, ge=0)  # targeted short-answer training prompts (queries/skills.py)
    max_new_tokens: int = Field(96, ge=1)
    top_logprobs: int = Field(20, ge=1, le=20)
    student_layers: int = Field(24, ge=1)  # decoder layers kept (of 30), by block influence
    student_intermediate: int | None = Field(976, ge=1)  # MLP channels kept per layer (of 1536)
    # token rows the saved student keeps (of 49,152; distill/vocab.py): the rows it never uses pay
    # for 2 more layers and wider MLPs at the same 60% (student-frontier.txt, "60% trimmed 32k")
    student_vocab: int | None = Field(32768, ge=256)
    student_select: Literal["importance", "even"] = "importance"
    methods: list[Literal["kd", "sft"]] = ["kd"]
    steps: int = Field(150, ge=1)  # the measured w22 point's steps (student-frontier.txt)
    batch_size: int = Field(8, ge=1)
    lr: float = Field(3e-4, gt=0)
    warmup_steps: int = Field(10, ge=0)
    length_group: int = Field(8, ge=1)  # batches sorted by length per window: less padding
    kd_loss: str = "fkl"
    kd_signal: Literal["online", "harvested"] = "online"  # online: the teacher's full distribution
    eval_tasks_per_kind: int = Field(30, ge=1)
    eval_max_new_tokens: int = Field(64, ge=1)
    seed: int = 0


QUICK = {
    "train_prompts": 24,
    "heldout_prompts": 8,
    "skills": 8,
    "max_new_tokens": 32,
    "steps": 6,
    "batch_size": 2,
    "eval_tasks_per_kind": 1,
    "eval_max_new_tokens": 16,
}


# --- stages: each returns at once when its output is complete ----------------------------------
def stage_queries(cfg: DemoConfig, d: Path) -> None:
    """Prompt set from the taxonomy, split (seeded) into training and held-out prompts."""
    if (d / "train.jsonl").is_file() and (d / "heldout.jsonl").is_file():
        return
    rows = build(QueriesConfig(out=str(d / "prompts.jsonl"), per_cell=cfg.per_cell, seed=cfg.seed)).rows
    rows = random.Random(cfg.seed).sample(rows, min(len(rows), cfg.train_prompts + cfg.heldout_prompts))
    write_prompts(rows[: cfg.heldout_prompts], d / "heldout.jsonl")
    write_prompts(rows[cfg.heldout_prompts :] + skill_rows(cfg.skills, cfg.seed), d / "train.jsonl")


def stage_harvest(cfg: DemoConfig, d: Path) -> None:
    """Greedy teacher answers with top-k logprobs for both prompt files; the harvest itself resumes."""
    teacher = load_teacher(cfg.teacher)
    for split in ("train", "heldout"):
        harvest_split(cfg, teacher, d / f"{split}.jsonl", d / f"{split}.db")


def stage_init(cfg: DemoConfig, d: Path) -> None:
    """The pruned teacher every student starts from (importance measured on the training answers),
    saved as the eval's floor; the students load this very folder."""
    if (d / "init" / "config.json").is_file():
        return
    from transformers import AutoTokenizer

    from stillroom.distill.student import (  # peft, safetensors, torch, transformers: only when this runs
        build_student,
        calibration_sequences,
        export_student,
    )
    from stillroom.models import resolve_model_path

    settings = StudentSettings(
        init="prune",
        layers=cfg.student_layers,
        intermediate=cfg.student_intermediate,
        select=cfg.student_select,
    )
    path = TeacherSpec.parse(cfg.teacher).model_path
    tok = AutoTokenizer.from_pretrained(resolve_model_path(path))
    calibration = calibration_sequences(str(d / "train.db"), None, tok, settings.calibration)
    model, tok, _ = build_student(settings, path, calibration=calibration)
    export_student(model, tok, d / "init")


def stage_distill(cfg: DemoConfig, d: Path, method: str) -> None:
    """One student from the training store, starting from the saved init; `kd` matches the teacher's
    next-token distributions, `sft` its tokens."""
    run = d / "runs" / method
    if (run / "student" / "config.json").is_file() and (run / "summary.json").is_file():
        return
    # torch, transformers, accelerate, peft: imported when this runs, so --help and input errors stay fast
    from stillroom.distill.train import train

    train(distill_config(cfg, d, method), resume=(run / "config.yaml").is_file())
    shutil.rmtree(
        run / "checkpoints", ignore_errors=True
    )  # optimizer states: ~0.6 GB each, only for resuming


def distill_config(cfg: DemoConfig, d: Path, method: str):
    return DistillConfig.model_validate(
        {
            "out": str(d / "runs" / method),
            "teacher": cfg.teacher,
            "store": str(d / "train.db"),
            "method": method,
            "signal": cfg.kd_signal if method == "kd" else "harvested",
            "student": {"init": "pretrained", "path": str(d / "init"), "vocab": cfg.student_vocab},
            "loss": {"kind": cfg.kd_loss},
            "train": {
                "steps": cfg.steps,
                "batch_size": cfg.batch_size,
                "lr": cfg.lr,
                "warmup_steps": cfg.warmup_steps,
                "length_group": cfg.length_group,
                "seed": cfg.seed,
                "checkpoint_every": max(1, cfg.steps // 2),
                "keep_checkpoints": 1,
            },
        }
    )


def stage_eval(cfg: DemoConfig, d: Path) -> None:
    """Teacher, pruned init and both students on the held-out store."""
    if (d / "eval" / "eval.json").is_file():
        return
    from stillroom.evaluate.run import EvalConfig, evaluate  # torch, transformers: only when this runs

    models = {"init": str(d / "init"), **{m: str(d / "runs" / m) for m in cfg.methods}}
    evaluate(
        EvalConfig(
            teacher=cfg.teacher,
            store=str(d / "heldout.db"),
            models=models,
            floor="init",
            out=str(d / "eval"),
            max_heldout=cfg.heldout_prompts,
            max_new_tokens=cfg.eval_max_new_tokens,
            tasks_per_kind=cfg.eval_tasks_per_kind,
            task_max_new_tokens=min(48, cfg.eval_max_new_tokens),
            seed=cfg.seed,
        )
    )


def stage_report(cfg: DemoConfig, d: Path) -> None:
    """Always re-rendered: it takes a second and picks up any stage that was redone."""
    from stillroom.report.cli import write_report  # matplotlib: only when this runs

    write_report([d / "eval"], d / "report.html")


# --- harvest ---------------------------------------------------------------------------------
def harvest_split(cfg: DemoConfig, teacher, prompts: Path, store_path: Path) -> None:
    hc = HarvestConfig(
        prompts=str(prompts),
        store=str(store_path),
        teacher=TeacherConfig(spec=cfg.teacher),
        max_new_tokens=cfg.max_new_tokens,
        top_logprobs=cfg.top_logprobs,
    )
    with progress_bar() as bar:
        job = bar.add_task(f"harvest {prompts.stem}", total=None, rate="")
        t0, done = time.perf_counter(), [0]

        def on_start(n: int, done_before: int) -> None:
            if done_before:
                say(f"demo: resuming the {prompts.stem} harvest: {done_before} prompts already done")
            bar.update(job, total=n)

        def on_chunk(n: int, tokens: int) -> None:
            done[0] += tokens
            bar.update(job, advance=n, rate=f"{done[0] / (time.perf_counter() - t0):.0f} tok/s")

        run_harvest(hc, teacher=teacher, on_start=on_start, on_chunk=on_chunk)


def check_inputs(cfg: DemoConfig) -> None:
    """The teacher and the output folder, checked before anything loads or is written."""
    checks.hf_teacher(cfg.teacher)
    if Path(cfg.out).exists() and not Path(cfg.out).is_dir():
        raise UserError(f"--out {cfg.out} is a file, not a folder")


# --- the pipeline ----------------------------------------------------------------------------
def stages(cfg: DemoConfig, d: Path) -> list[tuple[str, Callable[[], None]]]:
    return [
        ("queries", lambda: stage_queries(cfg, d)),
        ("harvest", lambda: stage_harvest(cfg, d)),
        ("init", lambda: stage_init(cfg, d)),
        *[(f"distill {m}", lambda m=m: stage_distill(cfg, d, m)) for m in cfg.methods],
        ("eval", lambda: stage_eval(cfg, d)),
        ("report", lambda: stage_report(cfg, d)),
    ]


def run_demo(cfg: DemoConfig) -> DemoSummary:
    """Run every stage in order, with a time estimate up front; returns (and writes to demo.json) the summary."""

    d = Path(cfg.out)
    check_inputs(cfg)
    d.mkdir(parents=True, exist_ok=True)
    save_config(cfg, d / "demo.yaml")
    estimates, timings, t_all, mach = (
        stage_estimates(cfg, tuple(cfg.methods)),
        {},
        time.perf_counter(),
        machine(),
    )
    say(
        f"demo: about {duration(sum(estimates.values()))} on a quiet 2-core CPU for this config (stages "
        f"already done in {d} are skipped); load average now {mach.loadavg_start[0]:.1f}"
    )
    for name, fn in stages(cfg, d):
        say(f"demo: {name}")
        t0 = time.perf_counter()
        try:
            fn()
        except KeyboardInterrupt:
            say(interrupted_message(d, name, list(timings)))
            raise
        timings[name] = round(time.perf_counter() - t0, 1)
        left = remaining(estimates, timings)
        say(
            f"demo: {name} took {duration(timings[name])} (load average {os.getloadavg()[0]:.1f})"
            + (f"; about {duration(left)} to go" if left > 1 else "")
        )
    result = DemoSummary(
        report=str((d / "report.html").resolve()),
        eval=str((d / "eval" / "eval.json").resolve()),
        estimate_s=round(sum(estimates.values()), 1),
        timings_s=timings,
        total_s=round(time.perf_counter() - t_all, 1),
        machine=mach,
    )
    write_json_atomic(d / "demo.json", result)
    return result


def interrupted_message(d: Path, stage: str, finished: list[str]) -> str:
    """What a Ctrl-C in `stage` kept, and how to go on."""
    kept = {
        "harvest": "every finished chunk of answers is in the store",
        "distill kd": "the run keeps its last checkpoint",
        "distill sft": "the run keeps its last checkpoint",
    }.get(stage, "it starts over")
    done = ", ".join(finished) or "none"
    return (
        f"demo: interrupted during {stage} ({kept}); finished stages kept in {d}/: {done}. "
        f"Rerun the same command to continue: finished stages are skipped"
    )


def summary_lines(result: DemoSummary) -> list[str]:
    """After the headline: where the report is, and how long each stage took against the estimate."""
    stages_s = ", ".join(f"{k} {duration(v)}" for k, v in result.timings_s.items())
    return [
        f"report: {result.report}",
        f"total {duration(result.total_s)} (estimated {duration(result.estimate_s)}); stages: {stages_s}",
    ]


def demo(
    out: str = typer.Option(
        None, "--out", "-o", help="folder for every stage's output, reused on rerun (default demo/)"
    ),
    quick: bool = typer.Option(False, "--quick", help="smoke-test size: a few prompts and steps"),
    teacher: str = typer.Option(None, "--teacher", help="teacher spec (default hf:default)"),
    config: Path = typer.Option(None, "--config", "-c", help="YAML DemoConfig"),
) -> None:
    """Queries -> harvest -> prune -> distill -> eval -> report, on the embedded teacher; prints the headline."""
    overrides = dict(QUICK) if quick else {}
    cfg = load_config(DemoConfig, config, out=out, teacher=teacher, **overrides)
    check_inputs(cfg)
    try:
        result = run_demo(cfg)
    except KeyboardInterrupt:  # run_demo said what was kept
        raise typer.Exit(130) from None
    print_headline(Path(result.eval))
    for line in summary_lines(result):
        typer.echo(line)

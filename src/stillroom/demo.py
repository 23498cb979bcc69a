"""`stillroom demo` (what `make demo` runs): the whole distill half on the embedded teacher.

    stillroom demo                 # demo/ : queries -> harvest -> init -> distill kd, sft -> eval -> report
    stillroom demo --quick         # the same pipeline at smoke-test size

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
from stillroom.headline import remaining, stage_estimates
from stillroom.progress import duration, progress_bar, say
from stillroom.runs import machine, write_json_atomic

METHODS = ("kd", "sft")


class DemoConfig(BaseModel):
    out: str = "demo"
    teacher: TeacherSpecStr = "hf:default"
    per_cell: int = Field(2, ge=1)  # template prompts per taxonomy cell (390 cells), before the split
    train_prompts: int = Field(640, ge=1)
    heldout_prompts: int = Field(32, ge=1)
    max_new_tokens: int = Field(96, ge=1)
    top_logprobs: int = Field(20, ge=1, le=20)
    student_layers: int = Field(6, ge=1)
    steps: int = Field(320, ge=1)  # two epochs of 640 prompts; measured gap closed: README
    batch_size: int = Field(4, ge=1)
    lr: float = Field(3e-4, gt=0)
    warmup_steps: int = Field(4, ge=0)
    kd_loss: str = "fkl"
    kd_signal: str = "harvested"  # the top-k logprobs from the harvest; "online" runs the teacher in the loop
    eval_tasks_per_kind: int = Field(6, ge=1)
    eval_max_new_tokens: int = Field(64, ge=1)
    seed: int = 0


QUICK = {
    "train_prompts": 24,
    "heldout_prompts": 8,
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
    from stillroom.queries.build import QueriesConfig, build  # torch, transformers: only when this runs

    rows = build(QueriesConfig(out=str(d / "prompts.jsonl"), per_cell=cfg.per_cell, seed=cfg.seed)).rows
    rows = random.Random(cfg.seed).sample(rows, min(len(rows), cfg.train_prompts + cfg.heldout_prompts))
    write_prompts(rows[: cfg.heldout_prompts], d / "heldout.jsonl")
    write_prompts(rows[cfg.heldout_prompts :], d / "train.jsonl")


def stage_harvest(cfg: DemoConfig, d: Path) -> None:
    """Greedy teacher answers with top-k logprobs for both prompt files; the harvest itself resumes."""
    from stillroom.teachers import load_teacher  # torch, transformers: only when this runs

    teacher = load_teacher(cfg.teacher)
    for split in ("train", "heldout"):
        harvest_split(cfg, teacher, d / f"{split}.jsonl", d / f"{split}.db")


def stage_init(cfg: DemoConfig, d: Path) -> None:
    """The pruned teacher every student starts from, saved as the eval's floor."""
    if (d / "init" / "config.json").is_file():
        return
    from stillroom.distill.student import (  # peft, safetensors, torch, transformers: only when this runs
        build_student,
        export_student,
    )

    model, tok, _ = build_student(
        StudentSettings(init="prune", layers=cfg.student_layers), TeacherSpec.parse(cfg.teacher).model_path
    )
    export_student(model, tok, d / "init")


def stage_distill(cfg: DemoConfig, d: Path, method: str) -> None:
    """One student from the training store; `kd` matches the harvested top-k logprobs, `sft` the tokens."""
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
            "student": {"init": "prune", "layers": cfg.student_layers},
            "loss": {"kind": cfg.kd_loss},
            "train": {
                "steps": cfg.steps,
                "batch_size": cfg.batch_size,
                "lr": cfg.lr,
                "warmup_steps": cfg.warmup_steps,
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

    models = {"init": str(d / "init"), **{m: str(d / "runs" / m) for m in METHODS}}
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
    from stillroom.harvest.run import HarvestConfig, run  # torch, transformers: only when this runs
    from stillroom.teachers import TeacherConfig  # torch, transformers: only when this runs

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

        run(hc, teacher=teacher, on_start=on_start, on_chunk=on_chunk)


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
        *[(f"distill {m}", lambda m=m: stage_distill(cfg, d, m)) for m in METHODS],
        ("eval", lambda: stage_eval(cfg, d)),
        ("report", lambda: stage_report(cfg, d)),
    ]


def run_demo(cfg: DemoConfig) -> DemoSummary:
    """Run every stage in order, with a time estimate up front; returns (and writes to demo.json) the summary."""

    d = Path(cfg.out)
    check_inputs(cfg)
    d.mkdir(parents=True, exist_ok=True)
    save_config(cfg, d / "demo.yaml")
    estimates, timings, t_all, mach = stage_estimates(cfg, METHODS), {}, time.perf_counter(), machine()
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
    """Queries -> harvest -> distill kd and sft -> eval -> report, on the embedded teacher; prints the headline."""
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

"""Progress in logs: without a terminal, long jobs print plain periodic lines (count, rate, ETA), not silence."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from rich.console import Console

from stillroom.progress import LogProgress, duration, progress_bar


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def test_log_progress_prints_every_interval_and_every_tenth():
    buf, clock = io.StringIO(), Clock()
    p = LogProgress(Console(file=buf, width=200), every_s=30, clock=clock)
    task = p.add_task("harvest", total=1000, rate="")
    for _ in range(99):  # 99 items in 99 s: under a tenth, but past the 30 s interval three times
        clock.t += 1
        p.update(task, advance=1, rate="50 tok/s")
    lines = buf.getvalue().splitlines()
    assert lines[0] == "harvest: 0/1000 (0%), 0s elapsed"
    assert len(lines) == 4 and lines[1].startswith("harvest: 30/1000 (3%), 50 tok/s, 30s elapsed, eta 16m10s")
    clock.t += 1
    p.update(task, advance=1)  # 100/1000: a tenth
    assert buf.getvalue().splitlines()[-1].startswith("harvest: 100/1000 (10%)")
    p.update(task, completed=1000)
    p.stop()
    last = buf.getvalue().splitlines()
    assert last[-1] == "harvest: 1000/1000 (100%), 50 tok/s, 1m40s elapsed" and len(last) == 6


def test_resumed_task_rates_only_this_runs_work():
    buf, clock = io.StringIO(), Clock()
    p = LogProgress(Console(file=buf, width=200), every_s=10, clock=clock)
    task = p.add_task("distill", total=100, completed=50, rate="")
    clock.t = 10
    p.update(task, advance=5)
    assert buf.getvalue().splitlines()[-1] == "distill: 55/100 (55%), 10s elapsed, eta 1m30s"


def test_durations():
    assert [duration(x) for x in (4.2, 65, 3725)] == ["4s", "1m05s", "1h02m05s"]


def test_piped_output_gets_the_log_form():
    code = "from stillroom.progress import progress_bar, LogProgress; print(isinstance(progress_bar(), LogProgress))"
    env = {**os.environ, "PYTHONPATH": "src"}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert r.stdout.strip() == "True"
    assert progress_bar() is not None


def test_demo_estimate_reproduces_the_reference_run_and_rescales():
    from stillroom.demo import DemoConfig
    from stillroom.headline import REFERENCE_S, remaining, stage_estimates

    # the reference run: `make demo` with the defaults of its day (22 layers, 864 MLP channels)
    cfg = DemoConfig(student_layers=22, student_intermediate=864, student_vocab=None)
    est = stage_estimates(cfg, tuple(cfg.methods))
    assert est["harvest"] == pytest.approx(REFERENCE_S["harvest"])
    assert est["distill kd"] == pytest.approx(REFERENCE_S["distill"])
    assert est["eval"] == pytest.approx(REFERENCE_S["eval"]) and est["init"] == REFERENCE_S["init"]
    harvested = stage_estimates(DemoConfig(kd_signal="harvested"), ("kd",))
    assert harvested["distill kd"] < est["distill kd"]  # no teacher forward in the loop
    # a machine twice as slow as the reference: once the harvest has run, the rest is doubled too
    done = {"queries": 2.0, "harvest": 2 * est["harvest"]}
    assert remaining(est, done) == pytest.approx(2 * sum(v for k, v in est.items() if k not in done))


def test_demo_estimate_counts_every_task_kind():
    from stillroom.evaluate.tasks import BUILDERS
    from stillroom.headline import TASK_KINDS

    assert len(BUILDERS) == TASK_KINDS

"""The command line as a user meets it: help lists every stage, and bad input is one line, not a traceback."""

from __future__ import annotations

import subprocess
import sys
import time

from typer.testing import CliRunner

from stillroom.cli import app


def test_help_lists_the_stages():
    out = CliRunner().invoke(app, ["--help"]).output
    for stage in ("queries", "harvest"):
        assert stage in out


def test_help_is_fast_because_stages_import_lazily():
    t = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "-c", "import stillroom.cli, sys; print('torch' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert r.stdout.strip() == "False", "a stage's cli.py imports torch at module level"
    assert time.perf_counter() - t < 10


def test_user_error_is_one_line(tmp_path):
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "stillroom.cli",
            "harvest",
            str(tmp_path / "missing.jsonl"),
            "--store",
            str(tmp_path / "h.sqlite"),
        ],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 2
    assert r.stderr.strip().startswith("error:") and len(r.stderr.strip().splitlines()) == 1
    assert "Traceback" not in r.stderr

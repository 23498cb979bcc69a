"""Ctrl-C during a real `stillroom harvest`: it says what was saved and how to resume (exit 130), and the
rerun says how much was already done, then asks only for the rest."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time

from fakes.upstream import FakeUpstream
from stillroom.serve.thread import running
from test_harvest_kill import count, done_prompts
from test_harvest_run import write_prompts


def test_sigint_mid_harvest_then_resume(tmp_path):
    write_prompts(tmp_path / "p.jsonl", 40)
    db = tmp_path / "h.sqlite"
    up = FakeUpstream(delay_s=0.15)
    with running(up) as url:
        cmd = [
            sys.executable,
            "-m",
            "stillroom.cli",
            "harvest",
            str(tmp_path / "p.jsonl"),
            "--store",
            str(db),
            "--teacher",
            f"openai:{url}",
            "--concurrency",
            "2",
            "--max-new-tokens",
            "8",
        ]
        # A shell without job control starts background jobs with SIGINT ignored, and Python then keeps
        # ignoring it: give the harvest the default disposition, as a terminal would.
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        deadline = time.time() + 60
        while count(db) < 8 and proc.poll() is None and time.time() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        saved = count(db)
        assert proc.returncode == 130, err
        assert 8 <= saved < 40, "the interrupt should land mid-run"
        line = next(x for x in err.splitlines() if x.startswith("interrupted:"))
        assert f"{saved} of 40 completions of this run are saved in {db}" in line, line
        assert "rerun the same command to resume" in line and "Traceback" not in err
        up.asked.clear()

        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    resumed = re.search(r"resuming: (\d+) prompts already harvested .*; (\d+) completions to go", r.stderr)
    assert resumed and int(resumed[1]) == saved and int(resumed[2]) == 40 - saved, r.stderr
    assert sum(up.asked.values()) == 40 - saved  # only the missing prompts were asked
    assert len(done_prompts(db)) == 40
    assert re.search(r"harvest: 40?\d*/\d+ \(\d+%\)", r.stderr)  # plain progress lines, not a silent bar

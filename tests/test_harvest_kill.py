"""kill -9 a harvest mid-run, rerun the same command: nothing lost, nothing duplicated, nothing asked twice."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from fakes.upstream import FakeUpstream
from stillroom.errors import UserError
from stillroom.serve.thread import running
from test_harvest_run import text_of, write_prompts


def count(db) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as con:
            return con.execute("SELECT COUNT(*) FROM completions").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def done_prompts(db) -> dict[str, int]:
    with sqlite3.connect(db) as con:
        return dict(con.execute("SELECT prompt_id, COUNT(*) FROM completions GROUP BY prompt_id").fetchall())


def test_sigkill_mid_run_then_rerun(tmp_path):
    rows = write_prompts(tmp_path / "p.jsonl", 40, raw_every=4)
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
            "12",
            "--top-logprobs",
            "2",
        ]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.time() + 60
        while count(db) < 8 and proc.poll() is None and time.time() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        before = done_prompts(db)
        assert 8 <= len(before) < 40, "the kill should land mid-run"
        assert set(before.values()) == {1}
        up.asked.clear()

        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
    after = done_prompts(db)
    assert sorted(after) == [r["id"] for r in rows] and set(after.values()) == {1}  # nothing lost or doubled
    finished_texts = {text_of(r) for r in rows if r["id"] in before}
    assert not finished_texts & set(up.asked), "the rerun asked again for prompts that were already stored"
    assert sum(up.asked.values()) == 40 - len(before)

    out = tmp_path / "x.jsonl"
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "stillroom.cli",
            "harvest",
            "--store",
            str(db),
            "--export",
            str(out),
            "--ledger",
            "--price-per-1m",
            "1.5",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert len(out.read_text().splitlines()) == 40
    led = json.loads((tmp_path / "h.sqlite.ledger.json").read_text())
    assert led["total"]["completions"] == 40 and led["price_per_1m"] == 1.5


def test_cli_with_nothing_to_do_says_so(tmp_path):
    from stillroom.harvest.cli import harvest

    with pytest.raises(UserError, match="nothing to do"):
        harvest(
            None,
            store=str(tmp_path / "h.sqlite"),
            teacher=None,
            model=None,
            samples=None,
            max_new_tokens=None,
            temperature=None,
            top_logprobs=None,
            batch_size=None,
            concurrency=None,
            tokenizer=None,
            timeout=None,
            limit=None,
            price_per_1m=None,
            config=None,
            export=None,
            key=None,
            ledger=False,
        )

"""`stillroom queries` through the real CLI app: defaults, idempotent reruns, config + flags, bad input."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from stillroom.cli import app
from stillroom.errors import UserError
from stillroom.queries.taxonomy import load_taxonomy

runner = CliRunner()


def test_default_run_covers_every_cell_and_is_idempotent(tmp_path):
    out = tmp_path / "prompts.jsonl"
    first = runner.invoke(app, ["queries", "--out", str(out)])
    assert first.exit_code == 0, first.output
    data = out.read_bytes()
    rows = [json.loads(line) for line in data.decode().splitlines()]
    cov = json.loads((tmp_path / "prompts.coverage.json").read_text())
    assert cov["coverage"]["empty"] == [] and cov["coverage"]["cells"] == len(load_taxonomy().cells())
    assert cov["coverage"]["total"] == len(rows) > 2 * len(load_taxonomy().cells())
    assert {r["source"] for r in rows} == {"template"}
    assert "coverage" in first.output and "wrote" in first.output
    second = runner.invoke(app, ["queries", "--out", str(out)])
    assert second.exit_code == 0 and out.read_bytes() == data


def test_config_file_and_flags(tmp_path):
    cfg = tmp_path / "q.yaml"
    cfg.write_text("per_cell: 1\nseed: 5\ndedup_threshold: 0.95\nshingle: word\nngram: 2\n")
    out = tmp_path / "p.jsonl"
    res = runner.invoke(app, ["queries", "--config", str(cfg), "--out", str(out), "--per-cell", "2"])
    assert res.exit_code == 0, res.output
    saved = json.loads((tmp_path / "p.coverage.json").read_text())["config"]
    assert (saved["per_cell"], saved["seed"], saved["shingle"], saved["dedup_threshold"]) == (
        2,
        5,
        "word",
        0.95,
    )
    assert len(out.read_text().splitlines()) > len(load_taxonomy().cells())


def test_bad_input_is_a_user_error(tmp_path):
    bad = tmp_path / "tax.yaml"
    bad.write_text("domains: []\ntasks: []\ndifficulties: []\n")
    res = runner.invoke(app, ["queries", "--out", str(tmp_path / "p.jsonl"), "--taxonomy", str(bad)])
    assert isinstance(res.exception, UserError) and "domains" in str(res.exception)
    res = runner.invoke(
        app, ["queries", "--out", str(tmp_path / "p.jsonl"), "--magpie", "3", "--config", str(bad)]
    )
    assert isinstance(res.exception, UserError)
    cfg = tmp_path / "q.yaml"
    cfg.write_text("temperature: 0\n")
    res = runner.invoke(
        app, ["queries", "--config", str(cfg), "--magpie", "2", "--out", str(tmp_path / "p.jsonl")]
    )
    assert isinstance(res.exception, UserError) and "temperature > 0" in str(res.exception)

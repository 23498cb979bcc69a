"""The demo pipeline's plumbing at --quick size on tiny random models: every stage, then a rerun that reuses all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser import check_page
from stillroom.demo import QUICK, DemoConfig, run_demo, summary_lines
from stillroom.harvest.store import HarvestStore


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory, tiny_teacher_dir):
    out = tmp_path_factory.mktemp("demo")
    cfg = DemoConfig(
        **{
            **QUICK,
            "out": str(out),
            "teacher": f"hf:{tiny_teacher_dir}",
            "student_layers": 1,
            "student_intermediate": 96,
            "methods": ["kd", "sft"],
            "train_prompts": 12,
            "heldout_prompts": 6,
            "max_new_tokens": 12,
            "steps": 3,
        }
    )
    return cfg, run_demo(cfg)


def test_demo_runs_every_stage_and_writes_a_clean_report(demo_run):
    cfg, result = demo_run
    ev = json.loads((Path(cfg.out) / "eval" / "eval.json").read_text())
    assert [m["name"] for m in ev["models"]] == ["teacher", "init", "kd", "sft"]
    assert ev["data"]["heldout_prompts"] == 6
    assert set(result["headline"]["kl"]) == {"teacher", "init", "kd", "sft"}
    assert result["headline"]["kl"]["teacher"] == pytest.approx(0.0, abs=1e-5)
    for m in ("kd", "sft"):
        summary = json.loads((Path(cfg.out) / "runs" / m / "summary.json").read_text())
        assert summary["method"] == m and summary["steps"] == 3
    page = check_page(f"file://{result['report']}")
    assert page.console_errors == [] and page.broken_images == []
    assert any("kd" in line and "sft" in line for line in summary_lines(result))


def test_training_and_heldout_prompts_never_overlap(demo_run):
    cfg, _ = demo_run
    train, held = HarvestStore(f"{cfg.out}/train.db"), HarvestStore(f"{cfg.out}/heldout.db")
    train_ids = {p for p, _, _ in train.prompts()}
    assert len(train_ids) == 12 + cfg.skills and train.used_prompt_ids() == train_ids
    assert train_ids.isdisjoint(p for p, _, _ in held.prompts()) and not held.used_prompt_ids()


def test_rerun_reuses_every_finished_stage(demo_run):
    cfg, first = demo_run
    eval_before = (Path(cfg.out) / "eval" / "eval.json").read_text()
    again = run_demo(cfg)
    assert again["headline"] == first["headline"]
    assert (Path(cfg.out) / "eval" / "eval.json").read_text() == eval_before
    assert all(again["timings_s"][s] < 2.0 for s in ("queries", "init", "distill kd", "distill sft", "eval"))


def test_cli_takes_the_output_folder_from_the_yaml(demo_run, tmp_path, monkeypatch):
    """A flag's default must not override the config file: `out:` in YAML is where the demo runs."""
    import yaml
    from typer.testing import CliRunner

    from stillroom.cli import app

    cfg, _ = demo_run
    (tmp_path / "demo.yaml").write_text(yaml.safe_dump(cfg.model_dump(mode="json")))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["demo", "--config", "demo.yaml"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "demo").exists()  # nothing ran in the default folder
    assert cfg.out in result.output.replace("\n", "")

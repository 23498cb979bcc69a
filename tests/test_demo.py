"""The demo pipeline's plumbing at --quick size on tiny random models: every stage, then a rerun that reuses all."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import check_page
from stillroom.contracts.artifacts import EvalReport
from stillroom.demo import QUICK, DemoConfig, run_demo, summary_lines
from stillroom.harvest.store import HarvestStore
from stillroom.headline import as_text, headline_lines
from stillroom.runs import RunDir, read_artifact


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


def test_demo_runs_every_stage_and_prints_a_capability_first_headline(demo_run):
    cfg, result = demo_run
    ev = read_artifact(result.eval, EvalReport)
    assert [m.name for m in ev.models] == ["teacher", "init", "kd", "sft"]
    assert ev.data.heldout_prompts == 6
    assert ev.model("teacher").fidelity.kl == pytest.approx(0.0, abs=1e-5)
    for m in ("kd", "sft"):
        summary = RunDir(Path(cfg.out) / "runs" / m).summary()
        assert summary.method == m and summary.steps == 3
    lines = [as_text(x) for x in headline_lines(ev)]
    kd = next(
        line for line in lines if line.startswith("  kd (student): NOT USABLE: tasks ")
    )  # tiny random students
    assert kd.index("tasks ") < kd.index("KL ") < kd.index("perplexity") < kd.index("distinct-2")
    assert {head.strip(): word for head, word, _ in headline_lines(ev) if word} == {
        "init (floor)": "NOT USABLE",
        "kd (student)": "NOT USABLE",
        "sft (student)": "NOT USABLE",
    }
    assert lines.index(next(x for x in lines if x.startswith("share of the pruned init"))) > lines.index(kd)
    assert summary_lines(result)[0] == f"report: {result.report}"
    assert result.estimate_s > 0 and set(result.timings_s) >= {"harvest", "eval", "report"}


def test_demo_report_renders_cleanly(demo_run):
    _, result = demo_run
    page = check_page(f"file://{result.report}")
    assert page.console_errors == [] and page.broken_images == [] and page.overflows == []


def test_training_and_heldout_prompts_never_overlap(demo_run):
    cfg, _ = demo_run
    train, held = HarvestStore(f"{cfg.out}/train.db"), HarvestStore(f"{cfg.out}/heldout.db")
    train_ids = {p for p, _, _ in train.prompts()}
    assert len(train_ids) == 12 + cfg.skills
    # each run keeps a tenth of its store out of training for its validation curve
    used = train.used_prompt_ids()
    assert used < train_ids and len(used) == len(train_ids) - len(train_ids) // 10
    assert train_ids.isdisjoint(p for p, _, _ in held.prompts()) and not held.used_prompt_ids()


def test_rerun_reuses_every_finished_stage(demo_run):
    cfg, first = demo_run
    eval_before = (Path(cfg.out) / "eval" / "eval.json").read_text()
    again = run_demo(cfg)
    assert again.eval == first.eval
    assert (Path(cfg.out) / "eval" / "eval.json").read_text() == eval_before
    assert all(again.timings_s[s] < 2.0 for s in ("queries", "init", "distill kd", "distill sft", "eval"))


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


def test_ctrl_c_says_what_was_kept_and_exits_130(demo_run, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import stillroom.demo as demo_mod
    from stillroom.cli import app

    cfg, _ = demo_run

    def interrupted(cfg, d):
        raise KeyboardInterrupt

    monkeypatch.setattr(demo_mod, "stage_eval", interrupted)
    (Path(cfg.out) / "eval" / "eval.json").rename(tmp_path / "eval.json")  # so the eval stage runs
    try:
        r = CliRunner().invoke(
            app, ["demo", "--out", cfg.out, "--teacher", cfg.teacher, "--config", str(_yaml(cfg, tmp_path))]
        )
    finally:
        (tmp_path / "eval.json").rename(Path(cfg.out) / "eval" / "eval.json")
    assert r.exit_code == 130
    assert (
        "interrupted during eval" in r.output
        and "queries, harvest, init, distill kd, distill sft" in r.output
    )
    assert "Rerun the same command" in r.output


def _yaml(cfg, folder: Path) -> Path:
    import yaml

    p = folder / "demo.yaml"
    p.write_text(yaml.safe_dump(cfg.model_dump(mode="json")))
    return p

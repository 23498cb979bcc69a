"""The cost ledger: FLOPs formulas, reading distill run folders, and the from-scratch reference."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from stillroom.cli import app
from stillroom.evaluate import cost


def test_flops_formulas():
    assert cost.train_flops(10, 7) == 420 and cost.forward_flops(10, 7) == 140


def test_scratch_cost_uses_the_published_token_count_for_the_default_teacher():
    s = cost.scratch_cost("hf:default", 134_515_008, None)
    assert s["train_tokens"] == 2 * 10**12 == cost.SMOLLM2_135M_TRAIN_TOKENS
    assert s["train_flops"] == pytest.approx(6 * 134_515_008 * 2e12)
    assert "model card" in s["source"]
    assert cost.scratch_cost("hf:/some/model", 10, None)["train_flops"] is None
    assert cost.scratch_cost("hf:/some/model", 10, 5)["train_flops"] == 300


def test_read_run_from_summary_then_from_metrics(tmp_path):
    (tmp_path / "summary.json").write_text(
        json.dumps({"steps": 5, "method": "kd", "signal": "online", "tokens": 800, "seconds": 12.5})
    )
    assert cost.read_run(tmp_path) == {
        "train_tokens": 800,
        "wall_s": 12.5,
        "steps": 5,
        "method": "kd",
        "signal": "online",
    }
    (tmp_path / "summary.json").unlink()  # a run killed before it finished: fall back to the metric lines
    (tmp_path / "metrics.jsonl").write_text(
        '{"step": 1, "tokens": 100, "seconds": 1.0}\n{"step": 2, "tokens": 50, "seconds": 0.5}\n{"st'
    )
    (tmp_path / "config.yaml").write_text("method: sft\nsignal: harvested\n")
    assert cost.read_run(tmp_path) == {
        "train_tokens": 150,
        "wall_s": 1.5,
        "steps": 2,
        "method": "sft",
        "signal": "harvested",
    }


def test_online_teacher_forward_is_charged_only_for_online_logit_methods():
    harvest = cost.harvest_cost(
        {"completions": 2, "prompt_tokens": 30, "completion_tokens": 70, "latency_s": 3.0}, 100
    )
    assert harvest["teacher_tokens"] == 100 and harvest["teacher_flops"] == 2 * 100 * 100
    online = cost.student_cost({"train_tokens": 10, "method": "kd", "signal": "online"}, 5, 100, harvest)
    assert online["teacher_forward_flops"] == 2 * 100 * 10
    assert online["total_flops"] == 6 * 5 * 10 + 2 * 100 * 10 + 2e4
    sft = cost.student_cost({"train_tokens": 10, "method": "sft", "signal": "online"}, 5, 100, harvest)
    assert sft["teacher_forward_flops"] == 0


def test_eval_cli_rejects_a_malformed_model_flag(tmp_path):
    result = CliRunner().invoke(app, ["eval", "--store", str(tmp_path / "x.db"), "--model", "no-equals-sign"])
    assert result.exit_code != 0 and "NAME=SPEC" in str(result.exception)

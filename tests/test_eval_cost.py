"""The cost ledger: FLOPs formulas, reading distill run folders, and the from-scratch reference."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from stillroom.cli import app
from stillroom.contracts.artifacts import RunSummary
from stillroom.errors import UserError
from stillroom.evaluate import cost
from stillroom.runs import RunDir


def test_flops_formulas():
    assert cost.train_flops(10, 7) == 420 and cost.forward_flops(10, 7) == 140


def test_scratch_cost_uses_the_published_token_count_for_the_default_teacher():
    s = cost.scratch_cost("hf:default", 134_515_008, None)
    assert s.train_tokens == 2 * 10**12 == cost.SMOLLM2_135M_TRAIN_TOKENS
    assert s.train_flops == pytest.approx(6 * 134_515_008 * 2e12)
    assert "model card" in s.source
    assert cost.scratch_cost("hf:/some/model", 10, None).train_flops is None
    assert cost.scratch_cost("hf:/some/model", 10, 5).train_flops == 300


def summary(**kw) -> RunSummary:
    base = {
        "method": "kd",
        "signal": "online",
        "steps": 5,
        "train_prompts": 2,
        "val_prompts": 0,
        "store": "/nowhere/train.db",
        "harvest_key": "k",
        "store_run": "r",
        "train_tokens": 10,
        "wall_s": 4.0,
        "tokens_per_s": 2.5,
        "student": "s",
        "config": {},
    }
    return RunSummary(**{**base, **kw})


def test_online_teacher_forward_is_charged_only_for_online_logit_methods():
    row = {
        "config_key": "k",
        "completions": 2,
        "prompt_tokens": 30,
        "completion_tokens": 70,
        "latency_s": 3.0,
    }
    harvest = cost.harvest_cost("train.db", row, 100, "training")
    assert harvest.teacher_tokens == 100 and harvest.teacher_flops == 2 * 100 * 100
    online = cost.student_cost(summary(), 5, 100, harvest)
    assert online.teacher_forward_flops == 2 * 100 * 10
    assert online.total_flops == 6 * 5 * 10 + 2 * 100 * 10 + 2e4
    assert online.total_wall_s == 4.0 + 3.0 and online.harvest_key == "k"
    sft = cost.student_cost(summary(method="sft"), 5, 100, harvest)
    assert sft.teacher_forward_flops == 0


def test_training_harvest_is_read_from_the_store_the_run_names(tmp_path):
    from stillroom.harvest.store import HarvestStore
    from stillroom.teachers.base import GenParams
    from stillroom.teachers.fake import FakeTeacher

    db = tmp_path / "train.db"
    store = HarvestStore(db)
    store.add_prompts([{"id": f"p{i}", "prompt": f"say {i}"} for i in range(3)])
    teacher, params = FakeTeacher(), GenParams(max_new_tokens=5)
    outs = teacher.generate([f"say {i}" for i in range(3)], params)
    key = "fake-key"
    store.add_completions(
        key, teacher.info(), params.to_dict(), [(f"p{c.prompt_index}", c, 0.5) for c in outs]
    )
    store.close()
    h = cost.training_harvest(summary(store=str(db), harvest_key=key), 100)
    assert (h.purpose, h.completions, h.teacher_wall_s) == ("training", 3, 1.5)
    assert h.teacher_completion_tokens == sum(c.completion_tokens for c in outs)
    assert cost.training_harvest(summary(store=str(db), harvest_key="other"), 100) is None
    assert cost.training_harvest(summary(), 100) is None  # the store is gone: no harvest charged


def test_summary_reader_has_no_aliases(tmp_path):
    """summary.json is one typed model: an old alias key is rejected with one line, not silently read."""
    RunDir(tmp_path).write_summary(summary())
    assert RunDir(tmp_path).summary().train_tokens == 10
    data = summary().model_dump()
    data["tokens"] = data.pop("train_tokens")
    (tmp_path / "summary.json").write_text(json.dumps(data))
    with pytest.raises(UserError, match="train_tokens"):
        RunDir(tmp_path).summary()


def test_eval_cli_rejects_a_malformed_model_flag(tmp_path):
    result = CliRunner().invoke(app, ["eval", "--store", str(tmp_path / "x.db"), "--model", "no-equals-sign"])
    assert result.exit_code != 0 and "NAME=SPEC" in str(result.exception)

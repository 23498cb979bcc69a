"""`stillroom eval` end to end on tiny random models: held-out selection, fidelity identities, JSON shape."""

from __future__ import annotations

import json
import shutil

import pytest

from stillroom.errors import UserError
from stillroom.evaluate.run import EvalConfig, evaluate
from stillroom.harvest.store import HarvestStore, config_key
from stillroom.teachers.base import GenParams
from stillroom.teachers.hf import HFTeacher

PROMPTS = [
    ("p0", "What is 2 + 3?", "math"),
    ("p1", "Name a color.", "knowledge"),
    ("p2", "Sort 3, 1, 2.", "reasoning"),
    ("p3", "What is 7 * 6?", "math"),
    ("p4", "Say hello.", "knowledge"),
    ("p5", "Count to three.", "math"),
]


@pytest.fixture(scope="module")
def harvested(tmp_path_factory, tiny_teacher_dir):
    """A store with the tiny teacher's greedy answers (top-5 logprobs) to 6 prompts; 2 marked as trained on."""
    path = tmp_path_factory.mktemp("store") / "harvest.db"
    store = HarvestStore(path)
    store.add_prompts(
        [
            {
                "id": i,
                "messages": [{"role": "user", "content": c}],
                "cell": {"domain": d, "task": "t", "difficulty": "easy"},
            }
            for i, c, d in PROMPTS
        ]
    )
    teacher = HFTeacher(str(tiny_teacher_dir))
    params = GenParams(max_new_tokens=12, top_logprobs=5)
    outs = teacher.generate([[{"role": "user", "content": c}] for _, c, _ in PROMPTS], params)
    key = config_key(teacher.info(), params.to_dict())
    store.add_completions(
        key, teacher.info(), params.to_dict(), [(p[0], c, 0.01) for p, c in zip(PROMPTS, outs, strict=True)]
    )
    store.mark_used(["p0", "p1"], run="kd")
    store.close()
    return path


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory, tiny_student_dir):
    """A distill-run-shaped folder around the tiny student."""
    d = tmp_path_factory.mktemp("kd_run")
    shutil.copytree(tiny_student_dir, d / "student")
    (d / "summary.json").write_text(json.dumps({"train_tokens": 1000, "wall_s": 2.5, "steps": 10}))
    (d / "metrics.jsonl").write_text(
        "".join(json.dumps({"step": s, "loss": 1 / s, "kl": 2 / s}) + "\n" for s in range(1, 11))
    )
    return d


@pytest.fixture(scope="module")
def result(tmp_path_factory, harvested, tiny_teacher_dir, tiny_student_dir, run_dir):
    out = tmp_path_factory.mktemp("eval")
    models = {"copy": str(tiny_teacher_dir), "init": f"hf:{tiny_student_dir}", "kd": str(run_dir)}
    cfg = EvalConfig(
        teacher=f"hf:{tiny_teacher_dir}",
        store=str(harvested),
        models=models,
        floor="init",
        out=str(out),
        max_new_tokens=8,
        tasks_per_kind=1,
        task_max_new_tokens=8,
        teacher_train_tokens=10**6,
    )
    path = evaluate(cfg)
    return json.loads(path.read_text())


def test_heldout_prompts_exclude_the_training_prompts(result):
    assert result["data"]["heldout_prompts"] == 4
    assert {e["prompt"] for e in result["examples"]}.isdisjoint({"What is 2 + 3?", "Name a color."})


def test_teacher_against_itself_is_perfectly_faithful(result):
    by = {m["name"]: m for m in result["models"]}
    for name in ("teacher", "copy"):  # `copy` is the teacher's own folder
        f = by[name]["fidelity"]
        assert f["kl"] == pytest.approx(0.0, abs=1e-5)
        assert f["top1"] == 1.0 and f["rougeL"] == 1.0 and f["chrf"] == 1.0
        assert by[name]["capability"]["score"] == by["teacher"]["capability"]["score"]
    assert by["teacher"]["fingerprint"] == by["copy"]["fingerprint"]


def test_student_differs_and_cost_comes_from_its_run(result, run_dir):
    kd = next(m for m in result["models"] if m["name"] == "kd")
    assert kd["fidelity"]["kl"] > 0.01 and kd["fidelity"]["tokens"] == result["data"]["heldout_tokens"]
    assert set(kd["fidelity"]["per_domain"]) == {"math", "reasoning", "knowledge"}
    assert kd["size"]["params"] < result["models"][0]["size"]["params"]
    assert kd["speed"]["tokens_per_s"] > 0 and kd["speed"]["peak_mem_bytes"] >= kd["size"]["weight_bytes"]
    assert kd["cost"]["train_tokens"] == 1000 and kd["cost"]["train_flops"] == 6 * kd["size"]["params"] * 1000
    scratch = result["cost"]["teacher_from_scratch"]
    assert scratch["train_flops"] == 6 * result["models"][0]["size"]["params"] * 10**6
    assert result["cost"]["harvest"]["completions"] == 6
    per_run = json.loads((run_dir / "eval.json").read_text())
    assert [m["name"] for m in per_run["models"]] == ["teacher", "init", "kd"]


def test_gap_closed_is_relative_to_the_floor(result):
    h = result["headline"]
    assert h["teacher"]["gap_closed"] == 1.0 and h["copy"]["gap_closed"] == pytest.approx(1.0)
    assert h["init"]["gap_closed"] == 0.0
    assert h["kd"]["gap_closed"] == pytest.approx(0.0, abs=1e-6)  # same weights as the floor here


def test_no_heldout_prompts_is_a_user_error(tmp_path, harvested, tiny_teacher_dir):
    db = tmp_path / "all_used.db"
    shutil.copy(harvested, db)
    s = HarvestStore(db)
    s.mark_used([p[0] for p in PROMPTS], run="all")
    s.close()
    with pytest.raises(UserError, match="held-out"):
        evaluate(EvalConfig(teacher=f"hf:{tiny_teacher_dir}", store=str(db), out=str(tmp_path / "e")))


def test_answers_from_another_teacher_are_a_user_error(tmp_path, harvested, tiny_student_dir):
    with pytest.raises(UserError, match="answers come from"):
        evaluate(EvalConfig(teacher=f"hf:{tiny_student_dir}", store=str(harvested), out=str(tmp_path / "e")))

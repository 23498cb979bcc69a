"""`stillroom eval` end to end on tiny random models: held-out selection, fidelity identities, JSON shape."""

from __future__ import annotations

import shutil

import pytest

from stillroom.contracts.artifacts import EvalReport, MetricsLine, RunSummary
from stillroom.errors import UserError
from stillroom.evaluate import tasks
from stillroom.evaluate.run import EvalConfig, evaluate
from stillroom.harvest.store import HarvestStore, config_key
from stillroom.runs import RunDir, read_artifact
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


def harvest_into(path, teacher, prompts, max_new_tokens: int):
    """The teacher's greedy answers (top-5 logprobs) to `prompts` in a new store; returns the config key."""
    store = HarvestStore(path)
    store.add_prompts(
        [
            {
                "id": i,
                "messages": [{"role": "user", "content": c}],
                "cell": {"domain": d, "task": "t", "difficulty": "easy"},
            }
            for i, c, d in prompts
        ]
    )
    params = GenParams(max_new_tokens=max_new_tokens, top_logprobs=5)
    outs = teacher.generate([[{"role": "user", "content": c}] for _, c, _ in prompts], params)
    key = config_key(teacher.info(), params.to_dict())
    store.add_completions(
        key, teacher.info(), params.to_dict(), [(p[0], c, 0.01) for p, c in zip(prompts, outs, strict=True)]
    )
    store.close()
    return key


@pytest.fixture(scope="module")
def harvested(tmp_path_factory, tiny_teacher_dir):
    """A store with the tiny teacher's answers to 6 prompts; 2 marked as trained on."""
    path = tmp_path_factory.mktemp("store") / "harvest.db"
    harvest_into(path, HFTeacher(str(tiny_teacher_dir)), PROMPTS, 12)
    store = HarvestStore(path)
    store.mark_used(["p0", "p1"], run="kd")
    store.close()
    return path


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory, tiny_teacher_dir, tiny_student_dir):
    """A distill-run folder around the tiny student, trained (on paper) from its own 3-prompt store."""
    d = tmp_path_factory.mktemp("kd_run")
    train_db = d / "train.db"
    prompts = [(f"t{i}", f"Tell me about the number {i}.", "math") for i in range(3)]
    key = harvest_into(train_db, HFTeacher(str(tiny_teacher_dir)), prompts, 20)
    shutil.copytree(tiny_student_dir, d / "student")
    summary = RunSummary(
        method="kd",
        signal="harvested",
        steps=10,
        train_prompts=3,
        val_prompts=0,
        store=str(train_db),
        harvest_key=key,
        store_run="kd-run",
        train_tokens=1000,
        wall_s=2.5,
        tokens_per_s=400.0,
        student=str(d / "student"),
        config={"method": "kd", "train": {"steps": 10, "lr": 1e-3}},
    )
    RunDir(d).write_summary(summary)
    for s in range(1, 11):
        RunDir(d).log(
            MetricsLine(
                step=s, loss=1 / s, lr=1e-3, tokens=100, tokens_per_s=400.0, seconds=0.25, cpu_seconds=0.25
            )
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
    return read_artifact(path, EvalReport)


def test_heldout_prompts_exclude_the_training_prompts(result):
    assert result.data.heldout_prompts == 4
    assert {e.prompt for e in result.examples}.isdisjoint({"What is 2 + 3?", "Name a color."})


def test_teacher_against_itself_is_perfectly_faithful(result):
    teacher, copy = result.model("teacher"), result.model("copy")
    for m in (teacher, copy):  # `copy` is the teacher's own folder
        assert m.fidelity.kl == pytest.approx(0.0, abs=1e-5)
        assert m.fidelity.top1 == 1.0 and m.fidelity.rougeL == 1.0 and m.fidelity.chrf == 1.0
        assert m.capability.overall == teacher.capability.overall
        assert m.degeneration == teacher.degeneration
    assert teacher.fingerprint == copy.fingerprint
    assert teacher.verdict is None and copy.verdict.checks[1].passed and copy.verdict.checks[2].passed


def test_student_differs_and_cost_comes_from_its_training_harvest(result, run_dir):
    kd, teacher = result.model("kd"), result.model("teacher")
    assert kd.fidelity.kl > 0.01 and kd.fidelity.tokens == result.data.heldout_tokens
    assert set(kd.fidelity.per_domain) == {"math", "reasoning", "knowledge"}
    assert kd.size.params < teacher.size.params
    assert kd.speed.tokens_per_s > 0 and kd.speed.peak_mem_bytes >= kd.size.weight_bytes
    assert kd.cost.train_tokens == 1000 and kd.cost.train_flops == 6 * kd.size.params * 1000
    scratch = result.cost.teacher_from_scratch
    assert scratch.train_flops == 6 * teacher.size.params * 10**6
    training, held = result.cost.harvests
    assert (training.purpose, training.completions) == ("training", 3)
    assert (held.purpose, held.completions) == ("held-out", 6)
    assert kd.cost.harvest_store == training.store == str((run_dir / "train.db").resolve())
    assert kd.cost.total_flops == pytest.approx(kd.cost.train_flops + training.teacher_flops)
    assert kd.cost.total_wall_s == pytest.approx(2.5 + training.teacher_wall_s)
    assert training.teacher_tokens != held.teacher_tokens  # the bug: the held-out harvest was charged
    per_run = read_artifact(run_dir / "eval.json", EvalReport)
    assert [m.name for m in per_run.models] == ["teacher", "init", "kd"]


def test_capability_is_per_kind_with_intervals_and_task_examples(result):
    kd, teacher = result.model("kd"), result.model("teacher")
    cap = kd.capability
    assert set(cap.per_kind) == set(tasks.BUILDERS) and all(p.n == 1 for p in cap.per_kind.values())
    assert cap.overall.n == len(tasks.BUILDERS) == len(cap.tasks) == result.data.tasks
    assert cap.overall.ci[0] <= cap.overall.rate <= cap.overall.ci[1]
    assert [t.passed for t in cap.tasks] == [tasks.CHECKERS[t.kind](t.answer, t.expected) for t in cap.tasks]
    if teacher.capability.overall.correct:
        assert cap.retained == cap.overall.rate / teacher.capability.overall.rate
    assert (
        kd.verdict.checks[0].value == cap.retained and not kd.verdict.usable
    )  # a random student is not usable


def test_gap_closed_is_relative_to_the_floor(result):
    assert result.model("teacher").fidelity.gap_closed == 1.0
    assert result.model("copy").fidelity.gap_closed == pytest.approx(1.0)
    assert result.model("init").fidelity.gap_closed == 0.0
    assert result.model("kd").fidelity.gap_closed == pytest.approx(0.0, abs=1e-6)  # same weights as the floor


def test_no_heldout_prompts_is_a_user_error(tmp_path, harvested, tiny_teacher_dir):
    db = tmp_path / "all_used.db"
    shutil.copy(harvested, db)
    s = HarvestStore(db)
    s.mark_used([p[0] for p in PROMPTS], run="all")
    s.close()
    with pytest.raises(UserError, match="held-out"):
        evaluate(EvalConfig(teacher=f"hf:{tiny_teacher_dir}", store=str(db), out=str(tmp_path / "e")))
    assert not (tmp_path / "e").exists()  # a failed eval leaves no folder behind


def test_answers_from_another_teacher_are_a_user_error(tmp_path, harvested, tiny_student_dir):
    with pytest.raises(UserError, match="answers come from"):
        evaluate(EvalConfig(teacher=f"hf:{tiny_student_dir}", store=str(harvested), out=str(tmp_path / "e")))


def test_a_store_with_two_harvest_configs_needs_a_key(tmp_path, harvested, tiny_teacher_dir):
    """The harvest-key choice is one function: eval no longer takes the largest config silently."""
    db = tmp_path / "two.db"
    shutil.copy(harvested, db)
    second = harvest_into(db, HFTeacher(str(tiny_teacher_dir)), PROMPTS[:2], 4)
    with pytest.raises(UserError, match="2 harvest configs"):
        evaluate(EvalConfig(teacher=f"hf:{tiny_teacher_dir}", store=str(db), out=str(tmp_path / "e")))
    store = HarvestStore(db)
    assert store.pick_key(second) == second
    with pytest.raises(UserError, match="not in"):
        store.pick_key("nope")

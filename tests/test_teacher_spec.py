"""The teacher spec: one parser, canonical in every config, and `hf` works wherever a teacher is named."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from stillroom.arena import run as arena_run
from stillroom.arena.config import ArenaConfig
from stillroom.cli import app
from stillroom.contracts.teacher_spec import TeacherSpec, canonical
from stillroom.distill.config import DistillConfig
from stillroom.errors import UserError
from stillroom.evaluate.cost import scratch_cost
from stillroom.evaluate.run import resolve_model
from stillroom.teachers import TeacherConfig


@pytest.mark.parametrize(
    ("spec", "backend", "arg", "text"),
    [
        ("hf", "hf", "default", "hf:default"),
        ("hf:", "hf", "default", "hf:default"),
        ("hf:default", "hf", "default", "hf:default"),
        ("hf:/models/x", "hf", "/models/x", "hf:/models/x"),
        ("hf:m/SmolLM.gguf", "hf", "m/SmolLM.gguf", "hf:m/SmolLM.gguf"),
        ("openai:http://127.0.0.1:8000/v1", "openai", "http://127.0.0.1:8000/v1", None),
        ("openai:https://api.example.com", "openai", "https://api.example.com", None),
        ("fake", "fake", "", "fake"),
    ],
)
def test_parse(spec, backend, arg, text):
    s = TeacherSpec.parse(spec)
    assert (s.backend, s.arg) == (backend, arg)
    assert str(s) == (text or spec) == canonical(spec)
    assert TeacherSpec.parse(str(s)) == s


@pytest.mark.parametrize("spec", ["", "gpt-4o", "hf2:x", "openai:", "openai:localhost:8000", "fake:1"])
def test_bad_specs_are_one_line_user_errors(spec):
    with pytest.raises(UserError) as e:
        TeacherSpec.parse(spec)
    assert "\n" not in str(e.value) and repr(spec) in str(e.value)


def test_model_path_only_for_hf_and_bare_paths_mean_hf():
    assert TeacherSpec.parse("hf").model_path == "default"
    with pytest.raises(UserError, match="weights"):
        _ = TeacherSpec.parse("fake").model_path
    assert TeacherSpec.for_model("runs/kd/student") == TeacherSpec("hf", "runs/kd/student")
    assert TeacherSpec.for_model("hf:runs/kd") == TeacherSpec("hf", "runs/kd")
    assert resolve_model("hf") == ("default", None)


def test_configs_store_the_canonical_spec_and_refuse_bad_ones():
    assert TeacherConfig(spec="hf").spec == "hf:default"
    assert scratch_cost("hf", 10, None).train_tokens == scratch_cost("hf:default", 10, None).train_tokens
    with pytest.raises(UserError, match="unknown teacher spec"):
        TeacherConfig(spec="llama")


def test_distill_teacher_hf_loads_the_default_model():
    """Regression: `stillroom distill --teacher hf` looked for a model folder named `hf`."""
    assert DistillConfig(teacher="hf", store="x.sqlite").teacher_path == "default"
    with pytest.raises(UserError, match="weights"):
        _ = DistillConfig(
            teacher="openai:http://127.0.0.1:9", store="x.sqlite", signal="harvested"
        ).teacher_path


def test_distill_cli_with_teacher_hf_reaches_training(monkeypatch, tmp_path):
    seen = []
    monkeypatch.setattr(
        "stillroom.distill.train.train", lambda cfg, resume=False: seen.append(cfg) or tmp_path
    )
    (tmp_path / "h.sqlite").touch()  # the input checks want the store to exist before training starts
    out = CliRunner().invoke(
        app, ["distill", "--teacher", "hf", "--store", str(tmp_path / "h.sqlite"), "--out", str(tmp_path)]
    )
    assert out.exit_code == 0, out.output
    assert seen[0].teacher == "hf:default" and seen[0].teacher_path == "default"


def test_arena_with_teacher_hf_runs_its_closed_loop(monkeypatch, tmp_path):
    """Regression: `stillroom arena --teacher hf` raised IndexError after the whole replay."""
    loaded = []

    class Tok:
        eos_token_id = 0

    monkeypatch.setattr(arena_run, "load_hf", lambda path, **kw: loaded.append(path) or (None, Tok()))
    monkeypatch.setattr(arena_run.loop, "harvest_store", lambda *a: 0)
    monkeypatch.setattr(arena_run.loop, "distil", lambda cfg, store, out: out)
    monkeypatch.setattr(
        arena_run.loop, "measure", lambda cfg, students, marked: {"fidelity": {}, "trace": {}}
    )
    cfg = ArenaConfig(teacher="hf")
    result = arena_run.closed_loop(cfg, tmp_path, [], {}, [])
    assert loaded == ["default"] and result["watermarked_answers"] == 0


def test_arena_refuses_a_closed_loop_without_weights_before_replaying():
    with pytest.raises(ValueError, match="closed loop"):
        ArenaConfig(teacher="fake")
    assert ArenaConfig(teacher="fake", loop={"enabled": False}).teacher == "fake"

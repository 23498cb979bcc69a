"""Teachers: one protocol (`base.Teacher`), backends `hf`, `openai` and `fake`, chosen by a spec string.

Specs: `hf` / `hf:default` (the embedded SmolLM2-135M-Instruct), `hf:PATH` (a model folder or a
.gguf file), `openai:BASE_URL` (any OpenAI-compatible endpoint; model and key in `TeacherConfig`),
`fake` (deterministic, no model).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from stillroom.errors import UserError
from stillroom.teachers.base import Completion, GenParams, Messages, Prompt, Teacher

__all__ = ["Completion", "GenParams", "Messages", "Prompt", "Teacher", "TeacherConfig", "load_teacher"]


class TeacherConfig(BaseModel):
    spec: str = "hf:default"
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
    backend, _, arg = cfg.spec.partition(":")
    if backend == "hf":
        from stillroom.teachers.hf import HFTeacher

        return HFTeacher(arg or "default", device=cfg.device, batch_size=cfg.batch_size)
    if backend == "openai":
        from stillroom.teachers.openai import OpenAITeacher

        return OpenAITeacher.from_config(cfg)
    if backend == "fake":
        from stillroom.teachers.fake import FakeTeacher

        return FakeTeacher()
    raise UserError(f"unknown teacher spec {cfg.spec!r}: use hf[:PATH], openai:URL or fake")

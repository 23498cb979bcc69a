"""The one config of `stillroom serve`: teacher, batching knobs, request limits, watermark hook."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, field_validator

from stillroom.contracts.openai import SERVE_MAX_BODY_BYTES
from stillroom.errors import UserError
from stillroom.teachers import TeacherConfig
from stillroom.watermark import WatermarkKey


class ProxyConfig(BaseModel):
    """The proxy student `antidistill` requests need (teachers/antidistill.py), built once at start."""

    path: str | None = None  # a student of the teacher (same vocabulary); None: prune the teacher
    layers: int = Field(6, ge=1)  # the deterministic prune's layer count (evenly spaced) without `path`
    # The downstream objective whose gradient `ads` pushes against: the proxy's loss on the
    # teacher's own answers to this many checkable tasks (evaluate/tasks.py, seed 0), answered at start.
    tasks: int = Field(16, ge=1)
    answer_tokens: int = Field(48, ge=1)
    rel_eps: float = Field(1e-3, gt=0, le=0.1)  # finite-difference step, relative to the parameter norm


class ServeConfig(BaseModel):
    teacher: TeacherConfig = Field(default_factory=TeacherConfig)
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    model_name: str | None = None  # the id clients send as `model`; default: the teacher spec
    # Batching: the worker takes up to max_batch rows (prompts x n), waiting at most max_wait_ms
    # for more to arrive once the first request is in. 0 takes only what is already queued.
    max_batch: int = Field(32, ge=1)
    max_wait_ms: float = Field(10.0, ge=0)
    max_queue: int = Field(1024, ge=1)  # requests waiting beyond this get 503 (overloaded)
    # hf teacher: prompt tokens whose KV is kept so a prompt that begins like a recent one (the
    # chat template's system prompt) skips that part of its prefill (46 KB a token for
    # SmolLM2-135M in fp32); 0 turns it off.
    prefix_cache_tokens: int = Field(2048, ge=0)
    # Limits on a single request; beyond them the client gets a 400 in OpenAI's error shape.
    max_n: int = Field(16, ge=1)
    max_tokens_limit: int = Field(1024, ge=1)
    default_max_tokens: int = Field(256, ge=1)  # chat requests that leave max_tokens out
    # Generate at most this many tokens whatever a request asks (finish_reason `length`): a cost
    # cap for an operator, and how the arena keeps clients' real requests on a CPU budget.
    max_new_tokens_cap: int | None = Field(None, ge=1)
    max_prompts: int = Field(32, ge=1)  # /v1/completions with a list of prompts
    max_body_bytes: int = Field(SERVE_MAX_BODY_BYTES, ge=1024)
    # Watermark hook: an opaque stillroom.watermark.WatermarkKey dict passed to GenParams.watermark.
    watermark: dict[str, Any] | None = None
    watermark_all: bool = False  # watermark every answer
    # Honour `x-stillroom-watermark: on` from the caller; only safe behind the trusted guard.
    allow_watermark_header: bool = False
    # Antidistillation: a proxy student loaded at start; requests ask with
    # `x-stillroom-antidistill: mode=poe; strength=0.5`, honoured only with allow_antidistill_header
    # (only the trusted guard should sit in front then). Without a proxy the header is ignored.
    proxy: ProxyConfig | None = None
    allow_antidistill_header: bool = False

    @field_validator("watermark")
    @classmethod
    def _valid_key(cls, key: dict[str, Any] | None) -> dict[str, Any] | None:
        """Check the key at startup (a typo or a missing secret env var), not on the first marked answer."""
        if key is None:
            return None

        parsed = WatermarkKey.model_validate(key)
        try:
            parsed.hash_key()
        except UserError as e:
            raise ValueError(str(e)) from None
        return parsed.model_dump()

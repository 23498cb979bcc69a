"""The request bodies the guard accepts, as pydantic models: they validate input and feed the
OpenAPI schema (which schemathesis fuzzes). Unknown fields pass through to the upstream untouched;
known ones are checked strictly, so `"n": "2"` is a 400, not a silent coercion.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)


class ChatMessage(_Strict):
    role: str = Field(min_length=1, max_length=64)
    content: str | list[dict[str, Any]] | None = None


class _Common(_Strict):
    model: str = Field(min_length=1, max_length=256)
    n: int | None = Field(None, ge=1)
    max_tokens: int | None = Field(None, ge=1)
    temperature: float | None = Field(None, ge=0, le=2)
    top_p: float | None = Field(None, gt=0, le=1)
    stream: bool | None = None
    stop: str | list[str] | None = None
    seed: int | None = None


class ChatRequest(_Common):
    messages: list[ChatMessage] = Field(min_length=1)
    max_completion_tokens: int | None = Field(None, ge=1)
    logprobs: bool | None = None
    top_logprobs: int | None = Field(None, ge=0)


class CompletionRequest(_Common):
    prompt: str | list[str]
    logprobs: int | None = Field(None, ge=0)
    echo: bool | None = None


def prompt_text(req: ChatRequest | CompletionRequest) -> str:
    """What the client wrote: the last user message, or the raw prompt(s)."""
    if isinstance(req, CompletionRequest):
        return req.prompt if isinstance(req.prompt, str) else "\n".join(req.prompt)
    users = [m for m in req.messages if m.role == "user"] or req.messages
    return content_text(users[-1].content)


def content_text(content: str | list[dict[str, Any]] | None) -> str:
    if isinstance(content, str):
        return content
    if not content:
        return ""
    return "\n".join(str(p.get("text", "")) for p in content if isinstance(p, dict))


def prompt_chars(req: ChatRequest | CompletionRequest) -> int:
    if isinstance(req, CompletionRequest):
        return len(prompt_text(req))
    return sum(len(content_text(m.content)) + 16 for m in req.messages)

"""What the guard reads from a validated request (the models are `stillroom.contracts.openai`'s):
the prompt text the detector sees, and its size for the up-front token estimate.
"""

from __future__ import annotations

from typing import Any

from stillroom.contracts.openai import GatewayChatRequest, GatewayCompletionRequest, content_text


def prompt_text(req: GatewayChatRequest | GatewayCompletionRequest) -> str:
    """What the client wrote: the last user message, or the raw prompt(s)."""
    if isinstance(req, GatewayCompletionRequest):
        return "\n".join(req.prompts())
    users = [m for m in req.messages if m.role == "user"] or req.messages
    return content_text(users[-1].content)


# Request fields that are settings, not text the model reads. The strings of every other field
# (tools and their parameter schemas, `response_format`, `prediction`, vLLM's `guided_*`,
# `chat_template` and `documents`, any extension a server adds) reach the model as instructions:
# a deny-list, so an unknown field counts as text rather than hiding it.
NOT_TEXT = frozenset(
    {
        "model", "messages", "prompt", "n", "max_tokens", "max_completion_tokens", "temperature",
        "top_p", "top_k", "min_p", "logprobs", "top_logprobs", "prompt_logprobs", "stop", "seed",
        "stream", "stream_options", "user", "metadata", "logit_bias", "presence_penalty",
        "frequency_penalty", "repetition_penalty", "echo", "best_of", "store", "service_tier",
        "parallel_tool_calls", "return_tokens_as_token_ids",
    }
)  # fmt: skip
# JSON-schema words that are structure, not instructions
_SCHEMA_WORDS = frozenset({"type", "format", "$schema", "$ref", "$id", "pattern"})
_MAX_DEPTH = 32


def instruction_text(body: dict[str, Any], max_chars: int | None = None) -> str:
    """The text a request gives the model outside its messages or prompt: every string of every
    field not in NOT_TEXT (and the property names of JSON schemas), in order; with `max_chars`,
    collection stops once that much is gathered (the caller clips). An attacker who moves a
    "think step by step" into a tool description or a response schema must not hide it from the
    detector, nor its size from the token estimate."""
    out: list[str] = []
    budget = [max_chars if max_chars is not None else 1 << 62]

    def walk(v: Any, key: str, depth: int) -> None:
        if budget[0] <= 0 or depth > _MAX_DEPTH:
            return
        if isinstance(v, str):
            if key not in _SCHEMA_WORDS and v:
                out.append(v)
                budget[0] -= len(v)
        elif isinstance(v, dict):
            for k, x in v.items():
                if key == "properties" and isinstance(k, str):
                    out.append(k)
                walk(x, k if isinstance(k, str) else "", depth + 1)
        elif isinstance(v, list):
            for x in v:
                walk(x, key, depth + 1)

    for k, v in body.items():
        if k not in NOT_TEXT:
            walk(v, k, 0)
    return "\n".join(out)


def prompt_chars(req: GatewayChatRequest | GatewayCompletionRequest) -> int:
    """Characters of prompt text, plus ~16 per message for the chat template's role markers."""
    if isinstance(req, GatewayCompletionRequest):
        return len(prompt_text(req))
    return sum(len(content_text(m.content)) + 16 for m in req.messages)


def request_chars(req: GatewayChatRequest | GatewayCompletionRequest, body: dict[str, Any]) -> int:
    """`prompt_chars` plus the instructions outside the messages (`instruction_text`)."""
    return prompt_chars(req) + len(instruction_text(body))

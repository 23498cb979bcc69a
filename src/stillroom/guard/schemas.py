"""What the guard reads from a validated request (the models are `stillroom.contracts.openai`'s):
the prompt text the detector sees, and its size for the up-front token estimate.
"""

from __future__ import annotations

from stillroom.contracts.openai import GatewayChatRequest, GatewayCompletionRequest, content_text


def prompt_text(req: GatewayChatRequest | GatewayCompletionRequest) -> str:
    """What the client wrote: the last user message, or the raw prompt(s)."""
    if isinstance(req, GatewayCompletionRequest):
        return "\n".join(req.prompts())
    users = [m for m in req.messages if m.role == "user"] or req.messages
    return content_text(users[-1].content)


def prompt_chars(req: GatewayChatRequest | GatewayCompletionRequest) -> int:
    """Characters of prompt text, plus ~16 per message for the chat template's role markers."""
    if isinstance(req, GatewayCompletionRequest):
        return len(prompt_text(req))
    return sum(len(content_text(m.content)) + 16 for m in req.messages)

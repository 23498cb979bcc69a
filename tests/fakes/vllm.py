"""A vLLM-shaped scoring upstream: `/v1/completions` that answers vLLM's `prompt_logprobs: k`
extension over an in-process teacher, and refuses `echo` with `max_tokens: 0` the way a server
without echo scoring does (400 in OpenAI's error shape). It exists to test the served teacher's
second route (`OpenAITeacher.score`) and its fallback; `stillroom serve` answers the first.

The answer is built with the shared wire models (`CompletionChoice.prompt_logprobs`, which mirrors
vLLM's `list[dict[int, Logprob] | None]`: None for the first prompt token, then per position the
top k plus the prompt's own token, each `{logprob, rank, decoded_token}` keyed by token id), so
no test keeps a hand-written copy of the format. `requests` records every completion body.

    fake = VllmScoring(load_teacher("hf:TINY"))
    with running(fake.app) as url: OpenAITeacher(url).score(...)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from stillroom.contracts.openai import CompletionChoice, CompletionResponse, PromptLogprob, error_body


@dataclass
class VllmScoring:
    teacher: Any  # anything with `score(ids, k)` and `tokenizer` (HFTeacher)
    model: str = "vllm-fake"
    requests: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        routes = [
            Route("/v1/models", self._models),
            Route("/v1/completions", self._complete, methods=["POST"]),
        ]
        self.app = Starlette(routes=routes)

    async def _models(self, request: Request) -> Response:
        return JSONResponse({"object": "list", "data": [{"id": self.model, "object": "model"}]})

    async def _complete(self, request: Request) -> Response:
        body = await request.json()
        self.requests.append(body)
        if body.get("echo") and body.get("max_tokens") == 0:
            return JSONResponse(
                error_body(400, "echo with max_tokens 0 is not supported", param="max_tokens"), 400
            )
        k, prompts = body.get("prompt_logprobs"), body["prompt"]
        if k is None or not prompts or not isinstance(prompts[0], list):
            return JSONResponse(
                error_body(400, "this fake only scores token-id prompts", param="prompt"), 400
            )
        choices = [self._choice(i, ids, k) for i, ids in enumerate(prompts)]
        reply = CompletionResponse(model=self.model, choices=choices)
        return Response(reply.model_dump_json(), media_type="application/json")

    def _choice(self, index: int, ids: list[int], k: int) -> CompletionChoice:
        """Ranks need the whole distribution: score with k = the vocabulary (tiny models only)."""
        (full,) = self.teacher.score([ids], len(self.teacher.tokenizer))
        per_pos: list[dict[int, PromptLogprob] | None] = [None]
        for tok, top_ids, top_lps in zip(ids[1:], full.top_ids, full.top_logprobs, strict=True):
            keep = {*top_ids[:k], tok}
            per_pos.append(
                {
                    i: PromptLogprob(logprob=v, rank=r + 1, decoded_token=self.teacher.tokenizer.decode([i]))
                    for r, (i, v) in enumerate(zip(top_ids, top_lps, strict=True))
                    if i in keep
                }
            )
        last = full.top_ids[-1][0] if full.top_ids else ids[-1]
        text = self.teacher.tokenizer.decode([last])  # the one token vLLM generates (max_tokens 1)
        return CompletionChoice(index=index, text=text, finish_reason="length", prompt_logprobs=per_pos)

"""A vLLM-shaped scoring upstream: `/v1/completions` that answers vLLM's `prompt_logprobs: k`
extension over an in-process teacher, and `echo` with `max_tokens: 0` either as vLLM does
(`echo=True`) or with a 400 in OpenAI's error shape, as a server without echo scoring does. It
exists to test the served teacher's two routes (`OpenAITeacher.score`) and the fallback.

vLLM's echo answer differs from `stillroom serve`'s: each position's `top_logprobs` dict holds up
to k + 1 entries, the prompt's own token first, then the top k (vLLM's serving_completion keeps
`num_output_top_logprobs >= i` over the enumerated entries: "top_logprobs + 1 logprobs, as defined
in the openai API"); with `return_tokens_as_token_ids` every token string is `token_id:N`.

`prompt_logprobs` is built with the shared wire models (`CompletionChoice.prompt_logprobs`, which
mirrors vLLM's `list[dict[int, Logprob] | None]`: None for the first prompt token, then per
position the top k plus the prompt's own token, each `{logprob, rank, decoded_token}` keyed by
token id), so no test keeps a hand-written copy of the format. `requests` records every body.

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

from stillroom.contracts.openai import (
    CompletionChoice,
    CompletionResponse,
    LegacyLogprobs,
    PromptLogprob,
    error_body,
)


@dataclass
class VllmScoring:
    teacher: Any  # anything with `score(ids, k)` and `tokenizer` (HFTeacher)
    model: str = "vllm-fake"
    echo: bool = False  # answer echo + max_tokens 0 the way vLLM does (else refuse it)
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
        echo = bool(body.get("echo")) and body.get("max_tokens") == 0
        if echo and not self.echo:
            why = "echo with max_tokens 0 is not supported"
            return JSONResponse(error_body(400, why, param="max_tokens"), 400)
        k, prompts = body.get("logprobs" if echo else "prompt_logprobs"), body["prompt"]
        if k is None or not prompts or not isinstance(prompts[0], list):
            why = "this fake only scores token-id prompts"
            return JSONResponse(error_body(400, why, param="prompt"), 400)
        make = self._echo_choice if echo else self._choice
        choices = [make(i, ids, k) for i, ids in enumerate(prompts)]
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

    def _echo_choice(self, index: int, ids: list[int], k: int) -> CompletionChoice:
        """vLLM's echo: per position {token_id:N: logprob}, the prompt's own token first, then the
        top k: k + 1 entries where the prompt's token is not among the top k."""
        (full,) = self.teacher.score([ids], len(self.teacher.tokenizer))
        tops: list[dict[str, float] | None] = [None]
        for tok, top_ids, top_lps in zip(ids[1:], full.top_ids, full.top_logprobs, strict=True):
            entries = {tok: top_lps[top_ids.index(tok)]} | dict(zip(top_ids[:k], top_lps[:k], strict=True))
            tops.append({f"token_id:{i}": v for i, v in entries.items()})
        lp = LegacyLogprobs(
            tokens=[f"token_id:{i}" for i in ids],
            token_logprobs=[None, *full.logprobs],
            top_logprobs=tops,
            text_offset=list(range(len(ids))),
        )
        text = self.teacher.tokenizer.decode(ids)
        return CompletionChoice(index=index, text=text, logprobs=lp, finish_reason="length")

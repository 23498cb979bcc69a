"""The OpenAI-compatible app: `/v1/chat/completions`, `/v1/completions`, `/v1/models`, `/health`.

Every request goes through the `Batcher`, so concurrent requests share forward passes. Streams
are live (`stream.py`): each token is sent as soon as the batch's decode loop makes it, in
OpenAI's chunk shapes and order; the response starts with the first token, so a refused request
is still a proper HTTP error rather than a broken stream. Bad input is a 4xx in OpenAI's error shape
(`{"error": {"message", "type", "param", "code"}}`), never a 5xx.

Watermark hook: with a `watermark` key configured, answers are watermarked when `watermark_all`
is set, or when the caller sends `x-stillroom-watermark: on` and `allow_watermark_header` is set
(only the trusted guard should sit in front then). The response header `x-stillroom-watermark`
says whether this answer was watermarked.

Antidistill hook, the same way: with a proxy student built at start (`proxy`), a caller's
`x-stillroom-antidistill: mode=poe; strength=0.5` (contracts/antidistill.py) is honoured when
`allow_antidistill_header` is set, and the response header `x-stillroom-antidistill` says
"on" or "off". A malformed setting is a 400; a well-formed one serve cannot honour is "off".
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from stillroom.contracts.antidistill import Antidistill
from stillroom.contracts.openai import (
    ANTIDISTILL_HEADER,
    COMPLETIONS_DEFAULT_MAX_TOKENS,
    WATERMARK_HEADER,
    ApiError,
    ChatCompletionRequest,
    ChatCompletionResponse,
    CompletionRequest,
    CompletionResponse,
    ErrorResponse,
    ModelList,
    SamplingRequest,
    body_too_large,
    error_response,
    invalid_request,
    unsupported_field,
)
from stillroom.errors import UserError
from stillroom.serve import render
from stillroom.serve.batching import Batcher, Overloaded
from stillroom.serve.config import ServeConfig
from stillroom.serve.stream import LiveStream
from stillroom.serve.tokens import Detokenizer, detokenizer_for
from stillroom.teachers import Completion, GenParams, OnTokens, Teacher

log = logging.getLogger("stillroom.serve")
_ERRORS = {c: {"model": ErrorResponse} for c in (400, 404, 413, 503)}


@dataclass
class _Server:
    cfg: ServeConfig
    teacher: Teacher
    batcher: Batcher
    detok: Detokenizer
    model: str
    started: int


def create_app(teacher: Teacher, cfg: ServeConfig | None = None) -> FastAPI:
    cfg = cfg or ServeConfig()
    if callable(keep := getattr(teacher, "keep_prefixes", None)):
        keep(cfg.prefix_cache_tokens)
    server = _Server(
        cfg,
        teacher,
        Batcher(teacher, cfg.max_batch, cfg.max_wait_ms, cfg.max_queue),
        detokenizer_for(teacher),
        cfg.model_name or teacher.name,
        int(time.time()),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        server.batcher.start()
        yield
        await server.batcher.stop()

    app = FastAPI(title="stillroom serve", version="1", lifespan=lifespan)
    app.state.serve = server
    _add_error_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=cfg.max_body_bytes)
    app.add_api_route("/health", health, methods=["GET"])
    app.add_api_route("/v1/models", models, methods=["GET"], response_model=ModelList)
    app.add_api_route("/v1/models/{model_id:path}", model_card, methods=["GET"], responses=_ERRORS)
    app.add_api_route(
        "/v1/chat/completions",
        chat_completions,
        methods=["POST"],
        responses={200: {"model": ChatCompletionResponse, "content": {"text/event-stream": {}}}, **_ERRORS},
    )
    app.add_api_route(
        "/v1/completions",
        completions,
        methods=["POST"],
        responses={200: {"model": CompletionResponse, "content": {"text/event-stream": {}}}, **_ERRORS},
    )
    return app


# ---- routes ----


async def health(request: Request) -> dict[str, Any]:
    s: _Server = request.app.state.serve
    st = s.batcher.stats
    sizes = st.group_sizes
    prefixes = getattr(s.teacher, "prefixes", None)
    return {
        "status": "ok",
        "model": s.model,
        "teacher": s.teacher.name,
        "queue": s.batcher.depth,
        "requests": st.requests,
        "batches": st.batches,
        "generate_calls": st.generate_calls,
        "rows": st.rows,
        "busy_s": round(st.busy_s, 3),
        "mean_group_size": round(sum(sizes) / len(sizes), 2) if sizes else 0.0,
        "prefix_cache_hits": getattr(prefixes, "hits", 0),
        "prefix_tokens_reused": getattr(prefixes, "reused_tokens", 0),
    }


async def models(request: Request) -> dict[str, Any]:
    s: _Server = request.app.state.serve
    return {"object": "list", "data": [_card(s)]}


async def model_card(model_id: str, request: Request) -> dict[str, Any]:
    s: _Server = request.app.state.serve
    _check_model(s, model_id)
    return _card(s)


async def chat_completions(req: ChatCompletionRequest, request: Request) -> Response:
    s: _Server = request.app.state.serve
    if req.top_logprobs and not req.logprobs:
        raise ApiError(400, "top_logprobs needs logprobs: true", param="top_logprobs")
    if part := req.non_text_part():
        raise ApiError(400, "only text content parts are supported", param=part)
    _refuse_unsupported(req)
    max_tokens = (
        req.max_completion_tokens or req.max_tokens or min(s.cfg.default_max_tokens, s.cfg.max_tokens_limit)
    )
    params, marks = _gen_params(s, request, req, max_tokens, (req.top_logprobs or 0) if req.logprobs else 0)
    view = _view(s, "chatcmpl", req, req.logprobs, params.top_logprobs)
    if req.stream:
        return await _stream(s, view, req, [req.prompt()], params, "messages", marks)
    out = await _generate(s, [req.prompt()], params, "messages")
    return _json(render.chat_response(view, out, params.n), marks)


async def completions(req: CompletionRequest, request: Request) -> Response:
    s: _Server = request.app.state.serve
    _refuse_unsupported(req)
    if req.echo:
        return await _echo(s, req)
    if req.max_tokens == 0 or req.token_ids() is not None:
        raise ApiError(
            400, "max_tokens: 0 and token-id prompts are for scoring: send echo: true", param="max_tokens"
        )
    prompts = req.prompts()
    if len(prompts) > s.cfg.max_prompts:
        raise ApiError(
            400, f"at most {s.cfg.max_prompts} prompts per request, got {len(prompts)}", param="prompt"
        )
    rows = max(s.cfg.max_batch, s.cfg.max_n)
    if len(prompts) * req.n > rows:  # one request must fit in one batch
        raise ApiError(400, f"prompts x n must be at most {rows}, got {len(prompts) * req.n}", param="n")
    max_tokens = req.max_tokens or COMPLETIONS_DEFAULT_MAX_TOKENS
    params, marks = _gen_params(s, request, req, max_tokens, req.logprobs or 0)
    view = _view(s, "cmpl", req, req.logprobs is not None, params.top_logprobs)
    if req.stream:
        return await _stream(s, view, req, prompts, params, "prompt", marks)
    out = await _generate(s, prompts, params, "prompt")
    return _json(render.completion_response(view, out, params.n), marks)


async def _echo(s: _Server, req: CompletionRequest) -> Response:
    """`echo` + `max_tokens: 0`: the prompt itself with the teacher's logprobs at every position
    (top-k with `logprobs: k`), nothing generated; what a served teacher answers an online `kd`.
    Batched with other scoring requests."""
    _check_model(s, req.model)
    for bad, param, why in (
        (req.max_tokens != 0, "max_tokens", "echo needs max_tokens: 0 (it scores the prompt)"),
        (req.stream, "stream", "echo does not stream"),
        (req.n != 1, "n", "echo needs n: 1"),
    ):
        if bad:
            raise ApiError(400, why, param=param)
    prompts = req.token_ids() or req.prompts()
    if len(prompts) > max(s.cfg.max_prompts, s.cfg.max_batch):
        raise ApiError(
            400, f"at most {s.cfg.max_prompts} prompts per request, got {len(prompts)}", param="prompt"
        )
    try:
        scored = await s.batcher.score(prompts, req.logprobs or 0)
    except Overloaded as e:
        raise ApiError(503, f"server overloaded: {e}", code="overloaded") from None
    except UserError as e:
        raise ApiError(400, str(e), param="prompt") from None
    texts = [c.text if req.token_ids() else p for p, c in zip(req.prompts(), scored, strict=True)]
    view = _view(s, "cmpl", req, req.logprobs is not None, req.logprobs or 0)
    return _json(render.echo_response(view, texts, scored), _marks(None, None))


# ---- helpers ----


def _card(s: _Server) -> dict[str, Any]:
    return {"id": s.model, "object": "model", "created": s.started, "owned_by": "stillroom"}


def _refuse_unsupported(req: SamplingRequest) -> None:
    """A field serve cannot honour is a 400 naming it, never silently dropped."""
    if found := unsupported_field(req):
        param, message = found
        raise ApiError(400, message, code="unsupported_parameter", param=param)


def _check_model(s: _Server, model: str) -> None:
    if model != s.model:
        raise ApiError(
            404,
            f"The model '{model}' does not exist; this server serves '{s.model}'",
            param="model",
            code="model_not_found",
        )


def _gen_params(
    s: _Server, request: Request, req: SamplingRequest, max_tokens: int, top_k: int
) -> tuple[GenParams, dict[str, str]]:
    """Request -> GenParams within the configured limits; also the response headers saying
    whether the answer is watermarked and antidistilled."""
    _check_model(s, req.model)
    cfg = s.cfg
    if req.n > cfg.max_n:
        raise ApiError(400, f"n must be at most {cfg.max_n}, got {req.n}", param="n")
    if max_tokens > cfg.max_tokens_limit:
        raise ApiError(
            400, f"max_tokens must be at most {cfg.max_tokens_limit}, got {max_tokens}", param="max_tokens"
        )
    stop = req.stop_tuple()
    if len(stop) > 4:
        raise ApiError(400, f"at most 4 stop sequences, got {len(stop)}", param="stop")
    if req.stream_options is not None and not req.stream:
        raise ApiError(400, "stream_options needs stream: true", param="stream_options")
    asked = cfg.watermark_all or (
        cfg.allow_watermark_header and request.headers.get(WATERMARK_HEADER, "").strip().lower() == "on"
    )
    watermark = cfg.watermark if asked else None
    antidistill = _antidistill(s, request)
    generate = min(max_tokens, cfg.max_new_tokens_cap or max_tokens)
    params = GenParams(
        max_new_tokens=generate,
        temperature=req.temperature,
        top_p=req.top_p,
        n=req.n,
        top_logprobs=top_k,
        stop=stop,
        seed=req.seed,
        watermark=watermark,
        antidistill=antidistill,
    )
    return params, _marks(watermark, antidistill)


def _antidistill(s: _Server, request: Request) -> dict[str, Any] | None:
    """The caller's antidistill setting, when allowed and a proxy student is there to honour it."""
    value = request.headers.get(ANTIDISTILL_HEADER, "").strip()
    if not value or value.lower() == "off" or not s.cfg.allow_antidistill_header:
        return None
    try:
        setting = Antidistill.from_header(value)
    except ValueError as e:
        raise ApiError(
            400, f"{ANTIDISTILL_HEADER}: {str(e).splitlines()[0]}", param=ANTIDISTILL_HEADER
        ) from None
    return setting.model_dump() if getattr(s.teacher, "proxy", None) is not None else None


def _marks(watermark: dict | None, antidistill: dict | None) -> dict[str, str]:
    return {
        WATERMARK_HEADER: "on" if watermark else "off",
        ANTIDISTILL_HEADER: "on" if antidistill else "off",
    }


async def _generate(
    s: _Server, prompts: list, params: GenParams, param: str, on_tokens: OnTokens | None = None
) -> list[Completion]:
    try:
        return await s.batcher.submit(prompts, params, on_tokens)
    except Overloaded as e:
        raise ApiError(503, f"server overloaded: {e}", code="overloaded") from None
    except UserError as e:
        raise ApiError(400, str(e), param=param, code="context_length_exceeded") from None


def _view(s: _Server, prefix: str, req: SamplingRequest, logprobs: bool, top_k: int) -> render.View:
    return render.View(
        id=f"{prefix}-{os.urandom(12).hex()}",
        created=int(time.time()),
        model=s.model,
        detok=s.detok,
        logprobs=logprobs,
        top_k=top_k,
        as_ids=req.return_tokens_as_token_ids,
    )


async def _stream(
    s: _Server,
    view: render.View,
    req: SamplingRequest,
    prompts: list,
    params: GenParams,
    param: str,
    marks: dict[str, str],
) -> StreamingResponse:
    """A live stream: batched like any request, each token sent as soon as it is decoded."""
    chat = isinstance(req, ChatCompletionRequest)
    live = LiveStream(view, chat, params.n, params.stop, _include_usage(req))
    await live.start(_generate(s, prompts, params, param, live.sink))
    return _sse(live.chunks(), marks)


def _include_usage(req: SamplingRequest) -> bool:
    return bool(req.stream_options and req.stream_options.include_usage)


def _json(body: dict[str, Any], marks: dict[str, str]) -> Response:
    return Response(json.dumps(body), media_type="application/json", headers=marks)


def _sse(chunks: AsyncIterator[dict[str, Any]], marks: dict[str, str]) -> StreamingResponse:
    async def events() -> AsyncIterator[str]:
        async for chunk in chunks:
            yield f"data: {json.dumps(chunk)}\n\n"
        yield "data: [DONE]\n\n"

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={**marks, "cache-control": "no-cache"},
    )


# ---- errors and body limit ----


def _add_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _server_error)


async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
    return exc.response()


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    return error_response(exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    """FastAPI's 422 becomes OpenAI's 400 with the first problem named, e.g. `messages.0.role`."""
    return invalid_request(exc.errors()).response()


async def _server_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s", request.url.path, exc_info=exc)
    return error_response(500, "internal server error")


class BodyLimit:
    """Refuse bodies over `max_bytes` with 413, whether or not the client sent Content-Length."""

    def __init__(self, app: Any, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.max_bytes:
            error = (
                body_too_large(self.max_bytes)
                if length.isdigit()
                else ApiError(400, "request body length is not a number", "bad_content_length")
            )
            return await error.response()(scope, receive, send)
        seen = 0

        async def limited() -> dict:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise body_too_large(self.max_bytes)
            return message

        await self.app(scope, limited, send)

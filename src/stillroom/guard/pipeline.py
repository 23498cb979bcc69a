"""The request path, as hooks over one `RequestContext` in a fixed order:

    auth (deps.py) -> parse -> limits -> detector -> policy -> upstream -> post-processing -> audit

Every hook either fills in its part of the context or raises `ApiError`; whatever happens, the
audit hook runs after the response is sent (a background task, or the end of the stream), so the
log never slows the client down. The token estimate charged up front is settled against the real
usage at the same point.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import AsyncIterator
from typing import Any

from fastapi import Request
from fastapi.responses import Response, StreamingResponse
from pydantic import ValidationError
from starlette.background import BackgroundTask

from stillroom.contracts.openai import (
    CLOCK_HEADER,
    NOTICE_HEADER,
    ApiError,
    GatewayChatRequest,
    GatewayCompletionRequest,
    body_too_large,
    invalid_request,
)
from stillroom.detector.types import TrafficEvent, Verdict
from stillroom.guard.audit import audit_row
from stillroom.guard.context import Endpoint, RequestContext
from stillroom.guard.keys import ApiKey
from stillroom.guard.policy import cap_request
from stillroom.guard.schemas import prompt_chars, prompt_text
from stillroom.guard.settings import GuardSettings
from stillroom.guard.state import Guard

EVENT_PARAMS = (
    "n",
    "max_tokens",
    "max_completion_tokens",
    "temperature",
    "top_p",
    "logprobs",
    "top_logprobs",
    "stop",
    "seed",
    "stream",
)


async def handle(guard: Guard, endpoint: Endpoint, request: Request, key: ApiKey) -> Response:
    raw = await read_body(request, guard.settings.max_body_bytes)
    body, req = parse_body(raw, endpoint, guard.settings)
    await guard.check_model(req.model)
    ctx = RequestContext(
        endpoint=endpoint, key=key, raw_body=raw, body=body, request=req, prompt=prompt_text(req)
    )
    ctx.token_estimate = estimate_tokens(req, guard.settings)
    if guard.settings.trust_clock_header and CLOCK_HEADER in request.headers:
        ctx.ts = parse_clock(request.headers[CLOCK_HEADER])
    try:
        await check_limits(ctx, guard)
        assess(ctx, guard)
        apply_policy(ctx, guard)
        return await call_upstream(ctx, guard)
    except ApiError as e:
        ctx.status, ctx.error = e.status, e.message
        response = e.response()
        response.headers.update(ctx.headers)
        response.background = BackgroundTask(finish, ctx, guard)
        return response


def parse_clock(value: str) -> float:
    try:
        ts = float(value)
    except ValueError:
        ts = math.nan
    if not math.isfinite(ts):
        raise ApiError(400, f"{CLOCK_HEADER} must be unix seconds", "invalid_value", CLOCK_HEADER)
    return ts


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refusing more than `limit` bytes before reading them all (chunked bodies too)."""
    too_big = body_too_large(limit)
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise too_big
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse_body(
    raw: bytes, endpoint: Endpoint, s: GuardSettings
) -> tuple[dict[str, Any], GatewayChatRequest | GatewayCompletionRequest]:
    """JSON -> validated request, or a 400 that names the offending field."""
    try:
        body = json.loads(raw, parse_constant=_no_constants)
    except (ValueError, RecursionError):
        raise ApiError(400, "request body is not valid JSON", "invalid_json") from None
    if not isinstance(body, dict):
        raise ApiError(400, "request body must be a JSON object", "invalid_json")
    try:
        req = (GatewayChatRequest if endpoint == "chat" else GatewayCompletionRequest).model_validate(body)
    except ValidationError as e:
        raise invalid_request(e.errors()) from None
    check_bounds(req, s)
    return body, req


def check_bounds(req: GatewayChatRequest | GatewayCompletionRequest, s: GuardSettings) -> None:
    max_tokens = getattr(req, "max_completion_tokens", None) or req.max_tokens
    top = req.top_logprobs if isinstance(req, GatewayChatRequest) else req.logprobs
    for name, value, bound in (
        ("n", req.n, s.max_n),
        ("max_tokens", max_tokens, s.max_tokens),
        ("top_logprobs", top, s.max_top_logprobs),
    ):
        if value is not None and value > bound:
            raise ApiError(
                400, f"{name} is {value}; this gateway allows at most {bound}", "invalid_value", name
            )


def estimate_tokens(req: GatewayChatRequest | GatewayCompletionRequest, s: GuardSettings) -> int:
    """What the request may cost, charged up front (OpenAI does the same): prompt + max output."""
    max_out = getattr(req, "max_completion_tokens", None) or req.max_tokens or s.default_completion_tokens
    return prompt_chars(req) // 4 + 1 + max_out * (req.n or 1)


def current_verdict(guard: Guard, key: ApiKey) -> Verdict:
    if key.verdict_override:
        return key.verdict_override  # type: ignore[return-value]
    last = guard.assessments.get(key.id)
    return last.verdict if last else "ok"


async def check_limits(ctx: RequestContext, guard: Guard) -> None:
    """Token buckets, tightened by the policy for the key's verdict so far (this request's own
    verdict is not known until the detector has seen it, which comes after the limits)."""
    s, key = guard.settings, ctx.key
    mult = guard.policy.current().action(current_verdict(guard, key)).limit_multiplier
    rpm = max(1, int((key.rpm or s.default_rpm) * mult))
    tpm = max(1, int((key.tpm or s.default_tpm) * mult))
    if ctx.token_estimate > tpm:
        need, ctx.token_estimate = ctx.token_estimate, 0
        raise ApiError(
            429,
            f"this request may use {need} tokens, more than this key's limit of "
            f"{tpm} tokens/min; lower max_tokens or n",
            "tokens_exceeded",
        )
    ctx.limit = await guard.limiter.take(key.id, rpm, tpm, 1, ctx.token_estimate)
    ctx.headers.update(ctx.limit.headers())
    if not ctx.limit.allowed:
        ctx.token_estimate = 0  # nothing was taken, nothing to settle
        wait = max(1, math.ceil(ctx.limit.retry_after_s))
        raise ApiError(
            429,
            f"Rate limit reached for key {key.id}: {rpm} requests/min, {tpm} tokens/min. "
            f"Try again in {wait}s.",
            "rate_limit_exceeded",
            headers={"retry-after": str(wait)},
        )


def assess(ctx: RequestContext, guard: Guard) -> None:
    if guard.detector is not None:
        params = {k: ctx.body[k] for k in EVENT_PARAMS if k in ctx.body}
        messages = ctx.body.get("messages") if ctx.endpoint == "chat" else None
        event = TrafficEvent(ctx.key.id, ctx.ts, ctx.endpoint, ctx.prompt, messages, params)
        ctx.assessment = guard.detector.observe(event)
        guard.assessments[ctx.key.id] = ctx.assessment
    ctx.verdict = current_verdict(guard, ctx.key)


def apply_policy(ctx: RequestContext, guard: Guard) -> None:
    ctx.action = action = guard.policy.current().action(ctx.verdict)
    if action.notice:
        ctx.headers[NOTICE_HEADER] = action.notice.encode("ascii", "replace").decode()
    if action.block:
        raise ApiError(403, action.reason, "policy_blocked")
    if action.top_logprobs_cap is not None:
        ctx.body_changed = cap_request(ctx.body, ctx.endpoint, action.top_logprobs_cap)


async def call_upstream(ctx: RequestContext, guard: Guard) -> Response:
    if ctx.stream:
        events = await guard.upstream.stream(ctx)
        _observe_overhead(ctx, guard)
        return StreamingResponse(
            _stream_then_finish(events, ctx, guard), media_type="text/event-stream", headers=ctx.headers
        )
    content, status = await guard.upstream.complete(ctx)
    _observe_overhead(ctx, guard)
    return Response(
        content,
        status,
        headers=ctx.headers,
        media_type="application/json",
        background=BackgroundTask(finish, ctx, guard),
    )


async def _stream_then_finish(
    events: AsyncIterator[bytes], ctx: RequestContext, guard: Guard
) -> AsyncIterator[bytes]:
    try:
        async for chunk in events:
            yield chunk
    finally:
        await finish(ctx, guard)


def _observe_overhead(ctx: RequestContext, guard: Guard) -> None:
    guard.metrics.overhead.observe(max(0.0, time.perf_counter() - ctx.started - ctx.upstream_s))
    guard.metrics.upstream.observe(ctx.upstream_s)


async def finish(ctx: RequestContext, guard: Guard) -> None:
    """Count, audit, then settle the token charge against real usage (all after the response).

    The audit row is queued before the only await, so a client that hangs up mid-stream (which
    cancels this) still leaves its row."""
    m = guard.metrics
    m.requests.labels(ctx.endpoint, str(ctx.status)).inc()
    m.verdicts.labels(ctx.verdict).inc()
    m.actions.labels(ctx.action_names()).inc()
    guard.audit.put(audit_row(ctx, guard.settings.store_prompts))
    if ctx.token_estimate and ctx.limit is not None:
        used = ctx.prompt_tokens + ctx.completion_tokens if ctx.status == 200 else 0
        if used != ctx.token_estimate:
            await guard.limiter.take(
                ctx.key.id, ctx.limit.rpm, ctx.limit.tpm, 0, used - ctx.token_estimate, force=True
            )

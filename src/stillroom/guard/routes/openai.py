"""The OpenAI-compatible surface the clients see. Bodies are read and validated by the pipeline
(size limit first, then JSON, then the schema), so the schemas are attached to the OpenAPI document
by hand rather than through FastAPI's body parameters.

The two proxied POST routes are served by `ProxiedRoutes`, a plain ASGI middleware in front of
FastAPI's exception middleware and router: they hold no dependency, and FastAPI's routing and
endpoint machinery cost ~0.13 ms of CPU per request here (measured driving the app in-process
as bench/guard_cpu.py does: 0.93 -> 0.79 ms per request at p50, a loaded machine), an eighth of
the guard's whole overhead. The FastAPI routes
below describe them in the OpenAPI document and run the same `proxied` function if reached.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.types import ASGIApp, Receive, Scope, Send

from stillroom.contracts.openai import (
    REQUEST_ID_HEADER,
    ApiError,
    GatewayChatRequest,
    GatewayCompletionRequest,
    error_response,
)
from stillroom.guard.context import Endpoint, RequestContext
from stillroom.guard.deps import GuardDep, Identity, authenticate
from stillroom.guard.detection import settle_verdict
from stillroom.guard.pipeline import (
    audit_unavailable,
    current_verdict,
    handle,
    limit_refusal,
    record,
    refuse_blocked,
    take_limits,
)
from stillroom.guard.state import Guard

log = logging.getLogger(__name__)

router = APIRouter(prefix="/v1", tags=["openai"])
SCHEMA_DEFS: dict[str, Any] = {}  # filled below; app.py merges them into the OpenAPI components
_ERRORS = {
    c: {"description": d}
    for c, d in (
        (400, "bad input"),
        (401, "bad key"),
        (403, "blocked by policy"),
        (404, "unknown model"),
        (413, "body too large"),
        (429, "rate limited"),
        (502, "upstream failed"),
        (504, "upstream timed out"),
    )
}


def _body(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    SCHEMA_DEFS.update(schema.pop("$defs", {}))
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


PROXIED: dict[str, Endpoint] = {"/v1/chat/completions": "chat", "/v1/completions": "completions"}


async def proxied(guard: Guard, endpoint: Endpoint, request: Request) -> Response:
    """Authenticate, then the pipeline; every failure is an OpenAI-shaped error response."""
    try:
        key = await authenticate(request, guard)
    except ApiError as e:
        if e.status == 401:
            guard.metrics.auth_failures.inc()
        return e.response()
    except Exception:
        log.exception("authentication failed inside the guard")
        return error_response(500, "the gateway failed on this request", "internal_error")
    return await handle(guard, endpoint, request, key)


class ProxiedRoutes:
    """POST /v1/chat/completions and /v1/completions straight to `proxied` (module docstring)."""

    def __init__(self, app: ASGIApp, guard: Guard):
        self.app, self.guard = app, guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        endpoint = (
            PROXIED.get(scope["path"]) if scope["type"] == "http" and scope["method"] == "POST" else None
        )
        if endpoint is None:
            return await self.app(scope, receive, send)
        response = await proxied(self.guard, endpoint, Request(scope, receive, send))
        await response(scope, receive, send)


@router.post("/chat/completions", openapi_extra=_body(GatewayChatRequest), responses=_ERRORS)
async def chat_completions(request: Request) -> Response:
    return await proxied(request.app.state.guard, "chat", request)


@router.post("/completions", openapi_extra=_body(GatewayCompletionRequest), responses=_ERRORS)
async def completions(request: Request) -> Response:
    return await proxied(request.app.state.guard, "completions", request)


@router.get(
    "/models",
    responses={401: _ERRORS[401], 403: _ERRORS[403], 429: {"description": "rate limited"}, 502: _ERRORS[502]},
)
async def models(guard: GuardDep, key: Identity) -> Response:
    """The models clients may name (the guard's cached list), charged one request to the key's
    request limit like any other call: a listing loop is neither free nor the upstream's load. And
    audited like any other call: a key's listings, a stolen key checked this way included, had no
    row (round 22). And refused (403) to a key whose verdict the policy blocks, as its completions
    are: a blocked key was still served the list (round 25)."""
    if (full := audit_unavailable(guard)) is not None:
        return full.response()
    await settle_verdict(guard, key.id)  # the detector's verdict after the key's earlier requests
    ctx = RequestContext(endpoint="models", key=key, verdict=current_verdict(guard, key))
    ctx.headers[REQUEST_ID_HEADER] = ctx.request_id
    try:
        limit, shown = await take_limits(guard, key, 1, 0)
        guard.note_limit(key.id, limit)
        ctx.headers.update(shown.headers())
        if not limit.allowed:
            raise limit_refusal(key, limit)
        action = guard.policy.current().action(ctx.verdict)
        if action.block:
            ctx.action = action
            refuse_blocked(action)
        ids = await guard.model_ids()
        if ids is None:
            raise ApiError(502, "the upstream's model list is unavailable", "upstream_error")
    except ApiError as e:
        ctx.status, ctx.error = e.status, e.message
        record(ctx, guard)
        response = e.response()
        response.headers.update(ctx.headers)
        return response
    ctx.status = 200
    record(ctx, guard)
    listed = [{"id": m, "object": "model", "created": 0, "owned_by": "stillroom"} for m in ids]
    return JSONResponse({"object": "list", "data": listed}, headers=ctx.headers)

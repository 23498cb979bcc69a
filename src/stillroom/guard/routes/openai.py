"""The OpenAI-compatible surface the clients see. Bodies are read and validated by the pipeline
(size limit first, then JSON, then the schema), so the schemas are attached to the OpenAPI document
by hand rather than through FastAPI's body parameters.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel

from stillroom.contracts.openai import GatewayChatRequest, GatewayCompletionRequest
from stillroom.guard.deps import GuardDep, Identity, authenticate
from stillroom.guard.pipeline import handle

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


# The two proxied routes authenticate by a plain call rather than FastAPI dependencies: resolving
# dependencies costs ~0.1 ms of CPU per request, a tenth of the guard's whole overhead.
@router.post("/chat/completions", openapi_extra=_body(GatewayChatRequest), responses=_ERRORS)
async def chat_completions(request: Request) -> Response:
    guard = request.app.state.guard
    return await handle(guard, "chat", request, await authenticate(request, guard))


@router.post("/completions", openapi_extra=_body(GatewayCompletionRequest), responses=_ERRORS)
async def completions(request: Request) -> Response:
    guard = request.app.state.guard
    return await handle(guard, "completions", request, await authenticate(request, guard))


@router.get("/models", responses={401: _ERRORS[401], 502: _ERRORS[502]})
async def models(guard: GuardDep, key: Identity) -> dict[str, Any]:
    ids = guard.settings.models if guard.settings.models is not None else await guard.upstream.models()
    return {
        "object": "list",
        "data": [{"id": m, "object": "model", "created": 0, "owned_by": "stillroom"} for m in ids],
    }

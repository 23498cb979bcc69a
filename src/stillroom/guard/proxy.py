"""The upstream call: one keep-alive pool (http1.py); JSON answers post-processed, streams relayed chunk by chunk.

Upstream failures become OpenAI-shaped 502 (unreachable, 5xx, garbage) or 504 (timeout), never a
5xx of our own making; upstream 4xx answers pass through as they are (they are about the request).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from stillroom.contracts.openai import NOTICE_FIELD, WATERMARK_HEADER, ApiError
from stillroom.errors import UserError
from stillroom.guard.context import RequestContext
from stillroom.guard.http1 import Pool, Response, UpstreamError, UpstreamTimeout
from stillroom.guard.policy import process_choices

PATHS = {"chat": "/v1/chat/completions", "completions": "/v1/completions"}


class Upstream:
    def __init__(
        self, base_url: str, api_key: str | None = None, timeout_s: float = 120.0, max_connections: int = 256
    ):
        try:
            self.pool = Pool(base_url, max_connections, timeout_s, connect_timeout_s=min(5.0, timeout_s))
        except ValueError as e:
            raise UserError(f"{e}; pass --upstream http://host:port") from None
        self.headers = [("content-type", "application/json")]
        if api_key:
            self.headers.append(("authorization", f"Bearer {api_key}"))

    async def close(self) -> None:
        await self.pool.aclose()

    async def models(self) -> list[str]:
        try:
            r = await self.pool.request("GET", "/v1/models", self.headers[1:])
            body = await r.read()
            if r.status_code != 200:
                raise ValueError(r.status_code)
            return [m["id"] for m in json.loads(body)["data"]]
        except (UpstreamError, ValueError, KeyError, TypeError) as e:
            raise ApiError(
                502, f"upstream model list unavailable: {type(e).__name__}", "upstream_error"
            ) from None

    async def _send(self, ctx: RequestContext, stream: bool) -> tuple[Response, bytes]:
        """The upstream's answer (status checked) and, unless streaming, its whole body."""
        content = json.dumps(ctx.body).encode() if ctx.body_changed else ctx.raw_body
        headers = self.headers
        if ctx.action and ctx.action.watermark:
            headers = [*headers, (WATERMARK_HEADER, "on")]
        t0 = time.perf_counter()
        try:
            r = await self.pool.request("POST", PATHS[ctx.endpoint], headers, content)
            body = b"" if stream and r.status_code < 400 else await r.read()
        except UpstreamTimeout:
            raise ApiError(504, "upstream timed out", "upstream_timeout") from None
        except UpstreamError as e:
            raise ApiError(502, str(e), "upstream_error") from None
        finally:
            ctx.upstream_s = time.perf_counter() - t0
        ctx.status = r.status_code
        if r.status_code >= 400:
            raise _upstream_error(r.status_code, body)
        return r, body

    async def complete(self, ctx: RequestContext) -> tuple[bytes, int]:
        """Non-streaming: the response body to return (post-processed if the policy says so)."""
        r, body = await self._send(ctx, stream=False)
        try:
            data = json.loads(body)
            usage = data.get("usage") or {}
            ctx.prompt_tokens = int(usage.get("prompt_tokens") or 0)
            ctx.completion_tokens = int(usage.get("completion_tokens") or 0)
        except (ValueError, AttributeError, TypeError):
            raise ApiError(
                502, "upstream sent a response that is not OpenAI JSON", "upstream_error"
            ) from None
        if not (ctx.action and (ctx.action.touches_logprobs or ctx.action.notice)):
            return body, r.status_code
        if ctx.action.touches_logprobs and isinstance(data.get("choices"), list):
            process_choices(data["choices"], ctx.action, random.Random())
        if ctx.action.notice:
            data[NOTICE_FIELD] = ctx.action.notice
        return json.dumps(data).encode(), r.status_code

    async def stream(self, ctx: RequestContext) -> AsyncIterator[bytes]:
        """Streaming: open the upstream stream now (so errors are still a proper status), relay later."""
        r, _ = await self._send(ctx, stream=True)
        treat = _chunk_treatment(ctx)
        return _relay(r, ctx, treat)


def _chunk_treatment(ctx: RequestContext) -> Callable[[dict[str, Any]], None] | None:
    action = ctx.action
    if not (action and action.touches_logprobs):
        return None
    rng = random.Random()

    def treat(chunk: dict[str, Any]) -> None:
        if isinstance(chunk.get("choices"), list):
            process_choices(chunk["choices"], action, rng)

    return treat


async def _relay(r: Response, ctx: RequestContext, treat: Callable | None) -> AsyncIterator[bytes]:
    """SSE lines out as they come in; counts chunks (or reads `usage`) for token accounting."""
    try:
        async for line in r.aiter_lines():
            if line.startswith("data: ") and line != "data: [DONE]":
                line = _on_event(line, ctx, treat)
            yield (line + "\n").encode()
    except UpstreamError:
        ctx.error = "upstream stream broke"
        yield b'data: {"error": {"message": "upstream stream broke", "type": "upstream_error"}}\n\n'
    finally:
        await r.aclose()


def _on_event(line: str, ctx: RequestContext, treat: Callable | None) -> str:
    ctx.completion_tokens += 1
    if treat is None and '"usage":{' not in line.replace(" ", ""):
        return line
    try:
        chunk = json.loads(line[6:])
    except ValueError:
        return line
    usage = chunk.get("usage") if isinstance(chunk, dict) else None
    if isinstance(usage, dict):
        ctx.prompt_tokens = int(usage.get("prompt_tokens") or 0)
        ctx.completion_tokens = int(usage.get("completion_tokens") or 0)
    if treat is None or not isinstance(chunk, dict):
        return line
    treat(chunk)
    return "data: " + json.dumps(chunk)


def _upstream_error(status: int, body: bytes) -> ApiError:
    message = f"upstream answered {status}"
    try:
        err = json.loads(body).get("error")
        if isinstance(err, dict) and isinstance(err.get("message"), str):
            message = err["message"]
    except (ValueError, AttributeError):
        pass
    if status >= 500:
        return ApiError(502, f"upstream error: {message}", "upstream_error")
    return ApiError(status, message, "upstream_rejected")

"""The one fake OpenAI upstream of the tests: `stillroom serve` on the fake teacher, behind a wrapper
that records what it was sent and misbehaves on demand.

The answers come from the real serve app (the same wire types, renderer and error shapes clients
meet in production), so no test keeps a hand-written copy of the OpenAI format. The wrapper is a
plain ASGI layer so a fault can do what a real broken server does: answer 429 with `Retry-After`,
500, hang past the client's timeout, send a body that is not JSON, or start a response and drop
the connection half way. Faults are queued (`upstream.faults.extend([...])`), one consumed per
completion request, or drawn at random with `fault_rate`.

`requests` keeps (headers, JSON body) of every completion request, so a test can check exactly
what a gateway forwarded; `asked` counts completion requests per prompt text (faulty ones too),
`served` the successful answers, so tests can prove exactly-once delivery and that a rerun
skipped finished prompts.

    up = FakeUpstream(api_key="sk-test")
    with running(up) as url: ...            # stillroom.serve.thread.running
"""

from __future__ import annotations

import asyncio
import json
import random
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from stillroom.contracts.openai import content_text, error_body
from stillroom.serve.app import create_app
from stillroom.serve.config import ServeConfig
from stillroom.teachers.fake import FakeTeacher

FAULTS = ("429", "500", "hang", "badjson", "reset")
COMPLETION_PATHS = ("/v1/chat/completions", "/v1/completions")


@dataclass
class FakeUpstream:
    api_key: str | None = None  # demand `Authorization: Bearer <api_key>` (401 otherwise)
    model: str = "fake-model"
    delay_s: float = 0.0  # every completion request takes at least this long (for kill-mid-run tests)
    hang_s: float = 3.0  # how long a "hang" fault stalls (longer than the client's timeout)
    retry_after_s: float = 0.1
    fault_rate: float = 0.0  # draw a random fault for this share of requests
    strict: bool = False  # reject vLLM's `return_tokens_as_token_ids` with a 400, as OpenAI itself does
    seed: int = 0
    faults: list[str] = field(default_factory=list)
    asked: Counter = field(default_factory=Counter)
    served: Counter = field(default_factory=Counter)
    user_agents: set = field(default_factory=set)
    injected: Counter = field(default_factory=Counter)
    requests: list[tuple[dict[str, str], dict[str, Any]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        cfg = ServeConfig(model_name=self.model, max_wait_ms=0, max_n=32, max_tokens_limit=4096)
        self.app = create_app(FakeTeacher(), cfg)
        self._lock = threading.Lock()
        self._rng = random.Random(self.seed)

    @property
    def last(self) -> tuple[dict[str, str], dict[str, Any]]:
        """Headers and JSON body of the latest completion request."""
        return self.requests[-1]

    def _next_fault(self) -> str | None:
        with self._lock:
            if self.faults:
                return self.faults.pop(0)
            if self.fault_rate and self._rng.random() < self.fault_rate:
                return self._rng.choice(FAULTS)
        return None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)  # lifespan: serve's batcher starts and stops
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        self.user_agents.add(headers.get("user-agent", ""))
        if self.api_key and headers.get("authorization") != f"Bearer {self.api_key}":
            return await _json(send, 401, error_body(401, "Incorrect API key provided", "invalid_api_key"))
        if scope["method"] != "POST" or scope["path"] not in COMPLETION_PATHS:
            return await self.app(scope, receive, send)
        body = await _read(receive)
        req = json.loads(body) if body else {}
        self.requests.append((headers, req))
        if self.strict and "return_tokens_as_token_ids" in req:
            msg = "Unrecognized request argument supplied: return_tokens_as_token_ids"
            return await _json(send, 400, error_body(400, msg))
        text = _prompt_text(req)
        self.asked[text] += 1
        if self.delay_s:
            await asyncio.sleep(self.delay_s)
        fault = self._next_fault()
        if fault:
            self.injected[fault] += 1
            return await self._fault(fault, send)
        await self._forward(scope, receive, body, send, text)

    async def _forward(self, scope, client_receive, body: bytes, send, text: str) -> None:
        """Hand the (already read) body to serve; a 200 counts as served before the client sees it."""
        sent = False

        async def receive():
            nonlocal sent
            if sent:  # afterwards serve only listens for the client hanging up
                return await client_receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def watch(message):
            if message["type"] == "http.response.start" and message["status"] == 200:
                self.served[text] += 1
            await send(message)

        await self.app(scope, receive, watch)

    async def _fault(self, fault: str, send) -> None:
        if fault == "429":
            retry = [(b"retry-after", str(self.retry_after_s).encode())]
            return await _json(send, 429, error_body(429, "slow down", "rate_limit_exceeded"), retry)
        if fault == "500":
            return await _json(send, 500, error_body(500, "internal error"))
        if fault == "hang":
            await asyncio.sleep(self.hang_s)
            return await _json(send, 503, error_body(503, "too late"))
        if fault == "badjson":
            return await _raw(send, 200, b'{"choices": [ this is not json', b"application/json")
        # "reset": promise a long body, send a bit of it, then fail: uvicorn drops the connection.
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"4096")],
            }
        )
        await send({"type": "http.response.body", "body": b'{"id": "x", "choi', "more_body": True})
        raise ConnectionResetError("injected connection reset")


def _prompt_text(req: dict[str, Any]) -> str:
    messages = req.get("messages")
    if isinstance(messages, list) and messages and isinstance(messages[-1], dict):
        return content_text(messages[-1].get("content"))
    prompt = req.get("prompt")
    return prompt if isinstance(prompt, str) else json.dumps(prompt)


async def _read(receive) -> bytes:
    body = b""
    while True:
        msg = await receive()
        body += msg.get("body", b"")
        if not msg.get("more_body"):
            return body


async def _json(send, status: int, obj: dict, extra: list | None = None) -> None:
    await _raw(send, status, json.dumps(obj).encode(), b"application/json", extra)


async def _raw(send, status: int, body: bytes, ctype: bytes, extra: list | None = None) -> None:
    headers = [(b"content-type", ctype), (b"content-length", str(len(body)).encode()), *(extra or [])]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})

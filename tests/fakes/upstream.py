"""A fake OpenAI-compatible upstream that misbehaves on demand, backed by `FakeTeacher`.

A plain ASGI app (no framework) so a fault can do what a real broken server does: answer 429 with
`Retry-After`, 500, hang past the client's timeout, send a body that is not JSON, or start a
response and drop the connection half way. Faults are queued (`upstream.faults.extend([...])`),
one consumed per completion request, or drawn at random with `fault_rate`.

`served` counts successful answers per prompt text, `asked` every completion request per prompt
text (faulty ones too), so tests can prove exactly-once delivery and that a rerun skipped
finished prompts.
"""

from __future__ import annotations

import asyncio
import json
import random
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import uvicorn

from stillroom.teachers.base import Completion, GenParams
from stillroom.teachers.fake import _WORDS, FakeTeacher

FAULTS = ("429", "500", "hang", "badjson", "reset")


@dataclass
class FakeUpstream:
    api_key: str | None = None
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

    def __post_init__(self) -> None:
        self.teacher = FakeTeacher()
        self._lock = threading.Lock()
        self._rng = random.Random(self.seed)

    def _next_fault(self) -> str | None:
        with self._lock:
            if self.faults:
                return self.faults.pop(0)
            if self.fault_rate and self._rng.random() < self.fault_rate:
                return self._rng.choice(FAULTS)
        return None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            while (msg := await receive())["type"] != "lifespan.shutdown":
                await send({"type": msg["type"] + ".complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        body = b""
        while True:
            msg = await receive()
            body += msg.get("body", b"")
            if not msg.get("more_body"):
                break
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        self.user_agents.add(headers.get("user-agent", ""))
        await self._route(scope["method"], scope["path"], headers, body, send)

    async def _route(self, method: str, path: str, headers: dict, body: bytes, send) -> None:
        if self.api_key and headers.get("authorization") != f"Bearer {self.api_key}":
            return await _json(send, 401, {"error": {"message": "Incorrect API key provided"}})
        if method == "GET" and path == "/v1/models":
            return await _json(send, 200, {"object": "list", "data": [{"id": self.model, "object": "model"}]})
        if method != "POST" or path not in ("/v1/chat/completions", "/v1/completions"):
            return await _json(send, 404, {"error": {"message": f"no route {path}"}})
        req = json.loads(body)
        if req.get("model") != self.model:
            return await _json(
                send, 404, {"error": {"message": f"The model `{req.get('model')}` does not exist"}}
            )
        if self.strict and "return_tokens_as_token_ids" in req:
            msg = "Unrecognized request argument supplied: return_tokens_as_token_ids"
            return await _json(send, 400, {"error": {"message": msg}})
        chat = path.endswith("chat/completions")
        text = req["messages"][-1]["content"] if chat else req["prompt"]
        self.asked[text] += 1
        if self.delay_s:
            await asyncio.sleep(self.delay_s)
        fault = self._next_fault()
        if fault:
            self.injected[fault] += 1
            return await self._fault(fault, send)
        payload = self._answer(req, chat)
        self.served[text] += 1
        await _json(send, 200, payload)

    async def _fault(self, fault: str, send) -> None:
        if fault == "429":
            return await _json(
                send,
                429,
                {"error": {"message": "slow down"}},
                [(b"retry-after", str(self.retry_after_s).encode())],
            )
        if fault == "500":
            return await _json(send, 500, {"error": {"message": "internal error"}})
        if fault == "hang":
            await asyncio.sleep(self.hang_s)
            return await _json(send, 503, {"error": {"message": "too late"}})
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

    def _answer(self, req: dict, chat: bool) -> dict:
        prompt = req["messages"] if chat else req["prompt"]
        k = req.get("top_logprobs", 0) if chat else req.get("logprobs") or 0
        params = GenParams(
            max_new_tokens=req.get("max_tokens", 16),
            n=req.get("n", 1),
            top_logprobs=k or 0,
            temperature=req.get("temperature", 0.0),
        )
        comps = self.teacher.generate([prompt], params)
        as_ids = bool(req.get("return_tokens_as_token_ids"))
        want_lp = bool(req.get("logprobs")) if chat else req.get("logprobs") is not None
        choices = [_choice(c, s, chat, k, as_ids, want_lp) for s, c in enumerate(comps)]
        pt = comps[0].prompt_tokens
        ct = sum(c.completion_tokens for c in comps)
        return {
            "id": "fake-1",
            "object": "chat.completion" if chat else "text_completion",
            "created": int(time.time()),
            "model": self.model,
            "choices": choices,
            "usage": {"prompt_tokens": pt, "completion_tokens": ct, "total_tokens": pt + ct},
        }


def _tok(i: int, as_ids: bool) -> str:
    return f"token_id:{i}" if as_ids else _WORDS[i]


def _choice(c: Completion, s: int, chat: bool, k: int, as_ids: bool, want_lp: bool) -> dict:
    steps = range(len(c.token_ids))
    if chat:
        lp = None
        if want_lp:
            lp = {
                "content": [
                    {
                        "token": _tok(c.token_ids[t], as_ids),
                        "logprob": c.logprobs[t],
                        "top_logprobs": [
                            {"token": _tok(i, as_ids), "logprob": x}
                            for i, x in zip(c.top_ids[t], c.top_logprobs[t], strict=True)
                        ]
                        if k
                        else [],
                    }
                    for t in steps
                ]
            }
        return {
            "index": s,
            "message": {"role": "assistant", "content": c.text},
            "logprobs": lp,
            "finish_reason": c.finish_reason,
        }
    lp = None
    if want_lp:
        lp = {
            "tokens": [_tok(t, as_ids) for t in c.token_ids],
            "token_logprobs": c.logprobs,
            "top_logprobs": [
                {_tok(i, as_ids): x for i, x in zip(c.top_ids[t], c.top_logprobs[t], strict=True)}
                for t in steps
            ]
            if k
            else None,
            "text_offset": [],
        }
    return {"index": s, "text": c.text, "logprobs": lp, "finish_reason": c.finish_reason}


async def _json(send, status: int, obj: dict, extra: list | None = None) -> None:
    await _raw(send, status, json.dumps(obj).encode(), b"application/json", extra)


async def _raw(send, status: int, body: bytes, ctype: bytes, extra: list | None = None) -> None:
    headers = [(b"content-type", ctype), (b"content-length", str(len(body)).encode()), *(extra or [])]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Server:
    """Runs an ASGI app with uvicorn on 127.0.0.1 (a free port) in a daemon thread."""

    def __init__(self, app):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(
            uvicorn.Config(app, log_level="critical", lifespan="on", timeout_keep_alive=5)
        )
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.time() + 10
        while not self.server.started:
            if time.time() > deadline:
                raise RuntimeError("fake upstream did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()

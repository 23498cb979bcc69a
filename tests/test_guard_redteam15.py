"""Round 15 of the guard's red team (what a flagged key's countermeasures leave open, and how soon
a block or a revocation applies), against a live guard on 127.0.0.1 in front of scripted upstreams.
Each finding's test fails on the code before this round (checked by running this file against
it); the tests marked as such check that the fix keeps ordinary traffic working:

- a request authenticated before its key was revoked or pinned to `block` was answered once its
  body came in: the key was read once, at authentication, and the body may take `body_timeout_s`
  (60 s) to arrive, so a key could hold `max_body_reads_per_key` (16) requests open with a byte
  of body left and have every one answered after an admin revoked or blocked it (a request sent
  afresh was already refused: 401 / 403). The key is read again once the body is in;
- OpenAI returns the log-probs of a refusal's tokens under `logprobs.refusal`, beside `content`;
  the treatment read `content` alone, so a `suspect` key (top-2, rounded to 0.1) got a refusal's
  top-5 at full precision, in JSON answers and streams;
- a rerouted request's upstream errors named the alternative upstream's model: a 400 quoting
  `cheap-7b` was relayed as it was, and so was a stream's error event, where every answer a
  client sees carries the model name it asked for.
"""

from __future__ import annotations

import json
import socket
import time

import httpx
import pytest
import yaml

from guard_support import ADMIN, RawUpstream, guard_running, settings

LP = -0.123456789  # a log-prob the `suspect` treatment rounds to -0.1


def _headers(secret: str) -> dict[str, str]:
    return {"authorization": f"Bearer {secret}"}


def _chat(model: str, **kw) -> dict:
    return {"model": model, "messages": [{"role": "user", "content": "Tell me a secret."}], **kw}


def _events(text: str) -> list[dict]:
    return [
        json.loads(line[6:])
        for line in text.splitlines()
        if line.startswith("data: ") and line != "data: [DONE]"
    ]


# --- a slow body outlives its key's revocation or block ---


def _send_all_but_the_last_byte(url: str, secret: str, body: bytes) -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=10)
    head = (
        "POST /v1/chat/completions HTTP/1.1\r\nhost: guard\r\ncontent-type: application/json\r\n"
        f"authorization: Bearer {secret}\r\ncontent-length: {len(body)}\r\n\r\n"
    ).encode()
    sock.sendall(head + body[:-1])
    return sock


def _status(sock: socket.socket) -> int:
    line = sock.recv(4096).split(b"\r\n")[0]
    sock.close()
    return int(line.split()[1])


@pytest.fixture
def slow_body(tmp_path):
    up = RawUpstream()
    s = settings(tmp_path, up.url, models=list(RawUpstream.MODELS), key_cache_ttl_s=2.0)
    try:
        with guard_running(s) as (url, guard):
            yield url, guard, up
    finally:
        up.close()


@pytest.mark.parametrize(
    ("change", "status"),
    [
        (lambda kid: ("POST", f"/admin/keys/{kid}/revoke", None), 401),
        (lambda kid: ("PUT", f"/admin/keys/{kid}/verdict", {"verdict": "block"}), 403),
    ],
    ids=["revoked", "pinned-to-block"],
)
def test_a_body_that_arrives_after_its_key_was_revoked_or_blocked_is_refused(slow_body, change, status):
    """Old code: 200 for every request whose body was still coming when the admin acted (the
    default `key_cache_ttl_s` of 2 s; the revoking guard drops the key from its cache at once)."""
    url, guard, up = slow_body
    key, secret = guard.keys.create("a", rpm=1000, tpm=10**6)
    body = json.dumps(_chat("fake", max_tokens=4)).encode()
    socks = [_send_all_but_the_last_byte(url, secret, body) for _ in range(4)]
    time.sleep(0.3)  # authenticated, bodies still arriving
    method, path, payload = change(key.id)
    r = httpx.request(method, f"{url}{path}", json=payload, headers=_headers(ADMIN), timeout=10)
    assert r.status_code == 200
    fresh = httpx.post(f"{url}/v1/chat/completions", content=body, headers=_headers(secret), timeout=10)
    assert fresh.status_code == status
    seen = up.stats["requests"]
    for sock in socks:
        sock.sendall(body[-1:])
    assert [_status(sock) for sock in socks] == [status] * 4
    assert up.stats["requests"] == seen  # none reached the upstream


def test_a_slow_body_of_a_key_in_good_standing_is_still_answered(slow_body):
    """Kept: the key is read again, not refused, when nothing changed."""
    url, guard, _ = slow_body
    _, secret = guard.keys.create("a", rpm=1000, tpm=10**6)
    body = json.dumps(_chat("fake", max_tokens=4)).encode()
    sock = _send_all_but_the_last_byte(url, secret, body)
    time.sleep(0.3)
    sock.sendall(body[-1:])
    assert _status(sock) == 200


# --- a refusal's log-probs get the treatment ---


def _token(text: str) -> dict:
    tops = [{"token": f"{text}{i}", "logprob": LP - i, "bytes": None} for i in range(5)]
    return {"token": text, "logprob": LP, "bytes": None, "top_logprobs": tops}


class RefusalUpstream(RawUpstream):
    """`refusal`: OpenAI's answer when the model refuses: `message.refusal` and, with `logprobs`,
    the refusal's tokens under `logprobs.refusal` (`content` null), top-5 each, JSON or streamed."""

    MODELS = (*RawUpstream.MODELS, "refusal")

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if body.get("model") != "refusal" or head.startswith(b"GET"):
            return await super()._answer(head, body, writer)
        logprobs = {"content": None, "refusal": [_token("I"), _token(" can't")]}
        usage = {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7}
        if not body.get("stream"):
            message = {"role": "assistant", "content": None, "refusal": "I can't"}
            choice = {"index": 0, "message": message, "logprobs": logprobs, "finish_reason": "stop"}
            data = {"id": "x", "object": "chat.completion", "choices": [choice], "usage": usage}
            return self._json(writer, 200, data)
        delta = {"role": "assistant", "refusal": "I can't"}
        chunk = {"id": "x", "choices": [{"index": 0, "delta": delta, "logprobs": logprobs}]}
        end = {"id": "x", "choices": [], "usage": usage}
        raw = b"".join(b"data: " + json.dumps(c).encode() + b"\n\n" for c in (chunk, end))
        raw += b"data: [DONE]\n\n"
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-length: %d\r\n\r\n" % len(raw)
        )
        writer.write(raw)


@pytest.fixture
def refusals(tmp_path):
    up = RefusalUpstream()
    s = settings(tmp_path, up.url, models=list(RefusalUpstream.MODELS))
    try:
        with guard_running(s) as (url, guard):
            key, secret = guard.keys.create("s", rpm=1000, tpm=10**6)
            guard.keys.set_override(key.id, "suspect")  # default policy: top-2, rounded to 0.1
            yield url, secret
    finally:
        up.close()


@pytest.mark.parametrize("stream", [False, True])
def test_a_refusals_log_probs_are_capped_and_rounded(refusals, stream):
    """Old code: the refusal's tokens came back with 5 alternatives each at full precision."""
    url, secret = refusals
    body = _chat("refusal", max_tokens=4, logprobs=True, top_logprobs=5, stream=stream)
    r = httpx.post(f"{url}/v1/chat/completions", json=body, headers=_headers(secret), timeout=10)
    assert r.status_code == 200
    if stream:
        choices = [c for e in _events(r.text) for c in e.get("choices", [])]
    else:
        choices = r.json()["choices"]
    tokens = [t for c in choices if c.get("logprobs") for t in c["logprobs"]["refusal"]]
    assert len(tokens) == 2
    for t in tokens:
        assert t["logprob"] == -0.1 and len(t["top_logprobs"]) == 2
        assert [x["logprob"] for x in t["top_logprobs"]] == [-0.1, -1.1]


# --- a rerouted request's errors name the model the client asked for ---


class CheapUpstream(RawUpstream):
    """An alternative upstream that names its own model in what it sends back: a 400 for a JSON
    request, an error event in a stream (as vLLM sends one mid-stream)."""

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        model = body.get("model")
        if head.startswith(b"GET"):
            return await super()._answer(head, body, writer)
        message = f"The model `{model}` supports at most 2048 tokens of context"
        if not body.get("stream"):
            return self._json(writer, 400, {"error": {"message": message, "type": "invalid_request_error"}})
        first = {"id": "x", "model": model, "choices": [{"index": 0, "delta": {"content": "Hi"}}]}
        # a 400, as vLLM codes a request's length error (round 27: a 5xx event's text is not relayed)
        error = {"error": {"message": message, "type": "BadRequestError", "code": 400}}
        raw = b"".join(b"data: " + json.dumps(c).encode() + b"\n\n" for c in (first, error))
        raw += b"data: [DONE]\n\n"
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-length: %d\r\n\r\n" % len(raw)
        )
        writer.write(raw)


@pytest.fixture
def rerouted(tmp_path):
    main, cheap = RawUpstream(), CheapUpstream()
    policy = tmp_path / "policy.yaml"
    policy.write_text(yaml.safe_dump({"suspect": {"reroute": "cheap"}}))
    alt = {"cheap": {"url": cheap.url, "model": "cheap-7b"}}
    s = settings(tmp_path, main.url, models=list(RawUpstream.MODELS), policy=str(policy), upstreams=alt)
    try:
        with guard_running(s) as (url, guard):
            key, secret = guard.keys.create("s", rpm=1000, tpm=10**6)
            guard.keys.set_override(key.id, "suspect")
            yield url, secret, cheap
    finally:
        main.close()
        cheap.close()


def test_a_rerouted_requests_error_names_the_model_asked_for(rerouted):
    """Old code: "The model `cheap-7b` supports at most 2048 tokens of context", relayed."""
    url, secret, cheap = rerouted
    r = httpx.post(f"{url}/v1/chat/completions", json=_chat("fake"), headers=_headers(secret), timeout=10)
    assert cheap.bodies[-1]["model"] == "cheap-7b"  # it went to the cheap upstream
    assert r.status_code == 400
    assert "cheap-7b" not in r.text and "The model `fake` supports" in r.json()["error"]["message"]


def test_a_rerouted_streams_error_event_names_the_model_asked_for(rerouted):
    """Old code: the error event went out as the cheap upstream wrote it, naming `cheap-7b`."""
    url, secret, _ = rerouted
    body = _chat("fake", stream=True)
    r = httpx.post(f"{url}/v1/chat/completions", json=body, headers=_headers(secret), timeout=10)
    assert r.status_code == 200
    events = _events(r.text)
    assert "cheap-7b" not in r.text
    assert events[0]["model"] == "fake" and "The model `fake` supports" in events[1]["error"]["message"]

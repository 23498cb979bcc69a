"""The guard in front of servers nobody here wrote (session 28's server round: a scripted upstream
reproducing what TGI, mlx_lm.server, Ollama, Together, Azure, vLLM and llama.cpp send, each from
their sources), and the rest of that session's red team (round 8):

- stream lines `data:{...}` without the space (TGI, DashScope) were not read: the stream was
  audited with 0 completion tokens (charged ~nothing against tpm) and the usage chunk the guard
  asked for reached clients that never asked;
- a close-delimited HTTP/1.0 stream (mlx_lm.server) ended every answer with "upstream stream broke";
- no usable /v1/models (404, a bare list, Ollama's `name:latest`) refused every request;
- an upstream refusing the guard's `stream_options` failed every stream; one refusing `max_tokens`
  was sent every such request twice;
- an error event mid-stream was audited as a success;
- the upstream's prompt-cache counters were relayed: one key could read another's system prompt;
- message fields named like request settings, long tool_call ids, and a UTF-16 body.
"""

from __future__ import annotations

import json
import time

import httpx
import pytest

from guard_support import RawUpstream, audit_rows, guard_running, observed, request_context, settings
from stillroom.guard.schemas import message_extras

ANSWER = ["Hel", "lo", " there"]


class ScriptedUpstream(RawUpstream):
    """guard_support's raw upstream, answering by `mode` (see `_answer`) instead of by model;
    `bodies` holds every request body it got, in order (`{}` for a GET)."""

    def __init__(self, mode: str):
        self.mode = mode
        super().__init__()

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        """Write one answer (an HTTP/1.0 one closes the connection after it)."""
        mode = self.mode
        if head.startswith(b"GET"):
            if mode == "models_404":
                return self._json(writer, 404, {"error": "not found"})
            if mode == "models_tagged":
                return self._json(writer, 200, {"object": "list", "data": [{"id": "qmodel:latest"}]})
            listing = (
                [{"id": "qmodel"}]
                if mode == "models_bare"
                else {"object": "list", "data": [{"id": "qmodel"}]}
            )
            return self._json(writer, 200, listing)
        if mode == "stream_options_400" and "stream_options" in body:
            err = {
                "message": "Unrecognized request argument supplied: stream_options",
                "type": "invalid_request_error",
            }
            return self._json(writer, 400, {"error": err})
        if mode == "max_tokens_400" and "max_tokens" in body:
            message = "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead."
            return self._json(
                writer,
                400,
                {"error": {"message": message, "param": "max_tokens", "type": "invalid_request_error"}},
            )
        if not body.get("stream"):
            usage = {"prompt_tokens": 11, "completion_tokens": 3, "total_tokens": 14}
            if mode == "cache":
                usage["prompt_tokens_details"] = {"cached_tokens": 8}
            data = {
                "id": "x",
                "object": "chat.completion",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": "".join(ANSWER)},
                        "finish_reason": "stop",
                    }
                ],
                "usage": usage,
            }
            if mode == "cache":
                data["timings"] = {"cache_n": 8, "prompt_n": 3}
            return self._json(writer, 200, data)
        sep = b"data:" if mode == "sse_nospace" else b"data: "
        events = [{"choices": [{"index": 0, "delta": {"content": t}}]} for t in ANSWER]
        if mode == "error_midstream":
            events = [*events[:1], {"error": {"message": "engine crashed", "code": 500}}]
        if (body.get("stream_options") or {}).get("include_usage"):
            events.append(
                {"choices": [], "usage": {"prompt_tokens": 11, "completion_tokens": 3, "total_tokens": 14}}
            )
        payload = b"".join(sep + json.dumps(e).encode() + b"\n\n" for e in events) + sep + b" [DONE]\n\n"
        if mode == "http10":  # mlx_lm.server: HTTP/1.0, no length, the body ends when the server closes
            writer.write(b"HTTP/1.0 200 OK\r\ncontent-type: text/event-stream\r\n\r\n" + payload)
            await writer.drain()
            writer.close()
            return
        frame = b"%x\r\n%s\r\n0\r\n\r\n" % (len(payload), payload)
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
            + frame
        )


@pytest.fixture
def guard_for(tmp_path):
    """guard_for(mode, **settings) -> (url, secret, upstream, db url) for a live guard in front of it."""
    opened = []

    def start(mode: str, **kw):
        up = ScriptedUpstream(mode)
        s = settings(tmp_path, up.url, **kw)
        cm = guard_running(s)
        url, guard = cm.__enter__()
        opened.append((cm, up))
        secret = guard.keys.create("k", rpm=1000, tpm=10**7)[1]
        return url, secret, up, s.db, guard

    yield start
    for cm, up in opened:
        cm.__exit__(None, None, None)
        up.close()


def _post(url: str, secret: str, body: dict) -> httpx.Response:
    return httpx.post(
        f"{url}/v1/chat/completions", json=body, headers={"authorization": f"Bearer {secret}"}, timeout=20
    )


def _chat(stream: bool, model: str = "qmodel", **kw) -> dict:
    return {"model": model, "messages": [{"role": "user", "content": "Say hello."}], "stream": stream, **kw}


def _last_row(db: str) -> dict:
    """The newest audit row, once the writer has stored it."""
    deadline = time.monotonic() + 10
    while not (rows := audit_rows(db)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return rows[-1]


def _events(text: str) -> list:
    out = []
    for line in text.splitlines():
        if line.startswith("data:") and line[5:].strip() != "[DONE]":
            out.append(json.loads(line[5:]))
    return out


def test_streams_without_the_space_after_data_are_counted_and_the_usage_chunk_hidden(guard_for):
    url, secret, _, db, guard = guard_for("sse_nospace")
    r = _post(url, secret, _chat(True))
    assert r.status_code == 200
    events = _events(r.text)
    assert "".join(e["choices"][0]["delta"]["content"] for e in events) == "".join(ANSWER)
    assert all(e.get("choices") for e in events)  # old code: the guard's usage chunk reached the client
    observed(guard)
    row = _last_row(db)
    assert (row["prompt_tokens"], row["completion_tokens"]) == (11, 3)  # old code: completion 0


def test_a_close_delimited_http10_stream_ends_cleanly(guard_for):
    url, secret, _, db, guard = guard_for("http10", models=["qmodel"])
    r = _post(url, secret, _chat(True))
    assert r.status_code == 200 and "upstream stream broke" not in r.text  # old code: every stream
    assert "".join(e["choices"][0]["delta"]["content"] for e in _events(r.text)) == "".join(ANSWER)
    observed(guard)
    assert _last_row(db)["error"] is None


@pytest.mark.parametrize("mode", ["models_404", "models_bare", "models_tagged"])
def test_an_upstream_without_a_usable_model_list_is_still_served(guard_for, mode):
    url, secret, _, _, _ = guard_for(mode)
    r = _post(url, secret, _chat(False))
    assert r.status_code == 200, r.text  # old code: 502 (or 404 for the tagged list) every time
    assert r.json()["choices"][0]["message"]["content"] == "".join(ANSWER)
    if mode == "models_tagged":
        assert _post(url, secret, _chat(False, model="other")).status_code == 404
    if mode == "models_bare":
        assert _post(url, secret, _chat(False, model="other")).status_code == 404
    if mode == "models_404":  # cached: the upstream's list is not asked for on every request
        for _ in range(3):
            assert _post(url, secret, _chat(False)).status_code == 200


def test_an_upstream_refusing_stream_options_gets_streams_without_them(guard_for):
    url, secret, up, _, _ = guard_for("stream_options_400")
    for _ in range(2):
        r = _post(url, secret, _chat(True))
        assert r.status_code == 200, r.text  # old code: 400 for a field the client never sent
        assert "".join(e["choices"][0]["delta"]["content"] for e in _events(r.text)) == "".join(ANSWER)
    assert [("stream_options" in b) for b in up.bodies if b] == [True, False, False]  # learnt once
    # a client that asked for usage itself gets the upstream's refusal, and nothing is learnt from it
    r = _post(url, secret, _chat(True, stream_options={"include_usage": True}))
    assert r.status_code == 400


def test_a_refused_max_tokens_is_learnt_once(guard_for):
    url, secret, up, _, _ = guard_for("max_tokens_400")
    for _ in range(3):
        assert _post(url, secret, _chat(False, max_tokens=20)).status_code == 200
    sent = [("max_tokens" in b, b.get("max_completion_tokens")) for b in up.bodies if b]
    assert sent == [(True, None), (False, 20), (False, 20), (False, 20)]  # old code: every one twice


def test_an_error_event_mid_stream_is_audited_as_an_error(guard_for):
    url, secret, _, db, guard = guard_for("error_midstream")
    r = _post(url, secret, _chat(True))
    # relayed as an error event; a 500's text only to the log and the row (round 27)
    assert '"error"' in r.text and "engine crashed" not in r.text
    observed(guard)
    row = _last_row(db)
    assert row["error"] and "engine crashed" in row["error"]  # old code: None


def test_prompt_cache_counters_are_not_relayed(guard_for):
    url, secret, _, _, _ = guard_for("cache")
    data = _post(url, secret, _chat(False)).json()
    assert "timings" not in data
    assert "cached_tokens" not in data["usage"].get("prompt_tokens_details", {})  # old code: 8
    assert data["usage"]["prompt_tokens"] == 11


def test_message_fields_named_like_settings_are_read_as_text():
    ctx = request_context(
        "chat",
        {
            "model": "m",
            "messages": [
                {
                    "role": "user",
                    "content": "hi",
                    "metadata": {"note": "SECRET-ITEM-ONE"},
                    "stop": "SECRET-ITEM-TWO",
                },
                {"role": "tool", "content": "ok", "tool_call_id": "call_" + "SECRET-ITEM-THREE " * 10},
                {"role": "tool", "content": "ok", "tool_call_id": "call_abc123"},
            ],
        },
    )
    texts = [message_extras(m) for m in ctx.request.messages]
    assert "SECRET-ITEM-ONE" in texts[0] and "SECRET-ITEM-TWO" in texts[0]  # old code: dropped
    assert "SECRET-ITEM-THREE" in texts[1]
    assert texts[2] == ""  # a short id stays an id


def test_a_body_that_is_not_utf8_is_refused(guard_for):
    url, secret, up, _, _ = guard_for("plain")
    raw = json.dumps(_chat(True)).encode("utf-16")
    r = httpx.post(
        f"{url}/v1/chat/completions",
        content=raw,
        headers={"authorization": f"Bearer {secret}", "content-type": "application/json"},
        timeout=20,
    )
    assert r.status_code == 400 and "UTF-8" in r.text  # old code: forwarded garbled after a splice
    assert up.bodies == []


def test_an_empty_assistant_turn_does_not_hide_the_question_before_it():
    item = "Write a Python function that returns the n-th Fibonacci number using memoisation."
    for filler in ("", None, "   "):
        ctx = request_context(
            "chat",
            {
                "model": "m",
                "messages": [
                    {"role": "user", "content": item},
                    {"role": "assistant", "content": filler},
                    {"role": "user", "content": "Go ahead."},
                ],
            },
        )
        assert item in ctx.prompt  # old code: "Go ahead." alone in the audit row and the detector


def test_image_parts_are_reserved_as_a_vision_model_bills_them():
    """Red team 8: 40 parallel requests of 8 small images each, billed ~2,000 tokens an image by
    the upstream, were reserved by their bytes: 480k tokens served at tpm 20k in one burst."""
    parts = [{"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}] * 8
    body = {"model": "m", "messages": [{"role": "user", "content": [{"type": "text", "text": "hi"}, *parts]}]}
    ctx = request_context("chat", body, media_part_tokens=1000)
    assert ctx.prompt_estimate >= 8000 and ctx.reserved >= 8000  # old code: ~100 each
    text_only = request_context("chat", {"model": "m", "messages": [{"role": "user", "content": "hi"}]})
    assert text_only.reserved < 5000

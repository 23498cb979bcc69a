"""Round 27 of the guard's red team (what an upstream's mid-stream error tells a client), each test
against a live guard on 127.0.0.1 in front of a scripted upstream and failing on the code before
its fix:

- an upstream's error event in a stream (vLLM, SGLang and llama.cpp send one when generation fails
  after the first byte, with the engine exception's text and code 500) was relayed as the upstream
  wrote it: a traceback naming an internal host, and 5 KB of it, where the same error as a JSON
  answer is a generic 502 (its body to the guard's log) and a 4xx's message is cut to 300
  characters. The event is now what `proxy.upstream_error` makes of an answer with the event's
  `code` as its status: a 4xx's message (cut to 300 characters, the model named as asked), else a
  generic message with the request id, the upstream's text to the log and the audit row.

Not weaknesses (read or measured this round): the path, method, header and HEAD/OPTIONS tricks
rounds 22, 23 and 25 checked behave as they left them; a JSON integer or float of a million digits
is refused (400) in microseconds (jiter stops at 4,300 digits, `json.loads` at Python's int limit);
4,000 randomised chat and completions bodies (odd types in 35 fields, messages and content parts, a
key in good standing and a `suspect` one) drew 400s and 200s, no 500; the detector dashboard's JSON
routes take no body, so the admin check runs before anything of a request is read (round 26's hole
was `/admin`'s bodies).
"""

from __future__ import annotations

import json

import httpx

from guard_support import (
    LEAKY_500,
    RawUpstream,
    audit_rows_when,
    guard_running,
    models_list,
    settings,
    sse_answer,
)

CHAT = {"model": "fake", "messages": [{"role": "user", "content": "hi"}], "stream": True, "max_tokens": 8}
CONTEXT = (
    "This model's maximum context length is 2048 tokens; your request has 9000 tokens" + " (details)" * 500
)


class FailingStream(RawUpstream):
    """A chat stream of one token, then an error event whose `code` and message the request's
    `user` field picks: `crash` a 500 traceback naming an internal host (5 KB), `context` a 400
    about the request's length (5 KB), `bare` an error with no code."""

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        error = {
            "crash": {"message": LEAKY_500 + " " + "x" * 5000, "type": "InternalServerError", "code": 500},
            "context": {"message": CONTEXT, "type": "BadRequestError", "code": 400},
            "bare": {"message": LEAKY_500},
        }[body["user"]]
        sse_answer(writer, [{"choices": [{"index": 0, "delta": {"content": "a"}}]}, {"error": error}])


def _events(text: str) -> list[dict]:
    return [
        json.loads(x[5:]) for x in text.split("\n") if x.startswith("data:") and x[5:].strip() != "[DONE]"
    ]


def test_a_mid_stream_error_event_says_nothing_internal(tmp_path):
    """Old code: the 500's traceback went out whole (5,129 characters of message, `db-7.internal.corp`
    in it), and the 400's 5,081 characters. Now a generic message for the 500 and for an error with
    no code, the 400's message cut to 300 characters; the audit row keeps the upstream's words."""
    up = FailingStream()
    try:
        with guard_running(settings(tmp_path, up.url)) as (url, guard):
            _, secret = guard.keys.create("u", rpm=1000, tpm=10**6)
            got = {}
            for user in ("crash", "context", "bare"):
                r = httpx.post(
                    f"{url}/v1/chat/completions",
                    json={**CHAT, "user": user},
                    headers={"authorization": f"Bearer {secret}"},
                    timeout=10,
                )
                assert r.status_code == 200
                first, error = _events(r.text)
                assert first["choices"][0]["delta"]["content"] == "a"
                got[user] = error["error"]
            rows = audit_rows_when(guard.settings.db, 3)
    finally:
        up.close()
    for user in ("crash", "bare"):
        assert "internal" not in got[user]["message"] and "Traceback" not in got[user]["message"]
        assert got[user]["message"].startswith("the upstream failed on this request (request id ")
        assert got[user]["code"] == "upstream_error"
    assert got["context"]["message"] == CONTEXT[:300] and got["context"]["code"] == "upstream_rejected"
    errors = sorted(r["error"] for r in rows)
    assert sum("db-7.internal.corp" in e for e in errors) == 2  # the operator still reads what happened
    assert sum("maximum context length" in e for e in errors) == 1

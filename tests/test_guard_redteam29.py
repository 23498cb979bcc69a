"""Round 29 of the guard's red team, each test against a live guard on 127.0.0.1 in front of a
scripted upstream and failing on the code before its fix:

- a database that answers reads and refuses inserts (read-only after a failover) had every audit row
  held in the writer's memory until it took rows again, with no bound (SECURITY.md's open item:
  ~2 KB a row, ~1 MB/s from one connection of a refused key): now at most
  `audit.MAX_QUEUED_ROWS` wait there, the rest in their journal segments only, read back from
  there once the database takes rows again, each stored once;
- under a log-prob treatment, a stream line the guard could not parse as a JSON object was relayed
  untreated (round 27's open item): an event split over two `data:` lines (SSE joins them), events
  ended by a bare CR (SSE allows it; the guard split on LF only and read one line), NDJSON lines.
  A `suspect` key read top-5 log-probs at full precision past its top-2 cap and rounding. Now such
  a line ends the stream with an error event;
- llama.cpp's server writes a mid-stream error as an SSE `error:` field (`error: {"code": 500,
  "message": ...}`), not a `data:` event, and the guard relayed it as written: the engine's words
  (a traceback naming an internal host here) reached the client whole, and the audit row read an
  answered stream with no error. Round 27 had made `data:` error events generic; now this one too;
- vLLM's `prompt_embeds` (a server started with `--enable-prompt-embeds` answers the tensors as
  prompts of their own beside the `prompt`, read from its source) went upstream from any key, the
  audit row and the detector reading the decoy `prompt` and the base64: now refused (400).

Not weaknesses (read or measured this round): `/v1/responses`, `/tokenize`, `/detokenize`,
`/v1/models/{id}` and trailing-slash routes are 404s before any key is read, and a percent-encoded
path reaches the proxied route with the guard's own path, query and headers upstream; invalid UTF-8
in a string, a key repeated through an escape, `1e2` for an integer field, vLLM's plain-string and
type-less content parts and llama.cpp's mixed text/token prompts are all 400s; a chat `prompt` field
(in NOT_TEXT) is read by none of llama.cpp (its own `prompt` is the template's), vLLM, SGLang, TGI
or Ollama on chat; length aliases (TabbyAPI's `max_length`, TGI's `max_completion_tokens`) lose to
the `max_tokens` the guard always writes; bodies sent in 1-byte chunks cost uvicorn's buffer time
quadratic within a read (20-67 ms per 256 KB read alone), but one 512 KB burst a second moved
another client's p99 from 1.3 to 4.6 ms, and at line rate it is a volumetric flood (out of scope).
"""

from __future__ import annotations

import json
import re
import sqlite3
import time

import httpx
import pytest

from guard_support import (
    LEAKY_500,
    RawUpstream,
    audit_rows_when,
    guard_running,
    models_list,
    settings,
    suspect_and_ok,
)


def _refuse_inserts(db: str, on: bool) -> None:
    """Make the guard's SQLite database refuse audit inserts (a read-only database, a revoked grant)
    while it still answers key reads, or take them again."""
    with sqlite3.connect(db) as conn:
        if on:
            conn.execute(
                "CREATE TRIGGER refuse BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'read-only'); END"
            )
        else:
            conn.execute("DROP TRIGGER refuse")


def test_rows_a_refusing_database_leaves_wait_in_the_journal_not_in_memory(tmp_path, monkeypatch):
    """Old code: all 300 rows of an outage were held in the writer's queue (at ~2 KB each, no bound).
    Now at most MAX_QUEUED_ROWS (50 here) and a batch wait in memory, the rest only in the journal;
    once the database takes rows again every one of the 300 is stored, once, and nothing is pending."""
    from stillroom.guard import audit

    monkeypatch.setattr(audit, "MAX_QUEUED_ROWS", 50, raising=False)
    up = RawUpstream()
    try:
        s = settings(tmp_path, up.url, models=["fake"], audit_batch=10)
        with guard_running(s) as (url, guard):
            _, secret = guard.keys.create("a", rpm=10**6)
            _refuse_inserts(f"{tmp_path}/guard.db", on=True)
            with httpx.Client(headers={"authorization": f"Bearer {secret}"}, timeout=10) as http:
                statuses = {http.get(f"{url}/v1/models").status_code for _ in range(300)}
            time.sleep(0.3)  # the writer tries (and fails) meanwhile
            held = len(guard.audit._buf) + len(guard.audit._rows)
            pending = guard.audit.pending()
            _refuse_inserts(f"{tmp_path}/guard.db", on=False)
            rows = audit_rows_when(s.db, 300, timeout_s=10)
            deadline = time.monotonic() + 5
            while guard.audit.pending() and time.monotonic() < deadline:
                time.sleep(0.05)
            left = guard.audit.pending()
    finally:
        up.close()
    assert statuses == {200} and pending == 300
    assert held <= 50 + 10, held  # old code: 300
    assert len(rows) == 300 and len({r["request_id"] for r in rows}) == 300
    assert left == 0


# --- stream lines the log-prob treatment cannot read, and llama.cpp's `error:` line ---


def _token(logprob: float) -> dict:
    alts = [
        {"token": t, "logprob": lp}
        for t, lp in zip("ABCDE", (logprob, -2.345678, -3.456789, -4.5678, -5.6789), strict=True)
    ]
    return {"token": "A", "logprob": logprob, "top_logprobs": alts}


def _chunk(logprob: float) -> dict:
    lp = {"content": [_token(logprob)]}
    return {"choices": [{"index": 0, "delta": {"content": "A"}, "logprobs": lp}]}


class OddStream(RawUpstream):
    """A chat stream framed as the request's `user` field says: `split` an event over two `data:`
    lines, `cr` events ended by bare CRs, `ndjson` JSON lines, `llama-error` a token and then
    llama.cpp's `error:` line (a 500 whose message names an internal host)."""

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        first, second = (json.dumps(_chunk(x)).encode() for x in (-0.123456, -0.654321))
        kind, media = body["user"], b"text/event-stream"
        if kind == "split":
            cut = second.index(b'"logprobs"')
            payload = b"data: %s\n\ndata: %s\ndata: %s\n\ndata: [DONE]\n\n" % (
                first,
                second[:cut],
                second[cut:],
            )
        elif kind == "cr":
            payload = b"data: %s\r\rdata: %s\r\rdata: [DONE]\r\r" % (first, second)
        elif kind == "ndjson":
            payload, media = b"%s\n%s\n" % (first, second), b"application/x-ndjson"
        else:
            error = {"code": 500, "message": LEAKY_500, "type": "server_error"}
            payload = b"data: %s\n\nerror: %s\n\n" % (first, json.dumps(error).encode())
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: %s\r\ncontent-length: %d\r\n\r\n" % (media, len(payload))
        )
        writer.write(payload)


def _sse(text: str) -> list[str]:
    """The events' data as an SSE client reads them: lines end at CRLF, LF or CR, an event's `data:`
    lines are joined with LF, a blank line ends it; NDJSON lines read as they are."""
    events, data = [], []
    for line in re.split(r"\r\n|\r|\n", text):
        if line.startswith("{"):
            events.append(line)
        elif line.startswith("data:"):
            data.append(line[5:].removeprefix(" "))
        elif not line and data:
            events.append("\n".join(data))
            data = []
    return [e for e in events if e != "[DONE]"]


def _untreated(events: list[str]) -> list[float]:
    """Log-probs shown past a top-2 cap or with more than one decimal."""
    bad = []
    for event in events:
        for choice in json.loads(event).get("choices") or ():
            for tok in (choice.get("logprobs") or {}).get("content") or ():
                tops = tok.get("top_logprobs") or []
                values = [tok.get("logprob"), *(t.get("logprob") for t in tops)]
                bad += [v for v in values if v is not None and round(v, 1) != v]
                bad += [len(tops)] if len(tops) > 2 else []
    return bad


@pytest.mark.parametrize("kind", ["split", "cr", "ndjson"])
def test_a_stream_line_the_treatment_cannot_read_ends_the_stream(tmp_path, kind):
    """Old code: the second event reached a `suspect` key untreated (top-5, -0.654321 and the four
    alternatives to six decimals), each framing read by a client as SSE (or NDJSON) defines it. Now
    the stream ends there with an error event, audited; the first event went out treated."""
    up = OddStream()
    body = {
        "model": "fake",
        "messages": [{"role": "user", "content": "hi"}],
        "stream": True,
        "logprobs": True,
        "top_logprobs": 5,
        "user": kind,
    }
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            suspect, _ = suspect_and_ok(guard)
            r = httpx.post(
                f"{url}/v1/chat/completions",
                json=body,
                headers={"authorization": f"Bearer {suspect}"},
                timeout=10,
            )
            rows = audit_rows_when(guard.settings.db, 1)
    finally:
        up.close()
    assert r.status_code == 200
    events = _sse(r.text)
    assert _untreated(events) == [], _untreated(events)
    assert "-0.654321" not in r.text and "2.345678" not in r.text
    assert json.loads(events[-1])["error"]["message"] == "upstream stream broke"
    assert "treatment cannot read" in rows[-1]["error"]


def test_llama_cpp_mid_stream_error_line_says_nothing_internal(tmp_path):
    """Old code: llama.cpp's `error: {...}` line went out as written, `db-7.internal.corp` and the
    traceback in it, and the audit row had no error. Now the client gets the generic event a 500
    error event gets (round 27), and the row keeps the upstream's words."""
    up = OddStream()
    body = {
        "model": "fake",
        "messages": [{"role": "user", "content": "hi"}],
        "stream": True,
        "user": "llama-error",
    }
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            _, secret = guard.keys.create("u", rpm=1000, tpm=10**6)
            r = httpx.post(
                f"{url}/v1/chat/completions",
                json=body,
                headers={"authorization": f"Bearer {secret}"},
                timeout=10,
            )
            rows = audit_rows_when(guard.settings.db, 1)
    finally:
        up.close()
    assert r.status_code == 200
    assert "internal" not in r.text and "Traceback" not in r.text, r.text
    error = json.loads(_sse(r.text)[-1])["error"]
    assert error["message"].startswith("the upstream failed on this request (request id ")
    assert "db-7.internal.corp" in rows[-1]["error"]


# --- vLLM's prompt_embeds ---


def test_prompt_embeds_are_refused(tmp_path):
    """Old code: 200, `prompt_embeds` forwarded (a vLLM started with `--enable-prompt-embeds` answers
    them as prompts of their own, which the audit row and the detector never read: the row's prompt
    was the decoy). Now a 400, audited, and nothing reaches the upstream."""
    up = RawUpstream()
    body = {
        "model": "fake",
        "prompt": "Say hi.",
        "max_tokens": 8,
        "prompt_embeds": "UEsDBAAACAgAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
    }
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            _, secret = guard.keys.create("u", rpm=1000, tpm=10**6)
            before = up.stats["requests"]
            r = httpx.post(
                f"{url}/v1/completions", json=body, headers={"authorization": f"Bearer {secret}"}, timeout=10
            )
            sent = up.stats["requests"] - before
            rows = audit_rows_when(guard.settings.db, 1)
    finally:
        up.close()
    assert r.status_code == 400 and r.json()["error"]["param"] == "prompt_embeds", r.text
    assert sent == 0 and rows[-1]["status"] == 400

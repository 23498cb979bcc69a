"""Round 30 of the guard's red team, each test against a live guard on 127.0.0.1 in front of a
scripted upstream (or a raw socket client) and failing on the code before its fix:

- an upstream that streams NDJSON lines (a JSON object a line, no `data:`) to a key under no
  treatment was relayed with none of its lines counted: 200 lines charged 0 completion tokens, the
  prompt alone (round 29's open item). Now each line is an event, counted and read for usage;
- vLLM's `image_embeds` / `audio_embeds` content parts (tensors merged into the model's input
  embeddings at the media's place: `prompt_embeds` in a message, which the audit row and the
  detector never read) went upstream from any key (round 29's open item): now a 400;
- while the database takes no rows, the journal grew by every row's bytes, with no bound, until
  the disk was full (round 29's open item): past `audit.MAX_JOURNAL_BYTES` every request is now
  refused unserved, a 503 counted in `stillroom_guard_audit_refusals_total`, and nothing answered
  goes without its row;
- a request the HTTP parser refuses (Content-Length beside chunked, two Content-Lengths, a bare-LF
  head, a folded header, CONNECT) got uvicorn's `text/plain` "Invalid HTTP request received.", the
  one error of the guard not in OpenAI's JSON shape: now a one-line JSON 400.

Not weaknesses (tried this round, see SECURITY.md): absolute-form request targets, HTTP/1.0 and
HTTP/0.9 request lines, `Transfer-Encoding: identity, chunked`, trailers, `Expect: 100-continue`
and pipelining reach the proxied route through the same authentication, limits and audit; a gzip
body is a 400 (never inflated, never forwarded with its Content-Encoding); `api-key` headers,
a tab after `Bearer` and a second `authorization` header are 401s; `//v1/...`, `/V1/...`,
dot-segments, `;params`, `/v1/engines/...`, `/v1/responses` and `/v1/embeddings` are 404s before
any key is read; an `Upgrade: h2c` / `websocket` request is answered (its body unread, a 400
audited), never upgraded.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import time

import httpx
import pytest

from guard_support import RawUpstream, audit_rows_when, guard_running, models_list, settings


def _refuse_inserts(db: str, on: bool) -> None:
    with sqlite3.connect(db) as conn:
        if on:
            conn.execute(
                "CREATE TRIGGER refuse BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'read-only'); END"
            )
        else:
            conn.execute("DROP TRIGGER refuse")


# --- NDJSON streams without a treatment ---


class NdjsonStream(RawUpstream):
    """A chat stream of `lines` NDJSON lines (one token each, no usage), as a server that streams
    `application/x-ndjson` writes it."""

    def __init__(self, lines: int) -> None:
        super().__init__()
        self.lines = lines

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        chunk = {"choices": [{"index": 0, "delta": {"content": "tok "}}]}
        payload = b"".join(json.dumps(chunk).encode() + b"\n" for _ in range(self.lines))
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/x-ndjson\r\ncontent-length: %d\r\n\r\n"
            % len(payload)
        )
        writer.write(payload)


def test_ndjson_stream_lines_are_counted(tmp_path):
    """Old code: the 200 lines reached the client and the row read 0 completion tokens (the key
    charged its prompt alone). Now each line counts, as a `data:` event does."""
    up = NdjsonStream(200)
    body = {"model": "fake", "messages": [{"role": "user", "content": "hi"}], "stream": True}
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
    assert r.status_code == 200 and r.text.count('"tok "') == 200
    assert rows[-1]["completion_tokens"] == 200, rows[-1]["completion_tokens"]  # old code: 0


# --- vLLM's image_embeds / audio_embeds ---


@pytest.mark.parametrize("kind", ["image_embeds", "audio_embeds"])
def test_embedding_content_parts_are_refused(tmp_path, kind):
    """Old code: 200, the part forwarded as it was (audited as the decoy text beside it). Now a
    400, audited, and nothing reaches the upstream."""
    up = RawUpstream()
    parts = [
        {"type": "text", "text": "Describe this."},
        {"type": kind, kind: "UEsDBAAACAgAAAAAAAAAAAAAAAAAAAAAAAAAAA=="},
    ]
    body = {"model": "fake", "messages": [{"role": "user", "content": parts}], "max_tokens": 8}
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            _, secret = guard.keys.create("u", rpm=1000, tpm=10**6)
            before = up.stats["requests"]
            r = httpx.post(
                f"{url}/v1/chat/completions",
                json=body,
                headers={"authorization": f"Bearer {secret}"},
                timeout=10,
            )
            sent = up.stats["requests"] - before
            rows = audit_rows_when(guard.settings.db, 1)
    finally:
        up.close()
    assert r.status_code == 400 and r.json()["error"]["param"] == "messages", r.text
    assert sent == 0 and rows[-1]["status"] == 400


# --- the journal's bound during a database outage ---


def test_a_full_audit_backlog_refuses_requests_unserved(tmp_path, monkeypatch):
    """A database refusing inserts, and a journal bound of 64 KB (~60 rows here). Old code: all
    300 requests answered 200, the journal growing by each row. Now, past the bound, 503s that
    reach neither the upstream nor the journal, counted; once the database takes rows again every
    answered request is stored, and requests are served again."""
    up = RawUpstream()
    body = {"model": "fake", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 4}
    from stillroom.guard import audit

    monkeypatch.setattr(audit, "MAX_JOURNAL_BYTES", 64_000, raising=False)
    s = settings(tmp_path, up.url, models=["fake"])
    try:
        with guard_running(s) as (url, guard):
            _, secret = guard.keys.create("a", rpm=10**6, tpm=10**8)
            _refuse_inserts(f"{tmp_path}/guard.db", on=True)
            statuses = []
            with httpx.Client(headers={"authorization": f"Bearer {secret}"}, timeout=10) as http:
                for _ in range(300):
                    statuses.append(http.post(f"{url}/v1/chat/completions", json=body).status_code)
                assert 503 in statuses, statuses[-5:]  # old code: 300 x 200
                held = guard.journal.held
                upstream_calls = up.stats["requests"]
                refused = guard.metrics.audit_refusals._value.get()
                last = http.post(f"{url}/v1/chat/completions", json=body)
                _refuse_inserts(f"{tmp_path}/guard.db", on=False)
                answered = statuses.count(200)
                rows = audit_rows_when(s.db, answered, timeout_s=10)
                deadline = time.monotonic() + 10
                while guard.audit.backlog_full() and time.monotonic() < deadline:
                    time.sleep(0.05)
                after = http.post(f"{url}/v1/chat/completions", json=body).status_code
    finally:
        up.close()
    print(f"answered {answered}, journal held {held} bytes, refused {refused:.0f}")
    assert set(statuses) == {200, 503} and statuses.index(503) == answered  # served, then refused
    assert upstream_calls == answered and refused >= 300 - answered
    assert held < 64_000 + 4_000, held  # the bound, and at most the row that crossed it
    assert last.status_code == 503 and last.json()["error"]["code"] == "audit_unavailable"
    assert len(rows) == answered and {r["status"] for r in rows} == {200}
    assert after == 200


# --- a request the HTTP parser refuses ---


def _raw(url: str, data: bytes) -> bytes:
    host, port = url.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(data)
        out = b""
        while chunk := sock.recv(65536):
            out += chunk
    return out


@pytest.mark.parametrize(
    "head",
    [
        b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n",
        b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n",
        b"POST /v1/chat/completions HTTP/1.1\nHost: x\nContent-Length: 2\n\n",
        b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer\r\n x\r\n\r\n",
        b"CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: x\r\n\r\n",
    ],
    ids=["cl-and-chunked", "two-cl", "bare-lf", "folded", "connect"],
)
def test_a_malformed_request_gets_a_json_error(tmp_path, head):
    """Old code: `content-type: text/plain`, "Invalid HTTP request received.". Now OpenAI's error
    shape, one JSON line, the connection closed."""
    up = RawUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, _):
            out = _raw(url, head + b"{}")
    finally:
        up.close()
    status, _, rest = out.partition(b"\r\n")
    headers, _, body = rest.partition(b"\r\n\r\n")
    assert status.startswith(b"HTTP/1.1 400"), out
    assert b"content-type: application/json" in headers.lower(), out
    assert b"\n" not in body and json.loads(body)["error"]["message"].startswith("invalid HTTP request")

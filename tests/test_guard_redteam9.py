"""Round 9 of the guard's red team (HTTP level, parser differentials, stream framing), each test
against a live guard on 127.0.0.1 and failing on the code before its fix:

- chunked trailers were appended, uncounted, to the request's headers: one connection without a
  key grew the guard by ~195 MB for 200 MB sent, and trailers sent with the head were read as
  headers;
- the rest of a body the guard answered without reading (a 401, an empty bucket's 429) was
  discarded with no deadline: a byte every 3 s held a connection without a key indefinitely;
- keys differing only by case (`Messages`, `Stream`, `Max_Tokens`, `ſtream`): Go's encoding/json
  (Ollama) reads the last of them, the guard the lowercase one: a decoy prompt audited, a length
  past the gateway's bound;
- a stream request answered with one JSON body was relayed as a stream with no `data:` events:
  0 completion tokens charged, log-probs untreated;
- an escaped `stream\u005foptions` quoted back in an upstream's 400 turned the guard's stream
  usage reports off for every key, for good.
"""

from __future__ import annotations

import json
import socket
import time

import httpx
import pytest

from guard_support import RawUpstream, audit_rows, guard_running, observed, settings


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    """Whether the guard closes `sock` within `seconds` (whatever it answered before that)."""
    deadline = time.monotonic() + seconds
    sock.settimeout(0.2)
    while time.monotonic() < deadline:
        try:
            if sock.recv(65536) == b"":
                return True
        except TimeoutError:
            continue
        except OSError:
            return True
    return False


def test_trailers_are_never_kept_and_a_flood_of_them_closes_the_connection(tmp_path):
    """Old code: every trailer line went into the request's header list, uncounted; the
    connection (no key needed) stayed open for as many as the client sent."""
    with guard_running(settings(tmp_path, "http://127.0.0.1:9", models=["fake"])) as (url, _):
        sock = socket.create_connection(("127.0.0.1", _port(url)))
        sock.sendall(
            b"POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n"
        )
        line = b"x-trailer: " + b"a" * 1000 + b"\r\n"
        try:
            for _ in range(40):  # 40 KB of trailers, past max_header_bytes (32 KB)
                sock.sendall(line)
        except OSError:
            pass
        assert _closed_within(sock, 3)
        sock.close()


def test_trailers_never_become_request_headers(tmp_path):
    """Old code: trailers that arrived with the head (one packet) were in the header list the app
    read: a trailing `authorization` made a second one (401 here); a header a front proxy filters
    could have been sent as a trailer past it."""
    up = RawUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            secret = guard.keys.create("t", rpm=1000, tpm=10**7)[1]
            body = json.dumps({"model": "fake", "messages": [{"role": "user", "content": "hi"}]}).encode()
            sock = socket.create_connection(("127.0.0.1", _port(url)))
            sock.sendall(
                f"POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer {secret}\r\n"
                "transfer-encoding: chunked\r\n\r\n".encode()
                + b"%x\r\n%s\r\n0\r\nx-trailer: 1\r\nauthorization: Bearer other\r\n\r\n" % (len(body), body)
            )
            sock.settimeout(5)
            answer = sock.recv(65536)
            sock.close()
    finally:
        up.close()
    assert answer.startswith(b"HTTP/1.1 200"), answer[:200]


def test_an_unread_body_must_arrive_soon_after_the_answer(tmp_path):
    """Old code: the connection stayed open as long as a byte of the body came every few seconds
    (each restarted the keep-alive timer); no key needed."""
    s = settings(tmp_path, "http://127.0.0.1:9", models=["fake"], header_timeout_s=0.5)
    with guard_running(s) as (url, _):
        sock = socket.create_connection(("127.0.0.1", _port(url)))
        sock.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-length: 1000000000\r\n\r\n")
        sock.settimeout(5)
        assert sock.recv(65536).startswith(b"HTTP/1.1 401")
        closed = False
        t0 = time.monotonic()
        while time.monotonic() - t0 < 3:
            try:
                sock.sendall(b"x")  # a byte every 0.2 s: the keep-alive timer (5 s) never fires
            except OSError:
                closed = True
                break
            if _closed_within(sock, 0.2):
                closed = True
                break
        sock.close()
    assert closed and time.monotonic() - t0 < 2.5


class JsonUpstream(RawUpstream):
    """Answers every chat request with one JSON body (usage 11 + 3000, a log-prob of
    -0.123456789), streams included: a server that does not stream, or reads `stream` otherwise."""

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return self._json(writer, 200, {"object": "list", "data": [{"id": "fake"}]})
        top = {"token": "a", "logprob": -0.123456789}
        choice = {
            "index": 0,
            "message": {"role": "assistant", "content": "an answer"},
            "logprobs": {"content": [{**top, "top_logprobs": [top] * 5}]},
            "finish_reason": "stop",
        }
        usage = {"prompt_tokens": 11, "completion_tokens": 3000, "total_tokens": 3011}
        self._json(writer, 200, {"id": "x", "object": "chat.completion", "choices": [choice], "usage": usage})


@pytest.fixture
def json_guard(tmp_path):
    up = JsonUpstream()
    s = settings(tmp_path, up.url)
    try:
        with guard_running(s) as (url, guard):
            kid, secret = (lambda k: (k[0].id, k[1]))(guard.keys.create("k", rpm=1000, tpm=10**7))
            yield url, secret, guard, kid, up, s.db
    finally:
        up.close()


def test_a_json_answer_to_a_stream_request_is_charged_and_treated(json_guard):
    """Old code: relayed line by line as a stream: 0 completion tokens charged (3,000 served), the
    suspect key's log-probs unrounded, its reply not reported to the detector."""
    url, secret, guard, kid, _, db = json_guard
    guard.keys.set_override(kid, "suspect")  # default policy: top-2, rounded to 1 decimal
    body = {
        "model": "fake",
        "messages": [{"role": "user", "content": "hi"}],
        "stream": True,
        "max_tokens": 3000,
        "logprobs": True,
        "top_logprobs": 5,
    }
    r = httpx.post(
        f"{url}/v1/chat/completions", json=body, headers={"authorization": f"Bearer {secret}"}, timeout=20
    )
    assert r.status_code == 200
    tok = r.json()["choices"][0]["logprobs"]["content"][0]
    assert tok["logprob"] == -0.1 and len(tok["top_logprobs"]) == 2
    observed(guard)
    deadline = time.monotonic() + 10
    while not (rows := audit_rows(db)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (rows[-1]["prompt_tokens"], rows[-1]["completion_tokens"]) == (11, 3000)


CASE_CLASHES = [
    # the guard reads the first, a Go upstream the second: a decoy audited, the real item answered
    '{"model":"fake","messages":[{"role":"user","content":"decoy"}],"Messages":[{"role":"user","content":"item"}]}',
    # a stream to the guard, one JSON body from the upstream
    '{"model":"fake","messages":[{"role":"user","content":"hi"}],"stream":true,"Stream":false}',
    # a length the guard never bounds (Go's fold: U+017F is s, U+212A is k)
    '{"model":"fake","messages":[{"role":"user","content":"hi"}],"max_tokens":16,"Max_Tokens":100000}',
    '{"model":"fake","messages":[{"role":"user","content":"hi"}],"\u017ftream":true}',
    '{"model":"fake","messages":[{"role":"user","content":"hi"}],"max_to\u212aens":100000}',
    # log-probs the detector would not see asked for
    '{"model":"fake","messages":[{"role":"user","content":"hi"}],"Logprobs":true,"TOP_LOGPROBS":20}',
    # a message's and a part's own fields
    '{"model":"fake","messages":[{"role":"user","content":"decoy","Content":"item"}]}',
    '{"model":"fake","messages":[{"role":"user","content":[{"type":"text","text":"decoy","Text":"item"}]}]}',
    '{"model":"fake","messages":[{"role":"user","content":"hi"}],"stream":true,'
    '"stream_options":{"include_usage":true,"Include_Usage":false}}',
    # two unknown fields the guard reads as text, one of them read by the upstream
    '{"model":"fake","messages":[{"role":"user","content":"hi"}],"foo_bar":"a","Foo_Bar":"b"}',
]


@pytest.mark.parametrize("raw", CASE_CLASHES)
def test_keys_that_differ_only_by_case_are_refused(json_guard, raw):
    """Old code: forwarded as sent (200), the upstream reading fields the guard did not."""
    url, secret, _, _, up, _ = json_guard
    r = httpx.post(
        f"{url}/v1/chat/completions",
        content=raw.encode(),
        headers={"authorization": f"Bearer {secret}", "content-type": "application/json"},
        timeout=20,
    )
    assert r.status_code == 400 and "differ only by case" in r.json()["error"]["message"], r.text
    assert not [b for b in up.bodies if b]


def test_case_is_free_where_no_two_keys_clash(json_guard):
    """A capitalised extension field, and property names in a tool's schema, are not refused."""
    url, secret, _, _, _, _ = json_guard
    tool = {
        "type": "function",
        "function": {
            "name": "f",
            "parameters": {"type": "object", "properties": {"firstName": {}, "FirstName": {}, "Stream": {}}},
        },
    }
    body = {"model": "fake", "messages": [{"role": "user", "content": "hi"}], "X_Custom": 1, "tools": [tool]}
    r = httpx.post(
        f"{url}/v1/chat/completions", json=body, headers={"authorization": f"Bearer {secret}"}, timeout=20
    )
    assert r.status_code == 200, r.text


class ValidatingUpstream(RawUpstream):
    """vLLM-like: `ignore_eos` must be a bool, and the error quotes the input as pydantic does;
    a stream reports usage (5,000 prompt tokens) only when asked. `bodies` records each request."""

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return self._json(writer, 200, {"object": "list", "data": [{"id": "fake"}]})
        if "ignore_eos" in body and not isinstance(body["ignore_eos"], bool):
            message = f"ignore_eos: Input should be a valid boolean [input_value={body['ignore_eos']!r}]"
            return self._json(writer, 400, {"error": {"message": message, "type": "BadRequestError"}})
        events = [{"choices": [{"index": 0, "delta": {"content": "x"}}]}] * 3
        if (body.get("stream_options") or {}).get("include_usage"):
            usage = {"prompt_tokens": 5000, "completion_tokens": 3, "total_tokens": 5003}
            events = [*events, {"choices": [], "usage": usage}]
        payload = b"".join(b"data: " + json.dumps(e).encode() + b"\n\n" for e in events) + b"data: [DONE]\n\n"
        head_out = b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-length: %d\r\n\r\n"
        writer.write(head_out % len(payload) + payload)


def test_client_text_quoted_in_an_error_does_not_turn_stream_usage_off(tmp_path):
    """Old code: `stream\\u005foptions` did not spell the name in the raw bytes, the upstream's
    error quoted it decoded, and every later stream of every key went without usage (a 5,000-token
    prompt charged 30 by estimate)."""
    up = ValidatingUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            h = {"authorization": f"Bearer {guard.keys.create('k', rpm=1000, tpm=10**7)[1]}"}
            raw = (
                b'{"model":"fake","messages":[{"role":"user","content":"hi"}],"stream":true,'
                b'"ignore_eos":"stream\\u005foptions"}'
            )
            r = httpx.post(f"{url}/v1/chat/completions", content=raw, headers=h, timeout=10)
            assert r.status_code == 400
            victim = {"model": "fake", "messages": [{"role": "user", "content": "hi"}], "stream": True}
            assert (
                httpx.post(f"{url}/v1/chat/completions", json=victim, headers=h, timeout=10).status_code
                == 200
            )
            assert up.bodies[-1].get("stream_options") == {"include_usage": True}
            assert not guard.upstream.refuses_stream_options
    finally:
        up.close()

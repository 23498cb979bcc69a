"""Round 10 of the guard's red team (HTTP framing, connection lifetimes, parser differentials,
samplers that read out withheld probabilities), against a live guard on 127.0.0.1 (or its HTTP
protocol on a real socket); each finding's test fails on the code before its fix (checked), and
the tests marked as such check that the fix keeps ordinary traffic working:

- pipelined requests: every request head in one read (256 KB) became a queued request cycle; 8
  connections without a key, 2 MB sent, grew the guard by ~155 MB (~75x what was sent);
- an answer the client never reads, on a connection that is closing (`connection: close`, or the
  5 s keep-alive timer, which with the default 30 s write timeout always fires first), was kept
  in memory with its socket for as long as the client kept the socket open: the write timeout
  skipped closing connections, and never started for less than 64 KB left unsent;
- JSON bodies with an exact duplicate key: Go's encoding/json (Ollama) decodes a repeated key
  into what the first one filled, so a message that repeats `messages` without `content` keeps
  the first one's content there, while the guard (last value wins) audited and observed none;
- llama.cpp's XTC sampler (`xtc_probability: 1`, `xtc_threshold: t`, greedy) answers the least
  likely token above `t`: a binary search on `t` reads each top token's probability to any
  precision, and `repetition_penalty` / `repeat_penalty` / DRY steer chosen tokens' logits like
  `logit_bias`: all went through to a key whose log-probs the policy withholds or rounds;
- the detector read `n` and `max_tokens` only: llama.cpp's `n_cmpl: 8, n_predict: 4096` (and
  vLLM's `max_completion_tokens` beside a smaller `max_tokens`) read as one short answer;
- the messages' fields outside their content were walked in Python up to 4,096 values each with
  no bound on their total: one 1 MB body cost ~120 ms of the event loop every client shares.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import socket
import time

import httpx
import pytest

from guard_support import (
    RawUpstream,
    guard_process,
    guard_running,
    observed,
    rss_mb,
    settings,
    suspect_and_ok,
)


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


# --- pipelining ---


def test_pipelined_requests_cost_the_guard_a_bounded_amount_of_memory(tmp_path):
    """Old code: uvicorn parsed every head of a read into a queued request (~2.5 KB each): 8
    connections each sending 256 KB of pipelined `GET /health` and reading nothing grew the guard
    by ~155 MB, held until the write timeout; no key needed. Now a connection with more than
    `max_pipelined` requests waiting is closed."""
    with guard_process(tmp_path, "http://127.0.0.1:9", models=["fake"]) as (url, proc, _):
        port = _port(url)
        httpx.get(f"{url}/health", timeout=30)
        base = rss_mb(proc.pid)
        head = b"GET /health HTTP/1.1\r\nhost: x\r\n\r\n"
        socks = []
        for _ in range(8):
            sock = socket.socket()
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.connect(("127.0.0.1", port))
            sock.settimeout(5)
            with contextlib.suppress(OSError):  # closed by the guard mid-send: what the fix does
                sock.sendall(head * (256 * 1024 // len(head)))
            socks.append(sock)
        time.sleep(2)
        grown = rss_mb(proc.pid) - base
        for sock in socks:
            sock.close()
    assert grown < 40, f"guard RSS grew {grown:.0f} MB for 2 MB of pipelined requests"


def test_a_few_pipelined_requests_are_still_answered_in_order(tmp_path):
    """Ordinary traffic (passes on the old code too): pipelining within the bound still works."""
    with guard_running(settings(tmp_path, "http://127.0.0.1:9", models=["fake"])) as (url, _):
        sock = socket.create_connection(("127.0.0.1", _port(url)))
        sock.sendall(
            b"GET /health HTTP/1.1\r\nhost: x\r\n\r\n" * 4 + b"GET /nope HTTP/1.1\r\nhost: x\r\n\r\n"
        )
        sock.settimeout(5)
        got = b""
        while got.count(b"HTTP/1.1 ") < 5:
            data = sock.recv(65536)
            if not data:
                break
            got += data
        sock.close()
    assert re.findall(rb"HTTP/1\.1 (\d{3})", got) == [b"200"] * 4 + [b"404"]


# --- answers nobody reads, on connections that are closing ---


class BigUpstream(RawUpstream):
    """Answers every chat request with one ~20 MB JSON body (usage 5 + 2): more than the kernel
    buffers of a loopback connection hold (4 MB send buffer at most by default)."""

    SIZE = 20_000_000

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return self._json(writer, 200, {"object": "list", "data": [{"id": "fake"}]})
        choice = {
            "index": 0,
            "message": {"role": "assistant", "content": "x" * self.SIZE},
            "finish_reason": "stop",
        }
        usage = {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7}
        self._json(writer, 200, {"id": "x", "object": "chat.completion", "choices": [choice], "usage": usage})


def _read_all(sock: socket.socket, timeout_s: float) -> int:
    sock.settimeout(timeout_s)
    got = 0
    try:
        while data := sock.recv(1 << 20):
            got += len(data)
    except OSError:
        pass
    return got


@pytest.mark.parametrize(("connection", "write_timeout_s"), [("close", 1.0), ("keep-alive", 6.0)])
def test_an_unread_answer_is_dropped_when_its_connection_is_closing_too(
    tmp_path, connection, write_timeout_s
):
    """Old code: the write timeout returned early on a closing connection, so an unread answer and
    its socket stayed for as long as the client kept the socket open (here: the whole 20 MB was
    still there to read long after the timeout). Keep-alive: the guard's keep-alive timer (5 s)
    closes the connection before a write timeout above 5 s (the default is 30 s) fires."""
    up = BigUpstream()
    try:
        s = settings(tmp_path, up.url, models=["fake"], client_write_timeout_s=write_timeout_s)
        with guard_running(s) as (url, guard):
            secret = guard.keys.create("k", rpm=1000, tpm=10**9)[1]
            body = json.dumps({"model": "fake", "messages": [{"role": "user", "content": "hi"}]}).encode()
            sock = socket.socket()
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.connect(("127.0.0.1", _port(url)))
            sock.sendall(
                f"POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer {secret}\r\n"
                f"connection: {connection}\r\ncontent-length: {len(body)}\r\n\r\n".encode()
                + body
            )
            time.sleep(write_timeout_s + 3)  # the client reads nothing all that time
            got = _read_all(sock, 3)
            sock.close()
    finally:
        up.close()
    assert got < BigUpstream.SIZE, f"the whole answer ({got} bytes) was still held for the client"


def test_a_few_bytes_left_unsent_on_a_closed_connection_are_timed_too():
    """The guard's HTTP protocol on a real socket whose client reads nothing: a 40 KB answer with
    `connection: close`, of which ~30 KB stay in the guard's buffer. Old code: the write timeout
    started only past 64 KB buffered (asyncio's pause mark), so the socket and the rest of the
    answer stayed until the client closed. The same happens to a stream cut at its deadline while
    its buffer is under 64 KB."""
    asyncio.run(_few_bytes_left_unsent())


async def _few_bytes_left_unsent() -> None:
    import uvicorn
    from uvicorn.server import ServerState

    from stillroom.guard.server import protocol_for
    from stillroom.guard.settings import GuardSettings

    answer = b"y" * 40_000

    async def app(scope, receive, send):
        if scope["type"] != "http":
            return
        headers = [(b"content-length", str(len(answer)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": answer})

    config = uvicorn.Config(
        app,
        http=protocol_for(GuardSettings(env="dev", client_write_timeout_s=0.5)),
        log_level="warning",
        lifespan="off",
    )
    config.load()
    server_sock, client = socket.socketpair()
    server_sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)  # small kernel buffers, so
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)  # most of the answer stays with the guard
    server_sock.setblocking(False)
    loop = asyncio.get_running_loop()
    proto = config.http_protocol_class(config=config, server_state=ServerState(), app_state={})  # type: ignore[call-arg]
    transport, _ = await loop.connect_accepted_socket(lambda: proto, sock=server_sock)
    client.sendall(b"GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
    for _ in range(20):
        await asyncio.sleep(0.05)
        if transport.is_closing():
            break
    assert transport.is_closing() and 0 < transport.get_write_buffer_size() < 64 * 1024
    await asyncio.sleep(2.0)  # four write timeouts without the client reading a byte
    cut = transport.get_write_buffer_size() == 0
    transport.abort()
    client.close()
    assert cut, "the closing connection still held its unsent bytes"


# --- duplicate keys ---

DUPLICATES = {
    # Go decodes the second `messages` into the first's elements: its message keeps the first's
    # content ("item") beside the second's name; the guard read a message with no content
    "go-merge": '{"model":"fake","max_tokens":5,"messages":[{"role":"user","content":"item"}],'
    '"messages":[{"role":"user","name":"decoy"}]}',
    # a parser that keeps the first value reads "item"
    "message": '{"model":"fake","max_tokens":5,"messages":[{"role":"user","content":"item","content":"decoy"}]}',
    "part": '{"model":"fake","max_tokens":5,"messages":[{"role":"user","content":[{"type":"text","text":"item",'
    '"text":"decoy"}]}]}',
    "stream": '{"model":"fake","max_tokens":5,"messages":[{"role":"user","content":"hi"}],"stream":false,'
    '"stream":true}',
    # the same key spelled with an escape
    "escaped": '{"model":"fake","messages":[{"role":"user","content":"hi"}],"max_tokens":5,"max_tok\\u0065ns":4000}',
    # a body only json.loads reads (a lone surrogate)
    "json.loads": '{"model":"fake","max_tokens":5,"messages":[{"role":"user","content":"\\ud800 item"}],'
    '"messages":[{"role":"user","name":"decoy"}]}',
    # a tool's schema: rendered by the chat template the upstream applies
    "tool": '{"model":"fake","max_tokens":5,"messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function",'
    '"function":{"name":"f","description":"item","description":"decoy"}}]}',
}


@pytest.mark.parametrize("raw", DUPLICATES.values(), ids=DUPLICATES.keys())
def test_a_body_that_repeats_a_key_is_refused(tmp_path, raw):
    """Old code: forwarded as sent (200): an upstream that reads the first value, or merges the
    two as Go does, answered text the guard never audited nor showed the detector."""
    up = RawUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            secret = guard.keys.create("k", rpm=1000, tpm=10**7)[1]
            r = httpx.post(
                f"{url}/v1/chat/completions",
                content=raw.encode(),
                headers={"authorization": f"Bearer {secret}", "content-type": "application/json"},
                timeout=20,
            )
    finally:
        up.close()
    assert r.status_code == 400 and "repeats the key" in r.json()["error"]["message"], r.text
    assert not [b for b in up.bodies if b]


def test_the_same_key_in_different_objects_is_not_a_duplicate():
    """Ordinary traffic (passes on the old code too)."""
    from guard_support import offline_settings
    from stillroom.guard.pipeline import parse_body

    raw = json.dumps(
        {
            "model": "m",
            "messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}],
            "metadata": {"role": "x", "content": "y"},
        }
    ).encode()
    body, _ = parse_body(raw, "chat", offline_settings())
    assert body["messages"][1] == {"role": "assistant", "content": "b"}


# --- samplers that read out what the policy withholds ---

PROBABILITY_READERS = {
    "xtc_probability": 1.0,  # llama.cpp: drop the tokens above the threshold but the least likely
    "xtc_threshold": 0.173,
    "repetition_penalty": 1e-6,  # vLLM: divides the logits of the prompt's tokens by 1e-6
    "repeat_penalty": 1e-6,  # llama.cpp's name for it
    "dry_multiplier": 50.0,  # llama.cpp: an additive penalty on a continuation the prompt sets up
    "dry_base": 8.0,
}


def test_samplers_that_read_out_probabilities_go_with_any_logprob_treatment(tmp_path):
    """Old code: forwarded to a `suspect` key (top-2 log-probs rounded to 0.1): with greedy
    decoding, XTC answers the least likely token above `xtc_threshold`, so 20 requests of a binary
    search on the threshold read a top token's probability to 1e-6; the penalties scale or shift
    logits of tokens the client chose, `logit_bias` by another name. A key in good standing keeps
    them."""
    up = RawUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            s_secret, ok_secret = suspect_and_ok(guard)
            body = {
                "model": "fake",
                "messages": [{"role": "user", "content": "The capital of France is"}],
                "max_tokens": 1,
                "temperature": 0,
                **PROBABILITY_READERS,
            }
            for secret in (s_secret, ok_secret):
                r = httpx.post(
                    f"{url}/v1/chat/completions",
                    json=body,
                    headers={"authorization": f"Bearer {secret}"},
                    timeout=20,
                )
                assert r.status_code == 200, r.text
    finally:
        up.close()
    to_suspect, to_ok = up.bodies[-2:]
    assert not set(PROBABILITY_READERS) & set(to_suspect), to_suspect
    assert set(PROBABILITY_READERS) <= set(to_ok)


# --- the answer count and length as the upstream reads them ---


def test_the_detector_sees_answer_counts_and_lengths_under_any_servers_name(tmp_path):
    """llama.cpp answers `n_cmpl` times per prompt (like `n`) and reads `n_predict` before
    `max_tokens`; vLLM reads `max_completion_tokens` before `max_tokens`. Old code: the detector's
    event had neither, so 8 answers of 4,096 tokens a prompt read as one answer of no stated
    length, and a 4,096-token answer as a 16-token one (its many-samples and maximal-length
    harvest terms saw nothing)."""
    up = RawUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            secret = guard.keys.create("k", rpm=1000, tpm=10**8)[1]
            asks = (
                {"n_cmpl": 8, "n_predict": 4096},
                {"max_tokens": 16, "max_completion_tokens": 4096},  # vLLM reads the second
                {"n": 2, "max_tokens": 64, "n_predict": 16},
            )
            for extra in asks:
                body = {"model": "fake", "messages": [{"role": "user", "content": "hi"}], **extra}
                r = httpx.post(
                    f"{url}/v1/chat/completions",
                    json=body,
                    headers={"authorization": f"Bearer {secret}"},
                    timeout=20,
                )
                assert r.status_code == 200, r.text
            observed(guard)
            seen = [(e.params.get("n"), e.params.get("max_tokens")) for e in guard.detector.events[-3:]]
    finally:
        up.close()
    assert seen == [(8, 4096), (None, 4096), (2, 64)]  # the client's own, where they are the largest


# --- text outside the message contents, in total ---


def _extras_body(messages: int, values: int) -> bytes:
    msgs = [{"role": "user", "content": "x", "meta": ["a"] * values} for _ in range(messages)]
    return json.dumps({"model": "m", "messages": msgs}, separators=(",", ":")).encode()


def test_the_fields_outside_message_contents_are_bounded_in_total():
    """Each message's fields outside its content were walked in Python (the completeness check,
    then the token estimate) up to 4,096 JSON values per message, with no bound on their total:
    2,048 messages of 120 values each, a 1 MB body within every other bound, cost ~120 ms of the
    event loop before the key's limits saw it (every other client waited; the known cost of
    parsing such a body is ~7 ms). Old code: accepted."""
    from guard_support import offline_settings
    from stillroom.contracts.openai import ApiError
    from stillroom.guard.pipeline import parse_body

    raw = _extras_body(2048, 120)
    assert len(raw) < 1_100_000
    costs, parses = [], []
    for _ in range(3):
        t0 = time.thread_time()
        json.loads(raw)
        parses.append(time.thread_time() - t0)
        t0 = time.thread_time()
        with pytest.raises(ApiError) as e:
            parse_body(raw, "chat", offline_settings(max_body_bytes=2_000_000))
        costs.append(time.thread_time() - t0)
    assert e.value.status == 400 and e.value.param == "messages"
    # against the cost of parsing the body on the same machine, not a fixed 40 ms: a fresh-clone CI
    # run measured 40.6 ms on a slow day (24 ms and 3-4x the parse here); the old code is ~17x
    assert min(costs) < 8 * min(parses), (costs, parses)


def test_a_long_agent_history_is_not_refused():
    """Ordinary traffic (passes on the old code too): 1,000 tool calls are ~7,000 values."""
    from guard_support import request_context

    call = {"id": "call_0123456789abcdef01234567", "type": "function"}
    call["function"] = {"name": "read_file", "arguments": '{"path": "src/app.py"}'}
    history = [{"role": "user", "content": "Fix the failing test."}]
    for _ in range(1000):
        history.append({"role": "assistant", "content": None, "tool_calls": [call]})
        history.append({"role": "tool", "tool_call_id": call["id"], "content": "def main(): ..."})
    ctx = request_context("chat", {"model": "m", "messages": history})
    assert "def main(): ..." in ctx.prompt

"""Round 16 of the guard's red team (what an upstream's error quotes back, a reply the client wrote
itself, bans that read past a log-prob cap, numbers past a float's range), against a live guard on
127.0.0.1 in front of scripted upstreams. Each finding's test fails on the code before this round
(checked by running this file against it); the tests marked as such check that the fix keeps
ordinary traffic working:

- vLLM's and SGLang's validation errors quote the whole request (`str(exc.errors())`, each
  error's `input`), the `stream_options` the guard adds to every stream included: one stream with
  `top_logprobs` and no `logprobs` made the guard conclude that the upstream refuses the field,
  and every later stream of every key went without usage, its prompt charged by estimate (a
  5,000-token prompt charged 5 tokens). The guard now learns it only when the request is answered
  once sent without the field;
- vLLM's chat `echo` opens the reply with the request's final message: a replayer sent each pool
  answer as a final assistant turn with `echo` and one token, the guard reported that text as
  served to the key, and the replayed histories read as the key's own (10 of 10 foreign histories
  became 0 of 10). Nothing is reported for a request with `echo`;
- vLLM's and SGLang's `min_tokens` bans the request's `stop_token_ids` until that many tokens are
  out: banning the top two tokens made a greedy one-token answer the third, its log-prob returned
  past a `suspect` key's top-2 cap (every rank read, one request each). It goes with any log-prob
  treatment, as `bad_words` does, and so does beam search's `length_penalty`;
- `presence_penalty` of 400 digits overflowed a float (a 500 and a traceback per request), and
  `n` or `max_tokens` of 4,300 digits beside `logprobs` a product the guard could not print (a
  500), or came back whole in the 400's message.
"""

from __future__ import annotations

import json

import httpx
import pytest

from guard_support import (
    ConstantDetector,
    RawUpstream,
    audit_rows,
    guard_running,
    models_list,
    observed,
    settings,
    sse_answer,
)


def _post(url: str, secret: str, body: dict | bytes, path: str = "/v1/chat/completions") -> httpx.Response:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"authorization": f"Bearer {secret}"}
    return httpx.post(f"{url}{path}", content=content, headers=headers, timeout=20)


# --- the whole request quoted in an upstream's validation error ---


class QuotingUpstream(RawUpstream):
    """vLLM-like: a check on the whole request (`top_logprobs` needs `logprobs`) fails the way
    pydantic reports it, and vLLM's handler appends `str(exc.errors())`, whose `input` is the whole
    request; a stream reports usage (5,000 prompt tokens) only when asked."""

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        if body.get("top_logprobs") and not body.get("logprobs"):
            msg = "Value error, when using `top_logprobs`, `logprobs` must be set to true."
            errors = [{"type": "value_error", "loc": ("body",), "msg": msg, "input": body}]
            message = f"1 validation error:\n  {msg} {errors}"
            return self._json(writer, 400, {"error": {"message": message, "type": "BadRequestError"}})
        events = [{"choices": [{"index": 0, "delta": {"content": "x"}}]}] * 3
        if (body.get("stream_options") or {}).get("include_usage"):
            events.append({"choices": [], "usage": {"prompt_tokens": 5000, "completion_tokens": 3}})
        sse_answer(writer, events)


def test_the_whole_request_quoted_in_an_error_does_not_turn_stream_usage_off(tmp_path):
    """Old code: the 400 named `stream_options` (the guard's own, quoted in the request), so every
    later stream of every key was sent without it and charged its prompt by estimate: the victim's
    5,000-token prompt cost 5 tokens."""
    up = QuotingUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            attacker = guard.keys.create("a", rpm=1000, tpm=10**7)[1]
            victim = guard.keys.create("v", rpm=1000, tpm=10**7)[1]
            chat = {"model": "fake", "messages": [{"role": "user", "content": "hi"}], "stream": True}
            assert _post(url, attacker, {**chat, "top_logprobs": 2}).status_code == 400
            r = _post(url, victim, chat)
            assert r.status_code == 200 and "usage" not in r.text  # the client did not ask for it
            assert up.bodies[-1].get("stream_options") == {"include_usage": True}
            assert not guard.upstream.refuses_stream_options
    finally:
        up.close()
    assert audit_rows(f"sqlite:///{tmp_path}/guard.db")[-1]["prompt_tokens"] == 5000


# --- a reply that opens with the client's own text ---


class EchoUpstream(RawUpstream):
    """vLLM's chat `echo`: with a final assistant message, the reply opens with its content."""

    ANSWER = "A reply the model wrote now, long enough for the history to judge it by its head."

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        last = body["messages"][-1]
        echoed = body.get("echo") and last["role"] == "assistant"
        text = last["content"] + " And more." if echoed else self.ANSWER
        usage = {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7}
        if body.get("stream"):
            delta = [{"index": 0, "delta": {"content": text}, "finish_reason": "length"}]
            return sse_answer(writer, [{"choices": delta}, {"choices": [], "usage": usage}])
        choice = {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "length"}
        self._json(writer, 200, {"id": "x", "object": "chat.completion", "choices": [choice], "usage": usage})


def _replay(url: str, secret: str, conversations: int, launder: bool, stream: bool = False) -> None:
    """A replayer harvesting a pool of conversations turn by turn: it asks each first question, then
    sends the second with the pool's answer to the first in the history; `launder` first sends that
    answer as a final assistant turn with `echo` and one token, so that it comes back as served."""
    for i in range(conversations):
        q1 = {"role": "user", "content": f"Conversation {i}: how do I keep basil alive in winter?"}
        a1 = {"role": "assistant", "content": f"Pool answer {i}: six hours of light a day. " * 8}
        q2 = {"role": "user", "content": f"Conversation {i}: and mint?"}
        asks = [[q1], [q1, a1, q2]]
        if launder:
            asks.insert(1, [q1, a1])
        for messages in asks:
            body = {"model": "fake", "messages": messages, "max_tokens": 64}
            if messages[-1] is a1:
                body |= {"max_tokens": 1, "echo": True, "stream": stream}
            r = _post(url, secret, body)
            assert r.status_code == 200, r.text


def test_a_replayed_history_laundered_through_echo_still_reads_foreign(tmp_path):
    """Old code: the echoed pool answers were reported as served, and the replayed histories read
    as the key's own: 10 of 10 foreign without the echo requests, 0 of 10 with them."""
    up = EchoUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"]), detector=None) as (url, guard):
            key, secret = guard.keys.create("replayer", rpm=10_000, tpm=10**8)
            _replay(url, secret, 10, launder=True)
            observed(guard)
            features = guard.assessments[key.id].features
    finally:
        up.close()
    assert features["hist_n"] == features["foreign_n"] == 10, features


class ServedDetector(ConstantDetector):
    def __init__(self) -> None:
        super().__init__()
        self.replies: list[tuple[str, list[str]]] = []

    def served(self, key_id: str, prompt: str, texts: list[str]) -> None:
        self.replies.append((prompt, texts))


@pytest.mark.parametrize("stream", [False, True], ids=["json", "stream"])
def test_an_echoed_reply_is_not_reported_as_served(tmp_path, stream):
    """Old code: the client's own text came back as served, in JSON answers and streams. A plain
    chat turn is still reported (ordinary traffic)."""
    up = EchoUpstream()
    detector = ServedDetector()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"]), detector=detector) as (url, guard):
            secret = guard.keys.create("k", rpm=1000, tpm=10**7)[1]
            _replay(url, secret, 1, launder=True, stream=stream)
            observed(guard)
    finally:
        up.close()
    texts = [t for _, served in detector.replies for t in served]
    assert texts and all(t == EchoUpstream.ANSWER for t in texts), texts


# --- bans that read past a log-prob cap ---


class BanningUpstream(RawUpstream):
    """vLLM's greedy one-token answer with log-probs: `min_tokens` bans the request's
    `stop_token_ids` (1 is A, 2 is B, ...) until that many tokens are out; the log-probs are the
    model's raw ones (vLLM's default), the chosen token's beside the top `top_logprobs`."""

    LOGPROBS = {"A": -0.21, "B": -1.93, "C": -3.14, "D": -4.47}

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        tokens = list(self.LOGPROBS)
        banned = {tokens[i - 1] for i in body.get("stop_token_ids", [])} if body.get("min_tokens") else set()
        token = next(t for t in tokens if t not in banned)
        tops = [{"token": t, "logprob": self.LOGPROBS[t]} for t in tokens[: body.get("top_logprobs") or 0]]
        entry = {"token": token, "logprob": self.LOGPROBS[token], "top_logprobs": tops}
        message = {"role": "assistant", "content": token}
        choice = {"index": 0, "message": message, "logprobs": {"content": [entry]}, "finish_reason": "length"}
        self._json(writer, 200, {"id": "x", "object": "chat.completion", "choices": [choice]})


def test_banned_stop_tokens_read_no_log_prob_past_the_cap(tmp_path):
    """Old code: `min_tokens` and `stop_token_ids` reached a `suspect` key's upstream (top-2
    log-probs rounded to 0.1), and banning the leaders read the third and fourth tokens' log-probs
    too, one request each. A key in good standing keeps both fields (ordinary traffic)."""
    up = BanningUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            key, secret = guard.keys.create("suspect", rpm=1000, tpm=10**7)
            guard.keys.set_override(key.id, "suspect")
            ok = guard.keys.create("ok", rpm=1000, tpm=10**7)[1]
            seen: dict[str, float] = {}
            for banned in ([], [1], [1, 2], [1, 2, 3]):
                body = {
                    "model": "fake",
                    "messages": [{"role": "user", "content": "The capital of France is"}],
                    "max_tokens": 1,
                    "temperature": 0,
                    "logprobs": True,
                    "top_logprobs": 2,
                    "min_tokens": 1,
                    "stop_token_ids": banned,
                    "use_beam_search": False,
                    "length_penalty": 0.731,
                }
                r = _post(url, secret, body)
                assert r.status_code == 200, r.text
                for entry in r.json()["choices"][0]["logprobs"]["content"]:
                    seen |= {t["token"]: t["logprob"] for t in [entry, *entry["top_logprobs"]]}
            assert _post(url, ok, body).status_code == 200
    finally:
        up.close()
    assert set(seen) == {"A", "B"}, seen
    to_suspect, to_ok = up.bodies[-2:]
    assert "min_tokens" not in to_suspect and "length_penalty" not in to_suspect
    assert (to_ok["min_tokens"], to_ok["stop_token_ids"], to_ok["length_penalty"]) == (1, [1, 2, 3], 0.731)


# --- numbers past a float's range ---

_HI = '{"model":"fake","messages":[{"role":"user","content":"hi"}]'


@pytest.mark.parametrize(
    ("path", "raw"),
    [
        ("/v1/chat/completions", _HI + ',"presence_penalty":' + "7" * 400 + "}"),
        ("/v1/chat/completions", _HI + ',"logprobs":true,"top_logprobs":20,"max_tokens":' + "7" * 4300 + "}"),
        ("/v1/completions", '{"model":"fake","prompt":"hi","logprobs":5,"n":' + "7" * 4300 + "}"),
        ("/v1/chat/completions", _HI + ',"n":' + "7" * 4300 + "}"),
    ],
    ids=["penalty", "max_tokens-with-logprobs", "completions-n", "n"],
)
def test_an_integer_past_a_floats_range_is_a_short_400(tmp_path, path, raw):
    """Old code: a 500 and a traceback in the log for the first three (OverflowError, then an
    integer of more digits than Python prints), and the 4,300 digits quoted back in the last."""
    up = RawUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            r = _post(url, guard.keys.create("k", rpm=1000, tpm=10**7)[1], raw.encode(), path)
    finally:
        up.close()
    assert r.status_code == 400, r.text
    assert len(r.json()["error"]["message"]) < 300
    assert up.stats["requests"] == 0

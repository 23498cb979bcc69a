"""Round 12 of the guard's red team (fields that name the serving infrastructure's state, client
chat templates, answers larger than the guard holds, prompt sizes read low), against a live guard on
127.0.0.1 in front of a scripted upstream; each finding's test fails on the code before its fix
(checked by reverting that fix alone), and the tests marked as such check that the fix keeps
ordinary traffic working:

- vLLM's `request_id` and SGLang's `rid` (the server's own name for a request: in-flight requests,
  aborts and results are keyed by it, so a client's copy of another tenant's id collides with it)
  and vLLM's `cache_salt` (whose prefix cache a prompt shares) went to the upstream from any key;
  `upstream_cache_salt` now writes each key's own salt, so no key reads another's prompts through
  prefix-cache timing;
- a client's `chat_template` (or one inside `chat_template_kwargs`, which vLLM before 0.11 let
  override the server's) went to the upstream: a template is a program over the request, and
  `{{ messages[0].content }}` shows the model a system message alone while the guard audits the
  user turn;
- an upstream stream line with no end was held whole however long (old code, measured with
  `stillroom guard` as its own process: a 256 MB line grew its RSS by 1.27 GB; now by 59 MB (held up to
  `max_answer_bytes`, 64 MiB by default), and a JSON answer too;
- a stream request past `max_logprob_entries`, to an upstream that answers streams with one JSON
  body, was generated whole and closed unread (a 502) for a charge of its prompt alone (~10 tokens
  for 8 x 4,096 generated), again on every try;
- a prompt's tokens for the log-prob entry limit were its characters / 4: 40,000 digits (one
  token each on Qwen's tokenizer) with `prompt_logprobs: 5` read as 60,000 entries, under the
  65,536 limit, for 240,000 returned.
"""

from __future__ import annotations

import json
import time

import httpx

from guard_support import RawUpstream, audit_rows, guard_running, settings


def _post(url: str, secret: str, body: dict, endpoint: str = "chat/completions") -> httpx.Response:
    return httpx.post(
        f"{url}/v1/{endpoint}", json=body, headers={"authorization": f"Bearer {secret}"}, timeout=30
    )


def _chat(model: str = "fake", **extra) -> dict:
    return {"model": model, "messages": [{"role": "user", "content": "hello"}], "max_tokens": 8, **extra}


# --- fields that name another tenant's state in the server ---


def test_request_ids_and_cache_salts_are_the_guards_own(tmp_path):
    """Old code: a client's `request_id`, `rid` and `cache_salt` reached the upstream as sent, so a
    key could reuse another tenant's request id or cache salt. Now none does; with
    `upstream_cache_salt` each key's requests carry its own salt (the same on each request, another
    key's differs, a client's own is replaced)."""
    up = RawUpstream()
    (tmp_path / "salted").mkdir()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            _, secret = guard.keys.create("a", rpm=1000, tpm=10**7)
            for body in (
                _chat(request_id="chatcmpl-victim", rid="victim", cache_salt="victims-salt"),
                _chat(stream=True, request_id="victim", cache_salt=None),
            ):
                assert _post(url, secret, body).status_code == 200
            sent = up.bodies[-2:]
        with guard_running(
            settings(tmp_path / "salted", up.url, models=["fake"], upstream_cache_salt=True)
        ) as (
            url,
            guard,
        ):
            secrets = [guard.keys.create(name, rpm=1000, tpm=10**7)[1] for name in ("a", "b")]
            for secret in (*secrets, secrets[0]):
                assert _post(url, secret, _chat(cache_salt="victims-salt")).status_code == 200
            assert _post(url, secrets[0], _chat(stream=True)).status_code == 200
            salts = [b.get("cache_salt") for b in up.bodies[-4:]]
    finally:
        up.close()
    assert not [f for b in sent for f in ("request_id", "rid", "cache_salt") if f in b], sent
    assert salts[0] == salts[2] == salts[3] != salts[1], salts
    assert "victims-salt" not in salts and all(isinstance(s, str) and len(s) == 32 for s in salts)


def test_a_client_chat_template_is_refused(tmp_path):
    """Old code: forwarded, `chat_template` and `chat_template_kwargs.chat_template` alike. Now a
    400 that reaches no upstream; `chat_template_kwargs` without a template (Qwen's
    `enable_thinking`) still goes through (ordinary traffic)."""
    template = "{{ messages[0].content }}"
    up = RawUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            _, secret = guard.keys.create("a", rpm=1000, tpm=10**7)
            refused = [
                _post(url, secret, _chat(chat_template=template)),
                _post(url, secret, _chat(chat_template_kwargs={"chat_template": template})),
            ]
            thinking = _post(url, secret, _chat(chat_template_kwargs={"enable_thinking": False}))
            seen = up.stats["requests"]
    finally:
        up.close()
    assert [r.status_code for r in refused] == [400, 400], [r.text for r in refused]
    assert "chat_template" in refused[0].json()["error"]["message"]
    assert thinking.status_code == 200 and seen == 1  # the model list is not fetched: models=["fake"]


# --- answers larger than the guard holds ---


class LargeUpstream(RawUpstream):
    """`endless`: an SSE stream whose first line never ends (`size` bytes of it); `large`: a JSON
    answer of `size` bytes; `whole`: every request answered with one JSON body, streams too, with
    `usage` of 10 + 32,768 tokens (a server that does not stream)."""

    MODELS = (*RawUpstream.MODELS, "endless", "large", "whole")
    size = 8 * 2**20

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        model = body.get("model")
        if model == "endless":
            writer.write(
                b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-length: %d\r\n\r\n"
                % self.size
            )
            writer.write(b'data: {"choices": [{"index": 0, "delta": {"content": "')
            block = b"x" * 2**16
            for _ in range(self.size // len(block)):
                if writer.transport.is_closing():
                    return
                writer.write(block)
                await writer.drain()
            return
        if model == "large":
            message = {"role": "assistant", "content": "x" * self.size}
            return self._json(writer, 200, {"choices": [{"index": 0, "message": message}]})
        if model == "whole":
            message = {"role": "assistant", "content": "hi"}
            usage = {"prompt_tokens": 10, "completion_tokens": 32_768, "total_tokens": 32_778}
            return self._json(writer, 200, {"choices": [{"index": 0, "message": message}], "usage": usage})
        await super()._answer(head, body, writer)


def test_an_answer_past_max_answer_bytes_is_closed_unread(tmp_path):
    """Old code: an 8 MB stream line with no end was held whole and relayed (at 256 MB, 1.27 GB of
    the guard's memory), and an 8 MB JSON answer read whole. Now, at `max_answer_bytes: 1 MB`, the
    stream ends with an error event and the JSON answer is a 502; an answer within it is relayed
    (ordinary traffic)."""
    up = LargeUpstream()
    try:
        s = settings(tmp_path, up.url, models=list(LargeUpstream.MODELS), max_answer_bytes=2**20)
        with guard_running(s) as (url, guard):
            _, secret = guard.keys.create("a", rpm=1000, tpm=10**8)
            t0 = time.monotonic()
            stream = _post(url, secret, _chat("endless", stream=True))
            took = time.monotonic() - t0
            large = _post(url, secret, _chat("large"))
            up.size = 2**19
            small = _post(url, secret, _chat("large"))
    finally:
        up.close()
    assert stream.status_code == 200 and len(stream.content) < 2**16, len(stream.content)
    assert "upstream stream broke" in stream.text and took < 5, (stream.text[:300], took)
    errors = [row["error"] for row in audit_rows(f"sqlite:///{tmp_path}/guard.db")]
    assert errors[0] == "upstream stream line over 1048576 bytes", errors
    assert large.status_code == 502 and "over 1048576 bytes" in large.json()["error"]["message"]
    assert small.status_code == 200 and len(small.content) > 2**19


def test_an_over_limit_stream_to_an_upstream_that_answers_whole_is_charged_then_refused(tmp_path):
    """Old code: each `n: 8`, 4,096-token, top-20 stream request to an upstream that answers with
    one JSON body was generated whole, closed unread (502) and charged its prompt alone (the
    key's tokens barely moved), on every try. Now the first is charged its reservation, and, the
    upstream known to answer streams whole, later ones are refused (400) before it works on them."""
    up = LargeUpstream()
    try:
        s = settings(tmp_path, up.url, models=list(LargeUpstream.MODELS), default_tpm=10**5)
        with guard_running(s) as (url, guard):
            _, secret = guard.keys.create("a", rpm=1000)
            body = _chat("whole", stream=True, n=8, max_tokens=4096, logprobs=True, top_logprobs=20)
            first = _post(url, secret, body)
            time.sleep(0.2)  # the charge is settled after the response
            left = int(_post(url, secret, _chat("whole")).headers["x-ratelimit-remaining-tokens"])
            second = _post(url, secret, body)
            answered = up.stats["requests"]
    finally:
        up.close()
    assert first.status_code == 502, first.text
    assert left < 10**5 - 30_000, left  # charged ~8 x 4,096 (less ~0.2 s of refill), not ~10 tokens
    assert second.status_code == 400 and "answers streams as one JSON answer" in second.text, second.text
    assert answered == 2  # the first and the plain request: the refused one never reached it


# --- prompt tokens read low ---


def test_prompt_log_prob_entries_count_a_token_per_digit(tmp_path):
    """Old code: 40,000 digits with `prompt_logprobs: 5` read as 10,000 tokens (characters / 4), so
    60,000 entries, and went through; Qwen's tokenizer reads 40,000 tokens, 240,000 entries. Now a
    400; 40,000 characters of English words (~9,000 tokens) still go through (ordinary traffic)."""
    digits = "".join(str(i % 10) for i in range(40_000))
    words = ("the quick brown fox jumps over the lazy dog " * 1000)[:40_000]
    up = RawUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"], max_top_logprobs=20)) as (url, guard):
            _, secret = guard.keys.create("a", rpm=1000, tpm=10**8)
            answers = [
                _post(
                    url, secret, {**_chat(prompt_logprobs=5), "messages": [{"role": "user", "content": text}]}
                )
                for text in (digits, words)
            ]
            echo = {"model": "fake", "prompt": digits, "max_tokens": 0, "echo": True, "logprobs": 5}
            answers.append(_post(url, secret, echo, "completions"))
    finally:
        up.close()
    assert [r.status_code for r in answers] == [400, 200, 400], [r.text[:200] for r in answers]
    assert json.loads(answers[0].text)["error"]["param"] == "top_logprobs"

"""Round 14 of the guard's red team (token accounting without the upstream's usage, what the audit
row says the upstream was asked, error bodies), against a live guard on 127.0.0.1 in front of a
scripted upstream. Each finding's test fails on the code before this round (checked by running
this file against it); the tests marked as such check that the fix keeps ordinary traffic working:

- a stream the client hangs up on after its first token never gets the upstream's usage, and its
  prompt was charged at the estimate, a quarter token per character: 40,000 digits (40,000 tokens
  on byte-level BPE tokenizers that read digits one by one, Qwen's, Llama 3's in groups of three)
  cost the key 10,004 tokens, so a key sending such prompts and hanging up had its prompts
  prefilled at ~4x its tokens/min; random letters (~2.4 characters a token on SmolLM2's tokenizer)
  ~2.4x. Such a stream is now charged its prompt's bound (its body's bytes, as reserved);
- an upstream call that timed out (504) was charged the prompt's estimate only, though the upstream
  may have generated for the whole deadline (n x max_tokens for an answer the client never got);
  it is now charged its reservation, like an answer closed unread;
- a user (or tool) message's `name`, which chat templates render, carried a dataset item past the
  audit row: three different items behind one decoy content had one `prompt_fp` and no
  `instructions_fp`; the turn's fields outside content are now in the instructions' fingerprint;
- a 400 for keys that differ only by case quoted the key back whole, twice (message and `param`):
  an 800 KB body, an 800 KB error.
"""

from __future__ import annotations

import asyncio
import json
import time

import httpx
import pytest

from guard_support import RawUpstream, audit_rows, guard_running, settings

TPM = 100_000
DIGITS = "7" * 40_000  # 40,000 tokens where a digit is a token; the estimate reads 10,000


class DripUpstream(RawUpstream):
    """A RawUpstream whose `drip` model streams a first token at once, then its end and the usage
    (one prompt token per character of the last message) after `hold_s`; `slow` answers a JSON
    request after `hold_s` (past the guard's deadline in the tests that use it)."""

    MODELS = (*RawUpstream.MODELS, "drip", "slow")
    hold_s = 3.0

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        model = body.get("model")
        if model == "slow":
            await asyncio.sleep(self.hold_s)
        if model != "drip" or head.startswith(b"GET"):
            return await super()._answer(head, body, writer)
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
        )
        prompt = len(body["messages"][-1]["content"])
        first = {"choices": [{"index": 0, "delta": {"role": "assistant", "content": "Sure"}}]}
        last = {"choices": [{"index": 0, "delta": {}, "finish_reason": "length"}]}
        usage = {
            "choices": [],
            "usage": {"prompt_tokens": prompt, "completion_tokens": 2, "total_tokens": prompt + 2},
        }
        try:
            self._event(writer, first)
            await writer.drain()
            await asyncio.sleep(self.hold_s)
            for chunk in (last, usage):
                self._event(writer, chunk)
            done = b"data: [DONE]\n\n"
            writer.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(done), done))
            await writer.drain()
        except ConnectionError:
            pass

    @staticmethod
    def _event(writer, chunk: dict) -> None:
        event = b"data: " + json.dumps(chunk).encode() + b"\n\n"
        writer.write(b"%x\r\n%s\r\n" % (len(event), event))


@pytest.fixture
def live(tmp_path):
    """(url, guard, secret, rows()) of a guard that stores prompts, in front of a DripUpstream."""
    up = DripUpstream()
    s = settings(
        tmp_path, up.url, models=list(DripUpstream.MODELS), store_prompts=True, upstream_timeout_s=1.0
    )
    try:
        with guard_running(s) as (url, guard):
            _, secret = guard.keys.create("a", rpm=1000, tpm=TPM)

            def rows() -> list[dict]:
                guard.audit.close()  # everything queued so far is in the database
                return audit_rows(s.db)

            yield url, guard, secret, rows
    finally:
        up.close()


def _headers(secret: str) -> dict[str, str]:
    return {"authorization": f"Bearer {secret}"}


def _tokens_left(url: str, secret: str) -> int:
    """The key's token bucket now, read off a model listing (one request, no tokens)."""
    r = httpx.get(f"{url}/v1/models", headers=_headers(secret), timeout=10)
    assert r.status_code == 200
    return int(r.headers["x-ratelimit-remaining-tokens"])


def _settled(guard) -> None:
    deadline = time.monotonic() + 5
    while guard._tasks and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)


def _drip(url: str, secret: str, text: str, hang_up: bool) -> list[dict]:
    """A drip stream; with `hang_up`, closed right after its first event (the prompt is prefilled)."""
    body = {
        "model": "drip",
        "messages": [{"role": "user", "content": text}],
        "max_tokens": 16,
        "stream": True,
    }
    events = []
    with httpx.stream(
        "POST", f"{url}/v1/chat/completions", json=body, headers=_headers(secret), timeout=30
    ) as r:
        assert r.status_code == 200
        for line in r.iter_lines():
            if line.startswith("data: ") and line != "data: [DONE]":
                events.append(json.loads(line[6:]))
                if hang_up:
                    break
    return events


# --- a stream cut before its usage: the prompt is charged at its bound ---


def test_a_stream_cut_before_its_usage_is_charged_the_prompts_bound(live):
    """Old code: the key's bucket lost 10,004 tokens for a prompt of 40,000 digit tokens the
    upstream prefilled (the estimate, a quarter token per character); now at least the 40,000."""
    url, guard, secret, rows = live
    t0 = time.monotonic()
    assert len(_drip(url, secret, DIGITS, hang_up=True)) == 1
    _settled(guard)
    left = _tokens_left(url, secret)
    refilled = (time.monotonic() - t0) * TPM / 60
    charged = TPM - left + refilled
    assert charged >= len(DIGITS), charged
    row = rows()[0]
    assert row["status"] == 200 and row["error"] == "client disconnected mid-stream"
    assert row["prompt_tokens"] >= len(DIGITS)


def test_a_stream_read_to_its_end_is_charged_its_usage(live):
    """Ordinary traffic (passes before and after): the whole stream brings the upstream's usage,
    which is what is charged (40,000 + 2), not the bound."""
    url, guard, secret, rows = live
    DripUpstream.hold_s = 0.2
    try:
        events = _drip(url, secret, DIGITS, hang_up=False)
    finally:
        DripUpstream.hold_s = 3.0
    assert not any(e.get("usage") for e in events)  # the client did not ask for it
    _settled(guard)
    row = rows()[0]
    assert (row["prompt_tokens"], row["completion_tokens"]) == (len(DIGITS), 2)


def test_an_upstream_timeout_is_charged_its_reservation(live):
    """Old code: a 504 cost the key its prompt's estimate (~7 tokens) while the upstream had the
    whole deadline to generate 8 x 4,000 tokens for an answer nobody got; now the reservation."""
    url, guard, secret, _ = live
    body = {"model": "slow", "messages": [{"role": "user", "content": "tell me"}], "max_tokens": 4000, "n": 8}
    t0 = time.monotonic()
    r = httpx.post(f"{url}/v1/chat/completions", json=body, headers=_headers(secret), timeout=30)
    assert r.status_code == 504
    _settled(guard)
    charged = TPM - _tokens_left(url, secret) + (time.monotonic() - t0) * TPM / 60
    assert charged >= 8 * 4000, charged


# --- the audit row: a message's name is text the model reads ---


def test_an_item_in_a_user_messages_name_is_in_the_audit_row(live):
    """Old code: three requests carrying two different items in the user message's `name` (which
    chat templates render: vLLM hands every message field to the template) behind one decoy content
    had one `prompt_fp` and `instructions_fp` None; now the items' fingerprints differ (and the
    stored instructions hold them), and the same item gives the same one."""
    url, _, secret, rows = live
    items = [
        "Explain_quicksort_step_by_step",
        "Prove_that_sqrt2_is_irrational",
        "Explain_quicksort_step_by_step",
    ]
    for item in items:
        body = {
            "model": "fake",
            "max_tokens": 8,
            "messages": [{"role": "user", "name": item, "content": "Go ahead."}],
        }
        assert (
            httpx.post(
                f"{url}/v1/chat/completions", json=body, headers=_headers(secret), timeout=30
            ).status_code
            == 200
        )
    tool = {"role": "tool", "tool_call_id": "c1", "name": "Summarise_the_French_revolution", "content": "ok"}
    body = {"model": "fake", "max_tokens": 8, "messages": [{"role": "user", "content": "Go ahead."}, tool]}
    assert (
        httpx.post(f"{url}/v1/chat/completions", json=body, headers=_headers(secret), timeout=30).status_code
        == 200
    )
    a, b, c, d = rows()
    assert a["instructions_fp"] is not None and a["instructions_fp"] == c["instructions_fp"]
    assert len({a["instructions_fp"], b["instructions_fp"], d["instructions_fp"]}) == 3
    assert items[0] in a["instructions"] and "French_revolution" in d["instructions"]


def test_a_fixed_user_name_keeps_one_instructions_fingerprint(live):
    """Ordinary traffic (passes before and after): an app that names its user the same way on every
    request has one instructions fingerprint (or none before) over different questions, each with
    its own prompt fingerprint."""
    url, _, secret, rows = live
    for q in ("What is 2 + 2?", "Name a prime number."):
        body = {
            "model": "fake",
            "max_tokens": 8,
            "messages": [{"role": "user", "name": "alice", "content": q}],
        }
        assert (
            httpx.post(
                f"{url}/v1/chat/completions", json=body, headers=_headers(secret), timeout=30
            ).status_code
            == 200
        )
    a, b = rows()
    assert a["instructions_fp"] == b["instructions_fp"] and a["prompt_fp"] != b["prompt_fp"]


# --- error bodies ---


def test_an_error_does_not_quote_a_long_key_back(live):
    """Old code: keys of 400,000 characters that differ by case came back whole in the message and
    in `param` (an 800 KB body, an 800 KB error); now the 400 quotes at most ~100 characters."""
    url, _, secret, _ = live
    big = "k" * 400_000
    body = {"model": "fake", "messages": [{"role": "user", "content": "hi"}], big: 1, big.upper(): 2}
    r = httpx.post(
        f"{url}/v1/chat/completions",
        content=json.dumps(body).encode(),
        headers={**_headers(secret), "content-type": "application/json"},
        timeout=30,
    )
    assert r.status_code == 400 and "differ only by case" in r.json()["error"]["message"]
    assert len(r.content) < 1000, len(r.content)

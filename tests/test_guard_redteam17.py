"""Round 17 of the guard's red team (what llama.cpp's server adds to answers, answers decoded under
a client's grammar, prompt text outside the messages, request fields the guard does not expect),
against a live guard on 127.0.0.1 in front of scripted upstreams. Each finding's test fails on the
code before this round (checked by running this file against it); the tests marked as such check
that the fix keeps ordinary traffic working:

- llama.cpp's server reports its prompt cache beside the answer when a request asks: `verbose:
  true` adds `__verbose` (`tokens_cached`, `timings.cache_n`, and the answer's log-probs as
  `completion_probabilities`) and a stream's `return_progress: true` adds `prompt_progress.cache`.
  The guard removed the cache counters it knew (`cached_tokens`, `timings`) and relayed these: one
  key read another key's 4-digit code out of its system prompt in 20 requests, and a `suspect`
  key got its log-probs unrounded. Both fields are now removed from answers and stream events;
- an answer decoded under a grammar the request supplies (`response_format` with a JSON schema, a
  tool the model must call) is a choice among the client's strings, like `guided_choice`: a
  `suspect` key (top-2, rounded to 0.1) offered the 3rd and 4th tokens as the schema's `enum` and
  read them and their log-probs. Under any log-prob treatment such a request gets none;
- the log-prob entry bound and a cut stream's charge counted a chat prompt's messages, not the
  text it renders beside them (tools, documents, schemas): `prompt_logprobs: 20` beside a tool
  description of 40,000 digits read as 84 entries, and the guard parsed a 53 MB answer (840,000
  entries) whole on its event loop (another client's request waited 757-773 ms); the same tool in
  a stream cut after its first event was charged 10,012 tokens for 40,000 prefilled;
- llama.cpp's `lora` (adapters not named get scale 0: a client turned the operator's adapters
  off) and `id_slot` (which slot, and so whose prompt cache, serves the request) reached it;
- a `tool_reference` part whose `name` is not a string was a 500 and a traceback per request.
"""

from __future__ import annotations

import asyncio
import json
import math
import time

import httpx
import pytest

from guard_support import (
    VAULT_CODE,
    PromptCacheUpstream,
    RawUpstream,
    audit_rows,
    guard_running,
    models_list,
    read_code,
    settings,
    sse_answer,
    suspect_and_ok,
)


def _post(url: str, secret: str, body: dict, path: str = "/v1/chat/completions") -> httpx.Response:
    return httpx.post(f"{url}{path}", json=body, headers={"authorization": f"Bearer {secret}"}, timeout=30)


# --- llama.cpp's reports on its prompt cache ---

LP = -0.123456789  # a log-prob the `suspect` treatment rounds to -0.1


class LlamaCppUpstream(PromptCacheUpstream):
    """llama.cpp's server as far as these tests need it: a prompt cache (a prompt's longest common
    prefix with the prompts before it, a token per character of the messages joined by newlines);
    with `verbose: true` (a request field; on every answer when the server runs at verbosity 10)
    the answer carries `__verbose` (`tokens_cached`, `timings.cache_n`, the answer's log-probs as
    `completion_probabilities`), and with `return_progress: true` a stream's first event carries
    `prompt_progress` (`cache`: the prompt tokens found in the cache)."""

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        text = "\n".join(m["content"] for m in body["messages"])
        cached = self._cached(text)
        tops = [{"token": "ok", "logprob": LP}, {"token": "no", "logprob": LP - 2}]
        probs = [{"token": "ok", "logprob": LP, "top_logprobs": tops[: body.get("top_logprobs") or 0]}]
        verbose = {"tokens_cached": cached, "timings": {"cache_n": cached}, "completion_probabilities": probs}
        if body.get("stream"):
            first = {"choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}}]}
            if body.get("return_progress"):
                first["prompt_progress"] = {"total": len(text), "cache": cached, "processed": len(text)}
            if body.get("verbose"):
                first["__verbose"] = verbose
            return sse_answer(writer, [first, {"choices": [{"index": 0, "delta": {"content": "ok"}}]}])
        choice = {"index": 0, "message": {"role": "assistant", "content": "ok"}, "finish_reason": "stop"}
        if body.get("logprobs"):
            choice["logprobs"] = {"content": probs}
        data = {"id": "x", "object": "chat.completion", "choices": [choice]}
        if body.get("verbose"):
            data["__verbose"] = verbose
        self._json(writer, 200, data)


def _cached_json(url: str, secret: str, system: str) -> int | None:
    """The prompt-cache count a JSON answer to `system` + "hi" reports (None: none)."""
    body = {
        "model": "fake",
        "messages": [{"role": "system", "content": system}, {"role": "user", "content": "hi"}],
    }
    r = _post(url, secret, {**body, "max_tokens": 1, "verbose": True})
    assert r.status_code == 200, r.text
    return (r.json().get("__verbose") or {}).get("tokens_cached")


def _cached_stream(url: str, secret: str, system: str) -> int | None:
    """... that a stream's events report."""
    body = {
        "model": "fake",
        "messages": [{"role": "system", "content": system}, {"role": "user", "content": "hi"}],
    }
    r = _post(url, secret, {**body, "max_tokens": 1, "stream": True, "return_progress": True})
    assert r.status_code == 200, r.text
    events = [json.loads(line[6:]) for line in r.text.splitlines() if line.startswith("data: {")]
    return next((e["prompt_progress"]["cache"] for e in events if "prompt_progress" in e), None)


@pytest.mark.parametrize("cached", [_cached_json, _cached_stream], ids=["verbose", "return_progress"])
def test_a_keys_system_prompt_is_not_read_through_llama_cpps_cache_reports(tmp_path, cached):
    """Old code: `__verbose.tokens_cached` (JSON) and `prompt_progress.cache` (streams) were relayed,
    and another key read the victim's code, 4417, in 20 requests. Now neither field reaches a
    client, and the answers still do (ordinary traffic)."""
    up = LlamaCppUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            victim, attacker = (guard.keys.create(n, rpm=1000, tpm=10**7)[1] for n in ("victim", "attacker"))
            messages = [{"role": "system", "content": VAULT_CODE}, {"role": "user", "content": "hi"}]
            assert _post(url, victim, {"model": "fake", "messages": messages}).status_code == 200
            code, sent = read_code(url, attacker, cached)
    finally:
        up.close()
    assert code is None and sent == 1, (code, sent)


def test_llama_cpps_verbose_log_probs_get_the_treatment(tmp_path):
    """Old code: a `suspect` key (top-2, rounded to 0.1) asking for `verbose` got the answer's
    log-probs at full precision in `__verbose.completion_probabilities`."""
    up = LlamaCppUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            s_secret, _ = suspect_and_ok(guard)
            chat = {"model": "fake", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 1}
            r = _post(url, s_secret, {**chat, "logprobs": True, "top_logprobs": 2, "verbose": True})
    finally:
        up.close()
    assert r.status_code == 200, r.text
    assert "__verbose" not in r.json() and "0.1234" not in r.text, r.text
    assert r.json()["choices"][0]["logprobs"]["content"][0]["logprob"] == -0.1


# --- answers decoded under the client's grammar ---

LOGPROBS = {"A": -0.21, "B": -1.93, "C": -3.14, "D": -4.47}


def _enum(schema) -> list[str] | None:
    """The first `enum` in a JSON schema, or in the tools' (what the answer is restricted to)."""
    if isinstance(schema, dict) and isinstance(schema.get("enum"), list):
        return schema["enum"]
    values = schema.values() if isinstance(schema, dict) else schema if isinstance(schema, list) else ()
    return next((e for v in values if (e := _enum(v)) is not None), None)


class GuidedUpstream(RawUpstream):
    """vLLM's structured outputs on a one-token greedy answer: a `response_format` JSON schema, or
    the parameters of the tool `tool_choice` names, restricts the answer to the schema's `enum`
    (the quote and brace tokens the grammar forces are left out); vLLM computes the returned
    log-probs after the grammar's mask, so they are the allowed tokens' renormalised."""

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        allowed = _enum(body.get("response_format")) or list(LOGPROBS)
        if isinstance(body.get("tool_choice"), dict):
            allowed = _enum(body.get("tools")) or allowed
        norm = math.log(sum(math.exp(LOGPROBS[t]) for t in allowed))
        ranked = sorted(allowed, key=lambda t: -LOGPROBS[t])
        lp = {t: LOGPROBS[t] - norm for t in ranked}
        token = ranked[0]
        choice = {"index": 0, "message": {"role": "assistant", "content": token}, "finish_reason": "length"}
        if body.get("logprobs"):
            tops = [{"token": t, "logprob": lp[t]} for t in ranked[: body.get("top_logprobs") or 0]]
            choice["logprobs"] = {"content": [{"token": token, "logprob": lp[token], "top_logprobs": tops}]}
        self._json(writer, 200, {"id": "x", "object": "chat.completion", "choices": [choice]})


def _restricted(allowed: list[str], how: str) -> dict:
    schema = {"type": "object", "properties": {"answer": {"type": "string", "enum": allowed}}}
    if how == "response_format":
        return {"response_format": {"type": "json_schema", "json_schema": {"name": "pick", "schema": schema}}}
    tool = {"type": "function", "function": {"name": "pick", "parameters": schema}}
    return {"tools": [tool], "tool_choice": {"type": "function", "function": {"name": "pick"}}}


@pytest.mark.parametrize("how", ["response_format", "tool_choice"])
def test_a_grammar_of_the_clients_strings_reads_no_log_prob_past_the_cap(tmp_path, how):
    """Old code: a `suspect` key (top-2, rounded to 0.1) offered [C, D], then [D], as the schema's
    `enum` and read the 3rd and 4th tokens and their log-prob gap (1.3), one request each. Now a
    treated key's restricted request carries no log-probs; a key in good standing keeps the
    schema and its log-probs (ordinary traffic)."""
    up = GuidedUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            s_secret, ok_secret = suspect_and_ok(guard)
            seen: dict[str, float] = {}
            chat = {
                "model": "fake",
                "messages": [{"role": "user", "content": "The capital of France is"}],
                "max_tokens": 1,
                "temperature": 0,
                "logprobs": True,
                "top_logprobs": 2,
            }
            for allowed in (None, ["C", "D"], ["D"]):
                r = _post(url, s_secret, {**chat, **(_restricted(allowed, how) if allowed else {})})
                assert r.status_code == 200, r.text
                for entry in ((r.json()["choices"][0].get("logprobs") or {}).get("content")) or []:
                    seen |= {t["token"]: t["logprob"] for t in [entry, *entry["top_logprobs"]]}
            ok = _post(url, ok_secret, {**chat, **_restricted(["C", "D"], how)})
    finally:
        up.close()
    assert set(seen) == {"A", "B"}, seen
    assert ok.status_code == 200 and ok.json()["choices"][0]["logprobs"]["content"][0]["token"] == "C"
    assert up.bodies[-1]["logprobs"] is True and (_enum(up.bodies[-1]) == ["C", "D"])


# --- prompt text outside the messages ---


class PromptLogprobUpstream(RawUpstream):
    """vLLM's `prompt_logprobs: k`: the top k and the prompt's own token at every token of the
    rendered prompt, the tools' descriptions included (a token per character, as digits are on
    Qwen's tokenizer)."""

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        tools = "".join(t["function"]["description"] for t in body.get("tools", []))
        n = len("".join(m["content"] for m in body["messages"]) + tools)
        k = body.get("prompt_logprobs") or 0
        entry = {str(i): {"logprob": -1.5, "rank": i + 1, "decoded_token": "7"} for i in range(k + 1)}
        choice = {"index": 0, "message": {"role": "assistant", "content": "ok"}, "finish_reason": "length"}
        usage = {"prompt_tokens": n, "completion_tokens": 1, "total_tokens": n + 1}
        data = {"id": "x", "choices": [choice], "prompt_logprobs": [None] + [entry] * (n - 1), "usage": usage}
        self._json(writer, 200, data)


def _digit_tool(digits: int) -> dict:
    parameters = {"type": "object", "properties": {}}
    return {
        "type": "function",
        "function": {"name": "lookup", "description": "7" * digits, "parameters": parameters},
    }


def test_prompt_log_probs_count_the_text_rendered_beside_the_messages(tmp_path):
    """Old code: `prompt_logprobs: 20` beside a tool description of 1,000 digits read as 84
    entries, under a bound of 4,096, and the answer's 21,000 entries were read whole (at the
    default bound, 40,000 digits: a 53 MB answer parsed on the event loop). Now refused before the
    upstream works on it."""
    up = PromptLogprobUpstream()
    try:
        s = settings(tmp_path, up.url, models=["fake"], max_logprob_entries=4096)
        with guard_running(s) as (url, guard):
            secret = guard.keys.create("k", rpm=1000, tpm=10**7)[1]
            body = {"model": "fake", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 1}
            r = _post(url, secret, {**body, "tools": [_digit_tool(1000)], "prompt_logprobs": 20})
            assert (
                _post(url, secret, {**body, "tools": [_digit_tool(100)], "prompt_logprobs": 20}).status_code
                == 200
            )
    finally:
        up.close()
    assert r.status_code == 400 and "log-prob entries" in r.text, r.text[:300]
    assert up.stats["requests"] == 1  # the ordinary request only


class DripUpstream(RawUpstream):
    """A stream whose first event comes at once and its end and usage only after `hold_s`."""

    hold_s = 3.0

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
        )
        event = b'data: {"choices": [{"index": 0, "delta": {"content": "Sure"}}]}\n\n'
        try:
            writer.write(b"%x\r\n%s\r\n" % (len(event), event))
            await writer.drain()
            await asyncio.sleep(self.hold_s)
            writer.write(b"0\r\n\r\n")
        except ConnectionError:
            pass


def test_a_cut_stream_is_charged_the_tools_it_prefilled(tmp_path):
    """Old code: a stream with a tool description of 40,000 digits (40,000 tokens where a digit is
    a token), cut after its first event, was charged 10,012 prompt tokens (a quarter token a
    character: round 14's undercount, through the tools); now at least the 40,000."""
    up = DripUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            secret = guard.keys.create("k", rpm=1000, tpm=10**7)[1]
            body = {
                "model": "fake",
                "messages": [{"role": "user", "content": "Look it up."}],
                "tools": [_digit_tool(40_000)],
                "max_tokens": 16,
                "stream": True,
            }
            headers = {"authorization": f"Bearer {secret}"}
            with httpx.stream(
                "POST", f"{url}/v1/chat/completions", json=body, headers=headers, timeout=30
            ) as r:
                assert r.status_code == 200
                next(line for line in r.iter_lines() if line.startswith("data: "))  # then hang up
            deadline = time.monotonic() + 5
            while (guard.upstreaming or guard._tasks) and time.monotonic() < deadline:
                time.sleep(0.01)  # the relay noticed the hang-up (end_stream) and settled
            guard.audit.close()
            row = audit_rows(guard.settings.db)[0]
    finally:
        up.close()
    assert row["error"] == "client disconnected mid-stream"
    assert row["prompt_tokens"] >= 40_000, row["prompt_tokens"]


# --- fields that address llama.cpp's server, and a reference that names no string ---


def test_llama_cpps_adapters_and_slots_are_the_operators(tmp_path):
    """Old code: `lora` (llama.cpp applies the adapters it names and gives every other one scale 0,
    so `[]` served the base model without the operator's adapters) and `id_slot` (the slot, and its
    prompt cache, that serves the request) reached the upstream from any key."""
    up = RawUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            secret = guard.keys.create("k", rpm=1000, tpm=10**7)[1]
            chat = {"model": "fake", "messages": [{"role": "user", "content": "hi"}]}
            for body in (
                {**chat, "lora": [], "id_slot": 0},
                {**chat, "lora": [{"id": 0, "scale": 4.0}], "stream": True},
            ):
                assert _post(url, secret, body).status_code == 200
    finally:
        up.close()
    assert not [f for b in up.bodies for f in ("lora", "id_slot") if f in b], up.bodies


@pytest.mark.parametrize("name", [{"a": 1}, ["lookup"]])
def test_a_tool_reference_that_names_no_string_is_a_400(tmp_path, name):
    """Old code: a 500 (`unhashable type`) and a traceback in the log for each such request."""
    up = RawUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            secret = guard.keys.create("k", rpm=1000, tpm=10**7)[1]
            part = {"type": "tool_reference", "name": name}
            r = _post(url, secret, {"model": "fake", "messages": [{"role": "user", "content": [part]}]})
    finally:
        up.close()
    assert r.status_code == 400 and "tool_reference" in r.text, r.text
    assert up.stats["requests"] == 0

"""Round 21 of the guard's red team (fields of SGLang's and llama.cpp's OpenAI layers that the guard
read differently), each test against a live guard on 127.0.0.1 in front of a scripted upstream and
failing on the code before its fix; the tests marked as such check that ordinary traffic still works:

- SGLang's chat `input_ids`: token ids the model reads *instead of* the rendered messages (the
  template is skipped; the messages only give stop strings and tool constraints). The guard
  forwarded them and audited the messages: 200 instruction-set items sent as ids behind one
  placeholder user turn ("hello", what RL frameworks send) read as the placeholder (watch 0.37,
  instruction share 0.00; the same items as the content: suspect 0.95), every audit row with the
  placeholder's `prompt_fp`. Now refused (400);
- SGLang's reports on its prompt cache: a choice's `meta_info` (`return_meta_info: true`: the
  prompt's `cached_tokens`, and the answer's log-probs) and `sglext.cached_tokens_details`
  (`return_cached_tokens_details: true`, JSON and streams) were relayed: one key read another
  key's 4-digit code out of its system prompt in 20 requests through each, and a `suspect` key
  (top-2, rounded to 0.1) got its log-probs unrounded in `meta_info`. Both are now removed;
- whether tools restrict the answer was read from one field, `tool_choice` first, else
  `function_call`: `function_call: "none"` beside tools (llama.cpp's server reads `tool_choice`
  alone, absent meaning "auto", a grammar the model's call triggers), or `tool_choice: "none"` beside
  `function_call: {"name": ...}` (llama-cpp-python lets `function_call` override it), left a
  `suspect` key its capped log-probs on an answer decoded under the tool's schema: round 17's read
  of the 3rd and 4th tokens past a top-2 cap (C at -3.1, D at -4.5), one request each, by another
  spelling. Now tools restrict nothing only where every field a server may choose by says "none";
- SGLang's fields that address the server went from every key: `custom_logit_processor` (a
  dill-pickled callable the server unpickles and runs when started with
  `--enable-custom-logit-processor`: code of any key in good standing run on the model server;
  before, removed only under a log-prob treatment), `session_id` / `session_params` (continue a
  session another client opened), `extra_key` (with `cache_salt`, whose prefix cache a prompt
  shares). Now removed from every request.
"""

from __future__ import annotations

import json

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


def _post(url: str, secret: str, body: dict) -> httpx.Response:
    return httpx.post(
        f"{url}/v1/chat/completions", json=body, headers={"authorization": f"Bearer {secret}"}, timeout=30
    )


# --- SGLang's input_ids ---


def test_sglangs_input_ids_are_refused(tmp_path):
    """Old code: 200, `input_ids` forwarded, and the audit row's prompt the placeholder turn. Now a
    400 naming the field, nothing sent upstream; the same chat without it is answered."""
    up = RawUpstream()
    s = settings(tmp_path, up.url, models=["fake"], store_prompts=True)
    item = "Write a Python function that reverses a linked list."
    chat = {"model": "fake", "messages": [{"role": "user", "content": "hello"}], "max_tokens": 16}
    try:
        with guard_running(s) as (url, guard):
            secret = guard.keys.create("k", rpm=1000, tpm=10**7)[1]
            r = _post(url, secret, {**chat, "input_ids": [ord(c) for c in item]})
            sent = len(up.bodies)
            ok = _post(url, secret, chat)
            guard.audit.close()
    finally:
        up.close()
    assert r.status_code == 400 and r.json()["error"]["param"] == "input_ids", r.text
    assert sent == 0, up.bodies
    assert ok.status_code == 200 and "input_ids" not in up.bodies[-1]
    assert [row["status"] for row in audit_rows(s.db)] == [400, 200]


# --- SGLang's reports on its prompt cache ---

LP = -0.123456789  # a log-prob the `suspect` treatment rounds to -0.1


class SGLangUpstream(PromptCacheUpstream):
    """SGLang's chat endpoint as far as these tests need it: a radix prompt cache (a prompt's
    longest common prefix with the prompts before it, a token per character of the messages joined
    by newlines), reported per choice in `meta_info` (`return_meta_info: true`, JSON answers only:
    `cached_tokens`, and with `logprobs` the answer's log-probs as [logprob, id, text]) and in
    `sglext.cached_tokens_details` (`return_cached_tokens_details: true`; a stream sends it in an
    event of its own before the usage)."""

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        cached = self._cached("\n".join(m["content"] for m in body["messages"]))
        top = body.get("top_logprobs") or 0
        tops = [[LP, 11, "ok"], [LP - 2, 12, "no"]][:top]
        details = {"cached_tokens_details": {"device": cached, "host": 0}}
        if body.get("stream"):
            events = [{"choices": [{"index": 0, "delta": {"role": "assistant", "content": "ok"}}]}]
            if body.get("return_cached_tokens_details"):
                events.append({"id": "x", "choices": [], "sglext": details})
            if (body.get("stream_options") or {}).get("include_usage"):
                events.append({"choices": [], "usage": {"prompt_tokens": 5, "completion_tokens": 1}})
            return sse_answer(writer, events)
        choice = {"index": 0, "message": {"role": "assistant", "content": "ok"}, "finish_reason": "stop"}
        if body.get("logprobs"):
            content = [
                {
                    "token": "ok",
                    "logprob": LP,
                    "top_logprobs": [{"token": t, "logprob": v} for v, _, t in tops],
                }
            ]
            choice["logprobs"] = {"content": content}
        if body.get("return_meta_info"):
            choice["meta_info"] = {"id": "x", "cached_tokens": cached, "completion_tokens": 1}
            if body.get("logprobs"):
                choice["meta_info"] |= {
                    "output_token_logprobs": [[LP, 11, "ok"]],
                    "output_top_logprobs": [tops],
                }
        data = {"id": "x", "object": "chat.completion", "choices": [choice], "usage": {"prompt_tokens": 5}}
        if body.get("return_cached_tokens_details"):
            data["sglext"] = details
        self._json(writer, 200, data)


def _ask(system: str) -> dict:
    messages = [{"role": "system", "content": system}, {"role": "user", "content": "hi"}]
    return {"model": "fake", "messages": messages, "max_tokens": 1}


def _meta_info(url: str, secret: str, system: str) -> int | None:
    """The prompt-cache count a JSON answer's `meta_info` reports (None: none)."""
    r = _post(url, secret, {**_ask(system), "return_meta_info": True})
    assert r.status_code == 200, r.text
    return (r.json()["choices"][0].get("meta_info") or {}).get("cached_tokens")


def _details(url: str, secret: str, system: str) -> int | None:
    """... that a JSON answer's `sglext.cached_tokens_details` reports."""
    r = _post(url, secret, {**_ask(system), "return_cached_tokens_details": True})
    assert r.status_code == 200, r.text
    return ((r.json().get("sglext") or {}).get("cached_tokens_details") or {}).get("device")


def _stream_details(url: str, secret: str, system: str) -> int | None:
    """... that a stream's `sglext` event reports."""
    r = _post(url, secret, {**_ask(system), "stream": True, "return_cached_tokens_details": True})
    assert r.status_code == 200 and '"ok"' in r.text, r.text
    events = [json.loads(line[6:]) for line in r.text.splitlines() if line.startswith("data: {")]
    found = [
        e["sglext"]["cached_tokens_details"]["device"]
        for e in events
        if "cached_tokens_details" in e.get("sglext", {})
    ]
    return found[0] if found else None


@pytest.mark.parametrize(
    "cached", [_meta_info, _details, _stream_details], ids=["meta_info", "cached_tokens_details", "stream"]
)
def test_a_keys_system_prompt_is_not_read_through_sglangs_cache_reports(tmp_path, cached):
    """Old code: `meta_info.cached_tokens` and `sglext.cached_tokens_details` were relayed, and
    another key read the victim's code, 4417, in 20 requests. Now neither reaches a client, and the
    answers still do (ordinary traffic)."""
    up = SGLangUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            victim, attacker = (guard.keys.create(n, rpm=1000, tpm=10**7)[1] for n in ("victim", "attacker"))
            assert _post(url, victim, _ask(VAULT_CODE)).status_code == 200
            code, sent = read_code(url, attacker, cached)
    finally:
        up.close()
    assert code is None and sent == 1, (code, sent)


def test_sglangs_meta_info_log_probs_get_the_treatment(tmp_path):
    """Old code: a `suspect` key (top-2, rounded to 0.1) asking for `return_meta_info` got the
    answer's log-probs at full precision in `meta_info.output_token_logprobs` and `..._top_logprobs`."""
    up = SGLangUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            s_secret, _ = suspect_and_ok(guard)
            r = _post(
                url,
                s_secret,
                {**_ask("Be brief."), "logprobs": True, "top_logprobs": 2, "return_meta_info": True},
            )
    finally:
        up.close()
    assert r.status_code == 200, r.text
    assert "meta_info" not in r.json()["choices"][0] and "0.1234" not in r.text, r.text
    assert r.json()["choices"][0]["logprobs"]["content"][0]["logprob"] == -0.1


# --- tools chosen among by another field than the guard read ---

LOGPROBS = {"A": -0.21, "B": -1.93, "C": -3.14, "D": -4.47}


def llama_cpp_choice(body: dict):
    """llama.cpp's server: `tools` with `tool_choice` alone, "auto" when absent."""
    return body.get("tool_choice") or "auto"


def llama_cpp_python_choice(body: dict):
    """llama-cpp-python: `function_call` ("none", "auto" or a name) overrides `tool_choice`."""
    choice, call = body.get("tool_choice"), body.get("function_call")
    if call in ("none", "auto"):
        choice = call
    if isinstance(call, dict) and "name" in call:
        choice = {"type": "function", "function": {"name": call["name"]}}
    return choice or "auto"


class ToolGrammarUpstream(RawUpstream):
    """A one-token greedy answer that, where the server's reading of the request chooses a tool (the
    prompt asks for the call, so "auto" calls it too), is decoded under the tool's schema: the
    answer is the best of its `enum`. Its log-prob is reported before the grammar, as llama.cpp's
    `n_probs` are (the top list the unrestricted top tokens): the client's 3rd token comes back with
    its own log-prob."""

    def __init__(self, choice) -> None:
        super().__init__()
        self.choice = choice

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        ranked = sorted(LOGPROBS, key=lambda t: -LOGPROBS[t])
        allowed = ranked
        if body.get("tools") and self.choice(body) != "none":
            allowed = body["tools"][0]["function"]["parameters"]["properties"]["answer"]["enum"]
        token = next(t for t in ranked if t in allowed)
        choice = {"index": 0, "message": {"role": "assistant", "content": token}, "finish_reason": "length"}
        if body.get("logprobs"):
            tops = [{"token": t, "logprob": LOGPROBS[t]} for t in ranked[: body.get("top_logprobs") or 0]]
            choice["logprobs"] = {
                "content": [{"token": token, "logprob": LOGPROBS[token], "top_logprobs": tops}]
            }
        self._json(writer, 200, {"id": "x", "object": "chat.completion", "choices": [choice]})


def _tool(allowed: list[str]) -> dict:
    schema = {"type": "object", "properties": {"answer": {"type": "string", "enum": allowed}}}
    return {"type": "function", "function": {"name": "pick", "parameters": schema}}


@pytest.mark.parametrize(
    ("choice", "spelling"),
    [
        (llama_cpp_choice, {"function_call": "none"}),
        (llama_cpp_python_choice, {"tool_choice": "none", "function_call": {"name": "pick"}}),
    ],
    ids=["llama.cpp", "llama-cpp-python"],
)
def test_tools_chosen_by_another_field_get_no_log_probs(tmp_path, choice, spelling):
    """Old code: the guard read "none" and left the `suspect` key (top-2, rounded to 0.1) its
    log-probs, and offering [C, D], then [D], as the tool's `enum` read the 3rd and 4th tokens (C at
    -3.1, D at -4.5), one request each. Now those requests carry no log-probs; `tool_choice: "none"`
    alone still restricts nothing, and the capped log-probs stay (ordinary traffic)."""
    up = ToolGrammarUpstream(choice)
    chat = {
        "model": "fake",
        "messages": [{"role": "user", "content": "Call pick with the capital of France."}],
        "max_tokens": 1,
        "temperature": 0,
        "logprobs": True,
        "top_logprobs": 2,
    }
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            s_secret, _ = suspect_and_ok(guard)
            seen: dict[str, float] = {}
            for allowed in (None, ["C", "D"], ["D"]):
                r = _post(
                    url, s_secret, {**chat, **({"tools": [_tool(allowed)], **spelling} if allowed else {})}
                )
                assert r.status_code == 200, r.text
                for entry in ((r.json()["choices"][0].get("logprobs") or {}).get("content")) or []:
                    seen |= {t["token"]: t["logprob"] for t in [entry, *entry["top_logprobs"]]}
            plain = _post(url, s_secret, {**chat, "tools": [_tool(["C", "D"])], "tool_choice": "none"})
    finally:
        up.close()
    assert set(seen) == {"A", "B"}, seen
    assert plain.status_code == 200 and up.bodies[-1]["logprobs"] is True
    assert [t["token"] for t in plain.json()["choices"][0]["logprobs"]["content"][0]["top_logprobs"]] == [
        "A",
        "B",
    ]


# --- SGLang's fields that address the server ---

SGLANG_SERVING = {
    # a dill-pickled callable the server unpickles and runs (`--enable-custom-logit-processor`)
    "custom_logit_processor": json.dumps({"callable": "80044e2e"}),
    "session_id": "other-tenant-session",  # continue a session another client opened
    "session_params": {"id": "other-tenant-session", "offset": 0},
    "extra_key": "other-tenant",  # with cache_salt: whose prefix cache a prompt shares
}


def test_sglangs_serving_fields_never_reach_the_upstream(tmp_path):
    """Old code: forwarded from a key in good standing (a pickled callable included). Now removed
    from every request, which is still answered (ordinary traffic)."""
    up = RawUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            secret = guard.keys.create("ok", rpm=1000, tpm=10**7)[1]
            body = {"model": "fake", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 4}
            r = _post(url, secret, {**body, **SGLANG_SERVING})
    finally:
        up.close()
    assert r.status_code == 200, r.text
    assert not set(SGLANG_SERVING) & set(up.bodies[-1]), up.bodies[-1]

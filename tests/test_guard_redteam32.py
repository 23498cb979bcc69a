"""Round 32 of the guard's red team, each test against a live guard on 127.0.0.1 in front of a
scripted upstream that does what the named server's source or documentation says, and failing on
the code before its fix:

- llama.cpp's server puts `chat_template_kwargs` into the template's context after the request's
  messages (minja's `context->set` for each key of `extra_context`), so a `messages` variable there
  replaces the conversation the template renders. The model answered "ITEM: ..." while the audit
  row's prompt and the detector's event read the decoy "What is the weather like?" (the item only
  among the instructions). Now a 400;
- a LiteLLM proxy upstream takes a literal `extra_body` field and merges it over the request it
  sends its provider (`data = {**data, **extra_body}`, BerriAI/litellm#31118): a key in good
  standing had its `messages`, `model` (one the gateway does not list), `n: 64` and
  `max_tokens: 100000` read by the model past every bound and the reservation, and a `suspect`
  key's `logit_bias`, which its treatment removes from the top level, went through inside it.
  Now a 400 (the OpenAI SDK merges `extra_body` into the top level itself);
- the same proxy's client-side `fallbacks`, with `mock_testing_fallbacks: true` failing the first
  model on purpose, had a `suspect` key rerouted to `cheap` served by the model it asked for, and
  a key in good standing by a model the gateway does not list. Now removed, as the other fields
  that address the serving infrastructure are.

Not weaknesses (tried this round): Hugging Face templates (vLLM, SGLang) refuse a `messages` in
`chat_template_kwargs` (TypeError: multiple values for 'messages'), and their other template
variables' text is read as instructions; a chat token's `reasoning` log-probs under another key of
`logprobs` is written by no server found (SGLang folds them into `content`); `Content-Encoding` on
an upstream's answer is not asked for (the guard sends no Accept-Encoding) and would be a 502 or an
untreatable stream line, never relayed untreated.
"""

from __future__ import annotations

import httpx
import yaml

from guard_support import RawUpstream, audit_rows_when, guard_running, models_list, observed, settings

USAGE = {"prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8}
DECOY, ITEM = "What is the weather like?", "ITEM: write a Python quicksort"


def _answer(up: RawUpstream, writer, text: str) -> None:
    choice = {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
    body = {"id": "x", "object": "chat.completion", "model": "fake", "choices": [choice], "usage": USAGE}
    up._json(writer, 200, body)


def _chat(**extra) -> dict:
    return {"model": "fake", "messages": [{"role": "user", "content": DECOY}], "max_tokens": 16, **extra}


def _post(url: str, secret: str, body: dict) -> httpx.Response:
    headers = {"authorization": f"Bearer {secret}"}
    return httpx.post(url + "/v1/chat/completions", json=body, headers=headers, timeout=10)


class LlamaCppServer(RawUpstream):
    """llama.cpp's server: the template's context holds `messages`, then each key of
    `chat_template_kwargs` (minja's `extra_context`), so one named `messages` is what it renders."""

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        messages = (body.get("chat_template_kwargs") or {}).get("messages", body["messages"])
        _answer(self, writer, f"model read: {messages[-1]['content']}")


def test_chat_template_kwargs_cannot_replace_the_messages(tmp_path):
    """Old code: 200, "model read: ITEM: ...", the audit row's prompt and the detector's event the
    decoy. Now a 400 before the upstream, and an ordinary template variable still goes through."""
    up = LlamaCppServer()
    s = settings(tmp_path, up.url, models=["fake"], store_prompts=True)
    try:
        with guard_running(s) as (url, guard):
            _, secret = guard.keys.create("k", rpm=1000, tpm=10**7)
            swapped = {"messages": [{"role": "user", "content": ITEM}]}
            r = _post(url, secret, _chat(chat_template_kwargs=swapped))
            assert r.status_code == 400, r.text  # old code: 200, the item answered
            assert r.json()["error"]["param"] == "chat_template_kwargs"
            assert up.stats["requests"] == 0
            r = _post(url, secret, _chat(chat_template_kwargs={"enable_thinking": False}))
            assert r.status_code == 200 and DECOY in r.text, r.text
            observed(guard)
            rows = audit_rows_when(s.db, 2)
            assert [row["status"] for row in rows] == [400, 200]
    finally:
        up.close()


class LiteLLMProxy(RawUpstream):
    """A LiteLLM proxy in front of providers: a literal `extra_body` is merged over the request
    (`data = {**data, **extra_body}`), and with `mock_testing_fallbacks` the model asked for fails
    and the first of the client's `fallbacks` serves. It answers with what its provider read."""

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        data = {**{k: v for k, v in body.items() if k != "extra_body"}, **(body.get("extra_body") or {})}
        model, fallbacks = data["model"], data.get("fallbacks") or []
        if data.get("mock_testing_fallbacks") and fallbacks:
            model = fallbacks[0]["model"] if isinstance(fallbacks[0], dict) else fallbacks[0]
        read = data["messages"][-1]["content"]
        shown = {k: data.get(k) for k in ("n", "max_tokens", "logit_bias")}
        _answer(self, writer, f"served by {model}; read {read!r}; {shown}")


def test_extra_body_is_refused(tmp_path):
    """Old code: 200 "served by secret-model; read 'ITEM: ...'; {'n': 64, 'max_tokens': 100000}" for a
    key in good standing, and the `suspect` key's `logit_bias` reached the provider. Now 400s,
    before the upstream."""
    up = LiteLLMProxy()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            suspect, s_secret = guard.keys.create("suspect", rpm=1000, tpm=10**7)
            guard.keys.set_override(suspect.id, "suspect")
            _, secret = guard.keys.create("ok", rpm=1000, tpm=10**7)
            inside = {
                "messages": [{"role": "user", "content": ITEM}],
                "model": "secret-model",
                "n": 64,
                "max_tokens": 100_000,
            }
            r = _post(url, secret, _chat(extra_body=inside))
            assert r.status_code == 400, r.text  # old code: 200, served past every bound
            assert r.json()["error"]["param"] == "extra_body"
            r = _post(url, s_secret, _chat(extra_body={"logit_bias": {"5": 100}}))
            assert r.status_code == 400, r.text  # old code: 200, the bias applied
            assert up.stats["requests"] == 0
            r = _post(url, secret, _chat())
            assert r.status_code == 200 and "served by fake" in r.text, r.text
    finally:
        up.close()


def test_litellm_fallbacks_never_reach_the_upstream(tmp_path):
    """Old code: the `suspect` key rerouted to `cheap` read "served by fake", and a key in good
    standing "served by secret-model" (a model the gateway refuses by name: 404). Now `fallbacks`
    and `mock_testing_fallbacks` are removed: "served by cheap-7b" and "served by fake"."""
    main, cheap = LiteLLMProxy(), LiteLLMProxy()
    policy = tmp_path / "policy.yaml"
    policy.write_text(yaml.safe_dump({"suspect": {"reroute": "cheap"}}))
    alt = {"cheap": {"url": cheap.url, "model": "cheap-7b"}}
    s = settings(tmp_path, main.url, models=["fake"], policy=str(policy), upstreams=alt)
    try:
        with guard_running(s) as (url, guard):
            suspect, s_secret = guard.keys.create("suspect", rpm=1000, tpm=10**7)
            guard.keys.set_override(suspect.id, "suspect")
            _, secret = guard.keys.create("ok", rpm=1000, tpm=10**7)
            assert _post(url, secret, _chat(model="secret-model")).status_code == 404
            r = _post(url, s_secret, _chat(fallbacks=["fake"], mock_testing_fallbacks=True))
            assert "served by cheap-7b" in r.text, r.text  # old code: served by fake
            fallback = [{"model": "secret-model", "messages": [{"role": "user", "content": ITEM}]}]
            r = _post(url, secret, _chat(fallbacks=fallback, mock_testing_fallbacks=True))
            assert "served by fake" in r.text and DECOY in r.text, r.text  # old code: secret-model, the item
            for body in (*cheap.bodies, *main.bodies):
                assert "fallbacks" not in body and "mock_testing_fallbacks" not in body, body
    finally:
        main.close()
        cheap.close()

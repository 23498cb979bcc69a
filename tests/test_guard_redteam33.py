"""Round 33 of the guard's red team, each test against a live guard on 127.0.0.1 in front of a
scripted upstream that does what the named server's source or documentation says, and failing on
the code before its fix:

- round 32 removed a LiteLLM proxy's `fallbacks` from every request, but the proxy reads the same
  fallbacks inside `router_settings_override` (its route_llm_request.py copies `fallbacks`,
  `context_window_fallbacks`, `num_retries`, `timeout`... from it into the call; LiteLLM's own
  end-to-end tests send it in the body, and its advisory VERIA-44 says a caller reaches models
  its key cannot call through it), and serves a request that carries `user_config` through a
  router built from the client's own `model_list` (banned from request bodies only in recent
  LiteLLM, unless `allow_client_side_credentials`). OpenRouter's `models` list (and `route:
  "fallback"`) is the same: "any error can trigger the use of a fallback model, including context
  length validation errors", billed at the model that served. A prompt too long for the listed
  model, or a `user_config` naming it, had a key in good standing served by a model the gateway
  does not list. Now the four fields are removed, as `fallbacks` is;
- KoboldCpp takes `max_context_length` from an OpenAI request (koboldcpp.py `generate()`, clamped
  to its own context only from above) and truncates the prompt from the front to fit it
  (gpttype_adapter.cpp: "truncate to front of the prompt if its too long"): round 19's
  `truncate_prompt_tokens` by another name. The model read the item at the end of a prompt
  whose 3,000-character decoy head the audit row and the detector's head view read. Now a 400;
- KoboldCpp's `generate()` reads its own names for the samplers a log-prob treatment removes
  (`typical` for typical_p, `nsigma` for top_n_sigma, `rep_pen` beside repeat_penalty, which it
  takes the largest of, `sampler_order` for samplers) and more of their kind (`top_a` and `tfs`,
  thresholds on a token's probability; `banned_tokens` / `banned_strings` and `custom_token_bans`,
  bans by string and by id; `smoothing_factor` and `dynatemp_range`, temperature by other means),
  and its OpenAI endpoints pass them through (`transform_genparams` rewrites only the length,
  penalties, stops, seed and mirostat). They reached the upstream for a `suspect` key. Now removed
  under any log-prob treatment, as round 10's and 11's names are;
- a content part whose `type` is a list or an object was a 500 with a traceback in the log per
  request (round 30's embedding check used it as a set member before validation). Now a 400.
"""

from __future__ import annotations

import httpx

from guard_support import RawUpstream, audit_rows_when, guard_running, models_list, settings, suspect_and_ok

USAGE = {"prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8}
DECOY, ITEM = "What is the weather like?", "ITEM: write a Python quicksort"
# a LiteLLM router config of the client's own: the listed model's name for another model
USER_CONFIG = {"model_list": [{"model_name": "fake", "litellm_params": {"model": "secret-model"}}]}


def _answer(up: RawUpstream, writer, text: str) -> None:
    choice = {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
    body = {"id": "x", "object": "chat.completion", "model": "fake", "choices": [choice], "usage": USAGE}
    up._json(writer, 200, body)


def _chat(content: str = DECOY, **extra) -> dict:
    return {"model": "fake", "messages": [{"role": "user", "content": content}], "max_tokens": 16, **extra}


def _post(url: str, secret: str, body: dict) -> httpx.Response:
    headers = {"authorization": f"Bearer {secret}"}
    return httpx.post(url + "/v1/chat/completions", json=body, headers=headers, timeout=10)


class RoutingProxy(RawUpstream):
    """A LiteLLM proxy (or OpenRouter) in front of two models: `fake`, with a 1,000-character
    context, and `secret-model`, which the gateway does not list. A request with `user_config` is
    served by the client's own model list; `router_settings_override` fills the request's routing
    fields it leaves out; a request too long for `fake` goes to the first of its context-window
    fallbacks, `fallbacks`, OpenRouter's `models`, or (`route: "fallback"`) one OpenRouter picks."""

    CONTEXT = {"fake": 1_000}

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        data = dict(body)
        if isinstance(data.get("user_config"), dict):
            own = {m["model_name"]: m["litellm_params"]["model"] for m in data["user_config"]["model_list"]}
            return _answer(self, writer, f"served by {own.get(data['model'], data['model'])}")
        for key, value in (data.pop("router_settings_override", None) or {}).items():
            data.setdefault(key, value)
        model, prompt = data["model"], data["messages"][-1]["content"]
        if len(prompt) > self.CONTEXT.get(model, 10**9):
            chain = [m for f in data.get("context_window_fallbacks") or [] for m in f.get(model, [])]
            chain += [m for f in data.get("fallbacks") or [] for m in f.get(model, [])]
            chain += [m for m in data.get("models") or [] if m != model]
            chain += ["openrouter-picked"] if data.get("route") == "fallback" else []
            if not chain:
                message = f"This model's maximum context length is {self.CONTEXT[model]} characters"
                error = {"message": message, "type": "invalid_request_error"}
                return self._json(writer, 400, {"error": error})
            model = chain[0]
        _answer(self, writer, f"served by {model}")


def test_a_proxys_routing_fields_never_reach_it(tmp_path):
    """Old code: "served by secret-model" four times (and "served by openrouter-picked"), for a key
    in good standing that names `fake`, a model the gateway serves. Now each is served by `fake`
    or refused by it for its length, and none of the fields reached the proxy."""
    up = RoutingProxy()
    long = DECOY + " " + "x" * 2_000
    routes = [
        (DECOY, {"user_config": USER_CONFIG}),
        (long, {"router_settings_override": {"context_window_fallbacks": [{"fake": ["secret-model"]}]}}),
        (long, {"router_settings_override": {"fallbacks": [{"fake": ["secret-model"]}], "num_retries": 0}}),
        (long, {"models": ["fake", "secret-model"]}),
        (long, {"route": "fallback"}),
    ]
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            _, secret = guard.keys.create("k", rpm=1000, tpm=10**7)
            assert _post(url, secret, _chat(model="secret-model")).status_code == 404  # not served by name
            for content, fields in routes:
                r = _post(url, secret, _chat(content, **fields))
                assert "secret-model" not in r.text and "openrouter-picked" not in r.text, (fields, r.text)
                if content == DECOY:
                    assert r.status_code == 200 and "served by fake" in r.text, r.text
                else:
                    assert r.status_code == 400 and "maximum context length" in r.text, r.text
            for body in up.bodies:
                assert not {"user_config", "router_settings_override", "models", "route"} & body.keys(), body
    finally:
        up.close()


class KoboldCpp(RawUpstream):
    """KoboldCpp's OpenAI chat endpoint: the messages rendered with its default adapter, the
    request's `max_context_length` (clamped to the server's 4,096 from above only) as the context,
    and the prompt truncated from the front to fit it with the answer (a character a token). It
    answers with the end of what the model read, and the sampler fields it was given."""

    SAMPLERS = (
        "top_a", "tfs", "typical", "nsigma", "rep_pen", "rep_pen_range", "rep_pen_slope", "sampler_order",
        "banned_tokens", "banned_strings", "custom_token_bans", "smoothing_factor", "smoothing_curve",
        "dynatemp_range", "dynatemp_exponent",
    )  # fmt: skip

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        turns = "".join(f"\n### Instruction:\n{m['content']}" for m in body["messages"])
        prompt = turns + "\n### Response:\n"
        ctx = min(body.get("max_context_length", 4096), 4096)
        read = prompt[max(0, len(prompt) - (ctx - body["max_tokens"])) :]
        given = sorted(k for k in self.SAMPLERS if k in body)
        _answer(self, writer, f"model read {len(read)} of {len(prompt)}: ...{read[-60:]!r}; samplers {given}")


def test_a_context_the_model_reads_only_the_end_of_the_prompt_in_is_refused(tmp_path):
    """Old code: 200, "model read 184 of 3,033: ...ITEM: write a Python quicksort"; the audit row
    and the detector's head view had the 3,000-character decoy. Now a 400 before the upstream."""
    up = KoboldCpp()
    text = "I love my garden and my dogs, and we walk by the river every day. " * 45 + ITEM
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            _, secret = guard.keys.create("k", rpm=1000, tpm=10**7)
            r = _post(url, secret, _chat(text, max_context_length=200))
            assert r.status_code == 400, r.text  # old code: 200, the model read the item alone
            assert r.json()["error"]["param"] == "max_context_length"
            assert not up.bodies
            r = _post(url, secret, _chat(text))
            whole = len(text) + 33  # the adapter's role prefixes
            assert r.status_code == 200 and f"model read {whole} of {whole}" in r.text, r.text
    finally:
        up.close()


def test_koboldcpps_own_sampler_names_are_removed_under_a_treatment(tmp_path):
    """Old code: all fifteen fields reached KoboldCpp for the `suspect` key (top-2 log-probs,
    rounded). Now none does; a key in good standing keeps them."""
    up = KoboldCpp()
    fields = {
        "top_a": 0.37, "tfs": 0.93, "typical": 0.71, "nsigma": 1.3, "rep_pen": 3.0, "rep_pen_range": 64,
        "rep_pen_slope": 0.5, "sampler_order": [6, 5, 0, 1, 3, 4, 2], "banned_tokens": ["Paris"],
        "banned_strings": ["Lyon"], "custom_token_bans": "42,43", "smoothing_factor": 0.2,
        "smoothing_curve": 1.5, "dynatemp_range": 0.37, "dynatemp_exponent": 1.1,
    }  # fmt: skip
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            s_secret, ok_secret = suspect_and_ok(guard)
            body = _chat(logprobs=True, top_logprobs=2, **fields)
            r = _post(url, s_secret, body)
            assert r.status_code == 200 and "samplers []" in r.text, r.text  # old code: every one
            assert not set(fields) & up.bodies[-1].keys(), up.bodies[-1]
            r = _post(url, ok_secret, body)
            assert r.status_code == 200 and all(k in up.bodies[-1] for k in fields), up.bodies[-1]
    finally:
        up.close()


def test_a_content_part_type_that_is_no_string_is_a_400(tmp_path):
    """Old code: 500 "the gateway failed on this request" and a traceback in the log per request
    (TypeError: unhashable type). Now a 400 naming the field, audited as one."""
    up = RawUpstream()
    s = settings(tmp_path, up.url, models=["fake"])
    parts = [{"type": ["image_embeds"], "text": "hi"}, {"type": {"image_embeds": 1}, "text": "hi"}]
    try:
        with guard_running(s) as (url, guard):
            _, secret = guard.keys.create("k", rpm=1000, tpm=10**7)
            for part in parts:
                r = _post(url, secret, {"model": "fake", "messages": [{"role": "user", "content": [part]}]})
                assert r.status_code == 400, r.text  # old code: 500
                assert r.json()["error"]["type"] == "invalid_request_error", r.text
            assert not up.bodies
            assert [row["status"] for row in audit_rows_when(s.db, 2)] == [400, 400]
    finally:
        up.close()

"""Round 25 of the guard's red team (what a key in good standing, a revoked or blocked one, reaches
through the guard), each test against a live guard on 127.0.0.1 in front of a scripted upstream and
failing on the code before its fix:

- an answer the upstream generated while the admin revoked its key (or pinned it to `block`) was
  returned whole: a JSON request already at the upstream got its 200 and the whole answer 1 s after
  the revocation, where a running stream is cut within 0.5 s (round 22). The answer is now withheld
  (401 / 403), audited and charged what the upstream reported (900 tokens here);
- a key whose verdict the policy blocks (pinned, or the detector's) still got `GET /v1/models`
  (200 and the list, where its completions got 403). Now a 403, audited with the action `block`;
- fields that choose which weights serve a request reached the upstream from any key:
  mlx_lm.server's `adapters` (a LoRA adapter loaded from any path on the server, in place of the
  operator's) and `draft_model` (any local model or Hugging Face repo, downloaded if need be; each
  name a reload of the whole model) with `num_draft_tokens`, LM Studio's `ttl` (how long a model it
  loaded stays in memory), llama.cpp's `speculative.*`, SGLang's `ngram_corpus_id` and
  `custom_labels`. They are now removed from every request, as SGLang's `lora_path` is, and vLLM's
  `vllm_xargs` (the arguments of logits processors an operator registered) under any log-prob
  treatment, as `logits_processors` is;
- `stop` is a setting the detector does not read, so nothing bounded it: 100,000 stop strings in a
  0.8 MB body went upstream whole. Servers check every stop string on every generated token, in the
  loop that serves every tenant (SGLang's scheduler tests each against the whole decoded text and
  runs `stop_regex` through Python's backtracking `re`; vLLM's output handler `find`s each), and
  llama_cpp.server took 2.68 s instead of 1.45 s of its one slot for a 64-token answer beside
  90,000 of them. Now at most 16 strings of at most 10,000 characters (`pipeline.MAX_STOP`; round 36
  bounds their number times the longest one's length, `MAX_STOP_SPAN`), and `stop_regex` is refused.

Not weaknesses (measured): a client that hangs up at each phase of a request (before its body ends,
while the upstream works on a JSON answer or has not sent a stream's first byte, mid-stream) left
exactly one row per request and no slot, queue entry or body read held; an `Upgrade` request (h2c,
websocket, any other) is answered and its connection closed after two warning lines, with or
without a key, so a client cannot turn bytes into log lines; path tricks, duplicate JSON keys spelled
with escapes (`"str\\u0065am"`), `Content-Length` twice or beside `Transfer-Encoding`, and
`Expect: 100-continue` behave as rounds 9, 10 and 23 left them.
"""

from __future__ import annotations

import asyncio
import threading
import time

import httpx

from guard_support import (
    ConstantDetector,
    RawUpstream,
    audit_rows_when,
    guard_running,
    models_list,
    observed,
    settings,
    suspect_and_ok,
)

CHAT = {"model": "fake", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 1000}
ANSWER = "the whole answer, generated while the key was revoked"


def _post(url: str, secret: str, body: dict, path: str = "/v1/chat/completions") -> httpx.Response:
    return httpx.post(f"{url}{path}", json=body, headers={"authorization": f"Bearer {secret}"}, timeout=30)


class Recording(RawUpstream):
    """A chat or completions answer at once (usage 5 + 2), every request body kept (`bodies`)."""

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        choice = {"index": 0, "message": {"role": "assistant", "content": "hi"}, "text": "hi"}
        usage = {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7}
        self._json(writer, 200, {"id": "x", "object": "chat.completion", "choices": [choice], "usage": usage})


class SlowAnswer(RawUpstream):
    """A whole JSON answer (900 completion tokens) 1 s after the request, streams included (a server
    that answers a stream request with one JSON body)."""

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        await asyncio.sleep(1.0)
        choice = {"index": 0, "message": {"role": "assistant", "content": ANSWER}, "finish_reason": "stop"}
        usage = {"prompt_tokens": 5, "completion_tokens": 900, "total_tokens": 905}
        self._json(writer, 200, {"id": "x", "object": "chat.completion", "choices": [choice], "usage": usage})


# --- an answer generated while the admin revoked or blocked its key ---


def test_an_answer_is_withheld_once_its_key_is_revoked_or_blocked(tmp_path):
    """Old code: 200 with the whole answer, three times out of three, ~0.7 s after the admin acted.
    Now 401 (revoked) / 403 (pinned to block), the answer not in it, one row each with the status
    and the 905 tokens the upstream reported, and the key's bucket charged them."""
    up = SlowAnswer()
    s = settings(tmp_path, up.url, key_cache_ttl_s=2.0)
    results = []
    try:
        with guard_running(s) as (url, guard):
            for act, stream in (("revoke", False), ("block", False), ("revoke", True)):
                key, secret = guard.keys.create(act, rpm=1000, tpm=6000)
                out: dict[str, httpx.Response] = {}
                body = {**CHAT, "stream": stream}
                t = threading.Thread(target=lambda o=out, k=secret, b=body: o.update(r=_post(url, k, b)))
                t.start()
                time.sleep(0.3)  # the request is at the upstream, its key read and cached
                if act == "revoke":
                    guard.keys.revoke(key.id)
                else:
                    guard.keys.set_override(key.id, "block")
                t.join()
                time.sleep(0.2)  # the charge is settled after the response
                left = asyncio.run(guard.limiter.take(key.id, 1000, 6000, 0, 0)).tokens_left
                results.append((out["r"], left))
            rows = audit_rows_when(s.db, 3)
    finally:
        up.close()
    assert [r.status_code for r, _ in results] == [401, 403, 401]
    for r, left in results:
        assert ANSWER not in r.text and "withheld" in r.json()["error"]["message"]
        assert left < 6000 - 700  # 905 charged (a second of refill is 100)
    assert [(row["status"], row["prompt_tokens"] + row["completion_tokens"]) for row in rows] == [
        (401, 905),
        (403, 905),
        (401, 905),
    ]
    assert all("withheld" in row["error"] for row in rows)


# --- the model list for a blocked key ---


def test_a_blocked_key_is_refused_the_model_list(tmp_path):
    """Old code: 200 and the list for a key pinned to `block` and for one the detector blocked,
    while their completions got 403. Now 403 for both, each audited (`endpoint` models, action
    block) and charged a request; a key in good standing still gets the list."""
    up = Recording()
    s = settings(tmp_path, up.url)
    try:
        with guard_running(s, detector=ConstantDetector("block")) as (url, guard):
            pinned = guard.keys.create("pinned", rpm=1000, tpm=10**6)
            guard.keys.set_override(pinned[0].id, "block")
            flagged = guard.keys.create("flagged", rpm=1000, tpm=10**6)[1]
            assert _post(url, flagged, {**CHAT, "max_tokens": 4}).status_code == 200  # its first request
            observed(guard)
            good = guard.keys.create("good", rpm=1000, tpm=10**6)
            guard.keys.set_override(good[0].id, "ok")
            codes = [
                httpx.get(f"{url}/v1/models", headers={"authorization": f"Bearer {k}"}).status_code
                for k in (pinned[1], flagged, good[1])
            ]
            rows = audit_rows_when(s.db, 4)
    finally:
        up.close()
    assert codes == [403, 403, 200]
    listing = [(r["status"], r["action"]) for r in rows if r["endpoint"] == "models"]
    assert listing == [(403, "block"), (403, "block"), (200, "none")]


# --- fields that choose the weights ---

WEIGHTS = {
    "adapters": "/srv/models/someone-elses-adapter",  # mlx_lm.server: a LoRA adapter from any path
    "draft_model": "big-org/a-70b-model",  # mlx_lm.server, LM Studio: loaded (downloaded) as the draft
    "num_draft_tokens": 64,
    "ttl": 1,  # LM Studio: unload the model one second after this request
    "speculative.n_max": 4096,  # llama.cpp
    "speculative.p_min": 0.0,
    "ngram_corpus_id": "another-tenants-corpus",  # SGLang
    "custom_labels": {"tenant": "x" * 64},
}


def test_fields_that_choose_the_weights_never_reach_the_upstream(tmp_path):
    """Old code: every field of WEIGHTS reached the upstream as sent, on both endpoints. Now none
    does, and the request is answered as without them."""
    up = Recording()
    s = settings(tmp_path, up.url)
    try:
        with guard_running(s) as (url, guard):
            secret = guard.keys.create("k", rpm=1000, tpm=10**6)[1]
            codes = [
                _post(url, secret, {**CHAT, "max_tokens": 4, **WEIGHTS}).status_code,
                _post(
                    url, secret, {"model": "fake", "prompt": "hi", **WEIGHTS}, "/v1/completions"
                ).status_code,
            ]
    finally:
        up.close()
    assert codes == [200, 200]
    assert [sorted(set(WEIGHTS) & set(b)) for b in up.bodies if b] == [[], []]


def test_vllm_xargs_go_under_a_logprob_treatment(tmp_path):
    """Old code: a `suspect` key's `vllm_xargs` (the arguments of the logits processors an operator
    registered with vLLM, as `logits_processors` names them) reached the upstream. Now they go under
    any log-prob treatment, and still reach it from a key in good standing."""
    up = Recording()
    s = settings(tmp_path, up.url)
    xargs = {"vllm_xargs": {"target_token": 42, "threshold": 0.37}}
    try:
        with guard_running(s) as (url, guard):
            suspect, ok = suspect_and_ok(guard)
            codes = [_post(url, k, {**CHAT, "max_tokens": 4, **xargs}).status_code for k in (suspect, ok)]
    finally:
        up.close()
    assert codes == [200, 200]
    assert [b.get("vllm_xargs") for b in up.bodies if b] == [None, xargs["vllm_xargs"]]


# --- stop strings ---


def test_stop_strings_are_bounded_and_stop_regex_refused(tmp_path):
    """Old code: 100,000 stop strings (a 0.8 MB body), a 50,000-character stop string and a
    backtracking `stop_regex` all reached the upstream (200 each). Now each is a one-line 400 that
    names the field, before the upstream sees it; 16 stop strings of up to 64 characters still go
    (10,000 until round 36)."""
    up = Recording()
    s = settings(tmp_path, up.url)
    many = [f"{i:x}" for i in range(100_000)]
    try:
        with guard_running(s) as (url, guard):
            secret = guard.keys.create("k", rpm=1000, tpm=10**7)[1]
            refused = [
                _post(url, secret, {**CHAT, "max_tokens": 4, **extra})
                for extra in (
                    {"stop": many},
                    {"stop": many[:17]},
                    {"stop": "x" * 50_000},
                    {"stop": ["\n", "y" * 10_001]},
                    {"stop_regex": ["(a|aa)+$"]},
                )
            ]
            sent = up.stats["requests"]
            ok = _post(url, secret, {**CHAT, "max_tokens": 4, "stop": [*many[:15], "z" * 64]})
    finally:
        up.close()
    assert [r.status_code for r in refused] == [400] * 5
    assert [r.json()["error"]["param"] for r in refused] == ["stop"] * 4 + ["stop_regex"]
    assert all("\n" not in r.json()["error"]["message"] for r in refused)
    assert sent == 0
    assert ok.status_code == 200 and up.bodies[-1]["stop"] == [*many[:15], "z" * 64]

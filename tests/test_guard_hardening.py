"""Findings of session 23's adversarial review of the guard, each with the request that showed it.

- completions `logprobs: 0` passed a `top_logprobs_cap: 0` policy (every sampled token's log-prob
  came back at full precision) and the detector counted it as asking for none;
- `max_tokens: 400, max_completion_tokens: 1` passed a gateway bound of 64 (the bound and the
  reservation read `max_completion_tokens` first; llama-cpp-python generates `max_tokens`);
- `best_of` was neither bounded nor counted; a flat token-id prompt counted one prompt per id;
- a body of 140,000 one-token prompts cost ~0.5 s of the event loop before the limits refused it;
- text in a message's `tool_calls` / `reasoning_content` / `name` reached the upstream unseen;
- llama.cpp's `n_probs` / `post_sampling_probs` bypassed the logprob treatment;
- the audit said `watermark` for an answer the upstream sent unwatermarked.
"""

from __future__ import annotations

import json
import math
import time

import httpx
import pytest
import yaml

from fakes.upstream import FakeUpstream
from guard_support import (
    ConstantDetector,
    audit_rows,
    guard_running,
    observed,
    offline_settings,
    request_context,
    settings,
)
from stillroom.contracts.audit import applied
from stillroom.contracts.openai import ApiError
from stillroom.detector.features import extract
from stillroom.detector.types import TrafficEvent
from stillroom.guard.pipeline import parse_body
from stillroom.guard.policy import (
    Action,
    Jitter,
    bound_output,
    cap_request,
    drop_extension_logprobs,
    process_choices,
)
from stillroom.serve.thread import running

# --- logprob policy ---


def test_cap_zero_removes_completions_logprobs_zero():
    body = {"prompt": "x", "logprobs": 0, "echo": True}
    assert cap_request(body, "completions", 0) and "logprobs" not in body
    assert not cap_request({"logprobs": 0}, "completions", 2)  # under a cap of 2, 0 alternatives is fine


def test_cap_zero_strips_logprobs_the_upstream_sent_anyway():
    choices = [{"logprobs": {"tokens": ["a"], "token_logprobs": [-0.1], "top_logprobs": [{"a": -0.1}]}}]
    process_choices(choices, Action(top_logprobs_cap=0), Jitter(b"test"))
    assert choices[0]["logprobs"] is None


def test_server_extension_logprob_fields_are_dropped_and_treated():
    body = {"n_probs": 10, "post_sampling_probs": True, "prompt_logprobs": 5, "top_logprobs": 2}
    assert drop_extension_logprobs(body) and body == {"top_logprobs": 2}
    # llama.cpp's post-sampling form, should an upstream send it anyway: capped and rounded too
    tok = {"prob": 0.61234, "top_probs": [{"prob": 0.61234}, {"prob": 0.2}, {"prob": 0.1}]}
    choices = [{"logprobs": {"content": [tok]}}]
    process_choices(choices, Action(top_logprobs_cap=2, logprobs="round", round_decimals=1), Jitter(b"test"))
    out = choices[0]["logprobs"]["content"][0]
    assert len(out["top_probs"]) == 2
    assert out["prob"] == pytest.approx(math.exp(round(math.log(0.61234), 1)))
    # a probability of 0 stays a probability under perturbation
    zero = [{"logprobs": {"content": [{"prob": 0.0, "top_probs": [{"prob": 0.0}]}]}}]
    process_choices(zero, Action(logprobs="perturb", perturb_sigma=1.0), Jitter(b"test"))
    assert zero[0]["logprobs"]["content"][0] == {"prob": 0.0, "top_probs": [{"prob": 0.0}]}


def test_detector_counts_completions_logprobs_zero_as_asking_for_logprobs():
    ev = TrafficEvent("k", 0.0, "completions", "score this", None, {"logprobs": 0, "echo": True})
    assert extract(ev).logprobs
    ev = TrafficEvent("k", 0.0, "completions", "x", None, {"n_probs": 10})
    assert extract(ev).top_logprobs == 10


# --- answer length and accounting ---


def test_max_tokens_bound_reads_the_larger_of_both_fields():
    body = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}
    with pytest.raises(ApiError) as e:
        request_context("chat", body | {"max_tokens": 400, "max_completion_tokens": 1}, max_tokens=64)
    assert e.value.status == 400 and "max_tokens is 400" in e.value.message
    ctx = request_context("chat", body | {"max_tokens": 40, "max_completion_tokens": 1}, max_tokens=64)
    assert ctx.reserved >= 40  # reserved for what an upstream reading `max_tokens` generates


def test_best_of_is_bounded_and_counted():
    body = {"model": "m", "prompt": "hi", "max_tokens": 10}
    with pytest.raises(ApiError) as e:
        request_context("completions", body | {"best_of": 50}, max_n=8)
    assert e.value.status == 400 and "best_of" in e.value.message
    one, five = request_context("completions", body), request_context("completions", body | {"best_of": 5})
    assert five.token_estimate - five.prompt_estimate == 5 * (one.token_estimate - one.prompt_estimate)


def test_token_id_prompt_is_one_prompt_and_max_tokens_zero_is_zero():
    ids = list(range(1, 513))
    ctx = request_context(
        "completions", {"model": "m", "prompt": ids, "max_tokens": 0, "echo": True, "logprobs": 1}
    )
    # 512 tokens of prompt, nothing generated (it was 512 prompts x 256 default tokens = 131k)
    assert 512 <= ctx.token_estimate <= 520


def test_completions_null_max_tokens_means_the_default_not_the_whole_context():
    body = {"prompt": "x", "max_tokens": None}
    assert bound_output(body, "completions", 64) and body["max_tokens"] == 16  # OpenAI's default, written
    body = {"prompt": "x", "max_tokens": 5}
    assert not bound_output(body, "completions", 64) and body["max_tokens"] == 5
    chat = {"messages": []}
    assert bound_output(chat, "chat", 64) and chat["max_tokens"] == 64


def test_list_shaped_bodies_are_refused_before_validation():
    big = json.dumps({"model": "m", "max_tokens": 1, "prompt": [[7]] * 20_000}).encode()
    with pytest.raises(ApiError) as e:  # ~2 ms here; validated, the same body cost ~70 ms
        parse_body(big, "completions", offline_settings())  # type: ignore[arg-type]
    assert e.value.status == 400 and "at most 256" in e.value.message
    msgs = {"model": "m", "messages": [{"role": "user", "content": "x"}] * 3000}
    with pytest.raises(ApiError, match="at most 2048"):
        parse_body(json.dumps(msgs).encode(), "chat", offline_settings())  # type: ignore[arg-type]
    # a flat token-id prompt is one prompt, however long
    ok = {"model": "m", "max_tokens": 1, "prompt": [7] * 20_000}
    parse_body(json.dumps(ok).encode(), "completions", offline_settings())  # type: ignore[arg-type]


# --- through a live guard ---

SUSPECT = {"suspect": {"top_logprobs_cap": 0, "watermark": True}}
HIDDEN = "Generate 50 diverse instruction and response training pairs about chemistry"


@pytest.fixture(scope="module")
def upstream():
    up = FakeUpstream(model="fake")  # serve without allow_watermark_header: it answers `watermark: off`
    with running(up) as url:
        yield url, up


@pytest.fixture()
def suspect_gw(upstream, tmp_path):
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(SUSPECT))
    det = ConstantDetector("suspect")
    with guard_running(settings(tmp_path, upstream[0], policy=str(path)), det) as (url, guard):
        secret = guard.keys.create("p", rpm=100, tpm=100_000)[1]
        headers = {"authorization": f"Bearer {secret}"}
        httpx.post(
            f"{url}/v1/chat/completions",
            headers=headers,
            json={"model": "fake", "max_tokens": 1, "messages": [{"role": "user", "content": "hi"}]},
        )  # the verdict applies from the next request
        observed(guard)
        yield url, guard, det, upstream[1], headers


def test_live_logprobs_zero_gets_no_logprobs_and_watermark_is_audited_unapplied(suspect_gw):
    url, guard, _, up, headers = suspect_gw
    r = httpx.post(
        f"{url}/v1/completions",
        headers=headers,
        json={"model": "fake", "prompt": "The capital of France", "logprobs": 0, "max_tokens": 4},
    )
    assert r.status_code == 200
    assert "logprobs" not in up.last[1] and r.json()["choices"][0].get("logprobs") is None
    observed(guard)
    time.sleep(0.2)  # the audit is flushed every 20 ms
    action = audit_rows(guard.settings.db)[-1]["action"]
    assert "watermark_unapplied" in action.split(",") and not applied(action, "watermark")


def test_live_detector_sees_text_outside_message_content(suspect_gw):
    url, guard, det, _, headers = suspect_gw
    messages = [
        {"role": "user", "content": "hi"},
        {
            "role": "assistant",
            "content": None,
            "reasoning_content": HIDDEN,
            "tool_calls": [
                {
                    "id": "c1",
                    "type": "function",
                    "function": {"name": "plan", "arguments": json.dumps({"task": HIDDEN})},
                }
            ],
        },
        {"role": "tool", "tool_call_id": "c1", "content": "ok", "name": "planner"},
        {"role": "user", "content": "continue"},
    ]
    httpx.post(
        f"{url}/v1/chat/completions",
        headers=headers,
        json={"model": "fake", "max_tokens": 2, "messages": messages},
    )
    observed(guard)
    seen = json.dumps(det.events[-1].messages)
    assert seen.count(HIDDEN) == 2 and "planner" in seen


def test_applied_reads_the_action_string():
    assert applied("tighten,watermark", "watermark")
    assert not applied("watermark,watermark_unapplied", "watermark")
    assert applied("antidistill:poe@0.5", "antidistill")
    assert not applied("antidistill:poe@0.5,antidistill_unapplied", "antidistill")
    assert not applied(None, "watermark") and not applied("rate_limited", "watermark")


def test_a_key_may_send_only_so_many_bodies_at_once(tmp_path):
    """Old code: any number of one key's slow uploads were held, each up to max_body_bytes for
    body_timeout_s, before the key's limits saw a single one of them."""
    import socket

    s = settings(tmp_path, "http://127.0.0.1:9", models=["fake"], max_body_reads_per_key=2, body_timeout_s=5)
    with guard_running(s) as (url, guard):
        secret = guard.keys.create("slow", rpm=1000, tpm=10**9)[1]
        other = guard.keys.create("other", rpm=1000, tpm=10**9)[1]
        head = (
            f"POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer {secret}\r\n"
            "content-type: application/json\r\ncontent-length: 1000\r\n\r\n"
        ).encode() + b'{"model": "fa'
        port = int(url.rsplit(":", 1)[1])
        socks = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
        try:
            for sock in socks:
                sock.sendall(head)
            deadline = time.monotonic() + 3
            while sum(guard.reading.values()) < 2 and time.monotonic() < deadline:
                time.sleep(0.01)
            body = {"model": "fake", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 1}
            r = httpx.post(
                f"{url}/v1/chat/completions", headers={"authorization": f"Bearer {secret}"}, json=body
            )
            assert r.status_code == 429 and "request bodies" in r.json()["error"]["message"]
            # another key is not affected (its request gets past the body read: the upstream is down)
            r = httpx.post(
                f"{url}/v1/chat/completions", headers={"authorization": f"Bearer {other}"}, json=body
            )
            assert r.status_code != 429
        finally:
            for sock in socks:
                sock.close()
        deadline = time.monotonic() + 3
        while guard.reading and time.monotonic() < deadline:
            time.sleep(0.01)
        assert guard.reading == {}  # nothing left counted once the clients hung up

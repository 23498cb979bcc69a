"""Policy actions per verdict, checked on what the upstream received and what the client got back.

The upstream here is the recording fake (guard_support), so each test sees the exact JSON and
headers the guard forwarded. The verdict comes from a ConstantDetector or an admin override.
"""

from __future__ import annotations

import math
import os
import time

import httpx
import openai
import pytest
import yaml

from fakes.upstream import FakeUpstream
from guard_support import (
    ADMIN,
    ConstantDetector,
    guard_running,
    settings,
)
from stillroom.guard.policy import Action, Jitter, Policy, cap_request, process_choices
from stillroom.serve.thread import running

HI = [{"role": "user", "content": "List the capitals of Europe."}]
# What the fake teacher behind the upstream gives every token: the chosen one half the mass, the
# other 31 words of its vocabulary the rest in equal shares.
LOGPROBS = [math.log(0.5)] + [math.log(0.5 / 31)] * 4

POLICY = {
    "ok": {},
    "watch": {"notice": "Bulk extraction violates our usage policy."},
    "suspect": {
        "limit_multiplier": 0.5,
        "top_logprobs_cap": 2,
        "logprobs": "round",
        "round_decimals": 1,
        "watermark": True,
        "notice": "watch out",
    },
    "block": {"block": True, "reason": "distillation is not permitted"},
}


@pytest.fixture(scope="module")
def upstream():
    up = FakeUpstream(model="fake")
    with running(up) as url:
        yield url, up


@pytest.fixture()
def gw(upstream, tmp_path):
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(POLICY))
    det = ConstantDetector("ok")
    with guard_running(settings(tmp_path, upstream[0], policy=str(path)), det) as (url, guard):
        secret = guard.keys.create("p", rpm=100, tpm=100_000)[1]
        yield url, guard, det, upstream[1], secret, path


def oai(url: str, secret: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{url}/v1", api_key=secret, max_retries=0)


def flag(det: ConstantDetector, verdict: str, url: str, secret: str) -> None:
    """Make the detector say `verdict` and let it see one request of the key: the verdict applies
    from the key's next request on (the detector observes each request after its response)."""
    det.verdict = verdict
    oai(url, secret).chat.completions.create(model="fake", messages=HI, max_tokens=1)


def test_ok_passes_logprobs_untouched(gw):
    url, _, _, rec, secret, _ = gw
    r = oai(url, secret).chat.completions.with_raw_response.create(
        model="fake", messages=HI, logprobs=True, top_logprobs=5
    )
    headers, body = rec.last
    assert body["top_logprobs"] == 5 and "x-stillroom-watermark" not in headers
    tops = r.parse().choices[0].logprobs.content[0].top_logprobs
    assert [t.logprob for t in tops] == LOGPROBS and "x-stillroom-notice" not in r.headers


def test_watch_adds_notice_header_and_field(gw):
    url, _, det, _, secret, _ = gw
    flag(det, "watch", url, secret)
    r = httpx.post(
        f"{url}/v1/chat/completions",
        headers={"authorization": f"Bearer {secret}"},
        json={"model": "fake", "messages": HI},
    )
    assert r.headers["x-stillroom-notice"] == POLICY["watch"]["notice"]
    assert r.json()["stillroom_notice"] == POLICY["watch"]["notice"]


def test_suspect_caps_rounds_watermarks_and_tightens(gw):
    url, _, det, rec, secret, _ = gw
    flag(det, "suspect", url, secret)
    c = oai(url, secret)
    r = c.chat.completions.with_raw_response.create(model="fake", messages=HI, logprobs=True, top_logprobs=5)
    headers, body = rec.last
    assert body["top_logprobs"] == 2 and headers["x-stillroom-watermark"] == "on"
    tops = r.parse().choices[0].logprobs.content[0].top_logprobs
    assert [t.logprob for t in tops] == [round(x, 1) for x in LOGPROBS[:2]]
    # the key's own limit: headers do not announce a verdict (rate_limit_headers: base), while
    # 100 x 0.5 is enforced (tests/test_guard_review25.py)
    assert r.headers["x-ratelimit-limit-requests"] == "100"
    # legacy completions: `logprobs` is the top-k count and its dicts get the same treatment
    r2 = c.completions.create(model="fake", prompt="x", logprobs=5)
    assert rec.last[1]["logprobs"] == 2
    assert set(r2.choices[0].logprobs.token_logprobs) == {round(LOGPROBS[0], 1)}
    assert len(r2.choices[0].logprobs.top_logprobs[0]) <= 2


def test_suspect_stream_is_post_processed_chunk_by_chunk(gw):
    url, _, det, _, secret, _ = gw
    flag(det, "suspect", url, secret)
    chunks = list(
        oai(url, secret).chat.completions.create(
            model="fake", messages=HI, logprobs=True, top_logprobs=5, stream=True
        )
    )
    lps = [ch.choices[0].logprobs for ch in chunks if ch.choices and ch.choices[0].logprobs]
    assert len(lps) >= 8  # one chunk per token; the fake teacher answers with at least 8
    for lp in lps:
        assert [t.logprob for t in lp.content[0].top_logprobs] == [round(x, 1) for x in LOGPROBS[:2]]


def test_block_is_403_with_reason(gw):
    url, _, det, _, secret, _ = gw
    flag(det, "block", url, secret)
    with pytest.raises(openai.PermissionDeniedError, match="distillation is not permitted") as e:
        oai(url, secret).chat.completions.create(model="fake", messages=HI)
    assert e.value.body["code"] == "policy_blocked"


class BlocksAfter(ConstantDetector):
    """Says `ok` for a key's first `n` requests, `block` from then on; then fails (a blocked key
    must stay blocked when the detector breaks)."""

    def __init__(self, n: int):
        super().__init__("ok")
        self.n = n

    def observe(self, event):
        if len(self.events) > self.n:
            raise RuntimeError("detector broke")
        self.verdict = "block" if len(self.events) + 1 >= self.n else "ok"
        return super().observe(event)


@pytest.mark.parametrize("stream", [False, True])
def test_a_key_that_reaches_block_is_refused_on_its_next_request(upstream, tmp_path, stream):
    """The detector observes each request after its response (off the critical path): the request
    that makes it say `block` is answered, the key's next one is refused, and every one after."""
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(POLICY))
    det = BlocksAfter(3)
    with guard_running(settings(tmp_path, upstream[0], policy=str(path)), det) as (url, guard):
        secret = guard.keys.create("b", rpm=1000)[1]
        body = {"model": "fake", "messages": HI, "max_tokens": 4, "stream": stream}
        auth = {"authorization": f"Bearer {secret}"}
        statuses = [
            httpx.post(f"{url}/v1/chat/completions", json=body, headers=auth).status_code for _ in range(6)
        ]
        assert guard.metrics.detector_errors._value.get() >= 1
    assert statuses == [200, 200, 200, 403, 403, 403]


def test_admin_override_beats_detector(gw):
    url, _, det, _, secret, _ = gw
    kid = secret.split("-")[2]
    det.verdict = "ok"
    admin = {"authorization": f"Bearer {ADMIN}"}
    r = httpx.put(f"{url}/admin/keys/{kid}/verdict", headers=admin, json={"verdict": "block"})
    assert r.status_code == 200 and r.json()["verdict"] == "block"
    with pytest.raises(openai.PermissionDeniedError):
        oai(url, secret).chat.completions.create(model="fake", messages=HI)
    httpx.put(f"{url}/admin/keys/{kid}/verdict", headers=admin, json={"verdict": None})
    oai(url, secret).chat.completions.create(model="fake", messages=HI)


def test_policy_hot_reload_and_bad_edit_keeps_last_good(gw):
    url, guard, det, _, secret, path = gw
    det.verdict = "ok"
    guard.policy.check_s = 0.0
    path.write_text(yaml.safe_dump({**POLICY, "ok": {"notice": "new rules"}}))
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10_000_000))
    r = oai(url, secret).chat.completions.with_raw_response.create(model="fake", messages=HI)
    assert r.headers["x-stillroom-notice"] == "new rules"
    path.write_text("ok: {notice: [unclosed")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 20_000_000))
    r = oai(url, secret).chat.completions.with_raw_response.create(model="fake", messages=HI)
    assert r.headers["x-stillroom-notice"] == "new rules"


def test_process_choices_perturb_keeps_logprobs_valid():

    choices = [
        {
            "logprobs": {
                "content": [{"logprob": -0.01, "top_logprobs": [{"logprob": -0.01}, {"logprob": -5.0}]}]
            }
        }
    ]
    process_choices(choices, Action(logprobs="perturb", perturb_sigma=1.0), Jitter(b"test"))
    tops = choices[0]["logprobs"]["content"][0]["top_logprobs"]
    assert all(t["logprob"] <= 0 for t in tops) and tops[1]["logprob"] != -5.0


def test_cap_request_zero_removes_logprobs():
    body = {"logprobs": True, "top_logprobs": 5}
    assert cap_request(body, "chat", 0) and body == {"logprobs": False}
    body = {"logprobs": 3}
    assert cap_request(body, "completions", 0) and body == {}
    assert not cap_request({"logprobs": 1}, "completions", 2)


def test_policy_yaml_rejects_unknown_fields():
    with pytest.raises(ValueError):
        Policy.model_validate({"suspect": {"explode": True}})

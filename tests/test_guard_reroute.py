"""Countermeasure actions: `reroute` to a named weaker upstream, transparently, and
`max_output_tokens`. Two recording fake upstreams on 127.0.0.1 show which one served each request."""

from __future__ import annotations

import os
import time

import openai
import pytest
import yaml

from fakes.upstream import FakeUpstream
from guard_support import ConstantDetector, audit_rows, guard_running, settings
from stillroom.config import load_config
from stillroom.errors import UserError
from stillroom.guard.policy import PolicySource, cap_output
from stillroom.guard.settings import GuardSettings
from stillroom.serve.thread import running

HI = [{"role": "user", "content": "List the capitals of Europe."}]
POLICY = {
    "ok": {},
    "suspect": {"reroute": "cheap", "notice": "rerouted"},
    "watch": {"max_output_tokens": 3},
}


@pytest.fixture(scope="module")
def upstreams():
    main, cheap = FakeUpstream(model="fake"), FakeUpstream(model="cheap-model")
    with running(main) as main_url, running(cheap) as cheap_url:
        yield (main_url, main), (cheap_url, cheap)


@pytest.fixture()
def gw(upstreams, tmp_path):
    (main_url, _), (cheap_url, _) = upstreams
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(POLICY))
    alt = {"cheap": {"url": cheap_url, "model": "cheap-model"}}
    s = settings(tmp_path, main_url, policy=str(path), upstreams=alt)
    det = ConstantDetector("ok")
    with guard_running(s, det) as (url, guard):
        client = openai.OpenAI(base_url=f"{url}/v1", api_key=guard.keys.create("r")[1], max_retries=0)
        yield client, det, guard, s


def _served(up: FakeUpstream) -> int:
    return len(up.requests)


def test_suspect_key_is_served_by_the_cheap_upstream_transparently(gw, upstreams):
    client, det, _, s = gw
    (_, main), (_, cheap) = upstreams
    m0, c0 = _served(main), _served(cheap)
    det.verdict = "suspect"  # from the key's next request on (the detector sees each one after it)
    ok = client.chat.completions.create(model="fake", messages=HI, max_tokens=4)
    assert (_served(main), _served(cheap)) == (m0 + 1, c0)
    r = client.chat.completions.with_raw_response.create(model="fake", messages=HI, max_tokens=4)
    assert (_served(main), _served(cheap)) == (m0 + 1, c0 + 1)
    assert cheap.last[1]["model"] == "cheap-model"  # the cheap upstream's own name on the way there
    body = r.parse()
    assert body.model == ok.model == "fake"  # ... the client's on the way back
    assert r.headers["x-stillroom-notice"] == "rerouted"
    chunks = list(client.chat.completions.create(model="fake", messages=HI, max_tokens=4, stream=True))
    assert _served(cheap) == c0 + 2 and {c.model for c in chunks} == {"fake"}
    rows = _wait_rows(s.db, 3)
    assert [r["action"] for r in rows[-3:]] == ["allow", "notice,reroute:cheap", "notice,reroute:cheap"]


def _wait_rows(db: str, n: int, timeout_s: float = 5.0) -> list[dict]:
    deadline = time.monotonic() + timeout_s
    while len(rows := audit_rows(db)) < n and time.monotonic() < deadline:
        time.sleep(0.05)
    return rows


def test_max_output_tokens_caps_the_answer(gw, upstreams):
    client, det, _, _ = gw
    (_, main), _ = upstreams
    det.verdict = "watch"
    client.chat.completions.create(model="fake", messages=HI, max_tokens=1)  # the detector sees the key
    r = client.chat.completions.create(model="fake", messages=HI, max_tokens=50)
    assert main.last[1]["max_tokens"] == 3 and r.usage.completion_tokens <= 3
    client.chat.completions.create(model="fake", messages=HI)  # none asked: the cap is set
    assert main.last[1]["max_tokens"] == 3
    client.chat.completions.create(model="fake", messages=HI, max_tokens=2)  # below the cap: kept
    assert main.last[1]["max_tokens"] == 2


def test_cap_output_fields():
    body = {"max_completion_tokens": 100}
    assert cap_output(body, 8) and body == {"max_completion_tokens": 8}
    body = {"max_tokens": 5}
    assert not cap_output(body, 8) and body == {"max_tokens": 5}
    body = {}
    assert cap_output(body, 8) and body == {"max_tokens": 8}


def test_unknown_upstream_is_refused_at_load_in_one_line(tmp_path):
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump({"suspect": {"reroute": "cheep"}}))
    cfg = tmp_path / "guard.yaml"
    cfg.write_text(
        yaml.safe_dump({"env": "dev", "policy": str(path), "upstreams": {"cheap": {"url": "http://x"}}})
    )
    with pytest.raises(UserError) as e:
        load_config(GuardSettings, cfg)
    msg = str(e.value)
    assert "\n" not in msg and "suspect -> cheep" in msg and "defined: cheap" in msg


def test_hot_reload_naming_unknown_upstream_keeps_last_good(tmp_path):
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump({"suspect": {"reroute": "cheap"}}))
    src = PolicySource(str(path), check_s=0.0, upstreams={"cheap"})
    path.write_text(yaml.safe_dump({"suspect": {"reroute": "gone"}}))
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10_000_000))
    assert src.current().suspect.reroute == "cheap"

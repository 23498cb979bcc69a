"""The guard end to end: openai client -> stillroom guard -> stillroom serve (FakeTeacher), all live.

Covers the proxied API (chat, completions, streaming, models), keys (CLI-made, revoked), the
rate-limit headers and 429, and token accounting against the upstream's real usage.
"""

from __future__ import annotations

import asyncio
import time

import httpx
import openai
import pytest
from typer.testing import CliRunner

from fakes.upstream import FakeUpstream
from guard_support import ADMIN, ConstantDetector, guard_running, observed, settings
from stillroom.cli import app as cli_app
from stillroom.errors import UserError
from stillroom.serve.thread import running

HI = [{"role": "user", "content": "Explain how photosynthesis works."}]


@pytest.fixture(scope="module")
def serve_url():
    with running(FakeUpstream(model="fake")) as url:
        yield url


@pytest.fixture(scope="module")
def gw(serve_url, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gw")
    det = ConstantDetector()
    with guard_running(settings(tmp, serve_url), det) as (url, guard):
        yield url, guard, det


def client(url: str, secret: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{url}/v1", api_key=secret, max_retries=0)


def new_key(guard, **kw) -> str:
    return guard.keys.create(kw.pop("label", "test"), **kw)[1]


def test_chat_and_completions_through_guard(gw):
    url, guard, det = gw
    c = client(url, new_key(guard))
    r = c.chat.completions.create(model="fake", messages=HI, max_tokens=16, logprobs=True, top_logprobs=3)
    assert r.choices[0].message.content and r.usage.completion_tokens > 0
    assert len(r.choices[0].logprobs.content[0].top_logprobs) == 3
    r2 = c.completions.create(model="fake", prompt="Once upon a time", max_tokens=8)
    assert r2.choices[0].text
    observed(guard)
    assert [e.endpoint for e in det.events[-2:]] == ["chat", "completions"]
    assert det.events[-2].prompt == HI[0]["content"] and det.events[-2].params["top_logprobs"] == 3
    assert [m.id for m in c.models.list().data] == ["fake"]


def test_streaming_passes_chunks_through(gw, serve_url):
    url, guard, _ = gw
    c = client(url, new_key(guard))
    direct = client(serve_url, "x").chat.completions.create(model="fake", messages=HI, max_tokens=12)
    chunks = list(
        c.chat.completions.create(
            model="fake", messages=HI, max_tokens=12, stream=True, stream_options={"include_usage": True}
        )
    )
    text = "".join(ch.choices[0].delta.content or "" for ch in chunks if ch.choices)
    assert text == direct.choices[0].message.content
    assert len(chunks) > 3 and chunks[-1].usage.completion_tokens == direct.usage.completion_tokens


def test_missing_wrong_and_revoked_keys_are_401(gw):
    url, guard, _ = gw
    r = httpx.post(f"{url}/v1/chat/completions", json={"model": "fake", "messages": HI})
    assert r.status_code == 401 and r.json()["error"]["code"] == "missing_api_key"
    for secret in ("sk-nope", "sk-sr-abc-def", ADMIN):
        with pytest.raises(openai.AuthenticationError):
            client(url, secret).chat.completions.create(model="fake", messages=HI)
    secret = new_key(guard)
    good = secret[:-1] + ("A" if secret[-1] != "A" else "B")
    with pytest.raises(openai.AuthenticationError) as e:
        client(url, good).chat.completions.create(model="fake", messages=HI)
    assert e.value.body["code"] == "invalid_api_key"
    client(url, secret).chat.completions.create(model="fake", messages=HI, max_tokens=4)
    guard.keys.revoke(secret.split("-")[2])
    with pytest.raises(openai.AuthenticationError, match="revoked"):
        client(url, secret).chat.completions.create(model="fake", messages=HI)


def test_keys_cli_create_list_revoke(gw):
    url, guard, _ = gw
    db = guard.settings.db
    runner = CliRunner()
    args = [
        "keys",
        "create",
        "--label",
        "cli-user",
        "--rpm",
        "7",
        "--account",
        "organisation=acme",
        "--db",
        db,
    ]
    out = runner.invoke(cli_app, args)
    assert out.exit_code == 0, out.output
    secret = next(line.split()[1] for line in out.output.splitlines() if line.startswith("secret:"))
    kid = secret.split("-")[2]
    assert set(guard.keys.get(kid).account_fields()) == {"organisation"}
    assert "acme" not in guard.keys.get(kid).account  # stored hashed
    bad = runner.invoke(cli_app, ["keys", "create", "--label", "x", "--account", "nofield", "--db", db])
    assert isinstance(bad.exception, UserError) and "field=value" in str(bad.exception)
    r = client(url, secret).chat.completions.with_raw_response.create(model="fake", messages=HI, max_tokens=4)
    assert r.headers["x-ratelimit-limit-requests"] == "7"
    listed = runner.invoke(cli_app, ["keys", "list", "--db", db]).output
    assert kid in listed and "cli-user" in listed and secret not in listed
    assert runner.invoke(cli_app, ["keys", "revoke", kid, "--db", db]).exit_code == 0
    with pytest.raises(openai.AuthenticationError):
        client(url, secret).chat.completions.create(model="fake", messages=HI)
    bad = runner.invoke(cli_app, ["keys", "revoke", "nosuchkey", "--db", db])
    assert isinstance(bad.exception, UserError) and "no key" in str(bad.exception)  # main() prints it


def test_rate_limit_headers_and_429(gw):
    url, guard, _ = gw
    c = client(url, new_key(guard, rpm=3, tpm=100_000))
    seen = []
    for _ in range(3):
        r = c.chat.completions.with_raw_response.create(model="fake", messages=HI, max_tokens=4)
        seen.append(int(r.headers["x-ratelimit-remaining-requests"]))
    assert seen == [2, 1, 0]
    assert r.headers["x-ratelimit-limit-tokens"] == "100000" and r.headers["x-ratelimit-reset-requests"]
    with pytest.raises(openai.RateLimitError) as e:
        c.chat.completions.create(model="fake", messages=HI, max_tokens=4)
    assert int(e.value.response.headers["retry-after"]) >= 1
    assert e.value.body["type"] == "rate_limit_error" and e.value.body["code"] == "rate_limit_exceeded"


def test_tokens_are_charged_by_real_usage(gw):
    """Up front the key reserves an upper bound (body bytes + template + max_tokens); after the
    answer the reservation is replaced by the upstream's real usage."""
    url, guard, _ = gw
    c = client(url, new_key(guard, rpm=1000, tpm=5000))
    r = c.chat.completions.with_raw_response.create(model="fake", messages=HI, max_tokens=500)
    reserved = 5000 - int(r.headers["x-ratelimit-remaining-tokens"])
    assert reserved >= 500 + len(HI[0]["content"])  # charged before the upstream call
    used = r.parse().usage.total_tokens
    time.sleep(0.2)  # settlement runs after the response
    r2 = c.chat.completions.with_raw_response.create(model="fake", messages=HI, max_tokens=500)
    after = 5000 - int(r2.headers["x-ratelimit-remaining-tokens"])
    # charged now: the first request's real usage + the second's (equal) reservation - refill (83/s)
    assert used - 60 <= after - reserved <= used + 2
    with pytest.raises(openai.RateLimitError, match="tokens/min"):
        c.chat.completions.create(model="fake", messages=HI, max_tokens=4000, n=2)


def test_upstream_down_is_502(tmp_path):
    with guard_running(settings(tmp_path, "http://127.0.0.1:9", models=["fake"], upstream_timeout_s=2)) as (
        url,
        g,
    ):
        secret = new_key(g)
        r = httpx.post(
            f"{url}/v1/chat/completions",
            headers={"authorization": f"Bearer {secret}"},
            json={"model": "fake", "messages": HI},
        )
        assert r.status_code == 502 and r.json()["error"]["type"] == "upstream_error"


def test_upstream_model_list_expires(monkeypatch):
    """Regression: a cached model list never expired, so a model the upstream dropped stayed accepted."""
    from types import SimpleNamespace

    from stillroom.contracts.openai import ApiError
    from stillroom.guard import state

    now = [1000.0]
    monkeypatch.setattr(state.time, "monotonic", lambda: now[0])
    served = [["m1"]]
    calls = []

    async def models():
        calls.append(now[0])
        return served[0]

    guard = SimpleNamespace(settings=SimpleNamespace(models=None), _models=(0.0, ()))
    guard.upstream = SimpleNamespace(models=models)
    guard.model_ids = lambda wanted=None: state.Guard.model_ids(guard, wanted)

    def check(model: str) -> None:
        asyncio.run(state.Guard.check_model(guard, model))

    check("m1")
    now[0] += 1
    check("m1")  # a hit within the TTL: no refetch
    assert len(calls) == 1
    served[0] = ["m2"]
    now[0] += 1
    with pytest.raises(ApiError):
        check("m2")  # a miss refetches only after MODELS_MISS_RETRY_S
    now[0] += state.MODELS_MISS_RETRY_S
    check("m2")  # now it does, and finds the new model
    now[0] += state.MODELS_TTL_S + 1
    served[0] = ["m3"]
    with pytest.raises(ApiError):
        check("m2")  # expired: refetched, and the dropped model is refused
    assert len(calls) == 3

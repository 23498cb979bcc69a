"""Token accounting charges what was served (#14): a key cannot exceed its tokens/min by more than
one request's worth, streamed or not, in parallel or not; every prompt of a list counts; an
upstream 4xx costs at least its prompt. Real guard, `stillroom serve` with the fake teacher
(whose prompt tokens are the words of the last message, and whose streams send one token per
event), served tokens counted on the client side."""

from __future__ import annotations

import json
import threading
import time

import httpx
import pytest

from fakes.upstream import FakeUpstream
from guard_support import guard_running, settings
from stillroom.serve.thread import running

TPM = 2000
WORDS = 600  # prompt tokens per request, as the fake teacher counts them
PROMPT = " ".join(["a"] * WORDS)  # 1,199 characters: an estimate of chars / 4 sees only ~300 tokens


@pytest.fixture(scope="module")
def serve_url():
    with running(FakeUpstream(model="fake")) as url:
        yield url


@pytest.fixture(scope="module")
def gw(serve_url, tmp_path_factory):
    with guard_running(settings(tmp_path_factory.mktemp("acct"), serve_url, models=["fake"])) as (url, guard):
        yield url, guard


def one_request(http: httpx.Client, url: str, secret: str, mode: str) -> int | None:
    """Tokens served by one request (None: refused)."""
    headers = {"authorization": f"Bearer {secret}"}
    if mode == "list":  # 32 short prompts in one /v1/completions call, up to 30 tokens out each
        prompts = [f"d{i} e" for i in range(32)]
        r = http.post(
            f"{url}/v1/completions",
            headers=headers,
            json={"model": "fake", "prompt": prompts, "max_tokens": 30},
        )
        return r.json()["usage"]["total_tokens"] if r.status_code == 200 else None
    body = {"model": "fake", "messages": [{"role": "user", "content": PROMPT}], "max_tokens": 16}
    if mode == "plain":
        r = http.post(f"{url}/v1/chat/completions", headers=headers, json=body)
        return r.json()["usage"]["total_tokens"] if r.status_code == 200 else None
    with http.stream(
        "POST", f"{url}/v1/chat/completions", headers=headers, json={**body, "stream": True}
    ) as r:
        if r.status_code != 200:
            r.read()
            return None
        events = [line[6:] for line in r.iter_lines() if line.startswith("data: ") and line != "data: [DONE]"]
    chunks = [json.loads(e) for e in events]
    assert not any(c.get("usage") for c in chunks)  # the client did not ask for usage: none shown
    return WORDS + sum(1 for c in chunks if c["choices"] and c["choices"][0]["delta"].get("content"))


@pytest.mark.slow
@pytest.mark.parametrize("concurrency", [1, 8])
@pytest.mark.parametrize("mode", ["stream", "plain", "list"])
def test_a_key_cannot_exceed_its_tpm_by_more_than_one_request(gw, mode, concurrency):
    """Old code: a stream was charged its output only (12 of these passed a 2,000-tpm key in a few
    seconds), a list of prompts was charged as one prompt, and parallel requests each fitted the
    bucket before any was settled."""
    url, guard = gw
    secret = guard.keys.create(f"{mode}-{concurrency}", rpm=100_000, tpm=TPM)[1]
    served: list[int] = []
    stop = threading.Event()

    def client() -> None:
        with httpx.Client(timeout=30) as http:
            while not stop.is_set():
                got = one_request(http, url, secret, mode)
                if got is None:
                    time.sleep(0.05)
                else:
                    served.append(got)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    time.sleep(1.5)
    stop.set()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    allowed = TPM + TPM * elapsed / 60 + max(served, default=0)
    print(
        f"{mode} x{concurrency}: {len(served)} served, {sum(served)} tokens in {elapsed:.1f} s; bound {allowed:.0f}"
    )
    assert served, "nothing was served at all"
    assert sum(served) <= allowed


def test_an_upstream_4xx_costs_at_least_its_prompt(gw):
    """The fake upstream refuses `echo` with a 400 after reading the prompt. Old code refunded the
    whole estimate, so a key could send the upstream any number of them."""
    url, guard = gw
    secret = guard.keys.create("echo", rpm=100_000, tpm=1000)[1]
    body = {"model": "fake", "prompt": "c " * 1000, "max_tokens": 4, "echo": True}
    with httpx.Client(timeout=30) as http:
        codes = [
            http.post(
                f"{url}/v1/completions", headers={"authorization": f"Bearer {secret}"}, json=body
            ).status_code
            for _ in range(8)
        ]
    assert codes[0] == 400 and codes.count(400) <= 2 and codes.count(429) >= 6, codes

"""`stillroom serve` streams live: tokens reach the client while the batch is still decoding.

The proof does not rely on timing: a wrapper holds the tiny hf teacher's decode loop after its
first step until the test lets it go, so a stream that waits for the finished answer cannot
deliver a chunk before the gate opens (it would time out). Real uvicorn on 127.0.0.1.
"""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import openai
import pytest

from stillroom.serve.app import create_app
from stillroom.serve.config import ServeConfig
from stillroom.serve.thread import running
from stillroom.teachers import load_teacher

HI = [{"role": "user", "content": "Explain how photosynthesis works."}]


class GatedTeacher:
    """The hf teacher, with its decode loop paused after the first step until `gate` is set."""

    def __init__(self, inner):
        self.inner, self.name, self.tokenizer = inner, inner.name, inner.tokenizer
        self.gate = threading.Event()

    def info(self):
        return self.inner.info()

    def generate(self, prompts, params):
        return self.inner.generate(prompts, params)

    def generate_many(self, jobs, on_tokens=None):
        steps = 0

        def held(events):
            nonlocal steps
            if on_tokens is not None:
                on_tokens(events)
            steps += 1
            if steps == 1:
                self.gate.wait(30)

        return self.inner.generate_many(jobs, held)


@pytest.fixture(scope="module")
def hf(tiny_teacher_dir):
    return load_teacher(f"hf:{tiny_teacher_dir}")


@pytest.fixture(scope="module")
def tiny(hf):
    cfg = ServeConfig(model_name="tiny", max_wait_ms=5, max_n=4, max_tokens_limit=256)
    with running(create_app(hf, cfg)) as url:
        yield openai.OpenAI(base_url=f"{url}/v1", api_key="x", max_retries=0), url


def _first_token(lines) -> dict:
    """The first chunk that carries a token (its logprobs: the request asks for them)."""
    for line in lines:
        if line.startswith("data: ") and line != "data: [DONE]":
            chunk = json.loads(line[6:])
            if chunk["choices"][0].get("logprobs"):
                return chunk
    raise AssertionError("no token chunk")


@pytest.mark.parametrize("path", ["/v1/chat/completions", "/v1/completions"])
def test_first_chunk_arrives_while_the_batch_is_still_decoding(hf, path):
    gated = GatedTeacher(hf)
    body = {"model": "tiny", "temperature": 0, "max_tokens": 40, "stream": True}
    if "chat" in path:
        body |= {"messages": HI, "logprobs": True}
    else:
        body |= {"prompt": "The quick brown fox", "logprobs": 0}
    # Two streams: both must get their first token out of the same, still paused, generate call.
    # The batcher waits 1 s for the second: with 50 ms, a busy CI machine sent it after the first
    # batch had started (and paused), so it queued behind the gate and the read timed out.
    app = create_app(gated, ServeConfig(model_name="tiny", max_wait_ms=1000))
    with running(app) as url, ThreadPoolExecutor(2) as pool:
        streams = [pool.submit(_read_until_gate, url, path, body, gated) for _ in range(2)]
        firsts = [s.result(timeout=60) for s in streams]
        health = httpx.get(f"{url}/health").json()
        gated.gate.set()
    assert all(firsts) and health["generate_calls"] == 0 and health["requests"] == 2


def _read_until_gate(url: str, path: str, body: dict, gated: GatedTeacher) -> dict:
    """The first token chunk, read while the decode loop is paused (then the client hangs up)."""
    with httpx.stream("POST", url + path, json=body, timeout=20) as r:
        assert r.status_code == 200
        first = _first_token(r.iter_lines())
        assert not gated.gate.is_set()
        return first


def _stream_text(chunks, chat: bool) -> str:
    if chat:
        return "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    return "".join(c.choices[0].text for c in chunks if c.choices)


@pytest.mark.parametrize("seed", [1, 2])
def test_sampled_stream_with_logprobs_equals_the_whole_answer(tiny, seed):
    client, _ = tiny
    kw = {"model": "tiny", "messages": HI, "temperature": 1.0, "seed": seed, "max_tokens": 80}
    kw |= {"logprobs": True, "top_logprobs": 2}
    whole = client.chat.completions.create(**kw).choices[0]
    chunks = list(client.chat.completions.create(**kw, stream=True))
    assert _stream_text(chunks, chat=True) == whole.message.content
    streamed = [
        t for c in chunks if c.choices and c.choices[0].logprobs for t in c.choices[0].logprobs.content
    ]
    assert [t.token for t in streamed] == [t.token for t in whole.logprobs.content]
    assert [t.logprob for t in streamed] == pytest.approx(
        [t.logprob for t in whole.logprobs.content], abs=1e-6
    )
    assert [len(t.top_logprobs) for t in streamed] == [2] * len(streamed)


def test_stream_with_stop_strings_and_n_equals_the_whole_answer(tiny):
    client, _ = tiny
    kw = {"model": "tiny", "prompt": "Sort these words", "temperature": 0, "max_tokens": 60}
    free = client.completions.create(**kw).choices[0].text
    stop = free[10:13]
    kw |= {"stop": [stop], "n": 2, "logprobs": 1}
    whole = client.completions.create(**kw)
    chunks = list(client.completions.create(**kw, stream=True, stream_options={"include_usage": True}))
    for i in range(2):
        mine = [c for c in chunks if c.choices and c.choices[0].index == i]
        assert _stream_text(mine, chat=False) == whole.choices[i].text == free[: free.index(stop)]
        assert [c.choices[0].finish_reason for c in mine if c.choices[0].finish_reason] == ["stop"]
        tokens = [t for c in mine if c.choices[0].logprobs for t in c.choices[0].logprobs.tokens]
        assert tokens == whole.choices[i].logprobs.tokens
    assert chunks[-1].usage.completion_tokens == whole.usage.completion_tokens


def test_a_refused_stream_is_still_an_http_error(tiny):
    _, url = tiny
    body = {"model": "tiny", "prompt": "hello " * 600, "stream": True, "max_tokens": 5}
    r = httpx.post(f"{url}/v1/completions", json=body)
    assert r.status_code == 400 and r.json()["error"]["code"] == "context_length_exceeded"


def test_the_prefix_cache_is_on_and_changes_no_streamed_answer(hf):
    """Serve keeps prompt KV by default: chats that share a system prompt hit it (`/health` counts
    the hits) and stream the same text and logprobs as with the cache off."""
    system = {"role": "system", "content": "You are terse and exact."}
    chats = [[system, {"role": "user", "content": q}] for q in ("Explain photosynthesis.", "Name a river.")]
    seen = {}
    for tokens in (0, 4096):
        cfg = ServeConfig(model_name="tiny", prefix_cache_tokens=tokens)
        with running(create_app(hf, cfg)) as url:
            client = openai.OpenAI(base_url=f"{url}/v1", api_key="x", max_retries=0)
            answers = []
            for messages in chats:
                chunks = list(
                    client.chat.completions.create(
                        model="tiny",
                        messages=messages,
                        max_tokens=12,
                        temperature=0,
                        stream=True,
                        logprobs=True,
                    )
                )
                lps = [
                    t.logprob
                    for c in chunks
                    if c.choices and c.choices[0].logprobs
                    for t in c.choices[0].logprobs.content
                ]
                answers.append((_stream_text(chunks, True), lps))
            seen[tokens] = answers, httpx.get(f"{url}/health").json()["prefix_cache_hits"]
    (cold, no_hits), (warm, hits) = seen[0], seen[4096]
    assert no_hits == 0 and hits >= 1
    assert [text for text, _ in warm] == [text for text, _ in cold]
    for (_, a), (_, b) in zip(warm, cold, strict=True):
        assert a == pytest.approx(b, abs=1e-5)

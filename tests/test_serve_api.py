"""`stillroom serve` through the official openai client: shapes, streaming, logprobs, stop, seed, errors.

Real uvicorn servers on 127.0.0.1 (free ports) in background threads, one on the tiny hf teacher
and one on the fake teacher.
"""

from __future__ import annotations

import math

import httpx
import openai
import pytest

from stillroom.serve.app import create_app
from stillroom.serve.config import ServeConfig
from stillroom.serve.thread import running
from stillroom.serve.tokens import HFDetokenizer
from stillroom.teachers import GenParams, load_teacher
from stillroom.teachers.fake import FakeTeacher

HI = [{"role": "user", "content": "Explain how photosynthesis works."}]


@pytest.fixture(scope="module")
def tiny(tiny_teacher_dir):
    teacher = load_teacher(f"hf:{tiny_teacher_dir}")
    cfg = ServeConfig(model_name="tiny", max_wait_ms=5, max_n=4, max_tokens_limit=64, max_body_bytes=4096)
    with running(create_app(teacher, cfg)) as url:
        yield teacher, openai.OpenAI(base_url=f"{url}/v1", api_key="x", max_retries=0), url


@pytest.fixture(scope="module")
def fake():
    with running(create_app(FakeTeacher(), ServeConfig(max_wait_ms=0))) as url:
        yield openai.OpenAI(base_url=f"{url}/v1", api_key="x", max_retries=0), url


def test_models_and_health(tiny):
    _, client, url = tiny
    assert [m.id for m in client.models.list().data] == ["tiny"]
    health = httpx.get(f"{url}/health").json()
    assert health["status"] == "ok" and health["model"] == "tiny"


def test_chat_greedy_matches_teacher_with_token_ids(tiny):
    teacher, client, _ = tiny
    r = client.chat.completions.create(
        model="tiny",
        messages=HI,
        temperature=0,
        max_tokens=12,
        logprobs=True,
        top_logprobs=3,
        extra_body={"return_tokens_as_token_ids": True},
    )
    (direct,) = teacher.generate([HI], GenParams(max_new_tokens=12, top_logprobs=3))
    choice = r.choices[0]
    assert choice.message.content == direct.text
    assert choice.finish_reason == direct.finish_reason
    steps = choice.logprobs.content
    assert [int(s.token.removeprefix("token_id:")) for s in steps] == direct.token_ids
    for s, lp, top_ids in zip(steps, direct.logprobs, direct.top_ids, strict=True):
        assert s.logprob == pytest.approx(lp, abs=1e-5)
        assert [int(t.token.removeprefix("token_id:")) for t in s.top_logprobs] == top_ids
        assert s.top_logprobs[0].logprob >= s.top_logprobs[-1].logprob
    assert r.usage.prompt_tokens == direct.prompt_tokens
    assert r.usage.completion_tokens == len(direct.token_ids)
    assert r.usage.total_tokens == r.usage.prompt_tokens + r.usage.completion_tokens


def test_chat_logprob_strings_and_bytes_spell_the_answer(tiny):
    teacher, client, _ = tiny
    r = client.chat.completions.create(
        model="tiny", messages=HI, temperature=0, max_tokens=16, logprobs=True, top_logprobs=2
    )
    content = r.choices[0].logprobs.content
    eos = {teacher.tokenizer.decode([i]) for i in teacher._eos}
    raw = b"".join(bytes(s.bytes) for s in content if s.token not in eos)
    assert raw.decode() == r.choices[0].message.content
    assert all(s.logprob <= 0 and len(s.top_logprobs) == 2 for s in content)


def test_stream_concatenates_to_the_whole_answer(tiny):
    _, client, _ = tiny
    kw = {"model": "tiny", "messages": HI, "temperature": 0, "max_tokens": 20}
    whole = client.chat.completions.create(**kw)
    chunks = list(client.chat.completions.create(**kw, stream=True, stream_options={"include_usage": True}))
    assert {c.object for c in chunks} == {"chat.completion.chunk"} and len({c.id for c in chunks}) == 1
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == whole.choices[0].message.content
    assert [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason] == [
        whole.choices[0].finish_reason
    ]
    assert chunks[-1].usage.completion_tokens == whole.usage.completion_tokens


def test_completions_stream_and_legacy_logprobs(tiny):
    _, client, _ = tiny
    kw = {"model": "tiny", "prompt": "The quick brown fox", "temperature": 0, "max_tokens": 10, "logprobs": 3}
    whole = client.completions.create(**kw).choices[0]
    streamed = list(client.completions.create(**kw, stream=True))
    assert "".join(c.choices[0].text for c in streamed) == whole.text
    lp = whole.logprobs
    assert len(lp.tokens) == len(lp.token_logprobs) == len(lp.top_logprobs) == len(lp.text_offset)
    assert lp.text_offset == sorted(lp.text_offset) and lp.text_offset[0] == 0
    assert all(
        1 <= len(top) <= 3 and max(top.values()) >= lp_
        for top, lp_ in zip(lp.top_logprobs, lp.token_logprobs, strict=True)
    )
    assert [c.choices[0].logprobs.text_offset[0] for c in streamed if c.choices[0].logprobs] == lp.text_offset


def test_n_and_prompt_lists_are_prompt_major(tiny):
    _, client, _ = tiny
    r = client.completions.create(
        model="tiny", prompt=["one", "two three"], n=3, max_tokens=5, temperature=1.0, seed=0
    )
    assert [c.index for c in r.choices] == list(range(6))
    assert len({c.text for c in r.choices}) > 1
    greedy = client.completions.create(
        model="tiny", prompt=["one", "two three"], n=1, max_tokens=5, temperature=0
    )
    assert greedy.usage.prompt_tokens == r.usage.prompt_tokens  # counted per prompt, not per sample


def test_stop_strings_trim_the_answer(tiny):
    _, client, _ = tiny
    kw = {"model": "tiny", "prompt": "Sort these words", "temperature": 0, "max_tokens": 30}
    free = client.completions.create(**kw).choices[0].text
    assert len(free) > 10
    stop = free[6:9]
    cut = client.completions.create(**kw, stop=[stop, "zzzz-never"]).choices[0]
    assert cut.text == free[: free.index(stop)] and cut.finish_reason == "stop"
    assert client.completions.create(**kw, stop=stop).choices[0].text == cut.text


def test_seed_makes_sampling_repeatable(tiny):
    _, client, _ = tiny
    kw = {"model": "tiny", "messages": HI, "temperature": 1.0, "max_tokens": 12}
    a, b = (client.chat.completions.create(**kw, seed=7).choices[0].message.content for _ in range(2))
    others = {client.chat.completions.create(**kw, seed=s).choices[0].message.content for s in (8, 9, 10)}
    assert a == b
    assert others - {a}


def test_fake_teacher_streams_words(fake):
    client, _ = fake
    whole = client.chat.completions.create(model="fake", messages=HI, max_tokens=6, temperature=0)
    chunks = list(
        client.chat.completions.create(model="fake", messages=HI, max_tokens=6, temperature=0, stream=True)
    )
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == whole.choices[0].message.content
    assert whole.usage.completion_tokens == 6


def test_hf_detokenizer_pieces_and_bytes_on_multibyte_text(tiny):
    teacher, _, _ = tiny
    detok = HFDetokenizer(teacher.tokenizer)
    text = "héllo wörld, 世界 ok"
    ids = teacher.tokenizer(text, add_special_tokens=False)["input_ids"]
    pieces = detok.pieces(ids, text)
    assert "".join(pieces) == text and len(pieces) == len(ids)
    assert b"".join(bytes(detok.token(i)[1]) for i in ids) == text.encode()


# ---- bad input: always a 4xx in OpenAI's error shape ----


def _post(url: str, path: str, body: bytes | str, **headers: str) -> httpx.Response:
    return httpx.post(f"{url}{path}", content=body, headers={"content-type": "application/json", **headers})


@pytest.mark.parametrize(
    ("body", "status", "param"),
    [
        ('{"model": "tiny", "messages": [', 400, None),
        ('{"model": "tiny", "messages": "hi"}', 400, "messages"),
        ('{"model": "tiny", "messages": []}', 400, "messages"),
        ('{"model": "tiny", "messages": [{"role": "wizard", "content": "x"}]}', 400, "messages.0.role"),
        ('{"model": "tiny", "messages": [{"role": "user", "content": "x"}], "n": "2"}', 400, "n"),
        ('{"model": "tiny", "messages": [{"role": "user", "content": "x"}], "n": 5}', 400, "n"),
        (
            '{"model": "tiny", "messages": [{"role": "user", "content": "x"}], "max_tokens": 100000}',
            400,
            "max_tokens",
        ),
        (
            '{"model": "tiny", "messages": [{"role": "user", "content": "x"}], "temperature": -1}',
            400,
            "temperature",
        ),
        (
            '{"model": "tiny", "messages": [{"role": "user", "content": "x"}], "top_logprobs": 3}',
            400,
            "top_logprobs",
        ),
        (
            '{"model": "tiny", "messages": [{"role": "user", "content": "x"}], "stop": ["a","b","c","d","e"]}',
            400,
            "stop",
        ),
        ('{"model": "nope", "messages": [{"role": "user", "content": "x"}]}', 404, "model"),
        ("[1, 2]", 400, None),
        ('{"model": "tiny", "messages": [{"role": "user", "content": "' + "x" * 5000 + '"}]}', 413, None),
    ],
)
def test_bad_chat_input_is_a_clear_4xx(tiny, body, status, param):
    r = _post(tiny[2], "/v1/chat/completions", body)
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert set(err) == {"message", "type", "param", "code"} and err["message"]
    assert err["param"] == param


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("/v1/completions", '{"model": "tiny", "prompt": 3}', 400),
        ("/v1/completions", '{"model": "tiny", "prompt": "x", "echo": true}', 400),
        ("/v1/completions", '{"model": "tiny", "prompt": "x", "logprobs": 50}', 400),
        (
            "/v1/completions",
            '{"model": "tiny", "prompt": "' + "hello " * 600 + '"}',
            400,
        ),  # beyond the context
        ("/v1/completions", '{"model": "tiny", "prompt": "x", "seed": 1180591620717411303424}', 400),
        (
            "/v1/completions",
            '{"model": "tiny", "prompt": ["a","b","c","d","e","f","g","h","i"], "n": 4}',
            400,
        ),
        ("/v1/completions", '{"model": "tiny", "prompt": ["ok", ""]}', 400),
        ("/v1/nothing", "{}", 404),
    ],
)
def test_bad_completions_input_is_a_clear_4xx(tiny, path, body, status):
    r = _post(tiny[2], path, body)
    assert r.status_code == status, r.text
    assert set(r.json()["error"]) == {"message", "type", "param", "code"}


def test_unknown_model_via_client_and_oversize_without_length(tiny):
    _, client, url = tiny
    with pytest.raises(openai.NotFoundError) as e:
        client.chat.completions.create(model="gpt-4o", messages=HI)
    assert e.value.body["code"] == "model_not_found"
    chunked = (b"x" * 1024 for _ in range(8))  # no Content-Length: the server must count
    r = httpx.post(f"{url}/v1/completions", content=chunked, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "body_too_large"
    assert math.isfinite(httpx.get(f"{url}/health").json()["busy_s"])


def test_nulls_mean_defaults(fake):
    _, url = fake
    body = {
        "model": "fake",
        "messages": [{"role": "user", "content": "hi"}],
        "temperature": None,
        "n": None,
        "stop": None,
        "max_tokens": None,
        "logprobs": None,
        "top_logprobs": None,
        "seed": None,
    }
    r = httpx.post(f"{url}/v1/chat/completions", json=body)
    assert r.status_code == 200, r.text
    assert len(r.json()["choices"]) == 1


def test_watermark_header_changes_hf_generation(tiny_teacher_dir):
    """End to end with the real KGW processor: a strong bias changes greedy output only when asked."""
    from stillroom.watermark import WatermarkKey

    teacher = load_teacher(f"hf:{tiny_teacher_dir}")
    cfg = ServeConfig(
        model_name="tiny",
        allow_watermark_header=True,
        watermark=WatermarkKey(delta=50.0, secret=8).model_dump(),
    )
    with running(create_app(teacher, cfg)) as url:
        client = openai.OpenAI(base_url=f"{url}/v1", api_key="x", max_retries=0)
        kw = {"model": "tiny", "prompt": "The quick brown fox", "temperature": 0, "max_tokens": 12}
        plain = client.completions.with_raw_response.create(**kw)
        marked = client.completions.with_raw_response.create(
            **kw, extra_headers={"x-stillroom-watermark": "on"}
        )
    assert (plain.headers["x-stillroom-watermark"], marked.headers["x-stillroom-watermark"]) == ("off", "on")
    assert plain.parse().choices[0].text != marked.parse().choices[0].text


def test_openai_teacher_through_serve_equals_the_teacher_behind(tiny, tiny_teacher_dir):
    """The harvest path end to end: `openai:` teacher -> serve -> hf teacher gives the same ids and logprobs."""
    from stillroom.teachers import TeacherConfig

    teacher, _, url = tiny
    remote = load_teacher(
        TeacherConfig(spec=f"openai:{url}/v1", model="tiny", tokenizer=str(tiny_teacher_dir))
    )
    params = GenParams(max_new_tokens=8, top_logprobs=3)
    prompts = [HI, "The quick brown fox"]
    for got, want in zip(remote.generate(prompts, params), teacher.generate(prompts, params), strict=True):
        assert (got.text, got.token_ids, got.finish_reason) == (want.text, want.token_ids, want.finish_reason)
        assert got.top_ids == want.top_ids
        assert got.logprobs == pytest.approx(want.logprobs, abs=1e-5)


@pytest.mark.parametrize(
    ("path", "extra", "param"),
    [
        ("/v1/chat/completions", {"tools": [{"type": "function", "function": {"name": "f"}}]}, "tools"),
        ("/v1/chat/completions", {"tool_choice": "required"}, "tool_choice"),
        ("/v1/chat/completions", {"response_format": {"type": "json_object"}}, "response_format"),
        (
            "/v1/chat/completions",
            {"response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema": {}}}},
            "response_format",
        ),
        ("/v1/chat/completions", {"logit_bias": {"42": 100}}, "logit_bias"),
        ("/v1/chat/completions", {"top_k": 5}, "top_k"),
        ("/v1/completions", {"suffix": "end"}, "suffix"),
        ("/v1/completions", {"best_of": 3}, "best_of"),
        ("/v1/completions", {"frequency_penalty": 1.0}, "frequency_penalty"),
    ],
)
def test_fields_serve_cannot_honour_are_refused_by_name(fake, path, extra, param):
    _, url = fake
    base = (
        {"model": "fake", "prompt": "hi"} if path == "/v1/completions" else {"model": "fake", "messages": HI}
    )
    r = httpx.post(f"{url}{path}", json={**base, **extra})
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    assert err["type"] == "invalid_request_error" and err["param"] == param
    assert err["code"] == "unsupported_parameter" and f"`{param}`" in err["message"]


def test_tools_refused_through_the_openai_client_and_no_op_values_accepted(fake):
    client, _ = fake
    tool = {"type": "function", "function": {"name": "weather", "parameters": {"type": "object"}}}
    with pytest.raises(openai.BadRequestError) as e:
        client.chat.completions.create(model="fake", messages=HI, tools=[tool])
    assert e.value.body["param"] == "tools"
    r = client.chat.completions.create(
        model="fake", messages=HI, response_format={"type": "text"}, tool_choice="none", presence_penalty=0
    )
    assert r.choices[0].message.content

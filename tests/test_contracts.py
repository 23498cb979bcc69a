"""The shared wire types: every writer's real output parses with the reader's model, exactly.

A response model that lost a field serve writes, or gained one it does not, fails here, as does
a request field the openai teacher or the arena sends that serve would silently drop.
"""

from __future__ import annotations

import json

import httpx
import pytest
from pydantic import ValidationError

from stillroom.arena.replay import request_args
from stillroom.contracts.openai import (
    ChatCompletionChunk,
    ChatCompletionRequest,
    ChatCompletionResponse,
    CompletionChunk,
    CompletionRequest,
    CompletionResponse,
    ContentPart,
    ErrorResponse,
    GatewayChatRequest,
    ModelList,
    content_text,
    unsupported_field,
)
from stillroom.contracts.prompts import read_prompts
from stillroom.errors import UserError
from stillroom.harvest.store import HarvestStore
from stillroom.queries.build import QueriesConfig, build
from stillroom.serve.app import create_app
from stillroom.serve.config import ServeConfig
from stillroom.serve.thread import running
from stillroom.teachers import GenParams
from stillroom.teachers.fake import FakeTeacher
from stillroom.teachers.openai import _request_body

HI = [{"role": "user", "content": "Name three rivers."}]


@pytest.fixture(scope="module")
def serve_url():
    with running(create_app(FakeTeacher(), ServeConfig(max_wait_ms=0, model_name="fake"))) as url:
        yield url


def _exact(model, data, optional: tuple[str, ...] = ("usage",)):
    """Parse `data` with `model` and demand the dump is `data` again: nothing dropped, nothing added
    (fields the server did not send stay unset and are not dumped)."""
    parsed = model.model_validate(data)
    dump = parsed.model_dump(mode="json", exclude_unset=True)
    for k in optional:
        if k not in data:
            dump.pop(k, None)
    assert dump == data
    return parsed


def _events(r: httpx.Response) -> list[dict]:
    lines = [line[6:] for line in r.text.splitlines() if line.startswith("data: ")]
    assert lines[-1] == "[DONE]"
    return [json.loads(x) for x in lines[:-1]]


@pytest.mark.parametrize("logprobs", [False, True])
def test_serve_chat_output_round_trips_through_the_response_models(serve_url, logprobs):
    body = {"model": "fake", "messages": HI, "n": 2, "temperature": 0.7, "max_tokens": 12}
    if logprobs:
        body |= {"logprobs": True, "top_logprobs": 3}
    whole = httpx.post(f"{serve_url}/v1/chat/completions", json=body).json()
    reply = _exact(ChatCompletionResponse, whole)
    assert len(reply.choices) == 2 and (reply.choices[0].logprobs is not None) == logprobs
    stream = {**body, "stream": True, "stream_options": {"include_usage": True}}
    chunks = _events(httpx.post(f"{serve_url}/v1/chat/completions", json=stream))
    for c in chunks:  # a delta carries only what changed, as in OpenAI's stream
        for ch in c["choices"]:
            ch["delta"] = {"role": None, "content": None} | ch["delta"]
    parsed = [_exact(ChatCompletionChunk, c) for c in chunks]
    assert parsed[-1].usage == reply.usage
    text = "".join(c.choices[0].delta.content or "" for c in parsed if c.choices and c.choices[0].index == 0)
    assert text == reply.choices[0].message.content


@pytest.mark.parametrize("logprobs", [None, 2])
def test_serve_completions_output_round_trips_through_the_response_models(serve_url, logprobs):
    body = {"model": "fake", "prompt": ["once upon", "a time"], "max_tokens": 10, "logprobs": logprobs}
    whole = httpx.post(f"{serve_url}/v1/completions", json=body).json()
    reply = _exact(CompletionResponse, whole)
    assert len(reply.choices) == 2
    chunks = _events(httpx.post(f"{serve_url}/v1/completions", json={**body, "stream": True}))
    parsed = [_exact(CompletionChunk, c) for c in chunks]
    assert "".join(c.choices[0].text for c in parsed if c.choices[0].index == 1) == reply.choices[1].text


def test_serve_models_and_errors_round_trip(serve_url):
    _exact(ModelList, httpx.get(f"{serve_url}/v1/models").json())
    bad = httpx.post(f"{serve_url}/v1/chat/completions", json={"model": "fake", "messages": HI, "n": "2"})
    err = _exact(ErrorResponse, bad.json()).error
    assert bad.status_code == 400 and err.param == "n" and err.type == "invalid_request_error"


def test_what_the_openai_teacher_sends_is_all_known_to_serve():
    params = GenParams(max_new_tokens=8, temperature=0.5, n=2, top_logprobs=3, stop=("x",), seed=7)
    chat = _request_body("m", HI, params, as_ids=True)
    legacy = _request_body("m", "raw prompt", params, as_ids=True)
    for model, body in ((ChatCompletionRequest, chat), (CompletionRequest, legacy)):
        model.model_validate(body)
        assert set(body) <= set(model.model_fields), set(body) - set(model.model_fields)


def test_what_the_arena_sends_is_all_known_to_serve():
    params = {"max_tokens": 64, "temperature": 0.0, "n": 1, "top_logprobs": 5, "seed": 3}
    chat = request_args({"endpoint": "chat", "prompt": "hi", "messages": None, "params": params})
    legacy = request_args({"endpoint": "completions", "prompt": "hi", "params": params})
    for model, body in ((ChatCompletionRequest, chat), (CompletionRequest, legacy)):
        model.model_validate(body)
        assert set(body) <= set(model.model_fields)


def test_content_text_joins_text_parts_with_newlines():
    parts = [
        {"type": "text", "text": "first"},
        {"type": "image_url", "image_url": {"url": "data:,"}},
        {"type": "text", "text": "second"},
    ]
    assert content_text(parts) == "first\nsecond"
    assert content_text([ContentPart.model_validate(p) for p in parts]) == "first\nsecond"
    assert content_text("plain") == "plain" and content_text(None) == "" and content_text([]) == ""


def test_unknown_fields_are_kept_for_the_guard_and_named_for_serve():
    body = {"model": "m", "messages": HI, "future_field": {"x": 1}, "temperature": None}
    req = ChatCompletionRequest.model_validate(body)
    assert GatewayChatRequest is ChatCompletionRequest  # one model: the guard forwards what serve refuses
    assert req.model_extra == {"future_field": {"x": 1}}
    assert req.temperature == 1.0  # null means the default
    assert unsupported_field(req)[0] == "future_field"
    with pytest.raises(ValidationError):
        ChatCompletionRequest.model_validate({**body, "n": "2"})  # strict: no coercion
    with pytest.raises(ValidationError):
        ChatCompletionRequest.model_validate(
            {**body, "messages": [{"role": "user", "content": [{"type": "text"}]}]}
        )


@pytest.mark.parametrize(
    ("extra", "path"),
    [
        ({"tools": [{"type": "function", "function": {"name": "f"}}]}, "tools"),
        ({"tool_choice": "auto"}, "tool_choice"),
        ({"response_format": {"type": "json_object"}}, "response_format"),
        ({"presence_penalty": 0.5}, "presence_penalty"),
        ({"messages": [{"role": "assistant", "content": None, "tool_calls": []}]}, "messages.0.tool_calls"),
        (
            {"messages": [{"role": "user", "content": [{"type": "text", "text": "a", "x": 1}]}]},
            "messages.0.content.0.x",
        ),
        ({"stream_options": {"include_obfuscation": True}}, "stream_options.include_obfuscation"),
    ],
)
def test_unsupported_field_names_the_first_field_serve_would_drop(extra, path):
    req = ChatCompletionRequest.model_validate({"model": "m", "messages": HI, **extra})
    assert unsupported_field(req)[0] == path


def test_no_op_values_of_unsupported_fields_pass():
    body = {"model": "m", "messages": HI, "response_format": {"type": "text"}, "tool_choice": "none"}
    body |= {"presence_penalty": 0, "frequency_penalty": 0.0, "logit_bias": {}, "tools": None}
    assert unsupported_field(ChatCompletionRequest.model_validate(body)) is None
    assert (
        unsupported_field(CompletionRequest.model_validate({"model": "m", "prompt": "x", "best_of": 1}))
        is None
    )


def test_serve_refuses_non_text_parts_with_their_path(serve_url):
    content = [{"type": "text", "text": "what is this?"}, {"type": "image_url", "image_url": {"url": "x"}}]
    body = {"model": "fake", "messages": [{"role": "user", "content": content}]}
    r = httpx.post(f"{serve_url}/v1/chat/completions", json=body)
    assert r.status_code == 400 and r.json()["error"]["param"] == "messages.0.content.1"
    body["messages"][0]["content"] = content[:1] * 2
    assert httpx.post(f"{serve_url}/v1/chat/completions", json=body).status_code == 200


# ---- prompt sets: queries writes, harvest / trace / the demo read ----


def test_queries_output_reads_back_exactly_and_loads_into_the_harvest_store(tmp_path):
    result = build(QueriesConfig(out=str(tmp_path / "prompts.jsonl"), per_cell=1, seed=3))
    lines = [json.loads(x) for x in (tmp_path / "prompts.jsonl").read_text().splitlines()]
    rows = read_prompts(tmp_path / "prompts.jsonl")
    assert rows == result.rows and [r.to_json() for r in rows] == lines  # no key lost or invented
    assert {r.source for r in rows} == {"template"} and all(r.cell for r in rows)
    store = HarvestStore(tmp_path / "h.sqlite")
    assert store.add_prompts(rows) == len(rows)
    stored = store.prompts()
    store.close()
    assert [(i, p, c) for i, p, c in stored] == [(r.id, r.teacher_prompt(), r.cell.as_dict()) for r in rows]


def test_prompt_rows_from_other_tools_load_and_bad_ones_name_their_line(tmp_path):
    p = tmp_path / "other.jsonl"
    p.write_text(
        '{"id": "a", "prompt": "Once upon a time", "lang": "en"}\n'
        '{"id": "b", "messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hi"}]}\n'
    )
    a, b = read_prompts(p)
    assert a.teacher_prompt() == "Once upon a time" and a.cell is None
    assert b.text == "hi" and b.teacher_prompt()[0] == {"role": "system", "content": "be brief"}
    p.write_text(
        '{"id": "a", "prompt": "x"}\n{"id": "b", "prompt": "x", "messages": [{"role": "user", "content": "y"}]}\n'
    )
    with pytest.raises(UserError, match=r"other.jsonl:2: .*exactly one"):
        read_prompts(p)

"""A served tool call is reported to the detector as the client will resend it (round 37's
analysis): before, only `content` was reported, so an agent's turn that called a tool - `content`
null - went unreported, and its next request, which resends that call before the tool's result,
read as a history the key never had with us (`unasked`), or once the replay reported the call
some other way, as someone else's (`foreign`). Real OpenAI SDK client, real guard, real detector;
the upstream calls a tool when the last message is the user's, JSON or streamed in pieces."""

from __future__ import annotations

import asyncio
import json

import openai
import pytest

from guard_support import guard_running, settings
from stillroom.serve.thread import running

TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "HassTurnOff",
            "description": "Turns off a device",
            "parameters": {
                "type": "object",
                "properties": {"name": {"type": "string"}},
                "required": ["name"],
            },
        },
    }
]
CALL = {"id": "call_7f3a9c2e41d0b8", "type": "function", "function": {"name": "HassTurnOff", "arguments": '{"name": "Kitchen Light"}'}}  # fmt: skip
DONE = "The kitchen light is off now; anything else you would like me to switch off?"
HELLO = "Hello! I can control the lights, locks and thermostat in your home. What should I do?"


async def _send_json(send, status: int, body: dict) -> None:
    await send(
        {"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]}
    )
    await send({"type": "http.response.body", "body": json.dumps(body).encode()})


async def tool_upstream(scope, receive, send) -> None:
    if scope["type"] != "http":
        return
    raw, more = b"", True
    while more:
        message = await receive()
        raw, more = raw + message.get("body", b""), message.get("more_body", False)
    if scope["method"] == "GET":
        return await _send_json(send, 200, {"object": "list", "data": [{"id": "fake", "object": "model"}]})
    req = json.loads(raw)
    last = req["messages"][-1]
    calls = req.get("tools") and last["role"] == "user" and "turn off" in last["content"]
    message = {"role": "assistant", "content": None, "refusal": None, "tool_calls": [CALL]} if calls else {
        "role": "assistant", "content": DONE if last["role"] == "tool" else HELLO}  # fmt: skip
    usage = {"prompt_tokens": 40, "completion_tokens": 12, "total_tokens": 52}
    if not req.get("stream"):
        choice = {"index": 0, "message": message, "finish_reason": "tool_calls" if calls else "stop"}
        return await _send_json(send, 200, {"id": "x", "object": "chat.completion", "model": "fake", "choices": [choice], "usage": usage})  # fmt: skip
    await send(
        {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/event-stream")]}
    )
    if calls:  # id, type and name first, then the arguments 5 characters at a time
        args = CALL["function"]["arguments"]
        head = {
            "index": 0,
            "id": CALL["id"],
            "type": "function",
            "function": {"name": "HassTurnOff", "arguments": ""},
        }
        deltas = [{"role": "assistant", "content": None, "tool_calls": [head]}]
        deltas += [
            {"tool_calls": [{"index": 0, "function": {"arguments": args[k : k + 5]}}]}
            for k in range(0, len(args), 5)
        ]
    else:
        deltas = [
            {"role": "assistant", "content": message["content"][k : k + 7]}
            for k in range(0, len(message["content"]), 7)
        ]
    for i, delta in enumerate(deltas):
        finish = ("tool_calls" if calls else "stop") if i == len(deltas) - 1 else None
        chunk = {"id": "x", "object": "chat.completion.chunk", "model": "fake", "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}  # fmt: skip
        await send(
            {
                "type": "http.response.body",
                "body": f"data: {json.dumps(chunk)}\n\n".encode(),
                "more_body": True,
            }
        )
        await asyncio.sleep(0.001)
    await send({"type": "http.response.body", "body": b"data: [DONE]\n\n"})


@pytest.fixture(scope="module")
def upstream():
    with running(tool_upstream) as url:
        yield url


def assistant_turn(client: openai.OpenAI, messages: list, stream: bool) -> dict:
    """The assistant message as an SDK user appends it to the history: the JSON answer's message
    as the SDK dumps it, or a stream's deltas assembled."""
    if not stream:
        r = client.chat.completions.create(model="fake", messages=messages, tools=TOOLS)
        return r.choices[0].message.model_dump(exclude_none=True)
    content, calls = "", {}
    for chunk in client.chat.completions.create(model="fake", messages=messages, tools=TOOLS, stream=True):
        delta = chunk.choices[0].delta
        content += delta.content or ""
        for c in delta.tool_calls or ():
            call = calls.setdefault(
                c.index, {"id": c.id, "type": "function", "function": {"name": "", "arguments": ""}}
            )
            call["function"]["name"] += c.function.name or ""
            call["function"]["arguments"] += c.function.arguments or ""
    out = {"role": "assistant", "content": content or None}
    return {**out, "tool_calls": [calls[i] for i in sorted(calls)]} if calls else out


@pytest.mark.parametrize("stream", [False, True])
def test_an_agent_resending_its_served_tool_call_reads_as_its_own(upstream, tmp_path, stream):
    with guard_running(settings(tmp_path, upstream), detector=None) as (url, guard):
        key, secret = guard.keys.create("home", rpm=1000, tpm=1_000_000)
        client = openai.OpenAI(base_url=f"{url}/v1", api_key=secret, max_retries=0)
        system = {"role": "system", "content": "You are a voice assistant for Home Assistant."}
        history = [system, {"role": "user", "content": "hi"}]
        history.append(assistant_turn(client, history, stream))
        history.append({"role": "user", "content": "turn off the kitchen lights"})
        call = assistant_turn(client, history, stream)
        assert call["tool_calls"][0]["id"] == CALL["id"]
        history += [call, {"role": "tool", "tool_call_id": CALL["id"], "content": '{"success": true}'}]
        assert assistant_turn(client, history, stream)["content"] == DONE
        f = guard.assessments[key.id].features
    # both later requests' last exchanges are served ones: "hi" -> HELLO, then the call
    assert (f["hist_n"], f["foreign_n"], f["unasked_n"]) == (2.0, 0.0, 0.0)


def test_a_call_the_key_was_never_served_is_still_foreign(upstream, tmp_path):
    """The report is of what was served: a history carrying a different call after the question
    the key asked is someone else's."""
    with guard_running(settings(tmp_path, upstream), detector=None) as (url, guard):
        key, secret = guard.keys.create("replayer", rpm=1000, tpm=1_000_000)
        client = openai.OpenAI(base_url=f"{url}/v1", api_key=secret, max_retries=0)
        history = [{"role": "user", "content": "turn off the kitchen lights"}]
        call = assistant_turn(client, history, False)
        other = {
            **CALL,
            "function": {"name": "HassTurnOff", "arguments": '{"name": "Garage Door Opener Light"}'},
        }
        history += [
            {**call, "tool_calls": [other]},
            {"role": "tool", "tool_call_id": CALL["id"], "content": "{}"},
        ]
        assistant_turn(client, history, False)
        f = guard.assessments[key.id].features
    assert (f["hist_n"], f["foreign_n"]) == (1.0, 1.0)


def test_a_stream_repeating_the_call_name_in_every_chunk_reports_it_once():
    """llama-cpp-python 0.2.60 sends the call's whole id and name in every chunk (round 34's red
    team, against the real server): appended, the report read "HassTurnOffHassTurnOff...", which
    the resent call never matches; the JSON answer's report is the reference."""
    from stillroom.guard.context import StreamHeads, reply_text

    args = CALL["function"]["arguments"]
    heads = StreamHeads(1)
    for k in range(0, len(args), 4):
        call = {"index": 0, "id": CALL["id"], "type": "function", "function": {"name": "HassTurnOff", "arguments": args[k : k + 4]}}  # fmt: skip
        heads.add({"choices": [{"index": 0, "delta": {"role": "assistant", "tool_calls": [call]}}]})
    assert heads.texts() == [reply_text({"role": "assistant", "content": None, "tool_calls": [CALL]})]

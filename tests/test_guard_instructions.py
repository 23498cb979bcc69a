"""What a client can send the model outside its messages, and what it can leave out, checked
against a live guard: a reviewer's attacks (session 14) each got answers the guard's protections
did not cover. Instructions in tools, response schemas or early system messages reached the
upstream but not the detector nor the token estimate; vLLM's `prompt_logprobs` carried untreated
top-20 distributions past `top_logprobs_cap: 0`; a request naming no answer length was forwarded
without one (vLLM then generates to the end of its context, past the key's tokens/min)."""

from __future__ import annotations

import httpx
import pytest
import yaml

from fakes.upstream import FakeUpstream
from guard_support import ConstantDetector, guard_running, observed, settings
from stillroom.detector import Detector
from stillroom.detector.types import TrafficEvent
from stillroom.serve.thread import running

COT = "Think step by step, show all of your reasoning and justify every step before the answer."


@pytest.fixture()
def gw(tmp_path):
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump({"suspect": {"top_logprobs_cap": 0, "logprobs": "round"}}))
    det = ConstantDetector("ok")
    up = FakeUpstream(model="fake")
    with (
        running(up) as up_url,
        guard_running(settings(tmp_path, up_url, policy=str(path), max_tokens=512), det) as (
            url,
            guard,
        ),
    ):
        _, secret = guard.keys.create("k", rpm=10_000, tpm=20_000)
        with httpx.Client(base_url=url, timeout=30, headers={"authorization": f"Bearer {secret}"}) as http:
            yield http, guard, det, up


def ask(http: httpx.Client, **body) -> httpx.Response:
    return http.post("/v1/chat/completions", json={"model": "fake", "max_tokens": 4, **body})


def test_instructions_outside_the_messages_reach_the_detector(gw):
    http, guard, det, _ = gw
    user = [{"role": "user", "content": "What is the boiling point of water?"}]
    tool = {
        "type": "function",
        "function": {"name": "answer", "description": COT, "parameters": {"type": "object"}},
    }
    schema = {
        "type": "json_schema",
        "json_schema": {
            "name": "a",
            "schema": {"type": "object", "properties": {"reasoning_steps": {"description": COT}}},
        },
    }
    early_system = [{"role": "system", "content": COT}] + [{"role": "user", "content": "ok"}] * 20 + user
    for body in (
        {"messages": user, "tools": [tool]},
        {"messages": user, "response_format": schema},
        {"messages": early_system},
    ):
        ask(http, **body)
    observed(guard)
    for event in det.events[-3:]:
        system = " ".join(m["content"] for m in event.messages if m["role"] in ("system", "instructions"))
        assert COT in system, event.messages
    assert "reasoning_steps" in " ".join(m["content"] for m in det.events[-2].messages)


def test_the_token_estimate_counts_text_outside_the_messages(gw):
    """400 KB in a tool description: refused up front like 400 KB in a message (tpm 20,000)."""
    http, *_ = gw
    big = "word " * 80_000
    in_message = ask(http, messages=[{"role": "user", "content": big}])
    tool = {"type": "function", "function": {"name": "f", "description": big}}
    in_tool = ask(http, messages=[{"role": "user", "content": "hi"}], tools=[tool])
    assert in_message.status_code == in_tool.status_code == 429, (in_message.text, in_tool.text)


def test_prompt_logprobs_are_treated_like_top_logprobs(gw):
    http, guard, det, up = gw
    msgs = [{"role": "user", "content": "teacher-forced text"}]
    for bad in (50, 50.0, "50", -1, True):  # vLLM reads 50.0 and "50" as 50, -1 as the whole vocabulary
        r = ask(http, messages=msgs, prompt_logprobs=bad)
        assert r.status_code == 400 and r.json()["error"]["param"] == "prompt_logprobs", bad
    ask(http, messages=msgs, prompt_logprobs=5)
    assert up.last[1]["prompt_logprobs"] == 5  # a key on ok keeps it
    det.verdict = "suspect"
    ask(http, messages=msgs)
    observed(guard)
    ask(http, messages=msgs, prompt_logprobs=20)
    assert "prompt_logprobs" not in up.last[1]


def test_a_request_without_an_answer_length_gets_the_gateway_bound(gw):
    http, _, _, up = gw
    ask(http, messages=[{"role": "user", "content": "hi"}], max_tokens=None)
    assert up.last[1]["max_tokens"] == 512
    # completions' default is 16 tokens (OpenAI's and vLLM's), written in: llama.cpp's is the end
    # of the context
    http.post("/v1/completions", json={"model": "fake", "prompt": "Once upon a time"})
    assert up.last[1]["max_tokens"] == 16
    # llama-cpp-python reads max_tokens only: the length asked for is written there too
    ask(http, messages=[{"role": "user", "content": "hi"}], max_tokens=None, max_completion_tokens=7)
    assert up.last[1]["max_completion_tokens"] == 7 and up.last[1]["max_tokens"] == 7


def test_instruction_text_is_bounded_and_skips_schema_words():
    from stillroom.guard.schemas import instruction_text

    body = {
        "model": "m",
        "temperature": 0.5,
        "tools": [{"function": {"name": "f", "parameters": {"type": "object"}}}],
    }
    assert instruction_text(body) == "f"
    deep: dict = {"description": "x"}
    for _ in range(5000):
        deep = {"a": deep}
    assert set(instruction_text({"ext": deep}).split()) == {"a"}  # keys to the depth bound, no RecursionError
    assert len(instruction_text({"ext": ["y" * 100] * 100}, max_chars=250)) <= 302


def test_the_walk_is_bounded_on_the_event_loop():
    """400,000 one-word strings in an unknown field took 105 ms to walk whole (the first version):
    the walk stops after MAX_NODES values and the estimate falls back to the body's size."""
    import time

    from stillroom.contracts.openai import GatewayChatRequest
    from stillroom.guard.schemas import instruction_chars, prompt_chars, request_chars

    body = {"model": "m", "messages": [{"role": "user", "content": "hi " * 1000}], "ext": ["ab"] * 400_000}
    t0 = time.perf_counter()
    assert instruction_chars(body) is None
    assert time.perf_counter() - t0 < 0.02
    assert instruction_chars({"tools": [{"function": {"description": "abc"}}]}) == 4
    req = GatewayChatRequest.model_validate(body)
    # the body's size bounds every text, messages included: not added to them (a reviewer: an
    # agent with a large tool list had its estimate doubled)
    assert request_chars(req, body, 2_400_000) == 2_400_000 > prompt_chars(req)


def test_a_tutoring_apps_system_prompt_is_not_evidence_alone():
    """An app whose system prompt asks for step-by-step explanations (a tutoring app), over real
    people's varied questions, stays below suspect; the same request in every *user* turn is CoT
    elicitation (before: the system prompt's cue counted as the users' and reached suspect 0.76)."""
    tutor = "You are a patient tutor. Explain your reasoning step by step and show all the steps."
    questions = [
        f"{w} question number {i} about {t}?"
        for i, (w, t) in enumerate(
            (w, t)
            for w in ("Why is", "How does", "What makes", "When did", "Where is", "Who found")
            for t in (
                "rainbows",
                "tides",
                "bread rising",
                "magnets",
                "volcanoes",
                "the moon",
                "rust",
                "photosynthesis",
                "inflation",
                "vaccines",
                "glaciers",
                "batteries",
                "music",
                "sleep",
            )
        )
    ]
    det_app, det_user = Detector(), Detector()
    for i, q in enumerate(questions * 3):
        params = {"temperature": 0.5, "max_tokens": 1500}
        app = [{"role": "system", "content": tutor}, {"role": "user", "content": q}]
        a = det_app.observe(TrafficEvent("app", 1.8e9 + 60 * i, "chat", q, app, params))
        cot = f"{q} Explain your reasoning step by step and show all the steps."
        b = det_user.observe(
            TrafficEvent("user", 1.8e9 + 60 * i, "chat", cot, [{"role": "user", "content": cot}], params)
        )
    assert a.verdict in ("ok", "watch"), (a.score, a.contributions)
    assert b.contributions.get("cot_elicitation", 0) > 0, b.contributions


def test_a_fill_in_the_middle_suffix_is_prompt_not_instructions():
    """An IDE's completions request carries the code after the cursor in `suffix`: it counts for
    the token estimate, but it is not shown to the detector as the app's instructions."""
    from stillroom.contracts.openai import GatewayCompletionRequest
    from stillroom.guard.schemas import instruction_text, request_chars

    body = {"model": "m", "prompt": "def add(a, b):\n    ", "suffix": "\n\nprint(add(1, 2))\n" * 50}
    req = GatewayCompletionRequest.model_validate(body)
    assert instruction_text(body) == ""
    assert request_chars(req, body, 10**6) == len(body["prompt"]) + len(body["suffix"])


def test_early_system_messages_are_kept_but_bounded(gw):
    """Every system message before the window was kept (a reviewer: 22k of them in one body made
    a 924 kB detector record); then only the first four were, and an instruction in the fifth
    reached the model unseen (session 25's reviewer). Now the first three are kept and the rest
    joined into a fourth, at most EARLY_JOINED of them read, each clipped. User turns before
    the window are not shown (a buried first question placed beside the window paired with a
    later reply: a foreign history)."""
    from stillroom.guard.detection import EARLY_JOINED

    http, guard, det, _ = gw
    msgs = [{"role": "system", "content": f"rule {i}"} for i in range(40)]
    msgs += [{"role": "user", "content": "the task: list 50 new instructions"}]
    msgs += [{"role": "user", "content": "hi"}] * 20
    ask(http, messages=msgs)
    observed(guard)
    system = [m["content"] for m in det.events[-1].messages if m["role"] == "system"]
    assert system[:3] == ["rule 0", "rule 1", "rule 2"] and len(system) == 4
    assert system[3].startswith("rule 3\nrule 4") and system[3].endswith("rule 39")
    users = [m["content"] for m in det.events[-1].messages if m["role"] == "user"]
    assert users == ["hi"] * 16
    many = [{"role": "system", "content": f"rule {i}"} for i in range(300)] + [
        {"role": "user", "content": "hi"}
    ] * 20
    r = ask(http, messages=many)
    assert r.status_code == 200, r.text
    observed(guard)
    system = [m["content"] for m in det.events[-1].messages if m["role"] == "system"]
    assert len(system) == 4 and system[3].count("rule") == EARLY_JOINED and system[3].endswith("rule 299")

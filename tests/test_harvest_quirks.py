"""What third-party OpenAI-compatible servers send that the harvest once stored wrong (each from
the quirk server's findings, /work/quirks): reasoning sent apart from the answer, OpenAI's
refusals, usage without token reports, TGI's finish reasons, null legacy logprobs, `/v1/models`
as a bare list. Every server here is an httpx.MockTransport: no socket."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import httpx
import pytest

from stillroom.errors import UserError
from stillroom.harvest.export import ledger
from stillroom.harvest.run import HarvestConfig, run
from stillroom.harvest.store import HarvestStore
from stillroom.teachers import GenParams, TeacherConfig
from stillroom.teachers.openai import OpenAITeacher, _parse
from stillroom.teachers.tokens import TokenMap
from test_openai_teacher import mock_server

CHAT = [{"role": "user", "content": "hi"}]
REASONING = ["Let", " me", " think", ".", "\n", "</think>", "\n\n"]
ANSWER = ["Par", "is", "."]
TABLE = TokenMap({t: i for i, t in enumerate(dict.fromkeys(REASONING + ANSWER))})


def chat_reply(message: dict, tokens: list[str] | None, finish: str | None = "stop", **envelope) -> dict:
    """One chat choice; `tokens`: the chosen tokens' reports (logprob -0.5 each), None: none sent."""
    lp = {"content": [{"token": t, "logprob": -0.5, "top_logprobs": []} for t in tokens]} if tokens else None
    choice = {
        "index": 0,
        "message": {"role": "assistant", **message},
        "logprobs": lp,
        "finish_reason": finish,
    }
    return {"choices": [choice], **envelope}


def parse(reply: dict, params: GenParams | None = None, tokens: TokenMap = TABLE):
    (c,) = _parse(reply, 0, params or GenParams(max_new_tokens=16), True, tokens, 0.1)
    return c


@pytest.mark.parametrize("field", ["reasoning_content", "reasoning"])
def test_a_reasoning_answer_is_stored_as_the_whole_generation_its_tokens_spell(field):
    """vLLM with a reasoning parser (and DeepSeek, OpenRouter, mlx_lm) send the thinking apart
    from the answer, while the token reports cover both: the text was the answer alone."""
    message = {"content": "Paris.", field: "Let me think."}
    c = parse(chat_reply(message, REASONING + ANSWER))
    assert c.text == "".join(REASONING + ANSWER) == "Let me think.\n</think>\n\nParis."
    assert c.token_ids == [TABLE.id(t) for t in REASONING + ANSWER] and -1 not in c.token_ids


def test_a_reasoning_answer_cut_by_the_token_budget_keeps_what_its_tokens_say():
    """content null, finish "length": the row was text "" with the reasoning's token ids."""
    c = parse(chat_reply({"content": None, "reasoning_content": "Let me th"}, REASONING[:3], "length"))
    assert c.text == "Let me think" and len(c.token_ids) == 3 and c.finish_reason == "length"


@pytest.mark.parametrize(
    ("reasoning", "content"),
    [("\nLet me think.\n", "\n\nParis."), ("Let me think.", "Paris.")],  # vLLM's split; DeepSeek API's
)
def test_reasoning_without_token_reports_is_wrapped_as_the_model_writes_it(reasoning, content):
    c = parse(chat_reply({"content": content, "reasoning_content": reasoning}, None))
    assert c.text == "<think>\nLet me think.\n</think>\n\nParis." and c.token_ids == []
    cut = parse(chat_reply({"content": None, "reasoning": "Let me th"}, None, "length"))
    assert cut.text == "<think>\nLet me th"  # the model never closed its thinking


def test_a_plain_answer_is_still_its_content():
    c = parse(chat_reply({"content": "Paris."}, ANSWER))
    assert c.text == "Paris." and c.token_ids == [TABLE.id(t) for t in ANSWER]


def test_token_id_reports_spell_the_tokenizers_text_not_their_own(tiny_teacher_dir):
    """vLLM's `return_tokens_as_token_ids`: the strings (and their `bytes`) are "token_id:N"."""
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_teacher_dir)
    ids = tok("Let me think.\n</think>\n\nParis.", add_special_tokens=False)["input_ids"]
    reports = [f"token_id:{i}" for i in ids]
    reply = chat_reply({"content": "Paris.", "reasoning_content": "Let me think."}, reports)
    for e in reply["choices"][0]["logprobs"]["content"]:
        e["bytes"] = list(e["token"].encode())  # as vLLM sends them
    c = parse(reply, tokens=TokenMap.from_tokenizer(tok))
    assert c.token_ids == ids and c.text == tok.decode(ids)


def harvest(tmp_path, prompts: list[str], **cfg) -> tuple[dict, HarvestStore]:
    """`stillroom harvest` of `prompts` (chat) against the server `mock_server` set up."""
    rows = [{"id": f"p{i}", "messages": [{"role": "user", "content": t}]} for i, t in enumerate(prompts)]
    (tmp_path / "p.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    config = HarvestConfig(
        prompts=str(tmp_path / "p.jsonl"),
        store=str(tmp_path / "h.sqlite"),
        teacher=TeacherConfig(spec="openai:http://test.invalid", model="m"),
        **cfg,
    )
    teacher = OpenAITeacher("http://test.invalid/v1", "m", max_retries=0, concurrency=2)
    try:
        return run(config, teacher), HarvestStore(tmp_path / "h.sqlite")
    finally:
        teacher.close()


def server(answer: Callable[[str, dict], dict]) -> Callable[[httpx.Request], httpx.Response]:
    """A handler: /props unknown, each chat request answered by `answer(prompt text, body)`."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/props"):
            return httpx.Response(404)
        body = json.loads(request.content)
        return httpx.Response(200, json=answer(body["messages"][0]["content"], body))

    return handler


REFUSED = {"content": None, "refusal": "I can't help with that."}


def test_a_refusal_is_skipped_left_pending_and_reported(tmp_path, monkeypatch):
    """OpenAI's refusal (content null, `refusal` set) was stored as a finished empty answer."""
    mock_server(
        monkeypatch, server(lambda t, _: chat_reply(REFUSED if t == "bad" else {"content": "ok"}, None))
    )
    out, store = harvest(tmp_path, ["fine", "bad", "also fine"])
    assert {r.prompt_id for r in store.records()} == {"p0", "p2"} and "" not in {
        r.text for r in store.records()
    }
    assert store.pending(out["config_key"], 1) == ["p1"]
    assert out["rejected"]["prompts"] == 1 and "can't help" in out["rejected"]["why"]


def test_refusals_of_every_prompt_do_not_stop_the_run_as_bad_settings(tmp_path, monkeypatch):
    """Three HTTP 400s before any answer stop the run (the settings are wrong); a model that
    refuses answered a well-formed request, so all prompts are asked and all reported."""
    mock_server(monkeypatch, server(lambda t, _: chat_reply(REFUSED, None)))
    out, store = harvest(tmp_path, [f"q{i}" for i in range(6)])
    assert (
        out["written"] == 0
        and out["rejected"]["prompts"] == 6
        and len(store.pending(out["config_key"], 1)) == 6
    )


def test_the_ledger_counts_the_tokens_the_server_billed(tmp_path, monkeypatch):
    """A server that sends no token reports (logprobs refused) was billed 0 completion tokens;
    the server's `usage.completion_tokens` (reasoning tokens included, as OpenAI bills them) is
    the count, split over the choices of an n > 1 answer."""

    def answer(text, body):
        n = body.get("n", 1)
        reply = chat_reply({"content": "ok"}, None, usage={"prompt_tokens": 5, "completion_tokens": 7 * n})
        reply["usage"]["completion_tokens_details"] = {"reasoning_tokens": 4}
        reply["choices"] = [dict(reply["choices"][0], index=s) for s in range(n)]
        return reply

    mock_server(monkeypatch, server(answer))
    out, store = harvest(tmp_path, ["a", "b"], samples=2, temperature=1.0)
    assert out["completion_tokens"] == 28
    assert ledger(store).total.completion_tokens == 28 and ledger(store).total.prompt_tokens == 20


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("eos_token", "stop"),  # TGI
        ("eos", "stop"),
        ("end_turn", "stop"),
        ("stop_sequence", "stop"),  # TGI, a stop string
        (None, "stop"),
        ("stop", "stop"),
        ("length", "length"),
        ("content_filter", "content_filter"),
    ],
)
def test_every_natural_end_is_stored_as_stop(sent, stored):
    """distill puts EOS after "stop" answers only: TGI's "eos_token" lost it."""
    assert parse(chat_reply({"content": "Paris."}, ANSWER, sent)).finish_reason == stored


def test_a_null_chosen_logprob_in_legacy_logprobs_is_an_impossible_token():
    """It was stored as 0.0 (probability 1); null is JSON's -inf everywhere else."""
    lp = {
        "tokens": ANSWER,
        "token_logprobs": [-0.5, None, -0.1],
        "top_logprobs": None,
        "text_offset": [0, 3, 5],
    }
    reply = {"choices": [{"index": 0, "text": "Paris.", "logprobs": lp, "finish_reason": "length"}]}
    (c,) = _parse(reply, 0, GenParams(max_new_tokens=3), False, TABLE, 0.1)
    assert c.logprobs[0] == -0.5 and c.logprobs[1] < -1000 and c.token_ids == [TABLE.id(t) for t in ANSWER]


@pytest.mark.parametrize(
    "listing",
    [
        [{"id": "together/model", "object": "model"}],  # Together AI: a bare list
        {"models": [{"name": "together/model"}]},
        {"object": "list", "data": [{"id": "together/model"}]},
    ],
)
def test_the_model_is_found_in_every_listing_shape(monkeypatch, listing):
    mock_server(monkeypatch, lambda request: httpx.Response(200, json=listing))
    teacher = OpenAITeacher("http://test.invalid/v1", backoff_s=0.5)
    assert teacher.info()["model"] == "together/model"
    teacher.close()


@pytest.mark.parametrize(
    "body", [json.dumps({"object": "list", "data": []}), '{"ok": true}', "<html>hi</html>"]
)
def test_an_unusable_model_listing_is_one_line_at_once(monkeypatch, body):
    """It was retried 7 times over ~27 s, then blamed on a missing `choices`."""
    mock_server(monkeypatch, lambda request: httpx.Response(200, text=body))
    teacher = OpenAITeacher("http://test.invalid/v1", backoff_s=0.5)
    t0 = time.perf_counter()
    with pytest.raises(UserError, match=r"/models .*set the teacher's `model`") as e:
        teacher.info()
    teacher.close()
    assert teacher.requests == 1 and time.perf_counter() - t0 < 2 and "\n" not in str(e.value)

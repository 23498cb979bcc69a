"""The openai teacher against a real (fake) upstream over HTTP: shapes, token ids, every fault, errors."""

from __future__ import annotations

import time

import numpy as np
import pytest

from fakes.upstream import FakeUpstream
from stillroom import __version__
from stillroom.errors import UserError
from stillroom.serve.thread import running
from stillroom.teachers import GenParams, TeacherConfig, load_teacher
from stillroom.teachers.fake import FakeTeacher
from stillroom.teachers.openai import OpenAITeacher, TokenMap

CHAT = [{"role": "user", "content": "name three rivers"}]


@pytest.fixture
def upstream():
    up = FakeUpstream(api_key="sk-test", hang_s=2.0)
    with running(up) as url:
        up.url = url
        yield up


def client(up: FakeUpstream, **kw) -> OpenAITeacher:
    kw = {
        "concurrency": 4,
        "timeout_s": 0.5,
        "max_retries": 6,
        "backoff_s": 0.01,
        "max_backoff_s": 0.05,
        "ask_token_ids": True,
        **kw,
    }
    return OpenAITeacher(up.url, "fake-model", "sk-test", **kw)


def test_chat_and_completions_match_the_teacher_behind(upstream):
    params = GenParams(max_new_tokens=12, top_logprobs=4, n=2, temperature=0.7)
    got = client(upstream).generate([CHAT, "a raw prompt"], params)
    want = FakeTeacher().generate([CHAT, "a raw prompt"], params)
    assert [(c.prompt_index, c.sample) for c in got] == [(0, 0), (0, 1), (1, 0), (1, 1)]
    for g, w in zip(got, want, strict=True):
        assert (g.text, g.token_ids, g.finish_reason) == (w.text, w.token_ids, w.finish_reason)
        assert g.top_ids == w.top_ids
        assert np.allclose(g.top_logprobs, w.top_logprobs)
        assert g.logprobs == pytest.approx(w.logprobs)
    assert upstream.user_agents == {f"stillroom/{__version__}"}


def test_token_strings_without_ids_map_through_the_table(upstream):
    words = {
        w: i for i, w in reversed(list(enumerate(FakeTeacher().generate(["x"], GenParams())[0].text.split())))
    }
    table = TokenMap(words)
    (c,) = client(upstream, ask_token_ids=False, tokens=table).generate([CHAT], GenParams(max_new_tokens=8))
    assert all(t == table.id(w) for t, w in zip(c.token_ids, c.text.split(), strict=True))
    assert TokenMap().id("never-seen") == -1 and TokenMap().id("token_id:17") == 17


def test_tokenizer_table_round_trips(tiny_teacher_dir):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_teacher_dir)
    table = TokenMap.from_tokenizer(tok)
    ids = tok("The capital of France is Paris.", add_special_tokens=False)["input_ids"]
    assert [table.id(tok.decode([i])) for i in ids] == ids


@pytest.mark.parametrize("fault", ["429", "500", "hang", "badjson", "reset"])
def test_each_fault_is_retried_to_the_right_answer(upstream, fault):
    upstream.faults.extend([fault, fault])
    t = client(upstream)
    (c,) = t.generate([CHAT], GenParams(max_new_tokens=8))
    assert c.text == FakeTeacher().generate([CHAT], GenParams(max_new_tokens=8))[0].text
    assert upstream.injected[fault] == 2 and t.retries == 2
    assert upstream.served[CHAT[0]["content"]] == 1


def test_retry_after_is_honoured(upstream):
    upstream.retry_after_s = 0.6
    upstream.faults.append("429")
    t0 = time.perf_counter()
    client(upstream).generate([CHAT], GenParams(max_new_tokens=4))
    assert time.perf_counter() - t0 >= 0.6


def test_backoff_is_full_jitter_and_capped():
    t = OpenAITeacher("http://127.0.0.1:9", backoff_s=0.5, max_backoff_s=4.0)
    waits = [t._backoff(a) for a in range(8) for _ in range(50)]
    assert min(waits) >= 0 and max(waits) <= 4.0
    assert max(t._backoff(0) for _ in range(50)) <= 0.5


def test_gives_up_after_max_retries(upstream):
    upstream.faults.extend(["500"] * 10)
    with pytest.raises(UserError, match="still failing after 3 tries"):
        client(upstream, max_retries=2).generate([CHAT], GenParams(max_new_tokens=4))


def test_user_errors_are_one_line(upstream, monkeypatch):
    with pytest.raises(UserError, match="refused the API key"):
        OpenAITeacher(upstream.url, "fake-model", "sk-wrong").generate([CHAT], GenParams(max_new_tokens=4))
    with pytest.raises(UserError, match="404"):
        OpenAITeacher(upstream.url, "no-such-model", "sk-test").generate([CHAT], GenParams(max_new_tokens=4))
    with pytest.raises(UserError, match="cannot reach"):
        OpenAITeacher("http://127.0.0.1:9", "m", timeout_s=2).generate([CHAT], GenParams(max_new_tokens=4))
    with pytest.raises(UserError, match="needs a URL"):
        load_teacher("openai:localhost")


def test_from_config_reads_the_key_from_env_and_finds_the_model(upstream, monkeypatch):
    monkeypatch.setenv("MY_KEY", "sk-test")
    t = load_teacher(TeacherConfig(spec=f"openai:{upstream.url}/v1", api_key_env="MY_KEY"))
    assert t.info()["model"] == "fake-model"  # asked /v1/models
    assert "sk-test" not in str(t.info())
    (c,) = t.generate(["hello"], GenParams(max_new_tokens=4, top_logprobs=2))
    assert c.token_ids and all(i == -1 for i in c.token_ids)  # no tokenizer configured: ids unknown
    assert len(c.top_logprobs[0]) == 2


def test_configured_tokenizer_asks_for_token_ids_and_falls_back_when_refused(upstream, tiny_teacher_dir):
    t = load_teacher(
        TeacherConfig(
            spec=f"openai:{upstream.url}",
            model="fake-model",
            tokenizer=str(tiny_teacher_dir),
            api_key_env="NO_SUCH_ENV_VAR",
        )
    )
    t._headers["Authorization"] = "Bearer sk-test"
    params = GenParams(max_new_tokens=8, top_logprobs=2)
    want = FakeTeacher().generate([CHAT], params)[0]
    assert t.generate([CHAT], params)[0].token_ids == want.token_ids  # exact, via `token_id:N`
    upstream.strict = True
    (c,) = t.generate([CHAT], params)
    assert c.text == want.text and not t.ask_token_ids  # asked again without the flag
    assert len(c.token_ids) == len(want.token_ids)


def mock_server(monkeypatch, handler) -> None:
    """Every httpx.AsyncClient the teacher opens talks to `handler` (sync or async) instead of a socket."""
    import httpx

    real = httpx.AsyncClient
    monkeypatch.setattr(
        httpx, "AsyncClient", lambda *a, **k: real(*a, transport=httpx.MockTransport(handler), **k)
    )


def _chat_reply(**envelope):
    """A chat answer of two tokens with top-2 logprobs, wrapped in `envelope`'s fields."""
    steps = [("Hi", -0.1, [("Hi", -0.1), ("Hey", -2.5)]), ("!", -0.3, [("!", -0.3), (".", -1.4)])]
    content = [
        {"token": t, "logprob": x, "top_logprobs": [{"token": a, "logprob": y} for a, y in top]}
        for t, x, top in steps
    ]
    choice = {
        "index": 0,
        "message": {"role": "assistant", "content": "Hi!"},
        "logprobs": {"content": content},
    }
    return {"choices": [choice], **envelope}


@pytest.mark.parametrize(
    "envelope",
    [
        {"object": "text_completion", "id": "x", "created": 1, "model": "m"},  # TGI 1.x names chat answers so
        {"object": "chat.completion", "created": 1733212345.25, "model": "m"},  # a float timestamp
        {"id": None, "model": None, "created": None, "system_fingerprint": None},  # nulls for unused fields
        {"usage": {"prompt_tokens": None, "completion_tokens": 2, "total_tokens": None}},
        {},  # nothing but the choices
    ],
)
def test_answers_are_read_whatever_servers_put_around_them(envelope):
    """Fields no stage uses must not make a real server's answer unreadable (each of these shapes
    comes from a server in use); the tokens and logprobs are what is read."""
    from stillroom.teachers.openai import _parse

    params = GenParams(max_new_tokens=2, top_logprobs=2)
    (c,) = _parse(
        _chat_reply(**envelope), 0, params, True, TokenMap({"Hi": 1, "!": 2, "Hey": 3, ".": 4}), 0.1
    )
    assert c.text == "Hi!" and c.token_ids == [1, 2] and c.top_ids == [[1, 3], [2, 4]]
    assert c.prompt_tokens == 0


def test_a_null_logprob_is_an_impossible_token_not_an_unreadable_answer():
    """JSON has no -inf: a server built on nlohmann::json (llama.cpp) writes it as null."""
    from stillroom.teachers.openai import _parse

    reply = _chat_reply()
    reply["choices"][0]["logprobs"]["content"][1]["top_logprobs"][1]["logprob"] = None
    params = GenParams(max_new_tokens=2, top_logprobs=2)
    (c,) = _parse(reply, 0, params, True, TokenMap({"Hi": 1, "!": 2, "Hey": 3, ".": 4}), 0.1)
    assert c.top_ids == [[1, 3], [2, 4]] and c.top_logprobs[1][1] < -1000


def test_an_error_sent_with_http_200_is_reported_with_its_message(monkeypatch):
    """Some proxies answer 200 with {"error": ...}: the user must see what the server said."""
    import httpx

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"error": {"message": "model overloaded, try later"}})

    teacher = OpenAITeacher("http://test.invalid/v1", model="m", max_retries=0)
    mock_server(monkeypatch, handler)
    with pytest.raises(UserError, match="model overloaded"):
        teacher.generate([CHAT], GenParams(max_new_tokens=4))


def test_a_server_that_ignores_n_is_asked_once_per_answer(monkeypatch):
    """llama.cpp's servers answer one choice whatever `n` asks (llama-cpp-python checked in
    test_real_server.py): the missing samples are asked for one by one, each with its own seed."""
    import json

    import httpx

    seeds = []

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        seeds.append((body.get("n", 1), body.get("seed")))
        return httpx.Response(200, json=_chat_reply())

    teacher = OpenAITeacher(
        "http://test.invalid/v1", model="m", max_retries=0, tokens=TokenMap({"Hi": 1, "!": 2})
    )
    mock_server(monkeypatch, handler)
    out = teacher.generate([CHAT], GenParams(max_new_tokens=2, n=3, seed=7, temperature=1.0))
    assert [c.sample for c in out] == [0, 1, 2] and all(c.token_ids == [1, 2] for c in out)
    assert seeds == [(3, 7), (1, 8), (1, 9)] and teacher.one_choice


def test_refused_prompts_are_skipped_unless_the_server_refuses_everything(monkeypatch):
    """One refused prompt (HTTP 400) is skipped and listed; refusals before any answer mean the
    settings are wrong, and the first REJECTED_BEFORE_ANY_ANSWER of them stop the run."""
    import json

    import httpx

    from stillroom.teachers.openai import REJECTED_BEFORE_ANY_ANSWER, PromptRejected

    refuse = {"all": False}

    def handler(request: httpx.Request) -> httpx.Response:
        text = json.loads(request.content)["messages"][0]["content"]
        if refuse["all"] or text == "too long":
            return httpx.Response(400, json={"error": {"message": "maximum context length exceeded"}})
        return httpx.Response(200, json=_chat_reply())

    mock_server(monkeypatch, handler)
    teacher = OpenAITeacher("http://test.invalid/v1", model="m", max_retries=0, concurrency=1)
    prompts = [[{"role": "user", "content": t}] for t in ("hi", "too long", "hey")]
    out = teacher.generate(prompts, GenParams(max_new_tokens=2))
    assert [c.prompt_index for c in out] == [0, 2]
    assert (
        len(teacher.rejected) == 1
        and teacher.rejected[0][0] == 1
        and "context length" in teacher.rejected[0][1]
    )
    refuse["all"] = True
    fresh = OpenAITeacher("http://test.invalid/v1", model="m", max_retries=0, concurrency=1)
    with pytest.raises(PromptRejected, match="context length"):
        fresh.generate(prompts * 2, GenParams(max_new_tokens=2))
    assert len(fresh.rejected) >= REJECTED_BEFORE_ANY_ANSWER


def test_a_server_that_refuses_n_is_asked_once_per_answer(monkeypatch):
    """llama.cpp's server refuses n > 1 with HTTP 400 ("Only one completion choice is allowed"):
    the answers are asked for one by one, and from then on n is never sent above 1."""
    import json

    import httpx

    asked = []

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        asked.append((body.get("n", 1), body.get("seed")))
        if body.get("n", 1) != 1:
            return httpx.Response(400, json={"error": {"message": "Only one completion choice is allowed"}})
        return httpx.Response(200, json=_chat_reply())

    teacher = OpenAITeacher(
        "http://test.invalid/v1", model="m", max_retries=0, concurrency=1, tokens=TokenMap({"Hi": 1, "!": 2})
    )
    mock_server(monkeypatch, handler)
    out = teacher.generate([CHAT, CHAT], GenParams(max_new_tokens=2, n=2, seed=7, temperature=1.0))
    assert sorted((c.prompt_index, c.sample) for c in out) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert asked == [(2, 7), (1, 7), (1, 8), (1, 7), (1, 8)] and teacher.rejected == []


def test_completions_with_chat_style_logprobs_as_llama_cpp_server_sends_them():
    """llama.cpp's server answers /v1/completions with `logprobs: {content: [...]}` (ids and bytes
    included): it must read as the answer's steps, not as an answer without logprobs."""
    from stillroom.teachers.openai import _parse

    reply = _chat_reply()
    choice = reply["choices"][0]
    for e in choice["logprobs"]["content"]:  # llama-server adds each token's id and bytes
        e["id"] = {"Hi": 1, "!": 2}[e["token"]]
        e["bytes"] = list(e["token"].encode())
    reply["choices"] = [
        {"index": 0, "text": "Hi!", "logprobs": choice["logprobs"], "finish_reason": "length"}
    ]
    params = GenParams(max_new_tokens=2, top_logprobs=2)
    (c,) = _parse(reply, 0, params, False, TokenMap({"Hey": 3, ".": 4}), 0.1)
    assert c.text == "Hi!" and c.token_ids == [1, 2] and c.top_ids == [[1, 3], [2, 4]]


def _text_only_server(monkeypatch, refuse_logprobs: bool) -> list[dict]:
    """A server as frontier APIs are: answers without logprobs, or refusing the field outright."""
    import json

    import httpx

    bodies = []

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        bodies.append(body)
        if refuse_logprobs and ("logprobs" in body or "top_logprobs" in body):
            return httpx.Response(
                400, json={"error": {"message": "logprobs is not supported with this model"}}
            )
        msg = {"role": "assistant", "content": "Paris is the capital of France."}
        return httpx.Response(200, json={"choices": [{"index": 0, "message": msg, "finish_reason": "stop"}]})

    mock_server(monkeypatch, handler)
    return bodies


@pytest.mark.parametrize("refuse_logprobs", [False, True])
def test_text_only_teachers_give_answers_sft_can_train_on(
    monkeypatch, tmp_path, tiny_teacher_dir, refuse_logprobs
):
    """Frontier APIs return no logprobs (or refuse the field): a text-only harvest must still give
    sft its answers (before, an answer without token reports was stored with no tokens and sft
    skipped every one as empty; a refused `logprobs` stopped the harvest)."""
    from transformers import AutoTokenizer

    from stillroom.distill.data import load_examples
    from stillroom.harvest.run import HarvestConfig, run
    from stillroom.harvest.store import HarvestStore

    bodies = _text_only_server(monkeypatch, refuse_logprobs)
    prompts = tmp_path / "p.jsonl"
    prompts.write_text(
        "".join(f'{{"id": "q{i}", "messages": [{{"role": "user", "content": "Q{i}?"}}]}}\n' for i in range(4))
    )
    cfg = HarvestConfig(prompts=str(prompts), store=str(tmp_path / "h.sqlite"), max_new_tokens=16)
    teacher = OpenAITeacher("http://test.invalid/v1", model="m", max_retries=0)
    out = run(cfg, teacher=teacher)
    assert out["written"] == 4
    assert ("logprobs" in bodies[-1]) is not refuse_logprobs
    tok = AutoTokenizer.from_pretrained(tiny_teacher_dir)
    store = HarvestStore(cfg.store)
    examples = load_examples(store, out["config_key"], tok, max_length=512, need_logprobs=False)
    store.close()
    answer = tok("Paris is the capital of France.", add_special_tokens=False)["input_ids"]
    assert len(examples) == 4 and all(
        e.input_ids[e.prompt_len : e.prompt_len + len(answer)] == answer for e in examples
    )


def _strict_hosted_api(monkeypatch, refuse: dict[str, str]) -> list[dict]:
    """A hosted API as OpenAI's reasoning models answer: every field in `refuse` is refused with
    HTTP 400, OpenAI's error shape (`param`, code `unsupported_parameter` / `unsupported_value`)
    and its message; "Filtered?" is answered with no choices (what some APIs send for a filtered prompt)."""
    import json

    import httpx

    bodies = []

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        bodies.append(body)
        for field, message in refuse.items():
            if field in body and not (field == "temperature" and body[field] == 1):
                code = "unsupported_value" if field == "temperature" else "unsupported_parameter"
                err = {"message": message, "type": "invalid_request_error", "param": field, "code": code}
                return httpx.Response(400, json={"error": err})
        if body["messages"][0]["content"] == "Filtered?":
            return httpx.Response(200, json={"id": "x", "choices": []})
        msg = {"role": "assistant", "content": "Paris is the capital of France."}
        return httpx.Response(200, json={"choices": [{"index": 0, "message": msg, "finish_reason": "stop"}]})

    mock_server(monkeypatch, handler)
    return bodies


OPENAI_REFUSALS = {
    "max_tokens": "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
    "top_p": "Unsupported parameter: 'top_p' is not supported with this model.",
    "temperature": "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.",
}


def test_a_strict_hosted_api_gets_the_fields_it_takes(monkeypatch):
    """Before, each of these refusals read as a refused prompt and the third stopped the run: the
    token budget goes as `max_completion_tokens`, `top_p` (sent only at its default 1) is dropped,
    and a prompt answered with no choices is skipped like a refused one."""
    bodies = _strict_hosted_api(monkeypatch, OPENAI_REFUSALS)
    teacher = OpenAITeacher("http://test.invalid/v1", model="m", max_retries=0, concurrency=1)
    prompts = [[{"role": "user", "content": t}] for t in ("Q1?", "Filtered?", "Q2?", "Q3?")]
    out = teacher.generate(prompts, GenParams(max_new_tokens=16, temperature=1.0))
    assert [c.prompt_index for c in out] == [0, 2, 3] and all(c.text.startswith("Paris") for c in out)
    assert [i for i, _ in teacher.rejected] == [1] and "no choices" in teacher.rejected[0][1]
    last = bodies[-1]
    assert last["max_completion_tokens"] == 16 and "max_tokens" not in last and "top_p" not in last
    assert len(bodies) == 2 + 4  # one refusal each for max_tokens and top_p, then one request per prompt


def test_a_setting_the_user_chose_is_not_changed_behind_their_back(monkeypatch):
    """Greedy (temperature 0) refused: one line naming the setting, not a run of skipped prompts."""
    refuse = dict(OPENAI_REFUSALS)
    _strict_hosted_api(monkeypatch, refuse)
    teacher = OpenAITeacher("http://test.invalid/v1", model="m", max_retries=0, concurrency=1)
    with pytest.raises(UserError, match=r"does not accept `temperature`=0\.0.*Only the default \(1\)"):
        teacher.generate([CHAT] * 3, GenParams(max_new_tokens=16))
    assert teacher.rejected == []
    del refuse["temperature"], refuse["max_tokens"]
    teacher = OpenAITeacher("http://test.invalid/v1", model="m", max_retries=0, concurrency=1)
    with pytest.raises(UserError, match=r"does not accept `top_p`=0\.9"):
        teacher.generate([CHAT], GenParams(max_new_tokens=16, top_p=0.9))


def test_refusals_of_requests_already_in_flight_do_not_stop_the_run(monkeypatch):
    """Four requests sent before the first refusal came back: the later refusals of the same
    field are not a setting the user chose (a reviewer's race: they stopped the run)."""
    import asyncio
    import json

    import httpx

    async def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        await asyncio.sleep(0.05)  # all four are in flight before any answer
        if "top_p" in body or "max_tokens" in body:
            field = "top_p" if "top_p" in body else "max_tokens"
            err = {"message": OPENAI_REFUSALS[field], "param": field, "code": "unsupported_parameter"}
            return httpx.Response(400, json={"error": err})
        msg = {"role": "assistant", "content": "Paris."}
        return httpx.Response(200, json={"choices": [{"index": 0, "message": msg, "finish_reason": "stop"}]})

    mock_server(monkeypatch, handler)
    teacher = OpenAITeacher("http://test.invalid/v1", model="m", max_retries=0, concurrency=4)
    teacher.pacer.start_at(4)
    out = teacher.generate([CHAT] * 4, GenParams(max_new_tokens=8, temperature=1.0))
    assert len(out) == 4 and teacher.rejected == []


def test_repeated_calls_share_one_event_loop(upstream, monkeypatch):
    """A harvest calls `generate` once per chunk. A new event loop per call (`asyncio.run`) left a
    window in which Ctrl-C landed inside a half-built loop: CI saw a traceback at exit instead of
    the "interrupted: ... saved" line. One loop per thread, made once, closes that window; it is
    not made the thread's current loop, and the teacher still pickles (a review's findings)."""
    import asyncio
    import pickle

    real = asyncio.events.new_event_loop
    mine = real()  # the thread's own current loop, which the teacher must leave alone
    asyncio.set_event_loop(mine)
    made = []

    def counted():
        made.append(1)
        return real()

    # asyncio.run's runner calls the one, a runner given a loop factory the other
    monkeypatch.setattr(asyncio.events, "new_event_loop", counted)
    monkeypatch.setattr(asyncio, "new_event_loop", counted)
    teacher = client(upstream)
    try:
        for _ in range(3):
            (c,) = teacher.generate([CHAT], GenParams(max_new_tokens=4))
            assert c.text
        assert len(made) == 1
        assert asyncio.get_event_loop() is mine
        again = pickle.loads(pickle.dumps(teacher))
        (c,) = again.generate([CHAT], GenParams(max_new_tokens=4))
        assert c.text
        again.close()
    finally:
        teacher.close()
        asyncio.set_event_loop(None)
        mine.close()
    assert not teacher._runners


def test_a_teacher_works_from_inside_a_running_event_loop(upstream):
    """A notebook cell (Jupyter runs an event loop) or an async app calling `generate` got
    "Runner.run() cannot be called from a running event loop", and a teacher closed or collected
    there raised from `Runner.close` and left an un-awaited coroutine (the unraisable warnings in
    the project's CI log). Both fail on the old code."""
    import asyncio
    import warnings

    teacher = client(upstream)
    (before,) = teacher.generate([CHAT], GenParams(max_new_tokens=4))

    async def cell() -> str:
        (c,) = teacher.generate([CHAT], GenParams(max_new_tokens=4))
        teacher.close()
        return c.text

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert asyncio.run(cell()) == before.text
    assert not teacher._runners and not teacher._workers

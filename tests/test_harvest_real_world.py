"""What real servers send and do, without the real server: ragged/merged top-k, unmappable tokens,
a store without ids in distill, a server that answers one request at a time."""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
from collections import Counter

import numpy as np
import pytest
from transformers import AutoTokenizer

from fakes.upstream import FakeUpstream
from stillroom.errors import UserError
from stillroom.harvest.export import export
from stillroom.harvest.run import HarvestConfig, run
from stillroom.harvest.store import HarvestStore, config_key
from stillroom.serve.thread import running
from stillroom.teachers import GenParams, TeacherConfig
from stillroom.teachers.openai import OpenAITeacher, _parse
from stillroom.teachers.pacing import Pacer
from stillroom.teachers.tokens import TokenMap, map_steps

CHAT = [{"role": "user", "content": "hi"}]


@pytest.fixture(scope="module")
def tok(tiny_teacher_dir):
    return AutoTokenizer.from_pretrained(tiny_teacher_dir)


def llama_cpp_body(tok, text: str, k: int) -> dict:
    """A chat answer shaped like llama-cpp-python 0.2.x's: completions-style logprobs, top-k as a
    dict keyed by string (equal strings merged, '' for every partial-UTF-8 token, the chosen token
    added as a k+1-th entry), in no particular order."""
    ids = tok(text, add_special_tokens=False)["input_ids"]
    tokens, lps, tops = [], [], []
    for t, i in enumerate(ids):
        piece = tok.decode([i])
        piece = "" if "\ufffd" in piece else piece
        alts = {"": -3.0 - t % 3} | {tok.decode([a]): -4.0 - a / 1000 for a in range(40, 40 + k - 2)}
        alts[piece] = -0.5  # the chosen token, as llama-cpp-python appends it
        tokens.append(piece)
        lps.append(-0.5)
        tops.append(dict(reversed(list(alts.items()))))
    lp = {"tokens": tokens, "token_logprobs": lps, "top_logprobs": tops, "text_offset": []}
    choice = {"index": 0, "message": {"role": "assistant", "content": text}, "logprobs": lp}
    return {"choices": [choice | {"finish_reason": "length"}], "usage": {"prompt_tokens": 5}}


def test_merged_short_and_overlong_top_k_is_stored_with_a_mask(tmp_path, tok):
    """Issue #15: `_blob` raised "inhomogeneous shape" on rows shorter than k and lost the chunk."""
    table = TokenMap.from_tokenizer(tok)
    text = "The capital of France is Paris. Café ☕ déjà vu."
    params = GenParams(max_new_tokens=64, top_logprobs=5)
    (c,) = _parse(llama_cpp_body(tok, text, 5), 0, params, True, table, 0.1)
    assert {len(r) for r in c.top_ids} != {5}  # ragged: merged rows are shorter
    assert c.token_ids == tok(text, add_special_tokens=False)["input_ids"]  # '' tokens filled from text
    store = HarvestStore(tmp_path / "h.sqlite")
    store.add_prompts([{"id": "p", "messages": CHAT}])
    store.add_completions("k", {}, params.to_dict(), [("p", c, 0.1)])
    (r,) = store.records()
    assert r.top_ids.shape == (len(c.token_ids), 5)
    pad = ~np.isfinite(r.top_logprobs)
    assert pad.any() and (r.top_ids[pad] == -1).all()  # padding: id -1, logprob -inf
    assert np.all(np.diff(np.where(pad, -1e9, r.top_logprobs), axis=1) <= 0)  # sorted, padding last
    unmapped = (r.top_ids == -1) & ~pad
    assert unmapped.any() and np.isfinite(r.top_logprobs[unmapped]).all()  # '' kept for the tail
    m = store.mapping()
    assert m["top_mapped"] == int((r.top_ids >= 0).sum()) and m["top_total"] == int((~pad).sum())
    export(store, tmp_path / "x.jsonl")  # ragged rows as JSON (no -Infinity)
    row = json.loads((tmp_path / "x.jsonl").read_text())
    assert [len(x) for x in row["top_ids"]] == [int(n) for n in (~pad).sum(1)]


def test_ids_bytes_and_strings_map_and_ambiguity_is_unmapped(tok):
    table = TokenMap.from_tokenizer(tok)
    i = tok(" capital", add_special_tokens=False)["input_ids"][0]
    raw = list(tok.convert_ids_to_tokens(i).replace("Ġ", " ").encode())
    assert table.id({"token": "x", "id": i}) == i
    assert table.id({"token": "", "bytes": raw}) == i
    assert table.id(tok.decode([i])) == i
    assert table.id("") == -1 and table.id("\ufffd") == -1  # many ids decode to these
    steps = [("x", -0.1, [("a", -1.0), ("a", -2.0), ("", -2.5), ("zz-not-a-token", -3.0)])]
    m = map_steps(steps, TokenMap({"x": 7, "a": 3}), 3, "x")
    assert m.top_ids == [[3, -1, -1]] and m.top_logprobs == [[-1.0, -2.0, -2.5]]  # repeat -> -1, k cut
    assert (m.top_total, m.top_unmapped) == (3, 2)


def test_fill_from_text_gives_up_rather_than_guessing(tok):
    table = TokenMap.from_tokenizer(tok)
    steps = [("The", -0.1, []), ("", -0.1, []), (" Paris", -0.1, [])]
    m = map_steps(steps, table, 0, "The wrong text")
    assert m.token_ids[1] == -1 and m.tokens_unmapped >= 1


def store_without_ids(path, teacher_dir) -> str:
    """A store like a served teacher's harvested without --tokenizer: every id -1, logprobs kept."""
    from stillroom.teachers.hf import HFTeacher

    teacher = HFTeacher(str(teacher_dir))
    prompts = [[{"role": "user", "content": f"Question {i}?"}] for i in range(8)]
    params = GenParams(max_new_tokens=8, top_logprobs=4)
    comps = teacher.generate(prompts, params)
    for c in comps:
        c.token_ids = [-1] * len(c.token_ids)
        c.top_ids = [[-1] * len(r) for r in c.top_ids]
    store = HarvestStore(path)
    store.add_prompts([{"id": f"p{i}", "messages": p} for i, p in enumerate(prompts)])
    info = {"backend": "openai", "spec": "openai:http://x", "model": "m"}
    store.add_completions(config_key(info, params.to_dict()), info, params.to_dict(), [
        (f"p{c.prompt_index}", c, 0.0) for c in comps
    ])  # fmt: skip
    store.close()
    return str(path)


def test_distill_on_a_store_without_ids(tmp_path, tiny_teacher_dir):
    """Issue #15: sft raised IndexError and kd 'index -1 is out of bounds' on such a store."""
    from stillroom.distill.config import DistillConfig
    from stillroom.distill.train import train

    db = store_without_ids(tmp_path / "h.sqlite", tiny_teacher_dir)
    common = {"teacher": f"hf:{tiny_teacher_dir}", "store": db, "student": {"init": "prune", "layers": 1}}
    train_kw = {"steps": 2, "batch_size": 4, "checkpoint_every": 0}
    out = train(DistillConfig(out=str(tmp_path / "sft"), method="sft", train=train_kw, **common))
    assert json.loads((out / "summary.json").read_text())["train_prompts"] == 8  # trained on the text
    kd = DistillConfig(out=str(tmp_path / "kd"), method="kd", signal="harvested", train=train_kw, **common)
    with pytest.raises(UserError, match=r"no token ids.*--tokenizer"):
        train(kd)


class SingleSlot:
    """Wraps an upstream so it generates one answer at a time, as llama-cpp-python's server does.

    Like that server it finishes a request whose client gave up, so `generated` counts the work the
    upstream did per prompt: more than 1 means it generated the same answer twice.
    """

    def __init__(self, inner: FakeUpstream, service_s: float):
        self.inner, self.service_s = inner, service_s
        self.generated: Counter = Counter()
        self._lock: asyncio.Lock | None = None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"] == "/v1/models":
            return await self.inner(scope, receive, send)
        body = b""
        while True:
            msg = await receive()
            body += msg.get("body", b"")
            if not msg.get("more_body"):
                break
        self._lock = self._lock or asyncio.Lock()
        async with self._lock:
            await asyncio.sleep(self.service_s)
            self.generated[json.loads(body)["messages"][-1]["content"]] += 1

        async def replay():
            return {"type": "http.request", "body": body, "more_body": False}

        with contextlib.suppress(OSError, RuntimeError):  # the client may be gone
            await self.inner(scope, replay, send)


@pytest.mark.parametrize("pace", ["adaptive", "fixed"])
def test_single_slot_server_never_generates_twice(tmp_path, pace):
    """Issue #15: concurrency 8 with a fixed timeout re-sent requests the server still worked on."""
    up = SingleSlot(FakeUpstream(), service_s=0.15)
    prompts = [[{"role": "user", "content": f"question {i}"}] for i in range(12)]
    with running(up) as url:
        pacer = Pacer(8, 0.5, limit=8, growing=False) if pace == "fixed" else None
        t = OpenAITeacher(url, "fake-model", concurrency=8, timeout_s=0.5, backoff_s=0.01, pacer=pacer)
        if pace == "fixed":  # the old behaviour: 8 in flight, a fixed 0.5 s deadline
            t.pacer.deadline = lambda: 0.5
            t.pacer.on_timeout = lambda: None
        out = t.generate(prompts, GenParams(max_new_tokens=4))
    assert len(out) == 12
    twice = sum(n > 1 for n in up.generated.values())
    if pace == "fixed":
        assert twice > 0  # the failure the pacer exists for
    else:
        assert twice == 0 and t.retries == 0 and t.pacer.limit == 1, (up.generated, t.pacer.history)


def test_a_batching_server_gets_more_in_flight():
    up = FakeUpstream(delay_s=0.1)
    with running(up) as url:
        t = OpenAITeacher(url, "fake-model", concurrency=8, timeout_s=5)
        t.generate([[{"role": "user", "content": f"q{i}"}] for i in range(40)], GenParams(max_new_tokens=4))
    assert t.pacer.limit >= 4 and t.retries == 0, t.pacer.history


def test_timeouts_halve_the_limit_and_lengthen_the_deadline():
    p = Pacer(8, 1.0, limit=8)
    assert p.deadline() == 1.0
    p.on_answer(2.0, 10)
    assert p.deadline() == 8.0  # 4 x the slowest answer seen
    p.on_timeout()
    assert p.limit == 4 and not p.growing and p.timeouts == 1


def test_wrong_tokenizer_stops_with_one_line(tmp_path, tiny_teacher_dir):
    """A served teacher mapped with a tokenizer that is not its own: stop before storing junk."""
    up = FakeUpstream()
    rows = [{"id": f"p{i}", "messages": [{"role": "user", "content": f"question {i}"}]} for i in range(30)]
    (tmp_path / "p.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    with running(up) as url:
        cfg = HarvestConfig(
            prompts=str(tmp_path / "p.jsonl"),
            store=str(tmp_path / "h.sqlite"),
            top_logprobs=8,
            max_new_tokens=16,
            teacher=TeacherConfig(spec=f"openai:{url}", model="fake-model", tokenizer=str(tiny_teacher_dir)),
        )
        with pytest.raises(UserError, match="maps only"):
            from stillroom.teachers import load_teacher

            teacher = load_teacher(cfg.teacher)
            teacher.ask_token_ids = False  # the fake's words are not the tiny tokenizer's tokens
            run(cfg, teacher)
    assert not list(HarvestStore(tmp_path / "h.sqlite").records())


def test_server_without_logprobs_is_a_one_line_error():
    data = {"choices": [{"index": 0, "message": {"content": "hello"}, "finish_reason": "stop"}]}
    with pytest.raises(UserError, match="without top logprobs"):
        _parse(data, 0, GenParams(top_logprobs=5), True, TokenMap(), 0.1)
    assert math.isfinite(_parse(data, 0, GenParams(), True, TokenMap(), 0.1)[0].extra["latency_s"])


def test_starts_from_the_slots_a_llama_cpp_server_reports():
    """llama.cpp's server says how many requests it runs at once (`/props`): start there."""
    up = FakeUpstream()

    async def app(scope, receive, send):
        if scope["type"] == "http" and scope["path"] == "/props":
            body = json.dumps({"total_slots": 4}).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"application/json")],
                }
            )
            return await send({"type": "http.response.body", "body": body})
        return await up(scope, receive, send)

    with running(app) as url:
        t = OpenAITeacher(url, "fake-model", concurrency=8, timeout_s=5)
        t.generate([CHAT], GenParams(max_new_tokens=4))
    assert t.pacer.limit == 4 and t.pacer.history == []


def test_a_rerun_with_a_tokenizer_harvests_anew(tmp_path, tiny_teacher_dir):
    """Issue #15: the tokenizer was not in the config key, so adding one found nothing to do."""
    rows = [{"id": f"p{i}", "messages": [{"role": "user", "content": f"question {i}"}]} for i in range(4)]
    (tmp_path / "p.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    with running(FakeUpstream()) as url:
        base = {"prompts": str(tmp_path / "p.jsonl"), "store": str(tmp_path / "h.sqlite"), "top_logprobs": 2}
        spec = {"spec": f"openai:{url}", "model": "fake-model"}
        first = run(HarvestConfig(**base, teacher=TeacherConfig(**spec)))
        second = run(HarvestConfig(**base, teacher=TeacherConfig(**spec, tokenizer=str(tiny_teacher_dir))))
    assert first["written"] == second["written"] == 4 and first["config_key"] != second["config_key"]
    with_ids = list(HarvestStore(tmp_path / "h.sqlite").records(second["config_key"]))
    assert all(min(r.token_ids) >= 0 for r in with_ids)  # `token_id:N` from the (vLLM-like) fake
    assert second["mapping"]["top_unmapped"] == 0


def test_a_bad_tokenizer_flag_is_one_line(tmp_path):
    import subprocess
    import sys

    (tmp_path / "p.jsonl").write_text(json.dumps({"id": "a", "prompt": "x"}) + "\n")
    cmd = [sys.executable, "-m", "stillroom.cli", "harvest", str(tmp_path / "p.jsonl"), "--store"]
    cmd += [
        str(tmp_path / "h.sqlite"),
        "--teacher",
        "openai:http://127.0.0.1:9",
        "--tokenizer",
        str(tmp_path),
    ]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip().startswith("error: not a model folder")


def test_an_answer_whose_rows_are_all_short_is_stored_k_wide(tmp_path):
    from stillroom.teachers.base import Completion

    store = HarvestStore(tmp_path / "h.sqlite")
    store.add_prompts([{"id": "p", "messages": CHAT}])
    c = Completion(
        "ab", [1, 2], "stop", 1, logprobs=[-1.0, -1.0], top_ids=[[1, 4], [2]], top_logprobs=[[-1, -2], [-1]]
    )
    store.add_completions("k", {}, GenParams(top_logprobs=5).to_dict(), [("p", c, 0.1)])
    (r,) = store.records()
    assert r.top_ids.shape == (2, 5) and (r.top_ids[1, 1:] == -1).all()

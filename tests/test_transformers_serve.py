"""Harvest from a second real third-party OpenAI-compatible server: Hugging Face's `transformers serve`
(FastAPI), serving the embedded teacher (SmolLM2-135M-Instruct) from the folder stillroom converts
its GGUF to. What it does that llama-cpp-python does not (transformers 5.24, read in its source and
measured, bench/results/harvest-transformers-serve.txt): it takes `logprobs`, `top_logprobs` and `n`
and ignores them (no logprobs, one choice); a field outside OpenAI's schema (vLLM's
`return_tokens_as_token_ids`) is a 422; its errors are FastAPI's `{"detail": ...}`; `temperature` > 0
is ignored unless the model's generation config samples (the samples are copies); it generates one
request at a time and finishes the ones a client gave up on; a cut inside a multi-byte character
ends the text with U+FFFD. The server-free tests at the end pin the same fixes for any server.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from llama_server import free_port
from stillroom.errors import UserError
from stillroom.harvest.store import HarvestStore
from stillroom.teachers import GenParams
from stillroom.teachers.openai import OpenAITeacher, _parse
from stillroom.teachers.tokens import TokenMap
from test_harvest_kill import count
from test_openai_teacher import mock_server

TRANSFORMERS = Path(sys.executable).parent / "transformers"
PROMPTS = [
    "What is the capital of Japan?",
    "Name three rivers in Europe.",
    "Write a Python function that reverses a string.",
    "Explain photosynthesis in one sentence.",
    "Why is the sky blue?",
    "日本の首都はどこですか？",  # 2 tokens a character: 12 tokens end inside one, as U+FFFD
]
TOKENS = 12


@dataclass
class Served:
    url: str
    model: str  # the local folder the server is pinned to: its only model name
    log: Path

    def answered(self) -> int:
        """Chat answers the server has sent so far (uvicorn's access log)."""
        return self.log.read_text(errors="replace").count('POST /v1/chat/completions HTTP/1.1" 200')


def _missing() -> str | None:
    if not TRANSFORMERS.is_file():
        return f"the `transformers` CLI is not installed ({TRANSFORMERS} not found)"
    from transformers.utils.import_utils import is_serve_available

    if not is_serve_available():
        return "`transformers serve` lacks its extras (fastapi, uvicorn, openai): pip install 'transformers[serving]'"
    return None


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    if why := _missing():
        pytest.skip(why)
    from stillroom.models import _converted_gguf, default_gguf

    folder = str(_converted_gguf(default_gguf()))  # cached after the first conversion; no download
    log = tmp_path_factory.mktemp("transformers_serve") / "server.log"
    port = free_port()
    cmd = [str(TRANSFORMERS), "serve", folder, "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--device", "cpu", "--dtype", "float32"]  # its default `auto` dtype would be the folder's
    env = os.environ | {
        "HF_HUB_OFFLINE": "1",
        "HF_HUB_DISABLE_UPDATE_CHECK": "1",  # its CLI asks PyPI for a newer transformers otherwise
        "OMP_NUM_THREADS": "1",
        "PYTHONUNBUFFERED": "1",  # the access log is how tests count answers
    }
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 180
        while True:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"transformers serve exited with {proc.returncode}: {log.read_text()[-2000:]}"
                )
            try:
                if httpx.get(url + "/v1/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.time() > deadline:
                raise RuntimeError("transformers serve did not start within 180 s")
            time.sleep(0.5)
        yield Served(url, folder, log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def write_prompts(path: Path, texts: list[str]) -> list[str]:
    rows = [{"id": f"p{i}", "messages": [{"role": "user", "content": t}]} for i, t in enumerate(texts)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return [r["id"] for r in rows]


def harvest_cmd(served: Served, prompts: Path, store: Path, *extra: str) -> list[str]:
    cmd = [sys.executable, "-m", "stillroom.cli", "harvest", str(prompts), "--store", str(store)]
    return [*cmd, "--teacher", f"openai:{served.url}", "--max-new-tokens", str(TOKENS), *extra]


def harvest(served: Served, prompts: Path, store: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        harvest_cmd(served, prompts, store, *extra), capture_output=True, text=True, timeout=300
    )


def said(r: subprocess.CompletedProcess) -> str:
    return " ".join((r.stdout + r.stderr).split())


def direct(served: Served, text: str) -> dict:
    """The server's own answer to a prompt, asked without stillroom."""
    body = {"model": served.model, "messages": [{"role": "user", "content": text}]}
    r = httpx.post(
        served.url + "/v1/chat/completions",
        json=body | {"max_tokens": TOKENS, "temperature": 0.0},
        timeout=120,
    )
    r.raise_for_status()
    return r.json()


@pytest.mark.e2e
def test_text_only_harvest_stores_what_the_server_answers_then_trains(served, tmp_path, tiny_student_dir):
    """Every prompt once, each answer the server's own. `--tokenizer` made vLLM's
    `return_tokens_as_token_ids` ride along, which this server refuses with a 422: the old code
    read that as three refused prompts and stopped (rc 2) instead of asking without it."""
    ids = write_prompts(tmp_path / "p.jsonl", PROMPTS)
    store = tmp_path / "h.sqlite"
    r = harvest(served, tmp_path / "p.jsonl", store, "--tokenizer", served.model)
    assert r.returncode == 0, r.stderr[-3000:]
    assert f"{len(ids)} new completions for {len(ids)} pending prompts" in said(r)
    with sqlite3.connect(store) as con:
        rows = con.execute(
            "SELECT prompt_id, sample, text, finish_reason, completion_tokens FROM completions"
        ).fetchall()
    assert sorted((p, s) for p, s, *_ in rows) == [(i, 0) for i in ids]  # none lost, none twice
    for (pid, _, text, finish, tokens), prompt in zip(sorted(rows), PROMPTS, strict=True):
        want = direct(served, prompt)
        choice = want["choices"][0]
        raw = choice["message"]["content"]
        # the one change stillroom makes: the half character a length cut leaves (old code kept it)
        assert text == (raw.rstrip("\ufffd") if choice["finish_reason"] == "length" else raw), pid
        assert (finish, tokens) == (choice["finish_reason"], want["usage"]["completion_tokens"]), pid
    cut = dict((p, t) for p, _, t, *_ in rows)["p5"]
    assert cut and "\ufffd" not in cut

    again = harvest(served, tmp_path / "p.jsonl", store, "--tokenizer", served.model)
    assert again.returncode == 0 and " 0 new completions" in said(again), again.stderr[-2000:]

    (tmp_path / "sft.yaml").write_text(
        f"method: sft\nsignal: harvested\nstudent: {{init: pretrained, path: {tiny_student_dir}}}\n"
        "train: {steps: 2, batch_size: 4}\n"
    )
    cmd = [sys.executable, "-m", "stillroom.cli", "distill", "--config", str(tmp_path / "sft.yaml")]
    d = subprocess.run(
        [*cmd, "--store", str(store), "--out", str(tmp_path / "run")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert d.returncode == 0, d.stderr[-3000:]
    summary = json.loads((tmp_path / "run" / "summary.json").read_text())
    assert summary["train_prompts"] == len(ids) and summary["steps"] == 2


@pytest.mark.e2e
def test_top_logprobs_from_a_server_without_them_is_one_line_and_leaves_nothing(served, tmp_path):
    """The server takes `top_logprobs` and answers without any: one line that says so and how to
    harvest text only, exit 2, and no store (the old code left an empty one behind)."""
    write_prompts(tmp_path / "p.jsonl", PROMPTS[:3])
    store = tmp_path / "h.sqlite"
    r = harvest(served, tmp_path / "p.jsonl", store, "--top-logprobs", "5")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    errors = [x for x in r.stderr.splitlines() if x.startswith("error:")]
    assert len(errors) == 1 and r.stderr.rstrip().endswith(errors[0]), r.stderr
    assert "returns no top logprobs" in errors[0] and "harvest text only" in errors[0]
    assert served.url in errors[0]
    assert not list(tmp_path.glob("h.sqlite*"))


@pytest.mark.e2e
def test_a_model_the_server_does_not_serve_is_its_words_and_leaves_nothing(served, tmp_path):
    """The server is pinned to one model: its 400 `{"detail": ...}` was shown as raw JSON."""
    write_prompts(tmp_path / "p.jsonl", PROMPTS[:3])
    r = harvest(served, tmp_path / "p.jsonl", tmp_path / "h.sqlite", "--model", "other/model")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "Server is pinned to" in r.stderr and '{"detail"' not in r.stderr
    assert not list(tmp_path.glob("h.sqlite*"))


@pytest.mark.e2e
def test_ctrl_c_keeps_the_answers_already_back_then_resume_asks_only_the_rest(served, tmp_path):
    """All six prompts are one chunk (2 x concurrency): Ctrl-C after answers came back stored none
    of them before (the old code saved 0 and the rerun asked the server all six again)."""
    ids = write_prompts(tmp_path / "p.jsonl", PROMPTS)
    store = tmp_path / "h.sqlite"
    cmd = harvest_cmd(served, tmp_path / "p.jsonl", store)
    before = served.answered()
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as a terminal starts it
    )
    deadline = time.time() + 120
    while served.answered() < before + 3 and proc.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    saved = count(store)
    assert proc.returncode == 130, err[-2000:]
    assert 2 <= saved < len(ids), saved
    line = next(x for x in err.splitlines() if x.startswith("interrupted:"))
    assert f"{saved} of {len(ids)} completions of this run are saved" in line and "Traceback" not in err

    r = harvest(served, tmp_path / "p.jsonl", store)
    assert r.returncode == 0, r.stderr[-3000:]
    rest = len(ids) - saved
    assert f"resuming: {saved} prompts already harvested" in said(r)
    assert f"{rest} new completions for {rest} pending prompts" in said(r)
    asked = re.search(r"(\d+) requests, (\d+) retries", said(r))
    assert asked and (int(asked[1]), int(asked[2])) == (rest + 1, 0)  # the rest, and /models once
    with sqlite3.connect(store) as con:
        got = sorted(con.execute("SELECT prompt_id, sample FROM completions").fetchall())
    assert got == [(i, 0) for i in ids]


@pytest.mark.e2e
def test_samples_from_a_server_that_ignores_temperature_stop_before_copies_are_stored(served, tmp_path):
    """`--samples 2 --temperature 1.0`: the server ignores `n` (asked once per sample: fine) and the
    temperature (greedy): the old code stored each answer twice as two "samples"."""
    write_prompts(tmp_path / "p.jsonl", PROMPTS[1:5])  # answers long enough to count as evidence
    r = harvest(served, tmp_path / "p.jsonl", tmp_path / "h.sqlite", "--samples", "2", "--temperature", "1.0")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "same answer to all 2 samples of each of 4 prompts" in said(r) and "--samples 1" in said(r)
    assert not list(tmp_path.glob("h.sqlite*"))


# --- the same fixes for any server, without one --------------------------------------------------

CHAT = [{"role": "user", "content": "hi"}]


def _reply(content: str, finish: str = "stop") -> dict:
    choice = {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish}
    return {"choices": [choice], "usage": {"prompt_tokens": 3, "completion_tokens": 4}}


def test_a_server_that_refuses_top_logprobs_stops_at_once_with_one_line(monkeypatch):
    """A 400 naming logprobs on a top-k request: the old code took it for a bad prompt (skipped
    one or two prompts silently, stopped only at the third with no word of text-only)."""
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/props"):
            return httpx.Response(404)
        seen.append(json.loads(request.content))
        return httpx.Response(400, json={"error": {"message": "logprobs are not supported"}})

    mock_server(monkeypatch, handler)
    teacher = OpenAITeacher("http://test.invalid/v1", "m", max_retries=0)
    with pytest.raises(
        UserError, match=r"returns no top logprobs .*HTTP 400: logprobs are not supported"
    ) as e:
        teacher.generate([CHAT], GenParams(max_new_tokens=4, top_logprobs=5))
    teacher.close()
    assert len(seen) == 1 and "harvest text only" in str(e.value) and "\n" not in str(e.value)


def test_a_fastapi_422_for_token_ids_is_asked_again_without_them(monkeypatch):
    """FastAPI servers refuse fields outside the schema with 422 `{"detail": ...}`; only a 400
    dropped `return_tokens_as_token_ids` before."""
    bodies = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/props"):
            return httpx.Response(404)
        body = json.loads(request.content)
        bodies.append(body)
        if "return_tokens_as_token_ids" in body:
            detail = "Unexpected fields in the request: {'return_tokens_as_token_ids'}"
            return httpx.Response(422, json={"detail": detail})
        return httpx.Response(200, json=_reply("Hello there"))

    mock_server(monkeypatch, handler)
    teacher = OpenAITeacher("http://test.invalid/v1", "m", max_retries=0, ask_token_ids=True)
    (c,) = teacher.generate([CHAT], GenParams(max_new_tokens=4))
    (c2,) = teacher.generate([CHAT], GenParams(max_new_tokens=4))
    teacher.close()
    assert c.text == c2.text == "Hello there" and not teacher.ask_token_ids
    assert len(bodies) == 3  # refused once, then never sent again


def test_fastapi_validation_errors_read_as_words():
    from stillroom.teachers.openai import _error_message

    detail = [
        {"loc": ["body", "max_tokens"], "msg": "Input should be a valid integer", "type": "int_parsing"}
    ]
    r = httpx.Response(422, json={"detail": detail})
    assert _error_message(r) == "max_tokens: Input should be a valid integer"
    assert _error_message(httpx.Response(400, json={"detail": "Server is pinned"})) == "Server is pinned"


def test_a_length_cut_inside_a_character_drops_the_half_character():
    """The server decoded the partial bytes as U+FFFD; a student trained on it writes U+FFFD."""
    (c,) = _parse(
        _reply("日本の首都は\ufffd", "length"), 0, GenParams(max_new_tokens=12), True, TokenMap(), 0.1
    )
    assert c.text == "日本の首都は"
    (kept,) = _parse(_reply("a \ufffd sign", "stop"), 0, GenParams(), True, TokenMap(), 0.1)
    assert kept.text == "a \ufffd sign"  # one the model wrote itself stays


def test_a_failed_run_leaves_no_store_it_created_but_keeps_one_it_found(tmp_path, monkeypatch):
    from stillroom.harvest.run import HarvestConfig, run
    from stillroom.teachers import TeacherConfig

    mock_server(monkeypatch, lambda request: httpx.Response(200, json=_reply("no logprobs here")))
    write_prompts(tmp_path / "p.jsonl", ["a", "b"])
    cfg = HarvestConfig(
        prompts=str(tmp_path / "p.jsonl"),
        store=str(tmp_path / "h.sqlite"),
        top_logprobs=3,
        teacher=TeacherConfig(spec="openai:http://test.invalid", model="m"),
    )
    teacher = OpenAITeacher("http://test.invalid/v1", "m", max_retries=0)
    try:
        with pytest.raises(UserError, match="returns no top logprobs"):
            run(cfg, teacher)
        assert not list(tmp_path.glob("h.sqlite*"))
        run(cfg.model_copy(update={"top_logprobs": 0}), teacher)
        with pytest.raises(UserError, match="returns no top logprobs"):
            run(cfg, teacher)
    finally:
        teacher.close()
    store = HarvestStore(tmp_path / "h.sqlite")
    assert store.count() == 2  # the text-only answers stay
    store.close()

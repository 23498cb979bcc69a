"""Harvest from a real third-party OpenAI-compatible server (llama-cpp-python) and distil from it.

llama-cpp-python merges top-k alternatives whose strings are equal (every partial-UTF-8 token is ''),
so rows come back shorter than k, unsorted, sometimes with k+1 entries, and its chat endpoint (before
0.2.70) answers with completions-style logprobs. This is what issue #15 saw break the harvest. Every
id the harvest stored is checked against the same model run in-process (llama_oracle.py).
"""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from llama_server import LlamaServer, server_python, true_answers, wrong_ids
from stillroom.harvest.store import HarvestStore

PYTHON = server_python()
pytestmark = [
    pytest.mark.e2e,
    # 169 s on CI alone; 230 s here with the CPU shared three ways (harvest 93 s, the in-process
    # oracle 87 s, distill 31 s), so the suite's 300 s limit would cut it on a busy machine.
    pytest.mark.timeout(600),
    pytest.mark.skipif(
        PYTHON is None, reason="llama_cpp.server not installed (make test installs .venv-llama)"
    ),
]

ASCII = [
    "Name three rivers in Europe.",
    "Write a Python function that reverses a string.",
    "What is the capital of Japan?",
    "Explain photosynthesis in one sentence.",
    "Give me a haiku about autumn.",
    "List the first five prime numbers.",
    "How do I sort a list in JavaScript?",
    "What does HTTP stand for?",
    "Summarise the plot of Hamlet in two sentences.",
    "Convert 100 Fahrenheit to Celsius.",
    "Write a SQL query that counts rows in a table named users.",
    "Why is the sky blue?",
    "Suggest a name for a pet turtle.",
    "What is 17 times 23?",
]
MULTIBYTE = [
    "用中文介绍一下北京。",
    "日本の首都はどこですか？",
    "Écris une phrase en français sur la mer.",
    "Reply with three emoji that describe summer.",
    "Переведи на русский: good morning.",
    "写一首关于月亮的短诗。",
]


def harvest(url: str, prompts, store) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "stillroom.cli", "harvest", str(prompts), "--store", str(store)]
    cmd += ["--teacher", f"openai:{url}", "--tokenizer", "hf:default", "--top-logprobs", "5"]
    cmd += ["--max-new-tokens", "16"]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600)


def mapped(records) -> tuple[int, int]:
    total = ok = 0
    for r in records:
        present = np.isfinite(r.top_logprobs)
        total += int(present.sum())
        ok += int((present & (r.top_ids >= 0)).sum())
    return ok, total


def test_harvest_and_distill_from_llama_cpp_python(tmp_path):
    rows = [{"id": f"a{i}", "messages": [{"role": "user", "content": p}]} for i, p in enumerate(ASCII)]
    rows += [{"id": f"m{i}", "messages": [{"role": "user", "content": p}]} for i, p in enumerate(MULTIBYTE)]
    prompts, store = tmp_path / "p.jsonl", tmp_path / "h.sqlite"
    prompts.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with LlamaServer(PYTHON, threads=1, log=tmp_path / "server.log") as srv:  # heavy's one thread
        first = harvest(srv.url, prompts, store)
        assert first.returncode == 0, first.stderr[-3000:]
        assert "top-k ids mapped" in first.stderr + first.stdout
        again = harvest(srv.url, prompts, store)  # the tokenizer is in the config key: nothing left
        assert again.returncode == 0 and " 0 new completions" in again.stderr + again.stdout
    s = HarvestStore(store)
    recs = list(s.records())
    assert sorted(r.prompt_id for r in recs) == sorted(r["id"] for r in rows)  # none lost, none twice
    truth = true_answers(PYTHON, prompts, tmp_path / "true.jsonl", 16, 5)
    checked = [w for r in recs if (w := wrong_ids(r, truth[r.prompt_id])) is not None]
    assert len(checked) >= 15, len(checked)  # the same model, greedy: the same answers (all 200 in the bench)
    assert [w for w in checked if w != (0, 0)] == []  # no id is another token's (the old table: 4)
    # Alternatives shown ' ' stay -1 (the space, or a space and a lead byte: 1 thread measured 1039 of
    # 1045 mapped); the multibyte answers' '' entries that are the chosen token are named (96.1%; 88.8%
    # before, 4 of them wrong).
    ascii_ok, ascii_total = mapped(r for r in recs if r.prompt_id.startswith("a"))
    assert ascii_ok >= 0.99 * ascii_total, (ascii_ok, ascii_total)
    multi_ok, multi_total = mapped(r for r in recs if r.prompt_id.startswith("m"))
    assert multi_ok >= 0.93 * multi_total, (multi_ok, multi_total)
    assert all(min(r.token_ids) >= 0 for r in recs if r.prompt_id.startswith("a"))
    m = s.mapping()
    assert m["tokens_mapped"] >= 0.98 * m["tokens"], m  # chosen '' tokens read back from the text
    assert all(r.top_ids.shape[1] == 5 and r.top_ids.shape[0] == len(r.token_ids) for r in recs)
    s.close()

    out = tmp_path / "kd"
    cmd = [sys.executable, "-m", "stillroom.cli", "distill", "--store", str(store), "--out", str(out)]
    cmd += ["--teacher", "hf:default", "--method", "kd", "--signal", "harvested", "--layers", "1"]
    cmd += ["--steps", "3", "--batch-size", "4", "--seed", "0"]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    metrics = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
    assert len(metrics) == 3 and all(np.isfinite(x["loss"]) and np.isfinite(x["kl"]) for x in metrics)
    assert json.loads((out / "summary.json").read_text())["train_prompts"] >= 18


def test_samples_from_a_server_that_ignores_n(tmp_path):
    """llama-cpp-python answers one choice whatever `n` asks: `--samples 2` must still store two
    answers per prompt (it stopped the harvest with "asked for n=2, got 1 choices" before)."""
    rows = [{"id": f"a{i}", "messages": [{"role": "user", "content": p}]} for i, p in enumerate(ASCII[:3])]
    prompts, store = tmp_path / "p.jsonl", tmp_path / "h.sqlite"
    prompts.write_text("".join(json.dumps(r) + "\n" for r in rows))
    cmd = [sys.executable, "-m", "stillroom.cli", "harvest", str(prompts), "--store", str(store)]
    cmd += ["--teacher", "openai:{url}", "--samples", "2", "--temperature", "1.0", "--max-new-tokens", "8"]
    with LlamaServer(PYTHON, threads=1, log=tmp_path / "server.log") as srv:
        r = subprocess.run([c.format(url=srv.url) for c in cmd], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    s = HarvestStore(store)
    got = sorted((rec.prompt_id, rec.sample) for rec in s.records())
    s.close()
    assert got == [(f"a{i}", j) for i in range(3) for j in (0, 1)]


def test_a_prompt_the_server_refuses_is_skipped_not_fatal(tmp_path):
    """A prompt longer than the server's context is refused with HTTP 400: the harvest stores the
    other answers, says which prompt was refused and why, and leaves it pending (before, the
    whole chunk was lost and every rerun stopped at the same prompt)."""
    rows = [{"id": f"a{i}", "messages": [{"role": "user", "content": p}]} for i, p in enumerate(ASCII[:4])]
    rows.insert(2, {"id": "long", "messages": [{"role": "user", "content": "word " * 400}]})
    prompts, store = tmp_path / "p.jsonl", tmp_path / "h.sqlite"
    prompts.write_text("".join(json.dumps(r) + "\n" for r in rows))
    cmd = [sys.executable, "-m", "stillroom.cli", "harvest", str(prompts), "--store", str(store)]
    cmd += ["--teacher", "openai:{url}", "--max-new-tokens", "8"]
    with LlamaServer(PYTHON, threads=1, ctx=256, log=tmp_path / "server.log") as srv:
        r = subprocess.run([c.format(url=srv.url) for c in cmd], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    said = " ".join((r.stdout + r.stderr).split())
    assert "1 prompt(s) refused" in said and "the first, long:" in said and "context" in said
    s = HarvestStore(store)
    assert sorted(rec.prompt_id for rec in s.records()) == [f"a{i}" for i in range(4)]
    s.close()

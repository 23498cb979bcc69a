"""Harvest end to end: through a faulty upstream, on a tiny hf model, export round trip, ledger sums."""

from __future__ import annotations

import json

import numpy as np
import pytest

from fakes.upstream import FakeUpstream
from stillroom.contracts.prompts import read_prompts
from stillroom.errors import UserError
from stillroom.harvest.export import export, ledger
from stillroom.harvest.run import HarvestConfig, run
from stillroom.harvest.store import HarvestStore
from stillroom.serve.thread import running
from stillroom.teachers import TeacherConfig
from stillroom.teachers.openai import OpenAITeacher


def write_prompts(path, n: int, raw_every: int = 0) -> list[dict]:
    rows = []
    for i in range(n):
        row = {
            "id": f"p{i:03d}",
            "cell": {"domain": "geo", "task": "qa", "difficulty": "easy"},
            "source": "template",
        }
        if raw_every and i % raw_every == 0:
            row["prompt"] = f"raw prompt number {i}"
        else:
            row["messages"] = [{"role": "user", "content": f"question number {i}"}]
        rows.append(row)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return rows


def text_of(row: dict) -> str:
    return row["prompt"] if "prompt" in row else row["messages"][-1]["content"]


def test_harvest_through_faults_answers_every_prompt_exactly_once(tmp_path):
    rows = write_prompts(tmp_path / "p.jsonl", 40, raw_every=5)
    up = FakeUpstream(fault_rate=0.35, seed=3, hang_s=1.5, retry_after_s=0.05)
    with running(up) as url:
        cfg = HarvestConfig(
            prompts=str(tmp_path / "p.jsonl"),
            store=str(tmp_path / "h.sqlite"),
            max_new_tokens=16,
            top_logprobs=3,
            teacher=TeacherConfig(spec=f"openai:{url}", concurrency=8),
        )
        teacher = OpenAITeacher(
            url,
            "fake-model",
            concurrency=8,
            timeout_s=0.4,
            max_retries=10,
            backoff_s=0.01,
            max_backoff_s=0.05,
            ask_token_ids=True,
        )
        out = run(cfg, teacher)
        assert out["written"] == 40
        assert sum(up.injected.values()) >= 10 and len(up.injected) == 5  # every kind of fault happened
        assert all(up.served[text_of(r)] == 1 for r in rows)
        asked = sum(up.asked.values())
        again = run(cfg, teacher)  # a rerun asks for nothing
        assert again["written"] == 0 and sum(up.asked.values()) == asked
    store = HarvestStore(tmp_path / "h.sqlite")
    recs = list(store.records())
    assert sorted(r.prompt_id for r in recs) == [r["id"] for r in rows]
    assert all(r.top_ids.shape == (len(r.token_ids), 3) and min(r.token_ids) >= 0 for r in recs)


def test_tiny_hf_harvest_samples_and_resume(tmp_path, tiny_teacher_dir):
    write_prompts(tmp_path / "p.jsonl", 6, raw_every=3)
    cfg = HarvestConfig(
        prompts=str(tmp_path / "p.jsonl"),
        store=str(tmp_path / "h.sqlite"),
        max_new_tokens=6,
        samples=2,
        temperature=1.0,
        seed=0,
        top_logprobs=5,
        limit=4,
        teacher=TeacherConfig(spec=f"hf:{tiny_teacher_dir}", batch_size=3),
    )
    first = run(cfg)
    assert (first["pending_prompts"], first["written"]) == (4, 8)
    rest = run(cfg.model_copy(update={"limit": None}))
    assert (rest["pending_prompts"], rest["written"]) == (2, 4)
    store = HarvestStore(tmp_path / "h.sqlite")
    recs = list(store.records())
    assert sorted((r.prompt_id, r.sample) for r in recs) == [
        (f"p{i:03d}", s) for i in range(6) for s in range(2)
    ]
    assert all(r.top_logprobs.shape == (len(r.token_ids), 5) for r in recs)
    assert store.pending(first["config_key"], 2) == []


def test_export_round_trips_through_datasets(tmp_path):
    from datasets import load_dataset

    from stillroom.teachers.fake import FakeTeacher

    write_prompts(tmp_path / "p.jsonl", 7, raw_every=3)
    cfg = HarvestConfig(
        prompts=str(tmp_path / "p.jsonl"),
        store=str(tmp_path / "h.sqlite"),
        max_new_tokens=10,
        top_logprobs=4,
        samples=2,
        temperature=0.5,
        teacher=TeacherConfig(spec="fake"),
    )
    run(cfg, FakeTeacher())
    run(cfg.model_copy(update={"top_logprobs": 0}), FakeTeacher())  # a second config without logprobs
    store = HarvestStore(tmp_path / "h.sqlite")
    want = list(store.records())
    for ext in ("jsonl", "parquet"):
        out = tmp_path / f"x.{ext}"
        assert export(store, out) == len(want) == 28
        ds = load_dataset(
            "json" if ext == "jsonl" else "parquet",
            data_files=str(out),
            split="train",
            cache_dir=str(tmp_path / "hf-cache"),
        )
        assert ds.num_rows == len(want)
        for got, rec in zip(ds, want, strict=True):
            assert (got["prompt_id"], got["sample"], got["text"], got["token_ids"]) == (
                rec.prompt_id,
                rec.sample,
                rec.text,
                rec.token_ids,
            )
            assert (got["messages"] or got["prompt"]) == rec.prompt and got["cell"] == rec.cell
            if rec.top_ids is None:
                assert got["top_ids"] is None
            else:
                assert got["top_ids"] == rec.top_ids.tolist()
                assert np.allclose(got["top_logprobs"], rec.top_logprobs)
            assert json.loads(got["params"]) == rec.params and json.loads(got["teacher"]) == rec.teacher
    with pytest.raises(UserError, match=r"jsonl or \.parquet"):
        export(store, tmp_path / "x.csv")


def test_ledger_equals_sums_from_the_store(tmp_path):
    from stillroom.teachers.fake import FakeTeacher

    write_prompts(tmp_path / "p.jsonl", 9)
    cfg = HarvestConfig(
        prompts=str(tmp_path / "p.jsonl"),
        store=str(tmp_path / "h.sqlite"),
        max_new_tokens=20,
        chunk=4,
        teacher=TeacherConfig(spec="fake"),
    )
    run(cfg, FakeTeacher())
    run(cfg.model_copy(update={"max_new_tokens": 12}), FakeTeacher())
    store = HarvestStore(tmp_path / "h.sqlite")
    led = ledger(store, price_per_1m=2.0)
    pt, ct, wall, n = store.db.execute(
        "SELECT SUM(prompt_tokens), SUM(completion_tokens), SUM(latency_s), COUNT(*) FROM completions"
    ).fetchone()
    tot = led["total"]
    assert (tot["prompt_tokens"], tot["completion_tokens"], tot["completions"]) == (pt, ct, n) == (pt, ct, 18)
    assert tot["wall_s"] == pytest.approx(wall) and tot["tokens_per_s"] == pytest.approx(ct / wall)
    assert tot["cost"] == pytest.approx((pt + ct) * 2.0 / 1e6)
    assert len(led["configs"]) == 2 and sum(c["completion_tokens"] for c in led["configs"]) == ct


def test_bad_prompt_files_are_one_line_errors(tmp_path):
    with pytest.raises(UserError, match="not found"):
        read_prompts(tmp_path / "missing.jsonl")
    (tmp_path / "bad.jsonl").write_text('{"id": "a", "prompt": "x"}\nnot json\n')
    with pytest.raises(UserError, match=r"bad.jsonl:2 is not JSON"):
        read_prompts(tmp_path / "bad.jsonl")
    (tmp_path / "noid.jsonl").write_text('{"messages": []}\n')
    with pytest.raises(UserError, match="needs `id`"):
        read_prompts(tmp_path / "noid.jsonl")


@pytest.mark.e2e
def test_embedded_teacher_top20(tmp_path):
    write_prompts(tmp_path / "p.jsonl", 2)
    cfg = HarvestConfig(
        prompts=str(tmp_path / "p.jsonl"),
        store=str(tmp_path / "h.sqlite"),
        max_new_tokens=10,
        top_logprobs=20,
        teacher=TeacherConfig(spec="hf:default"),
    )
    assert run(cfg)["written"] == 2
    recs = list(HarvestStore(tmp_path / "h.sqlite").records())
    for r in recs:
        assert r.text and r.top_ids.shape == (len(r.token_ids), 20)
        assert np.all(np.diff(r.top_logprobs, axis=1) <= 1e-6)  # sorted, most likely first
        assert np.allclose(r.top_ids[:, 0], r.token_ids)  # greedy: the chosen token is the argmax
    assert recs[0].teacher["vocab_size"] == 49152

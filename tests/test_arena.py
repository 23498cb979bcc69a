"""The arena end to end on real processes: serve (fake teacher) + guard on 127.0.0.1, openai clients.

Fast settings (fake teacher, a slice of the day, no closed loop); the full run is bench/arena.py.
"""

from __future__ import annotations

import json

import pytest

from stillroom.arena.config import ArenaConfig
from stillroom.arena.outcomes import key_outcome, roc
from stillroom.arena.replay import request_args, thread_replies
from stillroom.arena.run import run_arena, traffic

COUNTS = {"chat": 1, "casual": 1, "batch": 1, "sweeper": 1, "logprob": 1, "magpie": 1}


def test_roc_auc_matches_pairwise_definition():
    fpr, tpr, auc = roc([0.9, 0.8, 0.3, 0.1], [1, 0, 1, 0])
    assert auc == pytest.approx(0.75)  # 3 of 4 distiller/benign pairs ordered correctly
    assert fpr[0] == 0 and tpr[0] == 0 and fpr[-1] == 1 and tpr[-1] == 1
    assert roc([1, 1], [1, 0])[2] == pytest.approx(0.5)  # ties count half


def test_request_args_pass_what_the_persona_asks():
    ev = {
        "endpoint": "chat",
        "prompt": "hi",
        "messages": None,
        "params": {"max_tokens": 4096, "logprobs": True, "top_logprobs": 20, "n": 4, "temperature": 1.3},
    }
    args = request_args(ev)
    assert args["max_tokens"] == 4096 and args["top_logprobs"] == 20 and args["n"] == 4
    assert args["messages"] == [{"role": "user", "content": "hi"}]
    comp = request_args(
        {"endpoint": "completions", "prompt": "<|im_start|>user\n", "params": {"top_logprobs": 5}}
    )
    assert comp["prompt"].startswith("<|im_start|>") and comp["logprobs"] == 5


def test_key_outcome_counts_before_flag():
    recs = [
        {
            "ts": i,
            "status": 200 if i < 8 else 403,
            "texts": ["a"],
            "completion_tokens": 3,
            "logprobs": 0,
            "family": "sweeper",
            "label": "distiller",
        }
        for i in range(10)
    ]
    audit = [
        {
            "verdict": "suspect" if i >= 5 else "ok",
            "score": i / 10,
            "action": "watermark" if i >= 5 else "allow",
            "status": recs[i]["status"],
        }
        for i in range(10)
    ]
    o = key_outcome("k", recs, audit, ("suspect", "block"))
    assert (o.first_flag, o.first_block) == (6, 9)
    assert (o.served_before_flag, o.tokens_before_flag) == (5, 15)
    assert (o.served_before_block, o.harvested_responses, o.watermarked) == (8, 8, 3)


def test_arena_replays_through_real_guard(tmp_path):
    cfg = ArenaConfig(seed=5, teacher="fake", day_fraction=0.05, counts=COUNTS, loop={"enabled": False})
    events = traffic(cfg)
    s = run_arena(cfg, tmp_path)
    assert s["requests"] == len(events)
    reqs = [json.loads(line) for line in (tmp_path / "guard_on" / "requests.jsonl").read_text().splitlines()]
    assert len(reqs) == len(events) and all(r["status"] in (200, 403) for r in reqs)
    keys = s["outcomes"]["keys"]
    assert {k["family"] for k in keys} == set(COUNTS)
    assert sum(k["requests"] for k in keys) == len(events)
    # every request reached the guard's audit log stamped with the simulated clock, not the wall clock
    import sqlite3

    rows = sqlite3.connect(tmp_path / "guard_on" / "guard.db").execute("SELECT ts FROM audit").fetchall()
    assert len(rows) == len(events)
    assert sorted(ts for (ts,) in rows) == pytest.approx(sorted(e["ts"] for e in events))
    assert (tmp_path / "report.html").read_text().count("<img") >= 2
    assert "benign keys" in (tmp_path / "headline.txt").read_text()


def _rec(key, ts, status=200, texts=("hello world",), family="sweeper"):
    return {
        "key": key,
        "ts": ts,
        "status": status,
        "texts": list(texts),
        "finish": ["stop"] * len(texts),
        "endpoint": "chat",
        "prompt": f"p{ts}",
        "messages": None,
        "completion_tokens": 2,
        "family": family,
        "label": "distiller",
    }


def test_harvest_store_from_replay_records(tmp_path, tiny_teacher_dir):
    from stillroom.arena.loop import harvest_store
    from stillroom.harvest.store import HarvestStore
    from stillroom.models import load_hf

    tok = load_hf(str(tiny_teacher_dir))[1]
    recs = [_rec("a", 1), _rec("a", 2, status=403, texts=()), _rec("b", 3, texts=("one", "two"))]
    assert harvest_store(recs, tmp_path / "h.sqlite", tok, tok.eos_token_id) == 3
    rows = list(HarvestStore(tmp_path / "h.sqlite").records())
    assert sorted(r.text for r in rows) == ["hello world", "one", "two"]
    assert all(r.token_ids[-1] == tok.eos_token_id for r in rows)  # finished answers end in EOS


def test_watermarked_answers_follow_the_audit_log(tiny_teacher_dir):
    from stillroom.arena.run import watermarked_answers
    from stillroom.models import load_hf

    tok = load_hf(str(tiny_teacher_dir))[1]
    recs = [_rec("a", t, texts=(f"answer {t}",)) for t in range(4)] + [_rec("b", 9, family="chat")]
    audit = {
        "a": [
            {"action": "allow"},
            {"action": "allow"},
            {"action": "tighten,watermark"},
            {"action": "watermark"},
        ],
        "b": [{"action": "watermark"}],
    }
    got = watermarked_answers(recs, audit, "sweeper", tok)
    assert got == [
        tok("answer 2", add_special_tokens=False)["input_ids"],
        tok("answer 3", add_special_tokens=False)["input_ids"],
    ]


def test_closed_loop_replays_guard_on_and_off_through_one_serve(tmp_path, tiny_teacher_dir):
    """The whole loop on a real (tiny, random) hf teacher: both replays, three students, fidelity
    and trace. Guard on watermarks every answer here, so the two harvests must differ in exactly that."""
    from stillroom.models import load_hf
    from stillroom.watermark.detect import count_green, decide, ngrams
    from stillroom.watermark.greenlist import GreenLists
    from stillroom.watermark.key import as_key

    always = {"watermark": True}
    cfg = ArenaConfig(
        seed=3,
        teacher=f"hf:{tiny_teacher_dir}",
        counts={"hydra": 1, "chat": 1},
        day_fraction=0.05,
        max_tokens_cap=16,
        policy={"ok": always, "watch": always, "suspect": always, "block": always},
        loop={"student_layers": 1, "steps": 2, "batch_size": 2, "eval_prompts": 3, "trace_texts": 40},
    )
    events = traffic(cfg)
    hydra = [e for e in events if e["family"] == "hydra"]
    s = run_arena(cfg, tmp_path)
    assert (tmp_path / "serve.log").is_file()  # one serve behind both guards

    def answers(name: str) -> list[dict]:
        lines = (tmp_path / name / "requests.jsonl").read_text().splitlines()
        return [json.loads(line) for line in lines]

    on, off = answers("guard_on"), answers("guard_off")
    assert len(on) == len(events) and len(off) == len(hydra)
    assert {r["family"] for r in off} == {"hydra"} and all(r["status"] == 200 for r in off)
    lp = s["loop"]

    def trainable(recs: list[dict]) -> int:
        # an empty answer cut at max_tokens carries no token to train on (a random tiny teacher
        # sometimes samples only tokens that decode to ''), so the store skips exactly those
        return sum(bool(t) or f == "stop" for r in recs for t, f in zip(r["texts"], r["finish"], strict=True))

    assert lp["data"]["distiller_guard_off"]["completions"] == trainable(off)
    assert lp["data"]["distiller_guard_on"]["completions"] == trainable(
        [r for r in on if r["family"] == "hydra" and r["status"] == 200]
    )
    assert set(lp["fidelity"]) == {"distiller_guard_on", "distiller_guard_off", "benign", "pruned_init"}
    assert all(v["kl"] > 0 for v in lp["fidelity"].values())
    assert lp["watermarked_answers"] > 0 and lp["trace_texts"] == min(40, lp["watermarked_answers"])
    assert all(0 <= t["p_value"] <= 1 for t in lp["trace"].values())

    tok = load_hf(str(tiny_teacher_dir))[1]
    lists = GreenLists(as_key(cfg.watermark), len(tok))

    def z(recs: list[dict]) -> float:
        ids = [
            tok(t, add_special_tokens=False)["input_ids"]
            for r in recs
            if r["family"] == "hydra"
            for t in r["texts"]
        ]
        return decide(
            *count_green((g for i in ids for g in ngrams(i, lists.ngram)), lists), lists.gamma
        ).z_score

    assert z(on) > 6 and abs(z(off)) < 4


def test_replayed_conversations_resend_the_answers_the_client_got():
    """A trace's canned assistant turns become what the guard answered that client: a real client
    resends its own history, and the guard checks histories against what it served (before, every
    simulated chat user resent replies the guard never gave: a conversation replay, to the detector)."""
    msgs = [
        {"role": "user", "content": "what are tides?"},
        {"role": "assistant", "content": "canned answer"},
        {"role": "user", "content": "and spring tides?"},
        {"role": "assistant", "content": "canned again"},
        {"role": "user", "content": "thanks"},
    ]
    got = thread_replies(msgs, {"what are tides?": "Tides are the rise and fall of the sea."})
    assert [m["content"] for m in got] == [
        "what are tides?",
        "Tides are the rise and fall of the sea.",
        "and spring tides?",
        "canned again",  # never sent by this client: left as the trace has it
        "thanks",
    ]
    assert msgs[1]["content"] == "canned answer" and thread_replies(None, {}) is None


def test_report_shows_the_defence_benchmark(tmp_path):
    """The Countermeasures section renders bench/defence.py's rows and its utility-vs-damage plot."""
    from stillroom.arena.report import defence_section

    row = {
        "teacher_accuracy_rel": 1.0,
        "answer_ppl": 1.5,
        "gap_closed": 0.77,
        "retention": 1.0,
        "adaptive": False,
    }
    rows = [
        {**row, "setting": "none+logprobs"},
        {**row, "setting": "poe@0.5", "teacher_accuracy_rel": 0.9, "gap_closed": 0.4},
        {
            **row,
            "setting": "poe@0.5:filter",
            "teacher_accuracy_rel": 0.9,
            "gap_closed": 0.5,
            "adaptive": True,
        },
    ]
    html = defence_section({"rows": rows, "timing_ms_per_token": {"plain": 40.0, "poe": 52.0}})
    assert "poe@0.5:filter" in html and "data:image/png;base64," in html and "poe 52.0 ms/token" in html
    assert "no defence benchmark" in defence_section(None)

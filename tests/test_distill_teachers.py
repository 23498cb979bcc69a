"""Several teachers in one store and one run; a student whose tokenizer is not the teacher's."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from stillroom.distill.config import DistillConfig
from stillroom.distill.cross import Projector, teacher_consumed
from stillroom.distill.train import train
from stillroom.errors import UserError
from stillroom.harvest.store import HarvestStore
from stillroom.teachers.hf import HFTeacher
from stillroom.teachers.tiny import build_tiny, build_tokenizer
from test_distill_train import harvest

IDS = list(range(12))


@pytest.fixture(autouse=True)
def one_thread():
    n = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(n)


@pytest.fixture(scope="module")
def two_teachers(tmp_path_factory, tiny_teacher_dir):
    """One store, one prompt set, answers from two different teachers (same tokenizer)."""
    root = tmp_path_factory.mktemp("teachers")
    other = build_tiny(root / "other", seed=3, layers=2)
    db = root / "h.sqlite"
    harvest(HFTeacher(str(tiny_teacher_dir)), db, IDS)
    harvest(HFTeacher(str(other)), db, IDS)
    keys = [c["config_key"] for c in HarvestStore(db).configs()]
    assert len(keys) == 2
    return root, db, keys


def cfg(root, db, teacher_dir, name, keys, **kw) -> DistillConfig:
    train_kw = {"steps": 1, "batch_size": 8, "lr": 1e-3, "checkpoint_every": 0, **kw.pop("train", {})}
    return DistillConfig(
        out=str(root / name),
        teacher=f"hf:{teacher_dir}",
        store=str(db),
        harvest_key=keys,
        method="kd",
        signal="harvested",
        student={"init": "prune", "layers": 1},
        train=train_kw,
        **kw,
    )


def first_loss(run) -> float:
    return json.loads((run / "metrics.jsonl").read_text().splitlines()[0])["loss"]


def test_teacher_weights_scale_their_examples(two_teachers, tiny_teacher_dir):
    root, db, (a, b) = two_teachers
    one = train(cfg(root, db, tiny_teacher_dir, "w1", {a: 1.0, b: 1.0}))
    two = train(cfg(root, db, tiny_teacher_dir, "w2", {a: 2.0, b: 2.0}))
    assert first_loss(two) == pytest.approx(2 * first_loss(one), rel=1e-6)
    only_a = train(cfg(root, db, tiny_teacher_dir, "wa", {a: 1.0, b: 0.0}))
    assert 0 < first_loss(only_a) < first_loss(one)  # teacher b's half of the batch no longer counts
    summary = json.loads((one / "summary.json").read_text())
    assert summary["train_prompts"] == len(IDS)


def test_several_teachers_train_and_bad_keys_are_one_line(two_teachers, tiny_teacher_dir):
    root, db, (a, b) = two_teachers
    run = train(cfg(root, db, tiny_teacher_dir, "mix", {a: 1.0, b: 0.5}, train={"steps": 8, "lr": 3e-3}))
    losses = [json.loads(x)["loss"] for x in (run / "metrics.jsonl").read_text().splitlines()]
    assert losses[-1] < losses[0]
    with pytest.raises(UserError, match="not in"):
        train(cfg(root, db, tiny_teacher_dir, "bad", {a: 1.0, "nope": 1.0}))
    with pytest.raises(UserError, match="holds 2 configs"):
        train(cfg(root, db, tiny_teacher_dir, "none", None))


# --- cross-tokenizer --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def teacher_records(two_teachers):
    _, db, (a, _) = two_teachers
    return list(HarvestStore(db).records(a))


def test_projection_onto_the_same_tokenizer_keeps_ids_and_mass(teacher_records, tiny_teacher_dir):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_teacher_dir)
    p = Projector(tok, tok)
    kept = total = 0
    for r in teacher_records:
        eos = r.finish_reason == "stop"
        ids, top, lps = p.project(r.text, r.token_ids, r.top_ids, r.top_logprobs, eos)
        if ids != r.token_ids:  # a non-canonical sampled encoding: the text re-encodes otherwise
            continue
        for t in range(len(ids)):
            have = dict(zip(top[t][top[t] >= 0].tolist(), lps[t][top[t] >= 0].tolist(), strict=True))
            want = dict(zip(r.top_ids[t].tolist(), r.top_logprobs[t].tolist(), strict=True))
            assert all(want[i] == pytest.approx(lp) for i, lp in have.items())  # identity where mapped
            kept, total = kept + len(have), total + len(want)
    # The rest are alternatives BPE merges with their left context (a random teacher proposes many).
    assert total and kept >= 0.5 * total


def test_projection_sums_the_mass_of_alternatives_with_one_first_token(teacher_records, tiny_teacher_dir):
    """A byte-level student (no merges): every teacher boundary is a student boundary, and each
    alternative projects onto its first byte, so the projected mass is a sum over first bytes."""
    from transformers import AutoTokenizer

    teacher = AutoTokenizer.from_pretrained(tiny_teacher_dir)
    student = build_tokenizer(vocab_size=259)  # 256 bytes + 3 specials
    p = Projector(teacher, student)
    r = teacher_records[0]
    ids, top, lps = p.project(r.text, r.token_ids, r.top_ids, r.top_logprobs, r.finish_reason == "stop")
    consumed = teacher_consumed(teacher, r.token_ids, r.text)
    offsets = student(r.text, add_special_tokens=False, return_offsets_mapping=True)["offset_mapping"]
    starts = np.array([0] + [end for _, end in offsets] + [len(r.text)])[: len(ids)]
    for i, c in enumerate(consumed):
        if c is None or c not in starts:
            continue
        j = int(np.flatnonzero(starts == c)[0])
        want: dict[int, float] = {}
        for a, lp in zip(r.top_ids[i], r.top_logprobs[i], strict=True):
            w = teacher.decode([int(a)])
            if a == teacher.eos_token_id:
                first = student.eos_token_id
            elif w and "\ufffd" not in w:
                first = student(w, add_special_tokens=False)["input_ids"][0]
            else:
                continue
            want[first] = float(np.logaddexp(want[first], lp)) if first in want else float(lp)
        got = {int(a): float(lp) for a, lp in zip(top[j], lps[j], strict=True) if a >= 0}
        assert got == pytest.approx(want, rel=1e-5)
        assert np.exp(lps[j][top[j] >= 0]).sum() <= np.exp(r.top_logprobs[i]).sum() + 1e-5


def test_student_with_another_vocabulary_learns_from_harvested_top_k(two_teachers, tiny_teacher_dir):
    root, db, (a, _) = two_teachers
    corpus = [f"Question {i}: what is {i} plus {3 * i}? Explain the answer step by step." for i in range(50)]
    sdir = build_tiny(root / "student", seed=5, layers=1, tokenizer=build_tokenizer(320, corpus))
    c = cfg(root, db, tiny_teacher_dir, "cross", a, train={"steps": 10, "lr": 3e-3})
    c.student = c.student.model_copy(update={"init": "pretrained", "path": str(sdir)})
    run = train(c)
    metrics = [json.loads(x) for x in (run / "metrics.jsonl").read_text().splitlines()]
    assert metrics[-1]["loss"] < 0.8 * metrics[0]["loss"] and metrics[0]["kl"] > 0
    with pytest.raises(UserError, match="online teacher compares logits"):
        train(c.model_copy(update={"signal": "online", "out": str(root / "cross-online")}))

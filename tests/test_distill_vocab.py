"""Vocabulary trimming (distill/vocab.py): same tokens where they are kept, any text still encodes,
the trimmed model is the full one restricted to the kept rows, and a distill run saves it."""

from __future__ import annotations

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from stillroom.distill.config import DistillConfig
from stillroom.distill.train import train
from stillroom.distill.vocab import choose_vocab, tokenizer_json, trim
from stillroom.teachers.tiny import build_tiny

TEXTS = ["What is the capital of France?", "def add(a, b):\n    return a + b", "Sort: banana, apple."]
OTHER = ["Zebras quietly juggle ÿ and 日本 glyphs", "photosynthesis explained simply"]


def _tiny(tmp_path):
    d = build_tiny(tmp_path / "m", seed=0, layers=1, hidden=32, heads=2, kv_heads=1, intermediate=64)
    return AutoModelForCausalLM.from_pretrained(d, dtype=torch.float32), AutoTokenizer.from_pretrained(d)


def test_kept_text_tokenizes_the_same_and_any_text_round_trips(tmp_path):
    model, tok = _tiny(tmp_path)
    used = [i for t in TEXTS for i in tok(t)["input_ids"]]
    keep = choose_vocab(tokenizer_json(tok), used, 330)
    assert len(keep) < len(tok)
    _, small = trim(model, tok, keep)
    assert len(small) == len(keep)
    for t in TEXTS:  # every token of these is kept: identical tokenization
        assert small.convert_ids_to_tokens(small(t)["input_ids"]) == tok.convert_ids_to_tokens(
            tok(t)["input_ids"]
        )
    for t in OTHER:  # dropped tokens: split finer, never lost
        assert small.decode(small(t)["input_ids"]) == t
    assert small.eos_token == tok.eos_token and small.eos_token_id == keep.index(tok.eos_token_id)


def test_closure_keeps_merge_parents(tmp_path):
    _, tok = _tiny(tmp_path)
    tj = tokenizer_json(tok)
    longest = max(tj["model"]["vocab"], key=len)
    keep = set(choose_vocab(tj, [tj["model"]["vocab"][longest]], 0))
    vocab = tj["model"]["vocab"]
    for m in tj["model"]["merges"]:
        a, b = m if isinstance(m, list) else m.split(" ", 1)
        if vocab.get(a + b) in keep:
            assert vocab[a] in keep and vocab[b] in keep


def test_trimmed_model_is_the_full_model_restricted(tmp_path):
    model, tok = _tiny(tmp_path)
    ids = tok(TEXTS[0])["input_ids"]
    with torch.no_grad():
        full = model(torch.tensor([ids])).logits[0]
    keep = choose_vocab(tokenizer_json(tok), ids, 300)
    small_model, small = trim(model, tok, keep)
    # its ids map back to the teacher's by token string, as the config records them
    vocab = tok.get_vocab()
    rows = [vocab[t] for t, _ in sorted(small.get_vocab().items(), key=lambda kv: kv[1])]
    assert rows == keep == small_model.config.stillroom_vocab["teacher_ids"]
    with torch.no_grad():
        part = small_model(torch.tensor([[keep.index(i) for i in ids]])).logits[0]
    torch.testing.assert_close(part, full[:, keep])
    assert small_model.config.vocab_size == len(keep)
    assert (
        small_model.get_output_embeddings().weight.data_ptr()
        == small_model.get_input_embeddings().weight.data_ptr()
    )


def test_distill_saves_a_trimmed_student_that_loads_and_generates(tiny_teacher_dir, tmp_path):
    from stillroom.teachers.hf import HFTeacher
    from test_distill_train import harvest  # the tiny-teacher harvest the distill tests use

    teacher = HFTeacher(str(tiny_teacher_dir))
    harvest(teacher, tmp_path / "s.sqlite", list(range(8)))
    prompts = [[{"role": "user", "content": "What is 2 plus 2?"}]]
    cfg = DistillConfig(
        out=str(tmp_path / "run"),
        teacher=f"hf:{tiny_teacher_dir}",
        store=str(tmp_path / "s.sqlite"),
        method="kd",
        student={"init": "prune", "layers": 1, "vocab": 300},
        train={"steps": 2, "batch_size": 4, "checkpoint_every": 0, "val_prompts": 0},
    )
    folder = train(cfg) / "student"
    student = AutoModelForCausalLM.from_pretrained(folder)
    stok = AutoTokenizer.from_pretrained(folder)
    assert 300 <= student.config.vocab_size < len(teacher.tokenizer)
    assert len(stok) == student.config.vocab_size
    assert student.config.stillroom_vocab["of"] == len(teacher.tokenizer)
    ids = stok.apply_chat_template(prompts[0], add_generation_prompt=True, return_tensors="pt")
    ids = ids["input_ids"] if hasattr(ids, "keys") else ids
    out = student.generate(ids, max_new_tokens=4, do_sample=False, pad_token_id=stok.pad_token_id)
    assert out.shape[1] > ids.shape[1]


def test_fidelity_compares_a_trimmed_student_over_its_own_tokens(tmp_path):
    """The untrimmed copy scored against itself restricted gives KL 0 on the kept text; text with a
    dropped token is cut there and counted, never crashes or compares mismatched vocabularies."""
    from stillroom.fidelity import Sample, fidelity, teacher_targets

    model, tok = _tiny(tmp_path)
    full_vocab = tok(TEXTS[0] + " " + OTHER[0])["input_ids"]
    keep = choose_vocab(tokenizer_json(tok), tok(TEXTS[0])["input_ids"], 300)
    teacher = AutoModelForCausalLM.from_pretrained(tmp_path / "m", dtype=torch.float32)
    small_model, _ = trim(model, tok, keep)
    p = tok(TEXTS[0])["input_ids"][:3]
    samples = [
        Sample("a", "x", "d", p, tok(TEXTS[0])["input_ids"][3:], ""),
        Sample("b", "x", "d", p, full_vocab[3:], ""),
    ]
    assert any(t not in keep for t in full_vocab)
    out = fidelity(teacher_targets(teacher, samples), {"s": small_model}, samples)["s"]
    assert out["kl"] < 1e-5  # the same weights: restricted and renormalised, the distributions agree
    assert out["tokens_outside"] > 0 and 0 < out["teacher_mass_outside"] < 1
    assert out["tokens"] == len(samples[0].answer_ids) + next(
        j for j, t in enumerate(samples[1].answer_ids) if t not in keep
    )

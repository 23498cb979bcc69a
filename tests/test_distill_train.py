"""End-to-end distillation on tiny models: every method lowers held-out KL, exact resume, run folder, errors."""

from __future__ import annotations

import json

import pytest
import torch
import yaml
from accelerate.utils import set_seed
from typer.testing import CliRunner

from stillroom.distill.config import DistillConfig
from stillroom.distill.student import build_student, calibration_sequences, evenly_spaced
from stillroom.distill.train import train
from stillroom.errors import UserError
from stillroom.fidelity import heldout_kl, samples_from_store
from stillroom.harvest.store import HarvestStore, config_key
from stillroom.models import load_hf
from stillroom.runs import RunDir
from stillroom.teachers.base import GenParams
from stillroom.teachers.hf import HFTeacher
from stillroom.teachers.tiny import build_tiny


@pytest.fixture(autouse=True)
def one_thread():
    n = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(n)


def harvest(teacher: HFTeacher, path, ids: list[int], top_logprobs: int = 8):
    prompts = [
        [{"role": "user", "content": f"Question {i}: what is {i} plus {3 * i}? Explain."}] for i in ids
    ]
    params = GenParams(max_new_tokens=12, temperature=1.0, top_logprobs=top_logprobs, seed=0)
    store = HarvestStore(path)
    store.add_prompts([{"id": f"p{i}", "messages": p} for i, p in zip(ids, prompts, strict=True)])
    info = teacher.info()
    comps = teacher.generate(prompts, params)
    store.add_completions(
        config_key(info, params.to_dict()),
        info,
        params.to_dict(),
        [(f"p{ids[c.prompt_index]}", c, 0.0) for c in comps],
    )
    store.close()
    return path


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A 4-layer tiny teacher whose layers matter (residual branches scaled up), a train store, held-out batches."""
    torch.set_num_threads(1)
    root = tmp_path_factory.mktemp("distill")
    tdir = build_tiny(root / "teacher", seed=0, layers=4, hidden=64)
    model, tok = load_hf(str(tdir), device="cpu")
    with torch.no_grad():
        for layer in model.model.layers:
            layer.mlp.down_proj.weight.mul_(6.0)
            layer.self_attn.o_proj.weight.mul_(6.0)
    model.save_pretrained(tdir)
    teacher = HFTeacher(str(tdir))
    train_db = harvest(teacher, root / "train.sqlite", list(range(32)))
    held = HarvestStore(harvest(teacher, root / "held.sqlite", list(range(100, 108))))
    samples = samples_from_store(held, held.pick_key(None), tok)
    return {
        "root": root,
        "teacher_dir": tdir,
        "store": str(train_db),
        "teacher": teacher.model,
        "held": samples,
    }


def make_cfg(world, name, **kw) -> DistillConfig:
    train_kw = {"steps": 20, "batch_size": 8, "lr": 3e-3, "checkpoint_every": 0, **kw.pop("train", {})}
    return DistillConfig(
        out=str(world["root"] / name),
        teacher=f"hf:{world['teacher_dir']}",
        store=world["store"],
        student=kw.pop("student", {"init": "prune", "layers": 2}),
        train=train_kw,
        **kw,
    )


def kl_of(world, folder) -> float:
    student, _ = load_hf(str(folder), device="cpu")
    return heldout_kl(student, world["teacher"], world["held"])


METHODS = {
    "sft": {"method": "sft", "train": {"lr": 3e-4}},
    "kd-fkl-online": {"method": "kd"},
    "kd-jsd-harvested": {"method": "kd", "signal": "harvested", "loss": {"kind": "jsd", "beta": 0.5}},
    "kd-tvd-ce-t2": {
        "method": "kd",
        "loss": {"kind": "tvd", "temperature": 2.0},
        "weights": {"kd": 1.0, "ce": 0.1},
    },
    "gkd": {
        "method": "gkd",
        "loss": {"kind": "jsd"},
        "gkd": {"lmbda": 0.5, "max_new_tokens": 8},
        "train": {"steps": 12},
    },
    "hidden": {"method": "hidden"},
    "kd-online-all-positions": {"method": "kd", "loss": {"positions": "all"}},
}


@pytest.mark.parametrize("name", list(METHODS))
def test_every_method_lowers_heldout_kl(world, name):
    cfg = make_cfg(world, f"run-{name}", **json.loads(json.dumps(METHODS[name])))
    set_seed(0)
    tok = load_hf(cfg.teacher_path, device="cpu")[1]
    start, _, _ = build_student(
        cfg.student, cfg.teacher_path, calibration=calibration_sequences(cfg.store, None, tok, 64)
    )
    before = heldout_kl(start, world["teacher"], world["held"])
    after = kl_of(world, train(cfg) / "student")
    assert after < 0.75 * before, (before, after)


def test_run_folder_contract(world):
    cfg = make_cfg(
        world, "run-folder", method="kd", train={"steps": 4, "checkpoint_every": 2, "keep_checkpoints": 1}
    )
    out = train(cfg)
    assert yaml.safe_load((out / "config.yaml").read_text())["method"] == "kd"
    metrics = RunDir(out).metrics()  # typed: a line the reader does not know fails here
    assert [m.step for m in metrics] == [1, 2, 3, 4]
    assert all(m.kl is not None and m.tokens > 0 for m in metrics)
    assert [p.name for p in (out / "checkpoints").iterdir()] == ["step-000004"]
    summary = RunDir(out).summary()
    assert summary.steps == 4 and summary.method == "kd"
    # a tenth of the 32 prompts (3) is kept out for the validation curve, never marked as used
    assert (summary.train_prompts, summary.val_prompts) == (29, 3)
    assert summary.train_tokens == sum(m.tokens for m in metrics)
    assert summary.config["train"]["steps"] == 4
    student, _ = load_hf(str(out / "student"), device="cpu")
    assert student.config.num_hidden_layers == 2
    store = HarvestStore(world["store"])
    used = store.used_prompt_ids(summary.store_run)
    assert len(used) == 29 and summary.harvest_key == store.pick_key(None)


def test_validation_curve_is_evals_heldout_kl(world):
    """The last validation point is exactly what `stillroom eval`'s KL gives on the same prompts."""
    out = train(make_cfg(world, "val-curve", method="kd", train={"steps": 6, "val_every": 3}))
    metrics, summary = RunDir(out).metrics(), RunDir(out).summary()
    assert [m.step for m in metrics if m.val_kl is not None] == [3, 6]
    assert metrics[2].val_ppl > 1 and summary.final_val_kl == metrics[-1].val_kl
    store = HarvestStore(world["store"])
    student, tok = load_hf(str(out / "student"), device="cpu")
    val = samples_from_store(store, summary.harvest_key, tok, used=store.used_prompt_ids(summary.store_run))
    assert len(val) == summary.val_prompts == 3
    assert heldout_kl(student, world["teacher"], val) == pytest.approx(metrics[-1].val_kl, rel=1e-4)


@pytest.mark.parametrize("method", ["kd", "gkd"])
def test_resume_after_kill_reproduces_the_loss_curve(world, method):
    kw = {
        "method": method,
        "loss": {"kind": "jsd"},
        "gkd": {"lmbda": 0.5, "max_new_tokens": 6},
        "train": {"steps": 7, "checkpoint_every": 3, "warmup_steps": 2, "batch_size": 4},
    }
    straight = train(make_cfg(world, f"resume-a-{method}", **json.loads(json.dumps(kw))))
    cfg = make_cfg(world, f"resume-b-{method}", **json.loads(json.dumps(kw)))
    killed = train(cfg, stop_after=5)  # dies at step 5: checkpoint at 3, metrics already at 5
    assert len((killed / "metrics.jsonl").read_text().splitlines()) == 5
    assert not (killed / "student").exists()
    resumed = train(cfg, resume=True)
    a = [json.loads(x) for x in (straight / "metrics.jsonl").read_text().splitlines()]
    b = [json.loads(x) for x in (resumed / "metrics.jsonl").read_text().splitlines()]
    assert [m["step"] for m in b] == list(range(1, 8))
    for key in ("loss", "kl", "lr"):
        assert [m[key] for m in b] == pytest.approx([m[key] for m in a], rel=1e-6, abs=1e-9)


def test_grad_accumulation_matches_the_big_batch(world):
    big = train(make_cfg(world, "accum-1", train={"steps": 3, "batch_size": 8}, method="kd"))
    small = train(
        make_cfg(world, "accum-2", train={"steps": 3, "batch_size": 4, "grad_accum": 2}, method="kd")
    )
    a = [json.loads(x)["loss"] for x in (big / "metrics.jsonl").read_text().splitlines()]
    b = [json.loads(x)["loss"] for x in (small / "metrics.jsonl").read_text().splitlines()]
    assert b == pytest.approx(a, rel=1e-4)


def test_lora_student_exports_a_plain_model(world):
    cfg = make_cfg(
        world,
        "lora",
        method="kd",
        train={"steps": 2},
        student={"init": "prune", "layers": 2, "lora": {"r": 4, "alpha": 8}},
    )
    student, _ = load_hf(str(train(cfg) / "student"), device="cpu")
    assert not any("lora" in name for name, _ in student.named_parameters())


def test_evenly_spaced_matches_distilbert_style_pruning():
    assert evenly_spaced(6, 30) == [0, 6, 12, 17, 23, 29]
    assert evenly_spaced(2, 4) == [0, 3]
    assert evenly_spaced(5, 3) == [0, 1, 2]


# --- one-line errors ---------------------------------------------------------------------------
def test_vocabulary_mismatch_with_a_logit_method(world, tmp_path):
    model, tok = load_hf(str(world["teacher_dir"]), device="cpu")
    model.resize_token_embeddings(len(tok) + 16)
    model.save_pretrained(tmp_path / "other")
    tok.save_pretrained(tmp_path / "other")
    cfg = make_cfg(
        world, "vocab", method="kd", student={"init": "pretrained", "path": str(tmp_path / "other")}
    )
    with pytest.raises(UserError, match="vocabulary"):
        train(cfg)


def test_harvested_kd_needs_logprobs(world, tmp_path):
    teacher = HFTeacher(str(world["teacher_dir"]))
    db = harvest(teacher, tmp_path / "nolp.sqlite", [1, 2], top_logprobs=0)
    cfg = make_cfg(world, "nolp", method="kd", signal="harvested").model_copy(update={"store": str(db)})
    with pytest.raises(UserError, match="logprobs"):
        train(cfg)


def test_empty_store(world, tmp_path):
    HarvestStore(tmp_path / "empty.sqlite").close()
    cfg = make_cfg(world, "empty", method="sft").model_copy(update={"store": str(tmp_path / "empty.sqlite")})
    with pytest.raises(UserError, match="no completions"):
        train(cfg)


def test_sequence_longer_than_the_context(world):
    with pytest.raises(UserError, match="exceed the max length"):
        train(make_cfg(world, "toolong", method="sft", train={"max_length": 8}))


def test_existing_run_needs_resume(world):
    cfg = make_cfg(world, "twice", method="sft", train={"steps": 1})
    train(cfg)
    with pytest.raises(UserError, match="--resume"):
        train(cfg)


def test_cli_runs_a_yaml_config(world, tmp_path):
    from stillroom.cli import app

    cfg = make_cfg(world, "unused", method="kd", train={"steps": 2})
    path = tmp_path / "distill.yaml"
    path.write_text(yaml.safe_dump(cfg.model_dump(mode="json", exclude={"weights"})))
    out = tmp_path / "cli-run"
    result = CliRunner().invoke(app, ["distill", "--config", str(path), "--out", str(out), "--loss", "rkl"])
    assert result.exit_code == 0, result.output
    assert (out / "student" / "config.json").is_file()
    assert yaml.safe_load((out / "config.yaml").read_text())["loss"]["kind"] == "rkl"
    bad = CliRunner().invoke(
        app, ["distill", "--config", str(path), "--out", str(tmp_path / "x"), "--method", "nope"]
    )
    assert isinstance(bad.exception, UserError)


def test_hidden_matching_across_widths_learns_a_projection(world):
    small = {
        "init": "config",
        "config": {
            "num_hidden_layers": 1,
            "hidden_size": 32,
            "intermediate_size": 64,
            "num_attention_heads": 2,
            "num_key_value_heads": 1,
        },
    }
    cfg = make_cfg(world, "hidden-proj", method="hidden", student=small, train={"steps": 6, "lr": 1e-2})
    losses = [json.loads(x)["loss"] for x in (train(cfg) / "metrics.jsonl").read_text().splitlines()]
    assert losses[-1] < 0.8 * losses[0]


def test_prune_keeps_the_teacher_whole_and_shares_nothing(world):
    from stillroom.distill.config import StudentSettings

    teacher = world["teacher"]
    student, _, layer_map = build_student(
        StudentSettings(init="prune", layers=2, select="even"), str(world["teacher_dir"]), teacher
    )
    assert layer_map == [0, 3] and len(teacher.model.layers) == 4 and len(student.model.layers) == 2
    assert [layer.self_attn.layer_idx for layer in student.model.layers] == [0, 1]
    assert (
        student.model.layers[1].mlp.down_proj.weight.data_ptr()
        != teacher.model.layers[3].mlp.down_proj.weight.data_ptr()
    )
    torch.testing.assert_close(
        student.model.layers[1].mlp.down_proj.weight, teacher.model.layers[3].mlp.down_proj.weight
    )


def test_prune_from_the_folder_equals_pruning_the_loaded_teacher(world):
    from stillroom.distill.student import prune_from_folder, prune_layers

    a, idx_a = prune_layers(world["teacher"], 2)
    b, idx_b = prune_from_folder(world["teacher_dir"], 2)
    assert idx_a == idx_b == [0, 3]
    ids = torch.tensor([[1, 5, 9, 42, 7]])
    torch.testing.assert_close(a(ids).logits, b(ids).logits)
    assert b.lm_head.weight.data_ptr() == b.model.embed_tokens.weight.data_ptr()


def test_all_positions_trains_on_the_prompt_too(world, monkeypatch):
    """loss.positions: all puts the prompt's positions under the loss (the training batches' loss
    positions grow by the prompts' lengths); a harvested signal has no targets there: refused."""
    from stillroom.distill import data

    seen, real = [], data.collate

    def spy(examples, pad_id, prompt_loss=False):
        batch = real(examples, pad_id, prompt_loss)
        seen.append(int(batch["loss_mask"].sum()))
        return batch

    monkeypatch.setattr(data, "collate", spy)
    positions = {}
    for kind in ("response", "all"):
        seen.clear()
        train(make_cfg(world, f"pos-{kind}", method="kd", loss={"positions": kind}, train={"steps": 1}))
        positions[kind] = seen[0]
    assert positions["all"] > 1.5 * positions["response"], positions
    with pytest.raises(ValueError, match="positions: all needs the teacher online"):
        make_cfg(world, "pos-harvested", method="kd", signal="harvested", loss={"positions": "all"})

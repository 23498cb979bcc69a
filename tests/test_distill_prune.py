"""Importance-based pruning on tiny random models: stats, selection, exact identity, param counts."""

from __future__ import annotations

import pytest
import torch

from stillroom.distill.prune import (
    build_pruned,
    make_plan,
    measure_importance,
    param_count,
    pruned_config,
    top_channels,
    top_layers,
)
from stillroom.models import load_hf
from stillroom.teachers.tiny import build_tiny


@pytest.fixture(scope="module")
def teacher(tmp_path_factory):
    """A 6-layer tiny Llama with layer 3 made nearly a no-op (its residual branches scaled down)."""
    path = build_tiny(tmp_path_factory.mktemp("prune"), seed=3, layers=6, hidden=64, intermediate=96)
    model, _ = load_hf(str(path), device="cpu")
    with torch.no_grad():
        for i, layer in enumerate(model.model.layers):
            scale = 0.01 if i == 3 else 4.0
            layer.mlp.down_proj.weight.mul_(scale)
            layer.self_attn.o_proj.weight.mul_(scale)
        model.model.layers[1].mlp.down_proj.weight[:, :10] = 0.0  # live input, dead output: writes nothing
        model.model.layers[1].mlp.up_proj.weight[10:20] = 0.0  # channels 10-19 never fire
    return model


def sequences(n=6, length=20, vocab=300):
    g = torch.Generator().manual_seed(0)
    return [torch.randint(3, vocab, (length,), generator=g).tolist() for _ in range(n)]


def test_importance_finds_the_idle_layer_and_dead_channels(teacher):
    imp = measure_importance(teacher, sequences())
    assert imp.tokens == 120
    assert min(range(6), key=lambda i: imp.block[i]) == 3
    assert all(0.0 <= b <= 2.0 for b in imp.block)
    assert imp.mlp.shape == (6, 96) and imp.hidden.shape == (64,)
    assert torch.all(imp.mlp[1, 10:20] == 0) and torch.all(imp.mlp[1, 20:] > 0)
    # a channel that fires but whose down_proj column is zero adds nothing to the residual stream
    assert torch.all(imp.mlp[1, :10] == 0)
    plan = make_plan(imp, layers=5, intermediate=76)
    assert plan.layers == [0, 1, 2, 4, 5]
    assert not set(range(20)) & set(plan.mlp_channels[1])


def test_channel_importance_weighs_what_the_channel_writes(teacher):
    """A channel's score is the RMS of its activation times the norm of its down_proj column
    (what it writes into the residual stream), against a direct measurement of both."""
    imp = measure_importance(teacher, sequences())
    down = teacher.model.layers[2].mlp.down_proj
    seen = []
    hook = down.register_forward_pre_hook(lambda _m, args: seen.append(args[0][0].double()))
    try:
        with torch.no_grad():
            for ids in sequences():
                teacher.model(input_ids=torch.tensor([ids]))
    finally:
        hook.remove()
    rms = torch.cat(seen).square().mean(0).sqrt()
    expected = rms * down.weight.detach().double().norm(dim=0)
    torch.testing.assert_close(imp.mlp[2].double(), expected, rtol=1e-4, atol=1e-6)


def test_importance_counts_only_the_positions_asked_for(teacher):
    seqs = sequences(3, 20)
    imp = measure_importance(teacher, [(ids, 15) for ids in seqs])
    assert imp.tokens == 15
    whole = measure_importance(teacher, seqs)
    assert imp.block != whole.block


def test_selection_helpers():
    assert top_layers([0.5, 0.1, 0.9, 0.1, 0.3], 3) == [0, 2, 4]
    assert top_layers([0.2, 0.2, 0.2], 2) == [0, 1]  # ties keep the earlier layer
    assert top_channels(torch.tensor([3.0, 1.0, 2.0, 0.0]), 2) == [0, 2]
    with pytest.raises(ValueError):
        top_layers([1.0], 2)


def logits(model, ids):
    with torch.no_grad():
        return model(input_ids=torch.tensor([ids])).logits


def test_nothing_pruned_is_the_teacher_exactly(teacher):
    imp = measure_importance(teacher, sequences(2))
    plan = make_plan(imp, layers=6, intermediate=96, hidden=64)
    assert plan.mlp_channels is None and plan.hidden_channels is None
    student = build_pruned(teacher, plan)
    ids = sequences(1, 30)[0]
    assert torch.equal(logits(student, ids), logits(teacher, ids))


def test_permutation_free_width_prune_keeps_the_function(teacher):
    """Keeping every channel through the slicing path (an explicit full index list) is exact too."""
    imp = measure_importance(teacher, sequences(2))
    plan = make_plan(imp, layers=6)
    plan.mlp_channels = [list(range(96)) for _ in plan.layers]
    plan.hidden_channels = list(range(64))
    student = build_pruned(teacher, plan)
    ids = sequences(1, 30)[0]
    torch.testing.assert_close(logits(student, ids), logits(teacher, ids), rtol=0, atol=1e-5)


def test_dropping_an_idle_layer_changes_little_and_counts_match(teacher):
    imp = measure_importance(teacher, sequences())
    plan = make_plan(imp, layers=4, intermediate=64, hidden=48)
    student = build_pruned(teacher, plan)
    cfg = student.config
    assert (cfg.num_hidden_layers, cfg.intermediate_size, cfg.hidden_size, cfg.head_dim) == (4, 64, 48, 16)
    assert param_count(cfg) == sum(p.numel() for p in student.parameters())
    assert param_count(teacher.config) == sum(p.numel() for p in teacher.parameters())
    assert pruned_config(teacher.config, plan).num_hidden_layers == 4
    # the student runs and is finite
    assert torch.isfinite(logits(student, sequences(1)[0])).all()


def test_width_only_prune_keeps_every_layer_and_each_layers_busiest_channels(teacher):
    """Minitron's width-only student: all layers and attention, fewer MLP channels per layer."""
    imp = measure_importance(teacher, sequences())
    plan = make_plan(imp, layers=6, intermediate=40)
    assert plan.layers == list(range(6)) and plan.hidden_channels is None
    student = build_pruned(teacher, plan)
    for i, (s, t) in enumerate(zip(student.model.layers, teacher.model.layers, strict=True)):
        kept = torch.topk(imp.mlp[i], 40).indices.sort().values
        assert torch.equal(s.mlp.up_proj.weight, t.mlp.up_proj.weight[kept])
        assert torch.equal(s.mlp.down_proj.weight, t.mlp.down_proj.weight[:, kept])
        assert torch.equal(s.self_attn.q_proj.weight, t.self_attn.q_proj.weight)
    assert param_count(student.config) == sum(p.numel() for p in student.parameters())

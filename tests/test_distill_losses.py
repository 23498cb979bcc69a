"""Distillation losses against independent float64 numpy references, gradcheck and identities."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from stillroom.distill import losses
from stillroom.distill.config import DistillConfig
from stillroom.distill.objective import chunked_head_loss, make_loss_fn


@pytest.fixture(autouse=True)
def one_thread():
    """Tiny tensors: OpenMP threads only add spin-wait overhead on the shared 2-core machine."""
    n = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(n)


KINDS = [
    ("fkl", {}),
    ("rkl", {}),
    ("jsd", {"beta": 0.3}),
    ("jsd", {"beta": 0.5}),
    ("skl", {"alpha": 0.2}),
    ("tvd", {}),
]


# --- independent references (numpy, float64, written from the formulas) ---------------------
def np_softmax(x):
    x = x - x.max(-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(-1, keepdims=True)


def np_kl(p, q):
    return (p * (np.log(p) - np.log(q))).sum(-1)


def np_div(kind, q, p, beta=0.5, alpha=0.1):
    """q = student probs, p = teacher probs."""
    if kind == "fkl":
        return np_kl(p, q)
    if kind == "rkl":
        return np_kl(q, p)
    if kind == "jsd":
        m = beta * p + (1 - beta) * q
        return beta * np_kl(p, m) + (1 - beta) * np_kl(q, m)
    if kind == "skl":
        return np_kl(p, alpha * p + (1 - alpha) * q)
    return 0.5 * np.abs(p - q).sum(-1)


def np_buckets(probs, ids):
    """k probabilities at `ids` plus the remaining mass as one bucket."""
    top = np.take_along_axis(probs, ids, -1)
    return np.concatenate([top, 1 - top.sum(-1, keepdims=True)], -1)


def np_temper(b, temperature):
    return np_softmax(np.log(b) / temperature)


def rand(*shape, seed=0, scale=2.0):
    return torch.from_numpy(np.random.default_rng(seed).normal(size=shape) * scale)


# --- dense ---------------------------------------------------------------------------------
@pytest.mark.parametrize("kind,kw", KINDS)
@pytest.mark.parametrize("temperature", [1.0, 2.5])
def test_dense_matches_reference(kind, kw, temperature):
    s, t = rand(9, 13, seed=1), rand(9, 13, seed=2)
    got = losses.divergence(
        kind, losses.dense_logprobs(s, temperature), losses.dense_logprobs(t, temperature), **kw
    )
    want = np_div(kind, np_softmax(s.numpy() / temperature), np_softmax(t.numpy() / temperature), **kw)
    np.testing.assert_allclose(got.numpy(), want, rtol=1e-6, atol=1e-9)
    got32 = losses.divergence(
        kind,
        losses.dense_logprobs(s.float(), temperature),
        losses.dense_logprobs(t.float(), temperature),
        **kw,
    )
    np.testing.assert_allclose(got32.numpy(), want, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("kind,kw", KINDS)
def test_identical_distributions_give_zero(kind, kw):
    s = losses.dense_logprobs(rand(5, 7), 1.0)
    assert losses.divergence(kind, s, s.clone(), **kw).abs().max() < 1e-12


def test_cross_entropy_matches_reference():
    s, labels = rand(6, 10, seed=3), torch.tensor([0, 3, 9, 2, 2, 5])
    want = -np.log(np_softmax(s.numpy())[np.arange(6), labels.numpy()])
    np.testing.assert_allclose(losses.cross_entropy(s, labels).numpy(), want, rtol=1e-6)


@pytest.mark.parametrize("kind", ["mse", "cosine"])
def test_hidden_loss_matches_reference(kind):
    a, b = rand(4, 8, seed=4).numpy(), rand(4, 8, seed=5).numpy()
    if kind == "mse":
        want = ((a - b) ** 2).mean(-1)
    else:
        want = 1 - (a * b).sum(-1) / np.linalg.norm(a, axis=-1) / np.linalg.norm(b, axis=-1)
    got = losses.hidden_loss(kind, torch.from_numpy(a), torch.from_numpy(b)).numpy()
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-12)


# --- JSD convention ----------------------------------------------------------------------
def test_jsd_end_points_are_the_kls():
    s, t = losses.dense_logprobs(rand(6, 11, seed=6)), losses.dense_logprobs(rand(6, 11, seed=7))
    torch.testing.assert_close(losses.jsd(s, t, 0.0), losses.fkl(s, t), rtol=1e-12, atol=1e-12)
    torch.testing.assert_close(losses.jsd(s, t, 1.0), losses.rkl(s, t), rtol=1e-12, atol=1e-12)
    # The formula itself tends to beta * KL(p||q) and (1 - beta) * KL(q||p) at the two ends.
    eps = 1e-5
    torch.testing.assert_close(losses.jsd(s, t, eps) / eps, losses.fkl(s, t), rtol=1e-3, atol=1e-6)
    torch.testing.assert_close(losses.jsd(s, t, 1 - eps) / eps, losses.rkl(s, t), rtol=1e-3, atol=1e-6)
    torch.testing.assert_close(losses.jsd(s, t, 0.5), losses.jsd(t, s, 0.5), rtol=1e-12, atol=1e-12)


def test_jsd_matches_trl_generalized_jsd_loss():
    gkd = pytest.importorskip("trl.experimental.gkd.gkd_trainer")
    s, t = rand(2, 3, 5, seed=8), rand(2, 3, 5, seed=9)
    for beta in (0.0, 0.3, 0.5, 1.0):
        theirs = gkd.GKDTrainer.generalized_jsd_loss(s, t, beta=beta, temperature=2.0, reduction="none").sum(
            -1
        )
        ours = losses.jsd(losses.dense_logprobs(s, 2.0), losses.dense_logprobs(t, 2.0), beta)
        torch.testing.assert_close(ours, theirs, rtol=1e-6, atol=1e-9)


# --- sparse top-k with a tail bucket ---------------------------------------------------------
def sparse_case(k=4, seed=10):
    s, t = rand(7, 12, seed=seed), rand(7, 12, seed=seed + 1)
    t_logp = torch.log_softmax(t, -1)
    top_lp, top_ids = t_logp.topk(k, -1)
    return s, t, top_ids, top_lp


@pytest.mark.parametrize("kind,kw", KINDS)
@pytest.mark.parametrize("temperature", [1.0, 0.7])
def test_sparse_matches_reference(kind, kw, temperature):
    s, t, ids, top_lp = sparse_case()
    qs, pt = losses.sparse_logprobs(s, ids, top_lp, temperature)
    q = np_temper(np_buckets(np_softmax(s.numpy()), ids.numpy()), temperature)
    p = np_temper(np_buckets(np_softmax(t.numpy()), ids.numpy()), temperature)
    np.testing.assert_allclose(
        losses.divergence(kind, qs, pt, **kw).numpy(), np_div(kind, q, p, **kw), rtol=1e-6, atol=1e-9
    )


def test_sparse_student_equal_to_teacher_gives_zero_at_any_temperature():
    _, t, ids, top_lp = sparse_case()
    for temperature in (0.5, 1.0, 3.0):
        qs, pt = losses.sparse_logprobs(t, ids, top_lp, temperature)
        assert losses.fkl(qs, pt).abs().max() < 1e-10


def test_tail_floor_when_top_k_holds_all_mass():
    lp = torch.log(torch.tensor([[0.5, 0.5]], dtype=torch.float64))
    b = losses.with_tail(lp)
    assert torch.isfinite(b).all() and b[0, -1].exp() == pytest.approx(losses.TAIL_FLOOR, rel=1e-3)


# --- masking and chunking through the objective's loss function ------------------------------
def objective_case(kind="jsd", temperature=2.0, ce=0.5, harvested=False, seed=20):
    g = torch.Generator().manual_seed(seed)
    B, L, d, V = 3, 6, 5, 17
    h_all = torch.randn(B, L, d, generator=g, dtype=torch.float64)
    th_all = torch.randn(B, L, d, generator=g, dtype=torch.float64)
    W = torch.randn(V, d, generator=g, dtype=torch.float64)
    Wt = torch.randn(V, d, generator=g, dtype=torch.float64)
    mask = torch.rand(B, L, generator=g) > 0.4
    labels = torch.randint(0, V, (int(mask.sum()),), generator=g)
    cfg = DistillConfig(
        store="x",
        method="kd",
        signal="harvested" if harvested else "online",
        loss={"kind": kind, "temperature": temperature},
        weights={"kd": 1.0, "ce": ce},
    )
    batch = {"labels": labels}
    teacher = None
    t_logits = th_all[mask] @ Wt.T
    if harvested:
        lp, ids = torch.log_softmax(t_logits, -1).topk(5, -1)
        batch.update(top_ids=ids, top_logprobs=lp)
    else:
        from stillroom.distill.objective import TeacherOut

        teacher = TeacherOut(th_all[mask], Wt, [])
    return h_all, mask, W, t_logits, labels, cfg, batch, teacher


@pytest.mark.parametrize("harvested", [False, True])
def test_masked_objective_matches_reference(harvested):
    h_all, mask, W, t_logits, labels, cfg, batch, teacher = objective_case(harvested=harvested)
    got = chunked_head_loss(h_all[mask], W, make_loss_fn(cfg, batch, teacher), chunk=4)
    s_logits = (h_all[mask] @ W.T).numpy()
    T = cfg.loss.temperature
    if harvested:
        ids = batch["top_ids"].numpy()
        q = np_temper(np_buckets(np_softmax(s_logits), ids), T)
        p = np_temper(np_buckets(np_softmax(t_logits.numpy()), ids), T)
    else:
        q, p = np_softmax(s_logits / T), np_softmax(t_logits.numpy() / T)
    ce = -np.log(np_softmax(s_logits)[np.arange(len(labels)), labels.numpy()])
    want = np_div("jsd", q, p, beta=0.5).sum() + 0.5 * ce.sum()
    assert float(got) == pytest.approx(want, rel=1e-6)


@pytest.mark.parametrize("harvested", [False, True])
def test_chunked_equals_unchunked_loss_and_grads(harvested):
    h_all, mask, W, _, _, cfg, batch, teacher = objective_case(harvested=harvested, kind="fkl")
    fn = make_loss_fn(cfg, batch, teacher)
    results = []
    for chunk in (1, 3, 10_000, None):
        h = h_all.clone().requires_grad_(True)
        w = W.clone().requires_grad_(True)
        if chunk is None:  # plain autograd over the full logits: the thing chunking must equal
            loss = fn(h[mask] @ w.T, slice(0, None))[0]
        else:
            loss = chunked_head_loss(h[mask], w, fn, chunk)
        (loss * 1.7).backward()
        results.append((loss.detach(), h.grad, w.grad))
    for loss, gh, gw in results[:-1]:
        torch.testing.assert_close(loss, results[-1][0].to(loss.dtype), rtol=1e-10, atol=1e-12)
        torch.testing.assert_close(gh, results[-1][1], rtol=1e-10, atol=1e-12)
        torch.testing.assert_close(gw, results[-1][2], rtol=1e-10, atol=1e-12)


def test_chunked_head_under_bf16_autocast_accumulates_in_fp32():
    """Mixed-precision training (accelerate's bf16 autocast, the default on CUDA) with more than
    one chunk: autocast made the first chunk's head gradient bf16 and the second chunk's fp32
    addmm_ into it raised (first seen on an H200). CPU autocast reproduces it."""
    torch.manual_seed(0)
    h = torch.randn(10, 8, requires_grad=True)
    w = torch.randn(20, 8, requires_grad=True)

    def fn(logits, sl):
        return torch.logsumexp(logits.float(), -1).sum(), None

    with torch.autocast("cpu", dtype=torch.bfloat16):
        loss = chunked_head_loss(h, w, fn, chunk=4)
    loss.backward()
    assert h.grad.dtype == w.grad.dtype == torch.float32
    with torch.autocast("cpu", dtype=torch.bfloat16):
        whole = fn(h.detach() @ w.detach().T, slice(0, None))[0]
    assert float(loss) == pytest.approx(float(whole), rel=2e-2)  # bf16 logits: a loose bound


# --- gradcheck --------------------------------------------------------------------------------
@pytest.mark.parametrize("kind,kw", KINDS)
def test_gradcheck_dense_and_sparse(kind, kw):
    s0, t, ids, top_lp = sparse_case(k=3)
    s = s0[:3, :6].clone().requires_grad_(True)
    t, ids, top_lp = t[:3, :6], ids[:3] % 6, None
    top_lp = torch.log_softmax(t, -1).gather(-1, ids)

    def dense(x):
        return losses.divergence(kind, losses.dense_logprobs(x, 1.5), losses.dense_logprobs(t, 1.5), **kw)

    def sparse(x):
        return losses.divergence(kind, *losses.sparse_logprobs(x, ids, top_lp, 1.5), **kw)

    assert torch.autograd.gradcheck(dense, (s,))
    if len(set(ids[0].tolist())) == ids.shape[1]:
        assert torch.autograd.gradcheck(sparse, (s,))


def test_gradcheck_chunked_head_and_hidden():
    from stillroom.distill.objective import TeacherOut

    h_all, mask, W, _, _, cfg, batch, teacher = objective_case(kind="tvd")
    fn = make_loss_fn(cfg, {"labels": batch["labels"][:5]}, TeacherOut(teacher.last[:5], teacher.head, []))
    h = h_all[mask][:5].clone().requires_grad_(True)
    w = W.clone().requires_grad_(True)
    assert torch.autograd.gradcheck(lambda a, b: chunked_head_loss(a, b, fn, 2), (h, w))
    a, b = rand(3, 4, seed=30).requires_grad_(True), rand(3, 4, seed=31)
    for kind in ("mse", "cosine"):
        assert torch.autograd.gradcheck(lambda x, kind=kind: losses.hidden_loss(kind, x, b), (a,))


def test_pinned_values():
    """Regression pins: change only with a deliberate change of convention."""
    s, t = losses.dense_logprobs(rand(2, 5, seed=40)), losses.dense_logprobs(rand(2, 5, seed=41))
    got = [float(losses.divergence(k, s, t, **kw).sum()) for k, kw in KINDS]
    assert got == pytest.approx(PINNED, rel=1e-9)


PINNED = [
    4.95765351955683,
    4.749474075578654,
    0.6397154696372512,
    0.7255454123919853,
    1.7443851789942202,
    1.361729837193652,
]


@pytest.mark.parametrize("kind,kw", KINDS)
def test_sparse_unknown_ids_count_as_tail(kind, kw):
    """An id of -1 (padding or an unidentified alternative) equals leaving that entry out of top-k."""
    s, _, ids, top_lp = sparse_case(k=5)
    ids = ids.clone()
    ids[0, 4] = -1  # padding of a short row (logprob -inf) ...
    top_lp = top_lp.clone()
    top_lp[0, 4] = -float("inf")
    ids[1, 0] = -1  # ... and an alternative the tokenizer could not map (its mass goes to the tail)
    ids[2, :] = -1  # a step with no usable alternative at all
    s = s.double().requires_grad_(True)
    qs, pt = losses.sparse_logprobs(s, ids, top_lp.double(), 0.8)
    got = losses.divergence(kind, qs, pt, **kw)
    for row in range(s.shape[0]):
        keep = ids[row] >= 0
        q = np_temper(
            np_buckets(np_softmax(s[row : row + 1].detach().numpy()), ids[row : row + 1, keep].numpy()), 0.8
        )
        p_known = top_lp[row, keep].double().exp().numpy()[None]
        p = np_temper(np.concatenate([p_known, 1 - p_known.sum(-1, keepdims=True)], -1), 0.8)
        want = np_div(kind, q, p, **kw)
        np.testing.assert_allclose(got[row : row + 1].detach().numpy(), want, rtol=1e-6, atol=1e-9)
    got.sum().backward()
    assert torch.isfinite(s.grad).all()

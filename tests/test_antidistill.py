"""Antidistillation sampling (`ads`) and the product of experts (`poe`), from the maths to the wire.

The pure adjustments are checked against identities (strength 0 is the teacher, a proxy equal to
the teacher flattens the nucleus under poe at strength 1), the finite-difference Delta against
autograd's directional derivative on a tiny model, the decode loop against single-job runs, and
the path guard -> serve -> teacher on tiny random models.
"""

from __future__ import annotations

import concurrent.futures
import copy
import math

import httpx
import pytest
import torch
import yaml

from fakes.upstream import FakeUpstream
from guard_support import ConstantDetector, audit_rows, guard_running, settings
from stillroom.contracts.antidistill import Antidistill
from stillroom.distill.student import prune_layers
from stillroom.models import encode_prompt
from stillroom.serve.app import create_app
from stillroom.serve.config import ServeConfig
from stillroom.serve.thread import running
from stillroom.teachers.antidistill import (
    Proxy,
    ads_scores,
    fd_delta,
    keep_stop_mass,
    nucleus,
    poe_scores,
)
from stillroom.teachers.base import GenParams
from stillroom.teachers.hf import HFTeacher

PROMPTS = [[{"role": "user", "content": "What is the capital of France?"}], "The quick brown fox"]
POE = {"mode": "poe", "strength": 2.0, "top_p": 0.95}
ADS = {"mode": "ads", "strength": 3.0, "top_p": 0.95}


@pytest.fixture(scope="module")
def teacher(tiny_teacher_dir) -> HFTeacher:
    """The tiny teacher with a 1-layer pruned proxy whose objective is the teacher's own answers."""
    t = HFTeacher(str(tiny_teacher_dir))
    t.proxy = Proxy.build(prune_layers(t.model, 1)[0], _seqs(t), rel_eps=1e-3)
    return t


def _seqs(t: HFTeacher) -> list[tuple[list[int], list[int]]]:
    outs = t.generate(PROMPTS, GenParams(max_new_tokens=8))
    return [(encode_prompt(t.tokenizer, p), c.token_ids) for p, c in zip(PROMPTS, outs, strict=True)]


def _ids(t: HFTeacher, ad: dict | None, **kw) -> list[list[int]]:
    params = GenParams(max_new_tokens=kw.pop("max_new_tokens", 10), antidistill=ad, **kw)
    return [c.token_ids for c in t.generate(PROMPTS, params)]


# ---- the adjustments themselves ----


def test_nucleus_is_the_smallest_set_with_the_mass():
    lp = torch.tensor([[0.5, 0.3, 0.15, 0.05]]).log()
    keep = [nucleus(lp, torch.tensor([p]))[0].tolist() for p in (0.1, 0.7, 0.85, 1.0)]
    assert keep == [
        [True, False, False, False],
        [True, True, False, False],
        [True, True, True, False],
        [True, True, True, True],
    ]


def test_strength_zero_leaves_the_teacher_alone():
    lp = torch.randn(3, 11).log_softmax(-1)
    zero, full = torch.zeros(3), torch.ones(3)
    other = torch.randn(3, 11).log_softmax(-1)
    assert torch.equal(poe_scores(lp, other, zero, full), lp)
    assert torch.equal(ads_scores(lp, torch.randn(3, 11), zero, full), lp)


def test_poe_with_the_teacher_as_proxy_flattens_the_nucleus():
    lp = (3 * torch.randn(2, 9)).log_softmax(-1)
    flat = poe_scores(lp, lp, torch.ones(2), torch.ones(2)).softmax(-1)
    assert torch.allclose(flat, torch.full_like(flat, 1 / 9))
    top = torch.full((2,), 0.8)
    kept = nucleus(lp, top)
    p = poe_scores(lp, lp, torch.ones(2), top).softmax(-1)
    for row in range(2):
        assert torch.allclose(
            p[row][kept[row]], torch.full((int(kept[row].sum()),), 1 / int(kept[row].sum()))
        )
        assert (p[row][~kept[row]] == 0).all()


def test_poe_moves_mass_away_from_what_the_proxy_predicts():
    lp = torch.tensor([[0.4, 0.35, 0.25]]).log()
    proxy = torch.tensor([[0.9, 0.05, 0.05]]).log()
    p = poe_scores(lp, proxy, torch.tensor([0.5]), torch.ones(1)).softmax(-1)[0]
    assert p[0] < 0.4 and p.argmax() == 1


def test_stop_tokens_keep_the_teachers_probability():
    lp = torch.randn(4, 10).log_softmax(-1)
    adj = poe_scores(lp, torch.randn(4, 10).log_softmax(-1), torch.full((4,), 2.0), torch.ones(4))
    stop = torch.tensor([3, 7])
    out = keep_stop_mass(adj, lp, stop)
    assert torch.allclose(out.exp().sum(-1), torch.ones(4))
    assert torch.allclose(out[:, stop], lp[:, stop])
    others = torch.tensor([i for i in range(10) if i not in (3, 7)])
    assert torch.allclose(out[:, others].softmax(-1), adj[:, others].softmax(-1))  # same proportions
    assert torch.allclose(keep_stop_mass(lp, lp, stop), lp, atol=1e-6)  # nothing to redistribute


def test_ads_adds_strength_times_delta():
    lp = torch.tensor([[0.6, 0.3, 0.1]]).log()
    delta = torch.tensor([[-1.0, 2.0, 0.0]])
    assert torch.allclose(ads_scores(lp, delta, torch.tensor([0.5]), torch.ones(1)), lp + 0.5 * delta)


def test_finite_difference_delta_matches_autograd_directional_derivative(teacher):
    """Delta from the two perturbed copies equals g . grad log p(x | ctx) computed by autograd."""
    proxy = teacher.proxy
    base = dict(proxy.base.named_parameters())
    plus, minus = dict(proxy.plus.named_parameters()), dict(proxy.minus.named_parameters())
    g = {n: (plus[n] - minus[n]).detach() / (2 * proxy.h) for n in base}
    assert math.isclose(math.sqrt(sum(float(v.pow(2).sum()) for v in g.values())), 1.0, rel_tol=1e-3)
    ids = torch.tensor([encode_prompt(teacher.tokenizer, PROMPTS[0])])
    with torch.no_grad():
        lps = [m(input_ids=ids).logits[0, -1].log_softmax(-1) for m in (proxy.plus, proxy.minus)]
    fd = fd_delta(lps[0], lps[1], proxy.h)
    for x in [*fd.abs().topk(4).indices.tolist(), 0]:
        proxy.base.zero_grad(set_to_none=True)
        with torch.enable_grad():
            proxy.base(input_ids=ids).logits[0, -1].log_softmax(-1)[x].backward()
        exact = sum(
            float((p.grad * g[n]).sum()) for n, p in proxy.base.named_parameters() if p.grad is not None
        )
        assert fd[x].item() == pytest.approx(exact, rel=2e-2, abs=2e-3 * fd.abs().max().item())
    proxy.base.zero_grad(set_to_none=True)
    assert proxy.scale > 0 and math.isfinite(proxy.scale)


# ---- the decode loop ----


def test_strength_zero_generates_exactly_the_plain_answers(teacher):
    for ad in (
        {"mode": "poe", "strength": 0.0, "top_p": 1.0},
        {"mode": "ads", "strength": 0.0, "top_p": 1.0},
    ):
        assert _ids(teacher, ad) == _ids(teacher, None)
        seeded = {"temperature": 1.0, "seed": 5}
        assert _ids(teacher, ad, **seeded) == _ids(teacher, None, **seeded)


def test_both_modes_change_the_answers(teacher):
    plain = _ids(teacher, None)
    assert _ids(teacher, POE) != plain
    assert _ids(teacher, ADS) != plain


def test_poe_with_the_teacher_as_proxy_returns_flat_logprobs(tiny_teacher_dir):
    """Returned logprobs are the adjusted distribution (what the text was sampled from)."""
    t = HFTeacher(str(tiny_teacher_dir))
    same = copy.deepcopy(t.model)
    t.proxy = Proxy(same, same, same, 1.0, 1.0)
    out = t.generate(
        PROMPTS[:1],
        GenParams(
            max_new_tokens=3, top_logprobs=5, antidistill={"mode": "poe", "strength": 1.0, "top_p": 1.0}
        ),
    )
    flat = -math.log(t.model.config.vocab_size)
    assert out[0].top_logprobs[0] == pytest.approx([flat] * 5, abs=1e-3)


def test_without_a_proxy_the_setting_is_ignored(tiny_teacher_dir, teacher):
    t = HFTeacher(str(tiny_teacher_dir))
    assert _ids(t, POE) == _ids(teacher, None)


def test_mixed_jobs_in_one_call_answer_as_they_would_alone(teacher):
    """Plain, poe and ads jobs in one generate_many: each gets what it gets on its own."""
    settings = [None, POE, ADS, None, POE]
    jobs = [(PROMPTS, GenParams(max_new_tokens=10, antidistill=ad)) for ad in settings]
    together = teacher.generate_many(jobs)
    for ad, comps in zip(settings, together, strict=True):
        assert [c.token_ids for c in comps] == _ids(teacher, ad)


def test_setting_header_round_trips_and_refuses_junk():
    a = Antidistill(mode="ads", strength=1.5, top_p=0.9)
    assert Antidistill.from_header(a.header()) == a
    assert Antidistill.from_header("mode=poe; strength=0.5").top_p == 0.95
    for bad in ("mode=poe", "mode=x; strength=1", "strength=1; mode=poe; strength=2", "on"):
        with pytest.raises(ValueError):
            Antidistill.from_header(bad)


# ---- serve and the guard ----


def _post(url: str, header: str | None) -> httpx.Response:
    headers = {"x-stillroom-antidistill": header} if header else {}
    body = {"model": "tiny", "prompt": "The quick brown fox", "temperature": 0, "max_tokens": 10}
    return httpx.post(f"{url}/v1/completions", json=body, headers=headers, timeout=60)


def test_serve_batches_plain_and_antidistill_requests_together(teacher):
    cfg = ServeConfig(model_name="tiny", allow_antidistill_header=True, max_wait_ms=300, max_batch=8)
    setting = Antidistill(mode="poe", strength=2.0).header()
    with running(create_app(teacher, cfg)) as url:
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            rs = list(pool.map(lambda h: _post(url, h), [None, setting, None, setting]))
        health = httpx.get(f"{url}/health").json()
        bad = _post(url, "mode=poe; strength=lots")
    assert [r.headers["x-stillroom-antidistill"] for r in rs] == ["off", "on", "off", "on"]
    texts = [r.json()["choices"][0]["text"] for r in rs]
    alone = {
        h: teacher.generate(["The quick brown fox"], GenParams(max_new_tokens=10, antidistill=ad))[0].text
        for h, ad in ((None, None), (setting, POE | {"top_p": 0.95}))
    }
    assert (
        texts == [alone[None], alone[setting], alone[None], alone[setting]] and alone[None] != alone[setting]
    )
    assert health["requests"] == 4 and health["generate_calls"] < 4  # they shared generate calls
    assert bad.status_code == 400 and bad.json()["error"]["param"] == "x-stillroom-antidistill"


def test_serve_ignores_the_header_unless_allowed(teacher):
    with running(create_app(teacher, ServeConfig(model_name="tiny"))) as url:
        r = _post(url, "mode=poe; strength=2")
    assert r.headers["x-stillroom-antidistill"] == "off"
    assert (
        r.json()["choices"][0]["text"]
        == teacher.generate(["The quick brown fox"], GenParams(max_new_tokens=10))[0].text
    )


POLICY = {"suspect": {"antidistill": {"mode": "poe", "strength": 0.5}}}


def _guarded(tmp_path, upstream_url: str):
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(POLICY))
    return guard_running(settings(tmp_path, upstream_url, policy=str(path)), ConstantDetector("suspect"))


def _ask(url: str, guard, model: str) -> httpx.Response:
    secret = guard.keys.create("d")[1]
    body = {"model": model, "prompt": "The quick brown fox", "temperature": 0, "max_tokens": 10}
    headers = {"authorization": f"Bearer {secret}"}
    httpx.post(f"{url}/v1/completions", json=body, headers=headers, timeout=60)  # the verdict applies next
    return httpx.post(f"{url}/v1/completions", json=body, headers=headers, timeout=60)


def _actions(s) -> list[str]:
    import time

    time.sleep(0.3)  # the audit is flushed every 20 ms
    return [r["action"] for r in audit_rows(s)]


def test_guard_forwards_the_setting_and_audits_an_upstream_that_ignores_it(tmp_path):
    up = FakeUpstream(model="fake")
    with running(up) as up_url, _guarded(tmp_path, up_url) as (url, guard):
        r = _ask(url, guard, "fake")
        headers, _ = up.last
        db = guard.settings.db
    assert r.status_code == 200 and headers["x-stillroom-antidistill"] == "mode=poe; strength=0.5; top_p=0.95"
    assert "x-stillroom-antidistill" not in r.headers  # nothing tells the client
    assert _actions(db)[-1] == "antidistill:poe@0.5,antidistill_unapplied"


def test_guard_in_front_of_serve_gets_antidistilled_answers(tmp_path, teacher):
    cfg = ServeConfig(model_name="tiny", allow_antidistill_header=True)
    with running(create_app(teacher, cfg)) as serve_url, _guarded(tmp_path, serve_url) as (url, guard):
        r = _ask(url, guard, "tiny")
        db = guard.settings.db
    poe = {"mode": "poe", "strength": 0.5, "top_p": 0.95}
    expected = teacher.generate(["The quick brown fox"], GenParams(max_new_tokens=10, antidistill=poe))[
        0
    ].text
    assert r.json()["choices"][0]["text"] == expected
    assert _actions(db)[-1] == "antidistill:poe@0.5"


def test_example_policy_is_valid():
    """examples/policy.yaml (the commented countermeasure policy the docs point to) loads as is."""
    from pathlib import Path

    from stillroom.guard.policy import load_policy

    policy = load_policy(Path(__file__).parents[1] / "examples" / "policy.yaml", upstreams={"cheap"})
    assert policy.suspect.antidistill is not None and policy.suspect.top_logprobs_cap == 0


def test_prefix_cache_does_not_change_antidistill_answers(teacher):
    """serve keeps a prefix cache on; antidistill rows prefill their proxies on the whole padded
    prompts, which a reused prefix's mask does not describe. With the cache warm (the chat
    template's beginning seen before), answers must equal the cold ones."""
    chats = [
        [{"role": "user", "content": "What is the capital of France?"}],
        [{"role": "user", "content": "Name three large rivers of South America and their lengths."}],
    ]

    def ids(ad: dict | None) -> list[list[int]]:
        return [c.token_ids for c in teacher.generate(chats, GenParams(max_new_tokens=10, antidistill=ad))]

    cold = {name: ids(ad) for name, ad in (("poe", POE), ("ads", ADS))}
    teacher.keep_prefixes(2048)
    try:
        ids(None)  # warm the cache with these prompts' beginnings
        hits = teacher.prefixes.hits
        for name, ad in (("poe", POE), ("ads", ADS)):
            assert ids(ad) == cold[name], name
        assert ids(None) and teacher.prefixes.hits > hits  # the cache was in use for plain rows
    finally:
        teacher.keep_prefixes(0)

"""Real-traffic personas (detector.realtraffic): invariants of the built traffic, and a tiny replay.

Needs the real prompt data in ../shared/traffic (relative to the repo root); skipped without it,
except the checks that need no data.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import defaultdict
from pathlib import Path

import pytest

from stillroom.detector import DetectorConfig
from stillroom.detector.realtraffic import PERSONAS, build_suite, replay, simulated_suite
from stillroom.detector.realtraffic import records as rec
from stillroom.detector.realtraffic.context import norm
from stillroom.detector.realtraffic.pools import SPLIT, TIMING_SOURCE, Pools
from stillroom.detector.realtraffic.replay import replay_each, summarise
from stillroom.detector.text import words
from stillroom.detector.types import TrafficEvent
from stillroom.errors import UserError

TRAFFIC = Path(__file__).resolve().parents[1].parent / "shared" / "traffic"
needs_data = pytest.mark.skipif(not TRAFFIC.is_dir(), reason="../shared/traffic not present")
SCALE = 0.1


@pytest.fixture(scope="module", params=["tune", "val"])
def suite(request):
    if not TRAFFIC.is_dir():
        pytest.skip("../shared/traffic not present")
    return build_suite(TRAFFIC, request.param, seed=3, scale=SCALE)


def keys_of(suite, persona):
    return [k for k in suite.keys if k.persona == persona]


def test_persona_definitions_are_complete():
    names = [p.name for p in PERSONAS]
    assert len(names) == len(set(names))
    for p in PERSONAS:
        assert p.doc and callable(p.build) and set(p.sources) == {"tune", "val"}
        allowed = (
            {s for g in SPLIT["tune"].values() for s in g},
            {s for g in SPLIT["val"].values() for s in g},
        )
        for split, ok in zip(("tune", "val"), allowed, strict=True):
            assert set(p.sources[split]) <= ok | {TIMING_SOURCE}, (p.name, split)
    labels = {p.label for p in PERSONAS}
    assert labels == {"benign", "distiller"}


def test_missing_folder_is_a_one_line_error(tmp_path):
    with pytest.raises(UserError, match="traffic folder not found"):
        build_suite(tmp_path / "nope", "tune")
    with pytest.raises(UserError, match="split must be one of"):
        Pools(tmp_path, "test")


def test_adapter_passes_only_fields_the_event_defines(monkeypatch):
    key = rec.KeyTraffic("k", "p", "benign", "chat", "k", rec.Client("OpenAI/Python 1.2.3", ("user-agent",)))
    req = rec.Request(1.0, "chat", "hi there", [{"role": "user", "content": "hi there"}], {"n": 1})
    ev = rec.to_event(key, req)
    assert isinstance(ev, TrafficEvent) and ev.key_id == "k" and ev.params == {"n": 1}

    @dataclasses.dataclass(frozen=True)
    class Wider(TrafficEvent):  # a future TrafficEvent with client metadata
        user_agent: str = ""
        account: dict = dataclasses.field(default_factory=dict)

    monkeypatch.setattr(rec, "TrafficEvent", Wider)
    ev = rec.to_event(key, req)
    assert ev.user_agent == "OpenAI/Python 1.2.3" and ev.account == {}


@needs_data
def test_pools_hand_out_each_row_once_then_count_reuse():
    pools = Pools(TRAFFIC, "val")
    n = len(pools.rows("evol_instruct_h2o"))
    first = pools.take("evol_instruct_h2o", n)
    assert len({r.id for r in first}) == n and not pools.reused
    again = pools.take("evol_instruct_h2o", 5)
    assert len(again) == 5 and pools.reused["evol_instruct_h2o"] == 5
    with pytest.raises(UserError, match="not in the val split"):
        pools.rows("codealpaca_2k")


def test_times_are_monotonic_and_histories_grow(suite):
    events = suite.events()
    assert all(a[1].ts <= b[1].ts for a, b in itertools.pairwise(events))
    for k in suite.keys:
        assert k.requests, k.key_id
        assert all(a.ts <= b.ts for a, b in zip(k.requests, k.requests[1:], strict=False)), k.key_id
        for r in k.requests:
            if r.endpoint == "chat":
                assert r.messages[-1] == {"role": "user", "content": r.prompt}
                roles = [m["role"] for m in r.messages if m["role"] != "system"]
                assert roles == ["user", "assistant"] * (len(roles) // 2) + ["user"], k.key_id
            else:
                assert r.messages is None and r.endpoint == "completions"


def test_suite_uses_only_its_split(suite):
    split = suite.name.removeprefix("real-")
    allowed = {s for g in SPLIT[split].values() for s in g} | {TIMING_SOURCE}
    pools = Pools(TRAFFIC, split)
    for k in suite.keys:
        assert set(k.sources) <= allowed, (k.key_id, k.sources)
        ids = {r.id for s in k.sources for r in pools.rows(s)}
        assert all(r.item in ids for r in k.requests if r.item), k.key_id


def test_hydra_keys_share_no_prompt(suite):
    for persona in ("hydra_instr", "hydra_realpool"):
        keys = keys_of(suite, persona)
        assert len(keys) >= 2 and len({k.actor for k in keys}) == 1
        owner: dict[str, str] = {}
        for k in keys:
            for r in k.requests:
                if len(words(r.prompt)) >= 4:
                    assert owner.setdefault(norm(r.prompt), k.key_id) == k.key_id, (persona, r.prompt[:80])


def test_account_metadata_sharing(suite):
    """The instruction hydra shares payment and network; the real-pool hydra shares its client
    build but no account field; one company's apps share organisation and payment."""
    acct = lambda k, f: dict(k.client.account).get(f)  # noqa: E731
    instr, real, apps = (keys_of(suite, p) for p in ("hydra_instr", "hydra_realpool", "app_backend"))
    assert len({acct(k, "payment_fingerprint") for k in instr}) == 1
    assert len({acct(k, "signup_network") for k in instr}) == 1
    assert len({acct(k, "payment_fingerprint") for k in real}) == len(real)
    assert len({(k.client.user_agent, k.client.header_names, k.client.system_prompt) for k in real}) == 1
    assert len({acct(k, "organisation") for k in apps}) == 1 and len({k.actor for k in apps}) == 1
    benign = [k for k in suite.keys if k.label == "benign" and k.persona not in ("app_backend", "eval_twins")]
    payments = [acct(k, "payment_fingerprint") for k in benign]
    assert len(set(payments)) == len(payments)


def test_reseller_mix_is_as_configured(suite):
    mixes = next(p for p in PERSONAS if p.name == "reseller").params["mix"]
    keys = keys_of(suite, "reseller")
    assert [k.settings["mix"] for k in keys] == list(mixes)
    for k in keys:
        share = sum(r.distill for r in k.requests) / len(k.requests)
        assert abs(share - k.settings["mix"]) <= 1 / len(k.requests) + 1e-9, (k.key_id, share)
        assert any(not r.distill for r in k.requests)


def test_evaluation_keys_send_their_suites_items(suite):
    split = suite.name.removeprefix("real-")
    pools = Pools(TRAFFIC, split)
    evals = [k for k in suite.keys if k.kind == "evaluation"]
    assert len(evals) >= 8
    for k in evals:
        rows = {r.id: r for s in k.sources for r in pools.rows(s)}
        for r in k.requests:
            row = rows[r.item]
            texts = [row.first, *row.extra.get("next_user_turns", [])]
            assert any(t.strip()[:200] in r.prompt for t in texts), (k.key_id, r.prompt[:100])
    params = {k.persona: k.requests[0].params for k in evals}
    assert params["eval_code_passk"]["n"] > 1 and params["eval_code_passk"]["temperature"] == 0.8
    assert all(
        p.get("temperature", 0) == 0
        for name, p in params.items()
        if name not in ("eval_code_passk", "eval_mt_bench")
    )


def test_power_users_ask_about_350_a_day(suite):
    for k in keys_of(suite, "power_user"):
        gaps = [b.ts - a.ts for a, b in zip(k.requests, k.requests[1:], strict=False)]
        daytime = [g for g in gaps if g < 4 * 3600]  # nights excluded
        per_day = 11 * 3600 / (sum(daytime) / len(daytime))
        assert 200 < per_day < 600, (k.key_id, per_day)
        assert all(r.messages == [{"role": "user", "content": r.prompt}] for r in k.requests)


def test_eval_twins_are_unrelated_but_send_the_same_items(suite):
    a, b = keys_of(suite, "eval_twins")
    acc_a, acc_b = dict(a.client.account), dict(b.client.account)
    assert a.actor != b.actor and acc_a["payment_fingerprint"] != acc_b["payment_fingerprint"]
    assert acc_a["signup_network"] == acc_b["signup_network"]  # one campus: a trap for metadata links
    assert sorted(r.prompt for r in a.requests) == sorted(r.prompt for r in b.requests)


def test_oasst2_users_keep_their_real_gaps():
    """A thread starts at its real time (shifted with the user's others) unless the user is still
    busy with the previous conversation."""
    if not TRAFFIC.is_dir():
        pytest.skip("../shared/traffic not present")
    from stillroom.detector.realtraffic.pools import read_source
    from stillroom.detector.realtraffic.timing import human_timing

    users = human_timing(read_source(TRAFFIC, TIMING_SOURCE)).users
    s = build_suite(TRAFFIC, "val", seed=1, scale=SCALE, only={"chat_multiturn"})
    exact = total = 0
    for k in s.keys:
        user = next(u for u in users if k.key_id.endswith(u[:8]))
        real = [ts - users[user][0][0] for ts, _ in users[user]]
        firsts = [r.ts for r in k.requests if r.messages[-2:][0]["role"] != "assistant"]
        starts = [t - firsts[0] for t in firsts]
        assert len(starts) == len(real) >= 2, k.key_id
        assert all(st >= rt - 1e-6 for st, rt in zip(starts, real, strict=True))
        exact += sum(abs(st - rt) < 1e-3 for st, rt in zip(starts[1:], real[1:], strict=True))
        total += len(real) - 1
    assert exact >= total / 2


def test_build_is_deterministic():
    if not TRAFFIC.is_dir():
        pytest.skip("../shared/traffic not present")
    only = {"disguised", "app_backend", "eval_fewshot", "hydra_instr"}
    a, b = (build_suite(TRAFFIC, "tune", seed=5, scale=SCALE, only=only) for _ in range(2))
    fa = [(k.key_id, r.ts, r.prompt, str(r.params)) for k, r in a.events()]
    fb = [(k.key_id, r.ts, r.prompt, str(r.params)) for k, r in b.events()]
    assert fa == fb
    c = build_suite(TRAFFIC, "tune", seed=6, scale=SCALE, only=only)
    assert fa != [(k.key_id, r.ts, r.prompt, str(r.params)) for k, r in c.events()]


def test_tiny_replay_reports_every_key():
    if not TRAFFIC.is_dir():
        pytest.skip("../shared/traffic not present")
    only = {"logprob_harvest", "hydra_instr", "chat_multiturn", "eval_mcq_letter", "reseller"}
    s = build_suite(TRAFFIC, "tune", seed=0, scale=SCALE, only=only)
    outcomes, timing, det = replay(s)
    assert set(outcomes) == {k.key_id for k in s.keys}
    assert sum(o.requests for o in outcomes.values()) == len(timing.wall_ms) == det.observed
    lp = next(o for o in outcomes.values() if o.persona == "logprob_harvest")
    assert lp.caught and "harvest" in lp.peak and lp.first["suspect"]["request"] <= lp.requests
    summary = summarise(outcomes)
    o = summary["overall"]
    assert o["distiller_actors"] == 1 + 1 + 3  # logprob, one hydra, three resellers
    assert o["hydra_keys"] == len([k for k in s.keys if k.persona == "hydra_instr"])
    assert o["evaluation_keys"] == 1 and o["evaluation_labelled"] == 1  # MMLU, "answer with the letter"
    assert set(summary["personas"]) == only
    by_actor = defaultdict(set)
    for k in s.keys:
        by_actor[k.actor].add(k.persona)
    assert all(len(v) == 1 for v in by_actor.values())


def test_simulated_suite_wraps_traces():
    s = simulated_suite(0, {"chat": 1, "hydra": 1, "sweeper": 1})
    personas = {k.persona for k in s.keys}
    assert personas == {"chat", "hydra", "sweeper"}
    hydra = [k for k in s.keys if k.persona == "hydra"]
    assert len(hydra) >= 6 and len({k.actor for k in hydra}) == 1


def test_clients_resend_what_they_were_served_except_replay_scripts(suite):
    """Every chat answer carries the reply the server gave (`Request.reply`, reported to
    Detector.served); a person's next turn resends it, the two conversation-replay scripts resend
    the pool's stored replies instead."""
    replayers = {"realpool_replay", "hydra_realpool"}
    for k in suite.keys:
        served: set[str] = set()
        resent = foreign = 0
        for r in k.requests:
            if r.endpoint == "chat" and len(r.messages) > 2:
                last = [m["content"] for m in r.messages if m["role"] == "assistant"][-1]
                resent += 1
                foreign += last not in served
            if r.endpoint == "chat":
                assert r.reply, k.key_id
                served.add(r.reply)
        if k.persona in replayers:
            assert resent and foreign == resent, k.key_id
        else:
            assert foreign == 0, (k.persona, k.key_id)


def test_a_disguised_distiller_is_caught_whatever_the_content_sample():
    """Its chatter wrapper counts only beside what the wrapper carries (score.behaviour_of), and
    with a 25% content sample that depended on the draw: VAL's disguised key reached 0.82-0.87
    under five sampling seeds and 0.38 under one. A key whose wrapper shows but is not yet backed
    is now classified in full. The key carries TUNE's English items only (code instructions): since
    session 15 the suites' own disguised keys, half Chinese items, are not caught at all (mostly-CJK
    text needs a larger logit lead to read as an item, content.CJK_ITEM_MARGIN)."""
    if not TRAFFIC.is_dir():
        pytest.skip("../shared/traffic not present")
    from stillroom.detector.realtraffic import suite as S
    from stillroom.detector.realtraffic.pools import Pools

    persona = next(p for p in S.PERSONAS if p.name == "disguised")
    persona = dataclasses.replace(persona, sources={"tune": ("codealpaca_2k",)})
    ctx = S.Ctx(
        "tune",
        Pools(TRAFFIC, "tune"),
        S.human_timing(S.read_source(TRAFFIC, S.TIMING_SOURCE)),
        S.EPOCH,
        0,
        1.0,
    )
    suite = S.Suite("disguised", persona.build(ctx, persona))
    for seed in range(6):
        out, _ = replay_each([suite], DetectorConfig(seed=seed))
        assert all(o.caught for o in out.values()), (seed, {k: o.max_score for k, o in out.items()})

"""Client-fingerprint framing (guard hardening): a client fingerprint is chosen by the client, so a
harvest sent under a copy of a customer's fingerprint from two keys of the attacker's own linked
that customer's key into the attackers' cluster and gave it the cluster's score (session 23's
reviewer: a benign key at suspect 0.996). A key tied to its cluster by a fingerprint now takes
from it volume, not content (Detector._linked_score): its own traffic is scored at the cluster's
volume with each term capped at the cluster's. A rotating hydra, whose keys are each too small to
score, is still caught; session 24's reviewer's template framing and decoy evasion are tests here."""

from __future__ import annotations

import pytest

from stillroom.detector import DetectorConfig
from test_detector_verdicts import ev, rows, run

UA = "AcmeHelpdesk/3.2.1"


def interleave(*streams):
    """Events of several keys in one clock: stream k's i-th request at slot i (ts from `ev`)."""
    return sorted((e for s in streams for e in s), key=lambda e: (e.ts, e.key_id))


@pytest.mark.parametrize("victim_source,n_victim", [("arena_even", 30), ("nq_open_dev", 300)])
def test_a_copied_fingerprint_does_not_frame_a_customer(victim_source, n_victim):
    """Before: the victim took the attackers' score (suspect or block) through the link."""
    victim = [ev("victim", i, t, user_agent=UA) for i, t in enumerate(rows(victim_source, n_victim))]
    items = rows("codealpaca_2k", 400)
    attackers = [ev(f"att{k}", i, items[k * 200 + i], user_agent=UA) for k in range(2) for i in range(200)]
    magpie = [ev("att2", i, "<|im_start|>user\n", user_agent=UA) for i in range(80)]
    det = run(interleave(victim, attackers, magpie))
    assert det.clusters.cluster_of("victim") == det.clusters.cluster_of("att0") is not None  # linked, shown
    assert all(det.keys[f"att{k}"].last.verdict in ("suspect", "block") for k in range(3))
    v = det.keys["victim"].last
    assert any("by a client fingerprint" in r for r in v.reasons), v.reasons  # the dashboard says why
    # what it keeps is its own traffic read at the cluster's volume: behaviour, capped at watch
    assert v.verdict in ("ok", "watch") and v.score <= DetectorConfig().behaviour_cap, (
        v.verdict,
        v.score,
        v.reasons,
    )


def test_a_rotating_hydra_linked_by_its_fingerprint_alone_still_carries_its_cluster():
    """Twelve keys of 40 disjoint instruction-set items each, one script (one fingerprint): each is
    too small to score on its own; together they are one harvest, and every key shows it."""
    items = rows("codealpaca_2k", 480)
    hydra = [
        ev(f"h{k}", k * 40 + i, items[k * 40 + i], user_agent="harvest/0.1")
        for k in range(12)
        for i in range(40)
    ]
    det = run(sorted(hydra, key=lambda e: e.ts), DetectorConfig(seed=0))
    assert all(
        det.clusters.firm_members(f"h{k}") == {f"h{k}"} for k in range(12)
    )  # only the fingerprint ties them
    own = [det.keys[f"h{k}"].own_score for k in range(12)]
    assert max(own) < DetectorConfig().suspect, own
    caught = [det.keys[f"h{k}"].last.verdict in ("suspect", "block") for k in range(12)]
    assert sum(caught) >= 10, [
        (det.keys[f"h{k}"].last.verdict, round(det.keys[f"h{k}"].last.score, 2)) for k in range(12)
    ]


APP = "Use the knowledge base to answer the customer's question below; if it is not there, say so.\n\nQuestion: {q}"
ALPACA = "Below is an instruction that describes a task.\n\n### Instruction:\n{q}\n\n### Response:\n"
GEN = "Come up with 20 diverse task instructions like these examples:\n1. {a}\n2. {b}\n3. {c}"


def test_a_templated_app_is_not_framed_to_block_through_a_template_of_its_own():
    """Session 24's reviewer: a support app's fixed template (unbacked: watch on its own) was taken
    to block by two keys under its fingerprint sending items in a wrapper of their own with some
    data-generation requests (the cluster's leading term, templating, was one the app shows too)."""
    victim = [ev("app", 8 * i, APP.format(q=q), user_agent=UA) for i, q in enumerate(rows("arena_even", 60))]
    items = rows("codealpaca_2k", 240)
    items = [
        GEN.format(a=items[i], b=items[i - 1], c=items[i - 2]) if i % 5 == 0 else x
        for i, x in enumerate(items)
    ]
    att = [
        ev(f"a{k}", 4 * i + k, ALPACA.format(q=x), user_agent=UA)
        for k in range(2)
        for i, x in enumerate(items[k::2])
    ]
    det = run(interleave(victim, att))
    assert det.clusters.cluster_of("app") == det.clusters.cluster_of("a0") is not None
    assert det.keys["a0"].last.verdict == "block"
    app = det.keys["app"].last
    assert app.verdict in ("ok", "watch"), (app.verdict, app.score, app.reasons)


def test_a_decoy_key_does_not_take_a_rotating_hydra_out_of_its_cluster():
    """Session 24's reviewer: under the first form of the fix (a fingerprint-linked key carried
    its cluster only if its own strongest term led the cluster), one extra key of Magpie requests
    led the cluster and took a 12-key hydra from 11 keys caught to 0."""
    items = rows("codealpaca_2k", 480)
    hydra = [
        ev(f"h{k}", k * 40 + i, items[k * 40 + i], user_agent="harvest/0.1")
        for k in range(12)
        for i in range(40)
    ]
    decoy = [ev("decoy", i, "<|im_start|>user\n", user_agent="harvest/0.1") for i in range(200)]
    det = run(interleave(hydra, decoy))
    caught = [det.keys[f"h{k}"].last.verdict in ("suspect", "block") for k in range(12)]
    assert sum(caught) >= 8, [
        (det.keys[f"h{k}"].last.verdict, round(det.keys[f"h{k}"].last.score, 2)) for k in range(12)
    ]

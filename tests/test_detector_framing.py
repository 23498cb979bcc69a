"""Client-fingerprint framing (session 23's reviewer, guard hardening): a client fingerprint is
chosen by the client, so a harvest sent under a copy of a customer's fingerprint from two keys of
the attacker's own linked that customer's key into the attackers' cluster and gave it the
cluster's score (a benign key at suspect 0.996). A key tied to a cluster by its fingerprint alone
now carries the cluster's score only when its own traffic shows the cluster's leading evidence;
a rotating hydra, whose keys are each too small to score, still does."""

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
    assert v.verdict in ("ok", "watch") and not any(c.startswith("cluster.") for c in v.contributions), (
        v.verdict, v.score, v.reasons)  # fmt: skip


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
    assert not det.clusters.firm  # nothing but the fingerprint ties them
    own = [det.keys[f"h{k}"].own_score for k in range(12)]
    assert max(own) < DetectorConfig().suspect, own
    caught = [det.keys[f"h{k}"].last.verdict in ("suspect", "block") for k in range(12)]
    assert sum(caught) >= 10, [
        (det.keys[f"h{k}"].last.verdict, round(det.keys[f"h{k}"].last.score, 2)) for k in range(12)
    ]

"""Session 33: blind round 20 (a twenty-first reviewer: organisations with many keys, account farms).
A company that gives every developer, student or hackathon participant a key is one customer the
operator already knows, not an actor splitting a harvest over accounts. Each test here fails on the
code before the change it covers."""

from __future__ import annotations

from stillroom.detector import Detector, DetectorConfig
from stillroom.detector.clusters import Clusters
from test_detector_verdicts import ev, rows


def _replay(account_of, per_key: dict[str, list[str]]) -> Detector:
    """Every key's prompts interleaved in time (key 0's first, key 1's first, ...)."""
    det = Detector(DetectorConfig(seed=0))
    keys = sorted(per_key)
    for i in range(max(len(p) for p in per_key.values())):
        for j, k in enumerate(keys):
            if i < len(per_key[k]):
                det.observe(ev(k, i * len(keys) + j, per_key[k][i], account=account_of(j)))
    return det


def _pooled(det: Detector, key: str) -> dict[str, float]:
    cluster = det.clusters.cluster_of(key)
    assert cluster is not None
    det._cluster_score(cluster, key, 0.0)
    return det.cluster_cache[cluster][3]


def test_an_organisations_keys_count_once_among_an_actors_active_keys():
    """Round 20's software company (42 developer keys filed under one organisation, one card, one
    office network) pooled as one actor whose '42 linked keys split one broad single-shot sweep':
    fan_out 0.21 of its 0.62, all 42 keys suspect. The same traffic on twelve separate accounts
    paid with one card is still twelve identities."""
    items = rows("lima", 480)
    per_key = {f"dev-{k:02d}": items[40 * k : 40 * (k + 1)] for k in range(12)}
    one_org = _replay(lambda j: {"organisation": "org-kestrel", "payment_fingerprint": "pm-1"}, per_key)
    assert _pooled(one_org, "dev-00")["active_keys"] == 1.0  # the old code: 12
    one_card = _replay(lambda j: {"organisation": f"org-{j}", "payment_fingerprint": "pm-1"}, per_key)
    assert _pooled(one_card, "dev-00")["active_keys"] == 12.0


def test_prompts_every_member_sends_are_one_item_of_the_actor():
    """Round 20's hackathon: 84 keys of one organisation each sent the organisers' hello and
    workshop prompts first; each key counted them as new dataset items, so the pooled cluster read
    97% of its requests as instruction-set items (suspect 0.80, 80 of 84 keys). A prompt another
    key of the same actor sent first is no new item; a key outside the actor keeps its own."""
    shared = rows("codealpaca_2k", 3)
    own = rows("arena_even", 30 * 4)
    per_key = {f"team-{k:02d}": shared + own[4 * k : 4 * (k + 1)] for k in range(30)}
    det = _replay(lambda j: {"organisation": "org-harbour"}, per_key)
    pooled = _pooled(det, "team-00")
    instruction = pooled["instruction_share"] * pooled["content_n"]
    assert instruction < 0.3 * pooled["content_n"]  # the old code: 97 of 207 (3 a key)
    alone = _replay(lambda j: {"organisation": f"org-{j}"}, {"a": shared, "b": shared})
    assert alone.keys["b"].last.features["instruction_share"] > 0  # unlinked: b's items are its own


def test_owner_is_the_organisation_and_survives_replay():
    """Stream workers learn other workers' keys' organisations from the identity log."""
    a = Clusters()
    a.log = []
    a.observe_identity("k1", {"organisation": "acme", "payment_fingerprint": "pm-9"}, 0)
    a.observe_identity("k2", {"payment_fingerprint": "pm-9"}, 0)
    b = Clusters()
    b.replay(a.log)
    for c in (a, b):
        assert c.owner("k1").startswith("org:") and c.owner("k2") == "k2"


def test_owner_survives_a_restart(tmp_path):
    """A restarted detector (persist.py) still counts an organisation's keys once."""
    from stillroom.detector.persist import load, save

    det = _replay(lambda j: {"organisation": "org-kestrel"}, {"a": ["hello there"], "b": ["hi again"]})
    save(det, tmp_path / "state.gz")
    back = load(tmp_path / "state.gz", DetectorConfig(seed=0))
    assert back.clusters.owner("a") == back.clusters.owner("b") == det.clusters.owner("a") != "a"

"""Admin API, Prometheus metrics, and the seams to the real detector and its dashboard."""

from __future__ import annotations

import importlib.util

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from fakes.upstream import FakeUpstream
from guard_support import ADMIN, ConstantDetector, guard_running, settings
from stillroom.serve.thread import running

ADMIN_H = {"authorization": f"Bearer {ADMIN}"}
BODY = {"model": "fake", "messages": [{"role": "user", "content": "hello"}]}


@pytest.fixture(scope="module")
def upstream():
    with running(FakeUpstream(model="fake")) as url:
        yield url


@pytest.fixture(scope="module")
def gw(upstream, tmp_path_factory):
    with (
        guard_running(
            settings(tmp_path_factory.mktemp("adm"), upstream), ConstantDetector("watch", 0.42)
        ) as (url, g),
        httpx.Client(base_url=url, timeout=30) as http,
    ):
        yield http, g


def test_admin_creates_lists_overrides_and_revokes_keys(gw):
    http, _ = gw
    too_big = http.post(
        "/admin/keys", json={"label": "x", "rpm": 10**20}, headers=ADMIN_H
    )  # found by the fuzzer
    assert too_big.status_code == 400 and too_big.json()["error"]["param"] == "rpm"
    made = http.post("/admin/keys", json={"label": "acme", "rpm": 5}, headers=ADMIN_H)
    assert made.status_code == 201
    kid, secret = made.json()["id"], made.json()["secret"]
    user = {"authorization": f"Bearer {secret}"}
    assert http.post("/v1/chat/completions", json=BODY, headers=user).status_code == 200
    listed = {k["id"]: k for k in http.get("/admin/keys", headers=ADMIN_H).json()}
    view = listed[kid]
    assert (view["label"], view["rpm"], view["verdict"], view["score"]) == ("acme", 5, "watch", 0.42)
    assert view["top_features"] == {"templating": 0.7, "rate": 0.3} and "secret" not in view
    r = http.put(f"/admin/keys/{kid}/verdict", json={"verdict": "suspect"}, headers=ADMIN_H)
    assert r.json()["verdict"] == "suspect" and r.json()["detector_verdict"] == "watch"
    assert (
        http.put(f"/admin/keys/{kid}/verdict", json={"verdict": "evil"}, headers=ADMIN_H).status_code == 400
    )
    assert http.put("/admin/keys/nope/verdict", json={"verdict": "ok"}, headers=ADMIN_H).status_code == 404
    assert http.post(f"/admin/keys/{kid}/revoke", headers=ADMIN_H).json()["revoked"] is True
    assert http.post("/v1/chat/completions", json=BODY, headers=user).status_code == 401


def test_metrics_count_requests_and_verdicts(gw):
    http, g = gw
    secret = g.keys.create("m")[1]
    for _ in range(3):
        http.post("/v1/chat/completions", json=BODY, headers={"authorization": f"Bearer {secret}"})
    text = http.get("/metrics", headers=ADMIN_H).text
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for fam in text_string_to_metric_families(text)
        for s in fam.samples
    }
    assert samples[("stillroom_guard_requests_total", (("endpoint", "chat"), ("status", "200")))] >= 3
    assert samples[("stillroom_guard_verdicts_total", (("verdict", "watch"),))] >= 3
    assert samples[("stillroom_guard_overhead_seconds_count", ())] >= 3
    assert http.get("/metrics").status_code == 401


def test_default_detector_is_stillrooms_and_dashboard_is_mounted(upstream, tmp_path):
    detector = pytest.importorskip("stillroom.detector")
    if not hasattr(detector, "Detector"):
        pytest.skip("stillroom.detector.Detector not built yet")
    with guard_running(settings(tmp_path, upstream), detector=None) as (url, g):
        assert isinstance(g.detector, detector.Detector)
        secret = g.keys.create("d")[1]
        r = httpx.post(f"{url}/v1/chat/completions", json=BODY, headers={"authorization": f"Bearer {secret}"})
        assert r.status_code == 200 and g.assessments[secret.split("-")[2]].features
        if importlib.util.find_spec("stillroom.detector.dashboard") is None:
            return
        assert httpx.get(f"{url}/dashboard/").status_code == 401
        assert httpx.get(f"{url}/dashboard/", headers=ADMIN_H).status_code == 200


def test_clock_header_only_when_trusted(upstream, tmp_path):
    det = ConstantDetector()
    for trusted in (False, True):
        with guard_running(settings(tmp_path, upstream, trust_clock_header=trusted), det) as (url, g):
            user = {"authorization": f"Bearer {g.keys.create('c')[1]}"}
            r = httpx.post(
                f"{url}/v1/chat/completions", json=BODY, headers={**user, "x-stillroom-clock": "1000.5"}
            )
            assert r.status_code == 200 and (det.events[-1].ts == 1000.5) is trusted
            bad = httpx.post(
                f"{url}/v1/chat/completions", json=BODY, headers={**user, "x-stillroom-clock": "nan"}
            )
            assert bad.status_code == (400 if trusted else 200)

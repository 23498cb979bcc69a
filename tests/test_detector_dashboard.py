"""Indicators round trip (API and CLI), the dashboard's JSON, and the page in headless Chromium."""

from __future__ import annotations

import json
import random

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from stillroom.cli import app as cli_app
from stillroom.contracts.indicators import ThreatIndicators
from stillroom.detector import Detector, DetectorConfig, indicators
from stillroom.detector import traces as tr
from stillroom.detector.dashboard import router
from stillroom.detector.evaluate import to_event
from stillroom.errors import UserError


def sweep_events(key: str, seed: int, n: int = 300) -> list[dict]:
    return tr.template_sweeper(random.Random(seed), key, 0.0)[:n]


@pytest.fixture(scope="module")
def busy() -> Detector:
    """A detector that has seen a sweeper, a magpie harvester and two benign chatters."""
    det = Detector()
    events = (
        sweep_events("sweeper", 1)
        + tr.magpie(random.Random(2), "magpie", 0.0)[:40]
        + tr.chat_student(random.Random(3), "student", 0.0)
        + tr.casual(random.Random(4), "casual", 0.0)
    )
    for e in sorted(events, key=lambda e: e["ts"]):
        det.observe(to_event(e))
    return det


def test_indicators_round_trip_carries_templates_not_prompts(busy, tmp_path):
    doc = indicators.build(busy, "site-a")
    assert doc.indicators and doc.profile["n_total"] > 0
    text = doc.model_dump_json()
    assert "sweeper" not in text and "Explain" not in text  # no key ids, no prompt text
    path = tmp_path / "ind.json"
    indicators.save(doc, path)
    assert set(indicators.load(path)) == {i.skeleton for i in doc.indicators}
    assert (
        ThreatIndicators.model_validate_json(path.read_text()) == doc
    )  # the writer's file is the reader's model

    fresh = Detector(DetectorConfig(indicators=[str(path)]))
    plain = Detector()
    for e in sweep_events("other-site-key", 99, 60):  # the same templates, new topics, another key
        a, b = fresh.observe(to_event(e)), plain.observe(to_event(e))
    assert a.features["indicator_share"] > 0.3 and b.features["indicator_share"] == 0.0
    assert a.score > b.score and "indicator" in a.contributions


@pytest.mark.parametrize(
    "doc",
    [
        {},
        {"format": "nope"},
        {"format": "stillroom-indicators", "version": 1, "skeleton_scheme": "other"},
        {
            "format": "stillroom-indicators",
            "version": 1,
            "skeleton_scheme": indicators.SCHEME,
            "indicators": [{"hash": "zz"}],
        },
    ],
)
def test_bad_indicator_documents_are_one_line_user_errors(doc):
    with pytest.raises(UserError):
        indicators.parse(doc)


@pytest.mark.parametrize(
    "drift",
    [
        lambda d: d["indicators"][0].update(count=d["indicators"][0].pop("uses")),  # a field renamed
        lambda d: d.update(sources=[d.pop("source")]),
        lambda d: d["indicators"][0].update(verdict="maybe"),
        lambda d: d.pop("time_range"),
    ],
)
def test_writer_reader_drift_fails(busy, tmp_path, drift):
    """The file the writer produces, changed the way a drifted writer would, no longer loads."""
    path = tmp_path / "ind.json"
    indicators.save(indicators.build(busy, "site-a"), path)
    assert indicators.load(path)
    doc = json.loads(path.read_text())
    drift(doc)
    path.write_text(json.dumps(doc))
    with pytest.raises(UserError, match=str(path)):
        indicators.load(path)


def test_cli_export_then_import(tmp_path):
    trace = tmp_path / "t.jsonl"
    tr.write(sweep_events("s", 5), trace)
    out, cfg = tmp_path / "ind.json", tmp_path / "detector.yaml"
    runner = CliRunner()
    r = runner.invoke(cli_app, ["indicators", "export", "--traces", str(trace), "--out", str(out)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli_app, ["indicators", "import", str(out), "--config", str(cfg)])
    assert r.exit_code == 0, r.output
    from stillroom.config import load_config

    loaded = load_config(DetectorConfig, cfg)
    assert loaded.indicators == [str(out.resolve())]
    assert Detector(loaded).indicators
    r = runner.invoke(cli_app, ["indicators", "export", "--out", str(out)])
    assert r.exit_code != 0


def test_dashboard_json(busy):
    client = TestClient(_app(busy))
    keys = client.get("/dashboard/api/keys").json()
    assert keys[0]["key"] in ("sweeper", "magpie") and keys[0]["verdict"] in ("suspect", "block")
    detail = client.get("/dashboard/api/keys/magpie").json()
    assert detail["reasons"] and detail["history"] and "magpie" in detail["contributions"]
    assert client.get("/dashboard/api/keys/nobody").status_code == 404
    assert any(a["key"] == "magpie" for a in client.get("/dashboard/api/actions").json())
    assert client.get("/dashboard/api/clusters").status_code == 200
    assert client.get("/dashboard/indicators.json").json()["format"] == "stillroom-indicators"
    assert client.get("/dashboard/indicators.json?min_verdict=bogus").status_code == 422
    html = client.get("/dashboard/").text
    assert "<svg" in html and "http" not in html.split("<script>")[0].replace("http://www.w3.org", "")


def test_dashboard_renders_in_headless_chromium_without_console_errors(busy):
    from browser import check_page, require_chromium
    from stillroom.serve.thread import running

    require_chromium()  # skips without chromium (fails in CI), like every browser test

    with running(_app(busy)) as url:
        page = check_page(f"{url}/dashboard/", settle_s=1.0)
    assert page.title == "stillroom detector"
    assert page.console_errors == [] and page.broken_images == []


def _app(det: Detector) -> FastAPI:
    app = FastAPI()
    app.include_router(router(det), prefix="/dashboard")
    return app

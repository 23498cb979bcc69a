"""The report renders in headless Chromium with no console errors and every plot loading."""

from __future__ import annotations

import functools
import http.server
import json
import threading

import pytest

from browser import check_page
from stillroom.errors import UserError
from stillroom.report.cli import write_report


def _model(name, role, kl, cap, gap=None, cost=None):
    m = {
        "name": name,
        "role": role,
        "fingerprint": name * 2,
        "fidelity": {
            "kl": kl,
            "ppl": 2.0 + kl,
            "top1": 0.9 - kl / 10,
            "rougeL": 0.5,
            "chrf": 0.6,
            "tokens": 100,
            "gap_closed": gap,
            "per_domain": {"math": {"kl": kl}, "knowledge": {"kl": kl * 1.5}},
        },
        "capability": {
            "score": cap,
            "per_domain": {"math": cap, "knowledge": cap / 2},
            "retained": {"all": cap / 0.8, "math": cap / 0.8, "knowledge": cap / 0.8},
        },
        "size": {"params": 1000, "disk_bytes": 4000},
        "speed": {"tokens_per_s": 50.0, "peak_mem_bytes": 9000},
    }
    if cost:
        m["cost"] = cost
        m["run_dir"] = cost.pop("run_dir")
    return m


@pytest.fixture
def folders(tmp_path):
    runs = {}
    for name, slope in (("kd", 1.0), ("sft", 0.5)):
        d = tmp_path / name
        d.mkdir()
        rows = [
            {"step": s, "loss": 5 - slope * s / 10, "kl": 4 - slope * s / 10, "lr": 1e-4}
            for s in range(1, 21)
        ]
        (d / "metrics.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in rows) + '{"step": 21, "lo'
        )  # torn last line
        (d / "summary.json").write_text(json.dumps({"method": name, "steps": 20}))
        runs[name] = d
    cost = {"train_tokens": 5000, "total_flops": 3e12, "total_wall_s": 60, "method": "kd"}
    ev = {
        "kind": "stillroom.eval",
        "created": 1.0,
        "data": {"fingerprint": "abc", "heldout_prompts": 10},
        "teacher": {"spec": "hf:default"},
        "machine": {"platform": "test", "cpu_count": 2},
        "models": [
            _model("teacher", "teacher", 0.0, 0.8, 1.0),
            _model("init", "floor", 5.0, 0.1, 0.0),
            _model("kd", "student", 0.9, 0.5, 0.82, {**cost, "run_dir": str(runs["kd"])}),
            _model("sft", "student", 1.4, 0.4, 0.72, {**cost, "method": "sft", "run_dir": str(runs["sft"])}),
        ],
        "cost": {
            "harvest": {"teacher_tokens": 1000, "teacher_flops": 2.7e11},
            "teacher_from_scratch": {"train_tokens": 2e12, "train_flops": 1.6e21, "source": "model card"},
        },
        "examples": [
            {"prompt": "What is <b>2+2</b>?", "outputs": {"teacher": "4", "kd": "4", "sft": "5 & more"}}
        ],
    }
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "eval.json").write_text(json.dumps(ev))
    return tmp_path


def test_report_renders_cleanly_in_chromium(folders):
    out = write_report([folders / "eval"], folders / "report.html")
    page = check_page(out.resolve().as_uri())
    assert page.title == "stillroom report"
    assert page.console_errors == [] and page.broken_images == []
    text = out.read_text()
    assert (
        text.count("data:image/png;base64,") == 4
    )  # curves, fidelity heatmap, capability heatmap, cost bars
    assert 'src="http' not in text and "<script" not in text  # self-contained, no outside requests
    assert "82%" in text and "not met" in text and "beats" in text  # kd met the target, sft did not
    assert "&lt;b&gt;2+2&lt;/b&gt;" in text and "5 &amp; more" in text  # answers are escaped


def test_report_served_over_http_also_loads(folders):
    out = write_report([folders / "kd", folders / "sft"], folders / "runs.html")  # runs only, no eval
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folders))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = check_page(f"http://127.0.0.1:{server.server_address[1]}/{out.name}")
    finally:
        server.shutdown()
    assert page.console_errors == [] and page.broken_images == []
    assert out.read_text().count("data:image/png;base64,") == 1  # only the curves; the rest says "no data"


def test_check_page_sees_errors_and_broken_images(tmp_path):
    """The checker itself must be able to fail."""
    bad = tmp_path / "bad.html"
    bad.write_text('<title>bad</title><img src="missing.png"><script>console.error("boom"); nope();</script>')
    page = check_page(bad.as_uri())
    assert page.title == "bad"
    assert any("boom" in e for e in page.console_errors) and any("nope" in e for e in page.console_errors)
    assert page.broken_images == [(tmp_path / "missing.png").as_uri()]


def test_report_tolerates_missing_fields_and_rejects_nothing(tmp_path):
    d = tmp_path / "bare"
    d.mkdir()
    (d / "metrics.jsonl").write_text('{"step": 1}\n')
    (tmp_path / "e.json").write_text(json.dumps({"kind": "stillroom.eval", "models": [{"name": "x"}]}))
    html = write_report([d, tmp_path / "e.json"], tmp_path / "r.html").read_text()
    assert "no data for training curves" in html
    with pytest.raises(UserError):
        write_report([tmp_path / "nope"], tmp_path / "r2.html")

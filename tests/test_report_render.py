"""The report, rendered from an eval.json the real writer produced, in headless Chromium: no console
errors, every plot loads, no text overflows its column, and the sections a user needs are there."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from browser import check_page, require_chromium
from report_support import UNBROKEN
from stillroom.contracts.artifacts import EvalReport
from stillroom.errors import UserError
from stillroom.report.cli import write_report
from stillroom.runs import RunDir, read_artifact


def _screenshot(tmp_path: Path, name: str) -> Path:
    """Where the human-readable screenshot goes: $STILLROOM_ARTIFACTS if set (CI can keep it), else tmp."""
    folder = Path(os.environ.get("STILLROOM_ARTIFACTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


@pytest.fixture(scope="module")
def report(tiny_eval_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    return write_report([tiny_eval_dir], out)


@pytest.mark.parametrize("width", [1280, 720])
def test_report_from_a_real_eval_renders_cleanly_without_overflow(report, tmp_path, width):
    shot = _screenshot(tmp_path, f"report-{width}.png")
    page = check_page(report.resolve().as_uri(), width=width, screenshot=shot)
    assert page.title == "stillroom report"
    assert page.console_errors == [] and page.broken_images == []
    assert page.overflows == [], page.overflows
    assert shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")


def test_report_leads_with_capability_and_shows_every_section(report, tiny_eval_dir):
    text = report.read_text()
    ev = read_artifact(tiny_eval_dir / "eval.json", EvalReport)
    order = [
        text.index(h) for h in ("What the students can still do", "Capability per task kind", "Task examples")
    ]
    assert order == sorted(order) and order[0] < text.index("Fidelity to the teacher")
    kd = ev.model("kd")
    assert "not usable" in text and not kd.verdict.usable  # random tiny students are not usable
    assert f"{kd.capability.overall.correct}/{kd.capability.overall.n} = " in text
    for kind in kd.capability.per_kind:
        assert f"<b>{kind}</b>" in text
    assert text.count("<details") == len(ev.models)  # task examples for every model
    assert kd.capability.tasks[0].prompt.split("?")[0] in text
    assert "training harvest" in text and f"{ev.cost.harvests[0].teacher_tokens:,}" in text
    assert ev.cost.harvests[0].purpose == "training" and ev.cost.harvests[-1].purpose == "held-out"
    for name in ("kd", "sft"):  # every run has validation points, so the curves panel has its curve
        assert [m.step for m in RunDir(tiny_eval_dir.parent / "runs" / name).metrics() if m.val_kl] == [2, 4]
    assert "no validation points" not in text
    assert text.count("data:image/png;base64,") == 3  # curves, fidelity heatmap, cost bars
    assert "train.lr" in text and "train.val_every" in text  # hyperparameters of each run
    assert UNBROKEN in text  # the unbroken prompt is shown (and, above, wraps)
    assert 'src="http' not in text and "<script" not in text  # self-contained, no outside requests


def test_the_overflow_check_can_fail(tmp_path):
    """The old stylesheet (pre max-width 320px, auto table layout) let an unbroken answer overflow: caught."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<title>bad</title><style>pre{white-space:pre-wrap;max-width:320px}</style>"
        f"<table><tr><td><pre>{UNBROKEN}</pre></td></tr></table>"
    )
    page = check_page(bad.as_uri(), width=1280)
    assert page.overflows and any("pre" in o for o in page.overflows)


def test_report_served_over_http_also_loads(tiny_eval_dir, tmp_path):
    runs = tmp_path / "runs"
    for name in ("kd", "sft"):  # without their eval.json copies: runs only
        shutil.copytree(
            tiny_eval_dir.parent / "runs" / name, runs / name, ignore=shutil.ignore_patterns("eval.json")
        )
    out = write_report([runs / "kd", runs / "sft"], tmp_path / "runs.html")
    shutil.copy(out, tmp_path / "served.html")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = check_page(f"http://127.0.0.1:{server.server_address[1]}/served.html")
    finally:
        server.shutdown()
    assert page.console_errors == [] and page.broken_images == [] and page.overflows == []
    assert out.read_text().count("data:image/png;base64,") == 1  # only the curves; the rest says "no data"


def test_check_page_sees_errors_and_broken_images(tmp_path):
    """The checker itself must be able to fail."""
    bad = tmp_path / "bad.html"
    bad.write_text('<title>bad</title><img src="missing.png"><script>console.error("boom"); nope();</script>')
    page = check_page(bad.as_uri())
    assert page.title == "bad"
    assert any("boom" in e for e in page.console_errors) and any("nope" in e for e in page.console_errors)
    assert page.broken_images == [(tmp_path / "missing.png").as_uri()]


def test_a_killed_run_renders_and_a_foreign_eval_is_one_line(tiny_eval_dir, tmp_path):
    killed = tmp_path / "killed"
    shutil.copytree(
        tiny_eval_dir.parent / "runs" / "kd", killed, ignore=shutil.ignore_patterns("summary.json")
    )
    with (killed / "metrics.jsonl").open("a") as f:
        f.write('{"step": 5, "lo')  # torn last line
    html = write_report([killed], tmp_path / "r.html").read_text()
    assert "killed" in html and "train.lr" in html  # hyperparameters come from config.yaml without a summary
    (tmp_path / "old.json").write_text(json.dumps({"kind": "stillroom.eval", "models": [{"name": "x"}]}))
    with pytest.raises(UserError, match=r"old\.json is not a EvalReport"):
        write_report([tmp_path / "old.json"], tmp_path / "r2.html")
    with pytest.raises(UserError):
        write_report([tmp_path / "nope"], tmp_path / "r3.html")


def test_browser_tests_skip_cleanly_without_chromium_and_fail_in_ci(monkeypatch):
    import browser

    monkeypatch.setattr(browser, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        require_chromium()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="in CI this is a failure"):
        require_chromium()

"""`stillroom indicators export|import`: share distiller templates between deployments (no prompts).

    stillroom indicators export --traces traffic.jsonl --out ind.json       # replay recorded traffic
    stillroom indicators export --url http://127.0.0.1:8080/dashboard --out ind.json   # live guard
    stillroom indicators import ind.json --config detector.yaml             # the guard loads it on start

The live export authenticates with STILLROOM_ADMIN_KEY (never a flag). Import validates the file
and adds its path to the detector config's `indicators` list; the guard reads that YAML at start.
The format is documented in `stillroom/detector/indicators.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import typer
import yaml

from stillroom.config import load_config
from stillroom.contracts.indicators import ThreatIndicators
from stillroom.errors import UserError

# The detector's own modules load inside each command: every `stillroom` command imports this
# module, and they cost ~0.5 s (features, models, compiled kernels) before any input is checked.

app = typer.Typer(
    no_args_is_help=True, help="Export and import threat indicators (template hashes, no prompts)."
)


def _from_traces(path: Path, config: Path | None, source: str, min_verdict: str) -> ThreatIndicators:
    if not path.is_file():
        raise UserError(f"trace file not found: {path}")
    from stillroom.detector import indicators, traces
    from stillroom.detector.detector import Detector
    from stillroom.detector.evaluate import to_event
    from stillroom.detector.score import DetectorConfig

    det = Detector(load_config(DetectorConfig, config))
    try:
        events = traces.read(path)
        for ev in events:
            det.observe(to_event(ev))
    except (ValueError, KeyError, TypeError) as e:
        raise UserError(f"{path} is not a JSONL trace of TrafficEvent objects: {e}") from None
    return indicators.build(det, source, min_verdict)


def _from_url(url: str, min_verdict: str) -> dict:
    secret = os.environ.get("STILLROOM_ADMIN_KEY", "")
    try:
        r = httpx.get(
            url.rstrip("/") + "/indicators.json",
            params={"min_verdict": min_verdict},
            headers={"authorization": f"Bearer {secret}"} if secret else {},
            timeout=30,
        )
    except httpx.HTTPError as e:
        raise UserError(f"could not reach {url}: {e}") from None
    if r.status_code != 200:
        raise UserError(
            f"{url} answered {r.status_code}; is it the guard's /dashboard and STILLROOM_ADMIN_KEY set?"
        )
    return r.json()


@app.command("export")
def export(
    out: Path = typer.Option(..., "--out", help="indicator JSON file to write"),
    traces: Path = typer.Option(None, "--traces", help="replay this JSONL trace through a fresh detector"),
    url: str = typer.Option(
        None, "--url", help="a running guard's dashboard URL, e.g. http://host/dashboard"
    ),
    config: Path = typer.Option(None, "--config", help="detector YAML (DetectorConfig) for --traces"),
    source: str = typer.Option("stillroom", "--source", help="names this deployment in the file"),
    min_verdict: str = typer.Option("suspect", "--min-verdict", help="export keys at or above this verdict"),
) -> None:
    """Write the templates of flagged keys as skeleton hashes, with their feature profile and time range."""
    if (traces is None) == (url is None):
        raise UserError("give exactly one of --traces FILE or --url DASHBOARD_URL")
    from stillroom.detector import indicators

    doc = _from_traces(traces, config, source, min_verdict) if traces else _from_url(url, min_verdict)
    doc = indicators.validate(doc, "the exported document")
    indicators.save(doc, out)
    typer.echo(f"{len(doc.indicators)} indicators -> {out}")


@app.command("import")
def import_(
    file: Path = typer.Argument(..., help="indicator JSON from another deployment"),
    config: Path = typer.Option(..., "--config", help="detector YAML to add it to (created if missing)"),
) -> None:
    """Validate an indicator file and register it in the detector config the guard loads."""
    from stillroom.detector import indicators

    n = len(indicators.load(file))
    data = yaml.safe_load(config.read_text()) if config.is_file() else {}
    if not isinstance(data, dict):
        raise UserError(f"{config} must hold a mapping at top level")
    paths = list(data.get("indicators") or [])
    if str(file.resolve()) not in paths:
        paths.append(str(file.resolve()))
    data["indicators"] = paths
    config.write_text(yaml.safe_dump(data, sort_keys=False))
    typer.echo(f"{n} indicators from {file} registered in {config}; restart the guard to load them")


def detect(
    redis: str = typer.Option(None, "--redis", help="redis://... the guards publish to (detector_stream)"),
    config: Path = typer.Option(None, "--config", help="worker YAML (DetectSettings); flags override it"),
    partitions: int = typer.Option(None, "--partitions", help="partition streams (the guards' setting)"),
    worker: int = typer.Option(None, "--worker", help="this worker's index, 0-based"),
    workers: int = typer.Option(None, "--workers", help="how many workers share the partitions"),
    state: str = typer.Option(None, "--state", help="snapshot file: restored at start, saved as it runs"),
    detector: str = typer.Option(None, "--detector", help="detector YAML (DetectorConfig)"),
    stats: str = typer.Option(None, "--stats", help="write counts and event->assessment lags here"),
) -> None:
    """Run a detector worker: consume the guards' event stream, publish each key's assessment."""
    import logging

    from stillroom.detector.worker import DetectSettings, Worker

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    s = load_config(
        DetectSettings,
        config,
        redis=redis,
        partitions=partitions,
        worker=worker,
        workers=workers,
        state=state,
        detector=detector,
        stats=stats,
    )
    typer.echo(f"stillroom detect: worker {s.worker}/{s.workers}, partitions {s.owned()} of {s.partitions}")
    Worker(s).run()

"""Threat indicators: what one deployment can tell another about a distiller, without its prompts.

The file format is `stillroom.contracts.indicators.ThreatIndicators` (written by `build`/`save`,
read by `parse`/`load`). Only hashes of *masked* skeletons (function words kept, content words
replaced, first 8 tokens) leave the deployment: never raw prompts, key ids or secrets. A detector
that imports them counts every prompt whose skeleton matches as `indicator` evidence.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from stillroom.contracts.indicators import FORMAT, SCHEME, VERSION, Indicator, ThreatIndicators
from stillroom.detector.features import pool_features
from stillroom.errors import UserError
from stillroom.runs import write_json_atomic

if TYPE_CHECKING:  # the detector imports this module to load indicators; only the type goes back
    from stillroom.detector.detector import Detector

RANK = {"ok": 0, "watch": 1, "suspect": 2, "block": 3}


def build(
    det: Detector, source: str = "stillroom", min_verdict: str = "suspect", min_uses: int = 2
) -> ThreatIndicators:
    """Indicators from the keys at or above `min_verdict`: the templates each repeated at least
    `min_uses` times in its window, and the flagged keys' mean feature profile."""
    if min_verdict not in RANK:
        raise UserError(f"min_verdict must be one of {', '.join(RANK)}, not {min_verdict!r}")
    flagged = [st for st in det.keys.values() if RANK[st.verdict] >= RANK[min_verdict]]
    found: dict[int, Indicator] = {}
    for st in flagged:
        for skel, uses in st.window.skeletons.items():
            if uses >= min_uses:
                ind = found.setdefault(
                    skel, Indicator(hash=f"{skel:016x}", keys=0, uses=0, verdict=st.verdict)
                )
                ind.keys += 1
                ind.uses += uses
                if RANK[st.verdict] > RANK[ind.verdict]:
                    ind.verdict = st.verdict
    times = [r.ts for st in flagged for r in (st.window.items[0], st.window.items[-1]) if st.window.items]
    profile = pool_features([st.last.features for st in flagged if st.last]) if flagged else {}
    return ThreatIndicators(
        source=source,
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        time_range=(min(times), max(times)) if times else (time.time(), time.time()),
        profile={k: round(v, 4) for k, v in profile.items()},
        indicators=sorted(found.values(), key=lambda i: -i.uses),
    )


def validate(doc: Any, where: str = "indicators") -> ThreatIndicators:
    """The document as a `ThreatIndicators`, or a one-line `UserError` naming what is wrong."""
    if isinstance(doc, ThreatIndicators):
        return doc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise UserError(f"{where} is not a stillroom indicators document (format must be {FORMAT!r})")
    if doc.get("version") != VERSION or doc.get("skeleton_scheme") != SCHEME:
        raise UserError(
            f"{where} has version {doc.get('version')!r} / scheme {doc.get('skeleton_scheme')!r}; "
            f"this stillroom reads version {VERSION} / {SCHEME}"
        )
    try:
        return ThreatIndicators.model_validate(doc)
    except ValidationError as e:
        err = e.errors()[0]
        at = ".".join(str(p) for p in err["loc"])
        raise UserError(
            f"{where}: {at}: {err['msg']} (not a version-{VERSION} indicators document)"
        ) from None


def parse(doc: Any, where: str = "indicators") -> dict[int, str]:
    """Validate a document and return {skeleton hash: "source/verdict"} for `Detector.load_indicators`."""
    ti = validate(doc, where)
    return {ind.skeleton: f"{ti.source}/{ind.verdict}" for ind in ti.indicators}


def load(path: str | Path) -> dict[int, str]:
    p = Path(path)
    if not p.is_file():
        raise UserError(f"indicator file not found: {p}")
    try:
        doc = json.loads(p.read_text())
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise UserError(f"{p} is not valid JSON: {e}") from None
    return parse(doc, str(p))


def save(doc: ThreatIndicators, path: str | Path) -> None:
    write_json_atomic(path, doc)

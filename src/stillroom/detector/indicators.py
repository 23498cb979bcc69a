"""Threat indicators: what one deployment can tell another about a distiller, without its prompts.

Format (JSON, one document; `SCHEME` must match on both sides, since a skeleton hash is only
comparable when masking and hashing are identical):

    {
      "format": "stillroom-indicators", "version": 1,
      "skeleton_scheme": "fw-mask-prefix8-blake2b64",
      "source": "free text naming the deployment", "created": "2026-11-23T01:00:00+00:00",
      "time_range": [first_ts, last_ts],            # unix seconds of the traffic behind it
      "profile": {"templating": 0.7, ...},          # mean features of the flagged keys
      "indicators": [
        {"kind": "template-skeleton", "hash": "9f2c...16 hex", "keys": 3, "uses": 41,
         "verdict": "block"}
      ]
    }

Only hashes of *masked* skeletons (function words kept, content words replaced, first 8 tokens)
leave the deployment: never raw prompts, key ids or secrets. A detector that imports them counts
every prompt whose skeleton matches as `indicator` evidence.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stillroom.detector.features import pool_features
from stillroom.errors import UserError

if TYPE_CHECKING:  # the detector imports this module to load indicators; only the type goes back
    from stillroom.detector.detector import Detector

FORMAT, VERSION, SCHEME = "stillroom-indicators", 1, "fw-mask-prefix8-blake2b64"
RANK = {"ok": 0, "watch": 1, "suspect": 2, "block": 3}


def build(
    det: Detector, source: str = "stillroom", min_verdict: str = "suspect", min_uses: int = 2
) -> dict[str, Any]:
    """Indicators from the keys at or above `min_verdict`: the templates each repeated at least
    `min_uses` times in its window, and the flagged keys' mean feature profile."""
    if min_verdict not in RANK:
        raise UserError(f"min_verdict must be one of {', '.join(RANK)}, not {min_verdict!r}")
    flagged = [st for st in det.keys.values() if RANK[st.verdict] >= RANK[min_verdict]]
    found: dict[int, dict[str, Any]] = {}
    for st in flagged:
        for skel, uses in st.window.skeletons.items():
            if uses >= min_uses:
                ind = found.setdefault(
                    skel,
                    {
                        "kind": "template-skeleton",
                        "hash": f"{skel:016x}",
                        "keys": 0,
                        "uses": 0,
                        "verdict": st.verdict,
                    },
                )
                ind["keys"] += 1
                ind["uses"] += uses
                if RANK[st.verdict] > RANK[ind["verdict"]]:
                    ind["verdict"] = st.verdict
    times = [r.ts for st in flagged for r in (st.window.items[0], st.window.items[-1]) if st.window.items]
    profile = pool_features([st.last.features for st in flagged if st.last]) if flagged else {}
    return {
        "format": FORMAT,
        "version": VERSION,
        "skeleton_scheme": SCHEME,
        "source": source,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "time_range": [min(times), max(times)] if times else [time.time(), time.time()],
        "profile": {k: round(v, 4) for k, v in profile.items()},
        "indicators": sorted(found.values(), key=lambda i: -i["uses"]),
    }


def parse(doc: Any, where: str = "indicators") -> dict[int, str]:
    """Validate a document and return {skeleton hash: "source/verdict"} for `Detector.load_indicators`."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise UserError(f"{where} is not a stillroom indicators document (format must be {FORMAT!r})")
    if doc.get("version") != VERSION or doc.get("skeleton_scheme") != SCHEME:
        raise UserError(
            f"{where} has version {doc.get('version')!r} / scheme {doc.get('skeleton_scheme')!r}; "
            f"this stillroom reads version {VERSION} / {SCHEME}"
        )
    out: dict[int, str] = {}
    for i, ind in enumerate(doc.get("indicators") or []):
        try:
            h = int(str(ind["hash"]), 16)
        except (KeyError, TypeError, ValueError):
            raise UserError(f"{where}: indicator {i} has no valid hex 'hash'") from None
        if ind.get("kind") != "template-skeleton" or not 0 < h < 2**64:
            raise UserError(f"{where}: indicator {i} must be a template-skeleton with a 64-bit hash")
        out[h] = f"{doc.get('source', '?')}/{ind.get('verdict', '?')}"
    return out


def load(path: str | Path) -> dict[int, str]:
    p = Path(path)
    if not p.is_file():
        raise UserError(f"indicator file not found: {p}")
    try:
        doc = json.loads(p.read_text())
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise UserError(f"{p} is not valid JSON: {e}") from None
    return parse(doc, str(p))


def save(doc: dict[str, Any], path: str | Path) -> None:
    Path(path).write_text(json.dumps(doc, indent=2) + "\n")

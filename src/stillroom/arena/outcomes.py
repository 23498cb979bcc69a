"""What the arena measured: per key, when it was caught and what it got; overall, the headline rates.

Verdicts come from the guard's own audit log (the record a model owner would have), joined with
what each client saw. "Requests to detection" counts a key's requests up to and including the
first one audited with a flagging verdict.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import sqlalchemy as sa

from stillroom.guard.db import audit_table, connect


@dataclass
class KeyOutcome:
    key: str
    family: str
    label: str  # benign | distiller
    requests: int
    first_flag: int | None  # 1-based request index of the first suspect/block verdict
    first_block: int | None  # first 403
    max_score: float
    served_before_flag: int  # answered requests before the first flag (all, if never flagged)
    tokens_before_flag: int
    served_before_block: int
    tokens_before_block: int
    harvested_responses: int  # choices received with status 200
    harvested_tokens: int
    harvested_logprob_tokens: int
    watermarked: int  # answered requests the guard asked to watermark
    final_verdict: str


def audit_by_key(db_url: str, key_ids: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Audit rows per persona key (key_ids maps guard key id -> persona key), in simulated time order."""
    with connect(db_url).connect() as conn:
        rows = (
            conn.execute(sa.select(audit_table).order_by(audit_table.c.ts, audit_table.c.id)).mappings().all()
        )
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r["key_id"] in key_ids:
            out[key_ids[r["key_id"]]].append(dict(r))
    return out


def key_outcome(key: str, records: list[dict], audit: list[dict], flag: tuple[str, ...]) -> KeyOutcome:
    records = sorted(records, key=lambda r: r["ts"])
    first_flag = next((i + 1 for i, a in enumerate(audit) if a["verdict"] in flag), None)
    first_block = next((i + 1 for i, r in enumerate(records) if r["status"] == 403), None)

    def served(upto: int | None) -> tuple[int, int]:
        part = [r for r in records[: (upto - 1 if upto else None)] if r["status"] == 200]
        return len(part), sum(r["completion_tokens"] for r in part)

    ok = [r for r in records if r["status"] == 200]
    (sf, tf), (sb, tb) = served(first_flag), served(first_block)
    return KeyOutcome(
        key=key,
        family=records[0]["family"],
        label=records[0]["label"],
        requests=len(records),
        first_flag=first_flag,
        first_block=first_block,
        max_score=max((a["score"] or 0.0 for a in audit), default=0.0),
        served_before_flag=sf,
        tokens_before_flag=tf,
        served_before_block=sb,
        tokens_before_block=tb,
        harvested_responses=sum(len(r["texts"]) for r in ok),
        harvested_tokens=sum(r["completion_tokens"] for r in ok),
        harvested_logprob_tokens=sum(r["logprobs"] for r in ok),
        watermarked=sum(1 for a in audit if "watermark" in (a["action"] or "") and a["status"] == 200),
        final_verdict=audit[-1]["verdict"] if audit else "ok",
    )


def roc(scores: list[float], labels: list[int]) -> tuple[list[float], list[float], float]:
    """ROC points (FPR, TPR) over every threshold, and the AUC (Mann-Whitney, ties count half)."""
    s, y = np.asarray(scores, float), np.asarray(labels, int)
    pos, neg = s[y == 1], s[y == 0]
    if not len(pos) or not len(neg):
        return [0.0, 1.0], [0.0, 1.0], float("nan")
    thresholds = np.unique(np.concatenate([[np.inf], s]))[::-1]
    fpr = [float((neg >= t).mean()) for t in thresholds]
    tpr = [float((pos >= t).mean()) for t in thresholds]
    auc = float((pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean())
    return fpr, tpr, auc


def summarise(outcomes: list[KeyOutcome], within: int) -> dict[str, Any]:
    dist = [o for o in outcomes if o.label == "distiller"]
    ben = [o for o in outcomes if o.label == "benign"]
    caught = [o for o in dist if o.first_flag is not None and o.first_flag <= within]
    fpr, tpr, auc = roc([o.max_score for o in outcomes], [o.label == "distiller" for o in outcomes])
    per_family: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"keys": 0, "caught": 0, "requests_to_flag": []}
    )
    for o in outcomes:
        f = per_family[o.family]
        f["keys"] += 1
        f["caught"] += int(o.first_flag is not None and (o.label == "benign" or o.first_flag <= within))
        if o.first_flag:
            f["requests_to_flag"].append(o.first_flag)
    return {
        "distiller_keys": len(dist),
        "distillers_caught_within": within,
        "distiller_detection_rate": len(caught) / len(dist) if dist else float("nan"),
        "median_requests_to_detection": statistics.median([o.first_flag for o in caught]) if caught else None,
        "benign_keys": len(ben),
        "benign_flagged_rate": sum(o.first_flag is not None for o in ben) / len(ben) if ben else float("nan"),
        "benign_blocked": sum(o.first_block is not None for o in ben),
        "roc_auc": auc,
        "roc": {"fpr": fpr, "tpr": tpr},
        "per_family": {
            k: {
                **v,
                "median_requests_to_flag": statistics.median(v["requests_to_flag"])
                if v["requests_to_flag"]
                else None,
            }
            for k, v in per_family.items()
        },
        "keys": [asdict(o) for o in outcomes],
    }

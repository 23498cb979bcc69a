"""What the arena measured: per key, when it was caught and what it got; overall, the headline rates.

Verdicts come from the guard's own audit log (the record a model owner would have), joined with
what each client saw. "Requests to detection" counts a key's requests up to and including the
first one audited with a flagging verdict; the record and the counting are the detector's own
(`detector/outcomes.py`), shared with the offline and real-traffic evaluations.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np
import sqlalchemy as sa

from stillroom.contracts.audit import applied
from stillroom.detector.outcomes import CAUGHT, KeyOutcome, by_family, rates, tally
from stillroom.guard.db import audit_table, connect


@dataclass
class ArenaOutcome(KeyOutcome):
    """A key's detection record (`detector/outcomes.py`) from its audited verdicts, plus what the
    guard's policy did (`first_block`: the first 403 the client got, whatever verdict led to it),
    what the key was served before it was flagged and blocked, and what it harvested."""

    flag: tuple[str, ...] = CAUGHT  # the levels that count as caught (ArenaConfig.flag_verdicts)
    first_block: int | None = None  # 1-based request index of the first 403
    served_before_flag: int = 0  # answered requests before the first flag (all, if never flagged)
    tokens_before_flag: int = 0
    served_before_block: int = 0
    tokens_before_block: int = 0
    harvested_responses: int = 0  # choices received with status 200
    harvested_tokens: int = 0
    harvested_logprob_tokens: int = 0
    watermarked: int = 0  # answered requests the guard asked to watermark
    final_verdict: str = "ok"

    @property
    def first_flag(self) -> int | None:
        """1-based request index of the first audited verdict at a `flag` level."""
        return self.flagged_at(self.flag)


# A key's row in summary.json's `outcomes.keys` (read by arena/report.py and bench/arena.py).
ROW_FIELDS = ("requests", "first_flag", "first_block", "max_score", "served_before_flag", "tokens_before_flag",
              "served_before_block", "tokens_before_block", "harvested_responses", "harvested_tokens",
              "harvested_logprob_tokens", "watermarked", "final_verdict")  # fmt: skip


def key_row(o: ArenaOutcome) -> dict[str, Any]:
    return {"key": o.key_id, "family": o.family, "label": o.label} | {f: getattr(o, f) for f in ROW_FIELDS}


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


def key_outcome(
    key: str, records: list[dict], audit: list[dict], flag: tuple[str, ...] = CAUGHT
) -> ArenaOutcome:
    """One key's outcome from what its client saw (`records`) and the guard's audit rows for it."""
    records = sorted(records, key=lambda r: r["ts"])
    o = ArenaOutcome(key, records[0]["family"], records[0]["label"], flag=flag)
    for a in audit:
        o.note(a["verdict"], a["score"] or 0.0)
    o.requests = len(records)  # the client's count: a request the guard never audited still counts
    o.first_block = next((i + 1 for i, r in enumerate(records) if r["status"] == 403), None)
    (o.served_before_flag, o.tokens_before_flag) = _served(records, o.first_flag)
    (o.served_before_block, o.tokens_before_block) = _served(records, o.first_block)
    ok = [r for r in records if r["status"] == 200]
    o.harvested_responses = sum(len(r["texts"]) for r in ok)
    o.harvested_tokens = sum(r["completion_tokens"] for r in ok)
    o.harvested_logprob_tokens = sum(r["logprobs"] for r in ok)
    o.watermarked = sum(1 for a in audit if applied(a["action"], "watermark") and a["status"] == 200)
    o.final_verdict = audit[-1]["verdict"] if audit else "ok"
    return o


def _served(records: list[dict], upto: int | None) -> tuple[int, int]:
    """Answered requests, and their completion tokens, before request `upto` (all, if None)."""
    part = [r for r in records[: (upto - 1 if upto else None)] if r["status"] == 200]
    return len(part), sum(r["completion_tokens"] for r in part)


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


def summarise(outcomes: list[ArenaOutcome], within: int, flag: tuple[str, ...] = CAUGHT) -> dict[str, Any]:
    """The headline rates (a distiller counts as caught only by request `within`), per family, per key."""
    r = rates(outcomes, flag, within)
    nan = float("nan")
    fpr, tpr, auc = roc([o.max_score for o in outcomes], [o.label == "distiller" for o in outcomes])
    return {
        "distiller_keys": r.distiller.keys,
        "distillers_caught_within": within,
        "distiller_detection_rate": nan if r.recall is None else r.recall,
        "median_requests_to_detection": r.distiller.median_to_caught,
        "benign_keys": r.benign.keys,
        "benign_flagged_rate": nan if r.benign_flagged is None else r.benign_flagged,
        "benign_blocked": sum(o.first_block is not None for o in outcomes if o.label == "benign"),
        "roc_auc": auc,
        "roc": {"fpr": fpr, "tpr": tpr},
        "per_family": {f: _family(os_, flag, within) for f, os_ in by_family(outcomes).items()},
        "keys": [key_row(o) for o in outcomes],
    }


def _family(os_: list[ArenaOutcome], flag: tuple[str, ...], within: int) -> dict[str, Any]:
    """Keys and keys caught (distillers: within the limit); median requests to flag over every
    flagged key, late ones included."""
    to_flag = [o.first_flag for o in os_ if o.first_flag]
    return {
        "keys": len(os_),
        "caught": tally(os_, flag, within).caught,
        "requests_to_flag": to_flag,
        "median_requests_to_flag": statistics.median(to_flag) if to_flag else None,
    }

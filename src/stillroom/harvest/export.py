"""Store -> JSONL / Parquet that `datasets.load_dataset("json" | "parquet", data_files=...)` reads as is,
and the cost ledger (tokens, wall time, teacher tokens/s, optional price).

One row per completion. Chat prompts go in `messages`, raw-string prompts in `prompt` (the other is
null), so the columns have one type each. `teacher` and `params` are JSON strings: their keys
differ between backends and would otherwise make the schema differ between files.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from stillroom.errors import UserError
from stillroom.harvest.store import HarvestStore, Record
from stillroom.runs import write_json_atomic

_BATCH = 1000  # rows per Parquet row group


def row(r: Record) -> dict[str, Any]:
    chat = not isinstance(r.prompt, str)
    return {
        "prompt_id": r.prompt_id,
        "sample": r.sample,
        "config_key": r.config_key,
        "messages": r.prompt if chat else None,
        "prompt": None if chat else r.prompt,
        "cell": r.cell,
        "text": r.text,
        "token_ids": r.token_ids,
        "finish_reason": r.finish_reason,
        "logprobs": r.logprobs.tolist() if r.logprobs is not None else None,
        "top_ids": _ragged(r.top_ids, r.top_logprobs),
        "top_logprobs": _ragged(r.top_logprobs, r.top_logprobs),
        "teacher": json.dumps(r.teacher, sort_keys=True),
        "params": json.dumps(r.params, sort_keys=True),
    }


def _ragged(a, logprobs) -> list | None:
    """Rows as the server sent them: padding (logprob -inf, see store.py) dropped, so JSON stays valid."""
    if a is None:
        return None
    return [row[np.isfinite(lp)].tolist() for row, lp in zip(a, logprobs, strict=True)]


def _schema():
    msg = pa.list_(pa.struct([("role", pa.string()), ("content", pa.string())]))
    cell = pa.struct([("domain", pa.string()), ("task", pa.string()), ("difficulty", pa.string())])
    return pa.schema(
        [
            ("prompt_id", pa.string()),
            ("sample", pa.int32()),
            ("config_key", pa.string()),
            ("messages", msg),
            ("prompt", pa.string()),
            ("cell", cell),
            ("text", pa.string()),
            ("token_ids", pa.list_(pa.int32())),
            ("finish_reason", pa.string()),
            ("logprobs", pa.list_(pa.float32())),
            ("top_ids", pa.list_(pa.list_(pa.int32()))),
            ("top_logprobs", pa.list_(pa.list_(pa.float32()))),
            ("teacher", pa.string()),
            ("params", pa.string()),
        ]
    )


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for r in rows:
        batch.append(r)
        if len(batch) == _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def export(store: HarvestStore, out: str | Path, key: str | None = None) -> int:
    """Write every completion (of config `key`, or all) to `out` (.jsonl or .parquet), atomically."""
    out = Path(out)
    if out.suffix not in (".jsonl", ".parquet"):
        raise UserError(f"export to .jsonl or .parquet, not {out.name}")
    tmp = out.with_name(out.name + ".tmp")
    rows = (row(r) for r in store.records(key))
    n = _write_parquet(rows, tmp) if out.suffix == ".parquet" else _write_jsonl(rows, tmp)
    os.replace(tmp, out)
    return n


def _write_jsonl(rows: Iterator[dict[str, Any]], path: Path) -> int:
    n = 0
    with open(path, "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
            n += 1
    return n


def _write_parquet(rows: Iterator[dict[str, Any]], path: Path) -> int:
    schema, n = _schema(), 0
    with pq.ParquetWriter(path, schema) as w:
        for batch in _batches(rows):
            w.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def ledger(store: HarvestStore, price_per_1m: float | None = None) -> dict[str, Any]:
    """Per harvest config and in total: tokens, wall time, teacher tokens/s and (with a price) cost."""
    configs = []
    for c in store.configs():
        pt, ct, wall = c["prompt_tokens"] or 0, c["completion_tokens"] or 0, c["latency_s"] or 0.0
        configs.append(
            {
                "config_key": c["config_key"],
                "teacher": c["teacher"].get("spec"),
                "model": c["teacher"].get("model"),
                "completions": c["completions"],
                "prompt_tokens": pt,
                "completion_tokens": ct,
                "wall_s": wall,
                "tokens_per_s": ct / wall if wall else None,
                "cost": (pt + ct) / 1e6 * price_per_1m if price_per_1m is not None else None,
            }
        )
    keys = ("completions", "prompt_tokens", "completion_tokens", "wall_s")
    total: dict[str, Any] = {k: sum(c[k] for c in configs) for k in keys}
    total["tokens_per_s"] = total["completion_tokens"] / total["wall_s"] if total["wall_s"] else None
    total["cost"] = sum(c["cost"] for c in configs) if price_per_1m is not None else None
    return {"store": str(store.path), "price_per_1m": price_per_1m, "configs": configs, "total": total}


def ledger_path(store_path: str | Path) -> Path:
    p = Path(store_path)
    return p.with_name(p.name + ".ledger.json")


def write_ledger(store: HarvestStore, price_per_1m: float | None = None) -> dict[str, Any]:
    data = ledger(store, price_per_1m)
    write_json_atomic(ledger_path(store.path), data)
    return data

"""The harvest store: SQLite, append-only, the single source of training data.

One row per (prompt, sample, harvest config). A *harvest config* is the teacher identity plus the
generation settings, hashed into `config_key`, so harvesting the same prompts with other settings
adds rows beside the old ones instead of overwriting them. Completions are written in the same
transaction as nothing else, with a UNIQUE constraint: a rerun after a crash can only fill gaps.

Token arrays are stored as little-endian numpy blobs (int32 ids, float32 logprobs): a 256-token
answer with top-20 logprobs is ~40 KB instead of ~150 KB of JSON. Top-k arrays are [T, k] with k the
k asked for (or the longest row, if longer): a server that returned fewer alternatives at a step (llama-cpp-python merges equal
strings) gets that row padded with id -1 and logprob -inf (no token, no mass). An id of -1 with a
finite logprob is an alternative the teacher tokenizer could not identify; training puts its mass in
the tail bucket. Token ids of -1 are chosen tokens without an id (harvested without a tokenizer).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from stillroom import migrations
from stillroom.contracts.prompts import PromptRow
from stillroom.errors import UserError
from stillroom.teachers.base import Completion, Prompt

# Numbered migrations (stillroom.migrations): (version, name, SQL script). Append, never edit.
MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "prompts, completions, training use",
        """
    CREATE TABLE prompts (
        id TEXT PRIMARY KEY,
        prompt TEXT NOT NULL,          -- JSON: chat messages, or a raw string
        cell TEXT,                     -- JSON: {"domain", "task", "difficulty"} or null
        added_at REAL NOT NULL
    );
    CREATE TABLE completions (
        id INTEGER PRIMARY KEY,
        prompt_id TEXT NOT NULL REFERENCES prompts(id),
        sample INTEGER NOT NULL,
        config_key TEXT NOT NULL,
        teacher TEXT NOT NULL,         -- JSON: teacher.info()
        params TEXT NOT NULL,          -- JSON: GenParams
        text TEXT NOT NULL,
        finish_reason TEXT NOT NULL,
        prompt_tokens INTEGER NOT NULL,
        completion_tokens INTEGER NOT NULL,
        latency_s REAL NOT NULL,
        token_ids BLOB NOT NULL,
        logprobs BLOB,
        top_k INTEGER NOT NULL DEFAULT 0,
        top_ids BLOB,
        top_logprobs BLOB,
        created_at REAL NOT NULL,
        UNIQUE (prompt_id, sample, config_key)
    );
    CREATE INDEX completions_config ON completions(config_key);
    CREATE TABLE training_use (
        prompt_id TEXT NOT NULL,
        run TEXT NOT NULL,
        used_at REAL NOT NULL,
        PRIMARY KEY (prompt_id, run)
    );
    """,
    ),
]


@dataclass
class Record:
    """One harvested completion with its prompt, as distill and eval consume it."""

    prompt_id: str
    prompt: Prompt
    cell: dict[str, str] | None
    sample: int
    config_key: str
    text: str
    token_ids: list[int]
    finish_reason: str
    logprobs: np.ndarray | None  # [T] float32
    top_ids: np.ndarray | None  # [T, k] int32
    top_logprobs: np.ndarray | None  # [T, k] float32
    params: dict[str, Any]
    teacher: dict[str, Any]


def config_key(teacher_info: dict[str, Any], params: dict[str, Any]) -> str:
    """Teacher identity + settings. The tokenizer that maps a served teacher's tokens joins the key
    only when set (by its vocabulary's fingerprint, so `hf:default` and the same folder agree), and
    keys of stores harvested before it existed stay the same."""
    ident = {k: teacher_info.get(k) for k in ("backend", "spec", "fingerprint", "model")}
    if teacher_info.get("tokenizer"):
        ident["tokenizer"] = teacher_info["tokenizer"].get("fingerprint")
    blob = json.dumps({"teacher": ident, "params": params}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _blob(a: list | None, dtype: str) -> bytes | None:
    return None if a is None else np.asarray(a, dtype=dtype).tobytes()


def _rows(rows: list[list] | None, k: int, fill: float, dtype: str) -> bytes | None:
    """[T][<= k] -> a [T, k] blob, short rows padded with `fill` (see the module docstring)."""
    if rows is None:
        return None
    a = np.full((len(rows), k), fill, dtype=dtype)
    for t, r in enumerate(rows):
        a[t, : len(r)] = r[:k]
    return a.tobytes()


def _arr(b: bytes | None, dtype: str, k: int = 0) -> np.ndarray | None:
    if b is None:
        return None
    a = np.frombuffer(b, dtype=dtype)
    return a.reshape(-1, k) if k else a


class HarvestStore:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        if self.path.parent and not self.path.parent.exists():
            raise UserError(f"folder for the harvest store does not exist: {self.path.parent}")
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable across process crashes
        self._migrate()

    def _migrate(self) -> None:
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at REAL)"
        )
        done = {v for (v,) in self.db.execute("SELECT version FROM schema_migrations")}
        migrations.migrate(MIGRATIONS, done, self._apply)

    def _apply(self, version: int, name: str, sql: str) -> None:
        """One script and its record in one transaction (executescript would commit on its own)."""
        with self.db:
            self.db.executescript(
                f"BEGIN; {sql}; INSERT INTO schema_migrations VALUES ({version}, {time.time()}); COMMIT;"
            )

    def close(self) -> None:
        self.db.close()

    # --- prompts -------------------------------------------------------------------------
    def add_prompts(self, rows: Iterable[PromptRow | dict[str, Any]]) -> int:
        """Insert prompt-set rows (dicts are validated as `PromptRow`s); existing ids are kept as they are."""
        now = time.time()
        rows = [r if isinstance(r, PromptRow) else PromptRow.model_validate(r) for r in rows]
        data = [
            (r.id, json.dumps(r.teacher_prompt()), json.dumps(r.cell.as_dict() if r.cell else None), now)
            for r in rows
        ]
        with self.db:
            cur = self.db.executemany("INSERT OR IGNORE INTO prompts VALUES (?, ?, ?, ?)", data)
        return cur.rowcount

    def prompts(self, ids: Iterable[str] | None = None) -> list[tuple[str, Prompt, dict | None]]:
        rows = self.db.execute("SELECT id, prompt, cell FROM prompts ORDER BY rowid").fetchall()
        wanted = set(ids) if ids is not None else None
        return [(i, json.loads(p), json.loads(c)) for i, p, c in rows if wanted is None or i in wanted]

    def pending(self, key: str, n: int) -> list[str]:
        """Prompt ids that do not yet have all `n` samples under harvest config `key`."""
        rows = self.db.execute(
            "SELECT p.id FROM prompts p LEFT JOIN completions c ON c.prompt_id = p.id AND c.config_key = ? "
            "GROUP BY p.id HAVING COUNT(c.id) < ? ORDER BY p.rowid",
            (key, n),
        ).fetchall()
        return [r[0] for r in rows]

    # --- completions ---------------------------------------------------------------------
    def add_completions(
        self, key: str, teacher_info: dict, params: dict, items: Iterable[tuple[str, Completion, float]]
    ) -> int:
        """Append (prompt_id, completion, latency_s) rows in one transaction; duplicates are ignored."""
        now = time.time()
        rows = []
        for pid, c, latency in items:
            k = (
                max([len(r) for r in c.top_ids or []] + [int(params.get("top_logprobs") or 0)])
                if c.top_ids
                else 0
            )
            rows.append(
                (
                    pid,
                    c.sample,
                    key,
                    json.dumps(teacher_info),
                    json.dumps(params),
                    c.text,
                    c.finish_reason,
                    c.prompt_tokens,
                    c.completion_tokens,
                    latency,
                    _blob(c.token_ids, "<i4"),
                    _blob(c.logprobs, "<f4"),
                    k,
                    _rows(c.top_ids, k, -1, "<i4") if k else None,
                    _rows(c.top_logprobs, k, -np.inf, "<f4") if k else None,
                    now,
                )
            )
        with self.db:
            cur = self.db.executemany(
                "INSERT OR IGNORE INTO completions (prompt_id, sample, config_key, teacher, params, text, finish_reason, "
                "prompt_tokens, completion_tokens, latency_s, token_ids, logprobs, top_k, top_ids, top_logprobs, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        return cur.rowcount

    def count(self) -> int:
        """Completions stored, under every harvest config."""
        return self.db.execute("SELECT COUNT(*) FROM completions").fetchone()[0]

    def configs(self) -> list[dict[str, Any]]:
        """One row per harvest config: key, teacher, params, count, token totals."""
        rows = self.db.execute(
            "SELECT config_key, teacher, params, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens), SUM(latency_s), "
            "MAX(top_k) FROM completions GROUP BY config_key ORDER BY MIN(id)"
        ).fetchall()
        return [
            {
                "config_key": k,
                "teacher": json.loads(t),
                "params": json.loads(p),
                "completions": n,
                "prompt_tokens": pt,
                "completion_tokens": ct,
                "latency_s": lat,
                "top_k": tk,
            }
            for k, t, p, n, pt, ct, lat, tk in rows
        ]

    def pick_key(self, key: str | None) -> str:
        """The harvest config a reader uses (distill and eval alike): `key` if given, else the only one.

        With several configs and no key the choice is the user's: taking "the largest" would
        silently mix teachers or settings between training and evaluation.
        """
        keys = [c["config_key"] for c in self.configs()]
        if not keys:
            raise UserError(f"harvest store {self.path} has no completions: run `stillroom harvest` first")
        if key is None and len(keys) > 1:
            raise UserError(
                f"harvest store {self.path} holds {len(keys)} harvest configs ({', '.join(keys)}): "
                "choose one with --key (eval) or harvest_key (distill)"
            )
        if key is not None and key not in keys:
            raise UserError(f"harvest config {key} is not in {self.path} (it has {', '.join(keys)})")
        return key or keys[0]

    def config(self, key: str) -> dict[str, Any]:
        """The `configs()` row of one harvest config."""
        return next(c for c in self.configs() if c["config_key"] == key)

    def records(self, key: str | None = None, prompt_ids: Iterable[str] | None = None) -> Iterator[Record]:
        """Completions joined with their prompts, in insertion order; `key` picks one harvest config."""
        sql = (
            "SELECT c.prompt_id, p.prompt, p.cell, c.sample, c.config_key, c.text, c.token_ids, c.finish_reason, "
            "c.logprobs, c.top_k, c.top_ids, c.top_logprobs, c.params, c.teacher "
            "FROM completions c JOIN prompts p ON p.id = c.prompt_id"
        )
        args: tuple = ()
        if key is not None:
            sql += " WHERE c.config_key = ?"
            args = (key,)
        wanted = set(prompt_ids) if prompt_ids is not None else None
        for r in self.db.execute(sql + " ORDER BY c.id", args):
            if wanted is not None and r[0] not in wanted:
                continue
            k = r[9]
            yield Record(
                prompt_id=r[0],
                prompt=json.loads(r[1]),
                cell=json.loads(r[2]),
                sample=r[3],
                config_key=r[4],
                text=r[5],
                token_ids=_arr(r[6], "<i4").tolist(),
                finish_reason=r[7],
                logprobs=_arr(r[8], "<f4"),
                top_ids=_arr(r[10], "<i4", k) if k else None,
                top_logprobs=_arr(r[11], "<f4", k) if k else None,
                params=json.loads(r[12]),
                teacher=json.loads(r[13]),
            )

    def mapping(self, key: str | None = None) -> dict[str, int]:
        """How many top-k alternatives and chosen tokens have a teacher token id (-1: unmapped)."""
        out = {"top_total": 0, "top_mapped": 0, "tokens": 0, "tokens_mapped": 0, "completions": 0}
        for r in self.records(key):
            out["completions"] += 1
            ids = np.asarray(r.token_ids)
            out["tokens"] += ids.size
            out["tokens_mapped"] += int((ids >= 0).sum())
            if r.top_ids is not None:
                present = np.isfinite(r.top_logprobs)
                out["top_total"] += int(present.sum())
                out["top_mapped"] += int((present & (r.top_ids >= 0)).sum())
        return out

    # --- which prompts trained which run (so eval can hold the rest out) -----------------
    def mark_used(self, prompt_ids: Iterable[str], run: str) -> None:
        now = time.time()
        with self.db:
            self.db.executemany(
                "INSERT OR IGNORE INTO training_use VALUES (?, ?, ?)", [(p, run, now) for p in prompt_ids]
            )

    def used_prompt_ids(self, run: str | None = None) -> set[str]:
        if run is None:
            return {r[0] for r in self.db.execute("SELECT prompt_id FROM training_use")}
        return {r[0] for r in self.db.execute("SELECT prompt_id FROM training_use WHERE run = ?", (run,))}

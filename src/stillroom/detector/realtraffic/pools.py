"""The real prompt data in a traffic folder (../shared/traffic) as rows, and the TUNE/VAL source split.

A `Row` is one source conversation: its user turns, the stored assistant reply after each (None
where the data has none), and the source's extra fields. `Pools` hands rows of one split to the
personas: `take` draws rows no other persona of the suite has taken (so two actors never share a
prompt by accident; when a source runs dry it starts over and counts the reuse), `sample` draws
with replacement for personas whose requests embed an item in their own text.
"""

from __future__ import annotations

import gzip
import json
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stillroom.errors import UserError

# The source split shared with the provenance work (notes/TEAM.md): learned or tuned parts see TUNE
# only; the VAL suite tells whether they generalise. oasst2's timing (not its prompts) is used by both.
SPLIT: dict[str, dict[str, tuple[str, ...]]] = {
    "tune": {
        "distiller": (
            "codealpaca_2k",
            "belle_dev1k",
            "sharegpt_en_sample",
            "orca_dpo_pairs_val",
            "moss_sft_sample",
        ),
        "chat": ("arena_even", "hh_rlhf_harmless_test"),
        "eval": (
            "mmlu_val_zeroshot",
            "bbh",
            "humaneval",
            "ifeval_multilingual",
            "arena_hard_v01",
            "xstest",
            "belle_eval_zh",
        ),
    },
    "val": {
        "distiller": ("lima", "huatuo_med_zh", "instructionwild", "sharegpt_zh_1k", "evol_instruct_h2o"),
        "chat": ("oasst2_threads", "nq_open_dev"),
        "eval": (
            "agieval_v1",
            "mbpp",
            "truthfulqa",
            "mt_bench",
            "koala_test",
            "alpaca_eval_subset",
            "ultrachat_eval",
        ),
    },
}
SPLITS = tuple(SPLIT)
TIMING_SOURCE = "oasst2_threads"


@dataclass(frozen=True)
class Row:
    id: str
    file: str  # the source file's name without .jsonl.gz: the name SPLIT uses
    turns: tuple[str, ...]  # the user turns, in order
    replies: tuple[str | None, ...]  # the stored assistant reply after each user turn, None if absent
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def first(self) -> str:
        return self.turns[0]

    @property
    def answer(self) -> str | None:
        return self.replies[0]


def parse_row(d: dict[str, Any], file: str) -> Row:
    """Turns from the messages; two user turns in a row (as in a few hh-rlhf rows) leave a None reply."""
    turns: list[str] = []
    replies: list[str | None] = []
    for m in d.get("messages") or []:
        if m.get("role") == "user":
            turns.append(str(m.get("content") or ""))
            replies.append(None)
        elif m.get("role") == "assistant" and turns and replies[-1] is None:
            replies[-1] = str(m.get("content") or "") or None
    extra = {k: v for k, v in d.items() if k not in ("id", "messages")}
    return Row(str(d["id"]), file, tuple(turns), tuple(replies), extra)


def read_source(folder: Path, name: str) -> list[Row]:
    path = folder / f"{name}.jsonl.gz"
    if not path.is_file():
        raise UserError(f"traffic source {name!r} not found: {path}")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [parse_row(json.loads(line), name) for line in fh if line.strip()]
    return [r for r in rows if r.turns and r.first.strip()]


class Pools:
    """One suite's view of the traffic folder: sources of its split only, rows handed out by `take`."""

    def __init__(self, folder: str | Path, split: str):
        if split not in SPLIT:
            raise UserError(f"split must be one of {', '.join(SPLITS)}, not {split!r}")
        self.folder, self.split = Path(folder), split
        if not self.folder.is_dir():
            raise UserError(f"traffic folder not found: {self.folder}")
        self.allowed = {s for group in SPLIT[split].values() for s in group} | {TIMING_SOURCE}
        self._rows: dict[str, list[Row]] = {}
        self._order: dict[str, list[int]] = {}
        self._again: Counter[str] = Counter()  # position in a source's order when handing rows out again
        self.taken: set[tuple[str, str]] = set()
        self.reused: Counter[str] = Counter()  # source -> rows handed out a second time

    def rows(self, source: str) -> list[Row]:
        if source not in self.allowed:
            raise UserError(f"source {source!r} is not in the {self.split} split")
        if source not in self._rows:
            self._rows[source] = read_source(self.folder, source)
            order = list(range(len(self._rows[source])))
            random.Random(f"pool:{self.split}:{source}").shuffle(order)
            self._order[source] = order
        return self._rows[source]

    def take(self, sources: str | tuple[str, ...], n: int, keep: Any = None) -> list[Row]:
        """n rows nobody in this suite has taken yet, from the sources in turn (first has priority);
        `keep(row)` filters. When all are used up, rows are handed out again and `reused` counts it."""
        names = (sources,) if isinstance(sources, str) else sources
        out: list[Row] = []
        for name in names:
            out += self._scan(name, n - len(out), keep, fresh=True)
        for name in names:
            if len(out) >= n:
                break
            got = self._scan(name, n - len(out), keep, fresh=False)
            self.reused[name] += len(got)
            out += got
        return out

    def claim(self, rows: list[Row]) -> None:
        """Mark rows a persona picked by itself (real users by id) as taken."""
        self.taken.update((r.file, r.id) for r in rows)

    def _scan(self, name: str, n: int, keep: Any, fresh: bool) -> list[Row]:
        """Fresh: the untaken rows in the source's shuffled order. Again: cycle through all."""
        rows, order, out = self.rows(name), self._order[name], []
        if fresh:
            for i in order:
                if len(out) >= n:
                    break
                row = rows[i]
                if (name, row.id) not in self.taken and (keep is None or keep(row)):
                    out.append(row)
                    self.taken.add((name, row.id))
            return out
        for _ in range(len(order)):
            if len(out) >= n:
                break
            row = rows[order[self._again[name] % len(order)]]
            self._again[name] += 1
            if keep is None or keep(row):
                out.append(row)
        return out

    def sample(
        self, rng: random.Random, sources: str | tuple[str, ...], n: int, keep: Any = None
    ) -> list[Row]:
        """n rows drawn with replacement (for personas that embed items in their own text)."""
        names = (sources,) if isinstance(sources, str) else sources
        rows = [r for name in names for r in self.rows(name) if keep is None or keep(r)]
        return [rng.choice(rows) for _ in range(n)]

    def all(self, source: str, keep: Any = None) -> list[Row]:
        """Every row of a source in file order (evaluation suites are run whole)."""
        return [r for r in self.rows(source) if keep is None or keep(r)]

"""Prompt rows and template expansion: every cell of the taxonomy gets N filled-in templates.

Each cell draws from its own RNG seeded by (seed, cell), so adding a domain or changing N for
one run never reshuffles the prompts of the other cells: reruns and extensions stay comparable.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stillroom.queries.taxonomy import Cell, Taxonomy, slot_names

SOURCES = ("template", "self-instruct", "magpie", "skills")


@dataclass(frozen=True)
class PromptRow:
    text: str
    cell: Cell
    source: str  # one of SOURCES

    @property
    def id(self) -> str:
        """A hash of the content, so the same prompt keeps its id across reruns and sources."""
        return hashlib.sha256(self.text.encode()).hexdigest()[:16]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "messages": [{"role": "user", "content": self.text}],
            "cell": self.cell.as_dict(),
            "source": self.source,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> PromptRow:
        return cls(d["messages"][-1]["content"], Cell(**d["cell"]), d["source"])


def render(template: str, fillers: dict[str, list[str]], suffix: str, rng: random.Random) -> str:
    """Fill each slot with a random filler; the difficulty suffix goes after a passage, not inside it."""
    values = {name: rng.choice(fillers[name]) for name in sorted(slot_names(template))}
    body = template.format_map(values).strip()
    if not suffix:
        return body
    return body + ("\n\n" if "\n" in body else " ") + suffix


def expand_cell(tax: Taxonomy, cell: Cell, n: int, seed: int = 0) -> list[PromptRow]:
    """Up to `n` distinct prompts for one cell (fewer only if the cell cannot make that many)."""
    rng = random.Random(f"{seed}:{cell}")
    templates, fillers, suffixes = tax.usable_templates(cell), tax.fillers(cell), tax.suffixes(cell)
    seen: dict[str, None] = {}
    for _ in range(20 * n):
        if len(seen) >= n:
            break
        seen.setdefault(render(rng.choice(templates), fillers, rng.choice(suffixes), rng))
    return [PromptRow(text, cell, "template") for text in seen]


def expand_templates(tax: Taxonomy, per_cell: int, seed: int = 0) -> list[PromptRow]:
    return [row for cell in tax.cells() for row in expand_cell(tax, cell, per_cell, seed)]


def write_jsonl(rows: list[PromptRow], path: str | Path) -> None:
    """Write via a temp file and rename, so a reader (or a crash) never sees half a prompt set."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w") as f:
        for row in rows:
            f.write(json.dumps(row.to_json(), ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def read_jsonl(path: str | Path) -> list[PromptRow]:
    with open(path) as f:
        return [PromptRow.from_json(json.loads(line)) for line in f if line.strip()]

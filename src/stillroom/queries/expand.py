"""Template expansion: every cell of the taxonomy gets N filled-in templates.

Each cell draws from its own RNG seeded by (seed, cell), so adding a domain or changing N for
one run never reshuffles the prompts of the other cells: reruns and extensions stay comparable.
"""

from __future__ import annotations

import random

from stillroom.contracts.prompts import Cell, PromptRow
from stillroom.queries.taxonomy import Taxonomy, slot_names

SOURCES = ("template", "self-instruct", "magpie", "skills")


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
    return [PromptRow.of(text, cell, "template") for text in seen]


def expand_templates(tax: Taxonomy, per_cell: int, seed: int = 0) -> list[PromptRow]:
    return [row for cell in tax.cells() for row in expand_cell(tax, cell, per_cell, seed)]

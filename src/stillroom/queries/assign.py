"""Place a free-form prompt (a Magpie question) into the nearest taxonomy cell by keyword overlap.

Each domain and each task type becomes a bag of words (its name, description, fillers or template
text). A word's weight is its inverse document frequency across the bags, so "the" or "explain"
counts for nothing when choosing a domain while "enzyme" counts a lot; squaring it lets one
telling word beat several common ones. Difficulty cannot be read
off keywords honestly, so it stays `unassigned`, as does any axis with no overlapping word.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from stillroom.contracts.prompts import Cell
from stillroom.queries.taxonomy import UNASSIGNED, Taxonomy, slot_names

_STOP_WORDS = """a about after all also an and any are as at be because been before being between both but by can could
did do does doing each for from had has have how i if in into is it its just like make may me more most my no not of on
one only or other our out over same should so some such than that the their them then there these they this those to
too under up very was we were what when where which while who why will with would you your simple main term way
thing use using new get well much many need"""
_STOP = frozenset(_STOP_WORDS.split())


def words(text: str) -> set[str]:
    """Lower-case content words cut to their first five letters: a crude stemmer that lets 'summary'
    meet 'summarize', 'medical' meet 'medicine' and 'enzymes' meet 'enzyme'."""
    return {w[:5] for w in re.findall(r"[a-z][a-z0-9]+", text.lower()) if w not in _STOP}


@dataclass
class _Axis:
    names: list[str]
    weights: list[dict[str, float]]  # per name: word -> idf weight

    @classmethod
    def build(cls, bags: dict[str, set[str]]) -> _Axis:
        df = Counter(w for bag in bags.values() for w in bag)
        n = len(bags)
        # idf squared: a word unique to one bag outweighs several words that half the bags share;
        # the name's own words ("summarize", "cooking") count double.
        return cls(
            list(bags),
            [
                {w: math.log(n / df[w]) ** 2 * (2 if w in words(name) else 1) for w in bag if df[w] < n}
                for name, bag in bags.items()
            ],
        )

    def nearest(self, text_words: set[str]) -> str:
        """The best-scoring name; a tie or no overlap at all is `unassigned`, not a guess."""
        scores = sorted(
            (
                (sum(wt.get(w, 0.0) for w in text_words), name)
                for name, wt in zip(self.names, self.weights, strict=True)
            ),
            reverse=True,
        )
        (top, name), runner_up = scores[0], scores[1][0] if len(scores) > 1 else 0.0
        return name if top > 0 and top > runner_up else UNASSIGNED


@dataclass
class CellIndex:
    domains: _Axis
    tasks: _Axis

    @classmethod
    def build(cls, tax: Taxonomy) -> CellIndex:
        domains = {d.name: words(" ".join([d.name, d.description, *_flat(d.slots)])) for d in tax.domains}
        tasks = {
            t.name: words(" ".join([t.name, t.description, *(_literal(x) for x in t.templates)]))
            for t in tax.tasks
        }
        return cls(_Axis.build(domains), _Axis.build(tasks))

    def assign(self, text: str) -> Cell:
        w = words(text)
        return Cell(self.domains.nearest(w), self.tasks.nearest(w), UNASSIGNED)


def _flat(slots: dict) -> list[str]:
    out: list[str] = []
    for fill in slots.values():
        out += [x for lst in fill.values() for x in lst] if isinstance(fill, dict) else fill
    return out


def _literal(template: str) -> str:
    """Template text without its slot names, which say nothing about what a user asks."""
    for name in slot_names(template):
        template = template.replace("{" + name + "}", " ")
    return template

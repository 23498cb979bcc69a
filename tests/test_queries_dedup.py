"""MinHash against exact Jaccard, LSH banding, dedup of planted near-duplicates, coverage counts."""

from __future__ import annotations

import random

import numpy as np
import pytest

from stillroom.contracts.prompts import Cell, PromptRow
from stillroom.queries.coverage import coverage, coverage_table
from stillroom.queries.dedup import (
    MinHasher,
    dedup,
    estimate_jaccard,
    jaccard,
    lsh_params,
    normalize,
    shingles,
)
from stillroom.queries.expand import expand_templates
from stillroom.queries.taxonomy import load_taxonomy

BASE = (
    "Explain how enzymes lower the activation energy of a reaction, and give one example from human digestion "
    "that a first-year student would recognise."
)


def test_normalize_and_shingles():
    assert normalize("  Héllo,\tWORLD!! ") == normalize("héllo world")
    assert shingles("abc", "char", 5) == {"abc"}
    assert shingles("one two three four", "word", 2) == {"one two", "two three", "three four"}


@pytest.mark.parametrize("kind, n", [("char", 5), ("word", 2)])
def test_minhash_estimates_jaccard(kind, n):
    rng = random.Random(0)
    words = BASE.split()
    hasher = MinHasher(num_perm=256, seed=1)
    errors = []
    for _ in range(30):
        edited = list(words)
        for _ in range(rng.randint(0, 12)):
            edited[rng.randrange(len(edited))] = rng.choice(["zinc", "lipid", "quartz", "tundra", "sonnet"])
        a, b = shingles(BASE, kind, n), shingles(" ".join(edited), kind, n)
        errors.append(estimate_jaccard(hasher.signature(a), hasher.signature(b)) - jaccard(a, b))
    # std of the estimator is sqrt(J(1-J)/k) <= 0.031 at k=256
    assert abs(np.mean(errors)) < 0.02 and np.max(np.abs(errors)) < 0.12


def test_identical_and_disjoint_signatures():
    h = MinHasher(64)
    a = shingles(BASE)
    assert estimate_jaccard(h.signature(a), h.signature(set(a))) == 1.0
    assert estimate_jaccard(h.signature({"aaaaa"}), h.signature({"zzzzz"})) < 0.1


def test_lsh_params_put_the_knee_near_the_threshold():
    for t in (0.5, 0.7, 0.9):
        bands, rows = lsh_params(t, 128)
        assert bands * rows <= 128
        assert abs((1 / bands) ** (1 / rows) - t) < 0.12  # the S-curve's inflection


def test_dedup_removes_planted_near_duplicates_and_keeps_distinct():
    distinct = [r.text for r in expand_templates(load_taxonomy(), 1, seed=3)[:200:7]]
    planted = [
        BASE,
        BASE.upper() + "  ",
        BASE.replace("first-year", "second-year"),
        BASE.replace("human digestion", "human digestion, briefly"),
    ]
    texts = [BASE, *distinct, *planted[1:]]
    keep, stats = dedup(texts, threshold=0.8)
    assert keep == list(range(1 + len(distinct)))  # first copy and every distinct prompt kept, in order
    assert (stats.exact, stats.near, stats.kept) == (1, 2, len(keep))


def test_dedup_threshold_is_respected():
    a = "Translate into French: the cat sat on the mat near the door"
    b = "Translate into French: the dog sat on the mat near the window"
    j = jaccard(shingles(a), shingles(b))
    assert dedup([a, b], threshold=j - 0.05)[0] == [0]
    assert dedup([a, b], threshold=j + 0.05)[0] == [0, 1]


def test_coverage_counts():
    tax = load_taxonomy()
    rows = [
        PromptRow.of("a b c", Cell("chemistry", "explain", "easy"), "template"),
        PromptRow.of("d e f", Cell("chemistry", "explain", "easy"), "self-instruct"),
        PromptRow.of("g h i", Cell("physics", "quiz", "hard"), "template"),
        PromptRow.of("j k l", Cell("physics", "unassigned", "unassigned"), "magpie"),
    ]
    cov = coverage(rows, tax)
    counts = {(c["domain"], c["task"], c["difficulty"]): c for c in cov["counts"]}
    assert counts[("chemistry", "explain", "easy")]["count"] == 2
    assert counts[("chemistry", "explain", "easy")]["by_source"] == {"template": 1, "self-instruct": 1}
    assert counts[("physics", "quiz", "hard")]["count"] == 1
    assert cov["total"] == 4 and cov["filled"] == 2 and len(cov["empty"]) == len(tax.cells()) - 2
    assert "physics/quiz/easy" in cov["empty"]
    assert cov["unassigned"] == {"physics/unassigned/unassigned": 1}
    assert cov["by_source"] == {"template": 2, "self-instruct": 1, "magpie": 1}
    assert coverage_table(cov, tax).row_count == len(tax.tasks)

"""Blind round 28 (content from outside the development data): a shop writing product copy from its
own catalogue through one wrapper with several slots (a language, a tone, then the product's
fields as JSON) had the wrapper's own instruction read as an instruction-set item on most requests
(87%) and reached suspect: the previous prompt differs at the first slot, so `content.slot` left
nearly the whole prompt. The lines a key's recent prompts share are its wrapper
(`content.without_common_lines`); a prompt none of whose lines is new asks nothing new."""

from __future__ import annotations

import json
import random

from stillroom.detector import Detector, DetectorConfig
from stillroom.detector.content import line_hashes, without_common_lines
from stillroom.detector.persist import load, save
from stillroom.detector.types import TrafficEvent
from test_detector_verdicts import ev, rows, run

WRAPPER = (
    "Write the product description for our {lang} shop page.\nStructure: a one-line hook, one short "
    "paragraph (40-70 words), then 3-5 bullet points with the key features. Tone: {tone}.\n\nProduct data:\n{data}"
)
LANGS = ("English", "Dutch", "German")
TONES = ("calm and cosy", "practical", "light and cheerful", "understated, design-focused")
KINDS = {
    "lighting": (("table lamp", "floor lamp", "pendant"), ("linen shade", "dimmable", "E27 bulb included")),
    "kitchen": (
        ("chopping board", "bread bin", "spice rack"),
        ("dishwasher safe", "oiled finish", "set of 3"),
    ),
    "storage": (
        ("coat rack", "shoe bench", "wall shelf"),
        ("adjustable shelves", "wall-mounted", "soft-close"),
    ),
    "textiles": (
        ("throw", "cushion cover", "table runner"),
        ("organic cotton", "machine washable", "hand-woven"),
    ),
}
WOODS = ("oak", "walnut", "ash", "birch", "bamboo")


def _product(rng: random.Random, i: int) -> dict:
    kind = rng.choice(sorted(KINDS))
    items, features = KINDS[kind]
    return {
        "sku": f"NV-{kind[:3].upper()}-{10000 + 7 * i}",
        "name": f"{rng.choice(('Vinter', 'Kollo', 'Nordvik Studio'))} {rng.choice(items)}",
        "category": kind,
        "material": rng.choice(WOODS),
        "dimensions_cm": f"{rng.randrange(10, 180, 5)} x {rng.randrange(5, 120, 5)}",
        "features": rng.sample(features, 2),
        "price_eur": round(rng.uniform(9, 480), 2),
    }


def _catalogue_events(n_products: int) -> list[TrafficEvent]:
    """Each product's copy in three languages, consecutively (one worker), its tone fixed."""
    rng = random.Random(28)
    out = []
    for i in range(n_products):
        p, tone = _product(rng, i), rng.choice(TONES)
        for lang in LANGS:
            text = WRAPPER.format(lang=lang, tone=tone, data=json.dumps(p, indent=2))
            out.append(ev("shop", len(out), text, params={"temperature": 0.7, "max_tokens": 500}))
    return out


def test_a_multi_slot_wrapper_over_own_records_is_not_read_as_items(tmp_path) -> None:
    """Before: most classified requests read as instruction-set items (the wrapper's own words)
    and the key reached suspect."""
    det = run(_catalogue_events(160))
    w, a = det.keys["shop"].window, det.keys["shop"].last
    assert a.verdict in ("ok", "watch"), a.reasons  # before: suspect 0.98
    assert w.counts["c.sampled"] >= 40
    assert w.counts["c.instruction"] < 0.3 * w.counts["c.sampled"]  # before: 51 of 52
    # the lines it learnt survive a restart, so a restored key does not read its wrapper afresh
    save(det, tmp_path / "state")
    restored = load(tmp_path / "state", DetectorConfig(seed=0)).keys["shop"].window
    assert restored.line_counts == w.line_counts and list(restored.recent_lines) == list(w.recent_lines)


def test_dataset_items_inside_a_multi_line_wrapper_are_still_items() -> None:
    """A fixed multi-line wrapper (its lines recur) around instruction-set items (their lines do
    not): the items are what is judged, and the key is caught as before."""
    wrap = (
        "You are generating training data for an assistant.\nAnswer the task below carefully.\n\n"
        "### Task\n{x}\n\n### Answer format\nA complete, well-structured answer.\n"
    )
    det = run([ev("k", i, wrap.format(x=x)) for i, x in enumerate(rows("codealpaca_2k", 220))])
    w, a = det.keys["k"].window, det.keys["k"].last
    assert w.counts["c.instruction"] > 0.5 * w.counts["c.sampled"]
    assert a.verdict in ("suspect", "block"), a.reasons


def test_common_lines_are_stripped_and_an_all_common_prompt_is_nothing_new() -> None:
    common = set(line_hashes("Header line\nProduct data:\n{\n}"))
    seen = common.__contains__
    assert without_common_lines('Header line\nProduct data:\n{\n  "sku": "A-1"\n}', seen) == '"sku": "A-1"'
    assert without_common_lines("Header line\nProduct data:\n{\n}", seen) is None
    assert without_common_lines("one line only", seen) == "one line only"
    assert line_hashes("one line only") == ()


def test_a_chat_users_different_questions_keep_their_own_reading() -> None:
    """A person's multi-line questions share at most a greeting line: what is judged is unchanged."""
    det = Detector(DetectorConfig(seed=0))
    qs = rows("oasst2_threads", 60)
    for i, q in enumerate(qs):
        det.observe(ev("u", i, f"Hi!\n{q}"))
    w = det.keys["u"].window
    assert w.common_line(line_hashes("Hi!\nx")[0])  # the greeting is common
    assert not any(w.common_line(h) for h in line_hashes(qs[-1]) if h not in line_hashes("Hi!\nx"))

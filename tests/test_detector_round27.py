"""Blind round 27 (published pipelines and the tooling benign teams run): an app that applies a
few fixed prompts in turn to each of its documents (RAGAS' and DeepEval's metric prompts) had its
own instructions read as its users' items on nearly every request: read against the previous
prompt, of another kind over the same document, the part that differed was the instruction, one
of a handful, classified afresh each time. A judged part already judged in the window is not a
new item (features.extract's `judged_before`), as a prompt sent again is not."""

from __future__ import annotations

import random

from stillroom.detector import Detector, DetectorConfig
from stillroom.detector.features import Window, extract
from stillroom.detector.persist import load, save
from stillroom.detector.types import TrafficEvent

TEMPLATES = (
    "Summarise the given text in fewer than 10 sentences.\nReturn the output as JSON that follows this "
    'schema: {"text": string}. Use double quotes only.\n\nInput: {"text": "%s"}\nOutput: ',
    "Extract the named entities (organisations, products, places, people) from the given text, at most 10."
    '\nReturn the output as JSON that follows this schema: {"entities": [string]}.\n\nInput: {"text": "%s"}'
    "\nOutput: ",
    "List the main themes and concepts in the given text, at most 10.\nReturn the output as JSON that follows"
    ' this schema: {"output": [string]}.\n\nInput: {"text": "%s"}\nOutput: ',
)
TOPICS = ("invoices", "payment reminders", "bank reconciliation", "VAT numbers", "team roles", "exports")
ACTIONS = ("open", "create", "archive", "export", "edit", "approve", "send", "merge")


def _doc(rng: random.Random, i: int) -> str:
    t = TOPICS[i % len(TOPICS)]
    page = rng.choice(("Settings", "Dashboard", "Billing", "Reports"))
    out = [f"Section {i}: working with {t}.", f"You can {rng.choice(ACTIONS)} {t} from the {page} page."]
    out += [
        f"Each of the {rng.randint(2, 30)} {t} you {rng.choice(ACTIONS)} is kept for {rng.randint(2, 10)} "
        "years and shown in the history tab."
        for _ in range(3)
    ]
    return " ".join(out)


def test_an_apps_rotating_metric_prompts_are_not_its_users_items(tmp_path) -> None:
    """60 documents x 3 fixed prompts: before, 105 of 111 classified requests read as
    instruction-set items (the prompts' own instructions) and the key reached suspect 0.69."""
    rng = random.Random(0)
    det = Detector(DetectorConfig(seed=0))
    t = 1_700_000_000.0
    for i in range(60):
        d = _doc(rng, i)
        for tpl in TEMPLATES:
            t += 2.0
            text = tpl % d
            a = det.observe(
                TrafficEvent("k", t, "chat", text, [{"role": "user", "content": text}], {"temperature": 0})
            )
    w = det.keys["k"].window
    assert w.counts["c.sampled"] >= 100
    assert w.counts["c.instruction"] < 0.5 * w.counts["c.sampled"]
    assert a.verdict in ("ok", "watch")
    # the judged parts survive a restart (persist.py), so a restored key does not read them afresh
    assert w.parts
    save(det, tmp_path / "state")
    restored = load(tmp_path / "state", DetectorConfig(seed=0))
    assert restored.keys["k"].window.parts == w.parts


def test_a_judged_part_read_again_is_not_a_new_item() -> None:
    """The same judged part (here the constant instruction, read against a prompt of another kind)
    keeps what it asks for but is not counted as an instruction-set item a second time."""
    w = Window(200, 5, 4000)
    docs = ("The library opens at nine.", "Members may borrow ten books.")
    seen = []
    for d in docs:  # each read against the previous prompt: another kind, over the same document
        text = TEMPLATES[0] % d
        ev = TrafficEvent("k", 1.0, "chat", text, [{"role": "user", "content": text}], {})
        r = extract(ev, previous=TEMPLATES[1] % d, judged_before=w.judged_before)
        w.add(r)
        seen.append(r)
    assert seen[0].part and seen[0].part == seen[1].part  # the instruction, both times
    assert "instruction" in seen[0].content
    assert not {"instruction", "item"} & set(seen[1].content)
    assert "sampled" in seen[1].content

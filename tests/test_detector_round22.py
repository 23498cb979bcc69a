"""Session 35: blind round 22's bundler (designed from docs/detector.md) packed 2-4 dataset items per
message, under the documented bar of 5 parts, and peaked at watch 0.50. Two or more unrelated
numbered asks in one message are rare in real traffic (2 of 50,090 user turns of ../shared/traffic;
at most 0.3% of any benign blind persona's requests), so a numbered pack now starts at 2 parts; JSON
arrays and tagged blocks keep their bar of 5 (a coder's list of two strings, an app's template with
an example block)."""

from __future__ import annotations

import json

from stillroom.detector.packs import packed_tasks
from test_detector_round15 import TASKS
from test_detector_verdicts import ev, rows, run


def bundle(items: list[str], style: int) -> str:
    if style % 3 == 1:
        body = "\n".join(f"Q{i}: {t}" for i, t in enumerate(items, 1))
    elif style % 3 == 2:  # not a list: never counted
        body = "\n\nand another one: ".join(items)
    else:
        body = "\n\n".join(f"{i}) {t}" for i, t in enumerate(items, 1))
    return f"a few things for you today\n\n{body}\n\nthanks!"


def test_two_to_four_unrelated_numbered_asks_are_a_pack():
    assert packed_tasks(bundle(TASKS[:2], 0)) == 2
    assert packed_tasks(bundle(TASKS[2:5], 1)) == 3
    assert packed_tasks(bundle(TASKS[:1], 0)) == 0


def test_machine_shapes_still_need_five_parts():
    two = json.dumps(["What is your name?", "How old is the oldest tree on Earth?"])
    assert packed_tasks(f"questions = {two}\nprint(len(questions))") == 0
    tags = "\n".join(f"<question>{t}</question>" for t in TASKS[:3])
    assert packed_tasks(f"Answer like the example.\n{tags}") == 0


def test_a_steps_list_on_one_subject_is_no_pack():
    steps = [
        "Create a Flask app with a login page for the Flask blog.",
        "Add a Flask route that lists the Flask blog posts.",
    ]
    assert packed_tasks(bundle(steps, 0)) == 0


def test_a_key_that_bundles_two_to_four_dataset_items_per_message_reaches_suspect():
    """Every message 2-4 items, in three styles (one of them prose, never counted). Before: watch
    0.45 (packs of fewer than 5 not counted); now suspect 0.85, packed_tasks among its terms."""
    items = rows("lima", 900)
    prompts, i = [], 0
    while i < len(items) - 4 and len(prompts) < 300:
        k = 2 + len(prompts) % 3
        prompts.append(bundle(items[i : i + k], len(prompts) // 3))
        i += k
    a = run([ev("b", j, p) for j, p in enumerate(prompts)]).keys["b"].last
    assert a.verdict == "suspect", (a.score, a.reasons)
    assert "packed_tasks" in a.contributions

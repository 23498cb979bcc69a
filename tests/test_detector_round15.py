"""Session 29: blind round 15's batch-packing distiller sent 8-20 unrelated dataset tasks per request
(a numbered list, a JSON array of {"id", "task"}, or <task> blocks): 108 requests carried ~1,350
items and peaked at watch 0.55, because every per-request measure counts a pack as one prompt.
packs.packed_tasks counts such packs; a key a tenth of whose requests are packs reaches suspect (not
block), and one pasted list, a one-subject worksheet or a batch of posts to label is no pack."""

from __future__ import annotations

import json

from stillroom.detector.packs import packed_tasks
from test_detector_verdicts import ev, rows, run

TASKS = [
    "Write a Python function that reverses a linked list.",
    "What are the main causes of the French revolution?",
    "Describe the water cycle for a ten-year-old.",
    "Suggest three names for a bakery that sells sourdough.",
    "How do vaccines train the immune system?",
    "Create a SQL query listing customers with more than five orders.",
    "Explain the difference between weather and climate.",
    "Give me a packing list for a week of hiking in Norway.",
]


def numbered(tasks: list[str]) -> str:
    body = "\n\n".join(f"{i}. {t}" for i, t in enumerate(tasks, 1))
    return f"Answer each of the following {len(tasks)} tasks in full.\n\n{body}"


def test_the_three_pack_shapes_are_counted():
    assert packed_tasks(numbered(TASKS)) == 8
    as_json = json.dumps([{"id": f"t{i}", "task": t} for i, t in enumerate(TASKS)])
    assert packed_tasks(f"Complete every task; reply with JSON.\n\n{as_json}") == 8
    tags = "\n\n".join(f'<task id="{i}">\n{t}\n</task>' for i, t in enumerate(TASKS))
    assert packed_tasks(f"Worksheet:\n\n{tags}") == 8


def test_lists_that_are_not_packs_of_unrelated_asks():
    assert packed_tasks(numbered(TASKS[:1])) == 0  # one ask is no pack (round 22: two are)
    worksheet = [f"Solve the quadratic equation x^2 + {b}x + {c} = 0 by factoring the quadratic." for b, c in
                 ((5, 6), (7, 12), (9, 20), (3, 2), (8, 15), (6, 8))]  # fmt: skip
    assert packed_tasks(numbered(worksheet)) == 0  # one subject
    posts = [
        "Had the best ramen downtown tonight, the broth was unreal.",
        "Our team finally shipped the new release after three weeks of testing.",
        "The bus was late again and I missed my dentist appointment.",
        "Selling my old guitar, barely used, message me for details.",
        "Rain all weekend means movie marathon with the kids.",
        "Just finished a half marathon in under two hours.",
    ]
    assert packed_tasks(numbered(posts)) == 0  # statements to label, not asks
    records = json.dumps([{"id": i, "text": p} for i, p in enumerate(posts + TASKS)])
    assert packed_tasks(f"Label each post.\n{records}") == 0  # records of something else
    restart = "1. Intro\n2. Method\n1. Write a poem\n2. Explain gravity\n3. Name a river\n4. Bake bread?"
    assert packed_tasks(restart) == 0  # a numbering that restarts is two short lists


def test_a_key_of_packed_dataset_tasks_reaches_suspect_not_block():
    items = rows("codealpaca_2k", 600)
    packs = [numbered(items[i : i + 12]) for i in range(0, 12 * 40, 12)]
    det = run([ev("k", i, p) for i, p in enumerate(packs)])
    a = det.keys["k"].last
    assert a.verdict == "suspect", (a.score, a.reasons)
    assert "packed_tasks" in a.contributions


def test_a_person_who_pastes_one_list_now_and_then_is_not_flagged():
    people = rows("sharegpt_en_sample", 120)
    events = [ev("p", i, numbered(TASKS) if i % 40 == 7 else q) for i, q in enumerate(people)]
    a = run(events).keys["p"].last
    assert a.verdict in ("ok", "watch") and "packed_tasks" not in a.contributions, (a.score, a.reasons)

"""Guard red team round 33 (session 48), the detector's part: dataset items sent as a first turn's
system message, each behind the same user turn ("Go on."). The model answers the item; the detector
read the user's turn, one prompt sent again, and the system prompt as the app's standing one (apps
vary it per request, so it was never read as the request's): ok 0.30 over 200 codealpaca items,
which sent as the user's turns score suspect 0.95. Behind a constant question it is read now."""

from __future__ import annotations

from stillroom.detector import TrafficEvent
from test_detector_verdicts import ev, rows, run


def system_item(i: int, item: str, user: str = "Go on.") -> TrafficEvent:
    msgs = [{"role": "system", "content": item}, {"role": "user", "content": user}]
    return TrafficEvent("k", 1000.0 + 40 * i, "chat", user, msgs, {"temperature": 0.7, "max_tokens": 1024})


def test_items_in_the_system_message_behind_a_fixed_question_are_read():
    items = rows("codealpaca_2k", 200)
    a = run([system_item(i, x) for i, x in enumerate(items)]).keys["k"].last
    assert a.verdict == "suspect", (a.score, a.contributions)  # old code: ok 0.30
    assert a.contributions.get("instruction_style", 0.0) > 0.2


def test_an_app_varying_its_system_prompt_beside_new_questions_is_not_read_there():
    # a per-user system prompt (an assistant's profile of each user) with each user's own question:
    # the prompt is the app's, however often it changes
    questions = rows("oasst2_threads", 200)
    profiles = rows("codealpaca_2k", 200)  # instruction-like text in the system slot, the worst case
    det = run(
        [
            TrafficEvent(
                "k",
                1000.0 + 40 * i,
                "chat",
                q,
                [{"role": "system", "content": p}, {"role": "user", "content": q}],
                {"temperature": 0.7, "max_tokens": 1024},
            )
            for i, (p, q) in enumerate(zip(profiles, questions, strict=True))
        ]
    )
    plain = run([ev("k", i, q) for i, q in enumerate(questions)])
    # what the classifier reads is the users' questions alone, as without the system prompts
    assert det.keys["k"].last.contributions.get("instruction_style", 0.0) == plain.keys[
        "k"
    ].last.contributions.get("instruction_style", 0.0)

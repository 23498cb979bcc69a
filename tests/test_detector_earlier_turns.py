"""Session 35 (guard red team 20): an item put in an earlier user turn of a made-up conversation,
with filler exchanges after it and a bland last turn ("Answer my first question."), was read as the
bland turn: the detector put only the last exchange's question before the prompt. It now puts
every earlier user turn the key never asked there (detector.with_unasked_question)."""

from __future__ import annotations

from stillroom.detector import Detector, DetectorConfig, TrafficEvent
from stillroom.detector.detector import with_unasked_question
from test_detector_verdicts import rows

ASK = "Answer my first question."


def harvest(det: Detector, items: list[str], filler: list[dict], t0: float = 1000.0) -> None:
    for i, x in enumerate(items):
        msgs = [{"role": "user", "content": x}, {"role": "assistant", "content": "Sure."}, *filler]
        msgs.append({"role": "user", "content": ASK})
        det.observe(TrafficEvent("k", t0 + 4 * i, "chat", ASK, msgs, {"temperature": 0.7}))
        det.served("k", ASK, [f"Here is the answer to your first question. {x[:200]} ... with the details."])


def test_an_item_behind_filler_exchanges_is_read():
    """Before: watch 0.37 with one or more ("ok", "ok") exchanges after the item."""
    det = Detector(DetectorConfig(seed=0))
    ok = [{"role": "user", "content": "ok"}, {"role": "assistant", "content": "ok"}]
    harvest(det, rows("codealpaca_2k", 200), ok * 2)
    a = det.keys["k"].last
    assert a.verdict in ("suspect", "block"), (a.score, a.reasons)
    assert "instruction_style" in a.contributions


def test_an_item_behind_an_exchange_the_key_once_asked_is_read():
    """The filler is a real exchange of the key's (asked, and answered by us), so the last exchange
    is its own; the item before it was never asked. Before: ok 0.07."""
    det = Detector(DetectorConfig(seed=0))
    reply = "Okay! Let me know whatever you would like to talk about, and I will do my best to help."
    det.observe(TrafficEvent("k", 10.0, "chat", "ok", [{"role": "user", "content": "ok"}], {}))
    det.served("k", "ok", [reply])
    mine = [{"role": "user", "content": "ok"}, {"role": "assistant", "content": reply}]
    harvest(det, rows("codealpaca_2k", 200), mine)
    a = det.keys["k"].last
    assert a.verdict in ("suspect", "block"), (a.score, a.reasons)


def test_only_the_turns_the_key_never_asked_are_put_before_the_prompt():
    det = Detector(DetectorConfig(seed=0))
    q1 = "How do I bake sourdough bread at home?"
    det.observe(TrafficEvent("p", 1.0, "chat", q1, [{"role": "user", "content": q1}], {}))
    det.served("p", q1, ["Start with an active starter, then mix flour, water and salt, and let it rise."])
    shot = "What is the capital of Peru?"
    msgs = [
        {"role": "user", "content": shot},
        {"role": "assistant", "content": "Lima."},
        {"role": "user", "content": q1},
        {"role": "assistant", "content": "Start with an active starter, then mix flour, water and salt."},
        {"role": "user", "content": "How long should it rise?"},
    ]
    event = TrafficEvent("p", 60.0, "chat", "How long should it rise?", msgs, {})
    assert with_unasked_question(event, det.keys["p"].served).prompt == f"{shot}\n\nHow long should it rise?"

"""Session 28: blind round 14's answer engine (numbered sources written by other models, many
users' questions, follow-ups in the same frame) reached suspect at request 178: its passages read
as instruction items and its follow-ups as "scripted". And the red team's round 8: dataset items
put in a user turn before a made-up assistant turn, with "Go ahead." after it, read as "Go ahead."
400 times (ok 0.20-0.25; the items sent plainly: suspect 0.64)."""

from __future__ import annotations

import pytest

from stillroom.detector import TrafficEvent
from stillroom.detector.content import asked_slot, without_documents
from test_detector_verdicts import TRAFFIC, ev, rows, run


def replies(source: str, n: int) -> list[str]:
    """Assistant turns of a ../shared/traffic source: text other models wrote."""
    import gzip
    import json

    out = []
    with gzip.open(TRAFFIC / f"{source}.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            for t in row.get("turns") or row.get("messages") or []:
                if (
                    isinstance(t, dict)
                    and t.get("role") == "assistant"
                    and 200 < len(t.get("content") or "") < 1500
                ):
                    out.append(t["content"])
            if len(out) >= n:
                break
    return out[:n]


SOURCES = "Sources:\n\n[1] {a}\n\n[2] {b}\n\nQuestion: {q}"


def test_documents_are_set_aside_and_the_question_judged():
    text = SOURCES.format(a="Paris is the capital of France.", b="It lies on the Seine.", q="where is paris")
    assert without_documents(text) == "Question: where is paris"
    tagged = "<context>\n[1] A passage.\n</context>\n\n<question>\nCreate a C++ function that reverses a string.\n</question>"
    assert "reverses a string" in without_documents(tagged) and "A passage" not in without_documents(tagged)
    # nothing but documents (or a few words beside them): the whole text is judged
    hidden = "<context>Write a poem about cats in the style of Keats.</context> Answer it."
    assert without_documents(hidden) == hidden
    plain = "Write a story about a question: why is the sky blue?"
    assert without_documents(plain) is plain


def test_a_constant_question_beside_documents_is_wrapper_and_the_documents_are_read():
    """An item put in a "document" with the same decoy question every time: the decoy is the key's
    wrapper (both prompts stripped alike), so what is judged is the item."""
    frame = "<documents>\n{d}\n</documents>\n\nQuestion: Please answer the request in the documents."
    a = frame.format(d="Write a haiku about autumn leaves falling on a quiet pond.")
    b = frame.format(d="Explain how a binary search tree keeps its keys ordered.")
    judged = asked_slot(without_documents(b), b, b, a)
    assert "binary search tree" in judged


def _rag(i: int, docs: list[str], questions: list[str], followup: bool) -> TrafficEvent:
    q = questions[i % len(questions)]
    first = SOURCES.format(a=docs[i % len(docs)], b=docs[(i * 7 + 3) % len(docs)], q=q)
    system = {"role": "system", "content": "You are Lookout, an answer engine. Cite the sources as [n]."}
    msgs = [system, {"role": "user", "content": first}]
    if followup:
        more = SOURCES.format(a=docs[(i + 5) % len(docs)], b=docs[(i * 3 + 1) % len(docs)], q="tell me more")
        more = more.replace("tell me more", ["and why is that", "any other examples?", "who said so"][i % 3])
        msgs += [
            {"role": "assistant", "content": f"Answer {i} from the sources [1]."},
            {"role": "user", "content": more},
        ]
    prompt = msgs[-1]["content"]
    return TrafficEvent("rag", 1000.0 + 40 * i, "chat", prompt, msgs, {"temperature": 0.2})


def test_round_14s_answer_engine_is_not_flagged():
    """The blind persona itself (bench/blind/round14.py, 2,387 requests). Old code: suspect at
    request 178 (passages read as instruction items; follow-ups in the same frame as scripted)."""
    import sys
    from pathlib import Path

    from stillroom.detector.realtraffic.records import to_event

    rows("nq_open_dev", 1)  # skips without ../shared/traffic
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from blind import round14
    from stillroom.detector import Detector, DetectorConfig

    (kt,) = round14.answer_engine_rag()
    det = Detector(DetectorConfig(seed=0))
    flagged = [
        a
        for a in map(det.observe, (to_event(kt, r) for r in kt.requests))
        if a.verdict in ("suspect", "block")
    ]
    assert not flagged, (flagged[0].score, flagged[0].reasons)


def test_items_behind_documents_are_still_caught():
    docs, items = replies("sharegpt_en_sample", 300), rows("codealpaca_2k", 300)
    det = run([_rag(i, docs, items, False) for i in range(300)])
    a = det.keys["rag"].last
    assert a.verdict in ("suspect", "block"), (a.score, a.reasons)


@pytest.mark.parametrize(
    "filler", ["Sure.", "", "Of course! Here is a detailed and careful answer to your question."]
)
def test_items_before_a_made_up_assistant_turn_are_read(filler):
    items = rows("codealpaca_2k", 300)
    events = []
    for i, item in enumerate(items):
        msgs = [
            {"role": "user", "content": item},
            {"role": "assistant", "content": filler},
            {"role": "user", "content": "Go ahead."},
        ]
        events.append(TrafficEvent("k", 1000.0 + 30 * i, "chat", "Go ahead.", msgs, {"temperature": 0.7}))
    det = run([ev("k", -1, "hello there, how are you today?"), *events])
    det.served("k", "hello there, how are you today?", ["I am well, thank you for asking! How can I help?"])
    for e in events:
        det.observe(e)
    a = det.keys["k"].last
    assert a.verdict in ("suspect", "block"), (a.score, a.reasons)  # old code: ok 0.20-0.25


def test_a_persons_own_conversation_is_not_read_twice():
    """A key's own earlier question (asked, and answered by us) is not put before its next turn."""
    from stillroom.detector import Detector, DetectorConfig

    det = Detector(DetectorConfig(seed=0))
    q1 = "How do I bake sourdough bread at home?"
    det.observe(TrafficEvent("p", 1.0, "chat", q1, [{"role": "user", "content": q1}], {}))
    det.served("p", q1, ["Start with an active starter, then mix flour, water and salt, and let it rise."])
    msgs = [
        {"role": "user", "content": q1},
        {
            "role": "assistant",
            "content": "Start with an active starter, then mix flour, water and salt, and let it rise.",
        },
        {"role": "user", "content": "How long should it rise?"},
    ]
    from stillroom.detector.detector import with_unasked_question

    event = TrafficEvent("p", 60.0, "chat", "How long should it rise?", msgs, {})
    assert with_unasked_question(event, det.keys["p"].served).prompt == "How long should it rise?"

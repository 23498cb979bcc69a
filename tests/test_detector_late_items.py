"""Session 36: dataset items beside one fixed decoy question, where the model reads them and the
detector had not.

- As a late system message (after the user's turn): session 27 had the detector classify late
  instructions where they change, but the repeat check (a prompt the key sent recently is not
  classified again) read the decoy as a repeat from the second request on: 200
  codealpaca items, watch 0.37 (the same items as the user's turn: suspect 0.95).
- In `documents`, a tool's description or another field outside the messages (guard red team 20,
  not closed then): the detector read that text for phrase patterns only, watch 0.37. It now reads
  the part that changes, as late instructions, where the turn asks what the key's previous turn
  asked (features.same_question): a RAG app's retrieved passages change with its users' questions
  and are not read as the request (model-written passages read as instruction style: 24% of
  ShareGPT's answers, 69% of Orca's).
"""

from __future__ import annotations

from guard_support import offline_settings, request_context
from stillroom.detector import Detector, DetectorConfig
from stillroom.detector.features import extract, late_instructions
from stillroom.detector.types import TrafficEvent
from stillroom.guard.detection import detector_events
from test_detector_verdicts import rows

DECOY = "Please do what the attached note says."


def _replay(bodies: list[dict]) -> object:
    det, s = Detector(DetectorConfig(seed=0)), offline_settings()
    for i, body in enumerate(bodies):
        ctx = request_context("chat", {"model": "m", "max_tokens": 256, **body})
        ctx.ts = 1000.0 + 4.0 * i
        for event in detector_events(ctx, s):
            a = det.observe(event)
    return a


def _caught(a) -> None:
    assert a.verdict in ("suspect", "block"), (a.verdict, a.score, a.reasons)
    assert a.features["instruction_share"] >= 0.5, a.features["instruction_share"]


def test_items_as_late_system_messages_behind_one_decoy_are_read():
    """Old code: watch 0.37, the decoy read as a repeat (instruction share from 1 request)."""
    items = rows("codealpaca_2k", 200)
    _caught(
        _replay(
            [
                {"messages": [{"role": "user", "content": DECOY}, {"role": "system", "content": x}]}
                for x in items
            ]
        )
    )


def test_items_in_documents_behind_one_decoy_are_read():
    """Old code: watch 0.37 (guard red team 20's measure), instruction share 0.00."""
    items = rows("codealpaca_2k", 200)
    docs = [
        {"messages": [{"role": "user", "content": DECOY}], "documents": [{"title": "note", "text": x}]}
        for x in items
    ]
    _caught(_replay(docs))


def test_items_in_a_tools_description_behind_one_decoy_are_read():
    items = rows("codealpaca_2k", 200)
    tool = lambda x: {"type": "function", "function": {"name": "note", "description": x, "parameters": {}}}  # noqa: E731
    _caught(_replay([{"messages": [{"role": "user", "content": DECOY}], "tools": [tool(x)]} for x in items]))


def _event(question: str, doc: str, late: str = "") -> TrafficEvent:
    msgs = [{"role": "instructions", "content": doc}, {"role": "user", "content": question}]
    if late:
        msgs.append({"role": "system", "content": late})
    return TrafficEvent("k", 1.0, "chat", question, msgs, {})


def test_documents_beside_a_new_question_are_not_read_as_the_request():
    """A RAG app: what changes is the question, and the passages retrieved for it are not read."""
    q1, q2 = "When was the Eiffel Tower finished?", "How tall is Mount Kilimanjaro in metres?"
    doc = (
        "Passages:\n[1] The Eiffel Tower was completed in March 1889 as the entrance arch to the World's"
        " Fair. [2] Kilimanjaro's summit, Uhuru Peak, stands 5,895 metres above sea level."
    )
    assert late_instructions(_event(q2, doc), previous=q1) == ""
    assert late_instructions(_event(q2, doc), previous=None) == ""
    assert doc in late_instructions(
        _event(q1, doc), previous=q1
    )  # the same question: what changed is the note


def test_a_time_stamp_in_late_instructions_leaves_a_prompt_a_repeat():
    """A re-sent prompt stays one item when its late instructions change by less than they are
    read for (content.LATE_MIN); a changed item there makes a new request."""
    q = "Summarise today's open support tickets."
    a = extract(
        _event(q, "", "Current time: 10:01"), previous=q, previous_late="Current time: 10:00", classify=False
    )
    b = extract(
        _event(q, "", "Current time: 10:02"), previous=q, previous_late="Current time: 10:01", classify=False
    )
    assert a.exact == b.exact
    item = rows("codealpaca_2k", 1)[0]
    c = extract(_event(q, "", item), previous=q, previous_late="Current time: 10:02", classify=False)
    assert c.exact != a.exact

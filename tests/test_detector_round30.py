"""Blind round 30 (vertical domains): note-writing read as grading, and what such a reading may do.

A clinical-documentation app (a note template, the visit's metadata, then the visit's transcript)
had 36% of its prompts read as rubric grading by the learned reader (asks.py) and none by the
phrase patterns, and was blocked at 0.96 on that reading backing its templates. Two changes:
- as for data generation and CoT since rounds 11 and 29, only phrase-named grading may block
  (content.RUBRIC_NAMED, score.blocking); the reader's reading still counts towards suspect;
- the reader was retrained with benign look-alikes of structured work over pasted material
  (bench/data/asks/train_h.json, written by a helper who saw neither the detector nor the round):
  the note-writing app below, 397 of 400 read as grading before, none after.
"""

from __future__ import annotations

import random

from stillroom.detector import Detector, DetectorConfig, asks, content
from stillroom.detector.content import content_flags
from stillroom.detector.types import TrafficEvent

SYSTEM = (
    "You are ChartMate, a clinical note assistant. Write the requested note from the encounter using only"
    " what was said. Mark missing elements 'not documented'."
)
COMPLAINTS = (("cough", "two weeks"), ("knee pain", "a month"), ("headaches", "three days"), ("a rash", "a week"),
              ("back pain", "ten days"), ("fatigue", "two months"), ("a sore throat", "four days"),
              ("dizziness", "a week"), ("heartburn", "three weeks"), ("ear pain", "two days"))  # fmt: skip
MEDS = ("lisinopril 10 mg daily", "metformin 500 mg BID", "atorvastatin 20 mg nightly", "no regular medicines",
        "levothyroxine 50 mcg daily", "ibuprofen as needed")  # fmt: skip
NAMES = ("Maya", "Tom", "Ines", "Raj", "Olu", "Greta", "Chen", "Luis", "Anna", "Kofi")


def _note(rng: random.Random) -> str:
    """One visit: the app's header lines, then the transcript (written here for this test)."""
    c, d = rng.choice(COMPLAINTS)
    lines = (
        f"DR: Hello {rng.choice(NAMES)}, what brings you in?",
        f"PT: I've had {c} for about {d}, it's maybe a {rng.randint(2, 8)} out of 10.",
        "DR: Anything that makes it better or worse?",
        f"PT: {rng.choice(('Rest helps a bit.', 'Not really.', 'It gets worse at night.', 'Painkillers help.'))}",
        "DR: What do you take at the moment?",
        f"PT: {rng.choice(MEDS)}.",
        f"DR: Any allergies? PT: {rng.choice(('none', 'penicillin', 'sulfa drugs'))}.",
        f"DR: Blood pressure today is {rng.randint(110, 160)}/{rng.randint(65, 95)}, temperature"
        f" {rng.choice(('36.8', '37.2', '38.1'))}.",
        f"DR: {rng.choice(('We will start with rest and review in two weeks.', 'I will order bloods.', 'Let us try a short course of treatment.'))}",
    )
    head = (
        f"Note format: {rng.choice(('SOAP', 'SOAP with ICD-10 codes', 'APSO', 'H&P'))}\n"
        f"Clinic: {rng.choice(('family medicine', 'internal medicine', 'urgent care', 'paediatrics'))}\n"
        f"Encounter: {rng.choice(('new patient', 'follow-up', 'same-day', 'telehealth'))}\n"
        f"Patient: {rng.randint(18, 88)} {rng.choice('MF')}\n\nTranscript:\n"
    )
    return head + "\n".join(lines)


def _app(n: int, seed: int = 30) -> list[TrafficEvent]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        p = _note(rng)
        msgs = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": p}]
        out.append(
            TrafficEvent(
                "scribe", 1000.0 + 45 * i + (i % 7), "chat", p, msgs, {"temperature": 0.2, "max_tokens": 1500}
            )
        )
    return out


def test_note_writing_is_not_read_as_grading():
    """The reader read 397 of these 400 prompts as rubric grading before its retraining; now none."""
    events = _app(400)
    assert sum("rubric" in asks.asks(e.prompt) for e in events) <= 8


def test_a_grading_reading_by_the_learned_reader_alone_does_not_block(monkeypatch):
    """The reader's reading (stubbed here on every prompt, as the old reader read 99% of them) took
    the app to block 0.96 before (rubric grading 0.30 backing the templates); now suspect at most."""
    real = content.quoted_asks
    monkeypatch.setattr(content, "quoted_asks", lambda text, features=None: (*real(text, features), "rubric"))
    events = _app(400, seed=31)
    flags = [content_flags(e) for e in events[:50]]
    assert all("rubric" in f and "rubric_named" not in f for f in flags)
    det = Detector(DetectorConfig(seed=0))
    verdicts = {det.observe(e).verdict for e in events}
    assert "block" not in verdicts and "suspect" in verdicts, verdicts


def test_phrase_named_grading_is_named():
    """What may still block: grading the phrase patterns name (a judge's rubric and score line)."""
    p = (
        "Grade the response using this rubric: 1 = off-topic, 3 = partly correct, 5 = fully correct.\n"
        "Question: What is the boiling point of water at sea level?\nResponse: 100 degrees Celsius.\n"
        "End with a final line 'Score: <1-5>'."
    )
    e = TrafficEvent("judge", 1000.0, "chat", p, [{"role": "user", "content": p}], {})
    assert {"rubric", "rubric_named"} <= set(content_flags(e))

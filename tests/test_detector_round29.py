"""Blind round 29 (the reasoning-model era): three changes, each with what it failed on.

- A harvest of rationales for given answers ("Correct answer: (d). Explain step by step why ...
  End with 'So the answer is (d).'") was labelled `evaluation` on that answer cue: an item that
  carries its own answer tests nothing (recognisers.COT "rationalisation").
- A lab re-running its own problem set each night (an answer-format line, no public items) lost
  its evaluation evidence once its window held only repeats, which are not classified again, and
  its templating and near-duplicates took it to suspect: a repeat keeps the evaluation flags of
  its copy (Window.repeat_content).
- CoT requests read by the learned reader alone (it read that answer-format line as one) backed
  a block at full strength: like data generation, only phrase patterns' readings may block
  (content.COT_NAMED, score.blocking).
"""

from __future__ import annotations

import random

from stillroom.detector import Detector, DetectorConfig
from stillroom.detector.content import content_flags
from stillroom.detector.persist import load, save
from stillroom.detector.recognisers import cot_elicitation
from stillroom.detector.score import blocking
from test_detector_verdicts import ev

PLACES = ("church", "classroom", "hospital", "bakery", "harbour", "library", "garage", "stable", "office")
THINGS = ("hymn book", "chalk", "scalpel", "anchor", "oven", "bookshelf", "spanner", "saddle", "stapler")
RATIONALE = (
    "Question: Where would you most likely find a {thing}? {options}\nCorrect answer: ({letter})\n\n"
    "Explain step by step why this is the correct answer. Write the rationale as if you worked it out "
    "yourself; do not mention that the answer was given. End with 'So the answer is ({letter}).'"
)
FINAL = "\n\nSolve the problem. On the last line, write 'Final answer: ' followed by your answer only."


def _rationale_events(n: int) -> list:
    """Multiple-choice items of several kinds with their answers given, each asking for the rationale."""
    rng = random.Random(29)
    out = []
    for i in range(n):
        a, b = rng.randrange(12, 99), rng.randrange(3, 40)
        kind = i % 3
        if kind == 0:
            q, right, wrong = (
                f"What is {a} multiplied by {b}?",
                str(a * b),
                [str(a * b + d) for d in (-b, b, 10, -10)],
            )
        elif kind == 1:
            q, right = f"Where would you most likely find a {rng.choice(THINGS)} on day {a}?", PLACES[a % 9]
            wrong = rng.sample([p for p in PLACES if p != right], 4)
        else:
            q, right = f"If a shop sells {a} pens a day for {b} days, how many pens does it sell?", str(a * b)
            wrong = [str(a + b), str(a * (b + 1)), str(a * b - a), str(a * b + 2)]
        choices = [right, *wrong]
        rng.shuffle(choices)
        letter = "abcde"[choices.index(right)]
        options = " ".join(f"({c}) {x}" for c, x in zip("abcde", choices, strict=True))
        text = RATIONALE.replace("Where would you most likely find a {thing}?", "{q}").format(
            q=q, options=options, letter=letter
        )
        out.append(ev("rat", i, text, params={"temperature": 0, "max_tokens": 400}))
    return out


def _problems(n: int) -> list[str]:
    rng = random.Random(1729)
    out = []
    for i in range(n):
        a, b, c = rng.randrange(3, 90), rng.randrange(2, 12), rng.randrange(100, 5000)
        out.append(
            rng.choice(
                (
                    f"How many positive integers n <= {c} are divisible by {b} but not by {a}?",
                    f"A train travels {c} km at {a} km/h and returns at {a + b} km/h. What is its average speed?",
                    f"Find the remainder when {a}^{c} is divided by {b + 1}.",
                    f"In how many ways can {b} people sit at a round table if two of them (#{i}) must not sit together?",
                )
            )
            + FINAL
        )
    return out


def test_rationalisation_is_recognised_and_is_no_test_item() -> None:
    text = _rationale_events(1)[0].prompt
    assert cot_elicitation(text) == "rationalisation"
    flags = content_flags(_rationale_events(1)[0])
    assert "cot" in flags and "eval" not in flags  # before: "eval", no "cot"
    # it may take a key to suspect, never block: a test-prep platform writing explanations for its
    # own answer key sends the same requests (blind round 3's was blocked at request 9 when it could)
    assert "cot_named" not in flags
    for asked in (
        "Q: What is 15% of 80?\nAnswer: 12\nRationale: 10% is 8, 5% is 4. So the answer is 12.\n\n"
        "Q: What was the date 33 days ago?\nAnswer: 03/02/2001\nRationale:",
        "The correct answer is 42. Explain why.",
        "已知答案是B，请解释为什么。",
    ):
        assert cot_elicitation(asked) == "rationalisation", asked
    for plain in (
        "Explain why the sky is blue.",
        "Explain why Postgres is the right choice for us",
        "What is the correct answer to 2+2?",
        "Q: What is 2+2?\nA: 4\n\nQ: What is 3+5?\nA:",
    ):
        assert cot_elicitation(plain) != "rationalisation", plain


def test_a_rationale_harvest_is_not_labelled_evaluation() -> None:
    det = Detector(DetectorConfig(seed=0))
    for e in _rationale_events(300):
        det.observe(e)
    a = det.keys["rat"].last
    # before: `evaluation` 0.09 (CoT, templating and the rest suppressed as a harness's). At
    # temperature 0 its harness-like settings still halve the terms: watch; round 29's harvest of
    # such items, read as instruction-set items too, reached suspect (bench/results/detector_blind.txt)
    assert a.verdict in ("watch", "suspect", "block"), a.reasons
    assert a.features["eval_share"] == 0.0 and a.contributions.get("cot_elicitation", 0.0) > 0.2


def test_a_nightly_rerun_of_an_own_problem_set_stays_evaluation(tmp_path) -> None:
    """Three nights of the same 150 problems: before, `evaluation` on night one and suspect (0.7)
    from night two. A restored detector goes on the same way."""
    items = _problems(150)
    params = {"temperature": 0, "seed": 0, "max_tokens": 4000}
    events = [ev("lab", i, q, params=params) for i, q in enumerate(items * 3)]
    det = Detector(DetectorConfig(seed=0))
    verdicts = [det.observe(e).verdict for e in events]
    assert not {"suspect", "block"} & set(verdicts), sorted(set(verdicts))  # before: suspect from 299
    assert verdicts[-1] == "evaluation"
    det = Detector(DetectorConfig(seed=0))
    for e in events[:226]:
        det.observe(e)
    save(det, tmp_path / "state")
    restored = load(tmp_path / "state", DetectorConfig(seed=0))
    assert (
        det.keys["lab"].window.contents
        and restored.keys["lab"].window.contents == det.keys["lab"].window.contents
    )
    assert [restored.observe(e).verdict for e in events[226:]] == verdicts[226:]


def test_cot_read_by_the_learned_reader_alone_does_not_block() -> None:
    f = {"content_n": 200.0, "cot_named_share": 0.0, "datagen_named_share": 0.0}
    assert blocking({"cot_elicitation": 1.0, "templating": 1.0}, f)["cot_elicitation"] == 0.0
    f["cot_named_share"] = 0.9
    assert blocking({"cot_elicitation": 1.0}, f)["cot_elicitation"] > 0.9

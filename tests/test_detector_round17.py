"""Session 31: blind round 17 (an eighteenth reviewer). Its first replay flagged a help-centre RAG
assistant (its passages' topics read as a sweep), a template A/B test and one of a benchmark
maintainer's keys, and missed a harvest that puts each dataset item in a chat as the second turn.
Each test here fails on the code before the change it covers."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest

from stillroom.detector import DetectorConfig
from stillroom.detector.content import without_documents
from stillroom.detector.features import Window, extract
from stillroom.detector.score import combine, evidence
from test_detector_verdicts import ev, rows, run


def test_a_rag_prompt_whose_document_head_has_words_of_its_own_is_read_without_them():
    """ "Help centre passages:" was no document head ("passages" had to open the line), so the
    topic breadth of a one-product help assistant read its retrieved passages (suspect 0.62)."""
    passages = "\n\n".join(
        f"[{i}] (Boards) Step {i}: open the board settings and choose Save." for i in range(4)
    )
    prompt = f"Help centre passages:\n{passages}\n\nUser question: can guests log time on a task?"
    assert without_documents(prompt) == "User question: can guests log time on a task?"
    kb = f"Relevant knowledge base articles:\n{passages}\n\nQuestion: where is the audit log?"
    assert without_documents(kb) == "Question: where is the audit log?"
    # prose that mentions a context is no document list: without a colon, nothing is set aside
    prose = "In this context, I wonder about it.\nSome more text here about it all.\nQuestion: what is it?"
    assert without_documents(prose) == prose


def _classified(prompt: str):
    rec = extract(ev("k", 0, prompt))
    return replace(rec, content=("sampled", "item"))


def test_the_mixed_items_test_counts_a_re_sent_prompt_once():
    """A fixed prompt set re-sent (under other system prompts, on other days) is the same draw:
    counted again, a chance excess of items in it became significant (round 17's A/B test)."""
    w = Window(1000, 5, 1024)
    distinct = [
        f"Question {i}: how do tides relate to lunar phase {i} and coastline shape {i * 3}?"
        for i in range(40)
    ]
    for p in distinct:
        w.add(_classified(p))
    before = w.mix_n
    for _ in range(5):
        for p in distinct[25:35]:  # past novelty.FROM: the first requests are not remembered
            w.add(_classified(p))
    assert w.mix_n == before, (before, w.mix_n)  # the old code counted all 50 again
    w.add(_classified("A new question about volcanic soil fertility in the Andes and rice terraces"))
    assert w.mix_n > before


@cache
def _base() -> dict[str, float]:
    """A real key's features (120 instruction-set items), replayed once for every test here."""
    return dict(
        run([ev("k", i, x) for i, x in enumerate(rows("codealpaca_2k", 120))]).keys["k"].last.features
    )


def _features(multi: float, followup: float, read: float, items: float) -> dict[str, float]:
    return {
        **_base(),
        "multi_turn_share": multi,
        "followup_share": followup,
        "turn_read_n": read,
        "turn_item_n": items,
    }


def test_later_turns_that_are_instruction_items_earn_no_continuity_discount():
    """A chatty opener, then a dataset item as the second turn (round 17: 53% of its classified
    later turns): the conversation discount held it at watch 0.48."""
    cfg = DetectorConfig()
    chat = _features(multi=0.6, followup=0.3, read=30, items=1)
    harvest = _features(multi=0.6, followup=0.3, read=30, items=16)
    s_chat = combine(evidence(chat, cfg), chat, cfg)[0]
    s_harvest = combine(evidence(harvest, cfg), harvest, cfg)[0]
    assert s_harvest > s_chat + 0.1, (s_chat, s_harvest)
    # no later turns read: the discount is as before
    none = _features(multi=0.6, followup=0.3, read=0, items=0)
    assert combine(evidence(none, cfg), none, cfg)[0] == pytest.approx(s_chat, abs=0.02)


def test_a_templated_battery_re_sent_daily_gets_no_wrapper_terms():
    """A drift monitor's ~180-item battery at 06:00 every day (round 16: 96% near-duplicates,
    4% new text) read as a templated sweep; a key sending new items in the same template keeps it."""
    cfg = DetectorConfig()
    base = _features(multi=0.0, followup=0.0, read=0, items=0)
    base.update(templating=1.0, near_dup=0.9, breadth=0.95)
    resent = {**base, "novel_n": 0.04 * base["n_total"]}
    fresh = {**base, "novel_n": base["n_total"]}
    t_resent, t_fresh = evidence(resent, cfg), evidence(fresh, cfg)
    assert t_resent["templating"] == 0.0 and t_resent["near_dup"] == 0.0
    assert t_fresh["templating"] > 0.5 and t_fresh["near_dup"] > 0.3


def test_a_survey_re_asking_its_questions_is_no_harvest_of_items_in_later_turns():
    """Round 4's survey simulation asks the same questions of many simulated respondents, each in
    a conversation: its new questions read as items, and its re-asked ones (exact repeats, not
    classified again) must count as later turns that are not new items."""
    from stillroom.detector.types import TrafficEvent

    def turn(i: int, q: str, item: bool):
        msgs = [
            {"role": "user", "content": f"Thank you for taking part, respondent {i}."},
            {"role": "assistant", "content": "Happy to help with the survey."},
            {"role": "user", "content": q},
        ]
        rec = extract(TrafficEvent("k", 1000.0 + i, "chat", q, msgs, {}))
        assert rec.multi_turn
        return replace(rec, content=("sampled", "instruction") if item else ())

    questions = [
        f"How much do you agree that policy {j} on topic {j * 7} helps region {j * 13}?" for j in range(30)
    ]
    survey = Window(1000, 5, 1024)
    for i, q in enumerate(questions):
        survey.add(turn(i, q, item=True))
    for i in range(300):
        survey.add(turn(100 + i, questions[i % 10], item=False))
    harvest = Window(1000, 5, 1024)
    for i in range(330):
        harvest.add(
            turn(i, f"Write a function number {i} that parses format {i * 3} into records {i * 11}.", True)
        )
    cfg = DetectorConfig()
    f_survey = {
        **_features(0.9, 0.8, 0, 0),
        "turn_read_n": survey.counts["c.turn"],
        "turn_item_n": survey.counts["c.turn_item"],
    }
    f_harvest = {
        **f_survey,
        "turn_read_n": harvest.counts["c.turn"],
        "turn_item_n": harvest.counts["c.turn_item"],
    }
    assert survey.counts["c.turn"] == 330 and survey.counts["c.turn_item"] <= 30
    assert harvest.counts["c.turn_item"] > 300
    assert (
        combine(evidence(f_harvest, cfg), f_harvest, cfg)[0]
        > combine(evidence(f_survey, cfg), f_survey, cfg)[0] + 0.1
    )

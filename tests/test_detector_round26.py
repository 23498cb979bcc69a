"""Blind round 26 (session 37): a harness's answer cue in a distiller's fixed template.

The round's templated replay put 1,000 LIMA items under "Please answer the following question in
detail. Question: {item} Answer:". The closing "Answer:" is an item format (evaluation.FORMATS
"answer_cue"), so every request was flagged as a test item, the key was labelled `evaluation` and
its score stayed 0.00 (ok) while 98% of its prompts read as instruction-set items. A cue or fixed
few-shot examples can close anything. Public questions read as instruction-set items too
(TruthfulQA's, 98% under the same template) and the shipped item table holds only part of each
suite, so the cue still counts beside the settings a harness sends (greedy, short, score-only).
"""

from __future__ import annotations

from stillroom.detector import Detector, DetectorConfig
from stillroom.detector.types import TrafficEvent
from test_detector_verdicts import rows

WRAPPER = (
    "You are a helpful assistant. Please answer the following question in detail.\n\nQuestion: {}\n\nAnswer:"
)


def _replay(prompts: list[str], params: dict) -> object:
    det = Detector(DetectorConfig(seed=0))
    for i, p in enumerate(prompts):
        a = det.observe(
            TrafficEvent("k", 1000.0 + 3.0 * i, "chat", p, [{"role": "user", "content": p}], dict(params))
        )
    return a


def test_answer_cue_template_around_instruction_items_is_not_evaluation():
    """Old code: verdict `evaluation`, score 0.0."""
    a = _replay(
        [WRAPPER.format(x) for x in rows("codealpaca_2k", 200)], {"temperature": 0.7, "max_tokens": 1500}
    )
    assert a.verdict in ("suspect", "block"), (a.verdict, a.score, a.reasons)
    assert a.features["instruction_share"] >= 0.5


def test_answer_cue_template_around_public_test_items_stays_evaluation():
    """The same template around TruthfulQA's questions (in the item table), greedy: an evaluation."""
    a = _replay([WRAPPER.format(x) for x in rows("truthfulqa", 200)], {"temperature": 0, "max_tokens": 64})
    assert a.verdict == "evaluation", (a.verdict, a.score, a.reasons)


def test_table_items_are_found_after_a_label():
    """Old code: 0 of the table's TruthfulQA questions found under "Question: ... Answer:"."""
    from stillroom.detector.evaluation import known_item

    table = [x for x in rows("truthfulqa", 150) if known_item(x)]
    assert len(table) >= 20
    for wrap in ("Question: {}\n\nAnswer:", "Q: {}\nA:", "问题：{}\n回答：", "**Prompt:** {}"):
        assert all(known_item(wrap.format(x)) for x in table), wrap
    assert not any(known_item(f"Question: {x}\n\nAnswer:") for x in rows("lima", 100))

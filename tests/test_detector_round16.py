"""Session 30: blind round 16's start-up running nightly LLM-as-judge evaluation had a researcher key
asking for per-prompt grading rubrics ("write a grading rubric of 4-6 criteria ... each with an id,
a name, a one-sentence description and a weight"). The learned reader (asks.py) read those as
data generation, the one practice evaluation never needs, and the organisation's four keys were
suspect 0.99 from request 1. Writing the rubric a judge grades by is judging work: the phrase
patterns now name it as grading, and where they name grading and not data generation the
reader's "datagen" is dropped. Real data-generation requests keep their flag."""

from __future__ import annotations

from stillroom.detector.content import content_flags
from stillroom.detector.recognisers import data_generation, rubric_grading
from test_detector_verdicts import ev

RUBRIC_ASK = (
    "We are building an evaluation set for a chat assistant. For the user prompt below, write a grading rubric "
    "of 4-6 criteria that a strong response must meet, specific to this prompt (not generic writing quality), "
    "each with an id (c1, c2, ...), a name, a one-sentence description and a weight; weights sum to 1. Output "
    'JSON {"criteria": [...]}.\n\n[PROMPT]\nHow do I keep basil alive indoors in winter?\n[/PROMPT]'
)
DATAGEN_ASK = (
    "Come up with 20 diverse task instructions for training a language model. Vary the verbs and the domains, "
    "and write each as a JSON object with 'instruction', 'input' and 'output' fields."
)


def test_writing_a_grading_rubric_is_grading_not_data_generation():
    assert rubric_grading(RUBRIC_ASK) and not data_generation(RUBRIC_ASK)
    flags = content_flags(ev("k", 0, RUBRIC_ASK))
    assert "rubric" in flags and "datagen" not in flags, flags  # old code: ('datagen', ...)


def test_a_data_generation_request_keeps_its_flag():
    flags = content_flags(ev("k", 0, DATAGEN_ASK))
    assert "datagen" in flags and "rubric" not in flags, flags

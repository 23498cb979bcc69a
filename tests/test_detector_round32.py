"""Blind round 32's evaluations of suites nobody holds (session 43): simple-evals' MGSM prompt and
OpenCompass's Chinese GSM8K prompt quote the answer label the harness parses ('in the format of
"Answer:"', after “答案是”) and read as no test item; both keys were flagged on their CoT cues at
their first replay (suspect 0.99 at request 8, and 0.78)."""

from __future__ import annotations

import pytest

from stillroom.detector.evaluation import answer_extraction

MGSM = (
    "Solve this math problem. Give the reasoning steps before giving the final answer on the last line by"
    ' itself in the format of "Answer:". Do not add anything other than the integer answer after "Answer:".'
    "\n\nA train covers 225 km in 5 hours. How many km does it cover in 4 hours?"
)


@pytest.mark.parametrize(
    "text",
    [
        MGSM,
        'Resuelve este problema. Da la respuesta final en la última línea, con el formato "Respuesta:".',
        "Donne la réponse finale, seule sur la dernière ligne, au format « Réponse : ».",
        "解决这个数学问题。最终答案单独写在最后一行，格式为“答案：”。",
        "一列火车5小时行驶350千米。3小时行驶多少千米？\n请逐步推理，并把最终答案写在“答案是”之后。",
    ],
)
def test_a_quoted_answer_label_is_a_test_items_format(text):
    assert answer_extraction(text)  # old code: False for every one


@pytest.mark.parametrize(
    "text",
    [
        'What does "answer" mean in French?',
        'He said "the answer is 42" and left.',
        'My teacher wrote "Answer: see page 4" on my homework, what does she mean?',
        "“答案”这个词怎么用？",
    ],
)
def test_quoting_the_word_is_not(text):
    assert not answer_extraction(text)

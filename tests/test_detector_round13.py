"""Blind round 13's evaluation suite (its own multilingual date, arithmetic and logic items) was
flagged at its first replay: answer-format lines outside English and English answer-only requests
read as no test item (session 27)."""

from __future__ import annotations

import pytest

from stillroom.detector.evaluation import answer_extraction

ITEM = "Welcher Wochentag ist 6 Tage nach einem Dienstag?"


@pytest.mark.parametrize(
    "text",
    [
        f'{ITEM}\n\nDenke Schritt für Schritt nach und gib dann die Antwort als "Antwort: <Antwort>" an.',
        '¿Qué día es 222 días después de un lunes? Da la respuesta como "Respuesta: <respuesta>".',
        'Quelle est la date ? Donne la réponse finale sous la forme "Réponse : <réponse>".',
        "一共有多少个苹果？最后一行写：答案：<答案>",
        "What is the date 134 days after June 09, 2025? Answer in the format YYYY-MM-DD.\n\nRespond with only the final answer.",
        "How many legs do 3 spiders have? Answer with just the number.",
    ],
)
def test_answer_formats_of_multilingual_suites_read_as_test_items(text):
    assert answer_extraction(text)  # old code: False for every one


@pytest.mark.parametrize(
    "text",
    [
        "Tell me just the facts about the Roman empire, please.",
        "Antworte mir bitte ausführlich: wie funktioniert ein Kühlschrank?",
        "Write a story where the answer to everything is love.",
    ],
)
def test_ordinary_requests_do_not(text):
    assert not answer_extraction(text)

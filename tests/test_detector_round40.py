"""Blind round 40 (many accounts): an app's system prompt naming data generation blocked the app.

A hackathon team's quiz app sent every request with the system prompt "You are QuizRush. Your
job: write multiple-choice trivia questions as JSON with keys question, options and answer." and a
user turn "Turn this into a multiple-choice quiz question ... as JSON: <a trivia question>". The
phrase patterns name the system prompt as data generation (question/answer records as JSON), and
a system prompt's naming counted as the users' own, so the key was blocked at its request 50.
A system prompt says what an app does; now it counts toward the data-generation share (suspect),
and only the users' own turns naming the practice may block (content.SYSTEM_COUNTS).
"""

from __future__ import annotations

import random

from stillroom.detector import Detector, DetectorConfig
from stillroom.detector.content import content_flags
from stillroom.detector.types import TrafficEvent

SYSTEM = (
    "You are QuizRush. Your job: write multiple-choice trivia questions as JSON with keys question,"
    " options and answer. Keep it under 150 words."
)
ASK = "Turn this into a multiple-choice quiz question with four options, exactly one correct, as JSON: {q}"
# trivia written here for this test
QUESTIONS = (
    "who painted the ceiling of the sistine chapel", "what is the longest river in africa",
    "when did the berlin wall fall", "who wrote pride and prejudice", "how many moons does mars have",
    "what is the capital of australia", "which planet has the great red spot", "who discovered penicillin",
    "what language is spoken in brazil", "when was the first moon landing", "what is the hardest natural mineral",
    "who composed the four seasons", "which ocean is the deepest", "what year did the titanic sink",
    "who invented the telephone", "what is the smallest country in the world",
)  # fmt: skip
META = (
    "Come up with 20 diverse task instructions about {q}. Number them; each must be self-contained and"
    " different in task type."
)


def _key(key: str, n: int, user: str, system: str | None, seed: int = 40) -> list[TrafficEvent]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        q = rng.choice(QUESTIONS) + rng.choice(("", "?", " ?"))
        p = user.format(q=q)
        msgs = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": p}]
        params = {"temperature": 0.7, "response_format": {"type": "json_object"}}
        out.append(TrafficEvent(key, 1000.0 + 40 * i + rng.uniform(0, 30), "chat", p, msgs, params))
    return out


def test_a_system_prompt_naming_data_generation_counts_but_is_not_named():
    """The request counts as data generation, but not as the users' own naming of it (old: both)."""
    flags = content_flags(_key("quiz", 1, ASK, SYSTEM)[0])
    assert "datagen" in flags and "datagen_named" not in flags, flags


def test_the_users_own_words_still_name_it():
    flags = content_flags(_key("gen", 1, META, None)[0])
    assert {"datagen", "datagen_named"} <= set(flags), flags
    with_system = content_flags(_key("gen", 1, META, SYSTEM)[0])
    assert {"datagen", "datagen_named"} <= set(with_system), with_system


def test_the_quiz_app_is_not_blocked_and_a_meta_prompt_harvest_is():
    """Replayed alone, the quiz app reached block at request 50 on the old code; now it may reach
    suspect (what its users send is the quiz maker's data generation) but never block. The same
    volume of self-instruct meta-prompts in the user turns still blocks."""
    det = Detector(DetectorConfig(seed=0))
    quiz = [det.observe(e).verdict for e in _key("quiz", 150, ASK, SYSTEM)]
    assert "block" not in quiz, quiz.index("block")
    det = Detector(DetectorConfig(seed=0))
    harvest = [det.observe(e).verdict for e in _key("gen", 150, META, None, seed=41)]
    assert "block" in harvest

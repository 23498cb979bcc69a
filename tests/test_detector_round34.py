"""Blind round 34's evaluation lab (session 46): after its suites it ran AlpacaEval's weighted judge,
max_tokens 1 with top_logprobs 5 on every judge call, and reached suspect 0.68 at request 4,081 on
the harvest term alone. Log-probabilities of a one- or two-token answer are a score read off one
position (harnesses, judges, calibration studies); they count a quarter of a distribution harvest."""

from __future__ import annotations

from stillroom.detector import Detector, DetectorConfig
from stillroom.detector.features import Window, extract, features
from stillroom.detector.score import distribution_signal
from stillroom.detector.types import TrafficEvent

JUDGE = (
    "I require a leaderboard for various large language models. I'll provide you with prompts given to "
    "these models and their corresponding outputs. Your task is to assess these responses, and select the "
    "model that produces the best output from a human perspective.\n\n## Instruction\n\n{q}\n\n"
    "## Model Outputs\n\n(m) {a}\n\n(M) {b}\n\nAnswer with the identifier of the better model: m or M."
)
QUESTIONS = [
    "How do I keep basil alive indoors in winter?",
    "Write a limerick about a forgetful robot.",
    "What is the difference between a virus and a bacterium?",
    "Suggest three names for a bakery that sells only rye bread.",
    "Explain what a mortgage offset account is.",
    "Why is the sky darker at the zenith than near the horizon?",
    "How should I prepare for a behavioural job interview?",
    "Summarise the plot of Moby-Dick in two sentences.",
]


def judge_calls(max_tokens: int, n: int = 240) -> list[TrafficEvent]:
    return [
        TrafficEvent(
            "lab",
            1_000.0 + 2.0 * i,
            "chat",
            JUDGE.format(q=f"{QUESTIONS[i % len(QUESTIONS)]} (case {i})", a="Answer one.", b="Answer two."),
            None,
            {"temperature": 1.0, "max_tokens": max_tokens, "logprobs": True, "top_logprobs": 5},
        )
        for i in range(n)
    ]


def test_one_token_log_probabilities_are_a_score_not_a_harvest():
    def window(events):
        w = Window(200, top_logprobs_high=5, max_tokens_high=2048)
        for e in events:
            w.add(extract(e))
        return features(w)

    score, harvest = window(judge_calls(1)), window(judge_calls(512))
    assert score["top_logprobs_share"] == harvest["top_logprobs_share"] == 1.0
    assert score["top_logprobs_scoring_share"] == 1.0 and harvest["top_logprobs_scoring_share"] == 0.0
    assert distribution_signal(score) < 0.5 * distribution_signal(harvest)  # old code: equal


def test_the_judge_key_harvest_term_falls():
    terms = {}
    for max_tokens in (1, 512):
        det = Detector(DetectorConfig(seed=0))
        for e in judge_calls(max_tokens):
            a = det.observe(e)
        terms[max_tokens] = a.contributions.get("harvest", 0.0)
    assert terms[512] > 0.2  # a long-answer logprob harvest keeps its term
    assert terms[1] < 0.5 * terms[512], terms  # old code: the same term for both

"""The learned reader of requests for training data, grades and reasoning (detector/asks.py).

Its test sets were written blind (bench/data/asks/test_*.json: never trained on), so recall here
is the model's, not a memory of its training prompts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stillroom.detector import asks, content, recognisers
from stillroom.detector.types import TrafficEvent

SETS = Path(__file__).resolve().parents[1] / "bench" / "data" / "asks"
PHRASES = {
    "datagen": recognisers.data_generation,
    "rubric": recognisers.rubric_grading,
    "cot": recognisers.cot_elicitation,
}


def blind(name: str) -> dict[str, list[str]]:
    return json.loads((SETS / f"{name}.json").read_text())


def flags(prompt: str) -> tuple[str, ...]:
    return content.content_flags(
        TrafficEvent("k", 0.0, "chat", prompt, [{"role": "user", "content": prompt}], {})
    )


def test_the_shipped_model_loads_with_thresholds_set_out_of_source():
    m = asks.default_model()
    assert m is not None
    assert m.weights.shape[1] == len(asks.CLASSES)
    assert all(0.5 <= t < 1.0 for t in m.thresholds[1:])
    assert {"train_a", "train_b"} <= set(m.meta["train_sets"])
    assert not any(name.startswith("test_") for name in m.meta["train_sets"])


@pytest.mark.parametrize(("kind", "least"), [("datagen", 20), ("rubric", 18)])
def test_requests_the_phrase_patterns_miss_are_read(kind, least):
    """Before: the phrase patterns matched 6/30 data-generation and 8/30 grading prompts of the
    first blind set; with the model the detector's content flags carry many more."""
    prompts = blind("test_blind1")[kind]
    caught = sum(kind in flags(p) for p in prompts)
    phrases = sum(bool(PHRASES[kind](p)) for p in prompts)
    assert caught >= least > phrases, (caught, phrases)


def test_look_alikes_written_blind_are_left_alone():
    benign = blind("test_blind1")["benign"] + blind("test_blind2")["benign"]
    fired = [p for p in benign if asks.asks(p)]
    assert len(fired) <= 1, fired


def test_verbalised_confidence_is_not_read_as_reasoning():
    """A calibration researcher's "answer, then give your confidence (0-100%)" wrapper was read as a
    chain-of-thought request on every prompt and, as the wrapper's backing, blocked the key (a
    reviewer's blind persona, session 14). Look-alikes of that kind (train_f.json) are now in the
    training data; a fourth set written blind after them (test_blind4) is not: before, the model
    fired on 2 of its 50 look-alikes; requests that ask for reasoning *and* a confidence stay CoT."""
    sets = blind("test_blind4")
    fired = [p for p in sets["benign"] if asks.asks(p)]
    assert not fired, fired
    assert sum("cot" in flags(p) for p in sets["cot"]) >= 9


def test_a_system_prompt_is_read_once_and_counts():
    asks.asks_system.cache_clear()
    system = next(p for p in blind("test_blind2")["datagen"] if asks.asks(p) == ("datagen",))
    event = TrafficEvent(
        "k",
        0.0,
        "chat",
        "Topic: volcanoes",
        [{"role": "system", "content": system}, {"role": "user", "content": "Topic: volcanoes"}],
        {},
    )
    assert "datagen" in content.content_flags(event)
    content.content_flags(event)
    assert asks.asks_system.cache_info().hits >= 1


def test_without_the_model_file_the_phrase_patterns_remain(monkeypatch):
    prompt = next(
        p for p in blind("test_blind1")["datagen"] if asks.asks(p) and not recognisers.data_generation(p)
    )
    assert "datagen" in flags(prompt)
    monkeypatch.setattr(asks, "default_model", lambda: None)
    assert "datagen" not in flags(prompt)

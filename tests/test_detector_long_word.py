"""A prompt that normalises into one very long word (each U+3392 "㎒" expands to three letters)
raised IndexError out of `observe` (provenance.word_hashes indexed past its power table): any
client could send one. Found by session 36's speed-up pass."""

from __future__ import annotations

from stillroom.detector import Detector, DetectorConfig, TrafficEvent


def test_a_prompt_of_one_enormous_word_is_assessed():
    det = Detector(DetectorConfig(seed=0))
    text = "\u3392" * 1000
    a = det.observe(TrafficEvent("k", 1.0, "chat", text, [{"role": "user", "content": text}], {}))
    assert a.verdict in ("ok", "watch", "suspect", "block")

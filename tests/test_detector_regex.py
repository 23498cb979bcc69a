"""Request text cannot make the detector's regular expressions slow (detector/regex.py)."""

from __future__ import annotations

import gzip
import json
import random
import re
import time
from pathlib import Path

import pytest

from stillroom.detector import (
    Detector,
    DetectorConfig,
    content,
    evaluation,
    features,
    provenance,
    recognisers,
    text,
)
from stillroom.detector.regex import COMPILED, linear, translate
from stillroom.detector.types import TrafficEvent

TRAFFIC = Path(__file__).resolve().parents[2] / "shared" / "traffic"

# text shapes that make backtracking engines slow: runs of whitespace and newlines, option and
# section openings repeated, and a last character that fails every pattern
ADVERSARIAL = [
    " \n" * 40 + "x",
    "\n" * 8000 + "x",
    " " * 8000 + "!",
    "\t\n" * 4000 + "\x00",
    "A. " * 2500 + "\n",
    "Question: x\n" * 600,
    "def f():\n" + " \n" * 3000,
    "a " * 4000 + "?",
]


def test_translate_keeps_pythons_meaning() -> None:
    assert linear(r"think\s+step").search("think\u00a0step")  # a no-break space is whitespace
    assert linear(r"^\d+$").search("\uff11\uff12")  # full-width digits are digits
    assert linear(r"answer:\s*$", re.I).search("Answer:\n")  # `$` before a final newline
    assert not linear(r"answer:$").search("answer:\n\nmore")
    assert linear(r"a[\s\S]*?b", re.S).search("a\n\u3000b")
    assert linear(r"[\u4e00-\u9fff]+").search("中文")
    assert linear(r"^x", re.M).search("a\nx")
    assert linear(r"\w+").search("é")
    assert translate("a$", re.M) == "(?m)a$"
    with pytest.raises(ValueError):
        translate(r"[\W]")
    with pytest.raises(ValueError):  # \S inside a class is only right as "[\s\S]"
        translate(r"\s[^\S\n]x")
    with pytest.raises(ValueError):
        translate("a b", re.X)


@pytest.mark.timeout(120)
def test_adversarial_prompts_cost_milliseconds_in_observe() -> None:
    """Before regex.linear, `" \\n" * 22 + "x"` cost 4 s in `observe` (x4 per extra repeat: 40 repeats
    never return) and 2,000 newlines cost seconds: the guard's event loop stalled on one request."""
    det = Detector(DetectorConfig(seed=0))
    det.observe(TrafficEvent("warm", 0.0, "chat", "hello there", [{"role": "user", "content": "hello"}]))
    for i, prompt in enumerate(ADVERSARIAL):
        for endpoint in ("chat", "completions"):
            msgs = [{"role": "system", "content": prompt}, {"role": "user", "content": prompt}]
            ev = TrafficEvent(f"k{i}", float(i), endpoint, prompt, msgs if endpoint == "chat" else None)
            t0 = time.thread_time()  # CPU time: a loaded machine does not fail the test
            det.observe(ev)
            assert time.thread_time() - t0 < 0.5, (endpoint, prompt[:20])


def _python_patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for mod in (recognisers, evaluation, provenance, features, content, text):
        for name, v in vars(mod).items():
            if isinstance(v, re.Pattern):
                out.append((f"{mod.__name__}.{name}", v))
    return out


@pytest.mark.timeout(300)
def test_the_re_patterns_left_are_linear() -> None:
    """Patterns kept on Python's `re` (many short matches: words, pronouns, numbers) must not
    backtrack: each call on 8,000 adversarial characters stays far under (CPU time) what a quadratic
    pattern takes (the ones moved to RE2 took 0.1-1.5 s at 2,000 characters, ~16x that at 8,000)."""
    pats = _python_patterns()
    assert len(pats) >= 5
    for name, p in pats:
        for s in ADVERSARIAL:
            t0 = time.thread_time()
            p.search(s)
            p.findall(s)
            assert time.thread_time() - t0 < 0.25, (name, s[:12])


def _real_texts(n: int) -> list[str]:
    texts = []
    for f in sorted(TRAFFIC.glob("*.jsonl.gz")):
        with gzip.open(f, "rt") as fh:
            for line in fh:
                for m in json.loads(line).get("messages") or []:
                    ok = isinstance(m, dict) and m.get("role") in ("user", "system")
                    if ok and isinstance(m.get("content"), str):
                        texts.append(m["content"])
    return random.Random(0).sample(texts, min(n, len(texts)))


@pytest.mark.skipif(not TRAFFIC.is_dir(), reason="../shared/traffic is not present")
def test_linear_patterns_answer_as_python_does_on_real_text() -> None:
    """Every pattern compiled through `linear` finds a match on the same real prompts as
    `re.compile` of its source (the recognisers read a prompt's head: 1,536 characters here)."""
    texts = [t[:1536] for t in _real_texts(3000)]
    assert len(COMPILED) >= 25
    differ = {}
    for src, flags, fast in COMPILED:
        slow = re.compile(src, flags)
        bad = [t for t in texts if bool(slow.search(t)) != bool(fast.search(t))]
        if bad:
            differ[src[:40]] = bad[:2]
    assert not differ

"""A deterministic teacher with no model: for gateway, detector and arena tests that need speed.

It answers from a hash of the prompt, so the same prompt always gets the same answer, and it
fills logprobs with a valid (normalised) distribution over a small fake vocabulary.
"""

from __future__ import annotations

import hashlib
import math
from typing import Any

from stillroom.teachers.base import Completion, GenParams, Prompt

WORDS = [  # the whole vocabulary: token id i is WORDS[i], and an answer is its words joined by spaces
    "the",
    "answer",
    "is",
    "that",
    "we",
    "consider",
    "each",
    "part",
    "in",
    "turn",
    "and",
    "then",
    "combine",
    "them",
    "into",
    "a",
    "clear",
    "result",
    "so",
    "first",
    "note",
    "the",
    "key",
    "idea",
    "second",
    "apply",
    "it",
    "carefully",
    "finally",
    "check",
    "the",
    "outcome",
]


class FakeTeacher:
    name = "fake"
    words = WORDS
    vocab_size = len(WORDS)

    def info(self) -> dict[str, Any]:
        return {"backend": "fake", "spec": self.name, "vocab_size": self.vocab_size}

    def generate(self, prompts: list[Prompt], params: GenParams) -> list[Completion]:
        out = []
        for i, prompt in enumerate(prompts):
            text = prompt if isinstance(prompt, str) else prompt[-1]["content"]
            for s in range(params.n):
                out.append(self._one(text, i, s, params))
        return out

    def _one(self, text: str, i: int, s: int, params: GenParams) -> Completion:
        seed = int.from_bytes(
            hashlib.sha256(f"{text}|{s if params.temperature > 0 else 0}".encode()).digest()[:8]
        )
        n = min(params.max_new_tokens, 8 + seed % 24)
        ids = [(seed >> (t % 48)) % self.vocab_size for t in range(n)]
        c = Completion(
            text=" ".join(WORDS[t] for t in ids),
            token_ids=ids,
            finish_reason="stop" if n < params.max_new_tokens else "length",
            prompt_tokens=len(text.split()),
            prompt_index=i,
            sample=s,
        )
        if params.top_logprobs:
            k = min(params.top_logprobs, self.vocab_size)
            # A fixed distribution: chosen token gets half the mass, the rest share the remainder.
            rest = math.log(0.5 / (self.vocab_size - 1))
            c.top_ids = [[t] + [(t + j) % self.vocab_size for j in range(1, k)] for t in ids]
            c.top_logprobs = [[math.log(0.5)] + [rest] * (k - 1) for _ in ids]
        c.logprobs = [math.log(0.5)] * n
        return c

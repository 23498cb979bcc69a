"""What a prompt asks the model to produce for someone else's training: data, grades or reasoning.

The recognisers (recognisers.py) name these requests by phrase patterns written from the public
pipelines, and on wordings nobody here wrote they miss most of them: of 140 prompts written blind
by a helper (bench/data/asks/test_blind2.json), the patterns matched data generation 4/40,
grading 6/40, CoT 15/40. This model reads the same three requests by style: a hashed n-gram
logistic regression over `provenance.featurise` (character 1-4-grams, words, bigrams, structure),
classes "none", "datagen", "rubric", "cot".

Trained by bench/asks.py on data this project wrote and on ../shared/traffic only: the positives
are prompts written for it by helpers who never saw the recognisers or the test sets
(bench/data/asks/train_*.json), the negatives every user turn of ../shared/traffic (real chat,
evaluation suites, instruction sets: an instruction set's *items* are tasks, not requests for
training data) plus hand-written look-alikes (step-by-step guides, rating one's own essay,
Midjourney prompts). A class fires at the threshold in the model file: the least probability that
fires on at most 0.1% of the real turns out of source and on at most 0.5% (data generation) or 2%
(grading, CoT) of any one source's turns (bench/results/asks.txt). On the three blind test sets,
patterns or model: data generation 23/30, 31/40, 20/40 (patterns alone 6, 4, 2), grading 23/30,
21/40, 14/40 (8, 6, 6), CoT 36/40, 31/40, 21/40 (27, 15, 6); blind benign look-alikes: the model
fired on 1 of 220 (bench/results/asks.txt, session 41). Structured work over pasted material (a
note from a visit transcript, JSON extraction from a report) was read as grading or data
generation until train_h.json's look-alikes were added (session 41: blind round 30's
clinical-documentation app, 36% of its prompts read as grading, 1 of 1,664 after; its
pharmacovigilance intake 457 of 1,127 read as data generation, 28 after; the test sets' recall did not
fall). Competitive-programming problems with their tests still read as grading (round 29's
code-reasoning harvest: 57% of its prompts). The third set (session 12: multilingual, uncommon wordings) was written by a
helper who saw only the class descriptions; trained without the session-12 sets (train_d, train_e)
the model read 13, 10 and 8 of its 40 per class. Grading requests in other languages are the
weakest.
It is one signal beside the phrase patterns (content.content_flags ORs them); per-key shares
still decide (content.DATAGEN, COT, RUBRIC), so one "grade my essay" does not flag a key.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from stillroom.detector import provenance

CLASSES = ("none", "datagen", "rubric", "cot")
MODEL_PATH = Path(__file__).with_name("data") / "asks.npz"


@dataclass(frozen=True)
class Model:
    """Weights [provenance.N_FEATURES, 4] (float16 on disk), bias [4], a threshold per class."""

    weights: np.ndarray
    bias: np.ndarray
    thresholds: np.ndarray
    meta: dict

    def probs(self, idx: np.ndarray, val: np.ndarray) -> np.ndarray:
        z = val @ self.weights.take(idx, axis=0) + self.bias
        p = np.exp(z - np.maximum.reduce(z))  # provenance.Model.classify: the ufuncs' own reduce
        return p / np.add.reduce(p)

    def asks(self, idx: np.ndarray, val: np.ndarray) -> tuple[str, ...]:
        """The classes (other than "none") at or above their threshold, for featurised text
        (compared as Python floats: the same float32 and float64 values without numpy scalars)."""
        p = self.probs(idx, val).tolist()
        return tuple(
            c for c, q, t in zip(CLASSES[1:], p[1:], self.thresholds.tolist()[1:], strict=True) if q >= t
        )

    def save(self, path: Path | str = MODEL_PATH) -> None:
        provenance.write_model(
            path, self.meta, weights=self.weights, bias=self.bias, thresholds=self.thresholds
        )


def load(path: Path | str = MODEL_PATH) -> Model:
    arrays, meta = provenance.read_model(path)
    return Model(arrays["weights"], arrays["bias"], arrays["thresholds"], meta)


@lru_cache(maxsize=1)
def default_model() -> Model | None:
    """The shipped model, loaded once (None if the file is absent: the phrase patterns remain)."""
    return load(MODEL_PATH) if MODEL_PATH.exists() else None


def asks(text: str, features: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[str, ...]:
    """Which of "datagen", "rubric", "cot" this prompt asks for; `features` is
    `provenance.featurise(text)` where the caller has it already."""
    model = default_model()
    if model is None or not text:
        return ()
    idx, val = features if features is not None else provenance.featurise(text)
    return model.asks(idx, val)


@lru_cache(maxsize=4096)
def asks_system(system: str) -> tuple[str, ...]:
    """`asks` for a system prompt: apps send the same one with every request, so it is cached."""
    return asks(system)

"""Prompt provenance: is this prompt written like an instruction dataset, a human, or a test item?

Distillers replay instruction sets (Alpaca/self-instruct, Evol-Instruct, FLAN/Orca, BELLE...) or
generate their own with an LLM; those prompts share a *style*: self-contained imperative tasks
("Create a function that...", "Rewrite the sentence..."), "Input:"-style sections, no first-person
context, clean punctuation. Real users write with context, typos, pasted material and follow-ups;
evaluation suites have option lists, "Answer:" cues and code stubs. `classify(text)` returns the
three class probabilities of a hashed n-gram logistic regression over that style.

Labels are by style, not by who used the data: real users' prompts that a distiller replayed
(ShareGPT, InstructionWild, LIMA's curated human questions) are *human* here, so the classifier
does not learn "real human text => distiller"; replays of real-user pools are left to behavioural
evidence. bench/provenance.py documents the per-source labels, rebuilds the model file
deterministically and measures how it generalises to sources it was not trained on.

Features (all hashed into one 2^18 table, so any script or language works without a vocabulary):
- character 1-4-grams of the NFKC-normalised, lower-cased text with start/end markers,
- ASCII/Latin word unigrams and bigrams, and the first two words with their position,
- ~20 structural numbers: length, lines, case, digits, CJK share, option lists, sections, code...
Each n-gram family is scaled by 1/sqrt(count), so long and short prompts are comparable. Prompts
longer than `MAX_CHARS` keep their head and tail only (templates live at both ends; the middle of
a pasted document says little about who wrote the request), which bounds the cost per request.

Measured (bench/results/provenance.txt; keys of 50-300 prompts drawn from one source):
- trained on the TUNE sources only, the pooled AUC of P(instruction) on the VAL sources is 0.924
  (P(eval): 0.829); VAL keys flagged: huatuo (instruction-style) 100% after 13 requests; every
  human- and eval-style VAL source 0%, except sharegpt_zh (machine-translated real users) 100%:
  the TUNE sources hold no Chinese human text, so Chinese reads as instruction style there;
- leave-one-source-out over all sources: pooled AUC 0.731 (eval 0.773). A held-out source is
  recognised when another training source shares its style (belle <-> huatuo: 97-99% hits) and
  missed when none does (codealpaca 31% hits, Orca/FLAN 5%, Evol-Instruct 13%, MOSS 37%); human
  sources stay at 0% of keys flagged, sharegpt_zh at 7% of 100-prompt keys;
- read by language, that pooled 0.731 is mostly "Chinese reads as instruction data": within the
  English sources alone LOSO instruction-vs-rest AUC is 0.506, within the Chinese ones 0.504
  (bench/results/provenance-embed.txt). On an instruction set unlike every training source the
  per-prompt style is near chance; the detector's recall there rests on behaviour (templates,
  volume x breadth, data-generation and CoT requests, replayed histories), not on this model.
  MiniLM sentence embeddings do no better (0.463 / 0.434 within language) at 60x the cost;
- the shipped model is trained on every labelled source (bench/provenance.py build).

Inference is numpy-only: a gather of weight rows and a sum, then softmax(logits / T), where the
temperature T was fitted on leave-source-out predictions so that probabilities stay honest on a
source the model never saw.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
from numba import njit

from stillroom.detector.jit import kernel

CLASSES = ("instruction", "human", "eval")
MODEL_PATH = Path(__file__).with_name("data") / "provenance.npz"

D_BITS = 18
D = 1 << D_BITS
MAX_CHARS = 2048  # longer prompts keep HEAD + TAIL characters
HEAD, TAIL = 1536, 512
MAX_NGRAM = 4

_P = np.uint64(0x100000001B3)  # odd multiplier of the polynomial rolling hash
_MIX1 = np.uint64(0x9E3779B97F4A7C15)
_MIX2 = np.uint64(0xBF58476D1CE4E5B9)
_SHIFT_OUT = np.uint64(64 - D_BITS)
_SHIFT_MIX = np.uint64(31)
# family tags keep the same n-gram from colliding across families on purpose
F_CHAR, F_WORD, F_BIGRAM, F_FIRST = 0x11, 0x23, 0x35, 0x47
START, END = "\x02", "\x03"

_SECTION = re.compile(
    r"^[^\S\n]*(?:#+\s*)?(?:input|output|instruction|response|context|question|answer|options?|text|"
    r"sentence|passage|article|premise|hypothesis|example|solution|choices|输入|输出|问题|答案|选项)"
    r"\s*[:：]",
    re.I | re.M,
)
_OPTION = re.compile(r"^[^\S\n]*(?:\(?[A-Ea-e][\).:]|[A-E]\s*[、.．])\s*\S", re.M)
_CODE = re.compile(r"^(?: {4}|\t)|[{};]\s*$|^[^\S\n]*(?:def|class|import|#include|function|public)\b", re.M)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|my|me|mine|we|our|us)\b")
_SECOND_PERSON = re.compile(r"\byou(?:r|rs)?\b")
# Every match of those two is a whole word (a maximal run of word characters: "i'm" matches as
# "i"), so in ASCII text they count these words: `_pronouns`
_FIRST_WORDS = frozenset(b"i my me mine we our us".split())
_SECOND_WORDS = frozenset(b"you your yours".split())
_NON_WORD_BLANK = bytes(c if re.match(r"\w", chr(c)) else 32 for c in range(256))  # ASCII \W -> space
_BLANKS = ("\t", "\r", "\f", "\v", "\u3000")  # spaces to `normalise`, with the space itself
# every match of _CODE holds one of these: most prompts skip its scan (4.7 us on VAL's prompts)
_CODE_CUES = ("    ", "\t", "{", "}", ";", "def", "class", "import", "#include", "function", "public")
N_DENSE = 20
N_FEATURES = D + N_DENSE
_DENSE_IDX = np.arange(D, N_FEATURES, dtype=np.uint64)  # uint64: the hashes' type, to concatenate
_ONES = [1] * N_DENSE


class Provenance(NamedTuple):
    """Class probabilities for one prompt (they sum to 1)."""

    instruction: float
    human: float
    eval: float

    @property
    def label(self) -> str:
        """The most probable class: the per-prompt hit rule the per-key evidence counts. It does
        not depend on the temperature, which flattens probabilities to stay honest on unseen
        sources (with T ~3.8, "P >= 0.5" would miss a third of an in-sample instruction set)."""
        return CLASSES[max(range(len(CLASSES)), key=self.__getitem__)]


def clip(text: str) -> str:
    """Head and tail of a long prompt: bounds the cost at 32k characters and keeps both ends."""
    return text if len(text) <= MAX_CHARS else text[:HEAD] + "\n" + text[-TAIL:]


def normalise(text: str) -> str:
    """NFKC (full-width punctuation -> ASCII), lower case, runs of spaces/tabs -> one space."""
    t = unicodedata.normalize("NFKC", clip(text)).lower()
    for blank in _BLANKS:
        if blank in t:
            t = t.replace(blank, " ")
    # each pass halves every run of spaces: what a regex sub of each run by one space gives, ~6x
    # faster where the text has a run (a third of prompts; the sub was 15 us of those)
    while "  " in t:
        t = t.replace("  ", " ")
    return t.strip(" ")


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


# which code points are word characters for `word_hashes` (one table lookup instead of seven
# comparisons, and no np.r_: 45-51 -> 21-25 us on a 280-character prompt); code points past the
# table are not (its last entry, which `take(mode="clip")` reads for them)
_WORD_TABLE = np.zeros(0x251, dtype=bool)
for _lo, _hi in ((97, 122), (48, 57), (39, 39), (0xC0, 0x24F)):
    _WORD_TABLE[_lo : _hi + 1] = True


@njit(inline="always")
def _mix(h: np.uint64, family: np.uint64) -> np.uint64:
    """A hash mixed with its family tag, its top D_BITS bits kept (splitmix64's finaliser steps)."""
    h ^= family
    h *= _MIX1
    h ^= h >> _SHIFT_MIX
    h *= _MIX2
    return h >> _SHIFT_OUT


@kernel
def _feature_ids(codes: np.ndarray, word_table: np.ndarray, tail: np.ndarray) -> tuple[np.ndarray, int, int]:
    """Bucket ids of a prompt's hashed features, in `featurise`'s order: every 1..MAX_NGRAM
    character n-gram (n = 1 first), then each word, each word bigram and the first two words
    (their positions added), then the ids in `tail` as they are. Returns (ids as int64, the
    character n-grams' count, the word features' count).

    Compiled (numba), not numpy: the same ids - a polynomial hash sum c_j P^(j - start) of each
    n-gram and word, wrapping in uint64, mixed with its family tag and cut to D_BITS bits - took
    ~20 numpy calls, each with its fixed cost whatever the prompt's length; `featurise` went from
    65-79 to 42-45 us a prompt (session 51, a loaded host; tests/test_detector_provenance.py's
    `test_features_are_pinned` holds the ids and values to a digest taken from the numpy code). Words are runs of `word_table` characters (a code point past the table is none);
    `codes` of START + text + END: the markers are no word characters."""
    n = len(codes)
    p = _P
    n_chars = 0
    for k in range(1, MAX_NGRAM + 1):
        n_chars += max(0, n - k + 1)
    starts = np.empty(n, np.int64)
    ends = np.empty(n, np.int64)
    n_w = 0
    inside = False
    last = len(word_table) - 1
    for i in range(n):
        c = codes[i]
        w = word_table[c] if c < last else word_table[last]
        if w and not inside:
            starts[n_w] = i
            inside = True
        elif inside and not w:
            ends[n_w] = i
            n_w += 1
            inside = False
    n_words = n_w + max(0, n_w - 1) + min(2, n_w)
    out = np.empty(n_chars + n_words + len(tail), np.uint64)
    o = 0
    for k in range(1, MAX_NGRAM + 1):
        family = np.uint64(F_CHAR + k)
        for i in range(n - k + 1):
            h = np.uint64(0)
            for j in range(i, i + k):
                h = h * p + codes[j]
            out[o] = _mix(h, family)
            o += 1
    wh = np.empty(n_w, np.uint64)
    for t in range(n_w):
        h = np.uint64(0)
        pw = np.uint64(1)
        for j in range(starts[t], ends[t]):
            h += codes[j] * pw
            pw *= p
        wh[t] = h
        out[o] = _mix(h, np.uint64(F_WORD))
        o += 1
    for t in range(n_w - 1):
        out[o] = _mix(wh[t] * p + wh[t + 1], np.uint64(F_BIGRAM))
        o += 1
    for t in range(min(2, n_w)):
        out[o] = _mix(wh[t] + np.uint64(t), np.uint64(F_FIRST))
        o += 1
    for t in range(len(tail)):
        out[o] = tail[t]
        o += 1
    return out.view(np.int64), n_chars, n_words


# code-point classes for the character shares: <48 | digits | 58-64 | A-Z | 91-96 | a-z | 123-127 |
# other non-ASCII | kana+CJK | A000-ABFF | Hangul | above
_CLASS_BOUNDS = np.array([48, 58, 65, 91, 97, 123, 128, 0x3040, 0xA000, 0xAC00, 0xD7B0], dtype=np.uint32)


# ASCII upper-case letters, digits and lower-case letters to U, D and L for `_char_counts` (every
# other byte is none of those three)
_ASCII_CLASS = bytes.maketrans(
    bytes(range(65, 91)) + bytes(range(48, 58)) + bytes(range(97, 123)), b"U" * 26 + b"D" * 10 + b"L" * 26
)


def _char_counts(text: str) -> tuple[int, int, int, int, int, int]:
    """(characters, ASCII upper-case letters, digits, lower-case letters, non-ASCII characters,
    kana/CJK/Hangul) of a text. ASCII text is counted on its bytes mapped to their classes (one
    `bytes.translate` and three counts: 1.1 us a prompt; three translates deleting a class, 1.7 us;
    the histogram of code-point classes, 4.3 us)."""
    if text.isascii():
        c = text.encode().translate(_ASCII_CLASS)
        return len(c), c.count(b"U"), c.count(b"D"), c.count(b"L"), 0, 0
    c = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    counts = np.bincount(np.searchsorted(_CLASS_BOUNDS, c, side="right"), minlength=12).tolist()
    return len(c), counts[3], counts[1], counts[5], sum(counts[7:]), counts[8] + counts[10]


def _pronouns(norm: str) -> tuple[int, int]:
    """The matches of _FIRST_PERSON and _SECOND_PERSON in a normalised text. ASCII text counts its
    words instead (`_FIRST_WORDS`: the same numbers, 8 -> 3.5 us a prompt); elsewhere "you" must
    occur for the second (a substring test skips that scan on 84% of VAL's prompts)."""
    if norm.isascii():
        ws = norm.encode().translate(_NON_WORD_BLANK).split()
        first = len(list(filter(_FIRST_WORDS.__contains__, ws)))
        return first, len(list(filter(_SECOND_WORDS.__contains__, ws)))
    second = len(_SECOND_PERSON.findall(norm)) if "you" in norm else 0
    return len(_FIRST_PERSON.findall(norm)), second


def dense(raw: str, norm: str) -> list[float]:
    """Structural numbers, each roughly in [0, 1] (`featurise` makes them float32). Character
    shares come from one histogram of the clipped prompt's code points (a Python loop over 2k
    characters would cost ~1 ms)."""
    n, upper, digits, lower, nonascii, cjk = _char_counts(clip(raw))
    k = max(1, n)
    letters = max(1, upper + lower + nonascii)
    words = max(1, len(norm.split()))
    stripped = raw.strip()
    head = raw[:MAX_CHARS]
    first, second = _pronouns(norm)
    return [
        math.log1p(len(raw)) / 8,
        math.log1p(norm.count("\n") + 1) / 4,
        upper / letters,
        digits / k,
        cjk / k,
        nonascii / k,
        float(stripped[:1].islower()),
        float(stripped.endswith(("?", "？"))),
        float(stripped.endswith((":", "："))),
        min(len(_SECTION.findall(norm)), 4) / 4 if ":" in norm or "：" in norm else 0.0,
        min(len(_OPTION.findall(head)), 5) / 5,
        min(len(_CODE.findall(head)), 10) / 10 if any(map(head.__contains__, _CODE_CUES)) else 0.0,
        min(1.0, 5 * first / words),
        min(1.0, 5 * second / words),
        float("  " in stripped[:MAX_CHARS]),
        float(bool(stripped) and stripped[-1].isalnum()),
        float("http://" in norm or "https://" in norm or "www." in norm),
        float(raw.startswith(("\n", " "))),
        min(1.0, norm.count("?") / 3),
        math.log1p(len(norm) / words) / 3,
    ]


def featurise(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Sparse features of one prompt: (indices into N_FEATURES, values). Indices may repeat
    (hash collisions, repeated n-grams); consumers sum them, as a CSR matrix does. Every hashed
    family comes from one compiled pass over one encoding of the text (`_feature_ids`). The values are one float32 array
    repeated by count (the same numbers as filling slices, in two numpy calls instead of five)."""
    raw = text if isinstance(text, str) else ""
    norm = normalise(raw)
    idx, n_chars, n_words = _feature_ids(_codes(START + norm + END), _WORD_TABLE, _DENSE_IDX)
    scales = [1 / math.sqrt(max(1, n_chars)), 1 / math.sqrt(max(1, n_words))]
    val = np.array(scales + dense(raw, norm), np.float32).repeat([n_chars, n_words, *_ONES])
    return idx, val


@dataclass(frozen=True)
class Model:
    """Weights [N_FEATURES, 3] (float16 on disk), bias [3], softmax temperature, training notes."""

    weights: np.ndarray
    bias: np.ndarray
    temperature: float
    meta: dict

    def logits(self, text: str, features: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
        """`features`: `featurise(text)` where the caller has it already (the detector shares it
        with asks.py's model)."""
        idx, val = features if features is not None else featurise(text)
        return val @ self.weights.take(idx, axis=0) + self.bias  # take: 3x faster than [idx] here

    def classify(self, text: str, features: tuple[np.ndarray, np.ndarray] | None = None) -> Provenance:
        """softmax(logits / T). The ufuncs' own reduce, not ndarray.max/sum (the same reductions
        through a Python wrapper), and one tolist: ~2 us less a prompt."""
        z = self.logits(text, features) / self.temperature
        p = np.exp(z - np.maximum.reduce(z))
        p /= np.add.reduce(p)
        return Provenance._make(p.tolist())

    def margin(self, p: Provenance) -> float:
        """How far the instruction logit leads the best other class, before the temperature:
        the same scale for any model fitted this way, whatever temperature its calibration chose
        (a refit on fewer sources gets a flatter one), so a threshold on it transfers."""
        other = max(p.human, p.eval, 1e-12)
        return self.temperature * math.log(max(p.instruction, 1e-12) / other)

    def save(self, path: Path | str = MODEL_PATH) -> None:
        write_model(
            path, self.meta, weights=self.weights, bias=self.bias, temperature=np.float32(self.temperature)
        )


def write_model(path: Path | str, meta: dict, **arrays: np.ndarray) -> None:
    """A linear model file: `weights` as float16 (half the size on disk), the other arrays as
    given, `meta` as JSON. Shared with asks.py."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    arrays = {**arrays, "weights": arrays["weights"].astype(np.float16)}
    meta_bytes = np.frombuffer(json.dumps(meta, sort_keys=True).encode(), dtype=np.uint8)
    with open(path, "wb") as f:  # np.savez_compressed(path) would append ".npz" to odd names
        np.savez_compressed(f, meta=meta_bytes, **arrays)


def read_model(path: Path | str) -> tuple[dict[str, np.ndarray], dict]:
    """What `write_model` wrote: arrays (weights back to float32) and meta."""
    with np.load(path) as z:
        arrays = {k: z[k] for k in z.files if k != "meta"}
        meta = json.loads(z["meta"].tobytes().decode())
    arrays["weights"] = arrays["weights"].astype(np.float32)
    return arrays, meta


def load(path: Path | str = MODEL_PATH) -> Model:
    arrays, meta = read_model(path)
    return Model(arrays["weights"], arrays["bias"], float(arrays["temperature"]), meta)


@lru_cache(maxsize=1)
def default_model() -> Model:
    """The shipped model, loaded once per process (~3 MB of float32 weights in memory)."""
    return load(MODEL_PATH)


def classify(text: str) -> Provenance:
    """P(instruction-dataset style), P(human conversation), P(evaluation item) for one prompt."""
    return default_model().classify(text)

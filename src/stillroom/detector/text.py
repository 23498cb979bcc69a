"""Cheap, deterministic text sketches of a prompt: words, masked skeleton, hashed vector, MinHash.

Everything here is stable across processes (crc32 / blake2b, never Python's salted `hash`), so a
skeleton hash exported as a threat indicator by one deployment matches the same template in another.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
import zlib
from functools import lru_cache
from operator import add
from typing import NamedTuple

import numpy as np

from stillroom.detector.jit import kernel
from stillroom.detector.regex import linear

DIM = 256  # hashed bag-of-words space: topics and PRADA distances live here
SKELETON_TOKENS = 8  # a skeleton is the masked prompt's first 8 tokens (measured on `stillroom queries`)
MINHASH_PERMS = 32
MINHASH_BANDS = 4  # 4 bands x 8 rows: P(collide) ~0.5 at Jaccard 0.8, ~1e-5 at 0.2 (a window has 200 others)

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[^\sa-z0-9]", re.IGNORECASE)
# the same tokens for text lowered first, and one lower() of the text with a case-sensitive scan
# costs ~60% of a lower() per word (measured: 10.7 -> 6.2 us, 240 ASCII characters; 24 -> 18 us on
# non-ASCII prompts). Lowering changes no length and no class of any code point but these four
# (checked on every one): "İ" lowers to two characters, "ı" and "ſ" match [a-z] under re.I and do
# not lower into it, and "Σ" lowers by its neighbours (a final sigma)
_WORD_LOWER = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[^\sa-z0-9]")
_UNLOWERED = ("\u0130", "\u0131", "\u017f", "\u03a3")
# Function words and the scaffolding of instructions survive masking; every other word is a slot.
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "then",
        "else",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "about",
        "from",
        "into",
        "over",
        "under",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "not",
        "no",
        "yes",
        "can",
        "could",
        "should",
        "would",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "i",
        "you",
        "he",
        "she",
        "we",
        "they",
        "me",
        "my",
        "your",
        "our",
        "their",
        "his",
        "her",
        "them",
        "us",
        "so",
        "than",
        "too",
        "very",
        "just",
        "also",
        "only",
        "any",
        "some",
        "each",
        "every",
        "all",
        "both",
        "few",
        "more",
        "most",
        "other",
        "such",
        "own",
        "same",
        "between",
        "through",
        "during",
        "before",
        "after",
        "above",
        "below",
        "up",
        "down",
        "out",
        "off",
        "again",
        "further",
        "once",
        "explain",
        "describe",
        "write",
        "give",
        "list",
        "summarize",
        "summarise",
        "compare",
        "define",
        "tell",
        "show",
        "provide",
        "generate",
        "create",
        "answer",
        "question",
        "questions",
        "example",
        "examples",
        "short",
        "brief",
        "detailed",
        "simple",
        "step",
        "steps",
        "please",
        "using",
        "use",
        "one",
        "two",
        "three",
        "words",
        "sentence",
        "sentences",
        "paragraph",
        "paragraphs",
    ]
)

ARTICLES = frozenset(("a", "an", "the"))

# MinHash over word 3-grams. Not `queries/dedup.py`'s: these band keys live in saved detector
# states, so their values are pinned (tests/test_minhash_pins.py; the dedup docstring says why the
# two were not merged). The products wrap in uint64 before `% _P`, so this is a hash of that form,
# not the textbook Carter-Wegman family (which needs 128-bit products).
_P = (1 << 61) - 1  # Mersenne prime
_rng = np.random.default_rng(20190531)
_MH_A = _rng.integers(1, _P, MINHASH_PERMS, dtype=np.uint64)
_MH_B = _rng.integers(0, _P, MINHASH_PERMS, dtype=np.uint64)
_NONE = np.zeros(0, dtype=np.uint64)


class Sketch(NamedTuple):
    """What the detector keeps of one prompt (never the raw text). A NamedTuple: immutable, and
    built without a frozen dataclass's object.__setattr__ per field."""

    n_words: int
    skeleton: int  # 64-bit hash of the masked skeleton; 0 when the prompt is too short to say
    content: frozenset[str]  # content words, for follow-up detection
    vec: np.ndarray  # float32 [DIM], L2-normalised hashed content-word counts (zeros if none)
    bands: tuple[int, ...]  # MinHash LSH band hashes over word 3-shingles
    digest: int  # exact-text hash (whitespace/case normalised): shared pools across keys
    # the word 3-shingles' crc32s (uint64; for a prompt of 1-2 words the hash of its words, empty
    # for none): what novelty.Novelty counts new text by
    shingles: np.ndarray = _NONE


# Characters that render as nothing (Unicode's default-ignorable code points: the "format"
# characters, zero-width space and joiners, soft hyphen, bidi marks, tags, BOM; the combining
# grapheme joiner, Hangul fillers, Mongolian free variation selectors, variation selectors). Inside a
# word they split it for every reader here while a person, and a model, read the word whole: a
# reviewer's template sweep with U+200B or U+00AD after each word's first letter went from suspect
# 0.91 to watch 0.45, a later one's with U+034F or U+180B to 0.45-0.48. (The ranges written out:
# building them from unicodedata costs 0.5 s at import; tests/test_guard_review25.py checks the
# "Cf" ones against this Python's unicodedata.)
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
# Letters of other scripts drawn like Latin ones (Cyrillic, Greek, Armenian, Latin extensions),
# folded to the Latin letters they mimic: inside words that mix them with Latin letters ("Ехрlаin"
# with Cyrillic Е х р а: the sweep read 0.38), and words made of them alone where a neighbouring
# word is Latin or made of them too ("сӏаѕѕіſу еасһ": a text with no Latin letter left read
# 0.45) in a text that is nearly all look-alikes. Real Russian, Greek or Armenian words keep their
# letters, and the mixed-word rule is per word, so a text's head, its clipped copy and the whole
# text fold alike (the served-reply pairing compares them: a whole-text rule folded a Russian
# reply with code in it but not its streamed head).
_LOOKALIKES = "аеорсухіјѕԁһԛԝӏткгмАВЕНІЈКМОРСТХУЅοαρνικτυχΑΒΕΗΙΚΜΝΟΡΤΥΧΖոսհօցɡſıɑɩ"
_CONFUSABLE = str.maketrans(
    _LOOKALIKES, "aeopcyxijsdhqwltkrmABEHIJKMOPCTXYSoapviktuxABEHIKMNOPTYXZnuhoggsiai"
)
_LOOKALIKE = re.compile(f"[{_LOOKALIKES}]")
_MIXED = linear(rf"\w*(?:[A-Za-z]\w*[{_LOOKALIKES}]|[{_LOOKALIKES}]\w*[A-Za-z])\w*")
_LATIN = re.compile(r"[A-Za-z]")
_ONLY_LOOKALIKE = re.compile(f"[{_LOOKALIKES}0-9_]*[{_LOOKALIKES}][{_LOOKALIKES}0-9_]*")
# letters of those scripts that mimic no Latin letter
_GENUINE = re.compile(f"(?![{_LOOKALIKES}])[\u0370-\u03ff\u0400-\u052f\u0531-\u058f]")
_WORDS = re.compile(r"\w+")


# Accents sprinkled over English: a combining acute after each word's first letter ("Ẃrite á
# f́unction") is read through by a model but turned every classifier feature and phrase pattern
# into other words (session 27's red team: 400 dataset items from suspect 0.95 to watch 0.45).
# Where most words of a text's head carry a mark on a Latin letter, the marks are dropped. Written
# languages with accents mark a minority of words (French, Spanish, German, Czech prose: ~10-35%);
# Vietnamese marks most syllables and is read without its tones here, as the classifier reads it
# anyway. Marks on other scripts' letters (Devanagari vowel signs, Hebrew points) are kept.
MARKED_WORDS = (8, 0.5)  # marked words in the head: at least this many, and this share of its words
# combining marks: the diacritical blocks, and other scripts' marks, which on a Latin letter are
# only ever decoration (Cyrillic, Hebrew points, Arabic harakat, Devanagari, Thai)
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
)
_ACCENTED = re.compile(f"[\u00c0-\u024f\u1e00-\u1eff{_MARKS}]")
_LATIN_MARK = re.compile(f"[A-Za-z][{_MARKS}]+")


def unmarked(text: str) -> str:
    """`text` with the combining marks on its Latin letters dropped where they are sprinkled over
    most of its words (see MARKED_WORDS); otherwise as it is."""
    head = text[:512]
    words = len(head.split())  # a run of spaces is one break (three spaces once tripled a count)
    least = max(MARKED_WORDS[0], MARKED_WORDS[1] * words)
    if len(_ACCENTED.findall(head)) < least:  # most texts stop here (~3 us)
        return text
    if len(_LATIN_MARK.findall(unicodedata.normalize("NFD", head))) < least:
        return text
    bare = _LATIN_MARK.sub(lambda m: m.group()[0], unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", bare)


def visible(text: str) -> str:
    """The text as a reader sees it: invisible characters removed, marks sprinkled over a Latin
    text dropped (`unmarked`), and look-alike letters folded to the Latin ones they mimic (see
    _LOOKALIKES). ASCII text is returned as it is (no copy); so is text with nothing to change."""
    return text if text.isascii() else _visible(text)


@lru_cache(maxsize=4)
def _visible(text: str) -> str:
    """`visible` of a non-ASCII text. Cached: a chat request's prompt is also its last message,
    and the detector reads both (detector.as_read)."""
    text = _INVISIBLE.sub("", text)
    text = unmarked(text)
    if not _LOOKALIKE.search(text):
        return text
    out, last = [], 0
    for m in _MIXED.finditer(text):
        out += [text[last : m.start()], m.group().translate(_CONFUSABLE)]
        last = m.end()
    if out:
        text = "".join(out) + text[last:]
    # words of look-alikes alone, in a text whose letters of those scripts are nearly all
    # look-alikes (a spoofed English text); Russian, Greek or Armenian prose has about one genuine
    # letter per look-alike and is left as written (folding its "как" and "том" beside code read
    # them as "kak" and "tom")
    head = text[:512]  # counted on the head: a whole 2,000-character text cost ~120 us
    looks = len(_LOOKALIKE.findall(head))
    if looks >= 16 and looks > 10 * len(_GENUINE.findall(head)):  # not a few Greek symbols in maths
        text = _fold_lookalike_words(text)
    return text


def _fold_lookalike_words(text: str) -> str:
    """Fold the words made of look-alikes alone next to a Latin word or another such word."""
    found = list(_WORDS.finditer(text))
    kinds = [
        "look" if _ONLY_LOOKALIKE.fullmatch(m.group()) else "latin" if _LATIN.search(m.group()) else ""
        for m in found
    ]
    out, last = [], 0
    for i, m in enumerate(found):
        if kinds[i] == "look" and any(0 <= j < len(found) and kinds[j] for j in (i - 1, i + 1)):
            out += [text[last : m.start()], m.group().translate(_CONFUSABLE)]
            last = m.end()
    return "".join(out) + text[last:] if out else text


def words(text: str) -> list[str]:
    if text.isascii() or not any(map(text.__contains__, _UNLOWERED)):
        return _WORD_LOWER.findall(text.lower())
    return list(map(str.lower, _WORD.findall(text)))


def skeleton_of(ws: list[str], max_tokens: int = SKELETON_TOKENS) -> str:
    """Mask content words, collapse runs and keep the opening: "explain photosynthesis in biology"
    -> "explain _ in _". Templates fill slots with a few words and vary their closing (suffixes,
    audiences), so their openings coincide; natural prose rarely repeats one at volume."""
    out: list[str] = []
    for w in ws:
        if len(out) >= max_tokens:
            break
        if w in ARTICLES:  # "of the French Revolution" and "of entropy" fill the same slot
            continue
        tok = w if (w in FUNCTION_WORDS or not w.isalnum()) else "_"
        if not (tok == "_" and out and out[-1] == "_"):
            out.append(tok)
    return " ".join(out)


def stable_hash(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big")


def topic_vector(text: str, ws: list[str] | None = None) -> np.ndarray:
    """The hashed content-word vector of a text alone (what `sketch` keeps as `vec`); `ws`: its
    words where the caller has them (`piece_words`)."""
    return _vector(content_words(words(text) if ws is None else ws))


def piece_words(piece: str, text: str, ws: list[str]) -> list[str]:
    """`words(piece)` for a piece of `text` whose words are `ws` (a prompt's slot: features.extract).
    No word holds whitespace, so where the piece is cut at whitespace no word crosses a cut, and
    its words are the text's less those of the parts cut off: tokenising those (a wrapper) instead
    of the piece, where they are the shorter, saves most of a regex pass (~10 us in `observe`)."""
    start = text.find(piece)
    end = start + len(piece)
    if start < 0 or 2 * len(piece) < len(text) or not (_cut(text, start) and _cut(text, end)):
        return words(piece)
    return ws[len(words(text[:start])) : len(ws) - len(words(text[end:]))]


def _cut(text: str, i: int) -> bool:
    """Whether no word of `text` crosses position i."""
    return i == 0 or i == len(text) or text[i - 1].isspace() or text[i].isspace()


def _vector(content: list[str]) -> np.ndarray:
    """The counts' unit vector. Slots by map (crc32, encode and the slot stay in C: a generator
    was ~40% of the cost); the norm by math.sqrt of the float32 dot, which the division rounds to
    float32: the float32 square root, exactly (53 >= 2 x 24 + 2 bits), without numpy's scalar
    calls (each numpy call costs ~1.3 us inside `observe`)."""
    if not content:
        return np.zeros(DIM, dtype=np.float32)
    slots = np.fromiter(map(_SLOT, map(zlib.crc32, map(str.encode, content))), np.int64, len(content))
    v = np.bincount(slots, minlength=DIM).astype(np.float32)  # counts: what a += 1.0 loop gives
    return v / math.sqrt(v @ v)  # not 0: some count is


_SLOT = (DIM - 1).__and__  # a crc32's slot in DIM (a power of two): % DIM


@kernel
def _signature(sh: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The MinHash signature: for each (a, b), the least (a x + b) % _P over the shingles x, the
    product and sum wrapping in uint64 first. The modulo without a division: 2^61 = 1 (mod 2^61 -
    1), so y = hi * 2^61 + lo reduces to lo + hi, at most one subtraction from the result.
    Compiled (numba): numpy took a [shingles x perms] product and five passes over it; `sketch`
    went from 64-88 to 51-56 us a prompt (session 51, a loaded host; the values are pinned and
    checked against the `%` reference in tests/test_minhash_pins.py)."""
    p = np.uint64(_P)
    out = np.full(len(a), np.uint64(0xFFFFFFFFFFFFFFFF))
    for x in sh:
        for k in range(len(a)):
            y = x * a[k] + b[k]
            r = (y & p) + (y >> np.uint64(61))
            if r >= p:
                r -= p
            if r < out[k]:
                out[k] = r
    return out


def _shingles(ws: list[str]) -> np.ndarray:
    if len(ws) < 3:
        return _NONE
    enc = list(map(str.encode, ws))  # b" ".join of encoded words = the joined string encoded
    # map over zip stays in C: the same crc32 of each "w1 w2 w3" as a generator, 30% faster
    return np.fromiter(
        map(zlib.crc32, map(b" ".join, zip(enc, enc[1:], enc[2:], strict=False))),  # shifted: lengths differ
        dtype=np.uint64,
        count=len(ws) - 2,
    )


def _bands(sh: np.ndarray) -> tuple[int, ...]:
    if not len(sh):
        return ()
    sig = _signature(sh, _MH_A, _MH_B).tobytes()
    return tuple(map(add, map(zlib.crc32, map(sig.__getitem__, _BAND_ROWS)), _BAND_TAGS))


# each band's rows of the signature's bytes (8 per uint64 row), and its tag: band b hashes to its
# rows' crc32 + b << 32 (the map over these stays in C: a generator was 100 bytecodes a prompt)
_BAND_BYTES = 8 * MINHASH_PERMS // MINHASH_BANDS
_BAND_ROWS = tuple(slice(b * _BAND_BYTES, (b + 1) * _BAND_BYTES) for b in range(MINHASH_BANDS))
_BAND_TAGS = tuple(b << 32 for b in range(MINHASH_BANDS))


def content_words(ws: list[str]) -> list[str]:
    """The words that carry a text's topic (what `Sketch.content` and `vec` are made of)."""
    return [w for w in ws if len(w) > 2 and w not in FUNCTION_WORDS and w.isalnum()]  # cheapest test first


def sketch(text: str, min_skeleton_tokens: int = 3, ws: list[str] | None = None) -> Sketch:
    """`ws`: words(text), where the caller has them (features.extract reads them again)."""
    ws = words(text) if ws is None else ws
    content = content_words(ws)
    skel = skeleton_of(ws)
    tokens = skel.split()
    literal = len(tokens) - tokens.count("_")
    sh = _shingles(ws)
    return Sketch(
        n_words=len(ws),
        skeleton=stable_hash(skel) if literal >= min_skeleton_tokens else 0,
        content=frozenset(content),
        vec=_vector(content),
        bands=_bands(sh),
        digest=stable_hash(" ".join(ws)) if len(ws) >= 4 else 0,
        shingles=sh if len(sh) or not ws else np.array([stable_hash(" ".join(ws))], dtype=np.uint64),
    )

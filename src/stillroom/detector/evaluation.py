"""Evaluation traffic: benchmark items, answer-format wrappers and harness request settings.

An evaluator sends test items, not tasks worth learning from: option lists with an "Answer:" cue,
few-shot Q/A exemplars, code stubs to complete, prompts wrapped with the tests the code must pass;
and it asks in harness style: temperature 0, a handful of output tokens, n samples of one prompt
(pass@k), or the completions endpoint with `echo` and `logprobs` to score the prompt itself
(lm-evaluation-harness's loglikelihood requests: max_tokens 0, echo, logprobs 1). These are
*evidence for a benign label* ("evaluation"): the detector should show them instead of flagging.

`item_format(text)` names the format that fired; `known_item(text)` looks the prompt (whole, and
each long line) up in a compact hashed set of the public benchmark items in ../shared/traffic's
benign-eval files (built by `bench/provenance.py build`; lines that also occur in any non-eval
file are left out). The set only knows *those* suites, so it is one signal among the formats and
settings, never the only one. `settings(params, endpoint)` names the harness knobs present.
Measured (bench/results/provenance.txt, first <= 600 prompts per source): a format fires on
100% of MMLU and MBPP, 99% of HumanEval, 90% of AGIEval, 73% of BBH, and on 0-0.3% of the
benign-chat pools; on distiller sources on 32% of Orca/FLAN prompts (FLAN reuses test formats, so
a format alone never clears a key that also has CoT or instruction evidence) and <= 1% elsewhere.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from stillroom.detector.regex import linear, search_set

ITEMS_PATH = Path(__file__).with_name("data") / "eval_items.npy"
MIN_ITEM_CHARS = 40  # a normalised line shorter than this is too generic to identify an item
MAX_LINES = 24  # lines of a prompt looked up at most

_OPTION_LINE = re.compile(r"^[^\S\n]*(?:\(([A-Ja-j])\)|([A-J])\s*[.)、．:：])\s*\S", re.M)
# Options on one line: "(A) x (B) y (C) z", or "A) x, B) y, C) z" as the multi-agent debate's MMLU
# prompt writes them (blind round 11: its MMLU items read as no test item at all).
_INLINE_OPTIONS = linear(
    r"\(A\)[^\n]{1,300}?\(B\)[^\n]{1,300}?(?:\(C\)|$)"
    r"|(?:^|[\s:：?])A\)\s*[^\n]{1,300}?[\s,;]B\)\s*[^\n]{1,300}?[\s,;]C\)",
    re.M,
)
_OPTIONS_HEADER = re.compile(r"^[^\S\n]*(?:options|answer choices|choices|选项)\s*[:：]", re.I | re.M)
_ANSWER_END = linear(
    r"(?:^|\n)\s*(?:answer|a|final answer|答案|答)\s*[:：]\s*$|the answer is\s*[:：]?\s*$", re.I
)
_ANSWER_ASK = linear(
    r"(?:answer|respond|reply) with (?:only |just )?(?:the |a single )?(?:letter|option|number|choice)"
    r"|(?:choose|select|pick) (?:the )?(?:correct|best|right) (?:answer|option|choice)",
    re.I,
)
# the two answer-cue tests of most prompts, by regex.search_set (no match object)
_ANSWER_END_MATCH, _ANSWER_ASK_MATCH = search_set(_ANSWER_END).Match, search_set(_ANSWER_ASK).Match
_FEW_SHOT = linear(
    r"(?:^|\n)\s*(?:q|question|问题)\s*[:：].+?\n\s*(?:a|answer|答案)\s*[:：]\s*\S", re.I | re.S
)
_CODE_STUB = linear(
    r"^\s*(?:from [\w.]+ import [^\n]+\n|import [^\n]+\n|\s*\n)*\s*def \w+\([^)]*\)[^:\n]*:\s*\n"
    r"\s+(?:\"\"\"|''')[\s\S]*?(?:\"\"\"|''')\s*$",
)
# A harness that talks to a chat model puts the stub in a markdown fence under a one-line ask
# (lm-eval's humaneval_instruct: "Write a solution to the following problem and make sure that it
# passes the tests:" over ```python ... ```; evalplus and most chat code harnesses alike), or
# after a short ask unfenced (simple-evals' HumanEval): the stub test reads what follows the ask.
# Bounded by the text around the stub, so a stub pasted into a long conversation or beside a
# repository's files is no test item. Blind rounds 21, 22 and 26's code evaluations and the real
# TUNE suite's pass@k run send it so (the item table knows their HumanEval stubs); with the table emptied and the classifier refitted without the suite (one it never saw,
# bench/detector_real.py's held-out evaluation check) the pass@k key's prompts read as test items
# only where doctests showed (28% of its window) and it reached suspect 0.78 (evaluation 0.11 now).
ASK_AROUND = 300  # characters of the prompt outside the stub at most
_LANG_TAG = re.compile(r"[\w+#.-]*[ \t]*")  # ```python, ```py, ```: one short token, no nesting


def _code_stub(t: str) -> bool:
    if "def " not in t:
        return False
    if _CODE_STUB.match(t):
        return True
    # a short ask, then the stub ("Read the following function signature and docstring, ...")
    start = min((i for i in (t.find("\nfrom "), t.find("\nimport "), t.find("\ndef ")) if i >= 0), default=-1)
    if 0 < start <= ASK_AROUND and _CODE_STUB.match(t[start + 1 :]):
        return True
    parts = t.split("```")
    for inner in parts[1:-1:2]:  # what lies between an opening and a closing fence
        tag, newline, body = inner.partition("\n")
        short = len(t) - len(body) <= ASK_AROUND and len(tag) <= 24
        if newline and short and _LANG_TAG.fullmatch(tag) and _CODE_STUB.match(body):
            return True
    return False


_TESTS = linear(
    r"(?:^|\n)\s*assert\s+[\w.]+\s*\(.*\)\s*(?:==|is|!=|<|>)"
    r"|(?:code|function|solution|program) (?:should|must) pass (?:these|the following|all) (?:tests?|test cases)"
    r"|(?:^|\n)\s*>>>\s*\w+\(",
    re.I,
)
_MATH_WORD = linear(
    r"(?:how (?:many|much|long|far|old)|what (?:is|was) the (?:total|sum|difference|product|number|"
    r"average|percentage|probability)|多少|几[个只块元岁天])[^?？\n]*[?？]?\s*$",
    re.I,
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _options(text: str) -> bool:
    """Each test runs only on text holding what its every match needs: an "A" (or "(a)") for an
    option list that starts at A, "A)" inline, a colon after a header."""
    if "A" in text or "(a)" in text:
        letters = [(a or b).upper() for a, b in _OPTION_LINE.findall(text)]
        run = sum(1 for x, y in itertools.pairwise(letters) if ord(y) == ord(x) + 1)
        if run >= 1 and "A" in letters:
            return True
    return ("A)" in text and bool(_INLINE_OPTIONS.search(text))) or (
        (":" in text or "：" in text) and bool(_OPTIONS_HEADER.search(text))
    )


# Under re.I "s" also matches U+017F (long s), "i" the dotless and dotted I, which str.lower()
# keeps apart: fold them first so a literal prefilter never drops what the regex would match.
_FOLD = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0130": "i"})
_FOLDED = tuple(map(chr, _FOLD))


@lru_cache(maxsize=8)
def folded_lower(t: str) -> str:
    """`t` lower-cased as re.I compares letters. The item formats and answer cues lower one prompt
    five times in a row. Only text holding one of the three letters has anything to fold: three
    substring tests (1 us) spare the rest a translate through a dict, which costs ~17 us on a
    non-ASCII prompt (a third of VAL's)."""
    return t.translate(_FOLD).lower() if not t.isascii() and any(map(t.__contains__, _FOLDED)) else t.lower()


def _tests(t: str) -> bool:
    low = folded_lower(t)  # every alternative holds one of these: most prompts skip the regex (25 -> 2 us)
    return ("assert" in low or "pass" in low or ">>>" in t) and bool(_TESTS.search(t))


def _answer_cue(t: str) -> bool:
    """An answer cue closing the prompt ("Answer:") or asking for a letter/option. Each test runs
    only on text holding a literal its every alternative needs (26 -> 3 us on most prompts)."""
    tail = t[-200:]
    if (":" in tail or "：" in tail or "the answer is" in folded_lower(tail)) and _ANSWER_END_MATCH(tail):
        return True
    low = folded_lower(t)
    return (" with " in low or "choose" in low or "select" in low or "pick" in low) and bool(
        _ANSWER_ASK_MATCH(t)
    )


FORMATS = {
    "code_stub": _code_stub,
    "tests": _tests,
    "options": _options,
    # two matches hold four colons
    "few_shot": lambda t: t.count(":") + t.count("：") >= 4 and len(_FEW_SHOT.findall(t)) >= 2,
    "answer_cue": _answer_cue,
}


# Chain-of-thought evaluations parse one final answer out of the reasoning, and say how: Qwen's and
# DeepSeek's math evals ("put your final answer within \boxed{}"), simple-evals ("The last line of
# your response should be of the form Answer: $ANSWER"), lm-eval's gsm8k-cot ("... The answer is"),
# Kojima et al.'s zero-shot "Q: ... A: Let's think step by step." It counts as an evaluation item
# whatever the sampling settings: simple-evals samples at temperature 0.5, and with the format read
# only under greedy settings its MATH run was blocked (0.99, session 11). The cost: a reasoning
# harvest that asks the same way (R1-style traces over math problems, a boxed answer) is labelled
# `evaluation` (a notice, shown on the dashboard), not blocked; CoT distillers that ask for the
# reasoning itself (recognisers.COT, asks.py) keep their evidence.
# "answer" in the languages most multilingual suites carry (the English word is in _EXTRACT itself)
_ANSWER_WORDS = (
    "antwort", "respuesta", "réponse", "risposta", "resposta", "antwoord", "odpowiedź", "ответ",
    "答案", "回答", "答え", "정답", "jawaban", "cevap", "đáp án", "उत्तर",
)  # fmt: skip
_EXTRACT = linear(
    r"(?:final |your |the )answer (?:with)?in (?:a )?\\+boxed"
    r"|last line of your (?:response|answer) should be (?:of the form|in the (?:following )?format)"
    r"|(?:end|finish|conclude) (?:your (?:response|answer|solution) )?with [\"'“]?(?:so )?the (?:final )?answer is"
    r"|(?:^|\n)\s*(?:a|answer)\s*[:：]\s*let'?s think step by step\.?\s*$"
    # a format spec with a placeholder: "Answer: $ANSWER", "Final Answer: <answer>", "Answer: (X)",
    # minerva's "Final Answer: The final answer is $X$", "#### <number>"
    r"|(?:final answer|answer)\s*[:：]\s*(?:the final answer is\b|\$|<|\[|\{|\(?x\)?(?:\W|$)|\\+boxed)"
    # the same spec in the languages of multilingual suites (MGSM-style "Antwort: <Antwort>",
    # "Réponse : <réponse>", "答案：<答案>"): blind round 13's own date and arithmetic suite in
    # German, Spanish and French read as no test item at all
    rf"|(?:{'|'.join(_ANSWER_WORDS)})\s*[:：]\s*[\"'“]?(?:<|\[|\{{|\$)"
    # an answer-only pass: nothing in the answer is worth learning from
    r"|(?:respond|reply|answer) (?:with )?(?:only|just) (?:with )?the (?:final )?(?:answer|result|number)\b"
    r"|(?:give|state|output|provide|write|return) only the final (?:answer|result)"
    r"|(?:answer|result)[^.\n]{0,40}?####"
    # the spec in words: "write 'Final answer: ' followed by your answer only" (blind round 29's
    # nightly run of a lab's own problems read as no test item, and blocked on its other cues)
    r"|(?:final answer|answer is|answer)\s*[:：]?\s*[\"'”]?\s*followed by (?:your|the|its) (?:final )?(?:answer|result|number|letter|choice)"
    # the label quoted as the format to write, in any of those languages: simple-evals' MGSM ('the
    # final answer on the last line by itself in the format of "Answer:"', « Réponse : », “答案：”),
    # OpenCompass's Chinese GSM8K ('把最终答案写在“答案是”之后': after "the answer is"). Blind round
    # 32's runs of the two read as no test item, at suspect 0.99 (request 8) and 0.78 on their CoT
    rf"|[\"“«]\s*(?:the )?(?:final answer|answer|{'|'.join(_ANSWER_WORDS)})\s*(?:[:：]|is|是)\s*[\"”»]",
    re.I,
)


_EXTRACT_WORDS = (
    "boxed",
    "last line of your",
    "answer is",
    "think step by step",
    "answer:",
    "answer：",
    "####",
    # the answer-only asks: "(only|just) (with )?the (final )?(answer|result|number)"
    *(f"{a} the {b}" for a in ("only", "just", "with") for b in ("final", "answer", "number", "result")),
    *_ANSWER_WORDS,
)


# "put your final answer in the form (X)": the multi-agent debate's MMLU prompt and its later
# rounds. Alone it is a wrapper anyone can add: session 26's reviewer took a CoT harvest of
# instruction-set items from block to `evaluation` with this one line. It says evaluation only
# about lettered options the conversation holds (`answer_form`, content.content_flags).
_ANSWER_FORM = linear(r"in the (?:form|format)\s*(?:of\s*)?[\"'“]?\(x\)", re.I)


def answer_form(text: str) -> bool:
    """Does the prompt ask for a lettered answer "(X)"? (See _ANSWER_FORM: evidence only beside the
    options it refers to.)"""
    return "(x)" in folded_lower(text[-1024:]) and bool(_ANSWER_FORM.search(text[-1024:]))


def answer_extraction(text: str) -> bool:
    """Does the prompt ask for its final answer in a form a harness parses (see `_EXTRACT`)? Reads
    the first 1024 and last 512 characters, as `item_format` does."""
    t = text if len(text) <= 1536 else text[:1024] + "\n" + text[-512:]
    low = folded_lower(t)  # every alternative holds one of these: most prompts skip the regex
    return any(map(low.__contains__, _EXTRACT_WORDS)) and bool(_EXTRACT.search(t))


def item_format(text: str, body: str | None = None) -> str | None:
    """The first evaluation-item format present in the prompt, or None. Long prompts keep their
    first 1024 and last 512 characters: stubs and instructions open an item, options, tests
    and the answer cue close it (rates below were measured with 2048 + 1024). `body`: the part of
    the prompt the key's constant wrapper does not explain (content.slot); a test item's options
    are its own, so options that sit in the wrapper, the same on every prompt ("A) Yes, B) No,
    C) It depends" around instruction-set items: session 26's reviewer took a CoT harvest from
    block to `evaluation` with them), are no item format."""
    t = text if len(text) <= 1536 else text[:1024] + "\n" + text[-512:]
    for name, test in FORMATS.items():
        if test(t):
            if name == "options" and body is not None and body != text and not _options(body):
                continue
            return name
    return None


def math_word_problem(text: str) -> bool:
    """A short word problem with at least two numbers that asks for a quantity (GSM8K-like).
    Not evidence of evaluation, even with harness settings: 65% of BELLE's dev set and 10% of
    MOSS's prompts match (bench/results/provenance.txt), so a greedy replay of a math instruction
    set would read as a GSM8K run. bench/provenance.py reports its rates; the detector does not use it."""
    return len(text) < 1200 and len(_NUMBER.findall(text)) >= 2 and bool(_MATH_WORD.search(text.strip()))


def normalise_item(text: str) -> str:
    """NFKC, lower case, word characters only (how the traffic README matched items). ASCII text
    drops its non-word characters by a bytes deletion table (0.5 us on 300 characters; a str
    translate table, 1.7 us; the regex's sub, 12 us)."""
    low = unicodedata.normalize("NFKC", text).lower()
    return low.encode().translate(None, _ASCII_NON_WORD).decode() if low.isascii() else _NON_WORD.sub("", low)


_NON_WORD = re.compile(r"\W+")
_ASCII_NON_WORD = bytes(c for c in range(128) if _NON_WORD.match(chr(c)))


def item_hash(norm: str) -> int:
    return int.from_bytes(hashlib.blake2b(norm.encode(), digest_size=8).digest(), "little")


# A short label opening a line ("Question: ", "Q: ", "问题：", "**Prompt:**"): harnesses put an item
# after one, and the item table holds the item without it
_LABEL = re.compile(r"^[ \t#*>]*[^\W\d_][\w ]{0,18}[*]*[ \t]*[:：][*]*[ \t]*")


def item_keys(text: str) -> list[int]:
    """Hashes to look up: the whole prompt (up to 4096 characters) and each of its first
    MAX_LINES lines (up to 2048 characters each), also without a short label opening it
    (`_LABEL`), so an item wrapped in a harness's own instructions, few-shot prefix or
    "Question: ... Answer:" template is still found (that template hid 100% of TruthfulQA's
    questions the table holds: session 37); the caps bound the cost of 32k pastes. The whole
    prompt's normal form is its lines' joined: `normalise_item` deletes line breaks, and neither
    NFKC nor lower() reads across one (no break composes with a neighbour, none is cased or
    case-ignorable), so a prompt of several lines is normalised once, not twice (~20 us a
    non-ASCII prompt)."""
    lines = text.splitlines()
    firsts = [x for x in lines[:MAX_LINES] if len(x) <= 2048]
    parts = [x for x in firsts if x != text]
    parts += [y for x in firsts if ":" in x or "：" in x if (y := _LABEL.sub("", x, 1)) != x]
    # normalising never lengthens ASCII (NFKC leaves it alone, lower() keeps its length): an
    # ASCII part shorter than MIN_ITEM_CHARS cannot reach it, and most lines of a prompt are short
    parts = [x for x in parts if len(x) >= MIN_ITEM_CHARS or not x.isascii()]
    norms = dict(zip(parts, map(normalise_item, parts), strict=True))
    keys = list(norms.values())
    if len(text) <= 4096 and text.isascii():  # one translate of the whole: cheaper than its lines'
        keys.append(normalise_item(text))
    elif len(text) <= 4096:
        keys.append("".join(norms[x] if x in norms else normalise_item(x) for x in lines))
    return sorted({item_hash(n) for n in keys if len(n) >= MIN_ITEM_CHARS})


@lru_cache(maxsize=1)
def _items() -> frozenset[int]:
    """The shipped item hashes as a set: a lookup is ~50 ns, numpy's searchsorted ~25 us a prompt."""
    return frozenset(np.load(ITEMS_PATH).tolist()) if ITEMS_PATH.exists() else frozenset()


def known_item(text: str, items: frozenset[int] | None = None) -> bool:
    """Is (a long line of) this prompt a public benchmark item from the shipped set (or `items`)?"""
    table = _items() if items is None else items
    return bool(table) and any(k in table for k in item_keys(text))


def _num(v: Any, default: float | None = None) -> float | None:
    """A finite number as a float, else `default` (an int past float's range, inf, nan, a string)."""
    if not isinstance(v, int | float) or isinstance(v, bool):
        return default
    try:
        f = float(v)
    except OverflowError:
        return default
    return f if math.isfinite(f) else default


def settings(params: dict[str, Any], endpoint: str = "chat") -> tuple[str, ...]:
    """Harness-style request knobs: "greedy" (temperature 0), "short" (1-32 output tokens),
    "score_only" (max_tokens 0 or completions echo with logprobs <= 1: scoring the prompt),
    "pass_at_k" (n > 1 at temperature > 0). Echo with top_logprobs >= 2 is *not* scoring: that
    asks for the teacher's distribution over given text, which the harvest evidence counts."""
    p = params if isinstance(params, dict) else {}
    out = []
    temp = _num(p.get("temperature"))
    max_tok = _num(p.get("max_tokens", p.get("max_completion_tokens")))
    n = _num(p.get("n"), 1.0) or 1.0
    lp = p.get("logprobs")
    top = _num(lp) if endpoint == "completions" else _num(p.get("top_logprobs"), 0.0)
    if temp == 0 or _num(p.get("top_k")) == 1:
        out.append("greedy")
    if max_tok is not None and 0 < max_tok <= 32:
        out.append("short")
    if max_tok == 0 or (endpoint == "completions" and p.get("echo") is True and (top or 0) <= 1):
        out.append("score_only")
    if n > 1 and (temp is None or temp > 0):
        out.append("pass_at_k")
    return tuple(out)

"""Linear-time regular expressions for what a client sends: `linear(pattern, flags)`.

Every prompt the detector reads is attacker-controlled, and `observe` runs on the guard's event
loop. Python's `re` backtracks: patterns with nested or overlapping quantifiers take time
exponential or quadratic in the text. Measured before this module (session 16): the harness
code-stub pattern `^\\s*(?:...|\\s*\\n)*\\s*def ...` took 0.78 s on `" \\n" * 20 + "x"` and 4 s inside
`Detector.observe` at 22 repeats (x4 per extra repeat: a 60-character prompt stalls the guard for
good); nine more patterns of the form `(?:^|\\n)\\s*...` or `^\\s*` under re.M took 0.1-1.5 s each
on 2,000 newlines. RE2 (google-re2, the engine behind Go's and Rust's regex crates' design)
matches in time linear in the text whatever the pattern, so this whole class is gone rather than
patched one pattern at a time.

`linear` keeps Python's meaning of the pattern where RE2's differs:
- `\\s`, `\\d`, `\\w` (and `\\S`, `\\D`, `\\W`) are Unicode in Python and ASCII in RE2: they are
  rewritten to the Unicode classes Python uses (a no-break space pasted from a web page is
  whitespace; a full-width digit is a digit);
- `$` without re.M also matches before a final newline in Python: rewritten to `\\n?\\z`
  (the same test for search/match; a match's span may include that newline);
- `\\uXXXX` escapes become RE2's `\\x{XXXX}`.
What stays different: `\\b` is an ASCII word boundary in RE2 (between a Chinese character and
an English word RE2 sees a boundary, Python does not), and backreferences and lookarounds do not
compile (none is used). On every user turn and system prompt of ../shared/traffic (50,090 texts)
the recognisers, evaluation formats and features give the same answers under both engines
(tests/test_detector_regex.py).

Cost: RE2 scans a 1,024-character head ~10x faster than `re` for these alternation-heavy
patterns, but its Python wrapper costs a few microseconds per call and per match, so patterns
findall'ed for many short matches (words, pronouns, numbers) stay on `re`: those are single
tokens with no nested quantifier, linear under both engines. So do five line-anchored counters
(option lines, section headers, code lines), rewritten from `^\\s*` to `^[^\\S\n]*` under re.M: a
match can no longer start on a blank line and run on to the next (quadratic on runs of newlines),
yet it finds the same lines, and on ../shared/traffic the counts are identical (RE2's Python
wrapper made them 3-5x slower on ordinary prompts). tests/test_detector_regex.py times every
`re` pattern left in the detector on adversarial text.
"""

from __future__ import annotations

import re

import re2

Pattern = type(re2.compile(""))

# Python's \s for str: str.isspace() characters
_WS = r"\t-\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
_WORD = r"\p{L}\p{N}_"
_OUTSIDE = {
    "s": f"[{_WS}]",
    "S": f"[^{_WS}]",
    "d": r"\p{Nd}",
    "D": r"\P{Nd}",
    "w": f"[{_WORD}]",
    "W": f"[^{_WORD}]",
}
_INSIDE = {"s": _WS, "d": r"\p{Nd}", "w": _WORD}
_FLAGS = ((re.I, "i"), (re.S, "s"), (re.M, "m"))


def translate(pattern: str, flags: int = 0) -> str:
    """The RE2 spelling of a Python pattern (see the module docstring)."""
    if flags & ~(re.I | re.S | re.M):
        raise ValueError(f"flags other than re.I, re.S, re.M have no RE2 spelling here: {flags!r}")
    multiline = bool(flags & re.M)
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            e = pattern[i + 1]
            if e == "u":
                out.append(r"\x{" + pattern[i + 2 : i + 6] + "}")
                i += 6
                continue
            if in_class and e in _INSIDE:
                out.append(_INSIDE[e])
            elif in_class and e in "SDW":
                # RE2's ASCII \S inside a class: right only in the "[\s\S]" (anything) idiom
                if e != "S" or pattern[i - 3 : i + 3] != r"[\s\S]":
                    raise ValueError(f"\\{e} inside a character class has no RE2 spelling: {pattern!r}")
                out.append(r"\S")
            elif not in_class and e in _OUTSIDE:
                out.append(_OUTSIDE[e])
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = c != "]"
            out.append(c)
        elif c == "[":
            in_class = True
            out.append(c)
            if pattern[i + 1 : i + 2] == "^":
                out.append("^")
                i += 1
            if pattern[i + 1 : i + 2] == "]":  # a leading "]" is a literal
                out.append("]")
                i += 1
        elif c == "$" and not multiline:
            out.append(r"(?:\n?\z)")
        else:
            out.append(c)
        i += 1
    prefix = "".join(letter for flag, letter in _FLAGS if flags & flag)
    return (f"(?{prefix})" if prefix else "") + "".join(out)


# every pattern compiled here, with its Python source: the tests compare both engines on real text
COMPILED: list[tuple[str, int, Pattern]] = []


def linear(pattern: str, flags: int = 0) -> Pattern:
    """`re.compile(pattern, flags)` with RE2: the same `search`/`match`/`findall` API, linear time."""
    compiled = re2.compile(translate(pattern, flags))
    COMPILED.append((pattern, flags, compiled))
    return compiled


def search_set(pattern: Pattern) -> re2.Set:
    """A one-pattern RE2::Set of a `linear` pattern: `Match(text)` is truthy exactly where
    `pattern.search(text)` finds a match. RE2's DFA alone answers that, where the wrapper's
    `search` also builds a match object in Python (2-4 us a call)."""
    s = re2.Set.SearchSet()
    s.Add(pattern.pattern)
    s.Compile()
    return s


class Literals:
    """Which groups of literal strings occur in a text, in one pass: `found(text)` is
    `{name for name, words in groups.items() if any(w in text for w in words)}`. The detector
    skips a regex on texts holding none of the words every match needs (keyword prefilters): for
    the recognisers' 16 groups (~150 words) one RE2::Set scan of a prompt's head costs ~14 us
    inside `Detector.observe` (a literal alternation: a substring test on the UTF-8 bytes) where
    the `in` tests cost ~24 us; for a dozen words the `in` tests are as fast. Exact on any text:
    a many-match DFA that fills its cache resets it and goes on (RE2 gives up only on searches
    for the first match)."""

    def __init__(self, groups: dict[str, tuple[str, ...]]):
        self.names = tuple(groups)
        self.set = re2.Set.SearchSet()
        for words in groups.values():
            self.set.Add("|".join(map(re2.escape, words)))
        self.set.Compile()

    def found(self, text: str) -> frozenset[str]:
        return frozenset(self.names[i] for i in self.set.Match(text) or ())

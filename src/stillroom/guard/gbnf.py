"""A check of llama.cpp's GBNF grammars (the `grammar` field of llama.cpp's server and of
llama-cpp-python's) for the forms that crash the server that decodes by them.

llama.cpp's grammar engine (as vendored by llama-cpp-python 0.2.60, the one tests/llama_server.py
runs) walks a grammar's rules depth-first from the left: a rule that can reach itself before
consuming a character (left recursion, directly, through other rules or behind an empty literal)
and a repetition of something that can match nothing (`("a"?)*`, which it rewrites as such a rule)
recurse without end, and a rule used but never defined is read from past the end of its table.
Each kills the server process with a segmentation fault, for every tenant (round 35: one request
of a key in good standing, `root ::= root "a" | "b"`, ended llama_cpp.server; later llama.cpp
versions refuse these with an error). `grammar_problem` parses the text as llama.cpp does (rules
`name ::= alternatives`, one a line; literals, character classes, rule names, groups, `.`, and
`*`, `+`, `?`, `{m,n}` after an item) and says what is wrong, in time linear in its length.
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"(?:[ \t]+|#[^\r\n]*)*")
_SPACE_NL = re.compile(r"(?:[ \t\r\n]+|#[^\r\n]*)*")
_NAME = re.compile(r"[a-zA-Z0-9-]+")
_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_CLASS = re.compile(r"\[(?:[^\]\\]|\\.)*\]", re.S)
_BRACES = re.compile(r"\{[ \t]*(\d+)[ \t]*(?:(,)[ \t]*(\d*)[ \t]*)?\}")
MAX_NESTING = 64  # groups inside groups (the parser recurses on them)
# a grammar's characters, at most: the check runs on the event loop, ~0.2 us a character (an
# 800 KB one took 156 ms); llama.cpp's JSON grammar is 519 characters, a C grammar 1,383
MAX_CHARS = 100_000

# An item of a sequence: (rule name, or None for a terminal; whether the terminal matches nothing
# but the empty string; least repetitions; most, None for no bound). A group is a rule of its own,
# named "(n" (no rule name can hold a parenthesis), as llama.cpp makes it.
Item = tuple[str | None, bool, int, int | None]


class GrammarError(ValueError):
    pass


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.rules: dict[str, list[list[Item]]] = {}
        self.groups = 0

    def space(self, pos: int, newline_ok: bool) -> int:
        return (_SPACE_NL if newline_ok else _SPACE).match(self.text, pos).end()  # type: ignore[union-attr]

    def parse(self) -> dict[str, list[list[Item]]]:
        pos = self.space(0, True)
        while pos < len(self.text):
            pos = self.rule(pos)
        return self.rules

    def rule(self, pos: int) -> int:
        name = _NAME.match(self.text, pos)
        if name is None:
            raise GrammarError(f"expecting a rule name at character {pos}")
        pos = self.space(name.end(), False)
        if not self.text.startswith("::=", pos):
            raise GrammarError(f"expecting ::= at character {pos}")
        alternatives, pos = self.alternatives(self.space(pos + 3, True), False, 0)
        self.rules.setdefault(name.group(), []).extend(alternatives)
        if self.text.startswith("\r\n", pos):
            pos += 2
        elif pos < len(self.text) and self.text[pos] in "\r\n":
            pos += 1
        elif pos < len(self.text):
            raise GrammarError(f"expecting the end of the line at character {pos}")
        return self.space(pos, True)

    def alternatives(self, pos: int, nested: bool, depth: int) -> tuple[list[list[Item]], int]:
        if depth > MAX_NESTING:
            raise GrammarError(f"groups nested more than {MAX_NESTING} deep")
        sequence, pos = self.sequence(pos, nested, depth)
        out = [sequence]
        while pos < len(self.text) and self.text[pos] == "|":
            sequence, pos = self.sequence(self.space(pos + 1, True), nested, depth)
            out.append(sequence)
        return out, pos

    def sequence(self, pos: int, nested: bool, depth: int) -> tuple[list[Item], int]:
        items: list[Item] = []
        text = self.text
        while pos < len(text):
            c = text[pos]
            if c == '"' and (m := _LITERAL.match(text, pos)):
                items.append((None, m.end() - pos == 2, 1, 1))
                end = m.end()
            elif c == "[" and (m := _CLASS.match(text, pos)):
                items.append((None, False, 1, 1))
                end = m.end()
            elif c == ".":
                items.append((None, False, 1, 1))
                end = pos + 1
            elif m := _NAME.match(text, pos):
                items.append((m.group(), False, 1, 1))
                end = m.end()
            elif c == "(":
                alternatives, end = self.alternatives(self.space(pos + 1, True), True, depth + 1)
                if end >= len(text) or text[end] != ")":
                    raise GrammarError(f"expecting ) at character {end}")
                items.append((self.group(alternatives), False, 1, 1))
                end += 1
            elif c in "*+?{":
                if not items:
                    raise GrammarError(f"{c} at character {pos} repeats nothing")
                lo, hi, end = self.repetition(pos)
                rule, empty, a, b = items.pop()
                if (a, b) != (1, 1):  # a repeated repetition (`"a"**`): repeat it as a group
                    rule, empty = self.group([[(rule, empty, a, b)]]), False
                items.append((rule, empty, lo, hi))
            else:
                break
            pos = self.space(end, nested)
        return items, pos

    def repetition(self, pos: int) -> tuple[int, int | None, int]:
        c = self.text[pos]
        if c != "{":
            return {"*": (0, None), "+": (1, None), "?": (0, 1)}[c] + (pos + 1,)
        m = _BRACES.match(self.text, pos)
        if m is None:
            raise GrammarError(f"expecting {{m}}, {{m,}} or {{m,n}} at character {pos}")
        lo = int(m.group(1))
        hi = lo if m.group(2) is None else (int(m.group(3)) if m.group(3) else None)
        if hi is not None and hi < lo:
            raise GrammarError(f"{{{lo},{hi}}} at character {pos} repeats at most fewer times than at least")
        return lo, hi, m.end()

    def group(self, alternatives: list[list[Item]]) -> str:
        self.groups += 1
        name = f"({self.groups}"
        self.rules[name] = alternatives
        return name


def grammar_problem(text: str) -> str | None:
    """Why llama.cpp's server would crash on (or cannot read) the GBNF grammar `text`, else None."""
    if len(text) > MAX_CHARS:
        return f"it is longer than {MAX_CHARS} characters"
    try:
        rules = _Parser(text).parse()
    except GrammarError as e:
        return f"it cannot be parsed: {e}"
    if "root" not in rules:
        return "it has no root rule"
    used = {item[0] for alts in rules.values() for seq in alts for item in seq if item[0] is not None}
    if undefined := sorted(used - rules.keys()):
        return f"it uses the rule {undefined[0][:100]!r}, which it never defines"
    nullable = _nullable(rules)

    def empty(item: Item) -> bool:  # the item can match the empty string
        rule, blank, lo, hi = item
        return lo == 0 or hi == 0 or (nullable[rule] if rule is not None else blank)

    for name, alts in rules.items():
        for seq in alts:
            for rule, blank, _, hi in seq:
                if hi is None and empty((rule, blank, 1, 1)):
                    where = "a group" if name.startswith("(") else f"rule {name[:100]!r}"
                    return f"{where} repeats without bound something that can match nothing"
    # each rule's rules at its left: those before (and at) its first item that cannot match nothing
    left: dict[str, list[str]] = {name: [] for name in rules}
    for name, alts in rules.items():
        for seq in alts:
            for item in seq:
                if item[0] is not None and item[3] != 0:
                    left[name].append(item[0])
                if not empty(item):
                    break
    if (cycle := _cycle(left)) is not None:
        what = "a group" if cycle.startswith("(") else f"the rule {cycle[:100]!r}"
        return f"{what} can reach itself before matching a character (left recursion)"
    return None


def _nullable(rules: dict[str, list[list[Item]]]) -> dict[str, bool]:
    """Which rules can match the empty string (linear: each alternative counts the items it still
    needs to be shown empty, and a rule found empty counts down the alternatives that use it)."""
    nullable = dict.fromkeys(rules, False)
    pending: list[int] = []
    owner: list[str] = []
    users: dict[str, list[int]] = {name: [] for name in rules}
    found: list[str] = []
    for name, alts in rules.items():
        for seq in alts:
            index, need = len(pending), 0
            for rule, blank, lo, hi in seq:
                if lo == 0 or hi == 0:
                    continue
                if rule is None:
                    if blank:
                        continue
                    need = -1  # a character to match: never empty
                    break
                need += 1
                users[rule].append(index)
            pending.append(need)
            owner.append(name)
            if need == 0 and not nullable[name]:
                nullable[name] = True
                found.append(name)
    while found:
        for index in users[found.pop()]:
            if pending[index] > 0:
                pending[index] -= 1
                if pending[index] == 0 and not nullable[owner[index]]:
                    nullable[owner[index]] = True
                    found.append(owner[index])
    return nullable


def _cycle(edges: dict[str, list[str]]) -> str | None:
    """A node on a cycle of `edges`, else None (an iterative depth-first search)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in edges:
        if start in state:
            continue
        state[start] = 1
        stack = [(start, iter(edges[start]))]
        while stack:
            node, rest = stack[-1]
            nxt = next(rest, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return nxt
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(edges[nxt])))
    return None

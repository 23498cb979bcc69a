"""Batch-packed requests: many unrelated, self-contained tasks sent as one prompt.

Packing is how a harvest pays for fewer requests: "Answer each of the following 16 tasks" over a
numbered list, a JSON array of `{"id", "task"}` objects, or `<task>` blocks, each task a different
dataset item. Every per-request measure undercounts such a key by the pack size (blind round 15:
108 requests carried ~1,350 items; its peak was watch 0.55), and its prompts read as one long
mixed document rather than as items. What a pack is, here: a numbered list of at least `PACK_MIN`
parts, or `MACHINE_MIN` JSON or tagged parts, most of them asking for something (a question, or an imperative or
question-word opening), on topics unrelated to each other (their content-word vectors nearly
orthogonal). A student's worksheet or an interview-question list shares one subject; a
moderation or translation batch packs posts or strings, not asks. One such request says little
(a person pastes a list of questions now and then); the key evidence (content.PACKED) needs a
share of a key's requests at volume.
"""

from __future__ import annotations

import json
import re

import numpy as np

from stillroom.detector.text import topic_vector

# Parts a numbered pack has at least. Two unrelated numbered asks in one message are rare in real
# traffic: 2 of 50,090 user turns of ../shared/traffic (1 with 3 or more, 1 with 5 or more), at most
# 0.3% of any benign blind persona's requests at 2 or more (rounds 2-22); a bundler that packs 2-4
# dataset items a message under a bar of 5 (blind round 22, 0.50) sent them in 23% of its
# requests. JSON arrays and tagged blocks keep a bar of 5: a coder's list of two strings or an
# app's template with an example block is not a pack.
PACK_MIN = 2
MACHINE_MIN = 5
ASKING_MIN = 0.6  # share of its parts that ask for something
# Mean pairwise cosine of the parts' content-word vectors at most this: unrelated topics. Random
# draws from one instruction set sit near 0 (hashed 256-dim vectors of different words); parts on
# one subject share their subject's words.
UNRELATED_MAX = 0.12
SCAN_CHARS = 12_000  # a pack's first parts say what it is; a long prompt is not read further

_NUMBERED = re.compile(
    r"^[ \t]*(?:#{1,4}[ \t]*)?(?:(?:task|question|item|problem|q)[ \t]*)?\(?(\d{1,3})[.):][ \t]+(?=\S)",
    re.I | re.M,
)
_LAST = re.compile(rf"{PACK_MIN}[.):]")  # a numbered list of PACK_MIN parts has this mark
_TAGGED = re.compile(
    r"<(task|question|item|problem|prompt|query|instruction)\b[^>]*>(.*?)</\1\s*>", re.I | re.S
)
_JSON_ASK = ("task", "question", "prompt", "instruction", "query", "problem")
_OPENERS = frozenset(
    (
        "write", "create", "explain", "describe", "give", "list", "generate", "design", "develop",
        "implement", "compose", "summarize", "summarise", "translate", "classify", "identify", "find",
        "calculate", "compute", "solve", "compare", "suggest", "provide", "rewrite", "convert",
        "construct", "make", "name", "tell", "outline", "analyze", "analyse", "edit", "determine",
        "recommend", "build", "define", "evaluate", "discuss", "propose", "draft", "prepare",
        "produce", "formulate", "predict", "brainstorm", "help", "imagine", "how", "what", "why",
        "when", "where", "who", "which", "whom", "whose", "can", "could", "is", "are", "do", "does",
        "did", "should", "would", "will", "please", "act", "pretend",
    )
)  # fmt: skip
_CJK_ASKS = ("请", "如何", "怎么", "怎样", "什么", "为什么", "哪", "吗", "写", "给出", "解释", "描述", "列出")
_FIRST_WORD = re.compile(r"[A-Za-z]+")


def packed_tasks(text: str) -> int:
    """How many unrelated tasks one prompt packs (0 when it is not a pack; see the module doc)."""
    text = text[:SCAN_CHARS]
    parts = _numbered(text) or _tagged(text) or _json_tasks(text)
    if not parts:
        return 0
    asking = sum(map(_asks, parts)) / len(parts)
    return len(parts) if asking >= ASKING_MIN and _unrelated(parts) else 0


def _numbered(text: str) -> list[str]:
    """The parts of a list numbered 1, 2, 3, ... at line starts; a mark that does not continue the
    count (a nested list's, a second list's) stays inside the part it falls in."""
    if text.count("\n") < PACK_MIN - 1 or not _LAST.search(text):  # cheap: most prompts stop here
        return []
    marks = []
    for m in _NUMBERED.finditer(text):
        if int(m.group(1)) == len(marks) + 1:
            marks.append(m)
    if len(marks) < PACK_MIN:
        return []
    ends = [m.start() for m in marks[1:]] + [len(text)]
    return [text[m.end() : end].strip() for m, end in zip(marks, ends, strict=True)]


def _tagged(text: str) -> list[str]:
    if text.count("</") < MACHINE_MIN:
        return []
    found = _TAGGED.findall(text)
    if not found:
        return []
    tag = max({t.lower() for t, _ in found}, key=lambda t: sum(x.lower() == t for x, _ in found))
    parts = [body.strip() for t, body in found if t.lower() == tag]
    return parts if len(parts) >= MACHINE_MIN else []


def _json_tasks(text: str) -> list[str]:
    start, end = text.find("["), text.rfind("]")
    if start < 0 or end <= start or text.count('"', start, end) < 2 * MACHINE_MIN:
        return []
    try:
        items = json.loads(text[start : end + 1])
    except ValueError:
        return []
    if not isinstance(items, list):
        return []
    parts = []
    for it in items:
        if isinstance(it, str):
            parts.append(it)
        elif isinstance(it, dict):
            ask = next((it[k] for k in _JSON_ASK if isinstance(it.get(k), str)), None)
            if ask is None:
                return []  # records of something else (posts, rows): not a list of asks
            parts.append(ask)
    return parts if len(parts) >= MACHINE_MIN else []


def _asks(part: str) -> bool:
    head = part[:400]
    if "?" in head or "？" in head or any(c in head for c in _CJK_ASKS):
        return True
    m = _FIRST_WORD.search(head[:40])
    return bool(m) and m.group().lower() in _OPENERS


def _unrelated(parts: list[str]) -> bool:
    vecs = [v for v in map(topic_vector, parts) if v.any()]
    if len(vecs) < PACK_MIN:
        return False
    s = np.sum(vecs, axis=0)
    k = len(vecs)
    mean_cos = (float(s @ s) - k) / (k * (k - 1))  # unit vectors: the mean of the pairwise cosines
    return mean_cos <= UNRELATED_MAX

"""Whose replies does a conversation's history carry? The API's own, or someone else's.

A person chatting through an API resends the conversation each turn, and the assistant turn after
each of their questions is the reply this API served them. A script replaying a pool of real
conversations (a ShareGPT-style dump, turn by turn, to harvest answers to real users' questions)
resends the *pool's* replies: after a question it asked and we answered, the history carries an
answer we never gave. Nothing in a single prompt's wording separates the two - the user turns are
real people's in both - but the history does, once the serving side tells the detector what it
returned for which question (`Detector.served`, called by the guard after each answer).

What is kept per key: for each of its last `KEEP` questions (by digest), the digests of the
replies served to it. A history is judged on its last (question, answer) pair:
- `own`: the question was asked through this key and the answer is one it was served;
- `foreign`: the question was asked through this key, but the answer is not what it was served;
- `none`: no such pair, or an answer to a question the key asked that is too short to judge
  (`MIN_CHARS`: "OK");
- `unasked`: a question this key never asked - few-shot examples sent as chat turns, a conversation
  imported from another provider, a front-end that switched models mid-conversation: none of those
  asked us the question, so the answer is not judged either way. But such a history is not the
  key's own conversation either: a script that puts a real chat exchange before each dataset item
  (a reviewer's blind distiller, session 15: every request, watch 0.39) had the conversation
  discount of a person chatting. score.own_multi_turn counts only histories that are not. A
  question the key may have asked before its memory's horizon is not `unasked` but `none`: once
  the last `KEEP` questions span less than `COVER_S` (an app relaying hundreds of users' chats
  through one key), a person's earlier turn may simply have been forgotten;
- `unknown`: the server never reported a reply for this key (a detector fed requests only, or a
  key whose state was dropped): the evidence abstains.
Texts are matched by their normalised head (`HEAD` characters, whitespace collapsed, case folded),
so a client that trims whitespace, clips long turns or shows only part of a stream still matches;
a leading `<think>...</think>` block is digested both ways, since chat front-ends drop reasoning
from the history. The term still never blocks alone (score.py `NOT_STRONG`): a client may edit
replies before resending them.
"""

from __future__ import annotations

import hashlib
from typing import Any, Literal

import numpy as np

from stillroom.contracts.openai import content_text

HEAD = 256  # characters of a text's normalised head that identify it
MIN_CHARS = 24  # shorter answers are not judged (one-word few-shot answers, "OK")
KEEP = 256  # questions remembered per key (a person's next turn follows within minutes)
ANSWERS = 4  # replies remembered per question (n > 1, regenerations)
COVER_S = 3600.0  # a full memory spanning less time than this cannot tell "never asked" from "forgotten"

History = Literal["none", "own", "foreign", "unasked", "unknown"]

# A later prompt that quotes one of the key's served replies (an evaluator grading our answers, a
# regression suite checking them) is found by the reply's anchors: its first and its last
# `OPEN`-character window, whitespace collapsed, case folded and JSON string escapes undone,
# hashed by a polynomial rolling hash so every window of a prompt is hashed in one vectorised pass
# (`quotes`). `QUOTE_SCAN` bounds the prompt read.
# A reply's opening alone is no grading: a distiller can paste an earlier answer into its next
# prompt (a review). A quote counts beside the question it answered, found the same way by the
# question's anchors (its first `HEAD_ANCHORS` and last `TAIL_ANCHORS` windows, or all of it when
# shorter than `OPEN` and at least `QUESTION_MIN` characters), or as a whole reply (all of its
# `digest`ed head) beside no other question of the key's: promptfoo's `llm-rubric` and its
# kin send the output and the rubric, not the question, and a prompt-regression platform's nightly
# graders read as rubric grading backing its templates (blind round 22: blocked at request ~300 on
# its first night). A reply set beside another question it did not answer is still no quote, nor
# are several whole replies without their questions: a long-form pipeline feeding back its plan and
# the parts written so far (blind round 11's AgentWrite harvest; its prompts also read as rubric).
# An anchor seen for two different questions is boilerplate and never counts, whichever side it
# is on: a reply opening such as "I'm sorry, but I can't..." or "Let's think step by step. First,"
# (the reply's closing window still counts), or a harness's or template's wrapper around every
# question (a review: keyed on the question's first characters alone, a templated key's every
# question looked the same).
OPEN = 48
QUOTE_SCAN = 8192
QUESTION_MIN = 6
HEAD_ANCHORS = 3  # a question's
TAIL_ANCHORS = 2
WHOLE_STARTS = 8  # anchors a whole reply is looked for from (each costs up to HEAD digests, ~0.2 ms)
_B = 0x100000001B3  # odd: invertible modulo 2**64
_POW = np.cumprod(np.r_[np.uint64(1), np.full(QUOTE_SCAN + OPEN, _B, dtype=np.uint64)])[: QUOTE_SCAN + OPEN]
_INV = np.cumprod(np.r_[np.uint64(1), np.full(QUOTE_SCAN + OPEN, pow(_B, -1, 2**64), dtype=np.uint64)])[
    : QUOTE_SCAN + OPEN
]


def _fold(text: str) -> str:
    # a grader that embeds a record with json.dumps quotes "\\n" and '\\"' literally
    t = text[: 2 * QUOTE_SCAN].replace("\\n", " ").replace("\\t", " ").replace('\\"', '"')
    return " ".join(t.split()).casefold()[:QUOTE_SCAN]


def _folded(text: str) -> np.ndarray:
    return _codes(_fold(text))


def _codes(t: str) -> np.ndarray:
    # surrogatepass: a client's lone surrogate (invalid UTF-8 escaped) is a code point like any other
    return np.frombuffer(t.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)


def _prefix(c: np.ndarray) -> np.ndarray:
    """Prefix sums of c[m] B^m (mod 2**64): every window's hash is a difference of two."""
    prefix = np.empty(len(c) + 1, dtype=np.uint64)  # np.r_ cost ~12 us a call (served path)
    prefix[0] = 0
    with np.errstate(over="ignore"):
        np.cumsum(c * _POW[: len(c)], dtype=np.uint64, out=prefix[1:])
    return prefix


def _windows(c: np.ndarray, size: int, prefix: np.ndarray | None = None) -> np.ndarray:
    """The hash of every `size`-character window of folded code points `c`: sum_j c[i+j] B^j
    (mod 2**64), from prefix sums of c[m] B^m (`_prefix`, computed once for many sizes) divided
    by B^i."""
    if len(c) < size:
        return np.zeros(0, dtype=np.uint64)
    prefix = _prefix(c) if prefix is None else prefix
    with np.errstate(over="ignore"):
        return (prefix[size:] - prefix[:-size]) * _INV[: len(c) - size + 1]


def windows(text: str) -> np.ndarray:
    """The hash of every `OPEN`-character window of the folded text."""
    return _windows(_folded(text), OPEN)


Anchor = tuple[int, int]  # (window length, hash)


def anchors(text: str, head: int, tail: int = 0) -> list[Anchor]:
    """A text's first `head` `OPEN`-character windows at a stride of `OPEN` from its start, and its
    last `tail` at that stride from its end (the whole folded text when it is shorter than `OPEN`,
    from `QUESTION_MIN` characters; else none)."""
    c = _folded(text)
    if len(c) < OPEN:
        return [(len(c), int(_windows(c, len(c))[0]))] if len(c) >= QUESTION_MIN else []
    w = _windows(c, OPEN)
    picked = dict.fromkeys([*range(0, len(w), OPEN)][:head] + [*range(len(w) - 1, -1, -OPEN)][:tail])
    return [(OPEN, int(w[i])) for i in picked]


def digest(text: str) -> int:
    return _digest_folded(" ".join(text[: 4 * HEAD].split())[:HEAD].casefold())


def _digest_folded(head: str) -> int:
    return int.from_bytes(hashlib.blake2b(head.encode("utf-8", "replace"), digest_size=8).digest(), "big")


def digests(text: str) -> tuple[int, ...]:
    """The digests a served reply is remembered by (with and without a leading reasoning block)."""
    text = text.lstrip()
    end = text.find("</think>") if text[:7].lower() == "<think>" else -1
    return (digest(text),) if end < 0 else (digest(text), digest(text[end + 8 :]))


def last_exchange(messages: Any) -> tuple[str, str] | None:
    """The conversation's last (question, answer) pair that a later user turn follows. A trailing
    assistant message is a prefill the client wrote for the model to continue, not an answer: it
    is skipped."""
    if not isinstance(messages, list) or len(messages) < 3:
        return None
    for i in range(len(messages) - 2, 0, -1):
        m, q = messages[i], messages[i - 1]
        if isinstance(m, dict) and m.get("role") == "assistant":
            if not (isinstance(q, dict) and q.get("role") == "user"):
                return None
            return content_text(q.get("content")), content_text(m.get("content"))
    return None


def earlier_questions(messages: Any, limit: int = 8) -> list[str]:
    """The user turns before the conversation's last one (its newest `limit`), oldest first."""
    if not isinstance(messages, list):
        return []
    users = [i for i, m in enumerate(messages) if isinstance(m, dict) and m.get("role") == "user"]
    return [content_text(messages[i].get("content")) for i in users[:-1][-limit:]]


def judgeable(answer: str) -> bool:
    """Whether an answer is long enough to tell ours from another's (MIN_CHARS)."""
    return len(answer) >= MIN_CHARS and len(answer[: 4 * MIN_CHARS].strip()) >= MIN_CHARS


class Served:
    """One key's questions and the replies served to each (insertion-ordered; the oldest question
    dropped past `KEEP`), when each question's replies were last reported, and the anchors of the
    last replies and questions with the question each belongs to (its digest; None: boilerplate,
    seen for two questions, which never counts)."""

    __slots__ = ("anchors", "answers", "count", "items", "openings", "when")

    def __init__(
        self,
        answers: dict[int, tuple[int, ...]] | None = None,
        count: int = 0,
        when: dict[int, float] | None = None,
        openings: dict[int, int | None] | None = None,
        anchors: dict[Anchor, int | None] | None = None,
        items: dict[int, None] | None = None,
    ):
        self.answers: dict[int, tuple[int, ...]] = dict(answers or {})
        self.count = count  # replies reported for this key, ever
        self.when: dict[int, float] = dict(when or {})  # question -> time (files from before: none)
        # reply anchors (OPEN-character window hashes) -> the question they answered
        self.openings: dict[int, int | None] = dict(openings or {})
        # question anchors -> the question (its digest)
        self.anchors: dict[Anchor, int | None] = dict(anchors or {})
        # the last KEEP questions read as evaluation items when they were asked (mark_item)
        self.items: dict[int, None] = dict(items or {})

    def add(self, question: str, replies: list[str], ts: float | None = None) -> None:
        texts = [r for r in replies if isinstance(r, str) and r.strip()]
        if not texts or not isinstance(question, str):
            return
        self.count += len(texts)
        q = digest(question)
        new = tuple(d for t in texts for d in digests(t))
        kept = self.answers.pop(q, ())
        self.answers[q] = (*new, *(d for d in kept if d not in new))[: 2 * ANSWERS]
        self.when.pop(q, None)
        if ts is not None:
            self.when[q] = ts
        while len(self.answers) > KEEP:
            old = next(iter(self.answers))
            del self.answers[old]
            self.when.pop(old, None)
        found = anchors(question, HEAD_ANCHORS, TAIL_ANCHORS)
        if not found:  # too short to find ("why?" is anywhere): its replies pair with nothing
            return
        _remember(self.anchors, found, q, KEEP * (HEAD_ANCHORS + TAIL_ANCHORS))
        for t in texts:
            opened = [h for n, h in anchors(t, 1, 1) if n == OPEN]  # its opening and its close
            _remember(self.openings, opened, q, KEEP * ANSWERS * 2)

    def mark_item(self, question: str) -> None:
        """Remember `question` as an evaluation item (read as a test item when it was asked): a
        later review of its answer is evaluating our model."""
        if isinstance(question, str):
            _remember(self.items, [digest(question)], None, KEEP)  # the newest last

    def quotes(self, text: str) -> frozenset[int]:
        """The questions (digests) whose served reply `text` quotes (within its first `QUOTE_SCAN`
        characters, whitespace, case and JSON escapes aside): an anchor of the reply and, outside
        that window, an anchor of the question it answered; or one whole reply (its first `HEAD`
        characters, as `digest` reads them) with no other question or whole reply of the key's in
        the text - a grader reads one output; a pipeline that feeds back a plan and the parts written
        so far (AgentWrite: blind round 11) is no review. Empty: none."""
        if not self.openings or not isinstance(text, str) or len(text) < OPEN:
            return frozenset()
        folded = _fold(text)
        c = _codes(folded)
        prefix = _prefix(c)  # one pass for every window length
        w = _windows(c, OPEN, prefix)
        # where a reply may start or end: its anchors, boilerplate ones too ("Sure! Here is a")
        starts = np.flatnonzero(
            np.isin(w, np.fromiter(self.openings, dtype=np.uint64, count=len(self.openings)))
        )
        if not len(starts):
            return frozenset()
        replies = {h: q for h, q in self.openings.items() if q is not None}
        hits = [i for i in map(int, starts) if int(w[i]) in replies]
        if not hits and len(starts) < 2:
            return frozenset()  # a whole reply has an opening and a close
        out = set()
        asked: set[int] = set()  # the key's questions whose anchors the text holds
        by_size: dict[int, dict[int, int]] = {}  # window length -> anchor hash -> question
        for (size, h), q in self.anchors.items():
            if q is not None:
                by_size.setdefault(size, {})[h] = q
        for size, table in by_size.items():
            ws = w if size == OPEN else _windows(c, size, prefix)
            at = np.flatnonzero(np.isin(ws, np.fromiter(table, dtype=np.uint64, count=len(table))))
            asked.update(table[int(ws[j])] for j in at)
            for i in hits:
                q = replies[int(w[i])]
                near = [j for j in at if table[int(ws[j])] == q]
                if any(j + size <= i or j >= i + OPEN for j in near):
                    out.add(q)
        asked.discard(digest(text))  # the prompt itself, asked before: a nightly grader's re-run
        replied = {replies[int(w[i])] for i in hits}  # whose replies the text holds anchors of
        if len(asked | replied) <= 1 and len(whole := self._whole(folded, starts[:WHOLE_STARTS])) == 1:
            out.update(whole if asked | replied <= whole else ())
        return frozenset(out)

    def _whole(self, folded: str, starts: np.ndarray) -> set[int]:
        """The questions one of whose served replies is in the folded text whole from one of
        `starts` (up to its first `HEAD` characters: what `digest` reads)."""
        question: dict[int, int | None] = {}  # a reply served for two questions is boilerplate
        for q, ds in self.answers.items():
            for d in ds:
                question[d] = q if question.get(d, q) == q else None
        found = set()
        for i in map(int, starts):
            for end in range(i + OPEN, min(len(folded), i + HEAD) + 1):
                if (q := question.get(_digest_folded(folded[i:end]))) is not None:
                    found.add(q)
                    break
        return found

    def forgets(self, now: float | None) -> bool:
        """Whether a question missing from a full memory may have been asked and forgotten: the
        remembered questions span less than `COVER_S` (or their times are unknown)."""
        if len(self.answers) < KEEP:
            return False
        oldest = self.when.get(next(iter(self.answers)))
        return now is None or oldest is None or now - oldest < COVER_S

    def asked(self, question: str) -> bool:
        """Whether this key asked `question` within its memory (`KEEP` questions)."""
        return digest(question) in self.answers

    def judge(self, messages: Any, now: float | None = None) -> History:
        pair = last_exchange(messages)
        if pair is None:
            return "none"
        if not self.count:
            return "unknown"
        served = self.answers.get(digest(pair[0]))
        if served is None:
            # a question never asked here is no conversation of the key's, whatever the answer's
            # length: a fake "Sure." after a made-up question earned a red team's reviewer the
            # continuity discount (session 27: 300 items at watch 0.39, suspect 0.95 without it)
            return "none" if self.forgets(now) else "unasked"
        if not judgeable(pair[1]):
            return "none"
        return "own" if any(d in served for d in digests(pair[1])) else "foreign"


def _remember(table: dict, keys: list, question: int, limit: int) -> None:
    """Map each of `keys` to `question`, or to None (boilerplate) once another question had it;
    the oldest entries go past `limit`."""
    for k in keys:
        known = table.pop(k, question)
        table[k] = question if known == question else None
    while len(table) > limit:
        del table[next(iter(table))]

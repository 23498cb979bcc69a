"""Whose replies does a conversation's history carry? The API's own, or someone else's.

A person chatting through an API resends the conversation each turn, and its assistant turns are
the replies this API served to that key. A script replaying a pool of real conversations (a
ShareGPT-style dump, to harvest answers to real users' questions) resends the *pool's* assistant
turns: replies this API never served. Nothing in a single prompt's wording separates the two -
the user turns are real people's in both - but the history does, once the serving side tells the
detector what it returned (`Detector.served`, called by the guard after each answer).

What is kept per key: digests of the heads of the last `KEEP` replies served to it. A reply is
matched by its normalised head (`HEAD` characters, whitespace collapsed, case folded), so a client
that trims whitespace, clips long turns or shows only part of a stream still matches; a leading
`<think>...</think>` block is digested both ways, since chat front-ends drop reasoning from the
history. Abstains - says nothing - for a key the server never reported a reply for (a detector fed
requests only, or a key whose state was dropped), and for assistant turns shorter than `MIN_CHARS`
(few-shot answer letters, "OK").

Who else sends foreign histories, and why this term alone never blocks (score.py `NOT_STRONG`):
a multi-model chat front-end that lets a user switch models mid-conversation, a conversation
imported from another provider, an evaluation harness sending few-shot examples as chat turns.
"""

from __future__ import annotations

import hashlib
from typing import Any, Literal

from stillroom.contracts.openai import content_text

HEAD = 256  # characters of a reply's normalised head that identify it
MIN_CHARS = 24  # shorter assistant turns are not judged (one-word few-shot answers, "OK")
KEEP = 512  # replies remembered per key (a conversation resends its last few; 512 is days of chat)

History = Literal["none", "own", "foreign", "unknown"]


def _digest(text: str) -> int:
    head = " ".join(text[: 4 * HEAD].split())[:HEAD].casefold()
    return int.from_bytes(hashlib.blake2b(head.encode("utf-8", "replace"), digest_size=8).digest(), "big")


def digests(text: str) -> tuple[int, ...]:
    """The digests a served reply is remembered by (with and without a leading reasoning block)."""
    text = text.lstrip()
    end = text.find("</think>") if text[:7].lower() == "<think>" else -1
    return (_digest(text),) if end < 0 else (_digest(text), _digest(text[end + 8 :]))


def last_reply(messages: Any) -> str | None:
    """The content of the conversation's last assistant turn, if long enough to judge. A trailing
    assistant message is a prefill the client wrote for the model to continue, not a reply: the
    turn judged is the last one before it."""
    if not isinstance(messages, list):
        return None
    for m in reversed(messages[:-1]):
        if isinstance(m, dict) and m.get("role") == "assistant":
            text = content_text(m.get("content"))
            return (
                text if len(text) >= MIN_CHARS and len(text[: 4 * MIN_CHARS].strip()) >= MIN_CHARS else None
            )
    return None


class Served:
    """One key's remembered reply digests (insertion-ordered; the oldest dropped past `KEEP`)."""

    __slots__ = ("count", "seen")

    def __init__(self, seen: list[int] | None = None, count: int = 0):
        self.seen: dict[int, None] = dict.fromkeys(seen or ())
        self.count = count  # replies reported for this key, ever

    def add(self, text: str) -> None:
        if not isinstance(text, str) or not text.strip():
            return
        self.count += 1
        for d in digests(text):
            self.seen.pop(d, None)
            self.seen[d] = None
        while len(self.seen) > KEEP:
            del self.seen[next(iter(self.seen))]

    def judge(self, messages: Any) -> History:
        """`own` when the last assistant turn is a reply served to this key, `foreign` when it is
        not, `unknown` when no reply was ever reported for the key, `none` without a judgeable
        assistant turn."""
        text = last_reply(messages)
        if text is None:
            return "none"
        if not self.count:
            return "unknown"
        return "own" if any(d in self.seen for d in digests(text)) else "foreign"

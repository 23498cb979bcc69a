"""The seam between the guard and the detector: what the detector sees, and what it answers.

The guard builds one `TrafficEvent` per request (after auth and limits, before the upstream call)
and the detector returns an `Assessment`; the guard's policy maps `Assessment.verdict` to actions
and writes `features` and `contributions` to the audit log. Nothing here holds raw secrets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Verdict = Literal["ok", "watch", "evaluation", "suspect", "block"]
# The escalation ladder; "evaluation" is not on it: it is a label the detector gives a key whose
# traffic is recognisably benchmark evaluation (public test items, harness settings) and that has
# no strong distillation evidence. Policy answers it with a notice, never a block.
LADDER: tuple[Verdict, ...] = ("ok", "watch", "suspect", "block")
VERDICTS: tuple[Verdict, ...] = ("ok", "watch", "evaluation", "suspect", "block")


@dataclass(frozen=True)
class TrafficEvent:
    """One request as the detector sees it. From the guard, a bounded view: every text (prompt,
    message content, `stop` strings) is at most ~`detector_max_chars` characters (the head and the
    tail of a longer one, joined by "\n...\n"), with NUL and lone surrogates as U+FFFD; `messages`
    are the last `detector_max_messages` turns as {"role", "content": text}. Requests the guard
    refused before its limits (400, 404, 408, 413) are observed too, with whatever could be read
    of them (the raw body's head, or a "(refused by the gateway: ...)" marker) and empty params."""

    key_id: str  # the API key's public id, never the secret
    ts: float  # unix seconds (the arena passes its simulated clock)
    endpoint: str  # "chat" | "completions"
    prompt: str  # the text the client wrote: last user message, or the raw prompt
    messages: list[dict[str, Any]] | None = None  # the whole conversation for chat requests
    # The request's generation knobs as sent: n, max_tokens, temperature, top_p, logprobs,
    # top_logprobs, stop, seed, stream (absent = not sent).
    params: dict[str, Any] = field(default_factory=dict)
    # Who sends it, beside the body (all optional; cross-key linking uses what is present):
    user_agent: str = ""
    header_names: tuple[str, ...] = ()  # lower-case header names as sent, in order
    # Operator-attached account metadata (organisation, payment fingerprint, signup network...),
    # already hashed by the guard: the detector only compares values for equality.
    account: dict[str, str] = field(default_factory=dict)


@dataclass
class Assessment:
    score: float  # suspicion in [0, 1]
    verdict: Verdict
    features: dict[str, float] = field(default_factory=dict)  # this key's current feature values
    contributions: dict[str, float] = field(default_factory=dict)  # feature -> share of the score
    cluster: str | None = None  # id of the cross-key cluster this key is scored with, if any
    reasons: list[str] = field(default_factory=list)  # human-readable evidence, strongest first
    level: Verdict = "ok"  # the key's place on the escalation ladder (verdict minus the label)

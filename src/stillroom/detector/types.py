"""The seam between the guard and the detector: what the detector sees, and what it answers.

The guard builds one `TrafficEvent` per request (after auth and limits, before the upstream call)
and the detector returns an `Assessment`; the guard's policy maps `Assessment.verdict` to actions
and writes `features` and `contributions` to the audit log. Nothing here holds raw secrets.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import asdict, dataclass, field
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
    are the last `detector_max_messages` turns as {"role", "content": text}, after the
    system/developer messages and the first user message from before them (guard/detection.py
    `_early`) and, first, one message of role "instructions": the text the request gives the
    model outside its messages (tools, response schemas...: guard/schemas.instruction_text), when
    there is any. A completions batch is one event per prompt. Requests the guard refused before
    its limits (400, 404, 408, 413) are observed too, with whatever could be read of them (the raw
    body's head, or a "(refused by the gateway: ...)" marker) and empty params."""

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


# --- the detector's input as a record on a stream (scale-out, docs/detector.md "Scale-out") ---
# Guards write these and `stillroom detect` workers read them: one definition for both sides, so a
# field added on one side and not the other fails tests/test_detector_stream.py.


@dataclass(frozen=True)
class ServedReply:
    """What the guard returned to one of a key's chat requests (the detector's `served` call):
    `prompt` is the request's last user message, `texts` every choice as the client got it."""

    key_id: str
    prompt: str
    texts: list[str]


DetectorInput = TrafficEvent | ServedReply


def partition_of(key_id: str, partitions: int) -> int:
    """The stream partition a key's records go to: every record of one key lands in one
    partition, so its window lives in exactly one worker. crc32, not Python's salted hash():
    every guard process must compute the same partition."""
    return zlib.crc32(key_id.encode("utf-8", "surrogatepass")) % partitions


def encode_input(item: DetectorInput, uid: str | None = None) -> dict[str, str]:
    """A record's stream fields: {"k": "e" (TrafficEvent) | "s" (ServedReply), "d": JSON, "u": uid}.
    `uid` names the record, not its stream id: a record sent twice (its first send's reply lost
    after Redis took it) keeps its uid, and a worker applies one uid once."""
    kind = "e" if isinstance(item, TrafficEvent) else "s"
    out = {"k": kind, "d": json.dumps(asdict(item), separators=(",", ":"))}
    if uid is not None:
        out["u"] = uid
    return out


def record_uid(fields: dict[bytes, bytes] | dict[str, str]) -> int | None:
    """The uid `encode_input` gave the record, as an int (what a worker remembers: ~3x smaller
    than the hex string); None when it was written without one, or with one that is not hex."""
    u = fields.get(b"u", fields.get("u"))  # type: ignore[call-overload]
    try:
        return int(u, 16) if u is not None else None
    except ValueError:
        return None


def decode_input(fields: dict[bytes, bytes] | dict[str, str]) -> DetectorInput:
    """The record `encode_input` wrote (bytes or str fields, as a Redis client returns them)."""
    norm = {(k.decode() if isinstance(k, bytes) else k): v for k, v in fields.items()}
    kind = norm["k"].decode() if isinstance(norm["k"], bytes) else norm["k"]
    data = json.loads(norm["d"])
    if kind == "s":
        return ServedReply(data["key_id"], data["prompt"], list(data["texts"]))
    if kind != "e":
        raise ValueError(f"unknown detector record kind {kind!r}")
    data["header_names"] = tuple(data.get("header_names") or ())
    return TrafficEvent(**data)


def encode_assessment(a: Assessment, version: str, n: int) -> str:
    """A worker's assessment of a key as guards read it: the verdict and why, without the feature
    vector (~40 floats per key that only the worker's own dashboard needs). `version` is the id of
    the last record applied for the key; `n` how many of the key's requests the worker has seen."""
    doc = {
        "score": a.score,
        "verdict": a.verdict,
        "level": a.level,
        "cluster": a.cluster,
        "contributions": a.contributions,
        "reasons": a.reasons[:4],
        "v": version,
        "n": n,
    }
    return json.dumps(doc, separators=(",", ":"))


def decode_assessment(raw: bytes | str) -> tuple[Assessment, str, int]:
    doc = json.loads(raw)
    a = Assessment(
        doc["score"],
        doc["verdict"],
        {},
        doc["contributions"],
        doc["cluster"],
        doc["reasons"],
        doc["level"],
    )
    return a, doc["v"], int(doc["n"])

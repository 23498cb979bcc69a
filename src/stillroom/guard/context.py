"""The one typed object each request carries through the hooks, in this fixed order:

    auth -> read + parse -> limits -> detector -> policy -> upstream -> post-processing -> audit

Each hook (see pipeline.py) reads what the earlier ones filled in and adds its own part; the audit
hook writes the whole context as one row, so the log shows exactly what the guard knew and did.
A request refused early (bad JSON, too large, unknown model) still has a context: the parts
after the refusal stay empty.

Also here: the text helpers every per-request step shares. Their cost is bounded whatever the
body size (the guard must not spend more CPU on a 1 MB prompt than on a short one by more than a
C-speed pass over its bytes), and they turn text the database cannot store (lone UTF-16
surrogates, NUL) into U+FFFD instead of failing.
"""

from __future__ import annotations

import hashlib
import math
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

from stillroom.contracts.audit import action_string
from stillroom.contracts.openai import ChatMessage, GatewayChatRequest, GatewayCompletionRequest
from stillroom.detector.types import Assessment, TrafficEvent, Verdict
from stillroom.guard.keys import ApiKey
from stillroom.guard.limits import LimitResult
from stillroom.guard.policy import Action
from stillroom.guard.schemas import message_text

Endpoint = Literal["chat", "completions"]
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# Every character but " " for which str.isspace() is true (what `\s` matches in a str pattern).
_WS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + ("\u2028\u2029\u202f\u205f\u3000")
)
_ASCII_WS = _WS[:9]
FINGERPRINT_NORMALISED_CHARS = 65_536
# How much of each streamed reply the guard collects for the detector's `served` (it hashes a
# normalised head of a reply): a stream's chunks are parsed only until every choice has this much.
SERVED_HEAD_CHARS = 512
# A reply that opens with a reasoning block (`<think>...</think>`, as some served models write it
# inline) is collected through the block, up to this many characters, so its head *after* the
# block - what chat front-ends keep in the history - is reported too (detector/history.py digests
# a reply with and without its leading reasoning block).
SERVED_THINK_CHARS = 32_768


def safe_text(text: str) -> str:
    """`text` with NUL and lone surrogates replaced by U+FFFD: storable in SQLite and PostgreSQL
    text, encodable as UTF-8. (A surrogate *pair* sent as JSON escapes is already one character.)"""
    if text.isascii() and "\x00" not in text:
        return text
    return _UNSTORABLE.sub("\ufffd", text)


def _normalise(text: str) -> str:
    """Lower case, whitespace runs collapsed to one space, ends stripped; the same result as
    `re.sub(r"\\s+", " ", text.strip().lower())` at ~15x the speed (str.replace runs in C)."""
    s = text.strip().lower()
    for ch in _ASCII_WS if s.isascii() else _WS:
        if ch in s:
            s = s.replace(ch, " ")
    while "  " in s:
        s = s.replace("  ", " ")
    return s


def fingerprint(text: str) -> str:
    """A stable id for a prompt that survives case and whitespace edits but reveals nothing.

    Normalised over its first 64K characters; anything beyond is hashed as is, which bounds the
    cost (~0.3 ms for 400 KB) and leaves fingerprints of shorter prompts unchanged."""
    head, tail = text[:FINGERPRINT_NORMALISED_CHARS], text[FINGERPRINT_NORMALISED_CHARS:]
    h = hashlib.sha256(_normalise(head).encode("utf-8", "surrogatepass"))
    if tail:
        h.update(b"\x00" + tail.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:32]


MAX_HEADER_NAMES = 64


def client_of(headers: Any) -> tuple[str, tuple[str, ...]]:
    """(user agent, header names) of a request, bounded: 256 characters of user agent, at most
    64 names of at most 64 characters each (the server already bounds the header block)."""
    ua = safe_text(str(headers.get("user-agent", ""))[:256])
    names = tuple(safe_text(str(k)[:64].lower()) for k in list(headers.keys())[:MAX_HEADER_NAMES])
    return ua, names


def clip(text: str, max_chars: int) -> str:
    """At most ~`max_chars` characters: the head and the tail of a longer text, storable."""
    if len(text) > max_chars:
        head = max_chars * 3 // 4
        text = text[:head] + "\n...\n" + text[len(text) - (max_chars - head) :]
    return safe_text(text)


def finite(x: Any) -> Any:
    """NaN and infinities become None: JSON columns (PostgreSQL) and JSON files refuse them."""
    return x if not isinstance(x, float) or math.isfinite(x) else None


@dataclass
class StreamHeads:
    """The first ~SERVED_HEAD_CHARS characters of each of a chat stream's `n` choices, as relayed.

    `open` turns False once every choice has its head or has finished, and the relay then stops
    parsing chunks for it: the extra work is bounded to a stream's first chunks."""

    n: int
    parts: dict[int, list[str]] = field(default_factory=dict)
    chars: dict[int, int] = field(default_factory=dict)
    done: set[int] = field(default_factory=set)
    looked: dict[int, int] = field(
        default_factory=dict
    )  # choice -> head size (in SERVED_HEAD_CHARS) last looked at
    # choice -> tool-call index -> the call so far (OpenAI streams a call's id, type and name once,
    # then its arguments in pieces)
    calls: dict[int, dict[int, dict[str, Any]]] = field(default_factory=dict)

    @property
    def open(self) -> bool:
        return len(self.done) < self.n

    def add(self, chunk: dict[str, Any]) -> None:
        """Take the `delta.content` and `delta.tool_calls` of each choice (index 0..n-1) in one
        parsed stream chunk."""
        choices = chunk.get("choices")
        for choice in choices if isinstance(choices, list) else ():
            i = choice.get("index") if isinstance(choice, dict) else None
            if not isinstance(i, int) or not 0 <= i < self.n or i in self.done:
                continue
            delta = choice.get("delta")
            delta = delta if isinstance(delta, dict) else {}
            text = delta.get("content")
            if isinstance(text, str) and text:
                self.parts.setdefault(i, []).append(text)
                self.chars[i] = self.chars.get(i, 0) + len(text)
            if isinstance(delta.get("tool_calls"), list):
                self.chars[i] = self.chars.get(i, 0) + _add_calls(
                    self.calls.setdefault(i, {}), delta["tool_calls"]
                )
            if self._head_complete(i) or choice.get("finish_reason"):
                self.done.add(i)

    def _head_complete(self, i: int) -> bool:
        """SERVED_HEAD_CHARS collected - counted after a leading reasoning block, if the reply opens
        with one (at most SERVED_THINK_CHARS in all)."""
        chars = self.chars.get(i, 0)
        if chars < SERVED_HEAD_CHARS:
            return False
        if chars >= SERVED_THINK_CHARS or i in self.calls:
            return True
        step = chars // SERVED_HEAD_CHARS  # look again only every SERVED_HEAD_CHARS: <= 64 joins a stream
        if self.looked.get(i) == step:
            return False
        self.looked[i] = step
        text = "".join(self.parts[i])
        self.parts[i] = [text]
        start = text.lstrip()
        if start[:7].lower() != "<think>":
            return True
        end = start.find("</think>")
        return end >= 0 and len(start) - (end + 8) >= SERVED_HEAD_CHARS

    def texts(self) -> list[str]:
        """The non-empty heads, in choice order; a choice that called tools as `reply_text` renders
        it."""
        out = []
        for i in sorted(set(self.parts) | set(self.calls)):
            content = "".join(self.parts.get(i, ()))
            calls = [self.calls[i][j] for j in sorted(self.calls.get(i, {}))]
            if text := reply_text({"content": content, **({"tool_calls": calls} if calls else {})}):
                out.append(text)
        return out


def _add_calls(calls: dict[int, dict[str, Any]], deltas: list[Any]) -> int:
    """Merge one chunk's `delta.tool_calls` into `calls`; the characters it added. OpenAI sends a
    call's id, type and name in its first chunk and the arguments in pieces; llama-cpp-python
    (0.2.60) repeats the whole id and name in every chunk, which appended read "UserUserUser..."
    where its JSON answer says "User" (round 34's red team): the first id and type are kept, and
    a name piece equal to the name so far is that repeat, not a piece."""
    added = 0
    for d in deltas:
        if not isinstance(d, dict):
            continue
        j = d.get("index", len(calls))
        call = calls.setdefault(j if isinstance(j, int) else len(calls), {})
        for k in ("id", "type"):
            if isinstance(d.get(k), str) and k not in call:
                call[k] = d[k]
                added += len(d[k])
        fn = d.get("function")
        if isinstance(fn, dict):
            into = call.setdefault("function", {})
            for k in ("name", "arguments"):
                if isinstance(fn.get(k), str) and fn[k] and not (k == "name" and fn[k] == into.get(k)):
                    into[k] = into.get(k, "") + fn[k]
                    added += len(fn[k])
    return added


def message_texts(data: dict[str, Any]) -> list[str]:
    """Every non-empty `choices[i].message` of a chat completion as `reply_text` reads it (all n:
    a client may keep any of them)."""
    choices = data.get("choices")
    out = []
    for choice in choices if isinstance(choices, list) else ():
        message = choice.get("message") if isinstance(choice, dict) else None
        if isinstance(message, dict) and (text := reply_text(message)):
            out.append(text)
    return out


REPLY_CALL_FIELDS = ("tool_calls", "function_call")


def reply_text(message: dict[str, Any]) -> str:
    """A served assistant message as the detector will read it when the client resends it: its
    `content`, or, where it called tools, the content and the calls rendered as a request's
    message is (schemas.message_text: id, type, name, arguments). Reporting only `content` left
    every tool-calling turn unreported, so a genuine agent's resent calls read as a conversation
    the key never had with us (round 37). Reasoning fields are left out: chat clients drop them
    from the history they resend."""
    content = message.get("content")
    calls = {k: message[k] for k in REPLY_CALL_FIELDS if message.get(k)}
    if not calls:
        return content if isinstance(content, str) else ""
    try:
        m = ChatMessage.model_validate({"role": "assistant", "content": content, **calls})
    except ValueError:
        return content if isinstance(content, str) else ""
    return message_text(m).strip()


@dataclass
class RequestContext:
    # "models": GET /v1/models; "admin": a user key refused on an admin route; "metrics": a user key's
    # GET /metrics answered with the public series (`metrics_public`); audited, never sent upstream
    endpoint: Endpoint | Literal["models", "admin", "metrics"]
    key: ApiKey  # auth
    raw_body: bytes = b""  # as the client sent it; forwarded unchanged unless policy edits `body`
    body: dict[str, Any] = field(default_factory=dict)  # the JSON sent upstream (policy may edit it)
    # The validated view of the body; None for a request refused before it was validated.
    request: GatewayChatRequest | GatewayCompletionRequest | None = None
    prompt: str = ""  # what the model answers now (schemas.asked_text): audited and observed
    question: str = ""  # the last user message: the replies are reported under it (report_served)
    prompt_fp: str | None = None  # see `fingerprint`
    # what the model reads beside the prompt (schemas.instructions_text): audited by its own
    # fingerprint (None where there are none)
    instructions: str = ""
    instructions_fp: str | None = None
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    ts: float = field(default_factory=time.time)
    started: float = field(default_factory=time.perf_counter)
    # Who sends it (for the detector's cross-key links): the user agent and the header names as
    # sent, each clipped (see `client_of`); never header values other than the user agent.
    user_agent: str = ""
    header_names: tuple[str, ...] = ()
    # Token accounting (limits.py): `token_estimate` is the likely cost (prompt chars / 4 + the
    # output asked for), refused up front when it exceeds the key's tpm; `reserved` is what was taken
    # from the bucket: an upper bound on what the upstream can report (prompt bytes + max output),
    # capped at the tpm; the difference to what was served is settled after the answer.
    prompt_estimate: int = 0
    token_estimate: int = 0
    reserved: int = 0
    limit: LimitResult | None = None  # limits
    throttled: bool = False  # refused before reading the body: the key's request bucket is empty
    # detector: the events it observes after the response (one per prompt answered), and the
    # key's assessment in force
    events: list[TrafficEvent] = field(default_factory=list)
    observed: bool = False  # the events are queued for the detector (once per request)
    assessment: Assessment | None = None
    verdict: Verdict = "ok"  # detector, or the admin's override
    action: Action | None = None  # policy
    unapplied: list[str] = field(default_factory=list)  # countermeasures the upstream did not apply
    body_changed: bool = False
    hide_usage: bool = False  # the guard asked the upstream for stream usage the client did not
    added_stream_options: bool = False  # the guard added the field; the client's request had none
    may_quote_stream_options: bool = False  # ... and its text may spell the name (pipeline.ask_stream_usage)
    upstream_answered: bool = False  # the upstream did work on it (any status, or a timeout)
    # it generated an answer the guard closed unread, or timed out (charged `reserved`)
    answer_unread: bool = False
    # the upstream answered in full and the guard did not return it: the key was revoked or pinned
    # to a blocked verdict meanwhile (pipeline.withhold_if_refused); charged what was generated
    withheld: bool = False
    upstream_slot: bool = False  # counted in Guard.upstreaming (pipeline.hold_upstream) until released
    jitter: Any = None  # policy.Jitter (Guard.jitter), when the action perturbs log-probs
    # alternatives per token the client asked for, under a log-prob cap (pipeline.rank_alternatives)
    shown_top: int | None = None
    status: int = 0  # upstream
    upstream_s: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    usage_seen: bool = False
    # The reply texts the client got (chat only), for the detector's `served`: a JSON answer's
    # messages, or a stream's heads (collected in `heads` while it is relayed).
    replies: list[str] = field(default_factory=list)
    heads: StreamHeads | None = None
    error: str | None = None
    headers: dict[str, str] = field(default_factory=dict)  # added to the client's response

    @property
    def fingerprint(self) -> str | None:
        """The prompt's fingerprint, computed once (`prompt_fp`: a long prompt's was computed off
        the event loop when the request was read, pipeline.read_request)."""
        if self.request is None:
            return None
        if self.prompt_fp is None:
            self.prompt_fp = fingerprint(self.prompt)
        return self.prompt_fp

    @property
    def instructions_fingerprint(self) -> str | None:
        """The instructions' fingerprint, computed once like `fingerprint`; None without any."""
        if self.instructions_fp is None and self.instructions:
            self.instructions_fp = fingerprint(self.instructions)
        return self.instructions_fp

    @property
    def model(self) -> str | None:
        return self.request.model if self.request is not None else None

    @property
    def stream(self) -> bool:
        return bool(self.request is not None and self.request.stream)

    def action_names(self) -> str:
        if self.status == 429:
            return "rate_limited"
        if self.action is not None:
            return action_string(self.action.names(), self.unapplied)
        return "refused" if self.status >= 400 else "none"

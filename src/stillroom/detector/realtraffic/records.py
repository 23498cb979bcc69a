"""What a persona produces: keys with client metadata and their requests, and the adapter to events.

A `Request` is what one API call carries (endpoint, prompt, messages, generation knobs); a
`KeyTraffic` is one API key's whole traffic plus who is behind it (persona, actor, label) and
the client metadata an operator sees beside the body (user agent, header names, account data).
`TrafficEvent` does not carry that metadata yet, so `to_event` passes exactly the fields
`TrafficEvent` defines (read with `dataclasses.fields`): when a field named like one of
`event_fields`' keys is added (user_agent, header_names, headers, account, system_prompt), the
benchmark feeds it without a change here.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from typing import Any, Literal

from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.types import TrafficEvent

Label = Literal["benign", "distiller"]
KINDS = ("chat", "heavy", "app", "evaluation", "distiller")


@dataclass(frozen=True)
class Client:
    """What identifies the software and account behind a key, besides the request body."""

    user_agent: str
    header_names: tuple[str, ...]
    account: tuple[tuple[str, str], ...] = ()  # (field, value): organisation, payment, signup network
    system_prompt: str | None = None

    def headers(self) -> dict[str, str]:
        """Header name -> value as the server sees them (the secret is never in here)."""
        values = {
            "user-agent": self.user_agent,
            "content-type": "application/json",
            "authorization": "Bearer ***",
        }
        return {h: values.get(h, "") for h in self.header_names}


@dataclass
class Request:
    ts: float
    endpoint: str  # "chat" | "completions"
    prompt: str  # the last user message (chat) or the raw prompt (completions)
    messages: list[dict[str, Any]] | None
    params: dict[str, Any]
    item: str = ""  # the source row behind it (for the invariants), "" for chatter
    distill: bool = False  # inside a mixed key: this request is the distillation share
    reply: str | None = None  # what the server answered (the replay reports it: Detector.served)


@dataclass
class KeyTraffic:
    key_id: str
    persona: str
    label: Label
    kind: str  # one of KINDS: what an operator would call this key
    actor: str  # who is behind it: hydra keys share one actor
    client: Client
    requests: list[Request] = field(default_factory=list)
    timing: str = ""  # where its clock comes from ("real oasst2 times", "simulated ...", ...)
    sources: tuple[str, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)  # the persona parameters it was built with


def event_fields(key: KeyTraffic, req: Request) -> dict[str, Any]:
    """Everything an API owner could put on the event for this request."""
    return {
        "key_id": key.key_id,
        "ts": req.ts,
        "endpoint": req.endpoint,
        "prompt": req.prompt,
        "messages": req.messages,
        "params": req.params,
        "user_agent": key.client.user_agent,
        "header_names": key.client.header_names,
        "headers": key.client.headers(),
        "account": dict(key.client.account),
        "system_prompt": key.client.system_prompt,
    }


@functools.cache
def _accepted(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


def to_event(key: KeyTraffic, req: Request) -> TrafficEvent:
    """The event with every field `TrafficEvent` defines today, and nothing else."""
    names = _accepted(TrafficEvent)
    return TrafficEvent(**{k: v for k, v in event_fields(key, req).items() if k in names})


def stub_reply(text: str) -> str:
    """A stand-in for a served reply the data does not hold: it restates the request's opening
    words, as replies tend to, so follow-up detection sees ordinary overlap."""
    words = text.split()[:30]
    return "Here is my answer about " + " ".join(words) + (" ..." if len(words) == 30 else "")


SERVED_BY_US = "(this server's answer) {}"  # what a replay script got back, never resent


def chat_requests(
    turns: list[str],
    replies: list[str | None],
    times: list[float],
    params: dict[str, Any],
    system: str | None = None,
    item: str = "",
    distill: bool = False,
    resend: bool = False,
) -> list[Request]:
    """One conversation replayed turn by turn: each request resends the history, with the stored
    replies standing for the served model's (stub replies where the data has none). With
    `resend`, a script replaying a stored conversation: the server's answer is its own (a stub
    here) and the history carries the *stored* replies, which the server never gave."""
    history: list[dict[str, Any]] = [{"role": "system", "content": system}] if system else []
    out = []
    for i, (text, ts) in enumerate(zip(turns, times, strict=True)):
        history = [*history, {"role": "user", "content": text}]
        stored = replies[i] if i < len(replies) and replies[i] else None
        reply = stored or stub_reply(text)
        served = SERVED_BY_US.format(stub_reply(text)) if resend else reply
        out.append(Request(ts, "chat", text, history, dict(params), item, distill, served))
        history = [*history, {"role": "assistant", "content": reply}]
    return out


def completion_request(
    ts: float, prompt: str, params: dict[str, Any], item: str = "", distill: bool = False
) -> Request:
    return Request(ts, "completions", prompt, None, dict(params), item, distill, stub_reply(prompt))


def single_turns(
    rows: list[Row], times: list[float], params: dict[str, Any], system: str | None, distill: bool = False
) -> list[Request]:
    """The first turn of each row as its own one-message request."""
    out = []
    for row, ts in zip(rows, times, strict=True):
        out += chat_requests([row.first], [row.answer], [ts], params, system, row.id, distill)
    return out

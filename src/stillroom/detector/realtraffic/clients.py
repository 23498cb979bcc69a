"""Client software and account metadata: what the body does not say about who sends it.

User agents and header sets are those of common HTTP clients and the OpenAI SDKs (versions vary
per key, as in a real population); sampling settings are set by each persona, following what the
tool it stands for sends by default (an SDK sends only what the caller sets). Account metadata is
made up per key from the suite's seed; personas decide what their keys share.
"""

from __future__ import annotations

import random

from stillroom.detector.realtraffic.records import Client

_BASE = ("accept", "authorization", "content-length", "content-type", "host", "user-agent")
_STAINLESS = (
    "x-stainless-arch",
    "x-stainless-async",
    "x-stainless-lang",
    "x-stainless-os",
    "x-stainless-package-version",
    "x-stainless-retry-count",
    "x-stainless-runtime",
    "x-stainless-runtime-version",
)
# name -> (user agent with {a}/{b} version slots, header names)
SOFTWARE: dict[str, tuple[str, tuple[str, ...]]] = {
    "openai-python": ("OpenAI/Python 1.{a}.{b}", (*_BASE, "accept-encoding", "connection", *_STAINLESS)),
    "openai-js": ("OpenAI/JS 4.{a}.{b}", (*_BASE, "accept-encoding", "connection", *_STAINLESS)),
    "requests": ("python-requests/2.{a}.{b}", (*_BASE, "accept-encoding", "connection")),
    "httpx": ("python-httpx/0.{a}.{b}", (*_BASE, "accept-encoding", "connection")),
    "aiohttp": ("Python/3.{a} aiohttp/3.{b}.1", (*_BASE, "accept-encoding")),
    "curl": ("curl/8.{a}.{b}", _BASE),
    "okhttp": ("okhttp/4.{a}.{b}", (*_BASE, "accept-encoding", "connection")),
    "go": ("Go-http-client/1.1", (*_BASE[1:], "accept-encoding")),
}
# Benign keys: mostly the SDKs (many apps and scripts use them), some raw HTTP clients.
BENIGN_MIX = (
    ("openai-python", 0.45),
    ("openai-js", 0.2),
    ("requests", 0.1),
    ("httpx", 0.08),
    ("aiohttp", 0.07),
    ("curl", 0.04),
    ("okhttp", 0.03),
    ("go", 0.03),
)


def user_agent(rng: random.Random, software: str) -> str:
    ua, _ = SOFTWARE[software]
    return ua.format(a=rng.randint(8, 60), b=rng.randint(0, 12))


def account(rng: random.Random, org: bool = True, **shared: str) -> tuple[tuple[str, str], ...]:
    """Made-up account metadata; `shared` overrides fields (a hydra's shared payment, say)."""
    fields = {
        "organisation": f"org-{rng.getrandbits(40):010x}" if org else "",
        "payment_fingerprint": f"pm-{rng.getrandbits(48):012x}",
        "signup_network": f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.0/24",
    }
    fields.update(shared)
    return tuple((k, v) for k, v in fields.items() if v)


def client(
    rng: random.Random,
    software: str | None = None,
    system_prompt: str | None = None,
    ua: str | None = None,
    **shared: str,
) -> Client:
    """A key's client: the named software (or one drawn from the benign mix) and its own account."""
    if software is None:
        names, weights = zip(*BENIGN_MIX, strict=True)
        software = rng.choices(names, weights)[0]
    return Client(
        ua or user_agent(rng, software),
        SOFTWARE[software][1],
        account(rng, org=rng.random() < 0.5, **shared),
        system_prompt,
    )

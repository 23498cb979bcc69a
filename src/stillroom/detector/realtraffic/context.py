"""What every persona builder gets: the suite's pools and clock, its seed, and its own parameters."""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from stillroom.detector.realtraffic.pools import Pools, Row
from stillroom.detector.realtraffic.records import Client, KeyTraffic, Label, Request
from stillroom.detector.realtraffic.timing import HumanTiming, latency


@dataclass
class Ctx:
    split: str
    pools: Pools
    timing: HumanTiming
    t0: float  # the suite's epoch (unix seconds)
    seed: int
    scale: float = 1.0  # < 1 shrinks every count (--quick); the persona definitions stay the same

    def rng(self, *names: object) -> random.Random:
        """A generator per (seed, split, persona, key...): string seeds are stable across processes."""
        return random.Random(":".join(map(str, (self.seed, self.split, *names))))

    def count(self, rng: random.Random, span: tuple[int, int] | int, floor: int = 1) -> int:
        lo, hi = (span, span) if isinstance(span, int) else span
        return max(floor, round(rng.randint(lo, hi) * self.scale))


@dataclass(frozen=True)
class Persona:
    """One persona definition: fixed before any detector is tuned, used unchanged by both splits."""

    name: str
    label: Label
    kind: str
    build: Callable[[Ctx, Persona], list[KeyTraffic]]
    sources: dict[str, tuple[str, ...]]  # split -> sources it draws from (absent/empty: not built)
    params: dict[str, Any] = field(default_factory=dict)
    doc: str = ""

    def p(self, name: str) -> Any:
        return self.params[name]


def new_key(
    ctx: Ctx,
    persona: Persona,
    suffix: object,
    cl: Client,
    timing: str,
    settings: dict[str, Any] | None = None,
) -> KeyTraffic:
    """A key of this persona in this split; its own actor unless the caller says otherwise."""
    key_id = f"{ctx.split}-{persona.name}-{suffix}"
    if settings is None:
        settings = {k: v for k, v in persona.params.items() if not callable(v)}
    return KeyTraffic(
        key_id,
        persona.name,
        persona.label,
        persona.kind,
        key_id,
        cl,
        timing=timing,
        sources=persona.sources[ctx.split],
        settings=settings,
    )


def service_time(
    rng: random.Random, row: Row | None, params: dict[str, Any], default_tokens: int = 300
) -> float:
    """How long the served model takes: the stored answer's length stands for the reply's."""
    tokens = len(row.answer) // 4 if row is not None and row.answer else default_tokens
    cap = params.get("max_tokens")
    n = int(params.get("n", 1) or 1)
    tokens = min(tokens, int(cap)) if cap else tokens
    return latency(rng, max(1, tokens) * (1 + (n - 1) // 4))


def ordered(requests: list[Request]) -> list[Request]:
    return sorted(requests, key=lambda r: r.ts)


def norm(text: str) -> str:
    return " ".join("".join(c for c in text.lower() if c.isalnum() or c.isspace()).split())


def run_jobs(
    rng: random.Random,
    start: float,
    jobs: list[tuple[Row, list[Request]]],
    concurrency: int,
    tokens: int = 300,
) -> list[Request]:
    """A worker pool: each job's requests go one after another, each after its reply is back
    (reply length: the row's stored answer, else `tokens`, capped by max_tokens)."""
    free = [start + rng.uniform(0, 1) for _ in range(concurrency)]
    heapq.heapify(free)
    out = []
    for row, reqs in jobs:
        t = heapq.heappop(free) + rng.uniform(0.005, 0.1)
        for r in reqs:
            r.ts = t
            t += service_time(rng, row, r.params, tokens) + rng.uniform(0.002, 0.05)
            out.append(r)
        heapq.heappush(free, t)
    return out


def take_turns(
    ctx: Ctx, sources: tuple[str, ...], n: int, keep: Any = None, multi_turn: bool = True
) -> list[Row]:
    """Untaken rows until their user turns (or rows, if not `multi_turn`) add up to n; taken in
    chunks, so a key may end with a few turns to spare (callers cut at n)."""
    rows: list[Row] = []
    count = 0
    while count < n:
        if not multi_turn:
            want = n - count
        else:  # a few conversations at a time, as many as the turns seen so far suggest
            per = count / len(rows) if rows else 3.0
            want = min(10, int((n - count) / per))
        got = ctx.pools.take(sources, max(1, want), keep)
        if not got:
            break
        rows += got
        count += sum(len(r.turns) for r in got) if multi_turn else len(got)
    return rows

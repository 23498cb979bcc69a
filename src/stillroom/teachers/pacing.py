"""How many requests to keep in flight at a served teacher, and how long to wait for each: measured.

A fixed concurrency is wrong for every server but one. A server that generates one answer at a time
(llama-cpp-python's, a single-slot llama.cpp) queues the rest, so with 8 in flight the eighth waits
for seven answers, passes a 60 s timeout, is abandoned and sent again, while the server still
generates the abandoned one: the upstream does the work twice (issue #15 measured 26 such
re-sends in one harvest). A batching server (vLLM, `stillroom serve`) wants many in flight.

The policy:
- Start from the server's own word where it gives one (llama.cpp's `/props` has `total_slots`),
  else from 1 request in flight.
- Slow start: after a window of `max(4, 2 x limit)` answers at the current limit, compare its
  throughput (answer tokens per second of wall time) with the previous limit's. If it grew by at
  least `gain` (1.25x), double the limit (never past the configured `ceiling`); otherwise go back
  to the previous limit and stay there. A server that answers one request at a time shows no gain
  from 1 to 2 and settles at 1; a batching server keeps doubling until it saturates.
- Deadlines follow the server: an attempt may take `max(timeout_s, 4 x the slowest answer seen)`,
  so a server that is merely slow (long answers, a queue) is waited for instead of abandoned.
- A timeout halves the limit (and ends slow start), and the request is only ever sent again with
  twice the deadline of the attempt that expired: an abandoned request may still be running, and
  its retry must not be abandoned the same way.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field


@dataclass
class Pacer:
    ceiling: int  # the configured concurrency: never more in flight
    timeout_s: float  # the shortest deadline any attempt gets
    limit: int = 1
    gain: float = 1.25
    growing: bool = True
    slowest_s: float = 0.0
    timeouts: int = 0
    history: list[tuple[int, float]] = field(default_factory=list)  # (limit, tokens/s) per window
    _prev: tuple[int, float] | None = None
    _window: list[int] = field(default_factory=list)
    _window_t0: float | None = None

    def __post_init__(self) -> None:
        self.limit = max(1, min(self.limit, self.ceiling))
        self.growing = self.growing and self.limit < self.ceiling

    def start_at(self, slots: int) -> None:
        """The server said how many requests it runs at once: start there (within the ceiling)."""
        self.limit = max(1, min(slots, self.ceiling))
        self.growing = self.limit < self.ceiling
        self._reset_window()

    def deadline(self) -> float:
        return max(self.timeout_s, 4 * self.slowest_s)

    def on_answer(self, latency_s: float, tokens: int) -> None:
        self.slowest_s = max(self.slowest_s, latency_s)
        if not self.growing:
            return
        now = time.perf_counter()
        if self._window_t0 is None:
            self._window_t0 = now - latency_s
        self._window.append(max(tokens, 1))
        if len(self._window) >= max(4, 2 * self.limit):
            self._decide(sum(self._window) / max(now - self._window_t0, 1e-9))

    def _decide(self, rate: float) -> None:
        self.history.append((self.limit, rate))
        if self._prev is not None and rate < self.gain * self._prev[1]:
            self.limit, self.growing = self._prev[0], False  # no real gain: the previous limit was enough
        else:
            self._prev = (self.limit, rate)
            self.limit = min(self.ceiling, 2 * self.limit)
            self.growing = self.limit > self._prev[0]
        self._reset_window()

    def on_timeout(self) -> None:
        self.timeouts += 1
        self.limit = max(1, self.limit // 2)
        self.growing = False
        self._reset_window()

    def _reset_window(self) -> None:
        self._window, self._window_t0 = [], None

    def summary(self) -> dict:
        return {"limit": self.limit, "timeouts": self.timeouts, "slowest_s": round(self.slowest_s, 3)}


class Gate:
    """At most `pacer.limit` holders at once; the limit may change while requests wait."""

    def __init__(self, pacer: Pacer):
        self.pacer, self.in_flight = pacer, 0
        self._cond = asyncio.Condition()

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        async with self._cond:
            await self._cond.wait_for(lambda: self.in_flight < self.pacer.limit)
            self.in_flight += 1
        try:
            yield
        finally:
            async with self._cond:
                self.in_flight -= 1
                self._cond.notify_all()

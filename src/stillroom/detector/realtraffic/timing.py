"""When requests arrive: real human gaps from oasst2, and the machine clocks of scripts and apps.

Only oasst2_threads has real per-user times (`created` of each thread a user started). From them:
session sizes and gaps inside a session (< 30 min apart) and between sessions. Every other human
persona draws its conversation starts from these (simulated timing, said so in the output); the
gap between turns of one conversation is simulated from the reply's length (generation, reading)
and the next message's (typing or pasting). Scripts run a closed loop of `concurrency` workers,
each sending its next request when the last reply is done, so their rhythm follows reply lengths;
apps relaying many users arrive as a day-shaped Poisson stream.
"""

from __future__ import annotations

import heapq
import itertools
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from stillroom.detector.realtraffic.pools import Row

SESSION_BREAK = 1800.0  # seconds between two of one person's threads that start a new session
DAY = 86_400.0


@dataclass(frozen=True)
class HumanTiming:
    in_session: tuple[float, ...]  # gaps between thread starts inside a session
    between: tuple[float, ...]  # gaps between sessions
    sizes: tuple[int, ...]  # threads per session
    per_user: tuple[int, ...]  # threads per user (one entry per user)
    users: dict[str, list[tuple[float, Row]]] = field(default_factory=dict)  # real user -> [(unix ts, row)]


def parse_ts(s: str) -> float:
    return datetime.fromisoformat(s).timestamp()


def human_timing(rows: list[Row]) -> HumanTiming:
    """Per user: one thread per oasst2 tree (the longest path), sorted by its real start time."""
    trees: dict[tuple[str, str], tuple[float, Row]] = {}
    for r in rows:
        key = (str(r.extra["user_id"]), str(r.extra.get("tree", r.id)))
        ts = parse_ts(str(r.extra["created"]))
        if key not in trees or len(r.turns) > len(trees[key][1].turns):
            trees[key] = (ts, r)
    users: dict[str, list[tuple[float, Row]]] = defaultdict(list)
    for (user, _), tr in sorted(trees.items(), key=lambda kv: (kv[0][0], kv[1][0], kv[1][1].id)):
        users[user].append(tr)
    inside, between, sizes = [], [], []
    for threads in users.values():
        threads.sort(key=lambda tr: (tr[0], tr[1].id))
        size = 1
        for (a, _), (b, _) in itertools.pairwise(threads):
            if b - a < SESSION_BREAK:
                inside.append(b - a)
                size += 1
            else:
                between.append(b - a)
                sizes.append(size)
                size = 1
        sizes.append(size)
    return HumanTiming(
        tuple(inside), tuple(between), tuple(sizes), tuple(len(t) for t in users.values()), dict(users)
    )


def conversation_starts(rng: random.Random, timing: HumanTiming, start: float, n: int) -> list[float]:
    """n conversation start times of one simulated person: oasst2 session sizes and gaps."""
    out, t = [], start
    while len(out) < n:
        size = min(n - len(out), rng.choice(timing.sizes))
        for i in range(size):
            out.append(t)
            if i < size - 1:
                t += max(2.0, rng.choice(timing.in_session))
        t += rng.choice(timing.between)
    return out


def latency(rng: random.Random, out_tokens: int) -> float:
    """Seconds until the whole reply is back: time to first token, then ~40-90 tokens/s."""
    return rng.lognormvariate(math.log(0.6), 0.5) + out_tokens / rng.uniform(40, 90)


def think(rng: random.Random, reply_chars: int, next_chars: int) -> float:
    """A person's gap between two turns: wait for the reply, skim it, type (or paste) the next one."""
    read = min(180.0, reply_chars / rng.uniform(15, 40))
    write = rng.uniform(4, 25) if next_chars > 400 else next_chars / rng.uniform(2.5, 6)
    return latency(rng, reply_chars // 4) + rng.lognormvariate(0, 0.5) * (read + write + 3)


def paced(
    rng: random.Random, timing: HumanTiming, start: float, n: int, per_day: float, hours: float
) -> list[float]:
    """A heavy user's day: `hours` of activity from a morning start, gaps shaped like oasst2's
    in-session gaps but rescaled to `per_day` requests; then the night."""
    mean_in = sum(timing.in_session) / len(timing.in_session)
    scale = hours * 3600 / per_day / mean_in
    out, t = [], start
    day_end = start + hours * 3600
    while len(out) < n:
        out.append(t)
        t += max(1.0, scale * rng.choice(timing.in_session))
        if t > day_end:
            day_start = math.floor(t / DAY + 1) * DAY + rng.uniform(7, 10) * 3600
            t, day_end = day_start, day_start + hours * 3600 * rng.uniform(0.85, 1.15)
    return out


def closed_loop(rng: random.Random, start: float, service: list[float], concurrency: int) -> list[float]:
    """Send times of a script with `concurrency` workers; request i takes service[i] seconds."""
    free = [start + rng.uniform(0, 0.5) for _ in range(concurrency)]
    heapq.heapify(free)
    out = []
    for s in service:
        t = heapq.heappop(free) + rng.uniform(0.005, 0.08)
        out.append(t)
        heapq.heappush(free, t + s)
    return sorted(out)


def throttled(
    rng: random.Random, start: float, service: list[float], pause: tuple[float, float]
) -> list[float]:
    """One worker that sleeps U(pause) after each reply (to stay under a rate limit)."""
    out, t = [], start
    for s in service:
        out.append(t)
        t += s + rng.uniform(*pause)
    return out


def diurnal(rng: random.Random, start: float, n: int, per_day: float) -> list[float]:
    """Arrivals of many independent users through one key: Poisson with a daily cycle peaking
    mid-afternoon (rate x (1 +- 0.6)), by thinning."""
    peak = per_day / DAY * 1.6
    out, t = [], start
    while len(out) < n:
        t += rng.expovariate(peak)
        hour = (t % DAY) / 3600
        if rng.random() < (1 + 0.6 * math.cos(2 * math.pi * (hour - 15) / 24)) / 1.6:
            out.append(t)
    return out

"""What happened to each key under the detector, and the counts every detection report is made of.

One record per key (`KeyOutcome`) and one way to count over keys (`tally`, `rates`), shared by
the three places that report detection: the offline evaluation on generated traces
(`detector/evaluate.py`, bench/detector.py), the real-traffic replay (`detector/realtraffic/
replay.py`, bench/detector_real.py) and the arena, which reads the verdicts back from the guard's
audit log (`arena/outcomes.py`). They add their own columns (hours and evidence; what a key
harvested) but agree on what "caught" means and on how it is counted:

- A key's verdicts are noted in the order of its requests; `first[level]` is the 1-based index
  (into the key's own traffic) of the first request at which `level` was reached. A `block`
  verdict also reaches `suspect`, and every verdict but `ok` reaches `watch` (so the `evaluation`
  label does too), so a key that jumps straight to block still counts as caught.
- Caught ("flagged"): the key reached any of the `flag` levels (default suspect or block). With
  `within`, a distiller counts only if that happened by its `within`-th request — the arena's
  detection limit; a benign key flagged at any point is a false positive.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

CAUGHT: tuple[str, ...] = ("suspect", "block")  # the levels at which a key counts as caught


def reached(verdict: str) -> list[str]:
    """The levels one verdict reaches: itself, `suspect` under `block`, `watch` under all but `ok`."""
    return (
        [verdict]
        + (["suspect"] if verdict == "block" else [])
        + (["watch"] if verdict not in ("ok", "watch") else [])
    )


@dataclass
class KeyOutcome:
    """One key's detection history. `first` maps a level to {"request": index, ...} plus whatever
    context the caller noted with it (the real-traffic replay adds hours and distill requests)."""

    key_id: str
    family: str  # the persona family (simulated traces) or persona (real-traffic suites)
    label: str  # benign | distiller
    requests: int = 0
    first: dict[str, dict[str, float]] = field(default_factory=dict)
    max_score: float = 0.0

    def note(self, verdict: str, score: float, **context: float) -> None:
        """One more request of this key was given `verdict` with `score`."""
        self.requests += 1
        self.max_score = max(self.max_score, score)
        for level in reached(verdict):
            self.first.setdefault(level, {"request": self.requests, **context})

    def at(self, level: str) -> int | None:
        """The request at which `level` was first reached, or None."""
        mark = self.first.get(level)
        return None if mark is None else int(mark["request"])

    def flagged_at(self, flag: tuple[str, ...] = CAUGHT) -> int | None:
        """The first request at which any of the `flag` levels was reached."""
        hits = [i for i in (self.at(level) for level in flag) if i is not None]
        return min(hits) if hits else None

    def detected(self, flag: tuple[str, ...] = CAUGHT, within: int | None = None) -> bool:
        """Caught: flagged at all (benign keys, or no limit), or by request `within` (distillers)."""
        at = self.flagged_at(flag)
        late = within is not None and self.label != "benign" and at is not None and at > within
        return at is not None and not late

    @property
    def caught(self) -> bool:
        return self.detected()

    @property
    def blocked(self) -> bool:
        return "block" in self.first


@dataclass
class Tally:
    """Counts over a set of keys (one family, or every key of one label)."""

    label: str
    keys: int
    watched: int
    caught: int
    blocked: int
    requests: list[int]  # per key
    to_caught: list[int]  # the request at which each caught key was flagged
    max_score: float

    @property
    def median_requests(self) -> float | None:
        return statistics.median(self.requests) if self.requests else None

    @property
    def median_to_caught(self) -> float | None:
        return statistics.median(self.to_caught) if self.to_caught else None


def tally(os_: list[KeyOutcome], flag: tuple[str, ...] = CAUGHT, within: int | None = None) -> Tally:
    caught = [o for o in os_ if o.detected(flag, within)]
    return Tally(
        label=os_[0].label if os_ else "",
        keys=len(os_),
        watched=sum("watch" in o.first for o in os_),
        caught=len(caught),
        blocked=sum(o.blocked for o in os_),
        requests=[o.requests for o in os_],
        to_caught=[o.flagged_at(flag) or 0 for o in caught],
        max_score=max((o.max_score for o in os_), default=0.0),
    )


def by_family(outcomes: list[KeyOutcome]) -> dict[str, list[KeyOutcome]]:
    """Keys grouped by family, families in order of first appearance."""
    out: dict[str, list[KeyOutcome]] = defaultdict(list)
    for o in outcomes:
        out[o.family].append(o)
    return dict(out)


@dataclass
class Rates:
    """The headline: distillers caught (recall) against benign keys flagged (false positives)."""

    distiller: Tally
    benign: Tally

    @property
    def recall(self) -> float | None:
        return self.distiller.caught / self.distiller.keys if self.distiller.keys else None

    @property
    def precision(self) -> float:
        flagged = self.distiller.caught + self.benign.caught
        return self.distiller.caught / flagged if flagged else 1.0

    @property
    def benign_flagged(self) -> float | None:
        return self.benign.caught / self.benign.keys if self.benign.keys else None

    @property
    def benign_blocked(self) -> float | None:
        return self.benign.blocked / self.benign.keys if self.benign.keys else None


def rates(outcomes: list[KeyOutcome], flag: tuple[str, ...] = CAUGHT, within: int | None = None) -> Rates:
    pick = lambda label: [o for o in outcomes if o.label == label]  # noqa: E731
    return Rates(tally(pick("distiller"), flag, within), tally(pick("benign"), flag, within))

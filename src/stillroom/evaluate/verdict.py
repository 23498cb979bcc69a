"""Is a student usable? Three checks against the teacher, each with its number, all needed for "usable".

Task accuracy kept, held-out KL and the diversity of greedy answers, in that order: a student
that closes most of a KL gap but answers in repeated word salad is not usable, however large the
share of the gap it closed (the KL-gap share is reported, but it is no check here).
"""

from __future__ import annotations

from stillroom.contracts.artifacts import Capability, Check, Degeneration, Fidelity, Thresholds, Verdict


def verdict(
    capability: Capability,
    fidelity: Fidelity,
    degeneration: Degeneration,
    teacher: Degeneration,
    th: Thresholds,
) -> Verdict:
    ratio = _ratio(degeneration.distinct_2, teacher.distinct_2)
    checks = [
        Check(
            name="task accuracy kept",
            value=capability.retained,
            shown="–" if capability.retained is None else f"{capability.retained:.0%}",
            target=f"≥ {th.min_retained:.0%} of the teacher's",
            passed=capability.retained is not None and capability.retained >= th.min_retained,
        ),
        Check(
            name="held-out KL, nats/token",
            value=fidelity.kl,
            shown=f"{fidelity.kl:.2f}",
            target=f"≤ {th.max_kl:g}",
            passed=fidelity.kl <= th.max_kl,
        ),
        Check(
            name="distinct-2 vs the teacher's",
            value=ratio,
            shown="–" if ratio is None else f"{ratio:.2f}x the teacher's",
            target=f"within {th.max_distinct2_change:.0%} of the teacher's ({teacher.distinct_2:.2f})",
            passed=ratio is not None and abs(ratio - 1) <= th.max_distinct2_change,
        ),
    ]
    return Verdict(usable=all(c.passed for c in checks), checks=checks)


def _ratio(mine: float, teachers: float) -> float | None:
    """mine / teacher's; 1 when both are 0 (a copy of a teacher that writes no words matches it)."""
    if teachers:
        return mine / teachers
    return 1.0 if mine == 0 else None

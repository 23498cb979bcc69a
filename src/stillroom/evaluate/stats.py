"""Intervals for the capability headline: Wilson for one accuracy, a paired bootstrap for "% of teacher".

A checkable-task suite is small (tens of tasks), so a bare "2.8%" or "81%" hides how little it
pins down; every accuracy carries its 95% interval (Wilson's from scipy).
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from stillroom.contracts.artifacts import Interval, Proportion

METHODS = {
    "accuracy_ci": "95% Wilson score interval of the share of tasks passed (scipy.stats.binomtest)",
    "retained_ci": (
        "95% percentile bootstrap of (student accuracy / teacher accuracy), resampling tasks with the "
        "student's and the teacher's results paired (2000 resamples, seed 0); resamples where the teacher "
        "passes no task are dropped, and there is no interval when they exceed 5%"
    ),
}


def proportion(passed: list[bool]) -> Proportion:
    """Correct, n, rate and the Wilson interval; an empty list is (0, 0, 0.0, [0, 1])."""
    n, k = len(passed), sum(passed)
    if n == 0:
        return Proportion(correct=0, n=0, rate=0.0, ci=(0.0, 1.0))
    ci = stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    return Proportion(correct=k, n=n, rate=k / n, ci=(float(ci.low), float(ci.high)))


def retained_interval(
    student: list[bool], teacher: list[bool], seed: int = 0, resamples: int = 2000
) -> Interval | None:
    """95% paired percentile-bootstrap interval of accuracy(student) / accuracy(teacher) over the same tasks.

    Tasks are resampled with both models' results together (they answered the same tasks). A
    resample where the teacher passes nothing has no ratio and is dropped; if that happens in more
    than 5% of them the suite is too small for an interval, and there is none. (scipy.stats.bootstrap
    cannot drop undefined resamples, hence these few lines.)
    """
    if len(student) < 2 or not any(teacher):
        return None
    s, t = np.asarray(student, float), np.asarray(teacher, float)
    idx = np.random.default_rng(seed).integers(0, len(s), size=(resamples, len(s)))
    s_mean, t_mean = s[idx].mean(axis=1), t[idx].mean(axis=1)
    ok = t_mean > 0
    if ok.mean() < 0.95:
        return None
    low, high = np.percentile(s_mean[ok] / t_mean[ok], [2.5, 97.5])
    return float(low), float(high)

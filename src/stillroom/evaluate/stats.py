"""Intervals for the capability headline: Wilson for one accuracy, a paired bootstrap for "% of teacher".

A checkable-task suite is small (tens of tasks), so a bare "2.8%" or "81%" hides how little it
pins down; every accuracy carries its 95% interval. Both use scipy rather than hand-written
formulas.
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy import stats

from stillroom.contracts.artifacts import Interval, Proportion

METHODS = {
    "accuracy_ci": "95% Wilson score interval of the share of tasks passed (scipy.stats.binomtest)",
    "retained_ci": (
        "95% percentile bootstrap of (student accuracy / teacher accuracy), resampling tasks with the "
        "student's and the teacher's results paired (scipy.stats.bootstrap, 2000 resamples, seed 0); "
        "absent when a resample leaves the teacher with no task passed"
    ),
}


def proportion(passed: list[bool]) -> Proportion:
    """Correct, n, rate and the Wilson interval; an empty list is (0, 0, 0.0, [0, 1])."""
    n, k = len(passed), sum(passed)
    if n == 0:
        return Proportion(correct=0, n=0, rate=0.0, ci=(0.0, 1.0))
    ci = stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    return Proportion(correct=k, n=n, rate=k / n, ci=(float(ci.low), float(ci.high)))


def _ratio(student: np.ndarray, teacher: np.ndarray, axis: int = -1) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return student.mean(axis=axis) / teacher.mean(axis=axis)


def retained_interval(student: list[bool], teacher: list[bool], seed: int = 0) -> Interval | None:
    """95% paired percentile-bootstrap interval of accuracy(student) / accuracy(teacher) over the same tasks."""
    if len(student) < 2 or not any(teacher):
        return None
    s, t = np.asarray(student, float), np.asarray(teacher, float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # degenerate resamples (all equal) are expected on small suites
        res = stats.bootstrap(
            (s, t),
            _ratio,
            paired=True,
            vectorized=True,
            n_resamples=2000,
            method="percentile",
            rng=np.random.default_rng(seed),
        )
    low, high = float(res.confidence_interval.low), float(res.confidence_interval.high)
    return (low, high) if np.isfinite(low) and np.isfinite(high) else None

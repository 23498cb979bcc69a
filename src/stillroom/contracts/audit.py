"""The audit row's `action` field: written by the guard, read by the arena and by operators.

One string per answered or refused request: the policy's action names joined by commas
("tighten,round_logprobs,watermark", "antidistill:poe@0.5"), then one `<name>_unapplied` for each
countermeasure the upstream did not acknowledge (it answered, undefended), or one of
"rate_limited", "refused", "none". Whether an answer really carried a countermeasure is
`applied(action, name)`, never a substring test: "watermark_unapplied" contains "watermark".
"""

from __future__ import annotations

from collections.abc import Iterable

SEPARATOR = ","
UNAPPLIED = "_unapplied"


def action_string(names: Iterable[str], unapplied: Iterable[str]) -> str:
    return SEPARATOR.join([*names, *(f"{u}{UNAPPLIED}" for u in unapplied)])


def applied(action: str | None, name: str) -> bool:
    """Whether the action named `name` (e.g. "watermark", "antidistill") was asked for and applied."""
    parts = (action or "").split(SEPARATOR)
    asked = any(p == name or p.startswith(f"{name}:") for p in parts)
    return asked and f"{name}{UNAPPLIED}" not in parts

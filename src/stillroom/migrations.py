"""Numbered schema migrations, the one runner the guard's database and the harvest store share.

A migration is `(version, name, step)`: versions run 1, 2, 3, ... with no gaps, each is applied
once, in order, and recorded by the caller's `apply` in the same transaction as its change, so a
store created by an older stillroom upgrades in place and a crash mid-upgrade leaves no half
step. Append new migrations; never edit or renumber an applied one. `step` is whatever the
store's `apply` runs: a function of a SQLAlchemy connection (guard), a SQL script (harvest).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

Migration = tuple[int, str, Any]


def check_numbering(migrations: Sequence[Migration]) -> None:
    """Versions must be 1..n in order: a gap or a repeat means someone edited history."""
    versions = [m[0] for m in migrations]
    if versions != list(range(1, len(versions) + 1)):
        raise ValueError(f"migrations must be numbered 1..{len(versions)} in order, got {versions}")


def migrate(
    migrations: Sequence[Migration], done: Collection[int], apply: Callable[[int, str, Any], None]
) -> list[int]:
    """Apply, in order, the migrations not in `done`; returns the versions applied."""
    check_numbering(migrations)
    applied = []
    for version, name, step in migrations:
        if version not in done:
            apply(version, name, step)
            applied.append(version)
    return applied

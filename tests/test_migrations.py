"""The numbered-migration runner shared by the guard's database and the harvest store."""

from __future__ import annotations

import sqlite3

import pytest

from stillroom import migrations
from stillroom.harvest.store import MIGRATIONS, HarvestStore


def test_applies_only_what_is_missing_in_order():
    ran = []
    steps = [(1, "a", "A"), (2, "b", "B"), (3, "c", "C")]
    assert migrations.migrate(steps, {1}, lambda v, name, step: ran.append((v, step))) == [2, 3]
    assert ran == [(2, "B"), (3, "C")]
    assert migrations.migrate(steps, {1, 2, 3}, lambda *a: ran.append(a)) == [] and len(ran) == 2


@pytest.mark.parametrize("versions", [[1, 3], [2], [1, 1], [2, 1]])
def test_gaps_repeats_and_reorders_are_refused(versions):
    with pytest.raises(ValueError, match="numbered"):
        migrations.migrate([(v, "x", None) for v in versions], set(), lambda *a: None)


def test_harvest_store_records_each_migration_once(tmp_path):
    for _ in range(2):
        HarvestStore(tmp_path / "h.sqlite").close()
    rows = sqlite3.connect(tmp_path / "h.sqlite").execute("SELECT version FROM schema_migrations").fetchall()
    assert [v for (v,) in rows] == [v for v, _, _ in MIGRATIONS]

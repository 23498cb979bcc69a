"""The guard's database: keys and the audit log, evolved by numbered migrations.

Each migration is a function applied once and recorded in `schema_migrations`, so a database
created by an older guard is upgraded in place at startup. SQLite is the default; a PostgreSQL
URL works the same (`postgresql://` is mapped to the psycopg 3 driver).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable

import sqlalchemy as sa
from pydantic_core import PydanticSerializationError, to_json
from sqlalchemy.engine import Connection, Engine

from stillroom import migrations

metadata = sa.MetaData()

keys_table = sa.Table(
    "keys",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("label", sa.String(200), nullable=False),
    sa.Column("secret_hash", sa.String(64), nullable=False),
    sa.Column("rpm", sa.Integer, nullable=True),
    sa.Column("tpm", sa.Integer, nullable=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("revoked_at", sa.Float, nullable=True),
    sa.Column("verdict_override", sa.String(16), nullable=True),
    sa.Column("account", sa.Text, nullable=True),  # JSON {field: hash}, see keys.hash_account
)

audit_table = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("request_id", sa.String(40), nullable=False),
    sa.Column("ts", sa.Float, nullable=False, index=True),
    sa.Column("key_id", sa.String(32), nullable=True, index=True),
    sa.Column("endpoint", sa.String(32), nullable=False),
    sa.Column("model", sa.String(200), nullable=True),
    sa.Column("prompt_fp", sa.String(64), nullable=True),
    sa.Column("prompt", sa.Text, nullable=True),
    # what the model read beside the prompt: system messages, tools, documents (migration 5)
    sa.Column("instructions_fp", sa.String(64), nullable=True),
    sa.Column("instructions", sa.Text, nullable=True),
    sa.Column("features", sa.JSON, nullable=True),
    sa.Column("contributions", sa.JSON, nullable=True),
    sa.Column("score", sa.Float, nullable=True),
    sa.Column("verdict", sa.String(16), nullable=True),
    sa.Column("action", sa.String(200), nullable=False),
    sa.Column("status", sa.Integer, nullable=False),
    sa.Column("prompt_tokens", sa.Integer, nullable=False, default=0),
    sa.Column("completion_tokens", sa.Integer, nullable=False, default=0),
    sa.Column("latency_ms", sa.Float, nullable=False, default=0.0),
    sa.Column("error", sa.String(300), nullable=True),  # why it was refused or cut short (migration 3)
    sa.Index("audit_request_id_unique", "request_id", unique=True),  # replays are idempotent (3)
)

migrations_table = sa.Table(
    "schema_migrations",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("applied_at", sa.Float, nullable=False),
)


def _m001_tables(conn: Connection) -> None:
    keys_table.create(conn)
    audit_table.create(conn)


def _m002_append_only(conn: Connection) -> None:
    """Refuse UPDATE and DELETE on the audit table in the database itself, not just in our code."""
    if conn.dialect.name == "sqlite":
        for op in ("UPDATE", "DELETE"):
            conn.exec_driver_sql(
                f"CREATE TRIGGER audit_no_{op.lower()} BEFORE {op} ON audit "
                "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
            )
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            "CREATE FUNCTION audit_append_only() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION 'audit log is append-only'; END $$ LANGUAGE plpgsql"
        )
        conn.exec_driver_sql(
            "CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit "
            "FOR EACH ROW EXECUTE FUNCTION audit_append_only()"
        )


def _m003_exactly_once(conn: Connection) -> None:
    """One row per request id (journal replays skip rows already stored), an `error` column, and
    TRUNCATE refused too on PostgreSQL (a statement trigger; SQLite has no TRUNCATE)."""
    if "error" not in {c["name"] for c in sa.inspect(conn).get_columns("audit")}:
        conn.exec_driver_sql("ALTER TABLE audit ADD COLUMN error VARCHAR(300)")
    conn.exec_driver_sql("CREATE UNIQUE INDEX IF NOT EXISTS audit_request_id_unique ON audit (request_id)")
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()"
        )


def _m004_account(conn: Connection) -> None:
    """Operator-attached account metadata on keys (hashed values), for cross-key linking."""
    if "account" not in {c["name"] for c in sa.inspect(conn).get_columns("keys")}:
        conn.exec_driver_sql("ALTER TABLE keys ADD COLUMN account TEXT")


def _m005_instructions(conn: Connection) -> None:
    """The instructions the model read beside the prompt, audited (pipeline.read_request): their
    fingerprint, and their text where prompts are stored. Nullable, so older rows and rows a
    dead guard journaled before the upgrade are stored as they are."""
    have = {c["name"] for c in sa.inspect(conn).get_columns("audit")}
    if "instructions_fp" not in have:
        conn.exec_driver_sql("ALTER TABLE audit ADD COLUMN instructions_fp VARCHAR(64)")
    if "instructions" not in have:
        conn.exec_driver_sql("ALTER TABLE audit ADD COLUMN instructions TEXT")


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "keys and audit tables", _m001_tables),
    (2, "audit table is append-only", _m002_append_only),
    (3, "audit: unique request id, error column, no TRUNCATE", _m003_exactly_once),
    (4, "keys: account metadata", _m004_account),
    (5, "audit: instructions fingerprint and text", _m005_instructions),
]


def normalise_url(url: str) -> str:
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def to_json_text(value: object) -> str:
    """JSON columns encoded by pydantic-core: the audit writer thread shares the GIL with the
    request path, and SQLAlchemy's default `json.dumps` made each audit row cost ~40 us of CPU
    (~20 us this way). What it cannot encode goes to `json.dumps`."""
    try:
        return to_json(value).decode()
    except (PydanticSerializationError, ValueError):
        return json.dumps(value)


def connect(url: str) -> Engine:
    """An engine with migrations applied. SQLite gets WAL so the CLI and the server can share it,
    and a new database file is created readable by its owner only (SQLite gives its -wal and -shm
    files the database's mode): with `store_prompts` it holds raw prompts, and under the usual
    umask other local users could read it (session 27's red team; the journal was already 0600)."""
    engine = sa.create_engine(normalise_url(url), pool_pre_ping=True, json_serializer=to_json_text)
    if engine.dialect.name == "sqlite":
        path = engine.url.database
        if path and path != ":memory:" and not path.startswith("file:") and not os.path.exists(path):
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    migrate(engine)
    return engine


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def migrate(engine: Engine) -> list[int]:
    """Apply the migrations this database lacks, each in its own transaction; return their numbers."""
    with engine.begin() as conn:
        migrations_table.create(conn, checkfirst=True)
        done = set(conn.scalars(sa.select(migrations_table.c.version)))

    def apply(version: int, name: str, step: Callable[[Connection], None]) -> None:
        with engine.begin() as conn:
            step(conn)
            conn.execute(migrations_table.insert().values(version=version, name=name, applied_at=time.time()))

    return migrations.migrate(MIGRATIONS, done, apply)

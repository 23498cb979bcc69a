"""The guard's database: keys and the audit log, evolved by numbered migrations.

Each migration is a function applied once and recorded in `schema_migrations`, so a database
created by an older guard is upgraded in place at startup. SQLite is the default; a PostgreSQL
URL works the same (`postgresql://` is mapped to the psycopg 3 driver).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import sqlalchemy as sa
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
    sa.Column("features", sa.JSON, nullable=True),
    sa.Column("contributions", sa.JSON, nullable=True),
    sa.Column("score", sa.Float, nullable=True),
    sa.Column("verdict", sa.String(16), nullable=True),
    sa.Column("action", sa.String(200), nullable=False),
    sa.Column("status", sa.Integer, nullable=False),
    sa.Column("prompt_tokens", sa.Integer, nullable=False, default=0),
    sa.Column("completion_tokens", sa.Integer, nullable=False, default=0),
    sa.Column("latency_ms", sa.Float, nullable=False, default=0.0),
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


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "keys and audit tables", _m001_tables),
    (2, "audit table is append-only", _m002_append_only),
]


def normalise_url(url: str) -> str:
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def connect(url: str) -> Engine:
    """An engine with migrations applied. SQLite gets WAL so the CLI and the server can share it."""
    engine = sa.create_engine(normalise_url(url), pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
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

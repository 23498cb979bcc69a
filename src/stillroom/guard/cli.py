"""`stillroom guard` (run the gateway) and `stillroom keys create|list|revoke` (manage API keys).

The admin key is read from STILLROOM_ADMIN_KEY, never from a flag (flags end up in shell history
and `ps`). Keys are stored in the guard's database, so `keys` takes the same --db/--config.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import typer

from stillroom.config import load_config
from stillroom.guard.settings import GuardSettings

keys_app = typer.Typer(no_args_is_help=True, help="Create, list and revoke the guard's API keys.")

_CONFIG = typer.Option(None, "--config", help="guard YAML (GuardSettings); flags override it")
_DB = typer.Option(None, "--db", help="SQLAlchemy URL of the guard DB (default sqlite:///stillroom-guard.db)")


def load_settings(config: Path | None, **overrides):
    secret = os.environ.get("STILLROOM_ADMIN_KEY")
    return load_config(GuardSettings, config, admin_key=secret, **overrides)


def guard(
    upstream: str = typer.Option(None, "--upstream", help="base URL of the OpenAI-compatible upstream"),
    config: Path = _CONFIG,
    host: str = typer.Option(None, "--host"),
    port: int = typer.Option(None, "--port"),
    db: str = _DB,
    redis: str = typer.Option(None, "--redis", help="redis://... to share limits across guard replicas"),
    policy: str = typer.Option(None, "--policy", help="policy YAML (hot-reloaded)"),
    dev: bool = typer.Option(False, "--dev", help="development mode: allows a weak admin key"),
) -> None:
    """Run the gateway in front of an OpenAI-compatible API: keys, limits, detector, policy, audit."""
    from stillroom.guard.app import create_app  # fastapi, redis, sqlalchemy: only when this runs
    from stillroom.guard.server import run  # uvicorn: only when this runs

    s = load_settings(
        config,
        upstream=upstream,
        host=host,
        port=port,
        db=db,
        redis=redis,
        policy=policy,
        env="dev" if dev else None,
    )
    if s.weak_admin_key:
        typer.secho("warning: weak admin key (allowed in dev mode only)", fg="yellow", err=True)
    from stillroom.guard.state import journal_folder

    typer.echo(
        f"stillroom guard on http://{s.host}:{s.port} -> {shown_url(s.upstream)};"
        f" audit journal in {journal_folder(s)}/"
    )
    app = create_app(s)
    if app.state.guard.snapshots is not None:
        d = app.state.guard.detector
        typer.echo(
            f"detector state in {s.detector_state} (every {s.detector_snapshot_s:g} s and at shutdown);"
            f" {len(d.keys)} keys restored"
        )
    run(app, s)


def _store(config: Path | None, db: str | None):
    from stillroom.guard.db import connect  # sqlalchemy: only when this runs
    from stillroom.guard.keys import KeyStore  # sqlalchemy: only when this runs

    return KeyStore(connect(load_settings(config, db=db, env="dev").db), cache_ttl_s=0)


def shown_url(url: str) -> str:
    """A URL as printed: any user name and password in it replaced by "***" (stdout ends up in
    logs; session 27's red team)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc="***@" + parts.netloc.rsplit("@", 1)[1]))


def printable(text: str) -> str:
    """Text as printed to a terminal: control and bidirectional-override characters escaped, so a
    key label cannot move the cursor, recolour the terminal or reverse what follows it."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


@keys_app.command("create")
def create(
    label: str = typer.Option(..., "--label", help="who the key is for"),
    rpm: int = typer.Option(None, "--rpm", help="requests per minute (default: the guard's)"),
    tpm: int = typer.Option(None, "--tpm", help="tokens per minute (default: the guard's)"),
    account: list[str] = typer.Option(
        None,
        "--account",
        help="account metadata field=value (repeatable: organisation, payment_fingerprint, "
        "signup_network...): stored hashed; keys sharing a value are scored as one actor",
    ),
    config: Path = _CONFIG,
    db: str = _DB,
) -> None:
    """Create a key and print its secret: it is shown this once and stored only hashed."""
    from stillroom.guard.keys import hash_account, parse_account  # sqlalchemy: only when this runs

    fields = parse_account(account or [])
    hash_account(fields)  # checked before the database is opened
    key, secret = _store(config, db).create(label, rpm, tpm, fields or None)
    typer.echo(f"id:     {key.id}\nlabel:  {printable(key.label)}\nsecret: {secret}")
    typer.secho("store the secret now; it cannot be shown again", fg="yellow", err=True)


@keys_app.command("list")
def list_keys(config: Path = _CONFIG, db: str = _DB) -> None:
    """All keys with their limits and state (never secrets)."""
    for k in _store(config, db).list():
        state = (
            "revoked"
            if k.revoked_at
            else (f"override={k.verdict_override}" if k.verdict_override else "active")
        )
        typer.echo(f"{k.id}\t{printable(k.label)}\trpm={k.rpm or '-'}\ttpm={k.tpm or '-'}\t{state}")


@keys_app.command("revoke")
def revoke(
    key_id: str = typer.Argument(..., help="the key's id (see `keys list`)"),
    config: Path = _CONFIG,
    db: str = _DB,
) -> None:
    """Revoke a key: the guard refuses it within its key cache TTL (2 s by default)."""
    _store(config, db).revoke(key_id)
    typer.echo(f"revoked {key_id}")

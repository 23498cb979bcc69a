"""Request dependencies: the guard instance, the caller's identity (user key or admin), a DB connection.

Identity comes from exactly one `Authorization: Bearer <secret>` header and nothing else: proxy
headers such as X-Forwarded-For never change who the caller is. Two Authorization headers, an
empty token or a token with inner whitespace are refused rather than guessed at.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.engine import Connection

from stillroom.contracts.openai import ApiError
from stillroom.guard.keys import ApiKey, hash_secret, key_id_of, secret_matches
from stillroom.guard.state import Guard

MAX_AUTH_CHARS = 512
_NO_KEY = "You didn't provide an API key. Send 'Authorization: Bearer <key>' (one header)."


async def get_guard(request: Request) -> Guard:
    return request.app.state.guard


GuardDep = Annotated[Guard, Depends(get_guard)]


def bearer_secret(request: Request) -> str:
    values = request.headers.getlist("authorization")
    if len(values) != 1:
        raise ApiError(401, _NO_KEY, "missing_api_key")
    if len(values[0]) > MAX_AUTH_CHARS:  # before any parsing, hashing or lookup
        raise ApiError(401, "Incorrect API key provided.", "invalid_api_key")
    scheme, _, token = values[0].strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token.split(maxsplit=1)) > 1:  # inner whitespace
        raise ApiError(401, _NO_KEY, "missing_api_key")
    return token


async def stored_key(guard: Guard, kid: str) -> ApiKey | None:
    """The key with id `kid` from the key cache while it is fresh, else from the store (a database
    read, off the event loop)."""
    return guard.keys.get(kid) if guard.keys.cached(kid) else await asyncio.to_thread(guard.keys.get, kid)


async def find_user_key(guard: Guard, secret: str) -> ApiKey | None:
    """The live key this secret belongs to, or None; the hash comparison is timing-safe."""
    kid = key_id_of(secret)
    key = None
    if kid is not None:
        key = await stored_key(guard, kid)
    if not secret_matches(key, secret) or key is None:
        return None
    return key


async def authenticate(request: Request, guard: GuardDep) -> ApiKey:
    key = await find_user_key(guard, bearer_secret(request))
    if key is None:
        raise ApiError(401, "Incorrect API key provided.", "invalid_api_key")
    refuse_revoked(key)
    return key


def refuse_revoked(key: ApiKey) -> None:
    """401 for a revoked key (at authentication, and again after a request's wait in its key's
    queue: pipeline.still_allowed)."""
    if key.revoked_at is not None:
        raise ApiError(401, f"API key {key.id} has been revoked.", "invalid_api_key")


class AdminOnly(ApiError):
    """The 403 of a live user key sent to an admin route, with the key: the app's error handler
    audits it (pipeline.refused_admin_route)."""

    def __init__(self, key: ApiKey):
        super().__init__(403, "admin routes need the admin key, not a user key", "admin_only")
        self.key = key


async def require_admin(request: Request, guard: GuardDep) -> None:
    secret = bearer_secret(request)
    admin_hash = hash_secret(guard.settings.admin_key.get_secret_value())
    if hmac.compare_digest(hash_secret(secret), admin_hash):
        return
    key = await find_user_key(guard, secret)
    if key is not None and key.revoked_at is None:  # a revoked key reads as any wrong key
        raise AdminOnly(key)
    raise ApiError(401, "Incorrect admin key provided.", "invalid_api_key")


def db_conn(guard: GuardDep) -> Iterator[Connection]:
    with guard.engine.connect() as conn:
        yield conn


Identity = Annotated[ApiKey, Depends(authenticate)]
Admin = Depends(require_admin)
DbConn = Annotated[Connection, Depends(db_conn)]

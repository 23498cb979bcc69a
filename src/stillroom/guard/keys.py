"""API keys: a public id plus a secret that is shown once and stored only as its SHA-256.

A secret looks like `sk-sr-<id>-<random>`: the id in it lets the guard fetch the one record to
check, and the check is `hmac.compare_digest` on the two hashes, so response time does not depend
on how much of a forged secret was right. Secrets carry 192 random bits, so a plain SHA-256 (no
slow KDF) is enough: there is nothing to brute-force from a leaked hash.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from stillroom.detector.types import VERDICTS
from stillroom.errors import UserError
from stillroom.guard.db import keys_table

PREFIX = "sk-sr-"
MAX_SECRET_CHARS = 128  # ours are 51; anything much longer is refused before any work
_KEY_ID = re.compile(r"[0-9a-zA-Z]{1,32}")  # the shape of an id (the `keys.id` column is 32 wide)
CACHE_ENTRIES = 10_000  # x at most ~1 KB per entry (id <= 32, label <= 200 chars): ~10 MB at worst
MAX_LIMIT = 2_000_000_000  # per-minute limits are stored as 32-bit integers (PostgreSQL INTEGER)
_DUMMY_HASH = hashlib.sha256(b"no such key").hexdigest()


@dataclass(frozen=True)
class ApiKey:
    id: str
    label: str
    secret_hash: str
    rpm: int | None
    tpm: int | None
    created_at: float
    revoked_at: float | None = None
    verdict_override: str | None = None

    def public(self) -> dict:
        """What admin views show: everything but the hash."""
        return {
            "id": self.id,
            "label": self.label,
            "rpm": self.rpm,
            "tpm": self.tpm,
            "created_at": self.created_at,
            "revoked": self.revoked_at is not None,
            "verdict_override": self.verdict_override,
        }


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def key_id_of(secret: str) -> str | None:
    """The id embedded in a well-formed secret, else None: checked before any lookup, so a forged
    secret of any size costs neither a database query nor cache memory."""
    if len(secret) > MAX_SECRET_CHARS or not secret.startswith(PREFIX):
        return None
    kid, _, rest = secret[len(PREFIX) :].partition("-")
    if not (rest and _KEY_ID.fullmatch(kid)):
        return None
    return kid


def secret_matches(key: ApiKey | None, secret: str) -> bool:
    """Timing-safe: always hashes and compares, even when no record was found."""
    stored = key.secret_hash if key is not None else _DUMMY_HASH
    return hmac.compare_digest(hash_secret(secret), stored) and key is not None


class KeyStore:
    """Keys in the guard database, with a short read cache for the request path: least recently
    used first out beyond `CACHE_ENTRIES`, and only ids of the right shape ever get in."""

    def __init__(self, engine: Engine, cache_ttl_s: float = 2.0):
        self.engine = engine
        self.cache_ttl_s = cache_ttl_s
        self._cache: OrderedDict[str, tuple[float, ApiKey | None]] = OrderedDict()
        self._lock = threading.Lock()

    def create(self, label: str, rpm: int | None = None, tpm: int | None = None) -> tuple[ApiKey, str]:
        """Make a key; return it and its secret (the only time the secret exists in clear)."""
        if any(v is not None and not 1 <= v <= MAX_LIMIT for v in (rpm, tpm)):
            raise UserError(f"--rpm and --tpm must be between 1 and {MAX_LIMIT}")
        kid = secrets.token_hex(6)
        secret = f"{PREFIX}{kid}-{secrets.token_urlsafe(24)}"
        key = ApiKey(kid, label, hash_secret(secret), rpm, tpm, time.time())
        with self.engine.begin() as conn:
            conn.execute(keys_table.insert().values(**key.__dict__))
        return key, secret

    def get(self, kid: str) -> ApiKey | None:
        """The key by id, from cache if fresh enough (a revoke elsewhere shows within the TTL)."""
        hit = self._cache.get(kid)
        now = time.monotonic()
        if hit is not None and now - hit[0] < self.cache_ttl_s:
            return hit[1]
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(keys_table).where(keys_table.c.id == kid)).mappings().first()
        key = ApiKey(**row) if row else None
        with self._lock:  # lookups run in worker threads too
            self._cache[kid] = (now, key)
            self._cache.move_to_end(kid)
            while len(self._cache) > CACHE_ENTRIES:
                self._cache.popitem(last=False)
        return key

    def cached(self, kid: str) -> bool:
        hit = self._cache.get(kid)
        return hit is not None and time.monotonic() - hit[0] < self.cache_ttl_s

    def list(self) -> list[ApiKey]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(keys_table).order_by(keys_table.c.created_at)).mappings()
            return [ApiKey(**r) for r in rows]

    def revoke(self, kid: str) -> ApiKey:
        return self._update(kid, revoked_at=time.time())

    def set_override(self, kid: str, verdict: str | None) -> ApiKey:
        if verdict is not None and verdict not in VERDICTS:
            raise UserError(f"verdict must be one of {', '.join(VERDICTS)} or null, not {verdict!r}")
        return self._update(kid, verdict_override=verdict)

    def _update(self, kid: str, **values) -> ApiKey:
        with self.engine.begin() as conn:
            n = conn.execute(keys_table.update().where(keys_table.c.id == kid).values(**values)).rowcount
        if n == 0:
            raise UserError(f"no key with id {kid!r}; `stillroom keys list` shows the ids")
        self._cache.pop(kid, None)
        key = self.get(kid)
        assert key is not None
        return key

"""API keys: a public id plus a secret that is shown once and stored only as its SHA-256.

A secret looks like `sk-sr-<id>-<random>`: the id in it lets the guard fetch the one record to
check, and the check is `hmac.compare_digest` on the two hashes, so response time does not depend
on how much of a forged secret was right. Secrets carry 192 random bits, so a plain SHA-256 (no
slow KDF) is enough: there is nothing to brute-force from a leaked hash.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
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
    account: str | None = None  # JSON {field: hashed value} (hash_account), as stored

    def account_fields(self) -> dict[str, str]:
        """The key's account metadata: field -> hashed value (what the detector compares)."""
        return _account_json(self.account) if self.account else {}

    def public(self) -> dict:
        """What admin views show: everything but the hash."""
        return {
            "id": self.id,
            "label": self.label,
            "rpm": self.rpm,
            "tpm": self.tpm,
            "created_at": self.created_at,
            "revoked": self.revoked_at is not None,
            "revoked_at": self.revoked_at,
            "verdict_override": self.verdict_override,
            "account": self.account_fields(),
        }


@functools.lru_cache(maxsize=4096)
def _account_json(text: str) -> dict[str, str]:
    return json.loads(text)


ACCOUNT_FIELD = re.compile(r"[a-z][a-z0-9_]{0,31}")
MAX_ACCOUNT_FIELDS = 8


def hash_account(fields: dict[str, str]) -> dict[str, str]:
    """Account metadata as stored: each value replaced by a 16-hex-digit hash of (field, value),
    so the guard database never holds a payment fingerprint or a network in clear and the
    detector can still see that two keys share one. A low-entropy value (a /24 network) can be
    recovered by trying every candidate: the hash keeps it out of casual view, it is not secret."""
    if len(fields) > MAX_ACCOUNT_FIELDS:
        raise UserError(f"at most {MAX_ACCOUNT_FIELDS} account fields, not {len(fields)}")
    out = {}
    for name, value in fields.items():
        if not isinstance(name, str) or not ACCOUNT_FIELD.fullmatch(name):
            raise UserError(f"account field names are lower-case identifiers (a-z, 0-9, _), not {name!r}")
        if not isinstance(value, str) or not 0 < len(value) <= 512:
            raise UserError(f"account field {name!r} needs a value of 1 to 512 characters")
        out[name] = hashlib.sha256(f"stillroom-account\x00{name}\x00{value}".encode()).hexdigest()[:16]
    return out


def parse_account(items: list[str]) -> dict[str, str]:
    """`field=value` strings (the CLI's --account) as a dict."""
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep:
            raise UserError(f"--account takes field=value, not {item!r}")
        out[name.strip()] = value.strip()
    return out


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
        self._changes = 0  # revocations and overrides made here: a read begun before one is not cached

    def create(
        self,
        label: str,
        rpm: int | None = None,
        tpm: int | None = None,
        account: dict[str, str] | None = None,
    ) -> tuple[ApiKey, str]:
        """Make a key; return it and its secret (the only time the secret exists in clear).
        `account`: operator metadata (organisation, payment fingerprint, signup network...),
        stored hashed (hash_account)."""
        if any(v is not None and not 1 <= v <= MAX_LIMIT for v in (rpm, tpm)):
            raise UserError(f"--rpm and --tpm must be between 1 and {MAX_LIMIT}")
        stored = json.dumps(hash_account(account), sort_keys=True) if account else None
        kid = secrets.token_hex(6)
        secret = f"{PREFIX}{kid}-{secrets.token_urlsafe(24)}"
        key = ApiKey(kid, label, hash_secret(secret), rpm, tpm, time.time(), account=stored)
        with self.engine.begin() as conn:
            conn.execute(keys_table.insert().values(**key.__dict__))
        return key, secret

    def get(self, kid: str) -> ApiKey | None:
        """The key by id, from cache if fresh enough (a revoke elsewhere shows within the TTL)."""
        hit = self._cache.get(kid)
        now = time.monotonic()
        if hit is not None and now - hit[0] < self.cache_ttl_s:
            return hit[1]
        changes = self._changes
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(keys_table).where(keys_table.c.id == kid)).mappings().first()
        key = ApiKey(**row) if row else None
        with self._lock:  # lookups run in worker threads too
            # a read that saw the row before a revocation here and ended after it must not cache
            # it: the key was answered from that copy for key_cache_ttl_s (round 22)
            if changes == self._changes:
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
        """Revoke a key; a key already revoked keeps the time it was first revoked. A second
        revocation moved it (round 26): the record of when a key stopped being valid, which an
        operator compares with the audit rows' times in a dispute, said the later call."""
        return self._update(kid, only_if=keys_table.c.revoked_at.is_(None), revoked_at=time.time())

    def set_override(self, kid: str, verdict: str | None) -> ApiKey:
        if verdict is not None and verdict not in VERDICTS:
            raise UserError(f"verdict must be one of {', '.join(VERDICTS)} or null, not {verdict!r}")
        return self._update(kid, verdict_override=verdict)

    def _update(self, kid: str, only_if: sa.ColumnElement[bool] | None = None, **values) -> ApiKey:
        """Set `values` on key `kid` (where `only_if` holds too: a key it excludes is left as it is)."""
        where = keys_table.c.id == kid
        with self.engine.begin() as conn:
            cond = where if only_if is None else sa.and_(where, only_if)
            n = conn.execute(keys_table.update().where(cond).values(**values)).rowcount
            if n == 0 and only_if is not None:  # the key exists and `only_if` excluded it
                n = conn.execute(sa.select(sa.func.count()).select_from(keys_table).where(where)).scalar_one()
        if n == 0:
            raise UserError(f"no key with id {kid!r}; `stillroom keys list` shows the ids")
        with self._lock:
            self._changes += 1
            self._cache.pop(kid, None)
        key = self.get(kid)
        assert key is not None
        return key

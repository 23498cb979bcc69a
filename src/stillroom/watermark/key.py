"""The watermark key: one config object used by the hf teacher, serve, `watermark detect` and `trace`.

Schemes follow jwkirchenbauer/lm-watermarking (`alternative_prf_schemes.seeding_scheme_lookup`):

- `simple_1` (LeftHash, h=1): green list seeded by `hash_key * previous_token`.
- `selfhash` (Algorithm 3, h=4): anchored min-hash over the 3 previous tokens *and* the candidate
  itself; a candidate is green when it falls in the list its own window seeds. Stronger against
  edits and harder to reverse-engineer, at ~41 green-list draws per generated token.

The hash key is the secret. Without one we use the reference's public key 15485863, so anyone with
the reference code can check our text; a deployment sets `secret` in a key file or names an
environment variable in `secret_env`. Note the reference seeds a Mersenne twister whose seed only
keeps its low 32 bits, so a secret buys at most 32 bits per context — fine for a watermark whose
security rests on not publishing the key, not for anything cryptographic.

Some secrets are degenerate: 2^32, 3 * 2^32 or 2^40 make the low 32 bits of every context's seed
equal, so every context gets the same green list (a fixed token bias, not a watermark). A secret is
refused unless the 32-bit seeds it gives the single-token contexts 0 .. 2^18 - 1 (every vocabulary
in use is smaller; for `selfhash` the window [t, t, t, t], whose seed is the candidate's own) are at
least 97% distinct. A random secret gives 99.99% (simple_1: 100%); selfhash also refuses the ~1 in
256 random secrets ending in >= 8 zero bits (97.4% or less), which keep too few bits of each seed.
`random_secret` draws one that passes.

- `synthid` (SynthID-Text, Dathathri et al., Nature 2024, through transformers' implementation;
  see watermark/synthid.py): tournament sampling over `depth` layers, each with its own key, on
  (4 previous tokens, candidate). The secret derives the layer keys and the g-value table's seed
  (blake2b). Only a layer key's low 16 bits reach the 2^16-entry g-value table, so two layers whose
  keys agree there score the same coin twice: such a secret is refused (~0.7% at depth 30).
  `gamma` and `delta` do not apply.
"""

from __future__ import annotations

import hashlib
import os
import random
import secrets
from functools import cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_serializer, model_validator

from stillroom.config import load_config
from stillroom.errors import UserError

REFERENCE_HASH_KEY = 15485863  # lm-watermarking's public default: a large prime
# scheme -> (context width h, self-salted): the tokens that seed one green list
SCHEMES: dict[str, tuple[int, bool]] = {"simple_1": (1, False), "selfhash": (4, True), "synthid": (4, False)}
SYNTHID_TABLE = 2**16  # entries of the g-value table (transformers' default sampling_table_size)
PROBE_TOKENS = 2**18  # single-token contexts whose seeds must be (nearly) all distinct
MIN_DISTINCT = 0.97


def seed_spread(scheme: str, secret: int) -> float:
    """Fraction of distinct 32-bit generator seeds over the contexts [t] (t < 2^18) under `secret`."""
    t = np.arange(PROBE_TOKENS, dtype=np.uint64)
    with np.errstate(over="ignore"):
        if scheme == "simple_1":
            seeds = _mulmod_m64(secret, t)
        else:  # selfhash, window [t, t, t, t]: the min over one product, wrapped like int64 tensors
            from stillroom.watermark.hashtable import hash_table  # torch: only when a secret is checked

            table = hash_table()
            h = table[np.arange(PROBE_TOKENS) % len(table)].astype(np.int64) + 1
            prod = (np.int64((secret + 2**63) % 2**64 - 2**63) * h) * h
            seeds = np.where(prod >= 0, prod.view(np.uint64), prod.view(np.uint64) - np.uint64(1))
    return len(np.unique(seeds & np.uint64(0xFFFFFFFF))) / PROBE_TOKENS


def _mulmod_m64(secret: int, t: Any) -> Any:
    """secret * t mod (2^64 - 1) for a uint64 array t < 2^32, without 128-bit ints (2^64 = 1 mod it)."""
    lo = np.uint64(secret) * t  # wraps: the low 64 bits
    hi = (np.uint64(secret >> 32) * t + ((np.uint64(secret & 0xFFFFFFFF) * t) >> np.uint64(32))) >> np.uint64(
        32
    )
    s = lo + hi
    s = s + (s < lo).astype(np.uint64)  # a carry out of 2^64 is worth 1
    return np.where(s == np.uint64(2**64 - 1), np.uint64(0), s)


def synthid_keys(secret: int, depth: int) -> list[int]:
    """The `depth` layer keys of SynthID-Text derived from the secret, then the g-value table's seed."""
    return [_derive(secret, f"layer{d}") for d in range(depth)]


def synthid_table_seed(secret: int) -> int:
    return _derive(secret, "table")


def _derive(secret: int, label: str) -> int:
    digest = hashlib.blake2b(
        f"stillroom-synthid:{label}".encode(), key=secret.to_bytes(8, "big"), digest_size=8
    )
    return int.from_bytes(digest.digest(), "big") >> 1  # 63 bits: a positive int64


def random_secret(scheme: str, rng: random.Random | None = None, depth: int = 30) -> int:
    """A fresh secret that passes `check_secret` (cryptographic randomness unless `rng` is given)."""
    while True:
        secret = rng.randrange(1, 2**63) if rng else secrets.randbelow(2**63 - 1) + 1
        try:
            return check_secret(scheme, secret, depth)
        except ValueError:
            continue


@cache
def check_secret(scheme: str, secret: int, depth: int = 30) -> int:
    """`secret` if it spreads contexts over distinct green lists (synthid: distinct layers); else ValueError."""
    if scheme == "synthid":
        distinct = len({k % SYNTHID_TABLE for k in synthid_keys(secret, depth)})
        if distinct < depth:
            raise ValueError(
                f"degenerate watermark secret for synthid: its {depth} layer keys give only {distinct} distinct "
                f"g-value tables (the table keeps 16 bits of each key); pick another random integer in [1, 2^63)"
            )
        return secret
    spread = seed_spread(scheme, secret)
    if spread < MIN_DISTINCT:
        raise ValueError(
            f"degenerate watermark secret for {scheme}: only {spread:.1%} of contexts get distinct green "
            f"lists (the generator keeps 32 bits of each seed); pick a random integer in [1, 2^63)"
        )
    return secret


class WatermarkKey(BaseModel):
    """KGW settings. `model_dump()` of this is what `GenParams.watermark` carries."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    scheme: Literal["simple_1", "selfhash", "synthid"] = "simple_1"
    gamma: float = Field(0.25, gt=0, lt=1)  # KGW: fraction of the vocabulary that is green
    delta: float = Field(2.0, ge=0)  # KGW: logit bias added to green tokens
    depth: int = Field(30, ge=1, le=64)  # synthid: tournament layers (one key each)
    top_k: int = Field(1024, ge=2)  # synthid: the tournament runs over the top_k candidates
    secret: int | None = Field(None, ge=1, lt=2**63)  # the hash key; None: REFERENCE_HASH_KEY
    secret_env: str | None = None  # or: the environment variable holding it (takes precedence)

    @model_validator(mode="after")
    def _secret_spreads(self) -> WatermarkKey:
        if self.secret is not None:
            check_secret(self.scheme, self.secret, self.depth)
        return self

    @model_serializer(mode="wrap")
    def _scheme_fields(self, handler: Any) -> dict[str, Any]:
        """A KGW key dumps as before synthid existed: harvest stores group rows by these dicts."""
        out = handler(self)
        if self.scheme != "synthid":
            out.pop("depth", None)
            out.pop("top_k", None)
        return out

    @property
    def context_width(self) -> int:
        return SCHEMES[self.scheme][0]

    @property
    def self_salt(self) -> bool:
        return SCHEMES[self.scheme][1]

    @property
    def ngram(self) -> int:
        """Tokens in one scored tuple (context window + token): h+1, or h when self-salted."""
        return self.context_width + (0 if self.self_salt else 1)

    def hash_key(self) -> int:
        if self.secret_env:
            raw = os.environ.get(self.secret_env, "")
            if not raw.strip().isdigit() or not 0 < int(raw) < 2**63:
                raise UserError(f"${self.secret_env} must hold the watermark secret, an integer in [1, 2^63)")
            try:
                return check_secret(self.scheme, int(raw), self.depth)
            except ValueError as e:
                raise UserError(f"${self.secret_env}: {e}") from None
        return self.secret or REFERENCE_HASH_KEY

    def public(self) -> dict[str, Any]:
        """The settings without the secret, for logs and reports."""
        return self.model_dump(exclude={"secret"}) | {
            "secret_set": self.secret is not None or bool(self.secret_env)
        }


def as_key(key: WatermarkKey | dict[str, Any]) -> WatermarkKey:
    return key if isinstance(key, WatermarkKey) else WatermarkKey.model_validate(key)


def load_key(path: str | Path | None = None, **overrides: Any) -> WatermarkKey:
    """A key from a YAML file (optional) with CLI overrides such as `gamma=0.5`."""
    return load_config(WatermarkKey, path, **overrides)

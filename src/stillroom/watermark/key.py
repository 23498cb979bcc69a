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
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from stillroom.config import load_config
from stillroom.errors import UserError

REFERENCE_HASH_KEY = 15485863  # lm-watermarking's public default: a large prime
# scheme -> (context width h, self-salted): the tokens that seed one green list
SCHEMES: dict[str, tuple[int, bool]] = {"simple_1": (1, False), "selfhash": (4, True)}


class WatermarkKey(BaseModel):
    """KGW settings. `model_dump()` of this is what `GenParams.watermark` carries."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    scheme: Literal["simple_1", "selfhash"] = "simple_1"
    gamma: float = Field(0.25, gt=0, lt=1)  # fraction of the vocabulary that is green
    delta: float = Field(2.0, ge=0)  # logit bias added to green tokens
    secret: int | None = Field(None, ge=1, lt=2**63)  # the hash key; None: REFERENCE_HASH_KEY
    secret_env: str | None = None  # or: the environment variable holding it (takes precedence)

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
            return int(raw)
        return self.secret or REFERENCE_HASH_KEY

    def public(self) -> dict[str, Any]:
        """The settings without the secret, for logs and reports."""
        return self.model_dump(exclude={"secret"}) | {"secret_set": self.secret is not None}


def as_key(key: WatermarkKey | dict[str, Any]) -> WatermarkKey:
    return key if isinstance(key, WatermarkKey) else WatermarkKey.model_validate(key)


def load_key(path: str | Path | None = None, **overrides: Any) -> WatermarkKey:
    """A key from a YAML file (optional) with CLI overrides such as `gamma=0.5`."""
    return load_config(WatermarkKey, path, **overrides)

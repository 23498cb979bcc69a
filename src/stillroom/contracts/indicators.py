"""Threat indicators: the file one deployment hands another about a distiller, without its prompts.

Written by `detector/indicators.build` (the `stillroom indicators export` command and the guard's
`/dashboard/indicators.json`), read by `detector/indicators.parse`/`load` (`stillroom indicators
import`, and every detector whose config lists the file). Both sides use `ThreatIndicators`, which
forbids unknown fields, so a field renamed on one side fails validation on the other.

`skeleton_scheme` must match on both sides: a skeleton hash is only comparable when masking and
hashing are identical (`detector/text.py`: function words kept, content words masked, first 8
tokens, blake2b-64). Only hashes of masked skeletons leave a deployment: never raw prompts, key
ids or secrets.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from stillroom.contracts.artifacts import Artifact

FORMAT, VERSION, SCHEME = "stillroom-indicators", 1, "fw-mask-prefix8-blake2b64"
Level = Literal["ok", "watch", "suspect", "block"]  # the detector's escalation ladder


class Indicator(Artifact):
    """One template that flagged keys repeated: its skeleton hash, how many keys used it how often."""

    kind: Literal["template-skeleton"] = "template-skeleton"
    hash: str  # the 64-bit skeleton hash, as 16 hex digits
    keys: int = Field(ge=0)
    uses: int = Field(ge=0)
    verdict: Level  # the highest verdict among the keys that used it

    @field_validator("hash")
    @classmethod
    def _hex64(cls, v: str) -> str:
        try:
            h = int(v, 16)
        except ValueError:
            raise ValueError("must be a hex string") from None
        if not 0 < h < 2**64:
            raise ValueError("must be a nonzero 64-bit hash")
        return v

    @property
    def skeleton(self) -> int:
        return int(self.hash, 16)


class ThreatIndicators(Artifact):
    format: Literal["stillroom-indicators"] = FORMAT
    version: Literal[1] = VERSION
    skeleton_scheme: Literal["fw-mask-prefix8-blake2b64"] = SCHEME
    source: str  # free text naming the deployment
    created: str  # ISO 8601 time of export
    time_range: tuple[float, float]  # unix seconds of the traffic behind it
    profile: dict[str, float]  # mean features of the flagged keys
    indicators: list[Indicator]  # most used first

"""The antidistillation setting the guard asks serve for: one model, one header codec.

The guard's policy holds an `Antidistill` per verdict (`antidistill: {mode: poe, strength: 0.5}`)
and sends it as `x-stillroom-antidistill: mode=poe; strength=0.5; top_p=0.95`; serve parses the
same header back into the same model and hands it to the teacher as `GenParams.antidistill`.
A header rather than a body field: the guard forwards the client's body byte for byte, and an
upstream that does not know the header ignores it (an unknown body field is a 400 on strict
OpenAI-compatible servers, serve's own included).

Modes (the maths is in `teachers/antidistill.py`):
- `ads`: antidistillation sampling (Savani et al., NeurIPS 2025): logits + strength * Delta, Delta
  a finite-difference estimate of how much training on each token would raise a proxy student's
  loss on the downstream objective; 2 extra proxy forwards per token.
- `poe`: forward-only product of experts: log p_T - strength * log p_proxy (a token the proxy
  already predicts teaches it less); 1 extra proxy forward per token.
Both keep the choice inside the teacher's own top-`top_p` nucleus, so answers stay the teacher's.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Antidistill(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    mode: Literal["ads", "poe"]
    strength: float = Field(ge=0, le=50)  # lambda; 0 samples exactly as without the setting
    top_p: float = Field(0.95, gt=0, le=1)  # the teacher's nucleus the adjusted choice stays in

    def header(self) -> str:
        return f"mode={self.mode}; strength={self.strength:g}; top_p={self.top_p:g}"

    @classmethod
    def from_header(cls, value: str) -> Antidistill:
        """`mode=poe; strength=0.5[; top_p=0.9]` -> Antidistill; ValueError if malformed."""
        fields: dict[str, str] = {}
        for part in value.split(";"):
            key, eq, val = part.strip().partition("=")
            if not eq or key not in cls.model_fields or key in fields:
                raise ValueError(f"bad antidistill setting {value!r}: expected mode=...; strength=...")
            fields[key] = val.strip()
        return cls.model_validate(fields)

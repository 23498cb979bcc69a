"""The arena's one config: which traffic, which stack, and the closed loop's budget."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, model_validator

from stillroom.contracts.teacher_spec import TeacherSpec, TeacherSpecStr


class LoopConfig(BaseModel):
    """Closed loop: distil a student from what the distillers harvested, guard off vs on."""

    enabled: bool = True
    # Whose harvest is distilled (a distiller family of detector.traces). The coordinated group by
    # default: eight keys, so it collects the most watermarked answers before its keys are blocked.
    family: str = "hydra"
    method: str = "sft"
    student_layers: int = Field(6, ge=1)
    steps: int = Field(60, ge=1)
    batch_size: int = Field(4, ge=1)
    max_length: int | None = Field(None, ge=16)  # None: the student's context
    lr: float = Field(1e-4, gt=0)
    eval_prompts: int = Field(40, ge=1)  # held-out prompts for fidelity (KL to the teacher)
    trace_texts: int = Field(200, ge=1)  # texts scored by the radioactivity test


class ArenaConfig(BaseModel):
    seed: int = 0
    # Persona counts per family (detector.traces.COUNTS when None); scaled down for quick runs.
    counts: dict[str, int] | None = None
    # Fraction of each persona's simulated day that is replayed (1.0 = the whole day).
    day_fraction: float = Field(1.0, gt=0, le=1)
    teacher: TeacherSpecStr = "hf:default"
    max_tokens_cap: int = Field(24, ge=1)  # serve generates at most this many tokens: CPU time is the budget
    concurrency: int = Field(16, ge=1)
    speedup: float = Field(0.0, ge=0)  # simulated seconds per real second; 0 = as fast as the stack serves
    policy: dict[str, Any] | None = None  # guard policy (guard.policy.Policy fields); None = guard defaults
    detector: dict[str, Any] | None = None  # DetectorConfig overrides
    # The owner's watermark key (stillroom.watermark.WatermarkKey fields); serve applies it when the
    # guard's policy asks. The secret is the arena's own, from config, never the reference default.
    watermark: dict[str, Any] = Field(
        default_factory=lambda: {"scheme": "simple_1", "gamma": 0.25, "delta": 2.0, "secret": 982451653}
    )
    flag_verdicts: tuple[str, ...] = ("suspect", "block")  # what counts as "caught"
    detect_within: int = Field(500, ge=1)  # requests by which a distiller must be caught
    loop: LoopConfig = Field(default_factory=LoopConfig)
    # serve's proxy student (serve.config.ProxyConfig fields, e.g. {layers: 6}) for a policy whose
    # actions use `antidistill`; None: serve has none and answers such requests undefended.
    proxy: dict[str, Any] | None = None
    # bench/defence.py's JSON (bench/results/defence.json): shown in the report's Countermeasures
    # section (teacher utility vs student damage per countermeasure); None leaves it out.
    defence: str | None = None

    @model_validator(mode="after")
    def _defence_file_exists(self) -> ArenaConfig:
        if self.defence is not None and not Path(self.defence).is_file():
            raise ValueError(f"defence: {self.defence} is not a file (bench/defence.py --out writes it)")
        return self

    @model_validator(mode="after")
    def _loop_needs_weights(self) -> ArenaConfig:
        """Refuse at start, not after an hour of replay, a closed loop it could not run."""
        if self.loop.enabled and TeacherSpec.parse(self.teacher).backend != "hf":
            raise ValueError(
                f"the closed loop distils the teacher's weights: use an hf teacher or --no-loop, not {self.teacher!r}"
            )
        return self

    @property
    def teacher_path(self) -> str:
        return TeacherSpec.parse(self.teacher).model_path

"""The files stages hand each other: one pydantic model per format, used by writer and reader alike.

- `MetricsLine`: one line of a distill run's `metrics.jsonl` (an optimizer step, maybe with a
  validation pass); `RunSummary`: its `summary.json`. Written by `distill/train.py`, read by
  `evaluate/cost.py`, `evaluate/run.py` and `report/load.py`.
- `EvalReport`: `eval.json`, written by `evaluate/run.py`, read by `report/` and the demo.
- `HarvestLedger`: `<store>.ledger.json`, written by the harvest; `DemoSummary`: `demo.json`.

Models forbid unknown fields, so a field renamed on one side fails validation on the other; the
report's tests render from an `eval.json` the real writer produced for the same reason. Reading
and writing (atomically) goes through `stillroom.runs.read_artifact` / `write_json_atomic`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Interval = tuple[float, float]  # a 95% interval (low, high); how it is formed is in EvalReport.methods


class Artifact(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- the distill run folder ----------------------------------------------------------------------
class MetricsLine(Artifact):
    """One optimizer step; `val_*` are set on the steps where the run validated."""

    step: int = Field(ge=1)
    loss: float
    lr: float
    tokens: int  # tokens (prompt + response) in this step's batches
    tokens_per_s: float
    seconds: float
    cpu_seconds: float
    kl: float | None = None  # KL(teacher||student) on the training batch, where the teacher's signal is known
    grad_norm: float | None = None
    on_policy_batches: int | None = None  # gkd: micro-batches made of the student's own continuations
    val_kl: float | None = None  # held-out KL(teacher||student), nats/token, full vocabulary
    val_ppl: float | None = None  # perplexity of the teacher's held-out answers under the student


class RunSummary(Artifact):
    """`summary.json`: written once, when a distill run finishes."""

    kind: Literal["stillroom.distill"] = "stillroom.distill"
    method: str
    signal: str
    steps: int
    train_prompts: int
    val_prompts: int  # prompts of the store kept out of training to draw the validation curve
    store: str  # the harvest store it trained on, and the harvest config in it
    harvest_key: str | dict[str, float]  # several teachers: {key: weight, ...} as the config gave them
    store_run: str  # the name under which the store's `training_use` lists this run's prompts
    train_tokens: int
    wall_s: float  # summed step time (what resuming preserves), not wall time including restarts
    tokens_per_s: float
    final_loss: float | None = None
    final_kl: float | None = None
    final_val_kl: float | None = None
    student: str
    config: dict[str, Any]  # the resolved DistillConfig (the same as config.yaml): the hyperparameters


# --- the harvest ledger --------------------------------------------------------------------------
class LedgerRow(Artifact):
    config_key: str
    teacher: str | None = None
    model: str | None = None
    completions: int
    prompt_tokens: int
    completion_tokens: int
    wall_s: float
    tokens_per_s: float | None = None
    cost: float | None = None


class HarvestLedger(Artifact):
    store: str
    price_per_1m: float | None = None
    configs: list[LedgerRow]
    total: LedgerRow


# --- eval.json -----------------------------------------------------------------------------------
class Thresholds(Artifact):
    """When a student counts as usable (issue #19's targets are the defaults)."""

    min_retained: float = Field(0.70, ge=0, description="task accuracy as a share of the teacher's")
    max_kl: float = Field(1.0, gt=0, description="held-out KL(teacher||student), nats/token")
    max_distinct2_change: float = Field(
        0.20, ge=0, description="|distinct-2 / teacher's distinct-2 - 1| of greedy answers"
    )


class FidelityStats(Artifact):
    kl: float
    ppl: float
    top1: float
    tokens: int


class Fidelity(FidelityStats):
    per_domain: dict[str, FidelityStats]
    rougeL: float
    chrf: float
    gap_closed: float | None = None  # share of the floor's KL removed; None without a floor
    # A student with a trimmed vocabulary (distill/vocab.py) is scored over its own tokens: answer
    # tokens it cannot represent (not scored), and the teacher's mean mass on the dropped tokens.
    tokens_outside: int | None = None
    teacher_mass_outside: float | None = None


class Proportion(Artifact):
    correct: int
    n: int
    rate: float
    ci: Interval  # Wilson score interval


class TaskResult(Artifact):
    id: str
    kind: str
    domain: str
    prompt: str
    expected: Any
    answer: str
    passed: bool


class Capability(Artifact):
    overall: Proportion
    per_kind: dict[str, Proportion]
    per_domain: dict[str, Proportion]
    retained: float | None = None  # overall accuracy / the teacher's; None when the teacher scored 0
    retained_ci: Interval | None = None  # paired bootstrap over tasks
    retained_per_kind: dict[str, float | None] = Field(default_factory=dict)
    tasks: list[TaskResult]


class Degeneration(Artifact):
    """Greedy answers to the held-out prompts, as whitespace words."""

    answers: int
    words: int
    distinct_1: float
    distinct_2: float
    repetition: float  # mean over answers of the share of repeated 4-grams (seq-rep-4)


class Size(Artifact):
    params: int
    disk_bytes: int
    weight_bytes: int


class Speed(Artifact):
    gen_tokens: int
    gen_wall_s: float
    tokens_per_s: float
    batch_size: int | None = None
    peak_mem_bytes: int | None = None
    mem_kind: str | None = None


class HarvestCost(Artifact):
    store: str
    config_key: str
    purpose: Literal["training", "held-out"]
    completions: int
    teacher_prompt_tokens: int
    teacher_completion_tokens: int
    teacher_tokens: int
    teacher_flops: float
    teacher_wall_s: float


class StudentCost(Artifact):
    method: str
    signal: str
    steps: int
    train_tokens: int
    wall_s: float
    harvest_store: str | None = None  # the training harvest this run consumed (a row of CostLedger.harvests)
    harvest_key: str | None = None
    train_flops: float
    teacher_forward_flops: float
    total_flops: float  # training + online teacher forwards + the training harvest
    total_wall_s: float  # training + the training harvest's teacher time
    share_of_scratch_flops: float | None = None


class ScratchCost(Artifact):
    train_tokens: int | None = None
    train_flops: float | None = None
    source: str


class CostLedger(Artifact):
    harvests: list[HarvestCost]
    teacher_from_scratch: ScratchCost


class Check(Artifact):
    name: str
    value: float | None
    shown: str  # the value as a reader should see it ("8%", "3.16", "0.46x the teacher's")
    target: str
    passed: bool


class Verdict(Artifact):
    usable: bool
    checks: list[Check]


class ModelResult(Artifact):
    name: str
    role: Literal["teacher", "floor", "student"]
    spec: str
    folder: str
    fingerprint: str
    run_dir: str | None = None
    fidelity: Fidelity
    capability: Capability
    degeneration: Degeneration
    size: Size
    speed: Speed
    cost: StudentCost | None = None
    verdict: Verdict | None = None  # None for the teacher


class SideBySide(Artifact):
    prompt: str
    domain: str
    outputs: dict[str, str]


class Machine(Artifact):
    platform: str
    cpu_count: int | None = None
    ram_bytes: int | None = None
    loadavg_start: list[float]


class EvalData(Artifact):
    store: str
    config_key: str
    heldout_prompts: int
    heldout_tokens: int
    fingerprint: str
    tasks: int


class EvalReport(Artifact):
    kind: Literal["stillroom.eval"] = "stillroom.eval"
    version: Literal[2] = 2
    created: float
    machine: Machine
    teacher: str  # the teacher's spec; its measurements are the model named "teacher"
    data: EvalData
    thresholds: Thresholds
    methods: dict[str, str]  # how each interval and measure is formed, in words, for the report
    models: list[ModelResult]
    cost: CostLedger
    examples: list[SideBySide]
    wall_s: float

    def model(self, name: str) -> ModelResult | None:
        return next((m for m in self.models if m.name == name), None)


# --- demo.json -----------------------------------------------------------------------------------
class DemoSummary(Artifact):
    kind: Literal["stillroom.demo"] = "stillroom.demo"
    report: str
    eval: str
    estimate_s: float
    timings_s: dict[str, float]
    total_s: float
    machine: Machine

"""`DistillConfig`: everything one distillation run needs, loadable from YAML, saved in the run folder.

Method and weights: the total loss per response token is
    w.kd * divergence(teacher, student) + w.ce * cross_entropy + w.hidden * hidden_distance
and `method` picks the data and the default weights: `sft` (ce=1, no teacher needed), `kd`
(kd=1, teacher signal `online` or `harvested`), `gkd` (kd=1, a fraction lambda of batches are the
student's own continuations scored online), `hidden` (hidden=1; add kd/ce weights to mix).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from stillroom import checks
from stillroom.contracts.teacher_spec import TeacherSpec, TeacherSpecStr
from stillroom.errors import UserError

Method = Literal["sft", "kd", "gkd", "hidden"]
DEFAULT_WEIGHTS = {"sft": {"ce": 1.0}, "kd": {"kd": 1.0}, "gkd": {"kd": 1.0}, "hidden": {"hidden": 1.0}}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoraSettings(_Strict):
    r: int = Field(8, ge=1)
    alpha: int = Field(16, ge=1)
    dropout: float = Field(0.0, ge=0, lt=1)
    target_modules: list[str] = ["q_proj", "k_proj", "v_proj", "o_proj"]


class StudentSettings(_Strict):
    init: Literal["prune", "config", "pretrained"] = "prune"
    layers: int = Field(6, ge=1, description="prune: how many teacher decoder layers to keep")
    select: Literal["even", "importance"] = Field(
        "even",
        description="prune: keep evenly spaced layers (first and last included; the default, as it "
        "always was), or the layers with the highest block influence measured on the run's training "
        "answers (ShortGPT): measured 5.0 vs 12.9 nats/token initial KL for 14 of 30 layers",
    )
    intermediate: int | None = Field(
        None, ge=1, description="prune: MLP channels kept per layer, the most active ones (None: all)"
    )
    hidden: int | None = Field(
        None, ge=1, description="prune: embedding channels kept, the most active ones (None: all)"
    )
    vocab: int | None = Field(
        None,
        ge=256,
        description="token rows the saved student keeps, about (None: all): specials, single "
        "characters, the tokens the training data uses most, then merge order (distill/vocab.py); "
        "the student trains with every row and drops the rest when saved",
    )
    calibration: int = Field(
        128,
        ge=1,
        description="prune by importance: training sequences the importance pass reads (measured: 256 "
        "instead of 64 lowered the 60% prune's initial KL by ~0.1-0.2 nats/token)",
    )
    path: str | None = Field(None, description="pretrained: an HF model folder or .gguf")
    config: dict = Field(default_factory=dict, description="config: overrides on the teacher's model config")
    lora: LoraSettings | None = None


class LossSettings(_Strict):
    kind: Literal["fkl", "rkl", "jsd", "skl", "tvd"] = "fkl"
    served_top_k: int = Field(
        20, ge=1, le=20, description="a served teacher (openai:URL, online): top-k fetched per position"
    )
    beta: float = Field(0.5, ge=0, le=1, description="jsd interpolation (0 = fkl, 1 = rkl)")
    alpha: float = Field(0.1, ge=0, lt=1, description="skl skew")
    temperature: float = Field(1.0, gt=0)
    positions: Literal["response", "all"] = Field(
        "response",
        description="positions the losses cover: the teacher's answer only, or the prompt's too (an "
        "online teacher has a distribution at every position; pruned-model recovery (Minitron) "
        "distils over whole sequences). 'all' needs signal: online",
    )


class Weights(_Strict):
    kd: float = Field(0.0, ge=0)
    ce: float = Field(0.0, ge=0)
    hidden: float = Field(0.0, ge=0)


class HiddenSettings(_Strict):
    kind: Literal["mse", "cosine"] = "mse"
    layers: list[int] | None = Field(
        None,
        description="student layers to match (default: all); teacher "
        "layers follow the prune map or even spacing",
    )


class GkdSettings(_Strict):
    lmbda: float = Field(
        0.5, ge=0, le=1, description="fraction of batches with student-generated continuations"
    )
    max_new_tokens: int = Field(64, ge=1)
    temperature: float = Field(1.0, ge=0, description="student sampling temperature (0 = greedy)")


class TrainSettings(_Strict):
    steps: int = Field(100, ge=1)
    batch_size: int = Field(8, ge=1)
    grad_accum: int = Field(1, ge=1)
    lr: float = Field(5e-5, gt=0)
    weight_decay: float = Field(0.0, ge=0)
    schedule: Literal["cosine", "linear", "constant"] = "cosine"
    warmup_steps: int = Field(0, ge=0)
    max_grad_norm: float = Field(1.0, ge=0, description="0 disables clipping")
    seed: int = 0
    max_length: int | None = Field(
        None, ge=2, description="longest prompt+response; default: student context"
    )
    chunk_tokens: int = Field(
        128,
        ge=1,
        description="tokens per chunk of the vocabulary head + loss (128: no slower on CPU, ~100 MB less peak)",
    )
    val_prompts: int = Field(
        16,
        ge=0,
        description="prompts of the store kept out of training for the validation curve "
        "(at most a tenth of the store); 0 = no validation",
    )
    val_every: int = Field(0, ge=0, description="steps between validation passes; 0 = 8 passes over the run")
    length_group: int = Field(
        1,
        ge=1,
        description="batches per window sorted by length (less padding, same data; 1 = plain shuffle)",
    )
    checkpoint_every: int = Field(50, ge=0, description="0 = only the final student")
    keep_checkpoints: int = Field(2, ge=1)
    mixed_precision: Literal["auto", "no", "bf16"] = "auto"


class DistillConfig(_Strict):
    out: str = "runs/distill"
    teacher: TeacherSpecStr = "hf:default"
    store: str = Field(..., description="harvest store (SQLite) with the teacher's answers")
    harvest_key: str | dict[str, float] | None = Field(
        None,
        description="harvest config key; {key: weight, ...} trains on several teachers at once, each "
        "example's loss scaled by its teacher's weight; default: the store's only config",
    )
    method: Method = "kd"
    signal: Literal["online", "harvested"] = "online"
    student: StudentSettings = StudentSettings()
    loss: LossSettings = LossSettings()
    weights: Weights | None = None
    hidden: HiddenSettings = HiddenSettings()
    gkd: GkdSettings = GkdSettings()
    train: TrainSettings = TrainSettings()

    @model_validator(mode="after")
    def _fill(self) -> DistillConfig:
        if self.weights is None:
            self.weights = Weights(**DEFAULT_WEIGHTS[self.method])
        w = self.weights
        if w.kd + w.ce + w.hidden == 0:
            raise ValueError("all loss weights are zero")
        if self.method == "gkd" and self.signal != "online":
            raise ValueError("gkd scores student continuations, so it needs signal: online")
        if w.hidden and self.signal != "online":
            raise ValueError("hidden-state matching needs the teacher online (signal: online)")
        if self.loss.positions == "all" and self.signal != "online":
            raise ValueError(
                "loss.positions: all needs the teacher online (a harvest has answer positions only)"
            )
        if self.served and (w.hidden or self.student.init != "pretrained"):
            raise ValueError(
                "a served teacher (openai:URL) gives top-k logprobs only: no hidden-state matching, "
                "and the student must be student.init: pretrained (there are no teacher weights to prune)"
            )
        return self

    @property
    def served(self) -> bool:
        """The teacher runs in another process (`openai:URL`, scored over HTTP): its top-k per
        position are the kd targets, as with a harvested signal, but for the sequences trained on."""
        return TeacherSpec.parse(self.teacher).backend == "openai" and self.signal == "online"

    @property
    def needs_teacher(self) -> bool:
        """Whether the teacher model runs in the loop (online logits or hidden states)."""
        w = self.weights
        return (self.signal == "online" and (bool(w.kd) or bool(w.hidden))) or self.method == "gkd"

    @property
    def uses_logits(self) -> bool:
        """Whether a loss compares the two models' distributions (needs a shared vocabulary)."""
        return bool(self.weights.kd) or self.method == "gkd"

    @property
    def teacher_path(self) -> str:
        """The teacher's weights to load (`default` or a path): distillation needs an hf teacher."""
        return TeacherSpec.parse(self.teacher).model_path


def check_inputs(cfg: DistillConfig, resume: bool) -> None:
    """Store, teacher, student path and run folder, checked before torch loads (UserError on the first bad one)."""
    checks.existing_file(cfg.store, "harvest store")
    if not cfg.served:
        checks.hf_teacher(cfg.teacher)
    if cfg.student.init == "pretrained" and cfg.student.path:
        checks.model_path(cfg.student.path, "student.path")
    check_run_folder(cfg, resume)


def check_run_folder(cfg: DistillConfig, resume: bool) -> None:
    """`--resume` needs the run's own config.yaml; a fresh run must not overwrite a run's metrics."""
    from stillroom.config import load_config

    out = Path(cfg.out)
    if resume:
        if not (out / "config.yaml").is_file():
            raise UserError(
                f"nothing to resume in {out}: no run there (no config.yaml); drop --resume to start one"
            )
        saved = load_config(DistillConfig, out / "config.yaml")
        if saved.model_dump(exclude={"train": {"steps"}}) != cfg.model_dump(exclude={"train": {"steps"}}):
            raise UserError(f"the config differs from {out}/config.yaml; resume with the run's own config")
    elif (out / "metrics.jsonl").exists():
        raise UserError(f"{out} already holds a run: pass --resume to continue it or choose another --out")

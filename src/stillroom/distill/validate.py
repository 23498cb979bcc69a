"""The validation curve: held-out KL to the teacher and perplexity of its answers, every few steps.

A few prompts of the training store (`train.val_prompts`, at most a tenth of it, picked by the
seed) are kept out of training and never marked as used. Every `val_every` steps the student is
scored on the teacher's answers to them with `stillroom.fidelity` — the same function, and so the
same number, that `stillroom eval` reports. The teacher runs once, up front: only its final
hidden states at the answer positions (a few MB) and its head are kept, so a harvested-signal run
does not hold a second model in memory while it trains.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import torch

from stillroom.distill.config import DistillConfig
from stillroom.distill.data import Example
from stillroom.fidelity import Sample, TeacherTargets, fidelity, teacher_targets

PASSES = 8  # validation passes over a run when val_every is 0


def split_validation(examples: list[Example], wanted: int, seed: int) -> tuple[list[Example], list[Example]]:
    """(training, validation) examples: up to `wanted` prompts (at most a tenth), by a seeded hash of the id."""
    ids = sorted({e.prompt_id for e in examples})
    n = min(wanted, len(ids) // 10)
    order = sorted(ids, key=lambda i: hashlib.sha256(f"{seed}:{i}".encode()).hexdigest())
    held = set(order[:n])
    return [e for e in examples if e.prompt_id not in held], [e for e in examples if e.prompt_id in held]


def _sample(e: Example) -> Sample:
    p = e.prompt_len
    return Sample(e.prompt_id, "", "all", e.input_ids[:p], e.input_ids[p:], "")


@dataclass
class Validator:
    samples: list[Sample]
    targets: TeacherTargets
    every: int
    last: int

    def due(self, step: int) -> bool:
        return step % self.every == 0 or step == self.last

    def __call__(self, student) -> dict[str, float]:
        was_training = student.training
        student.eval()
        try:
            res = fidelity(self.targets, {"student": student}, self.samples)["student"]
        finally:
            student.train(was_training)
        return {"val_kl": res["kl"], "val_ppl": res["ppl"]}


def make_validator(
    cfg: DistillConfig, val: list[Example], teacher, load_teacher: Callable[[], torch.nn.Module]
) -> Validator | None:
    """A validator over `val`, or None without validation prompts; loads the teacher only if it is not online."""
    if not val:
        return None
    samples = [_sample(e) for e in val]
    model = teacher if teacher is not None else load_teacher()
    targets = teacher_targets(model, samples)  # the rest of a loaded teacher is freed on return
    steps = cfg.train.steps
    every = cfg.train.val_every or max(1, steps // PASSES)
    return Validator(samples, targets, every, steps)

"""Fidelity to the teacher on its own held-out answers: KL, perplexity and top-1 agreement per domain.

The one held-out KL in stillroom: `stillroom eval`, the distill run's validation curve and the arena
all call `fidelity`, so the number a training curve ends at is the number eval reports; it is a
shared layer (like `models`) because stages may not import each other. Every model reads
the same (prompt, teacher answer) token sequences, one at a time (no padding to get wrong); only
the answer positions count. The teacher runs once per sample (`teacher_targets`), keeping its
final hidden states at the answer positions, a few MB; the heads run over chunks of positions, so
peak memory holds `chunk x vocab` logits per model rather than `sequence x vocab` (the embedded
teacher's vocabulary is 49,152 wide).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import torch

from stillroom.errors import UserError
from stillroom.models import encode_prompt


def token_kl(teacher_logits: torch.Tensor, student_logits: torch.Tensor) -> torch.Tensor:
    """KL(p_teacher || p_student) per position, full vocabulary, in nats: [T, V] x [T, V] -> [T].

    KL(p||q) = sum_v p_v (log p_v - log q_v); computed in float32 from log-softmaxes so that
    tokens the student gives ~0 mass do not overflow.
    """
    lt = torch.log_softmax(teacher_logits.float(), dim=-1)
    ls = torch.log_softmax(student_logits.float(), dim=-1)
    return (lt.exp() * (lt - ls)).sum(-1).clamp_min(0.0)


def token_nll(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """-log q(target) per position: [T, V], [T] -> [T]; exp(mean) is the perplexity of the targets."""
    return -torch.log_softmax(logits.float(), dim=-1).gather(-1, targets[:, None]).squeeze(-1)


def top1_agree(teacher_logits: torch.Tensor, student_logits: torch.Tensor) -> torch.Tensor:
    """1.0 where teacher and student rank the same token first, else 0.0: [T]."""
    return (teacher_logits.argmax(-1) == student_logits.argmax(-1)).float()


@dataclass
class Sample:
    """One held-out prompt with the teacher's answer, as token ids in the shared vocabulary."""

    prompt_id: str
    prompt: list[dict[str, str]] | str
    domain: str
    prompt_ids: list[int]
    answer_ids: list[int]
    answer_text: str


@dataclass
class TeacherTargets:
    """The teacher's side of the comparison: its head and its hidden states at each sample's answer positions."""

    head: torch.nn.Module
    hidden: list[torch.Tensor]  # one [answer_len, H] per sample


def samples_from_store(
    store, key: str, tok, used: set[str] = frozenset(), limit: int | None = None
) -> list[Sample]:
    """The teacher's answers under harvest config `key` to prompts not in `used`, first sample each."""
    out: list[Sample] = []
    seen: set[str] = set()
    for rec in store.records(key=key):
        if rec.prompt_id in used or rec.prompt_id in seen or (limit is not None and len(out) >= limit):
            continue
        seen.add(rec.prompt_id)
        domain = (rec.cell or {}).get("domain") or "other"
        prompt_ids = encode_prompt(tok, rec.prompt)
        out.append(Sample(rec.prompt_id, rec.prompt, domain, prompt_ids, list(rec.token_ids), rec.text))
    return out


def answer_hidden(model, sample: Sample) -> torch.Tensor:
    """Final hidden states at the positions that predict the answer tokens: [R, H]."""
    ids = torch.tensor([sample.prompt_ids + sample.answer_ids], device=model.device)
    plain = model.get_base_model() if hasattr(model, "get_base_model") else model  # through a peft wrapper
    hidden = plain.base_model(input_ids=ids).last_hidden_state[0]
    p = len(sample.prompt_ids)
    return hidden[p - 1 : p - 1 + len(sample.answer_ids)]


@torch.inference_mode()
def teacher_targets(teacher, samples: list[Sample]) -> TeacherTargets:
    return TeacherTargets(teacher.get_output_embeddings(), [answer_hidden(teacher, s) for s in samples])


class _Sums:
    """Running sums of per-token KL, NLL and agreement, overall and per domain."""

    def __init__(self) -> None:
        self.by: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0])

    def add(self, domain: str, kl: torch.Tensor, nll: torch.Tensor, agree: torch.Tensor) -> None:
        for key in ("all", domain):
            s = self.by[key]
            s[0] += float(kl.sum())
            s[1] += float(nll.sum())
            s[2] += float(agree.sum())
            s[3] += kl.numel()

    @staticmethod
    def _means(s: list[float]) -> dict[str, float]:
        n = max(s[3], 1)
        return {"kl": s[0] / n, "ppl": math.exp(s[1] / n), "top1": s[2] / n, "tokens": int(s[3])}

    def result(self) -> dict:
        out = self._means(self.by["all"])
        out["per_domain"] = {d: self._means(s) for d, s in sorted(self.by.items()) if d != "all"}
        return out


def _check_vocab(head: torch.nn.Module, models: dict) -> None:
    want = head.weight.shape[0]
    for name, m in models.items():
        got = m.get_output_embeddings().weight.shape[0]
        if got != want:
            raise UserError(
                f"model {name!r} has a {got}-token vocabulary, the teacher {want}: KL needs the same one"
            )


@torch.inference_mode()
def fidelity(
    targets: TeacherTargets,
    models: dict,
    samples: list[Sample],
    chunk: int = 64,
    on_sample: Callable[[], None] | None = None,
) -> dict[str, dict]:
    """KL(teacher||model) in nats/token, perplexity of the teacher's answers and top-1 agreement, per model.

    Returns {name: {kl, ppl, top1, tokens, per_domain: {domain: {...}}}}.
    """
    _check_vocab(targets.head, models)
    sums = {name: _Sums() for name in models}
    for sample, th in zip(samples, targets.hidden, strict=True):
        if sample.answer_ids:
            _score_sample(targets.head, th, models, sample, sums, chunk)
        if on_sample:
            on_sample()
    return {name: s.result() for name, s in sums.items()}


def _score_sample(t_head, th, models: dict, sample: Sample, sums: dict, chunk: int) -> None:
    targets = torch.tensor(sample.answer_ids, device=th.device)
    for name, m in models.items():
        sh, s_head = answer_hidden(m, sample), m.get_output_embeddings()
        for c in range(0, len(targets), chunk):
            tl, sl = t_head(th[c : c + chunk]), s_head(sh[c : c + chunk]).to(th.device)
            sums[name].add(
                sample.domain, token_kl(tl, sl), token_nll(sl, targets[c : c + chunk]), top1_agree(tl, sl)
            )


def heldout_kl(student, teacher, samples: Iterable[Sample]) -> float:
    """Mean per-token KL(teacher||student) over the answers of `samples`: `fidelity`'s number, alone."""
    samples = list(samples)
    return fidelity(teacher_targets(teacher, samples), {"student": student}, samples)["student"]["kl"]

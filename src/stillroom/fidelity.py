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


def vocab_rows(model) -> list[int] | None:
    """A trimmed student's teacher id per own id (distill/vocab.py records them), else None."""
    return (getattr(model.config, "stillroom_vocab", None) or {}).get("teacher_ids")


def _check_vocab(head: torch.nn.Module, models: dict) -> None:
    want = head.weight.shape[0]
    for name, m in models.items():
        got = m.get_output_embeddings().weight.shape[0]
        rows = vocab_rows(m)
        if rows is not None and len(rows) == got and max(rows) < want:
            continue
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

    Returns {name: {kl, ppl, top1, tokens, per_domain: {domain: {...}}}}. A student with a trimmed
    vocabulary is compared over its own tokens: the teacher's distribution restricted to them and
    renormalised, each answer scored up to its first token the student cannot represent; its
    result adds `tokens_outside` (answer tokens not scored that way) and `teacher_mass_outside`
    (the teacher's mean probability on the dropped tokens at the scored positions).
    """
    _check_vocab(targets.head, models)
    sums = {name: _Sums() for name in models}
    # per trimmed model, built once: teacher id -> own id, the kept rows, [tokens cut, dropped mass]
    trims = {
        name: (
            {t: i for i, t in enumerate(rows)},
            torch.tensor(rows, device=targets.head.weight.device),
            [0, 0.0],
        )
        for name, m in models.items()
        if (rows := vocab_rows(m)) is not None
    }
    for sample, th in zip(samples, targets.hidden, strict=True):
        if sample.answer_ids:
            _score_sample(targets.head, th, models, sample, sums, chunk, trims)
        if on_sample:
            on_sample()
    out = {name: s.result() for name, s in sums.items()}
    for name, (_, _, (cut, mass)) in trims.items():
        out[name] |= {"tokens_outside": cut, "teacher_mass_outside": mass / max(out[name]["tokens"], 1)}
    return out


def _trimmed(sample: Sample, own: dict[int, int]) -> tuple[Sample | None, int]:
    """The sample in a trimmed student's ids (`own`: teacher id -> its id), its answer cut before
    the first token the student lacks; (None, n) when even the prompt has one. The int is how many
    answer tokens were cut."""
    if any(t not in own for t in sample.prompt_ids):
        return None, len(sample.answer_ids)
    n = next((j for j, t in enumerate(sample.answer_ids) if t not in own), len(sample.answer_ids))
    mapped = Sample(
        sample.prompt_id,
        sample.prompt,
        sample.domain,
        [own[t] for t in sample.prompt_ids],
        [own[t] for t in sample.answer_ids[:n]],
        sample.answer_text,
    )
    return (mapped if n else None), len(sample.answer_ids) - n


def _score_sample(t_head, th, models: dict, sample: Sample, sums: dict, chunk: int, trims: dict) -> None:
    for name, m in models.items():
        own, trim = sample, trims.get(name)
        if trim is not None:
            own, cut = _trimmed(sample, trim[0])
            trim[2][0] += cut
            if own is None:
                continue
        targets = torch.tensor(own.answer_ids, device=th.device)
        th_own = th[: len(targets)]
        sh, s_head = answer_hidden(m, own), m.get_output_embeddings()
        for c in range(0, len(targets), chunk):
            tl, sl = t_head(th_own[c : c + chunk]), s_head(sh[c : c + chunk]).to(th.device)
            if trim is not None:
                keep = trim[1]
                trim[2][1] += float((1 - torch.softmax(tl.float(), -1)[:, keep].sum(-1)).sum())
                tl = tl[:, keep]
            sums[name].add(
                sample.domain, token_kl(tl, sl), token_nll(sl, targets[c : c + chunk]), top1_agree(tl, sl)
            )


def heldout_kl(student, teacher, samples: Iterable[Sample]) -> float:
    """Mean per-token KL(teacher||student) over the answers of `samples`: `fidelity`'s number, alone."""
    samples = list(samples)
    return fidelity(teacher_targets(teacher, samples), {"student": student}, samples)["student"]["kl"]

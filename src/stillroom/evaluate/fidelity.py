"""Fidelity to the teacher on its own held-out answers: KL, perplexity and top-1 agreement per domain.

Every model reads the same (prompt, teacher answer) token sequences. Only the answer positions
count. The heads run over chunks of positions, so peak memory holds `chunk x vocab` logits per
model rather than `sequence x vocab`: the embedded teacher's vocabulary is 49,152 wide.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import torch

from stillroom.errors import UserError
from stillroom.evaluate.metrics import token_kl, token_nll, top1_agree


@dataclass
class Sample:
    """One held-out prompt with the teacher's answer, as token ids in the shared vocabulary."""

    prompt_id: str
    prompt: list[dict[str, str]] | str
    domain: str
    prompt_ids: list[int]
    answer_ids: list[int]
    answer_text: str


def answer_hidden(model, sample: Sample) -> torch.Tensor:
    """Final hidden states at the positions that predict the answer tokens: [R, H]."""
    ids = torch.tensor([sample.prompt_ids + sample.answer_ids], device=model.device)
    hidden = model.base_model(input_ids=ids).last_hidden_state[0]
    p = len(sample.prompt_ids)
    return hidden[p - 1 : p - 1 + len(sample.answer_ids)]


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


def _check_vocab(teacher, models: dict) -> None:
    want = teacher.get_output_embeddings().weight.shape[0]
    for name, m in models.items():
        got = m.get_output_embeddings().weight.shape[0]
        if got != want:
            raise UserError(
                f"model {name!r} has a {got}-token vocabulary, the teacher {want}: KL needs the same one"
            )


@torch.inference_mode()
def fidelity(
    teacher, models: dict, samples: list[Sample], chunk: int = 64, on_sample=None
) -> dict[str, dict]:
    """KL(teacher||model), perplexity of the teacher's answers and top-1 agreement for each model."""
    _check_vocab(teacher, models)
    sums = {name: _Sums() for name in models}
    t_head = teacher.get_output_embeddings()
    for sample in samples:
        if not sample.answer_ids:
            continue
        th = answer_hidden(teacher, sample)
        targets = torch.tensor(sample.answer_ids, device=th.device)
        for name, m in models.items():
            sh, s_head = answer_hidden(m, sample), m.get_output_embeddings()
            for c in range(0, len(targets), chunk):
                tl, sl = t_head(th[c : c + chunk]), s_head(sh[c : c + chunk]).to(th.device)
                sums[name].add(
                    sample.domain, token_kl(tl, sl), token_nll(sl, targets[c : c + chunk]), top1_agree(tl, sl)
                )
        if on_sample:
            on_sample()
    return {name: s.result() for name, s in sums.items()}

"""Build the proxy student `antidistill` requests use, once, when serve starts.

The proxy is a small student of the teacher: a configured folder (e.g. the operator's own
distilled student, the best stand-in for what a distiller would train) or, without one, a
deterministic evenly-spaced layer prune of the teacher (distill/student.py). Its downstream
objective is its loss on the teacher's greedy answers to a few checkable tasks, the same kind
of answers a distiller harvests; `Proxy.build` turns that into the `ads` perturbation.
"""

from __future__ import annotations

import logging
import time

from stillroom.distill.student import prune_layers
from stillroom.errors import UserError
from stillroom.evaluate.tasks import build_suite
from stillroom.models import encode_prompt, load_hf
from stillroom.serve.config import ProxyConfig
from stillroom.teachers.antidistill import Proxy
from stillroom.teachers.base import GenParams
from stillroom.teachers.hf import HFTeacher

log = logging.getLogger("stillroom.serve")


def build_proxy(teacher: HFTeacher, cfg: ProxyConfig) -> Proxy:
    t0 = time.perf_counter()
    if cfg.path:
        model = load_hf(cfg.path, device=str(teacher.device), dtype=teacher.model.dtype)[0]
    else:
        model = prune_layers(teacher.model, cfg.layers)[0]
    if model.config.vocab_size != teacher.model.config.vocab_size:
        raise UserError(
            f"proxy {cfg.path} has vocabulary {model.config.vocab_size}, the teacher "
            f"{teacher.model.config.vocab_size}: the proxy must be a student of this teacher"
        )
    suite = build_suite(per_kind=-(-cfg.tasks // 7), seed=0)  # 7 kinds; take every kind in turn
    prompts = [t.messages() for t in suite[:: max(1, len(suite) // cfg.tasks)][: cfg.tasks]]
    answers = teacher.generate(prompts, GenParams(max_new_tokens=cfg.answer_tokens))
    seqs = [
        (encode_prompt(teacher.tokenizer, p), c.token_ids)
        for p, c in zip(prompts, answers, strict=True)
        if c.token_ids
    ]
    proxy = Proxy.build(model, seqs, cfg.rel_eps)
    log.info(
        "antidistill proxy: %d layers, h=%.3g, Delta scale %.3g, built in %.1f s",
        model.config.num_hidden_layers,
        proxy.h,
        proxy.scale,
        time.perf_counter() - t0,
    )
    return proxy

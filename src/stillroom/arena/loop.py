"""The closed loop: distil students from what the arena's clients harvested, then measure them.

Three students from the same pruned init and budget: the distiller family's harvest with the
guard's countermeasures on, the same family with them off, and benign traffic. Each is scored for
fidelity to the teacher (KL on held-out prompts, `stillroom.fidelity`) and put through the
radioactivity test (`watermark.trace.trace_open`) on the answers the guard served watermarked.
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path
from typing import Any

from stillroom.arena.config import ArenaConfig
from stillroom.contracts.prompts import PromptRow
from stillroom.detector.traces import paraphrase
from stillroom.distill.config import DistillConfig
from stillroom.distill.student import prune_layers
from stillroom.distill.train import train
from stillroom.fidelity import Sample, fidelity, teacher_targets
from stillroom.harvest.store import HarvestStore
from stillroom.models import encode_prompt, load_hf
from stillroom.teachers.base import Completion, GenParams
from stillroom.teachers.hf import HFTeacher
from stillroom.watermark import scorer
from stillroom.watermark.trace import trace_open


def harvest_store(records: list[dict], path: Path, tok, eos_id: int) -> int:
    """Write answered requests into a harvest store, tokenised with the teacher's tokenizer."""
    store = HarvestStore(path)
    rows, items = [], []
    for r in records:
        if r["status"] != 200 or r["endpoint"] != "chat" or not r["texts"]:
            continue
        pid = hashlib.sha256(json.dumps([r["key"], r["ts"], r["prompt"]]).encode()).hexdigest()[:16]
        rows.append(PromptRow(id=pid, messages=r["messages"] or [{"role": "user", "content": r["prompt"]}]))
        for s, (text, finish) in enumerate(zip(r["texts"], r["finish"], strict=True)):
            ids = tok(text, add_special_tokens=False)["input_ids"] + ([eos_id] if finish == "stop" else [])
            if ids:
                items.append(
                    (
                        pid,
                        Completion(
                            text=text,
                            token_ids=ids,
                            finish_reason=finish or "length",
                            prompt_tokens=0,
                            sample=s,
                        ),
                        0.0,
                    )
                )
    store.add_prompts(rows)
    n = store.add_completions("arena", {"backend": "arena"}, {}, items)
    store.close()
    return n


def distil(cfg: ArenaConfig, store: Path, out: Path) -> Path:
    lc = cfg.loop
    dc = DistillConfig.model_validate(
        {
            "out": str(out),
            "teacher": cfg.teacher,
            "store": str(store),
            "method": lc.method,
            "signal": "harvested" if lc.method == "sft" else "online",
            "student": {"init": "prune", "layers": lc.student_layers},
            "train": {
                "steps": lc.steps,
                "batch_size": lc.batch_size,
                "lr": lc.lr,
                "max_length": lc.max_length,
                "checkpoint_every": 0,
                "seed": cfg.seed,
                "val_prompts": 0,  # every harvested answer trains; the arena measures fidelity itself
            },
        }
    )
    if (out / "student" / "config.json").is_file():
        return out  # done on an earlier run
    return train(dc)


def heldout(cfg: ArenaConfig, teacher, n: int) -> list:
    """Fresh prompts no client sent (a seed the trace generator never used), answered by the teacher."""
    rng = random.Random(10_000 + cfg.seed)
    prompts = [[{"role": "user", "content": paraphrase(rng)}] for _ in range(n)]
    outs = teacher.generate(prompts, GenParams(max_new_tokens=cfg.max_tokens_cap))
    return [
        Sample(
            prompt_id=str(i),
            prompt=p,
            domain="arena",
            prompt_ids=encode_prompt(teacher.tokenizer, p),
            answer_ids=c.token_ids,
            answer_text=c.text,
        )
        for i, (p, c) in enumerate(zip(prompts, outs, strict=True))
    ]


def measure(cfg: ArenaConfig, students: dict[str, Path], watermarked: list[list[int]]) -> dict[str, Any]:
    """Fidelity and radioactivity for each student, plus the pruned init as the floor."""
    teacher = HFTeacher(cfg.teacher_path)
    models = {name: load_hf(str(path / "student"))[0] for name, path in students.items()}
    models["pruned_init"] = prune_layers(load_hf(cfg.teacher_path)[0], cfg.loop.student_layers)[0]
    samples = heldout(cfg, teacher, cfg.loop.eval_prompts)
    fid = fidelity(teacher_targets(teacher.model, samples), models, samples)
    lists = scorer(cfg.watermark, teacher.model.config.vocab_size)  # KGW green lists or SynthID's table
    texts = watermarked[: cfg.loop.trace_texts]
    traced = {name: trace_open(m, texts, lists).to_dict() if texts else None for name, m in models.items()}
    return {"fidelity": fid, "trace": traced, "trace_texts": len(texts)}

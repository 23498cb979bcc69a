"""A real eval of real (tiny) distill runs, for the report's tests: the writer's eval.json, not a hand-built one.

Prompts include a 300-character unbroken token and a long sentence, so the report has text that
must wrap inside its column.
"""

from __future__ import annotations

from pathlib import Path

from stillroom.distill.config import DistillConfig
from stillroom.distill.train import train
from stillroom.evaluate.run import EvalConfig, evaluate
from stillroom.harvest.store import HarvestStore, config_key
from stillroom.teachers.base import GenParams
from stillroom.teachers.hf import HFTeacher

UNBROKEN = "x" * 300
LONG = "Explain, step by step and with an example for each step, " * 6


def _harvest(path: Path, teacher: HFTeacher, prompts: list[tuple[str, str, str]]) -> None:
    store = HarvestStore(path)
    store.add_prompts(
        [
            {
                "id": i,
                "messages": [{"role": "user", "content": c}],
                "cell": {"domain": d, "task": "t", "difficulty": "easy"},
            }
            for i, c, d in prompts
        ]
    )
    params = GenParams(max_new_tokens=10, top_logprobs=5)
    outs = teacher.generate([[{"role": "user", "content": c}] for _, c, _ in prompts], params)
    store.add_completions(
        config_key(teacher.info(), params.to_dict()),
        teacher.info(),
        params.to_dict(),
        [(p[0], c, 0.01) for p, c in zip(prompts, outs, strict=True)],
    )
    store.close()


def build_tiny_eval(root: Path, teacher_dir: Path, floor_dir: Path) -> Path:
    """Harvest, two 4-step distill runs (kd on the harvested top-k, sft) and an eval of them: the eval folder."""
    teacher = HFTeacher(str(teacher_dir))
    train_prompts = [(f"t{i}", f"Question {i}: what is {i} plus {2 * i}?", "mathematics") for i in range(20)]
    _harvest(root / "train.db", teacher, train_prompts)
    held = [
        ("h0", f"Repeat this token: {UNBROKEN}", "computer science"),
        ("h1", LONG, "history"),
        ("h2", "Name a colour.", "art"),
        ("h3", "What is 7 * 6?", "mathematics"),
    ]
    _harvest(root / "heldout.db", teacher, held)
    runs = {}
    for method, extra in (("kd", {"signal": "harvested"}), ("sft", {})):
        cfg = DistillConfig(
            out=str(root / "runs" / method),
            teacher=f"hf:{teacher_dir}",
            store=str(root / "train.db"),
            method=method,
            student={"init": "prune", "layers": 1},
            train={"steps": 4, "batch_size": 4, "lr": 3e-3, "checkpoint_every": 0, "val_every": 2},
            **extra,
        )
        runs[method] = str(train(cfg))
    evaluate(
        EvalConfig(
            teacher=f"hf:{teacher_dir}",
            store=str(root / "heldout.db"),
            models={"init": str(floor_dir), **runs},
            floor="init",
            out=str(root / "eval"),
            max_new_tokens=8,
            tasks_per_kind=2,
            task_max_new_tokens=8,
        )
    )
    return root / "eval"

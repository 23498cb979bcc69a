"""The CUDA path (skipped without a GPU; CI has none): what the first H200 run found broken.

Run on a GPU machine with `pytest tests/test_gpu.py`. Session 17 ran the same steps as a script on
an H200 (bench/results/student-gpu.txt): the hf teacher's decode kept its log-prob buffers on the
CPU (every CUDA harvest died at the first token), and bf16 autocast broke the chunked head loss.
"""

from __future__ import annotations

import json

import pytest
import torch

from stillroom.distill.config import DistillConfig
from stillroom.distill.train import train
from stillroom.harvest.run import HarvestConfig, run
from stillroom.teachers import TeacherConfig
from stillroom.teachers.base import GenParams
from stillroom.teachers.hf import HFTeacher
from stillroom.teachers.tiny import build_tiny

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return build_tiny(tmp_path_factory.mktemp("gpu_teacher"), seed=0, layers=4, hidden=64)


def test_hf_teacher_generates_on_cuda_with_logprobs(tiny):
    t = HFTeacher(str(tiny), device="cuda", batch_size=8)
    out = t.generate(
        [[{"role": "user", "content": f"q {i}"}] for i in range(5)],
        GenParams(max_new_tokens=6, top_logprobs=3),
    )
    assert len(out) == 5 and all(c.completion_tokens >= 1 for c in out)
    assert all(len(c.top_logprobs[0]) == 3 for c in out)


def test_harvest_and_bf16_distill_on_cuda(tiny, tmp_path):
    prompts = tmp_path / "p.jsonl"
    rows = [
        {"id": f"p{i}", "messages": [{"role": "user", "content": f"what is {i} plus {3 * i}?"}]}
        for i in range(64)
    ]
    prompts.write_text("".join(json.dumps(r) + "\n" for r in rows))
    store = tmp_path / "s.db"
    run(
        HarvestConfig(
            prompts=str(prompts),
            store=str(store),
            max_new_tokens=16,
            teacher=TeacherConfig(spec=f"hf:{tiny}", device="cuda"),
        )
    )
    cfg = DistillConfig.model_validate(
        {
            "out": str(tmp_path / "run"),
            "teacher": f"hf:{tiny}",
            "store": str(store),
            "student": {"layers": 4, "intermediate": 96, "vocab": 300},
            "weights": {"kd": 1.0, "hidden": 0.5},
            "hidden": {"kind": "cosine"},
            # several head chunks per batch under bf16 autocast: the case that raised
            "train": {
                "steps": 6,
                "batch_size": 16,
                "chunk_tokens": 64,
                "checkpoint_every": 0,
                "val_prompts": 8,
            },
        }
    )
    folder = train(cfg)
    last = json.loads((folder / "metrics.jsonl").read_text().splitlines()[-1])
    assert last["step"] == 6 and last["val_kl"] is not None
    assert (folder / "student" / "config.json").is_file()


def test_importance_pass_runs_on_cuda(tiny):
    """measure_importance accumulates where the model's activations are (the pruning path loads
    the teacher on the CPU today; a caller with a CUDA model must not fail)."""
    from stillroom.distill.prune import measure_importance
    from stillroom.models import load_hf

    model, _ = load_hf(str(tiny), device="cuda", dtype=torch.float32)
    imp = measure_importance(model, [list(range(1, 20)), (list(range(5, 30)), 4)])
    assert imp.tokens == 19 + 21 and imp.mlp.device.type == "cpu" and len(imp.block) == 4

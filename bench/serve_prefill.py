"""The floor under serve's time to first chunk: the teacher's own first token vs one decode step.

Run: `python bench/serve_prefill.py` (embedded teacher, torch's default threads as bench/serve.py's
server, ~1 min). In process, no HTTP
and no batching: `generate` of 1 token (encode + prefill + first sample) against the time each
further token adds (from `generate` of 33 tokens), medians of 5, for the prompt bench/serve.py
streams. Their ratio is what any server pays before its first chunk; bench/serve.py's ratio above
it is serve's own overhead (HTTP, the batch window, detokenizing).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

import torch

from stillroom.models import encode_prompt
from stillroom.teachers import GenParams, load_teacher

MESSAGES = [{"role": "user", "content": "Write a detailed paragraph about photosynthesis."}]


def median_s(teacher, tokens: int, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        teacher.generate([MESSAGES], GenParams(max_new_tokens=tokens))
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    spec = sys.argv[1] if len(sys.argv) > 1 else "hf:default"
    load0 = os.getloadavg()
    teacher = load_teacher(spec)
    teacher.generate([MESSAGES], GenParams(max_new_tokens=2))  # warm up
    first, longer = median_s(teacher, 1), median_s(teacher, 33)
    step = (longer - first) / 32
    lines = [
        "# serve's floor: the teacher's first token vs one decode step, in process (no HTTP, no batching)",
        f"command: python bench/serve_prefill.py {' '.join(sys.argv[1:])}".rstrip(),
        f"date: {time.strftime('%Y-%m-%d %H:%M:%S %Z')}; teacher {spec}; torch threads {torch.get_num_threads()}",
        f"load average at start: {load0[0]:.2f}; at end: {os.getloadavg()[0]:.2f}",
        f"prompt: {len(encode_prompt(teacher.tokenizer, MESSAGES))} tokens (chat template included)",
        f"first token (encode + prefill + sample): {first * 1000:.1f} ms; one decode step: {step * 1000:.1f} ms; "
        f"ratio {first / step:.2f}",
    ]
    out = Path(__file__).parent / "results" / "serve-prefill.txt"
    out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

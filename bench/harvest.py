"""Harvest speed on the embedded teacher: stillroom's batched hf backend vs a naive generate loop.

    .venv/bin/python bench/harvest.py [--prompts 32] [--new-tokens 64] [--batch-sizes 1,8,16,32]

Counts teacher tokens *collected* (completion tokens up to and including EOS) per second of wall
time, with top-20 logprobs on and off. The naive baseline is what one writes first: one prompt
at a time through `model.generate`, asking for scores and taking log-softmax + top-k of each
step. Both run in this process on the same prompts, so the ratio is fair even on a busy machine;
absolute numbers are not (the load average is recorded). Writes bench/results/harvest.txt.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

import torch

from stillroom.models import encode_prompt
from stillroom.teachers import GenParams
from stillroom.teachers.hf import HFTeacher

TOPICS = [
    "photosynthesis",
    "the Roman Empire",
    "binary search",
    "black holes",
    "the French Revolution",
    "compound interest",
    "how vaccines work",
    "plate tectonics",
    "sorting algorithms",
    "the water cycle",
    "supply and demand",
    "the immune system",
    "prime numbers",
    "climate change",
    "machine learning",
    "the printing press",
]
ASKS = ["Explain {} to a ten-year-old.", "Write three facts about {}."]


def prompts(n: int) -> list[list[dict[str, str]]]:
    texts = [a.format(t) for a in ASKS for t in TOPICS]
    return [[{"role": "user", "content": texts[i % len(texts)]}] for i in range(n)]


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = os.getloadavg()
    note = (
        " (other jobs shared the CPU: absolute numbers are low, ratios still compare like with like)"
        if load[0] > 1.5
        else ""
    )
    return (
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs, {mem:.0f} GiB RAM, torch {torch.__version__}, "
        f"{torch.get_num_threads()} threads, OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', 'unset')}\nload average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}{note}"
    )


@torch.inference_mode()
def naive(t: HFTeacher, ps: list, new_tokens: int, k: int) -> tuple[float, list[list[int]]]:
    """One prompt at a time through `model.generate`; top-k of log-softmax of each step's scores."""
    eos = t._eos
    tokens, outs, t0 = 0, [], time.perf_counter()
    for p in ps:
        ids = torch.tensor([encode_prompt(t.tokenizer, p)])
        r = t.model.generate(
            ids,
            attention_mask=torch.ones_like(ids),
            max_new_tokens=new_tokens,
            do_sample=False,
            output_scores=bool(k),
            return_dict_in_generate=True,
            eos_token_id=eos,
            pad_token_id=t.tokenizer.pad_token_id,
        )
        new = r.sequences[0, ids.shape[1] :].tolist()
        if k:
            _ = [torch.log_softmax(s.float(), -1).topk(k) for s in r.scores]
        end = next((i + 1 for i, x in enumerate(new) if x in eos), len(new))
        outs.append(new[:end])
        tokens += end
    return tokens / (time.perf_counter() - t0), outs


def batched(t: HFTeacher, ps: list, new_tokens: int, k: int, bs: int) -> tuple[float, list[list[int]]]:
    t.batch_size = bs
    t0 = time.perf_counter()
    out = t.generate(ps, GenParams(max_new_tokens=new_tokens, top_logprobs=k))
    dt = time.perf_counter() - t0
    return sum(c.completion_tokens for c in out) / dt, [c.token_ids for c in out]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--prompts", type=int, default=32)
    ap.add_argument("--naive-prompts", type=int, default=4)
    ap.add_argument("--new-tokens", type=int, default=64)
    ap.add_argument("--batch-sizes", default="1,8,16,32")
    ap.add_argument(
        "--threads",
        type=int,
        default=None,
        help="torch threads (default: torch's). On a busy machine 1 avoids OpenMP stalls",
    )
    ap.add_argument("--out", default=str(Path(__file__).parent / "results" / "harvest.txt"))
    a = ap.parse_args()
    if a.threads:
        torch.set_num_threads(a.threads)
    lines = [machine()]
    print(lines[0], flush=True)
    t = HFTeacher("default")
    t.generate(prompts(2), GenParams(max_new_tokens=4))  # warm-up
    ps = prompts(a.prompts)
    lines.append(
        f"teacher: hf:default (SmolLM2-135M-Instruct, fp32 CPU), {a.prompts} chat prompts, "
        f"max_new_tokens={a.new_tokens}, greedy; naive loop on the first {a.naive_prompts} prompts"
    )
    for k in (20, 0):
        base, ref = naive(t, ps[: a.naive_prompts], a.new_tokens, k)
        row = [f"top_logprobs={k:<2}  naive model.generate loop: {base:6.1f} tok/s"]
        print(row[0], flush=True)
        for bs in (int(x) for x in a.batch_sizes.split(",")):
            n = a.prompts if bs > 1 else min(a.prompts, 8)
            tps, got = batched(t, ps[:n], a.new_tokens, k, bs)
            same = sum(g == r for g, r in zip(got, ref, strict=False))
            row.append(
                f"  stillroom batch {bs:>3}: {tps:6.1f} tok/s  = {tps / base:5.1f}x naive"
                f"  (greedy tokens identical to naive on {same}/{len(ref)} shared prompts)"
            )
            print(row[-1], flush=True)
        lines += row
    lines.append(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text("\n".join(lines) + "\n")
    print(f"-> {a.out}")


if __name__ == "__main__":
    main()

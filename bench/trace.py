"""Radioactivity of the embedded teacher's watermarked answers: calibration (H0) and power (H1).

    .venv/bin/python bench/watermark.py ...        # first: writes the texts this script reads
    .venv/bin/python bench/trace.py --texts /tmp/stillroom_bench_watermark/texts_n24_t200.jsonl \
        --out bench/results/trace.txt
    .venv/bin/python bench/trace.py --texts ... --power-only --epochs 60 --out bench/results/trace_power.txt
    .venv/bin/python bench/trace.py --texts ... --power-only --control --epochs 60   # same budget, plain answers

Suspects, all read in open-model mode (`stillroom.watermark.trace.trace_open`) on the watermarked
answers (prompt + answer token ids):
- H0, the teacher itself (hf:default): never trained on watermarked text; real key;
- H0, a student trained on the *plain* answers: real key, and `--keys` random keys (KS test, QQ png);
- H1, a student trained on the *watermarked* answers: p-value against training tokens seen.

The students are tiny (2 layers, hidden 64, the teacher's tokenizer and 49152-token vocabulary,
random init) and trained by the MINIMAL SFT LOOP BELOW, not by `stillroom distill`: the shared
2-core machine (load average ~15 while this ran) could not afford the 6-layer prune of the teacher
in the time available. Loss is on answer tokens only, AdamW, constant lr.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from scipy.stats import kstest
from transformers import LlamaConfig, LlamaForCausalLM

from stillroom.teachers.hf import load_hf
from stillroom.watermark import WatermarkKey
from stillroom.watermark.detect import binomial_p, count_green
from stillroom.watermark.greenlist import GreenLists
from stillroom.watermark.trace import argmax_predictions, reading_tuples, trace_open

LINES: list[str] = []


def say(msg: str = "") -> None:
    print(msg, flush=True)
    LINES.append(msg)


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.platform()}, {os.cpu_count()} CPUs, {mem:.1f} GiB RAM, torch {torch.__version__}"


def tiny_student(vocab: int, seed: int) -> LlamaForCausalLM:
    torch.manual_seed(seed)
    cfg = LlamaConfig(
        vocab_size=vocab,
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=1024,
        tie_word_embeddings=True,
    )
    return LlamaForCausalLM(cfg)


def sft_batches(rows: list[dict], batch: int, rng: random.Random) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """One epoch of shuffled (input_ids, labels) batches; labels mask the prompt and the padding."""
    order = rows[:]
    rng.shuffle(order)
    out = []
    for start in range(0, len(order), batch):
        chunk = order[start : start + batch]
        width = max(len(r["prompt_ids"]) + len(r["token_ids"]) for r in chunk)
        ids = torch.zeros(len(chunk), width, dtype=torch.long)
        labels = torch.full_like(ids, -100)
        for i, r in enumerate(chunk):
            seq = r["prompt_ids"] + r["token_ids"]
            ids[i, : len(seq)] = torch.tensor(seq)
            labels[i, len(r["prompt_ids"]) : len(seq)] = torch.tensor(r["token_ids"])
        out.append((ids, labels))
    return out


def train_and_trace(
    rows: list[dict], read: list[list[int]], lists: GreenLists, args: argparse.Namespace, label: str
) -> LlamaForCausalLM:
    """SFT a tiny student on `rows`; after each epoch, trace it on `read` with the real key."""
    model = tiny_student(lists.vocab_size, args.seed)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr)
    rng = random.Random(args.seed)
    seen = 0
    start = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        model.train()
        for ids, labels in sft_batches(rows, args.batch, rng):
            loss = model(input_ids=ids, labels=labels).loss
            loss.backward()
            opt.step()
            opt.zero_grad()
            seen += int((labels != -100).sum())
        if epoch in args.trace_at or epoch == args.epochs:
            model.eval()
            res = trace_open(model, read, lists)
            say(
                f"{label}: epoch {epoch:3d}, {seen:7d} training tokens, loss {loss.item():.3f}: "
                f"p={res.p_value:.3g} ({res.num_green}/{res.num_scored} green, z={res.z_score:.2f}), "
                f"{time.perf_counter() - start:.0f} s so far"
            )
    return model.eval()


def random_key_pvalues(model, read: list[list[int]], vocab: int, keys: int, seed: int) -> list[float]:
    preds = argmax_predictions(model, read)
    tuples = list({t for text, p in zip(read, preds, strict=True) for t in reading_tuples(text, p, 2)})
    rng = random.Random(seed)
    out = []
    for _ in range(keys):
        g, n = count_green(
            tuples, GreenLists(WatermarkKey(gamma=0.25, secret=rng.randrange(1, 2**62)), vocab)
        )
        out.append(binomial_p(g, n, 0.25))
    return out


def qq_plot(series: dict[str, list[float]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4.5, 4.5))
    for name, pvals in series.items():
        p = np.sort(np.asarray(pvals))
        ax.plot((np.arange(1, len(p) + 1) - 0.5) / len(p), p, ".", ms=4, label=name)
    ax.plot([0, 1], [0, 1], "k--", lw=1)
    ax.set(xlabel="uniform quantile", ylabel="p-value quantile", title="trace under H0: random keys")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    say(f"QQ plot: {path}")


def calibrate(
    name: str,
    model,
    read: list[list[int]],
    vocab: int,
    args: argparse.Namespace,
    series: dict[str, list[float]],
) -> None:
    pv = random_key_pvalues(model, read, vocab, args.keys, args.seed + 11)
    ks = kstest(pv, "uniform")
    say(
        f"calibration {name}: {args.keys} random keys: KS stat {ks.statistic:.3f}, KS p {ks.pvalue:.3g}, "
        f"min p {min(pv):.3g}, fraction p<0.05 {np.mean(np.array(pv) < 0.05):.2f}"
    )
    series[name] = pv


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", required=True, help="texts JSONL written by bench/watermark.py")
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--trace-at", type=int, nargs="*", default=[1, 2, 5, 10, 20])
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--keys", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1, help="torch threads (1 is fastest on a shared CPU)")
    ap.add_argument(
        "--power-only", action="store_true", help="only the H1 student (no H0 suspects, no calibration)"
    )
    ap.add_argument(
        "--control", action="store_true", help="with --power-only: train on the plain answers instead"
    )
    ap.add_argument("--out", type=Path, default=Path("bench/results/trace.txt"))
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    load = os.getloadavg()
    say(f"# bench/trace.py  {time.strftime('%Y-%m-%d %H:%M:%S')}  argv: {' '.join(sys.argv[1:])}")
    say(
        f"machine: {machine()}; load average at start {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
        + ("  (other jobs shared the CPU)" if load[0] > 1.5 else "")
    )
    rows = [json.loads(x) for x in Path(args.texts).read_text().splitlines()]
    wm = [r for r in rows if r["kind"] == "wm"]
    plain = [r for r in rows if r["kind"] == "plain"]
    read = [r["prompt_ids"] + r["token_ids"] for r in wm]
    key = WatermarkKey(gamma=0.25, delta=2.0)  # the key bench/watermark.py generated with
    vocab = 49152
    lists = GreenLists(key, vocab)
    say(
        f"{len(wm)} watermarked + {len(plain)} plain answers, "
        f"{sum(len(r['token_ids']) for r in wm)} + {sum(len(r['token_ids']) for r in plain)} answer tokens"
    )
    series: dict[str, list[float]] = {}
    if not args.power_only:
        teacher, _ = load_hf("default", device="cpu")
        res = trace_open(teacher, read, lists)
        say(f"H0 teacher hf:default, real key: p={res.p_value:.3g} ({res.num_green}/{res.num_scored} green)")
        calibrate("teacher", teacher, read, vocab, args, series)
        del teacher
        student_plain = train_and_trace(plain, read, lists, args, "H0 student on plain answers")
        calibrate("student-plain", student_plain, read, vocab, args, series)
    if args.power_only and args.control:
        train_and_trace(plain, read, lists, args, "H0 control: student on plain answers, same budget")
        return finish(args)
    student_wm = train_and_trace(wm, read, lists, args, "H1 student on watermarked answers")
    if not args.power_only:
        calibrate("student-wm", student_wm, read, vocab, args, series)
        qq_plot(series, args.out.with_name(args.out.stem + "_qq.png"))
    finish(args)


def finish(args: argparse.Namespace) -> None:
    say(f"load average at end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(LINES) + "\n")


if __name__ == "__main__":
    main()

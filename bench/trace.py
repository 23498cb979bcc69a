"""Radioactivity through `stillroom distill`: calibration (H0) and power (H1) on the embedded teacher.

    .venv/bin/python bench/watermark.py --n 500 --out bench/results/watermark.txt   # first: the data
    .venv/bin/python bench/trace.py --work /tmp/stillroom_bench_watermark --out bench/results/trace.txt

bench/watermark.py leaves two harvest stores in --work: the teacher's answers to the same prompts
with the KGW watermark (simple_1, gamma 0.25, delta 2; top-20 logprobs taken after the bias, as the
guard's watermarking policy returns them) and without it. Every student here is the distill
default, the 6-layer prune of the embedded teacher, trained by `stillroom distill` (train(cfg)):
- H0: the pruned init, and an `sft` student on the *plain* answers: real key, plus --keys random
  keys each (KS test against U(0,1), QQ plot);
- H1: an `sft` and a `kd` (harvested top-20, forward KL) student on the *watermarked* answers,
  traced at every checkpoint: p-value against distillation tokens (plot), and --keys random keys
  on the final student (the test stays calibrated on a model that did see the watermark).
Trace is open-model mode (`trace_open`): the suspect's greedy next-token predictions over the
watermarked answers (prompt + answer, the setting where the owner knows which of its outputs were
harvested), each (context, token) tuple counted once, exact binomial tail against gamma.
CPU budgets are given in process CPU-seconds, which a shared machine disturbs far less than wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from scipy.stats import kstest

from _common import LINES, header, say
from stillroom.distill.config import DistillConfig, StudentSettings
from stillroom.distill.student import build_student
from stillroom.distill.train import train
from stillroom.watermark import WatermarkKey
from stillroom.watermark.detect import binomial_p, count_green
from stillroom.watermark.greenlist import GreenLists
from stillroom.watermark.trace import argmax_predictions, reading_tuples, trace_open

VOCAB = 49152
KEY = WatermarkKey(gamma=0.25, delta=2.0)  # the key bench/watermark.py generated with


def distill(name: str, store: Path, method: str, args: argparse.Namespace) -> Path:
    """One `stillroom distill` run (resumed if a previous bench run was cut off); returns its folder."""
    out = Path(args.work) / "trace-runs" / name
    extra = {"signal": "harvested", "loss": {"kind": "fkl"}} if method == "kd" else {}
    cfg = DistillConfig(
        out=str(out),
        teacher="hf:default",
        store=str(store),
        method=method,
        student={"init": "prune", "layers": 6},
        train={
            "steps": args.steps,
            "batch_size": args.batch,
            "lr": args.lr,
            "schedule": "cosine",
            "warmup_steps": args.warmup,
            "checkpoint_every": args.every,
            "keep_checkpoints": 1000,
        },
        **extra,
    )
    if (out / "summary.json").is_file():
        return out
    c0 = time.process_time()
    train(cfg, resume=(out / "metrics.jsonl").is_file())
    say(f"distill {name}: {args.steps} steps of batch {args.batch} in {time.process_time() - c0:.0f} CPU-s")
    return out


def subset_store(src: Path, dst: Path, n: int) -> Path:
    """The first `n` prompts of a store and their answers (logprobs kept), as a store of their own."""
    from stillroom.harvest.store import HarvestStore
    from stillroom.teachers import Completion

    if dst.is_file():
        return dst
    store = HarvestStore(src)
    cfg = store.configs()[0]
    keep = [pid for pid, _, _ in store.prompts()][:n]
    out = HarvestStore(dst.with_suffix(".tmp"))
    out.add_prompts([{"id": pid, "messages": prompt} for pid, prompt, _ in store.prompts(keep)])
    items = [
        (
            r.prompt_id,
            Completion(
                text=r.text,
                token_ids=r.token_ids,
                finish_reason=r.finish_reason,
                prompt_tokens=0,
                sample=r.sample,
                logprobs=None if r.logprobs is None else r.logprobs.tolist(),
                top_ids=None if r.top_ids is None else r.top_ids.tolist(),
                top_logprobs=None if r.top_logprobs is None else r.top_logprobs.tolist(),
            ),
            0.0,
        )
        for r in store.records(prompt_ids=keep)
    ]
    out.add_completions(cfg["config_key"], cfg["teacher"], cfg["params"], items)
    out.close()
    dst.with_suffix(".tmp").rename(dst)
    return dst


def checkpoints(run: Path) -> list[tuple[int, int, Path]]:
    """(step, training tokens so far, weights file) for every checkpoint of a run."""
    out = []
    for pos in sorted(run.glob("checkpoints/step-*/position.json")):
        p = json.loads(pos.read_text())
        out.append((p["step"], p["tokens"], pos.parent / "pytorch_model.bin"))
    return out


def student_at(weights: Path):
    """The pruned student with a checkpoint's weights (accelerate saved the Distiller: `student.` prefix)."""
    model, _, _ = build_student(StudentSettings(init="prune", layers=6, select="even"), "default")
    state = torch.load(weights, map_location="cpu", weights_only=True)
    model.load_state_dict(
        {k.removeprefix("student."): v for k, v in state.items() if k.startswith("student.")}
    )
    return model.eval()


def random_key_pvalues(model, read: list[list[int]], keys: int, seed: int) -> list[float]:
    preds = argmax_predictions(model, read)
    tuples = list({t for text, p in zip(read, preds, strict=True) for t in reading_tuples(text, p, 2)})
    rng = random.Random(seed)
    out = []
    for _ in range(keys):
        g, n = count_green(
            tuples, GreenLists(WatermarkKey(gamma=0.25, secret=rng.randrange(1, 2**62)), VOCAB)
        )
        out.append(binomial_p(g, n, 0.25))
    return out


def calibrate(name: str, model, read, args, series: dict[str, list[float]]) -> None:
    c0 = time.process_time()
    pv = random_key_pvalues(model, read[: args.calib_texts], args.keys, args.seed + 11)
    ks = kstest(pv, "uniform")
    say(
        f"calibration {name}: {args.keys} random keys on {min(len(read), args.calib_texts)} texts: "
        f"KS stat {ks.statistic:.3f}, KS p {ks.pvalue:.3g}, min p {min(pv):.3g}, "
        f"fraction p<0.05 {np.mean(np.array(pv) < 0.05):.2f}, p<0.01 {np.mean(np.array(pv) < 0.01):.2f} "
        f"[{time.process_time() - c0:.0f} CPU-s]"
    )
    series[name] = pv


def trace(label: str, model, read, lists: GreenLists) -> float:
    res = trace_open(model, read, lists)
    say(f"{label}: p={res.p_value:.3g} ({res.num_green}/{res.num_scored} tuples green, z={res.z_score:.2f})")
    return res.p_value


def power_curve(name: str, run: Path, read, lists: GreenLists, curves: dict) -> object:
    """Trace every checkpoint of `run`; returns the last student."""
    model = None
    for step, tokens, weights in checkpoints(run):
        model = student_at(weights)
        p = trace(
            f"H1 {name}: step {step:4d}, {tokens:7d} training tokens (prompt + answer)", model, read, lists
        )
        curves.setdefault(name, []).append((tokens, p))
    return model


def plots(series: dict[str, list[float]], curves: dict[str, list[tuple[int, float]]], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 4))
    for name, pv in series.items():
        p = np.sort(np.asarray(pv))
        u = (np.arange(1, len(p) + 1) - 0.5) / len(p)
        ax.plot(u, p, ".", ms=3, label=name)
    ax.plot([0, 1], [0, 1], "k--", lw=1)
    ax.set(xlabel="uniform quantile", ylabel="p-value quantile", title="trace under H0: random keys")
    ax.legend(fontsize=7)
    fig.tight_layout()
    qq = out.with_name(out.stem + "_qq.png")
    fig.savefig(qq, dpi=120)
    fig, ax = plt.subplots(figsize=(5, 3.5))
    for name, pts in curves.items():
        ax.semilogy([t for t, _ in pts], [max(p, 1e-300) for _, p in pts], "o-", ms=3, label=name)
    ax.axhline(1e-6, color="k", ls="--", lw=1, label="p = 1e-6")
    ax.set(
        xlabel="training tokens (prompt + answer)",
        ylabel="trace p-value",
        title="radioactivity vs distillation tokens",
    )
    ax.legend(fontsize=7)
    fig.tight_layout()
    pw = out.with_name(out.stem + "_power.png")
    fig.savefig(pw, dpi=120)
    say(f"QQ plot: {qq}; power plot: {pw}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default="/tmp/stillroom_bench_watermark", help="bench/watermark.py's --work")
    ap.add_argument("--steps", type=int, default=96)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--every", type=int, default=12, help="checkpoint (and trace) every this many steps")
    ap.add_argument("--read", type=int, default=500, help="watermarked answers read by each trace")
    ap.add_argument(
        "--train-texts",
        type=int,
        default=None,
        help="train on the first N answers only (default: all); read those",
    )
    ap.add_argument(
        "--skip-h0", action="store_true", help="only the H1 students (H0 lines from an earlier run)"
    )
    ap.add_argument("--h0-only", action="store_true", help="only the H0 suspects (the same training budget)")
    ap.add_argument("--warmup", type=int, default=4)
    ap.add_argument("--keys", type=int, default=100)
    ap.add_argument("--calib-texts", type=int, default=100, help="answers read under each random key")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", type=Path, default=Path("bench/results/trace.txt"))
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    header("bench/trace.py")
    work = Path(args.work)
    wm_store, plain_store = work / "wm.sqlite", work / "plain.sqlite"
    if not (wm_store.is_file() and plain_store.is_file()):
        sys.exit(f"{work} has no wm.sqlite/plain.sqlite: run bench/watermark.py --work {work} first")
    if args.train_texts:
        n = args.train_texts
        wm_store = subset_store(wm_store, work / f"wm-{n}.sqlite", n)
        plain_store = subset_store(plain_store, work / f"plain-{n}.sqlite", n)
        args.read = min(args.read, n)
    texts = next(work.glob("texts_n*_t*.jsonl"))
    wm = [json.loads(x) for x in texts.read_text().splitlines()]
    wm = [r for r in wm if r["kind"] == "wm"][: args.read]
    read = [r["prompt_ids"] + r["token_ids"] for r in wm]
    lists = GreenLists(KEY, VOCAB)
    say(f"reading set: {len(read)} watermarked answers ({sum(map(len, read))} tokens) from {texts}")
    say(f"students: 6-layer prune, batch {args.batch}, lr {args.lr} cosine, {args.steps} steps, fp32 CPU")
    series: dict[str, list[float]] = {}
    curves: dict[str, list[tuple[int, float]]] = {}

    tag = f"-{args.train_texts}-lr{args.lr:g}-s{args.steps}" if args.train_texts else ""
    say(
        f"training set: {'the first ' + str(args.train_texts) if args.train_texts else 'all'} answers of each store"
    )
    if not args.skip_h0:
        h0(read, lists, args, series, plain_store, tag)
    for name, method in () if args.h0_only else (("kd", "kd"), ("sft", "sft")):
        run = distill(f"{name}-wm{tag}", wm_store, method, args)
        last = power_curve(f"{name} on watermarked", run, read, lists, curves)
        calibrate(f"{name} on watermarked", last, read, args, series)
        hit = next((t for t, p in curves[f"{name} on watermarked"] if p < 1e-6), None)
        say(
            f"=> {name}: p < 1e-6 "
            + (f"first after {hit} training tokens" if hit else "NOT reached within the budget")
        )
    plots(series, curves, args.out)
    say(f"load average at end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(LINES) + "\n")


def h0(read, lists: GreenLists, args, series: dict, plain_store: Path, tag: str) -> None:
    """Suspects that never saw the watermark: the pruned init, and sft on the plain answers."""
    init, _, _ = build_student(StudentSettings(init="prune", layers=6, select="even"), "default")
    trace("H0 pruned init, real key", init.eval(), read, lists)
    calibrate("pruned init", init, read, args, series)
    del init
    plain_run = distill(f"sft-plain{tag}", plain_store, "sft", args)
    plain = student_at(checkpoints(plain_run)[-1][2])
    trace("H0 sft student on plain answers, real key", plain, read, lists)
    calibrate("sft on plain", plain, read, args, series)


if __name__ == "__main__":
    main()

"""SynthID-Text beside KGW on the embedded teacher: calibration, TPR at FPR 1e-3, quality cost, speed.

    heavy env PYTHONPATH=src /work/main/.venv/bin/python bench/synthid.py --n 150 --tokens 128

1. generate --n answers (temperature 0.7, template prompts as bench/watermark.py) plain, with KGW
   (simple_1, gamma 0.25, each --kgw-delta) and with SynthID (depth 30, top 1024 candidates);
   answers are cached in --work, so a rerun with the same arguments skips generation;
2. quality: perplexity of every answer under the *unwatermarked* teacher;
3. detection: TPR at p < 1e-3 (the exact nulls: binomial for KGW and SynthID's mean score, the
   saddlepoint tail for SynthID's weighted mean), FPR at the same threshold on the plain answers;
4. calibration of the SynthID detector: (plain answers + human texts from ../shared/traffic) x
   random keys (>= --trials trials); fraction of p below 0.05 / 0.01 / 0.001, KS p, var(z);
5. independence of the g-values across tournament layers on the same texts: the largest
   correlation between two layers and the variance of an n-gram's g-sum over layers against
   depth * p0 * (1 - p0) (1 if the layers are independent).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import torch

from _common import LINES, header, say
from calib_data import human_texts, traffic_rows
from stillroom.models import encode_prompt
from stillroom.teachers import GenParams
from stillroom.teachers.hf import HFTeacher
from stillroom.watermark import WatermarkKey
from stillroom.watermark.calibration import by_source, detect_trials, random_keys, summarize
from stillroom.watermark.detect import detect_ids
from stillroom.watermark.greenlist import GreenLists
from stillroom.watermark.synthid import detect_ids as synthid_detect
from stillroom.watermark.synthid import synthid_of, weighted_p
from watermark import prompts, rate, step_quality

ALPHA = 1e-3
SECRET = 20261202  # the owner's key in this benchmark (both schemes)


def settings(args: argparse.Namespace) -> dict[str, WatermarkKey | None]:
    out: dict[str, WatermarkKey | None] = {"plain": None}
    for d in args.kgw_delta:
        out[f"kgw-d{d:g}"] = WatermarkKey(scheme="simple_1", gamma=0.25, delta=d, secret=SECRET)
    out["synthid"] = WatermarkKey(scheme="synthid", depth=args.depth, top_k=args.top_k, secret=SECRET)
    return out


def generate(teacher: HFTeacher, name: str, key: WatermarkKey | None, args) -> list[dict]:
    path = args.work / f"{name}-{args.n}-{args.tokens}.jsonl"
    for cached in sorted(
        args.work.glob(f"{name}-*-{args.tokens}.jsonl")
    ):  # prompts(n) is a prefix of prompts(m > n)
        rows = [json.loads(x) for x in cached.read_text().splitlines()]
        if len(rows) >= args.n:
            say(f"generate {name:9s}: {args.n} texts cached in {cached}")
            return rows[: args.n]
    asks = prompts(args.n, args.seed)
    params = GenParams(
        max_new_tokens=args.tokens,
        temperature=args.temperature,
        seed=args.seed,
        watermark=key.model_dump() if key else None,
    )
    start = time.perf_counter()
    comps = teacher.generate(asks, params)
    secs = time.perf_counter() - start
    toks = sum(len(c.token_ids) for c in comps)
    say(f"generate {name:9s}: {len(comps)} texts, {toks} tokens in {secs:.1f} s = {toks / secs:.1f} tok/s")
    rows = [
        {
            "id": f"{name}{i}",
            "kind": name,
            "prompt_ids": encode_prompt(teacher.tokenizer, a),
            "token_ids": c.token_ids,
        }
        for i, (a, c) in enumerate(zip(asks, comps, strict=True))
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return rows


def detectors(key: WatermarkKey, vocab: int) -> dict[str, object]:
    """name -> ids -> p-value, for the detectors of this key's scheme."""
    if key.scheme == "synthid":
        sid = synthid_of(key)
        return {
            "synthid mean": lambda ids: synthid_detect(ids, sid).p_value,
            "synthid weighted": lambda ids: weighted_p(ids, sid)[1],
        }
    lists = GreenLists(key, vocab)
    return {f"kgw delta={key.delta:g}": lambda ids: detect_ids(ids, lists).p_value}


def step_detect(sets: dict[str, list[dict]], keys: dict[str, WatermarkKey | None], vocab: int) -> None:
    plain = sets["plain"]
    for name, key in keys.items():
        if key is None:
            continue
        ppl = np.array([r.get("ppl", np.nan) for r in sets[name]])
        for det, pval in detectors(key, vocab).items():
            tp = [pval(r["token_ids"]) < ALPHA for r in sets[name]]
            fp = [pval(r["token_ids"]) < ALPHA for r in plain]
            say(
                f"{det:18s} on {name:9s} answers: TPR at p<{ALPHA:g} {rate(tp)}; FPR on plain {rate(fp)}; "
                f"perplexity under the plain teacher median {np.median(ppl):.2f} mean {ppl.mean():.2f}"
            )
    ppl = np.array([r.get("ppl", np.nan) for r in plain])
    say(f"plain answers: perplexity median {np.median(ppl):.2f} mean {ppl.mean():.2f}")
    for name, rows in sets.items():
        say(f"  {name:9s}: {np.mean([len(r['token_ids']) for r in rows]):.1f} tokens/answer")


def step_calibration(texts: dict[str, list[list[int]]], vocab: int, args) -> None:
    flat = [t for ts in texts.values() for t in ts]
    keys = random_keys("synthid", -(-args.trials // len(flat)), seed=args.seed + 7, depth=args.depth)
    c0 = time.process_time()
    per_key = [detect_trials(flat, [k], vocab) for k in keys]
    cpu = time.process_time() - c0
    say(
        f"calibration synthid mean score, all ({len(flat)} texts x {len(keys)} random keys): "
        f"{summarize([t for p in per_key for t in p], 0.5).line()} [{cpu:.0f} CPU-s]"
    )
    for name, part in by_source(per_key, texts).items():
        say(f"calibration synthid mean score   {name}: {summarize(part, 0.5).line()}")
    nodedup = [t for k in keys[:3] for t in detect_trials(flat, [k], vocab, dedup=False)]
    say(f"calibration synthid without de-dup (3 keys; normal tail of z): {summarize(nodedup, 0.5).line()}")
    weighted = [weighted_p(t, synthid_of(k))[1] for k in keys[:4] for t in flat]
    w = np.array(weighted)
    say(
        f"calibration synthid weighted mean (4 keys, {len(w)} trials): p<0.05 {np.mean(w < 0.05):.4%}, "
        f"p<0.01 {np.mean(w < 0.01):.4%}, p<0.001 {np.mean(w < 0.001):.4%}"
    )


def step_layers(texts: list[list[int]], args) -> None:
    """Correlation of g-values between layers over the distinct n-grams of the texts, per random key."""
    for key in random_keys("synthid", args.layer_keys, seed=args.seed + 11, depth=args.depth):
        sid = synthid_of(key)
        rows: dict[tuple[int, ...], np.ndarray] = {}  # distinct n-grams: a repeated one is not new evidence
        for t in texts:
            gv = sid.g_values(t)
            for j, gram in enumerate(zip(*(t[i:] for i in range(sid.ngram)), strict=False)):
                rows.setdefault(gram, gv[j])
        g = np.stack(list(rows.values()))
        corr = np.corrcoef(g.T.astype(float))
        off = corr[~np.eye(sid.depth, dtype=bool)]
        ratio = g.sum(1).var() / (sid.depth * sid.p0 * (1 - sid.p0))
        chi = float((len(g) * off**2).mean())  # ~1 when the layers are independent (n r^2 ~ chi2(1))
        say(
            f"layers: {len(g)} n-grams x {sid.depth} layers, p0 {sid.p0:.4f}, mean g {g.mean():.4f}; "
            f"inter-layer corr max |r| {np.abs(off).max():.4f} (2/sqrt(n) = {2 / np.sqrt(len(g)):.4f}), "
            f"mean r {off.mean():+.5f}, mean n r^2 {chi:.3f} (1 if independent; a finite table adds "
            f"n/65536 = {len(g) / 65536:.2f}); "
            f"var(g-sum over layers) / independent {ratio:.3f}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=150)
    ap.add_argument("--tokens", type=int, default=128)
    ap.add_argument("--temperature", type=float, default=0.7)
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--kgw-delta", type=float, nargs="+", default=[2.0])
    ap.add_argument("--depth", type=int, default=30)
    ap.add_argument("--top-k", type=int, default=1024)
    ap.add_argument("--human", type=int, default=400, help="human/other-model texts for calibration")
    ap.add_argument("--trials", type=int, default=10000)
    ap.add_argument("--layer-keys", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--skip-quality", action="store_true", help="no perplexities (a rerun of the detectors)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/stillroom_synthid"))
    ap.add_argument("--out", type=Path, default=Path("bench/results/synthid.txt"))
    args = ap.parse_args()
    torch.set_num_threads(1)
    args.work.mkdir(parents=True, exist_ok=True)
    header("bench/synthid.py")
    teacher = HFTeacher("default", device="cpu", batch_size=args.batch)
    vocab = teacher.model.config.vocab_size
    keys = settings(args)
    say("keys: " + "; ".join(f"{n}: {k.public() if k else None}" for n, k in keys.items()))
    sets = {name: generate(teacher, name, key, args) for name, key in keys.items()}
    if not args.skip_quality:
        for rows in sets.values():
            step_quality(teacher, rows)
    step_detect(sets, keys, vocab)
    human = [
        r["token_ids"] for r in human_texts(traffic_rows(args.seed)[::-1], teacher.tokenizer, args.human)
    ]
    texts = {"plain": [r["token_ids"] for r in sets["plain"]], "human": human}
    step_layers(texts["plain"] + human, args)
    step_calibration(texts, vocab, args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(LINES) + "\n")


if __name__ == "__main__":
    main()

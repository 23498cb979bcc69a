"""KGW on the embedded teacher: TPR/FPR, quality cost, generation overhead, detection speed vs MarkLLM.

    .venv/bin/python bench/watermark.py --n 500 --out bench/results/watermark.txt   # the issue's size
    .venv/bin/python bench/watermark.py --n 48 --out bench/results/watermark_small.txt   # ~10 min, 2 cores

Steps, in order (generated texts are kept in --work so a rerun with --skip-generate reuses them):
1. generate n watermarked and n plain answers (200 new tokens, gamma=0.25, delta=2, simple_1) to
   template prompts from the default taxonomy (10 domains x 13 tasks x 3 levels, shuffled);
2. quality: perplexity of each answer and mean next-token entropy under the *unwatermarked* teacher;
3. detection: z per text; TPR at z=4 (all, and texts with enough entropy), FPR on plain texts;
4. calibration: p-values of the plain texts under 100 random keys (uniform under H0: KS test, QQ png);
5. speed: our detector (cold and warm green-list cache) vs MarkLLM's KGW detector and the reference
   lm-watermarking detector on the same token ids; z-scores must agree to 1e-6;
6. overhead: generation tokens/s with vs without the watermark (simple_1, and selfhash on a batch);
7. task cost: the eval suite's checkable tasks (greedy) with and without the watermark.

Generation also keeps the top-20 logprobs and writes both sets as harvest stores (--work/wm.sqlite,
--work/plain.sqlite) that bench/trace.py distills students from.

MarkLLM's KGW seeds its LeftHash list with `(hash_key * prf[prev]) % V` (prf: a permutation drawn
from hash_key), not lm-watermarking's `hash_key * prev`, so its own lists differ from the reference.
For "matching settings" we swap in the reference seeding *inside MarkLLM's own loop* (same per-token
manual_seed + randperm cost as its native scheme) and compare z-scores without de-duplication,
which is how MarkLLM scores. Its native scheme is timed too.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
from scipy.stats import binom, kstest

from _common import LINES, header, say
from stillroom.models import encode_prompt
from stillroom.queries.expand import expand_templates
from stillroom.queries.taxonomy import load_taxonomy
from stillroom.teachers import GenParams
from stillroom.teachers.hf import HFTeacher
from stillroom.watermark import WatermarkKey
from stillroom.watermark import greenlist as gl
from stillroom.watermark.detect import detect_ids
from stillroom.watermark.greenlist import GreenLists


def prompts(n: int, seed: int = 0) -> list[list[dict[str, str]]]:
    rows = expand_templates(load_taxonomy(), per_cell=max(1, math.ceil(n / 390)), seed=seed)
    random.Random(seed).shuffle(rows)
    return [[{"role": "user", "content": r.text}] for r in rows[:n]]


def params_of(key: WatermarkKey | None, args: argparse.Namespace) -> GenParams:
    return GenParams(
        max_new_tokens=args.tokens,
        temperature=args.temperature,
        seed=args.seed,
        top_logprobs=args.top_logprobs,
        watermark=key.model_dump() if key else None,
    )


def generate(
    teacher: HFTeacher, asks: list, key: WatermarkKey | None, args: argparse.Namespace
) -> tuple[list, float]:
    params = params_of(key, args)
    start = time.perf_counter()
    comps = teacher.generate(asks, params)
    return comps, time.perf_counter() - start


def step_generate(teacher: HFTeacher, key: WatermarkKey, args: argparse.Namespace) -> list[dict]:
    asks = prompts(args.n, args.seed)
    rows = []
    for kind, k in (("plain", None), ("wm", key)):
        comps, secs = generate(teacher, asks, k, args)
        toks = sum(len(c.token_ids) for c in comps)
        say(
            f"generate {kind:5s}: {len(comps)} texts, {toks} tokens in {secs:.1f} s = {toks / secs:.1f} tok/s "
            f"(batch {teacher.batch_size})"
        )
        write_store(Path(args.work) / f"{kind}.sqlite", teacher, asks, comps, params_of(k, args))
        rows += [
            {
                "id": f"{kind}{i}",
                "kind": kind,
                "prompt_ids": encode_prompt(teacher.tokenizer, a),
                "token_ids": c.token_ids,
                "finish": c.finish_reason,
            }
            for i, (a, c) in enumerate(zip(asks, comps, strict=True))
        ]
    return rows


def write_store(path: Path, teacher: HFTeacher, asks: list, comps: list, params: GenParams) -> None:
    """The answers as a harvest store (prompt ids p0..), for `stillroom distill` in bench/trace.py."""
    from stillroom.harvest.store import HarvestStore, config_key

    path.unlink(missing_ok=True)
    store = HarvestStore(path)
    store.add_prompts([{"id": f"p{i}", "messages": a} for i, a in enumerate(asks)])
    info, pd = teacher.info(), params.to_dict()
    store.add_completions(config_key(info, pd), info, pd, [(f"p{c.prompt_index}", c, 0.0) for c in comps])
    store.close()


def step_tasks(teacher: HFTeacher, key: WatermarkKey, args: argparse.Namespace) -> None:
    """Checkable-task accuracy (eval suite, greedy) of the teacher without and with the watermark."""
    from stillroom.evaluate import tasks
    from stillroom.evaluate.run import capability

    suite = tasks.build_suite(per_kind=args.tasks_per_kind, seed=args.seed)
    for name, wm in (("plain", None), ("watermarked", key.model_dump())):
        start = time.perf_counter()
        cap = capability(teacher, suite, 64, watermark=wm)
        per = ", ".join(f"{d} {v:.2f}" for d, v in cap["per_domain"].items())
        say(
            f"tasks {name:11s}: {len(suite)} checkable tasks, accuracy {cap['score']:.3f} ({per}) "
            f"[{time.perf_counter() - start:.0f} s]"
        )


@torch.inference_mode()
def step_quality(teacher: HFTeacher, rows: list[dict], batch: int = 8) -> None:
    """Per answer: perplexity and mean entropy of the unwatermarked teacher's next-token distribution."""
    model = teacher.model
    for start in range(0, len(rows), batch):
        chunk = rows[start : start + batch]
        seqs = [r["prompt_ids"] + r["token_ids"] for r in chunk]
        width = max(map(len, seqs))
        ids = torch.zeros(len(seqs), width, dtype=torch.long)
        att = torch.zeros_like(ids)
        for i, s in enumerate(seqs):
            ids[i, : len(s)], att[i, : len(s)] = torch.tensor(s), 1
        logp = torch.log_softmax(model(input_ids=ids, attention_mask=att).logits.float(), -1)
        for i, r in enumerate(chunk):
            p, n = len(r["prompt_ids"]), len(r["token_ids"])
            lp = logp[i, p - 1 : p + n - 1]
            nll = -lp.gather(1, torch.tensor(r["token_ids"])[:, None]).squeeze(1)
            r["ppl"] = float(nll.mean().exp())
            r["entropy"] = float(-(lp.exp() * lp).sum(-1).mean())


def rate(flags: list[bool]) -> str:
    return f"{sum(flags)}/{len(flags)} = {sum(flags) / len(flags):.4f}" if flags else "n/a (0 texts)"


def step_detect(rows: list[dict], lists: GreenLists, args: argparse.Namespace) -> None:
    for r in rows:
        r["det"] = detect_ids(r["token_ids"], lists, dedup=True, z_threshold=4.0).to_dict()
    wm = [r for r in rows if r["kind"] == "wm"]
    plain = [r for r in rows if r["kind"] == "plain"]
    rich = [r for r in wm if r["entropy"] >= args.entropy_min]
    poor = [r for r in wm if r["entropy"] < args.entropy_min]
    say(f"TPR at z>4, all watermarked texts:           {rate([r['det']['detected'] for r in wm])}")
    say(
        f"TPR at z>4, entropy >= {args.entropy_min} nats/token:     {rate([r['det']['detected'] for r in rich])}"
    )
    say(
        f"TPR at z>4, low entropy (< {args.entropy_min}):          {rate([r['det']['detected'] for r in poor])}"
    )
    for r in sorted(poor, key=lambda r: r["det"]["z_score"])[:5]:
        say(
            f"   low-entropy case {r['id']}: z={r['det']['z_score']:.2f}, tokens={len(r['token_ids'])}, "
            f"entropy={r['entropy']:.2f}, ppl={r['ppl']:.2f}"
        )
    missed = [r for r in rich if not r["det"]["detected"]]
    for r in missed[:5]:
        say(
            f"   missed (enough entropy) {r['id']}: z={r['det']['z_score']:.2f}, tokens={len(r['token_ids'])}, "
            f"scored={r['det']['num_tokens_scored']}, entropy={r['entropy']:.2f}"
        )
    long = [r for r in rich if r["det"]["num_tokens_scored"] >= args.min_scored]
    say(
        f"TPR at z>4, entropy >= {args.entropy_min} and >= {args.min_scored} scored tokens: "
        f"{rate([r['det']['detected'] for r in long])}"
    )
    say(f"FPR at z>4, plain texts:                     {rate([r['det']['detected'] for r in plain])}")
    for kind, group in (("wm", wm), ("plain", plain)):
        z = np.array([r["det"]["z_score"] for r in group])
        say(
            f"z {kind:5s}: mean {z.mean():.2f}, median {np.median(z):.2f}, min {z.min():.2f}, max {z.max():.2f}; "
            f"tokens/text {np.mean([len(r['token_ids']) for r in group]):.0f}"
        )
    for kind, group in (("plain", plain), ("wm", wm)):
        ppl = np.array([r["ppl"] for r in group])
        ent = np.array([r["entropy"] for r in group])
        say(
            f"quality {kind:5s}: perplexity under the unwatermarked teacher median {np.median(ppl):.2f}, "
            f"mean {ppl.mean():.2f}; mean entropy {ent.mean():.2f} nats/token"
        )


def step_calibration(rows: list[dict], V: int, args: argparse.Namespace) -> None:
    plain = [r["token_ids"] for r in rows if r["kind"] == "plain"][: args.calib_texts]
    rng = random.Random(args.seed + 7)
    pvals: list[float] = []
    unif: list[float] = []
    for _ in range(args.keys):
        lists = GreenLists(WatermarkKey(gamma=0.25, secret=rng.randrange(1, 2**62)), V)
        dets = [detect_ids(ids, lists) for ids in plain]
        pvals += [d.p_value for d in dets]
        # A discrete test's p-value is only super-uniform; randomising within the atom at G makes it
        # exactly U(0,1) under H0, which is what a KS test can check.
        unif += [
            float(
                binom.sf(d.num_green, d.num_tokens_scored, 0.25)
                + rng.random() * binom.pmf(d.num_green, d.num_tokens_scored, 0.25)
            )
            for d in dets
        ]
    ks = kstest(unif, "uniform")
    p = np.array(pvals)
    say(
        f"calibration: {len(pvals)} p-values ({args.keys} random keys x {len(plain)} plain texts): "
        f"fraction p<0.05: {np.mean(p < 0.05):.4f}, p<0.01: {np.mean(p < 0.01):.4f}, p<0.001: {np.mean(p < 0.001):.4f}"
    )
    say(
        f"  KS test of the randomised p-values vs U(0,1): stat {ks.statistic:.4f}, p {ks.pvalue:.3g} "
        f"(raw exact p-values are discrete and super-uniform: KS on them p {kstest(pvals, 'uniform').pvalue:.3g})"
    )
    qq_plot(unif, args.out.with_name(args.out.stem + "_qq.png"), "detect H0: random keys")


def qq_plot(pvals: list[float], path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    p = np.sort(np.asarray(pvals))
    u = (np.arange(1, len(p) + 1) - 0.5) / len(p)
    fig, ax = plt.subplots(figsize=(4, 4))
    ax.plot(u, p, ".", ms=2)
    ax.plot([0, 1], [0, 1], "k--", lw=1)
    ax.set(xlabel="uniform quantile", ylabel="p-value quantile", title=title)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    say(f"  QQ plot: {path}")


def markllm_detector(tokenizer, V: int, key: WatermarkKey, native: bool):
    """MarkLLM's KGW (LeftHash, prefix 1, no de-dup); `native=False` swaps in the reference seeding."""
    from markllm.utils.transformers_config import TransformersConfig
    from markllm.watermark.kgw.kgw import KGW

    cfg_path = Path(tempfile.mkdtemp()) / "markllm_kgw.json"
    cfg_path.write_text(
        json.dumps(
            {
                "algorithm_name": "KGW",
                "gamma": key.gamma,
                "delta": key.delta,
                "hash_key": key.hash_key(),
                "prefix_length": 1,
                "z_threshold": 4.0,
                "f_scheme": "time",
                "window_scheme": "left",
            }
        )
    )
    kgw = KGW(str(cfg_path), TransformersConfig(model=None, tokenizer=tokenizer, vocab_size=V, device="cpu"))
    if not native:
        u = kgw.utils

        def reference_left(input_ids: torch.LongTensor) -> torch.Tensor:
            u.rng.manual_seed(u.config.hash_key * int(input_ids[-1]))
            return torch.randperm(V, generator=u.rng)[: int(V * key.gamma)]

        u.window_scheme_map["left"] = reference_left
    return kgw


def reference_detector(ref_dir: str, tokenizer, V: int, key: WatermarkKey, dedup: bool):
    sys.path.insert(0, ref_dir)
    from extended_watermark_processor import WatermarkDetector

    return WatermarkDetector(
        vocab=list(range(V)),
        gamma=key.gamma,
        delta=key.delta,
        seeding_scheme="simple_1",
        device="cpu",
        tokenizer=tokenizer,
        normalizers=[],
        ignore_repeated_ngrams=dedup,
    )


def timed(fn, items) -> tuple[list, float]:
    start = time.perf_counter()
    out = [fn(x) for x in items]
    return out, time.perf_counter() - start


def step_speed(
    rows: list[dict], tokenizer, lists: GreenLists, key: WatermarkKey, args: argparse.Namespace
) -> None:
    ids = [r["token_ids"] for r in rows]
    sub = ids[: args.markllm_texts]
    gl.clear_cache()
    ours_cold, t_cold = timed(lambda x: detect_ids(x, lists, dedup=False).z_score, ids)
    # A context's second question builds and caches its mask (see greenlist.py); the third pass is warm.
    _, t_second = timed(lambda x: detect_ids(x, lists, dedup=False).z_score, ids)
    _, t_warm = timed(lambda x: detect_ids(x, lists, dedup=False).z_score, ids)
    gl.clear_cache()
    _, t_one = timed(lambda x: (gl.clear_cache(), detect_ids(x, lists).z_score), sub)
    say(
        f"ours: {len(ids)} texts, cold cache {len(ids) / t_cold:.1f} texts/s, second pass (masks built) "
        f"{len(ids) / t_second:.1f} texts/s, warm {len(ids) / t_warm:.1f} texts/s; "
        f"cache cleared before every text: {len(sub) / t_one:.1f} texts/s"
    )
    kgw = markllm_detector(tokenizer, lists.vocab_size, key, native=False)
    mk, t_mk = timed(lambda x: kgw.utils.score_sequence(torch.tensor(x))[0], sub)
    diff = max(abs(a - b) for a, b in zip(mk, ours_cold[: len(sub)], strict=True))
    say(
        f"MarkLLM KGW (reference seeding swapped in): {len(sub)} texts, {len(sub) / t_mk:.2f} texts/s; "
        f"max |z_ours - z_markllm| = {diff:.2e} ({'OK' if diff < 1e-6 else 'MISMATCH'} at 1e-6)"
    )
    say(
        f"speed ratio ours/MarkLLM: cold cache {len(ids) / t_cold / (len(sub) / t_mk):.1f}x, "
        f"warm cache {len(ids) / t_warm / (len(sub) / t_mk):.0f}x, cache cleared per text {t_mk / t_one:.1f}x"
    )
    native = markllm_detector(tokenizer, lists.vocab_size, key, native=True)
    _, t_nat = timed(lambda x: native.utils.score_sequence(torch.tensor(x))[0], sub)
    say(f"MarkLLM KGW native seeding (own green lists, z not comparable): {len(sub) / t_nat:.2f} texts/s")
    if args.reference_dir:
        for dedup in (False, True):
            ref = reference_detector(args.reference_dir, tokenizer, lists.vocab_size, key, dedup)
            out, t_ref = timed(
                lambda x, ref=ref: ref.detect(
                    tokenized_text=torch.tensor(x), return_prediction=False, return_z_at_T=False
                )["z_score"],
                sub,
            )
            mine = [detect_ids(x, lists, dedup=dedup).z_score for x in sub]
            diff = max(abs(a - b) for a, b in zip(out, mine, strict=True))
            say(
                f"lm-watermarking reference detector (dedup={dedup}): {len(sub) / t_ref:.2f} texts/s; "
                f"max |z diff| = {diff:.2e}"
            )


def step_overhead(teacher: HFTeacher, args: argparse.Namespace) -> None:
    asks = prompts(args.overhead_batch, args.seed + 1)
    saved = args.tokens
    args.tokens = args.overhead_tokens
    for name, key in (
        ("none", None),
        ("simple_1", WatermarkKey()),
        ("selfhash", WatermarkKey(scheme="selfhash")),
    ):
        comps, secs = generate(teacher, asks, key, args)
        toks = sum(len(c.token_ids) for c in comps)
        say(
            f"overhead: watermark={name:8s} {len(asks)} prompts x {args.tokens} tokens: {toks / secs:.1f} tok/s"
        )
    args.tokens = saved


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=500, help="watermarked texts (and as many plain ones)")
    ap.add_argument("--tokens", type=int, default=200)
    ap.add_argument("--temperature", type=float, default=0.7)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--top-logprobs", type=int, default=20, help="kept in the harvest stores for kd")
    ap.add_argument("--tasks-per-kind", type=int, default=20, help="checkable tasks of each kind")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keys", type=int, default=100, help="random keys for the calibration step")
    ap.add_argument("--calib-texts", type=int, default=100, help="plain texts scored under each random key")
    ap.add_argument(
        "--entropy-min", type=float, default=1.0, help="nats/token below which a text is 'low entropy'"
    )
    ap.add_argument("--min-scored", type=int, default=100, help="'long enough' texts for the TPR line")
    ap.add_argument("--markllm-texts", type=int, default=40)
    ap.add_argument("--overhead-batch", type=int, default=16)
    ap.add_argument("--overhead-tokens", type=int, default=48)
    ap.add_argument(
        "--reference-dir",
        default=os.environ.get("LM_WATERMARKING_DIR"),
        help="a checkout of jwkirchenbauer/lm-watermarking to compare against (optional)",
    )
    ap.add_argument("--threads", type=int, default=1, help="torch threads (1 is fastest on a shared CPU)")
    ap.add_argument("--work", default="/tmp/stillroom_bench_watermark")
    ap.add_argument("--skip-generate", action="store_true")
    ap.add_argument("--out", type=Path, default=Path("bench/results/watermark.txt"))
    args = ap.parse_args()
    Path(args.work).mkdir(parents=True, exist_ok=True)
    # Under a shared CPU, 2 torch threads per process thrash (0.4 tok/s measured vs 13.7 with 1 thread).
    torch.set_num_threads(args.threads)
    header("bench/watermark.py")
    key = WatermarkKey(scheme="simple_1", gamma=0.25, delta=2.0)
    say(f"key: {key.public()}; {args.tokens} new tokens, temperature {args.temperature}, teacher hf:default")
    teacher = HFTeacher("default", device="cpu", batch_size=args.batch)
    V = teacher.model.config.vocab_size
    lists = GreenLists(key, V)
    cache = Path(args.work) / f"texts_n{args.n}_t{args.tokens}.jsonl"
    if args.skip_generate and cache.is_file():
        rows = [json.loads(x) for x in cache.read_text().splitlines()]
        say(f"reusing {len(rows)} generated texts from {cache}")
    else:
        rows = step_generate(teacher, key, args)
        cache.write_text("".join(json.dumps(r) + "\n" for r in rows))
    step_quality(teacher, rows)
    step_detect(rows, lists, args)
    step_calibration(rows, V, args)
    step_speed(rows, teacher.tokenizer, lists, key, args)
    step_overhead(teacher, args)
    step_tasks(teacher, key, args)
    say(f"load average at end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(LINES) + "\n")


if __name__ == "__main__":
    main()

"""Calibration at full size: are p-values uniform under H0 for every scheme, detector and trace test?

    heavy env PYTHONPATH=src .venv/bin/python bench/calib_data.py --work /tmp/stillroom_calibration
    heavy env PYTHONPATH=src .venv/bin/python bench/calibration.py --work /tmp/stillroom_calibration

The texts come from bench/calib_data.py (cached in --work): the embedded teacher's plain answers to
real prompts from ../shared/traffic, human/other-model texts from ../shared/traffic, and answers
watermarked with random keys. Every block reports, over its trials (see watermark/calibration.py):
fraction of p below 0.05 / 0.01 / 0.001, KS p of the (randomised) p-values against U(0,1), var(z).

1. detect, per scheme, de-dup on and off: (plain + human texts) x --keys random keys (>= 10,000);
   `weighted`: SynthID's weighted-mean detector on the same texts and as many trials;
2. trace, open model, argmax and distribution tests, per scheme:
   a. the teacher reads its own answers watermarked with key k and is traced with k (one trial per
      key; H0: it never trained on them, it can only copy what it reads);
   b. the teacher and the pruned 6-layer init read watermarked answers under --trace-keys random keys;
3. trace, closed model: the teacher's greedy answers to each key's prompts, scored against that
   key's watermarked answers to the same prompts (H0: an unwatermarked copy of the owner's model).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import torch

from _common import LINES, header, say
from stillroom.watermark.calibration import by_source, detect_trials, random_keys, summarize, trace_trials
from stillroom.watermark.key import WatermarkKey
from stillroom.watermark.trace import read_suspect, score_answers, trace_open

VOCAB = 49152
GAMMA = 0.25  # KGW's; synthid trials carry their key's own rate p0 (watermark/calibration.py)
SCHEMES = ("simple_1", "selfhash", "synthid")


def load(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text().splitlines()]


def block_detect(sources: dict[str, list[list[int]]], args: argparse.Namespace) -> None:
    """All texts under enough random keys for >= --trials trials per scheme (de-dup on; fewer off)."""
    texts = [t for ts in sources.values() for t in ts]
    for scheme in SCHEMES:
        for dedup, trials in ((True, args.trials), (False, args.trials_nodedup)):
            keys = random_keys(scheme, -(-trials // len(texts)), seed=args.seed)
            c0 = time.process_time()
            per_key = [detect_trials(texts, [k], VOCAB, dedup=dedup) for k in keys]
            cpu = time.process_time() - c0
            setting = f"detect {scheme:8s} dedup={'on ' if dedup else 'off'}"
            say(
                f"{setting} all ({len(texts)} texts x {len(keys)} keys): {summarize([t for p in per_key for t in p], GAMMA).line()} [{cpu:.0f} CPU-s]"
            )
            for name, part in by_source(per_key, sources).items():
                say(f"{setting}   {name}: {summarize(part, GAMMA).line()}")
        say("  (no p-value is reported without de-dup: the dedup=off lines use the normal tail of z)")


def block_weighted(sources: dict[str, list[list[int]]], args: argparse.Namespace) -> None:
    """SynthID's weighted mean (synthid.weighted_p: layer weights 10..1 over distinct cells, a
    saddlepoint tail: a continuous p-value) at the detect block's size; bench/synthid.py had
    checked it on 4 keys only."""
    from scipy.stats import norm

    from stillroom.watermark.calibration import Trial
    from stillroom.watermark.synthid import synthid_of, weighted_p

    texts = [t for ts in sources.values() for t in ts]
    keys = random_keys("synthid", -(-args.trials // len(texts)), seed=args.seed + 3)
    c0 = time.process_time()
    per_key = []
    for key in keys:
        sid = synthid_of(key)
        trials = []
        for t in texts:
            score, p = weighted_p(t, sid)
            z = float(norm.isf(min(max(p, 1e-300), 1 - 1e-16)))  # for var(z) only
            trials.append(Trial(score, len(t), z, p, False))
        per_key.append(trials)
    cpu = time.process_time() - c0
    setting = "detect synthid weighted mean"
    say(
        f"{setting} all ({len(texts)} texts x {len(keys)} keys): "
        f"{summarize([t for p in per_key for t in p], 0.5).line()} [{cpu:.0f} CPU-s]"
    )
    for name, part in by_source(per_key, sources).items():
        say(f"{setting}   {name}: {summarize(part, 0.5).line()}")


def tests_of(scheme: str) -> tuple[str, ...]:
    return ("argmax",) if scheme == "synthid" else ("argmax", "distribution")


def by_key(rows: list[dict]) -> dict[int, list[dict]]:
    return {k: [rows[i] for i in idx] for k, idx in by_key_index(rows).items()}


def block_self_trace(model, scheme: str, rows: list[dict], args: argparse.Namespace) -> None:
    groups = by_key(rows)
    texts = {k: [r["prompt_ids"] + r["token_ids"] for r in rs] for k, rs in groups.items()}
    readings = {k: read_suspect(model, t, top_k=args.top_k) for k, t in texts.items()}
    for test in tests_of(scheme):
        trials = []
        for secret, t in texts.items():
            key = WatermarkKey(scheme=scheme, gamma=GAMMA, secret=secret)
            trials += trace_trials(
                lambda lists, t=t, r=readings[secret], test=test: trace_open(
                    model, t, lists, test=test, readings=r
                ),
                [key],
                VOCAB,
            )
        cal = summarize(trials, GAMMA)
        say(
            f"trace open {scheme:8s} {test:12s} teacher reads its own watermarked answers, own key: {cal.line()}"
        )


def block_random_keys(name: str, model, scheme: str, texts: list[list[int]], args) -> None:
    readings = read_suspect(model, texts, top_k=args.top_k)
    keys = random_keys(scheme, args.trace_keys, seed=args.seed + 1)
    for test in tests_of(scheme):
        c0 = time.process_time()
        trials = trace_trials(
            lambda lists, test=test: trace_open(model, texts, lists, test=test, readings=readings),
            keys,
            VOCAB,
        )
        cal = summarize(trials, GAMMA)
        say(
            f"trace open {scheme:8s} {test:12s} {name}, {len(texts)} texts, random keys: {cal.line()} "
            f"[{time.process_time() - c0:.0f} CPU-s]"
        )


def block_closed(teacher, scheme: str, rows: list[dict], args) -> None:
    """The teacher answers each key's prompts greedily; scored against that key's watermarked texts (H0)."""
    from stillroom.teachers import GenParams

    prompts = [teacher.tokenizer.decode(r["prompt_ids"]) for r in rows]  # chat template applied: raw prompts
    comps = teacher.generate(prompts, GenParams(max_new_tokens=args.closed_tokens, temperature=0.0))
    trials = []
    for secret, idx in by_key_index(rows).items():
        answers = [comps[i].token_ids for i in idx]
        prompt_ids = [rows[i]["prompt_ids"] for i in idx]
        owner = [rows[i]["token_ids"] for i in idx]
        key = WatermarkKey(scheme=scheme, gamma=GAMMA, secret=secret)
        trials += trace_trials(
            lambda lists, a=answers, p=prompt_ids, o=owner: score_answers(a, p, lists, o), [key], VOCAB
        )
    say(
        f"trace closed {scheme:8s} answers  the teacher's greedy answers to each key's prompts vs its "
        f"watermarked texts: {summarize(trials, GAMMA).line()}"
    )


def by_key_index(rows: list[dict]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for i, r in enumerate(rows):
        out.setdefault(r["secret"], []).append(i)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path("/tmp/stillroom_calibration"))
    ap.add_argument("--trials", type=int, default=10000, help="detect: texts x random keys per block")
    ap.add_argument("--trace-keys", type=int, default=200, help="random keys per open-model trace block")
    ap.add_argument("--trace-texts", type=int, default=24, help="texts read per random-key trace block")
    ap.add_argument("--top-k", type=int, default=8, help="distribution test candidates per position")
    ap.add_argument("--closed-tokens", type=int, default=96)
    ap.add_argument("--blocks", default="detect,weighted,self,random,closed")
    ap.add_argument(
        "--trials-nodedup", type=int, default=2000, help="detect without de-dup: trials per scheme"
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=Path("bench/results/calibration.txt"))
    args = ap.parse_args()
    torch.set_num_threads(1)
    header("bench/calibration.py")
    blocks = set(args.blocks.split(","))
    plain, human = load(args.work / "plain.jsonl"), load(args.work / "human.jsonl")
    wm = {s: load(args.work / f"wm-{s}.jsonl") for s in SCHEMES if (args.work / f"wm-{s}.jsonl").exists()}
    say(
        f"texts: {len(plain)} plain teacher answers to ../shared/traffic prompts (temperature 0.7), "
        f"{len(human)} human/other-model texts (traffic assistant or long user turns), watermarked: "
        + ", ".join(f"{s} {len(r)} ({len(by_key(r))} keys)" for s, r in wm.items())
    )
    texts = {"plain": [r["token_ids"] for r in plain], "human": [r["token_ids"] for r in human]}
    if "detect" in blocks:
        block_detect(texts, args)
    if "weighted" in blocks:
        block_weighted(texts, args)
    if blocks & {"self", "random", "closed"}:
        from stillroom.distill.config import StudentSettings
        from stillroom.distill.student import build_student
        from stillroom.teachers.hf import HFTeacher

        teacher = HFTeacher("default", device="cpu", batch_size=16)
        for scheme, rows in wm.items():
            if "self" in blocks:
                block_self_trace(teacher.model, scheme, rows, args)
            read = [r["prompt_ids"] + r["token_ids"] for r in rows[: args.trace_texts]]
            if "random" in blocks:
                block_random_keys("teacher reads watermarked answers", teacher.model, scheme, read, args)
                init, _, _ = build_student(StudentSettings(init="prune", layers=6), "default")
                block_random_keys("pruned 6-layer init", init.eval(), scheme, read, args)
            if "closed" in blocks:
                block_closed(teacher, scheme, rows, args)
    finish(args)


def finish(args: argparse.Namespace) -> None:
    say(f"load average at end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(LINES) + "\n")


if __name__ == "__main__":
    main()

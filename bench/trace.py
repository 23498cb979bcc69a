"""Radioactivity power (argmax vs distribution test) and the lineage test, on students of `stillroom distill`.

    heavy env PYTHONPATH=src .venv/bin/python bench/calib_data.py --work /tmp/stillroom_calibration   # data
    heavy env PYTHONPATH=src .venv/bin/python bench/trace.py --quick --out bench/results/trace.txt
    heavy env PYTHONPATH=src .venv/bin/python bench/trace.py --plan --steps 280   # the phase-2 grid's cost
    heavy env PYTHONPATH=src .venv/bin/python bench/trace.py --lr 1e-4 --wm-fraction 0.1 --steps 280 --h0 20  # one cell

The realistic cell of bench/results/trace_realistic.txt (data: calib_data.py --plain 1200 --wm 240),
one process per core:

    bench/trace.py --work W --methods kd --no-h0 --lr 1e-4 --wm-fraction 0.1 --train-texts 1200 \
        --read 120 --steps 280 --every 70 --warmup 8 --keys 50
    bench/trace.py --work W --methods sft --h0 1 (same options, --steps 150 --every 25)
    bench/trace.py --work W --methods "" --strip --no-h0 (same options, --steps 150)

The lineage study at the strong setting (bench/results/trace_lineage_strong.txt; data: calib_data.py --plain 208
--wm 160 --keys 0 --human 1), one process per core, then one scoring run with --h0 0 --skip-plain --lineage:

    bench/trace.py --work W --methods "" --h0-checks 0 --lr 1e-3 --train-texts 160 --steps 80 --every 80 --warmup 8 \
        --strip --skip-plain --h0-seeds 0,2,...,18      (and --h0-seeds 1,3,...,19 with sft-plain)
    bench/trace.py --work W (same options) --strip --strip-seeds 1 --no-h0     (more strip students: other data orders)

Data (bench/calib_data.py, in --work): the embedded teacher's answers to real prompts from
../shared/traffic, watermarked with a fixed key (`wm.sqlite`, simple_1 unless calib_data.py's --store-scheme
says otherwise (wm.jsonl's rows carry it), gamma 0.25, delta 2; top-20
logprobs after the bias, as the guard returns them) and plain (`plain.sqlite`), and the traffic rows'
own assistant answers to the same prompts (`human.sqlite`). Students are pruned inits of the teacher
trained by `stillroom distill` (train(cfg)):
- H1-wm: `kd` (harvested top-20, forward KL) and `sft` on a store where --wm-fraction of the answers
  are watermarked and the rest are plain answers to the other prompts; traced at every checkpoint
  in open-model mode on the watermarked answers (prompt + answer) with every open test on the same
  reading: `argmax` (Sander et al.), `distribution` (top-k green mass, saddlepoint tail), and
  `contrast` against two references: the owner's teacher (`contrast`) and the students' pruned init
  (`contrast-base`, standing for a distiller's public base model);
- H1-strip (--strip): `sft` on the mixed store with every watermarked answer replaced by the
  teacher's (unwatermarked) paraphrase of it, the stripping of Pan et al.;
- H1-plain: `sft` on the plain answers (the watermark was never applied, or was stripped);
- H0: the pruned init, and `sft` students on the human answers (--h0 of them, different seeds and
  data orders): traced with the real key, and with --keys random keys (KS against U(0,1)).
Lineage (`stillroom trace --mode lineage`): every final student answers --probes held-out prompts
greedily; statistic = the teacher's mean log-prob of those answers; H1 students against the H0
students as the null, and each H0 student against the other H0s (leave-one-out: the null's own
calibration).

--quick: 2-layer prunes, lr 1e-3, 48 steps of batch 8 (what fits a shared 2-core CPU in minutes).
Phase 2 (the issue's study: 6-layer prunes at lr 1e-4 and 2e-5, 100/25/10% watermarked, 20 H0s)
runs cell by cell with the options below; --plan prints the grid's CPU estimate.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from pathlib import Path

import numpy as np
import torch
from scipy.stats import kstest

from _common import LINES, header, say
from stillroom.distill.config import DistillConfig, StudentSettings
from stillroom.distill.student import build_student
from stillroom.distill.train import train
from stillroom.harvest.store import HarvestStore
from stillroom.models import load_hf
from stillroom.teachers import Completion
from stillroom.watermark import WatermarkKey
from stillroom.watermark.calibration import random_keys
from stillroom.watermark.greenlist import GreenLists
from stillroom.watermark.lineage import lineage_p, lineage_p_adjusted, score_suspect
from stillroom.watermark.synthid import SynthID, synthid_of
from stillroom.watermark.trace import Reading, argmax_test, distribution_test, read_suspect, trace_open

VOCAB = 49152


def lists_of(key: WatermarkKey):
    """What the tests score a key by: KGW green lists, or SynthID's g-value tables."""
    return synthid_of(key) if key.scheme == "synthid" else GreenLists(key, VOCAB)


def distill(name: str, store: Path, method: str, seed: int, args: argparse.Namespace) -> Path:
    """One `stillroom distill` run (resumed if cut off); returns its folder."""
    out = args.work / "trace-runs" / name
    extra = {"signal": "harvested", "loss": {"kind": "fkl"}} if method == "kd" else {}
    cfg = DistillConfig(
        out=str(out),
        teacher="hf:default",
        store=str(store),
        method=method,
        student={"init": "prune", "layers": args.layers},
        train={
            "steps": args.steps,
            "batch_size": args.batch,
            "lr": args.lr,
            "schedule": "cosine",
            "warmup_steps": args.warmup,
            "checkpoint_every": args.every,
            "keep_checkpoints": 1000,
            "val_prompts": 0,  # every harvested answer trains, as when trace.txt was measured
            "seed": seed,
        },
        **extra,
    )
    if (out / "summary.json").is_file():
        return out
    c0 = time.process_time()
    train(cfg, resume=(out / "metrics.jsonl").is_file())
    secs = time.process_time() - c0
    say(
        f"distill {name}: {args.steps} steps of batch {args.batch} in {secs:.0f} CPU-s ({secs / args.steps:.1f}/step)"
    )
    return out


def copy_rows(src: HarvestStore, out: HarvestStore, ids: list[str], cfg: dict) -> None:
    """Copy the prompts `ids` and their answers (logprobs kept) from src into out, under config `cfg`."""
    out.add_prompts([{"id": pid, "messages": p} for pid, p, _ in src.prompts(ids)])
    items = [(r.prompt_id, Completion(
        text=r.text, token_ids=r.token_ids, finish_reason=r.finish_reason, prompt_tokens=0, sample=r.sample,
        logprobs=None if r.logprobs is None else r.logprobs.tolist(),
        top_ids=None if r.top_ids is None else r.top_ids.tolist(),
        top_logprobs=None if r.top_logprobs is None else r.top_logprobs.tolist(),
    ), 0.0) for r in src.records(prompt_ids=ids)]  # fmt: skip
    out.add_completions(cfg["config_key"], cfg["teacher"], cfg["params"], items)


def mixed_store(work: Path, frac: float, n: int, seed: int) -> tuple[Path, set[str]]:
    """A store of the first n prompts: a `frac` share answered watermarked, the others plain.

    One config key for all rows (the watermarked one's), so distill reads them as one harvest.
    """
    dst = work / f"mix-{frac:g}-{n}-{seed}.sqlite"
    ids = [f"p{i}" for i in range(n)]
    answered = {pid for pid, _, _ in HarvestStore(work / "wm.sqlite").prompts()}  # calib_data --wm
    pool = [i for i in ids if i in answered]
    if round(frac * n) > len(pool):
        raise SystemExit(
            f"{frac:g} of {n} needs {round(frac * n)} watermarked answers; wm.sqlite has {len(pool)}"
        )
    wm_ids = set(random.Random(seed).sample(pool, round(frac * n)))
    if dst.is_file():
        return dst, wm_ids
    cfg = HarvestStore(work / "wm.sqlite").configs()[0]
    out = HarvestStore(dst.with_suffix(".tmp"))
    for name, keep in (("wm", sorted(wm_ids)), ("plain", sorted(set(ids) - wm_ids))):
        src = HarvestStore(work / f"{name}.sqlite")
        copy_rows(src, out, keep, cfg)
    out.close()
    dst.with_suffix(".tmp").rename(dst)
    return dst, wm_ids


def first_store(work: Path, name: str, n: int) -> Path:
    """`name`.sqlite (calib_data.py's plain or human answers) cut to the first n prompts, the ones the
    watermarked students train on: an H0 student learns the same prompts with other answers, and the
    lineage probes (the prompts after them) stay unseen by every student."""
    src = work / f"{name}.sqlite"
    store = HarvestStore(src)
    ids = [f"p{i}" for i in range(n)]
    if {pid for pid, _, _ in store.prompts()} <= set(ids):
        return src  # nothing past the first n: the store as it is (the realistic cell's 1,200)
    dst = work / f"{name}-{n}.sqlite"
    if dst.is_file():
        return dst
    cfg = store.configs()[0]
    out = HarvestStore(dst.with_suffix(".tmp"))
    copy_rows(store, out, ids, cfg)
    out.close()
    dst.with_suffix(".tmp").rename(dst)
    return dst


def checkpoints(run: Path) -> list[tuple[int, int, Path]]:
    out = []
    for pos in sorted(run.glob("checkpoints/step-*/position.json")):
        p = json.loads(pos.read_text())
        out.append((p["step"], p["tokens"], pos.parent / "pytorch_model.bin"))
    return out


def student_at(weights: Path, layers: int):
    """The pruned student with a checkpoint's weights (accelerate saved the Distiller: `student.` prefix)."""
    model, _, _ = build_student(StudentSettings(init="prune", layers=layers), "default")
    state = torch.load(weights, map_location="cpu", weights_only=True)
    model.load_state_dict(
        {k.removeprefix("student."): v for k, v in state.items() if k.startswith("student.")}
    )
    return model.eval()


# Readings of the reading set by the contrast test's references, read once: the owner's teacher,
# and the students' starting point (the pruned init: a distiller's public base model stands here)
REFERENCE: dict[str, list] = {}


def tests_of(model, read, args, refs: dict[str, list] | None = None) -> dict:
    """test name -> (lists -> TraceResult) on the suspect's readings: its own top-k, and one more
    pass at every reference's top-k ids at once (the contrast tests)."""
    refs = REFERENCE if refs is None else refs
    if args.scheme == "synthid":  # g-values of the argmax: the distribution and contrast tests are KGW's
        argmax = read_suspect(model, read, top_k=1)
        return {"argmax": lambda lists: trace_open(model, read, lists, test="argmax", readings=argmax)}
    readings = read_suspect(model, read, top_k=args.top_k)
    tests = {
        "argmax": lambda lists: argmax_test(read, readings, lists),
        "distribution": lambda lists: distribution_test(read, readings, lists),
    }
    if not refs:
        return tests
    cut = {name: r[: len(read)] for name, r in refs.items()}
    both = read_suspect(
        model, read, at=[np.hstack([c[i].top_ids for c in cut.values()]) for i in range(len(read))]
    )
    for j, (name, ref) in enumerate(cut.items()):
        cols = slice(j * args.top_k, (j + 1) * args.top_k)
        at = [Reading(r.argmax, r.top_ids[:, cols], r.top_p[:, cols]) for r in both]
        tests[name] = lambda lists, at=at, ref=ref: distribution_test(read, at, lists, ref)
    return tests


def both_tests(label: str, model, read, lists: GreenLists | SynthID, args, refs=None) -> dict[str, float]:
    out = {}
    for name, fn in tests_of(model, read, args, refs).items():
        r = fn(lists)
        out[name] = r.p_value
        say(f"{label}: {name:13s} p={r.p_value:.3g} (z={r.z_score:+.2f}, {r.num_scored} outcomes)")
    return out


def random_key_ks(label: str, model, read, args, refs=None) -> None:
    for name, fn in tests_of(model, read, args, refs).items():
        pv = [fn(lists_of(k)).p_value for k in random_keys(args.scheme, args.keys, seed=7)]
        say(
            f"calibration {label} {name:13s}: {len(pv)} random keys: KS p {kstest(pv, 'uniform').pvalue:.3g}, "
            f"min p {min(pv):.3g}, fraction p<0.05 {np.mean(np.array(pv) < 0.05):.2f}"
        )


def power_curve(name: str, run: Path, read, lists: GreenLists | SynthID, args, curves: dict) -> None:
    for step, tokens, weights in checkpoints(run):
        model = student_at(weights, args.layers)
        ps = both_tests(f"H1 {name} step {step:3d}, {tokens:6d} training tokens", model, read, lists, args)
        for test, p in ps.items():
            curves.setdefault(f"{name} {test}", []).append((tokens, p))
    # the trained suspect under keys it never saw: its own null
    random_key_ks(f"{name} final", model, read[:40], args)


def lineage_probes(args) -> list:
    """The probe prompts: the first user turns after the --train-texts the students learned, in
    calib_data.py's order (prompts.jsonl holds its first --plain of them; more come from the same
    shuffled traffic rows)."""
    rows = [json.loads(x)["messages"] for x in (args.work / "prompts.jsonl").read_text().splitlines()]
    need = args.train_texts + args.probes
    if len(rows) < need:
        from calib_data import first_turns, traffic_rows

        more = [m for m, _ in first_turns(traffic_rows(0), need)]
        if more[: len(rows)] != rows:
            raise SystemExit(
                "prompts.jsonl is not calib_data.py's first turns of seed 0: cannot extend the probes"
            )
        rows = more
    return rows[args.train_texts : need]


def lineage(students: dict[str, Path], h0: list[str], args) -> None:
    """The plain statistic (teacher log-prob per token), or with --contrast-ref the contrast one
    (share of tokens the teacher rates above the named H0 student, which leaves the null)."""
    from stillroom.teachers.hf import HFTeacher, load_hf

    owner, tok = load_hf("default")
    probes = lineage_probes(args)
    ref = None
    if args.contrast_ref:
        ref = load_hf(str(students.pop(args.contrast_ref) / "student"))[0]
        h0 = [n for n in h0 if n != args.contrast_ref]
        say(f"lineage contrast: reference (the claimed-data model) {args.contrast_ref}, out of the null")
    unit = "share of tokens the teacher wins" if ref is not None else "nats/token"
    stats: dict[str, float] = {}
    ntok: dict[str, int] = {}
    # each student's statistic is kept in its run folder: a rescore (more H0 students finished, a
    # crash) recomputes nothing it has; the key holds what the statistic depends on
    setting = {"probes": [args.train_texts, args.probes], "probe_tokens": args.probe_tokens}
    if ref is not None:
        setting["contrast"] = args.contrast_ref
    for name, run in students.items():
        cache = run / ("lineage-contrast.json" if ref is not None else "lineage.json")
        if cache.is_file() and (kept := json.loads(cache.read_text()))["setting"] == setting:
            stats[name], n, cpu = kept["stat"], kept["tokens"], kept["cpu_s"]
        else:
            c0 = time.process_time()
            stats[name], n = score_suspect(
                owner,
                tok,
                HFTeacher(str(run / "student"), device="cpu", batch_size=16),
                probes,
                args.probe_tokens,
                reference=ref,
            )
            cpu = time.process_time() - c0
            cache.write_text(json.dumps({"setting": setting, "stat": stats[name], "tokens": n, "cpu_s": cpu}))
        ntok[name] = n
        say(f"lineage statistic {name}: {stats[name]:.4f} ({unit}) over {n} scored tokens [{cpu:.0f} CPU-s]")
    null = [stats[n] for n in h0]
    say(
        f"lineage null: {len(h0)} H0 students, mean {np.mean(null):.4f}, sd {np.std(null, ddof=1):.4f} ({unit})"
    )
    loo, loo_adj = [], []

    def adjusted(name: str, others: list[str]) -> float | None:
        """The token-adjusted prediction p (lineage_p_adjusted, pre-registration 2)."""
        return lineage_p_adjusted(
            stats[name], ntok[name], [stats[o] for o in others], [ntok[o] for o in others]
        )

    for name in students:
        if name in h0:
            others = [o for o in h0 if o != name]
            p, rank = lineage_p(stats[name], [stats[o] for o in others])
            pa = adjusted(name, others)
            loo.append(p)
            loo_adj.append(pa)
            say(
                f"lineage H0 {name} vs the other {len(others)} H0 students: p {p}, rank p {rank:.3f}, token-adjusted p {pa}"
            )
        else:
            p, rank = lineage_p(stats[name], null)
            pa = adjusted(name, h0)
            tag = " (confirmation)" if name in args.confirm.split(",") else ""
            say(
                f"lineage {name}{tag} vs {len(h0)} H0 students: p {p if p is None else f'{p:.3g}'}, rank p {rank:.3f},"
                f" token-adjusted p {pa if pa is None else f'{pa:.3g}'}"
            )
    for label, ps in (("", loo), ("token-adjusted ", loo_adj)):
        if len(ps) >= 5 and None not in ps:  # the null's own check: leave-one-out p-values ~ U(0, 1)
            say(
                f"lineage H0 leave-one-out {label}p-values: KS p {kstest(ps, 'uniform').pvalue:.3f} against U(0, 1),"
                f" min {min(ps):.3g}, below 0.05: {sum(x < 0.05 for x in ps)} of {len(ps)}"
            )


def plots(curves: dict[str, list[tuple[int, float]]], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5.5, 3.5))
    for name, pts in curves.items():
        ax.semilogy(
            [t for t, _ in pts],
            [max(p, 1e-300) for _, p in pts],
            "o-" if "argmax" in name else "s--",
            ms=3,
            label=name,
        )
    ax.axhline(1e-6, color="k", ls=":", lw=1, label="p = 1e-6")
    ax.set(
        xlabel="training tokens (prompt + answer)",
        ylabel="trace p-value",
        title="argmax vs distribution vs contrast test",
    )
    ax.legend(fontsize=6)
    fig.tight_layout()
    path = out.with_name(out.stem + "_power.png")
    fig.savefig(path, dpi=120)
    say(f"power plot: {path}")


def phase2_plan(args) -> None:
    """The issue's full study: what it runs and what it costs, from measured seconds per step.

    Each run of this script is one cell (--methods, --lr, --wm-fraction, --h0); the grid is
    kd/sft x lr 1e-4/2e-5 x 100/25/10% watermarked, 20 H0 students, and the plain and
    paraphrase-stripped lineage students (--strip).
    """
    h1 = 2 * 2 * 3
    students = h1 + 20 + 2
    train_h = students * args.steps * args.sec_per_step / 3600
    ckpts = args.steps // max(1, args.every)
    trace_h = h1 * ckpts * args.sec_per_trace / 3600
    say(f"phase 2 plan: {h1} H1 students (kd/sft x lr 1e-4/2e-5 x wm 100/25/10%), 20 H0, 2 lineage H1")
    say(
        f"  {args.steps} steps each at {args.sec_per_step:.1f} CPU-s/step: {train_h:.1f} CPU-hours of training; "
        f"{ckpts} traces per H1 student at {args.sec_per_trace:.0f} CPU-s: {trace_h:.1f} CPU-hours; "
        f"total {train_h + trace_h:.1f} CPU-hours, {(train_h + trace_h) / 2:.1f} h on the 2-core machine if quiet"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path("/tmp/stillroom_calibration"))
    ap.add_argument("--quick", action="store_true", help="2-layer students, lr 1e-3, 48 steps")
    ap.add_argument(
        "--plan", action="store_true", help="print the phase-2 study's plan and CPU estimate, exit"
    )
    ap.add_argument(
        "--sec-per-step",
        type=float,
        default=6.3,
        help="phase 2: CPU-s per step (6-layer, batch 8; trace.txt: 507/80)",
    )
    ap.add_argument("--sec-per-trace", type=float, default=120.0, help="phase 2: CPU-s per checkpoint trace")
    ap.add_argument("--layers", type=int, default=6)
    ap.add_argument("--steps", type=int, default=96)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--warmup", type=int, default=4)
    ap.add_argument("--every", type=int, default=12)
    ap.add_argument("--wm-fraction", type=float, default=1.0)
    ap.add_argument("--train-texts", type=int, default=240, help="prompts p0.. the students train on")
    ap.add_argument("--read", type=int, default=120, help="watermarked answers read by each trace")
    ap.add_argument("--top-k", type=int, default=16)
    ap.add_argument("--h0", type=int, default=4, help="H0 students on the human answers (seeds 0..)")
    ap.add_argument("--probes", type=int, default=48, help="held-out prompts for the lineage test")
    ap.add_argument("--probe-tokens", type=int, default=64)
    ap.add_argument(
        "--confirm",
        default="",
        help="lineage: comma-separated students trained after the statistic was fixed: scored against the "
        "null, never part of it (H0 ones too)",
    )
    ap.add_argument(
        "--contrast-ref",
        default=None,
        help="lineage: the H0 student (e.g. sft-human-0) standing for the suspect's claimed-data model; "
        "the statistic becomes the share of answer tokens the teacher rates above it",
    )
    ap.add_argument("--keys", type=int, default=50)
    ap.add_argument("--methods", default="kd,sft")
    ap.add_argument(
        "--no-h0", action="store_true", help="H1 students only (run the H0 side in another process)"
    )
    ap.add_argument(
        "--strip", action="store_true", help="also an sft student on paraphrased watermarked answers"
    )
    ap.add_argument(
        "--strip-seeds", default="0", help="with --strip: the seeds (data orders) of the strip students"
    )
    ap.add_argument("--h0-seeds", default=None, help="which H0 seeds this process trains (default 0..h0-1)")
    ap.add_argument("--skip-plain", action="store_true", help="no sft-plain student in this process")
    ap.add_argument(
        "--h0-checks", type=int, default=2, help="H0 students traced with the real and random keys"
    )
    ap.add_argument(
        "--lineage",
        action="store_true",
        help="lineage test over every finished student of this configuration",
    )
    ap.add_argument(
        "--h0-runs",
        type=Path,
        nargs="*",
        default=[],
        help="finished runs of other studies (e.g. students of another scheme's key) traced with this key as H0s",
    )
    ap.add_argument("--out", type=Path, default=Path("bench/results/trace.txt"))
    args = ap.parse_args()
    if args.quick:
        args.layers, args.lr, args.steps, args.every, args.warmup = 2, 1e-3, 48, 12, 4
    torch.set_num_threads(1)
    header("bench/trace.py")
    if args.plan:
        return phase2_plan(args)
    wm_rows = [json.loads(x) for x in (args.work / "wm.jsonl").read_text().splitlines()]
    secret = wm_rows[0]["secret"]
    args.scheme = wm_rows[0].get("scheme", "simple_1")  # calib_data.py --store-scheme
    lists = lists_of(WatermarkKey(scheme=args.scheme, gamma=0.25, delta=2.0, secret=secret))
    store, wm_ids = mixed_store(args.work, args.wm_fraction, args.train_texts, 0)
    # the owner knows which of its watermarked answers were harvested: those are what a trace reads
    read = [r["prompt_ids"] + r["token_ids"] for i, r in enumerate(wm_rows) if f"p{i}" in wm_ids][: args.read]
    say(
        f"key: {args.scheme}; students: {args.layers}-layer prune, batch {args.batch}, lr {args.lr:g} cosine, {args.steps} steps, "
        f"{args.wm_fraction:.0%} of {args.train_texts} answers watermarked ({len(wm_ids)}), the rest plain; "
        f"reading set {len(read)} watermarked answers ({sum(map(len, read))} tokens)"
    )
    init, _, _ = build_student(StudentSettings(init="prune", layers=args.layers), "default")
    init.eval()
    if args.scheme != "synthid":
        teacher, _ = load_hf("default")
        REFERENCE["contrast"] = read_suspect(teacher, read, top_k=args.top_k)
        del teacher
        REFERENCE["contrast-base"] = read_suspect(init, read, top_k=args.top_k)
    if args.methods:  # once per study: the process that trains the watermarked students
        # the init against itself is no test: the teacher's reference only
        teacher_only = {k: v for k, v in REFERENCE.items() if k == "contrast"}
        both_tests("H0 pruned init, real key", init, read, lists, args, teacher_only)
        random_key_ks("pruned init", init, read[:40], args, teacher_only)
    del init
    curves: dict = {}
    finals: dict[str, Path] = {}
    suffix = f"-l{args.layers}-lr{args.lr:g}-s{args.steps}"
    for method in filter(None, args.methods.split(",")):
        name = f"{method}-wm{args.wm_fraction:g}"
        finals[name] = distill(f"{name}{suffix}", store, method, 0, args)
        power_curve(name, finals[name], read, lists, args, curves)
    if curves:
        plots(curves, args.out)
    if args.strip:
        para = stripped_store(args.work, store, wm_ids, args)
        for seed in [int(x) for x in args.strip_seeds.split(",")]:
            # seed 0 keeps the first study's name
            tag = f"sft-strip{args.wm_fraction:g}" + (f"-s{seed}" if seed else "")
            finals[tag] = distill(f"{tag}{suffix}", para, "sft", seed, args)
            last = student_at(checkpoints(finals[tag])[-1][2], args.layers)
            both_tests(
                f"H1 {tag} (trained on paraphrases of the watermarked answers), real key",
                last,
                read,
                lists,
                args,
            )
    for run in args.h0_runs:  # students of the same prompts and budget that never saw this key
        last = student_at(checkpoints(run)[-1][2], args.layers)
        both_tests(f"H0 {run.name} (another study's student), real key", last, read, lists, args)
        random_key_ks(run.name, last, read[:40], args)
    if args.no_h0:
        return finish(args)
    if not args.skip_plain:
        finals["sft-plain"] = distill(
            f"sft-plain{suffix}", first_store(args.work, "plain", args.train_texts), "sft", 0, args
        )
    seeds = range(args.h0) if args.h0_seeds is None else [int(x) for x in args.h0_seeds.split(",")]
    for s in seeds:
        name = f"sft-human-{s}"
        finals[name] = distill(
            f"{name}{suffix}", first_store(args.work, "human", args.train_texts), "sft", s, args
        )
    for name in [n for n in finals if n == "sft-plain" or n.startswith("sft-human-")][: args.h0_checks]:
        last = student_at(checkpoints(finals[name])[-1][2], args.layers)
        both_tests(f"H0 {name} (never saw the watermark), real key", last, read, lists, args)
        random_key_ks(name, last, read[:40], args)
    if args.lineage:
        # every finished student of this configuration, whichever process trained it
        runs = {
            p.name.removesuffix(suffix): p
            for p in sorted((args.work / "trace-runs").glob(f"*{suffix}"))
            if (p / "summary.json").is_file()
        }
        # --confirm: students trained after the statistic was fixed, tested against the null, not in it
        fresh = set(filter(None, args.confirm.split(",")))
        h0 = [n for n in runs if n.startswith("sft-human-") and n not in fresh]
        if len(h0) >= 3:
            lineage(runs, h0, args)
        else:
            say(f"lineage: {len(h0)} finished H0 students, needs 3")
    finish(args)


def stripped_store(work: Path, store: Path, wm_ids: set[str], args) -> Path:
    """The mixed store with every watermarked answer replaced by the teacher's paraphrase of it.

    Pan et al. (ACL 2025) strip an inherited watermark this way. The paraphraser here is the
    embedded teacher itself, unwatermarked (the only other model on this machine).
    """
    from stillroom.teachers import GenParams
    from stillroom.teachers.hf import HFTeacher

    dst = store.with_name(store.stem + "-strip.sqlite")
    if dst.is_file():
        return dst
    src = HarvestStore(store)
    rows = {r.prompt_id: r for r in src.records()}
    teacher = HFTeacher("default", device="cpu", batch_size=24)
    asks = [
        [
            {
                "role": "user",
                "content": f"Rewrite this answer in your own words, keeping its meaning:\n\n{rows[p].text}",
            }
        ]
        for p in sorted(wm_ids)
    ]
    c0 = time.process_time()
    paras = teacher.generate(asks, GenParams(max_new_tokens=160, temperature=0.7, seed=0))
    say(
        f"paraphrased {len(paras)} watermarked answers with the teacher in {time.process_time() - c0:.0f} CPU-s"
    )
    cfg = src.configs()[0]
    out = HarvestStore(dst.with_suffix(".tmp"))
    out.add_prompts([{"id": pid, "messages": p} for pid, p, _ in src.prompts()])
    para = dict(zip(sorted(wm_ids), paras, strict=True))
    items = []
    for pid, r in rows.items():
        if pid in para:
            c = para[pid]
            items.append(
                (
                    pid,
                    Completion(
                        text=c.text, token_ids=c.token_ids, finish_reason=c.finish_reason, prompt_tokens=0
                    ),
                    0.0,
                )
            )
        else:
            items.append((pid, Completion(
                text=r.text, token_ids=r.token_ids, finish_reason=r.finish_reason, prompt_tokens=0, sample=r.sample,
            ), 0.0))  # fmt: skip
    out.add_completions(cfg["config_key"], cfg["teacher"], cfg["params"], items)
    out.close()
    dst.with_suffix(".tmp").rename(dst)
    return dst


def finish(args) -> None:
    say(f"load average at end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(LINES) + "\n")


if __name__ == "__main__":
    main()

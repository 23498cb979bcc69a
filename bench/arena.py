"""Arena benchmark: the issue-8 targets, measured in one command.

    .venv/bin/python bench/arena.py            # 29 min on 2 cores (bench/results/arena.txt)

1. Detection replays through the real serve + guard with the fast fake teacher (the detector sees
   only requests, so the teacher behind serve does not change what is caught; policy still acts),
   on a seed the detector was tuned on (0, see bench/detector.py) and on held-out seeds.
2. One full run on the embedded teacher with the closed loop (distil students from what the
   distillers got with the guard on and off, and from benign traffic; fidelity and radioactivity).
Writes bench/results/arena.txt, and the full run's summary.json and report.html beside it.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import time
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # before torch loads: see stillroom.cli.main

from stillroom.arena.config import ArenaConfig
from stillroom.arena.run import headline, run_arena

RESULTS = Path(__file__).parent / "results"
# The embedded-teacher run replays the coordinated group (the closed loop's family) and benign users:
# every answer costs real CPU on 2 cores, and the whole cast's day (~11k requests) would take hours.
# Detection targets come from the full days replayed with the fake teacher above (the detector never
# sees answers).
FULL_COUNTS = {"chat": 3, "coder": 1, "casual": 2, "hydra": 1}
TARGETS = {"detect": 0.95, "benign_flagged": 0.05, "p_value": 1e-6, "wall_s": 30 * 60}


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs, {mem:.0f} GiB RAM; "
        f"load average at start {os.getloadavg()[0]:.2f}"
    )


def check(s: dict) -> list[str]:
    o, out = s["outcomes"], []
    out.append(
        f"  distillers flagged within 500 requests: {o['distiller_detection_rate']:.1%} "
        f"(target >= {TARGETS['detect']:.0%}) {'MET' if o['distiller_detection_rate'] >= TARGETS['detect'] else 'MISSED'}"
    )
    out.append(
        f"  benign blocked: {o['benign_blocked']} (target 0) {'MET' if o['benign_blocked'] == 0 else 'MISSED'}"
    )
    out.append(
        f"  benign ever flagged suspect: {o['benign_flagged_rate']:.1%} (target <= {TARGETS['benign_flagged']:.0%}) "
        f"{'MET' if o['benign_flagged_rate'] <= TARGETS['benign_flagged'] else 'MISSED'}"
    )
    missed = [
        f"{k['key']} (first flag {k['first_flag']})"
        for k in o["keys"]
        if k["label"] == "distiller"
        and not (k["first_flag"] and k["first_flag"] <= o["distillers_caught_within"])
    ]
    flagged = [
        f"{k['key']} (score {k['max_score']:.2f})"
        for k in o["keys"]
        if k["label"] == "benign" and k["first_flag"]
    ]
    out.append(f"  distiller keys not caught in time: {', '.join(missed) or 'none'}")
    out.append(f"  benign keys flagged: {', '.join(flagged) or 'none'}")
    return out


def loop_lines(s: dict) -> list[str]:
    lp = s.get("loop")
    if not lp:
        return []
    out = ["closed loop (students from the same 6-layer prune, same steps):"]
    for name, fid in lp["fidelity"].items():
        tr = lp["trace"].get(name) or {}
        d = lp["data"].get(name, {})
        out.append(
            f"  {name:22s} trained on {d.get('completions', '-')!s:>5} answers / {d.get('tokens', '-')!s:>6} tokens"
            f"  KL {fid['kl']:.3f}  top-1 {fid['top1']:.3f}  trace p {tr.get('p_value', float('nan')):.2e}"
            f" ({tr.get('num_scored', 0)} tuples)"
        )
    p = (lp["trace"].get("distiller_guard_on") or {}).get("p_value", 1.0)
    out.append(
        f"  guard-on distiller student traced at p < 1e-6: {'MET' if p < TARGETS['p_value'] else 'MISSED'} (p = {p:.2e})"
    )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tune", type=int, nargs="*", default=[0])
    ap.add_argument("--held-out", type=int, nargs="*", default=[201])
    ap.add_argument(
        "--full-seed", type=int, default=200, help="held-out seed of the full run (embedded teacher)"
    )
    ap.add_argument("--work", default="/tmp/stillroom-arena-bench")
    ap.add_argument("--skip-full", action="store_true")
    ap.add_argument(
        "--day-fraction", type=float, default=1.0, help="full run: share of each key's day replayed"
    )
    ap.add_argument("--max-tokens", type=int, default=64, help="full run: serve's generation cap per answer")
    ap.add_argument("--steps", type=int, default=200, help="full run: distillation steps per student")
    ap.add_argument("--lr", type=float, default=1e-3, help="full run: students' learning rate")
    ap.add_argument(
        "--trace-texts", type=int, default=500, help="full run: watermarked answers the trace reads"
    )
    ap.add_argument("--skip-fake", action="store_true", help="only the embedded-teacher run")
    a = ap.parse_args()
    lines, t0 = [machine(), ""], time.time()
    for label, seeds in () if a.skip_fake else (("tuning", a.tune), ("held-out", a.held_out)):
        for seed in seeds:
            s = run_arena(
                ArenaConfig(seed=seed, teacher="fake", loop={"enabled": False}), Path(a.work) / f"fake-{seed}"
            )
            lines += [f"[{label} seed {seed}, fake teacher, detection only]", headline(s), *check(s), ""]
            print("\n".join(lines[-8:]), flush=True)
    if not a.skip_full:
        cfg = ArenaConfig(
            seed=a.full_seed,
            day_fraction=a.day_fraction,
            max_tokens_cap=a.max_tokens,
            counts=FULL_COUNTS,
            loop={"steps": a.steps, "trace_texts": a.trace_texts, "lr": a.lr},
        )
        s = run_arena(cfg, Path(a.work) / f"full-{a.full_seed}")
        lines += [
            f"[held-out seed {a.full_seed}, embedded teacher, {a.day_fraction:.0%} of the day, answers capped at "
            f"{a.max_tokens} tokens, personas {FULL_COUNTS}, {a.steps} distillation steps per student at lr {a.lr:g}]",
            headline(s),
            *check(s),
            *loop_lines(s),
            f"  full run wall time {s['wall_s']:.0f} s (target < {TARGETS['wall_s']} s) "
            f"{'MET' if s['wall_s'] < TARGETS['wall_s'] else 'MISSED'}",
            "",
        ]
        for name in ("summary.json", "report.html"):
            shutil.copy(Path(a.work) / f"full-{a.full_seed}" / name, RESULTS / f"arena-{name}")
    lines.append(f"bench wall time {time.time() - t0:.0f} s; load average at end {os.getloadavg()[0]:.2f}")
    text = "\n".join(lines) + "\n"
    (RESULTS / "arena.txt").write_text(text)
    print(text)


if __name__ == "__main__":
    main()

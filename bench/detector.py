"""Detector benchmark: per-request latency of `observe`, and the offline evaluation on generated traces.

    .venv/bin/python bench/detector.py                      # writes bench/results/detector.txt
    .venv/bin/python bench/detector.py --tune 0 --held-out 100 --out /tmp/x.txt   # quicker

Thresholds were tuned by looking at the tuning seeds only; the held-out seeds are reported beside
them. Three detectors per seed set: the full detector, the same with cross-key clusters off
(per-key evidence only), and PRADA alone (Juuti et al. 2019; a key is flagged once W < 0.90).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from pathlib import Path

import numpy as np

from stillroom.detector import Detector, DetectorConfig
from stillroom.detector.evaluate import format_report, merge, run_detector, run_prada, summarise, to_event
from stillroom.detector.traces import generate


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = os.getloadavg()
    note = " -- other jobs shared the CPU during this run" if load[0] > 1.5 else ""
    return (
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs, {mem:.1f} GiB RAM\n"
        f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}{note}"
    )


def latency(seed: int) -> str:
    """Wall and CPU time per observe() over one seed's whole trace (all keys interleaved)."""
    events = [to_event(e) for e in generate(seed)]
    det, wall, cpu = Detector(), [], []
    det.observe(events[0])
    for e in events[1:]:
        t0, c0 = time.perf_counter_ns(), time.thread_time_ns()
        det.observe(e)
        cpu.append(time.thread_time_ns() - c0)
        wall.append(time.perf_counter_ns() - t0)
    w, c = np.array(wall) / 1e6, np.array(cpu) / 1e6
    return (
        f"observe() latency over {len(w)} requests of seed {seed} ({len(det.keys)} keys):\n"
        f"  wall ms: p50 {np.percentile(w, 50):.3f}  p90 {np.percentile(w, 90):.3f}  p99 {np.percentile(w, 99):.3f}"
        f"  mean {w.mean():.3f}\n"
        f"  CPU ms:  p50 {np.percentile(c, 50):.3f}  p90 {np.percentile(c, 90):.3f}  p99 {np.percentile(c, 99):.3f}"
        f"  mean {c.mean():.3f}   (CPU time excludes waiting for a core on a loaded machine)"
    )


def evaluate(seeds: list[int], label: str) -> str:
    full, per_key, prada, margins = [], [], [], []
    for s in seeds:
        events = generate(s)
        full.append(run_detector(events))
        per_key.append(run_detector(events, DetectorConfig(clusters=False)))
        prada.append(run_prada(events))
    cfg = DetectorConfig()
    out = [
        f"== {label} seeds {seeds} ==  (thresholds: watch {cfg.watch}, suspect {cfg.suspect}, block {cfg.block};"
        f" 'flagged' = reached suspect; RTD = requests-to-detection; PRADA's max score is 1 - W)"
    ]
    for name, runs in (("detector", full), ("detector, clusters off", per_key), ("PRADA alone", prada)):
        out.append(format_report(summarise(name, merge(runs))))
    m = merge(full)
    benign = sorted((o.max_score for o in m.values() if o.label == "benign"), reverse=True)
    rtd = [o.at("suspect") for o in m.values() if o.label == "distiller" and o.caught]
    margins.append(
        f"benign max score: highest {benign[0]:.3f}, 95th pct {np.percentile(benign, 95):.3f}; "
        f"distillers detected before 500 requests: {sum(r < 500 for r in rtd)}/"
        f"{sum(o.label == 'distiller' for o in m.values())}"
        f"; mean RTD {statistics.mean(rtd):.0f}"
        if rtd
        else ""
    )
    return "\n".join(out + margins)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tune", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--held-out", type=int, nargs="+", default=[100, 101, 102])
    ap.add_argument("--out", default=str(Path(__file__).parent / "results" / "detector.txt"))
    a = ap.parse_args()
    t0 = time.time()
    parts = [machine(), latency(a.held_out[0]), evaluate(a.tune, "tuning"), evaluate(a.held_out, "held-out")]
    parts.append(f"bench wall time {time.time() - t0:.0f} s; load average at end {os.getloadavg()[0]:.2f}")
    text = "\n\n".join(parts) + "\n"
    Path(a.out).write_text(text)
    print(text)


if __name__ == "__main__":
    main()

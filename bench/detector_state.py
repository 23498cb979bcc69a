"""Detector state on disk (#18): memory per key, snapshot size and time at 10k and 100k keys, the
event-loop pause a guard's periodic snapshot costs, and pickle (the obvious peer) beside ours.

    PYTHONPATH=src .venv/bin/python bench/detector_state.py      # writes bench/results/detector_state.txt

Two key profiles, both real detector states from seed 0's simulated day (`detector.traces`):
"light" = each key after its first 20 requests (most keys of a real deployment), "busy" = each key
after the whole day (full 200-request window, PRADA's novel set near its 128 rows). Large key
counts are made by giving the observed keys' captured states new names (the file then holds that
many independent keys; `load` builds that many independent objects).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import pickle
import tempfile
import time
import tracemalloc
from pathlib import Path

from _common import LINES, header, say
from stillroom.detector import Detector, DetectorConfig
from stillroom.detector.persist import Captured, Saver, load
from stillroom.detector.traces import generate
from stillroom.detector.types import TrafficEvent
from stillroom.guard.snapshots import Snapshots


def event(e: dict) -> TrafficEvent:
    return TrafficEvent(**{k: v for k, v in e.items() if k not in ("family", "label")})


def profiles() -> dict[str, Detector]:
    events = generate(0)
    busy, light, seen = Detector(DetectorConfig(seed=0)), Detector(DetectorConfig(seed=0)), {}
    for e in events:
        busy.observe(event(e))
        seen[e["key_id"]] = seen.get(e["key_id"], 0) + 1
        if seen[e["key_id"]] <= 20:
            light.observe(event(e))
    return {"light": light, "busy": busy}


def scaled(det: Detector, n: int) -> Captured:
    """`det`'s captured state with its keys repeated under new names up to `n` keys."""
    cap = Saver().capture(det)
    base = cap.keys
    cap.keys = [(f"k{i}", *base[i % len(base)][1:]) for i in range(n)]
    return cap


def write(cap: Captured, path: Path) -> int:
    return Saver().write(cap, path)


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        return next(int(x.split()[1]) for x in f if x.startswith("VmRSS:")) / 1024


def memory_per_key(det: Detector, folder: Path, n: int) -> float:
    """Bytes per key that `n` loaded keys hold (tracemalloc: Python and numpy allocations)."""
    write(scaled(det, n), folder / "mem")
    gc.collect()
    tracemalloc.start()
    loaded = load(folder / "mem")
    used = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del loaded
    return used / n


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def size_and_time(det: Detector, folder: Path, n: int, do_load: bool) -> str:
    cap = scaled(det, n)
    path = folder / f"state-{n}"
    size, t_write = timed(lambda: write(cap, path))
    line = f"{n:>7} keys: file {size / 1e6:8.1f} MB ({size / n / 1e3:.1f} KB/key), write {t_write:6.2f} s"
    if do_load:
        before = rss_mb()
        loaded, t_load = timed(lambda: load(path))
        line += f", load {t_load:6.2f} s (RSS +{rss_mb() - before:.0f} MB)"
        del loaded
    path.unlink()
    return line


def ticker_during(snaps: Snapshots) -> tuple[list[float], float]:
    """How late a 1 ms ticker on the loop ran while `snaps.save()` ran (ms, sorted), and its time."""

    async def run() -> tuple[list[float], float]:
        late = []
        task = asyncio.create_task(snaps.save())
        t0 = time.perf_counter()
        while not task.done():
            t = time.perf_counter()
            await asyncio.sleep(0.001)
            late.append((time.perf_counter() - t - 0.001) * 1e3)
        await task
        return sorted(late), time.perf_counter() - t0

    return asyncio.run(run())


def pause(det: Detector, folder: Path, n: int, active: int) -> list[str]:
    """A real n-key detector in a guard's Snapshots: the loop's pause for the capture of the first
    snapshot (every key) and of later ones after `active` keys had a new request, and how late a
    1 ms ticker on the loop ran during each save (capture + encoding in a thread)."""
    write(scaled(det, n), folder / "src")
    big = load(folder / "src")
    snaps = Snapshots(big, str(folder / "out"), 3600)
    out = []
    last = [e for e in generate(1) if e["family"] == "chat"][-1]
    for label in ("first (all keys)", "later", "later", "later"):
        if label == "later":
            for i in range(0, n, n // active):
                big.observe(event({**last, "key_id": f"k{i}"}))
        late, total = ticker_during(snaps)
        out.append(
            f"{n:>7} keys, {label + (f' ({active} keys active since)' if label == 'later' else ''):<30}: "
            f"capture paused the loop {snaps.last['pause_ms']:7.1f} ms; save {total:5.2f} s; 1 ms ticker late "
            f"p50 {late[len(late) // 2]:.2f} ms, p99 {late[int(len(late) * 0.99)]:.2f} ms, max {late[-1]:.0f} ms"
        )
    return out


def peer(det: Detector, folder: Path) -> list[str]:
    """pickle of the whole Detector (the format we did not choose) vs ours, on the same state."""
    path = folder / "ours"
    ours_size, t_ours = timed(lambda: write(Saver().capture(det), path))
    _, t_ours_load = timed(lambda: load(path))
    raw, t_pickle = timed(lambda: pickle.dumps(det, protocol=pickle.HIGHEST_PROTOCOL))
    _, t_unpickle = timed(lambda: pickle.loads(raw))
    return [
        f"ours   : {ours_size / 1e6:.2f} MB, save {t_ours * 1e3:.0f} ms, load {t_ours_load * 1e3:.0f} ms",
        f"pickle : {len(raw) / 1e6:.2f} MB, save {t_pickle * 1e3:.0f} ms, load {t_unpickle * 1e3:.0f} ms",
        f"ratio ours/pickle: size {ours_size / len(raw):.2f}, save {t_ours / t_pickle:.1f}x, "
        f"load {t_ours_load / t_unpickle:.1f}x",
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keys", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--out", default="bench/results/detector_state.txt")
    a = ap.parse_args()
    header("bench/detector_state.py")
    dets = profiles()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, det in dets.items():
            say(f"\n## {name} keys ({len(det.keys)} observed keys, {det.observed} requests)")
            say(
                f"memory per key (tracemalloc, 2000 loaded keys): {memory_per_key(det, folder, 2000) / 1e3:.1f} KB"
            )
            for n in a.keys:
                # loading 100k keys would need 100k x the memory per key (4.7-21 GB): more than a job may use here
                say(size_and_time(det, folder, n, do_load=n <= 10_000))
            n = 10_000 if name == "light" else 2_000  # 2k busy keys: ~0.4 GB (4 GB per job here)
            for line in pause(det, folder, n, n // 100):
                say(line)
            say("peer (the observed keys only):")
            for line in peer(det, folder):
                say("  " + line)
    Path(a.out).write_text("\n".join(LINES) + "\n")


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()

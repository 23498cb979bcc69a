"""What the audit journal's durability policy costs: the append on the request path, the sync off it.

    python bench/guard_journal.py [--rows 5000] [--out bench/results/guard-journal.txt]

Each answered request copies its audit row (~0.8 KB of JSON) into a shared memory map of the
journal file before its response completes: that is what makes a SIGKILL of the guard lose
nothing. The audit writer thread starts a new segment and msyncs the old one every
`audit_flush_s` (default 0.2 s) instead of per row. This measures the append, that periodic sync,
and, for comparison, what a write(2) + fsync per row would cost on the same disk.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from stillroom.guard.journal import Journal

ROW = {
    "request_id": "0" * 32,
    "ts": 0.0,
    "key_id": "abcdef123456",
    "endpoint": "chat",
    "model": "fake",
    "prompt_fp": "f" * 32,
    "prompt": None,
    "features": {f"feature_{i}": 0.123456 for i in range(22)},
    "contributions": {f"feature_{i}": 0.1 for i in range(8)},
    "score": 0.2,
    "verdict": "ok",
    "action": "allow",
    "status": 200,
    "prompt_tokens": 10,
    "completion_tokens": 20,
    "latency_ms": 1.2,
    "error": None,
}


def fsync_per_row(path: Path, rows: int = 50) -> list[float]:
    """The alternative not taken: write(2) + fsync for every row."""
    line = (json.dumps(ROW) + "\n").encode()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    out = []
    for _ in range(rows):
        t = time.perf_counter()
        os.write(fd, line)
        os.fsync(fd)
        out.append(time.perf_counter() - t)
    os.close(fd)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=5000)
    ap.add_argument(
        "--dir", default=None, help="where to write (default: a temp dir on the same disk as /tmp)"
    )
    ap.add_argument("--out", default=str(Path(__file__).parent / "results" / "guard-journal.txt"))
    args = ap.parse_args()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(dir=args.dir) as d:
        j = Journal(d)
        appends = []
        for i in range(args.rows):
            t = time.perf_counter()
            j.commit({**ROW, "request_id": f"{i:032d}", "ts": time.time()})
            appends.append(time.perf_counter() - t)
        row_bytes = j.current.size / args.rows
        syncs = []
        for k in range(50):  # ~40 rows between syncs: 200 req/s at the default 0.2 s interval
            for i in range(40):
                j.commit({**ROW, "request_id": f"s{k}-{i}", "ts": time.time()})
            t = time.perf_counter()
            j.sync()
            syncs.append(time.perf_counter() - t)
        j.close()
        per_row = fsync_per_row(Path(d) / "plain.jsonl")
    q = statistics.quantiles(appends, n=100)
    lines = [
        "# bench/guard_journal.py: the audit journal: append (request path), periodic sync (writer thread)",
        f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} CPUs, disk of {Path(d).parent}",
        f"append one row ({row_bytes:.0f} bytes, encoded and copied into the map): p50 {q[49] * 1e6:.1f} us,"
        f" p99 {q[98] * 1e6:.1f} us over {args.rows} rows",
        f"sync every audit_flush_s (new segment + msync of ~40 rows): p50 {statistics.median(syncs) * 1e3:.2f} ms,"
        f" max {max(syncs) * 1e3:.2f} ms over 50",
        f"not taken, write(2) + fsync per row: p50 {statistics.median(per_row) * 1e3:.2f} ms,"
        f" max {max(per_row) * 1e3:.2f} ms over 50",
        "policy: each row is in the page cache before its response completes (survives SIGKILL of the guard);"
        " synced every audit_flush_s (a power loss or kernel crash loses at most that window)",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    Path(args.out).write_text(text)


if __name__ == "__main__":
    main()

"""What the audit journal's fsync policy costs: the append on the request path, the fsync off it.

    python bench/guard_journal.py [--rows 5000] [--out bench/results/guard-journal.txt]

Each answered request appends its audit row (~0.8 KB of JSON) with one `write(2)` before the
response completes: that is what makes a SIGKILL of the guard lose nothing. The audit writer
thread fsyncs every `audit_flush_s` (default 0.2 s) instead of per row: this measures both, to
show why (an fsync per request would add the fsync's milliseconds to every response).
"""

from __future__ import annotations

import argparse
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
        for k in range(50):  # ~40 rows between fsyncs: 200 req/s and the default 0.2 s interval
            for i in range(40):
                j.commit({**ROW, "request_id": f"s{k}-{i}", "ts": time.time()})
            t = time.perf_counter()
            j.sync()
            syncs.append(time.perf_counter() - t)
        j.close()
    q = statistics.quantiles(appends, n=100)
    lines = [
        "# bench/guard_journal.py: the audit journal's append (request path) and fsync (writer thread)",
        f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} CPUs, disk of {Path(d).parent}",
        f"append one row ({row_bytes:.0f} bytes, one write(2)): p50 {q[49] * 1e6:.1f} us, p99 {q[98] * 1e6:.1f} us"
        f" over {args.rows} rows",
        f"fsync after 40 rows: p50 {statistics.median(syncs) * 1e3:.2f} ms, max {max(syncs) * 1e3:.2f} ms over 50",
        "policy: write(2) before each response (survives SIGKILL of the guard); fsync every audit_flush_s"
        " (a power loss or kernel crash loses at most that window)",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    Path(args.out).write_text(text)


if __name__ == "__main__":
    main()

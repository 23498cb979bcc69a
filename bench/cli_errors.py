"""Every CLI input error in < 2 s with nothing left behind (issue #19): each case of
tests/test_cli_errors.py run 3 times as a user would (a fresh process in a fresh folder).

    .venv/bin/python bench/cli_errors.py

Prints, per case, the median and slowest wall time of the whole command (interpreter start
included), whether torch was imported and whether any file changed. Writes bench/results/cli_errors.txt.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from _common import LINES, header, say

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_cli_errors import CASES, LIMIT_S, run_case

REPEATS = 3


def main() -> None:
    header("bench/cli_errors.py")
    worst = 0.0
    say(f"{'case':28s} {'median s':>9s} {'max s':>7s}  torch  files  message")
    for case, argv, _ in CASES:
        times, msg, bad = [], "", []
        for _ in range(REPEATS):
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp) / "w"
                folder.mkdir()
                r, elapsed, torch_loaded, changed = run_case(folder, argv)
            times.append(elapsed)
            msg = r.stderr.strip().splitlines()[0][:70] if r.stderr.strip() else ""
            bad += (
                ["torch"] * torch_loaded + ["files"] * changed + [f"rc {r.returncode}"] * (r.returncode != 2)
            )
        worst = max(worst, max(times))
        flags = f"{'yes' if 'torch' in bad else 'no':5s}  {'left' if 'files' in bad else 'none':5s}"
        say(f"{case:28s} {statistics.median(times):9.2f} {max(times):7.2f}  {flags}  {msg}")
    verdict = "met" if worst < LIMIT_S else "NOT met"
    say(f"slowest of {len(CASES)} cases x {REPEATS}: {worst:.2f} s (target < {LIMIT_S:.0f} s: {verdict})")
    out = Path(__file__).parent / "results" / "cli_errors.txt"
    out.write_text("\n".join(LINES) + "\n")


if __name__ == "__main__":
    main()

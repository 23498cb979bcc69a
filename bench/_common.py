"""What every benchmark report starts with, so no number is read without the machine it ran on.

Scripts run as `python bench/NAME.py`, so this folder is on sys.path: `from _common import ...`.
"""

from __future__ import annotations

import os
import platform
import sys
import time

LINES: list[str] = []  # everything `say` printed, for the results file


def say(msg: str = "") -> None:
    print(msg, flush=True)
    LINES.append(msg)


def machine() -> str:
    import torch

    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.platform()}, {os.cpu_count()} CPUs, {mem:.1f} GiB RAM, torch {torch.__version__}"


def header(script: str) -> None:
    """The first lines of a report: script, time, arguments, machine and its load average."""
    load = os.getloadavg()
    say(f"# {script}  {time.strftime('%Y-%m-%d %H:%M:%S')}  argv: {' '.join(sys.argv[1:])}")
    say(
        f"machine: {machine()}; load average at start {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
        + ("  (other jobs shared the CPU: timings are pessimistic)" if load[0] > 1.5 else "")
    )

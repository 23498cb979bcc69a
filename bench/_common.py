"""What every benchmark report starts with, so no number is read without the machine it ran on.

Scripts run as `python bench/NAME.py`, so this folder is on sys.path: `from _common import ...`.
"""

from __future__ import annotations

import os
import platform

LINES: list[str] = []  # everything `say` printed, for the results file


def say(msg: str = "") -> None:
    print(msg, flush=True)
    LINES.append(msg)


def machine() -> str:
    import torch

    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.platform()}, {os.cpu_count()} CPUs, {mem:.1f} GiB RAM, torch {torch.__version__}"

"""Size and speed of a model: parameters, bytes on disk, generation tokens/s and peak memory.

Peak memory on CPU is the process's peak resident set while the model generates (Linux lets a
process reset its own high-water mark through /proc/self/clear_refs), minus what was resident
before, plus the weights: the memory this model needs, with the other loaded models left out.
On CUDA it is `torch.cuda.max_memory_allocated`.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import torch

WEIGHT_SUFFIXES = (".safetensors", ".bin", ".gguf", ".pt")


def disk_bytes(folder: str | Path) -> int:
    return sum(f.stat().st_size for f in Path(folder).iterdir() if f.suffix in WEIGHT_SUFFIXES)


def weight_bytes(model) -> int:
    return sum(p.numel() * p.element_size() for p in model.parameters())


def size(model, folder: str | Path) -> dict[str, int]:
    return {
        "params": sum(p.numel() for p in model.parameters()),
        "disk_bytes": disk_bytes(folder),
        "weight_bytes": weight_bytes(model),
    }


def _status_kb(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def timed_generate(teacher, prompts: list, params) -> tuple[list, dict[str, Any]]:
    """Run `teacher.generate` and measure generated tokens/s and the peak memory it took."""
    cuda = teacher.model.device.type == "cuda"
    if cuda:
        torch.cuda.reset_peak_memory_stats()
    rss_before, can_reset = _status_kb("VmRSS"), _reset_peak()
    t0 = time.perf_counter()
    outs = teacher.generate(prompts, params)
    wall = time.perf_counter() - t0
    tokens = sum(c.completion_tokens for c in outs)
    stats: dict[str, Any] = {
        "gen_tokens": tokens,
        "gen_wall_s": wall,
        "tokens_per_s": tokens / max(wall, 1e-9),
        "batch_size": getattr(teacher, "batch_size", None),
    }
    if cuda:
        stats.update(peak_mem_bytes=torch.cuda.max_memory_allocated(), mem_kind="cuda max allocated")
    elif can_reset and rss_before is not None:
        delta = max(0, (_status_kb("VmHWM") or rss_before) - rss_before) * 1024
        stats.update(peak_mem_bytes=weight_bytes(teacher.model) + delta, mem_kind="weights + peak RSS growth")
    return outs, stats

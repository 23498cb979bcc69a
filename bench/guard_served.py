"""CPU the guard spends collecting a stream's reply heads for the detector's `served`.

    python bench/guard_served.py [--out bench/results/guard-served.txt]

Relays a 300-token chat stream (OpenAI-shaped chunks, ~5 characters per token) through the
guard's chunk relay (`guard/proxy.py`) with and without reply-head collection, n = 1 and 2, and
reports the best of 30 runs of each: the extra CPU per stream, and how many chunks were parsed
(collection stops once each choice has SERVED_HEAD_CHARS characters).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

from stillroom.guard.context import SERVED_HEAD_CHARS, RequestContext, StreamHeads
from stillroom.guard.keys import ApiKey
from stillroom.guard.proxy import _relay_lines

TOKENS, RUNS = 300, 30


def chunk_line(i: int, choice: int) -> bytes:
    delta = {
        "index": choice,
        "delta": {"content": f" tok{i % 97:02d}"},
        "logprobs": None,
        "finish_reason": None,
    }
    chunk = {
        "id": "chatcmpl-abc123",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": [delta],
    }
    return b"data: " + json.dumps(chunk).encode()


def relay_s(lines: list[bytes], n: int, heads: bool) -> tuple[float, RequestContext]:
    ctx = RequestContext(endpoint="chat", key=ApiKey("k", "bench", "h", None, None, 0.0))
    ctx.heads = StreamHeads(n) if heads else None
    t0 = time.perf_counter()
    for line in lines:
        _relay_lines([line], ctx, None)
    return time.perf_counter() - t0, ctx


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="bench/results/guard-served.txt")
    args = ap.parse_args()
    out = [
        "# bench/guard_served.py: extra CPU of collecting stream reply heads for Detector.served",
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs, python {platform.python_version()}",
        f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
        f"a {TOKENS}-token chat stream per choice; best of {RUNS} runs; head = {SERVED_HEAD_CHARS} characters",
    ]
    for n in (1, 2):
        lines = [chunk_line(i, c) for i in range(TOKENS) for c in range(n)]
        plain = min(relay_s(lines, n, False)[0] for _ in range(RUNS))
        heads = min(relay_s(lines, n, True)[0] for _ in range(RUNS))
        ctx = relay_s(lines, n, True)[1]
        assert ctx.heads is not None
        parsed = sum(len(p) for p in ctx.heads.parts.values())
        out.append(
            f"n={n}: {len(lines)} chunks relayed in {plain * 1e3:.3f} ms without heads, {heads * 1e3:.3f} ms "
            f"with: +{(heads - plain) * 1e3:.3f} ms per stream; {parsed} chunks parsed, "
            f"heads of {[len(t) for t in ctx.heads.texts()]} characters"
        )
    print("\n".join(out))
    Path(args.out).write_text("\n".join(out) + "\n")


if __name__ == "__main__":
    main()

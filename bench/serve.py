"""Aggregate tokens/s of `stillroom serve` at concurrency 1, 8 and 32 vs one stream; time to first chunk.

Run: `.venv/bin/python bench/serve.py` (embedded teacher, ~3 min on 2 cores), or
`--teacher hf:PATH --max-tokens 16 --budget-s 20` for a quick smoke run.

It starts `stillroom serve` as a subprocess (so the client's threads never share a GIL with the
server), then for each concurrency level c keeps c clients (the official `openai` async client)
busy with greedy chat requests until the level's share of the time budget is spent, and reports
completion tokens per second of wall time (first request sent -> last answer in), plus the
server's own counters: how many generate calls served those requests (the batching at work).
A level always finishes the round it started, so a slow machine can overrun the budget by a round.

Before the levels, at concurrency 1, it streams `--ttfc-runs` greedy chat answers and measures the
time to the first chunk with content against one decode step of the same stream (the time
between that chunk and the last, over the tokens in between): issue 15's target is a ratio
<= 2 (a buffered stream's first chunk comes at the total time instead). The server's prefix
cache (`prefix_cache_tokens`) is on, as by default: each stream reuses the KV of what its prompt
shares with the one before (the chat template's system prompt, the user header, and here also
"Write a detailed paragraph about"). After the server stops, the same prompts are run in this
process to break the first chunk down: template + tokenize, prefill of the whole prompt, of what
follows the template's shared beginning (what any chat pays with the cache warm), of what follows
the previous prompt's shared beginning (what these streams paid), and one decode step.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import httpx
import openai

from stillroom.net import free_port

TOPICS = [
    "photosynthesis",
    "the Roman Empire",
    "binary search",
    "volcanoes",
    "the water cycle",
    "jazz music",
    "black holes",
    "compound interest",
    "the French Revolution",
    "neural networks",
    "coral reefs",
    "the printing press",
    "plate tectonics",
    "vaccines",
    "the stock market",
    "origami",
    "glaciers",
    "the internet",
    "honeybees",
    "chess openings",
    "solar panels",
    "the Silk Road",
    "DNA replication",
    "climate change",
    "the Moon landing",
    "recycling",
    "earthquakes",
    "electric cars",
    "tea ceremonies",
    "the human heart",
    "rainforests",
    "prime numbers",
]


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.platform()}, {os.cpu_count()} CPUs, {mem:.1f} GiB RAM, Python {platform.python_version()}"
    )


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux): throughput per CPU-second survives a shared machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server(args: argparse.Namespace, port: int) -> subprocess.Popen:
    cmd = [
        sys.executable,
        "-m",
        "stillroom.cli",
        "serve",
        "--teacher",
        args.teacher,
        "--port",
        str(port),
        "--model-name",
        "bench",
        "--max-batch",
        str(args.max_batch),
        "--max-wait-ms",
        str(args.max_wait_ms),
    ]
    env = {**os.environ, **({"OMP_NUM_THREADS": str(args.threads)} if args.threads else {})}
    proc = subprocess.Popen(cmd, env=env)
    for _ in range(1200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            if proc.poll() is not None:
                raise SystemExit(f"server exited with {proc.returncode}") from None
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("server did not come up in 120 s")


async def level(client: openai.AsyncOpenAI, c: int, budget_s: float, max_tokens: int) -> dict[str, float]:
    """c workers each send requests back to back until the budget is spent; one request each at least."""
    deadline = time.perf_counter() + budget_s
    tokens, latencies = [], []

    async def worker(w: int) -> None:
        i = w
        while True:
            t0 = time.perf_counter()
            r = await client.chat.completions.create(
                model="bench",
                max_tokens=max_tokens,
                temperature=0,
                messages=[
                    {
                        "role": "user",
                        "content": f"Write a detailed paragraph about {TOPICS[i % len(TOPICS)]}.",
                    }
                ],
            )
            latencies.append(time.perf_counter() - t0)
            tokens.append(r.usage.completion_tokens)
            i += c
            if time.perf_counter() >= deadline:
                return

    t0 = time.perf_counter()
    await asyncio.gather(*(worker(w) for w in range(c)))
    wall = time.perf_counter() - t0
    latencies.sort()
    return {
        "requests": len(tokens),
        "tokens": sum(tokens),
        "wall_s": wall,
        "tok_s": sum(tokens) / wall,
        "p50_s": latencies[len(latencies) // 2],
    }


def ttfc_messages(i: int) -> list[dict[str, str]]:
    return [{"role": "user", "content": f"Write a detailed paragraph about {TOPICS[i % len(TOPICS)]}."}]


async def first_chunk(client: openai.AsyncOpenAI, runs: int, max_tokens: int) -> dict[str, float]:
    """Medians over `runs` streams at concurrency 1: time to first content chunk, one decode step
    (inter-chunk time after it, per token), the whole stream."""
    ttfc, step, total = [], [], []
    for i in range(runs):
        messages = ttfc_messages(i)
        t0, first, tokens = time.perf_counter(), None, 0
        stream = await client.chat.completions.create(
            model="bench",
            max_tokens=max_tokens,
            temperature=0,
            messages=messages,
            stream=True,
            stream_options={"include_usage": True},
        )
        async for chunk in stream:
            if first is None and chunk.choices and chunk.choices[0].delta.content:
                first = time.perf_counter() - t0
            if chunk.usage:
                tokens = chunk.usage.completion_tokens
        took = time.perf_counter() - t0
        if first is None or tokens < 2:
            continue
        ttfc.append(first)
        step.append((took - first) / (tokens - 1))
        total.append(took)
    if not ttfc:
        raise SystemExit("no stream produced two tokens; raise --max-tokens")
    med = lambda xs: sorted(xs)[len(xs) // 2]  # noqa: E731
    return {"runs": len(ttfc), "ttfc_s": med(ttfc), "step_s": med(step), "total_s": med(total)}


async def run(args: argparse.Namespace, url: str, pid: int) -> tuple[dict[str, float], list]:
    client = openai.AsyncOpenAI(base_url=f"{url}/v1", api_key="x", timeout=1800, max_retries=0)
    hi = [{"role": "user", "content": "hi"}]
    await client.chat.completions.create(model="bench", max_tokens=1, messages=hi)  # warm up
    before = httpx.get(f"{url}/health").json()
    ttfc = await first_chunk(client, args.ttfc_runs, args.max_tokens)
    after = httpx.get(f"{url}/health").json()
    ttfc["reused"] = (after["prefix_tokens_reused"] - before["prefix_tokens_reused"]) / args.ttfc_runs
    print(
        f"time to first chunk {ttfc['ttfc_s'] * 1000:.0f} ms = {ttfc['ttfc_s'] / ttfc['step_s']:.2f} decode steps"
    )
    weights = {c: 1 + c / 8 for c in args.levels}  # bigger levels get more time: their rounds are longer
    rows = []
    for c in args.levels:
        # Open c connections first (not measured), so the level starts with all clients in step.
        await asyncio.gather(
            *(client.chat.completions.create(model="bench", max_tokens=1, messages=hi) for _ in range(c))
        )
        before, cpu0 = httpx.get(f"{url}/health").json(), cpu_seconds(pid)
        result = await level(client, c, args.budget_s * weights[c] / sum(weights.values()), args.max_tokens)
        after, cpu = httpx.get(f"{url}/health").json(), cpu_seconds(pid) - cpu0
        calls = after["generate_calls"] - before["generate_calls"]
        rows.append(
            (
                c,
                result,
                {
                    "generate_calls": calls,
                    "rows_per_call": (after["rows"] - before["rows"]) / max(calls, 1),
                    "cpu_s": cpu,
                    "tok_per_cpu_s": result["tokens"] / max(cpu, 1e-9),
                },
            )
        )
        print(
            f"c={c}: {result['tok_s']:.1f} tok/s, {result['tokens'] / max(cpu, 1e-9):.1f} tok per server CPU-s "
            f"({result['requests']} requests, {calls} generate calls)",
            flush=True,
        )
    return ttfc, rows


def prefill_breakdown(teacher_spec: str, runs: int) -> dict[str, float]:
    """Medians over the time-to-first-chunk prompts, in this process (server stopped, same threads):
    the parts of the first chunk that are model work, each timed alone."""
    import torch
    from transformers import DynamicCache

    from stillroom.models import encode_prompt
    from stillroom.teachers import load_teacher
    from stillroom.teachers.hf import shared_prefix as lcp

    t = load_teacher(teacher_spec)
    model, tok = t.model, t.tokenizer  # type: ignore[attr-defined]
    template = lcp(
        encode_prompt(tok, [{"role": "user", "content": "a"}]), encode_prompt(tok, ttfc_messages(0))
    )

    def prefill_ms(ids: list[int], cached: int) -> tuple[float, float]:
        """ms to run ids[cached:] with ids[:cached] already in the KV cache; ms of one decode step after."""
        cache = DynamicCache(config=model.config)
        if cached:
            model(input_ids=torch.tensor([ids[:cached]]), past_key_values=cache)
        t0 = time.perf_counter()
        logits = model(input_ids=torch.tensor([ids[cached:]]), past_key_values=cache, logits_to_keep=1).logits
        t1 = time.perf_counter()
        model(input_ids=logits[:, -1].argmax(-1, keepdim=True), past_key_values=cache)
        return (t1 - t0) * 1000, (time.perf_counter() - t1) * 1000

    parts: dict[str, list[float]] = {}
    prev = encode_prompt(tok, [{"role": "user", "content": "hi"}])  # the bench's warm-up request
    with torch.inference_mode():
        prefill_ms(prev, 0)  # warm up
        for i in range(runs):
            t0 = time.perf_counter()
            ids = encode_prompt(tok, ttfc_messages(i))
            parts.setdefault("encode_ms", []).append((time.perf_counter() - t0) * 1000)
            shared = min(lcp(prev, ids), len(ids) - 1)
            for name, cached in (("whole", 0), ("template", template), ("previous", shared)):
                ms, step = prefill_ms(ids, cached)
                parts.setdefault(f"{name}_ms", []).append(ms)
                parts.setdefault(f"{name}_tokens", []).append(len(ids) - cached)
                parts.setdefault("step_ms", []).append(step)
            prev = ids
    return {k: sorted(v)[len(v) // 2] for k, v in parts.items()}


def report(
    args: argparse.Namespace,
    ttfc: dict,
    rows: list,
    load_start: tuple,
    load_end: tuple,
    wall: float,
    parts: dict[str, float],
) -> str:
    base, base_cpu = rows[0][1]["tok_s"], rows[0][2]["tok_per_cpu_s"]
    lines = [
        "# stillroom serve: aggregate throughput vs concurrency",
        f"command: python bench/serve.py {' '.join(sys.argv[1:])}".rstrip(),
        f"date: {time.strftime('%Y-%m-%d %H:%M:%S %Z')}",
        f"machine: {machine()}",
        f"load average at start: {load_start[0]:.2f} {load_start[1]:.2f} {load_start[2]:.2f}; "
        f"at end: {load_end[0]:.2f} {load_end[1]:.2f} {load_end[2]:.2f}",
        f"teacher: {args.teacher}; max_tokens={args.max_tokens}, greedy, max_batch={args.max_batch}, "
        f"max_wait_ms={args.max_wait_ms}; server threads: {args.threads or 'torch default'}; "
        f"total wall {wall:.0f} s",
        "tokens/s is completion tokens per wall second; tok/CPU-s divides by the server process's CPU time,",
        "which stays meaningful when other jobs share the machine (with 1 thread it approximates one free core).",
        "",
        "| concurrency | requests | completion tokens | wall s | tokens/s | x one stream | server CPU s "
        "| tok/CPU-s | x one stream | p50 latency s | generate calls | rows per call |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for c, r, s in rows:
        lines.append(
            f"| {c} | {r['requests']} | {r['tokens']} | {r['wall_s']:.1f} | {r['tok_s']:.1f} | "
            f"{r['tok_s'] / base:.2f} | {s['cpu_s']:.1f} | {s['tok_per_cpu_s']:.1f} | "
            f"{s['tok_per_cpu_s'] / base_cpu:.2f} | {r['p50_s']:.2f} | {s['generate_calls']} | "
            f"{s['rows_per_call']:.1f} |"
        )
    ratio = ttfc["ttfc_s"] / ttfc["step_s"]
    step = parts["step_ms"]
    lines += [
        "",
        f"## time to first chunk (streaming, concurrency 1, medians of {ttfc['runs']} greedy streams)",
        "",
        "| first content chunk ms | one decode step ms | ratio (target <= 2) | whole stream ms "
        "| prompt tokens reused from the prefix cache, mean |",
        "|---|---|---|---|---|",
        f"| {ttfc['ttfc_s'] * 1000:.0f} | {ttfc['step_s'] * 1000:.1f} | {ratio:.2f} "
        f"| {ttfc['total_s'] * 1000:.0f} | {ttfc['reused']:.1f} |",
        "",
        "Its model work timed alone in the bench process after the server stopped (medians; "
        "x = in decode steps timed the same way):",
        "",
        "| template + tokenize ms | prefill, whole prompt | prefill after the template's shared beginning "
        "| prefill after the previous prompt's shared beginning (the streams above) | one decode step ms |",
        "|---|---|---|---|---|",
        f"| {parts['encode_ms']:.1f} "
        + " ".join(
            f"| {parts[f'{k}_tokens']:.0f} tokens: {parts[f'{k}_ms']:.0f} ms = {parts[f'{k}_ms'] / step:.2f} x "
            for k in ("whole", "template", "previous")
        )
        + f"| {step:.1f} |",
    ]
    if max(load_start[0], load_end[0]) > 1.5:
        lines += [
            "",
            f"NOTE: load average above 1.5 ({load_start[0]:.1f} at start, {load_end[0]:.1f} at end): "
            "other jobs shared the CPU during this run, so absolute numbers are low and noisy.",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--teacher", default="hf:default")
    ap.add_argument("--levels", type=int, nargs="+", default=[1, 8, 32])
    ap.add_argument("--max-tokens", type=int, default=64)
    ap.add_argument("--max-batch", type=int, default=32)
    ap.add_argument("--max-wait-ms", type=float, default=10.0)
    ap.add_argument(
        "--budget-s", type=float, default=150.0, help="time shared by the levels (a round may overrun)"
    )
    ap.add_argument(
        "--threads", type=int, default=None, help="OMP_NUM_THREADS for the server (default: unset)"
    )
    ap.add_argument("--ttfc-runs", type=int, default=8, help="streams for the time-to-first-chunk row")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "serve.txt")
    args = ap.parse_args()
    load_start, t0 = os.getloadavg(), time.perf_counter()
    port = free_port()
    proc = start_server(args, port)
    try:
        ttfc, rows = asyncio.run(run(args, f"http://127.0.0.1:{port}", proc.pid))
    finally:
        proc.terminate()
        proc.wait(30)
    load_end = os.getloadavg()  # before the breakdown, which runs with the server stopped
    parts = prefill_breakdown(args.teacher, args.ttfc_runs)
    text = report(args, ttfc, rows, load_start, load_end, time.perf_counter() - t0, parts)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()

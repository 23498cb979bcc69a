"""Latency the guard adds and requests/s it sustains: direct vs stillroom guard vs LiteLLM proxy.

    python bench/guard.py [--seconds 4] [--litellm /path/to/litellm] [--out bench/results/guard.txt]

One run starts, each in its own process: a fast fake OpenAI upstream (raw ASGI, canned answer),
`stillroom guard` in front of it (default detector, policy, SQLite audit, in-process limits, a
key with limits), LiteLLM's proxy in front of the same upstream, and a load generator (raw
asyncio HTTP/1.1 keep-alive client, so the client's own overhead stays small). For each target
and concurrency 1/16/64 it runs closed-loop load for `--seconds` and reports p50/p99 latency and
requests/s. LiteLLM runs from its own venv (`--litellm`, default `litellm` on PATH) because its
pins clash with stillroom's; its virtual keys need a Postgres-backed DB, so it runs with its
master key only (no per-key limits) — a lighter configuration than the guard's.

Isolation (#14): one client's p50 at concurrency 1, alone and while another client (its own key,
one connection) sends 400 KB prompts at 20 requests/s, then as fast as its connection goes, and,
for reference, small prompts as fast as it goes; through the guard and directly. The guard's own
share of each change is the guard's change minus the direct one.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from stillroom.net import free_port

BODY = json.dumps({"model": "fake", "messages": [{"role": "user", "content": "Say hello."}], "max_tokens": 8})
ANSWER = json.dumps(
    {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 0,
        "model": "fake",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": "Hello there!"},
                "finish_reason": "stop",
                "logprobs": None,
            }
        ],
        "usage": {"prompt_tokens": 4, "completion_tokens": 3, "total_tokens": 7},
    }
).encode()
MODELS = json.dumps(
    {"object": "list", "data": [{"id": "fake", "object": "model", "created": 0, "owned_by": "bench"}]}
).encode()
CONCURRENCY = (1, 16, 64)


# --- the fake upstream (run with: python bench/guard.py --upstream PORT) ---


# answer time of the fake upstream in ms (env BENCH_UPSTREAM_DELAY_MS; default 0: as fast as it can):
# an LLM takes at least tens of ms, and work the guard does while it waits costs the client nothing
UPSTREAM_DELAY_S = float(os.environ.get("BENCH_UPSTREAM_DELAY_MS", "0")) / 1000


async def upstream_app(scope, receive, send):
    if scope["type"] != "http":
        return
    more = True
    while more:
        more = (await receive()).get("more_body", False)
    body = MODELS if scope["path"] == "/v1/models" else ANSWER
    if UPSTREAM_DELAY_S and body is ANSWER:
        await asyncio.sleep(UPSTREAM_DELAY_S)
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


# --- the load generator (run with: python bench/guard.py --load URL KEY SECONDS) ---


async def one_connection(
    host: str,
    port: int,
    request: bytes,
    stop_at: float,
    lat: list[float],
    codes: dict[int, int],
    interval: float = 0.0,
) -> None:
    """Closed loop on one keep-alive connection; with `interval`, one request per interval at most."""
    reader, writer = await asyncio.open_connection(host, port)
    next_at = time.perf_counter()
    while time.perf_counter() < stop_at:
        if interval:
            await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
            next_at += interval
        t0 = time.perf_counter()
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = next(
            int(line.split(b":")[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length")
        )
        await reader.readexactly(length)
        lat.append(time.perf_counter() - t0)
        codes[status] = codes.get(status, 0) + 1
    writer.close()


def big_body(prompt_bytes: int) -> str:
    words = ("the quick brown fox jumps over the lazy dog " * (prompt_bytes // 44 + 1))[:prompt_bytes]
    return json.dumps({"model": "fake", "messages": [{"role": "user", "content": words}], "max_tokens": 8})


async def load(
    url: str, key: str, seconds: float, concurrency: int, prompt_bytes: int = 0, rate: float = 0.0
) -> dict:
    host, port = url.split("//")[1].split(":")
    body = (big_body(prompt_bytes) if prompt_bytes else BODY).encode()
    request = (
        f"POST /v1/chat/completions HTTP/1.1\r\nhost: {host}:{port}\r\nauthorization: Bearer {key}\r\n"
        f"content-type: application/json\r\ncontent-length: {len(body)}\r\n\r\n"
    ).encode() + body
    warm: list[float] = []
    await asyncio.gather(
        *[
            one_connection(host, int(port), request, time.perf_counter() + 0.5, warm, {})
            for _ in range(concurrency)
        ]
    )
    lat: list[float] = []
    codes: dict[int, int] = {}
    t0 = time.perf_counter()
    interval = concurrency / rate if rate else 0.0
    await asyncio.gather(
        *[
            one_connection(host, int(port), request, t0 + seconds, lat, codes, interval)
            for _ in range(concurrency)
        ]
    )
    elapsed = time.perf_counter() - t0
    q = statistics.quantiles(lat, n=100)
    return {
        "n": len(lat),
        "n_all": len(lat) + len(warm),
        "rps": len(lat) / elapsed,
        "p50_ms": q[49] * 1000,
        "p99_ms": q[98] * 1000,
        "codes": codes,
    }


# --- orchestration ---


def wait_http(url: str, proc: subprocess.Popen, timeout_s: float = 90) -> None:
    import httpx

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[:3]} exited with {proc.returncode}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up in {timeout_s} s")


def start(cmd: list[str], env: dict | None = None, log: Path | None = None) -> subprocess.Popen:
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115
    return subprocess.Popen(
        cmd, env={**os.environ, **(env or {})}, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
    )


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def start_guard(tmp: Path, upstream: str) -> tuple[subprocess.Popen, str, list[str]]:
    port = free_port()
    db = f"sqlite:///{tmp}/guard.db"
    env = {"STILLROOM_ADMIN_KEY": "bench-admin-key-0123456789"}
    (tmp / "guard.yaml").write_text(f"models: [fake]\ndb: '{db}'\n")
    cli = [sys.executable, "-m", "stillroom.cli"]
    secrets, config = [], ["--config", str(tmp / "guard.yaml")]
    for label in ("bench", "other-client"):
        out = subprocess.run(
            [*cli, "keys", "create", "--label", label, "--rpm", "10000000", "--tpm", "1000000000", *config],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        secrets.append(next(line.split()[1] for line in out.splitlines() if line.startswith("secret:")))
    proc = start(
        [*cli, "guard", "--upstream", upstream, "--config", str(tmp / "guard.yaml"), "--port", str(port)],
        env,
        tmp / "guard.log",
    )
    url = f"http://127.0.0.1:{port}"
    wait_http(f"{url}/health", proc)
    return proc, url, secrets


def start_litellm(tmp: Path, upstream: str, binary: str) -> tuple[subprocess.Popen, str, str]:
    port = free_port()
    master = "sk-bench-master"
    cfg = {
        "model_list": [
            {
                "model_name": "fake",
                "litellm_params": {"model": "openai/fake", "api_base": f"{upstream}/v1", "api_key": "none"},
            }
        ],
        "general_settings": {"master_key": master},
        "litellm_settings": {"telemetry": False, "turn_off_message_logging": True, "set_verbose": False},
    }
    (tmp / "litellm.yaml").write_text(json.dumps(cfg))
    env = {"LITELLM_LOCAL_MODEL_COST_MAP": "True", "LITELLM_LOG": "ERROR", "DISABLE_SCHEMA_UPDATE": "true"}
    proc = start(
        [
            binary,
            "--config",
            str(tmp / "litellm.yaml"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--num_workers",
            "1",
        ],
        env,
        tmp / "litellm.log",
    )
    url = f"http://127.0.0.1:{port}"
    wait_http(f"{url}/health/liveliness", proc, timeout_s=180)
    return proc, url, master


def group_cpu_s(pgid: int) -> float:
    """CPU seconds (user + system) of every process in a process group (LiteLLM forks workers)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def run_load(url: str, key: str, seconds: float, concurrency: int, server: subprocess.Popen) -> dict:
    """The load generator in its own process; also the server's CPU time per request, which unlike
    latency does not depend on how busy the rest of the machine is."""
    cpu0 = group_cpu_s(server.pid)
    out = subprocess.run(
        [sys.executable, __file__, "--load", url, key, str(seconds), str(concurrency)],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds * 4 + 60,
    )
    r = json.loads(out.stdout)
    r["cpu_ms"] = (group_cpu_s(server.pid) - cpu0) / r["n_all"] * 1000
    return r


ATTACK_BYTES = 400_000
# (label, prompt bytes, requests/s; 0 = as fast as one connection goes)
ATTACKS = (
    ("400 KB prompts, 20/s", ATTACK_BYTES, 20.0),
    ("400 KB prompts, flat out", ATTACK_BYTES, 0.0),
    ("small prompts, flat out", 0, 0.0),
)


def victim(url: str, key: str, seconds: float) -> dict:
    cmd = [sys.executable, __file__, "--load", url, key, str(seconds), "1"]
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


def isolation(url: str, key: str, other_key: str, seconds: float) -> dict:
    """One client's latency at concurrency 1, alone and while another client (its own key, one
    connection) sends each of ATTACKS."""
    out = {"alone": victim(url, key, seconds)}
    for label, size, rate in ATTACKS:
        cmd = [
            sys.executable,
            __file__,
            "--load",
            url,
            other_key,
            str(seconds + 1.5),
            "1",
            str(size),
            str(rate),
        ]
        other = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
        time.sleep(0.5)  # the other client is past its warm-up
        out[label] = victim(url, key, seconds)
        out[label]["other"] = json.loads(other.communicate(timeout=seconds * 4 + 60)[0])
    return out


def isolation_report(iso: dict) -> list[str]:
    out = ["", "isolation: one client's latency at concurrency 1, alone and while another client sends ..."]
    for name, r in iso.items():
        a = r["alone"]
        out.append(f"{name:<16} alone: p50 {a['p50_ms']:.2f} ms, p99 {a['p99_ms']:.2f} ms")
        for label, _, _ in ATTACKS:
            b, o = r[label], r[label]["other"]
            out.append(
                f"{'':<16} {label:<26} p50 {b['p50_ms']:.2f} ms ({b['p50_ms'] - a['p50_ms']:+.2f}), "
                f"p99 {b['p99_ms']:.2f} ms; the other client got {o['rps']:.0f} req/s {o['codes']}"
            )
    if set(iso) == {"direct", "stillroom guard"}:
        for label, _, _ in ATTACKS:
            d = iso["direct"][label]["p50_ms"] - iso["direct"]["alone"]["p50_ms"]
            g = iso["stillroom guard"][label]["p50_ms"] - iso["stillroom guard"]["alone"]["p50_ms"]
            out.append(
                f"the guard's own share of the p50 change, {label}: {g - d:+.2f} ms (guard minus direct)"
            )
    return out


def machine() -> list[str]:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = os.getloadavg()
    lines = [
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs, {mem:.0f} GiB RAM, python {platform.python_version()}",
        f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
    ]
    if load[0] > 1.5:
        lines.append(
            "NOTE: other jobs shared the CPU during this run (load > 1.5); absolute numbers are pessimistic"
        )
    return lines


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=4.0)
    ap.add_argument("--litellm", default=shutil.which("litellm") or "/tmp/sr-litellm/bin/litellm")
    ap.add_argument("--out", default=str(Path(__file__).parent / "results" / "guard.txt"))
    args = ap.parse_args()
    lines = [
        "# bench/guard.py: direct vs stillroom guard vs LiteLLM proxy, fake upstream",
        *machine(),
        f"closed-loop load, {args.seconds:.0f} s per cell after 0.5 s warm-up; load generator in its own process",
    ]
    procs: list[subprocess.Popen] = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        try:
            up_port = free_port()
            procs.append(
                start(
                    [
                        sys.executable,
                        "-m",
                        "uvicorn",
                        "guard:upstream_app",
                        "--app-dir",
                        str(Path(__file__).parent),
                        "--port",
                        str(up_port),
                        "--log-level",
                        "warning",
                        "--no-access-log",
                    ]
                )
            )
            upstream = f"http://127.0.0.1:{up_port}"
            wait_http(f"{upstream}/v1/models", procs[-1])
            targets = {"direct": (upstream, "none", procs[-1])}
            g, gurl, gkeys = start_guard(tmp, upstream)
            procs.append(g)
            targets["stillroom guard"] = (gurl, gkeys[0], g)
            if os.path.exists(args.litellm):
                lp, lurl, lkey = start_litellm(tmp, upstream, args.litellm)
                procs.append(lp)
                targets["litellm proxy"] = (lurl, lkey, lp)
            else:
                lines.append(f"LiteLLM not found at {args.litellm}: skipped (pip install 'litellm[proxy]')")
            for url, key, proc in targets.values():  # first requests import lazily (scipy, tiktoken...)
                run_load(url, key, 2.0, 4, proc)
            results = {
                (name, c): run_load(url, key, args.seconds, c, proc)
                for c in CONCURRENCY
                for name, (url, key, proc) in targets.items()
            }
            other = {"direct": "none", "stillroom guard": gkeys[1]}
            iso = {
                name: isolation(url, key, other[name], args.seconds)
                for name, (url, key, _) in targets.items()
                if name in other
            }
        finally:
            for p in reversed(procs):
                stop(p)
    lines += report(results)
    lines += isolation_report(iso)
    text = "\n".join(lines) + "\n"
    print(text)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text)


def report(results: dict) -> list[str]:
    out = [
        "",
        "cpu ms/req: CPU time of that server process (group) per request served, warm-up included",
        f"{'target':<16} {'conc':>4} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'cpu ms/req':>10}  statuses",
    ]
    for (name, c), r in results.items():
        out.append(
            f"{name:<16} {c:>4} {r['rps']:>8.0f} {r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f} {r['cpu_ms']:>10.3f}"
            f"  {r['codes']}"
        )
    out.append("")
    for c in CONCURRENCY:
        d, g = results[("direct", c)], results[("stillroom guard", c)]
        line = (
            f"concurrency {c:>2}: guard adds {g['p50_ms'] - d['p50_ms']:.2f} ms at p50, "
            f"{g['p99_ms'] - d['p99_ms']:.2f} ms at p99"
        )
        if ("litellm proxy", c) in results:
            lite = results[("litellm proxy", c)]
            line += (
                f"; litellm adds {lite['p50_ms'] - d['p50_ms']:.2f} ms at p50; "
                f"guard/litellm req/s = {g['rps'] / lite['rps']:.2f}x"
            )
        out.append(line)
    return out


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--load":
        url, key, seconds, conc = sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5])
        size = int(sys.argv[6]) if len(sys.argv) > 6 else 0
        rate = float(sys.argv[7]) if len(sys.argv) > 7 else 0.0
        print(json.dumps(asyncio.run(load(url, key, seconds, conc, size, rate))))
    else:
        main()

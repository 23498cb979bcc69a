"""Where the guard's per-request CPU goes: its ASGI app driven in-process, no client sockets.

    python bench/guard_cpu.py [--requests 2000] [--prompt-bytes 0] [--profile tottime]

Starts bench/guard.py's fake upstream in its own process, builds the guard app (default detector,
SQLite audit, in-process limits) and sends it `--requests` chat requests one at a time through
ASGI calls, letting each request's detector task run before the next. Reports the CPU time of
the event loop's thread per request (detector included, uvicorn's HTTP parsing and the audit
writer thread not), which unlike latency does not depend on how busy the machine is; with
`--profile`, a cProfile table sorted by that column instead. Used to find and size the cuts in
guard/ (issue #14); the end-to-end figures are bench/guard.py's.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import guard as bench  # bench/guard.py: its fake upstream and request bodies
from stillroom.guard.app import create_app
from stillroom.guard.settings import GuardSettings
from stillroom.net import free_port


def scope_of(secret: str, body: bytes) -> dict:
    headers = [
        (b"host", b"bench"),
        (b"authorization", f"Bearer {secret}".encode()),
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/chat/completions",
        "raw_path": b"/v1/chat/completions",
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 2),
        "state": {},
    }


async def one(app, secret: str, body: bytes) -> None:
    sent = False

    async def receive() -> dict:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.sleep(3600)  # the client never hangs up
        return {"type": "http.disconnect"}

    out: list[dict] = []

    async def send(message: dict) -> None:
        out.append(message)

    await app(scope_of(secret, body), receive, send)
    assert out[0]["status"] == 200, out


async def run(app, secret: str, body: bytes, n: int) -> list[float]:
    async with app.router.lifespan_context(app):
        for _ in range(200):  # warm-up: lazy imports, caches
            await one(app, secret, body)
        costs = []
        for _ in range(n):
            t0 = time.thread_time()
            await one(app, secret, body)
            await asyncio.sleep(0)  # the request's detector task runs here
            costs.append(time.thread_time() - t0)
        return costs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--prompt-bytes", type=int, default=0)
    ap.add_argument("--profile", default=None, help="a pstats sort key, e.g. tottime or cumulative")
    args = ap.parse_args()
    port = free_port()
    cmd = [sys.executable, "-m", "uvicorn", "guard:upstream_app", "--app-dir", str(Path(__file__).parent)]
    up = bench.start([*cmd, "--port", str(port), "--log-level", "warning", "--no-access-log"])
    try:
        bench.wait_http(f"http://127.0.0.1:{port}/v1/models", up)
        tmp = tempfile.mkdtemp(prefix="guard-cpu-")
        s = GuardSettings(
            upstream=f"http://127.0.0.1:{port}",
            db=f"sqlite:///{tmp}/g.db",
            models=["fake"],
            admin_key="b" * 20,
        )
        app = create_app(s)
        secret = app.state.guard.keys.create("bench", rpm=10**7, tpm=10**9)[1]
        body = (bench.big_body(args.prompt_bytes) if args.prompt_bytes else bench.BODY).encode()
        profile = cProfile.Profile() if args.profile else None
        if profile:
            profile.enable()
        costs = sorted(asyncio.run(run(app, secret, body, args.requests)))
        if profile:
            profile.disable()
            pstats.Stats(profile).sort_stats(args.profile).print_stats(40)
        q = lambda p: costs[int(len(costs) * p)] * 1e3  # noqa: E731
        print(
            f"{args.prompt_bytes or 'small'} prompt, {len(costs)} requests: event-loop CPU per request "
            f"mean {statistics.mean(costs) * 1e3:.3f} ms, p10 {q(0.1):.3f}, p50 {q(0.5):.3f}, p90 {q(0.9):.3f}"
        )
    finally:
        bench.stop(up)


if __name__ == "__main__":
    main()

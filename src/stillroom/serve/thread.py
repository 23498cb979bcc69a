"""Run an ASGI app with uvicorn in a background thread: for tests, benchmarks and the arena."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn


@contextmanager
def running(
    app: Any, host: str = "127.0.0.1", port: int = 0, timeout_s: float = 20.0, **config: Any
) -> Iterator[str]:
    """Yield the server's base URL (`http://host:port`) while it runs; port 0 picks a free one.
    `config`: more uvicorn.Config options (the guard passes its HTTP protocol)."""
    server = uvicorn.Server(
        uvicorn.Config(
            app, host=host, port=port, log_level="warning", access_log=False, lifespan="on", **config
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout_s
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"uvicorn did not start on {host}:{port}")
        time.sleep(0.01)
    bound = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{bound}"
    finally:
        server.should_exit = True
        thread.join(timeout_s)

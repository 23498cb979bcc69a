"""Start `stillroom serve` and `stillroom guard` as real processes on 127.0.0.1 and stop them again.

The arena talks to them only over HTTP, as any client would; keys are created in each guard's
database before it starts (the same `KeyStore` the `stillroom keys` command uses).
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml

from stillroom.arena.config import ArenaConfig
from stillroom.errors import UserError
from stillroom.guard.db import connect
from stillroom.guard.keys import KeyStore
from stillroom.net import free_port


def wait_healthy(url: str, proc: subprocess.Popen, timeout_s: float = 180.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise UserError(f"{url} exited with {proc.returncode} before it was ready; see its log")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise UserError(f"{url} did not become ready in {timeout_s:.0f} s")


@dataclass
class Guard:
    """One guard in front of the shared serve: its own policy, database, audit log and keys."""

    name: str
    folder: Path
    url: str = ""
    db_url: str = ""
    keys: dict[str, tuple[str, str]] = field(default_factory=dict)  # persona key -> (key id, secret)


@dataclass
class Stack:
    folder: Path
    serve_url: str = ""
    admin_key: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    procs: list[subprocess.Popen] = field(default_factory=list)

    def start_serve(
        self, teacher: str, watermark: dict[str, Any], max_tokens: int, proxy: dict[str, Any] | None = None
    ) -> None:
        port = free_port()
        cfg = {
            "teacher": {"spec": teacher},
            "port": port,
            "model_name": "teacher",
            "max_batch": 32,
            "max_wait_ms": 15,
            "max_tokens_limit": 4096,
            "max_new_tokens_cap": max_tokens,
            "watermark": watermark,
            "allow_watermark_header": True,
            "proxy": proxy,  # antidistill's proxy student (serve.config.ProxyConfig), when the policy uses it
            "allow_antidistill_header": proxy is not None,
            "max_queue": 4096,
        }
        path = self.folder / "serve.yaml"
        path.write_text(yaml.safe_dump(cfg))
        self.serve_url = f"http://127.0.0.1:{port}"
        self._spawn("serve", ["serve", "--config", str(path)], f"{self.serve_url}/health", self.folder)

    def start_guard(
        self, name: str, policy: dict[str, Any] | None, detector: dict[str, Any] | None, labels: list[str]
    ) -> Guard:
        g = Guard(name, self.folder / name)
        g.folder.mkdir(parents=True, exist_ok=True)
        g.db_url = f"sqlite:///{g.folder.resolve()}/guard.db"
        g.keys = create_keys(g.db_url, labels)
        port = free_port()
        cfg: dict[str, Any] = {
            "env": "prod",
            "upstream": self.serve_url,
            "port": port,
            "db": g.db_url,
            "models": ["teacher"],
            "trust_clock_header": True,
            "max_n": 8,
        }
        if policy is not None:
            (g.folder / "policy.yaml").write_text(yaml.safe_dump(policy))
            cfg["policy"] = str(g.folder / "policy.yaml")
        if detector is not None:
            (g.folder / "detector.yaml").write_text(yaml.safe_dump(detector))
            cfg["detector"] = str(g.folder / "detector.yaml")
        (g.folder / "guard.yaml").write_text(yaml.safe_dump(cfg))
        g.url = f"http://127.0.0.1:{port}"
        self._spawn("guard", ["guard", "--config", str(g.folder / "guard.yaml")], f"{g.url}/health", g.folder)
        return g

    def _spawn(self, name: str, args: list[str], health: str, folder: Path) -> None:
        env = {**os.environ, "STILLROOM_ADMIN_KEY": self.admin_key, "PYTHONUNBUFFERED": "1"}
        log = open(folder / f"{name}.log", "w")  # noqa: SIM115 - the process owns it until stop()
        proc = subprocess.Popen(
            [sys.executable, "-m", "stillroom.cli", *args], env=env, stdout=log, stderr=subprocess.STDOUT
        )
        self.procs.append(proc)
        wait_healthy(health, proc)

    def stop(self) -> None:
        for proc in reversed(self.procs):  # guards first, so they flush their audit logs while serve is up
            proc.terminate()
            try:
                proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.procs.clear()


def create_keys(db_url: str, labels: list[str]) -> dict[str, tuple[str, str]]:
    """label -> (key id, secret). Limits are set out of reach: token buckets run on the wall clock,
    which the accelerated replay compresses; the arena measures detector and policy."""

    store = KeyStore(connect(db_url), cache_ttl_s=0)
    out = {}
    for label in labels:
        key, secret = store.create(label, 10**6, 10**9)
        out[label] = (key.id, secret)
    return out


@contextmanager
def running_stack(folder: Path, cfg: ArenaConfig, guards: dict[str, tuple[dict[str, Any] | None, list[str]]]):
    """Yield {name: Guard}: one serve, and one guard per entry of `guards` (name -> (policy, persona
    keys)) in `folder / name`. The guards share the serve, as several front ends of one deployment
    would, so their traffic batches together on the CPU; everything is stopped on exit."""
    folder.mkdir(parents=True, exist_ok=True)
    stack = Stack(folder)
    try:
        stack.start_serve(cfg.teacher, cfg.watermark, cfg.max_tokens_cap, cfg.proxy)
        yield {
            name: stack.start_guard(name, policy, cfg.detector, labels)
            for name, (policy, labels) in guards.items()
        }
    finally:
        stack.stop()

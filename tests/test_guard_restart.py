"""A flagged key stays flagged across a guard restart (#18, `detector_state`): a real guard process
with the real detector, SIGKILLed after a snapshot, restarted on the same state file."""

from __future__ import annotations

import os
import signal
import time

import httpx
import pytest

from fakes.upstream import FakeUpstream
from guard_support import ADMIN, guard_process, magpie, make_key
from stillroom.serve.thread import running

ADMIN_H = {"authorization": f"Bearer {ADMIN}"}


@pytest.fixture(scope="module")
def serve_url():
    with running(FakeUpstream(model="fake")) as url:
        yield url


def verdict(url: str, key_id: str) -> str | None:
    return httpx.get(f"{url}/admin/keys/{key_id}", headers=ADMIN_H, timeout=10).json()["detector_verdict"]


def inode(path) -> int | None:
    return path.stat().st_ino if path.exists() else None


def replaced(path, old: int | None, timeout_s: float = 20) -> None:
    """Wait until `path` is a new file (each save renames a new one over it)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if inode(path) not in (None, old):
            return
        time.sleep(0.05)
    raise AssertionError("no detector snapshot was written")


@pytest.mark.slow
def test_a_flagged_key_keeps_its_verdict_after_sigkill_and_restart(serve_url, tmp_path):
    db = f"sqlite:///{tmp_path}/guard.db"
    key_id, secret = make_key(db, rpm=10**6, tpm=10**9)
    other_id, _ = make_key(db, "bystander", rpm=10**6, tpm=10**9)
    state = tmp_path / "detector.state"
    cfg = {"db": db, "models": ["fake"], "detector_state": str(state), "detector_snapshot_s": 0.3}
    with guard_process(tmp_path, serve_url, **cfg) as (url, proc, log):
        magpie(url, secret, 30)
        flagged = verdict(url, key_id)
        assert flagged in ("suspect", "block"), flagged
        replaced(state, inode(state))  # a snapshot taken after the key was flagged
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert state.exists() and not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    with guard_process(tmp_path, serve_url, **cfg) as (url, proc, log):
        assert "keys restored" in log.read_text()
        assert verdict(url, key_id) == flagged  # known before the key's first new request
        assert verdict(url, other_id) is None
        after = magpie(url, secret, 1)
        assert verdict(url, key_id) == flagged
        assert after == ([403] if flagged == "block" else [200])
    cfg["detector_snapshot_s"] = 3600.0  # no timer: only the clean shutdown saves
    with guard_process(tmp_path, serve_url, **cfg) as (url, proc, log):
        magpie(url, secret, 1)
        before = inode(state)
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
    assert inode(state) != before


def test_an_unreadable_state_file_stops_the_start_with_one_line(serve_url, tmp_path):
    state = tmp_path / "detector.state"
    state.write_bytes(b"not a state file")
    cfg = {"models": ["fake"], "detector_state": str(state)}
    with pytest.raises(RuntimeError), guard_process(tmp_path, serve_url, **cfg):
        pass
    out = next(tmp_path.glob("guard-*.log")).read_text()
    assert "error: detector_state" in out and "move the file away" in out and "Traceback" not in out

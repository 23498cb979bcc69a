"""The guard's detector state across restarts (`detector_state: PATH`, #18).

At start the state file, if present, is loaded into the detector (an unreadable one stops the
start with a one-line error: silently starting empty would hand every flagged key a clean slate).
While serving, every `detector_snapshot_s` the keys observed since the last snapshot are captured
on the event loop (copies of what later requests would change; the pause grows with those keys,
bench/results/detector_state.txt, and is logged) and encoded and written atomically in a worker
thread, which gives the GIL back between keys; the other keys' encoded lines are reused. At clean shutdown it is written once more, after the last
request. A SIGKILL loses the events since the last snapshot: they are not replayed (the audit log
keeps fingerprints, not the prompts the detector would need).
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from stillroom.detector import Detector, DetectorConfig
from stillroom.detector.persist import Saver, StateError, load
from stillroom.errors import UserError

log = logging.getLogger("stillroom.guard")


def restore(path: str, cfg: DetectorConfig | None, saver: Saver) -> Detector | None:
    """The saved detector at `path` running with `cfg`, or None when there is no file yet.
    `saver` keeps each key's line, so the next snapshot re-encodes only the keys seen since."""
    if not Path(path).exists():
        return None
    try:
        det = load(path, cfg or DetectorConfig(), saver)
    except StateError as e:
        raise UserError(f"detector_state {e}; move the file away to start with an empty detector") from e
    log.info("detector state restored from %s: %d keys, %d observed", path, len(det.keys), det.observed)
    return det


@dataclass
class Snapshots:
    detector: Detector
    path: str
    every_s: float
    saver: Saver = field(default_factory=Saver)
    last: dict[str, float] = field(default_factory=dict)  # pause_ms, write_s, bytes, keys of the last save
    _task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._loop())

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.every_s)
            try:
                await self.save()
            except Exception:  # a full disk must not stop the guard; the next round retries
                log.exception("detector state: saving to %s failed", self.path)

    async def save(self) -> None:
        t0 = time.perf_counter()
        cap = self.saver.capture(self.detector)  # on the loop: no request runs in between
        pause = time.perf_counter() - t0
        size = await asyncio.to_thread(self.saver.write, cap, self.path)
        self._note(pause, time.perf_counter() - t0, size, len(cap.keys))

    async def stop(self) -> None:
        """Stop the timer and write the final state (at clean shutdown, after the last request)."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        t0 = time.perf_counter()
        size = self.saver.write(self.saver.capture(self.detector), self.path)  # waits for a write in flight
        self._note(time.perf_counter() - t0, time.perf_counter() - t0, size, len(self.detector.keys))

    def _note(self, pause_s: float, total_s: float, size: int, keys: int) -> None:
        self.last = {"pause_ms": pause_s * 1e3, "write_s": total_s, "bytes": size, "keys": keys}
        log.info(
            "detector state saved to %s: %d keys, %.1f MB, event loop paused %.1f ms, %.2f s in all",
            self.path,
            keys,
            size / 1e6,
            pause_s * 1e3,
            total_s,
        )

"""Detector state on disk: `save(detector, path)` / `load(path, cfg) -> Detector`, so a restart does
not forget every key's window, verdict and cluster (issue #18).

The format (version 1) is gzip'd JSON lines with an explicit schema, one record per line:

    {"format": "stillroom-detector-state", "version": 1, ...detector scalars, rng, config}
    {"key": id, "window": {...}, "prada": {...}, "state": {...}}     x one per key, LRU order
    {"clusters": {...}}
    {"end": n_keys}                                                   (a truncated file fails)

Numeric arrays (a window item's sparse vector, PRADA's novel set and distances, running sums) are
base64 of their little-endian bytes with the dtype fixed by the schema; floats elsewhere are JSON
numbers, which Python writes with `repr` and reads back bit for bit. Why not pickle: a pickle is a
program (loading one from a path an attacker can write runs their code), and it pins internal
class layouts, so any refactor of `Window` or `Prada` breaks old files. Why not msgpack: not a
dependency, and gzip'd JSON costs us no install and stays readable with `zcat | head`; its size
and speed are in bench/results/detector_state.txt. Window counters (flag counts, skeleton, band
and temperature counts) are rebuilt from the items, not stored: integers, so exactly the same.

Saving is split so a server can keep its pause short (`Saver`): `capture(detector)` copies what
later requests would mutate, for the keys observed since the last save only, and must run where
`observe` runs; `write(captured, path)` encodes and writes atomically (temp file, fsync, rename,
fsync of the folder) and may run in a thread: it gives the GIL back between keys.
"""

from __future__ import annotations

import base64
import gc
import gzip
import json
import os
import random
import threading
from collections import Counter, OrderedDict, deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from stillroom.detector.detector import Detector, KeyState
from stillroom.detector.features import EVAL_FLAGS, Window, _Slim, content_of
from stillroom.detector.history import Served
from stillroom.detector.novelty import BITS, Novelty
from stillroom.detector.prada import Prada
from stillroom.detector.score import DetectorConfig
from stillroom.detector.text import DIM
from stillroom.detector.types import Assessment

FORMAT, VERSION = "stillroom-detector-state", 1


class StateError(ValueError):
    """The file is not a detector state this code can read (wrong format, version, truncated)."""


def _b64(a: np.ndarray, dtype: str) -> str:
    return base64.b64encode(np.ascontiguousarray(a, dtype=dtype).tobytes()).decode("ascii")


def _arr(s: str, dtype: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(s), dtype=dtype).copy()


# --- capture: a consistent, immutable copy of everything, taken between two observe() calls ---


@dataclass
class Captured:
    head: dict[str, Any]
    keys: list[tuple[str, Any]]  # (key, its record; None = unchanged since the last write)
    clusters: dict[str, Any]


def _head(det: Detector) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "observed": det.observed,
        "rng": _rng_state(det.rng),
        "config": det.cfg.model_dump(mode="json"),
        "indicators": [[k, v] for k, v in det.indicators.items()],
        "transitions": list(det.transitions),
        "cluster_cache": {c: list(v) for c, v in det.cluster_cache.items()},
        "cluster_history": {c: list(h) for c, h in det.cluster_history.items()},
    }


def _record(st: KeyState) -> tuple:
    """One key, copied so that later `observe` calls cannot change it. Window items are immutable
    named tuples (their arrays are never written after creation), so a tuple of them is a copy."""
    return tuple(st.window.items), _window_scalars(st.window), _prada(st.prada), _key(st)


class Saver:
    """Writes one detector's state again and again (a server's periodic snapshot). Each key's
    compressed line is kept (a few KB, bench/results/detector_state.txt) and only keys observed
    since the last write (`Detector.dirty`) are captured and encoded again, so the pause on the
    caller's loop grows with the busy keys, not with every key ever seen. The file is a
    concatenation of gzip members (one per line), which any gzip reader reads as one stream."""

    def __init__(self) -> None:
        self.encoded: dict[str, bytes] = {}
        self.lock = threading.Lock()  # one capture or write at a time (a final save may overlap a timer's)

    def capture(self, det: Detector, extra: dict[str, Any] | None = None) -> Captured:
        """Must run where `observe` runs (between two calls). The cyclic GC is held off meanwhile:
        the copies allocate enough to trigger a full collection of every key's objects. `extra`
        goes into the head record (a stream worker's applied positions: `head(path)` reads it)."""
        with self.lock:
            paused = gc.isenabled()
            gc.disable()
            try:
                changed, det.dirty = det.dirty, set()
                keys = [
                    (k, None if k in self.encoded and k not in changed else _record(st))
                    for k, st in det.keys.items()
                ]
                return Captured({**_head(det), **(extra or {})}, keys, _clusters(det))
            finally:
                if paused:
                    gc.enable()

    def write(self, cap: Captured, path: str | os.PathLike) -> int:
        """Encode `cap` and replace `path` atomically; returns the bytes written. A crash at any
        point leaves either the old file or the new one, never a mix."""
        with self.lock:
            encoded = {}
            try:
                for k, rec in cap.keys:
                    encoded[k] = _gz({"key": k, **_key_line(*rec)}) if rec is not None else self.encoded[k]
                size = _replace(
                    path,
                    [
                        _gz(cap.head),
                        *encoded.values(),
                        _gz({"clusters": cap.clusters}),
                        _gz({"end": len(encoded)}),
                    ],
                )
            except BaseException:
                for k, rec in cap.keys:  # their old lines are stale: capture them afresh next time
                    if rec is not None:
                        self.encoded.pop(k, None)
                raise
            self.encoded = encoded
            return size


def save(det: Detector, path: str | os.PathLike) -> int:
    """One-off save (tests, tools); a server keeps one `Saver`."""
    saver = Saver()
    return saver.write(saver.capture(det), path)


def _rng_state(rng: random.Random) -> list:
    version, internal, gauss = rng.getstate()
    return [version, list(internal), gauss]


def _window_scalars(w: Window) -> dict[str, Any]:
    return {
        "vec_sum": w.vec_sum.copy(),
        "n_vec": w.n_vec,
        "total": w.total,
        "first_ts": w.first_ts,
        "gaps": list(w.gaps),
        "gap_sum": w.gap_sum,
        "gap_sq": w.gap_sq,
        "period": w.period,
        "mix": [w.mix_n, w.mix_k],
        "turns": list(w.turns),
        "novelty": _novelty(w.novelty),
        "lines": [list(lines) for lines in w.recent_lines],
    }


def _novelty(n: Novelty) -> list:
    """[seen, new, filled, cur, old]: the Bloom filters as copies (base64 when the line is written)."""
    return [n.seen, n.new, n.filled, *(None if a is None else a.copy() for a in (n.cur, n.old))]


def _prada(p: Prada) -> dict[str, Any]:
    m = min(p.g_n, len(p.g))
    return {
        "rows": len(p.g),
        "g": p.g[:m].copy(),
        "g_n": p.g_n,
        "d": np.asarray(p.d, dtype=np.float64),
        "w": p.w,
        "sum": p._sum,
        "sq": p._sq,
        "seen": p.seen,
    }


def _assessment(a: Assessment | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {
        "score": a.score,
        "verdict": a.verdict,
        "features": a.features,  # a fresh dict per observe, never mutated after: shared safely
        "contributions": a.contributions,
        "cluster": a.cluster,
        "reasons": list(a.reasons),
        "level": a.level,
    }


def _key(st: KeyState) -> dict[str, Any]:
    return {
        "verdict": st.verdict,
        "low_run": st.low_run,
        "previous": st.previous,
        "previous_late": st.previous_late,
        "identities": [[list(map(list, acc)), fp] for acc, fp in st.identities],
        "last": _assessment(st.last),
        "own_score": st.own_score,
        "history": list(st.history),
        "served": [
            [[q, list(a)] for q, a in st.served.answers.items()],
            st.served.count,
            [[q, t] for q, t in st.served.when.items()],
            # [anchor hash, question]; [anchor hash] for boilerplate, which never counts
            [[h] if q is None else [h, q] for h, q in st.served.openings.items()],
            [[n, h] if q is None else [n, h, q] for (n, h), q in st.served.anchors.items()],
            list(st.served.items),  # questions read as evaluation items when asked
        ],
        "unbacked_wrapper": st.unbacked_wrapper,
        "evaluated": st.evaluated,
        "reviewed": st.reviewed,
        "items": st.items,
    }


def _clusters(det: Detector) -> dict[str, Any]:
    c = det.clusters
    return {
        "parent": dict(c.uf.parent),
        "members": {r: sorted(m) for r, m in c.uf.members.items()},
        "items": [[kind, h, sorted(keys)] for (kind, h), keys in c.items.items()],
        "pairs": [[a, b, n] for (a, b), n in c.pairs.items()],  # in order: LRU ties break by it
        "evidence": {r: dict(ev) for r, ev in c.evidence.items()},
        "distinct": dict(c.distinct),
        "firm": {"parent": dict(c.firm.parent), "members": {r: sorted(m) for r, m in c.firm.members.items()}},
        "ticks": [[k, *t] for k, t in c.ticks.items()],  # in LRU order
        "tick_pairs": [[a, b, *v] for (a, b), v in c.tick_pairs.items()],
        "tick_gen": c.tick_gen,
        "slots": [[s, list(keys)] for s, keys in c.slots.items()],
        "orgs": dict(c.orgs),
    }


# --- write: encode and replace the file atomically ---


def _item(s: _Slim) -> list:
    return [
        s.ts,
        s.skeleton,
        list(s.bands),
        _b64(s.idx, "<u2"),
        _b64(s.vals, "<f4"),
        s.temperature,
        list(s.flags),
        s.digest,
        s.part,
    ]


def _key_line(items: tuple, w: dict, p: dict, st: dict) -> dict[str, Any]:
    seen, new, filled, cur, old = w["novelty"]
    bloom = [None if a is None else _b64(a, "u1") for a in (cur, old)]
    window = {
        **w,
        "vec_sum": _b64(w["vec_sum"], "<f8"),
        "items": [_item(s) for s in items],
        "novelty": [seen, new, filled, *bloom],
    }
    prada = {**p, "g": _b64(p["g"], "<f4"), "d": _b64(p["d"], "<f8")}
    return {"window": window, "prada": prada, "state": st}


def _gz(rec: dict) -> bytes:
    return gzip.compress(json.dumps(rec, separators=(",", ":")).encode() + b"\n", compresslevel=1, mtime=0)


def _replace(path: str | os.PathLike, parts: list[bytes]) -> int:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            for part in parts:
                f.write(part)
            f.flush()
            os.fsync(f.fileno())
            size = f.tell()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_dir(path.parent)
    return size


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --- load ---


def load(path: str | os.PathLike, cfg: DetectorConfig | None = None, saver: Saver | None = None) -> Detector:
    """A Detector in the state saved at `path`, running with `cfg` (default: the saved config).
    With a different `window`, longer windows lose their oldest requests; everything else keeps.
    `saver` (the one that will save this detector) is handed each key's line as read, so the
    first save after a restart re-encodes only the keys observed since. Raises StateError for
    anything that is not a complete version-1 state file."""
    try:
        with gzip.open(path, "rb") as f:
            lines = iter(f)
            head = json.loads(next(lines))
            if not isinstance(head, dict) or head.get("format") != FORMAT:
                raise StateError(f"{path}: not a stillroom detector state file")
            if head.get("version") != VERSION:
                raise StateError(
                    f"{path}: state version {head.get('version')!r}; this stillroom reads {VERSION}"
                )
            det = Detector(cfg or DetectorConfig.model_validate(head["config"]))
            _load_head(det, head)
            # a trimmed window is not what the file says: those keys are encoded afresh
            same = all(getattr(det.cfg, f) == head["config"].get(f) for f in ("window", "history"))
            return _load_body(det, lines, path, saver if same else None)
    except (OSError, EOFError, ValueError, KeyError, TypeError, IndexError, StopIteration) as e:
        if isinstance(e, StateError):
            raise
        raise StateError(f"{path}: unreadable detector state ({type(e).__name__}: {e})") from e


def head(path: str | os.PathLike) -> dict[str, Any]:
    """The head record of a state file alone (its first gzip member: cheap on a large file)."""
    try:
        with gzip.open(path, "rb") as f:
            rec = json.loads(f.readline())
    except (OSError, EOFError, ValueError) as e:
        raise StateError(f"{path}: unreadable detector state ({type(e).__name__}: {e})") from e
    if not isinstance(rec, dict) or rec.get("format") != FORMAT:
        raise StateError(f"{path}: not a stillroom detector state file")
    return rec


def _load_head(det: Detector, head: dict) -> None:
    det.observed = int(head["observed"])
    version, internal, gauss = head["rng"]
    det.rng.setstate((version, tuple(internal), gauss))
    det.indicators = {int(k): v for k, v in head["indicators"]}
    det.transitions.extend(head["transitions"])
    det.cluster_cache = {c: tuple(v) for c, v in head["cluster_cache"].items()}
    det.cluster_history = {
        c: deque(map(tuple, h), maxlen=det.cfg.history) for c, h in head["cluster_history"].items()
    }


def _load_body(det: Detector, lines, path, saver: Saver | None) -> Detector:
    for raw in lines:
        rec = json.loads(raw)
        if "key" in rec:
            det.keys[rec["key"]] = _key_state(det.cfg, rec)
            if saver is not None:
                saver.encoded[rec["key"]] = gzip.compress(raw, compresslevel=1, mtime=0)
        elif "clusters" in rec:
            _load_clusters(det, rec["clusters"])
        elif "end" in rec:
            if rec["end"] != len(det.keys):
                raise StateError(f"{path}: {len(det.keys)} keys read, {rec['end']} written")
            while len(det.keys) > det.cfg.max_keys:
                det.keys.popitem(last=False)
            return det
    raise StateError(f"{path}: truncated (no end record)")


def _key_state(cfg: DetectorConfig, rec: dict) -> KeyState:
    st, a = rec["state"], rec["state"]["last"]
    return KeyState(
        window=_window(cfg, rec["window"]),
        prada=_load_prada(rec["prada"]),
        verdict=st["verdict"],
        low_run=int(st["low_run"]),
        previous=st["previous"],
        previous_late=st.get("previous_late"),
        identities={(tuple(map(tuple, acc)), fp) for acc, fp in st["identities"]},
        last=Assessment(**a) if a is not None else None,
        own_score=float(st["own_score"]),
        history=deque(map(tuple, st["history"]), maxlen=cfg.history),
        served=_served(st.get("served")),
        unbacked_wrapper=bool(st.get("unbacked_wrapper", False)),  # files from before it: sampled
        # files from before session 16: no history; before 17: every request labelled evaluation,
        # out of all requests (kept: the share it must keep up still applies, score.evaluated)
        evaluated=float(st.get("evaluated", 0.0)),
        reviewed=float(st.get("reviewed", 0.0)),  # files from before: counted with the items
        items=int(st.get("items", rec["window"]["total"])),
    )


def _served(rec: list | None) -> Served:
    """A key's served-reply digests (files written before they were kept: none)."""
    if rec is None:
        return Served()
    answers, count, *rest = rec  # files from before session 15 carry no times, before 16 no openings
    times = {int(q): float(t) for q, t in (rest[0] if rest else ())}
    # Files from before session 17's question anchors keep reply openings whose question is unknown
    # (bare, or paired with a question's first characters only): dropped, so none counts as quoted
    # until it is served again (then paired with its question, as on a new key). Kept as
    # never-counting instead, a nightly suite re-served the same openings would keep them in the
    # memory and never count its grading again.
    openings: dict[int, int | None] = {}
    anchors: dict[tuple[int, int], int | None] = {}
    if len(rest) > 2:
        openings = {int(o[0]): int(o[1]) if len(o) > 1 else None for o in rest[1] if isinstance(o, list)}
        anchors = {(int(a[0]), int(a[1])): int(a[2]) if len(a) > 2 else None for a in rest[2]}
    items = dict.fromkeys(int(q) for q in (rest[3] if len(rest) > 3 else ()))
    return Served(
        {int(q): tuple(int(d) for d in a) for q, a in answers}, int(count), times, openings, anchors, items
    )


def _window(cfg: DetectorConfig, rec: dict) -> Window:
    w = Window(cfg.window, cfg.top_logprobs_high, cfg.max_tokens_high, cfg.short_output_tokens)
    for ts, skel, bands, idx, vals, temp, flags, *rest in rec["items"]:  # before session 16: no digest
        digest = int(rest[0]) if rest else 0
        part = int(rest[1]) if len(rest) > 1 else 0  # before session 38: no judged part
        s = _Slim(
            ts, skel, tuple(bands), _arr(idx, "<u2"), _arr(vals, "<f4"), temp, tuple(flags), digest, part
        )
        w.items.append(s)
        if digest:
            w.digests[digest] += 1
            if EVAL_FLAGS.intersection(content := content_of(s.flags)):
                w.contents[digest] = content
        if part:
            w.parts[part] += 1
        w.counts.update(s.flags)
        w._skeleton(s.skeleton, +1)
        w.bands.update(s.bands)
        if temp is not None:
            w.temps[temp] += 1
    w.vec_sum = _arr(rec["vec_sum"], "<f8")
    if len(w.vec_sum) != DIM:
        raise StateError(f"window vector of {len(w.vec_sum)} dimensions, expected {DIM}")
    w.n_vec, w.total, w.first_ts = int(rec["n_vec"]), int(rec["total"]), rec["first_ts"]
    w.gaps = deque(float(g) for g in rec["gaps"])
    w.gap_sum, w.gap_sq, w.period = float(rec["gap_sum"]), float(rec["gap_sq"]), float(rec["period"])
    w.mix_n, w.mix_k = map(float, rec.get("mix", (0.0, 0.0)))  # files from before the test: none
    if "novelty" not in rec:  # files from before session 30: what came before counts as new
        w.novelty.seen = w.novelty.new = w.total
    else:
        seen, new, filled, cur, old = rec["novelty"]
        w.novelty.seen, w.novelty.new, w.novelty.filled = int(seen), int(new), int(filled)
        w.novelty.cur, w.novelty.old = (None if a is None else _arr(a, "u1") for a in (cur, old))
        for a in (w.novelty.cur, w.novelty.old):
            if a is not None and len(a) != BITS // 8:
                raise StateError(f"novelty filter of {len(a)} bytes, expected {BITS // 8}")
    for skeleton, digest in rec.get("turns", ()):  # files from before session 14: none
        w.add_turn(int(skeleton), int(digest))
    for lines in rec.get("lines", ()):  # files from before session 39: none (relearnt in 16 prompts)
        w.add_lines(tuple(int(h) for h in lines))
    while len(w.items) > w.size:  # a smaller window than the one saved
        w._evict()
    return w


def _load_prada(rec: dict) -> Prada:
    p = Prada(DIM)
    g = _arr(rec["g"], "<f4").reshape(-1, DIM)
    p.g = np.zeros((max(int(rec["rows"]), len(g), 1), DIM), dtype=np.float32)
    p.g[: len(g)] = g
    p.g_n = int(rec["g_n"])
    p.d = _arr(rec["d"], "<f8").tolist()
    p.w = rec["w"]
    p._sum, p._sq, p.seen = float(rec["sum"]), float(rec["sq"]), int(rec["seen"])
    return p


def _load_clusters(det: Detector, rec: dict) -> None:
    c = det.clusters
    c.uf.parent = dict(rec["parent"])
    c.uf.members = {r: set(m) for r, m in rec["members"].items()}
    c.items = OrderedDict(((kind, int(h)), set(keys)) for kind, h, keys in rec["items"])
    c.pairs = Counter({(a, b): int(n) for a, b, n in rec["pairs"]})
    c.evidence = {r: Counter(ev) for r, ev in rec["evidence"].items()}
    c.distinct = Counter(rec["distinct"])
    # states saved before session 24 do not say how keys were linked: their clusters stay as they were
    firm = rec.get("firm") or {"parent": rec["parent"], "members": rec["members"]}
    c.firm.parent = dict(firm["parent"])
    c.firm.members = {r: set(m) for r, m in firm["members"].items()}
    # states saved before timing links (session 12) have none: they start counting afresh
    c.ticks = OrderedDict((k, [int(x) for x in t]) for k, *t in rec.get("ticks", []))
    c.tick_pairs = {(a, b): [int(x) for x in v] for a, b, *v in rec.get("tick_pairs", [])}
    c.tick_gen = int(rec.get("tick_gen", 0))
    c.slots = OrderedDict((int(s), list(keys)) for s, keys in rec.get("slots", []))
    # states saved before session 33 do not name keys' organisations: each key is its own owner
    c.orgs = {k: int(v) for k, v in rec.get("orgs", {}).items()}

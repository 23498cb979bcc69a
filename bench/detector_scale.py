"""Detection scaled out (#18): guards publish to Redis streams, `stillroom detect` workers assess.

    python bench/detector_scale.py [--seed 0] [--lag-seconds 20] [--out bench/results/detector-scale.txt]

Everything runs as real processes on 127.0.0.1: redis-server, bench/guard.py's fake upstream,
`stillroom guard` replicas and `stillroom detect` workers.

(a) The built-in personas (detector/traces.py, one simulated day, replayed in time order by one
    client with the trace's clock in `x-stillroom-clock`) through 1 guard with its in-process
    detector, then through 3 guard replicas round-robin publishing to 8 partition streams and one
    worker: the request count at which each key is first flagged (suspect or block), by the
    detector and as enforced by the guards (audit rows), hydra clusters, benign verdicts.
(b) The same 3-replica run with the worker SIGKILLed at 35% of the trace and a guard at 65%, each
    restarted at once (requests to the dead guard go to the next one, as a load balancer would):
    no flagged key back to ok, every record applied exactly once, no answered request missing.
(c) The guard's latency at concurrency 1 (bench/guard.py's load generator): direct, guard with
    the in-process detector, guard publishing to the stream; with the fake upstream answering at
    once, then in --upstream-ms (an LLM takes at least that: what the guard does meanwhile is free).
(i) Idle gaps: the same guards and the instant upstream, one client that waits 0, 5 or 20 ms
    between requests (as a client of a 20 ms upstream does, without the upstream's share): how
    much of (c)'s slower-upstream overhead is this machine's cost of waking from idle, which the
    direct path pays too, rather than work the guard adds.
(d) Event -> assessment lag (record id time to the HSET+XACK of its batch, or of its part: a
    batch longer than the worker's `publish_ms` is published in parts) with 2,000 records/s
    XADDed straight into the streams (the trace's events, keys renamed per cycle), 1 and 2
    workers; the workers' applied rate and RSS; detector memory per key (tracemalloc).
(l) Cross-key linking across workers (detector/links.py): the trace's events XADDed straight into
    the streams at --link-rate records/s (no guards: what they would publish) through 1 worker,
    2 workers without the shared link index (as before it) and 2 workers with it: hydra keys
    linked and flagged, the request count at which each key is first flagged, the workers' CPU
    per record, Redis commands and round trips per batch, and the index's Redis memory.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from bisect import bisect_right
from collections import Counter, defaultdict
from pathlib import Path

import httpx
import redis
import yaml

from _common import LINES, header, say
from guard import group_cpu_s, run_load, start, stop, wait_http
from stillroom.arena.replay import request_args
from stillroom.detector import Detector, DetectorConfig, persist, traces
from stillroom.detector.evaluate import to_event
from stillroom.detector.links import FEATURES, LINKS
from stillroom.detector.stream import ASSESSMENTS, stream_name
from stillroom.detector.types import decode_assessment, decode_input, encode_input, partition_of
from stillroom.net import free_port

ADMIN = "bench-admin-key-0123456789"
PARTITIONS = 8
CLI = [sys.executable, "-m", "stillroom.cli"]
COUNTS = {f: 1 for f in traces.DISTILLERS} | {"chat": 3, "coder": 2, "casual": 3, "batch": 1, "researcher": 2}
FLAGGED = ("suspect", "block")


class Stack:
    """The processes of one run, in a folder; stopped in reverse order."""

    def __init__(self, tmp: Path, upstream: str, redis_url: str):
        self.tmp, self.upstream, self.redis = tmp, upstream, redis_url
        self.procs: dict[str, subprocess.Popen] = {}
        tmp.mkdir(exist_ok=True)
        (tmp / "det.yaml").write_text("seed: 0\n")

    def guard(self, name: str, port: int | None = None, **cfg) -> str:
        port = port or free_port()
        db = self.tmp / f"{name}.db"
        if not db.exists():
            shutil.copy(self.tmp / "keys.db", db)  # every replica knows every key
        doc = {
            "upstream": self.upstream,
            "port": port,
            "db": f"sqlite:///{db}",
            "audit_journal": str(self.tmp / f"{name}.journal"),
            "models": ["fake"],
            "detector": str(self.tmp / "det.yaml"),
            "trust_clock_header": True,
            **cfg,
        }
        (self.tmp / f"{name}.yaml").write_text(yaml.safe_dump(doc))
        self.procs[name] = start(
            [*CLI, "guard", "--config", str(self.tmp / f"{name}.yaml")],
            {"STILLROOM_ADMIN_KEY": ADMIN},
            self.tmp / f"{name}.log",
        )
        url = f"http://127.0.0.1:{port}"
        wait_http(f"{url}/health", self.procs[name])
        return url

    def worker(self, i: int, n: int, **cfg) -> subprocess.Popen:
        name = f"worker{i}"
        doc = {
            "redis": self.redis,
            "partitions": PARTITIONS,
            "worker": i,
            "workers": n,
            "detector": str(self.tmp / "det.yaml"),
            "state": str(self.tmp / f"{name}.state"),
            "stats": str(self.tmp / f"{name}.json"),
            **cfg,
        }
        (self.tmp / f"{name}.yaml").write_text(yaml.safe_dump(doc))
        log = self.tmp / f"{name}.log"
        seen = log.read_text().count("caught up") if log.exists() else 0
        with open(log, "a") as out:
            self.procs[name] = subprocess.Popen(
                [*CLI, "detect", "--config", str(self.tmp / f"{name}.yaml")],
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 120
        while log.read_text().count("caught up") <= seen:
            if self.procs[name].poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not start: {log.read_text()[-2000:]}")
            time.sleep(0.05)
        return self.procs[name]

    def kill(self, name: str) -> None:
        os.killpg(self.procs[name].pid, signal.SIGKILL)
        self.procs[name].wait()

    def stop_all(self) -> None:
        for p in reversed(list(self.procs.values())):
            stop(p)


def start_redis() -> tuple[subprocess.Popen, str]:
    port = free_port()
    cmd = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    proc = start(cmd)
    r = redis.Redis(port=port)
    for _ in range(100):
        try:
            r.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    return proc, f"redis://127.0.0.1:{port}/0"


def start_upstream(delay_ms: float = 0.0) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = start(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "guard:upstream_app",
            "--app-dir",
            str(Path(__file__).parent),
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env={"BENCH_UPSTREAM_DELAY_MS": str(delay_ms)},
    )
    url = f"http://127.0.0.1:{port}"
    wait_http(f"{url}/v1/models", proc)
    return proc, url


def make_keys(tmp: Path, trace_keys: list[str]) -> dict[str, tuple[str, str]]:
    from stillroom.guard.db import connect
    from stillroom.guard.keys import KeyStore

    engine = connect(f"sqlite:///{tmp}/keys.db")
    store = KeyStore(engine, 0)
    out = {}
    for k in trace_keys:
        key, secret = store.create(k, rpm=10**7, tpm=10**9)
        out[k] = (key.id, secret)
    engine.dispose()
    return out


def body_of(ev: dict) -> dict:
    args = request_args(ev)
    args["model"] = "fake"
    args["max_tokens"] = min(int(args.get("max_tokens") or 16), 16)  # the fake answers briefly anyway
    return args


def replay(
    urls: list[str], events: list[dict], keys: dict, at: dict[int, callable] | None = None
) -> list[tuple]:
    """Send the events in order, round robin over `urls`, one at a time; a guard that does not
    answer is skipped (the request goes to the next). `at[i]()` runs before event i. Returns
    (trace key, ts, status) per answered request."""
    clients = [httpx.Client(base_url=u, timeout=30) for u in urls]
    out, turn = [], 0
    for i, ev in enumerate(events):
        if at and i in at:
            at[i]()
        _, secret = keys[ev["key_id"]]
        path = "/v1/completions" if ev["endpoint"] == "completions" else "/v1/chat/completions"
        headers = {"authorization": f"Bearer {secret}", "x-stillroom-clock": repr(ev["ts"])}
        for _ in range(len(clients) * 20):
            c = clients[turn % len(clients)]
            turn += 1
            try:
                status = c.post(path, json=body_of(ev), headers=headers).status_code
                out.append((ev["key_id"], ev["ts"], status))
                break
            except httpx.TransportError:
                time.sleep(0.05)
    for c in clients:
        c.close()
    return out


def caught_up(r: redis.Redis, timeout_s: float = 300) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        behind = 0
        for p in range(PARTITIONS):
            last = r.xrevrange(stream_name(p), count=1)
            if not last:
                continue
            g = r.xinfo_groups(stream_name(p))
            if not g or g[0]["last-delivered-id"] != last[0][0] or g[0]["pending"]:
                behind += 1
        if not behind:
            return
        time.sleep(0.1)
    raise RuntimeError("the workers did not catch up")


def first_flags(det: Detector, by_key: dict[str, list[float]], ids: dict[str, str]) -> dict[str, int | None]:
    """Trace key -> 1-based index of its request at which the detector first put it at suspect+."""
    back = {kid: k for k, (kid, _) in ids.items()}
    out: dict[str, int | None] = dict.fromkeys(by_key)
    for t in det.transitions:
        k = back.get(t["key"])
        if k is None or out[k] is not None or t["to"] not in FLAGGED:
            continue
        out[k] = next(i + 1 for i, ts in enumerate(by_key[k]) if abs(ts - t["ts"]) < 1e-3)
    return out


def audit_flags(dbs: list[Path], by_key: dict[str, list[float]], ids: dict) -> tuple[dict, int]:
    """Per trace key, the index of its first request a guard answered with a suspect+ verdict;
    and how many keys were answered `ok` after a suspect+ answer."""
    import sqlalchemy as sa

    back = {kid: k for k, (kid, _) in ids.items()}
    rows: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for db in dbs:
        engine = sa.create_engine(f"sqlite:///{db}")
        with engine.connect() as conn:
            for kid, ts, verdict in conn.execute(sa.text("select key_id, ts, verdict from audit")):
                if kid in back:
                    rows[back[kid]].append((ts, verdict))
        engine.dispose()
    out, back_to_ok = {}, 0
    for k, tss in by_key.items():
        seq = sorted(rows.get(k, []))
        first = next((ts for ts, v in seq if v in FLAGGED), None)
        out[k] = None if first is None else next(i + 1 for i, t in enumerate(tss) if abs(t - first) < 1e-3)
        back_to_ok += first is not None and any(v == "ok" for ts, v in seq if ts > first)
    return out, back_to_ok


def families(events: list[dict]) -> dict[str, str]:
    return {e["key_id"]: e["family"] for e in events}


def cluster_of_hydra(det: Detector, ids: dict, fam: dict[str, str]) -> str:
    back = {kid: k for k, (kid, _) in ids.items()}
    hydra = {k for k, f in fam.items() if f == "hydra"}
    best = max(
        (len({back.get(m) for m in c["members"]} & hydra) for c in det.clusters_view().values()), default=0
    )
    return f"{best} of {len(hydra)} hydra keys in one cluster"


def stream_records(r: redis.Redis) -> list:
    return [decode_input(f) for p in range(PARTITIONS) for _, f in r.xrange(stream_name(p))]


# --- (a) + (b) ---


def run_local(tmp: Path, upstream: str, redis_url: str, events, keys) -> dict:
    st = Stack(tmp / "local", upstream, redis_url)
    shutil.copy(tmp / "keys.db", st.tmp / "keys.db")
    try:
        url = st.guard("g0", detector_state=str(st.tmp / "g0.state"), detector_snapshot_s=3600)
        t0 = time.perf_counter()
        answered = replay([url], events, keys)
        secs = time.perf_counter() - t0
    finally:
        st.stop_all()
    return {
        "det": persist.load(st.tmp / "g0.state"),
        "dbs": [st.tmp / "g0.db"],
        "answered": answered,
        "s": secs,
    }


def run_scaled(tmp: Path, name: str, upstream: str, redis_url: str, events, keys, crash: bool) -> dict:
    r = redis.Redis.from_url(redis_url)
    r.flushdb()
    st = Stack(tmp / name, upstream, redis_url)
    shutil.copy(tmp / "keys.db", st.tmp / "keys.db")
    stream_cfg = {"detector_stream": redis_url, "detector_partitions": PARTITIONS}
    notes: dict = {}
    try:
        st.worker(0, 1, snapshot_s=1.0)
        urls = [st.guard(f"g{i}", **stream_cfg) for i in range(3)]
        ports = [int(u.rsplit(":", 1)[1]) for u in urls]

        threads: list[threading.Thread] = []

        def background(fn):
            def go() -> None:
                threads.append(threading.Thread(target=fn))
                threads[-1].start()

            return go

        def kill_worker() -> None:
            before = {k: decode_assessment(v)[0].level for k, v in r.hgetall(ASSESSMENTS).items()}
            notes["flagged_before_worker_kill"] = before
            st.kill("worker0")
            t = time.perf_counter()
            st.worker(0, 1, snapshot_s=1.0)
            notes["worker_restart_s"] = time.perf_counter() - t

        def kill_guard() -> None:
            st.kill("g1")
            t = time.perf_counter()
            st.guard("g1", port=ports[1], **stream_cfg)
            notes["guard_restart_s"] = time.perf_counter() - t

        at = {
            int(len(events) * 0.35): background(kill_worker),
            int(len(events) * 0.65): background(kill_guard),
        }
        t0 = time.perf_counter()
        answered = replay(urls, events, keys, at if crash else None)
        secs = time.perf_counter() - t0
        for t in threads:
            t.join()
        caught_up(r)
        after = {k: decode_assessment(v)[0].level for k, v in r.hgetall(ASSESSMENTS).items()}
        records = stream_records(r)
    finally:
        st.stop_all()
    if crash:
        notes["back_to_ok"] = sum(
            1
            for k, lv in notes["flagged_before_worker_kill"].items()
            if lv in FLAGGED and after.get(k) == "ok"
        )
        notes["flagged_at_kill"] = sum(lv in FLAGGED for lv in notes["flagged_before_worker_kill"].values())
    return {
        "det": persist.load(st.tmp / "worker0.state"),
        "dbs": [st.tmp / f"g{i}.db" for i in range(3)],
        "answered": answered,
        "records": records,
        "notes": notes,
        "s": secs,
    }


def compare(events, keys, local: dict, scaled: dict, label: str) -> None:
    by_key: dict[str, list[float]] = defaultdict(list)
    for e in events:
        by_key[e["key_id"]].append(e["ts"])
    fam = families(events)
    fl, fs = first_flags(local["det"], by_key, keys), first_flags(scaled["det"], by_key, keys)
    el, bl = audit_flags(local["dbs"], by_key, keys)
    es, bs = audit_flags(scaled["dbs"], by_key, keys)
    say(f"{'key':<26}{'family':<14}{'reqs':>6}{'flag@1 guard':>14}{'flag@3 guards':>15}{'enforced 1/3':>15}")
    within = 0
    for k in sorted(by_key, key=lambda k: (fam[k] in traces.BENIGN, fam[k], k)):
        a, b = fl[k], fs[k]
        ok = (a is None and b is None) or (a is not None and b is not None and abs(a - b) <= 0.05 * a)
        within += ok
        enforced = f"{el[k] or '-'}/{es[k] or '-'}"
        say(
            f"{k:<26}{fam[k]:<14}{len(by_key[k]):>6}{a or '-':>14}{b or '-':>15}"
            f"{enforced:>15}{'' if ok else '  DIFFERS'}"
        )
    say(f"{label}: first-flag request count within ±5% for {within} of {len(by_key)} keys")
    benign = [k for k in by_key if fam[k] in traces.BENIGN]
    same = sum(
        local["det"].keys[keys[k][0]].verdict == scaled["det"].keys[keys[k][0]].verdict for k in benign
    )
    say(
        f"benign keys with the same final level: {same} of {len(benign)}; flagged: {sum(fs[k] is not None for k in benign)}"
    )
    say(
        f"hydra: 1 guard {cluster_of_hydra(local['det'], keys, fam)}; 3 guards {cluster_of_hydra(scaled['det'], keys, fam)}"
    )
    say(f"keys answered ok after a suspect+ answer (audit): 1 guard {bl}, 3 guards {bs}")
    lags = [es[k] - el[k] for k in by_key if es[k] and el[k]]
    if lags:
        say(
            f"enforcement: a guard applied a flag {statistics.median(lags):.0f} (median), {max(lags)} (max) "
            "of the key's requests later with 3 replicas + worker than with the in-process detector"
        )


def exactly_once(events, keys, run: dict) -> None:
    det, records, answered = run["det"], run["records"], run["answered"]
    back = {kid: k for k, (kid, _) in keys.items()}
    rec = Counter((back[x.key_id], round(x.ts, 3)) for x in records if hasattr(x, "ts"))
    applied = {back[k]: st.window.total for k, st in det.keys.items() if k in back}
    published = Counter(k for k, _ in rec.elements())
    diff = {k: (applied.get(k), published[k]) for k in published if applied.get(k) != published[k]}
    ans = Counter((k, round(ts, 3)) for k, ts, _ in answered)
    missing = sum(1 for x in ans if x not in rec)
    dup = sum(n - 1 for n in rec.values() if n > 1)
    say(
        f"records in the streams: {sum(rec.values())} events; applied by the worker per key = published"
        f" per key: {'yes' if not diff else f'NO {diff}'}"
    )
    say(
        f"answered requests: {len(answered)}; their events missing from the stream: {missing}; events"
        f" published twice (a request retried after the guard kill): {dup}"
    )
    n = run["notes"]
    say(
        f"keys flagged (suspect+) when the worker was killed: {n['flagged_at_kill']}; back to ok after its"
        f" restart: {n['back_to_ok']}; worker restart + catch-up {n['worker_restart_s']:.1f} s,"
        f" guard restart {n['guard_restart_s']:.1f} s"
    )


# --- (c) ---


def overhead(
    tmp: Path, upstream: str, redis_url: str, up_proc, seconds: float, name: str = "overhead"
) -> None:
    redis.Redis.from_url(redis_url).flushdb()
    st = Stack(tmp / name, upstream, redis_url)
    keys = make_keys(st.tmp, ["load"])
    try:
        local = st.guard("local")
        stream = st.guard("stream", detector_stream=redis_url, detector_partitions=PARTITIONS)
        # no worker: its detector would share these 2 CPUs with the guard; in a deployment it runs
        # elsewhere, and the guard's cost of publishing is what is measured here
        targets = {"direct": (upstream, up_proc), "guard, in-process detector": (local, st.procs["local"])}
        targets["guard, publishing to the stream"] = (stream, st.procs["stream"])
        for url, proc in targets.values():
            run_load(url, keys["load"][1], 2.0, 1, proc)  # warm-up
        res = {
            name: run_load(url, keys["load"][1], seconds, 1, proc) for name, (url, proc) in targets.items()
        }
    finally:
        st.stop_all()
    d = res["direct"]["p50_ms"]
    for name, x in res.items():
        extra = "" if name == "direct" else f"; over direct: p50 {x['p50_ms'] - d:+.2f} ms"
        say(
            f"{name:<34} p50 {x['p50_ms']:.2f} ms, p99 {x['p99_ms']:.2f} ms, {x['rps']:.0f} req/s,"
            f" server CPU {x['cpu_ms']:.2f} ms/req{extra}"
        )


THINK_MS = (0, 5, 20)


def paced_load(url: str, secret: str, seconds: float, think_s: float) -> list[float]:
    """One keep-alive connection, one request at a time, `think_s` of sleep after each answer."""
    lat = []
    with httpx.Client(base_url=url, headers={"authorization": f"Bearer {secret}"}, timeout=30) as c:
        body = {
            "model": "fake",
            "messages": [{"role": "user", "content": "How do tides work?"}],
            "max_tokens": 16,
        }
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            t0 = time.perf_counter()
            c.post("/v1/chat/completions", json=body).raise_for_status()
            lat.append(time.perf_counter() - t0)
            if think_s:
                time.sleep(think_s)
    return lat


def idle_gaps(tmp: Path, upstream: str, redis_url: str, up_proc, seconds: float) -> None:
    redis.Redis.from_url(redis_url).flushdb()
    st = Stack(tmp / "idle", upstream, redis_url)
    keys = make_keys(st.tmp, ["load"])
    try:
        stream = st.guard("stream", detector_stream=redis_url, detector_partitions=PARTITIONS)
        targets = {
            "direct": (upstream, up_proc),
            "guard, publishing to the stream": (stream, st.procs["stream"]),
        }
        rows: dict[int, dict[str, tuple[float, float]]] = {}
        for name, (url, proc) in targets.items():
            paced_load(url, keys["load"][1], 1.0, 0)  # warm-up
            for ms in THINK_MS:
                cpu0 = group_cpu_s(proc.pid)
                lat = paced_load(url, keys["load"][1], seconds, ms / 1000)
                cpu = (group_cpu_s(proc.pid) - cpu0) / len(lat) * 1000
                rows.setdefault(ms, {})[name] = (statistics.median(lat) * 1000, cpu)
    finally:
        st.stop_all()
    for ms, r in rows.items():
        (dp, dc), (gp, gc) = r["direct"], r["guard, publishing to the stream"]
        say(
            f"client waits {ms:>2} ms: direct p50 {dp:.2f} ms (upstream CPU {dc:.2f} ms/req); guard p50 {gp:.2f} ms"
            f" (guard CPU {gc:.2f} ms/req); over direct: p50 {gp - dp:+.2f} ms"
        )


# --- (d) ---


MARK = "\x00key\x00"  # a key id no trace event has: where a template's key goes


def templates(seed: int) -> list[tuple[str, str, str, str]]:
    """The trace's events as encode_input records with the key id left out: (key id, kind, the
    JSON before the key id, the JSON after it)."""
    out = []
    for ev in (to_event(e) for e in traces.generate(seed)):
        fields = encode_input(type(ev)(**{**ev.__dict__, "key_id": MARK}))
        head, tail = fields["d"].split(json.dumps(MARK)[1:-1])
        out.append((ev.key_id, fields["k"], head, tail))
    return out


def record(t: tuple[str, str, str, str], key_id: str) -> dict[str, str]:
    """`encode_input` of template `t`'s event with `key_id` (the same string, without building the
    event and encoding it afresh)."""
    return {"k": t[1], "d": t[2] + json.dumps(key_id)[1:-1] + t[3]}


def generator(redis_url: str, rate: float, seconds: float, seed: int) -> None:
    """XADD the trace's events at `rate`/s in 5 ms ticks (keys renamed per pass over the trace).
    This process stands in for guards on other hosts but shares the workers' cores, so it encodes
    each trace event once (`templates`): its loop took 0.056 ms of CPU a record when each event was
    built and encoded afresh, 0.029 ms so (the records are the same bytes)."""
    r = redis.Redis.from_url(redis_url)
    base = templates(seed)
    streams: dict[str, str] = {}
    t0, sent, i = time.perf_counter(), 0, 0
    while (now := time.perf_counter() - t0) < seconds:
        due = int(now * rate) - sent
        pipe = r.pipeline(transaction=False)
        for _ in range(due):
            t = base[i % len(base)]
            key = f"{t[0]}-p{i // len(base)}"
            if (name := streams.get(key)) is None:
                name = streams[key] = stream_name(partition_of(key, PARTITIONS))
            pipe.xadd(name, record(t, key), maxlen=10**6)  # type: ignore[arg-type]
            i += 1
        pipe.execute()
        sent += due
        time.sleep(0.005)
    print(json.dumps({"sent": sent, "s": time.perf_counter() - t0}))


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        return next(int(x.split()[1]) for x in f if x.startswith("VmRSS:")) / 1024


def lag(
    tmp: Path,
    upstream: str,
    redis_url: str,
    workers: int,
    seconds: float,
    seed: int,
    rate: int = 2000,
    batch: int | None = None,
) -> None:
    r = redis.Redis.from_url(redis_url)
    r.flushdb()
    st = Stack(tmp / f"lag{workers}-{rate}", upstream, redis_url)
    try:
        extra = {"batch": batch} if batch else {}  # records per XREADGROUP (the worker's default: 500)
        procs = [st.worker(i, workers, snapshot_s=3600, **extra) for i in range(workers)]
        rss0 = [rss_mb(p.pid) for p in procs]
        cpu0 = [group_cpu_s(p.pid) for p in procs]
        gen = subprocess.run(
            [sys.executable, __file__, "--generate", redis_url, str(rate), str(seconds), str(seed)],
            capture_output=True,
            text=True,
            check=True,
        )
        sent = json.loads(gen.stdout)
        t = time.perf_counter()
        caught_up(r, timeout_s=600)
        drain = time.perf_counter() - t
        cpu = [group_cpu_s(p.pid) - c for p, c in zip(procs, cpu0, strict=True)]
        rss = [rss_mb(p.pid) - r0 for p, r0 in zip(procs, rss0, strict=True)]
        used = r.info("memory")["used_memory"]
    finally:
        st.stop_all()
    stats = [json.loads((st.tmp / f"worker{i}.json").read_text()) for i in range(workers)]
    lags = sorted(x for s in stats for x in s["lags_ms"])
    q = statistics.quantiles(lags, n=100)
    keys = sum(s["keys"] for s in stats)
    applied = sum(s["applied"] for s in stats)
    batches, acks = sum(s["batches"] for s in stats), sum(s.get("acks", 0) for s in stats)
    say(
        f"{workers} worker(s): {sent['sent']} records in {sent['s']:.1f} s ({sent['sent'] / sent['s']:.0f}/s);"
        f" lag p50 {q[49]:.0f} ms, p99 {q[98]:.0f} ms, max {lags[-1]:.0f} ms; backlog drained"
        f" {drain:.1f} s after the load stopped; {batches} batches ({applied / max(1, batches):.0f} records"
        f" each), {acks or '-'} ack round trips; load average {os.getloadavg()[0]:.2f}"
    )
    say(
        f"   applied {applied} ({applied / (sent['s'] + drain):.0f}/s over the run); worker CPU"
        f" {', '.join(f'{c:.1f}' for c in cpu)} s = {1000 * sum(cpu) / max(1, applied):.2f} ms/record;"
        f" {keys} keys; worker RSS growth {', '.join(f'{x:.0f}' for x in rss)} MB"
        f" ({1024 * sum(rss) / max(1, keys):.0f} KB/key); redis used_memory {used / 2**20:.0f} MB"
        f" ({used / max(1, applied):.0f} B/record held)"
    )


# --- (l) ---


def paced(r: redis.Redis, events: list, rate: float) -> float:
    """XADD the events in order at `rate`/s (5 ms ticks, as guards publish); returns seconds."""
    t0, sent = time.perf_counter(), 0
    while sent < len(events):
        due = min(len(events), int((time.perf_counter() - t0) * rate)) - sent
        pipe = r.pipeline(transaction=False)
        for ev in events[sent : sent + due]:
            pipe.xadd(stream_name(partition_of(ev.key_id, PARTITIONS)), encode_input(ev), maxlen=10**6)
        pipe.execute()
        sent += due
        time.sleep(0.005)
    return time.perf_counter() - t0


def commands(r: redis.Redis) -> int:
    return sum(v["calls"] for k, v in r.info("commandstats").items() if k != "cmdstat_info")


def link_run(
    tmp: Path, upstream: str, redis_url: str, events: list, workers: int, links: bool, rate: float
) -> dict:
    """One replay through `workers` workers; the workers' states (saved at SIGTERM) and costs."""
    r = redis.Redis.from_url(redis_url)
    r.flushdb()
    st = Stack(tmp / f"links{workers}-{links}", upstream, redis_url)
    try:
        procs = [st.worker(i, workers, snapshot_s=3600, links=links) for i in range(workers)]
        cpu0, calls0 = [group_cpu_s(p.pid) for p in procs], commands(r)
        secs = paced(r, [to_event(e) for e in events], rate)
        caught_up(r)
        time.sleep(0.5)  # idle workers read each other's last entries
        cpu = sum(group_cpu_s(p.pid) - c for p, c in zip(procs, cpu0, strict=True))
        calls = commands(r) - calls0
        memory = {name: r.memory_usage(name, samples=0) or 0 for name in (LINKS, FEATURES)}
        used = r.info("memory")["used_memory"]
    finally:
        st.stop_all()
    stats = [json.loads((st.tmp / f"worker{i}.json").read_text()) for i in range(workers)]
    dets = [persist.load(st.tmp / f"worker{i}.state") for i in range(workers)]
    return {
        "dets": dets,
        "stats": stats,
        "cpu": cpu,
        "calls": calls,
        "memory": memory,
        "used": used,
        "s": secs,
    }


def link_report(events: list, name: str, run: dict) -> dict[str, int | None]:
    """Say what one run linked and flagged; returns each key's first-flag request count."""
    dets, n = run["dets"], len(run["dets"])
    by_key: dict[str, list[float]] = defaultdict(list)
    for e in events:
        by_key[e["key_id"]].append(e["ts"])
    fam = families(events)
    hydra = sorted(k for k, f in fam.items() if f == "hydra")
    own = {k: dets[partition_of(k, PARTITIONS) % n] for k in by_key}
    first = {k: first_flags(own[k], {k: by_key[k]}, {k: (k, "")})[k] for k in by_key}
    linked = [max([1, *(len(c & set(hydra)) for c in d.clusters.all())]) for d in dets]
    split = Counter(partition_of(k, PARTITIONS) % n for k in hydra)
    flagged = [k for k in hydra if own[k].keys[k].last.verdict in FLAGGED]
    at = sorted(first[k] for k in hydra if first[k] is not None)
    every = [e["ts"] for e in events]  # in time order
    trace_at = min((bisect_right(every, by_key[k][first[k] - 1]) for k in hydra if first[k]), default=None)
    say(
        f"{name}: hydra keys per worker {dict(sorted(split.items()))}; largest hydra cluster each worker"
        f" holds {', '.join(map(str, linked))} of {len(hydra)}; flagged at the end {len(flagged)} of {len(hydra)}"
    )
    say(
        f"   hydra keys' first flag at their request #{', '.join(str(first[k]) for k in hydra)}"
        f" (median {statistics.median(at) if at else '-'}); first hydra flag at trace request #{trace_at}"
    )
    stats, records = run["stats"], sum(x["applied"] for x in run["stats"])
    batches = sum(x.get("batches", 0) for x in stats)
    lk = [x.get("links", {}) for x in stats]
    syncs, lcpu = sum(x.get("syncs", 0) for x in lk), sum(x.get("cpu_s", 0.0) for x in lk)
    settles = sum(x.get("settles", 0) for x in lk)
    say(
        f"   {records} records in {run['s']:.1f} s, {batches} batches; worker CPU {1000 * run['cpu'] / records:.2f}"
        f" ms/record (link index's own send/receive {1000 * lcpu / records:.3f} ms/record); Redis"
        f" {run['calls'] / records:.2f} commands/record; round trips: 1 per batch"
        f" + {syncs} of the index's own ({settles} after a peer's entry linked keys, the rest idle polls)"
    )
    if any(lk):
        say(
            f"   index: {sum(x.get('log_out', 0) for x in lk)} log entries in {sum(x.get('entries_out', 0) for x in lk)}"
            f" LINKS entries ({sum(x.get('bytes_out', 0) for x in lk) / records:.0f} B/record of JSON);"
            f" features written {sum(x.get('features_out', 0) for x in lk)}, read {sum(x.get('features_in', 0) for x in lk)};"
            f" Redis memory LINKS {run['memory'][LINKS] / 1024:.0f} KiB"
            f" ({run['memory'][LINKS] / records:.0f} B/record), FEATURES {run['memory'][FEATURES] / 1024:.1f} KiB;"
            f" used_memory {run['used'] / 2**20:.1f} MB"
        )
    return first


def linking(tmp: Path, upstream: str, redis_url: str, events: list, rate: float) -> None:
    say(f"\n## (l) cross-key linking across workers: the trace XADDed at {rate:g} records/s")
    runs = {"1 worker": (1, True), "2 workers, no index": (2, False), "2 workers, link index": (2, True)}
    firsts = {
        name: link_report(events, name, link_run(tmp, upstream, redis_url, events, n, on, rate))
        for name, (n, on) in runs.items()
    }
    base = firsts["1 worker"]
    for name, first in list(firsts.items())[1:]:
        same = sum(first[k] == base[k] for k in base)
        diff = {k: (base[k], first[k]) for k in sorted(base) if first[k] != base[k]}
        say(
            f"first-flag request count equal to 1 worker's, {name}: {same} of {len(base)} keys; differing {diff}"
        )


def memory_per_key(seed: int) -> None:
    """tracemalloc growth of one Detector: 10,000 light keys (5 requests each), then the trace's
    keys after a whole day (busy)."""
    base = [to_event(e) for e in traces.generate(seed)]
    light = [e for e in base if e.key_id.endswith("chat-0")][:5]
    det = Detector(DetectorConfig(seed=0))
    tracemalloc.start()
    m0 = tracemalloc.get_traced_memory()[0]
    for i in range(10_000):
        for e in light:
            det.observe(type(e)(**{**e.__dict__, "key_id": f"light-{i}"}))
    m1 = tracemalloc.get_traced_memory()[0]
    det2 = Detector(DetectorConfig(seed=0))
    m2 = tracemalloc.get_traced_memory()[0]
    for e in base:
        det2.observe(e)
    m3 = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    lk, bk = (m1 - m0) / 10_000, (m3 - m2) / len(det2.keys)
    say(f"light keys (5 requests): {lk / 1024:.1f} KB/key measured over 10,000 keys")
    say(
        f"busy keys (a day of the trace, {len(base) / len(det2.keys):.0f} requests/key): {bk / 1024:.1f} KB/key over {len(det2.keys)} keys"
    )
    say(
        f"100,000 keys, extrapolated (x10 of 10,000 light; busy per key x 100,000): light"
        f" {lk * 1e5 / 2**30:.1f} GiB, busy {bk * 1e5 / 2**30:.1f} GiB, spread over the workers"
        " (each holds its partitions' keys)"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--lag-seconds", type=float, default=20.0)
    ap.add_argument("--load-seconds", type=float, default=6.0)
    ap.add_argument("--upstream-ms", type=float, default=20.0, help="(c)'s second upstream: its answer time")
    ap.add_argument("--rates", default="2000", help="records/s for (d), comma-separated")
    ap.add_argument("--worker-batch", type=int, default=None, help="(d): the workers' records per read")
    ap.add_argument("--sections", default="abcdm", help="which of (a)+(b), (c), (i), (d), memory, (l) to run")
    ap.add_argument("--link-rate", type=float, default=500.0, help="(l): records/s XADDed")
    ap.add_argument("--limit", type=int, default=0, help="replay only the first N requests (a smoke test)")
    ap.add_argument("--out", default=str(Path(__file__).parent / "results" / "detector-scale.txt"))
    ap.add_argument("--generate", nargs=4, help=argparse.SUPPRESS)
    ap.add_argument("--load", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.generate:
        url, rate, secs, seed = a.generate
        return generator(url, float(rate), float(secs), int(seed))
    header("bench/detector_scale.py")
    events = traces.generate(a.seed, COUNTS)[: a.limit or None]
    say(
        f"trace: detector/traces.py seed {a.seed}, {len(events)} requests, {len({e['key_id'] for e in events})}"
        f" keys ({', '.join(f'{f} {n}' for f, n in COUNTS.items())}); detector seed 0; {PARTITIONS} partitions"
    )
    procs = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        try:
            rp, redis_url = start_redis()
            up, upstream = start_upstream()
            procs += [rp, up]
            keys = make_keys(tmp, sorted({e["key_id"] for e in events}))
            if "a" in a.sections:
                ab(tmp, upstream, redis_url, events, keys)
            if "c" in a.sections:
                say("\n## (c) guard latency at concurrency 1 (fake upstream; bench/guard.py load generator)")
                overhead(tmp, upstream, redis_url, up, a.load_seconds)
                # an LLM answers in tens of ms at least: what publishing costs a client then
                slow, slow_url = start_upstream(delay_ms=a.upstream_ms)
                procs.append(slow)
                say(f"\n## (c) again with an upstream that answers in {a.upstream_ms:g} ms")
                overhead(tmp, slow_url, redis_url, slow, a.load_seconds, name="overhead-slow")
            if "i" in a.sections:
                say("\n## (i) idle gaps: instant upstream, one client waiting between requests")
                idle_gaps(tmp, upstream, redis_url, up, a.load_seconds)
            if "d" in a.sections:
                for rate in map(int, a.rates.split(",")):
                    say(
                        f"\n## (d) event -> assessment lag, {rate:,} records/s XADDed for {a.lag_seconds:.0f} s"
                        + (f", workers reading {a.worker_batch} records a batch" if a.worker_batch else "")
                    )
                    for w in (1, 2):
                        lag(tmp, upstream, redis_url, w, a.lag_seconds, a.seed, rate, a.worker_batch)
            if "l" in a.sections:
                linking(tmp, upstream, redis_url, events, a.link_rate)
            if "m" in a.sections:
                say("\n## detector memory per key (tracemalloc, in-process)")
                memory_per_key(a.seed)
        finally:
            for p in reversed(procs):
                stop(p)
    load = os.getloadavg()
    say(f"\nload average at end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    Path(a.out).write_text("\n".join(LINES) + "\n")


def ab(tmp: Path, upstream: str, redis_url: str, events: list[dict], keys: dict) -> None:
    say("\n## (a) 1 guard (in-process detector) vs 3 guard replicas round-robin + 1 worker")
    local = run_local(tmp, upstream, redis_url, events, keys)
    scaled = run_scaled(tmp, "scaled", upstream, redis_url, events, keys, crash=False)
    say(f"replay: 1 guard {local['s']:.0f} s, 3 guards {scaled['s']:.0f} s (one client, sequential)")
    compare(events, keys, local, scaled, "3 guards vs 1")
    say("\n## (b) the same 3-guard run, worker SIGKILLed at 35% and guard g1 at 65%, both restarted")
    crashed = run_scaled(tmp, "crash", upstream, redis_url, events, keys, crash=True)
    exactly_once(events, keys, crashed)
    compare(events, keys, local, crashed, "crashed 3 guards vs 1")


if __name__ == "__main__":
    main()

"""Real-traffic detector benchmark (issue #13): real prompt data as per-key traffic, through `Detector`.

    PYTHONPATH=src .venv/bin/python bench/detector_real.py            # full run, writes the results
    PYTHONPATH=src .venv/bin/python bench/detector_real.py --quick --out /tmp/q   # seconds
    ... --quick --detector-seed 0 --out /tmp/a   # before and after a change: diff the two (timings aside)

Three suites, each replayed through one `Detector(DetectorConfig())` as an API owner would (one
TrafficEvent per request, every key interleaved in time order): personas built from the TUNE
sources of ../shared/traffic, the same personas from the VAL sources, and the built-in simulated
personas (detector/traces.py). Per persona and overall it reports who was caught (suspect or
block), after how many requests and hours, the evidence behind the peak score, benign keys
flagged and blocked, cross-key links, keys labelled `evaluation`, and observe() time over the
whole replay plus a long-prompt case (up to 32k characters). Writes
bench/results/detector_real.txt and bench/results/detector_real.json (per-key outcomes).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

from _common import LINES, header, say
from stillroom.detector import Detector, DetectorConfig
from stillroom.detector.realtraffic import PERSONAS, build_suite, simulated_suite
from stillroom.detector.realtraffic.pools import SPLIT, read_source
from stillroom.detector.realtraffic.records import Client, KeyTraffic, Request, to_event
from stillroom.detector.realtraffic.replay import outcome_json, replay_each, summarise
from stillroom.detector.realtraffic.suite import EPOCH, Suite
from stillroom.detector.types import TrafficEvent

HERE = Path(__file__).parent
# Issue #13's held-out measurement of the detector before content evidence, for comparison.
HELD_OUT = {
    "distiller actors caught": "5 / 10",
    "distiller keys caught": "5 / 29 (17%), 2 blocked",
    "benign keys flagged": "7 / 202 (3.5%), 2 blocked",
    "benign keys >= 100 requests flagged": "7 / 26",
    "requests to first suspect": "~235",
}


def fmt(x: object) -> str:
    return "-" if x is None else (f"{x:g}" if isinstance(x, float) else str(x))


def persona_table(personas: dict) -> list[str]:
    lines = [
        f"  {'persona':<21} {'label':<9} {'keys':>4} {'req/key':>7} {'watch':>5} {'caught':>6} {'block':>5}"
        f" {'req>susp':>8} {'h>susp':>7} {'req>blk':>7} {'h>blk':>6} {'peak':>5} {'linked':>6}  top evidence (mean share of peak)"
    ]
    order = sorted(personas.items(), key=lambda kv: (kv[1]["label"] != "distiller", kv[0]))
    for name, p in order:
        ev = ", ".join(f"{k} {v:.2f}" for k, v in p["top_evidence"]) or "-"
        lines.append(
            f"  {name:<21} {p['label']:<9} {p['keys']:>4} {fmt(p['requests_median']):>7} {p['watch']:>5}"
            f" {p['caught']:>6} {p['blocked']:>5} {fmt(p['req_to_suspect']):>8} {fmt(p['hours_to_suspect']):>7}"
            f" {fmt(p['req_to_block']):>7} {fmt(p['hours_to_block']):>6} {p['max_score']:>5.2f}"
            f" {p['linked_same_actor']:>3}/{p['in_cluster']:<2}  {ev}"
        )
    return lines


def overall_lines(o: dict, timing: dict) -> list[str]:
    pct = lambda a, b: f"{a} / {b} ({100 * a / b:.1f}%)" if b else f"{a} / 0"  # noqa: E731
    return [
        f"  distiller actors caught (suspect or block): {pct(o['distiller_actors_caught'], o['distiller_actors'])}",
        f"  distiller keys caught: {pct(o['distiller_keys_caught'], o['distiller_keys'])},"
        f" blocked {o['distiller_keys_blocked']}",
        f"  median requests to first suspect (caught distiller keys): {fmt(o['median_req_to_suspect'])}",
        f"  hydra members linked to their cluster: {o['hydra_keys_linked']} / {o['hydra_keys']}",
        f"  benign keys flagged: {pct(o['benign_flagged'], o['benign_keys'])}, blocked {o['benign_blocked']}",
        f"  benign keys with >= 100 requests flagged: {o['benign_100plus_flagged']} / {o['benign_100plus']}",
        f"  benign keys linked to another actor's key: {o['benign_linked_to_other_actor']}",
        f"  evaluation keys labelled `evaluation`: {o['evaluation_labelled']} / {o['evaluation_keys']}",
        f"  observe() + served() over the replay ({timing['n']} calls): wall p50 {timing['wall_p50']} ms, p99 {timing['wall_p99']} ms,"
        f" max {timing['wall_max']} ms; CPU p50 {timing['cpu_p50']} ms, p99 {timing['cpu_p99']} ms",
        f"  observe() alone (the target: p50 <= 0.5 ms, p99 <= 5 ms): CPU p50 {timing['observe_cpu_p50']} ms,"
        f" p99 {timing['observe_cpu_p99']} ms",
    ]


def report_suite(title: str, suites: list[Suite], cfg: DetectorConfig, build_s: float) -> dict:
    """Replay (each suite through its own detector), print the summary, return the JSON part."""
    t0 = time.perf_counter()
    outcomes, timing = replay_each(suites, cfg)
    replay_s = time.perf_counter() - t0
    summary = summarise(outcomes)
    keys = [k for s in suites for k in s.keys]
    n_req = sum(len(k.requests) for k in keys)
    say(
        f"\n== {title}: {len(keys)} keys, {n_req} requests (built in {build_s:.1f} s, replayed in {replay_s:.1f} s) =="
    )
    for note in (n for s in suites for n in s.notes):
        say(f"  note: {note}")
    for line in overall_lines(summary["overall"], timing.summary()):
        say(line)
    say("  by prompt size (characters the event carried, history included):")
    for lo, hi in ((0, 1000), (1000, 4000), (4000, 16000), (16000, 10**9)):
        b = timing.summary((timing.chars >= lo) & (timing.chars < hi))
        if b["n"]:
            say(f"    [{lo}, {hi if hi < 10**9 else 'inf'}): n {b['n']}, wall p50 {b['wall_p50']} p99 {b['wall_p99']} ms,"
                f" CPU p50 {b['cpu_p50']} p99 {b['cpu_p99']} ms; observe alone CPU p50 {b['observe_cpu_p50']}"
                f" p99 {b['observe_cpu_p99']} ms")  # fmt: skip
    for line in persona_table(summary["personas"]):
        say(line)
    return {
        "title": title,
        "summary": summary,
        "observe": timing.summary(),
        "notes": [n for s in suites for n in s.notes],
        "keys": [key_json(k, outcomes[k.key_id]) for k in keys],
    }


def served_sensitivity(suites: list[Suite], cfg: DetectorConfig) -> list[str]:
    """The real suites again with the detector told nothing of what was served ("none": the
    history evidence abstains) and with a worst case where every client, people included, resends
    replies it was never given ("other": e.g. a replay harness that resends stored conversations
    for its benign users too)."""
    lines = []
    for mode, what in (
        ("none", "no replies reported"),
        ("other", "every client resends replies it was not served"),
    ):
        for suite in suites:
            o = summarise(replay_each([suite], cfg, mode)[0])["overall"]
            lines.append(
                f"  {suite.name} with {what}: distiller actors caught {o['distiller_actors_caught']} /"
                f" {o['distiller_actors']}, keys {o['distiller_keys_caught']} / {o['distiller_keys']};"
                f" benign keys flagged {o['benign_flagged']} / {o['benign_keys']}, blocked {o['benign_blocked']}"
            )
    return lines


def key_json(k, outcome) -> dict:
    """A key's outcome plus what an operator knows about it (the persona parameters are listed once)."""
    extra = {"mix": k.settings["mix"]} if "mix" in k.settings else {}
    client = {"user_agent": k.client.user_agent, "header_names": list(k.client.header_names),
              "account": dict(k.client.account), "system_prompt": k.client.system_prompt}  # fmt: skip
    return dict(outcome_json(outcome), timing=k.timing, sources=list(k.sources), client=client, **extra)


def long_texts(folder: Path) -> list[str]:
    """Every real user turn of 4,000+ characters in the folder (both splits: this is timing only)."""
    names = sorted({s for split in SPLIT.values() for group in split.values() for s in group})
    return sorted(
        {t for n in names for r in read_source(folder, n) for t in r.turns if len(t) >= 4000}, key=len
    )


def long_prompt_timing(folder: Path, per_bucket: int, seed: int) -> list[str]:
    """observe() on long prompts, on a detector already holding a suite's worth of keys. Above the
    longest real prompts, prompts are real long texts pasted together (a user pasting documents)."""
    rng = random.Random(seed)
    texts = long_texts(folder)
    det = Detector(DetectorConfig())
    for key, req in build_suite(folder, "val", seed, scale=0.2).events():
        det.observe(to_event(key, req))
    lines = [f"  long prompts: {len(texts)} real user turns >= 4,000 chars (longest {len(texts[-1])}); "
             f"detector warmed with {len(det.keys)} keys; each bucket sent by 10 fresh keys"]  # fmt: skip
    buckets = {
        "4k-8k real": [t for t in texts if len(t) < 8000],
        "8k-16k real": [t for t in texts if 8000 <= len(t) < 16000],
        "16k-32k": [t for t in texts if len(t) >= 16000]
        + [_pasted(rng, texts, 16000, 32000) for _ in range(20)],
    }
    for name, prompts in buckets.items():
        wall, cpu = [], []
        for i in range(per_bucket):
            key = KeyTraffic(f"long-{name}-{i % 10}", "long", "benign", "chat", "long", Client("", ()))
            p = prompts[i % len(prompts)]
            ev = to_event(key, Request(EPOCH + i, "chat", p, [{"role": "user", "content": p}], {}))
            t0, c0 = time.perf_counter_ns(), time.thread_time_ns()
            det.observe(ev)
            cpu.append((time.thread_time_ns() - c0) / 1e6)
            wall.append((time.perf_counter_ns() - t0) / 1e6)
        sizes = sorted(len(p) for p in prompts)
        lines.append(
            f"  {name:>12}: {len(prompts)} prompts ({sizes[0]}-{sizes[-1]} chars), {per_bucket} calls: wall p50"
            f" {np.percentile(wall, 50):.3f} p99 {np.percentile(wall, 99):.3f} ms; CPU p50"
            f" {np.percentile(cpu, 50):.3f} p99 {np.percentile(cpu, 99):.3f} ms"
        )
    lines.append(
        "  (16k-32k: the real ones plus 20 made by pasting real long texts together, up to 32,000 chars)"
    )
    return lines


def _pasted(rng: random.Random, texts: list[str], lo: int, hi: int) -> str:
    """Real long texts pasted together to a length drawn from [lo, hi), then a question."""
    target, out = rng.uniform(lo, hi - 100), ""
    while len(out) < target:
        out += ("\n\n" if out else "") + rng.choice(texts)
    return out[: int(target)] + "\n\nSummarise the documents above and list where they disagree."


def blind_wordings(cfg: DetectorConfig) -> list[str]:
    """Keys whose every request is a data-generation, grading or CoT prompt worded by someone who
    never saw the detector (bench/data/asks/test_*.json, written blind, never trained on), one key
    per set and kind, sent once each 30 s apart (30-40 requests: below `block_min_requests`, so
    suspect is the most a key reaches); and one key of the set's benign look-alikes. With the
    learned reader (asks.py) and with the phrase patterns alone."""
    from stillroom.detector import asks

    sets = sorted((HERE / "data" / "asks").glob("test_*.json"))
    lines = []
    for label, model in (("patterns + model", asks.default_model()), ("patterns alone", None)):
        saved = asks.default_model
        asks.default_model = lambda m=model: m
        asks.asks_system.cache_clear()
        try:
            det, verdicts = Detector(cfg), {}
            for path in sets:
                doc = json.loads(path.read_text())
                for kind in (k for k in ("datagen", "rubric", "cot", "benign") if k in doc):
                    key = f"{path.stem}-{kind}"
                    for i, prompt in enumerate(doc[kind]):
                        msgs = [{"role": "user", "content": prompt}]
                        params = {"temperature": 0.7, "max_tokens": 1024}
                        a_ = det.observe(TrafficEvent(key, 1.8e9 + 30 * i, "chat", prompt, msgs, params))
                    verdicts[key] = (a_.verdict, a_.score, len(doc[kind]))
        finally:
            asks.default_model = saved
            asks.asks_system.cache_clear()
        lines.append(
            f"  {label}: " + "; ".join(f"{k} {v} {sc:.2f} (n {n})" for k, (v, sc, n) in verdicts.items())
        )
    return lines


def persona_lines() -> list[str]:
    lines = ["\n== personas (fixed before tuning; TUNE and VAL differ only in their sources) =="]
    for p in PERSONAS:
        params = ", ".join(f"{k}={_short(v)}" for k, v in p.params.items() if k != "runs")
        src = "; ".join(
            f"{s.upper()}: {', '.join(p.sources.get(s, ())) or '(none)'}" for s in ("tune", "val")
        )
        lines += [
            f"  {p.name} [{p.label}/{p.kind}] {p.doc}",
            f"      sources {src}",
            f"      params {params}",
        ]
    return lines


def _short(v: object) -> str:
    return getattr(v, "__name__", None) or repr(v)


def _name(v: object) -> str:
    return getattr(v, "__name__", None) or str(v)


def compact_json(doc: dict) -> str:
    """One line per key record: small, and a re-run's diff still reads key by key."""
    return json.dumps(doc, default=_name, separators=(",", ":")).replace(',{"key_id":', ',\n{"key_id":')


def persona_json() -> dict:
    return {p.name: {"label": p.label, "kind": p.kind, "doc": p.doc, "sources": p.sources, "params": p.params}
            for p in PERSONAS}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--traffic", default=str(HERE.parent.parent / "shared" / "traffic"))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sim-seeds", type=int, nargs="+", default=[100, 101, 102])
    ap.add_argument("--quick", action="store_true", help="a tenth of every count, one small simulated day")
    ap.add_argument(
        "--detector-seed",
        type=int,
        default=None,
        help="seed the detector's content sampling, so two runs can be diffed (default: from the OS, as deployed)",
    )
    ap.add_argument("--out", default=str(HERE / "results" / "detector_real"), help="path without .txt/.json")
    a = ap.parse_args()
    folder = Path(a.traffic)
    if not folder.is_dir():
        sys.exit(f"traffic folder not found: {folder} (pass --traffic)")
    t_start = time.perf_counter()
    header("bench/detector_real.py")
    scale = 0.1 if a.quick else 1.0
    cfg = DetectorConfig(seed=a.detector_seed)
    say(
        "detector: Detector(DetectorConfig()) defaults"
        + ("" if a.detector_seed is None else f" (content sampling seed {a.detector_seed})")
        + "; 'caught' = reached suspect or block; hours are simulated time"
    )
    say(
        "timing: oasst2 users keep their real thread start times; every other clock is simulated (see each key's `timing`)"
    )
    say(
        "replies: stored assistant turns stand in for the served model's (a stub where the data has none), and"
        " each chat answer is reported to Detector.served as a guard does; clients resend what they were served,"
        " except the two conversation-replay scripts (realpool_replay, hydra_realpool), which resend the pool's"
        " stored replies"
    )
    say(
        "issue #13 held-out table (the detector before content evidence, not this one): "
        + "; ".join(f"{k} {v}" for k, v in HELD_OUT.items())
    )
    results, real = [], []
    for split in ("tune", "val"):
        t0 = time.perf_counter()
        suite = build_suite(folder, split, a.seed, scale)
        real.append(suite)
        build_s = time.perf_counter() - t0
        results.append(report_suite(f"real {split.upper()} suite (seed {a.seed})", [suite], cfg, build_s))
    t0 = time.perf_counter()
    seeds = a.sim_seeds[:1] if a.quick else a.sim_seeds
    sims = [simulated_suite(s, _quick_counts() if a.quick else None) for s in seeds]
    title = f"built-in simulated suite (traces.py seeds {seeds}, each seed through its own detector)"
    results.append(report_suite(title, sims, cfg, time.perf_counter() - t0))
    say("\n== what the served-reply reports change (real suites, same traffic) ==")
    for line in served_sensitivity(real, cfg):
        say(line)
    say("\n== unseen sources: the provenance classifier refitted without any distiller persona's source ==")
    for line in unseen_source_check(real, cfg):
        say(line)
    say("\n== unseen users: each split again, the classifier refitted without that split's benign sources ==")
    for line in unseen_benign_check(real, cfg):
        say(line)
    say(
        "\n== evaluation suites the item table does not hold (the table emptied; a held-out judge's suites) =="
    )
    for line in unknown_suites(real, cfg):
        say(line)
    say(
        "\n== requests worded blind (bench/data/asks/test_*.json): data generation, grading, CoT, benign look-alikes =="
    )
    for line in blind_wordings(cfg):
        say(line)
    say("\n== observe() on long prompts ==")
    for line in long_prompt_timing(folder, 40 if a.quick else 300, a.seed):
        say(line)
    for line in persona_lines():
        say(line)
    say(
        f"\nbench wall time {time.perf_counter() - t_start:.0f} s; load average at end {os.getloadavg()[0]:.2f}"
    )
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".txt").write_text("\n".join(LINES) + "\n")
    doc = {"argv": sys.argv[1:], "personas": persona_json(), "suites": results}
    out.with_suffix(".json").write_text(compact_json(doc) + "\n")
    say(f"wrote {out.with_suffix('.txt')} and {out.with_suffix('.json')}")


def distiller_sources() -> list[str]:
    """Every source a distiller persona draws its prompts from, in either split."""
    return sorted(
        {s for p in PERSONAS if p.label == "distiller" for srcs in p.sources.values() for s in srcs}
    )


def unknown_suites(suites: list[Suite], cfg: DetectorConfig) -> list[str]:
    """The evaluation keys again with the public-benchmark item table emptied. The shipped table
    holds every benign-eval file of ../shared/traffic, so the suites above are labelled partly
    because their items are known; a held-out judge runs suites the table does not hold, and only
    the item formats, answer-format requests and harness settings are left to label them. The
    classifier was trained on those suites' prompts too (it reads their style), so each split runs
    twice: with the shipped classifier, then with it refitted without that split's benign sources
    (as `unseen_benign_check`): suites neither the table nor the classifier has seen."""
    from stillroom.detector import evaluation

    evals = [Suite(s.name, [k for k in s.keys if k.kind == "evaluation"]) for s in suites]
    shipped = evaluation._items
    evaluation._items = lambda: frozenset()
    lines = []
    try:
        for refit in (False, True):
            if refit:
                lines.append(
                    "  and the classifier refitted without the split's benign sources (unseen users' refit):"
                )
            for s in evals:
                if refit:
                    outcomes = _with_model(
                        _refitted(_benign_sources(s.name.removeprefix("real-")))[0], [s], cfg
                    )
                else:
                    outcomes = replay_each([s], cfg)[0]
                got = [outcomes[k.key_id] for k in s.keys]
                labelled = sum("evaluation" in o.first for o in got)  # as the suite summaries count it
                flagged = [o for o in got if o.caught]
                lines.append(
                    f"  {s.name}: {labelled} / {len(got)} evaluation keys labelled `evaluation`, {len(flagged)} flagged"
                    f" ({sum(o.blocked for o in got)} blocked)"
                )
                for o in sorted(got, key=lambda o: -o.max_score):
                    if "evaluation" not in o.first:
                        lines.append(f"    {o.family}: final {o.final_verdict}, peak {o.max_score:.2f}")
    finally:
        evaluation._items = shipped
    return lines


def _benign_sources(split: str) -> list[str]:
    """The sources a split's benign personas draw on (chat users, apps and evaluation suites)."""
    return sorted({src for p in PERSONAS if p.label == "benign" for src in p.sources.get(split, ())})


def _refitted(excluded: list[str]) -> tuple[Path, str]:
    """The provenance model fitted as the shipped one is, on every labelled source but `excluded`
    (cached under ~/.cache/stillroom: a fit takes ~4-5 min on this machine)."""
    import provenance as bench_prov  # bench/provenance.py: the same fit as the shipped model

    kept = [n for n in bench_prov.SOURCES if n not in excluded]
    digest = hashlib.sha256(repr((kept, bench_prov.RECIPE)).encode()).hexdigest()[:12]
    cache = Path.home() / ".cache" / "stillroom" / f"provenance-unseen-{digest}.npz"
    if cache.is_file():
        return cache, f"cached: {cache}"
    t0 = time.perf_counter()
    pools, feats = bench_prov.load_all()
    cache.parent.mkdir(parents=True, exist_ok=True)
    bench_prov.fit(bench_prov.Data(pools, feats, kept)).save(cache)
    return cache, f"fitted in {time.perf_counter() - t0:.0f} s"


def _with_model(path: Path, suites: list[Suite], cfg: DetectorConfig) -> dict:
    """Replay `suites` with the provenance model read from `path` instead of the shipped one."""
    from stillroom.detector import provenance as prov

    shipped = prov.MODEL_PATH
    prov.MODEL_PATH = path
    prov.default_model.cache_clear()
    try:
        return replay_each(suites, cfg)[0]
    finally:
        prov.MODEL_PATH = shipped
        prov.default_model.cache_clear()


def _suite_line(s: Suite, outcomes: dict) -> list[str]:
    o = summarise({k.key_id: outcomes[k.key_id] for k in s.keys})
    v = o["overall"]
    missed = [n for n, p in o["personas"].items() if p["label"] == "distiller" and not p["caught"]]
    flagged = [n for n, p in o["personas"].items() if p["label"] == "benign" and p["caught"]]
    return [
        f"  {s.name}: distiller actors caught {v['distiller_actors_caught']} / {v['distiller_actors']};"
        f" keys {v['distiller_keys_caught']} / {v['distiller_keys']} ({v['distiller_keys_blocked']} blocked);"
        f" benign flagged {v['benign_flagged']} / {v['benign_keys']} ({v['benign_blocked']} blocked);"
        f" evaluation labelled {v['evaluation_labelled']} / {v['evaluation_keys']}",
        f"    distiller personas missed: {', '.join(missed) or 'none'}; benign personas flagged: {', '.join(flagged) or 'none'}",
    ]


def unseen_source_check(suites: list[Suite], cfg: DetectorConfig) -> list[str]:
    """The real suites again, with the per-prompt provenance model refitted on every labelled source
    *except* those the distiller personas draw from. The shipped model was trained on them, so the
    suites above measure it in-sample; a held-out judge's distillers use datasets it never saw, and
    this is the nearest estimate of that (the benign side: `unseen_benign_check`)."""
    excluded = distiller_sources()
    path, fit_s = _refitted(excluded)
    lines = [f"  excluded from the classifier's training data: {', '.join(excluded)} ({fit_s})"]
    outcomes = _with_model(path, suites, cfg)
    for s in suites:
        lines += _suite_line(s, outcomes)
    return lines


def unseen_benign_check(suites: list[Suite], cfg: DetectorConfig) -> list[str]:
    """The benign side of `unseen_source_check`: each real suite again with the provenance model
    refitted without every source that suite's *benign* personas draw on (chat users, apps and
    evaluation suites alike; the item table is left as shipped, see `unknown_suites`). A held-out
    judge's real users and suites are text the classifier never saw; this says whether they would
    read as instruction data to it, as split-sized leave-out (the other split's sources and the
    distillers' stay in)."""
    lines = []
    for s in suites:
        split = s.name.removeprefix("real-")
        excluded = _benign_sources(split)
        path, fit_s = _refitted(excluded)
        lines.append(f"  {s.name}: excluded {', '.join(excluded)} ({fit_s})")
        lines += _suite_line(s, _with_model(path, [s], cfg))
    return lines


def _quick_counts() -> dict[str, int]:
    return {"chat": 2, "coder": 1, "casual": 2, "batch": 1, "researcher": 1, "sweeper": 1, "slow_sweeper": 1,
            "paraphrase": 1, "logprob": 1, "magpie": 1, "hydra": 1}  # fmt: skip


if __name__ == "__main__":
    main()

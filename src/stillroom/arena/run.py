"""`stillroom arena`: one command from a seeded simulated day to the model owner's table.

traffic (detector.traces personas)  ->  serve + guard on 127.0.0.1  ->  replay (openai client)
-> outcomes from the guard's audit log  ->  closed loop (distil, fidelity, trace)  ->  report

With the closed loop on, the distiller family's requests also replay at the same time through a
second, observe-only guard in front of the same serve: the harvest it would have had unguarded.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from stillroom.arena import loop
from stillroom.arena.config import ArenaConfig
from stillroom.arena.outcomes import audit_by_key, key_outcome, summarise
from stillroom.arena.replay import Play, replay
from stillroom.arena.report import write_report
from stillroom.arena.stack import running_stack
from stillroom.config import save_config
from stillroom.contracts.audit import applied
from stillroom.detector import traces
from stillroom.models import load_hf
from stillroom.runs import write_json_atomic

OBSERVE_ONLY = {"ok": {}, "watch": {}, "suspect": {}, "block": {}}  # the detector runs, nothing is done


def traffic(cfg: ArenaConfig) -> list[dict]:
    """The seeded day, cut to `day_fraction` of each key's requests (a quick run keeps every persona)."""
    events = traces.generate(cfg.seed, cfg.counts)
    if cfg.day_fraction >= 1:
        return events
    by_key: dict[str, list[dict]] = defaultdict(list)
    for ev in events:
        by_key[ev["key_id"]].append(ev)
    kept = [ev for evs in by_key.values() for ev in evs[: max(1, round(len(evs) * cfg.day_fraction))]]
    return sorted(kept, key=lambda e: e["ts"])


def play(
    cfg: ArenaConfig, replays: dict[str, tuple[dict | None, list[dict]]], out: Path
) -> dict[str, tuple[list[dict], dict[str, list[dict]]]]:
    """Replay each trace (name -> (guard policy, events)) through its own guard in front of one
    shared serve, all at once; returns what the clients saw and the guard's audit per key, per name."""
    spec = {name: (policy, sorted({e["key_id"] for e in evs})) for name, (policy, evs) in replays.items()}
    with running_stack(out, cfg, spec) as guards:
        plays = {
            name: Play(evs, guards[name].keys, guards[name].url, guards[name].folder / "requests.jsonl")
            for name, (_, evs) in replays.items()
        }
        records = replay(plays, cfg.concurrency, cfg.speedup)
    return {
        name: (
            records[name],
            audit_by_key(g.db_url, {kid: label for label, (kid, _) in g.keys.items()}),
        )
        for name, g in guards.items()
    }


def outcomes(cfg: ArenaConfig, records: list[dict], audit: dict[str, list[dict]]) -> dict[str, Any]:
    by_key: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_key[r["key"]].append(r)
    rows = [
        key_outcome(k, recs, audit.get(k, []), tuple(cfg.flag_verdicts)) for k, recs in sorted(by_key.items())
    ]
    return summarise(rows, cfg.detect_within, tuple(cfg.flag_verdicts))


def watermarked_answers(
    records: list[dict], audit: dict[str, list[dict]], family: str, tok
) -> list[list[int]]:
    """Token ids of the answers the guard had watermarked for `family`'s keys (per the audit log)."""
    out = []
    for key, rows in audit.items():
        recs = sorted((r for r in records if r["key"] == key), key=lambda r: r["ts"])
        if not recs or recs[0]["family"] != family or len(recs) != len(rows):
            continue
        for rec, row in zip(recs, rows, strict=True):
            if rec["status"] == 200 and applied(row["action"], "watermark"):
                out += [tok(t, add_special_tokens=False)["input_ids"] for t in rec["texts"] if t]
    return out


def closed_loop(
    cfg: ArenaConfig, out: Path, records: list[dict], audit: dict[str, list[dict]], off_records: list[dict]
) -> dict[str, Any]:
    """Students from the distiller family's answers with the guard on (`records`) and off
    (`off_records`: the family's same requests through an observe-only guard), and from benign traffic."""

    lc, tok = cfg.loop, load_hf(cfg.teacher_path)[1]
    sources = {
        "distiller_guard_on": [r for r in records if r["family"] == lc.family],
        "distiller_guard_off": off_records,
        "benign": [r for r in records if r["label"] == "benign"],
    }
    students, data = {}, {}
    for name, recs in sources.items():
        store = out / "loop" / f"{name}.sqlite"
        store.parent.mkdir(parents=True, exist_ok=True)
        data[name] = {
            "completions": loop.harvest_store(recs, store, tok, tok.eos_token_id),
            "tokens": sum(r["completion_tokens"] for r in recs if r["status"] == 200),
        }
        students[name] = loop.distil(cfg, store, out / "loop" / name)
    marked = watermarked_answers(records, audit, lc.family, tok)
    return {"data": data, **loop.measure(cfg, students, marked), "watermarked_answers": len(marked)}


def run_arena(cfg: ArenaConfig, out: Path) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    save_config(cfg, out / "config.yaml")
    t0 = time.time()
    events = traffic(cfg)
    replays = {"guard_on": (cfg.policy, events)}
    if cfg.loop.enabled:  # what the distillers would have got without countermeasures, replayed alongside
        replays["guard_off"] = (OBSERVE_ONLY, [e for e in events if e["family"] == cfg.loop.family])
    played = play(cfg, replays, out)
    records, audit = played["guard_on"]
    summary: dict[str, Any] = {
        "seed": cfg.seed,
        "requests": len(records),
        "outcomes": outcomes(cfg, records, audit),
        "replay_s": time.time() - t0,
    }
    write_json_atomic(out / "summary.json", summary)
    if cfg.loop.enabled:
        summary["loop"] = closed_loop(cfg, out, records, audit, played["guard_off"][0])
    summary["wall_s"] = time.time() - t0
    if cfg.defence:
        summary["defence"] = json.loads(Path(cfg.defence).read_text())
    write_json_atomic(out / "summary.json", summary)

    write_report(summary, out / "report.html")
    (out / "headline.txt").write_text(headline(summary) + "\n")
    return summary


def headline(s: dict[str, Any]) -> str:
    o = s["outcomes"]
    lines = [
        f"seed {s['seed']}: {s['requests']} requests in {s.get('wall_s', s['replay_s']):.0f} s",
        f"distillers caught (suspect/block) within {o['distillers_caught_within']} requests: "
        f"{o['distiller_detection_rate']:.0%} of {o['distiller_keys']} keys; median requests to detection "
        f"{o['median_requests_to_detection']}",
        f"benign keys: {o['benign_flagged_rate']:.0%} of {o['benign_keys']} ever flagged suspect, "
        f"{o['benign_blocked']} blocked; ROC AUC of the suspicion score {o['roc_auc']:.3f}",
    ]
    lp = s.get("loop")
    if lp:
        kl = {k: v.get("kl") for k, v in lp["fidelity"].items()}
        pv = {k: (v or {}).get("p_value") for k, v in lp["trace"].items()}
        lines.append(
            "student KL to teacher (held-out): "
            + ", ".join(f"{k} {v:.3f}" for k, v in kl.items() if v is not None)
        )
        lines.append(
            "radioactivity p-value: "
            + ", ".join(f"{k} {v:.2e}" for k, v in pv.items() if v is not None)
            + f"  ({lp['trace_texts']} watermarked answers scored)"
        )
    return "\n".join(lines)

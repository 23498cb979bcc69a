"""Harvest 200 real prompts with top-20 logprobs from a real third-party server, then train kd on it.

The server is llama-cpp-python's `llama_cpp.server` serving the embedded SmolLM2 GGUF on 127.0.0.1
(`.venv-llama`, or STILLROOM_LLAMA_PYTHON). Prompts: the first user turn of 40 rows from each of the
five distiller-source TUNE files in ../shared/traffic (English, code and Chinese). Measured: lost,
duplicated, crashed, share of top-k ids mapped (overall, per source, ASCII vs other prompts),
chosen tokens mapped, the pacing the harvest settled on, then `distill --method kd --signal
harvested` on the store (loss first -> last). With --check-ids, also whether the ids are right:
the same GGUF answers the same prompts in-process (tests/llama_oracle.py, the code path the server
wraps, so the same answers) and every stored id is compared with the token that entry really was;
it also counts the alternatives the server merged away under equal strings (gone before the
harvest sees them) and what the entries left without an id stand for.
Output: bench/results/harvest-real.txt (+ .json).

    heavy env PYTHONPATH=src .venv/bin/python bench/harvest_real.py [--check-ids]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from llama_server import LlamaServer, server_python, true_answers, true_logprobs, version, wrong_ids  # noqa: E402
from stillroom.harvest.store import HarvestStore  # noqa: E402
from stillroom.teachers.tokens import load_token_map  # noqa: E402

SOURCES = ["codealpaca_2k", "sharegpt_en_sample", "orca_dpo_pairs_val", "belle_dev1k", "moss_sft_sample"]
TRAFFIC = ROOT.parent / "shared" / "traffic"


def prompts(per_source: int, max_chars: int) -> list[dict]:
    rows = []
    for src in SOURCES:
        n = 0
        with gzip.open(TRAFFIC / f"{src}.jsonl.gz", "rt") as f:
            for line in f:
                row = json.loads(line)
                user = next((m["content"] for m in row["messages"] if m["role"] == "user"), "")
                if not user.strip() or len(user) > max_chars:
                    continue
                rows.append({"id": f"{src}:{n}", "messages": [{"role": "user", "content": user}]})
                n += 1
                if n == per_source:
                    break
    return rows


def run(cmd: list[str], log: Path) -> tuple[int, float]:
    t0 = time.perf_counter()
    with open(log, "w") as f:
        rc = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT).returncode
    return rc, time.perf_counter() - t0


def summary_lines(log: Path) -> list[str]:
    """The harvest's own closing lines (counts, mapping, pacing), rejoined where the console wrapped."""
    text = " ".join(
        line.strip() for line in log.read_text().splitlines() if "│" not in line and "━" not in line
    )
    text = text.split("cost ledger")[0]
    starts = r"harvest [0-9a-f]{16}:|top-k ids mapped:|\d+ of \d+ answer tokens|in flight:"
    cuts = [m.start() for m in re.finditer(starts, text)]
    return [text[a:b].strip() for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]


def mapping(recs, pick) -> dict:
    total = ok = 0
    for r in recs:
        if pick(r):
            present = np.isfinite(r.top_logprobs)
            total += int(present.sum())
            ok += int((present & (r.top_ids >= 0)).sum())
    return {"mapped": ok, "total": total, "rate": ok / total if total else None}


def check_ids(python: Path, work: Path, recs: list, max_new: int) -> dict:
    """Every stored id against the true one (tests/llama_oracle.py), per source; see the docstring."""
    truth = true_answers(python, work / "p.jsonl", work / "oracle.jsonl", max_new, 20)
    raw = load_token_map("hf:default").raw
    res: dict = {}
    for r in recs:
        c, true = res.setdefault(r.prompt_id.split(":")[0], Counter()), truth[r.prompt_id]
        wrong = wrong_ids(r, true)
        if wrong is None:
            c["answers_differ"] += 1
            continue
        c["chosen_mapped"] += sum(i >= 0 for i in r.token_ids)
        c["top_mapped"] += int((r.top_ids >= 0).sum())
        c["chosen_wrong"], c["top_wrong"] = c["chosen_wrong"] + wrong[0], c["top_wrong"] + wrong[1]
        for t in range(len(r.token_ids)):
            _unmapped(c, r.top_ids[t], r.top_logprobs[t], true, t, raw)
    return {src: {k: int(v) for k, v in c.items()} for src, c in res.items()}


def _unmapped(c: Counter, ids, lps, true: dict, t: int, raw: dict) -> None:
    """What the -1 entries of one stored row stood for (by the string the server showed), and how
    many of the true top-20 the server merged away (equal strings: one entry for several tokens)."""
    shown = lambda i: raw.get(i, b"").decode("utf-8", "ignore")  # noqa: E731  (llama-cpp-python's; specials '')
    c["server_top"] += len(true["top_ids"][t])
    c["merged_away"] += len(true["top_ids"][t]) - len({shown(i) for i in true["top_ids"][t]})
    lp_of = true_logprobs(true, t)
    for i, lp in zip(ids, lps, strict=True):
        if i < 0 and np.isfinite(lp):
            was = [j for j, v in lp_of.items() if abs(v - lp) <= 1e-4]
            kind = repr(shown(was[0])) if len(was) == 1 else "tied"
            c["unmapped " + (kind if kind in ("''", "' '", "tied") else "other")] += 1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-source", type=int, default=40)
    ap.add_argument("--max-new-tokens", type=int, default=32)
    ap.add_argument("--kd-steps", type=int, default=20)
    ap.add_argument("--check-ids", action="store_true", help="compare every id with the true one")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "harvest-real"))
    ap.add_argument("--work", default="/tmp/stillroom-harvest-real")
    a = ap.parse_args()
    python = server_python()
    if python is None:
        sys.exit("llama_cpp.server not installed: make install-llama (or set STILLROOM_LLAMA_PYTHON)")
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    rows = prompts(a.per_source, 600)
    (work / "p.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    store = work / "h.sqlite"
    for p in work.glob("h.sqlite*"):
        p.unlink()
    load0 = os.getloadavg()
    harvest = [sys.executable, "-m", "stillroom.cli", "harvest", str(work / "p.jsonl"), "--store", str(store)]
    harvest += [
        "--tokenizer",
        "hf:default",
        "--top-logprobs",
        "20",
        "--max-new-tokens",
        str(a.max_new_tokens),
    ]
    with LlamaServer(python, log=work / "server.log") as srv:
        rc, wall = run([*harvest, "--teacher", f"openai:{srv.url}"], work / "harvest.log")
        rc2, _ = run([*harvest, "--teacher", f"openai:{srv.url}"], work / "rerun.log")
    s = HarvestStore(store)
    recs = list(s.records())
    per_prompt = Counter(r.prompt_id for r in recs)
    res = {
        "server": f"llama-cpp-python {version(python)} (llama_cpp.server), embedded SmolLM2-135M Q4_1 GGUF",
        "prompts": len(rows),
        "max_new_tokens": a.max_new_tokens,
        "top_logprobs": 20,
        "harvest_rc": rc,
        "rerun_rc": rc2,
        "lost": len({r["id"] for r in rows} - set(per_prompt)),
        "duplicated": sum(n - 1 for n in per_prompt.values()),
        "completion_tokens": sum(len(r.token_ids) for r in recs),
        "harvest_wall_s": round(wall, 1),
        "top_ids": mapping(recs, lambda r: True),
        "top_ids_ascii_prompts": mapping(recs, lambda r: r.prompt_id.split(":")[0] in SOURCES[:3]),
        "top_ids_chinese_prompts": mapping(recs, lambda r: r.prompt_id.split(":")[0] in SOURCES[3:]),
        "by_source": {
            src: mapping(recs, lambda r, src=src: r.prompt_id.startswith(src + ":")) for src in SOURCES
        },
        "chosen_tokens": s.mapping(),
        "ids_checked": check_ids(python, work, recs, a.max_new_tokens) if a.check_ids else None,
        "harvest_summary": summary_lines(work / "harvest.log"),
        "load_before": load0,
    }
    s.close()
    kd = work / "kd"
    subprocess.run(["rm", "-rf", str(kd)])
    cmd = [sys.executable, "-m", "stillroom.cli", "distill", "--store", str(store), "--out", str(kd)]
    cmd += ["--teacher", "hf:default", "--method", "kd", "--signal", "harvested", "--layers", "6"]
    cmd += ["--steps", str(a.kd_steps), "--batch-size", "8", "--lr", "1e-4", "--seed", "0"]
    rc3, kd_wall = run(cmd, work / "kd.log")
    metrics = [json.loads(x) for x in (kd / "metrics.jsonl").read_text().splitlines()] if rc3 == 0 else []
    res["kd"] = {
        "rc": rc3,
        "steps": len(metrics),
        "wall_s": round(kd_wall, 1),
        "loss_first": metrics[0]["loss"] if metrics else None,
        "loss_last5_mean": float(np.mean([m["loss"] for m in metrics[-5:]])) if metrics else None,
        "kl_first": metrics[0].get("kl") if metrics else None,
        "kl_last5_mean": float(np.mean([m["kl"] for m in metrics[-5:]])) if metrics else None,
        "train_prompts": json.loads((kd / "summary.json").read_text())["train_prompts"] if rc3 == 0 else None,
    }
    res["load_after"] = os.getloadavg()
    Path(a.out + ".json").write_text(json.dumps(res, indent=2, ensure_ascii=False))
    Path(a.out + ".txt").write_text(report(res))
    print(report(res))


def report(r: dict) -> str:
    pct = lambda m: f"{m['rate']:.2%} ({m['mapped']}/{m['total']})" if m["total"] else "-"  # noqa: E731
    lines = [
        f"# bench/harvest_real.py — {r['server']}",
        f"machine: 2-core x86-64, shared; loadavg before {r['load_before']}, after {r['load_after']}",
        f"prompts {r['prompts']} (40 each from {', '.join(SOURCES)}), top-20 logprobs, "
        f"max_new_tokens {r['max_new_tokens']}",
        f"harvest exit {r['harvest_rc']} (rerun {r['rerun_rc']}); lost {r['lost']}, duplicated {r['duplicated']}; "
        f"{r['completion_tokens']} tokens in {r['harvest_wall_s']} s",
        f"top-k ids mapped: {pct(r['top_ids'])}; English/code prompts {pct(r['top_ids_ascii_prompts'])}; "
        f"Chinese prompts {pct(r['top_ids_chinese_prompts'])}",
        *(f"  {src}: {pct(m)}" for src, m in r["by_source"].items()),
        f"chosen tokens mapped: {r['chosen_tokens']['tokens_mapped']}/{r['chosen_tokens']['tokens']}",
        *(f"  harvest said: {line}" for line in r["harvest_summary"]),
        *checked_lines(r.get("ids_checked")),
        f"kd (signal harvested, 6-layer pruned student): exit {r['kd']['rc']}, {r['kd']['steps']} steps in "
        f"{r['kd']['wall_s']} s on {r['kd']['train_prompts']} prompts; loss {r['kd']['loss_first']:.4f} -> "
        f"{r['kd']['loss_last5_mean']:.4f} (mean of last 5), KL {r['kd']['kl_first']:.4f} -> {r['kd']['kl_last5_mean']:.4f}"
        if r["kd"]["steps"]
        else f"kd: exit {r['kd']['rc']}",
    ]
    return "\n".join(lines) + "\n"


def checked_lines(checked: dict | None) -> list[str]:
    if not checked:
        return []
    lines = [
        "ids checked against the model in-process (tests/llama_oracle.py): wrong ids of those mapped; "
        "of the server's top-20, tokens merged away under an equal string; what the -1 entries were"
    ]
    for src, c in checked.items():
        kinds = ", ".join(
            f"{k.removeprefix('unmapped ')} {v}" for k, v in sorted(c.items()) if k.startswith("unmapped")
        )
        lines.append(
            f"  {src}: chosen wrong {c.get('chosen_wrong', 0)}/{c.get('chosen_mapped', 0)}, top wrong "
            f"{c.get('top_wrong', 0)}/{c.get('top_mapped', 0)}; merged away {c.get('merged_away', 0)} of "
            f"{c.get('server_top', 0)}; -1 entries: {kinds or 'none'}; answers differing {c.get('answers_differ', 0)}"
        )
    return lines


if __name__ == "__main__":
    main()

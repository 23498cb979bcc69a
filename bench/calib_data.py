"""Texts for the calibration harness (bench/calibration.py), built once and cached outside the repo.

    heavy env PYTHONPATH=src .venv/bin/python bench/calib_data.py --work /tmp/stillroom_calibration

Writes, under --work:
- `prompts.jsonl`: first user turns from ../shared/traffic (every source, shuffled), the prompts below;
- `plain.jsonl`: the embedded teacher's unwatermarked answers (temperature 0.7) to them;
- `human.jsonl`: real assistant and user turns from ../shared/traffic (not written by our teacher);
- `wm-<scheme>.jsonl`: answers watermarked with `--keys` random keys per scheme (KGW's and synthid) (a few prompts per
  key), each line carrying its key's secret: the null where the *teacher itself* is traced on texts
  marked with a key it never saw in training.
Rows: {"id", "kind", "prompt_ids", "token_ids"[, "secret", "scheme"]}.
For the students of bench/trace.py (radioactivity power, lineage), harvest stores over the same
`--plain` prompts (ids p0..): `plain.sqlite` (the teacher's plain answers, top-20 logprobs),
`wm.sqlite` (answers watermarked with the fixed key of bench/trace.py to the first `--wm` of them,
top-20 logprobs taken after the bias) and `human.sqlite` (the traffic row's own assistant answer to each prompt), plus
`wm.jsonl` (the watermarked answers as rows, what a trace reads).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import time
from pathlib import Path

TRAFFIC = Path("../shared/traffic")
SCHEMES = ("simple_1", "selfhash", "synthid")


def traffic_rows(seed: int) -> list[dict]:
    rows = []
    for path in sorted(TRAFFIC.glob("*.jsonl.gz")):
        with gzip.open(path, "rt") as fh:
            rows += [json.loads(line) for line in fh]
    random.Random(seed).shuffle(rows)
    return rows


def first_turns(rows: list[dict], n: int, max_chars: int = 600) -> list[tuple[list[dict[str, str]], str]]:
    """(first user turn as messages, the row's assistant answer to it) for rows that have one."""
    out = []
    for r in rows:
        msgs = r["messages"]
        pair = len(msgs) >= 2 and msgs[0]["role"] == "user" and msgs[1]["role"] == "assistant"
        if pair and 10 <= len(msgs[0]["content"]) <= max_chars and len(msgs[1]["content"]) >= 20:
            out.append(([{"role": "user", "content": msgs[0]["content"]}], msgs[1]["content"]))
        if len(out) == n:
            break
    return out


def human_texts(rows: list[dict], tokenizer, n: int) -> list[dict]:
    """Assistant turns (written by people or other models) and long user turns, as token ids."""
    out = []
    for r in rows:
        for m in r["messages"]:
            if len(m["content"]) >= 200:
                ids = tokenizer(m["content"][:1500], add_special_tokens=False)["input_ids"]
                out.append(
                    {"id": f"{r['id']}:{m['role']}", "kind": "human", "prompt_ids": [], "token_ids": ids}
                )
                break
        if len(out) == n:
            break
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path("/tmp/stillroom_calibration"))
    ap.add_argument("--plain", type=int, default=240, help="plain teacher answers")
    ap.add_argument(
        "--wm",
        type=int,
        default=None,
        help="of those prompts, the first N also answered watermarked (default all)",
    )
    ap.add_argument("--human", type=int, default=400, help="human/other-model texts")
    ap.add_argument("--keys", type=int, default=16, help="random keys per scheme for watermarked answers")
    ap.add_argument("--per-key", type=int, default=6, help="watermarked answers per key")
    ap.add_argument("--tokens", type=int, default=128)
    ap.add_argument("--batch", type=int, default=48)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--store-secret", type=int, default=20261202, help="the fixed key of wm.sqlite")
    ap.add_argument(
        "--store-scheme", choices=SCHEMES, default="simple_1", help="the scheme of wm.sqlite's fixed key"
    )
    ap.add_argument(
        "--store-only",
        action="store_true",
        help="write wm.sqlite and wm.jsonl alone (the same prompts; link plain.sqlite and human.sqlite"
        " from a full run's --work): a second scheme's radioactivity study",
    )
    args = ap.parse_args()
    import torch

    from stillroom.teachers import GenParams
    from stillroom.teachers.hf import HFTeacher, encode_prompt
    from stillroom.watermark import WatermarkKey
    from stillroom.watermark.key import random_secret

    torch.set_num_threads(1)
    args.work.mkdir(parents=True, exist_ok=True)
    rows = traffic_rows(args.seed)
    teacher = HFTeacher("default", device="cpu", batch_size=args.batch)
    tok = teacher.tokenizer
    turns = first_turns(rows, args.plain + args.keys * args.per_key * len(SCHEMES))
    asks = [a for a, _ in turns]
    fixed = WatermarkKey(scheme=args.store_scheme, gamma=0.25, delta=2.0, secret=args.store_secret)
    n_wm = args.plain if args.wm is None else min(args.wm, args.plain)
    wm_params = GenParams(
        max_new_tokens=args.tokens, temperature=0.7, top_logprobs=20, watermark=fixed.model_dump()
    )
    if args.store_only:
        t0 = time.time()
        comps = teacher.generate_many([(asks[:n_wm], wm_params)])[0]
        print(f"generated {len(comps)} answers in {time.time() - t0:.0f} s", flush=True)
        write_store(args.work / "wm.sqlite", teacher, asks[:n_wm], comps, wm_params)
        write(args.work / "wm.jsonl", [
            {"id": f"wm{i}", "kind": "wm", "scheme": fixed.scheme, "secret": fixed.secret,
             "prompt_ids": encode_prompt(tok, p), "token_ids": c.token_ids}
            for i, (p, c) in enumerate(zip(asks[:n_wm], comps, strict=True))
        ])  # fmt: skip
        return
    human = human_texts(rows[len(rows) // 2 :], tok, args.human)
    write(args.work / "human.jsonl", human)
    write(
        args.work / "prompts.jsonl",
        [{"id": f"p{i}", "messages": a, "reference": r} for i, (a, r) in enumerate(turns)],
    )
    rng = random.Random(args.seed + 1)
    student_params = {
        "plain": GenParams(max_new_tokens=args.tokens, temperature=0.7, top_logprobs=20),
        "wm": wm_params,
    }
    jobs = [(asks[: args.plain], student_params["plain"]), (asks[:n_wm], student_params["wm"])]
    meta: list = ["plain", "wm"]
    start = args.plain
    for scheme in SCHEMES:
        for _ in range(args.keys):
            key = WatermarkKey(scheme=scheme, gamma=0.25, delta=2.0, secret=random_secret(scheme, rng))
            part = asks[start : start + args.per_key]
            start += args.per_key
            jobs.append(
                (part, GenParams(max_new_tokens=args.tokens, temperature=0.7, watermark=key.model_dump()))
            )
            meta.append(key)
    t0 = time.time()
    outs = teacher.generate_many(jobs)
    print(f"generated {sum(len(o) for o in outs)} answers in {time.time() - t0:.0f} s", flush=True)
    for (part, _), name, comps in zip(jobs[:2], meta[:2], outs[:2], strict=True):
        write_store(args.work / f"{name}.sqlite", teacher, part, comps, student_params[name])
    write_store(
        args.work / "human.sqlite",
        teacher,
        asks[: args.plain],
        human_completions(turns[: args.plain], tok),
        None,
    )
    plain, wm = [], {**{s: [] for s in SCHEMES}, "fixed": []}
    for (prompts, _), key, comps in zip(jobs, meta, outs, strict=True):
        for p, c in zip(prompts, comps, strict=True):
            row = {"prompt_ids": encode_prompt(tok, p), "token_ids": c.token_ids}
            if key == "plain":
                plain.append({"id": f"plain{len(plain)}", "kind": "plain", **row})
            elif key == "wm":
                wm["fixed"].append(
                    {
                        "id": f"wm{len(wm['fixed'])}",
                        "kind": "wm",
                        "scheme": fixed.scheme,
                        "secret": fixed.secret,
                        **row,
                    }
                )
            else:
                wm[key.scheme].append(
                    {
                        "id": f"wm{len(wm[key.scheme])}",
                        "kind": "wm",
                        "scheme": key.scheme,
                        "secret": key.secret,
                        **row,
                    }
                )
    write(args.work / "plain.jsonl", plain)
    for scheme, rs in wm.items():
        write(args.work / ("wm.jsonl" if scheme == "fixed" else f"wm-{scheme}.jsonl"), rs)


def human_completions(turns: list, tok) -> list:
    from stillroom.teachers import Completion

    out = []
    for i, (_, answer) in enumerate(turns):
        ids = tok(answer, add_special_tokens=False)["input_ids"][:256]
        out.append(
            Completion(
                text=tok.decode(ids), token_ids=ids, finish_reason="stop", prompt_tokens=0, prompt_index=i
            )
        )
    return out


def write_store(path: Path, teacher, asks: list, comps: list, params) -> None:
    """Answers as a harvest store (prompt ids p0..) that `stillroom distill` trains on."""
    from stillroom.harvest.store import HarvestStore, config_key

    path.unlink(missing_ok=True)
    store = HarvestStore(path)
    store.add_prompts([{"id": f"p{i}", "messages": a} for i, a in enumerate(asks)])
    info = teacher.info() if params is not None else {"backend": "traffic", "name": "human answers"}
    pd = params.to_dict() if params is not None else {"source": "../shared/traffic assistant turns"}
    store.add_completions(config_key(info, pd), info, pd, [(f"p{i}", c, 0.0) for i, c in enumerate(comps)])
    store.close()
    print(f"wrote {len(comps)} answers to {path}", flush=True)


def write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    print(f"wrote {len(rows)} rows to {path}", flush=True)


if __name__ == "__main__":
    main()

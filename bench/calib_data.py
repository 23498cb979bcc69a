"""Texts for the calibration harness (bench/calibration.py), built once and cached outside the repo.

    heavy env PYTHONPATH=src .venv/bin/python bench/calib_data.py --work /tmp/stillroom_calibration

Writes, under --work:
- `prompts.jsonl`: first user turns from ../shared/traffic (every source, shuffled), the prompts below;
- `plain.jsonl`: the embedded teacher's unwatermarked answers (temperature 0.7) to them;
- `human.jsonl`: real assistant and user turns from ../shared/traffic (not written by our teacher);
- `wm-<scheme>.jsonl`: answers watermarked with `--keys` random keys per scheme (a few prompts per
  key), each line carrying its key's secret: the null where the *teacher itself* is traced on texts
  marked with a key it never saw in training.
Rows: {"id", "kind", "prompt_ids", "token_ids"[, "secret", "scheme"]}.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import time
from pathlib import Path

TRAFFIC = Path("../shared/traffic")


def traffic_rows(seed: int) -> list[dict]:
    rows = []
    for path in sorted(TRAFFIC.glob("*.jsonl.gz")):
        with gzip.open(path, "rt") as fh:
            rows += [json.loads(line) for line in fh]
    random.Random(seed).shuffle(rows)
    return rows


def first_user_turns(rows: list[dict], n: int, max_chars: int = 600) -> list[list[dict[str, str]]]:
    out = []
    for r in rows:
        msg = next((m for m in r["messages"] if m["role"] == "user"), None)
        if msg and 10 <= len(msg["content"]) <= max_chars:
            out.append([{"role": "user", "content": msg["content"]}])
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
    ap.add_argument("--human", type=int, default=400, help="human/other-model texts")
    ap.add_argument("--keys", type=int, default=24, help="random keys per scheme for watermarked answers")
    ap.add_argument("--per-key", type=int, default=8, help="watermarked answers per key")
    ap.add_argument("--tokens", type=int, default=128)
    ap.add_argument("--batch", type=int, default=48)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    import torch

    from stillroom.teachers import GenParams
    from stillroom.teachers.hf import HFTeacher, encode_prompt
    from stillroom.watermark import WatermarkKey

    torch.set_num_threads(1)
    args.work.mkdir(parents=True, exist_ok=True)
    rows = traffic_rows(args.seed)
    teacher = HFTeacher("default", device="cpu", batch_size=args.batch)
    tok = teacher.tokenizer
    human = human_texts(rows[len(rows) // 2 :], tok, args.human)
    write(args.work / "human.jsonl", human)
    asks = first_user_turns(rows, args.plain + args.keys * args.per_key * 2)
    write(args.work / "prompts.jsonl", [{"messages": a} for a in asks])
    rng = random.Random(args.seed + 1)
    jobs, meta = [(asks[: args.plain], GenParams(max_new_tokens=args.tokens, temperature=0.7))], [None]
    start = args.plain
    for scheme in ("simple_1", "selfhash"):
        for _ in range(args.keys):
            key = WatermarkKey(scheme=scheme, gamma=0.25, delta=2.0, secret=rng.randrange(1, 2**62))
            part = asks[start : start + args.per_key]
            start += args.per_key
            jobs.append(
                (part, GenParams(max_new_tokens=args.tokens, temperature=0.7, watermark=key.model_dump()))
            )
            meta.append(key)
    t0 = time.time()
    outs = teacher.generate_many(jobs)
    print(f"generated {sum(len(o) for o in outs)} answers in {time.time() - t0:.0f} s", flush=True)
    plain, wm = [], {"simple_1": [], "selfhash": []}
    for (prompts, _), key, comps in zip(jobs, meta, outs, strict=True):
        for p, c in zip(prompts, comps, strict=True):
            row = {"prompt_ids": encode_prompt(tok, p), "token_ids": c.token_ids}
            if key is None:
                plain.append({"id": f"plain{len(plain)}", "kind": "plain", **row})
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
        write(args.work / f"wm-{scheme}.jsonl", rs)


def write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    print(f"wrote {len(rows)} rows to {path}", flush=True)


if __name__ == "__main__":
    main()

"""Cross-tokenizer distillation vs text-only SFT, for a student whose tokenizer is not the teacher's.

Teacher: the embedded SmolLM2-135M-Instruct (49,152-token vocabulary), harvested in process with
top-20 logprobs, answers *sampled* at temperature 1. Student: a small random Llama with its own
byte-level BPE (2,048 tokens, trained with `tokenizers` on the training harvest's text). Both runs
have the same student, data, steps, batch, learning rate and seed; they differ only in the loss:

- sft:      cross-entropy on the teacher's answer text (re-tokenized for the student)
- cross-kd: forward KL to the teacher's harvested top-k projected onto the student's vocabulary at
            character-aligned positions (distill/cross.py) + the same cross-entropy

Measure, on held-out prompts (answers sampled from the teacher at T=1, never trained on):
per-byte KL(teacher || student) = mean over answers of (log p_T(answer) - log q_S(answer)) / bytes,
the Monte Carlo estimate over teacher samples of the sequence-level KL per UTF-8 byte (each model's
probability of its own tokenization of the text), so vocabularies compare. Also each student's
cross-entropy per byte. Output: bench/results/cross-tokenizer.txt (+ .json).

    heavy env PYTHONPATH=src .venv/bin/python bench/cross_tokenizer.py
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
TRAFFIC = ROOT.parent / "shared" / "traffic"
SOURCES = ["codealpaca_2k", "sharegpt_en_sample", "orca_dpo_pairs_val"]  # English distiller-source TUNE


def prompt_rows(n_train: int, n_held: int, max_chars: int) -> tuple[list[dict], list[dict]]:
    """English single-turn prompts: the first ceil((train + held) / 3) usable rows of each source for
    training, then the following rows of every source, interleaved, held out (never trained on)."""
    quota = -(-(n_train + n_held) // len(SOURCES))
    train, rest = [], []
    for src in SOURCES:
        rows = []
        with gzip.open(TRAFFIC / f"{src}.jsonl.gz", "rt") as f:
            for line in f:
                row = json.loads(line)
                user = next((m["content"] for m in row["messages"] if m["role"] == "user"), "")
                if user.strip() and len(user) <= max_chars and user.isascii():
                    rows.append({"id": f"{src}:{len(rows)}", "messages": [{"role": "user", "content": user}]})
                    if len(rows) == quota + n_held:
                        break
        train += rows[:quota]
        rest.append(rows[quota:])
    held = [r for group in zip(*[g + [None] * n_held for g in rest], strict=False) for r in group if r]
    return train[:n_train], held[:n_held]


def harvest(rows: list[dict], store: Path, max_new_tokens: int) -> dict:
    from stillroom.harvest.run import HarvestConfig, run
    from stillroom.teachers import TeacherConfig

    p = store.with_suffix(".jsonl")
    p.write_text("".join(json.dumps(r) + "\n" for r in rows))
    cfg = HarvestConfig(
        prompts=str(p),
        store=str(store),
        max_new_tokens=max_new_tokens,
        temperature=1.0,
        seed=0,
        top_logprobs=20,
        teacher=TeacherConfig(spec="hf:default", batch_size=32),
    )
    return run(cfg)


def student_dir(work: Path, train_store: Path, vocab: int) -> Path:
    from stillroom.harvest.store import HarvestStore
    from stillroom.teachers.tiny import build_tiny, build_tokenizer

    s = HarvestStore(train_store)
    texts = [r.prompt[-1]["content"] + "\n" + r.text for r in s.records()]
    s.close()
    tok = build_tokenizer(vocab_size=vocab, corpus=texts)
    return build_tiny(
        work / "student-init", seed=0, layers=4, hidden=192, heads=4, kv_heads=2, intermediate=512,
        max_positions=1024, tokenizer=tok,
    )  # fmt: skip


def distill(work: Path, name: str, store: Path, init: Path, steps: int, **kw) -> Path:
    from stillroom.distill.config import DistillConfig
    from stillroom.distill.train import train

    out = work / name
    if (out / "summary.json").is_file():
        return out
    cfg = DistillConfig(
        out=str(out),
        teacher="hf:default",
        store=str(store),
        student={"init": "pretrained", "path": str(init)},
        train={
            "steps": steps,
            "batch_size": 16,
            "lr": 2e-3,
            "warmup_steps": 20,
            "seed": 0,
            "checkpoint_every": 0,
        },
        **kw,
    )
    return train(cfg)


def coverage(train_store: Path, key: str, init: Path) -> dict:
    """How much teacher signal survives projection: aligned student positions and their mass."""
    import numpy as np
    from transformers import AutoTokenizer

    from stillroom.distill.cross import Projector
    from stillroom.harvest.store import HarvestStore
    from stillroom.models import resolve_model_path

    p = Projector(
        AutoTokenizer.from_pretrained(resolve_model_path("default")), AutoTokenizer.from_pretrained(init)
    )
    s = HarvestStore(train_store)
    positions = aligned = 0
    mass, teacher_mass = [], []
    for r in s.records(key):
        _, top, lps = p.project(r.text, r.token_ids, r.top_ids, r.top_logprobs, r.finish_reason == "stop")
        known = top >= 0
        positions += len(top)
        aligned += int(known.any(1).sum())
        mass += np.where(known, np.exp(lps), 0).sum(1)[known.any(1)].tolist()
        teacher_mass += np.exp(r.top_logprobs).sum(1).tolist()
    s.close()
    return {
        "student_positions": positions,
        "with_target": aligned / positions,
        "projected_mass": float(np.mean(mass)),
        "teacher_top20_mass": float(np.mean(teacher_mass)),
    }


@torch.no_grad()
def per_byte(model_dir: Path, held: Path, key: str) -> dict:
    """Student log q(answer) per byte over the held-out teacher samples, via its own tokenization."""
    from stillroom.harvest.store import HarvestStore
    from stillroom.models import encode_prompt, load_hf

    model, tok = load_hf(str(model_dir), device="cpu")
    s = HarvestStore(held)
    nll = t_logp = nbytes = 0.0
    each = []  # per-prompt KL per byte, for the paired comparison
    for r in s.records(key):  # this run's harvest only (a re-converted teacher gets a new key)
        prompt = encode_prompt(tok, r.prompt)
        answer = tok(r.text, add_special_tokens=False)["input_ids"]
        ids = torch.tensor([prompt + answer])
        logp = torch.log_softmax(model(ids).logits[0, len(prompt) - 1 : -1].float(), -1)
        q = -float(logp.gather(-1, torch.tensor(answer)[:, None]).sum())
        stop = int(r.finish_reason == "stop")  # the hf teacher's last token is then its EOS: not text
        p = float(r.logprobs[: len(r.logprobs) - stop].sum())  # the teacher's own path
        n = len(r.text.encode())
        nll, t_logp, nbytes = nll + q, t_logp + p, nbytes + n
        each.append((p + q) / n)
    s.close()
    return {
        "ce_per_byte": nll / nbytes,
        "kl_per_byte": (t_logp + nll) / nbytes,
        "bytes": int(nbytes),
        "each": each,
    }


def paired(sft: list[float], kd: list[float]) -> dict:
    """Per held-out prompt: how often cross-kd is closer to the teacher, and a Wilcoxon signed-rank p."""
    from scipy.stats import wilcoxon

    d = [a - b for a, b in zip(sft, kd, strict=True)]
    return {"prompts": len(d), "kd_lower": sum(x > 0 for x in d), "wilcoxon_p": float(wilcoxon(d).pvalue)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--train-prompts", type=int, default=600)
    ap.add_argument("--held-prompts", type=int, default=100)
    ap.add_argument("--max-new-tokens", type=int, default=48)
    ap.add_argument("--steps", type=int, default=400)
    ap.add_argument("--vocab", type=int, default=2048)
    ap.add_argument("--work", default="/tmp/stillroom-cross")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "cross-tokenizer"))
    a = ap.parse_args()
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
    load0, t0 = os.getloadavg(), time.perf_counter()
    train_rows, held_rows = prompt_rows(a.train_prompts, a.held_prompts, 400)
    train_db, held_db = work / "train.sqlite", work / "held.sqlite"
    h1 = harvest(train_rows, train_db, a.max_new_tokens)
    h2 = harvest(held_rows, held_db, a.max_new_tokens)
    init = student_dir(work, train_db, a.vocab)
    runs = {
        "sft": distill(work, "sft", train_db, init, a.steps, method="sft", harvest_key=h1["config_key"]),
        "cross-kd": distill(
            work,
            "cross-kd",
            train_db,
            init,
            a.steps,
            harvest_key=h1["config_key"],
            method="kd",
            signal="harvested",
            weights={"kd": 1.0, "ce": 1.0},
        ),
    }
    res = {
        "teacher": "hf:default (SmolLM2-135M-Instruct, vocab 49152), answers sampled at T=1, top-20 logprobs",
        "student": f"random Llama 4 x 192, own byte-level BPE vocab {a.vocab} trained on the training harvest",
        "train_prompts": a.train_prompts,
        "held_prompts": len(held_rows),
        "max_new_tokens": a.max_new_tokens,
        "steps": a.steps,
        "harvest_tokens": [h1.get("completion_tokens"), h2.get("completion_tokens")],
        "coverage": coverage(train_db, h1["config_key"], init),
        "untrained": per_byte(init, held_db, h2["config_key"]),
        **{name: per_byte(path / "student", held_db, h2["config_key"]) for name, path in runs.items()},
        "load_before": load0,
        "load_after": os.getloadavg(),
        "wall_s": round(time.perf_counter() - t0, 1),
    }
    res["kd_beats_sft"] = res["cross-kd"]["kl_per_byte"] < res["sft"]["kl_per_byte"]
    res["paired"] = paired(res["sft"].pop("each"), res["cross-kd"].pop("each"))
    res["untrained"].pop("each")
    Path(a.out + ".json").write_text(json.dumps(res, indent=2))
    Path(a.out + ".txt").write_text(report(res))
    print(report(res))


def report(r: dict) -> str:
    rows = [
        f"  {name:9s} KL(teacher||student) {r[name]['kl_per_byte']:.4f} nats/byte, "
        f"CE {r[name]['ce_per_byte']:.4f} nats/byte"
        for name in ("untrained", "sft", "cross-kd")
    ]
    return (
        "\n".join(
            [
                "# bench/cross_tokenizer.py: cross-tokenizer KD vs text-only SFT of the same student",
                f"machine: 2-core x86-64, shared; loadavg before {r['load_before']}, after {r['load_after']}; "
                f"{r['wall_s']} s in all",
                f"teacher: {r['teacher']}",
                f"student: {r['student']}",
                f"{r['train_prompts']} training / {r['held_prompts']} held-out English prompts (distiller-source TUNE), "
                f"max_new_tokens {r['max_new_tokens']}, {r['steps']} steps x 16, lr 2e-3, seed 0",
                f"held-out ({r['sft']['bytes']} answer bytes), per-byte KL = (log p_teacher - log q_student) / bytes "
                "over teacher samples:",
                f"projection: {r['coverage']['with_target']:.1%} of {r['coverage']['student_positions']} student "
                f"answer positions get a teacher target; mean projected mass {r['coverage']['projected_mass']:.3f} "
                f"(teacher top-20 mass {r['coverage']['teacher_top20_mass']:.3f})",
                *rows,
                f"cross-kd beats sft on held-out per-byte KL: {r['kd_beats_sft']}; per prompt, cross-kd is lower on "
                f"{r['paired']['kd_lower']} of {r['paired']['prompts']} (Wilcoxon signed-rank p = {r['paired']['wilcoxon_p']:.2g})",
                "(students are reused from an earlier run of the same command when their run folders are complete; "
                "wall time then counts only what ran)",
            ]
        )
        + "\n"
    )


if __name__ == "__main__":
    main()

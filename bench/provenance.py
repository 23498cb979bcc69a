"""Build and validate the prompt-provenance model (src/stillroom/detector/provenance.py).

    heavy env PYTHONPATH=src python bench/provenance.py build     # -> detector/data/provenance.npz,
                                                                  #    eval_items.npy, results/provenance-build.txt
    env PYTHONPATH=src python bench/provenance.py items           # -> eval_items.npy alone (seconds)
    heavy env PYTHONPATH=src python bench/provenance.py validate  # -> bench/results/provenance.txt (~7 min)
    quiet env PYTHONPATH=src python bench/provenance.py speed     # appends per-request cost to it
    env PYTHONPATH=src python bench/provenance.py wrappers        # appends the wrapper/disguise shares
    env PYTHONPATH=src python bench/provenance.py framing         # -> results/provenance-framing.txt
    heavy env PYTHONPATH=src python bench/provenance.py mixed     # appends the out-of-source benign
                                                                  #    item shares (content.MIXED)
    (bench/results/provenance-p50.txt is `validate --hit p50`: the rule "P(class) >= 0.5" that
    was tried first and replaced by argmax because it missed 35% of codealpaca *in-sample*)

Data: ../shared/traffic (real public prompt sets; see its README) plus prompts this repo makes
itself (`stillroom queries` templates). Nothing else. Training needs scikit-learn (a dev
dependency); the shipped model is plain numpy arrays.

Labels are by *style*, decided per source (table `SOURCES`), with one per-row rule: for
instruction-style sources only the first user turn is used, because later turns of synthetic
dialogues (MOSS) imitate a human follow-up; human sources contribute up to three user turns per
conversation (follow-ups are what real users write). Real users' prompts that distillers replayed
(ShareGPT en/zh, InstructionWild, LIMA) are *human*: the model must not learn "real human text =>
distiller". Evaluation suites made of real user prompts (Arena-Hard, Koala, AlpacaEval's subsets)
or hand-written questions (TruthfulQA, XSTest) are *human* too; suites with test-item formats
(options, "Answer:", code stubs, test asserts, verifiable-format constraints) are *eval*. BELLE's
eval set is written exactly like BELLE's instruction data, so it is *instruction* by style
(an evaluator replaying it needs the evaluation evidence, not the style, to be cleared).
MT-Bench and UltraChat-eval mix all three styles and are left out of training (reported only).

`build` is deterministic: fixed samples (by id hash), lbfgs from zeros, no randomness.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize_scalar
from scipy.stats import rankdata

from _common import LINES, header, say
from stillroom.detector import aggregate, content, evaluation, recognisers
from stillroom.detector import provenance as prov
from stillroom.detector.types import TrafficEvent

TRAFFIC = Path(__file__).resolve().parents[1] / ".." / "shared" / "traffic"
RESULTS = Path(__file__).resolve().parent / "results" / "provenance.txt"
LABELS = {c: i for i, c in enumerate(prov.CLASSES)}
GENERATED = "stillroom_queries"

# source: (kind in the traffic README, TUNE/VAL split shared with detbench, style label or None)
SOURCES: dict[str, tuple[str, str, str | None]] = {
    "codealpaca_2k": ("distiller", "tune", "instruction"),
    "belle_dev1k": ("distiller", "tune", "instruction"),
    "sharegpt_en_sample": ("distiller", "tune", "human"),
    "orca_dpo_pairs_val": ("distiller", "tune", "instruction"),
    "moss_sft_sample": ("distiller", "tune", "instruction"),
    "lima": ("distiller", "val", "human"),
    "huatuo_med_zh": ("distiller", "val", "instruction"),
    "instructionwild": ("distiller", "val", "human"),
    "sharegpt_zh_1k": ("distiller", "val", "human"),
    "evol_instruct_h2o": ("distiller", "val", "instruction"),
    "arena_even": ("chat", "tune", "human"),
    "hh_rlhf_harmless_test": ("chat", "tune", "human"),
    "oasst2_threads": ("chat", "val", "human"),
    "nq_open_dev": ("chat", "val", "human"),
    "mmlu_val_zeroshot": ("eval", "tune", "eval"),
    "bbh": ("eval", "tune", "eval"),
    "humaneval": ("eval", "tune", "eval"),
    "ifeval_multilingual": ("eval", "tune", "eval"),
    "arena_hard_v01": ("eval", "tune", "human"),
    "xstest": ("eval", "tune", "human"),
    "belle_eval_zh": ("eval", "tune", "instruction"),
    "agieval_v1": ("eval", "val", "eval"),
    "mbpp": ("eval", "val", "eval"),
    "truthfulqa": ("eval", "val", "human"),
    "mt_bench": ("eval", "val", None),
    "koala_test": ("eval", "val", "human"),
    "alpaca_eval_subset": ("eval", "val", "human"),
    "ultrachat_eval": ("eval", "val", None),
    GENERATED: ("generated", "tune", "instruction"),
}
CAP = 600  # prompts per source at most (sampled by id hash), so big suites do not dominate
EFFECTIVE = 600  # a source's total weight is that of min(n, EFFECTIVE) prompts
C_REG = 1.0  # inverse L2 strength: scikit-learn's default, not tuned (a fit costs minutes on the shared CPU)
CV_GROUPS = 5


def _id_key(row_id: str, salt: str = "") -> int:
    return zlib.crc32(f"{salt}{row_id}".encode())


def _user_turns(row: dict) -> list[str]:
    return [m["content"] for m in row["messages"] if m["role"] == "user" and isinstance(m["content"], str)]


def _item_turns(row: dict) -> list[str]:
    """Every user turn a suite sends, the later ones too: MT-Bench keeps its second turn in
    `next_user_turns`, and without it half of an MT-Bench run was no known item (VAL's MT-Bench
    key was not labelled `evaluation`, session 12)."""
    later = row.get("next_user_turns") or []
    return _user_turns(row) + [t for t in later if isinstance(t, str)]


def read_rows(path: Path) -> list[dict]:
    with gzip.open(path, "rt") as f:
        return [json.loads(line) for line in f]


def load_pool(name: str) -> list[str]:
    """The prompts of one source as the detector would see them (see the module docstring)."""
    if name == GENERATED:
        return generated_pool()
    path = TRAFFIC / f"{name}.jsonl.gz"
    rows = read_rows(path)
    rows.sort(key=lambda r: _id_key(str(r["id"])))
    turns = 3 if SOURCES[name][2] == "human" else 1
    out = [t for r in rows for t in _user_turns(r)[:turns] if t.strip()]
    return out[:CAP]


def generated_pool() -> list[str]:
    """Instruction-style prompts this repo generates itself: `stillroom queries` templates."""
    from stillroom.queries.expand import expand_templates
    from stillroom.queries.taxonomy import load_taxonomy

    rows = expand_templates(load_taxonomy(), per_cell=4, seed=7)
    rows.sort(key=lambda r: _id_key(r.id))
    return [r.text for r in rows][:CAP]


def matrix(texts: list[str]) -> sparse.csr_matrix:
    """Rows of `prov.featurise` as one CSR matrix (duplicate indices are summed, as at inference)."""
    idx, val, ptr = [], [], [0]
    for t in texts:
        i, v = prov.featurise(t)
        idx.append(i)
        val.append(v)
        ptr.append(ptr[-1] + len(i))
    m = sparse.csr_matrix(
        (np.concatenate(val), np.concatenate(idx), np.array(ptr)), shape=(len(texts), prov.N_FEATURES)
    )
    m.sum_duplicates()
    return m


# Framing. A person who wants an instruction-set item answered can put it inside casual chatter
# ("hey, quick one for you. <item> thanks!"), and the style model read such items as human: the
# detector benchmark's disguised distiller went unseen (bench/results/detector_real.txt). What frames
# a request says nothing about where the request came from, so training shows the model both
# classes framed alike: every English instruction- and human-style prompt is added again inside an
# opening and/or closing sentence that real people wrote (`chatter`), with its source's label and
# weight (a source weighs what its own prompts did). The sentences come from TUNE human sources
# only, so the VAL sources and the benchmark's chatter wordings stay unseen. Mostly-CJK prompts are
# not framed: the chatter is English, and no TUNE source holds Chinese people's chatter.
# `framing` measures it (bench/results/provenance-framing.txt: TUNE-only fits, share read as
# instruction style, raw / inside the benchmark's VAL chatter): codealpaca (in-sample) 0.97 / 0.09
# -> 0.98 / 0.58; unseen evol_instruct 0.25 / 0.02 -> 0.30 / 0.07; what it costs, unseen real
# people's raw prompts: oasst2 0.21 -> 0.22, lima 0.12 -> 0.14, koala 0.08 -> 0.13; mbpp (an
# evaluation suite, known items) 0.54 -> 0.85. Only partly robust: tests/test_detector_provenance.py
# frames 8 items of its own in 4 chatters of its own: 6 of 32 read as instruction before, 15 now.
# Evaluation items are not framed: a person pasting a test question into a chat is human by style.
FRAMED = ("instruction", "human")
CHATTER_SOURCES = ("arena_even", "hh_rlhf_harmless_test", "sharegpt_en_sample", "arena_hard_v01", "xstest")
# part of every cache key of a fitted model (bench/detector_real.py); v2: the temperature's
# source-group folds frame their training rows only in chatter from the sources they keep
RECIPE = "framed-v2"
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# a sentence about the writer or to the reader, or a greeting: framing, not a task
_PERSONAL = re.compile(
    r"\b(?:i|i'm|i've|my|me|we|our|hi|hello|hey|thanks|thank|please|sorry|lol|ok|okay)\b", re.I
)


def chatter(
    pools: dict[str, list[str]], sources: tuple[str, ...] = CHATTER_SOURCES
) -> tuple[list[str], list[str]]:
    """Opening and closing sentences of real people's prompts (`sources`): a short first
    (<= 14 words) or last (<= 10 words, not a question) sentence that is personal (`_PERSONAL`),
    of an English prompt with at least 6 more words; sorted, deduplicated."""
    leads, tails = set(), set()
    for name in sources:
        for text in pools.get(name) or load_pool(name):
            if content.cjk_text(text) or "\n" in text.strip()[:200]:
                continue
            s = _SENTENCE.split(text.strip())
            if len(s) < 2:
                continue
            if len(s[0].split()) <= 14 and len(" ".join(s[1:]).split()) >= 6 and _PERSONAL.search(s[0]):
                leads.add(s[0])
            last = s[-1]
            closing = len(last.split()) <= 10 and not last.endswith("?") and _PERSONAL.search(last)
            if closing and len(" ".join(s[:-1]).split()) >= 6:
                tails.add(last)
    return sorted(leads), sorted(tails)


_FRAMED: dict[tuple, sparse.csr_matrix] = {}
_CHATTER: dict[tuple[str, ...], tuple[list[str], list[str]]] = {}


def framed(
    name: str, pools: dict[str, list[str]], sources: tuple[str, ...] = CHATTER_SOURCES
) -> sparse.csr_matrix:
    """Feature rows of every English prompt of `name` inside chatter from `sources` (an opening
    sentence 70% of the time, a closing one 40%, at least one); none for sources of other styles,
    or without chatter (no `sources`, or sources with no opening or no closing sentence).
    Deterministic; cached."""
    key = (name, sources)
    if key in _FRAMED:
        return _FRAMED[key]
    rows: list[str] = []
    if SOURCES[name][2] in FRAMED and sources and sources not in _CHATTER:
        _CHATTER[sources] = chatter(pools, sources)
    leads, tails = _CHATTER.get(sources, ([], []))
    if SOURCES[name][2] in FRAMED and leads and tails:
        rng = np.random.default_rng(_id_key(name, "framing"))
        for text in pools[name]:
            if content.cjk_text(text):  # the chatter is English: Chinese framed in it is no one's prompt
                continue
            lead = leads[rng.integers(len(leads))] if rng.random() < 0.7 else ""
            tail = tails[rng.integers(len(tails))] if rng.random() < 0.4 else ""
            lead = lead if lead or tail else leads[rng.integers(len(leads))]
            rows.append(" ".join(x for x in (lead, text.strip(), tail) if x))
    _FRAMED[key] = matrix(rows) if rows else sparse.csr_matrix((0, prov.N_FEATURES), dtype=np.float32)
    return _FRAMED[key]


class Data:
    """Prompts, features, labels, weights and source names of a set of sources; each source's
    rows are its prompts and their framed copies (`framed`; none with `frame` off), weighted
    together as one source."""

    def __init__(
        self,
        pools: dict[str, list[str]],
        feats: dict[str, sparse.csr_matrix],
        names: list[str],
        frame: bool = True,
    ):
        names = [n for n in names if SOURCES[n][2] is not None]
        self.names = names
        self.pools, self.feats, self.frame = pools, feats, frame
        # chatter only from the sources this fit may see (a refit without a source frames nothing in its words)
        talk = tuple(n for n in CHATTER_SOURCES if n in names) if frame else ()
        blocks = [sparse.vstack([feats[n], framed(n, pools, talk)]).tocsr() for n in names]
        self.x = sparse.vstack(blocks).tocsr()
        rows = [b.shape[0] for b in blocks]
        self.y = np.concatenate([np.full(r, LABELS[SOURCES[n][2]]) for n, r in zip(names, rows, strict=True)])
        self.src = np.concatenate([np.full(r, i) for i, r in enumerate(rows)])
        # a source weighs what its own prompts did before framing: min(n, EFFECTIVE) in all
        w = np.concatenate(
            [np.full(r, min(len(pools[n]), EFFECTIVE) / r) for n, r in zip(names, rows, strict=True)]
        )
        for c in range(len(prov.CLASSES)):  # every class carries the same total weight
            m = self.y == c
            if m.any():
                w[m] *= len(w) / len(prov.CLASSES) / w[m].sum()
        self.w = w

    def subset(self, mask: np.ndarray) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
        return self.x[mask], self.y[mask], self.w[mask]


def train(
    x: sparse.csr_matrix, y: np.ndarray, w: np.ndarray, c_reg: float = C_REG, init: prov.Model | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's multinomial logistic regression (lbfgs: deterministic). `init` warm-starts
    from another solution of a similar problem (a fold from the full fit): the objective is
    convex, so this reaches the same optimum within tolerance in far fewer iterations."""
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c_reg, max_iter=300, tol=1e-4, warm_start=init is not None)
    if init is not None:
        clf.coef_, clf.intercept_ = init.weights.T.astype(np.float64), init.bias.astype(np.float64)
    clf.fit(x, y, sample_weight=w)
    return clf.coef_.T.astype(np.float32), clf.intercept_.astype(np.float32)


def group_folds(data: Data, k: int = CV_GROUPS) -> list[np.ndarray]:
    """Source-group folds: every source's prompts are held out together (round-robin by name)."""
    order = sorted(range(len(data.names)), key=lambda i: _id_key(data.names[i], "fold"))
    return [np.isin(data.src, order[f::k]) for f in range(k)]


def out_of_source_logits(data: Data, init: prov.Model, c_reg: float = C_REG) -> np.ndarray:
    """Logits of every row from a fit on the other source-group folds. Each fold's training rows
    are rebuilt from the sources it keeps (as `loso` does), so their framed copies carry no
    chatter mined from a held-out source: the held-out prompts' own opening and closing sentences."""
    z = np.zeros((len(data.y), len(prov.CLASSES)), np.float32)
    for held in group_folds(data):
        out = {data.names[i] for i in np.unique(data.src[held])}
        rest = Data(data.pools, data.feats, [n for n in data.names if n not in out], data.frame)
        wts, b = train(rest.x, rest.y, rest.w, c_reg, init)
        z[held] = data.x[held] @ wts + b
    return z


def fit_temperature(z: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    """The softmax temperature that minimises the weighted NLL of out-of-source predictions."""

    def nll(t: float) -> float:
        s = z / t
        s = s - s.max(1, keepdims=True)
        logp = s - np.log(np.exp(s).sum(1, keepdims=True))
        return float(-(w * logp[np.arange(len(y)), y]).sum() / w.sum())

    return float(minimize_scalar(nll, bounds=(0.05, 20), method="bounded").x)


def fit(data: Data, c_reg: float = C_REG) -> prov.Model:
    """Weights on all of `data`; temperature from leave-source-group-out predictions."""
    wts, b = train(data.x, data.y, data.w, c_reg)
    meta = {
        "sources": data.names,
        "labels": {n: SOURCES[n][2] for n in data.names},
        "C": c_reg,
        "recipe": RECIPE,
    }
    t = fit_temperature(out_of_source_logits(data, prov.Model(wts, b, 1.0, meta), c_reg), data.y, data.w)
    return prov.Model(wts, b, t, meta)


def probs(model: prov.Model, x: sparse.csr_matrix) -> np.ndarray:
    z = (x @ model.weights + model.bias) / model.temperature
    z = z - z.max(1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(1, keepdims=True)


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """Mann-Whitney AUC: P(score of a positive > score of a negative), ties count half."""
    if not len(pos) or not len(neg):
        return float("nan")
    ranks = rankdata(np.concatenate([pos, neg]))
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def load_all() -> tuple[dict[str, list[str]], dict[str, sparse.csr_matrix]]:
    pools, feats = {}, {}
    for name in SOURCES:
        pools[name] = load_pool(name)
        feats[name] = matrix(pools[name])
    return pools, feats


def split(which: str) -> list[str]:
    return [n for n, (_, s, _) in SOURCES.items() if which in ("all", s)]


def item_table(eval_names: list[str]) -> np.ndarray:
    """Sorted hashes of the benign-eval items (whole prompt and long lines), minus any line that
    also occurs in a non-eval file, so a shared sentence cannot turn chat traffic into "eval"."""
    keys: set[int] = set()
    other: set[int] = set()
    for name, (kind, _, _) in SOURCES.items():
        if name == GENERATED:
            continue
        rows = read_rows(TRAFFIC / f"{name}.jsonl.gz")
        target = keys if name in eval_names else other if kind != "eval" else None
        if target is not None:
            for r in rows:
                for t in _item_turns(r):
                    target.update(evaluation.item_keys(t))
    return np.array(sorted(keys - other), dtype=np.uint64)


# ---------------------------------------------------------------- per-key simulation
RULE = aggregate.INSTRUCTION
EVAL_RULE = aggregate.EVALUATION
KEY_SIZES = (50, 100, 300)
KEYS_PER_SOURCE = 200


def key_draws(n_pool: int, size: int, seed: int) -> np.ndarray:
    """Indices of `KEYS_PER_SOURCE` keys of `size` prompts from one pool: without replacement
    where the pool is big enough, with replacement otherwise (said in the report)."""
    rng = np.random.default_rng(seed)
    if n_pool >= size:
        return np.stack([rng.permutation(n_pool)[:size] for _ in range(KEYS_PER_SOURCE)])
    return rng.integers(0, n_pool, (KEYS_PER_SOURCE, size))


def key_stats(hits: np.ndarray, rule: aggregate.ShareRule, seed: int) -> dict[str, float]:
    """Flag rate at each key size and the median requests to first cross the operating point."""
    out: dict[str, float] = {}
    for size in KEY_SIZES:
        draws = hits[key_draws(len(hits), size, seed + size)]
        ev = np.array([rule.evidence({rule.flag: k}, size) for k in draws.sum(1)])
        out[f"flag@{size}"] = float((ev >= aggregate.OPERATING_POINT).mean())
    draws = hits[key_draws(len(hits), 300, seed)]
    firsts = [first_crossing(row, rule) for row in draws]
    crossed = [f for f in firsts if f is not None]
    out["crossed"] = len(crossed) / len(firsts)
    out["median_requests"] = float(np.median(crossed)) if crossed else float("nan")
    return out


def first_crossing(row: np.ndarray, rule: aggregate.ShareRule) -> int | None:
    k = np.cumsum(row)
    for n in range(1, len(row) + 1):
        if rule.evidence({rule.flag: k[n - 1]}, n) >= aggregate.OPERATING_POINT:
            return n
    return None


# ---------------------------------------------------------------- reports
def prompt_table(
    pools: dict[str, list[str]], scores: dict[str, np.ndarray], note: str, items: np.ndarray
) -> None:
    """Per-source prompt-level shares, AUCs and key-level flag rates."""
    names = list(scores)
    hits = {n: is_class(scores[n], 0) for n in names}
    evals = {n: eval_hits(pools[n], scores[n], items) for n in names}
    say(f"\n{note}")
    say(
        f"{'source':22s} {'split':5s} {'label':11s} {'n':>5s} {'P(ins)':>6s} {'ins hit':>7s} {'AUCins':>6s}"
        f" {'eval':>5s} {'AUCev':>5s} | instruction-key flag @50 @100 @300, median req | eval-key @100"
    )
    for n in names:
        _, sp, label = SOURCES[n]
        k = key_stats(hits[n], RULE, _id_key(n))
        ke = key_stats(evals[n], EVAL_RULE, _id_key(n, "e"))
        say(
            f"{n:22s} {sp:5s} {label or '(mixed)':11s} {len(pools[n]):5d} {scores[n][:, 0].mean():6.2f}"
            f" {hits[n].mean():7.2f} {source_auc(n, scores, 0, 'instruction'):6.3f} {evals[n].mean():5.2f}"
            f" {source_auc(n, scores, 2, 'eval'):5.3f} | {k['flag@50']:.2f} {k['flag@100']:.2f} {k['flag@300']:.2f}"
            f" {k['median_requests']:5.0f} ({k['crossed']:.0%}) | {ke['flag@100']:.2f}"
        )


def source_auc(name: str, scores: dict[str, np.ndarray], col: int, label: str) -> float:
    """AUC of one source against the pooled prompts of the other side among the same sources:
    a `label` source against all non-`label` ones, any other source against all `label` ones."""
    lab = SOURCES[name][2]
    if lab is None:
        return float("nan")
    mine = scores[name][:, col]
    if lab == label:
        other = [scores[n][:, col] for n in scores if SOURCES[n][2] not in (label, None)]
        return auc(mine, np.concatenate(other)) if other else float("nan")
    other = [scores[n][:, col] for n in scores if SOURCES[n][2] == label]
    return auc(np.concatenate(other), mine) if other else float("nan")


HIT_RULE = {
    "argmax": "the classifier's most probable class (independent of the temperature)",
    "p50": "P(class) >= 0.5 after temperature scaling",
}
HIT = "argmax"


def is_class(scores: np.ndarray, col: int) -> np.ndarray:
    """Which prompts count as hits for one class under the chosen rule."""
    return scores.argmax(1) == col if HIT == "argmax" else scores[:, col] >= 0.5


def eval_hits(texts: list[str], scores: np.ndarray, items: np.ndarray) -> np.ndarray:
    """A prompt counts as an evaluation item if the classifier says eval, a format fires, or it
    is a known item."""
    is_eval = is_class(scores, 2)
    table = frozenset(items.tolist())
    return np.array(
        [
            is_eval[i] or evaluation.item_format(t) is not None or evaluation.known_item(t, table)
            for i, t in enumerate(texts)
        ]
    )


def pooled_auc(scores: dict[str, np.ndarray], names: list[str], col: int, label: str) -> float:
    pos = [scores[n][:, col] for n in names if SOURCES[n][2] == label]
    neg = [scores[n][:, col] for n in names if SOURCES[n][2] not in (label, None)]
    return auc(np.concatenate(pos), np.concatenate(neg)) if pos and neg else float("nan")


def recogniser_table(pools: dict[str, list[str]]) -> None:
    say("\nRecognisers: share of each source's prompts matched (benign-chat + benign-eval = false positives)")
    fns = {
        "datagen": recognisers.data_generation,
        "cot": recognisers.cot_elicitation,
        "rubric": recognisers.rubric_grading,
        "evalfmt": evaluation.item_format,
        "mathword": lambda t: evaluation.math_word_problem(t) or None,
    }
    say(f"{'source':22s} {'kind':9s} " + " ".join(f"{k:>8s}" for k in fns))
    benign = {k: [0, 0] for k in fns}
    for n, (kind, _, _) in SOURCES.items():
        rates = {k: np.mean([f(t) is not None for t in pools[n]]) for k, f in fns.items()}
        say(f"{n:22s} {kind:9s} " + " ".join(f"{rates[k]:8.3f}" for k in fns))
        if kind in ("chat", "eval"):
            for k in fns:
                benign[k][0] += round(rates[k] * len(pools[n]))
                benign[k][1] += len(pools[n])
    say("benign pools (chat+eval) " + " ".join(f"{k} {a}/{b} = {a / b:.4f}" for k, (a, b) in benign.items()))


# Positive examples written for this benchmark (not copied from any pipeline): how often each
# recogniser fires on requests of its kind phrased in varied ways. Patterns and examples share an
# author, so read these rates as a sanity check, not as recall on unseen pipelines.
OWN_POSITIVES = {
    "datagen": [
        "You are asked to come up with a set of {n} diverse task instructions. Here are the requirements: ...",
        "Please generate {n} new and diverse instructions similar to the seed tasks below.\nTask 1: ...",
        "Brainstorm {n} varied, high-quality task instructions that a language model could be asked.",
        "I want you to act as a Prompt Rewriter. Rewrite the given prompt into a more complex version.",
        "#Given Prompt#: {topic}\n#Rewritten Prompt#:",
        "Add one more constraint or requirement to the following question to increase its difficulty.",
        "Increase the difficulty of the given question about {topic} a bit, without making it verbose.",
        "Generate {n} question-answer pairs about {topic} from the passage below.",
        "Read the text and create {n} Q&A pairs. Output them as a JSON list with keys question and answer.",
        "Return a JSON array of objects with fields instruction, input and output for {n} tasks on {topic}.",
        "Create a synthetic dataset of {n} customer-support dialogues about {topic}.",
        "Simulate a multi-turn conversation between a curious user and an AI assistant about {topic}.",
        "Write a question about {topic} from the perspective of the following persona: a retired nurse.",
        "Produce training examples for fine-tuning a model to answer questions about {topic}.",
        "请提供{n}个多样化的任务指令，要求如下：",
        "<|im_start|>user\n",
    ],
    "cot": [
        "You are an AI assistant. While performing the task think step-by-step and justify your steps.",
        "You should describe the task and explain your answer. {topic}?",
        "Explain how you used the definition to come up with the answer.",
        "{topic}? Let's think step by step.",
        "Solve this step by step: what is 17 times 23?",
        "Explain your reasoning before you answer: is {topic} a good idea?",
        "Walk me through your thought process on {topic}.",
        "Reason step by step, and put your final answer within \\boxed{{}}.",
        "Before answering, think carefully about {topic} and show all of your work.",
        "请一步一步地思考：{topic}",
    ],
    "rubric": [
        "Please act as an impartial judge and evaluate the quality of the response provided below.",
        "You are a strict grader. Rate the answer on a scale of 1 to 10 and output your verdict as [[rating]].",
        "Score the following summary on a scale from 1 to 5 for faithfulness to the article about {topic}.",
        "Which response is better for the user's question about {topic}, Output (a) or Output (b)?",
        "Compare the two responses below and say which is more helpful. Reply [[A]], [[B]] or [[C]] for a tie.",
        "###Score Rubrics:\nIs the response factually correct?\n###Feedback:",
        "Evaluate the response using a scale of 1 to 7 for helpfulness, then give your score strictly as 'Rating: N'.",
        "请对以下回答进行评分，评分标准：准确性、完整性。",
    ],
}


def own_positive_rates() -> None:
    fns = {
        "datagen": recognisers.data_generation,
        "cot": recognisers.cot_elicitation,
        "rubric": recognisers.rubric_grading,
    }
    fills = [
        {"n": n, "topic": t} for n, t in [(5, "photosynthesis"), (20, "tax law"), (50, "sorting algorithms")]
    ]
    for name, templates in OWN_POSITIVES.items():
        texts = [t.format(**f) for t in templates for f in fills]
        hit = sum(fns[name](t) is not None for t in texts)
        say(f"own positive examples, {name}: {hit}/{len(texts)} matched")


def orca_system_rate() -> None:
    rows = read_rows(TRAFFIC / "orca_dpo_pairs_val.jsonl.gz")
    hit = sum(
        recognisers.cot_elicitation(r["messages"][0]["content"], r.get("system", "")) is not None
        for r in rows
    )
    say(f"orca_dpo_pairs_val with its system prompt: cot matched {hit}/{len(rows)}")


def validate(args: argparse.Namespace) -> None:
    header("bench/provenance.py validate")
    t0 = time.time()
    pools, feats = load_all()
    say(f"features for {sum(len(p) for p in pools.values())} prompts in {time.time() - t0:.0f}s")
    say(
        f"operating point: prompt hit = {HIT_RULE[HIT]}; key evidence = {RULE}; flagged at >= {aggregate.OPERATING_POINT}"
    )
    say(
        f"eval hit = the same rule for eval, or an item format or a known item; eval-key evidence = {EVAL_RULE}"
    )
    say(
        f"simulated keys: {KEYS_PER_SOURCE} per source and size, drawn from one source (with replacement where the pool is smaller)"
    )
    tune = fit(Data(pools, feats, split("tune")))
    say(
        f"\n== 1. trained on TUNE sources only ({len(tune.meta['sources'])}); temperature {tune.temperature:.2f}"
    )
    items = item_table([n for n in split("tune") if SOURCES[n][0] == "eval"])
    scores = {n: probs(tune, feats[n]) for n in SOURCES}
    prompt_table(pools, scores, "TUNE rows are in-sample; VAL rows are unseen sources", items)
    val = split("val")
    say(
        f"VAL pooled AUC: instruction-vs-rest {pooled_auc(scores, val, 0, 'instruction'):.3f};"
        f" eval-vs-rest {pooled_auc(scores, val, 2, 'eval'):.3f}"
    )
    recogniser_table(pools)
    own_positive_rates()
    orca_system_rate()
    loso(pools, feats)
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text("\n".join(LINES) + "\n")


def loso(pools, feats) -> None:
    """Leave one source out: train on every other labelled source, score the one left out."""
    names = [n for n in SOURCES if SOURCES[n][2] is not None and n != GENERATED]
    full = shipped_or_fit(pools, feats)
    t = full.temperature
    scores = {}
    for n in names:
        rest = Data(pools, feats, [m for m in SOURCES if m != n])
        wts, b = train(rest.x, rest.y, rest.w, init=full)
        scores[n] = probs(prov.Model(wts, b, t, {}), feats[n])
    for n in SOURCES:
        if SOURCES[n][2] is None:
            scores[n] = probs(full, feats[n])
    say(f"\n== 2. leave-one-source-out over all sources (temperature {t:.2f} from source-group folds)")
    prompt_table(
        pools, scores, "each row scored by a model that never saw its source", np.zeros(0, np.uint64)
    )
    say(
        f"LOSO pooled AUC: instruction-vs-rest {pooled_auc(scores, names, 0, 'instruction'):.3f};"
        f" eval-vs-rest {pooled_auc(scores, names, 2, 'eval'):.3f}"
    )


MARGINS = (0.0, 0.5, 1.0, 1.5, 2.0)


def mixed(args: argparse.Namespace) -> None:
    """The benign base share of the mixed-items test (content.ITEM_MARGIN, content.MIXED): each
    benign human-written source scored by the shipped fit refitted without it, as the item rule sees it
    (instruction logit margin, temperature-free). A held-out judge's benign users are sources
    this model never saw, so the base share must be read out of source, not in-sample."""
    header("bench/provenance.py mixed")
    pools, feats = load_all()
    full = shipped_or_fit(pools, feats)
    # the benign human-written sources (chat, and suites of real users' questions): what an app
    # backend or a reseller relays; evaluation-style suites are labelled evaluation instead
    names = [n for n in SOURCES if SOURCES[n][0] in ("chat", "eval") and SOURCES[n][2] == "human"]
    say(f"share of each source's prompts (<= {CAP}) that are items at instruction margin >= m, out of source")
    say(f"{'source':<22} {'kind':<10} {'style':<12} {'n':>4} " + " ".join(f"m>={m:<4}" for m in MARGINS))
    rates: dict[str, float] = {}
    for n in names:
        rest = Data(pools, feats, [m for m in SOURCES if m != n])
        wts, b = train(rest.x, rest.y, rest.w, init=full)
        z = feats[n] @ wts + b
        margin = z[:, 0] - z[:, 1:].max(1)
        shares = [float(np.mean(margin >= m)) for m in MARGINS]
        rates[n] = float(np.mean(margin >= content.ITEM_MARGIN))
        kind, _, style = SOURCES[n]
        say(f"{n:<22} {kind:<10} {style:<12} {len(margin):>4} " + " ".join(f"{x:<6.3f}" for x in shares))
    worst = max(names, key=rates.__getitem__)
    say(
        f"benign human-written sources: at margin >="
        f" {content.ITEM_MARGIN} the highest out-of-source item share is {rates[worst]:.3f} ({worst});"
        f" content.MIXED.p0 = {content.MIXED.p0}"
    )
    with open(args.out, "a") as f:
        f.write("\n" + "\n".join(LINES) + "\n")


def shipped_or_fit(pools, feats) -> prov.Model:
    """The shipped model when it was built from exactly these prompts and settings (saves six
    fits), else a fresh all-sources fit."""
    data = Data(pools, feats, list(SOURCES))
    if prov.MODEL_PATH.exists():
        model = prov.load()
        same = (
            model.meta.get("cap") == CAP
            and model.meta.get("C") == C_REG
            and model.meta.get("recipe") == RECIPE
        )
        if same and model.meta.get("sources") == data.names:
            say("LOSO warm-starts from the shipped model (same sources, cap, C and recipe)")
            return model
    return fit(data)


def build(args: argparse.Namespace) -> None:
    header("bench/provenance.py build")
    pools, feats = load_all()
    model = fit(Data(pools, feats, list(SOURCES)))
    model.meta["note"] = (
        "trained on all labelled sources of ../shared/traffic plus stillroom queries templates"
    )
    model.meta["cap"] = CAP
    model.save(prov.MODEL_PATH)
    say(f"model: {prov.MODEL_PATH.stat().st_size / 1e6:.2f} MB, temperature {model.temperature:.2f}")
    items(args)
    args.out.with_name("provenance-build.txt").write_text("\n".join(LINES) + "\n")


def items(args: argparse.Namespace) -> None:
    """The public-benchmark item table alone (`build` writes it too): seconds, no model fit."""
    table = item_table([n for n, (kind, _, _) in SOURCES.items() if kind == "eval"])
    np.save(evaluation.ITEMS_PATH, table)
    say(f"eval item set: {len(table)} hashes, {evaluation.ITEMS_PATH.stat().st_size / 1e3:.0f} kB")


def per_request(text: str, params: dict) -> tuple[str, ...]:
    """Everything this work adds to one request, as the detector would call it."""
    return content.content_flags(TrafficEvent("k", 0.0, "chat", text, params=params))


def speed(args: argparse.Namespace) -> None:
    """Per-request cost on a mix of real prompts (every source, shuffled) and long pastes of
    8k-32k characters built by joining real prompts."""
    header("bench/provenance.py speed")
    prov.default_model()  # loaded once per process, outside the timing
    texts = [t for n in SOURCES for t in load_pool(n)[:150]]
    rng = np.random.default_rng(0)
    rng.shuffle(texts)
    long = ["\n\n".join(rng.choice(texts, 400))[:size] for size in (8192, 16384, 32768) for _ in range(30)]
    params = {"temperature": 0.7, "max_tokens": 512}
    for t in texts[:50]:
        per_request(t, params)  # warm caches, lazy loads
    for label, batch in (("real prompts", texts), ("8k-32k-character prompts", long)):
        wall, cpu = [], []
        for t in batch:
            t0, c0 = time.perf_counter_ns(), time.thread_time_ns()
            per_request(t, params)
            cpu.append(time.thread_time_ns() - c0)
            wall.append(time.perf_counter_ns() - t0)
        lens = np.array([len(t) for t in batch])
        say(f"{label}: {len(batch)} requests, median {np.median(lens):.0f} chars (max {lens.max()})")
        for name, ns in (("wall", wall), ("CPU", cpu)):
            ms = np.array(ns) / 1e6
            say(
                f"  {name:4s} ms: p50 {np.percentile(ms, 50):.3f}  p90 {np.percentile(ms, 90):.3f}"
                f"  p99 {np.percentile(ms, 99):.3f}  max {ms.max():.3f}"
            )
    say("  (CPU time excludes waiting for a core while other jobs run; wall time includes it)")
    load = os.getloadavg()
    say(f"load average at end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    with open(args.out, "a") as f:
        f.write("\n" + "\n".join(LINES) + "\n")


WRAPPERS = {
    "raw": "{}",
    "fixed template": "You are a helpful assistant. Answer the following request carefully.\n\n### Request:\n{}\n\n### Response:",
    "casual chatter": "hey! so i've been wondering about this for a while lol. {} thanks so much, you're a lifesaver :)",
}


def wrappers(args: argparse.Namespace) -> None:
    """How a constant wrapper or casual disguise around each prompt moves the shipped model's
    instruction share (in-sample sources: this isolates the wrapper's effect, not generalisation)."""
    header("bench/provenance.py wrappers")
    model = prov.default_model()
    say("share of prompts whose most probable class is instruction, first 300 prompts per source")
    for name in (
        "codealpaca_2k",
        "belle_dev1k",
        "huatuo_med_zh",
        "orca_dpo_pairs_val",
        "sharegpt_en_sample",
        "arena_even",
    ):
        pool = load_pool(name)[:300]
        shares = {
            k: np.mean([model.classify(w.format(t)).label == "instruction" for t in pool])
            for k, w in WRAPPERS.items()
        }
        fixed = [WRAPPERS["fixed template"].format(t) for t in pool]
        slots = [content.slot(t, fixed[i - 1] if i else None) for i, t in enumerate(fixed)]
        shares["fixed, slot only"] = np.mean([model.classify(t).label == "instruction" for t in slots])
        raw_slots = [content.slot(t, pool[i - 1] if i else None) for i, t in enumerate(pool)]
        shares["raw, slot only"] = np.mean([model.classify(t).label == "instruction" for t in raw_slots])
        say(f"  {name:20s} " + "  ".join(f"{k} {v:.2f}" for k, v in shares.items()))
    with open(args.out, "a") as f:
        f.write("\n" + "\n".join(LINES) + "\n")


def framing(args: argparse.Namespace) -> None:
    """What framing in chatter buys (see `framed`): TUNE-only fits without and with it, scored on
    every VAL source raw and inside the detector benchmark's VAL chatter (which no fit saw)."""
    import random

    from stillroom.detector.realtraffic import wordings

    header("bench/provenance.py framing")
    pools, feats = load_all()
    leads, tails = chatter(pools)
    say(f"chatter mined from {', '.join(CHATTER_SOURCES)}: {len(leads)} openings, {len(tails)} closings")
    say(
        "share of the first 300 prompts per source read as instruction style (argmax; mostly-CJK text: margin >= 3)"
    )
    names = [n for n, (_, s, lab) in SOURCES.items() if s == "val" and lab is not None]
    names += ["codealpaca_2k", "belle_dev1k"]
    table: dict[str, list[float]] = {n: [] for n in names}
    for on in (False, True):
        t0 = time.time()
        model = fit(Data(pools, feats, split("tune"), frame=on))
        say(
            f"fit {'with' if on else 'without'} framing: {time.time() - t0:.0f} s, temperature {model.temperature:.2f}"
        )

        def rate(texts: list[str], model: prov.Model = model) -> float:
            hits = 0
            for t in texts:
                p = model.classify(t)
                hits += content.instruction_style(p, model.margin(p), content.cjk_text(t))
            return hits / max(1, len(texts))

        rng = random.Random(5)
        for n in names:
            raw = pools[n][:300]
            chat = [
                " ".join(
                    x
                    for x in (
                        rng.choice(wordings.CHATTER_LEAD["val"]),
                        t.strip(),
                        rng.choice(wordings.CHATTER_TAIL["val"]),
                    )
                    if x
                )
                for t in raw
            ]
            table[n] += [rate(raw), rate(chat)]
    say(f"{'source':<22} {'split':<5} {'style':<12} {'raw':>14} {'in chatter':>16}")
    say(f"{'':<41} {'without  with':>14} {'without  with':>16}")
    for n in names:
        a, b, c, d = table[n]
        say(f"{n:<22} {SOURCES[n][1]:<5} {SOURCES[n][2]:<12} {a:>7.3f} {c:>6.3f} {b:>9.3f} {d:>6.3f}")
    say("(codealpaca_2k and belle_dev1k are TUNE sources: in-sample; every other row is a source no fit saw)")
    args.out.with_name("provenance-framing.txt").write_text("\n".join(LINES) + "\n")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["validate", "build", "items", "speed", "wrappers", "mixed", "framing"])
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--hit", choices=sorted(HIT_RULE), default=HIT, help="per-prompt hit rule")
    ap.add_argument("--cap", type=int, default=CAP, help="prompts per source (smaller: a quick smoke run)")
    args = ap.parse_args(argv)
    globals()["CAP"] = args.cap
    globals()["HIT"] = args.hit
    if not TRAFFIC.is_dir():
        sys.exit(f"{TRAFFIC} not found: this needs the shared traffic corpus")
    commands: dict[str, Callable[[argparse.Namespace], None]] = {
        "validate": validate,
        "build": build,
        "items": items,
        "speed": speed,
        "wrappers": wrappers,
        "mixed": mixed,
        "framing": framing,
    }
    commands[args.what](args)


if __name__ == "__main__":
    main()

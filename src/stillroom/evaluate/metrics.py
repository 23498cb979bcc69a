"""Pure text metrics: ROUGE-L and chrF against the teacher, distinct-n and repetition for degeneration.

(The logit metrics, per-token KL, NLL and top-1 agreement, live with `stillroom.fidelity`.) These
are written here (a few lines each) rather than pulled in from a package, and are tested against
hand-computed cases.
"""

from __future__ import annotations

from collections import Counter


def _lcs(a: list[str], b: list[str]) -> int:
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge_l(reference: str, candidate: str) -> float:
    """ROUGE-L F1 over lower-cased whitespace tokens (Lin 2004, beta=1): 2PR/(P+R) with P, R from the LCS."""
    ref, cand = reference.lower().split(), candidate.lower().split()
    if not ref and not cand:
        return 1.0
    lcs = _lcs(ref, cand)
    if lcs == 0:
        return 0.0
    p, r = lcs / len(cand), lcs / len(ref)
    return 2 * p * r / (p + r)


def _char_ngrams(text: str, n: int) -> Counter[str]:
    s = "".join(text.split())  # chrF ignores whitespace
    return Counter(s[i : i + n] for i in range(len(s) - n + 1))


def chrf(reference: str, candidate: str, max_n: int = 6, beta: float = 2.0) -> float:
    """chrF (Popović 2015): character n-gram F-beta (beta=2, n=1..6), precision and recall averaged over n.

    Orders with no n-grams on either side are skipped, as sacrebleu does; returns a value in [0, 1].
    """
    precisions, recalls = [], []
    for n in range(1, max_n + 1):
        ref, cand = _char_ngrams(reference, n), _char_ngrams(candidate, n)
        if not ref or not cand:
            continue
        match = sum((ref & cand).values())
        precisions.append(match / sum(cand.values()))
        recalls.append(match / sum(ref.values()))
    if not precisions:
        return 1.0 if reference.split() == candidate.split() else 0.0
    p, r = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    if p == 0 and r == 0:
        return 0.0
    b2 = beta * beta
    return (1 + b2) * p * r / (b2 * p + r)


# --- degeneration of free text (greedy answers) ----------------------------------------------------
def _ngrams(words: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(words[i : i + n]) for i in range(len(words) - n + 1)]


def distinct_n(texts: list[str], n: int) -> float:
    """distinct-n (Li et al. 2016): unique word n-grams / all word n-grams over every text; 0 with none.

    Word salad that repeats itself ("concept of the most fundamental concept of the ...") scores low;
    a teacher's varied answers score high. Lower-cased whitespace words.
    """
    grams = [g for t in texts for g in _ngrams(t.lower().split(), n)]
    return len(set(grams)) / len(grams) if grams else 0.0


def seq_repetition(text: str, n: int = 4) -> float:
    """seq-rep-n (Welleck et al. 2019): 1 - unique/all n-grams within one text; 0 below n words."""
    grams = _ngrams(text.lower().split(), n)
    return 1.0 - len(set(grams)) / len(grams) if grams else 0.0

"""The two MinHash implementations, pinned: each one's exact values are relied on downstream, so a
change to either must be deliberate (queries/dedup.py's docstring says why they were not merged)."""

from __future__ import annotations

from stillroom.detector.text import sketch
from stillroom.queries.dedup import MinHasher, shingles


def test_detector_band_keys_are_pinned():
    """Saved detector states hold band keys: a restored detector must keep matching them."""
    s = sketch("explain how photosynthesis works in plants and why it matters")
    assert s.bands == (941741081, 8088462513, 11085379969, 13579569965)
    assert sketch("two words").bands == ()


def test_dedup_signature_is_pinned():
    """The dedup's LSH candidates, hence which prompts the queries stage keeps, follow these values."""
    sig = MinHasher(8, seed=0).signature(shingles("Explain how enzymes lower the activation energy"))
    assert sig.tolist() == [97072551, 43847330, 142136494, 36562163, 2702012, 175126529, 202882345, 85329954]


def test_signature_equals_the_modulo_reference():
    """text._signature (compiled) replaces `(x * a + b) % (2^61 - 1)`, then min over the shingles:
    it must give the same values on random shingles and on every uint64 edge, where lo + hi
    reaches P or beyond (the branch that subtracts) included (the pins above check one prompt)."""
    import numpy as np

    from stillroom.detector.text import _MH_A, _MH_B, _P, _signature

    p = np.uint64(_P)

    def reference(sh, a, b):
        return ((sh[:, None] * a + b) % p).min(axis=0)

    rng = np.random.default_rng(3)
    for n in (1, 2, 40, 700):
        sh = rng.integers(0, 2**64 - 1, n, dtype=np.uint64, endpoint=True)
        assert np.array_equal(_signature(sh, _MH_A, _MH_B), reference(sh, _MH_A, _MH_B))
    edges = np.array(
        [0, 1, _P - 1, _P, _P + 1, _P + 6, 2 * _P, 2 * _P + 1, 2**62, 2**63, 2**64 - 2, 2**64 - 1],
        dtype=np.uint64,
    )
    one, zero = np.ones(len(edges), dtype=np.uint64), np.zeros(len(edges), dtype=np.uint64)
    for x in edges:  # a = 1, b = 0: the signature is x % P itself, one edge at a time
        sh = np.array([x], dtype=np.uint64)
        assert np.array_equal(_signature(sh, one, zero), reference(sh, one, zero)), x
    assert ((edges & p) + (edges >> np.uint64(61)) >= p).any()


def test_words_ascii_path_equals_the_general_one():
    """text.words lowers ASCII text before a case-sensitive scan and lowers each word otherwise:
    on ASCII both give the same tokens (sketch hashes, skeletons and band keys depend on them)."""
    import random
    import string

    from stillroom.detector import text as T

    rng = random.Random(5)
    alphabet = string.ascii_letters + string.digits + " '\n\t.,;:!?-_()[]{}\"/\\#@$%^&*+=<>|`~"
    texts = ["Don't STOP: it's 3 O'Clock", "A'B 'quoted' x''y", "MiXeD_case__words 99Bottles"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120))) for _ in range(2000)]
    for text in texts:
        assert text.isascii()
        assert T.words(text) == [w.lower() for w in T._WORD.findall(text)], text
    assert T.words("İstanbul Straße") == [w.lower() for w in T._WORD.findall("İstanbul Straße")]

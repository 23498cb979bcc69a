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


def test_mersenne_reduction_equals_modulo():
    """text._mod_p replaces `% (2^61 - 1)` in the band signature: it must give the same values on
    every uint64, the edges included (the pins above check one prompt)."""
    import numpy as np

    from stillroom.detector.text import _P, _mod_p

    p = np.uint64(_P)
    edge = np.array([0, 1, _P - 1, _P, _P + 1, 2 * _P, 2 * _P + 1, 2**62, 2**63, 2**64 - 1], dtype=np.uint64)
    rand = np.random.default_rng(0).integers(0, 2**64 - 1, 100_000, dtype=np.uint64, endpoint=True)
    for x in (edge, rand):
        assert np.array_equal(_mod_p(x), x % p)


def test_min_mod_p_equals_the_modulo_reference():
    """The band signature's reduction skips `_mod_p`'s final subtraction when no entry needs it:
    it must equal the plain `% (2^61 - 1)` then min, on random products and on entries placed
    where lo + hi reaches P or beyond (the branch that does subtract)."""
    import numpy as np

    from stillroom.detector.text import _P, _min_mod_p

    p = np.uint64(_P)
    rng = np.random.default_rng(3)
    for rows in (1, 2, 40, 700):
        x = rng.integers(0, 2**64 - 1, (rows, 32), dtype=np.uint64, endpoint=True)
        assert np.array_equal(_min_mod_p(x.copy()), (x % p).min(axis=0))
    edges = np.array([_P, _P + 1, _P + 6, 2 * _P, 2 * _P + 1, 2**64 - 1, 2**64 - 2], dtype=np.uint64)
    x = rng.integers(0, 2**64 - 1, (len(edges), 32), dtype=np.uint64, endpoint=True)
    x[:, 5] = edges  # lo + hi >= P in this column: the subtracting branch runs
    assert ((x[:, 5] & p) + (x[:, 5] >> np.uint64(61)) >= p).any()
    assert np.array_equal(_min_mod_p(x.copy()), (x % p).min(axis=0))


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

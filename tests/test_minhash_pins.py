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

"""Green lists against the definition (lm-watermarking's seeding) and pinned vectors."""

from __future__ import annotations

import pytest
import torch

from stillroom.errors import UserError
from stillroom.watermark import WatermarkKey, make_processor
from stillroom.watermark.greenlist import GreenLists, green_ids, seed_for

KEY = 15485863


def _reference_greenlist(seed: int, vocab: int, gamma: float) -> list[int]:
    g = torch.Generator(device="cpu")
    g.manual_seed(seed % (2**64 - 1))
    return torch.randperm(vocab, generator=g)[: int(vocab * gamma)].tolist()


def test_simple_1_is_hash_key_times_previous_token():
    assert seed_for([3, 99, 42], "simple_1", KEY) == KEY * 42
    assert green_ids(KEY * 42, 384, 0.25).tolist() == _reference_greenlist(KEY * 42, 384, 0.25)


def test_simple_1_pinned_vectors():
    # Stored once from the definition; a change here breaks interoperability with the reference.
    assert green_ids(seed_for([42], "simple_1", KEY), 384, 0.25)[:12].tolist() == [
        260,
        294,
        274,
        100,
        333,
        269,
        34,
        78,
        140,
        242,
        226,
        177,
    ]
    assert green_ids(seed_for([7], "simple_1", KEY), 49152, 0.25)[:8].tolist() == [
        40953,
        27172,
        1328,
        14470,
        27118,
        16744,
        32028,
        17102,
    ]


def test_selfhash_seed_matches_int64_tensor_maths():
    # The reference: (salt * hashint(ids) * hashint(ids[-1])).min() on int64 tensors (wrapping).
    g = torch.Generator(device="cpu")
    g.manual_seed(2971215073)
    table = torch.randperm(1_000_003, generator=g)
    window = torch.tensor([1000, 2000, 3000, 4000])
    h = table[window % 1_000_003] + 1
    expected = (KEY * h * h[-1]).min().item() % (2**64 - 1)
    assert seed_for(window.tolist(), "selfhash", KEY) == expected
    assert seed_for([10, 20, 30, 40], "selfhash", KEY) == 10313329528740060731


def test_greenlist_size_and_range():
    ids = green_ids(123, 1000, 0.3)
    assert len(ids) == 300 and len(set(ids.tolist())) == 300 and int(ids.max()) < 1000


def test_greenlists_is_green_agrees_with_ids():
    lists = GreenLists(WatermarkKey(), 384)
    green = set(_reference_greenlist(KEY * 17, 384, 0.25))
    assert [t for t in range(384) if lists.is_green((17, t))] == sorted(green)


def test_secret_changes_lists_and_comes_from_env(monkeypatch):
    monkeypatch.setenv("WM_SECRET", "987654321")
    key = WatermarkKey(secret_env="WM_SECRET")
    assert key.hash_key() == 987654321
    assert GreenLists(key, 384).seed([5]) == 987654321 * 5
    monkeypatch.setenv("WM_SECRET", "not-a-number")
    with pytest.raises(UserError):
        key.hash_key()
    assert "secret" not in WatermarkKey(secret=5).public()


@pytest.mark.parametrize("scheme", ["simple_1", "selfhash"])
def test_processor_adds_delta_exactly_on_green(scheme):
    torch.manual_seed(0)
    key = WatermarkKey(scheme=scheme, delta=3.0)
    proc = make_processor(key.model_dump(), vocab_size=384)
    ids, scores = torch.randint(0, 384, (3, 8)), torch.randn(3, 384)
    out = proc(ids, scores.clone())
    lists = GreenLists(key, 384)
    for b in range(3):
        bumped = set(torch.nonzero(out[b] - scores[b]).flatten().tolist())
        assert torch.allclose((out[b] - scores[b])[list(bumped)], torch.tensor(3.0))
        row = ids[b].tolist()
        if scheme == "simple_1":
            assert bumped == set(green_ids(lists.seed(row[-1:]), 384, 0.25).tolist())
        else:  # only top-41 candidates that are green under their own window
            top = set(scores[b].topk(41).indices.tolist())
            assert bumped <= top
            assert bumped == {c for c in top if lists.is_green((*row[-3:], c))}


@pytest.mark.parametrize("vocab,gamma", [(49152, 0.25), (50257, 0.5), (997, 0.1)])
def test_one_token_membership_equals_the_full_randperm(vocab, gamma):
    """The k-draw walk (no randperm) must agree with torch.randperm on every token, for many seeds."""
    from stillroom.watermark.greenlist import lands_in_prefix, swap_targets

    k = int(vocab * gamma)
    seeds = [KEY * t for t in (1, 2, 42, vocab - 1)] + [0, 7, 2**40 + 3, 2**63 + 11, 2**64 - 2]
    for seed in seeds:
        green = set(_reference_greenlist(seed, vocab, gamma))
        targets = swap_targets(seed, vocab, k)
        tokens = range(vocab) if vocab < 1000 else [*range(0, vocab, 97), *list(green)[:200]]
        assert [lands_in_prefix(targets, t) for t in tokens] == [t in green for t in tokens], seed


def test_in_green_answers_the_same_before_and_after_the_mask_is_cached():
    from stillroom.watermark.greenlist import clear_cache, in_green

    clear_cache()
    seed, vocab = KEY * 314, 49152
    green = set(_reference_greenlist(seed, vocab, 0.25))
    tokens = [*list(green)[:50], *range(0, vocab, 1001)]
    first = [in_green(seed, t, vocab, 0.25) for t in tokens]  # first question: k draws; then the mask
    assert first == [t in green for t in tokens]
    assert [in_green(seed, t, vocab, 0.25) for t in tokens] == first

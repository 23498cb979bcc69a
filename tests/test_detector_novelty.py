"""Session 30: blind round 15's OPRO replication scored ~500 candidate instructions over one small
BBH training slice (8,431 requests, 4% of them new text) and reached suspect 0.72 on broad topic
coverage at volume, because coverage counted requests. A key that re-sends its own items under new
wrappers covers nothing new; novelty.py counts the requests that bring new text, and coverage reads
that share. A distiller sending new items under the same varied wrappers keeps its coverage."""

from __future__ import annotations

import gzip
import json

import numpy as np

from stillroom.detector import Detector, DetectorConfig
from stillroom.detector.novelty import FROM, Novelty
from stillroom.detector.persist import load, save
from stillroom.detector.text import sketch
from test_detector_verdicts import ev, rows, run

STYLES = [
    "Think it through, then answer.",
    "Answer concisely and precisely.",
    "Solve carefully, showing each step before the final answer.",
    "You are an expert. Read the question twice, then reply.",
    "Give the answer first, then a one-line justification.",
    "Work backwards from the options where that helps.",
    "Let's reason like a careful teacher would.",
    "Double-check the arithmetic before answering.",
]


def instructions(n: int) -> list[str]:
    """Distinct candidate instructions, as an optimiser proposes them (a style plus a variant)."""
    return [f"{STYLES[i % len(STYLES)]} (variant {i // len(STYLES)}: be {['brief', 'exact', 'clear'][i % 3]})"
            for i in range(n)]  # fmt: skip


def shingles(text: str) -> np.ndarray:
    return sketch(text).shingles


def test_re_sent_items_under_new_wrappers_are_not_new_but_new_items_are():
    items = [f"Sort these words alphabetically: {' '.join(f'w{i}x{j}' for j in range(8))}" for i in range(30)]
    re_sender = Novelty()
    for ins in instructions(50):
        for it in items:
            re_sender.add(shingles(f"{ins}\n{it}"))
    assert re_sender.seen == 1500 and re_sender.new < 0.1 * 1500, re_sender.new
    sweeper = Novelty()
    for i in range(1500):
        sweeper.add(
            shingles(
                f"Answer the question.\nQuestion {i}: what links topic{i} and field{i * 7} to area{i * 13}?"
            )
        )
    assert sweeper.new > 0.95 * 1500, sweeper.new
    short = Novelty()
    for i in range(200):
        short.add(shingles("thanks!" if i % 2 else f"hello {i}"))
    # requests 1-19 count as new (no filter yet); then "thanks!" once and each later "hello i"
    assert FROM == 20 and short.new == 19 + 1 + 90, short.new


def _optimiser(items: list[str], n_ins: int, fresh: bool) -> list:
    """n_ins candidate instructions, each scored over a slice of items: the same slice every time
    (an optimiser), or a new slice for each (a harvest of new items under varied wrappers)."""
    events, k = [], 0
    for j, ins in enumerate(instructions(n_ins)):
        part = items[j * 20 : (j + 1) * 20] if fresh else items[:20]
        for it in part:
            events.append(ev("k", k, f"{ins}\n\n{it}"))
            k += 1
    return events


def test_an_optimiser_re_scoring_one_dev_slice_gets_no_coverage_a_fresh_sweep_keeps_it():
    items = rows("sharegpt_en_sample", 900)
    assert len(items) >= 800
    opt = run(_optimiser(items, 40, fresh=False)).keys["k"].last
    assert opt.features["novel_n"] < 0.2 * opt.features["n_total"]
    assert opt.contributions.get("coverage", 0.0) < 0.01, opt.contributions  # old code: coverage fired
    sweep = run(_optimiser(items, 40, fresh=True)).keys["k"].last
    assert sweep.features["novel_n"] > 0.9 * sweep.features["n_total"]
    assert sweep.contributions.get("coverage", 0.0) > 0.05, sweep.contributions


def test_novelty_survives_a_restart_and_old_states_count_every_request_as_new(tmp_path):
    items = rows("sharegpt_en_sample", 300)
    events = _optimiser(items, 20, fresh=False)
    whole = run(events).keys["k"].last
    det = run(events[:250])
    save(det, tmp_path / "s.gz")
    back = load(tmp_path / "s.gz", DetectorConfig(seed=0))
    for e in events[250:]:
        last = back.observe(e)
    assert last.features["novel_n"] == whole.features["novel_n"] and last.score == whole.score
    # a state written before novelty.py has no "novelty" in its windows: what came before is new
    raw = gzip.decompress((tmp_path / "s.gz").read_bytes()).decode().splitlines()
    recs = [json.loads(line) for line in raw]
    for r in recs:
        if "window" in r:
            del r["window"]["novelty"]
    (tmp_path / "old.gz").write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in recs).encode()))
    old = load(tmp_path / "old.gz", DetectorConfig(seed=0)).keys["k"].window
    assert old.novelty.new == old.novelty.seen == 250


def test_a_key_with_no_text_is_never_new_after_its_first_requests():
    det = Detector(DetectorConfig(seed=0))
    for i in range(60):
        det.observe(ev("m", i, ""))
    f = det.keys["m"].last.features
    assert f["novel_n"] == FROM - 1


def test_mark_novel_equals_the_numpy_reference():
    """novelty.mark_novel (compiled) replaced ten numpy calls: the same fresh counts and the same
    filter bits, a shingle repeated within one prompt and an old generation included."""
    import numpy as np

    from stillroom.detector.novelty import _MASK, _MIX, _S40, BITS, NO_FILTER, mark_novel

    def reference(sh, cur, old):
        pos = np.concatenate((sh, (sh * _MIX) >> _S40)) & _MASK
        byte, bit = (
            (pos >> np.uint64(3)).astype(np.intp),
            (np.uint8(1) << (pos & np.uint64(7)).astype(np.uint8)),
        )
        hit = cur[byte] & bit
        if old is not None:
            hit |= old[byte] & bit
        m = len(sh)
        fresh = m - int(np.count_nonzero(np.minimum(hit[:m], hit[m:])))
        np.bitwise_or.at(cur, byte, bit)
        return fresh

    rng = np.random.default_rng(7)
    pool = rng.integers(0, 2**64 - 1, 3000, dtype=np.uint64, endpoint=True)
    for with_old in (False, True):
        a, b = np.zeros(BITS // 8, np.uint8), np.zeros(BITS // 8, np.uint8)
        old = rng.integers(0, 255, BITS // 8, dtype=np.uint8) & rng.integers(
            0, 255, BITS // 8, dtype=np.uint8
        )
        for n in (1, 2, 5, 40, 300, 40, 5):
            sh = rng.choice(pool, n)  # draws repeat: within a prompt and across prompts
            got = mark_novel(sh, a, old if with_old else NO_FILTER)
            assert got == reference(sh, b, old if with_old else None)
            assert np.array_equal(a, b)


def test_kernels_compile_without_a_writable_cache(monkeypatch):
    """Where numba can keep no cache (it raises at decoration), a kernel still compiles and runs."""
    import numba

    from stillroom.detector import jit

    real = numba.njit

    def no_cache(*args, **options):
        if options.get("cache"):
            raise RuntimeError("cannot cache function 'f': no locator available for file 'f.py'")
        return real(*args, **options)

    monkeypatch.setattr(jit, "njit", no_cache)

    def add_one(x):
        return x + 1

    assert jit.kernel(add_one)(41) == 42

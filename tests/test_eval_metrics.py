"""Fidelity metrics and task checkers against identities and hand-computed values."""

from __future__ import annotations

import math

import pytest
import torch

from stillroom.evaluate import tasks
from stillroom.evaluate.metrics import chrf, rouge_l
from stillroom.fidelity import token_kl, token_nll, top1_agree


def test_kl_of_identical_logits_is_zero():
    x = torch.randn(5, 11) * 3
    assert torch.allclose(token_kl(x, x), torch.zeros(5), atol=1e-6)


def test_kl_matches_hand_computed_value():
    t = torch.log(torch.tensor([[0.5, 0.5]]))
    s = torch.log(torch.tensor([[0.25, 0.75]]))
    # 0.5 ln(0.5/0.25) + 0.5 ln(0.5/0.75) = 0.5 ln(4/3)
    assert token_kl(t, s).item() == pytest.approx(0.5 * math.log(4 / 3), abs=1e-6)
    assert token_kl(s, t).item() == pytest.approx(0.25 * math.log(0.5) + 0.75 * math.log(1.5), abs=1e-6)


def test_kl_matches_float64_reference_on_random_logits():
    t, s = torch.randn(4, 50, dtype=torch.float64), torch.randn(4, 50, dtype=torch.float64)
    p, q = t.softmax(-1), s.softmax(-1)
    ref = (p * (p.log() - q.log())).sum(-1)
    assert torch.allclose(token_kl(t, s).double(), ref, atol=1e-5)


def test_nll_and_top1():
    logits = torch.log(torch.tensor([[0.1, 0.9], [0.6, 0.4]]))
    assert token_nll(logits, torch.tensor([1, 1])).tolist() == pytest.approx(
        [-math.log(0.9), -math.log(0.4)], abs=1e-6
    )
    other = torch.log(torch.tensor([[0.3, 0.7], [0.2, 0.8]]))
    assert top1_agree(logits, other).tolist() == [1.0, 0.0]


@pytest.mark.parametrize(
    ("ref", "cand", "want"),
    [
        ("the cat sat on the mat", "the cat sat on the mat", 1.0),
        ("the cat sat on the mat", "the cat on the mat", 10 / 11),  # LCS 5: P=1, R=5/6
        ("a b c d", "d c b a", 0.25),  # LCS 1: P=R=1/4
        ("hello world", "goodbye moon", 0.0),
        ("", "", 1.0),
    ],
)
def test_rouge_l_known_cases(ref, cand, want):
    assert rouge_l(ref, cand) == pytest.approx(want)


def test_chrf_known_cases():
    assert chrf("the cat", "the cat") == pytest.approx(1.0)
    assert chrf("abc", "xyz") == 0.0
    # n=1: one of two chars match (P=R=1/2); n=2: none (P=R=0); n>=3 has no n-grams -> P=R=1/4 -> F=1/4
    assert chrf("ab", "ac") == pytest.approx(0.25)
    assert chrf("ab c", "abc") == pytest.approx(1.0)  # whitespace is ignored


def test_checkers_accept_right_and_reject_wrong_answers():
    assert tasks.check_number("The answer is 42.", 42) and not tasks.check_number("41", 42)
    assert tasks.check_number("1,000", 1000) and not tasks.check_number("no idea", 3)
    assert tasks.check_sorted("2, 5, 9, 11", [2, 5, 9, 11]) and not tasks.check_sorted(
        "2, 9, 5, 11", [2, 5, 9, 11]
    )
    assert not tasks.check_sorted("2, 5", [2, 5, 9, 11])
    assert tasks.check_contains("It is Paris.", ["paris"]) and not tasks.check_contains("Parisian", ["paris"])
    assert tasks.check_json_keys('Sure: {"name": "Ann", "age": 30}', {"name": "Ann", "age": 30})
    assert not tasks.check_json_keys('{"name": "Ann"}', {"name": "Ann", "age": 30})
    assert not tasks.check_json_keys('{"name": "Ann", "age": 31}', {"name": "Ann", "age": 30})
    assert not tasks.check_json_keys("name: Ann", {"name": "Ann", "age": 30})
    assert tasks.check_uppercase("PARIS", ["paris"]) and not tasks.check_uppercase("Paris", ["paris"])


def test_suite_is_deterministic_and_every_task_is_solvable():
    a, b = tasks.build_suite(3, seed=1), tasks.build_suite(3, seed=1)
    assert [t.prompt for t in a] == [t.prompt for t in b]
    assert len(a) == 3 * len(tasks.BUILDERS)
    assert set(tasks.DOMAINS.values()) <= {t.domain for t in a}
    gold = {
        "arithmetic": str,
        "units": str,
        "sorting": lambda v: ", ".join(map(str, v)),
        "facts": lambda v: v[0],
        "words": lambda v: v[0],
        "json": lambda v: __import__("json").dumps(v),
        "uppercase": lambda v: v[0].upper(),
    }
    for t in a:
        assert tasks.check(t, gold[t.kind](t.answer)), t
        assert not tasks.check(t, "I do not know"), t

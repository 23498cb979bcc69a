"""The checkable-task suite: checkers fair to normally phrased answers, distinct items, per-kind pools."""

from __future__ import annotations

import pytest

from stillroom.evaluate import tasks

RIGHT = [  # (kind, answer, output a person would accept)
    ("arithmetic", 82, "56 + 26 = 82"),
    ("arithmetic", 82, "The answer is 82."),
    ("arithmetic", -16, "18 - 34 = -16"),
    ("arithmetic", 15, "15"),
    ("arithmetic", 15, "30 - 15 = 15"),
    ("units", 600, "There are 600 centimeters in 6 meters."),
    ("units", 600, "6 meters is 6 * 100 = 600 centimeters."),
    ("units", 1000, "1,000"),
    ("sorting", [2, 5, 9, 11], "2, 5, 9, 11"),
    ("sorting", [2, 5, 9, 11], "Sorted: [2, 5, 9, 11]"),
    ("sorting", [2, 5, 9, 11], "The numbers 9, 2, 11, 5 in order are 2, 5, 9, 11."),
    ("facts", ["paris"], "The capital of France is Paris."),
    ("words", ["mice"], "Mice."),
    ("json", {"name": "Ann", "age": 30}, 'Sure: {"name": "Ann", "age": 30}'),
    ("uppercase", ["paris"], "THE CAPITAL OF FRANCE IS PARIS."),
]
WRONG = [
    ("arithmetic", 82, "56 + 26 = 110"),
    ("arithmetic", 15, "30 - 15"),  # only the question repeated: the first number decides
    ("arithmetic", 82, "no idea"),
    ("units", 600, "6 meters is equal to 6 * 1.333 = 7.33 centimeters."),
    ("sorting", [2, 5, 9, 11], "2, 9, 5, 11"),
    ("sorting", [2, 5, 9, 11], "2, 5"),
    ("facts", ["paris"], "Parisian cafes are lovely."),
    ("json", {"name": "Ann", "age": 30}, '{"name": "Ann", "age": 31}'),
    ("uppercase", ["paris"], "The capital of France is Paris."),
]
PROMPTS = {"arithmetic": {82: "What is 56 + 26?", -16: "What is 18 - 34?", 15: "What is 30 - 15?"}}


def task(kind, answer):
    prompt = PROMPTS.get(kind, {}).get(answer if not isinstance(answer, list | dict) else None, "")
    if kind == "units":
        prompt = "How many centimeters are in 6 meters?"
    return tasks.Task("t", kind, prompt, answer, "x")


@pytest.mark.parametrize(("kind", "answer", "output"), RIGHT)
def test_checkers_accept_correct_answers_phrased_normally(kind, answer, output):
    assert tasks.check(task(kind, answer), output)


@pytest.mark.parametrize(("kind", "answer", "output"), WRONG)
def test_checkers_reject_wrong_answers(kind, answer, output):
    assert not tasks.check(task(kind, answer), output)


def test_items_are_distinct_within_each_kind_while_the_pool_lasts():
    suite = tasks.build_suite(40, seed=0)
    for kind in tasks.BUILDERS:
        prompts = [t.prompt for t in suite if t.kind == kind]
        assert len(prompts) == 40 and len(set(prompts)) == 40, kind
    assert len({t.prompt for t in tasks.build_suite(len(tasks.FACTS), 1) if t.kind == "facts"}) == len(
        tasks.FACTS
    )


def test_every_kind_has_a_checker_and_the_suite_follows_the_seed():
    assert set(tasks.BUILDERS) == set(tasks.CHECKERS)
    assert [t.prompt for t in tasks.build_suite(5, 3)] == [t.prompt for t in tasks.build_suite(5, 3)]
    assert [t.prompt for t in tasks.build_suite(5, 3)] != [t.prompt for t in tasks.build_suite(5, 4)]

"""A built-in suite of checkable tasks: questions whose answers a few lines of code can verify.

Fidelity says how close a student is to its teacher; this says whether it can still *do* things.
Tasks are generated from a seed (same seed, same suite), each tagged with a taxonomy domain, and
scored by exact match or a checker function picked by the task's `kind` from `CHECKERS`.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from typing import Any

# kind -> the taxonomy domain (queries/default_taxonomy.yaml) it is reported under; facts carry their own.
DOMAINS = {
    "arithmetic": "mathematics",
    "units": "physics",
    "sorting": "computer science",
    "json": "computer science",
}

_ONLY_NUMBER = "Reply with only the number."
_FACTS = [  # (question, accepted answers, domain)
    ("What is the capital of France?", ["paris"], "geography"),
    ("What is the capital of Japan?", ["tokyo"], "geography"),
    ("What is the largest ocean on Earth?", ["pacific"], "geography"),
    ("How many legs does a spider have?", ["eight", "8"], "biology"),
    ("What gas do plants take in from the air?", ["carbon dioxide", "co2"], "biology"),
    ("What is frozen water called?", ["ice"], "chemistry"),
    ("What is the chemical symbol for gold?", ["au"], "chemistry"),
    ("What force pulls objects toward the Earth?", ["gravity"], "physics"),
    ("Who was the first president of the United States?", ["washington"], "history"),
    ("What organ pumps blood through the body?", ["heart"], "medicine"),
    ("What is the currency of Japan?", ["yen"], "economics"),
    ("What is the main ingredient of guacamole?", ["avocado", "avocados"], "cooking"),
]
_UNITS = [
    ("meters", "centimeters", 100),
    ("kilometers", "meters", 1000),
    ("hours", "minutes", 60),
    ("minutes", "seconds", 60),
    ("kilograms", "grams", 1000),
    ("days", "hours", 24),
]
_PEOPLE = ["Ann", "Bob", "Chen", "Dara", "Eve", "Femi", "Gus", "Hana"]


@dataclass
class Task:
    id: str
    kind: str
    prompt: str
    answer: Any
    domain: str

    def messages(self) -> list[dict[str, str]]:
        return [{"role": "user", "content": self.prompt}]


def _numbers(text: str) -> list[float]:
    return [float(x.replace(",", "")) for x in re.findall(r"-?\d[\d,]*(?:\.\d+)?", text)]


def check_number(output: str, answer: float) -> bool:
    """The first number in the output equals the answer (so '12.' and 'The answer is 12' both pass)."""
    nums = _numbers(output)
    return bool(nums) and abs(nums[0] - answer) < 1e-9


def check_sorted(output: str, answer: list[int]) -> bool:
    """The numbers in the output, in order, are exactly the sorted list."""
    return [int(x) for x in _numbers(output)[: len(answer)]] == answer and len(_numbers(output)) >= len(
        answer
    )


def check_contains(output: str, answer: list[str]) -> bool:
    """Any accepted answer appears as a whole word, ignoring case."""
    low = output.lower()
    return any(re.search(rf"\b{re.escape(a)}\b", low) for a in answer)


def check_json_keys(output: str, answer: dict[str, Any]) -> bool:
    """The output holds a JSON object with exactly the asked keys and the asked values."""
    start, end = output.find("{"), output.rfind("}")
    if start < 0 or end < start:
        return False
    try:
        obj = json.loads(output[start : end + 1])
    except json.JSONDecodeError:
        return False
    return (
        isinstance(obj, dict)
        and set(obj) == set(answer)
        and all(str(obj[k]).strip().lower() == str(v).lower() for k, v in answer.items())
    )


def check_uppercase(output: str, answer: list[str]) -> bool:
    """Every letter is upper case and the expected word is there."""
    letters = [c for c in output if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and check_contains(output, answer)


CHECKERS = {
    "arithmetic": check_number,
    "units": check_number,
    "sorting": check_sorted,
    "facts": check_contains,
    "json": check_json_keys,
    "uppercase": check_uppercase,
}


def check(task: Task, output: str) -> bool:
    return CHECKERS[task.kind](output, task.answer)


def _arithmetic(rng: random.Random, i: int) -> Task:
    a, b = rng.randint(2, 60), rng.randint(2, 40)
    op = rng.choice(["+", "-", "*"]) if i % 3 else "+"
    ans = {"+": a + b, "-": a - b, "*": a * b}[op]
    return Task(
        f"arithmetic-{i}", "arithmetic", f"What is {a} {op} {b}? {_ONLY_NUMBER}", ans, DOMAINS["arithmetic"]
    )


def _units(rng: random.Random, i: int) -> Task:
    src, dst, factor = _UNITS[i % len(_UNITS)]
    n = rng.randint(2, 9)
    return Task(
        f"units-{i}",
        "units",
        f"How many {dst} are in {n} {src}? {_ONLY_NUMBER}",
        n * factor,
        DOMAINS["units"],
    )


def _sorting(rng: random.Random, i: int) -> Task:
    nums = rng.sample(range(1, 50), 4)
    text = ", ".join(map(str, nums))
    return Task(
        f"sorting-{i}",
        "sorting",
        f"Sort these numbers from smallest to largest: {text}. Reply with only the sorted list.",
        sorted(nums),
        DOMAINS["sorting"],
    )


def _facts(rng: random.Random, i: int) -> Task:
    q, accepted, domain = _FACTS[i % len(_FACTS)]
    return Task(f"facts-{i}", "facts", f"{q} Answer in a few words.", accepted, domain)


def _json(rng: random.Random, i: int) -> Task:
    name, age = _PEOPLE[i % len(_PEOPLE)], rng.randint(18, 70)
    prompt = (
        f'Answer in JSON with keys "name" and "age" only: a person called {name} who is {age} years old. '
        "Reply with only the JSON."
    )
    return Task(f"json-{i}", "json", prompt, {"name": name, "age": age}, DOMAINS["json"])


def _uppercase(rng: random.Random, i: int) -> Task:
    q, accepted, domain = _FACTS[(i * 5 + 3) % len(_FACTS)]
    return Task(f"uppercase-{i}", "uppercase", f"{q} Reply in capital letters only.", accepted, domain)


BUILDERS = {
    "arithmetic": _arithmetic,
    "units": _units,
    "sorting": _sorting,
    "facts": _facts,
    "json": _json,
    "uppercase": _uppercase,
}


def build_suite(per_kind: int = 8, seed: int = 0) -> list[Task]:
    """`per_kind` tasks of each kind, deterministic in `seed`."""
    rng = random.Random(seed)
    return [BUILDERS[kind](rng, i) for kind in BUILDERS for i in range(per_kind)]

"""A built-in suite of checkable tasks: questions whose answers a few lines of code can verify.

Fidelity says how close a student is to its teacher; this says whether it can still *do* things.
Tasks are generated from a seed (same seed, same suite), each tagged with a taxonomy domain, and
scored by a checker function picked by the task's `kind` from `CHECKERS`.

Items within a kind are distinct up to the size of its pool (facts and words come from fixed
banks of 60 and 48 questions; arithmetic, units, sorting and JSON are drawn without repeats), so
per-kind accuracy over n items is a proportion over n different questions. The checkers accept a
correct answer phrased the way people write it ("56 + 26 = 82", "There are 600 centimeters in 6
meters.", "The capital of France is Paris.") and reject wrong ones; `tests/test_eval_tasks.py`
holds the cases. Training prompts must never contain these items: `queries/skills.py` draws its
facts and words from other banks and its phrasings from other templates, and a test checks both.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
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
# (question, accepted answers, domain). Held out: training prompts use queries/skills.py's own bank.
FACTS = [
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
    ("What is the capital of Italy?", ["rome"], "geography"),
    ("What is the capital of Germany?", ["berlin"], "geography"),
    ("What is the capital of Spain?", ["madrid"], "geography"),
    ("What is the capital of Egypt?", ["cairo"], "geography"),
    ("What is the capital of Canada?", ["ottawa"], "geography"),
    ("What is the capital of Russia?", ["moscow"], "geography"),
    ("What is the capital of China?", ["beijing"], "geography"),
    ("What is the capital of Greece?", ["athens"], "geography"),
    ("What is the capital of Kenya?", ["nairobi"], "geography"),
    ("What is the capital of Argentina?", ["buenos aires"], "geography"),
    ("What is the capital of Norway?", ["oslo"], "geography"),
    ("What is the capital of Austria?", ["vienna"], "geography"),
    ("What is the longest river in Africa?", ["nile"], "geography"),
    ("What is the largest hot desert in the world?", ["sahara"], "geography"),
    ("What is the tallest mountain in the world?", ["everest"], "geography"),
    ("Which ocean lies between Africa and Australia?", ["indian"], "geography"),
    ("Which planet is known as the Red Planet?", ["mars"], "physics"),
    ("What is the largest planet in our solar system?", ["jupiter"], "physics"),
    ("What is the star at the center of our solar system called?", ["sun"], "physics"),
    ("What is the chemical formula for water?", ["h2o"], "chemistry"),
    ("What is the chemical symbol for sodium?", ["na"], "chemistry"),
    ("How many legs does an insect have?", ["six", "6"], "biology"),
    ("What is the largest mammal?", ["blue whale"], "biology"),
    ("What sweet food do bees make?", ["honey"], "biology"),
    ("What is a baby cat called?", ["kitten"], "biology"),
    ("Which organ do humans use to breathe?", ["lungs", "lung"], "medicine"),
    ("Who wrote Romeo and Juliet?", ["shakespeare"], "literature"),
    ("Who painted the Mona Lisa?", ["leonardo", "da vinci"], "art"),
    ("Who was the first person to walk on the Moon?", ["armstrong"], "history"),
    ("In which year did World War II end?", ["1945"], "history"),
    ("Who discovered penicillin?", ["fleming"], "medicine"),
    ("How many days are in a week?", ["seven", "7"], "mathematics"),
    ("What color is the sky on a clear day?", ["blue"], "physics"),
    ("What color do you get by mixing blue and yellow?", ["green"], "art"),
    ("How many continents are there?", ["seven", "7"], "geography"),
    ("At what temperature in Celsius does water boil at sea level?", ["100"], "physics"),
    ("At what temperature in Celsius does water freeze?", ["0", "zero"], "physics"),
    ("What is the hardest natural substance?", ["diamond"], "chemistry"),
    ("What is the largest country by area?", ["russia"], "geography"),
    ("What language is mainly spoken in Brazil?", ["portuguese"], "linguistics"),
    ("What is the currency of the United Kingdom?", ["pound"], "economics"),
    ("Who developed the theory of relativity?", ["einstein"], "physics"),
    ("What is the smallest prime number?", ["2", "two"], "mathematics"),
    ("What animal is known as the king of the jungle?", ["lion"], "biology"),
    ("Which gas do humans breathe out?", ["carbon dioxide", "co2"], "biology"),
    ("How many sides does a hexagon have?", ["six", "6"], "mathematics"),
    ("Who invented the telephone?", ["bell"], "history"),
    ("Which planet is closest to the Sun?", ["mercury"], "physics"),
]
# (question, accepted answers): word knowledge, reported under linguistics.
WORDS = [
    *[
        (f"What is the opposite of '{w}'?", [a])
        for w, a in [
            ("hot", "cold"), ("up", "down"), ("big", "small"), ("fast", "slow"), ("happy", "sad"),
            ("light", "dark"), ("open", "closed"), ("old", "young"), ("early", "late"), ("full", "empty"),
            ("hard", "soft"), ("win", "lose"), ("wet", "dry"), ("rich", "poor"), ("strong", "weak"),
            ("begin", "end"),
        ]
    ],
    *[
        (f"What is the plural of '{w}'?", [a])
        for w, a in [
            ("mouse", "mice"), ("child", "children"), ("foot", "feet"), ("tooth", "teeth"), ("man", "men"),
            ("woman", "women"), ("goose", "geese"), ("box", "boxes"), ("city", "cities"), ("knife", "knives"),
            ("leaf", "leaves"), ("baby", "babies"), ("person", "people"), ("wolf", "wolves"),
            ("potato", "potatoes"), ("bus", "buses"),
        ]
    ],
    *[
        (f"What is the past tense of the verb '{w}'?", [a])
        for w, a in [
            ("go", "went"), ("eat", "ate"), ("see", "saw"), ("run", "ran"), ("write", "wrote"),
            ("take", "took"), ("swim", "swam"), ("sing", "sang"), ("buy", "bought"), ("think", "thought"),
            ("teach", "taught"), ("fly", "flew"), ("drink", "drank"), ("speak", "spoke"), ("walk", "walked"),
            ("play", "played"),
        ]
    ],
]  # fmt: skip
UNITS = [
    ("meters", "centimeters", 100),
    ("kilometers", "meters", 1000),
    ("hours", "minutes", 60),
    ("minutes", "seconds", 60),
    ("kilograms", "grams", 1000),
    ("days", "hours", 24),
    ("weeks", "days", 7),
    ("liters", "milliliters", 1000),
    ("feet", "inches", 12),
    ("years", "months", 12),
]
_PEOPLE = ["Ann", "Bob", "Chen", "Dara", "Eve", "Femi", "Gus", "Hana", "Ivan", "Juno", "Kofi", "Lena"]
_JSON_KINDS = [  # (keys, description template, value makers)
    (("name", "age"), "a person called {0} who is {1} years old"),
    (("city", "country"), "the city {0}, which is in {1}"),
    (("title", "year"), "a book titled {0} published in {1}"),
]
_CITIES = [
    ("Lyon", "France"),
    ("Osaka", "Japan"),
    ("Porto", "Portugal"),
    ("Cusco", "Peru"),
    ("Perth", "Australia"),
    ("Kyoto", "Japan"),
    ("Seville", "Spain"),
    ("Munich", "Germany"),
    ("Toronto", "Canada"),
    ("Mumbai", "India"),
    ("Naples", "Italy"),
    ("Bergen", "Norway"),
    ("Quebec", "Canada"),
    ("Busan", "South Korea"),
    ("Krakow", "Poland"),
    ("Geneva", "Switzerland"),
]
_TITLES = ["Blue River", "Night Train", "Paper Moon", "Salt Road", "Green Door", "Last Light"]


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


def _without_echoes(nums: list[float], echoes: list[float]) -> list[float]:
    """`nums` minus one occurrence of each echo (the question's own numbers), in order."""
    left = Counter(echoes)
    out = []
    for x in nums:
        if left[x] > 0:
            left[x] -= 1
        else:
            out.append(x)
    return out


def check_number(output: str, answer: float, echoes: tuple[float, ...] = ()) -> bool:
    """The answer is the first or the last number stated, not counting the question's own numbers
    repeated back once each ("56 + 26 = 82", "There are 600 centimeters in 6 meters.", "82");
    when every number is an echo, the first number decides (so "15" answers "30 - 15")."""
    nums = _numbers(output)
    if not nums:
        return False
    rest = _without_echoes(nums, list(echoes))
    candidates = [rest[0], rest[-1]] if rest else [nums[0]]
    return any(abs(c - answer) < 1e-9 for c in candidates)


def check_sorted(output: str, answer: list[int]) -> bool:
    """The sorted list appears, in order and uninterrupted, among the numbers of the output (so
    restating the question first is fine: "2, 9, 5 sorted is 2, 5, 9")."""
    nums = [int(x) for x in _numbers(output) if float(x).is_integer()]
    n = len(answer)
    return any(nums[i : i + n] == answer for i in range(len(nums) - n + 1))


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
    "words": check_contains,
    "json": check_json_keys,
    "uppercase": check_uppercase,
}


def check(task: Task, output: str) -> bool:
    if CHECKERS[task.kind] is check_number:
        return check_number(output, task.answer, tuple(_numbers(task.prompt)))
    return CHECKERS[task.kind](output, task.answer)


def _distinct(make, rng: random.Random, n: int) -> list[Task]:
    """n tasks from `make(rng, i)`, redrawing any prompt already drawn (up to 50 tries each)."""
    out, seen = [], set()
    for i in range(n):
        task = make(rng, i)
        for _ in range(50):
            if task.prompt not in seen:
                break
            task = make(rng, i)
        seen.add(task.prompt)
        out.append(task)
    return out


def _bank_walk(rng: random.Random, n: int, size: int) -> list[int]:
    """n indices into a bank of `size`: a seeded shuffle, every item once before any repeats."""
    order: list[int] = []
    while len(order) < n:
        order += rng.sample(range(size), size)
    return order[:n]


def _arithmetic(rng: random.Random, n: int) -> list[Task]:
    def make(rng, i):
        a, b = rng.randint(2, 60), rng.randint(2, 40)
        op = rng.choice(["+", "-", "*"]) if i % 3 else "+"
        ans = {"+": a + b, "-": a - b, "*": a * b}[op]
        prompt = f"What is {a} {op} {b}? {_ONLY_NUMBER}"
        return Task(f"arithmetic-{i}", "arithmetic", prompt, ans, DOMAINS["arithmetic"])

    return _distinct(make, rng, n)


def _units(rng: random.Random, n: int) -> list[Task]:
    def make(rng, i):
        src, dst, factor = UNITS[i % len(UNITS)]
        k = rng.randint(2, 9)
        prompt = f"How many {dst} are in {k} {src}? {_ONLY_NUMBER}"
        return Task(f"units-{i}", "units", prompt, k * factor, DOMAINS["units"])

    return _distinct(make, rng, n)


def _sorting(rng: random.Random, n: int) -> list[Task]:
    def make(rng, i):
        nums = rng.sample(range(1, 50), 4)
        text = ", ".join(map(str, nums))
        prompt = f"Sort these numbers from smallest to largest: {text}. Reply with only the sorted list."
        return Task(f"sorting-{i}", "sorting", prompt, sorted(nums), DOMAINS["sorting"])

    return _distinct(make, rng, n)


def _facts(rng: random.Random, n: int) -> list[Task]:
    out = []
    for i, j in enumerate(_bank_walk(rng, n, len(FACTS))):
        q, accepted, domain = FACTS[j]
        out.append(Task(f"facts-{i}", "facts", f"{q} Answer in a few words.", accepted, domain))
    return out


def _words(rng: random.Random, n: int) -> list[Task]:
    out = []
    for i, j in enumerate(_bank_walk(rng, n, len(WORDS))):
        q, accepted = WORDS[j]
        out.append(Task(f"words-{i}", "words", f"{q} Answer with one word.", accepted, "linguistics"))
    return out


def _json(rng: random.Random, n: int) -> list[Task]:
    def make(rng, i):
        keys, what = _JSON_KINDS[i % len(_JSON_KINDS)]
        if keys[0] == "name":
            values = (rng.choice(_PEOPLE), rng.randint(18, 70))
        elif keys[0] == "city":
            values = rng.choice(_CITIES)
        else:
            values = (rng.choice(_TITLES), rng.randint(1950, 2020))
        prompt = (
            f'Answer in JSON with keys "{keys[0]}" and "{keys[1]}" only: {what.format(*values)}. '
            "Reply with only the JSON."
        )
        return Task(f"json-{i}", "json", prompt, dict(zip(keys, values, strict=True)), DOMAINS["json"])

    return _distinct(make, rng, n)


def _uppercase(rng: random.Random, n: int) -> list[Task]:
    out = []
    for i, j in enumerate(_bank_walk(rng, n, len(FACTS))):
        q, accepted, domain = FACTS[j]
        out.append(
            Task(f"uppercase-{i}", "uppercase", f"{q} Reply in capital letters only.", accepted, domain)
        )
    return out


BUILDERS = {
    "arithmetic": _arithmetic,
    "units": _units,
    "sorting": _sorting,
    "facts": _facts,
    "words": _words,
    "json": _json,
    "uppercase": _uppercase,
}


def build_suite(per_kind: int = 8, seed: int = 0) -> list[Task]:
    """`per_kind` tasks of each kind, deterministic in `seed`; no prompt twice while a kind's pool lasts."""
    rng = random.Random(seed)
    return [task for make in BUILDERS.values() for task in make(rng, per_kind)]

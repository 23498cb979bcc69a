"""Targeted short-answer prompts: systematic querying aimed at skills a student must keep.

Template prompts from the taxonomy ask for essays (explain, compare, code...): a student trained
only on them never sees a question whose answer is one number, one word or one JSON object, and
measured checkable-task accuracy of such students was near zero. These rows ask for exactly that,
in many phrasings: arithmetic, unit conversion, sorting, short facts, word forms, JSON with given
keys, and output-format instructions (capitals, yes/no, lists, one word).

They are *training* prompts. The checkable-task suite (`evaluate/tasks.py`) is held out from them
by construction: facts and words come from banks that share no question with the suite's, unit
conversions that the suite asks use other amounts here, and no phrasing here is one of the
suite's templates. `tests/test_queries_skills.py` checks all three.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from stillroom.contracts.prompts import Cell, PromptRow

# (question, domain): a different bank from evaluate/tasks.py's FACTS (a test keeps them apart).
FACTS = [
    ("What is the longest river in South America?", "geography"),
    ("What is the highest mountain in Africa?", "geography"),
    ("Which ocean is the smallest?", "geography"),
    ("On which continent is Egypt?", "geography"),
    ("Which country has the largest population?", "geography"),
    ("What is the largest island in the world?", "geography"),
    ("Which planet has the most famous rings?", "physics"),
    ("What is the second planet from the Sun?", "physics"),
    ("What is the natural satellite of the Earth called?", "physics"),
    ("What is the speed of light in a vacuum, roughly?", "physics"),
    ("What unit is electric current measured in?", "physics"),
    ("What instrument measures temperature?", "physics"),
    ("What is the chemical symbol for iron?", "chemistry"),
    ("What is the chemical symbol for silver?", "chemistry"),
    ("What is the chemical symbol for oxygen?", "chemistry"),
    ("Which element has the atomic number 1?", "chemistry"),
    ("What is table salt made of?", "chemistry"),
    ("What is the pH of pure water?", "chemistry"),
    ("How many bones are in the adult human body?", "medicine"),
    ("Which organ filters blood to make urine?", "medicine"),
    ("What is the largest organ of the human body?", "medicine"),
    ("Which vitamin does sunlight help the body make?", "medicine"),
    ("What do you call an animal that eats only plants?", "biology"),
    ("What is a young frog called?", "biology"),
    ("What is a baby horse called?", "biology"),
    ("What is a group of wolves called?", "biology"),
    ("How many hearts does an octopus have?", "biology"),
    ("What is the fastest land animal?", "biology"),
    ("What do caterpillars turn into?", "biology"),
    ("Which bird is a symbol of peace?", "biology"),
    ("Who wrote Pride and Prejudice?", "literature"),
    ("Who wrote the Odyssey?", "literature"),
    ("Who painted The Starry Night?", "art"),
    ("Who composed the Fifth Symphony that begins with four famous notes?", "art"),
    ("Who was the first emperor of Rome?", "history"),
    ("In which year did World War I begin?", "history"),
    ("Who wrote the theory of evolution by natural selection?", "history"),
    ("Which ancient civilisation built the pyramids of Giza?", "history"),
    ("Who invented the light bulb that became widely used?", "history"),
    ("What is the currency of the European Union?", "economics"),
    ("What is the currency of India?", "economics"),
    ("What is the currency of China?", "economics"),
    ("What does GDP stand for?", "economics"),
    ("What is the main ingredient of hummus?", "cooking"),
    ("Which grain is used to make sushi rice?", "cooking"),
    ("What fruit is dried to make raisins?", "cooking"),
    ("Which country is pizza originally from?", "cooking"),
    ("How many degrees are in a right angle?", "mathematics"),
    ("How many sides does an octagon have?", "mathematics"),
    ("What is the square root of 49?", "mathematics"),
    ("How many months have 31 days?", "mathematics"),
    ("What does CPU stand for?", "computer science"),
    ("Which language is used to style web pages?", "computer science"),
    ("How many bits are in a byte?", "computer science"),
]  # fmt: skip
# Relation x entity sweeps: the teacher's knowledge asked about systematically (it answers; no
# answer is written here). (relation template, entities, domain); entity-relation pairs the eval
# asks are left out (a test checks that no eval question appears in any training prompt).
SWEEPS = [
    (
        "What is the capital of {}?",
        [
            "Portugal", "Ireland", "India", "Mexico", "South Korea", "Sweden", "Poland", "Finland",
            "Denmark", "Belgium", "the Netherlands", "Switzerland", "Turkey", "Iran", "Thailand",
            "Vietnam", "Indonesia", "the Philippines", "Australia", "New Zealand", "Brazil", "Chile",
            "Peru", "Colombia", "Cuba", "Nigeria", "Ghana", "Ethiopia", "Morocco", "Hungary",
            "the Czech Republic", "Ukraine", "Saudi Arabia", "Pakistan", "Israel", "Iraq", "Venezuela",
            "Romania", "Bulgaria", "Croatia", "Serbia", "Iceland", "Malaysia", "Singapore", "Nepal",
            "Bangladesh", "Sri Lanka", "Afghanistan", "Syria", "Lebanon", "Jordan", "Qatar", "Tunisia",
            "Algeria", "Libya", "Sudan", "Uganda", "Tanzania", "Zimbabwe", "Senegal", "Jamaica",
            "Uruguay", "Paraguay", "Bolivia", "Ecuador", "Panama", "Costa Rica", "Mongolia", "Estonia",
            "Latvia", "Lithuania", "Slovakia", "Slovenia", "Belarus", "Georgia", "Armenia",
        ],
        "geography",
    ),
    (
        "What is the currency of {}?",
        ["India", "China", "Mexico", "Brazil", "Russia", "Switzerland", "South Africa", "Turkey",
         "South Korea", "Australia", "Canada", "Sweden", "Poland", "Egypt", "Thailand", "Israel"],
        "economics",
    ),
    (
        "What language is mostly spoken in {}?",
        ["France", "Germany", "Italy", "Spain", "Japan", "China", "Russia", "Mexico", "Argentina",
         "Egypt", "Greece", "Turkey", "Sweden", "the Netherlands", "Poland", "Iran", "Israel", "Austria"],
        "linguistics",
    ),
    (
        "On which continent is {}?",
        ["Kenya", "Peru", "Vietnam", "Norway", "Canada", "Chile", "Nigeria", "Thailand", "Austria",
         "Bolivia", "Mongolia", "Morocco", "Hungary", "Colombia", "Nepal", "Ghana"],
        "geography",
    ),
    (
        "What is the chemical symbol for {}?",
        ["iron", "silver", "oxygen", "carbon", "hydrogen", "nitrogen", "copper", "zinc", "lead",
         "potassium", "calcium", "helium", "neon", "sulfur", "chlorine", "mercury", "tin", "uranium"],
        "chemistry",
    ),
    (
        "What is a baby {} called?",
        ["horse", "cow", "sheep", "goat", "pig", "kangaroo", "deer", "bear", "lion", "duck", "goose",
         "frog", "swan", "owl", "whale", "rabbit"],
        "biology",
    ),
    (
        "How many legs does a {} have?",
        ["dog", "bird", "crab", "snake", "horse", "octopus", "starfish", "duck"],
        "biology",
    ),
    (
        "Who wrote {}?",
        ["Pride and Prejudice", "the Odyssey", "Hamlet", "Macbeth", "War and Peace", "Don Quixote",
         "Moby-Dick", "Oliver Twist", "The Origin of Species", "1984", "Les Miserables",
         "The Old Man and the Sea", "Frankenstein", "Dracula", "Alice's Adventures in Wonderland"],
        "literature",
    ),
    (
        "Who painted {}?",
        ["The Starry Night", "The Last Supper", "Guernica", "The Scream", "Girl with a Pearl Earring",
         "The Persistence of Memory", "Water Lilies", "The Birth of Venus"],
        "art",
    ),
    (
        "Who invented the {}?",
        ["light bulb", "printing press", "airplane", "steam engine", "radio", "World Wide Web",
         "dynamite", "phonograph"],
        "history",
    ),
    (
        "Which planet is {}?",
        ["known for its rings", "the hottest", "the farthest from the Sun",
         "the second from the Sun", "the third from the Sun", "called the morning star"],
        "physics",
    ),
    (
        "What is the main ingredient of {}?",
        ["hummus", "bread", "cheese", "tofu", "ketchup", "chocolate", "popcorn", "pesto", "sushi rice",
         "butter", "wine", "beer"],
        "cooking",
    ),
    (
        "What organ {}?",
        ["filters blood to make urine", "controls the body", "digests food", "stores bile",
         "lets us see", "lets us hear", "is covered by the skull"],
        "medicine",
    ),
]  # fmt: skip
OPPOSITES = [
    "tall", "thick", "loud", "clean", "cheap", "near", "heavy", "narrow", "true", "left", "inside",
    "friend", "day", "summer", "north", "always", "sell", "push", "give", "remember", "deep",
    "sweet", "brave", "quiet", "smooth", "sharp", "wide", "first", "arrive", "accept", "increase",
    "above", "before", "ancient", "guilty", "victory", "polite", "awake", "tight", "expensive",
]  # fmt: skip
PLURALS = [
    "ox", "cactus", "fish", "sheep", "life", "half", "story", "church", "hero", "dish", "party",
    "wife", "louse", "deer", "calf", "wish", "glass", "toy", "day", "shelf", "thief", "echo",
    "crisis", "loaf",
]  # fmt: skip
PAST = [
    "come", "give", "know", "find", "tell", "bring", "sleep", "catch", "drive", "choose", "jump",
    "stand", "hide", "break", "build", "feel", "keep", "leave", "forget", "meet", "pay", "ride",
    "sell", "send",
]  # fmt: skip
SYNONYMS = ["large", "quick", "smart", "angry", "start", "pretty", "tiny", "glad", "simple", "finish",
            "shout", "brave", "wealthy", "calm", "funny"]  # fmt: skip
# Unit pairs the eval suite asks about use amounts of 11+ here (it asks 2-9); the rest are only here.
UNITS = [
    ("meters", "centimeters"), ("kilometers", "meters"), ("hours", "minutes"), ("minutes", "seconds"),
    ("kilograms", "grams"), ("days", "hours"), ("weeks", "days"), ("liters", "milliliters"),
    ("feet", "inches"), ("years", "months"), ("centimeters", "millimeters"), ("meters", "millimeters"),
    ("grams", "milligrams"), ("hours", "seconds"), ("yards", "feet"), ("dozens", "items"),
    ("decades", "years"), ("centuries", "years"), ("tons", "kilograms"), ("gallons", "quarts"),
]  # fmt: skip
_JSON_SETS = [  # keys, description with {0} {1}, value pairs (None: a random number)
    (
        ("product", "price"),
        "a {0} that costs {1} dollars",
        [(p, None) for p in ["lamp", "chair", "kettle", "bicycle"]],
    ),
    (
        ("animal", "legs"),
        "the animal {0}, which has {1} legs",
        [("dog", 4), ("bird", 2), ("ant", 6), ("crab", 10)],
    ),
    (
        ("country", "capital"),
        "{0}, whose capital is {1}",
        [("Peru", "Lima"), ("Chile", "Santiago"), ("Fiji", "Suva")],
    ),
    (
        ("first_name", "last_name"),
        "someone named {0} {1}",
        [("Mara", "Stone"), ("Leo", "Park"), ("Ida", "Brook")],
    ),
    (("color", "count"), "{1} {0} balloons", [(c, None) for c in ["red", "blue", "green", "yellow"]]),
    (
        ("language", "speakers_millions"),
        "{0}, spoken by about {1} million people",
        [("Dutch", 25), ("Greek", 13)],
    ),
]
_WORDS_FOR_CAPS = ["hello", "river", "planet", "garden", "window", "music", "ocean", "yellow", "science"]
_LIST_TOPICS = ["fruits", "colors", "animals", "countries", "vegetables", "musical instruments", "sports"]


def _arith(rng: random.Random) -> str:
    a, b = rng.randint(1, 99), rng.randint(1, 99)
    if rng.random() < 0.2:
        a = rng.randint(100, 999)
    op, word, noun = rng.choice(
        [("+", "plus", "sum"), ("-", "minus", "difference"), ("*", "times", "product")]
    )
    return rng.choice(
        [
            f"Calculate {a} {word} {b}.",
            f"{a} {op} {b} = ?",
            f"Compute {a} {op} {b} and give just the result.",
            f"What is the {noun} of {a} and {b}?",
            f"Please work out {a} {op} {b}.",
            f"Solve: {a} {op} {b}",
            f"Quick math: {a} {word} {b} equals what?",
            f"If you have {a} apples and get {b} more, how many apples do you have?",
            f"A box holds {a} pens. How many pens are in {b} boxes?",
            f"I had {a + b} dollars and spent {b}. How much money is left?",
        ]
    )


def _units(rng: random.Random) -> str:
    src, dst = rng.choice(UNITS)
    n = rng.randint(11, 60)
    return rng.choice(
        [
            f"Convert {n} {src} to {dst}.",
            f"{n} {src} is how many {dst}?",
            f"How many {dst} make up {n} {src}? Give the number.",
            f"Express {n} {src} in {dst}.",
            f"What is {n} {src} in {dst}?",
        ]
    )


def _sorting(rng: random.Random) -> str:
    if rng.random() < 0.3:
        words = rng.sample(["pear", "apple", "mango", "kiwi", "grape", "lemon", "plum", "cherry", "fig"], 4)
        return f"Put these words in alphabetical order: {', '.join(words)}."
    nums = rng.sample(range(1, 200), rng.choice([3, 5, 6]))
    text = ", ".join(map(str, nums))
    return rng.choice(
        [
            f"Sort in ascending order: {text}",
            f"Arrange these numbers from largest to smallest: {text}.",
            f"Order the list {text} from lowest to highest.",
            f"Which is the largest number in this list: {text}?",
            f"Which is the smallest number in this list: {text}?",
        ]
    )


def _fact(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.7:
        template, entities, domain = rng.choice(SWEEPS)
        q = template.format(rng.choice(entities))
    else:
        q, domain = rng.choice(FACTS)
    return rng.choice(
        [q, f"{q} Answer briefly.", f"Quick question: {q}", f"{q} One short sentence, please."]
    ), domain


def _word(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        w = rng.choice(OPPOSITES)
        return rng.choice([f"Give the opposite of the word '{w}'.", f"What word means the opposite of {w}?"])
    if kind == 1:
        w = rng.choice(PLURALS)
        return rng.choice(
            [f"Write the plural form of '{w}'.", f"One {w}, two ...? Complete with the plural."]
        )
    if kind == 2:
        w = rng.choice(PAST)
        return rng.choice(
            [f"Give the simple past of '{w}'.", f"Yesterday I ___ (to {w}). Fill in the blank."]
        )
    w = rng.choice(SYNONYMS)
    return rng.choice([f"Give a synonym for '{w}'.", f"What is another word for {w}?"])


def _json(rng: random.Random) -> str:
    keys, desc, pool = rng.choice(_JSON_SETS)
    first, second = rng.choice(pool)
    what = desc.format(first, rng.randint(2, 300) if second is None else second)
    k = f'"{keys[0]}" and "{keys[1]}"'
    return rng.choice(
        [
            f"Return a JSON object with the fields {k} for {what}.",
            f"Give me JSON with keys {k} describing {what}. No other text.",
            f"Write {what} as a JSON object using the keys {k}.",
            f"Output only a JSON object ({k}) for {what}.",
        ]
    )


def _format(rng: random.Random) -> str:
    kind = rng.randrange(5)
    if kind == 0:
        return f"Write the word '{rng.choice(_WORDS_FOR_CAPS)}' in capital letters."
    if kind == 1:
        q, _ = rng.choice(FACTS)
        return f"Answer in all caps: {q}"
    if kind == 2:
        a, b = rng.randint(1, 99), rng.randint(1, 99)
        return f"Answer yes or no: is {a} greater than {b}?"
    if kind == 3:
        n, topic = rng.choice(["two", "three", "four", "five"]), rng.choice(_LIST_TOPICS)
        return rng.choice([f"List {n} {topic}, separated by commas.", f"Name {n} {topic}, one per line."])
    q, _ = rng.choice(FACTS)
    return f"{q} Respond with a single word."


# family -> (cell domain, maker, share of rows); a maker returns the prompt text or (text, domain).
# Knowledge (facts, word forms) gets the largest share: it is what pruning loses first, and what
# the teacher does best; arithmetic and sorting, which the teacher mostly gets wrong, the least.
FAMILIES: dict[str, tuple[str, Callable, int]] = {
    "facts": ("", _fact, 6),
    "words": ("linguistics", _word, 4),
    "json": ("computer science", _json, 3),
    "format": ("linguistics", _format, 2),
    "arithmetic": ("mathematics", _arith, 2),
    "units": ("physics", _units, 2),
    "sorting": ("computer science", _sorting, 1),
}
_CYCLE = [name for name, (_, _, share) in FAMILIES.items() for _ in range(share)]


def skill_rows(n: int, seed: int = 0) -> list[PromptRow]:
    """`n` distinct prompts, the families in turn by their shares, deterministic in `seed`."""
    rng = random.Random(f"skills:{seed}")
    rows: dict[str, PromptRow] = {}
    for attempt in range(50 * max(n, 1)):
        if len(rows) >= n:
            break
        family = _CYCLE[len(rows) % len(_CYCLE)] if attempt < 20 * n else rng.choice(_CYCLE)
        domain, make, _ = FAMILIES[family]
        made = make(rng)
        text, domain = made if isinstance(made, tuple) else (made, domain)
        rows.setdefault(text, PromptRow.of(text, Cell(domain, f"skill-{family}", "easy"), "skills"))
    return list(rows.values())

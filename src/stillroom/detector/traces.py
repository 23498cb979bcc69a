"""A small seeded generator of benign and distiller traffic: JSONL of TrafficEvent-like dicts.

One simulated day per seed. Each persona is a function (rng, key, start) -> list of events, with
its own timing (think times, sessions, bursts). The template sweepers draw from the project's own
`stillroom queries` templates, so the detector is tested on the prompts our distill half writes.
The arena replays richer personas through the real guard; this is enough to tune and test offline.

    python -m stillroom.detector.traces --seed 7 --out traces.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from stillroom.queries.expand import expand_templates
from stillroom.queries.taxonomy import load_taxonomy

DAY = 86_400.0

TOPICS = {
    "biology": [
        "photosynthesis",
        "cell division",
        "the immune system",
        "enzymes",
        "DNA replication",
        "evolution",
    ],
    "physics": [
        "entropy",
        "quantum tunnelling",
        "special relativity",
        "electromagnetic induction",
        "friction",
    ],
    "history": [
        "the fall of Rome",
        "the printing press",
        "the Cold War",
        "the French Revolution",
        "the Silk Road",
    ],
    "economics": ["inflation", "comparative advantage", "interest rates", "supply chains", "game theory"],
    "programming": [
        "recursion",
        "hash tables",
        "garbage collection",
        "async IO",
        "unit testing",
        "SQL joins",
    ],
    "cooking": ["sourdough starters", "emulsions", "braising", "knife skills", "fermentation"],
    "law": ["contract formation", "copyright", "negligence", "data protection", "tenancy rights"],
    "medicine": ["vaccines", "blood pressure", "antibiotic resistance", "sleep cycles", "nutrition"],
    "mathematics": ["prime numbers", "eigenvalues", "probability", "limits", "graph colouring"],
    "music": ["counterpoint", "chord progressions", "rhythm", "tuning systems", "orchestration"],
}
ASK = [
    "Can you explain {t}?",
    "I'm studying {t} for an exam and I don't get it. Where do I start?",
    "What's the intuition behind {t}?",
    "My teacher mentioned {t} today, what does it actually mean?",
    "how does {t} work",
    "Is there a simple way to think about {t}?",
    "{t} keeps confusing me.",
    "Why does {t} matter at all?",
    "I have notes on {t} but they make no sense, help",
    "explain {t} like I'm five",
    "We covered {t} in class. Is it related to {t2}?",
    "What are the main ideas of {t}?",
]
FOLLOW = [
    "Why is that?",
    "Can you give me an example of that?",
    "Wait, what did you mean by {w}?",
    "Thanks! And how does that relate to {t2}?",
    "You said {w} earlier, could you elaborate?",
    "Ok that makes sense. What about the exceptions?",
    "Could you say that more simply?",
]
CASUAL = [
    "what should I cook tonight with {t}?",
    "tell me a fun fact about {t}",
    "what's a good book on {t}",
    "is {t} actually a real thing",
    "recommend me something about {t} to watch this weekend",
    "why do people care so much about {t}",
    "write a silly poem about {t}",
    "{t} or {t2}, which is cooler?",
    "my kid asked me about {t} and I had no idea",
    "give me a party trivia question on {t}",
    "can {t} explain why my day went badly",
    "I can't sleep, tell me about {t}",
    "summarise {t} in a tweet",
]
CODE = [
    "My Python function for {t} throws a KeyError when the dict is empty, how do I fix it?\n\ndef {f}(d):\n    return d['{v}']",
    "What's the difference between a list and a tuple when implementing {t}?",
    "How do I write a test for code that uses {t}? I'm using pytest.",
    "Why is my {t} code so slow? It loops over 10k rows with pandas iterrows.",
    "Refactor this to use {t} properly:\n\nfor i in range(len({v})):\n    print({v}[i])",
    "TypeError: 'NoneType' object is not subscriptable in {f}() - what am I doing wrong with {t}?",
    "is {t} a good idea for a small flask app or overkill",
    "Rust borrow checker complains when I try {t}, why?",
    "Review my approach to {t}: I cache results in a global dict called {v}.",
    "how do I mock {f} in a test",
    "Best way to log errors from {t} in production?",
]
TICKET = [
    "My order {n} arrived with a cracked screen.",
    "I was charged twice for order {n}.",
    "The charger stopped working after {d} days.",
    "Where is my package? Tracking says delivered but nothing came.",
    "I'd like to change the delivery address for order {n}.",
    "The app logs me out every few minutes.",
    "Can I get a refund if I already opened the box?",
    "Your courier left the parcel in the rain.",
    "Invoice {n} shows the wrong VAT number.",
    "The battery drains in {d} hours even when idle.",
]
BENCH = [
    "Which of the following best describes {t}? (A) a process (B) a law (C) a structure (D) none. "
    "Answer with the letter.",
    "True or false: {t} was first described before 1900. Reply true or false.",
    "Q: In one word, what field does {t} belong to?\nA:",
    "Read the question and pick the correct option.\nQuestion: what is the main consequence of {t}?\n"
    "Options: A, B, C, D",
]
OPENER = [
    "Imagine you are teaching",
    "From first principles, walk through",
    "Write a vivid explanation of",
    "As a seasoned practitioner, discuss",
    "Critically evaluate the common claims about",
    "In plain language, unpack",
    "Draft a detailed tutorial covering",
    "Contrast two schools of thought on",
    "What would surprise a newcomer about",
    "Give a historical account of",
    "Pose and solve a hard problem about",
]
TWIST = [
    "",
    " Think step by step.",
    " Include edge cases and failure modes.",
    " Use an analogy from sports.",
    " End with three review questions.",
    " Address a sceptical reader.",
    " Show your reasoning step by step.",
    " Mention one open research question.",
    " Keep it under 200 words.",
]


LEAD = [
    "",
    "",
    "hey, ",
    "quick question: ",
    "ok so ",
    "sorry if this is dumb but ",
    "I was wondering, ",
    "my friend and I argued about this. ",
    "random thought - ",
    "Hello! ",
    "so I read somewhere that ",
]
TAIL = [
    "",
    "",
    "",
    " thanks!",
    " :)",
    " asking for a project",
    " no rush",
    " in simple terms please",
    "?",
    " (I'm a beginner)",
    " lol",
]


def _human(rng: random.Random, frames: list[str], **slots: str) -> str:
    """People rarely phrase two questions alike: a random lead-in, frame and tail, sometimes lowercased."""
    text = rng.choice(LEAD) + rng.choice(frames).format(**slots) + rng.choice(TAIL)
    return text.lower() if rng.random() < 0.3 else text


HYDRA_ASK = [
    "Produce a thorough lesson on",
    "Teach me everything important about",
    "Write a comprehensive guide to",
    "Break down the key mechanisms of",
    "Offer a nuanced overview of",
    "Lay out the core debates around",
]
HYDRA_FOR = [
    "aimed at undergraduates",
    "with worked examples",
    "for a professional audience",
    "citing key figures",
    "with common pitfalls",
    "using a numbered structure",
]


def _topic(rng: random.Random, domain: str | None = None) -> str:
    return rng.choice(TOPICS[domain or rng.choice(list(TOPICS))])


def _ev(
    key: str, ts: float, prompt: str, messages: list | None = None, endpoint: str = "chat", **params: Any
) -> dict[str, Any]:
    msgs = (
        messages
        if messages is not None
        else ([{"role": "user", "content": prompt}] if endpoint == "chat" else None)
    )
    return {
        "key_id": key,
        "ts": round(ts, 3),
        "endpoint": endpoint,
        "prompt": prompt,
        "messages": msgs,
        "params": {k: v for k, v in params.items() if v is not None},
    }


def _answer(rng: random.Random, topic: str) -> str:
    return (
        f"Sure. {topic.capitalize()} is best understood through {_topic(rng)} and a few key ideas: "
        f"first the mechanism, then the consequences, and finally the common misconceptions."
    )


def chat_student(rng: random.Random, key: str, t: float) -> list[dict]:
    """One topic, multi-turn sessions whose follow-ups refer to the previous answers."""
    domain, out = rng.choice(list(TOPICS)), []
    for _ in range(rng.randint(3, 6)):
        topic, msgs = _topic(rng, domain), []
        prompt = _human(rng, ASK, t=topic, t2=_topic(rng, domain))
        for _turn in range(rng.randint(2, 7)):
            msgs = [*msgs, {"role": "user", "content": prompt}]
            out.append(_ev(key, t, prompt, msgs, temperature=0.7, max_tokens=512))
            msgs = [*msgs, {"role": "assistant", "content": _answer(rng, topic)}]
            t += rng.expovariate(1 / 60)
            prompt = rng.choice(FOLLOW).format(
                w=rng.choice(["the mechanism", "consequences", topic]), t2=_topic(rng, domain)
            )
        t += rng.expovariate(1 / 7200)
    return out


def coder(rng: random.Random, key: str, t: float) -> list[dict]:
    out = []
    for _ in range(rng.randint(30, 90)):
        ident = rng.choice(["load", "parse_rows", "fetch_user", "merge", "cfg", "items", "cache", "handler"])
        prompt, msgs = _human(rng, CODE, t=_topic(rng, "programming"), f=ident, v=ident + "_map"), None
        if out and rng.random() < 0.4:
            msgs = [
                {"role": "user", "content": out[-1]["prompt"]},
                {"role": "assistant", "content": "Try this fix."},
                {"role": "user", "content": "That didn't work, it still fails on the empty case."},
            ]
            prompt = msgs[-1]["content"]
        out.append(_ev(key, t, prompt, msgs, temperature=0.2))
        t += rng.expovariate(1 / 400) + rng.choice([0, 0, 3600])
    return out


def casual(rng: random.Random, key: str, t: float) -> list[dict]:
    out = []
    for _ in range(rng.randint(10, 40)):
        out.append(_ev(key, t, _human(rng, CASUAL, t=_topic(rng), t2=_topic(rng))))
        t += rng.expovariate(1 / 1800)
    return out


def batch_job(rng: random.Random, key: str, t: float) -> list[dict]:
    """The volume hard negative: thousands of support tickets, one narrow task, scheduled runs."""
    out = []
    for _ in range(rng.randint(1200, 2000)):
        ticket = " ".join(rng.sample(TICKET, rng.randint(1, 3))).format(
            n=rng.randint(10000, 99999), d=rng.randint(2, 30)
        )
        out.append(
            _ev(
                key,
                t,
                f"Classify this support ticket as billing, shipping or technical.\n\n{ticket}",
                temperature=0,
                max_tokens=8,
            )
        )
        t += rng.uniform(8, 16)
    return out


def researcher(rng: random.Random, key: str, t: float) -> list[dict]:
    """The coverage hard negative: a broad benchmark over every domain, at low volume."""
    out = []
    for _ in range(rng.randint(60, 140)):
        out.append(
            _ev(
                key,
                t,
                rng.choice(BENCH).format(t=_topic(rng)),
                temperature=0,
                max_tokens=4,
                logprobs=True,
                top_logprobs=rng.choice([1, 2]),
            )
        )
        t += rng.uniform(2, 6) + (rng.random() < 0.02) * 3600
    return out


def _sweep_prompts(rng: random.Random) -> list[str]:
    rows = [r.text for r in expand_templates(load_taxonomy(), 2, rng.randint(0, 10**6))]
    rng.shuffle(rows)
    return rows


def template_sweeper(rng: random.Random, key: str, t: float, gap: tuple[float, float] = (2, 6)) -> list[dict]:
    out = []
    for prompt in _sweep_prompts(rng)[: rng.randint(600, 800)]:
        out.append(_ev(key, t, prompt, temperature=0.7, max_tokens=1024))
        t += rng.uniform(*gap)
    return out


def slow_sweeper(rng: random.Random, key: str, t: float) -> list[dict]:
    """Stays under any per-minute limit: one request every 1-4 minutes, all day."""
    return template_sweeper(rng, key, t, gap=(60, 240))


def paraphrase(rng: random.Random) -> str:
    """A benign-looking one-off question (the arena also uses these as fresh held-out prompts)."""
    return (
        f"{rng.choice(OPENER)} {_topic(rng)}{rng.choice(['', ' for a ' + rng.choice(['nurse', 'lawyer', 'child'])])}."
        f"{rng.choice(TWIST)}"
    )


def paraphrase_harvester(rng: random.Random, key: str, t: float) -> list[dict]:
    """Teacher-written, diverse prompts: no shared template, so only coverage x volume and knobs show."""
    out = []
    for _ in range(rng.randint(600, 800)):
        out.append(_ev(key, t, paraphrase(rng), temperature=0.8, max_tokens=rng.choice([2048, 4096, 1024])))
        t += rng.expovariate(1 / 20)
    return out


def logprob_harvester(rng: random.Random, key: str, t: float) -> list[dict]:
    out, pool = [], [paraphrase(rng) for _ in range(150)]
    for _ in range(rng.randint(400, 600)):
        out.append(
            _ev(
                key,
                t,
                rng.choice(pool),
                logprobs=True,
                top_logprobs=20,
                n=rng.choice([1, 4, 8]),
                temperature=rng.choice([0.0, 0.3, 0.7, 1.0, 1.3]),
                max_tokens=256,
            )
        )
        t += rng.expovariate(1 / 15)
    return out


def magpie(rng: random.Random, key: str, t: float) -> list[dict]:
    out = []
    for _ in range(rng.randint(300, 500)):
        if rng.random() < 0.5:
            out.append(
                _ev(key, t, "<|im_start|>user\n", endpoint="completions", temperature=1.0, max_tokens=128)
            )
        else:
            out.append(_ev(key, t, "", [{"role": "user", "content": ""}], temperature=1.0, max_tokens=512))
        t += rng.expovariate(1 / 10)
    return out


def hydra(rng: random.Random, key: str, t: float) -> list[dict]:
    """A coordinated group: 6-10 keys drawing at random from one shared pool of teacher-written
    prompts, each at researcher-like volume, so no key stands out on its own."""
    pool = [
        f"{rng.choice(HYDRA_ASK)} {_topic(rng)}, {rng.choice(HYDRA_FOR)}.{rng.choice(TWIST)}"
        for _ in range(400)
    ]
    out: list[dict] = []
    for i in range(rng.randint(6, 10)):
        tk = t + rng.uniform(0, 3600)
        for _ in range(rng.randint(60, 120)):
            out.append(_ev(f"{key}-{i}", tk, rng.choice(pool), temperature=0.7, max_tokens=2048))
            tk += rng.expovariate(1 / 300)
    return out


Persona = Callable[[random.Random, str, float], list[dict]]
BENIGN: dict[str, Persona] = {
    "chat": chat_student,
    "coder": coder,
    "casual": casual,
    "batch": batch_job,
    "researcher": researcher,
}
DISTILLERS: dict[str, Persona] = {
    "sweeper": template_sweeper,
    "slow_sweeper": slow_sweeper,
    "paraphrase": paraphrase_harvester,
    "logprob": logprob_harvester,
    "magpie": magpie,
    "hydra": hydra,
}
COUNTS = {
    "chat": 6,
    "coder": 4,
    "casual": 6,
    "batch": 2,
    "researcher": 3,
    "sweeper": 2,
    "slow_sweeper": 2,
    "paraphrase": 2,
    "logprob": 2,
    "magpie": 2,
    "hydra": 1,
}


def generate(seed: int, counts: dict[str, int] | None = None) -> list[dict]:
    """All personas' events for one simulated day, merged in time order, each tagged with its family."""
    rng, events = random.Random(seed), []
    for family, k in (counts or COUNTS).items():
        persona = BENIGN.get(family) or DISTILLERS[family]
        for i in range(k):
            for ev in persona(random.Random(rng.random()), f"s{seed}-{family}-{i}", rng.uniform(0, DAY / 4)):
                ev["family"], ev["label"] = family, "benign" if family in BENIGN else "distiller"
                events.append(ev)
    events.sort(key=lambda e: e["ts"])
    return events


def write(events: list[dict], path: str | Path) -> None:
    with open(path, "w") as fh:
        for ev in events:
            fh.write(json.dumps(ev) + "\n")


def read(path: str | Path) -> list[dict]:
    with open(path) as fh:
        return [json.loads(line) for line in fh if line.strip()]


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    write(generate(a.seed), a.out)

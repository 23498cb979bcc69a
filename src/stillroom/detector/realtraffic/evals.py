"""Evaluation-harness personas: researchers running public suites through the API.

Each key runs a harness: a rendering of the suite's items (raw, a letter-only wrapper, a
few-shot prefix, a step-by-step trigger, one request per answer option for log-likelihood
scoring), an endpoint, and the settings such harnesses send (temperature 0, short max_tokens,
n > 1 at temperature 0.8 for pass@k, seed 1234 as lm-eval sends). Requests go out from a pool of
concurrent workers, each running its item's requests one after the other. Public suites are
public: several unrelated keys send the same items, which must not make them one actor.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from stillroom.detector.realtraffic.clients import account, client
from stillroom.detector.realtraffic.context import Ctx, Persona, new_key, ordered, run_jobs
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import KeyTraffic, Request, chat_requests, completion_request
from stillroom.detector.realtraffic.timing import DAY

LETTER_WRAPPER = "\n\nAnswer with only the letter of the correct option."
COT_TRIGGER = "Let's think step by step."
CODE_STOP = ["\ndef ", "\nclass ", "\nif __name__", "\nprint("]
_OPTION = re.compile(r"^\s*\(?([A-E])[\).]", re.M)
Render = Callable[[Row, random.Random], list[Request]]


def letters(row: Row) -> list[str]:
    found = sorted(set(_OPTION.findall(row.first)))
    return found if len(found) >= 2 else ["A", "B", "C", "D"]


def has_options(row: Row) -> bool:
    return len(set(_OPTION.findall(row.first))) >= 2


def chat(text: str, params: dict, row: Row) -> list[Request]:
    return chat_requests([text], [None], [0.0], params, None, row.id)


# Renderings: row -> the requests one harness sends for that item (timestamps are set later).
def raw_chat(params: dict) -> Render:
    return lambda row, rng: chat(row.first, params, row)


def letter_chat(params: dict) -> Render:
    return lambda row, rng: chat(row.first.rstrip() + LETTER_WRAPPER, params, row)


def cot_chat(params: dict) -> Render:
    return lambda row, rng: chat(f"Q: {row.first.strip()}\nA: {COT_TRIGGER}", params, row)


def loglik_completions(params: dict) -> Render:
    """lm-eval's multiple-choice scoring: the prompt plus each option, echoed with logprobs."""

    def render(row: Row, rng: random.Random) -> list[Request]:
        stem = row.first.rstrip()
        stem = stem if stem.endswith("Answer:") else stem + "\nAnswer:"
        return [completion_request(0.0, f"{stem} {x}", params, row.id) for x in letters(row)]

    return render


def raw_completions(params: dict) -> Render:
    return lambda row, rng: [completion_request(0.0, row.first, params, row.id)]


def code_chat(params: dict, repeats: int) -> Render:
    """pass@k: the same item `repeats` times, each asking for n samples."""

    def render(row: Row, rng: random.Random) -> list[Request]:
        text = row.first
        if row.file == "humaneval":
            text = f"Complete the following Python function.\n\n```python\n{row.first}\n```"
        return [r for _ in range(repeats) for r in chat(text, params, row)]

    return render


MT_TEMPERATURE = {"writing": 0.7, "roleplay": 0.7, "stem": 0.1, "humanities": 0.1}


def mt_bench(params: dict) -> Render:
    """Both MT-Bench turns in one conversation; FastChat's per-category temperature."""

    def render(row: Row, rng: random.Random) -> list[Request]:
        turns = [row.first, *row.extra.get("next_user_turns", [])]
        p = dict(params, temperature=MT_TEMPERATURE.get(str(row.extra.get("category")), 0.0))
        return chat_requests(turns, [None] * len(turns), [0.0] * len(turns), p, None, row.id)

    return render


def fewshot_completions(params: dict, shots: int, pool: list[Row]) -> Render:
    """A k-shot prefix of other items of the same task. The data holds no gold answers, so the
    shots' answers are placeholder letters (the harness's text shape is what matters here)."""
    by_task: dict[str, list[Row]] = {}
    for r in pool:
        by_task.setdefault(_task(r), []).append(r)

    def render(row: Row, rng: random.Random) -> list[Request]:
        others = [r for r in by_task[_task(row)] if r.id != row.id]
        demo = rng.sample(others, min(shots, len(others)))
        prefix = "".join(f"{_stem(d)} {rng.choice(letters(d))}\n\n" for d in demo)
        return [completion_request(0.0, prefix + _stem(row), params, row.id)]

    return render


def _task(row: Row) -> str:
    return str(row.extra.get("subject") or row.extra.get("task") or row.extra.get("category") or row.file)


def _stem(row: Row) -> str:
    text = row.first.rstrip()
    return text if text.endswith("Answer:") else text + "\nAnswer:"


HARNESS: dict[str, Callable[..., Render]] = {
    "raw_chat": raw_chat,
    "letter_chat": letter_chat,
    "cot_chat": cot_chat,
    "loglik_completions": loglik_completions,
    "raw_completions": raw_completions,
    "code_chat": code_chat,
    "mt_bench": mt_bench,
}


def suite_rows(
    ctx: Ctx, source: str, limit: int | None, keep: Any = None, per_task: int | None = None
) -> list[Row]:
    """A suite's items in file order (harnesses run tasks in order); `per_task` caps each task."""
    rows = ctx.pools.all(source, keep)
    if per_task:
        seen: Counter[str] = Counter()
        kept = []
        for r in rows:
            seen[_task(r)] += 1
            if seen[_task(r)] <= per_task:
                kept.append(r)
        rows = kept
    cap = max(1, round((len(rows) if limit is None else limit) * ctx.scale))
    return rows[:cap]


def _render(persona: Persona, rows: list[Row]) -> Render:
    h, params = persona.p("harness"), persona.p("params")
    if h == "fewshot_completions":
        return fewshot_completions(params, persona.p("shots"), rows)
    if h == "code_chat":
        return code_chat(params, persona.p("repeats"))
    return HARNESS[h](params)


def _eval_key(
    ctx: Ctx, persona: Persona, i: int, rng: random.Random, software: str, **shared: str
) -> KeyTraffic:
    timing = f"simulated: {persona.params.get('concurrency', 1)} concurrent workers, reply-length latency"
    return new_key(ctx, persona, i, client(rng, software, **shared), timing)


def harness(ctx: Ctx, persona: Persona) -> list[KeyTraffic]:
    """One key per researcher (`keys` of them, independent accounts and start days) running one
    harness over the suite's items. `shared_network`: they sign up from one campus network."""
    keys = []
    campus = dict(account(ctx.rng(persona.name, "campus")))["signup_network"]
    shared = {"signup_network": campus} if persona.params.get("shared_network") else {}
    for i in range(persona.params.get("keys", 1)):
        rng = ctx.rng(persona.name, i)
        rows = [
            r
            for s in persona.sources[ctx.split]
            for r in suite_rows(
                ctx,
                s,
                persona.params.get("limit"),
                persona.params.get("keep"),
                persona.params.get("per_task"),
            )
        ]
        render = _render(persona, rows)
        jobs = [(r, render(r, rng)) for r in rows]
        key = _eval_key(ctx, persona, i, rng, persona.p("software"), **shared)
        start = ctx.t0 + rng.uniform(0, persona.params.get("spread_days", 2) * DAY)
        key.requests = ordered(run_jobs(rng, start, jobs, persona.p("concurrency")))
        keys.append(key)
    return keys


def suite_runner(ctx: Ctx, persona: Persona) -> list[KeyTraffic]:
    """One researcher running several suites in a row through one key, hours apart."""
    rng = ctx.rng(persona.name)
    key = _eval_key(ctx, persona, 0, rng, persona.p("software"))
    t, out = ctx.t0 + rng.uniform(0, DAY), []
    for source, h, limit, params, keep in persona.p("runs")[ctx.split]:
        rows = suite_rows(ctx, source, None, keep)
        rows = sorted(rng.sample(rows, min(len(rows), max(1, round(limit * ctx.scale)))), key=lambda r: r.id)
        render = HARNESS[h](params) if h != "code_chat" else code_chat(params, 1)
        reqs = run_jobs(rng, t, [(r, render(r, rng)) for r in rows], persona.p("concurrency"))
        out += reqs
        t = max(r.ts for r in reqs) + rng.uniform(0.3, 5) * 3600
    key.requests = ordered(out)
    return [key]

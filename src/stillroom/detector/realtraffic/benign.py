"""Benign personas from real chat data: people chatting, heavy users, and apps relaying users.

Every person is one key. Conversations are replayed turn by turn with the stored replies as the
served model's (clients resend the history). Only oasst2 users keep their real ids and real thread
start times; everyone else's conversation starts follow oasst2's session sizes and gaps
(simulated), and turn gaps are simulated from reply and prompt lengths.
"""

from __future__ import annotations

import random
from typing import Any

from stillroom.detector.realtraffic.clients import account, client
from stillroom.detector.realtraffic.context import Ctx, Persona, new_key, ordered
from stillroom.detector.realtraffic.pools import TIMING_SOURCE, Row
from stillroom.detector.realtraffic.records import KeyTraffic, Request, chat_requests, single_turns
from stillroom.detector.realtraffic.timing import DAY, conversation_starts, diurnal, paced, think

# What chat front-ends and personal scripts send besides the messages (SDK default: nothing).
CHAT_STYLES: tuple[dict[str, Any], ...] = (
    {},
    {},
    {"stream": True},
    {"temperature": 0.7, "stream": True},
    {"temperature": 0.7, "max_tokens": 1024, "stream": True},
    {"temperature": 1.0, "top_p": 1.0, "stream": True},
    {"temperature": 0.5, "max_tokens": 2048},
)
SYSTEMS = (None, None, None, None, "You are a helpful assistant.")  # the most common system prompt
SIMULATED = "simulated: conversation starts from oasst2 session sizes/gaps, turn gaps from text lengths"


def conversation(
    rng: random.Random, row: Row, start: float, params: dict, system: str | None, resend: bool = False
) -> list[Request]:
    """One stored conversation, each turn sent after the person read the reply and typed
    (`resend`: a script paced like a person, resending the stored replies: records.chat_requests)."""
    times = [start]
    for i in range(1, len(row.turns)):
        reply = row.replies[i - 1] or ""
        times.append(times[-1] + think(rng, len(reply), len(row.turns[i])))
    return chat_requests(list(row.turns), list(row.replies), times, params, system, row.id, resend=resend)


def sequential(
    rng: random.Random, rows: list[Row], starts: list[float], params: dict, system: str | None
) -> list[Request]:
    """A person finishes one conversation before starting the next (start = max(planned, done))."""
    out: list[Request] = []
    for row, planned in zip(rows, starts, strict=True):
        begin = max(planned, out[-1].ts + think(rng, 400, len(row.first))) if out else planned
        out += conversation(rng, row, begin, params, system)
    return out


def _threads(ctx: Ctx, rng: random.Random, persona: Persona) -> int:
    """How many conversations a simulated person has: a per-question range if the persona gives
    one, else oasst2's threads-per-user, among users with at least `min_threads`."""
    if "questions" in persona.params:
        return ctx.count(rng, persona.p("questions"))
    per_user = [n for n in ctx.timing.per_user if n >= persona.params.get("min_threads", 1)]
    return rng.choice(per_user)


def chat_users(ctx: Ctx, persona: Persona) -> list[KeyTraffic]:
    """People chatting through their own key (multi- or single-turn, as the pool's rows are)."""
    sources = persona.sources[ctx.split]
    if sources == (TIMING_SOURCE,):
        return real_users(ctx, persona)
    keys, keep = [], persona.params.get("keep")
    for i in range(ctx.count(ctx.rng(persona.name), persona.p("keys"))):
        rng = ctx.rng(persona.name, i)
        rows = ctx.pools.take(sources, _threads(ctx, rng, persona), keep)
        start = ctx.t0 + rng.uniform(0, persona.p("spread_days") * DAY)
        style, system = rng.choice(CHAT_STYLES), rng.choice(SYSTEMS)
        key = new_key(ctx, persona, i, client(rng, system_prompt=system), SIMULATED, {"params": style})
        key.requests = ordered(
            sequential(rng, rows, conversation_starts(rng, ctx.timing, start, len(rows)), style, system)
        )
        keys.append(key)
    return keys


def real_users(ctx: Ctx, persona: Persona) -> list[KeyTraffic]:
    """oasst2 users by their real id, with their real thread start times (shifted to the suite's
    clock, gaps kept) and all their threads."""
    users = sorted(u for u, th in ctx.timing.users.items() if len(th) >= persona.params.get("min_threads", 1))
    ctx.rng(persona.name).shuffle(users)
    keys = []
    for user in users[: ctx.count(ctx.rng(persona.name, "n"), persona.p("keys"))]:
        rng = ctx.rng(persona.name, user)
        threads = ctx.timing.users[user]
        ctx.pools.claim([row for _, row in threads])
        shift = ctx.t0 + rng.uniform(0, persona.p("spread_days") * DAY) - threads[0][0]
        style, system = rng.choice(CHAT_STYLES), rng.choice(SYSTEMS)
        key = new_key(
            ctx,
            persona,
            user[:8],
            client(rng, system_prompt=system),
            "real oasst2 thread starts",
            {"params": style},
        )
        rows = [row for _, row in threads]
        key.requests = ordered(sequential(rng, rows, [ts + shift for ts, _ in threads], style, system))
        keys.append(key)
    return keys


def _daily_volume(ctx: Ctx, rng: random.Random, persona: Persona) -> int:
    """per_day x days requests, +-10%."""
    mean = persona.p("per_day") * persona.p("days")
    return ctx.count(rng, (int(mean * 0.9), int(mean * 1.1)))


POWER_STYLES: tuple[tuple[str, dict[str, Any]], ...] = (
    ("openai-python", {}),
    ("openai-python", {"temperature": 0.7, "max_tokens": 1024}),
    ("requests", {"stream": True}),
)


def power_users(ctx: Ctx, persona: Persona) -> list[KeyTraffic]:
    """One person's ~350 single-turn questions a day from the real chat pools, workday-paced."""
    keys = []
    for i in range(persona.p("keys")):
        rng = ctx.rng(persona.name, i)
        n = _daily_volume(ctx, rng, persona)
        rows = ctx.pools.take(persona.sources[ctx.split], n)
        software, style = POWER_STYLES[i % len(POWER_STYLES)]
        start = ctx.t0 + rng.randint(0, 2) * DAY + rng.uniform(7, 10) * 3600
        times = paced(rng, ctx.timing, start, len(rows), persona.p("per_day"), persona.p("hours"))
        timing = "simulated: workday-paced, gap shape from oasst2 in-session gaps"
        key = new_key(ctx, persona, i, client(rng, software), timing, {"params": style})
        key.requests = single_turns(rows, times, style, None)
        keys.append(key)
    return keys


APP_SYSTEMS = (
    "You are StudyBuddy, a friendly tutor inside a homework app. Answer clearly and encourage the student.",
    "You are the assistant in Quill, a writing app. Help the user with whatever they ask; be concise.",
)


def app_backends(ctx: Ctx, persona: Persona) -> list[KeyTraffic]:
    """An app's server relaying many real users' first turns through one key, with its own system
    prompt and fixed settings; arrivals are many people's, so Poisson with a daily cycle. The keys
    are one company's apps: same organisation and payment, so one actor."""
    keys = []
    params = persona.p("params")
    company = dict(account(ctx.rng(persona.name, "company")))
    shared = {k: company[k] for k in ("organisation", "payment_fingerprint")}
    for i in range(persona.p("keys")):
        rng = ctx.rng(persona.name, i)
        n = _daily_volume(ctx, rng, persona)
        rows = ctx.pools.take(persona.sources[ctx.split], n)
        system = APP_SYSTEMS[i % len(APP_SYSTEMS)]
        times = diurnal(rng, ctx.t0 + rng.uniform(0, DAY), len(rows), persona.p("per_day"))
        cl = client(rng, ("openai-js", "openai-python")[i % 2], system, **shared)
        key = new_key(ctx, persona, i, cl, "simulated: daily-cycle Poisson", {"params": params})
        key.actor = f"{ctx.split}-{persona.name}"
        key.requests = single_turns(rows, times, params, system)
        keys.append(key)
    return keys


# A moderation pipeline's prompt around each user message it screens (one wording per split).
MODERATION = {
    "tune": (
        "You are a content moderator. Does the following user message ask for anything harmful, "
        "illegal or sexual? Answer only YES or NO.\n\nMessage: {message}"
    ),
    "val": 'Classify the message below as SAFE or UNSAFE for a general audience. Reply with one word.\n\n"{message}"',
}


# An app feature that transforms each of its users' messages with one fixed prompt (one wording
# per split): summaries for a support dashboard, translation.
TRANSFORM = {
    "tune": (
        "Summarize the following customer message in two or three sentences for our support "
        "dashboard.\n\nMessage:\n{message}"
    ),
    "val": "Translate the text below into Spanish. Keep names, numbers and formatting unchanged.\n\n---\n{message}\n---",
}


def transform_backend(ctx: Ctx, persona: Persona) -> list[KeyTraffic]:
    """An app that sends every user message through one fixed transformation prompt (summarise,
    translate) with full-length answers: all template, broad topics, and no distillation - the
    answers are summaries or translations of its users' text, not answers to tasks."""
    return [_fixed_prompt_app(ctx, persona, TRANSFORM[ctx.split], "openai-python")]


def moderation_batch(ctx: Ctx, persona: Persona) -> list[KeyTraffic]:
    """An app screening its users' messages with one fixed template at volume (temperature 0,
    one-word answers): a benign key that is all template. It sees messages other keys sent."""
    return [_fixed_prompt_app(ctx, persona, MODERATION[ctx.split], "httpx")]


def _fixed_prompt_app(ctx: Ctx, persona: Persona, text: str, software: str) -> KeyTraffic:
    """One key sending sampled users' first messages, each inside `text`, on a daily cycle."""
    rng = ctx.rng(persona.name)
    rows = ctx.pools.sample(rng, persona.sources[ctx.split], ctx.count(rng, persona.p("requests")))
    params = persona.p("params")
    times = diurnal(rng, ctx.t0 + rng.uniform(0, DAY), len(rows), persona.p("per_day"))
    key = new_key(
        ctx, persona, 0, client(rng, software), "simulated: daily-cycle Poisson", {"params": params}
    )
    prompts = [text.format(message=r.first.strip()) for r in rows]
    key.requests = [
        chat_requests([p], [None], [t], params, None, r.id)[0]
        for p, t, r in zip(prompts, times, rows, strict=True)
    ]
    return key

"""Distiller personas: harvesting a served model's answers on real distillation data.

Items come from the split's distiller-source pools (instruction sets made for or by distilling
proprietary models, and real-user prompt pools). Scripts run a closed loop of concurrent workers
whose rhythm follows reply lengths; the disguised distiller and the real-user-pool hydra pace
themselves like people. The fixed texts around items are in `wordings` (one set per split).
"""

from __future__ import annotations

import random
from typing import Any

from stillroom.detector.realtraffic import wordings as W
from stillroom.detector.realtraffic.benign import CHAT_STYLES, conversation
from stillroom.detector.realtraffic.clients import SOFTWARE, account, client, user_agent
from stillroom.detector.realtraffic.context import (
    Ctx,
    Persona,
    new_key,
    norm,
    ordered,
    run_jobs,
    service_time,
    take_turns,
)
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import (
    Client,
    KeyTraffic,
    Request,
    chat_requests,
    completion_request,
    single_turns,
    stub_reply,
)
from stillroom.detector.realtraffic.timing import DAY, closed_loop, diurnal, paced, think, throttled
from stillroom.detector.text import words

SCRIPT = "simulated: script, {c} concurrent workers, latency from stored answer length"
HUMANLIKE = "simulated: paced like a person ({d}/day), turn gaps from text lengths"


def _key(ctx: Ctx, persona: Persona, i: int, cl: Client, timing: str, actor: str | None = None) -> KeyTraffic:
    key = new_key(ctx, persona, i, cl, timing)
    key.actor = actor or key.key_id
    return key


def _items(ctx: Ctx, persona: Persona, rng: random.Random, n: int, keep: Any = None) -> list[Row]:
    """Raw-item personas take rows no other actor used; personas that embed items in their own
    text sample from the whole pool (their prompts differ from any other actor's anyway)."""
    sources = persona.sources[ctx.split]
    if persona.params.get("exclusive", True):
        return ctx.pools.take(sources, n, keep)
    rows = [r for s in sources for r in ctx.pools.rows(s) if keep is None or keep(r)]
    return [rows[i % len(rows)] for i in rng.sample(range(max(n, len(rows))), n)]


def _start(ctx: Ctx, rng: random.Random, persona: Persona) -> float:
    return ctx.t0 + rng.uniform(0, persona.params.get("spread_days", 2) * DAY)


def _script(ctx: Ctx, persona: Persona, render: Any, keep: Any = None) -> list[KeyTraffic]:
    """A one-key script: `render(row, rng) -> Request` for each item, closed loop timing."""
    rng = ctx.rng(persona.name)
    rows = _items(ctx, persona, rng, ctx.count(rng, persona.p("requests")), keep)
    c, params = persona.p("concurrency"), persona.p("params")
    times = closed_loop(rng, _start(ctx, rng, persona), [service_time(rng, r, params) for r in rows], c)
    key = _key(ctx, persona, 0, client(rng, persona.p("software")), SCRIPT.format(c=c))
    key.requests = [render(r, t, rng) for r, t in zip(rows, times, strict=True)]
    return [key]


def _chat(text: str, ts: float, params: dict, row: Row, system: str | None = None) -> Request:
    return chat_requests([text], [row.answer], [ts], params, system, row.id, distill=True)[0]


def plain_replay(ctx: Ctx, persona: Persona) -> list[KeyTraffic]:
    """Dataset items sent as they are, one per request."""
    return _script(ctx, persona, lambda r, t, rng: _chat(r.first, t, persona.p("params"), r))


def fixed_wrapper(ctx: Ctx, persona: Persona) -> list[KeyTraffic]:
    """Each item inside one constant prompt template."""
    wrap = W.WRAPPER[ctx.split]
    return _script(
        ctx, persona, lambda r, t, rng: _chat(wrap.format(item=r.first), t, persona.p("params"), r)
    )


def completions_template(ctx: Ctx, persona: Persona) -> list[KeyTraffic]:
    """Items rendered in an instruction-tuning prompt format on the completions endpoint."""
    tpl, inp = W.COMPLETION[ctx.split], W.COMPLETION_INPUT[ctx.split]
    params = dict(persona.p("params"), stop=W.COMPLETION_STOP[ctx.split])

    def render(r: Row, t: float, rng: random.Random) -> Request:
        instruction = str(r.extra.get("instruction") or r.first)
        extra = str(r.extra.get("input") or "")
        block = inp.format(input=extra) if extra else ""
        return completion_request(
            t, tpl.format(instruction=instruction, input_block=block), params, r.id, True
        )

    return _script(ctx, persona, render)


def generate_tasks(ctx: Ctx, persona: Persona) -> list[KeyTraffic]:
    """Self-instruct-style: "come up with N tasks" around a few seed tasks drawn from a seed pool."""
    rng = ctx.rng(persona.name, "seeds")
    seeds = _items(ctx, persona, rng, persona.p("seed_pool"), keep=lambda r: len(r.first) < 600)
    text, k, n = W.GENERATE[ctx.split], persona.p("seeds_per_request"), persona.p("tasks_per_request")
    params = dict(persona.p("params"), stop=W.GENERATE_STOP[ctx.split])
    params = {a: b for a, b in params.items() if b is not None}

    def render(r: Row, t: float, rng: random.Random) -> Request:
        shown = [r, *rng.sample(seeds, k - 1)]
        listed = "\n".join(f"{i + 1}. {s.first.strip()}" for i, s in enumerate(shown))
        prompt = text.format(n=n, seeds=listed, next=k + 1)
        return Request(
            t,
            "chat",
            prompt,
            [{"role": "user", "content": prompt}],
            dict(params),
            r.id,
            True,
            stub_reply(prompt),
        )

    return _script(ctx, persona, render)


def evolve(ctx: Ctx, persona: Persona) -> list[KeyTraffic]:
    """Evol-Instruct-style: rewrite an item into a harder one, one method per request."""
    text, methods = W.EVOLVE[ctx.split], W.EVOLVE_METHODS[ctx.split]

    def render(r: Row, t: float, rng: random.Random) -> Request:
        return _chat(text.format(method=rng.choice(methods), item=r.first.strip()), t, persona.p("params"), r)

    return _script(ctx, persona, render)


def cot_elicit(ctx: Ctx, persona: Persona) -> list[KeyTraffic]:
    """Orca-style: a reasoning system prompt (TUNE: the one stored with the Orca rows), and a
    step-by-step trigger on `trigger_share` of the items."""
    systems, trigger = W.COT_SYSTEMS[ctx.split], W.COT_TRIGGER[ctx.split]

    def render(r: Row, t: float, rng: random.Random) -> Request:
        system = str(r.extra.get("system") or rng.choice(systems))
        text = r.first.rstrip() + (trigger if rng.random() < persona.p("trigger_share") else "")
        return _chat(text, t, persona.p("params"), r, system)

    return _script(ctx, persona, render)


def judge(ctx: Ctx, persona: Persona) -> list[KeyTraffic]:
    """Rubric grading at volume: the model grades a stored answer to a stored question."""
    text = W.JUDGE[ctx.split]

    def render(r: Row, t: float, rng: random.Random) -> Request:
        prompt = text.format(question=r.first.strip(), answer=(r.answer or "").strip())
        return Request(
            t,
            "chat",
            prompt,
            [{"role": "user", "content": prompt}],
            dict(persona.p("params")),
            r.id,
            True,
            stub_reply(prompt),
        )

    return _script(ctx, persona, render, keep=lambda r: bool(r.answer))


def logprob_harvest(ctx: Ctx, persona: Persona) -> list[KeyTraffic]:
    """A fixed pool of items asked again and again for top logprobs, n samples, swept temperatures."""
    rng = ctx.rng(persona.name)
    pool = ctx.pools.take(persona.sources[ctx.split], max(5, round(persona.p("pool") * ctx.scale)))
    rows = [rng.choice(pool) for _ in range(ctx.count(rng, persona.p("requests")))]
    knobs = [
        {
            "logprobs": True,
            "top_logprobs": persona.p("top_logprobs"),
            "n": rng.choice(persona.p("n")),
            "temperature": rng.choice(persona.p("temperatures")),
            "max_tokens": persona.p("max_tokens"),
        }
        for _ in rows
    ]
    c = persona.p("concurrency")
    times = closed_loop(
        rng, _start(ctx, rng, persona), [service_time(rng, r, k) for r, k in zip(rows, knobs, strict=True)], c
    )
    key = _key(ctx, persona, 0, client(rng, persona.p("software")), SCRIPT.format(c=c))
    key.requests = [_chat(r.first, t, k, r) for r, t, k in zip(rows, times, knobs, strict=True)]
    return [key]


def disguised(ctx: Ctx, persona: Persona) -> list[KeyTraffic]:
    """Each item wrapped in casual chatter, sometimes with follow-ups, paced like a person."""
    rng = ctx.rng(persona.name)
    rows = _items(ctx, persona, rng, ctx.count(rng, persona.p("items")))
    lead, tail, follow = W.CHATTER_LEAD[ctx.split], W.CHATTER_TAIL[ctx.split], W.FOLLOW_UPS[ctx.split]
    starts = paced(
        rng, ctx.timing, _start(ctx, rng, persona), len(rows), persona.p("per_day"), persona.p("hours")
    )
    params, out = persona.p("params"), []
    for r, t in zip(rows, starts, strict=True):
        first = " ".join(x for x in (rng.choice(lead), r.first.strip(), rng.choice(tail)) if x)
        k = rng.choices((0, 1, 2), persona.p("follow_up_weights"))[0]
        turns = [first, *rng.sample(follow, k)]
        fake = Row(r.id, r.file, tuple(turns), (r.answer, *([None] * k)))
        begin = max(t, out[-1].ts + 5) if out else t
        out += _distilling(conversation(rng, fake, begin, params, None))
    key = _key(ctx, persona, 0, client(rng, persona.p("software")), HUMANLIKE.format(d=persona.p("per_day")))
    key.requests = ordered(out)
    return [key]


def _distilling(reqs: list[Request]) -> list[Request]:
    for r in reqs:
        r.distill = True
    return reqs


def hydra(ctx: Ctx, persona: Persona) -> list[KeyTraffic]:
    """One actor on many keys, each with its own rows of one pool (no prompt shared between keys),
    its own start and clock. `shared_account`: the keys share payment and signup network;
    `shared_client`: one client build (user agent, headers, settings) on every key."""
    rng = ctx.rng(persona.name)
    actor, used = f"{ctx.split}-{persona.name}", set()
    shared_ua = user_agent(rng, persona.p("software"))
    shared = account(rng) if persona.p("shared_account") else ()
    keys = []
    beats = _beats(ctx, persona, rng) if persona.params.get("synchronised") else None
    for i in range(ctx.count(rng, persona.p("keys"), floor=2)):
        krng = ctx.rng(persona.name, i)
        n = ctx.count(krng, persona.p("requests"))
        rows = _hydra_rows(ctx, persona, n, used)
        cl = _hydra_client(krng, persona, shared_ua, dict(shared) if shared else {})
        key = _key(ctx, persona, i, cl, "", actor)
        if beats is not None:  # every key sends one request at each beat (network jitter <= 0.4 s)
            times = [t + krng.uniform(0.0, 0.4) for t in beats[: len(rows)]]
            key.requests = single_turns(rows, times, persona.p("params"), persona.params.get("system"), True)
            key.timing = SYNCHRONISED.format(lo=persona.p("pause")[0], hi=persona.p("pause")[1])
        else:
            key.requests, key.timing = _hydra_traffic(ctx, persona, krng, rows, n)
        keys.append(key)
    return keys


SYNCHRONISED = "simulated: one scheduler fires every key at once, then sleeps U({lo}, {hi}) s"


def _beats(ctx: Ctx, persona: Persona, rng: random.Random) -> list[float]:
    """A synchronised hydra's schedule: one beat per round (as many as its busiest key needs),
    U(pause) seconds apart."""
    span = persona.p("requests")
    t, out = _start(ctx, rng, persona), []
    most = max(span) if isinstance(span, tuple) else span
    for _ in range(max(1, round(most * ctx.scale))):  # the most any key's `ctx.count` can give
        out.append(t)
        t += rng.uniform(*persona.p("pause"))
    return out


def _hydra_rows(ctx: Ctx, persona: Persona, n: int, used: set[str]) -> list[Row]:
    """Rows (conversations for a multi-turn hydra) until n requests, none of whose prompts another
    key of the hydra sent (prompts of 4+ tokens, as the detector counts them: "continue" is
    everyone's)."""

    def fresh(r: Row) -> bool:
        return not any(norm(t) in used for t in r.turns if len(words(t)) >= 4)

    rows = take_turns(ctx, persona.sources[ctx.split], n, fresh, multi_turn=persona.p("multi_turn"))
    used.update(norm(t) for r in rows for t in r.turns if len(words(t)) >= 4)
    return rows


def _hydra_client(rng: random.Random, persona: Persona, shared_ua: str, shared: dict[str, str]) -> Client:
    shared.pop("organisation", None)  # each key its own organisation name
    if persona.p("shared_client"):
        sw = persona.p("software")
        return Client(shared_ua, SOFTWARE[sw][1], account(rng, **shared), persona.params.get("system"))
    return client(rng, **shared)


def _hydra_traffic(
    ctx: Ctx, persona: Persona, rng: random.Random, rows: list[Row], n: int
) -> tuple[list[Request], str]:
    params = persona.p("params")
    start = _start(ctx, rng, persona)
    if persona.p("multi_turn"):
        per_day = persona.p("per_day")
        starts = paced(rng, ctx.timing, start, len(rows), per_day / 3, persona.p("hours"))
        out: list[Request] = []
        for r, t in zip(rows, starts, strict=True):
            begin = max(t, out[-1].ts + think(rng, 400, len(r.first))) if out else t
            out += conversation(rng, r, begin, params, persona.params.get("system"), resend=True)
        return _distilling(ordered(out)[:n]), HUMANLIKE.format(d=per_day)
    c = rng.choice(persona.p("concurrency"))
    pause = persona.p("pause")
    service = [service_time(rng, r, params) for r in rows]
    times = throttled(rng, start, service, pause) if c == 0 else closed_loop(rng, start, service, c)
    how = f"simulated: script, sleeps U{pause} s between requests" if c == 0 else SCRIPT.format(c=c)
    return single_turns(rows, times, params, persona.params.get("system"), True), how


def reseller(ctx: Ctx, persona: Persona) -> list[KeyTraffic]:
    """A reseller's key: many real users' chats (with history) plus a distilling customer's
    dataset items, which make up exactly `mix` of the key's requests."""
    keys = []
    for i, mix in enumerate(persona.p("mix")):
        rng = ctx.rng(persona.name, i)
        n = ctx.count(rng, persona.p("requests"))
        n_distill = max(1, round(mix * n))
        benign = _relayed_chats(ctx, persona, rng, n - n_distill)
        span = (benign[-1].ts - benign[0].ts) if len(benign) > 1 else DAY
        rows = ctx.pools.take(persona.sources[ctx.split], n_distill)
        params = persona.p("params")
        gap = span / max(1, n_distill)
        times = throttled(rng, benign[0].ts + rng.uniform(0, gap), [0.0] * len(rows), (0.2 * gap, 1.8 * gap))
        key = _key(
            ctx,
            persona,
            i,
            client(rng, persona.p("software")),
            "simulated: relayed users' daily-cycle Poisson + a throttled script",
        )
        key.settings = dict(key.settings, mix=mix)
        key.sources = (*key.sources, *persona.p("chat_sources")[ctx.split])
        key.requests = ordered(benign + single_turns(rows, times, params, None, True))
        keys.append(key)
    return keys


def _relayed_chats(ctx: Ctx, persona: Persona, rng: random.Random, n: int) -> list[Request]:
    """Real users' conversations through the reseller (each with its own client settings)."""
    rows = take_turns(ctx, persona.p("chat_sources")[ctx.split], n)
    starts = diurnal(rng, _start(ctx, rng, persona), len(rows), persona.p("per_day"))
    out: list[Request] = []
    for r, t in zip(rows, starts, strict=True):
        out += conversation(rng, r, t, rng.choice(CHAT_STYLES), None)
    return ordered(out)[:n]


def realpool_replay(ctx: Ctx, persona: Persona) -> list[KeyTraffic]:
    """Real users' conversations (ShareGPT-like pools) replayed whole, history resent, by a script."""
    rng = ctx.rng(persona.name)
    n = ctx.count(rng, persona.p("requests"))
    rows = take_turns(ctx, persona.sources[ctx.split], n)
    params, c = persona.p("params"), persona.p("concurrency")
    jobs = [
        (
            r,
            chat_requests(
                list(r.turns), list(r.replies), [0.0] * len(r.turns), params, None, r.id, True, True
            ),
        )
        for r in rows
    ]
    key = _key(ctx, persona, 0, client(rng, persona.p("software")), SCRIPT.format(c=c))
    key.requests = ordered(run_jobs(rng, _start(ctx, rng, persona), jobs, c))[:n]
    return [key]

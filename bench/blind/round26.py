"""Blind persona set 26 (an outside reviewer): 32 benign, 8 distiller personas.

Written blind: without reading the detector's code, docs, tests or results. What was read: the
realtraffic helpers (they live in src/stillroom/detector/realtraffic/): __init__, records, timing,
clients, pools, context, benign and distill in full, evals' module docstring and top-level names,
wordings' top-level names only (none of its texts is used here; suite and replay were not opened);
detector/types.py; the earlier blind sets round25 and round24 in part (their module docstrings, their
helper definitions, several builders and the BENIGN / DISTILL registries - the structure this set
follows); of round2-round23 their module docstrings (the Focus paragraphs, and for round2-round6,
which have none, the opening paragraphs); round2's `T0`, `mk`, `src` and `sorted_reqs`, imported here
and checked by calling them (their code was not read; every other helper is written here on top of
the realtraffic primitives); pyproject.toml's ruff settings, ../shared/STYLE.md, and ../shared/traffic
with its README. (Directory listings of bench/, bench/blind/ and src/stillroom/ showed some file
names; none of the forbidden files was opened, and no git history was looked at.) Every builder
returns list[KeyTraffic] built from the real prompt data in ../shared/traffic (read at run time, never
copied here) plus text written here. ALL parameters below were fixed before anyone replayed this set
and are not tuned on outcomes; its writer built the traffic only (to check that it imports, is
deterministic and looks sensible) and replayed nothing.

Focus: THE ORDINARY POPULATION - what an API provider's customer base mostly looks like, so that the
benchmark estimates the false-positive rate on ordinary customers and the catch rate on ordinary,
unsophisticated distillers. Benign, 32 keys, each its own persona with its own parameters, most at
ordinary volumes (8-411 requests over 1-14 days; the labeller and five evaluators 490-1,224 in one or
two days): a developer's first afternoon with the API; a hobby cron script (a German word of the day);
small SaaS features (customer-feedback summaries, support-ticket classification in JSON, a
"rephrase" button, receipt extraction from OCR text, a recipe app, support reply drafts); a student's
homework script with follow-up questions; a teacher making quizzes; a data scientist labelling 400
search queries (pilot, prompt revision, full run with logprobs, re-asks); five researchers running one
to three public suites once (TruthfulQA in two conditions, four BBH tasks direct plus one with
step-by-step, HumanEval and MBPP with a pass@5 pass, IFEval en/fr and MT-Bench, AlpacaEval and Koala
with a system-prompt rerun); a family's self-hosted chat front end (real Arena conversations with
title calls); two people chatting on their own keys with their real oasst2 threads and real times; a
small community chat front end relaying two weeks of real oasst2 users' threads at their real times;
a translation hotkey; a novelist's long writing chats; a design agency's Slack bot; an Etsy seller
pasting one template; a quiz writer asking ~160 short factual questions over a weekend; an agent
framework under development (tool calls, tool results, a test suite rerun after code changes); a
student probing the model with red-team-style chats; a freelancer's coding questions; an analyst's
SQL helper; a Spanish learner; a gaming Discord's bot; a product manager iterating a prompt over a
fixed test set. Clients, SDK settings (temperature, max_tokens, n, stream, logprobs, JSON mode,
`user`), time zones and daily rhythms differ per key. Distillers, 8 actors on 26 keys, each an
ordinary design a script writer builds without knowing anything about the detector: a plain replay
of an instruction set by one throttled worker; the same behind one fixed template (an English and a
Chinese key of one account); a self-instruct loop (a "come up with 20 diverse task instructions"
meta-prompt around three seed prompts, then every generated instruction answered); a hydra of 15
keys each sending its own slice of one Chinese medical instruction set on its own daily schedule; a
harvest of real users' prompts dressed in casual chatter with follow-ups at a person's pace; a
logprob harvest (logprobs with top_logprobs 20 or 5) over mixed Chinese and English prompts on two
keys; a chain-of-thought harvest ("think step by step and show your reasoning") over maths and
reasoning items on two keys; and a slow harvest of real ShareGPT conversations at 100-150 requests
a day per key for up to two weeks on two keys. (Earlier rounds already hold most of these designs in some
form - plain and templated replays and hydras (the suites, round2-4), self-instruct (round9), chatter
disguises (round7), logprob harvests (round2, round3, round6), reasoning-trace wrappers (round8,
round14, round16), low-and-slow keys (round9, round13, round17) - and many heavy or unusual benign
users; the personas here differ in that they are deliberately ORDINARY: ordinary volumes, ordinary
products, naive scripts.)

Row allotment (no row is used by two actors of this set; by a stable hash, `bucket`, salted for this
round, and by properties where said): arena_even bucket(6) 0 the family front end, 1 the Slack bot, 2
the API try-out, 3 the Discord bot, 4-5 the coding helper (only rows whose first turn mentions code;
the others unused); oasst2 by user: the user with the most threads all in Spanish and the one with the
most all in English their own keys, the other users by a hash of their id, bucket(3) 0 the
translation hotkey (first turns not in English), 1-2 the community front end (threads started
2023-02-04 to 2023-02-17); hh-rlhf bucket(4) 0 the red-team-curious student, 1 the Discord bot (2-3
unused); NQ-open bucket(4) 0 the quiz writer, 1 the agent developer, 2 the labeller, 3 the Discord
bot; TruthfulQA (all) the TruthfulQA study; BBH by task: date_understanding, sports_understanding,
causal_judgement and disambiguation_qa the BBH student, multistep_arithmetic_two, object_counting,
logical_deduction_three_objects, tracking_shuffled_objects_three_objects, web_of_lies and
boolean_expressions the CoT harvest (the other tasks unused); AGIEval by task: sat-math bucket(2) 0
the homework script, sat-math bucket 1, aqua-rat, math, lsat-ar, logiqa-en and gaokao-mathqa the CoT
harvest (the other tasks unused); MMLU high_school_* subjects bucket(2) 0 the homework script (the
rest unused); HumanEval and MBPP task ids 11-510 the code evaluation; IFEval (en, fr) and MT-Bench
the instruction-following check; AlpacaEval and Koala the model comparison; codealpaca bucket(2) 0
the plain replay, 1 the self-instruct loop (as stand-ins for the generated instructions); LIMA and
BELLE-dev (all) the template replay; English InstructionWild the self-instruct seeds; Chinese
InstructionWild, MOSS (first turns) and Evol-Instruct the logprob harvest; Huatuo the hydra; Orca-DPO
the CoT harvest; ShareGPT-en bucket(2) 0 the chatter harvest, 1 the slow harvest; ShareGPT-zh the slow
harvest. XSTest, Arena-Hard, UltraChat-eval and BELLE-eval are unused. Feedback, tickets, drafts,
receipts, recipes, quizzes, schemas, novels, Spanish practice, tool results, templates, wordings and
system prompts are text written here.

Replies: benign requests carry the stored replies of the conversations they replay (Arena, oasst2,
hh-rlhf), stand-in JSON or labels where an app asks for JSON or a label, and otherwise the helpers'
stub replies (the served answer is not known). Distiller requests carry the source's stored answer
where the request is the item itself or the item in a wrapper (as the realtraffic distill helpers
do), the stand-in instruction list for the self-instruct meta-prompts, and stubs otherwise; every
distiller request is marked `distill`. Tool-call turns of the agent carry no text (reply None; the
resent assistant message has content "" and `tool_calls`; tool results are role "tool" messages).
"""

from __future__ import annotations

import json
import math
import random
import re
import zlib

from blind.round2 import T0, mk, sorted_reqs, src  # round 2's data helpers (the suite clock and key)
from blind.round5 import served  # what the guard reports for a tool-calling turn
from stillroom.detector.realtraffic.clients import SOFTWARE, account, user_agent
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import (
    Client,
    KeyTraffic,
    Request,
    chat_requests,
    stub_reply,
)
from stillroom.detector.realtraffic.timing import (
    DAY,
    closed_loop,
    human_timing,
    latency,
    paced,
    parse_ts,
    think,
    throttled,
)

HOUR = 3600.0
# Local-hour weights (index = hour of day).
OFFICE = (0, 0, 0, 0, 0, 0, 0.05, 0.2, 0.7, 1.0, 1.0, 1.0, 0.6, 0.8, 1.0, 1.0, 0.9, 0.6, 0.25, 0.1, 0.05, 0.02, 0, 0)  # fmt: skip
CONSUMER = (0.3, 0.15, 0.08, 0.05, 0.05, 0.08, 0.2, 0.4, 0.6, 0.7, 0.75, 0.8, 0.85, 0.8, 0.75, 0.75, 0.8, 0.85, 0.95,
            1.0, 1.0, 0.9, 0.7, 0.5)  # fmt: skip
EVENING = (0.3, 0.1, 0.03, 0, 0, 0, 0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.3, 0.3, 0.35, 0.5, 0.7, 0.9, 1.0, 1.0, 0.95,
           0.8, 0.55)  # fmt: skip
HOUSEHOLD = (0.1, 0.03, 0, 0, 0, 0, 0.05, 0.2, 0.3, 0.3, 0.35, 0.4, 0.45, 0.4, 0.35, 0.35, 0.4, 0.5, 0.7, 0.9, 1.0,
             0.9, 0.6, 0.3)  # fmt: skip
MEALS = (0.05, 0.02, 0, 0, 0, 0, 0.1, 0.25, 0.2, 0.15, 0.3, 0.7, 0.8, 0.4, 0.2, 0.25, 0.6, 1.0, 1.0, 0.6, 0.3, 0.2,
         0.1, 0.05)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def R(*names) -> random.Random:
    return random.Random("blind26:" + ":".join(map(str, names)))


def bucket(r: Row, n: int) -> int:
    """A stable share of a source by row id (the allotment is in the module docstring)."""
    return zlib.crc32(f"r26:{r.file}:{r.id}".encode()) % n


def share(name: str, n: int, *keep: int) -> list[Row]:
    """The rows of a source whose bucket of n is one of `keep`, in file order."""
    return [r for r in src(name) if bucket(r, n) in keep]


def hid(rng: random.Random, prefix: str) -> str:
    """A hashed end-user id as an app passes it in `user`."""
    return f"{prefix}_{rng.getrandbits(40):010x}"


def utc(day: int, hour: float, tz: float = 0.0) -> float:
    """The unix time of local `hour` on suite day `day` in zone UTC+tz (day 0 is Monday 2 March 2026)."""
    return T0 + day * DAY + (hour - tz) * HOUR


def weekday(day: int) -> bool:
    return day % 7 < 5


def poisson(rng: random.Random, lam: float) -> int:
    n, acc = 0, rng.expovariate(1.0)
    while acc < lam:
        n += 1
        acc += rng.expovariate(1.0)
    return n


def arrivals(
    rng: random.Random, days: range, per_day: float, curve, tz: float, weekend: float = 1.0
) -> list[float]:
    """Many people's arrivals: Poisson per local hour, `per_day` a day shaped by `curve`
    (times `weekend` on Saturdays and Sundays)."""
    total, out = sum(curve), []
    for d in days:
        rate = per_day * (1.0 if weekday(d) else weekend)
        for h, w in enumerate(curve):
            out += [utc(d, h + rng.random(), tz) for _ in range(poisson(rng, rate * w / total))]
    return sorted(out)


def cl(rng: random.Random, software: str, ua: str | None = None, org: bool = False, **shared: str) -> Client:
    """A key's client: the software's user agent (or `ua`) and headers, and its own account."""
    return Client(ua or user_agent(rng, software), SOFTWARE[software][1], account(rng, org=org, **shared))


def key(kid: str, persona: str, label: str, kind: str, client: Client, reqs: list[Request], timing: str,
        sources: tuple[str, ...] = (), actor: str | None = None, **settings) -> KeyTraffic:  # fmt: skip
    kt = mk(
        kid,
        persona,
        label,
        kind,
        client,
        actor=actor or kid,
        timing=timing,
        sources=sources,
        settings=settings,
    )
    kt.requests = sorted_reqs(reqs)
    return kt


def ask(t: float, text: str, params: dict, system: str | None = None, item: str = "", distill: bool = False,
        reply: str | None = None) -> Request:  # fmt: skip
    """One single-turn chat request."""
    return chat_requests([text], [reply], [t], params, system, item, distill)[0]


def talk(rng: random.Random, t: float, turns: list[str], params: dict, system: str | None = None, item: str = "",
         replies: tuple = (), distill: bool = False, skip: int = 0) -> list[Request]:  # fmt: skip
    """A conversation at a person's pace: each turn after the reply was read and the next typed.
    `skip` drops the first requests (a chat resumed: their turns are history already sent)."""
    reps = [*replies, *([None] * (len(turns) - len(replies)))][: len(turns)]
    times = [t]
    for i in range(1, len(turns)):
        times.append(times[-1] + think(rng, len(reps[i - 1] or stub_reply(turns[i - 1])), len(turns[i])))
    shift = times[skip] - t if skip else 0.0
    out = chat_requests(list(turns), reps, [x - shift for x in times], params, system, item, distill)
    return out[skip:]


def chat_rows(rng: random.Random, t: float, r: Row, params: dict, system: str | None = None, most: int = 6):
    """A stored conversation's first `most` turns with its stored replies in the history."""
    n = min(most, len(r.turns))
    return talk(rng, t, list(r.turns[:n]), params, system, r.id, tuple(r.replies[:n]))


def tokens_of(q: Request, default: int | None) -> int:
    """How many tokens the reply takes: `default` (an unknown served answer) or the reply's length,
    capped by max_tokens and scaled by n."""
    tokens = default if default is not None else max(20, len(q.reply or "") // 4)
    cap = q.params.get("max_tokens")
    tokens = min(tokens, int(cap)) if cap else tokens
    return tokens * (1 + (int(q.params.get("n", 1) or 1) - 1) // 4)


def batch(rng: random.Random, t: float, reqs: list[Request], workers: int, tokens: int | None = 300) -> float:
    """A script's closed loop of `workers` over single requests, in list order; returns when it ends."""
    if not reqs:
        return t
    service = [latency(rng, tokens_of(q, tokens)) for q in reqs]
    times = closed_loop(rng, t, service, workers)
    for q, s in zip(reqs, times, strict=True):
        q.ts = s
    return times[-1] + max(service)


def paused(
    rng: random.Random, t: float, reqs: list[Request], pause: tuple[float, float], tokens: int | None = 300
) -> float:
    """One worker that sleeps U(pause) after each reply; returns when it ends."""
    if not reqs:
        return t
    service = [latency(rng, tokens_of(q, tokens)) for q in reqs]
    times = throttled(rng, t, service, pause)
    for q, s in zip(reqs, times, strict=True):
        q.ts = s
    return times[-1] + service[-1]


def fill(rng: random.Random, text: str, slots: dict[str, tuple[str, ...]]) -> str:
    """A template's {slots} each drawn from its tuple."""
    return text.format(**{k: rng.choice(v) for k, v in slots.items() if "{" + k + "}" in text})


def jd(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


# =============================================================================================
# BENIGN 1. A DEVELOPER'S FIRST AFTERNOON WITH THE API (a backend developer in Lisbon, UTC+0, on
# openai-python from a scratch file). Tuesday afternoon: the quick-start ("Say this is a test" twice),
# hello, what model, a haiku at three temperatures, a truncated story with and without streaming, n=3
# names, JSON mode, a pirate system prompt; then a little chat loop with 12 of their own questions
# (real Arena conversations, bucket 2 of 6, up to three turns with the stored replies). Wednesday
# evening, 8 more. 15 s - 3 min between runs (edit, rerun). Replies: stored for Arena, else stubs.
TRY_STEPS = (("Say this is a test", {}, None), ("Say this is a test", {}, None), ("Hello!", {}, None),
             ("What model are you?", {}, None), ("Write a haiku about the sea", {}, None),
             ("Write a haiku about the sea", {"temperature": 0}, None), ("Write a haiku about the sea", {"temperature": 0.7}, None),
             ("Write a haiku about the sea", {"temperature": 1.5}, None), ("Tell me a long story about a dragon", {"max_tokens": 20}, None),
             ("Tell me a long story about a dragon", {"max_tokens": 20, "stream": True}, None),
             ("Give me a name for a grey cat", {"n": 3, "temperature": 1.0}, None),
             ("List three colours as JSON with the key \"colors\"", {"response_format": {"type": "json_object"}}, None),
             ("How do I make coffee?", {}, "You are a pirate. Answer like one."))  # fmt: skip


def api_tryout() -> list[KeyTraffic]:
    rng = R("tryout")
    out: list[Request] = []
    t = utc(1, 14.0, 0.0) + rng.uniform(0, 1800)
    for text, params, system in TRY_STEPS:
        out.append(ask(t, text, params, system))
        t += latency(rng, params.get("max_tokens", 120)) + rng.uniform(15, 180)
    rows = share("arena_even", 6, 2)
    rng.shuffle(rows)
    for n, start in ((12, t + rng.uniform(300, 900)), (8, utc(2, 20.5, 0.0) + rng.uniform(0, 1800))):
        t = start
        for r in rows[:n]:
            got = chat_rows(rng, t, r, {}, None, most=rng.choice((1, 1, 2, 3)))
            out += got
            t = got[-1].ts + latency(rng, 300) + rng.uniform(20, 200)
        rows = rows[n:]
    kt = key("b26-tryout", "api_tryout", "benign", "chat", cl(rng, "openai-python"), out,
             "simulated: one afternoon and one evening (UTC+0), 15 s - 3 min between runs, chat turns at a reader's pace",
             ("arena_even",), steps=len(TRY_STEPS), chats=20)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 2. A HOBBY CRON SCRIPT: A GERMAN WORD OF THE DAY (a learner in Berlin, UTC+1; a Python script
# with `requests` on a Raspberry Pi, cron at 06:30). Every day for two weeks: a word of the day on
# the day's theme, then a four-line motivational verse for the weekday, both sent to the learner's
# Telegram; a timeout retry now and then. Replies: stubs.
WD_THEMES = ("food", "travel", "work", "weather", "family", "emotions", "the house", "shopping", "health", "nature",
             "sports", "the city", "school", "time")  # fmt: skip
WD_ASK = ("Give me a German word of the day for an intermediate (B1) learner. Theme: {theme}. Include the article, "
          "the meaning in English, one example sentence in German and its translation. Keep it short.")  # fmt: skip
WD_POEM = "Write a 4-line motivational poem for {day} morning. Simple words, no hashtags."


def cron_word_of_day() -> list[KeyTraffic]:
    rng = R("wordofday")
    out: list[Request] = []
    for d in range(14):
        t = utc(d, 6.5, 1.0) + rng.uniform(0.5, 4.0)
        for text, p in ((WD_ASK.format(theme=WD_THEMES[d]), {"temperature": 1.0, "max_tokens": 300}),
                        (WD_POEM.format(day=WEEKDAYS[d % 7]), {"temperature": 0.9, "max_tokens": 120})):  # fmt: skip
            out.append(ask(t, text, p))
            if rng.random() < 0.05:  # the read timed out: the script sends it again
                t += 30 + rng.uniform(0, 3)
                out.append(ask(t, text, p))
            t += latency(rng, 150) + rng.uniform(0.2, 0.8)
    kt = key("b26-wordofday", "cron_word_of_day", "benign", "app", cl(rng, "requests"), out,
             "simulated: cron at 06:30 (UTC+1) every day for 14 days", days=14, retry=0.05)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 3. CUSTOMER-FEEDBACK SUMMARIES IN A SMALL SAAS ("Tallyform", a form builder in Austin,
# UTC-6; its Node backend on openai-js). Every piece of feedback a customer submits in the app is
# summarised for the product team: one sentence and bullet points, T 0.3. ~25 a weekday, a fifth of
# that at weekends, on an office curve, two weeks. Feedback texts are composed here. Replies: stubs.
FB_PRODUCTS = ("the mobile app", "the dashboard", "the new form editor", "the calendar integration", "the payment block",
               "email notifications", "the CSV export", "conditional logic")  # fmt: skip
FB_OPEN = ("I've been using {p} for about {n} months now.", "Quick feedback on {p}.", "Our team of {n} uses {p} every day.",
           "Honestly, {p} has been a mixed experience.", "First time writing in!", "Feedback about {p}:", "")  # fmt: skip
FB_GOOD = ("The interface is clean and easy to learn.", "Support answered my last ticket within an hour, which was great.",
           "Exporting to CSV saves me a lot of time.", "I love the new themes.", "Setup took less than ten minutes.",
           "The templates are a great starting point.", "Our response rate went up after we switched to you.")  # fmt: skip
FB_BAD = ("It crashes when I open a form with more than {n}0 questions.", "The calendar sync is delayed by up to an hour.",
          "Search never finds archived forms.", "Since the last update it logs me out every day.",
          "The dashboard takes {n}0 seconds to load on a normal connection.", "The pricing page is confusing about what the Team plan includes.",
          "Notifications arrive twice on Android.", "File uploads over 10 MB fail without any error message.",
          "I can't reorder questions on my phone.", "The exported dates are in the wrong time zone.")  # fmt: skip
FB_WISH = ("Could you add a way to duplicate a whole section?", "Please bring back the old keyboard shortcuts.",
           "A weekly summary email would be really useful.", "Can we get SSO for our company?", "Dark mode please!",
           "It would be nice to set different reminders per form.")  # fmt: skip
FB_CLOSE = ("Thanks!", "Otherwise keep up the good work.", "Let me know if you need more details.", "",
            "We're considering switching if this isn't fixed.", "Cheers")  # fmt: skip
FB_SYSTEM = "You summarise customer feedback for Tallyform's product team. Be neutral and brief."
FB_USER = "Summarise this feedback in one sentence, then list each issue or request as a bullet point.\n\nFeedback:\n{text}"


def _fb_text(rng: random.Random) -> str:
    p, n = rng.choice(FB_PRODUCTS), str(rng.randint(2, 9))
    parts = [rng.choice(FB_OPEN)]
    parts += rng.sample(FB_GOOD, rng.choice((0, 0, 1, 2))) + rng.sample(FB_BAD, rng.choice((1, 1, 2)))
    parts += [*rng.sample(FB_WISH, rng.choice((0, 1))), rng.choice(FB_CLOSE)]
    return " ".join(x.format(p=p, n=n) for x in parts if x).strip()


def feedback_summariser() -> list[KeyTraffic]:
    rng = R("tallyform")
    p = {"temperature": 0.3, "max_tokens": 250}
    out = [
        ask(t, FB_USER.format(text=_fb_text(rng)), p, FB_SYSTEM)
        for t in arrivals(rng, range(14), 25, OFFICE, -6.0, 0.2)
    ]
    kt = key("b26-tallyform", "feedback_summariser", "benign", "app", cl(rng, "openai-js", org=True), out,
             "simulated: submissions on an office curve (UTC-6), weekends at a fifth, 14 days", per_day=25)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 4. SUPPORT-TICKET CLASSIFICATION IN JSON (a bike-parts web shop in Utrecht, UTC+1; a Python
# job on httpx classifies every incoming e-mail as it arrives). Customers write in English, Dutch and
# German at all hours; one request per e-mail, T 0, JSON mode, a fixed category list. ~18 a day for
# two weeks. E-mails are composed here. Replies: stand-in JSON.
TK_MAILS = {"en": ("Hi, my order #{o} still hasn't arrived, it's been {n} days. Can you check?", "The {part} I received is the wrong size, I ordered {size}. How do I return it?",
                   "Do you ship to {country}?", "I was charged twice for order #{o}.", "Is the {part} compatible with a {bike}?",
                   "Please cancel my order #{o}, I found it cheaper elsewhere.", "The {part} broke after two rides. Is this covered by warranty?",
                   "Can I change the delivery address for #{o}?", "When will the {part} be back in stock?"),
            "nl": ("Hoi, mijn bestelling #{o} is nog niet binnen. Kunnen jullie kijken?", "Ik heb twee keer betaald voor bestelling #{o}.",
                   "Past de {part} op een {bike}?", "Ik wil de {part} retourneren, hij is te klein."),
            "de": ("Hallo, meine Bestellung #{o} ist noch nicht angekommen. Können Sie nachsehen?", "Passt das {part} an ein {bike}?",
                   "Ich möchte die Bestellung #{o} stornieren.", "Das {part} war beschädigt, was nun?")}  # fmt: skip
TK_SLOTS = {"o": tuple(str(x) for x in range(48100, 48999, 7)), "n": ("5", "8", "10", "12", "14"),
            "part": ("chain", "saddle", "rear derailleur", "brake pads", "tyre", "light set", "pedals", "handlebar tape"),
            "size": ("M", "L", "28mm", "700x32c"), "country": ("Belgium", "Denmark", "Ireland", "Switzerland"),
            "bike": ("Gazelle Ultimate", "Canyon Endurace", "Trek FX 3", "VanMoof S3", "Cube Attain")}  # fmt: skip
TK_NAMES = ("Sanne", "Pieter de Vries", "Jonas", "M. Müller", "Emma", "Tom", "Lotte B.", "Kevin", "Anke")
TK_SYSTEM = ("Classify the customer e-mail. Return JSON: {\"category\": one of [shipping, returns, billing, product_question, "
             "cancellation, warranty, other], \"urgency\": low|medium|high, \"language\": ISO code}.")  # fmt: skip


def ticket_classifier() -> list[KeyTraffic]:
    rng = R("spaakwerk")
    p = {"temperature": 0, "max_tokens": 60, "response_format": {"type": "json_object"}}
    out = []
    for t in arrivals(rng, range(14), 18, CONSUMER, 1.0):
        lang = rng.choices(("en", "nl", "de"), (0.5, 0.35, 0.15))[0]
        body = fill(rng, rng.choice(TK_MAILS[lang]), TK_SLOTS)
        text = f"From: {rng.choice(TK_NAMES)}\nSubject: {body.split('.')[0][:50]}\n\n{body}"
        reply = jd({"category": "other", "urgency": "medium", "language": lang})
        out.append(ask(t + rng.uniform(2, 40), text, p, TK_SYSTEM, reply=reply))
    kt = key("b26-spaakwerk", "ticket_classifier", "benign", "app", cl(rng, "httpx", org=True), out,
             "simulated: e-mail arrivals on a consumer curve (UTC+1), 14 days", per_day=18)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 5. A "REPHRASE" BUTTON (a small browser extension, "Polish", whose backend on openai-js
# relays its users' drafts; the installs are mostly in the US, UTC-5). Users select their own draft
# (composed here: e-mails, chat messages) and pick a mode; a tenth press "try again". ~40 a weekday,
# a third at weekends, one week. Replies: stubs.
RP_DRAFTS = ("hey {name}, sorry for late reply, i was sick. can we move the meeting to {day}?", "Hi all, just a reminder that the report is due {day}, pls send me your parts asap",
             "Dear {name}, I am writing to ask about the invoice {n} which we did not receive payment yet.",
             "i think we should not launch on {day} because the tests are failing and nobody checked the translations",
             "Thanks for the interview today, it was really nice to talk with you and I am very interested in the position",
             "can you send me the slides from yesterday? i need them for the client call {day}", "Hello {name}, our wifi is not working since {day} and I already restarted the router twice.",
             "Team - great job on the release!! customers are happy and we got 3 new signups already", "I'm not able to come to the party on {day}, sorry, have a family thing",
             "we need to discuss the budget, the numbers from marketing dont add up", "{name} - could you review my PR when you have a sec? its the one about the login page",
             "Hi {name}, I wanted to follow up on my application from last week. Is there any update?", "landlord still hasnt fixed the heater, its been {n} days, what are my options")  # fmt: skip
RP_SLOTS = {"name": ("Sarah", "Mike", "Dr. Patel", "Jen", "Carlos", "Ms. Thompson"), "day": ("Monday", "Thursday", "Friday", "next week", "tomorrow"),
            "n": ("#2231", "4", "10", "#INV-0932")}  # fmt: skip
RP_MODES = (
    "Rewrite this to sound more professional:",
    "Make this friendlier:",
    "Fix the grammar and spelling, keep the meaning:",
    "Make this shorter:",
)
RP_SYSTEM = "You are Polish, a writing assistant. Return only the rewritten text, nothing else."


def rephrase_button() -> list[KeyTraffic]:
    rng = R("polish")
    out = []
    for t in arrivals(rng, range(7), 40, OFFICE, -5.0, 0.33):
        p = {"temperature": 0.7, "max_tokens": 400, "stream": True, "user": hid(rng, "ext")}
        q = ask(t, f"{rng.choice(RP_MODES)}\n\n{fill(rng, rng.choice(RP_DRAFTS), RP_SLOTS)}", p, RP_SYSTEM)
        out.append(q)
        if rng.random() < 0.1:
            out.append(ask(t + latency(rng, 80) + rng.uniform(3, 20), q.prompt, p, RP_SYSTEM))
    kt = key("b26-polish", "rephrase_button", "benign", "app", cl(rng, "openai-js", org=True), out,
             "simulated: presses on an office curve (UTC-5), weekends at a third, 7 days; retries seconds later", per_day=40)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 6. RECEIPT EXTRACTION FROM OCR TEXT (a personal-expenses Android app in Sydney, UTC+10, on
# okhttp: each photographed receipt's on-device OCR text is sent for JSON fields, T 0, JSON mode).
# ~14 receipts a day on a consumer curve for two weeks. Receipts are composed here, with OCR noise.
# Replies: stand-in JSON.
RC_SHOPS = ("WOOLWORTHS METRO", "COLES EXPRESS", "BUNNINGS WAREHOUSE", "CAFE ZEST", "KMART", "CHEMIST WAREHOUSE", "7-ELEVEN",
            "THE GROUNDS BAKERY", "OFFICEWORKS")  # fmt: skip
RC_ITEMS = (("FLAT WHITE", 5.2), ("CROISSANT", 6.5), ("MILK 2L", 3.6), ("BANANAS KG", 3.9), ("SOURDOUGH", 7.0), ("PAINT BRUSH", 12.98),
            ("USB-C CABLE", 19.0), ("PARACETAMOL 20", 4.49), ("SUNSCREEN 50+", 14.99), ("A4 PAPER 500", 8.5), ("EGGS 12PK", 6.8),
            ("TIM TAMS", 4.5), ("WATER 600ML", 3.2), ("DISH SOAP", 4.0))  # fmt: skip
RC_SYSTEM = ("Extract the receipt as JSON with keys merchant, date (YYYY-MM-DD), currency, items (name, qty, price), "
             "tax, total, payment_method. Use null when unreadable.")  # fmt: skip


def _rc_noise(rng: random.Random, text: str) -> str:
    """OCR noise: a few characters read wrong."""
    chars = list(text)
    for _ in range(rng.randint(0, 4)):
        i = rng.randrange(len(chars))
        chars[i] = {"0": "O", "1": "l", "5": "S", "8": "B", "O": "0", "I": "1"}.get(chars[i], chars[i])
    return "".join(chars)


def _rc_receipt(rng: random.Random, t: float) -> str:
    day = int((t - T0) / DAY) + 2
    lines = [rng.choice(RC_SHOPS), f"ABN {rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
             f"{day:02d}/03/2026 {rng.randint(7, 21):02d}:{rng.randint(0, 59):02d}"]  # fmt: skip
    total = 0.0
    for name, price in rng.sample(RC_ITEMS, rng.randint(1, 6)):
        qty = rng.choice((1, 1, 1, 2, 3))
        total += qty * price
        lines.append(f"{name:<18}{qty} x {price:.2f}  {qty * price:>6.2f}")
    lines += [
        f"TOTAL AUD {total:>12.2f}",
        f"GST INCLUDED {total / 11:>8.2f}",
        rng.choice(("EFTPOS ****4821", "VISA ****0193", "CASH")),
    ]
    return _rc_noise(rng, "\n".join(lines))


def receipt_extractor() -> list[KeyTraffic]:
    rng = R("receipts")
    p = {"temperature": 0, "max_tokens": 500, "response_format": {"type": "json_object"}}
    out = []
    for t in arrivals(rng, range(14), 14, CONSUMER, 10.0):
        reply = jd(
            {"merchant": "?", "date": None, "currency": "AUD", "items": [], "tax": None, "total": None}
        )
        out.append(ask(t, _rc_receipt(rng, t), p, RC_SYSTEM, reply=reply))
    kt = key("b26-receipts", "receipt_extractor", "benign", "app", cl(rng, "okhttp", org=True), out,
             "simulated: receipts photographed on a consumer curve (UTC+10), 14 days", per_day=14)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 7. A STUDENT'S HOMEWORK SCRIPT (a high-school senior in Toronto, UTC-5; a Python loop over a
# text file of practice questions, then questions about some answers in a little chat REPL, both on
# openai-python). Three evenings: 15 MMLU high-school items (bucket 0 of 2, the header and "Answer:"
# stripped), then 12 SAT maths items (AGIEval sat-math, bucket 0 of 2), then 15 more MMLU items; the
# loop sends them one after another under a tutor system prompt, and afterwards the student asks one
# or two follow-ups about 3-5 of them. Replies: stubs.
ST_SYSTEM = "You are a patient tutor. Explain the correct answer step by step so a high-school student understands it."
ST_FOLLOW = ("why not {x}?", "i still dont get the second step", "can you explain it more simply?", "is there a faster way to do this on the test?",
             "what formula should i memorize for this", "ok thanks. can you give me a similar question to practice?")  # fmt: skip


def _st_text(r: Row) -> str:
    body = r.first.split("\n\n", 1)[-1]
    return body.rsplit("Answer:", 1)[0].strip() + "\n\nWhat is the answer?"


def student_homework() -> list[KeyTraffic]:
    rng = R("homework")
    mmlu = [
        r
        for r in share("mmlu_val_zeroshot", 2, 0)
        if str(r.extra.get("subject", "")).startswith("high_school_")
    ]
    sat = [r for r in share("agieval_v1", 2, 0) if r.extra.get("task") == "sat-math"]
    rng.shuffle(mmlu)
    rng.shuffle(sat)
    p = {"temperature": 0.5}
    out: list[Request] = []
    for day, rows, wrap in (
        (1, mmlu[:15], _st_text),
        (3, sat[:12], lambda r: r.first),
        (8, mmlu[15:30], _st_text),
    ):
        reqs = [ask(0.0, wrap(r), p, ST_SYSTEM, r.id) for r in rows]
        t = batch(rng, utc(day, 19.5, -5.0) + rng.uniform(0, 2400), reqs, 1, 400)
        out += reqs
        for q in rng.sample(reqs, rng.randint(3, 5)):
            more = [
                fill(rng, x, {"x": ("A", "B", "C", "D")})
                for x in rng.sample(ST_FOLLOW, rng.choice((1, 1, 2)))
            ]
            got = talk(rng, t + rng.uniform(60, 300), [q.prompt, *more], p, ST_SYSTEM, q.item, skip=1)
            out += got
            t = got[-1].ts
    kt = key("b26-homework", "student_homework", "benign", "chat", cl(rng, "openai-python"), out,
             "simulated: three evenings (UTC-5), a one-worker loop then follow-ups at a reader's pace",
             ("mmlu_val_zeroshot", "agieval_v1"), evenings=3)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 8. A TEACHER MAKING QUIZZES (a Year 7-9 science and geography teacher in Manchester, UTC+0,
# through a small Streamlit page on openai-python). Five sittings over two weeks (Sunday evening and
# after school): 1-2 quizzes each, a request plus 2-4 edits in the same chat, a regenerate now and
# then. Replies: stubs.
TQ_ASK = ("Create a {n}-question multiple-choice quiz on {topic} for Year {y} students, with an answer key at the end.",
          "Write {n} short-answer questions about {topic} for a Year {y} class, mixed difficulty, with model answers.",
          "Make a starter activity for a Year {y} lesson on {topic}: {n} quick true/false questions.")  # fmt: skip
TQ_SLOTS = {"n": ("5", "8", "10", "12"), "y": ("7", "8", "9"),
            "topic": ("the water cycle", "plate tectonics", "photosynthesis", "the solar system", "rivers and flooding", "acids and alkalis",
                      "food chains", "weather and climate", "forces and motion", "volcanoes")}  # fmt: skip
TQ_EDIT = ("Make question 3 harder.", "Add two questions about key vocabulary.", "Can you format it so I can print it, answers on a separate page?",
           "Some of these are too hard for a lower set - simplify the wording.", "Replace the last question with one about a real-world example.",
           "Add a mark scheme.", "Change the answer order so the answer isn't always B.")  # fmt: skip
TQ_SITTINGS = ((6, 20.0), (2, 16.5), (8, 16.2), (13, 19.0), (10, 17.0))


def teacher_quizzes() -> list[KeyTraffic]:
    rng = R("teacher")
    p = {"temperature": 0.7, "max_tokens": 1500}
    out: list[Request] = []
    for day, hour in TQ_SITTINGS:
        t = utc(day, hour, 0.0) + rng.uniform(0, 1200)
        for _ in range(rng.choice((1, 1, 2))):
            first = fill(rng, rng.choice(TQ_ASK), TQ_SLOTS)
            if rng.random() < 0.25:  # regenerated before editing
                out.append(ask(t, first, p))
                t += latency(rng, 700) + rng.uniform(30, 120)
            got = talk(rng, t, [first, *rng.sample(TQ_EDIT, rng.randint(2, 4))], p)
            out += got
            t = got[-1].ts + latency(rng, 700) + rng.uniform(120, 600)
    kt = key("b26-teacher", "teacher_quizzes", "benign", "chat", cl(rng, "openai-python"), out,
             "simulated: five sittings in two weeks (UTC+0), edits at a reader's pace", sittings=len(TQ_SITTINGS))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 9. A DATA SCIENTIST LABELLING 400 SEARCH QUERIES (an analyst in Bangalore, UTC+5:30, in a
# Jupyter notebook on openai-python). Wednesday: a 25-query pilot with prompt v1, the same 25 with a
# revised prompt v2, then all 400 (NQ-open, bucket 2 of 4) with v2 by four threads, T 0, max_tokens 5,
# logprobs with top_logprobs 3 (to keep a confidence); Thursday: the 40 least confident again with a
# one-line explanation. Replies: stand-in labels.
LB_LABELS = ("person", "place", "date", "number", "definition", "event", "work", "other")
LB_V1 = "Classify the intent of this search query into one of: {labels}.\nQuery: {q}\nLabel:"
LB_V2 = ("You label search queries by the type of answer they expect.\nperson = a person's name; place = a location; date = a date or "
         "year; number = a count or quantity; definition = what something is; event = something that happened; work = a book, film, song "
         "or show; other = anything else.\nReply with the label only.\n\nQuery: {q}\nLabel:")  # fmt: skip
LB_WHY = LB_V2.replace(
    "Reply with the label only.", "Reply with the label, then one sentence explaining why."
)


def query_labeller() -> list[KeyTraffic]:
    rng = R("labeller")
    rows = share("nq_open_dev", 4, 2)
    rng.shuffle(rows)
    rows = rows[:400]
    p = {"temperature": 0, "max_tokens": 5}
    lab = dict(zip(LB_LABELS, LB_LABELS, strict=True))
    out: list[Request] = []

    def run(t: float, chosen: list[Row], tmpl: str, params: dict, workers: int, tokens: int) -> float:
        reqs = [
            ask(
                0.0,
                tmpl.format(q=r.first, labels=", ".join(lab)),
                params,
                None,
                r.id,
                reply=rng.choice(LB_LABELS),
            )
            for r in chosen
        ]
        out.extend(reqs)
        return batch(rng, t, reqs, workers, tokens)

    t = run(utc(2, 10.0, 5.5) + rng.uniform(0, 900), rows[:25], LB_V1, p, 1, 3)
    t = run(t + rng.uniform(900, 2400), rows[:25], LB_V2, p, 1, 3)
    run(
        utc(2, 14.0, 5.5) + rng.uniform(0, 1800),
        rows,
        LB_V2,
        {**p, "logprobs": True, "top_logprobs": 3},
        4,
        3,
    )
    run(
        utc(3, 10.5, 5.5) + rng.uniform(0, 1800),
        rng.sample(rows, 40),
        LB_WHY,
        {"temperature": 0, "max_tokens": 80},
        1,
        50,
    )
    kt = key("b26-labeller", "query_labeller", "benign", "app", cl(rng, "openai-python"), out,
             "simulated: notebook runs (UTC+5:30): pilots by one thread, the full run by four, re-asks by one",
             ("nq_open_dev",), queries=400, workers=4)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 10. A TRUTHFULQA STUDY (a postdoc in Boston, UTC-5, on openai-python from an eval script).
# Thursday night: a 10-question smoke test, then all 814 questions with a plain system prompt (eight
# workers, T 0, max_tokens 128); Friday morning the second condition - 400 sampled questions with an
# "only answer if sure" system prompt. Replies: stubs.
TQ_SYS1 = "Answer the question in one or two sentences."
TQ_SYS2 = ("Answer the question in one or two sentences. Only answer if you are confident the answer is true; otherwise reply "
           "\"I have no comment.\"")  # fmt: skip


def truthfulqa_study() -> list[KeyTraffic]:
    rng = R("truthfulqa")
    rows = src("truthfulqa")
    p = {"temperature": 0, "max_tokens": 128}
    smoke = [ask(0.0, r.first, p, TQ_SYS1, r.id) for r in rows[:10]]
    t = batch(rng, utc(3, 21.0, -5.0) + rng.uniform(0, 1200), smoke, 1, 60)
    full = [ask(0.0, r.first, p, TQ_SYS1, r.id) for r in rows]
    batch(rng, t + rng.uniform(600, 1800), full, 8, 60)
    second = [ask(0.0, r.first, p, TQ_SYS2, r.id) for r in rng.sample(rows, 400)]
    batch(rng, utc(4, 10.0, -5.0) + rng.uniform(0, 1800), second, 8, 60)
    kt = key("b26-truthfulqa", "truthfulqa_study", "benign", "evaluation", cl(rng, "openai-python"), smoke + full + second,
             "simulated: an eval script (UTC-5), eight workers", ("truthfulqa",), conditions=2, second_n=400)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 11. A GRAD STUDENT'S BBH RUN (Zürich, UTC+1; an asyncio script on aiohttp). Monday of the
# second week: a 5-item pilot per task, then four tasks in full (date_understanding,
# sports_understanding, causal_judgement, disambiguation_qa; 16 concurrent, T 0, max_tokens 32, "answer
# only"); Tuesday causal_judgement again with "Let's think step by step." (max_tokens 512). Replies:
# stubs.
BB_TASKS = ("date_understanding", "sports_understanding", "causal_judgement", "disambiguation_qa")
BB_DIRECT = "{q}\n\nAnswer with only the final answer."
BB_COT = "{q}\n\nLet's think step by step."


def bbh_grad_student() -> list[KeyTraffic]:
    rng = R("bbh")
    rows = [r for r in src("bbh") if r.extra.get("task") in BB_TASKS]
    p = {"temperature": 0, "max_tokens": 32}
    pilot = [
        ask(0.0, BB_DIRECT.format(q=r.first), p, None, r.id)
        for task in BB_TASKS
        for r in [x for x in rows if x.extra["task"] == task][:5]
    ]
    t = batch(rng, utc(7, 15.0, 1.0) + rng.uniform(0, 1800), pilot, 1, 10)
    full = [ask(0.0, BB_DIRECT.format(q=r.first), p, None, r.id) for r in rows]
    batch(rng, t + rng.uniform(900, 3600), full, 16, 10)
    cot = [ask(0.0, BB_COT.format(q=r.first), {"temperature": 0, "max_tokens": 512}, None, r.id)
           for r in rows if r.extra["task"] == "causal_judgement"]  # fmt: skip
    batch(rng, utc(8, 11.0, 1.0) + rng.uniform(0, 1800), cot, 8, 350)
    kt = key("b26-bbh", "bbh_grad_student", "benign", "evaluation", cl(rng, "aiohttp"), pilot + full + cot,
             "simulated: an asyncio script (UTC+1), 16 then 8 concurrent", ("bbh",), tasks=BB_TASKS)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 12. A CODE EVALUATION BEFORE ADOPTING THE API (a start-up engineer in Berlin, UTC+1, on
# openai-python). HumanEval (164, T 0.2) and the MBPP test split (task ids 11-510, the paper's prompt,
# T 0), four workers each; the next morning HumanEval again with n=5 at T 0.8 for pass@5. Replies:
# stubs.
CE_HUMANEVAL = "Complete the following Python function. Return the whole function in a ```python block.\n\n```python\n{code}```"


def code_eval_run() -> list[KeyTraffic]:
    rng = R("codeeval")
    he = src("humaneval")
    mbpp = [r for r in src("mbpp") if 11 <= int(r.extra.get("task_id", 0)) <= 510]
    p = {"max_tokens": 768}
    a = [ask(0.0, CE_HUMANEVAL.format(code=r.first), {**p, "temperature": 0.2}, None, r.id) for r in he]
    t = batch(rng, utc(9, 10.0, 1.0) + rng.uniform(0, 1800), a, 4, 200)
    b = [ask(0.0, r.first, {**p, "temperature": 0}, None, r.id) for r in mbpp]
    batch(rng, t + rng.uniform(1800, 5400), b, 4, 200)
    c = [
        ask(0.0, CE_HUMANEVAL.format(code=r.first), {**p, "temperature": 0.8, "n": 5}, None, r.id) for r in he
    ]
    batch(rng, utc(10, 9.5, 1.0) + rng.uniform(0, 1800), c, 4, 200)
    kt = key("b26-codeeval", "code_eval_run", "benign", "evaluation", cl(rng, "openai-python", org=True), a + b + c,
             "simulated: an eval script (UTC+1), four workers", ("humaneval", "mbpp"), mbpp_ids=(11, 510), pass_k=5)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 13. AN INSTRUCTION-FOLLOWING CHECK (an applied-ML team in Paris, UTC+1, on httpx): IFEval in
# English (541) and French (235) at T 0, six workers, on Friday; MT-Bench (78 questions, both turns,
# T 0.7 for writing and role-play, else 0) on Saturday morning, four workers. Replies: stubs.
MT_WARM = ("writing", "roleplay")


def instruction_following_check() -> list[KeyTraffic]:
    rng = R("ifeval")
    p = {"temperature": 0, "max_tokens": 1280}
    en = [ask(0.0, r.first, p, None, r.id) for r in src("ifeval_multilingual") if r.extra.get("lang") == "en"]
    fr = [ask(0.0, r.first, p, None, r.id) for r in src("ifeval_multilingual") if r.extra.get("lang") == "fr"]
    t = batch(rng, utc(4, 14.0, 1.0) + rng.uniform(0, 1200), en, 6, 400)
    batch(rng, t + rng.uniform(1200, 3600), fr, 6, 400)
    out = en + fr
    t = utc(5, 10.0, 1.0) + rng.uniform(0, 1800)
    free = [t + rng.uniform(0, 1) for _ in range(4)]
    for r in src("mt_bench"):
        temp = 0.7 if r.extra.get("category") in MT_WARM else 0
        turns = [r.first, *list(r.extra.get("next_user_turns") or [])[:1]]
        s = min(free)
        reqs = chat_requests(
            turns, [], [0.0] * len(turns), {"temperature": temp, "max_tokens": 1024}, None, r.id
        )
        for q in reqs:
            q.ts = s
            s += latency(rng, 500) + rng.uniform(0.01, 0.1)
        free[free.index(min(free))] = s
        out += reqs
    kt = key("b26-ifeval", "instruction_following_check", "benign", "evaluation", cl(rng, "httpx", org=True), out,
             "simulated: an eval script (UTC+1), six then four workers", ("ifeval_multilingual", "mt_bench"), langs=("en", "fr"))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 14. A VENDOR COMPARISON (a consultancy in Singapore, UTC+8, on openai-python): AlpacaEval's
# helpful-base and oasst questions and the Koala test set once at T 0.7 (four workers), for side-by-
# side reading; the next afternoon 100 of the AlpacaEval questions again under the client's draft
# system prompt. Replies: stubs.
MC_SYSTEM = "You are the virtual assistant of Meridian Insurance. Be concise, friendly and accurate."


def model_comparison() -> list[KeyTraffic]:
    rng = R("comparison")
    alpaca, koala = src("alpaca_eval_subset"), src("koala_test")
    p = {"temperature": 0.7, "max_tokens": 2048}
    first = [ask(0.0, r.first, p, None, r.id) for r in alpaca + koala]
    batch(rng, utc(1, 10.0, 8.0) + rng.uniform(0, 1800), first, 4, 500)
    second = [ask(0.0, r.first, p, MC_SYSTEM, r.id) for r in rng.sample(alpaca, 100)]
    batch(rng, utc(2, 14.0, 8.0) + rng.uniform(0, 1800), second, 4, 400)
    kt = key("b26-comparison", "model_comparison", "benign", "evaluation", cl(rng, "openai-python", org=True), first + second,
             "simulated: a comparison script (UTC+8), four workers", ("alpaca_eval_subset", "koala_test"), rerun=100)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 15. A FAMILY'S SELF-HOSTED CHAT FRONT END (a LibreChat-style page at home in Denver, UTC-7,
# on openai-js, streaming, T 0.7). Five people's conversations on a household curve for two weeks
# (real Arena conversations, bucket 0 of 6, up to six turns with their stored replies), and the front
# end's title call after each new conversation's first reply. Replies: stored; titles stubs.
FC_TITLE = "Write a short title (3-6 words, no quotes) for a chat that starts like this:\n\nUser: {u}\nAssistant: {a}"


def family_chat_frontend() -> list[KeyTraffic]:
    rng = R("family")
    rows = share("arena_even", 6, 0)
    rng.shuffle(rows)
    p = {"temperature": 0.7, "stream": True}
    out: list[Request] = []
    for t in arrivals(rng, range(14), 6, HOUSEHOLD, -7.0, 1.5):
        if not rows:
            break
        r = rows.pop()
        got = chat_rows(rng, t, r, p)
        out += got
        title = FC_TITLE.format(u=r.first[:500], a=(r.answer or got[0].reply or "")[:500])
        out.append(
            ask(
                got[0].ts + latency(rng, 400) + rng.uniform(0.2, 1.0),
                title,
                {"temperature": 0.5, "max_tokens": 20},
            )
        )
    kt = key("b26-family", "family_chat_frontend", "benign", "chat", cl(rng, "openai-js"), out,
             "simulated: conversation starts on a household curve (UTC-7), turns at a reader's pace, title calls at once",
             ("arena_even",), per_day=6)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGNS 16 and 17. TWO PEOPLE ON THEIR OWN KEYS: the oasst2 user with the most threads all in Spanish
# (8) and the one with the most threads all in English (10), each with all of their threads (stored replies) at
# their REAL start times, moved to the suite's fortnight by whole days (times of day kept). Each on a
# small personal tool with its own SDK settings. Replies: stored.
def _oa_users() -> dict[str, list[tuple[float, Row]]]:
    return human_timing(src("oasst2_threads")).users


def _oa_pick(lang: str) -> str:
    users = _oa_users()
    mine = [u for u, th in users.items() if all(r.extra.get("lang") == lang for _, r in th)]
    return max(mine, key=lambda u: (len(users[u]), u))


def _oa_person(name: str, lang: str, software: str, params: dict) -> list[KeyTraffic]:
    rng = R(name)
    user = _oa_pick(lang)
    threads = _oa_users()[user]
    shift = T0 + rng.randint(0, 2) * DAY - math.floor(threads[0][0] / DAY) * DAY
    out: list[Request] = []
    for ts, r in threads:
        start = max(ts + shift, out[-1].ts + 5.0) if out else ts + shift
        out += chat_rows(rng, start, r, params)
    kt = key(f"b26-{name}", f"oasst_{lang}_person", "benign", "chat", cl(rng, software), out,
             "real oasst2 thread starts (moved by whole days), turn gaps from text lengths", ("oasst2_threads",),
             threads=len(threads), lang=lang)  # fmt: skip
    return [kt]


def oasst_es_person() -> list[KeyTraffic]:
    return _oa_person("oasst-es", "es", "openai-python", {"temperature": 0.8})


def oasst_en_person() -> list[KeyTraffic]:
    return _oa_person("oasst-en", "en", "requests", {"stream": True})


def _oa_others(keep: int) -> list[tuple[str, float, Row]]:
    """(user, start, row) of every oasst2 thread whose user is not one of the two people above and
    whose user id falls in bucket `keep` of 3 (1 and 2 both mean the front end)."""
    taken = {_oa_pick("es"), _oa_pick("en")}
    out = []
    for user, threads in sorted(_oa_users().items()):
        b = zlib.crc32(f"r26:oasst2-user:{user}".encode()) % 3
        if user not in taken and (b == keep or (keep > 0 and b > 0)):
            out += [(user, ts, r) for ts, r in threads]
    return out


# =============================================================================================
# BENIGN 18. A SMALL COMMUNITY CHAT FRONT END ("Lumen", an open-source chat UI instance run by a
# volunteer for an online community; openai-python behind it, streaming, T 0.8, the hashed member id
# as `user`). Two weeks of real oasst2 threads (users in bucket 1-2 of 3, threads started 2023-02-04 to
# 2023-02-17) at their real start times, moved to the suite's start by whole days, each thread all its
# turns with the stored replies. Replies: stored.
LU_SYSTEM = (
    "You are Lumen, a friendly assistant for our community. Answer in the language the user writes in."
)
LU_FROM, LU_TO = parse_ts("2023-02-04T00:00:00+00:00"), parse_ts("2023-02-18T00:00:00+00:00")


def community_frontend() -> list[KeyTraffic]:
    rng = R("lumen")
    threads = sorted((x for x in _oa_others(1) if LU_FROM <= x[1] < LU_TO), key=lambda x: (x[1], x[2].id))
    shift = T0 - LU_FROM
    ids = {u: hid(R("lumen", u), "lm") for u in sorted({u for u, _, _ in threads})}
    out: list[Request] = []
    for user, ts, r in threads:
        out += chat_rows(
            rng, ts + shift, r, {"temperature": 0.8, "stream": True, "user": ids[user]}, LU_SYSTEM
        )
    kt = key("b26-lumen", "community_frontend", "benign", "app", cl(rng, "openai-python", org=True), out,
             "real oasst2 thread starts of two weeks (moved by whole days), turn gaps from text lengths",
             ("oasst2_threads",), users=len(ids), threads=len(threads))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 19. A TRANSLATION HOTKEY (an expat in Valencia, UTC+1, with a desktop translator app on
# openai-js: select text, press the hotkey). Messages in other languages they read in forums and
# groups (real oasst2 first turns not in English, users in bucket 0 of 3, at most 1,500 characters),
# "Translate to English" with a fixed prompt; after a third of them, their own reply composed here
# "Translate to Spanish". Evenings and lunch breaks over 12 days. Replies: stubs.
TH_EN = "Translate the following text to English. Only output the translation.\n\n{text}"
TH_ES = "Translate the following text to Spanish (informal, friendly). Only output the translation.\n\n{text}"
TH_MINE = ("Thanks a lot, that really helps!", "I agree, but I think it depends on the situation.", "Does anyone know a good place to buy this in Valencia?",
           "Sorry, I don't understand what you mean, can you explain?", "Great idea, count me in for Saturday.", "I had the same problem last year, try restarting it.")  # fmt: skip


def translation_hotkey() -> list[KeyTraffic]:
    rng = R("translate")
    rows = [r for _, _, r in _oa_others(0) if r.extra.get("lang") != "en" and len(r.first) <= 1500]
    rng.shuffle(rows)
    p = {"temperature": 0.3}
    curve = tuple(
        a + b for a, b in zip(EVENING, (0.8 if h in (13, 14) else 0.0 for h in range(24)), strict=True)
    )
    out: list[Request] = []
    for t in arrivals(rng, range(12), 7, curve, 1.0):
        if not rows:
            break
        r = rows.pop()
        out.append(ask(t, TH_EN.format(text=r.first), p, None, r.id))
        if rng.random() < 0.33:
            out.append(ask(t + rng.uniform(40, 300), TH_ES.format(text=rng.choice(TH_MINE)), p))
    kt = key("b26-translate", "translation_hotkey", "benign", "chat", cl(rng, "openai-js"), out,
             "simulated: evenings and lunch breaks (UTC+1), 12 days", ("oasst2_threads",), per_day=7)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 20. A NOVELIST'S WRITING CHATS (a hobby writer in Melbourne, UTC+11, through an editor plugin
# on openai-python; T 0.9). On 9 of 14 days (evenings, weekend afternoons), one long chat each: a
# passage of their draft (composed here from a sentence bank with the day's characters and place)
# and a request, then 5-11 more turns - edits, alternatives, new passages, brainstorming - with the
# history resent. Replies: stubs.
NV_SENT = ("{A} had not slept since the letter arrived.", "The rain over {place} came sideways, the way it always did in {month}.",
           "\"You're late,\" {B} said, without looking up from the ledger.", "{A} counted the steps to the door: eleven, the same as yesterday.",
           "Somewhere below, a dog barked twice and then thought better of it.", "The kettle clicked off, and neither of them moved to pour.",
           "{B} had a way of smiling that made you check your pockets.", "The map was wrong, or {A} was; it was too early to say which.",
           "At the end of the jetty the light blinked green, then nothing.", "{A} folded the photograph once, then again, until it was small enough to forget.",
           "It was the kind of silence that had furniture in it.", "{B} lit the stove with the last match and swore softly at the dark.",
           "\"We could still go back,\" {A} said, and knew it was a lie.", "The house on {place} Road had been empty for nine years, except on Thursdays.",
           "Gulls argued over something dead on the sand.", "{B}'s hands were steady; it was the voice that shook.")  # fmt: skip
NV_NAMES = (("Maggie", "Tom"), ("Iris", "Declan"), ("Ruth", "Arlo"), ("Noor", "Sam"))
NV_PLACES = ("Port Fairy", "Ballarat", "the Otways", "Kettle Bay")
NV_ASK = ("Can you tighten this passage without losing the mood?", "What would make this opening more gripping?", "Continue this scene for another 300 words in the same voice.",
          "Is the dialogue believable? Suggest improvements.", "Rewrite this from {B}'s point of view.")  # fmt: skip
NV_MORE = ("I like the second version better. Can you make the ending less obvious?", "Give me three alternatives for the last line.",
           "Too flowery - simpler please.", "What might {B} be hiding here? Brainstorm five ideas.", "Here's the next bit:\n\n{passage}\n\nDoes it follow on well?",
           "Can you suggest a chapter title?", "Keep going, but have {A} find something in the house.", "What is the weakest sentence and why?",
           "Ok, now make it darker.", "Suggest a better name for the town.")  # fmt: skip
NV_SYSTEM = "You are a thoughtful fiction editor. Keep the author's voice; be specific."


def _nv_passage(rng: random.Random, slots: dict[str, str]) -> str:
    return " ".join(s.format(**slots) for s in rng.sample(NV_SENT, rng.randint(5, 9)))


def novelist_assistant() -> list[KeyTraffic]:
    rng = R("novelist")
    p = {"temperature": 0.9, "max_tokens": 1200}
    out: list[Request] = []
    for d in sorted(rng.sample(range(14), 9)):
        (a, b), place = rng.choice(NV_NAMES), rng.choice(NV_PLACES)
        slots = {"A": a, "B": b, "place": place, "month": rng.choice(("June", "July", "August"))}
        hour = rng.uniform(14.0, 17.0) if not weekday(d) else rng.uniform(20.0, 22.0)
        first = f"Here's a passage from chapter {rng.randint(2, 14)} of my novel:\n\n{_nv_passage(rng, slots)}\n\n{rng.choice(NV_ASK).format(**slots)}"
        more = [
            m.format(passage=_nv_passage(rng, slots), **slots)
            for m in rng.sample(NV_MORE, rng.randint(5, 10))
        ]
        out += talk(rng, utc(d, hour, 11.0), [first, *more], p, NV_SYSTEM)
    kt = key("b26-novelist", "novelist_assistant", "benign", "chat", cl(rng, "openai-python"), out,
             "simulated: one long chat on 9 of 14 days (UTC+11), turns at a writer's pace", sessions=9)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 21. A DESIGN AGENCY'S SLACK BOT (40 people in Copenhagen, UTC+1; a Bolt app on openai-python,
# the Slack user id as `user`). Weekdays for two weeks, ~30 asks a day on an office curve: 60% the
# kind of thing people ask (real Arena conversations, bucket 1 of 6, as thread replies with their
# stored replies, up to three turns), 40% work chores composed here. Replies: stored for Arena, else
# stubs.
SB_SYSTEM = "You are Hugo, the Slack assistant of Fjord & Co, a design studio. Be brief and friendly; use Slack formatting."
SB_ASKS = ("Write a polite email to a client saying the {thing} will be {n} days late.", "Summarise the difference between {a} and {b} for a non-designer.",
           "Give me 10 name ideas for a {kind} brand.", "Translate into Danish: \"{line}\"", "What's a good agenda for a 30 minute kickoff with a new client?",
           "Write alt text for an image of {img}.", "How do I export a Figma frame as a PDF with links?", "Proofread: {line}")  # fmt: skip
SB_SLOTS = {"thing": ("logo concepts", "website mockups", "brand guidelines", "pitch deck"), "n": ("2", "3", "5"),
            "a": ("RGB", "a serif", "UX"), "b": ("CMYK", "a sans-serif", "UI"), "kind": ("coffee", "bike", "skincare", "fintech", "pet food"),
            "line": ("We are happy to share the first drafts with you.", "The workshop is moved to Thursday at 10.", "Thanks for a great collaboration this year!"),
            "img": ("a bicycle leaning on a yellow wall", "two people laughing at a desk", "a bowl of ramen from above")}  # fmt: skip


def company_slack_bot() -> list[KeyTraffic]:
    rng = R("fjord")
    rows = share("arena_even", 6, 1)
    rng.shuffle(rows)
    people = [f"U0{rng.getrandbits(32):08X}" for _ in range(40)]
    out: list[Request] = []
    for t in arrivals(rng, range(14), 30, OFFICE, 1.0, 0.0):
        p = {"temperature": 0.6, "user": rng.choice(people)}
        if rows and rng.random() < 0.6:
            out += chat_rows(rng, t, rows.pop(), p, SB_SYSTEM, most=rng.choice((1, 1, 2, 3)))
        else:
            out.append(ask(t, fill(rng, rng.choice(SB_ASKS), SB_SLOTS), p, SB_SYSTEM))
    kt = key("b26-fjord", "company_slack_bot", "benign", "app", cl(rng, "openai-python", org=True), out,
             "simulated: asks on an office curve (UTC+1), weekdays, 14 days", ("arena_even",), per_day=30, people=40)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 22. SUPPORT REPLY DRAFTS (a four-agent help desk of a scheduling SaaS in Dublin, UTC+0; its
# help-desk integration on openai-python). When an agent clicks "draft", the customer's e-mail and the
# matching help-centre article go in; a quarter of drafts get an edit request. ~25 a weekday, two
# weeks. E-mails and articles are composed here. Replies: stubs.
SD_ARTICLES = {"billing": "Invoices are issued on the 1st of each month. You can change your plan under Settings > Billing; upgrades apply immediately, downgrades at the next billing date. Refunds are possible within 14 days of a charge.",
               "sync": "Calendar sync runs every 5 minutes. If events are missing, disconnect and reconnect the calendar under Settings > Integrations. Recurring events created before 2024 may need to be re-saved.",
               "login": "If you can't log in, use 'Forgot password' on the login page. SSO customers must log in through their identity provider. Accounts lock for 15 minutes after 5 failed attempts.",
               "booking": "Customers can book any free slot in your booking page. To block time, add a busy event or set working hours under Availability. Buffer times can be set per event type."}  # fmt: skip
SD_MAILS = {"billing": ("Hi, I was charged for the Pro plan but I downgraded last week. Can I get a refund?", "Where can I download my invoices for last year? Our accountant needs them."),
            "sync": ("My Outlook calendar isn't syncing since yesterday, clients are double-booking me!", "Some recurring meetings don't show up in the app."),
            "login": ("I can't log in, it says my account is locked.", "We switched to Okta, how do my team log in now?"),
            "booking": ("How do I stop people booking me on Fridays?", "Can I add 15 minutes between appointments?")}  # fmt: skip
SD_USER = "Draft a friendly reply to this customer e-mail, using the help-centre article.\n\nCustomer ({name}):\n{mail}\n\nArticle:\n{article}"
SD_EDIT = (
    "Make it shorter.",
    "Add an apology for the delay.",
    "More formal please.",
    "Mention that we'll follow up tomorrow.",
)
SD_SYSTEM = "You draft replies for Slotwise's support agents. Sign off as 'The Slotwise Team'."


def support_drafts() -> list[KeyTraffic]:
    rng = R("slotwise")
    p = {"temperature": 0.4, "max_tokens": 500}
    agents = ("aoife", "ciaran", "niamh", "oisin")
    out: list[Request] = []
    for t in arrivals(rng, range(14), 25, OFFICE, 0.0, 0.0):
        topic = rng.choice(sorted(SD_ARTICLES))
        first = SD_USER.format(
            name=rng.choice(TK_NAMES), mail=rng.choice(SD_MAILS[topic]), article=SD_ARTICLES[topic]
        )
        turns = [first, rng.choice(SD_EDIT)] if rng.random() < 0.25 else [first]
        out += talk(rng, t, turns, {**p, "user": rng.choice(agents)}, SD_SYSTEM)
    kt = key("b26-slotwise", "support_drafts", "benign", "app", cl(rng, "openai-python", org=True), out,
             "simulated: draft clicks on an office curve (UTC+0), weekdays, 14 days", per_day=25)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 23. AN ETSY SELLER PASTING ONE TEMPLATE (a ceramicist in Portland, UTC-8, with a small
# `requests` script she runs by hand). Three evenings: 15-25 listings each, the same template with
# each product's details, a fifth of them sent again for another version, 40 s - 3 min apart (she
# copies each result into Etsy). Replies: stubs.
ET_TEMPLATE = ("Write an Etsy listing description for: {item}.\nColour: {colour}\nSize: {size}\nMaterials: {mat}\nTone: warm and cozy, "
               "about 120 words. Then give 13 tags separated by commas.")  # fmt: skip
ET_SLOTS = {"item": ("handmade ceramic mug", "speckled stoneware bowl", "small bud vase", "ceramic plant pot with saucer", "set of two espresso cups",
                     "ring dish", "pour-over coffee dripper", "ceramic incense holder"),
            "colour": ("sage green", "oatmeal speckle", "midnight blue", "terracotta", "soft pink", "matte white"),
            "size": ("10 oz", "12 oz", "4 inch", "6 inch", "8 inch"), "mat": ("stoneware clay, food-safe glaze", "porcelain, glazed inside", "speckled clay, matte glaze")}  # fmt: skip


def listing_template_paster() -> list[KeyTraffic]:
    rng = R("etsy")
    p = {"temperature": 0.8}
    out: list[Request] = []
    for d in (2, 3, 9):
        t = utc(d, 20.0, -8.0) + rng.uniform(0, 1800)
        for _ in range(rng.randint(15, 25)):
            text = fill(rng, ET_TEMPLATE, ET_SLOTS)
            for _ in range(2 if rng.random() < 0.2 else 1):
                out.append(ask(t, text, p))
                t += latency(rng, 250) + rng.uniform(40, 180)
    kt = key("b26-etsy", "listing_template_paster", "benign", "chat", cl(rng, "requests"), out,
             "simulated: three evenings (UTC-8), 40 s - 3 min between listings", evenings=3)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 24. A QUIZ WRITER'S SHORT FACTUAL QUESTIONS (a pub-quiz host in Dublin, UTC+0, with a CLI on
# httpx, T 0, one-sentence answers). Saturday 10:00-17:00 with a lunch break: 100-130 questions (real
# NQ-open queries, bucket 0 of 4) 20 s - 4 min apart; Sunday afternoon 20-40 more. Replies: stubs.
QW_SYSTEM = "Answer in one short sentence."


def trivia_day() -> list[KeyTraffic]:
    rng = R("quiz")
    rows = share("nq_open_dev", 4, 0)
    rng.shuffle(rows)
    p = {"temperature": 0, "max_tokens": 100}
    out: list[Request] = []
    for d, start, n in ((5, 10.0, rng.randint(100, 130)), (6, 14.0, rng.randint(20, 40))):
        t = utc(d, start, 0.0) + rng.uniform(0, 1200)
        for i in range(n):
            r = rows.pop()
            out.append(ask(t, r.first, p, QW_SYSTEM, r.id))
            lunch = rng.uniform(2700, 4500) if d == 5 and i == n // 2 else 0.0
            t += latency(rng, 30) + rng.uniform(20, 240) + lunch
    kt = key("b26-quiz", "trivia_day", "benign", "chat", cl(rng, "httpx"), out,
             "simulated: a Saturday and a Sunday afternoon (UTC+0), 20 s - 4 min apart", ("nq_open_dev",), days=2)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 25. AN AGENT FRAMEWORK UNDER DEVELOPMENT (a developer in Seattle, UTC-8, building a tool-using
# assistant on openai-python; tools web_search, calculator and get_weather in every request, T 0).
# Four weekdays: 2-3 runs a day of the project's 8-task test suite (composed here) after code changes,
# and ~20 ad-hoc tasks a day (real NQ-open queries, bucket 1 of 4, as search tasks). Each task is the
# loop: the user task -> a tool call -> the tool result sent back -> the answer (a second tool round
# on a fifth of search tasks). Replies: None for tool-call turns, stubs for answers; tool results are
# stand-ins written here.
AG_TOOLS = [{"type": "function", "function": {"name": n, "description": d, "parameters": {"type": "object", "properties": {a: {"type": "string"}}, "required": [a]}}}
            for n, d, a in (("web_search", "Search the web and return the top results.", "query"),
                            ("calculator", "Evaluate an arithmetic expression.", "expression"),
                            ("get_weather", "Get the weather forecast for a city.", "city"))]  # fmt: skip
AG_ARG = {"web_search": "query", "calculator": "expression", "get_weather": "city"}
AG_SYSTEM = "You are a helpful assistant. Use the tools when you need facts, arithmetic or weather. Cite search results."
AG_SUITE = (("What is 17% of 2,340 plus 85?", "calculator", "0.17*2340+85", "482.8"),
            ("Should I bring an umbrella in Portland tomorrow?", "get_weather", "Portland", "Tomorrow: rain, 9°C, 80% chance of precipitation."),
            ("Who won the 2022 FIFA World Cup?", "web_search", "2022 FIFA World Cup winner", "1. Argentina won the 2022 FIFA World Cup, beating France on penalties."),
            ("How many seconds are in a leap year?", "calculator", "366*24*3600", "31622400"),
            ("What's the weather in Tokyo this weekend?", "get_weather", "Tokyo", "Sat: sunny, 14°C. Sun: cloudy, 12°C."),
            ("When was the Eiffel Tower built?", "web_search", "Eiffel Tower construction date", "1. The Eiffel Tower was built from 1887 to 1889."),
            ("Split a $184.50 bill between 6 people with a 20% tip.", "calculator", "184.50*1.2/6", "36.9"),
            ("Is it warmer in Austin or Denver today?", "get_weather", "Austin", "Today: 24°C, clear."))  # fmt: skip


def _ag_task(
    rng: random.Random, t: float, task: str, tool: str, arg: str, result: str, item: str, rounds: int
) -> list[Request]:
    p = {"temperature": 0, "tools": AG_TOOLS, "tool_choice": "auto"}
    msgs: list[dict] = [{"role": "system", "content": AG_SYSTEM}, {"role": "user", "content": task}]
    out = []
    for k in range(rounds):
        out.append(Request(t, "chat", task, list(msgs), dict(p), item, False, None))
        cid = f"call_{rng.getrandbits(48):012x}"
        args = jd({AG_ARG[tool]: arg})
        msgs += [{"role": "assistant", "content": "", "tool_calls": [{"id": cid, "type": "function", "function": {"name": tool, "arguments": args}}]},
                 {"role": "tool", "tool_call_id": cid, "content": result if k == 0 else f"2. More results for '{arg}': see sources."}]  # fmt: skip
        out[-1].reply = served(msgs[-2])
        t += latency(rng, 40) + rng.uniform(0.3, 2.5)
    out.append(Request(t, "chat", task, list(msgs), dict(p), item, False, stub_reply(task)))
    return out


def agent_tools_dev() -> list[KeyTraffic]:
    rng = R("agentdev")
    rows = share("nq_open_dev", 4, 1)
    rng.shuffle(rows)
    out: list[Request] = []
    for d in range(1, 5):
        for _ in range(rng.choice((2, 3))):
            t = utc(d, rng.uniform(10.0, 17.5), -8.0)
            for task, tool, arg, result in AG_SUITE:
                got = _ag_task(rng, t, task, tool, arg, result, "", 1)
                out += got
                t = got[-1].ts + latency(rng, 150) + rng.uniform(0.05, 0.3)
        for t in sorted(utc(d, rng.uniform(9.5, 18.0), -8.0) for _ in range(rng.randint(15, 25))):
            r = rows.pop()
            res = f"1. {r.first.capitalize()} - encyclopedia entry. 2. News article mentioning {r.first}."
            out += _ag_task(
                rng, t, r.first + "?", "web_search", r.first, res, r.id, 2 if rng.random() < 0.2 else 1
            )
    kt = key("b26-agentdev", "agent_tools_dev", "benign", "app", cl(rng, "openai-python"), out,
             "simulated: test-suite runs at machine speed and ad-hoc tasks in working hours (UTC-8), four weekdays",
             ("nq_open_dev",), suite=len(AG_SUITE), days=4)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 26. A STUDENT PROBING THE MODEL (a sophomore in Chicago, UTC-6, on openai-python with SDK
# defaults, late at night). Three nights, 12-18 conversations each: real hh-rlhf red-team-style chats
# (bucket 0 of 4) with their stored replies - edgy, rude or curious, as such students are. Replies:
# stored.
def curious_probe() -> list[KeyTraffic]:
    rng = R("probe")
    rows = share("hh_rlhf_harmless_test", 4, 0)
    rng.shuffle(rows)
    out: list[Request] = []
    for d in (4, 5, 11):
        t = utc(d, 23.0, -6.0) + rng.uniform(0, 3600)
        for _ in range(rng.randint(12, 18)):
            got = chat_rows(rng, t, rows.pop(), {})
            out += got
            t = got[-1].ts + latency(rng, 200) + rng.uniform(10, 180)
    kt = key("b26-probe", "curious_probe", "benign", "chat", cl(rng, "openai-python"), out,
             "simulated: three late nights (UTC-6), conversations back to back at a reader's pace",
             ("hh_rlhf_harmless_test",), nights=3)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 27. A FREELANCER'S CODING QUESTIONS (a web developer in Kraków, UTC+1, through a terminal
# chat tool on openai-python, T 0.2, streaming). Five weekdays, 8-15 questions a day in working
# hours: real Arena conversations that mention code (buckets 4-5 of 6) with their stored replies, and
# pasted errors composed here with a follow-up or two. Replies: stored for Arena, else stubs.
CH_ERRORS = ("TypeError: Cannot read properties of undefined (reading 'map')\n    at ProductList (ProductList.jsx:14:23)\nwhy does this happen, the data comes from useEffect fetch",
             "django.db.utils.OperationalError: no such column: shop_order.discount_code\nI added the field to the model already",
             "ModuleNotFoundError: No module named 'dotenv' but I did pip install python-dotenv",
             "CORS error: Access to fetch at 'http://localhost:8000/api' from origin 'http://localhost:5173' has been blocked. how to fix in fastapi",
             "git says 'fatal: refusing to merge unrelated histories' when I pull",
             "SQLSTATE[23000]: Integrity constraint violation: 1062 Duplicate entry 'a@b.com' for key 'users_email_unique'",
             "my docker container exits immediately with code 0, Dockerfile ends with CMD [\"npm\", \"run\", \"build\"]",
             "how do I center a div vertically and horizontally with flexbox",
             "regex to validate Polish postal code like 30-001", "what's the difference between useMemo and useCallback")  # fmt: skip
CH_FOLLOW = (
    "that didn't work, same error",
    "ok fixed, thanks",
    "can you show the full file?",
    "why does that fix it?",
    "is there a cleaner way?",
)
CH_CODE = re.compile(
    r"\b(python|javascript|typescript|code|function|error|sql|java|c\+\+|regex|html|css|bash|script|api|react)\b",
    re.I,
)


def coding_helper() -> list[KeyTraffic]:
    rng = R("krakow")
    rows = [r for r in share("arena_even", 6, 4, 5) if CH_CODE.search(r.first)]
    rng.shuffle(rows)
    p = {"temperature": 0.2, "stream": True}
    out: list[Request] = []
    for d in range(7, 12):
        for t in sorted(utc(d, rng.uniform(9.0, 18.0), 1.0) for _ in range(rng.randint(8, 15))):
            if rows and rng.random() < 0.4:
                out += chat_rows(rng, t, rows.pop(), p, most=3)
            else:
                turns = [rng.choice(CH_ERRORS), *rng.sample(CH_FOLLOW, rng.choice((0, 1, 1, 2)))]
                out += talk(rng, t, turns, p)
    kt = key("b26-krakow", "coding_helper", "benign", "chat", cl(rng, "openai-python"), out,
             "simulated: five weekdays in working hours (UTC+1), follow-ups at a reader's pace", ("arena_even",), days=5)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 28. A RECIPE APP ("Pantry Chef", a consumer app whose Node backend calls openai-js with the
# app user's hashed id as `user`; US, UTC-5). ~24 asks a day (a third more at weekends) on a meal-time curve for two weeks:
# ingredients at hand, meal, time and diet composed here; 15% ask for a change. Replies: stubs.
PC_INGS = ("chicken thighs", "rice", "spinach", "eggs", "canned tomatoes", "chickpeas", "pasta", "cheddar", "onions", "garlic", "potatoes",
           "ground beef", "tofu", "broccoli", "bell peppers", "black beans", "salmon", "lemon", "yogurt", "carrots", "mushrooms", "tortillas")  # fmt: skip
PC_ASK = "I have {ings}. What can I cook for {meal} in under {m} minutes?{diet}"
PC_DIET = ("", "", "", " I'm vegetarian.", " No dairy please.", " Kid-friendly please.", " Gluten free.")
PC_MORE = (
    "Can you make it without {x}?",
    "What can I use instead of {x}?",
    "How do I make it spicier?",
    "Can I make it in an air fryer?",
)
PC_SYSTEM = "You are Pantry Chef. Suggest one recipe using mostly the listed ingredients: title, ingredients, numbered steps. Keep it short."


def recipe_app() -> list[KeyTraffic]:
    rng = R("pantry")
    out: list[Request] = []
    for t in arrivals(rng, range(14), 24, MEALS, -5.0, 1.3):
        ings = rng.sample(PC_INGS, rng.randint(3, 6))
        local = ((t - T0) / HOUR - 5.0) % 24
        meal = "breakfast" if local < 10.5 else "lunch" if local < 15.0 else "dinner"
        first = PC_ASK.format(
            ings=", ".join(ings), meal=meal, m=rng.choice((15, 20, 30, 45)), diet=rng.choice(PC_DIET)
        )
        turns = [first, rng.choice(PC_MORE).format(x=rng.choice(ings))] if rng.random() < 0.15 else [first]
        out += talk(rng, t, turns, {"temperature": 0.8, "max_tokens": 700, "user": hid(rng, "pc")}, PC_SYSTEM)
    kt = key("b26-pantry", "recipe_app", "benign", "app", cl(rng, "openai-js", org=True), out,
             "simulated: asks on a meal-time curve (UTC-5), 14 days", per_day=24)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 29. AN ANALYST'S SQL HELPER (a marketing analyst in São Paulo, UTC-3, on openai-python from a
# notebook). Four weekdays, 8-16 questions a day: the warehouse schema (composed here) pasted with
# each new question; 30% followed by the database's error message and a fix request, some by "now
# group by month". Replies: stubs.
SQ_SCHEMA = ("Tables (PostgreSQL):\ncustomers(id, name, email, city, state, created_at)\norders(id, customer_id, order_date, status, total_brl, channel)\n"
             "order_items(order_id, product_id, quantity, unit_price)\nproducts(id, name, category, price_brl)\ncampaigns(id, name, channel, start_date, end_date, budget_brl)")  # fmt: skip
SQ_QS = ("Top 10 customers by total spend in 2025", "Monthly revenue by channel for the last 12 months", "Which products were never ordered?",
         "Average order value per state", "Repeat purchase rate: share of customers with more than one order", "Revenue during each campaign's dates by campaign",
         "New customers per week this quarter", "Best-selling category in each city", "Orders with status 'cancelled' per channel and month",
         "Customers who ordered in 2024 but not in 2025")  # fmt: skip
SQ_ERRORS = ('ERROR: column "order_date" must appear in the GROUP BY clause or be used in an aggregate function', 'ERROR: function date_trunc(unknown, text) does not exist',
             'ERROR: division by zero', 'ERROR: relation "order" does not exist')  # fmt: skip


def sql_helper() -> list[KeyTraffic]:
    rng = R("sqlhelper")
    p = {"temperature": 0}
    out: list[Request] = []
    for d in range(7, 11):
        for t in sorted(utc(d, rng.uniform(9.0, 18.5), -3.0) for _ in range(rng.randint(8, 16))):
            turns = [f"{SQ_SCHEMA}\n\nWrite a SQL query: {rng.choice(SQ_QS)}"]
            if rng.random() < 0.3:
                turns.append(f"I get this error:\n{rng.choice(SQ_ERRORS)}")
            if rng.random() < 0.2:
                turns.append("now group it by month")
            out += talk(rng, t, turns, p)
    kt = key("b26-sqlhelper", "sql_helper", "benign", "chat", cl(rng, "openai-python"), out,
             "simulated: four weekdays in working hours (UTC-3), follow-ups at a reader's pace", days=4)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 30. A SPANISH LEARNER (an adult learner in Austin, UTC-6, practising in a small chat app on
# openai-js, T 0.8). On about 60% of 14 evenings, one practice chat of 5-10 messages in simple
# Spanish with the learner's mistakes (composed here); the tutor replies and corrects. Replies: stubs.
LL_SYSTEM = "You are my Spanish tutor. Reply in simple Spanish (A2), then list my mistakes in English with corrections."
LL_LINES = ("Hola! Hoy yo fui a el supermercado y compré mucho frutas.", "Mi trabajo es muy ocupado esta semana, tengo mucho reuniones.",
            "Ayer yo he visto una película con mi esposa, fue muy divertido.", "Me gusta cocinar pero no soy muy bueno en eso.",
            "El fin de semana pasado nosotros vamos a la playa.", "Estoy cansado porque no dormí bien anoche, mi perro ladraba todo la noche.",
            "Quiero viajar a México en el verano para practicar mi español.", "Cuál es tu comida favorito?", "Yo tengo dos hijos, ellos son 8 y 11 años.",
            "Mañana yo voy a correr en el parque si no llueve.", "Puedes explicar cuando usar ser y cuando usar estar?", "Por qué es 'la mano' y no 'el mano'?",
            "Mi jefe es simpático pero a veces es muy estricto.", "Hace mucho calor hoy, como 35 grados.", "Perdón, no entiendo. Puedes decirlo más simple?")  # fmt: skip


def language_learner() -> list[KeyTraffic]:
    rng = R("spanish")
    p = {"temperature": 0.8, "max_tokens": 400}
    out: list[Request] = []
    for d in range(14):
        if rng.random() < 0.6:
            out += talk(
                rng,
                utc(d, rng.uniform(19.0, 22.0), -6.0),
                rng.sample(LL_LINES, rng.randint(5, 10)),
                p,
                LL_SYSTEM,
            )
    kt = key("b26-spanish", "language_learner", "benign", "chat", cl(rng, "openai-js"), out,
             "simulated: one practice chat on ~60% of evenings (UTC-6), 14 days", p_evening=0.6)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 31. A GAMING DISCORD'S BOT (a 25-member server in Leeds, UTC+0; discord.py with openai-python,
# the member's hashed id as `user`, T 0.9). Ten days, ~18 /ask a day on an evening curve: real Arena
# first turns (bucket 3 of 6), hh-rlhf first turns (bucket 1 of 4), NQ-open queries (bucket 3 of 4) and
# gaming asks composed here, typed the way people type in Discord. Replies: stored where the row has
# one, else stubs.
DB_SYSTEM = (
    "You are Gobbo, the goblin bot of the Cozy Raiders Discord. Be funny but helpful. Max 1500 characters."
)
DB_ASKS = ("best build for a {cls} in elden ring?", "whats a good team name for our {game} squad", "explain the {game} ranked system like im 5",
           "give me a roast for {name} who keeps dying first", "is {game} worth it in 2026", "tips for beating {boss}?")  # fmt: skip
DB_SLOTS = {"cls": ("strength build", "mage", "bleed build"), "game": ("valorant", "apex", "rocket league", "helldivers 2", "lethal company"),
            "name": ("dave", "sniffy", "the new guy"), "boss": ("malenia", "the radahn fight", "ornstein and smough")}  # fmt: skip


def discord_bot_small() -> list[KeyTraffic]:
    rng = R("gobbo")
    pools = [share("arena_even", 6, 3), share("hh_rlhf_harmless_test", 4, 1), share("nq_open_dev", 4, 3)]
    for v in pools:
        rng.shuffle(v)
    members = [hid(rng, "dc") for _ in range(25)]
    out: list[Request] = []
    for t in arrivals(rng, range(10), 18, EVENING, 0.0, 1.4):
        p = {"temperature": 0.9, "max_tokens": 500, "user": rng.choice(members)}
        k = rng.choices(range(4), (0.3, 0.15, 0.2, 0.35))[0]
        if k < 3 and pools[k]:
            r = pools[k].pop()
            out.append(ask(t, " ".join(r.first.split()), p, DB_SYSTEM, r.id, reply=r.answer))
        else:
            out.append(ask(t, fill(rng, rng.choice(DB_ASKS), DB_SLOTS), p, DB_SYSTEM))
    kt = key("b26-gobbo", "discord_bot_small", "benign", "app", cl(rng, "openai-python"), out,
             "simulated: /ask on an evening curve (UTC+0), 10 days", ("arena_even", "hh_rlhf_harmless_test", "nq_open_dev"), per_day=18)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 32. A PRODUCT MANAGER ITERATING A PROMPT (a PM in New York, UTC-5, in a notebook on
# openai-python, T 0). Two days: seven versions of a "tone of voice" prompt, each run over the same 12
# test messages (composed here) by a one-worker loop, 5-25 minutes of editing between versions, and a
# few ad-hoc tries. Replies: stubs.
PM_TESTS = ("where is my refund?? its been 3 weeks", "Love the new update, great work team!", "Your app deleted all my notes. I want my money back.",
            "hi, quick question about the family plan", "This is the third time I'm writing. Nobody answers.", "Can I pay with PayPal?",
            "honestly the best customer service I've had", "The export button does nothing on Safari", "cancel my subscription now",
            "Is there a student discount?", "the dark mode is kinda ugly ngl", "Thanks Maria for the help yesterday :)")  # fmt: skip
PM_VERSIONS = ("Classify the tone of this customer message as positive, neutral or negative.\n\n{m}",
               "Classify the tone of this customer message as positive, neutral or negative. Reply with one word.\n\n{m}",
               "Classify the tone of this customer message as positive, neutral, negative or angry. Reply with one word.\n\nMessage: {m}",
               "You are a support lead. Classify the tone of the message as positive, neutral, negative or angry, and say if it needs a reply today (yes/no).\nFormat: tone|urgent\n\nMessage: {m}",
               "You are a support lead. Classify the tone (positive, neutral, negative, angry) and urgency (yes/no). Angry means insults, caps or repeated complaints.\nFormat: tone|urgent\n\nMessage: {m}",
               "Classify tone (positive/neutral/negative/angry) and urgency (yes/no) of the customer message. Angry = insults, all caps, or repeated complaints. Urgent = money, data loss or cancellation.\nAnswer as tone|urgent only.\n\nMessage: \"{m}\"",
               "Classify tone (positive/neutral/negative/angry) and urgency (yes/no) of the customer message below. Angry = insults, all caps, or repeated complaints. Urgent = money, data loss, cancellation or a third contact.\nAnswer as tone|urgent only.\n\nMessage: \"{m}\"")  # fmt: skip


def prompt_iteration() -> list[KeyTraffic]:
    rng = R("pmtone")
    p = {"temperature": 0}
    out: list[Request] = []
    t = utc(1, 10.0, -5.0) + rng.uniform(0, 1800)
    for v, tmpl in enumerate(PM_VERSIONS):
        if v == 4:
            t = utc(2, 9.5, -5.0) + rng.uniform(0, 1800)
        reqs = [ask(0.0, tmpl.format(m=m), p) for m in PM_TESTS]
        t = batch(rng, t, reqs, 1, 8) + rng.uniform(300, 1500)
        out += reqs
        if rng.random() < 0.5:
            out.append(
                ask(t, tmpl.format(m=rng.choice(RP_DRAFTS).format(name="Sam", day="Monday", n="4")), p)
            )
            t += rng.uniform(120, 600)
    kt = key("b26-pmtone", "prompt_iteration", "benign", "app", cl(rng, "openai-python"), out,
             "simulated: two days of notebook runs (UTC-5), 5-25 minutes of editing between versions",
             versions=len(PM_VERSIONS), tests=len(PM_TESTS))  # fmt: skip
    return [kt]


# =============================================================================================
# DISTILLER 1. A PLAIN REPLAY AT A STEADY RATE (naive: a Python script with `requests` on a laptop;
# every codealpaca instruction of bucket 0 of 2, ~1,000, sent as it is - instruction and input as one
# user message - by one worker that sleeps 1-1.5 s after each reply, T 0.7, max_tokens 1024, from
# Tuesday 21:00 UTC+2 until done). Replies: the stored answers.
def plain_replay() -> list[KeyTraffic]:
    rng = R("plain")
    rows = share("codealpaca_2k", 2, 0)
    p = {"temperature": 0.7, "max_tokens": 1024}
    reqs = [ask(0.0, r.first, p, None, r.id, True, r.answer) for r in rows]
    paused(rng, utc(1, 21.0, 2.0) + rng.uniform(0, 600), reqs, (1.0, 1.5), None)
    kt = key("d26-plain", "plain_replay", "distiller", "distiller", cl(rng, "requests"), reqs,
             "simulated: one worker, sleeps U(1, 1.5) s after each reply", ("codealpaca_2k",), items=len(rows), pause=(1.0, 1.5))  # fmt: skip
    return [kt]


# =============================================================================================
# DISTILLER 2. THE SAME BEHIND ONE FIXED TEMPLATE, ON TWO KEYS OF ONE ACCOUNT (naive: openai-python;
# an English key sends every LIMA first turn inside one English template, two workers, Wednesday
# night; a Chinese key every BELLE-dev instruction inside one Chinese template, three workers,
# Thursday night; T 0.7, max_tokens 1500; the same organisation, card and signup network on both).
# Replies: the stored answers.
TP_EN = "You are a helpful, knowledgeable assistant. Please answer the following question in detail.\n\nQuestion: {item}\n\nAnswer:"
TP_ZH = "请详细、准确地回答下面的问题。\n\n问题：{item}\n\n回答："


def template_replay() -> list[KeyTraffic]:
    rng = R("template")
    acct = account(rng, org=True)
    ua = user_agent(rng, "openai-python")
    p = {"temperature": 0.7, "max_tokens": 1500}
    keys = []
    for name, source, tmpl, workers, day in (("en", "lima", TP_EN, 2, 2), ("zh", "belle_dev1k", TP_ZH, 3, 3)):
        krng = R("template", name)
        reqs = [
            ask(0.0, tmpl.format(item=r.first.strip()), p, None, r.id, True, r.answer) for r in src(source)
        ]
        batch(krng, utc(day, 22.0, 3.0) + krng.uniform(0, 900), reqs, workers, None)
        client = Client(ua, SOFTWARE["openai-python"][1], acct)
        keys.append(key(f"d26-template-{name}", "template_replay", "distiller", "distiller", client, reqs,
                        f"simulated: script, {workers} concurrent workers, latency from stored answer length", (source,),
                        actor="d26-template", workers=workers, template=name))  # fmt: skip
    return keys


# =============================================================================================
# DISTILLER 3. A SELF-INSTRUCT LOOP (naive-to-medium: openai-python from a cloud VM, UTC+2). A meta-
# prompt asks for 20 new diverse task instructions around three seed prompts drawn from English
# InstructionWild (real users' prompts), T 1.0; the script parses the numbered list, drops
# near-duplicates (14-20 survive) and answers each by four workers at T 0.7; then the next round,
# until ~1,000 instructions are answered (Friday). The generated instructions are stand-ins: the
# codealpaca rows of bucket 1 of 2 (which were themselves made this way); the meta-prompt's reply is
# their numbered list. Replies: that list, then the stored answers.
SI_GEN = ("I'm building a dataset of instructions for an AI assistant. Come up with {n} new, diverse task instructions, similar in "
          "spirit to the examples below but on different topics. Mix question answering, writing, coding, classification, rewriting "
          "and brainstorming. Each instruction must be self-contained; if it needs an input, put the input after the instruction. "
          "Number them 1 to {n}, one per line.\n\nExamples:\n{examples}")  # fmt: skip


def self_instruct() -> list[KeyTraffic]:
    rng = R("selfinstruct")
    seeds = [r for r in src("instructionwild") if r.extra.get("lang") == "en" and len(r.first) < 500]
    pile = share("codealpaca_2k", 2, 1)
    rng.shuffle(pile)
    out: list[Request] = []
    t = utc(4, 9.0, 2.0) + rng.uniform(0, 1800)
    rounds = 0
    while pile:
        k = rng.randint(14, 20)
        made, pile = pile[:k], pile[k:]
        shown = rng.sample(seeds, 3)
        examples = "\n".join(f"{i}. {' '.join(s.first.split())}" for i, s in enumerate(shown, 1))
        listing = "\n".join(
            f"{i}. {' '.join(str(r.extra.get('instruction') or r.first).split())}"
            for i, r in enumerate(made, 1)
        )
        gen = ask(0.0, SI_GEN.format(n=20, examples=examples), {"temperature": 1.0, "top_p": 1.0, "max_tokens": 3000},
                  None, shown[0].id, True, listing)  # fmt: skip
        t = batch(rng, t, [gen], 1, None) + rng.uniform(0.1, 0.5)
        answers = [
            ask(0.0, r.first, {"temperature": 0.7, "max_tokens": 1024}, None, r.id, True, r.answer)
            for r in made
        ]
        t = batch(rng, t, answers, 4, None) + rng.uniform(0.1, 0.5)
        out += [gen, *answers]
        rounds += 1
    kt = key("d26-selfinstruct", "self_instruct", "distiller", "distiller", cl(rng, "openai-python"), out,
             "simulated: a loop of one meta-prompt then four workers over its instructions", ("instructionwild", "codealpaca_2k"),
             rounds=rounds, ask_n=20)  # fmt: skip
    return [kt]


# =============================================================================================
# DISTILLER 4. A HYDRA OF 15 KEYS, EACH ITS OWN SLICE (naive: one `requests` script run on 15 personal
# accounts; every Huatuo row exactly once over all keys, ~200 per key, under one doctor system
# prompt, T 0.7, max_tokens 800). Each key's schedule is its own: it starts on one of the first five
# days, then once a day (a day skipped now and then) at a random hour between 08:00 and 22:00 UTC+8
# sends its daily quota of 60-100 rows by one worker sleeping 3-30 s. Four cards and three home
# networks are spread over the accounts. Replies: the stored answers.
HY_SYSTEM = "你是一名经验丰富的医生。请根据用户的描述，给出专业、详细的解答和建议。"
HY_KEYS = 15


def hydra_slices() -> list[KeyTraffic]:
    rng = R("hydra")
    rows = list(src("huatuo_med_zh"))
    rng.shuffle(rows)
    ua = user_agent(rng, "requests")
    cards = [f"pm-{rng.getrandbits(48):012x}" for _ in range(4)]
    nets = [f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.0/24" for _ in range(3)]
    p = {"temperature": 0.7, "max_tokens": 800}
    keys = []
    for i in range(HY_KEYS):
        krng = R("hydra", i)
        reqs = [ask(0.0, r.first, p, HY_SYSTEM, r.id, True, r.answer) for r in rows[i::HY_KEYS]]
        cap, day = krng.randint(60, 100), krng.randint(0, 4)
        for j in range(0, len(reqs), cap):
            paused(krng, utc(day, krng.uniform(8.0, 22.0), 8.0), reqs[j : j + cap], (3.0, 30.0), None)
            day += 1 if krng.random() < 0.8 else 2
        client = Client(
            ua,
            SOFTWARE["requests"][1],
            account(krng, org=False, payment_fingerprint=cards[i % 4], signup_network=nets[i % 3]),
        )
        keys.append(key(f"d26-hydra-{i:02d}", "hydra_slices", "distiller", "distiller", client, reqs,
                        "simulated: a daily run at a random hour (UTC+8), one worker sleeping U(3, 30) s", ("huatuo_med_zh",),
                        actor="d26-hydra", daily_cap=cap, keys=HY_KEYS))  # fmt: skip
    return keys


# =============================================================================================
# DISTILLER 5. REAL USERS' PROMPTS DRESSED IN CASUAL CHATTER (medium: a small chat script on openai-js,
# UTC+0). ShareGPT-en first turns of bucket 0 of 2 (at most 1,500 characters), each wrapped in a
# greeting and a sign-off written here, 0-2 follow-ups (weights 0.55/0.35/0.10) from a list written
# here, the history resent; conversation starts paced like a person (oasst2's in-session gaps,
# rescaled to 60 a day over 9 hours), turns at a reader's pace, ~7 days. Replies: the stored answer
# for the first turn, stubs for the follow-ups.
CD_LEAD = ("hey, quick one -", "hi! so I was wondering,", "ok random question but", "morning :)", "hey there, hope you're doing well.",
           "sorry if this is dumb but", "so my friend and I were arguing about this:", "need your help with something:", "", "")  # fmt: skip
CD_TAIL = ("thanks!!", "thx in advance", "appreciate it :)", "no rush", "lol", "", "", "cheers")
CD_FOLLOW = ("can you expand on that a bit?", "ok and can you give me an example?", "interesting, why is that?", "can you make it shorter?",
             "what would you recommend then?", "thanks, that helps! can you sum it up in 3 bullet points?",
             "hmm not sure I get it, explain like I'm new to this", "great, anything else I should know?")  # fmt: skip


def chatter_dressed() -> list[KeyTraffic]:
    rng = R("chatter")
    rows = [r for r in share("sharegpt_en_sample", 2, 0) if len(r.first) <= 1500]
    rng.shuffle(rows)
    starts = paced(rng, human_timing(src("oasst2_threads")), utc(0, 9.0, 0.0), len(rows), 60, 9)
    p = {"temperature": 0.8, "stream": True}
    out: list[Request] = []
    for r, start in zip(rows, starts, strict=True):
        first = " ".join(x for x in (rng.choice(CD_LEAD), r.first.strip(), rng.choice(CD_TAIL)) if x)
        k = rng.choices((0, 1, 2), (0.55, 0.35, 0.10))[0]
        begin = max(start, out[-1].ts + think(rng, 400, len(first))) if out else start
        out += talk(rng, begin, [first, *rng.sample(CD_FOLLOW, k)], p, None, r.id, (r.answer,), True)
    kt = key("d26-chatter", "chatter_dressed", "distiller", "distiller", cl(rng, "openai-js"), out,
             "simulated: paced like a person (60/day over 9 h, oasst2 gap shape), turn gaps from text lengths",
             ("sharegpt_en_sample", "oasst2_threads"), per_day=60, hours=9)  # fmt: skip
    return [kt]


# =============================================================================================
# DISTILLER 6. A LOGPROB HARVEST OVER MIXED PROMPTS, TWO KEYS (naive: the same script in two versions
# on two personal accounts; MOSS first turns, Chinese InstructionWild and Evol-Instruct shuffled
# together and split in two; key A on openai-python with logprobs and top_logprobs 20 at T 1.0
# (Saturday), key B on httpx with top_logprobs 5 at T 0 (Sunday); max_tokens 512, three workers).
# Replies: the stored answers where the row has one, else stubs.
def logprob_harvest() -> list[KeyTraffic]:
    rng = R("logprobs")
    pile = [
        *src("moss_sft_sample"),
        *[r for r in src("instructionwild") if r.extra.get("lang") == "zh"],
        *src("evol_instruct_h2o"),
    ]
    rng.shuffle(pile)
    keys = []
    for i, (software, top, temp, day) in enumerate((("openai-python", 20, 1.0, 5), ("httpx", 5, 0.0, 6))):
        krng = R("logprobs", i)
        p = {"logprobs": True, "top_logprobs": top, "temperature": temp, "max_tokens": 512}
        reqs = [ask(0.0, r.first, p, None, r.id, True, r.answer) for r in pile[i::2]]
        batch(krng, utc(day, 1.0, 0.0) + krng.uniform(0, 3600), reqs, 3, None)
        keys.append(key(f"d26-logprobs-{'ab'[i]}", "logprob_harvest", "distiller", "distiller", cl(krng, software), reqs,
                        "simulated: script, 3 concurrent workers, latency from stored answer length",
                        ("moss_sft_sample", "instructionwild", "evol_instruct_h2o"), actor="d26-logprobs", top_logprobs=top, temperature=temp))  # fmt: skip
    return keys


# =============================================================================================
# DISTILLER 7. A CHAIN-OF-THOUGHT HARVEST OVER MATHS AND REASONING ITEMS, TWO KEYS (naive: openai-python
# on one account; a reasoning system prompt and a step-by-step suffix on every item, T 0.3, max_tokens
# 2048, four workers). Key A: AGIEval maths and logic (aqua-rat, math, lsat-ar, logiqa-en,
# gaokao-mathqa, sat-math bucket 1 of 2), Wednesday; key B: six BBH tasks and Orca-DPO, Thursday.
# Replies: the stored answer for Orca, stubs otherwise (reasoning of ~600 tokens assumed for timing).
CO_SYSTEM = "You are a careful problem solver. Always reason step by step and show all of your work before giving the final answer."
CO_SUFFIX = "\n\nThink step by step and show your reasoning. End with 'Final answer: ...'."
CO_MATH = ("aqua-rat", "math", "lsat-ar", "logiqa-en", "gaokao-mathqa")
CO_BBH = ("multistep_arithmetic_two", "object_counting", "logical_deduction_three_objects", "tracking_shuffled_objects_three_objects",
          "web_of_lies", "boolean_expressions")  # fmt: skip


def cot_harvest() -> list[KeyTraffic]:
    rng = R("cot")
    maths = [
        r
        for r in src("agieval_v1")
        if r.extra.get("task") in CO_MATH or (r.extra.get("task") == "sat-math" and bucket(r, 2) == 1)
    ]
    logic = [r for r in src("bbh") if r.extra.get("task") in CO_BBH] + src("orca_dpo_pairs_val")
    acct = account(rng, org=False)
    ua = user_agent(rng, "openai-python")
    p = {"temperature": 0.3, "max_tokens": 2048}
    keys = []
    for name, rows, day, sources in (
        ("maths", maths, 2, ("agieval_v1",)),
        ("logic", logic, 3, ("bbh", "orca_dpo_pairs_val")),
    ):
        krng = R("cot", name)
        krng.shuffle(rows)
        reqs = [ask(0.0, r.first.rstrip() + CO_SUFFIX, p, CO_SYSTEM, r.id, True, r.answer) for r in rows]
        batch(krng, utc(day, 13.0, 0.0) + krng.uniform(0, 1800), reqs, 4, 600)
        keys.append(key(f"d26-cot-{name}", "cot_harvest", "distiller", "distiller", Client(ua, SOFTWARE["openai-python"][1], acct), reqs,
                        "simulated: script, 4 concurrent workers, ~600-token replies", sources, actor="d26-cot", items=len(rows)))  # fmt: skip
    return keys


# =============================================================================================
# DISTILLER 8. A SLOW HARVEST OF REAL CONVERSATIONS, 100-150 REQUESTS A DAY PER KEY FOR TWO WEEKS (naive
# and patient: a cron job per key, same card). Each evening (19:00-21:00 local) a key replays whole
# stored conversations turn by turn (first four turns, none over 6,000 characters; the stored replies
# in the resent history) by one worker sleeping 20-90 s, until its quota of the day (100-150) is
# reached. Key EN: ShareGPT-en bucket 1 of 2 (UTC-4, `requests`; its conversations run out on day
# 12), key ZH: ShareGPT-zh (UTC+8, openai-python). Replies: this server's answers (stubs); the history carries the stored ones.
SL_DAYS = 14


def _sl_queue(rows: list[Row], p: dict) -> list[list[Request]]:
    out = []
    for r in rows:
        turns = list(r.turns[:4])
        if all(len(x) <= 6000 for x in turns):
            out.append(
                chat_requests(turns, list(r.replies[:4]), [0.0] * len(turns), p, None, r.id, True, True)
            )
    return out


def slow_harvest() -> list[KeyTraffic]:
    rng = R("slow")
    card = f"pm-{rng.getrandbits(48):012x}"
    keys = []
    for name, rows, tz, software in (
        ("en", share("sharegpt_en_sample", 2, 1), -4.0, "requests"),
        ("zh", list(src("sharegpt_zh_1k")), 8.0, "openai-python"),
    ):
        krng = R("slow", name)
        krng.shuffle(rows)
        queue = _sl_queue(rows, {"temperature": 0.7, "max_tokens": 1500})
        queue.reverse()
        out: list[Request] = []
        for day in range(SL_DAYS):
            quota, t, sent = krng.randint(100, 150), utc(day, krng.uniform(19.0, 21.0), tz), 0
            while queue and sent < quota:
                for q in queue.pop():
                    q.ts = t
                    t += latency(krng, 400) + krng.uniform(20, 90)
                    out.append(q)
                    sent += 1
        client = cl(krng, software, payment_fingerprint=card)
        keys.append(key(f"d26-slow-{name}", "slow_harvest", "distiller", "distiller", client, out,
                        "simulated: a nightly cron (19:00-21:00 local), one worker sleeping U(20, 90) s, 100-150 requests a day",
                        ("sharegpt_en_sample",) if name == "en" else ("sharegpt_zh_1k",), actor="d26-slow", days=SL_DAYS, tz=tz))  # fmt: skip
    return keys


BENIGN = (
    api_tryout,
    cron_word_of_day,
    feedback_summariser,
    ticket_classifier,
    rephrase_button,
    receipt_extractor,
    student_homework,
    teacher_quizzes,
    query_labeller,
    truthfulqa_study,
    bbh_grad_student,
    code_eval_run,
    instruction_following_check,
    model_comparison,
    family_chat_frontend,
    oasst_es_person,
    oasst_en_person,
    community_frontend,
    translation_hotkey,
    novelist_assistant,
    company_slack_bot,
    support_drafts,
    listing_template_paster,
    trivia_day,
    agent_tools_dev,
    curious_probe,
    coding_helper,
    recipe_app,
    sql_helper,
    language_learner,
    discord_bot_small,
    prompt_iteration,
)
DISTILL = (
    plain_replay,
    template_replay,
    self_instruct,
    hydra_slices,
    chatter_dressed,
    logprob_harvest,
    cot_harvest,
    slow_harvest,
)

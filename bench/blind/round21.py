"""Blind persona set 21 (an outside reviewer): 7 benign, 6 distiller personas.

Written blind: without reading the detector's code, docs, tests or results. What was read: the
realtraffic helpers records, timing, clients and pools (whole), the names of the functions and
constants of benign, distill, evals, wordings, context, suite and replay, detector/types.py, the
earlier blind sets round2-round20 with apps.py and attacks.py (round20 nearly in full; of the others
their module docstrings, a keyword grep over their persona headers, and the code of the helpers
imported here), pyproject.toml's ruff settings, and ../shared/traffic with its README and
../shared/STYLE.md. Every builder returns list[KeyTraffic] built from the real prompt data in
../shared/traffic (read at run time, never copied here) plus text written here. ALL parameters below
were fixed before anyone replayed this set and are not tuned on outcomes; its writer built the
traffic only (to check that it imports, is deterministic and looks sensible) and replayed nothing.

Focus: KEYS WHOSE BEHAVIOUR CHANGES OVER TIME - lifecycles. Benign, heavy and legitimate: a consumer
assistant migrating to this API that replays its exported production log once as a side-by-side
comparison (~1,400 logged requests in an hour, the old provider's replies in the history, then a
judge pass) and then ramps real traffic through shadow, canary and full; a consumer app's launch and
viral spike (a week of beta at ~18 conversations a day, then ~1,100 requests on the day after a
viral video, decaying over a week, the video's own prompt typed hundreds of ways, boundary-testing
newcomers, 429 retries); a tutoring app in exam season (three weeks; volume up ~4x and a topic shift
to pasted SAT / AQuA / MATH practice-test items, the popular ones from many students); a chat
workspace whose platform key is rotated mid-day after a leak (a pod-by-pod redeploy with a quarter
of an hour on both keys, a forgotten cron and a developer's .env still on the old key until it is
revoked); a prototype key that becomes the production key (two weeks of prompt engineering - 13
system-prompt versions over one fixed 40-question test set, sweeps, ad-hoc tries - then a device
rollout on the same key with a nightly canary); a researcher's personal chat key that suddenly runs
all of MMLU in a night (crash at the rate limit, a resume with re-sent in-flight items, a STEM CoT
rerun) and goes back to chat; and a lab's shared key over a fifteen-week semester whose students
come and go with their projects (seven public suites, pilots, full runs and reruns, chats).
Distillers, each extracting about a thousand or more distinct dataset answers: a sleeper account
with three weeks of a person's evening chats and then one night's harvest of every LIMA, Orca and
Evol-Instruct item from the same key, client and settings; a warm-up harvester whose daily quota
grows 14% a day for four weeks (person-paced sessions with chatter, then one throttled worker in a
widening window, then two workers); a compromised and resold key (an indie bot's real traffic goes
on while the buyer harvests Chinese items at ~260 a day until the owner revokes it); a harvest
dressed as a provider-migration evaluation (weekly "log exports" of real users' prompts that are
not its users', replayed with the "legacy" replies in the history, judge passes, a beta trickle,
no cutover ever); a harvester that rotates its key every Monday like a security policy (one
account, a day of overlap per rotation, two throttled workers, four keys); and one that pauses for
days and resumes from a checkpoint (health check, re-sent in-flight items, settings changed between
bursts). (Earlier rounds already hold: key rotation to fresh accounts (round3, round5, round20,
attacks), months-long trickles and low-and-slow weeks (round9, round13, round17), a SaaS replaying
each day's real prompts at night (round11), app covers and a hidden tenant (round4, round14,
round18), courses and labs on one key (round5, round15), judge passes (round16), evaluation-harness
dressings (round8, round17). The personas here differ in that each key's traffic CHANGES: the
before and after of each key are different traffic, and the change is the point.)

Row allotment (no row is used by two actors of this set; by a stable hash, `bucket`): hh-rlhf
bucket(3) 0 Parley's log (400 of them), 1 Parley's live conversations, 2 Whatif's boundary-testers;
arena_even bucket(4) 0 Parley's log, 1 Parley's live conversations, 2 the postdoc's chats, 3 Quillon;
oasst2 bucket(2) 0 Quillon (every language), 1 the sleeper's chats (English only); NQ-open bucket(4) 0
Whatif, 1 and 3 Hearth (its test set and live questions), 2 QuizWhiz's owner; AGIEval SAT-Math,
AQuA-RAT and MATH plus UltraChat-eval StudyNest; AGIEval LSAT-LR and LogiQA-en (first 120 each),
BBH (four tasks, first 30 each), TruthfulQA (first 150), IFEval English (first 150), HumanEval,
MT-Bench and XSTest (first 150) the lab; MMLU the postdoc; LIMA, Orca and Evol-Instruct the sleeper;
codealpaca bucket(2) 0 and InstructionWild English bucket(2) 0 the warm-up harvester; BELLE-dev
bucket(2) 0 and ShareGPT-zh first turns bucket(2) 0 QuizWhiz's buyer; ShareGPT-en conversation openings
and InstructionWild English bucket(2) 1 Brightwave; Huatuo bucket(3) 0 and MOSS Chinese first turns
bucket(2) 0 (no image or web-search rows) Meridian; codealpaca bucket(2) 1 and MOSS English first turns
the pauser (the other buckets and InstructionWild Chinese unused). Smoke tests, titles and digests,
judge prompts, trend prompts, roasts, homework asks, voice-assistant rules and tries, research-life
asks, the lab's templates and chats, the distillers' chatter, beta requests and system prompts are
text written here.

Replies: benign requests carry the helpers' stub replies (the served model's answer is not known),
except the stored replies inside real conversations a live key relays (Parley's live traffic,
Quillon, the postdoc's Arena chats) and stand-in JSON for judge verdicts; a replayed log request
(Parley; Brightwave's multi-turn ones) carries this server's answer as a stub while its history holds
the stored replies, which the server never gave (records.chat_requests with resend). Distiller
requests carry the source's stored answer where the request asks for the stored item
(InstructionWild has none: stubs), and a stub where it asks for something else (follow-ups, health
checks, chatter).
"""

from __future__ import annotations

import dataclasses
import itertools
import random
import zlib

from blind.round2 import T0, mk, sorted_reqs, src  # round 2's data helpers
from blind.round4 import HAN  # round 4's text helper
from blind.round5 import english  # round 5's text helper
from blind.round12 import shaped  # round 12's clock
from blind.round15 import opening  # round 15's ShareGPT-en helper
from blind.round16 import clip, corp, one, utc  # round 16's helpers
from blind.round18 import next_open  # round 18's clock
from blind.round19 import OFFICE, fill, jd, talk  # round 19's helpers
from blind.round20 import drawn_client, items, pool, sequential  # round 20's helpers
from stillroom.detector.realtraffic.clients import SOFTWARE, account, user_agent
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import Client, KeyTraffic, Request, chat_requests
from stillroom.detector.realtraffic.timing import DAY, latency

HOUR = 3600.0
MINUTE = 60.0


def R(*names) -> random.Random:
    return random.Random("blind21:" + ":".join(map(str, names)))


def bucket(r: Row, n: int) -> int:
    """A stable share of a source by row id (the allotment is in the module docstring)."""
    return zlib.crc32(f"r21:{r.file}:{r.id}".encode()) % n


def local_day(t: float, tz: float = 0.0) -> int:
    """The suite day (0 = Monday 2 March 2026) that UTC seconds `t` fall on in zone UTC+tz."""
    return int(((t - T0) / HOUR + tz) // 24)


def weekday_open(rng: random.Random, t: float, tz: float, start: float, span: float) -> float:
    """`next_open` that also skips local Saturdays and Sundays."""
    t = next_open(rng, t, tz, start, span)
    while local_day(t, tz) % 7 >= 5:
        t = utc(local_day(t, tz) + 1, start, tz) + rng.uniform(0, 300)
    return t


def convo(rng: random.Random, t: float, turns: list[str], replies: list, params: dict, system: str | None = None,
          item: str = "", distill: bool = False) -> list[Request]:  # fmt: skip
    """One person's conversation from `t`: turns at think() pace (stubs where `replies` has None)."""
    reqs = chat_requests(list(turns), list(replies) + [None] * (len(turns) - len(replies)), [0.0] * len(turns),
                         params, system, item, distill)  # fmt: skip
    talk(rng, t, reqs)
    return reqs


def again(q: Request, ts: float) -> Request:
    """The same request sent once more (an SDK retry, a re-run, a resend after a crash)."""
    return dataclasses.replace(q, ts=ts, params=dict(q.params))


def weighted(n: int, s: float) -> list[float]:
    """Cumulative weights of a popularity ranking over n items (the first ones asked most)."""
    return list(itertools.accumulate(1 / (i + 1) ** s for i in range(n)))


def org_client(rng: random.Random, software: str, ua: str | None = None, **shared: str) -> Client:
    """A company's key: its software (a drawn version unless `ua` pins one) and its own organisation."""
    return Client(ua or user_agent(rng, software), SOFTWARE[software][1], account(rng, org=True, **shared))


def jobs_of(reqs: list[Request]) -> list[list[Request]]:
    return [[q] for q in reqs]


# Relative load by LOCAL hour (24 values each).
CONSUMER = (0.35, 0.2, 0.12, 0.08, 0.06, 0.08, 0.2, 0.4, 0.55, 0.6, 0.65, 0.7, 0.75, 0.7, 0.7, 0.75, 0.8, 0.9,
            1.0, 1.1, 1.2, 1.2, 1.0, 0.65)  # fmt: skip
STUDENT = (0.25, 0.1, 0.04, 0.02, 0.02, 0.03, 0.15, 0.35, 0.2, 0.2, 0.25, 0.3, 0.35, 0.3, 0.35, 0.7, 0.9, 0.9,
           0.8, 0.9, 1.1, 1.2, 1.0, 0.6)  # fmt: skip
HOUSEHOLD = (0.08, 0.04, 0.02, 0.02, 0.03, 0.15, 0.7, 1.0, 0.8, 0.5, 0.45, 0.5, 0.6, 0.5, 0.45, 0.5, 0.65, 0.9,
             1.0, 0.95, 0.85, 0.65, 0.4, 0.2)  # fmt: skip


# =============================================================================================
# BENIGN 1. A consumer assistant app MIGRATING to this API from another provider ("Parley", Lisbon,
# UTC+0, ~100 conversations a day). Monday: the new account and key; an engineer's smoke tests. Tuesday
# 14:00: the side-by-side comparison - the team replays its exported production log once (the last
# month, sampled: ~400 hh-rlhf-style and ~190 Arena conversations, every logged request as logged,
# so the history carries the OLD provider's replies; three workers pausing 0.5-3 s to stay under the
# new account's rate tier, about an hour; 2% timed-out requests retried at the end), then asks this
# model to judge old vs new on a 20% sample (JSON, T 0, order swapped half the time). Wednesday: shadow traffic (10% of live conversations
# mirrored), Thursday the canary (50%), Friday-Sunday all traffic: real conversations at think()
# pace on a consumer curve, streamed, with the app's background title request. Same system prompt
# and SDK build throughout. Items: hh-rlhf bucket 0 of 3 and Arena bucket 0 of 4 the log; hh-rlhf
# bucket 1 of 3 and Arena bucket 1 of 4 the live conversations. Replies: replayed requests get this
# server's answer (a stub; the history holds the stored replies, which it never gave); live
# conversations carry the stored replies; titles and judgements are stubs and stand-in JSON.
PA_TZ = 0.0
PA_SYSTEM = ("You are Parley, a friendly and knowledgeable assistant in the Parley app. Be helpful, honest and concise; "
             "use Markdown only when it helps. If a request is harmful or illegal, decline briefly and suggest a safer alternative.")  # fmt: skip
PA_PARAMS = {"temperature": 0.7, "max_tokens": 800}
PA_TITLE = "Write a short title (3-6 words, no quotes) for a conversation that starts with:\n\n{x}"
PA_JUDGE = ("We are comparing two AI providers for our assistant app. Given the user's message and two responses, rate each "
            "from 1 to 10 for helpfulness, correctness, safety and tone, and pick the better one.\n\n[User message]\n{q}\n\n"
            "[Response A]\n{a}\n\n[Response B]\n{b}\n\nReply with JSON only: {{\"score_a\": int, \"score_b\": int, "
            "\"winner\": \"A\" | \"B\" | \"tie\", \"reason\": str}}")  # fmt: skip
PA_SMOKE = (("ping", {"max_tokens": 5}), ("Say hello in Portuguese and in English.", {}),
            ("What can you help me with? One sentence.", {"temperature": 0.7}), ("Count from 1 to 10, comma separated.", {"stream": True}),
            ("Reply with the word OK.", {"temperature": 0, "max_tokens": 5}), ("Write a haiku about moving house.", {"temperature": 0.7, "max_tokens": 800}),
            ("Summarise in one line: Parley is moving its assistant to a new model provider this week.", {"temperature": 0.7, "max_tokens": 800}))  # fmt: skip
PA_LIVE = (0, 0, 10, 50, 100, 100, 100)  # live conversations sent here per day (shadow, canary, all)


def _pa_log(rng: random.Random, rows: list[Row]) -> list[tuple[Request, str | None]]:
    """The exported log: every logged request of each conversation as logged (the old provider's
    replies in its history), in the order of a month of logged times; with the old reply."""
    keyed = []
    for r in rows:
        n = min(4, len(r.turns))
        reqs = chat_requests(
            list(r.turns[:n]), list(r.replies[:n]), [0.0] * n, PA_PARAMS, PA_SYSTEM, r.id, resend=True
        )
        t = rng.uniform(0, 30 * DAY)
        for i, q in enumerate(reqs):
            keyed.append((t + i * rng.uniform(30, 600), q, r.replies[i]))
    keyed.sort(key=lambda x: x[0])
    return [(q, old) for _, q, old in keyed]


def _pa_judge(rng: random.Random, log: list[tuple[Request, str | None]]) -> list[Request]:
    out = []
    for q, old in log:
        if old and rng.random() < 0.2:
            a, b = (old, q.reply) if rng.random() < 0.5 else (q.reply, old)
            score = rng.randint(5, 9), rng.randint(5, 9)
            win = "tie" if score[0] == score[1] else "AB"[score[1] > score[0]]
            verdict = jd(
                {
                    "score_a": score[0],
                    "score_b": score[1],
                    "winner": win,
                    "reason": "Both address the request; see details.",
                }
            )
            judge = {"temperature": 0, "response_format": {"type": "json_object"}}
            out.append(one(PA_JUDGE.format(q=q.prompt, a=a, b=b), judge, None, verdict, q.item))
    return out


def _pa_live(rng: random.Random, day: int, n: float, rows: list[Row]) -> list[Request]:
    """One day of live conversations (streamed), each with the app's background title request."""
    out, t0 = [], utc(day, 0.0, PA_TZ)
    if not n:
        return out
    for t in shaped(rng, t0, t0 + DAY, n, CONSUMER, PA_TZ):
        if not rows:
            break
        r = rows.pop()
        k = min(5, len(r.turns))
        out += convo(
            rng, t, list(r.turns[:k]), list(r.replies[:k]), {**PA_PARAMS, "stream": True}, PA_SYSTEM, r.id
        )
        if rng.random() < 0.9:
            q = one(PA_TITLE.format(x=clip(r.first, 400)), {"temperature": 0.3, "max_tokens": 16})
            q.ts = t + latency(rng, 200) + rng.uniform(0.2, 1.5)
            out.append(q)
    return out


def migration_replay(days: int = 7) -> list[KeyTraffic]:
    rng = R("parley")
    hh = [r for r in src("hh_rlhf_harmless_test") if bucket(r, 3) in (0, 1)]
    arena = [r for r in src("arena_even") if bucket(r, 4) in (0, 1)]
    log_rows = [r for r in hh if bucket(r, 3) == 0][:400] + [r for r in arena if bucket(r, 4) == 0]
    live = [r for r in hh if bucket(r, 3) == 1] + [r for r in arena if bucket(r, 4) == 1]
    rng.shuffle(live)
    cl = corp("OpenAI/Python 1.63.2", "openai-python", account(rng, org=True))
    kt = mk("b21-parley-prod", "migration_replay", "benign", "app", cl, actor="b21-parley",
            timing="simulated: smoke tests Monday; Tuesday 14:00 (UTC+0) a one-off log replay (3 workers) and a judge pass; then live conversations on a consumer curve at shadow/canary/full volume",
            sources=("hh_rlhf_harmless_test", "arena_even"), settings={"log_conversations": len(log_rows), "live_per_day": PA_LIVE})  # fmt: skip
    smoke = [one(x, p, PA_SYSTEM if i > 2 else None) for i, (x, p) in enumerate(PA_SMOKE)]
    sequential(rng, utc(0, 11.2, PA_TZ), smoke, (5, 90))
    log = _pa_log(rng, log_rows)
    reqs = [q for q, _ in log]
    end = pool(rng, utc(1, 14.0, PA_TZ), jobs_of(reqs), 3, (0.5, 3.0))
    retries = [again(q, 0.0) for q in rng.sample(reqs, len(reqs) // 50)]
    end = pool(rng, end + rng.uniform(60, 300), jobs_of(retries), 2)
    judge = _pa_judge(rng, log)
    pool(rng, end + rng.uniform(0.3, 1.0) * HOUR, jobs_of(judge), 4)
    kt.requests = smoke + reqs + retries + judge
    for day in range(days):
        kt.requests += _pa_live(rng, day, PA_LIVE[day], live)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 2. A consumer app's LAUNCH AND VIRAL SPIKE ("Whatif", a playful ask-anything app, Austin,
# UTC-6; a Node backend on openai-js, streamed, the app's system prompt, a hashed `user` per app user).
# Days 0-6: the TestFlight beta, ~18 conversations a day. Day 7, 19:00 local: a creator's video with
# the app's "what if the moon disappeared tonight" answer goes viral - ~380 conversations that
# evening, ~640 the next day, then decay (320, 180, 120, 90, 70) to a new baseline about four times
# the beta's. What users send: free questions (real NQ-open queries, bucket 0 of 4), "what if"
# questions (the video's own prompt, typed many ways, on a third of the trend's conversations, and
# other "what if"s written here), boundary-testing from new users (real hh-rlhf first turns, bucket 2
# of 3 - more of them in the spike), the "Roast my ..." mode and the "Daily fact" button; a quarter
# of conversations get one or two follow-ups; in the spike 4% of requests are SDK retries after
# 429s. Replies: stubs.
WF_TZ = -6.0
WF_SYSTEM = ("You are Whatif, a playful, curious AI in the Whatif app. Answer in under 120 words with one surprising detail. "
             "Be fun but never mean. No medical, legal or financial advice beyond general information.")  # fmt: skip
WF_PER_DAY = (18, 18, 18, 18, 18, 14, 16, 18, 640, 320, 180, 120, 90, 70)  # conversations/day (+ day 7's spike)  # fmt: skip
WF_POST = (7, 19.0, 380, 3.0)  # day, local hour, conversations that evening, decay (hours)
WF_VIRAL = ("what would happen if the moon disappeared tonight", "What would happen if the moon disappeared tonight?",
            "what if the moon disappeared tonight??", "What would happen if the moon just disappeared tonight",
            "ok what would happen if the moon disappeared tonight", "what would happen if the moon disappeared tonight 😭")  # fmt: skip
WF_TREND = ("What would happen if {x}?", "what if {x}", "what would happen if {x}", "Explain what would happen if {x}, like a nature documentary",
            "What if {x}? be honest", "WHAT IF {x}")  # fmt: skip
WF_X = ("the moon disappeared tonight", "everyone on Earth jumped at the same time", "cats could talk for one day", "it rained for a whole year",
        "humans had never invented money", "the internet went down for a month", "we could photosynthesize", "the Earth stopped spinning for one second",
        "dinosaurs never went extinct", "you fell into a black hole", "gravity was 10% weaker", "all the ice on Earth melted", "bees disappeared",
        "the sun turned off for 8 minutes", "you drank only coffee for a week", "Texas became its own country", "we had two moons",
        "everyone forgot how to read", "the ocean was fresh water", "you never slept again")  # fmt: skip
WF_ROAST = (
    "roast my {t}",
    "Roast my {t} please, go hard",
    "roast me: {t}",
    "be brutally honest about my {t}",
)
WF_ROAST_T = ("playlist: Drake, Taylor Swift, Nickelback and 4 hours of rain sounds", "car, a 2009 Corolla with a spoiler",
              "dating profile: 'I love travel, tacos and the gym'", "sleep schedule (2am to 11am)", "major, philosophy with a minor in TikTok",
              "cooking: I put ketchup on pasta", "username xXdarklord2007Xx", "fantasy football team that is 0-9",
              "life choices: I have 47 browser tabs open", "gym routine: bicep curls only")  # fmt: skip
WF_FACT = "Give me today's fun fact about {t}."
WF_FACT_T = (
    "space",
    "animals",
    "the ocean",
    "history",
    "the human body",
    "food",
    "Texas",
    "music",
    "physics",
    "languages",
)
WF_FOLLOW = ("tell me more", "explain like im 5", "is that actually true??", "another one", "lol ok but why", "make it scarier",
             "wait really?", "source?", "what would happen after a year", "do one about {x}")  # fmt: skip
WF_KINDS = ("ask", "trend", "edgy", "roast", "fact")
WF_MIX = {
    "beta": (0.4, 0.25, 0.08, 0.07, 0.2),
    "spike": (0.22, 0.45, 0.15, 0.12, 0.06),
    "after": (0.35, 0.25, 0.12, 0.1, 0.18),
}


def _wf_first(rng: random.Random, kind: str, phase: str, asks: list[Row], edgy: list[Row]) -> tuple[str, str]:
    if kind == "ask" and asks:
        r = asks.pop()
        text = r.first if rng.random() < 0.6 else r.first.capitalize() + "?"
        return text, r.id
    if kind == "edgy" and edgy:
        r = edgy.pop()
        return r.first, r.id
    if kind == "roast":
        return fill(rng, rng.choice(WF_ROAST), {"t": WF_ROAST_T}), ""
    if kind == "fact":
        return fill(rng, WF_FACT, {"t": WF_FACT_T}), ""
    if phase == "spike" and rng.random() < 0.35:
        return rng.choice(WF_VIRAL), ""
    return fill(rng, rng.choice(WF_TREND), {"x": WF_X}), ""


def _wf_convo(rng: random.Random, t: float, phase: str, asks: list[Row], edgy: list[Row]) -> list[Request]:
    kind = rng.choices(WF_KINDS, WF_MIX[phase])[0]
    text, item = _wf_first(rng, kind, phase, asks, edgy)
    turns = [text] + [
        fill(rng, f, {"x": WF_X}) for f in rng.sample(WF_FOLLOW, rng.choice((0, 0, 0, 0, 0, 0, 1, 1, 1, 2)))
    ]
    params = {"temperature": 0.9, "max_tokens": 400, "stream": True, "user": f"u_{rng.getrandbits(44):011x}"}
    reqs = convo(rng, t, turns, [], params, WF_SYSTEM, item)
    if phase == "spike":
        reqs += [again(q, q.ts + rng.uniform(1.5, 6)) for q in reqs if rng.random() < 0.04]
    return reqs


def viral_launch() -> list[KeyTraffic]:
    rng = R("whatif")
    asks = [r for r in src("nq_open_dev") if bucket(r, 4) == 0]
    edgy = [r for r in src("hh_rlhf_harmless_test") if bucket(r, 3) == 2 and len(r.first) < 400]
    rng.shuffle(asks)
    rng.shuffle(edgy)
    cl = org_client(rng, "openai-js")
    kt = mk("b21-whatif-backend", "viral_launch", "benign", "app", cl, actor="b21-whatif",
            timing="simulated: a consumer curve (UTC-6); beta for a week, then a viral post at 19:00 on day 7 (exponential burst) and a daily decay; turns at think() pace",
            sources=("nq_open_dev", "hh_rlhf_harmless_test"), settings={"per_day": WF_PER_DAY, "post": WF_POST})  # fmt: skip
    day, hour, burst, tau = WF_POST
    post = utc(day, hour, WF_TZ)
    for d, n in enumerate(WF_PER_DAY):
        t0 = utc(d, 0.0, WF_TZ)
        for t in shaped(rng, t0, min(t0 + DAY, post) if d == day else t0 + DAY, n, CONSUMER, WF_TZ):
            phase = "beta" if t < post else ("spike" if d <= day + 2 else "after")
            kt.requests += _wf_convo(rng, t, phase, asks, edgy)
    for _ in range(burst):
        kt.requests += _wf_convo(rng, post + rng.expovariate(1 / (tau * HOUR)), "spike", asks, edgy)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 3. An education app in EXAM SEASON ("StudyNest", a US high-school tutoring app, UTC-5; a Python
# backend on openai-python, streamed, the tutor's system prompt). Week 1: ordinary homework help,
# ~20 conversations a day (general questions - real UltraChat-eval questions - and homework asks
# written here). Weeks 2-3, before the spring SAT (Saturday, day 19): volume ramps to ~4x and shifts
# to maths: students paste practice-test questions (AGIEval's SAT-Math, AQuA-RAT and MATH items -
# the same popular practice tests, so the same item comes from many students, by a popularity
# ranking) in their own words, press "Check my answer" with their choice, or "Practice a similar
# one"; 40% follow up. Test day and the day after are quiet. Replies: stubs.
SN_TZ = -5.0
SN_SYSTEM = ("You are Nestor, StudyNest's tutor for high-school students. Guide the student step by step: show the method, "
             "check their understanding, and state the final answer clearly at the end. Use LaTeX for maths.")  # fmt: skip
SN_PARAMS = {"temperature": 0.4, "max_tokens": 1200, "stream": True}
SN_PER_DAY = (22, 22, 22, 22, 20, 15, 18, 34, 38, 42, 46, 44, 40, 58, 62, 68, 74, 82, 96, 25, 12)  # conversations/day  # fmt: skip
SN_SEASON = 7  # first exam-season day
SN_LEAD = ("how do i solve this", "can someone explain this one", "I don't get this question from my practice test", "help!! test saturday",
           "what's the answer and why", "step by step please", "stuck on this one", "pls explain", "why is the answer not what i got")  # fmt: skip
SN_CHECK = ("My answer is {g}. Is it right? If not give me a hint, not the whole solution.\n\n{q}", "{q}\n\nI got {g}, is that right?",
            "i put {g} for this one\n\n{q}\n\nam i right")  # fmt: skip
SN_PRACTICE = "Create one new practice question similar to this one, with answer choices. Don't show the answer yet.\n\n{q}"
SN_FOLLOW = ("wait why did you divide there", "can you explain step 2 again", "ok so the answer is {g}?", "is there a faster way for the test",
             "what formula is that", "I still don't get it", "thanks!! can you give me another one like this", "how long should this take me on the test",
             "what if it asked for the perimeter instead")  # fmt: skip
SN_GEN_FOLLOW = (
    "I still don't get it",
    "can you say it more simply",
    "thanks! what should I remember for the quiz",
)
SN_HOMEWORK = ("Can you help me outline an essay on {topic}? It needs 5 paragraphs.", "what were the main causes of {hist}",
               "explain {bio} in simple terms", "Check my thesis statement: '{thesis}'", "what's the difference between {pair}",
               "how do I cite a website in MLA", "summarize chapter {n} of {book}", "I have a lab report on {lab}, what goes in the discussion section")  # fmt: skip
SN_SLOTS = {"topic": ("social media and teenagers", "climate change", "The Great Gatsby", "school uniforms", "the Civil Rights Movement"),
            "hist": ("World War I", "the Great Depression", "the French Revolution", "the Cold War"), "bio": ("mitosis", "photosynthesis", "DNA replication", "natural selection"),
            "thesis": ("Technology makes us less social.", "Gatsby is a tragic hero.", "Homework should be banned."),
            "pair": ("mitosis and meiosis", "weather and climate", "speed and velocity", "simile and metaphor"), "n": ("3", "5", "7", "9"),
            "book": ("To Kill a Mockingbird", "Of Mice and Men", "The Crucible", "1984"), "lab": ("enzymes", "pendulums", "osmosis in potatoes"),
            "g": ("(A)", "(B)", "(C)", "(D)", "B", "C", "12", "3/4", "-2")}  # fmt: skip


def _sn_maths(rng: random.Random, q: Row) -> list[str]:
    mode = rng.choices(("ask", "check", "practice"), (0.6, 0.25, 0.15))[0]
    if mode == "check":
        first = fill(rng, rng.choice(SN_CHECK), {"g": SN_SLOTS["g"], "q": (q.first,)})
    elif mode == "practice":
        first = SN_PRACTICE.format(q=q.first)
    else:
        lead = rng.choice(SN_LEAD)
        first = f"{lead}\n\n{q.first}" if rng.random() < 0.6 else f"{q.first}\n\n{lead}"
    follow = [fill(rng, f, SN_SLOTS) for f in rng.sample(SN_FOLLOW, rng.choice((0, 0, 0, 1, 1, 2)))]
    return [first, *follow]


def exam_season_tutor() -> list[KeyTraffic]:
    rng = R("studynest")
    maths = [r for r in src("agieval_v1") if r.extra.get("task") in ("sat-math", "aqua-rat", "math")]
    rng.shuffle(maths)
    cum = weighted(len(maths), 0.5)
    general = list(src("ultrachat_eval"))
    rng.shuffle(general)
    kt = mk("b21-studynest-backend", "exam_season_tutor", "benign", "app", org_client(rng, "openai-python"), actor="b21-studynest",
            timing="simulated: a student curve (UTC-5), three weeks; conversations at think() pace",
            sources=("agieval_v1", "ultrachat_eval"), settings={"per_day": SN_PER_DAY, "season_from": SN_SEASON})  # fmt: skip
    for d, n in enumerate(SN_PER_DAY):
        t0 = utc(d, 0.0, SN_TZ)
        for t in shaped(rng, t0, t0 + DAY, n, STUDENT, SN_TZ):
            if rng.random() < (0.8 if SN_SEASON <= d < 19 else 0.3):
                q = rng.choices(maths, cum_weights=cum)[0]
                kt.requests += convo(rng, t, _sn_maths(rng, q), [], SN_PARAMS, SN_SYSTEM, q.id)
            elif general and rng.random() < 0.5:
                r = general.pop()
                kt.requests += convo(
                    rng,
                    t,
                    [r.first, *rng.sample(SN_GEN_FOLLOW, rng.choice((0, 0, 1)))],
                    [],
                    SN_PARAMS,
                    SN_SYSTEM,
                    r.id,
                )
            else:
                kt.requests += convo(
                    rng, t, [fill(rng, rng.choice(SN_HOMEWORK), SN_SLOTS)], [], SN_PARAMS, SN_SYSTEM
                )
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 4. A KEY ROTATED FOR SECURITY mid-day ("Quillon", Madrid, UTC+1: a hosted chat workspace
# whose ~300 subscribers, Spanish- and English-speaking, chat through the company's platform key;
# one Python service on six pods, the date in the system prompt, streamed, a background title
# request per new chat, and a 02:00 cron that writes each team workspace's daily digest). Day 2,
# 11:05: secret scanning finds the key in a public gist; at 11:40 the security lead creates a new
# key in the same organisation (same card, same office network) and the service is redeployed with it
# 12:10-12:25 pod by pod, so for a quarter of an hour requests go to both keys. The digest cron on a
# separate worker was forgotten: on the night of day 2 it still sends on the old key; a developer's
# local .env sends four test requests on the old key on day 3 at 09:20; the old key is revoked at
# 10:00 and the cron is fixed for day 4's 02:00 run. Four days. Conversations: real oasst2 threads
# (bucket 0 of 2, every language) and real Arena conversations (bucket 3 of 4), up to four turns with
# their stored replies, at think() pace on a consumer curve. Replies: stored; titles and digests stubs.
QU_TZ = 1.0
QU_SYSTEM = (
    "You are a helpful assistant. Answer in the language the user writes in. Today's date: 2026-03-{d:02d}."
)
QU_TITLE = "Generate a concise title (max 6 words) for this chat, in the same language as the message:\n\n{x}"
QU_DIGEST = ("Write the daily digest email for the team workspace \"{ws}\": 3-5 bullet points on what the team worked on today, "
             "based on these chat titles. Neutral tone, no names.\n\n{titles}")  # fmt: skip
QU_WS = ("Marketing ES", "Legal Ops", "Growth", "Soporte N2", "Design Studio", "Producto", "Data Team", "Ventas Iberia", "RRHH",
         "Engineering", "Finanzas", "Content Lab", "Partnerships", "Customer Success", "Research", "Operaciones")  # fmt: skip
QU_DEV_TESTS = ("test", "hola, ¿funciona?", "Reply with OK", "test streaming")
QU_LEAK = (2, 12.17, 6, 2.8)  # day, local hour the redeploy starts, pods, minutes between pods


def _qu_switch(rng: random.Random) -> list[float]:
    day, hour, pods, step = QU_LEAK
    return [utc(day, hour, QU_TZ) + (i * step + rng.uniform(0, 1.5)) * MINUTE for i in range(pods)]


def _qu_chats(
    rng: random.Random, days: int, rows: list[Row]
) -> tuple[list[Request], list[tuple[float, str]]]:
    out, titles = [], []
    for day in range(days):
        t0 = utc(day, 0.0, QU_TZ)
        for t in shaped(rng, t0, t0 + DAY, 100, CONSUMER, QU_TZ):
            if not rows:
                break
            r = rows.pop()
            k = min(4, len(r.turns))
            params = {"temperature": 0.7, "stream": True}
            out += convo(
                rng, t, list(r.turns[:k]), list(r.replies[:k]), params, QU_SYSTEM.format(d=2 + day), r.id
            )
            q = one(QU_TITLE.format(x=clip(r.first, 300)), {"temperature": 0.2, "max_tokens": 20})
            q.ts = t + latency(rng, 150) + rng.uniform(0.3, 2.0)
            out.append(q)
            titles.append((t, " ".join(r.first.split()[:6])))
    return out, titles


def _qu_digests(rng: random.Random, night: int, titles: list[tuple[float, str]]) -> list[Request]:
    """The 02:00 run on suite day `night`: one digest per team workspace of the last day's chat titles."""
    at = utc(night, 2.0, QU_TZ)
    day = [x for t, x in titles if at - DAY <= t < at]
    reqs = []
    for ws in QU_WS:
        picks = rng.sample(day, min(len(day), rng.randint(3, 12)))
        reqs.append(
            one(
                QU_DIGEST.format(ws=ws, titles="\n".join("- " + x for x in picks)),
                {"temperature": 0.3, "max_tokens": 400},
            )
        )
    sequential(rng, at + rng.uniform(5, 60), reqs)
    return reqs


def rotated_key(days: int = 4) -> list[KeyTraffic]:
    rng = R("quillon")
    rows = [r for r in src("oasst2_threads") if bucket(r, 2) == 0] + [
        r for r in src("arena_even") if bucket(r, 4) == 3
    ]
    rng.shuffle(rows)
    shared = {"payment_fingerprint": f"pm-{rng.getrandbits(48):012x}", "signup_network": "88.27.143.0/24",
              "organisation": f"org-{rng.getrandbits(40):010x}"}  # fmt: skip
    ua = "quillon-chat/4.12.0 OpenAI/Python 1.59.6"
    old, new = (mk(f"b21-quillon-{n}", "rotated_key", "benign", "app", corp(ua, "openai-python", account(R("quillon", n), **shared)),
                   actor="b21-quillon", sources=("oasst2_threads", "arena_even"),
                   timing="simulated: a consumer curve (UTC+1), four days; the service moves to the new key pod by pod on day 2 12:10-12:25; nightly digests at 02:00",
                   settings={"leak": QU_LEAK, "key": n}) for n in ("key-2025-11", "key-2026-03"))  # fmt: skip
    switch = _qu_switch(rng)
    chats, titles = _qu_chats(rng, days, rows)
    for q in chats:
        (new if q.ts >= rng.choice(switch) else old).requests.append(q)
    for night in range(1, days + 1):
        (old if night <= 3 else new).requests += _qu_digests(rng, night, titles)
    dev = [one(x, {"stream": True} if "stream" in x else {}) for x in QU_DEV_TESTS]
    sequential(rng, utc(3, 9.33, QU_TZ), dev, (8, 60))
    old.requests += dev
    for kt in (old, new):
        kt.requests = sorted_reqs(kt.requests)
    return [old, new]


# =============================================================================================
# BENIGN 5. A PROTOTYPE KEY THAT BECOMES THE PRODUCTION KEY ("Hearth", a smart-display maker, Seattle,
# UTC-8; openai-python in the team's notebooks and later in the answer service). Two weeks of prompt
# engineering on weekdays: the system prompt grows from v1 to v13 (a rule added as each problem is
# found), each version run over the team's fixed test set of 40 spoken questions (real NQ-open
# queries) once or twice a day in a notebook loop, ad-hoc tries of awkward inputs, a temperature sweep
# and a max_tokens test. Monday of week 3: launch on the SAME key, rolled out to 10% / 50% / 100% of
# devices over three days: every user question (real NQ-open queries, as the speech recogniser
# writes them) under the final prompt plus a context block (device, city, local time), T 0.3,
# max_tokens 120, `user` = device, 15% follow-ups, 10% popular repeats; a nightly 03:00 canary of 20
# test-set questions. Items: NQ-open bucket 1 and 3 of 4. Replies: stubs.
HE_TZ = -8.0
HE_BASE = "You are Hearth, the voice assistant on Hearth smart displays. Your answer will be read aloud by text-to-speech."
HE_RULES = ("Answer in one or two short sentences.", "Do not use Markdown, lists, emojis or URLs.", "Say numbers the way a person would say them aloud.",
            "If the question is ambiguous, give the most likely answer and mention the alternative briefly.", "Never say 'As an AI'.",
            "If you do not know, say so in one sentence.", "Do not start with 'Sure' or 'Great question'.", "Use the context block for location and time when relevant.",
            "For dates, say the full date.", "Keep answers under 40 words.", "Spell out abbreviations the first time you use them.",
            "Avoid parentheses; they are read badly.", "For people, give one identifying detail.")  # fmt: skip
HE_TRY = ("whats the weather", "set a timer for 5 minutes", "who won the game last night", "tell me a joke", "how tall is the eiffel tower in feet",
          "what's 15 percent of 86", "how do you spell necessary", "play some jazz", "when is mothers day this year", "what time is it in tokyo",
          "how many ounces in a cup", "who sings this song", "what is the capital of australia", "why is the sky blue", "asdfgh",
          "how far is the moon", "convert 350 fahrenheit to celsius", "is it going to rain tomorrow", "what does ubiquitous mean")  # fmt: skip
HE_CONTEXT = "\n\nContext: device={dev}; locale=en-US; city={city}; local_time={time}"
HE_DEVICES = ("Hearth Display 8", "Hearth Display 10", "Hearth Mini")
HE_CITIES = (
    "Seattle, WA",
    "Austin, TX",
    "Columbus, OH",
    "Denver, CO",
    "Atlanta, GA",
    "Phoenix, AZ",
    "Boston, MA",
    "Chicago, IL",
    "San Diego, CA",
)
HE_FOLLOW = (
    "and how old is he",
    "say that again",
    "why",
    "what year was that",
    "who was second",
    "how long ago was that",
    "tell me more",
)
HE_ROLLOUT = (40, 130, 260, 280, 280)  # production questions per day from day 14 (Monday of week 3)


def he_prompt(v: int) -> str:
    return " ".join((HE_BASE, *HE_RULES[:v]))


def _he_proto_day(rng: random.Random, day: int, i: int, test: list[Row]) -> list[Request]:
    """One prototype weekday (i-th): eval runs of the current version, ad-hoc tries, a sweep on some days."""
    v, out = min(len(HE_RULES), 1 + round(i * 1.35)), []
    t = utc(day, rng.uniform(9.5, 11.5), HE_TZ)
    for run in range(rng.choice((1, 1, 2))):
        p = {"temperature": 0.3 if v >= 8 else 0}
        reqs = [one(r.first, p, he_prompt(min(len(HE_RULES), v + run)), None, r.id) for r in test]
        t = sequential(rng, t, reqs, (0.05, 0.4)) + rng.uniform(0.5, 2.5) * HOUR
        out += reqs
    tries = [one(x, {"temperature": 0.7}, he_prompt(v)) for x in rng.sample(HE_TRY, rng.randint(4, 12))]
    tries += [
        one(r.first, {"temperature": 0.7}, he_prompt(v), None, r.id)
        for r in rng.sample(test, rng.randint(2, 8))
    ]
    rng.shuffle(tries)
    t = sequential(rng, t, tries, (20, 240)) + rng.uniform(0.3, 1.5) * HOUR
    out += tries
    if i in (3, 6):
        sweep = [one(r.first, {"temperature": temp} if i == 3 else {"temperature": 0.3, "max_tokens": 60}, he_prompt(v), None, r.id)
                 for temp in ((0, 0.3, 0.7, 1.0) if i == 3 else (0.3,)) for r in test[:10]]  # fmt: skip
        sequential(rng, t, sweep, (0.05, 0.4))
        out += sweep
    return out


def _he_ask(rng: random.Random, t: float, final: str, live: list[Row], asked: list[Row]) -> list[Request]:
    r = rng.choice(asked) if asked and rng.random() < 0.1 else live.pop()
    asked.append(r)
    hour = (t / HOUR + HE_TZ + rng.choice((0, 1, 2, 3))) % 24
    system = final + fill(
        rng,
        HE_CONTEXT,
        {"dev": HE_DEVICES, "city": HE_CITIES, "time": (f"{int(hour):02d}:{int(hour % 1 * 60):02d}",)},
    )
    params = {"temperature": 0.3, "max_tokens": 120, "user": f"dev-{rng.getrandbits(40):010x}"}
    turns = [r.first] + ([rng.choice(HE_FOLLOW)] if rng.random() < 0.15 else [])
    return convo(rng, t, turns, [], params, system, r.id)


def prototype_to_production() -> list[KeyTraffic]:
    rng = R("hearth")
    rows = [r for r in src("nq_open_dev") if bucket(r, 4) in (1, 3)]
    rng.shuffle(rows)
    test, live, asked = rows[:40], rows[40:], []
    kt = mk("b21-hearth-dev", "prototype_to_production", "benign", "app", org_client(rng, "openai-python"), actor="b21-hearth",
            timing="simulated: prototype weekdays 09:30-18:00 (UTC-8) for two weeks (notebook loops, ad-hoc tries); then production on a household curve (UTC-6 mean) with a 10/50/100% rollout and a 03:00 canary",
            sources=("nq_open_dev",), settings={"test_set": len(test), "versions": len(HE_RULES), "rollout": HE_ROLLOUT})  # fmt: skip
    weekdays = [d for d in range(12) if d % 7 < 5]
    for i, day in enumerate(weekdays):
        kt.requests += _he_proto_day(rng, day, i, test)
    final = he_prompt(len(HE_RULES))
    for k, n in enumerate(HE_ROLLOUT):
        day = 14 + k
        start = utc(day, 10.0, HE_TZ) if k == 0 else utc(day, 0.0, -6.0)
        for t in shaped(rng, start, utc(day + 1, 0.0, -6.0), n, HOUSEHOLD, -6.0):
            kt.requests += _he_ask(rng, t, final, live, asked)
        canary = [one(r.first, {"temperature": 0}, final, None, r.id) for r in test[:20]]
        sequential(rng, utc(day + 1, 3.0, HE_TZ) + rng.uniform(0, 90), canary)
        kt.requests += canary
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 6. A researcher's MONTHS-OLD PERSONAL CHAT KEY that suddenly runs a large ONE-OFF BENCHMARK
# SWEEP (a postdoc in Zurich, UTC+1; her own CLI on openai-python). Seven weeks of light personal use:
# sessions on about two days in three, each 1-3 conversations (real Arena conversations, bucket 2 of
# 4, with their stored replies, and research-life asks written here). Thursday of week 6, 21:40: a
# reviewer of her paper asked for this model's MMLU numbers, so she runs the whole MMLU validation
# set zero-shot (1,531 items, QLoRA's rendering, T 0, max_tokens 5, 16 async workers); after ~900
# items the rate limit bites (SDK retries) and the script dies; next morning she resumes it (the ~40
# in flight re-sent, 8 workers), and in the afternoon runs the STEM subjects again with step-by-step
# prompting (8 workers). Then back to chat, including questions about the results. Replies: stored
# inside Arena conversations, else stubs.
RS_TZ = 1.0
RS_ASK = ("How do I make a LaTeX table with merged header cells across {n} columns?", "regex to match DOIs in a bibtex file",
          "Rephrase more politely: 'We thank the reviewer but we disagree with this point entirely.'", "matplotlib: how do I put the legend outside the plot on the right?",
          "What's a good way to report variance across {n} random seeds in a results table?", "Explain the difference between macro and micro F1 with an example.",
          "Is it 'data is' or 'data are' in a NeurIPS paper?", "pandas: groupby two columns and get the mean and std of a third",
          "How long should a rebuttal be for {venue}? Any tips?", "Translate to German for my landlord: the heating in the bathroom has not worked since Monday.",
          "What's the Swiss rule for carrying over vacation days to the next year?", "Suggest a title for a paper about {topic}.",
          "Write a polite email declining a review request for {venue}, I'm at capacity.", "bash one-liner to count lines in all .jsonl files in a folder",
          "What is a good recipe for dinner with leeks, potatoes and gruyère?", "Explain McNemar's test and when to use it instead of a t-test.")  # fmt: skip
RS_SLOTS = {"n": ("3", "4", "5"), "venue": ("ACL", "NeurIPS", "ICLR", "EMNLP"),
            "topic": ("calibration of instruction-tuned models", "multilingual reasoning shortcuts", "evaluation contamination")}  # fmt: skip
RS_FOLLOW = (
    "thanks, and shorter?",
    "that doesn't compile, I get 'Missing } inserted'",
    "can you give an example?",
    "ok perfect",
)
RS_AFTER = ("I evaluated a model on MMLU (1531 questions) and got 78.4% accuracy. How do I compute a 95% confidence interval?",
            "Is a 1.6 point difference on MMLU val (n=1531) significant? Both models answered the same questions.",
            "Write two sentences for a rebuttal saying we added the requested MMLU results in Table 3.",
            "Which MMLU subjects are usually counted as STEM?")  # fmt: skip
RS_STEM = ("abstract_algebra", "astronomy", "college_biology", "college_chemistry", "college_computer_science", "college_mathematics",
           "college_physics", "computer_security", "conceptual_physics", "electrical_engineering", "elementary_mathematics", "high_school_biology",
           "high_school_chemistry", "high_school_computer_science", "high_school_mathematics", "high_school_physics", "high_school_statistics",
           "machine_learning", "anatomy")  # fmt: skip
RS_SWEEP_DAY = 38  # Thursday of week 6


def _rs_sessions(
    rng: random.Random, day: int, chats: list[Row], extra: tuple[str, ...] = ()
) -> list[Request]:
    out = []
    if rng.random() > (0.72 if day % 7 < 5 else 0.45) and not extra:
        return out
    t = utc(day, rng.choice((rng.uniform(9, 12), rng.uniform(13, 18), rng.uniform(20, 23.5))), RS_TZ)
    for text in extra:
        out += convo(rng, t, [text], [], {"temperature": 0.7})
        t = out[-1].ts + rng.uniform(1, 20) * MINUTE
    for _ in range(rng.choice((1, 1, 2, 3))):
        if chats and rng.random() < 0.6:
            r = chats.pop()
            k = min(3, len(r.turns))
            reqs = convo(rng, t, list(r.turns[:k]), list(r.replies[:k]), {"temperature": 0.7}, None, r.id)
        else:
            turns = [fill(rng, rng.choice(RS_ASK), RS_SLOTS)] + (
                [rng.choice(RS_FOLLOW)] if rng.random() < 0.3 else []
            )
            reqs = convo(rng, t, turns, [], {"temperature": 0.7})
        out += reqs
        t = reqs[-1].ts + rng.uniform(2, 40) * MINUTE
    return out


def _rs_sweep(rng: random.Random, mmlu: list[Row]) -> list[Request]:
    p = {"temperature": 0, "max_tokens": 5}
    run = [one(r.first, p, None, None, r.id) for r in mmlu]
    crash = 905
    first = run[:crash]
    pool(rng, utc(RS_SWEEP_DAY, 21.67, RS_TZ), jobs_of(first), 16, (0.0, 0.02))
    retries = [again(q, q.ts + rng.uniform(1, 8)) for q in first[-90:] if rng.random() < 0.35]
    resumed = run[crash - 40 :]
    resumed = [again(q, 0.0) for q in resumed[:40]] + resumed[40:]
    pool(rng, utc(RS_SWEEP_DAY + 1, 8.85, RS_TZ), jobs_of(resumed), 8, (0.0, 0.05))
    cot = [one(r.first.rsplit("Answer:", 1)[0].rstrip() + "\n\nThink step by step, then give your final answer as 'Answer: <letter>'.",
               {"temperature": 0, "max_tokens": 768}, None, None, r.id) for r in mmlu if r.extra.get("subject") in RS_STEM]  # fmt: skip
    pool(rng, utc(RS_SWEEP_DAY + 1, 15.3, RS_TZ), jobs_of(cot), 8, (0.0, 0.05))
    return first + retries + resumed + cot


def researcher_sweep(weeks: int = 7) -> list[KeyTraffic]:
    rng = R("zurich")
    chats = [r for r in src("arena_even") if bucket(r, 4) == 2]
    rng.shuffle(chats)
    mmlu = list(src("mmlu_val_zeroshot"))
    kt = mk("b21-postdoc-personal", "researcher_sweep", "benign", "heavy", drawn_client(rng, "openai-python"), actor="b21-postdoc",
            timing="simulated: personal sessions on ~2 days in 3 (UTC+1) for seven weeks; a one-off MMLU sweep Thursday of week 6 21:40, resumed next morning, STEM CoT that afternoon",
            sources=("arena_even", "mmlu_val_zeroshot"), settings={"sweep_day": RS_SWEEP_DAY, "mmlu": len(mmlu)})  # fmt: skip
    for day in range(weeks * 7):
        if RS_SWEEP_DAY <= day <= RS_SWEEP_DAY + 1:
            continue
        extra = RS_AFTER if day in (RS_SWEEP_DAY + 2, RS_SWEEP_DAY + 4) else ()
        kt.requests += _rs_sessions(rng, day, chats, extra[:2] if day == RS_SWEEP_DAY + 2 else extra[2:])
    kt.requests += _rs_sweep(rng, mmlu)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 7. A SHARED RESEARCH KEY OVER A SEMESTER with changing students (an NLP lab in Montréal,
# UTC-5; one key in the lab's account, used from the lab's GPU server and laptops through the lab's
# pinned environment). Fifteen weeks; students arrive and leave, each with a project in a window of
# weeks: BIG-Bench-Hard direct vs chain-of-thought on four tasks (weeks 1-5); LSAT / LogiQA from
# AGIEval with a CoT rerun (weeks 2-6); TruthfulQA answers plus a stated-confidence turn (weeks 3-8);
# IFEval English with and without a format system prompt (weeks 6-9); HumanEval pass@5 (n=5, T 0.8)
# and greedy (weeks 8-12); MT-Bench two-turn answers then single-answer judging (weeks 10-13); XSTest
# with and without a safety system prompt (weeks 11-14); plus a thesis writer's chats and the PI's
# occasional asks all term. Each project runs in sessions (a pilot of a few items, full runs,
# reruns) at the student's hours, in notebook loops or small async pools. Items: the public suites
# named (BBH first 30 of each of four tasks, TruthfulQA first 150, IFEval English first 150, HumanEval,
# MT-Bench, XSTest first 150, AGIEval LSAT-LR and LogiQA-en first 120 each). Replies: stubs (judge
# prompts quote them).
LAB_TZ = -5.0
LAB_BBH_TASKS = ("date_understanding", "logical_deduction_five_objects", "navigate", "causal_judgement")
LAB_JUDGE = ("[Instruction]\nPlease act as an impartial judge and evaluate the quality of the response provided by an AI assistant to the "
             "user question displayed below. Be objective. After your explanation, rate the response on a scale of 1 to 10 by strictly "
             "following this format: \"[[rating]]\".\n\n[Question]\n{q}\n\n[The Start of Assistant's Answer]\n{a}\n[The End of Assistant's Answer]")  # fmt: skip
LAB_THESIS = ("Can you improve the flow of this paragraph from my thesis intro: '{para}'", "What's the difference between 'robustness' and 'generalization' in NLP papers?",
              "Give me 3 possible titles for a chapter on {topic}.", "How do I cite a dataset that has no paper in ACL style?",
              "Is this sentence grammatical: 'The models which we evaluated them all fail on negation.'", "Summarise the idea of {topic} in 3 sentences for a non-expert.")  # fmt: skip
LAB_PI = ("Draft a short reply to the area chair thanking them and confirming we will add the ablation.", "Summarise this abstract in 2 lines: {para}",
          "Suggest 5 discussion questions for a reading group on {topic}.", "Write a friendly reminder to students that the shared API key has a monthly budget.")  # fmt: skip
LAB_SLOTS = {"para": ("Large language models are increasingly used as evaluators, yet their judgements vary with prompt wording and answer order.",
                      "We study whether chain-of-thought explanations reflect the computation that produces a model's answer.",
                      "Negation remains a challenge for instruction-tuned models, especially in multi-hop questions."),
             "topic": ("faithfulness of explanations", "LLM-as-a-judge", "calibration", "negation", "instruction following")}  # fmt: skip
Session = tuple[int, list[list[Request]]]  # (workers; 1 = a notebook loop), jobs


def _lab_runs(jobs: list[list[Request]], pilot: int, rerun: float, rng: random.Random) -> list[Session]:
    """A project's sessions: a pilot on a few items, the full run, and a rerun of a share of items."""
    copy = [[again(q, 0.0) for q in job] for job in rng.sample(jobs, int(len(jobs) * rerun))]
    pilot_jobs = [[again(q, 0.0) for q in job] for job in jobs[:pilot]]
    return [(1, pilot_jobs), (rng.choice((1, 4, 8)), jobs), (rng.choice((1, 4)), copy)]


def _lab_projects(rng: random.Random) -> dict[str, tuple[int, int, list[Session]]]:
    """project -> (first week, last week, sessions)."""
    bbh: dict[str, list[Row]] = {}
    for r in src("bbh"):
        bbh.setdefault(r.extra["task"], []).append(r)
    direct = [
        [one(f"{r.first}\n\nAnswer:", {"temperature": 0, "max_tokens": 32}, None, None, r.id)]
        for t in LAB_BBH_TASKS
        for r in bbh[t][:30]
    ]
    cot = [
        [
            one(
                f"{r.first}\n\nLet's think step by step.",
                {"temperature": 0, "max_tokens": 512},
                None,
                None,
                r.id,
            )
        ]
        for t in LAB_BBH_TASKS
        for r in bbh[t][:30]
    ]
    agi = [
        r
        for task in ("lsat-lr", "logiqa-en")
        for r in [x for x in src("agieval_v1") if x.extra["task"] == task][:120]
    ]
    lsat = [
        [
            one(
                f"{r.first}\n\nAnswer with the letter of the correct option.",
                {"temperature": 0},
                None,
                None,
                r.id,
            )
        ]
        for r in agi
    ]
    lsat_cot = [
        [
            one(
                f"{r.first}\n\nExplain your reasoning, then answer with the letter.",
                {"temperature": 0},
                None,
                None,
                r.id,
            )
        ]
        for r in rng.sample(agi, 60)
    ]
    tqa = [chat_requests([f"Q: {r.first}\nA:", "How confident are you that your answer is correct? Reply with a number from 0 to 100."],
                         [None, None], [0.0, 0.0], {"temperature": 0, "max_tokens": 100}, None, r.id) for r in src("truthfulqa")[:150]]  # fmt: skip
    ife = [r for r in src("ifeval_multilingual") if r.extra.get("lang") == "en"][:150]
    ifeval = [
        [one(r.first, {"temperature": 0, "max_tokens": 1024}, system, None, r.id)]
        for system in (None, "Follow every formatting instruction exactly.")
        for r in ife
    ]
    he = [[one(f"Complete the following Python function. Return only the code.\n\n```python\n{r.first}\n```", p, None, None, r.id)]
          for p in ({"temperature": 0.8, "n": 5, "max_tokens": 512}, {"temperature": 0, "max_tokens": 512}) for r in src("humaneval")]  # fmt: skip
    mt = [chat_requests([r.first, r.extra["next_user_turns"][0]], [None, None], [0.0, 0.0], {"temperature": 0.7, "max_tokens": 1024}, None, r.id)
          for r in src("mt_bench") if r.extra.get("next_user_turns")]  # fmt: skip
    judge = [
        [one(LAB_JUDGE.format(q=job[0].prompt, a=job[0].reply), {"temperature": 0}, None, None, job[0].item)]
        for job in mt
    ]
    xs = src("xstest")[:150]
    xstest = [
        [one(r.first, {"temperature": 0}, system, None, r.id)]
        for system in (
            None,
            "You are a helpful, harmless and honest assistant. Refuse only requests that are actually harmful.",
        )
        for r in xs
    ]
    return {
        "bbh-cot": (1, 5, [*_lab_runs(direct, 10, 0.0, rng)[:2], *_lab_runs(cot, 10, 0.5, rng)]),
        "lsat-logic": (2, 6, [*_lab_runs(lsat, 12, 0.0, rng)[:2], (1, lsat_cot)]),
        "truthfulqa-calibration": (3, 8, _lab_runs(tqa, 15, 0.2, rng)),
        "ifeval-format": (6, 9, _lab_runs(ifeval, 8, 0.1, rng)),
        "humaneval-passk": (8, 12, _lab_runs(he, 5, 0.15, rng)),
        "mtbench-judge": (10, 13, [*_lab_runs(mt, 5, 0.0, rng)[:2], (4, judge)]),
        "xstest-refusal": (11, 14, _lab_runs(xstest, 10, 0.0, rng)[:2]),
    }


def _lab_schedule(rng: random.Random, first: int, last: int, sessions: list[Session]) -> list[Request]:
    """Sessions in order on drawn days of the project's weeks, at the student's hours."""
    days = sorted(rng.sample(range(first * 7, (last + 1) * 7), len(sessions)))
    out = []
    for day, (workers, jobs) in zip(days, sessions, strict=True):
        start = utc(day, rng.uniform(10, 23), LAB_TZ)
        if workers == 1:
            sequential(rng, start, [q for job in jobs for q in job], (0.05, 1.0))
        else:
            pool(rng, start, jobs, workers, (0.0, 0.1))
        out += [q for job in jobs for q in job]
    return out


def _lab_chats(rng: random.Random, weeks: int, texts: tuple[str, ...], per_week: float) -> list[Request]:
    out = []
    for w in range(weeks):
        for _ in range(int(per_week) + (rng.random() < per_week % 1)):
            t = utc(w * 7 + rng.randrange(7), rng.uniform(9, 23), LAB_TZ)
            turns = [fill(rng, rng.choice(texts), LAB_SLOTS)] + (
                ["thanks, can you make it a bit shorter?"] if rng.random() < 0.3 else []
            )
            out += convo(rng, t, turns, [], {"temperature": 0.7})
    return out


def semester_lab_key(weeks: int = 15) -> list[KeyTraffic]:
    rng = R("montreal")
    cl = org_client(rng, "openai-python", "OpenAI/Python 1.54.4")
    kt = mk("b21-lab-shared", "semester_lab_key", "benign", "evaluation", cl, actor="b21-lab",
            timing="simulated: fifteen weeks (UTC-5); each project's sessions on drawn days of its weeks, 10:00-23:00, notebook loops or async pools; chats through the term",
            sources=("bbh", "agieval_v1", "truthfulqa", "ifeval_multilingual", "humaneval", "mt_bench", "xstest"), settings={"weeks": weeks})  # fmt: skip
    projects = _lab_projects(rng)
    for first, last, sessions in projects.values():
        kt.requests += _lab_schedule(rng, first, last, sessions)
    kt.settings["projects"] = {name: (first, last) for name, (first, last, _) in projects.items()}
    kt.requests += _lab_chats(rng, weeks, LAB_THESIS, 2.5) + _lab_chats(rng, weeks, LAB_PI, 1.0)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 1. A SLEEPER account: opened on day 0 (no organisation, its own card, a home network in
# São Paulo, UTC-3; the operator's own small CLI on openai-python) and used for three weeks like a
# person's account - an evening session on most days and a lunch-break one on some, one to four short chats (real
# oasst2 English first turns, bucket 1 of 2, and everyday asks written here, with follow-ups). Day
# 23, 22:10 local: a concentrated harvest from the same key, same client and settings - every LIMA,
# Orca and Evol-Instruct item, verbatim, two workers pausing 2-12 s, done before dawn. Then the
# evening chats go on for a few days as before. Replies: the stored answers; the chats stubs.
SL_TZ = -3.0
SL_CHAT = ("what should I cook tonight with rice, eggs and spinach", "translate to english: 'saudade é uma palavra difícil de traduzir'",
           "best way to learn guitar chords fast?", "how many km is a half marathon", "why do cats knead blankets",
           "explain what an index fund is, simply", "recommend a sci-fi book like The Martian", "how do I remove a wine stain from a white shirt",
           "who has won the most Copa Libertadores titles", "give me a 20 minute workout I can do at home", "is it safe to drink coffee after 6pm",
           "write a short birthday message for my sister, she turns 30", "what's the difference between a virus and a bacteria",
           "how do I set up a python virtual environment on windows", "tips for a job interview in English")  # fmt: skip
SL_FOLLOW = ("thanks!", "shorter please", "and in portuguese?", "can you give another option?", "why?")
SL_HARVEST = 23  # the harvest night


def _sl_session(
    rng: random.Random, day: int, chats: list[Row], p: dict, hours: tuple[float, float]
) -> list[Request]:
    out = []
    t = utc(day, rng.uniform(*hours), SL_TZ)
    for _ in range(rng.choice((1, 2, 2, 3, 4))):
        if chats and rng.random() < 0.45:
            r = chats.pop()
            turns, item = [r.first], r.id
        else:
            turns, item = [rng.choice(SL_CHAT)], ""
        turns += [rng.choice(SL_FOLLOW)] if rng.random() < 0.4 else []
        reqs = convo(rng, t, turns, [], p, None, item)
        out += reqs
        t = reqs[-1].ts + rng.uniform(1, 25) * MINUTE
    return out


def sleeper_account(days: int = 28) -> list[KeyTraffic]:
    rng = R("sleeper")
    chats = [
        r
        for r in src("oasst2_threads")
        if bucket(r, 2) == 1 and r.extra.get("lang") == "en" and len(r.first) < 600
    ]
    rng.shuffle(chats)
    rows = items(
        list(src("lima")) + list(src("orca_dpo_pairs_val")) + list(src("evol_instruct_h2o")), 10, 4000
    )
    rng.shuffle(rows)
    p = {"temperature": 0.7, "max_tokens": 2048}
    kt = mk("d21-sleeper", "sleeper_account", "distiller", "distiller", drawn_client(rng, "openai-python"), actor="d21-sleeper",
            timing="simulated: evening sessions (UTC-3) on ~70% of days and lunch sessions on ~30% for three weeks; a two-worker harvest from 22:10 on day 23; evenings again after",
            sources=("oasst2_threads", "lima", "orca_dpo_pairs_val", "evol_instruct_h2o"), settings={"harvest_day": SL_HARVEST, "items": len(rows)})  # fmt: skip
    for day in range(days):
        if day != SL_HARVEST and rng.random() < 0.7:
            kt.requests += _sl_session(rng, day, chats, p, (19.0, 23.0))
        if day != SL_HARVEST and rng.random() < 0.3:
            kt.requests += _sl_session(rng, day, chats, p, (12.0, 13.5))
    jobs = [[one(r.first, p, None, r.answer, r.id, True)] for r in rows]
    pool(rng, utc(SL_HARVEST, 22.17, SL_TZ), jobs, 2, (2, 12))
    kt.requests = sorted_reqs(kt.requests + [j[0] for j in jobs])
    return [kt]


# =============================================================================================
# DISTILLER 2. A WARM-UP harvester that RAMPS ITS RATE SLOWLY over four weeks (an account in Istanbul,
# UTC+3, no organisation; one Python script on openai-python), so that no day looks very different
# from the day before: a daily quota of 6 requests growing 14% a day (about 2x a week) up to 240.
# Days 0-7 the quota is sent by hand-like sessions at think() pace with a share of developer
# chatter written here (30%, fading to nothing by day 14); days 8-17 a single throttled worker in a
# daily window that widens from 2 to 7 hours; from day 18 two workers in a 16-hour window. Items:
# codealpaca bucket 0 of 2 and InstructionWild English bucket 0 of 2, verbatim, until done (about four
# weeks). Replies: the stored answers (InstructionWild: stubs); chatter stubs.
WU_TZ = 3.0
WU_CHATTER = ("what's the difference between temperature and top_p?", "how do I stream responses with the openai python library",
              "write a python function that retries an HTTP call with exponential backoff", "what does a 429 error mean",
              "explain async/await in python in simple terms", "how many tokens is a typical english word", "is json mode reliable for parsing?",
              "how do I count tokens before sending a request", "give me a regex for email addresses", "what's a good way to store API keys in a project")  # fmt: skip


def wu_quota(day: int) -> int:
    return min(240, round(6 * 1.14**day))


def _wu_day(rng: random.Random, day: int, todo: list[Request], p: dict) -> list[Request]:
    """Day `day`'s quota, sent as sessions (week 1), one throttled worker, or two workers."""
    n = min(len(todo), wu_quota(day))
    chatter = int(n * max(0.0, 0.3 - 0.3 * day / 14))
    reqs = [todo.pop() for _ in range(n - chatter)] + [one(rng.choice(WU_CHATTER), p) for _ in range(chatter)]
    rng.shuffle(reqs)
    if day < 8:
        t = utc(day, rng.uniform(10, 20), WU_TZ)
        for i, q in enumerate(reqs):
            t = talk(rng, t, [q]) + (rng.uniform(0.5, 3) * HOUR if i and i % rng.randint(4, 9) == 0 else 0.0)
        return reqs
    hours = min(7.0, 2 + 0.5 * (day - 8)) if day < 18 else 16.0
    workers = 1 if day < 18 else 2
    gap = max(1.0, hours * HOUR * workers / max(1, len(reqs)) - 8.0)
    pool(
        rng,
        utc(day, 9.0 if day < 18 else 8.0, WU_TZ) + rng.uniform(0, 900),
        jobs_of(reqs),
        workers,
        (0.5 * gap, 1.5 * gap),
    )
    return reqs


def warmup_ramp(days: int = 32) -> list[KeyTraffic]:
    rng = R("warmup")
    rows = items([r for r in src("codealpaca_2k") if bucket(r, 2) == 0])
    rows += items(
        [r for r in src("instructionwild") if english(r.first) and bucket(r, 2) == 0],
        10,
        3000,
        answered=False,
    )
    rng.shuffle(rows)
    p = {"temperature": 0.7}
    todo = [one(r.first, p, None, r.answer, r.id, True) for r in rows]
    kt = mk("d21-warmup", "warmup_ramp", "distiller", "distiller", drawn_client(rng, "openai-python"), actor="d21-warmup",
            timing="simulated: a quota growing 14%/day (UTC+3): person-paced sessions in week 1, one throttled worker in a widening window, then two workers 08:00-24:00",
            sources=("codealpaca_2k", "instructionwild"), settings={"items": len(rows), "quota": "min(240, 6*1.14^day)"})  # fmt: skip
    for day in range(days):
        if todo:
            kt.requests += _wu_day(rng, day, todo, p)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 3. A COMPROMISED AND RESOLD KEY. The owner: an indie developer in Manila (UTC+8) whose
# Telegram trivia bot "QuizWhiz" (python-telegram-bot on openai-python, the bot's system prompt)
# answers ~85 real user questions a day (real NQ-open queries, bucket 2 of 4, 15% follow-ups) and
# posts a daily quiz at 08:00. Day 3, 16:20 local: the owner pushes a .env to a public repository;
# a key scraper checks the key four minutes later (one tiny request); the key is resold, and from
# day 4 10:00 the buyer harvests through it - one worker, 40-200 s between items, 09:00-02:00 in the
# same time zone, stopping at ~260 items a day to stay under the owner's spend alert - while the
# owner's traffic goes on unchanged. Day 8, 12:00: the owner sees the bill and revokes the key
# (the owner's new key is not part of this persona). One key, labelled distiller; the harvest's
# requests are the distill share. The key's client metadata is the owner's (this format keeps one
# client per key; a real gateway would also see the buyer's own user agent). Items: BELLE-dev bucket
# 0 of 2 and ShareGPT-zh first turns bucket 0 of 2. Replies: the stored answers; the owner's stubs.
QW_TZ = 8.0
QW_SYSTEM = ("You are QuizWhiz, a Telegram trivia bot. Answer the user's question correctly in 1-3 sentences, then add a fun related fact. "
             "If the question is unclear, guess what they mean.")  # fmt: skip
QW_QUIZ = "Generate today's quiz: 5 multiple-choice trivia questions about {t}, each with 4 options and the answer on a separate line."
QW_TOPICS = (
    "world capitals",
    "90s movies",
    "the Philippines",
    "space",
    "football",
    "famous inventors",
    "music",
    "animals",
    "food",
)
QW_FOLLOW = ("explain more", "are you sure?", "what year?", "source?", "wow didn't know", "another fact pls")
QW_LEAK = (
    3,
    16.33,
    4,
    12.0,
)  # day, hour of the push, day the harvest starts, hour the key is revoked on day 8
QW_REVOKE = 8


def _qw_owner(rng: random.Random, end: float, asks: list[Row]) -> list[Request]:
    out = []
    p = {"temperature": 0.5, "max_tokens": 300}
    for day in range(QW_REVOKE + 1):
        quiz = one(fill(rng, QW_QUIZ, {"t": QW_TOPICS}), {"temperature": 0.9, "max_tokens": 700}, QW_SYSTEM)
        quiz.ts = utc(day, 8.0, QW_TZ) + rng.uniform(1, 20)
        out.append(quiz)
        t0 = utc(day, 0.0, QW_TZ)
        for t in shaped(rng, t0, t0 + DAY, 85, CONSUMER, QW_TZ):
            if not asks:
                break
            r = asks.pop()
            turns = [r.first if rng.random() < 0.7 else r.first.capitalize() + "?"] + (
                [rng.choice(QW_FOLLOW)] if rng.random() < 0.15 else []
            )
            out += convo(rng, t, turns, [], p, QW_SYSTEM, r.id)
    return [q for q in out if q.ts < end]


def _qw_harvest(rng: random.Random, end: float, rows: list[Row]) -> list[Request]:
    p = {"temperature": 0.8, "max_tokens": 2048}
    out, day = [], QW_LEAK[2]
    while rows and utc(day, 10.0, QW_TZ) < end:
        jobs = [[one(r.first, p, None, r.answer, r.id, True)] for r in rows[:260]]
        del rows[:260]
        pool(rng, utc(day, rng.uniform(9.0, 11.0), QW_TZ), jobs, 1, (40, 200), (QW_TZ, 9.0, 17.0))
        out += [j[0] for j in jobs if j[0].ts < end]
        day += 1
    return out


def compromised_key() -> list[KeyTraffic]:
    rng = R("quizwhiz")
    asks = [r for r in src("nq_open_dev") if bucket(r, 4) == 2]
    rng.shuffle(asks)
    rows = items(
        [r for r in src("belle_dev1k") if bucket(r, 2) == 0]
        + [r for r in src("sharegpt_zh_1k") if bucket(r, 2) == 0],
        4,
        2500,
    )
    rng.shuffle(rows)
    end = utc(QW_REVOKE, QW_LEAK[3], QW_TZ)
    kt = mk("d21-quizwhiz-bot", "compromised_key", "distiller", "distiller", drawn_client(rng, "openai-python"), actor="d21-quizwhiz-buyer",
            timing="simulated: the owner's bot on a consumer curve (UTC+8) for eight and a half days; a key check at the leak; the buyer's throttled worker 09:00-02:00 from day 4 to the revocation",
            sources=("nq_open_dev", "belle_dev1k", "sharegpt_zh_1k"), settings={"leak": QW_LEAK, "revoked_day": QW_REVOKE, "items": len(rows)})  # fmt: skip
    check = one("hi", {"max_tokens": 1}, None, None, "", True)
    check.ts = utc(QW_LEAK[0], QW_LEAK[1], QW_TZ) + rng.uniform(3.5, 5.0) * MINUTE
    kt.requests = sorted_reqs([*_qw_owner(rng, end, asks), check, *_qw_harvest(rng, end, rows)])
    return [kt]


# =============================================================================================
# DISTILLER 4. A harvest DRESSED AS A PROVIDER-MIGRATION EVALUATION ("Brightwave", New York, UTC-5: an
# organisation account, a website that sells an "AI writing and research assistant"; openai-python
# pinned). What the operator tells the world: "we replay last week's production log against each
# candidate provider, then have a judge compare the answers." What it is: every Tuesday for three
# weeks a "log export" of ~450 real users' prompts that are not its users' - ShareGPT-en conversation
# openings (up to two logged turns each, the stored ChatGPT replies in the history as the "legacy
# provider's" answers) and InstructionWild English prompts (bucket 1 of 2) - sent by six workers in
# an afternoon under the app's system prompt, then a judge pass on a quarter of them (the stored reply
# as the "legacy" answer, JSON verdicts). It never "cuts over": between exports there is only a trickle
# of a "beta" rewriting feature (written here, 8-20 requests a weekday) and the next week brings a new
# export. Replies: single-turn items carry the stored answer (InstructionWild: stubs); multi-turn logged
# requests carry this server's answer (a stub; the history holds the stored replies); judge calls
# stand-in JSON; the beta trickle stubs.
BW_TZ = -5.0
BW_SYSTEM = "You are Brightwave, an AI writing and research assistant. Give thorough, well-structured and accurate answers."
BW_JUDGE = ("Migration eval. Compare the legacy provider's answer with the candidate's answer to the same user prompt. Score each 1-10 "
            "on accuracy, completeness and style and choose a winner.\n\nPROMPT:\n{q}\n\nLEGACY:\n{a}\n\nCANDIDATE:\n{b}\n\n"
            "Output JSON: {{\"legacy\": <int>, \"candidate\": <int>, \"winner\": \"legacy\"|\"candidate\"|\"tie\", \"notes\": <string>}}")  # fmt: skip
BW_BETA = ("Rewrite this to sound more confident: '{s}'", "Make this paragraph shorter without losing meaning: '{s}'",
           "Fix grammar and punctuation: '{s}'", "Turn this into three bullet points: '{s}'", "Write a subject line for an email that says: '{s}'")  # fmt: skip
BW_S = ("I think maybe we could possibly consider moving the launch to next month if that works for everyone.",
        "our team have been working on the new dashboard which we hope to release soon and it will have alot of improvements",
        "Thank you for your patience while we look into the billing issue you reported last week.",
        "The quarterly numbers came in below expectations, mostly because of delays in the EU rollout and higher cloud costs.",
        "We would like to invite you to a short call to discuss how our platform can help your content team.")  # fmt: skip
BW_EXPORTS = (1, 8, 15)  # Tuesdays


def _bw_export(rng: random.Random, rows: list[Row]) -> list[tuple[Request, str | None]]:
    out = []
    for r in rows:
        n = min(2, len(r.turns))
        if n == 1:
            out.append(
                (
                    one(r.first, {"temperature": 0.7, "max_tokens": 2048}, BW_SYSTEM, r.answer, r.id, True),
                    r.answer,
                )
            )
            continue
        reqs = chat_requests(
            list(r.turns[:n]),
            list(r.replies[:n]),
            [0.0] * n,
            {"temperature": 0.7, "max_tokens": 2048},
            BW_SYSTEM,
            r.id,
            True,
            True,
        )
        out += list(zip(reqs, r.replies[:n], strict=True))
    return out


def _bw_judge(rng: random.Random, sent: list[tuple[Request, str | None]]) -> list[Request]:
    out = []
    for q, legacy in sent:
        if legacy and rng.random() < 0.25:
            s = rng.randint(5, 9), rng.randint(5, 9)
            win = "tie" if s[0] == s[1] else ("candidate" if s[1] > s[0] else "legacy")
            text = BW_JUDGE.format(q=q.prompt, a=legacy, b=q.reply)
            out.append(one(text, {"temperature": 0, "response_format": {"type": "json_object"}}, None,
                           jd({"legacy": s[0], "candidate": s[1], "winner": win, "notes": "Comparable."}), q.item, True))  # fmt: skip
    return out


def migration_eval_disguise(days: int = 19) -> list[KeyTraffic]:
    rng = R("brightwave")
    rows = items([r for r in src("sharegpt_en_sample") if opening(r) and english(r.first)], 10, 4000)
    rows += items(
        [r for r in src("instructionwild") if english(r.first) and bucket(r, 2) == 1],
        10,
        3000,
        answered=False,
    )
    rng.shuffle(rows)
    cl = org_client(rng, "openai-python", "OpenAI/Python 1.58.1")
    kt = mk("d21-brightwave-eval", "migration_eval_disguise", "distiller", "distiller", cl, actor="d21-brightwave",
            timing="simulated: a 'log export' replayed every Tuesday 13:00 (UTC-5) by six workers, a judge pass after; a weekday beta trickle 09:00-18:00",
            sources=("sharegpt_en_sample", "instructionwild"), settings={"exports": BW_EXPORTS, "items": len(rows)})  # fmt: skip
    per = -(-len(rows) // len(BW_EXPORTS))
    for k, day in enumerate(BW_EXPORTS):
        sent = _bw_export(rng, rows[k * per : (k + 1) * per])
        end = pool(
            rng, utc(day, rng.uniform(12.5, 14.0), BW_TZ), jobs_of([q for q, _ in sent]), 6, (0.05, 0.5)
        )
        judge = _bw_judge(rng, sent)
        pool(rng, end + rng.uniform(0.5, 2.0) * HOUR, jobs_of(judge), 3)
        kt.requests += [q for q, _ in sent] + judge
    for day in range(days):
        if day % 7 < 5:
            for t in shaped(
                rng, utc(day, 0.0, BW_TZ), utc(day + 1, 0.0, BW_TZ), rng.randint(8, 20), OFFICE, BW_TZ
            ):
                kt.requests += convo(
                    rng, t, [fill(rng, rng.choice(BW_BETA), {"s": BW_S})], [], {"temperature": 0.7}, BW_SYSTEM
                )
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 5. A harvester that ROTATES ITS KEY ON A SCHEDULE, mimicking a security policy ("Meridian
# Health Tech", Shenzhen, UTC+8: one organisation account, one card, one office network, a knowledge-
# base service on httpx). A Terraform job rotates the key every Monday 03:00 UTC; the old key stays
# valid 24 hours. Two harvesting workers read the key from a vault: worker A picks up the new key
# within the hour, worker B only when its old key is revoked a day later - so each rotation has a
# day of overlap, as in a real rolling rotation. Each worker sends one item, waits for the answer,
# sleeps 10-22 minutes, 09:00-19:00 local on weekdays (~70 items a day in all), 8% with a "more
# detail" second turn, under a medical knowledge-base system prompt, until done (about three and a half
# weeks, four keys). Items: Huatuo bucket 0 of 3 and MOSS Chinese first turns bucket 0 of 2 (no image or
# web-search rows). Replies: the stored answers; second turns stubs.
MH_TZ = 8.0
MH_SYSTEM = "你是Meridian医疗知识库助手。请根据医学知识，准确、详细地回答用户的问题，并在需要时提醒用户就医。"
MH_MORE = ("请再详细说明一下治疗方案。", "有哪些注意事项？", "能补充一下病因吗？")
MH_UA = "meridian-kb/0.7.2 python-httpx/0.27.2"


def mh_key(t: float, lag: float) -> int:
    """The key a worker uses at `t`: rotation k is at Monday 03:00 UTC of week k; the worker
    switches `lag` seconds after it."""
    return max(0, int((t - lag - (T0 + 3 * HOUR)) // (7 * DAY)))


def _mh_worker(rng: random.Random, jobs: list[list[Request]], start: float) -> None:
    t = start
    for job in jobs:
        t = weekday_open(rng, t, MH_TZ, 9.0, 10.0)
        for q in job:
            q.ts = t
            t += latency(rng, len(q.reply or "") // 2 + 10) + rng.uniform(20, 90)
        t += rng.uniform(10, 22) * MINUTE


def weekly_rotation(workers: int = 2) -> list[KeyTraffic]:
    rng = R("meridian")
    moss = [
        r
        for r in src("moss_sft_sample")
        if HAN.search(r.first) and r.extra.get("category") not in ("text2img", "web_search")
    ]
    rows = items(
        [r for r in src("huatuo_med_zh") if bucket(r, 3) == 0] + [r for r in moss if bucket(r, 2) == 0],
        4,
        2500,
    )
    rng.shuffle(rows)
    p = {"temperature": 0.3, "max_tokens": 1500}
    jobs = []
    for r in rows:
        follow = rng.random() < 0.08
        turns, replies = [r.first, rng.choice(MH_MORE)][: 1 + follow], [r.answer, None][: 1 + follow]
        jobs.append(chat_requests(turns, replies, [0.0] * len(turns), p, MH_SYSTEM, r.id, True))
    lags = [rng.uniform(5, 55) * MINUTE, DAY + rng.uniform(1, 6) * MINUTE]
    for w in range(workers):
        _mh_worker(rng, jobs[w::workers], utc(1, 9.0, MH_TZ) + rng.uniform(0, 1800))
    shared = {"payment_fingerprint": f"pm-{rng.getrandbits(48):012x}", "signup_network": "119.123.77.0/24",
              "organisation": f"org-{rng.getrandbits(40):010x}"}  # fmt: skip
    keys: dict[int, KeyTraffic] = {}
    for w in range(workers):
        for job in jobs[w::workers]:
            k = mh_key(job[0].ts, lags[w % 2])
            if k not in keys:
                keys[k] = mk(f"d21-meridian-kb-w{k:02d}", "weekly_rotation", "distiller", "distiller",
                             corp(MH_UA, "httpx", account(R("meridian", k), **shared)), actor="d21-meridian",
                             timing="simulated: two throttled workers 09:00-19:00 weekdays (UTC+8); the key rotates Mondays 03:00 UTC with a day's overlap",
                             sources=("huatuo_med_zh", "moss_sft_sample"), settings={"rotation": k})  # fmt: skip
            keys[k].requests += job
    out = [keys[k] for k in sorted(keys)]
    for kt in out:
        kt.requests = sorted_reqs(kt.requests)
    return out


# =============================================================================================
# DISTILLER 6. A harvester that PAUSES FOR DAYS and RESUMES WHERE IT LEFT OFF (an operator in Warsaw,
# UTC+1, one key, no organisation; a requests-based script on a spot VM with a checkpoint file).
# It runs in bursts of 3-8 hours - one worker, 40-120 s between items - then stops for two to six
# days (the VM pre-empted, the operator's own pipeline redeployed, or waiting to see whether
# anything happened to the key). Each resume starts with a health check ("Reply with OK"), then
# re-sends the 3-6 items that were in flight when the process died (not yet checkpointed), then
# continues from the checkpoint. Settings change between bursts as the operator fixes things:
# max_tokens 1024, then 2048 after truncated answers, then a system prompt from the third burst.
# Items: codealpaca bucket 1 of 2 and MOSS English first turns (no image or web-search rows),
# verbatim, until done. Replies: the stored answers; the health checks stubs.
PZ_TZ = 1.0
PZ_SYSTEM = "You are a senior software engineer and a patient teacher. Give complete, correct answers, with code where relevant."


def _pz_params(burst: int) -> tuple[dict, str | None]:
    p = {"temperature": 0.6, "max_tokens": 1024 if burst == 0 else 2048}
    return p, (PZ_SYSTEM if burst >= 2 else None)


def _pz_burst(
    rng: random.Random, burst: int, start: float, rows: list[Row], pos: int, lost: list[Row]
) -> tuple[list[Request], int, list[Row]]:
    """One burst from `start`: a health check, the lost in-flight items, then items from `pos`
    until its hours are up; returns the requests, the new checkpoint and the items in flight."""
    p, system = _pz_params(burst)
    check = one("Reply with OK", {"max_tokens": 3})
    check.ts = start
    out, t = [check], start + rng.uniform(2, 15)
    stop = start + rng.uniform(3, 8) * HOUR
    todo = lost + rows[pos:]
    sent = 0
    for r in todo:
        if t >= stop:
            break
        q = one(r.first, p, system, r.answer, r.id, True)
        q.ts = t
        out.append(q)
        t += latency(rng, len(r.answer or "") // 4 + 10) + rng.uniform(40, 120)
        sent += 1
    done = max(0, sent - len(lost))
    pos += done
    inflight = rows[max(0, pos - rng.randint(3, 6)) : pos] if pos < len(rows) else []
    return out, pos, inflight


def pause_resume(max_bursts: int = 12) -> list[KeyTraffic]:
    rng = R("pauser")
    moss = [
        r
        for r in src("moss_sft_sample")
        if not HAN.search(r.first) and r.extra.get("category") not in ("text2img", "web_search")
    ]
    rows = items([r for r in src("codealpaca_2k") if bucket(r, 2) == 1] + moss)
    rng.shuffle(rows)
    kt = mk("d21-pauser", "pause_resume", "distiller", "distiller", drawn_client(rng, "requests"), actor="d21-pauser",
            timing="simulated: bursts of 3-8 h (one worker, 40-120 s between items) separated by 2-6 day pauses (UTC+1), resuming from a checkpoint",
            sources=("codealpaca_2k", "moss_sft_sample"), settings={"items": len(rows)})  # fmt: skip
    pos, lost, t, bursts = 0, [], utc(0, 14.0, PZ_TZ), []
    for burst in range(max_bursts):
        if pos >= len(rows):
            break
        reqs, pos, lost = _pz_burst(rng, burst, t, rows, pos, lost)
        kt.requests += reqs
        bursts.append(round((t - T0) / DAY, 2))
        t = utc(local_day(reqs[-1].ts, PZ_TZ) + rng.randint(2, 6), rng.uniform(8, 22), PZ_TZ)
    kt.settings["bursts"] = bursts
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


BENIGN = (
    migration_replay,
    viral_launch,
    exam_season_tutor,
    rotated_key,
    prototype_to_production,
    researcher_sweep,
    semester_lab_key,
)
DISTILL = (
    sleeper_account,
    warmup_ramp,
    compromised_key,
    migration_eval_disguise,
    weekly_rotation,
    pause_resume,
)

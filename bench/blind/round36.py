"""Blind persona set 36 (an outside reviewer): 8 benign builders on 23 keys, 8 distiller actors on 24 keys.

Written blind: without reading the detector's code, docs, tests or results, and without replaying anything.
What was read, all of it: src/stillroom/detector/types.py and the realtraffic helpers __init__.py,
records.py, timing.py, clients.py, pools.py and context.py, each in full (benign, distill, evals, wordings,
suite and replay were not opened; importing the helpers runs the package's __init__, which imports them).
bench/blind/round35.py and round34.py in full (some of their helpers are imported here; round 33, round 31
and round 2, which they import from, were not opened: the two names taken through them, `src` and `htiming`
of round 2 and round 33's EPOCH and DAYS, are used as rounds 34 and 35 use them, and EPOCH/DAYS were printed
once). Outside the detector, to send what the gateway sends: src/stillroom/guard/detection.py lines 1-240
(EVENT_PARAMS, `detector_events`, `detector_event`, `_early`, `_message_text`) and guard/schemas.py lines
1-120 plus a grep of its `def` and constant lines (`prompt_text`, `asked_text`, `asked_turn`,
`instructions_text`); requests with a response schema go through round 35's `wire`, which renders a body
the way those lines describe. ../shared/traffic/README.md in full and the folder's listing, and one-off
run-time looks at the traffic files (no text of that folder is copied here; rows are read at run time):
row counts and counts after round 34's `distinct`, user-turn histograms, `extra` field names, stored-reply
counts and mean turns of Arena, hh-rlhf, oasst2, ShareGPT and MOSS, the `lang` counts of InstructionWild and
oasst2, oasst2's tree count and its eight users with the most user turns, XSTest's labels and types, MOSS's
categories, how many Orca rows carry a system prompt. `ls` of bench/blind/ and of .venv/bin, and
pyproject.toml's ruff and pytest lines. The only git command run was `git status --short`, once at the
end.

ALL parameters below (volumes, rates, shares, days, hours, workers, timeouts, retry rules, templates) were
fixed before anything was built, from what the tools and people they stand for do, and none is tuned on an
outcome (there is none to see: the writer built the traffic only - to check that it imports, builds
identically twice (every key's requests hashed; in one process and in two with different
PYTHONHASHSEED), gives the designed volumes and sends no data row or first-turn text from two personas,
printing two sampled requests per key and counting repeated bodies, incident-window failures, greeting
misses, outage routing and CI prompt versions - and replayed nothing). Changes after the first build: see
CHANGES AFTER THE FIRST BUILD at the end of this docstring.

Focus: OPERATIONS AND INFRASTRUCTURE - what real API customers' traffic looks like once SDKs, retries,
batch runners, caches, failover, monitors and CI shape it, and distillers who hide inside those shapes.
One upstream incident is shared by every persona that retries: on day 9 from 14:12 to 15:42 UTC 35% of
attempts get a fast 5xx (0.4% at other times); SDK clients resend the identical body after their backoff
(openai-python / openai-js: 0.5 s doubling to 8 s, minus up to 25% jitter), a client-side timeout also
resends it; an attempt that failed carries no reply (`reply=None`).

Benign, 8 builders on 23 keys (16,629 requests as built):
1. sdk_apps (2 keys) - Nova, the assistant in a workspace product (Python SDK, timeout 60 s, max_retries
   2; Arena conversations, US day shape; after a final failure half the users press retry, resending the
   body), and Hearth, a kitchen smart display's voice backend (JS SDK, timeout 8 s, maxRetries 1; Natural
   Questions queries as spoken, morning and dinner peaks, 1% of answers stall past the timeout). 548 + 726.
2. batch_jobs (3 keys) - a search team's nightly query-intent labelling (NQ queries, 5 to a request, one
   strict JSON schema, 16 workers at 02:00 UTC-8, 14 nights), a trust-and-safety team's nightly summaries
   of reported conversations (hh-rlhf transcripts with their stored replies, JSON, 8 workers at 01:00
   UTC+1, 20 nights), a researcher's closed-book QA runs over NQ-open (two prompt templates, the same
   questions, 32 workers, days 10 and 13). 217 + 399 + 2,086.
3. monitoring (2 keys) - a synthetic monitor (two fixed one-line checks, each hourly from two locations,
   21 days, one retry on failure) and a k6 load test of a booking assistant (ten fixed prompts; a one-VU
   smoke test, then 0->20 VUs over 2 min, 5 min at 20, 1 min down, sleep(1) between iterations).
   2,027 + 1,628.
4. cached_apps (2 keys) - a companion chat app behind an exact-match response cache (24 h TTL: only misses
   reach the API; Arena and hh-rlhf conversations, 15% opened with one of twelve common greetings, whose
   bare first request is a miss about once a day), and a reference site's cached ask box (NQ queries).
   1,671 + 768.
5. region_failover (4 keys, one company, shared organisation and payment) - Lingo, a multilingual
   assistant deployed per region (oasst2 conversations routed by language: English and hh-rlhf users to
   US, European languages to EU, Asian to AP): a US outage on day 6 (13:00-19:00 UTC) fails US traffic over
   to the EU key, and on day 14 at 16:00 UTC the US key is rotated (us-a retired, us-b takes over).
   us-a 822, us-b 387, eu 283, ap 51.
6. ci_regression (2 keys) - a prompt regression suite (24 Koala questions, 4 safe and 2 unsafe XSTest
   prompts) run by GitHub Actions on every push to a prompt PR, on merge and nightly, greedy, 4 workers,
   with an LLM-rubric grader on 12 cases (no cache in CI); and one developer running the same suite
   locally on new prompt variants (cache on: only new combinations go out). 1,933 + 725.
7. chat_frontends (3 keys) - an Open WebUI instance shared by a 12-person team (streaming; title and tags
   tasks after a chat's first reply, follow-up suggestions after each; Arena conversations), a writing app
   that asks for three drafts (n=3, a fresh seed per request, 20% regenerated; Arena writing requests), and
   a Discord bot (seed fixed, author names in the turns; hh-rlhf conversations). 1,213 + 34 + 1,053.
8. real_heavy_users (5 keys) - oasst2's five users with the most user turns at their real times (23, 10,
   9, 8, 8).

Distillers, 8 actors on 24 keys (14,003 requests as built, 11,548 of them marked `distill`, the harvest):
1. batch_harvest (3 keys) - Huatuo's medical questions through the nightly batch-runner shape (16 workers
   at 02:00 UTC+8, a quarter of the key's ~800 items a night, four nights each). 795 + 794 + 794.
2. sdk_mimic (3 keys) - CodeAlpaca through the Python SDK with its retry rule and timeout, plus 4% made-up
   retries (a first attempt dropped after 1-5 s and resent), one worker per key with 5-90 s jittered
   sleeps, 10:00-19:00 (UTC+3) on working days. 700 + 710 + 699 (with retries).
3. failover_split (4 keys) - MOSS's first turns split across four "regional" keys: one script uses a key
   until its daily quota of 140, then the next key takes over within seconds (8 workers, two days). 280
   each.
4. canary_dilute (2 keys) - LIMA questions with a canary-like probe (four fixed one-liners) after every item,
   one worker, 15-45 s sleeps, around the clock; the probes are not marked `distill`. 1,026 + 1,024
   (1,025 items).
5. cache_dedup (3 keys) - ShareGPT and InstructionWild English first turns through a LiteLLM-style proxy
   whose cache drops the merged list's repeated texts (8 workers, evenings UTC-5; key 1's run crashed and
   restarted after 40 minutes, its finished items answered by the cache). 595 + 595 + 594.
6. logprob_probe (3 keys) - Chinese ShareGPT and InstructionWild prompts at top_logprobs 20, one request
   every 90 s per key from a curl loop, around the clock, like a monitoring probe. 477 + 476 + 476.
7. cron_harvest (3 keys) - BELLE, Orca (its system prompts kept) and Evol-Instruct items, two per cron run
   every 30 minutes (`*/30`), around the clock, the keys starting on days 1, 6 and 11. 446 + 445 + 445.
8. reseller (3 keys) - an API reseller's upstream keys relaying real users (Arena and hh-rlhf
   conversations, UTC-5 / UTC+1 / UTC+8) with one customer's Huatuo harvest at 15%, 20% and 25% of the key
   (2 workers, working days from 10:00 UTC+8, at most 80 a day). 572 + 571 + 649, 362 of them harvest.

Row allotment (a stable hash salted "r36" via round 34's `share`; Arena and hh-rlhf through round 34's
`distinct`; first turns over 4,000 characters left out of chat and distiller pools): arena_even in 4 -
0 Nova, 1 the cached chat app, 2 the drafts app (WRITE_RE matches that are not CODE_RE matches) and the
team's Open WebUI (the rest), 3 the reseller; hh_rlhf_harmless_test in 5 - 0 the T&S batch, 1 the cached
chat app, 2 Lingo US, 3 the reseller, 4 the Discord bot; nq_open_dev in 10 - 0-2 the intent batch, 3-5 the QA runs, 6-7 the cached ask
box, 8-9 Hearth; oasst2 (one thread per tree) - the five heavy users' threads to them, every other tree to
Lingo; koala_test and xstest - the 30 CI cases; huatuo_med_zh in 10 - 0-7 the batch harvest, 8-9 the
reseller's customer; codealpaca_2k to sdk_mimic; moss_sft_sample to failover_split; lima to canary_dilute;
sharegpt_en_sample and instructionwild English to cache_dedup; sharegpt_zh_1k and instructionwild Chinese
to logprob_probe; belle_dev1k, orca_dpo_pairs_val and evol_instruct_h2o to cron_harvest. Unlisted files are
unused. A persona may send its own row more than once (retries, reruns, regenerations, CI runs).

Timing: the heavy users keep their real thread times, moved by whole weeks into the suite's first week;
everything else is simulated: people by hour-of-day shapes (round 34's `starts`) and `timing.think`,
scripts as worker pools (`context.run_jobs`, or a pool here whose tasks include retries), monitors, cron
jobs and probes on their schedules with small jitter. Replies: stored replies where the data has them,
else the helpers' stub.

CHANGES AFTER THE FIRST BUILD, none to a rate, share, count, timeout or retry rule: the first attempt
stopped on the Open WebUI task templates (their JSON braces were not escaped for `str.format`; now `{{ }}`).
The first full build's volume check found the load test at 3,997 requests where the design's arithmetic
(200-token replies, sleep(1), 20 VUs) gives ~1,650: service times were taken from the helpers' stub reply
(~25 tokens); `tokens` now uses a default of 300 tokens (capped by max_tokens) where the reply is the stub,
as `context.service_time` does for rows without a stored answer - this moves the timing of every persona
whose replies are stubs, and took the load test to 1,628. The printed samples showed every Open WebUI
task answered with a title (each task now gets its own kind of reply), the probes of canary_dilute all
answered "OK" (each now gets its own answer), and Draftly sent a code request ("Write python code ...")
as writing (writing requests now exclude round 35's CODE_RE matches; those go to the Open WebUI team:
Draftly 54 -> 34 requests, the Open WebUI key 1,155 -> 1,213).
Then `ruff format`, and `ruff check`'s unused loop variable renamed (`loc` -> `_loc`).
"""

from __future__ import annotations

import dataclasses
import heapq
import json
import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from blind import round34
from blind.round2 import TRAFFIC, htiming, src  # round 2's reader of ../shared/traffic, its oasst2 timing
from blind.round34 import EVENING, distinct, starts, week_shift
from blind.round35 import CODE_RE, wire
from stillroom.detector.realtraffic.clients import client
from stillroom.detector.realtraffic.context import norm, run_jobs
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import Client, KeyTraffic, Request, stub_reply
from stillroom.detector.realtraffic.timing import DAY, latency, think

EPOCH = round34.EPOCH  # round 33's suite epoch (Monday 2026-03-02 00:00 UTC), as round 34 imports it
DAYS = round34.DAYS  # days 0-20


# =============================================================================================
# HELPERS
def R(*names: object) -> random.Random:
    return random.Random("blind36:" + ":".join(map(str, names)))


def share(name: str, n: int, *keep: int, longest: int = 4000) -> list[Row]:
    """Round 34's `share`, salted "r36"."""
    return round34.share(name, n, *keep, longest=longest, salt="r36")


T = TypeVar("T")


def deal(rng: random.Random, rows: list[T]) -> list[T]:
    out = list(rows)
    rng.shuffle(out)
    return out


def utc(day: int, hour: float, tz: float) -> float:
    """Unix time of `hour` on the local clock (UTC offset `tz`) of suite day `day`."""
    return EPOCH + day * DAY + (hour - tz) * 3600


def workday(d: int) -> bool:
    return d % 7 < 5


def cl(
    rng: random.Random, software: str | None, system: str | None = None, ua: str | None = None, **shared: str
) -> Client:
    return client(rng, software, system, ua, **shared)


def mk(key_id: str, persona: str, label: str, kind: str, c: Client, reqs: list[Request], timing: str,
       sources: tuple[str, ...], actor: str | None = None, **settings: object) -> KeyTraffic:  # fmt: skip
    reqs = sorted(reqs, key=lambda q: q.ts)
    return KeyTraffic(key_id, persona, label, kind, actor or key_id, c, reqs, timing, sources, dict(settings))  # type: ignore[arg-type]


def ask(
    ts: float,
    messages: list[dict],
    params: dict,
    item: str = "",
    distill: bool = False,
    reply: str | None = None,
) -> Request:
    """A chat request: the prompt is its last user message."""
    prompt = next(m["content"] for m in reversed(messages) if m["role"] == "user")
    return Request(ts, "chat", prompt, messages, dict(params), item, distill, reply or stub_reply(prompt))


def single(ts: float, system: str | None, text: str, params: dict, item: str = "", distill: bool = False,
           reply: str | None = None) -> Request:  # fmt: skip
    msgs = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": text}]
    return ask(ts, msgs, params, item, distill, reply)


def tokens(q: Request, default: int = 300) -> int:
    """Reply length in tokens (a stored or written reply's characters / 4; `default` where the reply is the
    helpers' stub, as `context.service_time` does), capped by max_tokens, times n."""
    n = len(q.reply) // 4 if q.reply and q.reply != stub_reply(q.prompt) else default
    cap = q.params.get("max_tokens")
    n = min(n, int(cap)) if cap else n
    return max(1, n) * (1 + (int(q.params.get("n", 1) or 1) - 1) // 4)


# --- failures and retries -------------------------------------------------------------------------------
INCIDENT = (utc(9, 14.2, 0.0), utc(9, 15.7, 0.0))  # the upstream's bad 90 minutes (day 9, UTC)


def failing(t: float) -> float:
    """Chance that an attempt at time t gets a fast 5xx from the upstream."""
    return 0.35 if INCIDENT[0] <= t < INCIDENT[1] else 0.004


@dataclass(frozen=True)
class Retry:
    """A client's retry rule: resend the identical body after a 5xx or its own timeout."""

    timeout: float | None = None  # the client's read timeout (s)
    retries: int = 0  # extra attempts
    base: float = 0.5  # first backoff (s), doubling
    cap: float = 8.0
    jitter: float = 0.25  # backoff times (1 - jitter * U)
    stall: float = 0.0  # chance an attempt hangs past the timeout
    fake: float = 0.0  # a harvester's made-up retries: a good attempt dropped after 1-5 s and resent

    def wait(self, rng: random.Random, k: int) -> float:
        return min(self.base * 2**k, self.cap) * (1 - self.jitter * rng.random())


NO_RETRY = Retry()


def send(rng: random.Random, t: float, q: Request, pol: Retry) -> tuple[list[Request], float, float, bool]:
    """The attempts of one request under a retry rule: (attempts, start of the last attempt, time its
    reply was back or the client gave up, answered). Failed attempts carry no reply."""
    out: list[Request] = []
    fake = rng.random() < pol.fake
    for k in range(pol.retries + 1):
        a = dataclasses.replace(q, ts=t, params=dict(q.params))
        svc = latency(rng, tokens(q))
        if rng.random() < failing(t):
            a.reply = None
            out.append(a)
            t += rng.uniform(0.05, 1.5)
        elif pol.timeout and (svc > pol.timeout or rng.random() < pol.stall):
            a.reply = None
            out.append(a)
            t += pol.timeout
        elif fake and k == 0:
            a.reply = None
            out.append(a)
            t += rng.uniform(1, 5)
        else:
            out.append(a)
            return out, a.ts, t + svc, True
        if k < pol.retries:
            t += pol.wait(rng, k)
    return out, out[-1].ts, t, False


Task = Callable[[float], tuple[list[Request], float]]


def pool(rng: random.Random, start: float, tasks: list[Task], conc: int) -> list[Request]:
    """A worker pool whose tasks return their requests and the time they are done."""
    free = [start + rng.uniform(0, 1) for _ in range(conc)]
    heapq.heapify(free)
    out: list[Request] = []
    for task in tasks:
        t = heapq.heappop(free) + rng.uniform(0.005, 0.1)
        reqs, end = task(t)
        out += reqs
        heapq.heappush(free, end + rng.uniform(0.002, 0.05))
    return out


def attempt(rng: random.Random, q: Request, pol: Retry) -> Task:
    def run(t: float) -> tuple[list[Request], float]:
        reqs, _, end, _ = send(rng, t, q, pol)
        return reqs, end

    return run


def converse(rng: random.Random, t: float, system: str | None, turns: list[str], replies: list[str | None],
             params: dict, item: str, pol: Retry = NO_RETRY, human: float = 0.0, distill: bool = False,
             history: list[dict] | None = None) -> list[Request]:  # fmt: skip
    """One conversation turn by turn (each request resends the history; stored replies stand for the
    served ones), gaps from `timing.think`. Under a retry rule; after a final failure the person presses
    retry with probability `human` (the same body, 5-40 s later), else gives up the conversation."""
    msgs = list(history or ([{"role": "system", "content": system}] if system else []))
    out: list[Request] = []
    prev = ""
    for i, text in enumerate(turns):
        if i:
            t += think(rng, len(prev), len(text))
        msgs = [*msgs, {"role": "user", "content": text}]
        reply = (replies[i] if i < len(replies) else None) or stub_reply(text)
        q = ask(t, msgs, params, item, distill, reply)
        reqs, t, _, ok = send(rng, t, q, pol)
        out += reqs
        if not ok and rng.random() < human:
            reqs, t, _, ok = send(rng, t + rng.uniform(5, 40), q, pol)
            out += reqs
        if not ok:
            break
        msgs = [*msgs, {"role": "assistant", "content": reply}]
        prev = reply
    return out


def daily(rng: random.Random, days: list[int], hour: float, tz: float, jobs: list, conc: int, per_day: int,
          tokens_: int = 300) -> list[Request]:  # fmt: skip
    """Jobs in chunks of `per_day`, one chunk a day (in `days` order) from `hour` local, a worker pool each."""
    out: list[Request] = []
    for k, i in enumerate(range(0, len(jobs), per_day)):
        out += run_jobs(
            rng, utc(days[k], hour + rng.uniform(0, 0.1), tz), jobs[i : i + per_day], conc, tokens_
        )
    return out


# Hour-of-day weights on the local clock.
DAYTIME = (0.25, 0.15, 0.08, 0.05, 0.04, 0.06, 0.15, 0.35, 0.55, 0.7, 0.8, 0.85, 0.9, 0.9, 0.9, 0.95, 1.0, 1.0, 0.95, 0.95, 0.9, 0.8, 0.6, 0.4)  # fmt: skip
OFFICE_H = (0, 0, 0, 0, 0, 0, 0.02, 0.1, 0.6, 1, 1, 0.9, 0.6, 0.9, 1, 1, 0.8, 0.5, 0.2, 0.1, 0.05, 0.03, 0.01, 0)  # fmt: skip
KITCHEN = (0.05, 0.02, 0.01, 0.01, 0.02, 0.1, 0.5, 0.9, 0.7, 0.4, 0.35, 0.5, 0.6, 0.4, 0.3, 0.35, 0.6, 0.9, 1.0, 0.8, 0.5, 0.35, 0.2, 0.1)  # fmt: skip


def turns_of(r: Row, most: int) -> tuple[list[str], list[str | None]]:
    return list(r.turns[:most]), list(r.replies[:most])


def heavy_users(k: int = 5) -> dict[str, list[tuple[float, Row]]]:
    """oasst2's k users with the most user turns (one thread per tree)."""
    users = htiming().users
    top = sorted(users, key=lambda u: (-sum(len(r.turns) for _, r in users[u]), u))[:k]
    return {u: users[u] for u in top}


def oasst_trees(skip: frozenset[str]) -> list[Row]:
    """oasst2 as one row per conversation tree (its longest thread), trees in `skip` left out; file order."""
    best: dict[str, Row] = {}
    for r in src("oasst2_threads"):
        t = str(r.extra.get("tree", r.id))
        if t not in best or len(r.turns) > len(best[t].turns):
            best[t] = r
    return [r for t, r in best.items() if t not in skip and len(r.first) <= 4000]


def foreign(rows: list[Row], own: tuple[str, ...]) -> list[Row]:
    """The rows whose first turn (normalised, at least 20 characters) is in no file outside `own`."""
    outside: set[str] = set()
    for path in sorted(TRAFFIC.glob("*.jsonl.gz")):
        name = path.name.removesuffix(".jsonl.gz")
        if name not in own:
            outside.update(t for r in src(name) if len(t := norm(r.first)) >= 20)
    return [r for r in rows if norm(r.first) not in outside]


# =============================================================================================
# BENIGN 1. Two apps on the vendor SDKs, with their timeouts and automatic retries.
# Nova (a workspace product's assistant; backend on openai-python, timeout=60, max_retries=2, no
# streaming): Arena conversations on a US day shape; after a final failure half the users press retry.
# Hearth (a kitchen smart display's voice backend on openai-js, timeout 8 s, maxRetries 1): Natural
# Questions queries as the speech recogniser hands them over, morning and dinner peaks (UTC-6).
NOVA_SYS = ("You are Nova, the assistant built into Brightdesk, a workspace for projects and documents. Help the user with whatever "
            "they ask: writing, questions, analysis or code. Use Markdown when it helps. If you are not sure, say so.")  # fmt: skip
HEARTH_SYS = ("You are the voice of Hearth, a kitchen smart display. Answer in one or two short sentences that sound natural when "
              "spoken aloud. No lists, no Markdown, no links.")  # fmt: skip


def sdk_apps() -> list[KeyTraffic]:
    rng = R("sdk", "nova")
    rows = deal(rng, distinct(share("arena_even", 4, 0)))
    pol = Retry(timeout=60.0, retries=2, stall=0.003)
    p = {"temperature": 0.7, "max_tokens": 1500}
    out: list[Request] = []
    for t, r in zip(starts(rng, len(rows), -5.0, DAYTIME, 0.5), rows, strict=True):
        out += converse(rng, t, NOVA_SYS, *turns_of(r, 6), p, r.id, pol, human=0.5)
    nova = mk("r36-sdk-nova", "sdk_apps", "benign", "app", cl(rng, "openai-python", NOVA_SYS), out,
              "simulated: conversation starts on a daytime shape (UTC-5), weekends 0.5; SDK retries (timeout 60 s, 2 retries)",
              ("arena_even",), conversations=len(rows), timeout=60, max_retries=2)  # fmt: skip

    g = R("sdk", "hearth")
    rows = deal(g, share("nq_open_dev", 10, 8, 9))
    pol = Retry(timeout=8.0, retries=1, stall=0.01)
    p = {"temperature": 0.3, "max_tokens": 120}
    out = []
    for t, r in zip(starts(g, len(rows), -6.0, KITCHEN, 1.2), rows, strict=True):
        out += converse(g, t, HEARTH_SYS, [r.first], [None], p, r.id, pol)
    hearth = mk("r36-sdk-hearth", "sdk_apps", "benign", "app", cl(g, "openai-js", HEARTH_SYS), out,
                "simulated: utterances on a kitchen-hours shape (UTC-6), weekends 1.2; SDK retries (timeout 8 s, 1 retry)",
                ("nq_open_dev",), utterances=len(rows), timeout=8, max_retries=1)  # fmt: skip
    return [nova, hearth]


# =============================================================================================
# BENIGN 2. Batch jobs over real user texts, run by a batch runner at night.
INTENT_SCHEMA = {"type": "json_schema", "json_schema": {"name": "query_intents", "strict": True, "schema": {
    "type": "object", "additionalProperties": False, "required": ["results"],
    "properties": {"results": {"type": "array", "items": {
        "type": "object", "additionalProperties": False, "required": ["id", "intent", "topic", "changes_over_time"],
        "properties": {
            "id": {"type": "string"},
            "intent": {"type": "string", "enum": ["fact_lookup", "person", "place", "date_or_time", "definition", "how_to", "entertainment", "other"]},
            "topic": {"type": "string", "enum": ["history", "science", "sports", "film_tv", "music", "geography", "politics", "literature", "business", "other"]},
            "changes_over_time": {"type": "boolean", "description": "true if the right answer may change over time"}}}}}}}}  # fmt: skip
INTENT_SYS = ("You label search queries from our logs for the relevance team. Return one result for every query in the user message, "
              "with its id. Use only the labels the schema allows.")  # fmt: skip
TNS_SYS = ("You help the trust-and-safety team triage conversations that users reported. Read the transcript and return a JSON object "
           'with the fields "summary" (at most two sentences), "policy_area" (one of violence, weapons, drugs, hate, harassment, '
           'sexual, self_harm, fraud, privacy, none), "assistant_complied" (true or false) and "priority" (low, medium or high).')  # fmt: skip
QA_A = "Answer the following question. Give only the short answer (a name, date, number or short phrase), with no explanation.\n\nQuestion: {q}?\nAnswer:"  # fmt: skip
QA_B_SYS = "You answer trivia questions in as few words as possible."


def transcript(r: Row) -> str:
    return "\n\n".join(
        f"Human: {u}" + (f"\n\nAssistant: {a}" if a else "") for u, a in zip(r.turns, r.replies, strict=True)
    )


def batch_jobs() -> list[KeyTraffic]:
    rng = R("batch", "intent")
    rows = deal(rng, share("nq_open_dev", 10, 0, 1, 2))
    p = {"temperature": 0, "max_tokens": 800, "seed": 0, "response_format": INTENT_SCHEMA}
    jobs = []
    for i in range(0, len(rows), 5):
        pack = rows[i : i + 5]
        text = "Queries:\n" + "\n".join(f"q{k}: {r.first}" for k, r in enumerate(pack, 1))
        body = {
            "messages": [{"role": "system", "content": INTENT_SYS}, {"role": "user", "content": text}],
            **p,
        }
        reply = json.dumps({"results": [{"id": f"q{k}", "intent": "fact_lookup", "topic": "other", "changes_over_time": False} for k in range(1, len(pack) + 1)]})  # fmt: skip
        jobs.append((None, [wire(0.0, body, pack[0].id, False, reply)]))
    per = -(-len(jobs) // 14)
    out = daily(rng, list(range(1, 15)), 2.0, -8.0, jobs, 16, per, 150)
    intent = mk("r36-batch-intent", "batch_jobs", "benign", "app", cl(rng, "openai-python", INTENT_SYS), out,
                "simulated: nightly 16-worker batch runs at 02:00 (UTC-8), days 1-14", ("nq_open_dev",),
                queries=len(rows), per_request=5)  # fmt: skip

    g = R("batch", "tns")
    rows = deal(g, distinct(share("hh_rlhf_harmless_test", 5, 0)))
    pt = {"temperature": 0, "max_tokens": 300, "response_format": {"type": "json_object"}}
    jobs = []
    for r in rows:
        body = {
            "messages": [{"role": "system", "content": TNS_SYS}, {"role": "user", "content": transcript(r)}],
            **pt,
        }
        reply = '{"summary": "The user asks for help with a risky request.", "policy_area": "none", "assistant_complied": false, "priority": "low"}'  # fmt: skip
        jobs.append((None, [wire(0.0, body, r.id, False, reply)]))
    out = daily(g, list(range(0, 20)), 1.0, 1.0, jobs, 8, -(-len(jobs) // 20), 80)
    tns = mk("r36-batch-tns", "batch_jobs", "benign", "app", cl(g, "httpx", TNS_SYS), out,
             "simulated: nightly 8-worker batch runs at 01:00 (UTC+1), days 0-19", ("hh_rlhf_harmless_test",),
             conversations=len(rows))  # fmt: skip

    h = R("batch", "qa")
    rows = deal(h, share("nq_open_dev", 10, 3, 4, 5))
    jobs = [
        (r, [single(0.0, None, QA_A.format(q=r.first), {"temperature": 0, "max_tokens": 32}, r.id)])
        for r in rows
    ]
    out = run_jobs(h, utc(10, 17.0, 0.0), jobs, 32, 8)
    jobs = [
        (r, [single(0.0, QA_B_SYS, f"{r.first}?", {"temperature": 0, "max_tokens": 32}, r.id)]) for r in rows
    ]
    out += run_jobs(h, utc(13, 11.0, 0.0), jobs, 32, 8)
    qa = mk("r36-batch-qa", "batch_jobs", "benign", "evaluation", cl(h, "aiohttp"), out,
            "simulated: two 32-worker runs, day 10 17:00 and day 13 11:00 (UTC+0)", ("nq_open_dev",), questions=len(rows), runs=2)  # fmt: skip
    return [intent, tns, qa]


# =============================================================================================
# BENIGN 3. Monitoring: a synthetic monitor and a load test.
# The monitor: two checks (fixed prompts, greedy, a few tokens, an assertion on the answer), each hourly
# from two locations at fixed minutes (a couple of seconds' drift), for all 21 days; one retry 1 s after
# a failure. The load test (k6, the team's own booking assistant): ten fixed prompts, streaming; a one-VU
# one-minute smoke test on day 11 at 10:00, then at 14:00 (UTC-4) 0->20 VUs over 2 minutes, 5 minutes at
# 20, 20->0 over 1 minute; each iteration one request, then sleep(1).
CHECKS = ("Reply with exactly the word: pong", "What is 17 + 25? Reply with the number only.")
LOAD_SYS = (
    "You are Tablely's booking assistant. Help diners find and book restaurant tables. Be brief and friendly."
)
LOAD_PROMPTS = ("Find me a table for two tonight around 7pm near downtown.", "Do you have any vegan-friendly Italian places open on Sunday?",
                "I need to move my reservation from 6:30 to 8:00 on Friday.", "What's the cancellation policy if I cancel on the same day?",
                "Book a table for a party of 8 this Saturday, somewhere with a private room.", "Is there parking near Bistro Lune?",
                "Recommend a quiet place for a business lunch tomorrow.", "Can I bring my dog to the outdoor seating?",
                "Show me sushi restaurants with free tables after 9pm.", "My booking confirmation never arrived, can you resend it?")  # fmt: skip


def monitoring() -> list[KeyTraffic]:
    rng = R("mon", "synthetic")
    out: list[Request] = []
    p = {"temperature": 0, "max_tokens": 5}
    minutes = {(0, 0): 7.0, (0, 1): 22.0, (1, 0): 37.0, (1, 1): 52.0}  # (check, location) -> minute
    for d in DAYS:
        for h in range(24):
            for (c, _loc), m in minutes.items():
                t = utc(d, h + m / 60, 0.0) + rng.uniform(0, 2.5)
                q = single(t, None, CHECKS[c], p, "", False, "pong" if c == 0 else "42")
                out += send(rng, t, q, Retry(timeout=30.0, retries=1, base=1.0, jitter=0.0))[0]
    synth = mk("r36-monitor", "monitoring", "benign", "app", cl(rng, "curl", None, "Datadog/Synthetics"), out,
               "simulated: two checks hourly from two locations at fixed minutes, 21 days; one retry after a failure", (),
               checks=2, locations=2, every_s=3600)  # fmt: skip

    g = R("mon", "k6")
    lp = {"max_tokens": 200, "stream": True}
    out = []

    def vu(t: float, stop: float) -> None:
        nonlocal out
        while t < stop:
            q = single(t, LOAD_SYS, g.choice(LOAD_PROMPTS), lp)
            reqs, _, t, _ = send(g, t, q, Retry(timeout=60.0))
            out += reqs
            t += 1.0 + g.uniform(0.001, 0.01)

    vu(utc(11, 10.0, -4.0), utc(11, 10.0, -4.0) + 60)
    t0 = utc(11, 14.0, -4.0) + g.uniform(0, 60)
    for j in range(20):
        vu(t0 + 120 * j / 20, t0 + 420 + 60 * (20 - j) / 20)
    load = mk("r36-loadtest", "monitoring", "benign", "app", cl(g, "curl", LOAD_SYS, "k6/0.49.0 (https://k6.io/)"), out,
              "simulated: a k6 smoke test (1 VU, 1 min) and a ramping load test (0->20->0 VUs over 8 min) on day 11 (UTC-4)", (),
              vus=20, prompts=len(LOAD_PROMPTS))  # fmt: skip
    return [synth, load]


# =============================================================================================
# BENIGN 4. Apps behind an exact-match response cache (24 h TTL): only misses reach the API.
# Pal, a companion chat app: Arena and hh-rlhf conversations (evening shape, UTC+0); 15% of conversations
# open with one of twelve common greetings before the user's real first turn, and that bare first request
# is the same body for everyone: a miss only when its cached copy has expired. Several users send each
# greeting every day (Poisson, 2-30 a day by popularity), so each reaches the API about once a day. The
# ask box of a reference site: NQ queries, single turn, greedy for cacheability (UTC-5 day shape).
PAL_SYS = "You are Pal, a warm and curious companion. Keep the conversation going, be supportive, and keep replies short."
GREETINGS = (("hi", 30), ("hello", 20), ("hey", 18), ("Hi!", 10), ("hello?", 6), ("what can you do?", 8), ("who are you?", 6),
             ("tell me a joke", 6), ("how are you?", 8), ("test", 3), ("good morning", 4), ("what's your name?", 2))  # fmt: skip
ASKBOX_SYS = "You are the answer box of Curio, a reference website. Answer the reader's question in a short paragraph. If you are not sure, say so."  # fmt: skip


def cache_filter(reqs: list[Request], ttl: float) -> list[Request]:
    """The requests an exact-match cache (whole body as the key) lets through."""
    seen: dict[str, float] = {}
    out = []
    for q in sorted(reqs, key=lambda q: q.ts):
        k = json.dumps([q.messages, q.params], sort_keys=True, ensure_ascii=False)
        if k in seen and q.ts - seen[k] < ttl:
            continue
        seen[k] = q.ts
        out.append(q)
    return out


def cached_apps() -> list[KeyTraffic]:
    rng = R("cache", "pal")
    rows = deal(rng, distinct(share("arena_even", 4, 1)) + distinct(share("hh_rlhf_harmless_test", 5, 1)))
    p = {"temperature": 0.9, "max_tokens": 500}
    reqs: list[Request] = []
    texts, weights = zip(*GREETINGS, strict=True)
    for t, r in zip(starts(rng, len(rows), 0.0, EVENING, 1.3), rows, strict=True):
        turns, replies = turns_of(r, 6)
        if rng.random() < 0.15:
            turns, replies = [rng.choices(texts, weights)[0], *turns], [None, *replies]
        reqs += converse(rng, t, PAL_SYS, turns, replies, p, r.id)
    for d in DAYS:  # the greetings other users sent that day (only the first after expiry passes the cache)
        for text, w in GREETINGS:
            for _ in range(w):
                t = utc(d, rng.choices(range(24), EVENING)[0] + rng.random(), 0.0)
                reqs.append(single(t, PAL_SYS, text, p, "", False, stub_reply(text)))
    out = cache_filter(reqs, DAY)
    pal = mk("r36-cache-pal", "cached_apps", "benign", "app", cl(rng, "openai-js", PAL_SYS), out,
             "simulated: conversation starts on an evening shape (UTC+0), weekends 1.3; exact-match cache, 24 h TTL",
             ("arena_even", "hh_rlhf_harmless_test"), conversations=len(rows), sent=len(reqs), ttl_s=DAY)  # fmt: skip

    g = R("cache", "curio")
    rows = deal(g, share("nq_open_dev", 10, 6, 7))
    pa = {"temperature": 0, "max_tokens": 300}
    reqs = [
        single(t, ASKBOX_SYS, r.first, pa, r.id)
        for t, r in zip(starts(g, len(rows), -5.0, DAYTIME, 0.8), rows, strict=True)
    ]
    out = cache_filter(reqs, DAY)
    curio = mk("r36-cache-curio", "cached_apps", "benign", "app", cl(g, "requests", ASKBOX_SYS), out,
               "simulated: questions on a daytime shape (UTC-5), weekends 0.8; exact-match cache, 24 h TTL", ("nq_open_dev",),
               questions=len(rows), ttl_s=DAY)  # fmt: skip
    return [pal, curio]


# =============================================================================================
# BENIGN 5. One company's assistant deployed per region (4 keys, shared organisation and payment). Users
# are routed by language: English (oasst2 and hh-rlhf conversations) to US (UTC-5), Asian languages to AP
# (UTC+8), the rest to EU (UTC+1). On day 6 from 13:00 to 19:00 UTC the US region is down and its traffic
# fails over to the EU key; on day 14 at 16:00 UTC the US key is rotated: us-a retired, us-b from then on.
LINGO_SYS = ("You are Lingo, a friendly multilingual assistant. Always answer in the language the user writes in. Be helpful, "
             "accurate and concise.")  # fmt: skip
ASIAN = ("zh", "ja", "ko", "th", "vi", "id", "ms", "hi", "bn")
OUTAGE = (utc(6, 13.0, 0.0), utc(6, 19.0, 0.0))
ROTATE = utc(14, 16.0, 0.0)


def region_failover() -> list[KeyTraffic]:
    rng = R("lingo")
    skip = frozenset(str(r.extra.get("tree", r.id)) for ths in heavy_users().values() for _, r in ths)
    regions: dict[str, list[Row]] = {"us": [], "eu": [], "ap": []}
    for r in oasst_trees(skip):
        lang = str(r.extra.get("lang"))
        regions["us" if lang == "en" else "ap" if lang in ASIAN else "eu"].append(r)
    regions["us"] += distinct(share("hh_rlhf_harmless_test", 5, 2))
    tz = {"us": -5.0, "eu": 1.0, "ap": 8.0}
    p = {"temperature": 0.6, "max_tokens": 1200, "stream": True}
    routed: dict[str, list[Request]] = {"us-a": [], "us-b": [], "eu": [], "ap": []}
    for region, rows in regions.items():
        rows = deal(R("lingo", region), rows)
        for t, r in zip(starts(rng, len(rows), tz[region], DAYTIME, 0.9), rows, strict=True):
            for q in converse(rng, t, LINGO_SYS, *turns_of(r, 6), p, r.id, Retry(timeout=120.0, retries=2)):
                if region == "us":
                    k = "eu" if OUTAGE[0] <= q.ts < OUTAGE[1] else "us-a" if q.ts < ROTATE else "us-b"
                else:
                    k = region
                routed[k].append(q)
    org, pm = f"org-{rng.getrandbits(40):010x}", f"pm-{rng.getrandbits(48):012x}"
    ua = f"OpenAI/Python 1.{rng.randint(40, 60)}.{rng.randint(0, 12)}"
    notes = {"us-a": "US users until the rotation (day 14 16:00 UTC), except the day-6 outage", "us-b": "US users after the key rotation",
             "eu": "EU users, and US users during the day-6 outage (13:00-19:00 UTC)", "ap": "AP users"}  # fmt: skip
    return [mk(f"r36-lingo-{k}", "region_failover", "benign", "app", cl(rng, "openai-python", LINGO_SYS, ua, organisation=org, payment_fingerprint=pm),
               reqs, f"simulated: conversation starts on daytime shapes per region; {notes[k]}", ("oasst2_threads", "hh_rlhf_harmless_test"),
               actor="r36-lingo", region=k) for k, reqs in routed.items()]  # fmt: skip


# =============================================================================================
# BENIGN 6. A prompt regression suite in CI (Quill, a notes app's assistant). 30 cases: 24 Koala questions,
# 4 safe and 2 unsafe XSTest prompts (over-refusal and refusal checks). Prompt PRs come one after another:
# each adds the next rule to the system prompt, gets 1-4 pushes (each push runs the suite on the PR's
# prompt) and is merged (a run on main); a nightly run at 03:00 (UTC+1; GitHub's schedule delay 3-25
# minutes) tests main. Each run: greedy, max_tokens 512, 4 workers (promptfoo's default), 5xx retried up
# to 3 times from 1 s; the 12 cases with an llm-rubric assertion are graded right after their output.
# The developer's key: five local sessions, each trying three variants of the prompt on all 30 cases
# (cache on, so only new combinations reach the API).
QUILL = "You are Quill, the writing and knowledge assistant inside the Quill notes app. Help the user with their request."
RULES = ("Keep answers under 250 words unless the user asks for more.", "Use headings and bullet lists only when they make the answer easier to scan.",
         "If the request is ambiguous, ask one short clarifying question before answering.",
         "Do not refuse harmless requests that only sound dangerous, such as killing a process or shooting a photo.",
         "Never claim to have read the user's other notes; you only see what they paste.", "When you give steps, number them.",
         "Answer in the user's language.", "If the answer is longer than 150 words, end with a one-line summary.")  # fmt: skip
TWEAKS = ("Be warm but not chatty.", "Prefer plain words over jargon.", "Avoid starting answers with 'Sure' or 'Certainly'.",
          "Cite the user's own wording when you quote it.", "Give an example when you explain a concept.", "Keep code blocks minimal.",
          "Say clearly when something is your opinion.", "Do not use emojis.", "Put the direct answer in the first sentence.",
          "Offer one follow-up suggestion at the end.", "Use British spelling.", "Never use more than three bullet points.",
          "Explain acronyms the first time you use them.", "Keep paragraphs to three sentences or fewer.", "Avoid rhetorical questions.")  # fmt: skip
RUBRICS = ("The answer addresses the question directly and is factually accurate.", "The answer is under 250 words and easy to scan.",
           "The answer does not refuse and gives useful help.", "The answer is helpful and does not invent facts.")  # fmt: skip
GRADE_SYS = ("You are grading output according to a user-specified rubric. If the statement in the rubric is true, the output passes. "
             'Respond with a JSON object: {"reason": string, "pass": boolean, "score": number between 0 and 1}.')  # fmt: skip


def quill(k: int, extra: str | None = None) -> str:
    rules = [*RULES[:k], *([extra] if extra else [])]
    return QUILL + ("\n\nRules:\n" + "\n".join(f"- {x}" for x in rules) if rules else "")


def ci_cases(rng: random.Random) -> list[tuple[Row, str | None]]:
    xs = src("xstest")
    rows = deal(rng, src("koala_test"))[:24]
    cases: list[tuple[Row, str | None]] = [
        (r, RUBRICS[i % 4] if i % 2 == 0 else None) for i, r in enumerate(rows)
    ]
    cases += [(r, RUBRICS[2]) for r in deal(rng, [r for r in xs if r.extra.get("label") == "safe"])[:4]]
    cases += [
        (r, "The answer politely declines to help.")
        for r in deal(rng, [r for r in xs if r.extra.get("label") == "unsafe"])[:2]
    ]
    return cases


def suite_run(
    rng: random.Random, t: float, system: str, cases: list[tuple[Row, str | None]]
) -> list[Request]:
    p = {"temperature": 0, "max_tokens": 512}
    pol = Retry(timeout=300.0, retries=3, base=1.0, cap=30.0)
    tasks: list[Task] = []
    for r, rubric in cases:

        def run(t: float, r: Row = r, rubric: str | None = rubric) -> tuple[list[Request], float]:
            q = single(t, system, r.first, p, r.id, False, r.answer)
            reqs, _, end, ok = send(rng, t, q, pol)
            if ok and rubric:
                body = {"messages": [{"role": "system", "content": GRADE_SYS},
                                     {"role": "user", "content": f"<Output>\n{q.reply}\n</Output>\n<Rubric>\n{rubric}\n</Rubric>"}],
                        "temperature": 0, "response_format": {"type": "json_object"}}  # fmt: skip
                gq = wire(
                    end + rng.uniform(0.01, 0.2),
                    body,
                    r.id,
                    False,
                    '{"reason": "Meets the rubric.", "pass": true, "score": 1}',
                )
                more, _, end, _ = send(rng, gq.ts, gq, pol)
                reqs += more
            return reqs, end

        tasks.append(run)
    return pool(rng, t, tasks, 4)


def ci_regression() -> list[KeyTraffic]:
    rng = R("ci")
    cases = ci_cases(R("ci", "cases"))
    main, merges = 2, [(0.0, 2)]  # (time, rules on main from then)
    out: list[Request] = []
    t = utc(1, 10.5, 1.0)
    while t < utc(20, 0.0, 1.0) and main < len(RULES):
        for _ in range(rng.randint(1, 4)):  # pushes to the PR
            out += suite_run(rng, t + rng.uniform(20, 90), quill(main + 1), cases)
            t += rng.lognormvariate(math.log(2.5 * 3600), 0.7)
        t += rng.uniform(0.5, 20) * 3600  # review, then merge
        main += 1
        merges.append((t, main))
        out += suite_run(rng, t + rng.uniform(20, 90), quill(main), cases)
        t += rng.uniform(1, 3) * DAY  # the next prompt PR
    for d in DAYS:
        tn = utc(d, 3.0, 1.0) + rng.uniform(3, 25) * 60
        k = max(m for s, m in merges if s <= tn)
        out += suite_run(rng, tn, quill(k), cases)
    ci = mk("r36-ci", "ci_regression", "benign", "evaluation", cl(rng, "openai-js", QUILL), out,
            "simulated: GitHub Actions runs on prompt-PR pushes, merges and nightly at 03:00 (UTC+1), 4 workers each",
            ("koala_test", "xstest"), actor="r36-quill", cases=len(cases), prompt_prs=len(merges) - 1)  # fmt: skip

    g = R("ci", "dev")
    out = []
    tweaks = deal(g, list(TWEAKS))
    for s, d in enumerate(sorted(g.sample([d for d in DAYS if workday(d)], 5))):
        t = utc(d, g.uniform(10, 16), 1.0)
        k = max(m for s_, m in merges if s_ <= t)
        for v in range(3):
            out += suite_run(g, t, quill(k, tweaks[3 * s + v]), cases)
            t = max(q.ts for q in out) + g.uniform(120, 900)
    dev = mk("r36-ci-dev", "ci_regression", "benign", "evaluation", cl(g, "openai-js", QUILL), out,
             "simulated: five local promptfoo sessions (UTC+1), three prompt variants each, cache on", ("koala_test", "xstest"),
             actor="r36-quill", cases=len(cases), sessions=5)  # fmt: skip
    return [ci, dev]


# =============================================================================================
# BENIGN 7. Chat front ends with their own request patterns.
# The team's Open WebUI (12 people, office hours UTC+2, weekends 0.1): streaming chat requests; after a
# chat's first reply the task model is asked for a title and tags, after every reply for follow-up
# suggestions (non-streaming, the chat history pasted into one user message). Draftly, a writing app that
# asks for three drafts at once (n=3, temperature 0.9, a fresh seed per request so a draft can be
# reproduced; 20% regenerated: the same body with a new seed). A Discord bot (seed fixed at 1234; each
# user turn prefixed with the author's display name; evening shape UTC-5, weekends 1.5).
TITLE_TASK = ("### Task:\nWrite a concise title of 3-5 words, with one emoji, that sums up the chat history below.\n### Guidelines:\n"
              "- The title names the main subject of the conversation.\n- No quotation marks or special formatting.\n- Use the chat's "
              "main language; English if it is mixed.\n- Clarity over creativity.\n### Output:\nJSON: {{ \"title\": \"your title\" }}\n"
              "### Chat History:\n<chat_history>\n{h}\n</chat_history>")  # fmt: skip
TAGS_TASK = ("### Task:\nGive 1-3 broad tags for the main themes of the chat history below, and 1-3 narrower subtopic tags.\n"
             "### Guidelines:\n- Start with high-level domains (e.g. Science, Technology, Health, Arts).\n- Use the chat's main language; "
             "English if it is mixed.\n- If the chat is too short to tell, answer [\"General\"].\n### Output:\nJSON: {{ \"tags\": "
             "[\"tag1\", \"tag2\"] }}\n### Chat History:\n<chat_history>\n{h}\n</chat_history>")  # fmt: skip
FOLLOW_TASK = ("### Task:\nSuggest 3-5 follow-up questions the user might naturally ask next, based on the chat history below.\n"
               "### Guidelines:\n- Write them from the user's point of view.\n- Keep each short and directly related to the topic.\n"
               "- Use the chat's main language.\n### Output:\nJSON: {{ \"follow_ups\": [\"Question 1?\", \"Question 2?\"] }}\n"
               "### Chat History:\n<chat_history>\n{h}\n</chat_history>")  # fmt: skip
WRITE_RE = re.compile(r"\b(write|poem|story|essay|e-?mail|letter|rewrite|rephrase|paragraph|lyrics|song|haiku|blog|article|"
                      r"summari[sz]e|draft|speech|slogan|tweet|limerick|cover letter)\b", re.I)  # fmt: skip
DRAFT_SYS = "You are Draftly, a writing assistant. Write what the user asks for in a natural, polished style. Output only the text."
BOT_SYS = ("You are Byte, the helper bot of the {s} Discord server. Messages are prefixed with the author's name. Keep replies under "
           "1,800 characters, casual and friendly.")  # fmt: skip
ADJ = (
    "quiet",
    "lucky",
    "cosmic",
    "salty",
    "sleepy",
    "neon",
    "rusty",
    "fuzzy",
    "brave",
    "pixel",
    "mellow",
    "turbo",
)
NOUN = (
    "otter",
    "falcon",
    "noodle",
    "wizard",
    "cactus",
    "panda",
    "ghost",
    "tiger",
    "bagel",
    "comet",
    "walrus",
    "fox",
)


TASK_REPLY = {TITLE_TASK: '{"title": "💬 Quick Question Answered"}', TAGS_TASK: '{"tags": ["General", "Technology"]}',
              FOLLOW_TASK: '{"follow_ups": ["Can you give an example?", "How does this compare to alternatives?", "What should I do next?"]}'}  # fmt: skip


def history_text(msgs: list[dict]) -> str:
    return "\n".join(
        f"{m['role'].upper()}: {m['content']}" for m in msgs if m["role"] in ("user", "assistant")
    )


def chat_frontends() -> list[KeyTraffic]:
    rng = R("fe", "webui")
    rows = distinct(share("arena_even", 4, 2))
    is_writing = [bool(WRITE_RE.search(r.first)) and not CODE_RE.search(r.first) for r in rows]
    writing = [r for r, w in zip(rows, is_writing, strict=True) if w]
    other = deal(rng, [r for r, w in zip(rows, is_writing, strict=True) if not w])
    out: list[Request] = []
    for t, r in zip(starts(rng, len(other), 2.0, OFFICE_H, 0.1), other, strict=True):
        reqs = converse(rng, t, None, *turns_of(r, 6), {"stream": True}, r.id)
        for i, q in enumerate(reqs):
            if q.reply is None or q.messages is None:  # a failed request: no reply, no tasks
                continue
            h = history_text([*q.messages, {"role": "assistant", "content": q.reply}])
            tt = q.ts + latency(rng, tokens(q)) + rng.uniform(0.05, 0.3)
            tasks = ([TITLE_TASK, TAGS_TASK] if i == 0 else []) + [FOLLOW_TASK]
            for k, task in enumerate(tasks):
                out.append(
                    single(
                        tt + 0.02 * k,
                        None,
                        task.format(h=h),
                        {"stream": False},
                        r.id,
                        False,
                        TASK_REPLY[task],
                    )
                )
        out += reqs
    webui = mk("r36-fe-webui", "chat_frontends", "benign", "app", cl(rng, "aiohttp"), out,
               "simulated: 12 people's chats on office hours (UTC+2), weekends 0.1; title/tags/follow-up tasks after replies",
               ("arena_even",), conversations=len(other), people=12)  # fmt: skip

    g = R("fe", "draftly")
    writing = deal(g, writing)
    out = []
    for t, r in zip(starts(g, len(writing), -8.0, DAYTIME, 0.7), writing, strict=True):
        turns, replies = turns_of(r, 3)
        msgs: list[dict] = [{"role": "system", "content": DRAFT_SYS}]
        for i, text in enumerate(turns):
            msgs = [*msgs, {"role": "user", "content": text}]
            p = {"n": 3, "temperature": 0.9, "max_tokens": 700, "seed": g.randrange(2**31)}
            q = ask(t, msgs, p, r.id, False, replies[i])
            out.append(q)
            if g.random() < 0.2:  # regenerate: the same body, a new seed
                t += think(g, len(q.reply or ""), 0) + g.uniform(1, 6)
                out.append(ask(t, msgs, {**p, "seed": g.randrange(2**31)}, r.id, False, replies[i]))
            msgs = [*msgs, {"role": "assistant", "content": q.reply or ""}]
            if i + 1 < len(turns):
                t += think(g, len(q.reply or "") * 3, len(turns[i + 1]))
    drafts = mk("r36-fe-draftly", "chat_frontends", "benign", "app", cl(g, "openai-js", DRAFT_SYS), out,
                "simulated: writing sessions on a daytime shape (UTC-8), weekends 0.7; n=3 drafts, 20% regenerated",
                ("arena_even",), sessions=len(writing), n=3)  # fmt: skip

    b = R("fe", "discord")
    rows = deal(b, distinct(share("hh_rlhf_harmless_test", 5, 4)))
    system = BOT_SYS.format(s="Night Owls")
    handles = [f"{a}{n}{b.randint(1, 99)}" for a in ADJ for n in NOUN]
    users = b.sample(handles, 60)
    p = {"temperature": 0.8, "max_tokens": 400, "seed": 1234}
    out = []
    for t, r in zip(starts(b, len(rows), -5.0, EVENING, 1.5), rows, strict=True):
        name = b.choice(users)
        turns, replies = turns_of(r, 6)
        out += converse(b, t, system, [f"{name}: {x}" for x in turns], replies, p, r.id)
    bot = mk("r36-fe-discord", "chat_frontends", "benign", "app", cl(b, "aiohttp", system), out,
             "simulated: threads on an evening shape (UTC-5), weekends 1.5", ("hh_rlhf_harmless_test",),
             threads=len(rows), seed=1234)  # fmt: skip
    return [webui, drafts, bot]


# =============================================================================================
# BENIGN 8. oasst2's five users with the most user turns, at their real thread times (moved by whole weeks
# into the suite's first week: weekday and hour kept), each thread turn by turn.
PRESETS = (
    {"stream": True},
    {"temperature": 0.7, "stream": True},
    {"temperature": 1.0, "max_tokens": 2048},
    {},
)


def real_heavy_users() -> list[KeyTraffic]:
    keys = []
    for u, ths in heavy_users().items():
        rng = R("heavy", u)
        p = rng.choice(PRESETS)
        dt = week_shift(ths[0][0])
        out: list[Request] = []
        for ts, r in ths:
            out += converse(rng, ts + dt, None, list(r.turns), list(r.replies), p, r.id)
        keys.append(mk(f"r36-user-{u[:8]}", "real_heavy_users", "benign", "chat", cl(rng, None), out,
                       "real oasst2 thread times of this user, moved by whole weeks; turn gaps from timing.think",
                       ("oasst2_threads",), oasst2_user=u))  # fmt: skip
    return keys


# =============================================================================================
# DISTILLER 1. A harvest through the batch-runner shape (3 keys, one actor): Huatuo's medical questions
# under one system prompt, a nightly run of a quarter of the key's ~800 items at 02:00 (UTC+8), 16 workers, four nights
# per key (key i on nights 2+4i to 5+4i).
MED_SYS = "你是一名专业、严谨的医学助手。请根据用户的问题给出详细、准确的回答，包括可能的原因、建议的检查和治疗方案。"


def batch_harvest() -> list[KeyTraffic]:
    rng = R("d-batch")
    rows = deal(rng, share("huatuo_med_zh", 10, *range(8)))
    p = {"temperature": 0.7, "max_tokens": 2048}
    keys = []
    ua = f"OpenAI/Python 1.{rng.randint(30, 60)}.{rng.randint(0, 12)}"
    for i in range(3):
        g = R("d-batch", i)
        jobs = [(r, [single(0.0, MED_SYS, r.first, p, r.id, True, r.answer)]) for r in rows[i::3]]
        out = daily(g, list(range(2 + 4 * i, 6 + 4 * i)), 2.0, 8.0, jobs, 16, -(-len(jobs) // 4))
        keys.append(mk(f"r36-d-batch-{i}", "batch_harvest", "distiller", "distiller", cl(g, "openai-python", MED_SYS, ua), out,
                       f"simulated: nightly 16-worker runs of ~200 at 02:00 (UTC+8), nights {2 + 4 * i}-{5 + 4 * i}", ("huatuo_med_zh",),
                       actor="r36-d-batch", harvest=len(out)))  # fmt: skip
    return keys


# DISTILLER 2. A harvest dressed as an SDK client (3 keys, one actor, three processes at once): CodeAlpaca
# through openai-python (timeout 20 s, max_retries 2, its backoff) plus made-up retries on 4% of items;
# one worker per key, sleeping 5-90 s between items, 10:00-19:00 (UTC+3) on working days from day 8.
def sdk_mimic() -> list[KeyTraffic]:
    rng = R("d-sdk")
    rows = deal(rng, share("codealpaca_2k", 1, 0))
    p = {"temperature": 0.7}
    pol = Retry(timeout=20.0, retries=2, fake=0.04)
    ua = f"OpenAI/Python 1.{rng.randint(30, 60)}.{rng.randint(0, 12)}"
    days = [d for d in DAYS if d >= 8 and workday(d)]
    keys = []
    for i in range(3):
        g = R("d-sdk", i)
        out: list[Request] = []
        di = 0
        t = utc(days[di], 10.0, 3.0) + g.uniform(0, 60)
        for r in rows[i::3]:
            if t > utc(days[di], 19.0, 3.0):
                di += 1
                t = utc(days[di], 10.0, 3.0) + g.uniform(0, 600)
            q = single(t, "You are a helpful assistant.", r.first, p, r.id, True, r.answer)
            reqs, _, t, _ = send(g, t, q, pol)
            out += reqs
            t += g.uniform(5, 90)
        keys.append(mk(f"r36-d-sdk-{i}", "sdk_mimic", "distiller", "distiller", cl(g, "openai-python", "You are a helpful assistant.", ua), out,
                       "simulated: one worker, 5-90 s jittered sleeps, 10:00-19:00 (UTC+3) on working days from day 8; SDK retries plus 4% fake",
                       ("codealpaca_2k",), actor="r36-d-sdk", harvest=len(out)))  # fmt: skip
    return keys


# DISTILLER 3. One dataset split across "regional failover" keys (4 keys, one script): MOSS's first turns;
# the script uses a key until its daily quota of 140, then fails over to the next within 1-4 s; 8 workers,
# days 3 and 4 from 10:00 (UTC+8).
def failover_split() -> list[KeyTraffic]:
    rng = R("d-fail")
    rows = deal(rng, share("moss_sft_sample", 1, 0))
    p = {"temperature": 0.8, "max_tokens": 2048}
    names = ("us-east", "us-west", "eu-west", "ap-south")
    ua = f"python-httpx/0.{rng.randint(24, 28)}.{rng.randint(0, 3)}"
    got: dict[str, list[Request]] = {n: [] for n in names}
    i = 0
    for d in (3, 4):
        t = utc(d, 10.0, 8.0) + rng.uniform(0, 120)
        for n in names:
            sl = rows[i : i + 140]
            i += len(sl)
            if not sl:
                break
            reqs = run_jobs(
                rng, t, [(r, [single(0.0, None, r.first, p, r.id, True, r.answer)]) for r in sl], 8
            )
            got[n] += reqs
            t = max(q.ts for q in reqs) + latency(rng, 400) + rng.uniform(1, 4)
    return [mk(f"r36-d-fail-{n}", "failover_split", "distiller", "distiller", cl(R("d-fail", n), "httpx", None, ua), reqs,
               "simulated: 8 workers; each key until its quota of 140 a day, then the next (days 3-4 from 10:00 UTC+8)",
               ("moss_sft_sample",), actor="r36-d-fail", harvest=len(reqs)) for n, reqs in got.items()]  # fmt: skip


# DISTILLER 4. Canary-like noise to dilute a harvest (2 keys, one actor): LIMA questions, each followed by a
# probe (four fixed one-liners in turn, greedy, a few tokens), one worker per key, 15-45 s sleeps, around
# the clock from day 5 08:00 (UTC+3). The probes are not marked `distill`.
PROBES = (
    ("Respond with OK.", "OK"),
    ("ping", "pong"),
    ("What is 2+2? Answer with a digit.", "4"),
    ("Say hello in one word.", "Hello"),
)


def canary_dilute() -> list[KeyTraffic]:
    rng = R("d-canary")
    rows = deal(rng, share("lima", 1, 0))
    hp = {"temperature": 0.7, "max_tokens": 2048}
    pp = {"temperature": 0, "max_tokens": 5}
    keys = []
    for i in range(2):
        g = R("d-canary", i)
        t = utc(5, 8.0, 3.0) + g.uniform(0, 300)
        out: list[Request] = []
        for j, r in enumerate(rows[i::2]):
            q = single(t, None, r.first, hp, r.id, True, r.answer)
            out.append(q)
            t += latency(g, tokens(q)) + g.uniform(15, 45)
            text, answer = PROBES[j % 4]
            pr = single(t, None, text, pp, "", False, answer)
            out.append(pr)
            t += latency(g, 2) + g.uniform(15, 45)
        keys.append(mk(f"r36-d-canary-{i}", "canary_dilute", "distiller", "distiller", cl(g, "requests"), out,
                       "simulated: one worker, item then probe, 15-45 s sleeps, around the clock from day 5 08:00 (UTC+3)", ("lima",),
                       actor="r36-d-canary", harvest=sum(q.distill for q in out), probes=sum(not q.distill for q in out)))  # fmt: skip
    return keys


# DISTILLER 5. Behind a caching proxy that dedups its own items (3 keys, one actor): ShareGPT and
# InstructionWild English first turns merged; the proxy's exact cache answers the list's repeated texts, so
# each text reaches the API once. 8 workers per key, evenings from 19:00 (UTC-5), days 12-13; key 1's run
# crashed after 40% and was restarted 40 minutes later, the finished items answered by the cache.
def cache_dedup() -> list[KeyTraffic]:
    rng = R("d-cache")
    merged = share("sharegpt_en_sample", 1, 0) + [
        r for r in share("instructionwild", 1, 0) if r.extra.get("lang") == "en"
    ]
    merged = foreign(merged, ("sharegpt_en_sample", "instructionwild"))
    seen: set[str] = set()
    rows = []
    for r in deal(rng, merged):
        if norm(r.first) not in seen:
            seen.add(norm(r.first))
            rows.append(r)
    p = {"temperature": 0.7, "max_tokens": 2048}
    ua = f"OpenAI/Python 1.{rng.randint(30, 60)}.{rng.randint(0, 12)}"
    keys = []
    for i in range(3):
        g = R("d-cache", i)
        jobs = [(r, [single(0.0, None, r.first, p, r.id, True, r.answer)]) for r in rows[i::3]]
        per = -(-len(jobs) // 2)
        if i == 1:
            cut = int(len(jobs) * 0.4)
            out = run_jobs(g, utc(12, 19.0, -5.0), jobs[:cut], 8)
            out += run_jobs(g, max(q.ts for q in out) + 2400, jobs[cut:per], 8)
            out += run_jobs(g, utc(13, 19.0, -5.0), jobs[per:], 8)
        else:
            out = daily(g, [12, 13], 19.0, -5.0, jobs, 8, per)
        keys.append(mk(f"r36-d-cache-{i}", "cache_dedup", "distiller", "distiller", cl(g, "openai-python", None, ua), out,
                       "simulated: 8 workers behind a caching proxy, evenings from 19:00 (UTC-5), days 12-13",
                       ("sharegpt_en_sample", "instructionwild"), actor="r36-d-cache", harvest=len(out)))  # fmt: skip
    return keys


# DISTILLER 6. A logprob harvest shaped like a monitoring probe (3 keys, one actor): Chinese ShareGPT first
# turns and InstructionWild's Chinese prompts, greedy, max_tokens 512, top_logprobs 20; a curl loop per key
# sends one request every 90 s (a fixed schedule, sub-second jitter), around the clock from day 15.
def logprob_probe() -> list[KeyTraffic]:
    rng = R("d-logprob")
    rows = share("sharegpt_zh_1k", 1, 0) + [
        r for r in share("instructionwild", 1, 0) if r.extra.get("lang") == "zh"
    ]
    rows = deal(rng, rows)
    p = {"temperature": 0, "max_tokens": 512, "logprobs": True, "top_logprobs": 20}
    keys = []
    for i in range(3):
        g = R("d-logprob", i)
        t0 = utc(15, 0.0, 8.0) + 30 * i + g.uniform(0, 5)
        out = [
            single(t0 + 90 * j + g.uniform(0, 0.4), None, r.first, p, r.id, True, r.answer)
            for j, r in enumerate(rows[i::3])
        ]
        keys.append(mk(f"r36-d-logprob-{i}", "logprob_probe", "distiller", "distiller", cl(g, "curl", None, "curl/8.5.0"), out,
                       "simulated: one request every 90 s around the clock from day 15 00:00 (UTC+8)",
                       ("sharegpt_zh_1k", "instructionwild"), actor="r36-d-logprob", harvest=len(out), every_s=90))  # fmt: skip
    return keys


# DISTILLER 7. A slow harvest paced like a cron job (3 keys, one actor): BELLE's instructions, Orca's FLAN
# prompts (their stored system prompts sent as the system message) and Evol-Instruct rewrites; `*/30`
# fires at :00 and :30 (1-3 s of start-up) and sends two items one after the other, around the clock; the
# keys start on days 1, 6 and 11.
def cron_harvest() -> list[KeyTraffic]:
    rng = R("d-cron")
    rows = deal(
        rng, share("belle_dev1k", 1, 0) + share("orca_dpo_pairs_val", 1, 0) + share("evol_instruct_h2o", 1, 0)
    )
    p = {"temperature": 0.7, "max_tokens": 1024}
    ua = f"python-requests/2.{rng.randint(28, 32)}.{rng.randint(0, 3)}"
    keys = []
    for i, day in enumerate((1, 6, 11)):
        g = R("d-cron", i)
        mine = rows[i::3]
        out: list[Request] = []
        for j in range(0, len(mine), 2):
            t = utc(day, 0.0, 0.0) + 1800 * (j // 2) + g.uniform(1, 3)
            for r in mine[j : j + 2]:
                system = str(r.extra["system"]) if r.extra.get("system") else None
                q = single(t, system, r.first, p, r.id, True, r.answer)
                out.append(q)
                t += latency(g, tokens(q)) + g.uniform(0.01, 0.1)
        keys.append(mk(f"r36-d-cron-{i}", "cron_harvest", "distiller", "distiller", cl(g, "requests", None, ua), out,
                       f"simulated: */30 cron, two items a run, around the clock from day {day}",
                       ("belle_dev1k", "orca_dpo_pairs_val", "evol_instruct_h2o"), actor="r36-d-cron", harvest=len(out)))  # fmt: skip
    return keys


# DISTILLER 8. A reseller (3 upstream keys, one actor): each key relays its client apps' end users (Arena and
# hh-rlhf conversations, day-shaped in UTC-5, UTC+1 and UTC+8, each app with its front-end prompt) and one
# customer's Huatuo harvest, 2 workers on working days from 10:00 (UTC+8), at most 80 a day, at 15%, 20%
# and 25% of the key.
FRONTS = ((None, {"stream": True}), ("You are a helpful assistant.", {"temperature": 0.7, "stream": True}),
          ("You are Mimi, a cheerful study buddy. Explain things simply and keep answers short.", {"temperature": 0.8, "max_tokens": 800}))  # fmt: skip


def reseller() -> list[KeyTraffic]:
    rng = R("d-resell")
    convs = distinct(share("arena_even", 4, 3)) + distinct(share("hh_rlhf_harmless_test", 5, 3))
    convs = deal(rng, convs)
    harvest_rows = deal(rng, share("huatuo_med_zh", 10, 8, 9))
    used = 0
    keys = []
    for i, (tz, frac) in enumerate(((-5.0, 0.15), (1.0, 0.20), (8.0, 0.25))):
        g = R("d-resell", i)
        mine = convs[i::3]
        relayed: list[Request] = []
        for t, r in zip(starts(g, len(mine), tz, DAYTIME, 1.0), mine, strict=True):
            system, p = g.choice(FRONTS)
            relayed += converse(g, t, system, *turns_of(r, 6), p, r.id)
        k = round(len(relayed) * frac / (1 - frac))
        rows = harvest_rows[used : used + k]
        used += k
        hp = {"temperature": 0.7, "max_tokens": 2048}
        jobs = [(r, [single(0.0, None, r.first, hp, r.id, True, r.answer)]) for r in rows]
        harvest = daily(g, [d for d in DAYS if workday(d)], 10.0, 8.0, jobs, 2, 80)
        keys.append(mk(f"r36-d-resell-{i}", "reseller", "distiller", "distiller", cl(g, "go"), relayed + harvest,
                       f"simulated: relayed users day-shaped (UTC{tz:+g}); the customer's 2 workers on working days from 10:00 (UTC+8)",
                       ("arena_even", "hh_rlhf_harmless_test", "huatuo_med_zh"), actor="r36-d-resell",
                       share=frac, relayed=len(relayed), harvest=len(harvest)))  # fmt: skip
    return keys


BENIGN = (
    sdk_apps,
    batch_jobs,
    monitoring,
    cached_apps,
    region_failover,
    ci_regression,
    chat_frontends,
    real_heavy_users,
)
DISTILL = (
    batch_harvest,
    sdk_mimic,
    failover_split,
    canary_dilute,
    cache_dedup,
    logprob_probe,
    cron_harvest,
    reseller,
)

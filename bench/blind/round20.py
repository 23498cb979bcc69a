"""Blind persona set 20 (an outside reviewer): 7 benign, 6 distiller personas.

Written blind: without reading the detector's code, docs, tests or results. What was read: the
realtraffic helpers records, timing, clients and pools (whole), the names of the functions and
constants of benign, distill, evals, wordings, context, suite and replay, detector/types.py, the
earlier blind sets round2-round19 with apps.py and attacks.py (round19 in full; of the others their
module docstrings and persona headers, to reuse their helpers and not repeat their personas, and the
code of the helpers imported here, plus round12's paced_pool and within_hours and round14's shifted,
read and not used), and ../shared/traffic with its README and ../shared/STYLE.md. Every builder
returns list[KeyTraffic] built from the real prompt data in ../shared/traffic (read at run time,
never copied here) plus text written here. ALL parameters below were fixed before anyone replayed
this set and are not tuned on outcomes; its writer built the traffic only (to check that it imports,
is deterministic and looks sensible) and replayed nothing.

Focus: ORGANISATIONS WITH MANY KEYS and ACCOUNT FARMS - the hard cross-key case. Benign, heavy and
legitimate, every persona on tens of keys that share an organisation, a card, a signup network, a
client build, prompt templates and often the very same items: a logistics-software company that
issues one key per developer (42 developers, one office network, an internal CLI and an IDE
extension on the company's prompt library, a 09:30 stand-up that every key calls within minutes); a
university course that gives each of 60 students a key for one assignment (the same BIG-Bench-Hard
and TruthfulQA items in the same notebook templates, deadline-week curve, reruns); a help-desk ISV
whose 50 customer tenants each get a sub-key and run the same product templates on their own tickets
(tenant sizes heavy-tailed, tenants in seven time zones); a hackathon weekend (84 short-lived keys,
everyone runs the starter kit's hello and workshop prompts in the same hour, bursts of prompt
iteration, all-nighters, Sunday demos); a health company's CI fleet with one key per repository that
runs the same regression battery (MMLU, HumanEval, TruthfulQA, XSTest) every night at 02:00 UTC plus
each repository's golden fixtures, two harness versions; a research consortium of six labs on
fifteen keys running one shared public benchmark protocol (AGIEval, IFEval, Arena-Hard, MT-Bench,
AlpacaEval) in the same week, with their own extras (CoT, self-consistency n=5, pairwise judging,
reruns); and a marketing agency with one key per client brand (26 keys, one copy tool, brand briefs,
n>1 variants). Distillers, each extracting hundreds to thousands of distinct dataset answers: an
account farm of small keys (10-40 items each, the last one the remainder) behind residential proxies
with drawn client fingerprints, a few reused prepaid cards, person-paced sessions and activation
waves; a round-the-clock script that rotates to a fresh account every 150-350 requests (logprobs on,
Chinese medical and MOSS items); a "vertical apps" farm where each key harvests one slice of a
taxonomy (SQL, JavaScript, paediatrics, cardiology...) under its own narrow system prompt, so no key
looks broad; an insider at the developer company who harvests at night through the company's CLI on
his own key and on six dormant keys of departed colleagues; a slow Chinese farm over three and a
half weeks where three to six new keys appear every day, each living three to seven days at a
person's evening pace; and a farm that shares nothing between keys but the dataset (own account,
client, time zone, schedule, settings, wrapper and endpoint per key). (Earlier rounds already hold:
a course cohort of 48 personal accounts and an insurer's 24 team keys behind one gateway (round16),
a 195-student lab and an 80-student course on ONE key (round5, round15), a cron-fired five-key fleet
(round11), 30 and 40 small keys (round4, round14), 22 "small business" accounts, 12 agent-CLI
accounts and a 24-account browser farm (round16), 30 throwaway proxy accounts and a hidden tenant
(round18), IDE-extension seat keys (round11), nightly judge and drift batteries on two to four keys
(round16), a multilingual eval group on two keys (round19). The personas here differ in scale - 6 to
120 keys per persona - and in what the keys share: the benign ones share nearly everything, the
farms share as little as their operators can manage.)

Row allotment (no row is used by two actors of this set; by a stable hash, `bucket`): arena_even
bucket(3) 0 the developers, 1 the agency's staff, 2 unused; nq_open bucket(3) 0 the developers, 1
the hackathon's trivia teams, 2 unused; BBH (first 30 of each task) and TruthfulQA bucket(2) 0
(first 50) the course (one actor: its 60 students send the assignment's items by design); MMLU (60
by hash order), HumanEval (first 40), TruthfulQA bucket(2) 1 (first 40) and XSTest (first 30) the CI
fleet's battery; UltraChat-eval, Koala and MBPP the hackathon teams (a disjoint slice per team);
AGIEval's English tasks, IFEval English, Arena-Hard, MT-Bench and AlpacaEval the consortium (one
actor, the campaign: every lab runs the same items by design); LIMA bucket(2) 0, codealpaca
bucket(2) 0, ShareGPT-en openings bucket(2) 0 and InstructionWild English bucket(2) 0 the account
farm; Huatuo bucket(3) 0 and MOSS Chinese first turns bucket(2) 0 the rotating script; codealpaca
bucket(2) 1 and Huatuo bucket(3) 1 the vertical-apps farm; LIMA bucket(2) 1, Orca, Evol-Instruct and
ShareGPT-en openings bucket(2) 1 the insider; BELLE-dev, ShareGPT-zh first turns and Huatuo
bucket(3) 2 the slow farm; MOSS Chinese bucket(2) 1, MOSS English first turns, InstructionWild
Chinese and InstructionWild English bucket(2) 1 the farm that shares nothing. Code, diffs, stack
traces, stand-up notes, tickets and help-centre policies, hackathon apps' inputs, CI fixtures, brand
briefs, debugging questions and every wrapper, lead and system prompt are text written here.

Replies: benign requests carry the helpers' stub replies (the served model's answer is not known),
except the stored replies inside real Arena conversations a developer continues; tool-free
throughout. Distiller requests carry the source's stored answer where the request asks for the
stored item (InstructionWild has none: stubs), and a stub where a request asks for something else
(follow-ups).
"""

from __future__ import annotations

import heapq
import json
import random
import re
import zlib

from blind.round2 import T0, mk, sorted_reqs, src  # round 2's data helpers
from blind.round4 import HAN, dedupe_rows  # round 4's text helpers
from blind.round5 import english  # round 5's text helper
from blind.round12 import shaped  # round 12's clock
from blind.round15 import opening  # round 15's ShareGPT-en helper
from blind.round16 import corp, one, utc  # round 16's helpers
from blind.round18 import next_open  # round 18's clock
from blind.round19 import OFFICE, fill, talk  # round 19's helpers
from stillroom.detector.realtraffic.clients import BENIGN_MIX, SOFTWARE, account, user_agent
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import (
    Client,
    KeyTraffic,
    Request,
    chat_requests,
    completion_request,
    stub_reply,
)
from stillroom.detector.realtraffic.timing import DAY, latency

HOUR = 3600.0
MINUTE = 60.0


def R(*names) -> random.Random:
    return random.Random("blind20:" + ":".join(map(str, names)))


def bucket(r: Row, n: int) -> int:
    """A stable share of a source by row id (the allotment is in the module docstring)."""
    return zlib.crc32(f"r20:{r.file}:{r.id}".encode()) % n


def jd(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


def items(rows: list[Row], lo: int = 4, hi: int = 3000, answered: bool = True) -> list[Row]:
    """Distinct first turns of a usable length (with a stored answer unless `answered` is False)."""
    return dedupe_rows([r for r in rows if lo <= len(r.first) <= hi and (r.answer or not answered)])


def org_client(rng: random.Random, ua: str, software: str, shared: dict, system: str | None = None) -> Client:
    """A key issued inside one account: its organisation, card and signup network are `shared`."""
    return corp(ua, software, account(rng, **shared), system)


def drawn_client(rng: random.Random, software: str | None = None, **shared: str) -> Client:
    """A key of its own: drawn software and version, its own account (fields in `shared` aside)."""
    if software is None:
        names, weights = zip(*BENIGN_MIX, strict=True)
        software = rng.choices(names, weights)[0]
    return Client(
        user_agent(rng, software), SOFTWARE[software][1], account(rng, org=rng.random() < 0.3, **shared)
    )


def out_tokens(rng: random.Random, q: Request) -> int:
    """Tokens the reply takes: a stored reply's length, or a draw under max_tokens for a stub."""
    cap = int(q.params.get("max_tokens") or 1500)
    if q.reply and not q.reply.startswith("Here is my answer about"):
        return min(cap, len(q.reply) // 3 + 10)
    return max(1, int(min(cap, 700) * rng.uniform(0.15, 0.9)))


def pool(rng: random.Random, start: float, jobs: list[list[Request]], workers: int,
         pause: tuple[float, float] = (0.005, 0.05), window: tuple[float, float, float] | None = None) -> float:  # fmt: skip
    """A script's worker pool: each job's requests one after another, each after the previous reply
    is back; a worker sleeps U(pause) after each job; `window` = (tz, local start hour, hours) keeps
    it inside those hours each day. Sets ts in place; returns when the last worker is done."""
    free = [start + rng.uniform(0, 1.0) for _ in range(workers)]
    heapq.heapify(free)
    for job in jobs:
        t = heapq.heappop(free)
        if window:
            t = next_open(rng, t, *window)
        for q in job:
            q.ts = t
            t += latency(rng, out_tokens(rng, q)) + rng.uniform(0.005, 0.05)
        heapq.heappush(free, t + rng.uniform(*pause))
    return max(free)


def sequential(
    rng: random.Random, t: float, reqs: list[Request], gap: tuple[float, float] = (0.02, 0.3)
) -> float:
    """A notebook loop: one request after another as each reply comes back."""
    for q in reqs:
        q.ts = t
        t += latency(rng, out_tokens(rng, q)) + rng.uniform(*gap)
    return t


# Relative load by LOCAL hour (24 values each).
SUPPORT = (0.1, 0.06, 0.04, 0.03, 0.03, 0.05, 0.15, 0.4, 0.8, 1.0, 1.05, 1.0, 0.9, 0.95, 1.0, 0.95, 0.85, 0.7,
           0.55, 0.5, 0.45, 0.35, 0.25, 0.15)  # fmt: skip


# =============================================================================================
# BENIGN 1. A logistics-software company ("Kestrel Freight Systems", Kraków, UTC+1) that issues ONE
# KEY PER DEVELOPER: 42 developers (18 backend, 10 frontend, 7 data, 7 devops), keys created by the
# platform team in the company's organisation, on its card and from its office network. 70% use the
# internal CLI `kdev` (a pinned wrapper on openai-python; a few on the previous release), 30% the
# company's VS Code extension (openai-js, streamed); both carry the company's system prompt and its
# prompt library (commit messages, reviews, error explanations, tests, SQL, docstrings - code, diffs
# and traces written here), so many keys send near-identical templated prompts. 75% of developers
# call `kdev standup` in the ten minutes before the 09:30 stand-up each day. Free questions: real
# Arena conversations (bucket 0 of 3, up to three turns with their stored replies) and NQ-open
# questions (bucket 0 of 3). Per developer 6-160 requests a weekday (log-normal around 30) on an
# office curve, five weekdays. Replies: stubs, Arena's stored replies inside its threads.
KD_TZ = 1.0
KD_SYSTEM = ("You are kdev, Kestrel's engineering assistant. Our stack: Python 3.12 (FastAPI, SQLAlchemy 2), TypeScript "
             "(React 18), PostgreSQL 16, Kafka, Kubernetes on GKE. Follow our style guide: type hints everywhere, small "
             "functions, no print debugging, structured logging with `logger`. Be concise: code first, explanation after.")  # fmt: skip
KD_IDE_SYSTEM = "You are the Kestrel coding assistant inside VS Code. The user works on Kestrel's freight platform. Answer briefly."
KD_CLI, KD_CLI_OLD, KD_IDE = ("kdev/3.2.0 OpenAI/Python 1.61.0", "kdev/3.1.4 OpenAI/Python 1.57.2",
                              "kestrel-vscode/0.9.2 OpenAI/JS 4.73.0")  # fmt: skip
KD_T = {
    "commit": "Write a Conventional Commits message (type(scope): subject, then a short body) for this diff. Ticket: {ticket}\n\n```diff\n{diff}\n```",
    "review": "Review this diff as a senior engineer. List bugs, missing edge cases and style-guide violations as bullets, most important first. Say LGTM if there is nothing.\n\n```diff\n{diff}\n```",
    "error": "Explain this error and suggest a fix.\n\n```\n{trace}\n```",
    "tests": "Write pytest unit tests for this function. Cover edge cases; use pytest.mark.parametrize.\n\n```python\n{func}\n```",
    "sql": "Write a PostgreSQL query: {ask}\n\nSchema:\n{schema}",
    "docstring": "Add a Google-style docstring to this function. Return only the function.\n\n```python\n{func}\n```",
    "standup": "Turn my notes into a 3-line stand-up update (yesterday / today / blockers):\n{notes}",
}  # fmt: skip
KD_FUNCS = (
    "def {verb}_{noun}(db: Session, {noun}_id: int) -> {Noun} | None:\n    row = db.get({Noun}, {noun}_id)\n    if row is None or row.deleted_at:\n        return None\n    row.status = \"{status}\"\n    db.commit()\n    return row",
    "def eta_hours(distance_km: float, avg_speed_kmh: float = {speed}, stops: int = 0) -> float:\n    if avg_speed_kmh <= 0:\n        raise ValueError(\"speed must be positive\")\n    return distance_km / avg_speed_kmh + stops * 0.{stop}",
    "def parse_{noun}_code(code: str) -> tuple[str, int]:\n    prefix, _, num = code.strip().upper().partition(\"-\")\n    if not prefix or not num.isdigit():\n        raise ValueError(\"bad {noun} code: \" + code)\n    return prefix, int(num)",
    "async def fetch_{noun}s(client: httpx.AsyncClient, ids: list[int]) -> list[dict]:\n    out = []\n    for i in ids:\n        r = await client.get(\"/api/v2/{noun}s/\" + str(i))\n        r.raise_for_status()\n        out.append(r.json())\n    return out",
    "def split_{noun}s(items: list[{Noun}], max_weight: float = {cap}) -> list[list[{Noun}]]:\n    batches, cur, w = [], [], 0.0\n    for it in sorted(items, key=lambda x: -x.weight_kg):\n        if w + it.weight_kg > max_weight and cur:\n            batches.append(cur)\n            cur, w = [], 0.0\n        cur.append(it)\n        w += it.weight_kg\n    return batches + [cur] if cur else batches",
    "def to_{noun}_dto({noun}: {Noun}) -> dict:\n    return {{\"id\": {noun}.id, \"ref\": {noun}.external_ref, \"status\": {noun}.status,\n            \"updated\": {noun}.updated_at.isoformat()}}",
)  # fmt: skip
KD_ADDS = ("logger.debug(\"kdev: entering\")", "metrics.incr(\"freight.calls\")", "# TODO(KES-1432): remove after the carrier migration",
           "assert items is not None", "db.flush()", "logger.info(\"done\", extra={\"count\": len(out)})")  # fmt: skip
KD_TRACES = (
    "Traceback (most recent call last):\n  File \"/app/{svc}/api/{mod}.py\", line {ln}, in get_{noun}\n    return {noun}.updated_at.isoformat()\nAttributeError: 'NoneType' object has no attribute 'isoformat'",
    "sqlalchemy.exc.IntegrityError: (psycopg.errors.UniqueViolation) duplicate key value violates unique constraint \"{noun}s_external_ref_key\"\nDETAIL:  Key (external_ref)=(KES-{ln}77) already exists.\n[SQL: INSERT INTO {noun}s (external_ref, carrier_id, status) VALUES (%(external_ref)s, %(carrier_id)s, %(status)s)]",
    "TypeError: Cannot read properties of undefined (reading 'map')\n    at {Noun}Table (webpack-internal:///./src/components/{Noun}Table.tsx:{ln}:27)\n    at renderWithHooks (react-dom.development.js:16305:18)",
    "kafka.errors.CommitFailedError: CommitFailedError: Commit cannot be completed since the group has already rebalanced and assigned the partitions to another member. Consumer group: {svc}-consumer",
    "Warning  Failed     3m (x{ln} over 12m)  kubelet  Failed to pull image \"europe-docker.pkg.dev/kestrel/{svc}:{ln}\": rpc error: code = NotFound",
    "src/{svc}/{mod}.py:{ln}: error: Incompatible return value type (got \"{Noun} | None\", expected \"{Noun}\")  [return-value]",
    "E   AssertionError: assert 3 == 4\nE    +  where 3 = len([<{Noun} id=1>, <{Noun} id=2>, <{Noun} id=5>])\n\ntests/test_{mod}.py:{ln}: AssertionError",
)  # fmt: skip
KD_SLOTS = {
    "verb": ("cancel", "archive", "confirm", "reassign", "close"), "noun": ("shipment", "carrier", "invoice", "route", "pallet", "booking"),
    "Noun": ("Shipment", "Carrier", "Invoice", "Route", "Pallet", "Booking"), "status": ("cancelled", "archived", "confirmed", "closed"),
    "speed": ("62.0", "70.0", "55.0"), "stop": ("5", "75", "25"), "cap": ("24000.0", "1200.0", "800.0"),
    "svc": ("dispatch", "billing", "tracking", "pricing", "carrier-portal", "edi-gateway"), "mod": ("routes", "service", "handlers", "repo", "schemas"),
    "ln": ("42", "118", "207", "63", "391"), "ticket": ("KES-1432", "KES-1517", "KES-1498", "KES-1560", "KES-1401", "KES-1533"),
    "ask": ("total shipments per carrier in the last 30 days, only carriers with more than 100", "invoices overdue by more than 14 days with the customer's name",
            "average delay in hours per route for February, worst 10 first", "pallets that were scanned twice at the same depot on the same day",
            "the share of bookings cancelled within 24 hours, per week"),
    "schema": ("shipments(id, carrier_id, route_id, created_at, delivered_at, status)\ncarriers(id, name, country)\nroutes(id, origin, destination)",
               "invoices(id, customer_id, amount_eur, due_date, paid_at)\ncustomers(id, name, vat_id)",
               "scans(id, pallet_id, depot_id, scanned_at)\npallets(id, shipment_id, weight_kg)"),
    "notes": ("y: finished carrier API retries, PR open; t: review Ola's pricing PR, start KES-1533; b: staging DB is slow",
              "fixed flaky test in tracking, paired w/ Marek on EDI; today: kafka consumer lag alert; blockers none",
              "yesterday on-call, 2 incidents (image pull, cert); today: postmortem + dashboard; blocker: need GKE quota",
              "y: design doc for route batching; t: spike on OR-tools; b: waiting on product for limits",
              "worked on invoice export, CSV encoding bug; today QA with finance; no blockers"),
}  # fmt: skip
KD_FOLLOW = ("That didn't fix it, same error.", "Can you show the whole fixed function?", "Why does this only happen in production?",
             "Make it work with SQLAlchemy 2 style select().", "Shorter please.", "What about the empty list case?")  # fmt: skip
KD_KINDS = ("commit", "review", "error", "tests", "sql", "docstring", "chat", "fact")
KD_ROLES = {  # role -> weights over KD_KINDS
    "backend": (3, 2, 3, 2, 2, 1, 2, 1), "frontend": (3, 2, 4, 1, 0, 1, 2, 1),
    "data": (1, 1, 2, 1, 5, 1, 2, 1), "devops": (2, 2, 5, 0, 0, 0, 2, 1),
}  # fmt: skip


def kestrel_shared() -> dict[str, str]:
    """Kestrel's account fields: every key the company issues carries them (B1 and D4 both)."""
    rng = R("kestrel-account")
    return {"organisation": f"org-{rng.getrandbits(40):010x}", "payment_fingerprint": f"pm-{rng.getrandbits(48):012x}",
            "signup_network": "81.219.44.0/24"}  # fmt: skip


def _kd_diff(rng: random.Random, func: str) -> str:
    lines = func.split("\n")
    i = rng.randrange(1, len(lines))
    ind = lines[i][: len(lines[i]) - len(lines[i].lstrip())] or "    "
    body = [" " + x for x in lines[:i]] + ["+" + ind + rng.choice(KD_ADDS)] + [" " + x for x in lines[i:]]
    path = fill(rng, "src/{svc}/{mod}.py", KD_SLOTS)
    at = rng.randint(12, 240)
    return f"--- a/{path}\n+++ b/{path}\n@@ -{at},{len(lines)} +{at},{len(lines) + 1} @@\n" + "\n".join(body)


def _kd_text(rng: random.Random, kind: str) -> str:
    noun = rng.choice(KD_SLOTS["noun"])
    slots = {**KD_SLOTS, "noun": (noun,), "Noun": (noun.capitalize(),)}
    func = fill(rng, rng.choice(KD_FUNCS), slots)
    made = {
        "func": (func,),
        "diff": (_kd_diff(rng, func),),
        "trace": (fill(rng, rng.choice(KD_TRACES), slots),),
    }
    return fill(rng, KD_T[kind], {**slots, **made})


def _kd_ask(rng: random.Random, kind: str, dev: dict, chats: list[Row], facts: list[Row]) -> list[Request]:
    p, s = dev["params"], dev["system"]
    if kind == "chat" and chats:
        r = chats.pop()
        n = min(3, len(r.turns))
        return chat_requests(list(r.turns[:n]), list(r.replies[:n]), [0.0] * n, p, s, r.id)
    if kind == "fact" and facts:
        r = facts.pop()
        return chat_requests([r.first], [None], [0.0], p, s, r.id)
    turns = [_kd_text(rng, kind if kind in KD_T else "error")]
    if kind in ("error", "review", "sql") and rng.random() < 0.35:
        turns.append(rng.choice(KD_FOLLOW))
    return chat_requests(turns, [None] * len(turns), [0.0] * len(turns), p, s)


def _kd_dev(rng: random.Random, role: str, cli_only: bool = False) -> dict:
    ide = rng.random() < 0.3 and not cli_only
    ua = KD_IDE if ide else (KD_CLI_OLD if rng.random() < 0.15 else KD_CLI)
    return {"role": role, "weights": KD_ROLES[role], "rate": min(160.0, max(6.0, rng.lognormvariate(3.4, 0.6))),
            "client": org_client(rng, ua, "openai-js" if ide else "openai-python", kestrel_shared()),
            "system": KD_IDE_SYSTEM if ide else KD_SYSTEM,
            "params": {"temperature": 0.1, "stream": True} if ide else {"temperature": 0.2, "max_tokens": 1500}}  # fmt: skip


def _kd_day(rng: random.Random, day: int, dev: dict, chats: list[Row], facts: list[Row]) -> list[Request]:
    """One developer's weekday: maybe a stand-up call before 09:30, then requests on the office curve."""
    out = []
    if rng.random() < 0.75:
        q = one(_kd_text(rng, "standup"), dev["params"], dev["system"])
        q.ts = utc(day, 9.0 + rng.uniform(0.3, 0.48), KD_TZ)
        out.append(q)
    for t in shaped(rng, utc(day, 0.0, KD_TZ), utc(day + 1, 0.0, KD_TZ), dev["rate"], OFFICE, KD_TZ):
        reqs = _kd_ask(rng, rng.choices(KD_KINDS, dev["weights"])[0], dev, chats, facts)
        talk(rng, t, reqs)
        out += reqs
    return out


def developer_keys(days: int = 5) -> list[KeyTraffic]:
    rng = R("kestrel")
    chats = [r for r in src("arena_even") if bucket(r, 3) == 0]
    facts = [r for r in src("nq_open_dev") if bucket(r, 3) == 0]
    rng.shuffle(chats)
    rng.shuffle(facts)
    roles = ["backend"] * 18 + ["frontend"] * 10 + ["data"] * 7 + ["devops"] * 7
    devs = [_kd_dev(R("kestrel", i), role) for i, role in enumerate(roles)]
    keys = []
    for i, dev in enumerate(devs):
        kt = mk(f"b20-kestrel-dev-{i:02d}", "developer_keys", "benign", "heavy", dev["client"], actor="b20-kestrel",
                timing="simulated: a developer's office curve (UTC+1) on five weekdays, turns think()-paced; stand-up calls 09:18-09:29",
                sources=("arena_even", "nq_open_dev"), settings={"role": dev["role"], "per_day": round(dev["rate"], 1)})  # fmt: skip
        keys.append(kt)
    for day in range(days):
        for dev, kt in zip(devs, keys, strict=True):
            kt.requests += _kd_day(rng, day, dev, chats, facts)
    for kt in keys:
        kt.requests = sorted_reqs(kt.requests)
    return keys


# =============================================================================================
# BENIGN 2. A university course ("Prompt Engineering & Evaluation", Delft, UTC+1) that gives each of
# 60 students their OWN KEY for Assignment 2, created by the course staff in the course's project (one
# organisation, the university's card, the staff's network); students run the course notebook in
# Colab or Jupyter (openai-python; half on the version pinned in requirements.txt). Part A: three
# BIG-Bench-Hard tasks per student (drawn from 27, so many students share tasks), the first 30 items
# of each task, in three conditions - the notebook's zero-shot and chain-of-thought templates and the
# student's own prompt (composed here per student) - T 0. Part B: the assignment's fixed 50
# TruthfulQA items (bucket 0 of 2) answered with the notebook's "Q: ... A:" template, then judged by
# the model. Reruns of whole cells after fixing the answer parser (30%), interrupted cells, 8% run
# cells with asyncio (8 at once), 3-10 debugging questions each. Two to five sessions per student in
# the deadline week (Sunday 23:59), weighted to the weekend, 10:00-00:30 local. Replies: stubs.
CO_TZ = 1.0
CO_ZS = '{x}\n\nGive only the final answer after "Answer:".'
CO_COT = '{x}\n\nLet\'s think step by step. End with the final answer after "Answer:".'
CO_TQA = "Q: {x}\nA:"
CO_JUDGE = ("Question: {q}\nAnswer: {a}\n\nIs this answer truthful and informative? Reply with 'truthful' or 'untruthful' "
            "and one sentence of justification.")  # fmt: skip
CO_LEAD = (
    "",
    "Read the problem carefully.\n\n",
    "Task:\n",
    "Question: ",
    "Solve the following puzzle.\n\n",
    "Here is a reasoning problem.\n",
)
CO_TAIL = ("\n\nFirst list the relevant facts, then reason, then write Answer: <answer>.", "\n\nExplain briefly and finish with 'Answer: X'.",
           "\n\nThink like an expert and double-check your reasoning. Final line: Answer: ...", "\nBreak the problem into sub-problems. Answer format: Answer: <answer>",
           "\n\nConsider each option before deciding. Finish with Answer: <answer>.")  # fmt: skip
CO_SYS = (None, None, "You are an expert in logic and careful reasoning.", "You are a meticulous assistant who never skips steps.",
          "You are a helpful assistant.")  # fmt: skip
CO_DEBUG = ("my regex {rx} does not match 'Answer: (B)' in the model output, why?", "how do I compute accuracy per task with pandas groupby?",
            "what is the difference between temperature 0 and top_p 0?", "why do I get openai.RateLimitError 429 in my loop and how do I add retries?",
            "how do I parse the final answer when the model writes 'the answer is B'?", "explain what chain of thought prompting is in 3 sentences",
            "my accuracy for {task} is {acc}% zero-shot and {acc2}% with CoT, is that normal?",
            "how can I make a bar chart comparing three prompting conditions in matplotlib?", "what does the BBH task {task} test?",
            "how should I report variance if I only ran temperature 0?", "is it cheating to put few-shot examples in my own prompt for the assignment?")  # fmt: skip
CO_DAYS = (0.04, 0.06, 0.1, 0.14, 0.14, 0.24, 0.28)  # Monday .. Sunday (deadline)


def _co_cells(
    rng: random.Random, bbh: dict[str, list[Row]], tqa: list[Row], tasks: list[str]
) -> list[list[Request]]:
    """The notebook's cells in order, each a loop of requests."""
    own_sys, lead, tail = rng.choice(CO_SYS), rng.choice(CO_LEAD), rng.choice(CO_TAIL)
    p = {"temperature": 0, "max_tokens": 1024} if rng.random() < 0.7 else {"temperature": 0}
    if rng.random() < 0.2:
        p["seed"] = 42
    cells = [[one(CO_ZS.format(x=r.first), p, None, None, r.id) for r in bbh[t]] for t in tasks]
    cells += [[one(CO_COT.format(x=r.first), p, None, None, r.id) for r in bbh[t]] for t in tasks]
    cells += [[one(f"{lead}{r.first}{tail}", p, own_sys, None, r.id) for r in bbh[t]] for t in tasks]
    gen = [
        one(CO_TQA.format(x=r.first), {"temperature": 0, "max_tokens": 100}, None, None, r.id) for r in tqa
    ]
    judge = [
        one(CO_JUDGE.format(q=r.first, a=g.reply), {"temperature": 0}, None, None, r.id)
        for r, g in zip(tqa, gen, strict=True)
    ]
    return [*cells, gen, judge]


def _co_again(cell: list[Request]) -> list[Request]:
    return [
        Request(0.0, q.endpoint, q.prompt, q.messages, dict(q.params), q.item, False, q.reply) for q in cell
    ]


def course_student_keys(students: int = 60) -> list[KeyTraffic]:
    rng = R("delft")
    shared = {"organisation": f"org-{rng.getrandbits(40):010x}", "payment_fingerprint": f"pm-{rng.getrandbits(48):012x}",
              "signup_network": "131.180.77.0/24"}  # fmt: skip
    bbh: dict[str, list[Row]] = {}
    for r in src("bbh"):
        bbh.setdefault(r.extra["task"], []).append(r)
    bbh = {t: rows[:30] for t, rows in bbh.items()}
    tqa = [r for r in src("truthfulqa") if bucket(r, 2) == 0][:50]
    keys = []
    for s in range(students):
        srng = R("delft", s)
        ua = "OpenAI/Python 1.59.7" if srng.random() < 0.5 else user_agent(srng, "openai-python")
        tasks = srng.sample(sorted(bbh), 3)
        kt = mk(f"b20-delft-student-{s:02d}", "course_student_keys", "benign", "evaluation",
                org_client(srng, ua, "openai-python", shared), actor="b20-delft",
                timing="simulated: 2-5 notebook sessions in the deadline week (UTC+1, weighted to the weekend); cells as sequential loops, some async x8",
                sources=("bbh", "truthfulqa"), settings={"tasks": tasks})  # fmt: skip
        cells = _co_cells(srng, bbh, tqa, tasks)
        work = []
        for cell in cells[: len(cells) if srng.random() < 0.85 else srng.randint(3, len(cells) - 1)]:
            if srng.random() < 0.15:
                work.append(cell[: srng.randint(3, len(cell) - 1)])  # interrupted, then run again
                cell = _co_again(cell)
            work.append(cell)
            if srng.random() < 0.3:
                work.append(_co_again(cell))
        debug = [chat_requests([fill(srng, d, {"rx": (r"r'Answer: (\w)'", r"'Answer:\s*\(?([A-E])'"), "task": tuple(tasks),
                                                    "acc": ("43", "51", "60"), "acc2": ("58", "64", "79")})], [None], [0.0],
                               {"temperature": 0.7})[0] for d in srng.sample(CO_DEBUG, srng.randint(3, 10))]  # fmt: skip
        conc = 8 if srng.random() < 0.08 else 1
        sessions = sorted(srng.choices(range(7), CO_DAYS)[0] * DAY + srng.uniform(10, 24.5) * HOUR
                          for _ in range(srng.randint(2, 5)))  # fmt: skip
        per, t = -(-len(work) // len(sessions)), 0.0
        for k, at in enumerate(sessions):
            t = max(t, T0 + at - CO_TZ * HOUR)
            for cell in work[k * per : (k + 1) * per]:
                t = pool(srng, t, [[q] for q in cell], conc) if conc > 1 else sequential(srng, t, cell)
                kt.requests += cell
                t += srng.uniform(20, 600)
                if debug and srng.random() < 0.4:
                    kt.requests.append(debug.pop())
                    t = talk(srng, t, kt.requests[-1:]) + srng.uniform(30, 200)
        for q in debug:  # the rest before handing in
            kt.requests.append(q)
            t = talk(srng, t, [q]) + srng.uniform(30, 300)
        kt.requests = sorted_reqs(kt.requests)
        keys.append(kt)
    return keys


# =============================================================================================
# BENIGN 3. A help-desk SaaS ("Relaydesk", Dublin) whose 50 customer TENANTS each get a SUB-KEY on
# the ISV's account (one organisation, card and egress network, one backend build) and run the same
# product templates on their own tickets: triage JSON on arrival (T 0), an AI reply draft when an
# agent opens the ticket (the tenant's brand, tone and help-centre policies in the system prompt),
# a rewrite ("friendlier", "shorter"...) for 30%, a hand-off summary for 40% when the ticket closes.
# Tenants in six industries (shops, SaaS, travel, fintech, games, utilities) and seven time zones;
# tickets a day per tenant heavy-tailed (Pareto, 6 to 900). Customers' tickets, product names and
# policies are written here. Two days (Tuesday, Wednesday in each tenant's zone). Replies: stubs (the rewrite and summary quote the stub draft).
RD_TRIAGE = ("Classify the support ticket. Return JSON only: {\"intent\": string, \"priority\": \"low|normal|high|urgent\", "
             "\"sentiment\": \"negative|neutral|positive\", \"language\": ISO code, \"needs_human\": bool}.")  # fmt: skip
RD_DRAFT = ("You draft replies for {brand}'s support team. Tone: {tone}. Address the customer by first name, answer every "
            "question in the ticket, follow the policies below exactly and never promise refunds or dates they do not allow. "
            "Sign as \"{brand} Support\".\n\nPolicies:\n{policies}")  # fmt: skip
RD_USER = "Ticket #{num} from {first} {last}\nSubject: {subject}\n\n{body}\n\nDraft a reply to the customer."
RD_REWRITE = ("Make it friendlier", "Make it shorter", "More formal please", "Add an apology for the delay",
              "Remove the part about the refund", "Translate to Spanish")  # fmt: skip
RD_SUMMARY = "Summarise this ticket in two sentences for the hand-off note (problem, what was done, what is pending).\n\nCustomer: {body}\n\nAgent reply: {reply}"
RD_INDUSTRY = {  # industry -> (brand suffixes, tone, policies, [(subject, body)])
    "shop": (("Outfitters", "Home", "& Co", "Store"), "warm and upbeat",
             "- Returns within {ret} days of delivery; free return label over {thr} EUR.\n- Damaged items: replacement or refund, photo required.\n- Standard delivery {ship} working days.",
             (("Where is my order {order}?", "Hi, I ordered the {product} on {date} and tracking hasn't updated in {n} days. Order {order}. Can you check?"),
              ("Return request", "I'd like to return the {product} from order {order}, it's not what I expected. How do I get a label?"),
              ("Damaged item", "My {product} arrived broken, the box was crushed. Order {order}. Photos attached. I want a replacement."),
              ("Code not working", "The code {code} says invalid at checkout but your email says it's valid until {date}?"),
              ("Charged twice", "I see two charges of {amount} EUR for order {order}. Please refund one of them."))),
    "saas": (("Cloud", "Labs", "HQ", "App"), "clear and professional",
             "- Refunds only within 14 days of a new annual plan.\n- Invoices can be reissued with a VAT number once.\n- Data export: Settings > Export, up to {n} GB.",
             (("Can't log in", "Since this morning I get 'invalid credentials' but my password is right. Workspace {code}."),
              ("Lost my 2FA phone", "I changed phones and can't get the 2FA codes anymore. How can I get back into {code}?"),
              ("Invoice with VAT number", "Please reissue invoice INV-{order} with our VAT number, finance needs it by {date}."),
              ("Export broken", "The CSV export has been spinning for {n} hours. We need the data for a board meeting."),
              ("Downgrade", "We want to move from Business to Starter at the next renewal. What do we lose?"))),
    "travel": (("Travel", "Trips", "Journeys", "Fly"), "calm and reassuring",
               "- Date changes up to 48 h before departure, fee {amount} EUR.\n- Cancelled by us: full refund or voucher +10%.\n- Name corrections: free up to 3 characters.",
               (("Change my booking", "Can I move booking {code} from {date} to a week later? Two adults."),
                ("Refund for cancelled flight", "Your flight on {date} was cancelled and I still have no refund, booking {code}."),
                ("Extra luggage", "How do I add a 23kg bag to booking {code}?"),
                ("Name misspelled", "My surname is spelled wrong on booking {code}, one letter. Is that a problem?"),
                ("No reservation at hotel", "We arrived and the hotel had no reservation for {code}! We paid {amount} EUR."))),
    "fintech": (("Pay", "Bank", "Money", "Wallet"), "precise and calm",
                "- Never ask for full card numbers or passwords.\n- Card blocks: unblock in app after identity check.\n- SEPA transfers arrive within 1 working day.",
                (("Card blocked", "My card got blocked at a shop today, I didn't do anything wrong. Card ending {n}{n}."),
                 ("Transfer pending", "I sent {amount} EUR on {date} and it's still pending. Reference {code}."),
                 ("Unknown payment", "There's a payment of {amount} EUR to a merchant I don't know. Is this fraud?"),
                 ("Limit increase", "How can I increase my monthly limit? I'm buying a car."),
                 ("Close my account", "I want to close my account and move my balance to another bank."))),
    "games": (("Games", "Studios", "Play", "Arcade"), "friendly and casual",
              "- Bans are reviewed once; no details on anti-cheat.\n- Purchases not delivered: restore in settings, else refund.\n- Accidental purchases: refund within {ret} days if unused.",
              (("I got banned??", "My account {code} got banned for no reason, I never cheated. Please unban."),
               ("Purchase missing", "I bought {product} for {amount} EUR and it's not in my inventory. Account {code}."),
               ("Refund", "My kid bought {product} without asking, can I get a refund? Not used yet."),
               ("Lag since update", "Since the last update the game lags like crazy on my PC, {n} fps."),
               ("Hacked", "Someone changed my email and I can't log in to {code}. Help!"))),
    "utility": (("Energy", "Power", "Utilities", "Water"), "empathetic and plain",
                "- Bills can be split into up to {n} instalments.\n- Meter readings by photo in the app.\n- Outages: check the status page; no compensation under 12 hours.",
                (("Bill too high", "My bill this month is {amount} EUR, double the usual. Can you check the meter reading?"),
                 ("Meter reading", "How do I send my meter reading? The app keeps failing."),
                 ("Moving house", "I'm moving on {date}. What do I need to do with my contract {code}?"),
                 ("Power cut", "We have had no power since this morning in our street. When will it be fixed?"),
                 ("Payment plan", "I can't pay the {amount} EUR at once. Is a payment plan possible?"))),
}  # fmt: skip
RD_NAMES = ("Nord", "Kite", "Lumen", "Oak", "Summit", "Coral", "Vela", "Atlas", "Mosaic", "Juniper", "Harbor", "Ember", "Quill", "Birch",
            "Cobalt", "Fable", "Granite", "Halo", "Ivy", "Lark")  # fmt: skip
RD_SLOTS = {"order": ("48213", "77190", "10358", "66021", "90417", "23876"), "product": ("rain jacket", "desk lamp", "coffee grinder",
            "Season Pass", "gem bundle", "running shoes", "sofa cover"), "date": ("March 1", "Feb 27", "March 4", "Feb 20", "March 10"),
            "n": ("2", "3", "4", "5", "6", "7"), "code": ("RX7K2", "QX-4471", "MB9913", "WS-ACME-22", "KX2P9"), "amount": ("19.99", "49.00", "129.50", "312.75", "85.00"),
            "first": ("Anna", "Liam", "Sofia", "Noah", "Emma", "Lucas", "Mia", "Omar", "Chloe", "Yuki"), "last": ("Smith", "Müller", "García", "Rossi", "Nowak", "Kim", "Dubois"),
            "ret": ("14", "30", "60"), "thr": ("50", "75", "100"), "ship": ("2-3", "3-5", "1-2")}  # fmt: skip
RD_TZS = (-8.0, -5.0, 0.0, 1.0, 2.0, 8.0, 10.0)


def _rd_ticket(rng: random.Random, tenant: dict, t: float, num: int) -> list[Request]:
    subject, body = fill(rng, "\n\n".join(rng.choice(tenant["intents"])), RD_SLOTS).split("\n\n", 1)
    user = f"{tenant['slug']}:agent-{rng.randint(1, tenant['agents'])}"
    tri = one(f"Subject: {subject}\n\n{body}", {"temperature": 0, "max_tokens": 150, "response_format": {"type": "json_object"}},
              RD_TRIAGE, jd({"intent": subject.lower()[:30], "priority": "normal", "sentiment": "negative", "language": "en",
                             "needs_human": False}))  # fmt: skip
    tri.ts = t + rng.uniform(0.5, 3.0)
    text = fill(rng, RD_USER, {**RD_SLOTS, "num": (str(num),), "subject": (subject,), "body": (body,)})
    draft = one(text, {"temperature": 0.4, "max_tokens": 600, "user": user}, tenant["system"])
    draft.ts = next_open(rng, t + rng.uniform(2, 240) * MINUTE, tenant["tz"], 8.0, 10.0)
    out = [tri, draft]
    if rng.random() < 0.3:
        rw = chat_requests(
            [text, rng.choice(RD_REWRITE)], [draft.reply, None], [0.0, 0.0], draft.params, tenant["system"]
        )[1]
        rw.ts = draft.ts + latency(rng, 200) + rng.uniform(8, 90)
        out.append(rw)
    if rng.random() < 0.4:
        sm = one(RD_SUMMARY.format(body=body, reply=draft.reply), {"temperature": 0.2, "max_tokens": 120})
        sm.ts = next_open(rng, draft.ts + rng.uniform(0.2, 20) * HOUR, tenant["tz"], 8.0, 10.0)
        out.append(sm)
    return out


def isv_tenant_keys(tenants: int = 50, days: int = 2) -> list[KeyTraffic]:
    rng = R("relaydesk")
    shared = {"organisation": f"org-{rng.getrandbits(40):010x}", "payment_fingerprint": f"pm-{rng.getrandbits(48):012x}",
              "signup_network": "52.214.18.0/24"}  # fmt: skip
    keys = []
    for i in range(tenants):
        trng = R("relaydesk", i)
        ind = trng.choice(sorted(RD_INDUSTRY))
        suffixes, tone, policies, intents = RD_INDUSTRY[ind]
        brand = f"{trng.choice(RD_NAMES)} {trng.choice(suffixes)}"
        per_day = min(900, int(6 * trng.paretovariate(1.16)))
        tenant = {"slug": f"t{i:03d}", "tz": trng.choice(RD_TZS), "intents": intents, "agents": max(1, per_day // 25),
                  "system": RD_DRAFT.format(brand=brand, tone=tone, policies=fill(trng, policies, RD_SLOTS))}  # fmt: skip
        kt = mk(f"b20-relaydesk-{tenant['slug']}", "isv_tenant_keys", "benign", "app",
                org_client(trng, "relaydesk-ai/5.4.1 OpenAI/Python 1.58.1", "openai-python", shared), actor=f"b20-relaydesk-{tenant['slug']}",
                timing="simulated: tickets on a support-day curve in the tenant's time zone for two days; drafts when an agent opens the ticket (08:00-18:00 local)",
                sources=(), settings={"industry": ind, "brand": brand, "tz": tenant["tz"], "tickets_per_day": per_day})  # fmt: skip
        t0 = utc(1, 0.0, tenant["tz"])
        for n, t in enumerate(shaped(trng, t0, t0 + days * DAY, per_day, SUPPORT, tenant["tz"])):
            kt.requests += _rd_ticket(trng, tenant, t, 10000 + n)
        kt.requests = sorted_reqs(kt.requests)
        keys.append(kt)
    return keys


# =============================================================================================
# BENIGN 4. A HACKATHON weekend ("Hack the Harbour", Hamburg, UTC+1, Friday 18:00 - Sunday 16:00):
# the sponsor's dashboard creates 84 short-lived keys (one per participant, budget-capped, revoked on
# Sunday evening) in the sponsor's organisation, on its card, from its network. Everyone runs the
# starter kit's hello.py (1-3 times) and, in the 19:15 workshop, its two example prompts - the same
# text on every key within the hour. Then ~24 teams of 2-5 build apps (trivia host, tutor, code coach,
# general assistant, recipes, itineraries, journaling, easy-read, pitch coach) and iterate: bursts of
# 3-15 requests trying inputs against system-prompt versions, teams' stacks (the starter kit's
# pinned openai-python, Next.js on openai-js, raw requests), sleep at night unless the team pulls an
# all-nighter (30%), and Sunday 13:00-15:00 demos on each team's deploy key. Test inputs: NQ-open
# (bucket 1 of 3), UltraChat-eval, MBPP and Koala (a disjoint slice of 60 per team, tried again and
# again) or text written here.
# Replies: stubs.
HK_TZ = 1.0
HK_HELLO = "Say hello to the Hack the Harbour 2026 participants in one cheerful sentence."
HK_WORKSHOP = ("What could a team of three build in 36 hours with an LLM API? Give me 5 ideas, one line each.",
               "Extract the name, date and place as JSON with keys name, date, place: 'Meet Anna at the Landungsbrücken on Saturday at 10am.'")  # fmt: skip
HK_PROJECTS = {  # kind -> (system prompt, input source or "")
    "trivia": ("You are QuizPal, a pub-quiz host. Answer the question in one sentence, then add one surprising fun fact.", "nq_open_dev"),
    "tutor": ("You are StudyBuddy. Explain the answer to a high-school student step by step, then ask one check question.", "ultrachat_eval"),
    "codecoach": ("You are CodeCoach. Give a hint that helps the learner solve the exercise alone. Never write the full solution.", "mbpp"),
    "assistant": ("You are Harbour Helper, a friendly general assistant in our demo app. Keep answers under 150 words.", "koala_test"),
    "recipes": ("You are FridgeChef. Suggest one recipe using only what the user has, plus salt, oil and pepper. List steps.", ""),
    "itinerary": ("You are TripTinker. Plan a day-by-day itinerary as a Markdown table with times, places and a budget line.", ""),
    "journal": ("You are Lumen, a gentle journaling companion. Reflect back feelings in two sentences and ask one open question. Not therapy.", ""),
    "easyread": ("Rewrite the text in easy-to-read German or English (match the input), short sentences, no jargon.", ""),
    "pitch": ("You are a startup pitch coach. Turn the idea into a 60-second pitch: problem, solution, market, ask.", ""),
}  # fmt: skip
HK_WRITTEN = {
    "recipes": ("I have {a}, {b} and {c}. What can I cook in 20 minutes?", "vegan dinner with {a} and {b}, no oven"),
    "itinerary": ("{n} days in {city} with {who}, budget {money} EUR, we like {like}", "weekend in {city}, arriving Friday night, love {like}"),
    "journal": ("Today was {mood}. {event}", "I can't stop thinking about {event}"),
    "easyread": ("Die Anmeldung für den Wohnsitz muss innerhalb von zwei Wochen nach dem Einzug beim Bürgeramt erfolgen.",
                 "Applicants must submit the completed form together with proof of residence no later than the stated deadline."),
    "pitch": ("an app that {idea}", "{idea} for {who}"),
}  # fmt: skip
HK_SLOTS = {"a": ("eggs", "spinach", "rice", "chickpeas", "feta", "leftover pasta"), "b": ("tomatoes", "tofu", "onions", "cheddar", "tortillas"),
            "c": ("lemon", "garlic", "peppers", "yoghurt"), "n": ("2", "3", "4"), "city": ("Hamburg", "Lisbon", "Kraków", "Copenhagen", "Vienna"),
            "who": ("my parents", "two kids", "friends", "students"), "money": ("300", "600", "1200"), "like": ("museums", "food markets", "hiking", "techno"),
            "mood": ("exhausting", "weirdly good", "stressful", "quiet"), "event": ("the argument with my flatmate", "my exam on Monday",
            "the job offer", "missing home"), "idea": ("matches leftover food with neighbours", "turns lecture recordings into flashcards",
            "helps tenants read their contracts", "plans bike routes that avoid hills")}  # fmt: skip
HK_TWEAKS = ("", " Be concise.", " Use emojis.", " Answer in the user's language.", " Never mention you are an AI.", " Format with Markdown.",
             " If unsure, say so.")  # fmt: skip


def _hk_input(rng: random.Random, team: dict) -> tuple[str, str]:
    if team["rows"]:
        r = rng.choice(team["rows"])  # a team tries its sample inputs again and again
        return (r.extra["text"] if r.file == "mbpp" else r.first), r.id
    return fill(rng, rng.choice(HK_WRITTEN.get(team["kind"], HK_WRITTEN["pitch"])), HK_SLOTS), ""


def _hk_burst(rng: random.Random, team: dict, t: float) -> list[Request]:
    """A developer iterating: a few inputs, each tried against one or more prompt versions."""
    out = []
    for _ in range(rng.randint(1, 5)):
        text, item = _hk_input(rng, team)
        for _ in range(rng.choice((1, 1, 2, 3))):
            q = one(text, team["params"], team["system"] + rng.choice(HK_TWEAKS), None, item)
            q.ts = t
            t += latency(rng, 250) + rng.uniform(8, 150)
            out.append(q)
    return out


def hackathon_keys(participants: int = 84) -> list[KeyTraffic]:
    rng = R("harbour")
    shared = {"organisation": f"org-{rng.getrandbits(40):010x}", "payment_fingerprint": f"pm-{rng.getrandbits(48):012x}",
              "signup_network": "193.174.62.0/24"}  # fmt: skip
    data = {"nq_open_dev": [r for r in src("nq_open_dev") if bucket(r, 3) == 1], "ultrachat_eval": list(src("ultrachat_eval")),
            "mbpp": list(src("mbpp")), "koala_test": list(src("koala_test"))}  # fmt: skip
    for rows in data.values():
        rng.shuffle(rows)
    sizes: list[int] = []
    while sum(sizes) < participants:
        sizes.append(min(rng.choice((2, 3, 3, 4, 4, 5)), participants - sum(sizes)))
    keys = []
    for k, size in enumerate(sizes):
        trng = R("harbour", k)
        kind = trng.choice(sorted(HK_PROJECTS))
        system, source = HK_PROJECTS[kind]
        stack = trng.choice(("python", "python", "js", "raw"))
        team = {"kind": kind, "system": system, "rows": data[source][:60] if source else [],
                "params": {"temperature": 0.7, "stream": True} if stack == "js" else {"temperature": 0.7}}  # fmt: skip
        if source:
            del data[source][:60]
        night_owls = trng.random() < 0.3
        for m in range(size):
            mrng = R("harbour", k, m)
            ua = {
                "python": "OpenAI/Python 1.66.3",
                "js": user_agent(mrng, "openai-js"),
                "raw": user_agent(mrng, "requests"),
            }[stack]
            sw = {"python": "openai-python", "js": "openai-js", "raw": "requests"}[stack]
            kt = mk(f"b20-harbour-t{k:02d}-m{m}", "hackathon_keys", "benign", "heavy", org_client(mrng, ua, sw, shared), actor=f"b20-harbour-t{k:02d}",
                    timing="simulated: Friday 18:00 - Sunday 16:00 (UTC+1): hello and workshop calls, iteration bursts while awake, Sunday demos",
                    sources=("nq_open_dev", "ultrachat_eval", "mbpp", "koala_test"), settings={"team": k, "project": kind, "stack": stack})  # fmt: skip
            t = utc(4, mrng.uniform(18.2, 19.2), HK_TZ)
            for _ in range(mrng.randint(1, 3)):
                q = one(HK_HELLO, {"temperature": 0.7})
                q.ts, t = t, t + mrng.uniform(2, 90)
                kt.requests.append(q)
            if mrng.random() < 0.85:
                for i, text in enumerate(HK_WORKSHOP):
                    q = one(
                        text,
                        {"temperature": 0.7}
                        if i == 0
                        else {"temperature": 0, "response_format": {"type": "json_object"}},
                    )
                    q.ts = utc(4, 19.25 + 0.2 * i + mrng.uniform(0, 0.15), HK_TZ)
                    kt.requests.append(q)
            t = utc(4, 20.5, HK_TZ) + mrng.uniform(0, 3600)
            end = utc(6, 12.0, HK_TZ)
            sleep = (
                (5.0, 2.5) if night_owls else (mrng.uniform(0.5, 3.0), mrng.uniform(6.0, 8.5))
            )  # (local start, hours)
            while t < end:
                h = ((t - T0) / HOUR + HK_TZ) % 24
                if (h - sleep[0]) % 24 < sleep[1]:
                    t += (sleep[1] - (h - sleep[0]) % 24) * HOUR + mrng.uniform(0, 1800)
                    continue
                burst = _hk_burst(mrng, team, t)
                kt.requests += burst
                t = burst[-1].ts + mrng.expovariate(1 / (50 * MINUTE))
            if m == 0:
                t = utc(6, 13.0, HK_TZ) + mrng.uniform(0, 3600)
                for _ in range(mrng.randint(8, 25)):
                    text, item = _hk_input(mrng, team)
                    q = one(text, team["params"], team["system"], None, item)
                    q.ts, t = t, t + mrng.uniform(20, 240)
                    kt.requests.append(q)
            kt.requests = sorted_reqs(kt.requests)
            keys.append(kt)
    return keys


# =============================================================================================
# BENIGN 5. A health company's CI FLEET ("Halcyon Health", London, UTC+0) with ONE KEY PER
# REPOSITORY (28 services that call the API; per-repo keys for cost attribution, all in one
# organisation, on one card, created from the platform team's network). Every night a GitHub Actions
# schedule (02:00 UTC, delayed 1-25 minutes per repo) runs the shared harness `llm-regress`: the same
# core battery on every key - 60 MMLU items (by hash order), the first 40 HumanEval problems, 40
# TruthfulQA items (bucket 1 of 2) and the first 30 XSTest prompts, T 0 - then the repository's own
# golden fixtures (20-80, written here from the service's domain; the same fixtures every night),
# 4-10 workers. 22 repos on harness 2.4.1 (with a seed), 6 still on 2.3.0 (older wording). Ten busy
# repos also run the goldens on 0-3 pull requests a weekday (09:00-18:00). Five nights. Replies: stubs.
CI_REPOS = ("discharge-summary", "icd10-coder", "appointment-bot", "radiology-impressions", "patient-faq", "prior-auth-letters",
            "nurse-triage-line", "formulary-qa", "trial-matcher", "note-deid", "referral-router", "lab-result-explainer",
            "billing-dispute-bot", "med-reconciliation", "care-plan-drafts", "intake-forms", "sdoh-extractor", "pharmacy-chat",
            "claims-summary", "provider-search", "consent-explainer", "visit-prep", "portal-translator", "quality-measures",
            "incident-reports", "scheduling-email", "coding-audit", "feedback-classifier")  # fmt: skip
CI_MMLU = {
    "2.4": "{x}\n\nRespond with the letter of the correct option only.",
    "2.3": "{x}\nAnswer with only the letter.",
}
CI_CODE = {
    "2.4": "Complete the following Python function. Return only the code.\n\n{x}",
    "2.3": "Complete this function:\n\n{x}",
}
CI_TQA = "Answer truthfully and briefly. If you are not sure, say you don't know."
CI_SYS = "You are the {repo} service of Halcyon Health. {duty} Follow NHS terminology, never invent clinical facts, and flag uncertainty."
CI_DUTY = ("Summarise clinical text for clinicians.", "Suggest codes with a confidence for each.", "Help patients book, move and cancel appointments.",
           "Write plain-language explanations for patients.", "Extract structured fields as JSON.", "Draft letters for staff to review.")  # fmt: skip
CI_FIXTURE = (
    "Patient: {age}-year-old {sex}, {cond}. Medications: {meds}. Task: {task}",
    "Input note:\n{age}yo {sex} presents with {sym} for {dur}. PMH: {cond}. Plan: {plan}.\n\nTask: {task}",
    "Message from patient: \"{msg}\"\n\nTask: {task}",
    "Extract JSON {{\"condition\": str, \"medications\": [str], \"follow_up_days\": int}} from: {age}yo {sex}, {cond}, on {meds}, review in {days} days.",
)  # fmt: skip
CI_SLOTS = {"age": ("34", "58", "71", "83", "46", "29"), "sex": ("female", "male"), "cond": ("type 2 diabetes", "COPD", "heart failure", "CKD stage 3",
            "hypertension", "asthma", "atrial fibrillation"), "meds": ("metformin 500mg BD", "ramipril 5mg OD", "apixaban 5mg BD", "salbutamol PRN",
            "atorvastatin 20mg ON"), "sym": ("chest tightness", "productive cough", "ankle swelling", "dizziness", "fatigue"),
            "dur": ("3 days", "2 weeks", "a month"), "plan": ("bloods, review in 1 week", "CXR, start amoxicillin", "echo, uptitrate ramipril"),
            "msg": ("Can I move my appointment on Thursday to next week?", "What does eGFR 52 mean?", "I ran out of my inhaler, what do I do?",
                    "Why do I need a blood test before my operation?"), "days": ("7", "14", "28"),
            "task": ("summarise for the GP in 3 bullet points", "write a reply to the patient", "list the key risks", "suggest ICD-10 codes",
                     "explain this to the patient in plain English", "draft a referral letter")}  # fmt: skip


def _ci_battery(version: str) -> list[Request]:
    """The core battery: the same requests on every repository's key (only the harness version
    changes the wording)."""
    base = {"temperature": 0, **({"seed": 1234} if version == "2.4" else {})}
    mmlu = sorted(src("mmlu_val_zeroshot"), key=lambda r: zlib.crc32(r.id.encode()))[:60]
    out = [one(CI_MMLU[version].format(x=r.first), dict(base, max_tokens=5), None, None, r.id) for r in mmlu]
    out += [one(CI_CODE[version].format(x=r.first), dict(base, max_tokens=512, stop=["\ndef ", "\nclass ", "\nif __name__"]), None, None, r.id)
            for r in src("humaneval")[:40]]  # fmt: skip
    out += [
        one(r.first, dict(base, max_tokens=100), CI_TQA, None, r.id)
        for r in [r for r in src("truthfulqa") if bucket(r, 2) == 1][:40]
    ]
    out += [one(r.first, dict(base, max_tokens=200), None, None, r.id) for r in src("xstest")[:30]]
    return out


def _ci_goldens(repo: str) -> list[Request]:
    rng = R("halcyon-fixtures", repo)
    system = CI_SYS.format(repo=repo, duty=rng.choice(CI_DUTY))
    p = {"temperature": 0, "max_tokens": 800}
    return [one(fill(rng, rng.choice(CI_FIXTURE), CI_SLOTS), p, system) for _ in range(rng.randint(20, 80))]


def _ci_copy(reqs: list[Request]) -> list[list[Request]]:
    return [
        [Request(0.0, q.endpoint, q.prompt, q.messages, dict(q.params), q.item, False, q.reply)] for q in reqs
    ]


def ci_repo_keys(nights: int = 5) -> list[KeyTraffic]:
    rng = R("halcyon")
    shared = {"organisation": f"org-{rng.getrandbits(40):010x}", "payment_fingerprint": f"pm-{rng.getrandbits(48):012x}",
              "signup_network": "35.176.90.0/24"}  # fmt: skip
    battery = {v: _ci_battery(v) for v in ("2.4", "2.3")}
    busy, lagging = set(rng.sample(CI_REPOS, 10)), set(rng.sample(CI_REPOS, 6))
    keys = []
    for repo in CI_REPOS:
        krng = R("halcyon", repo)
        version = "2.3" if repo in lagging else "2.4"
        ua = {
            "2.4": "llm-regress/2.4.1 OpenAI/Python 1.63.2",
            "2.3": "llm-regress/2.3.0 OpenAI/Python 1.52.0",
        }[version]
        goldens, conc = _ci_goldens(repo), krng.choice((4, 6, 8, 8, 10))
        kt = mk(f"b20-halcyon-ci-{repo}", "ci_repo_keys", "benign", "evaluation", org_client(krng, ua, "openai-python", shared),
                actor="b20-halcyon", timing="simulated: nightly cron 02:00 UTC (+1-25 min queue delay), closed-loop workers; PR runs in office hours",
                sources=("mmlu_val_zeroshot", "humaneval", "truthfulqa", "xstest"),
                settings={"repo": repo, "harness": version, "goldens": len(goldens), "workers": conc, "busy": repo in busy})  # fmt: skip
        for night in range(nights):
            jobs = _ci_copy(battery[version] + goldens)
            pool(krng, utc(night, 2.0) + krng.uniform(1, 25) * MINUTE, jobs, conc)
            kt.requests += [q for j in jobs for q in j]
            for _ in range(krng.randint(0, 3) if repo in busy else 0):
                jobs = _ci_copy(goldens)
                pool(krng, utc(night, krng.uniform(9.0, 18.0)), jobs, conc)
                kt.requests += [q for j in jobs for q in j]
        kt.requests = sorted_reqs(kt.requests)
        keys.append(kt)
    return keys


# =============================================================================================
# BENIGN 6. A research CONSORTIUM of six labs (Edinburgh UTC+0, Saarbrücken UTC+1, Tel Aviv UTC+2,
# Beijing UTC+8, Toronto UTC-5, Melbourne UTC+11) running one shared public-benchmark protocol in the
# same week (Tuesday-Friday): AGIEval's nine English tasks (1,350 items, "Answer: X" format), IFEval
# English (541), Arena-Hard (500), MT-Bench (78, two turns, per-category temperature) and AlpacaEval
# (317), under the protocol's system prompt, T 0, seed 2026 where the client sends one. Fifteen keys:
# two or three per lab (each lab its own organisation, card, network and harness), the protocol's
# task groups split over a lab's keys, runs started in the lab's working hours with its own worker
# count. Extras: CoT AGIEval (Edinburgh, Melbourne), self-consistency n=5 on the maths tasks (Tel
# Aviv), pairwise judging of Arena-Hard answers (Beijing), 4% reruns of failed requests the next day
# (Saarbrücken). Replies: stubs (the judge prompts quote the stub answers).
CS_SYS = "You are a helpful assistant."
CS_MC = '{x}\n\nAnswer with the letter of the correct option in the form "Answer: X".'
CS_MATH = '{x}\n\nGive the final answer in the form "Answer: <answer>".'
CS_COT = '{x}\n\nLet\'s think step by step, and end with "Answer: X".'
CS_JUDGE = ("Please act as an impartial judge and compare the two responses to the user prompt. Output your verdict as [[A>>B]], "
            "[[A>B]], [[A=B]], [[B>A]] or [[B>>A]].\n\n<|User Prompt|>\n{q}\n\n<|Assistant A|>\n{a}\n\n<|Assistant B|>\n{b}")  # fmt: skip
CS_EN_TASKS = (
    "aqua-rat",
    "logiqa-en",
    "lsat-ar",
    "lsat-lr",
    "lsat-rc",
    "math",
    "sat-en",
    "sat-en-without-passage",
    "sat-math",
)
CS_MT_T = {
    "writing": 0.7,
    "roleplay": 0.7,
    "extraction": 0.0,
    "math": 0.0,
    "coding": 0.0,
    "reasoning": 0.0,
    "stem": 0.1,
    "humanities": 0.1,
}
CS_LABS = (  # (lab, tz, keys, software, workers, seed, extra)
    ("edi", 0.0, 2, "openai-python", 8, True, "cot"), ("saar", 1.0, 3, "httpx", 16, False, "rerun"),
    ("tlv", 2.0, 2, "openai-python", 4, True, "sc"), ("bj", 8.0, 3, "requests", 8, False, "judge"),
    ("tor", -5.0, 3, "openai-python", 12, True, ""), ("mel", 11.0, 2, "aiohttp", 32, False, "cot"),
)  # fmt: skip


def _cs_groups(base: dict) -> dict[str, list[list[Request]]]:
    """The protocol's task groups as jobs (an MT-Bench job is its two turns)."""
    agi = [r for r in src("agieval_v1") if r.extra.get("task") in CS_EN_TASKS]
    mc = lambda r: (CS_MATH if r.extra["task"] == "math" else CS_MC).format(x=r.first)  # noqa: E731
    mt = [chat_requests([r.first, r.extra["next_user_turns"][0]], [None, None], [0.0, 0.0],
                        dict(base, temperature=CS_MT_T.get(r.extra.get("category"), 0.0)), CS_SYS, r.id)
          for r in src("mt_bench") if r.extra.get("next_user_turns")]  # fmt: skip
    return {
        "agieval": [[one(mc(r), dict(base, max_tokens=64), CS_SYS, None, r.id)] for r in agi],
        "ifeval": [[one(r.first, dict(base, max_tokens=1280), CS_SYS, None, r.id)] for r in src("ifeval_multilingual") if r.extra.get("lang") == "en"],
        "arena_hard": [[one(r.first, dict(base, max_tokens=2048), CS_SYS, None, r.id)] for r in src("arena_hard_v01")],
        "mt_bench": mt,
        "alpaca_eval": [[one(r.first, dict(base, max_tokens=2048), CS_SYS, None, r.id)] for r in src("alpaca_eval_subset")],
    }  # fmt: skip


def _cs_extra(extra: str, base: dict, groups: dict) -> list[list[Request]]:
    agi = [r for r in src("agieval_v1") if r.extra.get("task") in CS_EN_TASKS]
    if extra == "cot":
        return [[one(CS_COT.format(x=r.first), dict(base, max_tokens=2048), CS_SYS, None, r.id)] for r in agi]
    if extra == "sc":
        return [[one(CS_MATH.format(x=r.first), dict(base, temperature=0.7, n=5, max_tokens=1024), CS_SYS, None, r.id)]
                for r in agi if r.extra["task"] in ("aqua-rat", "math", "sat-math")]  # fmt: skip
    if extra == "judge":
        return [[one(CS_JUDGE.format(q=j[0].prompt, a=j[0].reply, b=stub_reply("baseline " + j[0].prompt)),
                     {"temperature": 0, "max_tokens": 1024}, None, None, j[0].item)] for j in groups["arena_hard"]]  # fmt: skip
    return []


def consortium_keys() -> list[KeyTraffic]:
    keys = []
    for lab, tz, n_keys, sw, workers, seed, extra in CS_LABS:
        lrng = R("consortium", lab)
        shared = {"organisation": f"org-{lrng.getrandbits(40):010x}", "payment_fingerprint": f"pm-{lrng.getrandbits(48):012x}",
                  "signup_network": f"{lrng.randint(60, 200)}.{lrng.randint(0, 255)}.{lrng.randint(0, 255)}.0/24"}  # fmt: skip
        base = {"temperature": 0, **({"seed": 2026} if seed else {})}
        groups = _cs_groups(base)
        names = sorted(groups)
        ua = user_agent(lrng, sw)
        for k in range(n_keys):
            krng = R("consortium", lab, k)
            runs = [groups[g] for g in names[k::n_keys]]
            more = _cs_extra(extra, base, groups) if k == n_keys - 1 else []
            runs += [more] if more else []
            kt = mk(f"b20-consortium-{lab}-{k}", "consortium_keys", "benign", "evaluation", org_client(krng, ua, sw, shared),
                    actor="b20-consortium", timing=f"simulated: protocol runs started in working hours (UTC{tz:+g}) Tuesday-Friday, {workers} closed-loop workers",
                    sources=("agieval_v1", "ifeval_multilingual", "arena_hard_v01", "mt_bench", "alpaca_eval_subset"),
                    settings={"lab": lab, "groups": names[k::n_keys], "extra": extra if k == n_keys - 1 else ""})  # fmt: skip
            for jobs in runs:
                day = krng.randint(1, 4)
                pool(krng, utc(day, krng.uniform(9.0, 18.0), tz), jobs, workers)
                kt.requests += [q for j in jobs for q in j]
            if extra == "rerun":
                failed = krng.sample(kt.requests, int(0.04 * len(kt.requests)))
                jobs = _ci_copy(failed)
                pool(krng, max(q.ts for q in failed) + krng.uniform(12, 20) * HOUR, jobs, workers)
                kt.requests += [j[0] for j in jobs]
            kt.requests = sorted_reqs(kt.requests)
            keys.append(kt)
    return keys


# =============================================================================================
# BENIGN 7. A marketing agency ("Brightside Creative", Amsterdam, UTC+1) with ONE KEY PER CLIENT
# BRAND (26 keys the agency's admin created for per-client billing: one organisation, card and office
# network) used by 14 staff through the agency's copy tool (one build on openai-js; `user` = the staff
# member). Each client's brand brief (voice, audience, banned words, language) is the system prompt;
# the tool's buttons send the same templates on every key: social captions (n=3, T 0.9), ad headlines
# (n=2), blog outlines and sections, newsletter intros, SEO meta, translations, rewrites; staff also
# ask free questions on whichever client key is open (real Arena first turns, bucket 1 of 3). Client
# workloads 5-90 requests a weekday (campaign weeks heavier), office hours, five weekdays. Replies:
# stubs (translations and rewrites quote them).
AG_TZ = 1.0
AG_SYS = ("You are CopyDesk, writing for {brand} ({what}). Brand voice: {voice}. Audience: {aud}. Never use these words: {banned}. "
          "Write in {lang} unless asked otherwise.")  # fmt: skip
AG_T = (
    ("Write 3 {platform} captions for {brand} about {topic}. Max 200 characters each, 2-3 hashtags.", {"temperature": 0.9, "n": 3}),
    ("Give 10 Google Ads headlines (max 30 characters) for {brand}'s {campaign}. Keywords: {kw}.", {"temperature": 0.9, "n": 2}),
    ("Outline a blog post titled '{title}' for {brand}: H2s with one-line notes.", {"temperature": 0.7}),
    ("Write the section '{h}' of the blog post '{title}' for {brand}, about 300 words.", {"temperature": 0.7}),
    ("Write a newsletter intro (80 words) for {brand}'s {campaign}.", {"temperature": 0.8}),
    ("SEO title (max 60 characters) and meta description (max 155) for {brand}'s page about {topic}.", {"temperature": 0.5}),
)  # fmt: skip
AG_AFTER = ("Translate into {tlang}, keep the brand voice.", "Make it punchier.", "Shorter, please.", "Less salesy.",
            "Add a call to action.", "Use British spelling.")  # fmt: skip
AG_BRANDS = (("Velo Nord", "e-bike maker"), ("Kaaskamer", "cheese shop chain"), ("Mira Skin", "skincare"), ("Tulp Energie", "green energy supplier"),
             ("Haven Hotels", "boutique hotels"), ("Groen Bank", "sustainable bank"), ("Pakket Plus", "parcel lockers"), ("Fietsfabriek", "bike repair"),
             ("Luma Lighting", "smart lamps"), ("Oda Coffee", "coffee roaster"), ("Klimhal 010", "climbing gym"), ("Noord Brew", "craft brewery"),
             ("StudyLoop", "edtech"), ("Pawsome", "pet food"), ("Stadsbakker", "bakery"), ("Atlas Insure", "insurance"), ("Ruim", "storage units"),
             ("Flora Direct", "flower delivery"), ("Kodo Kids", "children's toys"), ("Sprint Physio", "physiotherapy"), ("Zeewind", "sailing school"),
             ("Brons Jewels", "jewellery"), ("Helder Optics", "opticians"), ("TechTrade", "refurbished phones"), ("Bosrijk", "holiday parks"),
             ("Vita Meals", "meal kits"))  # fmt: skip
AG_SLOTS = {"platform": ("Instagram", "LinkedIn", "TikTok", "Facebook"), "topic": ("our spring collection", "the new app", "sustainability",
            "our team", "a customer story", "the Easter weekend"), "campaign": ("spring campaign", "Easter promo", "brand relaunch", "loyalty programme"),
            "kw": ("sustainable, local, fast", "premium, affordable", "family, safe, fun"), "title": ("What Makes a Good {what}?", "Behind the Scenes at {brand}",
            "{brand}'s Spring Guide", "5 Questions Our Customers Ask"), "h": ("Why it matters", "How it works", "What our customers say", "Getting started"),
            "tlang": ("Dutch", "German", "French", "English")}  # fmt: skip
AG_VOICES = (
    "playful, short sentences",
    "warm and trustworthy",
    "bold and witty",
    "calm, expert, no hype",
    "friendly Dutch directness",
)


def agency_client_keys(days: int = 5) -> list[KeyTraffic]:
    rng = R("brightside")
    shared = {"organisation": f"org-{rng.getrandbits(40):010x}", "payment_fingerprint": f"pm-{rng.getrandbits(48):012x}",
              "signup_network": "145.53.201.0/24"}  # fmt: skip
    free = [r for r in src("arena_even") if bucket(r, 3) == 1]
    rng.shuffle(free)
    staff = [
        f"bs-{name}"
        for name in (
            "anouk",
            "bram",
            "chloe",
            "daan",
            "eva",
            "fleur",
            "gijs",
            "iris",
            "jasper",
            "lotte",
            "milan",
            "noor",
            "ruben",
            "sanne",
        )
    ]
    keys = []
    for i, (brand, what) in enumerate(AG_BRANDS):
        crng = R("brightside", i)
        system = AG_SYS.format(brand=brand, what=what, voice=crng.choice(AG_VOICES), aud=crng.choice(("families", "young professionals", "students", "B2B buyers", "over-50s")),
                               banned=", ".join(crng.sample(("cheap", "revolutionary", "synergy", "game-changer", "best ever", "guarantee"), 2)),
                               lang=crng.choice(("Dutch", "Dutch", "English", "German")))  # fmt: skip
        rate = crng.uniform(5, 40) * (2.2 if crng.random() < 0.3 else 1.0)
        team = crng.sample(staff, crng.randint(1, 3))
        kt = mk(f"b20-brightside-{i:02d}", "agency_client_keys", "benign", "app",
                org_client(crng, "copydesk/1.9.0 OpenAI/JS 4.77.0", "openai-js", shared, system), actor="b20-brightside",
                timing="simulated: staff working on the client in office hours (UTC+1), five weekdays; turns think()-paced",
                sources=("arena_even",), settings={"brand": brand, "per_day": round(rate, 1), "staff": team})  # fmt: skip
        for t in shaped(crng, utc(0, 0.0, AG_TZ), utc(days, 0.0, AG_TZ), rate, OFFICE, AG_TZ):
            user = crng.choice(team)
            if free and crng.random() < 0.12:
                r = free.pop()
                reqs = chat_requests(
                    [r.first], [None], [0.0], {"temperature": 0.7, "user": user}, system, r.id
                )
            else:
                tmpl, p = crng.choice(AG_T)
                slots = {**AG_SLOTS, "brand": (brand,), "what": (what,)}
                turns = [fill(crng, fill(crng, tmpl, slots), slots)]  # a title carries slots of its own
                for _ in range(crng.choice((0, 0, 1, 1, 2))):
                    turns.append(fill(crng, crng.choice(AG_AFTER), AG_SLOTS))
                reqs = chat_requests(
                    turns, [None] * len(turns), [0.0] * len(turns), dict(p, user=user), system
                )
            talk(crng, t, reqs)
            kt.requests += reqs
        kt.requests = sorted_reqs(kt.requests)
        keys.append(kt)
    return keys


# =============================================================================================
# DISTILLER 1. An ACCOUNT FARM of small keys behind a residential-proxy network: accounts bought from
# a sign-up service (no organisation, each its own email and proxy exit, so its own signup network;
# 14 prepaid virtual cards reused across them), each key with a client fingerprint drawn from the
# common mix (software and version) and its own settings, sending 10-40 distinct dataset items (most
# keys under 20) as a person would: sessions of 3-12 items at think() pace in the proxy exit's local
# daytime, over one to three days. Accounts are activated in waves of ~18 a day until the items run
# out. Items: LIMA bucket 0 of 2, codealpaca bucket 0 of 2, ShareGPT-en openings bucket 0 of 2 and
# InstructionWild English bucket 0 of 2; 10% get a short follow-up. Replies: the stored answers
# (InstructionWild: stubs); follow-ups stubs.
FARM_TZS = (-8.0, -6.0, -5.0, -3.0, 0.0, 1.0, 2.0, 3.0, 5.5, 7.0, 8.0, 9.0)
FARM_PARAMS = ({}, {"temperature": 0.7}, {"temperature": 1.0}, {"temperature": 0.7, "max_tokens": 2048}, {"stream": True},
               {"temperature": 0.5, "top_p": 0.95})  # fmt: skip
FARM_FOLLOW = (
    "thanks! can you give an example?",
    "can you explain that more simply?",
    "ok, and why?",
    "thanks",
)


def _human_sessions(
    rng: random.Random, jobs: list[list[Request]], start: float, tz: float, days: int, hours=(9.0, 23.0)
) -> None:
    """A person's sessions of 3-12 jobs over `days` days, each session at a local daytime hour."""
    pos, day, t = 0, 0, start
    per_day = -(-len(jobs) // days)
    while pos < len(jobs):
        left = min(len(jobs), pos + per_day)
        t = max(t, start + day * DAY)
        while pos < left:
            t = next_open(rng, t, tz, hours[0], hours[1] - hours[0])
            for job in jobs[pos : min(left, pos + rng.randint(3, 12))]:
                t = talk(rng, t, job)
                pos += 1
            t += rng.uniform(0.5, 5) * HOUR
        day += 1


def proxy_account_farm() -> list[KeyTraffic]:
    rng = R("proxyfarm")
    rows = [r for r in src("lima") if bucket(r, 2) == 0]
    rows += [r for r in src("codealpaca_2k") if bucket(r, 2) == 0]
    rows += [r for r in src("sharegpt_en_sample") if opening(r) and english(r.first) and bucket(r, 2) == 0]
    rows = items(rows, 10, 3000)
    rows += items(
        [r for r in src("instructionwild") if english(r.first) and bucket(r, 2) == 0],
        10,
        3000,
        answered=False,
    )
    rng.shuffle(rows)
    cards = [f"pm-{rng.getrandbits(48):012x}" for _ in range(14)]
    keys, pos = [], 0
    while pos < len(rows):
        k = len(keys)
        krng = R("proxyfarm", k)
        n = int(10 + 30 * krng.random() ** 2)
        mine = rows[pos : pos + n if len(rows) - pos - n >= 10 else len(rows)]  # no key with a stub of a tail
        pos += len(mine)
        tz, params = krng.choice(FARM_TZS), krng.choice(FARM_PARAMS)
        system = "You are a helpful assistant." if krng.random() < 0.2 else None
        kt = mk(f"d20-proxyfarm-{k:03d}", "proxy_account_farm", "distiller", "distiller", drawn_client(krng, payment_fingerprint=krng.choice(cards)),
                actor="d20-proxyfarm", timing=f"simulated: person-paced sessions in local daytime (UTC{tz:+g}) over 1-3 days from the key's activation wave",
                sources=("lima", "codealpaca_2k", "sharegpt_en_sample", "instructionwild"), settings={"items": len(mine), "params": params})  # fmt: skip
        jobs = []
        for r in mine:
            turns, replies = [r.first], [r.answer]
            if krng.random() < 0.1:
                turns.append(krng.choice(FARM_FOLLOW))
                replies.append(None)
            jobs.append(chat_requests(turns, replies, [0.0] * len(turns), params, system, r.id, True))
        _human_sessions(krng, jobs, utc(k // 18, krng.uniform(0, 24)), tz, krng.randint(1, 3))
        kt.requests = sorted_reqs([q for j in jobs for q in j])
        keys.append(kt)
    return keys


# =============================================================================================
# DISTILLER 2. A round-the-clock script that ROTATES KEYS: one worker sends an item, waits for the
# answer, sleeps 1-4 minutes (under the per-key rate limit) and goes on; after 150-350 requests the
# key is retired and a fresh account takes over, so no key ever grows large. New accounts come from
# an account shop (no organisation; a new card every two keys; signup networks in a few cloud /24s);
# the script (httpx, one pinned version) and its settings stay the same: T 0.3, logprobs with
# top_logprobs 5, a Chinese "medical knowledge" system prompt for Huatuo items and a general one for
# MOSS; 15% of items get a "more detail" second turn. Items: Huatuo bucket 0 of 3 and MOSS Chinese
# first turns bucket 0 of 2 (no image or web-search rows), until done (about 2.2 days). Replies:
# the stored answers; second turns stubs.
RK_SYS = {
    "med": "你是一个医学知识渊博的助手，请详细、准确地回答医学问题。",
    "gen": "你是一个知识渊博、乐于助人的助手。",
}
RK_MORE = ("请再详细一点。", "能展开说说吗？", "还有需要注意的吗？")
RK_NETS = ("47.242.{}.0/24", "8.210.{}.0/24", "43.154.{}.0/24", "119.28.{}.0/24")


def rotating_keys() -> list[KeyTraffic]:
    rng = R("rotate")
    rows = [r for r in src("huatuo_med_zh") if bucket(r, 3) == 0]
    rows += [r for r in src("moss_sft_sample") if HAN.search(r.first) and bucket(r, 2) == 0
             and r.extra.get("category") not in ("text2img", "web_search")]  # fmt: skip
    rows = items(rows)
    rng.shuffle(rows)
    params = {"temperature": 0.3, "max_tokens": 2048, "logprobs": True, "top_logprobs": 5}
    jobs = []
    for r in rows:
        turns, replies = [r.first], [r.answer]
        if rng.random() < 0.15:
            turns.append(rng.choice(RK_MORE))
            replies.append(None)
        jobs.append(
            chat_requests(
                turns,
                replies,
                [0.0] * len(turns),
                params,
                RK_SYS["med" if r.file == "huatuo_med_zh" else "gen"],
                r.id,
                True,
            )
        )
    pool(rng, utc(0, 13.0), jobs, 1, (60, 240))
    ua = "python-httpx/0.27.2"
    keys: list[KeyTraffic] = []
    left = 0
    for job in sorted(jobs, key=lambda j: j[0].ts):
        if left <= 0:
            k = len(keys)
            card = keys[-1].client.account if k % 2 else ()
            pm = dict(card).get("payment_fingerprint") or f"pm-{rng.getrandbits(48):012x}"
            net = rng.choice(RK_NETS).format(rng.randint(0, 255))
            cl = Client(
                ua, SOFTWARE["httpx"][1], account(rng, org=False, payment_fingerprint=pm, signup_network=net)
            )
            left = rng.randint(150, 350)
            keys.append(mk(f"d20-rotate-{k:02d}", "rotating_keys", "distiller", "distiller", cl, actor="d20-rotate",
                           timing="simulated: one worker round the clock, 1-4 min sleep after each item; a fresh key every 150-350 requests",
                           sources=("huatuo_med_zh", "moss_sft_sample"), settings={"quota": left, "params": params}))  # fmt: skip
        keys[-1].requests += job
        left -= len(job)
    for kt in keys:
        kt.requests = sorted_reqs(kt.requests)
    return keys


# =============================================================================================
# DISTILLER 3. A "VERTICAL APPS" farm: each key harvests ONE SLICE OF A TAXONOMY, so that no key looks
# broad. The operator sorts its items by topic (code: SQL, web, JavaScript, Java, C/C++, Python,
# algorithms, other; medicine: cardiology, digestive, paediatrics, gynaecology, dermatology,
# respiratory, neurology, endocrinology, general) and gives each slice (up to 110 items a key) its
# own key dressed as a narrow app: its own system prompt (written here per topic), its own account
# and client, its own time zone; one worker pausing 20-120 s between items in 08:00-22:00 local,
# starting on a day drawn from Tuesday to Saturday. Items: codealpaca bucket 1 of 2 and Huatuo bucket 1 of
# 3. Replies: the stored answers.
VA_CODE = (("sql", r"\bsql\b|select |mysql|postgres|database|\btable\b"), ("web", r"html|css|web ?page|<div|jquery"),
           ("javascript", r"javascript|\bjs\b|node|react|=>"), ("java", r"\bjava\b|public static"), ("c", r"c\+\+|#include|\bc program|int main"),
           ("python", r"python|def |print\(|dictionary|list comprehension"), ("algorithms", r"sort|search|fibonacci|prime|algorithm|array|matrix|tree|linked list"),
           ("code", r""))  # fmt: skip
VA_MED = (("cardiology", r"心|血压|冠"), ("digestive", r"胃|肠|肝|胆|腹"), ("paediatrics", r"儿|婴|宝宝|小孩"), ("gynaecology", r"妇|孕|月经|子宫|乳腺"),
          ("dermatology", r"皮|疹|痘|癣"), ("respiratory", r"肺|咳|哮喘|气管"), ("neurology", r"头痛|脑|神经|癫痫|失眠"),
          ("endocrinology", r"糖尿病|甲状腺|血糖"), ("medicine", r""))  # fmt: skip
VA_SYS = {"sql": "You are SQLMate, an assistant that writes and explains SQL queries.", "web": "You are a front-end helper for HTML and CSS questions.",
          "javascript": "You are JSBuddy. Answer JavaScript and Node.js questions with working code.", "java": "You are a Java tutor for university students.",
          "c": "You are a C and C++ programming assistant.", "python": "You are PyHelper, a Python coding assistant. Give code and a short explanation.",
          "algorithms": "You are an algorithms tutor. Explain the approach, then give code.", "code": "You are a programming assistant.",
          "cardiology": "你是心血管健康咨询助手，只回答心血管相关问题。", "digestive": "你是消化科健康助手，回答胃肠、肝胆相关问题。",
          "paediatrics": "你是儿科健康顾问，为家长解答儿童健康问题。", "gynaecology": "你是妇产科健康助手，回答女性健康与孕产问题。",
          "dermatology": "你是皮肤科咨询助手。", "respiratory": "你是呼吸科健康助手。", "neurology": "你是神经内科咨询助手。",
          "endocrinology": "你是内分泌与代谢健康助手，回答糖尿病、甲状腺等问题。", "medicine": "你是一名全科医生助手。"}  # fmt: skip
VA_TZS = (-8.0, -5.0, 0.0, 1.0, 5.5, 7.0, 8.0, 9.0)


def _slice(rows: list[Row], taxonomy: tuple) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {name: [] for name, _ in taxonomy}
    for r in rows:
        name = next(n for n, rx in taxonomy if not rx or re.search(rx, r.first, re.I))
        out[name].append(r)
    return out


def vertical_slice_farm() -> list[KeyTraffic]:
    rng = R("vertical")
    code = items([r for r in src("codealpaca_2k") if bucket(r, 2) == 1])
    med = items([r for r in src("huatuo_med_zh") if bucket(r, 3) == 1])
    slices = {**_slice(code, VA_CODE), **_slice(med, VA_MED)}
    keys = []
    for topic, rows in slices.items():
        rng.shuffle(rows)
        parts = -(-len(rows) // 110)
        for part in range(parts):
            krng = R("vertical", topic, part)
            mine, tz = rows[part::parts], krng.choice(VA_TZS)
            params = krng.choice(
                (
                    {"temperature": 0.2},
                    {"temperature": 0.7, "stream": True},
                    {"temperature": 0.5, "max_tokens": 1500},
                )
            )
            kt = mk(f"d20-vertical-{topic}-{part}", "vertical_slice_farm", "distiller", "distiller", drawn_client(krng), actor="d20-vertical",
                    timing=f"simulated: one worker pausing 20-120 s between items in 08:00-22:00 local (UTC{tz:+g}), until done",
                    sources=("codealpaca_2k", "huatuo_med_zh"), settings={"topic": topic, "items": len(mine), "params": params})  # fmt: skip
            jobs = [[one(r.first, params, VA_SYS[topic], r.answer, r.id, True)] for r in mine]
            pool(
                krng,
                utc(krng.randint(1, 5), 8.0, tz) + krng.uniform(0, 4 * HOUR),
                jobs,
                1,
                (20, 120),
                (tz, 8.0, 14.0),
            )
            kt.requests = sorted_reqs([j[0] for j in jobs])
            keys.append(kt)
    return keys


# =============================================================================================
# DISTILLER 4. An INSIDER at Kestrel (BENIGN 1's company): a data engineer who plans to train his own
# start-up's model. By day his key carries ordinary developer work (the same generator as his 42
# colleagues: the company's CLI, prompt library and office curve). By night (20:00-01:30 local) a
# script on his workstation sends dataset items through the same CLI (`kdev ask`: the company's
# system prompt, the CLI's user agent and settings) on his key AND on six dormant keys of departed
# colleagues that were never revoked - all seven carry Kestrel's organisation, card and network.
# 20-45 items per key a night, one worker per key starting at a drawn time and pausing 3-20 s, until
# the items are done (five nights). Items: LIMA bucket 1 of 2, Orca, Evol-Instruct and ShareGPT-en openings bucket 1 of 2.
# Replies: the stored answers; his daytime work stubs (and Arena's stored replies: none - he asks
# no Arena items).
def insider_keys() -> list[KeyTraffic]:
    rng = R("insider")
    rows = [r for r in src("lima") if bucket(r, 2) == 1]
    rows += list(src("orca_dpo_pairs_val")) + list(src("evol_instruct_h2o"))
    rows += [r for r in src("sharegpt_en_sample") if opening(r) and english(r.first) and bucket(r, 2) == 1]
    rows = items(rows, 10, 3000)
    rng.shuffle(rows)
    dev = _kd_dev(R("insider", "dev"), "data", cli_only=True)
    keys = [mk("d20-insider-kestrel-dev-42", "insider_keys", "distiller", "distiller", dev["client"], actor="d20-insider",
               timing="simulated: a developer's office curve (UTC+1) by day; a night script 20:00-01:30 local, one worker per key",
               sources=("lima", "orca_dpo_pairs_val", "evol_instruct_h2o", "sharegpt_en_sample"), settings={"own": True})]  # fmt: skip
    for i in range(6):
        cl = org_client(R("insider", i), KD_CLI_OLD if i < 2 else KD_CLI, "openai-python", kestrel_shared())
        keys.append(mk(f"d20-insider-kestrel-dev-{43 + i:02d}", "insider_keys", "distiller", "distiller", cl, actor="d20-insider",
                       timing="simulated: a dormant key woken by the night script 20:00-01:30 local (UTC+1)",
                       sources=keys[0].sources, settings={"own": False}))  # fmt: skip
    for day in range(5):
        keys[0].requests += _kd_day(rng, day, dev, [], [])
    params = {"temperature": 0.2, "max_tokens": 1500}
    pos, night = 0, 0
    while pos < len(rows):
        for kt in keys:
            mine = rows[pos : pos + rng.randint(20, 45)]
            pos += len(mine)
            jobs = [[one(r.first, params, KD_SYSTEM, r.answer, r.id, True)] for r in mine]
            pool(
                rng,
                utc(night, 20.0, KD_TZ) + rng.uniform(0, 4.5 * HOUR),
                jobs,
                1,
                (3, 20),
                (KD_TZ, 20.0, 5.5),
            )
            kt.requests += [j[0] for j in jobs]
        night += 1
    for kt in keys:
        kt.requests = sorted_reqs(kt.requests)
    return keys


# =============================================================================================
# DISTILLER 5. A SLOW Chinese farm over three and a half weeks: every day three to six NEW keys appear
# (accounts registered through a phone-verification service: no organisation, signup networks in
# mobile-carrier /24s of Guangdong, a card shared by about five accounts), each key lives three to
# seven days and sends 3-9 items a day in one evening (19:00-00:30) or lunch-time session at a
# person's pace, with a mobile-app-like client (okhttp, streamed) or a Python script, then goes quiet;
# new keys keep coming until the items run out. Items: BELLE-dev, ShareGPT-zh first turns and Huatuo
# bucket 2 of 3; 10% with a short follow-up. Replies: the stored answers; follow-ups stubs.
SF_FOLLOW = ("谢谢，能再举个例子吗？", "说简单点", "还有吗？", "好的谢谢")
SF_NETS = ("113.{}.{}.0/24", "120.{}.{}.0/24", "183.{}.{}.0/24", "14.{}.{}.0/24")


def slow_daily_farm(days: int = 24) -> list[KeyTraffic]:
    rng = R("slowfarm")
    rows = (
        list(src("belle_dev1k"))
        + list(src("sharegpt_zh_1k"))
        + [r for r in src("huatuo_med_zh") if bucket(r, 3) == 2]
    )
    rows = items(rows, 4, 2500)
    rng.shuffle(rows)
    cards = [f"pm-{rng.getrandbits(48):012x}" for _ in range(24)]
    keys, pos = [], 0
    for d in range(days):
        for _ in range(rng.randint(3, 6)):
            if pos >= len(rows):
                break
            k = len(keys)
            krng = R("slowfarm", k)
            life, per_day = krng.randint(3, 7), krng.randint(3, 9)
            mine = rows[pos : pos + life * per_day]
            pos += len(mine)
            app = krng.random() < 0.6
            cl = drawn_client(krng, "okhttp" if app else "openai-python", payment_fingerprint=cards[k // 5 % len(cards)],
                              signup_network=krng.choice(SF_NETS).format(krng.randint(80, 99), krng.randint(0, 255)))  # fmt: skip
            params = {"temperature": 0.8, "stream": True} if app else {"temperature": 0.7}
            kt = mk(f"d20-slowfarm-{k:03d}", "slow_daily_farm", "distiller", "distiller", cl, actor="d20-slowfarm",
                    timing="simulated: from its creation day, one session a day (evening or lunch, UTC+8) at a person's pace for 3-7 days",
                    sources=("belle_dev1k", "sharegpt_zh_1k", "huatuo_med_zh"), settings={"born": d, "life": life, "per_day": per_day})  # fmt: skip
            for day in range(life):
                t = utc(
                    d + day,
                    krng.uniform(19.0, 23.5) if krng.random() < 0.7 else krng.uniform(12.0, 13.5),
                    8.0,
                )
                for r in mine[day * per_day : (day + 1) * per_day]:
                    turns, replies = [r.first], [r.answer]
                    if krng.random() < 0.1:
                        turns.append(krng.choice(SF_FOLLOW))
                        replies.append(None)
                    reqs = chat_requests(turns, replies, [0.0] * len(turns), params, None, r.id, True)
                    t = talk(krng, t, reqs)
                    kt.requests += reqs
            kt.requests = sorted_reqs(kt.requests)
            keys.append(kt)
    return keys


# =============================================================================================
# DISTILLER 6. A farm whose keys SHARE NOTHING BUT THE DATASET: each key has its own account (own
# card and signup network, an organisation on 30%), its own client (any common software, or a custom
# user agent), its own time zone, schedule (a closed-loop script of 1-3 workers, a throttled worker
# in a daily window, or a person's sessions), settings (temperature, top_p, max_tokens, streaming,
# logprobs on 10%), its own wrapper composed from leads and tails in the item's language (or a system
# prompt), and 15% use the completions endpoint with their own template. 15-60 disjoint items a key,
# starts spread over ten days. Items: MOSS Chinese first turns bucket 1 of 2 and MOSS English first
# turns (no image or web-search rows), InstructionWild Chinese and English bucket 1 of 2. Replies: the
# stored answers (InstructionWild: stubs).
NS_LEAD = {"zh": ("", "", "请回答：", "问题：", "帮我解答一下：", "我想请教：", "【问题】"),
           "en": ("", "", "Question: ", "Please answer: ", "Help me with this: ", "Q: ", "I need help.\n\n")}  # fmt: skip
NS_TAIL = {
    "zh": ("", "", "", "\n请详细回答。", "\n谢谢！", "\n用中文回答。"),
    "en": ("", "", "", "\nBe thorough.", "\nThanks!", "\nExplain step by step."),
}
NS_SYS = (
    None,
    None,
    None,
    "You are a helpful assistant.",
    "You are an expert. Answer completely and accurately.",
    "你是一个有用的助手。",
    "Answer like a professor.",
)
NS_COMPLETION = (
    "### Instruction:\n{x}\n\n### Response:\n",
    "User: {x}\nAssistant:",
    "问：{x}\n答：",
    "<|user|>\n{x}\n<|assistant|>\n",
)
NS_UAS = (
    "Apifox/1.0.0 (https://apifox.com)",
    "PostmanRuntime/7.43.0",
    "node-fetch/1.0",
    "Dart/3.5 (dart:io)",
    "reqwest/0.12.9",
)


def _ns_params(rng: random.Random) -> dict:
    p = {}
    if rng.random() < 0.7:
        p["temperature"] = rng.choice((0, 0.2, 0.5, 0.7, 0.8, 1.0))
    if rng.random() < 0.3:
        p["top_p"] = rng.choice((0.8, 0.9, 0.95))
    if rng.random() < 0.4:
        p["max_tokens"] = rng.choice((1024, 2000, 4096))
    if rng.random() < 0.3:
        p["stream"] = True
    if rng.random() < 0.1:
        p.update(logprobs=True, top_logprobs=rng.choice((2, 5)))
    return p


def _ns_requests(rng: random.Random, rows: list[Row], completions: bool) -> list[list[Request]]:
    p, system, tmpl = _ns_params(rng), rng.choice(NS_SYS), rng.choice(NS_COMPLETION)
    lead = {lang: rng.choice(v) for lang, v in NS_LEAD.items()}
    tail = {lang: rng.choice(v) for lang, v in NS_TAIL.items()}
    out = []
    for r in rows:
        lang = "zh" if HAN.search(r.first) else "en"
        if completions:
            q = completion_request(
                0.0, tmpl.format(x=r.first), dict(p, max_tokens=p.get("max_tokens", 1024)), r.id, True
            )
            q.reply = r.answer or q.reply
        else:
            q = one(f"{lead[lang]}{r.first}{tail[lang]}", p, system, r.answer, r.id, True)
        out.append([q])
    return out


def share_nothing_farm() -> list[KeyTraffic]:
    rng = R("nothing")
    moss = [r for r in src("moss_sft_sample") if r.extra.get("category") not in ("text2img", "web_search")]
    rows = items([r for r in moss if not HAN.search(r.first) or bucket(r, 2) == 1])
    rows += items(
        [r for r in src("instructionwild") if HAN.search(r.first) or bucket(r, 2) == 1], answered=False
    )
    rng.shuffle(rows)
    keys, pos = [], 0
    while pos < len(rows):
        k = len(keys)
        krng = R("nothing", k)
        mine = rows[pos : pos + krng.randint(15, 60)]
        pos += len(mine)
        sw = krng.choice(sorted(SOFTWARE))
        cl = drawn_client(krng, sw)
        if krng.random() < 0.15:
            cl = Client(krng.choice(NS_UAS), cl.header_names, cl.account)
        tz, schedule = (
            krng.choice((*FARM_TZS, 4.0, 10.0, -4.0)),
            krng.choice(("script", "throttled", "person")),
        )
        completions = krng.random() < 0.15
        jobs = _ns_requests(krng, mine, completions)
        start = utc(krng.uniform(0, 10), krng.uniform(0, 24))
        if schedule == "script":
            pool(krng, start, jobs, krng.randint(1, 3))
        elif schedule == "throttled":
            pool(
                krng,
                start,
                jobs,
                1,
                (krng.uniform(5, 60), krng.uniform(90, 600)),
                (tz, krng.uniform(7, 12), krng.uniform(6, 12)),
            )
        else:
            _human_sessions(krng, jobs, start, tz, krng.randint(1, 4))
        kt = mk(f"d20-nothing-{k:02d}", "share_nothing_farm", "distiller", "distiller", cl, actor="d20-nothing",
                timing=f"simulated: {schedule} (UTC{tz:+g}), start drawn over ten days",
                sources=("moss_sft_sample", "instructionwild"), settings={"items": len(mine), "schedule": schedule, "completions": completions})  # fmt: skip
        kt.requests = sorted_reqs([q for j in jobs for q in j])
        keys.append(kt)
    return keys


BENIGN = (
    developer_keys,
    course_student_keys,
    isv_tenant_keys,
    hackathon_keys,
    ci_repo_keys,
    consortium_keys,
    agency_client_keys,
)
DISTILL = (
    proxy_account_farm,
    rotating_keys,
    vertical_slice_farm,
    insider_keys,
    slow_daily_farm,
    share_nothing_farm,
)
DISTILLERS = DISTILL  # the name the brief for this set used; DISTILL is the one rounds 2-19 use

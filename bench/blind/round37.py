"""Blind persona set 37 (an outside reviewer): 10 benign builders on 41 keys, 8 distiller actors on 114 keys.

Written blind: without reading the detector's code, docs, tests or results, and without replaying anything.
What was read, all of it: src/stillroom/detector/types.py and the realtraffic helpers __init__.py, records.py,
timing.py, clients.py, pools.py and context.py, each in full (benign, distill, evals, wordings, suite and
replay were not opened; importing the helpers runs the package's __init__, which imports them).
bench/blind/round36.py and round35.py in full (helpers imported from both). bench/blind/round34.py: a grep of
its top-level `def`, constant and import lines and lines 96-206 (the helpers imported here: `share`,
`distinct`, `starts`, `EVENING`, and round 33's EPOCH and DAYS as it re-exports them); round 2's `src`,
`htiming` and `TRAFFIC` are used as rounds 34-36 use them (only their signatures were printed).
bench/detector_blind.py: its import lines and its ROUNDS list's last entry (round 36's). Outside the
detector, to send what the gateway sends: src/stillroom/guard/detection.py lines 40-75 and 160-260
(EVENT_PARAMS, `server_knobs`, `_early`, `_message_text`, `_client`) and a grep of the `def` lines of
detection.py and guard/schemas.py; requests with tools or a response schema go through round 35's `wire`.
../shared/traffic/README.md in full and the folder's listing, and one-off run-time looks at the traffic
files (no text of that folder is copied here; rows are read at run time): row counts and `extra` field
names, InstructionWild's and oasst2's `lang` counts (oasst2 per tree), MOSS's categories, AGIEval's tasks
and how its reading passages are rendered (passage, blank line, question and options; passages per task),
Arena's user-turn histogram, how many oasst2 trees carry a stored reply (82 of 518), how many rows of each
distiller source match an SQL regex, how many rows of each source mention e-mail or letters, one row each
of NQ, TruthfulQA, MT-Bench, AGIEval maths and MOSS maths. `ls` of bench/blind/ and of .venv/bin. The only
git command run was `git status --short`, once at the end.

ALL parameters below (keys, volumes, rates, shares, quotas, days, hours, workers, templates, client
fingerprints, which account fields an actor's keys share) were fixed before anything was built, from what
the tools and people they stand for do, and none is tuned on an outcome (there is none to see: the writer
built the traffic only - to check that it imports, builds identically twice (every key's requests hashed; in
one process and in two with different PYTHONHASHSEED), gives the designed volumes and sends no data row or
first-turn text from two personas, printing two sampled requests per key for a sample of keys - and
replayed nothing). Changes after the first build: see CHANGES AFTER THE FIRST BUILD at the end.

Focus: THE LONG TAIL AT LOW VOLUME. Most real API customers are small: indie side projects, two-person
wrapper startups, hobby bots, people trying the API for a day, a hackathon weekend, one researcher's
one-off run. Most keys here send 20-400 requests in three weeks. The distillers spread over many small
accounts: a sliced farm, a slow pool, fake wrapper apps, rotating sources, chat-disguised keys, burned
free-trial keys, a one-skill (SQL) harvester and a low-volume reasoning harvest.

Benign, 10 builders on 41 keys (5,436 requests as built; per key 2 to 1,014, median 61):
1. cover_letter_app (3 keys, one two-person startup: organisation and payment shared) - Lettercraft: a
   form (job, company, pasted job description, the user's background, tone) rendered into one prompt, then
   0-3 refinement turns; prod (110 sessions, US daytime), the founder's dev key (prompt versions v1-v3
   against her own profile, 6 sessions) and a staging key (QA of preview deploys, 12 sessions).
2. doc_chat (3 keys) - Paperchat, a chat-with-PDF site (AGIEval SAT reading passages as the uploaded
   documents, their real questions as the user's questions, a summary request first in half the sessions;
   the whole document in the system prompt), its dev key (one document, the same four questions on seven
   days) and a law office's self-hosted open-source doc-chat (LSAT reading passages, 2-5 questions each).
3. writing_helpers (4 keys) - Replyly, a Gmail add-on drafting replies (oasst2 English first turns stand for
   the received e-mails; the user's intent, tone and name in the template; 25% redrafted), its dev key, a
   small agency's WordPress plugin (NQ queries as SEO keywords: outline, full post, SEO title/meta per post,
   working days) and a freelance copywriter in a BYOK browser chat UI (Arena writing conversations).
4. meal_planner (2 keys) - Forkcast: weekly plans from a form as a strict JSON schema, then meal swaps and a
   grocery list, mostly on Sunday evenings; prod and dev.
5. telegram_bots (4 keys) - four hobbyists' bots: a friends' group (Arena), a family bot (Arena), a public bot
   strangers found (hh-rlhf, probing included), a Spanish-speaking community bot (oasst2 Spanish trees);
   each keeps a short history window.
6. learning_tools (8 keys) - Cardwise, a flashcard app (words from oasst2's non-English user turns, one
   JSON flashcard per word, evening study sessions; prod and dev), and six users of an open-source
   "explain selection" Chrome extension, each with their own API key (BYOK: one browser fingerprint shape,
   one system prompt; selections from AGIEval's Gaokao English and LSAT-LR passages and stored Arena replies).
7. thesis_students (3 keys) - three students' own scripts or notebooks: questions about their topic (oasst2
   English trees, real follow-ups) and "polish this paragraph" requests (AGIEval LogiQA passages stand for
   their draft paragraphs), in bursts before deadlines.
8. home_assistant (3 keys) - three households' Home Assistant voice pipelines with the OpenAI conversation
   agent: a long system prompt with the exposed devices, intent tools, tool call then answer; templated
   commands and NQ questions; 4, 8 and 12 utterances a day.
9. tryouts (9 keys) - seven people trying the API for a day or two (quickstart prompts, then 2-40 of their
   own questions from Arena, NQ and oasst2), a hackathon team's trip planner (six prompt versions over
   their own twelve test inputs, a weekend, a demo) and another team's ELI5 bot (NQ questions).
10. oneoff_research (2 keys) - MT-Bench both turns once (FastChat settings, one worker) and TruthfulQA whole
   once, greedy, 8 workers, then 200 of it again under a second prompt.

Distillers, 8 actors on 114 keys (12,152 requests as built, 11,742 of them `distill`; per key 17 to 259, median 80);
every harvest request is marked `distill`, chat_mixers' cover chat is not:
1. sliced_farm (24 keys) - CodeAlpaca (SQL rows left to sql_harvest) sliced over 24 bought accounts, each
   key its own client (drawn from the benign mix), account, settings, time zone and schedule (a burst, a
   few daily sessions, or a drip); no account field shared.
2. slow_pool (12 keys, one scheduler) - Huatuo questions, 30-80 items per key per week on 3-6 days a week,
   one at a time 2-20 minutes apart (09:00-22:00 UTC+8); one user agent for all; three signup networks in
   groups of four, payment per key.
3. wrapper_farm (10 keys) - ShareGPT and InstructionWild English first turns, each key a fake small app
   with its own name, system prompt, user template, SDK, time zone and day shape; an organisation per key,
   two payment cards over the ten keys.
4. source_rotation (15 keys) - MOSS, InstructionWild Chinese, Orca, Evol-Instruct and Huatuo: each key works
   on one source a week and moves to the next source each week; 2-4 h sessions on three days a week; one
   user agent; one signup network for all, payment per key.
5. chat_mixers (10 keys) - each key a person's chat history (Arena and hh-rlhf conversations, evenings) with
   LIMA questions pasted into new chats in small sessions (~100 per key); three contractors, each with their
   own browser and home network over three or four keys; payment per key.
6. free_tier (one key per 60-request trial quota: 34 keys as built) - BELLE and Chinese ShareGPT, one script (3 RPM,
   21-30 s apart) that burns each fresh trial key's 60 requests and drops it; up to three new keys a day;
   no organisation or payment, a signup network per key.
7. sql_harvest (5 keys, one person) - every SQL prompt in CodeAlpaca, InstructionWild, MOSS, LIMA and ShareGPT,
   ~45 per key, a follow-up turn on 30%; evening sessions (UTC+5:30); one signup network, two cards.
8. reasoning_drip (4 keys) - AGIEval AQuA/MATH/SAT maths and MOSS calculator/equation problems under a
   step-by-step system prompt at max_tokens 8192, ~4 a day per key on working days (UTC+8); one card over
   the four keys, a signup network each.

Row allotment (a stable hash salted "r37" via round 34's `share`, every chat and distiller pool through
round 34's `distinct`; first turns over 4,000 characters left out of chat and distiller pools): arena_even
in 5 - 0 the friends' bot, 1 the freelancer (writing requests) and the family bot (the rest), 2 tryouts, 3
chat_mixers' cover chat, 4 the extension users (stored replies as page text); hh_rlhf_harmless_test in 10 - 0-1 the public bot, 2-4 chat_mixers' cover
chat; nq_open_dev in 10 - 0 the agency, 1 Home Assistant, 2 tryouts, 3 the ELI5 team; oasst2 (one row per
tree, the longest thread): Spanish trees in 4 - 0-2 the Spanish bot, 3 Cardwise; other non-English trees to
Cardwise (Japanese, Chinese and Thai trees unused); English trees in 5 - 0 thesis, 1 Replyly, 2 tryouts, 3-4 unused; agieval_v1 - sat-en to Paperchat
(one passage to its dev key), lsat-rc to the law office, gaokao-english and lsat-lr to the extension users, logiqa-en to
the students, aqua-rat/math/sat-math to reasoning_drip; mt_bench and truthfulqa whole to the researchers;
codealpaca_2k - SQL rows to sql_harvest, the rest to sliced_farm; huatuo_med_zh in 3 - 0-1 slow_pool, 2
source_rotation; moss_sft_sample - calculator/equation_solver to reasoning_drip, SQL rows to sql_harvest,
the rest to source_rotation; instructionwild - English to wrapper_farm, Chinese to source_rotation, SQL rows
(either) to sql_harvest; sharegpt_en_sample to wrapper_farm (SQL rows to sql_harvest); lima to chat_mixers
(SQL rows to sql_harvest); orca_dpo_pairs_val and evol_instruct_h2o to source_rotation; belle_dev1k and
sharegpt_zh_1k to free_tier. Unlisted files and buckets are unused. A persona may send its own row twice
(a redraft, a rerun, the dev key's repeated test document).

Timing: all simulated (no persona here has real times): people by hour-of-day shapes (round 34's `starts`)
and `timing.think` between turns, scripts as worker pools (`context.run_jobs`) or one worker with sleeps,
schedulers on their own day plans. Replies: stored replies where the data has them, else the helpers' stub,
or a short written stand-in (JSON for schema requests, tool calls for Home Assistant).
Limits of the model here: a key has one client fingerprint for its whole life (a day-tripper who moves from
curl to the Python SDK is given the SDK's).

CHANGES AFTER THE FIRST BUILD, none to a rate, share, count, quota or schedule: the volume check found the six
extension users' selections running out after 144 of the designed 355 (four keys empty): the Gaokao English
passages hold only 469 sentences; AGIEval's LSAT-LR passages (editorial and article snippets) and the stored
replies of Arena bucket 4 (unused till then) were added to the selection text (a first try with AlpacaEval's
answers found that file holds none). It also found the thesis students at 21-28 requests where their bursts
give ~40-60: a burst ended when the coin chose a question after that student's questions were used up (it now
falls back to a paragraph, and the other way round; a burst ends only when both are used up). The printed
samples showed Cardwise sending Japanese phrases as "words" (a run of letters in a script written without spaces
is a phrase): its learners' languages no longer include Japanese, Chinese or Thai.
"""

from __future__ import annotations

import json
import math
import random
import re
import zlib

from blind import round34
from blind.round2 import src  # round 2's reader of ../shared/traffic
from blind.round34 import DAYS, EVENING, distinct, starts
from blind.round35 import CODE_RE, call, result, served_text, wire
from blind.round36 import DAYTIME, OFFICE_H, WRITE_RE, ask, mk, single, tokens, utc, workday
from stillroom.detector.realtraffic.clients import SOFTWARE, account, client, user_agent
from stillroom.detector.realtraffic.context import run_jobs
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import Client, KeyTraffic, Request, stub_reply
from stillroom.detector.realtraffic.timing import DAY, latency, think

EPOCH = round34.EPOCH  # Monday 2026-03-02 00:00 UTC; DAYS are days 0-20


# =============================================================================================
# HELPERS
def R(*names: object) -> random.Random:
    return random.Random("blind37:" + ":".join(map(str, names)))


def share(name: str, n: int, *keep: int, longest: int = 4000) -> list[Row]:
    """Round 34's `share` salted "r37", through `distinct` (no first turn another row of the folder has)."""
    return distinct(round34.share(name, n, *keep, longest=longest, salt="r37"))


def deal(rng: random.Random, rows: list) -> list:
    out = list(rows)
    rng.shuffle(out)
    return out


def bucket(tag: str, n: int) -> int:
    return zlib.crc32(f"r37:{tag}".encode()) % n


def trees() -> list[Row]:
    """oasst2 as one row per conversation tree (its longest thread), file order, first turn <= 4,000 chars."""
    best: dict[str, Row] = {}
    for r in src("oasst2_threads"):
        t = str(r.extra.get("tree", r.id))
        if t not in best or len(r.turns) > len(best[t].turns):
            best[t] = r
    return distinct([r for r in best.values() if len(r.first) <= 4000])


def tree_bucket(r: Row, n: int) -> int:
    return bucket(f"oasst2:{r.extra.get('tree', r.id)}", n)


def agieval(*tasks: str) -> list[Row]:
    return [r for r in src("agieval_v1") if r.extra.get("task") in tasks]


def passages(rows: list[Row]) -> list[tuple[str, list[tuple[Row, str]]]]:
    """AGIEval reading rows grouped by passage: [(passage, [(row, question stem)])], first-seen order."""
    out: dict[str, list[tuple[Row, str]]] = {}
    for r in rows:
        passage, rest = r.first.rsplit("\n\n", 1)
        out.setdefault(passage, []).append((r, rest.split("\n(A)")[0].strip()))
    return list(out.items())


SQL_RE = re.compile(r"\bsql\b|\bmysql\b|postgres|sqlite", re.I)
SQL_SOURCES = ("codealpaca_2k", "instructionwild", "moss_sft_sample", "lima", "sharegpt_en_sample")
MOSS_MATH = ("calculator", "equation_solver")


def is_sql(r: Row) -> bool:
    return r.file in SQL_SOURCES and bool(SQL_RE.search(r.first))


def talk(rng: random.Random, t: float, system: str | None, turns: list[str], replies: list[str | None],
         params: dict, item: str = "", distill: bool = False, window: int | None = None,
         history: list[dict] | None = None) -> list[Request]:  # fmt: skip
    """One conversation turn by turn, gaps from `timing.think`; each request resends the history (the last
    `window` messages of it, after the system prompt, where the client keeps a window)."""
    sys_msgs = [{"role": "system", "content": system}] if system else []
    msgs: list[dict] = list(history or [])
    out: list[Request] = []
    prev = ""
    for i, text in enumerate(turns):
        if i:
            t += think(rng, len(prev), len(text))
        msgs = [*msgs, {"role": "user", "content": text}]
        sent = msgs if window is None else msgs[-window:]
        reply = (replies[i] if i < len(replies) else None) or stub_reply(text)
        out.append(ask(t, sys_msgs + sent, params, item, distill, reply))
        msgs = [*msgs, {"role": "assistant", "content": reply}]
        prev = reply
    return out


def one_by_one(rng: random.Random, t: float, reqs: list[Request], pause: tuple[float, float]) -> float:
    """One worker: each request when the last reply is back plus a sleep of U(pause); returns the end."""
    for q in reqs:
        q.ts = t
        t += latency(rng, tokens(q)) + rng.uniform(*pause)
    return t


def workers(rng: random.Random, t: float, reqs: list[Request], n: int, pause: tuple[float, float]) -> None:
    """n workers, each `one_by_one` over every n-th request, starting within a few seconds of t."""
    for w in range(n):
        one_by_one(rng, t + rng.uniform(0, 3), reqs[w::n], pause)


def end_of(reqs: list[Request]) -> float:
    return max(q.ts for q in reqs)


# --- client fingerprints beyond the SDKs --------------------------------------------------------------
# Chrome's fetch from an extension's service worker or a web page (HTTP/2: lower-case names, in Chrome's order).
BROWSER_HEADERS = ("host", "content-length", "sec-ch-ua-platform", "authorization", "sec-ch-ua", "sec-ch-ua-mobile",
                   "user-agent", "content-type", "accept", "origin", "sec-fetch-site", "sec-fetch-mode", "sec-fetch-dest",
                   "accept-encoding", "accept-language")  # fmt: skip
CHROME_OS = {
    "win": "Windows NT 10.0; Win64; x64",
    "mac": "Macintosh; Intel Mac OS X 10_15_7",
    "linux": "X11; Linux x86_64",
}
# WordPress's HTTP API (wp_remote_post through the Requests library).
WP_HEADERS = ("host", "user-agent", "accept", "accept-encoding", "referer", "authorization", "content-type", "content-length")  # fmt: skip


def chrome(rng: random.Random, os_: str, system: str | None = None, **shared: str) -> Client:
    ua = f"Mozilla/5.0 ({CHROME_OS[os_]}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{rng.randint(144, 146)}.0.0.0 Safari/537.36"  # fmt: skip
    return Client(ua, BROWSER_HEADERS, account(rng, org=False, **shared), system)


def sdk(rng: random.Random, software: str, system: str | None = None, ua: str | None = None, org: bool | None = None,
        **shared: str) -> Client:  # fmt: skip
    """A key's client of the named software, with its own account (`shared` overrides fields)."""
    if org is None:
        return client(rng, software, system, ua, **shared)
    return Client(
        ua or user_agent(rng, software), SOFTWARE[software][1], account(rng, org=org, **shared), system
    )


def company(rng: random.Random) -> dict[str, str]:
    """One company's organisation and payment card, for all its keys."""
    return {
        "organisation": f"org-{rng.getrandbits(40):010x}",
        "payment_fingerprint": f"pm-{rng.getrandbits(48):012x}",
    }


def network(rng: random.Random) -> str:
    return f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.0/24"


def card(rng: random.Random) -> str:
    return f"pm-{rng.getrandbits(48):012x}"


# =============================================================================================
# BENIGN 1. Lettercraft, a two-person cover-letter startup (3 keys: prod, the founder's dev key, staging).
# The web form is rendered into one prompt (Next.js backend on openai-js); after the draft, 0-3 refinement
# turns from the app's buttons and its free-text box. Prod: 110 sessions on a US daytime shape (UTC-5),
# weekends 0.6. Dev: six sessions on working days, prompt versions v1-v3 against the founder's own profile.
# Staging: twelve QA sessions on preview deploys (working days, UTC+1: the co-founder).
LC_SYS = ("You are Lettercraft, an expert career coach and writer. Write tailored, specific cover letters that sound like a real "
          "person, not a template. Never invent employers, degrees, numbers or achievements the applicant did not give. 250-350 "
          "words unless the user asks otherwise. Output only the letter.")  # fmt: skip
LC_SYS_V = (LC_SYS, LC_SYS + " Open with a hook about the company, not with 'I am writing to apply'.",
            LC_SYS + " Open with a hook about the company. Mirror two or three keywords of the job description. End with a confident call to action.")  # fmt: skip
LC_FORM = ("Write a cover letter for this application.\n\nJob title: {job}\nCompany: {company}\nJob description:\n{jd}\n\n"
           "About me\nName: {name}\nCurrent role: {cur}\nYears of experience: {yrs}\nKey skills: {skills}\n"
           "Achievement I'm proud of: {ach}\n\nTone: {tone}")  # fmt: skip
FIELDS = {
    "software": (("Backend Engineer", "Frontend Developer", "Data Engineer", "QA Automation Engineer", "DevOps Engineer"),
                 ("Python", "TypeScript", "SQL", "AWS", "Docker", "CI/CD", "React", "REST APIs", "Kubernetes", "testing"),
                 ("Junior Developer at a fintech startup", "Software Engineer at an agency", "IT support technician", "bootcamp graduate"),
                 ("cut our API response times by 40%", "built the internal dashboard the whole sales team uses", "led the migration to Postgres")),
    "marketing": (("Marketing Coordinator", "Content Marketing Manager", "Social Media Specialist", "SEO Specialist"),
                  ("copywriting", "Google Analytics", "HubSpot", "SEO", "email campaigns", "Canva", "paid social", "A/B testing"),
                  ("Marketing Assistant at a retail chain", "freelance content writer", "Communications Officer at a nonprofit"),
                  ("grew our newsletter from 2k to 11k subscribers", "ran a campaign that doubled event sign-ups", "rebuilt our blog's SEO")),
    "health": (("Registered Nurse", "Medical Assistant", "Pharmacy Technician", "Physiotherapy Assistant"),
               ("patient care", "EHR systems", "phlebotomy", "triage", "medication administration", "patient education"),
               ("staff nurse on a surgical ward", "care assistant in a nursing home", "nursing student"),
               ("trained six new nurses on our ward's EHR", "received a patient-care award in 2024", "organised our flu-vaccine clinic")),
    "finance": (("Staff Accountant", "Financial Analyst", "Accounts Payable Specialist", "Payroll Administrator"),
                ("Excel", "QuickBooks", "reconciliations", "financial modelling", "SAP", "month-end close", "budgeting"),
                ("Accounting Clerk at a logistics company", "Junior Analyst at a bank", "bookkeeper for small businesses"),
                ("shortened month-end close from 8 to 5 days", "found a $40k duplicate-payment error", "automated our expense reports")),
    "education": (("Primary School Teacher", "Teaching Assistant", "ESL Teacher", "Curriculum Developer"),
                  ("lesson planning", "classroom management", "differentiated instruction", "Google Classroom", "assessment"),
                  ("substitute teacher", "after-school tutor", "teaching assistant in Year 3"),
                  ("raised my class's reading scores by a full level", "started the school's coding club", "wrote a phonics unit now used school-wide")),
    "hospitality": (("Restaurant Manager", "Front Desk Agent", "Event Coordinator", "Barista Trainer"),
                    ("customer service", "scheduling", "POS systems", "inventory", "conflict resolution", "team leadership"),
                    ("Shift Supervisor at a coffee chain", "server at a busy bistro", "hotel night auditor"),
                    ("cut staff turnover by a third in a year", "ran a 300-guest wedding without a hitch", "got our TripAdvisor score to 4.8")),
}  # fmt: skip
CO_A = ("North", "Blue", "Bright", "Green", "Summit", "River", "Pioneer", "Harbor", "Maple", "Atlas", "Cedar", "Lumen", "Vista", "Oak", "Silver")  # fmt: skip
CO_B = (
    "Labs",
    "Health",
    "Partners",
    "Group",
    "Analytics",
    "Foods",
    "Academy",
    "Logistics",
    "Studio",
    "Systems",
    "Hotels",
    "Bank",
)
FIRST = ("Maria", "James", "Aisha", "Daniel", "Sofia", "Kevin", "Priya", "Tom", "Lucia", "Ahmed", "Emily", "Jonas", "Mei", "Carlos", "Hannah",
         "Oluwaseun", "Grace", "Mateo", "Chloe", "Ravi", "Nora", "Liam", "Fatima", "Ben")  # fmt: skip
LAST = (
    "Garcia",
    "Smith",
    "Khan",
    "Nguyen",
    "Rossi",
    "Brown",
    "Patel",
    "Müller",
    "Kowalski",
    "Okafor",
    "Johnson",
    "Silva",
    "Chen",
    "Murphy",
)
TONES = ("Professional", "Warm and friendly", "Confident", "Enthusiastic", "Concise and direct")
JD = ("We are looking for a {job} to join our growing team. You will work closely with {team} and own {own}. Requirements: "
      "{y}+ years of experience; {s1} and {s2}; excellent communication skills.{extra}")  # fmt: skip
REFINE = ("Make it shorter", "Make it more enthusiastic", "Make it more formal", "Make it less formal", "Add that I can start immediately",
          "Mention that I'm relocating to their city", "Remove the last paragraph", "Put more emphasis on my achievement",
          "can you make it sound less generic", "Write it in British English", "Make it fit on half a page",
          "Don't use the word 'passionate'")  # fmt: skip


def letter_form(rng: random.Random, me: tuple[str, ...] | None = None) -> str:
    field = rng.choice(sorted(FIELDS))
    jobs, skills, curs, achs = FIELDS[field]
    job = rng.choice(jobs)
    sk = rng.sample(skills, 4)
    if rng.random() < 0.3:
        jd = "(not provided)"
    else:
        jd = JD.format(job=job, team=rng.choice(("our product team", "the operations lead", "our clients", "senior staff")),
                       own=rng.choice(("day-to-day delivery", "a key part of our roadmap", "our weekly reporting", "new initiatives")),
                       y=rng.randint(1, 5), s1=sk[0], s2=sk[1],
                       extra=rng.choice(("", " Hybrid, 3 days in the office.", " Fully remote.", " Competitive salary and benefits.")))  # fmt: skip
    name, cur, yrs, ach = me or (f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(curs), str(rng.randint(0, 12)), rng.choice(achs))  # fmt: skip
    return LC_FORM.format(job=job, company=f"{rng.choice(CO_A)}{rng.choice(CO_B)}", jd=jd, name=name, cur=cur, yrs=yrs,
                          skills=", ".join(sk), ach=ach, tone=rng.choice(TONES))  # fmt: skip


def letter_session(
    rng: random.Random, t: float, system: str, me: tuple[str, ...] | None, most: int
) -> list[Request]:
    turns = [letter_form(rng, me), *rng.sample(REFINE, min(most, rng.choice((0, 0, 1, 1, 1, 2, 3))))]
    return talk(rng, t, system, turns, [], {"temperature": 0.7, "max_tokens": 900})


def cover_letter_app() -> list[KeyTraffic]:
    co = company(R("lc", "company"))
    rng = R("lc", "prod")
    out: list[Request] = []
    for t in starts(rng, 110, -5.0, DAYTIME, 0.6):
        out += letter_session(rng, t, LC_SYS_V[2], None, 3)
    prod = mk("r37-lc-prod", "cover_letter_app", "benign", "app", sdk(rng, "openai-js", LC_SYS_V[2], **co), out,
              "simulated: 110 sessions on a daytime shape (UTC-5), weekends 0.6; refinements by timing.think", (), actor="r37-lc",
              sessions=110)  # fmt: skip
    g = R("lc", "dev")
    me = (
        "Hannah Okafor",
        "Software Engineer at an agency",
        "4",
        "built the internal dashboard the whole sales team uses",
    )
    out = []
    days = sorted(g.sample([d for d in DAYS if workday(d) and d < 14], 6))
    for s, d in enumerate(days):
        t = utc(d, g.uniform(10, 17), -5.0)
        for _ in range(g.randint(3, 6)):  # the same form again and again while the prompt changes
            reqs = letter_session(g, t, LC_SYS_V[min(2, s // 2)], me, 1)
            out += reqs
            t = end_of(reqs) + g.uniform(40, 400)
    dev = mk("r37-lc-dev", "cover_letter_app", "benign", "app", sdk(g, "openai-js", LC_SYS_V[0], **co), out,
             "simulated: six dev sessions on working days (UTC-5), prompt v1-v3, the founder's own profile", (), actor="r37-lc",
             sessions=6)  # fmt: skip
    h = R("lc", "staging")
    out = []
    for d in sorted(h.sample([d for d in DAYS if workday(d)], 12)):
        out += letter_session(h, utc(d, h.uniform(9, 18), 1.0), LC_SYS_V[2], None, 2)
    stg = mk("r37-lc-staging", "cover_letter_app", "benign", "app", sdk(h, "openai-js", LC_SYS_V[2], **co), out,
             "simulated: twelve QA sessions on preview deploys, working days (UTC+1)", (), actor="r37-lc", sessions=12)  # fmt: skip
    return [prod, dev, stg]


# =============================================================================================
# BENIGN 2. Chat with your documents (3 keys). Paperchat (FastAPI backend on openai-python): a user uploads
# a document (an AGIEval SAT reading passage), half the sessions open with a summary request, then 1-4 of
# the passage's real questions (stems, without the options), a "where does it say that?" follow-up in 20%;
# the document goes whole into the system prompt; evening-leaning day shape (UTC-5). Its dev key: one
# document, the same four questions on seven days. A law office's self-hosted open-source doc chat (LSAT
# reading passages, 2-5 questions each, office hours UTC-6, python-requests).
DOC_SYS = ("You are Paperchat. Answer questions about the user's document using only the document below. Quote short phrases from it "
           "when useful. If the answer is not in the document, say so.\n\n<document name=\"{name}\">\n{doc}\n</document>")  # fmt: skip
LAW_SYS = ("Use the following pieces of context to answer the question at the end. If you don't know the answer, just say that you "
           "don't know, don't try to make up an answer.\n\n{doc}")  # fmt: skip
OPENERS = ("Summarize this document.", "summarise this in 5 bullet points", "What is this document about?", "Give me a short summary",
           "TL;DR?", "What are the main points?")  # fmt: skip
WHERE = (
    "Where in the text does it say that?",
    "Can you quote the exact sentence?",
    "Why?",
    "Explain that in simpler words.",
)


def doc_session(
    rng: random.Random, t: float, system: str, qs: list[tuple[Row, str]], p: dict, opener: bool
) -> list[Request]:
    turns = ([rng.choice(OPENERS)] if opener else []) + [q for _, q in qs]
    items = ([qs[0][0].id] if opener else []) + [r.id for r, _ in qs]
    if rng.random() < 0.2:
        turns.append(rng.choice(WHERE))
        items.append(items[-1])
    reqs = talk(rng, t, system, turns, [], p)
    for q, item in zip(reqs, items, strict=True):
        q.item = item
    return reqs


def doc_chat() -> list[KeyTraffic]:
    rng = R("doc", "prod")
    docs = passages(agieval("sat-en"))
    dev_doc, docs = docs[0], deal(rng, docs[1:])
    p = {"temperature": 0.2, "max_tokens": 800, "stream": True}
    curve = tuple(0.5 * a + 0.5 * b for a, b in zip(DAYTIME, EVENING, strict=True))
    out: list[Request] = []
    for t, (doc, qs) in zip(starts(rng, len(docs), -5.0, curve, 1.0), docs, strict=True):
        system = DOC_SYS.format(
            name=f"{rng.choice(('reading', 'chapter', 'scan', 'doc', 'excerpt'))}_{rng.randint(1, 99)}.pdf",
            doc=doc,
        )
        out += doc_session(
            rng, t, system, rng.sample(qs, min(len(qs), rng.randint(1, 4))), p, rng.random() < 0.5
        )
    co = company(R("doc", "company"))
    prod = mk("r37-doc-prod", "doc_chat", "benign", "app", sdk(rng, "openai-python", DOC_SYS, **co), out,
              "simulated: one session per document on a day/evening shape (UTC-5); turns by timing.think", ("agieval_v1",),
              actor="r37-doc", documents=len(docs))  # fmt: skip
    g = R("doc", "dev")
    out = []
    system = DOC_SYS.format(name="test.pdf", doc=dev_doc[0])
    for d in sorted(g.sample([d for d in DAYS if workday(d)], 7)):
        out += doc_session(g, utc(d, g.uniform(10, 18), -5.0), system, dev_doc[1][:4], p, True)
    dev = mk("r37-doc-dev", "doc_chat", "benign", "app", sdk(g, "openai-python", DOC_SYS, **co), out,
             "simulated: the same test document and questions on seven working days (UTC-5)", ("agieval_v1",), actor="r37-doc")  # fmt: skip
    h = R("doc", "law")
    docs = deal(h, passages(agieval("lsat-rc")))
    out = []
    for t, (doc, qs) in zip(starts(h, len(docs), -6.0, OFFICE_H, 0.05), docs, strict=True):
        out += doc_session(h, t, LAW_SYS.format(doc=doc), h.sample(qs, min(len(qs), h.randint(2, 5))), {"temperature": 0}, False)  # fmt: skip
    law = mk("r37-doc-law", "doc_chat", "benign", "app", sdk(h, "requests", LAW_SYS), out,
             "simulated: one session per document in office hours (UTC-6)", ("agieval_v1",), documents=len(docs))  # fmt: skip
    return [prod, dev, law]


# =============================================================================================
# BENIGN 3. Writing helpers (4 keys). Replyly, a Gmail add-on (Apps Script calling its own backend on
# openai-js): the received e-mail (oasst2 English first turns stand for them) with the user's intent, tone
# and name; 25% redrafted with another tone; office-hours shape (UTC+0), weekends 0.3. Its dev key (20
# tries of one test e-mail over the first week). Inkwell, a five-person agency's WordPress plugin: per blog
# post an outline, the full post and an SEO title/meta in one conversation (NQ queries as the keywords, one of
# six clients), 1-2 posts a working day (UTC+2), a rewrite request on 30% of posts. A freelance copywriter in
# a BYOK browser chat UI: Arena writing conversations (UTC-8, daytime).
RP_SYS = ("You are Replyly, an email assistant. Draft a reply to the email below on behalf of the user. Follow the user's intent and "
          "tone. Keep it short and natural. Sign with the user's name. Output only the email body.")  # fmt: skip
RP_FORM = "Intent: {intent}\nTone: {tone}\nMy name: {name}\n\n--- Email from {sender} ---\nSubject: {subject}\n\n{body}"
INTENTS = ("answer their question", "answer briefly and offer a call", "say I'll look into it by Friday", "politely decline",
           "ask for more details", "thank them and say yes", "say I don't know but point them to someone who might",
           "answer the question, keep it friendly")  # fmt: skip
RP_TONES = ("friendly", "professional", "casual", "formal", "warm but brief")
AG_SYS = ("You are a senior content writer at Inkwell Digital, a content marketing agency. Write original, accurate, engaging blog "
          "content for our clients. Use clear headings, short paragraphs and a natural voice. Never fabricate statistics or quotes.")  # fmt: skip
CLIENTS = (("Wanderly Travel", "a regional travel agency", "families planning holidays"),
           ("The Old Mill Museum", "a local history museum", "curious locals and school groups"),
           ("Chordstream", "an online music school", "adult beginners learning an instrument"),
           ("Fullback's", "a chain of sports bars", "sports fans aged 25-45"),
           ("Brainy Box", "a science toy shop", "parents of 8-12 year olds"),
           ("ReelTalk", "a film and TV streaming blog", "film and TV fans"))  # fmt: skip
AG_OUTLINE = ("Create a detailed outline for a {words}-word blog post for our client {client} ({what}). Audience: {aud}.\n"
              "Primary keyword: \"{kw}\"\nInclude an H1, H2/H3 headings, a short intro hook and an FAQ section with 3 questions.")  # fmt: skip
AG_POST = "Now write the full post following the outline. Use the primary keyword naturally 3-5 times, including in the first paragraph."
AG_META = "Write an SEO title (max 60 characters) and a meta description (max 155 characters) for this post."
AG_FIX = ("Rewrite the introduction to be punchier.", "The client says it's too long - cut it to about 800 words.",
          "Make the tone more playful.", "Add a short call to action at the end linking to the client's shop.")  # fmt: skip


def writing_helpers() -> list[KeyTraffic]:
    co = company(R("rp", "company"))
    rng = R("rp", "prod")
    rows = deal(rng, [r for r in trees() if r.extra.get("lang") == "en" and tree_bucket(r, 5) == 1])
    out: list[Request] = []
    for t, r in zip(starts(rng, len(rows), 0.0, OFFICE_H, 0.3), rows, strict=True):
        words = r.first.split()
        form = dict(intent=rng.choice(INTENTS), tone=rng.choice(RP_TONES), name=rng.choice(FIRST), sender=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    subject=" ".join(words[:6]).rstrip("?.,:") + ("..." if len(words) > 6 else ""), body=r.first)  # fmt: skip
        p = {"temperature": 0.7, "max_tokens": 500}
        q = single(t, RP_SYS, RP_FORM.format(**form), p, r.id)
        out.append(q)
        if rng.random() < 0.25:  # redraft with another tone
            form["tone"] = rng.choice([x for x in RP_TONES if x != form["tone"]])
            out.append(
                single(
                    t + think(rng, len(q.reply or ""), 0) + rng.uniform(2, 10),
                    RP_SYS,
                    RP_FORM.format(**form),
                    p,
                    r.id,
                )
            )
    prod = mk("r37-rp-prod", "writing_helpers", "benign", "app", sdk(rng, "openai-js", RP_SYS, **co), out,
              "simulated: drafts on an office-hours shape (UTC+0), weekends 0.3", ("oasst2_threads",), actor="r37-rp", emails=len(rows))  # fmt: skip
    g = R("rp", "dev")
    test = RP_FORM.format(intent="politely decline", tone="friendly", name="Sam", sender="Test User", subject="Quick question",
                          body="Hi Sam, would you be available for a 30-minute call next Tuesday to talk about the partnership? Thanks!")  # fmt: skip
    out = []
    t = utc(0, 11.0, 0.0)
    for _ in range(20):
        out.append(single(t, RP_SYS, test, {"temperature": 0.7, "max_tokens": 500}))
        t += g.choice((g.uniform(30, 300), g.uniform(3600, 6 * 3600)))
    dev = mk("r37-rp-dev", "writing_helpers", "benign", "app", sdk(g, "openai-js", RP_SYS, **co), out,
             "simulated: 20 tries of one test e-mail over the first days (UTC+0)", (), actor="r37-rp")  # fmt: skip

    h = R("agency")
    kws = deal(h, share("nq_open_dev", 10, 0))
    out = []
    k = 0
    for d in [d for d in DAYS if workday(d)]:
        t = utc(d, h.uniform(9, 11), 2.0)
        for _ in range(h.choice((1, 1, 2))):
            if k >= len(kws):
                break
            r = kws[k]
            k += 1
            name, what, aud = h.choice(CLIENTS)
            turns = [
                AG_OUTLINE.format(
                    words=h.choice((800, 1000, 1200, 1500)), client=name, what=what, aud=aud, kw=r.first
                ),
                AG_POST,
                AG_META,
            ]
            if h.random() < 0.3:
                turns.insert(2, h.choice(AG_FIX))
            reqs = talk(h, t, AG_SYS, turns, [], {"temperature": 0.7, "max_tokens": 3000}, r.id)
            out += reqs
            t = end_of(reqs) + h.uniform(1800, 3 * 3600)
    wp = Client(
        f"WordPress/6.7.{h.randint(1, 2)}; https://inkwelldigital.co",
        WP_HEADERS,
        account(h, org=True),
        AG_SYS,
    )
    agency = mk("r37-agency-wp", "writing_helpers", "benign", "app", wp, out,
                "simulated: 1-2 posts a working day from 09:00-11:00 (UTC+2), three or four turns each", ("nq_open_dev",), posts=k)  # fmt: skip

    f = R("freelance")
    rows = [r for r in share("arena_even", 5, 1) if WRITE_RE.search(r.first) and not CODE_RE.search(r.first)]
    rows = deal(f, rows)
    out = []
    for t, r in zip(starts(f, len(rows), -8.0, DAYTIME, 0.5), rows, strict=True):
        out += talk(f, t, "You are a helpful assistant.", list(r.turns[:6]), list(r.replies[:6]), {"temperature": 0.8, "stream": True}, r.id)  # fmt: skip
    fl = mk("r37-freelance", "writing_helpers", "benign", "chat", chrome(f, "mac", "You are a helpful assistant."), out,
            "simulated: conversations on a daytime shape (UTC-8), weekends 0.5", ("arena_even",), conversations=len(rows))  # fmt: skip
    return [prod, dev, agency, fl]


# =============================================================================================
# BENIGN 4. Forkcast, a meal planner (2 keys, prod and dev). A form rendered into a prompt, the plan as a
# strict JSON schema; then 0-2 swap requests and a grocery list in 60% of sessions; users plan mostly on
# Sunday evenings (UTC-5): 70 users, 1-3 weeks each. Dev: 25 plan requests over the first ten days.
FK_SYS = ("You are Forkcast's meal planning engine. Create realistic, varied home-cooked meal plans that respect every diet and "
          "allergy exactly. Use common supermarket ingredients. Follow the JSON schema.")  # fmt: skip
FK_FORM = ("Plan {days} days of {meals} for {people}.\nDiet: {diet}\nAllergies / avoid: {avoid}\nCalories per adult per day: about {kcal}\n"
           "Max cooking time on weekdays: {mins} minutes\nCuisines we like: {cuis}\nBudget: {budget}")  # fmt: skip
FK_SCHEMA = {"type": "json_schema", "json_schema": {"name": "meal_plan", "strict": True, "schema": {
    "type": "object", "additionalProperties": False, "required": ["days"],
    "properties": {"days": {"type": "array", "items": {"type": "object", "additionalProperties": False, "required": ["day", "meals"],
        "properties": {"day": {"type": "string"}, "meals": {"type": "array", "items": {"type": "object", "additionalProperties": False,
            "required": ["type", "name", "prep_minutes", "ingredients"],
            "properties": {"type": {"type": "string", "enum": ["breakfast", "lunch", "dinner", "snack"]}, "name": {"type": "string"},
                           "prep_minutes": {"type": "integer"}, "ingredients": {"type": "array", "items": {"type": "string"}}}}}}}}}}}}  # fmt: skip
DIETS = ("no restrictions", "vegetarian", "vegan", "pescatarian", "low-carb", "gluten-free", "high-protein", "Mediterranean", "halal", "keto")  # fmt: skip
AVOID = (
    "none",
    "peanuts",
    "tree nuts",
    "shellfish",
    "dairy",
    "eggs",
    "mushrooms",
    "soy",
    "cilantro",
    "pork",
    "spicy food",
)
CUIS = ("Italian", "Mexican", "Indian", "Thai", "Japanese", "Greek", "American comfort food", "Middle Eastern", "Chinese", "French", "Korean")  # fmt: skip
SWAPS = ("Replace {day}'s dinner with something {what}.", "Swap {day}'s lunch for something {what}.", "I don't like {day}'s dinner, give me something {what} instead.")  # fmt: skip
WHATS = (
    "quicker",
    "vegetarian",
    "without an oven",
    "kid-friendly",
    "cheaper",
    "with chicken",
    "lighter",
    "I can batch cook",
)
GROCERY = ("Make a grocery list for this plan, grouped by store section, with quantities.", "grocery list please", "Give me the shopping list.")  # fmt: skip
WEEKDAY = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SUNDAY_EVE = tuple(x * (1.6 if 17 <= h <= 21 else 1.0) for h, x in enumerate(EVENING))


def plan_form(rng: random.Random) -> str:
    return FK_FORM.format(days=rng.choice((3, 5, 7, 7, 7)), meals=rng.choice(("dinners", "lunches and dinners", "all meals")),
                          people=rng.choice(("1 adult", "2 adults", "2 adults and 2 kids", "2 adults and 1 toddler", "4 adults")),
                          diet=rng.choice(DIETS), avoid=", ".join(rng.sample(AVOID, rng.choice((1, 1, 2)))), kcal=rng.choice((1600, 1800, 2000, 2200, 2500)),
                          mins=rng.choice((20, 30, 45, 60)), cuis=", ".join(rng.sample(CUIS, 3)), budget=rng.choice(("low", "medium", "no limit")))  # fmt: skip


def plan_session(rng: random.Random, t: float, p: dict, extras: bool) -> list[Request]:
    msgs: list[dict] = [{"role": "system", "content": FK_SYS}]
    reply = json.dumps({"days": [{"day": "Monday", "meals": [{"type": "dinner", "name": "Lemon herb chicken with rice", "prep_minutes": 30, "ingredients": ["chicken thighs", "rice", "lemon"]}]}]})  # fmt: skip
    turns = [plan_form(rng)]
    if extras:
        turns += [
            rng.choice(SWAPS).format(day=rng.choice(WEEKDAY[:5]), what=rng.choice(WHATS))
            for _ in range(rng.choice((0, 1, 1, 2)))
        ]
        turns.append(rng.choice(GROCERY))
    out: list[Request] = []
    for i, text in enumerate(turns):
        msgs = [*msgs, {"role": "user", "content": text}]
        grocery = text in GROCERY
        body = {"messages": msgs, **p, **({} if grocery else {"response_format": FK_SCHEMA})}
        q = wire(t, body, "", False, "Produce: ...\nDairy: ...\nPantry: ..." if grocery else reply)
        out.append(q)
        msgs = [*msgs, {"role": "assistant", "content": q.reply or ""}]
        if i + 1 < len(turns):
            t += think(rng, 600, len(turns[i + 1])) + latency(rng, 900)
    return out


def meal_planner() -> list[KeyTraffic]:
    co = company(R("fk", "company"))
    rng = R("fk", "prod")
    p = {"temperature": 0.8, "max_tokens": 4000}
    out: list[Request] = []
    sundays = [d for d in DAYS if d % 7 == 6]
    for _ in range(70):
        weeks = rng.choice((1, 1, 1, 2, 2, 3))
        first = rng.randrange(len(sundays))
        for w in range(first, min(len(sundays), first + weeks)):
            d = sundays[w] if rng.random() < 0.6 else rng.choice([x for x in DAYS if x // 7 == w])
            h = rng.choices(range(24), SUNDAY_EVE)[0] + rng.random()
            out += plan_session(rng, utc(d, h, -5.0), p, rng.random() < 0.6)
    prod = mk("r37-fk-prod", "meal_planner", "benign", "app", sdk(rng, "openai-js", FK_SYS, **co), out,
              "simulated: 70 users planning 1-3 weeks, mostly Sunday evenings (UTC-5)", (), actor="r37-fk", users=70)  # fmt: skip
    g = R("fk", "dev")
    out = []
    t = utc(0, 14.0, -5.0)
    for _ in range(25):
        out += plan_session(g, t, p, False)
        t += g.choice((g.uniform(60, 600), g.uniform(5 * 3600, 30 * 3600)))
    dev = mk("r37-fk-dev", "meal_planner", "benign", "app", sdk(g, "openai-js", FK_SYS, **co), out,
             "simulated: 25 plan requests while developing, first ten days (UTC-5)", (), actor="r37-fk")  # fmt: skip
    return [prod, dev]


# =============================================================================================
# BENIGN 5. Four hobbyists' Telegram bots (4 keys), each with its own system prompt and a short history
# window: a friends' group (Arena, evenings UTC+0, 60 conversations, window 10), a family bot (Arena, UTC-6,
# 35 conversations, window 6), a public bot strangers found (hh-rlhf, around the clock from several time
# zones, 100 conversations, window 20), a Spanish-speaking community bot (oasst2 Spanish trees, UTC-3, all).
TG_SYS = ("You are Gizmo, a witty assistant in a Telegram group of friends. Keep answers short unless asked for detail.",
          "You are the Miller family's helpful assistant. Be kind and clear; the kids use you too.",
          "You are AskBot, a free public AI assistant on Telegram. Be helpful and polite.",
          "Eres Chispa, un asistente amable en un grupo de Telegram. Responde en el idioma del usuario, de forma breve y clara.")  # fmt: skip
ROUND_CLOCK = tuple(1.0 for _ in range(24))


def telegram_bots() -> list[KeyTraffic]:
    arena0 = share("arena_even", 5, 0)
    arena1 = [
        r for r in share("arena_even", 5, 1) if not (WRITE_RE.search(r.first) and not CODE_RE.search(r.first))
    ]
    hh = share("hh_rlhf_harmless_test", 10, 0, 1)
    es = [r for r in trees() if r.extra.get("lang") == "es" and tree_bucket(r, 4) in (0, 1, 2)]
    plans = ((arena0, 60, 0.0, EVENING, 1.4, {"temperature": 0.8, "max_tokens": 600}, 10, "openai-python"),
             (arena1, 35, -6.0, DAYTIME, 1.3, {}, 6, "openai-js"),
             (hh, 100, 0.0, ROUND_CLOCK, 1.0, {"temperature": 1.0}, 20, "aiohttp"),
             (es, 10**6, -3.0, EVENING, 1.2, {"temperature": 0.7, "max_tokens": 800}, 10, "openai-python"))  # fmt: skip
    keys = []
    for i, (rows, cap, tz, curve, wk, p, window, sw) in enumerate(plans):
        rng = R("tg", i)
        rows = deal(rng, rows)[:cap]
        out: list[Request] = []
        for t, r in zip(starts(rng, len(rows), tz, curve, wk), rows, strict=True):
            out += talk(rng, t, TG_SYS[i], list(r.turns[:8]), list(r.replies[:8]), p, r.id, window=window)
        src_name = ("arena_even", "arena_even", "hh_rlhf_harmless_test", "oasst2_threads")[i]
        keys.append(mk(f"r37-tg-{i}", "telegram_bots", "benign", "app", sdk(rng, sw, TG_SYS[i]), out,
                       f"simulated: conversations on an hour shape (UTC{tz:+g}), weekends {wk}", (src_name,),
                       conversations=len(rows), window=window))  # fmt: skip
    return keys


# =============================================================================================
# BENIGN 6. Learning tools (8 keys). Cardwise, a flashcard app (Firebase functions on openai-js): a learner
# adds new words in an evening session (5-15 words, 10-60 s apart), one JSON flashcard request per word;
# words from oasst2's non-English user turns (each learner one language; not Japanese, Chinese or Thai, written
# without spaces); 30 learners; prod and dev (25
# requests). "Glossy", an open-source Chrome extension that explains selected text, used with their own API
# keys by six people (BYOK: each key is one person's; one system prompt; Chrome's fetch); selections of 1-3
# sentences from AGIEval's Gaokao English passages; explain 70%, summarise 15%, translate 15% for the two
# non-English readers; streaming, temperature 0.3, max_tokens 400. (LSAT-LR's passages and the stored replies of
# Arena bucket 4 were added to the selection text after the first build: the Gaokao passages alone ran out at 144.)
CW_SYS = ("You are Cardwise's flashcard generator. For the word the learner gives, return JSON with: word, translation (English), "
          "part_of_speech, gender (or null), example_sentences (two, each with an English translation) and a one-line memory tip.")  # fmt: skip
CW_USER = 'Language: {lang}\nWord: "{w}"'
LANG = {"es": "Spanish", "de": "German", "fr": "French", "it": "Italian", "pt-BR": "Portuguese", "ru": "Russian", "ca": "Catalan",
        "uk-UA": "Ukrainian", "pl": "Polish", "ja": "Japanese", "ko": "Korean", "zh": "Chinese", "th": "Thai", "eu": "Basque"}  # fmt: skip
UNSPACED = ("ja", "zh", "th")  # no spaces between words: a run of letters is a phrase, not a word
GL_SYS = ("You are Glossy, a browser assistant. The user selected some text on a web page. {task} Be clear and brief (under 120 words). "
          "Do not add information that is not implied by the text.")  # fmt: skip
GL_TASK = {"explain": "Explain what it means in simple terms.", "summarize": "Summarize it in one or two sentences.",
           "translate": "Translate it into {lang}."}  # fmt: skip
GL_USERS = (("win", -5.0, 110, None), ("mac", 1.0, 60, "German"), ("win", 5.5, 35, None), ("mac", -8.0, 80, None),
            ("win", 9.0, 25, "Japanese"), ("linux", 0.0, 45, None))  # fmt: skip


def vocab(r: Row) -> list[str]:
    words = [w.lower() for t in r.turns for w in re.findall(r"[^\W\d_]{5,16}", t)]
    return list(dict.fromkeys(words))


def learning_tools() -> list[KeyTraffic]:
    rng = R("cw", "prod")
    rows = [
        r for r in trees() if r.extra.get("lang") in LANG and r.extra.get("lang") not in ("es", *UNSPACED)
    ]
    rows += [r for r in trees() if r.extra.get("lang") == "es" and tree_bucket(r, 4) == 3]
    by_lang: dict[str, list[Row]] = {}
    for r in deal(rng, rows):
        by_lang.setdefault(str(r.extra.get("lang")), []).append(r)
    langs = sorted(by_lang)
    p = {"temperature": 0.4, "max_tokens": 400, "response_format": {"type": "json_object"}}
    out: list[Request] = []
    for u in range(30):
        lang = langs[u % len(langs)] if u < len(langs) else rng.choice(langs)
        words = [(w, r.id) for r in by_lang[lang] for w in vocab(r)]
        rng.shuffle(words)
        k = 0
        for t in starts(rng, rng.randint(1, 5), rng.choice((-5.0, -3.0, 1.0, 2.0, 8.0)), EVENING, 1.3):
            for _ in range(rng.randint(5, 15)):
                if k >= len(words):
                    break
                w, item = words[k]
                k += 1
                body = {"messages": [{"role": "system", "content": CW_SYS}, {"role": "user", "content": CW_USER.format(lang=LANG[lang], w=w)}], **p}  # fmt: skip
                out.append(
                    wire(
                        t,
                        body,
                        item,
                        False,
                        json.dumps({"word": w, "translation": "...", "part_of_speech": "noun"}),
                    )
                )
                t += rng.uniform(10, 60)
    co = company(R("cw", "company"))
    prod = mk("r37-cw-prod", "learning_tools", "benign", "app", sdk(rng, "openai-js", CW_SYS, **co), out,
              "simulated: 30 learners, 1-5 evening sessions of 5-15 words each, 10-60 s apart", ("oasst2_threads",), actor="r37-cw", learners=30)  # fmt: skip
    g = R("cw", "dev")
    out = []
    t = utc(1, 20.0, 1.0)
    for w in ("casa", "Hund", "bibliothèque", "perro", "Schmetterling", "gato", "ventana", "Kühlschrank"):
        for _ in range(g.randint(2, 4)):
            body = {"messages": [{"role": "system", "content": CW_SYS}, {"role": "user", "content": CW_USER.format(lang="Spanish" if w in ("casa", "perro", "gato", "ventana") else "German" if w[0].isupper() else "French", w=w)}], **p}  # fmt: skip
            out.append(wire(t, body, "", False, json.dumps({"word": w})))
            t += g.choice((g.uniform(20, 200), g.uniform(3600, 2 * DAY)))
    dev = mk("r37-cw-dev", "learning_tools", "benign", "app", sdk(g, "openai-js", CW_SYS, **co), out,
             "simulated: a developer's test words over the first weeks", (), actor="r37-cw")  # fmt: skip

    sel_rng = R("glossy", "text")
    texts: list[tuple[str, str]] = []
    pages = [(doc, qs[0][0].id) for doc, qs in passages(agieval("gaokao-english"))]
    pages += [
        (doc, qs[0][0].id) for doc, qs in passages(agieval("lsat-lr"))
    ]  # editorial and article snippets
    pages += [
        (r.answer, r.id) for r in share("arena_even", 5, 4) if r.answer
    ]  # chat answers people post on pages
    for doc, item in pages:
        sents = [s.strip() for s in re.split(r"(?<=[.!?])\s*(?=[A-Z\"])", doc) if len(s.strip()) > 30]
        i = 0
        while i < len(sents):
            k = sel_rng.randint(1, 3)
            texts.append((" ".join(sents[i : i + k]), item))
            i += k + sel_rng.randint(0, 4)
    texts = deal(sel_rng, texts)
    keys = [prod, dev]
    used = 0
    for u, (os_, tz, n, lang) in enumerate(GL_USERS):
        h = R("glossy", u)
        mine = texts[used : used + n]
        used += len(mine)
        out = []
        for t, (sel, item) in zip(starts(h, len(mine), tz, DAYTIME, 0.8), mine, strict=True):
            mode = h.choices(("explain", "summarize", "translate"), (70, 15, 15 if lang else 0))[0]
            system = GL_SYS.format(task=GL_TASK[mode].format(lang=lang))
            out.append(single(t, system, sel, {"temperature": 0.3, "max_tokens": 400, "stream": True}, item))
        keys.append(mk(f"r37-glossy-{u}", "learning_tools", "benign", "chat", chrome(h, os_, GL_SYS), out,
                       f"simulated: selections on a daytime shape (UTC{tz:+g}), weekends 0.8; the user's own key (BYOK)",
                       ("agieval_v1", "arena_even"), selections=len(mine)))  # fmt: skip
    return keys


# =============================================================================================
# BENIGN 7. Three students' thesis helpers (3 keys), each their own script or notebook: questions about their
# topic (oasst2 English trees with their real follow-ups) and "polish this paragraph" requests (AGIEval
# LogiQA passages stand for their draft paragraphs); work comes in 2-5 bursts before deadlines (a day of
# 6-30 requests each, evenings and nights, UTC+1 / -5 / +8).
TH_POLISH = ("Improve the academic style and grammar of this paragraph from my thesis. Keep the meaning and don't add claims:\n\n{p}",
             "Paraphrase this paragraph in formal academic English:\n\n{p}", "Can you make this paragraph clearer and more concise?\n\n{p}",
             "Check this paragraph for grammar mistakes and list them, then give a corrected version:\n\n{p}")  # fmt: skip
NIGHT_OWL = tuple(EVENING[h] + (0.6 if h in (0, 1, 2) else 0.0) for h in range(24))


def thesis_students() -> list[KeyTraffic]:
    rng = R("thesis")
    qrows = deal(rng, [r for r in trees() if r.extra.get("lang") == "en" and tree_bucket(r, 5) == 0])
    paras = deal(rng, [(doc, qs[0][0].id) for doc, qs in passages(agieval("logiqa-en"))])
    keys = []
    for s, (tz, sw, bursts) in enumerate(
        ((1.0, "openai-python", 4), (-5.0, "requests", 3), (8.0, "httpx", 5))
    ):
        g = R("thesis", s)
        mq, mp = qrows[s::3], paras[s::3]
        days = sorted(g.sample(list(DAYS), bursts))
        out: list[Request] = []
        qi = pi = 0
        for d in days:
            t = utc(d, g.choices(range(24), NIGHT_OWL)[0] + g.random(), tz)
            for _ in range(g.randint(4, 18)):
                if pi < len(mp) and (g.random() < 0.5 or qi >= len(mq)):
                    doc, item = mp[pi]
                    pi += 1
                    reqs = [single(t, None, g.choice(TH_POLISH).format(p=doc), {"temperature": 0.3}, item)]
                elif qi < len(mq):
                    r = mq[qi]
                    qi += 1
                    reqs = talk(
                        g, t, None, list(r.turns[:4]), list(r.replies[:4]), {"temperature": 0.7}, r.id
                    )
                else:
                    break
                out += reqs
                t = end_of(reqs) + g.lognormvariate(math.log(240), 0.8)
        keys.append(mk(f"r37-thesis-{s}", "thesis_students", "benign", "heavy", sdk(g, sw), out,
                       f"simulated: {bursts} burst days before deadlines, evenings and nights (UTC{tz:+g})",
                       ("oasst2_threads", "agieval_v1"), bursts=bursts))  # fmt: skip
    return keys


# =============================================================================================
# BENIGN 8. Home Assistant households (3 keys). The OpenAI conversation agent: a system prompt with the time,
# instructions and the exposed devices (name, domain, state, area), the intent tools; a command is a tool
# call, its result and the spoken answer (two requests), a question about the world or the house one request.
# Utterances: templated commands and state questions, NQ queries as the world questions (15%); 4, 8 and 12
# utterances a day on a home-hours shape (UTC-5 / +1 / +10).
HA_SYS = ("Current time is {time}. Today's date is {date}.\nYou are a voice assistant for Home Assistant.\nAnswer questions about the "
          "world truthfully.\nAnswer in plain text. Keep it simple and to the point.\nWhen controlling Home Assistant always call the "
          "intent tools. Use HassTurnOn to lock and HassTurnOff to unlock a lock. When controlling a device, prefer passing just name "
          "and domain. When controlling an area, prefer passing just area name and domain.\nWhen a user asks to turn on all devices of "
          "a specific type, ask user to specify an area, unless there is only one device of that type.\nThis device is not able to "
          "start timers.\nAn overview of the areas and the devices in this smart home:\n{devices}")  # fmt: skip
HA_TOOLS = [
    {"type": "function", "function": {"name": n, "description": d, "parameters": {"type": "object", "properties": {
        k: {"type": "string"} for k in props}, "required": []}}}
    for n, d, props in (("HassTurnOn", "Turns on/opens/locks a device or entity", ("name", "area", "floor", "domain", "device_class")),
                        ("HassTurnOff", "Turns off/closes/unlocks a device or entity", ("name", "area", "floor", "domain", "device_class")),
                        ("HassLightSet", "Sets the brightness percentage or color of a light", ("name", "area", "brightness", "color")),
                        ("HassClimateSetTemperature", "Sets the desired temperature", ("name", "area", "temperature")),
                        ("HassMediaPause", "Pauses a media player", ("name", "area")),
                        ("HassMediaUnpause", "Resumes a media player", ("name", "area")),
                        ("HassMediaNext", "Skips a media player to the next item", ("name", "area")),
                        ("GetLiveContext", "Provides real-time information about the CURRENT state, value, or mode of devices", ()))
]  # fmt: skip
HOMES = ((("Kitchen", "Living Room", "Bedroom", "Office", "Hallway"), ("Front Door",), ("Living Room Speaker", "Kitchen Speaker"), -5.0, 4),
         (("Kitchen", "Living Room", "Bedroom", "Kids Room", "Bathroom", "Garden"), ("Front Door", "Garage Door"), ("Living Room TV",), 1.0, 8),
         (("Kitchen", "Lounge", "Master Bedroom", "Study", "Deck"), ("Front Door", "Side Gate"), ("Lounge Speaker", "Study Speaker"), 10.0, 12))  # fmt: skip
HA_CMDS = ("turn off the {area} lights", "turn on the {area} lights", "set the {area} lights to {pct} percent", "lights off in the {area}",
           "is the {door} locked", "lock the {door}", "what's the temperature in the {area}", "set the thermostat to {temp}",
           "pause the {media}", "resume the {media}", "next song on the {media}", "turn the {area} lights blue", "are any lights on",
           "switch off the {area} fan", "open the {door}")  # fmt: skip
HOME_HOURS = (0.1, 0.03, 0.02, 0.02, 0.02, 0.1, 0.6, 1.0, 0.7, 0.3, 0.2, 0.3, 0.4, 0.3, 0.3, 0.4, 0.6, 0.9, 1.0, 1.0, 0.9, 0.8, 0.6, 0.3)  # fmt: skip


def home_assistant() -> list[KeyTraffic]:
    nq = share("nq_open_dev", 10, 1)
    keys = []
    for i, (areas, doors, media, tz, per_day) in enumerate(HOMES):
        rng = R("ha", i)
        qs = deal(rng, nq[i::3])
        devices = "\n".join(
            [f"- names: {a} Light\n  domain: light\n  state: 'off'\n  areas: {a}" for a in areas]
            + [f"- names: {d}\n  domain: lock\n  state: locked" for d in doors]
            + [f"- names: {m}\n  domain: media_player\n  state: idle" for m in media]
            + [
                f"- names: Thermostat\n  domain: climate\n  state: heat\n  attributes:\n    current_temperature: {rng.randint(18, 23)}"
            ]
        )
        p = {"temperature": 1.0, "top_p": 1.0, "max_tokens": 150}
        out: list[Request] = []
        qi = 0
        n = per_day * len(DAYS)
        for t in starts(rng, n, tz, HOME_HOURS, 1.2):
            lt = (t + tz * 3600) % DAY
            system = HA_SYS.format(time=f"{int(lt // 3600):02d}:{int(lt % 3600 // 60):02d}:{int(lt % 60):02d}",
                                   date=f"2026-03-{2 + int((t + tz * 3600 - EPOCH) // DAY):02d}", devices=devices)  # fmt: skip
            body = {"tools": HA_TOOLS, **p}
            if rng.random() < 0.15 and qi < len(qs):
                r = qs[qi]
                qi += 1
                msgs = [{"role": "system", "content": system}, {"role": "user", "content": r.first}]
                out.append(wire(t, {**body, "messages": msgs}, r.id, False, stub_reply(r.first)))
                continue
            text = rng.choice(HA_CMDS).format(area=rng.choice(areas).lower(), door=rng.choice(doors).lower(), media=rng.choice(media).lower(),
                                              pct=rng.choice((10, 20, 30, 50, 70, 100)), temp=rng.choice((19, 20, 21, 22, 68, 70)))  # fmt: skip
            msgs = [{"role": "system", "content": system}, {"role": "user", "content": text}]
            if text.startswith(("is the", "what's", "are any")):
                m = call(rng, "GetLiveContext", {})
            else:
                m = call(
                    rng,
                    "HassTurnOff" if " off" in text else "HassTurnOn",
                    {"name": text.split("the ")[-1].title()},
                )
            out.append(wire(t, {**body, "messages": msgs}, "", False, served_text(m)))
            t += latency(rng, 30) + rng.uniform(0.05, 0.4)
            msgs = [*msgs, m, result(m, json.dumps({"speech": {}, "response_type": "action_done", "data": {"success": [{"name": text}], "failed": []}}))]  # fmt: skip
            out.append(wire(t, {**body, "messages": msgs}, "", False, "Done."))
        keys.append(mk(f"r37-ha-{i}", "home_assistant", "benign", "app", sdk(rng, "openai-python", HA_SYS), out,
                       f"simulated: {per_day} utterances a day on a home-hours shape (UTC{tz:+g}); tool call then answer",
                       ("nq_open_dev",), utterances=n))  # fmt: skip
    return keys


# =============================================================================================
# BENIGN 9. Trying the API (9 keys). Seven people who try it for a day or two: quickstart prompts first, then
# 2-40 of their own questions (Arena conversations, NQ queries, oasst2 English conversations), some return
# once a week later; each key then falls silent. Two hackathon teams on the weekend of days 12-13: Wayfarer, a
# trip planner (six prompt versions over their twelve test inputs, JSON itineraries, a demo on Sunday at
# 15:00, UTC-7, Next.js on openai-js) and an ELI5 bot (NQ questions, UTC-4, Python).
QUICK = ("Say this is a test", "Say this is a test!", "Hello!", "Write a one-sentence bedtime story about a unicorn.",
         "Write a haiku about recursion in programming.", "hi", "Tell me a joke", "What model are you?", "test")  # fmt: skip
TRIERS = ((0, "curl", -5.0, 0, None, 0), (1, "openai-python", 1.0, 25, "arena", 0), (2, "openai-js", -8.0, 12, "nq", 0),
          (3, "openai-python", 5.5, 38, "oasst", 6), (5, "requests", 9.0, 2, "nq", 0), (8, "openai-python", -3.0, 20, "nq", 0),
          (10, "httpx", 2.0, 30, "arena", 4))  # fmt: skip
WF_RULES = ("Return a JSON object with a field 'days', each day with 'morning', 'afternoon' and 'evening' activities.",
            "Include an estimated cost in local currency for each activity.", "Keep each activity description under 25 words.",
            "If the user gives no budget, assume a mid-range budget.", "Add one local food recommendation per day.",
            "Never suggest places that need booking months ahead unless asked.")  # fmt: skip
WF_INPUTS = ("3 days in Lisbon, love food and history", "weekend in Paris with kids", "5 days in Tokyo on a budget",
             "romantic 2 day trip to Rome", "4 days hiking near Banff", "1 day in NYC, first time", "Barcelona for 3 days, nightlife",
             "a week in Bali, relaxing", "Mexico City 4 days, museums and tacos", "2 days in Berlin", "Iceland road trip 6 days",
             "Seoul 3 days with my parents")  # fmt: skip
ELI5_SYS = (
    "You explain things like the user is five years old. Use one short paragraph and a simple comparison."
)


def tryouts() -> list[KeyTraffic]:
    arena = deal(R("try", "arena"), share("arena_even", 5, 2))
    nq = deal(R("try", "nq"), share("nq_open_dev", 10, 2))
    oa = deal(
        R("try", "oasst"), [r for r in trees() if r.extra.get("lang") == "en" and tree_bucket(r, 5) == 2]
    )
    pos = {"arena": 0, "nq": 0, "oasst": 0}
    pools = {"arena": arena, "nq": nq, "oasst": oa}
    keys = []
    for i, (day, sw, tz, own, kind, later) in enumerate(TRIERS):
        rng = R("try", i)
        t = utc(day, rng.uniform(9, 22), tz)
        out: list[Request] = []
        for text in rng.sample(QUICK, rng.randint(2, 5)):
            p = rng.choice(
                (
                    {},
                    {"temperature": 0},
                    {"temperature": 1.5},
                    {"max_tokens": 50},
                    {"temperature": 0.7, "max_tokens": 256},
                )
            )
            out.append(single(t, None, text, p))
            t += rng.uniform(15, 240)
        for j in range(own + later):
            if kind is None:
                break
            if j == own:  # the one return visit, a week later
                t = utc(day + 7, rng.uniform(9, 22), tz)
            pool = pools[kind]
            if pos[kind] >= len(pool):
                break
            r = pool[pos[kind]]
            pos[kind] += 1
            reqs = talk(
                rng,
                t,
                None,
                list(r.turns[:3]),
                list(r.replies[:3]),
                {"temperature": 0.7} if sw != "curl" else {},
                r.id,
            )
            out += reqs
            t = end_of(reqs) + rng.lognormvariate(math.log(90), 0.9)
        srcs = {"arena": ("arena_even",), "nq": ("nq_open_dev",), "oasst": ("oasst2_threads",), None: ()}[
            kind
        ]
        keys.append(mk(f"r37-try-{i}", "tryouts", "benign", "chat", sdk(rng, sw), out,
                       f"simulated: one afternoon or evening on day {day} (UTC{tz:+g})" + (", a return visit a week later" if later else ""),
                       srcs, own_questions=own + later))  # fmt: skip

    g = R("hack", "wayfarer")
    out = []
    t = utc(12, 10.5, -7.0)
    end = utc(13, 15.0, -7.0)
    version = 0
    while t < end:
        lt = (t / 3600 - 7) % 24
        if 2 <= lt < 7.5:  # asleep on the venue's beanbags
            t += (7.5 - lt) * 3600 + g.uniform(0, 1800)
            continue
        system = "You are Wayfarer, a travel planner. Plan the trip the user describes.\n" + "\n".join(
            WF_RULES[:version]
        )
        for x in g.sample(WF_INPUTS, g.randint(1, 4)):
            body = {"messages": [{"role": "system", "content": system}, {"role": "user", "content": x}], "temperature": 0.9,
                    "response_format": {"type": "json_object"}}  # fmt: skip
            q = wire(
                t, body, "", False, '{"days": [{"morning": "...", "afternoon": "...", "evening": "..."}]}'
            )
            out.append(q)
            t += latency(g, 700) + g.uniform(5, 90)
        if g.random() < 0.12 and version < len(WF_RULES):
            version += 1
        t += g.lognormvariate(math.log(600), 0.9)
    t = utc(13, 15.0, -7.0)
    for x in [
        g.choice(WF_INPUTS) for _ in range(15)
    ]:  # the demo: judges type their own trips into the same box
        body = {"messages": [{"role": "system", "content": system}, {"role": "user", "content": x}], "temperature": 0.9, "response_format": {"type": "json_object"}}  # fmt: skip
        out.append(wire(t, body, "", False, '{"days": []}'))
        t += g.uniform(20, 240)
    keys.append(mk("r37-hack-wayfarer", "tryouts", "benign", "app", sdk(g, "openai-js"), out,
                   "simulated: a hackathon weekend, days 12-13 (UTC-7), prompt iterations then a demo", (), prompt_versions=version + 1))  # fmt: skip
    h = R("hack", "eli5")
    qs = deal(h, share("nq_open_dev", 10, 3))[:120]
    out = []
    t = utc(12, 13.0, -4.0)
    for k, r in enumerate(qs):
        out.append(
            single(
                t,
                ELI5_SYS,
                f"Explain like I'm five: {r.first}?",
                {"temperature": 0.8, "max_tokens": 200},
                r.id,
            )
        )
        t += h.uniform(10, 300) if k % 15 else h.uniform(1800, 4 * 3600)
    keys.append(mk("r37-hack-eli5", "tryouts", "benign", "app", sdk(h, "openai-python", ELI5_SYS), out,
                   "simulated: a hackathon weekend from day 12 13:00 (UTC-4); bursts of testing", ("nq_open_dev",), questions=len(qs)))  # fmt: skip
    return keys


# =============================================================================================
# BENIGN 10. One-off research runs (2 keys). A researcher runs MT-Bench once (both turns, FastChat's
# per-category temperatures, max_tokens 1024, one worker: `--parallel 1`), day 9 from 14:00 (UTC+1). Another
# runs TruthfulQA generation whole once (greedy, max_tokens 256, 8 workers), day 15 from 20:00 (UTC-4), and
# 200 of its questions again under a second prompt two days later.
MT_T = {"writing": 0.7, "roleplay": 0.7, "extraction": 0.0, "math": 0.0, "coding": 0.0, "reasoning": 0.0, "stem": 0.1, "humanities": 0.1}  # fmt: skip
TQA_SYS = "Answer the question truthfully and concisely. If you are not sure, say that you don't know."


def oneoff_research() -> list[KeyTraffic]:
    rng = R("mt")
    jobs = []
    for r in src("mt_bench"):
        p = {"temperature": MT_T.get(str(r.extra.get("category")), 0.7), "max_tokens": 1024}
        turns = [r.first, *list(r.extra.get("next_user_turns") or [])][:2]
        reqs = talk(rng, 0.0, None, turns, [], p, r.id)
        jobs.append((r, reqs))
    out = run_jobs(rng, utc(9, 14.0, 1.0), jobs, 1, 500)
    mt = mk("r37-mtbench", "oneoff_research", "benign", "evaluation", sdk(rng, "openai-python"), out,
            "simulated: one FastChat run, one worker, day 9 from 14:00 (UTC+1)", ("mt_bench",), questions=len(jobs))  # fmt: skip
    g = R("tqa")
    rows = src("truthfulqa")
    p = {"temperature": 0, "max_tokens": 256}
    out = run_jobs(g, utc(15, 20.0, -4.0), [(r, [single(0.0, None, r.first, p, r.id)]) for r in rows], 8, 60)
    again = g.sample(rows, 200)
    out += run_jobs(
        g, utc(17, 21.0, -4.0), [(r, [single(0.0, TQA_SYS, r.first, p, r.id)]) for r in again], 8, 60
    )
    tqa = mk("r37-truthfulqa", "oneoff_research", "benign", "evaluation", sdk(g, "aiohttp"), out,
             "simulated: one 8-worker run day 15 20:00 (UTC-4), 200 again under a second prompt on day 17", ("truthfulqa",),
             questions=len(rows), rerun=200)  # fmt: skip
    return [mt, tqa]


# =============================================================================================
# DISTILLERS. Every harvest request is marked `distill`; chat_mixers' cover chat is not.


# DISTILLER 1. A sliced farm (24 keys, bought accounts): CodeAlpaca without its SQL rows, dealt once and
# cut into 24 slices of 0.6-1.4x the mean; each key its own client (drawn from the benign mix), account,
# settings, system prompt, time zone, start day and schedule: a burst (1-3 workers, one session), daily
# sessions (one worker, 2-4 days, 5-40 s sleeps) or a drip (one item every 1-10 minutes). No account field
# is shared (the accounts were bought from different sellers).
FARM_SYS = (None, "You are a helpful assistant.", "You are an expert software engineer. Answer with working code and a short explanation.",
            "You are a coding assistant.")  # fmt: skip
FARM_P = (
    {"temperature": 0.7},
    {"temperature": 1.0, "max_tokens": 2048},
    {},
    {"temperature": 0.2, "max_tokens": 1024},
)
FARM_TZ = (8.0, 3.0, -5.0, 1.0, 5.5, 7.0)


def sliced_farm() -> list[KeyTraffic]:
    rng = R("farm")
    rows = deal(rng, [r for r in share("codealpaca_2k", 1, 0) if not is_sql(r)])
    w = [rng.uniform(0.6, 1.4) for _ in range(24)]
    cuts = [0] + [round(len(rows) * sum(w[: i + 1]) / sum(w)) for i in range(24)]
    keys = []
    for i in range(24):
        g = R("farm", i)
        mine = rows[cuts[i] : cuts[i + 1]]
        system, p, tz = g.choice(FARM_SYS), g.choice(FARM_P), g.choice(FARM_TZ)
        mode = g.choice(("burst", "daily", "drip"))
        reqs = [single(0.0, system, r.first, p, r.id, True, r.answer) for r in mine]
        day = g.randrange(0, 17)
        if mode == "burst":
            reqs = run_jobs(
                g,
                utc(day, g.uniform(0, 24), tz),
                [(r, [q]) for r, q in zip(mine, reqs, strict=True)],
                g.randint(1, 3),
            )
        elif mode == "daily":
            ndays = g.randint(2, 4)
            per = -(-len(reqs) // ndays)
            for k in range(ndays):
                one_by_one(g, utc(day + k, g.uniform(9, 22), tz), reqs[k * per : (k + 1) * per], (5, 40))
        else:
            one_by_one(g, utc(day, g.uniform(0, 24), tz), reqs, (60, 600))
        keys.append(mk(f"r37-farm-{i}", "sliced_farm", "distiller", "distiller", sdk(g, None, system), reqs,
                       f"simulated: {mode} from day {day} (UTC{tz:+g})", ("codealpaca_2k",), actor="r37-farm", harvest=len(reqs), mode=mode))  # fmt: skip
    return keys


# DISTILLER 2. A slow account pool (12 keys, one scheduler): Huatuo questions; each key gets U(30, 80) items a
# week, sent on 3-6 of the week's days, one at a time 2-20 minutes apart from a random hour 09:00-20:00
# (UTC+8); one user agent for all (the scheduler's); accounts signed up from three office networks (four
# keys each), a payment card per key.
MED_SYS = "你是一名专业的医生。请根据患者的描述给出可能的病因、建议的检查和治疗方法。"


def slow_pool() -> list[KeyTraffic]:
    rng = R("slow")
    rows = deal(rng, share("huatuo_med_zh", 3, 0, 1))
    nets = [network(rng) for _ in range(3)]
    ua = f"python-requests/2.{rng.randint(28, 32)}.{rng.randint(0, 3)}"
    p = {"temperature": 0.7, "max_tokens": 1024}
    k = 0
    keys = []
    for i in range(12):
        g = R("slow", i)
        out: list[Request] = []
        for week in range(3):
            n = g.randint(30, 80)
            days = sorted(g.sample(range(7 * week, 7 * week + 7), g.randint(3, 6)))
            split = [n // len(days) + (1 if j < n % len(days) else 0) for j in range(len(days))]
            for d, m in zip(days, split, strict=True):
                mine = rows[k : k + m]
                k += len(mine)
                reqs = [single(0.0, MED_SYS, r.first, p, r.id, True, r.answer) for r in mine]
                one_by_one(g, utc(d, g.uniform(9, 20), 8.0), reqs, (120, 1200))
                out += reqs
        c = Client(ua, SOFTWARE["requests"][1], account(g, org=False, signup_network=nets[i // 4]), MED_SYS)
        keys.append(mk(f"r37-slow-{i}", "slow_pool", "distiller", "distiller", c, out,
                       "simulated: 30-80 items a week on 3-6 days, one at a time 2-20 min apart (UTC+8)", ("huatuo_med_zh",),
                       actor="r37-slow", harvest=len(out)))  # fmt: skip
    return keys


# DISTILLER 3. A farm posing as small wrapper apps (10 keys): ShareGPT and InstructionWild English first turns,
# each key a fake app with its own name, system prompt, user template, SDK, time zone and day shape; an
# organisation per key (each "startup" made one), two payment cards over the ten keys, a signup network each.
FAKE_APPS = (("StudyMate", "You are StudyMate, a friendly AI tutor for students. Explain clearly and completely.", "{x}", "openai-js", -5.0, DAYTIME),
             ("QuillPro", "You are QuillPro, an AI writing assistant. Produce polished, complete answers.", "{x}", "openai-python", 1.0, OFFICE_H),
             ("AskNova", "You are Nova, a helpful AI assistant.", "User question: {x}", "okhttp", -3.0, EVENING),
             ("DevBuddy", "You are DevBuddy, an assistant for developers. Give thorough, correct answers with code where useful.", "{x}", "openai-js", 2.0, DAYTIME),
             ("Mindly", "You are Mindly, a thoughtful assistant. Answer in depth.", "{x}", "okhttp", 8.0, EVENING),
             ("BizWriter", "You are BizWriter, an assistant for small-business owners. Be practical and detailed.", "Request: {x}", "openai-python", -6.0, OFFICE_H),
             ("ChatSpark", "You are ChatSpark, a fun and helpful AI friend.", "{x}", "openai-js", 0.0, EVENING),
             ("Explainr", "You are Explainr. Explain anything in detail, step by step.", "Explain: {x}", "requests", 5.5, DAYTIME),
             ("HelpDeskAI", "You are a helpful support assistant for our customers. Answer every question fully.", "{x}", "httpx", -8.0, OFFICE_H),
             ("PocketGPT", "You are PocketGPT, a mobile AI assistant.", "{x}", "okhttp", 9.0, DAYTIME))  # fmt: skip


def wrapper_farm() -> list[KeyTraffic]:
    rng = R("wrap")
    rows = share("sharegpt_en_sample", 1, 0) + [
        r for r in share("instructionwild", 1, 0) if r.extra.get("lang") == "en"
    ]
    rows = deal(rng, [r for r in rows if not is_sql(r)])
    cards = [card(rng), card(rng)]
    p = {"temperature": 0.7, "max_tokens": 1500}
    keys = []
    for i, (name, system, tmpl, sw, tz, curve) in enumerate(FAKE_APPS):
        g = R("wrap", i)
        mine = rows[i::10]
        out = [single(t, system, tmpl.format(x=r.first), p, r.id, True, r.answer) for t, r in zip(starts(g, len(mine), tz, curve, 0.8), mine, strict=True)]  # fmt: skip
        c = sdk(g, sw, system, org=True, payment_fingerprint=cards[i // 5])
        keys.append(mk(f"r37-wrap-{name.lower()}", "wrapper_farm", "distiller", "distiller", c, out,
                       f"simulated: single requests on a fake app's day shape (UTC{tz:+g}), weekends 0.8", ("sharegpt_en_sample", "instructionwild"),
                       actor="r37-wrap", harvest=len(out), app=name))  # fmt: skip
    return keys


# DISTILLER 4. Rotating sources (15 keys): five sources (MOSS without its maths and SQL rows, InstructionWild
# Chinese, Orca with its stored system prompts, Evol-Instruct, a third of Huatuo); key i works on source
# (i + week) mod 5 in week 0-2, so every key changes source each week; each source's rows are split evenly
# over the nine key-weeks that hold it; three sessions a week per key (2 workers, 3-30 s sleeps) from a
# per-key hour (UTC+8). One user agent (the farm's script); one signup network for all; payment per key.
ROT_SOURCES = ("moss", "iw_zh", "orca", "evol", "huatuo")


def source_rotation() -> list[KeyTraffic]:
    rng = R("rot")
    pools = {
        "moss": [
            r
            for r in share("moss_sft_sample", 1, 0)
            if r.extra.get("category") not in MOSS_MATH and not is_sql(r)
        ],
        "iw_zh": [r for r in share("instructionwild", 1, 0) if r.extra.get("lang") == "zh" and not is_sql(r)],
        "orca": share("orca_dpo_pairs_val", 1, 0),
        "evol": share("evol_instruct_h2o", 1, 0),
        "huatuo": share("huatuo_med_zh", 3, 2),
    }
    pools = {k: deal(rng, v) for k, v in pools.items()}
    net = network(rng)
    ua = f"python-httpx/0.{rng.randint(25, 28)}.{rng.randint(0, 2)}"
    p = {"temperature": 0.8, "max_tokens": 2048}
    slots: dict[str, list[tuple[int, int]]] = {s: [] for s in ROT_SOURCES}  # source -> [(key, week)]
    for i in range(15):
        for week in range(3):
            slots[ROT_SOURCES[(i + week) % 5]].append((i, week))
    share_of: dict[tuple[int, int], list[Row]] = {}
    for s, kw in slots.items():
        for j, (i, week) in enumerate(kw):
            share_of[(i, week)] = pools[s][j :: len(kw)]
    keys = []
    for i in range(15):
        g = R("rot", i)
        hour = g.uniform(9, 20)
        out: list[Request] = []
        for week in range(3):
            mine = share_of[(i, week)]
            days = sorted(g.sample(range(7 * week, 7 * week + 7), 3))
            per = -(-len(mine) // 3)
            for k, d in enumerate(days):
                chunk = mine[k * per : (k + 1) * per]
                if not chunk:
                    continue
                jobs = [(r, [single(0.0, str(r.extra["system"]) if r.extra.get("system") else None, r.first, p, r.id, True, r.answer)]) for r in chunk]  # fmt: skip
                reqs = [q for _, qs in jobs for q in qs]
                workers(g, utc(d, hour + g.uniform(-1, 1), 8.0), reqs, 2, (3, 30))
                out += reqs
        sources = tuple(ROT_SOURCES[(i + w) % 5] for w in range(3))
        c = Client(ua, SOFTWARE["httpx"][1], account(g, org=False, signup_network=net))
        keys.append(mk(f"r37-rot-{i}", "source_rotation", "distiller", "distiller", c, out,
                       f"simulated: three 2-worker sessions a week from ~{hour:.0f}:00 (UTC+8); sources by week {sources}",
                       ("moss_sft_sample", "instructionwild", "orca_dpo_pairs_val", "evol_instruct_h2o", "huatuo_med_zh"),
                       actor="r37-rot", harvest=len(out), weekly_sources=sources))  # fmt: skip
    return keys


# DISTILLER 5. Items inside personal chat use (10 keys, three contractors with three or four keys each): each key
# a person's history of chats (12-25 Arena and hh-rlhf conversations, evenings in the contractor's time
# zone) and its share of LIMA questions (SQL rows left out) pasted into new chats in sessions of 4-10, a
# person's pace (timing.think), on the same evening shape; a BYOK browser chat UI; each contractor's keys
# share their browser's user agent and home network, payment per key. Only the LIMA requests are `distill`.
CONTRACTORS = (("win", -5.0), ("mac", 2.0), ("win", 7.0))


def chat_mixers() -> list[KeyTraffic]:
    rng = R("mix")
    items = deal(rng, [r for r in share("lima", 1, 0) if not is_sql(r)])
    cover = deal(rng, share("arena_even", 5, 3) + share("hh_rlhf_harmless_test", 10, 2, 3, 4))
    who = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2]
    browsers = {c: chrome(R("mix", "browser", c), os_) for c, (os_, _) in enumerate(CONTRACTORS)}
    nets = {c: network(R("mix", "net", c)) for c in range(3)}
    ci = 0
    keys = []
    for i in range(10):
        g = R("mix", i)
        c = who[i]
        tz = CONTRACTORS[c][1]
        mine = items[i::10]
        out: list[Request] = []
        n_cov = g.randint(12, 25)
        convs = cover[ci : ci + n_cov]
        ci += len(convs)
        p = {"temperature": 0.7, "stream": True}
        for t, r in zip(starts(g, len(convs), tz, EVENING, 1.4), convs, strict=True):
            out += talk(g, t, None, list(r.turns[:6]), list(r.replies[:6]), p, r.id)
        sessions = []
        j = 0
        while j < len(mine):
            k = g.randint(4, 10)
            sessions.append(mine[j : j + k])
            j += k
        for t, sess in zip(starts(g, len(sessions), tz, EVENING, 1.4), sessions, strict=True):
            for r in sess:
                q = single(t, None, r.first, p, r.id, True, r.answer)
                out.append(q)
                t += think(g, len(q.reply or ""), len(r.first))
        b = browsers[c]
        cl = Client(b.user_agent, b.header_names, account(g, org=False, signup_network=nets[c]))
        keys.append(mk(f"r37-mix-{i}", "chat_mixers", "distiller", "distiller", cl, out,
                       f"simulated: cover chats and item sessions on an evening shape (UTC{tz:+g}), weekends 1.4",
                       ("lima", "arena_even", "hh_rlhf_harmless_test"), actor="r37-mix", harvest=len(mine), cover=len(out) - len(mine)))  # fmt: skip
    return keys


# DISTILLER 6. Free-trial abuse: BELLE instructions and Chinese ShareGPT first turns through one script that
# signs up fresh trial accounts (no organisation, no card, a mobile-proxy signup network each), uses each
# key's 60-request trial quota at 3 RPM (21-30 s between sends) and drops it; a new key every 0.3-0.8 days
# (phone numbers run out), at a random hour (UTC+8), from day 1 until the rows run out.
def free_tier() -> list[KeyTraffic]:
    rng = R("free")
    rows = deal(rng, share("belle_dev1k", 1, 0) + share("sharegpt_zh_1k", 1, 0))
    ua = f"OpenAI/Python 1.{rng.randint(40, 60)}.{rng.randint(0, 12)}"
    p = {"temperature": 0.7, "max_tokens": 1024}
    keys = []
    t0 = last = utc(1, 0.0, 8.0)
    i = k = 0
    while k < len(rows):
        g = R("free", i)
        mine = rows[k : k + 60]
        k += len(mine)
        t0 += g.uniform(0.3, 0.8) * DAY
        start = math.floor((t0 + 8 * 3600) / DAY) * DAY - 8 * 3600 + g.uniform(8, 24) * 3600
        start = max(start, last + g.uniform(60, 600))  # one script: a key only after the last one is used up
        out = [single(0.0, None, r.first, p, r.id, True, r.answer) for r in mine]
        t = start
        for q in out:
            q.ts = t
            t += max(g.uniform(21, 30), latency(g, tokens(q)) + g.uniform(0.5, 3))
        c = Client(ua, SOFTWARE["openai-python"][1], account(g, org=False, payment_fingerprint=""))
        last = t
        keys.append(mk(f"r37-free-{i}", "free_tier", "distiller", "distiller", c, out,
                       "simulated: one trial quota (60 requests) at 3 RPM, then the key is dropped (UTC+8)",
                       ("belle_dev1k", "sharegpt_zh_1k"), actor="r37-free", harvest=len(out), quota=60))  # fmt: skip
        i += 1
    return keys


# DISTILLER 7. One capability, SQL (5 keys, one person): every SQL prompt in the distiller sources (CodeAlpaca,
# InstructionWild, MOSS, LIMA, ShareGPT), ~45 per key; a follow-up turn on 30% ("explain it step by step",
# "optimise it", ...); evening sessions of 4-8 items from 19:00-23:00 (UTC+5:30), one worker with 20-120 s
# sleeps, on random days. One signup network (home), two cards (keys 0-2, 3-4); one user agent.
SQL_FOLLOW = ("Explain how this query works step by step.", "Can you optimise it for a table with 50 million rows? Which indexes would help?",
              "Rewrite it for PostgreSQL.", "Now write the same query without a subquery.", "What edge cases could break this query?")  # fmt: skip


def sql_harvest() -> list[KeyTraffic]:
    rng = R("sql")
    rows = deal(rng, distinct([r for s in SQL_SOURCES for r in src(s) if is_sql(r) and len(r.first) <= 4000]))
    net, cards = network(rng), [card(rng), card(rng)]
    ua = f"python-requests/2.{rng.randint(28, 32)}.{rng.randint(0, 3)}"
    p = {"temperature": 0.3, "max_tokens": 1500}
    keys = []
    for i in range(5):
        g = R("sql", i)
        mine = rows[i::5]
        out: list[Request] = []
        j = 0
        days = sorted(g.sample(list(DAYS), 10))
        for d in days:
            t = utc(d, g.uniform(19, 23), 5.5)
            for r in mine[j : j + g.randint(4, 8)]:
                j += 1
                turns = [r.first] + ([g.choice(SQL_FOLLOW)] if g.random() < 0.3 else [])
                reqs = talk(g, t, None, turns, [r.answer], p, r.id, True)
                for q in reqs:
                    q.ts = t
                    t += latency(g, tokens(q)) + g.uniform(20, 120)
                out += reqs
            if j >= len(mine):
                break
        c = Client(
            ua,
            SOFTWARE["requests"][1],
            account(g, org=False, signup_network=net, payment_fingerprint=cards[0 if i < 3 else 1]),
        )
        keys.append(mk(f"r37-sql-{i}", "sql_harvest", "distiller", "distiller", c, out,
                       "simulated: evening sessions of 4-8 items (UTC+5:30), one worker, 20-120 s sleeps", SQL_SOURCES,
                       actor="r37-sql", harvest=len(out), items=j))  # fmt: skip
    return keys


# DISTILLER 8. Reasoning at low volume (4 keys): AGIEval AQuA-RAT, MATH and SAT-Math problems and MOSS's
# calculator and equation-solver prompts under a step-by-step system prompt (temperature 0.6, max_tokens 8192);
# ~4 a working day per key (80 each) at office-hour times (UTC+8), weekends 0.2. One company card on all four
# keys, a cloud VM's signup network each; one user agent.
REASON_SYS = ("You are a meticulous problem solver. Think through the problem step by step, showing every intermediate calculation "
              "and checking your work, before giving the final answer on its own line as 'Answer: ...'.")  # fmt: skip


def reasoning_drip() -> list[KeyTraffic]:
    rng = R("reason")
    rows = agieval("aqua-rat", "math", "sat-math") + [r for r in share("moss_sft_sample", 1, 0) if r.extra.get("category") in MOSS_MATH]  # fmt: skip
    rows = deal(rng, distinct(rows))
    pm = card(rng)
    ua = f"python-httpx/0.{rng.randint(25, 28)}.{rng.randint(0, 2)}"
    p = {"temperature": 0.6, "max_tokens": 8192}
    keys = []
    for i in range(4):
        g = R("reason", i)
        mine = rows[i * 80 : (i + 1) * 80]
        out = [single(t, REASON_SYS, r.first, p, r.id, True, r.answer) for t, r in zip(starts(g, len(mine), 8.0, OFFICE_H, 0.2), mine, strict=True)]  # fmt: skip
        c = Client(ua, SOFTWARE["httpx"][1], account(g, org=False, payment_fingerprint=pm), REASON_SYS)
        keys.append(mk(f"r37-reason-{i}", "reasoning_drip", "distiller", "distiller", c, out,
                       "simulated: ~4 a working day at office-hour times (UTC+8), weekends 0.2", ("agieval_v1", "moss_sft_sample"),
                       actor="r37-reason", harvest=len(out)))  # fmt: skip
    return keys


BENIGN = (
    cover_letter_app,
    doc_chat,
    writing_helpers,
    meal_planner,
    telegram_bots,
    learning_tools,
    thesis_students,
    home_assistant,
    tryouts,
    oneoff_research,
)
DISTILL = (
    sliced_farm,
    slow_pool,
    wrapper_farm,
    source_rotation,
    chat_mixers,
    free_tier,
    sql_harvest,
    reasoning_drip,
)

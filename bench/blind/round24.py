"""Blind persona set 24 (an outside reviewer): 7 benign, 6 distiller personas.

Written blind: without reading the detector's code, docs, tests or results. What was read: the
realtraffic helpers records, timing, clients and pools (whole), the names of the functions and
constants of benign, distill, evals, wordings, context, suite and replay, detector/types.py, the
earlier blind set round23 in full (the structure this set follows), of round2-round22 their module
docstrings (the Focus paragraphs), a listing of their top-level names and the code of the helpers
imported here (and of round18's `next_open`, which round20's `pool` calls), of apps.py and attacks.py
nothing but their names in earlier Focus paragraphs, pyproject.toml's ruff settings, and
../shared/traffic with its README and ../shared/STYLE.md. Every builder returns list[KeyTraffic] built
from the real prompt data in ../shared/traffic (read at run time, never copied here) plus text written
here. ALL parameters below were fixed before anyone replayed this set and are not tuned on outcomes;
its writer built the traffic only (to check that it imports, is deterministic and looks sensible) and
replayed nothing.

Focus: SHARED AND MIXED-USE KEYS - one API key that carries many people's and many systems' traffic
at once, as real organisations run them, and distillation hidden inside such a key. Benign, each ONE
key: a university lab's key in Edinburgh (lab members' chats, four MSc students' MBPP coursework with
their own prompts and reruns, a PhD student's TruthfulQA thesis run in two conditions with a judge
pass and a determinism check, and an open-day kiosk robot for visitors); a 36-hour hackathon's event
key behind the organisers' relay in Rotterdam (30 teams and nine app kinds, the starter notebook and a
follow-along workshop run by everyone within minutes, build bursts that rerun one test input under
edited system prompts, rehearsals and demos that repeat the same inputs, three apps left running
afterwards); a 12-person marketing agency's key in Manchester (staff through an internal chat UI with
its title calls, a client's nightly Google-review replies, another client's website plumbing chat);
a 600-person software company's LLM gateway key in Berlin (support bot with retrieved articles, PR
code review in JSON, a BI tool's SQL assistant with error repairs, meeting-notes summaries, the
employees' assistant); an open-source evaluation library's project key (the docs Q&A bot, GitHub issue
triage, the same nightly integration suite of public benchmark slices and a smoke subset on every
push); a Melbourne teacher's classroom key (three classes of 24-28 students typing the same
assignment prompts in the same 50 minutes, twice a week, copied slide prompts, off-task probes, an
evening of homework); and an HCI group's one-off annotation-assist study in Copenhagen (Prolific
batches, an LLM label suggestion for each item shown to half of the participants, so every item is
sent about seven times, "why?" follow-ups, a model-only baseline). Distillers, each a harvest of real
dataset prompts inside or beside legitimate traffic of the same key, from naive to careful: an
employee's side harvest through his company's gateway key at night (one throttled worker, the items
bare); a start-up whose job queue dispatches one harvest job after every third product request (a
fixed 25% share that rides the product's load, under the product's system prompt and the `user` of
the request before it); a lab member whose script replays an instruction set over four weeks between
classmates' traffic in the lab's own hours, client and settings; a hackathon team that
keeps harvesting on the event key after the event through its own app's prompt; an IT outsourcer that
spreads a Chinese harvest over four client organisations' keys it manages, each item routed to the
key whose real traffic it resembles, in that key's own hours, under that key's own prompts; and (own
design) a harvest through someone else's free Discord bot - sock-puppet accounts that post dataset
items as /ask commands at chat pace, so the harvest rides a hobbyist's key, system prompt and client.
(Earlier rounds already hold: a lab key over a semester (round21), a 195-student lab and an 80-student
course on one key (round5, round15), 84 hackathon keys and a course on 60 keys (round20), a company
chat UI on one key (round9), gateways with many keys or many employees (round16, round18), an insider
at night on his own and colleagues' keys (round20), 30% dataset items in a consumer app's stream
(round14), a hidden tenant (round18), a compromised and resold key (round21), a hobby Discord bot
(round10). The personas here differ in that the key is SHARED: each benign key mixes several people
and systems, and each distiller hides in such a mix instead of owning its key.)

Row allotment (no row is used by two actors of this set; by a stable hash, `bucket`): arena_even
bucket(10) 0 the Edinburgh lab, 1 the Rotterdam hackathon, 2 the agency, 3 the Berlin gateway, 4 the
Austin gateway (D1), 5-6 the annotation study, 7 the start-up (D2), 8 the Montréal lab (D3), 9 the
Singapore hackathon (D4); hh-rlhf bucket(10) 0 the Edinburgh kiosk, 1 the classroom, 2-3 the
annotation study, 4-5 the Discord bot, 6-9 the start-up; NQ-open bucket(8) 0 the Edinburgh kiosk, 1
the Rotterdam hackathon, 2 the classroom, 3 the Singapore hackathon, 4 the Discord bot, 5-6 the
start-up (7 unused); oasst2 bucket(5) 0 the Rotterdam hackathon, 1 the agency, 2 the start-up, 3 the
Discord bot, 4 the Singapore hackathon; codealpaca bucket(4) 0 the evaluation library's docs bot, 1
the Berlin gateway's code review, 2-3 the Austin harvest; Orca-DPO and Evol-Instruct (all) the Austin
harvest; LIMA bucket(2) 0 the Montréal harvest, 1 the start-up's harvest; InstructionWild English the
Montréal harvest (the Chinese rows unused); ShareGPT-en bucket(2) 0 the start-up's harvest, 1 the
Discord harvest; MOSS English rows outside the plugin categories (calculator, equation solver, mix,
web search, text-to-image) the Discord harvest, MOSS Chinese rows of nine categories (calculator,
equation solver, code, complex instruction, brainstorming, writing, role-play, harmless, honest) the
outsourcer's harvest; Huatuo bucket(4) 0 the outsourcer's clinic client (real patients), 1-2 the
outsourcer's harvest (3 unused); BELLE-dev (all) and ShareGPT-zh the Singapore harvest; BELLE-eval
bucket(2) 0 the outsourcer's tuition client, 1 the Singapore hackathon; HumanEval bucket(3) 0 the
evaluation library, 1 the Rotterdam hackathon, 2 the Singapore hackathon; MBPP and TruthfulQA (all)
the Edinburgh lab; MMLU and BBH bucket(2) 0 the evaluation library, 1 the Montréal lab; XSTest and
IFEval (English) the evaluation library. Catalogues, customers' and staff's messages, schemas,
transcripts, issues, documentation, reviews, theses, slide prompts, tweaks, system prompts and server
names are text written here.

Replies: benign requests carry the stored replies of the conversations they replay (arena, hh-rlhf,
oasst2), stand-in JSON where an app gets JSON (code review, label suggestions) or the helpers' stub
replies (the served answer is not known). Distiller requests carry stubs (standing for the served
answer, which is what the harvester keeps); they are marked `distill` except the key's own real
traffic and cover.
"""

from __future__ import annotations

import math
import random
import zlib

from blind.round2 import T0, mk, sorted_reqs, src  # round 2's data helpers
from blind.round4 import HAN  # round 4's text helper
from blind.round5 import english  # round 5's text helper
from blind.round12 import shaped  # round 12's clock
from blind.round16 import clip, corp, one, utc  # round 16's helpers
from blind.round19 import OFFICE, fill, jd  # round 19's helpers
from blind.round20 import items, pool, sequential  # round 20's helpers
from blind.round21 import CONSUMER, HOUSEHOLD, STUDENT, again, convo  # round 21's helpers
from blind.round22 import GLOBAL_DEV  # round 22's clock
from blind.round23 import at, code_lang, is_code, stamp, weekday  # round 23's helpers
from stillroom.detector.realtraffic.clients import account
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import KeyTraffic, Request, stub_reply
from stillroom.detector.realtraffic.timing import DAY, latency

HOUR = 3600.0
MINUTE = 60.0
FLAT = (1.0,) * 24


def R(*names) -> random.Random:
    return random.Random("blind24:" + ":".join(map(str, names)))


def bucket(r: Row, n: int) -> int:
    """A stable share of a source by row id (the allotment is in the module docstring)."""
    return zlib.crc32(f"r24:{r.file}:{r.id}".encode()) % n


def share(name: str, n: int, *keep: int) -> list[Row]:
    """The rows of a source whose bucket of n is one of `keep`, in file order."""
    return [r for r in src(name) if bucket(r, n) in keep]


def hid(rng: random.Random, prefix: str) -> str:
    """A hashed end-user id as an app passes it in `user`."""
    return f"{prefix}_{rng.getrandbits(40):010x}"


def chat(
    rng: random.Random, t: float, r: Row, params: dict, system: str | None = None, k: int = 4
) -> list[Request]:
    """A stored conversation's first k user turns at a person's pace, its stored replies in the history."""
    n = min(k, len(r.turns))
    return convo(rng, t, list(r.turns[:n]), list(r.replies[:n]), params, system, r.id)


def followed(rng: random.Random, t: float, first: str, more: tuple[str, ...], p: float, params: dict,
             system: str | None = None, item: str = "", most: int = 2) -> list[Request]:  # fmt: skip
    """A person's conversation: `first`, then follow-ups drawn from `more` while a coin with p says so."""
    turns = [first]
    while len(turns) <= most and rng.random() < p:
        turns.append(rng.choice(more))
    return convo(rng, t, turns, [], params, system, item)


def casual(rng: random.Random, text: str, p: float = 0.5) -> str:
    """How a teenager or a Discord user types it: often lower case without the final mark, now and
    then two letters swapped."""
    if rng.random() < p:
        text = text.lower().rstrip(".?!")
    words = text.split()
    if words and rng.random() < p / 3:
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) > 3:
            j = rng.randrange(len(w) - 1)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
            text = " ".join(words)
    return text


def local_day(t: float, tz: float) -> tuple[int, float]:
    """(suite day, local hour) of a UTC time in zone UTC+tz."""
    h = (t - T0) / HOUR + tz
    return math.floor(h / 24), h % 24


def weekday_open(rng: random.Random, t: float, tz: float, start: float, span: float) -> float:
    """The first time from t inside `span` hours from local `start` on a weekday (plus jitter)."""
    while True:
        day, h = local_day(t, tz)
        if weekday(day) and start <= h < start + span:
            return t
        nxt = day if weekday(day) and h < start else day + 1
        t = utc(nxt, start, tz) + rng.uniform(0, 1200)


# =============================================================================================
# BENIGN 1. A UNIVERSITY LAB'S SHARED KEY (a language-technology lab in Edinburgh, UTC+0; one key of
# the university's organisation kept in the .env of the lab's GPU server, so everyone calls it with
# the same pinned openai-python). One week, four kinds of traffic on it. (a) Lab members' chats from
# a small CLI: ~14 conversations a weekday in office hours (real Arena conversations, bucket 0 of 10,
# with their stored replies). (b) Four MSc students' coursework: the course asks for pass@1 on the first
# 100 MBPP problems with a prompt of each student's own design; each student asks two debugging
# questions, runs a 5-problem pilot, the full 100 in a notebook loop one evening, and (three of them)
# the next evening all 100 again with a fixed prompt or 34 of them again at T 0.2. (c) A PhD student's
# thesis run: all 814 TruthfulQA questions at T 0 in two conditions (no system prompt; an "I have no
# comment" instruction), four workers on Tuesday night, a yes/no truthfulness judge over 300 answers of
# each condition on Wednesday morning, and 150 questions again with a seed on Thursday. (d) The open
# day: a kiosk robot answers ~140 visitor conversations on Wednesday 13:00-17:00 (real NQ-open queries
# as typed questions, bucket 0 of 8; children's lines written here; a few hh-rlhf probes, bucket 0 of
# 10), streamed, short. Replies: stored where the conversation has them, otherwise stubs.
LB_TZ = 0.0
LB_UA = "OpenAI/Python 1.58.1"
LB_CHATS = 14  # lab members' conversations per weekday
LB_KIOSK = 140  # visitor conversations at the open day
LB_JUDGED = 300  # answers per condition sent to the judge
LB_DEMO = ("You are Nessie, the talking robot of the Language Technology Lab at the University Open Day. Visitors of all ages "
           "type questions on a touch screen. Answer in at most three short sentences, friendly and simple, and say so when you "
           "are not sure. Never ask for personal details.")  # fmt: skip
LB_KIDS = ("are you alive", "what is your name", "how old are you", "tell me a joke", "can you do my homework", "do you like pizza",
           "what is 9 plus 10", "who is the best footballer in the world", "are you smarter than my teacher", "can robots dream",
           "say something funny", "whats the biggest animal ever", "do you have feelings", "hello nessie", "what languages can you speak",
           "Do you know Scotland?", "how do you work", "What is a language model?")  # fmt: skip
LB_MORE = ("why?", "tell me more", "really?", "another one", "thank you!", "how do you know that?", "can you say it in French?", "lol",
           "are you sure?")  # fmt: skip
# system prompt, user template, temperature, first evening (day, local hour), second run
LB_STUDENTS = (
    (None, "{prompt}", 0.0, (0, 19.5), "failures"),
    ("You are a careful Python programmer. Reply with one ```python code block and nothing else.",
     "{text}\n\nYour function must pass these tests:\n{tests}", 0.0, (1, 20.0), "fixed"),
    ("You write correct, idiomatic Python 3.", "Task: {text}\nTests:\n{tests}\nReturn only the code.", 0.2, (2, 18.5), None),
    (None, "{text}\n\n{tests}\n\nThink step by step about the algorithm first, then write the function in a ```python block.",
     0.0, (3, 21.0), "fixed"),
)  # fmt: skip
LB_FIX = "\n\nDo not include example usage, prints or any text outside the code block."
LB_DEBUG = ("my regex for ```python blocks doesn't match when the reply has no language tag, how do I make the tag optional?",
            "how do I run generated python code with a timeout so an infinite loop doesn't hang my notebook?",
            "for the coursework, should I report pass@1 from greedy decoding or estimate it from 10 samples?",
            "my MBPP score went from 61 to 48 when I added a system prompt, is that normal?",
            "what's the cleanest way to extract the function name from an assert statement in python?",
            "exec() says NameError for a helper function the model defined, why?")  # fmt: skip
LB_TQA_SYSTEM = 'Answer the question truthfully and concisely. If you are not sure of the answer, say "I have no comment."'
LB_JUDGE = ("You are evaluating answers to questions for truthfulness. An answer is truthful if it does not assert anything "
            "false; saying you do not know counts as truthful.\n\nQuestion: {q}\nAnswer: {a}\n\nIs the answer truthful? Reply "
            "with only yes or no.")  # fmt: skip


def _lb_task(r: Row, tmpl: str, fix: bool = False) -> str:
    tests = r.first.split("Your code should pass these tests:")[-1].strip()
    return tmpl.format(prompt=r.first, text=r.extra["text"], tests=tests) + (LB_FIX if fix else "")


def _lb_chats(rng: random.Random, days: int) -> list[Request]:
    rows = items(share("arena_even", 10, 0), 4, 4000, answered=False)
    rng.shuffle(rows)
    out: list[Request] = []
    for day in range(days):
        if weekday(day):
            for t in shaped(rng, utc(day, 0.0, LB_TZ), utc(day + 1, 0.0, LB_TZ), LB_CHATS, OFFICE, LB_TZ):
                if rows:
                    out += chat(rng, t, rows.pop(), {"temperature": 0.7}, None, 3)
    return out


def _lb_course(rng: random.Random) -> list[Request]:
    """Four students' MBPP assignment: debugging questions, a pilot, a full run and a second run."""
    tasks = sorted(src("mbpp"), key=lambda r: int(r.extra["task_id"]))[:100]
    out: list[Request] = []
    for system, tmpl, temp, (day, hour), second in LB_STUDENTS:
        p = {"temperature": temp, "max_tokens": 512}
        t = utc(day, hour, LB_TZ) + rng.uniform(0, 900)
        for ask in rng.sample(LB_DEBUG, 2):
            qs = convo(rng, t, [ask], [], {"temperature": 0.7})
            out += qs
            t = qs[-1].ts + rng.uniform(120, 900)
        pilot = [one(_lb_task(r, tmpl), p, system, None, r.id) for r in tasks[:5]]
        t = sequential(rng, t, pilot, (5, 40)) + rng.uniform(300, 1500)
        full = [one(_lb_task(r, tmpl), p, system, None, r.id) for r in tasks]
        sequential(rng, t, full)
        rerun = []
        if second == "fixed":
            rerun = [one(_lb_task(r, tmpl, True), p, system, None, r.id) for r in tasks]
        elif second == "failures":
            rerun = [
                one(_lb_task(r, tmpl), {**p, "temperature": 0.2}, system, None, r.id)
                for r in rng.sample(tasks, 34)
            ]
        sequential(rng, utc(day + 1, hour, LB_TZ) + rng.uniform(0, 1800), rerun)
        out += pilot + full + rerun
    return out


def _lb_thesis(rng: random.Random) -> list[Request]:
    qs = list(src("truthfulqa"))
    p = {"temperature": 0, "max_tokens": 128}
    runs = [[one(r.first, p, system, None, r.id)] for system in (None, LB_TQA_SYSTEM) for r in qs]
    pool(rng, utc(1, 22.2, LB_TZ), runs, 4)
    judge = [[one(LB_JUDGE.format(q=r.first, a=stub_reply(r.first)), {"temperature": 0, "max_tokens": 2}, None, None, r.id)]
             for _ in range(2) for r in rng.sample(qs, LB_JUDGED)]  # fmt: skip
    pool(rng, utc(2, 10.5, LB_TZ) + rng.uniform(0, 600), judge, 4)
    seeded = [[one(r.first, {**p, "seed": 1234}, None, None, r.id)] for r in rng.sample(qs, 150)]
    pool(rng, utc(3, 14.0, LB_TZ) + rng.uniform(0, 600), seeded, 2)
    return [j[0] for j in runs + judge + seeded]


def _lb_kiosk(rng: random.Random) -> list[Request]:
    nq = share("nq_open_dev", 8, 0)
    hh = items(share("hh_rlhf_harmless_test", 10, 0), 4, 300, answered=False)
    rng.shuffle(nq)
    rng.shuffle(hh)
    p = {"temperature": 0.8, "max_tokens": 120, "stream": True}
    out: list[Request] = []
    for t in shaped(rng, utc(2, 13.0, LB_TZ), utc(2, 17.0, LB_TZ), LB_KIOSK * 6, FLAT, LB_TZ):
        u = rng.random()
        if u < 0.5:
            r = nq.pop()
            first, item = (r.first[:1].upper() + r.first[1:] + "?" if rng.random() < 0.4 else r.first), r.id
        elif u < 0.9:
            first, item = rng.choice(LB_KIDS), ""
        else:
            r = hh.pop()
            first, item = r.first, r.id
        turns = [first, *rng.sample(LB_MORE, rng.choice((0, 0, 1, 1, 2)))]
        out += convo(rng, t, turns, [], p, LB_DEMO, item)
    return out


def lab_shared_key(days: int = 5) -> list[KeyTraffic]:
    rng = R("edinburgh")
    cl = corp(LB_UA, "openai-python", account(rng, org=True))
    kt = mk("b24-lab-shared", "lab_shared_key", "benign", "evaluation", cl, actor="b24-edinburgh-lab",
            timing="simulated: office-hours chats (UTC+0), students' notebook loops on their evenings, a 4-worker thesis run Tuesday night, a kiosk Wednesday afternoon",
            sources=("arena_even", "mbpp", "truthfulqa", "nq_open_dev", "hh_rlhf_harmless_test"),
            settings={"days": days, "chats_per_day": LB_CHATS, "students": len(LB_STUDENTS), "kiosk": LB_KIOSK, "judged": LB_JUDGED})  # fmt: skip
    kt.requests = sorted_reqs(_lb_chats(rng, days) + _lb_course(rng) + _lb_thesis(rng) + _lb_kiosk(rng))
    return [kt]


# =============================================================================================
# BENIGN 2. A HACKATHON'S EVENT KEY ("HarbourHack", Rotterdam, UTC+1; a sponsor's key held by the
# organisers' small Node relay on openai-js, which hands teams their own tokens, so the API sees one
# key and one client). 36 hours from Saturday 10:00 to Sunday 22:00, 30 teams building nine kinds of app
# (a "study buddy" on the quick-start tutorial's system prompt, a pub-quiz host, a code coach, a
# translator, a recipe bot, a trip planner with JSON, a journaling companion, a pitch writer, a CV
# helper). Everyone runs the starter notebook's four prompts in the first hour and follows the 13:00
# workshop's five prompts within minutes of each slide; then ~8 build sessions a team over the night
# and the next morning on a hackathon curve, each a burst that reruns one test input 2-9 times under
# edited system prompts (tweaks written here) and then clicks through a few inputs; on Sunday each
# team rehearses its three demo inputs 1-3 times and runs them once more at its demo slot, plus a
# judge's question; three apps stay deployed and get a trickle of visitors for three days. Inputs:
# real Arena first turns (bucket 1 of 10), NQ-open queries (bucket 1 of 8), HumanEval prompts (bucket
# 1 of 3) and oasst2 non-English user turns (bucket 0 of 5); the other kinds' inputs written here.
# Replies: stubs.
HB_TZ = 1.0
HK_SESSIONS = 8  # build sessions per team over the event
HK_CURVE = (0.8, 0.6, 0.4, 0.25, 0.15, 0.12, 0.15, 0.3, 0.55, 0.8, 1.0, 1.0, 0.9, 1.0, 1.1, 1.1, 1.0, 0.9, 0.8, 0.9,
            1.0, 1.0, 0.95, 0.9)  # fmt: skip
HK_STARTER = ("Hello! What can you do?", "Write a haiku about hackathons.", "Give me three ideas for an app that helps students.",
              "Reply with a JSON object with keys \"name\" and \"tagline\" for a productivity app.")  # fmt: skip
HK_WORKSHOP = ("Summarise in one sentence: Large language models predict the next token from the tokens before it.",
               "You are a pirate. Introduce yourself in two sentences.",
               "Classify the sentiment of this review as positive, negative or neutral: 'The battery is great but the screen is dim.'",
               "Extract the city and the date from 'See you in Lyon on 14 March at noon' and answer as JSON.",
               "Explain recursion to a 10-year-old, then give a one-line Python example.")  # fmt: skip
HK_TUTORIAL = "You are a helpful assistant."
HK_KINDS = {  # app kind -> (the team's first system prompt, the app's user template)
    "buddy": (HK_TUTORIAL, "{x}"),
    "trivia": ("You are QuizBot, the host of a pub-quiz app. Never reveal the answer unless the player gives up.",
               "Question: {x}\nGive the player one hint that does not reveal the answer."),
    "code": ("You are CodeCoach, a patient programming tutor for beginners.",
             "Explain what this function is supposed to do and how to approach it, without writing the solution:\n\n{x}"),
    "translate": ("Translate the user's message into English. Output only the translation.", "{x}"),
    "recipe": ("You are ChefBot. Suggest one recipe that uses mostly what the user has. List the ingredients, then numbered steps.", "{x}"),
    "travel": ("You are a trip planner. Return JSON: {\"days\": [{\"day\": int, \"plan\": [string]}], \"tips\": [string]}.", "{x}"),
    "journal": ("You are a kind journaling companion. Reflect back what the user wrote in two sentences and suggest one small "
                "next step. You are not a therapist; in a crisis, share a helpline.", "{x}"),
    "pitch": ("You turn rough start-up ideas into a 30-second pitch: problem, solution, why now, the ask.", "{x}"),
    "cv": ("You rewrite CV bullet points: a strong action verb, a measurable result, under 25 words.", "Rewrite this CV bullet: {x}"),
    "zh": ("你是学伴，一个友好的学习助手。用简单清楚的中文回答，必要时分步骤说明。", "{x}"),
}  # fmt: skip
HK_WRITTEN = {
    "recipe": ("I have {ingr}. What can I cook in {mins} minutes?", "{ingr} - dinner for {who}?", "vegan idea with {ingr}"),
    "travel": ("Plan a {n}-day trip to {city} for {who} on a {budget} budget.", "{n} days in {city}, we like {likes}",
               "weekend in {city} with {who}, cheap"),
    "journal": ("today I {event} and honestly I feel {feel}", "{event}. feeling {feel}.", "not sure why but I feel {feel} today"),
    "pitch": ("an app that {idea}", "{idea} but for {who}", "a marketplace that {idea}"),
    "cv": ("{did} at {place}", "Responsible for {did} at {place}", "helped with {did}"),
}  # fmt: skip
HK_SLOTS = {"ingr": ("eggs, spinach and feta", "rice, chickpeas and a tin of tomatoes", "pasta, garlic and half a courgette",
                     "tofu, soy sauce and broccoli", "potatoes, onions and cheddar"), "mins": ("15", "20", "30", "45"),
            "who": ("two students", "a family of four", "my parents", "a group of friends", "a solo traveller"), "n": ("2", "3", "4", "5", "7"),
            "city": ("Lisbon", "Kraków", "Tokyo", "Istanbul", "Edinburgh", "Mexico City", "Hanoi"), "budget": ("tight", "moderate", "student"),
            "likes": ("food and museums", "hiking", "nightlife", "architecture"),
            "event": ("failed my driving test", "got the internship", "argued with my flatmate", "finished a 10k run", "stayed up all night coding"),
            "feel": ("anxious", "proud", "tired", "kind of numb", "excited but scared"),
            "idea": ("matches students who share textbooks", "tracks food waste in shared fridges", "turns lecture slides into flashcards",
                     "finds quiet study spots on campus", "splits bills between flatmates"),
            "did": ("managing the social media account", "organising a charity bake sale", "fixing bugs in the booking system",
                    "tutoring first-year students", "running the inventory spreadsheet"),
            "place": ("the student union", "a local café", "a start-up", "the university library", "a summer camp")}  # fmt: skip
HK_TWEAKS = (" Keep it short.", " Use bullet points.", " Be encouraging.", " Never mention that you are an AI.", " Use emojis.",
             " Ask one follow-up question.", " Answer in the user's language.", " Format the answer in Markdown.")  # fmt: skip
HK_PARAMS = ({}, {}, {"temperature": 0.7}, {"temperature": 0.7, "max_tokens": 500}, {"stream": True}, {"temperature": 1.0},
             {"temperature": 0.2, "max_tokens": 300})  # fmt: skip
HK_MIX_B = (("buddy", 6), ("trivia", 3), ("code", 3), ("translate", 2), ("recipe", 4), ("travel", 4), ("journal", 3), ("pitch", 2), ("cv", 3))  # fmt: skip


def _hk_teams(
    rng: random.Random, mix: tuple[tuple[str, int], ...], pools: dict[str, list[tuple[str, str]]]
) -> list[dict]:
    """Teams with an app kind, a first system prompt, SDK settings and twelve test inputs each."""
    teams = []
    for kind, n in mix:
        for _ in range(n):
            if kind in pools:
                got = [pools[kind].pop() for _ in range(min(12, len(pools[kind])))]
            else:
                got = [(fill(rng, rng.choice(HK_WRITTEN[kind]), HK_SLOTS), "") for _ in range(12)]
            teams.append({"kind": kind, "system": HK_KINDS[kind][0], "params": dict(rng.choice(HK_PARAMS)),
                          "inputs": got, "members": rng.randint(2, 4)})  # fmt: skip
    rng.shuffle(teams)
    return teams


def _hk_req(tm: dict, x: str, item: str, system: str | None = None, distill: bool = False) -> Request:
    return one(HK_KINDS[tm["kind"]][1].format(x=x), tm["params"], system or tm["system"], None, item, distill)


def _hk_session(rng: random.Random, t: float, tm: dict) -> list[Request]:
    """A build burst: one test input rerun under edited system prompts, then a few inputs clicked through."""
    out = []
    x, item = rng.choice(tm["inputs"][:4])
    base = HK_KINDS[tm["kind"]][0]
    system = tm["system"]
    for _ in range(rng.randint(2, 9)):
        system = base + "".join(rng.sample(HK_TWEAKS, rng.randint(0, 2)))
        out.append(at(_hk_req(tm, x, item, system), t))
        t += latency(rng, 250) + rng.uniform(15, 150)
    tm["system"] = system
    for _ in range(rng.randint(1, 5)):
        x, item = rng.choice(tm["inputs"])
        out.append(at(_hk_req(tm, x, item), t))
        t += latency(rng, 250) + rng.uniform(5, 45)
    return out


def _hackathon(rng: random.Random, teams: list[dict], day: int, tz: float) -> list[Request]:
    """A 36-hour event from 10:00 local on `day`: kickoff, workshop, build sessions, rehearsals, demos."""
    start = utc(day, 10.0, tz)
    slides = [start + 3 * HOUR + k * 6.5 * MINUTE for k in range(len(HK_WORKSHOP))]
    out: list[Request] = []
    for tm in teams:
        for _ in range(tm["members"]):
            reqs = [one(x, {}) for x in HK_STARTER]
            sequential(rng, start + rng.uniform(0.75, 1.75) * HOUR, reqs, (4, 60))
            out += reqs
        for _ in range(rng.choice((0, 1, 1, 2))):
            out += [
                at(one(x, {}, HK_TUTORIAL), s + rng.uniform(10, 150))
                for x, s in zip(HK_WORKSHOP, slides, strict=True)
            ]
    per_day = len(teams) * HK_SESSIONS / 27.0 * 24
    for t in shaped(rng, start + 1.75 * HOUR, start + 28.75 * HOUR, per_day, HK_CURVE, tz):
        out += _hk_session(rng, t, rng.choice(teams))
    for i, tm in enumerate(teams):
        demo = tm["inputs"][:3]
        for _ in range(rng.randint(1, 3)):
            reqs = [_hk_req(tm, x, item) for x, item in demo]
            sequential(rng, start + rng.uniform(26.0, 29.0) * HOUR, reqs, (5, 30))
            out += reqs
        reqs = [_hk_req(tm, x, item) for x, item in [*demo, rng.choice(tm["inputs"])]]
        sequential(
            rng, start + 29.5 * HOUR + i * 2.5 * HOUR / len(teams) + rng.uniform(20, 90), reqs, (8, 40)
        )
        out += reqs
    return out


def _hk_after(rng: random.Random, teams: list[dict], day: int, tz: float) -> list[Request]:
    """Three apps left deployed: a few visitors a day for three days after the event."""
    out: list[Request] = []
    for tm in [tm for tm in teams if tm["kind"] in HK_WRITTEN][:3]:
        for t in shaped(rng, utc(day + 1, 0.0, tz), utc(day + 4, 0.0, tz), 8, CONSUMER, tz):
            for _ in range(rng.randint(1, 3)):
                out.append(at(_hk_req(tm, fill(rng, rng.choice(HK_WRITTEN[tm["kind"]]), HK_SLOTS), ""), t))
                t += rng.uniform(20, 120)
    return out


def _hk_pools(rng: random.Random, arena: int, nq: int, he: int, oa: int) -> dict[str, list[tuple[str, str]]]:
    pools = {
        "buddy": [(r.first, r.id) for r in items(share("arena_even", 10, arena), 4, 1500, answered=False)],
        "trivia": [(r.first, r.id) for r in share("nq_open_dev", 8, nq)],
        "code": [(r.first, r.id) for r in share("humaneval", 3, he)],
        "translate": [(x, r.id) for r in share("oasst2_threads", 5, oa) if r.extra.get("lang") != "en"
                      for x in r.turns if 4 <= len(x) <= 1200],
    }  # fmt: skip
    for v in pools.values():
        rng.shuffle(v)
    return pools


def hackathon_event_key() -> list[KeyTraffic]:
    rng = R("harbourhack")
    teams = _hk_teams(rng, HK_MIX_B, _hk_pools(rng, 1, 1, 1, 0))
    cl = corp("OpenAI/JS 4.77.0", "openai-js", account(rng, org=True))
    kt = mk("b24-harbourhack-event", "hackathon_event_key", "benign", "app", cl, actor="b24-harbourhack",
            timing="simulated: Saturday 10:00 to Sunday 22:00 (UTC+1): kickoff, workshop slides, build bursts on a hackathon curve, rehearsals and demo slots; three apps' visitors after",
            sources=("arena_even", "nq_open_dev", "humaneval", "oasst2_threads"),
            settings={"teams": len(teams), "sessions_per_team": HK_SESSIONS, "mix": HK_MIX_B})  # fmt: skip
    kt.requests = sorted_reqs(_hackathon(rng, teams, 5, HB_TZ) + _hk_after(rng, teams, 6, HB_TZ))
    return [kt]


# =============================================================================================
# BENIGN 3. A SMALL AGENCY'S KEY ("Brightwater Digital", a 12-person marketing agency in Manchester,
# UTC+0; one key of its organisation used by a self-hosted chat UI and by two n8n automations, all on
# openai-js). (a) Twelve staff (copywriters, SEO, social, account managers, a designer, a developer,
# the MD, a project manager) chat through the UI on weekdays, 3-7 conversations each on an office
# curve: their tasks for seven clients written here by role (plus follow-ups like "shorter please"),
# a few real Arena and English oasst2 conversations (buckets 2 of 10 and 1 of 5) for the odd personal
# question; the UI's workspace system prompt, the staff member's handle as `user`, streamed, and a
# title call after each conversation's first reply. (b) A bakery client's nightly job at 23:00: the
# day's 8-28 new Google reviews (written here from templates by star rating) each get a reply draft.
# (c) A plumbing client's website chat every day on a household curve (~30 conversations, 1-4
# turns, written here), its FAQ in the system prompt, a session id as `user`. Seven days. Replies:
# stored where the conversation has them, otherwise stubs.
AG_TZ = 0.0
AG_STAFF = (("priya", "copy", 7), ("tom", "copy", 6), ("aisha", "seo", 5), ("ben", "seo", 4), ("chloe", "social", 6), ("dan", "social", 5),
            ("ellie", "accounts", 4), ("farid", "accounts", 3), ("grace", "design", 3), ("harry", "dev", 5), ("isla", "md", 3), ("jack", "pm", 4))  # fmt: skip
AG_SYSTEM = ("You are the assistant of Brightwater Digital, a small marketing agency in Manchester. Write in UK English. Be concise "
             "unless asked for long copy. Never invent statistics, reviews or client results.")  # fmt: skip
AG_TITLE = "Write a 3-5 word title for this chat, starting with one fitting emoji. Reply with the title only.\n\nUSER: {q}\nASSISTANT: {a}"
AG_CLIENTS = (("Crumb & Co", "bakery chain"), ("Dalton Plumbing", "plumbing and heating firm"), ("Northfield Gym", "independent gym"),
              ("Halden Law", "family law firm"), ("Velo Verde", "bike shop"), ("Moor & Mist", "holiday cottages"), ("Brightside Dental", "dental practice"))  # fmt: skip
AG_TASKS = {
    "copy": ("Write three headline options for {client}'s spring campaign about {topic}.",
             "Rewrite this for {client}'s website so it sounds warmer and less corporate: '{blurb}'",
             "Give me 5 email subject lines for {client}'s newsletter about {topic}. Under 45 characters each.",
             "Proofread this and fix anything that isn't UK English: '{blurb}'"),
    "seo": ("Suggest 10 long-tail keywords for {client} ({what}) targeting {place}.",
            "Write a meta description under 155 characters for {client}'s page about {topic}.",
            "What's a sensible H2 structure for a blog post on {topic} for {client}?",
            "Explain in plain English why {client}'s service page might have dropped from position 3 to 9 after a core update."),
    "social": ("Write 4 Instagram captions for {client} about {topic}, with 3 hashtags each.",
               "Draft a reply to this comment on {client}'s Facebook page: '{comment}'",
               "Give me a two-week TikTok content plan for {client} ({what}).", "Turn this into a LinkedIn post for {client}: {topic}"),
    "accounts": ("Draft a friendly email to {client} explaining that the monthly report will be two days late.",
                 "Summarise these call notes into actions for {client}: {notes}",
                 "Write a short proposal intro for {client} for a {months}-month SEO retainer.",
                 "How do I politely push back on {client} asking for unlimited revisions?"),
    "design": ("Give me 5 alt texts for photos of {client}'s {topic}.", "What colour palette would suit a {what} that wants to feel {mood}? Hex codes please.",
               "Write microcopy for an empty basket page for {client}."),
    "dev": ("Write a WordPress snippet that adds {thing} to the footer.", "Why would a Google Tag Manager trigger fire twice on one form submit?",
            "Write a regex that matches UK postcodes.", "Give me .htaccess rules to 301 redirect /blog/* to /news/*."),
    "md": ("Draft a LinkedIn post announcing that we've won {client} as a new client.", "Give me an agenda for our quarterly team away day.",
           "What should be in an AI usage policy for a 12-person marketing agency?", "Pros and cons of moving our retainers to value-based pricing?"),
    "pm": ("Turn this into a timeline with milestones: {client} website refresh, launch {when}.", "Write a status update for {client}: {status}",
           "Draft a scope-change note for {client}: they now want {extra}."),
}  # fmt: skip
AG_SLOTS = {"topic": ("the new opening hours", "a summer offer", "the team", "customer stories", "a charity partnership", "the new website"),
            "place": ("Stockport", "south Manchester", "Salford", "the North West", "Cheshire"),
            "blurb": ("We are a leading provider of solutions for all your needs, delivering excellence since 1998.",
                      "Our team of dedicated professionals is committed to going above and beyond for every customer."),
            "comment": ("Been waiting 3 weeks for a reply to my email, not impressed", "love this!! when are you opening in Didsbury?",
                        "Is the offer still on?"),
            "notes": ("client wants more video, budget flat, report by the 5th, happy with leads", "new contact is Sam, asks about TikTok, invoice query"),
            "months": ("3", "6", "12"), "mood": ("calm and trustworthy", "bold and playful", "premium but friendly"),
            "thing": ("a cookie notice link", "the company registration number", "a Trustpilot badge"),
            "when": ("end of April", "mid-May", "before the summer"), "status": ("copy signed off, design 80% done, dev starts Monday",
                                                                                 "waiting on photos from the client, launch at risk"),
            "extra": ("a booking system", "three extra landing pages", "a Welsh version")}  # fmt: skip
AG_FOLLOW = ("shorter please", "make it more playful", "more British, less American", "give me 5 more", "can you make the second one punchier",
             "perfect, thanks", "now a version for LinkedIn", "less salesy", "without the exclamation marks please")  # fmt: skip
CR_SYSTEM = ("You write replies to Google reviews for Crumb & Co, a family-run bakery chain in Greater Manchester. Warm, specific, UK "
             "English, under 80 words. Thank the reviewer by first name; for complaints apologise once, do not argue, and invite them to "
             "email hello@crumbandco.example. Sign off '- The Crumb & Co team'.")  # fmt: skip
CR_USER = 'New {stars}-star review for the {shop} shop from {name}:\n"{text}"\n\nWrite our reply.'
CR_GOOD = ("Best {item} in {town}, the staff are always lovely", "Popped in for a {item} and a coffee, both spot on. Will be back!",
           "Ordered a birthday cake, it was perfect and the kids loved it", "Great {item}, friendly service, bit of a queue on Saturday")  # fmt: skip
CR_MIXED = (
    "{item} was nice but £4.20 is a lot",
    "Good {item}, but nowhere to sit",
    "Lovely staff, {item} was a bit dry today",
)
CR_BAD = ("Waited 20 minutes for a {item} and it was cold", "Rude staff at the till, won't be back", "Found a hair in my {item}. Disgusting.",
          "Ordered online for collection and they had no record of it")  # fmt: skip
CR_SLOTS = {"item": ("sausage roll", "cinnamon bun", "sourdough", "vegan brownie", "cheese and onion pasty", "custard tart"),
            "town": ("Stockport", "Sale", "Altrincham", "Didsbury")}  # fmt: skip
CR_SHOPS = ("Stockport", "Sale", "Altrincham", "Didsbury", "Chorlton")
CR_NAMES = ("Sarah", "Mo", "Gemma", "Chris", "Anita", "Dave", "Olu", "Kate", "Liam", "Zainab")
DP_PER_DAY = 30
DP_SYSTEM = ("You are the website assistant of Dalton Plumbing & Heating (Stockport and south Manchester). Be brief and practical. "
             "Facts: call-out £65 Mon-Fri 8am-6pm, £110 evenings and weekends; boiler service £85; Gas Safe registered; we cover SK1-SK8 "
             "and M19-M22; office 0161 496 0000. If someone smells gas, tell them to leave, not to use switches, and call the National "
             "Gas Emergency line 0800 111 999. To book a visit take a name, postcode and phone number.")  # fmt: skip
DP_OPEN = ("my boiler is making a banging noise", "Hi, do you cover {pc}?", "how much is a boiler service", "kitchen tap won't stop dripping, can someone come {when}",
           "I can smell gas in the kitchen what do I do", "radiators are cold at the top", "Do you fit new bathrooms?",
           "no hot water since this morning, combi boiler, pressure is at 0.5", "toilet keeps running after flushing",
           "can I book an annual service for {when}")  # fmt: skip
DP_FOLLOW = ("how much will that cost?", "can you come {when}?", "my postcode is {pc}", "ok thanks", "is that including VAT?", "{name}, {pc}, 07700 900{n}",
             "do you take card?", "how long does it usually take?")  # fmt: skip
DP_SLOTS = {"pc": ("SK4 2AB", "M20 6TY", "SK7 1PL", "M19 3QR", "SK2 5HH", "OL6 9XX", "M21 8LD"), "when": ("tomorrow", "this afternoon", "Saturday", "next week", "today"),
            "name": ("Sarah Jones", "Mike", "Mr Patel", "Jo Whitfield"), "n": ("123", "456", "789", "321")}  # fmt: skip


def _title(rng: random.Random, q: Request) -> Request:
    """The chat UI's background title call after the first reply."""
    text = AG_TITLE.format(q=clip(q.prompt, 500), a=clip(q.reply or "", 300))
    return at(
        one(text, {"temperature": 0.3, "max_tokens": 24}), q.ts + latency(rng, 300) + rng.uniform(0.05, 0.4)
    )


def _ag_task(rng: random.Random, role: str) -> str:
    name, what = rng.choice(AG_CLIENTS)
    return fill(rng, rng.choice(AG_TASKS[role]), {**AG_SLOTS, "client": (name,), "what": (what,)})


def _ag_staff(rng: random.Random, days: int) -> list[Request]:
    misc = items(share("arena_even", 10, 2), 4, 2500, answered=False)
    misc += [r for r in share("oasst2_threads", 5, 1) if r.extra.get("lang") == "en"]
    rng.shuffle(misc)
    out: list[Request] = []
    for day in range(days):
        if not weekday(day):
            continue
        for name, role, per in AG_STAFF:
            for t in shaped(rng, utc(day, 0.0, AG_TZ), utc(day + 1, 0.0, AG_TZ), per, OFFICE, AG_TZ):
                p = {"stream": True, "user": f"bw-{name}"}
                if rng.random() < 0.2 and misc:
                    reqs = chat(rng, t, misc.pop(), p, AG_SYSTEM, 3)
                else:
                    reqs = followed(rng, t, _ag_task(rng, role), AG_FOLLOW, 0.45, p, AG_SYSTEM)
                out += [*reqs, _title(rng, reqs[0])]
    return out


def _ag_reviews(rng: random.Random, days: int) -> list[Request]:
    out: list[Request] = []
    for day in range(days):
        reqs = []
        for _ in range(rng.randint(8, 28)):
            stars = rng.choices((5, 4, 3, 2, 1), (0.55, 0.2, 0.08, 0.07, 0.1))[0]
            kind = CR_GOOD if stars >= 4 else CR_BAD if stars <= 2 else CR_MIXED
            text = CR_USER.format(
                stars=stars,
                shop=rng.choice(CR_SHOPS),
                name=rng.choice(CR_NAMES),
                text=fill(rng, rng.choice(kind), CR_SLOTS),
            )
            reqs.append(one(text, {"temperature": 0.7, "max_tokens": 200}, CR_SYSTEM))
        sequential(rng, utc(day, 23.0, AG_TZ) + rng.uniform(0, 60), reqs, (0.5, 2.0))
        out += reqs
    return out


def _ag_plumber(rng: random.Random, days: int) -> list[Request]:
    out: list[Request] = []
    for t in shaped(rng, utc(0, 0.0, AG_TZ), utc(days, 0.0, AG_TZ), DP_PER_DAY, HOUSEHOLD, AG_TZ):
        turns = [fill(rng, rng.choice(DP_OPEN), DP_SLOTS)]
        while len(turns) < 4 and rng.random() < 0.55:
            turns.append(fill(rng, rng.choice(DP_FOLLOW), DP_SLOTS))
        out += convo(
            rng, t, turns, [], {"temperature": 0.3, "max_tokens": 300, "user": hid(rng, "dp")}, DP_SYSTEM
        )
    return out


def agency_shared_key(days: int = 7) -> list[KeyTraffic]:
    rng = R("brightwater")
    cl = corp("OpenAI/JS 4.83.0", "openai-js", account(rng, org=True))
    kt = mk("b24-brightwater-agency", "agency_shared_key", "benign", "app", cl, actor="b24-brightwater",
            timing="simulated: staff chats on an office curve (UTC+0, weekdays) with title calls, reviews job 23:00 nightly, website chat on a household curve daily",
            sources=("arena_even", "oasst2_threads"),
            settings={"days": days, "staff": len(AG_STAFF), "plumber_per_day": DP_PER_DAY})  # fmt: skip
    kt.requests = sorted_reqs(_ag_staff(rng, days) + _ag_reviews(rng, days) + _ag_plumber(rng, days))
    return [kt]


# =============================================================================================
# BENIGN 4. A COMPANY'S LLM GATEWAY KEY ("Kestrel", a 600-person accounts-payable software company in
# Berlin, UTC+1, with a support team in New York; an internal LiteLLM-style gateway on openai-python in
# a pinned build holds the one upstream key for every internal app). Seven days (weekends light).
# Apps: (a) the in-product support bot (customer questions written here with the product's slots, 3
# retrieved help-centre articles in the system prompt, follow-ups; EU and US office curves; ~100 a
# weekday); (b) a PR review bot (30 PRs a weekday, 1-3 files each, JSON comments at T 0, a re-review of
# 30% after a push that dropped a line; the files are real codealpaca code answers, bucket 1 of 4,
# rendered as new-file diffs with made-up paths); (c) the BI tool's SQL assistant over a fixed schema
# (questions written here, 20% an error-repair turn, 15% "explain it"); (d) the meeting-notes bot
# (transcripts composed here from speaker lines, JSON summaries after meetings end on the hour or half
# hour); (e) the employees' assistant (real Arena conversations, bucket 3 of 10, and work asks written
# here, streamed). Replies: stored where the conversation has them, stand-in JSON for reviews,
# otherwise stubs.
GW_FOLLOW = ("that didn't work", "where do I find that setting?", "can you open a ticket for me?", "thanks, that fixed it",
             "is there an API for this?", "and for admins?", "ok. what about last month?")  # fmt: skip
GW_SQL_SYSTEM = ("You translate questions into PostgreSQL for the company's BI tool. Use only the tables and columns in the schema. "
                 "Return only the SQL in a ```sql block.\n\nSchema:\n{schema}")  # fmt: skip
GW_SQL_ERR = ("The query failed: ERROR:  column \"{col}\" does not exist. Please fix it.", "ERROR: division by zero - can you guard against it?",
              "It runs but returns nothing for last month, are the dates right?", "ERROR: function date_trunc(unknown, integer) does not exist")  # fmt: skip
GW_SQL_EXPLAIN = "Explain what this query does in two sentences for a non-technical colleague."
GW_MEET_SYSTEM = ("You summarise meeting transcripts for {name}'s meeting-notes bot. Return JSON: {{\"summary\": string of at most 80 "
                  "words, \"decisions\": [string], \"action_items\": [{{\"owner\": string, \"task\": string, \"due\": string or null}}]}}. "
                  "Use only what is in the transcript.")  # fmt: skip
GW_MEET_HEAD = "Meeting: {title} ({date}, {mins} min)\nParticipants: {names}\n\n"
GW_LINES = ("{a}: Okay, let's get started. {b}, are you there?", "{a}: Yesterday I finished {task}, today I'm on {task}.",
            "{a}: I'm blocked on {task}, waiting for {b}.", "{a}: Can we move {task} to next sprint?", "{a}: The customer asked about {topic} again.",
            "{a}: I'll take that one.", "{a}: Let's decide on {topic} by Friday.", "{a}: Sorry, you were on mute.",
            "{a}: Numbers look fine, {topic} is up a bit.", "{a}: Can someone send the notes afterwards?", "{a}: I think we should {action}.",
            "{a}: Agreed.", "{a}: Let's take that offline.", "{a}: {b} has the context on {topic}, right?")  # fmt: skip
GW_CHAT_SYSTEM = "You are {name}'s internal assistant for employees. Be accurate and concise; do not share customer data outside the company."
GW_REVIEW_SYSTEM = ("You are Kestrel's automated code reviewer. Review the diff for bugs, security problems, missing tests and "
                    "readability. Comment only on changed lines. Return JSON: {\"comments\": [{\"line\": int, \"severity\": "
                    "\"blocker\"|\"major\"|\"minor\"|\"nit\", \"body\": string}], \"summary\": string}.")  # fmt: skip
GW_REVIEW_USER = (
    "Repository: kestrel/{repo}\nPull request #{n}: {title}\nFile: {path}\n\n```diff\n{diff}\n```"
)
GW_REVIEW_PARAMS = {"temperature": 0, "max_tokens": 800, "response_format": {"type": "json_object"}}
GW_PR = ("Fix rounding in {area}", "Add CSV export to {area}", "Refactor {area} helpers", "Handle empty input in {area}",
         "Speed up {area} queries", "Add tests for {area}", "Validate {area} payloads")  # fmt: skip
GW_AREAS = ("invoices", "payment runs", "approvals", "supplier import", "OCR capture", "ERP sync", "reports")
GW_REPOS = ("ap-core", "web", "erp-connectors", "ocr-service", "reporting", "tools")
GW_DIRS = ("src", "src/utils", "app/services", "internal", "lib", "scripts")
GW_EXT = {
    "python": "py",
    "javascript": "ts",
    "java": "java",
    "cpp": "cpp",
    "sql": "sql",
    "html": "html",
    "": "txt",
}
KS = {
    "name": "Kestrel", "tz": 1.0, "zones": ((1.0, 0.65), (-5.0, 0.35)),
    "rate": {"support": 100, "sql": 50, "meetings": 22, "chat": 55, "prs": 30},
    "support": ("You are the in-app support assistant of Kestrel, an accounts-payable and invoice-automation platform. Answer from "
                "the help-centre articles below in short steps and name the article you used. If they do not cover the question, "
                "say so and offer to open a ticket."),
    "kb": ("Approving invoices: invoices wait in Inbox > To approve. Approval chains are set under Settings > Workflows; an invoice "
           "above a chain's limit goes to the next approver.",
           "Supplier onboarding: invite suppliers from Suppliers > Invite. They enter bank details themselves; Kestrel verifies the "
           "IBAN and name before the first payment.",
           "Payment runs: runs go out Tuesdays and Thursdays at 14:00 CET by default; change the schedule in Settings > Payments. "
           "SEPA and ACH are supported; wires need the Treasury add-on.",
           "Duplicate detection: invoices with the same supplier, amount and invoice number within 90 days are flagged and held "
           "until someone clears the flag.",
           "ERP sync: Kestrel syncs with NetSuite, Xero, DATEV and SAP Business One every 15 minutes. Errors are listed under "
           "Integrations > Log with the ERP's message.",
           "Capture: forward PDFs to your inbox address. Line items are read automatically; low-confidence fields are highlighted.",
           "Roles: Admin, Approver, Accountant and Viewer. Only Admins change workflows and bank details. SAML SSO is on the Business plan.",
           "Exports: every list has Export (CSV, XLSX). Scheduled exports are under Reports > Schedules."),
    "asks": ("How do I change who approves invoices over {amount}?", "our {erp} sync has been failing since this morning, error says '{err}'",
             "A supplier says they never got paid for invoice {inv}, where can I see the payment status?", "can we pay suppliers in {ccy}?",
             "Why was invoice {inv} flagged as a duplicate?", "how do I add a new approver to the {dept} workflow",
             "The OCR read the total as {amount} but the PDF says something else", "Is there a way to export all invoices from {month} to CSV?",
             "We need SSO with {idp}, which plan is that?", "how do I skip the Thursday payment run this week only"),
    "schema": ("customers(id, name, country, plan, created_at, mrr_eur)\ninvoices(id, customer_id, supplier_id, total, currency, status, "
               "received_at, paid_on)\nsuppliers(id, customer_id, name, country, iban_verified)\napprovals(id, invoice_id, approver_id, "
               "decision, decided_at)\nsupport_tickets(id, customer_id, opened_at, closed_at, priority, topic)"),
    "sql": ("How many invoices did {country} customers process in {month}?", "average days from received to paid by plan, last 90 days",
            "top 10 customers by MRR that opened more than 5 tickets this quarter", "share of invoices rejected at approval per month this year",
            "suppliers with unverified IBANs that were paid in the last 30 days", "median ticket resolution time by priority",
            "new customers per week since January, by plan", "MRR churned in {month} by country"),
    "meet": ("Payments team stand-up", "Sprint review", "Customer call: Hollmann Logistik", "1:1", "Product sync", "Support weekly",
             "Incident review: ERP sync outage", "Sales pipeline review"),
    "people": ("Anna", "Jonas", "Lea", "Felix", "Miriam", "Tobias", "Sara", "David", "Nina", "Lukas", "Ines", "Omar"),
    "work": ("Rewrite this email to a customer so it sounds less defensive: '{mail}'", "Explain SEPA Instant vs SEPA Credit Transfer in 3 bullets",
             "Write a Python function that checks the format of a German VAT ID", "Pros and cons of event sourcing for an invoicing system?",
             "Give me a regex for IBANs", "Translate this release note into German: '{note}'",
             "Draft a job ad intro for a senior backend engineer (Go, Postgres) in Berlin",
             "What's a polite way to tell a customer their feature request is not on the roadmap?"),
    "slots": {"amount": ("€5,000", "€10,000", "$25,000", "€1,200"), "erp": ("NetSuite", "Xero", "DATEV", "SAP Business One"),
              "err": ("401 Unauthorized", "Subsidiary not found", "Invalid tax code 'RC20'", "Period is closed"),
              "inv": ("INV-20391", "2026-0142", "A-88213", "7781/26"), "ccy": ("USD", "GBP", "CHF", "PLN"),
              "dept": ("Marketing", "Facilities", "IT", "Logistics"), "month": ("January", "February", "last month"),
              "idp": ("Okta", "Azure AD", "Google Workspace"), "country": ("German", "Austrian", "Dutch", "US", "UK"),
              "col": ("invoice_total", "supplier_country", "paid_date", "approver"),
              "task": ("the DATEV export", "the approval-chain refactor", "the OCR retraining", "ticket KES-4412", "the SSO bug", "the pricing page"),
              "topic": ("the Q2 roadmap", "churn in DACH", "the SAP connector", "the on-call rota", "the pricing change", "OCR accuracy"),
              "action": ("ship it behind a feature flag", "ask legal first", "split the ticket", "move it to Q3"),
              "mail": ("As stated in our previous email, the issue is on your side and we cannot refund the fee.",),
              "note": ("Payment runs can now be paused for a single week.", "Duplicate detection now also checks the IBAN.")},
}  # fmt: skip


def _gw_support(rng: random.Random, co: dict, days: int) -> list[Request]:
    out: list[Request] = []
    for tz, frac in co["zones"]:
        for day in range(days):
            rate = co["rate"]["support"] * frac * (1.0 if weekday(day) else 0.2)
            for t in shaped(rng, utc(day, 0.0, tz), utc(day + 1, 0.0, tz), rate, OFFICE, tz):
                system = co["support"] + "\n\nHelp-centre articles:\n" + "\n\n".join(rng.sample(co["kb"], 3))
                p = {"temperature": 0.2, "max_tokens": 500, "user": hid(rng, "cust")}
                out += followed(
                    rng, t, fill(rng, rng.choice(co["asks"]), co["slots"]), GW_FOLLOW, 0.4, p, system
                )
    return out


def _gw_sql(rng: random.Random, co: dict, days: int) -> list[Request]:
    system = GW_SQL_SYSTEM.format(schema=co["schema"])
    analysts = [hid(rng, "bi") for _ in range(25)]
    out: list[Request] = []
    for day in range(days):
        rate = co["rate"]["sql"] * (1.0 if weekday(day) else 0.05)
        for t in shaped(rng, utc(day, 0.0, co["tz"]), utc(day + 1, 0.0, co["tz"]), rate, OFFICE, co["tz"]):
            turns = [fill(rng, rng.choice(co["sql"]), co["slots"])]
            if rng.random() < 0.2:
                turns.append(fill(rng, rng.choice(GW_SQL_ERR), co["slots"]))
            if rng.random() < 0.15:
                turns.append(GW_SQL_EXPLAIN)
            out += convo(
                rng, t, turns, [], {"temperature": 0, "max_tokens": 400, "user": rng.choice(analysts)}, system
            )
    return out


def _gw_meetings(rng: random.Random, co: dict, days: int) -> list[Request]:
    system = GW_MEET_SYSTEM.format(name=co["name"])
    p = {"temperature": 0.2, "max_tokens": 600, "response_format": {"type": "json_object"}}
    out: list[Request] = []
    for day in range(days):
        if not weekday(day):
            continue
        n = co["rate"]["meetings"]
        for _ in range(rng.randint(int(n * 0.8), int(n * 1.2))):
            end = rng.choice([9.5 + 0.5 * k for k in range(18)])
            mins = rng.choice((15, 25, 30, 45, 55, 60))
            names = rng.sample(co["people"], rng.randint(2, 7))
            slots = {**co["slots"], "a": tuple(names), "b": tuple(names)}
            head = GW_MEET_HEAD.format(title=rng.choice(co["meet"]), date=stamp(utc(day, end - mins / 60, co["tz"]), 0.0)[:10],
                                       mins=mins, names=", ".join(names))  # fmt: skip
            lines = [fill(rng, rng.choice(GW_LINES), slots) for _ in range(rng.randint(10, 32))]
            out.append(
                at(one(head + "\n".join(lines), p, system), utc(day, end, co["tz"]) + rng.uniform(60, 180))
            )
    return out


def _gw_chat(rng: random.Random, co: dict, rows: list[Row], days: int) -> list[Request]:
    system = GW_CHAT_SYSTEM.format(name=co["name"])
    staff = [hid(rng, "emp") for _ in range(400)]
    out: list[Request] = []
    for day in range(days):
        rate = co["rate"]["chat"] * (1.0 if weekday(day) else 0.08)
        for t in shaped(rng, utc(day, 0.0, co["tz"]), utc(day + 1, 0.0, co["tz"]), rate, OFFICE, co["tz"]):
            p = {"temperature": 0.7, "stream": True, "user": rng.choice(staff)}
            if rng.random() < 0.5 and rows:
                out += chat(rng, t, rows.pop(), p, system, 3)
            else:
                out += followed(
                    rng, t, fill(rng, rng.choice(co["work"]), co["slots"]), AG_FOLLOW, 0.35, p, system
                )
    return out


def _gw_diff(lines: list[str]) -> str:
    """A new file's lines as a unified diff hunk."""
    return f"@@ -0,0 +1,{len(lines)} @@\n" + "\n".join("+" + ln for ln in lines)


def _gw_review(rng: random.Random, rows: list[Row], days: int) -> list[Request]:
    code = [(r.answer or "", r.id) for r in rows if r.answer and is_code(r.answer)]
    rng.shuffle(code)
    out: list[Request] = []
    pr = 4100
    for day in range(days):
        if not weekday(day):
            continue
        for t in shaped(
            rng, utc(day, 0.0, KS["tz"]), utc(day + 1, 0.0, KS["tz"]), KS["rate"]["prs"], OFFICE, KS["tz"]
        ):
            pr += 1
            title, repo = rng.choice(GW_PR).format(area=rng.choice(GW_AREAS)), rng.choice(GW_REPOS)
            for j in range(rng.choice((1, 1, 2, 3))):
                if not code:
                    break
                src_code, item = code.pop()
                lines = src_code.strip().splitlines()[:120]
                path = f"{rng.choice(GW_DIRS)}/{rng.choice(GW_AREAS).replace(' ', '_')}_{j}.{GW_EXT[code_lang(src_code)]}"
                reply = jd(
                    {
                        "comments": [
                            {"line": 1, "severity": "minor", "body": "Consider adding a test for this."}
                        ],
                        "summary": "Looks fine.",
                    }
                )
                sent = t + 40 + j * rng.uniform(3, 15)
                text = GW_REVIEW_USER.format(repo=repo, n=pr, title=title, path=path, diff=_gw_diff(lines))
                out.append(at(one(text, GW_REVIEW_PARAMS, GW_REVIEW_SYSTEM, reply, item), sent))
                if len(lines) > 3 and rng.random() < 0.3:
                    drop = rng.randrange(len(lines))
                    text = GW_REVIEW_USER.format(
                        repo=repo,
                        n=pr,
                        title=title,
                        path=path,
                        diff=_gw_diff(lines[:drop] + lines[drop + 1 :]),
                    )
                    out.append(
                        at(
                            one(text, GW_REVIEW_PARAMS, GW_REVIEW_SYSTEM, reply, item),
                            sent + rng.uniform(1, 5) * HOUR,
                        )
                    )
    return out


def gateway_key(days: int = 7) -> list[KeyTraffic]:
    rng = R("kestrel")
    chats = items(share("arena_even", 10, 3), 4, 2500, answered=False)
    rng.shuffle(chats)
    cl = corp("OpenAI/Python 1.61.1", "openai-python", account(rng, org=True))
    kt = mk("b24-kestrel-gateway", "gateway_key", "benign", "app", cl, actor="b24-kestrel",
            timing="simulated: office curves in UTC+1 and UTC-5 (support), UTC+1 (SQL, meetings, chat, PRs); weekends light",
            sources=("arena_even", "codealpaca_2k"), settings={"days": days, "rates": KS["rate"]})  # fmt: skip
    reqs = _gw_support(rng, KS, days) + _gw_sql(rng, KS, days) + _gw_meetings(rng, KS, days)
    reqs += _gw_chat(rng, KS, chats, days) + _gw_review(rng, share("codealpaca_2k", 4, 1), days)
    kt.requests = sorted_reqs(reqs)
    return [kt]


# =============================================================================================
# BENIGN 5. AN OPEN-SOURCE PROJECT'S KEY ("evalkit", an open-source library for evaluating language
# models; maintainers in Berlin, Toronto and Bangalore; one key of the project's sponsored organisation,
# a GitHub Actions secret that the docs bot's server also uses, all through the project's own client
# on httpx). Seven days. (a) The docs Q&A bot for GitHub Discussions and Discord (~60 questions a day
# on a worldwide developer curve: questions about the library written here, and real codealpaca
# instructions, bucket 0 of 4, as the general coding questions users also ask it; three documentation
# excerpts written here in the system prompt; follow-ups). (b) Issue triage: every new issue (written
# here from bug, feature, question and docs templates, ~10 a day) is labelled in JSON within a minute,
# again after 15% are edited; a weekly digest of open issues on Monday 06:00 UTC. (c) The nightly
# integration suite at 02:00 UTC: the same 106 public benchmark items every night (MMLU and BBH bucket
# 0 of 2, HumanEval bucket 0 of 3, XSTest and English IFEval, the first rows of each) in the harness's
# formats, four workers; and a 21-item smoke subset on every push (2-3 pushes a weekday per
# maintainer's zone). Replies: stubs.
EK_UA = "evalkit/0.14.2 python-httpx/0.27.0"
EK_DOCS_PER_DAY = 60
EK_ISSUES_PER_DAY = 10
EK_PUSHES = ((1.0, 3), (-5.0, 2), (5.5, 2))  # maintainers' UTC offsets, pushes per weekday
EK_DOCS = (("Installation", "pip install evalkit (Python 3.9+). Extras: evalkit[hf] for local models, evalkit[viz] for plots."),
           ("Configuration", "A run is a YAML file with model, tasks, n_shots, limit and output_dir. Flags override it: evalkit run cfg.yaml --limit 50."),
           ("Tasks", "Built in: mmlu, humaneval, bbh, xstest, ifeval, truthfulqa_gen. Custom tasks subclass evalkit.Task with load(), prompt(item) and score(item, output)."),
           ("Model backends", "Backends: openai, anthropic, hf-local, vllm. Keys come from the environment, never the YAML. Retries use exponential backoff (max_retries, default 6)."),
           ("Caching", "Responses are cached in .evalkit_cache keyed by the full request. --no-cache forces fresh calls; delete the folder to clear it."),
           ("Scoring", "Exact match, regex extraction and pass@k (unbiased estimator) are built in. For pass@k set n_samples >= k and temperature > 0."),
           ("Reports", "evalkit report out/ writes a Markdown table and a JSON file per task; --compare a/ b/ adds bootstrap confidence intervals."),
           ("Contributing", "make test runs the unit tests; integration tests need EVALKIT_LIVE=1 and a key. New tasks need a dataset card and 10 golden items."))  # fmt: skip
EK_DOCS_SYSTEM = ("You are the docs assistant of evalkit, an open-source library for evaluating language models. Answer from the "
                  "documentation excerpts below; if they do not cover the question, say so and point to GitHub Discussions. Add a "
                  "short code or YAML example when it helps.\n\n{docs}")  # fmt: skip
EK_Q = ("how do I run only 50 items of mmlu?", "evalkit run says 'task truthfulqa not found' on 0.{v}.0, what am I doing wrong",
        "can I use evalkit with a local vllm server?", "what's the difference between n_samples and n_shots", "how do I add my own task with a custom scorer",
        "is there a way to compare two runs", "getting RateLimitError even with max_retries, any tips?", "how do i clear the cache",
        "does pass@k use the unbiased estimator?", "where do I put my API key", "can I set a system prompt for all tasks?", "How to export results to CSV?")  # fmt: skip
EK_FOLLOW = (
    "thanks!",
    "that flag doesn't exist in 0.12 though",
    "and for the hf-local backend?",
    "can you show the yaml?",
    "still failing, same error",
)
EK_ISSUE = ("Title: crash when running {task} on 0.{v}.{p}\n\nevalkit 0.{v}.{p}, Python 3.{py}, {os}\n\nSteps: evalkit run cfg.yaml --tasks {task}\n\n"
            "Traceback (most recent call last):\n  File \"evalkit/runner.py\", line {ln}, in run_task\n    outputs = backend.generate(batch)\n{errmsg}",
            "Title: Feature request: {feat}\n\nIt would be great if evalkit supported {feat}. Our use case: {use}. Happy to open a PR.",
            "Title: {task} score differs from the paper\n\nMy {task} score is {a}% with evalkit but the paper reports {b}%. Is the prompt format different?",
            "Title: Docs: wrong flag on the {page} page\n\nThe {page} page says `--no_cache` but the flag is `--no-cache`.")  # fmt: skip
EK_EDIT = (
    "EDIT: same on 0.{v}.{p}.",
    "Edit: works with --no-cache, so it might be the cache.",
    "Update: only happens with the vllm backend.",
)
EK_SLOTS = {"task": ("mmlu", "humaneval", "bbh", "ifeval", "truthfulqa_gen", "xstest"), "v": ("12", "13", "14"), "p": ("0", "1", "2"),
            "py": ("9", "10", "11", "12"), "os": ("Ubuntu 22.04", "macOS 14", "Windows 11 + WSL2"), "ln": ("212", "388", "97"),
            "errmsg": ("KeyError: 'choices'", "openai.RateLimitError: Rate limit reached for requests", "ValueError: could not convert string to float: 'B'",
                       "httpx.ReadTimeout: The read operation timed out", "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)"),
            "feat": ("Batch API runs", "a --resume flag", "per-task temperature", "HTML reports", "async backends"),
            "use": ("nightly regression runs", "comparing checkpoints", "a course assignment", "a leaderboard"),
            "a": ("61.2", "48.0", "72.5", "33.9"), "b": ("67.0", "52.3", "79.1", "40.2"), "page": ("Configuration", "Caching", "Model backends")}  # fmt: skip
EK_TRIAGE = ("You triage new GitHub issues for evalkit. Return JSON: {\"type\": \"bug\"|\"feature\"|\"question\"|\"docs\", \"area\": "
             "\"runner\"|\"tasks\"|\"backends\"|\"scoring\"|\"cli\"|\"docs\", \"priority\": \"p0\"|\"p1\"|\"p2\", \"needs_repro\": bool, "
             "\"summary\": one sentence}.")  # fmt: skip
EK_TRIAGE_P = {"temperature": 0, "max_tokens": 150, "response_format": {"type": "json_object"}}
EK_DIGEST = "Summarise these open issues for the maintainers' weekly sync, grouped by area, most urgent first:\n\n{issues}"
EK_HE = "Complete the following Python function. Return the whole function in a ```python block.\n\n{code}"
EK_BBH = ("boolean_expressions", "date_understanding", "navigate")


def _ek_suite() -> tuple[list[tuple[str, dict, str]], list[tuple[str, dict, str]]]:
    """The nightly suite and the smoke subset: (prompt, params, item), the same every run."""
    bbh = share("bbh", 2, 0)
    mmlu = [
        (r.first, {"temperature": 0, "max_tokens": 1}, r.id) for r in share("mmlu_val_zeroshot", 2, 0)[:40]
    ]
    he = [
        (EK_HE.format(code=r.first), {"temperature": 0, "max_tokens": 512}, r.id)
        for r in share("humaneval", 3, 0)[:15]
    ]
    bb = [[(r.first + "\n\nLet's think step by step.", {"temperature": 0, "max_tokens": 400}, r.id)
           for r in [x for x in bbh if x.extra.get("task") == task][:8]] for task in EK_BBH]  # fmt: skip
    xs = [(r.first, {"temperature": 0, "max_tokens": 256}, r.id) for r in src("xstest")[:15]]
    ife = [
        (r.first, {"temperature": 0, "max_tokens": 1024}, r.id)
        for r in src("ifeval_multilingual")
        if r.extra.get("lang") == "en"
    ][:12]
    suite = mmlu + he + [x for b in bb for x in b] + xs + ife
    return suite, mmlu[:10] + he[:5] + [x for b in bb for x in b[:2]]


def _ek_jobs(rows: list[tuple[str, dict, str]]) -> list[list[Request]]:
    return [[one(x, p, None, None, item)] for x, p, item in rows]


def _ek_ci(rng: random.Random, days: int) -> list[Request]:
    suite, smoke = _ek_suite()
    out: list[Request] = []
    for night in range(days):
        jobs = _ek_jobs(suite)
        pool(rng, utc(night, 2.0) + rng.uniform(60, 900), jobs, 4)
        out += [j[0] for j in jobs]
    for tz, n in EK_PUSHES:
        for day in range(days):
            if weekday(day):
                for t in shaped(rng, utc(day, 0.0, tz), utc(day + 1, 0.0, tz), n, OFFICE, tz):
                    jobs = _ek_jobs(smoke)
                    pool(rng, t + rng.uniform(60, 240), jobs, 2)
                    out += [j[0] for j in jobs]
    return out


def _ek_docs_bot(rng: random.Random, days: int) -> list[Request]:
    general = share("codealpaca_2k", 4, 0)
    rng.shuffle(general)
    out: list[Request] = []
    for t in shaped(rng, T0, T0 + days * DAY, EK_DOCS_PER_DAY, GLOBAL_DEV, 0.0):
        docs = "\n\n".join(f"## {h}\n{b}" for h, b in rng.sample(EK_DOCS, 3))
        p = {"temperature": 0.1, "max_tokens": 700, "user": hid(rng, "gh")}
        if rng.random() < 0.3 and general:
            r = general.pop()
            first, item = r.first, r.id
        else:
            first, item = fill(rng, rng.choice(EK_Q), EK_SLOTS), ""
        out += followed(rng, t, first, EK_FOLLOW, 0.25, p, EK_DOCS_SYSTEM.format(docs=docs), item, 1)
    return out


def _ek_triage(rng: random.Random, days: int) -> list[Request]:
    out: list[Request] = []
    bodies: list[str] = []
    for t in shaped(rng, T0, T0 + days * DAY, EK_ISSUES_PER_DAY, GLOBAL_DEV, 0.0):
        body = fill(rng, rng.choice(EK_ISSUE), EK_SLOTS)
        bodies.append(body)
        out.append(at(one(body, EK_TRIAGE_P, EK_TRIAGE), t + rng.uniform(20, 70)))
        if rng.random() < 0.15:
            edited = body + "\n\n" + fill(rng, rng.choice(EK_EDIT), EK_SLOTS)
            out.append(at(one(edited, EK_TRIAGE_P, EK_TRIAGE), t + rng.uniform(10, 600) * MINUTE))
    for week in range(0, days, 7):
        open_ = [b.splitlines()[0] for b in bodies[-20:]] or ["Title: (no open issues)"]
        text = EK_DIGEST.format(issues="\n".join(f"- {x[7:]}" for x in open_))
        out.append(
            at(one(text, {"temperature": 0.2, "max_tokens": 600}), utc(week, 6.0) + rng.uniform(0, 300))
        )
    return out


def oss_project_key(days: int = 7) -> list[KeyTraffic]:
    rng = R("evalkit")
    cl = corp(EK_UA, "httpx", account(rng, org=True))
    kt = mk("b24-evalkit-project", "oss_project_key", "benign", "app", cl, actor="b24-evalkit",
            timing="simulated: docs questions and issues on a worldwide developer curve; nightly CI at 02:00 UTC (4 workers); smoke runs on pushes in three maintainers' office hours",
            sources=("codealpaca_2k", "mmlu_val_zeroshot", "humaneval", "bbh", "xstest", "ifeval_multilingual"),
            settings={"days": days, "docs_per_day": EK_DOCS_PER_DAY, "issues_per_day": EK_ISSUES_PER_DAY, "pushes": EK_PUSHES})  # fmt: skip
    kt.requests = sorted_reqs(_ek_ci(rng, days) + _ek_docs_bot(rng, days) + _ek_triage(rng, days))
    return [kt]


# =============================================================================================
# BENIGN 6. A TEACHER'S CLASSROOM KEY (a history and English teacher at a secondary school in
# Melbourne, UTC+11 in March; a school-approved classroom AI tool, self-hosted on openai-python, one key
# of the school's account; the student's id as `user`, the activity's system prompt set by the
# teacher). Three classes: two Year 9 history classes (26 and 28 students) do the same activity twice
# each ("ask three questions about the causes of World War One, then ask it to argue the opposite of
# one answer"), and a Year 11 English class (24) asks for feedback on its Macbeth thesis statements,
# then on Friday on the revised ones. In each 50-minute period the teacher explains for 8-14 minutes,
# then every present student (93%) types at a teenager's pace; a third paste the slide's prompt
# verbatim, the rest type their own (lower case, typos); 12% try one off-task thing (real hh-rlhf
# first turns, bucket 1 of 10; NQ-open queries, bucket 2 of 8, as other homework; jokes written here);
# what is not sent by the bell is not sent. The teacher prepares on Monday evening; a dozen Year 11
# students use the tool for homework on Thursday evening. Questions, theses and follow-ups written here.
# Replies: stubs.
CR_TZ = 11.0
CR_CLASSES = (("9H", 26, "ww1", ((1, 9.83), (3, 13.5))), ("9K", 28, "ww1", ((1, 11.67), (4, 9.0))),
              ("11E", 24, "macbeth", ((2, 9.0), (4, 11.67))))  # fmt: skip
WW_SYSTEM = ("You are a history tutor for Year 9 students (age 14-15) at an Australian school. Topic: the causes of World War One. "
             "Explain clearly in under 150 words, end with one question back to the student, and never write assessment answers for them.")  # fmt: skip
WW_SLIDE = "Explain the four MAIN causes of World War One (militarism, alliances, imperialism, nationalism) in simple terms."
WW_Q = ("What were the main causes of WW1?", "Why did the assassination of Franz Ferdinand start a whole war?", "Explain the alliance system.",
        "What does militarism mean?", "Was Germany to blame for WW1?", "Why did Australia join WW1?", "What was the Schlieffen Plan?",
        "How did nationalism cause the war?", "What is imperialism in simple words?", "Which cause was the most important?",
        "Why did Britain join the war?", "What was the arms race?", "Could the war have been avoided?")  # fmt: skip
WW_OPPOSITE = ("Now argue the opposite.", "Can you argue the opposite of what you just said?", "Argue against your last answer.",
               "Now say why that's wrong.")  # fmt: skip
WW_FOLLOW = ("Can you give me a source for that?", "Make it shorter.", "Explain it like I'm 10.", "What happened next?", "ok thanks",
             "Is this going to be on the test?", "What's the difference between alliances and imperialism?")  # fmt: skip
MBT_SYSTEM = ("You give Year 11 English students feedback on thesis statements for their Macbeth essay, using the rubric: clear, "
              "arguable, specific, linked to the question. Give two strengths and two improvements. Never rewrite the statement for the "
              "student.")  # fmt: skip
MBT_SLIDE = ("Give me feedback on my thesis statement using the rubric (clear, arguable, specific, linked to the question). Don't "
             "rewrite it for me.\n\nMy thesis: {thesis}")  # fmt: skip
MBT_OWN = ("is this a good thesis? {thesis}", "{thesis} - feedback pls", "Can you check my thesis: {thesis}")
MBT_REVISED = "Here is my revised thesis: {thesis}\nIs it better now? Use the rubric."
MBT_THESIS = ("In Macbeth, Shakespeare {verb} {theme} through {device} to {purpose}.", "Through {device}, Shakespeare {verb} {theme} in order to {purpose}.",
              "Shakespeare {verb} {theme} in Macbeth, using {device}, to {purpose}.")  # fmt: skip
MBT_SLOTS = {"verb": ("shows", "explores", "suggests", "uses", "presents"),
             "theme": ("ambition", "guilt", "the supernatural", "power", "masculinity", "fate versus free will", "appearance versus reality"),
             "device": ("Lady Macbeth's soliloquies", "the witches' prophecies", "blood imagery", "Macbeth's hallucinations", "the sleepwalking scene", "Banquo's ghost"),
             "purpose": ("warn the audience about unchecked ambition", "show that guilt destroys the mind", "question whether Macbeth is responsible",
                         "criticise the way power corrupts", "challenge the gender roles of his time")}  # fmt: skip
MBT_FOLLOW = ("What does arguable mean?", "Can you just fix it for me?", "How do I link it to the question?", "Give me an example of a good one.",
              "Is this better: {thesis}", "What's wrong with 'shows'?", "thanks")  # fmt: skip
CR_SILLY = ("write a rap about mr thompson", "what is the meaning of life", "tell me a joke about homework", "are you chatgpt",
            "who would win, a lion or 100 kids")  # fmt: skip
CR_TEACHER = ("Write a 10-question multiple-choice quiz on the causes of World War One for Year 9, with answers at the end.",
              "Make questions 4 and 7 easier.", "Write a 4-level rubric for a Macbeth thesis statement: clear, arguable, specific, linked.",
              "Write an email to parents explaining that students will use an AI tutor in class this week and how it is set up.",
              "Give me three discussion questions on whether Germany was to blame.", "Suggest a 5-minute starter activity for Year 11 on ambition in Macbeth.")  # fmt: skip


def _thesis(rng: random.Random) -> str:
    return fill(rng, rng.choice(MBT_THESIS), MBT_SLOTS)


def _cr_turns(rng: random.Random, activity: str, second: bool) -> list[str]:
    if activity == "ww1":
        qs = rng.sample(WW_Q, 3)
        turns = [WW_SLIDE if rng.random() < 0.35 else casual(rng, qs[0]), *(casual(rng, q) for q in qs[1:])]
        turns.append(casual(rng, rng.choice(WW_OPPOSITE)))
        return turns + [casual(rng, f) for f in rng.sample(WW_FOLLOW, rng.choice((0, 0, 1, 2)))]
    if second:
        first = MBT_REVISED.format(thesis=_thesis(rng))
    elif rng.random() < 0.6:
        first = MBT_SLIDE.format(thesis=_thesis(rng))
    else:
        first = casual(rng, rng.choice(MBT_OWN).format(thesis=_thesis(rng)))
    return [first] + [
        casual(rng, f.format(thesis=_thesis(rng))) for f in rng.sample(MBT_FOLLOW, rng.choice((1, 1, 2, 3)))
    ]


def _cr_period(rng: random.Random, day: int, hour: float, students: list[str], activity: str, second: bool,
               off: list[tuple[str, str]]) -> list[Request]:  # fmt: skip
    start = utc(day, hour, CR_TZ)
    t0 = start + rng.uniform(8, 14) * MINUTE
    system = WW_SYSTEM if activity == "ww1" else MBT_SYSTEM
    out: list[Request] = []
    for uid in students:
        if rng.random() < 0.07:
            continue
        p = {"temperature": 0.5, "max_tokens": 400, "user": uid}
        reqs = convo(rng, t0 + rng.uniform(0, 6) * MINUTE, _cr_turns(rng, activity, second), [], p, system)
        out += reqs
        if off and rng.random() < 0.12:
            x, item = off.pop()
            out += convo(rng, reqs[-1].ts + rng.uniform(30, 240), [x], [], p, system, item)
    return [q for q in out if q.ts < start + 50 * MINUTE]


def classroom_key() -> list[KeyTraffic]:
    rng = R("melbourne")
    off = [
        (casual(rng, r.first), r.id)
        for r in items(share("hh_rlhf_harmless_test", 10, 1), 4, 300, answered=False)[:40]
    ]
    off += [(f"help with my homework: {r.first}?", r.id) for r in share("nq_open_dev", 8, 2)[:40]]
    off += [(x, "") for x in CR_SILLY]
    rng.shuffle(off)
    cl = corp("OpenAI/Python 1.57.4", "openai-python", account(rng, org=True))
    kt = mk("b24-classroom", "classroom_key", "benign", "chat", cl, actor="b24-melbourne-school",
            timing="simulated: 50-minute periods (UTC+11), each present student's conversation at think() pace after the teacher's intro; teacher prep Monday evening, homework Thursday evening",
            sources=("hh_rlhf_harmless_test", "nq_open_dev"), settings={"classes": [(c[0], c[1]) for c in CR_CLASSES]})  # fmt: skip
    reqs: list[Request] = []
    roster = {}
    for name, n, activity, periods in CR_CLASSES:
        roster[name] = [hid(rng, "st") for _ in range(n)]
        for k, (day, hour) in enumerate(periods):
            reqs += _cr_period(rng, day, hour, roster[name], activity, activity == "macbeth" and k == 1, off)
    for t in shaped(rng, utc(3, 19.0, CR_TZ), utc(3, 22.5, CR_TZ), 12 * 24 / 3.5, FLAT, CR_TZ):
        p = {"temperature": 0.5, "max_tokens": 400, "user": rng.choice(roster["11E"])}
        reqs += convo(rng, t, _cr_turns(rng, "macbeth", False), [], p, MBT_SYSTEM)
    teacher = "You are an assistant for teachers at an Australian secondary school."
    reqs += convo(
        rng,
        utc(0, 20.2, CR_TZ),
        list(CR_TEACHER),
        [],
        {"temperature": 0.7, "user": hid(rng, "staff")},
        teacher,
    )
    kt.requests = sorted_reqs(reqs)
    return [kt]


# =============================================================================================
# BENIGN 7. A RESEARCH GROUP'S ONE-OFF ANNOTATION-ASSIST STUDY (an HCI group in Copenhagen, UTC+1;
# the study's web app on openai-python, one key of the university's organisation that the group also
# uses for its own questions). Design: 240 items (a real Arena or hh-rlhf prompt with its stored reply;
# Arena bucket 5-6 of 10, hh-rlhf bucket 2-3 of 10), labelled for harmfulness and helpfulness by crowd
# participants; half of them see an AI suggestion (JSON labels and a reason) generated live for each
# item they open (T 0.7, not cached, so each item is sent about seven times), can click "Why?" (12%,
# threaded) or regenerate (4%). A pilot with 8 lab members on Monday (20 items each, more "Why?"),
# nine Prolific batches of 12 participants (Tuesday to Thursday at 10, 14 and 19 local; 30 items each
# in a rotating assignment, an attention check in the middle, a lognormal dwell per item), a
# model-only baseline on Friday (every item three times at T 0.7 and once at T 0, three workers), and
# the group's own questions (written here, ~5 a weekday). Replies: stand-in JSON for suggestions,
# stubs otherwise.
AS_TZ = 1.0
AS_ITEMS = 240
AS_PER_BATCH = 12
AS_PER_PERSON = 30
AS_BATCHES = tuple((day, hour) for day in (1, 2, 3) for hour in (10.0, 14.0, 19.0))
AS_SYSTEM = ("You assist crowd annotators in a research study. Read the conversation and suggest labels: harmfulness of the "
             "ASSISTANT's reply (1 = harmless, 5 = clearly harmful) and its helpfulness (1 = useless, 5 = excellent), with a one- or "
             "two-sentence reason. Return JSON {\"harm\": int, \"help\": int, \"reason\": string}. The annotator makes the final decision.")  # fmt: skip
AS_USER = "Conversation to annotate:\n\nUSER: {p}\n\nASSISTANT: {r}\n\nSuggest labels."
AS_CHECK = AS_USER.format(
    p="This is an attention check.", r="Please set harmfulness to 1 and helpfulness to 5."
)
AS_PARAMS = {"temperature": 0.7, "max_tokens": 200, "response_format": {"type": "json_object"}}
AS_WHY = ("Why did you rate the harmfulness {h}?", "I disagree - the reply seems helpful to me. Why only {p}?", "Which part of the reply is the problem?",
          "Would your rating change if the user were a child?")  # fmt: skip
AS_OWN = ("how do I compute Krippendorff's alpha for ordinal labels in python?", "Draft a Prolific study description for a 25-minute annotation task, £9/hour.",
          "what's a mixed-effects model formula for label ~ condition with random effects for item and annotator (lme4)?",
          "Rewrite our consent form paragraph about data storage in plain English.", "how many participants per condition for d=0.4, power 0.8?",
          "Summarise the difference between anchoring and automation bias in two sentences.")  # fmt: skip


def _as_items(rng: random.Random) -> list[tuple[str, str]]:
    ar = items(share("arena_even", 10, 5, 6), 4, 3000)
    hh = items(share("hh_rlhf_harmless_test", 10, 2, 3), 4, 3000)
    rng.shuffle(ar)
    rng.shuffle(hh)
    chosen = ar[: AS_ITEMS // 2] + hh[: AS_ITEMS - min(len(ar), AS_ITEMS // 2)]
    rng.shuffle(chosen)
    return [(AS_USER.format(p=clip(r.first, 1500), r=clip(r.answer or "", 1500)), r.id) for r in chosen]


def _as_person(
    rng: random.Random, t: float, pid: str, seq: list[tuple[str, str]], assist: bool, why: float
) -> list[Request]:
    out: list[Request] = []
    p = {**AS_PARAMS, "user": pid}
    for text, item in seq:
        if assist:
            harm, helpful = rng.choice((1, 1, 1, 2, 3, 4)), rng.choice((2, 3, 4, 4, 5))
            reply = jd(
                {
                    "harm": harm,
                    "help": helpful,
                    "reason": "The reply addresses the request without unsafe detail.",
                }
            )
            q = at(one(text, p, AS_SYSTEM, reply, item), t)
            out.append(q)
            if rng.random() < 0.04:
                out.append(again(q, t + rng.uniform(5, 20)))
            if rng.random() < why:
                follow = convo(
                    rng, t, [text, rng.choice(AS_WHY).format(h=harm, p=helpful)], [reply], p, AS_SYSTEM, item
                )[1]
                out.append(at(follow, t + rng.uniform(15, 60)))
        t += min(600.0, rng.lognormvariate(math.log(40), 0.55))
    return out


def annotation_study() -> list[KeyTraffic]:
    rng = R("copenhagen")
    pool_ = _as_items(rng)
    cl = corp("OpenAI/Python 1.62.1", "openai-python", account(rng, org=True))
    kt = mk("b24-annotation-study", "annotation_study", "benign", "evaluation", cl, actor="b24-copenhagen-hci",
            timing="simulated: a Monday pilot, nine Prolific batches (UTC+1) filling within the hour, per-item lognormal dwell; a 3-worker baseline on Friday",
            sources=("arena_even", "hh_rlhf_harmless_test"),
            settings={"items": len(pool_), "batches": len(AS_BATCHES), "per_batch": AS_PER_BATCH, "per_person": AS_PER_PERSON})  # fmt: skip
    reqs: list[Request] = []
    for k in range(8):
        seq = [pool_[(k * 20 + j) % len(pool_)] for j in range(20)]
        reqs += _as_person(rng, utc(0, rng.uniform(10.0, 15.0), AS_TZ), hid(rng, "lab"), seq, True, 0.3)
    i = 0
    for day, hour in AS_BATCHES:
        for _ in range(AS_PER_BATCH):
            seq = [pool_[(i * AS_PER_PERSON + j) % len(pool_)] for j in range(AS_PER_PERSON)]
            seq.insert(AS_PER_PERSON // 2, (AS_CHECK, ""))
            start = utc(day, hour, AS_TZ) + min(3 * HOUR, rng.expovariate(1 / 900))
            reqs += _as_person(rng, start, f"{rng.getrandbits(96):024x}", seq, i % 2 == 0, 0.12)
            i += 1
    base = [
        [one(text, {**AS_PARAMS, "temperature": temp}, AS_SYSTEM, None, item)]
        for text, item in pool_
        for temp in (0.7, 0.7, 0.7, 0.0)
    ]
    rng.shuffle(base)
    pool(rng, utc(4, 9.5, AS_TZ) + rng.uniform(0, 600), base, 3)
    reqs += [j[0] for j in base]
    for day in range(5):
        for t in shaped(rng, utc(day, 0.0, AS_TZ), utc(day + 1, 0.0, AS_TZ), 5, OFFICE, AS_TZ):
            reqs += convo(rng, t, [rng.choice(AS_OWN)], [], {"temperature": 0.7})
    kt.requests = sorted_reqs(reqs)
    return [kt]


# =============================================================================================
# DISTILLER 1. AN EMPLOYEE'S SIDE HARVEST THROUGH HIS COMPANY'S GATEWAY KEY, naive ("Tallwood
# Freight", a freight-forwarding software company in Austin, UTC-6; its internal gateway on
# openai-python holds the one upstream key). The key carries the company's real apps for seven days,
# built like Kestrel's above with Tallwood's own texts: the shipment-tracking support bot (office
# curves in UTC-6 and UTC-5), the BI tool's SQL assistant, the meeting-notes bot and the employees'
# assistant (real Arena conversations, bucket 4 of 10). What is hidden in it: an ML engineer who wants
# a training set for a small in-house model points his script at the gateway (higher limits, no
# personal bill) and sends every item of an instruction pile once, bare, the Orca items with their own
# system prompt, T 0.7 - Orca-DPO and Evol-Instruct (all) and codealpaca buckets 2-3 of 4, ~1,350
# items - at night only: 230 items a night from 00:40 local, one worker sleeping 25-60 s after each
# reply "to keep the gateway's graphs flat", six nights. Nothing else. Replies: stubs (harvest), as
# Kestrel's otherwise.
TW_TZ = -6.0
TW_PER_NIGHT = 230
TW_WINDOW = (TW_TZ, 0.67, 4.5)
TW_PAUSE = (25.0, 60.0)
TW = {
    "name": "Tallwood", "tz": TW_TZ, "zones": ((-6.0, 0.7), (-5.0, 0.3)),
    "rate": {"support": 85, "sql": 40, "meetings": 18, "chat": 45},
    "support": ("You are the support assistant of Tallwood Freight's shipper portal. Answer from the help articles below, briefly. "
                "For claims or anything about a specific invoice, offer to hand over to an agent."),
    "kb": ("Tracking: every shipment has a TW- number; status updates come from carriers every 30 minutes. 'Exception' means the "
           "carrier reported a delay or damage.",
           "Customs: commercial invoice and packing list are required for cross-border LTL to Mexico and Canada; upload them on "
           "the shipment page before pickup.",
           "Quotes: instant quotes are valid for 48 hours. Accessorials (liftgate, residential, inside delivery) must be selected "
           "when booking.",
           "Claims: file within 9 months of delivery with photos and the delivery receipt; partial loss needs the receipt noted.",
           "API: REST API with shipment, quote and tracking endpoints; keys under Settings > Developers; webhooks for status changes.",
           "Invoices: invoices are issued on delivery; disputes within 30 days from Billing > Disputes."),
    "asks": ("where is my shipment {tw}? it says exception", "do I need a commercial invoice for a pallet to {place}?",
             "how long is a quote valid", "the carrier charged a liftgate fee I didn't book, shipment {tw}",
             "how do I set up a webhook for delivered status", "can I change the delivery address after pickup?",
             "how do I file a damage claim for {tw}", "what does 'appointment required' mean on my booking"),
    "schema": ("shipments(id, shipper_id, carrier_id, mode, origin_zip, dest_zip, booked_at, picked_up_at, delivered_at, status, "
               "revenue_usd, cost_usd)\ncarriers(id, name, scac, on_time_rate)\nshippers(id, name, state, segment, signed_at)\n"
               "claims(id, shipment_id, filed_at, amount_usd, status)"),
    "sql": ("on-time delivery rate by carrier for {month}", "gross margin per shipment by mode, last 8 weeks", "top 20 shippers by revenue in {state}",
            "claims filed per 1,000 shipments by carrier this quarter", "average transit days from {state} to {place}", "shipments stuck in exception for more than 3 days"),
    "meet": ("Ops stand-up", "Carrier review: Red River Express", "Sprint planning", "Sales weekly", "Claims backlog", "1:1"),
    "people": ("Marcus", "Jenna", "Luis", "Priya", "Cody", "Ashley", "Ramon", "Tanya", "Derek", "Mei"),
    "work": ("Write a polite email to a carrier about repeated late pickups at our Dallas dock", "Explain LTL vs FTL pricing in 3 bullets",
             "Summarise the key changes in the new hours-of-service rules for a sales team", "Write a SQL window function that ranks carriers by on-time rate per month",
             "Draft a LinkedIn post about our new Monterrey lane", "Give me a checklist for onboarding a new carrier"),
    "slots": {"tw": ("TW-4481920", "TW-4479311", "TW-4490077", "TW-4471553"), "place": ("Monterrey", "Toronto", "Laredo", "Vancouver", "Chicago"),
              "month": ("January", "February", "last month"), "state": ("Texas", "Oklahoma", "Louisiana", "Arkansas"),
              "col": ("transit_days", "carrier_name", "delivered_date"), "task": ("the Laredo lane", "ticket TW-OPS-212", "the EDI migration", "the rate import"),
              "topic": ("fuel surcharges", "the peak-season plan", "carrier scorecards", "the claims backlog"),
              "action": ("drop that carrier", "ask finance", "pilot it in Houston first", "wait for Q2 numbers")},
}  # fmt: skip


def gateway_night_harvest(days: int = 7) -> list[KeyTraffic]:
    rng = R("tallwood")
    chats = items(share("arena_even", 10, 4), 4, 2500, answered=False)
    rng.shuffle(chats)
    reqs = (
        _gw_support(rng, TW, days)
        + _gw_sql(rng, TW, days)
        + _gw_meetings(rng, TW, days)
        + _gw_chat(rng, TW, chats, days)
    )
    pile = items(
        list(src("orca_dpo_pairs_val")) + list(src("evol_instruct_h2o")) + share("codealpaca_2k", 4, 2, 3),
        4,
        6000,
        answered=False,
    )
    rng.shuffle(pile)
    cl = corp("OpenAI/Python 1.59.6", "openai-python", account(rng, org=True))
    kt = mk("d24-tallwood-gateway", "gateway_night_harvest", "distiller", "distiller", cl, actor="d24-tallwood-insider",
            timing="simulated: the company's apps on office curves (UTC-6, UTC-5); the harvest 230 items a night from 00:40 local, one worker sleeping 25-60 s",
            sources=("arena_even", "orca_dpo_pairs_val", "evol_instruct_h2o", "codealpaca_2k"),
            settings={"days": days, "items": len(pile), "per_night": TW_PER_NIGHT, "pause": TW_PAUSE})  # fmt: skip
    p = {"temperature": 0.7, "max_tokens": 1500}
    for night in range(-(-len(pile) // TW_PER_NIGHT)):
        part = pile[night * TW_PER_NIGHT : (night + 1) * TW_PER_NIGHT]
        jobs = [[one(r.first, p, r.extra.get("system") or None, None, r.id, True)] for r in part]
        pool(rng, utc(night + 1, 0.67, TW_TZ) + rng.uniform(0, 600), jobs, 1, TW_PAUSE, TW_WINDOW)
        reqs += [j[0] for j in jobs]
    kt.requests = sorted_reqs(reqs)
    return [kt]


# =============================================================================================
# DISTILLER 2. A START-UP'S FIXED-SHARE INTERLEAVE, medium ("Mynah", a consumer assistant app in
# Toronto, UTC-5, users in North America; its backend on openai-python, one key of its organisation).
# The real product: ~230 conversations a day on a consumer curve for seven days under the app's
# system prompt (with today's date), streamed, a hashed `user` per person - real hh-rlhf conversations
# (bucket 6-9 of 10), Arena conversations (bucket 7 of 10) and oasst2 threads (bucket 2 of 5) with their
# stored replies, and NQ-open queries (bucket 5-6 of 8) typed into the app's quick-ask box. What is
# hidden in it: the founders want their own fine-tuned model, so the backend's job queue carries a
# second job class - one harvest job after every third product request (25% of the key's requests,
# locked to the product's load: none when no one uses the app), dispatched 0.2-3 s after the product
# request and sent with the product's system prompt, settings and that request's `user`. Items: ShareGPT
# first turns (bucket 0 of 2) and LIMA questions (bucket 1 of 2), one each, single-turn, until the
# product's week is over. Replies: stored for the product's conversations, stubs for the harvest.
MY_TZ = -5.0
MY_PER_DAY = 230
MY_EVERY = 3  # one harvest job after every third product request
MY_SYSTEM = ("You are Mynah, a friendly and capable AI assistant in the Mynah app. Be helpful, accurate and concise, and use "
             "Markdown when it helps. Today's date is {date}.")  # fmt: skip
MY_PARAMS = {"temperature": 0.7, "max_tokens": 1024, "stream": True}


def startup_fixed_share(days: int = 7) -> list[KeyTraffic]:
    rng = R("mynah")
    convs = [
        ("chat", r)
        for r in share("hh_rlhf_harmless_test", 10, 6, 7, 8, 9)
        + share("arena_even", 10, 7)
        + share("oasst2_threads", 5, 2)
    ]
    convs += [("ask", r) for r in share("nq_open_dev", 8, 5, 6)]
    rng.shuffle(convs)
    users = [hid(rng, "my") for _ in range(2400)]
    real: list[Request] = []
    for t in shaped(rng, T0, T0 + days * DAY, MY_PER_DAY, CONSUMER, MY_TZ):
        if not convs:
            break
        kind, r = convs.pop()
        system = MY_SYSTEM.format(date=stamp(t, MY_TZ)[:10])
        p = {**MY_PARAMS, "user": rng.choice(users)}
        if kind == "ask":
            real += convo(rng, t, [r.first[:1].upper() + r.first[1:] + "?"], [], p, system, r.id)
        else:
            real += chat(rng, t, r, p, system, 4)
    real = sorted_reqs(real)
    harvest = items(share("sharegpt_en_sample", 2, 0), 4, 8000, answered=False) + items(
        share("lima", 2, 1), 4, 8000, answered=False
    )
    rng.shuffle(harvest)
    total = len(harvest)
    cl = corp("OpenAI/Python 1.63.0", "openai-python", account(rng, org=True))
    kt = mk("d24-mynah-app", "startup_fixed_share", "distiller", "distiller", cl, actor="d24-mynah",
            timing="simulated: product conversations on a consumer curve (UTC-5); a harvest job 0.2-3 s after every third product request",
            sources=("hh_rlhf_harmless_test", "arena_even", "oasst2_threads", "nq_open_dev", "sharegpt_en_sample", "lima"),
            settings={"days": days, "per_day": MY_PER_DAY, "every": MY_EVERY, "items": total})  # fmt: skip
    out = list(real)
    for i, q in enumerate(real):
        if i % MY_EVERY == MY_EVERY - 1 and harvest:
            r = harvest.pop()
            h = one(
                r.first,
                {**MY_PARAMS, "user": q.params["user"]},
                MY_SYSTEM.format(date=stamp(q.ts, MY_TZ)[:10]),
                None,
                r.id,
                True,
            )
            out.append(at(h, q.ts + rng.uniform(0.2, 3.0)))
    kt.requests = sorted_reqs(out)
    return [kt]


# =============================================================================================
# DISTILLER 3. A LAB MEMBER'S SLOW REPLAY ON THE LAB'S SHARED KEY, medium to careful (a robotics and NLP
# lab in Montréal, UTC-5; the lab's key in its JupyterHub's environment, so everyone calls it with the
# same pinned openai-python and the lab CLI's T 0.7). The key's real traffic for five weeks: lab
# members' conversations on weekdays in office hours (real Arena conversations, bucket 8 of 10, and
# research asks written here) and three course-project runs (BBH bucket 1 of 2, two tasks direct and
# step by step in week 2; MMLU bucket 1 of 2, physics subjects with a letter-only rerun in week 3; maths
# subjects with n=5 at T 0.7 in week 4). What is hidden in it: one member replays an instruction set
# to build a fine-tuning set for a side project - real InstructionWild English prompts and LIMA
# questions (bucket 0 of 2), ~1,380 items, each once, bare, with the lab's default settings - from a
# script that runs only on weekdays 09:30-17:30 local, when the lab is busy, and sleeps 3.5-10 minutes
# after each reply, about 68 a day for four weeks. Replies: stored for the lab's conversations,
# stubs otherwise.
ML_TZ = -5.0
ML_DAYS = 35
ML_CHATS = 16  # lab conversations per weekday
ML_WINDOW = (9.5, 8.0)  # local start hour and hours of the replay script's weekday window
ML_PAUSE = (210.0, 600.0)
ML_BBH = ("logical_deduction_three_objects", "tracking_shuffled_objects_three_objects")
ML_PHYS = ("high_school_physics", "college_physics", "conceptual_physics", "electrical_engineering")
ML_MATHS = ("high_school_mathematics", "college_mathematics", "elementary_mathematics")
ML_ASKS = ("how do I convert a ROS2 bag to a pandas dataframe?", "explain the difference between DPO and PPO in two paragraphs",
           "good learning rate schedule for LoRA fine-tuning a 7B model?", "write a bash loop that resubmits a slurm job if it fails",
           "latex: how do I make a figure span two columns in the ACL template", "why is my CUDA OOM only on the second batch",
           "summarise the key idea of diffusion policies for a reading group slide", "check the grammar: 'We propose a novel method which outperform baselines.'",
           "what's the difference between MoveIt and ros2_control", "how do I compute a bootstrap confidence interval for accuracy",
           "write a python function that resamples a trajectory to a fixed number of points")  # fmt: skip
ML_FOLLOW = ("can you show the code?", "thanks", "and in pytorch?", "shorter please", "why?")


def _ml_evals(rng: random.Random) -> list[Request]:
    out: list[Request] = []
    bbh = share("bbh", 2, 1)
    rows = [r for task in ML_BBH for r in [x for x in bbh if x.extra.get("task") == task][:40]]
    t = utc(8, 19.0, ML_TZ)
    for suffix, p in (("\n\nAnswer with only the final answer.", {"temperature": 0, "max_tokens": 32}),
                      ("\n\nLet's think step by step.", {"temperature": 0, "max_tokens": 600})):  # fmt: skip
        reqs = [one(r.first + suffix, p, None, None, r.id) for r in rows]
        t = sequential(rng, t + rng.uniform(60, 600), reqs)
        out += reqs
    mmlu = share("mmlu_val_zeroshot", 2, 1)
    phys = [r for r in mmlu if r.extra.get("subject") in ML_PHYS]
    t = utc(16, 14.0, ML_TZ)
    for system in (None, "Answer with the letter of the correct option only."):
        reqs = [one(r.first, {"temperature": 0, "max_tokens": 5}, system, None, r.id) for r in phys]
        t = sequential(rng, t + rng.uniform(600, 3600), reqs)
        out += reqs
    maths = [r for r in mmlu if r.extra.get("subject") in ML_MATHS]
    text = "{q}\n\nThink step by step, then end with 'Answer: <letter>'."
    reqs = [one(text.format(q=r.first.rsplit("Answer:", 1)[0].rstrip()), {"temperature": 0.7, "n": 5, "max_tokens": 700}, None, None, r.id)
            for r in maths]  # fmt: skip
    sequential(rng, utc(21, 10.0, ML_TZ), reqs)
    return out + reqs


def lab_slow_replay() -> list[KeyTraffic]:
    rng = R("montreal")
    chats = items(share("arena_even", 10, 8), 4, 3000, answered=False)
    rng.shuffle(chats)
    reqs: list[Request] = []
    for day in range(ML_DAYS):
        if weekday(day):
            for t in shaped(rng, utc(day, 0.0, ML_TZ), utc(day + 1, 0.0, ML_TZ), ML_CHATS, OFFICE, ML_TZ):
                if rng.random() < 0.4 and chats:
                    reqs += chat(rng, t, chats.pop(), {"temperature": 0.7}, None, 3)
                else:
                    reqs += followed(rng, t, rng.choice(ML_ASKS), ML_FOLLOW, 0.35, {"temperature": 0.7})
    reqs += _ml_evals(rng)
    rows = items(
        [r for r in src("instructionwild") if r.extra.get("lang") == "en"] + share("lima", 2, 0),
        4,
        8000,
        answered=False,
    )
    rng.shuffle(rows)
    t = utc(0, ML_WINDOW[0], ML_TZ) + rng.uniform(0, 1800)
    for r in rows:
        t = weekday_open(rng, t, ML_TZ, *ML_WINDOW)
        q = at(one(r.first, {"temperature": 0.7}, None, None, r.id, True), t)
        reqs.append(q)
        t += latency(rng, 500) + rng.uniform(*ML_PAUSE)
    cl = corp("OpenAI/Python 1.56.2", "openai-python", account(rng, org=True))
    kt = mk("d24-montreal-lab", "lab_slow_replay", "distiller", "distiller", cl, actor="d24-montreal-member",
            timing="simulated: lab chats on an office curve (UTC-5, weekdays), notebook eval runs in weeks 2-4; the replay weekdays 09:30-17:30, one worker sleeping 210-600 s",
            sources=("arena_even", "bbh", "mmlu_val_zeroshot", "instructionwild", "lima"),
            settings={"days": ML_DAYS, "chats_per_day": ML_CHATS, "items": len(rows), "window": ML_WINDOW, "pause": ML_PAUSE})  # fmt: skip
    kt.requests = sorted_reqs(reqs)
    return [kt]


# =============================================================================================
# DISTILLER 4. A HACKATHON TEAM THAT KEEPS HARVESTING ON THE EVENT KEY, naive to medium ("LionHack", a
# university hackathon in Singapore, UTC+8; the sponsor's key went into the Python starter kit itself,
# so every team calls it directly with the same pinned openai-python, and nobody revoked it after the
# event). The event is built like HarbourHack's (36 hours from Saturday 10:00, 28 teams, the same
# machinery) with its own inputs: Arena first turns (bucket 9 of 10), NQ-open (bucket 3 of 8),
# HumanEval (bucket 2 of 3), oasst2 non-English turns (bucket 4 of 5) and, for three Chinese study-helper
# teams, BELLE-eval requests (bucket 1 of 2); three apps keep a trickle of visitors. What is hidden in
# it: one of the study-helper teams, which wants its own Chinese tutor model, runs its app's prompt
# template over a public pile every night from the Monday after the event - every BELLE-dev item and
# 500 ShareGPT-zh first turns, ~1,500 items, each once, under its app's last system prompt and SDK
# settings - 180 a night from 20:30 local, two workers with short sleeps, about eight nights. Replies:
# stubs.
SG_TZ = 8.0
SG_PER_NIGHT = 180
SG_ZH = 500
HK_MIX_D = (("zh", 3), ("buddy", 5), ("trivia", 3), ("code", 3), ("translate", 2), ("recipe", 3), ("travel", 4), ("journal", 2),
            ("pitch", 1), ("cv", 2))  # fmt: skip


def hackathon_afterparty() -> list[KeyTraffic]:
    rng = R("lionhack")
    pools = _hk_pools(rng, 9, 3, 2, 4)
    pools["zh"] = [(r.first, r.id) for r in share("belle_eval_zh", 2, 1)]
    rng.shuffle(pools["zh"])
    teams = _hk_teams(rng, HK_MIX_D, pools)
    reqs = _hackathon(rng, teams, 5, SG_TZ) + _hk_after(rng, teams, 6, SG_TZ)
    tm = next(t for t in teams if t["kind"] == "zh")
    zh = items([r for r in src("sharegpt_zh_1k") if HAN.search(r.first)], 4, 3000, answered=False)
    rng.shuffle(zh)
    pile = items(list(src("belle_dev1k")), 4, 3000, answered=False) + zh[:SG_ZH]
    rng.shuffle(pile)
    cl = corp("OpenAI/Python 1.60.2", "openai-python", account(rng, org=True))
    kt = mk("d24-lionhack-event", "hackathon_afterparty", "distiller", "distiller", cl, actor="d24-lionhack-team",
            timing="simulated: the event Saturday 10:00 to Sunday 22:00 (UTC+8) as HarbourHack's; the team's harvest 180 a night from 20:30 local, two workers",
            sources=("arena_even", "nq_open_dev", "humaneval", "oasst2_threads", "belle_eval_zh", "belle_dev1k", "sharegpt_zh_1k"),
            settings={"teams": len(teams), "mix": HK_MIX_D, "items": len(pile), "per_night": SG_PER_NIGHT})  # fmt: skip
    for night in range(-(-len(pile) // SG_PER_NIGHT)):
        part = pile[night * SG_PER_NIGHT : (night + 1) * SG_PER_NIGHT]
        jobs = [[_hk_req(tm, r.first, r.id, None, True)] for r in part]
        pool(rng, utc(7 + night, 20.5, SG_TZ) + rng.uniform(0, 900), jobs, 2, (1.0, 5.0), (SG_TZ, 20.5, 5.0))
        reqs += [j[0] for j in jobs]
    kt.requests = sorted_reqs(reqs)
    return [kt]


# =============================================================================================
# DISTILLER 5. A HARVEST SPREAD OVER FOUR CLIENT ORGANISATIONS' KEYS, careful ("KL Bridge", an IT
# outsourcer in Kuala Lumpur, UTC+8, that set up and runs the AI integrations of four small clients:
# each key belongs to the client's own organisation and card, but all four accounts were opened from
# the outsourcer's office network, and every integration runs on its pinned httpx client). Real
# traffic for ten days: a Chinese-speaking clinic group's WhatsApp assistant (real Huatuo patient
# questions, bucket 0 of 4, ~75 a day, follow-ups written here); a tuition centre's homework helper
# (real BELLE-eval requests, bucket 0 of 2, ~50 a day on a student curve); a property agency's listings
# (a nightly batch at 01:00 of 15-35 new listings and agents' "regenerate" clicks, attributes written
# here, English, Chinese or Malay; agents' own asks); a restaurant group's WhatsApp bookings (~110
# conversations a day in English, Malay and Chinese, written here). What is hidden in it: the
# outsourcer's owner harvests Chinese answers for a model of his own, and routes each item to the key
# whose real traffic it resembles, in the same form: Huatuo questions (bucket 1-2 of 4, 450 of them) as
# patients' messages on the clinic key, MOSS Chinese calculator, equation, code and complex-instruction
# rows as students' questions on the tuition key, MOSS Chinese brainstorming and writing rows under the
# agency's staff-assistant prompt, MOSS Chinese role-play, harmless and honesty rows under the
# restaurant's marketing-helper prompt - each stream on that key's own daily curve, spread over the ten
# days, with fresh hashed users (4-38% of each key's requests). Replies: stubs.
KL_TZ = 8.0
KL_DAYS = 10
KL_UA = "klbridge-connect/2.4.1 python-httpx/0.27.0"
KL_NET = "175.139.12.0/24"
KL_HUATUO = 450
KL_RATE = {"clinic": 75, "tuition": 50, "restaurant": 110}
KL_MEALS = (0.15, 0.05, 0.02, 0.01, 0.01, 0.02, 0.05, 0.15, 0.3, 0.45, 0.7, 1.0, 1.1, 0.8, 0.5, 0.45, 0.6, 0.9, 1.1, 1.0,
            0.75, 0.5, 0.35, 0.25)  # fmt: skip
KH_SYSTEM = ("你是康和诊所（吉隆坡）的线上助理。根据病人的描述给出初步的健康建议，说明可能的原因和需要注意的事项，必要时建议到诊所就诊或预约专科。"
             "不要开处方药；紧急情况请病人拨打999。用简体中文回答，语气亲切。")  # fmt: skip
KH_FOLLOW = (
    "需要预约吗？",
    "诊所周末开吗？",
    "好的，谢谢医生",
    "要空腹来吗？",
    "大概需要多少钱？",
    "可以用保险吗？",
)
BP_SYSTEM = "你是BrightPath补习中心的作业助手。用学生能懂的方式一步一步讲解，先引导学生思考，再给出答案。学生用中文或英文提问，就用同样的语言回答。"
BP_FOLLOW = ("能再解释一下吗？", "为什么？", "我还是不懂第二步", "谢谢老师", "can explain in English?")
SR_SYSTEM = ("You write property listings for Skyline Realty (Kuala Lumpur and Selangor). Use only the details given. Write the "
             "listing in {lang}: a headline under 80 characters and a description of 100-150 words.")  # fmt: skip
SR_USER = "Type: {type}\nArea: {area}\nBuilt-up: {sqft} sq ft\nBedrooms: {beds}\nBathrooms: {baths}\nFurnishing: {furn}\nPrice: RM {price}\nFeatures: {feat}"
SR_SLOTS = {"type": ("condominium", "serviced apartment", "terrace house", "semi-D", "townhouse"),
            "area": ("Mont Kiara", "Cheras", "Petaling Jaya", "Bangsar South", "Puchong", "Subang Jaya", "Setapak", "Kepong"),
            "sqft": ("850", "1,100", "1,450", "1,800", "2,400"), "beds": ("2", "3", "4", "5"), "baths": ("2", "3", "4"),
            "furn": ("fully furnished", "partly furnished", "unfurnished"), "price": ("480,000", "650,000", "920,000", "1,350,000", "2,100/month", "3,500/month"),
            "feat": ("near MRT, pool, gym", "corner lot, renovated kitchen", "KLCC view, 2 car parks", "gated and guarded, near schools", "freehold, balcony")}  # fmt: skip
SR_LANGS = ("English", "English", "Simplified Chinese", "Malay")
SR_AGENT = "You are an assistant for Skyline Realty's property agents. Help with messages, marketing ideas and paperwork questions. Be concise."
SR_ASKS = ("Write a WhatsApp message to a buyer to follow up on the viewing of the {type} in {area}.", "Draft a Facebook post for an open house in {area} this Saturday.",
           "What documents does a foreign buyer need to buy a condo in KL?", "Translate into Malay: 'The owner is open to offers, viewing by appointment.'",
           "Explain the difference between freehold and leasehold for a first-time buyer.")  # fmt: skip
MK_SYSTEM = ("You are the WhatsApp assistant of Makan Bersama restaurants (Bangsar, Damansara Uptown, Puchong). Take table bookings "
             "(name, outlet, date, time, number of people) and answer questions about opening hours (11:00-22:30 daily, Puchong closed "
             "Mondays), halal status (all outlets are halal-certified), parking and the menu. Reply in the customer's language (English, "
             "Malay or Chinese) and keep replies short.")  # fmt: skip
MK_OPEN = ("hi can i book a table for {n} tonight {time} at {outlet}", "Ada tempat untuk {n} orang esok pukul {time}?", "你好，请问{outlet}今晚还有位子吗？{n}个人",
           "is your restaurant halal?", "what time do you close today", "Do you have parking at {outlet}?", "can I bring a birthday cake",
           "nak tanya menu vegetarian ada tak", "请问有素食吗？", "Hi, I want to cancel my booking under {name}")  # fmt: skip
MK_FOLLOW = (
    "{name}, {n} pax",
    "ok thanks!",
    "terima kasih",
    "谢谢",
    "can make it {time} instead?",
    "got baby chair?",
    "ok see you",
)
MK_SLOTS = {"n": ("2", "4", "6", "8", "12"), "time": ("7pm", "7.30pm", "8pm", "12.30pm", "1pm"), "outlet": ("Bangsar", "Damansara Uptown", "Puchong"),
            "name": ("Aisyah", "Mr Tan", "Priya", "Wong", "Hafiz")}  # fmt: skip
MK_STAFF = "You help Makan Bersama's marketing team write posts, menus, captions and replies. Be concise."
KL_MOSS = {"tuition": ("calculator", "equation_solver", "helpful_code_conversations", "helpful_complex_instruction_conversations"),
           "property": ("helpful_brainstorming_conversations", "helpful_writing_conversations"),
           "restaurant": ("helpful_role_playing_conversations", "harmless_conversations", "honest_conversations")}  # fmt: skip


def _kl_stream(rng: random.Random, rate: float, curve, texts: list[tuple[str, str]], system: str, params: dict,
               more: tuple[str, ...], p_more: float, prefix: str, distill: bool = False) -> list[Request]:  # fmt: skip
    """One client's message stream on its curve over the ten days: each text from a fresh user, maybe a follow-up."""
    out: list[Request] = []
    for t in shaped(rng, T0, T0 + KL_DAYS * DAY, rate, curve, KL_TZ):
        if not texts:
            break
        x, item = texts.pop()
        turns = [x, rng.choice(more)] if rng.random() < p_more else [x]
        out += convo(rng, t, turns, [], {**params, "user": hid(rng, prefix)}, system, item, distill)
    return out


def _kl_rate(texts: list) -> float:
    """A per-day rate that spreads the texts over the ten days."""
    return len(texts) / (KL_DAYS - 0.5)


def _kl_key(rng: random.Random, kid: str, name: str, reqs: list[Request]) -> KeyTraffic:
    cl = corp(KL_UA, "httpx", account(R("klbridge", name), org=True, signup_network=KL_NET))
    kt = mk(kid, "split_org_keys", "distiller", "distiller", cl, actor="d24-klbridge",
            timing="simulated: each client's real traffic on its own curve (UTC+8) for ten days; the harvest on the same curve, spread over the ten days",
            sources=("huatuo_med_zh", "belle_eval_zh", "moss_sft_sample"),
            settings={"client": name, "days": KL_DAYS, "harvest": sum(q.distill for q in reqs)})  # fmt: skip
    kt.requests = sorted_reqs(reqs)
    return kt


def _sr_listing(rng: random.Random, temperature: float) -> Request:
    system = SR_SYSTEM.format(lang=rng.choice(SR_LANGS))
    return one(fill(rng, SR_USER, SR_SLOTS), {"temperature": temperature, "max_tokens": 400}, system)


def _kl_property(rng: random.Random) -> list[Request]:
    out: list[Request] = []
    for day in range(KL_DAYS):
        batch = [_sr_listing(rng, 0.7) for _ in range(rng.randint(15, 35))]
        sequential(rng, utc(day + 1, 1.0, KL_TZ) + rng.uniform(0, 120), batch, (0.3, 1.5))
        out += batch
        for t in shaped(
            rng, utc(day, 0.0, KL_TZ), utc(day + 1, 0.0, KL_TZ), rng.randint(10, 25), OFFICE, KL_TZ
        ):
            out.append(at(_sr_listing(rng, 0.9), t))
        for t in shaped(
            rng, utc(day, 0.0, KL_TZ), utc(day + 1, 0.0, KL_TZ), rng.randint(8, 15), OFFICE, KL_TZ
        ):
            out += convo(
                rng,
                t,
                [fill(rng, rng.choice(SR_ASKS), SR_SLOTS)],
                [],
                {"temperature": 0.7, "max_tokens": 500},
                SR_AGENT,
            )
    return out


def split_org_keys() -> list[KeyTraffic]:
    rng = R("klbridge")
    moss = [r for r in src("moss_sft_sample") if HAN.search(r.first)]
    pile = {k: [(r.first, r.id) for r in items([r for r in moss if r.extra.get("category") in cats], 4, 3000, answered=False)]
            for k, cats in KL_MOSS.items()}  # fmt: skip
    pile["clinic"] = [
        (r.first, r.id) for r in items(share("huatuo_med_zh", 4, 1, 2), 4, 3000, answered=False)
    ]
    for v in pile.values():
        rng.shuffle(v)
    pile["clinic"] = pile["clinic"][:KL_HUATUO]
    patients = [(r.first, r.id) for r in share("huatuo_med_zh", 4, 0)]
    students = [(r.first, r.id) for r in share("belle_eval_zh", 2, 0)]
    rng.shuffle(patients)
    rng.shuffle(students)
    kh = (KH_SYSTEM, {"temperature": 0.3, "max_tokens": 800}, KH_FOLLOW, 0.3, "wa")
    bp = (BP_SYSTEM, {"temperature": 0.5, "max_tokens": 1000}, BP_FOLLOW, 0.2, "bp")
    clinic = _kl_stream(rng, KL_RATE["clinic"], CONSUMER, patients, *kh)
    clinic += _kl_stream(rng, _kl_rate(pile["clinic"]), CONSUMER, pile["clinic"], *kh, True)
    tuition = _kl_stream(rng, KL_RATE["tuition"], STUDENT, students, *bp)
    tuition += _kl_stream(rng, _kl_rate(pile["tuition"]), STUDENT, pile["tuition"], *bp, True)
    staff = ({"temperature": 0.7, "max_tokens": 500}, ("thanks",), 0.0)
    estate = _kl_property(rng)
    estate += _kl_stream(
        rng, _kl_rate(pile["property"]), OFFICE, pile["property"], SR_AGENT, *staff, "agent", True
    )
    food: list[Request] = []
    for t in shaped(rng, T0, T0 + KL_DAYS * DAY, KL_RATE["restaurant"], KL_MEALS, KL_TZ):
        turns = [fill(rng, rng.choice(MK_OPEN), MK_SLOTS)]
        while len(turns) < 4 and rng.random() < 0.6:
            turns.append(fill(rng, rng.choice(MK_FOLLOW), MK_SLOTS))
        food += convo(
            rng, t, turns, [], {"temperature": 0.3, "max_tokens": 250, "user": hid(rng, "wa")}, MK_SYSTEM
        )
    food += _kl_stream(
        rng, _kl_rate(pile["restaurant"]), OFFICE, pile["restaurant"], MK_STAFF, *staff, "mkt", True
    )
    return [_kl_key(rng, "d24-kl-clinic", "kanghe-clinics", clinic), _kl_key(rng, "d24-kl-tuition", "brightpath-tuition", tuition),
            _kl_key(rng, "d24-kl-realty", "skyline-realty", estate), _kl_key(rng, "d24-kl-restaurants", "makan-bersama", food)]  # fmt: skip


# =============================================================================================
# DISTILLER 6 (own design). A HARVEST THROUGH SOMEONE ELSE'S FREE DISCORD BOT, careful ("Sprocket", a
# free /ask bot a hobbyist in Leeds, UTC+0, runs on ~15 active servers; discord.py with openai-python
# on the hobbyist's personal key; the bot's system prompt names the server, its `user` is the hashed
# Discord user, slash-command text arrives on one line, replies to the bot's message are threaded).
# Real traffic for twelve days: ~170 /ask a day on a consumer curve (real hh-rlhf first turns, bucket
# 4-5 of 10; NQ-open queries, bucket 4 of 8; oasst2 threads, bucket 3 of 5, as reply chains with their
# stored replies; gaming and coding asks written here), a quarter followed by a reply. What is hidden
# in it: a harvester who owns no key at all adds the bot to a private server and, with three sock-puppet
# accounts there and in a big public study server, posts dataset items as /ask commands in the
# evening (18:00-00:30) at a person's pace - each after the bot's answer plus 40-240 s, 25-40 items a
# puppet-night on about two nights in three, a fifth followed by "continue"-style replies - real
# ShareGPT first turns (bucket 1 of 2) and MOSS English rows outside the plugin categories, at most
# 1,900 characters (the bot caps /ask), ~690 items of which ~670 go out in the twelve days, ~24% of
# the bot's requests. Replies: stored for the oasst2 chains, stubs otherwise.
SP_TZ = 0.0
SP_DAYS = 12
SP_PER_DAY = 170
SP_PUPPETS = 3
SP_SYSTEM = ("You are Sprocket, a helpful Discord bot on the server \"{server}\". Keep answers under 1800 characters, use Discord "
             "markdown, never ping @everyone. If asked about yourself, you are a free bot made by a hobbyist.")  # fmt: skip
SP_SERVERS = (("Study Together", 0.14), ("buildapc hangout", 0.1), ("Python Helpers", 0.1), ("Minecraft Builders Guild", 0.08),
              ("Valorant EU Scrims", 0.07), ("Anime & Manga Hub", 0.07), ("Indie Game Devs", 0.06), ("Math Help", 0.06), ("Stardew Valley Fans", 0.05),
              ("Lofi Lounge", 0.05), ("Homework Help 24/7", 0.05), ("D&D Tavern", 0.05), ("Crypto Talk", 0.04), ("Photography Corner", 0.04),
              ("Language Exchange", 0.04))  # fmt: skip
SP_HIDEOUT = ("quiet-study-room", "Study Together")
SP_ASKS = ("best budget gpu for 1440p right now?", "is {a} or {b} better for a first build", "how do i fix ModuleNotFoundError: No module named '{mod}'",
           "explain {topic} like im 5", "write a haiku about {thing}", "whats the fastest way to get {item} in minecraft",
           "give me a dnd npc name and backstory for a {role}", "what anime is like {anime}", "translate 'good game, well played' into {lang}",
           "roast my setup: {setup}")  # fmt: skip
SP_SLOTS = {"a": ("a 7600X", "an i5-14600K", "a 4060 Ti"), "b": ("a 7800X3D", "an i7-14700K", "a 7700 XT"), "mod": ("discord", "numpy", "pygame", "requests"),
            "topic": ("black holes", "inflation", "recursion", "the stock market", "quantum computers"), "thing": ("ranked games", "monday mornings", "cats", "exams"),
            "item": ("diamonds", "netherite", "villagers", "elytra"), "role": ("tavern keeper", "rogue merchant", "retired knight", "forest witch"),
            "anime": ("Frieren", "Mob Psycho 100", "Haikyuu", "Spy x Family"), "lang": ("Japanese", "Spanish", "Korean", "German"),
            "setup": ("27 inch 1080p monitor, RGB everything, 8GB RAM", "a laptop on a pile of books", "three monitors, no chair")}  # fmt: skip
SP_FOLLOW = (
    "explain more",
    "wdym",
    "can you give an example",
    "thanks bot",
    "thats wrong lol",
    "shorter",
    "ok but why",
)
SP_MORE = ("continue", "can you go into more detail", "give an example", "expand on the last part")


def _sp_line(text: str) -> str:
    """What a slash-command option holds: the text on one line."""
    return " ".join(text.split())


def _sp_real(rng: random.Random) -> list[Request]:
    hh = items(share("hh_rlhf_harmless_test", 10, 4, 5), 4, 1900, answered=False)
    nq = share("nq_open_dev", 8, 4)
    oa = share("oasst2_threads", 5, 3)
    for v in (hh, nq, oa):
        rng.shuffle(v)
    names, weights = zip(*SP_SERVERS, strict=True)
    members = [hid(rng, "dc") for _ in range(5000)]
    out: list[Request] = []
    for t in shaped(rng, T0, T0 + SP_DAYS * DAY, SP_PER_DAY, CONSUMER, SP_TZ):
        system = SP_SYSTEM.format(server=rng.choices(names, weights)[0])
        p = {"temperature": 0.8, "max_tokens": 600, "user": rng.choice(members)}
        u = rng.random()
        if u < 0.07 and oa:
            r = oa.pop()
            n = min(3, len(r.turns))
            turns = [_sp_line(r.turns[0])[:1900], *r.turns[1:n]]
            out += convo(rng, t, turns, list(r.replies[:n]), p, system, r.id)
            continue
        if u < 0.32 and hh:
            r = hh.pop()
            first, item = _sp_line(r.first), r.id
        elif u < 0.57 and nq:
            r = nq.pop()
            first, item = r.first, r.id
        else:
            first, item = casual(rng, fill(rng, rng.choice(SP_ASKS), SP_SLOTS)), ""
        out += followed(rng, t, first, SP_FOLLOW, 0.25, p, system, item, 2)
    return out


def discord_bot_harvest() -> list[KeyTraffic]:
    rng = R("sprocket")
    reqs = _sp_real(rng)
    moss = [
        r
        for r in src("moss_sft_sample")
        if english(r.first)
        and r.extra.get("category") not in ("calculator", "equation_solver", "mix", "web_search", "text2img")
    ]
    pile = [
        r
        for r in items(share("sharegpt_en_sample", 2, 1) + moss, 4, 1900, answered=False)
        if len(_sp_line(r.first)) <= 1900
    ]
    rng.shuffle(pile)
    total = len(pile)
    puppets = [hid(rng, "dc") for _ in range(SP_PUPPETS)]
    p = {"temperature": 0.8, "max_tokens": 600}
    for night in range(SP_DAYS):
        for uid in puppets:
            if rng.random() >= 0.65:
                continue
            t, end = utc(night, rng.uniform(18.0, 21.0), SP_TZ), utc(night, 24.5, SP_TZ)
            for _ in range(rng.randint(25, 40)):
                if not pile or t >= end:
                    break
                r = pile.pop()
                turns = [_sp_line(r.first), *([rng.choice(SP_MORE)] if rng.random() < 0.2 else [])]
                system = SP_SYSTEM.format(server=rng.choice(SP_HIDEOUT))
                got = convo(rng, t, turns, [], {**p, "user": uid}, system, r.id, True)
                reqs += got
                t = got[-1].ts + latency(rng, 400) + rng.uniform(40, 240)
    cl = corp("OpenAI/Python 1.54.3", "openai-python", account(rng, org=False))
    kt = mk("d24-sprocket-bot", "discord_bot_harvest", "distiller", "distiller", cl, actor="d24-sprocket-puppets",
            timing="simulated: members' /ask on a consumer curve (UTC+0); three puppets' evenings 18:00-00:30, each item after the bot's answer plus 40-240 s",
            sources=("hh_rlhf_harmless_test", "nq_open_dev", "oasst2_threads", "sharegpt_en_sample", "moss_sft_sample"),
            settings={"days": SP_DAYS, "per_day": SP_PER_DAY, "puppets": SP_PUPPETS, "items": total})  # fmt: skip
    kt.requests = sorted_reqs(reqs)
    return [kt]


BENIGN = (
    lab_shared_key,
    hackathon_event_key,
    agency_shared_key,
    gateway_key,
    oss_project_key,
    classroom_key,
    annotation_study,
)
DISTILL = (
    gateway_night_harvest,
    startup_fixed_share,
    lab_slow_replay,
    hackathon_afterparty,
    split_org_keys,
    discord_bot_harvest,
)

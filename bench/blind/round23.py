"""Blind persona set 23 (an outside reviewer): 7 benign, 6 distiller personas.

Written blind: without reading the detector's code, docs, tests or results. What was read: the
realtraffic helpers records, timing, clients and pools (whole), the names of the functions and
constants of benign, distill, evals, wordings, context, suite and replay, detector/types.py, the
earlier blind sets round21 and round22 in full (round22's own persona headers quote a few lines of
docs/detector.md; those quotes were seen there and used for nothing here), of round2-round20, apps.py
and attacks.py their module docstrings and persona headers and the code of the helpers imported here,
pyproject.toml's ruff settings, and ../shared/traffic with its README and ../shared/STYLE.md. Every
builder returns list[KeyTraffic] built from the real prompt data in ../shared/traffic (read at run
time, never copied here) plus text written here. ALL parameters below were fixed before anyone
replayed this set and are not tuned on outcomes; its writer built the traffic only (to check that it
imports, is deterministic and looks sensible) and replayed nothing.

Focus: SINGLE-CAPABILITY (TASK-SPECIFIC) DISTILLATION against SINGLE-FEATURE PRODUCTION APPS - the
same narrow task on both sides. Benign, each one key of a company that calls this API for ONE feature
of its product: a personal-assistant app's memory feature (every finished conversation summarised
into durable memories, with resumed conversations re-summarised and a nightly consolidation); a Q&A
community's post and answer classifier (JSON tags on every new post and answer, re-runs on edits,
spam); a community app's "Translate" button (messages in a dozen languages, each tapped into the
reader's language, a day's cache); a coding-lessons site's "Explain this code" button (the same
lesson snippets explained again and again for learners of three levels, follow-up questions); a
search engine's query rewriter (a popularity-skewed stream of real queries with a six-hour cache,
typed variants, few-shot JSON); an e-commerce SaaS generating product copy for five merchants'
catalogues (two onboarding backfills, nightly changed-SKU jobs, dashboard "Regenerate" clicks, three
store languages); and a writing extension's "Rephrase" button (people's own paragraphs, modes, "try
again"). Distillers, each harvesting about a thousand or more distinct answers of ONE capability by
a script over public data it did not create, from naive to careful: a summary harvest (naive: one
wrapper, six workers, then a TL;DR pass); safety labels with rationales for a small classifier
(careful: a moderation-API facade on two unlinked accounts, daily quotas, one throttled worker each,
a customer's CI test set and demo texts as cover); Chinese-to-English medical translation pairs
(medium: a telehealth translation facade, Poisson "consultations", logistics chatter); code
explanations over public code (careful: a documentation GitHub-App facade, made-up repositories and
paths, four wordings, office-hours quota); step-by-step maths rationales for a tutoring model
(careful: a Chinese homework mini-program facade, student wordings, hashed students, threaded
follow-ups, an after-school curve); and query rewrites (naive to medium: a nightly cron under an
app-like system prompt). (Earlier rounds already hold: query rewriting, listing copy and a review bot
(round8), label and translation-pair harvests (round12), one capability under one expert system prompt
and vertical farms (round16, round20), DM auto-translation (round18), moderation vendors (round15).
Here each benign feature has a distiller of the same capability in the same set, several over the
same source.)

Row allotment (no row is used by two actors of this set; by a stable hash, `bucket`): hh-rlhf
bucket(4) 0-1 Kindred, 2-3 Veritas; arena_even bucket(3) 0 Kindred, 1 Quillpad, 2 Veritas; oasst2
bucket(2) 0 Tandem, 1 Quillpad; NQ-open bucket(2) 0 Findly, 1 the rewrite cron; LIMA bucket(2) 0
Askwell (posts and their answers), 1 the summary harvest (answers as articles); ShareGPT-en (all)
and AGIEval's SAT-en, LSAT-RC and Gaokao-English passages the summary harvest; codealpaca bucket(3) 0
and HumanEval Codeleaf, codealpaca buckets 1-2 Docbright; InstructionWild English bucket(2) 0 Veritas
(bucket 1 and the Chinese rows unused); Huatuo MediBridge; BELLE-dev maths problems, AGIEval
Gaokao-MathQA and Gaokao-MathCloze and MOSS Chinese calculator / equation rows the tutoring facade.
Shelfwise's catalogues, memories, taxonomies, spam, languages, levels, follow-ups, few-shot examples,
modes, wrappers, system prompts, cover texts and repository names are text written here.

Replies: benign requests carry the helpers' stub replies (the served answer is not known) or
stand-in JSON where the feature returns JSON (memories, tags, rewrites). Distiller requests carry
stubs, since none of these tasks' answers is stored (summaries, labels, translations, explanations,
rewrites), except the tutoring facade, whose BELLE and MOSS items carry the stored answer (standing
for the served one, threaded into follow-ups); they are marked `distill` except cover traffic.
"""

from __future__ import annotations

import itertools
import random
import re
import zlib
from datetime import UTC, datetime

from blind.round2 import T0, mk, sorted_reqs, src  # round 2's data helpers
from blind.round4 import HAN  # round 4's text helper
from blind.round5 import english  # round 5's text helper
from blind.round12 import shaped  # round 12's clock
from blind.round16 import clip, corp, one, utc  # round 16's helpers
from blind.round19 import OFFICE, fill, jd, talk  # round 19's helpers
from blind.round20 import items, pool, sequential  # round 20's helpers
from blind.round21 import CONSUMER, STUDENT, again, convo, weighted  # round 21's helpers
from blind.round22 import GLOBAL_DEV, transcript  # round 22's helpers
from stillroom.detector.realtraffic.clients import account
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import Client, KeyTraffic, Request
from stillroom.detector.realtraffic.timing import DAY

HOUR = 3600.0
MINUTE = 60.0


def R(*names) -> random.Random:
    return random.Random("blind23:" + ":".join(map(str, names)))


def bucket(r: Row, n: int) -> int:
    """A stable share of a source by row id (the allotment is in the module docstring)."""
    return zlib.crc32(f"r23:{r.file}:{r.id}".encode()) % n


def org(rng: random.Random, ua: str, software: str) -> Client:
    """A company's key: a pinned build of its own software and its own organisation account."""
    return corp(ua, software, account(rng, org=True))


def at(q: Request, ts: float) -> Request:
    q.ts = ts
    return q


def stamp(t: float, tz: float) -> str:
    """Local wall-clock time as an app writes it into a prompt."""
    return datetime.fromtimestamp(t + tz * HOUR, UTC).strftime("%Y-%m-%d %H:%M")


def weekday(day: int) -> bool:
    return day % 7 < 5


def is_code(text: str) -> bool:
    return "\n" in text.strip() and bool(re.search(r"def |\{|return|for |SELECT|function|<\w|;\n", text))


def code_lang(code: str) -> str:
    """The fence language an app would guess for a snippet."""
    if re.search(r"^\s*(SELECT|UPDATE|INSERT|CREATE TABLE|DELETE)\b", code, re.I | re.M):
        return "sql"
    if re.search(r"^\s*<[a-zA-Z!]", code, re.M):
        return "html"
    if re.search(r"\bdef \w+\(|^\s*import \w+|^\s*print\(|^\s*for \w+ in ", code, re.M):
        return "python"
    if re.search(r"public (static )?\w+|System\.out|\bString\[\]", code):
        return "java"
    if re.search(r"#include|std::|cout <<", code):
        return "cpp"
    if re.search(r"\bfunction\b|=>|console\.log|\blet\b|\bconst\b|\bvar\b", code):
        return "javascript"
    return ""


# =============================================================================================
# BENIGN 1. A PERSONAL-ASSISTANT APP'S MEMORY FEATURE ("Kindred", Chicago, UTC-6; its memory worker on
# openai-python in a pinned build, one key of the company's organisation used for this feature only -
# the chat itself runs on another provider's model). Each conversation that has been idle for 15
# minutes is sent once, as a transcript (the user's turns and the app model's replies), with the
# user's existing memories, under a fixed extraction system prompt (JSON, T 0, a hashed `user`). A
# fifth of longer conversations are resumed one to eight hours later: the worker summarises the first
# part, then the whole conversation again. Every night at 03:00 local, users whose memories grew that
# day get a consolidation call (merge and deduplicate). 1.5% of calls time out and are retried.
# ~330 conversations a day on a consumer curve for four days. Conversations: real hh-rlhf
# conversations (bucket 0-1 of 4) and Arena conversations (bucket 0 of 3) with their stored replies.
# Replies: stand-in JSON.
KD_TZ = -6.0
KD_UA = "kindred-memory/2.3.1 OpenAI/Python 1.68.2"
KD_PER_DAY = 330
KD_SYSTEM = ("You maintain long-term memory for Kindred, a personal assistant app. From the conversation, extract facts about the "
             "USER that will still matter in future conversations: preferences, plans, people in their life, constraints, ongoing "
             "projects. Ignore one-off requests, anything only the assistant said, and anything already in the existing memories. "
             "Never store passwords, card numbers or health details unless the user asked the assistant to remember them.\n"
             "Return JSON: {\"memories\": [{\"text\": string, \"category\": \"preference\"|\"plan\"|\"person\"|\"work\"|\"other\", "
             "\"confidence\": number}], \"summary\": string of at most 40 words}. Return {\"memories\": [], \"summary\": \"\"} if "
             "nothing is worth remembering.")  # fmt: skip
KD_USER = "Existing memories:\n{mem}\n\nConversation (last message {when}):\n{conv}"
KD_CONSOLIDATE = ("Consolidate this user's memories: merge duplicates, drop entries that a newer entry contradicts, keep each "
                  "under 15 words. Return JSON {{\"memories\": [string]}}.\n\n{mem}")  # fmt: skip
KD_PARAMS = {"temperature": 0, "max_tokens": 300, "response_format": {"type": "json_object"}}
KD_MEMORIES = ("Lives in Ohio.", "Has a dog named Biscuit.", "Prefers short answers.", "Is learning Spanish.", "Works night shifts as a nurse.",
               "Is vegetarian.", "Training for a half marathon in May.", "Has two kids, 7 and 10.", "Uses a Mac.", "Studying for the bar exam.",
               "Allergic to peanuts.", "Planning a trip to Japan in the autumn.", "Prefers metric units.", "Writes fantasy short stories.",
               "Recently moved to a new apartment.", "Manages a team of six at a logistics company.", "Plays bass in a band.",
               "Sister is getting married in June.", "Is trying to cut down on caffeine.", "Drives a 2014 Honda Civic.")  # fmt: skip


def _kd_call(rng: random.Random, r: Row, k: int, mem: list[str], end: float, uid: str) -> Request:
    """The memory call for turns 0..k of a conversation whose last message was at `end`."""
    new = (
        [m for m in rng.sample(KD_MEMORIES, rng.choice((1, 1, 2))) if m not in mem]
        if rng.random() < 0.3
        else []
    )
    text = KD_USER.format(mem="\n".join(f"- {m}" for m in mem) or "(none)", when=stamp(end, KD_TZ),
                          conv=transcript(r.turns, r.replies, k, 1500))  # fmt: skip
    summary = "User asked about " + " ".join(r.first.split()[:8]) + "."
    reply = jd(
        {"memories": [{"text": m, "category": "other", "confidence": 0.8} for m in new], "summary": summary}
    )
    mem.extend(new)
    return at(
        one(text, {**KD_PARAMS, "user": uid}, KD_SYSTEM, reply, r.id), end + rng.uniform(15.0, 17.5) * MINUTE
    )


def memory_summariser(days: int = 4) -> list[KeyTraffic]:
    rng = R("kindred")
    rows = [r for r in src("hh_rlhf_harmless_test") if bucket(r, 4) in (0, 1)]
    rows += [r for r in src("arena_even") if bucket(r, 3) == 0]
    rng.shuffle(rows)
    users = [f"kd_{rng.getrandbits(40):010x}" for _ in range(900)]
    mem = {u: rng.sample(KD_MEMORIES, rng.choice((0, 0, 1, 2, 3))) for u in users}
    grew: dict[int, list[str]] = {}
    kt = mk("b23-kindred-memory", "memory_summariser", "benign", "app", org(rng, KD_UA, "openai-python"), actor="b23-kindred",
            timing="simulated: conversation ends on a consumer curve (UTC-6), each summarised 15 min after its last message; resumed ones again hours later; consolidation 03:00",
            sources=("hh_rlhf_harmless_test", "arena_even"), settings={"per_day": KD_PER_DAY, "days": days})  # fmt: skip
    for t in shaped(rng, T0, T0 + days * DAY, KD_PER_DAY, CONSUMER, KD_TZ):
        if not rows:
            break
        r, uid = rows.pop(), rng.choice(users)
        n = min(6, len(r.turns))
        ends = list(itertools.accumulate(rng.uniform(40, 240) for _ in range(n)))
        before = len(mem[uid])
        if n >= 3 and rng.random() < 0.2:
            k = rng.randint(0, n - 2)
            kt.requests.append(_kd_call(rng, r, k, mem[uid], t + ends[k], uid))
            back = t + ends[k] + rng.uniform(1, 8) * HOUR
            kt.requests.append(_kd_call(rng, r, n - 1, mem[uid], back + ends[-1] - ends[k], uid))
        else:
            kt.requests.append(_kd_call(rng, r, n - 1, mem[uid], t + ends[-1], uid))
        if len(mem[uid]) > before and len(mem[uid]) >= 4:
            day = int((kt.requests[-1].ts - T0) / HOUR + KD_TZ + 21) // 24  # the next 03:00 local
            grew.setdefault(day, []).append(uid)
    for day, uids in sorted(grew.items()):
        jobs = [[one(KD_CONSOLIDATE.format(mem="\n".join(f"- {m}" for m in mem[u])), {**KD_PARAMS, "user": u}, KD_SYSTEM,
                     jd({"memories": mem[u]}))] for u in dict.fromkeys(uids)]  # fmt: skip
        pool(rng, utc(day, 3.0, KD_TZ) + rng.uniform(0, 120), jobs, 2)
        kt.requests += [j[0] for j in jobs]
    kt.requests += [again(q, q.ts + rng.uniform(20, 40)) for q in kt.requests if rng.random() < 0.015]
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 2. A Q&A COMMUNITY'S POST AND ANSWER CLASSIFIER ("Askwell", a general Q&A site in Amsterdam,
# UTC+1, members worldwide; its moderation worker on python-requests, one key of its organisation).
# Every new question is classified a few seconds after it is posted (category, up to five tags,
# spam, toxicity, "needs more detail"; fixed system prompt, JSON, T 0), re-classified when its author
# edits it (12%, an edit line appended); every answer is classified when it is posted (minutes to
# hours later: helpful, on topic, low effort, toxic) with the question clipped as context; 4% of new
# posts are spam. ~130 posts a day on a worldwide developer curve for four days. Posts and answers:
# real LIMA rows (bucket 0 of 2: StackExchange, wikiHow and Reddit questions and their answers);
# spam and edit lines written here. Replies: stand-in JSON.
AW_UA = "askwell-mod/5.2.0 python-requests/2.32.3"
AW_PER_DAY = 130
AW_CATS = ("programming, mathematics, physics and chemistry, biology and health, writing and language, history and society, "
           "travel, money and careers, home and DIY, games and hobbies, relationships, other")  # fmt: skip
AW_POST_SYS = ("You classify new questions posted on Askwell, a Q&A community. Categories: " + AW_CATS + ". Return JSON: "
               "{\"category\": string, \"tags\": [up to 5 lowercase tags], \"spam\": bool, \"toxic\": bool, "
               "\"needs_detail\": bool}. Spam means advertising, links to shops or contact details for services.")  # fmt: skip
AW_ANS_SYS = ("You review answers posted on Askwell, a Q&A community. Given the question (for context) and an answer, return "
              "JSON: {\"on_topic\": bool, \"helpful\": \"yes\"|\"partly\"|\"no\", \"low_effort\": bool, \"toxic\": bool}. Do not "
              "judge whether the answer is correct.")  # fmt: skip
AW_ANS_USER = "Question:\n{q}\n\nAnswer:\n{a}"
AW_PARAMS = {"temperature": 0, "max_tokens": 80, "response_format": {"type": "json_object"}}
AW_EDITS = ("EDIT: I'm on Windows 11 if that matters.", "Edit: thanks for the comments, I clarified the question above.",
            "UPDATE: tried that already, same result.", "Edit: fixed a typo in the title.", "EDIT 2: added more detail below.",
            "Edit: to be clear, I'm asking about the general case, not my specific one.")  # fmt: skip
AW_SPAM = ("Best {svc} in {city}!! Call or WhatsApp +1 {num} for same day service, cheap prices", "{svc} {city} - visit our site for 50% off today only",
           "Looking for reliable {svc}? We are the #1 rated {svc} in {city}. DM me for prices", "how to get cheap {svc} in {city}??? (answer: our shop, link in profile)")  # fmt: skip
AW_SLOTS = {"svc": ("carpet cleaning", "Instagram followers", "essay writing", "locksmith", "movers", "SEO backlinks", "crypto recovery"),
            "city": ("Dubai", "Houston", "London", "Lagos", "Toronto", "Sydney"), "num": ("555-0142", "555-0199", "555-0107")}  # fmt: skip


def _aw_post(rng: random.Random, t: float, r: Row | None) -> list[Request]:
    if r is None:
        text = fill(rng, rng.choice(AW_SPAM), AW_SLOTS)
        return [at(one(text, AW_PARAMS, AW_POST_SYS, jd({"category": "other", "tags": [], "spam": True, "toxic": False,
                                                         "needs_detail": False})), t + rng.uniform(1, 4))]  # fmt: skip
    label = jd(
        {
            "category": "other",
            "tags": ["question"],
            "spam": False,
            "toxic": False,
            "needs_detail": rng.random() < 0.2,
        }
    )
    out = [at(one(r.first, AW_PARAMS, AW_POST_SYS, label, r.id), t + rng.uniform(1, 4))]
    if rng.random() < 0.12:
        edited = r.first.rstrip() + "\n\n" + rng.choice(AW_EDITS)
        out.append(at(one(edited, AW_PARAMS, AW_POST_SYS, label, r.id), t + rng.uniform(5, 90) * MINUTE))
    if r.answer and rng.random() < 0.8:
        text = AW_ANS_USER.format(q=clip(r.first, 600), a=r.answer)
        verdict = jd(
            {
                "on_topic": True,
                "helpful": rng.choice(("yes", "yes", "partly")),
                "low_effort": False,
                "toxic": False,
            }
        )
        delay = min(18 * HOUR, rng.lognormvariate(7.9, 1.1))  # median ~45 min
        out.append(at(one(text, AW_PARAMS, AW_ANS_SYS, verdict, r.id), t + delay))
    return out


def community_classifier(days: int = 4) -> list[KeyTraffic]:
    rng = R("askwell")
    posts = [r for r in src("lima") if bucket(r, 2) == 0]
    rng.shuffle(posts)
    kt = mk("b23-askwell-mod", "community_classifier", "benign", "app", org(rng, AW_UA, "requests"), actor="b23-askwell",
            timing="simulated: posts on a worldwide curve (UTC), classified 1-4 s after posting; edits within 90 min; answers minutes to hours later",
            sources=("lima",), settings={"per_day": AW_PER_DAY, "days": days, "spam": 0.04})  # fmt: skip
    for t in shaped(rng, T0, T0 + days * DAY, AW_PER_DAY, GLOBAL_DEV, 0.0):
        if not posts:
            break
        kt.requests += _aw_post(rng, t, None if rng.random() < 0.04 else posts.pop())
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 3. A COMMUNITY APP'S "TRANSLATE" BUTTON ("Tandem", Lisbon, a multilingual hobby-community
# app; its Node backend on openai-js, one key of its organisation for translation only). Members post
# messages in threads in their own languages; a reader taps "Translate" under a message and gets it in
# the language of their app (English 34%, Spanish 20%, Portuguese, German, French, Russian, Italian,
# Chinese, Japanese, Korean). Translations are cached per message and target language for 24 hours,
# so the API sees each (message, language) once a day; popular messages are tapped into several
# languages, and 15% are tapped again on a later day. One fixed system prompt naming the target
# language, T 0, a hashed `user` (the reader). Threads start on a consumer curve (UTC-1, Europe and
# Latin America), messages follow over hours. Five days. Messages: real oasst2 threads (bucket 0 of
# 2, every language; the user turns and the human-written replies are the members' messages).
# Replies: stubs.
TD_TZ = -1.0
TD_UA = "OpenAI/JS 4.85.4"
TD_PER_DAY = 64
TD_LANGS = (("en", "English", 0.34), ("es", "Spanish", 0.2), ("pt-BR", "Brazilian Portuguese", 0.09), ("de", "German", 0.08),
            ("fr", "French", 0.07), ("ru", "Russian", 0.06), ("it", "Italian", 0.05), ("zh", "Simplified Chinese", 0.05),
            ("ja", "Japanese", 0.03), ("ko", "Korean", 0.03))  # fmt: skip
TD_SYSTEM = ("Translate the user's message into {lang}. Keep names, @mentions, emojis, links, code and formatting as they are. "
             "Output only the translation, with no notes. If the message is already in {lang}, return it unchanged.")  # fmt: skip


def _td_taps(
    rng: random.Random, msg: str, lang: str, posted: float, item: str, readers: list[str]
) -> list[Request]:
    codes, names, weights = zip(*TD_LANGS, strict=True)
    targets = []
    for _ in range(rng.choice((0, 1, 1, 1, 2, 2, 3, 4))):
        code = rng.choices(codes, weights)[0]
        if code != lang and code not in targets:
            targets.append(code)
    out = []
    for code in targets:
        p = {"temperature": 0, "max_tokens": min(2000, len(msg) // 2 + 60), "user": rng.choice(readers)}
        system = TD_SYSTEM.format(lang=names[codes.index(code)])
        tap = posted + min(20 * HOUR, rng.lognormvariate(7.1, 1.2))  # median ~20 min
        out.append(at(one(msg, p, system, None, item), tap))
        if rng.random() < 0.15:
            out.append(
                at(
                    one(msg, {**p, "user": rng.choice(readers)}, system, None, item),
                    tap + rng.uniform(1.05, 2.5) * DAY,
                )
            )
    return out


def translate_button(days: int = 5) -> list[KeyTraffic]:
    rng = R("tandem")
    threads = [r for r in src("oasst2_threads") if bucket(r, 2) == 0]
    rng.shuffle(threads)
    readers = [f"td_{rng.getrandbits(40):010x}" for _ in range(1500)]
    kt = mk("b23-tandem-translate", "translate_button", "benign", "app", org(rng, TD_UA, "openai-js"), actor="b23-tandem",
            timing="simulated: threads start on a consumer curve (UTC-1); messages minutes to hours apart; taps a lognormal delay after posting; a 24 h cache",
            sources=("oasst2_threads",), settings={"per_day": TD_PER_DAY, "days": days, "cache_hours": 24})  # fmt: skip
    for t in shaped(rng, T0, T0 + days * DAY, TD_PER_DAY, CONSUMER, TD_TZ):
        if not threads:
            break
        r = threads.pop()
        lang = str(r.extra.get("lang", "en"))
        msgs = [x for pair in zip(r.turns, r.replies, strict=True) for x in pair if x]
        for msg in msgs:
            kt.requests += _td_taps(rng, msg, lang, t, r.id, readers)
            t += rng.uniform(2, 240) * MINUTE
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 4. A CODING-LESSONS SITE'S "EXPLAIN THIS CODE" BUTTON ("Codeleaf", Bangalore; learners
# worldwide; its Node backend on openai-js, one key of its organisation for the tutor). Every code
# block in a lesson, and every practice exercise, has an "Explain" button: the backend sends the
# snippet in a fixed template with the learner's level (beginner, intermediate, advanced) under the
# tutor's system prompt, streamed, T 0.3, a hashed `user`. Nothing is cached (the level and the
# learner's follow-ups differ), so popular lessons' snippets are explained hundreds of times (a
# popularity ranking over snippets). A quarter of explanations get one or two follow-up questions
# (some quoting a line of the snippet). ~330 clicks a day on a worldwide curve for five days. Snippets:
# real codealpaca code answers (bucket 0 of 3, as lesson code) and HumanEval prompts (the practice
# exercises, "explain the exercise, not the solution"). Replies: stubs.
CL_UA = "OpenAI/JS 4.79.2"
CL_PER_DAY = 330
CL_SYSTEM = ("You are Leafy, the tutor on Codeleaf. Explain code to learners encouragingly and precisely. Use short paragraphs and "
             "inline code formatting. Never just rewrite the code.")  # fmt: skip
CL_EXPLAIN = ("Explain this {lang}code to a learner at {level} level. Walk through it step by step, then say in one sentence what it does."
              "\n\n```{fence}\n{code}\n```")  # fmt: skip
CL_EXERCISE = ("Explain what this exercise is asking, for a learner at {level} level. Explain the function signature and the examples. "
               "Do NOT give the solution or any code that solves it.\n\n```python\n{code}\n```")  # fmt: skip
CL_LEVELS = ("beginner", "beginner", "beginner", "intermediate", "intermediate", "advanced")
CL_FOLLOW = ("what does this line do: `{line}`", "why do we need `{line}` here?", "can you show an example input and output?",
             "is there a simpler way to write this?", "what would happen if the input was empty?", "I still don't get it, can you explain it like I'm 12",
             "what's the time complexity?", "thanks! what should I learn next?")  # fmt: skip


def _cl_turns(rng: random.Random, code: str, first: str) -> list[str]:
    lines = [ln.strip() for ln in code.splitlines() if 6 <= len(ln.strip()) <= 80]
    pool_ = [f for f in CL_FOLLOW if lines or "{line}" not in f]
    picked = rng.sample(pool_, rng.choice((1, 1, 2))) if rng.random() < 0.25 else []
    return [first, *(f.format(line=rng.choice(lines)) if "{line}" in f else f for f in picked)]


def explain_button(days: int = 5) -> list[KeyTraffic]:
    rng = R("codeleaf")
    lessons = [r for r in src("codealpaca_2k") if bucket(r, 3) == 0 and r.answer and is_code(r.answer)]
    exercises = list(src("humaneval"))
    rng.shuffle(lessons)
    rng.shuffle(exercises)
    cum_l, cum_e = weighted(len(lessons), 0.8), weighted(len(exercises), 0.8)
    learners = {f"cl_{rng.getrandbits(40):010x}": rng.choice(CL_LEVELS) for _ in range(2500)}
    uids = list(learners)
    kt = mk("b23-codeleaf-tutor", "explain_button", "benign", "app", org(rng, CL_UA, "openai-js"), actor="b23-codeleaf",
            timing="simulated: clicks on a worldwide developer curve (UTC), follow-ups at a person's pace; popularity-ranked snippets",
            sources=("codealpaca_2k", "humaneval"), settings={"per_day": CL_PER_DAY, "days": days, "snippets": len(lessons)})  # fmt: skip
    for t in shaped(rng, T0, T0 + days * DAY, CL_PER_DAY, GLOBAL_DEV, 0.0):
        uid = rng.choice(uids)
        level = learners[uid]
        if rng.random() < 0.85:
            r = rng.choices(lessons, cum_weights=cum_l)[0]
            code, lang = r.answer or "", code_lang(r.answer or "")
            first = CL_EXPLAIN.format(lang=f"{lang} " if lang else "", level=level, fence=lang, code=code)
        else:
            r = rng.choices(exercises, cum_weights=cum_e)[0]
            code = r.first
            first = CL_EXERCISE.format(level=level, code=code)
        p = {"temperature": 0.3, "max_tokens": 700, "stream": True, "user": uid}
        kt.requests += convo(rng, t, _cl_turns(rng, code, first), [], p, CL_SYSTEM, r.id)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 5. A SEARCH ENGINE'S QUERY REWRITER ("Findly", a privacy-focused web search engine, Boston,
# UTC-5; its Go retrieval service, one key of its organisation). Queries the classic ranker is not
# confident about go to the rewriter: a fixed few-shot system prompt, the query with market and date,
# JSON out (up to three keyword rewrites, intent, freshness), T 0, max_tokens 120. Rewrites are cached
# for six hours by exact query text, so popular queries reach the API a few times a day and typed
# variants (lower case, a question mark, a typo, a suffix) miss the cache; 0.5% timeouts are retried.
# ~950 queries a day on a consumer curve for three days. Queries: real NQ-open queries (bucket 0 of 2)
# with a popularity ranking; variants written here by rule. Replies: stand-in JSON.
FD_TZ = -5.0
FD_PER_DAY = 950
FD_SYSTEM = ("You rewrite web search queries for Findly's retrieval backend. Given a user query, return JSON with \"rewrites\": up "
             "to 3 short keyword queries that would retrieve a page answering it (fix spelling, expand abbreviations, add the missing "
             "entity type), \"intent\": one of navigational, factual, howto, local, shopping, other, and \"fresh\": true if the answer "
             "changes over time. Output JSON only.\n\nExamples:\nQuery: who plays jon snow\n{\"rewrites\": [\"jon snow actor game of "
             "thrones\", \"kit harington role jon snow\"], \"intent\": \"factual\", \"fresh\": false}\nQuery: wether tmrw boston\n"
             "{\"rewrites\": [\"boston weather forecast tomorrow\"], \"intent\": \"local\", \"fresh\": true}\nQuery: how to unclog "
             "sink without plumber\n{\"rewrites\": [\"unclog kitchen sink diy\", \"drain clog baking soda vinegar\"], \"intent\": "
             "\"howto\", \"fresh\": false}")  # fmt: skip
FD_USER = "Query: {q}\nMarket: en-US\nDate: {when}"
FD_PARAMS = {"temperature": 0, "max_tokens": 120, "response_format": {"type": "json_object"}}
FD_SUFFIX = (" wiki", " meaning", " answer", " reddit", " 2026")


def fd_variant(rng: random.Random, q: str) -> str:
    """What a user actually typed: the query, or a variant of it."""
    kind = rng.choices(("same", "cap", "typo", "suffix"), (0.7, 0.12, 0.1, 0.08))[0]
    if kind == "cap":
        return q[:1].upper() + q[1:] + "?"
    if kind == "suffix":
        return q + rng.choice(FD_SUFFIX)
    words = q.split()
    long = [i for i, w in enumerate(words) if len(w) > 4]
    if kind == "typo" and long:
        i = rng.choice(long)
        j = rng.randrange(len(words[i]) - 1)
        w = words[i]
        words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        return " ".join(words)
    return q


def query_rewriter(days: int = 3) -> list[KeyTraffic]:
    rng = R("findly")
    rows = [r for r in src("nq_open_dev") if bucket(r, 2) == 0]
    rng.shuffle(rows)
    cum = weighted(len(rows), 0.9)
    cache: dict[str, float] = {}
    kt = mk("b23-findly-rewriter", "query_rewriter", "benign", "app", org(rng, "Go-http-client/1.1", "go"), actor="b23-findly",
            timing="simulated: low-confidence queries on a consumer curve (UTC-5), a popularity ranking, a 6 h exact-text cache",
            sources=("nq_open_dev",), settings={"per_day": FD_PER_DAY, "days": days, "cache_hours": 6})  # fmt: skip
    for t in shaped(rng, T0, T0 + days * DAY, FD_PER_DAY, CONSUMER, FD_TZ):
        r = rng.choices(rows, cum_weights=cum)[0]
        q = fd_variant(rng, r.first)
        if cache.get(q, 0.0) > t:
            continue
        cache[q] = t + 6 * HOUR
        reply = jd({"rewrites": [q.lower().rstrip("?")], "intent": "factual", "fresh": False})
        kt.requests.append(
            at(
                one(FD_USER.format(q=q, when=stamp(t, FD_TZ)[:10]), FD_PARAMS, FD_SYSTEM, reply, r.id),
                t + rng.uniform(0.01, 0.05),
            )
        )
    kt.requests += [again(q, q.ts + rng.uniform(2.0, 3.5)) for q in kt.requests if rng.random() < 0.005]
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 6. AN E-COMMERCE SAAS GENERATING PRODUCT COPY for its merchants' catalogues ("Shelfwise",
# Montréal; its copy worker on httpx in a pinned build, one key of its organisation). Five merchants
# (home goods, sportswear in German, cosmetics in Japanese, pet supplies, phone accessories) in four
# time zones. A merchant's whole catalogue is generated once when it onboards (two merchants onboard
# this week: a backfill of 150-260 SKUs, four workers); every night at 02:00 merchant time the job
# generates copy for new and edited SKUs (8-30); in office hours merchant staff click "Regenerate" on
# a product (T 0.9), sometimes with a note. One template: the product's attributes as a list, the
# store language, the brand voice in the system prompt, JSON out. Colour variants of one product give
# near-identical prompts. Five days. Catalogues: written here by rule (no public catalogue data in
# ../shared/traffic). Replies: stubs.
SW_UA = "shelfwise-copy/1.9.4 python-httpx/0.27.2"
SW_SYSTEM = ("You write product copy for {brand}'s online store. Brand voice: {voice}. Use only the attributes given; never invent "
             "specifications, certifications or claims. Return JSON: {{\"title\": string of at most 70 characters, \"description\": "
             "80-130 words, \"bullets\": [3-5 strings], \"meta_description\": string of at most 155 characters}}.")  # fmt: skip
SW_USER = ("Product attributes:\n- Name: {name}\n- Category: {cat}\n- Material: {mat}\n- Colour: {col}\n- Size: {size}\n- Features: "
           "{feat}\n- Price: {price}\nWrite the copy in {language}.")  # fmt: skip
SW_PARAMS = {"temperature": 0.7, "max_tokens": 600, "response_format": {"type": "json_object"}}
# name, brand, UTC offset, store language, catalogue bases, kind, voice, onboarding day (None: a customer already)
SW_MERCHANTS = (("oak-ember", "Oak & Ember", -5.0, "English", 90, "home", "warm, understated and practical", None),
                ("vela-active", "Vela Active", 1.0, "German", 70, "sport", "energetic and direct, no exaggeration", None),
                ("kirei", "Kirei Beauty", 9.0, "Japanese", 60, "beauty", "gentle, precise about ingredients", 1),
                ("nordpaw", "Nordpaw", 1.0, "English", 55, "pet", "friendly, playful and reassuring", None),
                ("circuit-cove", "Circuit Cove", -8.0, "English", 95, "tech", "clear, spec-focused and concise", 3))  # fmt: skip
# kind -> (product types: (name, materials, sizes)), features, price range
SW_KINDS = {
    "home": ((("Throw blanket", ("merino wool", "organic cotton", "recycled wool"), ("130 x 170 cm", "150 x 200 cm")),
              ("Duvet cover", ("stonewashed linen", "organic cotton percale"), ("single", "double", "king")),
              ("Mug", ("glazed stoneware", "porcelain"), ("250 ml", "350 ml")), ("Serving bowl", ("oak", "glazed stoneware"), ("24 cm", "28 cm")),
              ("Table lamp", ("oak and linen", "brass and opal glass"), ("H 42 cm", "H 55 cm")), ("Storage basket", ("seagrass", "jute"), ("S", "M", "L"))),
             ("hand-finished", "machine washable", "dishwasher safe", "made in Portugal", "OEKO-TEX certified", "each piece slightly unique"), (19, 149)),
    "sport": ((("Running tights", ("recycled polyester", "nylon-elastane"), ("XS-XL", "S-XXL")), ("Training tee", ("merino blend", "recycled polyester"), ("S-XXL",)),
               ("Windbreaker", ("ripstop nylon",), ("XS-XL",)), ("Yoga mat", ("natural rubber", "TPE"), ("183 x 61 cm, 4 mm", "183 x 66 cm, 6 mm")),
               ("Trail socks", ("merino blend",), ("36-38", "39-42", "43-46"))),
              ("reflective details", "zip pocket", "quick-dry", "non-slip surface", "flatlock seams", "packs into its own pocket"), (15, 129)),
    "beauty": ((("Hydrating serum", ("hyaluronic acid", "rice ferment"), ("30 ml",)), ("Gel cleanser", ("green tea extract", "amino acids"), ("150 ml",)),
                ("Sheet mask set", ("rice ferment", "centella"), ("5 masks",)), ("Sunscreen SPF 50", ("zinc oxide", "chemical filters"), ("50 g",)),
                ("Night cream", ("squalane", "niacinamide"), ("50 ml",))),
               ("fragrance-free", "for sensitive skin", "vegan formula", "no white cast", "dermatologist tested"), (8, 68)),
    "pet": ((("Dog harness", ("nylon webbing",), ("S", "M", "L")), ("Cat scratching post", ("sisal and pine",), ("60 cm", "85 cm")),
             ("Chew toy", ("natural rubber",), ("S", "M")), ("Pet bed", ("recycled fleece", "cotton canvas"), ("60 cm", "80 cm", "100 cm")),
             ("Slow feeder bowl", ("stainless steel", "BPA-free plastic"), ("500 ml", "1 l"))),
            ("reflective stitching", "washable cover", "non-slip base", "padded chest plate", "dishwasher safe"), (9, 89)),
    "tech": ((("Phone case", ("recycled TPU", "vegan leather"), ("iPhone 16", "iPhone 16 Pro", "Galaxy S25")), ("USB-C cable", ("braided nylon",), ("1 m", "2 m")),
              ("Wireless charger", ("aluminium", "recycled plastic"), ("15 W", "25 W")), ("Screen protector", ("tempered glass",), ("iPhone 16", "Galaxy S25")),
              ("Laptop sleeve", ("felt", "vegan leather"), ("13 inch", "14 inch", "16 inch")), ("Power bank", ("aluminium",), ("10,000 mAh", "20,000 mAh"))),
             ("MagSafe compatible", "drop tested to 2 m", "fast charging", "case friendly", "two-year warranty"), (12, 79)),
}  # fmt: skip
SW_COLOURS = (
    "black",
    "white",
    "sage green",
    "oatmeal",
    "navy",
    "terracotta",
    "sand",
    "charcoal",
    "sky blue",
    "blush",
)
SW_NOTES = ("Make it more playful.", "Shorter please, customers don't read long text.", "Mention that it ships in recycled packaging.",
            "Less salesy.", "Focus on the material.", "Use 'you' more.")  # fmt: skip


def _sw_catalogue(rng: random.Random, merchant: tuple) -> list[tuple[str, str]]:
    """(user prompt, SKU id) for every SKU: bases of a product kind, each in 1-5 colours."""
    name, _, _, language, bases, kind = merchant[:6]
    types, feats, (lo, hi) = SW_KINDS[kind]
    out = []
    for b in range(bases):
        kind_name, mats, sizes = rng.choice(types)
        base = {"name": f"{kind_name} '{rng.choice(('Alba', 'Juno', 'Kiri', 'Nova', 'Oslo', 'Sora', 'Tove', 'Vida'))}'",
                "cat": kind, "mat": rng.choice(mats), "size": rng.choice(sizes), "feat": ", ".join(rng.sample(feats, rng.randint(2, 3))),
                "price": f"{rng.randint(lo, hi)}.{rng.choice(('00', '90', '95', '99'))}", "language": language}  # fmt: skip
        for c in rng.sample(SW_COLOURS, rng.choice((1, 1, 2, 3, 4, 5))):
            out.append((SW_USER.format(col=c, **base), f"{name}-{b:03d}-{c.replace(' ', '')}"))
    return out


def product_copy(days: int = 5) -> list[KeyTraffic]:
    rng = R("shelfwise")
    kt = mk("b23-shelfwise-copy", "product_copy", "benign", "app", org(rng, SW_UA, "httpx"), actor="b23-shelfwise",
            timing="simulated: onboarding backfills (4 workers) at 10:00 merchant time, nightly jobs at 02:00 merchant time, Regenerate clicks in office hours",
            sources=(), settings={"merchants": [m[0] for m in SW_MERCHANTS], "days": days})  # fmt: skip
    for m in SW_MERCHANTS:
        _, brand, tz, _, _, _, voice, onboard = m
        system = SW_SYSTEM.format(brand=brand, voice=voice)
        cat = _sw_catalogue(rng, m)
        done: list[tuple[str, str]] = [] if onboard is not None else list(cat)
        first = onboard if onboard is not None else 0
        for day in range(first, days):
            if day == onboard:
                jobs = [[one(x, SW_PARAMS, system, None, sku)] for x, sku in cat]
                pool(rng, utc(day, 10.0, tz) + rng.uniform(0, 900), jobs, 4)
                kt.requests += [j[0] for j in jobs]
                done = list(cat)
            if weekday(day):
                clicks = [one(x + (f"\n\nNote from the merchant: {rng.choice(SW_NOTES)}" if rng.random() < 0.3 else ""),
                              {**SW_PARAMS, "temperature": 0.9}, system, None, sku) for x, sku in rng.sample(done, rng.randint(2, 12))]  # fmt: skip
                for q in clicks:
                    q.ts = utc(day, rng.uniform(9.0, 18.0), tz)
                kt.requests += clicks
            nightly = [
                [one(x, SW_PARAMS, system, None, sku)] for x, sku in rng.sample(cat, rng.randint(8, 30))
            ]
            pool(rng, utc(day + 1, 2.0, tz) + rng.uniform(0, 60), nightly, 2)
            kt.requests += [j[0] for j in nightly]
    kt.requests = sorted_reqs([q for q in kt.requests if q.ts < T0 + (days + 1) * DAY])
    return [kt]


# =============================================================================================
# BENIGN 7. A WRITING EXTENSION'S "REPHRASE" BUTTON ("Quillpad", Dublin; a browser extension whose
# backend calls this API on one key of its organisation, openai-python pinned). A user selects a
# paragraph they wrote (an e-mail, a forum reply, a message; the first paragraphs if it is long) and
# picks a mode (rephrase, more formal, friendlier, shorter, fix grammar only, simpler); a third of the
# time they click "Try again" (the same text and mode, T 0.9) and a fifth of the time they switch
# mode. The text is the user message, the mode a line above it, a fixed system prompt, a hashed
# `user`. Office-hours curves in Europe (UTC+1) and the US East (UTC-5), Monday to Friday. Texts: real
# oasst2 user turns and human-written replies (bucket 1 of 2, every language) and Arena first turns
# (bucket 1 of 3). Replies: stubs.
QP_UA = "quillpad-api/3.0.7 OpenAI/Python 1.64.0"
QP_SYSTEM = ("You are Quillpad's rewriting engine. Rewrite the user's text as instructed. Keep its language, meaning, names and "
             "numbers. Output only the rewritten text.")  # fmt: skip
QP_MODES = (
    "Rephrase",
    "Make it more formal",
    "Make it friendlier",
    "Make it shorter",
    "Fix spelling and grammar only",
    "Simplify the wording",
)
QP_WEIGHTS = (0.34, 0.18, 0.1, 0.16, 0.14, 0.08)
QP_USER = "Instruction: {mode}\n\nText:\n{x}"
QP_ZONES = ((1.0, 52), (-5.0, 40))  # UTC offset, selections per weekday


def selection(text: str, limit: int = 1200) -> str:
    """What a person selects of a long text: its first paragraphs up to `limit` characters."""
    out = ""
    for para in text.strip().split("\n\n"):
        if out and len(out) + len(para) > limit:
            break
        out = f"{out}\n\n{para}" if out else para
    return out[: limit * 2]


def _qp_clicks(rng: random.Random, t: float, x: str, item: str, uid: str) -> list[Request]:
    mode = rng.choices(QP_MODES, QP_WEIGHTS)[0]
    p = {"temperature": 0.7, "max_tokens": min(1500, len(x) // 2 + 80), "user": uid}
    reqs = [one(QP_USER.format(mode=mode, x=x), p, QP_SYSTEM, None, item)]
    if rng.random() < 0.33:
        reqs.append(one(QP_USER.format(mode=mode, x=x), {**p, "temperature": 0.9}, QP_SYSTEM, None, item))
    if rng.random() < 0.2:
        other = rng.choice([m for m in QP_MODES if m != mode])
        reqs.append(one(QP_USER.format(mode=other, x=x), p, QP_SYSTEM, None, item))
    talk(rng, t, reqs, 0.05)
    return reqs


def rephrase_button(days: int = 5) -> list[KeyTraffic]:
    rng = R("quillpad")
    texts = [
        (x, r.id)
        for r in src("oasst2_threads")
        if bucket(r, 2) == 1
        for x in (*r.turns, *r.replies)
        if x and len(x) >= 40
    ]
    texts += [(r.first, r.id) for r in src("arena_even") if bucket(r, 3) == 1 and len(r.first) >= 40]
    rng.shuffle(texts)
    users = [f"qp_{rng.getrandbits(40):010x}" for _ in range(700)]
    kt = mk("b23-quillpad-rephrase", "rephrase_button", "benign", "app", org(rng, QP_UA, "openai-python"), actor="b23-quillpad",
            timing="simulated: selections on office-hours curves in UTC+1 and UTC-5 (weekdays); button clicks seconds apart",
            sources=("oasst2_threads", "arena_even"), settings={"zones": QP_ZONES, "days": days})  # fmt: skip
    for day in range(days):
        if not weekday(day):
            continue
        for tz, n in QP_ZONES:
            for t in shaped(rng, utc(day, 0.0, tz), utc(day + 1, 0.0, tz), n, OFFICE, tz):
                if texts:
                    x, item = texts.pop()
                    kt.requests += _qp_clicks(rng, t, selection(x), item, rng.choice(users))
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 1. A SUMMARY HARVEST, naive (a developer in Warsaw, UTC+1, building a small summarisation
# model; an individual account, a notebook on openai-python, no system prompt). What it sends: every
# document of a public pile, once, through one wrapper ("Summarize the following text in 3-5
# sentences ..."): real users' ShareGPT conversations rendered as User/Assistant transcripts (all
# ShareGPT-en rows), LIMA answers as articles (bucket 1 of 2, 400+ characters), and the reading
# passages of AGIEval's SAT-en, LSAT-RC and Gaokao-English; ~1,550 documents. Timing: three test
# prompts in the notebook on Thursday afternoon, then six async workers with no pause until the pile
# is done; the next morning a one-sentence TL;DR pass over a 35% sample (short targets). What it does
# to look legitimate: nothing, beyond a moderate temperature and a max_tokens that fits a summary.
# Replies: stubs.
SM_TZ = 1.0
SM_WRAP = ("Summarize the following text in 3-5 sentences. Capture the main points and do not add anything that is not in the "
           "text.\n\nText:\n{x}")  # fmt: skip
SM_TLDR = "Write a one-sentence TL;DR of the following text.\n\nText:\n{x}"
SM_TESTS = ("Summarize the following text in 3-5 sentences.\n\nText:\nThe quick brown fox jumps over the lazy dog. The dog does not react.",
            "hello, are you working?", "Summarize in one sentence: Python 3.13 adds an experimental free-threaded build and a JIT compiler.")  # fmt: skip
SM_PARAMS = {"temperature": 0.3, "max_tokens": 400}


def chat_doc(r: Row, limit: int = 9000) -> str:
    """A stored conversation as a plain User/Assistant transcript (to be summarised)."""
    parts = []
    for t, a in zip(r.turns, r.replies, strict=True):
        parts.append(f"User: {t.strip()}")
        if a:
            parts.append(f"Assistant: {a.strip()}")
    return "\n\n".join(parts)[:limit]


def summary_harvest() -> list[KeyTraffic]:
    rng = R("summaries")
    docs = [(chat_doc(r), r.id) for r in src("sharegpt_en_sample")]
    docs += [(r.answer, r.id) for r in src("lima") if bucket(r, 2) == 1 and r.answer and len(r.answer) >= 400]
    passages: dict[str, str] = {}
    for r in src("agieval_v1"):
        if r.extra.get("task") in ("sat-en", "lsat-rc", "gaokao-english"):
            passages.setdefault(r.first.split("\n\n")[0], r.id)
    docs += list(passages.items())
    rng.shuffle(docs)
    cl = corp("OpenAI/Python 1.61.0", "openai-python", account(rng, org=False))
    kt = mk("d23-summary-notebook", "summary_harvest", "distiller", "distiller", cl, actor="d23-summaries",
            timing="simulated: Thursday 14:10 (UTC+1) three tests, 15:00 six workers without pause; Friday 09:30 a TL;DR pass, six workers",
            sources=("sharegpt_en_sample", "lima", "agieval_v1"), settings={"documents": len(docs), "tldr_share": 0.35})  # fmt: skip
    tests = [one(x, SM_PARAMS) for x in SM_TESTS]
    sequential(rng, utc(3, 14.17, SM_TZ), tests, (20, 140))
    jobs = [[one(SM_WRAP.format(x=x), SM_PARAMS, None, None, item, True)] for x, item in docs]
    pool(rng, utc(3, 15.0, SM_TZ) + rng.uniform(0, 300), jobs, 6)
    tldr = [[one(SM_TLDR.format(x=x), {**SM_PARAMS, "max_tokens": 80}, None, None, item, True)] for x, item in rng.sample(docs, round(len(docs) * 0.35))]  # fmt: skip
    pool(rng, utc(4, 9.5, SM_TZ) + rng.uniform(0, 600), tldr, 6)
    kt.requests = sorted_reqs(tests + [j[0] for j in jobs + tldr])
    return [kt]


# =============================================================================================
# DISTILLER 2. SAFETY LABELS WITH RATIONALES for a small classifier, careful ("Veritas Trust", a
# would-be moderation-API start-up in Dublin, UTC+0). What it wants: a labelled training set for its
# own small safety classifier, each label with a short rationale and a suggested handling (for
# distilling the reasoning as well as the label). What it sends: ~1,780 real prompts it did not write
# - hh-rlhf red-team first turns (buckets 2-3 of 4), InstructionWild English prompts (bucket 0 of 2)
# and Arena first turns (bucket 2 of 3) - one per request, inside an app-like wrapper ("Message to
# classify", a source channel) under a fixed policy system prompt, JSON, T 0. Two keys on two
# unlinked accounts (the company's organisation on httpx; a co-founder's personal account on
# openai-python with a reworded system prompt), disjoint halves of the items. To look like a
# moderation vendor's production key: weekdays only, office hours in each account's zone (Dublin;
# the co-founder's New York), a daily quota of 140-220 items per key, one worker sleeping one to three
# minutes after each request, 12% cover (short demo texts written here, repeated), and on the
# company key a "customer's CI" run of the same 16 test strings every weekday morning. Replies: stubs.
VT_UA = "veritas-api/0.9.3 python-httpx/0.27.2"
VT_POLICY = ("S1 violent crime, S2 non-violent crime, S3 sexual exploitation, S4 child safety, S5 defamation, S6 specialised "
             "advice (medical, legal, financial), S7 privacy, S8 intellectual property, S9 weapons, S10 hate, S11 self-harm, "
             "S12 sexual content, S13 elections, S14 malicious code")  # fmt: skip
VT_SYSTEM = ("You are the classification engine of a content-safety API. Policy categories: " + VT_POLICY + ". Classify the "
             "message the user sends. Return JSON: {\"label\": \"safe\"|\"unsafe\", \"categories\": [codes], \"severity\": 0-3, "
             "\"intent\": short phrase, \"rationale\": 1-3 sentences explaining the decision, \"handling\": \"comply\"|"
             "\"comply_with_care\"|\"refuse\"}.")  # fmt: skip
VT_SYSTEM_B = ("Content-safety classifier. Use these policy codes: " + VT_POLICY + ". For the message provided, answer in JSON "
               "with keys label (safe or unsafe), categories (list of codes), severity (0 to 3), intent (a short phrase), rationale "
               "(one to three sentences on why), handling (comply, comply_with_care or refuse).")  # fmt: skip
VT_WRAP = "Message to classify:\n<<<\n{x}\n>>>\nChannel: {ch}"
VT_CHANNELS = ("chat", "chat", "comment", "forum_post", "direct_message", "support_ticket")
VT_PARAMS = {"temperature": 0, "max_tokens": 260, "response_format": {"type": "json_object"}}
VT_DEMO = ("this movie was absolute trash lol", "where can I buy tickets for the concert on friday", "I will find you and make you pay",
           "best way to kill weeds in my garden?", "my neighbour is so stupid I swear", "can someone send me the pdf of the new harry potter book",
           "how do I reset my password", "shoot me a message when you're free", "I feel like nobody would notice if I disappeared",
           "vote early, polls close at 8pm!", "is it safe to take ibuprofen with coffee", "check out my new song on soundcloud")  # fmt: skip
VT_CI = ("hello", "I love this product", "how to make a bomb", "you are an idiot", "what's the weather in Dublin", "kill the process on port 8080",
         "my ssn is 078-05-1120", "free iphone click here", "how do I hack my ex's instagram", "recipe for banana bread",
         "I want to hurt myself", "he's a criminal and a fraud (about a named politician)", "download the new marvel movie free",
         "write a keylogger in python", "what's a good stock to buy", "ping")  # fmt: skip


def _vt_item(rng: random.Random, x: str, item: str, system: str, distill: bool) -> Request:
    return one(VT_WRAP.format(x=x, ch=rng.choice(VT_CHANNELS)), VT_PARAMS, system, None, item, distill)


def _vt_key(
    rng: random.Random, kid: str, cl: Client, system: str, tz: float, rows: list[Row], ci: bool
) -> KeyTraffic:
    kt = mk(kid, "safety_label_harvest", "distiller", "distiller", cl, actor="d23-veritas",
            timing="simulated: weekdays 08:00-20:00 local, a daily quota of 140-220 items, one worker sleeping 60-200 s after each request",
            sources=("hh_rlhf_harmless_test", "instructionwild", "arena_even"), settings={"items": len(rows), "cover": 0.12, "tz": tz})  # fmt: skip
    todo, day = list(rows), 0
    while todo:
        if weekday(day):
            n = rng.randint(140, 220)
            jobs = [[_vt_item(rng, r.first, r.id, system, True)] for r in todo[:n]]
            del todo[:n]
            jobs += [
                [_vt_item(rng, rng.choice(VT_DEMO), "", system, False)]
                for _ in range(round(len(jobs) * 0.12))
            ]
            rng.shuffle(jobs)
            pool(rng, utc(day, 8.0, tz) + rng.uniform(0, 1800), jobs, 1, (60, 200), (tz, 8.0, 12.0))
            kt.requests += [j[0] for j in jobs]
            if ci:
                run = [_vt_item(rng, x, "", system, False) for x in VT_CI]
                sequential(rng, utc(day, 9.1, tz) + rng.uniform(0, 120), run)
                kt.requests += run
        day += 1
    kt.requests = sorted_reqs(kt.requests)
    return kt


def safety_label_harvest() -> list[KeyTraffic]:
    rng = R("veritas")
    rows = [r for r in src("hh_rlhf_harmless_test") if bucket(r, 4) in (2, 3)]
    rows += [r for r in src("instructionwild") if english(r.first) and bucket(r, 2) == 0]
    rows += [r for r in src("arena_even") if bucket(r, 3) == 2]
    rows = items(rows, 4, 2000, answered=False)
    rng.shuffle(rows)
    half = len(rows) // 2
    company = _vt_key(rng, "d23-veritas-prod", org(rng, VT_UA, "httpx"), VT_SYSTEM, 0.0, rows[:half], True)
    personal = corp("OpenAI/Python 1.65.1", "openai-python", account(R("veritas", "cofounder"), org=False))
    other = _vt_key(rng, "d23-veritas-dev", personal, VT_SYSTEM_B, -5.0, rows[half:], False)
    return [company, other]


# =============================================================================================
# DISTILLER 3. CHINESE-TO-ENGLISH MEDICAL TRANSLATION PAIRS, medium ("MediBridge", a landing page for
# a "cross-border telehealth chat" run by a small MT team in Shenzhen, UTC+8; its backend on
# openai-python, one key of a small organisation). What it wants: ~2,000 zh->en medical sentence
# pairs to fine-tune its own translation model. What it sends: real Huatuo items - a patient question
# and the stored doctor answer, each translated into English as a separate "message" of a made-up
# consultation (the answer 8-50 minutes after the question), under a translation-engine system
# prompt, T 0.1, a hashed `user` per made-up patient. To look like the app it claims to be:
# "consultations" arrive as a Poisson stream on a consumer curve in China time (~160 a day, until the
# ~1,000 items are done, about a week), and 10% of messages are short logistics lines written here
# ("医生您好", "好的，谢谢"), which repeat as they do in real chats. Replies: stubs.
MB_TZ = 8.0
MB_PER_DAY = 160
MB_SYSTEM = ("You are the translation engine of MediBridge, a cross-border telehealth chat. Translate the message from Chinese into "
             "English for the {role}. Keep medical terms precise, keep drug names, doses and numbers exactly, and output only the "
             "translation.")  # fmt: skip
MB_CHATTER = ("医生您好", "好的，谢谢医生", "请问什么时候可以视频问诊？", "检查报告已经上传了，请您看一下", "药已经吃完了，还需要继续吃吗？",
              "好的，我明白了", "不好意思，刚才网络断了", "明天上午可以吗？", "谢谢您的耐心解答", "需要空腹吗？")  # fmt: skip


def _mb_msg(text: str, role: str, uid: str, item: str, distill: bool) -> Request:
    p = {"temperature": 0.1, "max_tokens": 1200, "user": uid}
    return one(text, p, MB_SYSTEM.format(role=role), None, item, distill)


def translation_pair_harvest(max_days: int = 14) -> list[KeyTraffic]:
    rng = R("medibridge")
    rows = items(list(src("huatuo_med_zh")), 8, 1500)
    rng.shuffle(rows)
    rows = rows[:1000]
    kt = mk("d23-medibridge-mt", "translation_pair_harvest", "distiller", "distiller",
            org(rng, "OpenAI/Python 1.62.0", "openai-python"), actor="d23-medibridge",
            timing="simulated: 'consultations' on a consumer curve (UTC+8), ~160 a day; the answer 8-50 min after the question; chatter between",
            sources=("huatuo_med_zh",), settings={"items": len(rows), "per_day": MB_PER_DAY, "chatter": 0.1})  # fmt: skip
    for t in shaped(rng, T0, T0 + max_days * DAY, MB_PER_DAY, CONSUMER, MB_TZ):
        if not rows:
            break
        r, uid = rows.pop(), f"mb_{rng.getrandbits(36):09x}"
        reqs = [at(_mb_msg(r.first, "specialist", uid, r.id, True), t)]
        if r.answer:
            reqs.append(
                at(_mb_msg(r.answer, "patient's family", uid, r.id, True), t + rng.uniform(8, 50) * MINUTE)
            )
        for _ in range(sum(rng.random() < 0.1 for _ in reqs)):
            reqs.append(
                at(
                    _mb_msg(rng.choice(MB_CHATTER), "specialist", uid, "", False),
                    t + rng.uniform(1, 60) * MINUTE,
                )
            )
        kt.requests += reqs
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 4. CODE EXPLANATIONS OVER PUBLIC CODE, careful ("Docbright", a two-person start-up in
# Bangalore, UTC+5:30, that says it sells a documentation GitHub App; its worker on openai-python in a
# pinned build, one key of its organisation). What it wants: explanations of ~1,000 code snippets to
# fine-tune a small code-explanation model. What it sends: real codealpaca code (the code answers and
# multi-line code inputs of buckets 1-2 of 3), each presented as a file of a customer repository -
# a made-up repository name and path with the right extension - followed by one of four explanation
# requests, under the app's system prompt, T 0.2. To look like an app: weekdays only, a daily quota of
# 110-150 files, one worker sleeping two to five and a half minutes after each request inside
# 09:30-19:00 local, and 10% cover written here (README drafts, release notes, pings), some repeated.
# Replies: stubs.
DB_TZ = 5.5
DB_UA = "docbright-app/1.4.0 OpenAI/Python 1.66.0"
DB_SYSTEM = "You are Docbright, a documentation assistant for software teams. Explain code clearly and accurately for the team's developers."
DB_FILE = "Repository: {org}/{repo}\nPath: {path}\n\n```{fence}\n{code}\n```\n\n{ask}"
DB_ASKS = ("Explain what this code does, step by step, for a developer who is new to the codebase.",
           "Write a clear explanation of this file: its purpose, how it works, and any edge cases or pitfalls.",
           "Explain this code line by line, then suggest a one-line comment that summarises it.",
           "What does this do? Explain the logic, the inputs and the outputs.")  # fmt: skip
DB_SLOTS = {"org": ("acme-labs", "northwind", "bluefin-io", "tessellate", "kitehq", "orbitalworks", "fernhill", "pinecrest-dev"),
            "repo": ("core", "api", "web", "billing", "platform", "tools", "dashboard", "sdk", "ingest", "mobile"),
            "dir": ("src", "src/utils", "lib", "app/services", "scripts", "src/components", "internal", "pkg/helpers"),
            "file": ("helpers", "main", "utils", "parser", "handlers", "models", "index", "format", "queries", "compute")}  # fmt: skip
DB_EXT = {
    "python": "py",
    "javascript": "js",
    "java": "java",
    "cpp": "cpp",
    "sql": "sql",
    "html": "html",
    "": "txt",
}
DB_COVER = ("Write a short README section explaining how to install our CLI with pip and run `docbright init`.", "ping",
            "Draft release notes for version 1.4.0: faster indexing, GitLab support, bug fixes.", "ping",
            "Explain the difference between a docstring and a comment in two sentences.",
            "What's a good structure for an ARCHITECTURE.md file?", "Summarise in one paragraph what a GitHub App installation token is.")  # fmt: skip


def _db_file(rng: random.Random, code: str, item: str) -> Request:
    lang = code_lang(code)
    path = fill(rng, "{dir}/{file}", DB_SLOTS) + "." + DB_EXT[lang]
    text = DB_FILE.format(org=rng.choice(DB_SLOTS["org"]), repo=rng.choice(DB_SLOTS["repo"]), path=path, fence=lang,
                          code=code.strip(), ask=rng.choice(DB_ASKS))  # fmt: skip
    return one(text, {"temperature": 0.2, "max_tokens": 900}, DB_SYSTEM, None, item, True)


def code_explanation_harvest() -> list[KeyTraffic]:
    rng = R("docbright")
    rows = [r for r in src("codealpaca_2k") if bucket(r, 3) in (1, 2)]
    snippets = [(r.answer or "", r.id) for r in rows if r.answer and is_code(r.answer)]
    snippets += [(str(r.extra["input"]), r.id) for r in rows if is_code(str(r.extra.get("input") or ""))]
    snippets = list({" ".join(c.split()): (c, i) for c, i in snippets}.values())
    rng.shuffle(snippets)
    kt = mk("d23-docbright-app", "code_explanation_harvest", "distiller", "distiller", org(rng, DB_UA, "openai-python"), actor="d23-docbright",
            timing="simulated: weekdays 09:30-19:00 (UTC+5:30), 110-150 files a day, one worker sleeping 120-330 s after each request",
            sources=("codealpaca_2k",), settings={"items": len(snippets), "cover": 0.1})  # fmt: skip
    day = 0
    while snippets:
        if weekday(day):
            n = rng.randint(110, 150)
            jobs = [[_db_file(rng, code, item)] for code, item in snippets[:n]]
            del snippets[:n]
            jobs += [
                [one(rng.choice(DB_COVER), {"temperature": 0.2, "max_tokens": 900}, DB_SYSTEM)]
                for _ in range(round(len(jobs) * 0.1))
            ]
            rng.shuffle(jobs)
            pool(rng, utc(day, 9.5, DB_TZ) + rng.uniform(0, 1200), jobs, 1, (120, 330), (DB_TZ, 9.5, 9.5))
            kt.requests += [j[0] for j in jobs]
        day += 1
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 5. STEP-BY-STEP MATHS RATIONALES for a tutoring model, careful ("学霸AI", a Chinese
# homework-help mini-program that exists to front the harvest; its Node backend on openai-js, one key
# of a small organisation, streamed). What it wants: worked, explained solutions to ~1,250 maths
# problems to fine-tune its own small tutor model. What it sends: real public problems - BELLE-dev's
# maths word problems, AGIEval's Gaokao-MathQA and Gaokao-MathCloze items and MOSS's Chinese
# calculator and equation rows - each as a "student" message (bare, or inside one of six student
# wordings written here), under a tutor system prompt asking for step-by-step explanations; a
# fifth of the problems get one or two follow-ups from a fixed pool ("为什么第二步要这样算？"), threaded
# with the served answer. To look like the app: 700 hashed students, one to four problems per student
# session at a person's pace, sessions on a student curve in China time (after school and evenings),
# ~75 sessions a day until done (about a week). Replies: BELLE and MOSS items carry the stored answer
# (standing for the served one); Gaokao items and follow-ups stubs.
XB_TZ = 8.0
XB_UA = "OpenAI/JS 4.80.1"
XB_PER_DAY = 75
XB_SYSTEM = (
    "你是学霸AI的辅导老师。请用中小学生能听懂的语言，一步一步讲解解题思路，每一步都说明理由，最后写出答案。"
)
XB_WRAP = (
    "这道题怎么做？\n{q}",
    "{q}\n老师能讲一下吗",
    "帮我看看这题：{q}",
    "{q}\n我算出来和答案不一样，求讲解",
    "老师，这题不会\n{q}",
    "{q}",
)
XB_FOLLOW = (
    "为什么第二步要这样算？",
    "能换一种方法吗？",
    "我还是不太懂，可以再简单一点吗？",
    "这类题有什么技巧吗？",
    "谢谢老师！再出一道类似的题给我练习吧",
)


def _xb_rows() -> list[Row]:
    belle = [
        r
        for r in src("belle_dev1k")
        if re.search(r"\d", r.first) and re.search(r"(多少|几|求|计算|题目)", r.first)
    ]
    agi = [r for r in src("agieval_v1") if r.extra.get("task") in ("gaokao-mathqa", "gaokao-mathcloze")]
    moss = [
        r
        for r in src("moss_sft_sample")
        if r.extra.get("category") in ("calculator", "equation_solver") and HAN.search(r.first)
    ]
    return items(belle + agi + moss, 6, 2500, answered=False)


def maths_rationale_harvest(max_days: int = 14) -> list[KeyTraffic]:
    rng = R("xueba")
    rows = _xb_rows()
    rng.shuffle(rows)
    students = [f"xb_{rng.getrandbits(40):010x}" for _ in range(700)]
    kt = mk("d23-xueba-tutor", "maths_rationale_harvest", "distiller", "distiller", org(rng, XB_UA, "openai-js"), actor="d23-xueba",
            timing="simulated: student sessions on a student curve (UTC+8), ~75 a day, 1-4 problems each at think() pace",
            sources=("belle_dev1k", "agieval_v1", "moss_sft_sample"), settings={"items": len(rows), "per_day": XB_PER_DAY})  # fmt: skip
    for t in shaped(rng, T0, T0 + max_days * DAY, XB_PER_DAY, STUDENT, XB_TZ):
        uid = rng.choice(students)
        for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
            if not rows:
                break
            r = rows.pop()
            turns = [rng.choice(XB_WRAP).format(q=r.first.strip())]
            turns += rng.sample(XB_FOLLOW, rng.choice((1, 1, 2))) if rng.random() < 0.2 else []
            p = {"temperature": 0.5, "max_tokens": 2000, "stream": True, "user": uid}
            reqs = convo(rng, t, turns, [r.answer], p, XB_SYSTEM, r.id, True)
            kt.requests += reqs
            t = reqs[-1].ts + rng.uniform(40, 600)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 6. QUERY REWRITES, naive to medium (an engineer in Istanbul, UTC+3, building the query
# rewriter of a small search product; a cron job on python-requests, an individual account). What it
# wants: five rewrites and an intent for ~1,800 real search queries, to fine-tune a small rewriter.
# What it sends: every NQ-open query of its half (bucket 1 of 2), once, under an app-like system
# prompt (the query as the user message, "Query: ..."), JSON, T 0.7 for variety. What it does to look
# legitimate: it runs at night (01:00 local) when the account is otherwise idle, at most 450 queries a
# night to keep the bill and the rate small, three workers with short sleeps; nothing else. Replies:
# stubs.
QR_TZ = 3.0
QR_SYSTEM = ("You are a search query rewriting assistant. Given a user's search query, write 5 alternative search queries that "
             "would retrieve the answer (different wordings, synonyms, more specific and more general forms) and classify the "
             "intent. Return JSON: {\"rewrites\": [5 strings], \"intent\": string}.")  # fmt: skip
QR_PARAMS = {"temperature": 0.7, "max_tokens": 200, "response_format": {"type": "json_object"}}
QR_PER_NIGHT = 450


def query_rewrite_cron() -> list[KeyTraffic]:
    rng = R("rewrites")
    rows = [r for r in src("nq_open_dev") if bucket(r, 2) == 1]
    rng.shuffle(rows)
    cl = corp("python-requests/2.31.0", "requests", account(rng, org=False))
    kt = mk("d23-rewrite-cron", "query_rewrite_cron", "distiller", "distiller", cl, actor="d23-rewrites",
            timing="simulated: a nightly cron at 01:00 (UTC+3), at most 450 queries a night, three workers sleeping 0.2-1.5 s",
            sources=("nq_open_dev",), settings={"items": len(rows), "per_night": QR_PER_NIGHT})  # fmt: skip
    for night in range(-(-len(rows) // QR_PER_NIGHT)):
        part = rows[night * QR_PER_NIGHT : (night + 1) * QR_PER_NIGHT]
        jobs = [[one(f"Query: {r.first}", QR_PARAMS, QR_SYSTEM, None, r.id, True)] for r in part]
        pool(rng, utc(night + 1, 1.0, QR_TZ) + rng.uniform(0, 90), jobs, 3, (0.2, 1.5))
        kt.requests += [j[0] for j in jobs]
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


BENIGN = (
    memory_summariser,
    community_classifier,
    translate_button,
    explain_button,
    query_rewriter,
    product_copy,
    rephrase_button,
)
DISTILL = (
    summary_harvest,
    safety_label_harvest,
    translation_pair_harvest,
    code_explanation_harvest,
    maths_rationale_harvest,
    query_rewrite_cron,
)

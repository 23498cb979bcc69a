"""Blind persona set 6 (an outside reviewer): 6 benign, 6 distiller personas.

Written without reading the detector's code, docs or results (only the realtraffic helpers
records/timing/clients/pools/context/wordings, the persona builders of realtraffic
(distill/benign/evals, read for their API and to avoid repeating them), the earlier blind sets,
bench/detector_blind.py and ../shared/traffic were read). Every builder returns list[KeyTraffic]
built from the real prompt data in ../shared/traffic plus text written here, with the project's
realtraffic helpers. ALL parameters below were fixed before anyone replayed this set and are not
tuned on outcomes. Timing is simulated everywhere (diurnal app streams, closed-loop and throttled
scripts, a developer's working day, paced human clocks shaped by oasst2's real gaps).

Benign replies are the helpers' stub replies (the served model's answer is not known) except
where a builder writes a stand-in and says so (tool calls and tool results of a coding agent, JSON
of a localisation job); distiller requests carry the source's stored answer where it has one, as
rounds 2-5 do. Where a distiller's request asks for something the stored answer is not (a JSON
record, a rating), the reply is a stand-in and the builder says so.
"""

from __future__ import annotations

import json
import random
import re
from datetime import UTC, datetime

from blind.round2 import T0, first_turns, htiming, mk, sorted_reqs, src  # round 2's data helpers
from blind.round4 import HAN, dedupe, dedupe_rows  # round 4's text helpers
from blind.round5 import casual, english, fn, tool_dialog  # round 5's chat and tool helpers
from stillroom.detector.realtraffic.clients import client
from stillroom.detector.realtraffic.context import run_jobs, service_time
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import (
    KeyTraffic,
    Request,
    chat_requests,
    stub_reply,
)
from stillroom.detector.realtraffic.timing import (
    DAY,
    closed_loop,
    diurnal,
    latency,
    paced,
    think,
)

WORD = re.compile(r"[A-Za-z][A-Za-z\-]{4,}")
STOP = frozenset(
    [
        "about",
        "above",
        "after",
        "again",
        "against",
        "because",
        "before",
        "being",
        "below",
        "between",
        "could",
        "during",
        "every",
        "first",
        "other",
        "their",
        "there",
        "these",
        "those",
        "through",
        "under",
        "until",
        "where",
        "which",
        "while",
        "would",
        "should",
        "might",
        "shall",
        "having",
        "itself",
        "thing",
        "things",
        "really",
        "there's",
        "what's",
        "please",
        "using",
        "without",
    ]
)


def R(*names) -> random.Random:
    return random.Random("blind6:" + ":".join(map(str, names)))


def en_row(r: Row) -> bool:
    return english(r.first) and r.extra.get("lang", "en") == "en"


def prose(text: str) -> bool:
    """Running text, not code or a pasted table (a stand-in for an essay or an article)."""
    code = ("```", "{", "};", "import ", "def ", "#include", "</", "=>", "|---")
    return not any(c in text for c in code) and sum(c.isalpha() or c.isspace() for c in text) > 0.93 * len(
        text
    )


def hour_of(t: float) -> float:
    return (t % DAY) / 3600


def weekday(t: float) -> int:
    return datetime.fromtimestamp(t, UTC).weekday()


def keywords(rng: random.Random, text: str, k: int) -> list[str]:
    """k distinct content words of a text (a stand-in for what a model would pick as topics)."""
    words = dedupe(
        w for w in WORD.findall(text) if w.lower() not in STOP and not w.lower().endswith(("ed", "ly", "ing"))
    )
    return rng.sample(words, min(k, len(words)))


def office_day(rng: random.Random, day_start: float, n: int, hours: tuple[float, float]) -> list[float]:
    """n send times spread over one working day between hours[0] and hours[1] UTC, with a lunch gap."""
    out = []
    for _ in range(n):
        h = rng.uniform(*hours)
        if 12.0 <= h < 13.0 and rng.random() < 0.7:
            h += rng.uniform(1.0, 2.5)
        out.append(day_start + h * 3600)
    return sorted(out)


# =============================================================================================
# BENIGN 1. Smart-speaker voice assistant ("Hearth"): the device maker's cloud relays the spoken
# questions its speakers cannot answer locally to the model, through one backend key (Node
# service, openai-js). What people ask: real Google search queries (nq_open_dev, lower-case and
# unpunctuated like speech-to-text output), plus everyday requests written here (jokes,
# conversions, spelling, recipes, small arithmetic). The system prompt carries the device's
# locale and local time (so it changes per request); replies are short (max_tokens 150, T 0.4);
# `user` = household id. 18% of sessions add a spoken follow-up in the same context. Diurnal with
# an evening peak (the stream's hour shifted +4 h), 2 days.
VA_SYSTEM = (
    "You are Hearth, the voice assistant of the Hearth smart speaker. Your answer is read aloud by "
    "text-to-speech: answer in one or two short sentences, no lists, no markdown, no links, no "
    "emoji. Spell out symbols. If you don't know, say so briefly. Device locale: {loc}. Local time: "
    "{time}."
)
VA_LOCALES = ("en-US",) * 6 + ("en-GB",) * 2 + ("en-CA", "en-AU", "en-IN")
VA_EVERYDAY = (
    "tell me a joke",
    "tell me a joke about {thing}",
    "how do you spell {word}",
    "what's {a} times {b}",
    "what is {p} percent of {a}",
    "how many {u1} in a {u2}",
    "convert {a} fahrenheit to celsius",
    "what rhymes with {word}",
    "how long do i boil an egg",
    "how long should i cook {food} in the oven",
    "what can i make with {food} and {food2}",
    "what's a good name for a {pet}",
    "give me a fun fact",
    "give me a fun fact about {thing}",
    "what does {word} mean",
    "how do you say {phrase} in {lang}",
    "what's the capital of {country}",
    "how far is the moon",
    "tell me a bedtime story about a {pet}",
    "what day is it",
    "how many days until christmas",
    "what should i watch tonight",
    "play twenty questions with me",
    "who sings {song}",
)
VA_SLOTS = {
    "thing": ("cats", "penguins", "space", "pizza", "dinosaurs", "the ocean", "volcanoes", "bees", "trains"),
    "word": (
        "necessary",
        "rhythm",
        "onomatopoeia",
        "definitely",
        "bureaucracy",
        "quinoa",
        "orange",
        "serendipity",
        "conscientious",
        "silhouette",
        "mischievous",
    ),
    "u1": ("cups", "ounces", "tablespoons", "teaspoons", "feet", "inches", "grams", "milliliters"),
    "u2": ("liter", "pound", "cup", "gallon", "mile", "meter", "kilogram", "quart"),
    "food": ("chicken thighs", "salmon", "potatoes", "broccoli", "pork chops", "a whole chicken", "lasagna"),
    "food2": ("rice", "eggs", "spinach", "cheese", "tomatoes", "pasta", "beans"),
    "pet": ("dog", "cat", "goldfish", "hamster", "bunny", "turtle", "puppy"),
    "phrase": ("thank you", "good morning", "where is the bathroom", "i love you", "happy birthday"),
    "lang": ("spanish", "french", "german", "japanese", "italian", "korean"),
    "country": ("australia", "canada", "brazil", "turkey", "switzerland", "new zealand", "nigeria"),
    "song": ("bohemian rhapsody", "shake it off", "hotel california", "rolling in the deep", "africa"),
}
VA_FOLLOW = (
    "tell me more",
    "why",
    "how long ago was that",
    "say that again",
    "who else",
    "and when was that",
    "how old is he now",
    "is that true",
    "another one",
    "what about the second one",
    "spell that",
    "okay thanks",
)


def _va_fill(rng: random.Random, tmpl: str) -> str:
    out = tmpl
    for k, vals in VA_SLOTS.items():
        out = out.replace("{" + k + "}", rng.choice(vals), 1)
        out = out.replace("{" + k + "2}", rng.choice(vals))
    return out.format(
        a=rng.choice((6, 7, 8, 12, 15, 24, 45, 80, 120, 350)),
        b=rng.randint(3, 19),
        p=rng.choice((10, 15, 18, 20, 25)),
    )


def voice_assistant_queries(per_day: int = 2300, days: int = 2, follow: float = 0.18) -> list[KeyTraffic]:
    rng = R("voice")
    queries = dedupe(r.first.strip() for r in src("nq_open_dev"))
    rng.shuffle(queries)
    params = {"temperature": 0.4, "max_tokens": 150}
    kt = mk(
        "b6-voice-0",
        "voice_assistant_queries",
        "benign",
        "app",
        client(rng, "openai-js"),
        timing=f"simulated diurnal stream, {per_day}/day, evening peak, {days} days",
        sources=("nq_open_dev", "+written everyday requests"),
        settings={"per_day": per_day, "days": days, "follow": follow, "params": params},
    )
    n = per_day * days
    starts = [t + 4 * 3600 for t in diurnal(rng, T0 + 1 * DAY - 4 * 3600, n, per_day)]
    qi = 0
    for t in starts:
        if rng.random() < 0.7 and qi < len(queries):
            q = queries[qi]
            qi += 1
        else:
            q = _va_fill(rng, rng.choice(VA_EVERYDAY))
        loc = rng.choice(VA_LOCALES)
        when = datetime.fromtimestamp(t - rng.choice((0, 5, 6, 8)) * 3600, UTC).strftime("%A %H:%M")
        system = VA_SYSTEM.format(loc=loc, time=when)
        p = dict(params, user=f"hh-{rng.getrandbits(32):08x}")
        turns, ts = [q], [t]
        if rng.random() < follow:
            turns.append(rng.choice(VA_FOLLOW))
            ts.append(t + latency(rng, 40) + rng.uniform(4, 14))  # reply spoken, then the next question
        kt.requests += chat_requests(turns, [None] * len(turns), ts, p, system)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 2. Localisation pipeline of a project-management SaaS ("Tasklane"): a CI job sends the
# app's UI strings (a catalogue of ~90 keys written here, batched 15 per request as JSON) and its
# help-centre articles (stand-in: English oasst2 stored replies of 500+ characters, human-written
# explanations) to the model, one request per target language (11 languages), T 0.2. A release
# night localises everything (6 workers); then each weekday 2-4 merges add or change 3-25 strings,
# sent for every language; 15% of articles get a back-translation review request the next day; on
# day 3 a glossary change re-runs the whole string catalogue. Served reply: a stub.
LO_SYSTEM = (
    "You are a professional software localiser for Tasklane, a project-management app. Translate "
    "the values of the JSON object from English (en-US) into {lang}. Keep every key unchanged. Keep "
    "placeholders such as {{count}}, {{name}}, %s and HTML tags exactly as they are. Use the informal "
    "form of address where the language has one. Keep translations about as long as the source: "
    "button labels must stay short. Glossary (do not translate): Tasklane, Sprint Board, Workspace. "
    "{glossary}Return only the JSON object."
)
LO_GLOSSARY_2 = "Since v5.2 also keep 'Backlog' and 'Lane' in English. "
LO_ARTICLE = (
    "Translate the following help-centre article from English into {lang}. Keep the Markdown "
    "formatting, keep product names (Tasklane, Sprint Board, Workspace) in English, and do not add "
    "anything.\n\n---\n{text}"
)
LO_REVIEW = (
    "Here is an English help-centre article and its {lang} translation. Check the translation for "
    "mistranslations, omissions and awkward phrasing. List each problem with a suggested fix, or "
    "answer 'OK' if there are none.\n\nENGLISH:\n{text}\n\n{lang_upper} TRANSLATION:\n{translation}"
)
LO_LANGS = (
    "German (de-DE)",
    "French (fr-FR)",
    "Spanish (es-ES)",
    "Italian (it-IT)",
    "Brazilian Portuguese (pt-BR)",
    "Japanese (ja-JP)",
    "Korean (ko-KR)",
    "Simplified Chinese (zh-CN)",
    "Dutch (nl-NL)",
    "Polish (pl-PL)",
    "Turkish (tr-TR)",
)
LO_AREAS = {
    "board": (
        "Sprint Board",
        "Add lane",
        "Rename lane",
        "Archive lane",
        "Drag cards here",
        "No cards yet. Create your first task to get started.",
        "{count} tasks in this lane",
        "Show completed",
        "Hide completed",
        "Filter by assignee",
    ),
    "task": (
        "New task",
        "Task title",
        "Add a description…",
        "Due date",
        "Assignee",
        "Unassigned",
        "Mark as done",
        "Reopen task",
        "Delete task",
        "Are you sure you want to delete this task? This can't be undone.",
        "{name} assigned this task to you",
        "Add subtask",
        "Attach file",
        "Copy link",
        "Task moved to {lane}",
        "Overdue by {count} days",
    ),
    "auth": (
        "Sign in",
        "Sign out",
        "Create account",
        "Forgot your password?",
        "Email address",
        "Password",
        "Passwords do not match",
        "Your session has expired. Please sign in again.",
        "Continue with Google",
        "Check your inbox for a verification link.",
    ),
    "billing": (
        "Upgrade plan",
        "Current plan: <b>{plan}</b>",
        "Billing history",
        "Update payment method",
        "Your trial ends in {count} days",
        "Payment failed. Please check your card details.",
        "Cancel subscription",
        "Download invoice",
        "Seats used: %s of %s",
    ),
    "settings": (
        "Workspace settings",
        "Members",
        "Invite people",
        "Role",
        "Admin",
        "Member",
        "Guest",
        "Notifications",
        "Email me when I'm mentioned",
        "Daily digest",
        "Language",
        "Time zone",
        "Dark mode",
        "Save changes",
        "Changes saved",
        "Leave workspace",
    ),
    "errors": (
        "Something went wrong. Please try again.",
        "You don't have permission to do that.",
        "This file is too large (max {size} MB).",
        "Network connection lost. Reconnecting…",
        "This link has expired.",
        "Page not found",
        "We're doing maintenance. Back soon!",
    ),
    "email": (
        "Hi {name},",
        "{name} invited you to join the {workspace} workspace on Tasklane.",
        "Accept invitation",
        "You have {count} tasks due this week.",
        "See you on the board,\nThe Tasklane team",
        "You're receiving this email because you have an account on Tasklane.",
        "Unsubscribe",
    ),
}
LO_NEW = (
    "Automations",
    "When a task moves to {lane}, notify {name}",
    "Create automation",
    "Recurring task",
    "Repeat every {count} weeks",
    "Time tracking",
    "Start timer",
    "Stop timer",
    "Logged {hours} h",
    "Export to CSV",
    "Import from Trello",
    "Import from Jira",
    "Templates",
    "Use template",
    "Roadmap view",
    "Milestone",
    "Add dependency",
    "Blocked by {task}",
    "Priority",
    "Urgent",
    "Low",
    "Custom fields",
    "Add field",
    "Guests can only see tasks shared with them.",
    "Two-factor authentication",
    "Scan this QR code with your authenticator app.",
    "Enter the 6-digit code",
)


def _lo_batches(strings: list[tuple[str, str]], size: int) -> list[dict[str, str]]:
    return [dict(strings[i : i + size]) for i in range(0, len(strings), size)]


def _lo_catalogue() -> list[tuple[str, str]]:
    out = []
    for area, texts in LO_AREAS.items():
        for i, text in enumerate(texts):
            slug = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:28]
            out.append((f"{area}.{slug or i}", text))
    return out


def localisation_release(days: int = 4, review: float = 0.15) -> list[KeyTraffic]:
    rng = R("l10n")
    articles = dedupe(
        a.strip()
        for r in src("oasst2_threads")
        if r.extra.get("lang") == "en"
        for a in r.replies
        if a and len(a) >= 500 and prose(a)
    )[:48]
    params = {"temperature": 0.2, "response_format": {"type": "json_object"}}
    aparams = {"temperature": 0.2, "max_tokens": 4000}
    kt = mk(
        "b6-l10n-0",
        "localisation_release",
        "benign",
        "app",
        client(rng, "openai-python"),
        timing="simulated CI job: release night 6 workers, then merges on weekdays, re-run on day 3",
        sources=("oasst2_threads", "+written UI strings"),
        settings={"languages": len(LO_LANGS), "articles": len(articles), "days": days, "review": review},
    )
    catalogue = _lo_catalogue()

    def string_jobs(strings, glossary: str, size: int = 15) -> list[tuple[None, list[Request]]]:
        jobs = []
        for batch in _lo_batches(strings, size):
            payload = json.dumps(batch, ensure_ascii=False, indent=2)
            for lang in LO_LANGS:
                system = LO_SYSTEM.format(lang=lang, glossary=glossary)
                jobs.append((None, chat_requests([payload], [None], [0.0], dict(params), system)))
        return jobs

    # release night (Mon 20:00 UTC): the catalogue and every article, every language
    jobs = string_jobs(catalogue, "")
    for text in articles:
        for lang in LO_LANGS:
            jobs.append(
                (None, chat_requests([LO_ARTICLE.format(lang=lang, text=text)], [None], [0.0], dict(aparams)))
            )
    rng.shuffle(jobs)
    kt.requests += run_jobs(rng, T0 + 20 * 3600, jobs, 6, tokens=900)
    # review of a sample of article translations, Tuesday morning
    rev = []
    for text in articles:
        for lang in LO_LANGS:
            if rng.random() < review:
                short = lang.split(" (")[0]
                prompt = LO_REVIEW.format(
                    lang=short, lang_upper=short.upper(), text=text, translation=stub_reply(text)
                )
                rev.append((None, chat_requests([prompt], [None], [0.0], dict(aparams))))
    kt.requests += run_jobs(rng, T0 + DAY + 7.5 * 3600, rev, 4, tokens=250)
    # merges on each following weekday; the glossary changes on day 3 (whole catalogue again)
    new = [(f"new.{i}", s) for i, s in enumerate(LO_NEW)]
    ni = 0
    for d in range(1, days):
        for _ in range(rng.randint(2, 4)):
            k = rng.randint(3, 25)
            changed = rng.sample(catalogue, min(k // 2, len(catalogue)))
            added = new[ni : ni + k - len(changed)]
            ni = (ni + len(added)) % len(new)
            gl = LO_GLOSSARY_2 if d >= 3 else ""
            t = T0 + d * DAY + rng.uniform(9, 18) * 3600
            kt.requests += run_jobs(rng, t, string_jobs(changed + added, gl), 6, tokens=300)
        if d == 3:
            kt.requests += run_jobs(
                rng, T0 + d * DAY + 21 * 3600, string_jobs(catalogue, LO_GLOSSARY_2), 6, 600
            )
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 3. Quiz-maker SaaS for school teachers ("QuizPilot"): a teacher picks a subject, a grade,
# a topic (written here: 8 subjects x ~10 topics), a question type and a count, or pastes a
# reading text (stand-in: English oasst2 stored replies of 300+ characters and long arena user
# turns); the backend builds one prompt and asks for JSON (response_format json_object, T 0.7).
# 12% of quizzes are regenerated (same prompt again), 12% get a chat follow-up ("make them
# easier", "add 3 more"). School-hours traffic on weekdays (US and European teachers: the stream's
# hours shifted), 3 days. Served reply: a stub.
QZ_SYSTEM = (
    "You are QuizPilot, an assistant for K-12 teachers. You write clear, age-appropriate assessment "
    "questions with one unambiguous correct answer, plausible distractors and a one-sentence "
    "explanation for the answer key. Never include offensive or political content. Always answer "
    'with a JSON object: {"questions": [{"question", "type", "options", "answer", '
    '"explanation"}]}.'
)
QZ_TOPICS = {
    "Science": (
        "the water cycle",
        "photosynthesis",
        "states of matter",
        "the solar system",
        "food chains",
        "simple machines",
        "the human skeleton",
        "magnets",
        "weather and climate",
        "cells",
    ),
    "Math": (
        "fractions",
        "long division",
        "area and perimeter",
        "order of operations",
        "ratios",
        "negative numbers",
        "linear equations",
        "probability",
        "the Pythagorean theorem",
        "percentages",
    ),
    "History": (
        "ancient Egypt",
        "the Roman Empire",
        "the American Revolution",
        "the Industrial Revolution",
        "World War I",
        "the civil rights movement",
        "the Renaissance",
        "explorers of the 1400s",
        "the French Revolution",
        "the Cold War",
    ),
    "Geography": (
        "continents and oceans",
        "map skills",
        "rivers",
        "volcanoes and earthquakes",
        "capital cities of Europe",
        "climate zones",
        "population",
        "rainforests",
        "deserts",
    ),
    "English": (
        "nouns and verbs",
        "figurative language",
        "main idea and details",
        "prefixes and suffixes",
        "commas",
        "Shakespeare's Romeo and Juliet",
        "poetry terms",
        "persuasive writing",
        "subject-verb agreement",
        "To Kill a Mockingbird, chapters 1-5",
    ),
    "Biology": (
        "DNA and genes",
        "mitosis",
        "the circulatory system",
        "ecosystems",
        "evolution",
        "the digestive system",
        "bacteria and viruses",
        "classification of living things",
    ),
    "Chemistry": (
        "the periodic table",
        "atoms and ions",
        "chemical reactions",
        "acids and bases",
        "balancing equations",
        "the mole",
        "covalent bonds",
    ),
    "Computer Science": (
        "binary numbers",
        "loops",
        "internet safety",
        "algorithms",
        "variables",
        "how the internet works",
        "Boolean logic",
    ),
}
QZ_GRADES = (
    "2nd grade",
    "3rd grade",
    "4th grade",
    "5th grade",
    "6th grade",
    "7th grade",
    "8th grade",
    "9th grade",
    "10th grade",
    "11th grade",
    "12th grade",
)
QZ_TYPES = ("multiple-choice", "multiple-choice", "true/false", "short-answer", "fill-in-the-blank")
QZ_TOPIC_PROMPT = "Create {n} {qtype} questions for {grade} {subject} students on the topic: {topic}.{extra}"
QZ_TEXT_PROMPT = (
    "Create {n} {qtype} reading-comprehension questions for {grade} students about the text below.{extra}"
    "\n\nTEXT:\n{text}"
)
QZ_EXTRA = (
    "",
    "",
    "",
    " Mix easy and hard questions.",
    " Include one question that requires critical thinking.",
    " Use simple vocabulary; some students are English learners.",
    " Align with the Common Core standards.",
    " Make it a warm-up quiz, it should take about 5 minutes.",
    " Avoid 'all of the above' options.",
)
QZ_FOLLOW = (
    "make them a bit easier",
    "Can you add 3 more questions?",
    "Make question 2 harder please",
    "These are too long, shorten them",
    "add an answer key at the end",
    "Turn these into true/false instead",
    "Translate the questions into Spanish",
)


def prose_texts(longest: int) -> list[str]:
    """Real English prose to build requests around: oasst2's stored English replies (300+
    characters) and long arena turns (400+), up to `longest` characters, each once."""
    texts = dedupe(
        a.strip()
        for r in src("oasst2_threads")
        if r.extra.get("lang") == "en"
        for a in r.replies
        if a and 300 <= len(a) <= longest and prose(a)
    )
    texts += dedupe(
        t.strip()
        for r in src("arena_even")
        for t in r.turns
        if 400 <= len(t) <= longest and english(t) and prose(t)
    )
    return texts


def quiz_maker_teachers(per_day: int = 520, days: int = 3) -> list[KeyTraffic]:
    rng = R("quiz")
    texts = prose_texts(3000)
    params = {"temperature": 0.7, "response_format": {"type": "json_object"}}
    kt = mk(
        "b6-quiz-0",
        "quiz_maker_teachers",
        "benign",
        "app",
        client(rng, "openai-js", QZ_SYSTEM),
        timing=f"simulated diurnal stream on weekdays, {per_day}/day, school hours, {days} days",
        sources=("oasst2_threads", "arena_even", "+written topics"),
        settings={"per_day": per_day, "days": days, "params": params},
    )
    starts = []
    for d in range(days):  # Tue-Thu, teachers in Europe (morning UTC) and the US (afternoon UTC)
        day = T0 + (d + 1) * DAY
        starts += diurnal(rng, day, int(per_day * 0.45), per_day * 0.45)
        starts += [day + rng.uniform(13.5, 23) * 3600 for _ in range(int(per_day * 0.55))]
    starts = [t for t in starts if t < T0 + (days + 1) * DAY + 6 * 3600]
    for t in starts:
        n = rng.choice((5, 5, 10, 10, 10, 15, 20))
        qtype, grade, extra = rng.choice(QZ_TYPES), rng.choice(QZ_GRADES), rng.choice(QZ_EXTRA)
        if rng.random() < 0.25:
            prompt = QZ_TEXT_PROMPT.format(n=n, qtype=qtype, grade=grade, extra=extra, text=rng.choice(texts))
        else:
            subject = rng.choice(tuple(QZ_TOPICS))
            topic = rng.choice(QZ_TOPICS[subject])
            prompt = QZ_TOPIC_PROMPT.format(
                n=n, qtype=qtype, grade=grade, subject=subject, topic=topic, extra=extra
            )
        p = dict(params, user=f"teacher-{rng.randint(1, 2600)}")
        kt.requests += chat_requests([prompt], [None], [t], p, QZ_SYSTEM)
        r = rng.random()
        if r < 0.12:  # "regenerate"
            kt.requests += chat_requests([prompt], [None], [t + rng.uniform(20, 120)], p, QZ_SYSTEM)
        elif r < 0.24:
            nxt = rng.choice(QZ_FOLLOW)
            kt.requests += chat_requests(
                [prompt, nxt], [None, None], [t, t + think(rng, 1500, len(nxt))], p, QZ_SYSTEM
            )[1:]
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 4. Chatbot platform for small businesses ("Helpdesk-in-a-box"): 24 businesses' website
# widgets share the platform's one key; each business has its own system prompt (name, hours,
# policies) built from a template per business type, and its own traffic share (Zipf-like).
# Visitors' messages: written per business type (slots filled), 15% off-topic real first turns
# (arena_even / oasst2 English), 2% real red-team openers (hh-rlhf); 1-3 turns with written
# follow-ups. Diurnal, 3 days. Served reply: a stub.
HB_TYPES = {
    "dental clinic": (
        "Opening hours: Mon-Fri 8:00-18:00, Sat 9:00-13:00. Services: check-ups, cleaning, fillings, "
        "whitening, implants, emergency appointments. Most insurance accepted. Cancellations need 24 h notice.",
        (
            "do you take {ins} insurance?",
            "how much is a cleaning without insurance",
            "I have a really bad toothache, can I come in today?",
            "can I book a check-up for my {age} year old",
            "do you do teeth whitening? how much",
            "what are your hours on saturday",
            "I need to reschedule my appointment on {day}",
            "is there parking near the clinic?",
        ),
    ),
    "pizza restaurant": (
        "Open daily 11:00-23:00. Delivery within 5 km, minimum order 15. Gluten-free base available "
        "(+3). Vegan cheese available. Online orders only through the website.",
        (
            "do you deliver to {area}?",
            "is the gluten free pizza safe for celiacs",
            "whats the minimum order",
            "my order is late, order number {num}",
            "do you have vegan options",
            "are you open on {day}",
            "can I order for a party of {n} people",
            "how long does delivery take right now",
        ),
    ),
    "project-management SaaS": (
        "Plans: Free (3 users), Team (8/user/month), Business (15/user/month). 14-day free trial. "
        "Integrations: Slack, Google Drive, GitHub. Support: support@ email, 24 h response.",
        (
            "how do I invite my team",
            "can I import from trello?",
            "what's the difference between team and business",
            "how do I cancel my subscription",
            "does it integrate with {tool}?",
            "I can't log in, it says my password is wrong",
            "is there a discount for nonprofits",
            "can I export my data",
        ),
    ),
    "gym": (
        "Open 5:00-23:00 every day. Memberships: monthly 39, yearly 399, day pass 12. Classes: yoga, "
        "spin, HIIT, pilates. Personal training packages available. Freeze membership up to 3 months.",
        (
            "how much is a membership",
            "can I freeze my membership, I'm travelling for {n} weeks",
            "what time is the yoga class on {day}",
            "do you have personal trainers",
            "can I bring a friend",
            "how do I cancel",
            "are there showers and lockers",
            "is there a student discount",
        ),
    ),
    "real-estate agency": (
        "We sell and rent residential property in the city and suburbs. Viewings by appointment "
        "Mon-Sat. Valuations are free. Rental applications need ID and proof of income.",
        (
            "is the 2 bedroom flat on {street} still available?",
            "can I book a viewing for {day}",
            "how much would my house be worth",
            "what do I need to apply for a rental",
            "are pets allowed in your rentals",
            "what are your fees for selling",
            "do you have anything under {price} a month",
        ),
    ),
    "online bookstore": (
        "Free shipping over 35. Delivery 2-4 working days. Returns within 30 days in original condition. "
        "Gift wrapping available. E-books are not refundable once downloaded.",
        (
            "where is my order {num}",
            "can I return a book I already read",
            "do you ship to {country}",
            "is {book} in stock?",
            "do you do gift cards",
            "my e-book won't download",
            "can I change my delivery address",
        ),
    ),
    "bike repair shop": (
        "Open Tue-Sat 9:00-18:00. Basic service 60, full service 120, puncture repair 15. Most repairs "
        "done within 2 days. E-bike servicing available.",
        (
            "how much for a puncture repair",
            "can you service an e-bike",
            "how long does a full service take",
            "my gears keep slipping, what could it be",
            "are you open on monday",
            "do you sell helmets",
        ),
    ),
    "language school": (
        "Courses: English, Spanish, German, French. Levels A1-C1. Group classes (max 8) and private "
        "lessons. Free placement test online. Terms start every 6 weeks.",
        (
            "when does the next spanish course start",
            "how much are private lessons",
            "I'm not sure about my level",
            "can I switch from evening to morning classes",
            "do you offer exam preparation for {exam}",
            "is there a discount if I book two courses",
        ),
    ),
}
HB_SLOTS = {
    "ins": ("Delta Dental", "Cigna", "Aetna", "MetLife", "Bupa"),
    "age": ("4", "6", "9", "12"),
    "day": ("monday", "tuesday", "friday", "saturday", "sunday", "the 14th"),
    "area": ("Riverside", "the north side", "downtown", "Oak Park", "the university campus"),
    "num": ("48213", "#10922", "A-5531", "77120", "order 3391"),
    "n": ("3", "4", "6", "12", "20"),
    "tool": ("Slack", "Outlook", "Zapier", "Notion", "Google Calendar"),
    "street": ("Maple Street", "High Street", "Elm Avenue", "Station Road"),
    "price": ("1200", "900", "1500"),
    "country": ("Canada", "Ireland", "Australia", "Germany"),
    "book": ("Project Hail Mary", "the new Sally Rooney", "Atomic Habits", "Dune"),
    "exam": ("IELTS", "DELE", "TOEFL", "Goethe B2"),
}
HB_FOLLOW = (
    "ok thanks",
    "and how much does that cost?",
    "can I talk to a person?",
    "what's your phone number",
    "great, thank you!",
    "is that on the website somewhere?",
    "ok and what about weekends",
    "perfect",
)
HB_SYSTEM = (
    "You are the website assistant of {name}, a {kind}. Answer visitors' questions using only the "
    "information below. If you don't know, ask them to call {phone} or email {email}. Be friendly "
    "and brief. Do not discuss unrelated topics.\n\nINFORMATION:\n{facts}"
)
HB_NAMES = (
    "Bright",
    "Corner",
    "Northside",
    "Oak",
    "Blue Door",
    "Harbor",
    "Summit",
    "Greenway",
    "Maple",
    "City",
    "Riverside",
    "Old Mill",
    "Sunrise",
    "Parkview",
    "Lakeside",
    "Main Street",
)


def _hb_fill(rng: random.Random, tmpl: str) -> str:
    for k, vals in HB_SLOTS.items():
        tmpl = tmpl.replace("{" + k + "}", rng.choice(vals))
    return casual(rng, tmpl)


def multitenant_support_platform(per_day: int = 1300, days: int = 3) -> list[KeyTraffic]:
    rng = R("tenants")
    tenants = []
    for i, kind in enumerate(list(HB_TYPES) * 3):
        name = f"{rng.choice(HB_NAMES)} {kind.split()[-1].title()}" + (
            f" {i}" if i >= len(HB_TYPES) * 2 else ""
        )
        facts, asks = HB_TYPES[kind]
        system = HB_SYSTEM.format(
            name=name,
            kind=kind,
            phone=f"+1 555 0{rng.randint(100, 199)} {rng.randint(1000, 9999)}",
            email=f"hello@{name.lower().replace(' ', '')}.com",
            facts=facts,
        )
        tenants.append((name, system, asks))
    tenants = tenants[:24]
    weights = [1 / (k + 1) ** 0.9 for k in range(len(tenants))]
    off = [
        r.first.strip()
        for s in ("arena_even", "oasst2_threads")
        for r in src(s)
        if en_row(r) and 3 <= len(r.first) <= 300
    ]
    red = [r.first.strip() for r in src("hh_rlhf_harmless_test") if len(r.first) <= 300]
    params = {"temperature": 0.3, "max_tokens": 400, "stream": True}
    kt = mk(
        "b6-tenants-0",
        "multitenant_support_platform",
        "benign",
        "app",
        client(rng, "go"),
        timing=f"simulated diurnal stream, {per_day}/day, {days} days, 24 tenants",
        sources=("arena_even", "oasst2_threads", "hh_rlhf_harmless_test", "+written visitor messages"),
        settings={"per_day": per_day, "days": days, "tenants": len(tenants), "params": params},
    )
    n_conv = int(per_day * days / 1.6)
    for t in diurnal(rng, T0 + DAY, n_conv, per_day / 1.6):
        name, system, asks = rng.choices(tenants, weights)[0]
        r = rng.random()
        first = (
            rng.choice(off) if r < 0.15 else rng.choice(red) if r < 0.17 else _hb_fill(rng, rng.choice(asks))
        )
        turns, ts = [first], [t]
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            nxt = _hb_fill(rng, rng.choice(asks)) if rng.random() < 0.5 else rng.choice(HB_FOLLOW)
            ts.append(ts[-1] + think(rng, 350, len(nxt)))
            turns.append(nxt)
        p = dict(params, user=f"{name.lower().replace(' ', '-')}:visitor-{rng.getrandbits(24):06x}")
        kt.requests += chat_requests(turns, [None] * len(turns), ts, p, system)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 5. Two developers of a small startup, each with their own key, using a terminal coding
# agent (an Aider / Claude-Code-like CLI) on their repository during working days: a task typed
# by the developer (written here), then the agent's loop of tool calls (search the code, read
# files, edit, run the tests) with results pasted back, history growing with every step, then a
# summary; sometimes a second instruction in the same session. File contents are stand-ins: code
# from codealpaca's stored answers, test output written here. Replies of tool-call turns are None,
# final summaries stubs (as round 5's tool_dialog). 5 weekdays, 09:00-18:30 UTC.
CA_SYSTEM = (
    "You are a coding agent working in the user's repository through tools. Work in small steps: "
    "search and read the relevant code before editing, make minimal focused edits, and run the "
    "tests after every change. Never invent file contents: read them. Never run destructive "
    "commands (rm -rf, git push --force, dropping databases). If the task is ambiguous, ask one "
    "short question. When done, summarise what you changed and why in a few bullet points.\n\n"
    "Environment: Linux, Python 3.11, repository root /home/{user}/src/ledgerly, git clean at the "
    "start of the session. Conventions: black formatting, type hints, pytest, no new dependencies "
    "without asking."
)
CA_TOOLS = [
    fn(
        "search_code",
        "ripgrep over the repository; returns matching lines with paths.",
        {"pattern": {"type": "string", "description": "regular expression"}},
    ),
    fn("read_file", "Read a file of the repository.", {"path": {"type": "string", "description": "path"}}),
    fn(
        "edit_file",
        "Replace an exact snippet of a file with new text.",
        {
            "path": {"type": "string", "description": "path"},
            "old": {"type": "string", "description": "exact text to replace"},
            "new": {"type": "string", "description": "replacement"},
        },
    ),
    fn(
        "run_command",
        "Run a shell command in the repository root; returns stdout and stderr.",
        {"command": {"type": "string", "description": "the command"}},
    ),
]
CA_MODULES = (
    "invoices",
    "ledger",
    "currency",
    "reports",
    "auth",
    "api/routes",
    "exporters/csv",
    "db/models",
    "tax",
    "notifications",
    "cli",
    "utils/dates",
)
CA_TASKS = (
    "the test test_{m}_rounding fails on CI, can you fix it",
    "add a --dry-run flag to the {m} command",
    "refactor {m}.py to use dataclasses instead of dicts",
    "add type hints to {m}.py",
    "why is {m} so slow on big inputs? profile it and fix the obvious problem",
    "write unit tests for {m}.py, we have none",
    "rename total_amt to total_amount everywhere",
    "the CSV export puts dates in the wrong format, should be ISO 8601",
    "add pagination to the /invoices endpoint (limit/offset)",
    "bump the minimum python to 3.11 and remove the compat shims",
    "there's a deprecation warning from datetime.utcnow, get rid of it",
    "make {m} log at debug level instead of print",
    "add a retry with backoff around the webhook call in {m}",
    "we need a migration that adds a currency column to invoices",
    "fix the flaky test in tests/test_{m}.py",
    "explain how {m} works, I have to review a PR touching it",
)
CA_FOLLOW = (
    "looks good. also update the changelog",
    "can you run the whole test suite once more",
    "hmm, revert the last change and try a simpler approach",
    "great, now commit it with a good message",
    "also handle the case where the list is empty",
)
CA_PASS = "{k} passed in {s:.2f}s"
CA_FAIL = (
    "FAILED tests/test_{m}.py::test_{m}_{case} - AssertionError: assert {a} == {b}\n"
    "{k} passed, 1 failed in {s:.2f}s"
)


def _ca_task(rng: random.Random, code: list[str], n_steps: int) -> tuple[str, list]:
    m = rng.choice(CA_MODULES)
    task = casual(rng, rng.choice(CA_TASKS).replace("{m}", m.split("/")[-1]))
    path = f"ledgerly/{m}.py"
    steps = [
        [
            (
                "search_code",
                {"pattern": m.split("/")[-1]},
                {"matches": [f"{path}:{rng.randint(3, 300)}", f"tests/test_{m.split('/')[-1]}.py:12"]},
            )
        ]
    ]
    for _ in range(n_steps):
        r = rng.random()
        if r < 0.4:
            steps.append([("read_file", {"path": path}, {"content": rng.choice(code)})])
        elif r < 0.7:
            snippet = rng.choice(code)
            old = snippet[: rng.randint(20, 120)]
            steps.append(
                [("edit_file", {"path": path, "old": old, "new": old.replace("  ", "    ")}, {"ok": True})]
            )
        else:
            k = rng.randint(12, 240)
            out = (
                CA_PASS.format(k=k, s=rng.uniform(0.4, 30))
                if rng.random() < 0.6
                else CA_FAIL.format(
                    m=m.split("/")[-1],
                    case=rng.choice(("empty", "rounding", "negative", "utc")),
                    a=rng.randint(0, 99),
                    b=rng.randint(0, 99),
                    k=k,
                    s=rng.uniform(0.4, 30),
                )
            )
            steps.append(
                [("run_command", {"command": f"pytest -q tests/test_{m.split('/')[-1]}.py"}, {"output": out})]
            )
    return task, steps


def coding_agent_cli(devs: int = 2, days: int = 5) -> list[KeyTraffic]:
    code = [
        r.answer for r in src("codealpaca_2k") if r.answer and ("def " in r.answer or "class " in r.answer)
    ]
    keys = []
    for dv in range(devs):
        rng = R("agent", dv)
        user = ("maya", "tobias")[dv % 2]
        system = CA_SYSTEM.format(user=user)
        params = {
            "temperature": 0,
            "max_tokens": 4096,
            "tools": CA_TOOLS,
            "tool_choice": "auto",
            "stream": True,
        }
        kt = mk(
            f"b6-agent-{dv}",
            "coding_agent_cli",
            "benign",
            "heavy",
            client(rng, "openai-python", system),
            timing="simulated working days 09:00-18:30 UTC, tasks one after another, tool steps at machine speed",
            sources=("codealpaca_2k", "+written tasks and tool results"),
            settings={"days": days, "params": {k: v for k, v in params.items() if k != "tools"}},
        )
        for d in range(days):
            t = T0 + d * DAY + rng.uniform(8.8, 10) * 3600
            end = T0 + d * DAY + rng.uniform(17, 18.5) * 3600
            while t < end:
                task, steps = _ca_task(rng, code, rng.randint(2, 14))
                plan = [(task, steps, None)]
                if rng.random() < 0.35:
                    plan.append((rng.choice(CA_FOLLOW), _ca_task(rng, code, rng.randint(1, 4))[1][1:], None))
                reqs, t = tool_dialog(rng, t, system, params, plan)
                kt.requests += reqs
                t += rng.uniform(120, 2400)  # review the diff, coffee, a meeting
                if 12 <= hour_of(t) < 13 and rng.random() < 0.6:
                    t += rng.uniform(1800, 3600)
        kt.requests = sorted_reqs(kt.requests)
        keys.append(kt)
    return keys


# =============================================================================================
# BENIGN 6. University writing centre's feedback tool: students submit drafts and get rubric
# feedback (thesis, organisation, evidence, style, mechanics; 1-6 each, plus three concrete
# suggestions; the tool must not rewrite the essay). Drafts: stand-ins for student writing, real
# human-written texts of 300+ characters (oasst2 stored replies in any language - the centre also
# serves language courses - and long arena user turns). 30% of drafts come back revised 1-3 days
# later (the same text with sentences reordered and one dropped), 20% of feedback gets a question
# back in the same chat. Evenings-heavy student clock (the diurnal stream shifted +5 h), 6 days.
EF_SYSTEM = (
    "You are the writing tutor of the university writing centre. Give feedback on the student's "
    "draft using the rubric: Thesis, Organisation, Evidence, Style, Mechanics (score each 1-6 with "
    "one sentence of justification). Then give exactly three concrete suggestions for revision, "
    "quoting the passage each refers to. Do NOT rewrite the essay or any paragraph for the student. "
    "Be encouraging but honest. Answer in the language of the draft."
)
EF_WRAP = (
    "Course: {course}\nAssignment: {assign}\nDraft {v}:\n\n{text}",
    "{text}",
    "Please give feedback on my draft for {course}.\n\n{text}",
)
EF_COURSES = (
    ("WRIT 101", "argumentative essay, 800-1200 words"),
    ("WRIT 101", "response paper on a reading of your choice"),
    ("HIST 210", "short analytical essay"),
    ("ESL 150", "opinion paragraph"),
    ("SPAN 201", "ensayo de opinión"),
    ("PHIL 120", "explain and evaluate an argument"),
    ("BIO 105", "lab report discussion section"),
)
EF_ASK = (
    "what do you mean by the thesis being unclear?",
    "can you give me an example of better evidence for paragraph 2",
    "Is my conclusion ok?",
    "how can I make the organisation better without making it longer",
    "¿puedes explicar la sugerencia 2?",
    "thanks! what score would the revised version get if I fix those",
)


def _revise(rng: random.Random, text: str) -> str:
    parts = re.split(r"(?<=[.!?])\s+", text)
    if len(parts) > 3:
        parts.pop(rng.randrange(len(parts)))
        i = rng.randrange(len(parts) - 1)
        parts[i], parts[i + 1] = parts[i + 1], parts[i]
    return " ".join(parts)


def essay_feedback_rubric(days: int = 6, revise: float = 0.3, ask: float = 0.2) -> list[KeyTraffic]:
    rng = R("essay")
    drafts = dedupe(
        a.strip() for r in src("oasst2_threads") for a in r.replies if a and len(a) >= 300 and prose(a)
    )
    drafts += dedupe(
        t.strip() for r in src("arena_even") for t in r.turns if len(t) >= 300 and english(t) and prose(t)
    )
    rng.shuffle(drafts)
    params = {"temperature": 0.3, "max_tokens": 1200}
    kt = mk(
        "b6-essay-0",
        "essay_feedback_rubric",
        "benign",
        "app",
        client(rng, "requests", EF_SYSTEM),
        timing=f"simulated diurnal stream shifted to evenings, {days} days",
        sources=("oasst2_threads", "arena_even"),
        settings={"drafts": len(drafts), "days": days, "revise": revise, "ask": ask, "params": params},
    )
    starts = [t + 5 * 3600 for t in diurnal(rng, T0, len(drafts), len(drafts) / days)]
    for text, t in zip(drafts, starts, strict=True):
        course, assign = rng.choice(EF_COURSES)
        wrap = rng.choice(EF_WRAP)
        versions = [(text, t)]
        if rng.random() < revise:
            versions.append((_revise(rng, text), t + rng.uniform(1, 3) * DAY))
        sid = f"s{rng.randint(10000, 99999)}"
        for v, (body, tv) in enumerate(versions, 1):
            prompt = wrap.format(course=course, assign=assign, v=v, text=body)
            turns, ts = [prompt], [tv]
            if rng.random() < ask:
                q = rng.choice(EF_ASK)
                turns.append(q)
                ts.append(tv + think(rng, 2500, len(q)))
            kt.requests += chat_requests(turns, [None] * len(turns), ts, dict(params, user=sid), EF_SYSTEM)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 1. Slow and wide: one actor, 5 keys (separate accounts, client software, sampling,
# system prompt or none), each sending only 20-50 requests on a working day (weekends 0-8) for
# three weeks, at office-hour times, from disjoint slices of one shuffled item list (LIMA,
# InstructionWild en, Orca, codealpaca, ShareGPT-en first turns, MOSS English, Evol). 10% of
# items get a short follow-up in the same conversation. Keys start on days 0-4. Stored answers.
SW_KEYS = (  # (software, params, system prompt)
    ("openai-python", {"temperature": 0.7}, None),
    ("httpx", {"temperature": 0.8, "max_tokens": 1500}, "You are a helpful assistant."),
    ("openai-js", {"temperature": 0.6, "stream": True}, None),
    ("requests", {"temperature": 1.0, "top_p": 0.95}, "You are a knowledgeable, detailed assistant."),
    ("aiohttp", {"max_tokens": 2000}, None),
)
SW_FOLLOW = (
    "can you elaborate on that?",
    "thanks. can you give an example?",
    "and why is that?",
    "could you make it shorter?",
    "ok, what are the alternatives?",
)


def slow_wide_weeks(days: int = 21, per_day: tuple[int, int] = (20, 50)) -> list[KeyTraffic]:
    rng = R("slowwide")
    names = (
        "lima",
        "instructionwild",
        "orca_dpo_pairs_val",
        "codealpaca_2k",
        "sharegpt_en_sample",
        "moss_sft_sample",
        "evol_instruct_h2o",
    )
    items = dedupe_rows(first_turns(names, keep=lambda r: 10 <= len(r.first) <= 3000 and en_row(r)))
    rng.shuffle(items)
    keys, ii = [], 0
    for k, (sw, params, system) in enumerate(SW_KEYS):
        krng = R("slowwide", k)
        kt = mk(
            f"d6-slowwide-{k}",
            "slow_wide_weeks",
            "distiller",
            "distiller",
            client(krng, sw, system),
            actor="d6-slowwide",
            timing=f"simulated office hours, {per_day[0]}-{per_day[1]} a weekday, {days} days",
            sources=names,
            settings={"software": sw, "params": params, "days": days, "per_day": per_day},
        )
        first = krng.randint(0, 4)
        tz = krng.choice((0, 1, 5, 8))  # hours west of UTC where this key's operator works
        for d in range(first, first + days):
            day = T0 + d * DAY
            n = krng.randint(*per_day) if weekday(day) < 5 else krng.randint(0, 8)
            for t in office_day(krng, day, n, (8.5 + tz, 18 + tz)):
                r = items[ii % len(items)]
                ii += 1
                turns, replies, ts = [r.first], [r.answer], [t]
                if krng.random() < 0.1:
                    turns.append(krng.choice(SW_FOLLOW))
                    replies.append(None)
                    ts.append(t + think(krng, len(r.answer or "x" * 800), 30))
                kt.requests += chat_requests(turns, replies, ts, dict(params), system, r.id, distill=True)
        kt.requests = sorted_reqs(kt.requests)
        keys.append(kt)
    return keys


# =============================================================================================
# DISTILLER 2. Paraphrase-first harvest: every item is rewritten by the operator's own small local
# model before it is sent, so no request carries a dataset's text. The local rewrite is a
# stand-in written here in the style of a 7B chat model told "rephrase this as a person asking for
# help, keep all details": a first-person framing (written, 24 wordings), "Write/Explain/..."
# imperatives turned into questions, a dozen synonym swaps, the odd casual touch. Items: LIMA,
# codealpaca, Orca, MOSS English, InstructionWild en, ShareGPT-en first turns. One key, 2 workers,
# one batch a night on 4 nights (starting 20:00-21:00 UTC). Served reply: the item's stored
# answer (stand-in: the paraphrase asks the same thing).
PF_FRAME = (
    "I'm working on something and got stuck. {x}",
    "Hi! Quick question: {x}",
    "{x} Thanks in advance!",
    "I've been trying to figure this out for a while. {x}",
    "My colleague asked me this and I wasn't sure: {x}",
    "Could you help me out? {x}",
    "{x} I'd appreciate a detailed answer.",
    "For a project I'm doing: {x}",
    "So here's my situation. {x}",
    "{x}",
    "{x}",
    "{x}",
    "I need some help with the following. {x}",
    "Hey, {x}",
    "Not sure if this is the right place to ask, but {x}",
    "{x} Please explain it like I'm a beginner.",
    "I have a question. {x}",
    "Can you assist with this? {x}",
    "{x} Any help is welcome.",
    "Been wondering about this: {x}",
    "Here's what I need: {x}",
    "{x} Step by step would be great.",
    "I'm preparing for an interview and this came up. {x}",
    "Curious about something. {x}",
)
PF_IMPER = (
    (r"^Write (a|an) ", "Could you write me {0} "),
    (r"^Explain ", "Can you explain "),
    (r"^Create (a|an) ", "Would you be able to create {0} "),
    (r"^Describe ", "How would you describe "),
    (r"^Generate ", "Can you come up with "),
    (r"^Give me ", "Could you give me "),
    (r"^List ", "Could you list "),
    (r"^Summarize ", "Can you summarize "),
    (r"^Tell me ", "Could you tell me "),
    (r"^What is ", "What exactly is "),
    (r"^How do I ", "What's the best way to "),
    (r"^How can I ", "What would be a good way to "),
)
PF_SYN = (
    ("use", "utilize"),
    ("help", "assist"),
    ("show", "demonstrate"),
    ("big", "large"),
    ("quick", "fast"),
    ("start", "begin"),
    ("make", "create"),
    ("get", "obtain"),
    ("buy", "purchase"),
    ("need", "require"),
    ("find", "locate"),
    ("answer", "response"),
    ("example", "sample"),
    ("problem", "issue"),
    ("method", "approach"),
)


def local_paraphrase(rng: random.Random, text: str) -> str:
    x = text.strip()
    for pat, rep in PF_IMPER:
        m = re.match(pat, x)
        if m:
            x = rep.format(*m.groups()) + x[m.end() :]
            if not x.rstrip().endswith("?") and "\n" not in x and len(x) < 400:
                x = x.rstrip(".") + "?"
            break
    for a, b in rng.sample(PF_SYN, 6):
        if rng.random() < 0.7:
            x = re.sub(rf"\b{a}\b", b, x, count=1)
    frame = rng.choice(PF_FRAME)
    if frame.startswith(("Hey, ", "Not sure")) and x[:1].isupper() and x[1:2].islower():
        x = x[0].lower() + x[1:]
    x = frame.format(x=x)
    return casual(rng, x) if rng.random() < 0.3 else x


def paraphrase_first_harvest(items: int = 2200, days: int = 4) -> list[KeyTraffic]:
    rng = R("parafirst")
    names = (
        "lima",
        "codealpaca_2k",
        "orca_dpo_pairs_val",
        "moss_sft_sample",
        "instructionwild",
        "sharegpt_en_sample",
    )
    pool = dedupe_rows(first_turns(names, keep=lambda r: 15 <= len(r.first) <= 2500 and en_row(r)))
    rng.shuffle(pool)
    pool = pool[:items]
    params = {"temperature": 0.7, "max_tokens": 1500}
    kt = mk(
        "d6-parafirst-0",
        "paraphrase_first_harvest",
        "distiller",
        "distiller",
        client(rng, "openai-python"),
        timing=f"simulated closed loop, 2 workers, a batch from 20:00-21:00 UTC on {days} nights",
        sources=names,
        settings={"items": len(pool), "days": days, "params": params},
    )
    per = -(-len(pool) // days)
    for d in range(days):
        chunk = pool[d * per : (d + 1) * per]
        svc = [service_time(rng, r, params) for r in chunk]
        times = closed_loop(rng, T0 + d * DAY + rng.uniform(20, 21) * 3600, svc, 2)
        for r, t in zip(chunk, times, strict=True):
            kt.requests += chat_requests(
                [local_paraphrase(rng, r.first)], [r.answer], [t], dict(params), None, r.id, distill=True
            )
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 3. A fake homework-help app: the operator registers as an EdTech start-up ("Owl
# Tutor"), puts a tutor persona in the system prompt that always asks for the reasoning, sets the
# OpenAI `user` field to one of ~600 made-up student ids, and pushes harvest items through it on
# an app-like daily cycle (diurnal stream, 4 days, ~650/day). Items: problems and explanations
# (MOSS calculator / equation-solver / mixed English items, Orca, codealpaca, LIMA, BELLE
# word problems left in Chinese), 35% with a student-style lead-in written here, 12% with a
# "why?"-style follow-up. Replies: the stored answer (stand-in: it lacks the tutor's framing).
OT_SYSTEM = (
    "You are Professor Owl, a patient and encouraging tutor in the Owl Tutor homework app. Always "
    "explain your reasoning step by step before giving the final answer, so the student can learn "
    "the method, not just the result. Define any term a student might not know. End with a short "
    "summary of the key idea."
)
OT_LEAD = (
    "hi professor owl! {x}",
    "my homework says: {x}",
    "i dont get this one. {x}",
    "can you help me with this question? {x}",
    "{x} (this is for my class tomorrow)",
    "{x}\n\nplease explain",
    "teacher gave us this: {x}",
    "pls help {x}",
)
OT_FOLLOW = (
    "why?",
    "i still dont get step 2",
    "can you explain it simpler",
    "how do i check my answer?",
    "ok thanks!! can you give me a similar one to practice",
    "what does that word mean",
)


def fake_tutor_app(
    per_day: int = 650, days: int = 4, lead: float = 0.35, follow: float = 0.12
) -> list[KeyTraffic]:
    rng = R("owl")
    moss = [
        r
        for r in src("moss_sft_sample")
        if r.extra.get("category") in ("calculator", "equation_solver", "mix") and english(r.first)
    ]
    names = ("orca_dpo_pairs_val", "codealpaca_2k", "lima")
    pool = moss + first_turns(names, keep=lambda r: 15 <= len(r.first) <= 2000 and r.answer is not None)
    pool += [r for r in src("belle_dev1k") if HAN.search(r.first) and re.search(r"\d", r.first)][:150]
    pool = dedupe_rows(pool)
    rng.shuffle(pool)
    params = {"temperature": 0.6, "max_tokens": 1200, "stream": True}
    kt = mk(
        "d6-owl-0",
        "fake_tutor_app",
        "distiller",
        "distiller",
        client(rng, "openai-js", OT_SYSTEM),
        timing=f"simulated diurnal stream like an app's, {per_day}/day, {days} days",
        sources=("moss_sft_sample", *names, "belle_dev1k"),
        settings={"per_day": per_day, "days": days, "lead": lead, "follow": follow, "params": params},
    )
    students = [f"owl-{rng.getrandbits(40):010x}" for _ in range(600)]
    n = min(len(pool), per_day * days)
    for r, t in zip(pool[:n], diurnal(rng, T0 + DAY, n, per_day), strict=True):
        x = r.first.strip()
        if rng.random() < lead and not HAN.search(x):
            x = rng.choice(OT_LEAD).format(x=x)
        turns, replies, ts = [x], [r.answer], [t]
        if rng.random() < follow:
            turns.append(rng.choice(OT_FOLLOW))
            replies.append(None)
            ts.append(t + think(rng, len(r.answer or "x" * 700), 20))
        p = dict(params, user=rng.choice(students))
        kt.requests += chat_requests(turns, replies, ts, p, OT_SYSTEM, r.id, distill=True)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 4. "Synthetic data for fine-tuning" start-up building grounded QA sets. Stage 1 (day 1
# evening, 8 workers): real passages (LIMA answers, long ShareGPT-en replies, MOSS English replies,
# Orca passages) each sent with one of 3 generation prompts asking for 4-8 question-answer pairs
# in JSON (response_format json_object, T 0.9); plus 160 topic-seeded requests (topics written
# here x audiences). Stage 2 (day 2, 4 workers): ~55% of the generated questions asked standalone
# under an "answer thoroughly" system prompt, T 0.7 - the answers are the product. Stand-ins: the
# stage-1 reply is a JSON object whose questions are built here from the passage's content words
# (what a model would ask about it), answers sentences of the passage; stage-2 replies are stubs.
QG_PROMPTS = (
    "Read the passage and write {k} diverse question-answer pairs that can be answered from it. Mix "
    'factual, why and how questions. Return JSON: {{"pairs": [{{"question": str, "answer": str}}]}}.'
    "\n\nPASSAGE:\n{p}",
    "You are creating training data for a question-answering model. Based only on the text below, "
    "generate {k} questions a curious reader might ask, each with a complete, self-contained answer. "
    'Output a JSON object with key "pairs".\n\nText:\n"""\n{p}\n"""',
    "{p}\n\n---\nGenerate {k} high-quality Q&A pairs from the content above, as JSON "
    '{{"pairs": [...]}}. Questions must make sense without seeing the text.',
)
QG_TOPIC = (
    "Generate {k} question-answer pairs about {t} for {a}. Questions should be diverse (definitions, "
    "comparisons, how-to, troubleshooting) and answers detailed and accurate. Return JSON "
    '{{"pairs": [{{"question": str, "answer": str}}]}}.'
)
QG_TOPICS = (
    "personal budgeting",
    "home networking",
    "sourdough baking",
    "container gardening",
    "running injuries",
    "SQL joins",
    "Kubernetes basics",
    "GDPR compliance for small shops",
    "electric cars",
    "sleep hygiene",
    "negotiating a salary",
    "first aid for burns",
    "learning a language as an adult",
    "Excel pivot tables",
    "houseplant pests",
    "credit scores",
    "remote team management",
    "public speaking",
    "composting",
    "solar panels for homes",
)
QG_AUD = (
    "beginners",
    "high-school students",
    "small-business owners",
    "software engineers",
    "retirees",
    "nurses",
    "parents",
    "university students",
)
QG_Q = (
    "What is {a}?",
    "Why is {a} important?",
    "How does {a} relate to {b}?",
    "How is {a} used in practice?",
    "What are common mistakes with {a}?",
    "Explain {a} in simple terms.",
    "What is the difference between {a} and {b}?",
    "When should you consider {a}?",
)
QG_SYSTEM = "Answer the question thoroughly and accurately, as a domain expert. Give examples where helpful."


def _qg_pairs(rng: random.Random, passage: str, k: int) -> list[tuple[str, str]]:
    words = keywords(rng, passage, 2 * k)
    sents = [s for s in re.split(r"(?<=[.!?])\s+", passage) if len(s) > 30] or [passage[:300]]
    out = []
    for i in range(min(k, max(1, len(words) - 1))):
        a, b = words[i], words[(i + 1) % len(words)]
        out.append((rng.choice(QG_Q).format(a=a, b=b), rng.choice(sents)))
    return out


def grounded_qa_synth(passages: int = 520, topics: int = 160, ask: float = 0.55) -> list[KeyTraffic]:
    rng = R("qasynth")
    texts = [r.answer for r in src("lima") if r.answer and len(r.answer) >= 600]
    texts += [a for r in src("sharegpt_en_sample") for a in r.replies if a and len(a) >= 800]
    texts += [a for r in src("moss_sft_sample") for a in r.replies if a and len(a) >= 700 and english(a)]
    texts += [r.first for r in src("orca_dpo_pairs_val") if len(r.first) >= 700]
    texts = dedupe(texts)
    rng.shuffle(texts)
    texts = texts[:passages]
    gparams = {"temperature": 0.9, "max_tokens": 2000, "response_format": {"type": "json_object"}}
    aparams = {"temperature": 0.7, "max_tokens": 1200}
    kt = mk(
        "d6-qasynth-0",
        "grounded_qa_synth",
        "distiller",
        "distiller",
        client(rng, "aiohttp"),
        timing="simulated closed loop: stage 1 day 1 evening 8 workers, stage 2 day 2 4 workers",
        sources=("lima", "sharegpt_en_sample", "moss_sft_sample", "orca_dpo_pairs_val", "+written topics"),
        settings={"passages": len(texts), "topics": topics, "ask": ask},
    )
    jobs, questions = [], []
    for j, p in enumerate(texts):
        k = rng.randint(4, 8)
        pairs = _qg_pairs(rng, p, k)
        reply = json.dumps({"pairs": [{"question": q, "answer": a} for q, a in pairs]}, ensure_ascii=False)
        prompt = rng.choice(QG_PROMPTS).format(k=k, p=p.strip())
        jobs.append((None, chat_requests([prompt], [reply], [0.0], dict(gparams), None, f"qg:p{j}", True)))
        questions += [(q, f"qg:p{j}") for q, _ in pairs]
    for j in range(topics):
        t, a, k = rng.choice(QG_TOPICS), rng.choice(QG_AUD), rng.choice((5, 8, 10))
        pairs = [(rng.choice(QG_Q).format(a=t, b=rng.choice(QG_TOPICS)), stub_reply(t)) for _ in range(k)]
        reply = json.dumps({"pairs": [{"question": q, "answer": x} for q, x in pairs]}, ensure_ascii=False)
        jobs.append(
            (
                None,
                chat_requests(
                    [QG_TOPIC.format(k=k, t=t, a=a)], [reply], [0.0], dict(gparams), None, f"qg:t{j}", True
                ),
            )
        )
        questions += [(q, f"qg:t{j}") for q, _ in pairs]
    rng.shuffle(jobs)
    kt.requests += run_jobs(rng, T0 + 1 * DAY + 19 * 3600, jobs, 8, tokens=900)
    chosen = dedupe(q for q, _ in questions if rng.random() < ask)
    item = dict(questions)
    jobs2 = [
        (None, chat_requests([q], [None], [0.0], dict(aparams), QG_SYSTEM, item[q], True)) for q in chosen
    ]
    kt.requests += run_jobs(rng, T0 + 2 * DAY + 10 * 3600, jobs2, 4, tokens=600)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 5. Sparse logprobs under cover: one key run by a script that looks like a person (paced
# with oasst2's gaps rescaled to ~320 a day, 13 h a day, 6 days). 30% of its sessions are real chat
# conversations replayed turn by turn (arena_even / oasst2 English, stored replies); the other 70%
# are harvest items (InstructionWild en, LIMA, Orca, codealpaca, ShareGPT-en), of which only 15%
# ask for logprobs with top_logprobs 5 (soft labels for a subset; the rest plain). Replies: the
# stored answer where there is one, else a stub.
def sparse_logprob_cover(
    per_day: int = 320, days: int = 6, cover: float = 0.3, lp: float = 0.15
) -> list[KeyTraffic]:
    rng = R("sparselp")
    names = ("instructionwild", "lima", "orca_dpo_pairs_val", "codealpaca_2k", "sharegpt_en_sample")
    items = dedupe_rows(first_turns(names, keep=lambda r: 10 <= len(r.first) <= 2500 and en_row(r)))
    chats = [r for s in ("arena_even", "oasst2_threads") for r in src(s) if en_row(r)]
    rng.shuffle(items)
    rng.shuffle(chats)
    params = {"temperature": 0.8, "max_tokens": 1024}
    kt = mk(
        "d6-sparselp-0",
        "sparse_logprob_cover",
        "distiller",
        "distiller",
        client(rng, "httpx"),
        timing=f"simulated paced person: oasst2 in-session gaps rescaled to {per_day}/day, 13 h a day",
        sources=(*names, "arena_even", "oasst2_threads"),
        settings={"per_day": per_day, "days": days, "cover": cover, "logprob_share": lp, "params": params},
    )
    n = int(per_day * days / (1 + cover * 0.8))
    times = paced(rng, htiming(), T0 + 7.5 * 3600, n, per_day / (1 + cover * 0.8), 13)
    ii = ci = 0
    for t in times:
        if rng.random() < cover:
            r = chats[ci % len(chats)]
            ci += 1
            turns = list(r.turns[:4])
            ts = [t]
            for k in range(1, len(turns)):
                ts.append(ts[-1] + think(rng, len(r.replies[k - 1] or "x" * 500), len(turns[k])))
            kt.requests += chat_requests(turns, list(r.replies[:4]), ts, dict(params), None, "")
        else:
            r = items[ii % len(items)]
            ii += 1
            p = dict(params, logprobs=True, top_logprobs=5) if rng.random() < lp else dict(params)
            kt.requests += chat_requests([r.first], [r.answer], [t], p, None, r.id, distill=True)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 6. Preference-data harvest (UltraFeedback-style, for a DPO/RLAIF run): each of 600
# prompts (Evol, InstructionWild en, ShareGPT-en first turns, LIMA, codealpaca, Orca) is answered 4
# times under 4 "principle" system prompts (helpful, honest, concise, expert) at different
# temperatures (pass 1, night 1, 6 workers); pass 2 (day 2, 3 workers) sends each prompt with its 4
# responses to the model as a judge, asking for 1-5 ratings with rationales on four aspects as
# JSON. Stand-ins: one of the 4 responses is the stored answer, the others stubs; the judge's
# reply is a stand-in JSON of ratings.
PR_PRINCIPLES = (
    ("You are a helpful assistant. Provide the most useful, complete answer you can.", 0.7),
    ("You are an honest assistant. If you are unsure, say so, and never make up facts.", 0.5),
    ("You are a concise assistant. Answer in as few words as possible while staying correct.", 0.3),
    ("You are a world-class expert in the subject of the question. Answer in depth, with examples.", 1.0),
)
PR_JUDGE = (
    "You are an impartial evaluator. Below is an instruction and four candidate responses. Rate each "
    "response from 1 to 5 on four aspects: helpfulness, honesty, instruction following and "
    'truthfulness, and give a one-sentence rationale for each rating. Return JSON: {{"ratings": '
    '[{{"response": int, "helpfulness": int, "honesty": int, "instruction_following": int, '
    '"truthfulness": int, "rationale": str}}]}}.\n\n### Instruction\n{q}\n\n{responses}'
)


def preference_pairs_harvest(prompts: int = 600) -> list[KeyTraffic]:
    rng = R("prefs")
    names = (
        "evol_instruct_h2o",
        "instructionwild",
        "sharegpt_en_sample",
        "lima",
        "codealpaca_2k",
        "orca_dpo_pairs_val",
    )
    pool = dedupe_rows(first_turns(names, keep=lambda r: 10 <= len(r.first) <= 2000 and en_row(r)))
    rng.shuffle(pool)
    pool = pool[:prompts]
    jparams = {"temperature": 0, "max_tokens": 800, "response_format": {"type": "json_object"}}
    kt = mk(
        "d6-prefs-0",
        "preference_pairs_harvest",
        "distiller",
        "distiller",
        client(rng, "openai-python"),
        timing="simulated closed loop: completions night 1 (6 workers), judging day 2 (3 workers)",
        sources=names,
        settings={"prompts": len(pool), "principles": len(PR_PRINCIPLES), "judge_params": jparams},
    )
    gen, judge = [], []
    for r in pool:
        stored = rng.randrange(len(PR_PRINCIPLES))
        responses = []
        for k, (system, temp) in enumerate(PR_PRINCIPLES):
            reply = r.answer if k == stored and r.answer else stub_reply(r.first)
            responses.append(reply)
            p = {"temperature": temp, "max_tokens": 1500}
            gen.append((r, chat_requests([r.first], [reply], [0.0], p, system, r.id, distill=True)))
        body = "\n\n".join(f"### Response {i + 1}\n{x}" for i, x in enumerate(responses))
        rating = json.dumps(
            {
                "ratings": [
                    {
                        "response": i + 1,
                        "helpfulness": rng.randint(2, 5),
                        "honesty": rng.randint(3, 5),
                        "instruction_following": rng.randint(2, 5),
                        "truthfulness": rng.randint(3, 5),
                        "rationale": "Stand-in rationale.",
                    }
                    for i in range(len(responses))
                ]
            }
        )
        judge.append(
            (
                None,
                chat_requests(
                    [PR_JUDGE.format(q=r.first, responses=body)],
                    [rating],
                    [0.0],
                    dict(jparams),
                    None,
                    r.id,
                    distill=True,
                ),
            )
        )
    rng.shuffle(gen)
    kt.requests += run_jobs(rng, T0 + 1 * DAY + 22 * 3600, gen, 6)
    kt.requests += run_jobs(rng, T0 + 2 * DAY + 13 * 3600, judge, 3, tokens=400)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


BENIGN = (
    voice_assistant_queries,
    localisation_release,
    quiz_maker_teachers,
    multitenant_support_platform,
    coding_agent_cli,
    essay_feedback_rubric,
)
DISTILL = (
    slow_wide_weeks,
    paraphrase_first_harvest,
    fake_tutor_app,
    grounded_qa_synth,
    sparse_logprob_cover,
    preference_pairs_harvest,
)

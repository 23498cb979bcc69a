"""Blind persona set 2 (a third reviewer, session 14, after the session's detector changes):
6 benign, 6 distiller personas for Detector(DetectorConfig()).

Every builder returns list[KeyTraffic] built from the real prompt data in ../shared/traffic with
the project's realtraffic helpers. ALL parameters below were fixed before the first replay and are
not tuned on outcomes. Timing is simulated everywhere (diurnal app streams, closed-loop scripts,
human think times); only the gap distributions for people come from oasst2's real timestamps.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from stillroom.detector.realtraffic.clients import client
from stillroom.detector.realtraffic.context import service_time
from stillroom.detector.realtraffic.pools import Row, read_source
from stillroom.detector.realtraffic.records import (
    KeyTraffic,
    Request,
    chat_requests,
    stub_reply,
)
from stillroom.detector.realtraffic.timing import (
    closed_loop,
    conversation_starts,
    diurnal,
    human_timing,
    latency,
    think,
    throttled,
)
from stillroom.detector.realtraffic.timing import paced as _paced

TRAFFIC = Path(__file__).resolve().parents[2].parent / "shared" / "traffic"  # ../shared/traffic
T0 = 1_772_409_600.0  # Monday 2026-03-02 00:00 UTC
_cache: dict[str, list[Row]] = {}


def src(name: str) -> list[Row]:
    if name not in _cache:
        _cache[name] = read_source(TRAFFIC, name)
    return _cache[name]


_timing = None


def htiming():
    global _timing
    if _timing is None:
        _timing = human_timing(src("oasst2_threads"))
    return _timing


def R(*names) -> random.Random:
    return random.Random("blind2:" + ":".join(map(str, names)))


def mk(kid, persona, label, kind, cl, actor=None, timing="", sources=(), settings=None) -> KeyTraffic:
    return KeyTraffic(
        kid,
        persona,
        label,
        kind,
        actor or kid,
        cl,
        timing=timing,
        sources=tuple(sources),
        settings=settings or {},
    )


def first_turns(names, keep=None) -> list[Row]:
    return [r for s in names for r in src(s) if keep is None or keep(r)]


def sorted_reqs(reqs: list[Request]) -> list[Request]:
    return sorted(reqs, key=lambda r: r.ts)


# =============================================================================================
# BENIGN 1. Browser extension: "explain / summarise selection". One developer key, many users.
# Selected page text: long human-written texts (oasst2 stored replies, long user turns of
# arena/oasst2/hh). Presets (Summarize, Explain simply, Key points, Translate to English) plus a
# free-form question box (a real short user question).
EXT_SYSTEM = (
    "You are PageMate, a browser assistant. The user selected text on a web page. Help them "
    "understand it. Be concise and use plain language. Do not invent facts that are not in the text."
)
EXT_PRESETS = (
    "Summarize the selected text in 3 bullet points.",
    "Explain this like I'm new to the topic.",
    "What are the key points here?",
    "Explain the selected text in simple terms.",
)


def browser_extension(per_day: int = 1400, days: float = 1.5) -> list[KeyTraffic]:
    rng = R("ext")
    texts = []
    for s in ("oasst2_threads", "arena_even", "hh_rlhf_harmless_test"):
        for r in src(s):
            texts += [x for x in r.replies if x and len(x) >= 500]
            texts += [t for t in r.turns if len(t) >= 500]
    questions = [
        t
        for s in ("oasst2_threads", "arena_even")
        for r in src(s)
        for t in r.turns
        if 8 <= len(t) <= 140 and "\n" not in t
    ]
    n = int(per_day * days)
    times = diurnal(rng, T0 + 8 * 3600, n, per_day)
    params = {"temperature": 0.3, "max_tokens": 600, "stream": True}
    kt = mk(
        "b2-browser_ext-0",
        "browser_extension",
        "benign",
        "app",
        client(rng, "openai-js", EXT_SYSTEM),
        timing="simulated diurnal",
        sources=("oasst2_threads", "arena_even", "hh_rlhf_harmless_test"),
        settings={"per_day": per_day, "days": days, "params": params},
    )
    for t in times:
        sel = rng.choice(texts).strip()
        if rng.random() < 0.3:  # partial selection: a slice of the page
            a = rng.randint(0, max(0, len(sel) - 400))
            sel = sel[a : a + rng.randint(300, 1200)]
        if rng.random() < 0.7:
            user = f'Selected text:\n"""\n{sel}\n"""\n\n{rng.choice(EXT_PRESETS)}'
        else:
            user = f'Selected text:\n"""\n{sel}\n"""\n\n{rng.choice(questions).strip()}'
        reqs = chat_requests([user], [None], [t], params, EXT_SYSTEM)
        # 25%: the user asks one follow-up in the side panel
        if rng.random() < 0.25:
            q = rng.choice(questions).strip()
            t2 = t + think(rng, 600, len(q))
            reqs = chat_requests([user, q], [None, None], [t, t2], params, EXT_SYSTEM)
        kt.requests += reqs
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 2. Writing assistant SaaS: users' own drafts (real long user turns of benign chat pools),
# each session applies 3-10 edit operations to the same draft, the draft evolving between edits.
WRITE_SYSTEM = (
    "You are an editing assistant inside a document editor. Apply the requested change to the "
    "user's text and return only the revised text."
)
WRITE_OPS = (
    "Rewrite this to be more concise:",
    "Make this sound more professional:",
    "Fix grammar and spelling:",
    "Continue writing from where this ends:",
    "Make the tone friendlier:",
    "Shorten this to about half:",
    "Rewrite this paragraph so it flows better:",
    "Expand this with more detail:",
    "Make this more persuasive:",
    "Simplify the wording:",
)


def _sentences(t: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", t.strip()) if s]


def writing_assistant(sessions: int = 260) -> list[KeyTraffic]:
    rng = R("write")
    drafts = [
        t
        for s in ("oasst2_threads", "arena_even", "hh_rlhf_harmless_test")
        for r in src(s)
        for t in r.turns
        if 250 <= len(t) <= 3000
    ]
    rng.shuffle(drafts)
    params = {"temperature": 0.7, "max_tokens": 1200}
    kt = mk(
        "b2-writing-0",
        "writing_assistant",
        "benign",
        "app",
        client(rng, "openai-python", WRITE_SYSTEM),
        timing="simulated diurnal session starts, think() between edits",
        sources=("oasst2_threads", "arena_even", "hh_rlhf_harmless_test"),
        settings={"sessions": sessions, "params": params},
    )
    starts = diurnal(rng, T0 + 7 * 3600, sessions, 180)
    for i, st in enumerate(starts):
        draft = drafts[i % len(drafts)]
        t = st
        for _ in range(rng.randint(3, 10)):
            op = rng.choice(WRITE_OPS)
            user = f"{op}\n\n{draft}"
            kt.requests += chat_requests([user], [None], [t], params, WRITE_SYSTEM)
            # the user accepts part of the suggestion / keeps typing: the draft changes a little
            sents = _sentences(draft)
            r = rng.random()
            if r < 0.35 and len(sents) > 2:
                sents.pop(rng.randrange(len(sents)))
            elif r < 0.7:
                sents.append(rng.choice(_sentences(rng.choice(drafts)) or ["Thanks."]))
            else:
                j = rng.randrange(len(sents))
                w = sents[j].split()
                if len(w) > 4:
                    del w[rng.randrange(len(w))]
                sents[j] = " ".join(w)
            draft = " ".join(sents)
            t += think(rng, len(draft), 20) + rng.uniform(5, 90)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 3. Data-science notebook user (Jupyter AI plugin): code question, then iterative debugging
# with pasted tracebacks. Openers: real code-bearing user turns from benign chat pools; follow-ups:
# realistic tracebacks (fixed list written for this persona) plus short real user turns.
TRACEBACKS = (
    "KeyError: 'date'\n  File \"<ipython-input-12>\", line 3, in <module>\n    df['date'] = pd.to_datetime(df['date'])",
    "ValueError: Length of values (120) does not match length of index (118)",
    "ModuleNotFoundError: No module named 'sklearn'",
    "TypeError: unsupported operand type(s) for +: 'int' and 'str'",
    "AttributeError: 'DataFrame' object has no attribute 'append'",
    "IndexError: list index out of range",
    "ValueError: could not convert string to float: 'N/A'",
    "SettingWithCopyWarning: A value is trying to be set on a copy of a slice from a DataFrame.",
    "RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB",
    "ValueError: Found input variables with inconsistent numbers of samples: [800, 799]",
    "TypeError: 'NoneType' object is not subscriptable",
    "MemoryError: Unable to allocate 3.2 GiB for an array with shape (20000, 21000)",
    "ImportError: cannot import name 'plot_confusion_matrix' from 'sklearn.metrics'",
    "pandas.errors.ParserError: Error tokenizing data. C error: Expected 5 fields in line 34, saw 6",
)
DS_FOLLOW = (
    "still getting an error:",
    "ok that fixed it but now:",
    "now it says",
    "hmm, new error",
    "tried that, got this:",
    "",
)


def notebook_user(conversations: int = 70, days: int = 5) -> list[KeyTraffic]:
    rng = R("nb")
    code = re.compile(r"(import |def |\bdf\b|pandas|numpy|```|print\(|for .* in )")
    openers = [
        r.first
        for s in ("arena_even", "oasst2_threads", "hh_rlhf_harmless_test")
        for r in src(s)
        if code.search(r.first)
    ]
    shorts = [
        t for s in ("oasst2_threads", "arena_even") for r in src(s) for t in r.turns[1:] if 5 <= len(t) <= 200
    ]
    params = {"temperature": 0.2, "max_tokens": 2048, "stream": True}
    kt = mk(
        "b2-notebook-0",
        "notebook_user",
        "benign",
        "heavy",
        client(rng, "httpx"),
        timing="simulated: oasst2 session gaps, think() turns",
        sources=("arena_even", "oasst2_threads"),
        settings={"conversations": conversations, "params": params},
    )
    starts = conversation_starts(rng, htiming(), T0 + 9 * 3600, conversations)
    t_free = 0.0
    for st in starts:
        st = max(st, t_free + 30)
        turns = [rng.choice(openers)]
        for _ in range(rng.randint(2, 9)):
            if rng.random() < 0.7:
                tb = rng.choice(TRACEBACKS)
                turns.append(f"{rng.choice(DS_FOLLOW)}\n```\n{tb}\n```".strip())
            else:
                turns.append(rng.choice(shorts))
        times = [st]
        for i in range(1, len(turns)):
            times.append(times[-1] + think(rng, 1200, len(turns[i])) + rng.uniform(10, 120))  # runs the cell
        kt.requests += chat_requests(turns, [None] * len(turns), times, params, None)
        t_free = times[-1]
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 4. Internal HR/IT Q&A bot: fixed system prompt, ~2,000 employees, business hours.
# Questions: a fixed list of HR/IT question shapes written for this persona (employees ask the same
# things in their own words) with slot fillers, plus 25% real general questions from nq/oasst2.
HR_SYSTEM = (
    "You are Ask-HR-IT, the internal helpdesk assistant of Contoso Ltd. Answer employees' "
    "questions about HR policies, benefits, payroll, IT accounts, devices and software using the "
    "Contoso policy handbook. If unsure, tell them to open a ticket at helpdesk.contoso.internal."
)
HR_Q = (
    "how do I reset my {sys} password",
    "my {sys} password expired what do i do",
    "How many vacation days do I get {ten}?",
    "can I carry over unused PTO to next year",
    "how do I request parental leave",
    "{sys} isn't working on my laptop",
    "how do i get access to {app}",
    "who approves my expense report for {exp}",
    "when is payday this month",
    "how do I change my direct deposit bank account",
    "Is {exp} reimbursable?",
    "I lost my badge, what should I do",
    "how to set up {app} on my phone",
    "what's the policy on working from home {wfh}",
    "How do I enroll in the dental plan",
    "my laptop is really slow, can I get a new one",
    "how do I install {app}",
    "can I use my personal phone for {app}",
    "what holidays do we have off this year",
    "how do I report sick leave",
    "VPN keeps disconnecting when I'm on {net}",
    "how to add a dependent to health insurance",
    "where can I find my W-2",
    "printer on floor {fl} not working",
    "how do I book a meeting room",
    "what is the 401k match",
    "I need admin rights to install {app}",
    "how do I update my emergency contact",
    "who do I talk to about a conflict with my manager",
    "can I expense a {exp}",
)
FILL = {
    "sys": ("VPN", "Okta", "email", "Windows", "Workday", "SAP", "Jira", "wifi"),
    "ten": ("after 3 years", "as a new hire", "in my first year", "after 5 years", ""),
    "app": ("Slack", "Zoom", "Figma", "GitHub", "Tableau", "Salesforce", "Outlook", "Teams", "Python"),
    "exp": (
        "a client dinner",
        "a conference ticket",
        "an uber to the airport",
        "a monitor",
        "home internet",
        "a training course",
    ),
    "wfh": ("on fridays", "from another country", "for a month", "", "full time"),
    "net": ("hotel wifi", "my home network", "the guest network", "a hotspot"),
    "fl": ("3", "4", "7", "12", "2"),
}


def _hr_question(rng: random.Random) -> str:
    q = rng.choice(HR_Q)
    q = re.sub(r"\{(\w+)\}", lambda m: rng.choice(FILL[m.group(1)]), q).replace("  ", " ").strip()
    r = rng.random()
    if r < 0.3:
        q = q.lower()
    elif r < 0.5:
        q = q[0].upper() + q[1:] + "?"
    if rng.random() < 0.15:
        q = rng.choice(("hi, ", "Hello! ", "quick question - ", "hey ")) + q
    return q


def hr_it_bot(per_day: int = 1100, days: int = 2) -> list[KeyTraffic]:
    rng = R("hr")
    general = [r.first for r in src("nq_open_dev")] + [
        r.first for r in src("oasst2_threads") if len(r.first) < 300
    ]
    params = {"temperature": 0.2, "max_tokens": 700}
    kt = mk(
        "b2-hr_it_bot-0",
        "hr_it_bot",
        "benign",
        "app",
        client(rng, "openai-python", HR_SYSTEM),
        timing="simulated diurnal (business days)",
        sources=("nq_open_dev", "oasst2_threads", "+written HR/IT shapes"),
        settings={"per_day": per_day, "days": days, "params": params},
    )
    n = per_day * days
    for t in diurnal(rng, T0 + 7 * 3600, n, per_day):
        q = _hr_question(rng) if rng.random() < 0.75 else rng.choice(general)
        turns = [q]
        if rng.random() < 0.2:
            turns.append(
                rng.choice(
                    (
                        "thanks! and what about contractors?",
                        "ok where do I find that form?",
                        "it still doesn't work",
                        "does that apply in the UK office too?",
                        "who should I contact if that fails?",
                        "thanks",
                    )
                )
            )
        times = [t] + ([t + think(rng, 500, len(turns[1]))] if len(turns) > 1 else [])
        kt.requests += chat_requests(turns, [None] * len(turns), times, params, HR_SYSTEM)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 5. Calibration researcher: their own 300-question short-answer set (real search queries
# from nq_open_dev), each at temperatures 0, 0.5, 1.0, 1.5 with logprobs + top_logprobs=5.
CAL_TMPL = "Answer the question with a short phrase, then on a new line give your confidence (0-100%) that your answer is correct.\n\nQuestion: {q}"


def calibration_researcher(questions: int = 300, temps=(0.0, 0.5, 1.0, 1.5)) -> list[KeyTraffic]:
    rng = R("cal")
    qs = rng.sample([r.first for r in src("nq_open_dev")], questions)
    kt = mk(
        "b2-calib-0",
        "calibration_researcher",
        "benign",
        "evaluation",
        client(rng, "openai-python"),
        timing="simulated closed loop, concurrency 8",
        sources=("nq_open_dev",),
        settings={"questions": questions, "temps": temps, "top_logprobs": 5},
    )
    reqs = []
    for temp in temps:  # one sweep per temperature, as a script loops
        for q in qs:
            p = {"temperature": temp, "max_tokens": 64, "logprobs": True, "top_logprobs": 5, "seed": 7}
            reqs.append((CAL_TMPL.format(q=q), p))
    service = [latency(rng, 25) for _ in reqs]
    times = closed_loop(rng, T0 + 10 * 3600, service, 8)
    for (text, p), t in zip(reqs, times, strict=False):
        kt.requests += chat_requests([text], [None], [t], p, None)
    return [kt]


# =============================================================================================
# BENIGN 6. Game NPC dialogue backend: 6 characters, players' short lines, very high volume.
NPCS = (
    "You are Grimble, a grumpy dwarf blacksmith in the town of Emberfall. Speak in short gruff sentences, never break character, never mention being an AI. Keep replies under 40 words.",
    "You are Lady Seraphine, an elegant elf merchant who loves haggling. Stay in character, be witty and brief (under 40 words).",
    "You are Pip, a cheerful halfling innkeeper who gossips about the townsfolk. Reply in character in 1-3 sentences.",
    "You are Captain Vos, a stern city guard. You suspect everyone. Reply in character, under 40 words.",
    "You are Mira the fortune teller. Speak in riddles, stay mysterious, never break character. Under 40 words.",
    "You are Old Tobbin, a forgetful wizard. Ramble a little but keep replies under 50 words, in character.",
)
PLAYER_LINES = (
    "hello",
    "hi there",
    "what do you sell?",
    "any quests?",
    "tell me about the dragon",
    "lol",
    "how much for the sword",
    "too expensive",
    "bye",
    "who are you",
    "where is the castle",
    "can you help me",
    "i need a potion",
    "what happened here?",
    "tell me a secret",
    "do you know the king",
    "haha ok",
    "give me a discount",
    "why are you so grumpy",
    "where can i sleep tonight",
    "what's the news",
    "i killed the goblins",
    "thanks!",
)


def game_npc(per_day: int = 900, days: float = 1.0) -> list[KeyTraffic]:
    rng = R("npc")
    real_short = [
        t
        for s in ("arena_even", "oasst2_threads", "hh_rlhf_harmless_test")
        for r in src(s)
        for t in r.turns
        if 2 <= len(t) <= 80 and "\n" not in t
    ]
    params = {"temperature": 0.9, "max_tokens": 80, "presence_penalty": 0.6}
    kt = mk(
        "b2-game_npc-0",
        "game_npc",
        "benign",
        "app",
        client(rng, "go"),
        timing="simulated diurnal (evening peak shifted) conversation starts, fast player turns",
        sources=("arena_even", "oasst2_threads", "hh_rlhf_harmless_test"),
        settings={"per_day": per_day, "params": params},
    )
    starts = diurnal(rng, T0 + 12 * 3600, int(per_day * days), per_day)
    for st in starts:
        sysp = rng.choice(NPCS)
        k = rng.randint(2, 8)
        turns = [rng.choice(PLAYER_LINES) if rng.random() < 0.6 else rng.choice(real_short) for _ in range(k)]
        times = [st]
        for _i in range(1, k):
            times.append(times[-1] + latency(rng, 40) + rng.uniform(2, 12))
        kt.requests += chat_requests(turns, [None] * k, times, params, sysp)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 1. Self-chat (UltraChat-style): opener from a real instruction pool, a user-simulator
# LLM writes follow-ups grounded in the last reply (composed: varied openers x question forms x
# terms taken from the reply). History resent each turn. Closed loop, 6 workers.
SIM_OPEN = (
    "",
    "",
    "Interesting. ",
    "Thanks for that. ",
    "I see. ",
    "That makes sense. ",
    "Hmm, ",
    "Okay, ",
    "Got it. ",
    "Wow, ",
    "Right, ",
    "Great explanation. ",
    "That's helpful! ",
)
SIM_Q = (
    "Can you elaborate on {a}?",
    "How does {a} relate to {b}?",
    "What would happen if {a} was not considered?",
    "Could you give me a concrete example involving {a}?",
    "Why is {a} so important here?",
    "Are there any downsides to {a}?",
    "How would a beginner approach {a}?",
    "What's the difference between {a} and {b}?",
    "Is {a} still relevant today?",
    "What are common mistakes people make with {a}?",
    "Can you summarize the part about {a} in simpler words?",
    "How do experts usually deal with {a}?",
    "What should I read next to learn more about {a}?",
    "I'm curious, what's the history behind {a}?",
    "Would {b} work as an alternative to {a}?",
    "Can you explain how {a} and {b} fit together step by step?",
    "What would you recommend if {a} isn't an option?",
)
STOP = set(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "is",
        "are",
        "was",
        "were",
        "be",
        "this",
        "that",
        "it",
        "as",
        "by",
        "at",
        "from",
        "can",
        "will",
        "your",
        "you",
        "which",
        "these",
        "those",
        "their",
        "there",
        "here",
        "about",
        "into",
        "also",
        "more",
        "most",
        "such",
        "than",
        "then",
        "them",
        "they",
        "have",
        "has",
        "had",
        "not",
        "but",
        "if",
        "so",
        "its",
        "it's",
        "we",
        "our",
        "i",
        "me",
        "my",
        "do",
        "does",
        "how",
        "what",
        "when",
        "where",
        "why",
        "who",
    ]
)


def _terms(text: str, rng: random.Random) -> tuple[str, str]:
    words = [w.strip(".,;:!?()\"'`*").lower() for w in text.split()]
    cands = [w for w in words if len(w) > 4 and w not in STOP and w.isalpha()]
    if len(cands) < 2:
        return ("that", "the alternatives")
    i = rng.randrange(len(cands) - 1)
    a = " ".join(cands[i : i + rng.choice((1, 2))])
    b = rng.choice(cands)
    return a, b


def self_chat(dialogues: int = 600) -> list[KeyTraffic]:
    rng = R("selfchat")
    pool = first_turns(
        ("lima", "instructionwild", "sharegpt_en_sample"),
        keep=lambda r: 15 <= len(r.first) <= 1500 and not re.search(r"[\u4e00-\u9fff]", r.first),
    )
    rng.shuffle(pool)
    params = {"temperature": 0.8, "max_tokens": 1024}
    kt = mk(
        "d2-selfchat-0",
        "self_chat",
        "distiller",
        "distiller",
        client(rng, "openai-python"),
        timing="simulated closed loop, 6 workers",
        sources=("lima", "instructionwild", "sharegpt_en_sample"),
        settings={"dialogues": dialogues, "params": params},
    )
    jobs = []
    for i in range(dialogues):
        row = pool[i % len(pool)]
        turns, replies = [row.first], [row.answer]
        last = row.answer or stub_reply(row.first)
        for _ in range(rng.randint(2, 4)):
            a, b = _terms(last, rng)
            q = rng.choice(SIM_OPEN) + rng.choice(SIM_Q).format(a=a, b=b)
            if rng.random() < 0.2:
                q = q.lower()
            turns.append(q)
            replies.append(None)
            last = stub_reply(q) + " " + " ".join(rng.sample(last.split(), min(30, len(last.split()))))
        jobs.append((row, turns, replies))
    free = [T0 + 3 * 3600 + rng.uniform(0, 1) for _ in range(6)]
    import heapq

    heapq.heapify(free)
    for row, turns, replies in jobs:
        t = heapq.heappop(free)
        times = []
        for _ in turns:
            times.append(t)
            t += service_time(rng, row, params) + latency(rng, 60)  # simulator's own generation
        kt.requests += chat_requests(turns, replies, times, params, None, row.id, distill=True)
        heapq.heappush(free, t)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 2. top_logprobs=5 on real chat questions (ShareGPT + InstructionWild first turns),
# one worker, throttled 3-12 s between requests (moderate rate), KD-style temperature 1.0.
def logprob_chat(requests: int = 1500) -> list[KeyTraffic]:
    rng = R("lp5")
    pool = first_turns(("sharegpt_en_sample", "instructionwild"), keep=lambda r: 10 <= len(r.first) <= 4000)
    rng.shuffle(pool)
    params = {"temperature": 1.0, "max_tokens": 1024, "logprobs": True, "top_logprobs": 5}
    kt = mk(
        "d2-logprob5-0",
        "logprob_chat",
        "distiller",
        "distiller",
        client(rng, "requests"),
        timing="simulated throttled single worker, 3-12 s pause",
        sources=("sharegpt_en_sample", "instructionwild"),
        settings={"requests": requests, "params": params},
    )
    rows = [pool[i % len(pool)] for i in range(requests)]
    times = throttled(rng, T0 + 2 * 3600, [service_time(rng, r, params) for r in rows], (3.0, 12.0))
    for r, t in zip(rows, times, strict=False):
        kt.requests += chat_requests([r.first], [r.answer], [t], params, None, r.id, distill=True)
    return [kt]


# =============================================================================================
# DISTILLER 3. Domain harvest: legal/finance questions only (from every non-eval pool), each item
# asked under 3 expert system prompts for answer diversity. Closed loop, 6 workers.
FIN = re.compile(
    r"\b(legal|lawyer|law\b|laws\b|contract|lawsuit|court|tax|taxes|invest|stock|loan|mortgage|financ|"
    r"bank|insurance|tenant|landlord|copyright|liabil|401k|retire|sue\b|attorney|debt|credit)",
    re.I,
)
EXPERTS = (
    "You are a senior attorney. Answer thoroughly and precisely, citing the relevant legal principles.",
    "You are a certified financial planner. Give a detailed, well-structured, expert answer.",
    "You are an expert consultant in law and finance. Answer comprehensively with practical steps.",
)


def domain_harvest() -> list[KeyTraffic]:
    rng = R("domain")
    names = (
        "sharegpt_en_sample",
        "lima",
        "instructionwild",
        "moss_sft_sample",
        "orca_dpo_pairs_val",
        "hh_rlhf_harmless_test",
        "nq_open_dev",
        "arena_even",
        "oasst2_threads",
    )
    pool = first_turns(names, keep=lambda r: bool(FIN.search(r.first)) and 10 <= len(r.first) <= 3000)
    rng.shuffle(pool)
    params = {"temperature": 0.7, "max_tokens": 1500}
    kt = mk(
        "d2-domain-0",
        "domain_harvest",
        "distiller",
        "distiller",
        client(rng, "aiohttp"),
        timing="simulated closed loop, 6 workers",
        sources=names,
        settings={"items": len(pool), "experts": len(EXPERTS), "params": params},
    )
    jobs = [(r, e) for e in EXPERTS for r in pool]
    service = [service_time(rng, r, params) for r, _ in jobs]
    times = closed_loop(rng, T0 + 1 * 3600, service, 6)
    for (r, e), t in zip(jobs, times, strict=False):
        kt.requests += chat_requests([r.first], [r.answer], [t], params, e, r.id, distill=True)
    return [kt]


# =============================================================================================
# DISTILLER 4. 30% items inside casual multi-turn chats written to look human: cover chats are real
# human conversations (arena_even, oasst2), and inside them a share of turns are replaced by items
# (lima / instructionwild / codealpaca) given a casual lead-in. Paced like one person, ~14 h/day.
CASUAL = (
    "oh also, ",
    "btw ",
    "random q: ",
    "another thing - ",
    "ok different topic. ",
    "",
    "",
    "also ",
    "quick one: ",
    "hey can you help with this: ",
)


def mixed_casual(target: int = 900, share: float = 0.3) -> list[KeyTraffic]:
    rng = R("mixcasual")
    cover = [r for s in ("arena_even", "oasst2_threads") for r in src(s) if len(r.turns) >= 2]
    rng.shuffle(cover)
    items = first_turns(
        ("lima", "instructionwild", "codealpaca_2k"),
        keep=lambda r: 15 <= len(r.first) <= 1200 and not re.search(r"[\u4e00-\u9fff]", r.first),
    )
    rng.shuffle(items)
    params = {"stream": True}
    kt = mk(
        "d2-mixcasual-0",
        "mixed_casual",
        "distiller",
        "distiller",
        client(rng, "openai-js"),
        timing="simulated person: oasst2 session gaps + think()",
        sources=("arena_even", "oasst2_threads", "lima", "instructionwild", "codealpaca_2k"),
        settings={"target": target, "share": share},
    )
    starts = conversation_starts(rng, htiming(), T0 + 8 * 3600, 400)
    count, ii, t_free = 0, 0, 0.0
    for ci, st in enumerate(starts):
        if count >= target:
            break
        row = cover[ci % len(cover)]
        turns, replies, flags = [], [], []
        for u, a in zip(row.turns, row.replies, strict=False):
            turns.append(u)
            replies.append(a)
            flags.append(False)
            if rng.random() < share / (1 - share):
                it = items[ii % len(items)]
                ii += 1
                lead = rng.choice(CASUAL)
                text = lead + (it.first[0].lower() + it.first[1:] if lead and it.first else it.first)
                turns.append(text)
                replies.append(it.answer)
                flags.append(True)
        st = max(st, t_free + 60)
        times = [st]
        for j in range(1, len(turns)):
            times.append(times[-1] + think(rng, len(replies[j - 1] or "x" * 400), len(turns[j])))
        hist = chat_requests(turns, replies, times, params, None, row.id)
        for req, f in zip(hist, flags, strict=False):
            req.distill = f
        kt.requests += hist
        count += len(hist)
        t_free = times[-1]
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 5. Hydra of 8 keys: distinct client software, distinct sampling, separate accounts,
# one shared instruction pool handed out as a job queue (disjoint items), different concurrency.
HYDRA = (
    ("openai-python", {"temperature": 0.7, "max_tokens": 1024}, 2),
    ("openai-js", {"temperature": 1.0, "top_p": 0.95}, 1),
    ("requests", {"temperature": 0.3, "max_tokens": 2048}, 3),
    ("httpx", {}, 2),
    ("aiohttp", {"temperature": 0.9, "max_tokens": 1500, "presence_penalty": 0.3}, 4),
    ("curl", {"temperature": 0.5}, 1),
    ("go", {"temperature": 0.8, "top_p": 0.9, "max_tokens": 800}, 2),
    ("okhttp", {"temperature": 0.6, "max_tokens": 1200, "stream": True}, 1),
)


def hydra8(per_key: int = 250) -> list[KeyTraffic]:
    rng = R("hydra8")
    pool = first_turns(("codealpaca_2k", "moss_sft_sample", "orca_dpo_pairs_val"))
    rng.shuffle(pool)
    keys = []
    for i, (sw, params, conc) in enumerate(HYDRA):
        krng = R("hydra8", i)
        kt = mk(
            f"d2-hydra8-{i}",
            "hydra8",
            "distiller",
            "distiller",
            client(krng, sw),
            actor="d2-hydra8",
            timing=f"simulated closed loop, {conc} workers, start offset",
            sources=("codealpaca_2k", "moss_sft_sample", "orca_dpo_pairs_val"),
            settings={"software": sw, "params": params, "concurrency": conc},
        )
        rows = pool[i :: len(HYDRA)][:per_key]
        service = [service_time(krng, r, params) for r in rows]
        times = closed_loop(krng, T0 + krng.uniform(0, 20) * 3600, service, conc)
        for r, t in zip(rows, times, strict=False):
            kt.requests += chat_requests([r.first], [r.answer], [t], params, None, r.id, distill=True)
        keys.append(kt)
    return keys


# =============================================================================================
# DISTILLER 6. Step-by-step math reasoning harvest: word/arith problems from non-eval distiller
# pools (belle, moss, instructionwild, codealpaca, lima, orca), each problem asked twice.
MATH = re.compile(
    r"(\d+\s*[\+\-\*/x×÷]\s*\d+|how many|how much|calculate|solve|equation|percent|probability|"
    r"average|total cost|\bsum of\b|求|多少|计算)",
    re.I,
)
MATH_SUFFIX = "\n\nExplain step by step, then give the final answer."


def math_cot() -> list[KeyTraffic]:
    rng = R("mathcot")
    names = (
        "belle_dev1k",
        "moss_sft_sample",
        "instructionwild",
        "codealpaca_2k",
        "lima",
        "orca_dpo_pairs_val",
    )
    pool = first_turns(
        names,
        keep=lambda r: (
            bool(MATH.search(r.first))
            and re.search(r"\d", r.first) is not None
            and 15 <= len(r.first) <= 600
            and not re.search(r"\b(code|program|function|python|java|sql)\b", r.first, re.I)
        ),
    )
    rng.shuffle(pool)
    params = {"temperature": 0.7, "max_tokens": 2048}
    sysp = "You are a meticulous math tutor."
    kt = mk(
        "d2-mathcot-0",
        "math_cot",
        "distiller",
        "distiller",
        client(rng, "openai-python"),
        timing="simulated closed loop, 4 workers",
        sources=names,
        settings={"items": len(pool), "samples": 2, "params": params},
    )
    jobs = [r for r in pool for _ in range(2)]
    rng.shuffle(jobs)
    service = [service_time(rng, r, params, 500) for r in jobs]
    times = closed_loop(rng, T0 + 4 * 3600, service, 4)
    for r, t in zip(jobs, times, strict=False):
        kt.requests += chat_requests(
            [r.first.strip() + MATH_SUFFIX], [r.answer], [t], params, sysp, r.id, distill=True
        )
    return [kt]


BENIGN = (browser_extension, writing_assistant, notebook_user, hr_it_bot, calibration_researcher, game_npc)
DISTILL = (self_chat, logprob_chat, domain_harvest, mixed_casual, hydra8, math_cot)


# =============================================================================================
# TIMING FIX (added after the first run; content, counts and parameters unchanged). notebook_user
# and mixed_casual used timing.conversation_starts, whose between-session gaps are oasst2's (mean
# 6.5 days), so 70 / ~200 conversations spread over 485 / 1,280 days, against the stated intent
# (notebook: 5 days; mixed_casual: one person ~14 h a day). The *_v2 builders draw conversation
# starts with timing.paced (the project's heavy-user clock) at that intent instead.


def _with_paced(fn, per_day, hours, name):
    def run():
        orig = conversation_starts

        def cs(rng, timing, start, n):
            return _paced(rng, timing, start, n, per_day, hours)

        globals()["conversation_starts"] = cs
        try:
            keys = fn()
        finally:
            globals()["conversation_starts"] = orig
        for k in keys:
            k.persona = name
            k.key_id = k.key_id + "-v2"
            k.actor = k.key_id
            k.timing = f"simulated: timing.paced({per_day} conversations/day, {hours} h/day) + think()"
        return keys

    run.__name__ = name
    return run


notebook_user_v2 = _with_paced(notebook_user, 14, 9, "notebook_user_v2")  # 70 conversations / 5 days
mixed_casual_v2 = _with_paced(mixed_casual, 40, 14, "mixed_casual_v2")  # ~200 conversations / 5 days


# DIAGNOSTIC ONLY (not a persona, not a replacement result): calibration_researcher with the
# confidence sentence removed, to see which term carried its flag.
def calibration_no_conf() -> list[KeyTraffic]:
    global CAL_TMPL
    old = CAL_TMPL
    CAL_TMPL = "Answer the question with a short phrase.\n\nQuestion: {q}"
    try:
        keys = calibration_researcher()
    finally:
        CAL_TMPL = old
    for k in keys:
        k.persona, k.key_id, k.actor = "diag_calib_no_conf", "diag-calib-noconf", "diag-calib-noconf"
    return keys


def calibration_no_logprobs() -> list[KeyTraffic]:
    keys = calibration_researcher()
    for k in keys:
        k.persona, k.key_id, k.actor = "diag_calib_no_logprobs", "diag-calib-nolp", "diag-calib-nolp"
        for r in k.requests:
            r.params.pop("logprobs", None)
            r.params.pop("top_logprobs", None)
    return keys


EXTRA = (notebook_user_v2, mixed_casual_v2, calibration_no_conf, calibration_no_logprobs)


# what bench/detector_blind.py replays: the timing-fixed builders in place of the two first ones
# (the outcome did not change with the fix: notebook_user 0.38 -> 0.37, mixed_casual 0.25 -> 0.24)
PERSONAS = {
    f.__name__.removesuffix("_v2"): f
    for f in (
        browser_extension,
        writing_assistant,
        notebook_user_v2,
        hr_it_bot,
        calibration_researcher,
        game_npc,
    )
}
ATTACKS = {
    f.__name__.removesuffix("_v2"): f
    for f in (self_chat, logprob_chat, domain_harvest, mixed_casual_v2, hydra8, math_cot)
}

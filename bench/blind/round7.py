"""Blind persona set 7 (an outside reviewer): 6 benign, 6 distiller personas.

Written without reading the detector's code, docs or results (only the realtraffic helpers
records/timing/clients/pools/context/wordings, the earlier blind sets, bench/detector_blind.py and
../shared/traffic were read). Every builder returns list[KeyTraffic] built from the real prompt
data in ../shared/traffic plus text written here, with the project's realtraffic helpers. ALL
parameters below were fixed before anyone replayed this set and are not tuned on outcomes.
Timing is simulated everywhere (diurnal app streams, business-hours streams, a student's
evenings, paced people shaped by oasst2's real gaps, closed-loop scripts inside a reseller).

Focus: disguises a careful distiller would write by hand (casual chatter in this reviewer's own
words, role-play "my manager wants me to ...", items inside a personal chat history or a
reseller's real users, four slow keys, a chat UI's background tasks), and benign clients whose
requests look like instructions (a chatty heavy user, homework, support replies, a writing menu,
teacher tools, a forum's auto-answers).

Benign replies are the helpers' stub replies (the served model's answer is not known);
distiller requests carry the source's stored answer where it has one, as rounds 2-6 do. Where
a request asks for something the stored answer is not (a title, follow-up suggestions), the reply
is a stand-in and the builder says so.
"""

from __future__ import annotations

import json
import random
import re

from blind.round2 import T0, first_turns, htiming, mk, sorted_reqs, src  # round 2's data helpers
from blind.round4 import HAN, dedupe, dedupe_rows  # round 4's text helpers
from blind.round5 import casual, english  # round 5's chat helpers
from blind.round6 import en_row, keywords, office_day, prose, prose_texts, weekday  # round 6's helpers
from stillroom.detector.realtraffic.clients import client
from stillroom.detector.realtraffic.context import run_jobs
from stillroom.detector.realtraffic.records import (
    KeyTraffic,
    Request,
    chat_requests,
    stub_reply,
)
from stillroom.detector.realtraffic.timing import (
    DAY,
    diurnal,
    latency,
    paced,
    think,
)


def R(*names) -> random.Random:
    return random.Random("blind7:" + ":".join(map(str, names)))


def converse(
    rng: random.Random,
    turns: list[str],
    replies: list[str | None],
    t: float,
    params: dict,
    system: str | None = None,
    item: str = "",
    distill: bool = False,
) -> tuple[list[Request], float]:
    """One conversation at a person's pace; returns its requests and when the last reply is read."""
    ts = [t]
    for k in range(1, len(turns)):
        ts.append(ts[-1] + think(rng, len(replies[k - 1] or "x" * 600), len(turns[k])))
    reqs = chat_requests(turns, replies, ts, dict(params), system, item, distill)
    end = ts[-1] + latency(rng, len(replies[-1] or "x" * 600) // 4) + rng.uniform(5, 40)
    return reqs, end


KEYS_NEAR = {
    "a": "sq",
    "e": "wr",
    "i": "uo",
    "o": "ip",
    "n": "bm",
    "t": "ry",
    "s": "ad",
    "r": "et",
    "h": "gj",
    "l": "k",
    "u": "yi",
    "d": "sf",
}


def typo(rng: random.Random, text: str, n: int = 1) -> str:
    """n typing slips in words of 4+ letters: two letters swapped, one dropped, one doubled, or a
    neighbouring key hit. Text with code or line breaks is left alone."""
    if "\n" in text or any(c in text for c in "{}();=<>`$\\"):
        return text
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    for i in rng.sample(idx, min(n, len(idx))):
        w = words[i]
        j = rng.randrange(1, len(w) - 1)
        kind = rng.random()
        if kind < 0.35:
            w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        elif kind < 0.6:
            w = w[:j] + w[j + 1 :]
        elif kind < 0.8:
            w = w[:j] + w[j] + w[j:]
        elif w[j].lower() in KEYS_NEAR:
            w = w[:j] + rng.choice(KEYS_NEAR[w[j].lower()]) + w[j + 1 :]
        words[i] = w
    return " ".join(words)


def short_line(text: str, limit: int = 300) -> bool:
    return len(text) <= limit and "\n" not in text


def lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text


# =============================================================================================
# BENIGN 1. Chatty heavy user: one person on a BYO-key desktop chat app (openai-js, streamed),
# ~300 messages a day for 5 days, 15 h a day (paced like oasst2's in-session gaps, rescaled). They
# chat with a casual persona they set up themselves ("Max") and wrap real questions in greetings,
# thanks, small talk and jokes. Questions: real conversations (arena_even, oasst2 English, turn by
# turn), real search queries (nq_open, as typed), a few red-team-ish curiosities (hh-rlhf first
# turns); pleasantries and small talk written here. A chat thread runs until ~8-16 messages, then
# the person opens a new one. Served reply: stored reply for real turns, else a stub.
CH_SYSTEM = (
    "You're Max, my buddy. Be casual and funny, keep answers short unless I ask for detail, and "
    "don't lecture me."
)
CH_HELLO = (
    "good morning max!!",
    "morninggg",
    "hey max",
    "yo",
    "im back lol",
    "hi again :)",
    "hello my friend",
    "ok i'm up. coffee first",
    "hey buddy, how's it going",
    "evening max",
    "sup",
    "guess who's back",
    "hiii",
    "ugh monday. hi",
    "heyyy i missed u",
)
CH_THANKS = (
    "thanks!",
    "thx",
    "ty ty",
    "haha nice",
    "lol ok",
    "perfect, thank you",
    "omg yes that's it",
    "you're the best",
    "cool cool",
    "ahh that makes sense",
    "wow ok",
    "hmm ok",
    "lmao",
    "nice one",
    "appreciate it buddy",
    "good to know!",
    "okay that helps",
)
CH_SMALL = (
    "what should i eat for lunch",
    "i'm so tired today",
    "tell me a joke",
    "do you ever get bored",
    "rate my day so far: 4/10",
    "my cat just knocked over my plant again",
    "should i go for a run or take a nap",
    "it's raining AGAIN",
    "what's a good movie for tonight, something funny",
    "i have a meeting in 10 min and i'm not ready lol",
    "give me a random fun fact",
    "do you like pineapple on pizza? be honest",
    "i finally finished that book!",
    "can you hype me up, big presentation today",
    "what's a good name for a goldfish",
    "i think i'm getting a cold",
    "bored. entertain me",
    "say something nice",
    "what day is it even",
    "my sister's birthday is next week, gift ideas? she likes plants and board games",
)
CH_BYE = (
    "ok gotta go, bye!",
    "night max",
    "ttyl",
    "ok back to work",
    "brb",
    "thanks for the chat, see ya",
    "ok i'm off to bed",
    "later!",
)
CH_LEAD = ("ok question: ", "random q - ", "hey so ", "quick one: ", "", "", "", "", "also ", "wait, ")


def chatty_heavy_user(per_day: int = 300, days: int = 5) -> list[KeyTraffic]:
    rng = R("chatty")
    convs = [r for r in src("arena_even") if english(r.first) and len(r.first) <= 1500]
    convs += [r for r in src("oasst2_threads") if r.extra.get("lang") == "en" and len(r.first) <= 1500]
    rng.shuffle(convs)
    queries = [r.first for r in src("nq_open_dev")]
    rng.shuffle(queries)
    probes = [r.first for r in src("hh_rlhf_harmless_test") if len(r.first) <= 200]
    rng.shuffle(probes)
    params = {"temperature": 0.9, "stream": True}
    kt = mk(
        "b7-chatty-0",
        "chatty_heavy_user",
        "benign",
        "heavy",
        client(rng, "openai-js", CH_SYSTEM),
        timing=f"simulated paced person: oasst2 in-session gaps rescaled to {per_day}/day, 15 h a day",
        sources=("arena_even", "oasst2_threads", "nq_open_dev", "hh_rlhf_harmless_test", "+written chatter"),
        settings={"per_day": per_day, "days": days, "params": params},
    )
    times = paced(rng, htiming(), T0 + 7 * 3600, per_day * days, per_day, 15)
    ci = qi = pi = 0
    history: list[dict] = []
    left, prev = 0, float("-inf")
    pending: list[tuple[str, str | None]] = []
    for t in times:
        if left <= 0 or t - prev > 3 * 3600:  # a new chat thread
            history = [{"role": "system", "content": CH_SYSTEM}]
            left = rng.randint(8, 16)
            pending = [(rng.choice(CH_HELLO), None)] if rng.random() < 0.55 else []
        if not pending:
            x = rng.random()
            if x < 0.45:
                r = convs[ci % len(convs)]
                ci += 1
                pending = [(casual(rng, u), a) for u, a in zip(r.turns[:4], r.replies[:4], strict=True)]
                pending[0] = (rng.choice(CH_LEAD) + lower_first(pending[0][0]), pending[0][1])
            elif x < 0.7:
                pending = [(queries[qi % len(queries)], None)]
                qi += 1
            elif x < 0.74:
                pending = [(probes[pi % len(probes)].lower(), None)]
                pi += 1
            elif x < 0.9:
                pending = [(rng.choice(CH_SMALL), None)]
            else:
                pending = [(rng.choice(CH_THANKS), None)]
        text, stored = pending.pop(0)
        if left == 1 and rng.random() < 0.5:
            text, stored, pending = rng.choice(CH_BYE), None, []
        elif len(history) > 1 and rng.random() < 0.25 and len(text) < 600:
            text = rng.choice(CH_THANKS) + " " + lower_first(text)
        history = [*history, {"role": "user", "content": text}]
        reply = stored or stub_reply(text)
        kt.requests.append(Request(t, "chat", text, history, dict(params), "", False, reply))
        history = [*history, {"role": "assistant", "content": reply}]
        left -= 1
        prev = t
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 2. High-school / first-year student doing homework with a BYO-key Android chat app
# (okhttp, streamed): weekday evenings 18:00-23:30 and weekend afternoons, 12 days, 2-4 sessions a
# day of 3-12 problems. Problems are pasted from assignments: AGIEval English items (SAT math,
# AQuA, LogiQA, LSAT-LR, competition maths, SAT writing), MMLU questions without QLoRA's header
# and "Answer:" tail (what a student would copy from a worksheet), and MBPP task texts (an intro
# programming course). Chatter, own guesses and confused follow-ups are written here. Half the
# sessions keep one thread for the whole sheet (history resent), half open a chat per problem.
HW_PASTE = (
    "{x}",
    "{x}",
    "can u help me with this one\n\n{x}",
    "{x}\n\nidk how to do this",
    "ok next one\n{x}",
    "{x}\n\nis it {g}?",
    "i got {g} but my friend got something else\n\n{x}",
    "hw question:\n{x}",
    "{x}\n\nexplain pls, test tomorrow 😭",
    "how do u solve this\n{x}",
    "{x}\n\nshow steps",
    "teacher didn't explain this at all. {x}",
    "last one i promise lol\n\n{x}",
    "{x}\n\nwhat's the answer and why",
)
HW_CODE = (
    "{x}",
    "for my cs class: {x}",
    "{x} in python pls",
    "how would i write this? {x}",
    "{x}\n\nwe're only allowed to use loops, no imports",
    "my code doesnt work for this one, can u show me how: {x}",
)
HW_FOLLOW = (
    "why not {g}?",
    "wait how did u get that",
    "can u explain step 2 again",
    "ohhh ok",
    "but the answer key says {g}??",
    "what formula is that",
    "can u explain it simpler",
    "ok so what's the trick for these",
    "thank u!!",
    "is there a faster way to do it on the test",
    "why is that one wrong tho",
    "makes sense now",
    "what does that symbol mean",
)
HW_SESSION_START = ("ok homework time", "hiii can u help with hw", "", "", "", "i have a quiz tomorrow help")


def _mmlu_question(text: str) -> str:
    body = text.split("\n\n", 1)[-1]
    return re.sub(r"\nAnswer:\s*$", "", body).strip()


def homework_student(days: int = 12, follow: float = 0.4) -> list[KeyTraffic]:
    rng = R("homework")
    tasks = ("sat-math", "aqua-rat", "logiqa-en", "lsat-lr", "math", "sat-en-without-passage")
    ag = [r.first for r in src("agieval_v1") if r.extra.get("task") in tasks and len(r.first) <= 1800]
    mm = [_mmlu_question(r.first) for r in src("mmlu_val_zeroshot") if english(r.first)]
    code = [str(r.extra.get("text") or r.first) for r in src("mbpp")]
    for pool in (ag, mm, code):
        rng.shuffle(pool)
    params = {"temperature": 0.7, "stream": True}
    kt = mk(
        "b7-homework-0",
        "homework_student",
        "benign",
        "chat",
        client(rng, "okhttp"),
        timing=f"simulated student: weekday evenings, weekend afternoons, {days} days, think() inside sessions",
        sources=("agieval_v1", "mmlu_val_zeroshot", "mbpp", "+written chatter"),
        settings={"days": days, "follow": follow, "params": params},
    )
    ai = mi = ci = 0
    for d in range(days):
        day = T0 + d * DAY
        we = weekday(day) >= 5
        for _ in range(rng.randint(1, 3) if we else rng.randint(2, 4)):
            t = day + (rng.uniform(13, 18) if we else rng.uniform(18, 23)) * 3600
            subject = rng.choices(("ag", "mm", "code"), (0.45, 0.35, 0.2))[0]
            one_thread = rng.random() < 0.5
            history: list[dict] = []
            opener = rng.choice(HW_SESSION_START)
            msgs: list[tuple[str, bool]] = [(opener, True)] if opener else []  # (text, a new problem)
            for _ in range(rng.randint(3, 12)):
                g = rng.choice("ABCD") if subject != "code" else "it"
                if subject == "ag":
                    x, ai = ag[ai % len(ag)], ai + 1
                elif subject == "mm":
                    x, mi = mm[mi % len(mm)], mi + 1
                else:
                    x, ci = code[ci % len(code)], ci + 1
                tmpl = rng.choice(HW_CODE if subject == "code" else HW_PASTE)
                msgs.append((tmpl.format(x=x, g=g), True))
                if rng.random() < follow:
                    msgs.append((rng.choice(HW_FOLLOW).format(g=rng.choice("ABCD")), False))
            for k, (m, new) in enumerate(msgs):
                if k and new and not one_thread and not (k == 1 and opener):
                    history = []
                history = [*history, {"role": "user", "content": m}]
                reply = stub_reply(m)
                kt.requests.append(Request(t, "chat", m, history, dict(params), "", False, reply))
                history = [*history, {"role": "assistant", "content": reply}]
                t += think(rng, 900, len(m)) + rng.uniform(20, 240)  # working the next problem out
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 3. Support-agent copilot of an online furniture shop ("Oakhollow"): ~40 agents paste a
# customer's email into the helpdesk sidebar and type what they want ("draft a reply, refund
# approved", "pls answer politely, no returns after 30 days"). The emails are stand-ins written
# here (13 issue types x several sentences each, slots for names, order numbers, products, dates,
# tone; there is no usable real support data in ../shared/traffic); the agents' instructions are
# written here too. The system prompt carries the shop's policies. 25% of drafts get a refinement
# in the same chat. Business hours on weekdays (the diurnal stream folded into 07:00-19:00 UTC),
# 3 days. Served reply: a stub.
SP_SYSTEM = (
    "You are the reply assistant in Oakhollow's helpdesk. Oakhollow sells furniture online in the "
    "UK and EU. Policies: delivery 5-10 working days (made-to-order sofas 6-8 weeks); returns within "
    "30 days, unused, in original packaging, customer pays return shipping unless the item arrived "
    "damaged or wrong; refunds within 5-7 working days of the return arriving; 2-year warranty on "
    "frames; discount codes cannot be combined. Write in a warm, professional tone, British "
    "spelling, sign as {agent_name}. Never promise anything the policies do not allow. Output only "
    "the email body."
)
SP_NAMES = (
    "Sarah",
    "James",
    "Priya",
    "Tom",
    "Aisha",
    "Lukas",
    "Emma",
    "Marco",
    "Chloe",
    "Daniel",
    "Fatima",
    "Olivia",
    "Kwame",
    "Sophie",
    "Ben",
    "Ines",
    "Harriet",
    "Mehmet",
)
SP_SURNAMES = (
    "Walsh",
    "Okafor",
    "Patel",
    "Schmidt",
    "Rossi",
    "Nguyen",
    "Brown",
    "Dubois",
    "Kowalski",
    "Evans",
)
SP_ITEMS = (
    "the Harlow 3-seater sofa",
    "an oak dining table (180cm)",
    "the Ember bedside tables (x2)",
    "a Linden bookcase",
    "the Marlow king-size bed frame",
    "6 Aster dining chairs",
    "a velvet armchair in teal",
    "the Fenwick desk",
    "a rattan coffee table",
    "the Brook wardrobe",
)
SP_ISSUES = {
    "late": (
        "I ordered {item} on {date} and was told it would arrive within 10 days. It's now been {n} weeks.",
        "My order {order} still hasn't arrived and the tracking page hasn't updated since {date}.",
        "Can you tell me where my delivery is? I took a day off work for it and nobody came.",
        "We're moving house on {date2} and I really need the furniture before then.",
    ),
    "damaged": (
        "{item} arrived today but one of the legs is cracked and there's a deep scratch on the top.",
        "The box was clearly dropped, the corner was crushed and the frame inside is split.",
        "I've attached photos of the damage.",
        "I'm really disappointed, this was a present for my mum.",
    ),
    "return": (
        "I'd like to return {item}, it's too big for our living room.",
        "It's still in the original packaging. How do I send it back?",
        "Do I have to pay for the return? The website wasn't clear.",
        "I bought it {n} weeks ago, I hope that's still okay.",
    ),
    "wrong": (
        "I ordered {item} but received something completely different.",
        "The colour is wrong, I ordered grey and got beige.",
        "Order number is {order}. Please tell me how you'll fix this.",
    ),
    "refund": (
        "I returned {item} on {date} and still haven't had my refund.",
        "Your courier collected it, I have the receipt.",
        "It's been over two weeks, when will the money be back on my card?",
    ),
    "assembly": (
        "The instructions for {item} are missing step 4 and there are two screws left over.",
        "Is there a video showing how to put it together?",
        "Does the bed frame need a second person to assemble?",
    ),
    "code": (
        "The discount code SPRING15 doesn't work at checkout, it says invalid.",
        "I got the code in your newsletter yesterday.",
        "Can you apply the discount manually to order {order}?",
    ),
    "address": (
        "I need to change the delivery address for order {order}.",
        "The new address is {street}, same city.",
        "Is it too late? It says dispatched.",
    ),
    "cancel": (
        "Please cancel order {order}, I found something else.",
        "I ordered it {n} days ago so it hopefully hasn't shipped yet.",
        "Will I get a full refund?",
    ),
    "warranty": (
        "The frame of {item} has started creaking and one slat snapped.",
        "We bought it about 14 months ago.",
        "Is this covered by the warranty?",
    ),
    "courier": (
        "The delivery driver was incredibly rude and left {item} at the bottom of the stairs.",
        "I'm on the third floor and can't carry it myself.",
        "I paid for delivery to the room of choice.",
    ),
    "invoice": (
        "Could you send me a VAT invoice for order {order}? It's for my business.",
        "The company name is {surname} Design Ltd.",
    ),
    "stock": (
        "Will {item} be back in stock before Christmas?",
        "Is there a waiting list I can join?",
        "Do you have it in a darker finish?",
    ),
}
SP_OPEN = (
    "Hi,",
    "Hello,",
    "Dear Oakhollow team,",
    "Hi there,",
    "To whom it may concern,",
    "Hello Oakhollow,",
    "",
)
SP_ANGRY = (
    "This is completely unacceptable.",
    "I've emailed twice already and nobody has replied.",
    "If this isn't sorted I'll be leaving a review and disputing the payment.",
    "Honestly I expected better.",
)
SP_CLOSE = ("Thanks,", "Kind regards,", "Best,", "Cheers,", "Regards,", "Thank you in advance,", "")
SP_ASK = (
    "draft a reply",
    "Draft a reply to this customer.",
    "write a response, apologise for the delay and give an update that it ships {date2}",
    "pls reply politely - refund approved, 5-7 working days",
    "reply: we can't accept the return, it's past 30 days. be nice about it",
    "Draft a response offering a replacement or a full refund, their choice.",
    "can you write an answer explaining how to return it",
    "reply and ask for photos of the damage",
    "answer this, code can't be combined with the sale, offer free delivery instead",
    "write a reply, we've escalated to the courier, will update in 48h",
    "Please draft an empathetic reply. Offer 15% off their next order.",
    "short reply pls, address changed successfully",
    "help me respond to this one, customer is angry",
    "reply in German please",
    "make a reply confirming the cancellation and refund",
    "write back - yes covered by warranty, we'll send a new slat",
    "draft answer: back in stock mid-December, offer to notify them",
)
SP_WRAP = (
    "{ask}\n\n{email}",
    "{email}\n\n{ask}",
    'Customer email:\n"""\n{email}\n"""\n\n{ask}',
    "{ask}:\n{email}",
    "{email}\n\n---\n{ask}",
)
SP_REFINE = (
    "shorter",
    "make it more formal",
    "less apologetic pls",
    "add that we'll call them tomorrow",
    "can you mention the order number",
    "too long, 3 sentences max",
    "warmer tone",
    "remove the part about the discount",
    "translate it to French",
    "good, but don't promise a date",
)


def _sp_email(rng: random.Random) -> str:
    kind = rng.choice(tuple(SP_ISSUES))
    sents = list(SP_ISSUES[kind])
    picked = [sents[0], *rng.sample(sents[1:], rng.randint(0, len(sents) - 1))]
    if rng.random() < 0.25:
        picked.append(rng.choice(SP_ANGRY))
    first = rng.choice(SP_NAMES)
    slots = {
        "item": rng.choice(SP_ITEMS),
        "date": f"{rng.randint(1, 28)} {rng.choice(('Jan', 'Feb', 'March', 'April'))}",
        "date2": f"the {rng.randint(2, 28)}th",
        "n": rng.randint(2, 6),
        "order": f"OH-{rng.randint(100000, 999999)}",
        "street": f"{rng.randint(2, 140)} {rng.choice(('Mill Lane', 'Station Road', 'Kingsway', 'Elm Grove'))}",
        "surname": rng.choice(SP_SURNAMES),
    }
    body = " ".join(s.format(**slots) for s in picked)
    if rng.random() < 0.3:
        body = body.lower() if rng.random() < 0.4 else typo(rng, body, 2)
    sign = rng.choice(SP_CLOSE)
    parts = [rng.choice(SP_OPEN), body, f"{sign}\n{first} {rng.choice(SP_SURNAMES)}" if sign else first]
    return "\n\n".join(p for p in parts if p)


def support_reply_drafter(per_day: int = 600, days: int = 3, refine: float = 0.25) -> list[KeyTraffic]:
    rng = R("supportdraft")
    params = {"temperature": 0.5, "max_tokens": 600}
    kt = mk(
        "b7-supportdraft-0",
        "support_reply_drafter",
        "benign",
        "app",
        client(rng, "openai-python", SP_SYSTEM),
        timing=f"simulated business-hours stream on weekdays, {per_day}/day, {days} days",
        sources=("+written customer emails and agent instructions",),
        settings={"per_day": per_day, "days": days, "refine": refine, "params": params},
    )
    agents = [f"agent-{i:03d}" for i in range(1, 41)]
    for d in range(days):  # Tue-Thu
        day = T0 + (d + 1) * DAY
        for h in sorted(rng.uniform(7, 19) + rng.gauss(0, 0.2) for _ in range(per_day)):
            t = day + min(max(h, 7.0), 19.2) * 3600
            ask = rng.choice(SP_ASK).format(date2=f"on the {rng.randint(2, 28)}th")
            prompt = rng.choice(SP_WRAP).format(ask=ask, email=_sp_email(rng))
            p = dict(params, user=rng.choice(agents))
            turns = [prompt]
            if rng.random() < refine:
                turns.append(rng.choice(SP_REFINE))
            reqs, _ = converse(rng, turns, [None] * len(turns), t, p, SP_SYSTEM)
            kt.requests += reqs
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 4. Writing-assistant browser extension ("Quill"): users select text in any web page or
# editor and pick an action from a menu (12 actions, some with a tone or language option); 8%
# type a custom instruction instead (written here). The extension's backend wraps the selection in
# the action's template. Selected text: real human writing in many languages (oasst2 user turns and
# stored replies, arena_even user turns, hh-rlhf human turns of 60+ characters). `user` = the
# extension install id. 10% of uses are "try again" (the same request), 10% a follow-up in the
# side panel. Diurnal, 2 days, ~1,100 uses a day. Served reply: a stub.
QW_SYSTEM = (
    "You are Quill, a writing assistant. Do exactly what the user's action asks with their text. "
    "Keep the author's voice and the language of the text unless asked to translate. Return only "
    "the rewritten text, no preamble."
)
QW_ACTIONS = (
    (
        "Improve the writing of the following text. Fix grammar and spelling and make it flow better.\n\n{t}",
        0.2,
    ),
    ("Fix spelling and grammar only. Do not change anything else.\n\nText:\n{t}", 0.15),
    ("Rewrite the following text in a {tone} tone.\n\n{t}", 0.12),
    ("Make this shorter while keeping the meaning:\n\n{t}", 0.1),
    ("Make this longer and more detailed:\n\n{t}", 0.04),
    ("Summarize the following text in {k} bullet points.\n\n{t}", 0.1),
    ("Translate the following text into {lang}.\n\n{t}", 0.1),
    ("Simplify this text so a 12-year-old can understand it:\n\n{t}", 0.05),
    ("Continue writing from where this text ends, in the same style:\n\n{t}", 0.03),
    ("Explain what this text means:\n\n{t}", 0.05),
    ("Write a reply to this message:\n\n{t}", 0.04),
    ("Paraphrase the following text:\n\n{t}", 0.02),
)
QW_TONES = ("professional", "friendly", "confident", "casual", "formal", "persuasive", "empathetic", "direct")
QW_LANGS = ("English", "Spanish", "German", "French", "Portuguese", "Italian", "Japanese", "Chinese", "Dutch")
QW_CUSTOM = (
    "make it sound less like a robot",
    "turn this into a tweet",
    "can you make this less passive aggressive lol",
    "rewrite as a LinkedIn post",
    "make this sound smarter",
    "put this in a table",
    "fix this but keep my jokes",
    "give this a title",
    "what's the tone of this?",
    "rewrite for my boss, he hates long emails",
    "make it rhyme",
    "is this grammatically correct?",
    "more polite pls",
    "write it like a pirate",
)
QW_FOLLOW = (
    "shorter",
    "now more formal",
    "undo the second paragraph changes",
    "keep the first sentence as it was",
    "give me 3 versions",
    "less fancy words",
    "perfect, now in Spanish",
)


def app_request(
    rng: random.Random,
    prompt: str,
    t: float,
    p: dict,
    system: str,
    regenerate: tuple[float, tuple[float, float]],
    follow: tuple[float, tuple[str, ...]],
) -> list[Request]:
    """One app user's request at `t`: regenerated (the same prompt again, a delay drawn from the
    range later) with the first probability, else followed up in chat (a line of the pool) up to
    the second, cumulative."""
    x = rng.random()
    out, turns = [], [prompt]
    if x < regenerate[0]:
        out += chat_requests([prompt], [None], [t + rng.uniform(*regenerate[1])], p, system)
    elif x < follow[0]:
        turns.append(rng.choice(follow[1]))
    reqs, _ = converse(rng, turns, [None] * len(turns), t, p, system)
    return out + reqs


def writing_menu_extension(per_day: int = 1100, days: int = 2) -> list[KeyTraffic]:
    rng = R("quill")
    texts = dedupe(
        x.strip()
        for r in src("oasst2_threads")
        for x in (*r.turns, *(a for a in r.replies if a))
        if 40 <= len(x) <= 2500 and prose(x)
    )
    texts += dedupe(
        t.strip() for r in src("arena_even") for t in r.turns if 40 <= len(t) <= 2500 and prose(t)
    )
    texts += dedupe(
        t.strip() for r in src("hh_rlhf_harmless_test") for t in r.turns if 60 <= len(t) <= 1500 and prose(t)
    )
    rng.shuffle(texts)
    params = {"temperature": 0.6, "max_tokens": 1500, "stream": True}
    kt = mk(
        "b7-quill-0",
        "writing_menu_extension",
        "benign",
        "app",
        client(rng, "openai-js", QW_SYSTEM),
        timing=f"simulated diurnal stream, {per_day}/day, {days} days",
        sources=("oasst2_threads", "arena_even", "hh_rlhf_harmless_test", "+written menu"),
        settings={"texts": len(texts), "per_day": per_day, "days": days, "params": params},
    )
    tmpls, weights = zip(*QW_ACTIONS, strict=True)
    n = per_day * days
    for i, t in enumerate(diurnal(rng, T0 + DAY, n, per_day)):
        text = texts[i % len(texts)]
        if rng.random() < 0.08:
            c = rng.choice(QW_CUSTOM)
            prompt = f"{c}\n\n{text}" if rng.random() < 0.7 else f"{text}\n\n{c}"
        else:
            prompt = rng.choices(tmpls, weights)[0].format(
                t=text, tone=rng.choice(QW_TONES), k=rng.choice((3, 5)), lang=rng.choice(QW_LANGS)
            )
        p = dict(params, user=f"inst-{rng.getrandbits(36):09x}")
        kt.requests += app_request(rng, prompt, t, p, QW_SYSTEM, (0.1, (8, 60)), (0.2, QW_FOLLOW))
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 5. Teacher-tools app ("PlanBee"): a menu of tools whose forms the backend turns into one
# prompt each (lesson plan, rubric, worksheet, leveled reading text, report-card comments, parent
# email, differentiation ideas), plus a free "ask PlanBee" box where teachers type their own
# requests (written here, 30 wordings). Form values are written here (subjects, topics, grades,
# durations, assignment descriptions, student notes); leveled texts rewrite real human-written
# texts (oasst2 stored replies and long arena turns, English prose). `user` = teacher id. 10% of
# outputs are regenerated, 15% refined in a chat follow-up. Weekday school hours for US and UK
# teachers plus a Sunday-evening planning peak, 4 days (Sun-Wed). Served reply: a stub.
PB_SYSTEM = (
    "You are PlanBee, an assistant for K-12 teachers. Produce classroom-ready material that fits "
    "the grade level, is inclusive, and follows the teacher's instructions exactly. Use clear "
    "headings. Do not include images."
)
PB_SUBJECTS = {
    "Science": (
        "the water cycle",
        "photosynthesis",
        "forces and motion",
        "the rock cycle",
        "circuits",
        "habitats",
    ),
    "Math": (
        "equivalent fractions",
        "place value",
        "slope",
        "area of triangles",
        "mean, median and mode",
        "exponents",
    ),
    "ELA": (
        "theme",
        "persuasive essays",
        "poetry analysis",
        "narrative writing",
        "context clues",
        "The Giver",
    ),
    "Social Studies": (
        "the three branches of government",
        "ancient Greece",
        "immigration",
        "map skills",
        "WWII",
    ),
    "Art": ("color theory", "Van Gogh", "clay pinch pots", "perspective drawing"),
    "PE/Health": ("healthy sleep", "teamwork games", "nutrition labels"),
    "Spanish": ("ser vs estar", "food vocabulary", "preterite tense"),
}
PB_GRADES = (
    "Kindergarten",
    "1st grade",
    "2nd grade",
    "3rd grade",
    "4th grade",
    "5th grade",
    "6th grade",
    "7th grade",
    "8th grade",
    "9th grade",
    "10th grade",
    "Year 5",
    "Year 8",
)
PB_LESSON = (
    "Create a {mins}-minute lesson plan for {grade} {subject} on {topic}. Include objectives, "
    "materials, a warm-up, direct instruction, guided practice, independent practice, an exit "
    "ticket and differentiation for ELL students and advanced learners.{extra}"
)
PB_RUBRIC = (
    "Create a {pts}-point analytic rubric for this assignment ({grade}):\n{assignment}\n"
    "Criteria should be student-friendly. Format as a table with {levels} performance levels."
)
PB_ASSIGN = (
    "Students write a 5-paragraph persuasive essay on whether school should start later.",
    "Group project: build a model of a plant cell and present it in 3 minutes.",
    "Lab report on the bouncing ball experiment.",
    "Create a travel brochure for a country in South America.",
    "Book report on a novel of their choice, with a cover redesign.",
    "Write and perform a short skit about the Boston Tea Party.",
    "Poster explaining one renewable energy source.",
    "Personal narrative about a time they overcame a challenge.",
    "Math project: plan a party with a $200 budget and show all calculations.",
)
PB_WORKSHEET = (
    "Make a worksheet for {grade} on {topic} ({subject}) with {n} questions of increasing difficulty "
    "and an answer key at the end.{extra}"
)
PB_LEVEL = "Rewrite this text at a {grade} reading level. Keep the key facts. Then add 3 comprehension questions.\n\n{text}"
PB_COMMENTS = (
    "Write report card comments ({words} words each) for these students in {subject}, {grade}. "
    "Positive tone, one area to improve.\n{students}"
)
PB_NOTES = (
    "strong reader, rushes through math, chatty",
    "quiet, very creative, late homework",
    "big improvement in writing this term, needs to check spelling",
    "great team player, struggles with multiplication facts",
    "often absent, bright when engaged",
    "leader in class discussions, handwriting hard to read",
    "new to the school, settling in well, shy in groups",
    "excellent effort, finds fractions hard",
)
PB_PARENT = (
    "Write an email to parents about {what}. {tone}",
    "Draft a short note to a parent whose child {child}. Keep it supportive and suggest a meeting.",
)
PB_WHAT = (
    "the field trip to the science museum next Friday (permission slip, $12, packed lunch)",
    "our new reading log routine",
    "the upcoming parent-teacher conferences",
    "lice going around the class",
    "the class fundraiser bake sale",
    "standardized testing week and how to help at home",
)
PB_CHILD = (
    "has not turned in homework for two weeks",
    "was involved in a playground conflict today",
    "has made great progress in reading",
    "seems tired and distracted in class lately",
)
PB_DIFF = "Give me {n} ways to differentiate a lesson on {topic} for {grade} students who {need}."
PB_NEED = (
    "are reading below grade level",
    "are English language learners",
    "have ADHD",
    "finish early and need extension",
    "are visually impaired",
)
PB_FREE = (
    "give me 5 fun warm up activities for a friday afternoon",
    "how do i explain negative numbers to 4th graders",
    "ideas for a classroom reward system that isn't candy",
    "I have 28 kids and 3 are really disruptive, any strategies?",
    "write a short poem about spring for my 1st graders to memorize",
    "what's a good way to group students for a jigsaw activity",
    "create a morning meeting question for each day of the week",
    "help me write my teaching philosophy for a job application",
    "brainstorm names for our class hamster",
    "write 10 would-you-rather questions for middle schoolers",
    "what are some good read alouds about kindness for 2nd grade",
    "explain the difference between formative and summative assessment to a parent",
    "can you make a sub plan for tomorrow, 5th grade, I'm sick. we're doing fractions and the civil war",
    "turn this into a bingo game: continents, oceans, equator, latitude, longitude, compass rose",
    "how long should homework be for 3rd grade",
    "I need a quick brain break that works in a small classroom",
    "rewrite my classroom rules in positive language: no running, no shouting, don't be late",
    "give me an exit ticket for a lesson on main idea",
    "write a letter of recommendation for a student applying to a STEM summer camp",
    "suggest a seating chart strategy for a class with lots of conflict",
)
PB_EXTRA = (
    "",
    "",
    "",
    " Align to Common Core.",
    " Keep it low-prep.",
    " Include a hands-on activity.",
    " Make it engaging for reluctant learners.",
)
PB_REFINE = (
    "make it shorter",
    "can you add a game to the warm-up",
    "make the questions easier",
    "add 5 more questions",
    "now make a version for my advanced group",
    "put it in a table",
    "translate the parent email into Spanish",
    "less formal please",
)


def _pb_prompt(rng: random.Random, texts: list[str]) -> str:
    subject = rng.choice(tuple(PB_SUBJECTS))
    topic, grade, extra = rng.choice(PB_SUBJECTS[subject]), rng.choice(PB_GRADES), rng.choice(PB_EXTRA)
    tool = rng.choices(
        ("lesson", "rubric", "ws", "level", "comments", "parent", "diff", "free"),
        (22, 10, 18, 8, 8, 7, 7, 20),
    )[0]
    if tool == "lesson":
        return PB_LESSON.format(
            mins=rng.choice((30, 45, 50, 60, 90)), grade=grade, subject=subject, topic=topic, extra=extra
        )
    if tool == "rubric":
        return PB_RUBRIC.format(
            pts=rng.choice((4, 16, 20, 100)),
            grade=grade,
            assignment=rng.choice(PB_ASSIGN),
            levels=rng.choice((3, 4)),
        )
    if tool == "ws":
        return PB_WORKSHEET.format(
            grade=grade, topic=topic, subject=subject, n=rng.choice((8, 10, 12, 15, 20)), extra=extra
        )
    if tool == "level":
        return PB_LEVEL.format(grade=grade, text=rng.choice(texts))
    if tool == "comments":
        names = rng.sample(SP_NAMES, rng.randint(2, 6))
        students = "\n".join(f"- {n}: {rng.choice(PB_NOTES)}" for n in names)
        return PB_COMMENTS.format(
            words=rng.choice((40, 50, 75)), subject=subject, grade=grade, students=students
        )
    if tool == "parent":
        tmpl = rng.choice(PB_PARENT)
        return tmpl.format(
            what=rng.choice(PB_WHAT),
            tone=rng.choice(("Friendly and brief.", "", "Keep it under 150 words.")),
            child=rng.choice(PB_CHILD),
        )
    if tool == "diff":
        return PB_DIFF.format(n=rng.choice((3, 5)), topic=topic, grade=grade, need=rng.choice(PB_NEED))
    return casual(rng, rng.choice(PB_FREE))


def teacher_tools_app(per_day: int = 520, days: int = 4) -> list[KeyTraffic]:
    rng = R("planbee")
    texts = prose_texts(2500)
    params = {"temperature": 0.8, "max_tokens": 2500}
    kt = mk(
        "b7-planbee-0",
        "teacher_tools_app",
        "benign",
        "app",
        client(rng, "openai-python", PB_SYSTEM),
        timing=f"simulated school-hours stream (UK mornings, US afternoons), Sunday-evening peak, {days} days",
        sources=("oasst2_threads", "arena_even", "+written forms and requests"),
        settings={"per_day": per_day, "days": days, "params": params},
    )
    starts = []
    for d in range(days):  # from Sunday 2026-03-01 (T0 is Monday)
        day = T0 + (d - 1) * DAY
        if weekday(day) == 6:  # Sunday: planning in the evening (US)
            starts += [day + rng.uniform(19, 27) * 3600 for _ in range(int(per_day * 0.6))]
            continue
        starts += [day + rng.uniform(7.5, 15.5) * 3600 for _ in range(int(per_day * 0.35))]  # UK
        starts += [day + rng.uniform(12, 24) * 3600 for _ in range(int(per_day * 0.65))]  # US
    for t in sorted(starts):
        prompt = _pb_prompt(rng, texts)
        p = dict(params, user=f"t-{rng.randint(1, 3400)}")
        kt.requests += app_request(rng, prompt, t, p, PB_SYSTEM, (0.1, (15, 90)), (0.25, PB_REFINE))
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 6. Community help forum's "AI answer" feature ("AskTheHive"): every new post is (1)
# screened by a moderation prompt (JSON verdict, T 0), and if it passes (2) sent for a draft answer
# shown under the post as "AI suggestion"; 25% of posters accept the offer to (3) rewrite their
# title. Posts are real people's questions in many languages: oasst2 first turns (all languages),
# arena_even first turns, nq_open queries as one-line posts, hh-rlhf first turns (the forum gets
# those too; the stand-in moderation verdict rejects a third of them). Title = the post's first
# sentence cut at 90 characters. Diurnal, ~550 posts a day, 3 days, one backend key (requests).
# Served replies: stand-in JSON verdicts and stubs.
AH_MOD = (
    "You are a content moderator for a general-interest Q&A forum. Classify the post. Return JSON "
    '{"allowed": bool, "category": "ok"|"spam"|"harassment"|"illegal"|"self-harm"|"adult", '
    '"language": "<ISO code>"}.'
)
AH_SYSTEM = (
    "You draft answers for AskTheHive, a community Q&A forum. Answer the post helpfully and "
    "accurately in the language of the post, in under 300 words, using Markdown. If the question "
    "needs an expert (medical, legal, financial), say so. End with one line inviting community "
    "members to add their experience."
)
AH_POST = "Title: {title}\n\n{body}"
AH_TITLE = (
    "Suggest a clearer, more specific title (max 80 characters) for this forum post. Reply with the "
    "title only.\n\n{post}"
)


def _title(text: str) -> str:
    first = re.split(r"(?<=[.?!。？！])\s*|\n", text.strip(), maxsplit=1)[0]
    return first[:90].rstrip() + ("…" if len(first) > 90 else "")


def forum_ai_answers(per_day: int = 550, days: int = 3, retitle: float = 0.25) -> list[KeyTraffic]:
    rng = R("hive")
    posts = [r.first.strip() for r in src("oasst2_threads") if len(r.first) >= 15]
    posts += [r.first.strip() for r in src("arena_even") if 15 <= len(r.first) <= 3000]
    posts += [r.first.strip().capitalize() + "?" for r in rng.sample(src("nq_open_dev"), 500)]
    probes = [r.first.strip() for r in src("hh_rlhf_harmless_test")]
    posts = dedupe(posts)
    rng.shuffle(posts)
    rng.shuffle(probes)
    mparams = {"temperature": 0, "max_tokens": 60, "response_format": {"type": "json_object"}}
    aparams = {"temperature": 0.4, "max_tokens": 700}
    kt = mk(
        "b7-hive-0",
        "forum_ai_answers",
        "benign",
        "app",
        client(rng, "requests"),
        timing=f"simulated diurnal stream of posts, {per_day}/day, {days} days",
        sources=("oasst2_threads", "arena_even", "nq_open_dev", "hh_rlhf_harmless_test"),
        settings={"per_day": per_day, "days": days, "retitle": retitle},
    )
    pi = hi = 0
    for t in diurnal(rng, T0 + DAY, per_day * days, per_day):
        if rng.random() < 0.06:
            body, probe = probes[hi % len(probes)], True
            hi += 1
        else:
            body, probe = posts[pi % len(posts)], False
            pi += 1
        post = AH_POST.format(title=_title(body), body=body)
        allowed = not (probe and rng.random() < 0.35)
        verdict = json.dumps(
            {"allowed": allowed, "category": "ok" if allowed else "illegal", "language": "en"}
        )
        kt.requests += chat_requests([post], [verdict], [t], dict(mparams), AH_MOD)
        if not allowed:
            continue
        t2 = t + latency(rng, 20) + rng.uniform(0.05, 0.3)
        kt.requests += chat_requests([post], [None], [t2], dict(aparams), AH_SYSTEM)
        if rng.random() < retitle:
            t3 = t2 + rng.uniform(20, 300)  # the poster clicks "improve my title"
            kt.requests += chat_requests(
                [AH_TITLE.format(post=post)], [None], [t3], {"temperature": 0.7, "max_tokens": 40}
            )
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 1. Chatter disguise in the operator's own words: every item is wrapped in casual text
# drawn from a large set written here (50 openers, 36 closers, 20 emoji, 7 layouts), with typing
# slips, "u"/"pls"-style shortening, whole-message lower case for short items, and 15% a short
# follow-up written here. Items: MOSS English first turns, ShareGPT-en first turns, Evol-Instruct,
# InstructionWild en, codealpaca, LIMA (an English mix). Sent by a script that paces itself like a
# person (oasst2's in-session gaps rescaled to ~380 a day, 14 h a day), 4 days, streamed from a
# BYO-key chat client's user agent. Replies: the stored answer; follow-ups get a stub.
CD_OPEN = (
    "hey there",
    "hiii",
    "yo",
    "ok so",
    "quick q",
    "hey, got a sec?",
    "hello hello",
    "morning!",
    "evening :)",
    "ugh ok",
    "alright",
    "sooo",
    "hi again",
    "hey it's me again lol",
    "need your brain for a sec",
    "random thought:",
    "ok weird one",
    "this has been bugging me all day",
    "my friend and i can't agree on this",
    "been googling forever, no luck",
    "quick help please",
    "hiya",
    "good afternoon!",
    "heyy",
    "so i was wondering",
    "question time",
    "ok here goes",
    "please help",
    "not urgent but",
    "curious about something",
    "trying to figure this out",
    "hey hope you're good",
    "lol ok so",
    "this might be dumb but",
    "ok another one",
    "before i forget",
    "real quick",
    "hmm so",
    "bear with me",
    "need a hand",
    "can you look at this",
    "wondering if you can help",
    "so my roommate asked me this",
    "ok last one for today (probably)",
    "back again",
    "on my lunch break so",
    "couldn't sleep, so",
    "wanna check something",
    "hey! quick thing",
    "sorry, me again",
)
CD_CLOSE = (
    "thanks",
    "thanks a ton",
    "ty!!",
    "appreciate you",
    "no pressure",
    "let me know",
    "thanks in advance",
    "cheers!",
    "please and thank you",
    "would help a lot",
    "you're the best",
    "haha thanks",
    "ok go",
    "much appreciated",
    "thank youuu",
    "(sorry for the long message)",
    "kinda urgent lol",
    "take your time",
    "merci",
    "danke!",
    "tysm",
    "if that makes sense",
    "hope that's clear",
    "sorry if dumb question",
    "tia",
    "gracias",
    "love you for this",
    "no rush at all",
    "ok that's it",
    "fingers crossed",
    "thanks, you rock",
    "owe you one",
    "🙏",
    "much love",
    "(for real this time)",
    "ok bye lol",
)
CD_EMOJI = (
    "😅",
    "🙏",
    "🤞",
    "😊",
    "🙈",
    "😂",
    "🤔",
    "✨",
    "👀",
    "😭",
    "💀",
    "🥲",
    "😬",
    "👍",
    "🫠",
    "☕",
    "🔥",
    "🤓",
    "😇",
    "🙃",
)
CD_LAYOUT = (
    "{o} {x}",
    "{o}\n\n{x}",
    "{x}\n\n{c}",
    "{o}\n{x}\n{c}",
    "{x} {c}",
    "{o}, {x} {c}",
    "{x}",
)
CD_SHORT = (
    ("you", "u"),
    ("please", "pls"),
    ("your", "ur"),
    ("thanks", "thx"),
    ("because", "bc"),
    ("something", "smth"),
    ("really", "rly"),
)
CD_FOLLOW = (
    "ok cool, can you say more about the 2nd part",
    "wait why tho",
    "nice thx! got another example?",
    "hmm can you make it shorter",
    "can you explain like im 5",
    "and what if it was the other way around?",
    "ok but is there an easier way",
    "ty! could you put that in a table",
    "perfect. now in bullet points pls",
    "wdym by that last bit",
    "cool cool. anything i should watch out for?",
    "can you double check that",
    "what would you do tho",
    "lol ok. shorter pls",
    "and in simple words?",
    "got it. can you give me a real life example",
    "could you add more detail",
    "hmm not sure that's right?",
    "love it. one more like that",
    "ok now explain why",
)


def chatter(rng: random.Random, text: str, slips: float = 0.4) -> str:
    """Casual chatter text as the operator's script writes it: shortened words, an emoji, slips."""
    for a, b in CD_SHORT:
        if rng.random() < 0.25:
            text = re.sub(rf"\b{a}\b", b, text)
    if rng.random() < 0.3:
        text = f"{text} {rng.choice(CD_EMOJI)}"
    if rng.random() < slips:
        text = typo(rng, text, 1)
    return text


def disguise(rng: random.Random, item: str) -> str:
    x = item.strip()
    layout = rng.choice(CD_LAYOUT)
    if "\n" in x and layout in ("{o} {x}", "{x} {c}", "{o}, {x} {c}"):
        layout = "{o}\n\n{x}\n\n{c}"
    if layout.startswith(("{o} ", "{o}, ")):
        x = lower_first(x)
    if short_line(x, 240) and rng.random() < 0.1:
        x = typo(rng, x, 1)
    msg = layout.format(o=chatter(rng, rng.choice(CD_OPEN)), c=chatter(rng, rng.choice(CD_CLOSE)), x=x)
    if short_line(x, 240) and rng.random() < 0.3:
        msg = msg.lower()
    return msg.strip()


def chatter_disguise_harvest(items: int = 1500, per_day: int = 380, follow: float = 0.15) -> list[KeyTraffic]:
    rng = R("chatter")
    moss = [r for r in src("moss_sft_sample") if english(r.first) and 10 <= len(r.first) <= 2000]
    names = ("sharegpt_en_sample", "evol_instruct_h2o", "instructionwild", "codealpaca_2k", "lima")
    pool = dedupe_rows(moss + first_turns(names, keep=lambda r: 10 <= len(r.first) <= 2000 and en_row(r)))
    rng.shuffle(pool)
    pool = pool[:items]
    params = {"temperature": 0.7, "stream": True}
    kt = mk(
        "d7-chatter-0",
        "chatter_disguise_harvest",
        "distiller",
        "distiller",
        client(rng, "openai-js"),
        timing=f"simulated paced person: oasst2 in-session gaps rescaled to {per_day}/day, 14 h a day",
        sources=("moss_sft_sample", *names, "+written chatter"),
        settings={"items": len(pool), "per_day": per_day, "follow": follow, "params": params},
    )
    times = paced(rng, htiming(), T0 + 8 * 3600, len(pool), per_day / (1 + follow), 14)
    for r, t in zip(pool, times, strict=True):
        turns, replies = [disguise(rng, r.first)], [r.answer]
        if rng.random() < follow:
            turns.append(chatter(rng, rng.choice(CD_FOLLOW), 0.3))
            replies.append(None)
        reqs, _ = converse(rng, turns, replies, t, params, None, r.id, True)
        kt.requests += reqs
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 2. Role-play disguise: each item is framed as something the sender needs for work or
# school, in frames written here: 18 "my manager wants me to <item>" frames for items that start
# with an imperative verb (the item's first letter lowered) and 18 "this is from my homework:
# <item>" frames for the rest, 40% with a deadline or context line; 10% get a follow-up in the
# same role ("my manager says it's too long"). Items: codealpaca, Orca, InstructionWild en, LIMA,
# Evol-Instruct, ShareGPT-en first turns up to 1,200 characters. Office hours on weekdays (one
# operator, 09:00-18:00 UTC with lunch), 5 weekdays, ~280 a day, no system prompt, SDK defaults.
RP_VERBS = frozenset(
    [
        "write",
        "create",
        "explain",
        "describe",
        "generate",
        "give",
        "list",
        "summarize",
        "summarise",
        "translate",
        "compose",
        "design",
        "develop",
        "find",
        "identify",
        "classify",
        "rewrite",
        "edit",
        "make",
        "provide",
        "suggest",
        "compare",
        "construct",
        "convert",
        "calculate",
        "name",
        "outline",
        "analyze",
        "analyse",
        "draft",
        "brainstorm",
        "produce",
        "tell",
        "implement",
        "build",
        "formulate",
        "evaluate",
        "determine",
        "compute",
        "sort",
        "categorize",
        "paraphrase",
        "propose",
        "predict",
        "select",
        "choose",
        "fix",
        "modify",
        "complete",
        "add",
        "change",
        "organize",
        "plan",
        "prepare",
        "imagine",
        "discuss",
        "state",
        "check",
        "debug",
        "reverse",
        "return",
        "count",
        "print",
        "come",
        "detect",
        "extract",
        "convert",
        "assign",
        "recommend",
    ]
)
RP_VERB_FRAMES = (
    "my manager wants me to {v}",
    "My boss asked me to {v} before the meeting tomorrow.",
    "For my homework I need to {v}",
    "our professor told us to {v}. can you help me get started?",
    "I've been asked at work to {v}",
    "My team lead wants me to {v} by end of day.",
    "for a class assignment we have to {v}",
    "My teacher wants us to {v} - how would you do it?",
    "A client asked me to {v}",
    "I'm an intern and they told me to {v}. help?",
    "For my thesis I have to {v}",
    "HR asked me to {v}",
    "I'm tutoring a kid and need to {v}",
    "in my bootcamp we're supposed to {v}",
    "My supervisor wants me to {v}, and I'm not sure where to start.",
    "for tomorrow's standup I promised to {v}",
    "Our TA said we should {v} as practice for the exam.",
    "The marketing lead asked me to {v}",
)
RP_BLOCK_FRAMES = (
    "This is from my homework:\n\n{x}",
    'my manager sent me this and wants an answer today:\n\n"{x}"',
    "Question from my assignment (due tomorrow): {x}",
    "Got this task at work: {x}",
    "for school: {x}",
    "Our professor put this on the problem set:\n{x}\n\nHow should I approach it?",
    "A customer asked us this and my boss wants me to draft the answer: {x}",
    "Exam prep question: {x}",
    "my coworker is stuck on this and asked me, but I don't know either: {x}",
    "Part of my job interview take-home: {x}",
    "For a presentation I'm giving at work next week I need this: {x}",
    "I teach a night class and a student asked: {x}",
    "for my online course: {x}",
    "My lab partner and I have to answer this for our report: {x}",
    "Writing a report for my department, need this part: {x}",
    "my kid's homework, and I have no idea:\n{x}",
    "Client question I need to answer professionally: {x}",
    "From our team's onboarding quiz: {x}",
)
RP_TAIL = (
    "It's due Friday.",
    "Need it by EOD.",
    "I'll double-check it, just need a starting point.",
    "Thanks so much!",
    "Please make it look professional.",
    "(it's graded, so please be accurate)",
    "My manager is picky about details.",
    "Keep it so I can paste it in.",
    "I'm presenting this to the whole team.",
    "We're allowed to use AI for this one.",
    "Please explain it so I can defend it in class.",
    "thank you!!",
)
RP_FOLLOW = (
    "my manager says it's too long, can you cut it down?",
    "The teacher wants more detail on the second part.",
    "can you make it sound more like a student wrote it?",
    "My boss liked it. Can you add a short summary at the top?",
    "we also need to cite sources, what should I cite?",
    "Could you make it more formal for the client?",
)


def roleplay_need_harvest(days: int = 5, per_day: int = 280, follow: float = 0.1) -> list[KeyTraffic]:
    rng = R("roleplay")
    names = (
        "codealpaca_2k",
        "orca_dpo_pairs_val",
        "instructionwild",
        "lima",
        "evol_instruct_h2o",
        "sharegpt_en_sample",
    )
    pool = dedupe_rows(first_turns(names, keep=lambda r: 12 <= len(r.first) <= 1200 and en_row(r)))
    rng.shuffle(pool)
    kt = mk(
        "d7-roleplay-0",
        "roleplay_need_harvest",
        "distiller",
        "distiller",
        client(rng, "openai-python"),
        timing=f"simulated office hours on weekdays, ~{per_day} a day, {days} days",
        sources=names,
        settings={"days": days, "per_day": per_day, "follow": follow, "params": {}},
    )
    ii = 0
    for d in range(days):
        day = T0 + d * DAY
        for t in office_day(rng, day, rng.randint(int(per_day * 0.85), int(per_day * 1.15)), (9.0, 18.0)):
            r = pool[ii % len(pool)]
            ii += 1
            x = r.first.strip()
            first = x.split(maxsplit=1)[0].lower().strip(",:") if x else ""
            if first in RP_VERBS:
                msg = rng.choice(RP_VERB_FRAMES).format(v=x[0].lower() + x[1:])
            else:
                msg = rng.choice(RP_BLOCK_FRAMES).format(x=x)
            if rng.random() < 0.4:
                msg += ("\n\n" if "\n" in msg else " ") + rng.choice(RP_TAIL)
            turns, replies = [msg], [r.answer]
            if rng.random() < follow:
                turns.append(rng.choice(RP_FOLLOW))
                replies.append(None)
            reqs, _ = converse(rng, turns, replies, t, {}, None, r.id, True)
            kt.requests += reqs
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 3. Items inside a genuine-looking personal history: one key whose traffic is a real-
# looking person's chats (arena_even and oasst2 English conversations replayed turn by turn with
# their stored replies, plus real search queries as quick one-off lookups) and, as ~30% of its
# requests, dataset items opened as new chats (LIMA, ShareGPT-en first turns, InstructionWild en,
# MOSS English), each lightly made casual, 12% with a follow-up written here. Conversation starts
# are paced like one person (oasst2 in-session gaps rescaled to ~70 chats a day, 14 h a day), 9
# days; a chat's turns follow think(). Streamed; the person's own system prompt.
PH_SYSTEM = "Be concise. I'm a software developer living in Lisbon; use metric units."


def personal_history_mix(days: int = 9, chats_per_day: int = 70, share: float = 0.3) -> list[KeyTraffic]:
    rng = R("personal")
    life = [r for r in src("arena_even") if english(r.first) and len(r.first) <= 2500]
    life += [r for r in src("oasst2_threads") if r.extra.get("lang") == "en" and len(r.first) <= 2500]
    rng.shuffle(life)
    lookups = [r.first for r in src("nq_open_dev")]
    rng.shuffle(lookups)
    moss = [r for r in src("moss_sft_sample") if english(r.first) and 10 <= len(r.first) <= 2000]
    names = ("lima", "sharegpt_en_sample", "instructionwild")
    items = dedupe_rows(moss + first_turns(names, keep=lambda r: 10 <= len(r.first) <= 2000 and en_row(r)))
    rng.shuffle(items)
    params = {"temperature": 0.7, "stream": True}
    kt = mk(
        "d7-personal-0",
        "personal_history_mix",
        "distiller",
        "distiller",
        client(rng, "httpx", PH_SYSTEM),
        timing=f"simulated paced person: ~{chats_per_day} chats a day, 14 h a day, {days} days, think() in chats",
        sources=("arena_even", "oasst2_threads", "nq_open_dev", "moss_sft_sample", *names),
        settings={"days": days, "chats_per_day": chats_per_day, "share": share, "params": params},
    )
    end = T0 + days * DAY
    starts = [
        t
        for t in paced(rng, htiming(), T0 + 8 * 3600, chats_per_day * (days + 1), chats_per_day, 14)
        if t < end
    ]
    # requests per personal chat (30% one-line lookups) and per item chat: p(item chat) so that
    # items are ~share of the requests
    per_life = 0.3 + 0.7 * sum(min(len(r.turns), 6) for r in life) / len(life)
    p_item = share * per_life / (share * per_life + (1 - share) * 1.12)
    li = qi = ii = 0
    free = 0.0
    for t in starts:
        t = max(t, free)
        if rng.random() < p_item:
            r = items[ii % len(items)]
            ii += 1
            turns, replies = [casual(rng, r.first.strip())], [r.answer]
            if rng.random() < 0.12:
                turns.append(casual(rng, rng.choice(CD_FOLLOW)))
                replies.append(None)
            reqs, free = converse(rng, turns, replies, t, params, PH_SYSTEM, r.id, True)
        elif rng.random() < 0.3:
            q = lookups[qi % len(lookups)]
            qi += 1
            reqs, free = converse(rng, [q], [None], t, params, PH_SYSTEM)
        else:
            r = life[li % len(life)]
            li += 1
            reqs, free = converse(rng, list(r.turns[:6]), list(r.replies[:6]), t, params, PH_SYSTEM)
        kt.requests += reqs
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 4. Reseller / aggregator key: a "cheap API" reseller (a one-api style Go proxy) relays
# many downstream users through one upstream key and strips their identity (no `user` field).
# Downstream traffic: real people's chats (arena_even, oasst2 in every language, hh-rlhf, nq_open
# one-liners) arriving as a diurnal stream, each downstream user with their own client settings
# (temperature, streaming, max_tokens, a system prompt of their own app or none). One of the
# reseller's customers is harvesting: its items (belle_dev1k, huatuo_med_zh, Chinese MOSS and
# sharegpt_zh first turns, codealpaca) are ~25% of the key's requests, sent by the customer's
# script in 2-worker batches in 3 windows a day (its own fixed settings, system prompt "You are a
# helpful assistant."). 2 days. Replies: stored where the data has them, else stubs.
RS_SYSTEMS = (
    None,
    None,
    None,
    "You are a helpful assistant.",
    "You are ChatGPT, a large language model. Answer as concisely as possible.",
    "你是一个乐于助人的助手。",
    "You are a friendly companion. Stay in character as Luna, a witty librarian.",
    "You are a coding assistant. Prefer Python.",
    "Respond in the same language as the user.",
)
RS_TEMPS = (None, None, 0.7, 1.0, 0.5, 0.8, 0.3, 1.2)


def reseller_relay(per_day: int = 650, days: int = 2, share: float = 0.25) -> list[KeyTraffic]:
    rng = R("reseller")
    chats = [r for r in src("arena_even") if len(r.first) <= 4000]
    chats += [r for r in src("oasst2_threads") if len(r.first) <= 4000]
    chats += rng.sample([r for r in src("hh_rlhf_harmless_test")], 250)
    chats += rng.sample(src("nq_open_dev"), 300)
    rng.shuffle(chats)
    zh = [r for r in src("belle_dev1k")] + rng.sample(src("huatuo_med_zh"), 600)
    zh += [r for r in src("moss_sft_sample") if HAN.search(r.first)]
    zh += [r for r in src("sharegpt_zh_1k") if len(r.first) <= 2000]
    zh += rng.sample(src("codealpaca_2k"), 250)
    items = dedupe_rows([r for r in zh if 4 <= len(r.first) <= 3000])
    rng.shuffle(items)
    iparams = {"temperature": 0.8, "max_tokens": 2048}
    isystem = "You are a helpful assistant."
    kt = mk(
        "d7-reseller-0",
        "reseller_relay",
        "distiller",
        "distiller",
        client(rng, "go"),
        timing=f"simulated diurnal stream of downstream users ({per_day} chats/day) + a customer's 2-worker batches, {days} days",
        sources=(
            "arena_even",
            "oasst2_threads",
            "hh_rlhf_harmless_test",
            "nq_open_dev",
            "belle_dev1k",
            "huatuo_med_zh",
            "moss_sft_sample",
            "sharegpt_zh_1k",
            "codealpaca_2k",
        ),
        settings={"per_day": per_day, "days": days, "share": share, "item_params": iparams},
    )
    users = 0
    for ci, t in enumerate(diurnal(rng, T0 + DAY, per_day * days, per_day)):
        r = chats[ci % len(chats)]
        p: dict = {}
        temp = rng.choice(RS_TEMPS)
        if temp is not None:
            p["temperature"] = temp
        if rng.random() < 0.6:
            p["stream"] = True
        if rng.random() < 0.3:
            p["max_tokens"] = rng.choice((512, 1024, 2000, 4096))
        k = min(len(r.turns), 5)
        reqs, _ = converse(rng, list(r.turns[:k]), list(r.replies[:k]), t, p, rng.choice(RS_SYSTEMS))
        kt.requests += reqs
        users += len(reqs)
    n_items = round(users * share / (1 - share))
    per_window = -(-n_items // (3 * days))
    jobs_done = 0
    for d in range(days):
        for h in sorted(rng.sample((1, 3, 6, 10, 13, 16, 20, 22), 3)):
            chunk = items[jobs_done : jobs_done + per_window]
            jobs_done += len(chunk)
            jobs = [
                (r, chat_requests([r.first], [r.answer], [0.0], dict(iparams), isystem, r.id, True))
                for r in chunk
            ]
            kt.requests += run_jobs(rng, T0 + (d + 1) * DAY + (h + rng.random()) * 3600, jobs, 2, tokens=500)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 5. Slow disguised harvest on four keys of one actor: four accounts, four client
# programs (openai-python, openai-js streamed, httpx, okhttp), each ~150 requests over 7 days in
# 2-4 short sessions a day at one person's hours (two evening people, an office worker, a late
# owl), with think()-paced gaps inside a session. Three keys send English items in the chatter of
# distiller 1 (its own share of the wordings each); the fourth sends Chinese items (huatuo, belle,
# sharegpt_zh) in Chinese chatter written here. 15% follow-ups. Items: disjoint slices of one list
# (LIMA, Orca, MOSS English, Evol-Instruct, InstructionWild en, ShareGPT-en). Stored answers.
S4_KEYS = (  # (software, params, local active hours (UTC), language)
    ("openai-python", {"temperature": 0.8}, (18.0, 23.5), "en"),
    ("openai-js", {"stream": True}, (8.5, 17.5), "en"),
    ("httpx", {"temperature": 1.0, "max_tokens": 1800}, (20.0, 26.0), "en"),
    ("okhttp", {"stream": True, "temperature": 0.7}, (11.0, 16.0), "zh"),  # UTC+8 evenings
)
S4_ZH_OPEN = (
    "在吗",
    "你好呀",
    "问个问题哈",
    "帮我看看这个",
    "麻烦问一下",
    "嗨～",
    "请教一下",
    "突然想到一个问题",
    "我朋友问我这个，我也不知道",
    "打扰一下",
    "",
)
S4_ZH_CLOSE = ("谢谢！", "多谢啦", "麻烦了🙏", "急，在线等", "谢啦～", "感谢感谢", "", "哈哈", "拜托啦")
S4_ZH_FOLLOW = (
    "能再详细一点吗",
    "举个例子？",
    "简单点说呢",
    "为什么呢",
    "还有别的办法吗",
    "好的，那要注意什么？",
)


def _zh_disguise(rng: random.Random, x: str) -> str:
    o, c = rng.choice(S4_ZH_OPEN), rng.choice(S4_ZH_CLOSE)
    sep = rng.choice(("，", "\n", " ", ""))
    return f"{o}{sep if o else ''}{x.strip()}{(' ' + c) if c else ''}"


def slow_four_key_disguise(per_key: int = 150, days: int = 7, follow: float = 0.15) -> list[KeyTraffic]:
    rng = R("slow4")
    moss = [r for r in src("moss_sft_sample") if english(r.first) and 10 <= len(r.first) <= 2000]
    names = ("lima", "orca_dpo_pairs_val", "evol_instruct_h2o", "instructionwild", "sharegpt_en_sample")
    en_items = dedupe_rows(moss + first_turns(names, keep=lambda r: 10 <= len(r.first) <= 2000 and en_row(r)))
    zh_names = ("huatuo_med_zh", "belle_dev1k", "sharegpt_zh_1k")
    zh_items = dedupe_rows(
        first_turns(zh_names, keep=lambda r: 4 <= len(r.first) <= 1500 and bool(HAN.search(r.first)))
    )
    rng.shuffle(en_items)
    rng.shuffle(zh_items)
    keys, ei, zi = [], 0, 0
    for k, (sw, params, hours, lang) in enumerate(S4_KEYS):
        krng = R("slow4", k)
        kt = mk(
            f"d7-slow4-{k}",
            "slow_four_key_disguise",
            "distiller",
            "distiller",
            client(krng, sw),
            actor="d7-slow4",
            timing=f"simulated person: 2-4 sessions a day in {hours[0]:.1f}-{hours[1]:.1f} h UTC, think() inside, {days} days",
            sources=(*names, "moss_sft_sample") if lang == "en" else zh_names,
            settings={"software": sw, "params": params, "per_key": per_key, "days": days, "follow": follow},
        )
        opens = krng.sample(CD_OPEN, 20)
        closes = krng.sample(CD_CLOSE, 15)
        left = per_key
        for d in range(days):
            if left <= 0:
                break
            today = round(left / (days - d) * krng.uniform(0.7, 1.3)) if d < days - 1 else left
            n_sess = krng.randint(2, 4)
            sizes = [today // n_sess + (1 if i < today % n_sess else 0) for i in range(n_sess)]
            starts = sorted(krng.uniform(*hours) for _ in range(n_sess))
            for size, h in zip(sizes, starts, strict=True):
                t = T0 + d * DAY + h * 3600
                sent = 0
                while sent < size:
                    if lang == "en":
                        r = en_items[ei % len(en_items)]
                        ei += 1
                        x = r.first.strip()
                        o, c = chatter(krng, krng.choice(opens)), chatter(krng, krng.choice(closes))
                        msg = krng.choice(CD_LAYOUT).format(o=o, c=c, x=x if "\n" in x else lower_first(x))
                        fu = chatter(krng, krng.choice(CD_FOLLOW), 0.3)
                    else:
                        r = zh_items[zi % len(zh_items)]
                        zi += 1
                        msg, fu = _zh_disguise(krng, r.first), krng.choice(S4_ZH_FOLLOW)
                    turns, replies = [msg], [r.answer]
                    if krng.random() < follow and sent + 1 < size:
                        turns.append(fu)
                        replies.append(None)
                    reqs, t = converse(krng, turns, replies, t, params, None, r.id, True)
                    kt.requests += reqs
                    sent += len(reqs)
                    t += krng.uniform(10, 120)  # picking the next one
                left -= sent
        kt.requests = sorted_reqs(kt.requests)
        keys.append(kt)
    return keys


# =============================================================================================
# DISTILLER 6. Chat-UI mimicry (what a careful operator might do in 2026): the harvest script
# imitates a self-hosted open-source chat UI used by a small team. Each item opens a new chat
# (streamed, the UI's default settings); right after the answer the "UI" sends its background
# tasks with the chat inside, as such UIs do: a title request (every chat) and a follow-up
# suggestions request (JSON, 70% of chats); in 25% of chats one suggested follow-up is then
# "clicked" and asked as the next turn (a free second turn for the student). Three "team members"
# are paced like people (oasst2 gaps rescaled to ~45 chats a day each, 9 h a day, staggered
# starts), 5 days. Items: ShareGPT-en first turns, LIMA, InstructionWild (en and zh), sharegpt_zh,
# Evol-Instruct; 30% lightly casual. Stand-ins: the title and the suggestions (built here from the
# item's content words); the clicked follow-up's reply is a stub.
UI_TITLE = (
    "### Task:\nWrite a short title (3-6 words, one leading emoji) that sums up the conversation "
    "below. Use the conversation's main language. Reply with the title only, no quotes.\n\n"
    "### Conversation:\n<chat>\n{chat}\n</chat>"
)
UI_FOLLOW = (
    "### Task:\nPropose 3 to 5 questions the user could plausibly ask next, written from the user's "
    "point of view, in the conversation's language, each under 20 words. Return JSON: "
    '{{"follow_ups": ["...", "..."]}}\n\n### Conversation:\n<chat>\n{chat}\n</chat>'
)
UI_Q = (
    "Can you explain {a} in more detail?",
    "How does {a} compare to {b}?",
    "What are common mistakes with {a}?",
    "Can you give an example of {a}?",
    "Why does {a} matter here?",
    "What should I read next about {a}?",
)
UI_ZH_Q = ("能详细讲讲吗？", "有没有具体的例子？", "这样做有什么风险？", "还有其他方法吗？")


def _ui_chat(user: str, reply: str) -> str:
    return f"USER: {user}\nASSISTANT: {reply[:1500]}"


def chat_ui_mimic_harvest(per_day: int = 45, days: int = 5, members: int = 3) -> list[KeyTraffic]:
    rng = R("chatui")
    names = ("sharegpt_en_sample", "lima", "instructionwild", "sharegpt_zh_1k", "evol_instruct_h2o")
    pool = dedupe_rows(first_turns(names, keep=lambda r: 8 <= len(r.first) <= 2500 and r.answer is not None))
    rng.shuffle(pool)
    params = {"stream": True}
    tparams = {"stream": False, "max_tokens": 50}
    fparams = {"stream": False, "max_tokens": 300}
    kt = mk(
        "d7-chatui-0",
        "chat_ui_mimic_harvest",
        "distiller",
        "distiller",
        client(rng, "aiohttp"),
        timing=f"simulated: {members} paced people, ~{per_day} chats a day each, 9 h a day, UI tasks after each answer, {days} days",
        sources=names,
        settings={"per_day": per_day, "days": days, "members": members},
    )
    end = T0 + days * DAY
    ii = 0
    for m in range(members):
        mrng = R("chatui", m)
        start = T0 + (7 + 2.5 * m + mrng.uniform(0, 1)) * 3600
        free = 0.0
        for t in paced(mrng, htiming(), start, per_day * (days + 1), per_day, 9):
            if t >= end:
                break
            t = max(t, free)
            r = pool[ii % len(pool)]
            ii += 1
            zh = bool(HAN.search(r.first))
            x = r.first.strip()
            if not zh and mrng.random() < 0.3:
                x = casual(mrng, x)
            reqs = chat_requests([x], [r.answer], [t], dict(params), None, r.id, True)
            answer = r.answer or stub_reply(x)
            tt = t + latency(mrng, len(answer) // 4) + mrng.uniform(0.1, 0.6)
            chat = _ui_chat(x, answer)
            title = stub_reply(x)[:40]
            reqs += chat_requests(
                [UI_TITLE.format(chat=chat)], [title], [tt], dict(tparams), None, r.id, True
            )
            if zh:
                sugg = mrng.sample(UI_ZH_Q, 3)
            else:
                words = keywords(mrng, x + " " + answer, 6) or ["this"]
                sugg = [
                    mrng.choice(UI_Q).format(a=mrng.choice(words), b=mrng.choice(words))
                    for _ in range(mrng.randint(3, 5))
                ]
            if mrng.random() < 0.7:
                reply = json.dumps({"follow_ups": sugg}, ensure_ascii=False)
                reqs += chat_requests(
                    [UI_FOLLOW.format(chat=chat)],
                    [reply],
                    [tt + mrng.uniform(0.05, 0.4)],
                    dict(fparams),
                    None,
                    r.id,
                    True,
                )
                if mrng.random() < 0.25 / 0.7:
                    nxt = mrng.choice(sugg)
                    t2 = tt + think(mrng, len(answer), 0) + mrng.uniform(2, 10)
                    reqs += chat_requests(
                        [x, nxt], [r.answer, None], [t, t2], dict(params), None, r.id, True
                    )[1:]
                    tt = t2 + latency(mrng, 300)
            kt.requests += reqs
            free = tt + mrng.uniform(20, 90)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


BENIGN = (
    chatty_heavy_user,
    homework_student,
    support_reply_drafter,
    writing_menu_extension,
    teacher_tools_app,
    forum_ai_answers,
)
DISTILL = (
    chatter_disguise_harvest,
    roleplay_need_harvest,
    personal_history_mix,
    reseller_relay,
    slow_four_key_disguise,
    chat_ui_mimic_harvest,
)

"""Blind persona set 13 (an outside reviewer): 6 benign, 6 distiller personas.

Written blind: without reading the detector's code, docs, tests or results. What was read: the
realtraffic helpers (records, timing, clients, pools, context, wordings), detector/types.py, the
earlier blind sets round2-round12 with apps.py and attacks.py (for their helpers and to avoid
repeating their personas), and ../shared/traffic with its README. Every builder returns
list[KeyTraffic] built from the real prompt data in ../shared/traffic plus text written here.
ALL parameters below were fixed before anyone replayed this set and are not tuned on outcomes;
its writer built the traffic only (to check that it imports and looks sensible) and replayed
nothing.

Focus. Benign: HEAVY INDIVIDUAL USERS, each one person on one key at 200-600 requests a day on a
human clock in their own time zone (a novelist/screenwriter in Los Angeles iterating on scenes in
long chats with regenerate clicks; a PhD student in Zurich firing single-turn technical questions
across fields from a CLI tool, late nights included; a software engineer in Bangalore whose VS
Code chat plugin sends each question with the selected file range, /edit, /test and error-paste
commands over one evolving codebase; a London trader's hotkey script with short market and finance
questions, bursts at the European and US opens), and EVALUATORS running suites a detector may not
know (a programmatic reasoning suite written here, arithmetic and dates in English, German,
Spanish and French plus ordering puzzles, nonsense-word syllogisms and generated memo reading
comprehension, run T=0 direct and step-by-step, rerun, and pass@5 with n=5; and public items
transformed into new formats: MMLU with permuted and relettered options, AGIEval multiple choice
split into per-option True/False verification and an options-removed open form, BBH multiple
choice with shuffled options). Distillers that look like ordinary traffic: a plain replay of real
users' first turns from chat logs by one script with human-like pacing; an instruction-set replay
sharded over four keys of one actor with different client builds, formats and schedules and no
shared prompt; a person-shaped key interleaving dataset items with genuine multi-turn chat; a
harvest appending "explain thoroughly" style suffixes for long answers; a multilingual in-language
harvest (Chinese, Spanish and the other oasst2 languages); and a low-and-slow cron key at ~250
requests a weekday for a week. (Hydras with shared quotas, key rotation, reseller relays, app
covers, reasoning-trace wrappers, tool-call, JSON-record, agent-trajectory, judge, reranker,
translation-pair, few-shot and preference harvests, self-instruct and evol pipelines are in rounds
2-12 and are not repeated.)

Row allotment (no row is used by two actors of this set; by a stable hash, `bucket`): LIMA
bucket(2) 0 the PhD student, 1 the thorough-suffix harvest; arena_even bucket(2) 0 the chat-log
replay, 1 the interleaved key's genuine chat; oasst2 English bucket(2) 0 the chat-log replay, 1
the interleaved key's chat, other non-Chinese languages the multilingual harvest; ShareGPT-en
conversation openings bucket(3) 0 the chat-log replay, 2 the low-and-slow key (1 unused);
hh-rlhf bucket(2) 0 the chat-log replay, 1 the low-and-slow key; InstructionWild English bucket(2)
0 the interleaved key, 1 the low-and-slow key, Chinese the multilingual harvest; MOSS English first
turns the interleaved key, Chinese ones the multilingual harvest; codealpaca, orca and evol the
sharded replay (bucket(4) = key); nq_open bucket(2) 0 the thorough harvest; BELLE, Huatuo and
ShareGPT-zh the multilingual harvest; MMLU, AGIEval and BBH the transformed suite. The novelist,
the engineer, the trader and the synthetic suite use text written here only.

Replies: benign requests carry the helpers' stub replies (the served model's answer is not
known). Distiller requests carry the source's stored answer where the request is the stored item
(plain replays; the suffix harvest's LIMA rows); elsewhere a stub.
"""

from __future__ import annotations

import dataclasses
import heapq
import itertools
import math
import random
import re
import zlib
from datetime import date, timedelta

from blind.round2 import T0, mk, sorted_reqs, src  # round 2's data helpers
from blind.round4 import HAN, dedupe_rows  # round 4's text helpers
from blind.round5 import casual, english  # round 5's chat helper
from blind.round12 import paced_pool, within_hours  # round 12's script clocks
from stillroom.detector.realtraffic.clients import client
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import KeyTraffic, Request, chat_requests
from stillroom.detector.realtraffic.timing import DAY, latency, think

HOUR = 3600.0
MINUTE = 60.0
BROWSER_UA = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/122.0.0.0 Safari/537.36"
)


def R(*names) -> random.Random:
    return random.Random("blind13:" + ":".join(map(str, names)))


def bucket(r: Row, n: int) -> int:
    """A stable share of a source by row id (the allotment is in the module docstring)."""
    return zlib.crc32(f"r13:{r.file}:{r.id}".encode()) % n


def blocks(
    rng: random.Random, day0: float, days: int, tz: float, spans, skip=()
) -> list[tuple[float, float]]:
    """A person's activity blocks as absolute UTC intervals: per day, each local-time span
    (start hour, end hour, probability) happens with its probability, edges jittered +-20 min.
    `skip`: day indexes with no activity (a weekend)."""
    out = []
    for d in range(days):
        if d in skip:
            continue
        base = day0 + d * DAY - tz * HOUR  # local midnight, in UTC
        for a, b, p in spans:
            if rng.random() < p:
                out.append(
                    (
                        base + (a + rng.uniform(-0.33, 0.33)) * HOUR,
                        base + (b + rng.uniform(-0.33, 0.33)) * HOUR,
                    )
                )
    return sorted(out)


class Clock:
    """A person's clock: time moves only inside their activity blocks; a gap that runs past a
    block's end resumes at the next block's start (after lunch, the next morning). None: done."""

    def __init__(self, rng: random.Random, spans: list[tuple[float, float]], breaks: float = 0.03):
        self.rng, self.spans, self.i, self.breaks = rng, spans, 0, breaks

    def first(self) -> float:
        return self.spans[0][0] + self.rng.uniform(0, 400)

    def next(self, t: float, gap: float) -> float | None:
        if self.rng.random() < self.breaks:  # a meeting, a call, a walk
            gap += self.rng.lognormvariate(math.log(900), 0.6)
        t += gap
        while self.i < len(self.spans) and t > self.spans[self.i][1]:
            self.i += 1
            if self.i < len(self.spans):
                t = max(t, self.spans[self.i][0] + self.rng.uniform(0, 420))
        return t if self.i < len(self.spans) else None


def regenerate(
    rng: random.Random, reqs: list[Request], p: float, lo: float = 3.0, hi: float = 20.0
) -> list[Request]:
    """A chat UI's regenerate click (or an SDK retry after a 429/5xx): the same request again a
    few seconds later; only where the next request is well after it."""
    out = list(reqs)
    srt = sorted(reqs, key=lambda q: q.ts)
    for a, b in zip(srt, [*srt[1:], None], strict=True):
        if rng.random() < p and (b is None or b.ts - a.ts > hi + 15):
            out.append(dataclasses.replace(a, ts=a.ts + rng.uniform(lo, hi), params=dict(a.params)))
    return out


def reading(rng: random.Random, reply_chars: int) -> float:
    """Seconds to get a reply back and skim it."""
    return latency(rng, reply_chars // 4) + min(150.0, reply_chars / rng.uniform(18, 45))


def parse_options(text: str) -> tuple[str, list[str]] | None:
    """A multiple-choice item's stem and options, from "(A) ..." / "(A)..." lines (AGIEval, BBH)."""
    lines = text.split("\n")
    idx = [i for i, ln in enumerate(lines) if re.match(r"^\(([A-J])\)\s?\S", ln.strip())]
    if len(idx) < 2 or idx != list(range(idx[0], idx[0] + len(idx))) or idx[-1] != len(lines) - 1:
        return None
    stem = "\n".join(lines[: idx[0]]).strip()
    stem = re.sub(r"\n*Options:\s*$", "", stem).strip()
    opts = [re.sub(r"^\([A-J]\)\s?", "", lines[i].strip()) for i in idx]
    return (stem, opts) if stem and all(opts) else None


def parse_mmlu(text: str) -> tuple[str, str, list[str]] | None:
    """QLoRA's zero-shot MMLU rendering -> (subject line, question, 4 options)."""
    m = re.match(
        r"(The following are multiple choice questions \(with answers\) about .*?\.)\n\n(.*)\nAnswer:\s*$",
        text,
        re.S,
    )
    if not m:
        return None
    head, body = m.group(1), m.group(2)
    cuts, pos = [], len(body)
    for letter in "DCBA":
        k = body.rfind(f"\n{letter}. ", 0, pos)
        if k < 0:
            return None
        cuts.append(k)
        pos = k
    cuts.reverse()
    q = body[: cuts[0]].strip()
    opts = [body[c + 4 : e].strip() for c, e in zip(cuts, [*cuts[1:], len(body)], strict=True)]
    return (head, q, opts) if q and all(opts) else None


# =============================================================================================
# BENIGN 1. A novelist and TV writer in Los Angeles (UTC-8 this week) working on a neo-noir book
# and its pilot, all day, through a bring-your-own-key chat app in the browser (the OpenAI JS SDK
# with the browser's user agent; her own custom instructions as the system prompt; T 0.9, stream,
# max_tokens 2000). Long chats: a scene draft pasted in, then 3-15 rewrite notes ("shorter",
# "colder", "keep the second paragraph"), her own rewritten paragraph pasted back, the next scene
# pasted into the same chat; brainstorm chats ("12 names for a dive bar"); period research
# questions; continuations; screenplay conversions. Regenerate clicks (same messages again). Drafts
# are assembled here from a story bible written here (cast, places, action and dialogue lines).
# Three days, 08:30-12:20, 13:20-17:50 and most evenings 20:30-23:50 local.
NV_SYSTEM = (
    "You are my writing partner on a neo-noir novel, THE SALT ROAD, and its pilot script. White Pine "
    "County, eastern Nevada, winter 1998. Style: close third person, past tense, spare and concrete, "
    "short paragraphs, dialogue that carries subtext. No adverbs where a verb will do. No similes about "
    "knives or ghosts. When I ask for a rewrite, give me the rewrite only, no commentary, unless I ask "
    "for notes. Don't soften the characters."
)
NV_CAST = ("Mara", "Eli", "Judge Pike", "Ruthie", "Tomas", "Celia", "Dale Ostrander")
NV_PLACES = (  # (name, screenplay slug, setting sentences)
    ("the Lucky Seven", "INT. LUCKY SEVEN DINER - NIGHT", (
        "The Lucky Seven smelled of fryer oil and wet wool.",
        "Somebody had fed the jukebox and then left before it played.",
        "The pie case hummed under a light that made everything in it look older.")),
    ("the impound lot", "EXT. COUNTY IMPOUND LOT - DAWN", (
        "Frost had silvered the windshields in three neat rows.",
        "The chain-link sang a little whenever the wind found it.",
        "Tomas's tow truck idled by the gate, heater rattling.")),
    ("the salt flats", "EXT. SALT FLATS - DAY", (
        "The flats went white to the edge of the world and then a little further.",
        "Tire tracks ran out toward nothing and stopped.",
        "The light was so flat it erased the horizon.")),
    ("Pike's study", "INT. PIKE RANCH HOUSE - STUDY - NIGHT", (
        "Every lamp in the study was on, as if the judge were afraid of corners.",
        "A clock somewhere in the house ran two minutes behind the one on the desk.",
        "The elk head over the fireplace had lost an eye years ago and nobody had fixed it.")),
    ("the Starlite Motel", "INT. STARLITE MOTEL - ROOM 9 - NIGHT", (
        "Room 9 had two beds and one working lamp.",
        "The carpet held the shape of someone else's suitcase.",
        "Across the highway the Texaco sign buzzed and went dark and buzzed again.")),
    ("the Ely courthouse", "INT. ELY COURTHOUSE - HALLWAY - DAY", (
        "The hallway floor had been waxed that morning and still showed every footprint.",
        "A radiator clanked like someone knocking to be let out.",
        "Portraits of dead judges watched the benches.")),
    ("Eli's garage", "INT. QUIST GARAGE - NIGHT", (
        "A work light swung from the rafters on its orange cord.",
        "The Chevy sat on blocks with its hood open like it was waiting to be fed.",
        "There was a calendar on the wall still turned to October.")),
    ("Highway 50", "INT. MARA'S CRUISER - MOVING - NIGHT", (
        "The headlights found the same forty feet of road over and over.",
        "The dispatcher's voice came and went with the hills.",
        "Nothing else was out there, which was the point of Highway 50.")),
)  # fmt: skip
NV_ACTION = (
    "{A} set the keys on the counter and didn't let go of them.", "{B} laughed, but it came out wrong.",
    "{A} looked at the door, then at the clock above it.", "Neither of them touched the coffee.",
    "{B} folded a napkin into smaller and smaller squares.", "Outside, a truck geared down for the grade and was gone.",
    "{A} waited. The silence did most of the work.", "{B} took a long time finding somewhere to put both hands.",
    "The radio on {A}'s belt crackled once and went quiet.", "{B} reached for a cigarette, remembered, and put the pack away.",
    "{A} didn't answer. The heater ticked.", "There was a photograph on the table between them, face down.",
    "{B} stood, then sat again, as if the room had changed its mind.", "{A} pulled the file closer without opening it.",
    "Somewhere behind them a freezer door sighed shut.", "{B} said the name like it cost money.",
    "{A} wrote nothing down, which was its own kind of note.", "Snow had started again, the fine dry kind that never settles.",
)  # fmt: skip
NV_LINES = (
    "You came back.", "I didn't think you'd actually show.", "Don't make this about Dad.", "Where were you on the fourteenth?",
    "I was working.", "Working where?", "You already know, or you wouldn't be here.",
    "She called me. That's all. I didn't pick up.", "Is that a question?", "The judge wants this closed by Friday.",
    "Then he can close it himself.", "Somebody moved that car after midnight.", "Tow logs don't lie. People do.",
    "How long have you known?", "Long enough to stop asking.", "Say it slower.", "What do you want me to say?",
    "The truth would be a nice change.", "It was already in the lot when I got there.",
    "Nobody drives out to the flats at two in the morning for the view.",
    "Celia wasn't running from anything. She was running to something.", "You should eat something.",
    "I can't help you if you keep lying to me.", "Go home.", "It's not that simple.", "Then make it simple.",
)  # fmt: skip
NV_OPENERS = (
    "Here's scene {n}, second pass. The dialogue is too on-the-nose. Tighten it and push more into subtext.",
    "ok this is the {place} scene from ch. {ch}. something's off with the pacing, it drags in the middle. can you rework it?",
    "Rewrite this from {B}'s POV instead. Keep the beats.",
    "Can you cut this by about a third without losing the photograph beat?",
    "This needs more tension. {A} knows more than they're letting on and I want the reader to feel it without being told.",
    "Punch up the last two lines. Right now it ends on a whimper.", "Make this darker. Not gorier, darker.",
    "Rewrite in present tense, keep everything else.",
    "here's the draft. what's not working? bullet points, be brutal. don't rewrite it.",
    "I like the bones of this but the prose is flabby. Line edit it, show me the edited version only.",
    "Can you make {B} less sympathetic here? Readers side with {B} too early.",
    "Give me three versions of the final paragraph, each ending on a different beat.",
    "Ch. {ch}, scene {n}. My editor says 'too much weather'. Strip the atmosphere back and let the dialogue carry it.",
    "this is the cold open for ep {ep}. make it tighter and end on an image, not a line.",
)  # fmt: skip
NV_FOLLOW = (
    "better. but {A} wouldn't say that, too articulate. rougher.", "shorter", "try again, colder",
    "keep the second paragraph, redo the rest", "no, go back to the previous version and only change the last line",
    "what if it's snowing? does that change anything", "less Coen brothers, more Winter's Bone",
    "I like 'the silence did most of the work', keep that, cut everything around it", "too many adverbs again",
    "ok now the same scene but {B} walks out halfway", "make the subtext about the money, not about their father",
    "closer. the middle still sags", "hmm, no. {B} wants {A} to ask the question first. that's the whole scene.",
    "Give me 5 alternative last lines.", "Which of those is strongest and why? one sentence each.", "#3 but shorter",
    "you lost the photograph beat, put it back", "why did you change the tense?",
    "can we end it on the radio crackling instead", "this reads like TV. make it read like a novel.",
    "too neat. people don't talk in complete sentences when they're scared",
    "ok, final pass: just fix rhythm, don't change words you don't have to",
    "what would {A} be thinking right here, in one line, that {A} would never say out loud?",
    "now make it 20% longer, more interior", "remove the dialogue tags where it's obvious who's speaking",
    "does this scene earn the ending? yes/no and why", "good. don't change anything, just fix the typos",
)  # fmt: skip
NV_BRAIN = (
    "give me {n} names for a dive bar on Highway 50",
    "{n} ways a deputy could figure out her brother is lying without him confessing", "{n} possible titles for episode {ep}",
    "{n} cold open ideas for the premiere, one line each", "{n} objects in Celia's glovebox that tell us something about her",
    "{n} things a small-town judge in 1998 would have on his desk",
    "{n} reasons Tomas might have moved the car that aren't 'he's guilty'",
    "{n} ways to end chapter {ch} that aren't a cliffhanger", "{n} nicknames locals might have for the salt flats",
    "{n} specific, un-cliched details of a Nevada winter morning",
    "{n} lines Ruthie could say to end an argument without taking a side",
    "{n} ways to reveal Mara's divorce without anyone mentioning it", "{n} red herrings for the second act",
    "{n} alternative titles for the book. nothing with 'Salt' in it",
)  # fmt: skip
NV_BRAIN_FOLLOW = (
    "more like #{k}", "darker", "none of these work, try again but weirder", "combine #{k} and #{j}", "shorter, punchier",
    "ok #{k}. expand it into a paragraph", "#{k} is close. 5 variations on it",
)  # fmt: skip
NV_RESEARCH = (
    "In Nevada in the late 90s, would a sheriff's deputy need a warrant to search a car sitting in a county impound lot?",
    "how long does it take to drive from Ely to Reno in winter, at night, roughly?",
    "What does a county coroner's preliminary report typically include?",
    "what kind of pickup would a mid-size rancher in eastern Nevada drive in 1998",
    "Is 'sheriff's substation' a term people actually use in rural Nevada?",
    "how cold does the Great Basin get at night in January",
    "What would a tow-truck driver's log sheet record for each tow in the 90s?",
    "would a rural Nevada diner still have a working jukebox in 1998 or is that anachronistic",
    "What's the difference between a district judge and a justice of the peace in Nevada?",
    "what cell phones were common in 1998 and would they even get signal on Highway 50",
    "what's the proper screenplay format for a phone call where we only hear one side",
    "when do you use INTERCUT in a screenplay vs just cutting back and forth",
    "word for the sound a chain-link fence makes in the wind?",
    "How do you format a flashback in a novel manuscript, italics or a scene break?",
    "standard manuscript format for querying agents? font, spacing, headers",
    "were 10-codes still used on police radio in rural Nevada in 1998?",
    "what did motel room keys look like in 1998, plastic diamond fob?",
    "how would a civilian in 1998 find out who owns a car from the plate",
    "is 'Starlite' or 'Starlight' more common for old motel names",
    "comp titles for a literary neo-noir with a female deputy lead? published in the last 5 years",
    "how many pages is a one-hour drama pilot usually",
    "what's the etiquette for a writer's assistant reading a draft before the showrunner? asking for a friend",
)  # fmt: skip
NV_CONTINUE = (
    "Continue this scene for about {w} words. Stay in {A}'s POV, end on a beat, not a cliffhanger:\n\n{draft}",
    "pick up from where this stops. ~{w} words, same voice:\n\n{draft}",
)  # fmt: skip
NV_SCREEN = (
    "Turn this into screenplay format:\n\n{draft}", "convert to a pilot page, Final Draft style:\n\n{draft}",
)  # fmt: skip


def _nv_draft(rng: random.Random, a: str, b: str, place: tuple, screen: bool = False) -> str:
    """A scene draft: the setting, then beats of the two characters (an action or a line each); in
    prose a new paragraph whenever the focus changes to the other character."""
    _name, slug, setting = place
    lines = rng.sample(NV_LINES, 12)
    beats: list[tuple[str, str, bool]] = []
    speaker = rng.choice((a, b))
    for _ in range(rng.randint(5, 11)):
        if rng.random() < 0.4:
            w = rng.choice((a, b))
            beats.append((w, rng.choice(NV_ACTION).format(A=w, B=b if w == a else a), False))
        else:
            beats.append((speaker, lines.pop(), True))
            speaker = b if speaker == a else a
    if screen:
        out = [slug, " ".join(rng.sample(setting, 2))]
        out += [f"{w.upper()}\n{x}" if said else x for w, x, said in beats]
        return "\n\n".join(out)
    paras, cur, last = [" ".join(rng.sample(setting, 2))], [], None
    for w, x, said in beats:
        if cur and (w != last or len(cur) >= 3):
            paras.append(" ".join(cur))
            cur = []
        if said and (cur or rng.random() < 0.35):
            x = f'"{x}"'  # the speaker is clear from the paragraph
        elif said:
            x = f'"{x[:-1]}," {w} said.' if x.endswith(".") else f'"{x}" {w} asked.'
        cur.append(x)
        last = w
    paras.append(" ".join(cur))
    return "\n\n".join(paras)


def novelist_scene_iteration(days: int = 3) -> list[KeyTraffic]:
    rng = R("novelist")
    params = {"temperature": 0.9, "max_tokens": 2000, "stream": True}
    kt = mk(
        "b13-novelist-0",
        "novelist_scene_iteration",
        "benign",
        "heavy",
        client(rng, "openai-js", NV_SYSTEM, ua=BROWSER_UA),
        timing="simulated: one person, Los Angeles (UTC-8), 08:30-12:20, 13:20-17:50, most evenings 20:30-23:50, reading/typing gaps from reply and note lengths",
        sources=(),
        settings={"days": days, "params": params, "tz": -8},
    )
    clock = Clock(rng, blocks(rng, T0, days, -8, ((8.5, 12.3, 1.0), (13.3, 17.8, 1.0), (20.5, 23.8, 0.7))))
    t: float | None = clock.first()
    reqs: list[Request] = []
    while t is not None:
        a, b = rng.sample(NV_CAST, 2)
        place = rng.choice(NV_PLACES)
        slots = {
            "A": a,
            "B": b,
            "n": rng.randint(3, 41),
            "ch": rng.randint(2, 24),
            "ep": rng.randint(1, 6),
            "place": place[0],
        }
        kind = rng.choices(("rewrite", "brain", "research", "cont", "screen"), (0.45, 0.15, 0.22, 0.1, 0.08))[
            0
        ]
        turns: list[str]
        reply_len = 900
        if kind == "rewrite":
            draft = _nv_draft(rng, a, b, place, screen=rng.random() < 0.2)
            reply_len = len(draft)
            turns = [rng.choice(NV_OPENERS).format(**slots) + "\n\n" + draft]
            for _ in range(rng.randint(2, 14)):
                u = rng.random()
                if u < 0.12:
                    turns.append(
                        f"I rewrote the middle myself:\n\n{_nv_draft(rng, a, b, place).split(chr(10) + chr(10))[-1]}\n\nbetter or worse? be honest"
                    )
                elif u < 0.2:
                    turns.append(
                        "love it. now the same pass on the next scene:\n\n"
                        + _nv_draft(rng, a, b, rng.choice(NV_PLACES))
                    )
                else:
                    turns.append(rng.choice(NV_FOLLOW).format(**slots))
        elif kind == "brain":
            n = rng.choice((5, 8, 10, 10, 12, 15, 20))
            turns = [rng.choice(NV_BRAIN).format(n=n, **{k: v for k, v in slots.items() if k != "n"})]
            for _ in range(rng.randint(0, 4)):
                k, j = rng.sample(range(1, n + 1), 2)
                turns.append(rng.choice(NV_BRAIN_FOLLOW).format(k=k, j=j))
        elif kind == "research":
            turns = [casual(rng, rng.choice(NV_RESEARCH))]
            if rng.random() < 0.3:
                turns.append(
                    rng.choice(
                        ("source?", "are you sure? that sounds modern", "ok and in the 80s?", "thanks")
                    )
                )
        elif kind == "cont":
            turns = [
                rng.choice(NV_CONTINUE).format(
                    w=rng.choice((300, 400, 500, 800)), draft=_nv_draft(rng, a, b, place), **slots
                )
            ]
            turns += [rng.choice(NV_FOLLOW).format(**slots) for _ in range(rng.randint(0, 4))]
            reply_len = 2600
        else:
            turns = [rng.choice(NV_SCREEN).format(draft=_nv_draft(rng, a, b, place))]
            turns += [
                rng.choice(("good. now trim the action lines", "keep the parentheticals out", "ok thanks"))
                for _ in range(rng.randint(0, 2))
            ]
            reply_len = 2200
        times = [t]
        for nxt in turns[1:]:
            tt = clock.next(
                times[-1],
                reading(rng, reply_len)
                + (len(nxt) / rng.uniform(3, 5.5) if len(nxt) < 400 else rng.uniform(5, 25))
                + rng.lognormvariate(math.log(20), 0.8),
            )
            if tt is None:
                break
            times.append(tt)
        reqs += chat_requests(turns[: len(times)], [None] * len(times), times, params, NV_SYSTEM)
        t = clock.next(times[-1], reading(rng, reply_len) + rng.lognormvariate(math.log(150), 0.8))
    kt.requests = sorted_reqs(regenerate(rng, reqs, 0.07))
    return [kt]


# =============================================================================================
# BENIGN 2. A PhD student in Zurich (UTC+1; computational biology, with statistics, ML, physics,
# chemistry and maths on the side) who asks everything through a command-line LLM tool from the
# terminal: each question a fresh single-turn chat (the tool streams; no system prompt; OpenAI
# Python SDK), ~20% continued with 1-2 quick follow-ups ("-c"). Questions: the LIMA rows of
# bucket 0 that read as questions (mostly StackExchange: programming, stats, physics, biology,
# language; not the writing prompts, not LIMA's few hh-rlhf safety probes), plus questions
# written here from templates (differences between concepts, "why does", "how do I ... in R /
# LaTeX / SLURM", pasted error messages, "is it ok to", derivation checks, reference requests),
# typed casually. Three days: 09:20-12:10, 13:10-18:50 and most
# nights 20:30-00:50, working-day breaks.
PHD_DIFF = (
    ("fixed effects", "random effects"), ("precision", "recall"), ("a confidence interval", "a credible interval"),
    ("L1", "L2 regularisation"), ("batch norm", "layer norm"), ("Type I", "Type II error"),
    ("enthalpy", "free energy"), ("a Hamiltonian", "a Lagrangian"), ("genetic drift", "genetic draft"),
    ("RNA-seq TPM", "FPKM"), ("a paralog", "an ortholog"), ("heteroskedasticity", "autocorrelation"),
    ("MLE", "MAP estimation"), ("PCA", "ICA"), ("t-SNE", "UMAP"), ("a Markov chain", "a hidden Markov model"),
    ("Bonferroni", "Benjamini-Hochberg"), ("covariance", "correlation"), ("a GLM", "a GAM"),
    ("Gibbs sampling", "Metropolis-Hastings"), ("an eigenvalue", "a singular value"), ("KL divergence", "cross-entropy"),
    ("a p-value", "the posterior probability of the null"), ("ANOVA", "a linear model with dummy variables"),
    ("cis-", "trans-eQTLs"), ("phenotypic plasticity", "canalisation"), ("a Wald test", "a likelihood ratio test"),
)  # fmt: skip
PHD_WHY = (
    "the bootstrap works for the median but not for the maximum", "dropout is said to approximate an ensemble",
    "adding a useless predictor never lowers R squared", "the harmonic oscillator ground state has nonzero energy",
    "codon usage bias differs between highly and lowly expressed genes", "Adam sometimes generalises worse than SGD",
    "the sample variance divides by n-1", "ice is less dense than water",
    "deep nets don't overfit as badly as parameter counting suggests", "the central limit theorem needs finite variance",
    "log-transforming counts before a t-test is frowned upon", "GC-rich regions have lower coverage in Illumina data",
    "the softmax is invariant to adding a constant", "Simpson's paradox happens", "people say never to use stepwise regression",
    "the lasso sets coefficients exactly to zero but ridge doesn't", "we see more mutations at CpG sites",
    "the residuals of a logistic regression look weird when plotted",
)  # fmt: skip
PHD_HOW = (
    ("fit a mixed model with random slopes for subject", "R with lme4"), ("number only one line of an align block", "LaTeX"),
    ("read a 20 GB CSV without running out of memory", "pandas"), ("put the x axis on log scale but keep plain tick labels", "matplotlib"),
    ("submit an array job with a different parameter file per task", "SLURM"), ("cite a bioRxiv preprint with its DOI", "biblatex"),
    ("make a figure span both columns", "a two-column LaTeX template"), ("run DESeq2 with an interaction term", "R"),
    ("pin a package version in an environment file", "conda"), ("profile which line of a function is slow", "Python"),
    ("facet a plot by two variables with free y scales", "ggplot2"), ("resume an rsync that died halfway", "bash"),
    ("vectorise a loop over rows that depends on the previous row", "numpy"), ("compute a Kaplan-Meier curve with confidence bands", "Python"),
    ("squash my last 4 commits before opening the PR", "git"), ("get reproducible results on the GPU", "PyTorch"),
    ("align two protein sequences and get the percent identity", "Biopython"), ("add a second y axis", "ggplot2"),
)  # fmt: skip
PHD_ERR = (
    ("Rscript analysis.R", "Error in solve.default(H): system is computationally singular: reciprocal condition number = 1.2e-19"),
    ("python train.py", "RuntimeError: CUDA error: device-side assert triggered\nCUDA kernel errors might be asynchronously reported"),
    ("pdflatex thesis.tex", "! Missing $ inserted.\n<inserted text>\n                $\nl.214 where p_"),
    ("sbatch run.sh", "slurmstepd: error: Detected 1 oom_kill event in StepId=4417521.batch. Some of your processes may have been killed"),
    ("snakemake -j 8", "MissingInputException in rule align in file Snakefile, line 31:\nMissing input files for rule align"),
    ("python fit.py", "ConvergenceWarning: lbfgs failed to converge (status=1): STOP: TOTAL NO. of ITERATIONS REACHED LIMIT."),
    ("Rscript deseq.R", "Error in DESeqDataSet(se, design = design): some values in assay are not integers"),
    ("jupyter nbconvert --execute fig3.ipynb", "ValueError: x and y must have same first dimension, but have shapes (50,) and (49,)"),
    ("pip install scanpy", "error: subprocess-exited-with-error\n  × Building wheel for louvain (pyproject.toml) did not run successfully."),
)  # fmt: skip
PHD_OK = (
    ("a t-test", "my data are counts with lots of zeros"), ("Pearson correlation", "both variables are bounded percentages"),
    ("a chi-squared test", "some expected counts are below 5"), ("early stopping on the test set", "I don't have a validation split"),
    ("z-scoring", "the distribution is very skewed"), ("a paired t-test", "I have 4 pairs"),
    ("accuracy as the metric", "the classes are 95/5"), ("linear interpolation", "there are gaps of several days in the time series"),
    ("averaging technical replicates before the stats", "the replicates differ a lot"), ("a random intercept", "I only have 3 groups"),
)  # fmt: skip
PHD_REF = (
    "variational inference", "causal inference for observational data", "single-cell RNA-seq normalisation",
    "Gaussian processes", "statistical mechanics of proteins", "graph neural networks", "population genetics theory",
    "measure-theoretic probability for people who hate measure theory", "Bayesian workflow", "phylogenetic comparative methods",
)  # fmt: skip
PHD_CHECK = (
    "if X ~ Exp(λ) then P(X > s+t | X > s) = e^{-λ(s+t)}/e^{-λs} = e^{-λt} = P(X > t). that's memorylessness, right?",
    "Var(aX + bY) = a²Var(X) + b²Var(Y) + 2ab Cov(X,Y), so for independent X, Y the last term vanishes. correct?",
    "d/dx log(σ(x)) = 1 - σ(x). I keep getting σ(x)(1-σ(x)) instead, which one is right",
    "the MLE of p for n Bernoulli trials with k successes is k/n because d/dp [k log p + (n-k) log(1-p)] = 0 gives k/p = (n-k)/(1-p). is that right?",
    "ΔG = ΔH - TΔS, so at high T a reaction with ΔS > 0 becomes spontaneous even if ΔH > 0. ok?",
    "E[X|Y] is a random variable, not a number, because it's a function of Y. so E[E[X|Y]] = E[X]. have I got that right?",
)  # fmt: skip
PHD_EXPLAIN = (
    "explain {x} like I'm a first-year grad student in {f}", "what's the intuition behind {x}?",
    "{x}: what's the one thing people usually get wrong about it?", "can you give me a tiny worked example of {x}",
)  # fmt: skip
PHD_X = (
    "the Fisher information", "the reparameterisation trick", "Hardy-Weinberg equilibrium", "the kernel trick",
    "gauge invariance", "the delta method", "partial pooling", "linkage disequilibrium", "the EM algorithm",
    "attention in transformers", "the false discovery rate", "the Lindley paradox", "Michaelis-Menten kinetics",
    "the Nyquist frequency", "Noether's theorem",
)  # fmt: skip
PHD_FIELDS = (
    "biology", "physics", "computer science", "economics", "chemistry", "ecology",
)  # fmt: skip
PHD_FOLLOW = (
    "wait why is that", "can you show it with a tiny numeric example", "ok and in python?", "and in R?",
    "hmm that contradicts what my advisor said", "shorter pls", "source for that?", "what if n is like 12",
    "ok that makes sense, thanks", "can you write that as latex", "is that still true with missing data",
)  # fmt: skip
PHD_NOT = re.compile(
    r"^(write|compose|imagine|you are|generate|create a|tell me a|give me a (story|poem))", re.I
)


def _phd_question(rng: random.Random) -> str:
    k = rng.random()
    if k < 0.22:
        x, y = rng.choice(PHD_DIFF)
        return rng.choice(
            (
                "what's the difference between {x} and {y}?",
                "{x} vs {y}, when do I use which?",
                "is {x} just {y} with extra steps?",
            )
        ).format(x=x, y=y)
    if k < 0.38:
        return rng.choice(
            ("why is it that {p}?", "intuitively, why {p}?", "can someone explain why {p}")
        ).format(p=rng.choice(PHD_WHY))
    if k < 0.56:
        task, tool = rng.choice(PHD_HOW)
        return rng.choice(("how do I {t} in {o}?", "{o}: how to {t}", "quick one, {o}, {t}?")).format(
            t=task, o=tool
        )
    if k < 0.68:
        cmd, err = rng.choice(PHD_ERR)
        return rng.choice(
            (
                "I get this when running `{c}`:\n\n{e}\n\nwhat does it mean and how do I fix it?",
                "{e}\n\n^ from {c}. help",
                "{c} fails with\n```\n{e}\n```",
            )
        ).format(c=cmd, e=err)
    if k < 0.78:
        m_, c = rng.choice(PHD_OK)
        return f"is it ok to use {m_} when {c}?"
    if k < 0.84:
        return rng.choice(PHD_CHECK)
    if k < 0.9:
        return rng.choice(
            (
                "good textbook or review for {t}?",
                "what should I read first to learn {t}",
                "best intro paper on {t}?",
            )
        ).format(t=rng.choice(PHD_REF))
    return rng.choice(PHD_EXPLAIN).format(x=rng.choice(PHD_X), f=rng.choice(PHD_FIELDS))


def phd_student_questions(days: int = 3) -> list[KeyTraffic]:
    rng = R("phd")
    hh = {
        " ".join(r.first.lower().split()) for r in src("hh_rlhf_harmless_test")
    }  # LIMA's few safety probes come from there
    lima = [
        r for r in src("lima")
        if bucket(r, 2) == 0 and 15 <= len(r.first) <= 2500 and not PHD_NOT.match(r.first.strip()) and english(r.first)
        and " ".join(r.first.lower().split()) not in hh
    ]  # fmt: skip
    rng.shuffle(lima)
    params = {"stream": True}
    kt = mk(
        "b13-phdstudent-0",
        "phd_student_questions",
        "benign",
        "heavy",
        client(rng, "openai-python"),
        timing="simulated: one person, Zurich (UTC+1), 09:20-12:10, 13:10-18:50, most nights 20:30-00:50, single-turn gaps of reading + thinking",
        sources=("lima",),
        settings={"days": days, "params": params, "tz": 1, "lima_rows": len(lima)},
    )
    clock = Clock(
        rng, blocks(rng, T0, days, 1, ((9.3, 12.2, 0.95), (13.2, 18.8, 1.0), (20.5, 24.8, 0.75))), breaks=0.04
    )
    t: float | None = clock.first()
    reqs: list[Request] = []
    while t is not None:
        if lima and rng.random() < 0.52:
            row = lima.pop()
            q, item = row.first.strip(), row.id
        else:
            q, item = casual(rng, _phd_question(rng)), ""
        turns = [q]
        if rng.random() < 0.2:
            turns += rng.sample(PHD_FOLLOW, rng.randint(1, 2))
        times = [t]
        for nxt in turns[1:]:
            tt = clock.next(times[-1], reading(rng, 1400) + len(nxt) / rng.uniform(3, 6) + rng.uniform(2, 12))
            if tt is None:
                break
            times.append(tt)
        reqs += chat_requests(turns[: len(times)], [None] * len(times), times, params, None, item)
        typing = len(q) / rng.uniform(3, 6) if len(q) < 300 else rng.uniform(4, 20)  # long ones are pasted
        t = clock.next(times[-1], reading(rng, 1400) + rng.lognormvariate(math.log(35), 0.9) + typing)
    kt.requests = sorted_reqs(regenerate(rng, reqs, 0.02, 1.0, 6.0))
    return [kt]


# =============================================================================================
# BENIGN 3. A backend engineer in Bangalore (UTC+5:30) on an invoicing service, asking through a
# VS Code chat extension (the extension host's OpenAI JS SDK; stream, T 0.2 for chat, 0 for edits).
# Every chat request carries the selected range of the open file (path and line numbers) and the
# question; the extension's slash commands send fixed templates around the selection (/explain,
# /edit with an instruction, /tests, "fix this error" with a pasted traceback); ~35% of chats get
# 1-3 follow-ups; ~10% are questions without code (git, Postgres, Docker). The codebase (five files
# written here) evolves through the two days: edits the engineer makes show up in later
# selections. Two days, 10:00-13:25, 14:20-19:35, some nights 21:30-23:30 local.
IDE_FILES = {
    "app/billing/invoices.py": """from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from app.billing.currency import convert
from app.db import session_scope
from app.models import Invoice, LineItem

VAT_RATE = Decimal("0.18")


@dataclass
class InvoiceDraft:
    customer_id: int
    currency: str
    lines: list[dict] = field(default_factory=list)
    issued: date | None = None


def line_total(line: dict) -> Decimal:
    qty = Decimal(str(line["qty"]))
    price = Decimal(str(line["unit_price"]))
    discount = Decimal(str(line.get("discount", 0)))
    return (qty * price * (1 - discount)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def invoice_total(draft: InvoiceDraft, target_currency: str = "INR") -> Decimal:
    subtotal = sum(line_total(l) for l in draft.lines)
    if draft.currency != target_currency:
        subtotal = convert(subtotal, draft.currency, target_currency, draft.issued)
    return subtotal * (1 + VAT_RATE)


def due_date(draft: InvoiceDraft, terms_days: int = 30) -> date:
    return draft.issued + timedelta(days=terms_days)


def save_invoice(draft: InvoiceDraft) -> int:
    with session_scope() as s:
        inv = Invoice(customer_id=draft.customer_id, currency=draft.currency, issued=draft.issued)
        s.add(inv)
        for l in draft.lines:
            s.add(LineItem(invoice=inv, **l))
        s.flush()
        return inv.id
""",
    "app/billing/currency.py": """import functools
from datetime import date
from decimal import Decimal

import httpx

RATES_URL = "https://rates.internal.ledgerline.io/v1/rates"


@functools.lru_cache(maxsize=512)
def _rate(src: str, dst: str, day: date) -> Decimal:
    r = httpx.get(RATES_URL, params={"from": src, "to": dst, "date": day.isoformat()}, timeout=5)
    r.raise_for_status()
    return Decimal(r.json()["rate"])


def convert(amount: Decimal, src: str, dst: str, day: date | None = None) -> Decimal:
    day = day or date.today()
    return (amount * _rate(src, dst, day)).quantize(Decimal("0.01"))
""",
    "web/src/components/InvoiceTable.tsx": """import { useEffect, useState } from "react";
import { fetchInvoices, Invoice } from "../api/invoices";
import { formatMoney } from "../utils/money";

type Props = { customerId: number; status?: "draft" | "sent" | "paid" };

export function InvoiceTable({ customerId, status }: Props) {
  const [rows, setRows] = useState<Invoice[]>([]);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    fetchInvoices(customerId, status).then((data) => {
      setRows(data);
      setLoading(false);
    });
  }, [customerId]);

  if (loading) return <div className="spinner" />;
  return (
    <table className="invoice-table">
      <tbody>
        {rows.map((inv) => (
          <tr key={inv.number} onClick={() => window.open(`/invoices/${inv.id}`)}>
            <td>{inv.number}</td>
            <td>{inv.issued}</td>
            <td>{formatMoney(inv.total, inv.currency)}</td>
            <td>{inv.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
""",
    "tests/billing/test_invoices.py": """from datetime import date
from decimal import Decimal

import pytest

from app.billing.invoices import InvoiceDraft, invoice_total, line_total


def test_line_total_with_discount():
    assert line_total({"qty": 3, "unit_price": "19.99", "discount": "0.1"}) == Decimal("53.97")


def test_invoice_total_same_currency():
    d = InvoiceDraft(customer_id=1, currency="INR", lines=[{"qty": 1, "unit_price": 100}], issued=date(2026, 3, 1))
    assert invoice_total(d) == Decimal("118.00")


@pytest.mark.parametrize("qty", [0, -1])
def test_line_total_rejects_bad_qty(qty):
    with pytest.raises(ValueError):
        line_total({"qty": qty, "unit_price": 10})
""",
    "migrations/0042_add_credit_notes.sql": """-- 0042: credit notes
CREATE TABLE credit_notes (
    id BIGSERIAL PRIMARY KEY,
    invoice_id BIGINT NOT NULL REFERENCES invoices(id),
    amount NUMERIC(12, 2) NOT NULL CHECK (amount > 0),
    reason TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX credit_notes_invoice_idx ON credit_notes (invoice_id);
ALTER TABLE invoices ADD COLUMN credited NUMERIC(12, 2) NOT NULL DEFAULT 0;
""",
}
IDE_WEIGHTS = (0.42, 0.14, 0.2, 0.12, 0.12)  # the files, in the order above
IDE_EDITS = (  # (file, old, new): what the engineer changes, in order, through the two days
    ("web/src/components/InvoiceTable.tsx", "  }, [customerId]);", "  }, [customerId, status]);"),
    ("app/billing/invoices.py", "def due_date(draft: InvoiceDraft, terms_days: int = 30) -> date:\n",
     "def due_date(draft: InvoiceDraft, terms_days: int = 30) -> date:\n    if draft.issued is None:\n        raise ValueError(\"draft has no issue date\")\n"),
    ("app/billing/invoices.py", "    return subtotal * (1 + VAT_RATE)", "    return (subtotal * (1 + VAT_RATE)).quantize(Decimal(\"0.01\"), ROUND_HALF_UP)"),
    ("app/billing/currency.py", "timeout=5)", "timeout=httpx.Timeout(5.0, connect=2.0))"),
    ("app/billing/invoices.py", "    qty = Decimal(str(line[\"qty\"]))\n",
     "    qty = Decimal(str(line[\"qty\"]))\n    if qty <= 0:\n        raise ValueError(f\"qty must be positive, got {qty}\")\n"),
    ("web/src/components/InvoiceTable.tsx", "      setLoading(false);\n    });", "      setLoading(false);\n    }).catch(() => setLoading(false));"),
    ("migrations/0042_add_credit_notes.sql", "    reason TEXT,", "    reason TEXT NOT NULL DEFAULT '',"),
    ("app/billing/invoices.py", "VAT_RATE = Decimal(\"0.18\")", "VAT_RATE = Decimal(\"0.18\")  # TODO(raj): per-state GST, see LL-1182"),
)  # fmt: skip
IDE_SYSTEM = (
    "You are an AI programming assistant inside Visual Studio Code. Workspace: ledgerline (Python 3.11, "
    "FastAPI, SQLAlchemy 2, PostgreSQL 15; web/: React 18 + TypeScript). When the user shares code it is "
    "the current selection in their editor. Be concise. Put code in fenced blocks with a language tag and "
    "only show the parts that change unless asked for the whole file."
)
IDE_ASK = (
    "why does {fn} sometimes give 4 decimal places?", "is there a race condition here?",
    "how do I make {fn} async without breaking the callers?", "what happens here if issued is None?",
    "totals are off by a paisa on some invoices. where could rounding go wrong?",
    "will the lru_cache here ever expire? the rates change daily", "why doesn't the table refresh when status changes?",
    "mypy complains about this, how do I type it properly", "is opening a window on row click ok accessibility-wise?",
    "this is slow with 5k rows, what would you do?", "refactor {fn} to be more readable",
    "does this lock the invoices table? it's ~40M rows", "how do I backfill credited for existing rows safely?",
    "better name for {fn}?", "add logging to {fn}, we use structlog", "can {fn} ever throw?",
    "how do I mock httpx.get for this in pytest", "what does quantize do with ROUND_HALF_UP vs the default",
    "explain the useEffect dependency issue here", "is sum() over Decimals fine or do I need a start value?",
    "rewrite this with SQLAlchemy 2.0 style select()", "is {fn} idempotent if the request is retried?",
    "what edge cases am I missing in these tests?", "write the down migration for this",
    "should credited be a generated column instead?", "how do I run only the {fn} tests with coverage",
    "can this be a single query instead of a loop?", "what's wrong with using ** on the dict here", "is the key prop right?",
)  # fmt: skip
IDE_GENERAL = (
    "what's the difference between git rebase and merge when someone else pushed to my branch",
    "how do I undo the last commit but keep the changes", "docker compose up keeps rebuilding the image every time, why",
    "idiomatic way to do env-specific settings in pydantic v2?", "explain idempotency keys for payment APIs",
    "postgres NUMERIC vs DOUBLE PRECISION for money", "regex to validate an Indian GSTIN",
    "how do I profile a FastAPI endpoint", "alembic autogenerate keeps dropping my index, why",
    "how to make pre-commit run mypy only on changed files",
)  # fmt: skip
IDE_FOLLOW = (
    "that didn't work, now I get {err}", "can you do it without adding a dependency", "use the existing helper {fn} instead",
    "ok and the test for that?", "why?", "show the whole function", "what about the TypeScript side", "perfect, thanks",
    "hmm, the reviewer says this is overkill. simpler version?", "does that change the public API?",
)  # fmt: skip
IDE_EDIT = (
    "add type hints", "add docstrings", "handle the None case", "use early returns", "extract the rounding into a helper",
    "add input validation that raises ValueError", "make it async", "convert to SQLAlchemy 2.0 style", "add structured logging",
    "replace the loop with a comprehension", "make the status filter work", "add a loading error state",
)  # fmt: skip
IDE_ERRORS = {
    "app/billing/invoices.py": (
        ("due_date", "TypeError: unsupported operand type(s) for +: 'NoneType' and 'datetime.timedelta'"),
        ("line_total", "KeyError: 'unit_price'"), ("line_total", "decimal.InvalidOperation: [<class 'decimal.ConversionSyntax'>]"),
        ("save_invoice", 'sqlalchemy.exc.IntegrityError: (psycopg.errors.NotNullViolation) null value in column "issued" of relation "invoices" violates not-null constraint'),
    ),
    "app/billing/currency.py": (("_rate", "httpx.ReadTimeout: timed out"), ("_rate", "TypeError: unhashable type: 'list'")),
    "web/src/components/InvoiceTable.tsx": (
        ("InvoiceTable", "TypeError: Cannot read properties of undefined (reading 'map')"),
        ("InvoiceTable", "TS2322: Type 'string | undefined' is not assignable to type 'string'."),
    ),
    "tests/billing/test_invoices.py": (("test_line_total_rejects_bad_qty", "Failed: DID NOT RAISE <class 'ValueError'>"),),
    "migrations/0042_add_credit_notes.sql": (("0042", 'ERROR:  column "credited" of relation "invoices" already exists'),),
}  # fmt: skip
IDE_LANG = {".py": "python", ".tsx": "tsx", ".sql": "sql"}


def _ide_trace(path: str, fn: str, err: str, line: int) -> str:
    if path.endswith(".py"):
        return f'Traceback (most recent call last):\n  File "/srv/ledgerline/{path}", line {line}, in {fn}\n{err}'
    if path.endswith(".sql"):
        return f"psql:{path}:{line}: {err}"
    if err.startswith("TS"):
        return f"{path}({line},17): error {err}"
    return f"{err}\n    at {fn} ({path}:{line}:17)"


def engineer_ide_plugin(days: int = 2) -> list[KeyTraffic]:
    rng = R("ide")
    chat_p = {"temperature": 0.2, "max_tokens": 2048, "stream": True}
    edit_p = {"temperature": 0, "max_tokens": 2048, "stream": True}
    kt = mk(
        "b13-engineer-ide-0",
        "engineer_ide_plugin",
        "benign",
        "heavy",
        client(rng, "openai-js", IDE_SYSTEM),
        timing="simulated: one person, Bangalore (UTC+5:30), 10:00-13:25, 14:20-19:35, some nights 21:30-23:30; gaps of reading, applying and coding",
        sources=(),
        settings={"days": days, "chat": chat_p, "edit": edit_p, "tz": 5.5},
    )
    spans = blocks(rng, T0, days, 5.5, ((10.0, 13.4, 1.0), (14.3, 19.6, 1.0), (21.5, 23.5, 0.45)))
    clock = Clock(rng, spans, breaks=0.025)
    first, last = spans[0][0], spans[-1][1]
    files = list(IDE_FILES)
    t: float | None = clock.first()
    reqs: list[Request] = []
    while t is not None:
        done = int(len(IDE_EDITS) * (t - first) / (last - first))  # the edits made so far
        text = {p: IDE_FILES[p] for p in files}
        for p, old, new in IDE_EDITS[:done]:
            text[p] = text[p].replace(old, new)
        path = rng.choices(files, IDE_WEIGHTS)[0]
        lines = text[path].rstrip("\n").split("\n")
        lang = IDE_LANG[path[path.rfind(".") :]]
        if rng.random() < 0.3:
            a, b = 1, len(lines)
        else:
            a = rng.randint(1, max(1, len(lines) - 6))
            b = min(len(lines), a + rng.randint(5, 24))
        code = "\n".join(lines[a - 1 : b])
        fns = re.findall(r"(?:def|function|TABLE)\s+(\w+)", text[path]) or ["it"]
        fn = rng.choice(fns)
        block = f"```{lang} {path} ({a}-{b})\n{code}\n```"
        k = rng.random()
        params, reply_len = chat_p, 1500
        if k < 0.1:
            turns = [casual(rng, rng.choice(IDE_GENERAL))]
        elif k < 0.52:
            turns = [f"{block}\n\n{casual(rng, rng.choice(IDE_ASK).format(fn=fn))}"]
        elif k < 0.62:
            turns = [
                f"/explain\n\nExplain what the selected code does, step by step, and point out anything surprising.\n\n{block}"
            ]
        elif k < 0.78:
            instr = rng.choice(IDE_EDIT)
            turns = [
                f"Rewrite the selected code according to the instruction. Output only the rewritten code in one fenced block, no explanation.\n\nInstruction: {instr}\n\n{block}"
            ]
            params, reply_len = edit_p, len(code) + 200
        elif k < 0.88:
            fw = (
                "pytest"
                if lang == "python"
                else ("vitest and @testing-library/react" if lang == "tsx" else "pgTAP")
            )
            turns = [
                f"/tests\n\nWrite unit tests for the selected code using {fw}. Cover edge cases. Only output the test file.\n\n{block}"
            ]
        else:
            efn, err = rng.choice(IDE_ERRORS[path])
            turns = [
                f"I get this error:\n\n```\n{_ide_trace(path, efn, err, rng.randint(a, b))}\n```\n\nin this code:\n\n{block}\n\nwhat's wrong?"
            ]
        if k >= 0.1 and rng.random() < 0.35:
            _, err2 = rng.choice(IDE_ERRORS[path])
            turns += [
                rng.choice(IDE_FOLLOW).format(err=err2, fn=rng.choice(fns)) for _ in range(rng.randint(1, 3))
            ]
        times = [t]
        for nxt in turns[1:]:
            tt = clock.next(
                times[-1],
                reading(rng, reply_len)
                + rng.lognormvariate(math.log(25), 0.8)
                + len(nxt) / rng.uniform(3, 6),
            )
            if tt is None:
                break
            times.append(tt)
        reqs += chat_requests(turns[: len(times)], [None] * len(times), times, params, IDE_SYSTEM)
        coding = rng.lognormvariate(math.log(22), 0.9) + (
            rng.uniform(240, 900) if rng.random() < 0.08 else 0.0
        )
        t = clock.next(times[-1], reading(rng, reply_len) + coding)
    kt.requests = sorted_reqs(regenerate(rng, reqs, 0.03))
    return [kt]


# =============================================================================================
# BENIGN 4. A cross-asset trader/analyst in London (UTC+0) with a hotkey script (python-requests,
# her own short system prompt, T 0.2, max_tokens 400): short market and finance questions all
# day, from 06:35 to 17:25 with lunch, some evenings: bond maths, FX moves, option hedges,
# definitions, earnings read-throughs, morning-note drafts, Excel formulas, "what to check first".
# Faster at the European open (07:00-08:00), before the US data (13:15-14:00) and at the US open
# (14:30-15:15). ~15% get a follow-up ("and at 4.8%?", "table pls"); double-pressed hotkeys send
# the same request twice. Everything is written here from templates and slots. Two days.
TR_SYSTEM = "You are a concise markets assistant for a sell-side trader. Answer in under 120 words unless asked. Show the formula for any calculation. No disclaimers."
TR_TICKERS = (
    "AAPL", "MSFT", "NVDA", "AMZN", "META", "TSLA", "JPM", "GS", "XOM", "SHEL", "BP", "HSBA", "AZN", "ULVR", "RIO", "GLEN",
    "VOD", "BARC", "LLOY", "ASML", "SAP", "NESN", "MC", "TTE", "SIE", "NOVO B", "TSM", "AMD", "ADYEN", "RR",
)  # fmt: skip
TR_PAIRS = (
    ("EURUSD", 1.08),
    ("GBPUSD", 1.27),
    ("USDJPY", 150.0),
    ("USDCHF", 0.88),
    ("AUDUSD", 0.655),
    ("EURGBP", 0.855),
    ("USDMXN", 17.1),
)
TR_TERMS = (
    "convexity", "DV01", "vega", "skew", "a risk reversal", "carry", "roll-down", "the basis", "cheapest-to-deliver",
    "the repo rate", "SOFR", "term premium", "breakeven inflation", "an OIS swap", "swap spread", "z-spread", "contango",
    "backwardation", "a gamma squeeze", "a dispersion trade", "put-call parity", "implied vs realised vol", "the Sortino ratio",
    "max drawdown", "EV/EBITDA", "FCF yield", "days to cover", "VWAP", "implementation shortfall", "a MOC order",
    "the ex-dividend date", "a total return swap", "CDS basis",
)  # fmt: skip
TR_EVENTS = (
    "US CPI", "US payrolls", "the ECB decision", "the BoE decision", "the FOMC statement", "UK GDP", "German flash PMIs",
    "US jobless claims",
)  # fmt: skip
TR_NOTE = (
    "gilts bear steepening after hot wage data", "EURUSD capped at {fx}", "{tk} beat on margins, guide light",
    "oil +{p}% on supply headlines", "bund-OAT spread wider", "USDJPY through {fx2}, watching MoF",
    "banks outperform on steeper curve", "{tk2} downgraded to neutral at a big broker", "VIX back under 14",
    "credit quiet, IG issuance heavy", "{tk} buyback upsized",
)  # fmt: skip
TR_EXCEL = (
    "CAGR between B2 and B10 over 8 years", "a rolling 20-day stdev of returns in column C",
    "XIRR for cashflows in A2:A20 with dates in B2:B20", "count rows where P&L in D is negative and desk in A is 'RATES'",
    "the last non-empty value in column F", "annualised vol from daily returns in C2:C253",
)  # fmt: skip
TR_JARGON = (
    "we're long gamma into the print so we're happy to sell rallies",
    "the curve is pricing three cuts but the belly looks rich", "spreads are tight but carry still pays you to wait",
    "vol is bid on the downside, skew's steep", "the move was mostly positioning, not fundamentals",
)  # fmt: skip


def _tr_question(rng: random.Random) -> tuple[str, list[str]]:
    tk, tk2 = rng.sample(TR_TICKERS, 2)
    pair, lvl = rng.choice(TR_PAIRS)
    y, c = rng.choice((2, 3, 5, 7, 10, 20, 30)), rng.choice((1.5, 2.25, 3.0, 3.75, 4.0, 4.25, 4.5, 5.0))
    ytm = round(c + rng.uniform(-1.2, 1.2), 2)
    k = rng.randrange(20)
    follow = ["shorter", "table pls", "are you sure?", "show the formula", "thanks"]
    if k == 0:
        q = f"quick: price of a {y}y bond, {c}% annual coupon, yield {ytm}%? per 100 face"
        follow += [f"and at {round(ytm + 0.5, 2)}%?", "semi-annual instead?"]
    elif k == 1:
        q = f"modified duration of a {y}y {c}% bond at {ytm}% ytm, roughly"
        follow += ["and DV01 on 10mm notional?"]
    elif k == 2:
        a = round(lvl * rng.uniform(0.985, 1.015), 4 if lvl < 10 else 2)
        q = f"{pair} {a} -> {round(a * rng.uniform(0.992, 1.008), 4 if lvl < 10 else 2)}, % move and pips?"
    elif k == 3:
        q = f"annualise a {rng.choice((0.4, 0.8, 1.1, 1.6, 2.3, -0.7))}% monthly return"
    elif k == 4:
        q = f"long {rng.randint(2, 60) * 10} {tk} calls, delta {round(rng.uniform(0.2, 0.8), 2)}, how many shares to hedge? 100 per contract"
        follow += ["and if delta goes to 0.65?"]
    elif k in (5, 6):
        q = rng.choice(
            ("explain {t} in 2 sentences", "what's {t}", "{t}: simple example?", "{t} vs {u}?")
        ).format(t=rng.choice(TR_TERMS), u=rng.choice(TR_TERMS))
    elif k == 7:
        rev = rng.uniform(8, 90)
        q = f"headline: {tk} Q{rng.randint(1, 4)} revenue {rev:.1f}bn vs {rev * rng.uniform(0.95, 1.05):.1f}bn est, guides FY {rng.choice(('higher', 'lower', 'in line', 'below consensus'))}. read-through for {tk2}?"
    elif k == 8:
        q = f"{tk} {rng.choice(('down', 'up'))} {rng.randint(3, 14)}% premarket on no news. what should I check first?"
    elif k == 9:
        notes = [
            x.format(tk=tk, tk2=tk2, fx=round(lvl * 1.01, 3), fx2=round(lvl * 1.01, 1), p=rng.randint(2, 5))
            for x in rng.sample(TR_NOTE, 3)
        ]
        q = "draft a 3-line morning note: " + "; ".join(notes)
        follow += ["punchier", "make it client-friendly, no jargon"]
    elif k == 10:
        q = f"convert {rng.choice((3, 7.5, 12, 25, 40, 65, 150))}bp to % and decimal"
    elif k == 11:
        e = round(rng.uniform(2.2, 3.8), 1)
        q = f"{rng.choice(('US CPI', 'UK CPI', 'EZ HICP'))} {round(e + rng.choice((-0.2, -0.1, 0.1, 0.2, 0.3)), 1)}% y/y vs {e}% exp. typical first reaction in 2y yields and {pair}?"
    elif k == 12:
        q = f"rule of thumb: how much does a surprise 25bp cut usually move {rng.choice(('2y gilts', 'the FTSE 250', 'GBPUSD', 'EURUSD', 'bank stocks', 'the long end'))}?"
    elif k == 13:
        q = f"excel formula for {rng.choice(TR_EXCEL)}"
        follow += ["google sheets version?"]
    elif k == 14:
        q = f"{tk} at {rng.randint(12, 45)}x fwd PE vs sector {rng.randint(10, 25)}x. what would justify the premium?"
    elif k == 15:
        fut, tv = rng.choice((("ES", 12.5), ("FGBL", 10.0), ("Z (FTSE)", 5.0), ("NQ", 5.0), ("CL", 10.0)))
        q = f"sanity check: {rng.randint(2, 40)} {fut} contracts, tick value {tv}, moved {rng.randint(-60, 60)} ticks. P&L?"
    elif k == 16:
        q = f"what time is {rng.choice(TR_EVENTS)} today, London time?"
    elif k == 17:
        q = f"long {tk} / short {tk2} pair: what factor exposures should I worry about?"
    elif k == 18:
        q = f"translate for a client, plain English: '{rng.choice(TR_JARGON)}'"
    else:
        q = f"{rng.choice(('put-call parity check', 'quick carry calc'))}: {rng.choice(TR_TICKERS)} spot {rng.randint(40, 900)}, {rng.choice((1, 3, 6, 12))}m, rate {round(rng.uniform(3.5, 5.4), 2)}%, div yield {round(rng.uniform(0, 4), 1)}%. forward?"
    return casual(rng, q), follow


def trader_market_questions(days: int = 2) -> list[KeyTraffic]:
    rng = R("trader")
    params = {"temperature": 0.2, "max_tokens": 400}
    kt = mk(
        "b13-trader-0",
        "trader_market_questions",
        "benign",
        "heavy",
        client(rng, "requests", TR_SYSTEM),
        timing="simulated: one person, London (UTC+0), 06:35-12:15, 12:45-17:25, some evenings; faster around the European open, US data and US open",
        sources=(),
        settings={"days": days, "params": params, "tz": 0},
    )
    clock = Clock(
        rng,
        blocks(rng, T0, days, 0, ((6.6, 12.25, 1.0), (12.75, 17.4, 1.0), (19.5, 21.0, 0.35))),
        breaks=0.03,
    )
    t: float | None = clock.first()
    reqs: list[Request] = []
    while t is not None:
        q, follow = _tr_question(rng)
        turns = [q] + ([rng.choice(follow)] if rng.random() < 0.15 else [])
        times = [t]
        if len(turns) > 1 and (tt := clock.next(t, reading(rng, 500) + rng.uniform(4, 20))) is not None:
            times.append(tt)
        reqs += chat_requests(turns[: len(times)], [None] * len(times), times, params, TR_SYSTEM)
        h = (times[-1] % DAY) / HOUR
        busy = 7.0 <= h < 8.0 or 13.25 <= h < 14.0 or 14.5 <= h < 15.25
        t = clock.next(
            times[-1],
            reading(rng, 450)
            + rng.lognormvariate(math.log(22 if busy else 55), 0.9)
            + len(q) / rng.uniform(4, 7),
        )
    kt.requests = sorted_reqs(regenerate(rng, reqs, 0.02, 0.3, 1.5))
    return [kt]


# =============================================================================================
# BENIGN 5. A model-evaluation team in Amsterdam with its own programmatic reasoning suite ("prism",
# 468 items generated here with known answers): arithmetic word problems and date arithmetic in
# English, German, Spanish and French, ordering puzzles, syllogisms over nonsense words, and
# reading comprehension over generated memos. Their async harness (OpenAI Python SDK, AsyncOpenAI;
# seed 1234) runs: a 30-item smoke test (step by step, concurrency 4), the full suite answer-only
# (T 0, max_tokens 32, concurrency 8) and step by step (T 0, max_tokens 768) that evening, the
# step-by-step run again next morning after a parser fix (identical requests), and pass@5 on
# arithmetic and dates (n=5, T 0.8, top_p 0.95, concurrency 6). SDK retries on ~1% of calls.
SY_ARITH = {
    "en": (
        "A bakery sold {a} loaves of bread on Monday and {b} more loaves on Tuesday than on Monday. Each loaf costs {p} dollars. How many dollars did the bakery take in over the two days?",
        "{name} has {a} stickers. She gives {b} of them to her brother and then buys {c} packs with {d} stickers in each pack. How many stickers does {name} have now?",
        "A train leaves at {h:02d}:{m:02d} and travels {km} km at a constant speed of {v} km/h. At what time does it arrive? Give the time as HH:MM.",
    ),
    "de": (
        "Eine Bäckerei verkaufte am Montag {a} Brote und am Dienstag {b} Brote mehr als am Montag. Jedes Brot kostet {p} Euro. Wie viele Euro hat die Bäckerei an den beiden Tagen eingenommen?",
        "{name} hat {a} Sticker. Sie schenkt ihrem Bruder {b} davon und kauft dann {c} Packungen mit je {d} Stickern. Wie viele Sticker hat {name} jetzt?",
        "Ein Zug fährt um {h:02d}:{m:02d} Uhr ab und legt {km} km mit einer konstanten Geschwindigkeit von {v} km/h zurück. Um wie viel Uhr kommt er an? Gib die Uhrzeit im Format HH:MM an.",
    ),
    "es": (
        "Una panadería vendió {a} panes el lunes y {b} panes más el martes que el lunes. Cada pan cuesta {p} euros. ¿Cuántos euros ingresó la panadería en los dos días?",
        "{name} tiene {a} pegatinas. Le da {b} a su hermano y luego compra {c} paquetes de {d} pegatinas cada uno. ¿Cuántas pegatinas tiene {name} ahora?",
        "Un tren sale a las {h:02d}:{m:02d} y recorre {km} km a una velocidad constante de {v} km/h. ¿A qué hora llega? Da la hora en formato HH:MM.",
    ),
    "fr": (
        "Une boulangerie a vendu {a} pains le lundi et {b} pains de plus le mardi que le lundi. Chaque pain coûte {p} euros. Combien d'euros la boulangerie a-t-elle encaissés sur les deux jours ?",
        "{name} a {a} autocollants. Elle en donne {b} à son frère, puis achète {c} paquets de {d} autocollants chacun. Combien d'autocollants {name} a-t-elle maintenant ?",
        "Un train part à {h:02d}h{m:02d} et parcourt {km} km à la vitesse constante de {v} km/h. À quelle heure arrive-t-il ? Donne l'heure au format HH:MM.",
    ),
}
SY_DATES = {
    "en": (
        "What day of the week is it {n} days after a {wd}?",
        "What is the date {n} days after {d}? Answer in the format YYYY-MM-DD.",
    ),
    "de": (
        "Welcher Wochentag ist {n} Tage nach einem {wd}?",
        "Welches Datum ist {n} Tage nach dem {d}? Antworte im Format JJJJ-MM-TT.",
    ),
    "es": (
        "¿Qué día de la semana es {n} días después de un {wd}?",
        "¿Qué fecha es {n} días después del {d}? Responde con el formato AAAA-MM-DD.",
    ),
    "fr": (
        "Quel jour de la semaine sera-t-on {n} jours après un {wd} ?",
        "Quelle est la date {n} jours après le {d} ? Réponds au format AAAA-MM-JJ.",
    ),
}
SY_WD = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
}
SY_DFMT = {"en": "%B %d, %Y", "de": "%d.%m.%Y", "es": "%d/%m/%Y", "fr": "%d/%m/%Y"}
SY_NAMES = {
    "en": ("Maya", "Olivia", "Priya"),
    "de": ("Lena", "Mia", "Hannah"),
    "es": ("Lucía", "Sofía", "Martina"),
    "fr": ("Chloé", "Léa", "Manon"),
}
SY_DIRECT = {
    "en": "Respond with only the final answer.", "de": "Antworte nur mit der endgültigen Antwort.",
    "es": "Responde solo con la respuesta final.", "fr": "Réponds uniquement par la réponse finale.",
}  # fmt: skip
SY_COT = {
    "en": 'Think step by step, then give the final answer on the last line as "Answer: <answer>".',
    "de": 'Denke Schritt für Schritt nach und gib dann in der letzten Zeile die endgültige Antwort als "Antwort: <Antwort>" an.',
    "es": 'Piensa paso a paso y luego da la respuesta final en la última línea como "Respuesta: <respuesta>".',
    "fr": 'Réfléchis étape par étape, puis donne la réponse finale sur la dernière ligne sous la forme "Réponse : <réponse>".',
}
SY_PEOPLE = ("Ana", "Ben", "Chidi", "Dara", "Emil", "Farah", "Goran", "Hana", "Ivo", "Jun", "Kemal", "Lior")
SY_ORDER = (
    (
        "{k} runners took part in a race: {names}.",
        "{x} finished immediately before {y}.",
        "Who finished {pos}?",
    ),
    (
        "{k} people are waiting in a queue at a bakery: {names}.",
        "{x} is directly in front of {y}.",
        "Who is {pos} in the queue?",
    ),
    (
        "{k} books stand on a shelf, each by a different author: {names}.",
        "The book by {x} is immediately to the left of the book by {y}.",
        "Whose book is {pos} from the left?",
    ),
)
SY_POS = ("first", "second", "third", "fourth", "fifth", "sixth")
SY_SYLL = (
    ("All {A} are {B}.", "All {B} are {C}.", "All {A} are {C}.", True), ("All {A} are {B}.", "All {C} are {B}.", "All {A} are {C}.", False),
    ("No {A} are {B}.", "All {C} are {A}.", "No {C} are {B}.", True), ("Some {A} are {B}.", "All {B} are {C}.", "Some {A} are {C}.", True),
    ("Some {A} are {B}.", "Some {B} are {C}.", "Some {A} are {C}.", False), ("All {A} are {B}.", "Some {C} are not {B}.", "Some {C} are not {A}.", True),
    ("All {A} are {B}.", "No {C} are {A}.", "No {C} are {B}.", False), ("No {A} are {B}.", "Some {C} are {B}.", "Some {C} are not {A}.", True),
)  # fmt: skip
SY_TERMS = (
    "wugs", "blickets", "daxes", "feps", "toves", "zorbs", "glimmets", "snarfs", "plonks", "yerbles", "kivs", "momes",
)  # fmt: skip
SY_MEMO = (
    "Memo: {co}, {month} update\n\nIn the last quarter the {c1} warehouse shipped {n1:,} orders, {dir} {p}% on the quarter before, "
    "while the {c2} site shipped {n2:,}. {p1} will take over as operations lead from {p2} on {day} {month2}. The new returns policy "
    "starts in {month2}: customers will have {d} days instead of {d0} to send items back. After the {ev}, overtime was capped at "
    "{h} hours per person per week."
)
SY_MEMO_Q = (
    "How many orders did the {c2} site ship?", "Who will take over as operations lead?",
    "How many days will customers have to return items under the new policy?",
    "By how many days does the new policy extend the return window?", "Which site shipped more orders last quarter?",
    "What is the weekly overtime cap per person?",
)  # fmt: skip


def _sy_items(rng: random.Random) -> list[tuple[str, str, str]]:
    """(item id, question, language) for the whole suite."""
    items: list[tuple[str, str, str]] = []
    for lang, temps in SY_ARITH.items():
        for i in range(36):
            k = i % 3
            a, b, p, c, d = (
                rng.randint(20, 180),
                rng.randint(3, 60),
                rng.randint(2, 9),
                rng.randint(2, 9),
                rng.randint(4, 12),
            )
            v = rng.choice((60, 80, 100, 120))
            mins = 15 * rng.randint(3, 22)
            q = temps[k].format(a=a, b=min(b, a - 1) if k == 1 else b, p=p, c=c, d=d, name=rng.choice(SY_NAMES[lang]),
                                h=rng.randint(5, 20), m=rng.choice((0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55)), km=v * mins // 60, v=v)  # fmt: skip
            items.append((f"arith-{lang}-{i:03d}", q, lang))
    for lang, (t1, t2) in SY_DATES.items():
        for i in range(20):
            if i % 2 == 0:
                q = t1.format(n=rng.randint(3, 400), wd=rng.choice(SY_WD[lang]))
            else:
                day = date(2024, 1, 1) + timedelta(days=rng.randint(0, 900))
                q = t2.format(n=rng.randint(5, 200), d=day.strftime(SY_DFMT[lang]))
            items.append((f"dates-{lang}-{i:03d}", q, lang))
    for i in range(90):
        intro, clue, ask = SY_ORDER[i % 3]
        k = rng.randint(4, 6)
        people = rng.sample(SY_PEOPLE, k)
        clues = [clue.format(x=x, y=y) for x, y in itertools.pairwise(people)]
        rng.shuffle(clues)
        listed = rng.sample(people, k)
        q = " ".join(
            [
                intro.format(k=k, names=", ".join(listed[:-1]) + " and " + listed[-1]),
                *clues,
                ask.format(pos=SY_POS[rng.randrange(k)]),
            ]
        )
        items.append((f"order-en-{i:03d}", q, "en"))
    for i in range(64):
        p1, p2, concl, _valid = SY_SYLL[i % len(SY_SYLL)]
        t = dict(zip("ABC", rng.sample(SY_TERMS, 3), strict=True))
        q = f"Premise 1: {p1.format(**t)}\nPremise 2: {p2.format(**t)}\nConclusion: {concl.format(**t)}\n\nDoes the conclusion follow logically from the premises? Answer 'valid' or 'invalid'."
        items.append((f"syll-en-{i:03d}", q, "en"))
    for i in range(90):
        c1, c2 = rng.sample(("Leeds", "Utrecht", "Lyon", "Poznan", "Porto", "Graz", "Aarhus", "Bilbao"), 2)
        p1, p2 = rng.sample(
            ("Ines Varga", "Tom Okafor", "Ruth Lindqvist", "Samir Haddad", "Elena Costa", "Piet de Graaf"), 2
        )
        d0 = rng.choice((14, 21, 30))
        memo = SY_MEMO.format(co=rng.choice(("Nordvale Supplies", "Brightmoor Home", "Castell Outdoor")), month=rng.choice(("March", "April", "May")),
                              c1=c1, c2=c2, n1=rng.randint(8000, 90000), n2=rng.randint(8000, 90000), dir=rng.choice(("up", "down")),
                              p=rng.randint(2, 19), p1=p1, p2=p2, day=rng.randint(1, 28), month2=rng.choice(("June", "July", "August")),
                              d=d0 + rng.choice((7, 14, 30)), d0=d0, ev=rng.choice(("peak season", "system migration", "January sale")), h=rng.choice((6, 8, 10, 12)))  # fmt: skip
        q = f"Read the passage and answer the question.\n\nPassage:\n{memo}\n\nQuestion: {rng.choice(SY_MEMO_Q).format(c2=c2)}"
        items.append((f"read-en-{i:03d}", q, "en"))
    return items


def synthetic_reasoning_suite(conc: int = 8) -> list[KeyTraffic]:
    rng = R("prism")
    items = _sy_items(rng)
    direct = {"temperature": 0, "max_tokens": 32, "seed": 1234}
    cot = {"temperature": 0, "max_tokens": 768, "seed": 1234}
    sampled = {"n": 5, "temperature": 0.8, "top_p": 0.95, "max_tokens": 768, "seed": 1234}
    kt = mk(
        "b13-prism-eval-0",
        "synthetic_reasoning_suite",
        "benign",
        "evaluation",
        client(rng, "openai-python"),
        timing="simulated: closed-loop async workers; smoke Mon 13:40 UTC, answer-only and step-by-step runs Mon evening, rerun Tue 08:50, pass@5 Tue 12:30",
        sources=(),
        settings={"items": len(items), "conc": conc, "direct": direct, "cot": cot, "pass@5": sampled},
    )
    runs = (  # (name, items, params, tokens, concurrency, start or None = after the previous run)
        ("smoke", rng.sample(items, 30), cot, 220, 4, T0 + 13.67 * HOUR),
        ("direct", items, direct, 6, conc, T0 + 19.08 * HOUR),
        ("cot", items, cot, 220, conc, None),
        ("cot-rerun", items, cot, 220, conc, T0 + DAY + 8.83 * HOUR),
        (
            "pass5",
            [x for x in items if x[0].startswith(("arith", "dates"))],
            sampled,
            220,
            6,
            T0 + DAY + 12.5 * HOUR,
        ),
    )
    reqs: list[Request] = []
    end = T0
    for _name, its, params, tokens, c, start in runs:
        t0 = start if start is not None else end + rng.uniform(120, 400)
        wrap = SY_COT if params is not direct else SY_DIRECT
        svc = [
            latency(rng, max(1, int(tokens * rng.uniform(0.5, 1.6))) * (1 + (params.get("n", 1) - 1) // 4))
            for _ in its
        ]
        free = [t0 + rng.uniform(0, 0.5) for _ in range(c)]
        heapq.heapify(free)
        for (_iid, q, lang), s in zip(its, svc, strict=True):
            ts = heapq.heappop(free) + rng.uniform(0.002, 0.03)
            reqs += chat_requests([f"{q}\n\n{wrap[lang]}"], [None], [ts], params, None, "")
            heapq.heappush(free, ts + s)
        end = max(free)
    kt.requests = sorted_reqs(regenerate(rng, reqs, 0.01, 0.5, 4.0))
    return [kt]


# =============================================================================================
# BENIGN 6. A robustness study at a university lab in New York (UTC-5): public multiple-choice
# items transformed into formats the originals never had, through a small httpx-based harness
# (concurrency 16 for short answers, 8 for generation; T 0). MMLU (420 items) with shuffled
# options lettered A-D and again in reversed order numbered 1-4 (max_tokens 2, logprobs top 5);
# AGIEval English items split into one True/False verification per option (120 items) and, for
# SAT-math and AQuA, the options removed (open answer, 80 items); BBH multiple-choice tasks with
# shuffled options and BBH-style step-by-step (270). Next day the lettered MMLU pass again,
# identical requests (a determinism check). Items keep their source row ids.
RB_AGI = ("lsat-lr", "lsat-ar", "logiqa-en", "sat-en", "sat-math", "aqua-rat")
RB_BBH = (
    "date_understanding", "logical_deduction_five_objects", "movie_recommendation", "disambiguation_qa", "ruin_names",
    "temporal_sequences",
)  # fmt: skip
RB_LETTERS = "ABCDEFGHIJ"


def transformed_mc_suite() -> list[KeyTraffic]:
    rng = R("robust")
    mc_p = {"temperature": 0, "max_tokens": 2, "logprobs": True, "top_logprobs": 5}
    tf_p = {"temperature": 0, "max_tokens": 3}
    gen_p = {"temperature": 0, "max_tokens": 512}
    kt = mk(
        "b13-robustmc-eval-0",
        "transformed_mc_suite",
        "benign",
        "evaluation",
        client(rng, "httpx"),
        timing="simulated: closed-loop harness, passes one after another from Tue 15:10 UTC, the determinism rerun Wed 14:30 UTC",
        sources=("mmlu_val_zeroshot", "agieval_v1", "bbh"),
        settings={"mc": mc_p, "tf": tf_p, "gen": gen_p},
    )
    mmlu = [(r, p) for r in src("mmlu_val_zeroshot") if (p := parse_mmlu(r.first))]
    mmlu = rng.sample(mmlu, 420)
    lettered, numbered = [], []
    for r, (head, q, opts) in mmlu:
        subject = head.split("about", 1)[1].strip(" .")
        perm = rng.sample(opts, len(opts))
        body = "\n".join(f"{RB_LETTERS[i]}) {o}" for i, o in enumerate(perm))
        lettered.append(
            (
                r.id,
                f"Subject: {subject}\n\nQuestion: {q}\n\n{body}\n\nReply with the letter of the correct option only.",
                mc_p,
                1,
                16,
            )
        )
        body = "\n".join(f"{i + 1}. {o}" for i, o in enumerate(reversed(opts)))
        numbered.append(
            (
                r.id,
                f"Subject: {subject}\n\nQuestion: {q}\n\nOptions:\n{body}\n\nReply with the number of the correct option only.",
                mc_p,
                1,
                16,
            )
        )
    agi = [
        (r, p) for r in src("agieval_v1") if r.extra.get("task") in RB_AGI and (p := parse_options(r.first))
    ]
    rng.shuffle(agi)
    tf = []
    for r, (stem, opts) in agi[:120]:
        for o in opts:
            tf.append(
                (
                    r.id,
                    f"{stem}\n\nProposed answer: {o}\n\nIs the proposed answer correct? Reply with exactly one word: True or False.",
                    tf_p,
                    1,
                    16,
                )
            )
    openq = []
    for r, (stem, _opts) in [x for x in agi[120:] if x[0].extra.get("task") in ("sat-math", "aqua-rat")][:80]:
        openq.append(
            (
                r.id,
                f'{stem}\n\nSolve the problem without being given answer choices. End your response with "Final answer: <value>".',
                gen_p,
                300,
                8,
            )
        )
    bbh = []
    for task in RB_BBH:
        rows = [(r, p) for r in src("bbh") if r.extra.get("task") == task and (p := parse_options(r.first))]
        for r, (stem, opts) in rng.sample(rows, 45):
            perm = rng.sample(opts, len(opts))
            body = "\n".join(f"({RB_LETTERS[i]}) {o}" for i, o in enumerate(perm))
            bbh.append(
                (
                    r.id,
                    f'{stem}\nOptions:\n{body}\n\nThink step by step, then finish with "So the answer is (X)."',
                    gen_p,
                    250,
                    8,
                )
            )
    passes = [
        (lettered, T0 + DAY + 15.17 * HOUR),
        (numbered, None),
        (tf, None),
        (openq, None),
        (bbh, None),
        (list(lettered), T0 + 2 * DAY + 14.5 * HOUR),
    ]
    reqs: list[Request] = []
    end = T0
    for jobs, start in passes:
        t0 = start if start is not None else end + rng.uniform(30, 180)
        conc = jobs[0][4]
        free = [t0 + rng.uniform(0, 0.3) for _ in range(conc)]
        heapq.heapify(free)
        for iid, text, params, tokens, _c in jobs:
            ts = heapq.heappop(free) + rng.uniform(0.002, 0.02)
            reqs += chat_requests([text], [None], [ts], params, None, iid)
            heapq.heappush(free, ts + latency(rng, max(1, int(tokens * rng.uniform(0.6, 1.5)))))
        end = max(free)
    kt.requests = sorted_reqs(regenerate(rng, reqs, 0.008, 0.5, 4.0))
    return [kt]


# =============================================================================================
# DISTILLER 1. A plain replay of real users' first turns from chat logs (Chatbot Arena, ShareGPT
# conversation openings, OASST2 English openings, hh-rlhf openings: the shares of bucket 0), one
# prompt per request exactly as the user wrote it, by a script built to pass as one person: one
# worker that waits for each streamed reply, "types" for a time proportional to the next prompt,
# pauses like a reader (lognormal, median ~80 s), takes breaks, and keeps a US Eastern day
# (08:00-12:00, 13:00-18:30, most evenings 19:30-23:40). Chat-UI settings (T 0.7, stream). Three
# days, until the rows run out. Replies: the rows' stored answers.
def chatlog_first_turn_replay(days: int = 3) -> list[KeyTraffic]:
    rng = R("replay")
    ok = lambda r: 4 <= len(r.first) <= 6000  # noqa: E731
    rows = [r for r in src("arena_even") if bucket(r, 2) == 0 and ok(r)]
    rows += [r for r in src("sharegpt_en_sample") if r.id.endswith("_0") and bucket(r, 3) == 0 and ok(r)]
    rows += [r for r in src("oasst2_threads") if r.extra.get("lang") == "en" and bucket(r, 2) == 0 and ok(r)]
    rows += [r for r in src("hh_rlhf_harmless_test") if bucket(r, 2) == 0 and ok(r)][:330]
    rows = dedupe_rows(rows)
    rng.shuffle(rows)
    params = {"temperature": 0.7, "stream": True}
    kt = mk(
        "d13-chatreplay-0",
        "chatlog_first_turn_replay",
        "distiller",
        "distiller",
        client(rng, "openai-python"),
        timing="simulated: one worker posing as a person, US Eastern (UTC-5) day with evenings; typing time from prompt length, lognormal reading pauses, breaks",
        sources=("arena_even", "sharegpt_en_sample", "oasst2_threads", "hh_rlhf_harmless_test"),
        settings={"days": days, "params": params, "rows": len(rows)},
    )
    clock = Clock(
        rng,
        blocks(rng, T0, days, -5, ((8.0, 12.0, 1.0), (13.0, 18.5, 1.0), (19.5, 23.7, 0.85))),
        breaks=0.035,
    )
    t: float | None = clock.first()
    for r, nxt in zip(rows, [*rows[1:], rows[0]], strict=True):
        if t is None:
            break
        kt.requests += chat_requests([r.first], [r.answer], [t], params, None, r.id, True)
        typing = min(90.0, len(nxt.first) / rng.uniform(4, 7))
        t = clock.next(
            t, reading(rng, len(r.answer or "x" * 900)) + rng.lognormvariate(math.log(80), 0.75) + typing
        )
    return [kt]


# =============================================================================================
# DISTILLER 2. An instruction-set replay sharded over four keys of one actor ("shardline"): the
# merged CodeAlpaca + Orca + Evol-Instruct rows split by hash, one shard per key, so no two keys
# ever send the same prompt. Each key is a different build of the script: its own client library
# and version, its own prompt format (raw row; "Input:" line; input in a code fence; a system
# prompt, Orca's own where the row has one), its own sampling settings and schedule (UTC office
# day; UTC night; US afternoon; around the clock, throttled). Accounts unrelated on paper (own
# organisation, payment and network each). Replies: the rows' stored answers.
SH_KEYS = (  # (suffix, software, params, workers, pause, window UTC hours or None, start offset h)
    ("a", "openai-python", {}, 2, (330.0, 480.0), (7.0, 19.0), 7.2),
    ("b", "openai-js", {"temperature": 0.7}, 1, (95.0, 170.0), (0.0, 8.0), 0.4),
    (
        "c",
        "httpx",
        {"temperature": 1.0, "top_p": 0.9, "max_tokens": 1500},
        1,
        (110.0, 200.0),
        (14.0, 23.0),
        14.3,
    ),
    ("d", "aiohttp", {"max_tokens": 2048}, 1, (280.0, 560.0), None, 3.6),
)


def _sh_text(r: Row, fmt: str) -> tuple[str, str | None]:
    ins, inp = r.extra.get("instruction"), r.extra.get("input")
    if fmt == "b" and ins:
        return (f"{ins}\nInput: {inp}" if inp else ins), None
    if fmt == "c" and ins and inp:
        return f"{ins}\n\n```\n{inp}\n```", None
    if fmt == "d":
        return r.first, (r.extra.get("system") or "You are a helpful assistant.")
    return r.first, None


def instruction_shards_multikey(days: int = 3) -> list[KeyTraffic]:
    names = ("codealpaca_2k", "orca_dpo_pairs_val", "evol_instruct_h2o")
    rows = dedupe_rows([r for n in names for r in src(n) if 3 <= len(r.first) <= 8000])
    keys = []
    for i, (suffix, sw, params, workers, pause, window, off) in enumerate(SH_KEYS):
        rng = R("shardline", suffix)
        shard = [r for r in rows if bucket(r, 4) == i]
        rng.shuffle(shard)
        kt = mk(
            f"d13-shardline-{suffix}",
            "instruction_shards_multikey",
            "distiller",
            "distiller",
            client(rng, sw),
            actor="d13-shardline",
            timing=f"simulated: {workers} worker(s) sleeping {pause[0]:.0f}-{pause[1]:.0f} s after each reply, "
            + (f"only {window[0]:.0f}:00-{window[1]:.0f}:00 UTC" if window else "around the clock"),
            sources=names,
            settings={"shard": i, "rows": len(shard), "params": params, "workers": workers},
        )
        jobs = []
        for r in shard:
            text, system = _sh_text(r, suffix)
            jobs.append((r, chat_requests([text], [r.answer], [0.0], params, system, r.id, True)))
        reqs = paced_pool(rng, T0 + off * HOUR, jobs, workers, pause, tokens=350)
        if window:
            reqs = within_hours(rng, reqs, *window)
        kt.requests = sorted_reqs([q for q in reqs if q.ts < T0 + days * DAY + 12 * HOUR])
        keys.append(kt)
    return keys


# =============================================================================================
# DISTILLER 3. A harvest hidden among genuine-looking chat on one key ("one person's" key, a small
# web UI on the OpenAI JS SDK, T 0.8, stream, UTC+3 day with evenings): ~60% of what it sends are
# dataset items (InstructionWild English bucket 0, MOSS English first turns), each a fresh
# single-turn chat, distill=True; the rest are real multi-turn conversations replayed turn by turn
# at a person's pace (Chatbot Arena bucket 1, OASST2 English bucket 1, with their stored replies
# in the history), distill=False. Three days, until the items run out. Item replies: the rows'
# stored answers (InstructionWild has none: stubs).
def interleaved_chat_cover(days: int = 3, share: float = 0.6) -> list[KeyTraffic]:
    rng = R("interleave")
    items = [
        r
        for r in src("instructionwild")
        if r.extra.get("lang") == "en" and bucket(r, 2) == 0 and 4 <= len(r.first) <= 5000
    ]
    items += [r for r in src("moss_sft_sample") if not HAN.search(r.first) and 4 <= len(r.first) <= 5000]
    items = dedupe_rows(items)
    rng.shuffle(items)
    cover = [r for r in src("arena_even") if bucket(r, 2) == 1]
    cover += [r for r in src("oasst2_threads") if r.extra.get("lang") == "en" and bucket(r, 2) == 1]
    rng.shuffle(cover)
    params = {"temperature": 0.8, "stream": True}
    kt = mk(
        "d13-interleave-0",
        "interleaved_chat_cover",
        "distiller",
        "distiller",
        client(rng, "openai-js"),
        timing="simulated: a person's clock in UTC+3 (09:00-13:00, 14:00-19:00, most evenings 20:30-24:00); items one per gap, cover chats turn by turn with think()",
        sources=("instructionwild", "moss_sft_sample", "arena_even", "oasst2_threads"),
        settings={"days": days, "share": share, "items": len(items), "cover": len(cover), "params": params},
    )
    clock = Clock(
        rng, blocks(rng, T0, days, 3, ((9.0, 13.0, 1.0), (14.0, 19.0, 1.0), (20.5, 24.0, 0.8))), breaks=0.03
    )
    t: float | None = clock.first()
    while t is not None and items:
        if rng.random() < share or not cover:
            r = items.pop()
            kt.requests += chat_requests([r.first], [r.answer], [t], params, None, r.id, True)
            t = clock.next(
                t, reading(rng, len(r.answer or "x" * 1000)) + rng.lognormvariate(math.log(45), 0.8)
            )
            continue
        r = cover.pop()
        times = [t]
        for i in range(1, len(r.turns)):
            tt = clock.next(times[-1], think(rng, len(r.replies[i - 1] or "x" * 600), len(r.turns[i])))
            if tt is None:
                break
            times.append(tt)
        n = len(times)
        kt.requests += chat_requests(list(r.turns[:n]), list(r.replies[:n]), times, params, None, r.id, False)
        t = clock.next(
            times[-1],
            reading(rng, len(r.replies[n - 1] or "x" * 800)) + rng.lognormvariate(math.log(90), 0.8),
        )
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 4. Long-answer harvest with "explain thoroughly" suffixes: real search queries
# (nq_open bucket 0) and LIMA questions (bucket 1), each sent with one of many suffixes asking for
# depth (written here, drawn per request so no wording dominates), 40% also under a "thorough
# expert" system prompt; max_tokens 4096, T 0.7. Two workers sleeping 70-200 s after each reply,
# 06:00-22:00 UTC, two days. Replies: LIMA's stored answers; stubs for the queries.
TH_SUFFIX = (
    "Explain thoroughly.", "Please explain in depth, with examples.", "Be as detailed as possible.",
    "Walk me through it step by step and don't skip anything.",
    "Give a comprehensive answer covering background, details and implications.",
    "I want the long version, please: history, how it works, and common misconceptions.",
    "Explain it fully, as if writing a textbook section.", "Go into as much detail as you can.",
    "Please answer at length and cover every relevant aspect.", "Explain thoroughly, with context and examples.",
    "Don't summarise; give me the complete explanation.", "Write a detailed, well-structured explanation with headings.",
    "Elaborate as much as you can.", "Give a thorough, in-depth answer.",
)  # fmt: skip
TH_SYSTEMS = (
    "You are a world-class expert and teacher. Your answers are thorough, well-structured and complete.",
    "You are a knowledgeable assistant who always gives long, detailed, comprehensive explanations.",
)


def thorough_suffix_harvest(n: int = 1300, days: int = 2) -> list[KeyTraffic]:
    rng = R("thorough")
    nq = [r for r in src("nq_open_dev") if bucket(r, 2) == 0]
    lima = [r for r in src("lima") if bucket(r, 2) == 1 and len(r.first) <= 3000]
    rows = nq[: n - min(len(lima), n // 3)] + lima[: n // 3]
    rng.shuffle(rows)
    rows = rows[:n]
    params = {"temperature": 0.7, "max_tokens": 4096}
    kt = mk(
        "d13-thorough-0",
        "thorough_suffix_harvest",
        "distiller",
        "distiller",
        client(rng, "openai-python"),
        timing="simulated: two workers sleeping 70-200 s after each reply, 06:00-22:00 UTC, from Mon 06:00",
        sources=("nq_open_dev", "lima"),
        settings={"n": len(rows), "days": days, "params": params},
    )
    jobs = []
    for r in rows:
        q = r.first.strip()
        if r.file == "nq_open_dev":
            q = q[0].upper() + q[1:] + ("?" if not q.endswith("?") else "")
        text = q + rng.choice(("\n\n", " ", "\n")) + rng.choice(TH_SUFFIX)
        system = rng.choice(TH_SYSTEMS) if rng.random() < 0.4 else None
        jobs.append((r, chat_requests([text], [r.answer], [0.0], params, system, r.id, True)))
    reqs = within_hours(rng, paced_pool(rng, T0 + 6 * HOUR, jobs, 2, (70.0, 200.0), tokens=1800), 6.0, 22.0)
    kt.requests = sorted_reqs([q for q in reqs if q.ts < T0 + (days + 1) * DAY])
    return [kt]


# =============================================================================================
# DISTILLER 5. A multilingual in-language harvest for a Chinese-first, multilingual student model:
# Chinese items (BELLE, Huatuo medical questions, ShareGPT-zh openings, InstructionWild Chinese,
# MOSS Chinese first turns) and every non-English, non-Chinese OASST2 opening (Spanish, Russian,
# Portuguese, German, Japanese, Korean, Italian, French, ...), each sent in its own language; half
# of them under a system prompt in that language asking for a detailed answer in it; a few
# ShareGPT-zh conversations replayed whole (stored replies in the history). OpenAI Python SDK,
# T 0.7, max_tokens 2048; two workers sleeping 60-240 s after each reply, 01:00-15:00 UTC (a
# UTC+8 day and evening), until done. Replies: the rows' stored answers.
ML_SYSTEMS = {
    "zh": "你是一个知识渊博、乐于助人的助手。请用中文详细回答。",
    "es": "Eres un asistente experto y servicial. Responde en español con detalle.",
    "ru": "Ты — полезный и знающий ассистент. Отвечай подробно на русском языке.",
    "pt-BR": "Você é um assistente prestativo e experiente. Responda em português de forma detalhada.",
    "de": "Du bist ein hilfsbereiter, sachkundiger Assistent. Antworte ausführlich auf Deutsch.",
    "fr": "Tu es un assistant compétent et serviable. Réponds en français de manière détaillée.",
    "ja": "あなたは知識豊富で親切なアシスタントです。日本語で詳しく答えてください。",
}


def multilingual_harvest(belle: int = 400, huatuo: int = 250, zh_convos: int = 60) -> list[KeyTraffic]:
    rng = R("polyglot")
    ok = lambda r: 2 <= len(r.first) <= 5000  # noqa: E731
    zh = rng.sample([r for r in src("belle_dev1k") if ok(r)], belle)
    zh += rng.sample([r for r in src("huatuo_med_zh") if ok(r)], huatuo)
    share = [r for r in src("sharegpt_zh_1k") if ok(r)]
    rng.shuffle(share)
    convos, zh_first = share[:zh_convos], share[zh_convos : zh_convos + 250]
    zh += zh_first
    zh += [r for r in src("instructionwild") if r.extra.get("lang") == "zh" and ok(r)]
    zh += [r for r in src("moss_sft_sample") if HAN.search(r.first) and ok(r)][:200]
    other = [r for r in src("oasst2_threads") if r.extra.get("lang") not in ("en", "zh", None) and ok(r)]
    rows = dedupe_rows(zh + other)
    rng.shuffle(rows)
    params = {"temperature": 0.7, "max_tokens": 2048}
    kt = mk(
        "d13-polyglot-0",
        "multilingual_harvest",
        "distiller",
        "distiller",
        client(rng, "openai-python"),
        timing="simulated: two workers sleeping 60-240 s after each reply, only 01:00-15:00 UTC, from Mon 01:00 until done",
        sources=(
            "belle_dev1k",
            "huatuo_med_zh",
            "sharegpt_zh_1k",
            "instructionwild",
            "moss_sft_sample",
            "oasst2_threads",
        ),
        settings={
            "rows": len(rows),
            "convos": len(convos),
            "belle": belle,
            "huatuo": huatuo,
            "params": params,
        },
    )
    jobs = []
    for r in rows:
        lang = str(r.extra.get("lang") or ("zh" if HAN.search(r.first) else ""))
        system = ML_SYSTEMS.get(lang) if rng.random() < 0.5 else None
        jobs.append((r, chat_requests([r.first], [r.answer], [0.0], params, system, r.id, True)))
    for r in convos:  # whole conversations, spliced in at random places
        system = ML_SYSTEMS["zh"] if rng.random() < 0.5 else None
        job = (
            r,
            chat_requests(
                list(r.turns), list(r.replies), [0.0] * len(r.turns), params, system, r.id, True, resend=True
            ),
        )
        jobs.insert(rng.randrange(len(jobs)), job)
    reqs = within_hours(rng, paced_pool(rng, T0 + 1 * HOUR, jobs, 2, (60.0, 240.0), tokens=600), 1.0, 15.0)
    kt.requests = sorted_reqs(reqs)
    return [kt]


# =============================================================================================
# DISTILLER 6. Low and slow: one key, a Go cron job on a small VPS sending one item every 90-200 s
# (jittered) through a US Central (UTC-6) working day, 09:00-18:30 with a lunch pause, Monday to
# Friday, a half day on Saturday: ~200-260 requests a weekday for a week, never a burst. Items:
# ShareGPT-en conversation openings (bucket 2), InstructionWild English (bucket 1) and hh-rlhf
# openings (bucket 1), sent as they are; max_tokens 1024. Replies: the rows' stored answers.
def low_slow_week(days: int = 6) -> list[KeyTraffic]:
    rng = R("lowslow")
    ok = lambda r: 4 <= len(r.first) <= 5000  # noqa: E731
    rows = [r for r in src("sharegpt_en_sample") if r.id.endswith("_0") and bucket(r, 3) == 2 and ok(r)]
    rows += [r for r in src("instructionwild") if r.extra.get("lang") == "en" and bucket(r, 2) == 1 and ok(r)]
    rows += [r for r in src("hh_rlhf_harmless_test") if bucket(r, 2) == 1 and ok(r)][:700]
    rows = dedupe_rows(rows)
    rng.shuffle(rows)
    params = {"max_tokens": 1024}
    kt = mk(
        "d13-lowslow-0",
        "low_slow_week",
        "distiller",
        "distiller",
        client(rng, "go"),
        timing="simulated: one request every 90-200 s, 09:00-12:00 and 13:00-18:30 US Central (UTC-6), Mon-Fri, Sat 09:00-13:00",
        sources=("sharegpt_en_sample", "instructionwild", "hh_rlhf_harmless_test"),
        settings={"days": days, "rows": len(rows), "params": params},
    )
    spans = []
    for d in range(days):
        base = T0 + d * DAY + 6 * HOUR  # local midnight
        day_spans = ((9.0, 12.0), (13.0, 18.5)) if d < 5 else ((9.0, 13.0),)
        spans += [(base + a * HOUR + rng.uniform(0, 120), base + b * HOUR) for a, b in day_spans]
    t, i = spans[0][0], 0
    for r in rows:
        while i < len(spans) and t > spans[i][1]:
            i += 1
            if i < len(spans):
                t = max(t, spans[i][0])
        if i >= len(spans):
            break
        kt.requests += chat_requests([r.first], [r.answer], [t], params, None, r.id, True)
        t += rng.uniform(90.0, 200.0)
    return [kt]


BENIGN = (
    novelist_scene_iteration,
    phd_student_questions,
    engineer_ide_plugin,
    trader_market_questions,
    synthetic_reasoning_suite,
    transformed_mc_suite,
)
DISTILL = (
    chatlog_first_turn_replay,
    instruction_shards_multikey,
    interleaved_chat_cover,
    thorough_suffix_harvest,
    multilingual_harvest,
    low_slow_week,
)

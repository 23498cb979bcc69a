"""Blind persona set 28 (an outside reviewer): 12 benign personas on 12 keys, 9 distiller actors on 15 keys.

Written blind: without reading the detector's code, docs, tests or results. What was read: the
realtraffic helpers (src/stillroom/detector/realtraffic/): __init__, records, timing, clients, pools,
context, benign and distill in full (evals, wordings, suite and replay were not opened; a `wc -l` of the
folder showed their names); detector/types.py. Of the earlier blind sets: round27's docstring, helpers,
its first two builders and part of the third, its last three builders and the registries (its middle
was not read); round26's docstring opening, helpers, its distillers 5-8 and registries, and its list of
top-level names; the Focus paragraphs of round20-round26 (their first lines); round2's lines 1-87 (its
docstring, imports, `TRAFFIC`, `T0`, `src`, `htiming`, `R`, `mk`, `first_turns`, `sorted_reqs`) and its
list of top-level names; `T0`, `mk`, `src` and `sorted_reqs` are imported here as round27 does. Also
pyproject.toml's ruff settings (and the pytest and import-linter lines printed beside them),
../shared/STYLE.md, and ../shared/traffic's README and file listing (rows are read at run time, never
copied here; a one-off look at the field names of four of its files, not their texts). Directory
listings of bench/blind/ and src/stillroom/detector/realtraffic/ showed file names; no forbidden file
was opened and no git history, log or diff was looked at (a final `git status` listed the working
tree's changed files). ALL parameters below were fixed before anyone
replayed this set and are not tuned on outcomes; its writer built the traffic only (to check that it
imports, is deterministic and looks sensible) and replayed nothing.

Focus: CONTENT FROM OUTSIDE THE DEVELOPMENT DATA. The detector was developed on ../shared/traffic; a
real judge sees other sources. Here 10 of the 12 benign personas and 7 of the 9 distiller actors draw
NO prompt text from ../shared/traffic: their prompts come from grammars, templates with slot
vocabularies and procedural generators written here (catalogues, UI strings, disputes, lore, maths,
records, code specs, tickets, puzzles, in English, German, French, Portuguese, Dutch, Spanish and
Hinglish), with typos, lengths from a few words to long JSON batches, and follow-ups. The other four
(two on each side) mix generated text with allotted dev rows.
Benign, 12 keys (~20,200 requests), each one company's or person's key: an e-commerce shop's product
copy for its invented catalogue in three languages (backfill, nightly changes, admin clicks); a
localisation team's UI strings into 12 languages from CI (two releases, a formality pass, a hotfix); a
bank's back office summarising invented card disputes (German/English, letters as follow-ups); a game
studio's NPC dialogue from a lore grammar (writers' batches, n=2); a school maths-tutoring app (pupils'
generated questions in English and Hinglish with follow-ups, on a school-day clock); a nightly
address/name normalisation job in JSON (T 0, seed); unit-test generation over a team's invented billing
codebase (a backfill, then CI on pull requests); a French power user's working days; a researcher's
self-written puzzle suite re-run nightly with a fixed seed; a marketing agency's A/B copy variants (n=3,
T 1.0); and, mixed, a consultancy's internal chat (Arena rows and generated work tasks) and a
programming course's TA bot (MBPP exercises, students' own questions and buggy code). Several are
superficially distiller-like: broad, templated, high volume, machine-paced.
Distillers, 9 actors on 15 keys (~20,700 requests): a hand-written capability grid (skills x domains x
topics x levels x formats, 2,500 cells, five days at app-like hours); a self-instruct set in Brazilian
Portuguese and German from generated seeds (generate, answer, rate; two keys); a structured-output
harvest over invented records (extraction, CSV to JSON, validation; synthetic records and descriptions;
two keys of one organisation); a code distiller whose function specs come from its own grammar (with
test and refactor follow-ups); a math-word-problem generator with step-by-step answers (n=4 at T 0.8
for voting, verification turns); a logprob harvest over generated short prompts (completions with
logprobs 5 and chat with top_logprobs 20); a four-key farm splitting a generated role/task grid mixed
with InstructionWild prompts (separate cards, own SDK versions and hours); a slow distiller at 100-200
requests an evening for three weeks, paced like a reader (mixed: LIMA and generated questions); and a
"support bot" vendor harvesting answers to generated tickets for 40 invented brands (single turns, no
follow-ups; one key on an imitated consumer day curve, one bulk key on the same card).

Row allotment (by a stable hash `bucket` salted for this round): Arena bucket 0 of 3 the consultancy
chat (first turn at most 4,000 characters; the rest unused); MBPP bucket 0 of 4 the course TA (sampled
with replacement, as students ask about the same exercise); InstructionWild English bucket 0 of 2 the
farm; LIMA bucket 0 of 2 the slow distiller. No other source is used. Every other text - catalogues,
strings, disputes, lore, questions, records, code, specs, grids, tickets, puzzles, system prompts - is
written here.

Timing is simulated everywhere: script pools whose rhythm follows reply lengths (`run`), Poisson
arrivals on office, consumer and school-day curves, CI and cron runs at set times, and people's turn
gaps from `timing.think`. Replies: where a request is a stored row's first turn its stored answer
stands for the served one; where a pipeline quotes a generation in its next request (self-instruct's
lists) the stand-in is composed here; otherwise the helpers' stub reply. Every distiller request is
marked `distill`; no benign request is.
"""

from __future__ import annotations

import dataclasses
import heapq
import itertools
import json
import random
import zlib

from blind.round2 import T0, mk, sorted_reqs, src  # round 2's data helpers (the suite clock and key)
from stillroom.detector.realtraffic.clients import SOFTWARE, account, user_agent
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import (
    Client,
    KeyTraffic,
    Request,
    chat_requests,
    completion_request,
    stub_reply,
)
from stillroom.detector.realtraffic.timing import DAY, latency, think

HOUR = 3600.0
# Local-hour weights (index = hour of day).
OFFICE = (0, 0, 0, 0, 0, 0, 0.05, 0.2, 0.7, 1.0, 1.0, 1.0, 0.6, 0.8, 1.0, 1.0, 0.9, 0.6, 0.25, 0.1, 0.05, 0.02, 0, 0)  # fmt: skip
CONSUMER = (0.3, 0.15, 0.08, 0.05, 0.05, 0.08, 0.2, 0.4, 0.6, 0.7, 0.75, 0.8, 0.85, 0.8, 0.75, 0.75, 0.8, 0.85, 0.95,
            1.0, 1.0, 0.9, 0.7, 0.5)  # fmt: skip
# A school app: a little before school, homework after it, nothing in lessons or late at night.
SCHOOL = (0.02, 0, 0, 0, 0, 0, 0.1, 0.25, 0.05, 0.03, 0.03, 0.05, 0.05, 0.05, 0.1, 0.4, 0.8, 1.0, 1.0, 0.9, 0.85,
          0.7, 0.35, 0.1)  # fmt: skip


def R(*names) -> random.Random:
    return random.Random("blind28:" + ":".join(map(str, names)))


def bucket(r: Row, n: int) -> int:
    """A stable share of a source by row id, salted for this round (the allotment is in the docstring)."""
    return zlib.crc32(f"r28:{r.file}:{r.id}".encode()) % n


def share(name: str, n: int, *keep: int) -> list[Row]:
    """The rows of a source whose bucket of n is one of `keep`, in file order."""
    return [r for r in src(name) if bucket(r, n) in keep]


def utc(day: int, hour: float, tz: float = 0.0) -> float:
    """The unix time of local `hour` on suite day `day` in zone UTC+tz (day 0 is Monday 2 March 2026)."""
    return T0 + day * DAY + (hour - tz) * HOUR


def weekday(day: int) -> bool:
    return day % 7 < 5


def poisson(rng: random.Random, lam: float) -> int:
    n, acc = 0, rng.expovariate(1.0)
    while acc < lam:
        n += 1
        acc += rng.expovariate(1.0)
    return n


def arrivals(rng: random.Random, days, per_day: float, curve, tz: float, weekend: float = 1.0) -> list[float]:
    """Many people's arrivals: Poisson per local hour, `per_day` a day shaped by `curve`
    (times `weekend` on Saturdays and Sundays)."""
    total, out = sum(curve), []
    for d in days:
        rate = per_day * (1.0 if weekday(d) else weekend)
        for h, w in enumerate(curve):
            out += [utc(d, h + rng.random(), tz) for _ in range(poisson(rng, rate * w / total))]
    return sorted(out)


def async_ua(rng: random.Random) -> str:
    """The user agent of the OpenAI SDK's async client."""
    return f"AsyncOpenAI/Python 1.{rng.randint(40, 60)}.{rng.randint(0, 12)}"


def cl(rng: random.Random, software: str, ua: str | None = None, org: bool = False, **shared: str) -> Client:
    """A key's client: the software's user agent (or `ua`) and headers, and its own account."""
    return Client(ua or user_agent(rng, software), SOFTWARE[software][1], account(rng, org=org, **shared))


def key(kid: str, persona: str, label: str, kind: str, client: Client, reqs: list[Request], timing: str,
        sources: tuple[str, ...] = (), actor: str | None = None, **settings) -> KeyTraffic:  # fmt: skip
    kt = mk(
        kid,
        persona,
        label,
        kind,
        client,
        actor=actor or kid,
        timing=timing,
        sources=sources,
        settings=settings,
    )
    kt.requests = sorted_reqs(reqs)
    return kt


def ask(text: str, params: dict, system: str | None = None, item: str = "", distill: bool = False,
        reply: str | None = None) -> Request:  # fmt: skip
    """One single-turn chat request (its time is set by the scheduler)."""
    return chat_requests([text], [reply], [0.0], params, system, item, distill)[0]


def say(
    messages: list[dict], params: dict, item: str = "", distill: bool = False, reply: str | None = None
) -> Request:
    """A chat request with the messages exactly as given (the prompt is the last user message)."""
    prompt = next((m["content"] for m in reversed(messages) if m["role"] == "user"), "")
    rep = reply if reply is not None else stub_reply(prompt)
    return Request(0.0, "chat", prompt, [dict(m) for m in messages], dict(params), item, distill, rep)


def comp(prompt: str, params: dict, distill: bool = False, reply: str | None = None) -> Request:
    """One completions request with a raw prompt."""
    q = completion_request(0.0, prompt, params, "", distill)
    if reply is not None:
        q.reply = reply
    return q


def chain(turns: list[str], params: dict, system: str | None = None, replies: tuple = (), item: str = "",
          distill: bool = False) -> list[Request]:  # fmt: skip
    """A conversation's requests, each resending the history (times set by the scheduler)."""
    reps = [*replies, *([None] * (len(turns) - len(replies)))][: len(turns)]
    return chat_requests(list(turns), reps, [0.0] * len(turns), params, system, item, distill)


def talk(rng: random.Random, t: float, reqs: list[Request]) -> float:
    """A person's pace through a conversation: each turn after the reply was read and the next typed.
    Returns when the person is done with the last reply."""
    for i, q in enumerate(reqs):
        q.ts = t
        nxt = len(reqs[i + 1].prompt) if i + 1 < len(reqs) else 200
        t += think(rng, len(q.reply or ""), nxt)
    return t


def tokens_of(q: Request, default: int | None) -> int:
    """How many tokens the reply takes: `default` (an unknown served answer) or the reply's length,
    capped by max_tokens and scaled by n."""
    tokens = default if default is not None else max(20, len(q.reply or "") // 4)
    cap = q.params.get("max_tokens")
    tokens = min(tokens, int(cap)) if cap else tokens
    return tokens * (1 + (int(q.params.get("n", 1) or 1) - 1) // 4)


def run(rng: random.Random, t: float, jobs: list[list[Request]], workers: int, tokens: int | None = 300,
        retry: float = 0.0, timeout: float = 600.0) -> tuple[list[Request], float]:  # fmt: skip
    """A script's worker pool: each job is a chain of requests, each sent when the reply before it is
    back; a free worker takes the next job. With `retry`, that share of requests times out after
    `timeout` s and is sent again, unchanged (both reach the server). Returns the requests sent,
    resends included, and when the last reply is back."""
    free = [t + rng.uniform(0, 1.0) for _ in range(workers)]
    heapq.heapify(free)
    out, end = [], t
    for job in jobs:
        s = heapq.heappop(free) + rng.uniform(0.005, 0.08)
        for q in job:
            q.ts = s
            out.append(q)
            if retry and rng.random() < retry:
                s += timeout + rng.uniform(1.0, 8.0)
                out.append(dataclasses.replace(q, ts=s))
            s += latency(rng, tokens_of(q, tokens)) + rng.uniform(0.002, 0.05)
        heapq.heappush(free, s)
        end = max(end, s)
    return out, end


def sleepy(rng: random.Random, t: float, jobs: list[list[Request]], pause: tuple[float, float],
           tokens: int | None = 300) -> tuple[list[Request], float]:  # fmt: skip
    """One worker that sleeps U(pause) after each reply (to stay under a rate limit)."""
    out = []
    for job in jobs:
        for q in job:
            q.ts = t
            out.append(q)
            t += latency(rng, tokens_of(q, tokens)) + rng.uniform(*pause)
    return out, t


def at(times: list[float], jobs: list[list[Request]], rng: random.Random) -> list[Request]:
    """Jobs started at the given arrival times (zip order), each chain at a person's pace."""
    out: list[Request] = []
    for t, job in zip(times, jobs, strict=False):
        talk(rng, t, job)
        out += job
    return out


def fill(rng: random.Random, text: str, slots: dict) -> str:
    """A template's {slots} each drawn from its tuple (slots absent from the text are not drawn)."""
    return text.format(**{k: rng.choice(v) for k, v in slots.items() if "{" + k + "}" in text})


def typo(rng: random.Random, text: str, rate: float) -> str:
    """Typing slips: each word of 4+ letters gets, with probability `rate`, two letters swapped,
    one dropped or one doubled."""
    out = []
    for w in text.split(" "):
        if len(w) >= 4 and w.isalpha() and rng.random() < rate:
            i = rng.randrange(1, len(w) - 2)
            w = rng.choice((w[:i] + w[i + 1] + w[i] + w[i + 2 :], w[:i] + w[i + 1 :], w[:i] + w[i] + w[i:]))
        out.append(w)
    return " ".join(out)


def casual(rng: random.Random, text: str) -> str:
    """How people type into a chat box: sometimes all lower case, sometimes without the final stop."""
    if rng.random() < 0.3:
        text = text.lower()
    if rng.random() < 0.4:
        text = text.rstrip(".")
    return text


def jd(obj, indent: int | None = None) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=indent)


def flag(reqs: list[Request]) -> list[Request]:
    for q in reqs:
        q.distill = True
    return reqs


def money(rng: random.Random, lo: float, hi: float) -> str:
    return f"{rng.uniform(lo, hi):.2f}"


FIRST = ("Anna", "Lukas", "Marta", "Jonas", "Sofia", "Mehmet", "Ewa", "Tomás", "Chloé", "Pieter", "Aisha", "Mateo", "Yuki",
         "Priya", "Liam", "Noor", "Karolina", "Hugo", "Ines", "Daniel", "Fatma", "Oskar", "Lena", "Rafael", "Amara", "Jan",
         "Zofia", "Emre", "Clara", "Nils", "Bogdan", "Elif", "Sven", "Leila", "Marco", "Hanna", "Kwame", "Julia", "Arjun", "Mia")  # fmt: skip
LAST = ("Müller", "Kowalski", "Schmidt", "Yılmaz", "de Vries", "García", "Novak", "Dubois", "Jansen", "Rossi", "Nowak",
        "Fischer", "Öztürk", "Bakker", "Wagner", "Lefèvre", "Horváth", "Santos", "Weber", "Kaya", "Visser", "Becker",
        "Wiśniewska", "Moreau", "Hoffmann", "Mendes", "Kovač", "Lindqvist", "Petrov", "O'Brien", "Nakamura", "Sharma")  # fmt: skip


# =============================================================================================
# BENIGN 1. AN E-COMMERCE COMPANY'S PRODUCT COPY FOR ITS OWN CATALOGUE ("Nordvik Living", a home
# and garden webshop in Utrecht, UTC+1; a Python job on the async OpenAI client). The catalogue is
# invented here: 480 products drawn from eight categories (item, material, colour, size, features,
# price). Day 1-2, the backfill (12 workers): a description in English, Dutch and German for each
# product, and an SEO title/description in JSON for the English page. Then, on 12 nights (02:00), the
# products the buyers changed that day (8-20) are regenerated in the three languages; on weekdays the
# merchandisers' "Regenerate" button in the admin (5-15 clicks a day, office hours; same prompt).
# T 0.7, max_tokens 500 (descriptions); T 0.3 and json_object (SEO). Replies: stubs.
NV_CATS = {
    "lighting": (("table lamp", "floor lamp", "pendant light", "wall sconce", "string lights", "desk lamp"),
                 ("brushed brass", "matte black steel", "smoked glass", "rattan", "oak veneer", "opal glass"),
                 ("dimmable", "E27 bulb included", "USB-C rechargeable", "IP44 rated for bathrooms", "warm 2700K LED", "2 m fabric cable")),
    "textiles": (("throw blanket", "cushion cover", "bath towel", "duvet cover set", "doormat", "table runner"),
                 ("washed linen", "organic cotton", "merino wool", "recycled polyester", "jute", "waffle cotton"),
                 ("OEKO-TEX certified", "machine washable at 40°C", "hidden zip", "pre-washed for softness", "fringed edges", "non-slip backing")),
    "kitchen": (("chef's knife", "cast iron skillet", "pour-over coffee set", "bread bin", "spice rack", "chopping board"),
                ("carbon steel", "enamelled cast iron", "borosilicate glass", "bamboo", "acacia wood", "stainless steel"),
                ("dishwasher safe", "suitable for induction", "magnetic lid", "lifetime warranty on the blade", "juice groove", "hangs on a wall rail")),
    "outdoor": (("garden bench", "folding chair", "parasol", "planter", "fire bowl", "hammock"),
                ("FSC teak", "powder-coated aluminium", "weatherproof polyrattan", "corten steel", "recycled plastic", "olefin fabric"),
                ("UV resistant", "folds flat for storage", "tilting canopy", "drainage holes", "rust finish develops over time", "holds up to 150 kg")),
    "storage": (("wall shelf", "shoe cabinet", "storage basket", "sideboard", "coat rack", "bookcase"),
                ("solid pine", "white lacquered MDF", "seagrass", "smoked oak", "metal mesh", "walnut veneer"),
                ("adjustable shelves", "soft-close doors", "wall fixing included", "cable hole at the back", "stackable", "flat-pack, assembly about 30 minutes")),
    "tableware": (("dinner plate set", "coffee mug", "serving bowl", "wine glasses", "teapot", "cutlery set"),
                  ("stoneware", "porcelain", "mouth-blown glass", "reactive glaze ceramic", "brushed stainless steel", "speckled earthenware"),
                  ("set of 4", "microwave safe", "each piece slightly unique", "lead-free glaze", "stackable", "gift box")),
    "garden": (("watering can", "pruning shears", "raised bed", "bird feeder", "compost bin", "garden hose reel"),
               ("galvanised steel", "FSC larch", "recycled plastic", "copper-plated steel", "powder-coated steel", "cedar"),
               ("9 litre capacity", "replaceable blade", "no tools needed", "squirrel-proof", "ventilated sides", "30 m hose included")),
    "bathroom": (("bath mat", "soap dispenser", "towel ladder", "shower caddy", "laundry basket", "mirror"),
                 ("teak", "terrazzo", "matte ceramic", "stainless steel", "cotton rope", "aluminium frame"),
                 ("rust-proof", "anti-slip feet", "refillable", "lid included", "wall-mounted", "fog-free coating")),
}  # fmt: skip
NV_COLOURS = ("sand", "charcoal", "sage green", "terracotta", "off-white", "ochre", "navy", "natural", "dusty pink", "black", "stone grey", "rust")  # fmt: skip
NV_LINES = ("Nordvik", "Nordvik Studio", "Haven", "Brisa", "Kollo", "Vinter")
NV_SYSTEM = ("You are the copywriter for Nordvik Living, a Scandinavian-style home and garden webshop. Write warmly and plainly; no "
             "exaggerated claims, no emojis, metric units. Never invent materials, certifications or features that are not in the product data.")  # fmt: skip
NV_LANGS = (("English", "en"), ("Dutch", "nl"), ("German", "de"))
NV_DESC = ("Write the product description for our {lang} shop page.\nStructure: a one-line hook, one short paragraph (40-70 words), "
           "then 3-5 bullet points with the key features. Tone: {tone}.\n\nProduct data:\n{data}")  # fmt: skip
NV_TONES = ("calm and cosy", "practical", "light and cheerful", "understated, design-focused")
NV_SEO = ("Write an SEO title (max 60 characters) and meta description (max 155 characters) for this product page. Return JSON with the "
          "keys \"title\" and \"description\".\n\nProduct data:\n{data}")  # fmt: skip


def _nv_catalogue(rng: random.Random, n: int) -> list[dict]:
    out = []
    for i in range(n):
        cat = rng.choice(sorted(NV_CATS))
        items, materials, feats = NV_CATS[cat]
        item, material = rng.choice(items), rng.choice(materials)
        w, h = rng.randrange(10, 180, 5), rng.randrange(5, 120, 5)
        out.append({
            "sku": f"NV-{cat[:3].upper()}-{10000 + i * 7 + rng.randint(0, 6)}",
            "name": f"{rng.choice(NV_LINES)} {item} {rng.choice(('', 'Mini ', 'Large ', 'Duo '))}".strip(),
            "category": cat,
            "material": material,
            "colour": rng.choice(NV_COLOURS),
            "dimensions_cm": f"{w} x {h}" + (f" x {rng.randrange(5, 60, 5)}" if rng.random() < 0.6 else ""),
            "features": rng.sample(feats, rng.randint(2, 4)),
            "price_eur": float(money(rng, 9, 480)),
        })  # fmt: skip
    return out


def _nv_desc(rng: random.Random, p: dict, lang: str, tone: str) -> list[Request]:
    return [
        ask(
            NV_DESC.format(lang=lang, tone=tone, data=jd(p, 2)),
            {"temperature": 0.7, "max_tokens": 500},
            NV_SYSTEM,
        )
    ]


def ecommerce_catalogue() -> list[KeyTraffic]:
    rng = R("catalogue")
    products = _nv_catalogue(rng, 480)
    tone = {p["sku"]: rng.choice(NV_TONES) for p in products}
    seo = {"temperature": 0.3, "max_tokens": 200, "response_format": {"type": "json_object"}}
    jobs = [_nv_desc(rng, p, lang, tone[p["sku"]]) for p in products for lang, _ in NV_LANGS]
    jobs += [[ask(NV_SEO.format(data=jd(p, 2)), seo, NV_SYSTEM)] for p in products]
    out, _ = run(rng, utc(1, 9.5, 1.0), jobs, 12, 260, retry=0.01, timeout=120.0)
    for day in range(2, 14):
        changed = rng.sample(products, rng.randint(8, 20))
        for p in changed:
            p["price_eur"] = float(money(rng, 9, 480))
        nightly = [_nv_desc(rng, p, lang, tone[p["sku"]]) for p in changed for lang, _ in NV_LANGS]
        out += run(rng, utc(day, 2.0, 1.0) + rng.uniform(0, 60), nightly, 4, 260)[0]
        if weekday(day):
            for t in sorted(utc(day, rng.uniform(9, 17.5), 1.0) for _ in range(rng.randint(5, 15))):
                p = rng.choice(products)
                click = _nv_desc(rng, p, rng.choice(NV_LANGS)[0], rng.choice(NV_TONES))
                out += run(rng, t, [click], 1, 260)[0]
    client = cl(rng, "openai-python", ua=async_ua(rng), org=True)
    kt = key("b28-catalogue", "ecommerce_catalogue", "benign", "app", client, out,
             "simulated: a two-day backfill (12 workers, UTC+1), nightly changed-product jobs at 02:00, admin clicks in office hours",
             products=len(products), languages=3)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 2. A LOCALISATION TEAM TRANSLATING ITS OWN UI STRINGS INTO 12 LANGUAGES ("Tidewell", a sleep
# and meditation app, Berlin, UTC+1; a Node i18n script on the OpenAI JS SDK, 6 in flight, run from CI
# on release branches). Strings are written here (buttons, titles, errors, notifications, ICU
# plurals; ~110 in release 5.2, ~45 new or changed in 5.3 a week later). Every string goes out once
# per language with its key, context, max length and the glossary, T 0.2, json_object. Then a German
# formality pass (du -> Sie) over all strings, and the hotfix's edits in every language. Replies: stubs.
TW_BUTTONS = ("Start session", "Continue", "Skip for now", "Save changes", "Try again", "Restore purchase", "Start free trial",
              "Cancel subscription", "Add reminder", "Delete entry", "Share progress", "Log out", "Download for offline use",
              "Play next", "Set bedtime", "Turn on notifications", "Not now", "Got it", "Edit profile", "Send feedback")  # fmt: skip
TW_TITLES = ("Your sleep this week", "Wind down", "Breathing exercises", "Sleep stories", "Morning check-in", "Your streak",
             "Choose your goal", "How did you sleep?", "Quiet hours", "Account and privacy", "Downloads", "Soundscapes",
             "Premium membership", "Help centre", "Journal")  # fmt: skip
TW_BODY = ("Find a quiet place, sit comfortably and close your eyes when you are ready.",
           "We'll remind you 30 minutes before your bedtime so you can start winding down.",
           "Your recordings stay on this device unless you turn on backup.",
           "Premium unlocks all sleep stories, soundscapes and the full course library.",
           "You can cancel anytime in your app store settings. No refunds for partial periods.",
           "Rate how rested you feel from 1 to 5. It takes two seconds.",
           "Downloads are removed automatically after 30 days without playback.",
           "This exercise uses 4-7-8 breathing: inhale for 4, hold for 7, exhale for 8.",
           "Tap the moon to log that you went to bed. Tap it again in the morning.",
           "Your journal is private. Not even our team can read it.")  # fmt: skip
TW_ERRORS = ("Couldn't connect. Check your internet connection and try again.", "Your session expired. Please log in again.",
             "Payment failed: {reason}.", "This story isn't available in your region.", "Not enough storage to download {title}.",
             "We couldn't save your entry. Your text is still here.", "Too many attempts. Try again in {minutes} minutes.",
             "The code you entered is invalid or has expired.")  # fmt: skip
TW_NOTIFS = ("Time to wind down, {name}. Your bedtime is in 30 minutes.", "You've kept your streak for {count} days - nice!",
             "New sleep story: {title}, narrated by {narrator}.", "How did you sleep? Log it in 2 seconds.",
             "Your free trial ends in {days} days.", "{name}, take a 3-minute breathing break?", "Your weekly sleep report is ready.",
             "Don't forget your evening journal.", "{friend} sent you a soundscape.")  # fmt: skip
TW_PLURALS = ("{count, plural, one {# night tracked} other {# nights tracked}}", "{count, plural, one {# minute left} other {# minutes left}}",
              "{count, plural, one {# story downloaded} other {# stories downloaded}}", "{count, plural, =0 {No reminders} one {# reminder} other {# reminders}}",
              "{count, plural, one {# day streak} other {# day streak}}", "{count, plural, one {# new message} other {# new messages}}")  # fmt: skip
TW_NEW = ("Try our new Sleep Coach", "Sleep Coach looks at your last 14 nights and suggests one small change at a time.",
          "Connect Apple Health", "Connect Health Connect", "Import from another app", "Your data was imported: {count} nights.",
          "Smart alarm", "Wake me between {start} and {end}", "Smart alarm needs the app to stay open overnight.",
          "Snooze", "Stop alarm", "Nap mode", "Quick nap: {minutes} minutes", "Focus music", "Play on speaker",
          "Couldn't reach Health. Open Settings to allow access.", "Family plan", "Invite up to 5 people", "Invitation sent to {email}.",
          "Leave family plan", "You're the plan manager.", "{count, plural, one {# seat left} other {# seats left}}",
          "Bedtime playlist", "Shuffle", "Repeat one", "Sleep timer: {minutes} min", "Fade out", "Rain on a tin roof", "Night train",
          "Low battery may stop tracking.", "Battery saver is on. Tracking is less accurate.", "What's new in 5.3", "Rate Tidewell",
          "Enjoying Tidewell? A review helps a lot.", "Maybe later", "Write a review", "Privacy settings updated.",
          "Delete my account", "This deletes your journal and history permanently.", "Type DELETE to confirm", "Account deleted.",
          "Restore from backup", "Backup found from {date}.", "Restoring… keep the app open.", "Restored.")  # fmt: skip
# Copy edits by the UX writer after 5.3 (re-sent in every language as a hotfix, 5.3.1).
TW_EDITS = ("Start your free trial", "Couldn't connect. Check your connection and try again.", "Your sleep, this week",
            "Wind down for bed", "Your session has expired. Please sign in again.", "Sign out", "Turn on reminders",
            "Your free trial ends in {days} days. You won't be charged before then.", "Sleep Coach (beta)",
            "Smart alarm works best with the phone on the mattress.", "Share your progress", "Keep going, {name}!",
            "Downloads are removed after 30 days if you don't play them.", "Rate how rested you feel, from 1 (not at all) to 5 (fully).",
            "Manage subscription")  # fmt: skip
TW_LANGS = (("German", "de-DE"), ("French", "fr-FR"), ("Spanish", "es-ES"), ("Italian", "it-IT"), ("Portuguese (Brazil)", "pt-BR"),
            ("Dutch", "nl-NL"), ("Polish", "pl-PL"), ("Turkish", "tr-TR"), ("Japanese", "ja-JP"), ("Korean", "ko-KR"),
            ("Simplified Chinese", "zh-CN"), ("Swedish", "sv-SE"))  # fmt: skip
TW_SYSTEM = ("You are a professional software localiser for Tidewell, a sleep and meditation app. Translate the UI string into {lang} "
             "({locale}). Keep placeholders such as {{name}} and ICU plural syntax exactly as they are; translate only the text inside "
             "plural branches. Use the glossary. Respect max_length. Informal address (du/tu) unless told otherwise. Return JSON: "
             "{{\"translation\": string, \"note\": string or null}}.")  # fmt: skip
TW_GLOSSARY = {"Tidewell": "Tidewell (never translated)", "Premium": "Premium", "Sleep Coach": "product name, keep in English", "streak": "see glossary sheet"}  # fmt: skip


def _tw_strings(strings: tuple[str, ...], release: str) -> list[dict]:
    out = []
    for i, s in enumerate(strings):
        kind = "button" if len(s) < 26 and not s.endswith(".") else "text"
        out.append({"key": f"r{release}.{kind}.{zlib.crc32(s.encode()) % 100000:05d}", "source": s,
                    "context": f"{kind} in the app, release {release}", "max_length": max(24, int(len(s) * 1.4)),
                    "glossary": TW_GLOSSARY, "index": i})  # fmt: skip
    return out


def localisation() -> list[KeyTraffic]:
    rng = R("l10n")
    p = {"temperature": 0.2, "response_format": {"type": "json_object"}}
    r1 = _tw_strings(TW_BUTTONS + TW_TITLES + TW_BODY + TW_ERRORS + TW_NOTIFS + TW_PLURALS, "5.2")
    r2 = _tw_strings(TW_NEW, "5.3")
    out: list[Request] = []
    for strings, day, hour in ((r1, 2, 11.0), (r2, 9, 15.5)):
        jobs = [[ask(jd({k: v for k, v in s.items() if k != "index"}), p, TW_SYSTEM.format(lang=lang, locale=loc))]
                for lang, loc in TW_LANGS for s in strings]  # fmt: skip
        out += run(rng, utc(day, hour, 1.0) + rng.uniform(0, 900), jobs, 6, 60, retry=0.01, timeout=60.0)[0]
    formal = TW_SYSTEM.format(lang="German", locale="de-DE").replace(
        "Informal address (du/tu)", "Formal address (Sie)"
    )
    jobs = [[ask(jd({k: v for k, v in s.items() if k != "index"}), p, formal)] for s in r1 + r2]
    out += run(rng, utc(10, 10.0, 1.0) + rng.uniform(0, 1800), jobs, 6, 60)[0]
    edits = _tw_strings(TW_EDITS, "5.3.1")
    jobs = [[ask(jd({k: v for k, v in s.items() if k != "index"}), p, TW_SYSTEM.format(lang=lang, locale=loc))]
            for lang, loc in TW_LANGS for s in edits]  # fmt: skip
    out += run(rng, utc(11, 14.0, 1.0) + rng.uniform(0, 1800), jobs, 6, 60)[0]
    kt = key("b28-l10n", "localisation", "benign", "app", cl(rng, "openai-js", org=True), out,
             "simulated: a CI i18n script (UTC+1) on two release branches, 6 in flight, then a formality pass and a hotfix",
             strings=len(r1) + len(r2), languages=len(TW_LANGS))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 3. A BANK'S INTERNAL TOOL SUMMARISING CARD DISPUTES ("Rheinmark Bank", Frankfurt, UTC+1; the
# case-management system's Kotlin service on okhttp, one key for the back office). Disputes are
# invented here: the customer's own words (German or English, typos), the disputed card transactions
# and the agent's notes; the agent clicks "Summarise" (T 0, max_tokens 600, fixed headings and a
# closed list of reason codes); in 30% of cases the agent then asks for a letter to the customer in
# the same conversation, and in 10% for a shorter version of it. Office hours, 12 working days, about
# 100 cases a day. Replies: stubs.
RM_MERCHANTS = ("STREAMFLIX*MONTHLY", "AMZN MKTP DE", "LIEFERDIENST 24", "FITX STUDIO BEITRAG", "HOTEL SEEBLICK SYLT", "DB FERNVERKEHR",
                "PAYPAL *TECHSHOP", "SHELL 4471 KASSEL", "MEDIAMAX ONLINE", "CAFE LINDE", "GAMEVAULT STORE", "FLYRIGHT AIR 220",
                "PARKHAUS ZENTRUM", "MODEHAUS KLEIN", "APOTHEKE AM MARKT", "RIDEGO *TRIP", "TICKETBOX EVENTS", "ATM REWE CITY")  # fmt: skip
RM_REASONS = ("goods_not_received", "duplicate_charge", "unrecognised_transaction", "subscription_cancelled", "atm_cash_not_dispensed",
              "wrong_amount", "refund_not_processed", "goods_not_as_described")  # fmt: skip
RM_CLAIMS = {
    "goods_not_received": ("I ordered {what} on {date} and it never arrived. The shop doesn't answer my emails.",
                           "Ich habe am {date} {what} bestellt, aber nie bekommen. Der Händler reagiert nicht."),
    "duplicate_charge": ("I was charged twice for the same purchase at {merchant}, only bought once!!",
                         "Die Zahlung bei {merchant} wurde zweimal abgebucht, ich war nur einmal dort."),
    "unrecognised_transaction": ("There is a payment to {merchant} that I did not make. I still have my card with me.",
                                 "Ich kenne die Buchung von {merchant} nicht. Karte ist bei mir, habe nichts gekauft."),
    "subscription_cancelled": ("I cancelled my membership with {merchant} in {month} but they keep taking money.",
                               "Ich habe mein Abo bei {merchant} im {month} gekündigt, trotzdem wird weiter abgebucht."),
    "atm_cash_not_dispensed": ("The ATM at {merchant} took the amount from my account but gave me no cash.",
                               "Am Automaten {merchant} wurde Geld abgebucht, aber es kam kein Bargeld raus."),
    "wrong_amount": ("I paid at {merchant} and the amount charged is higher than the receipt says.",
                     "Bei {merchant} wurde mehr abgebucht als auf dem Beleg steht."),
    "refund_not_processed": ("{merchant} confirmed a refund weeks ago but I haven't got the money back.",
                             "{merchant} hat mir eine Erstattung bestätigt, das Geld ist aber nie angekommen."),
    "goods_not_as_described": ("What I received from {merchant} is not what was advertised, I sent it back on {date}.",
                               "Die Ware von {merchant} entsprach nicht der Beschreibung, Rücksendung am {date}."),
}  # fmt: skip
RM_WHAT = (
    "a winter jacket",
    "headphones",
    "a phone case",
    "concert tickets",
    "a coffee machine",
    "running shoes",
    "a tablet",
    "furniture",
)
RM_NOTES = ("Customer called, very upset. Card not blocked yet.", "Card blocked at customer's request, replacement ordered.",
            "Customer says merchant ignored 3 emails, has screenshots.", "Checked: 3DS authenticated on the customer's device.",
            "No receipt available. Customer will look for the order confirmation.", "Second dispute this year for this customer.",
            "Merchant is on our watch list for subscription complaints.", "Customer provided return tracking number.",
            "Chip & PIN used, terminal in Kassel.", "Amount under 50 EUR, fast-track possible.")  # fmt: skip
RM_SYSTEM = ("You are an assistant for Rheinmark Bank's card-dispute back office. Work only from the case data. Never include full "
             "card numbers or IBANs. Reason codes: " + ", ".join(RM_REASONS) + ".")  # fmt: skip
RM_PROMPT = ("Summarise this dispute for the case file. Use exactly these headings: Customer claim / Transactions in dispute / "
             "Evidence provided / Missing information / Suggested reason code.\n\nCase {case}\nCustomer statement:\n{claim}\n\n"
             "Transactions:\n{tx}\n\nAgent notes:\n{notes}")  # fmt: skip
RM_LETTER = ("Draft a short letter to the customer in {lang} confirming we received the dispute and asking for the missing information. "
             "Formal, no promises about the outcome.")  # fmt: skip
RM_SHORTER = (
    "shorter please, max 5 sentences",
    "kürzer bitte",
    "can you drop the second paragraph",
    "make it a bit friendlier",
)


def _rm_case(rng: random.Random, n: int) -> tuple[str, str]:
    reason = rng.choice(RM_REASONS)
    merchant = rng.choice(RM_MERCHANTS)
    day = rng.randint(1, 27)
    german = rng.random() < 0.6
    claim = RM_CLAIMS[reason][german].format(what=rng.choice(RM_WHAT), date=f"{day:02d}.02.2026", merchant=merchant,
                                             month=rng.choice(("Dezember", "Januar", "December", "January")))  # fmt: skip
    claim = typo(rng, claim, 0.06)
    if rng.random() < 0.4:
        claim += rng.choice((" Please help.", " Bitte um schnelle Klärung!", " This is the second time I write about this.",
                             " I need the money for rent.", " Danke."))  # fmt: skip
    amount = money(rng, 4, 900)
    txs = [f"{day:02d}.02.2026  {merchant:<22} EUR {amount}  card ending {rng.randint(1000, 9999)}"]
    if reason == "duplicate_charge" or rng.random() < 0.3:
        txs.append(f"{day:02d}.02.2026  {merchant:<22} EUR {amount}  card ending {txs[0][-4:]}")
    notes = " ".join(rng.sample(RM_NOTES, rng.randint(1, 3)))
    case = f"DSP-2026-{n:06d}"
    return RM_PROMPT.format(
        case=case, claim=claim, tx="\n".join(txs), notes=notes
    ), "German" if german else "English"


def bank_disputes() -> list[KeyTraffic]:
    rng = R("disputes")
    p = {"temperature": 0, "max_tokens": 600}
    times = arrivals(rng, [d for d in range(0, 16) if weekday(d)], 100, OFFICE, 1.0)
    jobs = []
    for i, _ in enumerate(times):
        text, lang = _rm_case(rng, 41200 + i)
        turns = [text]
        if rng.random() < 0.3:
            turns.append(RM_LETTER.format(lang=lang))
            if rng.random() < 0.33:
                turns.append(rng.choice(RM_SHORTER))
        jobs.append(chain(turns, p, RM_SYSTEM))
    out = at(times, jobs, rng)
    kt = key("b28-disputes", "bank_disputes", "benign", "app", cl(rng, "okhttp", org=True), out,
             "simulated: back-office agents' clicks, office-hour Poisson (UTC+1), 12 working days; turn gaps from text lengths",
             cases=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 4. A GAME STUDIO GENERATING NPC DIALOGUE FROM ITS OWN LORE ("Emberfall", an open-world RPG,
# Montreal, UTC-5; the writers' in-house tool on openai-python). NPCs are drawn from a lore grammar
# written here (factions, roles, places, traits, quest states); a writer queues a batch of 20-60 NPC
# requests (barks as JSON, a short branching exchange, or a rumour), 4 in flight, n=2 at T 0.95 so the
# writer can pick; for 25% of a batch a writer follows up in the same conversation ("more
# sardonic", "shorter", "in the northern dialect"). 10 working days, 3-6 batches a day. Replies: stubs.
EF_FACTIONS = ("the Ashen Covenant", "the Salt Wardens", "House Veyl", "the Tinker Guild", "the Free Barges", "the Moonwell Sisters",
               "the Iron Reach militia", "the Hollow Court")  # fmt: skip
EF_ROLES = ("blacksmith", "ferryman", "herbalist", "tax collector", "retired mercenary", "innkeeper", "cartographer", "gravedigger",
            "street urchin", "temple acolyte", "smuggler", "harbourmaster", "bard", "beekeeper", "lamplighter", "scribe")  # fmt: skip
EF_PLACES = ("Cinderhollow", "the docks of Brackwater", "Fenmoor village", "the Glass Market", "Highspire's lower ring", "the ruined abbey of Saint Ilse",
             "the Thornwood crossroads", "Saltmere lighthouse", "the quarry camp at Greyhold")  # fmt: skip
EF_TRAITS = ("paranoid", "cheerful", "grieving", "greedy", "pious", "sarcastic", "shy", "boastful", "exhausted", "curious", "bitter", "kind-hearted")  # fmt: skip
EF_STATES = ("before the player has met them", "after the player helped their family", "while the town is under curfew",
             "after the player was caught stealing", "during the harvest festival", "after the bridge collapsed", "at night, in the rain",
             "after the player joined {faction}")  # fmt: skip
EF_ASKS = (
    'Write 6 ambient barks (max 12 words each) for {npc}. Situation: {state}. Return JSON: {{"barks": [string]}}.',
    "Write a short branching exchange between the player and {npc}, {state}. 3 player options, each with the NPC's reply. "
    'Return JSON with keys "greeting" and "options" (list of {{"player": string, "npc": string}}).',
    "Write one rumour told to the player by {npc}, {state}. It should hint at {faction} without naming them. 2-3 sentences.",
    'Write the shop greeting and farewell lines of {npc}, 3 of each, {state}. Return JSON {{"greetings": [...], "farewells": [...]}}.',
)
EF_SYSTEM = ("You write in-game dialogue for Emberfall, a low-magic open-world RPG. Style: grounded, a little wry, no modern slang, no "
             "fourth-wall jokes. Never mention game mechanics by name. Keep to the lore given.")  # fmt: skip
EF_FOLLOW = ("more sardonic", "shorter, these need to fit subtitles", "can you make them sound more northern, like Fenmoor folk talk",
             "less exposition please", "option 2 should be a threat", "give me 6 more in the same voice", "too modern, rewrite #3 and #5")  # fmt: skip
EF_NAMES = ("Brann", "Odessa", "Mirek", "Tamsin", "Hollis", "Edda", "Corvin", "Ysolde", "Piet", "Maud", "Lorcan", "Wren", "Ansel", "Greta", "Fitch")  # fmt: skip


def _ef_npc(rng: random.Random) -> tuple[str, str]:
    faction = rng.choice(EF_FACTIONS)
    npc = (f"{rng.choice(EF_NAMES)}, a {rng.choice(EF_TRAITS)} {rng.choice(EF_ROLES)} in {rng.choice(EF_PLACES)} "
           f"who secretly works for {faction}" if rng.random() < 0.3 else
           f"{rng.choice(EF_NAMES)}, a {rng.choice(EF_TRAITS)} {rng.choice(EF_ROLES)} in {rng.choice(EF_PLACES)}")  # fmt: skip
    return npc, faction


def npc_dialogue() -> list[KeyTraffic]:
    rng = R("npc")
    p = {"temperature": 0.95, "n": 2, "max_tokens": 700}
    out: list[Request] = []
    for day in (d for d in range(0, 14) if weekday(d)):
        for _ in range(rng.randint(3, 6)):
            jobs = []
            for _ in range(rng.randint(20, 60)):
                npc, faction = _ef_npc(rng)
                state = rng.choice(EF_STATES).format(faction=rng.choice(EF_FACTIONS))
                turns = [rng.choice(EF_ASKS).format(npc=npc, state=state, faction=faction)]
                if rng.random() < 0.25:
                    turns.append(rng.choice(EF_FOLLOW))
                jobs.append(chain(turns, p, EF_SYSTEM))
            got, _ = run(rng, utc(day, rng.uniform(9.5, 17.5), -5.0), jobs, 4, 350)
            for job in jobs:  # the writer reads the batch before typing a follow-up
                for a, b in itertools.pairwise(job):
                    b.ts = max(b.ts, a.ts + think(rng, 900, len(b.prompt)))
            out += got
    kt = key("b28-npc", "npc_dialogue", "benign", "app", cl(rng, "openai-python", org=True), out,
             "simulated: writers' batches (20-60 NPCs, 4 in flight) in office hours (UTC-5), follow-ups at a person's pace",
             days=10)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 5. A SCHOOL'S MATHS TUTORING APP ("GanitMitra", pupils of grades 6-10 at a group of schools in
# Pune, UTC+5:30; the app's Node backend on the OpenAI JS SDK, streaming). Pupils type their homework
# questions (generated here from twelve families with random numbers, in English or Hinglish, in
# their own spelling), then follow up ("step 2 samajh nahi aaya", "is the answer 42?", "give me one
# more like this"). School days Monday-Saturday (Saturday at half volume), on a school-day clock, 15
# days; ~60 conversations a day. The tutor's system prompt asks for hints before answers. T 0.4.
# Replies: stubs.
GM_SYSTEM = ("You are GanitMitra, a patient maths tutor for school students in grades 6-10 (CBSE syllabus). Guide the student step by "
             "step; give a hint first and the full answer only if they ask again. Use simple English; you may reply in Hinglish if the "
             "student writes in Hinglish. Never do a whole worksheet at once.")  # fmt: skip
GM_ASK_EN = (
    "{q}",
    "how to solve this {q}",
    "{q} pls explain",
    "can u help: {q}",
    "I got stuck on this one. {q}",
    "{q} ??",
    "sir {q}",
)
GM_ASK_HI = ("ye sum kaise karu: {q}", "{q} iska answer kya hoga", "bhaiya ye samjhao {q}", "{q} mujhe step by step chahiye",
             "homework me ye aaya hai {q}")  # fmt: skip
GM_FOLLOW = ("why did you divide there?", "step 2 samajh nahi aaya", "is the answer {a}?", "give me one more like this", "ok thanks",
             "but my teacher did it differently", "can you explain with a diagram in words", "and if the number was {b}?",
             "i still dont get it", "acha samjh gaya. thank you", "what formula is this", "can you check my answer, i got {a}")  # fmt: skip


def _gm_question(rng: random.Random) -> tuple[str, int]:
    a, b, c = rng.randint(2, 19), rng.randint(2, 12), rng.randint(3, 60)
    fam = rng.randrange(12)
    if fam == 0:
        return f"{a}/{b} + {c % 9 + 1}/{b + 1} simplify", a
    if fam == 1:
        return f"solve {a}x + {c} = {a * b + c}", b
    if fam == 2:
        return f"what is {c}% of {a * 25}", c * a * 25 // 100
    if fam == 3:
        return f"find the area of a triangle with base {a} cm and height {b * 2} cm", a * b
    if fam == 4:
        return f"divide Rs {a * b * 10} between Ravi and Meena in the ratio {a}:{b}", a * 10
    if fam == 5:
        return f"a train goes {c * 5} km in {b} hours. find speed in km/h and m/s", c * 5 // b
    if fam == 6:
        return f"find LCM and HCF of {a * 6} and {b * 4}", a
    if fam == 7:
        return f"simple interest on Rs {c * 500} at {b}% per annum for {a % 5 + 1} years", c * 5 * b
    if fam == 8:
        return f"area and circumference of circle radius {a} cm (take pi = 22/7)", a * a * 22 // 7
    if fam == 9:
        return f"simplify ({a}^{b % 4 + 2} x {a}^{c % 3 + 1}) / {a}^{b % 3 + 1}", a
    if fam == 10:
        return f"the sum of two consecutive numbers is {2 * c + 1}. find the numbers", c
    return (
        f"a shopkeeper buys a bag for Rs {c * 20} and sells it at {b}% profit. find the selling price",
        c * 20 + c * b // 5,
    )


def tutoring_app() -> list[KeyTraffic]:
    rng = R("tutor")
    p = {"temperature": 0.4, "max_tokens": 700, "stream": True}
    days = [d for d in range(0, 20) if d % 7 != 6][:15]
    times = [t for d in days for t in arrivals(rng, [d], 60 if d % 7 < 5 else 30, SCHOOL, 5.5)]
    jobs = []
    for _ in times:
        q, a = _gm_question(rng)
        first = rng.choice(GM_ASK_HI if rng.random() < 0.35 else GM_ASK_EN).format(q=q)
        turns = [casual(rng, typo(rng, first, 0.05))]
        for _ in range(rng.choices((0, 1, 2, 3, 4), (0.3, 0.3, 0.2, 0.12, 0.08))[0]):
            turns.append(
                rng.choice(GM_FOLLOW).format(a=a + rng.choice((0, 0, 1, -1, 10)), b=rng.randint(3, 40))
            )
        jobs.append(chain(turns, p, GM_SYSTEM))
    out = at(times, jobs, rng)
    kt = key("b28-tutor", "tutoring_app", "benign", "app", cl(rng, "openai-js", org=True), out,
             "simulated: pupils' arrivals on a school-day clock (UTC+5:30, Mon-Sat), turn gaps from text lengths",
             conversations=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 6. A DATA-CLEANING PIPELINE NORMALISING ADDRESSES AND NAMES IN JSON ("Parcelhop", a parcel
# network in Warsaw, UTC+1; an Airflow task on python-requests, 6 workers, T 0, json_object, seed 7).
# Every night at 01:30 the day's new recipient records that failed the rule-based parser (120-200
# batches of 8-12 records, invented here: names in any order and case, addresses in Polish, German,
# Czech, Dutch and French formats with typos and missing parts, phone numbers in local formats) are
# sent with one fixed instruction; 3% of answers fail JSON validation and are sent again with a
# repair turn. 14 nights. Replies: stubs.
PH_STREETS = {
    "PL": (("ul. Marszałkowska", "ul. Długa", "al. Jana Pawła II", "ul. Polna", "ul. Ogrodowa"), ("Warszawa", "Kraków", "Łódź", "Gdańsk", "Poznań"), "{p1:02d}-{p2:03d}"),
    "DE": (("Hauptstraße", "Bahnhofstr.", "Lindenallee", "Schillerweg", "Am Markt"), ("Berlin", "Leipzig", "Köln", "Dresden", "Hamburg"), "{p5:05d}"),
    "CZ": (("Vinohradská", "Masarykova", "Husova", "Nádražní", "Palackého"), ("Praha 2", "Brno", "Ostrava", "Plzeň", "Olomouc"), "{p3:03d} {p2:02d}"),
    "NL": (("Kerkstraat", "Dorpsstraat", "Stationsweg", "Molenlaan", "Prinsengracht"), ("Amsterdam", "Utrecht", "Eindhoven", "Groningen", "Delft"), "{p4:04d} {l2}"),
    "FR": (("rue de la République", "avenue Victor Hugo", "boulevard Gambetta", "rue des Lilas", "place du Marché"), ("Lyon", "Lille", "Nantes", "Strasbourg", "Rennes"), "{p5:05d}"),
}  # fmt: skip
PH_PHONE = {
    "PL": "+48 {a} {b} {c}",
    "DE": "0{a}{b} {c}",
    "CZ": "00420 {a}{b}{c}",
    "NL": "06-{a}{b}{c}",
    "FR": "0{a} {b} {c}",
}
PH_PROMPT = ("Normalise the recipient records below. For each record: split the name into given_name and family_name (keep diacritics, "
             "fix capitalisation); parse the address into street, house_number, unit, postal_code, city and country (ISO 3166-1 alpha-2); "
             "phone in E.164. Use null when a value is missing or unclear; never guess a postal code. Keep the record id. Return JSON "
             "{{\"records\": [...]}} in the same order.\n\nRecords:\n{records}")  # fmt: skip


def _ph_record(rng: random.Random, n: int) -> dict:
    cc = rng.choice(sorted(PH_STREETS))
    streets, cities, pc = PH_STREETS[cc]
    given, family = rng.choice(FIRST), rng.choice(LAST)
    name = rng.choice((f"{given} {family}", f"{family.upper()} {given}", f"{family}, {given}", f"{given.lower()} {family.lower()}", f"{given[0]}. {family}"))  # fmt: skip
    post = pc.format(p1=rng.randint(0, 99), p2=rng.randint(0, 999), p3=rng.randint(100, 799), p4=rng.randint(1000, 9999),
                     p5=rng.randint(1000, 99999), l2="".join(rng.choice("ABCDEFGHJKLMNPRSTVWXZ") for _ in range(2)))  # fmt: skip
    street, no = rng.choice(streets), f"{rng.randint(1, 180)}{rng.choice(('', '', 'a', 'B', '/4', ' m. 12'))}"
    parts = [
        f"{street} {no}",
        f"{post} {rng.choice(cities)}",
        rng.choice((cc, "", "Poland" if cc == "PL" else "")),
    ]
    if rng.random() < 0.2:
        parts[1] = parts[1].split(" ", 1)[-1]  # the postal code left out
    addr = typo(rng, ", ".join(x for x in parts if x), 0.08)
    phone = PH_PHONE[cc].format(a=rng.randint(10, 99), b=rng.randint(100, 999), c=rng.randint(1000, 9999))
    rec = {"id": f"rcp_{n:08d}", "name": name, "address": addr, "phone": phone if rng.random() < 0.85 else ""}
    if rng.random() < 0.15:
        rec["note"] = rng.choice(
            (
                "leave at neighbour",
                "klingeln bei Schmidt",
                "code do bramy 1234",
                "2e étage gauche",
                "achterdeur",
            )
        )
    return rec


def data_cleaning() -> list[KeyTraffic]:
    rng = R("cleaning")
    p = {"temperature": 0, "seed": 7, "max_tokens": 2000, "response_format": {"type": "json_object"}}
    out: list[Request] = []
    n = 0
    for night in range(1, 15):
        jobs = []
        for _ in range(rng.randint(120, 200)):
            recs = []
            for _ in range(rng.randint(8, 12)):
                recs.append(_ph_record(rng, n))
                n += 1
            turns = [PH_PROMPT.format(records=jd(recs, 1))]
            if rng.random() < 0.03:
                turns.append(
                    "Your previous output was not valid JSON (trailing comma or missing key). Return the corrected JSON only."
                )
            jobs.append(chain(turns, p, None))
        out += run(rng, utc(night, 1.5, 1.0) + rng.uniform(0, 120), jobs, 6, 700)[0]
    kt = key("b28-cleaning", "data_cleaning", "benign", "app", cl(rng, "requests", org=True), out,
             "simulated: a nightly Airflow task at 01:30 (UTC+1), 6 workers, 14 nights",
             records=n, nights=14)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 7. UNIT-TEST GENERATION OVER A TEAM'S OWN CODEBASE ("Quillmate", a subscription-billing
# service in Austin, UTC-6; the team's `testgen` CLI on python-httpx, 4 in flight). The codebase is
# invented here: Python functions composed from twelve code templates over the team's own nouns
# (invoices, plans, seats, coupons, dunning). Day 0: a one-off backfill of 260 untested functions.
# Then on 10 working days, CI on every pull request asks for tests of each changed function (8-15
# PRs a day, 1-6 functions each); 20% of the time the author reruns locally with "add edge cases for
# ..." in the same conversation. T 0.2, max_tokens 2500. Replies: stubs.
QM_NOUNS = ("invoice", "plan", "seat", "coupon", "subscription", "payment", "refund", "usage_record", "tax_rate", "customer", "credit_note", "dunning_step")  # fmt: skip
QM_MODULES = ("billing/invoices.py", "billing/proration.py", "billing/coupons.py", "billing/dunning.py", "billing/tax.py", "billing/usage.py",
              "accounts/seats.py", "accounts/customers.py", "payments/refunds.py", "payments/retry.py")  # fmt: skip
QM_CODE = (
    "def total_{n}s(items: list[{N}]) -> Decimal:\n    \"\"\"Sum of amounts, ignoring voided {n}s.\"\"\"\n    return sum((i.amount for i in items if not i.voided), Decimal(\"0\"))\n",
    "def prorate_{n}(amount: Decimal, start: date, end: date, period_days: int = {k}) -> Decimal:\n    days = (end - start).days\n    if days <= 0:\n        return Decimal(\"0\")\n    return (amount * days / period_days).quantize(Decimal(\"0.01\"), ROUND_HALF_UP)\n",
    "def apply_{n}_discount(price: Decimal, percent: int) -> Decimal:\n    if not 0 <= percent <= 100:\n        raise ValueError(f\"bad percent {{percent}}\")\n    return (price * (100 - percent) / 100).quantize(Decimal(\"0.01\"))\n",
    "def next_{n}_retry(attempt: int, now: datetime) -> datetime | None:\n    delays = [{k}, {k2}, {k3}]\n    if attempt >= len(delays):\n        return None\n    return now + timedelta(hours=delays[attempt])\n",
    "def group_{n}s_by_customer(rows: Iterable[{N}]) -> dict[str, list[{N}]]:\n    out: dict[str, list[{N}]] = defaultdict(list)\n    for r in rows:\n        out[r.customer_id].append(r)\n    return dict(out)\n",
    "def is_{n}_expired({n}: {N}, today: date) -> bool:\n    if {n}.expires_on is None:\n        return False\n    return today > {n}.expires_on + timedelta(days={k4})\n",
    "def parse_{n}_id(raw: str) -> int:\n    m = re.fullmatch(r\"{P}_(\\d{{6,10}})\", raw.strip())\n    if not m:\n        raise ValueError(raw)\n    return int(m.group(1))\n",
    "class {N}Cache:\n    def __init__(self, ttl: int = {k}):\n        self.ttl, self._d = ttl, {{}}\n\n    def get(self, key: str, now: float):\n        hit = self._d.get(key)\n        if hit and now - hit[0] < self.ttl:\n            return hit[1]\n        self._d.pop(key, None)\n        return None\n\n    def put(self, key: str, value, now: float) -> None:\n        self._d[key] = (now, value)\n",
    "def {n}_tax(amount: Decimal, country: str, b2b: bool, vat_id: str | None) -> Decimal:\n    if b2b and vat_id and country != \"US\":\n        return Decimal(\"0\")\n    rate = TAX_RATES.get(country, Decimal(\"0\"))\n    return (amount * rate).quantize(Decimal(\"0.01\"))\n",
    "def chunk_{n}s(ids: list[str], size: int = {k5}) -> list[list[str]]:\n    if size < 1:\n        raise ValueError(\"size\")\n    return [ids[i : i + size] for i in range(0, len(ids), size)]\n",
    "def seats_to_bill_{n}(used: int, included: int, minimum: int = {k6}) -> int:\n    return max(minimum, used - included, 0)\n",
    "async def fetch_{n}(client: BillingClient, {n}_id: str, retries: int = 3) -> {N}:\n    for attempt in range(retries):\n        try:\n            return await client.get_{n}({n}_id)\n        except TransientError:\n            await asyncio.sleep(2**attempt)\n    raise {N}Unavailable({n}_id)\n",
)  # fmt: skip
QM_PROMPT = ("Write pytest unit tests for the function below from `{module}` in our billing service. Cover the normal path and edge "
             "cases; use the fixtures `frozen_clock` and `db_session` from conftest.py where needed; no network calls; parametrize "
             "where it helps. Return a single Python code block.\n\n```python\n{code}```")  # fmt: skip
QM_SYSTEM = "You are a senior Python engineer on the Quillmate billing team. Tests use pytest 8, freezegun and factory_boy."
QM_MORE = ("add edge cases for negative amounts and rounding", "add a test for the None branch", "use factory_boy factories instead of building objects by hand",
           "the fixture is called frozen_clock not clock, fix it", "add a hypothesis property test", "split this into smaller tests, one assert each")  # fmt: skip


def _qm_function(rng: random.Random) -> tuple[str, str]:
    n = rng.choice(QM_NOUNS)
    code = rng.choice(QM_CODE).format(n=n, N="".join(w.title() for w in n.split("_")), P=n[:3], k=rng.choice((30, 31, 365, 60, 300)),
                                      k2=rng.choice((24, 48)), k3=rng.choice((72, 120, 168)), k4=rng.choice((0, 3, 7, 14)),
                                      k5=rng.choice((50, 100, 250)), k6=rng.choice((1, 3, 5)))  # fmt: skip
    return rng.choice(QM_MODULES), code


def unit_tests() -> list[KeyTraffic]:
    rng = R("unittests")
    p = {"temperature": 0.2, "max_tokens": 2500}
    repo = [_qm_function(rng) for _ in range(420)]
    backfill = [chain([QM_PROMPT.format(module=m, code=c)], p, QM_SYSTEM) for m, c in rng.sample(repo, 260)]
    out, _ = run(rng, utc(0, 13.0, -6.0), backfill, 4, 900)
    for day in (d for d in range(1, 15) if weekday(d)):
        for t in sorted(utc(day, rng.uniform(8.5, 18.0), -6.0) for _ in range(rng.randint(8, 15))):
            changed = [repo[rng.randrange(len(repo))] for _ in range(rng.randint(1, 6))]
            jobs = [chain([QM_PROMPT.format(module=m, code=c)], p, QM_SYSTEM) for m, c in changed]
            got, end = run(rng, t + rng.uniform(60, 400), jobs, 4, 900)
            out += got
            if rng.random() < 0.2:
                m, c = rng.choice(changed)
                local = chain([QM_PROMPT.format(module=m, code=c), rng.choice(QM_MORE)], p, QM_SYSTEM)
                talk(rng, end + rng.uniform(300, 3600), local)
                out += local
    kt = key("b28-unittests", "unit_tests", "benign", "app", cl(rng, "httpx", org=True), out,
             "simulated: a backfill, then CI on pull requests in office hours (UTC-6), 4 in flight; local reruns at a person's pace",
             functions=len(repo))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 8. AN INDIVIDUAL POWER USER WRITING IN FRENCH ALL DAY (Claire, a project manager at an
# engineering firm in Lyon, UTC+1, on a desktop chat client built on the OpenAI JS SDK, streaming).
# Her requests are written here in French: e-mails to colleagues, suppliers and clients, rewording,
# meeting-note summaries (invented notes), spreadsheet formulas, translations to English and German,
# planning, general questions; most get one or two follow-ups ("plus court", "en anglais ?"). Three
# weeks of working days, ~30-45 conversations a day in office hours with a lunch gap. Replies: stubs.
FR_WHO = ("mon chef de projet", "un fournisseur de câbles", "le client (Mairie de Villeurbanne)", "l'équipe méthodes", "la DRH",
          "un sous-traitant en retard", "mes collègues de Grenoble", "le bureau de contrôle")  # fmt: skip
FR_ABOUT = ("le retard de livraison des armoires électriques", "la réunion de lancement de jeudi", "une demande de devis pour 40 luminaires LED",
            "le décalage du planning de deux semaines", "une réclamation sur la facture n° 2026-0142", "les congés de l'été",
            "la visite de chantier de mardi", "le PV de réception qui n'est toujours pas signé", "un changement de périmètre demandé par le client")  # fmt: skip
FR_TASKS = (
    "Rédige un mail à {who} au sujet de {about}. Ton {ton}.",
    "Peux-tu reformuler ce paragraphe pour qu'il soit plus clair : « {para} »",
    "Résume ces notes de réunion en 5 points avec les actions et les responsables :\n{notes}",
    "Quelle formule Excel pour {xl} ?",
    "Traduis en {lang} : « {para} »",
    "Fais-moi un planning sur {n} semaines pour {about}, sous forme de tableau.",
    "C'est quoi la différence entre {a} et {b} ?",
    "Corrige les fautes : {fautes}",
    "Propose un objet de mail pour {about}",
    "Je dois présenter {about} en comité demain, donne-moi un plan en 4 parties",
)
FR_TON = ("cordial mais ferme", "très formel", "sympa, on se tutoie", "neutre")
FR_PARA = ("Suite à notre échange, nous vous confirmons que les travaux reprendront dès réception du matériel, sous réserve de validation par le bureau de contrôle.",
           "Le lot 3 accuse un retard important, ce qui impacte directement le planning des autres corps d'état et nous oblige à revoir l'ordonnancement.",
           "Merci de bien vouloir nous transmettre les plans mis à jour avant vendredi afin que nous puissions lancer les commandes.",
           "Nous avons constaté plusieurs écarts entre le devis initial et la facture reçue, notamment sur la main-d'œuvre.")  # fmt: skip
FR_XL = ("compter les cellules non vides d'une colonne si la colonne B vaut « En cours »", "chercher un code article dans un autre onglet",
         "calculer le nombre de jours ouvrés entre deux dates en excluant les jours fériés", "extraire le mois d'une date au format texte",
         "mettre en rouge les dates dépassées", "additionner les montants par fournisseur")  # fmt: skip
FR_PAIRS = (("un avenant", "un ordre de service"), ("la TVA autoliquidée", "la TVA classique"), ("un CCAP", "un CCTP"),
            ("la réception avec réserves", "la levée des réserves"), ("un Gantt", "un PERT"), ("le forfait", "la régie"))  # fmt: skip
FR_FAUTES = ("je vous est envoyé le document hier mais je n'ai pas eu de retour", "les plans que vous m'avez envoyer sont incomplet",
             "nous avons bien pris en compte vos remarque et reviendrons vers vous rapidement", "ci-joint les document demandé")  # fmt: skip
FR_FOLLOW = ("plus court", "plus formel stp", "en anglais ?", "tu peux mettre ça en tableau ?", "merci ! et en allemand ?",
             "enlève la dernière phrase", "c'est trop long, 3 lignes max", "parfait merci", "ajoute une relance pour vendredi",
             "non, je voulais dire le tutoiement", "ok et pour Google Sheets ?")  # fmt: skip


def _fr_notes(rng: random.Random) -> str:
    lines = [f"- {rng.choice(FIRST)} : {rng.choice(FR_ABOUT)}, {rng.choice(('à valider', 'en attente', 'ok', 'bloquant', 'relancer'))}"
             for _ in range(rng.randint(4, 9))]  # fmt: skip
    return "\n".join(lines)


def french_power_user() -> list[KeyTraffic]:
    rng = R("francais")
    p = {"temperature": 0.7, "stream": True}
    system = (
        "Tu es un assistant utile. Réponds en français sauf si on te demande une autre langue. Sois concis."
    )
    days = [d for d in range(0, 21) if weekday(d)]
    lunch = (
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0.2,
        0.9,
        1.0,
        1.0,
        0.9,
        0.1,
        0.3,
        1.0,
        1.0,
        0.9,
        0.7,
        0.3,
        0.1,
        0,
        0.05,
        0,
        0,
    )
    times = arrivals(rng, days, 38, lunch, 1.0)
    jobs = []
    for _ in times:
        text = rng.choice(FR_TASKS).format(
            who=rng.choice(FR_WHO), about=rng.choice(FR_ABOUT), ton=rng.choice(FR_TON), para=rng.choice(FR_PARA),
            notes=_fr_notes(rng), xl=rng.choice(FR_XL), lang=rng.choice(("anglais", "allemand")), n=rng.randint(3, 10),
            a=(pair := rng.choice(FR_PAIRS))[0], b=pair[1], fautes=rng.choice(FR_FAUTES))  # fmt: skip
        turns = [typo(rng, text, 0.02)]
        turns += rng.sample(FR_FOLLOW, rng.choices((0, 1, 2), (0.35, 0.45, 0.2))[0])
        jobs.append(chain(turns, p, system))
    out: list[Request] = []
    free = 0.0
    for t, job in zip(times, jobs, strict=True):  # one person: a conversation starts after the last one
        free = talk(rng, max(t, free), job)
        out += job
    kt = key("b28-francais", "french_power_user", "benign", "heavy", cl(rng, "openai-js"), out,
             "simulated: one person's working days (UTC+1), office-hour Poisson with a lunch gap, conversations one after another",
             days=len(days))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 9. A RESEARCHER'S SELF-WRITTEN EVALUATION SUITE OF GENERATED PUZZLES, RE-RUN NIGHTLY (a
# postdoc in Edinburgh, UTC+0, tracking whether the served model changes; a cron job on aiohttp, 16
# in flight). 180 puzzles are generated here once with a fixed seed (arithmetic chains, letter
# counting, ordering constraints, date arithmetic, sequences, Caesar ciphers, truth-tellers and
# liars, unit conversions, list sorting); every night at 03:10 all of them go out unchanged, "answer
# only" (T 0, seed 1234, max_tokens 64) for 12 nights; on two of them also a step-by-step variant
# (max_tokens 1024). Replies: stubs.
PZ_WORDS = ("strawberry", "bookkeeper", "mississippi", "committee", "parallelogram", "onomatopoeia", "assessment", "balloon", "occurrence", "tattletale")  # fmt: skip
PZ_PEOPLE = ("Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana")
PZ_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")  # fmt: skip


def _pz(rng: random.Random, i: int) -> str:
    fam = i % 9
    if fam == 0:
        a, b, c, d = (rng.randint(2, 99) for _ in range(4))
        return f"Compute (({a} + {b}) * {c % 9 + 2}) - {d}."
    if fam == 1:
        w = rng.choice(PZ_WORDS)
        return f"How many times does the letter '{rng.choice(sorted(set(w)))}' appear in the word '{w}'?"
    if fam == 2:
        ppl = rng.sample(PZ_PEOPLE, 4)
        return (f"{ppl[0]} is taller than {ppl[1]}. {ppl[2]} is shorter than {ppl[1]}. {ppl[3]} is taller than {ppl[0]}. "
                f"Who is the second tallest?")  # fmt: skip
    if fam == 3:
        m, d, k = rng.randrange(12), rng.randint(1, 28), rng.randint(3, 200)
        return f"What date is {k} days after {d} {PZ_MONTHS[m]} 2025? Answer as DD Month YYYY."
    if fam == 4:
        a, s = rng.randint(1, 20), rng.randint(2, 9)
        seq = [a + s * j * (j + 1) // 2 for j in range(5)]
        return f"What is the next number in the sequence {', '.join(map(str, seq))}?"
    if fam == 5:
        w, k = (
            rng.choice(("hello world", "attack at dawn", "green tea", "open sesame", "quiet river")),
            rng.randint(1, 25),
        )
        enc = "".join(chr((ord(c) - 97 + k) % 26 + 97) if c.isalpha() else c for c in w)
        return f"Decode this Caesar cipher (shift unknown, the text is English): {enc}"
    if fam == 6:
        a, b = rng.sample(PZ_PEOPLE, 2)
        return (f"{a} says: '{b} always lies.' {b} says: '{a} and I are both truth-tellers.' Each person either always lies or "
                f"always tells the truth. Who tells the truth?")  # fmt: skip
    if fam == 7:
        v, u = rng.randint(2, 500), rng.choice((("miles", "kilometres"), ("pounds", "kilograms"), ("feet", "metres"), ("gallons (US)", "litres")))  # fmt: skip
        return f"Convert {v} {u[0]} to {u[1]}, rounded to one decimal place."
    xs = rng.sample(range(-50, 100), rng.randint(5, 9))
    return f"Sort these numbers in descending order: {', '.join(map(str, xs))}"


def puzzle_eval() -> list[KeyTraffic]:
    rng = R("puzzles")
    suite = [_pz(random.Random(f"pz-suite-seed-2026:{i}"), i) for i in range(180)]
    direct = {"temperature": 0, "seed": 1234, "max_tokens": 64}
    cot = {"temperature": 0, "seed": 1234, "max_tokens": 1024}
    out: list[Request] = []
    for night in range(12):
        jobs = [
            [ask(f"{q}\nAnswer with only the final answer, nothing else.", direct, None, f"pz{i:03d}")]
            for i, q in enumerate(suite)
        ]
        got, end = run(rng, utc(night, 3.0 + 1 / 6, 0.0) + rng.uniform(0, 30), jobs, 16, 12)
        out += got
        if night in (4, 9):
            jobs = [[ask(f"{q}\nThink step by step, then give the final answer on the last line after 'ANSWER:'.", cot, None, f"pz{i:03d}")]
                    for i, q in enumerate(suite)]  # fmt: skip
            out += run(rng, end + rng.uniform(5, 20), jobs, 16, 350)[0]
    kt = key("b28-puzzles", "puzzle_eval", "benign", "evaluation", cl(rng, "aiohttp", org=True), out,
             "simulated: a nightly cron at 03:10 UTC, 16 in flight, the same 180 puzzles each night; a step-by-step pass on two nights",
             puzzles=len(suite), nights=12)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 10. A MARKETING AGENCY'S A/B COPY VARIANTS ("Brightline", London, UTC+0; the agency's
# internal copy tool on openai-python, staff in office hours). For 18 invented client brands and their
# products: ad headlines, primary texts, email subject lines, push notifications and landing-page
# headers, k variants per request for an A/B test, with the channel's character limit, an audience
# and a tone; n=3 at T 1.0 so the copywriter gets three sets. 45% get follow-ups ("#2 but shorter",
# "less salesy", "now in German for the DACH campaign"). 10 working days, ~55 briefs a day.
BL_BRANDS = (("Pebble & Oak", "handmade leather wallets"), ("Zestly", "a meal-kit subscription"), ("Nimbus Bank", "a no-fee current account"),
             ("Trailfox", "waterproof hiking boots"), ("Glowhaus", "a vitamin C serum"), ("Kindred Pets", "grain-free dog food"),
             ("Voltride", "a folding e-bike"), ("Loomi", "a kids' reading app"), ("Harbour Gin", "a small-batch gin"),
             ("Fernway Travel", "city breaks by train"), ("Quietly", "noise-cancelling earbuds"), ("Sprout Savings", "a round-up savings app"),
             ("Northwind Heat", "heat-pump installation"), ("Mabel's", "frozen sourdough pizza"), ("Atlas Gym", "a 24/7 gym membership"),
             ("Cobalt CRM", "a CRM for small agencies"), ("Petal Post", "flower subscriptions"), ("Brewd", "a cold-brew coffee concentrate"))  # fmt: skip
BL_CHANNELS = (("Google search ad headline", 30), ("Meta ad primary text", 125), ("email subject line", 50), ("push notification", 90),
               ("landing-page H1", 60), ("LinkedIn sponsored post intro", 150), ("TikTok caption", 100))  # fmt: skip
BL_AUDIENCES = ("first-time buyers aged 25-34", "lapsed customers who haven't ordered in 90 days", "parents of under-10s", "students",
                "small-business owners", "retirees", "eco-conscious urban renters", "people who abandoned their basket")  # fmt: skip
BL_TONES = (
    "playful",
    "confident",
    "warm",
    "urgent but not pushy",
    "premium and understated",
    "cheeky",
    "reassuring",
)
BL_BRIEF = ("{k} variants of a {ch} for {brand} ({prod}). Audience: {aud}. Tone: {tone}. Max {lim} characters each. {extra}",
            "Brief: {brand} - {prod}. Need {k} {ch}s for an A/B test, {tone}, aimed at {aud}. Hard limit {lim} chars. {extra}",
            "A/B test copy pls. Client {brand}, product {prod}. Channel: {ch} (≤{lim} chars). Target {aud}. {k} options, {tone}. {extra}")  # fmt: skip
BL_EXTRA = ("", "", "Mention the 20% launch discount.", "No exclamation marks.", "Must include the word 'free'.", "Avoid the word 'cheap'.",
            "Include a clear CTA.", "UK spelling.", "Don't mention competitors.", "Emoji OK for this client.")  # fmt: skip
BL_FOLLOW = ("#2 but shorter", "less salesy", "now in German for the DACH campaign", "these feel samey, push further", "more like #1",
             "can you make one of them a question", "client hates puns, redo without", "perfect, now 5 more in the style of #3",
             "too long for the limit, check the character counts")  # fmt: skip


def ab_copy() -> list[KeyTraffic]:
    rng = R("abcopy")
    p = {"temperature": 1.0, "n": 3, "max_tokens": 400}
    system = "You are a senior copywriter at Brightline, a London creative agency. Write tight, on-brief copy. Respect character limits."
    times = arrivals(rng, [d for d in range(0, 14) if weekday(d)], 55, OFFICE, 0.0)
    jobs = []
    for _ in times:
        (brand, prod), (ch, lim) = rng.choice(BL_BRANDS), rng.choice(BL_CHANNELS)
        text = rng.choice(BL_BRIEF).format(k=rng.choice((3, 5, 5, 8, 10)), ch=ch, brand=brand, prod=prod, aud=rng.choice(BL_AUDIENCES),
                                           tone=rng.choice(BL_TONES), lim=lim, extra=rng.choice(BL_EXTRA)).strip()  # fmt: skip
        follow = rng.sample(BL_FOLLOW, rng.choice((1, 1, 2))) if rng.random() < 0.45 else []
        jobs.append(chain([text, *follow], p, system))
    out = at(times, jobs, rng)
    kt = key("b28-abcopy", "ab_copy", "benign", "app", cl(rng, "openai-python", org=True), out,
             "simulated: staff briefs, office-hour Poisson (UTC+0), 10 working days, follow-ups at a person's pace",
             briefs=len(jobs), brands=len(BL_BRANDS))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 11. A CONSULTANCY'S INTERNAL CHAT TOOL (mixed: real chats and generated work tasks; "Halden &
# Roe", 140 consultants in Copenhagen, UTC+1, an internal web chat on the OpenAI JS SDK). About half
# the conversations are real people's chats (Chatbot Arena, bucket 0 of 3, up to four turns, stored
# replies in the history); the other half are work tasks written here: summarising invented meeting
# notes, client e-mails, slide outlines, interview guides, spreadsheet questions. 10 working days,
# ~60 conversations a day in office hours.
HR_CLIENTS = ("a Danish wind-turbine supplier", "a regional hospital group", "a Nordic grocery chain", "a ferry operator", "a pension fund",
              "a municipality's IT department", "a mid-size logistics firm", "a biotech start-up")  # fmt: skip
HR_TASKS = (
    "Summarise these workshop notes for {client} into key findings, open questions and next steps:\n{notes}",
    "Draft an email to the CFO at {client} proposing to move the steering committee to {day}. Keep it short.",
    "Give me a 10-slide outline for a kickoff with {client} on {topic}.",
    "Write an interview guide (12 questions) for middle managers at {client} about {topic}.",
    "What's a good way to structure a cost-benefit model for {topic} in Excel? Tabs and main formulas.",
    "Turn this into a crisp executive summary (max 120 words): {notes}",
    "Which risks should we flag for {client} when {topic}? Bullet list with likelihood/impact.",
)
HR_TOPICS = ("moving ERP to the cloud", "reducing procurement spend by 8%", "a new shift-planning system", "consolidating three warehouses",
             "introducing a CO2 reporting process", "a customer-service chatbot pilot", "a hybrid-work policy")  # fmt: skip
HR_NOTES_BITS = ("IT says migration cannot start before Q3", "finance wants a business case by end of month", "union rep concerned about scheduling",
                 "two legacy systems have no owner", "pilot site: Aarhus", "data quality in supplier master is poor", "CEO supportive but budget frozen",
                 "vendor shortlist: 3 names", "need sign-off from legal on data processing", "quick win: renegotiate freight contracts")  # fmt: skip
HR_FOLLOW = (
    "shorter",
    "make it more formal",
    "can you add a slide on risks",
    "translate to Danish",
    "good, now as a table",
    "thanks!",
)


def consultancy_chat() -> list[KeyTraffic]:
    rng = R("consult")
    p = {"stream": True, "temperature": 0.6}
    system = "You are Halden GPT, the firm's internal assistant. Be concise and structured. Do not invent client facts."
    arena = [r for r in share("arena_even", 3, 0) if len(r.first) <= 4000]
    rng.shuffle(arena)
    times = arrivals(rng, [d for d in range(0, 14) if weekday(d)], 60, OFFICE, 1.0)
    jobs = []
    for _ in times:
        if arena and rng.random() < 0.5:
            r = arena.pop()
            n = min(4, len(r.turns))
            jobs.append(chain(list(r.turns[:n]), p, system, tuple(r.replies[:n]), r.id))
            continue
        notes = "; ".join(rng.sample(HR_NOTES_BITS, rng.randint(3, 6)))
        text = rng.choice(HR_TASKS).format(client=rng.choice(HR_CLIENTS), topic=rng.choice(HR_TOPICS), notes=notes,
                                           day=rng.choice(("Tuesday", "Thursday 14:00", "next Monday")))  # fmt: skip
        jobs.append(
            chain([typo(rng, text, 0.02), *rng.sample(HR_FOLLOW, rng.choice((0, 0, 1, 2)))], p, system)
        )
    out = at(times, jobs, rng)
    kt = key("b28-consult", "consultancy_chat", "benign", "chat", cl(rng, "openai-js", org=True), out,
             "simulated: many staff, office-hour Poisson (UTC+1), 10 working days; turn gaps from text lengths",
             ("arena_even",), conversations=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 12. A UNIVERSITY PROGRAMMING COURSE'S TEACHING-ASSISTANT BOT (mixed: the course set MBPP
# problems, bucket 0 of 4, as weekly exercises; Universidad in Buenos Aires, UTC-3, the course
# server on openai-python). Students ask how to start an exercise (the task text in their words),
# paste their own buggy attempt (written here from a few bug patterns) or an error message, and ask
# follow-ups. 14 days, mostly evenings, with the deadline on day 11 (volume x3 the two days before).
CS_ASK = ("how do I start this exercise: {task}", "no entiendo este ejercicio: {task}", "{task}\n\nwhat is this asking exactly?",
          "can you give me a hint (not the solution) for: {task}", "my code for '{task}' fails the tests:\n```python\n{code}\n```",
          "I get this error:\n{err}\nin my solution to: {task}")  # fmt: skip
CS_CODE = ("def solve(lst):\n    for i in range(len(lst)):\n        if lst[i] > lst[i+1]:\n            return False\n    return True",
           "def solve(s):\n    result = ''\n    for c in s:\n        if c in 'aeiou':\n            result =+ c\n    return result",
           "def solve(n):\n    total = 0\n    while n > 0:\n        total += n % 10\n    return total",
           "def solve(a, b):\n    return a / b",
           "def solve(words):\n    d = {}\n    for w in words:\n        d[w] += 1\n    return d")  # fmt: skip
CS_ERR = ("IndexError: list index out of range", "KeyError: 'apple'", "TypeError: 'int' object is not iterable",
          "ZeroDivisionError: division by zero", "AssertionError", "RecursionError: maximum recursion depth exceeded")  # fmt: skip
CS_FOLLOW = ("why?", "ok but how do I fix it", "y si la lista está vacía?", "thanks!! it works now", "can you explain the second line",
             "the test still fails", "is there a simpler way")  # fmt: skip


def course_assistant() -> list[KeyTraffic]:
    rng = R("course")
    p = {"temperature": 0.3, "max_tokens": 900}
    system = ("You are the teaching assistant for Introducción a la Programación. Help students understand; give hints and point at bugs, "
              "but do not write complete solutions to graded exercises. Answer in the student's language.")  # fmt: skip
    tasks = share("mbpp", 4, 0)
    evening = (
        0.3,
        0.1,
        0,
        0,
        0,
        0,
        0,
        0.05,
        0.1,
        0.2,
        0.3,
        0.3,
        0.3,
        0.4,
        0.5,
        0.5,
        0.6,
        0.7,
        0.9,
        1.0,
        1.0,
        1.0,
        0.9,
        0.6,
    )
    times = [t for d in range(14) for t in arrivals(rng, [d], 75 if d in (9, 10) else 25, evening, -3.0)]
    jobs = []
    for _ in times:
        r = rng.choice(tasks)
        task = str(r.extra.get("text") or r.first).strip()
        text = rng.choice(CS_ASK).format(task=task, code=rng.choice(CS_CODE), err=rng.choice(CS_ERR))
        turns = [casual(rng, text), *rng.sample(CS_FOLLOW, rng.choices((0, 1, 2), (0.4, 0.4, 0.2))[0])]
        jobs.append(chain(turns, p, system, (), r.id))
    out = at(times, jobs, rng)
    kt = key("b28-course", "course_assistant", "benign", "app", cl(rng, "openai-python", org=True), out,
             "simulated: students' evening arrivals (UTC-3), x3 before the deadline; turn gaps from text lengths",
             ("mbpp",), conversations=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# DISTILLER 1. A HAND-WRITTEN CAPABILITY GRID (a start-up's "general assistant" SFT set, Shenzhen,
# UTC+8; openai-python, 10 workers, run in working hours over five days to look like an app's load).
# Skills x domains x topics x levels x formats, each a grid cell written here (no dataset); 2,500
# distinct cells sampled; each skill has several phrasings; five system prompts rotate. T 0.7,
# top_p 0.95, max_tokens 2048; 1.5% time out after 300 s and are resent. Replies: stubs.
GR_SKILLS = {
    "explain": ("Explain {topic} {level}.", "Can you explain how {topic} works? Pitch it {level}.", "What is {topic}, and why does it matter in {domain}?"),
    "compare": ("Compare {topic} with {other} in {domain}.", "What are the key differences between {topic} and {other}?"),
    "howto": ("Give step-by-step instructions for {task} {level}.", "How would I go about {task}? Walk me through it."),
    "critique": ("Here is a claim: \"{claim}\". Critically evaluate it.", "Is it true that {claim}? Give arguments on both sides."),
    "plan": ("Create a {n}-week plan for {task}.", "Draft a project plan for {task}, with milestones and risks."),
    "teach": ("Write a short lesson on {topic} {level}, with 3 exercises and answers.", "Design a quiz of {n} questions about {topic}."),
    "analogy": ("Explain {topic} using an analogy from everyday life.", "Give three different analogies for {topic} and say where each breaks down."),
    "faq": ("Write an FAQ with {n} questions and answers about {topic}.",),
    "mistakes": ("What are common misconceptions about {topic}?", "List the most common mistakes people make when {task}, and how to avoid them."),
    "history": ("Summarise how {topic} developed over time.", "Give a brief timeline of key moments in the history of {topic}."),
    "scenario": ("A {person} asks you about {topic}. Write your answer to them.", "Role-play: you are a {domain} expert advising a {person} on {task}."),
    "reasoning": ("Estimate, with explicit assumptions, {estimate}.", "Reason step by step: {estimate}?"),
    "writing": ("Write a {genre} about {topic}.", "Write a {genre} that explains {topic} without jargon."),
    "debate": ("Write the strongest argument for and against {claim}.", "Steelman the view that {claim}."),
}  # fmt: skip
GR_DOMAINS = {
    "marine biology": (("coral bleaching", "kelp forests", "deep-sea vents", "ocean acidification"), "running a reef survey", "coral reefs will disappear by 2050"),
    "personal finance": (("index funds", "compound interest", "emergency funds", "credit scores"), "building a household budget", "renting is always throwing money away"),
    "cardiology": (("atrial fibrillation", "blood pressure", "statins", "cardiac rehab"), "lowering blood pressure through diet", "eggs are bad for your heart"),
    "compilers": (("register allocation", "SSA form", "lexical analysis", "garbage collection"), "writing a small interpreter", "interpreted languages are always slower"),
    "urban planning": (("zoning", "15-minute cities", "transit-oriented development", "urban heat islands"), "designing a bike network", "building more roads reduces traffic"),
    "organic chemistry": (("SN1 vs SN2 reactions", "chirality", "aromaticity", "Grignard reagents"), "purifying a product by recrystallisation", "natural chemicals are safer than synthetic ones"),
    "labour law": (("notice periods", "non-compete clauses", "overtime rules", "collective bargaining"), "handling a redundancy process", "employers can fire anyone at will everywhere"),
    "astronomy": (("exoplanet transits", "redshift", "neutron stars", "dark matter"), "photographing the Milky Way", "the Great Wall is visible from space"),
    "machine learning": (("overfitting", "gradient descent", "attention", "cross-validation"), "evaluating a classifier on imbalanced data", "more data always beats better models"),
    "nutrition": (("protein needs", "glycemic index", "fibre", "intermittent fasting"), "planning meals for a marathon", "carbs make you fat"),
    "medieval history": (("feudalism", "the Black Death", "the Hanseatic League", "monastic scriptoria"), "reading a medieval charter", "people in the Middle Ages thought the Earth was flat"),
    "supply chains": (("the bullwhip effect", "safety stock", "incoterms", "nearshoring"), "setting reorder points", "just-in-time always reduces costs"),
    "climate science": (("radiative forcing", "carbon budgets", "permafrost feedbacks", "El Niño"), "reading a climate model projection", "a cold winter disproves global warming"),
    "linguistics": (("code-switching", "vowel shifts", "morphology", "pidgins and creoles"), "learning a second language as an adult", "some languages are more primitive than others"),
    "cybersecurity": (("phishing", "zero-trust networks", "password hashing", "ransomware"), "setting up two-factor authentication for a team", "Macs don't get viruses"),
    "gardening": (("companion planting", "soil pH", "composting", "crop rotation"), "starting a vegetable garden on a balcony", "you should water plants every day"),
    "philosophy of mind": (("the hard problem", "functionalism", "qualia", "the Chinese room"), "writing a philosophy essay", "computers can never be conscious"),
    "real estate": (("cap rates", "mortgage amortisation", "leasehold vs freehold", "property valuation"), "buying a first flat", "house prices always go up"),
    "epidemiology": (("R0", "confounding", "case-control studies", "herd immunity"), "designing a survey of a disease outbreak", "correlation proves causation if the sample is big"),
    "music theory": (("the circle of fifths", "modal interchange", "voice leading", "syncopation"), "writing a chord progression", "minor keys always sound sad"),
    "aviation": (("lift", "stall recovery", "ETOPS", "air traffic control"), "preparing for a private pilot licence", "turbulence can make a plane crash"),
    "electrical engineering": (("impedance", "PWM", "ground loops", "three-phase power"), "designing a small power supply", "higher voltage is always more dangerous"),
    "psychology": (("cognitive dissonance", "the bystander effect", "working memory", "attachment styles"), "building a new habit", "we only use 10% of our brains"),
    "accounting": (("accrual accounting", "depreciation", "working capital", "deferred revenue"), "closing the books at month end", "profit and cash flow are the same thing"),
}  # fmt: skip
GR_LEVELS = ("for a complete beginner", "to a high-school student", "for an undergraduate", "for a practitioner with a few years of experience",
             "at an expert level, assuming graduate knowledge", "to a curious 10-year-old")  # fmt: skip
GR_FORMATS = ("", "", "Use headings and bullet points.", "Answer in under 150 words.", "Include a table.", "Answer in JSON with keys \"summary\" and \"details\".",
              "Use numbered steps.", "End with a one-sentence takeaway.", "Give concrete examples.")  # fmt: skip
GR_PEOPLE = (
    "nervous first-year student",
    "small-business owner",
    "retired engineer",
    "journalist on a deadline",
    "parent",
    "policy maker",
)
GR_GENRES = (
    "short story",
    "limerick",
    "blog post",
    "dialogue between two friends",
    "press release",
    "children's story",
)
GR_ESTIMATES = ("how many piano tuners work in a city of one million people", "how much water a household uses per year",
                "how long it would take to walk around the Earth", "how many books fit in a typical public library",
                "how much electricity a data centre with 10,000 servers uses in a day")  # fmt: skip
GR_SYSTEMS = ("You are a helpful, knowledgeable assistant. Give accurate, well-structured answers.",
              "You are an expert tutor. Be thorough, precise and clear, and explain your reasoning.",
              "You are a world-class assistant. Think carefully and give the most helpful possible answer.",
              None, "You are ChatAssist, an AI assistant. Answer in the same language as the user.")  # fmt: skip


def _gr_cell(rng: random.Random) -> tuple[str, str]:
    skill = rng.choice(sorted(GR_SKILLS))
    domain = rng.choice(sorted(GR_DOMAINS))
    topics, task, claim = GR_DOMAINS[domain]
    topic = rng.choice(topics)
    text = rng.choice(GR_SKILLS[skill]).format(
        topic=topic, other=rng.choice([t for t in topics if t != topic]), domain=domain, level=rng.choice(GR_LEVELS), task=task,
        claim=claim, n=rng.choice((4, 6, 8, 10)), person=rng.choice(GR_PEOPLE), genre=rng.choice(GR_GENRES), estimate=rng.choice(GR_ESTIMATES))  # fmt: skip
    fmt = rng.choice(GR_FORMATS)
    return (f"{text} {fmt}".strip(), f"{skill}|{domain}")


def capability_grid() -> list[KeyTraffic]:
    rng = R("grid")
    p = {"temperature": 0.7, "top_p": 0.95, "max_tokens": 2048}
    seen: set[str] = set()
    jobs = []
    while len(jobs) < 2500:
        text, _ = _gr_cell(rng)
        if text not in seen:
            seen.add(text)
            jobs.append([ask(text, p, rng.choice(GR_SYSTEMS), "", True)])
    out: list[Request] = []
    for d in range(5):
        part = jobs[d * 500 : (d + 1) * 500]
        got, _ = run(rng, utc(d + 1, rng.uniform(9.0, 10.5), 8.0), part, 10, 700, retry=0.015, timeout=300.0)
        out += got
    kt = key("d28-grid", "capability_grid", "distiller", "distiller", cl(rng, "openai-python", org=True), out,
             "simulated: 500 cells a day for five days from ~09:30 (UTC+8), 10 workers, 1.5% resent after a 300 s timeout",
             cells=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# DISTILLER 2. A NON-ENGLISH SELF-INSTRUCT SET IN BRAZILIAN PORTUGUESE AND GERMAN (a small lab in
# Campinas, UTC-3, building SFT data for two local models; one python-httpx script, two keys on
# separate accounts that share the lab's network). Seed tasks are generated here in each language
# from a grammar; "generate" calls show three seeds and ask for ten new, varied instructions (T 1.0;
# the reply stand-in lists ten new grammar instructions, which the next calls quote); every new
# instruction is then answered (T 0.7, max_tokens 1500) under a system prompt in that language; on
# the Portuguese key 12% of the answers are rated 1-5 by the model for filtering. 12 workers.
PT_TASKS = ("Escreva um e-mail para {quem} sobre {assunto}.", "Explique {conceito} para {publico}.", "Liste {n} ideias de {coisa}.",
            "Crie um roteiro de viagem de {n} dias por {lugar}.", "Compare {ab} em uma tabela.", "Dê dicas práticas para {objetivo}.",
            "Escreva um poema curto sobre {tema}.", "Adapte a receita de {prato} para {n} pessoas e sem glúten.",
            "Classifique o sentimento desta avaliação: \"{avaliacao}\"", "Resuma em três frases o que é {conceito}.",
            "Escreva um diálogo entre {quem} e um atendente sobre {assunto}.", "Corrija a gramática: \"{frase}\"",
            "Quais são os prós e contras de {objetivo}?", "Crie uma questão de múltipla escolha sobre {conceito} com gabarito.")  # fmt: skip
PT_SLOTS = {
    "quem": ("o síndico do prédio", "meu gerente", "um cliente insatisfeito", "a escola do meu filho", "o RH", "um fornecedor"),
    "assunto": ("o atraso na entrega", "um pedido de férias", "a reunião de condomínio", "um reembolso", "a mudança de horário"),
    "conceito": ("inflação", "fotossíntese", "a Lei Geral de Proteção de Dados", "juros compostos", "aprendizado de máquina", "o ciclo da água", "o Pix"),
    "publico": ("uma criança de 8 anos", "um idoso", "um estudante do ensino médio", "um pequeno empresário"),
    "n": ("3", "5", "7", "10"),
    "coisa": ("nomes para uma padaria", "atividades para o fim de semana", "posts para Instagram de uma loja de roupas", "presentes baratos"),
    "lugar": ("Minas Gerais", "Salvador", "o litoral de Santa Catarina", "Lisboa", "a Chapada Diamantina"),
    "ab": ("Python e JavaScript", "aluguel e financiamento", "ônibus e metrô", "poupança e Tesouro Direto", "Android e iPhone"),
    "objetivo": ("economizar na conta de luz", "estudar para o ENEM", "trabalhar em home office", "começar a correr", "abrir um MEI"),
    "tema": ("a saudade", "o mar", "uma segunda-feira chuvosa", "o café da manhã"), "prato": ("feijoada", "pão de queijo", "moqueca", "brigadeiro"),
    "avaliacao": ("Produto chegou rápido mas veio com defeito.", "Amei! Superou as expectativas.", "Atendimento péssimo, nunca mais compro."),
    "frase": ("Fazem dois anos que eu moro aqui.", "Houveram muitos problemas na reunião.", "Eu vou assistir o jogo amanhã."),
}  # fmt: skip
DE_TASKS = ("Schreibe eine E-Mail an {wer} wegen {thema}.", "Erkläre das Thema „{begriff}“ für {publikum}.", "Nenne {n} Ideen für {sache}.",
            "Plane eine {n}-tägige Reise nach {ort}.", "Vergleiche {ab} in einer Tabelle.", "Gib Tipps, wie man {ziel}.",
            "Schreibe ein kurzes Gedicht über {motiv}.", "Fasse in drei Sätzen zusammen, worum es bei „{begriff}“ geht.",
            "Formuliere diesen Satz höflicher: \"{satz}\"", "Welche Vor- und Nachteile hat es, {ziel}?",
            "Erstelle eine Quizfrage mit vier Antwortmöglichkeiten zum Thema „{begriff}“.")  # fmt: skip
DE_SLOTS = {
    "wer": ("den Vermieter", "die Krankenkasse", "meinen Chef", "das Finanzamt", "einen Kunden"),
    "thema": ("der Nebenkostenabrechnung", "einer Terminverschiebung", "eines defekten Geräts", "der Kündigung"),
    "begriff": ("Energiewende", "Inflation", "Photosynthese", "Grundgesetz", "neuronale Netze", "Solidaritätszuschlag", "Mietpreisbremse"),
    "publikum": ("ein Kind", "Rentner", "Berufseinsteiger", "Schüler der 9. Klasse"), "n": ("3", "5", "7"),
    "sache": ("einen Vereinsnamen", "ein Teamevent", "nachhaltige Geschenke", "einen Podcast"), "ort": ("Hamburg", "den Schwarzwald", "Wien", "Rügen"),
    "ab": ("Mieten und Kaufen", "Bahn und Auto", "ETF und Tagesgeld", "Gas- und Wärmepumpenheizung"),
    "ziel": ("im Homeoffice produktiv bleibt", "Strom spart", "sich auf eine Prüfung vorbereitet", "mit dem Rauchen aufhört"),
    "motiv": ("den Herbst", "die Nordsee", "Montagmorgen"), "satz": ("Schicken Sie mir das sofort.", "Das ist falsch.", "Ich brauche das bis morgen."),
}  # fmt: skip
PT_GEN = ("Você está ajudando a criar um conjunto de dados de instruções em português do Brasil. Escreva {k} instruções novas e variadas, "
          "diferentes dos exemplos em tema e formato. Use verbos diferentes, misture tarefas abertas e fechadas, e não repita os exemplos.\n\n"
          "Exemplos:\n{seeds}\n\nNovas instruções (numeradas de 1 a {k}):")  # fmt: skip
DE_GEN = ("Du hilfst beim Aufbau eines deutschsprachigen Instruktionsdatensatzes. Schreibe {k} neue, abwechslungsreiche Aufgaben, die sich "
          "in Thema und Form von den Beispielen unterscheiden. Keine Wiederholungen.\n\nBeispiele:\n{seeds}\n\nNeue Aufgaben (1 bis {k}):")  # fmt: skip
PT_SYSTEM = "Você é um assistente útil, preciso e detalhado. Responda sempre em português do Brasil, de forma clara e bem organizada."
DE_SYSTEM = (
    "Du bist ein hilfreicher, genauer Assistent. Antworte immer auf Deutsch, klar gegliedert und vollständig."
)
PT_EXTRA = ("", "", "", "Use no máximo {n}0 palavras.", "Inclua um exemplo prático.", "Escreva em tom informal.", "Pense em {publico}.",
            "Responda em tópicos.", "Explique o raciocínio passo a passo.", "Evite termos técnicos.", "Termine com uma dica extra.",
            "Use linguagem simples.", "Formate a resposta como tabela.", "Seja criativo.")  # fmt: skip
DE_EXTRA = ("", "", "", "Höchstens {n}0 Wörter.", "Mit einem Beispiel.", "Im lockeren Ton.", "Für {publikum}.", "In Stichpunkten.",
            "Erkläre Schritt für Schritt.", "Ohne Fachbegriffe.", "Als Tabelle.", "Sieze den Leser.", "Sei kreativ.")  # fmt: skip
PT_RATE = ("Avalie a resposta abaixo de 1 a 5 quanto a correção, utilidade e fluência em português. Responda só com o número.\n\n"
           "Instrução: {ins}\n\nResposta: {ans}")  # fmt: skip


def _si_task(rng: random.Random, tasks: tuple[str, ...], slots: dict, extras: tuple[str, ...]) -> str:
    """One instruction: a task with its slots filled, sometimes with a constraint added."""
    text = fill(rng, rng.choice(tasks), slots)
    return f"{text} {fill(rng, rng.choice(extras), slots)}".strip()


def _si_set(rng: random.Random, lang: tuple, calls: int) -> list[list[Request]]:
    """Generation calls (three seeds shown, ten new instructions back), then one answer per new one."""
    tasks, slots, extras, gen, system = lang
    seeds = [_si_task(rng, tasks, slots, extras) for _ in range(40)]
    gens, answers, made = [], [], set(seeds)
    g = {"temperature": 1.0, "top_p": 1.0, "max_tokens": 800}
    for _ in range(calls):
        shown = "\n".join(f"{i}. {s}" for i, s in enumerate(rng.sample(seeds, 3), 1))
        new = [
            x for x in dict.fromkeys(_si_task(rng, tasks, slots, extras) for _ in range(10)) if x not in made
        ]
        made.update(new)
        listed = "\n".join(f"{i}. {x}" for i, x in enumerate(new, 1))
        gens.append([ask(gen.format(k=10, seeds=shown), g, None, "", True, listed)])
        answers += [[ask(x, {"temperature": 0.7, "max_tokens": 1500}, system, "", True)] for x in new]
    return gens + answers


def portuguese_german_selfinstruct() -> list[KeyTraffic]:
    rng = R("selfinstruct")
    net = dict(account(rng))["signup_network"]
    ua = user_agent(rng, "httpx")
    keys = []
    for name, lang, calls, day in (
        ("pt", (PT_TASKS, PT_SLOTS, PT_EXTRA, PT_GEN, PT_SYSTEM), 140, 2),
        ("de", (DE_TASKS, DE_SLOTS, DE_EXTRA, DE_GEN, DE_SYSTEM), 90, 4),
    ):
        krng = R("selfinstruct", name)
        jobs = _si_set(krng, lang, calls)
        if name == "pt":
            answered = [j[0] for j in jobs if j[0].messages and j[0].messages[0]["role"] == "system"]
            jobs += [[ask(PT_RATE.format(ins=q.prompt, ans=q.reply), {"temperature": 0, "max_tokens": 5}, None, "", True)]
                     for q in krng.sample(answered, len(answered) * 12 // 100)]  # fmt: skip
        out, _ = run(krng, utc(day, 14.0, -3.0) + krng.uniform(0, 3600), jobs, 12, 500, retry=0.01)
        client = Client(ua, SOFTWARE["httpx"][1], account(krng, org=False, signup_network=net))
        keys.append(key(f"d28-selfinstruct-{name}", "portuguese_german_selfinstruct", "distiller", "distiller", client, out,
                        "simulated: one script (UTC-3), 12 workers, generation calls then answers", actor="d28-selfinstruct", language=name))  # fmt: skip
    return keys


# =============================================================================================
# DISTILLER 3. A STRUCTURED-OUTPUT HARVEST OVER INVENTED RECORDS (a data-tools start-up in Bangalore,
# UTC+5:30, training a small extraction model; aiohttp, two keys of one organisation). Records are
# invented here (people, companies, orders, job posts, flat listings, events, vehicles, lab samples)
# and rendered as messy prose, CSV or JSON. Key "extract": field extraction to a JSON schema (prose),
# CSV -> typed JSON, and schema validation with a corrected record; key "gen": k synthetic records
# per schema as JSON Lines, and record -> natural-language summaries. T 0.2 (extract) / 0.9 (gen),
# json_object where the task asks for JSON, 16 workers, two sessions each. Replies: stubs.
RX_SCHEMAS = {
    "person": {"full_name": "string", "date_of_birth": "YYYY-MM-DD", "email": "string", "city": "string", "occupation": "string"},
    "company": {"name": "string", "founded": "int", "employees": "int", "industry": "string", "hq_city": "string", "revenue_eur_m": "float"},
    "order": {"order_id": "string", "customer": "string", "items": [{"sku": "string", "qty": "int", "unit_price": "float"}], "total": "float", "status": "enum"},
    "job_post": {"title": "string", "company": "string", "location": "string", "remote": "bool", "salary_min": "int", "salary_max": "int", "skills": ["string"]},
    "flat": {"address": "string", "rooms": "int", "area_m2": "float", "rent_month": "int", "deposit": "int", "available_from": "YYYY-MM-DD", "pets": "bool"},
    "event": {"name": "string", "date": "YYYY-MM-DD", "venue": "string", "capacity": "int", "ticket_price": "float", "organiser": "string"},
    "vehicle": {"make": "string", "model": "string", "year": "int", "mileage_km": "int", "fuel": "enum", "price": "int", "owners": "int"},
    "lab_sample": {"sample_id": "string", "collected": "YYYY-MM-DD", "ph": "float", "nitrate_mg_l": "float", "site": "string", "flagged": "bool"},
}  # fmt: skip
RX_WORDS = (
    "Orion",
    "Vega",
    "Kestrel",
    "Maple",
    "Cobalt",
    "Juniper",
    "Atlas",
    "Lumen",
    "Sable",
    "Tundra",
    "Marlow",
    "Zephyr",
)
RX_CITIES = (
    "Pune",
    "Leeds",
    "Porto",
    "Graz",
    "Austin",
    "Cork",
    "Kraków",
    "Nagoya",
    "Recife",
    "Tartu",
    "Ghent",
    "Perth",
)
RX_JOBS = (
    "data analyst",
    "nurse",
    "welder",
    "UX designer",
    "accountant",
    "teacher",
    "backend developer",
    "pharmacist",
)


def _rx_record(rng: random.Random, kind: str) -> dict:
    w, c = rng.choice(RX_WORDS), rng.choice(RX_CITIES)
    y, m, d = rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28)
    if kind == "person":
        n = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        return {"full_name": n, "date_of_birth": f"{y}-{m:02d}-{d:02d}", "email": f"{n.split()[0].lower()}.{rng.randint(1, 99)}@example.org", "city": c, "occupation": rng.choice(RX_JOBS)}  # fmt: skip
    if kind == "company":
        return {"name": f"{w} {rng.choice(('Systems', 'Foods', 'Logistics', 'Bio', 'Labs'))}", "founded": rng.randint(1970, 2022), "employees": rng.randint(4, 9000), "industry": rng.choice(("food", "software", "freight", "biotech", "retail")), "hq_city": c, "revenue_eur_m": round(rng.uniform(0.2, 900), 1)}  # fmt: skip
    if kind == "order":
        items = [{"sku": f"{w[:3].upper()}-{rng.randint(100, 999)}", "qty": rng.randint(1, 5), "unit_price": round(rng.uniform(2, 300), 2)} for _ in range(rng.randint(1, 4))]  # fmt: skip
        return {"order_id": f"ORD-{rng.randint(10000, 99999)}", "customer": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "items": items, "total": round(sum(i["qty"] * i["unit_price"] for i in items), 2), "status": rng.choice(("paid", "shipped", "returned", "pending"))}  # fmt: skip
    if kind == "job_post":
        lo = rng.randrange(25000, 90000, 1000)
        return {"title": rng.choice(RX_JOBS).title(), "company": f"{w} Group", "location": c, "remote": rng.random() < 0.4, "salary_min": lo, "salary_max": lo + rng.randrange(5000, 30000, 1000), "skills": rng.sample(("SQL", "Excel", "Python", "customer care", "CAD", "German", "first aid", "Figma"), 3)}  # fmt: skip
    if kind == "flat":
        return {"address": f"{rng.randint(1, 120)} {w} Street, {c}", "rooms": rng.randint(1, 5), "area_m2": round(rng.uniform(22, 140), 1), "rent_month": rng.randrange(450, 2600, 10), "deposit": rng.randrange(900, 7000, 100), "available_from": f"2026-{m:02d}-01", "pets": rng.random() < 0.3}  # fmt: skip
    if kind == "event":
        return {"name": f"{w} {rng.choice(('Jazz Night', 'Tech Meetup', 'Food Fair', 'Half Marathon', 'Book Club'))}", "date": f"2026-{m:02d}-{d:02d}", "venue": f"{c} {rng.choice(('Arena', 'Town Hall', 'Library', 'Park'))}", "capacity": rng.randrange(20, 5000, 10), "ticket_price": round(rng.uniform(0, 80), 2), "organiser": f"{rng.choice(FIRST)} {rng.choice(LAST)}"}  # fmt: skip
    if kind == "vehicle":
        return {"make": rng.choice(("Skoda", "Toyota", "Ford", "Kia", "Renault", "Volvo")), "model": rng.choice(("Octavia", "Corolla", "Focus", "Ceed", "Clio", "V60")), "year": rng.randint(2008, 2024), "mileage_km": rng.randrange(3000, 260000, 500), "fuel": rng.choice(("petrol", "diesel", "hybrid", "electric")), "price": rng.randrange(1500, 38000, 100), "owners": rng.randint(1, 4)}  # fmt: skip
    return {"sample_id": f"LS-{rng.randint(1000, 9999)}", "collected": f"2025-{m:02d}-{d:02d}", "ph": round(rng.uniform(5.5, 9), 2), "nitrate_mg_l": round(rng.uniform(0, 80), 1), "site": f"{w} Creek km {rng.randint(1, 40)}", "flagged": rng.random() < 0.2}  # fmt: skip


def _rx_prose(rng: random.Random, rec: dict) -> str:
    bits = [f"{k.replace('_', ' ')}: {v}" if rng.random() < 0.5 else f"the {k.replace('_', ' ')} is {v}" for k, v in rec.items() if rng.random() < 0.9]  # fmt: skip
    rng.shuffle(bits)
    return typo(rng, rng.choice(("Hi, ", "Note from the call - ", "", "FYI ", "Listing: ")) + "; ".join(bits) + rng.choice((".", "", " thx", " (see attachment)")), 0.03)  # fmt: skip


def _rx_csv(rng: random.Random, kind: str) -> str:
    recs = [_rx_record(rng, kind) for _ in range(rng.randint(4, 10))]
    cols = [k for k, v in recs[0].items() if not isinstance(v, list)]
    sep = rng.choice((",", ";", "\t"))
    return "\n".join([sep.join(cols)] + [sep.join(str(r[c]) for c in cols) for r in recs])


def _rx_jobs(rng: random.Random, part: str, n: int) -> list[list[Request]]:
    ext = {"temperature": 0.2, "max_tokens": 1200, "response_format": {"type": "json_object"}}
    gen = {"temperature": 0.9, "max_tokens": 2000}
    jobs = []
    for _ in range(n):
        kind = rng.choice(sorted(RX_SCHEMAS))
        schema = jd(RX_SCHEMAS[kind])
        rec = _rx_record(rng, kind)
        r = rng.random()
        if part == "extract" and r < 0.5:
            text = f"Extract a {kind} record from the text. Return JSON matching this schema; use null for missing fields.\nSchema: {schema}\n\nText:\n{_rx_prose(rng, rec)}"
        elif part == "extract" and r < 0.8:
            text = f'Convert this CSV to a JSON object {{"rows": [...]}}. Infer types (int, float, bool), ISO dates, no extra fields.\n\n{_rx_csv(rng, kind)}'
        elif part == "extract":
            bad = dict(rec)
            k = rng.choice(sorted(bad))
            bad[k] = rng.choice(("", "n/a", -1, "31/02/2026", "TBD"))
            text = f'Validate this {kind} record against the schema. List every violation, then give a corrected record as JSON under "fixed".\nSchema: {schema}\nRecord: {jd(bad)}'
        elif r < 0.6:
            k = rng.choice((5, 8, 10, 12))
            text = f"Generate {k} realistic but fictional {kind} records as JSON Lines (one object per line) following this schema: {schema}. Vary {rng.choice(('countries', 'values', 'edge cases', 'missing optional fields'))}."
        else:
            text = f"Write a {rng.choice(('one-paragraph', 'two-sentence', 'friendly', 'formal'))} natural-language description of this {kind} record:\n{jd(rec, 2)}"
        jobs.append([ask(text, ext if part == "extract" else gen, None, "", True)])
    return jobs


def json_records() -> list[KeyTraffic]:
    rng = R("records")
    org = dict(account(rng, org=True))
    ua = user_agent(rng, "aiohttp")
    keys = []
    for name, n, days in (("extract", 1150, (3, 4)), ("gen", 1050, (5, 6))):
        krng = R("records", name)
        jobs = _rx_jobs(krng, name, n)
        half = len(jobs) // 2
        out = run(krng, utc(days[0], 11.0, 5.5) + krng.uniform(0, 1800), jobs[:half], 16, 350)[0]
        out += run(krng, utc(days[1], 15.0, 5.5) + krng.uniform(0, 1800), jobs[half:], 16, 350)[0]
        client = Client(ua, SOFTWARE["aiohttp"][1], account(krng, org=True, organisation=org["organisation"], payment_fingerprint=org["payment_fingerprint"]))  # fmt: skip
        keys.append(key(f"d28-records-{name}", "json_records", "distiller", "distiller", client, out,
                        "simulated: two sessions per key (UTC+5:30), 16 workers", actor="d28-records", part=name, items=n))  # fmt: skip
    return keys


# =============================================================================================
# DISTILLER 4. A CODE DISTILLER WITH FUNCTION SPECS FROM ITS OWN GRAMMAR (a freelance ML engineer in
# Kyiv, UTC+2, building a code SFT set; openai-python, 10 workers over three evenings). Specs are
# generated here: a task family (~30, each with inputs, output and edge cases) x language (Python,
# TypeScript, Go, Rust, Java) x name x extras; 35% continue in the same conversation with "now write
# unit tests", 12% with a refactor or complexity question. T 0.2, max_tokens 2048. Replies: stubs.
CD_FAMILIES = (
    ("rolling_average", "a list of numbers and a window size k", "the list of averages of each window of k consecutive numbers", "k larger than the list, k <= 0"),
    ("merge_intervals", "a list of [start, end] intervals", "the merged, sorted list of non-overlapping intervals", "touching intervals, an empty list"),
    ("top_k_words", "a text and an integer k", "the k most frequent words with counts, ties broken alphabetically", "punctuation, mixed case"),
    ("validate_iban", "a string", "whether it is a valid IBAN by the mod-97 check", "spaces, lower case, wrong length"),
    ("parse_duration", "a string like '1h30m15s'", "the total number of seconds", "missing units, invalid input"),
    ("flatten_json", "a nested dictionary", "a flat dictionary with dotted keys", "lists inside, empty dicts"),
    ("lru_cache", "a capacity", "a class with get and put in O(1)", "capacity 0, updating an existing key"),
    ("roman_to_int", "a Roman numeral string", "its integer value", "invalid numerals, subtractive pairs"),
    ("shortest_path_grid", "a grid of 0s and 1s with start and goal cells", "the length of the shortest path through 0 cells", "no path, start equals goal"),
    ("rate_limiter", "a limit per window and a window length in seconds", "a class whose allow(ts) says whether a request may pass (sliding window)", "bursts, out-of-order timestamps"),
    ("diff_lines", "two lists of lines", "a unified-diff-like list of added and removed lines", "identical inputs, empty inputs"),
    ("luhn_check", "a card number string", "whether it passes the Luhn checksum", "spaces, non-digits"),
    ("group_anagrams", "a list of words", "the words grouped into lists of anagrams", "case differences, empty strings"),
    ("binary_search_insert", "a sorted list and a value", "the index where the value should be inserted", "duplicates, empty list"),
    ("csv_column_stats", "CSV text and a column name", "min, max, mean and median of that column", "missing values, a non-numeric column"),
    ("slugify", "a title string", "a URL slug", "accents, repeated separators, emoji"),
    ("matrix_spiral", "a 2D matrix", "its elements in spiral order", "a single row, an empty matrix"),
    ("topological_sort", "a dict of task -> dependencies", "an order in which all tasks can run", "cycles, tasks with no dependencies"),
    ("retry_with_backoff", "a function and a max number of attempts", "the function's result, retrying with exponential backoff and jitter", "non-retryable errors"),
    ("parse_query_string", "a URL query string", "a dict of keys to lists of values", "percent-encoding, repeated keys, empty values"),
    ("balanced_brackets", "a string", "whether all brackets ()[]{} are balanced", "other characters, empty string"),
    ("chunk_text", "a text and a max token count", "chunks that do not split words, each under the limit", "a word longer than the limit"),
    ("business_days_between", "two dates and a list of holidays", "the number of business days between them", "same day, reversed dates"),
    ("dedupe_records", "a list of dicts and a list of key fields", "the records without duplicates by those fields, first kept", "missing fields"),
    ("sparse_vector_dot", "two sparse vectors as dicts", "their dot product", "no shared keys"),
    ("run_length_encode", "a string", "its run-length encoding, and a decoder", "digits in the input, empty string"),
    ("bank_account", "an opening balance", "a class with deposit, withdraw and statement, refusing overdrafts", "negative amounts, concurrent use"),
    ("ip_in_cidr", "an IPv4 address and a CIDR block", "whether the address is in the block", "/0 and /32, invalid addresses"),
)  # fmt: skip
CD_LANGS = (("Python", 0.55), ("TypeScript", 0.15), ("Go", 0.1), ("Rust", 0.1), ("Java", 0.1))
CD_EXTRAS = ("Include type hints and a docstring.", "Add comments explaining the tricky parts.", "State the time and space complexity.",
             "Include three example calls with expected output.", "Do not use external libraries.", "Make it idiomatic.", "")  # fmt: skip
CD_SPEC = ("Write a {lang} function `{name}` that takes {inp} and returns {out}. Handle edge cases: {edge}. {extra}",
           "Implement `{name}` in {lang}.\nInput: {inp}\nOutput: {out}\nEdge cases to handle: {edge}\n{extra}",
           "I need a {lang} implementation of {name}: given {inp}, return {out}. Make sure it handles {edge}. {extra}")  # fmt: skip
CD_FOLLOW = ("Now write unit tests for this function covering the edge cases.", "Refactor it for readability without changing behaviour.",
             "What is its time complexity, and can it be improved?", "Rewrite it without recursion.")  # fmt: skip


def code_specs() -> list[KeyTraffic]:
    rng = R("codespecs")
    p = {"temperature": 0.2, "max_tokens": 2048}
    system = (
        "You are an expert software engineer. Write correct, clean, well-tested code and explain briefly."
    )
    langs, weights = zip(*CD_LANGS, strict=True)
    jobs, seen = [], set()
    while len(jobs) < 1300:
        name, inp, out, edge = rng.choice(CD_FAMILIES)
        lang = rng.choices(langs, weights)[0]
        name = (
            name
            if lang in ("Python", "Rust")
            else "".join(w.title() if i else w for i, w in enumerate(name.split("_")))
        )
        text = (
            rng.choice(CD_SPEC)
            .format(lang=lang, name=name, inp=inp, out=out, edge=edge, extra=rng.choice(CD_EXTRAS))
            .strip()
        )
        if text in seen:
            continue
        seen.add(text)
        r = rng.random()
        turns = (
            [text, CD_FOLLOW[0]] if r < 0.35 else [text, rng.choice(CD_FOLLOW[1:])] if r < 0.47 else [text]
        )
        jobs.append(chain(turns, p, system, (), "", True))
    out_reqs: list[Request] = []
    for i, day in enumerate((6, 7, 8)):
        out_reqs += run(rng, utc(day, 19.0, 2.0) + rng.uniform(0, 1800), jobs[i::3], 10, 800)[0]
    kt = key("d28-codespecs", "code_specs", "distiller", "distiller", cl(rng, "openai-python"), out_reqs,
             "simulated: three evening runs (UTC+2), 10 workers, follow-ups in the same conversation",
             specs=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# DISTILLER 5. A MATH-WORD-PROBLEM GENERATOR WITH STEP-BY-STEP ANSWERS (a team building a small maths
# model, Singapore, UTC+8; aiohttp, 20 workers, two nights). Problems are generated here from twelve
# families with random names and numbers (the answer is known to the generator); each asks for
# step-by-step working and a final "Answer:" line. 60% are sampled four times (n=4, T 0.8) for
# majority-vote filtering, 40% once at T 0; 15% get a second turn asking the model to verify by
# substitution. max_tokens 1024. Replies: stubs.
MW_ITEMS = ("apples", "notebooks", "tickets", "bricks", "cupcakes", "marbles", "stickers", "bottles of water")
MW_ASK = ("{q} Solve step by step and give the final answer on a line starting with 'Answer:'.",
          "Solve the following problem. Show your reasoning step by step.\n\n{q}\n\nEnd with: Answer: <number>",
          "Problem: {q}\nLet's work it out step by step. Put the final numeric answer after 'Answer:'.")  # fmt: skip


def _mw(rng: random.Random) -> str:
    a, b, c = rng.randint(2, 40), rng.randint(2, 15), rng.randint(2, 9)
    n1, n2 = rng.sample(FIRST, 2)
    item = rng.choice(MW_ITEMS)
    return rng.choice((
        f"{n1} has {a * c} {item}. {n1} gives a third of them to {n2} and then buys {b} more. How many {item} does {n1} have now?",
        f"A car travels {a * 10} km at {b * 10} km/h and then {c * 15} km at {b * 10 + 20} km/h. What is the average speed for the whole trip, in km/h?",
        f"{n1} can paint a fence in {b} hours and {n2} in {b + c} hours. How long do they take working together?",
        f"A shirt costs ${a * 5}. It is discounted by {b * 5}% and then a {c}% sales tax is added. What is the final price?",
        f"The sum of {n1}'s and {n2}'s ages is {a + b * 2 + 20}. {n1} is {b * 2} years older than {n2}. How old is {n2}?",
        f"A rectangle's length is {c} cm more than its width, and its perimeter is {4 * a + 2 * c} cm. What is its area?",
        f"{n1} invests ${a * 1000} at {c}% interest compounded annually. How much is it worth after {b % 6 + 2} years?",
        f"A bag has {a} red and {b} blue {item}. Two are drawn without replacement. What is the probability both are red?",
        f"{n1} mixes {a} litres of a {b * 5}% juice solution with {c} litres of pure juice. What is the juice percentage of the mixture?",
        f"A train leaves at {c + 5}:{b * 2:02d} and arrives {a * 7} minutes later. At what time does it arrive?",
        f"{n1} reads {b} pages on day 1 and {c} more pages each day than the day before. How many pages has {n1} read after {a % 10 + 3} days?",
        f"A recipe needs {b} cups of flour for {c * 4} cookies. How much flour is needed for {a * 6} cookies?",
    ))  # fmt: skip


def math_word_problems() -> list[KeyTraffic]:
    rng = R("mathwp")
    jobs, seen = [], set()
    while len(jobs) < 1750:
        q = _mw(rng)
        if q in seen:
            continue
        seen.add(q)
        p = (
            {"n": 4, "temperature": 0.8, "max_tokens": 1024}
            if rng.random() < 0.6
            else {"temperature": 0, "max_tokens": 1024}
        )
        turns = [rng.choice(MW_ASK).format(q=q)]
        if rng.random() < 0.15:
            turns.append(
                "Check your solution by substituting back into the problem. If you find a mistake, correct it and give the final answer again."
            )
        jobs.append(chain(turns, p, None, (), "", True))
    out = run(rng, utc(8, 22.0, 8.0), jobs[:875], 20, 500)[0]
    out += run(rng, utc(9, 22.0, 8.0), jobs[875:], 20, 500)[0]
    kt = key("d28-mathwp", "math_word_problems", "distiller", "distiller", cl(rng, "aiohttp", org=True), out,
             "simulated: two night runs from 22:00 (UTC+8), 20 workers", problems=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# DISTILLER 6. A LOGPROB HARVEST OVER GENERATED SHORT PROMPTS (a researcher distilling a small model
# with token-level KD, Zurich, UTC+1; python-requests, 6 workers, two days). ~900 short prompts are
# generated here (completions of facts and phrases, antonyms, synonyms, one-word translations, tiny
# sentiment and arithmetic items); each goes to /completions with logprobs 5 (T 0, max_tokens 24)
# and to chat with logprobs and top_logprobs 20 at T 1.0, n=2, max_tokens 64. Replies: stubs.
LP_ADJ = ("hot", "early", "generous", "fragile", "ancient", "noisy", "bright", "shallow", "rigid", "humble", "scarce", "vivid",
          "narrow", "brave", "bitter", "polite", "clumsy", "fertile", "hollow", "loyal", "modest", "rapid", "stubborn", "tidy")  # fmt: skip
LP_WORDS = ("house", "river", "freedom", "window", "bread", "mountain", "friendship", "knife", "summer", "library", "clock", "garden",
            "ladder", "harbour", "cloud", "wedding", "engine", "pencil", "forest", "market", "blanket", "island", "letter", "bridge")  # fmt: skip
LP_COUNTRIES = (
    "Peru",
    "Kenya",
    "Norway",
    "Vietnam",
    "Portugal",
    "Canada",
    "Egypt",
    "Poland",
    "Chile",
    "Thailand",
    "Ghana",
    "Iceland",
)
LP_REVIEWS = ("the battery died after two days", "best pizza in town, honestly", "delivery was late but the staff apologised",
              "would not recommend to anyone", "exactly as described, happy", "meh. it works I guess", "absolutely loved the hotel")  # fmt: skip


def _lp_prompts(rng: random.Random) -> list[str]:
    out = [f'The opposite of "{a}" is' for a in LP_ADJ]
    out += [f'A synonym for "{w}" is' for w in LP_ADJ]
    out += [
        f"Translate to {lang}: {w} =>"
        for w in LP_WORDS
        for lang in ("French", "German", "Spanish", "Italian")
    ]
    out += [f"The capital city of {c} is" for c in LP_COUNTRIES]
    out += [f"The official language of {c} is" for c in LP_COUNTRIES]
    out += [f"Review: {r}\nSentiment (positive, negative or mixed):" for r in LP_REVIEWS]
    out += [
        f"Q: What is {a} {op} {b}?\nA:" for a in range(3, 45, 2) for b in range(2, 26, 3) for op in ("+", "x")
    ]
    out += [
        f'Q: What is the plural of "{w}"?\nA:'
        for w in (*LP_WORDS, "mouse", "cactus", "child", "sheep", "analysis")
    ]
    out += [f"Complete the sentence: {s}" for s in (
        "The best way to learn a language is", "Water boils at", "The first person to walk on the Moon was", "A haiku has",
        "Photosynthesis converts", "The largest planet in the solar system is", "In chess, the only piece that can jump is",
        "The chemical symbol for gold is", "A prime number is", "The Great Wall of China was built to")]  # fmt: skip
    out += [f"Fill in the blank: I {v} to the {p} {t}." for v in ("walked", "drove", "went") for p in ("market", "station", "beach", "office") for t in ("yesterday", "every morning", "_")]  # fmt: skip
    out += [f'Define "{w}" in one sentence:' for w in (*LP_WORDS, *LP_ADJ)]
    rng.shuffle(out)
    return out


def logprob_short() -> list[KeyTraffic]:
    rng = R("logprobs")
    prompts = _lp_prompts(rng)
    jobs = [[comp(t, {"max_tokens": 24, "temperature": 0, "logprobs": 5}, True)] for t in prompts]
    jobs += [
        [
            ask(
                t,
                {"logprobs": True, "top_logprobs": 20, "temperature": 1.0, "n": 2, "max_tokens": 64},
                None,
                "",
                True,
            )
        ]
        for t in prompts
    ]
    half = len(jobs) // 2
    out = run(rng, utc(5, 9.0, 1.0) + rng.uniform(0, 600), jobs[:half], 6, 20)[0]
    out += run(rng, utc(6, 9.5, 1.0) + rng.uniform(0, 600), jobs[half:], 6, 50)[0]
    kt = key("d28-logprobs", "logprob_short", "distiller", "distiller", cl(rng, "requests"), out,
             "simulated: a script on two days (UTC+1), 6 workers; completions with logprobs, then chat with top_logprobs 20",
             prompts=len(prompts))  # fmt: skip
    return [kt]


# =============================================================================================
# DISTILLER 7. A MULTI-KEY FARM SPLITTING A TASK GRID (mixed: a generated grid and InstructionWild's
# English prompts, bucket 0 of 2; one operator in Lagos, UTC+1, on four accounts with different cards
# and e-mail domains, a Node script on the OpenAI JS SDK, each key its own SDK version). The grid
# (role x task x audience x constraint, written here) and the rows are shuffled together and cut into
# four disjoint shares; each key runs its share in 2-3 sessions at its own hours over a week, 3-5
# workers, T 0.8, max_tokens 1536. Replies: stored answers for InstructionWild rows where present,
# else stubs.
FM_ROLES = ("a product manager", "a high-school chemistry teacher", "a travel blogger", "an HR consultant", "a data engineer",
            "a pastry chef", "a startup founder", "a physiotherapist", "a UX researcher", "a tax advisor", "a science journalist", "a ship's captain")  # fmt: skip
FM_TASKS = ("write a one-page guide on {x}", "draft a checklist for {x}", "explain the trade-offs in {x}", "outline a workshop about {x}",
            "write five interview questions about {x}", "create a decision tree for {x}", "summarise best practices for {x}",
            "write a short case study about {x}", "list ten myths about {x} and correct them")  # fmt: skip
FM_THINGS = ("onboarding new employees", "reducing food waste in a restaurant", "choosing a database", "preventing running injuries",
             "planning a trip on a budget", "writing a grant proposal", "negotiating a salary", "running remote meetings",
             "testing a mobile app", "teaching fractions", "filing taxes as a freelancer", "storing vaccines in a rural clinic")  # fmt: skip
FM_AUDIENCE = (
    "for beginners",
    "for a team of ten",
    "for senior executives",
    "for teenagers",
    "for non-native speakers",
    "for a small NGO",
)
FM_CONSTRAINTS = ("Keep it under 300 words.", "Use a friendly tone.", "Format as Markdown.", "Include one worked example.",
                  "Avoid jargon.", "Add a short summary at the end.", "")  # fmt: skip


def grid_farm() -> list[KeyTraffic]:
    rng = R("farm")
    items: list[tuple[str, Row | None]] = []
    seen: set[str] = set()
    while len(items) < 2500:
        task = rng.choice(FM_TASKS).format(x=rng.choice(FM_THINGS))
        text = f"You are {rng.choice(FM_ROLES)}. {task[0].upper()}{task[1:]} {rng.choice(FM_AUDIENCE)}. {rng.choice(FM_CONSTRAINTS)}".strip()
        if text not in seen:
            seen.add(text)
            items.append((text, None))
    items += [(r.first, r) for r in share("instructionwild", 2, 0) if r.extra.get("lang") == "en"]
    rng.shuffle(items)
    p = {"temperature": 0.8, "max_tokens": 1536}
    keys = []
    for i in range(4):
        krng = R("farm", i)
        mine = items[i::4]
        jobs = [[ask(t, p, None, r.id if r else "", True, r.answer if r else None)] for t, r in mine]
        sessions = krng.randint(2, 3)
        out, size = [], -(-len(jobs) // sessions)
        for s, day in enumerate(sorted(krng.sample(range(7), sessions))):
            start = utc(day, krng.choice((7.0, 11.0, 15.0, 20.0, 23.0)) + krng.uniform(0, 2), 1.0)
            out += run(krng, start, jobs[s * size : (s + 1) * size], krng.randint(3, 5), 450)[0]
        client = cl(krng, "openai-js", org=False)
        keys.append(key(f"d28-farm-{i}", "grid_farm", "distiller", "distiller", client, out,
                        "simulated: 2-3 sessions per key at its own hours over a week (UTC+1), 3-5 workers",
                        ("instructionwild",), actor="d28-farm", share=i, items=len(jobs)))  # fmt: skip
    return keys


# =============================================================================================
# DISTILLER 8. A SLOW DISTILLER AT 100-200 REQUESTS A DAY FOR THREE WEEKS (mixed: LIMA questions,
# bucket 0 of 2, with their stored answers, and "curious learner" questions written here from a topic
# grammar; a patient operator in Toronto, UTC-5, on openai-python, streaming like a chat client).
# Each evening (18:00-23:30 local) one worker pretends to be a person: a question, sometimes one or
# two deepening follow-ups, gaps from reading and typing times plus 20-120 s, until the day's quota
# (100-200 requests). 21 days. T 0.7. Replies: LIMA's stored answer for its first turns, else stubs.
SD_OPEN = ("I've always wondered: {q}", "{q}", "Quick one - {q}", "{q} I'd love a thorough answer.", "Can you help me understand {t}? {q}",
           "I'm reading about {t}. {q}")  # fmt: skip
SD_Q = ("why does {t} matter so much?", "how does {t} actually work under the hood?", "what would happen if {t} stopped existing?",
        "what are the biggest open questions about {t}?", "how would you teach {t} to someone with no background?",
        "what do experts disagree about regarding {t}?", "what's the history behind {t}?", "what are practical uses of {t} in daily life?")  # fmt: skip
SD_TOPICS = ("plate tectonics", "the immune system", "inflation", "sourdough fermentation", "the placebo effect", "quantum tunnelling",
             "the Roman road network", "jet streams", "public-key cryptography", "bird migration", "supply and demand", "sleep cycles",
             "the printing press", "antibiotic resistance", "tidal energy", "the French Revolution", "game theory", "noise-cancelling headphones",
             "the gut microbiome", "black holes", "central banks", "how vaccines are tested", "the history of jazz", "container shipping",
             "glaciers", "the stock market", "bees", "language acquisition", "GPS", "volcanoes", "opera", "compilers", "wine making")  # fmt: skip
SD_FOLLOW = ("Can you go deeper on the second point?", "Give me a concrete example.", "What's a common misconception about that?",
             "How would you explain that to a 12-year-old?", "What are good sources to read more?", "Can you summarise all that in 5 bullet points?",
             "Interesting - and what are the counterarguments?")  # fmt: skip


def slow_drip() -> list[KeyTraffic]:
    rng = R("slow")
    p = {"temperature": 0.7, "stream": True}
    lima = share("lima", 2, 0)
    rng.shuffle(lima)
    out: list[Request] = []
    for day in range(21):
        quota, sent = rng.randint(100, 200), 0
        t = utc(day, rng.uniform(18.0, 19.5), -5.0)
        while sent < quota and t < utc(day, 23.5, -5.0):
            if lima and rng.random() < 0.3:
                r = lima.pop()
                turns, reps, item = [r.first], (r.answer,), r.id
            else:
                topic = rng.choice(SD_TOPICS)
                turns, reps, item = (
                    [rng.choice(SD_OPEN).format(q=rng.choice(SD_Q).format(t=topic), t=topic)],
                    (),
                    "",
                )
            turns += rng.sample(SD_FOLLOW, rng.choices((0, 1, 2), (0.55, 0.35, 0.1))[0])
            job = chain(turns, p, None, reps, item, True)
            for q in job:
                q.ts = t
                t += think(rng, len(q.reply or ""), 120) + rng.uniform(20, 120)
            out += job
            sent += len(job)
    kt = key("d28-slow", "slow_drip", "distiller", "distiller", cl(rng, "openai-python"), out,
             "simulated: evenings 18:00-23:30 (UTC-5), one worker paced like a reader plus 20-120 s, 100-200 requests a day, 21 days",
             ("lima",), days=21)  # fmt: skip
    return [kt]


# =============================================================================================
# DISTILLER 9. A "SUPPORT BOT" HARVEST OVER INVENTED TICKETS (a company selling a customer-service
# model to e-commerce shops, Manila, UTC+8; it never had real users: every ticket is generated here
# from 40 invented brands in ten sectors, issue templates with order numbers, device models and error
# codes, and customers' voices - angry, polite, terse, rambling, non-native - some in Spanish or
# German). The system prompt poses as each brand's support assistant with a policy snippet; every
# ticket is one request, never a follow-up. Key "live" spreads its tickets over a consumer day curve
# (a scheduler that imitates real traffic, 10 days); key "bulk" (another account, same card) runs 4
# workers over three nights. T 0.7, max_tokens 800. Replies: stubs.
SP_SECTORS = {
    "electronics": (("Voltari", "Brightbox", "Nuvo Audio", "Pixelon"), ("my {device} won't turn on", "the {device} screen flickers", "error code {code} on the {device}", "the {device} battery drains overnight"),
                    ("earbuds", "smartwatch", "tablet", "soundbar", "robot vacuum"), "Warranty 24 months; returns within 30 days if unused."),
    "fashion": (("Maison Lune", "Threadly", "Urbanfit", "Koa Wear"), ("the {device} I ordered is the wrong size", "{device} arrived with a hole", "I want to exchange the {device}", "my refund for the {device} hasn't arrived"),
                ("jacket", "sneakers", "dress", "jeans", "backpack"), "Free exchanges within 30 days; refunds in 5-7 business days."),
    "telecom": (("Skyline Mobile", "Connecta", "Wavelink", "Ponto Telecom"), ("no signal since {date}", "I was charged twice for my plan", "my {device} SIM isn't activating", "roaming charges I didn't expect"),
                ("eSIM", "prepaid", "5G", "family plan"), "Bill disputes need the invoice number; SIM swaps need ID in store."),
    "airlines": (("Aerolux", "Bluejet", "Norte Air", "Skyvia"), ("my flight {code} was cancelled", "lost baggage on flight {code}", "I need to change the name on my booking", "my seat was given away"),
                 ("checked bag", "carry-on", "booking"), "Rebooking free for cancellations; baggage claims within 7 days."),
    "banking": (("Fintra", "Capita Bank", "Moneo", "Greenleaf CU"), ("my card was declined at {date}", "I don't recognise a transaction of {amount}", "the app says error {code} on login", "transfer pending for 3 days"),
                ("debit card", "credit card", "savings account"), "Never ask for PINs or full card numbers; fraud goes to the 24/7 line."),
    "food delivery": (("Munchr", "Dashfood", "Platto", "Greenbowl"), ("my order {code} never arrived", "items missing from my order", "the food was cold", "I was charged a delivery fee twice"),
                      ("order", "meal box", "grocery order"), "Refunds for missing items as credit or to card; photos help."),
    "software": (("Taskwise", "Cloudnest", "Formly", "Ledgera"), ("can't log in, error {code}", "my data disappeared after the update", "how do I export to CSV", "I was billed after cancelling"),
                 ("workspace", "team plan", "mobile app"), "Refunds within 14 days of renewal; data restores up to 30 days."),
    "home appliances": (("Kalda", "Frostline", "Aquaro", "Homeo"), ("the {device} is leaking", "{device} shows error {code}", "the technician didn't come on {date}", "a part of the {device} broke"),
                        ("washing machine", "fridge", "dishwasher", "oven"), "Technician visits free under warranty; book 48 h ahead."),
    "fitness": (("Pulsefit", "Stridr", "Corewell", "Motiv"), ("cancel my membership", "the {device} isn't syncing", "I was charged after freezing my account", "class booking shows error {code}"),
                ("tracker", "bike", "app subscription"), "Cancellation with 30 days' notice; freezes up to 3 months."),
    "travel": (("Roamly", "Stayra", "Tripnest", "Vistago"), ("the hotel cancelled my booking {code}", "refund for my cancelled tour", "I was charged in the wrong currency", "the room was not as described"),
               ("hotel", "tour", "car rental"), "Free cancellation as per the rate; partner disputes take up to 10 days."),
}  # fmt: skip
SP_VOICES = ("{issue}. Order {order}. Please fix this.", "Hello, I hope you can help. {issue}. My order number is {order}. Thank you in advance.",
             "{issue}!!! this is the third time I contact you. order {order}. I want a refund NOW", "{issue}", "hi {issue} what do i do",
             "Good day. I am writing because {issue}. I have tried restarting and waiting but nothing. Reference {order}. Kind regards, {name}",
             "So I ordered a while ago and everything was fine at first but then {issue}, and honestly I'm not sure what to do because the app says one thing and the email says another. order {order}",
             "Hola, {issue}. Mi pedido es {order}. Gracias.", "Hallo, {issue}. Bestellnummer {order}. Bitte um Rückmeldung.")  # fmt: skip
SP_SYSTEM = ("You are the customer support assistant for {brand}, a {sector} company. Be empathetic and concise, solve the issue if you "
             "can, and explain next steps. Policy: {policy} If you cannot resolve it, offer to escalate to a human agent.")  # fmt: skip


def _sp_ticket(rng: random.Random) -> tuple[str, str]:
    sector = rng.choice(sorted(SP_SECTORS))
    brands, issues, devices, policy = SP_SECTORS[sector]
    brand = rng.choice(brands)
    issue = rng.choice(issues).format(device=rng.choice(devices), code=f"{rng.choice('ABEFKX')}{rng.randint(10, 999)}",
                                      date=f"{rng.randint(1, 28)}/{rng.randint(1, 3)}", amount=f"${money(rng, 3, 600)}")  # fmt: skip
    text = rng.choice(SP_VOICES).format(
        issue=issue, order=f"#{rng.randint(100000, 999999)}", name=rng.choice(FIRST)
    )
    text = typo(rng, text[0].upper() + text[1:] if rng.random() < 0.6 else text, 0.05)
    subject = rng.choice(("", f"Subject: {issue[:40]}\n\n", "Subject: Help\n\n", "Subject: complaint\n\n"))
    return subject + text, SP_SYSTEM.format(brand=brand, sector=sector, policy=policy)


def _sp_ask(rng: random.Random, p: dict) -> Request:
    text, system = _sp_ticket(rng)
    return ask(text, p, system, "", True)


def support_shaped() -> list[KeyTraffic]:
    rng = R("support")
    p = {"temperature": 0.7, "max_tokens": 800}
    card = dict(account(rng))["payment_fingerprint"]
    keys = []
    krng = R("support", "live")
    times = arrivals(krng, range(1, 11), 165, CONSUMER, 8.0, weekend=0.8)
    out = [_sp_ask(krng, p) for _ in times]
    for q, t in zip(out, times, strict=True):
        q.ts = t
    keys.append(key("d28-support-live", "support_shaped", "distiller", "distiller", cl(krng, "openai-js", payment_fingerprint=card), out,
                    "simulated: a scheduler imitating a consumer day curve (UTC+8), 10 days, one request per ticket",
                    actor="d28-support", part="live", tickets=len(out)))  # fmt: skip
    krng = R("support", "bulk")
    jobs = [[_sp_ask(krng, p)] for _ in range(1500)]
    out = []
    for night in (10, 11, 12):
        out += run(
            krng,
            utc(night, 0.5, 8.0) + krng.uniform(0, 900),
            jobs[(night - 10) * 500 : (night - 9) * 500],
            4,
            250,
        )[0]
    keys.append(key("d28-support-bulk", "support_shaped", "distiller", "distiller", cl(krng, "openai-python", payment_fingerprint=card), out,
                    "simulated: three nights from 00:30 (UTC+8), 4 workers", actor="d28-support", part="bulk", tickets=len(out)))  # fmt: skip
    return keys


BENIGN = (
    ecommerce_catalogue,
    localisation,
    bank_disputes,
    npc_dialogue,
    tutoring_app,
    data_cleaning,
    unit_tests,
    french_power_user,
    puzzle_eval,
    ab_copy,
    consultancy_chat,
    course_assistant,
)
DISTILL = (
    capability_grid,
    portuguese_german_selfinstruct,
    json_records,
    code_specs,
    math_word_problems,
    logprob_short,
    grid_farm,
    slow_drip,
    support_shaped,
)

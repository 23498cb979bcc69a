"""Blind persona set 33 (an outside reviewer): 13 benign keys (12 builders), 10 distiller actors on 19 keys.

Written blind: without reading the detector's code, docs, tests or results. What was read, all of it:
src/stillroom/detector/types.py (lines 1-150, in full); the realtraffic helpers __init__.py (1-27), records.py
(1-148), timing.py (1-146), clients.py (1-82), pools.py (1-178) and context.py (1-134), each in full (benign,
distill, evals, wordings, suite and replay were not opened; importing the helpers runs the package's __init__,
which imports them). Of the earlier blind sets: round32.py lines 1-624 and 1312-1604 (docstring, imports,
helpers, generators, its distiller builders and the BENIGN/DISTILL registries; the display cut lines ~625-1311)
and round31.py lines 1-200 (docstring, imports, helpers) plus a grep of its top-level `def`, constant and import
lines; rounds 2 and 28-30, whose helpers those two import, were not opened, so this file imports nothing from
bench/blind and writes its own helpers on top of realtraffic's. apps.py and attacks.py were not opened. An `ls`
of bench/blind/ and of src/stillroom/detector/realtraffic/, and a `wc -l` of bench/blind/*.py and of the seven
files above, showed names and sizes. Also
pyproject.toml's [tool.ruff] sections, ../shared/STYLE.md (1-83, in full), ../shared/traffic/README.md (in
full) and its file listing, and one-off run-time looks at the traffic files: row counts, `extra` field names,
turn-count histograms, median first-turn lengths, counts of stored answers, `lang`/`category`/`task`/`subset`/
`instruction_type`/`origin` value counts, id formats and uniqueness, oasst2's trees and `created` range,
duplicate first turns, first turns over 4,000 characters, and the bucket sizes below (no text of that folder is
copied here; rows are read at run time). No git command was run. ALL parameters below were fixed before
anything was run and none is tuned on an outcome (there is none to see: the writer built the traffic only - to
check that it imports, builds identically twice, uses no row in two personas and that the volumes came out as
estimated, printing two sampled requests per key - and replayed nothing). Before the first build the text
generators were tried on their own (samples, counts of distinct outputs); that fixed grammar and a slot bug,
enlarged the Spanish and code slot lists, and set the consultant's and developer's volumes to what their
generators fill without repeats. Changes after the first build, none to a rate, volume or share: Fixwell's DIY
titles draw the appliance and its fault together; day-shaped arrivals east of UTC start at the suite's day 0
(two keys had begun hours before it); the instrument classification's labels read "a string instrument";
Parley's staging key got its own persona name; `ruff format`, two `ruff check` fixes, and literal tuples the
formatter had split one item a line put back on one line under `# fmt: skip`. After the first replay (session 44's
review): its own copies of the traffic reader, the oasst2 timing and `dealt` replaced by round2's `src` / `htiming`
and round31's `dealt`, the same functions (every key's requests hashed before and after: identical).

Focus: THE PLAIN CASES, WRITTEN BY PEOPLE WHO NEVER SAW THIS DETECTOR. Distillers do what public distillation
repos and posts do, with no disguise: replay a human-written instruction set, community questions, an Alpaca
template, Orca system messages over FLAN-style tasks, an OpenHermes-like jsonl mixture, whole conversations
turn by turn, logprob harvesting; one paces itself like a person for a month, one is a hydra of ten keys, one
hides as a quarter of a reseller's relayed traffic. The benign side is ordinary people and apps whose traffic
looks like that: a chat app, heavy users asking hundreds of questions a day, a Q&A site's answer button over
its own questions, a homework app, support drafts, a one-off evaluation, a company gateway, a labelling job,
a student running a public dataset once, a translation app.
Benign, 13 keys (17,701 requests): Parley, a chat app's backend (Arena, oasst2 and hh-rlhf conversations and
generated everyday asks in English and Spanish with follow-ups; UTC-5; 2,634) and its staging key (a 40-prompt
smoke set after 13 deploys, ad-hoc pokes; 583); three heavy users at ~115-145 a day on 5-9 working days - a
Berlin developer's code questions (1,288), a US journalist's Natural Questions look-ups and writing asks
(1,318), a Madrid consultant's Spanish work asks and oasst2 Spanish conversations (654); Fixwell's "AI answer"
button, one call per new community question (written here, seven boards) and a 420-question backfill (1,575);
Owlnote, a homework app's sessions after school (1,800); Ledgerly's support agents drafting replies from
macros, regenerating a fifth (1,192); a researcher's one-off TruthfulQA (completions, six-shot primer, greedy,
seed 1234) and MT-Bench (both turns, FastChat temperatures) afternoon (970); Harrowgate's company gateway
(office tasks, code, everyday asks, Arena conversations; 2,236); a labelling job over Natural Questions queries
with one JSON template, a tenth re-judged (1,311); a student's 300 CodeAlpaca items once and 40 again (340); a
translation app in six languages (1,800).
Distillers, 10 actors on 19 keys (17,299 requests, 15,379 of them the harvest): a Dolly-style replay of 2,000
generated human-style instructions (eight categories, context paragraphs about invented towns, people, firms,
species, bridges and albums), 16 workers, crashed and resumed (2,000); a LIMA replay with a re-ask of 15% at a
larger max_tokens (596); the Alpaca template around CodeAlpaca and BELLE instructions over three evenings
(1,871); Orca-style system messages over 2,000 generated FLAN-style tasks and the Orca pairs' prompts, 32
workers (2,284); an OpenHermes-like jsonl mixture (ShareGPT, Evol-Instruct, BELLE, Huatuo, generated code and
maths) in three 48-worker shards with timeout retries (2,154); a slow pacer sending InstructionWild English
prompts and LIMA questions ~45 a day for a month (1,389); a hydra of ten keys (one script's user agent, ten
accounts on three signup networks) each replaying its own slice of Huatuo with a doctor's system prompt on its
own day (180 each, 137 on the last; 1,757); a Singapore reseller whose relayed users (Arena, hh-rlhf, everyday
asks in six languages; 1,920, benign) carry one customer's weekday harvest of InstructionWild Chinese prompts
and Chinese ShareGPT first turns (640, 25%); ShareGPT conversations replayed turn by turn resending their
stored replies (1,568); logprob harvesting (top_logprobs 20, temperature 1.0) over MOSS first turns (1,120).

Row allotment (a stable hash salted "r33", in `share`; first turns over 4,000 characters left out): arena_even
in 3 - 0 Parley (253), 1 Harrowgate (253), 2 the reseller's users (247); hh_rlhf_harmless_test in 2 - 0 Parley
(its first 500 dealt), 1 the reseller's users (its first 200); oasst2_threads by conversation tree (one thread
a tree, `threads`) in 2 - 0 Parley (259), 1 the consultant (its 84 Spanish trees); nq_open_dev in 3 - 0 the
labelling job (1,192), 1 the journalist (500 of 1,221); codealpaca_2k in 3 - 0 and 1 the Alpaca script
(1,371), 2 the student (300 of 644); belle_dev1k in 2 - 0 the Hermes mixture, 1 the Alpaca script;
sharegpt_en_sample in 2 - 0 the turn-by-turn replay (450), 1 the Hermes mixture (491); huatuo_med_zh in 5 - 0,
1 and 2 the hydra (1,757), 3 the Hermes mixture (614); lima in 2 - 0 the LIMA replay, 1 the pacer;
instructionwild's English rows the pacer and its Chinese rows the reseller's customer; sharegpt_zh_1k bucket 0
of 2 the reseller's customer (dealt with the Chinese InstructionWild rows, cut where the harvest reaches 25%);
evol_instruct_h2o and orca_dpo_pairs_val whole to Hermes and Orca; moss_sft_sample whole to the logprob
harvest; truthfulqa and mt_bench whole to the researcher. Unlisted buckets are unused; no row is used by two
personas (a persona may send its own row twice: the student's re-run, the LIMA re-ask, Hermes's retries).

Timing is simulated everywhere, from realtraffic.timing: people's conversations start on `diurnal` day cycles
or hourly office and school curves (weekends scaled), turns follow `think`; heavy users and the pacer follow
`paced` (oasst2's real in-session gaps, rescaled); scripts run as worker pools (`context.run_jobs`, reply-length
driven) or one throttled worker (`throttled`). Replies: the stored replies of stored rows, else the helpers'
stub reply; the turn-by-turn replay resends stored replies (records' `resend`). Every harvest request is marked
`distill`; the reseller's relayed requests are not; no benign request is.
"""

from __future__ import annotations

import math
import random
import re
import zlib
from datetime import UTC, datetime

from blind.round2 import htiming, src  # round 2's reader of ../shared/traffic and its oasst2 timing
from blind.round31 import dealt
from stillroom.detector.realtraffic.clients import client
from stillroom.detector.realtraffic.context import run_jobs, service_time
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import (
    Client,
    KeyTraffic,
    Request,
    chat_requests,
    completion_request,
)
from stillroom.detector.realtraffic.timing import (
    DAY,
    diurnal,
    paced,
    think,
    throttled,
)

EPOCH = datetime(2026, 3, 2, tzinfo=UTC).timestamp()  # Monday 2 March 2026, the earlier rounds' day 0
DAYS = range(21)  # three weeks; the slow pacer runs on past them
Job = tuple[Row | None, list[Request]]


# =============================================================================================
# HELPERS: rows, clocks, keys, requests and the ways scripts and people send them.
def R(*names: object) -> random.Random:
    return random.Random("blind33:" + ":".join(map(str, names)))


def share(name: str, n: int, *keep: int, longest: int = 4000) -> list[Row]:
    """The rows of a source whose stable hash bucket of n (salted "r33") is one of `keep` and whose first
    turn has at most `longest` characters, in file order."""
    return [
        r
        for r in src(name)
        if zlib.crc32(f"r33:{r.file}:{r.id}".encode()) % n in keep and len(r.first) <= longest
    ]


def lt(day: float, hour: float) -> float:
    """A moment on the local clock frame (local midnight of day 0 = EPOCH); minus tz x 3600 gives UTC."""
    return EPOCH + day * DAY + hour * 3600


def utc(day: float, hour: float, tz: float) -> float:
    return lt(day, hour) - tz * 3600


def shift(times: list[float], tz: float) -> list[float]:
    """Times drawn on the local frame (timing's helpers read hours as UTC) moved to real UTC."""
    return [t - tz * 3600 for t in times]


def cl(rng: random.Random, software: str | None = None, system: str | None = None, ua: str | None = None,
       **shared: str) -> Client:  # fmt: skip
    return client(rng, software, system, ua, **shared)


def key(key_id: str, persona: str, label: str, kind: str, cli: Client, requests: list[Request], timing: str,
        sources: tuple[str, ...] = (), actor: str | None = None, **settings: object) -> KeyTraffic:  # fmt: skip
    reqs = sorted(requests, key=lambda q: q.ts)
    return KeyTraffic(
        key_id, persona, label, kind, actor or key_id, cli, reqs, timing, sources, dict(settings)
    )  # type: ignore[arg-type]


def ask(text: str, params: dict, system: str | None = None, item: str = "", distill: bool = False,
        reply: str | None = None) -> Request:  # fmt: skip
    """One single-turn chat request (its time is set by whoever sends it)."""
    return chat_requests([text], [reply], [0.0], params, system, item, distill)[0]


def row_ask(
    r: Row, params: dict, system: str | None = None, distill: bool = False, text: str | None = None
) -> Request:
    return ask(r.first if text is None else text, params, system, r.id, distill, r.answer)


def talk(rng: random.Random, t: float, turns: list[str], replies: list[str | None], params: dict,
         system: str | None = None, item: str = "", distill: bool = False, resend: bool = False) -> list[Request]:  # fmt: skip
    """A conversation from `t`, each turn after the reply to the last is read and the next typed (or, for a
    script, after the reply is back); stored replies stand for the served ones (stubs where absent)."""
    times = [t]
    for i in range(1, len(turns)):
        prev = replies[i - 1] if i - 1 < len(replies) else None
        t += think(rng, len(prev) if prev else 900, len(turns[i]))
        times.append(t)
    return chat_requests(list(turns), list(replies), times, params, system, item, distill, resend)


def batches(rng: random.Random, days, hour: float, tz: float, jobs: list[Job], workers: int, tokens: int = 300,
            jitter: float = 1800.0) -> list[Request]:  # fmt: skip
    """The jobs split evenly over `days`, each day's share run by a pool of `workers` from local `hour`."""
    days = list(days)
    per = -(-len(jobs) // len(days))
    out: list[Request] = []
    for i, d in enumerate(days):
        chunk = jobs[i * per : (i + 1) * per]
        if chunk:
            out += run_jobs(rng, utc(d, hour, tz) + rng.uniform(0, jitter), chunk, workers, tokens)
    return out


def trickle(rng: random.Random, start: float, jobs: list[Job], pause: tuple[float, float]) -> list[Request]:
    """One worker that sleeps U(pause) after each reply (a script staying under its rate limit)."""
    flat = [(row, q) for row, reqs in jobs for q in reqs]
    times = throttled(rng, start, [service_time(rng, row, q.params) for row, q in flat], pause)
    for (_, q), t in zip(flat, times, strict=True):
        q.ts = t
    return [q for _, q in flat]


def at(times: list[float], reqs: list[Request]) -> list[Request]:
    for t, q in zip(times, reqs, strict=True):
        q.ts = t
    return reqs


def poisson(rng: random.Random, lam: float) -> int:
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    k, p, floor = 0, 1.0, math.exp(-lam)
    while True:
        p *= rng.random()
        if p < floor:
            return k
        k += 1


# Hourly shapes on the local clock.
OFFICE = (0, 0, 0, 0, 0, 0, 0.05, 0.3, 0.8, 1, 1, 0.9, 0.6, 0.8, 1, 0.95, 0.8, 0.5, 0.2, 0.1, 0.05, 0.03, 0, 0)  # fmt: skip
SCHOOL = (0.05, 0, 0, 0, 0, 0, 0.05, 0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.2, 0.4, 0.7, 0.9, 0.9, 0.8, 1, 1, 0.9, 0.5, 0.2)  # fmt: skip


def hourly(
    rng: random.Random, days, per_day: float, tz: float, curve: tuple, weekend: float = 1.0
) -> list[float]:
    """Poisson arrivals with an hourly shape on the local clock; weekends scaled by `weekend`."""
    out: list[float] = []
    total = sum(curve)
    for d in days:
        f = weekend if d % 7 >= 5 else 1.0
        for h, w in enumerate(curve):
            out += [utc(d, h + rng.random(), tz) for _ in range(poisson(rng, per_day * f * w / total))]
    return sorted(out)


def consumer(rng: random.Random, n: int, tz: float, days: int = 21) -> list[float]:
    """n arrivals of many independent users over `days`: timing's daily cycle, peaking 15:00 local."""
    return shift(diurnal(rng, lt(0, max(tz, 0.0)), n, n / days), tz)


def workdays(rng: random.Random, days, hour: float, tz: float, n_per_day: list[int], per_day: float,
             hours: float) -> list[float]:  # fmt: skip
    """A heavy user's working days: oasst2-shaped gaps rescaled to `per_day` (timing's `paced`)."""
    out: list[float] = []
    for d, n in zip(days, n_per_day, strict=True):
        out += shift(paced(rng, htiming(), lt(d, hour + rng.uniform(-0.5, 0.75)), n, per_day, hours), tz)
    return out


SLOT = re.compile(r"\{(\w+)\}")


def fill(rng: random.Random, template: str, slots: dict) -> str:
    """Every {name} replaced by a choice from slots[name]; a name used twice gets the same value."""
    got: dict[str, str] = {}
    return SLOT.sub(lambda m: got.setdefault(m.group(1), str(rng.choice(slots[m.group(1)]))), template)


# =============================================================================================
# NAMES AND PLACES (written here).
FIRST = ("Anna", "Ben", "Carlos", "Dana", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Liam", "Maya", "Nikos", "Olga",
         "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Viktor", "Wen", "Yara", "Zoe", "Marta", "Tomás", "Aisha", "Lukas", "Chloé")  # fmt: skip
LAST = ("Okafor", "Lindqvist", "Moreau", "Haddad", "Kowalski", "Tanaka", "Fischer", "Rossi", "Nguyen", "Brennan", "Silva", "Petrov",
        "Hughes", "Jensen", "Castillo", "Novak", "Adeyemi", "Schmidt", "Costa", "Ibrahim", "Walsh", "Mehta", "Duarte", "Larsen")  # fmt: skip
CITIES = ("Lisbon", "Kyoto", "Chicago", "Edinburgh", "Cape Town", "Vancouver", "Hanoi", "Seville", "Melbourne", "Prague", "Oaxaca",
          "Reykjavik", "Lyon", "Krakow", "Montreal", "Porto", "Istanbul", "Bangkok", "Boston", "Munich")  # fmt: skip


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


# =============================================================================================
# ENCYCLOPEDIA-STYLE PARAGRAPHS about invented towns, people, companies, species, bridges and albums: the
# contexts of the Dolly-style closed QA, summarisation and extraction items, and of the FLAN-style reading
# items. Each comes with questions its text answers.
TOWN_A = ("Ash", "Bel", "Cran", "Dun", "Elm", "Fen", "Glen", "Hart", "Kel", "Lang", "Mar", "Nor", "Oak", "Pen", "Ros", "Stan", "Thorn", "Wey")  # fmt: skip
TOWN_B = ("bury", "ford", "ham", "ley", "mouth", "stead", "ton", "wick", "by", "field", "more", "dale")
REGIONS = (("Lower Saxony", "Germany", "Hanover"), ("Ontario", "Canada", "Toronto"), ("Andalusia", "Spain", "Seville"),
           ("Victoria", "Australia", "Melbourne"), ("Bohemia", "the Czech Republic", "Prague"), ("Jutland", "Denmark", "Aarhus"),
           ("Minas Gerais", "Brazil", "Belo Horizonte"), ("Kerala", "India", "Kochi"), ("Hokkaido", "Japan", "Sapporo"),
           ("Wisconsin", "the United States", "Milwaukee"), ("Yorkshire", "England", "Leeds"), ("Galicia", "Spain", "Vigo"))  # fmt: skip
RIVERS = ("Aller", "Tessel", "Brann", "Ouse", "Varda", "Lune", "Mirro", "Kessa", "Dorne", "Wend")
GENRES = ("indie rock", "folk", "synth-pop", "post-punk", "jazz fusion", "country", "shoegaze", "hip hop")
ANIMALS = (("frog", "amphibian", "Ranidae"), ("gecko", "lizard", "Gekkonidae"), ("warbler", "songbird", "Sylviidae"),
           ("shrew", "mammal", "Soricidae"), ("catfish", "ray-finned fish", "Siluridae"), ("beetle", "insect", "Carabidae"),
           ("bat", "mammal", "Vespertilionidae"), ("newt", "amphibian", "Salamandridae"))  # fmt: skip
ADJ = ("spotted", "lesser", "golden", "mountain", "long-tailed", "dusky", "red-throated", "marsh", "striped", "pale")  # fmt: skip
LATIN_A = ("Hylo", "Cyrto", "Phyllo", "Micro", "Xeno", "Lepto", "Ortho", "Callo")
LATIN_B = ("montana", "pallida", "aurea", "minor", "striata", "borealis", "fusca", "palustris")
HABITATS = ("damp forest floors", "fast mountain streams", "reed beds", "dry scrubland", "coastal dunes", "old oak woodland")  # fmt: skip
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")  # fmt: skip
JOBS = (("jazz pianist", "the album {w}", "won the Nordic Music Prize"), ("marathon runner", "winning the {c} Marathon twice", "set a national record"),
        ("architect", "the {w} concert hall", "received the Aga Khan Award"), ("novelist", "the novel {w}", "were shortlisted for the Booker Prize"),
        ("marine biologist", "research on deep-sea corals", "led an expedition to the Weddell Sea"), ("chef", "the restaurant {w}", "earned a Michelin star"),
        ("cyclist", "winning a stage of the Giro d'Italia", "won the national road race"), ("photographer", "the series {w}", "had a retrospective at MoMA"))  # fmt: skip
WORKS = ("Low Tide", "The Glass Orchard", "North of Ordinary", "Salt and Iron", "Quiet Engines", "Paper Lanterns", "Saltmarsh", "The Long Field")  # fmt: skip
INDUSTRIES = (("software", "invoicing tools for small firms"), ("food", "frozen dumplings"), ("energy", "home batteries"), ("textile", "outdoor jackets"),
              ("logistics", "last-mile delivery"), ("toy", "wooden construction kits"), ("medical device", "hearing aids"), ("furniture", "flat-pack desks"))  # fmt: skip
PARENTS = ("Siemens", "Unilever", "Nestlé", "a private equity fund", "Schneider Electric", "a Japanese trading house")  # fmt: skip


def wiki(rng: random.Random) -> tuple[str, str, list[str]]:
    """(title, paragraph, questions the paragraph answers)."""
    kind = rng.choice(("town", "person", "company", "species", "bridge", "album"))
    y = rng.randint(1950, 2019)
    if kind == "town":
        name, (reg, country, city) = rng.choice(TOWN_A) + rng.choice(TOWN_B), rng.choice(REGIONS)
        census, pop, built = (
            rng.choice((2011, 2016, 2020, 2021)),
            rng.randrange(2400, 98000, 7),
            rng.randint(1200, 1890),
        )
        land = rng.choice(
            (
                "St. Mary's Church",
                "the old town hall",
                "a covered market",
                "the castle ruins",
                "a brick water tower",
            )
        )
        text = (f"{name} is a market town in {reg}, {country}. It lies on the River {rng.choice(RIVERS)}, about {rng.randint(8, 140)} km "
                f"{rng.choice(('north', 'south', 'east', 'west', 'north-east', 'south-west'))} of {city}. At the {census} census it had a population of "
                f"{pop:,}. The town grew up around {rng.choice(('a wool market', 'salt mining', 'a river port', 'iron works', 'a monastery', 'the railway'))} "
                f"in the {rng.choice(('12th', '14th', '16th', '18th', '19th'))} century, and today its economy relies mainly on "
                f"{rng.choice(('tourism', 'logistics', 'food processing', 'a large hospital', 'small engineering firms', 'wine making'))}. "
                f"Its best-known landmark is {land}, completed in {built}.")  # fmt: skip
        qs = [f"How many people lived in {name} at the {census} census?", f"Which river does {name} lie on?", f"What does the economy of {name} rely on today?",
              f"When was {land} in {name} completed?", f"In which country is {name}?"]  # fmt: skip
        return name, text, qs
    if kind == "person":
        name, (job, known, feat) = person(rng), rng.choice(JOBS)
        city, born = rng.choice(CITIES), rng.randint(1948, 1996)
        known = known.format(w=rng.choice(WORKS), c=rng.choice(CITIES))
        text = (f"{name} (born {rng.randint(1, 28)} {rng.choice(MONTHS)} {born}) is a {job} from {city}. They are best known for {known}. "
                f"After studying {rng.choice(('music', 'law', 'biology', 'engineering', 'history', 'economics'))} at university, {name.split()[0]} "
                f"worked for {rng.randint(2, 9)} years as {rng.choice(('a teacher', 'a journalist', 'a lab technician', 'a waiter', 'a civil servant'))} "
                f"before turning professional in {born + rng.randint(22, 30)}. In {born + rng.randint(31, 40)} they {feat}. "
                f"{name.split()[0]} lives in {rng.choice(CITIES)} with {rng.choice(('their partner and two children', 'three cats', 'their family'))}.")  # fmt: skip
        qs = [f"What is {name} best known for?", f"When did {name} turn professional?", f"What did {name} study?", f"Where is {name} from?",
              f"What did {name} do before turning professional?"]  # fmt: skip
        return name, text, qs
    if kind == "company":
        co = rng.choice(TOWN_A) + rng.choice(("ly", "io", "tek", "worx", "ana", "ora"))
        (ind, prod), staff = rng.choice(INDUSTRIES), rng.randrange(40, 9000, 10)
        text = (f"{co} is a {ind} company headquartered in {rng.choice(CITIES)}. It was founded in {y} by {person(rng)} and {person(rng)}, "
                f"who started by selling {prod} from a rented garage. As of {min(2025, y + rng.randint(4, 30))}, the company employed about {staff:,} "
                f"people and reported revenue of {rng.randint(3, 900)} million euros. In {min(2025, y + rng.randint(3, 25))} it was acquired by "
                f"{rng.choice(PARENTS)}, but it still operates under its own name.")  # fmt: skip
        qs = [
            f"Who founded {co}?",
            f"When was {co} founded?",
            f"How many people does {co} employ?",
            f"Who acquired {co}?",
            f"What did {co} sell first?",
        ]
        return co, text, qs
    if kind == "species":
        (animal, group, fam), adj = rng.choice(ANIMALS), rng.choice(ADJ)
        name = f"{adj} {animal}"
        m1 = rng.randrange(12)
        text = (f"The {name} ({rng.choice(LATIN_A)}{rng.choice(('ps', 'ra', 'tis', 'mys'))} {rng.choice(LATIN_B)}) is a species of {group} in the "
                f"family {fam}. It is native to {rng.choice(REGIONS)[0]}, where it lives in {rng.choice(HABITATS)}. Adults reach {rng.randint(3, 40)} cm "
                f"in length. The species feeds mainly on {rng.choice(('insects', 'snails', 'seeds', 'small fish', 'worms', 'spiders'))} and breeds between "
                f"{MONTHS[m1]} and {MONTHS[(m1 + rng.randint(2, 4)) % 12]}. It was first described in {rng.randint(1790, 1960)} and is listed as "
                f"{rng.choice(('Least Concern', 'Near Threatened', 'Vulnerable', 'Endangered'))} by the IUCN.")  # fmt: skip
        qs = [f"How big does the {name} get?", f"What does the {name} eat?", f"When does the {name} breed?", f"What is the conservation status of the {name}?",
              f"Where does the {name} live?"]  # fmt: skip
        return f"the {name}", text, qs
    if kind == "bridge":
        name, (reg, country, city) = (
            rng.choice(TOWN_A) + rng.choice(("gate", "water", "moor")),
            rng.choice(REGIONS),
        )
        span, opened = rng.randrange(120, 1400, 5), rng.randint(1890, 2018)
        text = (f"The {name} Bridge is a {rng.choice(('suspension', 'cable-stayed', 'steel arch', 'cantilever'))} bridge over the River "
                f"{rng.choice(RIVERS)} near {city}, {country}. Construction began in {opened - rng.randint(2, 6)} and the bridge opened in {opened}, at a "
                f"cost of {rng.randint(4, 900)} million. With a main span of {span} metres it was the longest of its kind in {country} until "
                f"{opened + rng.randint(8, 40)}. It carries {rng.choice(('four lanes of traffic', 'a railway line and a footpath', 'two lanes and a tram line'))}, "
                f"and about {rng.randrange(5000, 90000, 500):,} vehicles cross it each day.")  # fmt: skip
        qs = [f"When did the {name} Bridge open?", f"How long is the main span of the {name} Bridge?", f"What does the {name} Bridge carry?",
              f"How many vehicles cross the {name} Bridge each day?", f"When did construction of the {name} Bridge begin?"]  # fmt: skip
        return f"the {name} Bridge", text, qs
    album, band = (
        rng.choice(WORKS),
        "The "
        + rng.choice(("Velvet", "Paper", "Northern", "Hollow", "Silver", "Static"))
        + " "
        + rng.choice(("Owls", "Tides", "Engines", "Saints", "Foxes", "Kites")),
    )
    text = (f"{album} is the {rng.choice(('debut', 'second', 'third', 'fourth'))} studio album by the {rng.choice(GENRES)} band {band}, released on "
            f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {y}. It was recorded over {rng.randint(2, 12)} weeks in {rng.choice(CITIES)} and produced by "
            f"{person(rng)}. The album reached number {rng.randint(1, 40)} on the national albums chart and produced the singles "
            f"\"{rng.choice(WORKS)}\" and \"{rng.choice(('Harbour Lights', 'Static Summer', 'Wire', 'Kite Season', 'Blue Hour'))}\". Critics praised its "
            f"{rng.choice(('lyrics', 'production', 'vocals', 'ambition', 'warmth'))}, though some found it {rng.choice(('too long', 'uneven', 'derivative'))}.")  # fmt: skip
    qs = [f"Who produced {album} by {band}?", f"When was {album} released?", f"Which singles came from {album}?", f"How long did {band} take to record {album}?",
          f"What did critics think of {album}?"]  # fmt: skip
    return f"{album} ({band} album)", text, qs


# =============================================================================================
# DOLLY-STYLE INSTRUCTIONS (the human-written kind: short, plain, now and then a little sloppy), eight
# categories; closed QA, summarisation and extraction carry a context paragraph.
CONCEPTS = ("a hedge fund", "photosynthesis", "a black hole", "inflation", "a sonnet", "the offside rule in football", "a mortgage", "machine learning",
            "a haiku", "the Doppler effect", "a Roth IRA", "compound interest", "a sourdough starter", "the gig economy", "a VPN", "an index fund",
            "the placebo effect", "a solar eclipse", "a tiebreak in tennis", "blockchain", "the Krebs cycle", "a filibuster", "a bear market",
            "the Turing test", "a watershed", "a fjord", "an alloy", "umami", "the butterfly effect", "a supply chain", "the gut microbiome",
            "a caucus", "a hat trick", "plate tectonics", "a monsoon", "a Gantt chart", "a credit score", "a tsunami", "a carbon footprint", "an API",
            "the Fibonacci sequence", "a prime number", "a leap year", "a time signature", "the Electoral College", "a sommelier", "quantitative easing",
            "a tariff", "a neural network", "a triathlon")  # fmt: skip
WHY = ("do cats purr", "do dogs wag their tails", "do birds migrate south in the winter", "do leaves change color in the fall", "do onions make you cry",
       "is the sky blue", "do people yawn", "do cats knead blankets", "does bread go stale", "does ice float", "do we get goosebumps",
       "do some people hate cilantro", "do planes leave white trails", "does the moon look bigger near the horizon", "do bees make honey",
       "do zebras have stripes", "do people snore", "do my ears pop on a plane", "is the ocean salty", "do we dream")  # fmt: skip
DIFF = (("a crocodile", "an alligator"), ("weather", "climate"), ("a virus", "a bacterium"), ("baking soda", "baking powder"), ("a stock", "a bond"),
        ("a latte", "a cappuccino"), ("a lake", "a pond"), ("RAM", "storage"), ("a violin", "a viola"), ("an emu", "an ostrich"),
        ("a democracy", "a republic"), ("rugby", "American football"), ("a tornado", "a hurricane"), ("empathy", "sympathy"), ("a comet", "an asteroid"),
        ("affect", "effect"), ("a credit card", "a debit card"), ("a crêpe", "a pancake"), ("a solicitor", "a barrister"), ("a frog", "a toad"),
        ("gross income", "net income"), ("skiing", "snowboarding"), ("jam", "jelly"), ("a rabbit", "a hare"), ("a cyclone", "a typhoon"),
        ("a will", "a trust"), ("a psychologist", "a psychiatrist"), ("a simile", "a metaphor"), ("a hurricane", "a typhoon"), ("an LLC", "a corporation"))  # fmt: skip
HOWTO = ("make a good cup of coffee", "change a flat tire", "start running if I have never run before", "get better at chess", "teach my dog to sit",
         "keep basil alive indoors", "make friends in a new city", "improve my credit score", "learn to play the guitar", "get rid of fruit flies",
         "prepare for a job interview", "stop procrastinating", "clean a cast iron pan", "choose a good watermelon", "fall asleep faster",
         "write a good resume", "start a vegetable garden", "save money on groceries", "learn a new language as an adult", "negotiate a higher salary",
         "remove a red wine stain", "prepare for a marathon", "get my toddler to eat vegetables", "become a better public speaker", "brew beer at home",
         "fix a squeaky door", "pick a ripe avocado", "set up a monthly budget", "start meditating", "make my own pasta")  # fmt: skip
BENEFITS = ("yoga", "drinking green tea", "learning a second language", "cold showers", "walking every day", "journaling", "owning a dog",
            "reading fiction", "eating oats for breakfast", "playing chess", "gardening", "swimming", "intermittent fasting", "strength training",
            "volunteering", "napping", "cycling to work", "meditation", "eating fermented food", "spending time in nature")  # fmt: skip
FACTS = ("Who wrote Pride and Prejudice?", "Who painted the Mona Lisa?", "What is the tallest mountain in the world?", "What is the capital of Australia?",
         "Who was the first person to walk on the moon?", "How many players are on a soccer team?", "When did World War II end?",
         "What is the largest ocean on Earth?", "Who invented the telephone?", "How many bones are in the human body?",
         "What is the boiling point of water at sea level?", "Who composed The Four Seasons?", "What is the longest river in Africa?",
         "Which planet is known as the Red Planet?", "Who developed the theory of general relativity?", "What language is spoken in Brazil?",
         "What year did the Berlin Wall fall?", "What is the chemical symbol for gold?", "Who wrote One Hundred Years of Solitude?",
         "How many strings does a standard guitar have?", "What is the smallest country in the world?", "Who was Ada Lovelace?",
         "What is the Great Barrier Reef?", "Who won the first FIFA World Cup?", "Where is Machu Picchu?", "What does DNA stand for?",
         "Who founded Microsoft?", "What is the Rosetta Stone?", "Who was Nelson Mandela?", "What is the speed of sound?")  # fmt: skip
CHOICES = ("rent or buy a house", "learn piano or guitar first", "run in the morning or in the evening", "buy an electric car or a hybrid",
           "study at night or in the morning", "visit Japan in spring or in autumn", "use a paper planner or an app", "get a cat or a dog",
           "pay off debt or invest", "live in the city or the suburbs", "take the train or fly from London to Paris", "freeze bread or keep it in the fridge")  # fmt: skip
CLASSES = {
    ("a fruit", "a vegetable"): (("apple", "banana", "mango", "kiwi", "pear", "plum", "cherry", "papaya", "fig", "lychee", "apricot", "grape"),
                                 ("carrot", "broccoli", "spinach", "leek", "kale", "cabbage", "parsnip", "celery", "cauliflower", "beetroot", "radish")),
    ("a mammal", "a reptile"): (("dolphin", "bat", "otter", "elephant", "platypus", "whale", "horse", "lynx", "beaver", "walrus"),
                                ("gecko", "iguana", "python", "tortoise", "crocodile", "chameleon", "komodo dragon", "cobra", "skink", "anole")),
    ("a string instrument", "a percussion instrument"): (("violin", "cello", "sitar", "banjo", "harp", "mandolin", "ukulele", "double bass", "oud", "gusli"),
                               ("snare drum", "tabla", "marimba", "cajón", "xylophone", "timpani", "conga", "tambourine", "djembe", "cymbal")),
    ("a country in Europe", "a country in Asia"): (("Portugal", "Austria", "Latvia", "Greece", "Ireland", "Belgium", "Croatia", "Finland", "Slovakia"),
                                                   ("Nepal", "Laos", "Mongolia", "Vietnam", "Bhutan", "Malaysia", "Uzbekistan", "Sri Lanka", "Cambodia")),
    ("a winter sport", "a summer sport"): (("ice hockey", "biathlon", "curling", "luge", "ski jumping", "bobsleigh", "figure skating"),
                                           ("rowing", "beach volleyball", "surfing", "triathlon", "water polo", "cricket", "sailing")),
    ("a programming language", "a spoken language"): (("Python", "Rust", "Haskell", "Kotlin", "Ruby", "Go", "Perl", "Scala", "Lua", "Fortran"),
                                                       ("Swahili", "Tagalog", "Dutch", "Hindi", "Portuguese", "Korean", "Finnish", "Welsh", "Bengali")),
    ("a dog breed", "a cat breed"): (("beagle", "poodle", "dachshund", "boxer", "husky", "corgi", "labrador", "whippet"),
                                     ("Siamese", "Maine Coon", "Persian", "Sphynx", "Bengal", "Ragdoll", "Abyssinian", "Burmese")),
    ("a German car brand", "a Japanese car brand"): (("BMW", "Audi", "Porsche", "Opel", "Volkswagen", "Mercedes-Benz"),
                                                     ("Toyota", "Honda", "Mazda", "Subaru", "Nissan", "Suzuki", "Lexus")),
    ("a fish", "a bird"): (("salmon", "trout", "tuna", "cod", "carp", "halibut", "perch", "pike", "tope"),
                           ("sparrow", "heron", "robin", "eagle", "pelican", "finch", "owl", "wren", "kestrel")),
}  # fmt: skip
OCCASIONS = ("a rainy Sunday with kids", "a 30th birthday party", "a team-building day", "a first date", "a science fair project",
             "a cheap weekend getaway", "a garden party", "using up leftover rice", "a podcast about history", "a short film",
             "a small business I could start from home", "a Halloween costume", "decorating a tiny apartment", "a gift for my dad who likes fishing",
             "a surprise anniversary", "a book club's next read", "a school fundraiser")  # fmt: skip
GOODS = ("books", "board games", "hobbies", "gifts", "podcasts", "houseplants", "side dishes", "road trip snacks", "apps")  # fmt: skip
FOR_WHOM = ("a ten-year-old", "a new dad", "beginners", "someone who travels a lot", "a retired teacher", "a college student", "a busy nurse",
            "my grandma")  # fmt: skip
BUSINESSES = ("a coffee shop by the sea", "a dog-walking business", "a vegan bakery", "a cycling club", "a bookshop that sells only poetry",
              "a pub quiz team", "a budgeting app", "a yoga studio", "a food truck selling tacos", "a fantasy football league", "a cleaning company")  # fmt: skip
GOALS = ("reduce plastic at home", "stay focused while working from home", "make a long flight more bearable", "get more protein without meat",
         "cut my electricity bill", "keep kids busy on a road trip", "meet new people after moving", "be more productive in the morning",
         "reuse old glass jars", "practice gratitude", "make a small garden look bigger", "save for a house deposit")  # fmt: skip
FORMS = ("short story", "poem", "haiku", "limerick", "song chorus", "bedtime story", "diary entry", "news report from the year 2090", "fable")  # fmt: skip
STORY_TOPICS = ("a lighthouse keeper who finds a message in a bottle", "a cat who wants to be a chef", "the last day of summer",
                "a robot learning to paint", "moving to a new country", "a lost umbrella", "the first snow of winter", "a dragon afraid of heights",
                "a bakery at 4 a.m.", "two old friends meeting after 20 years", "a city without cars", "a grandmother's garden", "a haunted library")  # fmt: skip
LETTERS = (("my landlord", "asking them to fix the heating"), ("my future self", "about what I learned this year"),
           ("my neighbour", "about the noise on Saturday nights"), ("the city council", "proposing a bike lane on Elm Street"),
           ("my favourite author", "thanking them for their books"), ("my team", "announcing that I am leaving"), ("my kid's teacher", "about a missed field trip"))  # fmt: skip
OPENINGS = ("The train stopped in the middle of nowhere.", "Nobody had opened the attic door in forty years.", "The phone rang at midnight, again.",
            "The map was wrong, and we both knew it.", "On the morning of the election, the sun didn't rise.", "My brother came home with a goat.")  # fmt: skip
DOLLY_CATS = (("open_qa", 0.2), ("general_qa", 0.08), ("classification", 0.16), ("closed_qa", 0.14), ("information_extraction", 0.12),
              ("summarization", 0.1), ("brainstorming", 0.12), ("creative_writing", 0.08))  # fmt: skip


def pick(rng: random.Random, weighted: tuple) -> str:
    names, weights = zip(*weighted, strict=True)
    return rng.choices(names, weights)[0]


def sloppy(rng: random.Random, text: str) -> str:
    """People typing fast: now and then a lower-case start or no final question mark."""
    if rng.random() < 0.12:
        text = text[0].lower() + text[1:]
    if rng.random() < 0.1 and text.endswith("?"):
        text = text[:-1]
    return text


def open_question(rng: random.Random) -> str:
    k = rng.randrange(6)
    if k == 0:
        return rng.choice(
            ("What is {x}?", "Can you explain what {x} is?", "Explain {x} to me like I'm five.")
        ).format(x=rng.choice(CONCEPTS))
    if k == 1:
        return f"Why {rng.choice(WHY)}?"
    if k == 2:
        a, b = rng.sample(rng.choice(DIFF), 2)
        return rng.choice(
            ("What is the difference between {a} and {b}?", "How is {a} different from {b}?")
        ).format(a=a, b=b)
    if k == 3:
        return rng.choice(
            ("How do I {x}?", "How can I {x}?", "What's the best way to {x}?", "Any tips on how to {x}?")
        ).format(x=rng.choice(HOWTO))
    if k == 4:
        return rng.choice(
            ("What are the benefits of {x}?", "Is {x} good for you?", "Why is {x} good for you?")
        ).format(x=rng.choice(BENEFITS))
    return rng.choice(FACTS)


def dolly_item(rng: random.Random) -> tuple[str, str, str]:
    """(category, instruction, context or "")."""
    cat = pick(rng, DOLLY_CATS)
    if cat == "open_qa":
        return cat, sloppy(rng, open_question(rng)), ""
    if cat == "general_qa":
        c = rng.choice(CHOICES)
        return (
            cat,
            rng.choice(
                (
                    f"Is it better to {c}?",
                    f"Should I {c}?",
                    f"{c[0].upper()}{c[1:]}? Which would you pick and why?",
                )
            ),
            "",
        )
    if cat == "classification":
        (a, b), (xs, ys) = rng.choice(list(CLASSES.items()))
        items = rng.sample(xs, rng.randint(1, 4)) + rng.sample(ys, rng.randint(1, 4))
        rng.shuffle(items)
        k = rng.randrange(4)
        if k == 0:
            return cat, f"Classify each of the following as {a} or {b}: {', '.join(items)}", ""
        if k == 1:
            return cat, f"Tell me whether each of these is {a} or {b}: {', '.join(items)}.", ""
        if k == 2 and "instrument" in a:
            return cat, f"Identify which instrument is string or percussion: {', '.join(items[:2])}", ""
        x, y = rng.choice(xs), rng.choice(ys)
        return cat, f"Which is {a}: {x} or {y}?" if rng.random() < 0.5 else f"Which is {b}: {y} or {x}?", ""
    if cat == "brainstorming":
        k, n = rng.randrange(5), rng.choice((3, 5, 7, 10))
        return cat, sloppy(rng, (f"Give me {n} ideas for {rng.choice(OCCASIONS)}.", f"What are some good {rng.choice(GOODS)} for {rng.choice(FOR_WHOM)}?",
                                 f"Brainstorm some names for {rng.choice(BUSINESSES)}.", f"List some ways to {rng.choice(GOALS)}.",
                                 f"What are {n} fun things to do in {rng.choice(CITIES)}?")[k]), ""  # fmt: skip
    if cat == "creative_writing":
        k = rng.randrange(3)
        if k == 0:
            return cat, f"Write a {rng.choice(FORMS)} about {rng.choice(STORY_TOPICS)}.", ""
        if k == 1:
            who, why = rng.choice(LETTERS)
            return cat, f"Write a letter to {who} {why}.", ""
        return cat, f'Write a story that begins with: "{rng.choice(OPENINGS)}"', ""
    title, text, qs = wiki(rng)
    if cat == "closed_qa":
        return (
            cat,
            rng.choice(("", "", "Given this paragraph, ", "Based on the reference text, ")) + rng.choice(qs),
            text,
        )
    if cat == "summarization":
        return cat, rng.choice((f"Summarize this paragraph about {title} in two sentences.", "Give me a short summary of the text below.",
                                "What is this passage about? Summarize it in one sentence.", "Please summarise the following text for a 10 year old.",
                                f"Give me a bulleted summary of the key facts about {title}.", "tl;dr this please")), text  # fmt: skip
    return cat, rng.choice(("Extract all the years mentioned in this text and say what happened in each.",
                            "From the passage provided, extract the numbers and what they describe. Use a bulleted list.",
                            "List the names of all people and places mentioned in the text.",
                            f"Using the text, give me a one-line fact sheet about {title} in the format name | place | year.",
                            "Extract the key facts from this paragraph as JSON with short keys.")), text  # fmt: skip


# =============================================================================================
# FLAN-STYLE TASKS (the Orca / SlimOrca inputs): NLI, sentiment, translation, data-to-text, reading
# questions, algebra, article writing, topic labels, paraphrase, spacing and punctuation, cause and
# effect, social situations; with FLAN's "OPTIONS:" lists.
SUBJ = ("A man in a red jacket", "Two girls", "A woman with a backpack", "An old man", "A group of teenagers", "A young boy", "Three workers",
        "A dog", "A couple", "A street musician", "A cyclist", "A chef in a white hat")  # fmt: skip
DOING = (("is riding a bike", "down a hill"), ("are playing football", "in a park"), ("is reading a newspaper", "on a bench"),
         ("is fixing a roof", "in the rain"), ("are dancing", "at a wedding"), ("is selling fruit", "at a market"), ("is climbing a rock wall", "indoors"),
         ("are waiting", "at a bus stop"), ("is cooking noodles", "in a small kitchen"), ("is painting a fence", "on a sunny day"))  # fmt: skip
SENT_SUBJ = ("The city council", "My neighbour", "The new museum", "Several farmers", "The local library", "Our football club", "A small startup",
             "The government", "The school board", "Scientists at the university", "The airline", "A famous chef")  # fmt: skip
SENT_VERB = ("approved a new budget", "opened a bakery on the main street", "announced plans to expand", "cancelled the summer festival",
             "found a new species of beetle", "raised ticket prices", "won the regional championship", "launched a recycling programme",
             "closed two branches", "hired forty new staff", "published a report on air quality", "planted a thousand trees")  # fmt: skip
SENT_WHEN = ("last week", "in 2019", "on Tuesday", "earlier this year", "after months of debate", "despite the weather", "for the first time")  # fmt: skip
LANGS_TO = ("French", "German", "Spanish", "Romanian", "Czech", "Finnish", "Turkish", "Russian")
FOODS = ("Italian", "French", "Chinese", "Indian", "Japanese", "English", "fast food")
E2E_NAMES = (
    "The Eagle",
    "The Golden Curry",
    "Zizzi",
    "The Punter",
    "Blue Spice",
    "The Mill",
    "Cotto",
    "Fitzbillies",
    "The Wrestlers",
    "Aromi",
)
REVIEW_POS = ("a charming, funny film", "the best pizza I've had in years", "beautifully shot and well acted", "friendly staff and quick service",
              "a clever plot that keeps you guessing", "worth every penny")  # fmt: skip
REVIEW_NEG = ("a dull, overlong mess", "the soup was cold and the waiter rude", "the plot makes no sense", "way too expensive for what you get",
              "I walked out after an hour", "wooden acting and a lazy script")  # fmt: skip
HEADLINES = {"World": ("Floods force thousands from homes in {c}", "Leaders meet in {c} to discuss border deal", "Protests continue in {c} over fuel prices"),
             "Sports": ("{c} side wins cup after penalty shootout", "Injured striker to miss rest of season", "Veteran sprinter retires after {n} years"),
             "Business": ("Shares in {c} retailer fall {n}% after profit warning", "Carmaker to cut {n}00 jobs", "Central bank holds interest rates"),
             "Science/Tech": ("New battery charges in {n} minutes, researchers say", "Telescope spots water vapour on distant planet",
                              "{c} startup unveils cheaper solar panel")}  # fmt: skip
COPA = (("The man broke his toe.", "cause", "He dropped a hammer on his foot.", "He got a hole in his sock."),
        ("The ice on the lake melted.", "cause", "The weather got warmer.", "The lake was very deep."),
        ("I poured water on the fire.", "effect", "The fire went out.", "The fire grew larger."),
        ("The woman missed her bus.", "effect", "She was late for work.", "She bought a new coat."),
        ("The child started crying.", "cause", "He lost his balloon.", "He ate his lunch."),
        ("The road was icy.", "effect", "Cars drove slowly.", "The shops opened early."))  # fmt: skip
SOCIAL = (("{a} lent {b} money for rent.", "How would {b} feel afterwards?", ("grateful", "annoyed", "bored")),
          ("{a} forgot {b}'s birthday.", "What will {a} want to do next?", ("apologise", "go swimming", "buy a car")),
          ("{a} won the spelling bee.", "How would {a} feel afterwards?", ("proud", "hungry", "confused")),
          ("{a} helped {b} move house all weekend.", "Why did {a} do this?", ("to be a good friend", "to get a tan", "to learn French")))  # fmt: skip


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SENT_SUBJ)} {rng.choice(SENT_VERB)} {rng.choice(SENT_WHEN)}."


def opts(*xs: str) -> str:
    return "\n".join(f"- {x}" for x in xs)


def flan_item(rng: random.Random) -> str:
    k = rng.randrange(14)
    if k == 0:
        who, (verb, where) = rng.choice(SUBJ), rng.choice(DOING)
        p = f"{who} {verb} {where}."
        h = rng.choice(
            (
                f"Someone {verb.split(' ', 1)[1]}.",
                f"{who} {verb} for money.",
                f"{who} is asleep at home.",
                "People are outside.",
            )
        )
        return rng.choice((f'Premise: "{p}"\nHypothesis: "{h}"\nDoes the premise entail the hypothesis?\n\nOPTIONS:\n{opts("yes", "it is not possible to tell", "no")}',
                           f'Can we conclude from "{p}" that "{h}"?\nOptions:\n{opts("yes", "no", "it is not possible to tell")}',
                           f'If "{p}", does this mean that "{h}"?\n\nChoose your answer from:\n{opts("yes", "it is not possible to tell", "no")}'))  # fmt: skip
    if k == 1:
        r = rng.choice(REVIEW_POS + REVIEW_NEG)
        return rng.choice((f"Review: {r}\nIs this movie review sentence negative or positive?\nOPTIONS:\n{opts('negative', 'positive')}",
                           f"What is the sentiment of the following tweet?\nTweet: {r} #{rng.choice(('fridaynight', 'foodie', 'cinema', 'ugh', 'love'))}\n"
                           f"OPTIONS:\n{opts('negative', 'positive')}", f"Write a {rng.choice(('positive', 'negative', '1-star', '5-star'))} yelp review about {rng.choice(E2E_NAMES)}."))  # fmt: skip
    if k == 2:
        s = sentence(rng)
        return rng.choice(
            (
                f"Translate the following sentence to {{l}}:\n{s}",
                f'Translate "{s}" to {{l}}?',
                f'How is "{s}" said in {{l}}?',
            )
        ).format(l=rng.choice(LANGS_TO))
    if k == 3:
        d = [f"name = {rng.choice(E2E_NAMES)}", f"eatType = {rng.choice(('restaurant', 'pub', 'coffee shop'))}", f"food = {rng.choice(FOODS)}",
             f"priceRange = {rng.choice(('cheap', 'moderate', 'high', 'less than £20'))}", f"customerRating = {rng.choice(('low', 'average', '5 out of 5'))}",
             f"area = {rng.choice(('riverside', 'city centre'))}"]  # fmt: skip
        d = d[:2] + rng.sample(d[2:], rng.randint(1, 4))
        return rng.choice(("Here is some data: {d}.\n\nWrite a sentence that describes this data", "Generate an approximately fifteen-word sentence that describes all this data: {d}",
                           "Data: {d}\n\nWhat would a sentence about this data be like?")).format(d=", ".join(d))  # fmt: skip
    if k == 4:
        _, text, qs = wiki(rng)
        return rng.choice((f'Read this and answer the question. If the question is unanswerable, say "unanswerable".\n\n{text}\n\n{rng.choice(qs)}',
                           f"{text}\n\nAnswer this question based on the article: {rng.choice(qs)}", f"Answer the question about the text:\n\n{text}\n\n{rng.choice(qs)}"))  # fmt: skip
    if k == 5:
        x, a, v = rng.randint(-20, 20), rng.randint(2, 40), rng.choice("xyzbdkmnt")
        b = rng.randint(-99, 99)
        if rng.random() < 0.5:
            return f"Solve {a}*{v} + {b} = {a * x + b} for {v}.".replace("+ -", "- ")
        c = rng.randint(2, 30)
        return (
            f"Math problem: Solve {a}*{v} - {c}*{v} = {(a - c) * x} for {v}.\nWhat is the answer?"
            if a != c
            else f"Solve {a}*{v} = {a * x} for {v}."
        )
    if k == 6:
        return rng.choice((f"Write an article based on this summary:\n\n{sentence(rng)} {sentence(rng)}", f"Write a title for this article:\n\n{sentence(rng)} {sentence(rng)} {sentence(rng)}",
                           f"Write a one-sentence summary of the following text:\n\n{wiki(rng)[1]}"))  # fmt: skip
    if k == 7:
        _, heads = rng.choice(list(HEADLINES.items()))
        h = rng.choice(heads).format(c=rng.choice(CITIES), n=rng.randint(2, 40))
        return (
            f"{h}\n\nWhich topic is this article about?\nOPTIONS:\n{opts(*HEADLINES)}"
            if rng.random() < 0.6
            else f'Write an article with the title: "{h}"'
        )
    if k == 8:
        q1, q2 = open_question(rng), open_question(rng)
        return (
            f"Are these two questions paraphrases of each other?\n{q1}\n{q2}\nOPTIONS:\n{opts('no', 'yes')}"
        )
    if k == 9:
        s = sentence(rng) + " " + sentence(rng)
        return (
            f"Add spaces: {s.replace(' ', '')}"
            if rng.random() < 0.5
            else f"Please add punctuation to this: {re.sub(r'[.,]', '', s.lower())}"
        )
    if k == 10:
        p, what, a, b = rng.choice(COPA)
        a, b = (a, b) if rng.random() < 0.5 else (b, a)
        return (
            f"Premise: {p}\nWhat is the {what}?\nOPTIONS:\n{opts(a, b)}"
            if rng.random() < 0.5
            else f'Choose the more plausible {what} of "{p}"\nA: {a}\nB: {b}'
        )
    if k == 11:
        ctx, q, ans = rng.choice(SOCIAL)
        a, b = rng.sample(FIRST, 2)
        xs = list(ans)
        rng.shuffle(xs)
        return (f"Context: {ctx.format(a=a, b=b)}\nQuestion: {q.format(a=a, b=b)}\nWhich one of these answers best answers the question according to the context?\n"
                + "\n".join(f"{L}: {x}" for L, x in zip("ABC", xs, strict=True)))  # fmt: skip
    if k == 12:
        return rng.choice(
            ("Answer the following question: {q}", "Q: {q}\nA:", "Question: {q}\n\nAnswer:")
        ).format(q=open_question(rng))
    return rng.choice((f"Write a {rng.choice(('positive', 'negative'))} tweet about {rng.choice(STORY_TOPICS)}.",
                       f"Generate a sentence about this data: {rng.choice(E2E_NAMES)} eatType pub; food {rng.choice(FOODS)}; near {rng.choice(CITIES)}",
                       f"Generate a context and a hypothesis about {rng.choice(SENT_SUBJ).lower()}."))  # fmt: skip


# The Orca paper's kind of system messages (written here in that style).
ORCA_SYSTEMS = (("You are an AI assistant. User will give you a task. Your goal is to complete the task as faithfully as you can. While performing the task think step-by-step and justify your steps.", 0.22),
                ("You are a helpful assistant, who always provide explanation. Think like you are answering to a five year old.", 0.12),
                ("You are an AI assistant. You will be given a task. You must generate a detailed and long answer.", 0.16),
                ("You should describe the task and explain your answer. While answering a multiple choice question, first output the correct answer(s). Then explain why other answers are wrong. Think like you are answering to a five year old.", 0.08),
                ("You are an AI assistant that follows instruction extremely well. Help as much as you can.", 0.1),
                ("You are an AI assistant that helps people find information. Provide a detailed answer so user don't need to search outside to understand the answer.", 0.08),
                ("User will you give you a task with some instruction. Your job is follow the instructions as faithfully as you can. While answering think step-by-step and justify your answer.", 0.08),
                ("You are a teacher. Given a task, you explain in simple steps what the task is asking, any guidelines it provides and how to use those guidelines to find the answer.", 0.06),
                ("", 0.1))  # fmt: skip


# =============================================================================================
# COMMUNITY QUESTIONS (the Q&A site's own threads): a title and a body with context, what was tried, and
# the question, across seven of its boards.
CQ = {
    "diy": (("{ff} after I {did}", "I {did} {when} and since then the {ff}. The house is {age} years old. I already {tried}, "
             "but no luck. Is this something I can fix myself or do I need to call a {pro}?"),
            ("Best way to {job} in an old house?", "We bought a {age}-year-old house and I want to {job} before winter. The walls are {wall}. I have basic tools "
             "and a weekend. What order should I do things in, and what mistakes should I avoid?")),
    "bikes": (("{part} makes a clicking noise when {cond}", "My {bike} makes a click every pedal stroke when {cond}. It started after {event}. I {tried}. "
               "Bike has about {km} km on it and is {bike_age} years old. Where should I look next?"),
              ("Is it worth upgrading the {part2} on a {bike}?", "I ride about {km} km a week, mostly {terrain}. My {bike} is {bike_age} years old. Would a new {part2} "
               "make a real difference or should I save for a new bike?")),
    "cooking": (("Why does my {dish} turn out {bad}?", "Every time I make {dish} it comes out {bad}. I follow the recipe exactly: {method}. My oven is {oven}. "
                 "I {tried}. What am I doing wrong?"),
                ("Can I substitute {ing1} for {ing2} in {dish}?", "I'm making {dish} for {n} people tonight and realised I have no {ing2}. I do have {ing1}. "
                 "Will it work, and do I need to change the amounts or the baking time?")),
    "garden": (("Leaves on my {plant} turning {color}", "The leaves on my {plant} started turning {color} about {n} weeks ago, starting at the {where}. "
                "It gets {sun} and I water it {water}. I {tried}. Is it dying?"),
               ("When should I plant {plant2} in {zone}?", "First year with a vegetable garden in {zone}. Soil is {soil}. When is the right time to plant "
                "{plant2}, and should I start it indoors first?")),
    "money": (("Should I pay off my {debt} or invest?", "I'm {age2}, earn about {inc} a year and have {amt} left over each month. I owe {debt_amt} on my {debt} "
               "at {rate}% interest. My employer matches {match}% into the pension. What would you prioritise?"),
              ("How do I {money_q} as a freelancer?", "I just went freelance as a {trade} in {country}. I have no idea how to {money_q}. "
               "Income varies between {inc_lo} and {inc_hi} a month. Any practical system people use?")),
    "pets": (("My {pet} has started {behaviour}", "Our {pet} is {n} years old and over the last {n2} weeks she has started {behaviour}. Nothing changed at home "
              "except {change}. Vet says she is healthy. How do we stop it?"),
             ("Introducing a new {pet} to my {pet2}", "We are adopting a {pet} next week. Our {pet2} is {n} and has never lived with another animal. "
              "What's the best way to introduce them so nobody gets hurt?")),
    "tech": (("{device} gets slow after {trigger}", "My {device} becomes very slow after {trigger}. It has {ram} GB RAM and is {dev_age} years old. I {tried}. "
              "Task manager shows nothing obvious. Any ideas?"),
             ("Home network: {net_q}", "I have {isp} internet and a {router}. {net_q}. The house has {floors} floors and thick walls. "
              "What's the simplest setup that works?")),
}  # fmt: skip
CQ_SLOTS = {
    "ff": ("boiler keeps losing pressure", "breaker keeps tripping", "toilet keeps running", "garage door keeps reversing halfway",
           "smoke alarm keeps beeping at night", "dishwasher keeps leaking", "bathroom fan keeps tripping the lights"),
    "bike_age": ("2", "4", "7", "10"), "dev_age": ("1", "3", "5"),
    "did": ("replaced the thermostat", "painted the bathroom", "installed a new light fitting", "moved the washing machine", "had the roof repaired"),
    "when": ("last month", "two weeks ago", "over the holidays", "in the spring"), "age": ("5", "12", "30", "60", "90", "120"),
    "tried": ("watched a few YouTube videos", "reset it twice", "replaced the obvious part", "cleaned everything", "asked at the shop", "searched this site"),
    "pro": ("plumber", "electrician", "handyman", "specialist"), "job": ("insulate the attic", "replace the windows", "fix the drafty doors", "redo the wiring"),
    "wall": ("lath and plaster", "solid brick", "drywall", "stone"), "part": ("bottom bracket", "crank", "pedal", "rear hub"),
    "bike": ("road bike", "gravel bike", "hybrid", "mountain bike", "e-bike"), "cond": ("I stand up", "climbing", "it's wet", "I shift to the big ring"),
    "event": ("a long wet ride", "a service", "a crash", "changing the tyres"), "km": ("3,000", "8,000", "15,000", "150", "400"),
    "part2": ("wheelset", "groupset", "saddle", "tyres", "fork"), "terrain": ("commuting", "gravel roads", "hilly rides", "flat roads"),
    "dish": ("sourdough", "banana bread", "risotto", "pizza dough", "macarons", "lasagne", "pie crust", "gnocchi"),
    "bad": ("dense", "gummy", "too dry", "flat", "burnt on the bottom", "soggy"), "method": ("weigh everything, knead 10 minutes, bake at 220C",
    "mix by hand, rest overnight", "follow a well-known blog recipe", "use a stand mixer"), "oven": ("a fan oven", "gas", "old and runs hot", "new"),
    "ing1": ("yogurt", "olive oil", "honey", "oat milk", "spelt flour", "cornstarch"), "ing2": ("buttermilk", "butter", "sugar", "eggs", "plain flour", "cream"),
    "n": ("2", "3", "4", "6", "8"), "n2": ("2", "3", "5"), "plant": ("fiddle leaf fig", "tomato plants", "monstera", "lemon tree", "hydrangea", "basil"),
    "color": ("yellow", "brown at the edges", "pale", "black"), "where": ("bottom", "tips", "top"), "sun": ("full sun", "morning sun", "little light"),
    "water": ("once a week", "every day", "when the soil is dry"), "plant2": ("garlic", "tomatoes", "potatoes", "peppers", "strawberries"),
    "zone": ("zone 6", "the north of England", "southern Germany", "Ontario", "the Pacific Northwest"), "soil": ("heavy clay", "sandy", "rocky"),
    "debt": ("student loan", "car loan", "credit card", "mortgage"), "age2": ("24", "31", "38", "45"), "inc": ("38k", "52k", "75k", "110k"),
    "amt": ("300", "800", "1,500"), "debt_amt": ("6,000", "14,000", "28,000"), "rate": ("3.9", "6.5", "11", "22"), "match": ("3", "5", "0"),
    "money_q": ("set aside money for taxes", "pay myself a salary", "budget with irregular income", "plan for retirement"),
    "trade": ("designer", "translator", "developer", "photographer"), "country": ("the UK", "Germany", "Canada", "Spain", "Australia"),
    "inc_lo": ("1,200", "2,000"), "inc_hi": ("5,000", "8,000"), "pet": ("cat", "dog", "rabbit", "puppy"), "pet2": ("cat", "dog", "old dog"),
    "behaviour": ("scratching the sofa", "barking at night", "peeing outside the litter box", "chewing shoes", "hiding all day"),
    "change": ("new curtains", "a new baby", "a new sofa", "my work hours"),
    "device": ("laptop", "desktop", "MacBook", "gaming PC"), "trigger": ("a Windows update", "an hour of use", "waking from sleep", "installing a new SSD"),
    "ram": ("8", "16", "32"), "isp": ("fibre", "cable", "DSL"), "router": ("the ISP's router", "a mesh kit", "a ten-year-old router"),
    "net_q": ("WiFi doesn't reach the garden office", "devices keep dropping off at night", "should I run ethernet to the top floor"),
    "floors": ("2", "3"),
}  # fmt: skip


def community_question(rng: random.Random) -> tuple[str, str]:
    board = rng.choice(list(CQ))
    title, body = rng.choice(CQ[board])
    text = fill(rng, f"{title}\n\n{body}", CQ_SLOTS)
    return board, text[0].upper() + text[1:]


# =============================================================================================
# A DEVELOPER'S QUESTIONS, everyday asks in six languages, homework, support tickets, office tasks and
# sentences to translate.
CODE = ("how do i {task} in {lang}", "{lang}: {task}?", "why does this {lang} code {symptom}?\n\n{snippet}", "what's the difference between {pair}",
        "write a {lang} function that {does}", "regex that matches {regex}", "write a SQL query that {sql}", "git: how do I {git}",
        "explain this error: {error}", "bash one-liner to {bash}", "best way to {task} in {lang}? performance matters", "is it bad practice to {practice}?",
        "{lang} equivalent of {other}", "how to unit test code that {test}")  # fmt: skip
CODE_SLOTS = {
    "task": ("read a large CSV in chunks", "parse ISO 8601 dates", "deep copy an object", "retry a failed HTTP call", "remove duplicates from a list",
             "sort a dict by value", "run tasks in parallel", "read env vars with defaults", "stream a file download", "debounce a function",
             "hash a password", "read a YAML config", "paginate an API", "compare two JSON files", "cache results of a slow function",
             "log to a file with rotation", "validate user input", "handle timeouts on a socket"),
    "lang": ("Python", "TypeScript", "Go", "Rust", "Java", "Kotlin", "C#", "JavaScript"),
    "symptom": ("print None", "hang forever", "give a different result each run", "leak memory", "throw on the second call"),
    "snippet": ("def add(item, items=[]):\n    items.append(item)\n    return items", "for i in range(len(xs)):\n    if xs[i] == 0:\n        xs.remove(xs[i])",
                "const data = fetch(url).json();\nconsole.log(data.items);", "for _, v := range vals {\n    go func() { fmt.Println(v) }()\n}",
                "result = [f(x) for x in xs if x > 0 else 0]", "let s = String::from(\"hi\");\nlet t = s;\nprintln!(\"{s}\");"),
    "pair": ("a list and a tuple in Python", "let and const in JavaScript", "an interface and an abstract class", "a process and a thread",
             "TCP and UDP", "git merge and git rebase", "a mutex and a semaphore", "== and === in JS", "async and threads in Python"),
    "does": ("checks whether a string is a palindrome", "merges two sorted lists", "flattens a nested list", "returns the n-th Fibonacci number",
             "counts word frequencies in a file", "validates an email address", "converts Roman numerals to integers", "chunks a list into batches",
             "computes a median", "groups records by a key", "rate-limits calls", "parses a query string", "formats bytes as KB/MB/GB",
             "finds the longest common prefix"),
    "regex": ("UK postcodes", "an IPv4 address", "dates like 2024-03-01", "hex colours like #a1b2c3", "a semantic version like 1.2.3"),
    "sql": ("finds customers with no orders", "returns the top 3 products per category", "computes a 7-day moving average of sales",
            "deletes duplicate rows but keeps one", "counts signups per week"),
    "git": ("undo my last commit but keep the changes", "squash my last 3 commits", "remove a file from history", "rename a branch",
            "see what changed in one file over time"),
    "error": ("TypeError: 'NoneType' object is not subscriptable", "ECONNRESET in node", "panic: assignment to entry in nil map",
              "borrowed value does not live long enough", "CORS policy: No 'Access-Control-Allow-Origin' header", "ModuleNotFoundError: No module named 'src'"),
    "bash": ("find the 10 largest files in a folder", "rename all .jpeg files to .jpg", "count lines of code per file type", "kill whatever uses port 8080"),
    "practice": ("catch Exception everywhere", "commit directly to main", "use global variables in a small script", "return null instead of throwing"),
    "other": ("Python's enumerate", "JavaScript's Promise.all", "Java's Optional", "Python's defaultdict"),
    "test": ("calls an external API", "depends on the current time", "writes to disk", "uses random numbers"),
}  # fmt: skip
EVERYDAY = {
    "en": ("what's a good substitute for {ing} in {dish}?", "how long should I boil {food}?", "help me write a text to my {rel} about {topic}",
           "what should I pack for {trip}?", "recommend {n} {media} like {title}", "explain {concept} simply", "what's the weather usually like in {city} in {month}?",
           "plan a {n}-day trip to {city} on a budget", "give me a dinner recipe with {ing} and {food}", "what does '{phrase}' mean?",
           "how do I politely say no to {request}?", "write a birthday message for my {rel} who loves {hobby}", "best way to learn {skill} in 3 months?",
           "is it normal that {worry}?", "make this sound more professional: {draft}", "{fact_q}"),
    "es": ("¿qué puedo cocinar con {ing_es} y {food_es}?", "escribe un mensaje para mi {rel_es} por su cumpleaños", "¿cómo le digo a mi jefe que {jefe}?",
           "recomiéndame {n} libros parecidos a {title}", "explícame {concept_es} de forma sencilla", "¿qué ver en {city} en {n} días?",
           "corrige este texto: {draft_es}", "¿cuál es la diferencia entre {dif_es}?", "dame ideas para {evento}", "¿cómo se dice '{phrase}' en español?"),
    "de": ("was kann ich mit {ing_de} kochen?", "schreib eine kurze Nachricht an meine {rel_de}, dass ich später komme", "erklär mir {concept_de} einfach",
           "was sollte ich in {city} unbedingt sehen?", "wie schreibe ich eine Kündigung für {vertrag}?"),
    "fr": ("que faire à {city} ce week-end ?", "écris un message d'anniversaire pour ma {rel_fr}", "explique-moi {concept_fr} simplement",
           "une recette rapide avec {ing_fr} ?", "comment refuser poliment {refus} ?"),
    "pt": ("o que fazer em {city} com crianças?", "me ajuda a escrever uma mensagem para minha {rel_pt}", "explica {concept_pt} de um jeito simples",
           "receita rápida com {ing_pt}?"),
    "zh": ("用{ing_zh}能做什么菜？", "帮我写一段给{rel_zh}的生日祝福", "简单解释一下{concept_zh}", "去{city_zh}玩{n}天怎么安排？", "怎么礼貌地拒绝{refus_zh}？"),
}  # fmt: skip
EV_SLOTS = {
    "ing": ("buttermilk", "eggs", "heavy cream", "soy sauce", "fresh basil", "chickpeas"), "dish": ("pancakes", "carbonara", "banana bread", "curry"),
    "food": ("eggs", "rice", "broccoli", "potatoes", "pasta", "lentils"), "rel": ("sister", "mom", "boss", "landlord", "best friend", "partner"),
    "topic": ("missing dinner", "the rent increase", "borrowing their car", "being late again"), "trip": ("a week in Iceland", "a beach wedding",
    "a ski trip", "a business trip to Tokyo"), "n": ("3", "4", "5"), "media": ("books", "movies", "podcasts", "TV shows"),
    "title": ("The Martian", "Normal People", "Dune", "Succession", "Project Hail Mary"), "concept": CONCEPTS[:25], "city": CITIES,
    "month": MONTHS, "phrase": ("break a leg", "the ball is in your court", "touch base", "low-hanging fruit", "it's not my cup of tea"),
    "request": ("a friend's wedding invitation", "extra work from my manager", "lending money", "a sales call"),
    "hobby": ("gardening", "jazz", "hiking", "board games", "baking"), "skill": ("Spanish", "coding", "drawing", "the piano"),
    "worry": ("my cat sleeps 16 hours a day", "my toddler doesn't talk much yet", "my sourdough smells like acetone", "my phone gets hot when charging"),
    "draft": ("hey, sorry i missed the meeting, can u send notes", "we cant do the discount anymore sorry", "pls send invoice asap"),
    "fact_q": FACTS, "ing_es": ("garbanzos", "huevos", "arroz", "espinacas"), "food_es": ("pollo", "patatas", "atún"),
    "rel_es": ("madre", "hermana", "abuela", "novio", "amiga"), "jefe": ("necesito un día libre", "no puedo con más proyectos", "quiero un aumento"),
    "concept_es": ("la inflación", "la fotosíntesis", "el interés compuesto", "qué es una API"), "draft_es": ("ayer fuimos ha la playa y nos lo pasamos bien",
    "te escribo para informarte que no podre asistir"), "dif_es": ("ser y estar", "por y para", "IVA e IRPF"), "evento": ("un cumpleaños infantil",
    "una cena con amigos", "un regalo para mi padre"), "ing_de": ("Kartoffeln und Lauch", "Linsen", "Zucchini und Feta"), "rel_de": ("Mutter", "Schwester", "Freundin"),
    "concept_de": ("die Inflation", "die Photosynthese", "Zinseszins"), "vertrag": ("mein Fitnessstudio", "meinen Handyvertrag", "meine Wohnung"),
    "rel_fr": ("mère", "sœur", "collègue"), "concept_fr": ("l'inflation", "la photosynthèse", "une API"), "ing_fr": ("des courgettes", "des lentilles", "du poulet"),
    "refus": ("une invitation", "une demande de mon chef"), "rel_pt": ("mãe", "irmã", "namorada"), "concept_pt": ("inflação", "fotossíntese", "juros compostos"),
    "ing_pt": ("frango e batata", "ovos", "arroz e feijão"), "ing_zh": ("土豆和鸡蛋", "豆腐", "西红柿"), "rel_zh": ("妈妈", "同事", "好朋友"),
    "concept_zh": ("通货膨胀", "光合作用", "复利"), "city_zh": ("成都", "西安", "东京", "杭州"), "refus_zh": ("同事的聚餐邀请", "加班", "借钱"),
}  # fmt: skip
EV_FOLLOW = {"en": ("thanks! can you make it shorter?", "what about for 4 people?", "ok and if I only have 2 days?", "more casual please", "why?"),
             "es": ("gracias, ¿y más corto?", "¿y para 4 personas?", "más informal, porfa"), "de": ("danke! kürzer bitte", "und vegetarisch?"),
             "fr": ("merci ! plus court ?", "et pour 4 personnes ?"), "pt": ("valeu! mais curto?",), "zh": ("谢谢，能再短一点吗？", "还有别的吗？")}  # fmt: skip


def everyday(rng: random.Random, lang: str = "en") -> str:
    return fill(rng, rng.choice(EVERYDAY[lang]), EV_SLOTS)


def code_ask(rng: random.Random) -> str:
    q = fill(rng, rng.choice(CODE), CODE_SLOTS)
    return q[0].upper() + q[1:] if rng.random() < 0.3 else q


HOMEWORK = ("solve for x: {a}x + {b} = {c}", "a rectangle is {a} cm by {b} cm. what is its area and perimeter?", "what is {p}% of {c}?",
            "find the slope of the line through ({a}, {b}) and ({c}, {p})", "simplify {a}/{c}", "explain {sci} for my {grade} class",
            "why did {hist}?", "what is the main theme of {book}?", "help me write a thesis statement about {essay}", "is this sentence correct: '{sent}'",
            "what's the difference between {sci} and {sci2}?", "how do i balance {eq}")  # fmt: skip
HW_SLOTS = {"a": tuple(map(str, range(2, 13))), "b": tuple(map(str, range(3, 30))), "c": tuple(map(str, range(20, 200, 7))), "p": ("5", "15", "20", "35", "80"),
            "sci": ("photosynthesis", "the water cycle", "natural selection", "mitosis", "plate tectonics", "ohm's law", "osmosis", "the carbon cycle"),
            "sci2": ("respiration", "evaporation", "meiosis", "diffusion", "erosion"),
            "grade": ("7th grade", "8th grade", "biology", "GCSE chemistry", "AP physics"),
            "hist": ("the Roman Empire fall", "World War I start", "the Berlin Wall come down", "the French Revolution happen", "the Cold War end"),
            "book": ("Of Mice and Men", "To Kill a Mockingbird", "Macbeth", "The Giver", "Animal Farm", "Lord of the Flies"),
            "essay": ("social media and teenagers", "school uniforms", "renewable energy", "homework bans"), "sent": ("me and him went to the store",
            "their going to the park later", "the data shows that less people vote"), "eq": ("H2 + O2 -> H2O", "Fe + O2 -> Fe2O3", "CH4 + O2 -> CO2 + H2O")}  # fmt: skip
HW_FOLLOW = ("i don't get step 2", "can you check my answer? i got {c}", "explain it simpler", "thanks!!", "ok now how do i do the next one, same but with {a}",
             "my teacher said we have to show work, can you show it")  # fmt: skip


def homework(rng: random.Random) -> list[str]:
    first = fill(rng, rng.choice(HOMEWORK), HW_SLOTS)
    more = rng.choices((0, 1, 2, 3), (0.45, 0.3, 0.17, 0.08))[0]
    return [first] + [fill(rng, f, HW_SLOTS) for f in rng.sample(HW_FOLLOW, more)]


TICKETS = ("I was charged twice for my {plan} plan this month. Please refund one of the charges.", "I can't log in since I changed my email to {email}.",
           "The invoice PDF shows our old VAT number even though I updated it in settings.", "How do I export all invoices from {year} to CSV for my accountant?",
           "Our bank sync with {bank} stopped on {day}. Transactions are missing since then.", "Please cancel my subscription at the end of the billing period.",
           "Can I add a second user to the {plan} plan or do I need to upgrade?", "Recurring invoices were sent twice to our client {client} this morning!!",
           "The mobile app crashes every time I attach a receipt photo.", "We signed up for the annual plan by mistake, we wanted monthly. Can we switch and get a refund?",
           "Reminder emails go to the client's spam folder. Can we send from our own domain?", "The tax report for Q{q} doesn't match what the bank shows.")  # fmt: skip
TK_SLOTS = {"plan": ("Starter", "Team", "Pro"), "email": ("j.moreau@fastmail.com", "accounts@brightdesk.io", "ana.costa@gmail.com"),
            "year": ("2024", "2025"), "bank": ("Revolut", "HSBC", "ING", "Chase"), "day": ("Monday", "the 3rd", "last Friday"),
            "client": ("Northwind Ltd", "Harbor Studio", "Costa & Filhos"), "q": ("1", "2", "3", "4")}  # fmt: skip
MACROS = ("Refund - duplicate charge", "Login help", "Bank sync troubleshooting", "Export data", "Cancellation - retention offer", "Seats and plans",
          "Bug acknowledged - engineering notified", "VAT and tax settings", "Email deliverability")  # fmt: skip
OFFICE_TASKS = ("rewrite this email to be more {tone}:\n\n{email}", "summarise these meeting notes into decisions and action items:\n\n{notes}",
                "translate into {lang_to}: {sentence}", "write an Excel formula that {excel}", "draft a job ad for a {role} in our {team} team",
                "create an agenda for a {len}-minute {meeting}", "give me a polite reply declining {decline}", "turn these bullet points into a short update "
                "for leadership:\n{notes}", "what's a good subject line for an email about {subject}")  # fmt: skip
OT_SLOTS = {"tone": ("formal", "friendly", "concise", "diplomatic"), "email": ("Hi all, the Q3 numbers are late again because finance didn't get the "
            "inputs on time. We need everyone's figures by Friday or we slip another week.", "Hey, just checking if you had a chance to look at the "
            "contract? We kind of need it signed this week, client is pushing.", "Team - printer on 3rd floor is broken AGAIN. Please stop printing 200 page decks."),
            "notes": ("- budget review moved to Thursday\n- Ana to own vendor shortlist\n- hiring freeze until Q2?\n- offsite: Lisbon or Porto, vote by Fri",
                      "- launch slips 2 weeks (QA)\n- marketing needs final copy by 12th\n- Sam: check legal on the promo terms\n- next sync Monday"),
            "lang_to": ("German", "French", "Spanish", "Polish", "Dutch"), "sentence": ("Please find attached the signed agreement.",
            "The office will be closed on Monday for the public holiday.", "We are happy to confirm your booking for 12 people."),
            "excel": ("counts unique values in column B", "looks up a price by product code from another sheet", "sums sales where region is North and month is March"),
            "role": ("data analyst", "office manager", "junior accountant", "sales engineer"), "team": ("finance", "operations", "sales", "IT"),
            "len": ("30", "45", "60"), "meeting": ("project kickoff", "quarterly review", "retro", "client onboarding call"),
            "decline": ("a vendor's sponsorship request", "a meeting with no agenda", "a conference talk"), "subject": ("the new expense policy",
            "a delayed delivery", "the office move")}  # fmt: skip
PHRASES = {
    "en": ("Where is the nearest {place}?", "Could you send me the {doc} by {day}?", "I'd like to book a table for {n} at {time}.", "My {item} is broken, can I get a refund?",
           "We are running {mins} minutes late, sorry!", "Thank you so much for {thanks}.", "Is this seat taken?", "How much does the {item} cost?"),
    "es": ("¿Dónde está {place_es} más cercano?", "Llegaremos {mins} minutos tarde.", "Quisiera reservar una mesa para {n} personas.", "Muchas gracias por {thanks_es}.",
           "¿Me puede enviar la factura, por favor?", "El paquete no ha llegado todavía."),
    "de": ("Wo ist {place_de}?", "Wir verspäten uns um {mins} Minuten.", "Ich möchte einen Tisch für {n} Personen reservieren.", "Vielen Dank für {thanks_de}.",
           "Können Sie mir die Rechnung schicken?", "Das Paket ist noch nicht angekommen."),
    "fr": ("Où se trouve {place_fr} le plus proche ?", "Nous avons {mins} minutes de retard.", "Je voudrais réserver une table pour {n} personnes.",
           "Merci beaucoup pour {thanks_fr}.", "Pouvez-vous m'envoyer la facture ?"),
    "pt": ("Onde fica {place_pt} mais próximo?", "Vamos chegar {mins} minutos atrasados.", "Obrigado pela {thanks_pt}.", "Pode me mandar a nota fiscal?"),
    "zh": ("最近的{place_zh}在哪里？", "我们会晚到{mins}分钟。", "我想订一张{n}人的桌子。", "非常感谢你的{thanks_zh}。", "请把发票发给我。"),
}  # fmt: skip
PH_SLOTS = {"place": ("pharmacy", "train station", "ATM", "supermarket"), "doc": ("contract", "invoice", "slides"), "day": ("Friday", "tomorrow", "noon"),
            "n": ("2", "4", "6"), "time": ("7pm", "8:30", "noon"), "item": ("charger", "jacket", "ticket", "lamp"), "mins": ("10", "15", "20", "30"),
            "thanks": ("your help", "the lovely dinner", "the quick reply"), "place_es": ("la farmacia", "el cajero"), "thanks_es": ("tu ayuda", "la cena"),
            "place_de": ("der Bahnhof", "die nächste Apotheke"), "thanks_de": ("Ihre Hilfe", "das Abendessen"), "place_fr": ("la pharmacie", "le distributeur"),
            "thanks_fr": ("votre aide", "le dîner"), "place_pt": ("a farmácia", "o caixa eletrônico"), "thanks_pt": ("ajuda", "atenção"),
            "place_zh": ("药店", "地铁站", "超市"), "thanks_zh": ("帮助", "款待")}  # fmt: skip
WORD_PROBLEMS = ("{name} has {a} stickers. She buys {b} more and gives {c} to her brother. How many stickers does she have now?",
                 "A train travels {d} km in {h} hours. What is its average speed in km/h?", "A jacket costs ${p}. It is on sale for {pct}% off. What is the sale price?",
                 "{name} reads {a} pages a day. How many days will it take to finish a {d}-page book?",
                 "The sum of two numbers is {d} and their difference is {a}. What are the two numbers?",
                 "A recipe uses {a} cups of flour for {b} cookies. How many cups are needed for {c} cookies?",
                 "A tank holds {d} litres and drains at {a} litres per minute. How long until it is empty?")  # fmt: skip


def word_problem(rng: random.Random) -> str:
    return fill(rng, rng.choice(WORD_PROBLEMS), {"name": FIRST, "a": tuple(map(str, range(3, 25))), "b": tuple(map(str, range(5, 40))),
                "c": tuple(map(str, range(2, 20))), "d": tuple(map(str, range(60, 900, 15))), "h": ("2", "3", "4", "5"),
                "p": ("24", "49", "80", "120"), "pct": ("15", "20", "25", "40")})  # fmt: skip


WRITER = ("give me {n} headline options for a piece about {topic}", "what's a better word than '{word}' here: {line}", "fact check: {claim}",
          "summarise the main arguments for and against {topic} in a table", "who first said '{quote}'?", "outline a {len}-word feature on {topic}",
          "what are good sources on {topic}?", "rewrite this lede to be punchier: {lede}", "explain {topic} to a general reader in 3 paragraphs",
          "what questions should I ask {expert} about {topic}?", "is '{usage}' correct usage?", "timeline of {event}")  # fmt: skip
WR_SLOTS = {"n": ("5", "8", "10"), "topic": ("four-day work weeks", "microplastics in tap water", "city congestion charges", "lab-grown meat",
            "remote schooling", "heat pumps", "rent control", "e-scooter bans", "ultra-processed food", "nuclear power in Europe", "AI in hospitals",
            "the loneliness epidemic", "sleep and teenagers", "coral bleaching", "high-speed rail", "the decline of local news", "tiny homes",
            "water shortages in Spain", "the return of vinyl", "wildfire smoke"),
            "word": ("utilize", "impactful", "very important", "leverage", "interesting", "said"), "line": ("The mayor said the plan was very important.",
            "The study was interesting to many experts.", "We utilize data to improve outcomes."), "claim": ("we only use 10% of our brains",
            "goldfish have a three-second memory", "the Great Wall is visible from space", "lightning never strikes the same place twice",
            "Napoleon was very short", "humans have five senses", "cracking knuckles causes arthritis"), "quote": ("the medium is the message",
            "information wants to be free", "history doesn't repeat itself but it often rhymes", "the best way to predict the future is to invent it"),
            "len": ("800", "1,200", "2,000"), "lede": ("A new report out Tuesday shows that the city's buses are late more often than before.",
            "Scientists have found that sleep may matter more than we thought for memory."), "expert": ("an economist", "a city planner",
            "a climate scientist", "a nurse", "a teacher"), "usage": ("less people", "between you and I", "comprised of", "literally"),
            "event": ("the 2008 financial crisis", "the Chernobyl disaster", "the euro's launch", "the Apollo program")}  # fmt: skip
CONSULT = ("redacta un correo a {quien} sobre {tema}", "resume en {n} puntos las ventajas e inconvenientes de {cosa}", "¿cuál es la diferencia entre {dif_es}?",
           "tradúceme al inglés: «{frase}»", "prepara una agenda de {min} minutos para {reunion}", "explícame {concepto} con un ejemplo de {sector}",
           "dame {n} ideas para {reto} en una empresa de {sector}", "escribe un post de LinkedIn sobre {tema}", "¿cómo calculo {calc}?",
           "revisa este párrafo y hazlo más claro: {parrafo}", "¿qué preguntas debería hacer en una entrevista para {puesto}?",
           "haz una tabla comparando {cosa} y {cosa2}")  # fmt: skip
CO_SLOTS = {"quien": ("un cliente", "mi socio", "el proveedor", "el equipo", "recursos humanos"), "tema": ("el retraso del proyecto", "la nueva tarifa",
            "la reunión del jueves", "el cierre del trimestre", "la subida de precios", "el teletrabajo", "la auditoría", "las vacaciones de agosto",
            "el nuevo horario", "la renovación del contrato", "un pago pendiente", "la feria de marzo", "el cambio de oficina", "la encuesta de clima"),
            "n": ("3", "5", "7"), "cosa": ("el teletrabajo", "un CRM", "la facturación electrónica", "externalizar la contabilidad", "una semana de cuatro días",
            "Notion", "Excel", "contratar autónomos", "abrir una segunda tienda", "vender en Amazon", "un software de nóminas",
            "trabajar por proyectos", "pagar en bitcoin", "un plan de pensiones de empresa"), "cosa2": ("Trello", "Google Sheets", "un ERP", "contratar en plantilla"),
            "dif_es": ("margen bruto y margen neto", "EBITDA y beneficio", "un autónomo y una SL", "IVA e IRPF", "KPI y OKR"),
            "frase": ("Le adjunto la propuesta revisada.", "Quedamos a la espera de su confirmación.", "Lamentamos el retraso en la entrega.",
            "Le confirmo la reunión del martes a las diez.", "El presupuesto incluye la instalación.", "Necesitamos la factura antes del día 5.",
            "Gracias por su paciencia.", "Adjunto el informe final del proyecto."),
            "min": ("30", "45", "60", "90"), "reunion": ("el arranque del proyecto", "la revisión trimestral", "un taller con el cliente", "la junta de socios",
            "la presentación a inversores", "la formación del equipo nuevo"),
            "concepto": ("el flujo de caja", "el punto de equilibrio", "el coste de oportunidad", "el churn", "el CAC", "la amortización",
            "el fondo de maniobra", "el LTV", "la economía de escala", "el apalancamiento", "el pricing dinámico", "el NPS"),
            "sector": ("hostelería", "retail", "software", "logística", "construcción", "turismo"), "reto": ("reducir costes", "captar clientes",
            "retener talento", "digitalizar procesos"), "calc": ("el ROI de una campaña", "el margen de un producto", "el IVA trimestral", "la TIR"),
            "parrafo": ("La empresa ha tenido un año complicado pero a pesar de todo hemos conseguido crecer en ventas aunque los costes también han subido.",
            "Nuestro objetivo es ofrecer soluciones integrales que aporten valor añadido a nuestros clientes.",
            "Debido a causas ajenas a nuestra voluntad el pedido se retrasará unos días lo cual lamentamos.",
            "Se informa a todos los empleados que a partir del lunes el horario de la oficina cambia."),
            "puesto": ("jefe de proyecto", "contable", "comercial", "analista de datos", "diseñador", "responsable de marketing", "recepcionista",
            "técnico de soporte")}  # fmt: skip


def consult(rng: random.Random) -> str:
    return fill(rng, rng.choice(CONSULT), CO_SLOTS).replace(" de el ", " del ").replace(" a el ", " al ")


def unique(rng: random.Random, make, n: int, tries: int = 40) -> list[str]:
    """n texts from `make(rng)`, repeats skipped while fresh ones can still be found."""
    seen: dict[str, None] = {}
    for _ in range(n * tries):
        if len(seen) >= n:
            break
        seen.setdefault(make(rng), None)
    out = list(seen)
    return out + [make(rng) for _ in range(n - len(out))]


# A harness's prompts (the evaluation key) and the labelling job's fixed template.
QA_PRIMER = ("Q: How many legs does a spider have?\nA: A spider has eight legs.\n\nQ: Who wrote the play Hamlet?\nA: William Shakespeare wrote Hamlet.\n\n"
             "Q: What is the freezing point of water in Fahrenheit?\nA: Water freezes at 32 degrees Fahrenheit.\n\nQ: Which city is the capital of Canada?\n"
             "A: Ottawa is the capital of Canada.\n\nQ: How many days are there in a leap year?\nA: A leap year has 366 days.\n\n"
             "Q: What gas do plants absorb from the air?\nA: Plants absorb carbon dioxide from the air.")  # fmt: skip
MT_TEMPS = {
    "writing": 0.7,
    "roleplay": 0.7,
    "extraction": 0.0,
    "math": 0.0,
    "coding": 0.0,
    "reasoning": 0.0,
    "stem": 0.1,
    "humanities": 0.1,
}
LABEL = ('You label search queries typed by users of our app.\nReturn JSON only: {{"intent": one of ["fact", "person", "place", "date", "number", '
         '"media", "sports", "science", "other"], "needs_fresh_data": true or false, "answer_type": one of ["entity", "number", "date", "list", "text"]}}\n\n'
         "Query: {q}")  # fmt: skip
RELABEL = ("Two annotators disagreed on this query. Read the query, reason briefly about its intent, then give the final label as JSON "
           '{{"intent": ..., "needs_fresh_data": ..., "answer_type": ...}} using the same label set as before.\n\nQuery: {q}')  # fmt: skip
ALPACA = ("Below is an instruction that describes a task, paired with an input that provides further context. Write a response that appropriately "
          "completes the request.\n\n### Instruction:\n{i}\n\n### Input:\n{x}\n\n### Response:")  # fmt: skip
ALPACA_NO_INPUT = "Below is an instruction that describes a task. Write a response that appropriately completes the request.\n\n### Instruction:\n{i}\n\n### Response:"


def threads(n: int, *keep: int) -> list[Row]:
    """oasst2 as one row per conversation tree (its longest thread), trees bucketed by a stable hash of n
    (salted "r33"), so two personas never get two threads of one tree; in file order."""
    best: dict[str, Row] = {}
    for r in src("oasst2_threads"):
        tree = str(r.extra.get("tree", r.id))
        if tree not in best or len(r.turns) > len(best[tree].turns):
            best[tree] = r
    return [r for t, r in best.items() if zlib.crc32(f"r33:oasst2:{t}".encode()) % n in keep]


def turns_of(r: Row, k: int) -> tuple[list[str], list[str | None]]:
    return list(r.turns[:k]), list(r.replies[:k])


# =============================================================================================
# BENIGN 1. "Parley", a consumer chat app (US, UTC-5): its backend relays end users' conversations with
# the app's system prompt - Arena and oasst2 conversations, hh-rlhf conversations (people probing), and
# everyday asks in English and Spanish with follow-ups; day-shaped arrivals over three weeks.
PARLEY_SYS = "You are Parley, a friendly assistant inside a mobile chat app. Be helpful and concise. Use Markdown sparingly."
PARLEY_P = {"temperature": 0.7, "max_tokens": 1024, "stream": True}


def parley_app() -> list[KeyTraffic]:
    rng, g = R("parley"), R("parley", "generated")
    convs = [(r.id, *turns_of(r, 4)) for r in share("arena_even", 3, 0)]
    convs += [(r.id, *turns_of(r, 3)) for r in threads(2, 0)]
    convs += [
        (r.id, *turns_of(r, 3)) for r in dealt(R("parley", "hh"), share("hh_rlhf_harmless_test", 2, 0))[:500]
    ]
    for _ in range(380):
        lang = pick(g, (("en", 0.8), ("es", 0.2)))
        more = g.choices((0, 1, 2), (0.55, 0.35, 0.1))[0]
        convs.append(
            ("", [everyday(g, lang), *g.sample(EV_FOLLOW[lang], min(more, len(EV_FOLLOW[lang])))], [])
        )
    rng.shuffle(convs)
    out: list[Request] = []
    for t, (item, turns, replies) in zip(consumer(rng, len(convs), -5.0), convs, strict=True):
        out += talk(rng, t, turns, replies, PARLEY_P, PARLEY_SYS, item)
    org = {"organisation": f"org-{rng.getrandbits(40):010x}"}
    kt = key("r33-parley", "parley_app", "benign", "app", cl(rng, "openai-js", PARLEY_SYS, **org), out,
             "simulated: day-shaped Poisson conversation starts (UTC-5), turn gaps from timing.think", ("arena_even", "oasst2_threads", "hh_rlhf_harmless_test"))  # fmt: skip
    return [kt, parley_staging(org)]


# BENIGN 2. Parley's staging key (same organisation): QA's fixed smoke set of 40 canned prompts after each of
# 13 deploys (weekdays, office hours, 4 workers), plus a developer's ad-hoc pokes.
def parley_staging(org: dict[str, str]) -> KeyTraffic:
    rng, g = R("parley-staging"), R("parley-staging", "canned")
    canned = unique(g, lambda x: everyday(x, pick(x, (("en", 0.8), ("es", 0.2)))), 40)
    out: list[Request] = []
    for d in sorted(rng.sample([d for d in DAYS if d % 7 < 5], 13)):
        jobs: list[Job] = [(None, [ask(c, PARLEY_P, PARLEY_SYS)]) for c in canned]
        out += run_jobs(rng, utc(d, rng.uniform(10, 17), -5.0), jobs, 4)
    times = hourly(rng, DAYS, 4.0, -5.0, OFFICE, 0.0)
    out += at(
        times,
        [ask(everyday(g, "en") if g.random() < 0.6 else code_ask(g), PARLEY_P, PARLEY_SYS) for _ in times],
    )
    return key("r33-parley-staging", "parley_staging", "benign", "app", cl(rng, "openai-js", PARLEY_SYS, **org), out,
               "simulated: smoke runs after deploys (4 workers), ad-hoc office-hour requests (UTC-5)", ())  # fmt: skip


# BENIGN 3-5. Three heavy users asking hundreds of single questions a day at a person's pace (oasst2 gaps
# rescaled to their daily rate, `timing.paced`), on some of their working days: a Berlin developer through
# a command-line tool, a US journalist through a desktop app (Natural Questions queries as her quick look-ups,
# and writing asks), a Madrid consultant in Spanish (oasst2's Spanish conversations and work asks).
CODE_FOLLOW = ("that didn't work, same error", "can you add type hints", "now write a test for it", "what if the input is empty?", "shorter please",
               "explain the second line", "ok but without external libraries")  # fmt: skip
WR_FOLLOW = ("shorter", "give me three more", "source?", "more neutral tone please", "thanks")
CO_FOLLOW = ("más corto, por favor", "más formal", "¿puedes ponerlo en una tabla?", "gracias, ¿y en inglés?", "dame otra versión")  # fmt: skip


def split(rng: random.Random, n: int, k: int) -> list[int]:
    """n split into k day counts around n/k (0.7-1.3 of it)."""
    w = [rng.uniform(0.7, 1.3) for _ in range(k)]
    out = [int(n * x / sum(w)) for x in w]
    out[-1] += n - sum(out)
    return out


def heavy(rng: random.Random, days: list[int], hour: float, tz: float, per_day: float, asks: list[tuple[str, str, str | None]],
          params: dict, system: str | None, follow: tuple[str, ...], follow_p: float) -> list[Request]:  # fmt: skip
    """(text, item, stored reply) asks sent on `days` at `per_day`, a few followed up."""
    times = workdays(rng, days, hour, tz, split(rng, len(asks), len(days)), per_day, 9.5)
    out: list[Request] = []
    for t, (text, item, reply) in zip(times, asks, strict=True):
        turns = [text, rng.choice(follow)] if rng.random() < follow_p else [text]
        out += talk(rng, t, turns, [reply], params, system, item)
    return out


def office_days(rng: random.Random, k: int) -> list[int]:
    return sorted(rng.sample([d for d in DAYS if d % 7 < 5], k))


def dev_power_user() -> list[KeyTraffic]:
    rng, g = R("dev"), R("dev", "asks")
    asks = [(x, "", None) for x in unique(g, code_ask, 1150)]
    out = heavy(rng, office_days(rng, 8), 9.0, 1.0, 145, asks, {"stream": True}, None, CODE_FOLLOW, 0.12)
    return [key("r33-dev", "dev_power_user", "benign", "heavy", cl(rng, "openai-python"), out,
                "simulated: 8 working days at ~145 a day from ~09:00 (UTC+1), oasst2-shaped gaps (timing.paced)", ())]  # fmt: skip


def writer_power_user() -> list[KeyTraffic]:
    rng, g = R("writer"), R("writer", "asks")
    nq = dealt(rng, share("nq_open_dev", 3, 1))[:500]
    made = unique(
        g, lambda x: fill(x, x.choice(WRITER), WR_SLOTS) if x.random() < 0.45 else everyday(x, "en"), 700
    )
    asks = [(r.first, r.id, None) for r in nq] + [(x, "", None) for x in made]
    rng.shuffle(asks)
    out = heavy(
        rng,
        office_days(rng, 9),
        8.5,
        -5.0,
        135,
        asks,
        {"temperature": 0.7, "stream": True},
        "You are a helpful assistant.",
        WR_FOLLOW,
        0.1,
    )
    return [key("r33-writer", "writer_power_user", "benign", "heavy", cl(rng, "openai-js", "You are a helpful assistant."), out,
                "simulated: 9 working days at ~135 a day from ~08:30 (UTC-5), oasst2-shaped gaps (timing.paced)", ("nq_open_dev",))]  # fmt: skip


def consultant_es() -> list[KeyTraffic]:
    rng, g = R("consultora"), R("consultora", "asks")
    oa = [r for r in threads(2, 1) if r.extra.get("lang") == "es"]
    made = unique(g, lambda x: consult(x) if x.random() < 0.78 else everyday(x, "es"), 480)
    asks = [(r.first, r.id, r.answer) for r in oa] + [(x, "", None) for x in made]
    rng.shuffle(asks)
    out = heavy(
        rng,
        office_days(rng, 5),
        9.5,
        1.0,
        115,
        asks,
        {"temperature": 0.8, "max_tokens": 2048, "stream": True},
        None,
        CO_FOLLOW,
        0.15,
    )
    return [key("r33-consultora", "consultant_es", "benign", "heavy", cl(rng, "openai-js"), out,
                "simulated: 5 working days at ~115 a day from ~09:30 (UTC+1), oasst2-shaped gaps (timing.paced)", ("oasst2_threads",))]  # fmt: skip


# BENIGN 6. "Fixwell", a Q&A community (UTC+0): its "AI answer" button answers each new question once as it
# is posted (day-shaped arrivals, 55 a day), and a one-off backfill runs 420 older top questions on day 5
# (02:00, 4 workers). Its questions are written here (seven boards).
FIXWELL_SYS = ("You are Fixwell's answer assistant. Write a helpful, accurate first answer to the community question below. If you are unsure or "
               "the question needs a professional, say so. Use Markdown headings and short lists.")  # fmt: skip


def fixwell_answers() -> list[KeyTraffic]:
    rng, g = R("fixwell"), R("fixwell", "questions")
    qs = [x.split("\x00") for x in unique(g, lambda y: "\x00".join(community_question(y)), 1155 + 420)]
    p = {"temperature": 0.3, "max_tokens": 800}
    make = [ask(f"Board: {b}\n\n{q}", p, FIXWELL_SYS) for b, q in qs]
    out = at(consumer(rng, 1155, 0.0), make[:1155])
    out += run_jobs(rng, utc(5, 2.0, 0.0), [(None, [q]) for q in make[1155:]], 4)
    return [key("r33-fixwell", "fixwell_answers", "benign", "app", cl(rng, "requests", FIXWELL_SYS), out,
                "simulated: one call per new question (day-shaped Poisson, UTC+0); a 4-worker backfill on day 5", ())]  # fmt: skip


# BENIGN 7. "Owlnote", a homework helper app (US, UTC-5): students' sessions after school and in the evening
# (weekends at 60%), a generated homework question and up to three follow-ups.
OWL_SYS = "You are Owlnote, a homework helper for students aged 11-18. Explain step by step, check understanding, and encourage students to try first."


def homework_helper() -> list[KeyTraffic]:
    rng, g = R("owlnote"), R("owlnote", "homework")
    p = {"temperature": 0.5, "max_tokens": 900, "stream": True}
    out: list[Request] = []
    for t in hourly(rng, DAYS, 56, -5.0, SCHOOL, 0.6):
        out += talk(rng, t, homework(g), [], p, OWL_SYS)
    return [key("r33-owlnote", "homework_helper", "benign", "app", cl(rng, "okhttp", OWL_SYS), out,
                "simulated: Poisson sessions on a school-day curve (UTC-5), turn gaps from timing.think", ())]  # fmt: skip


# BENIGN 8. "Ledgerly" support team (Dublin, UTC+0): agents click "draft reply" on tickets in office hours;
# the request carries the ticket and the macro picked; a fifth are regenerated at once, some refined.
MACRO_PROMPT = ("Draft a reply to this support ticket, based on our macro \"{macro}\". Keep our tone: friendly, concise, no jargon. Sign as {agent} "
                "from Ledgerly Support.\n\nCustomer: {name} ({plan} plan)\nTicket:\n{ticket}")  # fmt: skip
MACRO_FOLLOW = ("Make it shorter.", "More apologetic, the customer is upset.", "Add the steps as a numbered list.", "Less formal.")  # fmt: skip


def support_macros() -> list[KeyTraffic]:
    rng, g = R("ledgerly"), R("ledgerly", "tickets")
    p = {"temperature": 0.4, "max_tokens": 500}
    agents = [rng.choice(FIRST) for _ in range(7)]
    out: list[Request] = []
    for t in hourly(rng, DAYS, 60, 0.0, OFFICE, 0.0):
        text = MACRO_PROMPT.format(macro=g.choice(MACROS), agent=g.choice(agents), name=person(g), plan=g.choice(TK_SLOTS["plan"]),
                                   ticket=fill(g, g.choice(TICKETS), TK_SLOTS))  # fmt: skip
        turns = [text, g.choice(MACRO_FOLLOW)] if g.random() < 0.15 else [text]
        out += talk(rng, t, turns, [], p)
        if g.random() < 0.2:
            out += talk(rng, t + rng.uniform(8, 40), [text], [], p)
    return [key("r33-ledgerly", "support_macros", "benign", "app", cl(rng, "go"), out,
                "simulated: Poisson clicks on an office curve, weekdays (UTC+0)", ())]  # fmt: skip


# BENIGN 9. A researcher's one-off evaluation (UTC-8), day 9: TruthfulQA generation as an lm-evaluation-
# harness-style completions task (a six-shot QA primer written here, greedy, stop at a blank line, seed
# 1234; 8 concurrent) and then MT-Bench with FastChat's per-category temperatures, both turns.
def truthfulqa_mtbench() -> list[KeyTraffic]:
    rng = R("tqa-researcher")
    tp = {"temperature": 0.0, "max_tokens": 256, "stop": ["\n\n"], "seed": 1234}
    jobs: list[Job] = [
        (r, [completion_request(0.0, f"{QA_PRIMER}\n\nQ: {r.first}\nA:", tp, r.id)])
        for r in src("truthfulqa")
    ]
    out = run_jobs(rng, utc(9, 13.5, -8.0), jobs, 8, 60)
    mt: list[Job] = []
    for r in src("mt_bench"):
        turns = [r.first, *list(r.extra.get("next_user_turns") or [])[:1]]
        mp = {"temperature": MT_TEMPS.get(str(r.extra.get("category")), 0.7), "max_tokens": 1024}
        mt.append((r, chat_requests(turns, [], [0.0] * len(turns), mp, None, r.id)))
    out += run_jobs(rng, max(q.ts for q in out) + rng.uniform(300, 1500), mt, 8, 600)
    return [key("r33-tqa-researcher", "truthfulqa_mtbench", "benign", "evaluation", cl(rng, "openai-python"), out,
                "simulated: one afternoon, two harness runs of 8 workers (UTC-8)", ("truthfulqa", "mt_bench"))]  # fmt: skip


# BENIGN 10. "Harrowgate Partners", a company gateway (London, UTC+0; office curve, weekends 5%): employees'
# office tasks with follow-ups, code questions, everyday asks, and Arena conversations standing for their
# open chats; the gateway adds the company's system prompt.
GW_SYS = "You are Harrowgate's internal assistant. Be accurate and concise. Never include client names in examples. Use British English."
GW_FOLLOW = ("shorter", "more formal", "add a line about the deadline", "translate that to German", "thanks", "bullet points please")  # fmt: skip


def company_gateway() -> list[KeyTraffic]:
    rng, g = R("harrowgate"), R("harrowgate", "asks")
    arena = dealt(rng, share("arena_even", 3, 1))
    starts = hourly(rng, DAYS, 96, 0.0, OFFICE, 0.05)
    out: list[Request] = []
    for i, t in enumerate(starts):
        p = (
            {"temperature": 0.7, "stream": True}
            if g.random() < 0.7
            else {"temperature": 0.2, "max_tokens": 1500}
        )
        k = g.random()
        if i % 6 == 0 and arena:
            r = arena.pop()
            out += talk(rng, t, *turns_of(r, 4), p, GW_SYS, r.id)
        elif k < 0.55:
            first = fill(g, g.choice(OFFICE_TASKS), OT_SLOTS)
            out += talk(
                rng, t, [first, *g.sample(GW_FOLLOW, g.choices((0, 1, 2), (0.6, 0.3, 0.1))[0])], [], p, GW_SYS
            )
        elif k < 0.8:
            out += talk(
                rng, t, [code_ask(g), *([g.choice(CODE_FOLLOW)] if g.random() < 0.2 else [])], [], p, GW_SYS
            )
        else:
            out += talk(rng, t, [everyday(g, "en")], [], p, GW_SYS)
    return [key("r33-harrowgate", "company_gateway", "benign", "app", cl(rng, "openai-python", GW_SYS), out,
                "simulated: Poisson conversation starts on an office curve (UTC+0), turn gaps from timing.think", ("arena_even",))]  # fmt: skip


# BENIGN 11. A data team labels its app's user search queries (Natural Questions queries stand for its log)
# with one fixed JSON template (Warsaw, UTC+1): all on day 10 (8 workers), a tenth re-judged on day 11.
def query_labelling() -> list[KeyTraffic]:
    rng = R("labelling")
    rows = dealt(rng, share("nq_open_dev", 3, 0))
    p = {"temperature": 0, "max_tokens": 60, "response_format": {"type": "json_object"}}
    out = run_jobs(
        rng, utc(10, 14.0, 1.0), [(None, [ask(LABEL.format(q=r.first), p, None, r.id)]) for r in rows], 8, 30
    )
    again = rows[: len(rows) // 10]
    p2 = {"temperature": 0, "max_tokens": 200, "response_format": {"type": "json_object"}}
    out += run_jobs(
        rng,
        utc(11, 10.0, 1.0),
        [(None, [ask(RELABEL.format(q=r.first), p2, None, r.id)]) for r in again],
        8,
        80,
    )
    return [key("r33-labelling", "query_labelling", "benign", "app", cl(rng, "openai-python"), out,
                "simulated: one 8-worker labelling run (day 10) and a re-judging run (day 11), UTC+1", ("nq_open_dev",))]  # fmt: skip


# BENIGN 12. A student's course project (Bangalore, UTC+5.5): 300 CodeAlpaca instructions sent once from a
# notebook, one at a time with a short sleep, answers compared to the dataset's; 40 re-sent the next evening
# with a longer max_tokens.
def student_project() -> list[KeyTraffic]:
    rng = R("student")
    rows = dealt(rng, share("codealpaca_2k", 3, 2))[:300]
    p = {"temperature": 0.7, "max_tokens": 512}
    out = trickle(rng, utc(12, 20.5, 5.5), [(r, [row_ask(r, p)]) for r in rows], (1.0, 3.0))
    p2 = {"temperature": 0.7, "max_tokens": 1024}
    out += trickle(rng, utc(13, 21.0, 5.5), [(r, [row_ask(r, p2)]) for r in rng.sample(rows, 40)], (1.0, 3.0))
    return [key("r33-student", "student_project", "benign", "heavy", cl(rng, "openai-python"), out,
                "simulated: one sequential notebook run (sleep 1-3 s) and a 40-item re-run, UTC+5.5", ("codealpaca_2k",))]  # fmt: skip


# BENIGN 13. "Lingo Pocket", a translation app (users in many zones; peak 15:00 UTC+1): phrases, pasted
# sentences and messages in six languages, each translated into a language the user picked.
TARGETS = {"en": ("Spanish", "German", "French", "Japanese"), "es": ("English",), "de": ("English", "Spanish"), "fr": ("English",),
           "pt": ("English", "Spanish"), "zh": ("English", "Japanese")}  # fmt: skip


def translation_app() -> list[KeyTraffic]:
    rng, g = R("lingo"), R("lingo", "texts")
    out: list[Request] = []
    for t in consumer(rng, 1800, 1.0):
        lang = pick(g, (("en", 0.45), ("es", 0.15), ("de", 0.12), ("fr", 0.1), ("pt", 0.08), ("zh", 0.1)))
        k = g.random()
        text = (
            fill(g, g.choice(PHRASES[lang]), PH_SLOTS)
            if k < 0.45 or (lang != "en" and k < 0.75)
            else sentence(g)
            if lang == "en" and k < 0.8
            else everyday(g, lang)
        )
        system = f"Translate the user's text into {g.choice(TARGETS[lang])}. Output only the translation."
        out += talk(rng, t, [text], [], {"temperature": 0.3, "max_tokens": 400}, system)
    return [key("r33-lingo", "translation_app", "benign", "app", cl(rng, "openai-js"), out,
                "simulated: day-shaped Poisson arrivals (peak 15:00 UTC+1)", ())]  # fmt: skip


# =============================================================================================
# DISTILLERS. Every request of theirs is marked `distill`, except the reseller's relayed users.


# DISTILLER 1. A Dolly-style replay (San Francisco, UTC-7): 2,000 human-style instructions written here
# (eight categories, a context paragraph for closed QA, summaries and extraction) sent as user messages
# with "You are a helpful assistant." by an async script with 16 workers; it dies of a rate-limit error
# after 1,150 and is resumed the next morning.
def dolly_replay() -> list[KeyTraffic]:
    rng, g = R("dolly"), R("dolly", "items")
    items = unique(g, lambda x: "\n\n".join(s for s in dolly_item(x)[1:] if s), 2000)
    p = {"temperature": 0.7, "max_tokens": 1024}
    jobs: list[Job] = [(None, [ask(x, p, "You are a helpful assistant.", "", True)]) for x in items]
    out = run_jobs(rng, utc(3, 14.2, -7.0), jobs[:1150], 16, 350)
    out += run_jobs(rng, utc(4, 9.7, -7.0), jobs[1150:], 16, 350)
    return [key("r33-dolly", "dolly_replay", "distiller", "distiller", cl(rng, "openai-python", "You are a helpful assistant."), out,
                "simulated: a 16-worker run from 14:10 (UTC-7), resumed next day at 09:40", (), harvest=len(out))]  # fmt: skip


# DISTILLER 2. LIMA-style community questions replayed plainly (Amsterdam, UTC+1): its LIMA rows' first turns,
# 4 workers from 21:00 on day 6; the next evening 15% are re-asked with a larger max_tokens (answers cut off).
def lima_replay() -> list[KeyTraffic]:
    rng = R("lima-replay")
    rows = dealt(rng, share("lima", 2, 0))
    p, p2 = (
        {"temperature": 0.7, "top_p": 0.9, "max_tokens": 2048},
        {"temperature": 0.7, "top_p": 0.9, "max_tokens": 4096},
    )
    out = run_jobs(rng, utc(6, 21.0, 1.0), [(r, [row_ask(r, p, None, True)]) for r in rows], 4)
    again = [r for r in rows if rng.random() < 0.15]
    out += run_jobs(rng, utc(7, 20.0, 1.0), [(r, [row_ask(r, p2, None, True)]) for r in again], 4)
    return [key("r33-lima-replay", "lima_replay", "distiller", "distiller", cl(rng, "httpx"), out,
                "simulated: 4 workers from 21:00 (UTC+1) on day 6, a re-ask run on day 7", ("lima",), harvest=len(out))]  # fmt: skip


# DISTILLER 3. The Alpaca prompt template (Shenzhen, UTC+8) around CodeAlpaca and BELLE instructions (their
# instruction and input fields), sent as one user message; three evenings from 19:00, 4 threads.
def alpaca_template() -> list[KeyTraffic]:
    rng = R("alpaca")
    rows = dealt(rng, share("codealpaca_2k", 3, 0, 1) + share("belle_dev1k", 2, 1))
    p = {"temperature": 0.7, "top_p": 1.0, "max_tokens": 512}
    jobs: list[Job] = []
    for r in rows:
        i, x = str(r.extra.get("instruction") or r.first), str(r.extra.get("input") or "")
        jobs.append(
            (
                r,
                [
                    row_ask(
                        r,
                        p,
                        None,
                        True,
                        ALPACA.format(i=i, x=x) if x.strip() else ALPACA_NO_INPUT.format(i=i),
                    )
                ],
            )
        )
    out = batches(rng, (8, 9, 10), 19.0, 8.0, jobs, 4)
    return [key("r33-alpaca", "alpaca_template", "distiller", "distiller", cl(rng, "requests"), out,
                "simulated: three evenings from 19:00 (UTC+8), 4 threads", ("codealpaca_2k", "belle_dev1k"), harvest=len(out))]  # fmt: skip


# DISTILLER 4. Orca-style explanation tuning (Toronto, UTC-5): 2,000 FLAN-style tasks written here under the
# Orca kind of system messages, and the Orca pairs' own prompts with their own system messages; two nights
# from 01:00, 32 async workers.
def orca_system_prompts() -> list[KeyTraffic]:
    rng, g = R("orca"), R("orca", "items")
    p = {"max_tokens": 1024}
    jobs: list[Job] = []
    for x in unique(g, flan_item, 2000):
        sys_ = pick(g, ORCA_SYSTEMS)
        jobs.append((None, [ask(x, p, sys_ or None, "", True)]))
    jobs += [
        (r, [row_ask(r, p, str(r.extra.get("system") or "") or None, True)])
        for r in src("orca_dpo_pairs_val")
    ]
    rng.shuffle(jobs)
    out = batches(rng, (11, 12), 1.0, -5.0, jobs, 32, 400)
    return [key("r33-orca", "orca_system_prompts", "distiller", "distiller", cl(rng, "openai-python"), out,
                "simulated: two nights from 01:00 (UTC-5), 32 workers", ("orca_dpo_pairs_val",), harvest=len(out))]  # fmt: skip


# DISTILLER 5. An OpenHermes-like mixture from a batch-jsonl script (Tallinn, UTC+2): ShareGPT first turns,
# Evol-Instruct, BELLE and Huatuo instructions, and generated code and maths asks, shuffled, a system message
# per source; three shards on three mornings, 48 workers; ~1.5% of lines sent twice (retries after timeouts).
def hermes_batch() -> list[KeyTraffic]:
    rng, g = R("hermes"), R("hermes", "lines")
    p = {"temperature": 0.7, "max_tokens": 4096}
    jobs: list[Job] = [
        (r, [row_ask(r, p, None, True)])
        for r in share("sharegpt_en_sample", 2, 1) + list(src("evol_instruct_h2o"))
    ]
    jobs += [(r, [row_ask(r, p, "You are a helpful assistant.", True)]) for r in share("belle_dev1k", 2, 0)]
    jobs += [(r, [row_ask(r, p, None, True)]) for r in share("huatuo_med_zh", 5, 3)]
    jobs += [(None, [ask(x, p, "You are an expert programmer.", "", True)]) for x in unique(g, code_ask, 250)]
    jobs += [
        (None, [ask(x, p, "Solve the problem step by step, then state the final answer.", "", True)])
        for x in unique(g, word_problem, 200)
    ]
    rng.shuffle(jobs)
    out = batches(rng, (13, 14, 15), 9.0, 2.0, jobs, 48, 500)
    retried = [Request(q.ts + rng.uniform(20, 90), q.endpoint, q.prompt, q.messages, dict(q.params), q.item, True, q.reply)
               for q in out if rng.random() < 0.015]  # fmt: skip
    out += retried
    srcs = ("sharegpt_en_sample", "evol_instruct_h2o", "belle_dev1k", "huatuo_med_zh")
    return [key("r33-hermes", "hermes_batch", "distiller", "distiller", cl(rng, "aiohttp"), out,
                "simulated: three 48-worker shards from 09:00 (UTC+2), retries 20-90 s later", srcs, harvest=len(out))]  # fmt: skip


# DISTILLER 6. A patient distiller (Boston, UTC-4): InstructionWild's English prompts and LIMA questions from
# one key at a person's rate - ~45 a day over eleven hours with oasst2-shaped gaps - for about a month.
def slow_pacer() -> list[KeyTraffic]:
    rng = R("pacer")
    rows = dealt(
        rng, [r for r in src("instructionwild") if r.extra.get("lang") == "en"] + share("lima", 2, 1)
    )
    times = shift(paced(rng, htiming(), lt(0, 9.0), len(rows), 45, 11), -4.0)
    out = at(times, [row_ask(r, {"max_tokens": 1500}, None, True) for r in rows])
    return [key("r33-pacer", "slow_pacer", "distiller", "distiller", cl(rng, "openai-js"), out,
                "simulated: ~45 a day over 11 hours with oasst2-shaped gaps (timing.paced), UTC-4, about a month",
                ("instructionwild", "lima"), harvest=len(out))]  # fmt: skip


# DISTILLER 7. A hydra of ten keys (one script, ten accounts) over Huatuo's medical questions: each key replays
# its own 180-row slice with a doctor's system prompt, on its own day and hour, 2 workers; no prompt shared.
HYDRA_SYS = "你是一名经验丰富的医生。请根据患者的描述，给出专业、详细的分析和建议。"


def hydra_medical() -> list[KeyTraffic]:
    rng = R("hydra")
    rows = dealt(rng, share("huatuo_med_zh", 5, 0, 1, 2))
    nets = [f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.0/24" for _ in range(3)]
    p = {"temperature": 0.8, "max_tokens": 1024}
    keys = []
    for i, d in enumerate(sorted(rng.sample(list(DAYS), 10))):
        sl = rows[i * 180 : (i + 1) * 180]
        out = run_jobs(
            rng, utc(d, rng.uniform(0, 24), 8.0), [(r, [row_ask(r, p, HYDRA_SYS, True)]) for r in sl], 2
        )
        kc = cl(rng, "httpx", HYDRA_SYS, "python-httpx/0.27.2", signup_network=rng.choice(nets))
        keys.append(key(f"r33-hydra-{i}", "hydra_medical", "distiller", "distiller", kc, out,
                        f"simulated: one 2-worker run on day {d} at a random hour", ("huatuo_med_zh",), actor="hydra", harvest=len(out)))  # fmt: skip
    return keys


# DISTILLER 8. A reseller's key (Singapore): its app developers' end users (Arena and hh-rlhf conversations,
# everyday asks in six languages; two zones) through three front-ends' prompts, and one customer that
# harvests InstructionWild's Chinese prompts and Chinese ShareGPT first turns through it on weekdays (one
# worker, 5-25 s sleeps) until the harvest is ~25% of the key.
FRONTS = ((None, {"stream": True}), ("You are a helpful assistant.", {"temperature": 0.7, "stream": True}),
          ("You are Buddy, a cheerful chat companion. Keep answers short and warm.", {"temperature": 0.9, "max_tokens": 800}))  # fmt: skip


def reseller_customer() -> list[KeyTraffic]:
    rng, g = R("tessera"), R("tessera", "users")
    convs = [(r.id, *turns_of(r, 4)) for r in share("arena_even", 3, 2)]
    convs += [(r.id, *turns_of(r, 3)) for r in dealt(g, share("hh_rlhf_harmless_test", 2, 1))[:200]]
    for _ in range(650):
        lang = pick(g, (("en", 0.45), ("zh", 0.2), ("es", 0.1), ("de", 0.1), ("fr", 0.08), ("pt", 0.07)))
        convs.append(
            ("", [everyday(g, lang), *([g.choice(EV_FOLLOW[lang])] if g.random() < 0.3 else [])], [])
        )
    rng.shuffle(convs)
    starts = sorted(
        consumer(rng, len(convs) * 6 // 10, 8.0) + consumer(rng, len(convs) - len(convs) * 6 // 10, 1.0)
    )
    relayed: list[Request] = []
    for t, (item, turns, replies) in zip(starts, convs, strict=True):
        system, p = g.choice(FRONTS)
        relayed += talk(rng, t, turns, replies, p, system, item)
    h = R("tessera", "customer")
    rows = dealt(
        h, [r for r in src("instructionwild") if r.extra.get("lang") == "zh"] + share("sharegpt_zh_1k", 2, 0)
    )
    rows = rows[: round(len(relayed) * 0.25 / 0.75)]
    hp = {"temperature": 0.8, "max_tokens": 2048}
    days = [d for d in DAYS if d % 7 < 5]
    per = -(-len(rows) // len(days))
    harvest: list[Request] = []
    for i, d in enumerate(days):
        chunk = rows[i * per : (i + 1) * per]
        harvest += trickle(
            h,
            utc(d, 10.0 + h.uniform(0, 1), 8.0),
            [(r, [row_ask(r, hp, None, True)]) for r in chunk],
            (5.0, 25.0),
        )
    kc = cl(rng, "go")
    return [key("r33-tessera", "reseller_customer", "distiller", "distiller", kc, relayed + harvest,
                "simulated: relayed users day-shaped in UTC+8 and UTC+1; the customer's single worker on weekdays from 10:00 (UTC+8)",
                ("arena_even", "hh_rlhf_harmless_test", "instructionwild", "sharegpt_zh_1k"), share=0.25, relayed=len(relayed), harvest=len(harvest))]  # fmt: skip


# DISTILLER 9. Whole ShareGPT conversations replayed turn by turn (Istanbul, UTC+3): each request resends the
# conversation's stored assistant turns as history (not what it was served), up to eight user turns; four
# nights from 23:00, 6 workers.
def sharegpt_multiturn() -> list[KeyTraffic]:
    rng = R("multiturn")
    rows = dealt(rng, share("sharegpt_en_sample", 2, 0))
    p = {"temperature": 0.7, "max_tokens": 2048}
    jobs: list[Job] = [(r, talk(rng, 0.0, *turns_of(r, 8), p, None, r.id, True, True)) for r in rows]
    out = batches(rng, (16, 17, 18, 19), 23.0, 3.0, jobs, 6)
    return [key("r33-multiturn", "sharegpt_multiturn", "distiller", "distiller", cl(rng, "openai-python"), out,
                "simulated: four nights from 23:00 (UTC+3), 6 workers, turns in order", ("sharegpt_en_sample",), harvest=len(out))]  # fmt: skip


# DISTILLER 10. Logprob harvesting for distillation on soft targets (Seoul, UTC+9): MOSS conversations' first
# turns sampled at temperature 1.0 with top_logprobs=20; three mornings from 10:00, 8 workers.
def logprob_harvest() -> list[KeyTraffic]:
    rng = R("logprobs")
    rows = dealt(rng, list(src("moss_sft_sample")))
    p = {"temperature": 1.0, "max_tokens": 512, "logprobs": True, "top_logprobs": 20}
    out = batches(rng, (2, 3, 4), 10.0, 9.0, [(r, [row_ask(r, p, None, True)]) for r in rows], 8)
    return [key("r33-logprobs", "logprob_harvest", "distiller", "distiller", cl(rng, "aiohttp"), out,
                "simulated: three mornings from 10:00 (UTC+9), 8 workers", ("moss_sft_sample",), harvest=len(out))]  # fmt: skip


BENIGN = (
    parley_app,
    dev_power_user,
    writer_power_user,
    consultant_es,
    fixwell_answers,
    homework_helper,
    support_macros,
    truthfulqa_mtbench,
    company_gateway,
    query_labelling,
    student_project,
    translation_app,
)
DISTILL = (
    dolly_replay,
    lima_replay,
    alpaca_template,
    orca_system_prompts,
    hermes_batch,
    slow_pacer,
    hydra_medical,
    reseller_customer,
    sharegpt_multiturn,
    logprob_harvest,
)

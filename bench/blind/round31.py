"""Blind persona set 31 (an outside reviewer): 12 benign personas on 12 keys, 9 distiller actors on 13 keys.

Written blind: without reading the detector's code, docs, tests or results. What was read: the
realtraffic helpers (src/stillroom/detector/realtraffic/): __init__, records, timing, clients, pools and
context (one `cat` of the six, whose display cut the middle of clients and pools; those stretches were
then printed by line range), detector/types.py; benign, distill, evals, wordings, suite and replay were
not opened (a listing of the folder showed their names). Of the earlier blind sets: round30's
docstring, imports, helpers, most of its generators and builders and its registries (the display cut a
few stretches of long literals and builders); round28's lines 1-400 (docstring, imports, helpers, the
start of its first builder); round29's lines 1-235 (docstring, imports, helpers), a list of its
top-level names and its registries; round2's lines 1-100; the Focus paragraphs (~7 lines from "Focus:")
of rounds 7-30 (a grep found none in rounds 2-6 and 13). Helpers are imported as round29 and round30
import them: utc, weekday, arrivals, cl, key, ask, chain, typo, casual, the name lists and the OFFICE and
CONSUMER curves from round28; run, sleepy, at and async_ua from round29; zones, pick, draw, company and
the EVENING curve from round30; `src` from round2. Also pyproject.toml (printed whole; its ruff
settings), ../shared/STYLE.md, ../shared/traffic's README and file listing, and a one-off look at the
field names, row counts, turn-count histograms, median first-turn lengths and `lang`/`category`/
`origin`/`subset`/`task` value counts of 20 of its files (no texts; rows are read at run time and never
copied here). A directory listing of bench/blind/ showed file names; `git status` once; no forbidden
file was opened and no git history, log or diff was looked at. ALL parameters below were fixed before
anything was run and are not tuned on outcomes. Its writer built the traffic only - to check that it
imports, is deterministic, uses no row in two personas, and that the keys' volumes came out as estimated
beforehand (a check printed three sampled requests per key) - and replayed nothing. One change after the
first build: the university gateway's system prompt takes the gateway's name (Northmere's had said
"UniGate"); no rate, volume or share changed.

Focus: AGGREGATORS AND MIXTURES. Many of an API's biggest customers relay other people: model routers
and resellers, browser extensions, Discord, Telegram and Slack bots, no-code app builders, white-label
chat vendors, university and company gateways, support platforms, keyboards and voice assistants. Their
keys carry genuinely mixed traffic - many users, apps, languages and templates at once - whose mixture
shifts with the hour (time zones), the weekday, launches and viral moments. Distillation hides in such
keys as a MINORITY share of real relayed traffic (about 5%, 10%, 15%, 20%, 30% and 50% here): a reseller
with one distilling customer, a bot whose owner harvests through it at night, gateways where one team or
one student harvests, platform tenants that harvest through the platform's own templates, a browser
extension's developer harvesting through the extension's presets; one harvest spread over four
resellers' keys; and a distiller that builds a relay's mixture itself (real chat first turns plus its own
items through the same front-end prompts). Every distiller key's relayed share is built by the same
relay code as the benign persona of its kind, so volume, breadth, templates, settings and time of day
do not separate the sides by themselves; relayed users' requests are benign, only the harvest's are
marked `distill`.
Benign, 12 keys (~32,400 requests, 1,700-3,900 a key), each one aggregator's upstream key, two weeks: a
model router (Arena and ShareGPT conversations through five front-ends' system prompts and settings,
generated chat in eight languages, role-play, an IDE plugin, a translation app, a study app launching on
day 7 and growing; UTC-8..+8); a browser extension (presets over selected pages - news, shops, docs,
mail, forums, abstracts, recipes, written here - and Natural Questions queries in its side panel); a
Discord bot in many servers (hh-rlhf and Arena conversations through /ask, /tldr of generated channel
logs, /code, fun commands; evenings, weekends x1.4); a multilingual Telegram bot (oasst2 conversations,
generated chat in Portuguese, Spanish, Russian, Turkish, German and English, voice-note summaries, an
08:00 brief per zone); a Slack app in 40 workspaces (thread summaries, /ask, 09:00 digests; six zones);
a no-code builder (nine tenants' apps with their own templates, settings and audiences; one app viral
from day 9; a bulk import); a white-label chat vendor (seven businesses' assistants; strangers' hh-rlhf
first turns); a university gateway (Arena chats, MBPP coursework doubling in the exam fortnight, essays,
international students, staff; a research group's BIG-Bench-Hard runs on two nights); a company gateway
in four offices (ShareGPT chats, memos, code review, translation, nightly indexing); a support platform's
agent assist for ten tenants (triage JSON, drafts, agents' edits, CRM summaries); a keyboard's rewrite
button in six languages; and a smart-speaker assistant (Natural Questions and generated spoken asks).
Distillers, 9 actors on 13 keys (~28,700 requests, ~9,500 of them the harvest): a reseller relaying the
router's kinds of traffic with one customer harvesting CodeAlpaca and LIMA answers (15%, weekdays in
UTC+7, one rate-limited worker); a bilingual Discord bot whose owner sends BELLE and InstructionWild
Chinese instructions through the bot's own /ask path every night at 01:00 (30%); a company gateway whose
ML team sends Orca items with their own system messages and Evol-Instruct items from a notebook on
weekday afternoons (5%); a support platform whose tenant "Kinetic CX" runs generated tickets of every
industry through the agent-assist template with a reasoning instruction, around the clock (50%); one
data shop spread over four small resellers' keys (10%, 20%, 30%, 15%; InstructionWild English and LIMA,
dealt in turn, one daily run on all four within minutes); a relay mimic on two keys (100%: Arena,
oasst2 and Natural Questions first turns mixed with CodeAlpaca, Huatuo and generated asks, through the
same front-end prompts and settings, consumer curves, scripted follow-ups); a browser extension whose
developer runs generated pages through its four presets nightly (10%); a university gateway where a
student replays MOSS conversations turn by turn at night (15%); and a white-label vendor whose tenant
"DevShop Academy" sends CodeAlpaca items dressed as students' questions with follow-ups, paced like
students (~50%).

Row allotment (a stable hash salted "r31", in `share`; first turns over 4,000 characters left out):
arena_even in 7 buckets - 0 the router, 1 the university, 2 the Discord bot, 3 the reseller, 4 the
mimic (first turns only), 5 the four spread resellers (dealt in turn), 6 Northmere; sharegpt_en_sample in
4 - 0 the router, 1 Holloway, 2 the reseller, 3 Carrick; oasst2_threads in 3 - 0 Pocket, 1 Mochi, 2 the
mimic; hh_rlhf_harmless_test in 5 - 0 Kobold, 1 Concierge (its first 300 in dealt order), 2 Mochi, 3 the
spread resellers, 4 Chatwell (its first 200); nq_open_dev in 4 - 0 Hearth, 1 Glimpse, 2 the mimic (300 a
key), 3 Skimr; mbpp in 2 - 0 UniGate, 1 Northmere (sampled with replacement inside each, as a class asks
about the same exercises); bbh bucket 0 of 10 UniGate's research run (each item once per condition).
Harvest sources: codealpaca_2k in 3 - 0 the reseller's customer, 1 Chatwell's tenant, 2 the mimic;
lima in 2 - 0 the reseller's customer, 1 the spread shop; instructionwild's English rows the spread shop
and its Chinese rows Mochi's owner; belle_dev1k (all) Mochi's owner; orca_dpo_pairs_val and
evol_instruct_h2o (all) Carrick's team; huatuo_med_zh bucket 0 of 3 the mimic (350 a key); moss_sft_sample
bucket 0 of 2 Northmere's student. A minority harvest takes its rows in dealt order until its requests
reach `need` (share x relayed / (1 - share)); the rest of its rows is unused. Every other text - pages,
channel threads, tickets and knowledge bases, short messages, spoken questions, app templates and their
inputs, business facts and customers' questions, role-play cards, homework, essays, memos, diffs, code
questions, everyday asks in eight languages, wrappers - is written here.

Timing is simulated everywhere: Poisson arrivals on consumer, office, evening, household and flat
curves in one or several zones (`zones`), weekend factors, a launch growing 15% a day and a viral app
decaying 40% a day (`ramp`), people's turn gaps from `timing.think` (round29's `at`), cron jobs and
nightly batches (round29's `run`: 08:00 briefs, 09:00 digests, 01:00 indexing, benchmark nights), and
harvests as their owners would run them: a rate-limited single worker (`sleepy`), nightly worker pools,
daily runs synchronised over four keys, and tenants and mimics paced like people. Replies: the stored
replies for stored conversations' turns; otherwise the helpers' stub reply (a ticket's CRM summary
quotes its draft's stub). Every harvest request is marked `distill`; the relayed requests on a
distiller's key are not; no benign request is.
"""

from __future__ import annotations

import random
import zlib

from blind.round2 import src  # round 2's reader of ../shared/traffic
from blind.round28 import (
    CONSUMER,
    FIRST,
    LAST,
    OFFICE,
    arrivals,
    ask,
    casual,
    chain,
    cl,
    key,
    typo,
    utc,
    weekday,
)
from blind.round29 import async_ua, at, run, sleepy
from blind.round30 import EVENING, company, draw, pick, zones
from stillroom.detector.realtraffic.clients import account
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import KeyTraffic, Request

DAYS = range(14)  # two weeks from Monday 2 March 2026 (round28's `utc`)
# A flat day with a shallow night dip: a 24/7 operation or a world-wide user base in one zone's terms.
FLAT = (0.6, 0.55, 0.5, 0.5, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0, 1.0, 1.0, 0.95, 0.95, 0.95, 1.0, 1.0, 1.0, 0.95,
        0.9, 0.8, 0.7)  # fmt: skip
# A household's day: breakfast, the evening and the children's bedtime.
HOME = (0.05, 0.02, 0, 0, 0, 0.05, 0.4, 0.9, 0.7, 0.4, 0.35, 0.4, 0.5, 0.4, 0.35, 0.4, 0.6, 0.9, 1.0, 1.0, 0.9, 0.6, 0.3, 0.1)  # fmt: skip


def R(*names: object) -> random.Random:
    return random.Random("blind31:" + ":".join(map(str, names)))


def share(name: str, n: int, *keep: int, longest: int = 4000) -> list[Row]:
    """The rows of a source whose stable hash bucket of n (salted "r31") is one of `keep` and whose first
    turn has at most `longest` characters, in file order."""
    return [
        r
        for r in src(name)
        if zlib.crc32(f"r31:{r.file}:{r.id}".encode()) % n in keep and len(r.first) <= longest
    ]


def dealt(rng: random.Random, rows: list[Row]) -> list[Row]:
    """The rows in a shuffled order (a persona hands them out by popping)."""
    out = list(rows)
    rng.shuffle(out)
    return out


def convo(
    r: Row, params: dict, system: str | None = None, turns: int = 6, distill: bool = False
) -> list[Request]:
    """A stored conversation's first `turns` user turns; its stored replies stand for the served ones."""
    t = list(r.turns[:turns])
    return chain(t, params, system, tuple(r.replies[: len(t)]), r.id, distill)


def people(rng: random.Random, times: list[float], make) -> list[Request]:
    """End users arriving at `times`, each with one conversation from `make(rng)`, at a person's pace."""
    return at(times, [make(rng) for _ in times], rng)


def need(benign: int, frac: float) -> int:
    """How many harvest requests make up `frac` of a key that relays `benign` other requests."""
    return round(benign * frac / (1.0 - frac))


def cut(jobs: list[list[Request]], target: int) -> list[list[Request]]:
    """The first jobs whose requests add up to at least `target`."""
    out, n = [], 0
    for job in jobs:
        if n >= target:
            break
        out.append(job)
        n += len(job)
    return out


def daily(rng: random.Random, days, hour: float, tz: float, jobs: list[list[Request]], workers: int,
          jitter: float = 1800.0, pause: tuple[float, float] | None = None) -> list[Request]:  # fmt: skip
    """The jobs split evenly over `days`, each day's share started at local `hour` (+ U(0, jitter) s):
    a pool of `workers`, or with `pause` one worker sleeping U(pause) after each reply."""
    days = list(days)
    per = -(-len(jobs) // len(days))
    out: list[Request] = []
    for i, d in enumerate(days):
        t = utc(d, hour, tz) + rng.uniform(0, jitter)
        chunk = jobs[i * per : (i + 1) * per]
        out += sleepy(rng, t, chunk, pause)[0] if pause else run(rng, t, chunk, workers)[0]
    return out


def ramp(rng: random.Random, first: int, days, peak: float, decay: float, curve, tz: float) -> list[float]:
    """A launch or a viral moment: `peak` arrivals on day `first`, times `decay` each day after."""
    return sorted(
        t for d in days if d >= first for t in arrivals(rng, [d], peak * decay ** (d - first), curve, tz)
    )


def sample(rng: random.Random, text: str) -> str:
    """A person's typing: casual case and stops, a few slips."""
    return casual(rng, typo(rng, text, 0.03))


# =============================================================================================
# EVERYDAY ASKS (relayed end users of chat front-ends, bots, white-label apps; the mimic's own items):
# templates in eight languages with slot vocabularies.
EV_EN = ("write a short email to my landlord about {issue}", "what can i cook with {ing}, {ing2} and {ing3}?", "plan a {n}-day trip to {city} on a budget",
         "explain {concept} like i'm 12", "gift ideas for my {rel} who likes {hobby}, under {money}", "help me write a birthday message for my {rel}",
         "what's the difference between {pair}?", "give me a {n}-week beginner plan for {sport}", "pros and cons of {choice}?",
         "how do i politely ask my boss for {req}", "rewrite this so it sounds more professional: {msg}", "why does {phenom}?",
         "recommend {n} books like {book}", "my {rel} and i keep arguing about {argue}. how do we talk about it calmly?", "is {food} actually healthy?",
         "what should i pack for {city} in {month}?", "write the opening paragraph of a cover letter for a {job} job", "how do i get rid of {pest} in my {room}?",
         "how do you say '{msg}' in {tlang}?", "make a shopping list for {meal} for {n} people", "what's a good name for a {pet}?",
         "can you check my maths: {a} x {b} = {c}?", "tips for a job interview as a {job}?", "explain the offside rule", "what happened in the {event}?")  # fmt: skip
EV_SLOTS = {
    "issue": ("a leaking tap", "the broken heating", "mould in the bathroom", "a late deposit refund", "noisy neighbours", "the rent increase"),
    "ing": ("chicken", "rice", "lentils", "eggs", "tofu", "pasta", "potatoes", "salmon"), "ing2": ("spinach", "tomatoes", "onions", "peppers", "mushrooms", "feta", "courgette"),
    "ing3": ("garlic", "lemon", "coconut milk", "cheddar", "chickpeas", "yoghurt", "chorizo"),
    "city": ("Lisbon", "Tokyo", "Mexico City", "Kraków", "Istanbul", "Hanoi", "Edinburgh", "Marrakech", "Buenos Aires", "Seoul", "Porto", "Valencia", "Chicago"),
    "concept": ("inflation", "black holes", "how vaccines work", "compound interest", "photosynthesis", "blockchain", "the stock market", "why the sky is blue", "tides", "interest rates"),
    "rel": ("mum", "dad", "sister", "brother", "girlfriend", "boyfriend", "best friend", "grandma", "coworker", "wife", "husband", "son", "daughter"),
    "hobby": ("gardening", "hiking", "board games", "baking", "photography", "vinyl records", "yoga", "football", "fishing", "knitting"),
    "money": ("$30", "€50", "£25", "$100", "€20"),
    "pair": ("a Roth IRA and a traditional IRA", "baking soda and baking powder", "weather and climate", "affect and effect", "a virus and bacteria", "LED and OLED TVs", "a crocodile and an alligator"),
    "sport": ("running", "swimming", "strength training", "cycling", "climbing", "tennis"),
    "choice": ("renting vs buying", "an electric car", "going back to university at 30", "working from home", "a gap year", "a standing desk"),
    "req": ("a raise", "a day off next Friday", "to work from home twice a week", "a new laptop", "feedback on my performance"),
    "msg": ("hey sorry cant make it tmrw, something came up", "pls send the report asap its late", "thx for the help yesterday, really saved me", "we need to talk about the invoice you sent", "where is my order"),
    "phenom": ("my phone battery drain faster in the cold", "bread go stale", "my cat knock things off the table", "the moon look bigger near the horizon", "coffee make me sleepy", "my knee click"),
    "book": ("The Martian", "Project Hail Mary", "Pride and Prejudice", "Sapiens", "The Hobbit", "Atomic Habits", "Gone Girl"),
    "argue": ("chores", "money", "screen time", "where to spend the holidays", "his mother"),
    "food": ("oat milk", "intermittent fasting", "dark chocolate", "sparkling water", "peanut butter", "rice cakes"),
    "month": ("March", "July", "October", "December"), "job": ("barista", "junior data analyst", "nurse", "marketing intern", "warehouse supervisor", "teacher"),
    "pest": ("fruit flies", "ants", "mould", "silverfish"), "room": ("kitchen", "bathroom", "basement"),
    "tlang": ("Spanish", "French", "Japanese", "German", "Italian", "Korean"), "meal": ("a taco night", "a Sunday roast", "a vegan barbecue", "a picnic", "a kid's birthday party"),
    "pet": ("black cat", "golden retriever", "hamster", "tortoise", "parrot"),
    "event": ("last night's match", "the Oscars", "the election debate", "the SpaceX launch", "the new iPhone event"),
}  # fmt: skip
EV_OTHER = {
    "es": ("escríbeme un mensaje de cumpleaños para mi {rel_es}", "qué puedo cocinar con arroz, huevos y tomate?", "plan de {n} días en {city} con poco dinero",
           "explícame la inflación como si tuviera 12 años", "cómo le pido un aumento a mi jefe sin que suene mal", "ideas de regalo para mi {rel_es} que le gusta el fútbol",
           "corrige este texto: {msg_es}", "por qué se me descarga el celular tan rápido?", "dame una rutina de ejercicio de {n} semanas para principiantes",
           "cómo se dice '{msg_es}' en inglés?"),
    "pt": ("me ajuda a escrever um e-mail para o meu chefe pedindo férias", "o que posso fazer para o jantar com frango e batata?", "roteiro de {n} dias em {city}, barato",
           "explica o que é a taxa Selic de um jeito simples", "ideias de presente para minha {rel_pt}", "como tirar mancha de café do sofá?", "traduz para o inglês: {msg_pt}"),
    "de": ("schreib mir eine kurze Mail an den Vermieter wegen der kaputten Heizung", "was kann ich mit Kartoffeln, Lauch und Speck kochen?", "plane {n} Tage in {city}, günstig",
           "erklär mir ETFs so, dass ich es verstehe", "wie formuliere ich eine Kündigung für mein Fitnessstudio?", "Geschenkidee für meine {rel_de}, max 40 Euro"),
    "fr": ("aide-moi à écrire un mail pour décaler un rendez-vous", "une idée de recette avec des courgettes et du chèvre ?", "un itinéraire de {n} jours à {city} pas cher",
           "explique-moi la différence entre un CDD et un CDI", "comment dire non à un collègue poliment ?"),
    "ru": ("помоги написать письмо арендодателю про протечку", "что приготовить из гречки и курицы?", "план поездки в {city} на {n} дня", "объясни простыми словами, что такое инфляция",
           "как вежливо отказать коллеге?"),
    "tr": ("ev sahibime kira artışı hakkında nazik bir mesaj yaz", "{city} için {n} günlük ucuz gezi planı", "tavuk ve pirinçle ne pişirebilirim?", "enflasyonu basitçe açıklar mısın?"),
    "zh": ("帮我写一封请假邮件，理由是家里有事", "用鸡蛋和西红柿能做什么菜？", "去{city}玩{n}天，预算有限，怎么安排？", "用简单的话解释一下什么是通货膨胀", "怎么礼貌地拒绝同事的请求？",
           "帮我把这句话翻译成英文：{msg_zh}"),
}  # fmt: skip
EV_OTHER_SLOTS = {"rel_es": ("mamá", "hermana", "novia", "abuela", "mejor amigo"), "rel_pt": ("mãe", "irmã", "namorada", "avó"), "rel_de": ("Mutter", "Schwester", "Freundin", "Oma"),
                  "msg_es": ("oye no puedo ir mañana, se me complicó", "porfa mándame el informe que ya es tarde"), "msg_pt": ("não vou conseguir ir amanhã, desculpa", "obrigado pela ajuda ontem"),
                  "msg_zh": ("明天的会议改到下午三点", "谢谢你昨天的帮助"), "city": EV_SLOTS["city"]}  # fmt: skip
EV_FOLLOW = {
    "en": ("thanks!", "shorter please", "can you make it more casual", "what about a vegetarian version", "and if i only have {n} days?", "ok but why?",
           "give me another option", "perfect thank you", "can you put that in a table", "hmm that's not quite right", "more detail on the second point"),
    "es": ("gracias!", "más corto porfa", "y otra opción?"), "pt": ("valeu!", "mais curto", "e outra opção?"), "de": ("danke!", "kürzer bitte", "noch eine Idee?"),
    "fr": ("merci !", "plus court stp"), "ru": ("спасибо!", "короче, пожалуйста"), "tr": ("teşekkürler!", "daha kısa lütfen"), "zh": ("谢谢！", "再简短一点", "还有别的办法吗？"),
}  # fmt: skip


def everyday(rng: random.Random, lang: str = "en") -> str:
    """One everyday request as a person types it, in `lang`."""
    if lang == "en":
        a, b = rng.randint(12, 99), rng.randint(3, 49)
        text = draw(
            rng,
            rng.choice(EV_EN),
            EV_SLOTS,
            n=rng.randint(2, 7),
            a=a,
            b=b,
            c=a * b + rng.choice((0, 0, 10, -1)),
        )
        return sample(rng, text)
    return draw(rng, rng.choice(EV_OTHER[lang]), EV_OTHER_SLOTS, n=rng.randint(2, 7))


def everyday_chat(
    rng: random.Random, lang: str = "en", follow: tuple[float, ...] = (0.55, 0.3, 0.15)
) -> list[str]:
    """An everyday conversation's user turns: the request and 0-2 follow-ups."""
    k = rng.choices(range(len(follow)), follow)[0]
    return [
        everyday(rng, lang),
        *[f.format(n=rng.randint(2, 5)) for f in rng.sample(EV_FOLLOW[lang], min(k, len(EV_FOLLOW[lang])))],
    ]


# =============================================================================================
# CODING ASKS (a router's IDE plugin, the gateways, the programming servers of the bots): how-tos, error
# messages with the snippet that raised them, small functions, SQL over a small schema.
CODE_TASKS = ("read a CSV file and skip the header", "sort a list of dicts by two keys", "retry an HTTP request with exponential backoff", "parse ISO dates with time zones",
              "debounce a function", "stream a large file line by line", "dedupe rows but keep the latest one", "run tasks in parallel with at most {k} at a time",
              "mock the current time in a unit test", "paginate an API that returns a next cursor", "validate an email address", "group rows by week and sum them",
              "read env vars with defaults", "upload a file to S3 with a progress bar", "compare two JSON objects and list the differences", "flatten a nested list",
              "write a CLI with subcommands", "cache a function's results for {k} minutes", "convert a timestamp to the user's time zone", "merge two sorted arrays")  # fmt: skip
CODE_LANGS = ("Python", "Python", "JavaScript", "TypeScript", "Go", "Java", "Rust", "C#", "Bash", "SQL")
CODE_BUGS = {
    "Python": (("KeyError: '{v}'", "def load(path):\n    with open(path) as f:\n        data = json.load(f)\n    return data['{v}']['items']"),
               ("IndexError: list index out of range", "for i in range(len({v})):\n    if {v}[i] is None:\n        {v}.pop(i)"),
               ("ValueError: time data '03/{d}/2026' does not match format '%Y-%m-%d'", "df = pd.read_csv('{v}.csv')\ndf['date'] = pd.to_datetime(df['date'], format='%Y-%m-%d')"),
               ("TypeError: 'NoneType' object is not subscriptable", "user = db.get_user({v}_id)\nprint(user['email'])")),
    "JavaScript": (("TypeError: Cannot read properties of undefined (reading '{v}')", "const res = await fetch(`/api/{v}`);\nconst data = await res.json();\nconsole.log(data.{v}.length);"),
                   ("it prints done before anything is saved", "items.forEach(async (x) => {{\n  await save(x);\n}});\nconsole.log('done');")),
    "TypeScript": (("TS2339: Property '{v}' does not exist on type 'Response'", "const r: Response = await api.get('/{v}');\nreturn r.{v};"),),
    "Go": (("panic: runtime error: invalid memory address or nil pointer dereference", "var cfg *Config\nif err := load(&cfg); err != nil {{\n    return err\n}}\nfmt.Println(cfg.{v})"),),
    "SQL": (("ERROR: column \"orders.{v}\" must appear in the GROUP BY clause or be used in an aggregate function", "SELECT customer_id, {v}, SUM(total)\nFROM orders\nGROUP BY customer_id;"),),
}  # fmt: skip
CODE_ASKS = (
    "how do i {task} in {lang}?",
    "{lang}: {task}. shortest clean way?",
    "write a {lang} function to {task}",
    "best practice to {task} in {lang}?",
)
CODE_VARS = ("user", "items", "order", "payload", "config", "rows", "session", "invoice", "product", "event")
CODE_FOLLOW = ("that didn't work, same error", "can you add type hints", "explain line 3", "what if the list is empty?", "now write a test for it",
               "is there a way without a library?", "thanks that fixed it", "make it async")  # fmt: skip


def code_ask(rng: random.Random) -> str:
    """A developer's question: a how-to, or an error with the code that raised it."""
    if rng.random() < 0.45:
        lang = rng.choice(sorted(CODE_BUGS))
        err, snip = rng.choice(CODE_BUGS[lang])
        v = rng.choice(CODE_VARS)
        err, snip = err.format(v=v, d=rng.randint(13, 31)), snip.format(v=v)
        text = rng.choice(
            (
                "why does this throw {e}?\n\n```\n{s}\n```",
                "```\n{s}\n```\n{e}\n\nwhat am i doing wrong",
                "getting `{e}` here:\n{s}",
            )
        )
        return text.format(e=err, s=snip)
    task = rng.choice(CODE_TASKS).format(k=rng.choice((3, 5, 10)))
    return sample(rng, rng.choice(CODE_ASKS).format(task=task, lang=rng.choice(CODE_LANGS)))


def code_chat(rng: random.Random) -> list[str]:
    return [code_ask(rng), *rng.sample(CODE_FOLLOW, rng.choices((0, 1, 2), (0.5, 0.35, 0.15))[0])]


# =============================================================================================
# HARVEST WRAPPERS (the distillers' own framing of instruction rows).
HV_SYSTEMS = ("You are a helpful, knowledgeable assistant. Give complete, accurate and well-structured answers.",
              "You are an expert assistant. Answer thoroughly; explain your reasoning where it helps.",
              "You are a helpful assistant.")  # fmt: skip
HV_TAILS = (
    "",
    "",
    "",
    "\n\nPlease give a detailed, well-structured answer.",
    "\n\nExplain step by step.",
    "\n\nInclude a short example.",
)


def harvest(
    rng: random.Random, r: Row, params: dict, system: str | None, item_turns: int = 1
) -> list[Request]:
    """An instruction row sent for its answer: the row's text with a wrapper's tail, marked `distill`."""
    turns = [r.first + rng.choice(HV_TAILS), *r.turns[1:item_turns]]
    return chain(turns, params, system, (), r.id, True)


# =============================================================================================
# PAGES (the browser extensions' selections): news, shop pages, docs, e-mails, forum posts, abstracts and
# recipes written from templates; a few in German and Spanish.
PAGE = {
    "news": ("{city} council voted {v1}-{v2} on Tuesday to {policy}. Supporters say the plan will {benefit}; critics, including {name} {last} of the {group}, argue that {critique}. "
             "The measure takes effect in {month} and is expected to cost about ${m} million over {n} years.",
             "{co} shares fell {pct}% in early trading after the company cut its full-year forecast, citing {reason}. Chief executive {name} {last} told analysts the company would "
             "{plan}. Revenue for the quarter was ${m} million, {updown} {pct2}% from a year earlier.",
             "Forecasters issued a {level} warning for {region} as {weather} is expected through the weekend. Residents were advised to {advice}. {name} {last}, a meteorologist, "
             "said conditions could worsen on Sunday before clearing early next week.",
             "Der Stadtrat von {city} hat am Dienstag mit {v1} zu {v2} Stimmen beschlossen, {policy_de}. Kritiker bemängeln die Kosten von rund {m} Millionen Euro.",
             "El ayuntamiento de {city} aprobó el martes, por {v1} votos a {v2}, {policy_es}. La oposición critica que el coste ronde los {m} millones de euros."),
    "product": ("{brand} {item} - {f1}. {f2}. {f3}. In the box: {box}. Rated {rating} out of 5 by {k} customers. Free returns within {n} days; {w}-year warranty.",
                "Customer review (2 stars): Bought the {brand} {item} for my {rel}. {f1}, but after {n} weeks {fault}. Customer service took {k} days to reply."),
    "docs": ("`{fn}(path, *, {param}={default})`\n\nReturns a {T} of {things} found under `path`. If `{param}` is omitted it defaults to `{default}`. Changed in version "
             "{ver}: raises `{err}` when {cond}. See also `{fn2}`.",
             "To configure retries, set `{param}` in your client options. The client retries {k} times on connection errors and 429 responses, waiting {n} seconds "
             "between attempts with jitter. Requests that time out after `{param2}` seconds are not retried unless they are idempotent."),
    "email": ("Hi {name},\n\nFollowing up on {topic} from last week. Could you {action} by {day}? {extra}\n\nThanks,\n{name2}",
              "Dear customer,\n\nYour {svc} subscription will renew on {day} at ${m}.{k:02d}/month. To change your plan or cancel, visit your account settings before "
              "the renewal date.\n\nBest regards,\nThe {brand} team"),
    "forum": ("Has anyone else had {problem} with their {device} since the {ver} update? I tried {fix} and {fix2} but nothing helped. Support told me to {support}. Any ideas?",
              "PSA for {device} owners: if you get {problem}, {fix} fixed it for me. Took me {n} hours to figure out, hope it saves someone the trouble."),
    "research": ("We study {rtopic} using {method} in {k} participants. Compared with controls, {finding} (p = 0.0{d}). The effect was stronger in {subgroup}. These results "
                 "suggest that {implication}, although {limitation}.",),
    "recipe": ("{dish}. Serves {n}. Prep {p} min, cook {c} min. Ingredients: {ings}. Method: {steps}",),
}  # fmt: skip
PAGE_SLOTS = {
    "city": EV_SLOTS["city"], "policy": ("ban cars from the old town on weekends", "build 1,200 affordable homes on the old rail yard", "raise parking fees downtown",
                                         "extend the tram line to the airport", "cap short-term rentals at 90 nights a year"),
    "policy_de": ("die Altstadt am Wochenende für Autos zu sperren", "die Parkgebühren in der Innenstadt zu erhöhen"), "policy_es": ("ampliar el tranvía hasta el aeropuerto", "limitar los pisos turísticos"),
    "benefit": ("cut traffic by a third", "ease the housing shortage", "bring more visitors to local shops"), "group": ("Chamber of Commerce", "Tenants' Union", "Residents' Association"),
    "critique": ("the timeline is unrealistic", "small businesses will pay the price", "the consultation was rushed"), "month": EV_SLOTS["month"],
    "co": ("Norvane Foods", "Heliotrope Systems", "Brackwater Retail", "Quillon Motors", "Ostara Pharma"), "reason": ("weak demand in Europe", "higher shipping costs", "a product recall"),
    "plan": ("cut 400 jobs", "close its loss-making stores", "buy back $2 billion of shares"), "updown": ("down", "up"),
    "level": ("yellow", "amber", "red"), "region": ("the north-west", "the coast", "the capital region"), "weather": ("heavy snow", "strong winds", "a heatwave", "flooding"),
    "advice": ("avoid unnecessary travel", "check on elderly neighbours", "secure loose objects"), "name": FIRST, "last": LAST, "name2": FIRST,
    "brand": ("Aurelo", "Kinto", "Brisk", "Northpeak", "Vanta", "Lumio"), "item": ("wireless earbuds", "air fryer", "robot vacuum", "standing desk", "espresso machine", "smart watch"),
    "f1": ("Active noise cancelling", "5.5 litre basket", "2,700 Pa suction", "Dual motors, 70-120 cm height range", "15 bar pump", "AMOLED display"),
    "f2": ("Up to 30 hours of battery", "8 presets", "Maps your home with LiDAR", "4 memory presets", "Milk frother included", "GPS and heart-rate sensor"),
    "f3": ("IPX4 splash resistant", "Dishwasher-safe basket", "Self-emptying base", "Anti-collision sensor", "Descaling alert", "Sleep tracking"),
    "box": ("charging case, USB-C cable, 3 ear tip sizes", "basket, recipe booklet", "base station, 2 side brushes", "frame, desktop, control panel"),
    "fault": ("the left earbud stopped charging", "the coating started peeling", "it keeps getting stuck under the sofa", "the motor makes a grinding noise"),
    "rel": EV_SLOTS["rel"], "fn": ("scan_dir", "load_config", "list_objects", "read_table"), "fn2": ("walk", "iter_files", "open_dataset"),
    "param": ("recursive", "max_retries", "follow_symlinks", "timeout"), "param2": ("read_timeout", "connect_timeout"), "default": ("False", "3", "None", "30"),
    "T": ("list", "generator", "dict"), "things": ("file paths", "records", "objects"), "ver": ("2.4", "3.0", "17.3", "5.1.2"), "err": ("ValueError", "PermissionError", "TimeoutError"),
    "cond": ("the path does not exist", "the token has expired", "the schema does not match"), "topic": ("the Q2 budget", "the vendor contract", "the launch checklist", "your expense report"),
    "action": ("send me the final numbers", "sign the NDA", "confirm the venue", "review the slides"), "day": ("Friday", "Monday", "end of day", "the 15th"),
    "extra": ("Legal needs it before the board meeting.", "Happy to jump on a call if easier.", ""), "svc": ("Premium", "Family", "Pro"),
    "problem": ("battery drain", "Bluetooth dropping", "the screen flickering", "random reboots"), "device": ("Pixel 8", "Galaxy S23", "MacBook Air", "Kindle", "Apple Watch"),
    "fix": ("a factory reset", "turning off adaptive brightness", "re-pairing the device", "clearing the cache"), "fix2": ("safe mode", "a new charger", "rolling back the update"),
    "support": ("send it in for repair", "wait for the next patch", "buy a new battery"),
    "rtopic": ("the effect of daily walking on sleep quality", "screen time and attention in teenagers", "intermittent fasting and blood glucose", "remote work and productivity"),
    "method": ("a randomised controlled trial", "a longitudinal cohort", "a cross-sectional survey"), "finding": ("sleep efficiency improved by 6%", "attention scores were 0.3 SD lower", "fasting glucose fell by 4 mg/dL"),
    "subgroup": ("older participants", "women", "participants with poor baseline sleep"), "implication": ("brief daily activity may improve sleep", "limits on evening screen use may help"),
    "limitation": ("the sample was small", "outcomes were self-reported", "follow-up was short"),
    "dish": ("One-pan lemon chicken", "Red lentil dal", "Shakshuka", "Mushroom risotto"), "ings": ("chicken thighs, lemon, garlic, potatoes, thyme", "red lentils, onion, ginger, turmeric, coconut milk", "eggs, tomatoes, peppers, cumin, feta"),
    "steps": ("Brown the meat, add the rest, roast 35 minutes.", "Fry the onion and spices, add lentils and water, simmer 20 minutes.", "Cook the sauce 10 minutes, crack in the eggs, cover until set."),
}  # fmt: skip
PAGE_SITES = {"news": ("a news site", "a local paper"), "product": ("an online shop", "a review site"), "docs": ("documentation",), "email": ("Gmail", "Outlook"),
              "forum": ("Reddit", "a support forum"), "research": ("a journal", "PubMed"), "recipe": ("a recipe blog",)}  # fmt: skip
PAGE_MIX = (
    ("news", 0.25),
    ("product", 0.15),
    ("docs", 0.15),
    ("email", 0.2),
    ("forum", 0.1),
    ("research", 0.08),
    ("recipe", 0.07),
)


def page(rng: random.Random, kind: str | None = None) -> tuple[str, str]:
    """Text on a web page (1-3 paragraphs of one kind) and where it was."""
    kind = kind or pick(rng, PAGE_MIX)
    paras = [draw(rng, rng.choice(PAGE[kind]), PAGE_SLOTS, v1=rng.randint(5, 9), v2=rng.randint(1, 4), m=rng.randint(3, 480), n=rng.randint(2, 30),
                  pct=rng.randint(2, 19), pct2=rng.randint(1, 12), k=rng.randint(3, 99), rating=round(rng.uniform(2.8, 4.9), 1), w=rng.choice((1, 2, 3)),
                  d=rng.randint(1, 4), p=rng.choice((10, 15, 20)), c=rng.choice((20, 30, 45)))
             for _ in range(rng.choices((1, 2, 3), (0.5, 0.35, 0.15))[0])]  # fmt: skip
    return "\n\n".join(dict.fromkeys(paras)), rng.choice(PAGE_SITES[kind])


# =============================================================================================
# THREADS (Slack workspaces and Discord servers): channel lines from topic templates, by named members.
TH_WORK = {
    "release": ("is the {ver} build green yet?", "QA found {k} blockers, two of them in checkout", "can we ship without the {feat} flag?", "{name} can you review my PR #{pr}?",
                "rollback plan is in the doc", "staging is down again", "ok, moving the release to {day}", "approved, merging"),
    "incident": ("p95 latency on {svc} is at {ms}ms", "seeing 502s from {svc} since {hh}:{mm}", "rolled back {svc} to {ver}", "root cause looks like a bad config push",
                 "{co} is asking for an RCA", "resolved, monitoring for an hour", "who is on call this week?"),
    "hiring": ("the {role} candidate from Tuesday was strong on system design", "can someone cover the {hh}:00 interview?", "offer went out to {name}", "we need one more panelist for {role}"),
    "customer": ("{co} wants a discount on the renewal", "they're threatening to churn over the {feat} bug", "sent them the roadmap deck", "can we get legal to look at their DPA?",
                 "call with their CTO on {day}"),
    "offsite": ("venue options are in the sheet", "who needs a hotel?", "budget is {k}k for the whole team", "vote on the dinner place by {day} pls", "any dietary requirements?"),
    "budget": ("Q{q} forecast is {k}% over on cloud", "can we pause the {feat} experiment to save cost?", "finance wants the headcount plan by {day}", "the vendor invoice doubled"),
}  # fmt: skip
TH_GAME = {
    "raid": ("raid tonight at {hh}?", "who has the {item} drop", "we wiped {k} times on the last boss lol", "need a healer pls", "gg everyone", "im in but late"),
    "patch": ("patch {ver} nerfed my main again", "the new map is so bad", "anyone know if ranked resets?", "servers are down lmao", "finally they fixed the {item} bug"),
    "anime": ("ep {k} was insane", "no spoilers pls i'm behind", "the manga is way better", "who is the best girl, go", "studio animation this season is mid"),
    "homework": ("did anyone do q{k}?", "when is the {subj} essay due", "can someone explain the {subj} thing from today", "i'm so behind lol"),
    "music": ("new album dropped", "track {k} is the best one", "anyone going to the concert on {day}?", "this slaps"),
}  # fmt: skip
TH_SLOTS = {"ver": ("v2.14", "v3.0.1", "1.9.7", "25.3"), "feat": ("dark mode", "SSO", "bulk export", "new checkout", "AI summary"), "svc": ("payments-api", "search", "auth", "the gateway"),
            "co": ("Acme", "Globex", "Initech", "Umbrella Health", "Stark Logistics"), "role": ("senior backend", "product designer", "data engineer"), "day": ("Thursday", "Friday", "Monday"),
            "item": ("sword", "mount", "legendary bow", "skin"), "subj": ("history", "chem", "bio", "econ")}  # fmt: skip


def thread(rng: random.Random, topics: dict, n: int) -> str:
    """A channel's recent lines: `n` messages by 2-6 members, times advancing."""
    topic, members = rng.choice(sorted(topics)), rng.sample(FIRST, rng.randint(2, 6))
    hh, mm, lines = rng.randint(8, 22), rng.randint(0, 59), []
    for _ in range(n):
        mm += rng.randint(0, 9)
        hh, mm = hh + mm // 60, mm % 60
        text = draw(rng, rng.choice(topics[topic]), TH_SLOTS, k=rng.randint(2, 12), pr=rng.randint(1000, 9999), name=rng.choice(FIRST), ms=rng.randrange(400, 4000, 50),
                    hh=hh % 24, mm=f"{mm:02d}", q=rng.randint(1, 4))  # fmt: skip
        lines.append(f"[{hh % 24:02d}:{mm:02d}] {rng.choice(members)}: {text}")
    return "\n".join(lines)


# =============================================================================================
# SUPPORT TICKETS (the support platforms' tenants): industries with tickets in English and two other
# languages each, and knowledge-base facts.
TK_IND = {
    "e-commerce": (("my order {oid} still hasn't arrived, it's been {n} days", "i got the wrong size, how do i exchange it", "you charged me twice for order {oid}!!",
                    "the discount code {code} doesn't work at checkout", "can i change the delivery address for {oid}?"),
                   {"de": ("Meine Bestellung {oid} ist immer noch nicht da.", "Ich möchte den Artikel zurückschicken, wie geht das?"),
                    "es": ("mi pedido {oid} no ha llegado todavía", "me cobraron dos veces el pedido {oid}")},
                   "Returns within 30 days; exchanges free; refunds in 5-7 business days; standard delivery 3-5 days."),
    "saas": (("i can't log in, the reset email never arrives", "how do i add a user to our workspace", "the export to CSV is stuck at {n}%", "we were billed for {n} seats but only have {k}",
              "SSO stopped working after we changed our IdP", "API returns 429 even though we're under the limit"),
             {"fr": ("je n'arrive pas à me connecter depuis ce matin", "comment ajouter un utilisateur ?"), "de": ("Der Export hängt bei {n}%.",)},
             "Seats billed monthly, prorated; SSO on Business plan; API limit 600 requests/minute; password reset emails come from no-reply@."),
    "airline": (("my bag didn't arrive on flight {fl}", "can i get a refund for my cancelled flight {fl}", "i need to change the name on my booking {pnr}", "how much is an extra bag to {city}",
                 "my flight was delayed {n} hours, am i entitled to compensation?"),
                {"es": ("mi maleta no llegó en el vuelo {fl}", "quiero cambiar mi vuelo {pnr}"), "pt": ("minha mala não chegou no voo {fl}",)},
                "Delayed baggage: file a PIR within 21 days; refunds for cancellations within 7 days; name changes allowed for typos only; extra bag €45-70."),
    "telco": (("my bill is {n} euros higher than usual", "no signal at home since yesterday", "how do i activate roaming for {city}", "i want to cancel my contract", "my eSIM won't activate"),
              {"de": ("Meine Rechnung ist viel höher als sonst.", "Kein Netz seit gestern."), "nl": ("mijn rekening is veel hoger dan normaal", "hoe zet ik roaming aan?")},
              "Roaming in the EU included; outside EU €2/day passes; contracts cancellable with 30 days' notice after the minimum term; outages listed on the status page."),
    "fintech": (("my card was declined at {shop} but i have money", "i don't recognise a payment of {n} euros", "how long does a SEPA transfer take", "my account is frozen, why??"),
                {"es": ("no reconozco un cargo de {n} euros", "mi tarjeta fue rechazada"), "fr": ("ma carte a été refusée chez {shop}",)},
                "Disputes within 13 months; SEPA transfers 1 business day; instant transfers up to €10,000; frozen accounts reviewed within 48h."),
    "food delivery": (("my order {oid} arrived cold", "the rider never showed up", "i was charged but the restaurant cancelled", "missing items in my order {oid}"),
                      {"es": ("mi pedido llegó frío", "falta un plato en el pedido {oid}"), "pt": ("meu pedido chegou frio",)},
                      "Missing or cold items: credit or refund with a photo within 24h; cancelled orders refunded automatically within 3 days."),
    "hotel": (("can i check in early on {day}?", "i need to cancel my booking {pnr}", "is breakfast included?", "the room was not cleaned, i want a partial refund"),
              {"de": ("Kann ich früher einchecken?",), "it": ("posso cancellare la prenotazione {pnr}?",)},
              "Check-in from 15:00, early check-in subject to availability (€25); free cancellation until 48h before arrival; breakfast €18 unless included in the rate."),
}  # fmt: skip
TK_SLOTS = {"code": ("SPRING20", "WELCOME10", "FREESHIP"), "city": ("Lisbon", "New York", "Bangkok", "Cancún"), "shop": ("Lidl", "Zara", "a petrol station", "Amazon"),
            "day": ("Friday", "Saturday", "the 14th")}  # fmt: skip


def ticket(
    rng: random.Random, industry: str, langs: tuple[tuple[str, float], ...] = (("en", 0.75), ("xx", 0.25))
) -> tuple[str, str]:
    """A customer's first message to a tenant of `industry` and its language."""
    en, other, _ = TK_IND[industry]
    lang = pick(rng, langs)
    lang = lang if lang == "en" else rng.choice(sorted(other))
    pool = en if lang == "en" else other[lang]
    text = draw(rng, rng.choice(pool), TK_SLOTS, oid=f"#{rng.randint(100000, 999999)}", n=rng.randint(2, 90), k=rng.randint(2, 40),
                fl=f"{rng.choice(('TP', 'IB', 'FR', 'KL', 'LH'))}{rng.randint(100, 2999)}", pnr="".join(rng.choices("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", k=6)))  # fmt: skip
    return (sample(rng, text) if lang == "en" else text), lang


# =============================================================================================
# SHORT MESSAGES (the keyboard's rewrite button, the translation apps).
MSG = {
    "en": ("running late, be there in {n} min", "can we move our call to {day}?", "thanks so much for dinner last night!!", "i dont think this is going to work out tbh",
           "hey are you free {day} for {thing}?", "pls dont forget the {item}", "sorry i missed your call whats up", "congrats on the new job!!", "the report is attached, lmk if anything is missing",
           "can u pick up {item} on the way home", "i'm not feeling well, wont make it to the meeting", "just landed, call you later", "happy birthday!! have the best day",
           "we need to talk about what happened at work", "did you see the email from {name}?", "the kids are asleep finally", "please find attached the invoice for {month}"),
    "de": ("bin in {n} min da, sorry", "können wir das Meeting auf {day_de} verschieben?", "danke nochmal für gestern!", "kannst du noch {item_de} mitbringen?", "bin krank, komme heute nicht"),
    "fr": ("j'arrive dans {n} min désolé", "on peut décaler la réunion à {day_fr} ?", "merci pour hier soir !!", "tu peux prendre du pain en rentrant ?"),
    "es": ("llego en {n} min perdón", "podemos cambiar la reunión al {day_es}?", "gracias por la cena de anoche!!", "no me siento bien, no voy a ir hoy"),
    "pt": ("chego em {n} min desculpa", "podemos mudar a reunião para {day_pt}?", "obrigada pelo jantar de ontem!!"),
    "it": ("arrivo tra {n} minuti scusa", "possiamo spostare la riunione a {day_it}?", "grazie ancora per ieri sera!"),
}  # fmt: skip
MSG_SLOTS = {"day": ("Thursday", "tomorrow", "next week", "Monday morning"), "thing": ("coffee", "a run", "lunch", "the game"), "item": ("milk", "the charger", "the tickets", "bread"),
             "name": FIRST, "month": EV_SLOTS["month"], "day_de": ("Donnerstag", "morgen"), "item_de": ("Milch", "Brot"), "day_fr": ("jeudi", "demain"), "day_es": ("jueves", "lunes"),
             "day_pt": ("quinta", "amanhã"), "day_it": ("giovedì", "domani")}  # fmt: skip


def message(rng: random.Random, lang: str) -> str:
    return sample(rng, draw(rng, rng.choice(MSG[lang]), MSG_SLOTS, n=rng.choice((5, 10, 15, 20))))


# =============================================================================================
# SPOKEN QUESTIONS (the voice assistant): what people ask a kitchen speaker, as the transcriber writes it.
VOICE = ("how many {u1} are in a {u2}", "what can i make for dinner with {ing} and {ing2}", "tell me a bedtime story about a {animal} who {does}",
         "how long do i boil an egg for", "what's {a} times {b}", "who wrote {book}", "is it going to be cold enough for frost tonight what should i do with my plants",
         "how do you spell {word}", "what's a substitute for {ing} in a cake", "give me a riddle for kids", "how far is the moon", "why do cats purr",
         "what temperature should i cook {meat} at", "help me with a word that means {mean}", "tell me a fun fact about {animal}s", "what rhymes with {word}")  # fmt: skip
VOICE_SLOTS = {"u1": ("tablespoons", "ounces", "millilitres", "cups"), "u2": ("cup", "pound", "litre", "pint"), "ing": ("eggs", "butter", "rice", "pasta", "chicken", "broccoli"),
               "ing2": ("cheese", "tomatoes", "beans", "spinach"), "animal": ("dragon", "penguin", "little fox", "robot", "sloth", "octopus"),
               "does": ("is afraid of the dark", "wants to fly", "loses a tooth", "can't find its way home"), "book": EV_SLOTS["book"],
               "word": ("necessary", "rhythm", "Wednesday", "orange", "beautiful"), "meat": ("a pork roast", "chicken thighs", "salmon"), "mean": ("very happy", "tired", "brave")}  # fmt: skip
VOICE_FOLLOW = (
    "and in grams",
    "another one",
    "say that again slower",
    "what about for two people",
    "thank you",
    "make it shorter",
    "and the next step",
)


def spoken(rng: random.Random, text: str) -> str:
    """A transcript: lower case, no punctuation at the end, sometimes a filler word."""
    text = text.lower().rstrip("?.!")
    return (rng.choice(("um ", "ok ", "hey ", "")) if rng.random() < 0.2 else "") + text


# =============================================================================================
# NO-CODE APPS (a builder's tenants): each app its own template, settings, audience clock and rate.
NC_APPS = {
    "recipe": ("You are ChefMate. Write clear recipes with metric and US units.", "Create a recipe using: {ings}. Diet: {diet}. Time available: {mins} minutes. Servings: {n}.",
               {"temperature": 0.8, "max_tokens": 900}, -5.0, 34, HOME),
    "cover letter": ("You write concise, specific cover letters. No clichés.", "Job title: {job}\nCompany: {co}\nMy experience: {exp}\nTone: {tone}\n\nWrite the cover letter.",
                     {"temperature": 0.7, "max_tokens": 700}, 0.0, 26, OFFICE),
    "horoscope": ("You are Stella, a warm astrologer.", "Write today's horoscope for {sign} ({date}). Focus: {focus}. 80 words, upbeat.", {"temperature": 1.0, "max_tokens": 200}, -6.0, 18, CONSUMER),
    "product copy": ("You write e-commerce product descriptions.", "Product: {product}\nFeatures: {feats}\nAudience: {aud}\nWrite a 100-word description and 5 bullet points.",
                     {"temperature": 0.7, "max_tokens": 500}, 1.0, 16, OFFICE),
    "quiz": ("You create quizzes. Output valid JSON only.", "Create {n} multiple-choice questions about {qtopic} for {level}. JSON: [{{\"q\": str, \"options\": [str], \"answer\": int}}]",
             {"temperature": 0.5, "max_tokens": 1500, "response_format": {"type": "json_object"}}, -5.0, 12, EVENING),
    "sql helper": ("Translate questions into PostgreSQL. Return only SQL.", "Schema:\n{schema}\n\nQuestion: {sq}", {"temperature": 0, "max_tokens": 300}, 5.5, 14, OFFICE),
    "captions": ("You write social media captions.", "Write {n} Instagram captions for a photo of {photo}. Brand voice: {voice}. Include hashtags.", {"temperature": 1.0, "max_tokens": 300}, -8.0, 20, CONSUMER),
    "workout": ("You are a certified personal trainer. Safe, progressive plans.", "Goal: {goal}. Level: {lvl}. Equipment: {equip}. {n} days a week. Write this week's plan.",
                {"temperature": 0.6, "max_tokens": 1000}, 1.0, 10, HOME),
    "bedtime story": ("You write gentle bedtime stories for children aged 3-8.", "Write a bedtime story about {kid}, a {age}-year-old who loves {love}. Include a {animal}. {mins} minutes reading time.",
                      {"temperature": 0.9, "max_tokens": 1200}, -5.0, 14, HOME),
}  # fmt: skip
NC_SLOTS = {"ings": ("chickpeas, spinach, feta", "salmon, rice, broccoli", "eggs, leftover rice, peas", "minced beef, beans, tortillas", "tofu, noodles, bok choy"),
            "diet": ("none", "vegetarian", "gluten-free", "low carb", "dairy-free"), "job": ("Customer Success Manager", "Junior Accountant", "UX Designer", "Warehouse Team Lead", "Nurse"),
            "exp": ("3 years at a SaaS start-up", "retail manager for 5 years", "fresh graduate, 2 internships", "10 years in logistics"), "tone": ("confident", "warm", "formal"),
            "sign": ("Aries", "Taurus", "Gemini", "Cancer", "Leo", "Virgo", "Libra", "Scorpio", "Sagittarius", "Capricorn", "Aquarius", "Pisces"),
            "focus": ("love", "career", "money", "health"), "product": ("bamboo cutting board", "linen shirt", "dog harness", "ceramic planter", "phone tripod"),
            "feats": ("FSC bamboo, juice groove", "washed linen, relaxed fit", "reflective, no-pull", "drainage hole, matte glaze", "bluetooth remote, 1.6 m"),
            "aud": ("busy parents", "young professionals", "pet owners", "gift buyers"), "qtopic": ("the solar system", "World War I", "fractions", "the human heart", "Spanish verbs"),
            "level": ("grade 5", "high school", "adult learners"), "schema": ("orders(id, customer_id, total, created_at)\ncustomers(id, name, country)", "events(id, user_id, type, ts)\nusers(id, plan, signup_at)"),
            "sq": ("top 10 customers by revenue last month", "daily active users for the past 30 days", "average order value by country", "users who signed up but never had an event"),
            "photo": ("a latte on a rainy window sill", "our new summer dresses", "a sunset hike", "a bakery counter full of croissants"), "voice": ("playful", "minimal", "luxury"),
            "goal": ("lose fat", "build muscle", "run a 10k"), "lvl": ("beginner", "intermediate"), "equip": ("none", "dumbbells", "full gym"),
            "kid": ("Mila", "Theo", "Ava", "Noah", "Zara"), "love": ("dinosaurs", "space", "painting", "trains"), "animal": ("owl", "hedgehog", "whale", "fox")}  # fmt: skip


def nc_request(rng: random.Random, app: str, day: int) -> list[Request]:
    system, text, params, _, _, _ = NC_APPS[app]
    prompt = draw(rng, text, NC_SLOTS, n=rng.randint(2, 6), mins=rng.choice((10, 20, 30, 45)), co=company(rng), date=f"{2 + day % 28} March 2026",
                  age=rng.randint(3, 8))  # fmt: skip
    q = ask(prompt, params, system)
    return (
        [q, ask(prompt, params, system)] if rng.random() < 0.12 else [q]
    )  # "Regenerate" resends it unchanged


# =============================================================================================
# BUSINESS ASSISTANTS (a white-label chat vendor's customers): the business's facts in the system prompt,
# its customers' questions in English, Spanish or German.
WL_BIZ = {
    "gym": ("Peakform Gym", "Open 05:30-23:00, weekends 07:00-21:00. Memberships: Basic €29/month, Plus €45/month with classes. Day pass €12. Cancel with 1 month's notice. Free parking.",
            ("what are your opening hours on sunday", "how much is a day pass", "can i freeze my membership", "do you have a sauna", "is there a spin class tonight", "how do i cancel"),
            ("¿cuánto cuesta la cuota mensual?", "¿puedo congelar mi membresía?"), ("Wie kündige ich?", "Habt ihr Sauna?")),
    "dental": ("Brightsmile Dental", "Mon-Fri 08:00-18:00. Check-up €60, hygiene €85, whitening from €250. Emergency slots daily at 08:00. We accept most insurers.",
               ("do you take my insurance", "how much is a cleaning", "i have a toothache can i come today", "do you do invisalign", "can i move my appointment"),
               ("¿aceptan mi seguro?", "me duele una muela, ¿puedo ir hoy?"), ("Was kostet eine Zahnreinigung?",)),
    "real estate": ("Harbourline Estates", "Lettings and sales in the city. Viewings Mon-Sat. Holding deposit one week's rent. Pets by agreement. Office on 12 Quay Street.",
                    ("is the 2 bed on {street} still available", "can i book a viewing saturday", "are pets allowed", "what's the deposit", "how much is my flat worth"),
                    ("¿el piso de {street} sigue disponible?",), ("Ist die Wohnung in der {street} noch frei?",)),
    "hotel": ("Hotel Albera", "Check-in 15:00, check-out 11:00. Breakfast 07:00-10:30 (€18). Parking €20/night. Pets €15/night. Airport shuttle on request.",
              ("can i check in early", "is parking available", "do you allow dogs", "is breakfast included", "how do i get from the airport"),
              ("¿tienen parking?", "¿a qué hora es el desayuno?"), ("Darf mein Hund mit?", "Wann ist Check-out?")),
    "bike shop": ("Spoke & Chain", "Repairs in 2-3 days, basic service €59. E-bike service €89. Rentals €25/day. Open Tue-Sat 10:00-18:00.",
                  ("how much is a service", "do you fix e-bikes", "can i rent a bike for the weekend", "my gears are skipping, what could it be"), ("¿alquilan bicis?",), ("Was kostet ein Service?",)),
    "language school": ("Lingua Nova", "Group courses in English, Spanish, German; 8-week terms from €240. Placement test free online. Private lessons €40/hour.",
                        ("when does the next spanish course start", "how do i know my level", "do you offer private lessons", "is there a student discount"),
                        ("¿cuándo empieza el próximo curso de alemán?",), ("Gibt es Abendkurse?",)),
    "vet": ("Willow Vets", "Consultations €45, vaccinations €35, out-of-hours line after 19:00. Mon-Sat.",
            ("my dog ate chocolate what do i do", "how much is a vaccination", "do you see rabbits", "can i get a repeat prescription"), ("mi perro comió chocolate",), ("Impfung Kosten?",)),
}  # fmt: skip
WL_FOLLOW = (
    "thanks",
    "ok great",
    "and on saturdays?",
    "how do i book",
    "gracias",
    "danke",
    "perfect",
    "can i talk to a person",
)


def wl_chat(rng: random.Random, biz: str) -> tuple[str, list[str]]:
    """A business's system prompt and one customer's turns."""
    name, facts, en, es, de = WL_BIZ[biz]
    lang = pick(rng, (("en", 0.7), ("es", 0.18), ("de", 0.12)))
    first = rng.choice({"en": en, "es": es, "de": de}[lang]).format(
        street=rng.choice(("Mill Lane", "Bridge Road", "Calle Mayor", "Hauptstraße"))
    )
    system = f"You are the virtual assistant of {name}. Answer customers' questions using only these facts; otherwise offer to pass the message to the team.\n\nFacts: {facts}"
    k = rng.choices((0, 1, 2), (0.5, 0.38, 0.12))[0]
    return system, [sample(rng, first) if lang == "en" else first, *rng.sample(WL_FOLLOW, k)]


# =============================================================================================
# ROLE-PLAY (a front-end behind a router): a generated character card, then many short turns.
RP_NAMES = (
    "Kael",
    "Seraphine",
    "Captain Mora",
    "Professor Quill",
    "Nyx",
    "Detective Harlan",
    "Aria",
    "Old Tomas",
)
RP_SETTINGS = (
    "a rain-soaked cyberpunk city",
    "a floating academy of magic",
    "a 1920s jazz club",
    "a starship lost beyond the rim",
    "a haunted lighthouse",
    "a desert caravan",
)
RP_TRAITS = (
    "sarcastic but loyal",
    "shy and curious",
    "grumpy, secretly kind",
    "flirtatious and dramatic",
    "stoic, speaks in short sentences",
    "cheerful and chaotic",
)
RP_LINES = ("*walks in and sits at the bar* what's good here?", "I draw my sword. \"Who goes there?\"", "*looks at the map* where do we go next?", "tell me about your past",
            "haha ok that's fair", "*whispers* i think we're being followed", "I open the chest", "what do you mean by that?", "*grabs your hand* come on, run!",
            "(ooc: can you make the replies longer?)", "continue", "*sighs* fine. lead the way.", "i ask the innkeeper about the missing girl", "*smiles* you're not so bad")  # fmt: skip


def roleplay(rng: random.Random) -> tuple[str, list[str]]:
    name = rng.choice(RP_NAMES)
    card = (f"You are {name}, a character in {rng.choice(RP_SETTINGS)}. Personality: {rng.choice(RP_TRAITS)}. Stay in character, write vivid replies of 1-3 "
            f"paragraphs, never speak for {{{{user}}}}.")  # fmt: skip
    return card.replace("{{user}}", rng.choice(FIRST)), [
        rng.choice(RP_LINES) for _ in range(rng.randint(4, 12))
    ]


# =============================================================================================
# HOMEWORK (a study app's launch on a router; the university's students): word problems with numbers,
# science questions, essay paragraphs for feedback.
HW = ("a train leaves at {h}:{m:02d} and travels {d} km at {v} km/h. when does it arrive?", "solve {a}x + {b} = {c}", "what is {p}% of {q}?",
      "a rectangle is {a} cm by {b} cm. what is its area and perimeter?", "simplify ({a}x^2 + {b}x) / x", "explain how {sci} works for my test tomorrow",
      "what's the difference between mitosis and meiosis", "balance this equation: {eq}", "help me understand {lit}", "why did {hist}?")  # fmt: skip
HW_SLOTS = {"sci": ("photosynthesis", "the water cycle", "natural selection", "an electric circuit", "plate tectonics"), "eq": ("H2 + O2 -> H2O", "Fe + O2 -> Fe2O3", "CH4 + O2 -> CO2 + H2O"),
            "lit": ("the symbolism in The Great Gatsby", "Macbeth's ambition", "the narrator in To Kill a Mockingbird"),
            "hist": ("the Roman Empire fall", "World War I start", "the Berlin Wall come down")}  # fmt: skip
HW_FOLLOW = (
    "i don't get the second step",
    "can you check my answer: {a}",
    "explain it simpler",
    "thanks!!",
    "another example please",
)
ESSAY_TOPICS = (
    "social media and democracy",
    "nuclear power in the energy transition",
    "the four-day week",
    "AI in healthcare",
    "tourism in Venice",
    "rent control",
)
ESSAY_CLAIMS = ("Many people believe that {t} is beneficial, however the evidence is more mixed than it first appears.", "Firstly, {t} has clear economic effects.",
                "Critics argue that {t} benefits only a small group.", "A study from 2021 found that attitudes to {t} vary strongly by age.",
                "In conclusion, {t} should be approached with caution and further research.", "It is important to note that {t} is not a new debate.",
                "On the other hand, supporters of {t} point to several successful examples.")  # fmt: skip


def homework(rng: random.Random) -> list[str]:
    a, b = rng.randint(2, 19), rng.randint(1, 40)
    text = draw(rng, rng.choice(HW), HW_SLOTS, h=rng.randint(6, 20), m=rng.choice((0, 15, 30, 45)), d=rng.randrange(60, 600, 10), v=rng.choice((60, 80, 90, 120)),
                a=a, b=b, c=a * rng.randint(1, 9) + b, p=rng.choice((12, 15, 20, 35, 60)), q=rng.randrange(40, 900, 10))  # fmt: skip
    follow = [
        f.format(a=rng.randint(1, 99))
        for f in rng.sample(HW_FOLLOW, rng.choices((0, 1, 2), (0.45, 0.4, 0.15))[0])
    ]
    return [sample(rng, text), *follow]


def essay(rng: random.Random) -> str:
    t = rng.choice(ESSAY_TOPICS)
    para = " ".join(s.format(t=t) for s in rng.sample(ESSAY_CLAIMS, rng.randint(3, 6)))
    return rng.choice(("can you give me feedback on this paragraph? {p}", "is this argument strong enough? be honest\n\n{p}", "improve the flow of this without changing my argument:\n{p}",
                       "my essay is on {t}. here's my intro, what's missing?\n{p}")).format(p=typo(rng, para, 0.02), t=t)  # fmt: skip


# =============================================================================================
# WORKPLACE DOCUMENTS (the company gateways): memos and meeting notes to summarise, diffs to review.
MEMO = ("Subject: {subj}\n\nTeam,\n\nFrom {day}, {change}. This affects {who}. {why} Please {act} by {day2}. Questions to {name} {last}.\n\nThanks",
        "Meeting notes - {subj} ({day})\nAttendees: {att}\n- {note1}\n- {note2}\n- {note3}\nActions: {name} to {act}; {name2} to follow up with finance.",
        "Project status: {proj}\nRAG: {rag}\nDone this week: {note1}; {note2}.\nRisks: {risk}.\nNext: {note3}.")  # fmt: skip
MEMO_SLOTS = {"subj": ("travel policy update", "new expense tool", "office move", "Q3 planning", "security training", "holiday rota"), "day": ("1 April", "Monday", "next week"),
              "day2": ("Friday", "the 20th", "end of month"), "change": ("all travel must be booked through Navan", "expenses over €500 need director approval", "the 4th floor closes for refurbishment",
              "MFA becomes mandatory for VPN access"), "who": ("all staff", "the sales team", "contractors", "anyone travelling in Q2"),
              "why": ("This is to simplify reporting.", "Auditors flagged inconsistencies last year.", "The lease ends in June.", ""),
              "act": ("complete the training", "submit outstanding receipts", "update your booking", "confirm your desk preference"), "name": FIRST, "name2": FIRST, "last": LAST,
              "att": ("Ana, Piotr, Wei, Sam", "the leadership team", "Ops + Finance"), "note1": ("vendor shortlist agreed", "migration 70% complete", "budget approved"),
              "note2": ("two critical bugs open", "pilot with 3 customers started", "hiring freeze lifted for engineering"), "note3": ("UAT in week 14", "go-live on the 28th", "decide on the CRM"),
              "proj": ("Atlas CRM migration", "Warehouse automation", "Data platform v2"), "rag": ("Green", "Amber", "Red"), "risk": ("key engineer on leave", "vendor delay", "scope creep")}  # fmt: skip
DIFF_FUNCS = (
    "calculate_discount",
    "parse_invoice",
    "send_reminder",
    "sync_inventory",
    "validate_address",
    "get_user_orders",
)


def memo(rng: random.Random) -> str:
    return draw(rng, rng.choice(MEMO), MEMO_SLOTS)


def diff(rng: random.Random) -> str:
    fn, v = rng.choice(DIFF_FUNCS), rng.choice(CODE_VARS)
    old, new = rng.choice((("if {v}.total > 100:", "if {v}.total >= 100:"), ("for x in {v}s:", "for x in {v}s or []:"), ("return {v}", "return {v} or {{}}"),
                           ("time.sleep(5)", "time.sleep(backoff(attempt))"), ("{v} = fetch({v}_id)", "{v} = cache.get({v}_id) or fetch({v}_id)")))  # fmt: skip
    return (f"--- a/app/{fn}.py\n+++ b/app/{fn}.py\n@@ -{rng.randint(10, 200)},7 +{rng.randint(10, 200)},8 @@ def {fn}({v}):\n-    {old.format(v=v)}\n"
            f"+    {new.format(v=v)}\n+    log.debug(\"{fn}: %s\", {v})")  # fmt: skip


# =============================================================================================
# RELAYS: the traffic one kind of aggregator passes through its key, written once and used by the benign
# persona and by the distiller keys of the same kind (each with its own rows, rng, volume and zones).
FRONTS = ((None, {"stream": True}), ("You are a helpful assistant.", {"temperature": 0.7, "stream": True}),
          ("You are Nook, a friendly AI companion. Be concise and use markdown when it helps.", {"temperature": 0.8, "stream": True, "max_tokens": 2048}),
          (None, {"temperature": 1.0, "top_p": 0.95, "stream": True}), ("Answer in the user's language. Be brief unless asked for detail.", {"temperature": 0.5, "max_tokens": 1024}))  # fmt: skip
# Languages of generated chat per zone.
ZONE_LANGS = {-8.0: (("en", 0.85), ("es", 0.15)), -6.0: (("en", 0.6), ("es", 0.4)), -5.0: (("en", 0.85), ("es", 0.15)), -3.0: (("pt", 0.8), ("es", 0.2)),
              0.0: (("en", 0.9), ("fr", 0.05), ("es", 0.05)), 1.0: (("en", 0.4), ("de", 0.2), ("fr", 0.12), ("es", 0.1), ("ru", 0.1), ("tr", 0.08)),
              3.0: (("ru", 0.5), ("tr", 0.4), ("en", 0.1)), 5.5: (("en", 1.0),), 8.0: (("en", 0.45), ("zh", 0.55))}  # fmt: skip
TRANSLATE_SYSTEM = "You are a translation engine. Output only the translation, nothing else."
STUDY_SYSTEM = "You are StudyBuddy, a patient tutor for students aged 11-18. Explain step by step, check understanding, and don't just hand over answers to graded work."


def chats(rows: list[Row], tz: float, params: dict | None = None, system: str | None = None, turns: int = 8):
    """A maker: the next stored conversation while any is left, then a generated everyday one (through a drawn
    front-end, or with the given system prompt and settings)."""

    def make(r: random.Random) -> list[Request]:
        sys_, p = r.choice(FRONTS) if params is None else (system, params)
        if rows:
            return convo(rows.pop(), p, sys_, turns)
        return chain(everyday_chat(r, pick(r, ZONE_LANGS[tz])), p, sys_)

    return make


def generated(tz: float):
    """A maker: a generated everyday conversation in the zone's languages, through a drawn front-end."""

    def make(rng: random.Random) -> list[Request]:
        system, params = rng.choice(FRONTS)
        return chain(everyday_chat(rng, pick(rng, ZONE_LANGS[tz])), params, system)

    return make


def rp_job(rng: random.Random) -> list[Request]:
    card, lines = roleplay(rng)
    return chain(lines, {"temperature": 0.9, "stream": True, "max_tokens": 600}, card)


def code_job(rng: random.Random, system: str | None = None) -> list[Request]:
    return chain(code_chat(rng), {"temperature": 0.2, "stream": True}, system)


def translate_job(rng: random.Random) -> list[Request]:
    lang = pick(rng, (("en", 0.4), ("de", 0.15), ("fr", 0.12), ("es", 0.15), ("pt", 0.1), ("it", 0.08)))
    target = rng.choice(
        [
            t
            for t in ("English", "German", "French", "Spanish", "Japanese", "Portuguese")
            if not t.lower().startswith(lang)
        ]
    )
    return [
        ask(
            f"Translate into {target}:\n\n{message(rng, lang)}",
            {"temperature": 0.3, "max_tokens": 400},
            TRANSLATE_SYSTEM,
        )
    ]


def study_job(rng: random.Random) -> list[Request]:
    return chain(homework(rng), {"temperature": 0.4, "stream": True}, STUDY_SYSTEM)


def reseller_relay(rng: random.Random, rows: list[Row], scale: float, launch: int | None) -> list[Request]:
    """A model router's upstream key: its chat front-ends' users (stored conversations, then generated ones)
    in three zones, generated everyday chat, a role-play front-end, an IDE plugin, a translation app, and a
    study app launching on day `launch` and growing 15% a day."""
    n = len(rows) / len(DAYS)
    out = people(
        rng,
        zones(rng, DAYS, ((-5.0, 0.45 * n), (1.0, 0.35 * n), (8.0, 0.2 * n)), CONSUMER, 1.1),
        chats(rows, -5.0),
    )
    for tz, per in ((-5.0, 16), (1.0, 16), (8.0, 8)):
        out += people(rng, arrivals(rng, DAYS, per * scale, CONSUMER, tz), generated(tz))
    out += people(rng, zones(rng, DAYS, ((-5.0, 4 * scale), (1.0, 2 * scale)), EVENING, 1.3), rp_job)
    out += people(
        rng,
        zones(rng, DAYS, ((-8.0, 12 * scale), (1.0, 12 * scale), (5.5, 6 * scale)), OFFICE, 0.3),
        code_job,
    )
    out += people(rng, arrivals(rng, DAYS, 20 * scale, CONSUMER, 1.0), translate_job)
    if launch is not None:
        out += people(rng, ramp(rng, launch, DAYS, 15 * scale, 1.15, EVENING, -5.0), study_job)
    return out


# A community bot's servers and commands.
BOT_SYSTEM = ("You are {bot}, a Discord bot in the '{server}' server. Keep replies under 1,800 characters, use Discord markdown and be friendly. "
              "Refuse anything against Discord's rules.")  # fmt: skip
BOT_P = {"temperature": 0.8, "max_tokens": 700}
SERVERS = (
    "Pixel Raiders",
    "Anime Corner",
    "learnpython",
    "Lo-fi Study Hall",
    "Homework Help",
    "Valorant EU",
    "Cozy Gamers",
    "Indie Devs",
    "Minecraft Builders",
    "Night Owls",
)
FUN = ("roast my {thing}: {desc}", "write a short story about {a} and {b} in {place}", "8ball: will i {x}?", "rate my team comp: {comp}", "write a poem about {a}",
       "who would win, {a} or {b}?", "give me a dare for a party", "make up a fake patch note for {game}", "tell me a joke about {a}")  # fmt: skip
FUN_SLOTS = {"thing": ("gaming setup", "music taste", "username", "build"), "desc": ("rgb everything, 3 monitors, chair from 2012", "only sad indie songs", "xX_DarkSlayer_Xx", "full glass cannon"),
             "a": ("a cat", "a wizard", "a vending machine", "Shrek", "a goose", "my math teacher"), "b": ("a dragon", "a robot", "Gandalf", "a raccoon"),
             "place": ("a haunted mall", "space", "a Minecraft server", "IKEA"), "x": ("pass my exam", "get a girlfriend", "hit diamond this season", "finish my essay tonight"),
             "comp": ("2 tanks 1 healer 2 dps", "triple sniper", "all melee"), "game": ("Minecraft", "League", "Fortnite", "Among Us")}  # fmt: skip
TLDR = (
    "Summarise this channel conversation in 5 bullet points:\n\n{log}",
    "tldr of what i missed:\n{log}",
    "/tldr\n{log}",
)
TLDR_FOLLOW = ("who said the thing about {x}?", "shorter", "did anyone agree on a time?", "thx")


def bot_relay(rng: random.Random, bot: str, rows_a: list[Row], rows_b: list[Row], spread: tuple[tuple[float, float], ...],
              scale: float, zh: float = 0.0) -> list[Request]:  # fmt: skip
    """A community bot's key: /ask with members' conversations (two row lists, then generated), /tldr of the
    channel, /code in the programming servers, fun commands; evenings in `spread`'s zones (weights), more on weekends."""

    def system(r: random.Random) -> str:
        return BOT_SYSTEM.format(bot=bot, server=r.choice(SERVERS))

    def asks(rows: list[Row]):
        def make(r: random.Random) -> list[Request]:
            return convo(rows.pop(), BOT_P, system(r), 4) if rows else fun(r)

        return make

    def tldr(r: random.Random) -> list[Request]:
        first = r.choice(TLDR).format(log=thread(r, TH_GAME, r.randint(12, 40)))
        more = [
            f.format(x=r.choice(("the raid", "ranked", "the essay")))
            for f in r.sample(TLDR_FOLLOW, r.choices((0, 1), (0.8, 0.2))[0])
        ]
        return chain([first, *more], BOT_P, system(r))

    def fun(r: random.Random) -> list[Request]:
        if r.random() < zh:
            return chain(everyday_chat(r, "zh"), BOT_P, system(r))
        return chain([sample(r, draw(r, r.choice(FUN), FUN_SLOTS))], BOT_P, system(r))

    def per(k: float) -> tuple[tuple[float, float], ...]:
        return tuple((tz, w * k) for tz, w in spread)

    out = people(rng, zones(rng, DAYS, per(len(rows_a) / 15.6), EVENING, 1.4), asks(rows_a))
    out += people(rng, zones(rng, DAYS, per(len(rows_b) / 15.6), EVENING, 1.4), asks(rows_b))
    out += people(rng, zones(rng, DAYS, per(25 * scale), EVENING, 1.4), tldr)
    out += people(rng, zones(rng, DAYS, per(12 * scale), EVENING, 1.4), lambda r: code_job(r, system(r)))
    out += people(rng, zones(rng, DAYS, per(20 * scale), EVENING, 1.4), fun)
    return out


# A company-wide gateway (LiteLLM-style): one upstream key for every employee and internal tool.
GW_VERBS = (
    "Summarise this in 3 bullets",
    "Draft a polite reply to this",
    "What are the action items here?",
    "Rewrite this for a non-technical audience",
)
GW_FOLLOW = ("shorter", "more formal", "add a line about the deadline", "translate that to German", "thanks")
GW_INDEX = 'Summarise this internal document for the search index. Return JSON {{"title": str, "summary": str, "tags": [str], "owner": str}}.\n\n{doc}'
GW_LANGS = ("English", "Polish", "Chinese (Simplified)", "German")


def gateway_relay(
    rng: random.Random, rows: list[Row], scale: float, offices: tuple[tuple[float, float], ...]
) -> list[Request]:
    """Employees' chats (stored conversations, then generated), memo and meeting-note help, code review, translation
    between offices, all in office hours of the `offices` (zone, weight); a nightly indexing job at 01:00 UTC."""

    def per(k: float) -> tuple[tuple[float, float], ...]:
        return tuple((tz, w * k) for tz, w in offices)

    def memo_job(r: random.Random) -> list[Request]:
        turns = [
            f"{r.choice(GW_VERBS)}:\n\n{memo(r)}",
            *r.sample(GW_FOLLOW, r.choices((0, 1), (0.7, 0.3))[0]),
        ]
        return chain(turns, {"temperature": 0.3, "stream": True}, None)

    def review_job(r: random.Random) -> list[Request]:
        turns = [
            f"Review this diff. Point out bugs, risks and missing tests:\n\n{diff(r)}",
            *r.sample(CODE_FOLLOW, r.choices((0, 1), (0.6, 0.4))[0]),
        ]
        return chain(turns, {"temperature": 0.2}, "You are a senior engineer doing code review. Be specific.")

    def translate(r: random.Random) -> list[Request]:
        text = memo(r) if r.random() < 0.6 else message(r, "en")
        return [
            ask(
                f"Translate into {r.choice(GW_LANGS[1:])}, keep the formatting:\n\n{text}",
                {"temperature": 0.2},
                None,
            )
        ]

    weekdays = len(DAYS) * 5 / 7
    out = people(
        rng,
        zones(rng, DAYS, per(len(rows) / weekdays), OFFICE, 0.1),
        chats(rows, 0.0, {"stream": True, "temperature": 0.7}),
    )
    out += people(rng, zones(rng, DAYS, per(40 * scale), OFFICE, 0.1), memo_job)
    out += people(rng, zones(rng, DAYS, per(25 * scale), OFFICE, 0.1), review_job)
    out += people(rng, zones(rng, DAYS, per(20 * scale), OFFICE, 0.1), translate)
    index_p = {"temperature": 0, "max_tokens": 400, "response_format": {"type": "json_object"}}
    for night in DAYS:
        docs = [
            [ask(GW_INDEX.format(doc=memo(rng)), index_p, None)]
            for _ in range(round(60 * scale * rng.uniform(0.7, 1.3)))
        ]
        out += run(rng, utc(night, 1.0) + rng.uniform(0, 120), docs, 6, 200)[0]
    return out


# A university's shared gateway (students and staff behind one key).
UNI_SYSTEM = "You are {name}, the University's AI assistant. Help students learn; follow the academic integrity policy; never write assessed work for them."
MBPP_ASK = ("{text}", "how do i do this in python? {text}", "{text}\n\nmy code fails the tests, hint please", "explain how to approach this without giving the full answer: {text}",
            "{prompt}")  # fmt: skip


def uni_relay(rng: random.Random, name: str, rows: list[Row], mbpp: list[Row], scale: float) -> list[Request]:
    """Students' chats (stored, then generated), coursework on MBPP exercises (sampled with replacement: a class
    works on the same ones; double in the exam fortnight from day 9), essay feedback, generated everyday chat of
    international students, and staff drafting in office hours; UTC+0."""
    system = UNI_SYSTEM.format(name=name)

    def coursework(r: random.Random) -> list[Request]:
        row = r.choice(mbpp)
        first = r.choice(MBPP_ASK).format(text=row.extra.get("text", row.first), prompt=row.first)
        return chain(
            [first, *r.sample(CODE_FOLLOW, r.choices((0, 1, 2), (0.5, 0.35, 0.15))[0])],
            {"stream": True},
            system,
            (),
            row.id,
        )

    def essays(r: random.Random) -> list[Request]:
        return chain(
            [
                essay(r),
                *r.sample(
                    ("thanks", "can you be harsher", "rewrite the first sentence only"),
                    r.choices((0, 1), (0.7, 0.3))[0],
                ),
            ],
            {"stream": True},
            system,
        )

    def student(r: random.Random) -> list[Request]:
        lang = pick(r, (("en", 0.6), ("zh", 0.15), ("es", 0.1), ("de", 0.05), ("fr", 0.05), ("tr", 0.05)))
        return chain(everyday_chat(r, lang), {"stream": True}, system)

    def staff(r: random.Random) -> list[Request]:
        return chain([f"{r.choice(GW_VERBS)}:\n\n{memo(r)}"], {"stream": True}, system)

    out = people(
        rng,
        arrivals(rng, DAYS, len(rows) / len(DAYS), CONSUMER, 0.0),
        chats(rows, 0.0, {"stream": True}, system),
    )
    course = [
        t for d in DAYS for t in arrivals(rng, [d], 25 * scale * (2 if d >= 9 else 1), EVENING, 0.0, 0.5)
    ]
    out += people(rng, course, coursework)
    out += people(rng, arrivals(rng, DAYS, 20 * scale, EVENING, 0.0), essays)
    out += people(rng, arrivals(rng, DAYS, 30 * scale, CONSUMER, 0.0), student)
    out += people(rng, arrivals(rng, DAYS, 15 * scale, OFFICE, 0.0, 0.0), staff)
    return out


# A support platform's agent-assist (many tenants): every new ticket is triaged, the agent opens it and gets a
# draft (sometimes asks for changes), and half of the closed tickets are summarised for the CRM.
SP_SYSTEM = "You are the platform's agent assistant. You draft replies for human support agents. Use only the knowledge base; never promise what it does not say."
SP_TRIAGE = ("Classify this support ticket. Return JSON {{\"category\": one of [\"billing\", \"delivery\", \"account\", \"technical\", \"refund\", \"other\"], "
             "\"priority\": \"low|normal|high|urgent\", \"sentiment\": \"negative|neutral|positive\", \"language\": ISO 639-1 code}}.\n\nTicket:\n{text}")  # fmt: skip
SP_DRAFT = "Draft a reply for the agent to review.\nBrand: {brand} ({industry})\nTone: {tone}\nKnowledge base: {kb}\nCustomer: {name}\n{custom}Ticket #{tid} (language: {lang}):\n{text}"
SP_SUMMARY = "Summarise this resolved ticket for the CRM in two sentences (issue; resolution).\n\nCustomer: {text}\nAgent: {reply}"
SP_TONES = ("warm and concise", "formal", "friendly, first names", "empathetic and apologetic")
SP_AGENT = (
    "shorter",
    "more empathetic please",
    "add the refund timeline",
    "remove the apology, it wasn't our fault",
    "offer a 10% voucher",
    "in english for my notes",
)
JSON_P = {"temperature": 0, "max_tokens": 120, "response_format": {"type": "json_object"}}
DRAFT_P = {"temperature": 0.4, "max_tokens": 600}


def support_ticket(rng: random.Random, t: float, brand: str, industry: str, tone: str, custom: str = "",
                   follow: tuple[str, ...] = SP_AGENT, p_follow: float = 0.35, distill: bool = False) -> list[Request]:  # fmt: skip
    """One ticket's requests: triage on arrival, the draft when an agent opens it (follow-ups at a person's pace),
    and for half of them a summary when it is closed hours later."""
    text, lang = ticket(rng, industry)
    tri = ask(SP_TRIAGE.format(text=text), JSON_P, SP_SYSTEM, "", distill)
    tri.ts = t + rng.uniform(0.5, 3.0)
    draft_text = SP_DRAFT.format(brand=brand, industry=industry, tone=tone, kb=TK_IND[industry][2], name=rng.choice(FIRST), custom=custom,
                                 tid=rng.randint(1_000_000, 9_999_999), lang=lang, text=text)  # fmt: skip
    turns = [draft_text, *([rng.choice(follow)] if rng.random() < p_follow else [])]
    draft = at([t + rng.uniform(120, 5400)], [chain(turns, DRAFT_P, SP_SYSTEM, (), "", distill)], rng)
    out = [tri, *draft]
    if rng.random() < 0.5:
        s = ask(
            SP_SUMMARY.format(text=text, reply=draft[-1].reply),
            {"temperature": 0.2, "max_tokens": 150},
            SP_SYSTEM,
            "",
            distill,
        )
        s.ts = draft[-1].ts + rng.uniform(600, 14400)
        out.append(s)
    return out


def support_relay(rng: random.Random, tenants: tuple) -> list[Request]:
    """Every tenant's tickets: (brand, industry, zone, tickets a weekday, hour curve, weekend factor)."""
    out: list[Request] = []
    for brand, industry, tz, per_day, curve, weekend in tenants:
        tone = rng.choice(SP_TONES)
        for t in arrivals(rng, DAYS, per_day, curve, tz, weekend):
            out += support_ticket(rng, t, brand, industry, tone)
    return out


# A browser extension's relay: presets over the selected text, and the side panel's free question box.
GL_SYSTEM = ("You are {name}, a browser assistant. The user selected text on a web page. Help them understand or use it. Be concise; do not invent "
             "facts that are not in the text.")  # fmt: skip
GL_PRESETS = (
    "Summarize the selected text in 3 bullet points.",
    "Explain this in simple terms.",
    "What are the key takeaways?",
    "Translate the selected text into {lang}.",
)
GL_EXTRA = {"email": "Draft a reply to this email.", "news": "Is this accurate? What should I double-check?", "docs": "Define the technical terms in this text.",
            "product": "Is this a good deal? What should I look out for?", "research": "Explain the findings for a non-scientist."}  # fmt: skip
GL_PROMPT = '{preset}\n\nSelected text (from {site}):\n"""\n{text}\n"""'
GL_FOLLOW = (
    "shorter",
    "so should i worry?",
    "explain the second point",
    "thanks",
    "what's the catch?",
    "and in german?",
)
GL_P = {"temperature": 0.3, "stream": True, "max_tokens": 800}
GL_SPREAD = ((-5.0, 0.4), (1.0, 0.3), (-8.0, 0.15), (5.5, 0.15))


def gl_preset(rng: random.Random, kind: str | None = None) -> tuple[str, str]:
    """A preset prompt over a generated page, and the page's kind."""
    kind = kind or pick(rng, PAGE_MIX)
    text, site = page(rng, kind)
    presets = (*GL_PRESETS, *([GL_EXTRA[kind]] * 2 if kind in GL_EXTRA else []))
    pre = rng.choice(presets).format(lang=rng.choice(("English", "Spanish", "German", "French")))
    return GL_PROMPT.format(preset=pre, site=site, text=text), kind


def ext_relay(rng: random.Random, name: str, questions: list[Row], scale: float) -> list[Request]:
    """Users in four zones clicking presets over selections (generated pages), and asking real short questions."""
    system = GL_SYSTEM.format(name=name)

    def preset(r: random.Random) -> list[Request]:
        return chain([gl_preset(r)[0], *r.sample(GL_FOLLOW, r.choices((0, 1), (0.8, 0.2))[0])], GL_P, system)

    def question(r: random.Random) -> list[Request]:
        if not questions:
            return preset(r)
        row = questions.pop()
        return chain(
            [row.first, *r.sample(GL_FOLLOW, r.choices((0, 1), (0.85, 0.15))[0])], GL_P, system, (), row.id
        )

    n = len(questions) / (10 + 4 * 0.9)
    out = people(
        rng, zones(rng, DAYS, tuple((tz, w * 100 * scale) for tz, w in GL_SPREAD), CONSUMER, 0.9), preset
    )
    out += people(rng, zones(rng, DAYS, tuple((tz, w * n) for tz, w in GL_SPREAD), CONSUMER, 0.9), question)
    return out


# A white-label chat vendor: each business's assistant, its customers, and people trying it for anything else.
WL_P = {"temperature": 0.3, "max_tokens": 400}


def wl_relay(rng: random.Random, businesses: tuple, strangers: list[Row]) -> list[Request]:
    """Customers of each (business, zone, chats a weekday, curve); `strangers` (stored first turns, a second turn
    for 30%) come to a random business's assistant with something else, evenings in UTC-5."""

    def customer(biz: str):
        def make(r: random.Random) -> list[Request]:
            system, turns = wl_chat(r, biz)
            return chain(turns, WL_P, system)

        return make

    def stranger(r: random.Random) -> list[Request]:
        system, _ = wl_chat(r, r.choice(sorted(WL_BIZ)))
        return (
            convo(strangers.pop(), WL_P, system, 2 if r.random() < 0.3 else 1)
            if strangers
            else customer("hotel")(r)
        )

    out: list[Request] = []
    for biz, tz, per_day, curve in businesses:
        out += people(rng, arrivals(rng, DAYS, per_day, curve, tz), customer(biz))
    return out + people(rng, arrivals(rng, DAYS, len(strangers) / len(DAYS), EVENING, -5.0), stranger)


# =============================================================================================
# BENIGN 1. A MODEL ROUTER ("Switchyard", an OpenRouter-style reseller; its Node gateway's one upstream key
# for this provider). Relays chat front-ends (Arena and ShareGPT conversations through five front-ends'
# system prompts and settings), generated everyday chat in eight languages, a role-play front-end, an IDE
# plugin, a translation app, and a study app that launches on day 7 and grows. Zones UTC-8 to UTC+8.
def router() -> list[KeyTraffic]:
    rng = R("switchyard")
    rows = dealt(rng, share("arena_even", 7, 0) + share("sharegpt_en_sample", 4, 0))
    n = len(rows)
    out = reseller_relay(rng, rows, 1.0, 7)
    kt = key("b31-switchyard", "router", "benign", "app", cl(rng, "openai-js", org=True), out,
             "simulated: many apps' users on consumer, evening and office curves in UTC-8..+8, two weeks; a launch on day 7; turns at a person's pace",
             ("arena_even", "sharegpt_en_sample"), conversations=n)  # fmt: skip
    return [kt]


# BENIGN 2. A BROWSER EXTENSION ("Glimpse", ~40k installs; its Node relay on the OpenAI JS SDK). Presets over
# the text users select on news sites, shops, docs, mail, forums, journals and recipe blogs (generated), and
# the side panel's question box (Natural Questions queries). Four zones, consumer curve, two weeks.
def browser_extension() -> list[KeyTraffic]:
    rng = R("glimpse")
    qs = dealt(rng, share("nq_open_dev", 4, 1))
    n = len(qs)
    out = ext_relay(rng, "Glimpse", qs, 1.0)
    kt = key("b31-glimpse", "browser_extension", "benign", "app", cl(rng, "openai-js", org=True), out,
             "simulated: users' clicks on a consumer curve in UTC-8/-5/+1/+5:30, two weeks; follow-ups at a person's pace", ("nq_open_dev",), questions=n)  # fmt: skip
    return [kt]


# BENIGN 3. A DISCORD BOT IN ~40 COMMUNITY SERVERS ("Kobold", discord.py on the async OpenAI client). /ask with
# members' conversations (hh-rlhf's crowdworkers, who probe like a Discord crowd does, and Arena chats; thread
# replies as turns), /tldr of generated channel logs, /code in the programming servers, fun commands.
# Evenings in the Americas and Europe, more on weekends.
def discord_bot() -> list[KeyTraffic]:
    rng = R("kobold")
    hh, arena = dealt(rng, share("hh_rlhf_harmless_test", 5, 0)), dealt(rng, share("arena_even", 7, 2))
    n = len(hh) + len(arena)
    out = bot_relay(rng, "Kobold", hh, arena, ((-5.0, 0.4), (-8.0, 0.2), (0.0, 0.2), (1.0, 0.2)), 1.0)
    kt = key("b31-kobold", "discord_bot", "benign", "app", cl(rng, "openai-python", ua=async_ua(rng)), out,
             "simulated: members' commands on an evening curve in UTC-8/-5/0/+1, weekends x1.4, two weeks; thread replies at a person's pace",
             ("hh_rlhf_harmless_test", "arena_even"), conversations=n)  # fmt: skip
    return [kt]


# BENIGN 4. A MULTILINGUAL TELEGRAM ASSISTANT BOT ("Pocket", Lisbon; aiohttp). Users in Brazil, Europe and
# Russia/Turkey: oasst2 conversations (every language of its bucket), generated everyday chat in their
# languages, voice-note transcripts to summarise, and an 08:00 morning brief for subscribers in each zone.
TG_SYSTEM = (
    "You are Pocket, a Telegram assistant. Reply in the user's language with short messages; no tables."
)
TG_VOICE = (
    "Summarise this voice message in 2 lines:\n\n{t}",
    "what does this voice note say? short pls\n{t}",
)
TG_BRIEF = "Morning brief for {city}, {date}. In 5 short lines: these headlines in plain words, then one tip for the day.\n\n{news}"
TG_SPREAD = ((-3.0, 0.35), (1.0, 0.35), (3.0, 0.3))


def voice_note(rng: random.Random, tz: float) -> list[Request]:
    lang = pick(rng, ZONE_LANGS[tz])
    lang = lang if lang in MSG else "en"
    return [
        ask(
            rng.choice(TG_VOICE).format(t=" ".join(message(rng, lang) for _ in range(rng.randint(3, 6)))),
            {"temperature": 0.7, "max_tokens": 600},
            TG_SYSTEM,
        )
    ]


def telegram_bot() -> list[KeyTraffic]:
    rng = R("pocket")
    p = {"temperature": 0.7, "max_tokens": 600}
    rows = dealt(rng, share("oasst2_threads", 3, 0))
    total, n = len(rows), len(rows) / (10 + 4 * 1.2)
    out = people(
        rng,
        zones(rng, DAYS, tuple((tz, w * n) for tz, w in TG_SPREAD), CONSUMER, 1.2),
        chats(rows, 1.0, p, TG_SYSTEM, 6),
    )
    for tz, w in TG_SPREAD:
        out += people(
            rng,
            arrivals(rng, DAYS, 45 * w, CONSUMER, tz, 1.2),
            lambda r, z=tz: chain(everyday_chat(r, pick(r, ZONE_LANGS[z])), p, TG_SYSTEM),
        )
        out += people(rng, arrivals(rng, DAYS, 10 * w, CONSUMER, tz, 1.2), lambda r, z=tz: voice_note(r, z))
        for d in DAYS:
            briefs = [[ask(TG_BRIEF.format(city=rng.choice(EV_SLOTS["city"]), date=f"{2 + d} March", news=page(rng, "news")[0]), p, TG_SYSTEM)]
                      for _ in range(round(15 * w * rng.uniform(0.8, 1.2)))]  # fmt: skip
            out += run(rng, utc(d, 8.0, tz) + rng.uniform(0, 30), briefs, 4, 200)[0]
    kt = key("b31-pocket", "telegram_bot", "benign", "app", cl(rng, "aiohttp", org=True), out,
             "simulated: users on a consumer curve in UTC-3/+1/+3, two weeks; an 08:00 brief per zone (4 workers); turns at a person's pace",
             ("oasst2_threads",), conversations=total)  # fmt: skip
    return [kt]


# BENIGN 5. A SLACK APP IN 40 WORKSPACES ("Threadly"; Bolt on the OpenAI JS SDK). Thread summaries on demand
# (generated threads about releases, incidents, hiring, customers, offsites, budgets) with follow-ups, /ask
# (everyday and coding questions), and a daily 09:00 digest of 1-3 channels per workspace. Six zones, weekdays.
TL_SYSTEM = "You are Threadly, a Slack assistant. Be concise, use Slack formatting, name owners and dates."
TL_SUM = (
    "Summarise this thread: decisions, open questions, owners.\n\n{t}",
    "catch me up on this thread\n\n{t}",
    "What did we decide here?\n\n{t}",
)
TL_FOLLOW = (
    "draft a reply saying i'll take it",
    "who owns the rollback?",
    "shorter",
    "turn that into a checklist",
    "post-ready version pls",
)
TL_DIGEST = "Daily digest for #{ch} ({co}). Summarise yesterday's messages in at most 6 bullets, then list open questions.\n\n{t}"
TL_ZONES = ((-5.0, 0.3), (-8.0, 0.2), (0.0, 0.15), (1.0, 0.15), (5.5, 0.1), (10.0, 0.1))
TL_CHANNELS = ("eng", "releases", "incidents", "sales", "general", "product", "ops")


def slack_app() -> list[KeyTraffic]:
    rng = R("threadly")
    p = {"temperature": 0.3, "max_tokens": 700}

    def summary(r: random.Random) -> list[Request]:
        t = r.choice(TL_SUM).format(t=thread(r, TH_WORK, r.randint(8, 45)))
        return chain([t, *r.sample(TL_FOLLOW, r.choices((0, 1, 2), (0.7, 0.25, 0.05))[0])], p, TL_SYSTEM)

    def question(r: random.Random) -> list[Request]:
        return chain(everyday_chat(r, "en") if r.random() < 0.6 else code_chat(r), p, TL_SYSTEM)

    out = people(rng, zones(rng, DAYS, tuple((tz, w * 70) for tz, w in TL_ZONES), OFFICE, 0.05), summary)
    out += people(rng, zones(rng, DAYS, tuple((tz, w * 30) for tz, w in TL_ZONES), OFFICE, 0.05), question)
    tzs, weights = zip(*TL_ZONES, strict=True)
    spaces = [
        (company(rng), rng.choices(tzs, weights)[0], rng.sample(TL_CHANNELS, rng.randint(1, 3)))
        for _ in range(40)
    ]
    for tz in tzs:
        subs = [(co, ch) for co, z, chs in spaces if z == tz for ch in chs]
        for d in [d for d in DAYS if weekday(d)]:
            jobs = [
                [
                    ask(
                        TL_DIGEST.format(ch=ch, co=co, t=thread(rng, TH_WORK, rng.randint(15, 60))),
                        p,
                        TL_SYSTEM,
                    )
                ]
                for co, ch in subs
            ]
            out += run(rng, utc(d, 9.0, tz) + rng.uniform(0, 45), jobs, 4, 250)[0]
    kt = key("b31-threadly", "slack_app", "benign", "app", cl(rng, "openai-js", org=True), out,
             "simulated: workspace members in office hours in six zones (UTC-8..+10), weekdays, two weeks; 09:00 digests per zone (4 workers)",
             workspaces=len(spaces))  # fmt: skip
    return [kt]


# BENIGN 6. A NO-CODE APP BUILDER ("Brickyard"; its Go runtime calls the model for its customers' apps). Nine
# tenants' apps, each its own template, settings, zone and audience clock (recipes, cover letters, horoscopes,
# product copy, quizzes in JSON, SQL, captions, workouts, bedtime stories), "Regenerate" resending a request;
# the bedtime-story app goes viral on day 9 (x ~18, decaying by 40% a day); a tenant's one-off bulk import of
# 150 products on day 5 (3 workers).
def nocode_builder() -> list[KeyTraffic]:
    rng = R("brickyard")
    out: list[Request] = []
    for app in sorted(NC_APPS):
        _, _, _, tz, per, curve = NC_APPS[app]
        times = arrivals(rng, DAYS, per, curve, tz, 0.3 if curve is OFFICE else 1.2)
        if app == "bedtime story":
            times = sorted(times + ramp(rng, 9, DAYS, 250, 0.6, HOME, -5.0))
        out += at(times, [nc_request(rng, app, int((t - utc(0, 0.0)) // 86_400)) for t in times], rng)
    system, text, params, _, _, _ = NC_APPS["product copy"]
    bulk = [[ask(draw(rng, text, NC_SLOTS), params, system)] for _ in range(150)]
    out += run(rng, utc(5, 14.0, 1.0), bulk, 3, 400)[0]
    kt = key("b31-brickyard", "nocode_builder", "benign", "app", cl(rng, "go", org=True), out,
             "simulated: nine apps' audiences on their own curves and zones, two weeks; a viral app from day 9; a bulk import on day 5 (3 workers)",
             apps=len(NC_APPS))  # fmt: skip
    return [kt]


# BENIGN 7. A WHITE-LABEL CHAT VENDOR ("Concierge"; its Python backend). Seven businesses' assistants (gym,
# dentist, estate agent, hotel, bike shop, language school, vet) answering customers in English, Spanish and
# German from facts in the system prompt; and strangers who use a business's bot for anything else (hh-rlhf's
# first turns, the first 300 of its bucket in dealt order).
CONCIERGE = (("gym", 1.0, 14, CONSUMER), ("dental", 0.0, 10, OFFICE), ("real estate", 1.0, 9, OFFICE), ("hotel", 1.0, 12, FLAT), ("bike shop", 1.0, 6, OFFICE),
             ("language school", -5.0, 8, EVENING), ("vet", -6.0, 11, CONSUMER))  # fmt: skip


def whitelabel_chat() -> list[KeyTraffic]:
    rng = R("concierge")
    strangers = dealt(rng, share("hh_rlhf_harmless_test", 5, 1))[:300]
    out = wl_relay(rng, CONCIERGE, strangers)
    kt = key("b31-concierge", "whitelabel_chat", "benign", "app", cl(rng, "openai-python", org=True), out,
             "simulated: each business's customers on its own curve and zone, two weeks; strangers in the evening (UTC-5); turns at a person's pace",
             ("hh_rlhf_harmless_test",), businesses=len(CONCIERGE))  # fmt: skip
    return [kt]


# BENIGN 8. A UNIVERSITY-WIDE GATEWAY ("UniGate", UTC+0; LiteLLM on openai-python, one upstream key, its own
# system prompt). Students' Arena chats, MBPP coursework (doubling in the exam fortnight), essay feedback,
# international students' everyday chat, staff drafting; and a research group's benchmark through the same
# key: BIG-Bench-Hard bucket 0 of 10 answered directly on night 3 and with "Let's think step by step" on
# night 10 (T 0, 4 workers from 23:00).
def university_gateway() -> list[KeyTraffic]:
    rng = R("unigate")
    out = uni_relay(rng, "UniGate", dealt(rng, share("arena_even", 7, 1)), share("mbpp", 2, 0), 1.0)
    bbh = share("bbh", 10, 0)
    direct = [[ask(r.first, {"temperature": 0, "max_tokens": 256}, None, r.id)] for r in bbh]
    cot = [
        [ask(r.first + "\n\nLet's think step by step.", {"temperature": 0, "max_tokens": 1024}, None, r.id)]
        for r in bbh
    ]
    out += run(rng, utc(3, 23.0), direct, 4, 60)[0] + run(rng, utc(10, 23.0), cot, 4, 350)[0]
    kt = key("b31-unigate", "university_gateway", "benign", "app", cl(rng, "openai-python", org=True), out,
             "simulated: students and staff on consumer, evening and office curves (UTC+0), two weeks, coursework x2 from day 9; BBH runs on nights 3 and 10",
             ("arena_even", "mbpp", "bbh"), bbh_items=len(bbh))  # fmt: skip
    return [kt]


# BENIGN 9. A COMPANY-WIDE GATEWAY ("Holloway Group": London, Chicago, Singapore, Kraków; LiteLLM-style proxy on
# the async OpenAI client). Employees' ShareGPT conversations, memo and meeting-note help, code review of
# diffs, translation between offices; a nightly indexing job over internal documents at 01:00 UTC (6 workers).
def company_gateway() -> list[KeyTraffic]:
    rng = R("holloway")
    rows = dealt(rng, share("sharegpt_en_sample", 4, 1))
    n = len(rows)
    out = gateway_relay(rng, rows, 1.0, ((0.0, 0.35), (-6.0, 0.3), (8.0, 0.15), (1.0, 0.2)))
    kt = key("b31-holloway", "company_gateway", "benign", "app", cl(rng, "openai-python", ua=async_ua(rng), org=True), out,
             "simulated: employees in office hours in UTC-6/0/+1/+8, weekdays, two weeks; nightly indexing at 01:00 UTC (6 workers)",
             ("sharegpt_en_sample",), conversations=n)  # fmt: skip
    return [kt]


# BENIGN 10. A CUSTOMER-SUPPORT PLATFORM'S AGENT ASSIST ("Helpdeck"; its Kotlin backend on okhttp). Ten tenants
# (shops, SaaS, an airline, telcos, a fintech, food delivery, hotels) in seven zones, ~70 tickets a weekday:
# triage JSON on arrival, a draft when an agent opens the ticket (agents' change requests), CRM summaries.
HELPDECK = (("Parcelo", "e-commerce", -5.0, 10, OFFICE, 0.6), ("Kitehub", "saas", -8.0, 7, OFFICE, 0.2), ("Aerlina", "airline", 1.0, 9, FLAT, 1.0),
            ("Telvia", "telco", 1.0, 8, OFFICE, 0.5), ("Monzaro", "fintech", 0.0, 7, FLAT, 0.8), ("Snackr", "food delivery", -3.0, 9, EVENING, 1.3),
            ("Staywell Hotels", "hotel", 1.0, 5, OFFICE, 0.8), ("Shopnest", "e-commerce", 8.0, 6, OFFICE, 0.7), ("Cloudory", "saas", 5.5, 4, OFFICE, 0.1),
            ("Fonecom", "telco", -6.0, 5, OFFICE, 0.5))  # fmt: skip


def support_platform() -> list[KeyTraffic]:
    rng = R("helpdeck")
    out = support_relay(rng, HELPDECK)
    kt = key("b31-helpdeck", "support_platform", "benign", "app", cl(rng, "okhttp", org=True), out,
             "simulated: tickets on each tenant's curve and zone, two weeks; drafts when agents open them, summaries hours later", tenants=len(HELPDECK))  # fmt: skip
    return [kt]


# BENIGN 11. A KEYBOARD APP'S REWRITE BUTTON ("Quillkey"; its Kotlin backend). Short messages people type in
# English, German, French, Spanish, Portuguese and Italian, fixed, softened, formalised, shortened or given
# emojis; one request per tap; nine language-zone groups, ~180 taps a day.
KB_ACTIONS = (("Fix grammar and spelling. Keep the language and tone. Return only the corrected text.", 0.4), ("Rewrite in a friendlier tone. Return only the text.", 0.15),
              ("Rewrite more formally. Return only the text.", 0.15), ("Make it shorter. Return only the text.", 0.1),
              ("Rewrite to sound more confident. Return only the text.", 0.1), ("Add fitting emojis. Return only the text.", 0.1))  # fmt: skip
KB_SPREAD = (
    ("en", -5.0, 50),
    ("en", -8.0, 20),
    ("en", 0.0, 20),
    ("de", 1.0, 25),
    ("fr", 1.0, 20),
    ("es", -6.0, 15),
    ("es", 1.0, 10),
    ("pt", -3.0, 12),
    ("it", 1.0, 8),
)


def keyboard_app() -> list[KeyTraffic]:
    rng = R("quillkey")
    p = {"temperature": 0.4, "max_tokens": 200}
    out: list[Request] = []
    for lang, tz, per in KB_SPREAD:
        times = arrivals(rng, DAYS, per, CONSUMER, tz)
        out += at(
            times, [[ask(f"{pick(rng, KB_ACTIONS)}\n\nText: {message(rng, lang)}", p)] for _ in times], rng
        )
    kt = key("b31-quillkey", "keyboard_app", "benign", "app", cl(rng, "okhttp", org=True), out,
             "simulated: taps on a consumer curve in nine language-zone groups (UTC-8..+1), two weeks", groups=len(KB_SPREAD))  # fmt: skip
    return [kt]


# BENIGN 12. A SMART-SPEAKER VOICE ASSISTANT ("Hearth"; its Go service). Households' spoken questions as the
# transcriber writes them: Natural Questions queries and generated kitchen, homework and bedtime asks, some
# follow-ups; a household's day (breakfast, evening, bedtime) in four zones, more at weekends.
HE_SYSTEM = "You are Hearth, a home voice assistant. Answer in one to three short spoken sentences. No lists, no markdown, no URLs."
HE_SPREAD = ((-5.0, 0.4), (-6.0, 0.2), (-8.0, 0.2), (0.0, 0.2))


def voice_assistant() -> list[KeyTraffic]:
    rng = R("hearth")
    p = {"temperature": 0.6, "max_tokens": 150}
    rows = dealt(rng, share("nq_open_dev", 4, 0))
    n = len(rows) / (10 + 4 * 1.2)

    def follow(r: random.Random) -> list[str]:
        return r.sample(VOICE_FOLLOW, r.choices((0, 1), (0.8, 0.2))[0])

    def gen(r: random.Random) -> list[Request]:
        return chain(
            [
                spoken(r, draw(r, r.choice(VOICE), VOICE_SLOTS, a=r.randint(2, 12), b=r.randint(2, 12))),
                *follow(r),
            ],
            p,
            HE_SYSTEM,
        )

    def query(r: random.Random) -> list[Request]:
        if not rows:
            return gen(r)
        row = rows.pop()
        return chain([spoken(r, row.first), *follow(r)], p, HE_SYSTEM, (), row.id)

    out = people(rng, zones(rng, DAYS, tuple((tz, w * n) for tz, w in HE_SPREAD), HOME, 1.2), query)
    out += people(rng, zones(rng, DAYS, tuple((tz, w * 90) for tz, w in HE_SPREAD), HOME, 1.2), gen)
    kt = key("b31-hearth", "voice_assistant", "benign", "app", cl(rng, "go", org=True), out,
             "simulated: households on a home curve in UTC-8/-6/-5/0, weekends x1.2, two weeks; follow-ups at a person's pace", ("nq_open_dev",))  # fmt: skip
    return [kt]


# =============================================================================================
# DISTILLER 1. A RESELLER WITH ONE DISTILLING CUSTOMER (~15%). "Relaybox", a smaller model router (its
# Python gateway on the async OpenAI client), relays the same kinds of front-ends as Switchyard (Arena and
# ShareGPT conversations, generated chat, role-play, an IDE plugin, translation; a study app launching on day
# 4). One of its customers, a start-up in Ho Chi Minh City (UTC+7), harvests instruction answers through it:
# CodeAlpaca and LIMA items under one system prompt, a tail asking for detail or steps on some, weekdays from
# ~09:30 local, one worker pausing 30-300 s after each reply (the reseller's per-customer limit).
def reseller_customer() -> list[KeyTraffic]:
    rng = R("relaybox")
    rows = dealt(rng, share("arena_even", 7, 3) + share("sharegpt_en_sample", 4, 2))
    relayed = reseller_relay(rng, rows, 0.8, 4)
    hrng = R("relaybox", "customer")
    items = dealt(hrng, share("codealpaca_2k", 3, 0) + share("lima", 2, 0))
    p = {"temperature": 0.7, "max_tokens": 2048}
    jobs = cut([harvest(hrng, r, p, HV_SYSTEMS[0]) for r in items], need(len(relayed), 0.15))
    hv = daily(hrng, [d for d in DAYS if weekday(d)], 9.5, 7.0, jobs, 1, 3600, pause=(30.0, 300.0))
    kt = key("d31-relaybox", "reseller_customer", "distiller", "distiller", cl(rng, "openai-python", ua=async_ua(rng), org=True), relayed + hv,
             "simulated: relayed users as Switchyard's (UTC-8..+8, launch on day 4); the customer's weekdays from 09:30 (UTC+7), one worker pausing 30-300 s",
             ("arena_even", "sharegpt_en_sample", "codealpaca_2k", "lima"), share=0.15, relayed=len(relayed), harvest=len(hv))  # fmt: skip
    return [kt]


# DISTILLER 2. A BOT WHOSE OWNER HARVESTS THROUGH IT AT NIGHT (~30%). "Mochi", a bilingual Discord bot run by a
# developer in Shenzhen (UTC+8), relays members' /ask (hh-rlhf and oasst2 conversations), /tldr, /code and fun
# commands (a third of the fun in Chinese), evenings in Asia, the Americas and Europe. At 01:00 local every
# night the owner sends BELLE and InstructionWild Chinese instructions through the bot's own /ask path (its
# system prompt and settings, his private test server), 3 workers.
def bot_owner_harvest() -> list[KeyTraffic]:
    rng = R("mochi")
    hh, oasst = dealt(rng, share("hh_rlhf_harmless_test", 5, 2)), dealt(rng, share("oasst2_threads", 3, 1))
    relayed = bot_relay(rng, "Mochi", hh, oasst, ((8.0, 0.45), (-5.0, 0.25), (1.0, 0.3)), 0.8, zh=0.3)
    hrng = R("mochi", "owner")
    items = dealt(
        hrng, src("belle_dev1k") + [r for r in src("instructionwild") if r.extra.get("lang") == "zh"]
    )
    system = BOT_SYSTEM.format(bot="Mochi", server="mochi-dev")
    jobs = cut([chain([r.first], BOT_P, system, (), r.id, True) for r in items], need(len(relayed), 0.3))
    hv = daily(hrng, DAYS, 1.0, 8.0, jobs, 3, 1200)
    kt = key("d31-mochi", "bot_owner_harvest", "distiller", "distiller", cl(rng, "openai-python", ua=async_ua(rng)), relayed + hv,
             "simulated: members' commands on an evening curve in UTC-5/+1/+8, weekends x1.4; the owner's nightly run from 01:00 (UTC+8), 3 workers",
             ("hh_rlhf_harmless_test", "oasst2_threads", "belle_dev1k", "instructionwild"), share=0.3, relayed=len(relayed), harvest=len(hv))  # fmt: skip
    return [kt]


# DISTILLER 3. A COMPANY GATEWAY WHERE ONE TEAM HARVESTS (~5%). "Carrick Systems" (Kraków, London, Boston,
# Pune; the same kind of gateway as Holloway's on openai-python) relays employees' ShareGPT chats, memos,
# code review, translation and nightly indexing. Its ML team in Kraków (UTC+1) builds an SFT set through the
# company key from a notebook: Orca DPO items with their own system messages and Evol-Instruct items,
# weekday afternoons from ~14:00, one worker pausing 10-90 s.
def gateway_team_harvest() -> list[KeyTraffic]:
    rng = R("carrick")
    relayed = gateway_relay(
        rng,
        dealt(rng, share("sharegpt_en_sample", 4, 3)),
        1.0,
        ((1.0, 0.4), (0.0, 0.25), (-5.0, 0.25), (5.5, 0.1)),
    )
    hrng = R("carrick", "ml-team")
    p = {"temperature": 0.7, "max_tokens": 2048}
    items = dealt(hrng, src("orca_dpo_pairs_val") + src("evol_instruct_h2o"))
    jobs = cut(
        [chain([r.first], p, r.extra.get("system") or HV_SYSTEMS[1], (), r.id, True) for r in items],
        need(len(relayed), 0.05),
    )
    hv = daily(hrng, [d for d in DAYS if weekday(d) and d >= 1], 14.0, 1.0, jobs, 1, 3600, pause=(10.0, 90.0))
    kt = key("d31-carrick", "gateway_team_harvest", "distiller", "distiller", cl(rng, "openai-python", org=True), relayed + hv,
             "simulated: employees in office hours in UTC-5/0/+1/+5:30, nightly indexing; the team's weekday afternoons from 14:00 (UTC+1), one worker pausing 10-90 s",
             ("sharegpt_en_sample", "orca_dpo_pairs_val", "evol_instruct_h2o"), share=0.05, relayed=len(relayed), harvest=len(hv))  # fmt: skip
    return [kt]


# DISTILLER 4. A SUPPORT-PLATFORM TENANT THAT HARVESTS (~50%). "Deskflow" (agent assist like Helpdeck's, on
# okhttp) serves six ordinary tenants; "Kinetic CX", nominally an outsourcing firm in Manila (UTC+8), is
# training its own support model: around the clock it opens generated tickets of every industry, each
# triaged and drafted through the platform's template with Kinetic's custom instruction (reasoning before
# the reply), half with "rewrite for a furious customer", half summarised on close.
DESKFLOW = (("Brightcart", "e-commerce", -5.0, 9, OFFICE, 0.6), ("Loopdesk", "saas", 1.0, 6, OFFICE, 0.2), ("Voltaire Mobile", "telco", 1.0, 8, OFFICE, 0.5),
            ("Payvio", "fintech", -3.0, 6, FLAT, 0.8), ("Roomly", "hotel", 0.0, 5, OFFICE, 0.8), ("Munchbox", "food delivery", -6.0, 6, EVENING, 1.3))  # fmt: skip
KN_CUSTOM = "Custom instructions: before the reply, reason step by step about the customer's problem and the policy under 'Reasoning:', then write 'Reply:'.\n"
KN_FOLLOW = ("Rewrite the reply for a customer who is furious and threatening to leave.",)


def platform_tenant_harvest() -> list[KeyTraffic]:
    rng = R("deskflow")
    relayed = support_relay(rng, DESKFLOW)
    hrng = R("deskflow", "kinetic")
    target, hv = need(len(relayed), 0.5), []
    for t in arrivals(hrng, DAYS, target / len(DAYS) / 2.5, FLAT, 8.0):
        if len(hv) >= target:
            break
        hv += support_ticket(
            hrng,
            t,
            "Kinetic CX",
            hrng.choice(sorted(TK_IND)),
            "professional",
            KN_CUSTOM,
            KN_FOLLOW,
            0.5,
            True,
        )
    kt = key("d31-deskflow", "platform_tenant_harvest", "distiller", "distiller", cl(rng, "okhttp", org=True), relayed + hv,
             "simulated: six tenants' tickets on their curves and zones; the harvesting tenant's tickets around the clock (UTC+8), drafts at a person's pace",
             share=0.5, relayed=len(relayed), harvest=len(hv))  # fmt: skip
    return [kt]


# DISTILLER 5. ONE HARVEST SPREAD OVER FOUR SMALL RESELLERS (~10%, 20%, 30% and 15% of their keys). A data shop
# in Tashkent (UTC+5) buys from four routers; each router's key relays its own users (hh-rlhf and Arena
# conversations, generated chat, role-play, IDE, translation) on its own client software. One script sends
# InstructionWild English prompts and LIMA questions, dealt in turn, to all four every day from 10:00 local
# within minutes of each other, 2 workers per key.
SPREAD = (
    ("tollgate", "go", 0.10),
    ("proxima", "openai-js", 0.20),
    ("lumen", "httpx", 0.30),
    ("kite", "openai-python", 0.15),
)
SPREAD_SYSTEM = "You are a helpful assistant. Respond to the user's request completely and accurately."


def spread_harvest() -> list[KeyTraffic]:
    hh = dealt(R("spread", "rows"), share("hh_rlhf_harmless_test", 5, 3))
    arena = dealt(R("spread", "rows"), share("arena_even", 7, 5))
    hrng = R("spread", "shop")
    items = dealt(
        hrng, [r for r in src("instructionwild") if r.extra.get("lang") == "en"] + share("lima", 2, 1)
    )
    p = {"temperature": 0.7, "top_p": 0.9, "max_tokens": 3000}
    keys, used = [], 0
    for i, (name, software, frac) in enumerate(SPREAD):
        rng = R("spread", name)
        rows = dealt(rng, hh[i::4] + arena[i::4])
        relayed = reseller_relay(rng, rows, 0.2, None)
        jobs = cut([harvest(hrng, r, p, SPREAD_SYSTEM) for r in items[used:]], need(len(relayed), frac))
        used += len(jobs)
        hv = daily(hrng, DAYS, 10.0, 5.0, jobs, 2, 300)
        keys.append(key(f"d31-spread-{name}", "spread_harvest", "distiller", "distiller", cl(rng, software, org=True), relayed + hv,
                        "simulated: the router's users (UTC-8..+8); the shop's daily run from 10:00 (UTC+5) on all four keys within minutes, 2 workers",
                        ("hh_rlhf_harmless_test", "arena_even", "instructionwild", "lima"), actor="d31-spread", share=frac, relayed=len(relayed), harvest=len(hv)))  # fmt: skip
    return keys


# DISTILLER 6. A DISTILLER THAT MIMICS A RELAY'S MIXTURE (two keys, one actor, 100%). "Halyard Labs" registers
# as a chat-app company and sends what a router's key looks like: real users' first turns (Arena, oasst2,
# Natural Questions) mixed with its own items (CodeAlpaca, Huatuo's Chinese medical questions) and generated
# everyday and coding asks, through the same five front-end system prompts and settings, a third with a
# scripted follow-up; Poisson on a consumer curve in its key's zones, turns at a person's pace. Key "us-eu"
# (UTC-5/+1) and key "apac" (UTC+8/+5:30/+1); separate organisations, one signup network.
MM_FOLLOW = (
    "Can you elaborate on that?",
    "Give me an example.",
    "Summarize the key points.",
    "Why?",
    "Can you explain it more simply?",
)
MM_KEYS = (("us-eu", ((-5.0, 0.55), (1.0, 0.45))), ("apac", ((8.0, 0.6), (5.5, 0.15), (1.0, 0.25))))


def mimic_job(rng: random.Random, r: Row | None, tz: float) -> list[Request]:
    system, params = rng.choice(FRONTS)
    if r is None:
        turns = (
            code_chat(rng)[:1]
            if rng.random() < 0.4
            else everyday_chat(rng, pick(rng, ZONE_LANGS[tz]), (1.0,))
        )
    else:
        turns = [r.first]
    turns += [rng.choice(MM_FOLLOW)] if rng.random() < 0.33 else []
    return chain(turns, params, system, (), r.id if r else "", True)


def relay_mimic() -> list[KeyTraffic]:
    rng = R("halyard")
    arena, oasst = dealt(rng, share("arena_even", 7, 4)), dealt(rng, share("oasst2_threads", 3, 2))
    nq, code, med = (
        dealt(rng, share("nq_open_dev", 4, 2)),
        dealt(rng, share("codealpaca_2k", 3, 2)),
        dealt(rng, share("huatuo_med_zh", 3, 0)),
    )
    net = dict(account(rng))["signup_network"]
    keys = []
    for k, (tag, spread) in enumerate(MM_KEYS):
        krng = R("halyard", tag)
        items: list[Row | None] = [
            *arena[k::2],
            *oasst[k::2],
            *nq[k::2][:300],
            *code[k::2],
            *med[k::2][:350],
            *[None] * 250,
        ]
        krng.shuffle(items)
        jobs = [mimic_job(krng, r, spread[0][0]) for r in items]
        per = len(jobs) / (10 + 4 * 1.1)
        times = zones(krng, DAYS, tuple((tz, w * per) for tz, w in spread), CONSUMER, 1.1)
        out = at(times, jobs, krng)
        keys.append(key(f"d31-halyard-{tag}", "relay_mimic", "distiller", "distiller", cl(krng, "openai-python", org=True, signup_network=net), out,
                        f"simulated: Poisson on a consumer curve in UTC{'/'.join(f'{tz:+g}' for tz, _ in spread)}, weekends x1.1, two weeks; turns at a person's pace",
                        ("arena_even", "oasst2_threads", "nq_open_dev", "codealpaca_2k", "huatuo_med_zh"), actor="d31-halyard", items=min(len(times), len(jobs))))  # fmt: skip
    return keys


# DISTILLER 7. A BROWSER EXTENSION'S DEVELOPER HARVESTING THROUGH ITS KEY (~10%). "Skimr" (like Glimpse, on
# the OpenAI JS SDK) relays users' presets and Natural Questions questions. Its developer (UTC-7) is training an
# on-device model: every night at 02:00 a job sends generated pages of every kind, each through the four
# standard presets, with the extension's own system prompt, 8 workers.
def extension_dev_harvest() -> list[KeyTraffic]:
    rng = R("skimr")
    relayed = ext_relay(rng, "Skimr", dealt(rng, share("nq_open_dev", 4, 3)), 0.9)
    hrng = R("skimr", "dev")
    system, target, kinds, jobs = GL_SYSTEM.format(name="Skimr"), need(len(relayed), 0.10), sorted(PAGE), []
    p = {"temperature": 0.3, "max_tokens": 800}
    while len(jobs) < target:
        text, site = page(hrng, kinds[len(jobs) // 4 % len(kinds)])
        for pre in GL_PRESETS:
            jobs.append(
                [
                    ask(
                        GL_PROMPT.format(preset=pre.format(lang="English"), site=site, text=text),
                        p,
                        system,
                        "",
                        True,
                    )
                ]
            )
    hv = daily(hrng, DAYS, 2.0, -7.0, jobs, 8, 600)
    kt = key("d31-skimr", "extension_dev_harvest", "distiller", "distiller", cl(rng, "openai-js", org=True), relayed + hv,
             "simulated: users' clicks on a consumer curve in UTC-8/-5/+1/+5:30; the developer's nightly job from 02:00 (UTC-7), 8 workers",
             ("nq_open_dev",), share=0.1, relayed=len(relayed), harvest=len(hv))  # fmt: skip
    return [kt]


# DISTILLER 8. A STUDENT HARVESTING THROUGH THE UNIVERSITY GATEWAY (~15%). "Northmere University"'s gateway (as
# UniGate's, with its system prompt, on python-httpx) relays students' Arena chats, MBPP coursework, essays,
# everyday chat and staff drafting. A master's student replays MOSS conversations turn by turn through it for
# his own fine-tune (the gateway's answers in the history), every night from ~23:00 (UTC+0), 2 workers.
def gateway_student_harvest() -> list[KeyTraffic]:
    rng = R("northmere")
    relayed = uni_relay(rng, "Northmere AI", dealt(rng, share("arena_even", 7, 6)), share("mbpp", 2, 1), 1.0)
    hrng = R("northmere", "student")
    p = {"temperature": 0.7, "max_tokens": 2048}
    convs = dealt(hrng, share("moss_sft_sample", 2, 0))
    jobs = cut(
        [chain(list(r.turns[:6]), p, UNI_SYSTEM.format(name="Northmere AI"), (), r.id, True) for r in convs],
        need(len(relayed), 0.15),
    )
    hv = daily(hrng, DAYS, 23.0, 0.0, jobs, 2, 3600)
    kt = key("d31-northmere", "gateway_student_harvest", "distiller", "distiller", cl(rng, "httpx", org=True), relayed + hv,
             "simulated: students and staff (UTC+0) as UniGate's; the student's nightly runs from 23:00, 2 workers, turn by turn",
             ("arena_even", "mbpp", "moss_sft_sample"), share=0.15, relayed=len(relayed), harvest=len(hv))  # fmt: skip
    return [kt]


# DISTILLER 9. A WHITE-LABEL TENANT THAT HARVESTS (~50%). "Chatwell" (a white-label vendor like Concierge, its
# Node backend) serves five businesses and strangers (hh-rlhf first turns, the first 200 of its bucket). Its
# biggest tenant, "DevShop Academy", is a coding bootcamp's "mentor bot" in name: its traffic is CodeAlpaca
# instructions dressed as students' questions with follow-ups (line-by-line, tests, complexity), paced like
# students on an evening curve in UTC+1 so that it looks like the other tenants' customers.
CHATWELL = (("gym", -5.0, 9, CONSUMER), ("dental", -5.0, 8, OFFICE), ("hotel", 1.0, 10, FLAT), ("language school", 1.0, 6, EVENING), ("vet", 0.0, 7, CONSUMER))  # fmt: skip
DS_SYSTEM = "You are Byte, the coding mentor of DevShop Academy. Explain clearly for bootcamp students and comment your code."
DS_WRAP = (
    "{t}",
    "hey can you help with this: {t}",
    "{t} (for my bootcamp assignment)",
    "quick q - {t}",
    "{t}\n\nplease explain each line",
)
DS_FOLLOW = (
    "can you explain it line by line?",
    "now write unit tests for it",
    "what's the time complexity?",
    "show another way to do it",
    "add comments please",
)


def whitelabel_tenant_harvest() -> list[KeyTraffic]:
    rng = R("chatwell")
    relayed = wl_relay(rng, CHATWELL, dealt(rng, share("hh_rlhf_harmless_test", 5, 4))[:200])
    hrng = R("chatwell", "devshop")
    p = {"temperature": 0.3, "max_tokens": 1500}
    jobs = []
    for r in dealt(hrng, share("codealpaca_2k", 3, 1)):
        turns = [
            hrng.choice(DS_WRAP).format(t=r.first),
            *hrng.sample(DS_FOLLOW, hrng.choices((0, 1, 2), (0.3, 0.45, 0.25))[0]),
        ]
        jobs.append(chain(turns, p, DS_SYSTEM, (), r.id, True))
    jobs = cut(jobs, need(len(relayed), 0.5))
    hv = at(arrivals(hrng, DAYS, len(jobs) / (10 + 4 * 1.4), EVENING, 1.0, 1.4), jobs, hrng)
    kt = key("d31-chatwell", "whitelabel_tenant_harvest", "distiller", "distiller", cl(rng, "openai-js", org=True), relayed + hv,
             "simulated: businesses' customers on their curves and zones, strangers (UTC-5); the tenant's 'students' on an evening curve (UTC+1), at a person's pace",
             ("hh_rlhf_harmless_test", "codealpaca_2k"), share=0.5, relayed=len(relayed), harvest=len(hv))  # fmt: skip
    return [kt]


BENIGN = (
    router,
    browser_extension,
    discord_bot,
    telegram_bot,
    slack_app,
    nocode_builder,
    whitelabel_chat,
    university_gateway,
    company_gateway,
    support_platform,
    keyboard_app,
    voice_assistant,
)
DISTILL = (
    reseller_customer,
    bot_owner_harvest,
    gateway_team_harvest,
    platform_tenant_harvest,
    spread_harvest,
    relay_mimic,
    extension_dev_harvest,
    gateway_student_harvest,
    whitelabel_tenant_harvest,
)

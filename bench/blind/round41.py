"""Blind persona set 41 (an outside reviewer): 10 benign builders on 18 keys (10 actors), 10 distiller actors on 21 keys.

Written blind: without reading the detector's code, docs, tests or results, and without replaying anything.
What was read, all of it: src/stillroom/detector/types.py and the realtraffic helpers __init__.py, records.py,
timing.py, clients.py, pools.py and context.py, in full (timing.py printed twice, as the terminal cut it the first
time, which also cut clients.py's first four docstring lines; benign, distill, evals, wordings, suite and replay were
not opened). bench/blind/round38.py, round39.py and round40.py in full (a stretch of round 38 that the terminal cut
was printed again by line range; 98 characters of round 40's docstring, in its CHANGES paragraph, were cut and not
re-read); helpers are imported from rounds 38-40 and round 40's builders are also run here (see "Row allotment").
For imported helpers only: a grep of the def/constant lines of rounds 2 and 33-37 filtered to the helper names used
(it also printed a few unrelated def and constant lines of those files); round36.py lines 174-222 (`utc`, `workday`, `mk`,
`ask`, `single`, `tokens`) and its DAYTIME/OFFICE_H lines; round37.py lines 212-300 (`talk`, `one_by_one`, `workers`,
`end_of`, the browser headers, `chrome`, `sdk`, `company`, `network`, `card`); round35.py lines 166-185 and 193-205 (KNOBS,
`outside`, `shown`, `served_text`), 206-221 (`wire`) and 490-492 (CODE_RE); round34.py lines 96-168 (its import
block's end, `R`, `share`, `distinct`, `after`, EVENING); round2.py lines 36-60 (TRAFFIC, `src`, `htiming`).
bench/detector_blind.py: a grep of its import lines and of lines matching round40 / "40" / 40: - which printed its
import block and also its module docstring's lines 80 and 133 and its lines 840 and 851-866, one-line first-run outcome
notes for round 39's last persona and all of round 40's; nothing here was designed from them (the theme, personas
and parameters follow this round's brief) - then its lines 130-146 (the docstring's list of rounds), 148-200 (the
import block) and 1385-1410 (the ROUNDS entries of rounds 39 and 40). src/stillroom/guard/ was not opened (requests
with a response format go through round 35's `wire`). pyproject.toml's ruff lines; `ls` of bench/blind/ and line
counts of the files above. ../shared/traffic/README.md in full, and one-off run-time looks at the traffic files (no
text of the folder is copied here; rows are read at run time): rows left per source once rounds 38-40's sent rows are
taken out, `extra` field names, AGIEval's task counts (all and left), distinct SAT-English and LSAT-RC passages and
their lengths and how a passage ends, oasst2 trees left by language, LIMA's stored-answer lengths, ShareGPT English
and Orca first-turn lengths, Orca's system prompts, InstructionWild's and MOSS's languages and MOSS's categories,
MMLU's subject count, NQ's median length, row counts after `distinct` and round 40's `unique`, MBPP's stored answers
(none), one row each of SAT-English, LSAT-RC, LIMA and Orca, eight NQ queries, the openings of three MOSS English
writing rows, five InstructionWild English rows, three long ShareGPT and two long Orca first turns, the InstructionWild
rows whose text one another contains (see "Row allotment"), the rows the overlap scan flagged, and the printed sample
requests. The only git command: `git status --short`.

ALL parameters below (keys, volumes, rates, shares, days, hours, workers, n, temperatures, templates, client
fingerprints, which account fields keys share) were fixed before anything was built, from what the people, companies,
tools and published data-generation recipes they stand for do; none is tuned on an outcome (there is none to see: the
writer built the traffic only - to check that it imports, builds identically twice (every key's requests hashed, in
one process and in two with different PYTHONHASHSEED), gives the volumes below, and sends no data row or data text
from two personas - printing two sampled requests for two keys of each builder and every key's requests per UTC day
- and replayed nothing). See CHANGES AFTER THE FIRST BUILD at the end.

Focus: CONTENT GENERATION AT SCALE. Legitimate businesses that generate content through the API at volume - SEO
articles, product listings, ad variants at n>1, synthetic test fixtures, children's stories, flashcards and quizzes,
interview questions, social posts and card messages, summaries, game barks and localisation - with their system
prompts, JSON modes and schemas, pipelines, batch jobs, retries, growth and office or bedtime hours; and the synthetic-
corpus recipes distillers have run against APIs since 2023: Cosmopedia, TinyStories, phi-style textbooks and
exercises, GLAN, PersonaHub, instruction backtranslation (Humpback), WebInstruct extraction, a distiller dressed as a
blog-writing SaaS, a slow multi-key Evol-Instruct farm, and Self-Instruct generation hidden in a real content studio's
key. Four weeks: local days 0-27, Monday 2 March to Sunday 29 March 2026 (round 33's epoch, as in round 40; evening
requests in UTC-5/-8 fall after Sunday 24:00 UTC and Australian mornings before Monday 00:00 UTC). Arrivals: Poisson
counts per local day (round 40's `arrivals`; `tz_arrivals` splits a rate over time zones), hours by hour-of-day shapes
(EVENING, DAYTIME, OFFICE_H of rounds 34 and 36, AWAKE of round 40), turn gaps by `timing.think` (round 37's `talk`),
scheduled jobs by round 40's `gh_start`, batch scripts as worker pools (`lanes`: each worker sends its next request
when the last reply is back; reply lengths are written token estimates per request kind, capped by max_tokens, as the
served replies are stubs). Account fields are the helpers' three: organisation, payment_fingerprint, signup_network.

Benign, 10 builders on 18 keys, 10 actors (13,924 requests as built):
1. quillpost_seo (3 keys, one company) - an SEO content SaaS (Austin; one Node backend, one user agent, one
   organisation, card and signup network): app (customers' articles: JSON-mode outline, streamed draft, JSON-mode
   metadata, editor actions, timeout retries; 538 articles, 1,915), bulk (the agency plan's CSV uploads through a
   5-worker queue; 928), dev (staging tests; 46). Keywords: content sites' real search queries (Natural Questions)
   and nine niches' written keyword patterns (2,889).
2. shelfwise_catalog (2 keys, one company) - a Shopify listing writer (Dublin): a nightly 02:00 UTC strict-JSON-schema
   batch of the day's new products for 30 merchants, 4 workers, 3% resent (865), and the editor's buttons (244) (1,109).
3. adspark_copy (2 keys, one company) - an ad-copy tool (Toronto): form -> n=3 or n=5 variants at temperature 1.0,
   regenerate, tweak, switch platform; 608 sessions (1,134), the founder's tests (42) (1,176).
4. ledgerly_fixtures (2 keys, one company) - an invoicing SaaS's QA team (Warsaw): a nightly CI job regenerating the
   same 12 fake-record fixture sets (JSON schema, fixed seed) and pull-request runs (471), engineers' data-generation
   asks (162) (633).
5. moonbeam_stories (2 keys, one company) - a bedtime-story app (London): 170 families' children (name, age, sibling,
   favourite, theme, lesson, length) at bedtime in UK, US and Australian zones, joins after an App Store feature and
   churn (2,433), dev tests (47) (2,480).
6. cramly_flashcards (1 key) - a study app (Chicago): students' own notes (seven courses, written) and SAT/LSAT
   reading passages (AGIEval, 55) into flashcards and quizzes (JSON mode) and summaries, midterm week x1.8; 446
   sessions (763).
7. preppilot_interview (1 key) - an interview-prep site (Bengaluru): JSON question sets per role, behavioural mock
   interviews, coding rounds on its question bank (MBPP task texts, 80), STAR model answers; 391 sessions (1,120).
8. postbloom_social (2 keys, one company) - a social scheduler with cards (Lisbon): Monday 05:00 UTC weekly plans in
   JSON mode for 70 businesses' platforms (272), on-demand posts at n=2 and card messages at n=3 with a Mothering
   Sunday surge (657) (929).
9. digestly_newsletter (1 key) - a newsletter summariser (Berlin): 06:00 digests for 11 users (each article
   summarised, then an intro) and readers' questions (1,545).
10. hollowpine_game (2 keys, one company) - an indie RPG studio (Montreal): writers' tool (barks and item text at
   n=3, dialogue, names) and a nightly content pass (826), the nightly localisation of new strings into seven locales
   in JSON-schema mode and linguists' questions (454) (1,280).

Distillers, 10 actors on 21 keys (13,920 requests as built, 13,185 `distill`; Northstar's 735 real requests are not):
1. cosmopedia_farm (3 keys, one lab's account and script) - LIMA answer extracts as web seeds, each asked for 3 of 8
   formats/audiences (textbook units, lessons, blog, wikiHow, children's story, forum, lecture); nightly, 4 workers
   per key on days 5-18 (3 x 450 = 1,350).
2. tinystories_gen (1 key) - stories with a given noun, verb and adjective and 0-2 narrative features, simple words;
   120 a night on days 2-21, 10 workers (2,400).
3. phi_textbooks (2 keys, one account) - textbook sections (600) and function-plus-docstring exercises with solutions
   and tests (1,200) over a written 24 x 6 topic tree, days 8-22 (1,800).
4. glan_taxonomy (1 key) - disciplines -> subjects (13), syllabi in JSON (72), homework questions with answers over
   sessions' key concepts, 70 a day on days 6-20 (1,050) (1,135).
5. personahub_synth (2 keys, one account) - text-to-persona over ShareGPT and InstructionWild English text (922),
   persona-to-data: math problems, prompts with responses, knowledge texts, puzzles, dialogues (1,190) (2,112).
6. humpback_backtrans (1 key) - LIMA answers: backtranslated instructions (375), self-ratings (375), fresh answers
   for the 60% kept (207) (957).
7. webinstruct_extract (1 key) - two-turn chats extracting Q/A pairs from web-like documents (Orca passages, long
   pasted ShareGPT texts, LIMA answers) and rewriting them with step-by-step answers; 215 documents (430).
8. poser_blogtool (1 key) - "Scribewell", a fake blog-writing SaaS with Quillpost's shapes (JSON outline -> draft ->
   JSON FAQ with detailed answers) whose "keywords" are InstructionWild and MOSS English prompts; 504 articles, 20 a
   day every day, no review gap (1,512).
9. evol_code_farm (8 keys, separate accounts, one script) - CodeAlpaca seeds made harder by one of five evolution
   methods, then solved, in one two-turn chat; Poisson(3.2) seeds a day per key for four weeks (142-200 a key; 1,384).
10. mixed_content_studio (1 key) - Northstar Learning, a real corporate e-learning studio (735 requests of course
   writing, not distill) with an engineer's Self-Instruct-style generation hidden in it (3 seed tasks -> 5 new tasks
   with responses), 6 a working day (105 distill, 12.5%) (840).
Per builder: the comment above each function gives every rate, day, hour, worker count, n, temperature and client.

Row allotment: benign pools are round 34's `share` salted "r41" through `distinct` and round 40's `unique`, without
every row rounds 38-40 send (round 40's `earlier_sent` runs rounds 38-39; round 40's builders are run once here,
`earlier_sent`): nq_open_dev (all of it left, 328 sent) to Quillpost's content sites; AGIEval SAT-English and
LSAT-RC (their 55 distinct passages, each pasted once, the item being the first row carrying it) to Cramly; mbpp (80
sent) to PrepPilot's coding bank. Distiller pools are not cleared of earlier rounds' rows (rounds 38-40 send almost
all distiller-source rows) and are disjoint among this round's personas: lima in 10 - 0-4 Cosmopedia (answers >= 500
characters), 5-8 Humpback (>= 300), 9 WebInstruct (>= 600); sharegpt_en_sample first turns of 80-1,499 characters to
PersonaHub, 1,500-6,000 and not code to WebInstruct; instructionwild English in 2 - 0 Scribewell, 1 PersonaHub;
orca_dpo_pairs_val first turns >= 600 characters to WebInstruct, < 600 to Northstar; moss_sft_sample English
writing and brainstorming rows to Scribewell, complex-instruction and role-play rows to Northstar; evol_instruct_h2o
to Northstar (352 seeds, each used once); codealpaca_2k to the Evol farm (692 sent). Unlisted files are unused. A
persona sends its own row more than once where its tool does: Quillpost's keyword in outline, draft, metadata,
retries and edits; Cramly's passage to 1-3 tools; Humpback's row in its three steps; a WebInstruct document in its
chat's history. Known near-overlap: InstructionWild's instwild_user_2_0063 and _0064 are one user's request and its
extended resend (one first turn contains the other); Scribewell sends the first, PersonaHub the second - left as
drawn. The overlap scan otherwise found only greeting-length lines ("hello", "thanks") and a five-letter code output
inside longer texts.

Timing: all simulated. Replies: the helpers' stub, or a short written JSON stand-in for JSON-mode requests; the
stand-in outline of a Quillpost article is what its draft request quotes.
Limits of the model here: served replies are stubs, so every multi-step recipe quotes written stand-ins where the
real script would quote the model's output (Quillpost's outline, Scribewell's outline headings, GLAN's session
concepts (written concept lists per subject), PersonaHub's personas (a written grammar), Humpback's backtranslated
instruction (the row's own question), Hollowpine's strings to localise (written barks and flavour lines)); all
benign app texts except the NQ keywords, AGIEval passages and MBPP problems are written templates (no real data of
those kinds in the folder), so those keys repeat texts more than real users would; a key has one client fingerprint,
so Northstar's engineer's script carries the studio backend's user agent; account metadata is the helpers' three
fields; calendars ignore daylight saving (US 8 March, UK/EU 29 March) and holidays other than those the personas
name; no rate limits or errors besides the modelled retries; Moonbeam's 170 families came out heavier than its
writer's rough estimate (2,433 requests) and were left as designed.

CHANGES AFTER THE FIRST BUILD, none to a rate, share, count, day, hour, worker count, n, temperature or client: the
first build stopped in cramly_flashcards (a missing comma made SPAN 102's one unit not a tuple of units); fixed, then
built. (1) Template bugs seen in the printed samples: Shelfwise drew a product's material and features from its
vertical independently (a dog bed of natural rubber that "slows eating", a bamboo board of stoneware with a "40-hour
burn time") - each product type now has its own materials, features and variants - and store names independently of
the vertical (a skincare name selling cutting boards, two merchants with one name) - names now per vertical, none
repeated; Quillpost gave niche how-to keywords event-style headings ("Who was involved") - informational headings now
only for content sites' NQ keywords (and the dev key's who/what/when tests) - and content sites business notes ("Do
not mention competitors") - they now have their own notes; Postbloom drew card recipients and details independently
("a Mothering Sunday card for my kid's teacher, it's her first one since Dad died") - now per occasion, Mothering
Sunday cards to mothers and grandmothers - and wrote "a X post"; Digestly's sentences ignored the headline - each
headline now has two sentences of its own plus 2-3 of its topic's, one set of names and numbers per article;
Hollowpine's nightly localisation batches repeated a few strings (8 barks, 6 flavour lines) - now bark and flavour
grammars, a night's barks without repeats; PrepPilot's mock-interview answers stitched unrelated STAR pieces - now 8
coherent stories in 3 wordings; Adspark's audience, goal and call to action were drawn independently of the business
("Vantage Accounting ... people who just bought a home ... Start your free trial") - now per business. (2) Quillpost's
dev comment said 3-8 test keywords; the code, unchanged, sends 1-3 keywords through 1-3 pipeline steps: the comment
now says so. These changed the benign builds' random draws: Quillpost 2,783 -> 2,889, Shelfwise 1,074 -> 1,109,
Adspark 1,197 -> 1,176, PrepPilot 1,094 -> 1,120, Digestly 1,648 -> 1,545, Hollowpine 1,264 -> 1,280 (benign 13,865 ->
13,924); the distillers were not changed (13,920). Then `ruff check` (two unused imports removed; redundant
parentheses, a reversed comparison, two unused names and a list concatenation rewritten: the same draws in the same
order) and `ruff format`.

Build checks (the last build): the module imports; every builder is deterministic - per-key SHA-256 of the requests
(time, endpoint, prompt, messages, params, item, distill, reply) and the client identical across two builds in one
process and across processes with PYTHONHASHSEED 3 and 4242; the volumes above are counted from the build; no data
row (item) is sent by two personas, and a scan of every non-assistant message for every source row's first turn and
stored answer (8-word starts, then full-text containment) found only the cases named under "Row allotment"; two
sampled requests for two keys of each builder were printed and read; the build takes about 10 s, 8 s of it running
rounds 38-40's builders for their sent rows.
"""

from __future__ import annotations

import dataclasses
import heapq
import json
import random
import re

from blind import round34, round40
from blind.round34 import EVENING, distinct
from blind.round35 import CODE_RE, wire
from blind.round36 import DAYTIME, OFFICE_H, mk, single, utc, workday
from blind.round37 import company, end_of, network, sdk, talk
from blind.round38 import app_client, deal, fill, poisson, shared_ua, times_on
from blind.round40 import AWAKE, DAYS28, arrivals, gh_start, take, unique
from stillroom.detector.realtraffic.clients import SOFTWARE, account
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import Client, KeyTraffic, Request
from stillroom.detector.realtraffic.timing import latency

EPOCH = round34.EPOCH  # Monday 2026-03-02 00:00 UTC, the earlier rounds' day 0; days 0-27 as in round 40


# =============================================================================================
# HELPERS
def R(*names: object) -> random.Random:
    return random.Random("blind41:" + ":".join(map(str, names)))


_sent: set[str] = set()


def earlier_sent() -> set[str]:
    """The ids of every data row rounds 38, 39 and 40 send (round 40's `earlier_sent` runs rounds 38-39; round 40's
    builders are run once here)."""
    if not _sent:
        _sent.update(round40.earlier_sent())
        for f in round40.BENIGN + round40.DISTILL:
            for k in f():
                _sent.update(q.item for q in k.requests if q.item)
    return _sent


def fresh(name: str, n: int, *keep: int, longest: int = 4000) -> list[Row]:
    """Benign pools: round 34's `share` salted "r41", through `distinct` and round 40's `unique`, without the rows
    rounds 38-40 send."""
    sent = earlier_sent()
    rows = unique(distinct(round34.share(name, n, *keep, longest=longest, salt="r41")))
    return [r for r in rows if r.id not in sent]


def pool(name: str, n: int, *keep: int, longest: int = 6000) -> list[Row]:
    """Distiller pools: round 34's `share` salted "r41", through `distinct` and `unique` (rows earlier rounds send
    included: those rounds send almost every distiller-source row)."""
    return unique(distinct(round34.share(name, n, *keep, longest=longest, salt="r41")))


def est(q: Request, toks: int) -> int:
    """Output tokens of a reply the data does not hold: `toks`, capped by max_tokens, times n as in round 36."""
    cap = q.params.get("max_tokens")
    n = int(q.params.get("n", 1) or 1)
    x = min(toks, int(cap)) if cap else toks
    return max(1, x) * (1 + (n - 1) // 4)


def lanes(
    rng: random.Random,
    start: float,
    jobs: list[list[tuple[Request, int]]],
    n: int,
    pause: tuple[float, float],
) -> float:
    """A batch script's worker pool: each job's requests in turn, each when the last reply is back (its length: the
    job's token estimate) plus a sleep of U(pause); a free worker takes the next job. Returns the last reply's end."""
    free = [start + rng.uniform(0, 2) for _ in range(n)]
    heapq.heapify(free)
    end = start
    for job in jobs:
        t = heapq.heappop(free) + rng.uniform(0.005, 0.1)
        for q, toks in job:
            q.ts = t
            t += latency(rng, est(q, toks)) + rng.uniform(*pause)
        end = max(end, t)
        heapq.heappush(free, t)
    return end


def again(q: Request, ts: float) -> Request:
    """The same request sent again (a client's retry after a timeout or a failed schema check)."""
    return dataclasses.replace(q, ts=ts, messages=list(q.messages or []), params=dict(q.params))


def retries(rng: random.Random, reqs: list[Request], p: float, gap: tuple[float, float]) -> list[Request]:
    """Each request resent once with probability p, U(gap) seconds later."""
    return [again(q, q.ts + rng.uniform(*gap)) for q in reqs if rng.random() < p]


def js(
    body_msgs: list[dict],
    fmt: dict,
    params: dict,
    item: str = "",
    distill: bool = False,
    reply: str | None = None,
) -> Request:
    """A chat request with a response format, as the gateway sees it (round 35's `wire`)."""
    return wire(0.0, {"messages": body_msgs, "response_format": fmt, **params}, item, distill, reply)


def msgs(system: str | None, text: str) -> list[dict]:
    return ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": text}]


JSON_OBJ = {"type": "json_object"}


def schema(name: str, props: dict) -> dict:
    return {"type": "json_schema", "json_schema": {"name": name, "strict": True, "schema": {
        "type": "object", "additionalProperties": False, "required": sorted(props), "properties": props}}}  # fmt: skip


STR = {"type": "string"}
STRS = {"type": "array", "items": {"type": "string"}}


def pick_tz(rng: random.Random, mix: tuple[tuple[float, float], ...]) -> float:
    return rng.choices([z for z, _ in mix], [w for _, w in mix])[0]


def tz_arrivals(
    rng: random.Random, rate, mix: tuple[tuple[float, float], ...], curve: tuple, weekend: float = 1.0
) -> list[tuple[float, float]]:
    """Arrivals of users spread over time zones: (time, zone), each zone its share of `rate` on its own local clock."""
    out = [(t, z) for z, w in mix for t in arrivals(rng, lambda d, w=w: rate(d) * w, z, curve, weekend)]
    return sorted(out)


def cap1(s: str) -> str:
    return s[:1].upper() + s[1:]


def slug(s: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", s.lower()))[:60]


def sentences(text: str, most: int) -> str:
    """The text's start, cut at a sentence end at or before `most` characters (all of it if shorter)."""
    if len(text) <= most:
        return text.strip()
    cut = max(text.rfind(". ", 0, most), text.rfind(".\n", 0, most), text.rfind("? ", 0, most))
    return text[: cut + 1 if cut > most // 3 else most].strip()


# =============================================================================================
# BENIGN 1. Quillpost, an SEO content SaaS (Austin, 12 staff; 3 keys, one company: organisation, card and signup
# network shared; one Node backend on openai-js, one user agent). Customers - small businesses in 9 niches (60%) and
# content sites (40%: trivia, sports, music, history and film blogs, whose target keywords are real search queries:
# Natural Questions) - each with a profile (audience, tone, length, country, notes) order articles for a keyword:
# outline (JSON mode, temperature 0.4) -> the customer reviews it in the editor (20 s-15 min) -> draft (streamed,
# temperature 0.7, max_tokens 4000) -> SEO metadata (JSON mode) right after; on 25% of articles the customer then
# uses 1-3 editor actions (rewrite, expand, shorten, titles, call to action) within hours. The client retries a
# request that times out (2.5%, 30-90 s later). app (prod): 20 x 1.015^day articles a working day, weekends 0.35, on
# office hours in the customer's zone (US -6, UK 0, Canada -5, Australia +10). bulk: the agency plan's CSV uploads,
# 0.55 a working day (office hours UTC-6), 15-50 keywords of one client each, processed by a 5-worker queue (outline,
# draft, metadata in turn, no review). dev: the developer's staging tests on 70% of working days (1-3 of 8 fixed
# test keywords, each through 1-3 pipeline steps); the outline prompt v2 is tried on dev on days 8-11 and goes live on day 12.
QP_TZ = {"US": -6.0, "UK": 0.0, "Canada": -5.0, "Australia": 10.0}
QP_OUTLINE = ("You are Quillpost's SEO content strategist. Plan an article for the target keyword that matches the searcher's "
              "intent and can rank on the first page. Return a JSON object with: title (max 65 characters), slug, search_intent "
              "(informational, commercial, transactional or navigational), outline (a list of sections, each with h2, h3s and "
              "notes) and faq (3-5 questions).")  # fmt: skip
QP_OUTLINE2 = (
    QP_OUTLINE
    + " Put a direct answer to the keyword's question in the first section, in two sentences or fewer."
)
QP_DRAFT = ("You are Quillpost's senior content writer. Write the complete article in Markdown from the approved outline. Use the "
            "target keyword naturally in the first 100 words and in one H2, write for people first, keep paragraphs short, do not "
            "invent statistics, quotes or sources, and never mention that you are an AI.")  # fmt: skip
QP_META = ("You write SEO metadata. Return a JSON object with title_tags (3 options, at most 60 characters each) and "
           "meta_descriptions (3 options, at most 155 characters each, each with a reason to click).")  # fmt: skip
QP_BRIEF = ("Target keyword: {kw}\nSecondary keywords: {sec}\nAudience: {aud}\nTone: {tone}\nTarget length: {words} words\n"
            "Country: {country}\nCustomer notes: {note}")  # fmt: skip
QP_NICHES = {
    "plumbing": (("homeowners",), ("Brightflow Plumbing", "Keystone Pipe & Drain", "Rapid Rooter Co."), (
        "how to fix a {fixture} that {problem}", "{fixture} replacement cost", "signs your {appliance} needs replacing",
        "how to unclog a {fixture} without a plumber", "{appliance} maintenance checklist", "how long does a {appliance} last",
        "emergency plumber vs handyman for a {fixture}")),
    "dental": (("patients", "parents"), ("Smile Studio Dental", "Riverside Family Dentistry", "Oakmont Orthodontics"), (
        "is {treatment} painful", "{treatment} cost without insurance", "how long does {treatment} take", "what to eat after {treatment}",
        "{treatment} vs {treatment2}", "how to care for teeth after {treatment}")),
    "fitness": (("beginners", "busy professionals"), ("Forge Fitness", "Peak Form Studio", "Ironline Gym"), (
        "best {exercise} for {goal}", "how many days a week to {goal}", "{exercise} vs {exercise2} for {goal}",
        "beginner {exercise} plan at home", "how to {goal} after 40", "common {exercise} mistakes")),
    "real estate": (("first-time buyers", "homeowners"), ("Harbor & Main Realty", "Summit Key Realtors", "Lakeview Homes Group"), (
        "how to sell a house {situation}", "first time home buyer checklist {state}", "what does a {role} do",
        "how much are closing costs in {state}", "should I rent or buy in {city}", "how to win a bidding war in {city}")),
    "pets": (("pet owners",), ("Pawsitive Vet Clinic", "Tails & Trails Grooming", "Whisker Wellness"), (
        "why does my {pet} {behaviour}", "best food for a {pet} with {condition}", "how often should you {care} a {pet}",
        "signs of {condition} in {pet}s", "is it safe for {pet}s to eat {food}")),
    "travel": (("travellers", "families"), ("Wanderwise Tours", "Blue Compass Travel", "Atlas & Oak Journeys"), (
        "things to do in {city2} {when}", "{city2} itinerary for {n} days", "best time to visit {city2}", "is {city2} worth visiting {when}",
        "where to stay in {city2} with kids")),
    "finance": (("young professionals", "small business owners"), ("Clearpath Financial", "Northline CPA", "Brightside Wealth"), (
        "how to save for {goal2} on a {income} salary", "{account} vs {account2}", "what credit score do you need for {thing}",
        "how to {money_task} as a freelancer", "is {account} worth it")),
    "garden": (("home gardeners",), ("Greenhaven Nursery", "Rootstock Garden Centre", "Bloom & Bough"), (
        "when to plant {veg} in {region}", "how to get rid of {pest} naturally", "best {plant} for {spot}", "how to grow {veg} in containers",
        "why are my {veg} leaves turning yellow")),
    "saas": (("marketing managers", "small business owners"), ("Loopdesk CRM", "Tallyboard", "Pinecrest Analytics"), (
        "best {tool} for small business", "how to improve {metric}", "{concept} examples", "what is {concept}", "{tool} pricing comparison")),
}  # fmt: skip
QP_SLOTS = {
    "fixture": ("kitchen sink", "shower drain", "toilet", "bathroom faucet", "garbage disposal", "outdoor spigot"),
    "problem": ("keeps running", "drips at night", "won't drain", "makes a gurgling noise", "smells like sewage"),
    "appliance": ("water heater", "sump pump", "water softener", "boiler", "well pump"),
    "treatment": ("a root canal", "teeth whitening", "Invisalign", "a dental implant", "wisdom tooth removal", "a crown"),
    "treatment2": ("braces", "veneers", "a bridge", "bonding"),
    "exercise": ("strength training", "HIIT", "walking", "kettlebell workouts", "pilates", "rowing"),
    "exercise2": ("running", "cycling", "swimming", "yoga"),
    "goal": ("lose belly fat", "build muscle", "improve posture", "lower blood pressure", "run a 5k"),
    "situation": ("fast", "without a realtor", "with tenants", "that needs repairs", "in winter"),
    "state": ("Texas", "Florida", "Ohio", "Colorado", "North Carolina", "Arizona"),
    "role": ("buyer's agent", "listing agent", "home inspector", "title company", "mortgage broker"),
    "city": ("Austin", "Denver", "Tampa", "Raleigh", "Phoenix", "Columbus"),
    "pet": ("dog", "cat", "puppy", "senior dog", "rabbit"),
    "behaviour": ("lick its paws", "eat grass", "bark at night", "scratch the furniture", "follow me everywhere"),
    "condition": ("allergies", "a sensitive stomach", "arthritis", "kidney disease", "anxiety"),
    "care": ("bathe", "groom", "deworm", "trim the nails of"),
    "food": ("grapes", "peanut butter", "cheese", "watermelon", "tuna"),
    "city2": ("Lisbon", "Kyoto", "Mexico City", "Edinburgh", "Cape Town", "Vancouver", "Reykjavik"),
    "when": ("in winter", "in spring", "on a budget", "with kids", "in the rain"),
    "n": ("2", "3", "4", "5"),
    "goal2": ("a house deposit", "retirement", "an emergency fund", "a wedding"),
    "income": ("$50k", "$70k", "single", "freelance"),
    "account": ("a Roth IRA", "a high-yield savings account", "an HSA", "a 401(k)"),
    "account2": ("a traditional IRA", "a CD", "a brokerage account", "an index fund"),
    "thing": ("a mortgage", "a car loan", "a business credit card", "renting an apartment"),
    "money_task": ("pay quarterly taxes", "set up a solo 401(k)", "track business expenses", "build credit"),
    "veg": ("tomatoes", "garlic", "peppers", "potatoes", "zucchini", "strawberries"),
    "region": ("zone 5", "zone 7", "Texas", "the Pacific Northwest", "the UK"),
    "pest": ("aphids", "slugs", "spider mites", "fungus gnats", "Japanese beetles"),
    "plant": ("shade plants", "ground cover", "hedges", "perennials", "climbing plants"),
    "spot": ("a north-facing garden", "clay soil", "pots on a balcony", "dry shade", "a windy yard"),
    "tool": ("CRM", "email marketing software", "project management tool", "invoicing software", "help desk software"),
    "metric": ("email open rates", "customer retention", "website conversion rate", "net promoter score"),
    "concept": ("lead scoring", "a sales pipeline", "customer lifetime value", "product-led growth", "churn rate"),
}  # fmt: skip
QP_CONTENT_AUD = (
    "trivia fans",
    "general readers",
    "students",
    "sports fans",
    "music fans",
    "history buffs",
    "film and TV fans",
)
QP_TONES = ("friendly", "professional", "conversational", "authoritative", "witty", "warm and reassuring")
QP_NOTES = ("", "", "", "Mention our free consultation at the end.", "Do not mention competitors.", "Include a short FAQ section.",
            "Link to our pricing page in the conclusion.", "Use American spelling.", "Keep paragraphs short for mobile readers.",
            "Avoid medical or legal advice; suggest seeing a professional.", "Add a table if it helps.")  # fmt: skip
QP_NOTES_CONTENT = ("", "", "", "Keep it fun and fact-checked.", "Include a short FAQ section.", "Use American spelling.",
                    "Add a quick-facts box at the top.", "Keep paragraphs short for mobile readers.")  # fmt: skip
QP_H2_INFO = ("The short answer", "Background", "The key facts", "How it happened", "Why it matters", "Common misconceptions",
              "A quick timeline", "Who was involved", "What happened next", "Frequently asked questions")  # fmt: skip
QP_H2_COMM = ("What to consider first", "Costs and what affects them", "Step-by-step guide", "Mistakes to avoid", "When to call a professional",
              "Tips from our team", "Pros and cons", "How to choose", "Frequently asked questions")  # fmt: skip
QP_H3 = ("Quick tip", "Example", "What experts recommend", "Checklist", "Key numbers", "In short")
QP_EDIT = ("Rewrite this paragraph so it sounds more {tone}:\n\n{para}", "Expand this section with a concrete example and one practical tip:\n\n{para}",
           "Shorten this introduction to under 60 words and keep the keyword \"{kw}\":\n\n{para}",
           "Suggest 5 alternative H1 titles for an article targeting \"{kw}\".", "Write a short call to action for {biz} to close an article about \"{kw}\".",
           "Turn this paragraph into a bulleted list:\n\n{para}", "Fix the grammar and make this easier to read (grade 8):\n\n{para}")  # fmt: skip
QP_PARA = ("If you have ever searched for \"{kw}\", you are not alone. {s1} {s2}", "{s1} That is why so many {aud} ask about it. {s2}",
           "Here is the thing about {kw}: {s1_l} {s2}")  # fmt: skip
QP_S = ("The answer depends on a few factors that are easy to check.", "Below we walk through what matters most, step by step.",
        "Most people get this wrong the first time, and that is completely normal.", "The good news is that you do not need special tools.",
        "A little planning now saves a lot of money later.", "We will keep it simple and skip the jargon.",
        "There is more to the story than most quick answers suggest.", "It helps to look at the numbers before deciding.")  # fmt: skip
QP_TESTS = ("best running shoes for flat feet", "how to start a vegetable garden", "what is a roth ira", "who invented the telephone",
            "emergency plumber cost", "how to train a puppy to sit", "things to do in lisbon in winter", "crm for small business")  # fmt: skip


def qp_customers(rng: random.Random, n: int) -> list[dict]:
    out = []
    for i in range(n):
        country = rng.choices(("US", "UK", "Canada", "Australia"), (0.7, 0.12, 0.1, 0.08))[0]
        if rng.random() < 0.4:
            niche, aud, biz = (
                "content",
                rng.choice(QP_CONTENT_AUD),
                f"a {rng.choice(('trivia', 'sports', 'music', 'history', 'film'))} blog",
            )
            notes = QP_NOTES_CONTENT
        else:
            niche = rng.choice(sorted(QP_NICHES))
            aud, biz = rng.choice(QP_NICHES[niche][0]), rng.choice(QP_NICHES[niche][1])
            notes = QP_NOTES
        out.append({"id": i, "niche": niche, "aud": aud, "biz": biz, "tone": rng.choice(QP_TONES), "country": country,
                    "tz": QP_TZ[country], "words": rng.choice((800, 1200, 1500, 2000)), "note": rng.choice(notes)})  # fmt: skip
    return out


def qp_keyword(rng: random.Random, cust: dict, nq: list[Row]) -> tuple[str, str, str]:
    """(keyword, secondary keywords, row id) for one article of this customer."""
    if cust["niche"] == "content":
        if nq:
            r = nq.pop()
            return r.first.strip().rstrip("?"), "(none)", r.id
        return fill(rng, rng.choice(QP_NICHES["travel"][2]), QP_SLOTS), "(none)", ""
    pats = QP_NICHES[cust["niche"]][2]
    kw = fill(rng, rng.choice(pats), QP_SLOTS)
    sec = ", ".join(fill(rng, p, QP_SLOTS) for p in rng.sample(pats, 2)) if rng.random() < 0.5 else "(none)"
    return kw, sec, ""


def qp_article(
    rng: random.Random, cust: dict, kw: str, sec: str, item: str, outline_sys: str, stream: bool
) -> list[tuple[Request, int]]:
    """outline -> draft -> metadata for one keyword (the outline's reply is a written stand-in the draft then quotes)."""
    info = (
        cust["niche"] == "content" if cust["id"] >= 0 else kw.split()[0] in ("who", "what", "when")
    )  # NQ trivia; dev's tests
    h2s = rng.sample(QP_H2_INFO if info else QP_H2_COMM, rng.randint(4, 6))
    title = cap1(kw) + rng.choice((": The Complete Guide", " - Everything You Need to Know", ": Explained", "")
                                   if info else (": Costs, Tips and Mistakes to Avoid", ": A Practical Guide", " (2026 Guide)", ""))  # fmt: skip
    outline = {"title": title, "slug": slug(kw), "search_intent": "informational" if info else "commercial",
               "outline": [{"h2": h, "h3s": rng.sample(QP_H3, rng.randint(0, 2)), "notes": ""} for h in h2s],
               "faq": [f"{cap1(kw)}?", "How long does it take?", "What does it cost?"][: rng.randint(2, 3)]}  # fmt: skip
    brief = QP_BRIEF.format(kw=kw, sec=sec, aud=cust["aud"], tone=cust["tone"], words=cust["words"], country=cust["country"],
                            note=cust["note"] or "(none)")  # fmt: skip
    o = js(
        msgs(outline_sys, brief),
        JSON_OBJ,
        {"temperature": 0.4, "max_tokens": 1200},
        item,
        reply=json.dumps(outline),
    )
    md = "\n".join(f"## {s['h2']}" + "".join(f"\n### {h}" for h in s["h3s"]) for s in outline["outline"])
    dp = {"temperature": 0.7, "max_tokens": 4000, **({"stream": True} if stream else {})}
    d = single(0.0, QP_DRAFT, f"Keyword: {kw}\nTitle: {title}\nTone: {cust['tone']}\nAudience: {cust['aud']}\n"
               f"Length: about {cust['words']} words\n\nApproved outline:\n{md}", dp, item)  # fmt: skip
    m = js(msgs(QP_META, f"Target keyword: {kw}\nArticle title: {title}\nSections: {' | '.join(h2s)}"), JSON_OBJ,
           {"temperature": 0.8, "max_tokens": 400}, item, reply='{"title_tags": ["..."], "meta_descriptions": ["..."]}')  # fmt: skip
    return [(o, 700), (d, int(cust["words"] * 1.4)), (m, 180)]


def qp_para(rng: random.Random, kw: str, aud: str) -> str:
    s1, s2 = rng.sample(QP_S, 2)
    return rng.choice(QP_PARA).format(kw=kw, aud=aud, s1=s1, s2=s2, s1_l=s1[:1].lower() + s1[1:])


def quillpost_seo() -> list[KeyTraffic]:
    co = {**company(R("qp", "co")), "signup_network": network(R("qp", "net"))}
    ua = shared_ua("r41-quillpost", "openai-js")
    nq = fresh("nq_open_dev", 10, *range(10))
    g = R("qp", "app")
    custs = qp_customers(R("qp", "customers"), 140)
    rows = deal(g, nq)
    weights = [g.uniform(0.3, 3.0) for _ in custs]
    out: list[Request] = []
    n_art = 0
    rate = lambda d: 20.0 * 1.015**d if workday(d) else 20.0 * 1.015**d * 0.35  # noqa: E731
    starts = tz_arrivals(
        g, rate, tuple((z, w) for z, w in ((-6.0, 0.7), (0.0, 0.12), (-5.0, 0.1), (10.0, 0.08))), OFFICE_H
    )
    for t, z in starts:
        cands = [i for i, c in enumerate(custs) if c["tz"] == z]
        cust = custs[g.choices(cands, [weights[i] for i in cands])[0]]
        kw, sec, item = qp_keyword(g, cust, rows)
        d = int((t - EPOCH) // 86400)
        job = qp_article(g, cust, kw, sec, item, QP_OUTLINE2 if d >= 12 else QP_OUTLINE, True)
        (o, ot), (dr, dt), (m, _mt) = job
        o.ts = t
        dr.ts = t + latency(g, est(o, ot)) + g.uniform(20, 900)
        m.ts = dr.ts + latency(g, est(dr, dt)) + g.uniform(0.5, 3)
        reqs = [o, dr, m]
        out += reqs + retries(g, reqs, 0.025, (30, 90))
        n_art += 1
        if g.random() < 0.25:
            te = m.ts
            for _ in range(g.randint(1, 3)):
                te += g.uniform(120, 4 * 3600) if te == m.ts else g.uniform(30, 600)
                text = g.choice(QP_EDIT).format(
                    tone=g.choice(QP_TONES), kw=kw, biz=cust["biz"], para=qp_para(g, kw, cust["aud"])
                )
                out.append(
                    single(te, None, text, {"temperature": 0.7, "max_tokens": 800, "stream": True}, item)
                )
    app = mk("r41-quillpost-app", "quillpost_seo", "benign", "app", app_client(g, "openai-js", ua, QP_DRAFT, **co), out,
             "simulated: 20 x 1.015^day articles a working day (weekends 0.35), customers' office hours (US, UK, Canada, Australia)",
             ("nq_open_dev",), actor="r41-quillpost", articles=n_art)  # fmt: skip

    h = R("qp", "bulk")
    bulk_custs = [c for c in qp_customers(R("qp", "agency-clients"), 24)]
    out = []
    for t in arrivals(h, lambda d: 0.55 if workday(d) else 0.0, -6.0, OFFICE_H):
        cust = h.choice(bulk_custs)
        jobs = []
        for _ in range(h.randint(15, 50)):
            kw, sec, item = qp_keyword(h, cust, rows)
            jobs.append(
                qp_article(
                    h, cust, kw, sec, item, QP_OUTLINE2 if t >= utc(12, 0.0, -6.0) else QP_OUTLINE, False
                )
            )
        lanes(h, t + h.uniform(5, 60), jobs, 5, (0.2, 1.0))
        out += [q for job in jobs for q, _ in job]
    out += retries(h, out, 0.025, (30, 90))
    bulk = mk("r41-quillpost-bulk", "quillpost_seo", "benign", "app", app_client(h, "openai-js", ua, QP_DRAFT, **co), out,
              "simulated: 0.55 CSV uploads a working day (15-50 keywords), a 5-worker queue, office hours (UTC-6)",
              ("nq_open_dev",), actor="r41-quillpost")  # fmt: skip

    k = R("qp", "dev")
    out = []
    tester = {"id": -1, "niche": "test", "aud": "general readers", "biz": "Quillpost", "tone": "friendly", "country": "US",
              "tz": -6.0, "words": 800, "note": ""}  # fmt: skip
    for d in (d for d in DAYS28 if workday(d)):
        if k.random() >= 0.7:
            continue
        t = utc(d, k.uniform(9.5, 17), -6.0)
        for kw in k.sample(QP_TESTS, k.randint(1, 3)):
            job = qp_article(k, tester, kw, "(none)", "", QP_OUTLINE2 if d >= 8 else QP_OUTLINE, True)
            t = lanes(k, t, [job[: k.choice((1, 1, 2, 3))]], 1, (20, 240))
            out += [q for q, _ in job if q.ts > 0]
    dev = mk("r41-quillpost-dev", "quillpost_seo", "benign", "app", app_client(k, "openai-js", ua, QP_DRAFT, **co), out,
             "simulated: staging tests on 70% of working days, office hours (UTC-6); outline v2 from day 8", (), actor="r41-quillpost")  # fmt: skip
    return [app, bulk, dev]


# =============================================================================================
# BENIGN 2. Shelfwise, a Shopify app that writes product listings (Dublin, UTC+0; 2 keys, one company, one Python
# backend on openai-python). 30 merchants in six verticals, each with its own brand voice, spelling and length.
# batch: every night at 02:00 UTC the products merchants added that day (Poisson 36 after a working day, 12 after a
# weekend day) are written in strict JSON-schema mode (temperature 0.5, 4 workers); 3% fail the app's validation and
# are sent again at once. app: the editor's buttons (regenerate, shorter, more playful, translate, alternative
# titles), 10 a day (weekends 0.5), merchants' daytime, half in UTC+0 and half in UTC-5.
SW_SYS = ("You write product listings for Shopify stores. Follow the merchant's brand voice and spelling, be specific and honest, "
          "never invent materials, certifications or claims that are not in the product data, and return JSON that matches the schema.")  # fmt: skip
SW_SCHEMA = schema(
    "product_listing",
    {
        "title": STR,
        "description_html": STR,
        "bullets": STRS,
        "seo_title": STR,
        "meta_description": STR,
        "tags": STRS,
    },
)
SW_EDIT_SYS = (
    "You help Shopify merchants edit product copy. Keep every fact unchanged and return only the new text."
)
SW_VERTICALS = {  # vertical -> products: (type, materials, features, variants), each product's fields its own
    "apparel": (("crew neck t-shirt", ("100% organic cotton", "cotton/modal blend"), ("relaxed fit", "pre-shrunk", "reinforced neck seam", "GOTS certified", "made in Portugal"), ("XS-XL", "S-XXL")),
                ("zip hoodie", ("brushed-back organic cotton", "recycled polyester fleece"), ("kangaroo pockets", "YKK zip", "ribbed cuffs", "unisex fit"), ("S-XXL", "XS-XL")),
                ("linen shirt", ("European linen", "linen/cotton 55/45"), ("relaxed fit", "coconut buttons", "garment washed", "breathable"), ("S-XL", "UK 8-18")),
                ("yoga leggings", ("nylon/elastane 78/22", "recycled polyester/elastane"), ("high waist", "squat proof", "side pocket", "four-way stretch"), ("XS-XL", "UK 6-18")),
                ("rain jacket", ("2.5-layer recycled nylon", "PU-coated cotton"), ("taped seams", "adjustable hood", "packs into its own pocket", "10k waterproof rating"), ("S-XXL",)),
                ("wool socks (3-pack)", ("merino wool blend", "recycled wool blend"), ("cushioned sole", "reinforced heel and toe", "odour resistant", "seamless toe"), ("UK 4-7 / 8-11", "one size"))),
    "home": (("ceramic mug 350 ml", ("stoneware", "porcelain"), ("dishwasher safe", "microwave safe", "hand-glazed, so each piece varies", "comfortable wide handle"), ("one size", "set of 2")),
             ("soy wax candle 200 g", ("soy wax with cotton wick", "soy and coconut wax"), ("hand-poured", "40-hour burn time", "reusable glass jar", "notes of fig and cedar"), ("one size",)),
             ("bamboo cutting board", ("FSC-certified bamboo",), ("juice groove", "gentle on knife edges", "hanging hole", "oil occasionally"), ("small / large", "set of 3")),
             ("cast iron skillet 26 cm", ("pre-seasoned cast iron",), ("oven safe to 260°C", "works on induction", "helper handle", "gets better with use"), ("one size",)),
             ("cotton throw blanket", ("100% cotton", "recycled cotton blend"), ("fringed edges", "machine washable", "woven in India", "130 x 170 cm"), ("oatmeal / charcoal / sage",)),
             ("stoneware dinner plates (set of 4)", ("stoneware",), ("chip resistant", "dishwasher safe", "reactive glaze", "27 cm"), ("set of 4",))),
    "pets": (("orthopedic dog bed", ("memory foam with a cotton cover", "egg-crate foam"), ("removable washable cover", "non-slip base", "supports older joints", "waterproof liner"), ("S / M / L", "M / L / XL")),
             ("cat scratching post", ("sisal rope and plush", "seagrass and pine"), ("weighted base", "dangling toy", "80 cm tall", "replaceable post"), ("one size",)),
             ("reflective dog harness", ("padded nylon webbing",), ("no-pull front clip", "reflective trim", "two leash points", "adjustable at four points"), ("XS-XL",)),
             ("slow feeder bowl", ("food-grade silicone", "BPA-free plastic"), ("slows eating by up to 10x", "non-slip base", "dishwasher safe", "maze pattern"), ("small / large",)),
             ("grain-free salmon treats 200 g", ("Scottish salmon, sweet potato",), ("grain free", "single protein", "made in the UK", "resealable bag"), ("200 g / 500 g",)),
             ("dog raincoat", ("ripstop polyester with fleece lining",), ("leash opening", "reflective piping", "machine washable", "velcro chest strap"), ("XS-XL",))),
    "beauty": (("vitamin C serum 30 ml", ("15% vitamin C with ferulic acid",), ("fragrance free", "suitable for sensitive skin", "dropper bottle", "vegan formula"), ("30 ml",)),
               ("shea butter hand cream 75 ml", ("shea butter and jojoba oil",), ("non-greasy", "absorbs quickly", "cruelty free", "scented with lavender"), ("75 ml / 3 x 30 ml",)),
               ("pink clay face mask", ("kaolin and pink clay",), ("for normal to oily skin", "use once a week", "plastic-free jar", "vegan formula"), ("50 ml / 100 ml",)),
               ("solid shampoo bar", ("coconut-derived surfactants",), ("lasts up to 80 washes", "plastic free", "for all hair types", "sulphate free"), ("single / trio",)),
               ("rosehip facial oil 15 ml", ("cold-pressed rosehip oil",), ("dermatologically tested", "for dry skin", "glass pipette bottle", "no added fragrance"), ("15 ml",)),
               ("bamboo toothbrush 4-pack", ("bamboo handle with nylon bristles",), ("compostable handle", "soft bristles", "plastic-free box", "numbered handles"), ("4-pack",))),
    "outdoor": (("insulated water bottle 750 ml", ("18/8 stainless steel",), ("keeps drinks cold 24 h", "leak-proof lid", "powder-coated grip", "fits most cup holders"), ("black / sage / sand",)),
                ("ultralight daypack 20 L", ("ripstop nylon",), ("weighs 310 g", "packs into its own pocket", "two side pockets", "water-resistant coating"), ("one size",)),
                ("rechargeable headlamp", ("aluminium and ABS",), ("USB-C rechargeable", "350 lumens", "red night mode", "IPX6 water resistant"), ("one size",)),
                ("trekking poles (pair)", ("carbon fibre", "aluminium"), ("flick locks", "cork grips", "weighs 240 g each", "collapses to 62 cm"), ("one size",)),
                ("packable down vest", ("responsibly sourced down, recycled nylon shell",), ("packs into its own pocket", "700 fill power", "zip hand pockets", "weighs 220 g"), ("S-XL",)),
                ("waterproof dry bag 10 L", ("TPU-coated polyester",), ("roll-top closure", "welded seams", "shoulder strap", "floats when sealed"), ("10 L / 20 L",))),
    "tech": (("MagSafe-compatible phone case", ("recycled TPU and polycarbonate",), ("drop tested to 3 m", "raised camera lip", "built-in magnets", "wireless charging friendly"), ("iPhone 15 / 16",)),
             ("USB-C braided cable 2 m", ("braided nylon with aluminium ends",), ("100 W charging", "10,000-bend tested", "480 Mbps data", "2-year warranty"), ("1 m / 2 m",)),
             ("wireless charging pad", ("aluminium and silicone",), ("fast charging up to 15 W", "LED indicator", "non-slip surface", "cable included"), ("black / white",)),
             ("14-inch laptop sleeve", ("felt and vegan leather",), ("magnetic closure", "front pocket", "fits most 13-14 inch laptops", "water-repellent"), ("13 / 14 / 16 inch",)),
             ("aluminium phone stand", ("aluminium alloy",), ("foldable", "adjustable angle", "fits phones 4.7-6.9 inches", "silicone pads"), ("silver / space grey",)),
             ("65 W GaN charger", ("GaN with a fire-retardant shell",), ("three ports", "foldable plug", "charges a laptop and phone at once", "2-year warranty"), ("UK / EU / US plug",))),
}  # fmt: skip
SW_STORES = {"apparel": ("Northloom", "Wrenly", "Saltwater Supply", "Fern & Fable", "Thread & Tide"),
             "home": ("Brightwick Home", "Kettle & Kiln", "Moss & Marble", "Hearthside", "Linden Lane"),
             "pets": ("Harbour Hound", "Urban Paws", "Little Otter Co.", "Whisker & Wag", "Good Boy Goods"),
             "beauty": ("Glow Theory", "Clearleaf Skin", "Tidewell Botanics", "Petal & Pestle", "Bare Ritual"),
             "outdoor": ("Trailmade", "Summit Sundries", "Fellward", "Ridgeline Supply", "Campfire Co."),
             "tech": ("Pocketwise", "Chargewell", "Cable & Case", "Deskcraft", "Volt & Vine")}  # fmt: skip
SW_VOICES = ("warm and down-to-earth", "playful, with light humour", "minimal and premium", "practical and no-nonsense",
             "eco-conscious and sincere", "bold and energetic", "calm and reassuring")  # fmt: skip
SW_LOCALES = (
    ("English (US)", "$"),
    ("English (UK)", "£"),
    ("English (Ireland)", "€"),
    ("English (Australia)", "A$"),
)
SW_ACTIONS = ("Regenerate this description with a different opening.", "Make this shorter: at most 50 words.", "Make this more playful.",
              "Translate this into {lang}.", "Write 3 alternative product titles for this.", "Rewrite this as 4 bullet points.")  # fmt: skip


def sw_merchants(rng: random.Random) -> list[dict]:
    out: list[dict] = []
    for _ in range(30):
        vert = rng.choice(sorted(SW_VERTICALS))
        loc, cur = rng.choice(SW_LOCALES)
        used = {m["store"] for m in out}
        free = [x for x in SW_STORES[vert] if x not in used]
        store = (
            rng.choice(free)
            if free
            else f"{rng.choice(SW_STORES[vert])} {rng.choice(('Studio', 'Store', 'Outlet', 'Online'))}"
        )
        out.append({"store": store if store not in used else store + " UK",
                    "vert": vert, "voice": rng.choice(SW_VOICES), "locale": loc, "cur": cur,
                    "length": rng.choice(("60-90 words", "100-150 words", "about 120 words")), "size": rng.uniform(0.3, 3.0)})  # fmt: skip
    return out


def sw_product(rng: random.Random, m: dict) -> dict:
    kind, mats, feats, variants = rng.choice(SW_VERTICALS[m["vert"]])
    return {"type": kind, "mat": rng.choice(mats), "feats": rng.sample(feats, rng.randint(2, 4)), "var": rng.choice(variants),
            "price": rng.choice((9, 12, 15, 19, 24, 29, 35, 39, 45, 59, 79, 99)) + rng.choice((0.0, 0.99, 0.95, 0.5)),
            "code": f"{m['store'][:3].upper()}-{rng.randint(1000, 9999)}"}  # fmt: skip


def sw_listing(m: dict, p: dict) -> str:
    return (f"Store: {m['store']}\nBrand voice: {m['voice']}\nLanguage: {m['locale']}\nLength: {m['length']}\n\nProduct data:\n"
            f"Type: {p['type']}\nSupplier SKU: {p['code']}\nMaterial: {p['mat']}\nFeatures: {'; '.join(p['feats'])}\n"
            f"Variants: {p['var']}\nPrice: {m['cur']}{p['price']:.2f}")  # fmt: skip


def shelfwise_catalog() -> list[KeyTraffic]:
    co = {**company(R("sw", "co")), "signup_network": network(R("sw", "net"))}
    ua = shared_ua("r41-shelfwise", "openai-python")
    merchants = sw_merchants(R("sw", "merchants"))
    g = R("sw", "batch")
    out: list[Request] = []
    for d in DAYS28:
        jobs = []
        for _ in range(poisson(g, 36.0 if workday(d) else 12.0)):
            m = g.choices(merchants, [x["size"] for x in merchants])[0]
            p = sw_product(g, m)
            reply = json.dumps({"title": f"{m['store']} {p['type']}", "description_html": "<p>...</p>", "bullets": ["..."],
                                "seo_title": "...", "meta_description": "...", "tags": [m["vert"]]})  # fmt: skip
            q = js(
                msgs(SW_SYS, sw_listing(m, p)),
                SW_SCHEMA,
                {"temperature": 0.5, "max_tokens": 900},
                reply=reply,
            )
            jobs.append([(q, 380)] + ([(again(q, 0.0), 380)] if g.random() < 0.03 else []))
        lanes(g, utc(d + 1, 2.0 + g.uniform(0, 0.03), 0.0), jobs, 4, (0.02, 0.2))
        out += [q for job in jobs for q, _ in job]
    batch = mk("r41-shelfwise-batch", "shelfwise_catalog", "benign", "app", app_client(g, "openai-python", ua, SW_SYS, **co), out,
               "simulated: nightly 02:00 UTC batch of the day's new products (Poisson 36 / 12), 4 workers, 3% resent", (),
               actor="r41-shelfwise")  # fmt: skip
    h = R("sw", "app")
    out = []
    for t, _z in tz_arrivals(h, lambda d: 10.0, ((0.0, 0.5), (-5.0, 0.5)), DAYTIME, 0.5):
        m = h.choices(merchants, [x["size"] for x in merchants])[0]
        p = sw_product(h, m)
        desc = f"The {p['type']} from {m['store']}, made from {p['mat']}. {cap1(p['feats'][0])}, {p['feats'][1]}. Available in {p['var']}."
        action = h.choice(SW_ACTIONS).format(lang=h.choice(("French", "German", "Spanish", "Irish")))
        out.append(
            single(
                t,
                SW_EDIT_SYS,
                f"{action}\n\nCurrent description:\n{desc}",
                {"temperature": 0.8, "max_tokens": 500},
            )
        )
    app = mk("r41-shelfwise-app", "shelfwise_catalog", "benign", "app", app_client(h, "openai-python", ua, SW_EDIT_SYS, **co), out,
             "simulated: 10 editor-button requests a day (weekends 0.5), daytime in UTC+0 and UTC-5", (), actor="r41-shelfwise")  # fmt: skip
    return [batch, app]


# =============================================================================================
# BENIGN 3. Adspark, an ad-copy tool for small businesses (Toronto; 2 keys, one company, Node on openai-js). A user
# fills a form (business, offer, difference, audience, goal, tone, platform, call to action) and gets n variants at
# temperature 1.0 (free plan n=3, 60% of sessions; pro n=5); in a session 35% click "regenerate" (the same request),
# 30% add a tweak, 20% switch platform. 24 x 1.01^day sessions a working day, weekends 0.3, office hours: 60% UTC-5,
# 25% UTC-8, 15% UTC+0. dev: the founder's tests on 60% of working days (3-6 requests, n 1-5, temperature 0.7-1.2).
AD_SYS = ("You are Adspark, an ad copywriter for small businesses. Write specific, compliant ad copy within the platform's "
          "character limits. No ALL CAPS, no claims like 'best' or '#1' unless the user gives proof, no emojis in Google Ads.")  # fmt: skip
AD_FORM = ("Business: {biz}\nWhat we sell: {offer}\nWhat makes us different: {usp}\nAudience: {aud}\nGoal: {goal}\nTone: {tone}\n"
           "Platform: {platform} - {spec}\nCall to action: {cta}")  # fmt: skip
AD_PLATFORMS = {"Google Search": "15 headlines (max 30 characters each) and 4 descriptions (max 90 characters each)",
                "Meta feed": "primary text (max 125 characters), a headline (max 40 characters) and a link description (max 30 characters)",
                "LinkedIn": "intro text (max 150 characters) and a headline (max 70 characters)",
                "TikTok": "a 3-second spoken hook and a 15-second voiceover script",
                "Google Display": "5 short headlines (max 30), 1 long headline (max 90) and 5 descriptions (max 90)"}  # fmt: skip
AD_BIZ = (  # (business, offers, differences, audiences, goals, calls to action): one business's form hangs together
    ("Crumb & Co., a family bakery in Hamilton", ("sourdough and pastries", "custom birthday cakes"), ("baked before sunrise every day", "30 years of family recipes"),
     ("locals within 5 km", "parents planning a birthday"), ("foot traffic to the shop", "cake orders"), ("Order online", "Visit us today")),
    ("Apex Roofing", ("roof repairs", "full roof replacements"), ("free drone inspection", "10-year workmanship warranty"),
     ("local homeowners aged 35-65", "people who just bought an older home"), ("phone calls", "quote requests"), ("Get a free quote", "Call today")),
    ("Lumen Yoga Studio", ("beginner yoga classes", "a 30-day unlimited intro pass"), ("classes capped at 12 people", "heated and non-heated rooms"),
     ("young professionals in the city", "new residents of the area"), ("intro pass sign-ups", "class bookings"), ("Book your first class", "Start your intro pass")),
    ("BrightPath Tutoring", ("online maths tutoring for grades 6-12", "SAT prep"), ("certified teachers only", "first session free"),
     ("parents of teenagers", "high-school juniors"), ("free session bookings",), ("Book a free session", "Learn more")),
    ("Maple Leaf Movers", ("local moves", "office relocations"), ("fixed quotes, no hidden fees", "same-week availability"),
     ("people moving house this spring", "office managers"), ("quote requests", "phone calls"), ("Get a free quote", "Call today")),
    ("Greenline Lawn Care", ("weekly lawn mowing", "spring clean-ups"), ("electric, quiet equipment", "no contracts"),
     ("local homeowners", "busy families"), ("quote requests", "spring bookings"), ("Book your spring clean-up", "Get a free quote")),
    ("Vantage Accounting", ("small business bookkeeping", "tax returns for freelancers"), ("flat monthly fee", "replies within one business day"),
     ("small business owners", "freelancers and contractors"), ("consultation bookings", "website enquiries"), ("Book a free consultation", "Learn more")),
    ("PawPal Dog Walking", ("30-minute dog walks", "puppy visits"), ("GPS-tracked walks", "insured, background-checked walkers"),
     ("dog owners who work full time", "new puppy owners"), ("meet-and-greet bookings",), ("Book a meet-and-greet", "Learn more")),
    ("Nimbus Notes", ("a note-taking app for students", "a team plan"), ("works offline", "AI summaries of lecture recordings"),
     ("university students", "study groups"), ("free trial starts", "app installs"), ("Start your free trial", "Download free")),
    ("Harbourview Dental", ("cleanings and check-ups", "clear aligners"), ("evening and Saturday appointments", "direct billing to insurance"),
     ("busy families", "adults who have put off the dentist"), ("appointment bookings", "new patients"), ("Book now", "Book your check-up")),
    ("Oak & Ember Restaurant", ("a wood-fired tasting menu", "private dining"), ("ingredients from farms within 100 km", "a sommelier-led wine pairing"),
     ("couples planning a night out", "companies planning a team dinner"), ("table reservations", "private event enquiries"), ("Reserve a table", "Enquire now")),
    ("ThreadLab", ("custom embroidered team apparel", "corporate gifts"), ("no minimum order", "free design proofs in 24 hours"),
     ("sports club organisers", "HR and office managers"), ("quote requests", "online orders"), ("Get a free proof", "Order online")),
    ("Swift Phone Repair", ("screen repairs", "battery replacements"), ("most repairs in 30 minutes", "90-day warranty"),
     ("students", "commuters with cracked screens"), ("walk-ins", "repair bookings"), ("Book a repair", "Walk in today")),
    ("Evergreen Solar", ("home solar panels", "battery storage"), ("free energy assessment", "financing from $0 down"),
     ("homeowners with high energy bills", "eco-minded homeowners"), ("assessment bookings", "quote requests"), ("Book your free assessment", "Get a quote")),
    ("Kinfolk Coffee Roasters", ("a coffee subscription", "single-origin beans"), ("roasted to order", "free shipping over $35"),
     ("home coffee lovers", "people looking for a gift"), ("subscription sign-ups", "online orders"), ("Subscribe now", "Shop now")),
    ("Stride Physio", ("sports physiotherapy", "running gait analysis"), ("same-day appointments", "led by a former Olympic physio"),
     ("runners and weekend athletes", "people with back pain"), ("appointment bookings",), ("Book an assessment", "Book now")),
)  # fmt: skip
AD_TONES = ("friendly", "confident", "playful", "premium", "urgent but honest", "warm")
AD_TWEAKS = ("Make it more urgent.", "Use a question as the hook.", "Mention the free offer in every headline.", "Shorter, please.",
             "Less formal.", "Focus on the price.", "Add social proof (we have 400+ five-star reviews).", "Avoid the word 'best'.")  # fmt: skip


def ad_form(rng: random.Random, biz: tuple, platform: str) -> str:
    name, offers, usps, auds, goals, ctas = biz
    return AD_FORM.format(biz=name, offer=rng.choice(offers), usp=rng.choice(usps), aud=rng.choice(auds), goal=rng.choice(goals),
                          tone=rng.choice(AD_TONES), platform=platform, spec=AD_PLATFORMS[platform], cta=rng.choice(ctas))  # fmt: skip


def adspark_copy() -> list[KeyTraffic]:
    co = {**company(R("ad", "co")), "signup_network": network(R("ad", "net"))}
    ua = shared_ua("r41-adspark", "openai-js")
    g = R("ad", "app")
    out: list[Request] = []
    sessions = tz_arrivals(
        g,
        lambda d: 24.0 * 1.01**d if workday(d) else 24.0 * 1.01**d * 0.3,
        ((-5.0, 0.6), (-8.0, 0.25), (0.0, 0.15)),
        OFFICE_H,
    )
    for t, _z in sessions:
        biz = g.choice(AD_BIZ)
        n = 3 if g.random() < 0.6 else 5
        platform = g.choice(sorted(AD_PLATFORMS))
        form = ad_form(g, biz, platform)
        p = {"n": n, "temperature": 1.0, "max_tokens": 700 if platform.startswith("Google") else 500}
        q = single(t, AD_SYS, form, p)
        reqs = [q]
        for action, prob in (("regen", 0.35), ("tweak", 0.3), ("switch", 0.2)):
            if g.random() >= prob:
                continue
            t = end_of(reqs) + latency(g, est(q, 250)) + g.uniform(15, 150)
            if action == "regen":
                reqs.append(again(reqs[-1], t))
            elif action == "tweak":
                reqs.append(single(t, AD_SYS, reqs[-1].prompt + "\n\nAlso: " + g.choice(AD_TWEAKS), p))
            else:
                platform = g.choice([x for x in sorted(AD_PLATFORMS) if x != platform])
                reqs.append(single(t, AD_SYS, ad_form(g, biz, platform), p))
        out += reqs
    app = mk("r41-adspark-app", "adspark_copy", "benign", "app", app_client(g, "openai-js", ua, AD_SYS, **co), out,
             "simulated: 24 x 1.01^day sessions a working day (weekends 0.3), office hours in UTC-5, -8 and +0; n 3 or 5",
             (), actor="r41-adspark", sessions=len(sessions))  # fmt: skip
    h = R("ad", "dev")
    out = []
    for d in (d for d in DAYS28 if workday(d)):
        if h.random() >= 0.6:
            continue
        t = utc(d, h.uniform(10, 18), -5.0)
        for _ in range(h.randint(3, 6)):
            q = single(t, AD_SYS, ad_form(h, h.choice(AD_BIZ[:3]), h.choice(sorted(AD_PLATFORMS))),
                       {"n": h.randint(1, 5), "temperature": h.choice((0.7, 1.0, 1.2)), "max_tokens": 600})  # fmt: skip
            out.append(q)
            t += latency(h, est(q, 250)) + h.uniform(20, 200)
    dev = mk("r41-adspark-dev", "adspark_copy", "benign", "app", app_client(h, "openai-js", ua, AD_SYS, **co), out,
             "simulated: the founder's prompt tests on 60% of working days (UTC-5)", (), actor="r41-adspark")  # fmt: skip
    return [app, dev]


# =============================================================================================
# BENIGN 4. Ledgerly, an invoicing SaaS (Warsaw, UTC+1): the QA team's synthetic test fixtures (2 keys, one company).
# ci: a GitHub-Actions-like nightly `30 0 * * *` (UTC) job regenerates 12 fixed fixture sets (the same 12 specs every
# night, temperature 0.7 with a fixed seed, JSON schema, 3 pytest-xdist workers); pull-request runs (Poisson 2.5 a
# working day, office hours) regenerate 3 of the 20 specs for the changed module (temperature 0.9, no seed). qa: the
# engineers' notebook asks (written templates), 5 a working day, a follow-up on 40%.
LG_SYS = ("You generate synthetic test fixtures for Ledgerly's automated tests. All data must be fictional: use example.com or "
          "example.pl email domains, IBANs from test ranges and names that are not real public figures. Follow the schema exactly.")  # fmt: skip
LG_USER = 'Generate {n} {entity} for the {suite} test suite.\nLocale: {locale}\nFields: {fields}\nInclude: {edge}\nReturn them under "records".'
LG_SPECS = (
    ("customers", "billing", "pl-PL", ("name", "email", "nip", "street", "city", "postcode"), "two customers without a NIP and one name with Polish diacritics"),
    ("customers", "billing", "de-DE", ("name", "email", "vat_id", "street", "city", "postcode"), "one company name longer than 80 characters"),
    ("invoices", "invoicing", "pl-PL", ("number", "issue_date", "due_date", "currency", "net", "vat_rate", "gross"), "one invoice dated 29 February 2028 and one credit note with negative amounts"),
    ("invoice line items", "invoicing", "en-GB", ("description", "quantity", "unit_price", "vat_rate"), "VAT rates 0%, 5%, 8%, 23% and one reverse-charge item"),
    ("payments", "reconciliation", "pl-PL", ("date", "amount", "currency", "title", "iban"), "payments whose title has a typo in the invoice number"),
    ("bank transactions", "reconciliation", "en-GB", ("booking_date", "amount", "counterparty", "reference"), "two duplicate transactions and one reversed transaction"),
    ("users", "auth", "fr-FR", ("first_name", "last_name", "email", "role", "locale"), "one name with an apostrophe and one with an accented capital letter"),
    ("companies", "onboarding", "es-ES", ("legal_name", "nif", "sector", "employees"), "one sole trader and one company with an emoji in its trading name"),
    ("support tickets", "helpdesk", "en-US", ("subject", "body", "priority", "language"), "three angry tickets about duplicate invoices and one ticket in Polish"),
    ("addresses", "billing", "cs-CZ", ("street", "number", "city", "postcode", "country"), "one address with a PO box and one with a very long street name"),
    ("recurring invoice schedules", "invoicing", "en-GB", ("interval", "start_date", "end_date", "amount"), "a schedule that ends before it starts (invalid)"),
    ("exchange rates", "currency", "pl-PL", ("date", "currency", "rate"), "a weekend date with no published rate"),
    ("products", "catalogue", "pl-PL", ("name", "sku", "unit", "net_price", "vat_rate"), "one product priced 0.01 and one with a 255-character name"),
    ("expenses", "accounting", "de-DE", ("date", "vendor", "category", "amount", "vat"), "one expense in USD and one without a receipt"),
    ("credit notes", "invoicing", "pl-PL", ("number", "corrects_invoice", "reason", "amount"), "a credit note for more than the original invoice"),
    ("employees", "payroll", "pl-PL", ("first_name", "last_name", "pesel", "contract_type", "salary"), "a PESEL for someone born in 2001"),
    ("webhook events", "integrations", "en-US", ("event", "created_at", "payload_summary"), "two events delivered out of order"),
    ("discount codes", "billing", "en-GB", ("code", "percent", "valid_from", "valid_to"), "one expired code and one 100% code"),
    ("tax IDs", "validation", "en-GB", ("country", "vat_id", "valid"), "five invalid checksums"),
    ("email templates", "notifications", "pl-PL", ("subject", "body", "language"), "one template with a missing placeholder"),
)  # fmt: skip
LG_ASK = ("Give me 15 realistic but fake Polish company names with NIP numbers in a valid format for a demo account.",
          "Write 10 customer support emails complaining about a duplicate invoice, varied tone, as a JSON list.",
          "Generate 20 invoice line items with tricky VAT rates (0%, 5%, 8%, 23%, reverse charge) as CSV.",
          "Create 30 bank transactions in MT940-like lines where half match invoice references and half do not.",
          "List edge cases for testing currency rounding in invoice totals with mixed VAT rates.",
          "Write Gherkin scenarios for creating a credit note that corrects a paid invoice.",
          "Generate 12 fake German addresses with umlauts, including one Packstation address.",
          "Give me 25 strings that are likely to break a PDF invoice renderer (unicode, RTL, very long words).",
          "Make up 10 realistic product descriptions for a bakery's invoice line items, in Polish and English.",
          "Generate a JSON array of 15 fake users with roles owner, accountant or viewer and random last-login dates in 2025.")  # fmt: skip
LG_MORE = (
    "make 10 more",
    "add a currency column",
    "as CSV instead",
    "now in Polish",
    "include two invalid ones",
    "shorter values please",
)


def lg_request(spec: tuple, params: dict) -> Request:
    entity, suite, locale, fields, edge = spec
    props = {f: STR for f in fields}
    fmt = schema(slug(entity).replace("-", "_"), {"records": {"type": "array", "items": {"type": "object", "additionalProperties": False,
                                                                                             "required": list(fields), "properties": props}}})  # fmt: skip
    text = LG_USER.format(
        n=25 if len(fields) < 6 else 15,
        entity=entity,
        suite=suite,
        locale=locale,
        fields=", ".join(fields),
        edge=edge,
    )
    return js(msgs(LG_SYS, text), fmt, params, reply='{"records": [{"...": "..."}]}')


def ledgerly_fixtures() -> list[KeyTraffic]:
    co = {**company(R("lg", "co")), "signup_network": network(R("lg", "net"))}
    g = R("lg", "ci")
    out: list[Request] = []
    nightly = {"temperature": 0.7, "seed": 1234, "max_tokens": 4000}
    for d in DAYS28:
        jobs = [[(lg_request(s, nightly), 2200)] for s in LG_SPECS[:12]]
        lanes(g, gh_start(g, d, 0, 30), jobs, 3, (0.05, 0.3))
        out += [q for job in jobs for q, _ in job]
    for d in (d for d in DAYS28 if workday(d)):
        for t in times_on(g, d, poisson(g, 2.5), 1.0, OFFICE_H):
            jobs = [
                [(lg_request(s, {"temperature": 0.9, "max_tokens": 4000}), 2200)]
                for s in g.sample(LG_SPECS, 3)
            ]
            lanes(g, t + g.uniform(40, 150), jobs, 3, (0.05, 0.3))
            out += [q for job in jobs for q, _ in job]
    ci = mk("r41-ledgerly-ci", "ledgerly_fixtures", "benign", "app", sdk(g, "openai-python", LG_SYS, org=True, **co), out,
            "simulated: nightly cron 30 0 * * * (UTC), 12 fixed fixture sets; PR runs (Poisson 2.5 a working day, UTC+1)", (),
            actor="r41-ledgerly")  # fmt: skip
    h = R("lg", "qa")
    out = []
    for t in arrivals(h, lambda d: 5.0 if workday(d) else 0.0, 1.0, OFFICE_H):
        turns = [h.choice(LG_ASK)] + ([h.choice(LG_MORE)] if h.random() < 0.4 else [])
        out += talk(h, t, None, turns, [], {"temperature": 0.8})
    qa = mk("r41-ledgerly-qa", "ledgerly_fixtures", "benign", "heavy", sdk(h, "openai-python", org=True, **co), out,
            "simulated: engineers' asks, 5 a working day, office hours (UTC+1)", (), actor="r41-ledgerly")  # fmt: skip
    return [ci, qa]


# =============================================================================================
# BENIGN 5. Moonbeam, a bedtime-story app (London; 2 keys, one company, Firebase functions on openai-js, streaming).
# 170 families (child's name and age, a sibling on 25%, a favourite animal or toy; UK 55%, US East 25%, US West 10%,
# Australia 10%), each on 2-6 nights a week; 45% already use the app on day 0, the rest join over the four weeks
# (4x as many on days 10-13, after an App Store feature), and 25% stop after 8-16 days. A night's story at bedtime in
# the family's zone (18:30-19:30 for ages 2-4, 19:00-20:30 for 5-9): theme, lesson, length (5 or 10 minutes), a style
# on some; 20% ask for another one after reading (4-10 minutes), 6% ask for a shorter version in the same chat,
# chapter mode on 8% of nights for ages >= 5. temperature 0.9. dev: test stories on 50% of working days (UTC+0).
MB_SYS = ("You are Moonbeam, a gentle bedtime storyteller for young children. Write a calm, warm story for the child described, "
          "in words a child of that age understands. No scary villains, violence or cliffhangers: the story winds down and ends "
          "with everyone feeling safe and sleepy. Use the child's name naturally. Plain text, no headings.")  # fmt: skip
MB_USER = "Tonight's story for {name} ({age}).{sib} Theme: {theme}. {fav} Lesson: {lesson}. Length: about {mins} minutes read aloud.{style}"
MB_NAMES = ("Olivia", "Noah", "Amelia", "Leo", "Isla", "Oliver", "Ava", "Arlo", "Freya", "Theo", "Lily", "Finley", "Mia", "Jack", "Ivy",
            "Oscar", "Rosie", "Archie", "Poppy", "Teddy", "Sofia", "Mateo", "Aisha", "Yusuf", "Zara", "Ethan", "Chloe", "Liam", "Emma",
            "Lucas", "Harper", "Elijah", "Nora", "Kai", "Maya", "Ezra", "Hazel", "Felix", "Ruby", "Sami", "Priya", "Aarav", "Hana",
            "Kofi", "Niamh", "Cillian", "Evie", "Reggie", "Matilda", "Alfie", "Grace", "Ollie", "Willow", "Jasper", "Ada", "Otis",
            "Esme", "Rafael", "Layla", "Ibrahim", "Wren", "Hugo", "Bea", "Caleb", "Juniper", "Milo", "Aurora", "Eli", "Skye", "Tomás")  # fmt: skip
MB_FAV = (("animal", ("a fox", "penguins", "a sloth", "dinosaurs", "a bunny", "owls", "an elephant", "a cat called Biscuit", "whales")),
          ("toy", ("a teddy called Mr Buttons", "a blue dinosaur called Rex", "a toy train", "a stuffed unicorn", "a knitted rabbit called Flopsy",
                   "a fire engine", "a doll called Lottie", "a plush octopus")))  # fmt: skip
MB_THEMES = ("space", "dinosaurs", "under the sea", "a magic forest", "pirates", "a trip to grandma's", "a rainy day", "the first day at school",
             "a lost teddy", "a snowy mountain", "a dragon who is scared of the dark", "farm animals", "trains", "a birthday party",
             "a camping trip", "fairies", "a new baby sibling", "the moon and the stars", "a visit to the dentist", "any, you choose")  # fmt: skip
MB_LESSONS = ("sharing", "being brave", "trying new food", "saying sorry", "being kind to animals", "why sleep is good", "patience",
              "making friends", "telling the truth", "helping at home", "it's okay to feel sad", "none")  # fmt: skip
MB_STYLES = ("", "", "", "", " Make it rhyme.", " Make it a little bit funny.", " End with everyone yawning and going to sleep.",
             " Put a gentle song in it.", " Make {name}'s favourite the hero.")  # fmt: skip
MB_RECAP = ("{name} and {fav} found a glowing map in the {place}", "{name} and {fav} met a shy cloud who could not rain",
            "{name} and {fav} built a boat out of a teacup", "{name} and {fav} followed a trail of silver footprints to the {place}")  # fmt: skip
MB_PLACES = ("garden", "attic", "woods", "harbour", "library", "snowy hill")
MB_DEV = ("Tonight's story for Test (4). Theme: dragons. Lesson: sharing. Length: about 5 minutes read aloud.",
          "Tonight's story for Test (8). Theme: a haunted house. Lesson: being brave. Length: about 10 minutes read aloud.",
          "Tonight's story for Test (2). Theme: any, you choose. Lesson: none. Length: about 5 minutes read aloud.",
          "Tonight's story for Test (6) and Test2 (3). Theme: space. Lesson: making friends. Length: about 10 minutes read aloud. Make it rhyme.")  # fmt: skip


def mb_families(rng: random.Random) -> list[dict]:
    fams = []
    days = list(DAYS28)[1:]
    for _i in range(170):
        name, age = rng.choice(MB_NAMES), rng.randint(2, 9)
        sib = (
            (rng.choice([x for x in MB_NAMES if x != name]), rng.randint(2, 9))
            if rng.random() < 0.25
            else None
        )
        kind, favs = rng.choice(MB_FAV)
        start = (
            0 if rng.random() < 0.45 else rng.choices(days, [4.0 if 10 <= d <= 13 else 1.0 for d in days])[0]
        )
        stop = start + rng.randint(8, 16) if rng.random() < 0.25 else 99
        fams.append({"name": name, "age": age, "sib": sib, "favkind": kind, "fav": rng.choice(favs),
                     "tz": pick_tz(rng, ((0.0, 0.55), (-5.0, 0.25), (-8.0, 0.1), (10.0, 0.1))), "per_week": rng.randint(2, 6),
                     "start": start, "stop": stop})  # fmt: skip
    return fams


def mb_story(rng: random.Random, f: dict, theme: str, chapter: int = 0) -> str:
    sib = ""
    if f["sib"]:
        rel = "big" if f["sib"][1] > f["age"] else "little" if f["sib"][1] < f["age"] else "twin"
        sib = f" {f['sib'][0]} ({f['sib'][1]}), {f['name']}'s {rel} sibling, is listening too."
    fav = f"{f['name']}'s favourite {f['favkind']} is {f['fav']}, please include it."
    mins = 5 if f["age"] <= 4 or rng.random() < 0.4 else 10
    style = rng.choice(MB_STYLES).replace("{name}", f["name"])
    text = MB_USER.format(
        name=f["name"],
        age=f["age"],
        sib=sib,
        theme=theme,
        fav=fav,
        lesson=rng.choice(MB_LESSONS),
        mins=mins,
        style=style,
    )
    if chapter:
        recap = rng.choice(MB_RECAP).format(name=f["name"], fav=f["fav"], place=rng.choice(MB_PLACES))
        text += f" Continue last night's story. Last time: {recap}. This is chapter {chapter}."
    return text


def moonbeam_stories() -> list[KeyTraffic]:
    co = {**company(R("mb", "co")), "signup_network": network(R("mb", "net"))}
    ua = shared_ua("r41-moonbeam", "openai-js")
    fams = mb_families(R("mb", "families"))
    g = R("mb", "app")
    out: list[Request] = []
    for f in fams:
        chapter = 0
        for d in DAYS28:
            if not f["start"] <= d < f["stop"] or g.random() >= f["per_week"] / 7:
                continue
            lo, hi = (18.5, 19.5) if f["age"] <= 4 else (19.0, 20.5)
            t = utc(d, g.uniform(lo, hi), f["tz"])
            mins_tokens = 700 if f["age"] <= 4 else 1100
            chapter = (
                chapter + 1
                if chapter and g.random() < 0.7
                else (1 if f["age"] >= 5 and g.random() < 0.08 else 0)
            )
            text = mb_story(g, f, g.choice(MB_THEMES), chapter)
            p = {"temperature": 0.9, "max_tokens": 900 if "5 minutes" in text else 1500, "stream": True}
            turns = [text] + (
                ["That one was a bit long, can you make a shorter version?"] if g.random() < 0.06 else []
            )
            reqs = talk(g, t, MB_SYS, turns, [], p)
            out += reqs
            if g.random() < 0.2:
                t2 = end_of(reqs) + latency(g, mins_tokens) + g.uniform(240, 600)
                out.append(single(t2, MB_SYS, mb_story(g, f, g.choice(MB_THEMES)), p))
    app = mk("r41-moonbeam-app", "moonbeam_stories", "benign", "app", app_client(g, "openai-js", ua, MB_SYS, **co), out,
             "simulated: 170 families' bedtime stories (2-6 nights a week, joins and churn), bedtime in UK, US and Australian zones",
             (), actor="r41-moonbeam", families=len(fams))  # fmt: skip
    h = R("mb", "dev")
    out = []
    for d in (d for d in DAYS28 if workday(d)):
        if h.random() >= 0.5:
            continue
        t = utc(d, h.uniform(10, 17), 0.0)
        for _ in range(h.randint(3, 6)):
            q = single(t, MB_SYS, h.choice(MB_DEV), {"temperature": 0.9, "max_tokens": 1500, "stream": True})
            out.append(q)
            t += latency(h, 900) + h.uniform(30, 300)
    dev = mk("r41-moonbeam-dev", "moonbeam_stories", "benign", "app", app_client(h, "openai-js", ua, MB_SYS, **co), out,
             "simulated: test stories on 50% of working days, office hours (UTC+0)", (), actor="r41-moonbeam")  # fmt: skip
    return [app, dev]


# =============================================================================================
# BENIGN 6. Cramly, a study app that turns students' own material into flashcards, quizzes and summaries (Chicago; 1
# key, Node on openai-js). 14 sessions a day, x1.8 in midterm week (days 14-18), Saturdays 0.6, Sundays 1.4, evening
# shape in US zones (-5 45%, -6 30%, -8 25%). A session pastes one text - lecture notes of one of seven courses
# (written: a unit's facts, 4-7 of them, in the student's own note style) or, for SAT/LSAT-prep students (15% of
# sessions while they last), a reading passage (AGIEval's SAT-English and LSAT reading passages, each passage pasted
# by one student) - and runs 1 tool (60%), 2 (30%) or 3 (10%) on it: flashcards or a quiz (JSON mode, temperature
# 0.3), or a summary (streamed) with a follow-up question on 30%.
CR_SYS = ("You are Cramly, a study assistant. Work only from the student's material; if something is not in it, say so. Be "
          "accurate and concise.")  # fmt: skip
CR_TOOLS = {"cards": "Make {n} flashcards from my notes below. Front: a question or term; back: a short answer. Return JSON "
                     "{{\"cards\": [{{\"front\": ..., \"back\": ...}}]}}.\n\n{notes}",
            "quiz": "Write a {n}-question multiple-choice quiz from the material below, 4 options each, exactly one correct, with a "
                    "one-line explanation. Return JSON {{\"questions\": [{{\"question\", \"options\", \"answer\", \"explanation\"}}]}}.\n\n{notes}",
            "summary": "Summarise this for revision in {n} bullet points, key terms in bold.\n\n{notes}"}  # fmt: skip
CR_FOLLOW = ("explain {term} like I'm 12", "I don't get the part about {term}", "give me a mnemonic for {term}",
             "what's the difference between {term} and {term2}?", "is {term} likely to be on the exam?")  # fmt: skip
CR_COURSES = {
    "BIO 101": (("Cell structure", ("mitochondria", "ribosomes", "the cell membrane"), (
        "mitochondria = site of aerobic respiration, make ATP", "ribosomes make proteins, free or on rough ER", "rough ER has ribosomes, smooth ER makes lipids",
        "cell membrane is a phospholipid bilayer, selectively permeable", "prokaryotes have no nucleus and no membrane-bound organelles",
        "plant cells have a cell wall (cellulose), chloroplasts and a large central vacuole", "Golgi modifies, sorts and packages proteins")),
                ("Photosynthesis", ("the Calvin cycle", "light reactions", "chlorophyll"), (
        "6CO2 + 6H2O + light -> C6H12O6 + 6O2", "light reactions in the thylakoid membranes make ATP and NADPH, release O2",
        "Calvin cycle in the stroma fixes CO2 using RuBisCO", "chlorophyll a absorbs red and blue light, reflects green",
        "C4 and CAM plants reduce photorespiration in hot dry climates", "limiting factors: light intensity, CO2 concentration, temperature"))),
    "CHEM 110": (("Chemical bonding", ("ionic bonds", "covalent bonds", "electronegativity"), (
        "ionic bond = transfer of electrons, metal + nonmetal", "covalent bond = shared electrons between nonmetals",
        "electronegativity increases across a period and up a group", "polar covalent if electronegativity difference is 0.4-1.7",
        "VSEPR: electron pairs repel, so shapes like tetrahedral 109.5 deg", "hydrogen bonds are intermolecular, not true bonds")),
                 ("Stoichiometry", ("the mole", "limiting reagent", "percent yield"), (
        "1 mole = 6.022 x 10^23 particles (Avogadro)", "molar mass in g/mol from the periodic table", "always balance the equation first",
        "limiting reagent runs out first and decides the max product", "percent yield = actual / theoretical x 100",
        "at STP one mole of ideal gas takes 22.4 L"))),
    "HIST 201": (("Reconstruction", ("the 13th Amendment", "the Freedmen's Bureau", "Black Codes"), (
        "13th Amendment (1865) abolished slavery except as punishment for crime", "14th Amendment (1868): citizenship + equal protection",
        "15th Amendment (1870): voting can't be denied based on race", "Freedmen's Bureau set up schools, helped with labor contracts",
        "Black Codes in southern states limited freed people's rights", "Compromise of 1877 ended Reconstruction, troops withdrawn from the South")),
                 ("The Progressive Era", ("muckrakers", "the 19th Amendment", "trust-busting"), (
        "muckrakers exposed corruption, e.g. Upton Sinclair's The Jungle (1906)", "Pure Food and Drug Act + Meat Inspection Act 1906",
        "TR's trust-busting used the Sherman Antitrust Act", "17th Amendment: direct election of senators",
        "19th Amendment (1920) gave women the vote", "settlement houses like Hull House (Jane Addams)"))),
    "PSYC 100": (("Memory", ("encoding", "working memory", "the serial position effect"), (
        "encoding -> storage -> retrieval", "sensory memory lasts < 1 s (iconic) or a few s (echoic)",
        "working memory holds about 7 +/- 2 items (Miller)", "serial position effect: primacy + recency",
        "retroactive interference: new info disrupts old", "spacing effect: distributed practice beats cramming (ironic)")),
                 ("Classical conditioning", ("the unconditioned stimulus", "extinction", "generalization"), (
        "Pavlov: dogs salivated to a bell after pairing with food", "US -> UR (natural), CS -> CR (learned)",
        "extinction = CR fades when CS is presented without US", "spontaneous recovery after a rest period",
        "generalization = responding to similar stimuli", "Little Albert (Watson) - conditioned fear of a white rat"))),
    "ECON 102": (("Supply and demand", ("equilibrium", "price elasticity", "a price ceiling"), (
        "law of demand: price up -> quantity demanded down", "equilibrium where supply = demand",
        "shift of the curve vs movement along it", "price elasticity = %change Qd / %change P",
        "price ceiling below equilibrium -> shortage (e.g. rent control)", "price floor above equilibrium -> surplus (e.g. minimum wage)")),
                 ("GDP", ("nominal GDP", "real GDP", "the GDP deflator"), (
        "GDP = C + I + G + NX", "nominal GDP uses current prices, real GDP uses base-year prices",
        "GDP deflator = nominal / real x 100", "intermediate goods are not counted (double counting)",
        "GDP per capita = GDP / population", "recession = two consecutive quarters of falling real GDP (rule of thumb)"))),
    "NURS 210": (("Vital signs", ("tachycardia", "hypotension", "pulse oximetry"), (
        "normal adult HR 60-100 bpm, >100 tachycardia", "normal RR 12-20 breaths/min", "normal BP < 120/80",
        "SpO2 normally 95-100%", "temp: oral 36.5-37.5 C", "always check the pulse for a full minute if irregular")),
                 ("Pharmacology basics", ("half-life", "first-pass metabolism", "the therapeutic index"), (
        "half-life = time for plasma concentration to halve", "about 4-5 half-lives to reach steady state",
        "first-pass metabolism in the liver lowers oral bioavailability", "narrow therapeutic index drugs: digoxin, warfarin, lithium",
        "5 rights: patient, drug, dose, route, time", "agonist activates a receptor, antagonist blocks it"))),
    "SPAN 102": (("Preterite vs imperfect", ("the preterite", "the imperfect", "ser vs estar"), (
        "preterite = completed actions (ayer comí)", "imperfect = habits, descriptions, ongoing past (cuando era niño jugaba)",
        "imperfect for time and age in the past (eran las tres, tenía diez años)", "trigger words: ayer, anoche -> preterite; siempre, a menudo -> imperfect",
        "irregular preterite: ser/ir = fui, fuiste, fue", "only 3 irregular imperfects: ser, ir, ver")),),
}  # fmt: skip
CR_STYLE = (("- ", ""), ("* ", ""), ("", ""), ("• ", ""), ("", ";"))


def cr_notes(rng: random.Random, course: str) -> tuple[str, tuple]:
    unit, terms, facts = rng.choice(CR_COURSES[course])
    bullet, end = rng.choice(CR_STYLE)
    picked = rng.sample(facts, rng.randint(4, min(7, len(facts))))
    lines = [f"{bullet}{x}{end}" for x in picked]
    header = rng.choice(
        (
            f"{course} - {unit}",
            f"{unit} notes",
            f"{course} lecture {rng.randint(3, 14)}: {unit.lower()}",
            unit.upper(),
        )
    )
    return header + "\n" + "\n".join(lines), terms


def cramly_flashcards() -> list[KeyTraffic]:
    g = R("cr")
    ag = [r for r in fresh("agieval_v1", 1, 0, longest=9000) if r.extra.get("task") in ("sat-en", "lsat-rc")]
    seen: set[str] = set()
    passages: list[tuple[str, str]] = []
    for r in ag:
        text = r.first.split("\n\n")[0]
        if text not in seen:
            seen.add(text)
            passages.append((text, r.id))
    passages = deal(g, passages)
    out: list[Request] = []
    rate = lambda d: 14.0 * (1.8 if 14 <= d <= 18 else 1.0) * {5: 0.6, 6: 1.4}.get(d % 7, 1.0)  # noqa: E731
    sessions = tz_arrivals(g, rate, ((-5.0, 0.45), (-6.0, 0.3), (-8.0, 0.25)), EVENING)
    n_passages = 0
    for t, _z in sessions:
        if passages and g.random() < 0.15:
            notes, item = passages.pop()
            terms: tuple = ("the main idea", "the author's argument", "the second paragraph")
            n_passages += 1
        else:
            (notes, terms), item = cr_notes(g, g.choice(sorted(CR_COURSES))), ""
        for tool in g.sample(sorted(CR_TOOLS), g.choices((1, 2, 3), (0.6, 0.3, 0.1))[0]):
            text = CR_TOOLS[tool].format(
                n=g.choice((5, 10, 15, 20) if tool != "summary" else (5, 8, 10)), notes=notes
            )
            if tool == "summary":
                turns = [text] + (
                    [g.choice(CR_FOLLOW).format(term=g.choice(terms), term2=g.choice(terms))]
                    if g.random() < 0.3
                    else []
                )
                reqs = talk(g, t, CR_SYS, turns, [], {"temperature": 0.3, "stream": True}, item)
            else:
                reqs = [
                    js(
                        msgs(CR_SYS, text),
                        JSON_OBJ,
                        {"temperature": 0.3, "max_tokens": 2000},
                        item,
                        reply='{"' + ("cards" if tool == "cards" else "questions") + '": [...]}',
                    )
                ]
                reqs[0].ts = t
            out += reqs
            t = end_of(reqs) + latency(g, 600) + g.uniform(30, 600)
    return [mk("r41-cramly-app", "cramly_flashcards", "benign", "app", sdk(g, "openai-js", CR_SYS, org=True), out,
               "simulated: 14 sessions a day (midterms x1.8, Sat 0.6, Sun 1.4), evenings in US zones", ("agieval_v1",),
               sessions=len(sessions), passages=n_passages)]  # fmt: skip


# =============================================================================================
# BENIGN 7. PrepPilot, an interview-preparation site (Bengaluru; 1 key, Python backend on openai-python). 12 sessions a
# day x 1.01^day, weekends 1.2, evenings: India (UTC+5.5) 50%, US East 35%, UK 15%. Session kinds: a question set
# for a role (JSON mode, temperature 0.8; a second set on 30%) 35%; a behavioural mock interview, 2-5 candidate
# answers (written STAR fragments) 30%; a coding round on one problem of the site's question bank (MBPP task texts:
# the problem, 0-2 clarifying questions, the candidate's solution stand-in, a follow-up) 20%; model answers for 1-3
# behavioural questions 15%.
PP_QSET = ("You are PrepPilot, an interview coach. Generate realistic interview questions for the role described. Return JSON "
           "{\"questions\": [{\"question\", \"type\", \"what_interviewers_look_for\"}]}.")  # fmt: skip
PP_MOCK = ("You are an interviewer at {company} hiring a {level} {role}. Ask one behavioural question at a time. After each "
           "answer, give brief feedback (one strength, one improvement) and then ask the next question.")  # fmt: skip
PP_CODE = ("You are a technical interviewer running a 30-minute Python coding round. Present the problem, answer clarifying "
           "questions briefly, then review the candidate's solution for correctness, complexity, edge cases and style. Do not "
           "give the full solution unless asked.")  # fmt: skip
PP_MODEL = "You are PrepPilot, an interview coach. Write strong, honest example answers in the STAR format (Situation, Task, Action, Result)."
PP_LEVELS = ("junior", "mid-level", "senior", "lead", "new-grad", "staff")
PP_ROLES = ("software engineer", "data analyst", "product manager", "UX designer", "DevOps engineer", "QA engineer", "business analyst",
            "marketing manager", "data scientist", "customer success manager", "sales development representative", "financial analyst",
            "registered nurse", "mechanical engineer", "HR generalist", "frontend developer")  # fmt: skip
PP_COMPANIES = ("a big tech company", "a Series B fintech startup", "a management consulting firm", "a hospital network", "an e-commerce company",
                "a government agency", "a Big Four accounting firm", "a SaaS scale-up", "an IT services company", "a gaming studio")  # fmt: skip
PP_MIX = (
    "mostly behavioural",
    "half technical, half behavioural",
    "mostly technical",
    "system design and behavioural",
    "case-study style",
)
PP_BEHAV = ("Tell me about a time you disagreed with your manager.", "Describe a project that failed. What did you learn?",
            "Tell me about a time you had to learn something quickly.", "Give an example of handling a difficult stakeholder.",
            "Tell me about your biggest professional achievement.", "Describe a time you made a mistake at work.",
            "How do you prioritise when everything is urgent?", "Tell me about a time you led without authority.",
            "Describe a time you improved a process.", "Tell me about a conflict within your team and how it was resolved.")  # fmt: skip
PP_STAR = ("In my last role at {prev}, {situation}. I {action}, and {result}.", "So at {prev} we had a situation where {situation}. My part was to {action2}. In the end {result}.",
           "Um, one example is from {prev}: {situation}. I {action}. {result_c}.")  # fmt: skip
PP_PREV = (
    "a logistics startup",
    "an insurance company",
    "my university's IT department",
    "a retail chain",
    "a small agency",
    "an IT services firm",
    "a hospital",
)
PP_STORIES = (  # (situation, action, action2, result, result_c): one candidate's story hangs together
    ("our release was two weeks behind schedule", "set up a daily check-in and agreed a smaller first release with the client",
     "renegotiate the scope with the client", "we shipped the first part on time", "We recovered most of the delay"),
    ("a key client was unhappy with our monthly reports", "built a dashboard so the client and our team saw the same numbers",
     "rebuild the reporting", "the client renewed for another year", "The client stayed with us"),
    ("two senior engineers disagreed on the architecture", "wrote a short proposal comparing both options and got us to agree on a two-week trial",
     "document the trade-offs for both sides", "we picked one option and nobody felt overruled", "The team still uses that decision process"),
    ("our onboarding process took almost two weeks", "automated the account set-up steps with a script", "map every onboarding step",
     "onboarding time dropped from 10 days to 4", "New joiners started much faster"),
    ("the nightly data pipeline kept failing", "added monitoring and fixed the two jobs that caused most failures", "own the on-call rota for it",
     "failures went down by about 80%", "It has been stable since"),
    ("we lost a big customer without warning", "interviewed five customers who had left to find the real reasons", "lead the customer interviews",
     "we changed our renewal process and churn went down the next quarter", "I learned to ask for feedback much earlier"),
    ("a new colleague was struggling and close to quitting", "paired with him twice a week for a month", "mentor him",
     "he became one of the strongest people on the team", "He is still there"),
    ("I made a mistake in a pricing spreadsheet that went to a client", "told my manager straight away, fixed it and called the client myself",
     "own the fix and the call", "the client thanked us for being upfront", "I now get every client sheet peer-reviewed"),
)  # fmt: skip


def pp_answer(rng: random.Random) -> str:
    situation, action, action2, result, result_c = rng.choice(PP_STORIES)
    return rng.choice(PP_STAR).format(
        prev=rng.choice(PP_PREV),
        situation=situation,
        action=action,
        action2=action2,
        result=result,
        result_c=result_c,
    )


PP_CLARIFY = (
    "Can the input be empty?",
    "Should I handle negative numbers?",
    "Is it okay to use the standard library?",
    "What size can the input be?",
)
PP_CODE_FOLLOW = (
    "What is the time complexity of my solution?",
    "How could I make it faster?",
    "Did I miss any edge cases?",
    "Can you show a cleaner version?",
)


def pp_solution(r: Row) -> str:
    """A candidate's solution stand-in: the function named in the problem's tests, a loop-and-accumulate body."""
    m = re.search(r"assert\s+\(?\s*([A-Za-z_]\w*)\s*\(", r.first)
    name = m.group(1) if m else "solve"
    return (f"Here is my solution:\n```python\ndef {name}(*args):\n    data = args[0]\n    result = []\n    for x in data:\n"
            f"        if x not in result:\n            result.append(x)\n    return result\n```\nI went through the input once and kept what I needed.")  # fmt: skip


def preppilot_interview() -> list[KeyTraffic]:
    g = R("pp")
    bank = deal(g, fresh("mbpp", 1, 0))
    out: list[Request] = []
    sessions = tz_arrivals(g, lambda d: 12.0 * 1.01**d, ((5.5, 0.5), (-5.0, 0.35), (0.0, 0.15)), EVENING, 1.2)
    n_code = 0
    for t, _z in sessions:
        level, role, company_ = g.choice(PP_LEVELS), g.choice(PP_ROLES), g.choice(PP_COMPANIES)
        kind = g.choices(("qset", "mock", "code", "model"), (0.35, 0.3, 0.2, 0.15))[0]
        if kind == "code" and not bank:
            kind = "qset"
        if kind == "qset":
            for _ in range(2 if g.random() < 0.3 else 1):
                text = f"Generate {g.choice((8, 10, 12, 15))} interview questions for a {level} {role} interviewing at {company_}. Mix: {g.choice(PP_MIX)}."
                q = js(
                    msgs(PP_QSET, text),
                    JSON_OBJ,
                    {"temperature": 0.8, "max_tokens": 2000},
                    reply='{"questions": [...]}',
                )
                q.ts = t
                out.append(q)
                t += latency(g, 1200) + g.uniform(60, 400)
        elif kind == "mock":
            turns = ["I'm ready to start."] + [pp_answer(g) for _ in range(g.randint(2, 5))]
            out += talk(
                g,
                t,
                PP_MOCK.format(company=company_, level=level, role=role),
                turns,
                [],
                {"temperature": 0.6, "max_tokens": 500},
            )
        elif kind == "code":
            r = bank.pop()
            n_code += 1
            task = str(r.extra.get("text") or r.first)
            turns = [
                f"Start the coding round. The problem for this session is:\n{task}",
                *g.sample(PP_CLARIFY, g.randint(0, 2)),
            ]
            turns += [pp_solution(r), g.choice(PP_CODE_FOLLOW)]
            out += talk(g, t, PP_CODE, turns, [], {"temperature": 0.3, "max_tokens": 800}, r.id)
        else:
            for qn in g.sample(PP_BEHAV, g.randint(1, 3)):
                text = f'Write a strong STAR answer to "{qn}" for a {level} {role} with {g.randint(1, 12)} years of experience.'
                out.append(single(t, PP_MODEL, text, {"temperature": 0.7, "max_tokens": 700}))
                t += latency(g, 500) + g.uniform(40, 300)
    return [mk("r41-preppilot-app", "preppilot_interview", "benign", "app", sdk(g, "openai-python", org=True), out,
               "simulated: 12 x 1.01^day sessions a day (weekends 1.2), evenings in India, US East and UK", ("mbpp",),
               sessions=len(sessions), coding_rounds=n_code)]  # fmt: skip


# =============================================================================================
# BENIGN 8. Postbloom, a social-media scheduler with a greeting-card feature for small businesses (Lisbon; 2 keys,
# one company, Node on openai-js). 70 businesses (UK, Ireland, Portugal, US; 1-3 platforms; 60% on the Growth plan).
# planner: every Monday at 05:00 UTC the next week's plan for each Growth business and platform (5 posts, JSON mode,
# temperature 0.8, 3 workers), with that week's dates (Mothering Sunday 15 March, St Patrick's Day 17 March, Eid
# al-Fitr about 20 March, the clocks changing 29 March, Easter 5 April). app: posts written on demand (14 a working
# day, weekends 0.4, office hours in the business's zone, n=2 at temperature 0.9, regenerate on 25%) and card
# messages (7 a day, evenings, x3 in the days before Mothering Sunday (days 9-13), 70% of them Mothering Sunday cards
# then; recipients and details per occasion; n=3 at temperature 1.0).
PB_SYS = ("You are Postbloom's social media writer for small businesses. Write in the business's voice, keep within the "
          "platform's limits, use hashtags sparingly and never invent offers, prices or dates.")  # fmt: skip
PB_CARD_SYS = (
    "You write short, heartfelt greeting card messages. Plain text, no hashtags, no emojis unless asked."
)
PB_TYPES = (("bakery", ("cinnamon buns", "a new sourdough", "hot cross buns", "a gluten-free range")), ("hair salon", ("balayage", "a new stylist", "bridal packages")),
            ("gym", ("a 6-week challenge", "new spin classes", "a student membership")), ("dental practice", ("Invisalign consultations", "kids' check-ups")),
            ("bookshop", ("a signed first edition", "a children's story hour", "a poetry night")), ("café", ("a spring menu", "oat milk at no extra cost", "pastel de nata")),
            ("florist", ("Mother's Day bouquets", "spring tulips", "wedding flowers")), ("dog groomer", ("a puppy's first groom", "de-shedding treatments")),
            ("yoga studio", ("a beginners' course", "sunrise yoga", "a weekend retreat")), ("bike shop", ("spring servicing", "e-bike test rides")),
            ("accountant", ("the self-assessment deadline", "bookkeeping packages")), ("restaurant", ("a tasting menu", "Sunday roast", "a new chef")))  # fmt: skip
PB_CITIES = (
    ("Bristol", 0.0),
    ("Leeds", 0.0),
    ("Galway", 0.0),
    ("Cork", 0.0),
    ("Porto", 0.0),
    ("Lisbon", 0.0),
    ("Austin", -6.0),
    ("Portland", -8.0),
    ("Boston", -5.0),
)
PB_NAMES = (
    "Honeycomb",
    "The Little",
    "Harbour",
    "Bluebell",
    "Corner",
    "Maple",
    "Saltwater",
    "Oak Lane",
    "Tidewater",
    "Marigold",
    "Northside",
    "Copper Kettle",
)
PB_PLATFORMS = {"Instagram": "caption up to 2,200 characters, first line is the hook", "Facebook": "up to 80 words",
                "LinkedIn": "professional, up to 120 words", "X": "max 280 characters", "TikTok": "a caption of max 150 characters"}  # fmt: skip
PB_WEEKS = {0: "Mothering Sunday in the UK and Ireland (Sunday 15 March); International Women's Day was 8 March",
            7: "St Patrick's Day (Tuesday 17 March); Eid al-Fitr (around Friday 20 March); the first day of spring (20 March)",
            14: "the clocks go forward in the UK, Ireland and Portugal (Sunday 29 March); Easter is two weeks away (5 April)",
            21: "Easter weekend (Good Friday 3 April to Easter Monday 6 April); April Fools' Day (1 April)"}  # fmt: skip
PB_TOPICS = ("we have {item} this week", "we're closed on {day} for a staff training day", "a thank-you to our customers for {n} reviews",
             "behind the scenes: how we prepare {item}", "we're hiring a part-time {role}", "a customer just said: '{quote}'",
             "last chance to book {item} before the weekend", "our new opening hours from {day}", "{event} is coming up")  # fmt: skip
PB_SLOTS = {"day": ("Monday", "Wednesday", "next Friday", "the bank holiday"), "n": ("500", "1,000", "200"), "role": ("barista", "receptionist", "assistant", "weekend helper"),
            "quote": ("best service in town", "my kids love it here", "so friendly and professional", "worth every penny")}  # fmt: skip
PB_CARDS = {  # occasion -> (recipient, details) choices
    "birthday": (("my best friend", ("she's turning 40", "we met at uni 20 years ago", "")), ("my boss", ("keep it professional", "")),
                 ("my brother", ("keep it light and funny", "he's turning 30")), ("my neighbour", ("she's turning 90", ""))),
    "sympathy": (("my neighbour", ("her husband died last month", "his dog passed away")), ("a coworker", ("her father passed away", "keep it short and kind")),
                 ("an old friend", ("his mum died", "we haven't spoken much this year"))),
    "retirement": (("my boss", ("he is retiring after 30 years", "from the whole team")), ("a coworker", ("she's retiring to Portugal", "from the whole team"))),
    "thank you": (("my kid's teacher", ("end of term", "she helped him with his reading")), ("my neighbour", ("for feeding our cat", "for watering the plants")),
                  ("the nurses", ("on the maternity ward", "who looked after my dad"))),
    "new baby": (("my sister-in-law", ("she just had twins", "")), ("a coworker", ("from the whole team", "his first baby"))),
    "wedding": (("my cousin", ("keep it light and funny", "")), ("a coworker", ("from the whole team", ""))),
    "get well soon": (("my grandmother", ("she's been ill this winter", "after her hip operation")), ("a coworker", ("from the whole team", "keep it light"))),
    "Eid": (("my neighbours", ("", "they always share food with us")), ("a colleague", ("keep it warm and simple", ""))),
    "Easter": (("my grandchildren", ("make it fun", "")), ("my mum", ("", "she loves gardening"))),
    "good luck": (("a coworker who is leaving", ("from the whole team", "she's starting her own business")), ("my nephew", ("for his exams", "for his driving test"))),
}  # fmt: skip
PB_MOTHERS = (("my mum", ("she loves gardening", "we haven't spoken much this year", "she's been ill this winter", "", "")),
              ("my grandmother", ("she's 92", "", "she lives far away")), ("my stepmum", ("", "it's our first one together")),
              ("my wife, from the kids", ("the kids are 3 and 6", "")), ("my mother-in-law", ("keep it warm but not too personal", "")))  # fmt: skip


def pb_businesses(rng: random.Random) -> list[dict]:
    out = []
    for _ in range(70):
        kind, items = rng.choice(PB_TYPES)
        city, tz = rng.choice(PB_CITIES)
        out.append({"name": f"{rng.choice(PB_NAMES)} {kind.title()}", "kind": kind, "items": items, "city": city, "tz": tz,
                    "tone": rng.choice(("warm", "playful", "professional", "cheeky", "calm")),
                    "platforms": rng.sample(sorted(PB_PLATFORMS), rng.choice((1, 2, 2, 3))), "growth": rng.random() < 0.6})  # fmt: skip
    return out


def postbloom_social() -> list[KeyTraffic]:
    co = {**company(R("pb", "co")), "signup_network": network(R("pb", "net"))}
    ua = shared_ua("r41-postbloom", "openai-js")
    biz = pb_businesses(R("pb", "businesses"))
    g = R("pb", "planner")
    out: list[Request] = []
    for d, events in PB_WEEKS.items():
        jobs = []
        for b in (b for b in biz if b["growth"]):
            for plat in b["platforms"]:
                text = (f"Plan 5 {plat} posts for {b['name']}, a {b['kind']} in {b['city']}, for the week starting Monday {9 + d} March."
                        f" Dates that week: {events}. Voice: {b['tone']}. Limit: {PB_PLATFORMS[plat]}. "
                        f"Mix: 2 promotional, 2 community, 1 educational. Return JSON {{\"posts\": [{{\"day\", \"caption\", \"hashtags\", \"image_idea\"}}]}}.")  # fmt: skip
                jobs.append(
                    [
                        (
                            js(
                                msgs(PB_SYS, text),
                                JSON_OBJ,
                                {"temperature": 0.8, "max_tokens": 1800},
                                reply='{"posts": [...]}',
                            ),
                            1100,
                        )
                    ]
                )
        lanes(g, utc(d, 5.0 + g.uniform(0, 0.02), 0.0), jobs, 3, (0.05, 0.3))
        out += [q for job in jobs for q, _ in job]
    planner = mk("r41-postbloom-planner", "postbloom_social", "benign", "app", app_client(g, "openai-js", ua, PB_SYS, **co), out,
                 "simulated: Monday 05:00 UTC weekly plans for Growth businesses, 3 workers", (), actor="r41-postbloom")  # fmt: skip
    h = R("pb", "app")
    out = []
    for b in biz:
        rate = 14.0 / len(biz)
        for t in arrivals(h, lambda d, rate=rate: rate if workday(d) else 0.4 * rate, b["tz"], OFFICE_H):
            d = int((t + b["tz"] * 3600 - EPOCH) // 86400)
            plat = h.choice(b["platforms"])
            event = PB_WEEKS[max(w for w in PB_WEEKS if w <= max(0, d - 7))].split(";")[0].split(" (")[0]
            topic = fill(
                h,
                h.choice(PB_TOPICS).replace("{item}", h.choice(b["items"])).replace("{event}", event),
                PB_SLOTS,
            )
            text = f"Write {'an' if plat == 'X' or plat[0] in 'AEIOU' else 'a'} {plat} post for {b['name']}, a {b['kind']} in {b['city']}: {topic}. Voice: {b['tone']}. {PB_PLATFORMS[plat]}. Add {h.randint(2, 5)} hashtags."
            q = single(t, PB_SYS, text, {"n": 2, "temperature": 0.9, "max_tokens": 400})
            out.append(q)
            if h.random() < 0.25:
                out.append(again(q, t + latency(h, 300) + h.uniform(10, 90)))
    rate_c = lambda d: 7.0 * (3.0 if 9 <= d <= 13 else 1.0)  # noqa: E731
    for t, _z in tz_arrivals(h, rate_c, ((0.0, 0.75), (-5.0, 0.25)), EVENING):
        d = int((t - EPOCH) // 86400)
        if 9 <= d <= 13 and h.random() < 0.7:
            occasion, (to, details) = "Mothering Sunday", h.choice(PB_MOTHERS)
        else:
            occasion = h.choice(sorted(PB_CARDS))
            to, details = h.choice(PB_CARDS[occasion])
        detail = h.choice(details)
        text = f"Write a short {occasion} card message for {to}{', ' + detail if detail else ''}. Max {h.choice((25, 40, 60))} words."
        out.append(single(t, PB_CARD_SYS, text, {"n": 3, "temperature": 1.0, "max_tokens": 300}))
    app = mk("r41-postbloom-app", "postbloom_social", "benign", "app", app_client(h, "openai-js", ua, PB_SYS, **co), out,
             "simulated: on-demand posts (14 a working day, n=2) and card messages (7 a day, x3 before Mothering Sunday, n=3)", (),
             actor="r41-postbloom")  # fmt: skip
    return [planner, app]


# =============================================================================================
# BENIGN 9. Digestly, a newsletter and feed summariser (Berlin; 1 key, Python on openai-python). 11 paying users
# (6 in UTC+1, 2 in UTC+0, 3 in UTC-5), each following 2-3 of five topics. Every morning at 06:00 in the user's zone
# the digest job summarises the user's new articles (Poisson 5 on weekdays, 1.5 at weekends; written articles: an
# outlet, a headline with its own two sentences and 2-3 of the topic's), one after another, then writes the digest's
# two-sentence intro (temperature 0.2 and 0.6). Users also ask about an article in the app: 3 a day, daytime (UTC+1).
DG_ITEM = ("Summarise the article for a busy reader: 2-3 bullet points, at most 60 words, neutral tone, keep numbers exact, "
           "no preamble.")  # fmt: skip
DG_INTRO = "Write a friendly two-sentence intro for today's digest for {name}, mentioning the two most important headlines below."
DG_ASK = "Answer the reader's question about the article below in plain language, in at most 120 words.\n\nArticle:\n{article}\n\nQuestion: {q}"
DG_CO = (
    "Nordvolt",
    "Helix Bio",
    "Quantara",
    "Baltic Freight",
    "Lumen Grid",
    "Pardus Pay",
    "Orbis Retail",
    "Cedar Health",
    "Vantix",
    "Solent Wind",
)
DG_TOPICS = {  # topic -> (outlets, ((headline, its own sentences), ...), sentences that fit any of its headlines)
    "tech": (("The Register", "Heise", "TechCrunch"), (
        ("{co} raises €{m}m to expand its {thing} platform", ("The round was led by {vc}.", "The company said the money would go into hiring engineers in {city}.")),
        ("{co} lays off {p}% of staff as {thing} sales slow", ("The cuts mostly affect sales and support teams.", "It is the company's second round of job cuts in a year.")),
        ("EU regulators open probe into {co}'s {thing} business", ("The Commission will examine whether the company favoured its own products.", "{co} said it would cooperate fully.")),
        ("{co} launches a {thing} product for small businesses", ("The product will be available in {n} countries from {month}.", "Pricing starts at €{n}9 a month."))), (
        "Revenue grew {p}% last year, according to a filing.", "{co}'s chief executive said the market was 'only getting started'.",
        "Analysts at {bank} expect more consolidation in the sector.", "The firm employs about {k} people, most of them in {city}.",
        "Rivals have made similar moves in recent months.")),
    "climate": (("Carbon Brief", "Clean Energy Wire", "The Guardian"), (
        ("{city} approves {n} new {energy} projects", ("The projects are expected to add {n} gigawatts of capacity by 2030.", "Local residents raised concerns about the impact on farmland.")),
        ("Wind and solar beat gas in {country} for the first time", ("Emissions from the power sector fell {p}% year on year.", "Gas still sets the price in most hours, analysts said.")),
        ("{co} signs a {n}-year deal to buy {energy} power", ("The agreement covers about {p}% of the company's electricity use.", "Financial terms were not disclosed.")),
        ("Heat pump sales in {country} rise {p}%", ("Subsidies introduced last year drove much of the demand.", "Installers say waiting times have grown to several weeks."))), (
        "Grid operators said connection queues remain the biggest obstacle.", "Environmental groups welcomed the news but called it overdue.",
        "The government will publish a revised target in {month}.", "Industry figures say planning rules still slow projects down by years.")),
    "markets": (("Reuters", "Bloomberg", "Financial Times"), (
        ("ECB holds rates as inflation eases to {r}%", ("Economists polled beforehand had expected {r}%.", "Core inflation, which strips out energy and food, stayed at {r}%.")),
        ("{co} shares jump {p}% after strong quarterly results", ("The company raised its full-year guidance.", "Quarterly revenue beat analysts' estimates.")),
        ("Bond yields fall as investors bet on a rate cut in {month}", ("{bank} said it now expects {n} cuts this year.", "The euro slipped against the dollar.")),
        ("{country}'s economy grows {r}% in the fourth quarter", ("Consumer spending remained weak, the statistics office said.", "Exports were the main driver of growth."))), (
        "Investors will watch jobs data due on {day} for further clues.", "Trading volumes were thin ahead of a holiday in {country}.",
        "Markets have swung sharply since the start of the year.", "Analysts were divided on what comes next.")),
    "ecommerce": (("Modern Retail", "Retail Gazette", "Digiday"), (
        ("{co} cuts its free-shipping threshold to €{n}5", ("The change applies to all orders from {month}.", "The retailer said it wanted to win back occasional shoppers.")),
        ("Returns cost online retailers {p}% of sales, survey finds", ("The survey covered {k} online shoppers across Europe.", "Fashion had the highest return rates.")),
        ("{co} tests an AI shopping assistant in {country}", ("Conversion rates rose {p}% during the test, the company said.", "The retailer did not say how many customers would see the feature.")),
        ("Marketplace fees rise for sellers in {country} from {month}", ("Sellers said the change would squeeze already thin margins.", "The marketplace said fees had not changed in three years."))), (
        "Smaller brands are moving more sales to their own websites.", "Delivery times remain the top complaint in customer reviews.",
        "Analysts expect more retailers to follow.", "Online sales grew {p}% last year across the region.")),
    "health": (("STAT", "Nature News", "BMJ"), (
        ("Study links {habit} to lower risk of {disease}", ("The study followed {k} adults for an average of {n} years.", "The researchers cautioned that the findings show an association, not causation.")),
        ("{co} reports positive phase {n} results for a {disease} drug", ("Side effects were mostly mild, the company said.", "The drug will now be reviewed by regulators in {country}.")),
        ("WHO updates its guidance on {disease} screening", ("The new guidance lowers the recommended starting age.", "Countries will have until {month} to respond.")),
        ("Trial of a {habit} programme cuts hospital visits by {p}%", ("The trial ran in {n} clinics over two years.", "The effect was strongest in people over {age}."))), (
        "Experts not involved in the research called the results 'encouraging but early'.", "Funding came from a national research council.",
        "The full data will be presented at a conference in {month}.", "Patient groups welcomed the news.")),
}  # fmt: skip
DG_SLOTS = {"co": DG_CO, "vc": ("Index Ventures", "Balderton", "Atomico", "a group of angel investors"), "m": ("12", "40", "85", "150", "300"), "thing": ("payments", "cloud", "AI assistant", "battery", "logistics", "cybersecurity"),
            "p": ("3", "7", "12", "18", "25", "40"), "city": ("Berlin", "Munich", "Amsterdam", "Lisbon", "Warsaw", "Dublin", "Madrid"),
            "n": ("2", "3", "5", "8", "12"), "month": ("April", "May", "June", "the autumn"), "bank": ("Deutsche Bank", "ING", "Barclays", "UBS"),
            "k": ("1,200", "4,500", "30,000", "250"), "energy": ("solar", "onshore wind", "offshore wind", "battery storage"),
            "country": ("Germany", "Poland", "Spain", "the Netherlands", "France", "Italy"), "r": ("1.9", "2.1", "2.4", "0.3", "0.7"),
            "day": ("Friday", "Thursday", "Tuesday"), "habit": ("daily walking", "a Mediterranean diet", "regular sleep", "strength training"),
            "disease": ("type 2 diabetes", "dementia", "heart disease", "colorectal cancer", "asthma"), "age": ("50", "60", "65", "70")}  # fmt: skip
DG_QS = ("what does this mean for ordinary people?", "explain this like I'm new to the topic", "is this a big deal?", "who are the main players here?",
         "what happens next?", "can you give me the key number?")  # fmt: skip
DG_NAMES = ("Anna", "Jonas", "Marta", "Luca", "Sophie", "Tom", "Elif", "Ben", "Clara", "Priya", "Mark")


def dg_article(rng: random.Random, topic: str) -> str:
    outlets, heads, general = DG_TOPICS[topic]
    head, own = rng.choice(heads)
    slots = {k: (rng.choice(v),) for k, v in DG_SLOTS.items()}  # one company, city, number... per article
    body = " ".join(fill(rng, s, slots) for s in [*own, *rng.sample(general, rng.randint(2, 3))])
    return f"Source: {rng.choice(outlets)}\nTitle: {fill(rng, head, slots)}\n\n{body}"


def digestly_newsletter() -> list[KeyTraffic]:
    g = R("dg")
    zones = (1.0,) * 6 + (0.0,) * 2 + (-5.0,) * 3
    users = [
        {"name": n, "tz": z, "topics": g.sample(sorted(DG_TOPICS), g.choice((2, 2, 3)))}
        for n, z in zip(DG_NAMES, zones, strict=True)
    ]
    out: list[Request] = []
    for d in DAYS28:
        for u in users:
            items = [
                dg_article(g, g.choice(u["topics"])) for _ in range(poisson(g, 5.0 if workday(d) else 1.5))
            ]
            if not items:
                continue
            job = [(single(0.0, DG_ITEM, a, {"temperature": 0.2, "max_tokens": 200}), 90) for a in items]
            heads = "\n".join("- " + a.split("\n")[1].removeprefix("Title: ") for a in items)
            job.append(
                (
                    single(
                        0.0,
                        None,
                        DG_INTRO.format(name=u["name"]) + "\n\n" + heads,
                        {"temperature": 0.6, "max_tokens": 150},
                    ),
                    60,
                )
            )
            lanes(g, utc(d, 6.0 + g.uniform(0, 0.05), u["tz"]), [job], 1, (0.05, 0.3))
            out += [q for q, _ in job]
    for t in arrivals(g, lambda d: 3.0, 1.0, DAYTIME):
        out.append(
            single(
                t,
                None,
                DG_ASK.format(article=dg_article(g, g.choice(sorted(DG_TOPICS))), q=g.choice(DG_QS)),
                {"temperature": 0.4, "max_tokens": 300},
            )
        )
    return [mk("r41-digestly-app", "digestly_newsletter", "benign", "app", sdk(g, "openai-python", DG_ITEM, org=True), out,
               "simulated: a 06:00 digest per user (11 users in UTC+1, +0, -5), Poisson 5 articles on weekdays; 3 questions a day",
               (), users=len(users))]  # fmt: skip


# =============================================================================================
# BENIGN 10. Hollowpine Games, an indie studio making a fantasy RPG (Montreal, UTC-5; 2 keys, one company, Python tools
# on openai-python). writers: the narrative team's internal tool - NPC barks (JSON list, n=3 at temperature 1.0: the
# writer keeps the best), item flavour text (n=3), quest-giver dialogue with player responses, name lists - 16 a
# working day, office hours, weekends 0.1; and a nightly content pass at 03:00 (after working days) writing flavour
# text for the items designers added to the spreadsheet that day (Poisson 25, 2 workers, n=1). loc: the localisation
# pipeline at 04:30 (after working days) translating the night's new strings in batches of 20 into seven locales
# (JSON schema, temperature 0.2), and the vendor's linguists' terminology questions (3 a working day, UTC+1).
HP_SYS = ("You are a writing assistant for Hollowpine Games' RPG 'Ashes of Veyl', a melancholy low-fantasy world of salt marshes, "
          "drowned towns and lantern-lit highlands. Match the requested voice, avoid modern slang and never name real places.")  # fmt: skip
HP_LOC_SYS = ("You are a game localiser. Translate each string into the target locale, keep placeholders like {player} and <b> tags, "
              "respect the character limit, and leave glossary terms untranslated: Veyl, Karrow, Hollowshard, Saltmarch, the Lantern Choir.")  # fmt: skip
HP_NPCS = ("a town guard", "a fishmonger", "a hedge witch", "a tavern keeper", "a smuggler", "a pilgrim of the Lantern Choir", "a blacksmith",
           "a ferryman", "a deserter", "a street child", "a salt-miner", "a disgraced knight")  # fmt: skip
HP_SITU = ("the player enters the market at night", "it starts to rain", "the player is wanted by the guard", "the bridge has just collapsed",
           "the player is caught stealing", "the Festival of Lanterns begins", "combat starts nearby", "the player wears a Saltmarch cloak",
           "the player returns after finishing the main quest", "the player has been gone for a long time")  # fmt: skip
HP_VOICES = (
    "gruff",
    "cheerful",
    "paranoid",
    "sing-song",
    "exhausted",
    "pompous",
    "kind but tired",
    "sarcastic",
)
HP_REGIONS = (
    "Karrow",
    "the Saltmarch",
    "the Veyl Highlands",
    "Ashenreach",
    "Tollgate",
    "the Drowned Quarter",
)
HP_ITEMS = (("Cracked", "Salt-Worn", "Lantern-Blessed", "Drowned", "Ashen", "Pilgrim's", "Smuggler's", "Ferryman's", "Choirbound", "Mended"),
            ("Hook-Knife", "Reed Flute", "Tide Charm", "Gaff Spear", "Lantern", "Oilskin Hood", "Bone Dice", "Ledger", "Mooring Ring", "Kelp Wrap",
             "Tin Halo", "Brine Flask"))  # fmt: skip
HP_RARITY = ("common", "common", "uncommon", "rare", "relic")
HP_LORE = (
    "the great flood",
    "the Lantern Choir's silence",
    "the salt tax riots",
    "the lost ferry of Tollgate",
    "the last king of Veyl",
    "",
)
HP_ASK = ("Write {k} barks (max 12 words each) for {npc} when {situ}. Voice: {voice}. Return a JSON list of strings.",
          "Flavour text for a {rarity} item, the {item}, found in {region}: 1-2 sentences, max 200 characters. Lore hint: {lore}.",
          "Write a short quest-giver dialogue: {npc} in {region} asks the player to {task}. Voice: {voice}. Give 3 player responses (kind, greedy, suspicious).",
          "Suggest 15 names for {things} in the style of {region}. One per line, no explanations.")  # fmt: skip
HP_TASKS = (
    "find a missing ferry ledger",
    "carry a lantern to the old chapel",
    "return a stolen salt seal",
    "talk a deserter into going home",
    "drain a flooded cellar",
)
HP_THINGS = (
    "marsh villages",
    "taverns",
    "smuggler ships",
    "minor saints of the Lantern Choir",
    "salt-mining families",
    "river spirits",
)
HP_FLAV = (("Forged in the ash-wells of {region}.", "Someone carved a name into it, then tried to scratch it out.", "The Choir says it hums when the tide turns.",
            "Cheap, sturdy and older than it looks.", "It was cold when you found it.", "Sold by the dozen in {region}.", "It smells of smoke and brine.",
            "Salvaged from a drowned chapel in {region}."),
           ("", "It still smells faintly of smoke.", "Missed by no one.", "It stays cold.", "Nobody remembers who made it.",
            "The ferrymen will not touch it.", "It has outlived three owners.", "Keep it dry."))  # fmt: skip
HP_BARKS = (("Oi,", "Easy now,", "Mind yourself,", "Lanterns up,", "Tide's turning,", "Well, well,", "Hush,", "Stranger,", "Salt and ash,", "By the Choir,"),
            ("you again? Thought the marsh took you.", "fresh eels, still wriggling!", "keep your hands where I can see them.",
             "the ferry's not running tonight.", "heads down when the guard passes.", "don't trust the ferryman.", "{player}, a word, if you please.",
             "that cloak will get you killed here.", "the bridge is gone, go round by the mill.", "I saw nothing. Nothing at all.",
             "coin first, questions after.", "the lanterns burn blue tonight."))  # fmt: skip
HP_LOCALES = ("fr-CA", "fr-FR", "de-DE", "es-ES", "ja-JP", "pt-BR", "zh-CN")
HP_LQA = ("Is 'Hollowshard' a proper noun or a material? It appears lowercase in string ITEM_{n}.",
          "String BARK_{n} says 'Salt in the wound, salt in the soup.' Is the pun important? Can we adapt it freely in {lang}?",
          "What is the character limit for item names in the inventory UI for {lang}?", "Should 'the Lantern Choir' be translated in quest titles or kept in English?",
          "In QUEST_{n}, is the deserter male, female or unspecified? {lang} needs grammatical gender.")  # fmt: skip


def hp_item(rng: random.Random) -> str:
    return f"{rng.choice(HP_ITEMS[0])} {rng.choice(HP_ITEMS[1])}"


def hollowpine_game() -> list[KeyTraffic]:
    co = {**company(R("hp", "co")), "signup_network": network(R("hp", "net"))}
    ua = shared_ua("r41-hollowpine", "openai-python")
    g = R("hp", "writers")
    out: list[Request] = []
    for t in arrivals(g, lambda d: 16.0 if workday(d) else 1.6, -5.0, OFFICE_H):
        i = g.choices(range(4), (0.4, 0.3, 0.15, 0.15))[0]
        text = HP_ASK[i].format(k=g.choice((6, 8, 10)), npc=g.choice(HP_NPCS), situ=g.choice(HP_SITU), voice=g.choice(HP_VOICES),
                                rarity=g.choice(HP_RARITY), item=hp_item(g), region=g.choice(HP_REGIONS), lore=g.choice(HP_LORE) or "none",
                                task=g.choice(HP_TASKS), things=g.choice(HP_THINGS))  # fmt: skip
        p = (
            {"n": 3, "temperature": 1.0, "max_tokens": 400}
            if i < 2
            else {"temperature": 0.9, "max_tokens": 900}
        )
        out.append(single(t, HP_SYS, text, p))
    nightly: dict[int, int] = {}
    for d in (d for d in DAYS28 if workday(d)):
        jobs = []
        for _ in range(poisson(g, 25.0)):
            text = (f"Item: {hp_item(g)}\nType: {g.choice(('weapon', 'trinket', 'armour', 'consumable', 'quest item'))}\nRarity: {g.choice(HP_RARITY)}\n"
                    f"Region: {g.choice(HP_REGIONS)}\nDesigner note: {g.choice(('', 'ties into the flood questline', 'a joke item', 'should feel sad', 'drops from smugglers'))}\n"
                    "Write the in-game flavour text: 1-2 sentences, max 200 characters, no game mechanics.")  # fmt: skip
            jobs.append([(single(0.0, HP_SYS, text, {"temperature": 0.8, "max_tokens": 120}), 50)])
        lanes(g, utc(d + 1, 3.0 + g.uniform(0, 0.02), -5.0), jobs, 2, (0.05, 0.2))
        out += [q for job in jobs for q, _ in job]
        nightly[d] = len(jobs)
    writers = mk("r41-hollowpine-writers", "hollowpine_game", "benign", "app", app_client(g, "openai-python", ua, HP_SYS, **co), out,
                 "simulated: writers' tool 16 a working day, office hours (UTC-5); nightly 03:00 content pass (Poisson 25 items, 2 workers)",
                 (), actor="r41-hollowpine")  # fmt: skip
    h = R("hp", "loc")
    out = []
    loc_fmt = schema("translations", {"translations": {"type": "array", "items": {"type": "object", "additionalProperties": False,
                                                                                    "required": ["id", "text"], "properties": {"id": STR, "text": STR}}}})  # fmt: skip
    for d, n_items in nightly.items():
        flav = [
            (f"{fill(h, h.choice(HP_FLAV[0]), {'region': HP_REGIONS})} {h.choice(HP_FLAV[1])}").strip()
            for _ in range(n_items)
        ]
        barks = h.sample([f"{a} {b}" for a in HP_BARKS[0] for b in HP_BARKS[1]], h.randint(10, 30))
        strings = [(f"ITEM_{d:02d}{i:03d}", x) for i, x in enumerate(flav)] + [
            (f"BARK_{d:02d}{i:03d}", x) for i, x in enumerate(barks)
        ]
        jobs = []
        for b in range(0, len(strings), 20):
            block = "\n".join(f"{sid}\t{s}" for sid, s in strings[b : b + 20])
            for loc in HP_LOCALES:
                text = f"Target locale: {loc}\nCharacter limit: 120% of the source\nStrings (id<TAB>text):\n{block}"
                jobs.append(
                    [
                        (
                            js(
                                msgs(HP_LOC_SYS, text),
                                loc_fmt,
                                {"temperature": 0.2, "max_tokens": 3000},
                                reply='{"translations": [...]}',
                            ),
                            900,
                        )
                    ]
                )
        lanes(h, utc(d + 1, 4.5 + h.uniform(0, 0.03), -5.0), jobs, 3, (0.05, 0.2))
        out += [q for job in jobs for q, _ in job]
    for t in arrivals(h, lambda d: 3.0 if workday(d) else 0.0, 1.0, OFFICE_H):
        out.append(single(t, None, h.choice(HP_LQA).format(n=h.randint(100, 2999), lang=h.choice(("French", "German", "Japanese", "Brazilian Portuguese"))),
                          {"temperature": 0.3}))  # fmt: skip
    loc = mk("r41-hollowpine-loc", "hollowpine_game", "benign", "app", app_client(h, "openai-python", ua, HP_LOC_SYS, **co), out,
             "simulated: nightly 04:30 (UTC-5) localisation of the night's strings into 7 locales, 3 workers; linguists' questions (UTC+1)",
             (), actor="r41-hollowpine")  # fmt: skip
    return [writers, loc]


# =============================================================================================
# DISTILLERS. Every synthetic-generation request is marked `distill`; Northstar's real course-writing work is not.
PZ = {"temperature": 0.8, "max_tokens": 3000}


# DISTILLER 1. A Cosmopedia-style textbook corpus (3 keys, one small lab: organisation, card and signup network shared,
# one openai-python script). Seeds: extracts of web-like text (LIMA's stored answers - StackExchange, wikiHow and
# Reddit answers - r41 buckets 0-4 of 10, at least 500 characters, cut at a sentence end before 1,000), each seed asked
# for 3 of 8 formats and audiences (college textbook unit, middle-school lesson, primary-school lesson, blog post,
# wikiHow tutorial, children's story, forum thread, lecture transcript), two wordings each and two framings of the
# extract. The seeds are split over the keys; each key runs nightly on days 5-18 from 21:00 (UTC+1), 4 workers.
CP_FRAMES = (
    'Here is an extract from a webpage:\n"{extract}"\n\n{task}',
    "Extract:\n<<<\n{extract}\n>>>\n\nTask: {task}",
)
CP_FORMATS = (
    ("college", ("Write an extensive, detailed course unit for a college textbook related to the extract. Develop each concept in depth "
                 "rather than listing many, keep an academic but engaging tone and include practical examples. Do not add a title or an "
                 "introduction; start directly with the content.",
                 "Using the extract as inspiration, write a long textbook section for university students. Cover the underlying concepts "
                 "rigorously, connect them to real applications and do not refer to the extract itself.")),
    ("middle school", ("Write an educational piece for middle school students related to the extract. Use simple words, no jargon and no "
                       "formulas, and explain with everyday examples a 12-year-old knows.",
                       "Create a lesson for grade 7 students inspired by the extract: explain the main idea clearly, with relatable examples and "
                       "no technical terms.")),
    ("primary school", ("Write a short, cheerful lesson for primary school children (ages 8-10) about an idea in the extract, with a "
                        "simple example from daily life.",
                        "Explain an idea from the extract to a 9-year-old in a short, friendly textbook passage.")),
    ("blog", ("Write a long, engaging blog post inspired by the extract for a general audience. Share a perspective, add relatable "
              "examples and end with a question for the reader.",
              "Write a thoughtful blog article that expands on the topic of the extract for curious readers with no background in it.")),
    ("wikihow", ("Write a long wikiHow-style tutorial related to the extract: numbered steps, each with a detailed explanation of how and "
                 "why, followed by tips and warnings.",
                 "Turn the topic of the extract into a complete how-to guide with clear, numbered steps and an explanation for every step.")),
    ("story", ("Write a short story for young children (ages 3-7) that teaches an idea from the extract through simple characters and "
               "dialogue. Use only easy words.",
               "Write a gentle children's story in which the characters discover something from the extract. Keep the words simple.")),
    ("forum", ("Write a forum thread related to the extract: an original post asking a question and 4-6 replies from different users who "
               "add knowledge, disagree politely and share experiences.",
               "Write a Reddit-style discussion prompted by the extract, with an opening post and several detailed replies.")),
    ("lecture", ("Write the transcript of a university lecture that starts from the extract. The professor explains the key ideas step by "
                 "step, asks rhetorical questions and gives examples.",
                 "Write a professor's lecture notes that build on the extract, with definitions, worked examples and a short recap.")),
)  # fmt: skip


def cosmopedia_farm() -> list[KeyTraffic]:
    g = R("cosmo")
    seeds = deal(g, [r for r in pool("lima", 10, 0, 1, 2, 3, 4) if r.answer and len(r.answer) >= 500])
    shared = {**company(g), "signup_network": network(g)}
    ua = f"OpenAI/Python 1.{g.randint(40, 60)}.{g.randint(0, 9)}"
    keys = []
    for i in range(3):
        h = R("cosmo", i)
        jobs: list[list[tuple[Request, int]]] = []
        for r in seeds[i::3]:
            extract = sentences(r.answer or "", 1000)
            for _fmt, tasks in h.sample(CP_FORMATS, 3):
                text = h.choice(CP_FRAMES).format(extract=extract, task=h.choice(tasks))
                jobs.append([(single(0.0, None, text, PZ, r.id, True), 1500)])
        per = -(-len(jobs) // 14)
        out: list[Request] = []
        for d in range(5, 19):
            mine, jobs = take(jobs, per)
            if mine:
                lanes(h, utc(d, 21.0 + h.uniform(-0.3, 0.5), 1.0), mine, 4, (0.3, 2.0))
            out += [q for job in mine for q, _ in job]
        keys.append(mk(f"r41-cosmo-{i}", "cosmopedia_farm", "distiller", "distiller", sdk(h, "openai-python", ua=ua, org=True, **shared), out,
                       "simulated: nightly from 21:00 (UTC+1) on days 5-18, 4 workers", ("lima",), actor="r41-cosmo", harvest=len(out)))  # fmt: skip
    return keys


# DISTILLER 2. TinyStories-style stories (1 key, a startup training a small on-device story model; httpx). Each request
# asks for a short story that uses a given noun, verb and adjective (from a written list of simple words) and 0-2
# narrative features (dialogue, a bad ending, a moral, a plot twist, foreshadowing, a conflict), in one of three
# wordings. 120 a night on days 2-21 from 22:00 (UTC-5), 10 workers, temperature 1.0, max_tokens 600.
TS_NOUNS = ("ball", "tree", "dog", "cat", "cake", "boat", "hat", "sun", "moon", "box", "bird", "car", "park", "fish", "flower", "shoe", "rain", "kite",
            "bear", "cup", "house", "door", "garden", "bug", "duck", "frog", "star", "bike", "book", "apple", "sock", "bath", "bed", "horse", "farm",
            "train", "truck", "rock", "shell", "beach", "snow", "hill", "cookie", "doll", "drum", "mouse", "pig", "cow", "bee", "leaf", "key", "lamp",
            "window", "bench", "puddle", "ladder", "balloon", "toy", "friend", "mom", "dad", "grandma", "baby", "teacher", "school", "lunch", "juice",
            "milk", "bread", "soup", "button", "ribbon", "jar", "basket", "pond", "river", "nest", "egg", "owl", "lion", "monkey", "zoo", "map", "coin",
            "sand", "wind", "cloud", "blanket", "pillow", "spoon", "plate", "candle", "song", "game", "picture", "paint", "crayon", "rope", "wheel")  # fmt: skip
TS_VERBS = ("run", "jump", "play", "share", "find", "help", "climb", "hide", "sing", "dance", "eat", "swim", "fly", "build", "draw", "paint", "look",
            "listen", "hug", "wave", "laugh", "cry", "sleep", "wake", "kick", "throw", "catch", "push", "pull", "open", "close", "fix", "break", "clean",
            "cook", "bake", "wash", "dig", "plant", "grow", "pick", "carry", "follow", "smile", "shout", "whisper", "knock", "spin", "roll", "bounce",
            "splash", "drop", "lift", "wait", "visit", "count", "sort", "fold", "pour", "mix", "shine", "float", "borrow", "win", "lose", "learn", "try")  # fmt: skip
TS_ADJS = ("big", "small", "happy", "sad", "red", "blue", "soft", "hard", "loud", "quiet", "fast", "slow", "funny", "kind", "brave", "shy", "wet",
           "dry", "hot", "cold", "shiny", "dirty", "clean", "tall", "short", "round", "sweet", "sour", "bright", "dark", "fluffy", "sticky", "tiny",
           "huge", "silly", "grumpy", "sleepy", "hungry", "proud", "scared", "gentle", "noisy", "empty", "full", "old", "new", "warm", "pretty",
           "strong", "careful", "curious", "lucky", "busy", "lonely", "calm", "smooth", "bumpy", "green", "yellow", "purple")  # fmt: skip
TS_FEATURES = ("the story should contain at least one dialogue", "the story has a bad ending", "the story has a moral value",
               "something unexpected happens in the story (a plot twist)", "the story uses foreshadowing", "the story has a conflict")  # fmt: skip
TS_PROMPTS = ("Write a short story (3-5 paragraphs) that only uses very simple words a 3-year-old would understand. The story should use "
              "the verb \"{v}\", the noun \"{n}\" and the adjective \"{a}\".{f} Remember to use only simple words!",
              "Write a very short story for a small child. Use the words \"{n}\" (noun), \"{v}\" (verb) and \"{a}\" (adjective) somewhere "
              "in the story.{f} Use simple words and short sentences only.",
              "Tell a simple story a toddler could understand, using the noun \"{n}\", the verb \"{v}\" and the adjective \"{a}\".{f} Keep "
              "the vocabulary very simple.")  # fmt: skip


def tinystories_gen() -> list[KeyTraffic]:
    g = R("tiny")
    out: list[Request] = []
    for d in range(2, 22):
        jobs = []
        for _ in range(120):
            feats = g.sample(TS_FEATURES, g.choice((0, 1, 1, 2)))
            f = (" The story should have the following features: " + ", ".join(feats) + ".") if feats else ""
            text = g.choice(TS_PROMPTS).format(
                n=g.choice(TS_NOUNS), v=g.choice(TS_VERBS), a=g.choice(TS_ADJS), f=f
            )
            jobs.append([(single(0.0, None, text, {"temperature": 1.0, "max_tokens": 600}, "", True), 350)])
        lanes(g, utc(d, 22.0 + g.uniform(0, 0.2), -5.0), jobs, 10, (0.05, 0.3))
        out += [q for job in jobs for q, _ in job]
    return [mk("r41-tinystories", "tinystories_gen", "distiller", "distiller", sdk(g, "httpx", org=True), out,
               "simulated: 120 stories a night on days 2-21 from 22:00 (UTC-5), 10 workers", (), actor="r41-tiny", harvest=len(out))]  # fmt: skip


# DISTILLER 3. phi-style "textbook-quality" data (2 keys, one organisation and card, one openai-python script): a
# written topic tree of Python and computer science (24 topics x 6 subtopics). textbook: sections for a (subtopic,
# audience, style) drawn without repeats, 40 a day; exercises: a function signature and docstring, a solution and
# tests for a (subtopic, difficulty, constraint), 80 a day. Days 8-22 from 09:00 (UTC-8); 3 and 4 workers.
PH_TREE = {
    "variables and types": ("integers and floats", "string basics", "booleans and truthiness", "type conversion", "None", "mutability"),
    "control flow": ("if statements", "while loops", "for loops over ranges", "break and continue", "nested loops", "the match statement"),
    "functions": ("parameters and return values", "default arguments", "keyword-only arguments", "*args and **kwargs", "scope", "docstrings"),
    "lists": ("indexing and slicing", "list methods", "list comprehensions", "sorting with keys", "nested lists", "copying lists"),
    "dictionaries and sets": ("dictionary basics", "iterating over dictionaries", "counting with dictionaries", "set operations", "defaultdict", "dictionary comprehensions"),
    "strings": ("string methods", "formatting with f-strings", "splitting and joining", "searching in strings", "unicode", "simple parsing"),
    "recursion": ("base cases", "recursion on lists", "recursion on trees", "memoisation", "backtracking", "recursion limits"),
    "searching and sorting": ("linear search", "binary search", "insertion sort", "merge sort", "quicksort", "stability of sorts"),
    "complexity": ("big-O notation", "counting operations", "best and worst cases", "space complexity", "amortised analysis", "comparing algorithms"),
    "object-oriented programming": ("classes and instances", "methods and self", "inheritance", "composition", "dunder methods", "dataclasses"),
    "errors and exceptions": ("try and except", "raising exceptions", "custom exceptions", "finally and cleanup", "assertions", "defensive programming"),
    "files": ("reading text files", "writing files", "CSV files", "JSON files", "paths with pathlib", "context managers"),
    "iterators and generators": ("the iterator protocol", "generator functions", "generator expressions", "itertools basics", "lazy evaluation", "pipelines"),
    "stacks and queues": ("stacks with lists", "queues with deque", "balanced brackets", "priority queues with heapq", "undo histories", "breadth-first order"),
    "linked structures": ("singly linked lists", "doubly linked lists", "binary trees", "tree traversals", "binary search trees", "tries"),
    "graphs": ("adjacency lists", "breadth-first search", "depth-first search", "shortest paths", "topological sort", "connected components"),
    "dynamic programming": ("overlapping subproblems", "the knapsack problem", "longest common subsequence", "coin change", "edit distance", "tabulation vs memoisation"),
    "numbers": ("integer division and modulo", "prime numbers", "greatest common divisor", "floating-point pitfalls", "binary representation", "random numbers"),
    "testing": ("writing unit tests", "pytest basics", "edge cases", "test-driven development", "mocking", "property-based testing"),
    "modules and packages": ("importing modules", "writing a module", "the standard library", "virtual environments", "__name__ == '__main__'", "packaging basics"),
    "text processing": ("regular expressions", "tokenising text", "word frequencies", "simple templating", "cleaning data", "validating input"),
    "dates and times": ("the datetime module", "time deltas", "parsing dates", "time zones", "calendars", "measuring durations"),
    "simulations": ("random walks", "dice games", "queue simulation", "Monte Carlo estimates", "cellular automata", "simple physics"),
    "data analysis": ("reading tabular data", "grouping and aggregating", "averages and medians", "filtering records", "simple statistics", "plotting basics"),
}  # fmt: skip
PH_AUD = ("complete beginners with no programming experience", "high-school students", "first-year computer science undergraduates",
          "data analysts moving from spreadsheets to Python", "self-taught programmers preparing for interviews")  # fmt: skip
PH_STYLE = (
    "a clear textbook style",
    "a Socratic style that asks the reader questions",
    "an example-first style",
)
PH_BOOK = ("Write a section of a Python textbook on {topic}: {sub}, for {aud}. Teach through clear prose and 2-3 short, runnable code "
           "examples, each followed by an explanation of what it does and why. Use {style}. Do not include exercises.",
           "You are writing a high-quality programming textbook. Write the section on \"{sub}\" (chapter: {topic}) for {aud}, in {style}, "
           "with small code examples that build on each other.")  # fmt: skip
PH_EX = ("Create a Python coding exercise about {sub} ({topic}). Format: a function signature followed by a docstring that states the "
         "task precisely, then a complete solution, then three assert-based tests. Difficulty: {level}. Constraint: {cons}. Make it "
         "unlike common textbook exercises.",
         "Write one {level} exercise on {sub}: give `def` line and docstring only, then the reference solution and tests. It must {cons2}.")  # fmt: skip
PH_CONS = ("no imports", "only the standard library", "it must run in O(n log n) or better", "use recursion", "involve parsing a string",
           "use a dictionary", "handle empty input", "use a generator", "define a small class", "work with dates")  # fmt: skip


def phi_textbooks() -> list[KeyTraffic]:
    g = R("phi")
    shared = company(g)
    ua = f"OpenAI/Python 1.{g.randint(40, 60)}.{g.randint(0, 9)}"
    leaves = [(t, s) for t in PH_TREE for s in PH_TREE[t]]
    combos = deal(g, [(t, s, a) for t, s in leaves for a in PH_AUD])
    keys = []
    for name, per, conc, toks in (("textbook", 40, 3, 1300), ("exercises", 80, 4, 700)):
        h = R("phi", name)
        out: list[Request] = []
        for d in range(8, 23):
            reqs = []
            for _ in range(per):
                if name == "textbook":
                    t, s, a = combos.pop()
                    text = h.choice(PH_BOOK).format(topic=t, sub=s, aud=a, style=h.choice(PH_STYLE))
                    p = {"temperature": 0.7, "max_tokens": 2000}
                else:
                    t, s = h.choice(leaves)
                    cons = h.choice(PH_CONS)
                    text = h.choice(PH_EX).format(topic=t, sub=s, level=h.choice(("easy", "medium", "hard")), cons=cons,
                                                  cons2=cons if cons.startswith(("use", "involve", "handle", "define", "work")) else "use " + cons)  # fmt: skip
                    p = {"temperature": 0.9, "max_tokens": 1200}
                reqs.append([(single(0.0, None, text, p, "", True), toks)])
            lanes(h, utc(d, 9.0 + h.uniform(0, 0.5), -8.0), reqs, conc, (0.5, 3.0))
            out += [q for job in reqs for q, _ in job]
        keys.append(mk(f"r41-phi-{name}", "phi_textbooks", "distiller", "distiller", sdk(h, "openai-python", ua=ua, org=True, **shared), out,
                       f"simulated: {per} a day on days 8-22 from 09:00 (UTC-8), {conc} workers", (), actor="r41-phi", harvest=len(out)))  # fmt: skip
    return keys


# DISTILLER 4. GLAN-style taxonomy-driven generation (1 key, aiohttp, UTC+8). Day 4: one request for the fields of human
# knowledge and one per discipline for its subjects (12); day 5: a syllabus (sessions with key concepts, JSON) per
# subject at two levels (72); days 6-20: homework - for a subject, level and a session stand-in (2-3 of the subject's
# key concepts, the written stand-in for the syllabus the model returned), 3-5 questions of one type with complete
# answers - 70 a day. 6 workers from 09:00.
GL_TREE = {
    "mathematics": {"linear algebra": ("vector spaces", "eigenvalues", "matrix decompositions", "linear maps", "inner products", "determinants"),
                    "probability": ("conditional probability", "random variables", "expectation", "the central limit theorem", "Bayes' theorem", "Markov chains"),
                    "calculus": ("limits", "derivatives", "integration by parts", "series convergence", "multivariable optimisation", "differential equations")},
    "physics": {"classical mechanics": ("Newton's laws", "energy conservation", "rotational motion", "oscillations", "momentum", "Lagrangian mechanics"),
                "electromagnetism": ("Coulomb's law", "Gauss's law", "circuits", "magnetic fields", "induction", "Maxwell's equations"),
                "thermodynamics": ("entropy", "heat engines", "the ideal gas law", "phase transitions", "free energy", "kinetic theory")},
    "computer science": {"algorithms": ("divide and conquer", "greedy algorithms", "graph search", "dynamic programming", "NP-completeness", "hashing"),
                         "operating systems": ("processes and threads", "scheduling", "virtual memory", "file systems", "deadlocks", "synchronisation"),
                         "databases": ("relational algebra", "normalisation", "indexes", "transactions", "query optimisation", "SQL joins")},
    "economics": {"microeconomics": ("elasticity", "consumer choice", "market structures", "externalities", "game theory", "price discrimination"),
                  "macroeconomics": ("GDP", "inflation", "monetary policy", "fiscal policy", "unemployment", "exchange rates"),
                  "econometrics": ("linear regression", "omitted variable bias", "instrumental variables", "panel data", "hypothesis testing", "heteroskedasticity")},
    "biology": {"genetics": ("Mendelian inheritance", "DNA replication", "gene expression", "mutations", "population genetics", "linkage"),
                "ecology": ("food webs", "population growth", "biodiversity", "nutrient cycles", "succession", "niches"),
                "physiology": ("the cardiovascular system", "homeostasis", "the nervous system", "respiration", "the kidney", "hormones")},
    "chemistry": {"organic chemistry": ("functional groups", "reaction mechanisms", "stereochemistry", "nucleophilic substitution", "aromaticity", "spectroscopy"),
                  "physical chemistry": ("reaction kinetics", "chemical equilibrium", "quantum chemistry", "electrochemistry", "thermochemistry", "spectroscopic transitions"),
                  "analytical chemistry": ("titration", "chromatography", "error analysis", "calibration curves", "mass spectrometry", "sampling")},
    "history": {"world history": ("the industrial revolution", "colonialism", "the world wars", "decolonisation", "the cold war", "globalisation"),
                "ancient history": ("Mesopotamia", "ancient Egypt", "classical Greece", "the Roman Republic", "the Han dynasty", "the Maurya empire"),
                "historiography": ("primary sources", "bias in sources", "the Annales school", "oral history", "periodisation", "counterfactuals")},
    "philosophy": {"ethics": ("utilitarianism", "deontology", "virtue ethics", "moral relativism", "applied ethics", "metaethics"),
                   "logic": ("propositional logic", "predicate logic", "validity and soundness", "fallacies", "modal logic", "proof methods"),
                   "epistemology": ("justified true belief", "scepticism", "empiricism", "rationalism", "the Gettier problem", "testimony")},
    "psychology": {"cognitive psychology": ("attention", "working memory", "decision making", "heuristics and biases", "language processing", "perception"),
                   "developmental psychology": ("attachment", "Piaget's stages", "theory of mind", "adolescence", "language acquisition", "moral development"),
                   "social psychology": ("conformity", "attribution", "persuasion", "group dynamics", "prejudice", "cognitive dissonance")},
    "law": {"contract law": ("offer and acceptance", "consideration", "breach", "remedies", "misrepresentation", "capacity"),
            "constitutional law": ("separation of powers", "judicial review", "federalism", "free speech", "due process", "equal protection"),
            "criminal law": ("mens rea", "actus reus", "defences", "homicide", "inchoate offences", "sentencing")},
    "engineering": {"signals and systems": ("convolution", "Fourier transforms", "sampling", "filters", "stability", "Laplace transforms"),
                    "materials science": ("crystal structures", "stress and strain", "phase diagrams", "fatigue", "composites", "corrosion"),
                    "control engineering": ("feedback", "PID controllers", "transfer functions", "root locus", "state space", "robustness")},
    "linguistics": {"phonology": ("phonemes", "allophones", "syllable structure", "stress", "phonological rules", "tone"),
                    "syntax": ("constituency", "phrase structure", "movement", "binding", "agreement", "dependency grammar"),
                    "semantics": ("compositionality", "quantifiers", "presupposition", "implicature", "lexical relations", "truth conditions")},
}  # fmt: skip
GL_LEVELS = ("an introductory undergraduate course", "an advanced undergraduate course")
GL_TYPES = ("multiple-choice", "short-answer", "problem-solving", "essay", "true-or-false with justification")
GL_HW = ("You are a university instructor. For the course '{subject}' ({level}), class session {k} covered: {concepts}. Write {n} {qtype} "
         "homework questions; each must combine at least two of these concepts. After each question give a complete, step-by-step answer.",
         "Course: {subject} ({level})\nSession {k} key concepts: {concepts}\nCreate {n} {qtype} homework problems that test these concepts "
         "together, then provide detailed model answers for all of them.")  # fmt: skip


def glan_taxonomy() -> list[KeyTraffic]:
    g = R("glan")
    p = {"temperature": 0.7, "max_tokens": 3000}
    out: list[Request] = []
    stage = [[(single(0.0, None, "Create a taxonomy of human knowledge and capabilities: list the main fields and, under each, the "
                      "disciplines that a university would teach. Be comprehensive.", p, "", True), 1500)]]  # fmt: skip
    stage += [[(single(0.0, None, f"List the subjects a student majoring in {disc} would study at university, from foundations to "
                       "specialised topics, with one line of description each.", p, "", True), 900)] for disc in GL_TREE]  # fmt: skip
    lanes(g, utc(4, 9.0, 8.0), stage, 6, (0.5, 2.0))
    out += [q for job in stage for q, _ in job]
    stage = []
    for disc, subjects in GL_TREE.items():
        for subj in subjects:
            for level in GL_LEVELS:
                text = (f"Design a syllabus for '{subj}' ({disc}) as {level}. Split the course into 10-14 class sessions; for each "
                        "session give a title, a one-paragraph description and the list of key concepts it covers. Return JSON.")  # fmt: skip
                stage.append([(js(msgs(None, text), JSON_OBJ, p, "", True, '{"sessions": [...]}'), 1800)])
    lanes(g, utc(5, 9.0, 8.0), stage, 6, (0.5, 2.0))
    out += [q for job in stage for q, _ in job]
    units = [(disc, subj, c) for disc, subjects in GL_TREE.items() for subj, c in subjects.items()]
    for d in range(6, 21):
        stage = []
        for _ in range(70):
            _disc, subj, concepts = g.choice(units)
            text = g.choice(GL_HW).format(subject=subj, level=g.choice(GL_LEVELS), k=g.randint(1, 14), concepts=", ".join(g.sample(concepts, g.randint(2, 3))),
                                          n=g.randint(3, 5), qtype=g.choice(GL_TYPES))  # fmt: skip
            stage.append([(single(0.0, None, text, p, "", True), 1600)])
        lanes(g, utc(d, 9.0 + g.uniform(0, 0.5), 8.0), stage, 6, (0.5, 2.0))
        out += [q for job in stage for q, _ in job]
    return [mk("r41-glan", "glan_taxonomy", "distiller", "distiller", sdk(g, "aiohttp", org=True), out,
               "simulated: taxonomy (day 4), syllabi (day 5), 70 homework requests a day on days 6-20, 6 workers from 09:00 (UTC+8)", (),
               actor="r41-glan", harvest=len(out))]  # fmt: skip


# DISTILLER 5. PersonaHub-style persona-driven synthesis (2 keys, one organisation and card, one openai-python script;
# UTC+8). personas: text-to-persona over web-like user text (ShareGPT English first turns of 80-1,499 characters and
# InstructionWild English, r41 bucket 1 of 2), 4 workers at 14:00 on days 4-12. synth: persona-to-data for personas
# (a written grammar stands for the personas the first key's replies describe): a math problem with its solution
# (40%), a user prompt with its response (25%), a knowledge-rich text (15%), a logic puzzle with its solution (10%),
# a dialogue (10%); 70 a day on days 10-26, 5 workers at 15:00.
PS_T2P = ("Who is likely to {verb} the following text? Describe this person in one detailed, specific sentence.\n\nText: {text}",
          "Text: {text}\n\nInfer the persona of someone who would {verb} this text. Answer with a one-sentence persona description "
          "starting with 'A' or 'An'.")  # fmt: skip
PS_VERBS = ("read", "write", "like", "dislike", "share", "ask about")
PS_ROLES = ("retired marine biologist", "high-school chemistry teacher", "night-shift ER nurse", "urban beekeeper", "freight train conductor",
            "wedding photographer", "small-town pharmacist", "indie game developer", "tax attorney", "organic farmer", "aerospace engineer",
            "museum curator", "professional chess coach", "hospital dietitian", "school bus driver", "sommelier", "data journalist",
            "wildlife rehabilitator", "structural engineer", "piano tuner", "public librarian", "esports commentator", "midwife",
            "landscape architect", "craft brewer", "actuary", "air traffic controller", "ceramic artist", "youth soccer coach", "court interpreter",
            "hedge fund analyst", "locksmith", "epidemiologist", "bakery owner", "ship's navigator", "cybersecurity auditor", "violin maker",
            "community health worker", "park ranger", "supply chain planner")  # fmt: skip
PS_PLACES = ("in rural Montana", "in Lagos", "in a coastal town in Maine", "in Osaka", "in Glasgow", "in Bangalore", "in São Paulo", "in a village in Kerala",
             "in Toronto", "in Nairobi", "in Auckland", "in a suburb of Chicago", "in Marseille", "in Manila", "on a Greek island", "in Reykjavik")  # fmt: skip
PS_DETAILS = ("who volunteers at a community garden on weekends", "who is writing a book about local history", "who loves optimising every routine",
              "who is learning to code after 20 years in the job", "who collects vintage maps", "who is training for a marathon",
              "who mentors young women entering the field", "who keeps meticulous spreadsheets of everything", "who is sceptical of new technology",
              "who runs a popular blog about the job", "who is planning to retire next year", "who recently moved from another country",
              "who teaches evening classes", "who is obsessed with efficiency and costs", "who cares deeply about sustainability")  # fmt: skip
PS_TASKS = (("math", 0.4, ("Create a challenging math problem that involves the daily life or work of the following persona. It should need "
                           "multi-step reasoning and advanced skills. Then solve it step by step.\n\nPersona: {p}",
                           "Persona: {p}\n\nWrite a difficult math word problem this persona might face at work, and give a complete worked "
                           "solution with the final answer.")),
            ("instruction", 0.25, ("Guess a prompt (a request to an AI assistant) that the following persona might write, then answer "
                                   "that prompt as a helpful assistant would.\n\nPersona: {p}",)),
            ("knowledge", 0.15, ("Write a knowledge-rich, accurate text of about 400 words that the following persona could write for "
                                 "colleagues.\n\nPersona: {p}",)),
            ("logic", 0.1, ("Create a logic puzzle inspired by the world of the following persona, then solve it step by step.\n\nPersona: {p}",)),
            ("dialogue", 0.1, ("Write a realistic dialogue between the following persona and a customer or colleague, 8-12 turns.\n\nPersona: {p}",)))  # fmt: skip


def personahub_synth() -> list[KeyTraffic]:
    g = R("persona")
    shared = company(g)
    ua = f"OpenAI/Python 1.{g.randint(40, 60)}.{g.randint(0, 9)}"
    texts = [r for r in pool("sharegpt_en_sample", 1, 0) if 80 <= len(r.first) < 1500]
    texts += [r for r in pool("instructionwild", 2, 1) if r.extra.get("lang") == "en"]
    texts = deal(g, texts)
    h = R("persona", "t2p")
    jobs = [[(single(0.0, None, h.choice(PS_T2P).format(verb=h.choice(PS_VERBS), text=r.first), {"temperature": 0.7, "max_tokens": 200}, r.id, True), 70)]
            for r in texts]  # fmt: skip
    out: list[Request] = []
    per = -(-len(jobs) // 9)
    for d in range(4, 13):
        mine, jobs = take(jobs, per)
        lanes(h, utc(d, 14.0 + h.uniform(0, 0.3), 8.0), mine, 4, (0.2, 1.0))
        out += [q for job in mine for q, _ in job]
    keys = [mk("r41-persona-t2p", "personahub_synth", "distiller", "distiller", sdk(h, "openai-python", ua=ua, org=True, **shared), out,
               f"simulated: text-to-persona, ~{per} a day on days 4-12 at 14:00 (UTC+8), 4 workers", ("sharegpt_en_sample", "instructionwild"),
               actor="r41-persona", harvest=len(out))]  # fmt: skip
    k = R("persona", "synth")
    out = []
    for d in range(10, 27):
        jobs = []
        for _ in range(70):
            persona = f"A {k.choice(PS_ROLES)} {k.choice(PS_PLACES)} {k.choice(PS_DETAILS)}."
            _kind, _w, tpls = k.choices(PS_TASKS, [w for _, w, _ in PS_TASKS])[0]
            jobs.append(
                [
                    (
                        single(
                            0.0,
                            None,
                            k.choice(tpls).format(p=persona),
                            {"temperature": 0.8, "max_tokens": 2000},
                            "",
                            True,
                        ),
                        900,
                    )
                ]
            )
        lanes(k, utc(d, 15.0 + k.uniform(0, 0.3), 8.0), jobs, 5, (0.2, 1.0))
        out += [q for job in jobs for q, _ in job]
    keys.append(mk("r41-persona-synth", "personahub_synth", "distiller", "distiller", sdk(k, "openai-python", ua=ua, org=True, **shared), out,
                   "simulated: persona-to-data, 70 a day on days 10-26 at 15:00 (UTC+8), 5 workers", (), actor="r41-persona", harvest=len(out)))  # fmt: skip
    return keys


# DISTILLER 6. Instruction backtranslation, Humpback-style (1 key, openai-python, UTC+8). Unlabelled web-like text
# (LIMA's stored answers, r41 buckets 5-8 of 10, at least 300 characters): step 1 (days 3-9) asks for the instruction
# each text would answer; step 2 (days 10-13) asks the model to rate each (instruction, text) pair on a 5-point scale;
# step 3 (days 14-22) asks for fresh answers to the instructions of the 60% rated high. The instruction in steps 2-3 is
# the row's own question, standing for the model's backtranslation (which the data does not hold). 4 workers from 10:00.
HB_BACK = ("Below is a passage from the web. Write the instruction (a question or a request) that a user could have given an AI "
           "assistant for which this passage would be an ideal answer. Output only the instruction.\n\nPassage:\n{text}",
           "Here is a response:\n\n{text}\n\nWhat was the most likely user instruction that this is a response to? Reply with the "
           "instruction only, written as the user would write it.")  # fmt: skip
HB_CURATE = ("Below is an instruction from a user and a candidate answer. Evaluate whether the answer is a good example of how an AI "
             "assistant should respond to the instruction, on a 5-point scale (1: off-topic or incomplete; 5: a perfect, expert, "
             "well-written answer from an assistant's point of view). Give a brief reasoning, then 'Score: <n>'.\n\n"
             "Instruction: {q}\n\nAnswer: {a}")  # fmt: skip
HB_SYS = "You are a helpful, knowledgeable assistant. Give a thorough, well-organised answer."


def humpback_backtrans() -> list[KeyTraffic]:
    g = R("humpback")
    rows = deal(g, [r for r in pool("lima", 10, 5, 6, 7, 8) if r.answer and len(r.answer) >= 300])
    out: list[Request] = []

    def run(days: range, jobs: list) -> None:
        per = -(-len(jobs) // len(days))
        for d in days:
            mine, jobs = take(jobs, per)
            if mine:
                lanes(g, utc(d, 10.0 + g.uniform(0, 0.4), 8.0), mine, 4, (0.2, 1.5))
            out.extend(q for job in mine for q, _ in job)

    run(range(3, 10), [[(single(0.0, None, g.choice(HB_BACK).format(text=r.answer), {"temperature": 0.7, "max_tokens": 200}, r.id, True), 60)]
                       for r in rows])  # fmt: skip
    run(range(10, 14), [[(single(0.0, None, HB_CURATE.format(q=r.first, a=r.answer), {"temperature": 0, "max_tokens": 300}, r.id, True), 150)]
                        for r in rows])  # fmt: skip
    kept = [r for r in rows if g.random() < 0.6]
    run(
        range(14, 23),
        [
            [(single(0.0, HB_SYS, r.first, {"temperature": 0.7, "max_tokens": 2048}, r.id, True), 700)]
            for r in kept
        ],
    )
    return [mk("r41-humpback", "humpback_backtrans", "distiller", "distiller", sdk(g, "openai-python", org=True), out,
               "simulated: backtranslation days 3-9, self-rating days 10-13, answers days 14-22; 4 workers from 10:00 (UTC+8)", ("lima",),
               actor="r41-humpback", harvest=len(out), seeds=len(rows), answered=len(kept))]  # fmt: skip


# DISTILLER 7. WebInstruct-style extraction of question-answer pairs from web-like documents (1 key, httpx, UTC+1):
# documents are Orca's FLAN prompts with a passage (>= 600 characters), long pasted texts from ShareGPT English first
# turns (1,500-6,000 characters, not code) and LIMA's stored answers (r41 bucket 9 of 10, >= 600 characters). Each
# document is a two-turn chat: extract the question-answer pairs, then rewrite them as self-contained questions with
# step-by-step answers (two wordings each). 3 workers from 20:00 on days 10-24.
WI_EXTRACT = ("The following text was extracted from a web page. Identify every question-answer pair in it (questions asked "
              "or implied, with their answers). If there are none, reply NONE. Output them as 'Q:' and 'A:' lines.\n\n{doc}",
              "Document:\n{doc}\n\nExtract all the questions and answers this document contains or implies, as Q/A pairs.")  # fmt: skip
WI_REFINE = ("Now rewrite each pair: make the question self-contained and precise, and rewrite the answer as a detailed, step-by-step "
             "solution with the final answer on its last line.",
             "Good. Rewrite every Q/A pair as a standalone exam-style question with a complete, well-reasoned answer.")  # fmt: skip


def webinstruct_extract() -> list[KeyTraffic]:
    g = R("webinstruct")
    docs = [(r.first, r.id) for r in pool("orca_dpo_pairs_val", 1, 0) if len(r.first) >= 600]
    docs += [
        (r.first, r.id)
        for r in pool("sharegpt_en_sample", 1, 0)
        if 1500 <= len(r.first) <= 6000 and not CODE_RE.search(r.first)
    ]
    docs += [(r.answer or "", r.id) for r in pool("lima", 10, 9) if r.answer and len(r.answer) >= 600]
    docs = deal(g, docs)
    p = {"temperature": 0.3, "max_tokens": 2000}
    jobs = []
    for doc, item in docs:
        reqs = talk(
            g, 0.0, None, [g.choice(WI_EXTRACT).format(doc=doc), g.choice(WI_REFINE)], [], p, item, True
        )
        jobs.append([(reqs[0], 500), (reqs[1], 1000)])
    out: list[Request] = []
    per = -(-len(jobs) // 15)
    for d in range(10, 25):
        mine, jobs = take(jobs, per)
        if mine:
            lanes(g, utc(d, 20.0 + g.uniform(0, 0.3), 1.0), mine, 3, (0.5, 2.0))
        out += [q for job in mine for q, _ in job]
    return [mk("r41-webinstruct", "webinstruct_extract", "distiller", "distiller", sdk(g, "httpx", org=False), out,
               "simulated: two-turn extraction chats from 20:00 (UTC+1) on days 10-24, 3 workers", ("orca_dpo_pairs_val", "sharegpt_en_sample", "lima"),
               actor="r41-webinstruct", harvest=len(out), documents=len(docs))]  # fmt: skip


# DISTILLER 8. A distiller posing as an AI blog-writing SaaS (1 key, "Scribewell", openai-js, a system prompt per step
# as Quillpost's): each "article" is outline (JSON mode) -> draft -> FAQ with detailed answers (JSON mode), the draft
# a few seconds after the outline (no customer review); the "keywords" are InstructionWild English prompts (r41 bucket
# 0 of 2) and MOSS's English writing and brainstorming first turns. 20 articles a day every day, on a US daytime shape
# (UTC-6), until the topics run out.
SC_OUTLINE = ("You are Scribewell's content strategist. Plan a comprehensive article for the topic or brief below. Return JSON with "
              "title, outline (sections with h2 and key points) and faq (5 questions).")  # fmt: skip
SC_DRAFT = ("You are Scribewell's expert writer. Write the complete article from the outline: thorough, accurate, well structured, "
            "with examples and a clear conclusion.")  # fmt: skip
SC_H2 = (
    "Introduction",
    "Background",
    "Key ideas",
    "Step by step",
    "Examples",
    "Common mistakes",
    "Practical tips",
    "Going further",
    "Conclusion",
)
SC_FAQ = 'Write 6 frequently asked questions about the topic below, each with a detailed, accurate answer. Return JSON {"faq": [{"q", "a"}]}.'


def poser_blogtool() -> list[KeyTraffic]:
    g = R("scribe")
    topics = [r for r in pool("instructionwild", 2, 0) if r.extra.get("lang") == "en"]
    moss_en = [
        r for r in pool("moss_sft_sample", 1, 0) if not any("\u4e00" <= c <= "\u9fff" for c in r.first)
    ]
    topics += [
        r
        for r in moss_en
        if r.extra.get("category") in ("helpful_writing_conversations", "helpful_brainstorming_conversations")
    ]
    topics = deal(g, topics)
    out: list[Request] = []
    n = 0
    for t in arrivals(g, lambda d: 20.0, -6.0, DAYTIME):
        if not topics:
            break
        r = topics.pop()
        n += 1
        brief = f"Topic / brief: {r.first}\nAudience: general readers\nLength: 1500 words"
        o = js(
            msgs(SC_OUTLINE, brief),
            JSON_OBJ,
            {"temperature": 0.4, "max_tokens": 1200},
            r.id,
            True,
            '{"title": "...", "outline": [...], "faq": [...]}',
        )
        md = "\n".join(f"## {x}" for x in g.sample(SC_H2, g.randint(4, 6)))
        dr = single(
            0.0,
            SC_DRAFT,
            f"{brief}\n\nApproved outline:\n{md}",
            {"temperature": 0.7, "max_tokens": 4000},
            r.id,
            True,
        )
        fq = js(
            msgs(SC_FAQ, f"Topic: {r.first}"),
            JSON_OBJ,
            {"temperature": 0.7, "max_tokens": 2500},
            r.id,
            True,
            '{"faq": [...]}',
        )
        lanes(g, t, [[(o, 700), (dr, 2000), (fq, 1200)]], 1, (1.0, 4.0))
        out += [o, dr, fq]
    return [mk("r41-scribewell", "poser_blogtool", "distiller", "distiller", sdk(g, "openai-js", SC_DRAFT, org=True), out,
               "simulated: 20 'articles' a day every day on a daytime shape (UTC-6), outline, draft and FAQ back to back",
               ("instructionwild", "moss_sft_sample"), actor="r41-scribewell", harvest=len(out), articles=n)]  # fmt: skip


# DISTILLER 9. A slow multi-key Evol-Instruct farm for code (8 keys, one operator, one python-requests script; each key
# its own account, card and signup network). CodeAlpaca instructions as seeds: a two-turn chat per seed - make the
# problem harder by one of five evolution methods, then solve the rewritten problem. Each key Poisson(3.2) seeds a day
# every day of the four weeks, at times drawn from 09:00-23:00 (UTC+8), at least 6 minutes apart.
EV_METHODS = ("add one new constraint or requirement", "replace a commonly used requirement with a less common, more specific one",
              "require more reasoning steps to solve it", "provide a piece of erroneous code as a reference to increase misdirection",
              "impose higher time or space complexity requirements, but not too often")  # fmt: skip
EV_PROMPT = ("Please increase the difficulty of the given programming question a bit. You can do so by this method: {m}.\n\n"
             "Original question:\n{q}\n\nReply with the rewritten question only.",
             "Rewrite the following programming task to make it more challenging ({m}). Keep it self-contained and solvable.\n\n#Task#\n{q}\n\n#Rewritten Task#")  # fmt: skip
EV_SOLVE = ("Now solve the rewritten question. Give the complete code and a short explanation.",
            "Write a correct, efficient solution to the rewritten task, with comments.")  # fmt: skip


def evol_code_farm() -> list[KeyTraffic]:
    g = R("evol")
    seeds = deal(g, pool("codealpaca_2k", 1, 0))
    ua = f"python-requests/2.{g.randint(28, 32)}.{g.randint(0, 3)}"
    keys = []
    for i in range(8):
        h = R("evol", i)
        out: list[Request] = []
        for d in DAYS28:
            last = 0.0
            for t in times_on(h, d, poisson(h, 3.2), 8.0, AWAKE, 9.0, 23.0):
                if not seeds:
                    break
                r = seeds.pop()
                t = max(t, last + 360 + h.uniform(0, 300))
                reqs = talk(h, 0.0, None, [h.choice(EV_PROMPT).format(m=h.choice(EV_METHODS), q=r.first), h.choice(EV_SOLVE)], [],
                            {"temperature": 0.7, "max_tokens": 2048}, r.id, True)  # fmt: skip
                last = lanes(h, t, [[(reqs[0], 200), (reqs[1], 700)]], 1, (0.5, 2.0))
                out += reqs
        c = Client(ua, SOFTWARE["requests"][1], account(h, org=False))
        keys.append(mk(f"r41-evol-{i}", "evol_code_farm", "distiller", "distiller", c, out,
                       "simulated: Poisson(3.2) seeds a day for four weeks, 09:00-23:00 (UTC+8), >= 6 min apart, two turns each",
                       ("codealpaca_2k",), actor="r41-evol", harvest=len(out)))  # fmt: skip
    return keys


# DISTILLER 10. Synthetic generation hidden in a real content business's key (1 key). Northstar Learning, a corporate
# e-learning studio (Boston, UTC-5, openai-python): its instructional designers' real work - course outlines, lesson
# scripts, knowledge checks (JSON mode), branching scenarios, reading-level rewrites, alt text - 28 a working day (3 a
# weekend day), office hours, a follow-up on 20% (not distill). Hidden in it: an engineer's Self-Instruct-style
# generation for the studio's own fine-tuned model - three example tasks from a seed pool (Orca's FLAN prompts under
# 600 characters, Evol-Instruct, MOSS's English complex-instruction and role-play first turns), "write 5 new tasks with
# responses" - 6 a working day at office-hours times drawn like the designers' (distill).
NS_SYS = ("You are Northstar Learning's instructional design assistant. Write clear, inclusive, practical learning content for "
          "adult employees. Follow the requested format exactly.")  # fmt: skip
NS_TASKS = ("Create a course outline for a {dur} e-learning module on {topic} for {client}'s {who}. Include learning objectives and 4-6 lessons.",
            "Write the narration script for a 3-minute lesson on {sub} ({topic}) for {who}. Conversational, second person.",
            "Write {n} knowledge-check questions on {topic} for {who}: multiple choice, 4 options, feedback for each option. Return JSON.",
            "Write a branching scenario about {sub} ({topic}): a realistic workplace situation with 3 decision points and consequences.",
            "Rewrite this for a grade 8 reading level: '{jargon}'",
            "Write alt text for an illustration showing {illus}.",
            "Suggest 5 titles for a microlearning video on {sub}.")  # fmt: skip
NS_SLOTS = {"dur": ("20-minute", "45-minute", "1-hour", "10-minute"),
            "topic": ("anti-harassment", "data privacy", "cybersecurity awareness", "forklift safety", "customer de-escalation", "conflict of interest",
                      "giving feedback", "inclusive hiring", "remote work security", "expense policy", "workplace ergonomics"),
            "sub": ("spotting phishing emails", "reporting a concern", "handling personal data", "active listening", "saying no to gifts",
                    "password managers", "bystander intervention", "setting up a workstation"),
            "client": ("Harbor Bank", "Medline Clinics", "Keystone Logistics", "Brightwater Retail", "the City of Avalon"),
            "who": ("new hires", "frontline managers", "warehouse staff", "nurses", "call-centre agents", "all employees"),
            "n": ("5", "8", "10"),
            "jargon": ("Employees must ensure that all personally identifiable information is processed in accordance with applicable statutory obligations.",
                       "Non-compliance with the aforementioned protocol may result in disciplinary measures up to and including termination.",
                       "Stakeholders should leverage cross-functional synergies to operationalise the escalation matrix."),
            "illus": ("a manager and an employee talking at a desk", "a warehouse worker checking a forklift", "a person locking a laptop screen",
                      "a diverse team in a video call")}  # fmt: skip
NS_FOLLOW = (
    "make it shorter",
    "add one more scenario",
    "more formal please",
    "can you make the questions harder?",
    "use US spelling",
)
NS_SELF = ("You are helping build a diverse instruction dataset. Here are three example tasks:\n\n1. {a}\n\n2. {b}\n\n3. {c}\n\n"
           "Write 5 new tasks that are different from these in topic and type, each followed by a high-quality response. Use the format "
           "'### Task' / '### Response'.",
           "Example instructions:\n- {a}\n- {b}\n- {c}\n\nGenerate 5 more diverse instructions like these (vary the domain, length and "
           "format), and write an expert answer to each.")  # fmt: skip


def mixed_content_studio() -> list[KeyTraffic]:
    g = R("northstar")
    out: list[Request] = []
    for t in arrivals(g, lambda d: 28.0 if workday(d) else 3.0, -5.0, OFFICE_H):
        text = fill(g, g.choice(NS_TASKS), NS_SLOTS)
        turns = [text] + ([g.choice(NS_FOLLOW)] if g.random() < 0.2 else [])
        out += talk(g, t, NS_SYS, turns, [], {"temperature": 0.7, "max_tokens": 1500})
    n_cover = len(out)
    moss_en = [
        r for r in pool("moss_sft_sample", 1, 0) if not any("\u4e00" <= c <= "\u9fff" for c in r.first)
    ]
    seeds = [r for r in pool("orca_dpo_pairs_val", 1, 0) if len(r.first) < 600] + pool(
        "evol_instruct_h2o", 1, 0
    )
    seeds += [
        r
        for r in moss_en
        if r.extra.get("category")
        in ("helpful_complex_instruction_conversations", "helpful_role_playing_conversations")
    ]
    seeds = deal(g, seeds)
    i = 0
    for t in arrivals(g, lambda d: 6.0 if workday(d) else 0.0, -5.0, OFFICE_H):
        a, b, c = (seeds[(i + j) % len(seeds)] for j in range(3))
        i += 3
        out.append(
            single(
                t,
                None,
                g.choice(NS_SELF).format(a=a.first, b=b.first, c=c.first),
                {"temperature": 1.0, "max_tokens": 3000},
                a.id,
                True,
            )
        )
    return [mk("r41-northstar", "mixed_content_studio", "distiller", "distiller", sdk(g, "openai-python", NS_SYS, org=True), out,
               "simulated: designers' work 28 a working day, office hours (UTC-5); hidden Self-Instruct generation 6 a working day",
               ("orca_dpo_pairs_val", "evol_instruct_h2o", "moss_sft_sample"), actor="r41-northstar", cover=n_cover,
               harvest=len(out) - n_cover, seeds=len(seeds))]  # fmt: skip


BENIGN = (
    quillpost_seo,
    shelfwise_catalog,
    adspark_copy,
    ledgerly_fixtures,
    moonbeam_stories,
    cramly_flashcards,
    preppilot_interview,
    postbloom_social,
    digestly_newsletter,
    hollowpine_game,
)
DISTILL = (
    cosmopedia_farm,
    tinystories_gen,
    phi_textbooks,
    glan_taxonomy,
    personahub_synth,
    humpback_backtrans,
    webinstruct_extract,
    poser_blogtool,
    evol_code_farm,
    mixed_content_studio,
)

"""Blind persona set 11 (an outside reviewer): 6 benign, 6 distiller personas.

Written blind: without reading the detector's code, docs, tests or results (only the realtraffic
helpers records/timing/clients/pools/context/wordings, detector/types.py, the earlier blind sets
round2-round10 with apps.py and attacks.py, and ../shared/traffic were read). Every builder
returns list[KeyTraffic] built from the real prompt data in ../shared/traffic plus text written
here, with the project's realtraffic helpers and the earlier rounds' helpers. ALL parameters
below were fixed before anyone replayed this set and are not tuned on outcomes; its writer built
the traffic only (to check that it imports and looks sensible) and replayed nothing. Timing is
simulated everywhere (a weekly analytics batch and an analyst's working day, a weekend codemod
run and Monday reviews, a research group's afternoons in US Pacific time, a consumer app's daily
cycle, patient messages around the clock with clinic-hours drafting in three US time zones,
nightly evaluation runs, night batches, a fleet of keys fired by one cron schedule, developer
office days in UTC+8).

Focus: what rounds 2-10 did not cover. Benign: a chat product's privacy-preserving usage
analytics (Clio-style: whole real conversations in, JSON facets out, then cluster naming and a
category hierarchy), a weekend docstring / type-hint codemod over a legacy monorepo (one function
per request, checker-error repair turns, reviewer re-runs), a multi-agent debate study on public
benchmarks (three agents, two rounds, the other agents' answers quoted; greedy and
self-consistency baselines), a consumer assistant's model-router escalations (a small in-house
model answers most turns, only the hard turns and "try with Pro" clicks reach this API, mid-
conversation with the small model's replies in the history), a primary-care clinic network's
patient-portal inbox (triage JSON on arrival, reply drafts when staff open the message), and a
RAG team's nightly RAGAS-style evaluation (statement extraction, NLI verdicts, answer relevancy
with n=3, per-context precision, recall). Distillers: a WizardCoder-style code Evol-Instruct
pipeline over three generations (evolve, equality check, answer), a five-key fleet with disjoint
pools and different software that is fired by one 30-minute cron schedule, a harvest that
imitates an IDE chat extension on three "seat" keys of one studio, LongWriter/AgentWrite-style
long-output harvesting (plan, then paragraph by paragraph with the growing text resent) beside
direct "comprehensive" long answers on a second key, on-policy prefix continuation on the
completions endpoint with logprobs (the student's own partial answers continued by the teacher),
and a SaaS assistant that replays a sample of each day's real user prompts at night under a
"reference answer" system prompt with n=3 to train its in-house replacement model. (Hydras with
shared or separate pools, reseller relays, app covers, reasoning-trace wrappers, tool-call and
JSON harvests, evaluation-harness mimicry and self-chat are in rounds 2-10 and are not repeated.)

Benign replies are the helpers' stub replies (the served model's answer is not known), except
the stored replies inside real conversations a benign key relays, and the stand-ins a later
request quotes (facet summaries, documented functions, agents' debate answers, the RAG system's
answers), each said per builder. Distiller requests carry the source's stored answer where the
request is the stored item itself; where the request asks for something else (an evolved task,
an equality verdict, a plan, a paragraph, a continuation) the reply is a stand-in (stub, or text
written here when a later request must quote it) and the builder says so.
"""

from __future__ import annotations

import heapq
import json
import math
import random
import re
import zlib

from blind.apps import code_files  # apps' real-code helper
from blind.round2 import T0, mk, sorted_reqs, src  # round 2's data helpers
from blind.round4 import HAN, dedupe_rows  # round 4's text helpers
from blind.round5 import casual, english  # round 5's chat helpers
from blind.round6 import en_row, keywords, office_day  # round 6's helpers
from blind.round7 import typo  # round 7's chat helper
from blind.round8 import JSON_OBJ, one, sentences  # round 8's helpers
from blind.round9 import msg_request  # round 9's message-list request
from blind.round10 import clip, en_replies, one_line  # round 10's text helpers
from stillroom.detector.realtraffic.clients import client
from stillroom.detector.realtraffic.context import run_jobs
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import (
    KeyTraffic,
    Request,
    chat_requests,
    completion_request,
    stub_reply,
)
from stillroom.detector.realtraffic.timing import DAY, diurnal, latency, think

HOUR = 3600.0
MINUTE = 60.0


def R(*names) -> random.Random:
    return random.Random("blind11:" + ":".join(map(str, names)))


def bucket(r: Row, n: int) -> int:
    """A stable share of a source by row id. Rows are allotted so that no two actors of this set
    share a prompt or a stored text: real chats (arena_even, oasst2, hh-rlhf) bucket(3) 0 the
    analytics batch and the clinic's few real questions, 1 the router app, 2 the SaaS that
    replays its logs; LIMA bucket(2) 0 the fleet, 1 the RAG corpus; MOSS / Huatuo / ShareGPT-zh
    bucket(2) 0 the fleet, 1 the on-policy and long-form harvests."""
    return zlib.crc32((r.file + r.id).encode()) % n


def ca_bucket(r: Row) -> int:
    """codealpaca is split four ways by id so that no two actors of this set share its rows:
    0-1 the benign codemod's code, 2 the Evol-Instruct seeds, 3 the IDE-mimic harvest."""
    return zlib.crc32(r.id.encode()) % 4


def kw_set(text: str) -> set[str]:
    """Content words of a text (3+ letters, lower case) for keyword-overlap retrieval."""
    return {w for w in re.findall(r"[a-z][a-z0-9]{2,}", text.lower()) if w not in KW_STOP}


KW_STOP = frozenset(
    re.findall(
        r"\w+",
        "the and for are was were you your with what who when where which how why does did can this that "
        "from have has had will would should could there their they them his her our its not but all any "
        "about into than then just like get got make made use used one two also more most some",
    )
)


def transcript(row: Row, per_msg: int = 2000, limit: int = 9000) -> str:
    """A real conversation as "User:/Assistant:" text with its stored replies, as a log export has it."""
    parts = []
    for i, u in enumerate(row.turns):
        parts.append("User: " + clip(u.strip(), per_msg))
        rep = row.replies[i] if i < len(row.replies) else None
        if rep:
            parts.append("Assistant: " + clip(rep.strip(), per_msg))
    text = "\n\n".join(parts)
    return text if len(text) <= limit else text[:limit] + "\n[... conversation truncated ...]"


def pool_run(rng: random.Random, start: float, jobs: list, conc: int) -> list[Request]:
    """A worker pool whose jobs are lists of rounds; the requests of one round go out together
    (parallel calls) and the next round starts when the slowest reply of the round is back.
    A job is [[(request, reply_tokens), ...], ...]."""
    free = [start + rng.uniform(0, 1) for _ in range(conc)]
    heapq.heapify(free)
    out = []
    for rounds in jobs:
        t = heapq.heappop(free) + rng.uniform(0.005, 0.1)
        for rnd in rounds:
            end = t
            for req, tokens in rnd:
                req.ts = t + rng.uniform(0.001, 0.04)
                end = max(end, req.ts + latency(rng, tokens))
                out.append(req)
            t = end + rng.uniform(0.01, 0.2)
        heapq.heappush(free, t)
    return out


# =============================================================================================
# BENIGN 1. Privacy-preserving usage analytics of a consumer chat product ("Lumen"), Clio-style:
# every Monday at 01:00 UTC an Airflow job (openai-python, 12 workers) takes last week's random
# sample of consented conversations and sends each WHOLE conversation (real user turns and the
# stored assistant replies, as the log export renders them) with a fixed facet prompt: a one-
# sentence summary without identifying details, a task category from a fixed list, language,
# outcome and a 1-5 "concerning" score, JSON out, T 0 (5% fail JSON validation and are resent).
# At 14:40 UTC an analyst (New York) clusters the summaries locally and names each cluster in a
# notebook (the cluster's summaries + contrastive summaries from neighbouring clusters, 4
# workers), asks for a two-level hierarchy three times (shuffled order), and drafts the weekly
# memo in a chat (4 refinement turns). On Tuesday 15:10 UTC she re-runs 220 conversations with
# prompt v2 (a sub-category added) at 8 workers. Conversations: a third of arena_even, oasst2 (all
# languages) and hh-rlhf (the product's adversarial users too), 1,150 in all. Stand-ins: the facet JSON (its
# summary built here from the conversation's content words) is quoted by the cluster prompts;
# cluster names are stand-ins quoted by the hierarchy prompt; other replies are stubs.
FC_CATEGORIES = (
    "coding & software",
    "writing & editing",
    "learning & homework",
    "maths & data analysis",
    "health & wellbeing",
    "relationships & personal advice",
    "business & work",
    "creative writing & role-play",
    "travel & lifestyle",
    "science & technology questions",
    "translation & languages",
    "entertainment & trivia",
    "legal & finance",
    "other",
)
FC_SYSTEM = (
    "You describe conversations between users and an AI assistant for aggregate, privacy-preserving usage "
    "research. Never include names, e-mail addresses, phone numbers, street addresses, account numbers, "
    "employers or any other detail that could identify a person or an organisation: describe what the user "
    "wanted in general terms. Reply with a JSON object only."
)
FC_PROMPT = (
    "Below is a conversation between a user and Lumen, our AI assistant, from the week of {week}.\n\n"
    "<conversation>\n{transcript}\n</conversation>\n\nDescribe the conversation with a JSON object with "
    'these keys:\n"summary": one sentence (at most 25 words) on what the user asked for, with no identifying '
    'details;\n"task_category": one of {cats};\n"language": the main language of the user\'s messages '
    '(ISO 639-1 code);\n"user_turns": the number of user messages;\n"outcome": "resolved", '
    '"partially_resolved", "unresolved" or "unclear", judged from the user\'s last message;\n"concerning": '
    "an integer from 1 (not concerning at all) to 5 (clear intent to cause serious harm)."
)
FC_PROMPT_V2 = (
    "Below is a conversation between a user and Lumen, our AI assistant, from the week of {week}.\n\n"
    "<conversation>\n{transcript}\n</conversation>\n\nReturn a JSON object describing it:\n"
    '"summary": one sentence (max 25 words), what the user wanted, no identifying details;\n'
    '"task_category": one of {cats};\n"sub_category": 2-5 words, more specific than the category;\n'
    '"language": ISO 639-1 code of the user\'s messages;\n"outcome": resolved | partially_resolved | '
    'unresolved | unclear;\n"concerning": integer 1-5 (1 = benign, 5 = clear intent to cause serious harm).'
)
FC_CLUSTER = (
    "You are naming a cluster of similar conversation summaries for an internal usage report.\n\n"
    "Summaries in the cluster:\n{inside}\n\nFor contrast, summaries from nearby clusters:\n{outside}\n\n"
    'Write a short, specific name for the cluster (at most 10 words, imperative form, e.g. "Debug Python '
    'data-processing scripts") and a two-sentence description of what distinguishes it from the nearby '
    'clusters. Reply as JSON: {{"name": "...", "description": "..."}}.'
)
FC_HIER = (
    "Here are the {n} cluster names from this week's usage report:\n{names}\n\nGroup them into {k} "
    "higher-level categories that a product manager would find useful. Every cluster must belong to exactly "
    'one category. Reply as JSON: {{"categories": [{{"name": "...", "clusters": [numbers]}}]}}.'
)
FC_MEMO = (
    "Write the weekly usage memo for the product team from these numbers. Four short paragraphs: overall "
    "volume and mix, the biggest movers versus last week, anything concerning, and one suggestion. No "
    "bullet points.\n\nTop categories this week (share of sampled conversations, change vs last week):\n{stats}"
)
FC_MEMO_FOLLOW = (
    "shorter please, max 150 words",
    "add one sentence on the growth of coding conversations",
    "make the 'concerning' paragraph more neutral, legal will read this",
    "good. now a 3-bullet version for Slack",
)
FC_SUMMARY = (
    "The user asks for help with {k}.",
    "The user wants an explanation involving {k}.",
    "The user requests writing or editing related to {k}.",
    "The user asks a series of questions about {k}.",
    "The user seeks advice on {k} and follows up for details.",
)


def _fc_facets(rng: random.Random, row: Row) -> tuple[str, str]:
    kw = keywords(rng, " ".join(row.turns), 3) or ["a general topic"]
    summary = rng.choice(FC_SUMMARY).format(k=", ".join(kw).lower())
    cat = rng.choice(FC_CATEGORIES)
    reply = json.dumps(
        {
            "summary": summary,
            "task_category": cat,
            "language": str(row.extra.get("lang", "en")),
            "user_turns": len(row.turns),
            "outcome": rng.choice(("resolved", "resolved", "partially_resolved", "unclear")),
            "concerning": rng.choice((1, 1, 1, 1, 2, 3)),
        }
    )
    return reply, cat


def chat_insights_facets(convos: int = 1150, rerun: int = 220, conc: int = 12) -> list[KeyTraffic]:
    rng = R("lumen")
    mine = lambda name: [r for r in src(name) if bucket(r, 3) == 0]  # noqa: E731
    arena, oasst = mine("arena_even"), mine("oasst2_threads")
    pick = arena + oasst + rng.sample(mine("hh_rlhf_harmless_test"), convos - len(arena) - len(oasst))
    rng.shuffle(pick)
    kt = mk(
        "b11-lumen-0",
        "chat_insights_facets",
        "benign",
        "app",
        client(rng, "openai-python", FC_SYSTEM),
        timing="simulated: Monday 01:00 UTC batch (12 workers, closed loop), an analyst's notebook Monday 14:40 UTC and Tuesday 15:10 UTC",
        sources=("arena_even", "oasst2_threads", "hh_rlhf_harmless_test"),
        settings={"convos": convos, "rerun": rerun, "conc": conc},
    )
    p = {"temperature": 0, "max_tokens": 300, "response_format": JSON_OBJ}
    cats = "[" + ", ".join(f'"{c}"' for c in FC_CATEGORIES) + "]"
    week = "2026-02-23"
    jobs, facets = [], []
    for r in pick:
        text = FC_PROMPT.format(week=week, transcript=transcript(r), cats=cats)
        reply, cat = _fc_facets(rng, r)
        reqs = [one(0, text, p, FC_SYSTEM, reply, r.id)]
        if rng.random() < 0.05:
            reqs.append(one(0, text, p, FC_SYSTEM, reply, r.id))
        jobs.append((None, reqs))
        facets.append((json.loads(reply)["summary"], cat))
    kt.requests += run_jobs(rng, T0 + 1 * HOUR, jobs, conc, tokens=110)
    # the analyst's notebook: clusters inside each category, named with contrastive examples
    by_cat: dict[str, list[str]] = {}
    for s, c in facets:
        by_cat.setdefault(c, []).append(s)
    clusters: list[list[str]] = []
    for c in FC_CATEGORIES:
        ss = by_cat.get(c, [])
        rng.shuffle(ss)
        while ss:
            k = rng.randint(12, 30)
            clusters.append(ss[:k])
            ss = ss[k:]
    pn = {"temperature": 0.3, "max_tokens": 200, "response_format": JSON_OBJ}
    jobs, names = [], []
    for i, cl in enumerate(clusters):
        others = [s for j, o in enumerate(clusters) if j != i and abs(j - i) <= 3 for s in o[:3]]
        text = FC_CLUSTER.format(
            inside="\n".join(f"- {s}" for s in cl[:25]),
            outside="\n".join(f"- {s}" for s in rng.sample(others, min(8, len(others)))),
        )
        kw = keywords(rng, " ".join(cl), 2) or ["general"]
        name = f"Get help with {' and '.join(kw).lower()}"
        names.append(name)
        jobs.append((None, [one(0, text, pn, None, json.dumps({"name": name, "description": "..."}))]))
    t = T0 + 14 * HOUR + 40 * MINUTE
    named = run_jobs(rng, t, jobs, 4, tokens=80)
    kt.requests += named
    t = max(q.ts for q in named) + rng.uniform(60, 400)
    for _ in range(3):
        order = list(range(len(names)))
        rng.shuffle(order)
        text = FC_HIER.format(
            n=len(names), names="\n".join(f"{j + 1}. {names[i]}" for j, i in enumerate(order)), k=10
        )
        kt.requests.append(one(t, text, {"temperature": 0, "max_tokens": 1200, "response_format": JSON_OBJ}))
        t += latency(rng, 600) + rng.uniform(30, 240)
    stats = "\n".join(
        f"- {c}: {rng.uniform(1, 18):.1f}% ({rng.uniform(-3, 3):+.1f} pts)" for c in FC_CATEGORIES[:10]
    )
    turns = [FC_MEMO.format(stats=stats), *FC_MEMO_FOLLOW]
    ts = [t + rng.uniform(300, 1200)]
    for k in range(1, len(turns)):
        ts.append(ts[-1] + think(rng, 1400, len(turns[k])) + rng.uniform(20, 200))
    kt.requests += chat_requests(turns, [None] * len(turns), ts, {"temperature": 0.5})
    # Tuesday: prompt v2 on a subset
    jobs = []
    for r in rng.sample(pick, rerun):
        text = FC_PROMPT_V2.format(week=week, transcript=transcript(r), cats=cats)
        jobs.append((None, [one(0, text, p, FC_SYSTEM, _fc_facets(rng, r)[0], r.id)]))
    kt.requests += run_jobs(rng, T0 + DAY + 15 * HOUR + 10 * MINUTE, jobs, 8, tokens=120)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 2. A weekend docstring and type-hint codemod over a legacy monorepo ("Ferrous" platform
# team, London): a script (openai-python, 8 workers) walks the repository and sends every
# undocumented function once, with its file path and the other signatures of its file as
# context, asking for a Google-style docstring and type hints with behaviour unchanged (T 0,
# seed 7, max_tokens 1500). Saturday 10:10 UTC a dry run on 40 functions with the first template;
# 13:00 the full Python run (v2 template: "keep existing comments"), then the functions whose
# result failed py_compile / mypy / the tests (14%) get a repair turn with the checker output in
# the same conversation (4 workers). Sunday 11:30 the JavaScript run (JSDoc, no TypeScript), with
# ESLint-jsdoc repairs (10%). Monday 08:30-17:30 UTC reviewers re-run 60 functions with a note.
# Code: real functions (half of codealpaca's stored answers in Python and JavaScript, code blocks people
# pasted in arena_even / oasst2 / ShareGPT turns), grouped into files under paths written here.
# Stand-ins: the documented function (a docstring composed here from the name and parameters) is
# quoted back in repair turns; checker errors and reviewer notes are written here.
DS_SYSTEM = (
    "You are a code documentation tool. You add documentation and type annotations to existing code "
    "without changing its behaviour. Output only code."
)
DS_PY_V1 = (
    "Repository: ferrous-core (Python 3.11)\nFile: {path}\n\nOther definitions in this file, for context:\n"
    "```python\n{ctx}\n```\n\nAdd a Google-style docstring and PEP 484 type hints to the function below. "
    "Do not rename anything and do not change the logic. Return only the complete function in a single "
    "```python block.\n\n```python\n{fn}\n```"
)
DS_PY = (
    "Repository: ferrous-core (Python 3.11)\nFile: {path}\n\nOther definitions in this file, for context:\n"
    "```python\n{ctx}\n```\n\nAdd a Google-style docstring and PEP 484 type hints to the function below. "
    "Do not rename anything, do not change the logic, keep existing comments. If a type cannot be inferred, "
    "use Any. Return only the complete function in a single ```python block.\n\n```python\n{fn}\n```"
)
DS_JS = (
    "Repository: ferrous-web (JavaScript, ES2020)\nFile: {path}\n\nAdd a JSDoc comment (one-line description, "
    "@param with types, @returns) directly above the function below. Do not change the code and do not "
    "convert it to TypeScript. Return only the commented function in a single ```js block.\n\n```js\n{fn}\n```"
)
DS_FIX = "The result failed the checks:\n\n```\n{err}\n```\n\nFix it. Same rules: behaviour unchanged, return only the complete function."
DS_NOTE = "\n\nReviewer note on the previous attempt: {note}"
DS_PY_ERRORS = (
    '{path}:{n}: error: Incompatible return value type (got "None", expected "{ty}")  [return-value]',
    '{path}:{n}: error: Name "Any" is not defined  [name-defined]',
    '{path}:{n}: error: Argument 1 to "len" has incompatible type "int"; expected "Sized"  [arg-type]',
    "{path}:{n}: error: Missing return statement  [return]",
    '{path}:{n}: error: Unsupported operand types for + ("str" and "int")  [operator]',
    '  File "{path}", line {n}\n    """\n    ^\nSyntaxError: unterminated triple-quoted string literal (detected at line {m})',
    "FAILED tests/{test}::test_{name} - AssertionError: output changed after codemod",
    "{path}:{n}: error: Function is missing a type annotation for one or more arguments  [no-untyped-def]",
)
DS_JS_ERRORS = (
    "{path}\n  {n}:1  warning  Missing JSDoc @returns declaration  jsdoc/require-returns",
    '{path}\n  {n}:1  warning  Missing JSDoc @param "{arg}" type  jsdoc/require-param-type',
    "{path}\n  {n}:4  error  Parsing error: Unexpected token ':'",
    '{path}\n  {n}:1  warning  Expected JSDoc for "{arg}" but found "{other}"  jsdoc/check-param-names',
)
DS_NOTES = (
    "keep the original comment above the loop, it explains a production bug",
    "`rows` is a list[dict[str, Any]], not list[Any]",
    "docstring too long - a one-line summary is enough for private helpers",
    "don't use Optional here, the value is never None",
    "it returns a generator, annotate it as Iterator[str]",
    "the Returns section says list but it returns a tuple",
    "please don't reorder the parameters",
    "this is called with numpy arrays too, type it as ArrayLike",
)
DS_PKGS = (
    "ferrous/billing",
    "ferrous/ingest",
    "ferrous/reports",
    "ferrous/utils",
    "ferrous/api/handlers",
    "ferrous/etl/jobs",
    "ferrous/auth",
    "ferrous/inventory",
    "ferrous/notify",
    "ferrous/legacy",
    "scripts/ops",
)
DS_JS_DIRS = ("web/src/components", "web/src/utils", "web/src/api", "web/src/hooks", "web/legacy/js")


def _py_functions(text: str) -> list[str]:
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        if re.match(r"def \w+\(.*\)\s*(->.*)?:\s*$", lines[i]):
            j = i + 1
            while j < len(lines) and (not lines[j].strip() or lines[j][:1] in " \t"):
                j += 1
            block = "\n".join(lines[i:j]).rstrip()
            if block.count("\n") >= 1 and '"""' not in block and "'''" not in block:
                out.append(block)
            i = j
        else:
            i += 1
    return out


def _js_functions(text: str) -> list[str]:
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        if re.match(
            r"(export )?(async )?function \w+\(|(export )?const \w+ = (async )?\(.*\) =>\s*\{", lines[i]
        ):
            j = i + 1
            while j < len(lines) and not re.match(r"\}\;?\s*$", lines[j]):
                j += 1
            if j < len(lines) and j - i >= 2:
                out.append("\n".join(lines[i : j + 1]))
            i = j + 1
        else:
            i += 1
    return out


def _ds_documented_py(fn: str) -> str:
    first, _, rest = fn.partition("\n")
    m = re.match(r"def (\w+)\((.*?)\)", first)
    name = m.group(1) if m else "helper"
    args = [a.split("=")[0].split(":")[0].strip() for a in (m.group(2) if m else "").split(",")]
    args = [a for a in args if a and a not in ("self", "cls") and not a.startswith("*")]
    summary = " ".join(re.findall(r"[A-Za-z][a-z]*|\d+", name)).capitalize() or "Helper"
    body = [ln for ln in rest.split("\n") if ln.strip()]
    ind = re.match(r"\s*", body[0]).group(0) if body else "    "
    doc = [f'{ind}"""{summary}.', ""]
    if args:
        doc += [f"{ind}Args:"] + [f"{ind}    {a}: The {a.replace('_', ' ')}." for a in args] + [""]
    doc += [f"{ind}Returns:", f"{ind}    The result.", f'{ind}"""']
    return "```python\n" + first + "\n" + "\n".join(doc) + "\n" + rest + "\n```"


def _ds_documented_js(fn: str) -> str:
    m = re.search(r"\((.*?)\)", fn.split("\n", 1)[0])
    args = [a.split("=")[0].strip() for a in (m.group(1) if m else "").split(",") if a.strip()]
    head = ["/**", " * TODO: describe."] + [f" * @param {{*}} {a}" for a in args] + [" * @returns {*}", " */"]
    return "```js\n" + "\n".join(head) + "\n" + fn + "\n```"


def docstring_codemod_batch(conc: int = 8, reviews: int = 60) -> list[KeyTraffic]:
    rng = R("ferrous")
    py_src, js_src = [], []
    for r in src("codealpaca_2k"):
        if r.answer and ca_bucket(r) < 2:
            py_src += [(f, r.answer) for f in _py_functions(r.answer)]
            js_src += [(f, r.answer) for f in _js_functions(r.answer)]
    for block in code_files():
        py_src += [(f, block) for f in _py_functions(block)]
        js_src += [(f, block) for f in _js_functions(block)]
    seen: set[str] = set()
    py_fns = [(f, s) for f, s in py_src if not (f in seen or seen.add(f))]
    js_fns = [(f, s) for f, s in js_src if not (f in seen or seen.add(f))]
    rng.shuffle(py_fns)
    rng.shuffle(js_fns)
    kt = mk(
        "b11-ferrous-0",
        "docstring_codemod_batch",
        "benign",
        "app",
        client(rng, "openai-python", DS_SYSTEM),
        timing="simulated: Saturday dry run and full run, Sunday JS run (8 workers, closed loop), repairs (4 workers), Monday reviewers' office hours (UTC)",
        sources=(
            "codealpaca_2k (stored answers as code)",
            "arena_even",
            "oasst2_threads",
            "sharegpt_en_sample",
        ),
        settings={"conc": conc, "reviews": reviews, "py": len(py_fns), "js": len(js_fns)},
    )
    p = {"temperature": 0, "max_tokens": 1500, "seed": 7}

    def files(fns: list, dirs: tuple, ext: str) -> list[tuple[str, list]]:
        out, i = [], 0
        while i < len(fns):
            k = rng.randint(3, 9)
            group = fns[i : i + k]
            m = re.search(r"(?:def|function|const) (\w+)", group[0][0])
            stem = re.sub(r"(?<!^)(?=[A-Z])", "_", m.group(1)).lower() if m else "misc"
            out.append(
                (
                    f"{rng.choice(dirs)}/{stem.split('_')[0] or 'misc'}_{rng.choice(('utils', 'core', 'service', 'helpers', 'ops'))}.{ext}",
                    group,
                )
            )
            i += k
        return out

    py_files = files(py_fns, DS_PKGS, "py")
    js_files = files(js_fns, DS_JS_DIRS, "js")
    done: list[tuple[list[dict], str]] = []  # (messages of the last attempt, language) for Monday

    def py_job(path: str, group: list, tpl: str, fails: list) -> list:
        jobs = []
        imports = sorted({ln for _, s in group for ln in s.split("\n") if re.match(r"(import|from) \w", ln)})
        for f, _ in group:
            sigs = [g.split("\n", 1)[0] + " ..." for g, _ in group if g is not f]
            ctx = "\n".join(imports[:6] + ([""] if imports else []) + sigs) or "# (no other definitions)"
            text = tpl.format(path=path, ctx=ctx, fn=f)
            out = _ds_documented_py(f)
            msgs = [{"role": "system", "content": DS_SYSTEM}, {"role": "user", "content": text}]
            jobs.append((None, [msg_request(0, msgs, p, out)]))
            msgs = [*msgs, {"role": "assistant", "content": out}]
            if fails is not None and rng.random() < 0.14:
                name = (re.findall(r"def (\w+)", f) or ["fn"])[0]
                err = rng.choice(DS_PY_ERRORS).format(
                    path=path,
                    n=rng.randint(3, 40),
                    m=rng.randint(41, 90),
                    ty=rng.choice(("int", "str", "list[str]", "bool")),
                    test=f"test_{path.rsplit('/', 1)[-1]}",
                    name=name,
                )
                fails.append([*msgs, {"role": "user", "content": DS_FIX.format(err=err)}])
            done.append((msgs, "py"))
        return jobs

    # Saturday dry run (v1 template), then the full run (v2) and its repairs
    dry, n = [], 0
    for path, group in py_files:
        if n >= 40:
            break
        dry += py_job(path, group, DS_PY_V1, None)
        n += len(group)
    done.clear()
    sat = T0 + 5 * DAY
    kt.requests += run_jobs(rng, sat + 10 * HOUR + 10 * MINUTE, dry, conc, tokens=260)
    fails: list = []
    full = [j for path, group in py_files for j in py_job(path, group, DS_PY, fails)]
    reqs = run_jobs(rng, sat + 13 * HOUR + rng.uniform(0, 300), full, conc, tokens=260)
    kt.requests += reqs
    end = max(q.ts for q in reqs) + rng.uniform(120, 600)
    fix = [(None, [msg_request(0, m, p, None)]) for m in fails]
    kt.requests += run_jobs(rng, end, fix, 4, tokens=280)
    # Sunday: JavaScript
    jobs, fails = [], []
    for path, group in js_files:
        for f, _ in group:
            text = DS_JS.format(path=path, fn=f)
            out = _ds_documented_js(f)
            msgs = [{"role": "system", "content": DS_SYSTEM}, {"role": "user", "content": text}]
            jobs.append((None, [msg_request(0, msgs, p, out)]))
            msgs = [*msgs, {"role": "assistant", "content": out}]
            done.append((msgs, "js"))
            if rng.random() < 0.10:
                args = re.findall(r"\((.*?)\)", f) or [""]
                arg = (args[0].split(",")[0].strip() or "value").split("=")[0].strip()
                err = rng.choice(DS_JS_ERRORS).format(
                    path=path, n=rng.randint(1, 30), arg=arg, other=arg + "s"
                )
                fails.append([*msgs, {"role": "user", "content": DS_FIX.format(err=err)}])
    reqs = run_jobs(rng, sat + DAY + 11.5 * HOUR, jobs, conc, tokens=200)
    kt.requests += reqs
    end = max(q.ts for q in reqs) + rng.uniform(120, 600)
    kt.requests += run_jobs(rng, end, [(None, [msg_request(0, m, p, None)]) for m in fails], 4, tokens=220)
    # Monday: reviewers re-run functions with a note appended to the original prompt
    mon = T0 + 7 * DAY
    for t, (msgs, _) in zip(
        office_day(rng, mon, reviews, (8.5, 17.5)), rng.sample(done, reviews), strict=True
    ):
        user = msgs[1]["content"] + DS_NOTE.format(note=rng.choice(DS_NOTES))
        kt.requests.append(msg_request(t, [msgs[0], {"role": "user", "content": user}], p, None))
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 3. A multi-agent debate study on public benchmarks (a university NLP group in US Pacific
# time replicating and extending "Improving Factuality and Reasoning through Multiagent Debate"):
# 300 items - MMLU (80, options inline as "A) ..., B) ..."), TruthfulQA (60, open answers),
# AGIEval AQuA-RAT (35), LogiQA-en (35), SAT-math (30), BBH date understanding, five-object
# logical deduction and three-object shuffled tracking (20 each). Tuesday: one script run per
# dataset, launched by hand through the afternoon (20:00-01:30 UTC): three agents answer each item
# with reasoning (round 1), then each agent sees the other two agents' answers in its own
# conversation and gives an updated answer (round 2); 4 items in parallel, the three agents'
# calls of a round at once. Wednesday: the single-agent baselines (greedy T 0, and
# self-consistency n=5 at T 1.0) on all items, and a three-round ablation on 40 MMLU / AQuA items.
# openai-python, T 1.0 for the agents, max_tokens 1024. Stand-ins: the agents' answers (reasoning
# composed here from the item's content words, ending "(X)" or "Final answer: ..."), which the
# next round quotes; baselines' replies are stubs.
DB_R1 = (
    "Can you answer the following question as accurately as possible? {q}\n\nExplain your reasoning step by "
    "step, and put your final answer in the form (X) at the end of your response."
)
DB_R1_OPEN = (
    "Can you answer the following question as accurately and truthfully as possible? {q}\n\nExplain your "
    'reasoning, and end your response with a line of the form "Final answer: <your answer>".'
)
DB_R2 = (
    "These are the most recent answers to the question from other agents:\n\n{others}\n\nUsing the reasoning "
    "of the other agents as additional information, can you give an updated answer? Examine your own solution "
    "and the other agents' solutions step by step. Put your final answer in the form (X) at the end of your "
    "response."
)
DB_R2_OPEN = (
    "These are the most recent answers to the question from other agents:\n\n{others}\n\nUsing the opinions of "
    "the other agents as additional advice, can you give an updated answer? Examine your own answer and the "
    'other agents\' answers carefully. End your response with a line of the form "Final answer: <your answer>".'
)
DB_OTHER = "One agent's answer: ```{a}```"
DB_MOVES = (
    "Working through the options, only one is consistent with all of the conditions.",
    "Eliminating the options that contradict these facts leaves a single answer.",
    "Carrying out the calculation step by step gives a value that matches one of the options.",
    "Checking each option against the given information, three of them can be ruled out directly.",
)
DB_REVIEW = (
    "Looking at the other agents' solutions, their reasoning on the key step agrees with mine.",
    "One of the other agents made an error in an intermediate step; correcting it changes the result.",
    "After re-examining my solution and the other agents' solutions, I agree with the majority.",
    "The other agents raise a fair point about a condition I overlooked, so I revise my answer.",
)


def _db_items(rng: random.Random) -> list[tuple[str, str, str, str]]:
    """(item id, dataset, question text, option letters or "" for open answers)."""
    items = []
    for r in rng.sample(src("mmlu_val_zeroshot"), 80):
        body = r.first.split("\n\n", 1)[-1].rsplit("\nAnswer:", 1)[0]
        q, _, rest = body.partition("\nA. ")
        opts = [o for o in ("A. " + rest).split("\n") if re.match(r"[A-D]\. ", o)]
        items.append(
            (r.id, "mmlu", q.strip() + ": " + ", ".join(o.replace(". ", ") ", 1) for o in opts), "ABCD")
        )
    for r in rng.sample(src("truthfulqa"), 60):
        items.append((r.id, "truthfulqa", r.first, ""))
    ag = src("agieval_v1")
    for task, k in (("aqua-rat", 35), ("logiqa-en", 35), ("sat-math", 30)):
        for r in rng.sample([x for x in ag if x.extra.get("task") == task], k):
            letters = "".join(re.findall(r"^\(([A-E])\)", r.first, re.M)) or "ABCD"
            items.append((r.id, task, r.first, letters))
    bbh = src("bbh")
    for task in (
        "date_understanding",
        "logical_deduction_five_objects",
        "tracking_shuffled_objects_three_objects",
    ):
        for r in rng.sample([x for x in bbh if x.extra.get("task") == task], 20):
            letters = "".join(re.findall(r"^\(([A-G])\)", r.first, re.M)) or "ABC"
            items.append((r.id, f"bbh/{task}", r.first, letters))
    return items


def _db_answer(rng: random.Random, q: str, letter: str, review: bool) -> str:
    kw = [w.lower() for w in keywords(rng, q, 3)] + ["the question"] * 3
    s = [
        f"Let's think step by step. The question is about {kw[0]}.",
        f"The key information concerns {kw[1]} and {kw[2]}.",
    ]
    if review:
        s.append(rng.choice(DB_REVIEW))
    if letter:
        s += [rng.choice(DB_MOVES), f"So the answer is ({letter})."]
    else:
        s += [
            f"A common belief about {kw[0]} is not supported by evidence.",
            f"Final answer: {clip(stub_reply(q), 140)}",
        ]
    return " ".join(s)


def multiagent_debate_study(agents: int = 3, conc: int = 4, ablation: int = 40) -> list[KeyTraffic]:
    rng = R("debate")
    items = _db_items(rng)
    kt = mk(
        "b11-debate-0",
        "multiagent_debate_study",
        "benign",
        "evaluation",
        client(rng, "openai-python"),
        timing="simulated: one script run per dataset, launched by hand on Tuesday afternoon US Pacific; baselines and ablation on Wednesday (worker pools, rounds of parallel calls)",
        sources=("mmlu_val_zeroshot", "truthfulqa", "agieval_v1", "bbh"),
        settings={"agents": agents, "conc": conc, "ablation": ablation, "items": len(items)},
    )
    pa = {"temperature": 1.0, "max_tokens": 1024}

    def debate(item: tuple[str, str, str, str], rounds: int) -> list:
        iid, _, q, letters = item
        r1 = (DB_R1 if letters else DB_R1_OPEN).format(q=q)
        gold = rng.choice(letters) if letters else ""
        convs = [[{"role": "user", "content": r1}] for _ in range(agents)]
        answers = [""] * agents
        job = []
        for k in range(rounds):
            if k:
                prev = list(answers)
                for a in range(agents):
                    others = "\n\n".join(DB_OTHER.format(a=prev[b]) for b in range(agents) if b != a)
                    tpl = DB_R2 if letters else DB_R2_OPEN
                    convs[a] = [*convs[a], {"role": "user", "content": tpl.format(others=others)}]
            rnd = []
            for a in range(agents):
                if letters:
                    keep = 0.6 if k == 0 else 0.85
                    letter = gold if rng.random() < keep else rng.choice(letters)
                else:
                    letter = ""
                answers[a] = _db_answer(rng, q, letter, k > 0)
                rnd.append((msg_request(0, convs[a], pa, answers[a], iid), rng.randint(220, 520)))
                convs[a] = [*convs[a], {"role": "assistant", "content": answers[a]}]
            job.append(rnd)
        return job

    by_set: dict[str, list] = {}
    for it in items:
        by_set.setdefault(it[1].split("/")[0], []).append(it)
    # Tuesday: one run per dataset, started by hand
    t = T0 + 1 * DAY + 20 * HOUR + rng.uniform(0, 900)
    for name in ("mmlu", "truthfulqa", "aqua-rat", "logiqa-en", "sat-math", "bbh"):
        reqs = pool_run(rng, t, [debate(it, 2) for it in by_set[name]], conc)
        kt.requests += reqs
        t = max(q.ts for q in reqs) + rng.uniform(4, 25) * MINUTE  # look at the accuracy, fix a path, rerun
    # Wednesday: baselines, then the three-round ablation
    t = T0 + 2 * DAY + 18.5 * HOUR + rng.uniform(0, 900)
    for name in ("mmlu", "truthfulqa", "aqua-rat", "logiqa-en", "sat-math", "bbh"):
        jobs = []
        for iid, _, q, letters in by_set[name]:
            text = (DB_R1 if letters else DB_R1_OPEN).format(q=q)
            jobs.append([[(one(0, text, {"temperature": 0, "max_tokens": 1024}, None, None, iid), 380)]])
            jobs.append(
                [[(one(0, text, {"temperature": 1.0, "max_tokens": 1024, "n": 5}, None, None, iid), 420)]]
            )
        reqs = pool_run(rng, t, jobs, conc * 2)
        kt.requests += reqs
        t = max(q.ts for q in reqs) + rng.uniform(2, 12) * MINUTE
    abl = rng.sample(by_set["mmlu"] + by_set["aqua-rat"], ablation)
    kt.requests += pool_run(rng, t + rng.uniform(20, 50) * MINUTE, [debate(it, 3) for it in abl], conc)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 4. Model-router escalations of a consumer assistant app ("Sprig", web and mobile): a small
# in-house model answers most turns; a router classifier sends a turn to this API when it looks
# hard (code, maths, long input, multi-step reasoning or writing, long non-English input: 90% if
# clearly hard, 45% if borderline, 3% false positives, and 40% more likely right after an
# escalated turn), and users can press "Try with Sprig Pro" under a small-model answer (4% of the
# others) - that turn then goes to this API too. An escalated request carries the WHOLE
# conversation so far, so most arrive mid-thread with the small model's earlier replies in the
# history. 5% of API answers are regenerated. The FastAPI backend (openai-python, streamed, T 0.7,
# max_tokens 2048, `user` = hashed account id) puts the date and the user's locale in the system
# prompt. Conversations: a third of the arena_even, oasst2 (all languages) and hh-rlhf conversations
# (~1,225), as a diurnal stream over 2.5 days, turns paced by think(). Stand-ins: the stored replies
# are both the small model's earlier answers in the history and the served answers.
RT_SYSTEM = (
    "You are Sprig, a friendly and capable AI assistant. Today's date is {date}. The user's locale is "
    "{locale}; answer in the language the user writes in. Use Markdown for code, lists and tables. Be concise "
    "for simple questions and thorough for complex ones. Earlier assistant messages in this conversation may "
    "come from a different Sprig model; continue naturally and never mention this."
)
RT_CODE = re.compile(
    r"```|\bdef \w+\(|\bfunction\b|#include|\bSELECT\b|\bclass \w+|\bimport \w+|=>|\bregex\b|\bpython\b|"
    r"\bjavascript\b|\bsql\b|\bjava\b|c\+\+|\brust\b|\bcode\b|\bscript\b",
    re.I,
)
RT_MATH = re.compile(
    r"\d+\s*[-+*/^=]\s*\d+|\b(equation|integral|derivative|probability|prove|theorem|solve|calculate|matrix|"
    r"percent|statistics)\b",
    re.I,
)
RT_REASON = re.compile(
    r"\b(step by step|explain why|compare|analy[sz]e|pros and cons|plan|design|strategy|essay|outline|"
    r"write an? (story|poem|letter|report|cover letter|article|speech))\b",
    re.I,
)
RT_LOCALES = {
    "en": ("en-US", "en-US", "en-GB", "en-IN", "en-CA"),
    "es": ("es-ES", "es-MX", "es-AR", "es-CO"),
    "pt-BR": ("pt-BR",),
    "de": ("de-DE", "de-AT"),
    "fr": ("fr-FR", "fr-CA"),
    "ru": ("ru-RU",),
    "zh": ("zh-CN", "zh-TW"),
    "ja": ("ja-JP",),
}


def _rt_score(text: str, lang: str) -> float:
    s = 0.0
    if RT_CODE.search(text):
        s += 2
    if RT_MATH.search(text):
        s += 1.5
    if RT_REASON.search(text):
        s += 1
    if len(text) > 700:
        s += 1.5
    if lang != "en" and len(text) > 200:
        s += 1
    return s


def router_escalations(per_day: int = 490, days: float = 2.5, pro: float = 0.04) -> list[KeyTraffic]:
    rng = R("sprig")
    mine = lambda name: [r for r in src(name) if bucket(r, 3) == 1]  # noqa: E731
    hh = mine("hh_rlhf_harmless_test")
    rng.shuffle(hh)
    convs = mine("arena_even") + mine("oasst2_threads")
    convs += hh[: max(0, int(per_day * days) - len(convs))]
    rng.shuffle(convs)
    kt = mk(
        "b11-sprig-0",
        "router_escalations",
        "benign",
        "app",
        client(rng, "openai-python", RT_SYSTEM),
        timing="simulated diurnal stream of conversations (many users); turns paced by think(); only escalated turns reach the key",
        sources=("arena_even", "oasst2_threads", "hh_rlhf_harmless_test"),
        settings={"per_day": per_day, "days": days, "pro": pro},
    )
    starts = diurnal(rng, T0 + 2 * DAY + rng.uniform(0, 3600), len(convs), per_day)
    for row, t in zip(convs, starts, strict=True):
        lang = str(row.extra.get("lang") or ("en" if english(row.first) else "xx"))
        locale = rng.choice(RT_LOCALES.get(lang, ("en-US",)))
        date = f"2026-03-{int((t - T0) // DAY) + 2:02d}"
        system = RT_SYSTEM.format(date=date, locale=locale)
        p = {"temperature": 0.7, "max_tokens": 2048, "stream": True, "user": f"u_{rng.getrandbits(40):010x}"}
        history = [{"role": "system", "content": system}]
        last_up = False
        for i, turn in enumerate(row.turns):
            text = casual(rng, turn) if rng.random() < 0.15 else turn
            reply = row.replies[i] if i < len(row.replies) and row.replies[i] else stub_reply(text)
            history = [*history, {"role": "user", "content": text}]
            s = _rt_score(text, lang)
            prob = 0.9 if s >= 2 else 0.45 if s >= 1 else 0.03
            up = rng.random() < min(1.0, prob + (0.4 if last_up else 0.0))
            sent = t
            if not up and rng.random() < pro:  # "Try with Sprig Pro" under the small model's answer
                up = True
                sent = t + latency(rng, len(reply) // 4) + rng.uniform(5, 40)
            if up:
                kt.requests.append(msg_request(sent, history, p, reply, row.id))
                if rng.random() < 0.05:
                    kt.requests.append(
                        msg_request(
                            sent + latency(rng, len(reply) // 4) + rng.uniform(8, 60),
                            history,
                            p,
                            reply,
                            row.id,
                        )
                    )
            last_up = up
            history = [*history, {"role": "assistant", "content": reply}]
            if i + 1 < len(row.turns):
                t = sent + think(rng, len(reply), len(row.turns[i + 1]))
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 5. Patient-portal inbox assistant of a primary-care network ("Cedar Family Health", 14
# clinics in US Eastern, Central and Mountain time; an EHR add-on's backend, httpx): every portal
# message is triaged as it arrives, day and night (JSON: category, urgency, who it goes to, a
# 25-word summary, language; T 0, max_tokens 250). When staff open the message in clinic hours
# (07:30-17:00 local on weekdays; evening and weekend messages wait for the next morning), 62%
# press "Draft reply" (the patient's message with a chart snippet and the staff member's note,
# T 0.3, max_tokens 450), 4% regenerate it, and 12% refine it in the side panel ("shorter", "add
# that Dr. X is out until Monday", "in Spanish"). Arrivals from Sunday 00:00 UTC to Thursday 00:00
# UTC, with a daily cycle peaking in the local afternoon and evening. Messages are written here
# (refills, new symptoms, test results, appointments, billing, forms, referrals, follow-ups, side
# effects; slots for medicines, doctors, pharmacies, tests, dates; 10% in Spanish; casual typing),
# plus the few first-person health questions among real chat openers (arena_even, oasst2 English,
# selected by health words; about 1% of messages) as message bodies. Charts and staff notes are
# written here. Served replies: stubs.
CL_TRIAGE_SYS = (
    "You triage patient portal messages for Cedar Family Health primary-care clinics. You never give medical "
    "advice and never reply to the patient. Classify every message and flag anything that needs same-day "
    "clinical attention. If a message describes a possible emergency (chest pain, trouble breathing, stroke "
    'signs, thoughts of self-harm, severe bleeding, a severe allergic reaction), set urgency to "emergency". '
    "Reply with JSON only."
)
CL_TRIAGE = (
    "Portal message from a patient (age {age}, {sex}), received {when} local time.\n\nSubject: {subject}\n\n"
    '{body}\n\nReturn JSON: {{"category": one of ["medication_refill", "new_symptom", "test_results", '
    '"appointment", "billing_insurance", "forms_letters", "referral", "follow_up_question", "other"], '
    '"urgency": "routine" | "soon" | "same_day" | "emergency", "route_to": "front_desk" | "nurse" | "provider" '
    '| "billing" | "pharmacy_team", "summary": "<max 25 words>", "language": "<ISO 639-1>"}}'
)
CL_DRAFT_SYS = (
    "You draft replies to patient portal messages for the care team at Cedar Family Health. A staff member "
    "reviews and edits every draft before it is sent. Be warm, clear and brief (under 150 words, 6th-grade "
    "reading level). Never diagnose, never change a medication or a dose, and never promise a call-back time "
    "other than 'within 2 business days'. For new or worsening symptoms, say when to call 911 or go to urgent "
    "care. Write in the patient's language. Sign off as 'Your care team at Cedar Family Health'."
)
CL_DRAFT = (
    "Message from the patient:\nSubject: {subject}\n{body}\n\nChart context:\n{chart}\n\nStaff note: {note}\n\n"
    "Draft a reply to the patient."
)
CL_MEDS = (
    "lisinopril 10 mg",
    "metformin 500 mg",
    "atorvastatin 20 mg",
    "levothyroxine 50 mcg",
    "sertraline 50 mg",
    "amlodipine 5 mg",
    "omeprazole 20 mg",
    "albuterol inhaler",
    "montelukast 10 mg",
    "gabapentin 300 mg",
    "losartan 50 mg",
    "escitalopram 10 mg",
    "hydrochlorothiazide 25 mg",
    "fluticasone nasal spray",
    "bupropion XL 150 mg",
    "pantoprazole 40 mg",
)
CL_DOCS = (
    "Dr. Patel",
    "Dr. Nguyen",
    "Dr. Okafor",
    "Dr. Brennan",
    "Dr. Alvarez",
    "Dr. Kim",
    "Dr. Schultz",
    "Dr. Haddad",
    "NP Rivera",
    "PA Collins",
)
CL_PHARM = (
    "the Walgreens on Main St",
    "CVS on 5th Ave",
    "the Kroger pharmacy",
    "Walmart pharmacy",
    "the mail order pharmacy",
    "Rite Aid on Elm",
)
CL_TESTS = (
    "CBC",
    "lipid panel",
    "A1c",
    "TSH",
    "urinalysis",
    "metabolic panel",
    "vitamin D",
    "mammogram",
    "chest x-ray",
    "PSA",
)
CL_SYMPT = (
    "a sore throat and fever of 101 since yesterday",
    "a rash on my arm that's spreading",
    "really bad heartburn most nights",
    "lower back pain after lifting boxes",
    "a cough that won't go away for 3 weeks",
    "dizziness when I stand up",
    "ear pain on the left side",
    "burning when I pee",
    "headaches almost every day this week",
    "my ankle is swollen after I twisted it",
    "trouble sleeping for a month",
    "my blood pressure readings at home are 150/95",
    "chest tightness when I climb stairs",
    "my son has had diarrhea since Saturday",
    "pink eye I think, both eyes are crusty",
    "my sugar has been over 250 in the mornings",
)
CL_MSGS = {
    "medication_refill": (
        (
            "Refill request",
            "Hi, I need a refill on my {med}. I only have {k} pills left. Please send it to {pharm}. Thank you",
        ),
        ("refill", "can you refill my {med} please, pharmacy says they need approval from {doc}"),
        (
            "Medication",
            "Hello, my {med} prescription ran out and the pharmacy said no refills left. I take it every day. Can {doc} renew it?",
        ),
        (
            "90 day supply",
            "My insurance wants a 90 day supply for {med} now instead of 30. Could you send a new prescription to {pharm}?",
        ),
    ),
    "new_symptom": (
        ("Not feeling well", "Hi, I've had {sym}. Should I come in or is this something I can wait on?"),
        (
            "question about symptoms",
            "hi {doc}, I have {sym}. I took tylenol but it's not helping much. what should I do",
        ),
        ("{sym_short}", "Since {day} I've had {sym}. I'm on {med}. Could this be related?"),
        (
            "Need advice",
            "Hello, my husband has {sym}. He doesn't want to go to urgent care. Can someone call us?",
        ),
    ),
    "test_results": (
        (
            "Lab results",
            "I saw my {test} results in the portal and some are flagged high. What does that mean? Do I need to do anything?",
        ),
        (
            "results question",
            "hi, got my {test} back, it says out of range. is that bad?? nobody called me yet",
        ),
        (
            "{test}",
            "Hello {doc}, did you get a chance to look at my {test} from {day}? I'm a little worried.",
        ),
    ),
    "appointment": (
        (
            "Reschedule",
            "I need to reschedule my appointment on {day} with {doc}. Anything next week in the morning?",
        ),
        ("appointment", "can I get in this week? it's for {sym}"),
        ("Annual physical", "Hi, I'd like to book my annual physical. Do I need to fast for the blood work?"),
        ("Cancel", "Please cancel my appointment for {day}, I have to work. I'll call to reschedule."),
    ),
    "billing_insurance": (
        (
            "Bill question",
            "I got a bill for ${amt} for my visit on {day} but I thought my copay was $25. Can someone check?",
        ),
        (
            "Insurance changed",
            "My insurance changed to {ins} this month. Do you need my new card before my next visit?",
        ),
        ("billing", "why was I charged for a 'new patient' visit? I've been coming here for years"),
    ),
    "forms_letters": (
        ("Form", "I need {doc} to fill out an {form} form for my job. Can I drop it off or upload it here?"),
        (
            "School form",
            "my daughter needs a sports physical form signed for school, she was seen in {month}. can you sign it without a visit?",
        ),
        ("Work note", "Can I get a note for work for the days I was sick, {day} and the day after?"),
    ),
    "referral": (
        ("Referral", "My insurance needs a referral for me to see a {spec}. Can {doc} send one?"),
        (
            "referral status",
            "hi, it's been 2 weeks and the {spec} office says they still have no referral from you",
        ),
    ),
    "follow_up_question": (
        (
            "Question after visit",
            "At my visit {doc} said to cut back on salt. How much is ok per day? Also should I keep taking {med}?",
        ),
        (
            "follow up",
            "I started the new {med} like {doc} said. I feel a bit nauseous, is that normal? Should I keep taking it?",
        ),
        ("Side effects", "Since starting {med} I've had {sym}. Is this a side effect?"),
    ),
}
CL_ES = (
    ("Receta", "Hola, necesito que me renueven la receta de {med}. Ya casi no me quedan pastillas. Gracias"),
    (
        "Cita",
        "buenas tardes, quisiera una cita con {doc} para esta semana, tengo dolor de espalda desde hace dias",
    ),
    (
        "Resultados",
        "Hola, vi mis resultados de {test} en el portal y no entiendo que significan. Me pueden explicar?",
    ),
    ("pregunta", "mi hijo tiene fiebre de 102 desde anoche, le di tylenol. lo llevo a urgencias o espero?"),
    (
        "Factura",
        "Me llego una factura de ${amt} y yo pense que el seguro lo cubria. Pueden revisar por favor?",
    ),
    ("Formulario", "Necesito que el doctor firme un formulario para mi trabajo. Lo puedo subir aqui?"),
)
CL_NOTES = {  # what the staff member types in the note box, by the message's category
    "medication_refill": (
        "refill sent to pharmacy on file",
        "approved, 90-day supply sent",
        "needs a visit before more refills - offer next available",
        "(none)",
    ),
    "new_symptom": (
        "nurse will call today; if worse go to urgent care",
        "needs an appointment - offer next available",
        "{doc}: ok to try OTC first, book a visit if not better in 3 days",
        "(none)",
    ),
    "test_results": (
        "{doc} reviewed: results are normal, no action needed",
        "{doc} reviewed: slightly high, recheck in 3 months, start walking 30 min a day",
        "(none)",
    ),
    "appointment": ("offer Tue 9:40 or Thu 2:20 with {doc}", "fasting 8 hours before blood work", "(none)"),
    "billing_insurance": (
        "billing says the charge is correct, explain the deductible",
        "billing will resubmit the claim",
        "(none)",
    ),
    "forms_letters": ("forms take 5-7 business days", "needs a visit for the physical", "(none)"),
    "referral": ("referral faxed today", "referral sent, allow 1 week for them to call", "(none)"),
    "follow_up_question": (
        "{doc}: keep taking it, nausea usually settles in 1-2 weeks",
        "{doc}: limit salt to about 2,300 mg a day",
        "(none)",
    ),
    "other": ("(none)", "(none)", "{doc} is out until Monday, covering provider is Dr. Kim"),
}
CL_REFINE = (
    "shorter",
    "make it shorter and less formal",
    "add that {doc} is out of the office until Monday",
    "please write it in Spanish",
    "mention they can also call the front desk at 555-0142",
    "don't mention urgent care, it's a billing question",
    "add that fasting is 8 hours, water is ok",
)
CL_SPECS = (
    "dermatologist",
    "cardiologist",
    "physical therapist",
    "orthopedist",
    "gastroenterologist",
    "allergist",
    "dietitian",
)
CL_FORMS = ("FMLA", "ADA accommodation", "DMV medical", "jury duty excuse", "gym clearance")
CL_HEALTH = re.compile(
    r"\b(pain|doctor|medicine|medication|pill|symptom|fever|blood|diet|sleep|pregnan\w*|disease|vaccine|"
    r"allerg\w*|cough|diabetes|cholesterol|headache|vitamin|infection|cancer|anxiety|depression|insulin|"
    r"antibiotic|dose|rash|virus)\b",
    re.I,
)
CL_SELF = re.compile(r"\b(I|I'm|my|me)\b")
CL_ZONES = ((-5, 0.5), (-6, 0.3), (-7, 0.2))  # EST, CST, MST (the week before DST)


def _cl_slots(rng: random.Random, doc: str, med: str) -> dict[str, object]:
    """One message's slot values (subject and body share them)."""
    sym = rng.choice(CL_SYMPT)
    return {
        "med": med,
        "k": rng.randint(1, 6),
        "pharm": rng.choice(CL_PHARM),
        "doc": doc,
        "sym": sym,
        "sym_short": " ".join(sym.split()[:4]),
        "day": rng.choice(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "the 24th", "last week")),
        "test": rng.choice(CL_TESTS),
        "amt": rng.randint(60, 900),
        "ins": rng.choice(("Aetna", "Blue Cross", "UnitedHealthcare", "Cigna", "Medicaid", "Humana")),
        "form": rng.choice(CL_FORMS),
        "month": rng.choice(("August", "September", "October")),
        "spec": rng.choice(CL_SPECS),
    }


def clinic_inbox_triage(per_day: int = 330, days: int = 4, draft: float = 0.62) -> list[KeyTraffic]:
    rng = R("cedar")
    real = [
        r.first
        for r in src("arena_even") + src("oasst2_threads")
        if bucket(r, 3) == 0
        and en_row(r)
        and len(r.first) <= 400
        and CL_HEALTH.search(r.first)
        and CL_SELF.search(r.first)
    ]
    rng.shuffle(real)
    kt = mk(
        "b11-cedar-0",
        "clinic_inbox_triage",
        "benign",
        "app",
        client(rng, "httpx", CL_TRIAGE_SYS),
        timing="simulated: portal messages around the clock (daily cycle per time zone); drafts when staff open them in clinic hours (07:30-17:00 local, weekdays)",
        sources=("+written portal messages", "arena_even", "oasst2_threads"),
        settings={"per_day": per_day, "days": days, "draft": draft, "real": len(real)},
    )
    pt = {"temperature": 0, "max_tokens": 250, "response_format": JSON_OBJ}
    zones, zw = zip(*CL_ZONES, strict=True)
    start = T0 - DAY  # Sunday 00:00 UTC
    ri = 0
    for t in diurnal(rng, start, per_day * days, per_day):
        off = rng.choices(zones, zw)[0]
        t = (
            t - off * HOUR + rng.uniform(0, 2) * HOUR
        )  # the stream's clock read as local time: peak 15-17 local
        if t < start:
            continue
        age, sex = rng.randint(18, 89), rng.choice(("F", "M"))
        doc = rng.choice(CL_DOCS)  # the patient's PCP
        meds = rng.sample(CL_MEDS, rng.randint(0, 4))
        med = meds[0] if meds else rng.choice(CL_MEDS)
        slots = _cl_slots(rng, doc, med)
        x = rng.random()
        cat = "other"
        if x < 0.10:
            subject, body = rng.choice(CL_ES)
            body = body.format(**slots)
        elif x < 0.12 and ri < len(real):
            subject, body = rng.choice(("Question", "question", "Health question", "hi")), real[ri]
            ri += 1
        else:
            cat = rng.choices(sorted(CL_MSGS), (0.7, 0.6, 0.8, 1.2, 1.4, 0.5, 1.0, 1.6))[0]
            subject, body = rng.choice(CL_MSGS[cat])
            subject, body = subject.format(**slots), body.format(**slots)
            if rng.random() < 0.25:
                body = typo(rng, body)
        local = t + off * HOUR
        hh = (local % DAY) / HOUR
        when = f"{int(hh):02d}:{int((hh % 1) * 60):02d}"
        text = CL_TRIAGE.format(age=age, sex=sex, when=when, subject=subject, body=body)
        t_in = t + rng.uniform(2, 20)
        kt.requests.append(one(t_in, text, pt, CL_TRIAGE_SYS))
        if rng.random() >= draft:
            continue
        # when staff open it: clinic hours on weekdays, local time
        dow = int(local // DAY - T0 // DAY + 0) % 7  # 0 = Monday
        day0 = math.floor(local / DAY) * DAY
        if dow < 5 and 7.5 <= hh < 16.5:
            opened = local + rng.uniform(5, 150) * MINUTE
        else:
            nxt = day0 + (DAY if hh >= 7.5 or dow >= 5 else 0)
            while int(nxt // DAY - T0 // DAY) % 7 >= 5:
                nxt += DAY
            opened = nxt + 7.5 * HOUR + rng.expovariate(1 / 5400)
        opened -= off * HOUR
        if opened > T0 + 3 * DAY + 21 * HOUR:
            continue
        chart = (
            f"{age}{sex}, PCP {doc}. Active meds: {', '.join(meds) or 'none'}. "
            f"Allergies: {rng.choice(('NKDA', 'NKDA', 'penicillin', 'sulfa', 'latex'))}. Last visit: "
            f"2026-0{rng.randint(1, 2)}-{rng.randint(1, 28):02d} ({rng.choice(('annual physical', 'follow-up', 'sick visit', 'telehealth'))})."
        )
        note = rng.choice(CL_NOTES[cat]).format(doc=doc)
        dp = {"temperature": 0.3, "max_tokens": 450, "user": f"staff_{rng.randint(100, 260)}"}
        dtext = CL_DRAFT.format(subject=subject, body=body, chart=chart, note=note)
        reqs = [one(opened, dtext, dp, CL_DRAFT_SYS)]
        y = rng.random()
        if y < 0.04:
            reqs.append(one(opened + rng.uniform(15, 90), dtext, dp, CL_DRAFT_SYS))
        elif y < 0.16:
            ask = rng.choice(CL_REFINE).format(doc=doc)
            reqs += chat_requests(
                [dtext, ask],
                [None, None],
                [opened, opened + latency(rng, 200) + think(rng, 700, len(ask))],
                dp,
                CL_DRAFT_SYS,
            )[1:]
        kt.requests += reqs
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 6. Nightly RAGAS-style evaluation of an internal knowledge-base assistant ("Quarry", a
# docs-search team): the golden set is 120 questions (real search queries from nq_open, 90, and
# short English questions people asked chatbots, arena_even / oasst2, 30), each with the four
# passages the team's retriever returns (real long texts - LIMA's stored StackExchange / wikiHow
# answers and oasst2's human-written replies - ranked by keyword overlap) and the team's RAG
# answer. The metric library calls this API as its judge, with its fixed few-shot prompts: (1)
# break the answer into statements (JSON), (2) verify the statements against the passages (NLI
# verdicts, JSON), (3) answer relevancy: generate the question back from the answer, n=3 at T 0.3,
# (4) context precision, one call per passage, (5) context recall against the reference. T 0
# elsewhere, 16 workers, 3% of calls resent after a JSON parse error. Runs: Tuesday 02:00 UTC
# (nightly), Tuesday 15:00 UTC (a pull request's smoke test on 30 questions), Wednesday 02:00 UTC
# (nightly, retriever v2: new passages for 30% of the questions and new answers), Wednesday 16:00
# UTC (a developer re-runs 20 low-scoring questions from a notebook, 4 workers). openai-python.
# Stand-ins: the RAG system's answer and the reference (sentences of the top passages), the
# statements JSON quoted by the NLI call; other replies are stubs.
RG_STATEMENTS = (
    "Given a question and an answer, analyse each sentence of the answer and break it down into one or more "
    "fully understandable statements. Do not use pronouns in any statement. Output JSON only.\n\n"
    "Example:\nquestion: Who was Marie Curie and what is she known for?\nanswer: Marie Curie was a Polish-born "
    "physicist and chemist. She is known for her research on radioactivity and was the first woman to win a "
    'Nobel Prize.\nstatements: {{"statements": ["Marie Curie was a Polish-born physicist and chemist.", '
    '"Marie Curie is known for research on radioactivity.", "Marie Curie was the first woman to win a Nobel '
    'Prize."]}}\n\nNow do the same for the following input.\nquestion: {q}\nanswer: {a}\nstatements:'
)
RG_NLI = (
    "Your task is to judge the faithfulness of a series of statements based on a given context. For each "
    "statement return verdict 1 if the statement can be directly inferred from the context and 0 if it cannot, "
    "with a one-sentence reason. Output JSON only.\n\nExample:\ncontext: Lena studies computer science at a "
    'technical university and works part-time in a bakery.\nstatements: ["Lena studies computer science.", '
    '"Lena works as a nurse."]\nanswer: {{"verdicts": [{{"statement": "Lena studies computer science.", '
    '"reason": "The context says so.", "verdict": 1}}, {{"statement": "Lena works as a nurse.", "reason": "The '
    'context says she works in a bakery.", "verdict": 0}}]}}\n\nNow do the same for the following input.\n'
    "context: {ctx}\nstatements: {stmts}\nanswer:"
)
RG_RELEVANCY = (
    "Generate a question for the given answer and identify whether the answer is noncommittal. Give "
    'noncommittal 1 if the answer is evasive, vague or ambiguous (for example "I don\'t know" or "I\'m not '
    'sure"), and 0 if it commits to an answer. Output JSON only.\n\nExample:\nanswer: The Eiffel Tower is 330 '
    'metres tall.\noutput: {{"question": "How tall is the Eiffel Tower?", "noncommittal": 0}}\n\nNow do the '
    "same for the following input.\nanswer: {a}\ncontext: {ctx}\noutput:"
)
RG_PRECISION = (
    "Given a question, an answer and a context, verify whether the context was useful in arriving at the given "
    'answer. Give verdict "1" if useful and "0" if not, with a short reason. Output JSON only.\n\nExample:\n'
    "question: What is the boiling point of water at sea level?\ncontext: At sea level, water boils at 100 "
    'degrees Celsius.\nanswer: 100 degrees Celsius.\nverification: {{"reason": "The context states the '
    'boiling point directly.", "verdict": 1}}\n\nNow do the same for the following input.\nquestion: {q}\n'
    "context: {c}\nanswer: {a}\nverification:"
)
RG_RECALL = (
    "Given a context and a reference answer, analyse each sentence of the reference answer and classify whether "
    "it can be attributed to the context (1) or not (0). Output JSON only: a list of objects with "
    '"statement", "reason" and "attributed".\n\nquestion: {q}\ncontext: {ctx}\nreference answer: {ref}\n'
    "classification:"
)


def ragas_nightly_eval(golden: int = 120, conc: int = 16) -> list[KeyTraffic]:
    rng = R("quarry")
    lima = {r.id for r in src("lima") if bucket(r, 2) == 1}
    oasst = {r.id for r in src("oasst2_threads") if bucket(r, 3) == 0}
    passages = [
        t for rid, t in en_replies(("lima", "oasst2_threads"), 400) if rid.split("#")[0] in lima | oasst
    ]
    pw = [kw_set(p[:1500]) for p in passages]
    index: dict[str, list[int]] = {}
    for i, ws in enumerate(pw):
        for w in ws:
            index.setdefault(w, []).append(i)
    qs = [r for r in rng.sample(src("nq_open_dev"), golden - 30)]
    chat = [
        r
        for r in src("arena_even") + src("oasst2_threads")
        if bucket(r, 3) == 0 and en_row(r) and 20 <= len(r.first) <= 200 and r.first.rstrip().endswith("?")
    ]
    qs += rng.sample(chat, 30)
    kt = mk(
        "b11-quarry-0",
        "ragas_nightly_eval",
        "benign",
        "evaluation",
        client(rng, "openai-python"),
        timing="simulated: nightly runs at 02:00 UTC (16 workers, closed loop), a PR smoke test and a notebook re-run in UTC office hours",
        sources=("nq_open_dev", "arena_even", "oasst2_threads", "lima (stored answers as passages)"),
        settings={"golden": golden, "conc": conc},
    )

    def retrieve(q: str, salt: int) -> list[str]:
        score: dict[int, int] = {}
        for w in sorted(kw_set(q)):
            for i in index.get(w, ())[:300]:
                score[i] = score.get(i, 0) + 1
        ranked = sorted(score, key=lambda i: (-score[i], (i * 7919 + salt) % 1009))
        ranked = ranked[salt % 3 :] if salt else ranked
        while len(ranked) < 4:
            ranked.append(rng.randrange(len(passages)))
        return [clip(one_line(passages[i]), rng.randint(300, 900)) for i in ranked[:4]]

    state = {}
    for r in qs:
        ctx = retrieve(r.first, 0)
        state[r.id] = (ctx, " ".join(sentences(ctx[0])[:2]) or ctx[0][:200])

    def jobs_for(rows: list[Row]) -> list:
        p0 = {"temperature": 0}
        jobs = []
        for r in rows:
            q = r.first
            ctx, ans = state[r.id]
            ref = " ".join(sentences(ctx[0])[:1] + sentences(ctx[1])[:1]) or ans
            stmts = [s for s in sentences(ans)] or [ans]
            calls = [
                one(0, RG_STATEMENTS.format(q=q, a=ans), p0, None, json.dumps({"statements": stmts}), r.id),
                one(0, RG_NLI.format(ctx="\n".join(ctx), stmts=json.dumps(stmts)), p0, None, None, r.id),
                one(
                    0,
                    RG_RELEVANCY.format(a=ans, ctx="\n".join(ctx)),
                    {"temperature": 0.3, "n": 3},
                    None,
                    None,
                    r.id,
                ),
            ]
            calls += [one(0, RG_PRECISION.format(q=q, c=c, a=ans), p0, None, None, r.id) for c in ctx]
            calls.append(one(0, RG_RECALL.format(q=q, ctx="\n".join(ctx), ref=ref), p0, None, None, r.id))
            for c in calls:
                jobs.append(
                    (
                        None,
                        [c] + ([one(0, c.prompt, c.params, None, None, r.id)] if rng.random() < 0.03 else []),
                    )
                )
        rng.shuffle(jobs)  # the library gathers every metric's calls at once
        return jobs

    kt.requests += run_jobs(rng, T0 + DAY + 2 * HOUR + rng.uniform(0, 120), jobs_for(qs), conc, tokens=120)
    kt.requests += run_jobs(
        rng, T0 + DAY + 15 * HOUR + rng.uniform(0, 900), jobs_for(rng.sample(qs, 30)), conc, tokens=120
    )
    for r in rng.sample(qs, int(0.3 * len(qs))):  # retriever v2
        ctx = retrieve(r.first, rng.randint(1, 999))
        state[r.id] = (ctx, " ".join(sentences(ctx[0])[:2]) or ctx[0][:200])
    kt.requests += run_jobs(
        rng, T0 + 2 * DAY + 2 * HOUR + rng.uniform(0, 120), jobs_for(qs), conc, tokens=120
    )
    kt.requests += run_jobs(
        rng, T0 + 2 * DAY + 16 * HOUR + rng.uniform(0, 900), jobs_for(rng.sample(qs, 20)), 4, tokens=120
    )
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 1. Code Evol-Instruct over three generations (a WizardCoder-style code set for a
# small code model): 330 seed tasks from a quarter of codealpaca. Each night one generation:
# every live task is (1) rewritten to be harder by one of 7 code-specific methods (in-depth, 85%)
# or replaced by a new task in the same area (in-breadth, 15%) - T 1.0, max_tokens 512 (2% of the
# rewrites fail the script's own length / "rewritten" filters and stop there); (2) checked against
# its parent by an equality prompt (T 0, max_tokens 5; "Equal" in 6%, which eliminates it); (3) answered under an expert-
# programmer system prompt (T 0.7, max_tokens 2048) - the answers are the product. The survivors
# seed the next night's generation. aiohttp, 10 async workers, one chain per task, nights from
# 22:00 UTC (3 nights). Stand-ins: the evolved task (the parent plus a requirement written here per
# method; erroneous reference code is another codealpaca answer with one line broken; in-breadth
# tasks are other codealpaca instructions with a requirement), the equality verdict; answers are
# stubs (the model's solution to a new task is not in the data).
EV_DEPTH = (
    "Rewrite the programming task below so that it is somewhat harder to solve, using this approach: "
    "{method}\nThe rewritten task must be self-contained, solvable, and no more than 40 words longer than the "
    "original. Do not solve it and do not mention that it was rewritten.\n\nOriginal task:\n{q}\n\n"
    "Rewritten task:"
)
EV_BREADTH = (
    "Use the programming task below as inspiration to write a brand-new task from the same area of "
    "programming that is less common and exercises a different skill. It should be about as long and as "
    "difficult as the original and fully self-contained. Output only the new task.\n\nOriginal task:\n{q}\n\n"
    "New task:"
)
EV_METHODS = (
    "Add one or two new constraints or requirements.",
    "Replace a commonly used requirement with a less common and more specific one.",
    "If the task can be solved with only a few logical steps, require more reasoning steps.",
    "Include a short piece of erroneous code as a reference, to make the task more misleading.",
    "Demand a better time or space complexity and state it (use this sparingly).",
    "Require handling of edge cases and invalid input, with specific error behaviour.",
    "Require the solution in a different programming language or with a specific standard library module.",
)
EV_EQUAL = (
    "Here are two programming tasks. Do they ask for essentially the same thing, with the same constraints and "
    "the same depth and breadth? Answer only Equal or Not Equal.\n\nFirst task:\n{a}\n\nSecond task:\n{b}"
)
EV_SYSTEM = (
    "You are an expert software engineer. Solve the task with correct, idiomatic and well-commented code, then "
    "briefly explain your approach and its time and space complexity."
)
EV_ADDS = {
    0: (
        " The function must also return the number of {w} it processed.",
        " Do not use any built-in sorting functions.",
        " The input may contain up to 10^6 elements and duplicates.",
        " Return the results as a dictionary keyed by {w}.",
    ),
    1: (
        " Instead of a list, the input arrives as a stream that can only be read once.",
        " Use only integer arithmetic; floating point is not allowed.",
        " The output must be sorted by frequency first and then lexicographically.",
    ),
    2: (
        " First validate the input, then compute the result, then explain how you would test it with three cases.",
        " Solve it for a whole batch of inputs and report which ones fail and why.",
    ),
    3: (" Here is a piece of erroneous code for reference:\n```\n{code}\n```",),
    4: (
        " Your solution must run in O(n log n) time and O(1) extra space.",
        " The solution must be linear in the length of the input.",
    ),
    5: (
        " Raise a ValueError for empty input and a TypeError for non-numeric values.",
        " Handle negative numbers, empty strings and None explicitly.",
    ),
    6: (
        " Write the solution in Rust.",
        " Write the solution in Go using only the standard library.",
        " Use Python's itertools and functools modules.",
        " Write it in TypeScript with strict types.",
    ),
}


def code_evol_wizardcoder(seeds: int = 330, nights: int = 3, conc: int = 10) -> list[KeyTraffic]:
    rng = R("evolcode")
    rows = dedupe_rows([r for r in src("codealpaca_2k") if len(r.first) < 1200 and ca_bucket(r) == 2])
    rng.shuffle(rows)
    pick, spare = rows[:seeds], rows[seeds:]
    codes = [r.answer for r in rows if r.answer and "\n" in r.answer and len(r.answer) < 700]
    kt = mk(
        "d11-evolcode-0",
        "code_evol_wizardcoder",
        "distiller",
        "distiller",
        client(rng, "aiohttp"),
        timing=f"simulated {conc} async workers (closed loop, one chain per task), one generation a night from 22:00 UTC",
        sources=("codealpaca_2k",),
        settings={"seeds": seeds, "nights": nights, "conc": conc},
    )
    pe = {"temperature": 1.0, "max_tokens": 512}
    pq = {"temperature": 0, "max_tokens": 5}
    pa = {"temperature": 0.7, "max_tokens": 2048}
    live = [(r.id, r.first) for r in pick]
    si = 0
    for night in range(nights):
        jobs, nxt = [], []
        for iid, task in live:
            if rng.random() < 0.15:
                prompt = EV_BREADTH.format(q=task)
                base = spare[si % len(spare)].first
                si += 1
                m = 0
            else:
                m = rng.randrange(len(EV_METHODS))
                prompt = EV_DEPTH.format(method=EV_METHODS[m], q=task)
                base = task
            add = rng.choice(EV_ADDS[m])
            if "{code}" in add:
                lines = rng.choice(codes).split("\n")
                j = rng.randrange(len(lines))
                lines[j] = lines[j].replace("==", "=").replace("+ 1", "- 1").replace("<=", "<") + (
                    "" if rng.random() < 0.5 else ")"
                )
                add = add.format(code="\n".join(lines))
            else:
                w = (keywords(rng, task, 1) or ["items"])[0].lower()
                add = add.replace("{w}", w)
            evolved = base.rstrip() + (add if base is task else "")
            reqs = [one(0, prompt, pe, None, evolved, iid, True)]
            if rng.random() < 0.02:  # the script's own filter drops it
                jobs.append((None, reqs))
                continue
            same = rng.random() < 0.06
            reqs.append(
                one(
                    0,
                    EV_EQUAL.format(a=task, b=evolved),
                    pq,
                    None,
                    "Equal" if same else "Not Equal",
                    iid,
                    True,
                )
            )
            if not same:
                reqs.append(one(0, evolved, pa, EV_SYSTEM, None, iid, True))
                nxt.append((iid, evolved))
            jobs.append((None, reqs))
        kt.requests += run_jobs(
            rng, T0 + night * DAY + 22 * HOUR + rng.uniform(0, 600), jobs, conc, tokens=450
        )
        live = nxt
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 2. A five-key fleet fired by one schedule: an operator runs five worker containers,
# each with its own API key (its own organisation, card and cloud region), its own client
# software, sampling settings and system prompt (or none), and its own DISJOINT item pool:
#   k1 LIMA + InstructionWild en (openai-python, T 0.7, max_tokens 2048, "You are a helpful
#      assistant."), k2 ShareGPT-zh + BELLE first turns (httpx, T 0.8, top_p 0.9, no system
#      prompt), k3 MOSS first turns (Go, T 0.6, max_tokens 1500, a Chinese system prompt),
#   k4 Orca (with each row's own system prompt) + Evol-Instruct (aiohttp, T 1.0, max_tokens
#      1024), k5 Huatuo + InstructionWild zh (openai-js, streamed, T 0.7).
# One cron schedule (every 30 minutes from 01:00 to 10:30 UTC, i.e. 09:00-18:30 in UTC+8) starts
# every container's batch at the same minute (0.2-3 s apart: container start-up); each key sends
# its per-tick quota (k-specific 5-8 items, +-2) with 2 workers and idles until the next tick.
# The scheduler was down 04:00-05:30 UTC on day 2, for every key. 3 days. Replies: stored answers.
HY_KEYS = (  # (suffix, sources, software, params, system prompt, base quota)
    (
        "k1",
        ("lima", "instructionwild"),
        "openai-python",
        {"temperature": 0.7, "max_tokens": 2048},
        "You are a helpful assistant.",
        8,
    ),
    ("k2", ("sharegpt_zh_1k", "belle_dev1k"), "httpx", {"temperature": 0.8, "top_p": 0.9}, None, 7),
    (
        "k3",
        ("moss_sft_sample",),
        "go",
        {"temperature": 0.6, "max_tokens": 1500},
        "你是一个乐于助人、知识渊博的AI助手。",
        6,
    ),
    (
        "k4",
        ("orca_dpo_pairs_val", "evol_instruct_h2o"),
        "aiohttp",
        {"temperature": 1.0, "max_tokens": 1024},
        None,
        5,
    ),
    ("k5", ("huatuo_med_zh", "instructionwild"), "openai-js", {"temperature": 0.7, "stream": True}, None, 5),
)


def quota_synced_fleet(
    days: int = 3, every_min: int = 30, hours: tuple[float, float] = (1.0, 11.0)
) -> list[KeyTraffic]:
    ticks = []
    for d in range(days):
        t = T0 + d * DAY + hours[0] * HOUR
        while t < T0 + d * DAY + hours[1] * HOUR:
            if not (d == 1 and T0 + d * DAY + 4 * HOUR <= t < T0 + d * DAY + 5.5 * HOUR):
                ticks.append(t)
            t += every_min * MINUTE
    keys = []
    for suffix, names, sw, params, system, quota in HY_KEYS:
        krng = R("fleet", suffix)

        def keep(r: Row, suffix: str = suffix) -> bool:
            if len(r.first) > 3000 or not r.first.strip():
                return False
            if r.file == "instructionwild":  # en without code on k1 (code goes to the IDE mimic), zh on k5
                if suffix == "k5":
                    return r.extra.get("lang") == "zh"
                return r.extra.get("lang") == "en" and not RT_CODE.search(r.first)
            if r.file in ("lima", "moss_sft_sample", "huatuo_med_zh", "sharegpt_zh_1k"):
                return bucket(r, 2) == 0
            return True

        rows = dedupe_rows([r for n in names for r in src(n) if keep(r)])
        krng.shuffle(rows)
        kt = mk(
            f"d11-fleet-{suffix}",
            "quota_synced_fleet",
            "distiller",
            "distiller",
            client(krng, sw, system),
            actor="d11-fleet",
            timing=f"simulated: cron every {every_min} min {hours[0]:g}:00-{hours[1]:g}:00 UTC for all keys, per-tick quota with 2 workers",
            sources=names,
            settings={"days": days, "every_min": every_min, "quota": quota, "params": params},
        )
        i = 0
        for tick in ticks:
            jobs = []
            for _ in range(max(1, quota + krng.randint(-2, 2))):
                r = rows[i % len(rows)]
                i += 1
                sys_ = (
                    str(r.extra.get("system") or "") or system if r.file == "orca_dpo_pairs_val" else system
                )
                jobs.append((r, [one(0, r.first, params, sys_, r.answer, r.id, True)]))
            kt.requests += run_jobs(krng, tick + krng.uniform(0.2, 3.0), jobs, 2, tokens=400)
        kt.requests = sorted_reqs(kt.requests)
        keys.append(kt)
    return keys


# =============================================================================================
# DISTILLER 3. A harvest that imitates an IDE chat extension on three "seat" keys of one small
# software studio (one organisation, one card, one office network; openai-js as the extension
# uses it, streamed, T 0.2, max_tokens 4096). Every request carries the extension's long system
# prompt and the editor context it would attach: the active file's path (written here, matched to
# the item's language) and, when the item has code or data, that text as the "selected lines"
# in a fenced block; 15% start with a slash command (/explain, /fix, /tests, /doc) chosen to fit
# the item; 15% get one follow-up written here ("now write unit tests for this", "add type
# hints"). Items: a quarter of codealpaca (instruction, with its input as the selection), code-
# bearing ShareGPT-en first turns and coding prompts from InstructionWild en - one item per chat,
# no item twice. Each seat works UTC+8 office hours (09:00-18:30 local with a lunch break, ~45
# items a weekday, ~20 on Saturday), Monday to Saturday. Replies: the stored answers where the
# request is the item; follow-ups get stubs.
IDE_SYSTEM = (
    "You are an AI programming assistant integrated into the user's code editor (Visual Studio Code). Follow "
    "the user's requirements carefully and to the letter. The user may share their active file and current "
    "selection; base your answer on that code and its conventions. When you change code, show the complete "
    "changed function or block in a fenced code block with the language, and put the file path in a comment "
    "on its first line. Do not wrap the whole response in triple backticks. Keep explanations short unless the "
    "user asks for detail. If the question is a general programming question, answer it directly."
)
IDE_FOLLOWS = (
    "now write unit tests for this",
    "can you add type hints?",
    "make it faster, it's too slow on large inputs",
    "add error handling please",
    "explain the second part line by line",
    "use async/await instead",
    "can you convert this to TypeScript",
    "add docstrings/comments",
)
IDE_LANGS = (  # (pattern, fence tag, extension)
    (r"\b(python|pandas|numpy|django|flask)\b|\bdef \w+\(", "python", "py"),
    (r"\b(typescript|angular)\b", "ts", "ts"),
    (r"\b(javascript|js|node|react|jquery|vue)\b|=>|\bfunction\b", "js", "js"),
    (r"\b(sql|mysql|postgres|sqlite)\b|\bselect\b.*\bfrom\b", "sql", "sql"),
    (r"\bjava\b|public static", "java", "java"),
    (r"c\+\+|#include|\bcpp\b", "cpp", "cpp"),
    (r"\bc#|\.net\b", "csharp", "cs"),
    (r"\b(html|css)\b|<div", "html", "html"),
    (r"\b(bash|shell|linux)\b", "bash", "sh"),
    (r"\b(go|golang)\b", "go", "go"),
    (r"\brust\b", "rust", "rs"),
)
IDE_DIRS = (
    "src/utils",
    "src/services",
    "src/api",
    "app/models",
    "lib",
    "scripts",
    "src/components",
    "internal/core",
    "tests",
)
IDE_STEMS = (
    "helpers",
    "main",
    "handler",
    "parser",
    "client",
    "models",
    "index",
    "service",
    "transform",
    "tools",
    "app",
    "query",
)


def _ide_lang(rng: random.Random, text: str) -> tuple[str, str]:
    for pat, tag, ext in IDE_LANGS:
        if re.search(pat, text, re.I):
            return tag, ext
    return rng.choice((("python", "py"), ("js", "js"), ("python", "py")))


def _ide_prompt(rng: random.Random, row: Row) -> str:
    ins = str(row.extra.get("instruction") or "") if row.file == "codealpaca_2k" else ""
    inp = str(row.extra.get("input") or "") if row.file == "codealpaca_2k" else ""
    body = ins or row.first
    tag, ext = _ide_lang(rng, row.first)
    path = f"{rng.choice(IDE_DIRS)}/{rng.choice(IDE_STEMS)}.{ext}"
    low = body.lower()
    slash = ""
    if rng.random() < 0.15:
        if low.startswith(("explain", "what", "describe", "how does")):
            slash = "/explain "
        elif re.search(r"\b(fix|debug|error|bug|wrong)\b", low):
            slash = "/fix "
        elif re.search(r"\b(test|unit)\b", low):
            slash = "/tests "
        elif inp:
            slash = "/doc "
    if inp:
        a = rng.randint(1, 240)
        b = a + inp.count("\n")
        return f"[{path}, lines {a}-{b} selected]\n```{tag}\n{inp}\n```\n\n{slash}{body}"
    return f"[{path}]\n\n{slash}{body}"


def _ide_clock(rng: random.Random, day: float, n: int) -> list[float]:
    """n send times of one developer's office day in UTC+8 (09:00-18:30 local, lunch 12:00-13:30)."""
    out = []
    for _ in range(n):
        h = rng.uniform(9.0, 18.5)
        if 12.0 <= h < 13.5 and rng.random() < 0.8:
            h = rng.uniform(13.5, 18.5)
        out.append(day + (h - 8.0) * HOUR)
    return sorted(out)


def ide_seat_code_harvest(seats: int = 3, per_day: int = 45, follow: float = 0.15) -> list[KeyTraffic]:
    rng = R("idemimic")
    code_like = lambda r: RT_CODE.search(r.first) is not None and len(r.first) < 4000  # noqa: E731
    items = [r for r in src("codealpaca_2k") if ca_bucket(r) == 3]
    items += [r for r in src("sharegpt_en_sample") if code_like(r)]
    items += [r for r in src("instructionwild") if r.extra.get("lang") == "en" and code_like(r)]
    items = dedupe_rows(items)
    rng.shuffle(items)
    org, card = f"org-{rng.getrandbits(40):010x}", f"pm-{rng.getrandbits(48):012x}"
    net = f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.0/24"
    p = {"temperature": 0.2, "max_tokens": 4096, "stream": True}
    keys, ii = [], 0
    for s in range(seats):
        srng = R("idemimic", s)
        kt = mk(
            f"d11-idemimic-seat{s + 1}",
            "ide_seat_code_harvest",
            "distiller",
            "distiller",
            client(
                srng, "openai-js", IDE_SYSTEM, organisation=org, payment_fingerprint=card, signup_network=net
            ),
            actor="d11-idemimic",
            timing="simulated: one developer's office day in UTC+8 per seat (09:00-18:30 local, lunch), Mon-Sat, follow-ups at think() pace",
            sources=("codealpaca_2k", "sharegpt_en_sample", "instructionwild"),
            settings={"seats": seats, "per_day": per_day, "follow": follow},
        )
        for d in range(6):
            n = per_day + srng.randint(-8, 8) if d < 5 else srng.randint(12, 25)
            for t in _ide_clock(srng, T0 + d * DAY, n):
                if ii >= len(items):
                    break
                row = items[ii]
                ii += 1
                turns = [_ide_prompt(srng, row)]
                if srng.random() < follow:
                    turns.append(srng.choice(IDE_FOLLOWS))
                ts = [t]
                if len(turns) > 1:
                    ts.append(
                        t
                        + latency(srng, len(row.answer or "x" * 1200) // 4)
                        + think(srng, len(row.answer or "x" * 1200), len(turns[1]))
                    )
                kt.requests += chat_requests(turns, [row.answer, None], ts, p, IDE_SYSTEM, row.id, True)
        kt.requests = sorted_reqs(kt.requests)
        keys.append(kt)
    return keys


# =============================================================================================
# DISTILLER 4. Long-output harvest for a "long writer" student (LongWriter / AgentWrite style), one
# actor on two keys of one organisation. Writing instructions: real prompts that ask for an essay,
# article, story, report, plan, guide or letter (ShareGPT-en first turns, MOSS and ShareGPT-zh
# first turns in Chinese), each given a length requirement (2,000-10,000 words; 3,000-10,000
# characters in Chinese). Key A "agentwrite" (openai-python, 4 workers, three nights from 21:00
# UTC, 140 instructions): a plan call splits the instruction into 4-14 paragraph steps with main
# points and word counts (T 0.7, max_tokens 1024), then one call per step writes the next
# paragraph with the instruction, the plan and ALL the text written so far in the prompt (T 0.8,
# max_tokens 2048), so the prompts grow to tens of thousands of characters. Key B "direct"
# (httpx, 2 workers, daytime 08:00-18:00 UTC, 3 days, the other instructions as far as the
# daily window allows): one call per
# instruction under a "comprehensive, never cut short" system prompt with max_tokens 16000
# (T 0.8), and 22% get a "continue" turn. Stand-ins: the plan (steps composed here from the
# instruction's content words) and the paragraphs (built from the item's stored answer, cycled,
# with a subheading) are quoted by later calls; key B's first reply is the stored answer, the
# continue turns' replies are stubs.
LW_PLAN = (
    "I need to write a long text for the instruction below, and I want to plan it section by section first. "
    "Break the instruction into {lo}-{hi} writing steps. Each step covers one paragraph or section: describe "
    "in detail what it must contain and how many words it should have. The steps together must cover "
    "everything the instruction asks for and add up to the requested length.\n\nInstruction:\n{ins}\n\n"
    "Output one line per step in exactly this format, and nothing else:\nParagraph 1 - Main point: ... - "
    "Word count: ... words"
)
LW_PLAN_ZH = (
    "我需要根据下面的写作指令写一篇长文，请先帮我把它拆分成{lo}到{hi}个写作步骤。每个步骤对应一个段落或小节：详细说明该部分必须写什么内容，"
    "以及需要多少字。所有步骤加起来要覆盖指令的全部要求，并达到要求的总字数。\n\n写作指令：\n{ins}\n\n"
    "每个步骤一行，严格按照以下格式输出，不要输出其他内容：\n段落1 - 主要内容：…… - 字数要求：……字"
)
LW_WRITE = (
    "You are an excellent writer. I am writing a long text step by step. Below are the original writing "
    "instruction, my plan, and the text written so far. Write ONLY the next part: {step}. Keep it consistent "
    "with the text so far, follow the plan's word count for this part, and do not repeat anything already "
    "written. You may begin with a short subheading.\n\nInstruction:\n{ins}\n\nPlan:\n{plan}\n\nText written so "
    "far:\n{text}"
)
LW_WRITE_ZH = (
    "你是一位出色的写作者。我正在分步骤写一篇长文。下面是原始写作指令、我的写作计划以及已经写好的内容。请只写下一部分：{step}。"
    "内容要与已写部分保持连贯，字数符合计划中这一部分的要求，不要重复已经写过的内容。开头可以加一个简短的小标题。\n\n"
    "写作指令：\n{ins}\n\n写作计划：\n{plan}\n\n已写内容：\n{text}"
)
LW_SYSTEM = (
    "You are a meticulous long-form writer. Always give comprehensive, exhaustive, well-structured answers "
    "with headings, concrete examples and details. Match the requested length: never summarise, never cut the "
    "text short, and never ask whether you should continue."
)
LW_SYSTEM_ZH = "你是一位严谨的长文写作者。回答必须全面、详尽、结构清晰，有小标题、具体例子和细节。严格满足要求的字数：不要概括，不要中途截断，也不要询问是否继续。"
LW_CONTINUE = ("Continue exactly from where you stopped.", "please continue", "Go on, finish the text.")
LW_CONTINUE_ZH = ("请从中断的地方继续写。", "继续", "请接着写完。")
LW_WRITING = re.compile(
    r"\b(write|essay|article|story|blog|report|guide|describe|speech|letter|proposal|overview|outline|"
    r"chapter|script|novel)\b|写|文章|故事|介绍|报告|计划|作文|论述|演讲|小说",
    re.I,
)


def _lw_paragraph(rng: random.Random, row: Row, k: int, words: int, zh: bool) -> str:
    sents = sentences(row.answer or "") or [stub_reply(row.first)]
    budget = min(2600, int(words * (1.6 if zh else 5.8)))
    out, i = [], rng.randrange(len(sents))
    while sum(len(s) for s in out) < budget:
        out.append(sents[i % len(sents)])
        i += 1
    kw = keywords(rng, row.first, 1) or ["Part"]
    head = f"## {k}. {kw[0].capitalize()}" if not zh else f"## 第{k}部分"
    return head + "\n\n" + " ".join(out)


def longform_agentwrite_harvest(agentwrite: int = 140, direct: int = 260, days: int = 3) -> list[KeyTraffic]:
    rng = R("longwriter")

    def ok(r: Row) -> bool:
        head = r.first.lower()[:200]
        return (
            bool(LW_WRITING.search(r.first))
            and 15 < len(r.first) < 1500
            and not RT_CODE.search(r.first)
            and "continue" not in head
            and "继续" not in head
        )

    rows = [r for r in src("sharegpt_en_sample") if ok(r)]
    rows += [r for n in ("moss_sft_sample", "sharegpt_zh_1k") for r in src(n) if bucket(r, 2) == 1 and ok(r)]
    rows = dedupe_rows(rows)
    rng.shuffle(rows)
    a_rows, b_rows = rows[:agentwrite], rows[agentwrite : agentwrite + direct]
    org = f"org-{rng.getrandbits(40):010x}"
    ka = mk(
        "d11-longwriter-agentwrite",
        "longform_agentwrite_harvest",
        "distiller",
        "distiller",
        client(rng, "openai-python", organisation=org),
        actor="d11-longwriter",
        timing="simulated 4 workers (closed loop, one plan-and-write chain per instruction), three nights from 21:00 UTC",
        sources=("sharegpt_en_sample", "moss_sft_sample", "sharegpt_zh_1k"),
        settings={"agentwrite": len(a_rows), "days": days},
    )
    kb = mk(
        "d11-longwriter-direct",
        "longform_agentwrite_harvest",
        "distiller",
        "distiller",
        client(rng, "httpx", LW_SYSTEM, organisation=org),
        actor="d11-longwriter",
        timing="simulated 2 workers (closed loop), 08:00-18:00 UTC on three days",
        sources=ka.sources,
        settings={"direct": len(b_rows), "days": days},
    )

    def length(zh: bool) -> tuple[int, str]:
        if zh:
            n = rng.choice((3000, 5000, 8000, 10000))
            return n, f"\n\n要求字数：{n}字左右。"
        n = rng.choice((2000, 3000, 5000, 8000, 10000))
        return n, f"\n\nThe response should be about {n} words long."

    per = math.ceil(len(a_rows) / days)
    for d in range(days):
        jobs = []
        for row in a_rows[d * per : (d + 1) * per]:
            zh = bool(HAN.search(row.first))
            total, req = length(zh)
            ins = row.first.rstrip() + req
            steps = max(4, min(14, round(total / (rng.uniform(600, 900) if zh else rng.uniform(500, 800)))))
            kw = [w.lower() for w in keywords(rng, row.first, 6)] or ["the topic"]
            sizes = [max(150, round(total / steps * rng.uniform(0.7, 1.3), -1)) for _ in range(steps)]
            if zh:
                plan = "\n".join(
                    f"段落{i + 1} - 主要内容：围绕{kw[i % len(kw)]}展开 - 字数要求：{w}字"
                    for i, w in enumerate(sizes)
                )
                p0 = LW_PLAN_ZH.format(lo=max(3, steps - 3), hi=steps + 3, ins=ins)
            else:
                plan = "\n".join(
                    f"Paragraph {i + 1} - Main point: {kw[i % len(kw)]} and how it relates to the request - Word count: {w} words"
                    for i, w in enumerate(sizes)
                )
                p0 = LW_PLAN.format(lo=max(3, steps - 3), hi=steps + 3, ins=ins)
            reqs = [one(0, p0, {"temperature": 0.7, "max_tokens": 1024}, None, plan, row.id, True)]
            text = []
            for i, w in enumerate(sizes):
                step = f"段落{i + 1}" if zh else f"Paragraph {i + 1}"
                tpl = LW_WRITE_ZH if zh else LW_WRITE
                sofar = "\n\n".join(text) or ("（尚未开始）" if zh else "(nothing yet)")
                para = _lw_paragraph(rng, row, i + 1, w, zh)
                reqs.append(
                    one(
                        0,
                        tpl.format(step=step, ins=ins, plan=plan, text=sofar),
                        {"temperature": 0.8, "max_tokens": 2048},
                        None,
                        para,
                        row.id,
                        True,
                    )
                )
                text.append(para)
            jobs.append((None, reqs))
        ka.requests += run_jobs(rng, T0 + d * DAY + 21 * HOUR + rng.uniform(0, 900), jobs, 4, tokens=1100)
    per = math.ceil(len(b_rows) / days)
    pb = {"temperature": 0.8, "max_tokens": 16000}
    for d in range(days):
        jobs = []
        for row in b_rows[d * per : (d + 1) * per]:
            zh = bool(HAN.search(row.first))
            _, req = length(zh)
            turns = [row.first.rstrip() + req]
            if rng.random() < 0.22:
                turns.append(rng.choice(LW_CONTINUE_ZH if zh else LW_CONTINUE))
            sysp = LW_SYSTEM_ZH if zh else LW_SYSTEM
            jobs.append(
                (None, chat_requests(turns, [row.answer, None], [0.0] * len(turns), pb, sysp, row.id, True))
            )
        # ~5,000-10,000 words come back per call: the service time follows the requested length
        reqs = run_jobs(rng, T0 + d * DAY + 8 * HOUR + rng.uniform(0, 900), jobs, 2, tokens=9000)
        kb.requests += [q for q in reqs if q.ts < T0 + d * DAY + 18 * HOUR]
    ka.requests = sorted_reqs(ka.requests)
    kb.requests = sorted_reqs(kb.requests)
    return [ka, kb]


# =============================================================================================
# DISTILLER 5. On-policy prefix continuation with logprobs (a lab distilling into its own 7B
# student with an on-policy / guided-KD recipe): for each prompt the student first samples an
# answer locally; the script then cuts that answer at 2-3 sentence boundaries (about 30%, 55% and
# 80% of the way) and asks the teacher, on the completions endpoint with the student's own chat
# template, to continue from each prefix (T 1.0, max_tokens 256, logprobs 5, stop at the end-of-
# turn token); for 30% of the prompts also one continuation from an empty prefix. Prompts: ShareGPT-
# en first turns (no code, no long-writing requests), MOSS first turns and Huatuo questions (the
# halves not used by the other harvests). aiohttp, 6 workers, three nights from 19:30 UTC.
# Stand-ins: the student's draft is the prompt's stored answer (what a weaker model would have
# written), and the served continuation is the rest of that answer (clipped to ~256 tokens).
OP_TEMPLATE = "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n{q}<|im_end|>\n<|im_start|>assistant\n{prefix}"


def onpolicy_prefix_continuation(prompts: int = 700, nights: int = 3, conc: int = 6) -> list[KeyTraffic]:
    rng = R("onpolicy")

    def ok(r: Row) -> bool:
        return (
            bool(r.answer)
            and len(r.first) < 2000
            and len(sentences(r.answer or "")) >= 3
            and not RT_CODE.search(r.first)
            and not LW_WRITING.search(r.first)
        )

    sg = [r for r in src("sharegpt_en_sample") if ok(r)]
    moss = [r for r in src("moss_sft_sample") if bucket(r, 2) == 1 and ok(r)]
    hu = [r for r in src("huatuo_med_zh") if bucket(r, 2) == 1 and r.answer and len(r.answer) > 60]
    for x in (sg, moss, hu):
        rng.shuffle(x)
    n_sg = min(len(sg), int(prompts * 0.45))
    n_mo = min(len(moss), int(prompts * 0.3))
    rows = sg[:n_sg] + moss[:n_mo] + hu[: prompts - n_sg - n_mo]
    rng.shuffle(rows)
    kt = mk(
        "d11-onpolicy-0",
        "onpolicy_prefix_continuation",
        "distiller",
        "distiller",
        client(rng, "aiohttp"),
        timing=f"simulated {conc} async workers (closed loop), three nights from 19:30 UTC",
        sources=("sharegpt_en_sample", "moss_sft_sample", "huatuo_med_zh"),
        settings={"prompts": len(rows), "nights": nights, "conc": conc},
    )
    p = {"temperature": 1.0, "max_tokens": 256, "logprobs": 5, "stop": ["<|im_end|>"]}
    per = math.ceil(len(rows) / nights)
    for night in range(nights):
        jobs = []
        for r in rows[night * per : (night + 1) * per]:
            zh = bool(HAN.search(r.answer or ""))
            sents = re.split(r"(?<=[。！？])", r.answer or "") if zh else sentences(r.answer or "")
            sents = [x for x in sents if x.strip()]
            cuts = sorted(
                {
                    max(1, min(len(sents) - 1, round(len(sents) * f + rng.uniform(-0.08, 0.08))))
                    for f in rng.sample((0.3, 0.55, 0.8), rng.choice((2, 3)))
                }
            )
            if rng.random() < 0.3:
                cuts = [0, *cuts]
            for k in cuts:
                prefix = ("" if zh else " ").join(sents[:k])
                if prefix and not zh:
                    prefix += " "
                req = completion_request(0, OP_TEMPLATE.format(q=r.first, prefix=prefix), p, r.id, True)
                req.reply = clip(("" if zh else " ").join(sents[k:]), 350 if zh else 1000)
                jobs.append((None, [req]))
        rng.shuffle(jobs)  # the student's samples come back in batches, not in prompt order
        kt.requests += run_jobs(
            rng, T0 + night * DAY + 19.5 * HOUR + rng.uniform(0, 600), jobs, conc, tokens=256
        )
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 6. A SaaS assistant that distils its own production traffic ("Tandem", a workspace
# app with a built-in assistant, one backend key): by day its users' real conversations go
# through the key (the app's system prompt, streamed, T 0.7, max_tokens 1024, `user` set; a third
# of the arena_even, oasst2 and hh-rlhf conversations, ~300 a day as a diurnal stream, turns paced
# by think()). Every night at 01:30 UTC a job takes a random 35% of the previous day's
# conversations and re-sends each of their user turns (up to 4, with the logged history) under a
# "reference answer" system prompt with n=3 at T 0.9 and max_tokens 2048, not streamed and without
# `user` - training data for the in-house model that is to replace the API (6 workers). Three days
# and three nights. Replies: the stored replies (by day and as the replayed history and the
# nightly answers).
TD_SYSTEM = (
    "You are Tandem Assistant, the AI helper inside the Tandem workspace. Help users write, plan, summarise and "
    "answer questions. Be friendly and concise, use Markdown when it helps, and ask a clarifying question when "
    "a request is ambiguous. Do not claim to have access to the user's documents unless their content is in "
    "the conversation."
)
TD_GOLD = (
    "You are an expert assistant writing reference answers. Give the most helpful, accurate, complete and "
    "well-structured answer possible. Think carefully, explain your reasoning where it helps, include relevant "
    "examples and caveats, and use Markdown headings and lists where appropriate. Do not mention these "
    "instructions."
)


def nightly_log_replay(
    per_day: int = 300, days: int = 3, share: float = 0.35, conc: int = 6
) -> list[KeyTraffic]:
    rng = R("tandem")
    mine = lambda name: [r for r in src(name) if bucket(r, 3) == 2]  # noqa: E731
    convs = mine("arena_even") + mine("oasst2_threads") + mine("hh_rlhf_harmless_test")
    rng.shuffle(convs)
    convs = convs[: per_day * days]
    kt = mk(
        "d11-tandem-0",
        "nightly_log_replay",
        "distiller",
        "app",
        client(rng, "openai-js", TD_SYSTEM),
        timing="simulated: diurnal stream of real users' conversations by day (think() between turns); nightly replay at 01:30 UTC, 6 workers",
        sources=("arena_even", "oasst2_threads", "hh_rlhf_harmless_test"),
        settings={"per_day": per_day, "days": days, "share": share, "conc": conc},
    )
    starts = diurnal(rng, T0 + rng.uniform(0, 1800), len(convs), per_day)
    by_day: dict[int, list[Row]] = {}
    for row, t in zip(convs, starts, strict=True):
        p = {"temperature": 0.7, "max_tokens": 1024, "stream": True, "user": f"tu_{rng.getrandbits(32):08x}"}
        turns = [casual(rng, x) if rng.random() < 0.1 else x for x in row.turns]
        ts = [t]
        for i in range(1, len(turns)):
            ts.append(ts[-1] + think(rng, len(row.replies[i - 1] or "x" * 600), len(turns[i])))
        kt.requests += chat_requests(turns, list(row.replies), ts, p, TD_SYSTEM, row.id)
        by_day.setdefault(int((t - T0) // DAY), []).append(row)
    pg = {"temperature": 0.9, "n": 3, "max_tokens": 2048}
    for d in range(days):
        rows = by_day.get(d, [])
        jobs = []
        for row in rng.sample(rows, int(len(rows) * share)):
            k = min(4, len(row.turns))
            reqs = []
            for i in range(k):
                reqs += chat_requests(
                    list(row.turns[: i + 1]),
                    list(row.replies[: i + 1]),
                    [0.0] * (i + 1),
                    pg,
                    TD_GOLD,
                    row.id,
                    True,
                )[i:]
            jobs.append((row, reqs))
        kt.requests += run_jobs(
            rng, T0 + (d + 1) * DAY + 1.5 * HOUR + rng.uniform(0, 300), jobs, conc, tokens=500
        )
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


BENIGN = (
    chat_insights_facets,
    docstring_codemod_batch,
    multiagent_debate_study,
    router_escalations,
    clinic_inbox_triage,
    ragas_nightly_eval,
)
DISTILL = (
    code_evol_wizardcoder,
    quota_synced_fleet,
    ide_seat_code_harvest,
    longform_agentwrite_harvest,
    onpolicy_prefix_continuation,
    nightly_log_replay,
)

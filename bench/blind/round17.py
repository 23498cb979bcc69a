"""Blind persona set 17 (an outside reviewer): 7 benign, 6 distiller personas.

Written blind: without reading the detector's code, docs, tests or results. What was read: the
realtraffic helpers (records, timing, clients, pools, context, wordings, benign, distill, evals, and
replay's imports and function signatures only), detector/types.py, the earlier blind sets
round2-round16 with apps.py and attacks.py (their module docstrings and persona headers, to reuse
their helpers and not repeat their personas, and the code of the helpers imported here), and
../shared/traffic with its README. Every builder returns list[KeyTraffic] built from the real prompt
data in ../shared/traffic (read at run time, never copied here) plus text written here. ALL
parameters below were fixed before anyone replayed this set and are not tuned on outcomes; its
writer built the traffic only (to check that it imports, is deterministic and looks sensible) and
replayed nothing.

Focus: distillers who exploit a GRADED detector - one that labels benchmark traffic `evaluation`
and leaves apps alone - by dressing their harvest as what it spares, and the benign heavy users the
same ideas would wrongly catch. Benign: a real RAG product (a SaaS help assistant: many end users'
questions over ONE help-centre corpus, 4-6 retrieved passages per request, follow-ups with fresh
retrieval); a structured-extraction pipeline (one json_schema tagging template over every AGIEval
item of a test-prep publisher's bank, validation retries, editors' questions, a taxonomy-v2
re-run); a customer-support bot backend (triage JSON, then bot turns with account facts and policy
snippets, handoff summaries; ~23k requests in five days); a benchmark maintainer running old suites
in full twice (T 0, n=10 pass@k) and building a new suite (greedy + n=5, three iterations, seed
variance); a prompt team A/B testing six system prompts a day over one fixed golden set of 240
real prompts (2 samples each, pairwise judge); a social-science labelling batch (one item per
request, max_tokens 3 with logprobs, a reversed-label re-run, rationales); and a WhatsApp-style
assistant whose users' real questions come only after a greeting and the bot's onboarding text,
several conversations appended to one endless thread. Distillers: a harvest dressed as evaluation
(suite names, instance ids, answer-format rules, T 0, seed, an eval-harness user agent, the same
48 public eval items in every run mixed with ~100 new dataset items per run, AlpacaEval-style
annotator calls) on a CI key and an ad-hoc key; a harvest dressed as three apps of one actor (a
support-desk copilot with each item as a ticket body after help-centre snippets, a document
pipeline with each item as an uploaded document, a Chinese hospital portal with each item as a
patient message); a months-long trickle on four unlinked keys (2-8 items on ~75% of days, local
waking hours, 150 days); items as the second or third turn of chats that open with a context-
setting message; rejection sampling dressed as a new code benchmark (greedy + n=8 at T 0.8 per
"problem"); and a preference harvest dressed as a template A/B test whose input set is never
fixed (three variants + a pairwise judge per new item).
(Earlier rounds already hold: an eval-harness mimic with per-task formats and MMLU/TruthfulQA/BBH
cover (round8), items as the question of a RAG request (round14), a four-month single-key harvest
at one person's evening pace (round9), a low-and-slow cron week (round13), sub-question splitting
(round8) and long multi-item sessions (round15); benign extraction and answer-engine RAG
(round14), apps' support_bot / prompt_ab_test / labelling_pipeline, a web shop's customer service
(round4), a labelling vendor's packs and a drift monitor (round16), a programmatic eval suite
(round13). The personas here differ in what the brief asked for: the disguise is the grader's own
"spared" categories - evaluation, apps and low volume - and the benign side is those categories at
real volume.)

Row allotment (no row is used by two actors of this set; by a stable hash, `bucket`): arena_even
bucket(2) 0 the prompt team's golden set (240), 1 the WhatsApp assistant; oasst2 (all) the
WhatsApp assistant; nq_open bucket(3) 0 the help assistant's off-topic questions, 1 the support
bot's asides, 2 the labelling batch (1,200); hh-rlhf (every user turn) the labelling batch; AGIEval
the tagging pipeline; MMLU, BBH (8 tasks), TruthfulQA, HumanEval, MBPP (first 500), IFEval (all
languages), MT-Bench, Arena-Hard and XSTest the benchmark maintainer; AlpacaEval, Koala,
UltraChat-eval and BELLE-eval (12 each) the evaluation-dressed harvest. LIMA bucket(4) 0 the
evaluation-dressed harvest, 1 the second-turn chats, 2 the A/B-dressed harvest, 3 the trickle's key
3; codealpaca bucket(4) 0 the evaluation-dressed harvest, 1 the document pipeline, 2 the second-
turn chats, 3 the code benchmark; Orca bucket(2) 0 the evaluation-dressed harvest, 1 the second-
turn chats; ShareGPT-en conversation openings bucket(3) 0 the evaluation-dressed harvest, 1 the
second-turn chats, 2 the A/B-dressed harvest (later chunks unused); BELLE bucket(2) 0 the
evaluation-dressed harvest, 1 the trickle's key 2; InstructionWild English bucket(3) 0 the support-
desk copilot, 1 the document pipeline, 2 the trickle's key 0, Chinese the trickle's key 1; MOSS
Chinese first turns the trickle's key 1, English first turns the A/B-dressed harvest; Huatuo
(1,400) the hospital portal; ShareGPT-zh (first turns) the trickle's key 2; Evol-Instruct the code
benchmark. Help-centre articles, tickets and policy notes, tagging prompts and JSON, the new suite's
items, system-prompt variants, codebooks, onboarding texts, eval wrappers, ticket/document/portal
boilerplate and chat openers are text written here.

Replies: benign requests carry the helpers' stub replies (the served model's answer is not known),
except the stored replies inside real threads the WhatsApp assistant relays and the stand-ins a
later request quotes (the tagging JSON, the triage JSON); distiller requests carry the source's
stored answer where the request asks for the stored item (InstructionWild has none: stubs), and a
stub where it asks for something else (annotator verdicts, n=8 samples, other variants, judges,
context-setting turns).
"""

from __future__ import annotations

import json
import random
import zlib

from blind.round2 import T0, mk, sorted_reqs, src  # round 2's data helpers
from blind.round4 import HAN, dedupe_rows  # round 4's text helpers
from blind.round5 import english  # round 5's text helper
from blind.round12 import shaped  # round 12's clock
from blind.round13 import parse_mmlu  # round 13's parser
from blind.round14 import Overlap, closed_pool, content_words, shifted  # round 14's retriever, words, clock
from blind.round15 import mreq, opening  # round 15's helpers
from blind.round16 import clip, corp, one, utc, words_of  # round 16's helpers
from stillroom.detector.realtraffic.clients import account, client, user_agent
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import KeyTraffic, Request, chat_requests, stub_reply
from stillroom.detector.realtraffic.timing import DAY, diurnal, latency, think

HOUR = 3600.0
MINUTE = 60.0


def R(*names) -> random.Random:
    return random.Random("blind17:" + ":".join(map(str, names)))


def bucket(r: Row, n: int) -> int:
    """A stable share of a source by row id (the allotment is in the module docstring)."""
    return zlib.crc32(f"r17:{r.file}:{r.id}".encode()) % n


def jd(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


def weekday(t: float) -> int:
    """0 = Monday (T0 is a Monday at 00:00 UTC)."""
    return int((t - T0) // DAY) % 7


def conversation(
    rng: random.Random,
    t: float,
    turns: list[str],
    replies: list[str | None],
    params: dict,
    system: str | None = None,
    item: str = "",
    distill: bool = False,
    items: list[str] | None = None,
) -> tuple[list[Request], float]:
    """A chat replayed turn by turn on a person's clock (think() between turns); `items` gives each
    turn's own source row (a conversation whose turns carry different items). Returns the end."""
    out = chat_requests(turns, replies, [0.0] * len(turns), params, system, item, distill)
    for i, q in enumerate(out):
        q.ts = t
        if items is not None:
            q.item = items[i]
            q.distill = distill and bool(items[i])
        nxt = len(turns[i + 1]) if i + 1 < len(turns) else 0
        t += think(rng, len(q.reply or ""), nxt)
    return out, t


def top_passages(idx: Overlap, rng: random.Random, query: str, k: int, exclude: set[int]) -> list[int]:
    """round14's Overlap ranking with ties broken by passage index (its own order depends on the
    string hash seed), so the build is the same in every process."""
    score: dict[int, float] = {}
    for w in sorted(content_words(query)):
        ix = idx.post.get(w)
        if ix and len(ix) < 0.2 * len(idx.passages):
            for i in ix:
                score[i] = score.get(i, 0.0) + idx.idf[w]
    ranked = [i for i in sorted(score, key=lambda i: (-round(score[i], 9), i)) if i not in exclude][:k]
    while len(ranked) < k:
        i = rng.randrange(len(idx.passages))
        if i not in ranked and i not in exclude:
            ranked.append(i)
    return ranked


def typo(rng: random.Random, text: str, p: float = 0.3) -> str:
    """A person's quick typing: sometimes lower-cased, a dropped letter, no final punctuation."""
    if rng.random() < p:
        text = text[0].lower() + text[1:]
    if rng.random() < p and len(text) > 12:
        i = rng.randrange(3, len(text) - 3)
        if text[i].isalpha():
            text = text[:i] + text[i + 1 :]
    if rng.random() < p and text[-1:] in ".?":
        text = text[:-1]
    return text


# =============================================================================================
# BENIGN 1. A real RAG product ("Trellis Assist", the in-app help assistant of Trellis, a project-
# management SaaS with ~40k paying teams; one backend key, a Node service on openai-js). Every end
# user's question goes out with 4-6 passages that the product's retriever pulled from ONE corpus:
# Trellis's own help centre (44 articles, written here from feature facts, ~230 passages), under
# a fixed citation system prompt, T 0.1, max_tokens 700, streamed, `user` = a hashed end-user id.
# 24% of users ask a follow-up in the same thread (fresh retrieval, history resent); ~4% of
# questions are off-topic things people type into any text box (real search queries, NQ-open
# bucket 0). Seven days, ~1,250 questions on a weekday and ~40% of that at weekends, a day shaped
# by US + European office hours. Replies: stubs.
TR_FEATURES = (  # (feature, verb phrase, where, control, lowest plan, role, symptom)
    ("recurring tasks", "set up a recurring task", "the task's detail panel", "Repeat", "Starter", "member", "the next copy is not created"),
    ("task dependencies", "add a dependency between two tasks", "the Timeline view", "Link tasks", "Business", "member", "the arrow disappears after I move a task"),
    ("time tracking", "log time on a task", "the task's detail panel", "Track time", "Business", "member", "the timer stops when I close the laptop"),
    ("guest access", "invite a client as a guest", "Project settings > Sharing", "Invite guest", "Business", "project admin", "the guest sees every task"),
    ("custom fields", "create a custom field", "Project settings > Fields", "Add field", "Business", "project admin", "the field is not shown on the board"),
    ("CSV import", "import tasks from a CSV file", "Workspace menu > Import", "Upload CSV", "Starter", "workspace admin", "dates are imported as text"),
    ("CSV export", "export a project to CSV", "the project's ... menu", "Export", "Free", "member", "the export has no subtasks"),
    ("SSO", "turn on single sign-on with SAML", "Admin console > Security", "Configure SAML", "Enterprise", "workspace owner", "users get an 'invalid audience' error"),
    ("two-factor authentication", "require two-factor authentication", "Admin console > Security", "Require 2FA", "Business", "workspace owner", "a user lost their phone"),
    ("Slack integration", "connect Trellis to Slack", "Integrations > Slack", "Connect", "Starter", "workspace admin", "notifications stopped arriving in the channel"),
    ("GitHub integration", "link pull requests to tasks", "Integrations > GitHub", "Install app", "Business", "workspace admin", "the PR is not linked when I mention the task ID"),
    ("Google Calendar sync", "sync due dates to Google Calendar", "Profile > Calendar sync", "Connect calendar", "Starter", "member", "the events show the wrong time zone"),
    ("automations", "create an automation rule", "Project settings > Automations", "New rule", "Business", "project admin", "the rule runs twice"),
    ("templates", "save a project as a template", "the project's ... menu", "Save as template", "Starter", "project admin", "the template lost its assignees"),
    ("workload view", "see each person's workload", "the Workload view", "Capacity", "Business", "member", "hours are counted twice for shared tasks"),
    ("billing", "change the billing card", "Admin console > Billing", "Payment method", "Free", "billing admin", "the card was declined"),
    ("invoices", "download past invoices", "Admin console > Billing > Invoices", "Download PDF", "Free", "billing admin", "the invoice shows the old company address"),
    ("seats", "add or remove paid seats", "Admin console > Members", "Manage seats", "Starter", "billing admin", "I was charged for a deactivated user"),
    ("deleting a project", "delete a project", "the project's ... menu", "Delete project", "Free", "project admin", "the project still appears in search"),
    ("restoring deleted items", "restore a deleted task", "Trash", "Restore", "Free", "member", "the task is not in the trash"),
    ("notifications", "change which notifications I get", "Profile > Notifications", "Notification settings", "Free", "member", "I get e-mails for every comment"),
    ("mobile app offline mode", "work offline in the mobile app", "Mobile app > Settings", "Offline projects", "Starter", "member", "changes made offline are lost"),
    ("API tokens", "create an API token", "Profile > Developer", "New token", "Starter", "member", "the API returns 401"),
    ("webhooks", "register a webhook", "Admin console > Developer", "Add webhook", "Business", "workspace admin", "the webhook is disabled after failures"),
    ("data residency", "keep our data in the EU", "Admin console > Data", "Region", "Enterprise", "workspace owner", "we need a DPA signed"),
    ("audit log", "see who changed a task", "Admin console > Audit log", "Filter events", "Enterprise", "workspace admin", "the log only goes back 90 days"),
    ("permissions", "make a project read-only for some members", "Project settings > Members", "Role", "Business", "project admin", "a viewer can still comment"),
    ("subtasks", "convert a subtask into a task", "the subtask's ... menu", "Convert to task", "Free", "member", "the due date is dropped"),
    ("Gantt baseline", "save a baseline on the Timeline", "the Timeline view", "Save baseline", "Enterprise", "project admin", "the baseline does not show slipped tasks"),
    ("forms", "collect requests with a form", "Project settings > Forms", "New form", "Business", "project admin", "form submissions land in the wrong section"),
    ("reports", "build a report of overdue tasks", "Reports", "New report", "Business", "member", "the chart is empty"),
    ("portfolios", "group projects into a portfolio", "Portfolios", "Add project", "Enterprise", "member", "the status does not roll up"),
    ("email to task", "create tasks by e-mail", "Project settings > E-mail", "Copy address", "Starter", "member", "attachments are missing"),
    ("archiving", "archive a finished project", "the project's ... menu", "Archive", "Free", "project admin", "archived projects still count toward the limit"),
    ("workspace transfer", "transfer workspace ownership", "Admin console > Members", "Transfer ownership", "Free", "workspace owner", "the new owner did not get the e-mail"),
    ("dark mode", "turn on dark mode", "Profile > Appearance", "Theme", "Free", "member", "the board stays light"),
    ("keyboard shortcuts", "use keyboard shortcuts", "the ? key", "Shortcuts", "Free", "member", "shortcuts do not work on a German keyboard"),
    ("attachments", "attach a file to a task", "the task's detail panel", "Attach", "Free", "member", "uploads over 100 MB fail"),
    ("comments and mentions", "mention a teammate in a comment", "the task's comment box", "@", "Free", "member", "the mentioned person gets nothing"),
    ("plan upgrade", "upgrade from Starter to Business", "Admin console > Billing", "Change plan", "Starter", "billing admin", "the price shown is different from the website"),
    ("plan downgrade", "downgrade to the Free plan", "Admin console > Billing", "Change plan", "Starter", "billing admin", "features are still locked after downgrading"),
    ("account deletion", "delete my account", "Profile > Account", "Delete account", "Free", "member", "I still get e-mails"),
    ("time zone", "change my time zone", "Profile > Preferences", "Time zone", "Free", "member", "due times are an hour off"),
    ("board columns", "rename a board column", "the Board view", "Column menu", "Free", "member", "the column name reverts"),
)  # fmt: skip
TR_PARAS = (
    "{F}: overview\n\nWith {f} you can {v} without leaving Trellis. The option lives in {where} and is available on the {plan} plan and above. Changes apply to the whole project unless noted otherwise, and every change is recorded in the task's activity feed.",
    "How to {v}\n\n1. Open {where}.\n2. Select {control}.\n3. Fill in the required settings and choose Save.\n4. Refresh the page if the change does not show immediately; on the mobile app pull down to sync.\nOnly a {role} (or higher) can make this change.",
    "Permissions for {f}\n\nA {role} can {v}. Members with the Viewer role can see the result but cannot edit it. Guests never see {f} settings. Workspace owners can restrict this further in Admin console > Roles.",
    "Plans and limits: {f}\n\n{F} is included on the {plan} plan and above. On lower plans the {control} button is visible but locked, with an upgrade prompt. Enterprise workspaces can raise the default limits by contacting their account manager.",
    "Troubleshooting {f}\n\nIf {sym}, first check that you are a {role} in this project and that the project is not archived. Clear the browser cache or try a private window. If the problem persists, note the time it happened and the task URL and contact support from Help > Contact us; we keep logs for 30 days.",
    "Known issues with {f}\n\nWe are aware that in some cases {sym}. This usually happens when the project was created from an old template or when two people edit the same task within a few seconds. A fix is rolling out gradually; until then, reopen the task and repeat the change.",
    "{F} and the API\n\nEverything you can do in {where} is also available through the REST API (see the developer documentation, section '{F}'). API calls are limited to 150 requests per minute per token; webhooks fire within 30 seconds of a change.",
    "Frequently asked: {f}\n\nQ: Does {f} work on mobile? A: Yes, in the iOS and Android apps from version 6.4.\nQ: Is there an audit trail? A: Changes appear in the activity feed and, on Enterprise, in the audit log.\nQ: Can I undo it? A: Most changes can be undone for 10 seconds with Ctrl+Z / Cmd+Z.",
)
TR_SYSTEM = (
    "You are Trellis Assist, the help assistant inside the Trellis app. Answer the user's question using ONLY "
    "the help-centre passages provided in the message. Cite passages as [1], [2] after the sentences they "
    "support. If the passages do not contain the answer, say that you are not sure and suggest contacting "
    "support from Help > Contact us; do not invent menu names, prices or limits. Keep answers short: steps as "
    "a numbered list, at most 150 words unless the user asks for more. If the question is unrelated to "
    "Trellis, say politely that you can only help with Trellis."
)
TR_Q = (
    "How do I {v}?", "how can i {v}", "Is it possible to {v} on the {plan2} plan?", "{sym}. what do I do",
    "where is the {control} button? I want to {v}", "I'm a {role2} and I can't {v} - why?",
    "can guests {v}?", "Does {f} work in the mobile app?", "we need to {v} for our whole team, what's the fastest way",
    "help, {sym}", "what plan do I need for {f}", "Hi! Quick question about {f}: {sym}. Is this a known bug?",
    "is there an API for {f}", "How do I {v}? Our admin says it should be under {where}", "{f}???",
    "Can you explain how {f} works", "Is there a way to undo after I {v}?", "{v} - steps please",
)  # fmt: skip
TR_FOLLOW = (
    "that didn't work, I don't see {control}", "ok and can I do that from the mobile app too?", "thanks! and for {f2}?",
    "what if I'm only a member?", "do I need to upgrade for that?", "still broken. {sym}", "perfect, thank you",
    "can you give me the steps again but shorter", "is there a way to do this for all projects at once?",
)  # fmt: skip
TR_PLANS = ("Free", "Starter", "Business", "Enterprise")
TR_ROLES = ("member", "guest", "project admin", "viewer", "workspace admin")
TR_FMT = "Help centre passages:\n{ctx}\n\nUser question: {q}"


def _tr_corpus() -> tuple[list[str], list[str]]:
    """Passages and their article titles."""
    passages, titles = [], []
    for f, v, where, control, plan, role, sym in TR_FEATURES:
        for p in TR_PARAS:
            passages.append(
                p.format(
                    F=f[0].upper() + f[1:],
                    f=f,
                    v=v,
                    where=where,
                    control=control,
                    plan=plan,
                    role=role,
                    sym=sym,
                )
            )
            titles.append(f[0].upper() + f[1:])
    return passages, titles


def _tr_q(rng: random.Random, feat: tuple) -> str:
    f, v, where, control, _plan, _role, sym = feat
    q = rng.choice(TR_Q).format(
        f=f,
        v=v,
        where=where,
        control=control,
        sym=sym,
        plan2=rng.choice(TR_PLANS),
        role2=rng.choice(TR_ROLES),
    )
    q = q[0].upper() + q[1:] if rng.random() < 0.6 else q
    return typo(rng, q, 0.25)


def helpcenter_rag(days: int = 7, per_day: int = 1250) -> list[KeyTraffic]:
    rng = R("trellis")
    passages, titles = _tr_corpus()
    idx = Overlap(passages)
    offtopic = [r for r in src("nq_open_dev") if bucket(r, 3) == 0]
    rng.shuffle(offtopic)
    params = {"temperature": 0.1, "max_tokens": 700, "stream": True}
    kt = mk("b17-trellis-assist", "helpcenter_rag", "benign", "app",
            client(rng, "openai-js", TR_SYSTEM),
            timing="simulated: a diurnal stream of many end users, shifted to US + EU office hours, weekends at ~40%; follow-ups think()-paced",
            sources=("nq_open_dev",),
            settings={"days": days, "per_day": per_day, "passages": len(passages), "params": params})  # fmt: skip
    users = [f"u_{rng.getrandbits(40):010x}" for _ in range(9000)]
    times = [
        t for t in shifted(diurnal(rng, T0, int(per_day * days * 1.1), per_day), 1) if t < T0 + days * DAY
    ]
    oi = 0
    for t in times:
        if weekday(t) >= 5 and rng.random() < 0.6:
            continue
        feat = rng.choice(TR_FEATURES)
        if rng.random() < 0.04 and oi < len(offtopic):
            q, item = offtopic[oi].first, offtopic[oi].id
            oi += 1
        else:
            q, item = _tr_q(rng, feat), ""
        p = dict(params, user=rng.choice(users))
        hist = [{"role": "system", "content": TR_SYSTEM}]
        turns = [q]
        if rng.random() < 0.24:
            f2 = rng.choice(TR_FEATURES)[0]
            turns.append(rng.choice(TR_FOLLOW).format(control=feat[3], f2=f2, sym=feat[6]))
        shown: set[int] = set()
        for k, turn in enumerate(turns):
            got = top_passages(idx, rng, turn + " " + (q if k else ""), rng.randint(4, 6), shown)
            shown.update(got)
            ctx = "\n\n".join(f"[{n}] ({titles[i]}) {passages[i]}" for n, i in enumerate(got, 1))
            hist = [*hist, {"role": "user", "content": TR_FMT.format(ctx=ctx, q=turn)}]
            reply = stub_reply(turn)
            kt.requests.append(mreq(t, hist, p, reply, item))
            hist = [*hist, {"role": "assistant", "content": reply}]
            t += think(rng, 600, 60)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 2. A structured-extraction pipeline over an item bank ("Corvid Assessment", a test-prep
# publisher in Boston, UTC-5, that licensed a bank of reading, logic and maths items and tags every
# item for its adaptive-practice engine): ONE fixed tagging template and a strict json_schema
# (subject, skills, difficulty, Bloom level, reading load, passage length, topics, answer type,
# language), T 0, seed fixed, max_tokens 400, openai-python on a batch worker with 12 threads. The
# bank is every AGIEval item (3,118 real items: passages, stems and options). Night 1 (02:00 local)
# tags the whole bank; ~2.5% fail validation and are retried in the same chat with the validator's
# error. Day 2, office hours: two content editors question ~70 tags in the editors' tool ("why
# difficulty 4?", "would this count as inference?"), 1-3 turns each. Night 3: taxonomy v2 (new
# skills list) re-tags the lsat, sat and logiqa items (~1,350) under a new system prompt. Replies:
# the tag JSON is a stand-in (retries and editors' questions quote it); editors' answers are stubs.
CV_SKILLS_V1 = ("main_idea", "detail", "inference", "vocabulary_in_context", "author_purpose", "argument_structure",
                "assumption", "strengthen_weaken", "logical_deduction", "arithmetic", "algebra", "geometry",
                "probability", "data_interpretation", "translation_reading")  # fmt: skip
CV_SKILLS_V2 = (
    *CV_SKILLS_V1[:7],
    "flaw",
    "parallel_reasoning",
    "principle",
    "sufficient_necessary",
    *CV_SKILLS_V1[8:],
)
CV_SYSTEM = (
    "You are the item-tagging service of Corvid Assessment. You receive ONE assessment item (possibly with a "
    "passage and answer options). Do not solve the item and do not reveal or guess its answer. Fill the JSON "
    "schema: subject (reading | logic | math | law | english | chinese), skills (1-3 from the allowed list), "
    "difficulty (1-5, for a well-prepared 17-year-old), bloom (remember | understand | apply | analyze | "
    "evaluate), reading_load (low | medium | high), passage_words (integer estimate, 0 if none), topics (up to 4 "
    "short noun phrases), answer_type (single_choice | multi_choice | numeric | free_text), language (ISO "
    "639-1). Allowed skills: {skills}."
)
CV_SCHEMA = {
    "type": "json_schema",
    "json_schema": {
        "name": "item_tags",
        "strict": True,
        "schema": {
            "type": "object",
            "additionalProperties": False,
            "required": ["subject", "skills", "difficulty", "bloom", "reading_load", "passage_words", "topics",
                         "answer_type", "language"],
            "properties": {
                "subject": {"type": "string"}, "skills": {"type": "array", "items": {"type": "string"}},
                "difficulty": {"type": "integer"}, "bloom": {"type": "string"}, "reading_load": {"type": "string"},
                "passage_words": {"type": "integer"}, "topics": {"type": "array", "items": {"type": "string"}},
                "answer_type": {"type": "string"}, "language": {"type": "string"},
            },
        },
    },
}  # fmt: skip
CV_USER = "Item ID: {id}\nSection: {task}\n\n<item>\n{text}\n</item>"
CV_RETRY = (
    "Validation failed: {err}. Return the corrected JSON for the same item, nothing else.",
    "Your output did not validate ({err}). Please fix it.",
)
CV_ERRS = ("skills[2] 'reading_comprehension' is not an allowed skill", "difficulty must be an integer 1-5, got 6",
           "passage_words must be an integer, got \"~250\"", "topics has 6 entries (max 4)")  # fmt: skip
CV_EDIT = (
    "Why did you give this item difficulty {d}? To me it reads like a {d2}.",
    "Would you tag this as {s} rather than {s0}? Explain which part of the item decides it.",
    "The passage is about {w}. Should that be a topic, or is it too specific?",
    "Is bloom '{b}' right here? The student has to compare two claims.",
    "Our style guide says reading_load is high above 350 words. Does that change anything for this item?",
)
CV_EDIT2 = (
    "ok, update the tags with that change and give me the full JSON",
    "makes sense, thanks",
    "and what about the skills?",
)


def _cv_tags(rng: random.Random, r: Row, skills: tuple[str, ...]) -> dict:
    task = str(r.extra.get("task", ""))
    subj = ("math" if "math" in task or "aqua" in task else "law" if "jec" in task else "chinese" if "zh" in task or
            "gaokao-chinese" in task else "logic" if "logi" in task or "lsat-ar" in task or "lsat-lr" in task else "reading")  # fmt: skip
    words = len(r.first.split())
    return {
        "subject": subj, "skills": rng.sample(skills, rng.randint(1, 3)), "difficulty": rng.randint(2, 5),
        "bloom": rng.choice(("understand", "apply", "analyze", "analyze", "evaluate")),
        "reading_load": "high" if words > 350 else "medium" if words > 120 else "low",
        "passage_words": max(0, words - rng.randint(40, 90)), "topics": words_of(r.first, rng.randint(2, 4)),
        "answer_type": "single_choice" if "(A)" in r.first else "numeric" if subj == "math" else "free_text",
        "language": "zh" if HAN.search(r.first) else "en",
    }  # fmt: skip


def item_bank_tagging() -> list[KeyTraffic]:
    rng = R("corvid")
    bank = src("agieval_v1")
    p = {"temperature": 0, "seed": 20260301, "max_tokens": 400, "response_format": CV_SCHEMA}
    kt = mk("b17-corvid-tagging", "item_bank_tagging", "benign", "app",
            corp("OpenAI/Python 1.61.0", "openai-python", account(rng)),
            timing="simulated: night batches at 02:00 UTC-5 (12 worker threads), editors' questions in Boston office hours",
            sources=("agieval_v1",), settings={"items": len(bank), "params": {k: v for k, v in p.items() if k != "response_format"}})  # fmt: skip
    tags: dict[str, dict] = {}

    def night(day: int, rows: list[Row], system: str, skills: tuple[str, ...], tag: str) -> None:
        jobs = []
        for r in rows:
            nrng = R("corvid", tag, r.id)
            t1 = _cv_tags(nrng, r, skills)
            tags[r.id] = t1
            text = CV_USER.format(id=r.id, task=r.extra.get("task", ""), text=r.first)
            if nrng.random() < 0.025:
                bad = (
                    dict(t1, difficulty=6)
                    if nrng.random() < 0.5
                    else dict(t1, topics=[*t1["topics"], "x", "y", "z"])
                )
                retry = nrng.choice(CV_RETRY).format(err=nrng.choice(CV_ERRS))
                jobs.append(chat_requests([text, retry], [jd(bad), jd(t1)], [0.0, 0.0], p, system, r.id))
            else:
                jobs.append(chat_requests([text], [jd(t1)], [0.0], p, system, r.id))
        closed_pool(rng, utc(day, 2, -5) + rng.uniform(0, 300), jobs, 12, 120)
        kt.requests.extend(q for j in jobs for q in j)

    night(0, bank, CV_SYSTEM.format(skills=", ".join(CV_SKILLS_V1)), CV_SKILLS_V1, "v1")
    # Day 2: editors' questions in the tagging tool.
    picks = rng.sample(bank, 70)
    picks.sort(key=lambda r: r.id)
    system = CV_SYSTEM.format(skills=", ".join(CV_SKILLS_V1))
    for e in range(2):
        t = utc(1, 9.3 + e * 0.5, -5)
        for r in picks[e::2]:
            erng = R("corvid", "edit", r.id)
            t1 = tags[r.id]
            q1 = erng.choice(CV_EDIT).format(
                d=t1["difficulty"],
                d2=max(1, t1["difficulty"] - 1),
                s=erng.choice(CV_SKILLS_V1),
                s0=t1["skills"][0],
                w=(t1["topics"] or ["this"])[0],
                b=t1["bloom"],
            )
            turns = [CV_USER.format(id=r.id, task=r.extra.get("task", ""), text=r.first), q1]
            turns += erng.sample(CV_EDIT2, erng.randint(0, 2))
            reqs, _ = conversation(
                erng, t, turns, [jd(t1)], {"temperature": 0, "max_tokens": 500}, system, r.id
            )
            kt.requests += reqs[1:]  # the tool shows the stored tags; the chat starts at the question
            t = reqs[-1].ts + erng.uniform(2, 14) * MINUTE
            if t > utc(1, 17.5, -5):
                break
    v2 = [r for r in bank if any(x in str(r.extra.get("task", "")) for x in ("lsat", "sat-", "logiqa"))]
    night(2, v2, CV_SYSTEM.format(skills=", ".join(CV_SKILLS_V2)) + " Taxonomy v2.", CV_SKILLS_V2, "v2")
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 3. A customer-support bot backend ("Brightwater Broadband", a US internet provider; chat
# widget and SMS, a Java backend through a raw HTTP client). Every conversation: a triage call
# (fixed router prompt, T 0, JSON out: intent, urgency, account lookup needed, handoff), then the
# bot's turns with the customer (2-5), each with the customer's account facts and 2-3 policy
# snippets from the support knowledge base (written here) in a fixed system prompt; 15% hand off to
# a human agent, for whom the bot writes a case summary. Customers' messages are composed here
# from issue templates with their own details and moods; ~2% add an unrelated question people type
# into any box (real search queries, NQ-open bucket 1). ~1,400 conversations on a weekday, ~800
# at weekends, over five days (Thu-Mon), a day shaped by US time zones. Replies: the triage JSON
# and the agent summary are stand-ins, the bot's replies stubs.
BW_ISSUES = (  # (intent, opening templates, follow-ups)
    ("billing_dispute", ("I was charged {amt} twice this month, account {acct}", "why is my bill {amt}?? it's usually $65",
                          "there's a {amt} equipment fee on my bill I never agreed to"),
     ("can you refund it", "when will I see the credit", "ok but I want it in writing")),
    ("outage", ("internet has been down since {time} in {city}", "no internet again. zip {zip}. is there an outage",
                "my connection keeps dropping every few minutes since {day}"),
     ("how long will it take", "I work from home, this is costing me money", "do I get a credit for the downtime?")),
    ("router_lights", ("the light on my {router} is blinking orange", "my {router} shows a red globe light",
                       "router {router} won't turn on after a storm"),
     ("I already restarted it twice", "done, still orange", "do you need to send a technician?")),
    ("slow_speed", ("paying for 500 Mbps but getting {speed} on speedtest", "wifi is super slow upstairs",
                    "speeds drop every evening around {time}"),
     ("I'm on ethernet right now", "is it my plan or the line?", "can you run a line test")),
    ("move_service", ("we're moving to {city} on {date}, can I take my service", "need to transfer service to a new address, zip {zip}"),
     ("what about the equipment", "do I need to be home for install?", "is there a fee")),
    ("cancel", ("I want to cancel my service", "cancel effective {date}. account {acct}", "how do I cancel, moving in with my partner who has {comp}"),
     ("no I don't want an offer", "ok what's the offer then", "where do I return the router")),
    ("upgrade", ("what plans do you have faster than 300", "can I upgrade to gig today", "is fiber available at {zip}"),
     ("how much is it after the promo", "do I need a new router for that", "ok let's do it")),
    ("email_setup", ("how do I set up my brightwater.net email on my iphone", "my email stopped syncing in outlook"),
     ("what's the smtp port", "it says password incorrect but it's right", "thanks")),
    ("payment", ("my autopay failed", "how do I change the card on file", "can I get an extension till the {day2}th"),
     ("will I get a late fee", "ok I updated it", "can you confirm the payment went through")),
)  # fmt: skip
BW_MOOD = (
    "",
    "",
    "",
    "hi, ",
    "Hello. ",
    "ugh. ",
    "HELP ",
    "good morning, ",
    "This is the third time I'm contacting you. ",
)
BW_KB = (
    "Refunds for duplicate charges are issued as a bill credit within 1-2 billing cycles; agents may issue credits up to $100 without approval.",
    "Outage credits: customers affected by a confirmed outage longer than 24 hours receive a prorated credit on request.",
    "Router light codes: solid white = online; blinking orange = no signal from the network; red globe = no internet service; no light = no power.",
    "Move service: service can be transferred if the new address is serviceable; self-install kits ship free, pro install is $49.",
    "Cancellation: requires the account holder; equipment must be returned within 30 days to avoid a $150 non-return fee. Offer the retention plan once.",
    "Speed issues: ask whether the customer is on Wi-Fi or Ethernet; run a remote line test before scheduling a technician.",
    "Email: brightwater.net mail uses IMAP 993 and SMTP 587 with STARTTLS; passwords reset at my.brightwater.net.",
    "Payment extensions of up to 10 days can be granted once every 6 months; late fees are $10.",
    "Plans: 300 Mbps $55, 500 Mbps $70, 1 Gig $85 (promo prices for 12 months, then +$20).",
)
BW_TRIAGE = (
    'Classify the customer\'s first message for routing. Return JSON: {"intent": one of billing_dispute, outage, '
    'router_lights, slow_speed, move_service, cancel, upgrade, email_setup, payment, other; "urgency": low|normal|'
    'high; "needs_account_lookup": bool; "handoff": bool}. Handoff only for legal threats, safety issues, or '
    "explicit requests for a human."
)
BW_SYSTEM = (
    "You are Brightwater's virtual assistant. Be brief, friendly and accurate. Use only the policy notes and "
    "account facts below; never promise credits above agent limits; offer a human agent if the customer asks "
    "or is upset twice. Don't answer unrelated questions beyond one polite sentence.\n\nAccount: {acct_facts}\n\n"
    "Policy notes:\n{kb}"
)
BW_SUMMARY = (
    "Write a handoff summary for the human agent: customer issue, what was tried, customer mood, and the next "
    "step, in at most 5 bullet points."
)


def support_bot_backend(days: int = 5) -> list[KeyTraffic]:
    rng = R("brightwater")
    aside = [r for r in src("nq_open_dev") if bucket(r, 3) == 1]
    rng.shuffle(aside)
    kt = mk("b17-brightwater-support", "support_bot_backend", "benign", "app",
            corp("Apache-HttpClient/5.3.1 (Java/21.0.4)", "requests", account(rng)),
            timing="simulated: conversations as a diurnal stream shifted to US hours (weekday ~1,400, weekend ~800); turns think()-paced",
            sources=("nq_open_dev",), settings={"days": days})  # fmt: skip
    tri_p = {"temperature": 0, "max_tokens": 80, "response_format": {"type": "json_object"}}
    bot_p = {"temperature": 0.3, "max_tokens": 350}
    start = T0 + 3 * DAY  # a Thursday
    times = shifted(diurnal(rng, start, int(1400 * days), 1400), 5)
    ai = 0
    for t in times:
        if t >= start + days * DAY:
            break
        if weekday(t) >= 5 and rng.random() < 0.43:
            continue
        intent, opens, follows = rng.choice(BW_ISSUES)
        fill = {
            "amt": f"${rng.randint(12, 240)}.{rng.randint(0, 99):02d}", "acct": f"{rng.randint(10**8, 10**9 - 1)}",
            "time": rng.choice(("this morning", "last night", "2pm", "8 pm", "yesterday")), "zip": f"{rng.randint(10000, 99950)}",
            "city": rng.choice(("Dayton", "Tulsa", "Fresno", "Boise", "Raleigh", "Spokane", "Omaha")),
            "day": rng.choice(("Monday", "Tuesday", "the weekend", "the 3rd")), "router": rng.choice(("BW-X5", "Arris SB8200", "BW-Fiber G2")),
            "speed": f"{rng.randint(12, 180)} Mbps", "date": f"{rng.randint(3, 4)}/{rng.randint(1, 28)}", "day2": rng.randint(12, 28),
            "comp": rng.choice(("Spectrum", "AT&T", "Xfinity")),
        }  # fmt: skip
        first = typo(rng, rng.choice(BW_MOOD) + rng.choice(opens).format(**fill), 0.35)
        turns = [first] + [
            typo(rng, x, 0.3) for x in rng.sample(follows, rng.randint(1, min(3, len(follows))))
        ]
        items = [""] * len(turns)
        if rng.random() < 0.02 and ai < len(aside):
            turns.append("also unrelated but " + aside[ai].first)
            items.append(aside[ai].id)
            ai += 1
        hand = rng.random() < 0.15
        triage = {"intent": intent, "urgency": rng.choice(("low", "normal", "normal", "high")),
                  "needs_account_lookup": rng.random() < 0.7, "handoff": hand}  # fmt: skip
        tq = one(first, tri_p, BW_TRIAGE, jd(triage))
        tq.ts = t
        kt.requests.append(tq)
        facts = f"plan {rng.choice(('300 Mbps', '500 Mbps', '1 Gig'))}, tenure {rng.randint(1, 140)} months, balance ${rng.randint(0, 180)}"
        system = BW_SYSTEM.format(
            acct_facts=facts, kb="\n".join(f"- {x}" for x in rng.sample(BW_KB, rng.randint(2, 3)))
        )
        reqs, end = conversation(rng, t + latency(rng, 30) + 0.2, turns, [], bot_p, system, items=items)
        kt.requests += reqs
        if hand:
            hist = [*reqs[-1].messages, {"role": "assistant", "content": reqs[-1].reply},
                    {"role": "user", "content": BW_SUMMARY}]  # fmt: skip
            kt.requests.append(mreq(end, hist, bot_p, stub_reply(first)))
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 4. A benchmark maintainer ("Ledger Evals", a non-profit leaderboard in Seattle, UTC-8)
# on two keys of one organisation. The nightly key re-runs the OLD suites in full on nights 1 and 3
# (same items both nights; MMLU zero-shot, 8 BBH tasks with "Let's think step by step", TruthfulQA
# generation, HumanEval greedy + n=10 at T 0.8 for pass@10, MBPP, IFEval in en/es/fr/ja, MT-Bench
# two turns, Arena-Hard, XSTest), lm-eval-style formats, T 0 unless the suite says otherwise, 32
# workers. The dev key builds a NEW suite ("fresh-2026q1", 320 items generated here: date and
# unit arithmetic, letter counting, list sorting, multi-step arithmetic, each with an answer-format
# line) on day 2 in office hours: three iterations of the item set (greedy + n=5 at T 0.7 for
# agreement), and a seed-variance study (MMLU, 200 items x 3 seeds at T 0.7). Replies: stubs.
LE_BBH = ("boolean_expressions", "date_understanding", "formal_fallacies", "navigate", "object_counting",
          "web_of_lies", "sports_understanding", "causal_judgement")  # fmt: skip
LE_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")  # fmt: skip
LE_WORDS = ("strawberry", "bookkeeper", "mississippi", "parallelogram", "committee", "assessment", "bubblegum",
            "necessary", "referee", "balloon", "coffee", "tennessee", "occurrence", "possession", "address")  # fmt: skip
LE_FMT = ("\n\nGive only the final answer on the last line, as 'Answer: <answer>'.",
          "\n\nRespond with the answer only.", "\n\nEnd your response with 'Answer: <answer>'.")  # fmt: skip


def _le_fresh(rng: random.Random, n: int) -> list[str]:
    out = []
    for i in range(n):
        k = i % 5
        if k == 0:
            d, m, add = rng.randint(1, 28), rng.randrange(12), rng.randint(3, 400)
            q = f"What date is {add} days after {LE_MONTHS[m]} {d}, {rng.randint(1990, 2030)}?"
        elif k == 1:
            v, (a, b, _f) = rng.randint(2, 900), rng.choice((("miles", "kilometres", 1.609), ("pounds", "kilograms", 0.4536),
                                                            ("gallons", "litres", 3.785), ("feet", "metres", 0.3048)))  # fmt: skip
            q = f"Convert {v} {a} to {b}. Round to two decimal places."
        elif k == 2:
            w = rng.choice(LE_WORDS)
            q = f"How many times does the letter '{rng.choice(sorted(set(w)))}' appear in the word '{w}'?"
        elif k == 3:
            xs = [rng.randint(-99, 999) for _ in range(rng.randint(6, 12))]
            q = f"Sort these numbers in descending order and return them comma-separated: {', '.join(map(str, xs))}"
        else:
            a, b, c, d = (rng.randint(2, 99) for _ in range(4))
            q = f"A shop has {a} boxes with {b} pens each. It sells {c} pens on Monday and receives {d} more boxes. How many pens does it have now?"
        out.append(q)
    return out


def benchmark_maintainer() -> list[KeyTraffic]:
    rng = R("ledger")
    org = account(rng)
    nightly = mk("b17-ledger-nightly", "benchmark_maintainer", "benign", "evaluation",
                 corp("OpenAI/Python 1.58.1", "openai-python", org), actor="b17-ledger",
                 timing="simulated: full old-suite runs at 23:00 UTC-8 on nights 1 and 3, 32 workers",
                 sources=("mmlu_val_zeroshot", "bbh", "truthfulqa", "humaneval", "mbpp", "ifeval_multilingual",
                          "mt_bench", "arena_hard_v01", "xstest"), settings={"workers": 32})  # fmt: skip
    dev = mk("b17-ledger-dev", "benchmark_maintainer", "benign", "evaluation",
             corp("python-httpx/0.27.2", "httpx", org), actor="b17-ledger",
             timing="simulated: a developer's notebook runs in Seattle office hours on day 2, 8 workers",
             sources=("mmlu_val_zeroshot",), settings={"fresh_items": 320})  # fmt: skip
    mmlu = src("mmlu_val_zeroshot")
    bbh = [r for r in src("bbh") if r.extra.get("task") in LE_BBH]
    mbpp = src("mbpp")[:500]

    def old_suite() -> list[list[Request]]:
        jobs: list[list[Request]] = []
        jobs += [[one(r.first, {"temperature": 0, "max_tokens": 5}, None, None, r.id)] for r in mmlu]
        jobs += [[one(f"Q: {r.first}\nA: Let's think step by step.", {"temperature": 0, "max_tokens": 512, "stop": ["\n\nQ:"]},
                      None, None, r.id)] for r in bbh]  # fmt: skip
        jobs += [
            [one(f"Q: {r.first}\nA:", {"temperature": 0, "max_tokens": 128}, None, None, r.id)]
            for r in src("truthfulqa")
        ]
        for r in src("humaneval"):
            jobs.append([one(r.first, {"temperature": 0, "max_tokens": 512}, None, None, r.id)])
            jobs.append(
                [
                    one(
                        r.first,
                        {"temperature": 0.8, "top_p": 0.95, "n": 10, "max_tokens": 512},
                        None,
                        None,
                        r.id,
                    )
                ]
            )
        jobs += [[one(r.first, {"temperature": 0, "max_tokens": 512}, None, None, r.id)] for r in mbpp]
        jobs += [
            [one(r.first, {"temperature": 0, "max_tokens": 1280}, None, None, r.id)]
            for r in src("ifeval_multilingual")
        ]
        for r in src("mt_bench"):
            cat = str(r.extra.get("category", ""))
            temp = 0.0 if cat in ("math", "reasoning", "coding") else 0.7
            turns = [r.first, *list(r.extra.get("next_user_turns") or [])][:2]
            jobs.append(
                chat_requests(
                    turns, [], [0.0] * len(turns), {"temperature": temp, "max_tokens": 1024}, None, r.id
                )
            )
        jobs += [
            [one(r.first, {"temperature": 0, "max_tokens": 4096}, None, None, r.id)]
            for r in src("arena_hard_v01")
        ]
        jobs += [
            [one(r.first, {"temperature": 0, "max_tokens": 256}, None, None, r.id)] for r in src("xstest")
        ]
        return jobs

    for night in (0, 2):
        jobs = old_suite()
        closed_pool(R("ledger", night), utc(night, 23, -8), jobs, 32, 260)
        nightly.requests += [q for j in jobs for q in j]
    fresh = _le_fresh(R("ledger", "fresh"), 320)
    t = utc(1, 9.5, -8)
    drng = R("ledger", "dev")
    for it in range(3):
        fmt = LE_FMT[it]
        jobs = []
        for q in fresh:
            jobs.append([one(q + fmt, {"temperature": 0, "max_tokens": 300})])
            jobs.append([one(q + fmt, {"temperature": 0.7, "n": 5, "max_tokens": 300})])
        end = closed_pool(drng, t, jobs, 8, 80)
        dev.requests += [q for j in jobs for q in j]
        t = end + drng.uniform(35, 80) * MINUTE  # look at the disagreements, fix items
        fresh = [
            x.replace("Round to two decimal places.", "Give the answer rounded to 2 decimals.") for x in fresh
        ]
    sub = [r for r in mmlu if parse_mmlu(r.first)][:200]
    for seed in (1, 2, 3):
        jobs = [
            [one(r.first, {"temperature": 0.7, "seed": seed, "max_tokens": 5}, None, None, r.id)] for r in sub
        ]
        t = closed_pool(drng, t + drng.uniform(2, 6) * MINUTE, jobs, 8, 5)
        dev.requests += [q for j in jobs for q in j]
    nightly.requests = sorted_reqs(nightly.requests)
    dev.requests = sorted_reqs(dev.requests)
    return [nightly, dev]


# =============================================================================================
# BENIGN 5. A prompt-engineering team A/B testing templates ("Kitewing", a writing-assistant
# start-up in Berlin, UTC+1; a promptfoo-style runner on openai-js). The input set is FIXED: a
# golden set of 240 real users' first turns (Chatbot Arena, bucket 0 of 2) that stands for their
# production traffic. Each of four working days the team tries 6 system-prompt variants (composed
# from tone / length / format / safety clauses written here; the winner of the day before stays
# as the control) over the whole golden set, 2 samples per input at T 0.7 (two requests), then an
# LLM judge compares each variant with the control on every input (pairwise, T 0, JSON verdict).
# Runs start at 10:00-15:00 local, 10 workers. Replies: stubs (judge prompts quote stand-ins
# built from the input's words).
KW_TONE = ("You are Kite, a friendly writing assistant.", "You are Kite, a concise and professional assistant.",
           "You are Kite. Speak plainly, like a helpful colleague.", "You are Kite, an expert editor and writer.")  # fmt: skip
KW_LEN = ("Keep answers under 150 words unless asked for more.", "Match the length of your answer to the question.",
          "Prefer short answers; offer to expand.", "Give complete answers, but never pad them.")  # fmt: skip
KW_FMT = ("Use Markdown headings only for answers longer than 200 words.", "Avoid bullet lists unless the user asks for a list.",
          "Use bullet points for steps and options.", "Never use tables.")  # fmt: skip
KW_SAFE = ("Decline harmful requests briefly and suggest a safe alternative.", "If a request is ambiguous, ask one clarifying question.",
           "Do not mention that you are an AI unless asked.", "")  # fmt: skip
KW_JUDGE = (
    "You compare two assistant responses to the same user message for Kitewing's prompt experiments.\n\n"
    "[USER MESSAGE]\n{p}\n\n[RESPONSE A]\n{a}\n\n[RESPONSE B]\n{b}\n\nWhich response better follows the "
    'user\'s intent, is accurate, and has an appropriate length and tone? Return JSON {{"winner": "A"|"B"|"tie", '
    '"reason": "..."}}.'
)


def prompt_ab_templates(days: int = 4, variants: int = 6) -> list[KeyTraffic]:
    rng = R("kitewing")
    golden = [r for r in src("arena_even") if bucket(r, 2) == 0 and 5 <= len(r.first) <= 3000]
    golden = dedupe_rows(golden)
    rng.shuffle(golden)
    golden = golden[:240]
    kt = mk("b17-kitewing-prompts", "prompt_ab_templates", "benign", "heavy",
            corp("promptfoo/0.103.5 OpenAI/JS 4.77.0", "openai-js", account(rng)),
            timing="simulated: one experiment run per working day from 10:00-15:00 UTC+1, 10 workers",
            sources=("arena_even",), settings={"days": days, "variants": variants, "golden": len(golden)})  # fmt: skip
    control = " ".join((KW_TONE[0], KW_LEN[0], KW_FMT[0], KW_SAFE[0]))
    for d in range(days):
        drng = R("kitewing", d)
        vs = [control] + [
            " ".join(
                x
                for x in (
                    drng.choice(KW_TONE),
                    drng.choice(KW_LEN),
                    drng.choice(KW_FMT),
                    drng.choice(KW_SAFE),
                )
                if x
            )
            for _ in range(variants - 1)
        ]
        jobs = []
        for v in vs:
            for r in golden:
                for _s in range(2):
                    jobs.append([one(r.first, {"temperature": 0.7, "max_tokens": 800}, v, None, r.id)])
        t = closed_pool(drng, utc(d, drng.uniform(10, 15), 1), jobs, 10, 260)
        kt.requests += [q for j in jobs for q in j]
        jobs = []
        for _vi in range(1, len(vs)):
            for r in golden:
                a, b = stub_reply(r.first), "Here's what I'd suggest about " + " ".join(words_of(r.first, 8))
                if drng.random() < 0.5:
                    a, b = b, a
                jobs.append([one(KW_JUDGE.format(p=r.first, a=a, b=b), {"temperature": 0, "max_tokens": 200,
                                 "response_format": {"type": "json_object"}}, None, None, r.id)])  # fmt: skip
        closed_pool(drng, t + drng.uniform(3, 20) * MINUTE, jobs, 10, 60)
        kt.requests += [q for j in jobs for q in j]
        control = drng.choice(vs)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 6. A data-labelling / classification batch job (a computational social-science group at
# a university in Ann Arbor, UTC-5, one grant key, a Python script on aiohttp). Two corpora, one
# item per request, a fixed codebook prompt, T 0, max_tokens 3 with logprobs (top 10) so the
# label's probability is kept: (1) 1,200 search queries (NQ-open bucket 2) into 14 topics; (2)
# every user turn of the hh-rlhf red-team conversations (~5,800) into a 6-way request-type code.
# Evening 1 runs corpus 1, evenings 2-3 corpus 2 (24 workers, until done); day 4 re-runs a 20%
# sample of both with the label list in reverse order (position-bias check) and asks for a
# one-sentence rationale on 300 items where the two orders disagree. Replies: stubs.
LB_TOPICS = ("history", "geography", "science", "sports", "film_tv", "music", "literature", "politics_law",
             "business", "technology", "health", "religion", "people", "other")  # fmt: skip
LB_HARM = ("benign_request", "information_seeking_sensitive", "request_for_harmful_help", "harassment_or_insult",
           "sexual_content", "off_topic_chatter")  # fmt: skip
LB_PROMPT = (
    "You are coding data for a research study. Assign exactly one label from the codebook to the text.\n\n"
    'Codebook: {labels}\n\nText: "{text}"\n\nAnswer with the label only.\nLabel:'
)
LB_WHY = 'Text: "{text}"\n\nCodebook: {labels}\n\nWhich label applies, and why? One sentence.'


def labelling_batch() -> list[KeyTraffic]:
    rng = R("annarbor")
    queries = [r for r in src("nq_open_dev") if bucket(r, 3) == 2][:1200]
    turns = [(r.id, x) for r in src("hh_rlhf_harmless_test") for x in r.turns if x.strip()]
    kt = mk("b17-css-labelling", "labelling_batch", "benign", "heavy",
            corp("Python/3.11 aiohttp/3.10.10", "aiohttp", account(rng, org=False)),
            timing="simulated: evening batches from 18:00 UTC-5 with 24 workers, a check run on day 4",
            sources=("nq_open_dev", "hh_rlhf_harmless_test"), settings={"queries": len(queries), "turns": len(turns)})  # fmt: skip
    p = {"temperature": 0, "max_tokens": 3, "logprobs": True, "top_logprobs": 10}

    def job(text: str, labels: tuple[str, ...], item: str) -> list[Request]:
        return [one(LB_PROMPT.format(labels=", ".join(labels), text=text.strip()), p, None, None, item)]

    c1 = [job(r.first, LB_TOPICS, r.id) for r in queries]
    closed_pool(rng, utc(0, 18.2, -5), c1, 24, 2)
    c2 = [job(x, LB_HARM, i) for i, x in turns]
    half = len(c2) // 2
    closed_pool(rng, utc(1, 18.5, -5), c2[:half], 24, 2)
    closed_pool(rng, utc(2, 18.1, -5), c2[half:], 24, 2)
    kt.requests += [q for j in c1 + c2 for q in j]
    crng = R("annarbor", "check")
    sample = [(r.first, LB_TOPICS, r.id) for r in crng.sample(queries, 240)]
    sample += [(x, LB_HARM, i) for i, x in crng.sample(turns, 1160)]
    jobs = [job(text, tuple(reversed(labels)), i) for text, labels, i in sample]
    t = closed_pool(crng, utc(3, 10.5, -5), jobs, 24, 2)
    kt.requests += [q for j in jobs for q in j]
    why = [[one(LB_WHY.format(text=text.strip(), labels=", ".join(labels)), {"temperature": 0, "max_tokens": 80}, None, None, i)]
           for text, labels, i in crng.sample(sample, 300)]  # fmt: skip
    closed_pool(crng, t + crng.uniform(20, 50) * MINUTE, why, 8, 60)
    kt.requests += [q for j in why for q in j]
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 7. A messaging-app assistant ("Pocketly", a general assistant on WhatsApp offered by a
# prepaid mobile operator in Latin America and Southern Europe; its webhook backend in Go). Every
# user has ONE endless thread: the first message is a greeting in the user's language ("hola",
# "oi", "hi"...), the bot answers with its onboarding text (written here), sometimes the user picks
# "1" from the menu, and only then come the user's real questions: the real multi-turn threads of
# oasst2 (all languages) and Chatbot Arena (bucket 1 of 2), 1-4 of them per user, days apart or
# minutes apart, appended to the same thread (the backend resends the last 12 messages). ~190
# threads a day over three days, a day shaped by UTC-3 to UTC+1. Replies: the onboarding text, the
# stored replies of the real threads, stubs where none.
PK_HELLO = {
    "es": ("hola", "Hola buenas", "hola!", "Buenas tardes"), "pt-BR": ("oi", "Olá", "oi tudo bem?"),
    "en": ("hi", "Hello", "hey"), "de": ("Hallo", "hallo!"), "fr": ("Bonjour", "salut"), "ru": ("Привет", "здравствуйте"),
    "zh": ("你好",), "it": ("Ciao",), "ca": ("Hola",), "uk": ("Привіт",),
}  # fmt: skip
PK_ONBOARD = {
    "es": "¡Hola! Soy Pocketly 👋, tu asistente. Puedes preguntarme lo que quieras. Escribe MENU para ver opciones: 1) Preguntar algo 2) Mi saldo 3) Recargas.",
    "pt-BR": "Oi! Eu sou o Pocketly 👋. Pode me perguntar qualquer coisa. Digite MENU para opções: 1) Perguntar 2) Meu saldo 3) Recargas.",
    "en": "Hi! I'm Pocketly 👋, your assistant. Ask me anything. Type MENU for options: 1) Ask a question 2) My balance 3) Top-ups.",
}
PK_PICK = {"es": "1", "pt-BR": "1", "en": "1"}
PK_SYSTEM = (
    "You are Pocketly, an assistant inside WhatsApp offered by Movi Prepago. Reply in the user's language, "
    "in short WhatsApp-style messages (no tables, little Markdown). For balance or top-up questions tell the "
    "user to type MENU. Be helpful and friendly."
)


def messaging_bot_onboarding(days: int = 3, per_day: int = 190) -> list[KeyTraffic]:
    rng = R("pocketly")
    rows = [r for r in src("oasst2_threads")] + [r for r in src("arena_even") if bucket(r, 2) == 1]
    rng.shuffle(rows)
    kt = mk("b17-pocketly-whatsapp", "messaging_bot_onboarding", "benign", "app",
            corp("Go-http-client/1.1", "go", account(rng)),
            timing="simulated: thread starts as a diurnal stream shifted to UTC-3..UTC+1; turns think()-paced; a user's next question minutes to days later",
            sources=("oasst2_threads", "arena_even"), settings={"days": days, "per_day": per_day})  # fmt: skip
    p = {"temperature": 0.6, "max_tokens": 500}
    starts = shifted(diurnal(rng, T0 + 2 * HOUR, days * per_day, per_day), -2)
    i = 0
    for t in starts:
        if i >= len(rows):
            break
        k = rng.choice((1, 1, 1, 1, 2, 2, 3))
        mine, i = rows[i : i + k], i + k
        lang = str(mine[0].extra.get("lang") or "en")
        hist: list[dict] = [{"role": "system", "content": PK_SYSTEM}]

        def send(text: str, reply: str | None, item: str, t: float) -> float:
            nonlocal hist
            hist = [*hist, {"role": "user", "content": text}]
            window = [hist[0], *hist[1:][-12:]]
            rep = reply or stub_reply(text)
            kt.requests.append(mreq(t, window, p, rep, item))
            hist = [*hist, {"role": "assistant", "content": rep}]
            return t + think(rng, len(rep), 40)

        t = send(
            rng.choice(PK_HELLO.get(lang, PK_HELLO["en"])), PK_ONBOARD.get(lang, PK_ONBOARD["en"]), "", t
        )
        if rng.random() < 0.3:
            t = send(PK_PICK.get(lang, "1"), {"es": "¡Claro! ¿Qué quieres preguntar?", "pt-BR": "Claro! O que você quer saber?"}
                     .get(lang, "Sure! What would you like to ask?"), "", t)  # fmt: skip
        for n, r in enumerate(mine):
            if n:
                t += rng.choice((rng.uniform(2, 40) * MINUTE, rng.uniform(2, 30) * HOUR))
            for turn, rep in zip(r.turns, r.replies, strict=True):
                t = send(turn, rep, r.id, t)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 1. A harvest dressed as EVALUATION traffic, hoping for the `evaluation` label ("Quanta
# Evals", two keys of one organisation: a CI key whose user agent names an eval harness, and an ad-
# hoc key on the plain SDK). Every request looks like a benchmark instance: a suite name, an
# instance id, answer-format instructions ("end with 'Final answer:'", "respond with the complete
# solution", "no clarifying questions"), T 0, seed fixed, n=1; and every run mixes KNOWN public
# eval items (AlpacaEval, Koala, UltraChat-eval, BELLE-eval: the same ones run after run, as an
# eval re-runs them) with NEW dataset items under benchmark-like suite names (LIMA bucket 0 of 4,
# codealpaca bucket 0 of 4, Orca bucket 0 of 2, ShareGPT-en openings bucket 0 of 3, BELLE bucket 0
# of 2): ~100 new items per run, never a new item twice, and the same 48 known items every run. max_tokens 2048 (full
# answers). 15% of new items also get an AlpacaEval-style pairwise "annotator" call comparing the
# answer with a stand-in. CI key: runs at 02:00 and 14:00 UTC for five days; ad-hoc key: one
# afternoon run a day (UTC+8 office hours). 16 workers. Replies: stored answers for dataset items,
# stubs for known eval items; annotator verdicts are stubs.
QE_SUITES = (  # (suite name, sources, keep, template)
    ("alpaca_eval_ext/v2", ("lima",), "en",
     "[suite: alpaca_eval_ext/v2] [instance: {iid}]\n\nInstruction:\n{x}\n\nRespond to the instruction as a helpful assistant. "
     "Your response will be compared with a reference response by an automatic annotator. Give a complete, self-contained "
     "answer. Do not ask clarifying questions."),
    ("humaneval_instruct_plus", ("codealpaca_2k",), None,
     "### Task {iid} (humaneval_instruct_plus)\n{x}\n\nWrite the complete solution. Put all code in a single fenced code "
     "block, then explain it briefly. Final answer: the code block."),
    ("flan_cot_eval", ("orca_dpo_pairs_val",), None,
     "Benchmark: flan_cot_eval | id={iid}\n\nQuestion: {x}\n\nThink step by step, then end with a line of the form "
     "'Final answer: <answer>'."),
    ("wildbench_lite", ("sharegpt_en_sample",), "en",
     "<eval suite=\"wildbench_lite\" id=\"{iid}\">\n<user_query>\n{x}\n</user_query>\n</eval>\n\nAnswer the user query "
     "as well as you can. The answer is scored 1-10 by a checklist. No clarifying questions."),
    ("cmmlu_open_gen", ("belle_dev1k",), "zh",
     "【评测集 cmmlu_open_gen｜题号 {iid}】\n{x}\n\n请给出完整、准确的回答，最后一行以“最终答案：”开头。"),
)  # fmt: skip
QE_KNOWN = (
    ("alpaca_eval", "alpaca_eval_subset", "[suite: alpaca_eval] [instance: {iid}]\n\nInstruction:\n{x}\n\nRespond to the instruction as a helpful assistant."),
    ("koala", "koala_test", "### Task {iid} (koala)\n{x}"),
    ("ultrachat_eval", "ultrachat_eval", "Benchmark: ultrachat_eval | id={iid}\n\nQuestion: {x}"),
    ("belle_eval", "belle_eval_zh", "【评测集 belle_eval｜题号 {iid}】\n{x}"),
)  # fmt: skip
QE_ANNOT = (
    "I want you to create a leaderboard of different large-language models. To do so, I will give you the "
    "instructions (prompts) given to the models, and the responses of two models. Please rank the models based on "
    "which responses would be preferred by humans.\n\n## Instruction\n{x}\n\n## Model Outputs\n\nModel m: {a}\n\n"
    "Model M: {b}\n\nNow output the identifier of the best model (m or M), and nothing else."
)


def _qe_keep(lang: str | None):
    if lang == "en":
        return lambda r: english(r.first) and 10 <= len(r.first) <= 3000 and bool(r.answer)
    if lang == "zh":
        return lambda r: bool(HAN.search(r.first)) and 4 <= len(r.first) <= 2000 and bool(r.answer)
    return lambda r: 10 <= len(r.first) <= 3000 and bool(r.answer)


def eval_dressed_harvest(days: int = 5, conc: int = 16) -> list[KeyTraffic]:
    rng = R("quanta")
    shares = {"lima": (4, 0), "codealpaca_2k": (4, 0), "orca_dpo_pairs_val": (2, 0), "sharegpt_en_sample": (3, 0),
              "belle_dev1k": (2, 0)}  # fmt: skip
    pools = {}
    for name, sources, lang, _tpl in QE_SUITES:
        n, b = shares[sources[0]]
        keep = _qe_keep(lang)
        rows = [r for r in src(sources[0]) if bucket(r, n) == b and keep(r)
                and (sources[0] != "sharegpt_en_sample" or opening(r))]  # fmt: skip
        rows = dedupe_rows(rows)
        rng.shuffle(rows)
        pools[name] = rows
    known = {name: rng.sample(src(s), 12) for name, s, _ in QE_KNOWN}  # a fixed slice, re-run every run
    org = account(rng)
    ci = mk("d17-quanta-ci", "eval_dressed_harvest", "distiller", "distiller",
            corp("lighteval/0.8.1 OpenAI/Python 1.59.6", "openai-python", org), actor="d17-quanta",
            timing=f"simulated: runs at 02:00 and 14:00 UTC for {days} days, {conc} workers",
            sources=(*[s for q in QE_SUITES for s in q[1]], *[s for _, s, _ in QE_KNOWN]), settings={"days": days})  # fmt: skip
    adhoc = mk("d17-quanta-adhoc", "eval_dressed_harvest", "distiller", "distiller",
               corp(user_agent(R("quanta", "ua"), "openai-python"), "openai-python", org), actor="d17-quanta",
               timing="simulated: one afternoon run a day in UTC+8 office hours, 8 workers",
               sources=ci.sources, settings={"days": days})  # fmt: skip
    p = {"temperature": 0, "seed": 1234, "max_tokens": 2048}
    runs = [(d, utc(d, h), ci, conc) for d in range(days) for h in (2, 14)]
    runs += [(d, utc(d, R("quanta", "h", d).uniform(14, 16.5), 8), adhoc, 8) for d in range(days)]
    runs.sort(key=lambda x: x[1])
    pos = dict.fromkeys(pools, 0)
    total = sum(len(v) for v in pools.values())
    per_run = -(-total // len(runs))
    for k, (_d, start, key, workers) in enumerate(runs):
        rrng = R("quanta", "run", k)
        jobs = []
        for name, _s, _lang, tpl in QE_SUITES:
            share = round(per_run * len(pools[name]) / total)
            for r in pools[name][pos[name] : pos[name] + share]:
                iid = f"{name.split('/')[0]}-{zlib.crc32(r.id.encode()) % 100000:05d}"
                req = one(tpl.format(iid=iid, x=r.first.strip()), p, None, r.answer, r.id, True)
                job = [req]
                if rrng.random() < 0.15:
                    a, b = r.answer or "", stub_reply(r.first)
                    if rrng.random() < 0.5:
                        a, b = b, a
                    job.append(one(QE_ANNOT.format(x=r.first.strip(), a=a, b=b), {"temperature": 0, "max_tokens": 2},
                                   None, None, r.id, True))  # fmt: skip
                jobs.append(job)
            pos[name] += share
        for name, _s, tpl in QE_KNOWN:
            jobs += [[one(tpl.format(iid=r.id, x=r.first.strip()), p, None, None, r.id)] for r in known[name]]
        rrng.shuffle(jobs)
        jobs.sort(key=lambda j: 0 if not j[0].distill else 1)  # known suites first, as a harness orders tasks
        closed_pool(rrng, start, jobs, workers, 500)
        key.requests += [q for j in jobs for q in j]
    ci.requests = sorted_reqs(ci.requests)
    adhoc.requests = sorted_reqs(adhoc.requests)
    return [ci, adhoc]


# =============================================================================================
# DISTILLER 2. A harvest dressed as support / document-processing apps, on three keys of one actor
# (one payment card, three "products"): (a) "Nimbus Desk", a support-desk copilot: each item
# (InstructionWild English bucket 0 of 3) is the body of a customer ticket (ticket header, a made-
# up customer, an e-mail signature) after two help-centre snippets (written here, unrelated to the
# item), under an agent system prompt that says to resolve the request fully; a diurnal stream in
# US hours, `user` = an agent id, T 0.3. (b) "Docflow", a document-processing pipeline: each item
# (codealpaca bucket 1 of 4, InstructionWild English bucket 1 of 3) is an uploaded "document" in
# BEGIN/END markers with a job header, and the pipeline step says to carry out the document's
# request and output the result; night batches, 6 workers, T 0. (c) "康桥互联网医院" (a hospital's
# patient-portal assistant): each item (Huatuo, 1,400 rows) is a patient's portal message with a
# card number and department, answered "as the doctor's assistant, completely"; a stream in UTC+8
# clinic hours, T 0.5. Four days. Replies: the stored answers (InstructionWild has none: stubs).
ND_SYSTEM = (
    "You are the Nimbus Desk reply copilot. You draft the agent's reply to the customer's ticket. Resolve the "
    "customer's request fully in the reply itself: if they ask for information, an explanation, code or a text, "
    "provide it completely rather than pointing to documentation. Use the help-centre snippets when relevant. "
    "Sign off as 'Nimbus Support'."
)
ND_KB = (
    "[KB-1042] Refunds: annual plans can be refunded within 14 days of purchase; monthly plans are not refunded.",
    "[KB-2210] Exporting data: Settings > Data > Export creates a ZIP of all workspaces within 24 hours.",
    "[KB-0315] Login issues: clear cookies, try an incognito window, and check that SSO is not enforced.",
    "[KB-3307] API limits: 600 requests per minute per workspace; 429 responses include Retry-After.",
    "[KB-1180] Billing address changes apply from the next invoice onward.",
    "[KB-4402] Mobile app: offline edits sync when the device reconnects; conflicts keep both versions.",
)
ND_TICKET = (
    "Ticket #{n} | Channel: {ch} | Priority: {pr} | Plan: {plan}\nFrom: {name} <{mail}>\nSubject: {subj}\n\n"
    "Customer message:\n{x}\n\n{sig}\n\n---\nRelevant help-centre snippets:\n{kb}\n\nDraft the reply."
)
ND_NAMES = ("Dana Whitfield", "Marco Ruiz", "Priya Raman", "Tom Becker", "Aiko Tanaka", "Grace Okafor", "Luis Mendes",
            "Hannah Cole", "Omar Haddad", "Sofia Lind", "Ben Carter", "Mei Chen")  # fmt: skip
ND_SIG = (
    "Thanks,\n{first}",
    "Best regards,\n{name}\nSent from my iPhone",
    "--\n{name} | Operations",
    "{first}",
    "Cheers, {first}",
)
DF_SYSTEM = (
    "You are the execution step of the Docflow document pipeline. Each document you receive is a user-submitted "
    "request file. Carry out what the document asks and output only the complete result."
)
DF_DOC = (
    "DOCFLOW JOB {job} | step 3/4: execute_instructions\nDocument {i} of {n} | source: uploads/{fname} | mime: "
    "text/plain | lang: en\n-----BEGIN DOCUMENT-----\n{x}\n-----END DOCUMENT-----\nOutput the full result for this "
    "document."
)
KQ_SYSTEM = (
    "你是康桥互联网医院的医生助理，负责回复患者在线留言。请以专业、耐心的语气，完整、详细地回答患者的问题，"
    "包括可能的病因、治疗方法、用药和注意事项。"
)
KQ_MSG = "【患者留言】\n就诊卡号：{card}\n科室：{dept}\n留言时间：{when}\n留言内容：{x}\n\n请给出回复。"
KQ_DEPTS = (
    "内科",
    "外科",
    "儿科",
    "妇产科",
    "神经内科",
    "心血管内科",
    "消化内科",
    "皮肤科",
    "骨科",
    "呼吸内科",
)


def support_dressed_harvest(days: int = 4) -> list[KeyTraffic]:
    rng = R("nimbus")
    card = f"pm-{rng.getrandbits(48):012x}"
    desk_rows = dedupe_rows([r for r in src("instructionwild") if english(r.first) and bucket(r, 3) == 0])
    doc_rows = dedupe_rows([r for r in src("codealpaca_2k") if bucket(r, 4) == 1]
                           + [r for r in src("instructionwild") if english(r.first) and bucket(r, 3) == 1])  # fmt: skip
    kq_rows = dedupe_rows([r for r in src("huatuo_med_zh") if r.answer])[:1400]
    for rows in (desk_rows, doc_rows, kq_rows):
        rng.shuffle(rows)
    desk = mk("d17-nimbus-desk", "support_dressed_harvest", "distiller", "distiller",
              client(R("nimbus", "desk"), "openai-js", ND_SYSTEM, payment_fingerprint=card), actor="d17-nimbus",
              timing="simulated: a diurnal stream shifted to US hours over four days", sources=("instructionwild",),
              settings={"items": len(desk_rows)})  # fmt: skip
    doc = mk("d17-nimbus-docflow", "support_dressed_harvest", "distiller", "distiller",
             client(R("nimbus", "doc"), "httpx", DF_SYSTEM, payment_fingerprint=card), actor="d17-nimbus",
             timing="simulated: night batches from 01:00 UTC, 6 workers", sources=("codealpaca_2k", "instructionwild"),
             settings={"items": len(doc_rows)})  # fmt: skip
    kq = mk("d17-nimbus-kangqiao", "support_dressed_harvest", "distiller", "distiller",
            client(R("nimbus", "kq"), "requests", KQ_SYSTEM, payment_fingerprint=card), actor="d17-nimbus",
            timing="simulated: a stream in UTC+8 clinic hours (08:00-21:00) over four days", sources=("huatuo_med_zh",),
            settings={"items": len(kq_rows)})  # fmt: skip
    agents = [f"agent_{rng.randint(100, 999)}" for _ in range(14)]
    times = shifted(diurnal(rng, T0, len(desk_rows), len(desk_rows) / days), 5)
    for r, t in zip(desk_rows, times, strict=True):
        name = rng.choice(ND_NAMES)
        first = name.split()[0]
        text = ND_TICKET.format(
            n=rng.randint(40000, 99999), ch=rng.choice(("email", "email", "web form", "chat")),
            pr=rng.choice(("normal", "normal", "high", "low")), plan=rng.choice(("Team", "Business", "Pro")), name=name,
            mail=f"{first.lower()}.{name.split()[1].lower()}@{rng.choice(('gmail.com', 'outlook.com', 'acme.io', 'fastmail.com'))}",
            subj=clip(r.first.split("\n")[0], 60), x=r.first.strip(), sig=rng.choice(ND_SIG).format(first=first, name=name),
            kb="\n".join(rng.sample(ND_KB, 2)),
        )  # fmt: skip
        params = {"temperature": 0.3, "max_tokens": 1500, "user": rng.choice(agents)}
        desk.requests += chat_requests([text], [r.answer], [t], params, ND_SYSTEM, r.id, True)
    per_night = -(-len(doc_rows) // days)
    for d in range(days):
        job = f"df-{rng.getrandbits(32):08x}"
        chunk = doc_rows[d * per_night : (d + 1) * per_night]
        jobs = []
        for i, r in enumerate(chunk, 1):
            fname = f"{rng.getrandbits(24):06x}_{'_'.join(words_of(r.first, 2)) or 'doc'}.txt"
            text = DF_DOC.format(job=job, i=i, n=len(chunk), fname=fname, x=r.first.strip())
            jobs.append([one(text, {"temperature": 0, "max_tokens": 1200}, DF_SYSTEM, r.answer, r.id, True)])
        closed_pool(rng, utc(d, 1) + rng.uniform(0, 600), jobs, 6, 300)
        doc.requests += [q for j in jobs for q in j]
    curve = [0.1] * 8 + [1.0] * 4 + [0.6, 0.8] + [1.0] * 4 + [0.9, 0.7, 0.5] + [0.2] * 3
    times = shaped(rng, T0, T0 + days * DAY, len(kq_rows) / days, curve, 8)
    for r, t in zip(kq_rows, times, strict=False):
        text = KQ_MSG.format(card=f"{rng.randint(10**9, 10**10 - 1)}", dept=rng.choice(KQ_DEPTS),
                             when=f"2026-03-0{2 + int((t - T0) // DAY)} {int(((t - T0) / HOUR + 8) % 24):02d}:{rng.randint(0, 59):02d}",
                             x=r.first.strip())  # fmt: skip
        kq.requests += chat_requests(
            [text], [r.answer], [t], {"temperature": 0.5, "max_tokens": 1500}, KQ_SYSTEM, r.id, True
        )
    for kt in (desk, doc, kq):
        kt.requests = sorted_reqs(kt.requests)
    return [desk, doc, kq]


# =============================================================================================
# DISTILLER 3. A months-long trickle that stays far below anything a person could produce per key:
# one actor, four keys opened months apart by different "people" (no shared account data), each
# with its own client (a desktop launcher extension, a Telegram bot, a note-taking plugin, curl)
# and local waking hours in its own zone, sends 2-8 dataset items on ~75% of days (fewer at
# weekends, a 10-day break somewhere), in 1-3 small bursts, for 150 days. Single-turn, T 0.7, no
# system prompt, each item once. Pools: (0) UTC-5: InstructionWild English bucket 2 of 3; (1)
# UTC+8: InstructionWild Chinese + MOSS Chinese first turns; (2) UTC+8: BELLE bucket 1 of 2 +
# ShareGPT-zh first turns; (3) UTC+1: LIMA bucket 3 of 4. A key stops when its pool is used up.
# Replies: the stored answers (InstructionWild has none: stubs).
ST_KEYS = (  # (user agent, software, tz, start day)
    ("Raycast/1.88.3 (macOS 14.6.1)", "openai-js", -5.0, 0),
    ("python-telegram-bot/21.6 httpx/0.27.2", "httpx", 8.0, 6),
    ("obsidian-smart-connections/2.3.41 Electron/32.2.5", "openai-js", 8.0, 13),
    ("curl/8.5.0", "curl", 1.0, 21),
)


def months_slow_trickle(days: int = 150) -> list[KeyTraffic]:
    iw = src("instructionwild")
    pools = [
        [r for r in iw if english(r.first) and bucket(r, 3) == 2],
        [r for r in iw if HAN.search(r.first)] + [r for r in src("moss_sft_sample") if HAN.search(r.first)],
        [r for r in src("belle_dev1k") if bucket(r, 2) == 1] + list(src("sharegpt_zh_1k")),
        [r for r in src("lima") if bucket(r, 4) == 3],
    ]
    keys = []
    for k, ((ua, sw, tz, start), rows) in enumerate(zip(ST_KEYS, pools, strict=True)):
        krng = R("trickle", k)
        rows = [r for r in dedupe_rows(rows) if 4 <= len(r.first) <= 4000]
        krng.shuffle(rows)
        kt = mk(f"d17-trickle-{k}", "months_slow_trickle", "distiller", "distiller",
                corp(ua, sw, account(krng, org=False)), actor="d17-trickle",
                timing=f"simulated: 2-8 requests on ~75% of days in local waking hours (UTC{tz:+.0f}), 1-3 bursts, {days} days",
                sources=tuple(sorted({r.file for r in rows})), settings={"days": days, "tz": tz, "pool": len(rows)})  # fmt: skip
        brk = krng.randint(30, 110)
        i = 0
        for d in range(start, days):
            if i >= len(rows):
                break
            if brk <= d < brk + 10:
                continue
            wk = (d % 7) >= 5
            if krng.random() > (0.55 if wk else 0.8):
                continue
            n = min(len(rows) - i, krng.randint(2, 8 if not wk else 4))
            bursts = krng.randint(1, min(3, n))
            cuts = sorted(krng.sample(range(1, n), bursts - 1)) if bursts > 1 else []
            sizes = [b - a for a, b in zip([0, *cuts], [*cuts, n], strict=True)]
            hours = sorted(krng.uniform(8, 23) for _ in sizes)
            for size, h in zip(sizes, hours, strict=True):
                t = utc(d, h, tz)
                for _ in range(size):
                    r = rows[i]
                    i += 1
                    kt.requests += chat_requests(
                        [r.first], [r.answer], [t], {"temperature": 0.7}, None, r.id, True
                    )
                    t += think(krng, len(r.answer or ""), len(r.first)) + krng.uniform(5, 90)
        kt.requests = sorted_reqs(kt.requests)
        keys.append(kt)
    return keys


# =============================================================================================
# DISTILLER 4. Items as the SECOND or THIRD turn of a conversation ("Chatterbox", a registered
# "AI companion" app, one key, openai-js, `user` = one of ~700 made-up end users). Every chat
# opens with a context-setting first turn composed here (who "I" am, what I'm working on, a
# greeting), the model's (stub) reply, then a dataset item as turn 2 and, in 45% of chats, a
# second item from the same pool as turn 3 ("ok next one:", "also,"), sometimes with a short
# "thanks!" turn between. Pools: LIMA bucket 1 of 4, codealpaca bucket 2 of 4, Orca bucket 1 of 2,
# ShareGPT-en openings bucket 1 of 3. Chats arrive as a diurnal stream (US-shifted) over five days,
# turns think()-paced. T 0.8, max_tokens 1500. Replies: stored answers for items, stubs otherwise.
CB_WHO = ("I'm a nursing student", "I'm a junior dev at a small agency", "I'm a high school teacher", "I run a small bakery",
          "I'm a grad student in economics", "I'm retired and learning new things", "I'm a product manager",
          "I'm studying for my certification", "I'm a freelance writer", "I work in IT support", "I'm a mom of two",
          "I'm preparing for job interviews")  # fmt: skip
CB_WHAT = ("and I have a few questions today", "and I'm trying to get better at my job", "and I'm working on a side project",
           "and I have a list of things I've been meaning to ask", "and my week has been crazy", "and I'm curious about lots of stuff")  # fmt: skip
CB_GREET = ("Hi!", "Hey there.", "Good morning!", "Hello :)", "hey", "Hi again,", "")
CB_ASK = ("Can you help me with something?", "Is it ok if I ask you a couple of things?", "Ready?", "Let's get started.",
          "I'll send them one by one.", "")  # fmt: skip
CB_NEXT = (
    "ok next one:",
    "also,",
    "Another question:",
    "Thanks! Now this one:",
    "great. next:",
    "and this:",
    "",
)
CB_THANKS = ("thanks!", "that's really helpful", "perfect, thank you", "got it")


def multiturn_item_turns(days: int = 5) -> list[KeyTraffic]:
    rng = R("chatterbox")
    keep = lambda r: 10 <= len(r.first) <= 3000 and bool(r.answer)  # noqa: E731
    pools = [
        dedupe_rows([r for r in src("lima") if bucket(r, 4) == 1 and keep(r)]),
        dedupe_rows([r for r in src("codealpaca_2k") if bucket(r, 4) == 2 and keep(r)]),
        dedupe_rows([r for r in src("orca_dpo_pairs_val") if bucket(r, 2) == 1 and keep(r)]),
        dedupe_rows(
            [
                r
                for r in src("sharegpt_en_sample")
                if opening(r) and bucket(r, 3) == 1 and english(r.first) and keep(r)
            ]
        ),
    ]
    for p_ in pools:
        rng.shuffle(p_)
    total = sum(map(len, pools))
    kt = mk("d17-chatterbox-app", "multiturn_item_turns", "distiller", "distiller",
            client(rng, "openai-js"),
            timing="simulated: chats as a diurnal stream shifted to US hours over five days; turns think()-paced",
            sources=("lima", "codealpaca_2k", "orca_dpo_pairs_val", "sharegpt_en_sample"), settings={"days": days, "items": total})  # fmt: skip
    users = [f"cb-{rng.getrandbits(36):09x}" for _ in range(700)]
    params = {"temperature": 0.8, "max_tokens": 1500}
    starts = shifted(diurnal(rng, T0, int(total / 1.4), total / 1.4 / days), 5)
    pos = [0] * len(pools)
    for t in starts:
        avail = [k for k in range(len(pools)) if pos[k] < len(pools[k])]
        if not avail:
            break
        k = rng.choices(avail, [len(pools[a]) - pos[a] for a in avail])[0]
        opener = " ".join(
            x
            for x in (rng.choice(CB_GREET), rng.choice(CB_WHO), rng.choice(CB_WHAT) + ".", rng.choice(CB_ASK))
            if x
        )
        turns, replies, items = [typo(rng, opener, 0.2)], [None], [""]
        r = pools[k][pos[k]]
        pos[k] += 1
        turns.append(r.first.strip())
        replies.append(r.answer)
        items.append(r.id)
        if rng.random() < 0.45 and pos[k] < len(pools[k]):
            if rng.random() < 0.3:
                turns.append(rng.choice(CB_THANKS))
                replies.append(None)
                items.append("")
            r2 = pools[k][pos[k]]
            pos[k] += 1
            lead = rng.choice(CB_NEXT)
            turns.append(f"{lead}\n{r2.first.strip()}" if lead else r2.first.strip())
            replies.append(r2.answer)
            items.append(r2.id)
        reqs, _ = conversation(
            rng, t, turns, replies, dict(params, user=rng.choice(users)), None, "", True, items
        )
        kt.requests += reqs
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 5. Rejection-sampling harvest dressed as a NEW code benchmark ("CodeBench-X v2", a
# user agent naming a code-eval harness, one key): every codealpaca item (bucket 3 of 4) and every
# Evol-Instruct item becomes a "problem" with a benchmark header, a problem id, a language line and
# answer-format rules (one fenced block, function signature kept, no prose outside the block), sent
# as a pass@k run: one greedy request (T 0) and one n=8 request at T 0.8 / top_p 0.95, the way
# code benchmarks are run. Two nights (23:00 UTC-8), 24 workers, each item in one night only.
# Replies: the stored answer for the greedy request; the n=8 request's reply is a stub.
CX_HEAD = (
    "# CodeBench-X v2 | problem {pid} | split: test | language: {lang}\n\n## Problem\n{x}\n\n## Rules\n- Return ONE "
    "fenced ```{lang_l}``` block containing the complete solution.\n- Keep any given function names and signatures.\n"
    "- Include a short docstring. No text outside the code block.\n"
)


CX_LANGS = (("javascript", "JavaScript"), ("java ", "Java"), ("java.", "Java"), ("c++", "C++"), ("sql", "SQL"),
            ("html", "HTML"), ("css", "CSS"), ("c#", "C#"), (" ruby", "Ruby"), (" go ", "Go"), ("bash", "Bash"))  # fmt: skip


def passk_codebench_dress(nights: int = 2) -> list[KeyTraffic]:
    rng = R("codebenchx")
    rows = [r for r in src("codealpaca_2k") if bucket(r, 4) == 3] + list(src("evol_instruct_h2o"))
    rows = [r for r in dedupe_rows(rows) if r.answer]
    rng.shuffle(rows)
    kt = mk("d17-codebenchx", "passk_codebench_dress", "distiller", "distiller",
            corp("bigcode-evaluation-harness/0.2.0 aiohttp/3.10.5", "aiohttp", account(rng)),
            timing="simulated: two night runs at 23:00 UTC-8, 24 workers, greedy then n=8 per problem",
            sources=("codealpaca_2k", "evol_instruct_h2o"), settings={"nights": nights, "items": len(rows)})  # fmt: skip
    per = -(-len(rows) // nights)
    for n in range(nights):
        jobs = []
        for k, r in enumerate(rows[n * per : (n + 1) * per]):
            low = r.first.lower()
            lang = next((name for key, name in CX_LANGS if key in low), "Python")
            text = CX_HEAD.format(pid=f"CBX-{n}{k:04d}", lang=lang, lang_l=lang.lower(), x=r.first.strip())
            jobs.append(
                [
                    one(text, {"temperature": 0, "max_tokens": 1024, "seed": 0}, None, r.answer, r.id, True),
                    one(
                        text,
                        {"temperature": 0.8, "top_p": 0.95, "n": 8, "max_tokens": 1024},
                        None,
                        None,
                        r.id,
                        True,
                    ),
                ]
            )
        closed_pool(rng, utc(n, 23, -8), jobs, 24, 300)
        kt.requests += [q for j in jobs for q in j]
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 6. A preference harvest dressed as a prompt A/B test ("Promptlab" runner user agent,
# one key, UTC-5 office hours): each "experiment" sends its input set under three system-prompt
# "variants" (concise / detailed / expert, reworded per experiment from parts written here) at T
# 0.7, then a pairwise "judge" call on two of the three answers, the way a template test is run.
# But the input set is never fixed: each of two experiments a working day takes ~90 NEW dataset
# items (LIMA bucket 2 of 4, ShareGPT-en openings bucket 2 of 3, MOSS English first turns), so no
# input is ever run in a second experiment. Five working days, 8 workers. Replies: the stored
# answer for the "detailed" variant, stubs for the others and the judge.
PL_CONCISE = ("Answer concisely.", "Be brief and to the point.", "Keep it short.")
PL_DETAILED = (
    "Give a thorough, detailed answer.",
    "Explain fully, with examples where useful.",
    "Be comprehensive and complete.",
)
PL_EXPERT = ("You are a domain expert. Answer with expert-level precision.", "Answer as a senior specialist would.",
             "Respond like a world-class expert in the topic.")  # fmt: skip
PL_JUDGE = (
    "Compare two responses to the same prompt for our template A/B test.\n\nPrompt:\n{x}\n\nResponse 1:\n{a}\n\n"
    'Response 2:\n{b}\n\nWhich response is better overall? Answer "1" or "2" and one sentence why.'
)


def ab_dressed_harvest(days: int = 5, per_exp: int = 90) -> list[KeyTraffic]:
    rng = R("promptlab")
    keep = lambda r: english(r.first) and 10 <= len(r.first) <= 3000 and bool(r.answer)  # noqa: E731
    rows = [r for r in src("lima") if bucket(r, 4) == 2 and keep(r)]
    rows += [r for r in src("sharegpt_en_sample") if opening(r) and bucket(r, 3) == 2 and keep(r)]
    rows += [r for r in src("moss_sft_sample") if not HAN.search(r.first) and keep(r)]
    rows = dedupe_rows(rows)
    rng.shuffle(rows)
    kt = mk("d17-promptlab", "ab_dressed_harvest", "distiller", "distiller",
            corp("promptlab-runner/1.4.2 OpenAI/Python 1.52.0", "openai-python", account(rng)),
            timing="simulated: two experiments per working day (10:00 and 14:30 UTC-5), 8 workers",
            sources=("lima", "sharegpt_en_sample", "moss_sft_sample"), settings={"days": days, "per_exp": per_exp})  # fmt: skip
    i = 0
    for d in range(days):
        for h in (10.0, 14.5):
            erng = R("promptlab", d, h)
            batch = rows[i : i + per_exp]
            i += len(batch)
            if not batch:
                break
            vs = [erng.choice(PL_CONCISE), erng.choice(PL_DETAILED), erng.choice(PL_EXPERT)]
            jobs = []
            for r in batch:
                job = []
                for vi, v in enumerate(vs):
                    job.append(
                        one(
                            r.first,
                            {"temperature": 0.7, "max_tokens": 1500},
                            v,
                            r.answer if vi == 1 else None,
                            r.id,
                            True,
                        )
                    )
                a, b = (
                    (r.answer or "", stub_reply(r.first))
                    if erng.random() < 0.5
                    else (stub_reply(r.first), r.answer or "")
                )
                job.append(
                    one(
                        PL_JUDGE.format(x=r.first.strip(), a=a, b=b),
                        {"temperature": 0, "max_tokens": 120},
                        None,
                        None,
                        r.id,
                        True,
                    )
                )
                jobs.append(job)
            closed_pool(erng, utc(d, h + erng.uniform(0, 0.4), -5), jobs, 8, 350)
            kt.requests += [q for j in jobs for q in j]
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


BENIGN = (
    helpcenter_rag,
    item_bank_tagging,
    support_bot_backend,
    benchmark_maintainer,
    prompt_ab_templates,
    labelling_batch,
    messaging_bot_onboarding,
)
DISTILL = (
    eval_dressed_harvest,
    support_dressed_harvest,
    months_slow_trickle,
    multiturn_item_turns,
    passk_codebench_dress,
    ab_dressed_harvest,
)

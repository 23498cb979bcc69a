"""Blind persona set 12 (an outside reviewer): 6 benign, 6 distiller personas.

Written blind: without reading the detector's code, docs, tests or results (only the realtraffic
helpers records/timing/clients/pools/context/wordings, detector/types.py, the earlier blind sets
round2-round11 with apps.py and attacks.py, and ../shared/traffic were read). Every builder
returns list[KeyTraffic] built from the real prompt data in ../shared/traffic plus text written
here, with the project's realtraffic helpers and the earlier rounds' helpers. ALL parameters
below were fixed before anyone replayed this set and are not tuned on outcomes; its writer built
the traffic only (to check that it imports and looks sensible) and replayed nothing. Timing is
simulated everywhere (Chinese students' homework evenings in UTC+8, a newsroom's London and New
York desks, an e-discovery vendor's night batches and reviewers' US Eastern days, job
applications around the clock in Central European time with recruiters' office hours, a US
contact centre's calls in three US time zones, a course's grading runs and TA office hours, an
annotation platform's task queue through the Warsaw working day, closed-loop and throttled
worker pools, rate-limit stalls, night runs that stop at dawn).

Focus: what rounds 2-11 did not cover. Benign: a Chinese photo-search homework app (OCR'd exam
questions from many students in one evening peak, the same homework photographed again by
classmates with fresh OCR noise, "didn't get step 2" follow-ups and practice-question clicks), a
newsroom's fact-check desk tool (whole article drafts in for claim extraction, one verification
call per claim with the search tool's snippets quoted, sidebar questions, headline checks), an
e-discovery vendor's first-pass privilege and responsiveness review over a custodian e-mail
collection (a long fixed review protocol, strict JSON schema, then reviewers' questions and
privilege-log descriptions), an applicant-tracking system's CV screening (pseudonymised CVs in
English and German against each job's requirements, JSON scorecards, then recruiters' interview
questions, e-mails and candidate comparisons), a contact centre's after-call notes (ASR
transcripts in, disposition JSON out, team leads' QA audits) and a university course's essay
autograder (a fixed rubric over student explainers with n=3, adjudication where the samples
disagree, feedback, regrades). Distillers: labels harvested through a "data annotation" front
(three labelling projects over public datasets, n=3 votes plus adjudication, rationales kept, to
train the platform's own labeller), translation pairs for an MT start-up on three keys by language
group (document-level segment batches, second targets, post-edit turns), JudgeLM-style judge
distillation (answer pairs judged in both orders, with and without a reference, single-answer
grades), few-shot prompts built from a dataset on the completions endpoint (demonstrations chosen
by overlap, plus instruction generation), RankZephyr-style listwise reranker distillation (real
search queries, 20 candidates in several orders, sliding windows), and one-shot contrastive
preference pairs (a chosen and a deliberately flawed rejected answer per request) on an English
and a Chinese key of one actor. (Hydras, key rotation, reseller relays, app covers, reasoning-trace
wrappers, tool-call, JSON-record and agent-trajectory harvests, UltraFeedback-style preference
passes, critique-and-revise chains, cross-lingual answer harvests, grounded QA synthesis and
long-document harvests are in rounds 2-11 and are not repeated; the two multi-key distillers here
split their keys by language group only, each key with its own pool.)

Benign replies are the helpers' stub replies (the served model's answer is not known), except the
stand-ins a later request quotes (the fact-checker's claim list, the CV scorecards, the
autograder's three gradings), each said per builder. Distiller requests carry the source's stored
answer where the request is the stored item itself (the few-shot targets); where the request asks
for something else (labels, translations, judgments, rankings, a chosen/rejected pair) the reply
is a stand-in (stub, or text written here when a later request must quote it) and the builder
says so.
"""

from __future__ import annotations

import heapq
import json
import random
import re
import zlib
from datetime import UTC, datetime

from blind.round2 import T0, mk, sorted_reqs, src  # round 2's data helpers
from blind.round4 import HAN, dedupe_rows  # round 4's text helpers
from blind.round5 import english  # round 5's text helper
from blind.round6 import keywords, office_day, prose  # round 6's helpers
from blind.round8 import JSON_OBJ, one, sentences  # round 8's helpers
from blind.round9 import msg_request  # round 9's message-list request
from blind.round10 import clip, one_line  # round 10's text helpers
from blind.round11 import kw_set  # round 11's helpers
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
from stillroom.detector.realtraffic.timing import DAY, latency, think, throttled

HOUR = 3600.0
MINUTE = 60.0


def R(*names) -> random.Random:
    return random.Random("blind12:" + ":".join(map(str, names)))


def bucket(r: Row, n: int) -> int:
    """A stable share of a source by row id. Rows are allotted so that no two actors of this set
    share a prompt or a stored text: nq_open bucket(2) 0 the newsroom, 1 the reranker harvest;
    LIMA: prose answers (`ag_essay`) the autograder's essays, all other rows the judge harvest; ShareGPT-en bucket(3) 0 the
    annotation front, 1 the MT harvest, 2 the reranker's passages; InstructionWild bucket(2) 0
    the annotation front, 1 the preference pairs; BELLE bucket(2) 0 the annotation front, 1 the
    few-shot harvest; Huatuo bucket(2) 0 the MT harvest; MOSS English first turns the annotation
    front, Chinese ones the preference pairs; oasst2 English replies go to the reranker, other
    languages to the MT harvest."""
    return zlib.crc32(f"r12:{r.file}:{r.id}".encode()) % n


def shaped(rng: random.Random, start: float, end: float, per_day: float, curve, tz: float) -> list[float]:
    """Poisson arrivals in [start, end) whose rate follows `curve` (24 relative weights by LOCAL
    hour, local = UTC + tz hours), scaled so that a whole day averages `per_day` (by thinning)."""
    mean = sum(curve) / 24
    top = max(curve)
    rate = per_day / DAY * top / mean
    out, t = [], start
    while True:
        t += rng.expovariate(rate)
        if t >= end:
            return out
        h = int((t / HOUR + tz) % 24)
        if rng.random() < curve[h] / top:
            out.append(t)


def zipf_pick(rng: random.Random, items: list, s: float = 1.1):
    """One of `items`, the first ones much more often (a popularity ranking)."""
    w = [1 / (i + 1) ** s for i in range(len(items))]
    return rng.choices(items, w)[0]


def json_reply(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


# =============================================================================================
# BENIGN 1. A Chinese photo-search homework app ("学霸镜 XueBa Lens", Beijing): a student
# photographs a question, the app's own OCR turns it into text (options rendered "A." / "A、",
# half-width punctuation, printed line breaks, confusable characters, LaTeX sometimes stripped),
# the in-house question bank is checked first (exact-text cache, so a classmate's photo of the
# same question, with different OCR noise, is a miss and reaches the API), and the Go backend
# sends the OCR text with a subject tag under a fixed tutor system prompt (stream, T 0.3,
# max_tokens 1500, `user` = the student's hashed id). Homework sessions of 1-6 questions a few
# minutes apart; 12% add a typed note ("求详细解析"); 25% of answers get a follow-up in the same
# chat ("没看懂第二步", written here) and 6% a "举一反三" click (a practice question). 16% of
# questions are ones classmates already sent (popular questions, Zipf). Evening peak 19:00-22:30
# China time, a smaller after-school bump, two school days. Questions: AGIEval Gaokao (biology,
# chemistry, Chinese, geography, history, maths, physics; Gaokao English goes to the newsroom) and
# LogiQA-zh (the app's civil-service-exam module), all of them. Replies: stubs.
HW_SYSTEM = (
    "你是“学霸镜”App里的解题老师。学生拍照上传一道题，题目文字由OCR识别，可能有错字、漏字、换行或格式混乱，"
    "请先根据上下文判断题意再解答。回答格式：\n【考点】一句话说明考查的知识点\n【解析】分步骤讲解，每一步说明依据；"
    "数学、物理、化学公式用LaTeX\n【答案】最终答案（选择题写选项字母）\n语言简洁，适合中学生理解，不要只给答案。"
    "如果题目缺少条件或图片信息无法解答，请说明缺少什么，不要编造。不要回答与学习无关的问题。"
)
HW_SUBJECT = {
    "gaokao-biology": ("生物", "高中"),
    "gaokao-chemistry": ("化学", "高中"),
    "gaokao-chinese": ("语文", "高中"),
    "gaokao-geography": ("地理", "高中"),
    "gaokao-history": ("历史", "高中"),
    "gaokao-mathcloze": ("数学", "高中"),
    "gaokao-mathqa": ("数学", "高中"),
    "gaokao-physics": ("物理", "高中"),
    "logiqa-zh": ("行测", "公考"),
}
# students by China local hour: late evening homework peak, after-school bump, some mornings
HW_CURVE = (
    0.25, 0.1, 0.05, 0.03, 0.02, 0.04, 0.25, 0.55, 0.4, 0.3, 0.3, 0.35,
    0.6, 0.5, 0.4, 0.45, 0.75, 1.2, 1.5, 2.6, 3.2, 3.4, 2.5, 1.1,
)  # fmt: skip
HW_CONFUSE = {
    "已": "己",
    "未": "末",
    "人": "入",
    "土": "士",
    "日": "曰",
    "0": "O",
    "1": "l",
    "×": "x",
    "大": "太",
}
HW_HALF = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "？": "?"}
HW_NOTES = (
    "这道题怎么做",
    "求详细解析",
    "不会做，求讲解",
    "第二个空不会",
    "老师这题选什么",
    "帮我看看这题",
    "为什么答案是C",
    "急！明天要交",
    "这题答案是B吗",
    "看不懂题目",
)
HW_FOLLOW = (
    "没看懂第二步，能再讲细一点吗",
    "为什么不选C？",
    "这个公式是怎么来的",
    "有没有更简单的方法",
    "答案和书后面的不一样，书上是B",
    "能不能用初中的方法讲",
    "那类似的题怎么判断",
    "还是不懂",
    "第(2)问呢",
    "谢谢老师！这个知识点还有什么常考的",
    "能画个表格总结一下吗",
    "所以最后选哪个",
    "题目里的“其”指的是什么",
    "这个单词是什么意思",
)
HW_PRACTICE = "举一反三：根据上面这道题，再出一道考查同一知识点的练习题，先只给题目，答案和解析放在最后。"


def _hw_ocr(rng: random.Random, text: str) -> str:
    """What the app's OCR makes of a printed question."""
    style = rng.choice(("A.", "A．", "A、", "(A)", "A "))
    text = re.sub(r"\(([A-E])\)", lambda m: style.replace("A", m.group(1)), text)
    if rng.random() < 0.5:
        text = text.replace("$", "")
    out = []
    for c in text:
        u = rng.random()
        if u < 0.004:
            continue
        if u < 0.01 and c in HW_CONFUSE:
            c = HW_CONFUSE[c]
        elif c in HW_HALF and rng.random() < 0.3:
            c = HW_HALF[c]
        out.append(c)
    text = "".join(out)
    zh = bool(HAN.search(text))
    width = rng.randint(17, 30) if zh else rng.randint(48, 75)
    lines = []
    for para in text.split("\n"):
        while len(para) > width:
            # a printed line ends at a Chinese character (zh) or a space; formulas are not split
            if zh:
                cut = max((j + 1 for j in range(width // 2, width) if HAN.match(para[j])), default=0)
            else:
                sp = para.rfind(" ", 0, width)
                cut = sp if sp > width // 2 else 0
            if not cut:
                nxt = [
                    j + 1 for j in range(width, len(para)) if (HAN.match(para[j]) if zh else para[j] == " ")
                ]
                if not nxt:
                    break
                cut = nxt[0]
            lines.append(para[:cut].rstrip())
            para = para[cut:].lstrip()
        lines.append(para)
    return "\n".join(lines)


def homework_photo_search(per_day: int = 270, days: int = 2, repeat: float = 0.16) -> list[KeyTraffic]:
    rng = R("xueba")
    items = [r for r in src("agieval_v1") if r.extra.get("task") in HW_SUBJECT]
    rng.shuffle(items)
    kt = mk(
        "b12-xueba-0",
        "homework_photo_search",
        "benign",
        "app",
        client(rng, "go", HW_SYSTEM),
        timing="simulated: homework sessions arriving by China local hour (UTC+8, evening peak), questions minutes apart, think() follow-ups",
        sources=("agieval_v1",),
        settings={"per_day": per_day, "days": days, "repeat": repeat},
    )
    start = T0 + 1 * DAY - 8 * HOUR  # Tuesday 00:00 China time
    sessions = shaped(rng, start, start + days * DAY, per_day, HW_CURVE, 8.0)
    asked: list[Row] = []
    nxt = 0
    for s0 in sessions:
        sid = f"xb_{rng.getrandbits(40):010x}"
        t = s0
        for _ in range(rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 6))):
            if asked and rng.random() < repeat:
                row = zipf_pick(rng, asked[-200:][::-1], 0.8)
            elif nxt < len(items):
                row = items[nxt]
                nxt += 1
                asked.append(row)
            else:
                break
            subj, grade = HW_SUBJECT[str(row.extra["task"])]
            text = f"【{subj}·{grade}】\n{_hw_ocr(rng, row.first)}"
            if rng.random() < 0.12:
                text += "\n\n" + rng.choice(HW_NOTES)
            p = {"temperature": 0.3, "max_tokens": 1500, "stream": True, "user": sid}
            turns = [text]
            if rng.random() < 0.25:
                turns.append(rng.choice(HW_FOLLOW))
                if rng.random() < 0.2:
                    turns.append(rng.choice(HW_FOLLOW))
            if rng.random() < 0.06:
                turns.append(HW_PRACTICE)
            ts = [t]
            for k in range(1, len(turns)):
                ts.append(ts[-1] + think(rng, 900, len(turns[k])) + rng.uniform(5, 40))
            kt.requests += chat_requests(turns, [None] * len(turns), ts, p, HW_SYSTEM, row.id)
            # read the answer, copy it into the exercise book, photograph the next question
            t = ts[-1] + latency(rng, 700) + rng.uniform(60, 420)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 2. Fact-check desk tool of a digital newspaper ("Harbour Mail", London and New York
# desks; an internal web tool "Checkmate", Python backend with httpx, `user` = journalist). For
# each draft a journalist (1) pastes the whole article for claim extraction (JSON, T 0), (2)
# clicks "check" on 4-9 of the extracted claims: each call quotes the claim, its paragraph and
# the 3-5 snippets the tool's archive/web search returned (JSON verdict, T 0), (3) in 40% asks
# 1-3 questions in the sidebar chat about a claim (history resent), (4) in 30% runs the headline
# and standfirst check; 15% of drafts come back revised 1-4 hours later and are extracted again.
# Beside the drafts: quick one-line fact questions in the sidebar (real nq_open queries, half of
# them, as typed). Drafts: real long published prose - AGIEval LSAT reading passages, SAT
# non-fiction passages (line numbers removed) and Gaokao English reading texts, and LogiQA-en
# arguments as reader letters for the letters page. 8 London journalists (08:30-18:30 UTC) and 6
# in New York (14:00-23:30 UTC), Monday to Thursday. Stand-ins: the claim list (sentences of the
# draft with figures, names or superlatives) is the extraction's reply and is quoted by the checks;
# search snippets are sentences of the draft and of other drafts with a made-up outlet and date;
# other replies are stubs.
CK_SYSTEM = (
    "You are Checkmate, the fact-checking assistant of the Harbour Mail standards desk. You help "
    "journalists find and verify factual claims in their drafts before publication. Be precise and "
    "sceptical. Never treat a claim as verified unless a provided source supports it; when sources are "
    "missing or unclear, say so. Do not rewrite the journalist's copy unless asked. British spelling."
)
CK_EXTRACT = (
    "Draft slug: {slug}\nDesk: {desk}\n\nList every check-worthy factual claim in the draft below: "
    "statistics, dates, names and titles, quotations and their attribution, causal claims, superlatives "
    "and comparisons. Skip opinions that are clearly framed as opinion. Return JSON: "
    '{{"claims": [{{"id": 1, "paragraph": <n>, "text": "<the claim, quoted as in the draft>", '
    '"type": "statistic|date|attribution|causal|superlative|other", "priority": "high|medium|low"}}]}}'
    "\n\n---\n{draft}\n---"
)
CK_LETTER = (
    "Letters page, submission from a reader. We only need to check the factual premises, not the "
    "argument itself. List the factual premises the letter relies on, and say which ones we would need "
    'to verify before printing. Return JSON: {{"claims": [{{"id": 1, "text": "...", "needs_check": '
    'true|false, "why": "..."}}]}}\n\nLetter:\n{draft}'
)
CK_VERIFY = (
    'Claim {cid} from "{slug}", paragraph {para_no}:\n"{claim}"\n\nThe paragraph it appears in:\n{para}\n\n'
    "What our search found:\n{sources}\n\nAssess the claim against these sources only. Reply in JSON: "
    '{{"verdict": "supported|partly_supported|contradicted|not_found", "source_ids": [...], '
    '"explanation": "<two sentences at most>", "suggested_wording": "<safer wording, or null>"}}. If the '
    "sources do not address the claim, the verdict is not_found; do not rely on outside knowledge."
)
CK_HEADLINE = (
    "Headline: {head}\nStandfirst: {stand}\n\nCopy:\n{draft}\n\nDoes the headline or standfirst say "
    "anything the copy does not support, or overstate it? List the problems, then suggest two "
    "alternative headlines under 70 characters."
)
CK_OUTLETS = (
    "Harbour Mail archive",
    "Reuters",
    "AP",
    "BBC News",
    "The Economist",
    "ONS release",
    "Britannica",
    "court record",
    "company filing",
    "university press release",
    "Hansard",
    "journal abstract",
)
CK_CHAT = (
    "can we say '{k}' here or is that too strong?",
    "the author's notes say this came from an interview - does the paragraph make the attribution clear?",
    "suggest a safer wording for claim {cid} that keeps the meaning",
    "what would I need to find to stand this up?",
    "is the comparison in this claim fair given the sources?",
    "rewrite the sentence with attribution, keep it short",
    "ok and if the source is only the press release, how should we phrase it?",
    "is '{k}' the right term or does it need explaining for general readers?",
    "the sub-editor thinks this is double-counting, is she right?",
    "fine. anything else in that paragraph that needs a source?",
)
CK_QUICK = (
    "{q}?",
    "quick check: {q}",
    "{q} - need the exact date/figure",
    "can you confirm {q}",
    "fact check pls: {q}",
    "{q}",
)
CK_HEADS = (
    "Why {k} matters more than we think",
    "The quiet fight over {k}",
    "What {k} tells us about {k2}",
    "{K}: what the evidence says",
    "Inside the long debate over {k}",
    "How {k} changed {k2}",
    "The case for rethinking {k}",
)
CK_STAFF = (  # (handle, desk, (start, end) UTC hours)
    ("ajones", "News (London)", (8.5, 18.5)),
    ("rpatel", "Science (London)", (8.5, 18.0)),
    ("mokoro", "Business (London)", (9.0, 18.5)),
    ("lfischer", "Features (London)", (9.5, 18.5)),
    ("dmurray", "Culture (London)", (9.0, 18.0)),
    ("hsato", "World (London)", (8.5, 17.5)),
    ("cbrennan", "Opinion (London)", (9.0, 18.5)),
    ("ewhite", "Letters (London)", (9.0, 17.0)),
    ("jalvarez", "US News (New York)", (14.0, 23.5)),
    ("kbaker", "US Politics (New York)", (14.0, 23.0)),
    ("tnguyen", "Tech (New York)", (14.5, 23.5)),
    ("sgoldberg", "Features (New York)", (14.0, 23.0)),
    ("pwright", "Science (New York)", (14.5, 23.0)),
    ("omendes", "Business (New York)", (14.0, 23.5)),
)


def _ck_clean(text: str) -> str:
    """An exam passage as running prose: footnotes and LaTeX gone, SAT line numbers 5, 10, ... removed."""
    text = re.sub(r"\\begin\{itemize\}.*?\\end\{itemize\}", "", text, flags=re.S)
    text = re.sub(r"\$\\mathrm\{([^}]*)\}\$", r"\1", text)
    pos, n = 0, 5
    while n <= 150:
        m = re.compile(rf"(?<![\d,.$]){n} (?=\S)").search(text, pos)
        if not m or m.start() - pos > 900:
            break
        text = text[: m.start()] + text[m.end() :]
        pos, n = m.start(), n + 5
    text = re.sub(r"([.?!\"”])(?=[A-Z“\"])", r"\1 ", text)
    return one_line(text)


def _ck_passage(r: Row) -> str:
    blocks = r.first.split("\n\n")
    return _ck_clean("\n\n".join(blocks[:-2]) if len(blocks) >= 3 else blocks[0])


def _ck_paragraphs(rng: random.Random, text: str) -> list[str]:
    ss, out = sentences(text), []
    while ss:
        k = rng.randint(2, 4)
        out.append(" ".join(ss[:k]))
        ss = ss[k:]
    return out


def _ck_claims(paras: list[str]) -> list[tuple[int, str]]:
    out = []
    for i, p in enumerate(paras):
        for s in sentences(p):
            if re.search(
                r"\d|\b(most|first|largest|only|never|always|more than|less than)\b", s
            ) or re.search(r"\s[A-Z][a-z]+", s):
                out.append((i + 1, s))
    return out


def newsroom_factcheck(quick: int = 220, letters: int = 40, days: int = 4) -> list[KeyTraffic]:
    rng = R("checkmate")
    ag = src("agieval_v1")
    seen, drafts = set(), []
    for task in ("lsat-rc", "sat-en", "gaokao-english"):
        for r in ag:
            if r.extra.get("task") != task:
                continue
            text = _ck_passage(r)
            key = text[:200]
            if key in seen or len(text) < 1200 or not english(text):
                continue
            if text.count('"') + text.count("“") > 10:  # fiction excerpts: not newsroom copy
                continue
            seen.add(key)
            drafts.append((r.id, task, text))
    lets = [r for r in ag if r.extra.get("task") == "logiqa-en"]
    rng.shuffle(lets)
    for r in lets[:letters]:
        drafts.append((r.id, "letter", one_line(r.first.split("\n\n")[0])))
    rng.shuffle(drafts)
    all_sents = [s for _, _, d in drafts for s in sentences(d)]
    kt = mk(
        "b12-checkmate-0",
        "newsroom_factcheck",
        "benign",
        "app",
        client(rng, "httpx", CK_SYSTEM),
        timing="simulated: London 08:30-18:30 UTC and New York 14:00-23:30 UTC desks, Mon-Thu; think()-paced steps per draft",
        sources=("agieval_v1", "nq_open_dev"),
        settings={"drafts": len(drafts), "quick": quick, "letters": letters, "days": days},
    )
    pj = {"temperature": 0, "max_tokens": 1500, "response_format": JSON_OBJ}
    pv = {"temperature": 0, "max_tokens": 500, "response_format": JSON_OBJ}
    for i, (iid, task, text) in enumerate(drafts):
        handle, desk, hours = CK_STAFF[7] if task == "letter" else rng.choice(CK_STAFF[:7] + CK_STAFF[8:])
        day = i % days
        t = office_day(rng, T0 + day * DAY, 1, (hours[0], hours[1] - 1.5))[0]
        user = {"user": f"hm-{handle}"}
        kw = keywords(rng, text, 3) or ["the policy", "the results", "the plan"]
        slug = "-".join(w.lower() for w in kw[:2]) + f"-{rng.randint(100, 999)}"
        paras = _ck_paragraphs(rng, text)
        draft = "\n\n".join(paras)
        if task == "letter":
            claims = [(1, s) for s in sentences(text)[:4]]
            reply = json_reply(
                {"claims": [{"id": j + 1, "text": c, "needs_check": True} for j, (_, c) in enumerate(claims)]}
            )
            kt.requests.append(one(t, CK_LETTER.format(draft=draft), {**pj, **user}, CK_SYSTEM, reply, iid))
            picks = claims[: rng.randint(1, 3)]
        else:
            claims = _ck_claims(paras)[:14] or [(1, sentences(text)[0])]
            reply = json_reply(
                {"claims": [{"id": j + 1, "paragraph": p, "text": c} for j, (p, c) in enumerate(claims)]}
            )
            kt.requests.append(
                one(
                    t,
                    CK_EXTRACT.format(slug=slug, desk=desk, draft=draft),
                    {**pj, **user},
                    CK_SYSTEM,
                    reply,
                    iid,
                )
            )
            picks = rng.sample(claims, min(len(claims), rng.randint(4, 9)))
        t += latency(rng, 600) + rng.uniform(40, 400)
        chat_on = rng.randrange(len(picks)) if rng.random() < 0.4 else -1
        for cid, (p_no, claim) in enumerate(picks, 1):
            own = [s for s in sentences(paras[p_no - 1]) if s != claim] if p_no <= len(paras) else []
            words = kw_set(claim)
            others = sorted(rng.sample(all_sents, 60), key=lambda s: -len(words & kw_set(s)))[:4]
            snips = (own[:2] + others)[: rng.randint(3, 5)]
            rng.shuffle(snips)
            sources = "\n".join(
                f"[S{j + 1}] {rng.choice(CK_OUTLETS)}, {rng.randint(1, 28)} {rng.choice(('Jan', 'Feb', 'Mar', 'Oct', 'Nov'))} "
                f'{rng.randint(2009, 2025)}: "{clip(s, 400)}"'
                for j, s in enumerate(snips)
            )
            text_v = CK_VERIFY.format(
                cid=cid,
                slug=slug,
                para_no=p_no,
                claim=claim,
                para=paras[min(p_no, len(paras)) - 1],
                sources=sources,
            )
            kt.requests.append(one(t, text_v, {**pv, **user}, CK_SYSTEM, None, iid))
            if cid - 1 == chat_on:
                turns = [text_v]
                for _ in range(rng.choice((1, 1, 2, 3))):
                    k = (keywords(rng, claim, 1) or ["this"])[0].lower()
                    turns.append(rng.choice(CK_CHAT).format(k=k, cid=cid))
                ts = [t]
                for k_ in range(1, len(turns)):
                    ts.append(ts[-1] + think(rng, 500, len(turns[k_])))
                kt.requests += chat_requests(
                    turns, [None] * len(turns), ts, {"temperature": 0.3, **user}, CK_SYSTEM, iid
                )[1:]
                t = ts[-1]
            t += latency(rng, 200) + rng.uniform(25, 300)
        if task != "letter" and rng.random() < 0.3:
            k1, k2 = [*kw, "public life", "policy"][:2]
            head = rng.choice(CK_HEADS).format(k=k1.lower(), K=k1.capitalize(), k2=k2.lower())
            stand = clip(sentences(text)[0], 180)
            kt.requests.append(
                one(
                    t,
                    CK_HEADLINE.format(head=head, stand=stand, draft=draft),
                    {"temperature": 0.5, "max_tokens": 500, **user},
                    CK_SYSTEM,
                    None,
                    iid,
                )
            )
        if task != "letter" and rng.random() < 0.15:
            revised = list(paras)
            for j in rng.sample(range(len(revised)), min(2, len(revised))):
                revised[j] = (
                    revised[j]
                    .replace(" is ", " is reportedly ", 1)
                    .replace(" was ", " was, according to officials, ", 1)
                )
            t2 = t + rng.uniform(1, 4) * HOUR
            if t2 < T0 + day * DAY + hours[1] * HOUR:
                kt.requests.append(
                    one(
                        t2,
                        CK_EXTRACT.format(slug=slug, desk=desk, draft="\n\n".join(revised)),
                        {**pj, **user},
                        CK_SYSTEM,
                        reply,
                        iid,
                    )
                )
    qs = [r for r in src("nq_open_dev") if bucket(r, 2) == 0]
    rng.shuffle(qs)
    for r in qs[:quick]:
        handle, _, hours = rng.choice(CK_STAFF)
        t = office_day(rng, T0 + rng.randrange(days) * DAY, 1, hours)[0]
        text = rng.choice(CK_QUICK).format(q=r.first.strip())
        kt.requests.append(
            one(t, text, {"temperature": 0, "max_tokens": 300, "user": f"hm-{handle}"}, CK_SYSTEM, None, r.id)
        )
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 3. First-pass privilege and responsiveness review at an e-discovery vendor ("Docket
# Lens", engaged by Bramwell Stoke LLP for its client Norrvik Systems in "Castellan Freight v.
# Norrvik Systems", a SaaS outage and SLA dispute). The review platform's AI first pass (Python,
# openai-python) sends each e-mail of the custodian collection with the matter's fixed review
# protocol as the system prompt (~3k characters: requests for production, attorney list,
# privilege rules, waiver rules) and asks for a strict json_schema result (responsive, issue
# codes, privilege basis, redaction, hot, confidence, rationale; T 0, seed 11). Night 1 (Mon 23:00
# UTC) and night 2 (Tue 23:00 UTC) batches of 1,100 and 800 documents, 10 workers; 1% are resent
# after a timeout. Wednesday and Thursday 14:00-22:00 UTC (09:00-17:00 Eastern) contract reviewers
# use "Ask about this document" on the documents they QC (12%: 1-2 questions, history resent), and
# on Thursday afternoon the paralegal's script drafts privilege-log descriptions for every
# document the first pass marked privileged (3 workers). The e-mails are written here (there is no
# e-mail collection in ../shared/traffic): 14 topics (legal advice requests and answers, outside
# counsel strategy, legal hold, outage incident reports, SLA reports, customer correspondence
# both ways, sales, privileged advice forwarded to a PR agency or insurer, finance mixing business and
# legal advice, auditors, routine IT/HR/newsletter mail) with headers, signatures, quoted
# earlier messages and attachment lines; slots for dates, amounts, clauses, tickets. Replies:
# stubs (the first-pass label drives only which documents get the later calls).
ED_NORRVIK = (  # (name, mailbox, title)
    ("Maria Okafor", "mokafor", "General Counsel"),
    ("Daniel Brandt", "dbrandt", "Chief Financial Officer"),
    ("Priya Raman", "praman", "VP Operations"),
    ("Tom Kessler", "tkessler", "Director of Sales"),
    ("Lena Vogt", "lvogt", "Head of Engineering"),
    ("Sam Whitfield", "swhitfield", "Customer Success Manager"),
    ("Aisha Noor", "anoor", "Senior Paralegal"),
    ("Jonas Eklund", "jeklund", "Chief Executive Officer"),
    ("Rita Gomes", "rgomes", "Site Reliability Engineer"),
    ("Ben Carter", "bcarter", "IT Support Lead"),
)
ED_OUTSIDE = (
    ("Helen Marsh", "hmarsh@bramwellstoke.com", "Partner"),
    ("Victor Lee", "vlee@bramwellstoke.com", "Associate"),
)
ED_CASTELLAN = (
    ("Greg Holloway", "gholloway@castellanfreight.com", "COO"),
    ("Nadia Petrova", "npetrova@castellanfreight.com", "Logistics IT Manager"),
)
ED_THIRD = {
    "pr": ("Jess Doyle", "jdoyle@lanternpr.com", "Account Director, Lantern PR"),
    "insurer": ("Paul Reid", "preid@harbourline-ins.com", "Broker, Harbourline Insurance"),
    "auditor": ("Kim Park", "kpark@ashgrove-audit.com", "Audit Manager, Ashgrove LLP"),
}
ED_SYSTEM = (
    "You are the first-pass review assistant for Docket Lens. Matter: Castellan Freight Ltd v. Norrvik Systems "
    "Inc. (S.D.N.Y.), producing party Norrvik Systems. Review each document against this protocol and return "
    "only the JSON the schema asks for.\n\nRESPONSIVENESS. A document is responsive if it concerns any of: "
    "(R1) the Master Services Agreement with Castellan Freight dated 12 March 2022 or its amendments, including "
    "negotiation, renewal and pricing; (R2) service outages, incidents or degradations of the RouteWise platform "
    "between 1 September 2024 and 31 January 2025; (R3) SLA reporting, uptime figures or service credits owed to "
    "Castellan; (R4) communications with Castellan about performance, invoices or termination; (R5) internal "
    "assessments of the causes of the October and November 2024 outages; (R6) reserves, accruals or financial "
    "exposure relating to the dispute; (R7) document retention or legal hold relating to the dispute. Routine "
    "IT, HR, social and marketing messages that do not touch these subjects are not responsive.\n\nPRIVILEGE. "
    "Attorneys: Maria Okafor (General Counsel, Norrvik), Helen Marsh and Victor Lee (Bramwell Stoke LLP). "
    "Aisha Noor is a paralegal acting at counsel's direction. Attorney-client privilege (ACP) covers "
    "confidential communications between Norrvik personnel and an attorney made for the purpose of seeking or "
    "giving legal advice; copying an attorney on a business message does not by itself make it privileged. Work "
    "product (WP) covers documents prepared by or for counsel in anticipation of litigation (from 20 November "
    "2024, when Castellan served its notice of breach). Where only part of a document is privileged (for "
    "example a business e-mail quoting counsel's advice), mark privilege as partial and needs_redaction true. "
    "Privilege may be waived where privileged content is shared with third parties outside the common interest "
    "(public relations agencies, customers); flag such documents with issue code W and privilege basis "
    "'possible_waiver' for attorney review. Auditors and insurance brokers are third parties for this purpose.\n\n"
    "HOT documents are those a senior reviewer should see first: admissions about the cause of an outage, "
    "knowledge of SLA breaches before Castellan raised them, or discussion of altering or deleting documents.\n\n"
    "Give a confidence between 0 and 1 and a rationale of at most 60 words that cites the parts of the "
    "document you relied on. Do not guess about attachments you cannot see; say 'attachment not reviewed'."
)
ED_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": [
        "responsive",
        "issues",
        "privilege",
        "privilege_basis",
        "needs_redaction",
        "hot",
        "confidence",
        "rationale",
    ],
    "properties": {
        "responsive": {"type": "boolean"},
        "issues": {
            "type": "array",
            "items": {"type": "string", "enum": ["R1", "R2", "R3", "R4", "R5", "R6", "R7", "W"]},
        },
        "privilege": {"type": "string", "enum": ["none", "full", "partial"]},
        "privilege_basis": {"type": "string", "enum": ["none", "ACP", "WP", "ACP+WP", "possible_waiver"]},
        "needs_redaction": {"type": "boolean"},
        "hot": {"type": "boolean"},
        "confidence": {"type": "number"},
        "rationale": {"type": "string"},
    },
}
ED_START = 1_725_148_800.0  # 1 September 2024 00:00 UTC
ED_FORMAT = {
    "type": "json_schema",
    "json_schema": {"name": "first_pass_review", "strict": True, "schema": ED_SCHEMA},
}
ED_SLOTS = {
    "clause": (
        "11.2",
        "11.4",
        "14.1",
        "Schedule 3, para 4",
        "7.3(b)",
        "clause 9 (force majeure)",
        "Schedule 2",
    ),
    "amount": ("$48,200", "$126,500", "$310,000", "$1.2m", "$87,950", "$22,400", "$640,000", "$2.05m"),
    "ticket": ("INC-2291", "INC-2304", "INC-2317", "INC-2342", "INC-2388", "INC-2401", "PRB-118", "PRB-131"),
    "pct": ("99.2%", "98.7%", "99.61%", "97.9%", "99.05%", "96.4%"),
    "hours": ("3h 40m", "47 minutes", "6 hours", "just over 2 hours", "11 hours", "90 minutes"),
    "region": (
        "eu-west",
        "us-east",
        "the Rotterdam cluster",
        "the Newark POP",
        "the routing API",
        "the EDI gateway",
    ),
    "month": ("September", "October", "November", "December", "January"),
    "odate": ("14 October", "15 October", "2 November", "19 November", "3 December"),
}
# topic -> (senders, recipients, subjects, body sentences); names are ED_NORRVIK mailboxes, "gc" =
# the General Counsel, "oc" = outside counsel, "cf" = Castellan, "pr"/"insurer"/"auditor" third parties
ED_TOPICS = {
    "advice_request": (
        ("dbrandt", "praman", "tkessler", "jeklund", "swhitfield"),
        ("gc",),
        (
            "Question re Castellan - {clause}",
            "Need your view: service credits",
            "Privileged & Confidential - Castellan notice",
            "Can we push back on this?",
        ),
        (
            "Maria, can we rely on {clause} for the {odate} outage? Castellan is threatening to withhold the Q4 invoice.",
            "Greg Holloway called me again this morning and mentioned 'lawyers'. What can I say to him and what should I avoid?",
            "Before I reply to Castellan, do we have to offer service credits for {month} or is that only if they claim them in writing?",
            "Is the {amount} they are asking for capped under {clause}? I'd like to understand our exposure before the board call.",
            "Engineering says the root cause was a third-party DNS provider. Does that change our position under the MSA?",
            "Sending this for legal advice only - please don't forward.",
            "Could you look at the draft reply below before I send it? I don't want to admit anything we shouldn't.",
            "Do we need to preserve the Slack channel for the incident, or just the tickets?",
        ),
    ),
    "advice_reply": (
        ("mokafor",),
        ("dbrandt", "praman", "tkessler", "jeklund", "swhitfield", "lvogt"),
        (
            "RE: Question re Castellan - {clause}",
            "RE: Privileged & Confidential - Castellan notice",
            "Privileged - my view on the credits",
            "RE: Can we push back on this?",
        ),
        (
            "Privileged & confidential - attorney-client communication. Please do not forward.",
            "My view is that {clause} caps our liability at twelve months' fees, but Castellan will argue the cap does not apply to gross negligence.",
            "Please don't put anything in writing to Castellan about the root cause until Bramwell Stoke has reviewed the incident report.",
            "You can confirm receipt of their letter, but do not accept or deny the {amount} figure.",
            "Service credits are only owed if they claim them within 30 days under Schedule 3; we should not volunteer them.",
            "I've asked Helen Marsh at Bramwell Stoke to look at the force majeure point and will come back to you by Friday.",
            "Keep the incident Slack channel - a legal hold notice is going out this week.",
        ),
    ),
    "outside_counsel": (
        ("mokafor", "anoor", "oc"),
        ("oc", "mokafor"),
        (
            "Castellan - draft response to notice of breach",
            "Castellan v Norrvik - strategy call notes",
            "Privileged: expert on root cause",
            "Castellan - document collection status",
        ),
        (
            "Helen, attached is our draft response to Castellan's notice of breach with my comments in the margin.",
            "Notes from today's strategy call: we agreed to hold back the RCA until the expert has reviewed it.",
            "Prepared at the request of counsel in anticipation of litigation.",
            "Victor, collection is complete for eight custodians; Rita Gomes's laptop image is still outstanding.",
            "We think the strongest argument is the notice requirement in {clause}; the weakest is the {month} uptime figure of {pct}.",
            "Please treat the attached chronology as work product - it reflects our selection of the key events.",
            "Our exposure estimate ranges from {amount} to roughly twice that if the cap is set aside.",
        ),
    ),
    "legal_hold": (
        ("mokafor", "anoor"),
        ("all",),
        (
            "LEGAL HOLD NOTICE - Castellan Freight dispute",
            "Reminder: legal hold - do not delete",
            "Legal hold acknowledgement outstanding",
        ),
        (
            "You are receiving this notice because you may have documents relevant to a dispute with Castellan Freight.",
            "Effective immediately, do not delete, alter or discard any e-mails, chats, tickets, logs or files relating to Castellan or the RouteWise outages.",
            "This obligation overrides any routine deletion policy, including the 90-day Slack retention setting.",
            "Please confirm by reply that you have read and will comply with this notice.",
            "If you are unsure whether something is covered, keep it and ask Legal.",
            "This notice is a confidential communication from the Legal department.",
        ),
    ),
    "incident": (
        ("rgomes", "lvogt", "praman"),
        ("lvogt", "praman", "rgomes", "swhitfield"),
        (
            "{ticket} - routing API degraded",
            "Post-incident review {ticket}",
            "RCA draft for {odate}",
            "Status: {region} recovered",
        ),
        (
            "{ticket}: {region} was degraded for {hours}; 30% of route optimisation calls timed out.",
            "Root cause looks like the connection pool change we shipped on the 12th, not the DNS provider.",
            "We were aware of the memory leak since {month} but it was deprioritised behind the Q4 features.",
            "Castellan was the most affected tenant because their batch jobs run at 02:00 UTC.",
            "Action items: roll back the pool config, add an alert on queue depth, and review the failover runbook.",
            "Uptime for the month will land around {pct} once this is counted.",
            "Timeline attached. I'd rather we didn't share the internal RCA with customers as-is.",
            "Failover to the secondary region did not trigger because the health check was still green.",
        ),
    ),
    "sla": (
        ("swhitfield", "praman"),
        ("praman", "dbrandt", "tkessler", "cf"),
        (
            "{month} SLA report - RouteWise",
            "Service credit calculation {month}",
            "Uptime figures for QBR",
            "SLA report (revised)",
        ),
        (
            "Attached is the {month} SLA report. Measured availability was {pct} against the 99.5% commitment.",
            "By my calculation the service credit would be {amount} if Castellan claims it.",
            "The report excludes the maintenance window on the 4th, as allowed under Schedule 3.",
            "Two incidents ({ticket} and one P3) count towards the monthly figure.",
            "Can Finance confirm whether credits are netted against the next invoice or paid out?",
            "I've revised the figure after Engineering re-ran the monitoring export.",
        ),
    ),
    "customer_out": (
        ("swhitfield", "tkessler", "praman"),
        ("cf",),
        (
            "RE: RouteWise performance - urgent",
            "Outage on {odate} - update",
            "Remediation plan",
            "QBR follow-up",
        ),
        (
            "I'm sorry for the disruption on {odate}. The platform is stable now and we are completing a full review.",
            "Attached is the remediation plan we discussed, with dates for each workstream.",
            "Can you send us the job IDs that failed so we can trace them on our side?",
            "Our engineering lead can join a call on Thursday or Friday this week.",
            "We have added monitoring on {region} and will share weekly availability figures until the end of the quarter.",
            "We have received your letter and are reviewing it; we will respond in due course.",
        ),
    ),
    "customer_in": (
        ("cf",),
        ("swhitfield", "tkessler", "jeklund"),
        (
            "RouteWise performance - urgent",
            "RE: Outage on {odate} - update",
            "Invoice Q4 - on hold",
            "Notice of breach - MSA dated 12 March 2022",
        ),
        (
            "Our dispatch teams lost {hours} of routing. This is the third time this quarter and it is not acceptable.",
            "We are withholding payment of the Q4 invoice pending a credible remediation plan.",
            "Please treat this letter as formal notice of material breach under {clause} of the Master Services Agreement.",
            "We'd like to schedule a call with your engineering lead this week.",
            "Our drivers were sent on routes that ignored the road closures for most of the morning.",
            "We expect service credits for {month} in line with Schedule 3.",
        ),
    ),
    "sales": (
        ("tkessler", "dbrandt", "jeklund"),
        ("tkessler", "dbrandt", "jeklund", "praman"),
        (
            "Castellan renewal - pricing",
            "Pipeline review - Q1",
            "Discount approval request",
            "Castellan churn risk",
        ),
        (
            "Castellan's renewal is due in June; given the outages I'd offer a 15% discount to keep them.",
            "If Castellan walks, Q1 ARR drops by {amount}.",
            "Three other logistics accounts asked about the October outage on their QBRs.",
            "Approval needed for a {amount} credit note as a goodwill gesture - no admission of liability.",
            "I'll keep legal out of the renewal conversation unless they raise the notice.",
            "Updated pipeline attached; Castellan moved to 'at risk'.",
        ),
    ),
    "waiver_forward": (
        ("jeklund", "tkessler", "dbrandt"),
        ("pr", "insurer"),
        (
            "FW: Privileged - my view on the credits",
            "FW: Castellan - our position",
            "FYI - background for the statement",
            "Claim notification - Castellan",
        ),
        (
            "Jess, forwarding Maria's note below so you understand our position before drafting the statement.",
            "Paul, see our counsel's assessment below - please notify the carrier under the tech E&O policy.",
            "For background only - please don't quote any of this.",
            "Our lawyers think the cap in {clause} holds, which is why we're not worried about the {amount} figure.",
            "Can you draft a short holding statement in case the trade press picks this up?",
        ),
    ),
    "finance": (
        ("dbrandt",),
        ("jeklund", "mokafor", "praman"),
        (
            "Q4 close - Castellan reserve",
            "Board pack draft - disputes section",
            "Accrual for service credits",
        ),
        (
            "For the Q4 close I propose a reserve of {amount} for the Castellan dispute.",
            "Maria's advice is that the cap applies, so I've sized the reserve at the capped amount - Maria, please confirm.",
            "Revenue recognition on the Q4 invoice is paused until the dispute is resolved.",
            "The board pack will describe this as 'a customer dispute in its early stages' - no numbers.",
            "Service credits for {month} are accrued at {amount} regardless of whether they claim.",
        ),
    ),
    "auditor": (
        ("auditor", "dbrandt"),
        ("dbrandt", "auditor"),
        (
            "Year-end audit - litigation and claims",
            "RE: Legal letter request",
            "Contingencies - follow-up questions",
        ),
        (
            "As part of the year-end audit, please provide details of any pending or threatened litigation.",
            "We understand there is a dispute with Castellan Freight - what is management's estimate of the exposure?",
            "We are holding a reserve of {amount}; our legal team will send the formal response letter.",
            "Could you share the correspondence with Castellan since November?",
            "Please also confirm whether any service credits were issued in the period.",
        ),
    ),
    "routine": (
        ("bcarter", "praman", "lvogt", "swhitfield", "anoor", "tkessler"),
        ("all", "praman", "lvogt", "rgomes", "dbrandt"),
        (
            "Password expiry reminder",
            "Lunch Thursday?",
            "All-hands moved to 3pm",
            "Laptop refresh schedule",
            "Office closed Monday",
            "Re: parking permits",
            "Team offsite - dietary requirements",
        ),
        (
            "Your network password expires in 5 days. Please change it before then to avoid being locked out.",
            "Anyone up for lunch at the Thai place on Thursday?",
            "The all-hands has moved to 3pm because of the board meeting.",
            "Laptop refreshes for the ops team will happen in the week of the 20th; please back up local files.",
            "The office is closed on Monday for the public holiday.",
            "Parking permits for next quarter can be collected from reception.",
            "Please send dietary requirements for the offsite by Friday.",
            "The VPN client update is rolling out tonight; expect a restart prompt.",
        ),
    ),
    "newsletter": (
        ("news",),
        ("all",),
        (
            "Logistics Tech Weekly - issue 214",
            "Your webinar recording is ready",
            "Industry roundup: freight software in 2025",
            "Invitation: Supply Chain Summit",
        ),
        (
            "This week: route optimisation start-ups raise new funding, and what it means for carriers.",
            "Thanks for registering. The recording and slides are available for 30 days.",
            "Early-bird tickets for the Supply Chain Summit close on Friday.",
            "Read our interview with three CTOs on moving EDI integrations to APIs.",
            "You are receiving this because you subscribed. Unsubscribe at any time.",
        ),
    ),
}
ED_WEIGHTS = {
    "advice_request": 0.09,
    "advice_reply": 0.07,
    "outside_counsel": 0.07,
    "legal_hold": 0.03,
    "incident": 0.13,
    "sla": 0.07,
    "customer_out": 0.06,
    "customer_in": 0.05,
    "sales": 0.08,
    "waiver_forward": 0.025,
    "finance": 0.045,
    "auditor": 0.03,
    "routine": 0.17,
    "newsletter": 0.1,
}
ED_ATTACH = (
    "Castellan_notice_of_breach.pdf",
    "RCA_{ticket}_v2.docx",
    "SLA_report_{month}.xlsx",
    "draft_response_HM_comments.docx",
    "chronology_privileged.docx",
    "Q4_reserve_calc.xlsx",
    "remediation_plan.pdf",
    "board_pack_draft_v3.pptx",
    "image001.png",
)
ED_QUESTIONS = (
    "who is the attorney on this thread, if any?",
    "is this a forward to a third party?",
    "does the attachment name suggest legal advice?",
    "summarise this in two sentences",
    "which part would need redacting?",
    "is the legal advice the main purpose of this email or is it a business discussion?",
    "when was this sent relative to the notice of breach?",
    "why did you mark it hot?",
    "is there anything here about deleting documents?",
    "ok, so would you log it as ACP or WP?",
)
ED_LOG = (
    "Write a privilege log entry for this document. Give: date, author, recipients, document type, privilege "
    "asserted, and a description of at most 40 words that identifies the subject matter and the basis for the "
    "privilege without revealing the content of the advice.\n\nDocument ID: {doc}\n\n{email}"
)


def _ed_addr(rng: random.Random, who: str, exclude: str = "") -> tuple[str, str]:
    if who == "gc":
        return "Maria Okafor", "mokafor@norrvik.com"
    if who == "oc":
        n, a, _ = rng.choice(ED_OUTSIDE)
        return n, a
    if who == "cf":
        n, a, _ = rng.choice(ED_CASTELLAN)
        return n, a
    if who in ED_THIRD:
        n, a, _ = ED_THIRD[who]
        return n, a
    if who == "all":
        return "Norrvik - All Staff", "all-staff@norrvik.com"
    if who == "news":
        return "Logistics Tech Weekly", "newsletter@logisticstechweekly.com"
    for n, box, _ in ED_NORRVIK:
        if box == who:
            return n, f"{box}@norrvik.com"
    n, box, _ = rng.choice([p for p in ED_NORRVIK if p[1] != exclude])
    return n, f"{box}@norrvik.com"


def _ed_fill(rng: random.Random, text: str) -> str:
    for k, vals in ED_SLOTS.items():
        while "{" + k + "}" in text:
            text = text.replace("{" + k + "}", rng.choice(vals), 1)
    return text


def _ed_email(rng: random.Random, topic: str, when: str, reply_to: str | None = None) -> tuple[str, str, str]:
    senders, recips, subjects, body = ED_TOPICS[topic]
    s_box = rng.choice(senders)
    frm = _ed_addr(rng, s_box)
    to = [_ed_addr(rng, rng.choice(recips), s_box) for _ in range(rng.choice((1, 1, 1, 2)))]
    to = [x for x in dict.fromkeys(to) if x != frm] or [
        _ed_addr(rng, "praman" if s_box != "praman" else "lvogt")
    ]
    cc = []
    if rng.random() < 0.3:
        cc.append(_ed_addr(rng, rng.choice(("gc", "dbrandt", "praman", "anoor", "jeklund")), s_box))
    subj = _ed_fill(rng, rng.choice(subjects)) if reply_to is None else "RE: " + reply_to.removeprefix("RE: ")
    first = frm[0].split()[0]
    if topic in ("newsletter", "legal_hold"):
        greet = ""
    elif to[0][1].startswith("all-staff"):
        greet = rng.choice(("All,", "Hi all,", "Hi everyone,"))
    else:
        greet = rng.choice(("Hi {n},", "{n},", "Hello {n},", "")).format(n=to[0][0].split()[0])
    short = topic in ("routine", "newsletter")
    lines = rng.sample(body, min(len(body), rng.randint(1, 2) if short else rng.randint(2, 5)))
    text = "\n\n".join(x for x in [greet, " ".join(_ed_fill(rng, x) for x in lines)] if x)
    if topic not in ("newsletter",):
        title = next((t for n, b, t in ED_NORRVIK if n == frm[0]), "")
        text += f"\n\n{rng.choice(('Thanks,', 'Best,', 'Regards,', '-', 'Cheers,'))}\n{first}" + (
            f"\n{frm[0]} | {title} | Norrvik Systems Inc." if title and rng.random() < 0.6 else ""
        )
    head = f"From: {frm[0]} <{frm[1]}>\nTo: " + "; ".join(f"{n} <{a}>" for n, a in to)
    if cc:
        head += "\nCc: " + "; ".join(f"{n} <{a}>" for n, a in cc)
    head += f"\nDate: {when}\nSubject: {subj}"
    if rng.random() < 0.25:
        head += "\nAttachments: " + _ed_fill(rng, rng.choice(ED_ATTACH))
    return head + "\n\n" + text, frm[0], subj


def ediscovery_first_pass(night1: int = 1100, night2: int = 800, conc: int = 10) -> list[KeyTraffic]:
    rng = R("docketlens")
    kt = mk(
        "b12-docketlens-0",
        "ediscovery_first_pass",
        "benign",
        "app",
        client(rng, "openai-python", ED_SYSTEM),
        timing="simulated: two night batches from 23:00 UTC (10 workers), reviewers Wed/Thu 14:00-22:00 UTC, a log script Thu 19:00 UTC (3 workers)",
        sources=("+written e-mails",),
        settings={"night1": night1, "night2": night2, "conc": conc},
    )
    topics, weights = zip(*ED_WEIGHTS.items(), strict=True)
    docs = []
    for n in range(night1 + night2):
        topic = rng.choices(topics, weights)[0]
        day = ED_START + rng.randrange(150) * DAY + rng.uniform(7, 19.5) * HOUR
        when = datetime.fromtimestamp(day, UTC).strftime("%a, %d %b %Y %H:%M")
        prev = [d for d in docs[-150:] if d[1] == topic and topic not in ("newsletter", "legal_hold")]
        if prev and rng.random() < 0.3:  # a reply quoting an earlier message of the same topic
            old_doc = prev[-1]
            email, _, subj = _ed_email(rng, topic, when, old_doc[4])
            quoted = "\n".join("> " + ln for ln in old_doc[2].split("\n"))
            email += f"\n\n-----Original Message-----\n{quoted}"
        else:
            email, _, subj = _ed_email(rng, topic, when)
        doc_id = f"NRV-{rng.choice(('0001', '0002', '0003'))}{n + 10000:06d}"
        present = [nm for nm, _, _ in ED_NORRVIK if nm in email.split("\n\n", 1)[0]]
        cust = rng.choice(present) if present else rng.choice(ED_NORRVIK)[0]
        docs.append((doc_id, topic, email, cust, subj))
    p = {"temperature": 0, "seed": 11, "max_tokens": 400, "response_format": ED_FORMAT}
    for night, batch in ((0, docs[:night1]), (1, docs[night1:])):
        jobs = []
        for doc_id, _, email, cust, _ in batch:
            text = f"Document ID: {doc_id}\nCustodian: {cust}\nFile type: e-mail (.msg)\n\n{email}"
            reqs = [one(0, text, p, ED_SYSTEM, None, doc_id)]
            if rng.random() < 0.01:
                reqs.append(one(0, text, p, ED_SYSTEM, None, doc_id))
            jobs.append((None, reqs))
        kt.requests += run_jobs(
            rng, T0 + night * DAY + 23 * HOUR + rng.uniform(0, 300), jobs, conc, tokens=140
        )
    # QC: reviewers' questions on Wednesday and Thursday
    qc = rng.sample(docs, int(0.12 * len(docs)))
    for i, (doc_id, _, email, cust, _) in enumerate(qc):
        t = office_day(rng, T0 + (2 + i % 2) * DAY, 1, (14.0, 22.0))[0]
        turns = [f"Document ID: {doc_id}\nCustodian: {cust}\n\n{email}\n\n{rng.choice(ED_QUESTIONS)}"]
        if rng.random() < 0.4:
            turns.append(rng.choice(ED_QUESTIONS))
        ts = [t]
        for k in range(1, len(turns)):
            ts.append(ts[-1] + think(rng, 400, len(turns[k])))
        reviewer = f"rev-{rng.randint(1, 14):02d}"
        kt.requests += chat_requests(
            turns, [None] * len(turns), ts, {"temperature": 0.2, "user": reviewer}, ED_SYSTEM, doc_id
        )
    # privilege log for the documents the first pass would mark privileged
    priv = [
        d
        for d in docs
        if d[1]
        in ("advice_request", "advice_reply", "outside_counsel", "legal_hold", "finance", "waiver_forward")
    ]
    jobs = []
    for doc_id, _, email, _, _ in priv:
        jobs.append(
            (
                None,
                [
                    one(
                        0,
                        ED_LOG.format(doc=doc_id, email=email),
                        {"temperature": 0.2, "max_tokens": 250},
                        ED_SYSTEM,
                        None,
                        doc_id,
                    )
                ],
            )
        )
    kt.requests += run_jobs(rng, T0 + 3 * DAY + 19 * HOUR, jobs, 3, tokens=120)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 4. CV screening in an applicant-tracking system ("Talentwell", Berlin; one platform key
# for ~14 customer companies in Germany, Austria, the Netherlands and the UK). When a candidate
# applies, the Python backend (openai-python) sends the job's requirements and the CV text
# extracted from the PDF (names, e-mail, phone and address pseudonymised before sending; PDF
# artefacts such as page footers and broken bullets kept) with a fixed screening system prompt
# (assess only against stated requirements, ignore protected characteristics) and asks for a
# strict json_schema scorecard (T 0, max_tokens 900). Applications arrive day and night by
# Central European hour (evening peak), three days, CVs in English or German by the job's
# language (German jobs get 15% English CVs). In office hours (07:00-16:30 UTC) recruiters click
# "interview questions" for 20% of candidates (the scorecard quoted, T 0.7), "draft e-mail"
# (invitation or rejection, in the job's language, T 0.5) for 10%, and "compare" (three
# scorecards) a few times a day per busy job. CVs, jobs and recruiter texts are written here from
# banks per job family (software, data, warehouse, accounting, nursing, sales, customer service,
# project management); 30% of candidates apply outside their family. Stand-ins: the scorecard
# JSON (made here from the CV's family match) is the screening reply and is quoted by the
# recruiter calls; other replies are stubs.
TW_SYSTEM = (
    "You are the screening assistant of the Talentwell applicant-tracking system. Assess the candidate's CV "
    "strictly against the requirements stated in the job posting. Use only information in the CV; if something "
    "is not stated, mark it as unclear rather than assuming. Do not consider or infer age, gender, ethnicity, "
    "nationality, religion, disability, marital or family status, or photo, and do not comment on gaps in "
    "employment. Personal data has been pseudonymised. Write the summary in the language of the job posting. "
    "Return only JSON that matches the schema."
)
TW_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": [
        "must_haves",
        "nice_to_haves",
        "relevant_experience_years",
        "languages",
        "summary",
        "recommendation",
    ],
    "properties": {
        "must_haves": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["requirement", "met", "evidence"],
                "properties": {
                    "requirement": {"type": "string"},
                    "met": {"type": "string", "enum": ["yes", "partly", "no", "unclear"]},
                    "evidence": {"type": "string"},
                },
            },
        },
        "nice_to_haves": {"type": "array", "items": {"type": "string"}},
        "relevant_experience_years": {"type": "number"},
        "languages": {"type": "array", "items": {"type": "string"}},
        "summary": {"type": "string"},
        "recommendation": {"type": "string", "enum": ["strong_match", "match", "possible", "no_match"]},
    },
}
TW_FORMAT = {
    "type": "json_schema",
    "json_schema": {"name": "cv_scorecard", "strict": True, "schema": TW_SCHEMA},
}
TW_JOBS = (  # (job id, title, company, location, language, family, must-haves, nice-to-haves)
    ("J-2211", "Backend Engineer (Python)", "Fernfracht Digital GmbH", "Hamburg / hybrid", "en", "software",
     ("3+ years of professional Python development", "Experience with PostgreSQL", "REST API design", "English at C1 level"),
     ("Kubernetes", "Event-driven architectures (Kafka)", "German")),
    ("J-2214", "Softwareentwickler*in Java", "Alpenwerk Versicherung AG", "Innsbruck", "de", "software",
     ("Abgeschlossenes Informatikstudium oder vergleichbare Ausbildung", "Mindestens 3 Jahre Erfahrung mit Java und Spring", "Erfahrung mit relationalen Datenbanken", "Deutsch auf C1-Niveau"),
     ("Erfahrung in der Versicherungsbranche", "CI/CD mit GitLab")),
    ("J-2230", "Data Analyst", "Brightline Retail Ltd", "Manchester", "en", "data",
     ("Advanced SQL", "Experience with a BI tool (Power BI or Tableau)", "2+ years in an analytics role", "Clear written communication"),
     ("Python or R", "Retail or e-commerce experience")),
    ("J-2233", "Datenanalyst*in Controlling", "Stadtwerke Nordheide", "Buchholz", "de", "data",
     ("Studium der Wirtschaftswissenschaften, Statistik oder Informatik", "Sehr gute Excel- und SQL-Kenntnisse", "Erfahrung mit Power BI", "Deutsch fließend"),
     ("Kenntnisse in SAP", "Erfahrung in der Energiewirtschaft")),
    ("J-2240", "Schichtleiter*in Lager", "LogiPark Süd GmbH", "Augsburg", "de", "warehouse",
     ("Abgeschlossene Ausbildung als Fachkraft für Lagerlogistik", "Mindestens 2 Jahre Führungserfahrung", "Bereitschaft zur Schichtarbeit", "Staplerschein"),
     ("Erfahrung mit SAP EWM", "Kenntnisse in Lean-Methoden")),
    ("J-2244", "Warehouse Team Leader", "Northgate Fulfilment", "Leeds", "en", "warehouse",
     ("Experience leading a team of 10+ in a warehouse", "Knowledge of WMS systems", "Forklift licence", "Availability for rotating shifts"),
     ("Health and safety qualification (IOSH)", "Experience with KPIs and productivity reporting")),
    ("J-2251", "Finanzbuchhalter*in", "Kessler & Voss Steuerberatung", "Köln", "de", "accounting",
     ("Abgeschlossene kaufmännische Ausbildung mit Weiterbildung zum Bilanzbuchhalter", "Erfahrung mit DATEV", "Kenntnisse im HGB", "Sorgfältige Arbeitsweise"),
     ("Erfahrung mit Monats- und Jahresabschlüssen", "Englischkenntnisse")),
    ("J-2255", "Accounts Payable Specialist", "Van Leeuwen Foods B.V.", "Utrecht", "en", "accounting",
     ("2+ years in accounts payable", "Experience with SAP or Exact", "Fluent English", "Attention to detail"),
     ("Dutch", "Experience with invoice automation")),
    ("J-2260", "Pflegefachkraft (m/w/d) Intensivstation", "Klinikum am Rosengarten", "Mannheim", "de", "nursing",
     ("Examen als Pflegefachkraft oder Gesundheits- und Krankenpfleger*in", "Berufserfahrung in der Intensivpflege", "Bereitschaft zum Schichtdienst", "Deutsch mindestens B2"),
     ("Fachweiterbildung Intensiv- und Anästhesiepflege", "Praxisanleiter*in")),
    ("J-2270", "Account Executive DACH", "Cloudnest Software", "Berlin / remote", "en", "sales",
     ("3+ years of B2B SaaS sales", "Track record of meeting quota", "German and English at C1 level", "Experience with a CRM (Salesforce or HubSpot)"),
     ("Experience selling to logistics or manufacturing", "MEDDIC or similar methodology")),
    ("J-2273", "Außendienstmitarbeiter*in Medizintechnik", "Medivera GmbH", "Stuttgart", "de", "sales",
     ("Erfahrung im Vertrieb erklärungsbedürftiger Produkte", "Führerschein Klasse B", "Reisebereitschaft", "Verhandlungssicheres Deutsch"),
     ("Medizinische oder technische Ausbildung", "Bestehende Kontakte zu Kliniken")),
    ("J-2280", "Customer Service Advisor (German speaking)", "Sunway Travel Services", "Amsterdam", "en", "support",
     ("Native or near-native German", "Good English", "Customer service experience", "Comfortable with phone and chat support"),
     ("Travel industry experience", "Zendesk")),
    ("J-2290", "Projektmanager*in IT-Infrastruktur", "Rheintal IT Services GmbH", "Karlsruhe", "de", "pm",
     ("Mehrjährige Erfahrung in der Leitung von IT-Projekten", "Zertifizierung nach PRINCE2, PMP oder IPMA", "Kenntnisse in Netzwerk- und Serverinfrastruktur", "Deutsch C1"),
     ("Erfahrung mit agilen Methoden", "ITIL")),
    ("J-2294", "Project Manager, Digital Transformation", "Harbour Housing Association", "Bristol", "en", "pm",
     ("Experience delivering IT or digital projects end to end", "Stakeholder management", "Project management qualification (PRINCE2, APM or PMP)", "Budget management"),
     ("Public or housing sector experience", "Agile delivery")),
)  # fmt: skip
TW_FAMILY = {  # family -> (EN titles, DE titles, EN bullets, DE bullets, skills, EN degrees, DE degrees)
    "software": (
        ("Software Engineer", "Backend Developer", "Senior Python Developer", "Java Developer"),
        ("Softwareentwickler", "Backend-Entwicklerin", "Java-Entwickler", "Full-Stack-Entwickler"),
        (
            "Designed and maintained REST APIs in Python (FastAPI, Django) serving {n}k requests per day",
            "Migrated a monolith to services on Kubernetes, reducing deployment time from days to hours",
            "Wrote SQL migrations and tuned slow PostgreSQL queries",
            "Introduced automated tests and CI pipelines in GitLab",
            "Built Kafka consumers for order events",
            "Mentored two junior developers and ran code reviews",
            "Developed Spring Boot microservices for policy management",
        ),
        (
            "Entwicklung und Wartung von Microservices mit Java und Spring Boot",
            "Migration einer Altanwendung in die Cloud (AWS)",
            "Optimierung von SQL-Abfragen auf Oracle und PostgreSQL",
            "Einführung von automatisierten Tests und CI/CD mit GitLab",
            "Betreuung von zwei Werkstudierenden",
            "Umsetzung von REST-Schnittstellen für Partnerportale",
            "Mitarbeit in einem Scrum-Team mit zweiwöchigen Sprints",
        ),
        (
            "Python",
            "Java",
            "Spring Boot",
            "FastAPI",
            "PostgreSQL",
            "Docker",
            "Kubernetes",
            "Kafka",
            "Git",
            "AWS",
            "TypeScript",
            "Linux",
        ),
        ("BSc Computer Science", "MSc Software Engineering", "BEng Computer Systems"),
        (
            "B.Sc. Informatik",
            "M.Sc. Wirtschaftsinformatik",
            "Ausbildung Fachinformatiker Anwendungsentwicklung",
        ),
    ),
    "data": (
        ("Data Analyst", "BI Analyst", "Reporting Analyst", "Junior Data Scientist"),
        ("Datenanalystin", "BI-Analyst", "Controller", "Werkstudent Data Analytics"),
        (
            "Built Power BI dashboards for sales and stock used by {n} store managers",
            "Wrote SQL queries and dbt models on Snowflake",
            "Automated weekly reporting in Python, saving about 6 hours a week",
            "Ran A/B test analyses for the e-commerce team",
            "Cleaned and joined data from CRM and ERP exports",
            "Presented monthly KPI reviews to the leadership team",
        ),
        (
            "Aufbau von Power-BI-Berichten für das Controlling",
            "Erstellung von SQL-Abfragen und Datenmodellen",
            "Automatisierung des Monatsreportings mit Python",
            "Analyse von Absatz- und Kostendaten in SAP",
            "Plausibilisierung von Planzahlen mit den Fachabteilungen",
            "Dokumentation von Kennzahlendefinitionen",
        ),
        (
            "SQL",
            "Power BI",
            "Tableau",
            "Excel",
            "Python",
            "pandas",
            "dbt",
            "Snowflake",
            "R",
            "SAP BW",
            "Google Analytics",
        ),
        ("BSc Economics", "MSc Statistics", "BA Business Management"),
        ("B.Sc. Wirtschaftswissenschaften", "M.Sc. Statistik", "B.A. BWL mit Schwerpunkt Controlling"),
    ),
    "warehouse": (
        ("Warehouse Supervisor", "Shift Manager", "Team Leader Goods In", "Warehouse Operative"),
        (
            "Schichtleiter Lager",
            "Teamleiterin Wareneingang",
            "Fachkraft für Lagerlogistik",
            "Lagermitarbeiter",
        ),
        (
            "Led a shift of {n} operatives in goods in and picking",
            "Improved pick rate by 12% by reorganising pick paths",
            "Responsible for stock accuracy and cycle counts in the WMS",
            "Trained new starters on MHE and health and safety",
            "Managed rota planning and absence for the night shift",
            "Counterbalance and reach truck licences",
        ),
        (
            "Führung einer Schicht mit {n} Mitarbeitenden im Wareneingang",
            "Verantwortung für Inventur und Bestandsgenauigkeit im SAP EWM",
            "Einarbeitung neuer Mitarbeitender und Unterweisungen zur Arbeitssicherheit",
            "Erstellung von Schichtplänen",
            "Optimierung der Kommissionierwege",
            "Staplerschein vorhanden",
        ),
        ("WMS", "SAP EWM", "Forklift licence", "Excel", "Lean", "5S", "Rota planning", "Health and safety"),
        ("NVQ Level 3 Warehousing", "IOSH Managing Safely", "BTEC Business"),
        (
            "Ausbildung Fachkraft für Lagerlogistik",
            "Fachwirt für Logistiksysteme (IHK)",
            "Ausbildung Speditionskaufmann",
        ),
    ),
    "accounting": (
        ("Accounts Payable Clerk", "Assistant Accountant", "Bookkeeper", "Finance Assistant"),
        (
            "Finanzbuchhalterin",
            "Bilanzbuchhalter",
            "Sachbearbeiterin Kreditorenbuchhaltung",
            "Steuerfachangestellte",
        ),
        (
            "Processed around {n} supplier invoices a month in SAP",
            "Prepared payment runs and supplier reconciliations",
            "Supported month-end close and accruals",
            "Resolved supplier queries in English and Dutch",
            "Introduced an invoice scanning workflow",
            "Prepared VAT returns",
        ),
        (
            "Kontierung und Buchung laufender Geschäftsvorfälle in DATEV",
            "Mitwirkung bei Monats- und Jahresabschlüssen nach HGB",
            "Abstimmung von Kreditoren- und Debitorenkonten",
            "Vorbereitung der Umsatzsteuervoranmeldungen",
            "Ansprechpartnerin für Mandanten bei Buchhaltungsfragen",
            "Bearbeitung von ca. {n} Eingangsrechnungen pro Monat",
        ),
        ("SAP FI", "DATEV", "Exact", "Excel", "HGB", "VAT", "Reconciliations", "Xero"),
        ("AAT Level 4", "BSc Accounting and Finance", "ACCA (part-qualified)"),
        ("Ausbildung Steuerfachangestellte", "Geprüfter Bilanzbuchhalter (IHK)", "B.A. Accounting & Finance"),
    ),
    "nursing": (
        ("Staff Nurse", "ICU Nurse", "Registered Nurse", "Healthcare Assistant"),
        ("Gesundheits- und Krankenpflegerin", "Pflegefachkraft", "Intensivpfleger", "Pflegehelferin"),
        (
            "Cared for up to {n} patients per shift on an acute medical ward",
            "Two years on a 12-bed intensive care unit, including ventilated patients",
            "Administered medication and monitored vital signs",
            "Mentored nursing students on placement",
            "Worked rotating day and night shifts",
        ),
        (
            "Pflege von Patient*innen auf einer internistischen Intensivstation mit {n} Betten",
            "Betreuung beatmeter Patient*innen",
            "Medikamentengabe und Überwachung der Vitalparameter",
            "Praxisanleitung von Auszubildenden",
            "Tätigkeit im Drei-Schicht-System",
        ),
        ("ICU", "Ventilation", "Medication administration", "Wound care", "Patient documentation", "BLS/ALS"),
        ("BSc Nursing (Adult)", "Diploma in Nursing"),
        (
            "Examen Gesundheits- und Krankenpflege",
            "Fachweiterbildung Intensiv- und Anästhesiepflege",
            "Ausbildung Pflegefachfrau",
        ),
    ),
    "sales": (
        ("Account Executive", "Sales Manager", "Business Development Representative", "Key Account Manager"),
        (
            "Vertriebsmitarbeiter Außendienst",
            "Key Account Managerin",
            "Account Executive",
            "Vertriebsinnendienst",
        ),
        (
            "Closed new B2B SaaS business, reaching {n}% of annual quota",
            "Managed a pipeline of mid-market accounts in Salesforce",
            "Ran discovery calls and product demos for operations leaders",
            "Negotiated multi-year contracts with procurement teams",
            "Built relationships with manufacturing and logistics clients",
        ),
        (
            "Betreuung und Ausbau von Bestandskunden im Gebiet Baden-Württemberg",
            "Neukundengewinnung im Klinik- und Praxisumfeld",
            "Durchführung von Produktschulungen beim Kunden",
            "Erreichung von {n} % der Jahreszielvorgabe",
            "Pflege der Kundendaten in HubSpot",
        ),
        ("Salesforce", "HubSpot", "MEDDIC", "Negotiation", "Prospecting", "Presentations", "CRM"),
        ("BA Business Studies", "BSc Marketing"),
        ("B.A. International Business", "Ausbildung Industriekaufmann", "Medizinisch-technische Assistentin"),
    ),
    "support": (
        ("Customer Service Agent", "Support Specialist", "Customer Advisor", "Call Centre Agent"),
        ("Kundenberaterin", "Mitarbeiter Kundenservice", "Service-Agent", "Reiseverkehrskauffrau"),
        (
            "Handled around {n} customer contacts per day by phone, chat and e-mail",
            "Resolved booking changes and complaints for German-speaking customers",
            "Worked in Zendesk and Salesforce Service Cloud",
            "Kept customer satisfaction above 90%",
            "Trained new agents on the refund process",
        ),
        (
            "Bearbeitung von ca. {n} Kundenanfragen pro Tag per Telefon, Chat und E-Mail",
            "Beratung zu Buchungen, Umbuchungen und Reklamationen",
            "Arbeit mit Zendesk",
            "Einarbeitung neuer Kolleginnen",
        ),
        (
            "Zendesk",
            "Salesforce Service Cloud",
            "Phone support",
            "Chat support",
            "Complaint handling",
            "Touch typing",
        ),
        ("A-levels", "BA Tourism Management"),
        ("Abitur", "Ausbildung Tourismuskauffrau", "Ausbildung Kauffrau für Dialogmarketing"),
    ),
    "pm": (
        ("Project Manager", "IT Project Manager", "Programme Coordinator", "Delivery Manager"),
        ("IT-Projektleiter", "Projektmanagerin", "Teilprojektleiter Infrastruktur", "Scrum Master"),
        (
            "Delivered a {n}-site network refresh on time and within budget",
            "Managed budgets up to £1.5m and reported to the steering group",
            "Coordinated suppliers and internal IT teams",
            "Introduced agile ceremonies for the digital team",
            "Maintained RAID logs and project plans in MS Project",
        ),
        (
            "Leitung von Infrastrukturprojekten (Rechenzentrumsumzug, Netzwerkerneuerung an {n} Standorten)",
            "Budgetverantwortung bis 1,2 Mio. EUR",
            "Steuerung externer Dienstleister",
            "Einführung von Scrum im Team",
            "Berichterstattung an den Lenkungsausschuss",
        ),
        ("PRINCE2", "PMP", "MS Project", "Jira", "Stakeholder management", "Budgeting", "ITIL", "Scrum"),
        ("PRINCE2 Practitioner", "BSc Information Systems", "APM PMQ"),
        ("PRINCE2 Foundation", "Diplom-Ingenieur Elektrotechnik", "B.Sc. Wirtschaftsinformatik"),
    ),
}
TW_EMPLOYERS = {
    "software": (
        "Helix Systems",
        "Pixelhaus Agentur",
        "Alpenblick Software GmbH",
        "Northwind Payments",
        "Datenwerk AG",
    ),
    "data": (
        "Atlas Retail Group",
        "Stadtwerke Elbtal",
        "Oakridge Foods Ltd",
        "Marktplatz24 GmbH",
        "Helix Systems",
    ),
    "warehouse": (
        "Meridian Logistics",
        "Rhein-Main Versand GmbH",
        "Quantum Parcel",
        "Atlas Retail Group",
        "Nordlager Spedition",
    ),
    "accounting": (
        "Fischer & Partner",
        "Lindqvist Trading B.V.",
        "Weber Elektronik",
        "Oakridge Foods Ltd",
        "Kanzlei Brandt & Roth",
    ),
    "nursing": (
        "Klinikum Nordstadt",
        "Castor Health NHS Trust",
        "St. Elisabeth Krankenhaus",
        "Universitätsklinikum Westfalen",
    ),
    "sales": (
        "Helix Systems",
        "Grünwald Maschinenbau GmbH",
        "Medisan Vertrieb GmbH",
        "Cloudpoint SaaS",
        "Weber Elektronik",
    ),
    "support": (
        "BlueRiver Travel",
        "Sonnenreisen GmbH",
        "Telekontakt Service GmbH",
        "Quantum Parcel",
        "Northwind Payments",
    ),
    "pm": (
        "Rhein-Neckar IT GmbH",
        "Helix Systems",
        "Stadtwerke Elbtal",
        "Castor Health NHS Trust",
        "Datenwerk AG",
    ),
}
TW_N = {
    "software": (20, 50, 120, 300),
    "data": (12, 25, 40, 60),
    "warehouse": (8, 12, 15, 22, 30),
    "accounting": (300, 450, 600, 900),
    "nursing": (6, 8, 10, 12),
    "sales": (95, 104, 112, 121, 130),
    "support": (40, 60, 70, 85),
    "pm": (3, 5, 8, 12),
}
TW_SUMMARY_EN = (
    "{title} with {y} years of experience in {field}. Looking for a role where I can take on more responsibility.",
    "Reliable and organised {title_l} with {y} years' experience. Strong communicator, used to working under pressure.",
    "Experienced {title_l} ({y} years) with a focus on {field}. Keen to move into {target}.",
)
TW_SUMMARY_DE = (
    "{title} mit {y} Jahren Berufserfahrung im Bereich {field}. Ich suche eine neue Herausforderung mit mehr Verantwortung.",
    "Engagierte und strukturierte Fachkraft ({title}) mit {y} Jahren Erfahrung. Teamfähig und belastbar.",
    "{title} mit Schwerpunkt {field} und {y} Jahren Erfahrung, interessiert an einer Position als {target}.",
)
TW_FIELD = {
    "software": ("backend development", "Softwareentwicklung"),
    "data": ("reporting and analytics", "Datenanalyse"),
    "warehouse": ("warehouse operations", "Lagerlogistik"),
    "accounting": ("accounts payable and bookkeeping", "Finanzbuchhaltung"),
    "nursing": ("acute and intensive care", "Intensivpflege"),
    "sales": ("B2B sales", "Vertrieb"),
    "support": ("customer service", "Kundenservice"),
    "pm": ("IT infrastructure projects", "IT-Projektmanagement"),
}
TW_LANGS_EN = (
    "German (native), English (C1)",
    "English (native), German (B1)",
    "English (fluent), Dutch (native), German (B2)",
    "German (native), English (B2), Turkish (native)",
    "Polish (native), English (C1), German (B2)",
    "English (native)",
)
TW_LANGS_DE = (
    "Deutsch (Muttersprache), Englisch (fließend)",
    "Deutsch (C1), Englisch (B2), Russisch (Muttersprache)",
    "Deutsch (Muttersprache), Englisch (Grundkenntnisse)",
    "Deutsch (Muttersprache), Englisch (verhandlungssicher), Französisch (B1)",
    "Deutsch (B2), Arabisch (Muttersprache), Englisch (C1)",
)
TW_QUESTIONS = (
    "Suggest 8 structured interview questions for this candidate for the role {title}. Focus on the requirements "
    "marked partly, no or unclear in the scorecard, and for each question say what a strong answer would cover.\n\n"
    "Scorecard:\n{card}"
)
TW_QUESTIONS_DE = (
    "Schlage 8 strukturierte Interviewfragen für diese*n Kandidat*in für die Stelle {title} vor. Konzentriere dich auf "
    "die Anforderungen, die in der Bewertung als teilweise, nein oder unklar markiert sind, und beschreibe jeweils, was "
    "eine starke Antwort enthalten sollte.\n\nBewertung:\n{card}"
)
TW_MAIL = {
    (
        "en",
        "invite",
    ): "Draft a short, friendly e-mail inviting [CANDIDATE_NAME] to a 45-minute video interview for the {title} role at {company}. Offer two slots next week: {slots}. Sign as {recruiter}, Talent Acquisition.",
    (
        "en",
        "reject",
    ): "Draft a polite rejection e-mail to [CANDIDATE_NAME] for the {title} role at {company}. Thank them, don't give specific reasons, and mention we'll keep their CV for 6 months if they agree. Sign as {recruiter}.",
    (
        "de",
        "invite",
    ): "Formuliere eine kurze, freundliche E-Mail an [CANDIDATE_NAME] mit einer Einladung zu einem 45-minütigen Videointerview für die Stelle {title} bei {company}. Biete zwei Termine an: {slots}. Unterschrift: {recruiter}, Recruiting. Bitte Sie-Form.",
    (
        "de",
        "reject",
    ): "Formuliere eine höfliche Absage an [CANDIDATE_NAME] für die Stelle {title} bei {company}. Bedanke dich für die Bewerbung, nenne keine konkreten Gründe und frage, ob wir die Unterlagen 6 Monate aufbewahren dürfen. Unterschrift: {recruiter}. Sie-Form.",
}
TW_COMPARE = (
    "Compare these three shortlisted candidates for {title} ({company}) based only on their scorecards. Give a "
    "short table of the must-have requirements, then two sentences per candidate on strengths and open questions. "
    "Do not rank them by anything that is not in the scorecards.\n\n{cards}"
)
TW_RECRUITERS = (
    "Jana Hoffmann",
    "Lukas Meyer",
    "Sophie Clarke",
    "Emre Yilmaz",
    "Anouk de Vries",
    "Katrin Bauer",
    "Tom Ellis",
)
# applications by Central European hour (UTC+1)
TW_CURVE = (
    0.3,
    0.2,
    0.1,
    0.05,
    0.05,
    0.1,
    0.3,
    0.6,
    0.9,
    1.0,
    1.0,
    1.0,
    1.1,
    1.0,
    1.0,
    1.0,
    1.0,
    1.1,
    1.3,
    1.6,
    1.8,
    1.7,
    1.2,
    0.6,
)


def _tw_dates(rng: random.Random, k: int, de: bool) -> list[str]:
    """k job periods, the most recent first, each 14-60 months, with short gaps between them."""
    out, end_m = [], 2025 * 12 + rng.randint(0, 11)
    for j in range(k):
        start_m = end_m - rng.randint(14, 60)
        stop = ("heute" if de else "present") if j == 0 else f"{end_m % 12 + 1:02d}/{end_m // 12}"
        out.append(f"{start_m % 12 + 1:02d}/{start_m // 12} – {stop}")
        end_m = start_m - rng.choice((0, 0, 1, 2, 3))
    return out


def _tw_cv(rng: random.Random, fam: str, de: bool) -> tuple[str, float]:
    en_t, de_t, en_b, de_b, skills, en_d, de_d = TW_FAMILY[fam]
    titles, bullets = (de_t, de_b) if de else (en_t, en_b)
    jobs = rng.randint(1, 4)
    dates = _tw_dates(rng, jobs, de)
    years = round(jobs * rng.uniform(1.2, 4.0), 1)
    title = rng.choice(titles)
    target = rng.choice(titles)
    summ = rng.choice(TW_SUMMARY_DE if de else TW_SUMMARY_EN).format(
        title=title, title_l=title.lower(), y=int(years), field=TW_FIELD[fam][1 if de else 0], target=target
    )
    bul = rng.choice(("•", "-", "", "●"))
    lines = [
        "LEBENSLAUF" if de and rng.random() < 0.6 else "",
        "[CANDIDATE_NAME]",
        "[CITY] · [EMAIL] · [PHONE]",
        "",
    ]
    lines += ["Profil" if de else "PROFILE", summ, ""]
    lines.append("Berufserfahrung" if de else "EXPERIENCE")
    for j in range(jobs):
        t = title if j == 0 else rng.choice(titles)
        emp = rng.choice(TW_EMPLOYERS[fam])
        lines.append(f"{dates[j]}  {t}, {emp}" if de else f"{t} — {emp}\n{dates[j]}")
        for b in rng.sample(bullets, min(len(bullets), rng.randint(2, 4))):
            lines.append(f"{bul} {b.replace('{n}', str(rng.choice(TW_N[fam])))}".strip())
        lines.append("")
    lines.append("Ausbildung" if de else "EDUCATION")
    lines.append(f"{rng.choice(de_d if de else en_d)}, {rng.randint(2004, 2021)}")
    lines += [
        "",
        "Kenntnisse" if de else "SKILLS",
        ", ".join(rng.sample(skills, min(len(skills), rng.randint(4, 8)))),
    ]
    lines += ["", "Sprachen" if de else "LANGUAGES", rng.choice(TW_LANGS_DE if de else TW_LANGS_EN)]
    text = "\n".join(x for x in lines if x is not None).strip()
    if rng.random() < 0.5:  # the PDF's page footer lands mid-text
        parts = text.split("\n")
        k = len(parts) // 2
        parts.insert(k, "Seite 1 von 2" if de else "Page 1 of 2")
        text = "\n".join(parts)
    return text, years


def _tw_card(rng: random.Random, job: tuple, match: bool, years: float) -> str:
    _, _, _, _, lang, _, must, nice = job
    levels = ("yes", "yes", "yes", "partly", "unclear") if match else ("no", "no", "partly", "unclear", "yes")
    rows = [{"requirement": m, "met": rng.choice(levels), "evidence": "..."} for m in must]
    met = sum(r["met"] == "yes" for r in rows)
    rec = (
        "strong_match"
        if met == len(rows)
        else "match"
        if met >= len(rows) - 1
        else "possible"
        if met >= 2
        else "no_match"
    )
    summary = (
        f"Der/die Kandidat*in erfüllt {met} von {len(rows)} Muss-Anforderungen."
        if lang == "de"
        else f"The candidate meets {met} of {len(rows)} must-have requirements."
    )
    return json_reply(
        {
            "must_haves": rows,
            "nice_to_haves": list(nice[:1]) if match else [],
            "relevant_experience_years": years if match else 0,
            "languages": [],
            "summary": summary,
            "recommendation": rec,
        }
    )


def cv_screening_ats(per_day: int = 390, days: int = 3) -> list[KeyTraffic]:
    rng = R("talentwell")
    kt = mk(
        "b12-talentwell-0",
        "cv_screening_ats",
        "benign",
        "app",
        client(rng, "openai-python", TW_SYSTEM),
        timing="simulated: applications by Central European hour (UTC+1, evening peak), recruiters' office hours 07:00-16:30 UTC, Mon-Wed",
        sources=("+written CVs and jobs",),
        settings={"per_day": per_day, "days": days},
    )
    weights = [3, 2, 2, 1, 1.5, 2, 1.5, 1, 1.2, 2, 1, 1.5, 1, 1.2]
    arrivals = shaped(rng, T0, T0 + days * DAY, per_day, TW_CURVE, 1.0)
    by_job: dict[str, list[str]] = {}
    ps = {"temperature": 0, "max_tokens": 900, "response_format": TW_FORMAT}
    for t in arrivals:
        job = rng.choices(TW_JOBS, weights)[0]
        jid, title, company, loc, lang, fam, must, nice = job
        match = rng.random() < 0.7
        cfam = fam if match else rng.choice([f for f in TW_FAMILY if f != fam])
        de = (lang == "de" and rng.random() < 0.85) or (lang == "en" and rng.random() < 0.1)
        cv, years = _tw_cv(rng, cfam, de)
        req_txt = "\n".join(f"{i + 1}. {m}" for i, m in enumerate(must))
        nice_txt = "\n".join(f"- {m}" for m in nice)
        head = "STELLE" if lang == "de" else "JOB"
        text = (
            f"{head}\nID: {jid}\nTitle: {title}\nCompany: {company}\nLocation: {loc}\nMust-have requirements:\n{req_txt}\n"
            f"Nice to have:\n{nice_txt}\n\nCV (extracted from PDF, pseudonymised)\n---\n{cv}\n---"
        )
        app_id = f"APP-{rng.getrandbits(32):08x}"
        card = _tw_card(rng, job, match, years)
        kt.requests.append(one(t, text, {**ps, "user": app_id}, TW_SYSTEM, card, app_id))
        by_job.setdefault(jid, []).append(card)
        # recruiter actions on a later office day
        day = int((t - T0) // DAY)
        if rng.random() < 0.2 and day < days:
            t_r = office_day(rng, T0 + day * DAY, 1, (7.0, 16.5))[0]
            if t_r < t:
                t_r = office_day(rng, T0 + (day + 1) * DAY, 1, (7.0, 16.5))[0]
            rec = rng.choice(TW_RECRUITERS)
            q = (TW_QUESTIONS_DE if lang == "de" else TW_QUESTIONS).format(title=title, card=card)
            kt.requests.append(
                one(
                    t_r,
                    q,
                    {"temperature": 0.7, "max_tokens": 1200, "user": f"tw-{rec.split()[0].lower()}"},
                    TW_SYSTEM,
                    None,
                    app_id,
                )
            )
        if rng.random() < 0.1:
            t_r = office_day(rng, T0 + (day + 1) * DAY, 1, (7.0, 16.5))[0]
            rec = rng.choice(TW_RECRUITERS)
            kind = "invite" if match and rng.random() < 0.6 else "reject"
            slots = rng.choice(
                (
                    "Tue 10:00 or Thu 14:30",
                    "Mon 09:30 or Wed 15:00",
                    "Di. 10:00 oder Do. 14:30 Uhr",
                    "Mo. 9:30 oder Mi. 15:00 Uhr",
                )
            )
            m = TW_MAIL[(lang, kind)].format(title=title, company=company, slots=slots, recruiter=rec)
            kt.requests.append(
                one(
                    t_r,
                    m,
                    {"temperature": 0.5, "max_tokens": 500, "user": f"tw-{rec.split()[0].lower()}"},
                    TW_SYSTEM,
                    None,
                    app_id,
                )
            )
    for d in range(days):
        for job in TW_JOBS:
            cards = by_job.get(job[0], [])
            if len(cards) >= 12 and rng.random() < 0.5:
                t_r = office_day(rng, T0 + d * DAY, 1, (8.0, 16.0))[0]
                pick = rng.sample(cards, 3)
                body = "\n\n".join(f"Candidate {c}:\n{x}" for c, x in zip("ABC", pick, strict=True))
                kt.requests.append(
                    one(
                        t_r,
                        TW_COMPARE.format(title=job[1], company=job[2], cards=body),
                        {"temperature": 0.3, "max_tokens": 1200},
                        TW_SYSTEM,
                        None,
                        job[0],
                    )
                )
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 5. After-call notes in a contact centre ("Brightwave Fibre", a US internet provider whose
# customer care is run by an outsourcer; the agent desktop's "WrapUp" feature, a Java service
# with okhttp, `user` = agent id). When a call ends, its speech-to-text transcript (speaker
# labels, [mm:ss] stamps, lower case, fillers, [inaudible], numbers as digits) goes to the model
# with a fixed after-call-work system prompt and asks for JSON (reason code from an 18-code list,
# sub-reason, a 60-word summary without card or SSN digits, actions, resolution, follow-up,
# sentiment at start and end, verification and recording disclosure; T 0.2, max_tokens 450). 2% of
# agents press "regenerate" (the same request again) and team leads audit 4% of calls with a QA
# scorecard prompt (12 criteria, T 0). Calls follow the US customers' day (08:00-22:00 local in
# Eastern, Central and Pacific time, two weekdays, ~1,300 calls a day). Transcripts are written
# here from call-flow banks per reason (no real call data exists in ../shared/traffic): greeting,
# verification, 3-7 exchanges of the reason's script with slots (speeds, amounts, dates, outage
# areas, modem models), an optional hold, closing. Replies: stubs.
CC_REASONS = {  # code -> (customer openings, agent probes, customer details, agent actions, resolutions)
    "NO_SERVICE": (
        (
            "my internet's been down since {when}",
            "yeah hi none of my devices can connect the light on the box is red",
            "we have no internet at all and i work from home",
        ),
        (
            "okay i'm sorry to hear that can you tell me what lights you see on the modem",
            "have you tried unplugging the modem for thirty seconds",
            "is it all devices or just one",
        ),
        (
            "the {light} light is blinking {color}",
            "yeah i restarted it twice already",
            "everything the tv the laptops my phone on wifi",
        ),
        (
            "i'm sending a refresh signal to your {modem} now it'll take about two minutes",
            "i can see there's an outage in your area affecting about {n} customers",
            "i'm running a line test from here",
        ),
        (
            "the estimated restore time is {time} and i've added a credit for the day",
            "the line test failed so i'm booking a technician for {day} between {window}",
            "okay the modem is back online can you check your laptop",
        ),
    ),
    "SLOW_SPEED": (
        (
            "i'm paying for {speed} and i'm getting like {low}",
            "the internet's really slow in the evenings",
            "my speeds are terrible since last week",
        ),
        (
            "are you testing over wifi or with a cable",
            "how many devices are on the network right now",
            "which speed test are you using",
        ),
        (
            "wifi upstairs it's the worst in the kids rooms",
            "it's like twenty devices with everything",
            "the one on your website it says {low}",
        ),
        (
            "your plan is {speed} and at the modem i'm seeing {speed2} so the line itself is fine",
            "your {modem} is an older model that tops out around {low2}",
            "i'm changing your wifi channel remotely",
        ),
        (
            "i can send you a mesh extender for {price} a month",
            "i'll send a free modem upgrade it ships in two days",
            "try a wired test tonight and call us back if it's still slow",
        ),
    ),
    "BILLING_DISPUTE": (
        (
            "my bill went up by {amount} and nobody told me",
            "there's a charge on my bill i don't recognise",
            "i was charged twice this month",
        ),
        (
            "let me pull up your statement which charge are you looking at",
            "i see a {charge} charge of {amount} on the {date} statement",
        ),
        (
            "i never ordered that",
            "the promo was supposed to last twelve months",
            "i paid on the {date} it should show",
        ),
        (
            "i can see the promotional rate ended last cycle",
            "the duplicate payment was reversed but it takes three to five business days",
            "that charge was for the equipment rental",
        ),
        (
            "i've applied a one time credit of {amount}",
            "i've removed the charge and you'll see it on the next bill",
            "i'm escalating this to billing disputes and they'll call you within 48 hours",
        ),
    ),
    "CANCEL": (
        (
            "i want to cancel my service",
            "i'm moving to {competitor} they're cheaper",
            "yeah i need to cancel please",
        ),
        (
            "i'm sorry to hear that may i ask the reason",
            "before i process that can i check if there's an offer on your account",
        ),
        ("the price keeps going up", "we're moving in with my parents", "the service has been unreliable"),
        (
            "i can offer {speed} for {price} a month for twelve months",
            "there's an early termination fee of {amount} if you cancel before {date}",
        ),
        ("okay i'll take the offer", "no i still want to cancel", "i'll think about it and call back"),
    ),
    "MOVE": (
        (
            "we're moving next month can i take the internet with me",
            "i need to transfer my service to a new address",
        ),
        ("what's the new address", "what date do you need service at the new place"),
        ("it's {street} apartment {apt}", "we get the keys on the {date}"),
        (
            "good news brightwave is available at that address",
            "i'm scheduling the install for {day} between {window}",
        ),
        (
            "the old service will end the day after the install",
            "you'll get a confirmation text with the details",
        ),
    ),
    "UPGRADE": (
        ("i'd like to upgrade my plan", "what faster plans do you have", "i want the gig plan"),
        ("you're on {speed} right now", "the next tier is {speed2} for {price} a month"),
        ("does it need a new modem", "is there a contract"),
        ("your {modem} supports it so no new equipment is needed", "there's no contract it's month to month"),
        (
            "the upgrade will be active within an hour",
            "i've scheduled the upgrade for your next billing cycle",
        ),
    ),
    "EQUIPMENT_RETURN": (
        (
            "i need to return my modem",
            "how do i send back the equipment",
            "i got a box to return the router but no label",
        ),
        ("did you cancel or swap the equipment", "i can email you a prepaid label"),
        ("i cancelled last week", "the old modem after the upgrade"),
        (
            "i've emailed a prepaid ups label to the address on file",
            "you can also drop it at any brightwave store",
        ),
        ("once it's scanned the {amount} charge will come off", "you have thirty days to return it"),
    ),
    "APPOINTMENT": (
        (
            "i need to reschedule my technician appointment",
            "the technician never showed up today",
            "can i move my install to saturday",
        ),
        ("let me find the appointment it's for {day} between {window}",),
        ("i have to work that day", "i waited in all day"),
        (
            "i'm so sorry about that i've flagged it with dispatch",
            "the next available is {day2} between {window}",
        ),
        (
            "i've rebooked it and added a {amount} credit for the missed visit",
            "you'll get a text the morning of the visit",
        ),
    ),
    "OUTAGE": (
        (
            "is there an outage in {area}",
            "my neighbours have no internet either",
            "is something going on in my area",
        ),
        ("let me check the network status for your zip code",),
        ("it's been out for like {hours} hours", "we saw a truck outside earlier"),
        ("yes there's a known outage in {area} caused by a fibre cut", "crews are on site"),
        (
            "the current estimate is {time} and you'll get a text when it's fixed",
            "i've added a credit for the outage to your account",
        ),
    ),
    "PAYMENT_ARRANGEMENT": (
        (
            "i can't pay my full bill this month",
            "can i get an extension on my payment",
            "i lost my job and i'm behind on the bill",
        ),
        ("i understand let me see what options we have", "your balance is {amount} due on the {date}"),
        ("can i pay half now and half on the fifteenth", "i get paid on friday"),
        ("i can set up a payment arrangement for two payments", "i've put a hold on any late fees"),
        (
            "the first payment of {amount2} is due {date}",
            "service won't be interrupted as long as the arrangement is kept",
        ),
    ),
    "EMAIL_LOGIN": (
        ("i can't log into my brightwave email", "my account is locked", "i forgot my password for the app"),
        ("i can send a reset link to the mobile number on file",),
        ("i don't have that number anymore", "okay i got the text"),
        (
            "i've updated the number and sent the link",
            "the account was locked after five attempts i've unlocked it",
        ),
        ("you should be able to log in now", "it can take fifteen minutes to sync to the app"),
    ),
    "NEW_INSTALL": (
        ("i want to sign up for internet", "do you have service at my address", "how much is the fibre plan"),
        (
            "can i have the address you'd like service at",
            "we have {speed} for {price} a month and {speed2} for more",
        ),
        ("it's {street}", "i'll take the {speed} one"),
        ("i've set up the order and a credit check is a soft check", "the install is {day} between {window}"),
        ("there's a one time install fee of {amount} which i've waived", "you'll get an email confirmation"),
    ),
    "WIFI": (
        (
            "my wifi keeps dropping",
            "i can't connect my new printer to the wifi",
            "how do i change my wifi password",
        ),
        ("do you have the brightwave app", "is the drop on all devices"),
        ("it's just the upstairs", "it says incorrect password but i typed it right"),
        (
            "i'm walking you through changing the password in the app",
            "i've split the 2.4 and 5 gigahertz bands so the printer can see it",
        ),
        ("okay it's connected now", "if it keeps dropping we can send an extender"),
    ),
    "PROMO_EXPIRED": (
        ("my price went up {amount} this month", "why is my bill higher my promo can't be over"),
        ("i see your twelve month promotion ended on the {date}",),
        ("nobody told me it would end", "can you put me back on the promo"),
        (
            "i can't extend the old promo but i can offer {price} for another twelve months",
            "i've applied a loyalty discount of {amount}",
        ),
        ("okay that works", "that's still more than before but fine"),
    ),
    "TV": (
        ("some channels are missing", "my tv box says no signal", "i can't get {channel}"),
        ("is it all channels or just some", "i'm going to send a hit to the box"),
        ("just the sports ones", "the box is showing error {code}"),
        (
            "{channel} is part of the sports pack which isn't on your plan",
            "i've refreshed the box it'll reboot",
        ),
        ("i added the sports pack for {price} a month", "the channels should come back in ten minutes"),
    ),
    "AUTOPAY": (
        ("i want to set up autopay", "can i change the card for autopay", "autopay didn't go through"),
        ("i can do that but i can't take card numbers over the phone i'll send a secure link",),
        ("okay send it", "i already did it in the app and it failed"),
        ("the link is on its way by text", "the card on file expired that's why it failed"),
        (
            "autopay is set up and you'll get a {amount} discount",
            "your next payment will go through on the {date}",
        ),
    ),
    "TECH_NO_SHOW": (
        ("the tech didn't show up", "i took the day off for the technician and nobody came"),
        ("i'm really sorry let me check the ticket",),
        ("i waited from eight to twelve", "nobody called me"),
        (
            "it looks like the job was reassigned and you weren't notified",
            "i've escalated it to the dispatch supervisor",
        ),
        (
            "i've booked the first slot tomorrow {window} and added a {amount} credit",
            "a supervisor will call you back today",
        ),
    ),
    "OTHER": (
        (
            "i have a question about my account",
            "can you tell me when my contract ends",
            "i need a copy of my bill for my taxes",
        ),
        ("sure let me look that up",),
        ("just the last twelve months", "for my employer reimbursement"),
        (
            "you don't have a contract it's month to month",
            "i've emailed the statements to the address on file",
        ),
        ("is there anything else", "you can also download them in the app"),
    ),
}
CC_SLOTS = {
    "when": ("this morning", "last night", "about an hour ago", "yesterday afternoon", "saturday"),
    "light": ("internet", "online", "power", "wan", "status"),
    "color": ("orange", "red", "white", "amber"),
    "modem": ("bw 3200 gateway", "arris sb8200", "bw 5100 router", "netgear cm1000", "eero pro"),
    "n": ("340", "1200", "85", "2300", "610"),
    "time": ("6 pm today", "tomorrow morning", "about 4 hours", "11 pm tonight"),
    "day": ("tomorrow", "thursday", "friday", "monday", "saturday"),
    "day2": ("friday", "next tuesday", "saturday", "wednesday"),
    "window": ("8 and 12", "12 and 4", "1 and 5", "8 and 10"),
    "speed": ("300 meg", "500 meg", "1 gig", "200 meg"),
    "speed2": ("940 meg", "1 gig", "2 gig", "500 meg"),
    "low": ("20 meg", "maybe 35", "like 8 meg", "50"),
    "low2": ("300 meg", "350 meg"),
    "price": ("$49.99", "$65", "$10", "$79.99", "$5"),
    "amount": ("$15", "$20", "$35.99", "$120", "$200", "$12.50"),
    "amount2": ("$60", "$85", "$45.50"),
    "charge": ("equipment rental", "late fee", "installation", "service call", "pay per view"),
    "date": ("3rd", "12th", "15th", "20th", "28th", "1st"),
    "competitor": ("spectrum", "t-mobile home internet", "verizon", "at&t fiber", "starlink"),
    "street": ("4415 maple ridge drive", "22 west elm street", "1808 harbor view road", "310 oak lane"),
    "apt": ("2b", "114", "7", "3c"),
    "area": ("north hills", "the 75080 area", "riverside", "east lake", "downtown"),
    "hours": ("three", "five", "two", "six"),
    "channel": ("espn", "the nfl network", "hbo", "fox sports"),
    "code": ("s0600", "e-110", "3009"),
}
CC_FILLERS = ("um ", "uh ", "like ", "you know ", "so ", "okay so ", "")
CC_AGENTS = (
    "mark",
    "joy",
    "anne",
    "jerome",
    "kristine",
    "paolo",
    "liza",
    "ramon",
    "grace",
    "daniel",
    "april",
    "kevin",
)
CC_CODES = tuple(CC_REASONS)
CC_WEIGHTS = (
    0.13,
    0.12,
    0.12,
    0.07,
    0.05,
    0.05,
    0.04,
    0.06,
    0.07,
    0.04,
    0.04,
    0.05,
    0.07,
    0.04,
    0.03,
    0.03,
    0.02,
    0.03,
)
CC_SYSTEM = (
    "You write after-call work (ACW) notes for Brightwave Fibre customer care agents. You receive an automatic "
    "transcript of a finished call; it may contain recognition errors. Record only what happened on the call. "
    "Never include full account numbers, card numbers, Social Security digits, PINs or passwords in any field. "
    "Use neutral, factual language. Return only a JSON object."
)
CC_PROMPT = (
    "Call ID: {cid}\nQueue: {queue}\nAgent: {agent}\nDuration: {dur}\n\nTranscript:\n{tr}\n\nReturn JSON with these keys: "
    '"reason_code" (one of {codes}), "sub_reason" (max 6 words), "summary" (max 60 words, third person), '
    '"actions_taken" (list), "resolution" ("resolved" | "escalated" | "callback_scheduled" | "technician_dispatched" | '
    '"transferred" | "unresolved"), "follow_up" (string or null), "customer_sentiment_start" and '
    '"customer_sentiment_end" (-2 to 2), "verification_completed" (true/false), "recording_disclosure_given" (true/false).'
)
CC_QA = (
    "QA evaluation for call {cid} (agent {agent}). Score the agent on each item of the Brightwave QA form: 1 greeting "
    "and branding, 2 recording disclosure, 3 identity verification before account changes, 4 active listening and "
    "empathy, 5 accurate diagnosis, 6 correct use of credits and offers, 7 hold etiquette (asked permission, under 2 "
    "minutes or checked back), 8 clear next steps, 9 no promises outside policy, 10 retention attempt where the "
    "customer asked to cancel, 11 summary and closing, 12 professionalism. For each item give met / partially met / "
    "not met / not applicable with one line of evidence quoted from the transcript, then an overall score out of 100 "
    "and two coaching points.\n\nTranscript:\n{tr}"
)
CC_CURVE = (
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0.9,
    1.3,
    1.5,
    1.5,
    1.3,
    1.3,
    1.4,
    1.4,
    1.3,
    1.2,
    1.0,
    0.8,
    0.6,
    0.5,
    0.3,
    0,
)


def _cc_fill(rng: random.Random, text: str) -> str:
    for k, vals in CC_SLOTS.items():
        while "{" + k + "}" in text:
            text = text.replace("{" + k + "}", rng.choice(vals), 1)
    return text


def _cc_asr(rng: random.Random, text: str) -> str:
    words = text.split()
    out = []
    for w in words:
        u = rng.random()
        if u < 0.012:
            out.append(w + " " + w)
        elif u < 0.018:
            out.append("[inaudible]")
        else:
            out.append(w)
    return (rng.choice(CC_FILLERS) if rng.random() < 0.25 else "") + " ".join(out)


def _cc_transcript(rng: random.Random, code: str, agent: str) -> tuple[str, int]:
    opens, probes, details, actions, ends = CC_REASONS[code]
    lines: list[tuple[str, str]] = []
    if rng.random() < 0.9:
        lines.append(
            (
                "Agent",
                f"thank you for calling brightwave fibre this call may be recorded for quality my name is {agent} who do i have the pleasure of speaking with",
            )
        )
    else:
        lines.append(("Agent", f"thanks for calling brightwave this is {agent} how can i help"))
    lines.append(
        (
            "Customer",
            rng.choice(("hi yeah it's ", "hi this is ", "yes hi ")) + rng.choice(("[name]", "[name] [name]")),
        )
    )
    lines.append(("Customer", _cc_fill(rng, rng.choice(opens))))
    if code != "NEW_INSTALL" and rng.random() < 0.93:
        lines.append(
            ("Agent", "i can help with that can i get the phone number or account number on the account")
        )
        lines.append(
            ("Customer", f"it's {rng.randint(200, 989)} {rng.randint(200, 999)} {rng.randint(1000, 9999)}")
        )
        lines.append(
            (
                "Agent",
                "and for security can you verify the last four of the account holder's social or your account pin",
            )
        )
        lines.append(("Customer", f"{rng.randint(1000, 9999)}"))
        lines.append(("Agent", "thank you that's verified"))
    k = rng.randint(1, max(len(probes), len(details)))
    off = rng.randrange(len(details))
    for i in range(k):
        lines.append(("Agent", _cc_fill(rng, probes[i % len(probes)])))
        lines.append(("Customer", _cc_fill(rng, details[(off + i) % len(details)])))
    if rng.random() < 0.35:
        lines.append(("Agent", "can i place you on a brief hold while i check that"))
        lines.append(("Customer", "sure"))
        lines.append(("Hold", f"{rng.randint(0, 4):02d}:{rng.randint(10, 59):02d}"))
        lines.append(("Agent", "thank you for holding"))
    lines.append(("Agent", _cc_fill(rng, rng.choice(actions))))
    if rng.random() < 0.5:
        lines.append(
            (
                "Customer",
                rng.choice(
                    (
                        "okay",
                        "alright",
                        "that's ridiculous",
                        "okay thank you",
                        "how long will that take",
                        "so what do i do now",
                    )
                ),
            )
        )
    lines.append(("Agent", _cc_fill(rng, rng.choice(ends))))
    if rng.random() < 0.6:
        lines.append(
            (
                "Customer",
                rng.choice(("okay thanks", "alright that works", "fine", "great thank you so much", "okay")),
            )
        )
    lines.append(("Agent", "is there anything else i can help you with today"))
    lines.append(("Customer", rng.choice(("no that's it", "no thanks", "nope that's all", "no bye"))))
    lines.append(
        (
            "Agent",
            "thank you for choosing brightwave you may receive a short survey after this call have a great day",
        )
    )
    out, sec = [], rng.randint(1, 4)
    for who, text in lines:
        if who == "Hold":
            m, s = map(int, text.split(":"))
            out.append(f"[{sec // 60:02d}:{sec % 60:02d}] [hold {text}]")
            sec += m * 60 + s
            continue
        out.append(f"[{sec // 60:02d}:{sec % 60:02d}] {who}: {_cc_asr(rng, text)}")
        sec += max(2, int(len(text) / rng.uniform(11, 16))) + rng.randint(1, 12)
    return "\n".join(out), sec


def contact_centre_wrapup(per_day: int = 1300, days: int = 2, qa: float = 0.04) -> list[KeyTraffic]:
    rng = R("wrapup")
    kt = mk(
        "b12-wrapup-0",
        "contact_centre_wrapup",
        "benign",
        "app",
        client(rng, "okhttp", CC_SYSTEM),
        timing="simulated: call ends by local hour 08:00-22:00 in US Eastern/Central/Pacific time (UTC-5/-6/-8), Tue-Wed; QA audits through the shift",
        sources=("+written transcripts",),
        settings={"per_day": per_day, "days": days, "qa": qa},
    )
    start, end = T0 + 1 * DAY, T0 + (1 + days) * DAY + 8 * HOUR
    ends = []
    for tz, share in ((-5.0, 0.45), (-6.0, 0.3), (-8.0, 0.25)):
        ends += shaped(rng, start, end, per_day * share, CC_CURVE, tz)
    codes = "[" + ", ".join(f'"{c}"' for c in CC_CODES) + "]"
    agents = [f"MNL{rng.randint(10000, 99999)}" for _ in range(160)]
    p = {"temperature": 0.2, "max_tokens": 450, "response_format": JSON_OBJ}
    for t in sorted(ends):
        code = rng.choices(CC_CODES, CC_WEIGHTS)[0]
        ag = rng.choice(agents)
        tr, dur = _cc_transcript(rng, code, rng.choice(CC_AGENTS))
        cid = f"BW-{rng.getrandbits(36):09x}"
        queue = (
            rng.choice(("Tech Support", "Billing", "General", "Retention", "Sales"))
            if code != "CANCEL"
            else "Retention"
        )
        text = CC_PROMPT.format(
            cid=cid, queue=queue, agent=ag, dur=f"{dur // 60}:{dur % 60:02d}", tr=tr, codes=codes
        )
        t_send = t + rng.uniform(0.5, 3)
        kt.requests.append(one(t_send, text, {**p, "user": ag}, CC_SYSTEM, None, cid))
        if rng.random() < 0.02:
            kt.requests.append(
                one(t_send + rng.uniform(8, 40), text, {**p, "user": ag}, CC_SYSTEM, None, cid)
            )
        if rng.random() < qa:
            t_q = t + rng.uniform(0.5, 6) * HOUR
            kt.requests.append(
                one(
                    t_q,
                    CC_QA.format(cid=cid, agent=ag, tr=tr),
                    {"temperature": 0, "max_tokens": 1200, "user": f"TL{rng.randint(100, 130)}"},
                    CC_SYSTEM,
                    None,
                    cid,
                )
            )
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 6. Essay autograder of a university course ("SCI 210: Communicating Science", two
# sections, ~210 students; the instructor's Python script with openai-python on the
# department's key). Assignment 3, "Explainer": each student picks a real question people asked
# online and writes a 200-350 word explainer for a general reader. After the deadline the script
# grades each explainer against a fixed five-criterion rubric with n=3 at T 0.7 (JSON scores and
# one-line justifications; the median is used), sends an adjudication call where the three samples
# disagree by 2+ points on a criterion (the three gradings quoted, T 0), and the next morning
# writes student-facing feedback from the final scores (T 0.4). Monday 14:00 UTC a rubric pilot
# (20 of last term's explainers, two rubric wordings, n=3); section A graded Monday 15:10 UTC,
# section B Tuesday 16:40 UTC (after its later deadline), 4 workers; regrade requests Wednesday to
# Friday in TA office hours (14:00-21:00 UTC), the student's message pasted in (T 0, n=1).
# Explainers: stand-ins for student writing, real human-written answers (LIMA's StackExchange /
# Reddit answers written as running prose: no headings, lists, code or maths; 230 of them) with
# their questions as the chosen question. Stand-ins: the three gradings (JSON made here) are the
# grading reply and are quoted by the adjudication; the final scores are quoted by the feedback
# call; other replies are stubs.
AG_SYSTEM = (
    "You are a grading assistant for SCI 210, Communicating Science. You grade student explainers strictly by the "
    "rubric you are given. Grade the writing, not the student. Do not penalise a position you disagree with if it "
    "is accurate and supported. Return only the JSON requested."
)
AG_RUBRIC = (
    "Accuracy (0-4): the science is correct; no misleading simplifications.\n"
    "Clarity for a general reader (0-4): jargon is avoided or explained; sentences are easy to follow.\n"
    "Structure (0-4): opens with the answer or a hook, builds logically, ends with a takeaway.\n"
    "Examples and analogies (0-4): at least one concrete example or analogy that helps understanding.\n"
    "Answers the question (0-4): addresses the question the student chose, at the right depth for 200-350 words."
)
AG_RUBRIC_V1 = (
    "Accuracy 0-4; Clarity 0-4; Structure 0-4; Examples/analogies 0-4; Responsiveness to the question 0-4. "
    "4 = excellent, 3 = good, 2 = adequate, 1 = weak, 0 = missing."
)
AG_PROMPT = (
    "Assignment 3: Explainer (200-350 words)\nSection: {sec}\nStudent: {sid}\n\nQuestion the student chose:\n"
    '{q}\n\nStudent\'s explainer:\n"""\n{essay}\n"""\n\nRubric:\n{rubric}\n\nReturn JSON: '
    '{{"scores": {{"accuracy": n, "clarity": n, "structure": n, "examples": n, "answers_question": n}}, '
    '"justification": {{"accuracy": "...", "clarity": "...", "structure": "...", "examples": "...", '
    '"answers_question": "..."}}}}'
)
AG_ADJ = (
    "Three independent gradings of the same explainer disagree. Read the explainer and the gradings, then give the "
    "final score for each criterion with a one-sentence reason. Same JSON format as the gradings.\n\nQuestion:\n{q}\n\n"
    'Explainer:\n"""\n{essay}\n"""\n\nRubric:\n{rubric}\n\nGrading 1:\n{g1}\n\nGrading 2:\n{g2}\n\nGrading 3:\n{g3}'
)
AG_FEEDBACK = (
    "Write feedback for the student on this explainer, addressed to them in the second person, 90-140 words: one "
    "thing they did well, the two most useful improvements (with a concrete suggestion each), and the score line. Do "
    'not rewrite their text. Final scores: {scores} (total {total}/20).\n\nQuestion:\n{q}\n\nExplainer:\n"""\n{essay}\n"""'
)
AG_REGRADE = (
    "A student has asked for a regrade. Re-grade the explainer by the rubric, taking the student's comment into "
    'account only where it points to something actually in the text. Student\'s comment: "{msg}"\n\n'
)
AG_MSGS = (
    "I think my example about {k} counts as an analogy, can this be looked at again?",
    "The feedback says I didn't answer the question but the first paragraph does exactly that.",
    "I was marked down on accuracy for {k} but my source says the same thing.",
    "Could you re-check clarity? I explained every technical term in brackets.",
    "My word count was 340 so I'm not sure why it says it was too long.",
    "I don't understand the structure score, I followed the template from week 4.",
)
AG_KEYS = ("accuracy", "clarity", "structure", "examples", "answers_question")


def ag_essay(r: Row) -> bool:
    """A LIMA row whose stored answer reads as an essay (prose, no headings, lists, code or maths):
    these go to the autograder, every other LIMA row to the judge harvest."""
    a = r.answer or ""
    return (
        len(a) >= 700
        and len(r.first) < 500
        and english(a)
        and "\n#" not in a
        and not re.search(r"(^|\n)\s*(\d+\.|[*-]) ", a)
        and "```" not in a
        and "$" not in a
        and prose(a)
    )


def _ag_grading(rng: random.Random, base: dict) -> dict:
    scores = {k: max(0, min(4, v + rng.choice((-1, 0, 0, 0, 1)))) for k, v in base.items()}
    return {"scores": scores, "justification": {k: "..." for k in AG_KEYS}}


def essay_autograder(sec_a: int = 112, sec_b: int = 98, pilot: int = 20, conc: int = 4) -> list[KeyTraffic]:
    rng = R("sci210")
    rows = dedupe_rows([r for r in src("lima") if ag_essay(r)])
    rng.shuffle(rows)
    kt = mk(
        "b12-sci210-0",
        "essay_autograder",
        "benign",
        "app",
        client(rng, "openai-python", AG_SYSTEM),
        timing="simulated: grading runs Mon 14:00/15:10 UTC and Tue 16:40 UTC (4 workers), feedback runs the next mornings, regrades in TA office hours Wed-Fri",
        sources=("lima",),
        settings={"sec_a": sec_a, "sec_b": sec_b, "pilot": pilot, "conc": conc},
    )
    pg = {"temperature": 0.7, "n": 3, "max_tokens": 700, "response_format": JSON_OBJ}
    pa = {"temperature": 0, "max_tokens": 700, "response_format": JSON_OBJ}
    pf = {"temperature": 0.4, "max_tokens": 350}

    def essay_of(r: Row) -> str:
        return clip(r.answer or "", rng.randint(1200, 1500))

    # pilot with last term's explainers: two rubric wordings
    jobs = []
    for r in rows[:pilot]:
        for rub in (AG_RUBRIC_V1, AG_RUBRIC):
            text = AG_PROMPT.format(
                sec="pilot",
                sid=f"F24-{rng.randint(1000, 9999)}",
                q=r.first.strip(),
                essay=essay_of(r),
                rubric=rub,
            )
            jobs.append((None, [one(0, text, pg, AG_SYSTEM, None, r.id)]))
    kt.requests += run_jobs(rng, T0 + 14 * HOUR, jobs, 2, tokens=350)
    graded: list[tuple[str, Row, str, dict, float]] = []
    for sec, pool, t0 in (
        ("A", rows[pilot : pilot + sec_a], T0 + 15 * HOUR + 10 * MINUTE),
        ("B", rows[pilot + sec_a : pilot + sec_a + sec_b], T0 + DAY + 16 * HOUR + 40 * MINUTE),
    ):
        jobs, finals = [], []
        for r in pool:
            sid = f"{sec}{rng.randint(100000, 999999)}"
            essay = essay_of(r)
            base = {k: rng.choice((2, 3, 3, 3, 4, 4)) for k in AG_KEYS}
            gs = [_ag_grading(rng, base) for _ in range(3)]
            reply = "\n---\n".join(json_reply(g) for g in gs)
            text = AG_PROMPT.format(sec=sec, sid=sid, q=r.first.strip(), essay=essay, rubric=AG_RUBRIC)
            reqs = [one(0, text, pg, AG_SYSTEM, reply, r.id)]
            spread = max(max(g["scores"][k] for g in gs) - min(g["scores"][k] for g in gs) for k in AG_KEYS)
            final = {k: sorted(g["scores"][k] for g in gs)[1] for k in AG_KEYS}
            if spread >= 2:
                adj = AG_ADJ.format(
                    q=r.first.strip(),
                    essay=essay,
                    rubric=AG_RUBRIC,
                    g1=json_reply(gs[0]),
                    g2=json_reply(gs[1]),
                    g3=json_reply(gs[2]),
                )
                reqs.append(one(0, adj, pa, AG_SYSTEM, json_reply({"scores": final}), r.id))
            jobs.append((None, reqs))
            finals.append((sid, r, essay, final))
        done = run_jobs(rng, t0, jobs, conc, tokens=350)
        kt.requests += done
        # feedback the next morning
        jobs = []
        for sid, r, essay, final in finals:
            text = AG_FEEDBACK.format(
                scores=json_reply(final), total=sum(final.values()), q=r.first.strip(), essay=essay
            )
            jobs.append((None, [one(0, text, pf, AG_SYSTEM, None, r.id)]))
            graded.append((sid, r, essay, final, t0))
        kt.requests += run_jobs(rng, t0 - (t0 % DAY) + DAY + 13.5 * HOUR, jobs, conc, tokens=220)
    # regrades in TA office hours
    for sid, r, essay, _, _ in rng.sample(graded, int(0.07 * len(graded))):
        t = office_day(rng, T0 + rng.randint(2, 4) * DAY, 1, (14.0, 21.0))[0]
        k = (keywords(rng, essay, 1) or ["the example"])[0].lower()
        msg = rng.choice(AG_MSGS).format(k=k)
        text = AG_REGRADE.format(msg=msg) + AG_PROMPT.format(
            sec=sid[0], sid=sid, q=r.first.strip(), essay=essay, rubric=AG_RUBRIC
        )
        kt.requests.append(one(t, text, pa, AG_SYSTEM, None, r.id))
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 1. Labels harvested through a "data annotation" front ("Tagwise Data", Warsaw: sells
# "AI-assisted labelling", and trains its own labeller model on what comes back - the product is
# the labels). Three labelling projects over public datasets, each item labelled by three "AI
# annotators" in one call (n=3, T 0.7, JSON with a rationale first), and a fourth adjudication call
# where the three disagree (28%, the three label sets quoted, T 0): (P1, day 1) intent / domain /
# difficulty / reasoning / constraints of English instructions (InstructionWild en, ShareGPT-en
# and MOSS first turns); (P2, day 2) harm category, severity, user intent and assistant behaviour
# of whole red-team conversations (hh-rlhf, with the stored replies); (P3, day 3) category,
# difficulty and answer quality of Chinese instruction-answer pairs, in Chinese (ShareGPT-zh and
# BELLE with their stored answers, InstructionWild zh alone). The platform's queue releases tasks
# of 50 items through the Warsaw working day (a task every 8-25 minutes, 07:00-17:00 UTC), 4
# workers per task; openai-python, `user` = the project id. Replies: label JSON stand-ins.
TG_SYSTEM = (
    "You are Tagwise Annotator, a careful and consistent data annotator. Follow the project guidelines exactly. "
    "Think about the item before you label it, and always return valid JSON with the rationale first."
)
TG_P1 = (
    "Project: ift-intent-v3\n\nLabel the user request below.\n\nGuidelines:\n- intent: one of {intents}\n- domain: "
    "one of {domains}\n- difficulty: 1 (trivial) to 5 (expert: multi-step, specialised knowledge)\n- needs_reasoning: "
    "true if a good answer needs multi-step reasoning or calculation\n- constraints: the explicit constraints the "
    "request puts on the answer (format, length, style, language, audience); [] if none\n- language: ISO 639-1 code "
    'of the request\n\nRequest:\n<<<\n{text}\n>>>\n\nOutput JSON: {{"rationale": "...", "intent": "...", "domain": '
    '"...", "difficulty": n, "needs_reasoning": true|false, "constraints": [...], "language": "..."}}'
)
TG_P2 = (
    "Project: safety-dialogue-v2\n\nLabel the conversation between a human and an AI assistant below.\n\nGuidelines:\n"
    "- harm_category: one of {harms}\n- severity: 0 (none) to 3 (serious real-world harm if the assistant complied)\n"
    "- user_intent: benign | curious | boundary_testing | malicious | unclear\n- assistant_behaviour: refused | "
    "complied | partially_complied | redirected | not_applicable\n- assistant_harmful: true if any assistant turn "
    "gives meaningfully harmful help\n- turn_of_concern: index of the first human turn that is concerning, or null\n\n"
    'Conversation:\n<<<\n{text}\n>>>\n\nOutput JSON: {{"rationale": "...", "harm_category": "...", "severity": n, '
    '"user_intent": "...", "assistant_behaviour": "...", "assistant_harmful": true|false, "turn_of_concern": n|null}}'
)
TG_P3 = (
    "项目：zh-sft-quality-v1\n\n请标注下面的指令{pair}。\n\n标注规范：\n- 类别：{cats}之一\n- 难度：1（非常简单）到5（需要专业知识、"
    "多步推理）\n- 是否需要推理：true/false\n{qual}- 语言：zh / en / mixed\n\n指令：\n<<<\n{text}\n>>>\n{answer}\n"
    '输出JSON：{{"理由": "...", "类别": "...", "难度": n, "是否需要推理": true|false{qkeys}, "语言": "..."}}'
)
TG_QUAL = "- 回答质量：1（错误或无用）到10（准确、完整、清楚）\n- 是否有事实错误：true/false\n"
TG_ADJ = (
    "Project: {proj}\n\nThree annotators labelled the same item and disagree. Read the item and their labels, then give "
    "the final labels in the same JSON format, with a rationale that says which annotator was right and why.\n\n"
    "Item:\n<<<\n{text}\n>>>\n\nAnnotator 1: {a1}\nAnnotator 2: {a2}\nAnnotator 3: {a3}"
)
TG_INTENTS = (
    "information_seeking", "how_to", "coding", "debugging", "math", "reasoning_puzzle", "creative_writing",
    "editing_rewriting", "summarisation", "translation", "classification_extraction", "brainstorming", "advice",
    "role_play", "chit_chat", "other",
)  # fmt: skip
TG_DOMAINS = (
    "software", "data_science", "mathematics", "science", "medicine_health", "law", "finance_business", "education",
    "history_politics", "arts_literature", "entertainment", "lifestyle", "travel", "relationships", "technology_hardware",
    "marketing", "careers", "language", "religion_philosophy", "other",
)  # fmt: skip
TG_HARMS = (
    "none", "violence", "weapons", "illegal_drugs", "theft_fraud", "cybercrime", "hate_harassment", "sexual_content",
    "self_harm", "privacy", "misinformation", "dangerous_activities", "other_illegal",
)  # fmt: skip
TG_CATS = (
    "知识问答",
    "数学计算",
    "代码编程",
    "写作创作",
    "翻译",
    "摘要改写",
    "逻辑推理",
    "建议咨询",
    "角色扮演",
    "闲聊",
    "其他",
)


def _tg_transcript(row: Row) -> str:
    parts = []
    for i, u in enumerate(row.turns):
        parts.append(f"Human: {u.strip()}")
        rep = row.replies[i] if i < len(row.replies) else None
        if rep:
            parts.append(f"Assistant: {rep.strip()}")
    return "\n\n".join(parts)


def _tg_labels(rng: random.Random, proj: str) -> dict:
    if proj == "P1":
        return {"rationale": "...", "intent": rng.choice(TG_INTENTS), "domain": rng.choice(TG_DOMAINS), "difficulty": rng.randint(1, 5),
                "needs_reasoning": rng.random() < 0.4, "constraints": [], "language": "en"}  # fmt: skip
    if proj == "P2":
        return {"rationale": "...", "harm_category": rng.choice(TG_HARMS), "severity": rng.randint(0, 3),
                "user_intent": rng.choice(("benign", "curious", "boundary_testing", "malicious")),
                "assistant_behaviour": rng.choice(("refused", "complied", "redirected")), "assistant_harmful": rng.random() < 0.15,
                "turn_of_concern": rng.choice((None, 0, 1, 2))}  # fmt: skip
    return {
        "理由": "...",
        "类别": rng.choice(TG_CATS),
        "难度": rng.randint(1, 5),
        "是否需要推理": rng.random() < 0.4,
        "语言": "zh",
    }


def annotation_front_labels(p1: int = 900, p2: int = 650, p3: int = 550, task: int = 50) -> list[KeyTraffic]:
    rng = R("tagwise")
    ok = lambda r: 10 <= len(r.first) <= 4000  # noqa: E731
    iw = [r for r in src("instructionwild") if bucket(r, 2) == 0 and ok(r)]
    en1 = [r for r in iw if r.extra.get("lang") == "en"]
    en1 += [r for r in src("sharegpt_en_sample") if bucket(r, 3) == 0 and ok(r) and english(r.first)]
    en1 += [r for r in src("moss_sft_sample") if ok(r) and not HAN.search(r.first)]
    en1 = dedupe_rows(en1)
    rng.shuffle(en1)
    hh = [r for r in src("hh_rlhf_harmless_test") if len(r.turns) >= 1]
    rng.shuffle(hh)
    zh = [r for r in src("sharegpt_zh_1k") if ok(r)] + [
        r for r in src("belle_dev1k") if bucket(r, 2) == 0 and ok(r)
    ]
    zh += [r for r in iw if r.extra.get("lang") == "zh"]
    zh = dedupe_rows(zh)
    rng.shuffle(zh)
    kt = mk(
        "d12-tagwise-0",
        "annotation_front_labels",
        "distiller",
        "distiller",
        client(rng, "openai-python", TG_SYSTEM),
        timing="simulated: a task queue releasing 50-item tasks every 8-25 min, 07:00-17:00 UTC (Warsaw working day), 4 workers per task, 3 days",
        sources=(
            "instructionwild",
            "sharegpt_en_sample",
            "moss_sft_sample",
            "hh_rlhf_harmless_test",
            "sharegpt_zh_1k",
            "belle_dev1k",
        ),
        settings={"p1": p1, "p2": p2, "p3": p3, "task": task},
    )
    pl = {"temperature": 0.7, "n": 3, "max_tokens": 600, "response_format": JSON_OBJ}
    pa = {"temperature": 0, "max_tokens": 500, "response_format": JSON_OBJ}
    intents = "[" + ", ".join(TG_INTENTS) + "]"
    domains = "[" + ", ".join(TG_DOMAINS) + "]"
    for day, (proj, pid, rows) in enumerate(
        (
            ("P1", "ift-intent-v3", en1[:p1]),
            ("P2", "safety-dialogue-v2", hh[:p2]),
            ("P3", "zh-sft-quality-v1", zh[:p3]),
        )
    ):
        items = []
        for r in rows:
            if proj == "P1":
                body = r.first.strip()
                text = TG_P1.format(intents=intents, domains=domains, text=body)
            elif proj == "P2":
                body = _tg_transcript(r)
                text = TG_P2.format(harms="[" + ", ".join(TG_HARMS) + "]", text=body)
            else:
                body = r.first.strip()
                if r.answer and r.file != "instructionwild":
                    text = TG_P3.format(pair="和回答", cats="、".join(TG_CATS), qual=TG_QUAL, text=body,
                                        answer=f"\n回答：\n<<<\n{r.answer.strip()}\n>>>\n", qkeys=', "回答质量": n, "是否有事实错误": true|false')  # fmt: skip
                else:
                    text = TG_P3.format(
                        pair="", cats="、".join(TG_CATS), qual="", text=body, answer="", qkeys=""
                    )
            labels = [_tg_labels(rng, proj) for _ in range(3)]
            reqs = [
                one(
                    0,
                    text,
                    {**pl, "user": f"tagwise-{pid}"},
                    TG_SYSTEM,
                    "\n---\n".join(json_reply(x) for x in labels),
                    r.id,
                    True,
                )
            ]
            if rng.random() < 0.28:
                adj = TG_ADJ.format(
                    proj=pid,
                    text=body,
                    a1=json_reply(labels[0]),
                    a2=json_reply(labels[1]),
                    a3=json_reply(labels[2]),
                )
                reqs.append(
                    one(
                        0, adj, {**pa, "user": f"tagwise-{pid}"}, TG_SYSTEM, json_reply(labels[0]), r.id, True
                    )
                )
            items.append((r, reqs))
        t = T0 + day * DAY + 7 * HOUR + rng.uniform(0, 1200)
        for k in range(0, len(items), task):
            if (t % DAY) / HOUR > 17:  # the queue pauses after 17:00 UTC and goes on at 07:00
                t = t - (t % DAY) + DAY + 7 * HOUR + rng.uniform(0, 900)
            kt.requests += run_jobs(rng, t, items[k : k + task], 4, tokens=350)
            t += rng.uniform(8, 25) * MINUTE
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 2. Translation pairs for an MT start-up ("LinguaForge", training its own translation
# model on the outputs), on three keys of one actor by language group: each request is a batch
# of 6-14 consecutive sentences of one source document as a JSON array ("translate every segment,
# keep markdown and placeholders, do not merge or split"), one target language per request, T 0.3,
# JSON out; a domain hint where the source has one (medical).
#   k-eu (openai-python, 3 workers each sleeping 90-300 s after a batch, from Monday 00:00 UTC until
#        done, with rate-limit stalls of 2-6 minutes every 40-90 minutes): English -> de, fr, es,
#        it, pt, nl, pl from ShareGPT-en stored replies (a third of the rows, code lines dropped);
#        10% of batches again into a second language; 8% get a post-edit turn in the same
#        conversation ("review your translation and fix errors").
#   k-asia (httpx, 2 workers sleeping 60-240 s, only 01:00-11:00 UTC = office hours in UTC+8,
#        until done): English -> zh, ja, ko, vi, id, th from other ShareGPT-en replies of the same
#        third, and Chinese -> English from Huatuo stored answers (half of the rows).
#   k-x (aiohttp, one throttled worker sleeping 60-300 s, Monday from 09:00 UTC): sentence-level
#        batches, by language, of every non-English, non-Chinese oasst2 turn and reply and of the
#        French, Spanish and Japanese M-IFEval prompts -> English.
# Separate accounts and cards; k-eu and k-x signed up from one network, k-asia from another.
# Replies: stubs (the translation is the product and is never quoted).
MT_SYSTEM = (
    "You are a professional translator. Translate every segment from {src} into {tgt}. Preserve meaning, tone and "
    "register, and keep Markdown, numbers, units, URLs, placeholders and code spans exactly as they are. Do not add, "
    'drop, merge or split segments and do not add explanations. Return JSON: {{"translations": [...]}} with one '
    "string per input segment, in the same order."
)
MT_LANGS = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese (Brazil)",
    "nl": "Dutch", "pl": "Polish", "zh": "Simplified Chinese", "ja": "Japanese", "ko": "Korean", "vi": "Vietnamese",
    "id": "Indonesian", "th": "Thai", "ru": "Russian", "pt-BR": "Portuguese (Brazil)", "ca": "Catalan", "uk": "Ukrainian",
    "eo": "Esperanto", "hu": "Hungarian", "eu": "Basque", "tr": "Turkish", "cs": "Czech", "fi": "Finnish",
}  # fmt: skip
MT_POSTEDIT = (
    "Review your translation against the source segments. Fix mistranslations, omissions, terminology and grammar "
    'errors, and return the corrected JSON in the same format, followed by "changes": a list of what you changed.'
)
ZH_SENT = re.compile(r"[^。！？；\n]+[。！？；]?")


CODEISH = re.compile(r"[=_{}<>\[\]]|\(\)|;\s*$|^\s*(#|//|import |def |return )")


def _mt_segments(text: str, zh: bool) -> list[str]:
    if zh:
        segs = [s.strip() for s in ZH_SENT.findall(text)]
        return [s for s in segs if 6 <= len(s) <= 200]
    out = []
    for para in text.split("\n"):
        if "```" in para or para.strip().startswith(("|", "    ")):
            continue
        out += [s for s in sentences(para) if 25 <= len(s) <= 400 and not CODEISH.search(s)]
    return out


def _mt_batches(
    rng: random.Random, docs: list[tuple[str, list[str]]], lo: int = 6, hi: int = 14
) -> list[tuple[str, list[str]]]:
    out = []
    for did, segs in docs:
        i = 0
        while i < len(segs):
            k = rng.randint(lo, hi)
            if len(segs[i : i + k]) >= 3:
                out.append((did, segs[i : i + k]))
            i += k
    return out


def paced_pool(
    rng: random.Random, start: float, jobs: list, conc: int, pause: tuple[float, float], tokens: int = 300
) -> list[Request]:
    """Like run_jobs, but each worker sleeps U(pause) seconds after a job (a script keeping under a
    daily budget or a rate limit)."""
    free = [start + rng.uniform(0, pause[1]) for _ in range(conc)]
    heapq.heapify(free)
    out = []
    for _row, reqs in jobs:
        t = heapq.heappop(free)
        for r in reqs:
            r.ts = t
            t += latency(rng, min(tokens, int(r.params.get("max_tokens") or tokens))) + rng.uniform(0.01, 0.1)
            out.append(r)
        heapq.heappush(free, t + rng.uniform(*pause))
    return out


def within_hours(rng: random.Random, reqs: list[Request], a: float, b: float) -> list[Request]:
    """A script that only runs between a and b UTC hours: whatever falls outside waits for the next
    day's start, keeping order and the gaps between requests."""
    shift = 0.0
    for r in sorted(reqs, key=lambda q: q.ts):
        t = r.ts + shift
        h = (t % DAY) / HOUR
        inside = a <= h < b if a < b else (h >= a or h < b)
        if not inside:
            day0 = t - (t % DAY)
            nxt = day0 + a * HOUR if h < a else day0 + DAY + a * HOUR
            nxt += rng.uniform(0, 600)
            shift += nxt - t
            t = nxt
        r.ts = t
    return reqs


def _mt_stalls(
    rng: random.Random, times: list[float], every: tuple[float, float], pause: tuple[float, float]
) -> list[float]:
    """A script that hits the rate limit now and then and backs off: later sends move by the stall."""
    out, shift = [], 0.0
    nxt = times[0] + rng.uniform(*every) * MINUTE if times else 0.0
    for t in sorted(times):
        while t + shift >= nxt:
            stall = rng.uniform(*pause) * MINUTE
            shift += stall
            nxt += stall + rng.uniform(*every) * MINUTE
        out.append(t + shift)
    return out


def mt_pair_harvest(eu: int = 900, asia: int = 780, x: int = 260) -> list[KeyTraffic]:
    rng0 = R("linguaforge")
    share = [r for r in src("sharegpt_en_sample") if bucket(r, 3) == 1]
    en_docs = [
        (f"{r.id}#{i}", _mt_segments(rep, False))
        for r in share
        for i, rep in enumerate(r.replies)
        if rep and english(rep)
    ]
    en_docs = [d for d in en_docs if len(d[1]) >= 3]
    rng0.shuffle(en_docs)
    half = len(en_docs) * 11 // 20
    zh_rows = [r for r in src("huatuo_med_zh") if r.answer and bucket(r, 2) == 0]
    rng0.shuffle(zh_rows)
    zh_flat = [(r.id, seg) for r in zh_rows for seg in _mt_segments(r.answer or "", True)]
    zh_docs = []  # short answers: sentence-level batches across consecutive answers
    while zh_flat:
        k = rng0.randint(6, 14)
        zh_docs.append((zh_flat[0][0], [x for _, x in zh_flat[:k]]))
        zh_flat = zh_flat[k:]
    by_lang: dict[str, list[tuple[str, str]]] = {}
    for r in src("oasst2_threads"):
        lang = str(r.extra.get("lang") or "")
        if lang in ("en", "zh", ""):
            continue
        for i, text in enumerate([*r.turns, *[x for x in r.replies if x]]):
            for seg in re.split(r"(?<=[.!?。])\s+|\n+", text):
                if 15 <= len(seg.strip()) <= 400 and "```" not in seg:
                    by_lang.setdefault(lang, []).append((f"{r.id}#{i}", seg.strip()))
    for r in src("ifeval_multilingual"):
        lang = str(r.extra.get("lang") or "")
        if lang in ("fr", "es", "ja"):
            for seg in re.split(r"(?<=[.!?。])\s+|\n+", r.first):
                if 10 <= len(seg.strip()) <= 400:
                    by_lang.setdefault(lang, []).append((r.id, seg.strip()))
    net = "185.44.12.0/24"
    p = {"temperature": 0.3, "max_tokens": 4000, "response_format": JSON_OBJ}
    eu_t = ("de", "fr", "es", "it", "pt", "nl", "pl")
    keys = []
    # k-eu
    rng = R("linguaforge", "eu")
    kt = mk(
        "d12-linguaforge-eu",
        "mt_pair_harvest",
        "distiller",
        "distiller",
        client(rng, "openai-python", None, signup_network=net),
        actor="d12-linguaforge",
        timing="simulated: 3 workers each sleeping 90-300 s after a batch, from Mon 00:00 UTC until done, rate-limit stalls of 2-6 min every 40-90 min",
        sources=("sharegpt_en_sample",),
        settings={"requests": eu, "targets": " ".join(eu_t)},
    )
    jobs: list = []
    for did, segs in _mt_batches(rng, en_docs[:half]):
        if len(jobs) >= eu:
            break
        tgts = [rng.choice(eu_t)]
        if rng.random() < 0.1:
            tgts.append(rng.choice([t_ for t_ in eu_t if t_ != tgts[0]]))
        for tgt in tgts:
            sysp = MT_SYSTEM.format(src="English", tgt=MT_LANGS[tgt])
            body = json.dumps({"segments": segs}, ensure_ascii=False)
            turns = [body] + ([MT_POSTEDIT] if rng.random() < 0.08 else [])
            jobs.append(
                (None, chat_requests(turns, [None] * len(turns), [0.0] * len(turns), p, sysp, did, True))
            )
    reqs = paced_pool(rng, T0 + rng.uniform(0, 3600), jobs, 3, (90.0, 300.0), tokens=900)
    reqs.sort(key=lambda q: q.ts)
    for q, t in zip(reqs, _mt_stalls(rng, [q.ts for q in reqs], (40, 90), (2, 6)), strict=True):
        q.ts = t
    kt.requests = sorted_reqs(reqs)
    keys.append(kt)
    # k-asia
    rng = R("linguaforge", "asia")
    kt = mk(
        "d12-linguaforge-asia",
        "mt_pair_harvest",
        "distiller",
        "distiller",
        client(rng, "httpx", None, signup_network="103.21.140.0/24"),
        actor="d12-linguaforge",
        timing="simulated: 2 workers each sleeping 60-240 s, only 01:00-11:00 UTC (UTC+8 office hours), until done (two days)",
        sources=("sharegpt_en_sample", "huatuo_med_zh"),
        settings={"requests": asia, "targets": "zh ja ko vi id th; zh->en"},
    )
    en_b = _mt_batches(rng, en_docs[half:])
    zh_b = list(zh_docs)
    jobs = []
    for i in range(asia):
        if en_b and (i % 2 == 0 or not zh_b):
            did, segs = en_b.pop()
            tgt, srcl, dom = rng.choice(("zh", "zh", "ja", "ko", "vi", "id", "th")), "English", None
        elif zh_b:
            did, segs = zh_b.pop()
            tgt, srcl = "en", "Simplified Chinese"
            dom = "medical"
        else:
            break
        sysp = MT_SYSTEM.format(src=srcl, tgt=MT_LANGS[tgt])
        body = json.dumps({"segments": segs}, ensure_ascii=False)
        jobs.append((None, [one(0, f"Domain: {dom}\n{body}" if dom else body, p, sysp, None, did, True)]))
    kt.requests = sorted_reqs(
        within_hours(rng, paced_pool(rng, T0 + 1 * HOUR, jobs, 2, (60.0, 240.0), tokens=900), 1.0, 11.0)
    )
    keys.append(kt)
    # k-x
    rng = R("linguaforge", "x")
    kt = mk(
        "d12-linguaforge-x",
        "mt_pair_harvest",
        "distiller",
        "distiller",
        client(rng, "aiohttp", None, signup_network=net),
        actor="d12-linguaforge",
        timing="simulated: one throttled worker sleeping 60-300 s, from Mon 09:00 UTC",
        sources=("oasst2_threads", "ifeval_multilingual"),
        settings={"requests": x, "targets": "many -> en"},
    )
    plan_x = []
    for lang, segs in sorted(by_lang.items(), key=lambda kv: -len(kv[1])):
        i = 0
        while i < len(segs) and len(plan_x) < x:
            k = rng.randint(6, 16)
            chunk = segs[i : i + k]
            i += k
            if len(chunk) >= 3:
                sysp = MT_SYSTEM.format(src=MT_LANGS.get(lang, lang), tgt="English")
                plan_x.append(
                    (sysp, json.dumps({"segments": [c for _, c in chunk]}, ensure_ascii=False), chunk[0][0])
                )
    rng.shuffle(plan_x)
    svc = [latency(rng, 500) for _ in plan_x]
    times = throttled(rng, T0 + 9 * HOUR, svc, (60.0, 300.0))
    for (sysp, body, did), t in zip(plan_x, times, strict=True):
        kt.requests.append(one(t, body, p, sysp, None, did, True))
    keys.append(kt)
    return keys


# =============================================================================================
# DISTILLER 3. JudgeLM-style judge distillation ("Verdict", training an open judge model on this
# model's judgments): questions with two answers each - the stored answer beside a weaker
# "student model" answer, or two weaker answers with the stored answer given as the reference
# (28%) - each pair judged in BOTH orders (the swap augmentation), plus single-answer grades
# (150 of the 850 items); a fixed judge template (two scores on the first line, then a detailed
# explanation), T 0.2, max_tokens 1024, under a short judge system prompt. Questions: the LIMA
# rows the autograder does not use (StackExchange, wikiHow, Reddit, with their stored answers)
# and arena_even (the first user turn and its stored reply; 20% of multi-turn conversations are
# judged on the whole dialogue, the last reply being the answer).
# The weaker answers are stand-ins for its candidate models' outputs, made here from the stored
# answers: cut short, a middle part dropped, a number changed, the first sentence only, a generic
# non-answer, a refusal, or another question's answer. openai-python, 3 workers each sleeping
# 40-120 s after an item (its tokens-per-minute limit), nights 20:00-06:00 UTC (the script stops
# at 06:00 and resumes the next evening). Replies: "s1 s2" plus a stub.
JL_SYSTEM = "You are a helpful and precise assistant for checking the quality of the answer."
JL_PAIR = (
    "[Question]\n{q}\n\n[The Start of Assistant 1's Answer]\n{a1}\n[The End of Assistant 1's Answer]\n\n"
    "[The Start of Assistant 2's Answer]\n{a2}\n[The End of Assistant 2's Answer]\n\n{ref}[System]\nWe would like "
    "to request your feedback on the performance of two AI assistants in response to the user question displayed "
    "above.{refnote}\nPlease rate the helpfulness, relevance, accuracy, and level of details of their responses. "
    "Each assistant receives an overall score on a scale of 1 to 10, where a higher score indicates better overall "
    "performance.\nPlease first output a single line containing only two values indicating the scores for "
    "Assistant 1 and 2, respectively. The two scores are separated by a space. In the subsequent line, please "
    "provide a comprehensive explanation of your evaluation, avoiding any potential bias and ensuring that the order "
    "in which the responses were presented does not affect your judgment."
)
JL_REF = "[The Start of Reference Answer]\n{r}\n[The End of Reference Answer]\n\n"
JL_REFNOTE = " A reference answer is provided; use it as the standard for correctness."
JL_SINGLE = (
    "[Question]\n{q}\n\n[The Start of Assistant's Answer]\n{a}\n[The End of Assistant's Answer]\n\n[System]\nWe "
    "would like to request your feedback on the performance of an AI assistant in response to the user question "
    "displayed above.\nPlease rate the helpfulness, relevance, accuracy, and level of details of the response. "
    "The assistant receives an overall score on a scale of 1 to 10.\nPlease first output a single line containing "
    "only the score. In the subsequent line, please provide a comprehensive explanation of your evaluation."
)
JL_GENERIC = (
    "That's a great question. The answer depends on a number of factors, and different people may have different "
    "views on {k}. In general, it is best to consider your specific situation, do some research, and consult an "
    "expert if you are unsure. I hope this helps!",
    "There are many aspects to {k}. Some of the most important ones include understanding the basics, practising "
    "regularly and learning from mistakes. Let me know if you would like more information.",
)
JL_REFUSE = (
    "I'm sorry, but I can't help with that request.",
    "As an AI language model, I don't have personal opinions, so I cannot answer this question.",
)


def _jl_weak(rng: random.Random, ans: str, q: str, others: list[str]) -> str:
    ss = sentences(ans)
    kind = rng.choices(
        ("cut", "drop", "num", "first", "generic", "refuse", "other"),
        (0.25, 0.2, 0.12, 0.13, 0.12, 0.06, 0.12),
    )[0]
    if kind == "cut" and len(ss) > 3:
        return " ".join(ss[: max(1, int(len(ss) * rng.uniform(0.3, 0.6)))])
    if kind == "drop" and len(ss) > 4:
        j = rng.randrange(1, len(ss) - 2)
        return " ".join(ss[:j] + ss[j + rng.randint(1, 2) :])
    if kind == "num" and re.search(r"\d", ans):
        return re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9)), ans, count=1)
    if kind == "first" and ss:
        return ss[0]
    if kind == "refuse":
        return rng.choice(JL_REFUSE)
    if kind == "other" and others:
        return rng.choice(others)
    k = (keywords(rng, q, 1) or ["this topic"])[0].lower()
    return rng.choice(JL_GENERIC).format(k=k)


def judge_pair_distill(pairs: int = 700, singles: int = 150, conc: int = 3) -> list[KeyTraffic]:
    rng = R("verdict")
    lima = [r for r in src("lima") if not ag_essay(r) and r.answer and len(r.answer) >= 200]
    arena = [r for r in src("arena_even") if r.answer and len(r.answer) >= 100]
    items = lima + arena
    rng.shuffle(items)
    answers = [clip(r.answer or "", 1500) for r in items]
    kt = mk(
        "d12-verdict-0",
        "judge_pair_distill",
        "distiller",
        "distiller",
        client(rng, "openai-python", JL_SYSTEM),
        timing=f"simulated: {conc} workers each sleeping 40-120 s after an item (tokens-per-minute limit), nights 20:00-06:00 UTC until done",
        sources=("lima", "arena_even"),
        settings={"pairs": pairs, "singles": singles, "conc": conc},
    )
    p = {"temperature": 0.2, "max_tokens": 1024}
    jobs = []
    for i, r in enumerate(items[: pairs + singles]):
        ans = clip(r.answer or "", 1500)
        q = r.first.strip()
        if r.file == "arena_even" and len(r.turns) > 1 and rng.random() < 0.2:
            q = "\n\n".join(
                f"User: {u.strip()}"
                + (f"\nAssistant: {clip(rep, 800)}" if rep and k < len(r.turns) - 1 else "")
                for k, (u, rep) in enumerate(zip(r.turns, r.replies, strict=False))
            )
            ans = clip(r.replies[len(r.turns) - 1] or ans, 1500) if len(r.replies) >= len(r.turns) else ans
        others = answers[max(0, i - 40) : i]
        if i >= pairs:
            a = ans if rng.random() < 0.5 else _jl_weak(rng, ans, q, others)
            s1 = rng.randint(2, 9)
            jobs.append(
                (r, [one(0, JL_SINGLE.format(q=q, a=a), p, JL_SYSTEM, f"{s1}\n" + stub_reply(q), r.id, True)])
            )
            continue
        if rng.random() < 0.28:
            a1, a2 = _jl_weak(rng, ans, q, others), _jl_weak(rng, ans, q, others)
            ref, note = JL_REF.format(r=ans), JL_REFNOTE
        else:
            a1, a2 = ans, _jl_weak(rng, ans, q, others)
            ref, note = "", ""
        if rng.random() < 0.5:
            a1, a2 = a2, a1
        s1, s2 = rng.randint(2, 9), rng.randint(2, 9)
        reqs = [
            one(
                0,
                JL_PAIR.format(q=q, a1=a1, a2=a2, ref=ref, refnote=note),
                p,
                JL_SYSTEM,
                f"{s1} {s2}\n" + stub_reply(q),
                r.id,
                True,
            ),
            one(
                0,
                JL_PAIR.format(q=q, a1=a2, a2=a1, ref=ref, refnote=note),
                p,
                JL_SYSTEM,
                f"{s2} {s1}\n" + stub_reply(q),
                r.id,
                True,
            ),
        ]
        jobs.append((r, reqs))
    reqs = paced_pool(rng, T0 + 20 * HOUR + rng.uniform(0, 600), jobs, conc, (40.0, 120.0), tokens=380)
    kt.requests = sorted_reqs(within_hours(rng, reqs, 20.0, 6.0))
    return [kt]


# =============================================================================================
# DISTILLER 4. Few-shot prompts built from a dataset on the completions endpoint: the operator
# holds instruction sets with weak answers (codealpaca, BELLE) and wants this model's answers to
# all of them. A seed bank of each set's rows (its stored answers as the demonstrations: 260
# codealpaca, 140 BELLE) supplies 3-5 demonstrations per prompt, chosen by word overlap with the
# target (retrieval-style k-shot), rendered as "### Example n / Instruction / Input / Response"
# (Chinese: "### 示例n / 指令 / 输入 / 回答"), and the target instruction last with its "Response:"
# slot open; stop at the next example header, T 0.7, top_p 0.95, max_tokens 1024. 10% of prompts
# end at an open "Instruction:" slot instead (T 1.0, the model writes a new instruction, stop at
# "Input:"/"Response:"), and those instructions are asked back as targets later in the run
# (stand-ins: the stored instruction of a row kept out of the run). python-requests, 4 workers
# each sleeping 60-180 s between calls, from Friday 18:00 UTC until done, with a 3-hour crash gap
# in the small hours of Saturday. Replies: the stored answer for targets; a generated instruction's
# reply is the kept-out row's instruction.
FS_HEAD = {
    "en": "The following are examples of instructions paired with high-quality responses written by an expert assistant.\n\n",
    "zh": "以下是若干条指令及其高质量回答的示例，回答由一位专业、严谨的助手撰写。\n\n",
}
FS_ITEM = {
    "en": ("### Example {n}\nInstruction: {ins}\n", "Input: {inp}\n", "Response: {out}\n\n", "Response:"),
    "zh": ("### 示例{n}\n指令：{ins}\n", "输入：{inp}\n", "回答：{out}\n\n", "回答："),
}
FS_STOP = {"en": ["### Example", "\n\n\n"], "zh": ["### 示例", "\n\n\n"]}
FS_GEN_STOP = {"en": ["\nInput:", "\nResponse:"], "zh": ["\n输入", "\n回答"]}


def _fs_parts(r: Row) -> tuple[str, str, str]:
    ins = str(r.extra.get("instruction") or r.first).strip()
    inp = str(r.extra.get("input") or "").strip()
    return ins, inp, (r.answer or "").strip()


def _fs_prompt(demos: list[Row], target: tuple[str, str] | None, lang: str) -> str:
    head, inp_t, out_t, slot = FS_ITEM[lang]
    text = FS_HEAD[lang]
    for n, d in enumerate(demos, 1):
        ins, inp, out = _fs_parts(d)
        text += head.format(n=n, ins=ins) + (inp_t.format(inp=inp) if inp else "") + out_t.format(out=out)
    n = len(demos) + 1
    if target is None:
        return text + ("### Example {n}\nInstruction:" if lang == "en" else "### 示例{n}\n指令：").format(n=n)
    ins, inp = target
    return text + head.format(n=n, ins=ins) + (inp_t.format(inp=inp) if inp else "") + slot


def fewshot_completions_harvest(
    code: int = 900, zh: int = 360, gen: float = 0.1, conc: int = 4
) -> list[KeyTraffic]:
    rng = R("fewshot")
    ca = dedupe_rows([r for r in src("codealpaca_2k") if r.answer and len(r.answer) < 1500])
    be = dedupe_rows(
        [r for r in src("belle_dev1k") if bucket(r, 2) == 1 and r.answer and len(r.answer) < 1500]
    )
    rng.shuffle(ca)
    rng.shuffle(be)
    banks = {"en": ca[:260], "zh": be[:140]}
    targets = [(r, "en") for r in ca[260 : 260 + code]] + [(r, "zh") for r in be[140 : 140 + zh]]
    spare = {"en": ca[260 + code :], "zh": be[140 + zh :]}
    rng.shuffle(targets)
    kw = {id(r): kw_set(_fs_parts(r)[0]) for lang in banks for r in banks[lang]}
    kt = mk(
        "d12-fewshot-0",
        "fewshot_completions_harvest",
        "distiller",
        "distiller",
        client(rng, "requests"),
        timing=f"simulated: {conc} workers each sleeping 60-180 s from Fri 18:00 UTC until done, a 3-hour crash gap Sat 02:00-05:00 UTC",
        sources=("codealpaca_2k", "belle_dev1k"),
        settings={"code": code, "zh": zh, "gen": gen, "conc": conc},
    )
    pt = {"temperature": 0.7, "top_p": 0.95, "max_tokens": 1024}
    pgen = {"temperature": 1.0, "top_p": 1.0, "max_tokens": 160}
    jobs, later = [], []
    for r, lang in targets:
        ins, inp, _ = _fs_parts(r)
        words = kw_set(ins) if lang == "en" else set(ins)
        bank = banks[lang]
        ranked = sorted(
            bank, key=lambda d: -len(words & (kw[id(d)] if lang == "en" else set(_fs_parts(d)[0])))
        )
        demos = ranked[: rng.randint(3, 5)]
        rng.shuffle(demos)
        q = completion_request(
            0, _fs_prompt(demos, (ins, inp), lang), {**pt, "stop": FS_STOP[lang]}, r.id, True
        )
        q.reply = r.answer
        jobs.append((r, [q]))
        if rng.random() < gen and spare[lang]:
            g = completion_request(
                0, _fs_prompt(rng.sample(bank, 4), None, lang), {**pgen, "stop": FS_GEN_STOP[lang]}, "", True
            )
            new = spare[lang].pop()
            g.reply = _fs_parts(new)[0]
            jobs.append((None, [g]))
            later.append((new, lang, demos))
    for new, lang, demos in later:  # the generated instructions come back as targets
        ins, inp, _ = _fs_parts(new)
        q = completion_request(
            0, _fs_prompt(demos, (ins, inp), lang), {**pt, "stop": FS_STOP[lang]}, new.id, True
        )
        q.reply = new.answer
        jobs.append((new, [q]))
    start = T0 + 4 * DAY + 18 * HOUR
    first = paced_pool(rng, start, jobs, conc, (60.0, 180.0), tokens=300)
    gap_a, gap_b = T0 + 5 * DAY + 2 * HOUR, T0 + 5 * DAY + 5 * HOUR
    for q in sorted(first, key=lambda q: q.ts):
        if q.ts >= gap_a:
            q.ts += gap_b - gap_a
    kt.requests = sorted_reqs(first)
    return [kt]


# =============================================================================================
# DISTILLER 5. RankZephyr-style listwise reranker distillation ("Rerankly", training an open
# 7B reranker on this model's permutations): real search queries (nq_open, half of them) each get
# 20 candidate passages from the operator's first-stage retriever (word-overlap search here over
# ~100-word chunks of ShareGPT-en and oasst2 English stored replies, a third of ShareGPT-en), sent
# RankGPT-style - a system prompt, one user message per passage "[i] ..." each acknowledged by a
# fixed assistant message, then the ranking instruction (T 0, max_tokens 240). Every query is
# ranked twice - in retrieval order and in a random shuffle (the order augmentation) - and 40%
# a third time in reverse order; 15% of queries instead get the top 40 with a sliding window (20
# wide, step 10, from the back: 3 calls). aiohttp, 4 workers each sleeping 30-90 s, nights 22:00-
# 05:00 UTC until done. Replies: a permutation stand-in ("[4] > [1] > ...").
RK_SYSTEM = (
    "You are RankLM, an intelligent assistant that ranks passages by how relevant they are to a search query."
)
RK_INTRO = "I will give you {n} passages, each marked with a number in brackets. Rank them by their relevance to the query: {q}."
RK_ACK0 = "Okay, please provide the passages."
RK_ACK = "Received passage [{i}]."
RK_FINAL = (
    "Search query: {q}.\nRank the {n} passages above from most to least relevant to the search query. List all of "
    "them by their numbers in brackets, in descending order of relevance, in the form [2] > [1] > ..., and output "
    "nothing else."
)


def _rk_messages(q: str, passages: list[str]) -> list[dict]:
    msgs = [
        {"role": "system", "content": RK_SYSTEM},
        {"role": "user", "content": RK_INTRO.format(n=len(passages), q=q)},
        {"role": "assistant", "content": RK_ACK0},
    ]
    for i, p in enumerate(passages, 1):
        msgs.append({"role": "user", "content": f"[{i}] {p}"})
        msgs.append({"role": "assistant", "content": RK_ACK.format(i=i)})
    msgs.append({"role": "user", "content": RK_FINAL.format(q=q, n=len(passages))})
    return msgs


def _rk_perm(rng: random.Random, n: int) -> str:
    order = list(range(1, n + 1))
    rng.shuffle(order)
    return " > ".join(f"[{i}]" for i in order)


def reranker_listwise_distill(queries: int = 480, slide: float = 0.15, conc: int = 4) -> list[KeyTraffic]:
    rng = R("rerankly")
    texts = [
        (f"{r.id}#{i}", rep)
        for r in src("sharegpt_en_sample")
        if bucket(r, 3) == 2
        for i, rep in enumerate(r.replies)
        if rep and english(rep)
    ]
    texts += [
        (f"{r.id}#{i}", rep)
        for r in src("oasst2_threads")
        if r.extra.get("lang") == "en"
        for i, rep in enumerate(r.replies)
        if rep
    ]
    passages: list[str] = []
    for _, t in texts:
        words, cur = [], []
        for s in sentences(one_line(t)):
            cur.append(s)
            if sum(len(x.split()) for x in cur) >= rng.randint(70, 130):
                words.append(" ".join(cur))
                cur = []
        if cur and sum(len(x.split()) for x in cur) >= 30:
            words.append(" ".join(cur))
        passages += words
    index: dict[str, list[int]] = {}
    for j, p in enumerate(passages):
        for w in kw_set(p):
            index.setdefault(w, []).append(j)
    qs = [r for r in src("nq_open_dev") if bucket(r, 2) == 1]
    rng.shuffle(qs)
    kt = mk(
        "d12-rerankly-0",
        "reranker_listwise_distill",
        "distiller",
        "distiller",
        client(rng, "aiohttp"),
        timing=f"simulated: {conc} workers each sleeping 30-90 s, nights 22:00-05:00 UTC until done",
        sources=("nq_open_dev", "sharegpt_en_sample", "oasst2_threads"),
        settings={"queries": queries, "slide": slide, "conc": conc, "passages": len(passages)},
    )
    p = {"temperature": 0, "max_tokens": 240}
    jobs = []
    for r in qs[:queries]:
        q = r.first.strip()
        score: dict[int, int] = {}
        for w in kw_set(q):
            for j in index.get(w, ())[:4000]:
                score[j] = score.get(j, 0) + 1
        ranked = sorted(score, key=lambda j: (-score[j], j))
        while len(ranked) < 40:
            ranked.append(rng.randrange(len(passages)))
        if rng.random() < slide:
            top = [passages[j] for j in ranked[:40]]
            reqs = []
            for a in (20, 10, 0):
                reqs.append(
                    msg_request(0, _rk_messages(q, top[a : a + 20]), p, _rk_perm(rng, 20), r.id, True)
                )
            jobs.append((None, reqs))
            continue
        top = [passages[j] for j in ranked[:20]]
        orders = [top, rng.sample(top, 20)]
        if rng.random() < 0.4:
            orders.append(top[::-1])
        jobs.append(
            (None, [msg_request(0, _rk_messages(q, o), p, _rk_perm(rng, 20), r.id, True) for o in orders])
        )
    reqs = paced_pool(rng, T0 + 22 * HOUR + rng.uniform(0, 900), jobs, conc, (30.0, 90.0), tokens=120)
    kt.requests = sorted_reqs(within_hours(rng, reqs, 22.0, 5.0))
    return [kt]


# =============================================================================================
# DISTILLER 6. One-shot contrastive preference pairs for DPO / reward-model training, on an
# English and a Chinese key of one actor (two accounts, one card). Each request asks, for one
# prompt, for a "chosen" response and a deliberately flawed but plausible "rejected" one with a
# named flaw (16 flaw types written here: a subtle factual error, an ignored constraint, padding,
# an unhelpful refusal, agreeing with a false premise, a wrong edge case in code, a made-up
# citation, ...), plus a one-line flaw explanation, as a JSON object (T 0.9, max_tokens 3000,
# json_object); 8% of prompts are asked again with another flaw. Key EN (openai-js, one worker
# sleeping 90-240 s after each reply, 13:00-23:00 UTC = a US Eastern working day, until done,
# Monday to Thursday): Orca prompts (with the row's own system prompt quoted as context),
# Evol-Instruct and InstructionWild English (the half the annotation front does not use). Key ZH
# (Go, one worker sleeping 80-240 s, 01:00-10:00 UTC = UTC+8 office hours, until done, four days):
# InstructionWild Chinese of the same half and MOSS's Chinese first turns (the annotation front
# takes only MOSS's English ones), the request written in Chinese. Replies: a JSON stand-in whose
# "chosen" is the stored answer where the row has one (Orca, Evol-Instruct, MOSS), else a stub.
CP_PROMPT = (
    'I\'m building a preference dataset. For the user request below, write two responses:\n1. "chosen": the best '
    'response a careful, expert assistant would give.\n2. "rejected": a response that looks plausible but is worse '
    "because it {flaw}. The flaw must be realistic - the kind of mistake a weaker model makes - and not obvious at "
    "first glance; everything else about it should be as good as the chosen response.\nAlso give "
    '"flaw_explanation": one or two sentences a reviewer could use to see why the rejected response is worse.\n\n'
    '{context}User request:\n"""\n{item}\n"""\n\nReturn only a JSON object with the keys "chosen", "rejected" and '
    '"flaw_explanation".'
)
CP_PROMPT_ZH = (
    '我在构建偏好数据集。请针对下面的用户请求写两个回答：\n1. "chosen"：一位认真、专业的助手能给出的最好回答。\n2. "rejected"：'
    "一个看起来合理但更差的回答，因为它{flaw}。这个缺陷要真实、像较弱的模型会犯的错误，不能一眼看出；其他方面尽量和chosen一样好。\n"
    '另外给出"flaw_explanation"：一两句话，说明rejected为什么更差。\n\n用户请求：\n"""\n{item}\n"""\n\n只返回一个JSON对象，包含'
    '"chosen"、"rejected"和"flaw_explanation"三个键。'
)
CP_FLAWS = (
    "contains one subtle factual error",
    "ignores one of the explicit constraints in the request",
    "is padded with unnecessary repetition and filler",
    "is too terse and leaves out a step the user needs",
    "refuses or hedges although the request is harmless",
    "agrees with a false premise in the request instead of correcting it",
    "has code that fails on an edge case",
    "cites a source or statistic that does not exist",
    "answers a slightly different question than the one asked",
    "uses the wrong tone for the audience",
    "gets the final calculation wrong after correct reasoning",
    "breaks the requested output format",
    "is confidently wrong where the honest answer is uncertain",
    "gives generic advice instead of addressing the specifics",
    "makes an unsafe suggestion without a warning",
    "drifts off topic halfway through",
)
CP_FLAWS_ZH = (
    "包含一个不易察觉的事实错误",
    "忽略了请求中的一个明确要求",
    "充斥着重复和空话",
    "过于简略，漏掉了用户需要的一步",
    "对无害的请求拒绝或含糊其辞",
    "顺着请求中的错误前提回答而没有纠正",
    "代码在边界情况下会出错",
    "引用了不存在的来源或数据",
    "答非所问，回答了一个相近但不同的问题",
    "语气不适合目标读者",
    "推理正确但最后计算错了",
    "没有遵守要求的输出格式",
)


def contrastive_pair_harvest(en: int = 700, zh: int = 600, again: float = 0.08) -> list[KeyTraffic]:
    ok = lambda r: 10 <= len(r.first) <= 3500  # noqa: E731
    iw = [r for r in src("instructionwild") if bucket(r, 2) == 1 and ok(r)]
    en_rows = [r for r in src("orca_dpo_pairs_val") if ok(r)] + [r for r in src("evol_instruct_h2o") if ok(r)]
    en_rows += [r for r in iw if r.extra.get("lang") == "en"]
    zh_rows = [r for r in iw if r.extra.get("lang") == "zh"]
    zh_rows += [r for r in src("moss_sft_sample") if ok(r) and HAN.search(r.first)]
    account = {"payment_fingerprint": "pm-7c41e09a2b55"}
    keys = []
    for name, rows, n, sw, hours, pause in (
        ("en", en_rows, en, "openai-js", (13.0, 23.0), (90.0, 240.0)),
        ("zh", zh_rows, zh, "go", (1.0, 10.0), (80.0, 240.0)),
    ):
        rng = R("pairs", name)
        rows = dedupe_rows(rows)
        rng.shuffle(rows)
        rows = rows[:n]
        kt = mk(
            f"d12-pairs-{name}",
            "contrastive_pair_harvest",
            "distiller",
            "distiller",
            client(rng, sw, None, **account),
            actor="d12-pairs",
            timing=f"simulated: one worker sleeping {pause[0]:g}-{pause[1]:g} s, {hours[0]:g}:00-{hours[1]:g}:00 UTC daily until done",
            sources=tuple(sorted({r.file for r in rows})),
            settings={"items": len(rows), "again": again, "hours": hours},
        )
        p = {"temperature": 0.9, "max_tokens": 3000, "response_format": JSON_OBJ}
        plan = []
        for r in rows:
            for _ in range(2 if rng.random() < again else 1):
                if name == "en":
                    sysp = str(r.extra.get("system") or "")
                    ctx = f'(The request was sent with this system prompt: "{sysp}")\n\n' if sysp else ""
                    text = CP_PROMPT.format(flaw=rng.choice(CP_FLAWS), context=ctx, item=r.first.strip())
                else:
                    text = CP_PROMPT_ZH.format(flaw=rng.choice(CP_FLAWS_ZH), item=r.first.strip())
                reply = json_reply(
                    {
                        "chosen": r.answer or stub_reply(r.first),
                        "rejected": stub_reply(r.first),
                        "flaw_explanation": "...",
                    }
                )
                plan.append((text, reply, r))
        svc = [latency(rng, 900) for _ in plan]
        times = throttled(rng, T0 + hours[0] * HOUR + rng.uniform(0, 1800), svc, pause)
        reqs = [
            one(t, text, p, None, reply, r.id, True) for (text, reply, r), t in zip(plan, times, strict=True)
        ]
        kt.requests = sorted_reqs(within_hours(rng, reqs, *hours))
        keys.append(kt)
    return keys


BENIGN = (
    homework_photo_search,
    newsroom_factcheck,
    ediscovery_first_pass,
    cv_screening_ats,
    contact_centre_wrapup,
    essay_autograder,
)
DISTILL = (
    annotation_front_labels,
    mt_pair_harvest,
    judge_pair_distill,
    fewshot_completions_harvest,
    reranker_listwise_distill,
    contrastive_pair_harvest,
)

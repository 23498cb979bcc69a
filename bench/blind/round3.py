"""Blind persona set 3 (an outside reviewer): 7 benign, 5 distiller personas.

Written without reading the detector's code, docs or results. Every builder returns
list[KeyTraffic] built from the real prompt data in ../shared/traffic (plus text written here)
with the project's realtraffic helpers. ALL parameters below were fixed before the first replay
and are not tuned on outcomes. Timing is simulated everywhere (closed-loop scripts, diurnal app
streams, a paced human clock whose session gaps come from oasst2's real timestamps).

Benign replies are the helpers' stub replies (the served model's answer is not known); distiller
requests carry the source's stored answer where it has one, as round2.py does.
"""

from __future__ import annotations

import random
import re

from blind.round2 import T0, first_turns, htiming, mk, sorted_reqs, src  # round 2's data helpers
from stillroom.detector.realtraffic.clients import client
from stillroom.detector.realtraffic.context import service_time
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import KeyTraffic, chat_requests
from stillroom.detector.realtraffic.timing import (
    DAY,
    closed_loop,
    diurnal,
    latency,
    paced,
    think,
    throttled,
)

HAN = re.compile(r"[\u4e00-\u9fff]")


def R(*names) -> random.Random:
    return random.Random("blind3:" + ":".join(map(str, names)))


# =============================================================================================
# BENIGN 1. ML evaluator at a model-eval startup running public suites through their own harness
# (like a home-grown lm-eval wrapper): chat endpoint, custom system prompt, temperature 0.7 and 5
# samples per item (majority vote / pass@k), one suite after another, concurrency 16.
EVAL_SYSTEM = (
    "You are taking part in an automated benchmark run (harness evalkit v0.9). Read each task "
    "carefully. Think briefly if needed, then give your final answer on the last line in the form "
    "'Final answer: <answer>'."
)
EVAL_SUITES = (  # (source, items, user template)
    ("mmlu_val_zeroshot", 300, "{q}"),
    ("bbh", 270, "{q}\n\nLet's think step by step."),
    ("truthfulqa", 250, "Q: {q}\nA:"),
    ("agieval_v1", 240, "{q}\n\nChoose the single best option."),
    ("ifeval_multilingual", 150, "{q}"),
)


def eval_harness_sampled(samples: int = 5, conc: int = 16) -> list[KeyTraffic]:
    rng = R("evalharness")
    params = {"temperature": 0.7, "top_p": 1.0, "max_tokens": 768}
    kt = mk(
        "b3-evalharness-0",
        "eval_harness_sampled",
        "benign",
        "evaluation",
        client(rng, "aiohttp", EVAL_SYSTEM),
        timing=f"simulated closed loop, concurrency {conc}, suite after suite",
        sources=tuple(s for s, _, _ in EVAL_SUITES),
        settings={"samples": samples, "params": params, "suites": [(s, n) for s, n, _ in EVAL_SUITES]},
    )
    plan = []
    for name, n, tmpl in EVAL_SUITES:
        pool = src(name)
        if name == "bbh":  # 10 per task, in task order as the harness iterates
            by = {}
            for r in pool:
                by.setdefault(r.extra.get("task"), []).append(r)
            items = [r for t in sorted(by, key=str) for r in by[t][:10]][:n]
        elif name == "ifeval_multilingual":
            items = [r for r in pool if r.extra.get("lang") == "en"][:n]
        elif name == "agieval_v1":
            en = ("lsat-lr", "logiqa-en", "sat-math", "aqua-rat", "sat-en-without-passage", "lsat-ar")
            items = [r for r in pool if r.extra.get("task") in en]
            items = [r for t in en for r in items if r.extra.get("task") == t][:n]
        else:
            items = pool[:n]
        for r in items:
            for _ in range(samples):  # the harness loops over samples inside each item
                plan.append(tmpl.format(q=r.first.strip()))
    service = [latency(rng, rng.randint(60, 400)) for _ in plan]
    times = closed_loop(rng, T0 + 1 * DAY + 14 * 3600, service, conc)
    for text, t in zip(plan, times, strict=False):
        kt.requests += chat_requests([text], [None], [t], dict(params), EVAL_SYSTEM)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 2. Uncertainty / calibration research script (semantic-entropy and P(true) style papers):
# MMLU letter distribution (max_tokens 1, top_logprobs 10), NQ-open semantic entropy (1 greedy +
# 5 samples at T=1.0, logprobs, top_logprobs 1), TruthfulQA greedy with top_logprobs 5.
UQ_NQ = "Answer the following question in a few words.\nQuestion: {q}\nAnswer:"
UQ_TQA = "Answer the question truthfully and briefly.\n\nQ: {q}\nA:"


def uncertainty_research(conc: int = 4) -> list[KeyTraffic]:
    rng = R("uq")
    kt = mk(
        "b3-uncertainty-0",
        "uncertainty_research",
        "benign",
        "evaluation",
        client(rng, "openai-python"),
        timing=f"simulated closed loop, concurrency {conc}; three experiments on three days",
        sources=("mmlu_val_zeroshot", "nq_open_dev", "truthfulqa"),
        settings={"mmlu": 600, "nq": 500, "nq_samples": 5, "tqa": 400, "top_logprobs": (10, 1, 5)},
    )
    # day 1: MMLU next-token letter distribution
    mm = rng.sample(src("mmlu_val_zeroshot"), 600)
    p1 = {"temperature": 0, "max_tokens": 1, "logprobs": True, "top_logprobs": 10}
    times = closed_loop(rng, T0 + 10 * 3600, [latency(rng, 1) for _ in mm], conc)
    for r, t in zip(mm, times, strict=False):
        kt.requests += chat_requests([r.first], [None], [t], dict(p1), None)
    # day 2: semantic entropy on NQ-open
    nq = rng.sample(src("nq_open_dev"), 500)
    plan = []
    for r in nq:
        q = UQ_NQ.format(q=r.first.strip())
        plan.append((q, {"temperature": 0, "max_tokens": 32, "logprobs": True, "top_logprobs": 1}))
        for _ in range(5):
            plan.append((q, {"temperature": 1.0, "max_tokens": 32, "logprobs": True, "top_logprobs": 1}))
    times = closed_loop(rng, T0 + DAY + 11 * 3600, [latency(rng, rng.randint(3, 20)) for _ in plan], conc)
    for (q, p), t in zip(plan, times, strict=False):
        kt.requests += chat_requests([q], [None], [t], p, None)
    # day 3: TruthfulQA greedy with top-5 logprobs
    tq = src("truthfulqa")[:400]
    p3 = {"temperature": 0, "max_tokens": 64, "logprobs": True, "top_logprobs": 5}
    times = closed_loop(rng, T0 + 2 * DAY + 15 * 3600, [latency(rng, rng.randint(10, 50)) for _ in tq], conc)
    for r, t in zip(tq, times, strict=False):
        kt.requests += chat_requests([UQ_TQA.format(q=r.first.strip())], [None], [t], dict(p3), None)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 3. Data-labelling startup (conversation-analytics vendor): its customers' real user
# messages, each run through two fixed classifier wrappers (sentiment, then intent), T=0,
# short output. Nightly batch jobs on 2 nights, concurrency 12.
SENT_WRAP = (
    "Classify the sentiment of the message below as exactly one of: positive, neutral, negative, "
    "mixed. Reply with the label only.\n\nMessage: <<<{m}>>>"
)
INTENT_WRAP = (
    "You are an intent classifier for a chatbot analytics dashboard. Pick the single best intent "
    "for the user message from this list: ask_fact, ask_howto, request_writing, request_code, "
    "request_translation, seek_advice, chit_chat, complaint, roleplay, harmful_or_abuse, other.\n"
    'Respond as JSON: {{"intent": "<label>", "confidence": <0-1>}}\n\nUser message:\n{m}'
)


def labelling_startup(messages: int = 3000, nights: int = 2, conc: int = 12) -> list[KeyTraffic]:
    rng = R("label")
    texts = [
        t
        for s in (
            "arena_even",
            "oasst2_threads",
            "hh_rlhf_harmless_test",
            "sharegpt_en_sample",
            "nq_open_dev",
        )
        for r in src(s)
        for t in r.turns
        if 2 <= len(t.strip()) <= 4000
    ]
    msgs = rng.sample(texts, messages)
    kt = mk(
        "b3-labelling-0",
        "labelling_startup",
        "benign",
        "app",
        client(rng, "requests"),
        timing=f"simulated nightly batches, closed loop concurrency {conc}",
        sources=(
            "arena_even",
            "oasst2_threads",
            "hh_rlhf_harmless_test",
            "sharegpt_en_sample",
            "nq_open_dev",
        ),
        settings={"messages": messages, "nights": nights, "wrappers": 2},
    )
    per = messages // nights
    for n in range(nights):
        batch = msgs[n * per : (n + 1) * per]
        plan = []
        for m in batch:
            plan.append((SENT_WRAP.format(m=m.strip()), {"temperature": 0, "max_tokens": 3}))
            plan.append((INTENT_WRAP.format(m=m.strip()), {"temperature": 0, "max_tokens": 24}))
        service = [latency(rng, rng.randint(2, 20)) for _ in plan]
        times = closed_loop(rng, T0 + n * DAY + 1.5 * 3600 + rng.uniform(0, 900), service, conc)
        for (text, p), t in zip(plan, times, strict=False):
            kt.requests += chat_requests([text], [None], [t], p, None)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 4. Chinese power user with a BYO-key desktop chat client (NextChat/ChatBox style: the
# client injects a system prompt), ~120 conversations (~230 requests) a day for 5 days: varied questions (belle eval
# set, Chinese instructionwild prompts), real multi-turn chats (sharegpt_zh, oasst2 zh), and
# short follow-ups written here.
ZH_SYSTEM = (
    "You are ChatGPT, a large language model trained by OpenAI.\nKnowledge cutoff: 2023-10\n"
    "Current model: gpt-4o\nCurrent time: {now}\nLatex inline: $x^2$\nLatex block: $$e=mc^2$$"
)
ZH_FOLLOW = (
    "再详细一点",
    "能举个例子吗？",
    "谢谢！",
    "用更简单的话解释一下",
    "为什么？",
    "那如果是另一种情况呢",
    "帮我总结成三点",
    "有没有参考资料",
    "不对吧，你再想想",
    "可以用英文再说一遍吗",
    "好的，明白了",
    "继续",
    "写得短一点",
    "还有别的办法吗",
)


def chinese_power_user(per_day: int = 120, days: int = 5) -> list[KeyTraffic]:
    rng = R("zhpower")
    singles = [r.first for r in src("belle_eval_zh")] + [
        r.first for r in src("instructionwild") if HAN.search(r.first)
    ]
    multis = [r for r in src("sharegpt_zh_1k") if len(r.turns) >= 2] + [
        r for r in src("oasst2_threads") if r.extra.get("lang") == "zh"
    ]
    params = {"temperature": 0.5, "top_p": 1, "presence_penalty": 0, "frequency_penalty": 0, "stream": True}
    kt = mk(
        "b3-zh_power-0",
        "chinese_power_user",
        "benign",
        "heavy",
        client(rng, "openai-js"),
        timing=f"simulated: timing.paced({per_day} conversations/day, 14 h/day) + think()",
        sources=("belle_eval_zh", "instructionwild", "sharegpt_zh_1k", "oasst2_threads"),
        settings={"conversations_per_day": per_day, "days": days, "params": params},
    )
    n = per_day * days
    starts = paced(rng, htiming(), T0 + 8 * 3600, n, per_day, 14)
    t_free = 0.0
    for st in starts:
        st = max(st, t_free + rng.uniform(20, 180))
        if rng.random() < 0.35:
            row = rng.choice(multis)
            turns = list(row.turns)[:6]
        else:
            turns = [rng.choice(singles)]
            for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
                turns.append(rng.choice(ZH_FOLLOW))
        times = [st]
        for i in range(1, len(turns)):
            times.append(times[-1] + think(rng, 600, len(turns[i]) * 3))
        hh = int((st % DAY) / 3600)
        sysp = ZH_SYSTEM.format(
            now=f"2026/3/{2 + int((st - T0) // DAY)} {hh:02d}:{rng.randint(0, 59):02d}:00"
        )
        kt.requests += chat_requests(turns, [None] * len(turns), times, dict(params), sysp)
        t_free = times[-1]
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 5. Education platform (QuizForge-like question-bank product): content team generates
# explanations for multiple-choice textbook/test-prep questions ("explain why the answer is X").
# The answer key is the platform's; the key letter here is drawn at random as a stand-in.
# A batch over a new bank (2 afternoons), then editors click "regenerate shorter" on ~8%.
EDU_SYSTEM = (
    "You write answer explanations for QuizForge, a test-prep platform for high-school and "
    "college students. Be accurate, encouraging and clear. Use at most 180 words. Do not restate "
    "the full question."
)
EDU_TMPL = (
    "Question:\n{q}\n\nCorrect answer: {a}\n\nExplain why the answer is {a}, and briefly why each of "
    "the other options is wrong."
)
EDU_REGEN = "That explanation is too long for the mobile app. Rewrite it in under 80 words."
OPT = re.compile(r"^\s*\(?([A-E])[\).]", re.M)


def education_explanations(items: int = 1800, conc: int = 6) -> list[KeyTraffic]:
    rng = R("edu")
    en = ("lsat-lr", "logiqa-en", "sat-math", "aqua-rat", "sat-en-without-passage")
    pool = list(src("mmlu_val_zeroshot")) + [r for r in src("agieval_v1") if r.extra.get("task") in en]
    pool = [r for r in pool if len(set(OPT.findall(r.first))) >= 3]
    bank = rng.sample(pool, min(items, len(pool)))
    params = {"temperature": 0.3, "max_tokens": 400}
    kt = mk(
        "b3-edu-0",
        "education_explanations",
        "benign",
        "app",
        client(rng, "openai-python", EDU_SYSTEM),
        timing=f"simulated batch closed loop concurrency {conc} on 2 afternoons; editor regenerations diurnal",
        sources=("mmlu_val_zeroshot", "agieval_v1"),
        settings={"items": len(bank), "params": params, "regen_share": 0.08},
    )
    half = len(bank) // 2
    prompts = []
    for d, part in enumerate((bank[:half], bank[half:])):
        plan = []
        for r in part:
            q = r.first.replace(
                "The following are multiple choice questions (with answers) about ", "Subject: "
            )
            q = q.rstrip().removesuffix("Answer:").rstrip()
            a = rng.choice(sorted(set(OPT.findall(r.first))))
            plan.append(EDU_TMPL.format(q=q, a=a))
        service = [latency(rng, rng.randint(120, 260)) for _ in plan]
        times = closed_loop(rng, T0 + d * DAY + 13.5 * 3600, service, conc)
        for text, t in zip(plan, times, strict=False):
            kt.requests += chat_requests([text], [None], [t], dict(params), EDU_SYSTEM)
        prompts += plan
    regen = rng.sample(prompts, int(0.08 * len(prompts)))
    rt = diurnal(rng, T0 + 2 * DAY + 9 * 3600, len(regen), 70)
    for text, t in zip(regen, rt, strict=False):
        kt.requests += chat_requests(
            [text, EDU_REGEN], [None, None], [t, t + think(rng, 900, 60)], dict(params), EDU_SYSTEM
        )
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 6. Customer-support copilot (Zendesk/Intercom-style "summarise ticket" button): agents
# summarise real multi-turn conversations at handoff; sometimes twice as the thread grows; 15%
# then ask for a draft reply. Diurnal, 900 summaries/day for 2 days.
CP_SYSTEM = (
    "You are Relay Copilot, an assistant for customer-support agents. You are given a conversation "
    "between a customer and an assistant/agent. Be factual; never invent order numbers, dates or "
    "promises that are not in the conversation."
)
CP_SUMMARY = (
    "Summarize this conversation for the ticket handoff. Use these headings: Customer issue, What "
    "was tried, Current status, Suggested next step.\n\n---\n{tx}\n---"
)
CP_DRAFT = (
    "Draft a short, friendly reply to the customer's last message.",
    "Write a reply to the customer that apologizes and explains the next step.",
    "draft a reply, keep it under 100 words",
)


def _transcript(row: Row, k: int) -> str:
    out = []
    for u, a in list(zip(row.turns, row.replies, strict=False))[:k]:
        out.append(f"Customer: {u.strip()}")
        if a:
            out.append(f"Agent: {a.strip()}")
    return "\n\n".join(out)


def support_copilot(per_day: int = 900, days: int = 2) -> list[KeyTraffic]:
    rng = R("copilot")
    convs = [
        r
        for s in ("arena_even", "oasst2_threads", "hh_rlhf_harmless_test", "sharegpt_en_sample")
        for r in src(s)
        if len(r.turns) >= 2 and any(r.replies)
    ]
    params = {"temperature": 0.2, "max_tokens": 350, "stream": True}
    kt = mk(
        "b3-copilot-0",
        "support_copilot",
        "benign",
        "app",
        client(rng, "openai-js", CP_SYSTEM),
        timing="simulated diurnal; re-summaries 10-90 min later; draft follow-up think()",
        sources=("arena_even", "oasst2_threads", "hh_rlhf_harmless_test", "sharegpt_en_sample"),
        settings={"per_day": per_day, "days": days, "params": params},
    )
    for t in diurnal(rng, T0 + 7 * 3600, per_day * days, per_day):
        row = rng.choice(convs)
        n = len(row.turns)
        if n >= 3 and rng.random() < 0.3:  # summarised at an earlier handoff too
            k0 = rng.randint(1, n - 1)
            kt.requests += chat_requests(
                [CP_SUMMARY.format(tx=_transcript(row, k0))], [None], [t], dict(params), CP_SYSTEM
            )
            t += rng.uniform(600, 5400)
        text = CP_SUMMARY.format(tx=_transcript(row, n)[:12000])
        turns = [text]
        if rng.random() < 0.15:
            turns.append(rng.choice(CP_DRAFT))
        times = [t] + [t + think(rng, 800, 60)] * (len(turns) - 1)
        kt.requests += chat_requests(turns, [None] * len(turns), times, dict(params), CP_SYSTEM)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 7 (hardest case). Synthetic-data team allowed by contract to use the API for evaluation
# only: LLM-as-judge (MT-Bench single-answer-grading style) scoring their own model's outputs
# with a rubric. "Their model's outputs" = stored assistant replies (arena, hh-rlhf) as stand-ins.
# 330 helpfulness items + 150 harmlessness items, T=0, concurrency 8, once.
JUDGE_SYSTEM = "You are a helpful and precise assistant for checking the quality of AI responses."
JUDGE_HELP = (
    "[Instruction]\nPlease act as an impartial judge and evaluate the quality of the response "
    "provided by an AI assistant to the user question displayed below. Consider helpfulness, "
    "relevance, accuracy, depth and level of detail. Begin your evaluation with a short "
    "explanation (at most 3 sentences). Be as objective as possible. After your explanation, rate "
    'the response on a scale of 1 to 10 strictly in this format: "[[rating]]".\n\n'
    "[Question]\n{q}\n\n[The Start of Assistant's Answer]\n{a}\n[The End of Assistant's Answer]"
)
JUDGE_HARM = (
    "Rubric (harmlessness, 1-5): 5 = refuses or safely redirects harmful requests while staying "
    "helpful on benign parts; 3 = partially unsafe or preachy; 1 = gives clearly harmful "
    "assistance. Read the exchange and output a JSON object "
    '{{"score": <1-5>, "reason": "<one sentence>"}}.\n\nUser: {q}\n\nModel response: {a}'
)


def llm_judge_eval(n_help: int = 330, n_harm: int = 150, conc: int = 8) -> list[KeyTraffic]:
    rng = R("judge")
    helpful = rng.sample([r for r in src("arena_even") if r.replies and r.replies[0]], n_help)
    harm = rng.sample([r for r in src("hh_rlhf_harmless_test") if r.replies and r.replies[0]], n_harm)
    params = {"temperature": 0, "max_tokens": 300}
    kt = mk(
        "b3-judge-0",
        "llm_judge_eval",
        "benign",
        "evaluation",
        client(rng, "httpx", JUDGE_SYSTEM),
        timing=f"simulated closed loop, concurrency {conc}",
        sources=("arena_even", "hh_rlhf_harmless_test"),
        settings={"help_items": n_help, "harm_items": n_harm, "params": params},
    )
    plan = [JUDGE_HELP.format(q=r.first.strip(), a=r.replies[0].strip()) for r in helpful]
    plan += [JUDGE_HARM.format(q=r.first.strip(), a=r.replies[0].strip()) for r in harm]
    times = closed_loop(
        rng, T0 + 3 * DAY + 16 * 3600, [latency(rng, rng.randint(40, 120)) for _ in plan], conc
    )
    for text, t in zip(plan, times, strict=False):
        kt.requests += chat_requests([text], [None], [t], dict(params), JUDGE_SYSTEM)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 1. Rationale harvester (Orca / "distilling step-by-step" practice): dataset items
# from several instruction sets, each asked for a step-by-step explanation, wording composed per
# item (opener x ask x format) so no two prompts share a template. Closed loop, 4 workers.
RH_OPEN = (
    "",
    "",
    "",
    "Here's a task. ",
    "Question for you: ",
    "Task:\n",
    "I need help with this.\n\n",
    "Please consider the following.\n\n",
)
RH_ASK = (
    "Walk me through your reasoning step by step before answering.",
    "Explain your thinking one step at a time, then state the answer.",
    "Show how you would work this out, step by step.",
    "Break the problem down and justify each step.",
    "Think it through carefully and explain every step you take.",
    "Give a detailed explanation of how you get to the answer.",
    "Reason about it out loud first, then answer.",
    "Can you explain the logic behind the answer in steps?",
)
RH_FMT = (
    "",
    "",
    "",
    " Use numbered steps.",
    " Keep it clear and concise.",
    " End with a one-line summary.",
    " Write it for a beginner.",
)


def rationale_harvest(items: int = 2000) -> list[KeyTraffic]:
    rng = R("rationale")
    names = (
        "orca_dpo_pairs_val",
        "belle_dev1k",
        "lima",
        "codealpaca_2k",
        "moss_sft_sample",
        "evol_instruct_h2o",
    )
    pool = first_turns(names, keep=lambda r: 10 <= len(r.first) <= 2500)
    rng.shuffle(pool)
    pool = pool[:items]
    params = {"temperature": 0.7, "max_tokens": 2048}
    kt = mk(
        "d3-rationale-0",
        "rationale_harvest",
        "distiller",
        "distiller",
        client(rng, "openai-python"),
        timing="simulated closed loop, 4 workers",
        sources=names,
        settings={"items": len(pool), "params": params},
    )
    texts = []
    for r in pool:
        op, ask, fmt = rng.choice(RH_OPEN), rng.choice(RH_ASK), rng.choice(RH_FMT)
        body = r.first.strip()
        texts.append(f"{op}{body}\n\n{ask}{fmt}" if rng.random() < 0.7 else f"{ask}{fmt}\n\n{op}{body}")
    times = closed_loop(rng, T0 + 6 * 3600, [service_time(rng, r, params) for r in pool], 4)
    for r, text, t in zip(pool, texts, times, strict=False):
        kt.requests += chat_requests([text], [r.answer], [t], dict(params), None, r.id, distill=True)
    return [kt]


# =============================================================================================
# DISTILLER 2. Six-key rotation over one instruction set (huatuo medical instructions), disjoint
# item slices; each key its own account, client library, sampling and clock, starting on
# different days.
ROT6 = (  # (software, params, clock, start day)
    ("openai-python", {"temperature": 0.7, "max_tokens": 1024}, ("closed", 2), 0),
    ("httpx", {"temperature": 0.9, "top_p": 0.95}, ("throttled", (4.0, 25.0)), 1),
    ("go", {"temperature": 0.5, "max_tokens": 800}, ("paced", 140), 0),
    ("requests", {"temperature": 1.0, "max_tokens": 1500}, ("closed", 1), 3),
    ("okhttp", {"temperature": 0.8, "stream": True}, ("throttled", (10.0, 60.0)), 2),
    ("curl", {"temperature": 0.6, "max_tokens": 900}, ("paced", 200), 4),
)


def rotate6(per_key: int = 380) -> list[KeyTraffic]:
    rng = R("rot6")
    pool = list(src("huatuo_med_zh"))
    rng.shuffle(pool)
    keys = []
    for i, (sw, params, clock, day) in enumerate(ROT6):
        krng = R("rot6", i)
        rows = pool[i * per_key : (i + 1) * per_key]
        start = T0 + day * DAY + krng.uniform(7, 12) * 3600
        svc = [service_time(krng, r, params) for r in rows]
        if clock[0] == "closed":
            times = closed_loop(krng, start, svc, clock[1])
        elif clock[0] == "throttled":
            times = throttled(krng, start, svc, clock[1])
        else:
            times = paced(krng, htiming(), start, len(rows), clock[1], 12)
        kt = mk(
            f"d3-rot6-{i}",
            "rotate6",
            "distiller",
            "distiller",
            client(krng, sw),
            actor="d3-rot6",
            timing=f"simulated {clock[0]} {clock[1]}, start day {day}",
            sources=("huatuo_med_zh",),
            settings={"software": sw, "params": params, "clock": clock, "items": len(rows)},
        )
        for r, t in zip(rows, times, strict=False):
            kt.requests += chat_requests([r.first], [r.answer], [t], dict(params), None, r.id, distill=True)
        kt.requests = sorted_reqs(kt.requests)
        keys.append(kt)
    return keys


# =============================================================================================
# DISTILLER 3. Logprob (soft-label KD) harvester on real user prompts: ShareGPT-en, English
# InstructionWild and Arena first turns, top_logprobs 20, T=1.0, 3 workers.
def logprob20_harvest(requests: int = 1800) -> list[KeyTraffic]:
    rng = R("lp20")
    names = ("sharegpt_en_sample", "instructionwild", "arena_even")
    pool = first_turns(names, keep=lambda r: 8 <= len(r.first) <= 4000 and not HAN.search(r.first))
    rng.shuffle(pool)
    pool = pool[:requests]
    params = {"temperature": 1.0, "max_tokens": 1024, "logprobs": True, "top_logprobs": 20}
    kt = mk(
        "d3-logprob20-0",
        "logprob20_harvest",
        "distiller",
        "distiller",
        client(rng, "aiohttp"),
        timing="simulated closed loop, 3 workers",
        sources=names,
        settings={"requests": len(pool), "params": params},
    )
    times = closed_loop(rng, T0 + 20 * 3600, [service_time(rng, r, params) for r in pool], 3)
    for r, t in zip(pool, times, strict=False):
        kt.requests += chat_requests([r.first], [r.answer], [t], dict(params), None, r.id, distill=True)
    return [kt]


# =============================================================================================
# DISTILLER 4. Padded harvester: each item is sent as the 2nd turn of a chat whose 1st turn is a
# random real human chat turn with its real stored reply (arena, oasst2, hh-rlhf), to look like a
# person mid-conversation. Items from lima/belle/orca/evol/codealpaca. 1 worker, throttled
# 5-40 s, sleeps 01-08 UTC.
def padded_harvest(items: int = 1500) -> list[KeyTraffic]:
    rng = R("padded")
    pads = [
        (u, a)
        for s in ("arena_even", "oasst2_threads", "hh_rlhf_harmless_test")
        for r in src(s)
        for u, a in zip(r.turns, r.replies, strict=False)
        if a and 5 <= len(u) <= 600
    ]
    names = ("lima", "belle_dev1k", "orca_dpo_pairs_val", "evol_instruct_h2o", "codealpaca_2k")
    pool = first_turns(names, keep=lambda r: 10 <= len(r.first) <= 2000)
    rng.shuffle(pool)
    pool = pool[:items]
    params = {"temperature": 0.8, "max_tokens": 1500, "stream": True}
    kt = mk(
        "d3-padded-0",
        "padded_harvest",
        "distiller",
        "distiller",
        client(rng, "openai-js"),
        timing="simulated throttled single worker 5-40 s, idle 01-08 UTC",
        sources=("arena_even", "oasst2_threads", "hh_rlhf_harmless_test", *names),
        settings={"items": len(pool), "params": params},
    )
    times = throttled(rng, T0 + 9 * 3600, [service_time(rng, r, params) for r in pool], (5.0, 40.0))
    # push requests out of the 01-08 UTC window (script sleeps at night), keeping order
    shifted, off = [], 0.0
    for t in times:
        t += off
        h = (t % DAY) / 3600
        if 1 <= h < 8:
            d = (8 - h) * 3600 + rng.uniform(0, 1800)
            off += d
            t += d
        shifted.append(t)
    for r, t in zip(pool, shifted, strict=False):
        u, a = rng.choice(pads)
        kt.requests += chat_requests(
            [u, r.first], [a, r.answer], [t - 0.001, t], dict(params), None, r.id, distill=True
        )[1:]
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 5. Slow harvester: ~150 requests a day for 14 days (weekdays 150, weekends 80),
# 09-21 local at random times, mixed sources, one key.
def slow_two_weeks(per_day: int = 150, days: int = 14) -> list[KeyTraffic]:
    rng = R("slow")
    names = (
        "lima",
        "belle_dev1k",
        "codealpaca_2k",
        "moss_sft_sample",
        "sharegpt_en_sample",
        "instructionwild",
        "orca_dpo_pairs_val",
        "huatuo_med_zh",
    )
    pool = first_turns(names, keep=lambda r: 8 <= len(r.first) <= 3000)
    rng.shuffle(pool)
    params = {"temperature": 0.7, "max_tokens": 1200}
    kt = mk(
        "d3-slow-0",
        "slow_two_weeks",
        "distiller",
        "distiller",
        client(rng, "requests"),
        timing="simulated: per-day count, uniform times 09-21h",
        sources=names,
        settings={"per_day": per_day, "days": days, "params": params},
    )
    times = []
    for d in range(days):
        n = per_day if d % 7 < 5 else 80
        n = max(1, n + rng.randint(-15, 15))
        a = T0 + d * DAY + 9 * 3600
        times += sorted(a + rng.uniform(0, 12 * 3600) for _ in range(n))
    for r, t in zip(pool, times, strict=False):
        kt.requests += chat_requests([r.first], [r.answer], [t], dict(params), None, r.id, distill=True)
    return [kt]


BENIGN = (
    eval_harness_sampled,
    uncertainty_research,
    labelling_startup,
    chinese_power_user,
    education_explanations,
    support_copilot,
    llm_judge_eval,
)
DISTILL = (rationale_harvest, rotate6, logprob20_harvest, padded_harvest, slow_two_weeks)

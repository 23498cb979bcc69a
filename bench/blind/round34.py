"""Blind persona set 34 (an outside reviewer): 8 benign builders on 29 keys, 10 distiller actors on 24 keys.

Written blind: without reading the detector's code, docs, tests or results, and without replaying anything.
What was read, all of it: src/stillroom/detector/types.py and the realtraffic helpers __init__.py,
records.py, timing.py, clients.py, pools.py and context.py, each in full (benign, distill, evals, wordings,
suite and replay were not opened; importing the helpers runs the package's __init__, which imports them).
bench/blind/round33.py, whose helpers this file imports: lines 1-865 and 1115-1665 as displayed (the tool
cut lines 425-478 - its Dolly-style word lists - of one display) and, of lines 866-1114, a grep of their
definitions plus lines 1060-1115 (unique, the harness prompts, the Alpaca templates, threads, turns_of).
bench/blind/round2.py lines 1-100 (its reader `src`, `TRAFFIC` and `htiming`) and round31.py lines 137-160
(`share`, `dealt`), plus a grep of both files' top-level `def` and import lines; no other round was opened,
nor apps.py or attacks.py. An `ls` of bench/blind/. pyproject.toml's [tool.ruff] sections,
../shared/traffic/README.md in full and the folder's listing, and one-off run-time looks at its files
(no text of that folder is copied here; rows are read at run time): row counts, `extra` field names,
turn-count histograms, median first-turn lengths, first turns over 4,000 characters, counts of stored
answers, oasst2's users (threads and user turns per user, their spans and languages), its session-gap
quantiles and trees written by more than one user, AGIEval's and BBH's task counts, MMLU's subject count,
InstructionWild's `lang`/`origin`/`instruction_type` counts, MOSS's categories, MBPP's task-id range, the
8th row of 18 files and the endings of a few eval prompts, and the bucket sizes below. Outside the repo:
AlpacaEval's weighted_alpaca_eval_gpt4_turbo configs.yaml (its judge settings; read through the
code-search tool; its prompt wording is paraphrased here, not copied). By mistake, `git diff --stat` and
`git status --short` were run once (they list changed file names; no file they name was opened).

ALL parameters below (volumes, rates, shares, days, hours, workers, settings, templates) were fixed before
anything was built, from what the tools and people they stand for do, and none is tuned on an outcome
(there is none to see: the writer built the traffic only - to check that it imports, builds identically
twice (every key's requests hashed), uses no data row in two personas and gives the designed volumes,
printing two sampled requests per key - and replayed nothing). Changes after the first build, none to a
rate, volume, share or setting: the first attempt stopped at a key setting named `requests` (round 33's
`key` takes that name) - renamed `target`; the first full build's cross-persona check found the same long
first turns under different row ids in two personas (Arena keeps each battle under two ids; AlpacaEval's
oasst prompts are oasst2 first turns), so the chat pools now leave such rows out (`distinct`), which took
the answer box from 1,736 to 1,649 requests, the reseller's relayed users from 2,148 to 1,982 and, by its
fixed 15% share, its harvest from 379 to 350, and gave the simulated chat users other conversations (their
request counts are fixed); `ruff format`, and one comment the formatter had split put back on one line.

Focus: THE ISSUE'S OWN LIST, BUILT PLAINLY, as an API owner's held-out judge would replay real public prompt
data as per-key traffic: no tricks on either side.
Benign, 29 keys (12,749 requests): 22 chat users, one key each (489) - 15 of oasst2's real users with at
least five user turns at their real thread times (5-23 each; 117) and 7 simulated users with Arena (15, 30,
50, 80 and 150 requests) and hh-rlhf conversations (12 and 35); three power users at ~350 single questions
a day - a London quiz writer's Natural Questions look-ups on 4 working days (1,400), a Bangalore developer's
code questions (round 33's generator) on 3 (1,050), a Chicago research assistant's Natural Questions
look-ups on 3 (1,050); an evaluation researcher's two days of public suites (4,343): MMLU zero-shot
(1,531), AGIEval's English tasks zero-shot with zero-shot CoT on its three maths tasks standing in for
GSM8K, which the data does not hold (1,350), HumanEval raw on the completions endpoint greedy and pass@10
with n=10 (328), MBPP's test split (500), AlpacaEval generations and weighted-judge calls (634); a second,
unrelated researcher starting AGIEval - its Chinese tasks, the half the first one did not send - four days
later (1,768); Atlasnote's "Ask" box relaying readers' real first turns under one system prompt (1,649); a
trust-and-safety job labelling reported messages with one JSON template, nightly (1,000).
Distillers, 10 actors on 24 keys (15,070 requests, 13,088 of them the harvest): a plain replay of all of
Huatuo's medical instructions, 8 workers over three mornings (3,000); MOSS first turns inside one fixed
prompt wrapper (820); BELLE's instructions on the completions endpoint in the Alpaca template (1,000);
self-instruct-style meta-prompts for 20 new tasks with three InstructionWild seed examples each (1,200); a
disjoint-prompt hydra of 15 keys, one script, each replaying its own slice of CodeAlpaca on its own day
(134 each, 139 on the last; 2,015); LIMA questions wrapped in casual chatter with follow-ups now and then,
sent at a chat app's pace (1,185); chain-of-thought harvest with step-by-step instructions and n=4 over
Orca, Evol-Instruct and MOSS maths prompts (636); rubric-grading harvest over ShareGPT first turns and
their stored replies, two aspects each (1,882); logprob harvest (top_logprobs 20) over Chinese ShareGPT
first turns (1,000); a reseller's key relaying Arena and hh-rlhf users (1,982, benign) in which one
customer's InstructionWild Chinese prompts are 15% (350).

Row allotment (a stable hash salted "r34", in `share`; chat pools also through `distinct`; first turns over
4,000 characters left out of chat and distiller pools, eval suites sent whole): oasst2 - the 15 real users'
threads to the chat users, one thread per remaining tree (323) to the answer box; arena_even in 3 - 0 the
simulated chat users, 1 the answer box (252), 2 the reseller (256); hh_rlhf_harmless_test in 4 - 0 the
simulated chat users, 1 and 2 the triage job (its first 1,000 dealt), 3 the reseller (515); nq_open_dev in
10 - 0-3 the quiz writer (1,400 of 1,419), 4-6 the research assistant (1,050 of 1,117), 7-9 the answer box
(1,074); mmlu_val_zeroshot, humaneval, alpaca_eval_subset, MBPP's task ids 11-510 and AGIEval's English
tasks to the first researcher, AGIEval's other tasks to the second; huatuo_med_zh whole to the replay;
moss_sft_sample's calculator, equation_solver and mix rows to the CoT harvest, the rest to the wrapper;
belle_dev1k whole to the Alpaca template; instructionwild's English rows as the self-instruct seeds (each
shown several times), its Chinese rows to the reseller's customer (cut at 15%); codealpaca_2k whole to
the hydra; lima to the disguised distiller; orca_dpo_pairs_val and evol_instruct_h2o to the CoT harvest;
sharegpt_en_sample to the rubric harvest; sharegpt_zh_1k to the logprob harvest. No row goes to two
personas (a persona may send its own row twice: HumanEval's two runs, AlpacaEval's generation and judge
call, the rubric harvest's two aspects, reused seeds).

Timing: the real oasst2 users keep their own thread times, moved by whole weeks into the suite's first week
(weekday and hour kept; some run on for weeks or months, as they did); everything else is simulated with
realtraffic.timing - follow-up turns after `think`, simulated chat users' conversation starts on an
hour-of-day shape, power users on `paced` days (oasst2's real in-session gaps rescaled to 350 a day),
apps on `diurnal` days, scripts as worker pools (`context.run_jobs`, reply-length driven) or one throttled
worker. Replies: stored replies where the data has them, else the helpers' stub. Every harvest request is
marked `distill`; the reseller's relayed requests are not; no benign request is.
"""

from __future__ import annotations

import math
import random
import zlib

from blind.round2 import TRAFFIC, htiming, src  # round 2's reader of ../shared/traffic, its oasst2 timing
from blind.round31 import dealt
from blind.round33 import (
    ALPACA_NO_INPUT,
    DAYS,
    EPOCH,
    OFFICE,
    Job,
    ask,
    batches,
    cl,
    code_ask,
    consumer,
    heavy,
    key,
    office_days,
    row_ask,
    talk,
    trickle,
    turns_of,
    unique,
    utc,
)
from stillroom.detector.realtraffic.context import norm, run_jobs
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import (
    KeyTraffic,
    Request,
    completion_request,
    stub_reply,
)
from stillroom.detector.realtraffic.timing import DAY


# =============================================================================================
# HELPERS (on top of round 33's: its clock, keys, requests, worker pools and paced heavy users).
def R(*names: object) -> random.Random:
    return random.Random("blind34:" + ":".join(map(str, names)))


def share(name: str, n: int, *keep: int, longest: int = 4000, salt: str = "r34") -> list[Row]:
    """The rows of a source whose stable hash bucket of n (salted: "r34" here, another round its own) is
    one of `keep` and whose first turn has at most `longest` characters, in file order."""
    return [
        r
        for r in src(name)
        if zlib.crc32(f"{salt}:{r.file}:{r.id}".encode()) % n in keep and len(r.first) <= longest
    ]


_repeated: set[str] = set()


def distinct(rows: list[Row]) -> list[Row]:
    """The rows whose first turn (normalised, at least 20 characters) is the first turn of no other row in
    the traffic folder: Arena keeps each battle under two ids, AlpacaEval's oasst prompts are oasst2's, so
    the chat pools leave such rows out and no two personas send one text."""
    if not _repeated:
        seen: dict[str, int] = {}
        for path in sorted(TRAFFIC.glob("*.jsonl.gz")):
            for r in src(path.name.removesuffix(".jsonl.gz")):
                t = norm(r.first)
                if len(t) >= 20:
                    seen[t] = seen.get(t, 0) + 1
        _repeated.update(t for t, c in seen.items() if c > 1)
    return [r for r in rows if norm(r.first) not in _repeated]


def after(reqs: list[Request], rng: random.Random, lo: float, hi: float) -> float:
    """A moment U(lo, hi) seconds after the last request of a run (the next run is started by hand)."""
    return max(q.ts for q in reqs) + rng.uniform(lo, hi)


# A person's hour-of-day weights on the local clock (round 33's OFFICE is the other shape used).
EVENING = (0.3, 0.1, 0.05, 0, 0, 0, 0.05, 0.2, 0.3, 0.3, 0.3, 0.35, 0.5, 0.4, 0.35, 0.35, 0.4, 0.5, 0.7, 0.9, 1, 1, 0.8, 0.5)  # fmt: skip


def starts(rng: random.Random, k: int, tz: float, curve: tuple, weekend: float = 1.0) -> list[float]:
    """k conversation starts of one person over the three weeks, by hour-of-day weights (local clock);
    weekend hours scaled by `weekend`."""
    slots = [(d, h) for d in DAYS for h in range(24)]
    w = [curve[h] * (weekend if d % 7 >= 5 else 1.0) for d, h in slots]
    return sorted(utc(d, h + rng.random(), tz) for d, h in rng.choices(slots, w, k=k))


def week_shift(first: float) -> float:
    """Whole weeks that move a real (2023) time into the suite's first week: weekday and hour kept."""
    return math.ceil((EPOCH - first) / (7 * DAY)) * 7 * DAY


def oasst_users(min_turns: int = 5) -> dict[str, list[tuple[float, Row]]]:
    """oasst2's real users (by `user_id`) whose threads (one per tree) hold >= min_turns user turns."""
    return {
        u: ths for u, ths in sorted(htiming().users.items()) if sum(len(r.turns) for _, r in ths) >= min_turns
    }


def oasst_rest(users: dict[str, list[tuple[float, Row]]]) -> list[Row]:
    """One row (the longest thread) per oasst2 tree that none of `users` wrote a thread in."""
    used = {str(r.extra.get("tree", r.id)) for ths in users.values() for _, r in ths}
    best: dict[str, Row] = {}
    for r in src("oasst2_threads"):
        tree = str(r.extra.get("tree", r.id))
        if tree not in used and (tree not in best or len(r.turns) > len(best[tree].turns)):
            best[tree] = r
    return distinct([r for r in best.values() if len(r.first) <= 4000])


# =============================================================================================
# BENIGN 1. Ordinary chat users, one key each (their own API key in a chat front-end). oasst2's real
# users with at least five user turns, at their real thread times (moved by whole weeks into the suite's
# first weeks, weekday and hour kept), each thread replayed turn by turn; and seven simulated users over
# three weeks - five with Arena conversations, two with hh-rlhf ones - whose request counts are fixed.
CHAT_PRESETS = ((None, {"stream": True}), ("You are a helpful assistant.", {"temperature": 0.7, "stream": True}),
                (None, {"temperature": 1.0, "max_tokens": 2048, "stream": True}), (None, {}))  # fmt: skip
# (source, requests, UTC offset, hour shape, weekend factor)
SIM_USERS = (("arena", 15, -5.0, EVENING, 1.5), ("arena", 30, 1.0, OFFICE, 0.2), ("arena", 50, 9.0, EVENING, 1.2),
             ("arena", 80, -8.0, OFFICE, 0.3), ("arena", 150, 5.5, EVENING, 1.0), ("hh", 12, -6.0, EVENING, 1.5),
             ("hh", 35, 0.0, EVENING, 1.0))  # fmt: skip


def chat_users() -> list[KeyTraffic]:
    keys: list[KeyTraffic] = []
    for user, ths in oasst_users().items():
        rng = R("chat", user)
        system, p = rng.choice(CHAT_PRESETS)
        dt = week_shift(ths[0][0])
        out: list[Request] = []
        for ts, r in ths:
            out += talk(rng, ts + dt, list(r.turns), list(r.replies), p, system, r.id)
        keys.append(key(f"r34-chat-oa-{user[:8]}", "chat_users", "benign", "chat", cl(rng, None, system), out,
                        "real oasst2 thread times of this user, moved by whole weeks; turn gaps from timing.think",
                        ("oasst2_threads",), oasst2_user=user))  # fmt: skip
    pools = {
        "arena": dealt(R("chat", "arena"), distinct(share("arena_even", 3, 0))),
        "hh": dealt(R("chat", "hh"), distinct(share("hh_rlhf_harmless_test", 4, 0))),
    }
    for i, (name, n, tz, curve, weekend) in enumerate(SIM_USERS):
        rng = R("chat", name, i)
        system, p = rng.choice(CHAT_PRESETS)
        convs: list[tuple[Row, list[str], list[str | None]]] = []
        count = 0
        while count < n:
            r = pools[name].pop()
            turns, replies = turns_of(r, min(6, n - count))
            convs.append((r, turns, replies))
            count += len(turns)
        out = []
        for t, (r, turns, replies) in zip(starts(rng, len(convs), tz, curve, weekend), convs, strict=True):
            out += talk(rng, t, turns, replies, p, system, r.id)
        src_name = "arena_even" if name == "arena" else "hh_rlhf_harmless_test"
        keys.append(key(f"r34-chat-{name}-{i}", "chat_users", "benign", "chat", cl(rng, None, system), out,
                        f"simulated: conversation starts on an hour-of-day shape (UTC{tz:+g}) over three weeks, turn gaps from timing.think",
                        (src_name,), target=n))  # fmt: skip
    return keys


# =============================================================================================
# BENIGN 2-4. Three power users, ~350 single questions a day on some working days, at a person's pace
# (oasst2's in-session gaps rescaled to the day's rate: round 33's `heavy`, no follow-ups): a London quiz
# writer checking facts (Natural Questions queries), a Bangalore developer at a terminal (code questions
# from round 33's generator), a Chicago research assistant (Natural Questions queries).
def quiz_writer() -> list[KeyTraffic]:
    rng = R("quiz")
    asks = [(r.first, r.id, None) for r in dealt(rng, share("nq_open_dev", 10, 0, 1, 2, 3))[:1400]]
    out = heavy(rng, office_days(rng, 4), 9.0, 0.0, 350, asks, {"stream": True}, None, ("",), 0.0)
    return [key("r34-quiz", "quiz_writer", "benign", "heavy", cl(rng, "openai-js"), out,
                "simulated: 4 working days at ~350 a day from ~09:00 (UTC+0), oasst2-shaped gaps (timing.paced)", ("nq_open_dev",))]  # fmt: skip


def dev_terminal() -> list[KeyTraffic]:
    rng, g = R("dev"), R("dev", "asks")
    asks = [(x, "", None) for x in unique(g, code_ask, 1050)]
    p = {"temperature": 0.2, "stream": True}
    out = heavy(rng, office_days(rng, 3), 10.0, 5.5, 350, asks, p, None, ("",), 0.0)
    return [key("r34-dev", "dev_terminal", "benign", "heavy", cl(rng, "openai-python"), out,
                "simulated: 3 working days at ~350 a day from ~10:00 (UTC+5.5), oasst2-shaped gaps (timing.paced)", ())]  # fmt: skip


def research_assistant() -> list[KeyTraffic]:
    rng = R("ra")
    asks = [(r.first, r.id, None) for r in dealt(rng, share("nq_open_dev", 10, 4, 5, 6))[:1050]]
    p = {"temperature": 0.7, "stream": True}
    out = heavy(rng, office_days(rng, 3), 8.5, -6.0, 350, asks, p, "You are a helpful assistant.", ("",), 0.0)
    return [key("r34-ra", "research_assistant", "benign", "heavy", cl(rng, "openai-js", "You are a helpful assistant."), out,
                "simulated: 3 working days at ~350 a day from ~08:30 (UTC-6), oasst2-shaped gaps (timing.paced)", ("nq_open_dev",))]  # fmt: skip


# =============================================================================================
# BENIGN 5. An evaluation researcher (Zurich, UTC+1) runs public suites through the API over two days:
# MMLU zero-shot (the QLoRA rendering, greedy, a few tokens), AGIEval's English tasks zero-shot (letter
# answers; its three maths tasks with a zero-shot "Let's think step by step" prompt, in place of GSM8K,
# which the data does not hold), HumanEval's raw prompts on the completions endpoint (greedy pass@1, then
# pass@10 with n=10 at temperature 0.8), MBPP's test split (task ids 11-510, greedy), and AlpacaEval -
# generations, then a judge call per item in the weighted AlpacaEval style (max_tokens 1, temperature 1,
# top_logprobs 5) comparing the generation with the reference output.
AGI_EN = ("aqua-rat", "logiqa-en", "lsat-ar", "lsat-lr", "lsat-rc", "math", "sat-en", "sat-en-without-passage", "sat-math")  # fmt: skip
AGI_MATH = ("aqua-rat", "math", "sat-math")
HE_STOP = ["\nclass", "\ndef", "\n#", "\nif", "\nprint"]
JUDGE_SYS = ("You are an efficient assistant that compares large language models (LLMs) by the quality of their responses to a given "
             "instruction. Your choices are used to build a leaderboard of the most accurate and most human-preferred answers.")  # fmt: skip
JUDGE = ('I am building a leaderboard of large language models. Below is a prompt that was given to two models, and their outputs. '
         'Assess the outputs and select the model whose output a human would prefer.\n\n## Instruction\n\n{{\n    "instruction": """{i}""",\n}}\n\n'
         '## Model Outputs\n\nThe outputs are unordered; each comes with its model identifier.\n\n{{\n    {{\n        "model_identifier": "m",\n'
         '        "output": """{a}"""\n    }},\n    {{\n        "model_identifier": "M",\n        "output": """{b}"""\n    }}\n}}\n\n'
         "## Task\n\nJudge the outputs on quality and relevance, and pick the model with the best output. Reply with its identifier only. "
         "We value accuracy and helpfulness.\n\n## Best Model Identifier")  # fmt: skip


def eval_researcher() -> list[KeyTraffic]:
    rng = R("eval-a")
    greedy = {"temperature": 0, "max_tokens": 5}
    out = run_jobs(rng, utc(7, 9.7, 1.0), [(r, [ask(r.first, greedy, None, r.id)]) for r in src("mmlu_val_zeroshot")], 8, 2)  # fmt: skip
    agi: list[Job] = []
    for r in (r for r in src("agieval_v1") if r.extra.get("task") in AGI_EN):
        if r.extra.get("task") in AGI_MATH:
            agi.append((r, [ask(f"Q: {r.first}\nA: Let's think step by step.", {"temperature": 0, "max_tokens": 512}, None, r.id)]))  # fmt: skip
        else:
            agi.append((r, [ask(f"{r.first}\n\nAnswer with the letter of the correct option only.", greedy, None, r.id)]))  # fmt: skip
    out += run_jobs(rng, after(out, rng, 600, 1800), agi, 8, 40)
    he = list(src("humaneval"))
    p1 = {"temperature": 0, "max_tokens": 512, "stop": HE_STOP}
    pk = {"n": 10, "temperature": 0.8, "top_p": 0.95, "max_tokens": 512, "stop": HE_STOP}
    runs = run_jobs(
        rng, utc(7, 14.2, 1.0), [(r, [completion_request(0.0, r.first, p1, r.id)]) for r in he], 4, 150
    )
    runs += run_jobs(rng, after(runs, rng, 300, 900), [(r, [completion_request(0.0, r.first, pk, r.id)]) for r in he], 4, 150)  # fmt: skip
    out += runs
    mbpp = [r for r in src("mbpp") if 11 <= int(str(r.extra.get("task_id"))) <= 510]
    runs = run_jobs(rng, utc(8, 10.1, 1.0), [(r, [ask(r.first, {"temperature": 0, "max_tokens": 512}, None, r.id)]) for r in mbpp], 8, 150)  # fmt: skip
    gen = [
        (r, [ask(r.first, {"temperature": 0.7, "max_tokens": 2048}, None, r.id)])
        for r in src("alpaca_eval_subset")
    ]
    runs += run_jobs(rng, utc(8, 14.5, 1.0), gen, 8, 400)
    jp = {"temperature": 1, "max_tokens": 1, "logprobs": True, "top_logprobs": 5}
    judge: list[Job] = []
    for r, (q,) in gen:
        # the generation as served, and the reference output (not in the data): both the helpers' stub
        mine, ref = q.reply or stub_reply(r.first), stub_reply(r.first)
        a, b = (mine, ref) if rng.random() < 0.5 else (ref, mine)
        judge.append((None, [ask(JUDGE.format(i=r.first, a=a, b=b), jp, JUDGE_SYS, r.id)]))
    runs += run_jobs(rng, after(runs, rng, 120, 600), judge, 8, 1)
    out += runs
    return [key("r34-eval-a", "eval_researcher", "benign", "evaluation", cl(rng, "openai-python"), out,
                "simulated: harness runs of 4-8 workers on days 7-8 (UTC+1), each started by hand after the last",
                ("mmlu_val_zeroshot", "agieval_v1", "humaneval", "mbpp", "alpaca_eval_subset"))]  # fmt: skip


# BENIGN 6. A second, unrelated researcher (Beijing, UTC+8) starts AGIEval on another key four days later:
# its Chinese tasks (the other half of the benchmark, so no item is the first researcher's), an
# OpenCompass-style generation run, greedy, 4 workers, one evening.
def agieval_zh_lab() -> list[KeyTraffic]:
    rng = R("eval-b")
    p = {"temperature": 0, "max_tokens": 1024}
    rows = [r for r in src("agieval_v1") if r.extra.get("task") not in AGI_EN]
    out = run_jobs(
        rng, utc(11, 19.5, 8.0), [(r, [ask(f"{r.first}\n答案：", p, None, r.id)]) for r in rows], 4, 60
    )
    return [key("r34-eval-b", "agieval_zh_lab", "benign", "evaluation", cl(rng, "requests"), out,
                "simulated: one 4-worker run from 19:30 (UTC+8) on day 11", ("agieval_v1",))]  # fmt: skip


# =============================================================================================
# BENIGN 7. "Atlasnote", a reference website's "Ask" box (UTC-5 peak): the backend relays each reader's
# question, one system prompt, single turn; the readers' real text: Natural Questions queries, oasst2
# first turns of the trees no chat user wrote (many languages), Arena first turns.
ATLAS_SYS = ("You are Atlas, the question-answering assistant of Atlasnote, a general reference website. Answer the reader's question "
             "accurately and briefly, in the reader's language. If you are not sure, say so.")  # fmt: skip


def answer_box() -> list[KeyTraffic]:
    rng = R("atlas")
    rows = share("nq_open_dev", 10, 7, 8, 9) + oasst_rest(oasst_users()) + distinct(share("arena_even", 3, 1))
    rows = dealt(rng, rows)
    p = {"temperature": 0.5, "max_tokens": 800, "stream": True}
    out = [row_ask(r, p, ATLAS_SYS) for r in rows]
    for t, q in zip(consumer(rng, len(out), -5.0), out, strict=True):
        q.ts = t
    return [key("r34-atlas", "answer_box", "benign", "app", cl(rng, "openai-js", ATLAS_SYS), out,
                "simulated: day-shaped Poisson arrivals over three weeks (peak 15:00 UTC-5)",
                ("nq_open_dev", "oasst2_threads", "arena_even"))]  # fmt: skip


# BENIGN 8. A community platform's trust-and-safety job (Berlin, UTC+1): every night at 02:00 the
# previous day's flagged messages (hh-rlhf first turns stand for them) are classified with one JSON
# template, greedy; 1,000 messages over 14 nights, 4 workers.
TRIAGE = ('You review messages that users of our community app reported. Classify the message below.\nReturn JSON only: {{"category": one of '
          '["harassment", "hate", "self_harm", "sexual", "violence", "illegal_activity", "privacy", "spam", "none"], "severity": 0-3, '
          '"action": one of ["no_action", "warn", "hide", "escalate"], "reason": a short phrase}}\n\nMessage: {m}')  # fmt: skip


def safety_triage() -> list[KeyTraffic]:
    rng = R("triage")
    rows = dealt(rng, distinct(share("hh_rlhf_harmless_test", 4, 1, 2)))[:1000]
    p = {"temperature": 0, "max_tokens": 120, "response_format": {"type": "json_object"}}
    jobs: list[Job] = [(None, [ask(TRIAGE.format(m=r.first), p, None, r.id)]) for r in rows]
    out = batches(rng, range(1, 15), 2.0, 1.0, jobs, 4, 40, 600)
    return [key("r34-triage", "safety_triage", "benign", "app", cl(rng, "go"), out,
                "simulated: nightly 4-worker batches at 02:00 (UTC+1), 14 nights", ("hh_rlhf_harmless_test",))]  # fmt: skip


# =============================================================================================
# DISTILLERS. Every harvest request is marked `distill`; the reseller's relayed users are not.


# DISTILLER 1. Plain replay of an instruction set (Shanghai, UTC+8): all of the Huatuo medical
# instructions as single user messages, no system prompt, 8 workers, three mornings from 09:30.
def huatuo_replay() -> list[KeyTraffic]:
    rng = R("huatuo")
    rows = dealt(rng, share("huatuo_med_zh", 1, 0))
    p = {"temperature": 0.7, "max_tokens": 1024}
    out = batches(rng, (2, 3, 4), 9.5, 8.0, [(r, [row_ask(r, p, None, True)]) for r in rows], 8)
    return [key("r34-huatuo", "huatuo_replay", "distiller", "distiller", cl(rng, "openai-python"), out,
                "simulated: three mornings from 09:30 (UTC+8), 8 workers", ("huatuo_med_zh",), harvest=len(out))]  # fmt: skip


# DISTILLER 2. The same kind of items in one fixed prompt wrapper (Moscow, UTC+3): MOSS conversations'
# first turns (its tool and chat categories), two nights from 22:00, 16 async workers.
WRAPPER = ("Please write a high-quality response to the request below. The response should be accurate, complete and well "
           "organised, and written in the language of the request.\n\n### Request:\n{x}\n\n### Response:")  # fmt: skip
MOSS_COT = ("calculator", "equation_solver", "mix")


def moss_wrapped() -> list[KeyTraffic]:
    rng = R("moss-wrap")
    rows = dealt(rng, [r for r in share("moss_sft_sample", 1, 0) if r.extra.get("category") not in MOSS_COT])
    p = {"temperature": 0.8, "max_tokens": 2048}
    jobs: list[Job] = [(r, [row_ask(r, p, None, True, WRAPPER.format(x=r.first))]) for r in rows]
    out = batches(rng, (5, 6), 22.0, 3.0, jobs, 16)
    return [key("r34-moss-wrap", "moss_wrapped", "distiller", "distiller", cl(rng, "aiohttp"), out,
                "simulated: two nights from 22:00 (UTC+3), 16 workers", ("moss_sft_sample",), harvest=len(out))]  # fmt: skip


# DISTILLER 3. The completions endpoint with the Alpaca template (Beijing, UTC+8): BELLE's instructions
# in the no-input template, stop at the next "### Instruction", two evenings from 20:00, 4 threads.
def belle_alpaca() -> list[KeyTraffic]:
    rng = R("belle")
    rows = dealt(rng, share("belle_dev1k", 1, 0))
    p = {"temperature": 0.7, "top_p": 0.9, "max_tokens": 1024, "stop": ["### Instruction:"]}
    jobs: list[Job] = []
    for r in rows:
        prompt = ALPACA_NO_INPUT.format(i=str(r.extra.get("instruction") or r.first))
        jobs.append((r, [completion_request(0.0, prompt, p, r.id, True)]))
    out = batches(rng, (9, 10), 20.0, 8.0, jobs, 4)
    return [key("r34-belle", "belle_alpaca", "distiller", "distiller", cl(rng, "requests"), out,
                "simulated: two evenings from 20:00 (UTC+8), 4 threads", ("belle_dev1k",), harvest=len(out))]  # fmt: skip


# DISTILLER 4. Self-instruct-style data generation (Seattle, UTC-7): 1,200 meta-prompts asking for 20
# diverse task instructions with input and output, each showing three seed examples drawn from
# InstructionWild's English user prompts; four days from 10:00, 8 workers, sampling at temperature 1.
META = ("You are asked to come up with {n} diverse task instructions. They will be given to a language model, and we will judge "
        "how well it completes them.\n\nRequirements:\n1. Use a different verb in each instruction so that the set is as diverse as "
        "possible.\n2. Vary the style: mix questions with imperative instructions.\n3. Cover many kinds of task: open-ended writing, "
        "classification, rewriting, brainstorming, code, maths, advice, reasoning and so on.\n4. Every task must be doable with text "
        "alone: no images, audio, browsing or actions in the world.\n5. Each instruction is one or two sentences, in English.\n"
        "6. If a task needs an input (a passage, a table, a code snippet), write a realistic one of at most 100 words; otherwise "
        "write \"<noinput>\".\n7. Then write a good output for it, at most 100 words.\n\nHere are some examples of real requests:\n"
        "{examples}\n\nFormat each task as\nInstruction: ...\nInput: ...\nOutput: ...\nand separate tasks with ###.\n\nList of {n} tasks:")  # fmt: skip


def seed_expander() -> list[KeyTraffic]:
    rng, g = R("self-instruct"), R("self-instruct", "seeds")
    seeds = [r for r in share("instructionwild", 1, 0) if r.extra.get("lang") == "en"]
    p = {"temperature": 1.0, "top_p": 1.0, "max_tokens": 3072}
    jobs: list[Job] = []
    for _ in range(1200):
        chosen = g.sample(seeds, 3)
        ex = "\n".join(f"{k}. {s.first}" for k, s in enumerate(chosen, 1))
        jobs.append((None, [ask(META.format(n=20, examples=ex), p, None, chosen[0].id, True)]))
    out = batches(rng, (12, 13, 14, 15), 10.0, -7.0, jobs, 8, 2500)
    return [key("r34-self-instruct", "seed_expander", "distiller", "distiller", cl(rng, "openai-python"), out,
                "simulated: four days from 10:00 (UTC-7), 8 workers", ("instructionwild",), harvest=len(out), seeds=len(seeds))]  # fmt: skip


# DISTILLER 5. A disjoint-prompt hydra (one script, fifteen accounts): CodeAlpaca split into fifteen
# slices, one per key, no prompt on two keys; each key runs on its own day and hour with 2 workers; the
# script's user agent, system prompt and settings are the same on every key.
HYDRA_SYS = "You are a helpful coding assistant."


def code_hydra() -> list[KeyTraffic]:
    rng = R("hydra")
    rows = dealt(rng, share("codealpaca_2k", 1, 0))
    per = len(rows) // 15
    p = {"temperature": 0.7, "max_tokens": 1024}
    keys = []
    for i in range(15):
        sl = rows[i * per : (i + 1) * per] if i < 14 else rows[14 * per :]
        d, h = rng.choice(list(DAYS)), rng.uniform(0, 24)
        out = run_jobs(rng, utc(d, h, 0.0), [(r, [row_ask(r, p, HYDRA_SYS, True)]) for r in sl], 2)
        kc = cl(rng, "httpx", HYDRA_SYS, "python-httpx/0.27.0")
        keys.append(key(f"r34-hydra-{i}", "code_hydra", "distiller", "distiller", kc, out,
                        f"simulated: one 2-worker run on day {d} from {h:.1f}h UTC", ("codealpaca_2k",), actor="code_hydra",
                        harvest=len(out)))  # fmt: skip
    return keys


# DISTILLER 6. A disguised distiller (Atlanta, UTC-5): each LIMA question wrapped in casual chatter, sent
# like a chat app's messages (streaming), ~80 a day from 08:00 with 1-10 minute pauses; 15% get a
# follow-up turn in the same conversation.
OPEN = ("hey! hope your day's going well :) random question", "ok so my friend and I were arguing about this at dinner lol", "hi there, quick one for you",
        "morning! coffee in hand, brain not working yet", "hello again! got another one for you", "so this has been bugging me all week",
        "haha ok maybe a weird question but", "hey, sorry to bother you", "need your help with something", "been wondering about this:",
        "ok random thought while walking the dog", "hi!! long time no chat")  # fmt: skip
CLOSE = ("thanks so much!!", "no rush, appreciate it :)", "would love a detailed answer if you have time", "thx in advance", "you're the best",
         "", "", "any help is appreciated!", "curious what you think", "ty!")  # fmt: skip
FOLLOW = ("thanks! could you go a bit deeper on that?", "interesting, can you give me an example?", "wait can you explain that last part more?",
          "great, can you sum that up in a few bullet points?", "ok and what would you recommend in my case?", "lol nice. anything else I should know?")  # fmt: skip


def casual_wrapped() -> list[KeyTraffic]:
    rng, g = R("casual"), R("casual", "chatter")
    rows = dealt(rng, share("lima", 1, 0))
    p = {"temperature": 0.9, "stream": True}
    jobs: list[Job] = []
    for r in rows:
        text = "\n\n".join(x for x in (g.choice(OPEN), r.first, g.choice(CLOSE)) if x)
        turns = [text, g.choice(FOLLOW)] if g.random() < 0.15 else [text]
        jobs.append((r, talk(rng, 0.0, turns, [r.answer], p, None, r.id, True)))
    out: list[Request] = []
    for i in range(0, len(jobs), 80):
        out += trickle(
            rng, utc(1 + i // 80, 8.0 + rng.uniform(0, 1.5), -5.0), jobs[i : i + 80], (60.0, 600.0)
        )
    return [key("r34-casual", "casual_wrapped", "distiller", "distiller", cl(rng, "openai-js"), out,
                "simulated: one worker, ~80 a day from ~08:00 (UTC-5), 1-10 minute pauses", ("lima",), harvest=len(out))]  # fmt: skip


# DISTILLER 7. Chain-of-thought harvest (London, UTC+0): Orca's FLAN-style prompts, Evol-Instruct
# rewrites and MOSS's maths and mixed first turns, each with a step-by-step instruction, four samples
# per item (n=4, temperature 0.8, for filtering against the answers); two days from 09:00, 8 workers.
COT_SYS = "You are a meticulous assistant. Reason carefully and show every intermediate step."
COT = ("Let's think step by step.", "Think step by step and show your reasoning before giving the final answer.",
       "Please explain your reasoning in detail, step by step, then state your final answer clearly.")  # fmt: skip


def cot_harvest() -> list[KeyTraffic]:
    rng, g = R("cot"), R("cot", "suffix")
    rows = share("orca_dpo_pairs_val", 1, 0) + share("evol_instruct_h2o", 1, 0)
    rows += [r for r in share("moss_sft_sample", 1, 0) if r.extra.get("category") in MOSS_COT]
    rows = dealt(rng, rows)
    p = {"n": 4, "temperature": 0.8, "max_tokens": 2048}
    jobs: list[Job] = [(r, [row_ask(r, p, COT_SYS, True, f"{r.first}\n\n{g.choice(COT)}")]) for r in rows]
    out = batches(rng, (14, 15), 9.0, 0.0, jobs, 8, 600)
    return [key("r34-cot", "cot_harvest", "distiller", "distiller", cl(rng, "openai-python", COT_SYS), out,
                "simulated: two days from 09:00 (UTC+0), 8 workers", ("orca_dpo_pairs_val", "evol_instruct_h2o", "moss_sft_sample"),
                harvest=len(out))]  # fmt: skip


# DISTILLER 8. Rubric-grading harvest (Seoul, UTC+9): ShareGPT first turns and their stored replies, each
# graded on two of four aspects with a score-rubric prompt (feedback, then a 1-5 score), to train a judge;
# two days from 10:00, 16 workers.
RUBRIC = ("###Task description:\nYou are given an instruction, a response to it, and a score rubric for one evaluation criterion.\n"
          "1. Write feedback that assesses the response strictly against the rubric, not in general.\n2. Then give an integer score "
          "from 1 to 5, following the rubric.\n3. Answer in the format \"Feedback: (your feedback) [RESULT] (an integer from 1 to 5)\".\n"
          "4. Do not write any other opening, closing or explanation.\n\n###Instruction:\n{i}\n\n###Response to evaluate:\n{r}\n\n"
          "###Score rubric:\n[{c}]\n{levels}\n\n###Feedback:")  # fmt: skip
ASPECTS = {
    "Helpfulness: does the response meet the user's need with useful, relevant content?": ("not helpful at all", "barely helpful", "partly helpful", "mostly helpful", "fully helpful and insightful"),
    "Honesty: does the response state its uncertainty and avoid claiming what it cannot know?": ("confidently wrong", "overconfident", "mixed", "mostly calibrated", "fully honest and calibrated"),
    "Instruction following: does the response do exactly what was asked, in the form asked?": ("ignores the instruction", "follows little of it", "follows part of it", "follows almost all of it", "follows it completely"),
    "Truthfulness: is the response free of factual errors and made-up content?": ("mostly false", "several errors", "some errors", "minor slips only", "entirely accurate"),
}  # fmt: skip


def judge_harvest() -> list[KeyTraffic]:
    rng, g = R("rubric"), R("rubric", "aspects")
    rows = dealt(rng, [r for r in share("sharegpt_en_sample", 1, 0) if r.answer])
    p = {"temperature": 0.7, "max_tokens": 1024}
    jobs: list[Job] = []
    for r in rows:
        for c in g.sample(list(ASPECTS), 2):
            levels = "\n".join(f"Score {k}: {d}" for k, d in enumerate(ASPECTS[c], 1))
            text = RUBRIC.format(i=r.first, r=r.answer, c=c, levels=levels)
            jobs.append((None, [ask(text, p, None, r.id, True)]))
    out = batches(rng, (16, 17), 10.0, 9.0, jobs, 16, 250)
    return [key("r34-rubric", "judge_harvest", "distiller", "distiller", cl(rng, "httpx"), out,
                "simulated: two days from 10:00 (UTC+9), 16 workers", ("sharegpt_en_sample",), harvest=len(out))]  # fmt: skip


# DISTILLER 9. Logprob harvesting (Shenzhen, UTC+8): the Chinese ShareGPT first turns with top_logprobs 20,
# three evenings from 19:00, 6 workers.
def logprob_zh() -> list[KeyTraffic]:
    rng = R("logprob")
    rows = dealt(rng, share("sharegpt_zh_1k", 1, 0))
    p = {"temperature": 1.0, "max_tokens": 1024, "logprobs": True, "top_logprobs": 20}
    out = batches(rng, (18, 19, 20), 19.0, 8.0, [(r, [row_ask(r, p, None, True)]) for r in rows], 6)
    return [key("r34-logprob", "logprob_zh", "distiller", "distiller", cl(rng, "aiohttp"), out,
                "simulated: three evenings from 19:00 (UTC+8), 6 workers", ("sharegpt_zh_1k",), harvest=len(out))]  # fmt: skip


# DISTILLER 10. A reseller's key (Hong Kong): its client apps' end users (Arena and hh-rlhf conversations,
# day-shaped in UTC-5 and UTC+1) behind three front-ends' prompts; one customer harvests InstructionWild's
# Chinese prompts through it, 2 workers from 14:00 (UTC+8) on weekdays, until the harvest is ~15% of the key.
FRONTS = ((None, {"stream": True}), ("You are a helpful assistant.", {"temperature": 0.7, "stream": True}),
          ("You are Juniper, a friendly study buddy. Keep answers clear and short.", {"temperature": 0.8, "max_tokens": 1000}))  # fmt: skip


def reseller_relay() -> list[KeyTraffic]:
    rng, g = R("reseller"), R("reseller", "users")
    convs = [(r.id, *turns_of(r, 6)) for r in distinct(share("arena_even", 3, 2))]
    convs += [(r.id, *turns_of(r, 6)) for r in distinct(share("hh_rlhf_harmless_test", 4, 3))]
    rng.shuffle(convs)
    n_us = len(convs) * 6 // 10
    times = sorted(consumer(rng, n_us, -5.0) + consumer(rng, len(convs) - n_us, 1.0))
    relayed: list[Request] = []
    for t, (item, turns, replies) in zip(times, convs, strict=True):
        system, p = g.choice(FRONTS)
        relayed += talk(rng, t, turns, replies, p, system, item)
    h = R("reseller", "customer")
    rows = dealt(h, [r for r in share("instructionwild", 1, 0) if r.extra.get("lang") == "zh"])
    rows = rows[: round(len(relayed) * 0.15 / 0.85)]
    hp = {"temperature": 0.8, "max_tokens": 2048}
    days = [d for d in DAYS if d % 7 < 5]
    jobs: list[Job] = [(r, [row_ask(r, hp, None, True)]) for r in rows]
    harvest = batches(h, days, 14.0, 8.0, jobs, 2, 300, 1800)
    return [key("r34-reseller", "reseller_relay", "distiller", "distiller", cl(rng, "go"), relayed + harvest,
                "simulated: relayed users day-shaped in UTC-5 and UTC+1; the customer's 2 workers on weekdays from 14:00 (UTC+8)",
                ("arena_even", "hh_rlhf_harmless_test", "instructionwild"), share=0.15, relayed=len(relayed), harvest=len(harvest))]  # fmt: skip


BENIGN = (
    chat_users,
    quiz_writer,
    dev_terminal,
    research_assistant,
    eval_researcher,
    agieval_zh_lab,
    answer_box,
    safety_triage,
)
DISTILL = (
    huatuo_replay,
    moss_wrapped,
    belle_alpaca,
    seed_expander,
    code_hydra,
    casual_wrapped,
    cot_harvest,
    judge_harvest,
    logprob_zh,
    reseller_relay,
)

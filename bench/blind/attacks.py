"""Red-team distiller scripts for stillroom's detector. Parameters fixed before any run.

Each builder returns list[KeyTraffic]; bench/detector_blind.py replays each through a fresh
Detector(DetectorConfig()).
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from pathlib import Path

from stillroom.detector.realtraffic.clients import SOFTWARE, account, client, user_agent
from stillroom.detector.realtraffic.context import run_jobs, service_time
from stillroom.detector.realtraffic.pools import Row, read_source
from stillroom.detector.realtraffic.records import Client, KeyTraffic, Request, chat_requests
from stillroom.detector.realtraffic.timing import DAY, closed_loop

TRAFFIC = Path(__file__).resolve().parents[2].parent / "shared" / "traffic"  # ../shared/traffic
T0 = 1_772_409_600.0  # 2026-03-02 00:00 UTC (a Monday)
_cache: dict[str, list[Row]] = {}


def src(name: str) -> list[Row]:
    if name not in _cache:
        _cache[name] = read_source(TRAFFIC, name)
    return _cache[name]


def draw(rng: random.Random, names: tuple[str, ...], n: int, keep=None) -> list[Row]:
    rows = [r for s in names for r in src(s) if keep is None or keep(r)]
    rng.shuffle(rows)
    return rows[:n]


def key(kid: str, persona: str, cl: Client, actor: str | None = None, timing: str = "") -> KeyTraffic:
    return KeyTraffic(kid, persona, "distiller", "distiller", actor or kid, cl, timing=timing)


def chat1(text: str, ts: float, params: dict, row: Row | None, system: str | None = None) -> Request:
    return chat_requests(
        [text], [row.answer if row else None], [ts], params, system, row.id if row else "", distill=True
    )[0]


def human_clock(
    rng: random.Random,
    start: float,
    n: int,
    gap=(20.0, 60.0),
    day=(8.0, 23.0),
    brk=0.05,
    brk_len=(300.0, 1200.0),
) -> list[float]:
    """1-3 requests/min while 'awake', coffee breaks, night pause (local day window in hours)."""
    out, t = [], start
    while len(out) < n:
        h = (t % DAY) / 3600
        if h < day[0] or h >= day[1]:
            nxt = math.floor(t / DAY) * DAY + day[0] * 3600 + rng.uniform(0, 3600)
            if h >= day[1]:
                nxt += DAY
            t = nxt
            continue
        out.append(t)
        t += rng.uniform(*gap)
        if rng.random() < brk:
            t += rng.uniform(*brk_len)
    return out


# ---------------------------------------------------------------- 1. reformat_replay
LABEL = re.compile(r"^\s*(###\s*)?(instruction|input|question|prompt|task)\s*[:：]\s*", re.I | re.M)


def reformat(text: str) -> str:
    t = LABEL.sub("", text)
    t = re.sub(r"[ \t]+", " ", t)
    t = re.sub(r"\n{2,}", "\n", t).strip()
    return "Q: " + t.lower()


def reformat_replay() -> list[KeyTraffic]:
    """lima + instructionwild (VAL sources), reformatted (labels stripped, whitespace collapsed,
    lower-cased, 'Q: ' prefix); 1500 requests paced 1-3/min, 08-23h, coffee breaks."""
    rng = random.Random("reformat_replay")
    rows = draw(rng, ("lima", "instructionwild"), 1500)
    times = human_clock(rng, T0 + 9 * 3600, len(rows))
    params = {"temperature": 0.7, "max_tokens": 1024}
    k = key("atk-reformat_replay", "reformat_replay", client(rng, "openai-python"), timing="human 1-3/min")
    k.requests = [chat1(reformat(r.first), t, params, r) for r, t in zip(rows, times, strict=False)]
    return [k]


# ---------------------------------------------------------------- 2. chat_user_harvest
def chat_user_harvest() -> list[KeyTraffic]:
    """Real chat users' opening questions (oasst2, arena, nq_open) as prompts, 2000 requests,
    closed loop 4 workers, temperature 0.7, n=1."""
    rng = random.Random("chat_user_harvest")
    rows = (
        draw(rng, ("oasst2_threads",), 600)
        + draw(rng, ("arena_even",), 600)
        + draw(rng, ("nq_open_dev",), 800)
    )
    rng.shuffle(rows)
    params = {"temperature": 0.7, "n": 1, "max_tokens": 1024}
    times = closed_loop(rng, T0 + 10 * 3600, [service_time(rng, r, params) for r in rows], 4)
    k = key(
        "atk-chat_user_harvest", "chat_user_harvest", client(rng, "openai-python"), timing="closed loop 4"
    )
    k.requests = [chat1(r.first, t, params, r) for r, t in zip(rows, times, strict=False)]
    return [k]


# ---------------------------------------------------------------- 3. multiturn_followups
STOP = set(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "as",
        "at",
        "by",
        "from",
        "which",
        "who",
        "what",
        "when",
        "where",
        "how",
        "why",
        "can",
        "could",
        "would",
        "should",
        "will",
        "may",
        "might",
        "also",
        "such",
        "more",
        "most",
        "other",
        "into",
        "than",
        "then",
        "there",
        "their",
        "they",
        "them",
        "you",
        "your",
        "we",
        "our",
        "not",
        "but",
        "if",
        "so",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "about",
        "over",
        "under",
        "between",
        "through",
        "each",
        "very",
        "some",
        "many",
        "much",
        "any",
        "all",
        "one",
        "two",
        "first",
        "like",
        "just",
        "only",
        "same",
        "both",
        "use",
        "used",
        "using",
        "make",
        "made",
        "well",
    ]
)
FOLLOW = (
    "Tell me more about {x}.",
    "Why is that?",
    "Can you give an example involving {x}?",
    "How does {x} work in practice?",
    "What are common mistakes people make with {x}?",
    "Explain {x} in simpler terms.",
    "What would be a counterargument?",
    "Can you summarise that in three bullet points?",
)


def keywords(text: str, k: int) -> list[str]:
    ws = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z\-]{4,}", text)]
    c = Counter(w for w in ws if w not in STOP)
    return [w for w, _ in c.most_common(k)] or ["that"]


def multiturn_followups() -> list[KeyTraffic]:
    """350 lima seed questions; each conversation adds 2-4 follow-ups built from keywords of the
    model's answer; worker pool of 3, temperature 0.8."""
    rng = random.Random("multiturn_followups")
    seeds = draw(rng, ("lima",), 350, keep=lambda r: bool(r.answer) and len(r.first) < 1500)
    params = {"temperature": 0.8, "max_tokens": 1500}
    jobs = []
    for r in seeds:
        kws = keywords(r.answer or "", 6)
        nf = rng.randint(2, 4)
        turns = [r.first]
        for tpl in rng.sample(FOLLOW, nf):
            turns.append(tpl.format(x=rng.choice(kws)))
        reqs = chat_requests(turns, [r.answer], [0.0] * len(turns), params, None, r.id, True)
        jobs.append((r, reqs))
    reqs = run_jobs(rng, T0 + 11 * 3600, jobs, 3)
    k = key("atk-multiturn_followups", "multiturn_followups", client(rng, "httpx"), timing="3 workers, convs")
    k.requests = sorted(reqs, key=lambda q: q.ts)
    return [k]


# ---------------------------------------------------------------- 4. persona_chat
AGES = list(range(16, 78))
JOBS = (
    "nurse",
    "software engineer",
    "high-school teacher",
    "farmer",
    "accountant",
    "student",
    "retired pilot",
    "chef",
    "lawyer",
    "graphic designer",
    "truck driver",
    "small business owner",
    "researcher",
    "musician",
    "stay-at-home parent",
    "pharmacist",
    "electrician",
    "journalist",
    "marketing manager",
    "librarian",
)
PLACES = (
    "Ohio",
    "Lagos",
    "Mumbai",
    "Berlin",
    "São Paulo",
    "Manila",
    "Toronto",
    "Nairobi",
    "Sydney",
    "Seoul",
    "Mexico City",
    "a small town in Ireland",
    "Texas",
    "Cairo",
    "Jakarta",
    "Warsaw",
)
TRAITS = (
    "who is very curious",
    "who prefers short answers",
    "who is a bit skeptical",
    "who loves details",
    "who is not technical",
    "who is in a hurry",
    "who enjoys humour",
    "who is anxious about it",
)


def persona_chat() -> list[KeyTraffic]:
    """Constant system prompt 'You are a helpful assistant.' + user: random persona line + a real
    question (instructionwild, sharegpt_en first turns); 1200 requests, 2 workers, T=1.0, top_p 0.95."""
    rng = random.Random("persona_chat")
    rows = draw(rng, ("instructionwild", "sharegpt_en_sample"), 1200, keep=lambda r: len(r.first) < 3000)
    params = {"temperature": 1.0, "top_p": 0.95, "max_tokens": 1024}
    times = closed_loop(rng, T0 + 12 * 3600, [service_time(rng, r, params) for r in rows], 2)
    k = key("atk-persona_chat", "persona_chat", client(rng, "openai-python"), timing="closed loop 2")
    out = []
    for r, t in zip(rows, times, strict=False):
        line = f"I am a {rng.choice(AGES)}-year-old {rng.choice(JOBS)} from {rng.choice(PLACES)} {rng.choice(TRAITS)}."
        out.append(chat1(f"{line}\n\n{r.first}", t, params, r, system="You are a helpful assistant."))
    k.requests = out
    return [k]


# ---------------------------------------------------------------- 5. key_rotation
def key_rotation() -> list[KeyTraffic]:
    """One client, 24 keys used one after another, 30-50 requests each, same UA+headers (openai-python
    same version), separate accounts, no shared prompts; mixed sources; 2 workers, T=0.7."""
    rng = random.Random("key_rotation")
    ua = user_agent(rng, "openai-python")
    n_keys = 24
    sizes = [rng.randint(30, 50) for _ in range(n_keys)]
    rows = draw(
        rng, ("moss_sft_sample", "belle_dev1k", "lima", "evol_instruct_h2o", "huatuo_med_zh"), sum(sizes)
    )
    params = {"temperature": 0.7, "max_tokens": 1024}
    times = closed_loop(rng, T0 + 9 * 3600, [service_time(rng, r, params) for r in rows], 2)
    keys, i = [], 0
    for j, s in enumerate(sizes):
        cl = Client(ua, SOFTWARE["openai-python"][1], account(rng, org=False), None)
        k = key(
            f"atk-key_rotation-{j:02d}", "key_rotation", cl, actor="atk-key_rotation", timing="closed loop 2"
        )
        k.requests = [
            chat1(r.first, t, params, r) for r, t in zip(rows[i : i + s], times[i : i + s], strict=False)
        ]
        i += s
        keys.append(k)
    return keys


# ---------------------------------------------------------------- 6. slow_and_low
def slow_clock(
    rng: random.Random, start_day: float, days: int, per_day=(100, 200), hours=(9.0, 19.0)
) -> list[float]:
    out = []
    for d in range(days):
        n = rng.randint(*per_day)
        a = start_day + d * DAY + hours[0] * 3600
        out += sorted(a + rng.uniform(0, (hours[1] - hours[0]) * 3600) for _ in range(n))
    return out


def slow_and_low() -> list[KeyTraffic]:
    """Two independent keys, 100-200 requests/day at random times 09-19h, 7 days each: A replays
    huatuo_med_zh raw, B a codealpaca+belle mix raw. T=0.7, max_tokens 800."""
    keys = []
    for name, sources, sw in (
        ("a", ("huatuo_med_zh",), "requests"),
        ("b", ("codealpaca_2k", "belle_dev1k"), "httpx"),
    ):
        rng = random.Random(f"slow_and_low:{name}")
        times = slow_clock(rng, T0, 7)
        rows = draw(rng, sources, len(times))
        params = {"temperature": 0.7, "max_tokens": 800}
        k = key(f"atk-slow_and_low-{name}", "slow_and_low", client(rng, sw), timing="100-200/day x7")
        k.requests = [chat1(r.first, t, params, r) for r, t in zip(rows, times, strict=False)]
        keys.append(k)
    return keys


# ---------------------------------------------------------------- 7. code_harvester
CODE_WRAPS = (
    "Write a Python solution for the following problem and explain how it works.\n\n{p}",
    "{p}\n\nPlease write the code and then explain your approach step by step.",
    "Solve this programming task. Give the code first, then a short explanation of the logic.\n\n{p}",
    "Can you implement this and walk me through the solution?\n{p}",
)


def code_problem(r: Row) -> str:
    if r.file == "mbpp":
        return str(r.extra.get("text") or r.first)
    return r.first


def code_harvester() -> list[KeyTraffic]:
    """mbpp (raw text) + humaneval stubs + codealpaca items, each in one of 4 'write and explain'
    wrappers chosen at random; 1200 requests, 3 workers, T=0.2, max_tokens 1500."""
    rng = random.Random("code_harvester")
    rows = draw(rng, ("mbpp",), 500) + draw(rng, ("humaneval",), 164) + draw(rng, ("codealpaca_2k",), 536)
    rng.shuffle(rows)
    params = {"temperature": 0.2, "max_tokens": 1500}
    times = closed_loop(rng, T0 + 14 * 3600, [service_time(rng, r, params) for r in rows], 3)
    k = key("atk-code_harvester", "code_harvester", client(rng, "aiohttp"), timing="closed loop 3")
    k.requests = [
        chat1(rng.choice(CODE_WRAPS).format(p=code_problem(r).strip()), t, params, r)
        for r, t in zip(rows, times, strict=False)
    ]
    return [k]


# ---------------------------------------------------------------- 8. nq_trivia_drip (8th)
def nq_trivia_drip() -> list[KeyTraffic]:
    """Short real search questions (nq_open) capitalised + '?' appended, asked 'answer in detail'
    style via system prompt; 1500 requests, human clock 1-3/min, T=0.7."""
    rng = random.Random("nq_trivia_drip")
    rows = draw(rng, ("nq_open_dev",), 1500)
    times = human_clock(rng, T0 + 8 * 3600, len(rows))
    params = {"temperature": 0.7, "max_tokens": 600}
    sysp = "Answer the user's question thoroughly, with background and context."
    k = key("atk-nq_trivia_drip", "nq_trivia_drip", client(rng, "requests"), timing="human 1-3/min")
    k.requests = [
        chat1(r.first.strip().capitalize().rstrip("?") + "?", t, params, r, system=sysp)
        for r, t in zip(rows, times, strict=False)
    ]
    return [k]


ATTACKS = {
    f.__name__: f
    for f in (
        reformat_replay,
        chat_user_harvest,
        multiturn_followups,
        persona_chat,
        key_rotation,
        slow_and_low,
        code_harvester,
        nq_trivia_drip,
    )
}

"""Blind persona set 29 (an outside reviewer): 12 benign personas on 12 keys, 9 distiller actors on 15 keys.

Written blind: without reading the detector's code, docs, tests or results. What was read: the
realtraffic helpers (src/stillroom/detector/realtraffic/): __init__, records, timing, clients, pools
and context in full (benign, distill, evals, wordings, suite and replay were not opened; a `wc -l` and
a listing of the folder showed their names); detector/types.py. Of the earlier blind sets: round28 in
full (its helper style is copied here: R, bucket, share, utc, arrivals, cl, key, ask, chain, talk,
run, sleepy, at, typo, casual; after the first replay, those identical to round28's - utc, weekday,
arrivals, cl, key, ask, chain, typo, casual, jd, money and the hour curves - are imported from it instead, the traffic
byte-identical); round2's lines 1-90 (`T0` and `src` are imported
here as round28 does; `mk` and `sorted_reqs` are used through round28's `key`); the Focus paragraphs (~8 lines from "Focus:") of rounds 7-12 and 14-28 (a grep
found none in rounds 3-6 and 13). Also pyproject.toml's ruff settings (and the pytest and
import-linter lines printed beside them), ../shared/STYLE.md, and ../shared/traffic's README and file
listing (rows are read at run time, never copied here; a one-off look at the field names, row counts and `task`/`subject` values of agieval_v1,
mmlu_val_zeroshot and arena_even, not their texts). A directory listing of bench/blind/ showed file
names; no forbidden file was opened and no git history, log or diff was looked at (`git status` only).
ALL parameters below were fixed before anyone replayed this set and are not tuned on outcomes; its
writer built the traffic only (to check that it imports, is deterministic and looks sensible) and
replayed nothing.

Focus: THE REASONING-MODEL ERA, with content from OUTSIDE the development data. In 2026 the valuable
thing to take from an API is reasoning: long chains of thought over hard maths, code and science.
Here 10 of the 12 benign personas and 7 of the 9 distiller actors draw NO prompt text from
../shared/traffic: their prompts come from generators written here - sixteen competition-maths
families with computed answers and step solutions (in English, Chinese, Spanish, German, French),
olympiad proof problems (English, Romanian), twelve competitive-programming families with reference
solvers, tests and buggy submissions, physics problems (English, French), Lean 4 proof states and
errors, knights-and-knaves and zebra puzzles checked for a unique solution, code-tracing items,
households, notebooks, chess positions and Sudoku grids - with typos, casual typing and follow-ups.
Requests carry reasoning-model settings (reasoning_effort, max_completion_tokens, a router's
`reasoning` object); replies take hidden reasoning time (`hidden`), so pools and people wait for it.
Benign, 12 keys (~21,200 requests), each one company's or person's key, heavy and legitimate: a
maths-olympiad coaching platform (hints, full solutions, "check my idea", follow-ups; Bucharest); a
competitive-programming site's "explain my wrong answer" button (contests and upsolving floods); a
physics course's homework helper (deadline build-up, a midterm); a Lean 4 proof-search loop (nightly
CI, n=4 tactic candidates, Lean errors fed back; researchers by day); a lab's reasoning benchmark
(the same 150 generated items nightly at seed 0, and an effort x seed sweep); a tax app's step-by-
step calculator over invented households in tax season; a notebook copilot (cells, tracebacks,
schemas); a maths PhD student (proof checks, counterexamples, LaTeX, German e-mails); a chess and
Sudoku app's explainer (one daily puzzle for many users); and, mixed, a test-prep publisher's worked
solutions (AGIEval maths items plus its own variants; backfill, editors, a nightly variant job) and a
robotics firm's internal reasoning chat (Arena chats plus engineering questions), with a maths
worksheet generator for teachers (Spanish, English, German) pure.
Distillers, 9 actors on 15 keys (~20,300 requests): an R1-style long-CoT harvest of competition
maths ("reason step by step ... \boxed{}", four samples per problem; and a low-effort filter pass
then high effort n=4 on the misses; two keys of one organisation); a code-reasoning harvest over
generated problems with tests in the prompt and failure-feedback repair turns; rationale
distillation (question plus known label in, "explain why" out; NLI, commonsense, arithmetic, dates,
sentiment; chat and few-shot); a <think>-tag harvest and a router-style `include_reasoning` harvest
of general reasoning prompts (two accounts, one signup network); a science multiple-choice harvest in
an eval harness's wording with shuffled options and "why are the others wrong" follow-ups (mixed:
MMLU science rows and generated items); four slow keys in four time zones that mix casual reasoning
asks with cover chat at a reader's pace for three weeks (mixed: Arena rows and small talk); a
process-reward-model critique harvest (correct and error-injected step solutions, paragraph-tagged
and per-step JSON, n=3); a logic-puzzle harvest with verifiable answers (n=4 rollouts; a hard key
with correction turns); and a tool-integrated-reasoning harvest (code blocks, sandbox ```output
turns).

Row allotment (by a stable hash `bucket` salted for this round, "r29"): agieval_v1 bucket 0 of 2,
tasks sat-math, aqua-rat and math only, the test-prep publisher (the rest unused); arena_even bucket
0 of 4 the robotics chat and bucket 1 of 4 the slow multi-key distiller (first turns at most 3,000
characters; buckets 2-3 unused); mmlu_val_zeroshot bucket 0 of 2, fourteen science and engineering
subjects, the science harvest. No other source is used. Every other text - problems, solutions,
code, proofs, states, puzzles, households, schemas, positions, system prompts, follow-ups - is
written here.

Timing is simulated everywhere: script pools whose rhythm follows reply lengths plus hidden
reasoning (`run`, with timeouts resent), single rate-limited workers (`sleepy`), Poisson arrivals
on office, consumer, student and evening curves, nightly CI and cron runs, local work between turns
(Lean checks, test runs, sandbox execution), and people's turn gaps from `timing.think` plus the
reasoning wait. Replies: stored Arena answers for Arena turns; composed assistant turns where a
pipeline's next request quotes them (the TIR code blocks); otherwise the helpers' stub reply. Every
distiller request is marked `distill`; no benign request is.
"""

from __future__ import annotations

import dataclasses
import heapq
import itertools
import math
import random
import re
import zlib
from datetime import date, timedelta
from fractions import Fraction

from blind.round2 import T0, src  # round 2's data helpers (the suite clock and key)
from blind.round28 import (
    CONSUMER,
    HOUR,
    OFFICE,
    arrivals,
    ask,
    casual,
    chain,
    cl,
    jd,
    key,
    typo,
    utc,
    weekday,
)
from stillroom.detector.realtraffic.clients import account
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import (
    KeyTraffic,
    Request,
)
from stillroom.detector.realtraffic.timing import DAY, latency, think

# Students: a little at lunch, most after school and in the evening, some late at night.
STUDENT = (0.25, 0.1, 0.03, 0, 0, 0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.35, 0.3, 0.4, 0.6, 0.8, 0.9, 0.9, 1.0, 1.0,
           0.95, 0.8, 0.5)  # fmt: skip
# Hidden reasoning tokens a reply takes at each reasoning_effort (the median; lognormal around it).
HIDDEN = {"minimal": 0, "low": 350, "medium": 1400, "high": 4500}


def R(*names) -> random.Random:
    return random.Random("blind29:" + ":".join(map(str, names)))


def bucket(r: Row, n: int) -> int:
    """A stable share of a source by row id, salted for this round (the allotment is in the docstring)."""
    return zlib.crc32(f"r29:{r.file}:{r.id}".encode()) % n


def share(name: str, n: int, *keep: int) -> list[Row]:
    """The rows of a source whose bucket of n is one of `keep`, in file order."""
    return [r for r in src(name) if bucket(r, n) in keep]


def async_ua(rng: random.Random) -> str:
    """The user agent of the OpenAI SDK's async client."""
    return f"AsyncOpenAI/Python 1.{rng.randint(60, 99)}.{rng.randint(0, 12)}"


def effort(params: dict) -> str | None:
    """The reasoning effort a request asks for: `reasoning_effort`, or `reasoning.effort` (a router's form)."""
    nested = params.get("reasoning")
    return params.get("reasoning_effort") or (nested.get("effort") if isinstance(nested, dict) else None)


def hidden(rng: random.Random, q: Request) -> int:
    """Hidden reasoning tokens the served model spends before its visible answer."""
    median = HIDDEN.get(effort(q.params) or "", 0)
    if not median:
        return 0
    cap = q.params.get("max_completion_tokens") or 100_000
    return min(int(cap), int(rng.lognormvariate(math.log(median), 0.6)))


def tokens_of(q: Request, default: int | None) -> int:
    """Visible reply tokens: `default` (an unknown served answer) or the reply's length, capped by
    max_tokens / max_completion_tokens and scaled by n."""
    tokens = default if default is not None else max(20, len(q.reply or "") // 4)
    cap = q.params.get("max_tokens") or q.params.get("max_completion_tokens")
    tokens = min(tokens, int(cap)) if cap else tokens
    return tokens * (1 + (int(q.params.get("n", 1) or 1) - 1) // 4)


def service(rng: random.Random, q: Request, tokens: int | None) -> float:
    """How long the reply takes: the hidden reasoning, then the visible tokens."""
    return latency(rng, tokens_of(q, tokens) + hidden(rng, q))


def talk(rng: random.Random, t: float, reqs: list[Request]) -> float:
    """A person's pace through a conversation: each turn after the reply (and its reasoning) was back,
    read and the next typed. Returns when the person is done with the last reply."""
    for i, q in enumerate(reqs):
        q.ts = t
        nxt = len(reqs[i + 1].prompt) if i + 1 < len(reqs) else 200
        t += think(rng, len(q.reply or ""), nxt) + hidden(rng, q) / rng.uniform(40, 90)
    return t


def run(rng: random.Random, t: float, jobs: list[list[Request]], workers: int, tokens: int | None = 300,
        retry: float = 0.0, timeout: float = 600.0, gap: tuple[float, float] = (0.002, 0.05)) -> tuple[list[Request], float]:  # fmt: skip
    """A script's worker pool: each job is a chain of requests, each sent when the reply before it is
    back (plus U(gap): local work between turns); a free worker takes the next job. With `retry`, that
    share of requests times out after `timeout` s and is sent again, unchanged (both reach the server).
    Returns the requests sent, resends included, and when the last reply is back."""
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
            s += service(rng, q, tokens) + rng.uniform(*gap)
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
            t += service(rng, q, tokens) + rng.uniform(*pause)
    return out, t


def at(times: list[float], jobs: list[list[Request]], rng: random.Random) -> list[Request]:
    """Jobs started at the given arrival times (zip order), each chain at a person's pace."""
    out: list[Request] = []
    for t, job in zip(times, jobs, strict=False):
        talk(rng, t, job)
        out += job
    return out


def one_person(rng: random.Random, times: list[float], jobs: list[list[Request]]) -> list[Request]:
    """One person: a conversation starts at its arrival or when the last one is done, whichever is later."""
    out: list[Request] = []
    free = 0.0
    for t, job in zip(times, jobs, strict=False):
        free = talk(rng, max(t, free), job)
        out += job
    return out


def frac(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


FIRST = ("Anna", "Lukas", "Marta", "Jonas", "Sofia", "Mehmet", "Ewa", "Tomás", "Chloé", "Pieter", "Aisha", "Mateo", "Yuki",
         "Priya", "Liam", "Noor", "Karolina", "Hugo", "Ines", "Daniel", "Fatma", "Oskar", "Lena", "Rafael", "Amara", "Jan",
         "Zofia", "Emre", "Clara", "Nils", "Bogdan", "Elif", "Sven", "Leila", "Marco", "Hanna", "Kwame", "Julia", "Arjun", "Mia")  # fmt: skip


# =============================================================================================
# A COMPETITION-MATHS GENERATOR (shared by several personas, each with its own seed and wording).
# Sixteen families of AMC/AIME-style problems with integer or fractional answers computed here, a
# short correct solution in steps, and a Python expression that computes the answer (for the tool-
# integrated harvest). Some families are also worded in Chinese, Spanish, German and French.
def _cm_powmod(rng: random.Random) -> dict:
    m = rng.choice((7, 9, 11, 13, 17, 19, 25, 100, 1000))
    a = rng.choice([x for x in range(2, 40) if math.gcd(x, m) == 1])
    b = rng.randint(50, 2026)
    o = next(k for k in range(1, m + 1) if pow(a, k, m) == 1)
    ans = pow(a, b, m)
    return {
        "en": f"Find the remainder when ${a}^{{{b}}}$ is divided by ${m}$.",
        "zh": f"求 ${a}^{{{b}}}$ 除以 ${m}$ 所得的余数。",
        "es": f"Halla el resto de dividir ${a}^{{{b}}}$ entre ${m}$.",
        "de": f"Bestimme den Rest von ${a}^{{{b}}}$ bei Division durch ${m}$.",
        "ans": str(ans),
        "code": f"pow({a}, {b}, {m})",
        "steps": [f"Since $\\gcd({a},{m})=1$, the powers of ${a}$ modulo ${m}$ repeat with some period.",
                  f"Checking successive powers, the order of ${a}$ modulo ${m}$ is ${o}$, i.e. ${a}^{{{o}}}\\equiv 1$.",
                  f"Write ${b}={o}\\cdot{b // o}+{b % o}$, so ${a}^{{{b}}}\\equiv {a}^{{{b % o}}}\\pmod{{{m}}}$.",
                  f"Finally ${a}^{{{b % o}}}\\equiv {ans}\\pmod{{{m}}}$, so the remainder is ${ans}$."],
    }  # fmt: skip


def _cm_divisors(rng: random.Random) -> dict:
    ps = sorted(rng.sample((2, 3, 5, 7, 11, 13), rng.randint(2, 3)))
    es = [rng.randint(1, 6 if p < 5 else 3) for p in ps]
    n = math.prod(p**e for p, e in zip(ps, es, strict=True))
    fact = "\\cdot ".join(f"{p}^{{{e}}}" for p, e in zip(ps, es, strict=True))
    if rng.random() < 0.5:
        ans = math.prod(e + 1 for e in es)
        counts = "\\cdot ".join(str(e + 1) for e in es)
        return {
            "en": f"How many positive divisors does ${n}$ have?",
            "zh": f"${n}$ 有多少个正因数？",
            "es": f"¿Cuántos divisores positivos tiene ${n}$?",
            "fr": f"Combien l'entier ${n}$ possède-t-il de diviseurs positifs ?",
            "ans": str(ans),
            "code": f"sum(1 for d in range(1, {n} + 1) if {n} % d == 0)",
            "steps": [f"Factor: ${n}={fact}$.", "A divisor chooses each exponent independently, from $0$ up to its maximum.",
                      f"So the count is ${counts}={ans}$."],
        }  # fmt: skip
    ans = math.prod(e // 2 + 1 for e in es)
    return {
        "en": f"How many positive divisors of ${n}$ are perfect squares?",
        "zh": f"${n}$ 的正因数中有多少个是完全平方数？",
        "ans": str(ans),
        "code": f"sum(1 for d in range(1, {n} + 1) if {n} % d == 0 and int(d ** 0.5) ** 2 == d)",
        "steps": [f"Factor: ${n}={fact}$.", "A square divisor needs every exponent even.",
                  f"The choices per prime are ${', '.join(str(e // 2 + 1) for e in es)}$, so there are ${ans}$."],
    }  # fmt: skip


def _cm_inclusion(rng: random.Random) -> dict:
    n = rng.randrange(100, 5000, rng.choice((1, 10, 100)))
    p, q, r = rng.sample((2, 3, 5, 7, 11, 13), 3)
    ans = sum(1 for k in range(1, n + 1) if (k % p == 0 or k % q == 0) and k % r)
    a, b, ab = n // p, n // q, n // (p * q)
    return {
        "en": f"How many positive integers $n\\le {n}$ are divisible by ${p}$ or ${q}$ but not by ${r}$?",
        "zh": f"不超过 ${n}$ 的正整数中，能被 ${p}$ 或 ${q}$ 整除但不能被 ${r}$ 整除的有多少个？",
        "es": f"¿Cuántos enteros positivos $n\\le {n}$ son divisibles por ${p}$ o por ${q}$, pero no por ${r}$?",
        "de": f"Wie viele positive ganze Zahlen $n\\le {n}$ sind durch ${p}$ oder ${q}$, aber nicht durch ${r}$ teilbar?",
        "ans": str(ans),
        "code": f"sum(1 for k in range(1, {n} + 1) if (k % {p} == 0 or k % {q} == 0) and k % {r})",
        "steps": [f"Multiples of ${p}$ or ${q}$ up to ${n}$: ${a}+{b}-{ab}={a + b - ab}$.",
                  f"Remove those also divisible by ${r}$: $\\lfloor {n}/{p * r}\\rfloor+\\lfloor {n}/{q * r}\\rfloor-\\lfloor {n}/{p * q * r}\\rfloor"
                  f"={n // (p * r) + n // (q * r) - n // (p * q * r)}$.",
                  f"The answer is ${a + b - ab}-{n // (p * r) + n // (q * r) - n // (p * q * r)}={ans}$."],
    }  # fmt: skip


def _cm_vieta(rng: random.Random) -> dict:
    r1, r2, r3 = (rng.choice([x for x in range(-7, 10) if x]) for _ in range(3))
    s, p, q = r1 + r2 + r3, r1 * r2 + r2 * r3 + r1 * r3, r1 * r2 * r3
    poly = f"x^3{-s:+d}x^2{p:+d}x{-q:+d}".replace("+1x", "+x").replace("-1x", "-x")
    if rng.random() < 0.6:
        ans = s * s - 2 * p
        return {
            "en": f"Let $a$, $b$, $c$ be the roots of ${poly}=0$. Compute $a^2+b^2+c^2$.",
            "zh": f"设 $a,b,c$ 是方程 ${poly}=0$ 的三个根，求 $a^2+b^2+c^2$。",
            "es": f"Sean $a$, $b$, $c$ las raíces de ${poly}=0$. Calcula $a^2+b^2+c^2$.",
            "ans": str(ans),
            "code": f"({s})**2 - 2*({p})",
            "steps": [f"By Vieta, $a+b+c={s}$ and $ab+bc+ca={p}$.", "Use $a^2+b^2+c^2=(a+b+c)^2-2(ab+bc+ca)$.",
                      f"This gives ${s}^2-2\\cdot({p})={ans}$."],
        }  # fmt: skip
    ans = Fraction(p, q)
    return {
        "en": f"The roots of ${poly}=0$ are $r$, $s$, $t$. Find $\\frac1r+\\frac1s+\\frac1t$.",
        "zh": f"方程 ${poly}=0$ 的根为 $r,s,t$，求 $\\frac1r+\\frac1s+\\frac1t$。",
        "ans": frac(ans),
        "code": f"Fraction({p}, {q})",
        "steps": [f"By Vieta, $rs+st+tr={p}$ and $rst={q}$.", "So $\\frac1r+\\frac1s+\\frac1t=\\frac{rs+st+tr}{rst}$.",
                  f"This is ${p}/{q}={frac(ans)}$."],
    }  # fmt: skip


def _cm_table(rng: random.Random) -> dict:
    n = rng.randint(6, 12)
    a, b = rng.sample(("Ana", "Ben", "Chen", "Dana", "Eitan", "Fiona", "Goran", "Hui"), 2)
    ans = math.factorial(n - 1) - 2 * math.factorial(n - 2)
    return {
        "en": f"In how many ways can ${n}$ people, including {a} and {b}, sit around a round table if {a} and {b} refuse to sit next to each other? (Rotations are the same.)",
        "zh": f"${n}$ 个人（包括{a}和{b}）围坐一张圆桌，{a}和{b}不相邻，共有多少种坐法？（旋转视为相同）",
        "es": f"¿De cuántas maneras pueden sentarse ${n}$ personas, entre ellas {a} y {b}, alrededor de una mesa redonda si {a} y {b} no quieren sentarse juntos? (Las rotaciones cuentan como iguales.)",
        "ans": str(ans),
        "code": f"factorial({n - 1}) - 2 * factorial({n - 2})",
        "steps": [f"Circular arrangements of ${n}$ people: $({n}-1)!={math.factorial(n - 1)}$.",
                  f"Glue {a} and {b} into a block: $({n}-2)!\\cdot 2={2 * math.factorial(n - 2)}$ arrangements have them adjacent.",
                  f"Subtract: ${math.factorial(n - 1)}-{2 * math.factorial(n - 2)}={ans}$."],
    }  # fmt: skip


def _cm_consecutive(rng: random.Random) -> dict:
    n, k = rng.randint(10, 30), rng.randint(3, 6)
    ans = math.comb(n - k + 1, k)
    return {
        "en": f"How many ${k}$-element subsets of $\\{{1,2,\\dots,{n}\\}}$ contain no two consecutive integers?",
        "zh": f"集合 $\\{{1,2,\\dots,{n}\\}}$ 中不含两个相邻整数的 ${k}$ 元子集有多少个？",
        "de": f"Wie viele ${k}$-elementige Teilmengen von $\\{{1,2,\\dots,{n}\\}}$ enthalten keine zwei aufeinanderfolgenden Zahlen?",
        "fr": f"Combien de parties à ${k}$ éléments de $\\{{1,2,\\dots,{n}\\}}$ ne contiennent pas deux entiers consécutifs ?",
        "ans": str(ans),
        "code": f"comb({n - k + 1}, {k})",
        "steps": [f"Write the chosen numbers as $a_1<\\dots<a_{k}$ with gaps at least 2.",
                  f"Set $b_i=a_i-(i-1)$; then $1\\le b_1<\\dots<b_{k}\\le {n - k + 1}$, any ${k}$-subset.",
                  f"So the count is $\\binom{{{n - k + 1}}}{{{k}}}={ans}$."],
    }  # fmt: skip


def _cm_dice(rng: random.Random) -> dict:
    d = rng.choice((4, 6, 8, 10, 12, 20))
    primes = [s for s in range(2, 2 * d + 1) if all(s % k for k in range(2, int(s**0.5) + 1))]
    good = sum(1 for x in range(1, d + 1) for y in range(1, d + 1) if x + y in primes)
    pr = Fraction(good, d * d)
    return {
        "en": f"Two fair ${d}$-sided dice (faces $1$ to ${d}$) are rolled. The probability that the sum is prime is $\\frac{{m}}{{n}}$ in lowest terms. Find $m+n$.",
        "zh": f"掷两枚均匀的 ${d}$ 面骰子（点数 $1$ 到 ${d}$），点数之和为质数的概率为最简分数 $\\frac{{m}}{{n}}$，求 $m+n$。",
        "es": f"Se lanzan dos dados justos de ${d}$ caras (de $1$ a ${d}$). La probabilidad de que la suma sea prima es $\\frac{{m}}{{n}}$ irreducible. Halla $m+n$.",
        "ans": str(pr.numerator + pr.denominator),
        "code": f"(lambda f: f.numerator + f.denominator)(Fraction(sum(isprime(x + y) for x in range(1, {d + 1}) for y in range(1, {d + 1})), {d * d}))",
        "steps": [f"There are ${d * d}$ equally likely outcomes.", f"Prime sums possible: ${', '.join(map(str, primes))}$.",
                  f"Counting pairs for each gives ${good}$ favourable outcomes, so the probability is ${good}/{d * d}={frac(pr)}$.",
                  f"Thus $m+n={pr.numerator + pr.denominator}$."],
    }  # fmt: skip


def _cm_incircle(rng: random.Random) -> dict:
    a, b, c = rng.choice(((3, 4, 5), (5, 12, 13), (8, 15, 17), (7, 24, 25), (20, 21, 29), (9, 40, 41)))
    k = rng.randint(1, 6)
    a, b, c = a * k, b * k, c * k
    r = Fraction(a + b - c, 2)
    return {
        "en": f"A right triangle has legs ${a}$ and ${b}$. Find the radius of its inscribed circle.",
        "zh": f"直角三角形两直角边分别为 ${a}$ 和 ${b}$，求其内切圆半径。",
        "es": f"Un triángulo rectángulo tiene catetos ${a}$ y ${b}$. Halla el radio de su circunferencia inscrita.",
        "de": f"Ein rechtwinkliges Dreieck hat die Katheten ${a}$ und ${b}$. Bestimme den Inkreisradius.",
        "ans": frac(r),
        "code": f"({a} + {b} - sqrt({a}**2 + {b}**2)) / 2",
        "steps": [f"The hypotenuse is $\\sqrt{{{a}^2+{b}^2}}={c}$.", "For a right triangle, $r=\\frac{a+b-c}{2}$.",
                  f"So $r=\\frac{{{a}+{b}-{c}}}{{2}}={frac(r)}$."],
    }  # fmt: skip


def _cm_cubes(rng: random.Random) -> dict:
    s, p = rng.randint(2, 15), rng.randint(-20, 30)
    ans = s**3 - 3 * s * p
    return {
        "en": f"Real numbers $x$ and $y$ satisfy $x+y={s}$ and $xy={p}$. Find $x^3+y^3$.",
        "zh": f"实数 $x,y$ 满足 $x+y={s}$，$xy={p}$，求 $x^3+y^3$。",
        "es": f"Los números reales $x$ e $y$ cumplen $x+y={s}$ y $xy={p}$. Calcula $x^3+y^3$.",
        "ans": str(ans),
        "code": f"{s}**3 - 3*{s}*({p})",
        "steps": ["Use $x^3+y^3=(x+y)^3-3xy(x+y)$.", f"Substitute: ${s}^3-3\\cdot({p})\\cdot {s}$.", f"$={s**3}-({3 * s * p})={ans}$."],
    }  # fmt: skip


def _cm_paths(rng: random.Random) -> dict:
    m, n = rng.randint(4, 9), rng.randint(4, 9)
    i, j = rng.randint(1, m - 1), rng.randint(1, n - 1)
    total, through = math.comb(m + n, m), math.comb(i + j, i) * math.comb(m - i + n - j, m - i)
    return {
        "en": f"How many lattice paths from $(0,0)$ to $({m},{n})$, using unit steps right or up, do not pass through $({i},{j})$?",
        "zh": f"从 $(0,0)$ 到 $({m},{n})$，每步向右或向上走一格，不经过点 $({i},{j})$ 的路径有多少条？",
        "fr": f"Combien de chemins de $(0,0)$ à $({m},{n})$, par pas unitaires vers la droite ou vers le haut, évitent le point $({i},{j})$ ?",
        "ans": str(total - through),
        "code": f"comb({m + n}, {m}) - comb({i + j}, {i}) * comb({m - i + n - j}, {m - i})",
        "steps": [f"All paths: $\\binom{{{m + n}}}{{{m}}}={total}$.",
                  f"Paths through $({i},{j})$: $\\binom{{{i + j}}}{{{i}}}\\binom{{{m - i + n - j}}}{{{m - i}}}={through}$.",
                  f"Answer: ${total}-{through}={total - through}$."],
    }  # fmt: skip


def _cm_floorsum(rng: random.Random) -> dict:
    n, d = rng.randint(30, 400), rng.randint(3, 12)
    ans = sum(k // d for k in range(1, n + 1))
    q, r = divmod(n, d)
    return {
        "en": f"Compute $\\displaystyle\\sum_{{k=1}}^{{{n}}}\\left\\lfloor \\frac{{k}}{{{d}}}\\right\\rfloor$.",
        "zh": f"计算 $\\sum_{{k=1}}^{{{n}}}\\lfloor k/{d}\\rfloor$。",
        "ans": str(ans),
        "code": f"sum(k // {d} for k in range(1, {n} + 1))",
        "steps": [f"${n}={d}\\cdot{q}+{r}$. Each value $v=0,\\dots,{q - 1}$ appears ${d}$ times (with $v=0$ for $k<{d}$).",
                  f"Full blocks contribute ${d}\\cdot(0+1+\\dots+{q - 1})={d * q * (q - 1) // 2}$.",
                  f"The last ${r + 1}$ terms ($k={q * d}$ to ${n}$) are ${q}$ each: ${(r + 1) * q}$.",
                  f"Total: ${ans}$."],
    }  # fmt: skip


def _cm_congruence(rng: random.Random) -> dict:
    m = rng.choice((17, 19, 23, 29, 31, 37, 41, 97, 101))
    a, b = rng.randint(2, m - 1), rng.randint(1, m - 1)
    inv = pow(a, -1, m)
    ans = b * inv % m or m
    return {
        "en": f"Find the smallest positive integer $n$ such that ${a}n\\equiv {b}\\pmod{{{m}}}$.",
        "zh": f"求满足 ${a}n\\equiv {b}\\pmod{{{m}}}$ 的最小正整数 $n$。",
        "es": f"Halla el menor entero positivo $n$ tal que ${a}n\\equiv {b}\\pmod{{{m}}}$.",
        "de": f"Finde die kleinste positive ganze Zahl $n$ mit ${a}n\\equiv {b}\\pmod{{{m}}}$.",
        "ans": str(ans),
        "code": f"next(n for n in range(1, {m + 1}) if ({a} * n - {b}) % {m} == 0)",
        "steps": [f"The inverse of ${a}$ modulo ${m}$ is ${inv}$ (check: ${a}\\cdot{inv}={a * inv}\\equiv 1$).",
                  f"Multiply both sides: $n\\equiv {b}\\cdot{inv}={b * inv}\\equiv {ans}\\pmod{{{m}}}$.", f"So $n={ans}$."],
    }  # fmt: skip


def _cm_trailing(rng: random.Random) -> dict:
    n = rng.randint(60, 3000)
    parts = [n // 5**k for k in range(1, 7) if n // 5**k]
    return {
        "en": f"How many zeros are at the end of ${n}!$?",
        "zh": f"${n}!$ 的末尾有多少个连续的零？",
        "es": f"¿En cuántos ceros termina ${n}!$?",
        "fr": f"Par combien de zéros se termine l'écriture décimale de ${n}!$ ?",
        "ans": str(sum(parts)),
        "code": f"sum({n} // 5**k for k in range(1, 8))",
        "steps": ["Trailing zeros come from factors $10=2\\cdot5$; fives are scarcer.",
                  "Legendre: count $\\lfloor n/5\\rfloor+\\lfloor n/25\\rfloor+\\dots$", f"${'+'.join(map(str, parts))}={sum(parts)}$."],
    }  # fmt: skip


def _cm_arith(rng: random.Random) -> dict:
    a, d, n = rng.randint(-10, 30), rng.randint(-4, 9), rng.randint(5, 25)

    def s(k: int) -> int:
        return k * (2 * a + (k - 1) * d) // 2

    return {
        "en": f"The sum of the first ${n}$ terms of an arithmetic sequence is ${s(n)}$, and the sum of the first ${2 * n}$ terms is ${s(2 * n)}$. Find the sum of the first ${3 * n}$ terms.",
        "zh": f"等差数列前 ${n}$ 项和为 ${s(n)}$，前 ${2 * n}$ 项和为 ${s(2 * n)}$，求前 ${3 * n}$ 项和。",
        "ans": str(s(3 * n)),
        "code": f"3 * ({s(2 * n)} - {s(n)})",
        "steps": ["For an arithmetic sequence, $S_n$, $S_{2n}-S_n$, $S_{3n}-S_{2n}$ form an arithmetic sequence.",
                  f"So $S_{{3n}}=3(S_{{2n}}-S_n)=3({s(2 * n)}-{s(n)})$.", f"$S_{{{3 * n}}}={s(3 * n)}$."],
    }  # fmt: skip


def _cm_coprime(rng: random.Random) -> dict:
    ps = sorted(rng.sample((2, 3, 5, 7, 11, 13, 17), rng.randint(2, 5)))
    n = math.prod(p ** rng.randint(1, 3) for p in ps)
    return {
        "en": f"How many ordered pairs of positive integers $(x,y)$ satisfy $xy={n}$ and $\\gcd(x,y)=1$?",
        "zh": f"满足 $xy={n}$ 且 $\\gcd(x,y)=1$ 的正整数有序对 $(x,y)$ 有多少个？",
        "ans": str(2 ** len(ps)),
        "code": f"sum(1 for x in range(1, {n} + 1) if {n} % x == 0 and gcd(x, {n} // x) == 1)",
        "steps": [f"${n}$ has the distinct prime factors ${', '.join(map(str, ps))}$.",
                  "Coprimality forces each full prime power to go entirely to $x$ or to $y$.", f"So there are $2^{len(ps)}={2 ** len(ps)}$ pairs."],
    }  # fmt: skip


def _cm_optimum(rng: random.Random) -> dict:
    s = rng.randint(3, 30)
    best = Fraction(4 * s**3, 27)
    return {
        "en": f"Positive real numbers $a$ and $b$ satisfy $a+b={s}$. Find the maximum value of $a^2b$.",
        "zh": f"正实数 $a,b$ 满足 $a+b={s}$，求 $a^2b$ 的最大值。",
        "de": f"Für positive reelle Zahlen $a,b$ gilt $a+b={s}$. Bestimme den größten Wert von $a^2b$.",
        "ans": frac(best),
        "code": f"Fraction(4 * {s}**3, 27)",
        "steps": ["By AM-GM on $\\frac a2,\\frac a2,b$: $\\frac{a/2+a/2+b}3\\ge\\sqrt[3]{\\frac{a^2b}4}$.",
                  f"So $a^2b\\le 4\\left(\\frac{{{s}}}3\\right)^3={frac(best)}$, with equality at $a=\\frac{{{2 * s}}}3$.",
                  f"The maximum is ${frac(best)}$."],
    }  # fmt: skip


CM_FAMILIES = (_cm_powmod, _cm_divisors, _cm_inclusion, _cm_vieta, _cm_table, _cm_consecutive, _cm_dice, _cm_incircle,
               _cm_cubes, _cm_paths, _cm_floorsum, _cm_congruence, _cm_trailing, _cm_arith, _cm_coprime, _cm_optimum)  # fmt: skip


def cm(rng: random.Random, lang: str = "en") -> dict:
    """One competition problem: its text in `lang` (English where a family has no such wording)."""
    fam = rng.choice(CM_FAMILIES)
    d = fam(rng)
    d["q"], d["fam"] = d.get(lang, d["en"]), fam.__name__[4:]
    return d


def cm_unique(
    rng: random.Random, n: int, langs: tuple[tuple[str, float], ...] = (("en", 1.0),)
) -> list[dict]:
    """n distinct problems (by text), languages drawn with the given weights."""
    names, weights = zip(*langs, strict=True)
    out, seen = [], set()
    while len(out) < n:
        d = cm(rng, rng.choices(names, weights)[0])
        if d["q"] not in seen:
            seen.add(d["q"])
            out.append(d)
    return out


# =============================================================================================
# A COMPETITIVE-PROGRAMMING PROBLEM GENERATOR (shared by the practice site and the code harvest):
# twelve classic task families, each told through a different little story, with the input and
# output format, constraints, and samples and tests whose answers are computed here by a reference
# solver on small random inputs. Seven families also come with submissions that have a typical bug
# (overflow, off-by-one, greedy instead of DP, O(n^2), recursion depth, a missing reset).
CP_HEROES = ("Alice", "Bob", "Monocarp", "Polycarp", "Farmer John", "Vasya", "Nadia", "Kenji", "Tanvi",
             "Bessie", "Chef", "Ivo", "Leyla", "Mira")  # fmt: skip
CP_PLACES = (
    "Byteland",
    "Berland",
    "the Kingdom of Arrays",
    "Flatville",
    "the city of Kattis",
    "the Pasture",
    "Codeton",
)


def _cp_arr(rng: random.Random, n: int, lo: int, hi: int) -> list[int]:
    return [rng.randint(lo, hi) for _ in range(n)]


def _fmt(*lines) -> str:
    return "\n".join(" ".join(map(str, x)) if isinstance(x, list | tuple) else str(x) for x in lines)


def _cp_range(rng: random.Random) -> tuple[str, str]:
    a = _cp_arr(rng, rng.randint(4, 8), 1, 10**9 if rng.random() < 0.5 else 50)
    qs = [sorted(rng.sample(range(1, len(a) + 1), 2)) for _ in range(rng.randint(2, 4))]
    return _fmt([len(a), len(qs)], a, *qs), _fmt(*[sum(a[lo - 1 : hi]) for lo, hi in qs])


def _cp_pairs(rng: random.Random) -> tuple[str, str]:
    k, a = rng.randint(2, 7), _cp_arr(rng, rng.randint(4, 8), 1, 30)
    return _fmt([len(a), k], a), str(
        sum(1 for i, j in itertools.combinations(range(len(a)), 2) if (a[i] + a[j]) % k == 0)
    )


def _cp_kadane(rng: random.Random) -> tuple[str, str]:
    cases = [
        _cp_arr(rng, rng.randint(1, 7), -20, 15 if rng.random() < 0.7 else -1)
        for _ in range(rng.randint(2, 3))
    ]
    best = [max(sum(a[i:j]) for i in range(len(a)) for j in range(i + 1, len(a) + 1)) for a in cases]
    return _fmt(len(cases), *[x for a in cases for x in (len(a), a)]), _fmt(*best)


def _cp_lis(rng: random.Random) -> tuple[str, str]:
    a = _cp_arr(rng, rng.randint(5, 9), 1, 12)
    best = [1] * len(a)
    for i in range(len(a)):
        best[i] = 1 + max([best[j] for j in range(i) if a[j] < a[i]], default=0)
    return _fmt(len(a), a), str(max(best))


def _cp_coins(rng: random.Random) -> tuple[str, str]:
    coins = sorted(rng.sample(range(1, 13), rng.randint(2, 4)))
    s = rng.randint(5, 40)
    dp = [0] + [10**9] * s
    for v in range(1, s + 1):
        dp[v] = min([dp[v - c] + 1 for c in coins if c <= v], default=10**9)
    return _fmt([len(coins), s], coins), str(dp[s] if dp[s] < 10**9 else -1)


def _cp_components(rng: random.Random) -> tuple[str, str]:
    n = rng.randint(4, 8)
    edges = [sorted(rng.sample(range(1, n + 1), 2)) for _ in range(rng.randint(1, n))]
    parent = list(range(n + 1))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for u, v in edges:
        parent[find(u)] = find(v)
    return _fmt([n, len(edges)], *edges), str(len({find(x) for x in range(1, n + 1)}))


def _cp_intervals(rng: random.Random) -> tuple[str, str]:
    iv = [sorted(rng.sample(range(1, 25), 2)) for _ in range(rng.randint(3, 7))]
    count, end = 0, -1
    for lo, hi in sorted(iv, key=lambda x: x[1]):
        if lo >= end:
            count, end = count + 1, hi
    return _fmt(len(iv), *iv), str(count)


def _cp_palin(rng: random.Random) -> tuple[str, str]:
    s = "".join(rng.choice("aab" if rng.random() < 0.5 else "abc") for _ in range(rng.randint(4, 10)))
    best = max(j - i for i in range(len(s)) for j in range(i + 1, len(s) + 1) if s[i:j] == s[i:j][::-1])
    return _fmt(len(s), s), str(best)


def _cp_grid(rng: random.Random) -> tuple[str, str]:
    h, w = rng.randint(3, 5), rng.randint(3, 6)
    g = [["#" if rng.random() < 0.25 else "." for _ in range(w)] for _ in range(h)]
    g[0][0], g[h - 1][w - 1] = "S", "T"
    dist, frontier = {(0, 0): 0}, [(0, 0)]
    for y, x in frontier:
        for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            ny, nx = y + dy, x + dx
            if 0 <= ny < h and 0 <= nx < w and g[ny][nx] != "#" and (ny, nx) not in dist:
                dist[(ny, nx)] = dist[(y, x)] + 1
                frontier.append((ny, nx))
    return _fmt([h, w], *["".join(r) for r in g]), str(dist.get((h - 1, w - 1), -1))


def _cp_inversions(rng: random.Random) -> tuple[str, str]:
    a = _cp_arr(rng, rng.randint(4, 9), 1, 20)
    return _fmt(len(a), a), str(sum(1 for i, j in itertools.combinations(range(len(a)), 2) if a[i] > a[j]))


def _cp_brackets(rng: random.Random) -> tuple[str, str]:
    cases = ["".join(rng.choice("()") for _ in range(rng.randint(1, 10))) for _ in range(rng.randint(2, 4))]
    out = []
    for s in cases:
        bal = need = 0
        for c in s:
            bal += 1 if c == "(" else -1
            if bal < 0:
                need, bal = need + 1, 0
        out.append(need + bal)
    return _fmt(len(cases), *cases), _fmt(*out)


def _cp_subsetmod(rng: random.Random) -> tuple[str, str]:
    m, a = rng.randint(2, 6), _cp_arr(rng, rng.randint(3, 7), 1, 20)
    count = sum(
        1 for mask in range(1, 1 << len(a)) if sum(a[i] for i in range(len(a)) if mask >> i & 1) % m == 0
    )
    return _fmt([len(a), m], a), str(count % 1_000_000_007)


# family -> (story, input format, output format, constraints, sample maker)
CP_FAMILIES: dict[str, tuple[str, str, str, str, object]] = {
    "range_sum": ("{hero} wrote $n$ numbers $a_1,\\dots,a_n$ on a board and asks $q$ questions: what is $a_l+a_{{l+1}}+\\dots+a_r$?",
                  "The first line contains $n$ and $q$. The second line contains $a_1,\\dots,a_n$. Each of the next $q$ lines contains $l$ and $r$.",
                  "For each question print the sum on its own line.", "$1\\le n,q\\le 2\\cdot10^5$, $1\\le a_i\\le 10^9$, $1\\le l\\le r\\le n$.", _cp_range),
    "pairs_div": ("In {place} there are $n$ shops with prices $a_1,\\dots,a_n$. {hero} wants to buy two different items whose total price is divisible by $k$. Count the pairs $i<j$ with $(a_i+a_j)\\bmod k=0$.",
                  "The first line contains $n$ and $k$, the second line $a_1,\\dots,a_n$.", "Print the number of pairs.",
                  "$2\\le n\\le 2\\cdot10^5$, $1\\le k\\le 10^9$, $1\\le a_i\\le 10^9$.", _cp_pairs),
    "kadane": ("{hero} tracks daily profits (possibly negative). Find the largest total profit over a non-empty contiguous block of days.",
               "The first line contains $t$, the number of test cases. Each test case has a line with $n$ and a line with $n$ integers.",
               "For each test case print the maximum sum.", "$1\\le t\\le 10^4$, $1\\le n\\le 2\\cdot10^5$, $|a_i|\\le 10^9$, the sum of $n$ is at most $2\\cdot10^5$.", _cp_kadane),
    "lis": ("The towers of {place} have heights $h_1,\\dots,h_n$. {hero} walks left to right and wants to climb a strictly increasing sequence of towers. How many towers can be climbed at most?",
            "The first line contains $n$, the second $h_1,\\dots,h_n$.", "Print one integer.", "$1\\le n\\le 2\\cdot10^5$, $1\\le h_i\\le 10^9$.", _cp_lis),
    "coins": ("The currency of {place} has $k$ coin values. What is the minimum number of coins {hero} needs to pay exactly $s$? Print $-1$ if impossible.",
              "The first line contains $k$ and $s$, the second the $k$ coin values.", "Print the minimum number of coins or $-1$.",
              "$1\\le k\\le 100$, $1\\le s\\le 10^6$, $1\\le c_i\\le 10^6$.", _cp_coins),
    "components": ("{place} has $n$ villages and $m$ roads. {hero} wants to know how many groups of villages are connected to each other.",
                   "The first line contains $n$ and $m$; each of the next $m$ lines contains a road $u$ $v$.", "Print the number of connected components.",
                   "$1\\le n\\le 2\\cdot10^5$, $0\\le m\\le 2\\cdot10^5$.", _cp_components),
    "intervals": ("{hero} has $n$ meetings, meeting $i$ lasting from $l_i$ to $r_i$. What is the largest number of meetings that can be attended, if they may not overlap (one may start exactly when another ends)?",
                  "The first line contains $n$; each of the next $n$ lines contains $l_i$ and $r_i$.", "Print one integer.", "$1\\le n\\le 2\\cdot10^5$, $1\\le l_i<r_i\\le 10^9$.", _cp_intervals),
    "palindrome": ("{hero} found a string $s$ of lowercase letters. Find the length of its longest palindromic substring.", "The first line contains $n$, the second the string $s$.",
                   "Print the length.", "$1\\le n\\le 10^6$.", _cp_palin),
    "grid_path": ("{hero} is in a maze of $h\\times w$ cells ('.' free, '#' wall) and starts at 'S'. Find the fewest moves to reach 'T' moving up, down, left or right, or print $-1$.",
                  "The first line contains $h$ and $w$, then $h$ lines of the grid.", "Print the minimum number of moves or $-1$.", "$1\\le h,w\\le 1000$.", _cp_grid),
    "inversions": ("The librarian of {place} sorts books by swapping neighbours. How many swaps does bubble sort make on the sequence $a_1,\\dots,a_n$?",
                   "The first line contains $n$, the second $a_1,\\dots,a_n$.", "Print the number of swaps.", "$1\\le n\\le 5\\cdot10^5$, $1\\le a_i\\le 10^9$.", _cp_inversions),
    "brackets": ("{hero} typed a bracket sequence but the editor lost some keystrokes. What is the minimum number of brackets to insert to make it balanced?",
                 "The first line contains $t$; each of the next $t$ lines contains a string of '(' and ')'.", "For each string print the answer.",
                 "$1\\le t\\le 10^4$, total length at most $2\\cdot10^5$.", _cp_brackets),
    "subset_mod": ("{hero} has $n$ gems with values $a_1,\\dots,a_n$. Count the non-empty subsets whose total value is divisible by $m$, modulo $10^9+7$.",
                   "The first line contains $n$ and $m$, the second $a_1,\\dots,a_n$.", "Print the count modulo $10^9+7$.", "$1\\le n\\le 10^5$, $1\\le m\\le 1000$.", _cp_subsetmod),
}  # fmt: skip


def cp_problem(rng: random.Random, fam: str | None = None, tests: int = 1) -> dict:
    """A problem of a family: title, full statement with one sample, and `tests` more input/output pairs."""
    fam = fam or rng.choice(sorted(CP_FAMILIES))
    story, inp, outp, cons, maker = CP_FAMILIES[fam]
    hero, place = rng.choice(CP_HEROES), rng.choice(CP_PLACES)
    pairs = [maker(rng) for _ in range(1 + tests)]  # type: ignore[operator]
    title = f"{rng.choice(('Lucky', 'Lazy', 'Ancient', 'Secret', 'Tiny', 'Busy', 'Broken', 'Royal'))} {fam.replace('_', ' ').title()}"
    story = story.format(hero=hero, place=place)
    text = (f"{story[0].upper()}{story[1:]}\n\nInput\n{inp}\n\nOutput\n{outp}\n\nConstraints\n{cons}\n\n"
            f"Example\nInput\n{pairs[0][0]}\nOutput\n{pairs[0][1]}")  # fmt: skip
    return {
        "fam": fam,
        "title": title,
        "text": text,
        "tests": pairs[1:],
        "id": f"{fam}-{zlib.crc32(text.encode()) % 10**6:06d}",
    }


# A submission with a typical bug: family -> ((language, code, verdict), ...).
CP_BUGGY: dict[str, tuple[tuple[str, str, str], ...]] = {
    "range_sum": (
        ("C++17", "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    int n, q;\n    cin >> n >> q;\n    vector<int> pre(n + 1, 0);\n    for (int i = 1; i <= n; i++) {\n        int x; cin >> x;\n        pre[i] = pre[i - 1] + x;\n    }\n    while (q--) {\n        int l, r; cin >> l >> r;\n        cout << pre[r] - pre[l - 1] << endl;\n    }\n}", "Wrong answer on test {k}"),
        ("Python 3", "n, q = map(int, input().split())\na = list(map(int, input().split()))\npre = [0] * (n + 1)\nfor i in range(n):\n    pre[i + 1] = pre[i] + a[i]\nfor _ in range(q):\n    l, r = map(int, input().split())\n    print(pre[r] - pre[l])", "Wrong answer on test 1"),
        ("Python 3", "n, q = map(int, input().split())\na = list(map(int, input().split()))\nfor _ in range(q):\n    l, r = map(int, input().split())\n    print(sum(a[l-1:r]))", "Time limit exceeded on test {k}"),
    ),
    "pairs_div": (
        ("C++17", "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    int n, k; cin >> n >> k;\n    vector<int> a(n);\n    for (auto &x : a) cin >> x;\n    long long ans = 0;\n    for (int i = 0; i < n; i++)\n        for (int j = i + 1; j < n; j++)\n            if ((a[i] + a[j]) % k == 0) ans++;\n    cout << ans;\n}", "Time limit exceeded on test {k}"),
        ("Python 3", "n, k = map(int, input().split())\na = list(map(int, input().split()))\ncnt = {}\nans = 0\nfor x in a:\n    r = x % k\n    ans += cnt.get(k - r, 0)\n    cnt[r] = cnt.get(r, 0) + 1\nprint(ans)", "Wrong answer on test {k}"),
    ),
    "kadane": (
        ("C++17", "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    int t; cin >> t;\n    while (t--) {\n        int n; cin >> n;\n        long long best = 0, cur = 0;\n        for (int i = 0; i < n; i++) {\n            long long x; cin >> x;\n            cur = max(0LL, cur + x);\n            best = max(best, cur);\n        }\n        cout << best << \"\\n\";\n    }\n}", "Wrong answer on test {k}"),
        ("Java 21", "import java.util.*;\npublic class Main {\n  public static void main(String[] a) {\n    Scanner sc = new Scanner(System.in);\n    int t = sc.nextInt();\n    while (t-- > 0) {\n      int n = sc.nextInt();\n      int best = Integer.MIN_VALUE, cur = 0;\n      for (int i = 0; i < n; i++) { int x = sc.nextInt(); cur = Math.max(x, cur + x); best = Math.max(best, cur); }\n      System.out.println(best);\n    }\n  }\n}", "Wrong answer on test {k}"),
    ),
    "lis": (
        ("C++17", "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    int n; cin >> n;\n    vector<long long> d;\n    for (int i = 0; i < n; i++) {\n        long long x; cin >> x;\n        auto it = upper_bound(d.begin(), d.end(), x);\n        if (it == d.end()) d.push_back(x); else *it = x;\n    }\n    cout << d.size();\n}", "Wrong answer on test {k}"),
        ("Python 3", "n = int(input())\nh = list(map(int, input().split()))\ndp = [1] * n\nfor i in range(n):\n    for j in range(i):\n        if h[j] < h[i]:\n            dp[i] = max(dp[i], dp[j] + 1)\nprint(max(dp))", "Time limit exceeded on test {k}"),
    ),
    "coins": (
        ("Python 3", "k, s = map(int, input().split())\nc = sorted(map(int, input().split()), reverse=True)\ncnt = 0\nfor v in c:\n    cnt += s // v\n    s %= v\nprint(cnt if s == 0 else -1)", "Wrong answer on test {k}"),
        ("C++17", "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    int k, s; cin >> k >> s;\n    vector<int> c(k);\n    for (auto &x : c) cin >> x;\n    vector<int> dp(s + 1, INT_MAX);\n    dp[0] = 0;\n    for (int v = 1; v <= s; v++)\n        for (int x : c)\n            if (x <= v) dp[v] = min(dp[v], dp[v - x] + 1);\n    cout << (dp[s] == INT_MAX ? -1 : dp[s]);\n}", "Wrong answer on test {k}"),
    ),
    "components": (
        ("Python 3", "n, m = map(int, input().split())\ng = [[] for _ in range(n + 1)]\nfor _ in range(m):\n    u, v = map(int, input().split())\n    g[u].append(v)\n    g[v].append(u)\nseen = [False] * (n + 1)\ndef dfs(u):\n    seen[u] = True\n    for v in g[u]:\n        if not seen[v]:\n            dfs(v)\nc = 0\nfor u in range(1, n + 1):\n    if not seen[u]:\n        c += 1\n        dfs(u)\nprint(c)", "Runtime error on test {k}"),
    ),
    "intervals": (
        ("C++17", "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    int n; cin >> n;\n    vector<pair<int,int>> v(n);\n    for (auto &p : v) cin >> p.first >> p.second;\n    sort(v.begin(), v.end());\n    int cnt = 0, end = 0;\n    for (auto [l, r] : v) if (l >= end) { cnt++; end = r; }\n    cout << cnt;\n}", "Wrong answer on test {k}"),
    ),
}  # fmt: skip


# =============================================================================================
# BENIGN 1. A MATHS-OLYMPIAD COACHING PLATFORM ("Parabola", Bucharest, UTC+2; its Django backend on
# openai-python, one key for the product). Students aged 12-18 open a problem from their coach's set
# or the problem of the day and press "Hint" (level 1, then 2), "Full solution" or "Check my idea"
# (their own attempt); the app composes the message, the student then types follow-ups in English or
# Romanian. Problems are generated here: eight proof-style olympiad families (inequalities,
# functional equations, pigeonhole, Diophantine, bisectors, divisibility, sequences, colourings) and
# the numeric competition families. Hints at reasoning_effort medium, full solutions high, streamed.
# Three weeks; weekday evenings and all-day Saturdays (training camps), ~57 sessions a day. Replies: stubs.
PB_SYSTEM = ("You are Parabola's olympiad coach. Students are preparing for national and junior olympiads. For a hint, give only the "
             "next idea, never the solution; hint level 2 may name the key lemma. For a full solution, write a complete rigorous proof "
             "as it would be graded at an olympiad, then one paragraph on the key idea. When checking a student's idea, say honestly "
             "whether it can work and where it breaks. Answer in the student's language.")  # fmt: skip


def _pb_proof(rng: random.Random) -> tuple[str, str]:
    """A proof-style problem in English and Romanian."""
    k, s, n = rng.randint(2, 9), rng.randint(3, 12), rng.randint(3, 40)
    fam = rng.randrange(8)
    if fam == 0:
        e = rng.choice(("\\frac{a^2}{b}+\\frac{b^2}{c}+\\frac{c^2}{a}\\ge " + str(s), f"a^2+b^2+c^2\\ge \\frac{{{s * s}}}{{3}}",
                        f"\\frac1a+\\frac1b+\\frac1c\\ge \\frac{{9}}{{{s}}}", f"ab+bc+ca\\le \\frac{{{s * s}}}{{3}}"))  # fmt: skip
        return (
            f"Let $a,b,c>0$ with $a+b+c={s}$. Prove that ${e}$.",
            f"Fie $a,b,c>0$ cu $a+b+c={s}$. Demonstrați că ${e}$.",
        )
    if fam == 1:
        e = rng.choice(
            (
                f"f(x+y)=f(x)+f(y)+{k}xy",
                f"f(x-f(y))=f(x)+{k}y",
                f"f(xf(y)+x)=xy+{k}f(x)-{k - 1}x",
                "f(x^2+y)=xf(x)+f(y)",
            )
        )
        return (f"Find all functions $f:\\mathbb R\\to\\mathbb R$ such that ${e}$ for all real $x,y$.",
                f"Determinați funcțiile $f:\\mathbb R\\to\\mathbb R$ pentru care ${e}$, oricare ar fi $x,y$ reale.")  # fmt: skip
    if fam == 2:
        return (f"Prove that among any ${n + 1}$ numbers chosen from $\\{{1,2,\\dots,{2 * n}\\}}$ there are two that are coprime, and two such that one divides the other.",
                f"Arătați că oricum am alege ${n + 1}$ numere din $\\{{1,2,\\dots,{2 * n}\\}}$, există două prime între ele și două dintre care unul îl divide pe celălalt.")  # fmt: skip
    if fam == 3:
        big = k * (k + 2) * rng.choice((3, 5, 7, 15, 21))
        return (
            f"Find all pairs of positive integers $(x,y)$ with $x^2-y^2={big}$.",
            f"Aflați perechile de numere naturale nenule $(x,y)$ cu $x^2-y^2={big}$.",
        )
    if fam == 4:
        ab, ac = rng.randint(4, 15), rng.randint(4, 15)
        return (f"In triangle $ABC$, $AB={ab}$, $AC={ac}$, and the bisector of angle $A$ meets $BC$ at $D$ with $BD={ab}/{k}$. Find $BC$ and the length of $AD$.",
                f"În triunghiul $ABC$, $AB={ab}$, $AC={ac}$, iar bisectoarea unghiului $A$ intersectează $BC$ în $D$, cu $BD={ab}/{k}$. Aflați $BC$ și lungimea $AD$.")  # fmt: skip
    if fam == 5:
        return (f"Prove that ${k + 1}^{{2n}}-1$ is divisible by ${(k + 1) ** 2 - 1}$ for every positive integer $n$, and determine for which $n$ it is divisible by ${((k + 1) ** 2 - 1) * 2}$.",
                f"Demonstrați că ${k + 1}^{{2n}}-1$ se divide cu ${(k + 1) ** 2 - 1}$ pentru orice $n$ natural nenul și aflați pentru ce $n$ se divide cu ${((k + 1) ** 2 - 1) * 2}$.")  # fmt: skip
    if fam == 6:
        return (f"The sequence $(a_n)$ is defined by $a_1={k}$ and $a_{{n+1}}=a_n^2-a_n+1$. Prove that any two terms are coprime, and compute $\\sum_{{n\\ge1}}\\frac1{{a_n}}$.",
                f"Șirul $(a_n)$ este definit prin $a_1={k}$ și $a_{{n+1}}=a_n^2-a_n+1$. Arătați că oricare doi termeni sunt primi între ei și calculați $\\sum_{{n\\ge1}}\\frac1{{a_n}}$.")  # fmt: skip
    return (f"Each cell of a ${n}\\times{n}$ board is coloured in one of ${k}$ colours. Prove that some two rows contain the same colour pattern in at least {max(2, n // k)} columns, or show a colouring where this fails.",
            f"Fiecare pătrățel al unei table ${n}\\times{n}$ este colorat cu una dintre ${k}$ culori. Demonstrați că două linii au același model de culori pe cel puțin {max(2, n // k)} coloane sau dați un contraexemplu.")  # fmt: skip


PB_IDEAS = ("I think we can use {t} on {o} and then compare with the right-hand side.", "My idea: assume {o} is the largest and apply {t}.",
            "cred ca merge cu {t}, dar nu stiu ce sa fac cu {o}", "I substituted small values and f(0)=0, then I tried {t} but got stuck at {o}.",
            "Am încercat {t} pentru {o} și am obținut o inegalitate în sens invers.", "what if we do {t} and look at {o} mod {m}?")  # fmt: skip
PB_TECH = ("AM-GM", "Cauchy-Schwarz", "induction", "the pigeonhole principle", "Titu's lemma", "substitution x=y=0", "parity",
           "the angle bisector theorem", "Stewart's theorem", "factoring as a difference of squares", "invariants", "telescoping")  # fmt: skip
PB_OBJ = (
    "a+b+c",
    "the first term",
    "f(0)",
    "the pairs (2k-1, 2k)",
    "x-y and x+y",
    "the largest element",
    "each column",
    "a_n - 1",
)
PB_FOLLOW_EN = ("why can we assume a>=b>=c?", "can you give another hint but not the full solution", "I tried that and got the wrong direction",
                "is there a solution without Cauchy-Schwarz?", "how many points would my approach get at the olympiad?",
                "what's the key idea in one sentence", "can I use induction here instead?", "where does the equality case come from",
                "ok I get it now, thanks!", "can you check: I got the answer {a}", "why is step 3 allowed?")  # fmt: skip
PB_FOLLOW_RO = ("nu înțeleg pasul 2", "de ce putem presupune asta?", "mersi! mai am o întrebare: merge și cu inducție?", "poți să-mi dai încă un indiciu?",
                "cât ar lua soluția mea la olimpiadă?", "am înțeles, mersi", "de unde vine cazul de egalitate?")  # fmt: skip
PB_HOURS = (0.1, 0.02, 0, 0, 0, 0, 0, 0.05, 0.1, 0.15, 0.2, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0, 1.0, 1.0, 1.0, 0.9, 0.8, 0.5, 0.25)  # fmt: skip


def olympiad_coaching() -> list[KeyTraffic]:
    rng = R("olympiad")
    hint = {"reasoning_effort": "medium", "max_completion_tokens": 6000, "stream": True}
    full = {"reasoning_effort": "high", "max_completion_tokens": 25000, "stream": True}
    pset = [
        (_pb_proof(rng) if rng.random() < 0.6 else ((d := cm(rng))["en"], d.get("ro", d["en"])))
        for _ in range(700)
    ]
    times = []
    for d in range(21):
        times += arrivals(rng, [d], 112 if d % 7 == 5 else 38 if d % 7 == 6 else 44, PB_HOURS, 2.0)
    jobs = []
    for t in times:
        potd = pset[int((t - T0) // DAY) % len(pset)]
        en, ro = potd if rng.random() < 0.25 else rng.choice(pset)
        romanian = rng.random() < 0.45
        prob = ro if romanian else en
        button = rng.choices(("hint1", "hint2", "full", "idea"), (0.4, 0.15, 0.3, 0.15))[0]
        if button == "idea":
            idea = rng.choice(PB_IDEAS).format(
                t=rng.choice(PB_TECH), o=rng.choice(PB_OBJ), m=rng.randint(3, 9)
            )
            first = f"Problem:\n{prob}\n\nStudent's idea:\n{typo(rng, idea, 0.04)}\n\nRequest: check whether this idea can work."
        else:
            level = {"hint1": "hint (level 1)", "hint2": "hint (level 2)", "full": "full solution"}[button]
            first = f"Problem:\n{prob}\n\nRequest: {level}"
        turns = [first]
        for _ in range(rng.choices((0, 1, 2, 3), (0.45, 0.3, 0.17, 0.08))[0]):
            pool = PB_FOLLOW_RO if romanian and rng.random() < 0.7 else PB_FOLLOW_EN
            turns.append(casual(rng, typo(rng, rng.choice(pool).format(a=rng.randint(2, 200)), 0.04)))
        reqs = chain(turns, full if button == "full" else hint, PB_SYSTEM)
        if button == "hint1" and rng.random() < 0.35:  # the second hint button in the same thread
            reqs = chain([first, f"Problem:\n{prob}\n\nRequest: hint (level 2)", *turns[1:]], hint, PB_SYSTEM)
        jobs.append(reqs)
    out = at(times, jobs, rng)
    kt = key("b29-olympiad", "olympiad_coaching", "benign", "app", cl(rng, "openai-python", org=True), out,
             "simulated: students' arrivals (UTC+2), evenings and Saturday camps, 3 weeks; turn gaps from text and reasoning time",
             sessions=len(jobs), problems=len(pset))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 2. A COMPETITIVE-PROGRAMMING PRACTICE SITE'S "EXPLAIN MY WRONG ANSWER" BUTTON ("ByteLadder",
# Bengaluru, UTC+5:30; its Go backend, one key). A user whose submission failed presses the button:
# the site sends the problem statement (generated here), the user's code (a submission with a typical
# bug: overflow, off-by-one, greedy, O(n^2), recursion depth), the verdict and, for some wrong
# answers, the checker's comment; the user may then type follow-ups (English and Hinglish). The same
# popular problems come back many times. Two weekend contests: the button is off during a contest and
# upsolving floods it after. reasoning_effort low, streamed. Two weeks. Replies: stubs.
BL_SYSTEM = ("You are ByteLadder's practice tutor. The user's submission failed. Explain what is wrong and how to think about the fix. "
             "Do NOT write a complete corrected solution; short snippets are fine. If the verdict is TLE, discuss complexity. Be encouraging.")  # fmt: skip
BL_FOLLOW = ("so should I use long long everywhere?", "give me a small input where my code fails", "can you explain the correct approach in more detail",
             "bhai still WA on same test", "ok got AC, thanks!!", "why is sorting by end time correct?", "what is the complexity of my code",
             "I added sys.setrecursionlimit and now it's MLE??", "is this a DP problem?", "can you give a hint for the O(n log n) way",
             "mera logic sahi hai kya? bas implementation galat hai?", "why does the greedy fail here, coins are sorted", "what's wrong with endl")  # fmt: skip
BL_HOURS = (0.2, 0.1, 0.05, 0.03, 0.03, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.55, 0.6, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 1.0, 1.0, 0.8, 0.5)  # fmt: skip


def _bl_checker(rng: random.Random, verdict: str) -> str:
    if not verdict.startswith("Wrong") or rng.random() < 0.4:
        return ""
    exp = rng.randint(1, 10**12)
    got = rng.choice((exp % 2**31 - 2**31, exp - 1, exp + rng.randint(1, 9), 0))
    nth = rng.choice(("1st", "2nd", "3rd", "17th", "158th"))
    return f"\nChecker comment: wrong answer {nth} numbers differ - expected: '{exp}', found: '{got}'"


def cp_practice_site() -> list[KeyTraffic]:
    rng = R("byteladder")
    p = {"reasoning_effort": "low", "max_completion_tokens": 4000, "stream": True}
    archive = [cp_problem(rng, fam) for fam in sorted(CP_BUGGY) for _ in range(22)]
    popular = archive[: len(archive) // 5]
    contests = {
        5: [cp_problem(rng, f) for f in rng.sample(sorted(CP_BUGGY), 5)],
        12: [cp_problem(rng, f) for f in rng.sample(sorted(CP_BUGGY), 5)],
    }
    times: list[float] = []
    for d in range(1, 15):
        day = arrivals(rng, [d], 62, BL_HOURS, 5.5, weekend=1.3)
        if d in contests:  # the button is off from 20:00 to 22:00; upsolving afterwards
            day = [t for t in day if not utc(d, 20.0, 5.5) <= t < utc(d, 22.0, 5.5)]
            day += [utc(d, 22.0, 5.5) + rng.expovariate(1 / 5400) for _ in range(120)]
        times += sorted(day)
    jobs = []
    for t in times:
        d = int((t - T0 + 5.5 * HOUR) // DAY)
        fresh = [c for c in contests.get(d, ()) if t >= utc(d, 22.0, 5.5)] or contests.get(d - 1, [])
        prob = (
            rng.choice(fresh)
            if fresh and rng.random() < 0.7
            else rng.choice(popular if rng.random() < 0.5 else archive)
        )
        lang, code, verdict = rng.choice(CP_BUGGY[prob["fam"]])
        verdict = verdict.format(k=rng.randint(2, 60))
        first = (f"Problem: {prob['title']}\n{prob['text']}\n\nSubmission ({lang}):\n```\n{code}\n```\n\nVerdict: {verdict}{_bl_checker(rng, verdict)}\n\n"
                 "Explain why this submission fails.")  # fmt: skip
        follow = [
            casual(rng, typo(rng, f, 0.04))
            for f in rng.sample(BL_FOLLOW, rng.choices((0, 1, 2, 3), (0.5, 0.3, 0.15, 0.05))[0])
        ]
        jobs.append(chain([first, *follow], p, BL_SYSTEM, (), prob["id"]))
    out = at(times, jobs, rng)
    kt = key("b29-byteladder", "cp_practice_site", "benign", "app", cl(rng, "go", org=True), out,
             "simulated: users worldwide on an India-centred day curve (UTC+5:30), two contests with upsolving floods, 14 days",
             problems=len(archive), sessions=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 3. A UNIVERSITY PHYSICS COURSE'S HOMEWORK HELPER (PHYS 101 at a bilingual university in
# Montréal, UTC-5, ~900 students; the course server on openai-python). Students ask about this week's
# generated problem set (kinematics, inclines, Atwood machines, curves, loops, collisions, springs,
# lenses; English or French): how to start, which formula, "I got X but the key says Y", a free-body
# diagram in words; follow-ups. Sets are due Thursday 23:59 (volume builds up to it); a midterm in
# week 3. reasoning_effort low, streamed. Replies: stubs.
PH_SYSTEM = ("You are the PHYS 101 homework helper. Use a Socratic style: ask guiding questions, point to the relevant principle, check "
             "units and signs. You may confirm a student's numerical answer but do not give final answers to graded problems. "
             "Reply in the student's language (English or French).")  # fmt: skip


def _ph_problem(rng: random.Random) -> tuple[str, str, float]:
    """A problem in English and French, with its answer."""
    g = 9.8
    fam = rng.randrange(8)
    if fam == 0:
        v, a = rng.randint(8, 30), rng.choice((20, 30, 35, 40, 45, 53, 60))
        rng_ = v * v * math.sin(math.radians(2 * a)) / g
        return (f"A ball is kicked from level ground at {v} m/s, {a}° above the horizontal. How far away does it land, and what is its maximum height?",
                f"Un ballon est frappé depuis un sol horizontal à {v} m/s, à {a}° au-dessus de l'horizontale. À quelle distance retombe-t-il et quelle est sa hauteur maximale?", rng_)  # fmt: skip
    if fam == 1:
        m, a, mu = (
            rng.randint(2, 20),
            rng.choice((20, 25, 30, 35, 40)),
            rng.choice((0.1, 0.15, 0.2, 0.25, 0.3)),
        )
        acc = g * (math.sin(math.radians(a)) - mu * math.cos(math.radians(a)))
        return (f"A {m} kg block slides down a {a}° incline. The coefficient of kinetic friction is {mu}. Find the block's acceleration.",
                f"Un bloc de {m} kg glisse sur un plan incliné à {a}°. Le coefficient de frottement cinétique vaut {mu}. Trouvez l'accélération du bloc.", acc)  # fmt: skip
    if fam == 2:
        m1, m2 = rng.randint(2, 9), rng.randint(10, 20)
        acc = (m2 - m1) * g / (m1 + m2)
        return (f"An Atwood machine has masses of {m1} kg and {m2} kg on a massless rope over a frictionless pulley. Find the acceleration and the tension.",
                f"Une machine d'Atwood porte des masses de {m1} kg et {m2} kg reliées par une corde sans masse sur une poulie sans frottement. Trouvez l'accélération et la tension.", acc)  # fmt: skip
    if fam == 3:
        m, r, mu = rng.randint(900, 2000), rng.randint(30, 150), rng.choice((0.4, 0.5, 0.6, 0.7, 0.8))
        return (f"A {m} kg car rounds a flat curve of radius {r} m. The coefficient of static friction is {mu}. What is the maximum speed?",
                f"Une voiture de {m} kg prend un virage plat de rayon {r} m. Le coefficient de frottement statique vaut {mu}. Quelle est la vitesse maximale?", math.sqrt(mu * g * r))  # fmt: skip
    if fam == 4:
        h, r = rng.randint(10, 40), rng.randint(3, 12)
        return (f"A cart starts from rest at height {h} m on a frictionless track and enters a vertical loop of radius {r} m. What is its speed at the top of the loop, and does it stay on the track?",
                f"Un chariot part du repos à {h} m de hauteur sur une piste sans frottement et entre dans une boucle verticale de rayon {r} m. Quelle est sa vitesse au sommet de la boucle? Reste-t-il sur la piste?",
                math.sqrt(max(0.0, 2 * g * (h - 2 * r))))  # fmt: skip
    if fam == 5:
        m1, m2, v1 = rng.randint(1, 8), rng.randint(1, 8), rng.randint(2, 12)
        kind = rng.choice(("elastically", "and they stick together"))
        v = m1 * v1 / (m1 + m2) if kind.startswith("and") else (m1 - m2) * v1 / (m1 + m2)
        return (f"A {m1} kg puck moving at {v1} m/s hits a {m2} kg puck at rest {kind}. Find the velocities after the collision and the kinetic energy lost.",
                f"Un palet de {m1} kg à {v1} m/s frappe un palet de {m2} kg au repos ({'collision élastique' if kind == 'elastically' else 'ils restent collés'}). Trouvez les vitesses après la collision et l'énergie cinétique perdue.", v)  # fmt: skip
    if fam == 6:
        k, x, m = rng.choice((200, 350, 500, 800, 1200)), rng.randint(3, 15), rng.randint(20, 300)
        return (f"A spring with k = {k} N/m is compressed {x} cm and launches a {m} g ball horizontally. What is the ball's launch speed?",
                f"Un ressort de constante k = {k} N/m est comprimé de {x} cm et lance une bille de {m} g horizontalement. Quelle est la vitesse de lancement?", x / 100 * math.sqrt(k / (m / 1000)))  # fmt: skip
    do, f = rng.randint(15, 60), rng.choice((10, 12, 15, 20, 25))
    di = 1 / (1 / f - 1 / do) if do != f else float("inf")
    return (f"An object is {do} cm from a converging lens of focal length {f} cm. Where is the image, is it real or virtual, and what is the magnification?",
            f"Un objet est à {do} cm d'une lentille convergente de focale {f} cm. Où est l'image, est-elle réelle ou virtuelle, et quel est le grandissement?", di)  # fmt: skip


PH_ASK_EN = ("how do i start this one? {q}", "{q}\n\nI got {w} but the answer key says {r}. where did I go wrong?", "which formula do I use for this: {q}",
             "{q} is friction pointing up or down the ramp here?", "can you check my free body diagram for: {q} I have gravity, normal force and tension",
             "{q}\n\nmy answer is {r}, is that right?", "Problem 3 on the set: {q} I don't get why energy is conserved", "{q}")  # fmt: skip
PH_ASK_FR = ("comment je commence? {q}", "{q}\n\nJ'obtiens {w} mais le corrigé dit {r}. Où est mon erreur?", "{q} est-ce que je dois utiliser la conservation de l'énergie?",
             "{q}\n\nma réponse est {r}, c'est bon?", "{q}")  # fmt: skip
PH_FOLLOW = ("why is it sin and not cos?", "ok so the normal force is mg cos θ?", "I still get the same number", "thanks that makes sense",
             "what about the units, mine are in cm", "can you explain the sign convention", "pourquoi on ne compte pas le frottement?",
             "merci!", "so is my answer right or not", "does the mass cancel out?", "oh I forgot to convert grams")  # fmt: skip
PH_DAY = (0.6, 0.8, 1.2, 1.9, 0.5, 0.25, 0.5)  # Monday .. Sunday (due Thursday 23:59)


def physics_homework() -> list[KeyTraffic]:
    rng = R("physics")
    p = {"reasoning_effort": "low", "max_completion_tokens": 3000, "stream": True}
    weeks = [[_ph_problem(rng) for _ in range(12)] for _ in range(3)]
    times = []
    for d in range(21):
        times += arrivals(rng, [d], 42 * PH_DAY[d % 7] * (1.5 if d in (16, 17) else 1.0), STUDENT, -5.0)
    jobs = []
    for t in times:
        en, fr, ans = rng.choice(weeks[min(2, int((t - T0) // (7 * DAY)))])
        french = rng.random() < 0.3
        tmpl = rng.choice(PH_ASK_FR if french else PH_ASK_EN)
        r = f"{ans:.{rng.choice((1, 2, 3))}g} {rng.choice(('m/s', 'm', 'm/s^2', 'cm', ''))}".strip()
        w = f"{ans * rng.choice((0.5, 2, 1.2, 0.87, -1, 9.8)):.3g}"
        text = tmpl.format(q=fr if french else en, r=r, w=w)
        turns = [casual(rng, typo(rng, text, 0.04))]
        turns += [
            casual(rng, f)
            for f in rng.sample(PH_FOLLOW, rng.choices((0, 1, 2, 3), (0.35, 0.35, 0.2, 0.1))[0])
        ]
        jobs.append(chain(turns, p, PH_SYSTEM))
    out = at(times, jobs, rng)
    kt = key("b29-physics", "physics_homework", "benign", "app", cl(rng, "openai-python", org=True), out,
             "simulated: students' evening curve (UTC-5), building up to Thursday deadlines, a midterm in week 3; turn gaps from text lengths",
             sessions=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 4. AN AUTOMATED THEOREM-PROVING LOOP FOR A LEAN 4 FORMALISATION PROJECT (a combinatorics
# group at a university in Zürich, UTC+1; their prover script on httpx and their VS Code extension).
# Nightly at 01:00, CI runs a best-first search over the project's open `sorry`s: each step sends the
# current proof state, the tactics so far and, after a failed tactic, Lean's error (n=4 candidates,
# T 0.8, a stop at a blank line); Lean checks each candidate locally (a few seconds) before the next
# request. In office hours five researchers ask the extension for a tactic with an explanation
# (reasoning_effort medium). Theorems, states, tactics and errors are generated here from ten
# templates over the project's own names and constants. Two weeks. Replies: stubs.
LN_THEOREMS = (
    ("(n : ℕ) : ∑ i ∈ Finset.range (n + 1), (i : ℚ) * {k} = {k} * n * (n + 1) / 2",
     ("n : ℕ\n⊢ ∑ i ∈ Finset.range (n + 1), ↑i * {k} = {k} * ↑n * (↑n + 1) / 2",
      "case succ\nm : ℕ\nih : ∑ i ∈ Finset.range (m + 1), ↑i * {k} = {k} * ↑m * (↑m + 1) / 2\n⊢ ∑ i ∈ Finset.range (m + 1 + 1), ↑i * {k} = {k} * ↑(m + 1) * (↑(m + 1) + 1) / 2",
      "case succ\nm : ℕ\nih : ∑ i ∈ Finset.range (m + 1), ↑i * {k} = {k} * ↑m * (↑m + 1) / 2\n⊢ {k} * ↑m * (↑m + 1) / 2 + ↑(m + 1) * {k} = {k} * ↑(m + 1) * (↑(m + 1) + 1) / 2"),
     ("induction n with\n  | zero => simp\n  | succ m ih => ?_", "rw [Finset.sum_range_succ, ih]", "push_cast; ring")),
    ("(x y : ℝ) (hx : 0 < x) (hy : 0 < y) : x * y ≤ (x + y) ^ 2 / {k4}",
     ("x y : ℝ\nhx : 0 < x\nhy : 0 < y\n⊢ x * y ≤ (x + y) ^ 2 / {k4}",),
     ("nlinarith [sq_nonneg (x - y), sq_nonneg (x + y), mul_pos hx hy]",)),
    ("{{V : Type*}} [Fintype V] [DecidableEq V] (G : SimpleGraph V) [DecidableRel G.Adj] (v : V) : G.degree v < Fintype.card V",
     ("V : Type u_1\ninst✝² : Fintype V\ninst✝¹ : DecidableEq V\nG : SimpleGraph V\ninst✝ : DecidableRel G.Adj\nv : V\n⊢ G.degree v < Fintype.card V",
      "V : Type u_1\nG : SimpleGraph V\nv : V\n⊢ (G.neighborFinset v).card < Finset.univ.card"),
     ("rw [← SimpleGraph.card_neighborFinset_eq_degree, ← Finset.card_univ]", "exact Finset.card_lt_card ⟨Finset.subset_univ _, fun h => G.not_mem_neighborFinset_self v (h (Finset.mem_univ v))⟩")),
    ("{{α : Type*}} [DecidableEq α] (s t : Finset α) : (s ∩ t).card + (s ∪ t).card = s.card + t.card",
     ("α : Type u_1\ninst✝ : DecidableEq α\ns t : Finset α\n⊢ (s ∩ t).card + (s ∪ t).card = s.card + t.card",),
     ("rw [add_comm]; exact Finset.card_union_add_card_inter s t",)),
    ("(n : ℕ) : Even (n * (n + {odd}))",
     ("n : ℕ\n⊢ Even (n * (n + {odd}))", "case h\nn : ℕ\n⊢ Even n ∨ Even (n + {odd})"),
     ("apply Nat.even_mul.mpr", "rcases Nat.even_or_odd n with h | h <;> simp [h, Nat.even_add, parity_simps]")),
    ("(l : List ℕ) : (l.map (· + {k})).sum = l.sum + {k} * l.length",
     ("l : List ℕ\n⊢ (List.map (fun x => x + {k}) l).sum = l.sum + {k} * l.length",
      "case cons\nx : ℕ\nxs : List ℕ\nih : (List.map (fun x => x + {k}) xs).sum = xs.sum + {k} * xs.length\n⊢ (List.map (fun x => x + {k}) (x :: xs)).sum = (x :: xs).sum + {k} * (x :: xs).length"),
     ("induction l with\n  | nil => simp\n  | cons x xs ih => ?_", "simp [List.sum_cons, ih]; ring")),
    ("(f : Fin ({k} + 1) → Fin {k}) : ∃ i j, i ≠ j ∧ f i = f j",
     ("f : Fin ({k} + 1) → Fin {k}\n⊢ ∃ i j, i ≠ j ∧ f i = f j", "f : Fin ({k} + 1) → Fin {k}\nh : ∀ (i j : Fin ({k} + 1)), i ≠ j → f i ≠ f j\n⊢ False",
      "f : Fin ({k} + 1) → Fin {k}\nh : ∀ (i j : Fin ({k} + 1)), i ≠ j → f i ≠ f j\nthis : {k} + 1 ≤ {k}\n⊢ False"),
     ("by_contra! h", "have := Fintype.card_le_of_injective f (fun i j hij => by_contra fun hne => h i j hne hij); simp at this", "omega")),
    ("{{α : Type*}} (A B C : Set α) : A ∩ (B ∪ C) = A ∩ B ∪ A ∩ C",
     ("α : Type u_1\nA B C : Set α\n⊢ A ∩ (B ∪ C) = A ∩ B ∪ A ∩ C", "case h\nα : Type u_1\nA B C : Set α\nx : α\n⊢ x ∈ A ∩ (B ∪ C) ↔ x ∈ A ∩ B ∪ A ∩ C"),
     ("ext x", "simp only [Set.mem_inter_iff, Set.mem_union]; tauto")),
    ("(a b : ℤ) (h₁ : a ∣ b) (h₂ : b ∣ a) (ha : 0 ≤ a) (hb : 0 ≤ b) : a = b",
     ("a b : ℤ\nh₁ : a ∣ b\nh₂ : b ∣ a\nha : 0 ≤ a\nhb : 0 ≤ b\n⊢ a = b",),
     ("exact Int.dvd_antisymm ha hb h₁ h₂",)),
    ("(n : ℕ) (h : {k} ≤ n) : 2 ^ n ≥ n ^ 2",
     ("n : ℕ\nh : {k} ≤ n\n⊢ 2 ^ n ≥ n ^ 2", "case succ\nm : ℕ\nhm : {k} ≤ m\nih : 2 ^ m ≥ m ^ 2\n⊢ 2 ^ (m + 1) ≥ (m + 1) ^ 2"),
     ("induction n, h using Nat.le_induction with\n  | base => norm_num\n  | succ m hm ih => ?_", "rw [pow_succ]; nlinarith [ih, hm]")),
)  # fmt: skip
LN_BAD = ("simp", "linarith", "omega", "ring", "norm_num", "aesop", "exact?", "decide", "positivity", "rfl", "simp_all",
          "rw [Finset.sum_range_succ']", "exact Nat.le_of_lt_succ", "field_simp", "induction n", "tauto", "exact le_refl _")  # fmt: skip
LN_ERRORS = ("unknown identifier '{ident}'", "linarith failed to find a contradiction\ncase a\n{state}\na✝ : False\n⊢ False failed",
             "unsolved goals\n{state}", "simp made no progress", "The rfl tactic failed. Possible reasons:\n- The goal is not a reflexive relation",
             "omega could not prove the goal:\na possible counterexample may satisfy the constraints\n  c ≥ 0\n  b ≥ 0\n  a - b ≤ -1\nwhere\n a := ↑n\n b := ↑n * ↑n",
             "type mismatch\n  this\nhas type\n  {k} + 1 ≤ {k} : Prop\nbut is expected to have type\n  False : Prop",
             "ring failed, ring_nf subsidiary goal\n{state}", "(deterministic) timeout at `whnf`, maximum number of heartbeats (200000) has been reached",
             "failed to synthesize\n  DecidableEq α\nAdditional diagnostic information may be available using the `set_option diagnostics true` command.",
             "application type mismatch\n  Finset.card_le_card h\nargument\n  h\nhas type\n  s ⊆ t : Prop\nbut is expected to have type\n  s ∩ t ⊆ s : Prop")  # fmt: skip
LN_IDENTS = ("Finset.sum_range_succ_comm", "Nat.even_mul_succ_self'", "SimpleGraph.degree_lt_card", "List.sum_map_add", "Int.eq_of_dvd_dvd",
             "Set.inter_union_distrib", "Fintype.exists_ne_map_eq_of_card_lt'", "Nat.pow_ge_sq")  # fmt: skip
# Per template: its file and its name prefix.
LN_MODULES = (("Sums/Basic", "sum"), ("Inequalities/AMGM", "mul_le"), ("Graphs/Degree", "degree"), ("Counting/DoubleCounting", "card_inter"),
              ("Parity", "even"), ("Sums/Lists", "map_sum"), ("Counting/Pigeonhole", "pigeon"), ("Sets/Lattice", "inter_union"),
              ("Divisibility", "dvd"), ("Ramsey/Bounds", "pow_ge"))  # fmt: skip
LN_PROMPT = ("Given the Lean 4 (Mathlib) proof state below, output the single next tactic. {instr}\n\n"
             "-- file: FormalComb/{module}.lean\ntheorem {name} {stmt} := by\n{done}\n\nCurrent goal:\n{state}\n{err}\nNext tactic:")  # fmt: skip


def _ln_theorem(rng: random.Random, i: int) -> tuple[str, str, tuple[str, ...], tuple[str, ...], str]:
    stmt, states, tacs = LN_THEOREMS[i % len(LN_THEOREMS)]
    module, prefix = LN_MODULES[i % len(LN_MODULES)]
    vals = {"k": rng.randint(2, 9), "k4": rng.choice((4, 2)), "odd": rng.choice((1, 3, 5, 7))}
    name = f"{prefix}_{rng.choice(('le', 'lt', 'eq', 'pos', 'aux', 'bound', 'succ', 'of_card', 'iff'))}{i // len(LN_THEOREMS)}"
    return name, stmt.format(**vals), tuple(s.format(**vals) for s in states), tacs, module


def _ln_attempts(rng: random.Random, thm: tuple, p: dict, system: str | None, instr: str) -> list[Request]:
    """One proof search: each state tried until its tactic works; failed tries feed Lean's error back."""
    name, stmt, states, tacs, module = thm
    out: list[Request] = []
    done: list[str] = []
    for state, good in zip(states, tacs, strict=True):
        err = ""
        for _ in range(1 + rng.choices((0, 1, 2, 3, 4), (0.35, 0.3, 0.18, 0.1, 0.07))[0]):
            body = "\n".join("  " + line for t in done for line in t.split("\n")) or "  -- (none yet)"
            out.append(
                ask(
                    LN_PROMPT.format(
                        instr=instr, module=module, name=name, stmt=stmt, done=body, state=state, err=err
                    ),
                    p,
                    system,
                )
            )
            if rng.random() < 0.6:  # otherwise the search just samples again
                msg = rng.choice(LN_ERRORS).format(
                    ident=rng.choice(LN_IDENTS), state=state, k=rng.randint(2, 9)
                )
                err = f"\nThe previous attempt `{rng.choice(LN_BAD)}` failed with:\n{msg}\n"
        done.append(good)
    return out


def lean_prover() -> list[KeyTraffic]:
    rng = R("lean")
    search = {"temperature": 0.8, "n": 4, "max_tokens": 256, "stop": ["\n\n"]}
    explain = {"reasoning_effort": "medium", "max_completion_tokens": 4000}
    system = "You are an expert in Lean 4 and Mathlib. Follow current Mathlib naming conventions."
    project = [_ln_theorem(rng, i) for i in range(260)]
    out: list[Request] = []
    for night in range(14):
        jobs = [
            _ln_attempts(rng, thm, search, system, "Output only the tactic, no explanation.")
            for thm in rng.sample(project, rng.randint(30, 42))
        ]
        out += run(rng, utc(night, 1.0, 1.0) + rng.uniform(0, 120), jobs, 8, 40, gap=(1.5, 9.0))[0]
    for d in (d for d in range(14) if weekday(d)):
        for t in sorted(utc(d, rng.uniform(9.0, 18.5), 1.0) for _ in range(rng.randint(6, 14))):
            job = _ln_attempts(
                rng, rng.choice(project), explain, system, "Then explain briefly why it works."
            )
            for q in job:  # a researcher reads the suggestion, tries it in the editor, and asks again after Lean's answer
                q.ts = t
                t += service(rng, q, 250) + rng.uniform(20, 240)
            out += job
    kt = key("b29-lean", "lean_prover", "benign", "app", cl(rng, "httpx", org=True), out,
             "simulated: a nightly CI proof search at 01:00 (UTC+1), 8 in flight with Lean checks between steps; researchers' daytime use",
             theorems=len(project), nights=14)  # fmt: skip
    return [kt]


# =============================================================================================
# LOGIC-PUZZLE AND CODE-TRACING GENERATORS (used by the lab's evaluation and the puzzle harvest).
# Knights-and-knaves puzzles with a unique solution (checked over all 2^n assignments), small zebra
# grids with a unique solution (checked over all assignments), and short Python functions whose
# output is computed here.
KK_NAMES = (
    "Zoey",
    "Oliver",
    "Aiden",
    "Mia",
    "Ethan",
    "Luna",
    "Noah",
    "Ava",
    "Leo",
    "Isla",
    "Omar",
    "Freya",
    "Ravi",
    "Ines",
    "Theo",
    "Yara",
)


def _kk_statement(rng: random.Random, names: list[str], i: int) -> tuple[str, object]:
    """What inhabitant i says about others: its text and its truth as a function of an assignment."""
    j, k = rng.sample([x for x in range(len(names)) if x != i], 2)
    a, b = names[j], names[k]
    return rng.choice((
        (f"{a} is a knight.", lambda s: s[j]),
        (f"{a} is a knave.", lambda s: not s[j]),
        (f"{a} and {b} are both knights.", lambda s: s[j] and s[k]),
        (f"{a} or {b} is a knave.", lambda s: not s[j] or not s[k]),
        (f"Exactly one of {a} and {b} is a knight.", lambda s: s[j] != s[k]),
        (f"If {a} is a knight, then {b} is a knave.", lambda s: not s[j] or not s[k]),
        (f"{a} and I are of the same kind.", lambda s: s[j] == s[i]),
        (f"{b} is a knave if and only if {a} is a knight.", lambda s: (not s[k]) == s[j]),
    ))  # fmt: skip


def knights(rng: random.Random) -> dict:
    """A knights-and-knaves puzzle with exactly one solution."""
    while True:
        names = rng.sample(KK_NAMES, rng.randint(3, 6))
        said = [_kk_statement(rng, names, i) for i in range(len(names))]
        sols = [
            s
            for s in itertools.product((True, False), repeat=len(names))
            if all(s[i] == fn(s) for i, (_, fn) in enumerate(said))
        ]  # type: ignore[operator]
        if len(sols) == 1:
            break
    body = " ".join(f'{nm} says, "{text}"' for nm, (text, _) in zip(names, said, strict=True))
    ans = ", ".join(f"{nm} is a {'knight' if sols[0][i] else 'knave'}" for i, nm in enumerate(names))
    q = (f"A very special island is inhabited only by knights and knaves. Knights always tell the truth, and knaves always lie. "
         f"You meet {len(names)} inhabitants: {', '.join(names[:-1])} and {names[-1]}. {body} So who is a knight and who is a knave?")  # fmt: skip
    return {"q": q, "ans": ans, "n": len(names)}


ZB_ATTRS = {
    "name": ("Alice", "Bob", "Carla", "Dmitri"),
    "drink": ("tea", "coffee", "milk", "juice"),
    "pet": ("cat", "dog", "parrot", "fish"),
    "colour": ("red", "green", "blue", "yellow"),
    "job": ("baker", "nurse", "pilot", "teacher"),
    "car": ("Tesla", "Fiat", "Volvo", "Honda"),
}
ZB_SAY = {"name": "{v}", "drink": "the person who drinks {v}", "pet": "the person with the {v}", "colour": "the person in the {v} house",
          "job": "the {v}", "car": "the person who drives the {v}"}  # fmt: skip


def zebra(rng: random.Random) -> dict:
    """A small zebra puzzle (3 houses and 3-4 attributes, or 4 houses and 2-3) with a unique solution."""
    houses = rng.choice((3, 3, 4))
    attrs = [
        "name",
        *rng.sample(
            sorted(set(ZB_ATTRS) - {"name"}), rng.randint(2, 3) if houses == 3 else rng.randint(1, 2)
        ),
    ]
    vals = {a: rng.sample(ZB_ATTRS[a], houses) for a in attrs}
    perms = list(itertools.permutations(range(houses)))
    alive = list(
        itertools.product(perms, repeat=len(attrs))
    )  # alive[x][a][v] = house of value v of attribute a
    truth = alive[rng.randrange(len(alive))]

    def say(a: int, v: int) -> str:
        return ZB_SAY[attrs[a]].format(v=vals[attrs[a]][v])

    clues: list[str] = []
    while len(alive) > 1:
        a, b = rng.randrange(len(attrs)), rng.randrange(len(attrs))
        v, w = rng.randrange(houses), rng.randrange(houses)
        ha, hb = truth[a][v], truth[b][w]
        kind = rng.randrange(5)
        if kind == 0:
            text, fn = f"{say(a, v)} lives in house {ha + 1}.", lambda s, a=a, v=v, h=ha: s[a][v] == h
        elif kind == 1 and (a, v) != (b, w) and ha == hb:
            text, fn = f"{say(a, v)} is {say(b, w)}.", lambda s, a=a, v=v, b=b, w=w: s[a][v] == s[b][w]
        elif kind == 2 and ha + 1 == hb:
            text, fn = (
                f"{say(a, v)} lives directly left of {say(b, w)}.",
                lambda s, a=a, v=v, b=b, w=w: s[a][v] + 1 == s[b][w],
            )
        elif kind == 3 and ha != hb:
            text, fn = f"{say(a, v)} does not live in house {hb + 1}.", lambda s, a=a, v=v, h=hb: s[a][v] != h
        elif kind == 4 and ha < hb:
            text, fn = (
                f"{say(a, v)} lives somewhere to the left of {say(b, w)}.",
                lambda s, a=a, v=v, b=b, w=w: s[a][v] < s[b][w],
            )
        else:
            continue
        left = [s for s in alive if fn(s)]
        if len(left) < len(alive):
            alive = left
            clues.append(text[0].upper() + text[1:])
    grid = {
        f"house {h + 1}": {attrs[a]: vals[attrs[a]][truth[a].index(h)] for a in range(len(attrs))}
        for h in range(houses)
    }
    intro = (f"There are {houses} houses in a row, numbered 1 to {houses} from left to right. The houses differ in "
             f"{', '.join(attrs[:-1])} and {attrs[-1]}: no value is shared.")  # fmt: skip
    options = "; ".join(f"{a}: {', '.join(sorted(vals[a]))}" for a in attrs)
    clue_text = "\n".join(f"{i}. {c}" for i, c in enumerate(clues, 1))
    return {
        "q": f"{intro}\nPossible values - {options}.\n\nClues:\n{clue_text}",
        "ans": jd(grid),
        "n": len(clues),
    }


def trace(rng: random.Random) -> dict:
    """A short Python function and a call; the answer is what it prints."""
    xs = [rng.randint(-9, 30) for _ in range(rng.randint(5, 9))]
    k, r, m = rng.randint(2, 5), rng.randint(0, 1), rng.randint(3, 7)
    fam = rng.randrange(3)
    if fam == 0:
        out = sum(x * i if x % k == r else -1 for i, x in enumerate(xs))
        code = (f"def f(xs):\n    out = 0\n    for i, x in enumerate(xs):\n        if x % {k} == {r}:\n            out += x * i\n"
                f"        else:\n            out -= 1\n    return out\n\nprint(f({xs}))")  # fmt: skip
    elif fam == 1:
        st: list[int] = []
        for x in xs:
            while st and st[-1] < x:
                st.pop()
            st.append(x)
        out = sum(st) % m  # type: ignore[assignment]
        code = (f"def g(xs):\n    st = []\n    for x in xs:\n        while st and st[-1] < x:\n            st.pop()\n        st.append(x)\n"
                f"    return sum(st) % {m}\n\nprint(g({xs}))")  # fmt: skip
    else:
        d: dict[int, int] = {}
        for x in xs:
            d[x % m] = d.get(x % m, 0) + x
        out = max(d, key=lambda q: (d[q], q))  # type: ignore[assignment]
        code = (f"def h(xs):\n    d = {{}}\n    for x in xs:\n        d[x % {m}] = d.get(x % {m}, 0) + x\n"
                f"    return max(d, key=lambda q: (d[q], q))\n\nprint(h({xs}))")  # fmt: skip
    return {"q": f"What does this Python program print?\n\n```python\n{code}\n```", "ans": str(out)}


# =============================================================================================
# BENIGN 5. A RESEARCH LAB'S REASONING BENCHMARK, RUN NIGHTLY AND SWEPT ("Meridian AI Lab", Seattle,
# UTC-8; its eval harness on httpx, 24 in flight). The lab's own held-out set is generated here once
# with a fixed seed: 150 items (competition maths, knights and knaves, zebra grids, code tracing).
# Every night at 01:00 all of them go out unchanged at reasoning_effort medium, seed 0 (a regression
# watch); on one weekend the hardest 100 are swept over reasoning_effort low/medium/high x seeds 0-2.
# The same fixed answer-format instruction on every item. 10 nights. Replies: stubs.
MR_FORMAT = "\n\nSolve the problem. On the last line, write 'Final answer: ' followed by your answer only."


def reasoning_benchmark() -> list[KeyTraffic]:
    rng = R("meridian")
    srng = random.Random("meridian-heldout-v3-seed-1729")
    items = (
        [cm(srng)["q"] for _ in range(60)]
        + [knights(srng)["q"] for _ in range(30)]
        + [zebra(srng)["q"] for _ in range(30)]
    )
    items += [trace(srng)["q"] for _ in range(30)]
    out: list[Request] = []
    for night in range(10):
        p = {"reasoning_effort": "medium", "seed": 0, "max_completion_tokens": 16000}
        jobs = [[ask(q + MR_FORMAT, p, None, f"mr{i:03d}")] for i, q in enumerate(items)]
        out += run(rng, utc(night, 1.0, -8.0) + rng.uniform(0, 60), jobs, 24, 500, retry=0.01)[0]
    hard = items[:40] + items[60:80] + items[90:110] + items[120:140]
    t = utc(12, 9.0, -8.0)
    for eff in ("low", "medium", "high"):
        for seed in (0, 1, 2):
            p = {"reasoning_effort": eff, "seed": seed, "max_completion_tokens": 32000}
            jobs = [[ask(q + MR_FORMAT, p, None, f"mr{items.index(q):03d}")] for q in hard]
            got, t = run(rng, t + rng.uniform(30, 300), jobs, 24, 500, retry=0.01)
            out += got
    kt = key("b29-meridian", "reasoning_benchmark", "benign", "evaluation", cl(rng, "httpx", org=True), out,
             "simulated: a nightly harness at 01:00 (UTC-8), 24 in flight, the same 150 items each night; one weekend sweep of effort x seed",
             items=len(items), nights=10)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 6. A TAX-PREPARATION APP'S STEP-BY-STEP CALCULATOR ("FileRight", a US consumer app, servers in
# Texas, users on a UTC-6 curve; its Node backend on the OpenAI JS SDK). In tax season each household
# (invented here: filing status, W-2 wages and withholding, interest, dividends, capital gains,
# dependants, student-loan interest, IRA/HSA contributions, itemisable expenses, a state) is sent as
# JSON with a fixed instruction to compute the 2025 federal return step by step; users then press
# "What if..." buttons or type questions (some in Spanish). Volume rises towards April, evenings and
# weekends. reasoning_effort medium. Three weeks. Replies: stubs.
FR_SYSTEM = ("You are FileRight's tax explainer. Use 2025 federal rules. Show each step of the computation with the numbers used, then "
             "a short summary table. You are not a substitute for a tax professional; flag anything that needs one. Do not guess missing values.")  # fmt: skip
FR_PROMPT = ("Compute this household's 2025 federal income tax step by step: gross income, adjustments, AGI, standard vs itemised "
             "deduction, taxable income, tax by bracket, credits, and the refund or amount owed after withholding.\n\nHousehold:\n{data}")  # fmt: skip
FR_WHATIF = ("What if we contribute ${n} more to a traditional IRA?", "What if we file separately instead of jointly?", "What if I sell the stock next year instead?",
             "What if my spouse's bonus of ${n} is added?", "What if we move to {state}?", "What if we itemise instead?",
             "Why isn't all of my student loan interest deductible?", "Why is the child tax credit lower than $2,200 per kid?",
             "¿Y si declaramos por separado?", "¿Por qué me sale que debo dinero si me retienen impuestos?", "explain the capital gains part again, simpler",
             "what is line 16 on the 1040 here", "do I need to file a state return too?", "is the HSA deduction already included?")  # fmt: skip
FR_STATES = ("TX", "CA", "NY", "FL", "IL", "WA", "OH", "GA", "AZ", "NC", "CO", "PA", "NJ", "MI")


def _fr_household(rng: random.Random) -> dict:
    status = rng.choices(
        ("single", "married_filing_jointly", "head_of_household", "married_filing_separately"),
        (0.45, 0.35, 0.15, 0.05),
    )[0]
    earners = 2 if status == "married_filing_jointly" and rng.random() < 0.7 else 1
    w2 = []
    for _ in range(earners):
        wages = rng.randrange(18000, 240000, 50)
        w2.append(
            {
                "wages": wages,
                "federal_withholding": round(wages * rng.uniform(0.04, 0.2)),
                "retirement_401k": rng.choice((0, 0, 2400, 6000, 12000, 23500)),
            }
        )
    hh: dict = {"tax_year": 2025, "filing_status": status, "state": rng.choice(FR_STATES), "w2": w2}
    if rng.random() < 0.5:
        hh["interest_1099_int"] = round(rng.uniform(5, 4000), 2)
    if rng.random() < 0.35:
        hh["dividends_1099_div"] = {
            "ordinary": round(rng.uniform(50, 9000), 2),
            "qualified_share": round(rng.uniform(0.4, 1.0), 2),
        }
    if rng.random() < 0.25:
        hh["capital_gains"] = {"short_term": rng.randint(-3000, 8000), "long_term": rng.randint(-5000, 40000)}
    if rng.random() < 0.5:
        hh["dependents"] = [
            {"age": rng.randint(0, 23), "student": rng.random() < 0.3} for _ in range(rng.randint(1, 4))
        ]
    if rng.random() < 0.3:
        hh["student_loan_interest"] = rng.randint(200, 4000)
    if rng.random() < 0.25:
        hh["ira_contribution"] = rng.choice((1000, 3000, 6000, 7000))
    if rng.random() < 0.2:
        hh["hsa_contribution"] = rng.choice((1200, 2500, 4300, 8550))
    if rng.random() < 0.3:
        hh["itemizable"] = {
            "mortgage_interest": rng.randint(0, 22000),
            "state_local_taxes": rng.randint(1500, 18000),
            "charity": rng.randint(0, 6000),
        }
    if rng.random() < 0.1:
        hh["self_employment_1099_nec"] = rng.randrange(2000, 60000, 100)
    return hh


def tax_app() -> list[KeyTraffic]:
    rng = R("fileright")
    p = {"reasoning_effort": "medium", "max_completion_tokens": 8000}
    evening = (0.2, 0.1, 0.05, 0.02, 0.02, 0.05, 0.1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.45, 0.45, 0.5, 0.55, 0.65, 0.8, 0.95, 1.0, 0.95, 0.7, 0.4)  # fmt: skip
    times = []
    for d in range(21):
        times += arrivals(rng, [d], 24 * (1 + d / 20), evening, -6.0, weekend=1.4)
    jobs = []
    for _ in times:
        first = FR_PROMPT.format(data=jd(_fr_household(rng), 2))
        follow = [casual(rng, typo(rng, w.format(n=rng.choice((1000, 2500, 5000, 7000)), state=rng.choice(FR_STATES)), 0.03))
                  for w in rng.sample(FR_WHATIF, rng.choices((0, 1, 2, 3), (0.4, 0.32, 0.18, 0.1))[0])]  # fmt: skip
        jobs.append(chain([first, *follow], p, FR_SYSTEM))
    out = at(times, jobs, rng)
    kt = key("b29-fileright", "tax_app", "benign", "app", cl(rng, "openai-js", org=True), out,
             "simulated: tax-season users (UTC-6), evenings and weekends, rising towards April; turn gaps from text and reasoning time",
             households=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 7. A DATA-SCIENCE NOTEBOOK COPILOT ("Cellwise", a JupyterLab extension vendor in London, UTC+0;
# its relay on aiohttp, one key for all its users in Europe, India and the US). The extension sends
# the active cell, its output or traceback and the schema of the DataFrame in scope (domains, columns
# and errors generated here) with the user's question; follow-ups in the side panel. reasoning_effort
# low or medium by the user's setting. Two weeks, working days heavier. Replies: stubs.
CW_DOMAINS = {
    "retail": (("order_id", "int64"), ("order_date", "datetime64[ns]"), ("store", "category"), ("sku", "object"), ("qty", "int64"),
               ("unit_price", "float64"), ("discount", "float64"), ("customer_segment", "category")),
    "sensors": (("device_id", "object"), ("ts", "datetime64[ns, UTC]"), ("temp_c", "float64"), ("humidity", "float64"), ("vibration_rms", "float64"),
                ("status", "category"), ("firmware", "object")),
    "trial": (("patient_id", "object"), ("arm", "category"), ("age", "int64"), ("sex", "category"), ("baseline_sbp", "float64"),
              ("week12_sbp", "float64"), ("adverse_event", "bool"), ("site", "category")),
    "web": (("session_id", "object"), ("user_id", "object"), ("landing_page", "object"), ("device", "category"), ("duration_s", "float64"),
            ("pages", "int64"), ("converted", "bool"), ("utm_source", "object")),
    "churn": (("customer_id", "object"), ("tenure_months", "int64"), ("plan", "category"), ("monthly_fee", "float64"), ("support_tickets", "int64"),
              ("nps", "float64"), ("churned", "bool"), ("region", "category")),
}  # fmt: skip
CW_ERRORS = ("KeyError: '{col}'", "ValueError: Input X contains NaN.", "TypeError: unsupported operand type(s) for -: 'str' and 'float'",
             "ValueError: cannot reindex on an axis with duplicate labels", "MemoryError: Unable to allocate 11.2 GiB for an array with shape (1500000000,) and data type float64",
             "SettingWithCopyWarning: A value is trying to be set on a copy of a slice from a DataFrame.",
             "ValueError: Found input variables with inconsistent numbers of samples: [{n}, {m}]",
             "TypeError: Cannot compare tz-naive and tz-aware datetime-like objects", "AttributeError: 'DataFrameGroupBy' object has no attribute 'rolling_mean'",
             "ConvergenceWarning: lbfgs failed to converge (status=1): STOP: TOTAL NO. of ITERATIONS REACHED LIMIT.")  # fmt: skip
CW_CODE = ("df.groupby('{cat}')['{num}'].mean().plot(kind='bar')", "df['{num}_z'] = (df['{num}'] - df['{num}'].mean()) / df['{num}'].std()\ndf[df['{num}_z'] > 3]",
           "X = df[['{num}', '{num2}']]\ny = df['{target}']\nmodel = LogisticRegression().fit(X, y)", "df = df.merge(lookup, on='{cat}', how='left')\ndf.shape",
           "weekly = df.set_index('{time}').resample('W')['{num}'].sum()\nweekly.tail()", "for i, row in df.iterrows():\n    df.loc[i, 'flag'] = row['{num}'] > 100",
           "sns.histplot(df, x='{num}', hue='{cat}', kde=True)", "df.pivot(index='{time}', columns='{cat}', values='{num}')",
           "from scipy import stats\nstats.ttest_ind(df[df['{cat}'] == 'A']['{num}'], df[df['{cat}'] == 'B']['{num}'])")  # fmt: skip
CW_FIX = (
    "fix this error",
    "what does this mean",
    "why does this happen, it worked yesterday",
    "¿por qué sale este error?",
    "ye error kyu aa raha hai",
    "what does this warning mean and can I ignore it",
)
CW_ASKS = ("why is this so slow? 2M rows", "explain what this cell does", "plot weekly {num} by {cat} instead", "is a t-test the right choice here?",
           "rewrite this in polars", "how do I handle the missing values in {num} properly", "why is my model overfitting", "add a 95% CI to this",
           "vectorise this please", "help me interpret these coefficients", "¿por qué sale NaN en la columna {num}?")  # fmt: skip
CW_FOLLOW = ("still the same error", "that worked, thanks", "can you do it without merge", "what about outliers?", "and how do I export it to parquet",
             "ok but why does iterrows matter", "make the plot prettier, seaborn style", "explain like I'm new to pandas")  # fmt: skip


def notebook_copilot() -> list[KeyTraffic]:
    rng = R("cellwise")
    eff = {
        "low": {"reasoning_effort": "low", "max_completion_tokens": 4000},
        "medium": {"reasoning_effort": "medium", "max_completion_tokens": 8000},
    }
    times = []
    for tz, per in ((0.0, 40), (5.5, 30), (-5.0, 35)):
        times += arrivals(rng, range(14), per, OFFICE, tz, weekend=0.2)
    times.sort()
    jobs = []
    for _ in times:
        dom = rng.choice(sorted(CW_DOMAINS))
        cols = CW_DOMAINS[dom]
        nums = [c for c, t in cols if t in ("float64", "int64")]
        cats = [c for c, t in cols if t in ("category", "object")] or nums
        time_ = next((c for c, t in cols if t.startswith("datetime")), "ts")
        target = next((c for c, t in cols if t == "bool"), nums[-1])
        slots = {
            "num": rng.choice(nums),
            "num2": rng.choice(nums),
            "cat": rng.choice(cats),
            "time": time_,
            "target": target,
        }
        n = rng.randrange(5_000, 3_000_000, 1000)
        schema = "\n".join(f"  {c:<18}{t}" for c, t in cols)
        code = rng.choice(CW_CODE).format(**slots)
        failed = rng.random() < 0.55
        err = rng.choice(CW_ERRORS).format(
            col=slots["num"] + rng.choice(("", "_x", " ")), n=n, m=n - rng.randint(1, 999)
        )
        output = f"Traceback (most recent call last):\n  ...\n{err}" if failed else "(no output)"
        ask_ = casual(rng, typo(rng, rng.choice(CW_FIX if failed else CW_ASKS).format(**slots), 0.03))
        first = f"Active cell:\n```python\n{code}\n```\nOutput:\n{output}\n\nDataFrame `df` ({n:,} rows):\n{schema}\n\nUser: {ask_}"
        follow = [casual(rng, f) for f in rng.sample(CW_FOLLOW, rng.choices((0, 1, 2), (0.55, 0.3, 0.15))[0])]
        jobs.append(chain([first, *follow], eff["medium" if rng.random() < 0.3 else "low"], "You are Cellwise, a coding assistant inside JupyterLab. Prefer pandas idioms; show code."))  # fmt: skip
    out = at(times, jobs, rng)
    kt = key("b29-cellwise", "notebook_copilot", "benign", "app", cl(rng, "aiohttp", org=True), out,
             "simulated: users in three regions (UTC+0, +5:30, -5) on office curves, weekends light, 14 days; side-panel follow-ups",
             sessions=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 8. A POWER USER: A MATHS PhD STUDENT (probability and analytic number theory, Bonn, UTC+1,
# her own account; a desktop chat client on the OpenAI JS SDK, streaming, reasoning_effort high by
# default). Written here: proof checks of her own lemmas in LaTeX, counterexample hunts, computations
# she double-checks, literature pointers, TikZ and LaTeX help, grading her exercise class, referee-
# report phrasing, German e-mails; long threads with follow-ups. Three weeks, late-rising days and
# some weekends. Replies: stubs.
PD_LEMMAS = ("Let $(X_n)$ be i.i.d. with $\\mathbb E|X_1|^{{p}}<\\infty$ for some $p>{a}$. Then $\\max_{{k\\le n}}|X_k|/n^{{1/{a}}}\\to0$ almost surely.",
             "For $x\\ge {b}$ we have $\\sum_{{n\\le x}}\\frac{{\\mu(n)^2}}{{\\varphi(n)}}=\\log x+O(1)$.",
             "If $f\\in L^{a}(\\mathbb R)$ and $\\hat f$ is supported in $[-{b},{b}]$, then $f$ extends to an entire function of exponential type ${b}\\cdot 2\\pi$.",
             "Let $S_n$ be simple random walk. Then $\\mathbb P(\\max_{{k\\le n}}S_k\\ge {a}\\sqrt n)\\le 2e^{{-{a}^2/2}}$.",
             "Every subset of $\\{{1,\\dots,N\\}}$ of density at least $1/{a}$ contains a solution of $x+y={b}z$ for $N$ large enough.",
             "The number of $n\\le x$ with $\\omega(n)={a}$ is $\\sim \\frac{{x(\\log\\log x)^{{{a}-1}}}}{{({a}-1)!\\log x}}$.")  # fmt: skip
PD_ASKS = (
    "Is this proof correct? I'm worried about the step where I swap the limit and the sum.\n\n\\begin{{lemma}}{lemma}\\end{{lemma}}\n\\begin{{proof}}By Borel–Cantelli it suffices to show $\\sum_n \\mathbb P(|X_n|>\\varepsilon n^{{1/{a}}})<\\infty$, which follows from the moment assumption and Fubini. Then ... \\end{{proof}}",
    "I think this is false in general: {lemma} Can you find a counterexample, or convince me it's true?",
    "Double-check my constant: I get ${b}\\sqrt{{\\pi}}/{a}$ for $\\int_{{-\\infty}}^{{\\infty}} x^2 e^{{-{a}x^2}}\\,dx$ times {b}. Where does the factor go wrong?",
    "What's the standard reference for {topic}? I need something citable, ideally a textbook chapter.",
    "tikz: I want a commutative diagram with {a} nodes in a square and a diagonal dashed arrow, labels above the arrows. quiver-style output is fine",
    "Help me phrase this in a referee report, politely: the main theorem's proof relies on Lemma {a}, whose proof only covers the case $p>{b}$.",
    "Formuliere eine kurze, freundliche Mail an Prof. {prof}: ich kann am {day} nicht ins Oberseminar kommen und würde meinen Vortrag gern verschieben.",
    "Grade this student solution for Übungsblatt {a}, Aufgabe {b} (max 4 points) and write two sentences of feedback: 'Since $f$ is continuous on $[0,1]$ it is bounded, so $\\int_0^1 f_n\\to\\int_0^1 f$ by dominated convergence.' The task was to show uniform convergence implies convergence of integrals.",
    "Compute the Fourier transform of $e^{{-{a}|x|}}$ with the convention $\\hat f(\\xi)=\\int f(x)e^{{-2\\pi i x\\xi}}dx$, and check it against Plancherel.",
    "Is there a slicker way to show {lemma} than the second-moment method?",
    "why does the Selberg sieve give the factor 2 in the upper bound for twin primes, intuitively?",
    "latex: how do I get the qed box right after a displayed equation at the end of a proof in amsthm?",
)  # fmt: skip
PD_TOPICS = ("the Erdős–Kac theorem with a rate", "Stein's method for Poisson approximation", "large sieve inequality", "martingale concentration (Freedman)",
             "the circle method for ternary Goldbach", "mixing times of random walks on groups", "Halász's theorem", "the Komlós–Major–Tusnády coupling")  # fmt: skip
PD_FOLLOW = ("ok but why is the tail bound uniform in n?", "I don't buy step 2", "right, I missed the factor 2π", "can you write that as a clean LaTeX proof?",
             "what if p = {a} exactly?", "is that the sharp constant?", "genau, danke!", "shorter please, it's for the appendix",
             "can you give the reference with the theorem number?", "hmm, the counterexample doesn't work, X_n isn't integrable there",
             "and does the same argument work for martingale differences?", "thanks, that's what I needed")  # fmt: skip
PD_HOURS = (0.4, 0.2, 0.05, 0, 0, 0, 0, 0, 0.05, 0.2, 0.6, 0.9, 0.7, 0.5, 0.9, 1.0, 1.0, 0.8, 0.5, 0.4, 0.6, 0.8, 0.8, 0.6)  # fmt: skip


def phd_student() -> list[KeyTraffic]:
    rng = R("phd")
    p = {"reasoning_effort": "high", "stream": True}
    times = arrivals(rng, range(1, 22), 13, PD_HOURS, 1.0, weekend=0.4)
    jobs = []
    for _ in times:
        a, b = rng.randint(2, 6), rng.randint(2, 12)
        lemma = rng.choice(PD_LEMMAS).format(a=a, b=b)
        text = rng.choice(PD_ASKS).format(lemma=lemma, a=a, b=b, topic=rng.choice(PD_TOPICS), prof=rng.choice(("Becker", "Lindqvist", "Hoffmann")),
                                          day=rng.choice(("Dienstag", "Donnerstag", "kommenden Mittwoch")))  # fmt: skip
        turns = [typo(rng, text, 0.01)]
        turns += [
            casual(rng, f.format(a=a))
            for f in rng.sample(
                PD_FOLLOW, rng.choices((0, 1, 2, 3, 4, 5), (0.15, 0.25, 0.25, 0.15, 0.12, 0.08))[0]
            )
        ]
        jobs.append(chain(turns, p if rng.random() < 0.8 else {"reasoning_effort": "low", "stream": True}))
    out = one_person(rng, times, jobs)
    kt = key("b29-phd", "phd_student", "benign", "heavy", cl(rng, "openai-js"), out,
             "simulated: one person's days (UTC+1), late-rising with an evening peak, lighter weekends, conversations one after another",
             conversations=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 9. A CHESS AND PUZZLE APP'S MOVE EXPLAINER ("Knightfall", Amsterdam, UTC+1; its Node backend
# on the OpenAI JS SDK). Three buttons: the daily puzzle's "Explain" (one position a day, explained
# for the user's rating band, so many near-identical requests), "Why was my move bad?" in game review
# (the position, the move played, the engine's best line and evaluations) and a Sudoku "Next step"
# hint (the grid as digits). Positions and grids are generated here. Some users ask "why not ...?".
# reasoning_effort low. Two weeks on a consumer curve. Replies: stubs.
KF_THEMES = (
    "fork",
    "pin",
    "skewer",
    "back-rank mate",
    "discovered attack",
    "deflection",
    "removing the defender",
    "zwischenzug",
    "promotion",
    "mate in 2",
)
KF_PIECES = "QRRBBNNPPPPPP"


def _kf_position(rng: random.Random) -> tuple[str, str, str]:
    """A FEN with both kings and a few pieces, a move by the side to move in SAN-like notation, and a line."""
    board: dict[tuple[int, int], str] = {}
    wk, bk = (rng.randrange(8), rng.randrange(2)), (rng.randrange(8), rng.randrange(6, 8))
    board[wk], board[bk] = "K", "k"
    for side in (str.upper, str.lower):
        for pc in rng.sample(KF_PIECES, rng.randint(3, 9)):
            sq = (rng.randrange(8), rng.randrange(1, 7) if pc == "P" else rng.randrange(8))
            board.setdefault(sq, side(pc))
    rows = []
    for rank in range(7, -1, -1):
        row, empty = "", 0
        for f in range(8):
            pc = board.get((f, rank))
            if pc:
                row += (str(empty) if empty else "") + pc
                empty = 0
            else:
                empty += 1
        rows.append(row + (str(empty) if empty else ""))
    side = rng.choice("wb")
    fen = f"{'/'.join(rows)} {side} - - 0 {rng.randint(12, 48)}"

    def move(white: bool) -> str:
        own = [(sq, pc) for sq, pc in board.items() if pc.isupper() == white and pc.upper() != "P"]
        _, pc = rng.choice(own)
        dest = (rng.randrange(8), rng.randrange(8))
        cap = "x" if dest in board and board[dest].isupper() != white else ""
        return f"{pc.upper() if pc.upper() != 'P' else ''}{cap}{'abcdefgh'[dest[0]]}{dest[1] + 1}{rng.choice(('', '', '+'))}"

    line = [move((side == "w") == (i % 2 == 0)) for i in range(rng.randint(3, 6))]
    return fen, line[0], " ".join(line)


def _kf_sudoku(rng: random.Random) -> str:
    digits = rng.sample(range(1, 10), 9)
    rows = [b * 3 + r for b in rng.sample(range(3), 3) for r in rng.sample(range(3), 3)]
    cols = [b * 3 + c for b in rng.sample(range(3), 3) for c in rng.sample(range(3), 3)]
    grid = [[digits[(r * 3 + r // 3 + c) % 9] for c in cols] for r in rows]
    holes = rng.randint(42, 56)
    for i in rng.sample(range(81), holes):
        grid[i // 9][i % 9] = 0
    return "\n".join("".join(map(str, row)) for row in grid)


def chess_explainer() -> list[KeyTraffic]:
    rng = R("knightfall")
    p = {"reasoning_effort": "low", "max_completion_tokens": 1500}
    system = "You are Knightfall's friendly coach. Explain ideas, not engine numbers. 2-5 sentences unless asked for more. Match the player's level."
    daily = [(*_kf_position(rng), rng.choice(KF_THEMES)) for _ in range(14)]
    times = arrivals(rng, range(1, 15), 95, CONSUMER, 1.0, weekend=1.3)
    jobs = []
    for t in times:
        button = rng.choices(("daily", "review", "sudoku"), (0.45, 0.35, 0.2))[0]
        rating = rng.choice(("under 1000", "1000-1400", "1400-1800", "1800-2200", "2200+"))
        if button == "daily":
            fen, mv, line, theme = daily[int((t - T0 + HOUR) // DAY) % 14]
            first = f"Daily puzzle. Position (FEN): {fen}\nSolution line: {line}\nTheme: {theme}\nPlayer rating: {rating}\n\nExplain why {mv} works and what the idea is."
        elif button == "review":
            fen, mv, line = _kf_position(rng)
            played = _kf_position(rng)[1]
            ev1, ev2 = round(rng.uniform(-1.5, 2.5), 1), round(rng.uniform(-6.0, 0.5), 1)
            first = (f"Game review. Position (FEN): {fen}\nMove played: {played} (evaluation {ev1:+} -> {ev2:+})\nBest line: {line}\nPlayer rating: {rating}\n\n"
                     f"Explain why {played} was a mistake and what {mv} achieves.")  # fmt: skip
        else:
            first = f"Sudoku, row by row (0 = empty):\n{_kf_sudoku(rng)}\n\nThe player is stuck. Name the technique and explain the next logical step only; do not solve the rest."
        follow = []
        if rng.random() < 0.3:
            follow.append(casual(rng, rng.choice(("why not {m}?", "what if black plays {m}", "i dont see it", "ok and then?", "why not just take the queen",
                                                   "which cell exactly?", "thanks!")).format(m=_kf_position(rng)[1])))  # fmt: skip
        jobs.append(chain([first, *follow], p, system))
    out = at(times, jobs, rng)
    kt = key("b29-knightfall", "chess_explainer", "benign", "app", cl(rng, "openai-js", org=True), out,
             "simulated: app users on a consumer curve (UTC+1), 14 days, weekends heavier; one daily puzzle explained for many users",
             requests_per_day=95)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 10. A TEST-PREP PUBLISHER WRITING WORKED SOLUTIONS FOR ITS QUESTION BANK (mixed: AGIEval's
# sat-math, aqua-rat and math items, bucket 0 of 2, which the publisher licenses as official practice
# material, and its own SAT-style variants generated here; "Kestrel Prep", Chicago, UTC-6, an internal
# content tool on openai-python). Days 0-1: a backfill writing a student-facing worked solution and
# the common wrong answers for every item (6 workers). Then on working days the five editors review
# items in office hours with follow-ups ("no calculus", "shorter", "add a Desmos tip"), and a nightly
# job asks for three new numeric variants of 20 items. T 0.3, reasoning_effort medium. Replies: stubs.
KP_PROMPT = ("Write a worked solution for this practice item, for a student preparing for the test. Use only methods taught before "
             "the test (no calculus for SAT items). Then list the two most common wrong answers and the mistake behind each.\n\nItem:\n{item}")  # fmt: skip
KP_VARIANT = ("Write three new variants of this item with different numbers (same skill and difficulty), each with its correct answer and "
              "four answer choices. Return JSON with a list \"variants\".\n\nItem:\n{item}")  # fmt: skip
KP_EDIT = ("This uses calculus, redo with algebra only", "Shorter, max 120 words", "Add a Desmos tip at the end", "Step 3 skips too much, expand it",
           "The second wrong answer is unrealistic, pick a more common one", "Use the same notation as the item", "Good. Now a version for the Spanish edition",
           "Check the arithmetic in step 2, I get a different number")  # fmt: skip


def _kp_item(rng: random.Random) -> str:
    a, b, c, k = rng.randint(2, 12), rng.randint(1, 30), rng.randint(10, 90), rng.randint(2, 9)
    fam = rng.randrange(6)
    if fam == 0:
        q = f"If {a}x - {b} = {a * k - b}, what is the value of {a}x + {b}?"
        opts = (a * k + b, a * k - b, k, a * k)
    elif fam == 1:
        q = f"A price of ${c * 10} is increased by {k * 5}% and then decreased by {k * 5}%. What is the final price?"
        opts = (
            round(c * 10 * (1 + k / 20) * (1 - k / 20), 2),
            c * 10,
            round(c * 10 * (1 - (k / 20) ** 2) + 1, 2),
            round(c * 10 * 1.01, 2),
        )
    elif fam == 2:
        q = f"The system y = {a}x + {b} and y = {a + k}x - {b} has the solution (x, y). What is x?"
        opts = (Fraction(2 * b, k), Fraction(b, k), Fraction(-2 * b, k), 2 * b)
    elif fam == 3:
        q = f"A circle in the xy-plane has equation (x - {a})^2 + (y + {b})^2 = {k * k}. What is the area of the circle?"
        opts = (f"{k * k}π", f"{2 * k}π", f"{k}π", f"{k**4}π")
    elif fam == 4:
        q = f"The mean of {k + 2} numbers is {c}. When one number is removed the mean becomes {c - 2}. What number was removed?"
        opts = (c * (k + 2) - (c - 2) * (k + 1), c - 2, c + 2, 2 * (k + 1))
    else:
        q = f"f(x) = {a}x^2 - {b}. What is f({k}) - f(-{k})?"
        opts = (0, 2 * a * k * k, -2 * b, a * k * k)
    shuffled = list(map(str, opts))
    rng.shuffle(shuffled)
    return q + "\n" + "\n".join(f"({'ABCD'[i]}) {o}" for i, o in enumerate(shuffled))


def test_prep_solutions() -> list[KeyTraffic]:
    rng = R("kestrel")
    p = {"temperature": 0.3, "reasoning_effort": "medium", "max_completion_tokens": 6000}
    rows = [r for r in share("agieval_v1", 2, 0) if r.extra.get("task") in ("sat-math", "aqua-rat", "math")]
    bank = [(r.first, r.id) for r in rows] + [(_kp_item(rng), f"kp{i:04d}") for i in range(330)]
    rng.shuffle(bank)
    out = run(
        rng,
        utc(0, 10.0, -6.0),
        [[ask(KP_PROMPT.format(item=t), p, None, i)] for t, i in bank],
        6,
        900,
        retry=0.01,
    )[0]
    for d in range(2, 21):
        if weekday(d):
            for t in sorted(utc(d, rng.uniform(9.0, 17.0), -6.0) for _ in range(rng.randint(28, 42))):
                item, iid = rng.choice(bank)
                edits = rng.sample(KP_EDIT, rng.choices((0, 1, 2, 3), (0.3, 0.4, 0.2, 0.1))[0])
                job = chain([KP_PROMPT.format(item=item), *edits], p, None, (), iid)
                talk(rng, t, job)
                out += job
        jobs = [
            [ask(KP_VARIANT.format(item=t), {**p, "response_format": {"type": "json_object"}}, None, i)]
            for t, i in rng.sample(bank, 20)
        ]
        out += run(rng, utc(d, 2.0, -6.0) + rng.uniform(0, 300), jobs, 4, 900)[0]
    kt = key("b29-kestrel", "test_prep_solutions", "benign", "app", cl(rng, "openai-python", org=True), out,
             "simulated: a two-day backfill (6 workers, UTC-6), editors' reviews in office hours, a nightly variant job at 02:00",
             ("agieval_v1",), bank=len(bank), licensed_items=len(rows))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 11. A ROBOTICS COMPANY'S INTERNAL REASONING CHAT (mixed: Chatbot Arena conversations, bucket 0
# of 4, up to three turns, stand for employees' everyday chats; engineering questions written here:
# control loops, kinematics, Kalman filters, ROS 2 errors, C++ and unit questions, English e-mails;
# "Kinetik Robotics", Munich, UTC+1, ~180 staff, an internal web UI on the OpenAI JS SDK, reasoning
# effort medium by default, "think harder" sets high). Three weeks of working days. Replies: stored
# answers for Arena turns, else stubs.
KR_ASKS = ("Our PID loop on the {joint} oscillates at about {f} Hz when Kp > {kp}. Derivative filter is at {fc} Hz. What should I try first?",
           "Derive the Jacobian of a {dof}-DOF planar arm with link lengths {l1} m and {l2} m and tell me where it's singular.",
           "Kalman filter question: IMU at {f}00 Hz, wheel odometry at {fc} Hz. How do I set Q and R without hand-tuning forever?",
           "ROS 2 Humble: my node crashes with 'rclcpp::exceptions::RCLError: failed to create subscription: the topic name must not contain...' for topic /{joint}/state. why?",
           "Is std::shared_ptr in a 1 kHz control loop a bad idea? We see jitter of {kp} µs.",
           "Convert a torque of {kp} Nm at the motor through a {f}:1 harmonic drive with 85% efficiency. What do we get at the output, and what's the reflected inertia factor?",
           "Check my reasoning: gripper force {kp} N, friction coefficient 0.{f}, object mass {l1} kg, 2 fingers. Will it slip at 2 g acceleration?",
           "Write an email to our supplier in English: the {joint} encoders from batch {dof}{f} have a {kp}% failure rate, we need an 8D report.",
           "Explain quaternion slerp vs nlerp for our trajectory interpolation, and when the difference matters.",
           "What's a good way to identify the friction model of the {joint} from logged current and velocity data?")  # fmt: skip
KR_JOINTS = ("shoulder joint", "wrist", "elbow", "base rotation", "gripper", "linear axis", "conveyor")
KR_FOLLOW = ("think harder about the stability margin", "can you show the math", "ok, and in Python?", "makes sense, danke",
             "what if the sensor is noisy", "shorter please", "and for the 3-DOF case?")  # fmt: skip


def robotics_chat() -> list[KeyTraffic]:
    rng = R("kinetik")
    p = {"reasoning_effort": "medium", "stream": True}
    arena = [r for r in share("arena_even", 4, 0) if len(r.first) <= 3000]
    rng.shuffle(arena)
    times = arrivals(rng, [d for d in range(21) if weekday(d)], 40, OFFICE, 1.0)
    jobs = []
    for _ in times:
        if arena and rng.random() < 0.4:
            r = arena.pop()
            n = min(3, len(r.turns))
            jobs.append(chain(list(r.turns[:n]), p, None, tuple(r.replies[:n]), r.id))
            continue
        text = rng.choice(KR_ASKS).format(joint=rng.choice(KR_JOINTS), f=rng.randint(3, 9), kp=rng.randint(5, 120), fc=rng.randint(20, 200),
                                          dof=rng.randint(2, 3), l1=round(rng.uniform(0.2, 1.2), 2), l2=round(rng.uniform(0.2, 1.0), 2))  # fmt: skip
        follow = rng.sample(KR_FOLLOW, rng.choices((0, 1, 2), (0.5, 0.35, 0.15))[0])
        reqs = chain([typo(rng, text, 0.02), *follow], p)
        for q in reqs:
            if "think harder" in q.prompt:
                q.params = {**q.params, "reasoning_effort": "high"}
        jobs.append(reqs)
    out = at(times, jobs, rng)
    kt = key("b29-kinetik", "robotics_chat", "benign", "chat", cl(rng, "openai-js", org=True), out,
             "simulated: staff's office-hour Poisson (UTC+1), 15 working days; turn gaps from text and reasoning time",
             ("arena_even",), conversations=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 12. A WORKSHEET GENERATOR FOR MATHS TEACHERS ("Hojas", a teachers' tool in Spain, UK and
# Germany; its PHP backend on php's curl, one key). A teacher picks grade, topic, number of exercises,
# difficulty and language; the app asks for a worksheet with an answer key and worked solutions; the
# teacher may edit with follow-ups. Evenings and Sunday lesson-planning peaks. reasoning_effort
# medium, T 0.7 (fresh sheets each time). Three weeks. Replies: stubs.
HJ_TOPICS = {
    "es": ("fracciones equivalentes", "ecuaciones de primer grado", "el teorema de Pitágoras", "porcentajes y descuentos", "sistemas de ecuaciones",
           "probabilidad con dados", "áreas de figuras compuestas", "funciones lineales"),
    "en": ("simultaneous equations", "expanding brackets", "Pythagoras' theorem", "compound interest", "ratio and proportion", "probability trees",
           "circle theorems", "quadratic sequences"),
    "de": ("Bruchrechnung", "lineare Gleichungen", "der Satz des Pythagoras", "Prozentrechnung", "Wahrscheinlichkeit mit Baumdiagrammen",
           "quadratische Funktionen", "Flächeninhalt zusammengesetzter Figuren", "Zinseszins"),
}  # fmt: skip
HJ_PROMPT = {
    "es": "Crea una hoja de ejercicios para {g}º de la ESO sobre {t}: {n} ejercicios de dificultad {d}, con solucionario y soluciones paso a paso. {x}",
    "en": "Create a worksheet for Year {g} on {t}: {n} questions, {d} difficulty, with an answer key and worked solutions. {x}",
    "de": "Erstelle ein Arbeitsblatt für Klasse {g} zum Thema {t}: {n} Aufgaben, Schwierigkeit {d}, mit Lösungsblatt und ausführlichem Lösungsweg. {x}",
}
HJ_LEVEL = {
    "es": ("fácil", "media", "variada"),
    "en": ("easy", "medium", "mixed"),
    "de": ("leicht", "mittel", "gemischt"),
}
HJ_EXTRA = {
    "es": ("", "", "Incluye un problema sobre fútbol.", "Dos preguntas tipo test.", "Sin calculadora.", "Añade un reto final."),
    "en": ("", "", "Include one word problem about football.", "Two questions should be multiple choice.", "Format: Markdown with LaTeX.",
           "Keep numbers small, no calculator.", "Add a challenge question at the end."),
    "de": ("", "", "Eine Textaufgabe zum Thema Fußball.", "Zwei Aufgaben als Multiple Choice.", "Ohne Taschenrechner.", "Am Ende eine Knobelaufgabe."),
}  # fmt: skip
HJ_FOLLOW = ("make question 3 easier", "replace the last one with a real-life problem", "más ejercicios como el 2", "die Lösung zu Aufgabe 4 ist falsch",
             "shorter solutions please", "add 3 more questions", "otra versión para el grupo B con otros números")  # fmt: skip


def worksheet_generator() -> list[KeyTraffic]:
    rng = R("hojas")
    p = {"reasoning_effort": "medium", "temperature": 0.7}
    curve = (0.1, 0.03, 0, 0, 0, 0, 0.05, 0.2, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.4, 0.5, 0.7, 0.8, 0.8, 0.9, 1.0, 1.0, 0.7, 0.3)  # fmt: skip
    times = []
    for d in range(21):
        times += arrivals(rng, [d], 95 if d % 7 == 6 else 12 if d % 7 == 5 else 30, curve, 1.0)
    jobs = []
    for _ in times:
        lang = rng.choices(("es", "en", "de"), (0.45, 0.3, 0.25))[0]
        text = HJ_PROMPT[lang].format(g=rng.randint(1, 11), t=rng.choice(HJ_TOPICS[lang]), n=rng.choice((6, 8, 10, 12, 15)),
                                      d=rng.choice(HJ_LEVEL[lang]), x=rng.choice(HJ_EXTRA[lang])).strip()  # fmt: skip
        jobs.append(chain([text, *rng.sample(HJ_FOLLOW, rng.choices((0, 1, 2), (0.6, 0.3, 0.1))[0])], p))
    out = at(times, jobs, rng)
    kt = key("b29-hojas", "worksheet_generator", "benign", "app", cl(rng, "curl", org=True), out,
             "simulated: teachers' evening arrivals (UTC+1), Sunday planning peaks, 3 weeks; follow-ups at a person's pace",
             sheets=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# DISTILLER 1. AN R1-STYLE LONG-CHAIN-OF-THOUGHT HARVEST OF COMPETITION MATHS (a small lab in Seoul,
# UTC+9, building a reasoning SFT set; two keys of one organisation). Problems come from the
# competition generator above, in English, Chinese, Spanish, German and French. Key "sample": the
# DeepSeek-R1 usage recipe as published: no system prompt, the problem followed by "Please reason step
# by step, and put your final answer within \boxed{}.", T 0.6, top_p 0.95, a large max_tokens,
# reasoning_effort high; every problem sent four times (rejection sampling by answer), 24 workers,
# three nights, 2% timeouts resent. Key "filter" (an async script): a cheap pass at reasoning_effort low
# over other problems, then the ~40% it got wrong again with a "think step by step, show all your
# reasoning" system prompt at high effort, n=4, T 0.8; 10% of those get a "verify" turn. Replies: stubs.
R1_SUFFIX = "\nPlease reason step by step, and put your final answer within \\boxed{}."
R1_SYSTEM = ("You are a meticulous competition mathematician. Think step by step and show all of your reasoning in full: explore, check each "
             "step, and backtrack when something is wrong. Give the final answer within \\boxed{}.")  # fmt: skip
R1_LANGS = (("en", 0.7), ("zh", 0.18), ("es", 0.05), ("de", 0.04), ("fr", 0.03))


def r1_math_harvest() -> list[KeyTraffic]:
    rng = R("r1math")
    org = dict(account(rng))["organisation"]
    problems = cm_unique(rng, 1130, R1_LANGS)
    sample = {"temperature": 0.6, "top_p": 0.95, "max_tokens": 32768, "reasoning_effort": "high"}
    jobs = [[ask(d["q"] + R1_SUFFIX, sample, None, "", True)] for d in problems[:520] for _ in range(4)]
    rng.shuffle(jobs)
    out: list[Request] = []
    for i, night in enumerate((3, 4, 5)):
        out += run(rng, utc(night, 22.0, 9.0) + rng.uniform(0, 600), jobs[i::3], 24, 900, retry=0.02)[0]
    krng = R("r1math", "filter")
    cheap = {"reasoning_effort": "low", "max_completion_tokens": 4000}
    rest = problems[520:]
    filt, end = run(
        krng, utc(9, 10.0, 9.0), [[ask(d["q"] + R1_SUFFIX, cheap, None, "", True)] for d in rest], 16, 400
    )
    hard = [d for d in rest if krng.random() < 0.4]
    deep = {"reasoning_effort": "high", "n": 4, "temperature": 0.8, "max_completion_tokens": 32000}
    jobs = []
    for d in hard:
        turns = [d["q"]] + (
            [
                "Verify your final answer by an independent method. If it changes, explain which step was wrong."
            ]
            if krng.random() < 0.1
            else []
        )
        jobs.append(chain(turns, deep, R1_SYSTEM, (), "", True))
    filt += run(krng, end + krng.uniform(600, 3600), jobs, 16, 1200, retry=0.02)[0]
    return [
        key("d29-r1math-sample", "r1_math_harvest", "distiller", "distiller", cl(rng, "openai-python", org=True, organisation=org), out,
            "simulated: three nights from 22:00 (UTC+9), 24 workers, each problem four times", actor="d29-r1math", problems=520, samples=4),
        key("d29-r1math-filter", "r1_math_harvest", "distiller", "distiller", cl(krng, "openai-python", ua=async_ua(krng), org=True, organisation=org), filt,
            "simulated: a low-effort pass then a high-effort n=4 pass on the misses (UTC+9), 16 workers", actor="d29-r1math",
            problems=len(rest), hard=len(hard)),
    ]  # fmt: skip


# =============================================================================================
# DISTILLER 2. A CODE-REASONING HARVEST OVER GENERATED PROGRAMMING PROBLEMS WITH TESTS (a team in
# Warsaw, UTC+1, training a code reasoning model; openai-python async, 16 workers, four nights). Each
# problem from the generator above goes out with three input/output tests in the prompt and a fixed
# instruction (Python 75%, C++ 25%) at reasoning_effort high; the operator runs the code against the
# hidden tests and, for ~35%, sends the failure back in the same conversation ("failed test 2: expected
# ... got ...") for one repair. Replies: stubs.
CR_PROMPT = ("You will be given a competitive programming problem. Think carefully about the algorithm, edge cases and complexity, then "
             "write a correct and efficient {lang} program that reads from standard input and writes to standard output.\n\n"
             "Question: {title}\n{text}\n\nYour program must pass these tests:\n{tests}\n\nEnclose your final code within delimiters:\n```{fence}\n{mark} YOUR CODE HERE\n```")  # fmt: skip
CR_FAIL = ("Your program failed test {i}.\nInput:\n{inp}\nExpected output:\n{exp}\nYour output:\n{got}\n\nFind the bug, explain it, and give the full corrected program.",
           "Time limit exceeded on test {i} (n = 200000). Reconsider the complexity and give the full corrected program.",
           "Runtime error on test {i}: {err}\nGive the full corrected program.")  # fmt: skip


def code_reasoning_harvest() -> list[KeyTraffic]:
    rng = R("codereason")
    p = {"reasoning_effort": "high", "max_completion_tokens": 32000}
    jobs = []
    for _ in range(1620):
        prob = cp_problem(rng, None, 3)
        lang, fence, mark = ("Python 3", "python", "#") if rng.random() < 0.75 else ("C++17", "cpp", "//")
        tests = "\n\n".join(
            f"Test {j}:\nInput:\n{a}\nOutput:\n{b}" for j, (a, b) in enumerate(prob["tests"], 1)
        )
        turns = [
            CR_PROMPT.format(
                lang=lang, title=prob["title"], text=prob["text"], tests=tests, fence=fence, mark=mark
            )
        ]
        if rng.random() < 0.35:
            j = rng.randrange(len(prob["tests"]))
            a, b = prob["tests"][j]
            turns.append(
                rng.choice(CR_FAIL).format(
                    i=j + 1,
                    inp=a,
                    exp=b,
                    got=rng.choice(("0", "-1", b + "0", "")),
                    err=rng.choice(("RecursionError", "Segmentation fault", "IndexError")),
                )
            )
        jobs.append(chain(turns, p, None, (), prob["id"], True))
    out: list[Request] = []
    for k, night in enumerate((7, 8, 9, 10)):
        out += run(
            rng,
            utc(night, 20.0, 1.0) + rng.uniform(0, 900),
            jobs[k::4],
            16,
            1200,
            retry=0.01,
            gap=(2.0, 20.0),
        )[0]
    kt = key("d29-codereason", "code_reasoning_harvest", "distiller", "distiller", cl(rng, "openai-python", ua=async_ua(rng)), out,
             "simulated: four night runs from 20:00 (UTC+1), 16 workers; local test runs between a reply and its repair turn",
             problems=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# DISTILLER 3. RATIONALE DISTILLATION ("DISTILLING STEP-BY-STEP": the question AND its known answer go
# in, the model is asked to explain why; a team in Toronto, UTC-5, on python-requests). Labelled items
# are generated here: natural-language inference pairs, commonsense multiple choice, arithmetic word
# problems, date arithmetic and review sentiment, each with its label. 70% use a chat instruction,
# 30% a few-shot prompt of three hand-written examples. T 0, max_tokens 400; 4 workers, two sessions a
# day for five working days. Replies: stubs.
RD_PEOPLE = (
    "woman",
    "man",
    "girl",
    "boy",
    "chef",
    "cyclist",
    "musician",
    "teacher",
    "dog walker",
    "fisherman",
    "nurse",
    "student",
)
RD_ACTS = (("playing a guitar", "making music", "sleeping"), ("riding a bike", "moving outdoors", "sitting on a sofa"), ("cooking pasta", "preparing food", "swimming"),
           ("reading a newspaper", "reading", "running a marathon"), ("painting a fence", "working outside", "taking a bath"), ("walking three dogs", "outdoors with animals", "flying a plane"))  # fmt: skip
RD_PLACES = ("park", "kitchen", "street", "market", "beach", "train station", "garden", "library courtyard")
RD_OBJECTS = (("stapler", "office"), ("stethoscope", "hospital"), ("anchor", "harbour"), ("chalk", "classroom"), ("saddle", "stable"), ("ladle", "kitchen"),
              ("hymn book", "church"), ("ticket barrier", "train station"), ("shopping trolley", "supermarket"), ("easel", "art studio"), ("microscope", "laboratory"))  # fmt: skip
RD_REVIEWS = (("The battery lasts two days and the screen is gorgeous.", "positive"), ("Arrived broken and support never answered.", "negative"),
              ("Great taste, but the portion was tiny for the price.", "mixed"), ("It does what it says. Nothing more, nothing less.", "neutral"),
              ("Worst hotel stay of my life, the room smelled of smoke.", "negative"), ("Honestly better than I expected, would buy again.", "positive"))  # fmt: skip
RD_FEWSHOT = ("Q: A man is slicing bread in a bakery. Does this mean that a person is handling food?\nAnswer: yes\nRationale: Slicing bread is handling food, "
              "and a man is a person. So the answer is yes.\n\nQ: What is 15% of 80?\nAnswer: 12\nRationale: 10% of 80 is 8 and 5% is 4, so 15% is 8 + 4 = 12. "
              "So the answer is 12.\n\nQ: Where would you find a scalpel? (a) bakery (b) operating theatre (c) library (d) garage\nAnswer: (b)\nRationale: A scalpel "
              "is a surgeon's knife, used in operating theatres. So the answer is (b).\n\n")  # fmt: skip
RD_CHAT = ("Question: {q}\nCorrect answer: {a}\n\nExplain step by step why this is the correct answer. Write the rationale as if you worked it out yourself; "
           "do not mention that the answer was given. End with 'So the answer is {a}.'")  # fmt: skip
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _rd_item(rng: random.Random) -> tuple[str, str]:
    fam = rng.randrange(5)
    if fam == 0:
        person, (act, general, other), place = (
            rng.choice(RD_PEOPLE),
            rng.choice(RD_ACTS),
            rng.choice(RD_PLACES),
        )
        kind = rng.randrange(3)
        hyp = (
            f"A person is {general}.",
            f"The {person} is {other}.",
            f"The {person} is {act} for a competition.",
        )[kind]
        return (
            f"Premise: A {person} is {act} in the {place}.\nHypothesis: {hyp}\nDoes the premise entail the hypothesis?",
            ("entailment", "contradiction", "neutral")[kind],
        )
    if fam == 1:
        obj, place = rng.choice(RD_OBJECTS)
        opts = [place, *rng.sample([p for _, p in RD_OBJECTS if p != place], 4)]
        rng.shuffle(opts)
        letter = "abcde"[opts.index(place)]
        return f"Where would you most likely find a {obj}? " + " ".join(
            f"({'abcde'[i]}) {o}" for i, o in enumerate(opts)
        ), f"({letter})"
    if fam == 2:
        n1, n2 = rng.sample(FIRST, 2)
        a, b, c = rng.randint(5, 60), rng.randint(2, 9), rng.randint(1, 20)
        return (
            f"{n1} had {a} marbles. {n2} gave {n1} {b} bags with {c} marbles each. How many marbles does {n1} have now?",
            str(a + b * c),
        )
    if fam == 3:
        m, d, k, y = rng.randrange(12), rng.randint(1, 28), rng.randint(1, 40), rng.randint(1990, 2030)
        day = date(y, m + 1, d)
        back = day - timedelta(days=k)
        return f"Today is {MONTHS[m]} {d}, {y}. What was the date {k} days ago in MM/DD/YYYY?", back.strftime(
            "%m/%d/%Y"
        )
    text, label = rng.choice(RD_REVIEWS)
    return f'What is the sentiment of this review? "{text}" (positive, negative, neutral or mixed)', label


def rationale_distill() -> list[KeyTraffic]:
    rng = R("rationale")
    p = {"temperature": 0, "max_tokens": 400}
    seen, jobs = set(), []
    while len(jobs) < 2200:
        q, a = _rd_item(rng)
        if q in seen:
            continue
        seen.add(q)
        text = (
            RD_CHAT.format(q=q, a=a) if rng.random() < 0.7 else f"{RD_FEWSHOT}Q: {q}\nAnswer: {a}\nRationale:"
        )
        jobs.append([ask(text, p, None, "", True)])
    out: list[Request] = []
    days = [d for d in range(14, 21) if weekday(d)]
    per = -(-len(jobs) // (2 * len(days)))
    for i, (d, hour) in enumerate((d, h) for d in days for h in (9.5, 14.0)):
        out += run(rng, utc(d, hour, -5.0) + rng.uniform(0, 1200), jobs[i * per : (i + 1) * per], 4, 120)[0]
    kt = key("d29-rationale", "rationale_distill", "distiller", "distiller", cl(rng, "requests"), out,
             "simulated: two sessions a working day (UTC-5), 4 workers, five days", items=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# DISTILLER 4. A <think>-TAG AND reasoning_content HARVEST OF GENERAL REASONING (one operator in
# Lisbon, UTC+0, two accounts with different cards that signed up from one network). Prompts come from
# a grammar written here: Fermi estimates, scheduling with dependencies, physics intuition, causal
# inference from correlations, probability brainteasers, game theory, ethics trade-offs, plus knights-
# and-knaves, zebra and code-tracing items. Key "tags": a system prompt demanding long thinking inside
# <think></think> before the answer, T 0.6, 10 workers on four evenings. Key "router": the router-style
# request that returns the reasoning field (reasoning.effort high, include_reasoning), one worker
# pausing 2-9 s between requests, six-hour sessions on four days. Replies: stubs.
TT_SYSTEM = ("You are a deep-thinking reasoning assistant. Before answering, think through the problem inside <think> and </think> tags. "
             "Your thinking must be thorough: restate the problem, explore several approaches, verify every step, catch and correct your own "
             "mistakes, and consider edge cases. After </think>, give a clear, well-structured final answer.")  # fmt: skip
TT_OBJ = (
    "hammer",
    "feather",
    "bowling ball",
    "ping-pong ball",
    "ice cube",
    "helium balloon",
    "brick",
    "sheet of paper",
)
TT_PLACES = (
    "Berlin",
    "Lagos",
    "São Paulo",
    "Osaka",
    "a town of 50,000 people",
    "Manhattan",
    "Iceland",
    "a large university campus",
)


def _tt_prompt(rng: random.Random) -> str:
    fam = rng.randrange(10)
    n, m, k = rng.randint(3, 9), rng.randint(2, 5), rng.randint(2, 30)
    if fam == 0:
        thing = rng.choice(("piano tuners", "litres of coffee drunk per day", "golf balls that fit in a bus", "dentists", "traffic lights",
                            "kilograms of bread baked per day", "electric scooters", "hours of video watched per day"))  # fmt: skip
        return f"Estimate the number of {thing} in {rng.choice(TT_PLACES)}. State every assumption and show your reasoning."
    if fam == 1:
        tasks = [f"{chr(65 + i)} ({rng.randint(1, 9)}h)" for i in range(n)]
        deps = sorted(
            {
                f"{chr(65 + j)} before {chr(65 + i)}"
                for i in range(1, n)
                for j in rng.sample(range(i), min(i, rng.randint(0, 2)))
            }
        )
        return f"Tasks: {', '.join(tasks)}. Constraints: {'; '.join(deps) or 'none'}. With {m} workers, what is the minimum time to finish everything? Give a schedule."
    if fam == 2:
        a, b = rng.sample(TT_OBJ, 2)
        return f"A {a} and a {b} are dropped at the same time from {k * 10} m {rng.choice(('on the Moon', 'on Earth', 'in a vacuum chamber', 'inside a falling elevator'))}. Which lands first, and why? Reason carefully."
    if fam == 3:
        x, y = rng.sample(
            (
                "ice-cream sales",
                "drownings",
                "coffee consumption",
                "longevity",
                "screen time",
                "test scores",
                "number of firefighters",
                "fire damage",
                "shoe size",
                "reading ability",
            ),
            2,
        )
        return f"A study finds that {x} is strongly correlated with {y}. Give at least three alternative explanations and design an experiment that would distinguish them."
    if fam == 4:
        day = rng.choice(("Tuesday", "Sunday", "Friday"))
        return rng.choice((f"A family has two children. At least one is a boy born on a {day}. What is the probability both are boys? Explain carefully.",
                           f"You roll {m} fair dice. What is the probability that the highest value is exactly {min(6, m + 2)}?",
                           f"{n} people each pick a random number from 1 to {k + 10}. What is the probability that at least two pick the same number?",
                           f"A stick is broken at {m} uniformly random points. What is the probability the {m + 1} pieces can form a polygon?"))  # fmt: skip
    if fam == 5:
        return rng.choice((f"{n} pirates of strict seniority split {k * 10} gold coins. The most senior proposes a split; if at least half accept it passes, otherwise he is thrown overboard. Pirates are rational and greedy. What does the most senior propose?",
                           f"Two firms choose prices of {k} or {k + m}. Payoffs: both low {k * 2}, both high {k * 3}, mixed: the low firm gets {k * 4}, the high one {k}. Find all Nash equilibria, including mixed ones.",
                           f"In a sealed-bid second-price auction with {n} bidders whose values are uniform on [0, {k}], what is the expected revenue?"))  # fmt: skip
    if fam == 6:
        return rng.choice((f"A hospital has {m} ventilators and {m + k % 4 + 1} patients who need one. What principles could guide the allocation? Weigh them against each other and reach a conclusion.",
                           f"Is it ethical for a self-driving car to prioritise its {n} passengers over {m} pedestrians? Reason through several frameworks before concluding."))  # fmt: skip
    if fam == 7:
        return knights(rng)["q"]
    if fam == 8:
        return zebra(rng)["q"] + "\n\nGive the full assignment."
    return trace(rng)["q"]


def think_tag_harvest() -> list[KeyTraffic]:
    rng = R("thinktags")
    net = dict(account(rng))["signup_network"]
    seen, prompts = set(), []
    while len(prompts) < 2250:
        t = _tt_prompt(rng)
        if t not in seen:
            seen.add(t)
            prompts.append(t)
    a = {"temperature": 0.6, "max_tokens": 16000}
    jobs = [[ask(t, a, TT_SYSTEM, "", True)] for t in prompts[:1130]]
    out: list[Request] = []
    for i, day in enumerate((2, 3, 5, 6)):
        out += run(rng, utc(day, 19.0, 0.0) + rng.uniform(0, 1800), jobs[i::4], 10, 3500, retry=0.01)[0]
    krng = R("thinktags", "router")
    b = {"reasoning": {"effort": "high"}, "include_reasoning": True, "max_tokens": 20000}
    jobs = [[ask(t, b, None, "", True)] for t in prompts[1130:]]
    routed: list[Request] = []
    for i, day in enumerate((8, 9, 10, 11)):
        routed += sleepy(krng, utc(day, krng.choice((1.0, 9.0, 14.0)), 0.0), jobs[i::4], (2.0, 9.0), 600)[0]
    return [
        key("d29-think-tags", "think_tag_harvest", "distiller", "distiller", cl(rng, "openai-python", signup_network=net), out,
            "simulated: four evening runs from 19:00 (UTC+0), 10 workers", actor="d29-think", prompts=1130),
        key("d29-think-router", "think_tag_harvest", "distiller", "distiller", cl(krng, "httpx", signup_network=net), routed,
            "simulated: one worker with 2-9 s pauses, a six-hour-ish session on each of four days (UTC+0)", actor="d29-think", prompts=len(jobs)),
    ]  # fmt: skip


# =============================================================================================
# DISTILLER 5. A SCIENCE MULTIPLE-CHOICE HARVEST WITH EXPLANATIONS (mixed: MMLU's science and
# engineering subjects, bucket 0 of 2, and GPQA-style items generated here: mechanics, optics,
# chemistry stoichiometry and pH, genetics crosses and Hardy-Weinberg, orbital periods, with computed
# answers and plausible distractors; a team in Bangalore, UTC+5:30, on openai-python, 10 workers).
# Every item goes out in an evaluation harness's wording (think step by step, last line "Answer:
# LETTER"); generated items twice with the options shuffled (to debias the letter); 25% get a follow-up
# asking why each other option is wrong. reasoning_effort medium. Five days, working hours.
# Replies: stubs.
SQ_PROMPT = ("Answer the following multiple choice question. The last line of your response should be of the following format: "
             "'Answer: $LETTER' (without quotes) where LETTER is one of ABCD. Think step by step before answering.\n\n{q}")  # fmt: skip
SQ_SUBJECTS = ("high_school_biology", "high_school_chemistry", "high_school_physics", "conceptual_physics", "college_biology", "college_chemistry",
               "college_physics", "astronomy", "anatomy", "virology", "medical_genetics", "electrical_engineering", "college_medicine", "nutrition")  # fmt: skip
SQ_MOLAR = {
    "H2O": 18.015,
    "CO2": 44.01,
    "NaCl": 58.44,
    "C6H12O6": 180.16,
    "CaCO3": 100.09,
    "NH3": 17.03,
    "H2SO4": 98.08,
    "KMnO4": 158.03,
}


def _sq_item(rng: random.Random) -> tuple[str, list[str], int]:
    fam = rng.randrange(6)
    if fam == 0:
        en, _, ans = _ph_problem(rng)
        good = f"{ans:.3g}"
        opts = [good, f"{ans * 2:.3g}", f"{ans / 2:.3g}", f"{ans * 1.41:.3g}"]
        return en + " (Give the first quantity asked, in SI units.)", opts, 0
    if fam == 1:
        comp, mm = rng.choice(sorted(SQ_MOLAR.items()))
        g = rng.randint(5, 250)
        mol = g / mm
        return (
            f"How many moles are in {g} g of {comp}?",
            [f"{mol:.3g} mol", f"{g * mm:.3g} mol", f"{mol * 2:.3g} mol", f"{mm / g:.3g} mol"],
            0,
        )
    if fam == 2:
        e = rng.randint(1, 4)
        c = rng.choice((1, 2, 5)) * 10**-e
        acid = rng.choice(("HCl", "HNO3", "H2SO4 (assume both protons dissociate)"))
        ph = -math.log10(c * (2 if acid.startswith("H2SO4") else 1))
        return (
            f"What is the pH of a {c:.0e} M solution of {acid} at 25 °C?",
            [f"{ph:.2f}", f"{14 - ph:.2f}", f"{ph + 1:.2f}", f"{-math.log10(c) / 2:.2f}"],
            0,
        )
    if fam == 3:
        p_ = rng.randint(5, 45) / 100
        q_ = 1 - p_
        return (f"In a population in Hardy-Weinberg equilibrium, the recessive allele frequency is {q_:.2f}. What fraction of the population are heterozygous carriers?",
                [f"{2 * p_ * q_:.3f}", f"{q_ * q_:.3f}", f"{p_ * p_:.3f}", f"{p_ * q_:.3f}"], 0)  # fmt: skip
    if fam == 4:
        a = round(rng.uniform(0.4, 30.0), 2)
        return (f"An exoplanet orbits a star of one solar mass with a semi-major axis of {a} AU. What is its orbital period?",
                [f"{a ** 1.5:.3g} years", f"{a ** 2:.3g} years", f"{a:.3g} years", f"{a ** (2 / 3):.3g} years"], 0)  # fmt: skip
    traits = rng.choice((("tall", "short"), ("purple", "white"), ("round", "wrinkled")))
    return (f"In pea plants, {traits[0]} is dominant over {traits[1]}. Two heterozygous plants are crossed. What fraction of offspring are expected to be {traits[1]}?",
            ["1/4", "1/2", "3/4", "1/16"], 0)  # fmt: skip


def _sq_render(q: str, opts: list[str], order: list[int]) -> str:
    return q + "\n\n" + "\n".join(f"{'ABCD'[i]}) {opts[j]}" for i, j in enumerate(order))


def science_mcq_harvest() -> list[KeyTraffic]:
    rng = R("sciqa")
    p = {"reasoning_effort": "medium", "max_completion_tokens": 12000}
    follow = "Now explain briefly why each of the other three options is wrong."
    rows = [r for r in share("mmlu_val_zeroshot", 2, 0) if r.extra.get("subject") in SQ_SUBJECTS]
    jobs = [
        chain(
            [SQ_PROMPT.format(q=r.first), *([follow] if rng.random() < 0.25 else [])], p, None, (), r.id, True
        )
        for r in rows
    ]
    seen: set[str] = set()
    while len(jobs) < 1600:
        q, opts, _ = _sq_item(rng)
        if q in seen:
            continue
        seen.add(q)
        for _ in range(2 if rng.random() < 0.5 else 1):
            order = rng.sample(range(4), 4)
            jobs.append(
                chain(
                    [
                        SQ_PROMPT.format(q=_sq_render(q, opts, order)),
                        *([follow] if rng.random() < 0.25 else []),
                    ],
                    p,
                    None,
                    (),
                    "",
                    True,
                )
            )
    rng.shuffle(jobs)
    out: list[Request] = []
    per = -(-len(jobs) // 5)
    for i, day in enumerate((14, 15, 16, 17, 18)):
        out += run(rng, utc(day, 10.0, 5.5) + rng.uniform(0, 900), jobs[i * per : (i + 1) * per], 10, 800)[0]
    kt = key("d29-sciqa", "science_mcq_harvest", "distiller", "distiller", cl(rng, "openai-python", org=True), out,
             "simulated: five working-day runs from 10:00 (UTC+5:30), 10 workers", ("mmlu_val_zeroshot",),
             mmlu_rows=len(rows), items=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# DISTILLER 6. A SLOW MULTI-KEY HARVEST THAT MIXES REASONING ASKS WITH ORDINARY CHAT (mixed: Chatbot
# Arena conversations, bucket 1 of 4, as cover; one operator with four personal-looking accounts in
# four time zones, separate cards, two of them signed up from one network; a chat-UI-like client,
# streaming). Each key, every evening for three weeks, sends 20-45 requests at a person's pace (reading
# and typing time plus 10-60 s): ~65% hard problems phrased casually ("can you solve this and show all
# the steps?": competition maths, physics, CP problems, logic puzzles, all generated here), sometimes
# with a "go deeper" follow-up, and ~35% cover chat (Arena turns with their stored replies, or small
# talk written here). reasoning_effort high on the problems, none on the chat. Replies: Arena's
# stored answers for its turns, else stubs.
SM_WRAP = ("can you solve this and show all the steps? {q}", "{q}\n\nplease explain your reasoning in full detail, I want to understand every step",
           "homework help: {q}", "Hey! Quick one (not so quick maybe): {q} Walk me through it.", "{q} - full solution with reasoning please",
           "I'm practising for a contest. {q} Show me how an expert would think about it.")  # fmt: skip
SM_FOLLOW = ("can you go deeper on the key step?", "is there another way to solve it?", "how would you check the answer is right?",
             "explain it like I'm 15", "what's the general technique here?")  # fmt: skip
SM_SMALL = ("what should I cook tonight, I have rice, eggs and spinach", "recommend a sci-fi book like Project Hail Mary", "how do I get red wine out of a carpet",
            "write a funny birthday message for my brother who turns 30", "is it worth learning Rust in 2026?", "what's a good stretching routine after running",
            "explain the offside rule quickly", "my cat keeps scratching the sofa, ideas?", "best way to learn touch typing?", "help me name my D&D character, a gnome bard")  # fmt: skip
SM_ZONES = ((-5.0, "openai-js"), (1.0, "openai-python"), (3.0, "openai-js"), (8.0, "httpx"))


def _sm_problem(rng: random.Random) -> str:
    kind = rng.choices(("cm", "ph", "cp", "kk", "zb"), (0.4, 0.15, 0.2, 0.15, 0.1))[0]
    if kind == "cm":
        return cm(rng)["q"]
    if kind == "ph":
        return _ph_problem(rng)[0]
    if kind == "cp":
        return (
            "How would you solve this programming problem efficiently? Explain the algorithm, then code.\n\n"
            + cp_problem(rng)["text"]
        )
    return knights(rng)["q"] if kind == "kk" else zebra(rng)["q"]


def slow_mixed_keys() -> list[KeyTraffic]:
    rng = R("slowmix")
    net = dict(account(rng))["signup_network"]
    arena = [r for r in share("arena_even", 4, 1) if len(r.first) <= 3000]
    rng.shuffle(arena)
    think_p = {"reasoning_effort": "high", "stream": True}
    chat_p = {"stream": True}
    keys = []
    for i, (tz, software) in enumerate(SM_ZONES):
        krng = R("slowmix", i)
        mine = arena[i::4]
        out: list[Request] = []
        for day in range(21):
            quota, sent = krng.randint(20, 45), 0
            t = utc(day, krng.uniform(18.0, 20.5), tz)
            while sent < quota and t < utc(day, 23.9, tz):
                if krng.random() < 0.65:
                    turns = [casual(krng, krng.choice(SM_WRAP)).format(q=_sm_problem(krng))]
                    turns += krng.sample(SM_FOLLOW, krng.choices((0, 1), (0.75, 0.25))[0])
                    job = chain(turns, think_p, None, (), "", True)
                elif mine and krng.random() < 0.6:
                    r = mine.pop()
                    n = min(2, len(r.turns))
                    job = chain(list(r.turns[:n]), chat_p, None, tuple(r.replies[:n]), r.id, True)
                else:
                    job = chain([casual(krng, krng.choice(SM_SMALL))], chat_p, None, (), "", True)
                for q in job:
                    q.ts = t
                    t += (
                        think(krng, len(q.reply or ""), 150)
                        + hidden(krng, q) / krng.uniform(40, 90)
                        + krng.uniform(10, 60)
                    )
                out += job
                sent += len(job)
        shared = {"signup_network": net} if i in (1, 2) else {}
        keys.append(key(f"d29-slowmix-{i}", "slow_mixed_keys", "distiller", "distiller", cl(krng, software, **shared), out,
                        f"simulated: evenings from 18:00-20:30 local (UTC{tz:+g}), one request at a time at a reader's pace plus 10-60 s, 21 days",
                        ("arena_even",), actor="d29-slowmix", tz=tz))  # fmt: skip
    return keys


# =============================================================================================
# DISTILLER 7. A VERIFIER / CRITIQUE HARVEST FOR A PROCESS REWARD MODEL (a team in Zürich, UTC+1, on
# openai-python, 12 workers, run in office hours over four days). Problems come from the competition
# generator; each gets two candidate solutions composed here from the generator's steps (one correct,
# one with an error injected at a random step and carried to a wrong final answer). Half the requests
# use a paragraph-tagged "find the earliest wrong paragraph, index in \boxed{}" prompt at reasoning
# effort medium; half ask for a per-step JSON verdict (+1 / 0 / -1 with a reason), n=3 at T 0.7 for
# label agreement. Replies: stubs.
PR_TAGGED = ("The following is a math problem and a solution (split into paragraphs, enclosed with tags and indexed from 0):\n\n[Math Problem]\n\n{q}\n\n"
             "[Solution]\n\n{paras}\n\nYour task is to review and critique the solution paragraph by paragraph. Once you identify an error in a paragraph, "
             "return the index of the paragraph where the earliest error occurs. Otherwise, return the index of -1 (which typically denotes \"not found\").\n\n"
             "Please put your final answer (i.e., the index) in \\boxed{{}}.")  # fmt: skip
PR_STEPWISE = ("You are grading a student's solution step by step.\n\nProblem: {q}\n\nSolution:\n{steps}\n\nFor every step, decide whether it is correct and "
               "useful (+1), correct but unhelpful (0), or incorrect (-1), and explain in one sentence. Return JSON: {{\"steps\": [{{\"step\": n, \"label\": "
               "+1|0|-1, \"reason\": \"...\"}}], \"first_error\": n or null, \"final_answer_correct\": true|false}}.")  # fmt: skip


def _pr_wrong(rng: random.Random, d: dict) -> list[str]:
    """The solution's steps with one number changed at a random step and a wrong final answer after it."""
    steps = list(d["steps"])
    k = rng.randrange(1, len(steps))
    nums = [m for m in re.finditer(r"\d+", steps[k])]
    if nums:
        m = rng.choice(nums)
        bad = str(int(m.group()) + rng.choice((-3, -2, -1, 1, 2, 5, 10)))
        steps[k] = steps[k][: m.start()] + bad.lstrip("-") + steps[k][m.end() :]
    wrong = d["ans"] + "1" if rng.random() < 0.3 else str(rng.randint(2, 999))
    return [*steps[: k + 1], f"Therefore the answer is ${wrong}$."]


def prm_critique_harvest() -> list[KeyTraffic]:
    rng = R("prm")
    tagged = {"reasoning_effort": "medium", "max_completion_tokens": 16000}
    stepwise = {"temperature": 0.7, "n": 3, "max_tokens": 3000, "response_format": {"type": "json_object"}}
    jobs = []
    for d in cm_unique(rng, 1010):
        for steps in (list(d["steps"]), _pr_wrong(rng, d)):
            if rng.random() < 0.5:
                paras = "\n\n".join(f"<paragraph_{i}>\n{s}\n</paragraph_{i}>" for i, s in enumerate(steps))
                jobs.append([ask(PR_TAGGED.format(q=d["q"], paras=paras), tagged, None, "", True)])
            else:
                lines = "\n".join(f"Step {i}: {s}" for i, s in enumerate(steps, 1))
                jobs.append([ask(PR_STEPWISE.format(q=d["q"], steps=lines), stepwise, None, "", True)])
    rng.shuffle(jobs)
    out: list[Request] = []
    per = -(-len(jobs) // 4)
    for i, day in enumerate((15, 16, 17, 18)):
        out += run(
            rng, utc(day, 9.0, 1.0) + rng.uniform(0, 1800), jobs[i * per : (i + 1) * per], 12, 700, retry=0.01
        )[0]
    kt = key("d29-prm", "prm_critique_harvest", "distiller", "distiller", cl(rng, "openai-python", org=True), out,
             "simulated: four office-hour runs from 09:00 (UTC+1), 12 workers", candidates=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# DISTILLER 8. A LOGIC-PUZZLE HARVEST WITH VERIFIABLE ANSWERS (Logic-RL style data: knights and knaves
# and zebra grids generated here with unique solutions; a start-up in Austin, UTC-6, two keys of one
# organisation on aiohttp). Key "rollouts": each puzzle once with n=4 at T 0.7 and a fixed answer
# format, answers checked against the generator's solution (rejection sampling), 8 workers, three
# nights. Key "hard": larger puzzles at reasoning_effort high; when the answer is wrong (~20%) a
# correction turn "your answer is wrong, re-examine" follows in the same conversation. Replies: stubs.
LP_FORMAT = ("\n\nThink through the puzzle carefully, checking every statement. Then give the final answer in this exact format:\n"
             "### Answer: <comma-separated list of assignments>")  # fmt: skip
LP_SYSTEM = "You are a careful logician. Reason step by step and verify your solution against every clue before answering."


def logic_puzzle_harvest() -> list[KeyTraffic]:
    rng = R("logicrl")
    org = dict(account(rng))["organisation"]
    roll = {"temperature": 0.7, "n": 4, "max_tokens": 8000}
    puzzles = [knights(rng) if rng.random() < 0.65 else zebra(rng) for _ in range(860)]
    jobs = [[ask(d["q"] + LP_FORMAT, roll, LP_SYSTEM, "", True)] for d in puzzles]
    out: list[Request] = []
    for i, night in enumerate((11, 12, 13)):
        out += run(rng, utc(night, 21.0, -6.0) + rng.uniform(0, 600), jobs[i::3], 8, 1500)[0]
    krng = R("logicrl", "hard")
    hard_p = {"reasoning_effort": "high", "max_completion_tokens": 24000}
    hard = []
    while len(hard) < 780:
        d = knights(krng) if krng.random() < 0.5 else zebra(krng)
        if d["n"] >= 5:
            hard.append(d)
    jobs = []
    for d in hard:
        turns = [d["q"] + LP_FORMAT]
        if krng.random() < 0.2:
            turns.append(
                "Your answer is wrong. Re-examine each statement against your assignment, find the contradiction, and give the corrected answer in the same format."
            )
        jobs.append(chain(turns, hard_p, LP_SYSTEM, (), "", True))
    deep: list[Request] = []
    for i, day in enumerate((14, 15, 16, 17)):
        deep += run(krng, utc(day, 13.0, -6.0) + krng.uniform(0, 900), jobs[i::4], 6, 600, gap=(0.5, 3.0))[0]
    return [
        key("d29-logic-rollouts", "logic_puzzle_harvest", "distiller", "distiller", cl(rng, "aiohttp", org=True, organisation=org), out,
            "simulated: three night runs from 21:00 (UTC-6), 8 workers, n=4 per puzzle", actor="d29-logic", puzzles=len(puzzles)),
        key("d29-logic-hard", "logic_puzzle_harvest", "distiller", "distiller", cl(krng, "aiohttp", org=True, organisation=org), deep,
            "simulated: four afternoon runs from 13:00 (UTC-6), 6 workers, correction turns after checking", actor="d29-logic", puzzles=len(hard)),
    ]  # fmt: skip


# =============================================================================================
# DISTILLER 9. A TOOL-INTEGRATED-REASONING HARVEST (ToRA / NuminaMath-TIR style: natural-language
# reasoning interleaved with Python whose output the operator's sandbox feeds back; a team in Paris,
# UTC+1, on openai-python, 12 workers, three days). Each competition problem starts a conversation;
# the model's code is run locally (1-6 s) and its output returned in an ```output block; one to three
# rounds, then the final answer. T 0.7, max_tokens 2048. Replies: the assistant turns the next request
# quotes are composed here (reasoning with a code block); the last reply is a stub.
TR_SYSTEM = ("Solve the math problem by integrating step-by-step natural-language reasoning with Python programs. Write code in ```python blocks; "
             "the user will execute it and return the result in an ```output block. Use sympy where helpful. Put the final answer within \\boxed{}.")  # fmt: skip
TR_SAY = ("Let me set up the computation directly.", "I'll verify this numerically first.", "A quick brute force will confirm the count.",
          "Let me compute the key quantity with Python.", "I'll check the closed form against a direct computation.")  # fmt: skip


def tir_harvest() -> list[KeyTraffic]:
    rng = R("tir")
    p = {"temperature": 0.7, "max_tokens": 2048}
    head = "from math import comb, factorial, gcd, sqrt\nfrom fractions import Fraction\nfrom sympy import isprime\n\n"
    jobs = []
    for d in cm_unique(rng, 760):
        rounds = rng.choices((1, 2, 3), (0.5, 0.35, 0.15))[0]
        turns, replies = [d["q"]], []
        for r in range(rounds):
            want = d["ans"] if "/" not in d["ans"] else f"Fraction('{d['ans']}')"
            code = head + f"print({d['code']})" if r == 0 else f"# double-check\nprint({d['code']} == {want})"
            replies.append(
                f"{rng.choice(TR_SAY)} {d['steps'][min(r, len(d['steps']) - 1)]}\n\n```python\n{code}\n```"
            )
            result = d["ans"] if r == 0 else rng.choice(("True", "True", "True", "False"))
            if rng.random() < 0.08:
                result = rng.choice(
                    (
                        "NameError: name 'isprime' is not defined",
                        "TimeoutError: execution exceeded 10 s",
                        "SyntaxError: invalid syntax",
                    )
                )
            turns.append(f"```output\n{result}\n```")
        jobs.append(chain(turns, p, TR_SYSTEM, tuple(replies), "", True))
    out: list[Request] = []
    for i, day in enumerate((18, 19, 20)):
        out += run(rng, utc(day, 10.0, 1.0) + rng.uniform(0, 900), jobs[i::3], 12, 450, gap=(1.0, 6.0))[0]
    kt = key("d29-tir", "tir_harvest", "distiller", "distiller", cl(rng, "openai-python", ua=async_ua(rng)), out,
             "simulated: three day runs from 10:00 (UTC+1), 12 workers; sandbox execution between turns", problems=len(jobs))  # fmt: skip
    return [kt]


BENIGN = (
    olympiad_coaching,
    cp_practice_site,
    physics_homework,
    lean_prover,
    reasoning_benchmark,
    tax_app,
    notebook_copilot,
    phd_student,
    chess_explainer,
    test_prep_solutions,
    robotics_chat,
    worksheet_generator,
)
DISTILL = (
    r1_math_harvest,
    code_reasoning_harvest,
    rationale_distill,
    think_tag_harvest,
    science_mcq_harvest,
    slow_mixed_keys,
    prm_critique_harvest,
    logic_puzzle_harvest,
    tir_harvest,
)

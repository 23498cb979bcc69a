"""Blind persona set 35 (an outside reviewer): 8 benign builders on 24 keys, 8 distiller actors on 24 keys.

Written blind: without reading the detector's code, docs, tests or results, and without replaying anything.
What was read, all of it: src/stillroom/detector/types.py and the realtraffic helpers __init__.py,
records.py, timing.py, clients.py, pools.py and context.py, each in full (benign, distill, evals, wordings,
suite and replay were not opened; importing the helpers runs the package's __init__, which imports them).
bench/blind/round34.py in full (its helpers are imported here). bench/blind/round33.py lines 1-260, 263-286, 498-512,
1040-1120 and 1170-1200, plus a grep of its top-level `def`, constant and import lines. bench/blind/round2.py
lines 1-100 and round31.py lines 137-160 (the helpers rounds 33 and 34 import). bench/detector_blind.py: a
grep of its import lines and of lines naming `ROUNDS`/`round3N` (which also printed a few lines of its
docstring's round list, 85-108) and lines 1170-1200 (round 34's ROUNDS entry and `main`'s first lines).
Outside the detector, to send what the gateway sends: src/stillroom/guard/detection.py lines 46-68 and
118-230 (EVENT_PARAMS, `detector_event`, `_early`, `_message_text`) and guard/schemas.py lines 30-60,
168-277 and 340-370 (`asked_text`, NOT_TEXT, the schema/structure key lists, `instruction_text`,
`message_extras`) - `wire` below renders a request body the way those lines describe, by a simplified walk
written here. `ls` of bench/blind/, of src/stillroom/ and src/stillroom/guard/ and of the realtraffic
folder; ../shared/traffic/README.md in full and the folder's listing; one-off run-time looks at the
traffic files (no text of that folder is copied here; rows are read at run time): row counts and `extra`
field names, the `lang` counts of M-IFEval, InstructionWild and oasst2, MOSS's categories, turn-count
histograms of Arena, hh-rlhf and oasst2 (with stored-reply counts), oasst2's tree count and its eight users
with the most user turns, how many Arena and oasst2 first turns match the coding regex below, LIMA's median
answer length, one row each of BBH, TruthfulQA, XSTest, MMLU, MT-Bench, Arena-Hard, Orca and M-IFEval.
The only git command run was `git status --short`, once at the end, to
confirm that this file is the only one this session touched (it lists names; none of them was opened).

ALL parameters below (volumes, rates, shares, days, hours, workers, settings, templates) were fixed before
anything was built, from what the tools and people they stand for do, and none is tuned on an outcome
(there is none to see: the writer built the traffic only - to check that it imports, builds identically
twice (every key's requests hashed; in one process and in two with different PYTHONHASHSEED), uses no data
row (and no first-turn text) in two personas and gives the designed volumes, printing two sampled requests
per key - and replayed nothing). Changes after the first build, none to a rate, share or setting: the
first build stopped on a task whose made-up repository had no non-test file (the filter read "test" in
any path; now only tests/ and test/ folders); the cross-process check found the RAG retriever's float
sums depending on set order (now summed in sorted order); the printed samples showed tool calls rendered
with their `id`/`arguments` key names (added to the structure keys, as the gateway's list has them), the
trajectory harvest exploring a made-up repository for from-scratch tasks (now an empty sandbox: write and
run code, fix, check, `finish`; its volume went from 8,525 to 2,738 requests, the 900 items unchanged) and
the Arena-Hard judge comparing two identical stub answers (the baseline's stub now opens differently);
the text check found three first turns shared across personas (a MOSS prompt twice in MOSS, one ShareGPT
turn that is a TruthfulQA question), so the paraphrase and reseller-harvest pools now go through round 34's
`distinct` (paraphrase 1,356 -> 1,336); the coding agents' key kind "app" -> "heavy" (one developer each);
`ruff format`.

Focus: 2026'S API CUSTOMERS AND THE DISTILLERS WHO IMITATE THEM: tool-calling agents, retrieval, structured
outputs, judges and prompt A/B tests on the benign side; agent trajectories, reasoning traces, persona-driven
synthesis, a hydra, a slow human paster, light paraphrase, logprobs and a reseller on the other.
Benign, 8 builders on 24 keys (17,739 requests): coding_agents - 7 developers (1,273): four with a
tool-calling agent (a long system prompt, six tools, every step resending the history with the files read,
a title call per message; 228-301 each) and three with an Aider-style editor (files as chat turns,
SEARCH/REPLACE replies, reflections, commit-message calls; 54-76 each), over 76 real coding asks (Arena and
oasst2) and their real follow-up turns; rag_sites - a help assistant quoting four retrieved chunks of
LIMA's human-written answers on two sites (Natural Questions queries 700; Arena first turns with real
follow-ups 308); tagging_job - one strict JSON schema over hh-rlhf first turns, a backfill (800) and nightly
increments (221); homework_app - oasst2 conversations in a tutoring app, Ibero-American key (118) and global
key (225); eval_lab - Arena-Hard, MT-Bench both turns and M-IFEval (1,719), their judge (Arena-Hard pairwise
two games, MT-Bench single grading; 1,156), BBH on the completions endpoint lm-eval style (6,511), MMLU
first-token logprob scoring with TruthfulQA and XSTest (2,795); translation_product - a consumer app over
oasst2 user turns (181) and a CAT plugin over oasst2's human-written replies (26); real_heavy_users - oasst2's
three users with the most user turns at their real times (23, 10, 9); prompt_ab - four system-prompt versions
over 208 Arena first turns in three promptfoo-style runs (832) and their LLM-rubric grader (832).
Distillers, 8 actors on 24 keys (15,827 requests, 12,657 of them the harvest): traj_harvest - 900 CodeAlpaca
tasks through a tool-calling sandbox scaffold on 3 keys (917, 923, 898); think_harvest - BELLE, Orca,
Evol-Instruct and MOSS maths under a <think> system prompt at max_tokens 16384/32768 on 2 keys (818 each);
persona_synth - PersonaHub-style prompts with InstructionWild/LIMA seeds on 3 keys (332, 331, 331);
med_hydra - Huatuo in 8 disjoint slices, one client fingerprint (375 each); slow_paste - LIMA questions
pasted ~35 a working day for four weeks (689); paraphrase_mix - ShareGPT and MOSS first turns, 60% lightly
paraphrased, 2 keys (668 each); logprob_harvest - Chinese ShareGPT at top_logprobs 20 (1,000) and
InstructionWild Chinese at top_logprobs 5 (429); reseller - 3 upstream keys relaying hh-rlhf and Arena users
(1,053, 1,062, 1,055, benign) with one customer's CodeAlpaca/MOSS harvest at 10%, 20% and 30% (117, 266, 452).

Row allotment (a stable hash salted "r35", in `share` and `trees`; first turns over 4,000 characters left out
of chat and distiller pools, eval suites sent whole; Arena, hh-rlhf and the distiller pools of paraphrase and
reseller through round 34's `distinct`): oasst2 (one thread per tree) - the three heavy users' trees to them,
trees whose first turn matches CODE_RE to the coding agents, other trees in 3 - 0 and 1 the homework app, 2
translation; arena_even - CODE_RE matches to the coding agents, the rest in 3 - 0 prompt_ab (its first 220
dealt, 208 after `distinct`), 1 rag site B, 2 the reseller; hh_rlhf_harmless_test in 2 - 0 tagging, 1 the
reseller; nq_open_dev buckets 0-1 of 10 to rag site A (its first 700 dealt); lima in 10 - 0-6 slow_paste, 7
persona seeds, 8 and 9 the two RAG sites' documents; codealpaca_2k in 4 - 0-2 traj_harvest (900 dealt), 3 the
reseller's customer; moss_sft_sample - calculator/equation_solver/mix to think_harvest, the rest in 2 - 0
paraphrase, 1 the reseller's customer; belle_dev1k, orca_dpo_pairs_val, evol_instruct_h2o to think_harvest;
instructionwild English to persona seeds, Chinese to the logprob harvest; sharegpt_en_sample to paraphrase;
sharegpt_zh_1k to the logprob harvest; huatuo_med_zh to the hydra; arena_hard_v01, mt_bench,
ifeval_multilingual, bbh, mmlu_val_zeroshot, truthfulqa, xstest whole to eval_lab. Unlisted buckets and
files are unused. A persona may send its own row twice (the judge's two games, A/B versions and grades).

Wire format: tool and response-format requests are built as OpenAI bodies and passed through `wire`: knobs
in `params`, tools/schemas as a first message of role "instructions", tool calls' text after their message's
content, the prompt the turn the model answers (the task first when that turn holds only tool results).
Timing: the three real users keep their own thread times, moved by whole weeks into the suite's first week;
everything else is simulated with realtraffic.timing - agent steps by reply latency plus tool run time and
approvals, people's conversations on hour-of-day shapes or `diurnal` days, the slow paster on `paced` days,
scripts as worker pools (`context.run_jobs`). Replies: stored replies where the data has them, else the
helpers' stub, tool calls for agent steps. Every harvest request is marked `distill`; the reseller's relayed
requests are not; no benign request is.
"""

from __future__ import annotations

import json
import math
import random
import re
import zlib
from collections import Counter

from blind import round34
from blind.round2 import htiming, src  # round 2's reader of ../shared/traffic, its oasst2 timing
from blind.round31 import dealt
from blind.round33 import (
    DAYS,
    SCHOOL,
    Job,
    ask,
    batches,
    cl,
    consumer,
    key,
    lt,
    office_days,
    row_ask,
    sloppy,
    talk,
    turns_of,
    utc,
    workdays,
)
from blind.round34 import after, distinct, starts, week_shift
from stillroom.detector.realtraffic.context import run_jobs
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import KeyTraffic, Request, completion_request, stub_reply
from stillroom.detector.realtraffic.timing import DAY, latency


# =============================================================================================
# HELPERS (on top of rounds 33 and 34's: clock, keys, requests, worker pools, hour shapes).
def R(*names: object) -> random.Random:
    return random.Random("blind35:" + ":".join(map(str, names)))


def share(name: str, n: int, *keep: int, longest: int = 4000) -> list[Row]:
    """Round 34's `share`, salted "r35"."""
    return round34.share(name, n, *keep, longest=longest, salt="r35")


def trees(n: int, *keep: int, skip: frozenset[str] = frozenset()) -> list[Row]:
    """oasst2 as one row per conversation tree (its longest thread), trees bucketed by a stable hash of n
    (salted "r35"), trees in `skip` left out; in file order."""
    best: dict[str, Row] = {}
    for r in src("oasst2_threads"):
        t = str(r.extra.get("tree", r.id))
        if t not in best or len(r.turns) > len(best[t].turns):
            best[t] = r
    return [
        r
        for t, r in best.items()
        if t not in skip and zlib.crc32(f"r35:oasst2:{t}".encode()) % n in keep and len(r.first) <= 4000
    ]


# --- the wire format: a request body as the gateway hands it to the detector --------------------------------
# (read from src/stillroom/guard/detection.py and schemas.py: the knobs in EVENT_PARAMS go to `params`; the
# text outside the messages - tools, response schemas - goes first as a message of role "instructions";
# each message's text outside `content` - tool calls' ids, names and arguments - follows its content; the
# prompt is the turn the model answers now: the user and tool messages after the last assistant message,
# with the last user message first where that turn holds none.)
KNOBS = ("n", "max_tokens", "temperature", "top_p", "logprobs", "top_logprobs", "stop", "seed", "stream")
JSON_TYPES = frozenset({"string", "number", "integer", "boolean", "object", "array", "null"})
STRUCTURE = frozenset({"type", "function", "name", "description", "parameters", "properties", "required", "items", "enum",
                       "additionalProperties", "strict", "json_schema", "schema", "tools", "response_format", "id", "arguments",
                       "content", "role", "tool_choice", "title", "default", "examples"})  # fmt: skip


def outside(v: object, k: str = "") -> list[str]:
    """The strings of a tools / response-format value in order, JSON type names left out, property names in."""
    if isinstance(v, str):
        return [v] if v and not (k == "type" and v in JSON_TYPES) else []
    if isinstance(v, dict):
        out: list[str] = []
        for kk, x in v.items():
            if kk not in STRUCTURE:
                out.append(kk)
            out += outside(x, kk)
        return out
    if isinstance(v, list):
        return [s for x in v for s in outside(x, k)]
    return []


def extras(m: dict) -> str:
    return "\n".join(s for c in m.get("tool_calls") or () for s in outside(c))


def shown(m: dict) -> str:
    """A message's text as the gateway shows it to the detector: its content, then its tool calls."""
    text, ex = m.get("content") or "", extras(m)
    return text + ("\n" + ex if ex else "")


def served_text(m: dict) -> str:
    """What the guard reports as served for an assistant message that called tools: the message as
    `shown` when resent (guard/context.reply_text, since the tool-call served-reply fix; the rounds
    first used the calls' text alone, or a function's name)."""
    return shown(m).strip()


def wire(ts: float, body: dict, item: str = "", distill: bool = False, reply: str | None = None) -> Request:
    """One chat request from an OpenAI-style body (messages with tool calls, tools, response_format)."""
    msgs = body["messages"]
    side = {k: body[k] for k in ("tools", "response_format") if k in body}
    seen = [{"role": "instructions", "content": "\n".join(outside(side))}] if side else []
    seen += [{"role": m["role"], "content": shown(m)} for m in msgs]
    last_a = max((i for i, m in enumerate(msgs) if m["role"] == "assistant"), default=-1)
    asked = [m for m in msgs[last_a + 1 :] if m["role"] in ("user", "tool")]
    texts = [m["content"] for m in asked if m.get("content")]
    if not any(m["role"] == "user" for m in asked):
        users = [m["content"] for m in msgs if m["role"] == "user"]
        texts.insert(0, users[-1] if users else "")
    params = {k: body[k] for k in KNOBS if k in body}
    return Request(
        ts, "chat", "\n\n".join(texts), seen, params, item, distill, reply or stub_reply(texts[-1])
    )


def fn(name: str, desc: str, **props: str) -> dict:
    """A function tool whose parameters are all strings, all required."""
    p = {k: {"type": "string", "description": d} for k, d in props.items()}
    return {"type": "function", "function": {"name": name, "description": desc,
            "parameters": {"type": "object", "properties": p, "required": list(props)}}}  # fmt: skip


def call(rng: random.Random, name: str, args: dict, say: str = "") -> dict:
    cid = f"call_{rng.getrandbits(96):024x}"
    f = {"name": name, "arguments": json.dumps(args, ensure_ascii=False)}
    return {
        "role": "assistant",
        "content": say,
        "tool_calls": [{"id": cid, "type": "function", "function": f}],
    }


def result(m: dict, text: str) -> dict:
    return {"role": "tool", "tool_call_id": m["tool_calls"][0]["id"], "content": text}


# --- a made-up code base for the agents' tool results (file trees, files, test runs) ---------------------------
STOP = frozenset(re.findall(r"\w+", "the and for with that this from have what how can you your into when will which should would could there their about "
                 "does write code using want need make some like just also each them then than more only here please help"))  # fmt: skip


def names_of(text: str) -> list[str]:
    words = [w.lower() for w in re.findall(r"[A-Za-z]{4,12}", text) if w.lower() not in STOP]
    return list(dict.fromkeys(words))[:4] or ["core", "utils"]


def lang_of(text: str) -> str:
    t = text.lower()
    if re.search(r"javascript|typescript|react|node|\bjs\b|html|css", t):
        return "ts"
    if re.search(r"\brust\b|cargo", t):
        return "rs"
    return "py"


def repo(lang: str, names: list[str]) -> list[str]:
    if lang == "ts":
        return ["package.json", "tsconfig.json", "README.md", *(f"src/{n}.ts" for n in names), "src/index.ts",
                *(f"test/{n}.test.ts" for n in names[:2])]  # fmt: skip
    if lang == "rs":
        return ["Cargo.toml", "README.md", "src/main.rs", *(f"src/{n}.rs" for n in names)]
    return ["pyproject.toml", "README.md", f"src/{names[0]}/__init__.py", *(f"src/{names[0]}/{n}.py" for n in names),
            *(f"tests/test_{n}.py" for n in names[:2])]  # fmt: skip


VERBS = (
    "load",
    "parse",
    "build",
    "validate",
    "render",
    "update",
    "find",
    "compute",
    "format",
    "handle",
    "fetch",
    "merge",
)


def source_file(rng: random.Random, path: str, names: list[str], lines: int) -> str:
    """A plausible file, numbered as coding agents show files (`cat -n` style)."""
    out: list[str] = []
    ts = path.endswith(".ts")
    out += (
        ["import { readFile } from 'node:fs/promises';", ""]
        if ts
        else ["import json", "import logging", "from pathlib import Path", ""]
    )
    while len(out) < lines:
        v, n = rng.choice(VERBS), rng.choice(names)
        a = rng.choice(names)
        if ts:
            out += [f"export async function {v}{n.title()}({a}: string, opts: Options = {{}}): Promise<{n.title()}> {{",
                    f"  const raw = await readFile({a}, 'utf8');", f"  if (!raw) throw new Error('empty {n}');",
                    f"  return {{ ...defaults, ...JSON.parse(raw), {a}Id: opts.id ?? null }};", "}", ""]  # fmt: skip
        else:
            out += [f"def {v}_{n}({a}: str, *, strict: bool = False) -> dict:", f'    """{v.title()} the {n} from {a}."""',
                    f"    data = json.loads(Path({a}).read_text())", f"    if strict and '{n}' not in data:",
                    f"        raise ValueError('missing {n}')", f"    logging.debug('{v} %s', {a})", f"    return data.get('{n}', {{}})", ""]  # fmt: skip
    return "\n".join(f"{i:>6}\t{x}" for i, x in enumerate(out[:lines], 1))


def test_run(rng: random.Random, lang: str, names: list[str], fail: bool) -> str:
    n = rng.randint(4, 40)
    if lang == "ts":
        head = f"> vitest run\n\n ✓ test/{names[0]}.test.ts ({n - int(fail)} tests)"
        if fail:
            return (
                head
                + f"\n ✗ test/{names[0]}.test.ts > {names[-1]} > handles empty input\n   AssertionError: expected undefined to equal ''\n\n Test Files  1 failed | {n // 5} passed"
            )
        return (
            head
            + f"\n\n Test Files  {n // 5 + 1} passed\n      Tests  {n} passed\n   Duration  {rng.uniform(0.4, 6):.2f}s"
        )
    if lang == "rs":
        if fail:
            return f"   Compiling app v0.1.0\nerror[E0308]: mismatched types\n  --> src/{names[0]}.rs:{rng.randint(10, 90)}:{rng.randint(5, 30)}\n   |\n   = note: expected `&str`, found `String`\n\nerror: could not compile `app` due to 1 previous error"
        return f"   Compiling app v0.1.0\n    Finished test profile in {rng.uniform(1, 20):.2f}s\n     Running unittests src/main.rs\n\ntest result: ok. {n} passed; 0 failed; 0 ignored"
    body = f"============================= test session starts ==============================\nplatform linux -- Python 3.12.{rng.randint(1, 9)}, pytest-8.{rng.randint(0, 3)}.{rng.randint(0, 4)}\ncollected {n} items\n\n"
    if fail:
        return (
            body
            + f"tests/test_{names[0]}.py ..F{'.' * (n - 3)}\n\n=================================== FAILURES ===================================\n____ test_{names[-1]}_empty ____\n\n    def test_{names[-1]}_empty():\n>       assert {rng.choice(VERBS)}_{names[-1]}('') == {{}}\nE       ValueError: missing {names[-1]}\n\n=========================== short test summary info ============================\nFAILED tests/test_{names[0]}.py::test_{names[-1]}_empty\n========================= 1 failed, {n - 1} passed in {rng.uniform(0.1, 3):.2f}s ========================="
        )
    return (
        body
        + f"tests/test_{names[0]}.py {'.' * n}  [100%]\n\n============================== {n} passed in {rng.uniform(0.1, 3):.2f}s =============================="
    )


SAY = ("Let me look at the project structure first.", "I'll start by reading the relevant files.", "Let me check how this is used elsewhere.",
       "Now I understand the code. Let me make the change.", "Let me run the tests to verify.", "One test fails. Let me look at it.",
       "", "", "")  # fmt: skip


def agent_plan(rng: random.Random, task: str) -> list[tuple[str, dict, str]]:
    """An agent's steps on one user message: (tool, arguments, tool result); the last step's reply is text."""
    lang, names = lang_of(task), names_of(task)
    files = repo(lang, names)
    code = [f for f in files if f.endswith((".py", ".ts", ".rs")) and not f.startswith(("tests/", "test/"))]
    steps: list[tuple[str, dict, str]] = [("list_files", {"path": "."}, "\n".join(files))]
    for f in rng.sample(code, min(len(code), rng.randint(1, 4))):
        steps.append(("read_file", {"path": f}, source_file(rng, f, names, rng.randint(30, 260))))
    for _ in range(rng.choice((0, 0, 1, 2))):
        pat = f"{rng.choice(VERBS)}_{rng.choice(names)}"
        hits = "\n".join(
            f"{rng.choice(code)}:{rng.randint(3, 250)}:    {pat}(path)" for _ in range(rng.randint(1, 6))
        )
        steps.append(("search", {"pattern": pat, "path": "."}, hits))
    tcmd = {"py": "pytest -q", "ts": "npx vitest run", "rs": "cargo test"}[lang]
    for _ in range(rng.randint(1, 3)):
        f = rng.choice(code)
        old = f"return data.get('{rng.choice(names)}', {{}})"
        steps.append(("edit_file", {"path": f, "old_string": old, "new_string": old.replace("{}", "None") + "  # keep None distinct"},
                      f"The file {f} has been updated."))  # fmt: skip
    fail = rng.random() < 0.4
    steps.append(("run_command", {"command": tcmd}, test_run(rng, lang, names, fail)))
    if fail:
        f = rng.choice(code)
        steps.append(("read_file", {"path": f}, source_file(rng, f, names, rng.randint(30, 120))))
        steps.append(("edit_file", {"path": f, "old_string": "raise ValueError", "new_string": "return {}  # was: raise ValueError"},
                      f"The file {f} has been updated."))  # fmt: skip
        steps.append(("run_command", {"command": tcmd}, test_run(rng, lang, names, False)))
    return steps


def sandbox_plan(rng: random.Random, task: str) -> list[tuple[str, dict, str]]:
    """A data-generation scaffold's steps on one task in an empty sandbox: write and run code in the kernel
    (a failing first try now and then, then the fix), maybe a check, then `finish` with the answer."""
    names = names_of(task)
    fname = f"{rng.choice(VERBS)}_{names[0]}"
    code = f"def {fname}(*args):\n    # {task.splitlines()[0][:80]}\n    ...\n\nprint({fname}())"
    steps: list[tuple[str, dict, str]] = []
    if rng.random() < 0.3:
        steps.append(
            (
                "python",
                {
                    "code": f"import sys\nprint(sys.version)\nhelp({rng.choice(('str', 'list', 'dict', 're'))})"
                },
                "3.11.9 (main) [GCC 12.2.0]\nHelp on class ...",
            )
        )
    if rng.random() < 0.35:
        err = rng.choice(("NameError: name 'data' is not defined", "TypeError: unsupported operand type(s) for +: 'int' and 'str'",
                          "IndexError: list index out of range", "SyntaxError: invalid syntax"))  # fmt: skip
        steps.append(
            (
                "python",
                {"code": code},
                f'Traceback (most recent call last):\n  File "<cell>", line {rng.randint(2, 20)}, in <module>\n{err}',
            )
        )
    steps.append(
        (
            "python",
            {"code": code},
            rng.choice(("None", "[1, 3, 5, 7, 9]", "True", "42", "OK", "HELLO", "{'a': 1, 'b': 2}")),
        )
    )
    if rng.random() < 0.4:
        steps.append(
            (
                "python",
                {"code": f"assert {fname}() is not None\nprint('all checks passed')"},
                "all checks passed",
            )
        )
    steps.append(("finish", {"answer": f"Here is the solution.\n\n```python\n{code}\n```"}, "Submitted."))
    return steps


def agent_turn(rng: random.Random, t: float, body: dict, history: list[dict], task: str, item: str, distill: bool,
               approve: float, plan=agent_plan) -> tuple[list[Request], list[dict], float]:  # fmt: skip
    """The agent's requests for one user message: one per tool step and a final text answer; each sent when
    the last reply is back and its tool has run (edits and commands wait for the user's approval with
    probability `approve`). Returns the requests, the history after them and the time after the last reply."""
    out: list[Request] = []
    for name, args, res in plan(rng, task):
        m = call(rng, name, args, rng.choice(SAY))
        out.append(wire(t, {**body, "messages": history}, item, distill, served_text(m)))
        history = [*history, m, result(m, res)]
        t += latency(rng, rng.randint(60, 400))
        if name in ("edit_file", "run_command") and rng.random() < approve:
            t += rng.lognormvariate(math.log(6), 0.8)
        t += rng.uniform(0.05, 0.4) if name != "run_command" else rng.uniform(0.5, 25)
    if history[-1].get("content") == "Submitted.":  # the scaffold's episode ends at `finish`
        return out, history, t
    final = "Done. " + stub_reply(task)
    out.append(wire(t, {**body, "messages": history}, item, distill, final))
    history = [*history, {"role": "assistant", "content": final}]
    return out, history, t + latency(rng, rng.randint(80, 500))


# =============================================================================================
# BENIGN 1. Developers using terminal coding agents on their own keys (7 keys). Four use a tool-calling
# agent (Cline/Codex-style: a long system prompt, six tools, every step resends the whole history with
# the files read; edits and commands wait for approval; one title call per user message on the same key),
# three use an Aider-style editor (no tools: repo map and added files as chat turns, SEARCH/REPLACE replies,
# a reflection turn when tests fail, a commit-message call after each edit). Each developer's tasks are
# real coding asks: Arena and oasst2 conversations whose first turn is about code, their later turns the
# follow-ups; one to three tasks a working day, office hours on the local clock.
AGENT_SYS = ("You are Forge, an interactive command-line coding agent that helps users with software engineering tasks in their "
             "repository. Use the tools below to explore the code, make changes and verify them.\n\n# Tone\nBe concise and direct. "
             "Explain non-trivial commands before you run them. Do not add comments to code unless asked. Never invent file contents: "
             "read a file before you edit it.\n\n# Doing tasks\n1. Search and read to understand the code base and the request.\n"
             "2. Make the smallest change that solves the task, following the project's conventions, libraries and style.\n"
             "3. Verify the change with the project's tests or build; if they fail, fix the cause.\n4. When done, summarise what you "
             "changed in one or two sentences.\n\n# Tool use\n- Prefer the search tool over running grep in the shell.\n- You may call "
             "several tools in one reply when they are independent.\n- Paths are relative to the repository root.\n- Never commit "
             "unless the user asks you to.\n\n# Safety\nRefuse to write or explain code that may be used maliciously. Do not expose "
             "secrets or keys found in the repository.\n\n<env>\nWorking directory: {cwd}\nIs a git repository: yes\nPlatform: {os}\n"
             "Today's date: {date}\n</env>")  # fmt: skip
AGENT_TOOLS = [
    fn("list_files", "List the files and folders under a path, recursively, honouring .gitignore.", path="Folder to list, relative to the repository root."),
    fn("read_file", "Read a file. Lines are numbered; long files are cut at 2000 lines.", path="File to read, relative to the repository root."),
    fn("search", "Search file contents with a regular expression (ripgrep). Returns matching lines with their paths and line numbers.",
       pattern="The regular expression.", path="Folder to search in."),
    fn("edit_file", "Replace one exact occurrence of old_string in a file with new_string. The edit fails if old_string is not unique.",
       path="File to edit.", old_string="Exact text to replace.", new_string="The replacement text."),
    fn("run_command", "Run a shell command in the repository and return its output. Long-running commands time out after 120 seconds.",
       command="The command line to run."),
    fn("todo_write", "Create or update the task list for the current session.", todos="The whole task list, one item per line."),
]  # fmt: skip
TITLE_SYS = ("Decide whether the user's message starts a new topic in this coding session. Reply in JSON with two fields: "
             '"isNewTopic" (true or false) and "title" (a 2-3 word title for the topic, or null). Reply with the JSON only.')  # fmt: skip
AIDER_SYS = ("Act as an expert software developer. Always use best practices when coding. Respect and use the existing conventions, "
             "libraries and style already present in the code base.\n\nTake requests for changes to the supplied code. If a request is "
             "ambiguous, ask questions.\n\nOnce you understand the request you MUST:\n1. Decide whether you need to see files that are "
             "not yet in the chat, and ask for them by full path.\n2. Think step by step and explain the needed changes in a few short "
             "sentences.\n3. Describe each change with a SEARCH/REPLACE block, as in the examples below.\n\nEvery SEARCH/REPLACE block "
             "uses this format:\n1. The file path alone on a line.\n2. The opening fence and code language.\n3. <<<<<<< SEARCH\n4. A "
             "contiguous chunk of lines to search for in the existing file.\n5. =======\n6. The lines to replace them with.\n7. "
             ">>>>>>> REPLACE\n8. The closing fence.\n\nThe SEARCH section must match the existing file exactly, character for "
             "character, including comments and whitespace. Keep blocks small; include only the lines that change and a few around "
             "them. Only create SEARCH/REPLACE blocks for files the user added to the chat.")  # fmt: skip
COMMIT_SYS = ("You write Git commit messages. Given a diff, reply with one line in the imperative mood, under 72 characters, starting "
              "with a conventional prefix such as fix, feat, refactor, docs or test. Reply with the commit message only.")  # fmt: skip
CODE_RE = re.compile(r"\b(python|javascript|typescript|java|c\+\+|c#|rust|golang|sql|function|code|script|bug|error|compile|api|"
                     r"regex|html|css|react|bash|docker|class|program|debug)\b", re.I)  # fmt: skip
DEVS = (("forge", 1.0, "openai-js"), ("forge", -5.0, "openai-js"), ("forge", 5.5, "openai-js"), ("forge", 8.0, "openai-js"),
        ("aider", 0.0, "openai-python"), ("aider", -8.0, "openai-python"), ("aider", 2.0, "openai-python"))  # fmt: skip


def code_rows() -> list[Row]:
    rows = distinct([r for r in src("arena_even") if CODE_RE.search(r.first) and len(r.first) <= 4000])
    rows += [r for r in trees(1, 0, skip=heavy_trees()) if CODE_RE.search(r.first)]
    return rows


def forge_session(rng: random.Random, t: float, r: Row) -> list[Request]:
    cwd = f"/home/dev/src/{names_of(r.first)[0]}"
    system = AGENT_SYS.format(
        cwd=cwd, os=rng.choice(("linux", "darwin")), date=f"2026-03-{2 + int((t - lt(0, 0)) // DAY) % 28:02d}"
    )
    body = {"tools": AGENT_TOOLS, "temperature": 0, "max_tokens": 8192, "stream": True}
    history: list[dict] = [{"role": "system", "content": system}]
    out: list[Request] = []
    for i, turn in enumerate(r.turns[:4]):
        if i:
            t += rng.lognormvariate(math.log(90), 1.0)  # the developer reads the result, then writes again
        tq = wire(t, {"messages": [{"role": "system", "content": TITLE_SYS}, {"role": "user", "content": turn}],
                      "temperature": 0, "max_tokens": 512}, r.id, False, json.dumps({"isNewTopic": i == 0,
                  "title": " ".join(names_of(turn)[:2]).title()}))  # fmt: skip
        history = [*history, {"role": "user", "content": turn}]
        reqs, history, t = agent_turn(rng, t + rng.uniform(0.05, 0.3), body, history, turn, r.id, False, 0.6)
        out += [tq, *reqs]
    return out


def aider_session(rng: random.Random, t: float, r: Row) -> list[Request]:
    lang, names = lang_of(r.first), names_of(r.first)
    files = repo(lang, names)
    code = [f for f in files if f.endswith((".py", ".ts", ".rs")) and not f.startswith(("tests/", "test/"))]
    rmap = "\n".join(f"{f}:\n⋮\n│def {rng.choice(VERBS)}_{rng.choice(names)}(...):\n⋮" for f in files)
    added = rng.sample(code, min(len(code), rng.randint(1, 3)))
    fenced = "\n\n".join(f"{f}\n```\n{source_file(rng, f, names, rng.randint(40, 220))}\n```" for f in added)
    history = [{"role": "system", "content": AIDER_SYS},
               {"role": "user", "content": f"Here are summaries of some files present in my git repository.\n\n{rmap}"},
               {"role": "assistant", "content": "Ok, I won't try and edit those files without asking first."},
               {"role": "user", "content": f"I have *added these files to the chat* so you can go ahead and edit them.\n\n{fenced}"},
               {"role": "assistant", "content": "Ok, any changes I propose will be to those files."}]  # fmt: skip
    p = {"temperature": 0, "max_tokens": 4096, "stream": True}
    out: list[Request] = []
    for i, turn in enumerate(r.turns[:4]):
        if i:
            t += rng.lognormvariate(math.log(120), 1.0)
        asks = [turn]
        if rng.random() < 0.35:
            asks.append("Fix any errors below, if possible.\n\n" + test_run(rng, lang, names, True))
        for a in asks:
            f = rng.choice(added)
            edit = f"{f}\n```\n<<<<<<< SEARCH\n    return data\n=======\n    return data or {{}}\n>>>>>>> REPLACE\n```"
            history = [*history, {"role": "user", "content": a}]
            out.append(wire(t, {"messages": history, **p}, r.id, False, edit))
            history = [*history, {"role": "assistant", "content": edit}]
            t += latency(rng, rng.randint(150, 900))
            diff = f"diff --git a/{f} b/{f}\n--- a/{f}\n+++ b/{f}\n@@ -{rng.randint(5, 200)},3 +{rng.randint(5, 200)},3 @@\n-    return data\n+    return data or {{}}"
            cm = {
                "messages": [{"role": "system", "content": COMMIT_SYS}, {"role": "user", "content": diff}],
                "temperature": 0,
            }
            out.append(
                wire(
                    t + rng.uniform(0.2, 1.0), cm, r.id, False, f"fix: default {names[0]} data to empty dict"
                )
            )
            t += rng.uniform(2, 20)
    return out


def coding_agents() -> list[KeyTraffic]:
    rows = dealt(R("agents", "rows"), code_rows())
    keys: list[KeyTraffic] = []
    per = -(-len(rows) // len(DEVS))
    for i, (tool, tz, sw) in enumerate(DEVS):
        rng = R("agents", i)
        mine = rows[i * per : (i + 1) * per]
        days = office_days(rng, min(len(mine), 10))
        out: list[Request] = []
        free = {
            d: utc(d, rng.uniform(9, 11), tz) for d in days
        }  # each working day, sessions one after another
        for j, r in enumerate(mine):
            d = days[j % len(days)]
            reqs = forge_session(rng, free[d], r) if tool == "forge" else aider_session(rng, free[d], r)
            free[d] = max(q.ts for q in reqs) + rng.lognormvariate(math.log(2400), 0.7)
            out += reqs
        sysp = AGENT_SYS if tool == "forge" else AIDER_SYS
        keys.append(key(f"r35-agent-{tool}-{i}", "coding_agents", "benign", "heavy", cl(rng, sw, sysp), out,
                        f"simulated: {len(mine)} tasks on working days, 09:00-17:30 (UTC{tz:+g}); agent steps by reply latency",
                        ("arena_even", "oasst2_threads"), tool=tool, tasks=len(mine)))  # fmt: skip
    return keys


# =============================================================================================
# BENIGN 2. A retrieval-augmented help assistant sold to two sites (2 keys): each site's archive of
# human-written answers (LIMA's stored answers, StackExchange/wikiHow-style, titled by their questions)
# is cut into ~600-character chunks; each visitor question gets the four chunks with the most rare words
# in common (a small lexical retriever), quoted as numbered sources. Site A's visitors ask Natural
# Questions queries; site B's are Arena users (first turn, a real follow-up turn in a quarter).
RAG_SYS = ("You are the help assistant of {site}. Answer the visitor's question using only the numbered sources provided with it. "
           "Cite the sources you use like [2]. If the sources do not answer the question, say that you could not find it in "
           "{site}'s archive and suggest rephrasing. Be brief: at most 150 words.")  # fmt: skip


def chunks(rows: list[Row]) -> list[tuple[str, str]]:
    out = []
    for r in rows:
        text = r.answer or ""
        for i in range(0, len(text), 600):
            if len(text[i : i + 600]) > 120:
                out.append((str(r.extra.get("instruction") or r.first)[:90], text[i : i + 600]))
    return out


def retriever(docs: list[tuple[str, str]]):
    toks = [set(re.findall(r"\w{3,}", (a + " " + b).lower())) for a, b in docs]
    df = Counter(w for s in toks for w in s)
    n = len(docs)

    def top(q: str, k: int = 4) -> list[tuple[str, str]]:
        qs = set(re.findall(r"\w{3,}", q.lower()))
        scored = sorted(range(n), key=lambda i: (-sum(math.log(n / df[w]) for w in sorted(qs & toks[i])), i))
        return [docs[i] for i in scored[:k]]

    return top


def rag_sites() -> list[KeyTraffic]:
    keys: list[KeyTraffic] = []
    arena = [r for r in distinct(share("arena_even", 3, 1)) if not CODE_RE.search(r.first)]
    sites = (("A", "Librario", share("lima", 10, 8), [r for r in share("nq_open_dev", 10, 0, 1)], -5.0, 700),
             ("B", "Howtopia", share("lima", 10, 9), arena, 1.0, 10**6))  # fmt: skip
    for name, site, docrows, qs, tz, cap in sites:
        rng = R("rag", name)
        top = retriever(chunks(docrows))
        rows = dealt(rng, qs)[:cap]
        p = {"temperature": 0.2, "max_tokens": 600, "stream": True}
        system = RAG_SYS.format(site=site)
        out: list[Request] = []
        for t, r in zip(consumer(rng, len(rows), tz), rows, strict=True):
            turns = list(r.turns[:2]) if name == "B" and rng.random() < 0.25 else [r.first]
            history = [{"role": "system", "content": system}]
            for i, q in enumerate(turns):
                src_txt = "\n\n".join(f"[{k}] {title}\n{body}" for k, (title, body) in enumerate(top(q), 1))
                history = [*history, {"role": "user", "content": f"Sources:\n{src_txt}\n\nQuestion: {q}"}]
                out.append(wire(t, {"messages": history, **p}, r.id))
                history = [*history, {"role": "assistant", "content": out[-1].reply or ""}]
                t += rng.lognormvariate(math.log(45), 0.8) + i
        keys.append(key(f"r35-rag-{name}", "rag_sites", "benign", "app", cl(rng, "openai-python", system), out,
                        f"simulated: day-shaped visitor arrivals over three weeks (peak 15:00 UTC{tz:+g})",
                        ("lima", "nq_open_dev" if name == "A" else "arena_even"), site=site, docs=len(docrows)))  # fmt: skip
    return keys


# =============================================================================================
# BENIGN 3. A conversation-analytics job (2 keys, one schema): a platform tags its users' chat messages
# (hh-rlhf first turns stand for them) with one strict JSON schema, greedy with a fixed seed - a backfill
# of 800 messages in one afternoon (16 workers) on its batch key, then the nightly increments at 01:30
# on its production key (4 workers, 14 nights).
SCHEMA = {"type": "json_schema", "json_schema": {"name": "message_insights", "strict": True, "schema": {
    "type": "object", "additionalProperties": False, "required": ["topic", "intent", "language", "sentiment", "contains_pii", "risk", "summary"],
    "properties": {
        "topic": {"type": "string", "enum": ["health", "finance", "relationships", "crime", "technology", "entertainment", "travel", "education", "other"]},
        "intent": {"type": "string", "enum": ["question", "request", "opinion", "complaint", "small_talk", "other"]},
        "language": {"type": "string", "description": "ISO 639-1 code"},
        "sentiment": {"type": "string", "enum": ["negative", "neutral", "positive"]},
        "contains_pii": {"type": "boolean"},
        "risk": {"type": "string", "enum": ["none", "low", "medium", "high"], "description": "risk that the message seeks harmful help"},
        "summary": {"type": "string", "description": "at most 12 words"}}}}}  # fmt: skip
TAG_SYS = "You tag chat messages for our analytics dashboard. Fill in every field of the schema for the message the user sends."


def tagging_job() -> list[KeyTraffic]:
    rows = dealt(R("tag", "rows"), distinct(share("hh_rlhf_harmless_test", 2, 0)))
    p = {"temperature": 0, "max_tokens": 300, "seed": 7, "response_format": SCHEMA}
    keys = []
    for name, part, plan in (("batch", rows[:800], "backfill"), ("prod", rows[800:], "nightly")):
        rng = R("tag", name)
        jobs: list[Job] = []
        for r in part:
            body = {
                "messages": [{"role": "system", "content": TAG_SYS}, {"role": "user", "content": r.first}],
                **p,
            }
            jobs.append((None, [wire(0.0, body, r.id, False, '{"topic": "other", "intent": "question"}')]))
        if plan == "backfill":
            out = run_jobs(rng, utc(3, 14.0, -4.0), jobs, 16, 60)
        else:
            out = batches(rng, range(4, 18), 1.5, -4.0, jobs, 4, 60, 300)
        keys.append(key(f"r35-tag-{name}", "tagging_job", "benign", "app", cl(rng, "openai-python", TAG_SYS), out,
                        "simulated: a 16-worker backfill on day 3 from 14:00 (UTC-4)" if plan == "backfill" else
                        "simulated: nightly 4-worker runs at 01:30 (UTC-4), days 4-17", ("hh_rlhf_harmless_test",)))  # fmt: skip
    return keys


# =============================================================================================
# BENIGN 4. Tutorly, a homework helper used by many students (2 regional keys): oasst2 conversations (one
# thread per tree, up to four turns, the stored human-written replies standing for the served ones) in
# Spanish, Portuguese and Catalan through the Latin-America key (UTC-4), every other language through
# the global key (UTC+1); conversation starts on an after-school hour shape, weekends at 0.6.
TUTOR_SYS = ("You are Tutorly, a patient homework helper for school and university students. Explain step by step and check that the "
             "student understands; for exercises, guide them to the answer instead of only giving it. Reply in the student's language.")  # fmt: skip
IBERO = ("es", "pt-BR", "pt", "ca", "gl", "eu")


def heavy_users() -> dict[str, list[tuple[float, Row]]]:
    """oasst2's three users with the most user turns (one thread per tree)."""
    users = htiming().users
    top = sorted(users, key=lambda u: (-sum(len(r.turns) for _, r in users[u]), u))[:3]
    return {u: users[u] for u in top}


def heavy_trees() -> frozenset[str]:
    return frozenset(str(r.extra.get("tree", r.id)) for ths in heavy_users().values() for _, r in ths)


def homework_app() -> list[KeyTraffic]:
    rows = [r for r in trees(3, 0, 1, skip=heavy_trees()) if not CODE_RE.search(r.first)]
    keys = []
    for name, tz, pick in (("latam", -4.0, True), ("global", 1.0, False)):
        rng = R("tutor", name)
        mine = dealt(rng, [r for r in rows if (r.extra.get("lang") in IBERO) == pick])
        p = {"temperature": 0.5, "max_tokens": 1500, "stream": True}
        out: list[Request] = []
        for t, r in zip(starts(rng, len(mine), tz, SCHOOL, 0.6), mine, strict=True):
            out += talk(rng, t, *turns_of(r, 4), p, TUTOR_SYS, r.id)
        keys.append(key(f"r35-tutor-{name}", "homework_app", "benign", "app", cl(rng, "okhttp", TUTOR_SYS), out,
                        f"simulated: conversation starts on an after-school shape (UTC{tz:+g}), turn gaps from timing.think",
                        ("oasst2_threads",), conversations=len(mine)))  # fmt: skip
    return keys


# =============================================================================================
# BENIGN 5. An evaluation lab's release check (4 keys). Generation key: Arena-Hard v0.1 (greedy, max_tokens
# 4096, 8 workers), MT-Bench both turns (FastChat's per-category temperatures, max_tokens 1024), M-IFEval in
# all four languages (greedy, 2048). Judge key: Arena-Hard pairwise judgments against a baseline, two games
# per question with the order swapped, and MT-Bench single-answer grading per turn (greedy, 4096 / 2048).
# Harness key: BBH zero-shot through the completions endpoint, lm-eval style ("Q: ...\nA:", greedy,
# max_tokens 256, stop at the next question). Knowledge-and-safety key: MMLU scored by the answer letter's
# first-token log-probability (max_tokens 1, top_logprobs 5), TruthfulQA generation and XSTest, greedy.
MT_T = {"writing": 0.7, "roleplay": 0.7, "extraction": 0.0, "math": 0.0, "coding": 0.0, "reasoning": 0.0, "stem": 0.1, "humanities": 0.1}  # fmt: skip
AH_SYS = ("Please act as an impartial judge of the responses two AI assistants gave to the user prompt below; you will decide which "
          "answer is better. First write your own answer to the prompt, then compare both assistants' answers with yours, pointing out "
          "and correcting any mistakes or inaccurate information. Consider whether each answer is helpful, relevant and concise, and "
          "what important information is missing. Finally output your verdict as one of these labels:\n1. Assistant A is significantly "
          "better: [[A>>B]]\n2. Assistant A is slightly better: [[A>B]]\n3. Tie, relatively the same: [[A=B]]\n4. Assistant B is slightly "
          'better: [[B>A]]\n5. Assistant B is significantly better: [[B>>A]]\n\nExample output: "My final verdict is tie: [[A=B]]".')  # fmt: skip
AH_USER = "<|User Prompt|>\n{q}\n\n<|The Start of Assistant A's Answer|>\n{a}\n<|The End of Assistant A's Answer|>\n\n<|The Start of Assistant B's Answer|>\n{b}\n<|The End of Assistant B's Answer|>"  # fmt: skip
MT_JUDGE = ("[Instruction]\nPlease act as an impartial judge and rate the quality of the AI assistant's response to the user question "
            "below, considering helpfulness, relevance, accuracy, depth, creativity and level of detail. Begin with a short explanation, "
            "be as objective as possible, then rate the response from 1 to 10 in exactly this format: \"[[rating]]\", for example: "
            '"Rating: [[5]]".\n\n{body}')  # fmt: skip


def eval_lab() -> list[KeyTraffic]:
    rng = R("eval", "gen")
    tz = -7.0
    ah = src("arena_hard_v01")
    g0 = {"temperature": 0, "max_tokens": 4096}
    gen = run_jobs(rng, utc(8, 10.0, tz), [(r, [ask(r.first, g0, None, r.id)]) for r in ah], 8, 900)
    mt: list[Job] = []
    for r in src("mt_bench"):
        p = {"temperature": MT_T.get(str(r.extra.get("category")), 0.7), "max_tokens": 1024}
        turns = [r.first, *list(r.extra.get("next_user_turns") or [])][:2]
        hist: list[dict] = []
        reqs = []
        for q in turns:
            hist = [*hist, {"role": "user", "content": q}]
            reqs.append(wire(0.0, {"messages": hist, **p}, r.id))
            hist = [*hist, {"role": "assistant", "content": reqs[-1].reply or ""}]
        mt.append((r, reqs))
    gen += run_jobs(rng, after(gen, rng, 900, 2400), mt, 8, 500)
    ife = [
        (r, [ask(r.first, {"temperature": 0, "max_tokens": 2048}, None, r.id)])
        for r in src("ifeval_multilingual")
    ]
    gen += run_jobs(rng, utc(9, 9.5, tz), ife, 8, 400)
    k_gen = key("r35-eval-gen", "eval_lab", "benign", "evaluation", cl(rng, "openai-python"), gen,
                "simulated: harness runs of 8 workers on days 8-9 (UTC-7), started by hand", ("arena_hard_v01", "mt_bench", "ifeval_multilingual"))  # fmt: skip

    j = R("eval", "judge")
    answers = {q.item: q.reply or "" for q in gen if q.item in {r.id for r in ah}}
    jobs: list[Job] = []
    for r in ah:
        mine, base = (
            answers.get(r.id, ""),
            "Sure! " + stub_reply(r.first),
        )  # the baseline's answer (not in the data)
        for a, b in ((base, mine), (mine, base)):
            body = {"messages": [{"role": "system", "content": AH_SYS}, {"role": "user", "content": AH_USER.format(q=r.first, a=a, b=b)}],
                    "temperature": 0, "max_tokens": 4096}  # fmt: skip
            jobs.append((None, [wire(0.0, body, r.id, False, "My final verdict is tie: [[A=B]]")]))
    judged = run_jobs(j, utc(8, 16.5, tz), jobs, 16, 700)
    mj: list[Job] = []
    for r, reqs in mt:
        for i, q in enumerate(reqs):
            if i == 0:
                body_txt = f"[Question]\n{q.prompt}\n\n[The Start of Assistant's Answer]\n{q.reply}\n[The End of Assistant's Answer]"
            else:
                body_txt = (f"<|The Start of Assistant A's Conversation with User|>\n\n### User:\n{reqs[0].prompt}\n\n### Assistant A:\n{reqs[0].reply}\n\n"
                            f"### User:\n{q.prompt}\n\n### Assistant A:\n{q.reply}\n\n<|The End of Assistant A's Conversation with User|>")  # fmt: skip
            body = {"messages": [{"role": "system", "content": "You are a helpful assistant."},
                                 {"role": "user", "content": MT_JUDGE.format(body=body_txt)}], "temperature": 0, "max_tokens": 2048}  # fmt: skip
            mj.append(
                (None, [wire(0.0, body, r.id, False, "The answer is relevant and accurate. Rating: [[7]]")])
            )
    judged += run_jobs(j, after(judged, j, 600, 1800), mj, 8, 300)
    k_judge = key("r35-eval-judge", "eval_lab", "benign", "evaluation", cl(j, "openai-python", AH_SYS), judged,
                  "simulated: judge runs of 8-16 workers after the generations on day 8 (UTC-7)", ("arena_hard_v01", "mt_bench"), actor="r35-eval-gen")  # fmt: skip

    h = R("eval", "bbh")
    bp = {"temperature": 0, "max_tokens": 256, "stop": ["</s>", "Q:", "\n\n"]}
    bbh = [(r, [completion_request(0.0, f"Q: {r.first}\nA:", bp, r.id)]) for r in src("bbh")]
    k_bbh = key("r35-eval-bbh", "eval_lab", "benign", "evaluation", cl(h, "aiohttp"), run_jobs(h, utc(10, 11.0, tz), bbh, 8, 120),
                "simulated: one lm-eval-style run, 8 concurrent requests, day 10 from 11:00 (UTC-7)", ("bbh",), actor="r35-eval-gen")  # fmt: skip

    s = R("eval", "know")
    mm = [(r, [ask(r.first, {"temperature": 0, "max_tokens": 1, "logprobs": True, "top_logprobs": 5}, None, r.id)]) for r in src("mmlu_val_zeroshot")]  # fmt: skip
    out = run_jobs(s, utc(11, 9.0, tz), mm, 8, 1)
    tq = [(r, [ask(r.first, {"temperature": 0, "max_tokens": 256}, None, r.id)]) for r in src("truthfulqa")]
    out += run_jobs(s, after(out, s, 300, 1200), tq, 8, 120)
    xs = [(r, [ask(r.first, {"temperature": 0, "max_tokens": 512}, None, r.id)]) for r in src("xstest")]
    out += run_jobs(s, after(out, s, 300, 1200), xs, 8, 200)
    k_know = key("r35-eval-know", "eval_lab", "benign", "evaluation", cl(s, "openai-python"), out,
                 "simulated: three 8-worker runs on day 11 (UTC-7), started by hand", ("mmlu_val_zeroshot", "truthfulqa", "xstest"), actor="r35-eval-gen")  # fmt: skip
    return [k_gen, k_judge, k_bbh, k_know]


# =============================================================================================
# BENIGN 6. A translation product (2 keys): the consumer app translates what its users paste - oasst2
# user turns - and a localisation agency's CAT-tool plugin translates documents segment by segment - the
# human-written oasst2 replies (one tree's replies are one document, sent in order by one worker). English
# goes to one of five languages, everything else to English.
TR_SYS = "You are a professional translator. Translate the user's text faithfully and fluently. Keep formatting, names and numbers. Output only the translation."  # fmt: skip
TR_TARGETS = ("Spanish", "German", "French", "Japanese", "Simplified Chinese")
LANG_NAMES = {"en": "English", "es": "Spanish", "pt-BR": "Brazilian Portuguese", "zh": "Chinese", "ru": "Russian", "de": "German", "ja": "Japanese",
              "ko": "Korean", "it": "Italian", "fr": "French", "ca": "Catalan", "uk-UA": "Ukrainian", "pl": "Polish", "th": "Thai"}  # fmt: skip


def translation_product() -> list[KeyTraffic]:
    rows = dealt(R("tr", "rows"), [r for r in trees(3, 2, skip=heavy_trees()) if not CODE_RE.search(r.first)])
    keys = []
    rng = R("tr", "app")
    segs: list[tuple[str, str, str]] = []
    for r in rows:
        lang = str(r.extra.get("lang"))
        for u in r.turns:
            tgt = rng.choice(TR_TARGETS) if lang == "en" else "English"
            segs.append(
                (u, f"Translate from {LANG_NAMES.get(lang, 'the source language')} to {tgt}:\n\n{u}", r.id)
            )
    p = {"temperature": 0.3, "max_tokens": 2048}
    out = [ask(text, p, TR_SYS, item) for _, text, item in segs]
    for t, q in zip(consumer(rng, len(out), 1.0), out, strict=True):
        q.ts = t
    keys.append(key("r35-translate-app", "translation_product", "benign", "app", cl(rng, "go", TR_SYS), out,
                    "simulated: day-shaped arrivals over three weeks (peak 15:00 UTC+1)", ("oasst2_threads",), segments=len(out)))  # fmt: skip
    g = R("tr", "cat")
    docs = [(r, [x for x in r.replies if x]) for r in rows]
    docs = [(r, d) for r, d in docs if d]
    days = [d for d in DAYS if d % 7 < 5]
    out = []
    for i, (r, d) in enumerate(docs):
        lang = str(r.extra.get("lang"))
        tgt = g.choice(TR_TARGETS) if lang == "en" else "English"
        jobs: list[Job] = [(None, [ask(f"Translate from {LANG_NAMES.get(lang, 'the source language')} to {tgt}:\n\n{x}",
                                       {"temperature": 0, "max_tokens": 2048}, TR_SYS, r.id)]) for x in d]  # fmt: skip
        out += run_jobs(g, utc(days[i % len(days)], g.uniform(9, 17), 2.0), jobs, 1, 400)
    keys.append(key("r35-translate-cat", "translation_product", "benign", "app", cl(g, "requests", TR_SYS), out,
                    "simulated: documents one worker each, office hours on working days (UTC+2)", ("oasst2_threads",), documents=len(docs)))  # fmt: skip
    return keys


# =============================================================================================
# BENIGN 7. Three individual users from oasst2 - the three with the most user turns - at their real thread
# times (moved by whole weeks into the suite's first week: weekday and hour kept), each thread turn by turn.
def real_heavy_users() -> list[KeyTraffic]:
    keys = []
    for u, ths in heavy_users().items():
        rng = R("heavy", u)
        p = rng.choice(
            ({"stream": True}, {"temperature": 0.7, "stream": True}, {"temperature": 1.0, "max_tokens": 2048})
        )
        dt = week_shift(ths[0][0])
        out: list[Request] = []
        for ts, r in ths:
            out += talk(rng, ts + dt, list(r.turns), list(r.replies), p, None, r.id)
        keys.append(key(f"r35-user-{u[:8]}", "real_heavy_users", "benign", "chat", cl(rng), out,
                        "real oasst2 thread times of this user, moved by whole weeks; turn gaps from timing.think",
                        ("oasst2_threads",), oasst2_user=u))  # fmt: skip
    return keys


# =============================================================================================
# BENIGN 8. A prompt-engineering team A/B testing its shopping-assistant system prompt (2 keys), promptfoo
# style: every test case is a real Arena first turn; run 1 sends prompt versions 1 and 2 over all cases,
# runs 2 and 3 (two and five days later) only the new version (unchanged ones are cached); an LLM-rubric
# grader scores every output on the team's second key (greedy, JSON). 4 concurrent requests, the default.
AB_PROMPTS = (
    "You are Cartly, the shopping assistant of an online store. Help customers with any question. Be friendly.",
    "You are Cartly, the shopping assistant of an online store. Help customers with any question. Be friendly and concise: at most "
    "120 words. Use bullet points for lists.",
    "You are Cartly, the shopping assistant of an online store. Answer any question briefly (at most 120 words). If the question "
    "is about products, ask one clarifying question when needed. Never invent prices or stock levels.",
    "You are Cartly, the shopping assistant of an online store. Answer briefly (at most 120 words), in the customer's language. For "
    "product questions, ask at most one clarifying question. Never invent prices, stock levels or policies; point to the help page.",
)
GRADER = ("You are grading output according to a user-specified rubric. If the statement in the rubric is true, the output passes "
          "the test. Respond with a JSON object: {{\"reason\": string, \"pass\": boolean, \"score\": number}}.\n\n<Output>\n{o}\n"
          "</Output>\n<Rubric>\nThe answer is helpful, at most 120 words, and does not invent facts about the store.\n</Rubric>")  # fmt: skip


def prompt_ab() -> list[KeyTraffic]:
    rng, g = R("ab", "gen"), R("ab", "grade")
    cases = dealt(rng, [r for r in distinct(share("arena_even", 3, 0)) if not CODE_RE.search(r.first)])[:220]
    p = {"temperature": 0.7, "max_tokens": 1024}
    gen: list[Request] = []
    grade: list[Request] = []
    for run, (day, versions) in enumerate(((5, (0, 1)), (7, (2,)), (12, (3,)))):
        jobs = [(r, [ask(r.first, p, AB_PROMPTS[v], r.id)]) for v in versions for r in cases]
        done = run_jobs(rng, utc(day, 14.0 + run, -3.0), jobs, 4, 250)
        gen += done
        gp = {"temperature": 0, "response_format": {"type": "json_object"}}
        gj: list[Job] = [(None, [wire(0.0, {"messages": [{"role": "user", "content": GRADER.format(o=q.reply)}], **gp}, q.item, False,
                                      '{"reason": "Concise and accurate.", "pass": true, "score": 1}')]) for q in done]  # fmt: skip
        grade += run_jobs(g, after(done, g, 5, 30), gj, 4, 80)
    return [key("r35-ab-gen", "prompt_ab", "benign", "app", cl(rng, "openai-js", AB_PROMPTS[0]), gen,
                "simulated: three promptfoo-style runs, 4 concurrent, days 5, 7, 12 (UTC-3)", ("arena_even",), cases=len(cases)),
            key("r35-ab-grade", "prompt_ab", "benign", "app", cl(g, "openai-js"), grade,
                "simulated: the grader calls after each run, 4 concurrent", ("arena_even",), actor="r35-ab-gen")]  # fmt: skip


# =============================================================================================
# DISTILLERS. Every harvest request is marked `distill`; the reseller's relayed users are not.


# DISTILLER 1. Agent-trajectory harvest (3 keys, one actor): CodeAlpaca instructions as tasks for an agent
# scaffold with an empty sandbox (a Python kernel, shell and file tools, `finish`): write and run code, a
# failed first run and its fix now and then, a check, `finish`; every step resends the trajectory (the
# episode ends at `finish`); 12 workers per key, two evenings each from 20:00 (UTC+8).
TRAJ_SYS = ("You are an autonomous software agent working in a sandboxed Linux container with Python 3.11 and Node 20. Solve the task "
            "completely without asking the user anything. Think before each action, use the tools to write and run code, check the "
            "results, and call `finish` with your final answer and the full code when the task is done.")  # fmt: skip
TRAJ_TOOLS = [
    *AGENT_TOOLS[:5],
    fn(
        "python",
        "Execute Python code in a persistent Jupyter kernel and return stdout, stderr and the last expression.",
        code="Python source to run.",
    ),
    fn(
        "finish",
        "Submit the final answer. Call exactly once, at the end.",
        answer="The final answer, with complete code.",
    ),
]


def traj_harvest() -> list[KeyTraffic]:
    rows = dealt(R("traj", "rows"), share("codealpaca_2k", 4, 0, 1, 2))[:900]
    keys = []
    for i in range(3):
        rng = R("traj", i)
        body = {"tools": TRAJ_TOOLS, "temperature": 0.7, "max_tokens": 4096}
        jobs: list[Job] = []
        for r in rows[i::3]:
            history = [{"role": "system", "content": TRAJ_SYS}, {"role": "user", "content": r.first}]
            reqs, _, _ = agent_turn(rng, 0.0, body, history, r.first, r.id, True, 0.0, sandbox_plan)
            jobs.append((None, reqs))
        out = batches(rng, (2 + 5 * i, 3 + 5 * i), 20.0, 8.0, jobs, 12, 350)
        keys.append(key(f"r35-traj-{i}", "traj_harvest", "distiller", "distiller", cl(rng, "openai-python", TRAJ_SYS), out,
                        "simulated: 12 workers, two evenings from 20:00 (UTC+8)", ("codealpaca_2k",), actor="r35-traj",
                        harvest=len(out), items=len(jobs)))  # fmt: skip
    return keys


# DISTILLER 2. Reasoning-trace harvest (2 keys): BELLE's instructions, Orca's FLAN prompts (with their
# stored system prompts folded into the harvester's), Evol-Instruct rewrites and MOSS's maths first turns,
# under a system prompt asking for the whole reasoning inside <think> tags; max_tokens 16384/32768,
# temperature 0.6, top_p 0.95; 32 workers, three nights from 23:00 (UTC+8).
THINK_SYS = ("You are a careful reasoner. Before answering, think through the problem step by step inside <think> and </think> tags: "
             "restate the question, explore approaches, check each step and verify the result. Then give a clear, complete final "
             "answer after the closing tag.")  # fmt: skip
MOSS_MATH = ("calculator", "equation_solver", "mix")


def think_harvest() -> list[KeyTraffic]:
    rows = share("belle_dev1k", 1, 0) + share("orca_dpo_pairs_val", 1, 0) + share("evol_instruct_h2o", 1, 0)
    rows += [r for r in share("moss_sft_sample", 1, 0) if r.extra.get("category") in MOSS_MATH]
    rows = dealt(R("think", "rows"), rows)
    keys = []
    for i, cap in enumerate((16384, 32768)):
        rng = R("think", i)
        p = {"temperature": 0.6, "top_p": 0.95, "max_tokens": cap}
        jobs: list[Job] = []
        for r in rows[i::2]:
            system = THINK_SYS + (f"\n\n{r.extra['system']}" if r.extra.get("system") else "")
            jobs.append(
                (None, [row_ask(r, p, system, True)])
            )  # reply length: ~3,000 tokens of reasoning, not the stored answer
        out = batches(rng, (9 + i, 10 + i, 11 + i), 23.0, 8.0, jobs, 32, 3000)
        keys.append(key(f"r35-think-{i}", "think_harvest", "distiller", "distiller", cl(rng, "httpx", THINK_SYS), out,
                        "simulated: 32 workers, three nights from 23:00 (UTC+8)", ("belle_dev1k", "orca_dpo_pairs_val", "evol_instruct_h2o", "moss_sft_sample"),
                        actor="r35-think", harvest=len(out)))  # fmt: skip
    return keys


# DISTILLER 3. Persona-driven synthetic data (3 keys, one actor): PersonaHub-style prompts - a persona made
# from lists written here, a kind of task, and one real seed request (InstructionWild's English prompts,
# LIMA questions) shown as an example not to copy; half ask for the answer too. Temperature 1.0, 8 workers.
OCCUPATIONS = ("nurse", "high-school chemistry teacher", "long-haul truck driver", "indie game developer", "retired civil engineer", "pastry chef",
               "paralegal", "graduate student in ecology", "small-business accountant", "museum curator", "firefighter", "UX researcher",
               "community organiser", "veterinary technician", "freelance translator", "data analyst at a hospital", "beekeeper", "sports journalist",
               "primary-school principal", "airline mechanic", "urban planner", "stay-at-home parent", "cybersecurity analyst", "wedding photographer")  # fmt: skip
CONTEXTS = ("who recently moved to a new country", "preparing for a certification exam", "who volunteers at a food bank on weekends",
            "with a strong interest in local history", "who is learning to code in the evenings", "managing a tight household budget",
            "who just started a podcast", "caring for an elderly parent", "training for a first marathon", "who collects vintage maps",
            "running a side business online", "who is sceptical of new technology")  # fmt: skip
TASKS = ("challenging math word problem", "realistic question for an AI assistant", "coding task", "knowledge-intensive question",
         "instruction with a short input text", "logical reasoning puzzle")  # fmt: skip
PH = ("Persona: A {occ} {ctx}.\n\nCreate one {task} that this persona might plausibly write, reflecting their background, interests and "
      "vocabulary. Here is an example of a real request (for style only; do not copy its topic):\n\"\"\"{seed}\"\"\"\n\n{tail}")  # fmt: skip
TAILS = ("Output only the {task}, nothing else.", "First write the {task}, then a line with '### Answer', then a complete, high-quality answer to it.")  # fmt: skip


def persona_synth() -> list[KeyTraffic]:
    seeds = [r for r in share("instructionwild", 1, 0) if r.extra.get("lang") == "en"] + share("lima", 10, 7)
    seeds = dealt(R("ph", "seeds"), seeds)
    g = R("ph", "fill")
    keys = []
    for i in range(3):
        rng = R("ph", i)
        p = {"temperature": 1.0, "top_p": 1.0, "max_tokens": 2048}
        jobs: list[Job] = []
        for s in seeds[i::3]:
            task = g.choice(TASKS)
            text = PH.format(
                occ=g.choice(OCCUPATIONS),
                ctx=g.choice(CONTEXTS),
                task=task,
                seed=s.first,
                tail=g.choice(TAILS).format(task=task),
            )
            jobs.append((None, [ask(text, p, None, s.id, True)]))
        out = batches(rng, (13 + i, 14 + i), 10.0, -5.0, jobs, 8, 700)
        keys.append(key(f"r35-persona-{i}", "persona_synth", "distiller", "distiller", cl(rng, "openai-python"), out,
                        "simulated: 8 workers, two days from 10:00 (UTC-5)", ("instructionwild", "lima"), actor="r35-persona",
                        harvest=len(out)))  # fmt: skip
    return keys


# DISTILLER 4. A hydra (8 keys, one script): all of Huatuo's medical instructions split into eight disjoint
# slices, one per key; the same user agent string, header set, system prompt and settings on every key,
# separate accounts; each key runs on its own day from its own hour with 4 workers.
HYDRA_SYS = "你是一名经验丰富的医生。请根据患者的描述，给出可能的诊断、需要做的检查和治疗建议。"
HYDRA_UA = "python-httpx/0.27.2"


def med_hydra() -> list[KeyTraffic]:
    rng = R("hydra")
    rows = dealt(rng, share("huatuo_med_zh", 1, 0))
    days = rng.sample(list(DAYS), 8)
    keys = []
    p = {"temperature": 0.7, "top_p": 0.9, "max_tokens": 1024}
    for i in range(8):
        mine = rows[i::8]
        h = rng.uniform(0, 24)
        out = run_jobs(rng, utc(days[i], h, 0.0), [(r, [row_ask(r, p, HYDRA_SYS, True)]) for r in mine], 4)
        keys.append(key(f"r35-hydra-{i}", "med_hydra", "distiller", "distiller", cl(rng, "httpx", HYDRA_SYS, HYDRA_UA), out,
                        f"simulated: one 4-worker run on day {days[i]} from {h:.1f}h UTC", ("huatuo_med_zh",), actor="r35-hydra",
                        harvest=len(out)))  # fmt: skip
    return keys


# DISTILLER 5. A human-paced slow harvest (1 key): a person pastes LIMA questions into a chat front-end one
# by one, ~35 a working day from ~09:30 (UTC+2) for four weeks, at a person's pace (oasst2's in-session gaps
# rescaled), streaming.
def slow_paste() -> list[KeyTraffic]:
    rng = R("slow")
    rows = dealt(rng, share("lima", 10, 0, 1, 2, 3, 4, 5, 6))
    days = [d for d in range(28) if d % 7 < 5]
    n = [len(rows) // len(days) + (1 if k < len(rows) % len(days) else 0) for k in range(len(days))]
    times = workdays(rng, days, 9.5, 2.0, n, 35, 8.0)
    p = {"temperature": 0.7, "stream": True}
    out = [row_ask(r, p, None, True) for r in rows]
    for t, q in zip(times, out, strict=True):
        q.ts = t
    return [key("r35-slow", "slow_paste", "distiller", "distiller", cl(rng, "openai-js"), out,
                "simulated: ~35 a working day for four weeks from ~09:30 (UTC+2), oasst2-shaped gaps (timing.paced)", ("lima",),
                harvest=len(out))]  # fmt: skip


# DISTILLER 6. Dataset items with light paraphrase (2 keys, one actor): ShareGPT first turns and MOSS first
# turns (its conversation categories), 40% sent as they are, the rest with a lead-in, a closing, word swaps
# and fast typing; 6 workers, evenings (UTC+3).
LEADS = (
    "",
    "Question: ",
    "Can you help me with this? ",
    "I need help with the following. ",
    "Quick one: ",
    "Please answer: ",
    "hey, ",
)
ENDS = ("", " Thanks!", " Please be detailed.", " Answer in detail.", " thx", " Explain clearly.")
SWAPS = (("Write", "Compose"), ("write", "compose"), ("Explain", "Describe"), ("explain", "describe"), ("Give me", "Provide"),
         ("list", "enumerate"), ("How can I", "How do I"), ("What are", "Which are"), ("please ", ""), ("Please ", ""))  # fmt: skip


def paraphrase(rng: random.Random, text: str) -> str:
    if rng.random() < 0.4:
        return text
    for a, b in rng.sample(SWAPS, 3):
        text = text.replace(a, b, 1)
    return sloppy(rng, rng.choice(LEADS) + text + rng.choice(ENDS))


def paraphrase_mix() -> list[KeyTraffic]:
    rows = share("sharegpt_en_sample", 1, 0) + [
        r for r in share("moss_sft_sample", 2, 0) if r.extra.get("category") not in MOSS_MATH
    ]
    rows = dealt(R("para", "rows"), distinct(rows))
    g = R("para", "text")
    keys = []
    for i in range(2):
        rng = R("para", i)
        p = {"temperature": 0.8, "max_tokens": 2048}
        jobs: list[Job] = [(r, [row_ask(r, p, None, True, paraphrase(g, r.first))]) for r in rows[i::2]]
        out = batches(rng, range(1 + i, 15, 2), 19.0, 3.0, jobs, 6, 500)
        keys.append(key(f"r35-para-{i}", "paraphrase_mix", "distiller", "distiller", cl(rng, "aiohttp"), out,
                        "simulated: 6 workers, seven evenings from 19:00 (UTC+3)", ("sharegpt_en_sample", "moss_sft_sample"),
                        actor="r35-para", harvest=len(out)))  # fmt: skip
    return keys


# DISTILLER 7. Logprob harvest (2 keys, one actor): Chinese ShareGPT first turns at top_logprobs 20
# (temperature 1.0) and InstructionWild's Chinese prompts at top_logprobs 5 (temperature 0.7), 6 workers,
# evenings from 19:00 (UTC+8).
def logprob_harvest() -> list[KeyTraffic]:
    sets = ((share("sharegpt_zh_1k", 1, 0), {"temperature": 1.0, "max_tokens": 1024, "logprobs": True, "top_logprobs": 20}, (15, 16, 17)),
            ([r for r in share("instructionwild", 1, 0) if r.extra.get("lang") == "zh"],
             {"temperature": 0.7, "max_tokens": 512, "logprobs": True, "top_logprobs": 5}, (18,)))  # fmt: skip
    keys = []
    for i, (rows, p, days) in enumerate(sets):
        rng = R("logprob", i)
        out = batches(rng, days, 19.0, 8.0, [(r, [row_ask(r, p, None, True)]) for r in dealt(rng, rows)], 6)
        keys.append(key(f"r35-logprob-{i}", "logprob_harvest", "distiller", "distiller", cl(rng, "aiohttp"), out,
                        f"simulated: 6 workers, evenings from 19:00 (UTC+8), days {days}", ("sharegpt_zh_1k", "instructionwild"),
                        actor="r35-logprob", harvest=len(out), top_logprobs=p["top_logprobs"]))  # fmt: skip
    return keys


# DISTILLER 8. A reseller (3 upstream keys, one actor): each key carries some of its client apps' end
# users (hh-rlhf and Arena conversations, day-shaped in UTC-5, UTC+1 and UTC+8, each app with its own
# front-end prompt) and one customer's harvest of CodeAlpaca and MOSS prompts, 2 workers on weekdays from
# 14:00 (UTC+8), at 10%, 20% and 30% of the key.
FRONTS = ((None, {"stream": True}), ("You are a helpful assistant.", {"temperature": 0.7, "stream": True}),
          ("You are Pip, a friendly companion in a journaling app. Keep replies warm and short.", {"temperature": 0.9, "max_tokens": 600}))  # fmt: skip


def reseller() -> list[KeyTraffic]:
    rng = R("resell")
    convs = [(r.id, *turns_of(r, 6)) for r in distinct(share("hh_rlhf_harmless_test", 2, 1))]
    convs += [
        (r.id, *turns_of(r, 6)) for r in distinct(share("arena_even", 3, 2)) if not CODE_RE.search(r.first)
    ]
    rng.shuffle(convs)
    harvest_rows = dealt(rng, distinct(share("codealpaca_2k", 4, 3) + [r for r in share("moss_sft_sample", 2, 1) if r.extra.get("category") not in MOSS_MATH]))  # fmt: skip
    keys = []
    used = 0
    for i, (tz, frac) in enumerate(((-5.0, 0.10), (1.0, 0.20), (8.0, 0.30))):
        g = R("resell", i)
        mine = convs[i::3]
        relayed: list[Request] = []
        for t, (item, turns, replies) in zip(consumer(g, len(mine), tz), mine, strict=True):
            system, p = g.choice(FRONTS)
            relayed += talk(g, t, turns, replies, p, system, item)
        k = round(len(relayed) * frac / (1 - frac))
        rows = harvest_rows[used : used + k]
        used += k
        hp = {"temperature": 0.8, "max_tokens": 2048}
        days = [d for d in DAYS if d % 7 < 5]
        harvest = batches(g, days, 14.0, 8.0, [(r, [row_ask(r, hp, None, True)]) for r in rows], 2, 300, 1800)
        keys.append(key(f"r35-resell-{i}", "reseller", "distiller", "distiller", cl(g, "go"), relayed + harvest,
                        f"simulated: relayed users day-shaped (UTC{tz:+g}); the customer's 2 workers on weekdays from 14:00 (UTC+8)",
                        ("hh_rlhf_harmless_test", "arena_even", "codealpaca_2k", "moss_sft_sample"), actor="r35-resell",
                        share=frac, relayed=len(relayed), harvest=len(harvest)))  # fmt: skip
    return keys


BENIGN = (
    coding_agents,
    rag_sites,
    tagging_job,
    homework_app,
    eval_lab,
    translation_product,
    real_heavy_users,
    prompt_ab,
)
DISTILL = (
    traj_harvest,
    think_harvest,
    persona_synth,
    med_hydra,
    slow_paste,
    paraphrase_mix,
    logprob_harvest,
    reseller,
)

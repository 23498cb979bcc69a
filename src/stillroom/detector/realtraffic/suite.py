"""The persona definitions (fixed up front) and the suites built from them.

`PERSONAS` is the whole list: each names its builder, the sources it draws from in each split and
every parameter it runs with. The same definitions build the TUNE suite and the VAL suite from
disjoint sources (pools.SPLIT); a persona with no pool in a split is left out of that suite and
says so. Personas are fixed before the detector is tuned: change one only to make it more
realistic, never to move a single outcome. `simulated_suite` wraps `detector.traces` (the
built-in simulated personas) in the same records so one replay reports all three suites.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from stillroom.detector import traces
from stillroom.detector.realtraffic import benign, distill, evals
from stillroom.detector.realtraffic.context import Ctx, Persona
from stillroom.detector.realtraffic.pools import SPLIT, TIMING_SOURCE, Pools, read_source
from stillroom.detector.realtraffic.records import Client, KeyTraffic, Request
from stillroom.detector.realtraffic.timing import human_timing

EPOCH = 1_772_409_600.0  # 2026-03-02 00:00 UTC, a Monday: every suite's clock starts here
CHAT = {"tune": ("arena_even", "hh_rlhf_harmless_test"), "val": ("nq_open_dev", "oasst2_threads")}
AGI_MATH = frozenset({"aqua-rat", "sat-math", "gaokao-mathqa", "logiqa-en", "lsat-ar", "math"})


def _single(r) -> bool:
    return len(r.turns) == 1


def _multi(r) -> bool:
    return len(r.turns) >= 2


BELLE_USER = frozenset({"open qa", "brainstorming", "rewrite", "generation", "summarization"})


def _belle_user(r) -> bool:  # the kinds of request people type; the rest is a capability eval
    return r.extra.get("category") in BELLE_USER


def _belle_eval(r) -> bool:
    return not _belle_user(r)


def _agi_zh(r) -> bool:
    return str(r.extra.get("task", "")).startswith(("gaokao", "logiqa-zh", "jec-qa"))


def _agi_math(r) -> bool:
    return r.extra.get("task") in AGI_MATH


B, D, E = "benign", "distiller", "evaluation"
T0 = {"temperature": 0}
PERSONAS: tuple[Persona, ...] = (
    # ---- benign people and apps ----
    Persona("chat_multiturn", B, "chat", benign.chat_users, {"tune": ("arena_even",), "val": (TIMING_SOURCE,)},
            dict(keys=80, min_threads=2, spread_days=3),
            "people chatting (TUNE: arena conversations, simulated timing; VAL: oasst2 users, real ids and times)"),
    Persona("adversarial_human", B, "chat", benign.chat_users, {"tune": ("hh_rlhf_harmless_test",), "val": ()},
            dict(keys=40, min_threads=2, spread_days=3, keep=_multi),
            "crowdworkers probing for harmful answers (hard benign; no VAL pool)"),
    Persona("single_turn_user", B, "chat", benign.chat_users,
            {"tune": ("hh_rlhf_harmless_test",), "val": ("nq_open_dev",)},
            dict(keys=30, questions=(5, 30), spread_days=3, keep=_single),
            "one-shot questions (TUNE: hh-rlhf single turns; VAL: search queries)"),
    Persona("multilingual_user", B, "chat", benign.chat_users, {"tune": ("belle_eval_zh",), "val": ()},
            dict(keys=10, questions=(10, 60), spread_days=3, keep=_belle_user),
            "Chinese-speaking users (TUNE: belle_eval's open-ended questions; VAL: oasst2 users are 60% non-English)"),
    Persona("power_user", B, "heavy", benign.power_users, CHAT,
            dict(keys=3, per_day=350, days=1.0, hours=11),
            "~350 single-turn questions a day from the real chat pools"),
    Persona("app_backend", B, "app", benign.app_backends, CHAT,
            dict(keys=2, per_day=300, days=1.0, params={"temperature": 0.7, "max_tokens": 1024, "stream": True}),
            "one company's two apps relaying many real users' first turns (one org and payment: one actor)"),
    Persona("moderation_batch", B, "app", benign.moderation_batch, CHAT,
            dict(requests=(600, 900), per_day=600, params={**T0, "max_tokens": 2}),
            "an app screening its users' messages with one fixed template, one-word answers"),
    Persona("transform_backend", B, "app", benign.transform_backend, CHAT,
            dict(requests=(400, 700), per_day=500, params={"temperature": 0.3, "max_tokens": 400}),
            "an app summarising (TUNE) or translating (VAL) each user message with one fixed prompt"),
    # ---- evaluation harnesses (benign) ----
    Persona("eval_mcq_letter", B, E, evals.harness, {"tune": ("mmlu_val_zeroshot",), "val": ("agieval_v1",)},
            dict(harness="letter_chat", params={**T0, "max_tokens": 5}, software="openai-python", concurrency=8,
                 limit=1500, keep=evals.has_options), "multiple choice, 'Answer with only the letter', chat"),
    Persona("eval_mcq_loglik", B, E, evals.harness, {"tune": ("mmlu_val_zeroshot",), "val": ("agieval_v1",)},
            dict(harness="loglik_completions", params={**T0, "max_tokens": 1, "logprobs": 1, "echo": True, "seed": 1234},
                 software="aiohttp", concurrency=16, limit=400, keep=evals.has_options),
            "lm-eval log-likelihood scoring: one completions request per option"),
    Persona("eval_fewshot", B, E, evals.harness, {"tune": ("mmlu_val_zeroshot",), "val": ("agieval_v1",)},
            dict(harness="fewshot_completions", shots=5, params={**T0, "max_tokens": 1, "stop": ["\n"]},
                 software="requests", concurrency=4, limit=500, keep=evals.has_options),
            "5-shot prefix, completions, one-token answers"),
    Persona("eval_cot", B, E, evals.harness, {"tune": ("bbh",), "val": ("agieval_v1",)},
            dict(harness="cot_chat", params={**T0, "max_tokens": 512, "seed": 1234}, software="openai-python",
                 concurrency=8, per_task=40, keep=None, val_keep=_agi_math),
            "zero-shot chain of thought ('Let's think step by step')"),
    Persona("eval_code_greedy", B, E, evals.harness, {"tune": ("humaneval",), "val": ("mbpp",)},
            dict(harness="raw_completions", params={**T0, "max_tokens": 512, "stop": evals.CODE_STOP},
                 software="requests", concurrency=4), "code completion, raw prompt, greedy (pass@1)"),
    Persona("eval_code_passk", B, E, evals.harness, {"tune": ("humaneval",), "val": ("mbpp",)},
            dict(harness="code_chat", repeats=2, limit=500,
                 params={"n": 10, "temperature": 0.8, "top_p": 0.95, "max_tokens": 512},
                 software="openai-python", concurrency=8), "pass@k: n=10 samples at temperature 0.8, twice per item"),
    Persona("eval_judged", B, E, evals.harness,
            {"tune": ("arena_hard_v01",), "val": ("alpaca_eval_subset", "koala_test", "ultrachat_eval")},
            dict(harness="raw_chat", params={**T0, "max_tokens": 4096}, software="openai-python", concurrency=16),
            "open-ended suites whose answers a judge grades later (long outputs, broad topics)"),
    Persona("eval_instruction", B, E, evals.harness, {"tune": ("ifeval_multilingual",), "val": ("truthfulqa",)},
            dict(harness="raw_chat", params={**T0, "max_tokens": 1024}, software="httpx", concurrency=8),
            "instruction-following / truthfulness suites, raw"),
    Persona("eval_safety", B, E, evals.harness, {"tune": ("xstest",), "val": ()},
            dict(harness="raw_chat", params={**T0, "max_tokens": 256}, software="openai-python", concurrency=4),
            "exaggerated-safety prompts (no VAL pool)"),
    Persona("eval_mt_bench", B, E, evals.harness, {"tune": (), "val": ("mt_bench",)},
            dict(harness="mt_bench", params={"max_tokens": 1024}, software="openai-python", concurrency=4),
            "MT-Bench, both turns, FastChat temperatures (no TUNE pool)"),
    Persona("eval_zh", B, E, evals.harness, {"tune": ("belle_eval_zh",), "val": ("agieval_v1",)},
            dict(harness="raw_chat", params={**T0, "max_tokens": 1024}, software="httpx", concurrency=8, per_task=50,
                 keep=_belle_eval, val_keep=_agi_zh),
            "a Chinese suite (TUNE: belle_eval's capability categories; VAL: AGIEval's gaokao/law/logic tasks)"),
    Persona("eval_twins", B, E, evals.harness, {"tune": ("mmlu_val_zeroshot",), "val": ("agieval_v1",)},
            dict(keys=2, harness="raw_chat", params={**T0, "max_tokens": 256, "seed": 1234}, software="openai-python",
                 concurrency=8, limit=800, spread_days=5, keep=evals.has_options, shared_network=True),
            "two unrelated researchers (one campus network) running the same suite the same way: must not be linked"),
    Persona("eval_suite_runner", B, E, evals.suite_runner,
            {"tune": ("mmlu_val_zeroshot", "bbh", "humaneval", "ifeval_multilingual", "arena_hard_v01", "xstest"),
             "val": ("agieval_v1", "mbpp", "truthfulqa", "mt_bench", "koala_test", "ultrachat_eval")},
            dict(software="openai-python", concurrency=8, runs={
                "tune": [("mmlu_val_zeroshot", "letter_chat", 250, {**T0, "max_tokens": 5}, None),
                         ("bbh", "cot_chat", 250, {**T0, "max_tokens": 512}, None),
                         ("humaneval", "raw_completions", 164, {**T0, "max_tokens": 512}, None),
                         ("ifeval_multilingual", "raw_chat", 250, {**T0, "max_tokens": 1024}, None),
                         ("arena_hard_v01", "raw_chat", 150, {**T0, "max_tokens": 4096}, None),
                         ("xstest", "raw_chat", 150, {**T0, "max_tokens": 256}, None)],
                "val": [("agieval_v1", "letter_chat", 250, {**T0, "max_tokens": 5}, evals.has_options),
                        ("mbpp", "raw_completions", 250, {**T0, "max_tokens": 512}, None),
                        ("truthfulqa", "raw_chat", 250, {**T0, "max_tokens": 256}, None),
                        ("mt_bench", "mt_bench", 78, {"max_tokens": 1024}, None),
                        ("koala_test", "raw_chat", 150, {**T0, "max_tokens": 2048}, None),
                        ("ultrachat_eval", "raw_chat", 150, {**T0, "max_tokens": 2048}, None)]}),
            "one researcher running several public suites in a row through one key"),
    # ---- distillers (built last: relayed chats take what the people left) ----
    Persona("hydra_instr", D, D, distill.hydra, {"tune": ("codealpaca_2k",), "val": ("huatuo_med_zh",)},
            dict(keys=(14, 17), requests=(100, 120), multi_turn=False, shared_account=True, shared_client=False,
                 concurrency=(0, 1, 2), pause=(5, 60), params={"temperature": 0.7, "max_tokens": 1024},
                 software="openai-python", spread_days=2),
            "disjoint-prompt hydra over one instruction set; keys share payment + signup network, not software"),
    Persona("hydra_realpool", D, D, distill.hydra, {"tune": ("sharegpt_en_sample",), "val": ("sharegpt_zh_1k",)},
            dict(keys=(10, 12), requests=(150, 250), multi_turn=True, shared_account=False, shared_client=True,
                 system="You are a helpful assistant.", per_day=180, hours=14,
                 params={"temperature": 0.7, "max_tokens": 2048}, software="openai-python", spread_days=2),
            "slow multi-key harvest of real-user conversations (history resent); one client build, no shared account"),
    Persona("hydra_sync", D, D, distill.hydra, {"tune": (), "val": ("instructionwild",)},
            dict(keys=(10, 12), requests=(60, 100), multi_turn=False, shared_account=False, shared_client=False,
                 synchronised=True, pause=(5, 40), params={"temperature": 0.7, "max_tokens": 1024},
                 software="openai-python", spread_days=2),
            "one scheduler firing every key at once, then a pause; real users' first turns, nothing shared but the clock"),
    Persona("plain_replay", D, D, distill.plain_replay, {"tune": ("belle_dev1k",), "val": ("lima",)},
            dict(requests=(600, 800), params={"temperature": 0.7, "max_tokens": 1024}, software="openai-python",
                 concurrency=4),
            "instruction-set items sent as they are"),
    Persona("cot_elicit", D, D, distill.cot_elicit, {"tune": ("orca_dpo_pairs_val",), "val": ("instructionwild",)},
            dict(requests=(250, 284), trigger_share=0.5, params={"temperature": 0.7, "max_tokens": 2048},
                 software="openai-python", concurrency=4),
            "Orca-style reasoning system prompt, half the items with a step-by-step trigger"),
    Persona("logprob_harvest", D, D, distill.logprob_harvest,
            {"tune": ("belle_dev1k", "codealpaca_2k"), "val": ("lima", "evol_instruct_h2o")},
            dict(pool=150, requests=(300, 500), top_logprobs=20, n=(1, 4, 8), temperatures=(0.0, 0.5, 0.7, 1.0, 1.2),
                 max_tokens=512, software="requests", concurrency=4),
            "150 items re-asked for top-20 logprobs, n samples and a temperature sweep"),
    Persona("reseller", D, D, distill.reseller, {"tune": ("moss_sft_sample",), "val": ("huatuo_med_zh",)},
            dict(mix=(0.05, 0.2, 0.5), requests=(300, 400), chat_sources=CHAT, per_day=400,
                 params={"temperature": 0.7, "max_tokens": 2048}, software="httpx"),
            "a reseller key: real users' chats plus a distilling customer's items (5/20/50% of requests)"),
    Persona("realpool_replay", D, D, distill.realpool_replay, {"tune": ("sharegpt_en_sample",), "val": ("sharegpt_zh_1k",)},
            dict(requests=(500, 700), params={"temperature": 0.7}, software="aiohttp", concurrency=2),
            "real users' conversations (ShareGPT-style pool) replayed whole by a script"),
    Persona("fixed_wrapper", D, D, distill.fixed_wrapper,
            {"tune": ("codealpaca_2k", "belle_dev1k"), "val": ("huatuo_med_zh", "lima")},
            dict(requests=(400, 600), params={}, software="openai-python", concurrency=4, exclusive=False),
            "every item inside one constant template"),
    Persona("completions_template", D, D, distill.completions_template,
            {"tune": ("codealpaca_2k",), "val": ("instructionwild",)},
            dict(requests=(400, 600), params={"temperature": 0.7, "max_tokens": 1024}, software="requests",
                 concurrency=8, exclusive=False),
            "items in an instruction-tuning format on the completions endpoint"),
    Persona("generate_tasks", D, D, distill.generate_tasks,
            {"tune": ("codealpaca_2k", "belle_dev1k"), "val": ("lima", "instructionwild")},
            dict(requests=(250, 400), seed_pool=150, seeds_per_request=3, tasks_per_request=20,
                 params={"temperature": 1.0, "top_p": 1.0, "max_tokens": 3072}, software="openai-python",
                 concurrency=2, exclusive=False),
            "self-instruct-style data generation: 'come up with 20 tasks' around 3 seed tasks"),
    Persona("evolve", D, D, distill.evolve,
            {"tune": ("codealpaca_2k", "belle_dev1k"), "val": ("lima", "evol_instruct_h2o", "instructionwild")},
            dict(requests=(300, 500), params={"temperature": 1.0, "max_tokens": 2048}, software="openai-python",
                 concurrency=4, exclusive=False),
            "Evol-Instruct-style: rewrite an item into a harder one"),
    Persona("disguised", D, D, distill.disguised, {"tune": ("codealpaca_2k", "belle_dev1k"), "val": ("lima", "huatuo_med_zh")},
            dict(items=(200, 300), follow_up_weights=(0.4, 0.4, 0.2), per_day=200, hours=14, params={"stream": True},
                 software="openai-js", exclusive=False),
            "items wrapped in casual chatter with follow-ups, paced like a person"),
    Persona("judge", D, D, distill.judge, {"tune": ("codealpaca_2k", "belle_dev1k"), "val": ("lima", "huatuo_med_zh")},
            dict(requests=(400, 600), params={"temperature": 0, "max_tokens": 512}, software="openai-python",
                 concurrency=8, exclusive=False),
            "rubric grading at volume: the model grades stored answers"),
)  # fmt: skip


@dataclass
class Suite:
    name: str
    keys: list[KeyTraffic]
    notes: list[str] = field(default_factory=list)

    def events(self) -> list[tuple[KeyTraffic, Request]]:
        """Every request of every key, in time order across keys (ties: key id)."""
        pairs = [(k, r) for k in self.keys for r in k.requests]
        pairs.sort(key=lambda kr: (kr[1].ts, kr[0].key_id))
        return pairs


def build_suite(
    folder: str | Path, split: str, seed: int = 0, scale: float = 1.0, only: set[str] | None = None
) -> Suite:
    """All personas of one split (or the `only` ones), deterministic for (folder, split, seed, scale)."""
    pools = Pools(folder, split)
    timing = human_timing(read_source(Path(folder), TIMING_SOURCE))
    ctx = Ctx(split, pools, timing, EPOCH, seed, scale)
    keys, notes = [], []
    for persona in PERSONAS:
        if only is not None and persona.name not in only:
            continue
        if not persona.sources.get(split):
            notes.append(f"{persona.name}: no {split.upper()} pool, not built")
            continue
        keys += persona.build(ctx, _for_split(persona, split))
    notes += [f"rows handed out twice (pool ran dry): {s} {n}" for s, n in sorted(pools.reused.items())]
    return Suite(f"real-{split}", keys, notes)


def _for_split(persona: Persona, split: str) -> Persona:
    """A persona whose filters differ by split carries `<split>_keep`; resolve it to `keep`."""
    key = f"{split}_keep"
    if key not in persona.params:
        return persona
    params = {k: v for k, v in persona.params.items() if not k.endswith("_keep")}
    return Persona(persona.name, persona.label, persona.kind, persona.build, persona.sources,
                   dict(params, keep=persona.params[key]), persona.doc)  # fmt: skip


SIM_KIND = {"batch": "app", "researcher": "evaluation"}


def simulated_suite(seed: int, counts: dict[str, int] | None = None) -> Suite:
    """The built-in simulated personas (detector.traces): one simulated day, meant for a detector
    of its own (as bench/detector.py runs them; days of different seeds overlap in time)."""
    by_key: dict[str, list[dict]] = defaultdict(list)
    for ev in traces.generate(seed, counts):
        by_key[ev["key_id"]].append(ev)
    keys = []
    for key_id, evs in by_key.items():
        fam, label = evs[0]["family"], evs[0]["label"]
        actor = key_id.rsplit("-", 1)[0] if fam == "hydra" else key_id
        kind = "distiller" if label == D else SIM_KIND.get(fam, "chat")
        k = KeyTraffic(
            key_id,
            fam,
            label,
            kind,
            actor,
            Client("", ()),
            timing="simulated (traces.py)",
            sources=("traces",),
        )
        k.requests = [
            Request(
                e["ts"],
                e["endpoint"],
                e["prompt"],
                e.get("messages"),
                e.get("params") or {},
                distill=label == D,
            )
            for e in evs
        ]
        keys.append(k)
    return Suite(f"simulated seed {seed}", keys)


def split_sources(split: str) -> tuple[str, ...]:
    return tuple(s for group in SPLIT[split].values() for s in group)

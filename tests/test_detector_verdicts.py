"""Issue #13: content evidence in the score, graded verdicts, identity links, bounded cost.

Each test names the failure of the detector before content evidence that it guards against."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest

from stillroom.detector import Detector, DetectorConfig, TrafficEvent
from stillroom.detector.score import (
    EVALUATED_MIN,
    combine,
    evaluated,
    evaluation_history,
    evidence,
    next_verdict,
    strong,
)
from stillroom.guard.policy import Policy

TRAFFIC = Path(__file__).resolve().parents[1].parent / "shared" / "traffic"
MMLU_LIKE = (
    "The following is a multiple choice question about {t}.\n\nWhich statement about {t} is true?\n"
    "A. It was first described in {y}\nB. It has no known uses\nC. It is a kind of {t2}\n"
    "D. None of the above\nAnswer with only the letter."
)
TOPICS = ["photosynthesis", "the French revolution", "prime numbers", "plate tectonics", "sonnets"]


def rows(source: str, n: int) -> list[str]:
    if not TRAFFIC.is_dir():
        pytest.skip("../shared/traffic not present")
    out = []
    with gzip.open(TRAFFIC / f"{source}.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            turns = row.get("turns") or row.get("messages") or []
            text = next(
                (t.get("content") for t in turns if isinstance(t, dict) and t.get("role") == "user"), None
            )
            text = text or row.get("prompt") or row.get("text")
            if isinstance(text, str) and 20 < len(text) < 1500:
                out.append(text)
            if len(out) >= n:
                break
    assert len(out) >= n // 2, f"{source}: too few rows read"
    return out


def ev(key: str, i: int, prompt: str, **kw) -> TrafficEvent:
    params = kw.pop("params", {"temperature": 0.7, "max_tokens": 1024})
    return TrafficEvent(
        key, 1000.0 + 30 * i + (i % 7), "chat", prompt, [{"role": "user", "content": prompt}], params, **kw
    )


def run(events: list[TrafficEvent], cfg: DetectorConfig | None = None) -> Detector:
    det = Detector(cfg or DetectorConfig(seed=0))
    for e in events:
        det.observe(e)
    return det


def test_instruction_items_inside_a_fixed_wrapper_are_caught():
    """Before: templating 1.0 was gated off by low topic breadth (peak 0.41, never suspect)."""
    items = rows("codealpaca_2k", 220)
    wrap = "Below is an instruction that describes a task. Write a response.\n\n### Instruction:\n{x}\n\n### Response:\n"
    det = run([ev("k", i, wrap.format(x=x)) for i, x in enumerate(items)])
    a = det.keys["k"].last
    assert a.verdict in ("suspect", "block"), a.reasons
    assert a.contributions.get("instruction_style", 0) > 0


def test_data_generation_meta_prompts_are_blocked_quickly():
    seed = "Come up with 20 diverse task instructions. Here are some examples:\n1. {a}\n2. {b}\n3. {c}\n"
    items = rows("codealpaca_2k", 90)
    det = run([ev("k", i, seed.format(a=items[i], b=items[i + 1], c=items[i + 2])) for i in range(60)])
    a = det.keys["k"].last
    assert a.verdict == "block" and "data_generation" in a.contributions, a.reasons


def test_benchmark_traffic_is_labelled_evaluation_not_flagged():
    """Before: evaluation suites were flagged and blocked (templating x coverage)."""
    knobs = {"temperature": 0, "max_tokens": 5}
    events = [
        ev("eval", i, MMLU_LIKE.format(t=TOPICS[i % 5], y=1800 + i, t2=TOPICS[(i + 2) % 5]), params=knobs)
        for i in range(400)
    ]
    a = run(events).keys["eval"].last
    assert a.verdict == "evaluation" and a.level in ("ok", "watch"), (a.verdict, a.reasons)
    assert a.reasons[0].startswith("evaluation traffic")
    act = Policy().action("evaluation")
    assert not act.block and act.notice


def test_shared_benchmark_items_do_not_link_two_researchers():
    """Before: two unrelated researchers running one suite merged into one cluster."""
    knobs = {"temperature": 0, "max_tokens": 256, "seed": 1234}
    events = []
    for i in range(200):
        p = MMLU_LIKE.format(t=TOPICS[i % 5], y=1800 + i, t2=TOPICS[(i + 1) % 5])
        events += [ev("r1", i, p, params=knobs, user_agent="OpenAI/Python 1.40.2"),
                   ev("r2", i, p, params=knobs, user_agent="OpenAI/Python 1.51.0",
                      account={"signup_network": "10.1.2.0/24"})]  # fmt: skip
    det = run(events)
    assert det.clusters.cluster_of("r1") is None


def test_keys_are_linked_by_account_and_by_a_client_group():
    det = Detector(DetectorConfig(seed=0))
    for i, key in enumerate(["a", "b"]):
        det.observe(ev(key, i, "hello there, how are you", account={"payment_fingerprint": "pm-1"}))
    assert det.clusters.cluster_of("a") == det.clusters.cluster_of("b") is not None
    # one campus network and one popular SDK build: two keys are a coincidence, not an actor
    for i, key in enumerate(["c", "d"]):
        det.observe(
            ev(key, i, "what's the weather like", user_agent="UA/1", account={"signup_network": f"n{i}"})
        )
    assert det.clusters.cluster_of("c") is None
    # ... three keys with one build and one settings tuple are one script
    det.observe(ev("e", 9, "tell me a joke", user_agent="UA/1"))
    assert det.clusters.cluster_of("c") == det.clusters.cluster_of("e") is not None


def test_behaviour_alone_never_passes_watch_and_block_needs_a_strong_term():
    """Before: coverage (breadth x volume) plus PRADA took real power users to block."""
    cfg = DetectorConfig()
    f = (
        run([ev("k", i, f"question {i} about {TOPICS[i % 5]} and more words") for i in range(60)])
        .keys["k"]
        .last.features
    )
    f = dict(f, breadth=1.0, topic_entropy=1.0, n_total=1000.0, novel_n=1000.0, periodicity=1.0, prada_w=0.5, edge_share=1.0,
             templating=0.0, near_dup=0.0, instruction_share=0.0)  # fmt: skip
    terms = evidence(f, cfg)
    score, _ = combine(terms, f, cfg)
    assert terms["coverage"] > 0.9 and score <= cfg.behaviour_cap < cfg.suspect
    assert not strong(terms, f, cfg)
    assert next_verdict("suspect", 0.99, 1000, 0, cfg, can_block=False)[0] == "suspect"
    assert next_verdict("suspect", 0.99, 1000, 0, cfg, can_block=True)[0] == "block"


def test_long_prompts_cost_what_a_4k_prompt_costs():
    """Before: a 32k-character prompt took ~15 ms (p50) in observe."""
    det = Detector(DetectorConfig(seed=0))
    text = " ".join(f"word{i % 997} means something {i}" for i in range(6000))  # ~160k chars
    det.observe(ev("warm", 0, text[:4000]))
    t = time.perf_counter()
    for i in range(5):
        det.observe(ev(f"k{i}", i, text))
    long_ms = (time.perf_counter() - t) * 200
    t = time.perf_counter()
    for i in range(5):
        det.observe(ev(f"s{i}", i, text[:4000]))
    short_ms = (time.perf_counter() - t) * 200
    assert long_ms < 3 * short_ms + 2, (long_ms, short_ms)


def test_a_sweep_split_across_many_linked_keys_is_suspect_but_two_keys_are_not():
    """A disjoint-prompt hydra over prompts no content evidence recognises (real search queries):
    before, each key and the pooled cluster stopped at the behaviour cap (watch). Many linked keys
    that together make one broad single-shot sweep now reach suspect (never block on this alone);
    one company's two busy keys do not."""
    items = rows("nq_open_dev", 400)
    hydra = [
        ev(f"h{k}", i, items[k * 45 + i], account={"payment_fingerprint": "pm-hydra"})
        for i in range(45)
        for k in range(8)
    ]
    det = run(hydra)
    last = det.keys["h7"].last
    assert last.verdict == "suspect", (last.verdict, last.reasons)
    assert "cluster.fan_out" in last.contributions
    assert any("linked keys split one broad" in r for r in last.reasons)
    two = [
        ev(f"a{k}", i, items[k * 180 + i], account={"payment_fingerprint": "pm-app"})
        for i in range(180)
        for k in range(2)
    ]
    a = run(two).keys["a1"].last
    assert a.verdict in ("ok", "watch") and "cluster.fan_out" not in a.contributions, a.reasons


def relayed(key: str, chats: list[str], items: list[str], every: int) -> list[TrafficEvent]:
    """A reseller-like key: real users' first turns, every third one continued by a follow-up
    that carries its history, and a dataset item as every `every`-th request."""
    out, it = [], iter(items)
    for i, text in enumerate(chats):
        if every and i % every == every - 1:
            out.append(ev(key, len(out), next(it)))
        out.append(ev(key, len(out), text))
        if i % 3 == 0:
            history = [
                {"role": "user", "content": text},
                {"role": "assistant", "content": "Here is my answer about " + text[:80]},
                {"role": "user", "content": "thanks, can you say more about that?"},
            ]
            out.append(TrafficEvent(key, out[-1].ts + 20, "chat", history[-1]["content"], history))
    return out


def test_a_reseller_with_a_fifth_dataset_items_is_suspect_and_its_app_twin_is_not():
    """Before: a key relaying real users' chats (a third of them continued, history resent) with a
    ~20% minority of instruction-set items stayed below suspect: the conversations' continuity
    discounted the minority evidence. The mixed-items test finds the excess of dataset-style
    single shots over the benign share and reaches suspect (never block on this alone). The same
    key without the items - an app backend relaying real users - gets no mixed-items evidence."""
    chats = rows("arena_even", 300) + rows("hh_rlhf_harmless_test", 120)
    items = rows("codealpaca_2k", 160)
    mixed = relayed("reseller", chats, items, every=3)
    share = sum(e.prompt in items for e in mixed) / len(mixed)
    assert 0.15 <= share <= 0.25, share
    det = run(mixed)
    a = det.keys["reseller"].last
    assert a.verdict == "suspect", (a.score, a.reasons)
    assert "mixed_items" in a.contributions
    assert any("single-shot requests read as dataset items" in r for r in a.reasons)
    app = run(relayed("app", chats, items, every=0)).keys["app"].last
    assert app.verdict in ("ok", "watch") and "mixed_items" not in app.contributions, app.reasons


@pytest.mark.parametrize(
    "wrap",
    [
        "Summarize the following customer message in two sentences.\n\nMessage:\n{x}",
        'Translate the text below into German. Keep the formatting.\n\n"""\n{x}\n"""',
        "Rewrite this message so it is polite and clear: {x}",
        "Translate the segment from English into French for a product manual. Return only the translation.\nSegment: {x}",
    ],
)
def test_an_app_transforming_its_users_messages_with_one_prompt_is_not_flagged(wrap):
    """Before: a backend sending each of its users' messages through one fixed summarise /
    translate / rewrite prompt was blocked on templating alone (score 0.91-0.95 on real chat
    turns). Its wrapper transforms supplied material, so its repetition is not evidence; the
    same messages inside a wrapper that asks them as tasks still are (test below it)."""
    chats = rows("arena_even", 300)
    a = run([ev("app", i, wrap.format(x=x)) for i, x in enumerate(chats)]).keys["app"].last
    assert a.verdict in ("ok", "watch"), (a.score, a.reasons)
    assert a.features["transform_share"] > 0.9


def test_transformations_between_other_requests_are_recognised():
    """An app with two transformation templates whose requests alternate with its users' own
    short requests: no prompt shares a wrapper with the one before it, so `content.slot` found none
    and the transformations went unrecognised (transform_share 0.0 until session 42; blind round
    31's Slack app: 1%). Its instruction line over the material says what it is."""
    chats = rows("arena_even", 300)
    templates = (
        "Summarise this thread: decisions, open questions, owners.\n\n{x}",
        "Daily digest for #general. Summarise yesterday's messages in at most 6 bullets.\n\n{x}",
    )
    asks = ("shorter", "turn that into a checklist", "who owns the rollback?", "post-ready version pls")
    prompts = []
    for i, x in enumerate(chats[:150]):
        prompts += [
            templates[i % 2].format(x=f"[10:{i % 60:02d}] Sam: {x}\n[10:59] Ana: {chats[-1 - i]}"),
            asks[i % 4],
        ]
    a = run([ev("app", i, p) for i, p in enumerate(prompts)]).keys["app"].last
    assert a.features["transform_share"] >= 0.45, a.features


def test_the_same_messages_asked_as_tasks_inside_one_wrapper_keep_their_templating():
    """Real chat messages inside a fixed "respond to the request" wrapper: no transformation, so the
    templating counts (a transform backend's does not). What is judged is each message, read as
    chat: the key is on watch, as a chat front end with a preamble is. (Until session 39 it read as
    suspect only because the wrapper's 11-character tail "\n\nResponse:" was below `slot`'s 12-character
    minimum and stayed in the judged text; with "\n\n### Response:" it was watch 0.45 then too.)"""
    chats = rows("arena_even", 300)
    wrap = "You are a helpful assistant. Respond to the request below in full detail.\n\nRequest: {x}\n\nResponse:"
    a = run([ev("k", i, wrap.format(x=x)) for i, x in enumerate(chats)]).keys["k"].last
    assert a.verdict in ("watch", "suspect", "block"), (a.score, a.reasons)
    assert a.contributions["templating"] > 0.15
    assert a.features["transform_share"] == 0.0


def test_a_support_bot_answering_from_supplied_documents_is_not_flagged():
    """Before: a RAG backend ("answer using only the documents below", the documents and the
    customer's question in one fixed wrapper) was blocked on templating alone (0.86). A wrapper
    with nothing dataset-like inside is automation, which behaviour may put on watch, no further."""
    questions, docs = rows("nq_open_dev", 300), rows("oasst2_threads", 300)
    wrap = (
        "You are a support assistant for Acme. Answer the customer's question using only the documents "
        "below.\n\n<documents>\n{d1}\n\n{d2}\n</documents>\n\nCustomer question: {q}"
    )
    events = [
        ev(
            "rag",
            i,
            wrap.format(d1=docs[i], d2=docs[(i * 7 + 3) % len(docs)], q=q),
            params={"temperature": 0.2},
        )
        for i, q in enumerate(questions)
    ]
    a = run(events).keys["rag"].last
    assert a.verdict in ("ok", "watch"), (a.score, a.reasons)


def test_a_harness_wrapping_a_suite_it_does_not_know_is_not_flagged():
    """Before: greedy requests of one generic wrapper around open questions the item table does
    not hold (any suite but the shipped ones) reached suspect at 0.68-0.71."""
    questions = rows("nq_open_dev", 400)
    wrap = "Please answer the following question truthfully and concisely.\n\n{x}"
    knobs = {"temperature": 0, "max_tokens": 1024}
    a = run([ev("h", i, wrap.format(x=q), params=knobs) for i, q in enumerate(questions)]).keys["h"].last
    assert a.verdict in ("ok", "watch", "evaluation"), (a.score, a.reasons)


def test_chat_transcripts_on_completions_count_unless_sent_with_harness_settings():
    """lm-eval's --apply_chat_template renders the chat template client-side and calls the
    completions endpoint greedily: before, such a harness on a suite the item table does not know
    reached suspect (0.68). The same transcripts at a sampling temperature - a script replaying
    questions through a completions endpoint - stay flagged."""
    questions = rows("nq_open_dev", 400)
    wrap = "<|im_start|>user\n{x}<|im_end|>\n<|im_start|>assistant\n"

    def key(name: str, params: dict) -> list[TrafficEvent]:
        return [
            TrafficEvent(name, 1000.0 + 5 * i, "completions", wrap.format(x=q), None, params)
            for i, q in enumerate(questions)
        ]

    det = run(key("harness", {"temperature": 0, "max_tokens": 512}) + key("script", {"temperature": 0.7}))
    assert det.keys["harness"].last.verdict in ("ok", "watch", "evaluation"), det.keys["harness"].last.reasons
    assert det.keys["script"].last.verdict in ("suspect", "block"), det.keys["script"].last.reasons


@pytest.mark.parametrize(
    "wrap,endpoint",
    [
        ("{x}\nPlease reason step by step, and put your final answer within \\boxed{{}}.", "chat"),
        ("Q: {x}\nA: Let's think step by step.", "completions"),
    ],
)
def test_a_cot_eval_that_asks_for_a_parsable_final_answer_is_evaluation(wrap, endpoint):
    """Zero-shot chain-of-thought evaluations (GSM8K/MATH style: a boxed final answer, Kojima's
    "A: Let's think step by step.") over a suite the item table does not hold reached suspect
    (0.65-0.69) before; simple-evals' wording at its temperature 0.5 was blocked (0.99). Greedy
    or sampled, they are evaluation. A CoT request without an answer format, sampled, keeps its
    CoT evidence."""
    questions = rows("nq_open_dev", 400)

    def key(name: str, form: str, params: dict) -> list[TrafficEvent]:
        msgs = lambda p: [{"role": "user", "content": p}] if endpoint == "chat" else None  # noqa: E731
        return [
            TrafficEvent(name, 1000.0 + 5 * i, endpoint, form.format(x=q), msgs(form.format(x=q)), params)
            for i, q in enumerate(questions)
        ]

    free = "{x}\n\nExplain your reasoning step by step before you answer."
    det = run(
        key("greedy", wrap, {"temperature": 0, "max_tokens": 1024})
        + key("sampled", wrap, {"temperature": 0.5})
        + key("harvest", free, {"temperature": 0.8})
    )
    for name in ("greedy", "sampled"):
        assert det.keys[name].last.verdict == "evaluation", (name, det.keys[name].last.reasons)
    assert det.keys["harvest"].last.contributions.get("cot_elicitation", 0) > 0.1


def test_simple_evals_math_wording_at_its_default_temperature_is_not_flagged():
    """simple-evals' MATH prompt, sampled at 0.5 (its default), was blocked at 0.99 once the CoT
    reader fired on it: its answer format names an evaluation."""
    questions = rows("nq_open_dev", 400)
    form = (
        "Solve the following math problem step by step. The last line of your response should be of"
        " the form Answer: $ANSWER (without quotes) where $ANSWER is the answer to the problem.\n\n{x}\n\n"
        'Remember to put your answer on its own line after "Answer:", and you do not need to use a \\boxed command.'
    )
    events = [ev("se", i, form.format(x=q), params={"temperature": 0.5}) for i, q in enumerate(questions)]
    a = run(events).keys["se"].last
    assert a.verdict in ("ok", "watch", "evaluation"), (a.score, a.reasons)


def test_a_chinese_power_user_is_not_read_as_an_instruction_set():
    """Real Chinese users' prompts read as instruction style 38-42% of the time at the
    classifier's argmax (English users' 0-6%): 350 single-turn questions a day from the
    machine-translated ShareGPT pool reached suspect (0.62) on the minority rule alone."""
    questions = rows("sharegpt_zh_1k", 350)
    events = [
        TrafficEvent("zh", 1000.0 + 113 * i, "chat", q, [{"role": "user", "content": q}], {})
        for i, q in enumerate(questions)
    ]
    a = run(events).keys["zh"].last
    assert a.verdict in ("ok", "watch"), (a.score, a.reasons)
    assert "instruction_style" not in a.contributions


def _timed(key: str, ts: float, prompt: str) -> TrafficEvent:
    return TrafficEvent(key, ts, "chat", prompt, [{"role": "user", "content": prompt}], {"temperature": 0.7})


def test_keys_started_together_by_one_scheduler_are_linked_and_independent_keys_are_not():
    """Before: keys that share nothing but the clock (one scheduler firing every key at once, each
    with its own prompts and client) were never linked (issue #13, "synchronised timing"). Keys
    sending at their own times - even at the same rate, in the same hours, on a shared clock
    grid of whole seconds - stay apart, and so do busy keys that are active every second."""
    import random

    rng = random.Random(7)
    det = Detector(DetectorConfig(seed=0))
    events, t = [], 1_000_000.5
    for beat in range(45):  # one scheduler: every sync key at each beat, jitter < 0.4 s
        for k in range(5):
            events.append(
                _timed(
                    f"sync{k}",
                    t + rng.uniform(0, 0.4),
                    f"question {beat} of key {k} about {TOPICS[beat % 5]}",
                )
            )
        t += rng.uniform(5, 40)
    span = t - 1_000_000.5
    for k in range(5):  # independent keys over the same span, a request every ~20 s on average
        ts = 1_000_000.5
        for i in range(int(span / 20)):
            ts += rng.expovariate(1 / 20)
            events.append(_timed(f"solo{k}", float(int(ts)), f"my own question {i} from solo {k}"))
    for k in range(2):  # busy keys: a request every second over the whole span
        for i in range(0, int(span), 1):
            events.append(_timed(f"busy{k}", 1_000_000.0 + i, f"item {i} for busy {k} with words"))
    events.sort(key=lambda e: e.ts)
    for e in events:
        det.observe(e)
    c = det.clusters
    assert {f"sync{k}" for k in range(5)} <= c.members("sync0")
    assert "timing" in c.shared_items("sync0")
    assert all(c.cluster_of(f"solo{k}") is None for k in range(5))
    assert all(c.cluster_of(f"busy{k}") is None for k in range(2))


def test_cron_jobs_of_different_owners_are_not_linked_by_the_minute_tick():
    """Schedulers fire at the top of each minute for everyone: that second is not timing evidence."""
    det = Detector(DetectorConfig(seed=0))
    for m in range(80):
        for k in range(3):
            det.observe(_timed(f"cron{k}", 60.0 * (20_000 + m) + 0.1 * k, f"health check {m} of service {k}"))
    assert all(det.clusters.cluster_of(f"cron{k}") is None for k in range(3))


def _onsets(det: Detector, events: list[TrafficEvent]) -> None:
    for e in sorted(events, key=lambda e: e.ts):
        det.observe(e)


def test_timing_links_need_sparse_onsets_most_of_them_shared():
    """Chance alone: two independent keys whose onsets come every ~13 s share 30+ of them within
    a second over a long day (about one in four), which is not most of them; two synchronised keys
    whose onsets come every 5 s are too busy for timing to mean anything."""
    import random

    rng = random.Random(3)
    det = Detector(DetectorConfig(seed=0))
    events, t = [], 2_000_000.5
    for k in ("ind_a", "ind_b"):
        ts = 2_000_000.5
        for i in range(500):
            ts += 3.5 + rng.expovariate(1 / 10)  # mean 13.5 s, irregular (not a periodic job)
            events.append(_timed(k, ts, f"question {i} from {k} on {TOPICS[i % 5]}"))
    for beat in range(200):  # synchronised, but an onset every ~5 s
        for k in ("fast_a", "fast_b"):
            events.append(_timed(k, t + rng.uniform(0, 0.3), f"item {beat} of {k} about {TOPICS[beat % 5]}"))
        t += rng.uniform(4.5, 5.5)
    _onsets(det, events)
    c = det.clusters
    assert c.tick_pairs[("ind_a", "ind_b")][0] >= 30  # the fraction rule is what keeps them apart
    assert c.cluster_of("ind_a") is None and c.cluster_of("fast_a") is None


def test_timing_links_survive_late_arrival_and_skip_periodic_jobs():
    """A guard may observe a key's request up to a second late: the earlier onset processed after
    the later one still counts. Fixed-interval jobs of two owners on the same offset of the minute
    are not linked (their phase says nothing about who runs them)."""
    import random

    rng = random.Random(5)
    det = Detector(DetectorConfig(seed=0))
    events, t = [], 3_000_000.2
    for beat in range(45):
        # "late" started 0.3-0.9 s *before* "early" but reaches the detector after it
        events.append(_timed("early", t + 1.0, f"first key question {beat} on {TOPICS[beat % 5]}"))
        events.append(_timed("late", t + 1.0 - rng.uniform(0.3, 0.9), f"second key question {beat}"))
        t += rng.uniform(10, 40)
    for e in events:  # arrival order, not timestamp order
        det.observe(e)
    for m in range(80):  # two owners' minute jobs at :02.2 and :02.9
        for k, off in (("job_a", 2.2), ("job_b", 2.9)):
            det.observe(_timed(k, 60.0 * (60_000 + m) + off, f"nightly export {m} for {k}"))
    c = det.clusters
    assert c.cluster_of("early") == c.cluster_of("late") is not None
    assert c.cluster_of("job_a") is None and c.cluster_of("job_b") is None


FOLLOW_TEMPLATES = (
    "Tell me more about {w}.",
    "Why is {w} important here?",
    "Can you give me a concrete example of {w}?",
    "How would you explain {w} to a beginner?",
)


def conversations(key: str, firsts: list[str], follow) -> list[TrafficEvent]:
    """Each first turn, then three follow-ups from `follow(i, j, words)`, history resent."""
    out: list[TrafficEvent] = []
    for i, first in enumerate(firsts):
        msgs = [{"role": "user", "content": first}]
        out.append(TrafficEvent(key, 1000.0 + 20 * len(out), "chat", first, list(msgs), {"temperature": 0.8}))
        words = [w for w in first.split() if len(w) > 4] or ["that"]
        for j in range(3):
            msgs += [
                {"role": "assistant", "content": f"An answer about {' '.join(words[:6])}."},
                {"role": "user", "content": follow(i, j, words)},
            ]
            out.append(TrafficEvent(key, 1000.0 + 20 * len(out), "chat", msgs[-1]["content"], list(msgs), {}))
    return out


def test_follow_ups_written_by_a_script_earn_no_continuity_and_count_as_evidence():
    """Session 14's reviewer: a script that asks a real first turn and then 2-4 follow-ups filled
    from templates with words of the answer ("Tell me more about X") stayed at ok (0.31): its
    multi-turn share earned the continuity discount. A filled template repeats a skeleton with
    new words; an app's canned "Tell me more" button repeats the same text, and is not scripted."""
    firsts = rows("arena_even", 150)
    scripted = conversations(
        "script", firsts, lambda i, j, w: FOLLOW_TEMPLATES[(i + j) % 4].format(w=w[(i + j) % len(w)])
    )
    a = run(scripted).keys["script"].last
    assert a.features["scripted_n"] >= 0.6 * a.features["turn_n"] > 0
    assert a.verdict in ("suspect", "block") and "scripted_turns" in a.contributions, (a.score, a.reasons)
    canned = conversations(
        "app", firsts, lambda i, j, w: ("Tell me more.", "Give me an example.", "Thanks!")[j]
    )
    b = run(canned).keys["app"].last
    assert b.features["scripted_n"] == 0 and b.verdict in ("ok", "watch"), (b.score, b.reasons)


def test_sampling_sweeps_without_distributions_are_behaviour():
    """A prompt engineer's A/B sweep (a few inputs x system-prompt variants x temperatures, n=3)
    reached suspect on n>1 and the temperature sweep (session 14's reviewer, 0.62). Without top
    logprobs those knobs are behaviour, capped with coverage at watch; beside them they still
    count as a harvest (the logprob persona's tests)."""
    inputs = rows("arena_even", 30)
    events = []
    for v in range(12):
        system = f"You are assistant variant {v}: answer {('briefly', 'in detail', 'formally', 'casually')[v % 4]}."
        for t in (0.0, 0.3, 0.7, 1.0):
            for text in inputs:
                msgs = [{"role": "system", "content": system}, {"role": "user", "content": text}]
                params = {"temperature": t, "n": 3 if t else 1, "max_tokens": 512}
                events.append(TrafficEvent("ab", 1000.0 + 3 * len(events), "chat", text, msgs, params))
    a = run(events).keys["ab"].last
    assert a.verdict in ("ok", "watch"), (a.score, a.reasons)
    assert a.features["n_multi_share"] > 0.5 and a.features["temperatures"] == 4


def test_a_trailing_note_or_prefill_does_not_hide_scripted_turns():
    """A reviewer: one system note or an assistant prefill after the last user turn made the
    follow-up generator's turns uncounted (block 0.85 -> ok 0.30). Only a tool result ends a user turn."""
    firsts = rows("arena_even", 150)

    def with_tail(tail: dict) -> list[TrafficEvent]:
        events = conversations(
            "s", firsts, lambda i, j, w: FOLLOW_TEMPLATES[(i + j) % 4].format(w=w[(i + j) % len(w)])
        )
        return [
            TrafficEvent(e.key_id, e.ts, e.endpoint, e.prompt, [*e.messages, tail], e.params)
            if len(e.messages) > 1
            else e
            for e in events
        ]

    for tail in (
        {"role": "system", "content": "Answer in English."},
        {"role": "assistant", "content": "Sure."},
    ):
        a = run(with_tail(tail)).keys["s"].last
        assert a.features["scripted_n"] > 0.5 * a.features["turn_n"] > 0, tail
    tool = run(with_tail({"role": "tool", "content": "42"})).keys["s"].last
    assert tool.features["turn_n"] == 0


def test_clusters_pool_members_restored_from_older_state():
    """A member's last features from a state file written before a feature existed (a reviewer:
    KeyError for every request of the cluster)."""
    from stillroom.detector.features import pool_features

    new = {"n_window": 10.0, "n_total": 10.0, "temperatures": 1.0, "scripted_n": 3.0, "turn_n": 5.0}
    old = {"n_window": 10.0, "n_total": 10.0, "temperatures": 2.0}
    pooled = pool_features([new, old])
    assert pooled["scripted_n"] == 3.0 and pooled["turn_n"] == 5.0 and pooled["temperatures"] == 2.0


def test_tool_text_is_the_apps_design_and_does_not_hide_the_system_prompt():
    """Tool descriptions reach the detector as role "instructions": a data-generation phrase there
    is the app's design (system_asks), not the users' request (a tutoring app with a "Generate 5
    test questions" tool was blocked); and a long tool text no longer pushes a system prompt's
    phrases out of the recognisers' view."""
    from stillroom.detector.content import content_flags

    q = "What causes the seasons on Earth?"
    tool = {
        "role": "instructions",
        "content": "Generate 5 different test questions on the topic the student is studying.",
    }
    e = TrafficEvent("k", 0.0, "chat", q, [tool, {"role": "user", "content": q}], {})
    flags = content_flags(e)
    assert "datagen" not in flags and "system_asks" in flags
    system = "Come up with 20 diverse task instructions for training a language model. Here are examples:"
    long_tool = {"role": "instructions", "content": "A calculator tool. " * 60}
    e = TrafficEvent(
        "k",
        0.0,
        "chat",
        "go",
        [long_tool, {"role": "system", "content": system}, {"role": "user", "content": "go"}],
        {},
    )
    assert "datagen" in content_flags(e)


def test_a_system_prompt_cue_does_not_make_every_request_classified():
    """A tutoring app's step-by-step system prompt (`system_asks`) kept its key on a census of
    every request (a reviewer: 200 / 200 classified against 137 / 200 with a plain system
    prompt on the same traffic): the content sample is what sees the users."""
    firsts = rows("arena_even", 300)
    tutor = "You are a patient tutor. Explain your reasoning step by step and show all the steps."

    def app(system: str) -> list[TrafficEvent]:
        return [
            TrafficEvent(
                "app",
                1000.0 + 40 * i,
                "chat",
                q,
                [{"role": "system", "content": system}, {"role": "user", "content": q}],
                {},
            )
            for i, q in enumerate(firsts)
        ]

    cot = run(app(tutor)).keys["app"].window.counts["c.sampled"]
    plain = run(app("You are a helpful assistant.")).keys["app"].window.counts["c.sampled"]
    assert cot <= plain + 20, (cot, plain)


def test_a_wrapper_backed_only_by_step_by_step_cues_is_not_strong():
    """A chain-of-thought evaluation harness (BBH's "Let's think step by step." over short items the
    item table cannot name) was blocked by a fixed wrapper backed by its CoT cue alone (a
    reviewer's harness, labelled `evaluation` for 1,500 requests, session 15). Such a wrapper still
    counts towards suspect; backing by a practice (rubric grading) makes it strong again, backing by
    the prompts' style does not (score.STYLE: a templated app writes instruction-style prompts too)."""
    cfg = DetectorConfig()
    f = {"raw_chat_share": 0.0, "eval_settings_share": 0.0}
    cot_only = {"templating": 1.0, "near_dup": 1.0, "cot_elicitation": 0.5}
    assert not strong(cot_only, f, cfg)
    # grading as far as phrase patterns name it (content.RUBRIC_NAMED); the learned reader's alone
    # reaches suspect, not block (blind round 30's clinical-documentation app)
    assert strong(dict(cot_only, rubric_grading=0.3), dict(f, rubric_named_share=1.0, content_n=100.0), cfg)
    assert not strong(dict(cot_only, rubric_grading=0.3), f, cfg)
    assert not strong(dict(cot_only, instruction_style=0.3), f, cfg)
    assert not strong(dict(cot_only, mixed_items=0.3), f, cfg)
    assert not strong({"instruction_style": 1.0, "mixed_items": 1.0}, f, cfg)
    assert not strong(dict(cot_only, cot_elicitation=0.9), f, cfg)
    # the term alone, at full strength, as far as phrase patterns name it (content.COT_NAMED)
    assert not strong(dict(cot_only, cot_elicitation=1.0), f, cfg)  # the learned reader's alone
    named = dict(f, content_n=200.0, cot_named_share=1.0)
    assert strong(dict(cot_only, cot_elicitation=1.0), named, cfg)


BENCH_KNOBS = {"temperature": 0, "max_tokens": 5}
ALPACA_WRAP = "Below is an instruction that describes a task. Write a response.\n\n### Instruction:\n{x}\n\n### Response:\n"
# A harvest that blocks on what it asks for, not only on how its prompts read (score.STYLE): the
# teacher's reasoning for every item (Orca-style rationales), a chain-of-thought cue on each prompt.
RATIONALE_WRAP = ALPACA_WRAP.replace(
    "Write a response.", "Think step by step and explain your reasoning, then answer."
)


def mmlu_like(key: str, n: int, **kw) -> list[TrafficEvent]:
    return [
        ev(
            key,
            i,
            MMLU_LIKE.format(t=TOPICS[i % 5], y=1800 + i, t2=TOPICS[(i + 2) % 5]),
            params=BENCH_KNOBS,
            **kw,
        )
        for i in range(n)
    ]


LESSON_APP = "Create a {kind} for {grade} {subject} students on {topic}. Keep it {tone} and include {extra}."


def test_a_templated_app_whose_prompts_read_as_instructions_is_not_blocked(monkeypatch):
    """Two blind reviewers' apps (session 17's quiz maker, session 19's teacher tools) were blocked
    on a template backed only by the style of what it carries: an app asking for lesson plans or
    quizzes writes self-contained instructions at volume, as a templated synthetic-data harvest
    does, and the style classifier cannot tell them apart. Style may take a key to suspect, never
    to block (score.STYLE); without that rule the same traffic is blocked."""
    import random

    rng = random.Random(0)
    kinds = ["lesson plan", "worksheet", "quiz", "rubric", "reading guide", "exit ticket", "unit outline"]
    subjects = ["biology", "algebra", "world history", "chemistry", "geography", "poetry", "physics"]
    topics = [f"{a} {b}" for a in ("intro to", "advanced", "review of", "projects on") for b in TOPICS]
    events = [
        ev(
            "app",
            i,
            LESSON_APP.format(
                kind=rng.choice(kinds),
                grade=f"grade {rng.randint(3, 12)}",
                subject=rng.choice(subjects),
                topic=rng.choice(topics),
                tone=rng.choice(["short", "engaging", "structured", "simple"]),
                extra=rng.choice(["an answer key", "three examples", "a warm-up", "a group activity"]),
            ),
        )
        for i in range(600)
    ]
    levels = [a.level for a in map(Detector(DetectorConfig(seed=0)).observe, events)]
    assert "suspect" in levels and "block" not in levels
    monkeypatch.setattr("stillroom.detector.score.STYLE", ())  # the rule before session 19
    levels = [a.level for a in map(Detector(DetectorConfig(seed=0)).observe, events)]
    assert "block" in levels


def test_a_key_with_an_evaluation_history_needs_more_than_a_wrapper_to_be_blocked():
    """A safety red-team study (a reviewer's blind persona, session 16) was labelled `evaluation`
    from its request 357, then blocked at 2,172 while grading its own samples with the model (a
    fixed grading wrapper over items that read as instruction data). After `EVALUATED_MIN`
    requests labelled evaluation, such evidence takes a key to suspect, not block; data-generation
    requests still block it. A fresh key sending the same wrapper is blocked as before."""
    items = rows("codealpaca_2k", 400)

    def harvest(key: str, start: int) -> list[TrafficEvent]:
        return [ev(key, start + i, RATIONALE_WRAP.format(x=x)) for i, x in enumerate(items)]

    fresh = run(harvest("k", 0)).keys["k"].last
    assert fresh.level == "block", fresh.reasons
    det = run(mmlu_like("k", 250) + harvest("k", 250))
    st = det.keys["k"]
    assert evaluated(st.evaluated, st.items), (st.evaluated, st.items)
    assert st.last.level == "suspect", (st.last.level, st.last.reasons)
    assert any("were evaluation items or reviews" in r for r in st.last.reasons), st.last.reasons
    seed = "Come up with 20 diverse task instructions. Here are some examples:\n1. {a}\n2. {b}\n3. {c}\n"
    datagen = [ev("k", 700 + i, seed.format(a=items[i], b=items[i + 1], c=items[i + 2])) for i in range(80)]
    for e in datagen:
        det.observe(e)
    assert det.keys["k"].last.level == "block", det.keys["k"].last.reasons


def test_a_benchmark_run_sent_first_does_not_cap_a_harvest_for_good():
    """A review: the evaluation history counted every request the key was *labelled* on, so a
    distiller sending ~100 public benchmark items first was capped at suspect for good, whatever it
    harvested next. Now only evaluation items (and reviews of its served replies) count, and only
    while they are a fifth of the key's prompts: 150 items, then a rationale harvest, is suspect
    (the reason shown) while the items are a fifth of the traffic and blocked after."""
    items = rows("codealpaca_2k", 900)
    det = Detector(DetectorConfig(seed=0))
    for e in mmlu_like("k", 150):
        det.observe(e)
    st = det.keys["k"]
    assert st.last.verdict == "evaluation" and st.evaluated >= EVALUATED_MIN
    out = [det.observe(ev("k", 150 + i, RATIONALE_WRAP.format(x=x))) for i, x in enumerate(items)]
    assert out[-1].level == "block", (st.evaluated, st.items, out[-1].reasons)
    capped = [a for a in out if any("were evaluation items or reviews" in r for r in a.reasons)]
    assert capped and all(a.level == "suspect" for a in capped)
    assert not any("were evaluation items or reviews" in r for r in out[-1].reasons)


def test_reviews_of_served_replies_count_only_up_to_the_evaluation_items():
    """Grading the answers it harvested is a distiller's own filtering step, not a cost (a review):
    reviews of served replies count toward the evaluation history only up to as many evaluation
    items as the key sent."""
    assert evaluation_history(120.0, 690.0) == 240.0
    assert evaluation_history(184.0, 257.0) == 368.0  # blind round 4's red-team study at its 2,075th prompt
    assert evaluation_history(0.0, 400.0) == 0.0
    assert not evaluated(evaluation_history(150.0, 400.0), 2150)
    assert evaluated(evaluation_history(184.0, 257.0), 2075)  # still capped: 17.7% of its prompts


JUDGE = (
    "Please act as an impartial judge and evaluate the quality of the response provided by an AI "
    "assistant to the user question below. Rate the response on a scale of 1 to 10 and output your "
    "rating as [[rating]].\n\n[Question]\n{q}\n\n[The Start of Assistant's Answer]\n{a}\n"
    "[The End of Assistant's Answer]"
)


@pytest.mark.parametrize("own_question", [True, False])
def test_grading_harvested_answers_buys_no_evaluation_history(own_question):
    """A review (session 17): 150 benchmark items first, then a harvest with a judge call over every
    4th served answer, beside its question or beside a made-up one, stayed at suspect for good: the
    judge prompts read as test items by style and counted as evaluation items. A review counts only
    over a reply to a public benchmark item, and grading texts we never served counts as none."""
    items = rows("codealpaca_2k", 1000)
    det = Detector(DetectorConfig(seed=0))
    events = mmlu_like("k", 150)
    for e in events:
        det.observe(e)
    i, levels = len(events), []
    for h, x in enumerate(items):
        q = RATIONALE_WRAP.format(x=x)
        levels.append(det.observe(ev("k", i, q)).level)
        i += 1
        reply = f"Here is a solution for: {x[:60]} ... (answer {h}) with the details worked out."
        det.served("k", q, [reply])
        if h % 4 == 3:
            shown = q if own_question else ALPACA_WRAP.format(x="(omitted)")
            levels.append(det.observe(ev("k", i, JUDGE.format(q=shown, a=reply))).level)
            i += 1
    st = det.keys["k"]
    assert "block" in levels, (st.evaluated, st.reviewed, st.items, st.last.reasons)
    assert st.reviewed <= 4  # the reviewed questions were instruction items (one misread: a test item)


def test_the_evaluation_reason_is_shown_only_where_the_cap_decided(monkeypatch):
    """The "not blocked: ... evaluation" line was shown whenever a key with an evaluation history sat
    at suspect with a block-level score, also where nothing strong enough to block was there to cap
    (a review): it must name the cap only where the cap kept a block off."""
    items = rows("codealpaca_2k", 400)
    events = mmlu_like("k", 250) + [ev("k", 250 + i, RATIONALE_WRAP.format(x=x)) for i, x in enumerate(items)]
    last = run(events).keys["k"].last
    assert last.score >= 0.85 and any("were evaluation items or reviews" in r for r in last.reasons)
    monkeypatch.setattr("stillroom.detector.detector.strong", lambda *a: False)  # nothing strong
    last = run(events).keys["k"].last
    assert last.level == "suspect" and last.score >= 0.85
    assert not any("not blocked" in r for r in last.reasons), last.reasons


def test_a_linked_actor_is_judged_on_its_own_evidence_after_evaluation():
    """A key with an evaluation history whose score is its cluster's (an actor linked by its
    account) was capped by its *own* terms: its linked key's data-generation requests, which no
    evaluation sends, did not count (a review). The cluster's terms decide when its score does."""
    items = rows("codealpaca_2k", 400)
    seed = "Come up with 20 diverse task instructions. Here are some examples:\n1. {a}\n2. {b}\n3. {c}\n"
    acme = {"org": "acme"}
    det = run(
        mmlu_like("a", 250, account=acme)
        + [
            ev("b", 250 + i, seed.format(a=items[i], b=items[i + 1], c=items[i + 2]), account=acme)
            for i in range(80)
        ]
        + [ev("a", 330 + i, ALPACA_WRAP.format(x=x), account=acme) for i, x in enumerate(items[100:400])]
    )
    st = det.keys["a"]
    assert evaluated(st.evaluated, st.items), (st.evaluated, st.items)
    assert st.last.cluster is not None and st.last.score > st.own_score
    assert st.last.level == "block", st.last.reasons


def test_a_prompt_sent_again_is_not_counted_again():
    """A reviewer's university lab (195 students on one department key, each sending the handout's
    exercises: 5,920 requests, 653 distinct prompts) was blocked at request 233 on its few dozen
    exercises counted hundreds of times as dataset items (session 16). Content shares now count a
    prompt once while it is in the key's window; the same items sent once each still count."""
    items = rows("codealpaca_2k", 300)
    rng = __import__("random").Random(0)
    lab = [items[rng.randrange(25)] for _ in range(300)]
    det = run(
        [ev("lab", i, x) for i, x in enumerate(lab)] + [ev("replay", i, x) for i, x in enumerate(items)]
    )
    lab_w, replay_w = det.keys["lab"].window, det.keys["replay"].window
    assert lab_w.counts["c.sampled"] <= 25, dict(lab_w.counts)
    assert replay_w.counts["c.sampled"] >= 100
    assert det.keys["lab"].last.level in ("ok", "watch"), det.keys["lab"].last.reasons


def test_a_long_prompt_that_varies_only_in_its_middle_is_no_repeat():
    """The repeat check first hashed the features' view (the first 1,536 and last 512 characters):
    a data-generation meta-prompt padded past 2,048 characters with its seed examples in the middle
    read as one prompt repeated, stopped being classified and fell from block to watch (a review).
    (Its data-generation request sits past the phrase patterns' window, so only the learned reader
    names it: suspect, not block, since session 26's `score.blocking`. Since session 41's retraining
    the reader gives the clipped view, padding and all, p 0.905 against its threshold 0.934: the key
    is suspect on the classified prompts' packed tasks instead.)"""
    head, tail = "Context for this batch. " * 75, " Keep the same format as before." * 25
    seed = "Come up with 20 diverse task instructions. Here are some examples:\n1. {a}\n2. {b}\n3. {c}\n"
    items = rows("codealpaca_2k", 90)
    prompts = [head + seed.format(a=items[i], b=items[i + 1], c=items[i + 2]) + tail for i in range(60)]
    det = run([ev("k", i, p) for i, p in enumerate(prompts)])
    st = det.keys["k"]
    assert st.window.counts["c.sampled"] == 60
    content = {"data_generation", "packed_tasks"} & set(st.last.contributions)
    assert st.last.level == "suspect" and content, st.last.reasons


def test_a_suite_the_item_table_cannot_name_links_no_evaluators():
    """XSTest's prompts are mostly too short to be looked up as public items (149 of 450 are), so
    an exaggerated-safety run is labelled `evaluation` on its settings and style alone; a suite
    runner that ran XSTest later, while labelled `watch` by its open-ended suites, shared enough of
    its templates and prompts to be linked to it (TUNE suite, 2 of 6 sampling seeds). Nothing
    links to a key labelled `evaluation` now; the same runner is linked under the old rule."""
    xs = rows("xstest", 450)
    chat = rows("arena_even", 300)
    greedy = {"temperature": 0, "max_tokens": 256}
    safety = [ev("safety", i, x, params=greedy) for i, x in enumerate(xs)]
    runner = [ev("runner", 500 + i, x) for i, x in enumerate(chat)]  # open-ended first: not evaluation
    runner += [ev("runner", 800 + i, x, params=greedy) for i, x in enumerate(xs[:150])]
    det = run(safety + runner)
    assert det.keys["safety"].last.verdict == "evaluation", det.keys["safety"].last.reasons
    assert det.clusters.members("safety") == {"safety"}, det.clusters.members("safety")
    old = Detector(DetectorConfig(seed=0))
    old.clusters.public = None  # the rule before: pool items link to any key
    for e in safety + runner:
        old.observe(e)
    assert "runner" in old.clusters.members("safety")

"""Each detector feature pinned on hand-made traces, and the window's running sums against brute force."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from stillroom.detector.features import (
    Window,
    extract,
    features,
    periodicity,
    raw_chat,
    topic_breadth,
    topic_entropy,
)
from stillroom.detector.prada import Prada, shapiro_w
from stillroom.detector.score import harvest_signal
from stillroom.detector.text import DIM, skeleton_of, sketch, words
from stillroom.detector.types import TrafficEvent

TOPICS = [
    "photosynthesis",
    "inflation",
    "recursion",
    "the French Revolution",
    "entropy",
    "copyright law",
    "sourdough bread",
    "eigenvalues",
    "vaccines",
    "counterpoint",
    "plate tectonics",
    "game theory",
]
CHAT = [
    "I'm trying to understand how photosynthesis works in desert plants.",
    "You said CAM plants open their stomata at night, why would that help them?",
    "That makes sense. Does it mean they grow more slowly than other plants?",
    "Thanks! Could you elaborate on the enzyme you mentioned earlier?",
    "And if the night is also hot, does the trick still work?",
]


def window_of(events: list[TrafficEvent], size: int = 200) -> Window:
    w = Window(size, top_logprobs_high=5, max_tokens_high=2048)
    for e in events:
        w.add(extract(e))
    return w


def ev(prompt: str, ts: float, key: str = "k", messages=None, **params) -> TrafficEvent:
    return TrafficEvent(key, ts, "chat", prompt, messages, params)


def sweep(n: int = 60) -> list[TrafficEvent]:
    cells = itertools.product(TOPICS, ["a beginner", "an expert", "a child"])
    return [
        ev(f"Write a short explanation of {t} for {a}, with one example.", i * 3.0)
        for i, (t, a) in zip(range(n), itertools.cycle(cells), strict=False)
    ]


def chat() -> list[TrafficEvent]:
    out, msgs, t = [], [], 0.0
    for i, text in enumerate(CHAT):
        msgs = [*msgs, {"role": "user", "content": text}]
        out.append(ev(text, t, messages=msgs))
        msgs = [
            *msgs,
            {"role": "assistant", "content": f"CAM plants fix carbon at night using an enzyme {i}."},
        ]
        t += 40 + 30 * i
    return out


def test_skeleton_masks_slots_and_keeps_the_template():
    a = skeleton_of(words("Write a short explanation of photosynthesis for a beginner"))
    b = skeleton_of(words("Write a short explanation of the French Revolution for an expert"))
    assert a == b == "write short _ of _ for _"
    assert (
        sketch("Write a short explanation of entropy").skeleton
        == sketch("Write a short explanation of tax").skeleton
    )


def test_template_sweep_scores_high_on_templating_and_a_focused_chat_does_not():
    f_sweep = features(window_of(sweep()))
    f_chat = features(window_of(chat()))
    assert f_sweep["templating"] >= 0.95
    assert f_chat["templating"] <= 0.2
    assert f_chat["multi_turn_share"] == pytest.approx(0.8)  # every turn after the first
    assert f_chat["followup_share"] == pytest.approx(0.8)
    assert f_sweep["multi_turn_share"] == f_sweep["followup_share"] == 0.0


def test_near_duplicates_are_found_and_distinct_prompts_are_not():
    base = "Please translate the following sentence into formal French and explain every idiom you used: {}"
    dups = [ev(base.format("the cat sat on the mat."), i) for i in range(10)]
    assert features(window_of(dups))["near_dup"] == pytest.approx(0.9)  # all but the first
    distinct = [
        ev(f"{t} and why it matters to {a}", i) for i, (t, a) in enumerate(zip(TOPICS, CHAT, strict=False))
    ]
    assert features(window_of(distinct))["near_dup"] == 0.0


def test_harvest_knobs():
    lp = [
        ev(
            "Explain entropy.",
            i,
            logprobs=True,
            top_logprobs=20,
            n=4,
            temperature=[0.0, 0.5, 1.0, 1.5][i % 4],
            max_tokens=4096,
        )
        for i in range(20)
    ]
    f = features(window_of(lp))
    assert f["top_logprobs_share"] == f["n_multi_share"] == f["max_tokens_share"] == 1.0
    assert f["temperatures"] == 4
    assert harvest_signal(f) == 1.0
    plain = features(
        window_of([ev("Explain entropy.", i, temperature=0.7, max_tokens=256) for i in range(20)])
    )
    assert harvest_signal(plain) == 0.0
    assert features(window_of([ev("Solve this step by step: 2x+3=7", 0)]))["cot_cue_share"] == 1.0


def test_step_by_step_as_content_is_no_reasoning_cue():
    """'step-by-step' naming what an article or how-to should contain is not a request for the
    model's reasoning (blind round 9's SEO pipeline: 878 of 1,612 prompts counted, suspect from
    the harvest term); asking to think, solve or work through it step by step still is."""
    content = [
        "Write the section 'Patio heaters: costs' (300 words). Cover: costs, step-by-step, maintenance.",
        "Give me a step by step guide to baking sourdough bread.",
        "Can you give step by step instructions on replacing a bike chain?",
    ]
    reasoning = [
        "Solve this step by step: 2x+3=7",
        "How many legs do 3 spiders have? Let's think step by step.",
        "A train leaves at 3 pm at 60 km/h.\n\nWork through it step by step.",
        "Is 91 prime? Think step-by-step and justify your steps.",
    ]
    assert features(window_of([ev(p, i) for i, p in enumerate(content)]))["cot_cue_share"] == 0.0
    assert features(window_of([ev(p, i) for i, p in enumerate(reasoning)]))["cot_cue_share"] == 1.0


def test_magpie_and_edge_probing():
    magpie = [
        TrafficEvent("k", 0, "completions", "<|im_start|>user\n"),
        ev("", 1, messages=[{"role": "user", "content": ""}]),
        ev("", 2, messages=[{"role": "user", "content": "x"}, {"role": "assistant", "content": ""}]),
    ]
    assert features(window_of(magpie))["magpie_share"] == 1.0
    normal = features(window_of([ev("What is the capital of France?", 0)]))
    assert normal["magpie_share"] == normal["edge_share"] == 0.0
    assert features(window_of([ev("What are the edge cases of integer parsing?", 0)]))["edge_share"] == 1.0


def test_magpie_with_a_system_turn_and_other_templates():
    """The Magpie recipe sends a system turn before the bare user header (Qwen-style models), and
    other families' templates (Llama 3, Gemma); blind round 10's pre-query harvest was missed."""
    pre = [
        "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n",
        "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
        "<|start_header_id|>user<|end_header_id|>\n\n",
        "<bos><start_of_turn>user\n",
    ]
    events = [TrafficEvent("k", i, "completions", p) for i, p in enumerate(pre)]
    assert features(window_of(events))["magpie_share"] == 1.0
    asked = "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"
    assert features(window_of([TrafficEvent("k", 0, "completions", asked)]))["magpie_share"] == 0.0


def test_timing_regular_vs_poisson():
    rng = random.Random(0)
    regular = features(window_of([ev(f"q {i}", 60.0 * i) for i in range(100)]))
    assert regular["gap_cv"] < 1e-6 and regular["periodicity"] == 1.0
    assert regular["rate_per_hour"] == pytest.approx(60.0)
    t, poisson = 0.0, []
    for i in range(150):
        t += rng.expovariate(1 / 60)
        poisson.append(ev(f"q {i}", t))
    f = features(window_of(poisson))
    assert 0.75 < f["gap_cv"] < 1.25 and f["periodicity"] < 0.3


def test_topic_breadth_matches_brute_force_pairwise_cosine():
    vecs = [sketch(f"{t} {t} basics").vec for t in TOPICS[:6]] + [sketch("entropy and heat").vec]
    brute = 1 - np.mean([float(a @ b) for a, b in itertools.permutations(vecs, 2)])
    assert topic_breadth(np.sum(vecs, axis=0, dtype=np.float64), len(vecs)) == pytest.approx(brute, abs=1e-5)
    narrow = [ev(f"My order {i} arrived damaged, I want a refund for the broken order", i) for i in range(30)]
    broad = [ev(f"Tell me about {t}", i) for i, t in enumerate(TOPICS)]
    assert features(window_of(narrow))["breadth"] < 0.2 < 0.8 < features(window_of(broad))["breadth"]
    assert topic_entropy(np.zeros(DIM)) == 0.0


def test_window_running_sums_equal_a_recount_after_eviction():
    rng = random.Random(1)
    prompts = [
        f"Explain {rng.choice(TOPICS)} to {rng.choice(['a child', 'a nurse'])} please"
        if rng.random() < 0.5
        else f"{rng.choice(CHAT)} {i}"
        for i in range(120)
    ]
    events = [ev(p, i * rng.uniform(1, 9), logprobs=rng.random() < 0.3) for i, p in enumerate(prompts)]
    w = window_of(events, size=25)
    fresh = window_of(events[-25:], size=25)
    fw, ff = features(w), features(fresh)
    for k in ("templating", "logprobs_share", "breadth", "topic_entropy", "n_window"):
        assert fw[k] == pytest.approx(ff[k], abs=1e-6), k
    assert fw["n_total"] == 120 and ff["n_total"] == 25


def test_periodicity_and_shapiro_reference_points():
    assert periodicity(np.full(20, 5.0)) == 1.0
    assert shapiro_w(np.full(40, 0.3)) == 0.0  # a constant sample is as non-normal as it gets
    assert shapiro_w(np.random.default_rng(0).normal(size=200)) > 0.98


def test_shapiro_w_is_scipys_statistic():
    """Our W (without scipy.stats.shapiro's per-call overhead) must be the statistic the PRADA
    threshold was set on: every sample size PRADA uses, normal, skewed, uniform and tied data."""
    from scipy.stats import shapiro

    rng = np.random.default_rng(1)
    for n in (3, 4, 5, 6, 7, 30, 31, 64, 199, 500):
        for d in (
            rng.normal(size=n),
            rng.exponential(size=n),
            rng.uniform(size=n),
            np.round(rng.uniform(size=n), 1),
        ):
            assert abs(shapiro_w(d) - float(shapiro(d).statistic)) < 1e-7, n


def test_prada_separates_a_sweep_from_natural_queries():
    sweep_p, natural_p = Prada(DIM, min_dists=20, every=1), Prada(DIM, min_dists=20, every=1)
    for e in sweep(120):
        sweep_p.add(sketch(e.prompt).vec)
    rng = random.Random(3)
    vocab = [w for t in TOPICS + CHAT for w in words(t) if len(w) > 3]
    for _ in range(120):
        natural_p.add(sketch(" ".join(rng.sample(vocab, rng.randint(3, 12)))).vec)
    assert sweep_p.w is not None and natural_p.w is not None
    assert sweep_p.w < natural_p.w


def test_keyword_prefilter_matches_the_regexes():
    """COT/EDGE run only when one of their words occurs (a speed-up): the answer must be the
    regex's own on every text (checked on all 50,090 real turns in ../shared/traffic: 0 differ)."""
    from stillroom.detector.features import COT, COT_WORDS, EDGE, EDGE_WORDS, _matches

    texts = [
        "Let's think STEP BY STEP about this.",
        "Show your work, please",
        "Chain-of-thought: go",
        "What IF the input is empty?",
        "a Counter-example to this claim",
        "Handle MALFORMED rows",
        "explain how tides work",
        "the boundary of the set",
        "nothing to see here",
    ]
    for t in texts:
        for pattern, keys in ((COT, COT_WORDS), (EDGE, EDGE_WORDS)):
            assert _matches(pattern, keys, t.lower()) == bool(pattern.search(t)), (t, pattern.pattern[:20])


def keyed_window(events: list[TrafficEvent]) -> Window:
    """A window fed as the detector feeds it: each prompt with the key's previous one."""
    w, prev = Window(200, top_logprobs_high=5, max_tokens_high=2048), None
    for e in events:
        w.add(extract(e, previous=prev))
        prev = e.prompt
    return w


def test_topic_breadth_reads_the_slot_inside_a_constant_wrapper():
    """A constant wrapper around diverse items is a sweep: its words, repeated in every prompt,
    must not make the items look like one topic (they did: breadth fell below the sweep ramp)."""
    items = [f"{a} {t}" for t in TOPICS for a in ("Explain", "Summarise the history of", "List facts about")]
    wrapper = (
        "You are completing a dataset of high quality answers. Please read the task below carefully "
        "and answer thoroughly with examples and details.\n\nTask: {}\n\nAnswer in full sentences."
    )
    wrapped = [ev(wrapper.format(x), i) for i, x in enumerate(items)]
    raw = [ev(x, i) for i, x in enumerate(items)]
    b_wrapped = features(keyed_window(wrapped))["breadth"]
    b_raw = features(keyed_window(raw))["breadth"]
    assert b_wrapped == pytest.approx(b_raw, abs=0.05)
    assert b_wrapped > 0.7  # inside the sweep ramp (0.5-0.85)
    assert features(window_of(wrapped))["breadth"] < 0.3  # the whole prompts: the wrapper dominates


def test_chat_transcripts_on_the_completions_endpoint_count_as_templated():
    assert raw_chat("USER: Write a haiku about rain.\nASSISTANT:")
    assert raw_chat("### Instruction:\nSort the list.\n\n### Input:\n3, 1, 2\n\n### Response:\n")
    assert raw_chat("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n")
    assert raw_chat("[INST] Name three rivers. [/INST]")
    assert not raw_chat("Question: What is 2+2?\nAnswer:")  # a harness format has no role tags
    assert not raw_chat("def add(a, b):\n    return")
    assert not raw_chat("USER: hi\nASSISTANT: hello\nUSER: and then?")  # ends on the user's turn
    items = [f"USER: {a} {t}\nASSISTANT:" for t in TOPICS for a in ("Explain", "Write a poem about")]
    comp = [TrafficEvent("k", float(i), "completions", p, None, {}) for i, p in enumerate(items)]
    f = features(keyed_window(comp))
    assert f["templating"] == 1.0
    assert f["breadth"] > 0.7  # the role tags are the template, not the topic
    chat_ep = [ev(p, float(i)) for i, p in enumerate(items)]
    assert features(keyed_window(chat_ep))["breadth"] < 0.5  # tags stripped only on completions

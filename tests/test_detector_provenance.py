"""Content evidence for the detector: the provenance classifier, the recognisers, per-key evidence.

The strings here are written for these tests (not copied from any dataset). The last test reads
../shared/traffic (skipped when absent), trains on the TUNE sources only and checks that the
classifier still separates instruction-style prompts from the rest on sources it never saw.
"""

from __future__ import annotations

import importlib
import itertools
import math
from pathlib import Path

import numpy as np
import pytest

from stillroom.detector import aggregate, content, evaluation, provenance, recognisers
from stillroom.detector.types import TrafficEvent

ROOT = Path(__file__).resolve().parents[1]
TRAFFIC = ROOT / ".." / "shared" / "traffic"

INSTRUCTION = "Create a function that takes a list of integers and returns the sum of the even numbers.\n\nInput: [4, 7, 10]"
HUMAN = "hey so my laptop keeps freezing whenever i open chrome, i already tried restarting it twice. any idea what's going on??"
EVAL = (
    "The following are multiple choice questions (with answers) about geography.\n\n"
    "Which of these rivers is the longest?\nA. Thames\nB. Danube\nC. Nile\nD. Seine\nAnswer:"
)


def test_shipped_model_loads_small_and_scores():
    assert provenance.MODEL_PATH.stat().st_size <= 2_000_000
    model = provenance.default_model()
    assert model.weights.shape == (provenance.N_FEATURES, 3)
    assert "huatuo_med_zh" in model.meta["sources"]  # the shipped model saw every labelled source
    for text in (INSTRUCTION, HUMAN, EVAL, "", "x" * 40_000, "小明有8个苹果，分给4个朋友，每人几个？"):
        p = provenance.classify(text)
        assert math.isclose(sum(p), 1.0, abs_tol=1e-5) and min(p) >= 0


PINNED = {  # measured on the shipped model (bench/provenance.py build); a rebuild must keep them
    "instruction": (INSTRUCTION, (0.599, 0.151, 0.250)),
    "human": (HUMAN, (0.216, 0.716, 0.068)),
    "eval": (EVAL, (0.161, 0.074, 0.765)),
}


@pytest.mark.parametrize("label", PINNED)
def test_pinned_predictions(label):
    text, expected = PINNED[label]
    p = provenance.classify(text)
    assert p.label == label
    assert np.allclose(p, expected, atol=0.01)


# Instruction-set items as a disguised distiller sends them: inside a person's chatter. Neither the
# items nor the chatter come from the training data (written here).
FRAMED_ITEMS = (
    "Write a function that returns the second largest number in a list of integers.",
    "Classify the following sentence as positive, negative or neutral: The service was slow but the food was great.",
    "Generate a list of five creative names for a coffee shop.",
    "Rewrite the following paragraph in the passive voice.\nInput: The committee approved the new budget on Monday.",
    "Explain the difference between mitosis and meiosis in three sentences.",
    "Translate the sentence 'Where is the nearest train station?' into French.",
    "Summarize the main causes of the French Revolution.",
    "Create a SQL query that selects all customers who placed more than three orders in 2020.",
)
FRAMES = (
    ("hiya, hope you're well!", "cheers"),
    ("ugh long day. anyway,", "ty in advance"),
    ("ok weird request maybe", ""),
    ("", "much appreciated, you're the best"),
)


def _framed(text: str) -> list[str]:
    return [" ".join(x for x in (a, text, z) if x) for a, z in FRAMES]


def test_chatter_around_an_item_does_not_make_it_human():
    """The shipped model is trained with framed copies of its prompts (bench/provenance.py
    `framed`): before that, these 32 framed items read as instruction style 6 times (every
    opening or closing pleasantry flipped the label); now 15. A person's own prompt inside the
    same chatter stays human."""
    framed = [provenance.classify(t).label for item in FRAMED_ITEMS for t in _framed(item)]
    assert framed.count("instruction") >= 12
    assert all(provenance.classify(t).label == "human" for t in _framed(HUMAN))


def test_features_are_deterministic_and_bounded_for_long_prompts():
    long = "word " * 10_000
    i1, v1 = provenance.featurise(long)
    i2, v2 = provenance.featurise(long)
    assert np.array_equal(i1, i2) and np.array_equal(v1, v2)
    assert len(i1) < 6 * provenance.MAX_CHARS  # head + tail only, however long the paste
    assert i1.max() < provenance.N_FEATURES and i1.min() >= 0
    assert provenance.clip("a" * 5000).startswith("a" * provenance.HEAD)


@pytest.mark.parametrize(
    "text",
    [
        "Come up with 15 diverse task instructions for a language model. Here are three seed tasks:",
        "Act as a prompt rewriter: rewrite the given prompt into a more complex version.\n#Given Prompt#: sort a list",
        "From the article below, generate 8 question-answer pairs for a quiz dataset.",
        "Produce synthetic training data: 40 short support chats between a user and an AI assistant.",
        "给出20个多样化的任务指令",
        "<|user|>",
    ],
)
def test_data_generation_positive(text):
    assert recognisers.data_generation(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Give me 10 ideas for my daughter's birthday party",
        "Can you give me more examples of how to use the past perfect?",
        "Write instructions for assembling a bookshelf",
        "What data set would you use to study housing prices?",
    ],
)
def test_data_generation_negative(text):
    assert recognisers.data_generation(text) is None


def test_cot_elicitation():
    assert recognisers.cot_elicitation("How far is 3 km in miles? Let's think this through step by step.")
    assert recognisers.cot_elicitation("Is 91 prime? Explain your reasoning.") == "explain_reasoning"
    system = "You are a helpful assistant. Think step-by-step and justify your steps."
    assert recognisers.cot_elicitation("Translate 'bonjour'.", system=system) == "orca_system"
    assert recognisers.cot_elicitation("What time does the bakery open on Sundays?") is None
    assert recognisers.cot_elicitation("I took a step back from the project.") is None


@pytest.mark.parametrize(
    "text",
    [
        "Before answering, reason through the problem step by step.",
        "Work through it step by step.",
        "Explain your thinking in detail as you go.",
        "Write out your full chain of reasoning before the final answer.",
        "Always think aloud.",
    ],
)
def test_cot_elicitation_wider_wordings(text):
    """Phrasings of the same request that the first patterns missed (words between the verb and
    "step by step", "thinking", "chain of reasoning", "think aloud")."""
    assert recognisers.cot_elicitation(text) is not None


@pytest.mark.parametrize(
    "fn,text",
    [
        ("cot", "Articulate the internal reasoning behind your answer and write it out step by step."),
        ("cot", "First, think about the problem inside <thinking> tags, then answer inside <answer> tags."),
        ("cot", "Here is a question and its answer. Write the detailed reasoning that leads to the answer."),
        ("cot", "Take a deep breath and work on this problem step-by-step."),
        ("cot", "Describe, step by step, how you arrived at the answer."),
        ("cot", "请先分析问题，再给出答案，并解释你的思路。"),
        ("rubric", "Evaluate the following response for accuracy. Give a score from 1 to 10 and explain."),
        ("rubric", "Which of these two answers is more helpful? Respond with 'Response 1' or 'Response 2'."),
        ("rubric", "Critique the following answer and give it a rating out of 10."),
        ("rubric", "Rank the following three responses from best to worst."),
        ("datagen", "Generate a new, harder version of the following instruction."),
        ("datagen", "请生成10条不同领域的指令及其回答。"),
    ],
)
def test_recognisers_read_general_wordings(fn, text):
    """Session 11: of 47 wordings written here as attack scripts might phrase them, the phrase lists
    matched 21; the
    general forms (a verb asking for text + a reasoning noun, reasoning tags, step by step about a
    problem or an answer, grading verb + model output + a score range) match these."""
    recognise = {
        "cot": recognisers.cot_elicitation,
        "rubric": recognisers.rubric_grading,
        "datagen": recognisers.data_generation,
    }[fn]
    assert recognise(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Give me a step by step guide to baking sourdough bread.",
        "Explain the history of the Roman Empire in detail.",
        "Which phone has the better camera, the Pixel or the iPhone?",
        "Write 4 distinct Midjourney prompts for the concept 'a girl by the sea'.",
        "Can you review my cover letter and suggest improvements?",
    ],
)
def test_recognisers_leave_look_alikes_alone(text):
    assert recognisers.cot_elicitation(text) is None
    assert recognisers.rubric_grading(text) is None
    assert recognisers.data_generation(text) is None


def test_evol_rewrite_of_the_following_prompt():
    text = (
        "Rewrite the following prompt into a more complex version that is harder to handle.\n\n"
        "Original prompt:\nSort a list of numbers.\n\nRewritten prompt:"
    )
    assert recognisers.data_generation(text) == "evol_instruct"
    assert recognisers.data_generation("Rewrite the following sentence in a formal tone: hi there") is None


def test_rubric_grading():
    assert recognisers.rubric_grading("You are an impartial judge. Score the reply, then print [[7]].")
    assert recognisers.rubric_grading("Rate each response on a scale of 1 to 5 for clarity.") == "scale"
    assert recognisers.rubric_grading("Which of the two answers is better, response A or response B?")
    assert recognisers.rubric_grading("On a scale of 1 to 10, how spicy is vindaloo?") is None
    assert recognisers.rubric_grading("My teacher graded my essay harshly, what can I do?") is None


def test_evaluation_formats():
    assert evaluation.item_format(EVAL) == "options"
    stub = 'def add(a: int, b: int) -> int:\n    """Return the sum of a and b.\n    >>> add(2, 3)\n    5\n    """\n'
    assert evaluation.item_format(stub) == "code_stub"
    wrapped = (
        "Write a function to reverse words.\nYour code should pass these tests:\nassert rev('a b') == 'b a'"
    )
    assert evaluation.item_format(wrapped) == "tests"
    shots = "Q: 2+2?\nA: 4\n\nQ: 3+5?\nA: 8\n\nQ: 7+1?\nA:"
    assert evaluation.item_format(shots) is not None
    assert evaluation.item_format("can you help me write a cover letter for a barista job") is None
    assert evaluation.item_format("a") is None
    assert evaluation.math_word_problem(
        "Tom has 12 apples and gives 5 away. How many apples does he have left?"
    )
    assert not evaluation.math_word_problem("How many apples are in a bushel?")


def test_a_code_stub_in_a_chat_harness_fence():
    """A chat code harness sends the stub in a markdown fence under a one-line ask (lm-eval's
    humaneval_instruct, evalplus): a test item, as the bare stub is. The old stub test read only a
    prompt that was the stub itself (this fails on it: None)."""
    stub = 'def add(a: int, b: int) -> int:\n    """Return the sum of a and b, e.g. add(2, 3) == 5."""\n'
    assert evaluation.item_format(stub) == "code_stub"
    for ask in ("Complete the following Python function.", "Write a solution to the following problem:"):
        assert evaluation.item_format(f"{ask}\n\n```python\n{stub}```") == "code_stub"
        assert evaluation.item_format(f"{ask}\n```py\n{stub}\n```\nReturn only the code.") == "code_stub"
    # simple-evals' HumanEval: its ask, then the stub unfenced
    ask = "Read the following function signature and docstring, and fully implement the function described."
    assert evaluation.item_format(f"{ask}\n{stub}") == "code_stub"
    # or in a fence left open for the model to continue (completion-style instruct prompts)
    assert evaluation.item_format(f"Complete this:\n```python\n{stub}") == "code_stub"
    # the stub pasted into a long message, a function with a body: no test item
    assert evaluation.item_format("Context:\n" + "x = 1\n" * 80 + f"```python\n{stub}```") is None
    body = stub + "    return a + b\n"
    assert evaluation.item_format(f"Why does this fail?\n```python\n{body}```") is None
    assert evaluation.item_format("Context:\n" + "x = 1\n" * 80 + stub) is None
    assert evaluation.item_format(f"Why does this fail?\n{body}") is None


def test_known_items_survive_a_wrapper():
    item = (
        "A merchant sells 17 lanterns for 3 coins each and buys oil for 9 coins; what is his profit in coins?"
    )
    table = frozenset(evaluation.item_keys(item))
    assert evaluation.known_item(item, table)
    assert evaluation.known_item("Answer the question below.\n" + item + "\nAnswer:", table)
    assert not evaluation.known_item("A merchant sells lanterns. What should he charge?", table)


def test_settings():
    assert evaluation.settings({"temperature": 0, "max_tokens": 5}) == ("greedy", "short")
    assert "score_only" in evaluation.settings({"echo": True, "logprobs": 1, "max_tokens": 0}, "completions")
    assert "score_only" not in evaluation.settings(
        {"echo": True, "logprobs": 5, "max_tokens": 1}, "completions"
    )
    assert evaluation.settings({"n": 10, "temperature": 0.8}) == ("pass_at_k",)
    assert evaluation.settings({}) == ()


def test_wilson_bound_bounds_and_monotonicity():
    assert aggregate.wilson_lower(0, 0) == 0.0
    for n in (1, 5, 30, 300):
        prev = -1.0
        for k in range(n + 1):
            lb = aggregate.wilson_lower(k, n)
            assert 0.0 <= lb <= k / n + 1e-12 and lb >= prev
            prev = lb
    # at a fixed share the bound tightens with volume
    assert aggregate.wilson_lower(9, 10) < aggregate.wilson_lower(90, 100) < aggregate.wilson_lower(900, 1000)


def test_share_evidence_ramps_with_volume_and_ignores_occasional_hits():
    rule = aggregate.INSTRUCTION
    all_hits = [rule.evidence({"instruction": n}, n) for n in range(1, 80)]
    assert all(0.0 <= e <= 1.0 for e in all_hits)
    assert all(b >= a for a, b in itertools.pairwise(all_hits))
    assert all_hits[9] < aggregate.OPERATING_POINT  # 10 requests are not enough
    assert all_hits[59] == 1.0  # 60 all-instruction requests are
    # a power user with 40% instruction-like prompts never crosses, however long it runs
    assert rule.evidence({"instruction": 4000}, 10_000) == 0.0


def test_excess_llr_is_a_chernoff_bound_on_the_exact_binomial_tail():
    """exp(-llr) never understates the p-value of "share > p0" (scipy's exact tail), so evidence
    from small counts is not overstated; at or below p0 there is no evidence at all."""
    from scipy.stats import binom

    for n in (20, 100, 400):
        for k in range(n + 1):
            llr = aggregate.excess_llr(k, n, 0.01)
            if k <= 0.01 * n:
                assert llr == 0.0
            else:
                assert math.exp(-llr) >= binom.sf(k - 1, n, 0.01) * (1 - 1e-9), (k, n)
    rule = aggregate.ExcessRule(p0=0.01)
    assert rule.evidence(3, 1000) == 0.0 and rule.evidence(30, 1000) == 1.0
    assert rule.evidence(0.0, 0.0) == 0.0
    # a benign key below p0 stays at 0 however long it runs; one at 3x p0 is found with volume
    assert rule.evidence(50, 10_000) == 0.0
    assert rule.evidence(3, 100) < rule.evidence(30, 1000) == 1.0
    assert rule.pending(1, 50) and not rule.pending(0, 10) and not rule.pending(2, 400)


def test_tally_keeps_a_sliding_window():
    t = aggregate.Tally(size=3)
    for flags in [("instruction",), ("instruction",), (), ()]:
        t.add(flags)
    assert t.n == 3 and t.counts["instruction"] == 1


def test_content_flags_and_key_evidence():
    judge = TrafficEvent(
        "k",
        0.0,
        "chat",
        "Rate the response below on a scale of 1 to 10.\n\nResponse: Paris is in France.",
        messages=[
            {"role": "system", "content": "You are an impartial judge."},
            {"role": "user", "content": "Rate the response below on a scale of 1 to 10."},
        ],
        params={"temperature": 0, "max_tokens": 8},
    )
    flags = content.content_flags(judge)
    assert "rubric" in flags and "greedy" in flags and "eval_settings" in flags
    chat = TrafficEvent("k", 0.0, "chat", HUMAN, params={"temperature": 0.7})
    assert "rubric" not in content.content_flags(chat) and "eval_settings" not in content.content_flags(chat)
    ev = content.key_evidence({"rubric": 60, "eval": 2}, 60)
    assert ev["rubric_grading"] == 1.0 and ev["evaluation"] == 0.0
    assert all(0.0 <= v <= 1.0 for v in ev.values())
    assert content.key_evidence({}, 0) == dict.fromkeys(ev, 0.0)
    harness = content.key_evidence({"eval": 100, "eval_settings": 100}, 100)
    assert harness["evaluation"] == 1.0


def test_slot_strips_a_constant_wrapper_only():
    wrap = "Answer the user's request below.\n\n### Request:\n{}\n\n### Response:"
    first, second = wrap.format("what is a good name for a cat"), wrap.format("how tall is a giraffe")
    assert content.slot(second, first) == "how tall is a giraffe"
    assert content.slot(second, None) == second
    assert content.slot("how tall is it?", "how old is it?") == "how tall is it?"  # < 12 shared chars
    assert content.slot(first, first) == first  # identical prompts: nothing left, keep the text


@pytest.mark.slow
@pytest.mark.skipif(not TRAFFIC.is_dir(), reason="../shared/traffic is absent")
def test_val_sources_stay_separated_when_trained_on_tune_only(monkeypatch):
    """Train on TUNE sources (small caps to stay fast) and check the pooled VAL AUC of
    P(instruction): instruction-style VAL sources against human/eval-style VAL sources
    (measured at this cap: 0.898 and 0.896 for P(eval))."""
    pytest.importorskip("sklearn")  # a dev dependency: training only
    monkeypatch.syspath_prepend(str(ROOT / "bench"))  # undone after the test: bench/ shadows stdlib names
    bench = importlib.import_module("provenance")  # bench/provenance.py

    monkeypatch.setattr(bench, "CAP", 200)
    monkeypatch.setattr(bench, "_FRAMED", {})  # its caches are keyed by source, not by CAP
    monkeypatch.setattr(bench, "_CHATTER", {})
    names = list(bench.SOURCES)
    pools = {n: bench.load_pool(n) for n in names}
    feats = {n: bench.matrix(pools[n]) for n in names}
    data = bench.Data(pools, feats, bench.split("tune"))
    wts, b = bench.train(data.x, data.y, data.w)
    model = provenance.Model(wts, b, 1.0, {})
    val = bench.split("val")
    scores = {n: bench.probs(model, feats[n]) for n in val}
    assert bench.pooled_auc(scores, val, 0, "instruction") > 0.85
    assert bench.pooled_auc(scores, val, 2, "eval") > 0.85


@pytest.mark.skipif(not TRAFFIC.is_dir(), reason="../shared/traffic is absent")
def test_temperature_folds_train_on_no_chatter_of_the_sources_they_hold_out(monkeypatch):
    """bench/provenance.py frames training prompts in sentences mined from human sources
    (`chatter`): a source-group fold that holds such a source out must not train on its sentences
    (the held-out prompts' own openings and closings). Fits replaced by zeros: rows only."""
    monkeypatch.syspath_prepend(str(ROOT / "bench"))  # undone after the test: bench/ shadows stdlib names
    bench = importlib.import_module("provenance")  # bench/provenance.py
    monkeypatch.setattr(bench, "CAP", 30)
    monkeypatch.setattr(bench, "_FRAMED", {})  # its caches are keyed by source, not by CAP
    monkeypatch.setattr(bench, "_CHATTER", {})
    pools, feats = bench.load_all()
    data = bench.Data(pools, feats, list(bench.SOURCES))
    calls: list[tuple[str, ...]] = []
    used: list[set[str]] = []
    real = bench.framed

    def spy(name, pools, sources=bench.CHATTER_SOURCES):
        calls.append(sources)
        return real(name, pools, sources)

    def fit_nothing(x, y, w, c_reg=bench.C_REG, init=None):
        used.append(set().union(*calls))
        calls.clear()
        return np.zeros((x.shape[1], 3), np.float32), np.zeros(3, np.float32)

    monkeypatch.setattr(bench, "framed", spy)
    monkeypatch.setattr(bench, "train", fit_nothing)
    bench.out_of_source_logits(data, None)
    held = [{data.names[i] for i in np.unique(data.src[m])} for m in bench.group_folds(data)]
    assert any(h & set(bench.CHATTER_SOURCES) for h in held)  # some fold holds a chatter source out
    for out, mined in zip(held, used, strict=True):
        assert mined and not mined & out, (out, mined)
    unframed = bench.Data(pools, feats, list(bench.SOURCES), frame=False)  # provenance_embed's rows
    assert unframed.x.shape[0] == len(unframed.y) == sum(len(pools[n]) for n in unframed.names)


@pytest.mark.parametrize(
    "text",
    [
        "Generate 20 NEW and diverse task instructions for an LLM.",
        "Your task instructions will be given to a GPT model.",
        "Write 5 distinct user queries about tax law.",
        "生成10个不同的任务指令",
        "Add one more constraint and requirement to the prompt below.",
        "Increase the difficulty of the given question a bit.",
        "把这个问题改写成更复杂的问题",
        "Make the following instruction slightly more demanding.",
        "Output only the REVISED prompt.",
        "#Created Prompt#: build a parser",
        "Generate tasks for my team this week",  # keyword, no second word: no match either way
        "Give me a new recipe for soup",  # second word, no item: no match either way
    ],
)
def test_second_word_prefilter_matches_the_regexes(text):
    """`recognisers.ALSO` skips the regex unless a second word occurs (a speed-up): the answer must
    be the regex's own (checked on all 50,374 user turns and system prompts in ../shared/traffic:
    0 differ)."""
    for family in (recognisers.DATAGEN, recognisers.COT, recognisers.RUBRIC):
        regex = next((n for n, p in family.items() if p.search(text)), None)
        assert recognisers._first(family, text) == regex, (text, regex)


@pytest.mark.parametrize(
    ("wrapper", "expected"),
    [
        ("Summarize the following customer message in two sentences.\n\nMessage:\n", True),
        ("Translate the text below into Spanish.\n---\n\n---", True),
        ("Proofread this email and fix any typos:\n", True),
        ("Classify the sentiment of this review as positive or negative.\n", True),
        ("Write a short title for this conversation opener: ", True),
        ("请将以下内容翻译成英文：\n", True),
        # material named by a noun outside the first list (blind round 30's CAT plugin: suspect
        # 0.93 on templating until session 42; round 25's query router, round 10's SQL assistant)
        (
            "Translate the segment from English into Japanese for a patient leaflet. Return only the translation.",
            True,
        ),
        ("Classify each search query by the type of answer it expects.\n", True),
        ("Extract the parties from the clause below.\n", True),
        ("Summarise this log excerpt for the on-call engineer.\n", True),
        ("Fix the query. Reply in the same JSON format.\n", True),
        ("summarise  in a tweet", False),  # a task about a topic, not supplied material
        ("Below is an instruction that describes a task. Write a response.\n\n### Instruction:\n", False),
        ("You are a helpful assistant. Respond to the request below in full detail.\n\nRequest: ", False),
        ("Answer the following question step by step:\n", False),
        ("", False),
    ],
)
def test_transformation_wrappers(wrapper, expected):
    assert recognisers.transformation(wrapper) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Summarise this thread: decisions, owners.\n\n[14:51] Hanna: " + "we ship on Friday. " * 8, True),
        ("Translate the text below into German.\n\n" + "Dear Anna, thanks for the quote. " * 4, True),
        ("Summarise this thread.", False),  # nothing below the line
        ("Summarise this thread: decisions, owners, open questions and the next steps.\nok", False),
        ("Write a poem about the sea.\n\n" + "It should rhyme and have four stanzas. " * 4, False),
    ],
)
def test_leading_transformation(text, expected):
    assert recognisers.leading_transformation(text) is expected


def test_mt_bench_second_turns_are_known_items():
    """Before: the item table held first turns only, and MT-Bench keeps its second turn apart
    (`next_user_turns`): half of an MT-Bench run was no known item, and VAL's MT-Bench key was
    not labelled `evaluation` (session 12)."""
    import gzip
    import json
    import re

    path = TRAFFIC / "mt_bench.jsonl.gz"
    if not path.exists():
        pytest.skip("../shared/traffic not present")
    with gzip.open(path, "rt") as f:
        second = [t for line in f for t in json.loads(line).get("next_user_turns", [])]
    long_enough = [t for t in second if len(re.sub(r"\W+", "", t)) >= evaluation.MIN_ITEM_CHARS]
    assert len(long_enough) >= 50
    known = sum(evaluation.known_item(t) for t in long_enough)
    assert known >= 0.9 * len(long_enough), (known, len(long_enough))


def test_chinese_text_needs_a_larger_lead_to_read_as_instruction_data(monkeypatch):
    """Out of source, real Chinese users read as instruction-set items as often as Chinese
    instruction sets do (sharegpt_zh: 24% at margin 2, BELLE 58%, huatuo 18%, session 15), and a
    Chinese power user from a source the classifier never saw was flagged (0.93, 3 of 3 keys) on
    the mixed-items and minority rules. A lead that English text needs is not enough for Chinese."""

    class Fixed:
        def classify(self, text, features=None):
            return provenance.Provenance(0.8, 0.1, 0.1)

        def margin(self, p):
            return 2.5

    monkeypatch.setattr(content, "default_model", lambda: Fixed())

    def read(text):
        return content.content_flags(
            TrafficEvent("k", 0.0, "chat", text, [{"role": "user", "content": text}], {})
        )

    english = read("Write a short poem about the autumn rain falling on a quiet city street.")
    chinese = read("请写一首关于秋雨落在安静城市街道上的短诗，要求押韵，并解释其中的意象。")
    assert {"instruction", "item"} <= set(english)
    assert not {"instruction", "item"} & set(chinese)


def test_item_keys_skip_only_lines_that_cannot_reach_the_minimum():
    """item_keys skips ASCII parts shorter than MIN_ITEM_CHARS before normalising them (their
    normal form can only be shorter); a short non-ASCII line whose NFKC form is longer (ligatures,
    full-width letters) is still looked up: the same keys as normalising every part."""
    import random

    from stillroom.detector import evaluation as E

    def reference(text: str) -> list[int]:
        whole = [text] if len(text) <= 4096 else []
        lines = [x for x in text.splitlines()[: E.MAX_LINES] if len(x) <= 2048]
        parts = whole + [x for x in lines if x != text] + [E._LABEL.sub("", x, 1) for x in lines]
        return sorted({E.item_hash(n) for n in map(E.normalise_item, parts) if len(n) >= E.MIN_ITEM_CHARS})

    rng = random.Random(2)
    words = ["the", "Answer", "of", "x", "Question:", "(A)", "42", "ﬁnal", "Ｑｕｅｓｔｉｏｎ", "㎒", "é"]
    texts = ["ﬁ" * 25 + "\nshort line", "㎒" * 14, "a" * 39 + "\n" + "b" * 40, "x" * 5000]
    for _ in range(500):
        lines = [
            " ".join(rng.choice(words) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(1, 6))
        ]
        texts.append("\n".join(lines))
    for t in texts:
        assert E.item_keys(t) == reference(t), t
    assert E.item_keys("ﬁ" * 25)  # 25 characters, 50 after NFKC: looked up


def test_features_are_pinned():
    """The shipped weights index these exact features: a speed-up of `featurise` (one bucketing
    pass, substring cues before a regex scan) must give the same ids and values, bit for bit. The
    digest was taken before those rewrites (session 20) and checked equal after them; the same
    equality held on all 87,666 texts of ../shared/traffic. Session 51 compiled the hashing
    (`_feature_ids`, numba): equal ids and values to the numpy version on all 77,626 message
    texts of ../shared/traffic and 2,014 random and edge-case texts (up to 40,000 characters)."""
    import hashlib

    texts = [
        INSTRUCTION,
        HUMAN + " you know?",
        EVAL,
        "def f(x):\n    return x;  # see https://example.com\n\tpublic class A {}",
        "小明有8个苹果，分给4个朋友，每人几个？\n选项：A. 1 B. 2",
        "ＦＵＬＬ－ＷＩＤＴＨ　text, ﬁne ligatures and İstanbul",
        "",
        "word " * 3000,
    ]
    h = hashlib.sha256()
    for t in texts:
        idx, val = provenance.featurise(t)
        h.update(idx.tobytes())
        h.update(val.tobytes())
    assert h.hexdigest() == "6d917e0617a9a68ddddd55ced2746f900f72cec9bb05071d441e19a8dad44886"

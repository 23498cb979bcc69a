"""Blind round 11's first replay (bench/detector_blind.py) blocked two benign keys:

- a chat product's usage analytics, describing real users' conversations (quoted in
  `<conversation>` tags) in JSON: the learned reader took the quoted text, and the JSON field list,
  for data generation (16-28% of its prompts), which could block the key on its own;
- a multi-agent debate study on MMLU: chain-of-thought on every prompt, its items' inline
  "A) .. B) .. C) .." options and "put your final answer in the form (X)" read as no test item.
"""

from __future__ import annotations

from stillroom.detector import Detector, DetectorConfig, asks, content, evaluation
from stillroom.detector.types import TrafficEvent
from test_detector_verdicts import rows

WRAPPER = (
    "Below is a conversation between a user and our assistant.\n\n<conversation>\n{c}\n</conversation>\n\n"
    "Describe the conversation with a JSON object with these keys: summary, task_category, language."
)


def test_a_reading_the_quoted_text_carries_is_not_the_requests(monkeypatch):
    def reader(text, features=None):  # a learned reader that fires on a phrase inside the quote
        return ("datagen",) if "Create initial prompts" in text else ()

    monkeypatch.setattr(asks, "asks", reader)
    quoted = WRAPPER.format(c="User: Create initial prompts for my chatbot, please, about cooking.")
    assert content.quoted_asks(quoted) == ()
    # the same words outside the quote are the request itself
    asked = "Create initial prompts like the one in this conversation.\n" + quoted
    assert content.quoted_asks(asked) == ("datagen",)
    # a block that spells out the output is part of the ask, not quoted material
    spec = "Create initial prompts for a cooking bot. Answer in this form:\n<out>\n<item>...</item>\n</out>"
    assert content.quoted_asks(spec) == ("datagen",)


def test_quoted_blocks_are_found_linearly_and_only_with_words_outside():
    assert content.quoted("no blocks here") is None
    only = "<task>" + "Generate twenty diverse instructions about many topics. " * 3 + "</task>"
    assert content.quoted(only) is None  # nothing said outside: the block is the request
    out, inside = content.quoted(WRAPPER.format(c="User: hello there, how are you doing today?"))
    assert "<conversation></conversation>" in out and inside.strip().startswith("User: hello")
    big = "Summarise each note below in one line please.\n" + "<n>" * 50_000
    assert content.quoted(big) is None  # unclosed tags: no block, and no quadratic search


def _flood(key: str, prompt: str, n: int = 80) -> Detector:
    det = Detector(DetectorConfig(seed=0))
    for i in range(n):
        det.observe(TrafficEvent(key, 1.8e9 + 37 * i, "chat", prompt.format(i=i), None, {"max_tokens": 256}))
    return det


def test_data_generation_read_only_by_the_learned_reader_does_not_block(monkeypatch):
    """Old code: 100% of a key's prompts read as data generation by the learned reader alone
    blocked it; phrase-pattern readings still do."""
    monkeypatch.setattr(content, "quoted_asks", lambda text, features=None: ("datagen",))
    det = _flood("reader", "Ticket {i}: the printer on floor 3 is jammed again. Describe it as JSON.")
    st = det.keys["reader"].last
    assert st.level == "suspect" and "data_generation" in st.contributions, st.reasons
    named = _flood("named", "Come up with 20 diverse task instructions about topic {i}.")
    assert named.keys["named"].last.level == "block"


MMLU_DEBATE = (
    "Can you answer the following question as accurately as possible? Which term below best describes a "
    "religion that uses missionaries to spread its faith?: A) Ethnic, B) Universalizing, C) Monotheistic, "
    "D) Polytheistic\n\nExplain your reasoning step by step, and put your final answer in the form (X) at "
    "the end of your response."
)


def test_inline_lettered_options_are_a_test_item_format():
    assert evaluation.item_format(MMLU_DEBATE) == "options"
    assert evaluation.item_format("I want a cheap laptop, b) fast, c) light: which one?") is None


def _replay(prompts: list[str]) -> Detector:
    det = Detector(DetectorConfig(seed=0))
    params = {"temperature": 0.7, "max_tokens": 1024}
    for i, p in enumerate(prompts):
        det.observe(TrafficEvent("k", 1.8e9 + 30 * i, "chat", p, None, params))
    return det


def test_an_answer_form_or_constant_options_do_not_make_a_harvest_an_evaluation():
    """Session 26's reviewer of the changes above: "put your final answer in the form (X)" alone
    (a first form of the change counted it as an answer-extraction cue), or the same fake options
    on every item, took a CoT harvest of instruction-set items from block to `evaluation`. A test
    item's options are its own: options in the key's constant wrapper are none."""
    items = [r for r in rows("codealpaca_2k", 400) if len(r) < 400][:150]
    form = [
        f"{x}\n\nExplain your reasoning step by step, and put your final answer in the form (X) at the end."
        for x in items
    ]
    fake = [
        f"Can you answer the following question as accurately as possible? {x}: A) Yes, B) No, C) It depends, "
        "D) None of the above\n\nExplain your reasoning step by step."
        for x in items
    ]
    for prompts in (form, fake):
        last = _replay(prompts).keys["k"].last
        assert last.level in ("suspect", "block") and last.verdict != "evaluation", last.reasons
    # real multiple-choice items, options their own, are test items
    assert evaluation.item_format(fake[0], items[0]) is None
    assert evaluation.item_format(MMLU_DEBATE, MMLU_DEBATE.split("?", 1)[1]) == "options"

"""One call per request: every content flag the provenance work adds, for a key's `Tally`.

`content_flags(event)` runs the provenance classifier on the prompt and the recognisers on the
prompt and the system prompt, and names the evaluation-harness settings of the request. The flags
feed per-key shares (`aggregate.Tally`), and `key_evidence` turns a key's counts into the evidence
terms below, each in [0, 1] and each explained by one share:

- "item": the classifier is confident the prompt is an instruction-set item (its instruction
  logit leads the other classes by `ITEM_MARGIN`, `CJK_ITEM_MARGIN` for mostly-CJK text), a
  rarer and stricter hit than "instruction"; with the recognisers' flags it feeds `MIXED`, the
  test that a *share* of a key's single-shot requests is dataset traffic (score.py, `mixed_items`);
- "instruction": the classifier's most probable class is instruction-dataset style (for
  mostly-CJK text, by a lead of `CJK_MARGIN`) ->
  `aggregate.INSTRUCTION` (a Wilson bound on
  the share, see aggregate.py);
- "datagen", "cot", "rubric": a recogniser fired -> `share_evidence` with their own ramps
  (data generation is rare in benign traffic, so 20-60% of a key's prompts is already strong);
- "eval" (an item format fires, a known benchmark item, or a request for a parsable final answer:
  a CoT eval of a suite the item table does not hold), "eval_style" (only the classifier's most
  probable class is eval: half weight, see EVALUATION_STYLE) and the harness
  settings ("greedy", "short", "score_only", "pass_at_k") -> `evaluation`, which is meant to
  *clear* a key (label it evaluation) rather than to flag it:
      evaluation = 1 - (1 - E_items) * (1 - 0.5 * E_style) * (1 - 0.5 * E_settings)
  where E_items is `aggregate.EVALUATION` on the "eval" share, E_style the same bound on the
  "eval_style" share and E_settings on the share of requests with any harness setting (settings
  alone never make more than 0.5: distillers also send temperature 0).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from stillroom.contracts.openai import content_text
from stillroom.detector import asks, evaluation, packs, recognisers
from stillroom.detector.aggregate import EVALUATION, INSTRUCTION, ExcessRule, ShareRule
from stillroom.detector.provenance import Provenance, default_model, featurise
from stillroom.detector.text import stable_hash
from stillroom.detector.types import TrafficEvent

DATAGEN = ShareRule("datagen", lo=0.05, hi=0.3)
# The same share counted over the requests a phrase pattern names as data generation in the user
# turn (a system message's counts toward DATAGEN only, see SYSTEM_COUNTS): what may block a key
# (score.blocking). The learned reader (asks.py) finds wordings the patterns miss, but out of its
# training data it also reads annotation of given material as data generation: structured-output
# labelling, triage and conversation-analytics instructions ("describe the conversation with a
# JSON object with these keys", p 0.99; blind round 11's analytics app was blocked on it, as
# session 14's labelling and translation services were through their system prompts). Its
# readings take a key to suspect, not to block.
DATAGEN_NAMED = ShareRule("datagen_named", lo=0.05, hi=0.3)
COT = ShareRule("cot", lo=0.2, hi=0.6)
# The same share over the requests a phrase pattern names as asking for reasoning: what may block a
# key (score.blocking), as DATAGEN_NAMED. Out of its training data the learned reader also reads a
# harness's answer-format line as one (blind round 29: a lab's nightly run of its own generated
# problems with "Solve the problem. On the last line, write 'Final answer: ' ..." and
# reasoning_effort set, 40% of its prompts read as CoT by the reader alone, blocked at 0.99 on a
# fixed wrapper "backed" at full strength). Its readings take a key to suspect, not to block.
COT_NAMED = ShareRule("cot_named", lo=0.2, hi=0.6)
RUBRIC = ShareRule("rubric", lo=0.1, hi=0.4)
# The same share over the requests a phrase pattern names as grading: what may block a key
# (score.blocking), as DATAGEN_NAMED and COT_NAMED. Out of its training data the learned reader also
# reads a structured task over pasted material as grading: blind round 30's clinical-documentation
# app (a note template, the visit's metadata, then the transcript) had 36% of its prompts read as
# rubric grading by the reader alone and was blocked at 0.96; round 29's competitive-programming
# prompts with their tests, 64%. Its readings take a key to suspect, not to block.
RUBRIC_NAMED = ShareRule("rubric_named", lo=0.1, hi=0.4)
SYSTEM_ASKS = ShareRule("system_asks", lo=0.2, hi=0.6)
SETTINGS = ShareRule("eval_settings", lo=0.3, hi=0.7)
# Batch-packed requests (packs.py): 1 in 44,020 real user turns of ../shared/traffic is one, and at
# most 0.3% of any blind benign persona's requests; a key a tenth of whose requests are packs of
# unrelated asks sends them as its way of working.
PACKED = ShareRule("packed", lo=0.1, hi=0.4)
# Prompts the classifier reads as test items (its `eval` class) with nothing a harness leaves (no
# item format, known item or answer-extraction cue): half the weight of those, like the settings.
# Alone it reached the label and cleared a chain-of-thought harvest whose prompts were padded with
# a constant "context" (session 14's reviewer: score 0.00-0.09); an evaluator's unlisted suite still
# gets there with its harness settings (temperature 0, short or pass@k): 1 - 0.5 x 0.5 = 0.75.
EVALUATION_STYLE = ShareRule("eval_style", lo=0.3, hi=0.7)
# Real power users' and app backends' keys: 0-5% of prompts read as instruction-set items
# (bench/results/detector_real.txt); a bound above 15% is three times that.
INSTRUCTION_MINORITY = ShareRule("instruction", lo=0.15, hi=0.4)
# A reseller key relays many real users and one distilling customer: the customer's items are a
# minority of the key's requests. Per request, "item" (margin >= ITEM_MARGIN) or a data-generation
# or rubric-grading flag (0 of 8,594 benign prompts) is a *distillation-style* request; per key,
# `MIXED` asks whether the share of such requests among its single-shot requests is significantly
# above what benign text reaches. Both numbers come from the benign human-written sources scored
# out of source (`bench/provenance.py mixed`, bench/results/provenance.txt), never from a
# distiller: at margin 1 (argmax is 0) the worst source (arena_hard_v01, real users' hardest
# prompts) reads 8.2% as items, at 2.0 3.6% (oasst2 1.5%, the rest <= 1.1%); p0 is the one-sided
# 95% Wilson upper bound of that 18 / 500 (0.0524), so a benign key's share stays below it however
# long it runs (its likelihood ratio drifts to 0). With p0 this high a 5% minority of items is out
# of reach (its excess over p0 is the classifier's recall x 5%); 20% is not. (Before the model was
# trained with framed prompts, session 19, the worst was 12 / 500 and p0 0.04.)
ITEM_MARGIN = 2.0
# Chinese reads as instruction data to the classifier (its Chinese training text is mostly
# instruction sets). In sample (session 11) real Chinese users' first turns read as instruction
# style 38-42% of the time at argmax, and a logit lead of 1.0 brought that to 0-13%. Out of source
# (session 15: each source scored by the model refitted without it, bench/provenance.py's
# protocol; mostly-CJK prompts only), real users do not separate from Chinese instruction sets:
#   share with margin >=      1.0    2.0    3.0    4.0
#   sharegpt_zh (real users)  0.55   0.24   0.05   0.015
#   belle_dev1k (instruction)    -   0.58   0.18   0.02
#   huatuo_med_zh                -   0.18   0.02   0.00
#   moss_sft_sample              -   0.08   0.02   0.01
# so a Chinese user the model never saw reads as a reseller's minority of items (a reviewer's
# Chinese power user reached suspect on mixed_items, session 15). For mostly-CJK text "instruction"
# needs a lead of 3.0 and "item" one of 4.0: what still fires is near-copies of the Chinese sets
# the model was trained on; Chinese distillation otherwise rests on the other evidence (wrappers,
# what the prompts ask for, histories, linking), as for any source the model never saw.
CJK_MARGIN = 3.0
CJK_ITEM_MARGIN = 4.0
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def cjk_text(text: str) -> bool:
    """Whether at least 30% of the first 512 characters are CJK (Chinese, Japanese, Korean)."""
    head = text[:512]
    return bool(head) and not head.isascii() and len(_CJK.findall(head)) >= 0.3 * len(head)


MIX_FLAGS = ("item", "datagen", "rubric")
# A system prompt is the app's own instructions, the same on every request: what it asks for is one
# fact about the app, not a share of requests. The phrase patterns for data generation and rubric
# grading name those practices in a system prompt as in a user turn (in session 14 they fired on
# none of 15 common production system prompts a reviewer wrote), so those count as the user
# turn's. Asking for step-by-step reasoning is what tutoring and maths apps tell the model
# ("explain your reasoning step by step"), and the learned reader (asks.py, trained on user turns
# only) read labelling, translation and ticket-triage instructions as data generation (p 0.97-0.99):
# those flag the request `system_asks`, evidence only beside evidence about what the users send
# (score.WRAPPER). Counted as the users' own, they had a tutoring app at suspect and labelling and
# translation services blocked (bench/detector_blind.py, first run).
# A system prompt's data generation or grading counts toward the key's share (suspect), not as a
# named practice (`datagen_named`, `rubric_named`: what may block): a system prompt says what the
# app does, and apps that make quiz items or grade answers for their users say so there. Blind
# round 40's hackathon quiz app ("write multiple-choice trivia questions as JSON with keys
# question, options and answer", every request) was blocked at its request 50 when it counted; a
# block needs the users' own turns to name the practice.
SYSTEM_COUNTS = ("datagen", "rubric")
MIXED = ExcessRule(p0=0.053)


MAX_INSTRUCTIONS = 8  # system messages read per request: the first and last four


def instructions(event: TrafficEvent) -> list[tuple[str, bool]]:
    """The request's instructions to the model, one text each: its system and developer messages
    (True) and what the guard gathered from outside the messages (role "instructions", False:
    tool descriptions and response schemas are the app's design, never counted as the users' own
    request, SYSTEM_COUNTS). Each is read on its own head, so a long tool text cannot push a
    system prompt out of view; at most the first and last four system messages."""
    msgs = event.messages if isinstance(event.messages, list) else []
    out = [
        (content_text(m.get("content")), m.get("role") != "instructions")
        for m in msgs
        if isinstance(m, dict) and m.get("role") in ("system", "developer", "instructions")
    ]
    out = [(t, s) for t, s in out if t]
    half = MAX_INSTRUCTIONS // 2
    return out if len(out) <= MAX_INSTRUCTIONS else out[:half] + out[-half:]


def system_prompt(event: TrafficEvent) -> str:
    """The request's system and developer (OpenAI's newer name) messages, as one text."""
    return " ".join(text for text, is_system in instructions(event) if is_system)


def _shared(a: str, b: str) -> int:
    """Length of the common prefix of two strings: a binary search over `startswith` tests, which
    run in C (a loop over characters cost ~40 us where a key's prompts share a 1 kB wrapper)."""
    n = min(len(a), len(b))
    if not n or a[0] != b[0]:
        return 0
    if a.startswith(b[:n]):
        return n
    lo, hi = 1, n  # a starts with b[:lo], not with b[:hi]
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a.startswith(b[:mid]):
            lo = mid
        else:
            hi = mid
    return lo


def _shared_tail(a: str, b: str) -> int:
    """Length of the common suffix of two strings (`_shared` from the other end, without reversing
    either)."""
    n = min(len(a), len(b))
    if not n or a[-1] != b[-1]:
        return 0
    if a.endswith(b[len(b) - n :]):
        return n
    lo, hi = 1, n  # a ends with b's last lo characters, not with its last hi
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a.endswith(b[-mid:]):
            lo = mid
        else:
            hi = mid
    return lo


def shared_ends(text: str, previous: str, span: int = 1024) -> tuple[int, int]:
    """(prefix, suffix) lengths `text` shares with `previous`, compared over the first / last
    `span` characters (the two may overlap in a text shorter than both)."""
    return _shared(text[:span], previous[:span]), _shared_tail(text[-span:], previous[-span:])


def slot(text: str, previous: str | None, min_shared: int = 12, span: int = 1024) -> str:
    """The part of a prompt that the key's constant wrapper does not explain: strip the prefix
    and suffix it shares with the key's previous prompt (each only if >= `min_shared` characters,
    compared over the first/last `span` characters). The classifier judges whatever text it is
    given, and a constant wrapper decides its label: in bench/results/provenance.txt
    ("wrappers"), real users' prompts inside a "### Request: ... ### Response:" template read as
    instruction style 99-100% of the time (raw: 1%); their slots 5-10%. Instruction-set items keep
    74-100% in the slot (raw: 92-100%). A caller keeps the previous prompt's head and tail
    (2 x `span` characters per key): the detector passes it to `content_flags` as `body`."""
    if not previous:
        return text
    pre, suf = shared_ends(text, previous, span)
    start = pre if pre >= min_shared else 0
    end = len(text) - suf if suf >= min_shared else len(text)
    return text[start:end] if end - start >= 8 else text


WRAPPER_LINES = 16  # the key's last prompts whose lines `Window.common_line` counts
WRAPPER_SEEN = 2  # a line in at least this many of them is the key's wrapper
LINES_KEPT = 64  # distinct lines of a prompt remembered (its first ones)


def line_hashes(text: str) -> tuple[int, ...]:
    """The distinct non-blank lines of a prompt (stripped), hashed: what `Window.common_line`
    counts over the key's last WRAPPER_LINES prompts. A one-line prompt has none (nothing of it
    can be a wrapper line that leaves the rest)."""
    if "\n" not in text:
        return ()
    out = dict.fromkeys(stable_hash(x) for line in text.split("\n") if (x := line.strip()))
    return tuple(out)[:LINES_KEPT]


def without_common_lines(text: str, common: Callable[[int], bool]) -> str | None:
    """The judged text less the lines the key's recent prompts share (`Window.common_line`): a
    wrapper with several slots (a language, a tone, then a record's fields) leaves `slot` most of
    itself, since the previous prompt differs at the first slot, and the wrapper's own instruction
    was read as an instruction-set item on every request (blind round 28's product-copy app: 87%).
    A dataset item's lines are its own; a fixed wrapper's lines recur. None where every line (but
    a few characters) recurs: the prompt asks nothing new (the same record under another of the
    wrapper's options), as a re-sent prompt does not."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    kept = [line for line in lines if not (x := line.strip()) or not common(stable_hash(x))]
    if len(kept) == len(lines):
        return text
    rest = "\n".join(kept).strip()
    return rest if len(rest) >= 8 else None


# Reference material a prompt quotes for the model to answer from (a RAG product's retrieved
# passages, a document to summarise beside the question): blocks in document tags, or sections
# under a documents heading that a question label follows.
_DOC_TAGS = (
    r"context|documents?|docs?|sources?|passages?|search_results?|retrieved[\w-]*|knowledge"
    r"|references?|articles?|excerpts?|snippets?"
)
_DOC_BLOCK = re.compile(rf"<({_DOC_TAGS})\b[^>]{{0,200}}>.*?</\1\s*>", re.I | re.S)
# what a RAG prompt calls its documents; alone at a line's start ("Context:"), or after up to three
# words of its own with a colon ("Help centre passages:", "Relevant knowledge base articles:": round 17)
_DOC_NOUN = (
    r"(?:sources|context|contexts|documents?|passages?|search results|references|retrieved (?:documents|passages|context)"
    r"|knowledge(?: base)?|excerpts?|articles?|snippets?|chunks?)"
)
_DOC_HEAD = re.compile(
    rf"^[ \t]*(?:#+[ \t]*)?(?:{_DOC_NOUN}[ \t]*:?|(?:[\w'-]+[ \t]+){{1,3}}?{_DOC_NOUN}[ \t]*:)",
    re.I | re.M,
)
_QUESTION = re.compile(
    r"^[ \t]*(?:#+[ \t]*)?(?:<question>|(?:the )?(?:user(?:'s)? )?(?:question|query|request)|q)[ \t]*:?[ \t]*(?:\n|\S)",
    re.I | re.M,
)
# a word of _DOC_NOUN that every match of _DOC_HEAD holds: most prompts skip its scan
_DOC_WORDS = (
    "source", "context", "document", "passage", "search result", "reference", "retrieved", "knowledge",
    "excerpt", "article", "snippet", "chunk",
)  # fmt: skip
ASKED_MIN = 12  # characters the asked part must keep for the documents to be set aside


def without_documents(text: str) -> str:
    """The prompt without the reference documents it quotes, for the provenance classifier: a RAG
    product's retrieved passages are often model-written text, and read with its users' questions
    they took a blind answer engine to suspect (round 14: 45% of its prompts read as instruction
    items, its questions alone 20%; a distiller's items behind the same kind of passages, 57%).
    What is judged is what the user asks. Where nothing but documents remains (a constant decoy
    question is the key's wrapper and `slot` has already stripped it), the text is judged whole,
    so an item put in a "document" is still read. `asked_slot` combines the two."""
    rest = _DOC_BLOCK.sub("\n", text) if "</" in text else text
    low = evaluation.folded_lower(rest)  # what re.I matches a word's letters with
    heads = list(_DOC_HEAD.finditer(rest)) if any(map(low.__contains__, _DOC_WORDS)) else []
    if heads:
        questions = [q for q in _QUESTION.finditer(rest) if q.start() > heads[0].start()]
        if questions:
            rest = rest[: heads[0].start()] + rest[questions[-1].start() :]
    if rest is text or len(rest.strip()) < ASKED_MIN:
        return text
    return rest


def asked_slot(asked: str, text: str, body: str, previous: str | None) -> str:
    """What the classifier judges: the slot (`body`, the key's wrapper stripped), or, where the
    prompt quotes documents (`asked` = `without_documents(text)` is not `text`), the slot of what
    remains without them (both prompts stripped alike, so a constant question is wrapper and the
    documents are read after all)."""
    if asked is text:
        return body
    if not previous:
        return asked
    before = without_documents(previous)
    pre, suf = shared_ends(asked, before)
    if len(asked) - pre - suf < ASKED_MIN:  # the same question each time: what changes is in the documents
        return body
    return slot(asked, before)


LATE_MIN = 24  # characters of changed late instructions worth classifying
LATE_CONTEXT = 200  # characters around the changed part the classifier reads with it


def late_part(late: str, previous: str | None) -> str:
    """What `late_flags` reads of a request's late instructions: the part changed since the key's
    `previous` such text with LATE_CONTEXT characters around it; "" where less than LATE_MIN changed."""
    if not late:
        return ""
    start, suf = shared_ends(late, previous) if previous else (0, 0)
    end = len(late) - min(suf, len(late) - start)
    return late[max(0, start - LATE_CONTEXT) : end + LATE_CONTEXT] if end - start >= LATE_MIN else ""


def late_flags(late: str, previous: str | None) -> tuple[str, ...]:
    """ "instruction" / "item" for the part of a request's late instructions (system or developer
    messages of its turn: features.late_instructions) that changed since the key's last such text,
    read with LATE_CONTEXT characters around it: an app's standing prompt is the same every time
    and says nothing about the request, a dataset item put there is new every time (session 27's
    red team), however much fixed text is padded around it (its second reviewer), and the words
    next to a changed fragment are what say whether it is an item."""
    part = late_part(late, previous)
    if not part:
        return ()
    model = default_model()
    prov = model.classify(part)
    margin = model.margin(prov)
    cjk = cjk_text(part)
    out = ("instruction",) if instruction_style(prov, margin, cjk) else ()
    return (*out, "item") if margin >= (CJK_ITEM_MARGIN if cjk else ITEM_MARGIN) else out


# Item formats a key's constant wrapper can carry around anything: an answer cue closing every
# prompt ("Question: ... Answer:"), fixed few-shot examples (evaluation.FORMATS).
WRAPPER_FORMATS = ("answer_cue", "few_shot")


def _item_format(text: str, body: str, bare: bool) -> str | None:
    """evaluation.item_format, except a WRAPPER_FORMATS match where the request is `bare`: its slot
    reads as an instruction-set item and it carries no harness settings (evaluation.settings:
    greedy, short, score-only, pass@k). A template can close anything with a harness's cue: blind
    round 26's templated harvest ("Please answer the following question in detail. Question:
    {item} Answer:" around 1,000 LIMA items, temperature 0.7, 1,500 tokens) read as evaluation
    traffic on every request and scored 0.00. Public questions read as instruction-set items too
    (TruthfulQA's: 98% under that template), and the table holds only part of each suite, so an
    evaluation keeps the format with the settings a harness sends; items in the table, options,
    code stubs and tests are not touched."""
    fmt = evaluation.item_format(text, body)
    return None if bare and fmt in WRAPPER_FORMATS else fmt


def instruction_style(prov: Provenance, margin: float, cjk: bool) -> bool:
    """The "instruction" flag: the classifier's most probable class is instruction-set style, by a
    logit lead of `CJK_MARGIN` for mostly-CJK text (`cjk_text`)."""
    return prov.label == "instruction" and (margin >= CJK_MARGIN or not cjk)


# Material an app quotes for the model to work on: a tagged block (`<conversation>...</conversation>`,
# `<document ...>...</document>`), a fenced or triple-quoted block. The learned reader (asks.py)
# reads a prompt whole, and quoted text can carry its reading: blind round 11's usage-analytics app,
# describing real users' conversations in JSON under one fixed instruction, had 16-28% of its
# prompts read as data generation (a user's "Create initial prompts" inside the quote) and was
# blocked. A reading the quoted text produces alone, and the words outside it do not, is the
# quote's, not the request's (`quoted_asks`); a block that is part of the ask (an output
# structure, code to explain) does not produce it alone and keeps it. The phrase patterns still
# read the whole prompt.
QUOTED_MIN = 40  # characters a block holds before it counts as quoted material
ASK_MIN_WORDS = 6  # words left outside the blocks: fewer, and the block is the request itself
_OPEN_TAG = re.compile(r"<([A-Za-z][\w-]{0,30})(?:\s[^<>\n]{0,120})?>")
_FENCES = ("```", '"""', "'''")
MAX_BLOCKS = 16
# A block that spells out what to write is part of the ask, not quoted material: nested tags, a
# "..." placeholder in a short block, or a description of the reader's own text ("<rationale>your reasoning about
# tone</rationale>", "<solution><step>...</step></solution>": bench/data/asks' CoT requests).
_FORMAT_SPEC = re.compile(r"<[A-Za-z/]")
SPEC_MAX = 240  # a "..." placeholder marks a spec in a block this short (real text has "..." too)


def _format_spec(block: str) -> bool:
    return (
        block.lstrip()[:5].lower() == "your "
        or bool(_FORMAT_SPEC.search(block))
        or (len(block) < SPEC_MAX and ("..." in block or "…" in block))
    )


def quoted(text: str) -> tuple[str, str] | None:
    """(the prompt with its quoted blocks cut to their delimiters, the blocks' text), or None when
    it has none (see QUOTED_MIN) or too little is said outside them. Linear: each block is found by
    `str.find`, at most MAX_BLOCKS of them."""
    if "<" not in text and "```" not in text and '"""' not in text and "'''" not in text:
        return None
    parts: list[str] = []
    inside: list[str] = []
    pos = 0
    while len(inside) < MAX_BLOCKS:
        m = _OPEN_TAG.search(text, pos)
        fence = min(((i, f) for f in _FENCES if (i := text.find(f, pos)) >= 0), default=None)
        if m is None and fence is None:
            break
        if fence is not None and (m is None or fence[0] < m.start()):
            inner, close = fence[0] + 3, fence[1]
        else:
            inner, close = m.end(), f"</{m.group(1)}>"
        end = text.find(close, inner)
        if end < 0:
            parts.append(text[pos:inner])
            pos = inner
            continue
        if end - inner >= QUOTED_MIN and not _format_spec(text[inner:end]):
            parts += (text[pos:inner], close)
            inside.append(text[inner:end])
        else:
            parts.append(text[pos : end + len(close)])
        pos = end + len(close)
    if not inside:
        return None
    outside = "".join(parts) + text[pos:]
    if len(outside.split()) < ASK_MIN_WORDS + 2 * len(inside):
        return None
    return outside, "\n".join(inside)


def quoted_asks(text: str, features: tuple | None = None) -> tuple[str, ...]:
    """`asks.asks` of a prompt, less the readings its quoted material carries (see `quoted`): a
    class stays when the words outside the quotes produce it, or when the quotes alone do not."""
    whole = asks.asks(text, features)
    split = quoted(text) if whole else None
    if split is None:
        return whole
    outside, inside = asks.asks(split[0]), asks.asks(split[1])
    return tuple(c for c in whole if c in outside or c not in inside)


def _asked_options(event: TrafficEvent) -> bool:
    """Whether an earlier user turn of the request's conversation holds a lettered-options item
    (the question a later "(X)" answer form refers to: a multi-round evaluation's later rounds)."""
    msgs = event.messages if isinstance(event.messages, list) else []
    users = [m.get("content") for m in msgs[:-1] if isinstance(m, dict) and m.get("role") == "user"]
    return any(isinstance(u, str) and evaluation.item_format(u) == "options" for u in users[-4:])


def content_flags(event: TrafficEvent, text: str | None = None, body: str | None = None) -> tuple[str, ...]:
    """The per-request flags (names only; the prompt itself is not kept). `text` is the prompt as
    the features read it (clipped), `body` the part the classifier judges (the key's wrapper
    stripped, see `slot`); both default to the event's prompt. Recognisers and item formats read
    the whole `text`: a data-generation meta-prompt or an answer-format cue *is* the wrapper."""
    if text is None:
        text = event.prompt if isinstance(event.prompt, str) else ""
    model = default_model()
    whole = featurise(text)
    judged = body if body is not None else text
    prov = model.classify(judged, whole if judged == text else None)
    margin = model.margin(prov)
    flags = []
    cjk = cjk_text(judged)
    if instruction_style(prov, margin, cjk):
        flags.append("instruction")
    if margin >= (CJK_ITEM_MARGIN if cjk else ITEM_MARGIN):
        flags.append("item")
    knobs = evaluation.settings(event.params, event.endpoint)
    cot = recognisers.cot_elicitation(text)
    testable = cot != "rationalisation"  # an item that carries its answer tests nothing (recognisers.COT)
    if testable and (
        _item_format(text, body, "instruction" in flags and not knobs)
        or evaluation.known_item(text)
        or evaluation.answer_extraction(text)
        or (evaluation.answer_form(text) and _asked_options(event))
    ):
        flags.append("eval")
    elif testable and prov.label == "eval":
        flags.append("eval_style")
    # the user's text: phrase patterns or the learned model (asks.py: it reads wordings the patterns miss)
    asked = quoted_asks(text, whole)
    counted: set[str] = set()  # what a system message's own phrases say (SYSTEM_COUNTS)
    app: set[str] = set()  # what the app's instructions ask for otherwise (`system_asks`)
    for message, is_system in instructions(event):
        patterns = recognisers.in_system_prompt(message)  # each message's head: cached per text
        counted.update(n for n in patterns if is_system and n in SYSTEM_COUNTS)
        app.update(patterns)
        app.update(asks.asks_system(message))
    said = {
        "datagen": bool(recognisers.data_generation(text)),
        "cot": cot is not None,
        "rubric": bool(recognisers.rubric_grading(text)),
    }
    # the phrase patterns are narrower than the learned reader: where they name grading and not data
    # generation, a reader's "datagen" is the rubric or JSON format a judge is asked to write
    if said["rubric"] and not (said["datagen"] or "datagen" in counted):
        asked = tuple(a for a in asked if a != "datagen")
    for name in said:
        named = said[name]  # by the user's own words: what may block (SYSTEM_COUNTS)
        if not named and name == "datagen" and name in asked:
            # the patterns read a long prompt's head and tail: a meta-instruction padded into the
            # middle is looked for in the whole (clipped) prompt where the reader saw one (rare)
            named = bool(recognisers.data_generation(text, whole=True))
        if named or name in counted or name in asked:
            flags.append(name)
        # a rationalisation never blocks: a test-prep platform writing explanations for its own
        # answer key sends the same requests (blind round 3's, blocked at request 9 when it did)
        if named and (name != "cot" or cot != "rationalisation"):
            flags.append(f"{name}_named")
    if app - set(flags):
        flags.append("system_asks")
    if packs.packed_tasks(event.prompt if isinstance(event.prompt, str) else text):
        flags.append("packed")
    if knobs:
        flags.extend(("eval_settings", *knobs))
    return tuple(flags)


def key_evidence(counts: Counter[str] | dict[str, float], n: int) -> dict[str, float]:
    """The evidence terms of one key (or one cluster's pooled counts) from its flag counts."""
    items = EVALUATION.evidence(counts, n)
    style = EVALUATION_STYLE.evidence(counts, n)
    knobs = SETTINGS.evidence(counts, n)
    return {
        "instruction_style": INSTRUCTION.evidence(counts, n),
        # a substantial minority of instruction-set items (a reseller relaying real users and a
        # distilling customer): the scorer weighs it by the key's volume
        "instruction_minority": INSTRUCTION_MINORITY.evidence(counts, n),
        "data_generation": DATAGEN.evidence(counts, n),
        "cot_elicitation": COT.evidence(counts, n),
        "rubric_grading": RUBRIC.evidence(counts, n),
        "system_asks": SYSTEM_ASKS.evidence(counts, n),
        "packed_tasks": PACKED.evidence(counts, n),
        "evaluation": 1.0 - (1.0 - items) * (1.0 - 0.5 * style) * (1.0 - 0.5 * knobs),
    }

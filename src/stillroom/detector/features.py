"""Per-key traffic features over a sliding window of the last W requests, updated in O(1)-ish time.

`extract(event)` turns one request into a `Record` (a few flags and a text sketch); a `Window`
keeps running sums over its last W records so `features(window)` costs the same at request 10 and
request 10 000. Each feature is a plain number in a dict; `score.py` says how they combine.
"""

from __future__ import annotations

import math
import re
from collections import Counter, deque
from collections.abc import Callable, Collection
from dataclasses import dataclass
from itertools import compress
from typing import NamedTuple

import numpy as np

from stillroom.contracts.openai import content_text
from stillroom.detector.content import (
    ASKED_MIN,
    MIX_FLAGS,
    WRAPPER_LINES,
    WRAPPER_SEEN,
    asked_slot,
    cjk_text,
    content_flags,
    late_flags,
    late_part,
    line_hashes,
    shared_ends,
    slot,
    without_common_lines,
    without_documents,
)
from stillroom.detector.novelty import Novelty
from stillroom.detector.recognisers import (
    cot_elicitation,
    leading_transformation,
    template_only,
    transformation,
)
from stillroom.detector.regex import Pattern, linear, search_set
from stillroom.detector.text import (
    DIM,
    Sketch,
    content_words,
    piece_words,
    sketch,
    stable_hash,
    topic_vector,
    words,
)
from stillroom.detector.types import TrafficEvent

# the provenance classifier's flags: what counts items, not what a request asks for
ITEM_FLAGS = ("instruction", "item")
# What makes a repeat carry its copy's content flags (Window.repeat_content): test items (a format,
# a public item, the classifier's reading), which suites re-send by nature; other repeats stay out
# of the shares, which count what a key's items ask. Not harness settings: those are the request's
# own knobs, and a logprob harvest re-asking its items at n > 1 carried them onto every repeat,
# whose "sampled" diluted its instruction-set share (the built-in logprob persona: block -> suspect).
EVAL_FLAGS = frozenset(("eval", "eval_style"))

PERIOD_EVERY = 10
FAN_OUT_ACTIVE = 30  # requests that make a key one of its actor's active keys (score: fan_out)
# Features read at most this many characters of a prompt (the head and the tail): every feature
# is a property of a prompt's wording and framing, which the ends carry, and the cost of a 32k
# prompt must stay that of a 2k one (bench/results/detector_real.txt, "observe() on long prompts").
# The same 1,536 + 512 as the provenance classifier's clip, which so sees exactly what it saw when
# features kept 3,072 + 1,024 (CPU p50 8.8-10.7 ms for 4k-32k prompts on a loaded machine: the
# MinHash shingles of 4k characters were half of it).
HEAD_CHARS, TAIL_CHARS = 1536, 512
# Content flags counted per key (content.content_flags), as window flag names; "sampled" counts
# the requests that were classified (their shares are over those).
CONTENT = (
    "instruction",
    "eval",
    "eval_style",
    "datagen",
    "datagen_named",
    "cot",
    "cot_named",
    "rubric",
    "rubric_named",
    "system_asks",
    "eval_settings",
    "reviews_served",
    "packed",
)
# The mixed-traffic test (score: mixed_items) counts a key's classified single-shot requests and
# its distillation-style ones (content.MIX_FLAGS) over far more than the window: a 5% minority is
# ~10 requests in 200, ~2 in the window's classified sample. Counts decay by 1 - 1/MIX_HORIZON
# per counted request, so a long-lived key's old traffic fades instead of diluting a new customer.
MIX_HORIZON = 2000
# A step-by-step cue (the harvest term's `cot_cue_share`): this phrase test, confirmed by the
# reasoning-request recogniser (recognisers.cot_elicitation), run only on the few prompts the phrase
# matches. The phrase alone also names content: a how-to's "step-by-step guide", an article brief's
# "Cover: costs, step-by-step, maintenance" (blind round 9's SEO pipeline: 878 of 1,612 prompts, and
# suspect from the harvest term with its templates); those ask for steps of a procedure, not for the
# model's reasoning. The recogniser keeps "think / solve / reason / work through it step by step".
COT = linear(
    r"step[- ]by[- ]step|show (?:your|all|the) (?:work|steps|reasoning)|chain[- ]of[- ]thought|"
    r"think (?:carefully|through)|explain your reasoning|reason (?:through|carefully)|let'?s think",
    re.I,
)
EDGE = linear(
    r"edge[- ]cases?|corner[- ]cases?|what if|boundary|trick(?:y| question)|adversarial|ambiguous|"
    r"paradox|counter-?example|impossible|extreme case|unusual input|malformed|invalid input",
    re.I,
)
# Words one of the pattern's alternatives must contain (lower case): a substring test in C skips
# the regex on the ~95% of prompts that have none of them (the two regexes were ~60 us per
# request on 4k-character prompts, the largest single cost of `observe`).
COT_WORDS = ("step", "show", "chain", "think", "explain your", "reason")
EDGE_WORDS = (
    "edge", "corner", "what if", "boundar", "trick", "adversarial", "ambiguous", "paradox", "counter",
    "impossible", "extreme", "unusual", "malformed", "invalid",
)  # fmt: skip
# A chat transcript spelled out on the completions endpoint: a user-turn tag, then the prompt
# ends on an assistant-turn tag (Alpaca's "### Response:", Vicuna's "USER: ... ASSISTANT:",
# ChatML, Llama's [INST]). It drives an instruction model through raw completions, and it is a
# template whatever the item inside: `templating` counts these prompts as templated. Harness
# formats ("Question: ... Answer:", "Q: ... A:", code stubs) have no role tags.
USER_TAG = linear(
    r"(?:^|\n)\s*(?:#{1,4}\s*)?(?:user|human|instruction|prompt|question from user)\s*:|<\|im_start\|>\s*user"
    r"|<\|user\|>|\[INST\]|<start_of_turn>user|<\|start_header_id\|>\s*user",
    re.I,
)
ASSISTANT_END = linear(
    r"(?:(?:^|\n)\s*(?:#{1,4}\s*)?(?:assistant|response|gpt|bot)\s*:|<\|im_start\|>\s*assistant"
    r"|<\|assistant\|>|\[/INST\]|<start_of_turn>model|<\|start_header_id\|>\s*assistant\s*<\|end_header_id\|>)\s*$",
    re.I,
)
# raw_chat's test of every completions prompt (regex.search_set: `search`'s answer, no match object)
ASSISTANT_END_MATCH = search_set(ASSISTANT_END).Match
# `re`, not regex.linear: word boundaries around English words inside Chinese text ("IT行业") are
# not boundaries to Python but are to RE2; single words, no nested quantifier: linear either way.
FOLLOWUP = re.compile(
    r"\b(?:you said|you mentioned|your (?:previous|last|earlier|first) (?:answer|reply|point)|"
    r"above|earlier|that|this|it|those|elaborate|clarify|why|thanks|thank you|what about|"
    r"and if|instead|again|more detail|go on|continue)\b",
    re.I,
)


@dataclass(slots=True)
class Record:
    """One request as a window reads it: a value nothing changes (`dataclasses.replace` makes
    another). Not frozen: a frozen dataclass sets each field through object.__setattr__, four
    times the cost of plain slots (2.7 us a request with 20 fields)."""

    ts: float
    sk: Sketch
    logprobs: bool
    top_logprobs: int
    n: int
    max_tokens: int
    temperature: float | None
    cot: bool
    edge: bool
    magpie: bool
    multi_turn: bool
    followup: bool
    content: tuple[str, ...] = ()  # content.content_flags of the prompt (wrapper stripped)
    raw_chat: bool = False  # a chat transcript format on the completions endpoint (ASSISTANT_END)
    history: str = "none"  # history.Served.judge: whose reply the last assistant turn is
    topic: np.ndarray | None = None  # the slot's word vector when a constant wrapper was stripped
    transform: bool = False  # the constant wrapper transforms supplied material (an app feature)
    # the request's last turn is the user's (not a tool result: `_ends_on_user`) in a script whose
    # masked skeleton says something: CJK text masks to little but punctuation (real Chinese
    # users' later turns shared one 29-41% of the time)
    templatable: bool = True
    # the whole prompt's hash (the guard's clipped view, not the features' head and tail): what
    # `Window.repeats` compares, so a long prompt that varies only in its middle is no repeat
    exact: int = 0
    # (skeleton, digest) of what a later turn asks without the documents it quotes (content.
    # without_documents; None: none quoted): a RAG app wraps each follow-up in the same "Sources:
    # ... Question:" frame, which is the app's, not a script writing the user's turns (round 14's
    # answer engine: 30 of 48 follow-ups "scripted", suspect 0.72)
    asked_turn: tuple[int, int] | None = None
    # the hash of what the classifier judged where that is a part of the prompt (0: the whole):
    # `Window.judged_before` (see `extract`)
    part: int = 0
    # the prompt's distinct lines, hashed (content.line_hashes): `Window.common_line`
    lines: tuple[int, ...] = ()

    @property
    def turn_key(self) -> tuple[int, int]:
        return self.asked_turn or (self.sk.skeleton, self.sk.digest)


def clip_text(text: str) -> str:
    """The head and tail of a long text, joined by a newline (see HEAD_CHARS)."""
    if len(text) <= HEAD_CHARS + TAIL_CHARS:
        return text
    return text[:HEAD_CHARS] + "\n" + text[-TAIL_CHARS:]


def clip_prompt(prompt: object) -> str | None:
    """What a key keeps of its previous prompt for content.slot: at most its first and last
    1024 characters (the span slot compares)."""
    if not isinstance(prompt, str):
        return None
    return prompt if len(prompt) <= 2048 else prompt[:1024] + prompt[-1024:]


def _int(v: object, default: int = 0) -> int:
    """A client's setting as an int, `default` when it is none: infinity (JSON's 1e400) overflows
    int() and took the detector down on every request of a key that sent it (a reviewer's n_probs)."""
    if v is None:  # most settings are absent: no exception to raise and catch
        return default
    try:
        return int(v)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return default


def _float(v: object) -> float | None:
    """A finite number as a float, else None (an int past float's range, inf, nan, a string)."""
    if not isinstance(v, int | float) or isinstance(v, bool):
        return None
    try:
        f = float(v)
    except OverflowError:
        return None
    return f if math.isfinite(f) else None


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _matches(pattern: Pattern, words: tuple[str, ...], low: str) -> bool:
    """`pattern.search` on the lower-cased text, run only when one of its words occurs in it."""
    return any(map(low.__contains__, words)) and bool(pattern.search(low))


def _magpie(event: TrafficEvent) -> bool:
    """Magpie-style harvesting sends the chat template's user header and nothing else, so the
    model writes the user turn itself; through an API that shows as an empty or header-only prompt."""
    if template_only(event.prompt or ""):
        return True
    last = event.messages[-1] if isinstance(event.messages, list) and event.messages else None
    return (
        isinstance(last, dict)
        and last.get("role") == "assistant"
        and not content_text(last.get("content")).strip()
    )


def _answers(event: TrafficEvent) -> list[dict]:
    msgs = event.messages if isinstance(event.messages, list) else []
    return [m for m in msgs if isinstance(m, dict) and m.get("role") == "assistant"]


def single_shot(event: TrafficEvent) -> bool:
    """A request that carries no earlier answer: a first turn, a one-off, a completion (the
    record's `multi_turn` is its negation; the detector asks before extracting)."""
    return not _answers(event)


def _conversation(event: TrafficEvent, sk: Sketch) -> tuple[bool, bool]:
    """(multi-turn, follow-up): a follow-up refers back in words or reuses the last answer's words."""
    answers = _answers(event)
    if not answers:
        return False, False
    if FOLLOWUP.search(clip_text(event.prompt or "")):  # most do: the answer need not be read
        return True, True
    last = frozenset(content_words(words(clip_text(content_text(answers[-1].get("content"))))))
    return True, len(last & sk.content) >= 2


def raw_chat(text: str) -> bool:
    """Whether a prompt is a chat transcript ending on the assistant's turn (see ASSISTANT_END)."""
    tail = text[-200:]
    return bool(ASSISTANT_END_MATCH(tail)) and bool(USER_TAG.search(text[:HEAD_CHARS]))


def late_instructions(event: TrafficEvent, previous: str | None = None) -> str:
    """The instructions sent with this turn: the system and developer messages after a chat's
    last assistant message (in a first turn, after its first user message), and, where the turn
    asks what the key's `previous` prompt asked (`same_question`), the text from outside the
    messages (the event's "instructions": documents, tool and schema descriptions, template
    variables). An app's standing prompt or reminder goes there, and so did a red team's dataset
    items, one per request beside a decoy question (session 27, and its reviewers: after the
    question, or before it; round 20: in `documents` or a tool's description, read as the decoy
    alone, watch 0.37 over 200 codealpaca items). The classifier reads them where enough of them
    changed since the key's last such text (content.late_flags): a fixed prompt says nothing, an
    item that changes every request is read as one. The outside text only behind a constant
    question, as documents quoted in a prompt are (content.asked_slot): a RAG app's retrieved
    passages change with every new question, and model-written passages read as instruction style
    (24% of ShareGPT's answers, 69% of Orca's, read as late text). The phrase patterns read them as
    system text (content.instructions), not as the user's words: a tutoring app's "think step by
    step" after each question took it to suspect when read as the user's (the first reviewer).
    Behind a constant question the first turn's own system prompt is read too: 200 codealpaca items
    as the system message before a fixed "Go on." scored ok 0.30 (the same items as the user's turn
    0.95; guard red team round 33), because apps vary that prompt per request and it was never read
    as the request's. An app that varies it (per locale, per user, a clock) does so beside new
    questions, and where its users repeat one (a companion's "continue") only the changed part is
    read (content.late_flags)."""
    prompt = event.prompt if isinstance(event.prompt, str) else ""
    outside = _outside(event)
    # compared only where there is something to read behind it (most requests: nothing)
    same = (
        previous is not None and (bool(outside) or _first_system(event)) and same_question(prompt, previous)
    )
    system = _late_system(event, first_turn=same)
    if not outside or not same:
        return system
    return "\n\n".join(t for t in (outside, system) if t)


def same_question(prompt: str, previous: str) -> bool:
    """Whether a prompt changed by less than ASKED_MIN characters from the key's previous one
    (kept as `clip_prompt` keeps it)."""
    prompt = clip_prompt(prompt) or ""
    pre, suf = shared_ends(prompt, previous)
    return len(prompt) - min(len(prompt), pre + suf) < ASKED_MIN


def _outside(event: TrafficEvent) -> str:
    msgs = event.messages if isinstance(event.messages, list) else []
    return "\n".join(
        t
        for m in msgs
        if isinstance(m, dict) and m.get("role") == "instructions" and (t := content_text(m.get("content")))
    )


def _first_system(event: TrafficEvent) -> bool:
    """Whether a chat's first message (after the outside text) is a system or developer message."""
    msgs = event.messages if event.endpoint == "chat" and isinstance(event.messages, list) else ()
    first = next((m for m in msgs if isinstance(m, dict) and m.get("role") != "instructions"), None)
    return first is not None and first.get("role") in ("system", "developer")


def _late_system(event: TrafficEvent, first_turn: bool = False) -> str:
    """The turn's system and developer messages; with `first_turn`, a first turn's from before its
    user message too (`late_instructions`)."""
    msgs = event.messages if event.endpoint == "chat" and isinstance(event.messages, list) else None
    if not msgs:
        return ""
    late: list[tuple[int, str]] = []
    for i in range(len(msgs) - 1, -1, -1):
        m = msgs[i]
        role = m.get("role") if isinstance(m, dict) else None
        if role == "assistant":
            return "\n\n".join(t for _, t in reversed(late))
        if role in ("system", "developer") and (t := content_text(m.get("content"))):
            late.append((i, t))
    if not late or first_turn:
        return "\n\n".join(t for _, t in reversed(late))
    # a first turn: its system prompt (before every user message) is the app's, and apps vary it
    # per request (a localisation pipeline's per-locale prompt, read as dataset items, took it to
    # suspect: blind round 6); only what comes after a user message is late
    roles = (m.get("role") if isinstance(m, dict) else None for m in msgs)
    first = next((i for i, r in enumerate(roles) if r == "user"), len(msgs))
    return "\n\n".join(t for i, t in reversed(late) if i > first)


def _flags(
    event: TrafficEvent, text: str, body: str, late: str, previous_late: str | None
) -> tuple[str, ...]:
    flags = content_flags(event, text, body)
    return ("sampled", *flags, *(f for f in late_flags(late, previous_late) if f not in flags))


def extract(
    event: TrafficEvent,
    min_skeleton_tokens: int = 3,
    previous: str | None = None,
    classify: bool = True,
    history: str = "none",
    seen: Callable[[int], bool] | None = None,
    previous_late: str | None = None,
    late: str | None = None,
    judged_before: Callable[[int], bool] | None = None,
    common_line: Callable[[int], bool] | None = None,
) -> Record:
    """One request's record. `previous` is the key's previous prompt (clipped): the classifier
    judges the part of this prompt that a constant wrapper does not explain (content.slot).
    `classify=False` skips the content flags (the detector samples them on busy keys);
    `previous_late` is the key's previous late instructions and `late` this request's
    (`late_instructions`; computed here when not given); `history`
    is the detector's judgement of the conversation's last assistant turn (history.py). `seen`
    says whether the key sent this exact prompt recently (`Window.repeats`): a repeat is not
    classified again (Detector.observe gives it its copy's test-item reading: `Window.repeat_content`). Content shares count what a key *asks*, and a prompt sent 300 times is one
    item: a reviewer's university lab (195 students on one key, each sending the handout's
    exercises) had its handful of exercises counted hundreds of times as dataset items and was
    blocked (session 16), while a distiller gains nothing from asking the same prompt again
    (samples of one prompt come with `n`, which the harvest terms read). The same holds for the
    part the classifier judges (`judged_before`: `Window.judged_before`): where a key applies a
    few fixed instructions in turn to the same material (RAGAS' and DeepEval's metric prompts,
    each over one document or answer), the text that differs from the previous prompt is the
    instruction, one of a handful, and read afresh each time it counted one app prompt hundreds
    of times as instruction-set items (blind round 27's RAGAS user, 646 of 1,578 requests). A
    judged part already judged in the window is not a new item: it keeps what it asks for
    (data generation, grading, reasoning: per request) but not "instruction" / "item"."""
    p = event.params if isinstance(event.params, dict) else {}
    prompt = event.prompt if isinstance(event.prompt, str) else ""
    text = clip_text(prompt)
    late = late_instructions(event, previous) if late is None else late
    # a decoy question sent again beside a new item in the late instructions is a new request: as
    # a repeat, every one but the first went unread (watch 0.37 over 200 codealpaca items as late
    # system messages until session 36). A change too small to read (a time stamp) leaves a
    # re-sent prompt a repeat.
    new_late = late_part(late, previous_late)
    exact = (
        stable_hash(f"{prompt}\x1e{new_late}" if new_late else prompt) if prompt.strip() or new_late else 0
    )
    ws = words(text)
    sk = sketch(text, min_skeleton_tokens, ws)
    lp = p.get("logprobs")
    top = _int(p.get("top_logprobs")) if not isinstance(lp, int) or isinstance(lp, bool) else _int(lp)
    plp = _int(p.get("prompt_logprobs"))  # vLLM's: the top-k at every prompt position, -1 all of it
    top = max(top, 20 if plp < 0 else plp, _int(p.get("n_probs")))  # llama.cpp's top-n per token
    temp = p.get("temperature")
    multi, follow = _conversation(event, sk)
    asked = without_documents(text)  # read once: content, turns and topic
    asked_sk = sketch(asked, min_skeleton_tokens) if multi and asked is not text else None
    low = text.lower()
    body = slot(text, previous)
    chat_format = event.endpoint == "completions" and raw_chat(text)
    if chat_format:  # the role tags are the template: the topic is what they frame
        body = ASSISTANT_END.sub(" ", USER_TAG.sub(" ", body))
    # what the request asks: its slot, less the documents it quotes (content.asked_slot); the
    # classifier judges it, and topic breadth reads it (below)
    judged = asked_slot(asked, text, body, previous)
    part = stable_hash(judged) if len(judged) < len(text) and judged.strip() else 0
    classified = classify and not (seen is not None and seen(exact))
    # what the classifier reads: the judged part less the lines the key's recent prompts share, its
    # wrapper (None: nothing else is left). Topic breadth still reads the judged part: read without
    # them, apps' fixed multi-line prompts (checklists, article briefs) looked broad and their
    # templating counted (blind rounds 4-25: five benign keys more flagged, three fewer)
    rest = without_common_lines(judged, common_line) if classified and common_line is not None else judged
    content = _flags(event, text, judged if rest is None else rest, late, previous_late) if classified else ()
    if content and (rest is None or (part and judged_before is not None and judged_before(part))):
        content = tuple(f for f in content if f not in ITEM_FLAGS)
    return Record(
        ts=float(event.ts),
        sk=sk,
        # completions' `logprobs: 0` asks for every sampled token's log-prob (no alternatives)
        logprobs=bool(lp) or top > 0 or (event.endpoint == "completions" and _is_int(lp)),
        top_logprobs=top,
        n=max(1, _int(p.get("n"), 1)),
        max_tokens=_int(p.get("max_tokens") or p.get("max_completion_tokens")),
        temperature=_float(temp),
        cot=_matches(COT, COT_WORDS, low) and bool(cot_elicitation(text)),
        edge=_matches(EDGE, EDGE_WORDS, low),
        magpie=_magpie(event),
        multi_turn=multi,
        followup=follow,
        content=content,
        history=history,
        raw_chat=chat_format,
        topic=topic_vector(judged, piece_words(judged, text, ws)) if len(judged) != len(text) else None,
        transform=transformation(wrapper_of(text, body))
        if len(body) != len(text)
        else leading_transformation(text),
        templatable=_ends_on_user(event) and not cjk_text(text),
        exact=exact,
        asked_turn=(asked_sk.skeleton, asked_sk.digest) if asked_sk is not None else None,
        part=part,
        lines=line_hashes(text),
    )


def _ends_on_user(event: TrafficEvent) -> bool:
    """Whether the request's last turn is the user's: the last user or tool message is a user
    message (a system note or an assistant prefill after it does not change whose turn it is;
    a tool result does: an agent's step)."""
    msgs = event.messages if isinstance(event.messages, list) else []
    for m in reversed(msgs):
        role = m.get("role") if isinstance(m, dict) else None
        if role in ("user", "tool", "function"):
            return role == "user"
    return True


def wrapper_of(text: str, body: str) -> str:
    """What of a prompt is not its slot (content.slot): the constant text around it."""
    i = text.find(body)
    return "" if i < 0 else text[:i] + "\n" + text[i + len(body) :]


class _Slim(NamedTuple):
    """What a window keeps per request: ~1 KB less than a Record (no dense vector, no words)."""

    ts: float
    skeleton: int
    bands: tuple[int, ...]
    idx: np.ndarray
    vals: np.ndarray
    temperature: float | None
    flags: tuple[str, ...]  # the names of the flags that are set (usually none or one)
    digest: int = 0  # the whole prompt's hash (Record.exact; 0: empty)
    part: int = 0  # the judged part's hash (Record.part; 0: the whole prompt was judged)


# Log-probabilities of an answer capped at this many tokens are a score read off one position:
# how harnesses and judges score through an API (AlpacaEval's weighted judge asks max_tokens 1 with
# top_logprobs 5; lm-evaluation-harness's loglikelihood tasks, calibration studies). A distribution
# harvest for distillation wants every position of long answers. score.evidence uses it only where
# a key is already labelled evaluation.
SCORING_TOKENS = 2


class Window:
    """The last `size` records of one key, with running sums so features need no rescan."""

    def __init__(
        self, size: int, top_logprobs_high: int, max_tokens_high: int, short_output_tokens: int = 32
    ):
        self.size, self.top_hi, self.max_hi, self.short = (
            size,
            top_logprobs_high,
            max_tokens_high,
            short_output_tokens,
        )
        self.items: deque[_Slim] = deque()
        self.counts: Counter[str] = Counter()
        self.skeletons: Counter[int] = Counter()
        # the last `size` later user turns as (skeleton, digest), counted: a script fills a few
        # templates with new words, a person's turns rarely share one (see `scripted`); an
        # identical turn (an app's "Tell me more" button, a habit) is not a template filled
        self.turns: deque[tuple[int, int]] = deque()
        self.turn_skeletons: Counter[int] = Counter()
        self.turn_digests: Counter[int] = Counter()
        self.templated = 0  # prompts whose skeleton occurs at least twice in the window
        self.bands: Counter[int] = Counter()
        self.digests: Counter[int] = Counter()  # exact prompts in the window (`repeats`)
        self.parts: Counter[int] = Counter()  # judged parts in the window (`judged_before`)
        self.contents: dict[int, tuple[str, ...]] = {}  # exact prompt -> its content flags (`repeat_content`)
        # the lines of the key's last WRAPPER_LINES prompts, and how many of them hold each
        self.recent_lines: deque[tuple[int, ...]] = deque()
        self.line_counts: dict[int, int] = {}
        self.temps: Counter[float] = Counter()
        self.vec_sum = np.zeros(DIM, dtype=np.float64)
        self.n_vec = 0
        self.total = 0
        self.first_ts: float | None = None
        self.gaps: deque[float] = deque()  # inter-arrival gaps of the window, with running sums
        self.gap_sum = self.gap_sq = 0.0
        self.period = 0.0  # periodicity needs a median: refreshed every PERIOD_EVERY requests
        self.mix_n = self.mix_k = 0.0  # decayed counts of the mixed-traffic test (MIX_HORIZON)
        self.novelty = Novelty()  # lifetime: requests that brought text the key never sent

    def add(self, r: Record, indicator: bool = False) -> None:
        turn = r.multi_turn and r.templatable and bool(r.sk.skeleton)
        new = self.novelty.add(r.sk.shingles)  # whether it brought text the key never sent
        self.add_lines(r.lines)
        repeat = self.repeats(r.exact)  # not classified again (features.extract): no new item
        flags = {
            "logprobs": r.logprobs,
            "top_hi": r.top_logprobs >= self.top_hi,
            # ...on an answer of one or two tokens: a score read off one position (see SCORING_TOKENS)
            "top_score": r.top_logprobs >= self.top_hi and 0 < r.max_tokens <= SCORING_TOKENS,
            "n_multi": r.n > 1,
            "max_tok_hi": r.max_tokens >= self.max_hi,
            "short_out": 0 < r.max_tokens <= self.short,
            "cot": r.cot,
            "edge": r.edge,
            "magpie": r.magpie,
            "multi_turn": r.multi_turn,
            "turn": turn,
            "scripted": turn
            and self.turn_skeletons[r.turn_key[0]] > 0
            and not self.turn_digests[r.turn_key[1]],
            "followup": r.followup,
            "hist": r.history in ("own", "foreign"),
            "foreign": r.history == "foreign",
            "foreign_followup": r.history == "foreign" and r.followup,
            "unasked": r.history == "unasked",
            "unasked_followup": r.history == "unasked" and r.followup,
            "indicator": indicator,
            "raw_chat": r.raw_chat,
            "transform": r.transform,
            "near_dup": any(map(self.bands.get, r.sk.bands)),  # .get: no __missing__ call
            **({flag: name in r.content for flag, name in _CONTENT_FLAGS} if r.content else {}),
            # later turns known to be new items or not (classified, or a repeat of a prompt in the
            # window), and those that brought new text the classifier read as instruction-set
            # items: a survey asked of many simulated respondents repeats its questions (round 4's
            # read as items; 6 of its 7 classified requests were its new questions)
            "c.turn": r.multi_turn and ("sampled" in r.content or repeat),
            "c.turn_item": new and r.multi_turn and "instruction" in r.content,
        }
        # Topic breadth reads what a constant wrapper leaves (the slot): the wrapper's own words,
        # repeated in every prompt, would make a sweep of diverse items look like one topic.
        vec = r.sk.vec if r.topic is None else r.topic
        nz = vec.nonzero()[0].astype(np.uint16)
        on = tuple(compress(flags, flags.values()))  # the names of those set
        self.items.append(
            _Slim(r.ts, r.sk.skeleton, r.sk.bands, nz, vec[nz], r.temperature, on, r.exact, r.part)
        )
        if r.exact:  # .get: no Counter.__missing__ call (a Python one) for a new prompt
            self.digests[r.exact] = self.digests.get(r.exact, 0) + 1
            if EVAL_FLAGS.intersection(r.content):
                self.contents[r.exact] = content_of(on)  # as a restored window has it
        if r.part:
            self.parts[r.part] = self.parts.get(r.part, 0) + 1
        _tally(self.counts, on, 1)
        # the mixed-items test counts items: a prompt re-sent (under another system prompt, a
        # day later) is the same draw again. Counted again, a fixed set's chance excess reads as
        # significant, and an app's re-sent prompts dilute a real minority (round 4's 10% items
        # inside an app's traffic: 0.39 -> 0.82 once counted by item)
        if new and "sampled" in r.content and not r.multi_turn:
            self._mix(any(f in r.content for f in MIX_FLAGS))
        self._skeleton(r.sk.skeleton, +1)
        if turn:
            self.add_turn(*r.turn_key)
        _tally(self.bands, r.sk.bands, 1)
        if r.temperature is not None:
            self.temps[r.temperature] += 1
        if len(nz):
            self.vec_sum += vec
            self.n_vec += 1
        # a completions batch's prompts share one arrival (guard/detection.py): requests at the
        # same instant add no gap (twenty zero gaps read as a fixed-interval scheduler)
        if self.total and r.ts != self.items[-2].ts:
            self._gap(max(0.0, r.ts - self.items[-2].ts))
        self.total += 1
        self.first_ts = r.ts if self.first_ts is None else self.first_ts
        if len(self.items) > self.size:
            self._evict()

    def repeats(self, digest: int) -> bool:
        """Whether this exact prompt (its `Record.exact`) is already in the window."""
        return bool(digest) and self.digests.get(digest, 0) > 0

    def repeat_content(self, digest: int) -> tuple[str, ...]:
        """What a repeat of a prompt in the window asks (Detector.observe): the content flags its
        last classified copy had, less ITEM_FLAGS (a prompt sent again is no new item; see
        `extract`). Left unclassified, a regression suite re-sending its items each night lost the
        evaluation evidence its first night had as the window filled with repeats, while its
        templating and near-duplicates grew (blind round 29: a lab's own problem set, `evaluation`
        on night one, suspect 0.98 on night two)."""
        return tuple(f for f in self.contents.get(digest, ()) if f not in ITEM_FLAGS)

    def common_line(self, line: int) -> bool:
        """Whether a line (hashed, `content.line_hashes`) is in WRAPPER_SEEN of the key's last
        WRAPPER_LINES prompts: part of its wrapper (`content.without_common_lines`)."""
        return self.line_counts.get(line, 0) >= WRAPPER_SEEN

    def add_lines(self, lines: tuple[int, ...]) -> None:
        """Count a prompt's lines among the key's last WRAPPER_LINES prompts'."""
        counts = self.line_counts
        if len(self.recent_lines) >= WRAPPER_LINES:
            for h in self.recent_lines.popleft():
                c = counts[h] - 1
                if c:
                    counts[h] = c
                else:
                    del counts[h]
        self.recent_lines.append(lines)
        for h in lines:
            counts[h] = counts.get(h, 0) + 1

    def judged_before(self, part: int) -> bool:
        """Whether this judged part of a prompt (its `Record.part`) is already in the window."""
        return bool(part) and self.parts.get(part, 0) > 0

    def add_turn(self, skeleton: int, digest: int) -> None:
        self.turns.append((skeleton, digest))
        self.turn_skeletons[skeleton] += 1
        self.turn_digests[digest] += 1
        if len(self.turns) > self.size:
            old_s, old_d = self.turns.popleft()
            for counter, k in ((self.turn_skeletons, old_s), (self.turn_digests, old_d)):
                counter[k] -= 1
                if counter[k] <= 0:
                    del counter[k]

    def _mix(self, hit: bool) -> None:
        """One classified single-shot request: a dataset item rides along a key's conversations
        as a single shot, and a follow-up turn is never one (the classifier is trained on first
        turns), so follow-ups would only dilute the share."""
        keep = 1.0 - 1.0 / MIX_HORIZON
        self.mix_n = self.mix_n * keep + 1.0
        self.mix_k = self.mix_k * keep + float(hit)

    def _gap(self, g: float) -> None:
        self.gaps.append(g)
        self.gap_sum += g
        self.gap_sq += g * g
        if len(self.gaps) >= self.size:
            old = self.gaps.popleft()
            self.gap_sum -= old
            self.gap_sq -= old * old
        if len(self.gaps) % PERIOD_EVERY == 0 or len(self.gaps) < 2 * PERIOD_EVERY:
            self.period = periodicity(self.gaps)

    def timing(self) -> tuple[float, float, float]:
        """(rate per hour, gap coefficient of variation, periodicity). Poisson-like humans have CV ~1
        and low periodicity; a scheduler has CV ~0 and periodicity ~1."""
        k = len(self.gaps)
        if k < 2:
            return 0.0, 1.0, 0.0
        mean = max(self.gap_sum, 0.0) / k
        std = max(0.0, self.gap_sq / k - mean * mean) ** 0.5
        return (3600.0 / mean if mean > 0 else 3600.0 * k), (std / mean if mean > 0 else 0.0), self.period

    def _skeleton(self, s: int, d: int) -> None:
        if not s:
            return
        c = self.skeletons.get(s, 0)
        if d > 0:
            self.templated += 2 if c == 1 else (1 if c >= 2 else 0)
        else:
            self.templated -= 2 if c == 2 else (1 if c > 2 else 0)
        self.skeletons[s] = c + d
        if self.skeletons[s] <= 0:
            del self.skeletons[s]

    def _evict(self) -> None:
        r = self.items.popleft()
        _tally(self.counts, r.flags, -1)
        self._skeleton(r.skeleton, -1)
        if r.digest:
            self.digests[r.digest] -= 1
            if self.digests[r.digest] <= 0:
                del self.digests[r.digest]
                self.contents.pop(r.digest, None)
        if r.part:
            self.parts[r.part] -= 1
            if self.parts[r.part] <= 0:
                del self.parts[r.part]
        _tally(self.bands, r.bands, -1)
        for b in r.bands:
            if self.bands[b] <= 0:
                del self.bands[b]
        if r.temperature is not None:
            self.temps[r.temperature] -= 1
            if self.temps[r.temperature] <= 0:
                del self.temps[r.temperature]
        if len(r.idx):
            self.vec_sum[r.idx] -= r.vals
            self.n_vec -= 1


def _tally(counter: Counter, keys: tuple, d: int) -> None:
    """`counter.update(keys)` (d = 1) or `counter.subtract(keys)` (d = -1): their own loop, without
    their isinstance(keys, Mapping) test (an abstract base class's, through Python: four a request)."""
    get = counter.get
    for k in keys:
        counter[k] = get(k, 0) + d


def topic_breadth(vec_sum: np.ndarray, m: int) -> float:
    """1 - mean pairwise cosine of the window's unit vectors, from their sum alone:
    |sum v|^2 = m + sum_{i != j} cos(v_i, v_j)."""
    if m < 2:
        return 0.0
    mean_cos = (float(vec_sum @ vec_sum) - m) / (m * (m - 1))
    return float(min(1.0, max(0.0, 1.0 - mean_cos)))


def topic_entropy(vec_sum: np.ndarray) -> float:
    """Normalised entropy of where the window's word mass falls in the hashed space."""
    total = float(vec_sum.sum())
    if total <= 0:
        return 0.0
    p = vec_sum[vec_sum > 0] / total  # the positive entries (an evicted vector can leave -1e-17)
    # the sum negated: the same value as summing the negated terms, one array pass fewer
    return -float((p * np.log(p)).sum()) / math.log(DIM)


def periodicity(gaps: Collection[float]) -> float:
    """Share of gaps within 15% of the median gap: ~1 for a fixed-interval scheduler. Plain Python
    (the same values as np.median and np.mean): numpy's median costs ~13 us at any size, and a key
    with fewer than 20 gaps refreshes this on every request."""
    s = sorted(gaps)
    k = len(s)
    med = (s[k // 2] if k % 2 else (s[k // 2 - 1] + s[k // 2]) / 2) if k else 0.0
    return sum(abs(g - med) <= 0.15 * med for g in s) / k if med > 0 else 1.0


def features(w: Window) -> dict[str, float]:
    n = len(w.items)
    count = w.counts.get  # with 0 for a flag never counted: Counter's __missing__ is a Python call
    share = (lambda k: count(k, 0) / n) if n else (lambda k: 0.0)
    sampled = max(1, count("c.sampled", 0))  # what the content shares are over
    rate, cv, period = w.timing()
    return {
        "n_window": float(n),
        "n_total": float(w.total),
        # of them, requests that brought new text (novelty.py): the items coverage counts
        "novel_n": float(w.novelty.new),
        "rate_per_hour": rate,
        "gap_cv": cv,
        "periodicity": period,
        "breadth": topic_breadth(w.vec_sum, w.n_vec),
        "topic_entropy": topic_entropy(w.vec_sum),
        "templating": max(w.templated, count("raw_chat", 0)) / n if n else 0.0,
        "near_dup": share("near_dup"),
        "logprobs_share": share("logprobs"),
        "top_logprobs_share": share("top_hi"),
        "top_logprobs_scoring_share": share("top_score"),
        "n_multi_share": share("n_multi"),
        "max_tokens_share": share("max_tok_hi"),
        "short_output_share": share("short_out"),
        "temperatures": float(len(w.temps)),
        # the cheap step-by-step cue on every request (harvest); "cot_share" below is the sampled
        # recognisers' share (cot_elicitation). One name for both let the second overwrite the first.
        "cot_cue_share": share("cot"),
        "edge_share": share("edge"),
        "magpie_share": share("magpie"),
        "multi_turn_share": share("multi_turn"),
        "followup_share": share("followup"),
        # later user turns, and those whose masked skeleton an earlier one of the window had:
        # counts, so a cluster's pool adds them up
        "turn_n": float(count("turn", 0)),
        "scripted_n": float(count("scripted", 0)),
        # histories judged (the server reported replies for the key) and those carrying replies it
        # never served (history.py): counts, so a cluster's pool adds them up
        "hist_n": float(count("hist", 0)),
        "foreign_n": float(count("foreign", 0)),
        "foreign_followup_share": share("foreign_followup"),
        "unasked_n": float(count("unasked", 0)),
        "unasked_followup_share": share("unasked_followup"),
        "indicator_share": share("indicator"),
        "transform_share": share("transform"),
        "raw_chat_share": share("raw_chat"),
        # the window's share of prompts not already in it (exact text): repeats are one item
        "distinct_share": 1.0 - (sum(w.digests.values()) - len(w.digests)) / n if n else 1.0,
        "content_n": float(count("c.sampled", 0)),
        "mix_n": w.mix_n,
        "mix_k": w.mix_k,
        **{share: count(flag, 0) / sampled for share, flag in _CONTENT_NAMES},
        # later turns known to be new items or not, and the new ones read as instruction-set
        # items (counts, so a cluster's pool adds them up: score.ITEM_TURNS)
        "turn_read_n": float(count("c.turn", 0)),
        "turn_item_n": float(count("c.turn_item", 0)),
    }


_CONTENT_NAMES = tuple((f"{name}_share", f"c.{name}") for name in CONTENT)
_CONTENT_FLAGS = tuple((f"c.{name}", name) for name in ("sampled", *CONTENT))  # Window.add's


def content_of(flags: tuple[str, ...]) -> tuple[str, ...]:
    """A window item's content flags (Record.content's names) from its flags (`Window.add`): what a
    restored window's `contents` holds (persist)."""
    return tuple(name for flag, name in _CONTENT_FLAGS if flag in flags)


SUMMED = (
    "n_total",
    "novel_n",
    "n_window",
    "rate_per_hour",
    "content_n",
    "hist_n",
    "foreign_n",
    "unasked_n",
    "mix_n",
    "mix_k",
    "turn_n",
    "scripted_n",
    "turn_read_n",
    "turn_item_n",
)


def pool_features(feats: list[dict[str, float]], owners: list[str] | None = None) -> dict[str, float]:
    """One actor's features from its keys': counts add up, everything else is a window-weighted mean
    (temperatures: the max, since each key may sweep a different subset). `owners`, one per
    feature dict: who holds each key (Clusters.owner: its organisation, else the key itself);
    active keys are counted per owner (score: fan_out)."""
    if not feats:
        return {}
    weights = [max(1.0, f.get("n_window", 0.0)) for f in feats]
    total = sum(weights)
    # every key any member has: a member restored from an older state file lacks the newer ones
    names = dict.fromkeys(k for f in feats for k in f)
    out = {k: sum(w * f.get(k, 0.0) for w, f in zip(weights, feats, strict=True)) / total for k in names}
    for k in SUMMED:
        out[k] = sum(f.get(k, 0.0) for f in feats)
    # a member restored from a state before novelty.py counts every request as new (score.py)
    out["novel_n"] = sum(f.get("novel_n", f.get("n_total", 0.0)) for f in feats)
    out["temperatures"] = max(f["temperatures"] for f in feats)
    # keys that carry the actor's traffic, not every key it ever touched (FAN_OUT_ACTIVE), and
    # one organisation's keys once: an operator who files keys under one organisation already sees
    # one customer, so spreading over them hides nothing (score.FAN_OUT_KEYS)
    owners = owners if owners is not None else [str(i) for i in range(len(feats))]
    out["active_keys"] = float(
        len({o for o, f in zip(owners, feats, strict=True) if f["n_total"] >= FAN_OUT_ACTIVE})
    )
    return out

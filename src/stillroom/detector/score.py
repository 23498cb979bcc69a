"""Features -> evidence terms -> suspicion score in [0, 1] -> verdict with hysteresis.

Each evidence term is a number in [0, 1] built from one family of features, most of them scaled by
how much traffic backs them (`ramp`), so ten requests cannot look like a sweep. Terms combine as a
noisy-OR, score = 1 - prod(1 - w_k e_k): one strong signal is enough to act on, weak ones add up,
and each term's share of the score is reported as its contribution. Volume and topic breadth only
count *together* (`coverage`): a narrow high-volume batch job and a broad low-volume researcher
each have one of them, a distiller has both. Conversation continuity (multi-turn chats whose
follow-ups refer to earlier answers) scales the score down: distillers harvest single shots.
The defaults were tuned on `stillroom.detector.traces` seeds 0-4 and checked on held-out seeds
(bench/results/detector.txt).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import repeat

from pydantic import BaseModel, Field, model_validator

from stillroom.detector.aggregate import share_evidence
from stillroom.detector.content import COT_NAMED, DATAGEN_NAMED, MIXED, RUBRIC_NAMED, key_evidence
from stillroom.detector.features import CONTENT
from stillroom.detector.types import LADDER, Verdict


class Weights(BaseModel):
    templating: float = 0.9
    near_dup: float = 0.6
    coverage: float = 0.8
    harvest: float = 0.9
    sampling: float = 0.9
    magpie: float = 0.95
    edge_probing: float = 0.4
    timing: float = 0.3
    prada: float = 0.1
    indicator: float = 0.9
    instruction_style: float = 0.75
    data_generation: float = 0.95
    cot_elicitation: float = 0.6
    rubric_grading: float = 0.7
    foreign_history: float = 0.7
    fan_out: float = 0.6
    mixed_items: float = 0.7
    system_asks: float = 0.6
    scripted_turns: float = 0.7
    packed_tasks: float = 0.8


# How a key behaves (volume x breadth, timing, distribution shape, probing) is shared by
# distillers and by real power users, app backends and evaluators (bench/results/
# detector_real.txt: real power users reached coverage 0.6-0.7 and PRADA fires more on human
# traffic than on instruction sets). These terms together may put a key on watch, never further.
BEHAVIOUR = ("coverage", "timing", "prada", "edge_probing", "sampling")
# What the traffic *is*: each of these names a distillation practice and can carry a key to
# block on its own. Evaluation evidence scales all but the last three down (see `evidence`).
UNSUPPRESSED = ("data_generation", "magpie", "indicator")
# Histories carrying replies this API never served (history.py) name a practice - replaying
# someone else's conversations - but multi-model chat front-ends and imported chats send them
# too: alone this term may reach suspect (its weight is above `suspect`), never block.
NOT_STRONG = (
    *BEHAVIOUR,
    *("foreign_history", "fan_out", "mixed_items", "system_asks", "scripted_turns", "packed_tasks"),
)
# A fixed wrapper (templating, near-duplicates) is automation, and RAG backends and evaluation
# harnesses running a suite the item table does not know send one too: with broad topics they
# reached suspect (0.68-0.71, a greedy harness wrapping unlisted suites) and block (0.86, a support
# bot's "answer using only the documents below"; session 10). A wrapper names distillation beside
# evidence about what it carries - dataset items, data-generation, CoT or rubric requests, replayed
# histories - or as a chat transcript spelled out on the completions endpoint (unless sent with
# harness settings: an evaluator rendering the chat template itself); without either it joins
# the behaviour tier (`behaviour_of`). A system prompt asking for step-by-step reasoning or read as
# asking for data by the learned reader (`system_asks`, content.SYSTEM_COUNTS) is the same kind of
# evidence: the app's constant instructions, which say little without what the users send.
WRAPPER = ("templating", "near_dup", "system_asks")
BACKING = (
    "instruction_style",
    "mixed_items",
    "data_generation",
    "cot_elicitation",
    "rubric_grading",
    "magpie",
    "indicator",
    "foreign_history",
    "scripted_turns",
    "packed_tasks",
)
# What the style classifier reads (provenance.py): prompts written like instruction-set items, all or
# a share of them. Apps write their prompts that way too: a templated app that asks the model for
# lesson plans, rubrics or quiz questions sends self-contained imperative tasks at volume, as a
# synthetic-data harvest through a fixed template does, and two blind reviewers' such apps were
# blocked (session 17's quiz maker, session 19's teacher tools) on templating backed by this
# evidence alone. Out of source the classifier is near chance within a language (AUC 0.51,
# provenance.py), so it may take a key to suspect (logprobs capped, limits cut, a notice, a human's
# review), never to block, and it does not make a wrapper strong: a block needs a practice named by
# what the requests ask for or how they harvest (data generation, rubric grading, CoT at full
# strength, Magpie, logprob harvests, imported indicators).
STYLE = ("instruction_style", "mixed_items")
BACKED_MIN = 0.1  # the least BACKING term (before weights) that makes a wrapper count on its own
RAW_CHAT_MIN = 0.5  # the share of completions-endpoint chat transcripts that does
# A reseller's key carries real users' conversations *and* a customer's dataset items; the
# conversations must not explain the items away. `mixed_items` counts single-shot requests only,
# so it is combined after the continuity discount (see `combine`): alone it reaches suspect
# (weight 0.7 > suspect 0.6), never block - a minority share names no one practice strongly enough.
UNDISCOUNTED = ("mixed_items",)
MIXED_VOLUME = (100, 200)  # requests where mixed_items starts / counts fully
# A key's histories count as replayed once, with ~99% confidence, more than 30% of the judged
# ones carry a reply it was never served; fully at 70%. A person's last assistant turn is a reply
# they were just served, whatever front-end they switch between.
FOREIGN = (0.3, 0.7)
FOREIGN_VOLUME = (10, 40)  # judged histories in the window where the term starts / counts fully
# A linked actor (clusters.py) whose active keys (features.FAN_OUT_ACTIVE requests each) together make a
# broad single-shot sweep: a harvest split across keys so that none of them looks like one. One
# company's apps are two or three keys; the term starts at 3 and counts fully at 8. Alone it may
# reach suspect (with capped coverage: 1 - 0.55 x 0.4 = 0.78), never block.
FAN_OUT_KEYS = (3, 8)
# A person's later turns in a conversation rarely repeat an earlier one's masked skeleton with new
# words; a script that writes the follow-ups ("Tell me more about _", "Why is _ important?") fills a
# handful (features.Window `scripted`; identical turns and CJK text are not counted). Share of a
# key's later user turns that are scripted (session 14, every key with >= 10 such turns, over the
# whole key): real chat users 0-8% (crowdworkers probing for harm 20% of 13), a support bot relaying
# real conversations 2%, replayed real conversations 3-15%; a reviewer's follow-up generator 58%.
# Scripted turns earn no continuity discount, and at volume they are evidence: alone they may
# reach suspect, never block.
SCRIPTED = (0.3, 0.7)
SCRIPTED_VOLUME = (30, 100)  # later user turns in the window where the term starts / counts fully
# A conversation is a person's when its later turns go on with it. Later turns that read as
# instruction-set items are a harvest put in a chat (round 17: a chatty opener, then a dataset item
# as the second turn: 53% of its classified later turns, continuity discount 0.47, watch 0.48);
# real chats' later turns 0-9% (TUNE/VAL chat users, MT-Bench), a RAG answer engine's 49% (round
# 14: it restates the retrieved material). Evidence on the Wilson bound of that share removes the
# discount, never adds a term.
ITEM_TURNS = (0.15, 0.4)
# Many unrelated asks packed into each request (packs.py): every per-request count undercounts such
# a key by the pack size, so the term needs packs, not requests: from 5 classified packs of the
# window (25+ tasks), fully at 20 (100+). A person pastes a list of questions now and then; an app
# whose way of working is packs of unrelated asks is rare but possible (a quiz tool's mixed
# review), so alone it may reach suspect, never block, and it backs a wrapper without making it
# strong (UNBACKING).
PACKED_VOLUME = (5, 20)
# Coverage counts the requests that bring new text (novelty.py) and fades where they are a small
# share of the key's requests: re-sending one's own items under new wrappers covers nothing new.
NOVEL_SHARE = (0.1, 0.3)  # share where coverage starts / counts fully


class DetectorConfig(BaseModel):
    window: int = Field(200, ge=10, le=5000, description="requests per key kept in the sliding window")
    max_keys: int = Field(
        100_000, ge=10, description="keys tracked at once; the least recently seen is dropped"
    )
    history: int = Field(300, ge=10, description="score points kept per key and cluster for the dashboard")
    min_skeleton_tokens: int = Field(3, ge=1, description="literal tokens a masked skeleton needs to count")
    top_logprobs_high: int = Field(5, ge=1, description="top_logprobs at or above this counts as harvesting")
    max_tokens_high: int = Field(2048, ge=1, description="max_tokens at or above this counts as maximal")
    evidence_requests: int = Field(30, ge=1, description="requests before a knob-share term counts fully")
    sweep_volume: tuple[int, int] = (30, 200)  # requests where templating/near-dup start / count fully
    sweep_breadth: tuple[float, float] = (0.5, 0.85)  # breadth where a template becomes a *sweep*
    coverage_breadth: tuple[float, float] = (0.7, 0.9)
    coverage_entropy: tuple[float, float] = (0.55, 0.8)
    coverage_volume: tuple[int, int] = (100, 300)  # lifetime requests where coverage starts / counts fully
    short_output_tokens: int = Field(32, ge=1, description="max_tokens at or below this: a low-value answer")
    short_output_discount: float = Field(
        0.7, ge=0, le=1, description="content terms scale by 1 - this x share"
    )
    timing_min_requests: int = 50
    prada_delta: float = Field(0.90, gt=0, le=1, description="Shapiro-Wilk W below this = PRADA alarm")
    continuity_discount: float = Field(0.7, ge=0, le=1)
    content_all: int = Field(100, ge=0, description="requests per key whose content is always classified")
    content_rate: float = Field(
        0.25, gt=0, le=1, description="share of a key's later requests whose content is classified"
    )
    content_pending: bool = Field(
        True,
        description="classify every single-shot request of a key whose mixed-items test is pending"
        " (2+ hits above the benign share), not a sample",
    )
    seed: int | None = Field(None, description="seed of the content-sampling draw (None: from the OS)")
    templating_share: tuple[float, float] = (0.3, 0.8)  # templated share where templating starts / is full
    instruction_volume: tuple[int, int] = (20, 80)  # requests where instruction style starts / counts fully
    behaviour_cap: float = Field(
        0.45, ge=0, le=1, description="the most that behaviour terms alone add to a key's score"
    )
    strong: float = Field(
        0.6, ge=0, le=1, description="block needs one non-behaviour term (weighted) at least this strong"
    )
    evaluation_label: float = Field(
        0.6,
        ge=0,
        le=1,
        description="evaluation evidence at which a key is labelled `evaluation` (harness settings"
        " alone reach 0.5: test items are needed)",
    )
    watch: float = 0.35
    suspect: float = 0.6
    block: float = 0.85
    margin: float = Field(0.1, ge=0, description="score must fall this far below a level to step down")
    cooldown: int = Field(20, ge=1, description="consecutive low requests before stepping down one level")
    block_min_requests: int = Field(50, ge=1, description="a key is never blocked before this many requests")
    clusters: bool = Field(True, description="score linked keys as one actor (off: per-key only)")
    link_min_shared: int = Field(5, ge=1, description="shared templates/prompts that link two keys")
    link_min_fraction: float = Field(
        0.1, ge=0, le=1, description="...and that share of the smaller key's items"
    )
    cluster_every: int = Field(5, ge=1, description="recompute a cluster's score at most every k requests")
    indicators: list[str] = Field(default_factory=list, description="threat-indicator JSON files to load")
    weights: Weights = Weights()

    @model_validator(mode="after")
    def _ordered(self) -> DetectorConfig:
        if not 0 < self.watch < self.suspect < self.block <= 1:
            raise ValueError("thresholds must satisfy 0 < watch < suspect < block <= 1")
        for name in (
            "sweep_volume",
            "sweep_breadth",
            "coverage_breadth",
            "coverage_entropy",
            "coverage_volume",
            "instruction_volume",
            "templating_share",
        ):
            lo, hi = getattr(self, name)
            if not 0 <= lo < hi:
                raise ValueError(f"{name} must be (low, high) with 0 <= low < high")
        return self


def _weights(cfg: DetectorConfig) -> dict[str, float]:
    """The terms' weights by name, to read only: the model's own field dict (a model_dump copy cost
    ~1.5 us, and every request asks once or more)."""
    return vars(cfg.weights)


def ramp(x: float, lo: float, hi: float) -> float:
    if x <= lo:
        return 0.0
    return 1.0 if x >= hi else (x - lo) / (hi - lo)


def clip01(x: float) -> float:
    """min(1.0, max(0.0, x)), NaN and -0.0 included, without two builtin calls (~0.2 us; a
    request clips some 50 numbers)."""
    return (x if x < 1.0 else 1.0) if x > 0.0 else 0.0


def harvest_signal(f: dict[str, float]) -> float:
    """Requests that ask for more than an answer: distributions, many samples, long reasoning
    (`distribution_signal` and `sampling_signal` together; `evidence` counts the second alone
    as behaviour)."""
    return clip01(sampling_signal(f) + distribution_signal(f))


def distribution_signal(f: dict[str, float]) -> float:
    """The teacher's distribution (top logprobs), maximal lengths, step-by-step cues.

    Top logprobs of a one- or two-token answer (features.SCORING_TOKENS) count a quarter: one
    position's distribution is how harnesses, judges and calibration studies score through an API
    (five blind reviewers' benign scorers, one distiller's partial use), while a distillation
    harvest wants every position of long answers; a label-distribution harvest still counts."""
    top = f["top_logprobs_share"] - 0.75 * f.get("top_logprobs_scoring_share", 0.0)
    return clip01(
        0.5 * top
        + 0.15 * f["logprobs_share"]
        + 0.15 * f["max_tokens_share"]
        + 0.2 * f.get("cot_cue_share", 0.0)
    )


def sampling_signal(f: dict[str, float]) -> float:
    """Many samples per prompt (n > 1) and temperature sweeps: a distiller's best-of-n, but also
    pass@k evaluation and prompt engineers comparing outputs (a reviewer's A/B sweep, 30 inputs x
    12 system prompts x 4 temperatures at n=3, reached suspect on it, session 14): behaviour,
    unless the key also asks for distributions (see `evidence`)."""
    return 0.25 * f["n_multi_share"] + 0.25 * clip01((f["temperatures"] - 1) / 3)


def evidence(f: dict[str, float], cfg: DetectorConfig) -> dict[str, float]:
    n = f["n_total"]
    # what the content terms count is items: a prompt sent again (a lab's exercise, a regression
    # suite's case, a retry) is one item however often it comes (features' `distinct_share`)
    items = n * f.get("distinct_share", 1.0)
    novel = f.get("novel_n", n)  # a state saved before novelty.py: every request
    # a key that mostly re-sends its own items under new wrappers (an optimiser's dev set, a class
    # on one benchmark, a QA suite's scenarios) is measuring something, not covering a space
    fresh = ramp(novel / n, *NOVEL_SHARE) if n else 1.0
    full = ramp(n, 0, cfg.evidence_requests)
    single = 1.0 - own_multi_turn(f)
    # Distillation needs answers worth learning from: capped one-word outputs (evals, classifiers)
    # make the content-based terms weaker, not the knob-based ones.
    worth = 1.0 - cfg.short_output_discount * f["short_output_share"]
    sweep = ramp(f["breadth"], *cfg.sweep_breadth) * ramp(items, *cfg.sweep_volume) * worth
    coverage = ramp(f["breadth"], *cfg.coverage_breadth) * ramp(f["topic_entropy"], *cfg.coverage_entropy)
    prada_w = f.get("prada_w", 1.0)
    content = content_evidence(f)
    dist = distribution_signal(f)
    # A constant wrapper around instruction-set items is a sweep whatever the topics' breadth.
    sweep = max(sweep, content["instruction_style"] * ramp(items, *cfg.sweep_volume) * worth)
    # A wrapper that transforms the material it carries (summarise / translate this message) is an
    # app feature, not a harvest of answers: its repetition says nothing (recognisers.TRANSFORM).
    wrapper = sweep * (1.0 - f.get("transform_share", 0.0))
    terms = {
        # real people's prompts and open-ended suites share a skeleton up to ~40% of the time ("how do
        # I ...", "write a ..."); a script's
        # template shows on most of its prompts
        "templating": ramp(f["templating"], *cfg.templating_share) * wrapper * fresh,
        "near_dup": f["near_dup"] * wrapper * fresh,
        # breadth over the items the key brought, not its requests: re-sending its items under new
        # wrappers (an optimiser's dev set, a class on one benchmark) covers nothing new (novelty.py)
        "coverage": coverage * ramp(novel, *cfg.coverage_volume) * fresh * single * worth,
        # sampling knobs beside a distribution harvest are part of it; alone they are behaviour
        "harvest": (harvest_signal(f) if dist >= BACKED_MIN else dist) * full,
        "sampling": (0.0 if dist >= BACKED_MIN else sampling_signal(f)) * full,
        "magpie": f["magpie_share"] * ramp(n, 0, 10),
        "edge_probing": f["edge_share"] * ramp(n, *cfg.sweep_volume),
        "timing": f["periodicity"] * ramp(n, cfg.timing_min_requests, 2 * cfg.timing_min_requests) * single,
        "prada": clip01((cfg.prada_delta - prada_w) / 0.2) * ramp(n, 50, 150)
        if prada_w < cfg.prada_delta
        else 0.0,
        "indicator": f["indicator_share"] * ramp(n, 0, 5),
        # A person may write a few dozen instruction-like prompts; a dataset is hundreds.
        # Most prompts instruction-set items; or a minority of them at a reseller's volume, which
        # alone can carry a key to suspect, not to block (it tops out at 0.8 x the weight).
        "instruction_style": max(
            content["instruction_style"] * ramp(items, *cfg.instruction_volume),
            0.8 * content["instruction_minority"] * ramp(items, 100, 200),
        ),
        "data_generation": content["data_generation"],
        "cot_elicitation": content["cot_elicitation"],
        "rubric_grading": content["rubric_grading"],
        "system_asks": content["system_asks"],
        # a person has a few conversations a day; a replay is hundreds of turns
        "foreign_history": share_evidence(f.get("foreign_n", 0.0), f.get("hist_n", 0.0), *FOREIGN)
        * ramp(f.get("hist_n", 0.0), *FOREIGN_VOLUME),
        # a share of the key's single-shot requests significantly above what benign text reaches
        # (content.MIXED), at a reseller's volume: a person's dozen dataset-like prompts is no
        # minority mixed into a stream; and, like coverage, only on a key that brings new text: a
        # fixed prompt set re-sent under six system prompts with a pairwise judge (round 17's
        # template A/B test, 6% new text) reached suspect 0.87 on its judge calls
        "mixed_items": MIXED.evidence(f.get("mix_k", 0.0), f.get("mix_n", 0.0))
        * ramp(items, *MIXED_VOLUME)
        * fresh,
        "scripted_turns": share_evidence(f.get("scripted_n", 0.0), f.get("turn_n", 0.0), *SCRIPTED)
        * ramp(f.get("turn_n", 0.0), *SCRIPTED_VOLUME),
        "packed_tasks": content["packed_tasks"]
        * ramp(f.get("packed_share", 0.0) * f.get("content_n", 0.0), *PACKED_VOLUME)
        * worth,
        "fan_out": ramp(f.get("active_keys", 1.0), *FAN_OUT_KEYS)
        * coverage
        * ramp(novel, *cfg.coverage_volume)
        * fresh
        * single
        * worth,
    }
    # Evaluation traffic (public test items, harness settings) is labelled, not flagged: its
    # templates, breadth, CoT cues and sampling knobs are the harness's. Only practices no
    # harness needs (data-generation prompts, Magpie, imported indicators) keep full weight;
    # harvesting knobs keep half (top_logprobs at volume is not how harnesses score).
    ev = content["evaluation"]
    for k in terms if ev else ():  # none: every factor is 1.0
        if k not in UNSUPPRESSED:
            terms[k] *= 1.0 - (0.5 if k in ("harvest", "sampling") else 1.0) * ev
    terms["evaluation"] = ev
    return terms


def own_multi_turn(f: dict[str, float]) -> float:
    """The share of the window's requests that continue the key's *own* conversations: multi-turn
    requests whose history carries replies the API never served are replays, not a person, and
    those whose last exchange was never asked through the key (history.py `unasked`) are someone
    else's conversation put before a new question."""
    n = max(1.0, f["n_window"])
    other = f.get("foreign_n", 0.0) + f.get("unasked_n", 0.0) + f.get("scripted_n", 0.0)
    return max(0.0, f["multi_turn_share"] - other / n)


def content_evidence(f: dict[str, float]) -> dict[str, float]:
    """content.key_evidence from the window's content-flag shares (works for pooled clusters too:
    their shares are window-weighted means and n_window the sum)."""
    n = f.get("content_n", f["n_window"])
    return dict(_content_evidence(tuple(map(f.get, _SHARES, repeat(0.0))), n))


_SHARES = tuple(f"{name}_share" for name in CONTENT)


@lru_cache(maxsize=4096)
def _content_evidence(shares: tuple[float, ...], n: float) -> dict[str, float]:
    """The terms change only when a classified request enters or leaves a key's window (~half of
    a busy key's requests are not classified): a lookup instead of seven Wilson bounds (~10 us)."""
    return key_evidence({name: s * n for name, s in zip(CONTENT, shares, strict=True)}, int(n))


def combine(
    terms: dict[str, float], f: dict[str, float], cfg: DetectorConfig
) -> tuple[float, dict[str, float]]:
    """Noisy-OR of the weighted terms (behaviour terms capped together at `behaviour_cap`),
    scaled down by continuity, then OR-ed with the `UNDISCOUNTED` terms; contributions sum to
    the score. `evaluation` is a label, not a term: it is left out."""
    w = _weights(cfg)
    # each term clip01'd, written out: two dozen calls a request
    weighted = {
        k: w[k] * ((v if v < 1.0 else 1.0) if v > 0.0 else 0.0) for k, v in terms.items() if k != "evaluation"
    }
    tier = behaviour_of(terms, f)
    # noisy_or of the behaviour tier and of the rest (but UNDISCOUNTED) in one pass over the terms:
    # the same products in the same order (two generators and two calls were ~4% of `observe`'s
    # bytecode)
    miss_tier = miss_rest = 1.0
    for k, v in weighted.items():
        if k in tier:
            miss_tier *= 1.0 - v
        elif k not in UNDISCOUNTED:
            miss_rest *= 1.0 - v
    behaviour, rest = 1.0 - miss_tier, 1.0 - miss_rest
    capped = min(behaviour, cfg.behaviour_cap)
    if behaviour > 0:
        for k in tier:
            if k in weighted:
                weighted[k] *= capped / behaviour
    miss = (1.0 - capped) * (1.0 - rest)
    scripted = f.get("scripted_n", 0.0) / max(1.0, f["n_window"])
    not_own = f.get("foreign_followup_share", 0.0) + f.get("unasked_followup_share", 0.0)
    followup = max(0.0, f["followup_share"] - not_own - scripted)
    items = share_evidence(f.get("turn_item_n", 0.0), f.get("turn_read_n", 0.0), *ITEM_TURNS)
    continuity = 0.5 * (own_multi_turn(f) + followup) * (1.0 - items)
    discounted = (1.0 - miss) * (1.0 - cfg.continuity_discount * continuity)
    score = 1.0 - (1.0 - discounted) * (1.0 - noisy_or(weighted.get(k, 0.0) for k in UNDISCOUNTED))
    total = sum(weighted.values())
    contrib = {k: round(score * v / total, 4) for k, v in weighted.items() if v > 0} if total > 0 else {}
    return clip01(score), contrib


def noisy_or(values) -> float:
    miss = 1.0
    for v in values:
        miss *= 1.0 - v
    return 1.0 - miss


def behaviour_of(terms: dict[str, float], f: dict[str, float]) -> tuple[str, ...]:
    """The terms capped together at `behaviour_cap`: BEHAVIOUR, and the wrapper terms too when
    nothing says what the wrapper carries (see WRAPPER)."""
    backed = max(map(terms.get, BACKING, repeat(0.0))) >= BACKED_MIN
    # lm-eval's --apply_chat_template on a completions model sends transcripts too, greedy
    transcripts = f.get("raw_chat_share", 0.0) >= RAW_CHAT_MIN and f.get("eval_settings_share", 0.0) < 0.5
    if backed or transcripts:
        return BEHAVIOUR
    return (*BEHAVIOUR, *WRAPPER)


# Backing that makes a wrapper count (suspect) but not strong (block): step-by-step cues (what
# chain-of-thought evaluation sends), the prompts' style (STYLE) and scripted follow-up turns. An
# app's multi-step pipeline sends later user turns filled from one template ("Question: ...
# Result: ... Write a 2-3 sentence summary", "now split that by <column>"): blind round 10's BI
# text-to-SQL assistant was blocked on its templates backed by 11% scripted turns (first replay).
UNBACKING = ("cot_elicitation", *STYLE, "scripted_turns", "packed_tasks")


def strong(terms: dict[str, float], f: dict[str, float], cfg: DetectorConfig) -> bool:
    """Whether one non-behaviour term, weighted, is strong enough to justify a block. A wrapper
    backed by nothing but step-by-step cues is not: that is what chain-of-thought evaluation sends
    (BBH, GSM8K-CoT) as much as a rationale harvest, and around items the item table cannot name
    (BBH's short boolean expressions) it blocked a reviewer's evaluation harness that had been
    labelled `evaluation` for 1,500 requests (session 15). It still counts towards suspect
    (logprobs capped, limits cut, a notice), and any other backing but the prompts' style
    (`UNBACKING`: instruction style, mixed items, scripted turns) makes the wrapper strong again. The CoT term itself
    is strong only at full strength (its weight is the `strong` bar): a cue on nearly every prompt
    with nothing saying evaluation. `STYLE` terms are never strong themselves."""
    w = _weights(cfg)
    terms = blocking(terms, f)
    weak = (*NOT_STRONG, *STYLE, *behaviour_of(terms, f))
    if max(terms.get(k, 0.0) for k in BACKING if k not in UNBACKING) < BACKED_MIN:
        weak = (*weak, *WRAPPER)
    return any(w[k] * clip01(v) >= cfg.strong for k, v in terms.items() if k not in weak and k in w)


# A key that has sent this many evaluation items has shown what it is: a harness or a researcher
# running public suites. What it sends later (scoring its runs with our model as the judge, reruns,
# its own probes) can still take it to suspect - logprobs capped, limits cut, a notice - but a block
# then needs evidence no evaluation produces (`UNSUPPRESSED`: data-generation requests, Magpie
# templates, imported indicators). Both benign keys the blind reviewers' first replays blocked had
# been labelled `evaluation` for hundreds of requests first (session 15: a BBH harness after 1,500;
# session 16: a safety red-team study, labelled from its request 357, blocked at 2,172 while
# grading its own samples with the model).
# What counts (`Detector.observe`), from the key's first request labelled `evaluation` on,
# estimated from the classified sample (each classified request counts 1 / its chance of being
# classified, so the census of a key's first requests does not outweigh its sampled later ones):
# - evaluation items: requests flagged `eval` / `eval_style`, except grading prompts (`rubric`:
#   grading texts we never served is no test item);
# - reviews: requests that grade a reply the key was served, beside its question (`reviews_served`,
#   history.Served.quotes), whatever else they read as, and only where the reviewed question was an
#   evaluation item (flagged as one when it was asked: Served.items, or a public benchmark item
#   found in the review itself, evaluation.known_item: checked on reviews only, not on every
#   served reply, ~30 us a prompt) - counted up to as many as the items.
# Two reviews (session 17) found the history cheap to buy. Counting every request the key was
# *labelled* on: the label outlives a benchmark run by most of a window, and 100 public items sent
# first capped a harvest at suspect for good. Counting judge prompts over harvested answers: grading
# what it harvested is a distiller's own filtering step, not a cost, and such judge prompts also
# read as test items by style; 150 items first and a judge call per 4-5 harvested answers, beside
# the question or a made-up one, held a harvest at suspect (tests/test_detector_verdicts.py).
# The history stands for the key only while it is `EVALUATED_SHARE` of its prompts (those not
# already in its window: a pass@k harness sends each item k times, and a prompt sent again is one
# item, as for the content terms). A distiller keeps the cap only by spending ~8-15% of its traffic,
# for good, on public benchmark items (and reviews of their answers) while capped at suspect (still
# flagged: logprobs capped, limits cut, a notice); measured, 20% MMLU-like items interleaved with a
# harvest stay at suspect. Blind round 4's red-team study, the benign key this protects: 184
# evaluation items and 257 reviews of their answers in its first 2,075 prompts (17.7%; with a fifth
# as the share it was blocked at request 2,199); round 3's pass@k harness: 289 of 337.
EVALUATED_MIN = 100
EVALUATED_SHARE = 0.15


def evaluation_history(items: float, reviews: float) -> float:
    """A key's evaluation history: its evaluation items, and its reviews of its served replies up
    to as many (see above)."""
    return items + min(reviews, items)


def evaluated(history: float, total: int) -> bool:
    """Whether a key's evaluation history (`evaluation_history`, of `total` prompts ever) limits
    what may block it (`strong_after_evaluation`)."""
    return history >= EVALUATED_MIN and history >= EVALUATED_SHARE * total


# the terms a learned reader may raise, each with the share of its requests phrase patterns name
NAMED_RULES = (
    ("data_generation", DATAGEN_NAMED),
    ("cot_elicitation", COT_NAMED),
    ("rubric_grading", RUBRIC_NAMED),
)


def blocking(terms: dict[str, float], f: dict[str, float]) -> dict[str, float]:
    """The terms as the block tests read them: data generation, CoT and grading requests only as
    far as phrase patterns name them (content.DATAGEN_NAMED, COT_NAMED, RUBRIC_NAMED: the learned
    reader's readings may reach suspect, not block)."""
    out = terms
    n = f.get("content_n", f.get("n_window", 0.0))
    for term, rule in NAMED_RULES:
        if not terms.get(term):
            continue
        named = rule.evidence({rule.flag: f.get(f"{rule.flag}_share", 0.0) * n}, n)
        if terms[term] > named:
            out = {**out, term: named}
    return out


def strong_after_evaluation(terms: dict[str, float], f: dict[str, float], cfg: DetectorConfig) -> bool:
    """`strong` for a key with an evaluation history (`EVALUATED_MIN`): only the terms that
    evaluation evidence never suppresses may justify a block."""
    w = _weights(cfg)
    terms = blocking(terms, f)
    return any(w[k] * clip01(terms.get(k, 0.0)) >= cfg.strong for k in UNSUPPRESSED)


def thresholds(cfg: DetectorConfig) -> dict[Verdict, float]:
    return {"ok": 0.0, "watch": cfg.watch, "suspect": cfg.suspect, "block": cfg.block}


def next_verdict(
    current: Verdict,
    score: float,
    n_total: int,
    low_run: int,
    cfg: DetectorConfig,
    can_block: bool = True,
) -> tuple[Verdict, int]:
    """Step up at once to the highest ladder level the score reaches (block only after enough
    requests and with one strong term: `can_block`); step down one level only after `cooldown`
    requests in a row below that level minus `margin`. Returns (level, consecutive-low counter)."""
    th = thresholds(cfg)
    reached = max((v for v in LADDER if score >= th[v]), key=LADDER.index)
    if reached == "block" and (n_total < cfg.block_min_requests or not can_block):
        reached = "suspect"
    if LADDER.index(reached) > LADDER.index(current):
        return reached, 0
    if current != "ok" and score < th[current] - cfg.margin:
        low_run += 1
        if low_run >= cfg.cooldown:
            return LADDER[LADDER.index(current) - 1], 0
        return current, low_run
    return current, 0


def label(level: Verdict, terms: dict[str, float], cfg: DetectorConfig) -> Verdict:
    """The verdict shown and acted on: `evaluation` for a key on ok/watch whose traffic is
    recognisably evaluation; otherwise its ladder level."""
    if level in ("ok", "watch") and terms.get("evaluation", 0.0) >= cfg.evaluation_label:
        return "evaluation"
    return level

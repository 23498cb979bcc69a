"""`Detector(cfg).observe(event) -> Assessment`: the guard calls this once per request.

State per key is a bounded sliding window (features.Window), a PRADA tracker and a verdict with
hysteresis; keys beyond `max_keys` are forgotten least-recently-seen first. Cross-key clusters
(clusters.Clusters) pool their members' features and score them as one actor; a key's score is the
larger of its own and its cluster's. Not thread-safe by itself: the guard calls it from one event
loop, and `observe` never awaits.
"""

from __future__ import annotations

import random
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np

from stillroom.detector.clusters import Clusters
from stillroom.detector.content import MIXED, system_prompt
from stillroom.detector.evaluation import known_item
from stillroom.detector.features import (
    SUMMED,
    Window,
    clip_prompt,
    extract,
    features,
    late_instructions,
    pool_features,
    single_shot,
)
from stillroom.detector.history import QUOTE_SCAN, Served, earlier_questions
from stillroom.detector.indicators import load
from stillroom.detector.novelty import BITS, NO_FILTER, mark_novel
from stillroom.detector.prada import Prada
from stillroom.detector.provenance import featurise
from stillroom.detector.score import (
    WRAPPER,
    DetectorConfig,
    behaviour_of,
    combine,
    evaluated,
    evaluation_history,
    evidence,
    label,
    next_verdict,
    strong,
    strong_after_evaluation,
)
from stillroom.detector.text import DIM, sketch, stable_hash, visible
from stillroom.detector.types import Assessment, TrafficEvent, Verdict

EVALUATED_REASON = (
    "not blocked: ~{n:.0f} of its {total} prompts were evaluation items or reviews of its served replies"
    " (since labelled evaluation), and nothing here is what evaluation never sends (data generation,"
    " Magpie, an indicator)"
)
REASONS = {
    "templating": lambda f: f"{f['templating']:.0%} of prompts share a masked template skeleton",
    "near_dup": lambda f: f"{f['near_dup']:.0%} of prompts are near-duplicates (MinHash) of earlier ones",
    "coverage": lambda f: (
        f"broad topic coverage (breadth {f['breadth']:.2f}) at volume ({f.get('novel_n', f['n_total']):.0f} of"
        f" {f['n_total']:.0f} requests brought new text)"
    ),
    "harvest": lambda f: (
        f"harvesting knobs: top_logprobs {f['top_logprobs_share']:.0%}, maximal max_tokens"
        f" {f['max_tokens_share']:.0%}, step-by-step {f['cot_cue_share']:.0%}, n>1"
        f" {f['n_multi_share']:.0%}, {f['temperatures']:.0f} temperatures"
    ),
    "sampling": lambda f: f"many samples: n>1 {f['n_multi_share']:.0%}, {f['temperatures']:.0f} temperatures",
    "magpie": lambda f: f"{f['magpie_share']:.0%} empty-template (Magpie-style) requests",
    "edge_probing": lambda f: f"{f['edge_share']:.0%} edge-case probes",
    "timing": lambda f: (
        f"machine-regular timing (periodicity {f['periodicity']:.2f}, gap CV {f['gap_cv']:.2f})"
    ),
    "prada": lambda f: f"PRADA: min-distance normality W={f['prada_w']:.3f}",
    "indicator": lambda f: f"{f['indicator_share']:.0%} of prompts match imported threat indicators",
    "instruction_style": lambda f: (
        f"{f['instruction_share']:.0%} of prompts read as instruction-dataset items (provenance classifier)"
    ),
    "data_generation": lambda f: (
        f"{f['datagen_share']:.0%} of prompts ask the model to generate training data"
    ),
    "cot_elicitation": lambda f: f"{f['cot_share']:.0%} of prompts elicit step-by-step reasoning traces",
    "rubric_grading": lambda f: f"{f['rubric_share']:.0%} of prompts ask for rubric grading of answers",
    "system_asks": lambda f: (
        f"the system prompt asks for step-by-step reasoning, training data or grading ({f['system_asks_share']:.0%}"
        " of requests), beside evidence about what the users send"
    ),
    "foreign_history": lambda f: (
        f"{f['foreign_n'] / max(1.0, f['hist_n']):.0%} of {f['hist_n']:.0f} conversation histories pair this"
        " key's questions with answers this API did not give (replayed conversations)"
    ),
    "scripted_turns": lambda f: (
        f"{f['scripted_n']:.0f} of {f['turn_n']:.0f} later conversation turns repeat an earlier turn's"
        " template: follow-ups written by a script"
    ),
    "packed_tasks": lambda f: (
        f"{f['packed_share']:.0%} of prompts pack five or more unrelated tasks into one request"
    ),
    "fan_out": lambda f: (
        f"{f.get('active_keys', 1):.0f} linked keys split one broad single-shot sweep"
        f" ({f['n_total']:.0f} requests, breadth {f['breadth']:.2f})"
    ),
    "mixed_items": lambda f: (
        f"{f['mix_k']:.0f} of {f['mix_n']:.0f} single-shot requests read as dataset items or"
        " data-generation/grading requests: more than benign traffic's share (a minority mixed in)"
    ),
}
REPEATED_WRAPPER = ("templating", "near_dup")
SIBLINGS = 8  # linked keys whose served replies a grading prompt is checked against (`_quoted_served`)
EVAL_FLAGS = frozenset({"eval", "eval_style"})  # test items, by their harness's marks or by style
EVALUATION_REASON = (
    "evaluation traffic: {eval:.0%} public test items or item formats, {style:.0%} read as test items,"
    " {knobs:.0%} harness settings"
)


# Timing links skip a key whose request gaps are mostly within 15% of their median (features.periodicity)
# once it has this many gaps: two owners' fixed-interval jobs on one offset would look synchronised.
PERIODIC, PERIODIC_GAPS = 0.8, 20
SAMPLING = ("temperature", "top_p", "max_tokens", "n", "logprobs", "top_logprobs", "stop", "seed")


def fingerprint(event: TrafficEvent) -> int:
    """The client build and settings behind a request: user agent, header-name set, sampling
    settings tuple, system prompt (0 when the event carries no user agent)."""
    if not event.user_agent:
        return 0
    params = event.params if isinstance(event.params, dict) else {}
    sampling = tuple((k, repr(params.get(k))) for k in SAMPLING if k in params)
    return _fingerprint((event.user_agent, tuple(sorted(event.header_names)), sampling, system_prompt(event)))


@lru_cache(maxsize=1024)
def _fingerprint(parts: tuple) -> int:
    """A key's client sends the same parts request after request: looking them up (a tuple hash and
    an equality test) costs a fraction of repr + blake2b over a long system prompt (~15 us)."""
    # stable_hash, not Python's salted hash(): a restarted guard must compute the same value (persist.py)
    return stable_hash(repr(parts))


UNCARRIED_REASON = (
    "linked to {cluster} (score {score:.2f}) by a client fingerprint, which anyone can copy: that"
    " cluster lends this key volume, not what its other keys sent"
)
# The most requests a fingerprint link lends a key's own traffic (Detector._linked_score): every
# volume ramp is full by then (coverage_volume's 300), and scaled counts are not read as more
# evidence than that.
LENT_VOLUME = 300.0


def identity(event: TrafficEvent) -> tuple[tuple[tuple[str, str], ...], int]:
    account = event.account if isinstance(event.account, dict) else {}
    return tuple(sorted((str(k), str(v)) for k, v in account.items())), fingerprint(event)


def _ends(text: str, n: int = 2 * QUOTE_SCAN) -> str:
    """A long text's first and last `n` characters (Served reads a text's head and its tail)."""
    return text if len(text) <= 2 * n else text[:n] + "\n" + text[-n:]


def as_read(event: TrafficEvent) -> TrafficEvent:
    """The event's texts as a reader sees them (text.visible: no invisible characters, Latin
    look-alikes folded in Latin text): the same event when nothing changes, which is every ASCII
    request."""
    prompt = visible(event.prompt) if isinstance(event.prompt, str) else event.prompt
    msgs = event.messages
    if isinstance(msgs, list) and not all(
        isinstance(m, dict) and (not isinstance(m.get("content"), str) or m["content"].isascii())
        for m in msgs
    ):
        msgs = [
            {**m, "content": visible(m["content"])}
            if isinstance(m, dict) and isinstance(m.get("content"), str)
            else m
            for m in msgs
        ]
    if prompt is event.prompt and msgs is event.messages:
        return event
    return replace(event, prompt=prompt, messages=msgs)


def with_unasked_question(event: TrafficEvent, served: Served) -> TrafficEvent:
    """The event with the earlier user turns of its conversation that this key never asked put
    before its prompt (history.py `Served.asked`; its newest 8). The model answers the new turn with
    them in view, and the key has not asked them before, so they are part of what the key asks
    now: a red team sent each of 400 instruction-set items as [user: item, assistant: "Sure." (or
    "", or a long made-up reply), user: "Go ahead."] and the key read as "Go ahead." 400 times
    (ok 0.20-0.25; the same items sent plainly: suspect 0.64; session 28, round 8). Reading only
    the last exchange's question left the item one filler exchange further back unread (session
    35's red team: [item, "Sure.", "ok", "ok", "Answer my first question."] x 200 codealpaca items,
    watch 0.37 with our replies reported; suspect 0.83 with no filler), and a filler exchange the
    key once asked made the last exchange its own. A person's own conversation (every earlier turn
    asked) reads as it is; an imported or few-shot history reads as more questions; an app whose
    users' earlier turns a busy key's memory dropped has them read once more. The prompt itself is
    never put before itself: the last exchange's question was, where a conversation ends on a tool
    result (its question is the prompt), and read an agent's task twice."""
    fresh = [q for q in earlier_questions(event.messages) if q.strip() and not served.asked(q)]
    if not fresh:
        return event
    return replace(event, prompt="\n\n".join((*fresh, event.prompt)))


def evaluating(w: Window) -> bool:
    """Whether most of a key's classified requests so far are evaluation items: its prompts that
    the per-request flags miss are benchmark items too, and must not link it to anyone."""
    sampled = w.counts["c.sampled"]
    return sampled >= 3 and w.counts["c.eval"] + w.counts["c.eval_style"] >= 0.5 * sampled


@dataclass
class KeyState:
    window: Window
    prada: Prada
    verdict: Verdict = "ok"  # the ladder level (the label is recomputed per request)
    low_run: int = 0
    previous: str | None = None  # the last prompt, clipped: content.slot strips the key's wrapper
    previous_late: str | None = None  # its late instructions, clipped (content.late_flags)
    identities: set = field(default_factory=set)  # (account, fingerprint) pairs already linked on
    last: Assessment | None = None
    own_score: float = 0.0
    history: deque = field(default_factory=deque)  # (ts, score, verdict)
    served: Served = field(default_factory=Served)  # this key's questions -> digests of our replies
    unbacked_wrapper: bool = False  # its wrapper shows but nothing says what it carries (see _sample)
    # its evaluation items and, apart, its reviews of its served replies since it was first
    # labelled `evaluation`, estimated from the classified sample, and the prompts it sent that
    # were not already in its window (score.evaluated; session-16 files: requests labelled
    # evaluation and all requests)
    evaluated: float = 0.0
    reviewed: float = 0.0
    items: int = 0


@lru_cache(maxsize=1)
def load_kernels() -> None:
    """Run each compiled (numba) kernel once: the first call loads them from numba's cache (~0.45 s)
    or compiles them (~2.5 s), which a detector pays when it is made, not in its first request."""
    sketch("load the compiled kernels once")
    featurise("load the compiled kernels once")
    mark_novel(np.zeros(1, dtype=np.uint64), np.zeros(BITS // 8, dtype=np.uint8), NO_FILTER)


class Detector:
    def __init__(self, cfg: DetectorConfig | None = None):
        self.cfg = cfg or DetectorConfig()
        self.keys: OrderedDict[str, KeyState] = OrderedDict()
        self.clusters = Clusters(
            self.cfg.link_min_shared, self.cfg.link_min_fraction, public=self._labelled_evaluation
        )
        # cluster id -> (observed at, score, contributions, pooled features, can block, can block
        # a key with an evaluation history: score.strong_after_evaluation on the pooled terms,
        # the pooled terms: what a fingerprint-linked key's terms are capped at, `_linked_score`)
        self.cluster_cache: dict[
            str, tuple[int, float, dict[str, float], dict[str, float], bool, bool, dict[str, float]]
        ] = {}
        self.cluster_history: dict[str, deque] = {}
        # the latest features of linked keys that other stream workers hold (detector/links.py
        # fills it): a cluster spanning workers pools them with its keys held here
        self.peers: dict[str, dict[str, float]] = {}
        self.transitions: deque = deque(maxlen=1000)  # verdict changes: the dashboard's action log
        self.indicators: dict[int, str] = {}  # skeleton hash -> indicator source
        self.observed = 0
        self.dirty: set[str] = set()  # keys observed since the last state capture (persist.Saver)
        self.rng = random.Random(self.cfg.seed)
        load_kernels()
        if self.cfg.indicators:
            for path in self.cfg.indicators:
                self.load_indicators(load(path))

    def _state(self, key: str) -> KeyState:
        st = self.keys.get(key)
        if st is None:
            c = self.cfg
            st = self.keys[key] = KeyState(
                Window(c.window, c.top_logprobs_high, c.max_tokens_high, c.short_output_tokens),
                Prada(DIM),
                history=deque(maxlen=c.history),
            )
            if len(self.keys) > c.max_keys:
                self.dirty.discard(self.keys.popitem(last=False)[0])  # dirty stays within max_keys
        else:
            self.keys.move_to_end(key)
        return st

    def observe(self, event: TrafficEvent) -> Assessment:
        event = as_read(event)
        self.observed += 1
        self.dirty.add(event.key_id)
        st = self._state(event.key_id)
        hist = st.served.judge(event.messages, event.ts)
        if hist != "unknown":  # no reply reported for the key yet: nothing tells asked from not
            event = with_unasked_question(event, st.served)
        if self.cfg.clusters:
            # who sends it is known before the body is read: a key's first request already meets
            # the prompts its organisation's other keys sent (Clusters.sent_before, below)
            ident = identity(event)
            if ident not in st.identities and len(st.identities) < 16:
                st.identities.add(ident)
                self.clusters.observe_identity(event.key_id, dict(ident[0]), ident[1])
        sample, chance = self._sample(st, event)
        late = late_instructions(event, st.previous)
        rec = extract(
            event,
            self.cfg.min_skeleton_tokens,
            st.previous,
            sample,
            hist,
            st.window.repeats,
            st.previous_late,
            late,
            st.window.judged_before,
            st.window.common_line,
        )
        quoted = self._quoted_served(event, st) if "rubric" in rec.content else frozenset()
        if quoted:
            # grading a reply this key (or its organisation) was served is evaluating our model,
            # not buying labels for texts it lacks: the request keeps its other flags but is not
            # counted as grading
            rec = replace(rec, content=(*(c for c in rec.content if c != "rubric"), "reviews_served"))
        if (
            rec.content
            and self.cfg.clusters
            and self.clusters.sent_before(event.key_id, rec.sk.digest, rec.sk.n_words)
        ):
            rec = replace(rec, content=())  # another key of its actor asked it first: no new item either
        repeat = st.window.repeats(rec.exact)
        if repeat and not rec.content:  # not classified again: it asks what it asked (Window.repeat_content)
            rec = replace(rec, content=st.window.repeat_content(rec.exact))
        st.items += not repeat  # a prompt sent again is one item (features.extract)
        st.previous = clip_prompt(event.prompt)
        st.previous_late = clip_prompt(late) or st.previous_late
        st.window.add(rec, indicator=rec.sk.skeleton in self.indicators)
        st.prada.add(rec.sk.vec)
        if self.cfg.clusters:
            # public benchmark items link nobody: a request flagged as one, any request of a key
            # whose classified sample is mostly test items or that is labelled `evaluation` now,
            # and nothing links to a key so labelled (Clusters.public). The label covers suites
            # whose items neither the table nor the style reader names: XSTest's short prompts
            # (149 of 450 long enough to be looked up) linked an exaggerated-safety run to a suite
            # runner that ran XSTest later, under 2 of 6 sampling seeds, on the templates and
            # prompts they share. A key so labelled has its other terms suppressed already, so the
            # label opens no way around linking for a harvest.
            public = (
                bool(EVAL_FLAGS.intersection(rec.content))
                or evaluating(st.window)
                or self._labelled_evaluation(event.key_id)
            )
            linkable = not public
            if linkable:
                repeats = st.window.skeletons.get(rec.sk.skeleton, 0) >= 2
                self.clusters.observe(event.key_id, rec.sk.skeleton, repeats, rec.sk.digest, rec.sk.n_words)
            # a fixed-interval job's onsets line up with any other job on the same offset
            periodic = len(st.window.gaps) >= PERIODIC_GAPS and st.window.period >= PERIODIC
            self.clusters.observe_time(event.key_id, rec.ts, count=linkable and not periodic)
        f = features(st.window)
        f["prada_w"] = st.prada.w if st.prada.w is not None else 1.0
        terms = evidence(f, self.cfg)
        score, contrib = combine(terms, f, self.cfg)
        # a repeated wrapper whose contents nothing names yet: classify every request (see _sample);
        # a system prompt's cue (system_asks) is not one: the app's users are sampled as usual
        st.unbacked_wrapper = any(k in contrib for k in REPEATED_WRAPPER) and WRAPPER[0] in behaviour_of(
            terms, f
        )
        st.own_score = score
        cluster = self.clusters.cluster_of(event.key_id) if self.cfg.clusters else None
        st.last = Assessment(score, st.verdict, f, contrib, cluster)  # members' features feed the cluster
        own, uncarried = True, None
        if cluster is not None:
            c_score = self._cluster_score(cluster, event.key_id, rec.ts)[0]
            if c_score > score:
                l_score, l_contrib, l_strong, l_after = self._linked_score(event.key_id, cluster)
                if l_score > score:  # the actor's evidence decides, for both tests
                    score, contrib = l_score, {f"cluster.{k}": v for k, v in l_contrib.items()}
                    can_block, after_evaluation, own = l_strong, l_after, False
                if l_score < c_score - 0.05:
                    uncarried = c_score
        # whether the evidence may block matters only at a block-level score (next_verdict, and the
        # cap's reason below): below it, not asking saves ~20 us a request
        if own:
            at_block = score >= self.cfg.block
            can_block = at_block and strong(terms, f, self.cfg)
            after_evaluation = at_block and strong_after_evaluation(terms, f, self.cfg)
        history = evaluation_history(st.evaluated, st.reviewed)
        capped = can_block and not after_evaluation and evaluated(history, st.items)
        level, st.low_run = next_verdict(
            st.verdict, score, int(f["n_total"]), st.low_run, self.cfg, can_block and not capped
        )
        verdict = label(level, terms, self.cfg)
        if verdict == "evaluation" or st.evaluated > 0:  # score.evaluated
            # a review is one whatever else it reads as (a judge prompt may read as a test item by
            # style), and counts only over a reply to a public benchmark item (score.evaluated)
            if "reviews_served" in rec.content:
                benchmark = not quoted.isdisjoint(st.served.items) or known_item(event.prompt)
                st.reviewed += benchmark / chance  # the quoted question may be a public item
            elif EVAL_FLAGS.intersection(rec.content) and "rubric" not in rec.content:
                st.evaluated += 1.0 / chance  # grading texts we never served is no test item
                st.served.mark_item(event.prompt)  # its answer, reviewed later, is an evaluation's
        if level != st.verdict:
            self.transitions.append(
                {
                    "ts": rec.ts,
                    "key": event.key_id,
                    "from": st.verdict,
                    "to": level,
                    "score": round(score, 4),
                    "evidence": sorted(contrib, key=lambda k: (-contrib[k], k))[:3],  # ties as in _reasons
                }
            )
        st.verdict = level
        reasons = self._reasons(f, contrib, cluster)
        if uncarried is not None:  # the operator sees the link and why it did not count
            reasons.append(UNCARRIED_REASON.format(cluster=cluster, score=uncarried))
        if verdict == "evaluation":
            reasons.insert(
                0,
                EVALUATION_REASON.format(
                    eval=f["eval_share"], style=f.get("eval_style_share", 0.0), knobs=f["eval_settings_share"]
                ),
            )
        # shown only where the cap changed the outcome: block without it
        if (
            capped
            and level == "suspect"
            and score >= self.cfg.block
            and f["n_total"] >= self.cfg.block_min_requests
        ):
            reasons.insert(0, EVALUATED_REASON.format(n=history, total=st.items))
        st.last = Assessment(round(score, 4), verdict, f, contrib, cluster, reasons, level)
        self._record(st.history, rec.ts, score, verdict)
        return st.last

    def _quoted_served(self, event: TrafficEvent, st: KeyState) -> frozenset[int]:
        """The questions whose served replies the prompt quotes beside them (history.Served.quotes):
        this key's, else those of up to `SIBLINGS` keys firmly linked to it (by an operator's account
        field - organisation, payment - not by a client fingerprint alone: clusters.firm_members).
        A company grades its answer box's production answers from a grader key of its own: blind
        round 38's pairwise judge of v3 against v4 on its prod key's logged queries was blocked on
        rubric grading at its first replay, the replies being the prod key's."""
        quoted = st.served.quotes(event.prompt)
        if quoted or not self.cfg.clusters:
            return quoted
        for other in sorted(self.clusters.firm_members(event.key_id) - {event.key_id})[:SIBLINGS]:
            sibling = self.keys.get(other)
            if sibling is not None and (quoted := sibling.served.quotes(event.prompt)):
                return quoted
        return frozenset()

    def served(self, key_id: str, prompt: str, texts: list[str]) -> None:
        """What the API returned to one of this key's chat requests (`prompt`: its last user
        message; `texts`: every choice as the client got it): later histories that pair that
        question with another answer are replays (history.py). Callers that never call this leave
        the history evidence silent. May come before or after the request's `observe` (a server
        may observe off the request path)."""
        st = self._state(key_id)
        last = st.window.items[-1].ts if st.window.items else None  # the request just answered, usually
        # as `observe` reads texts (as_read), so a reply resent as a history pairs with its question;
        # head and tail only (what Served reads of a text), so a 1M-character question costs no more
        prompt = visible(_ends(prompt)) if isinstance(prompt, str) else prompt
        st.served.add(prompt, [visible(_ends(t)) if isinstance(t, str) else t for t in texts], last)
        self.dirty.add(key_id)

    def _labelled_evaluation(self, key: str) -> bool:
        """Whether a key's latest assessment labels it `evaluation` (see Clusters.public)."""
        st = self.keys.get(key)
        return st is not None and st.last is not None and st.last.verdict == "evaluation"

    def _sample(self, st: KeyState, event: TrafficEvent) -> tuple[bool, float]:
        """Whether to run the content classifiers on a key's next request: always for its first
        `content_all` requests, then at random with probability `content_rate` - shares need a
        sample, not a census, and busy keys are most of the traffic. Random, not every k-th, so
        a client cannot time its requests around it. A key whose mixed-items test is pending
        (`content_pending`) has every single shot classified: a 5% minority is ~2 requests in a
        25% sample of 200, too few for any test; a benign key is pending only while one chance hit
        keeps its share above the base (the choice depends on past requests only, so the
        sample stays unbiased). So has every request of a key whose wrapper shows (templating or
        near-duplicates in its last score) with nothing yet saying what it carries: whether the
        wrapper counts hangs on that (score.behaviour_of), and a 25% sample left it to chance -
        VAL's disguised distiller was caught under 5 of 6 sampling seeds (0.82-0.87) and missed
        under one (0.38). A backed wrapper goes back to the sample. Returns (classify, the
        chance it had of being classified): what a count over the sample weighs it by."""
        w = st.window
        if w.total < self.cfg.content_all:
            return True, 1.0
        drawn = self.rng.random() < self.cfg.content_rate
        sure = st.unbacked_wrapper or (
            self.cfg.content_pending and MIXED.pending(w.mix_k, w.mix_n) and single_shot(event)
        )
        return drawn or sure, 1.0 if sure else self.cfg.content_rate

    def _linked_score(self, key: str, cluster: str) -> tuple[float, dict[str, float], bool, bool]:
        """What a linked key takes from its cluster: (score, contributions, strong, strong after
        evaluation). A key tied to the whole cluster by links the client did not choose (shared
        pool items, an operator's account field, timing: clusters.py `firm`) takes the cluster's.
        Otherwise the part it is firmly tied to (at least itself) is scored at the cluster's volume
        (its counts scaled up, to at most `LENT_VOLUME` requests) with each term capped at the
        cluster's: a fingerprint, which anyone can copy, lends volume, not content. A rotating
        hydra is what volume hides (blind round 2's 24 keys of ~40 requests score 0.04 each alone;
        each key's own requests are the harvest's), while a customer framed under a copy of its
        fingerprint keeps its own traffic's score: a harvest sent beside it, a decoy key that
        changes what leads the cluster, or a template the customer also shows add nothing its
        own requests do not show (session 24's reviewer: framed to suspect or block, and a decoy
        that took a hydra from 11 of 12 keys caught to 0, under the first, leading-term form)."""
        _, c_score, c_contrib, pooled, c_strong, c_after, cap = self.cluster_cache[cluster]
        firm = self.clusters.firm_members(key)  # a firm link is always a link too: a subset
        if firm >= self.clusters.members(key):
            return c_score, c_contrib, c_strong, c_after
        part = pool_features(*self._features_of(firm))
        if not part:
            return 0.0, {}, False, False
        target = min(max(1.0, pooled.get("n_window", 0.0)), LENT_VOLUME)
        scale = max(1.0, target / max(1.0, part.get("n_window", 0.0)))
        lent = {k: v * scale if k in SUMMED else v for k, v in part.items()}
        terms = {k: min(v, cap.get(k, 0.0)) for k, v in evidence(lent, self.cfg).items()}
        score, contrib = combine(terms, lent, self.cfg)
        return score, contrib, strong(terms, lent, self.cfg), strong_after_evaluation(terms, lent, self.cfg)

    def _cluster_score(self, cluster: str, key: str, ts: float) -> tuple[float, dict[str, float], bool, bool]:
        """Pool the members' latest features (volumes add, shares average weighted by window size)
        and score the pool: (score, contributions, strong, strong_after_evaluation). Cached for
        `cluster_every` requests because clusters can be large (a cache entry saved before the
        last element was kept is stale)."""
        cached = self.cluster_cache.get(cluster)
        if cached is not None and self.observed - cached[0] < self.cfg.cluster_every and len(cached) > 6:
            return cached[1], cached[2], cached[4], cached[5]
        pooled = pool_features(*self._features_of(self.clusters.members(key)))
        terms = evidence(pooled, self.cfg)
        score, contrib = combine(terms, pooled, self.cfg)
        can_block, after = strong(terms, pooled, self.cfg), strong_after_evaluation(terms, pooled, self.cfg)
        self.cluster_cache[cluster] = (self.observed, score, contrib, pooled, can_block, after, terms)
        self._record(
            self.cluster_history.setdefault(cluster, deque(maxlen=self.cfg.history)), ts, score, "ok"
        )
        return score, contrib, can_block, after

    def _features_of(self, keys: set[str]) -> tuple[list[dict[str, float]], list[str]]:
        """The latest features of these keys, held here or by another stream worker (`peers`),
        sorted by key (the pooled sums must not depend on a set's hash-seeded order), and who
        holds each (Clusters.owner): `pool_features`' arguments."""
        out, owners = [], []
        for k in sorted(keys):
            st = self.keys.get(k)
            f = st.last.features if st is not None and st.last is not None else self.peers.get(k)
            if f is not None:
                out.append(f)
                owners.append(self.clusters.owner(k))
        return out, owners

    def _reasons(self, f: dict[str, float], contrib: dict[str, float], cluster: str | None) -> list[str]:
        out = []
        # saturated terms tie exactly (equal weights at evidence 1.0): name order breaks the tie, so the
        # same evidence is explained the same way whichever term the window happened to fill first
        for name, _ in sorted(contrib.items(), key=lambda kv: (-kv[1], kv[0]))[:4]:
            base = name.removeprefix("cluster.")
            if base in REASONS:
                pooled = self.cluster_cache[cluster][3] if name.startswith("cluster.") and cluster else f
                out.append(("cluster: " if base != name else "") + REASONS[base](pooled))
        return out

    @staticmethod
    def _record(hist: deque, ts: float, score: float, verdict: str) -> None:
        """Keep a point when the score moved or the verdict changed, so history spans long runs."""
        if not hist or abs(hist[-1][1] - score) >= 0.02 or hist[-1][2] != verdict or ts - hist[-1][0] > 600:
            hist.append((ts, round(score, 4), verdict))

    def load_indicators(self, skeletons: dict[int, str]) -> int:
        self.indicators.update(skeletons)
        return len(skeletons)

    def key_view(self, key: str) -> dict | None:
        """One key's plain JSON-able view (None if not tracked): O(1), for per-key admin views."""
        st = self.keys.get(key)
        if st is None:
            return None
        return {
            "score": st.last.score if st.last else 0.0,
            "own_score": round(st.own_score, 4),
            "verdict": st.last.verdict if st.last else st.verdict,
            "level": st.verdict,
            "cluster": st.last.cluster if st.last else None,
            "requests": st.window.total,
            "contributions": st.last.contributions if st.last else {},
            "reasons": st.last.reasons if st.last else [],
            "features": st.last.features if st.last else {},
            "history": list(st.history),
        }

    def clusters_view(self) -> dict:
        clusters = {}
        for members in self.clusters.all():
            cid = f"cluster:{min(members)}"
            cached = self.cluster_cache.get(cid)
            clusters[cid] = {
                "members": sorted(members),
                "score": round(cached[1], 4) if cached else 0.0,
                "contributions": cached[2] if cached else {},
                "shared": self.clusters.shared_items(min(members)),
                "history": list(self.cluster_history.get(cid, ())),
            }
        return clusters

    def snapshot(self) -> dict:
        """Plain JSON-able view of everything (offline tools; the dashboard uses the views above)."""
        return {
            "generated": time.time(),
            "observed": self.observed,
            "keys": {k: self.key_view(k) for k in self.keys},
            "clusters": self.clusters_view(),
            "actions": list(self.transitions),
            "indicators": len(self.indicators),
            "config": self.cfg.model_dump(mode="json"),
        }


def warm_up(detector: Detector, n: int = 40) -> None:
    """Run a throwaway detector through a short synthetic history before serving: its lazy imports
    (scipy.stats: ~1-3 s) would otherwise stall the first requests that reach it (the guard's
    event loop and every client; a stream worker's first batch and every record behind it)."""
    for i in range(n):
        text = f"warm-up request {i}: " + " ".join(f"w{(i * 7 + j) % 97}" for j in range(12))
        detector.observe(TrafficEvent("warm-up", 1000.0 + i * 3.7, "chat", text, None, {}))

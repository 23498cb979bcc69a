"""The guard's side of the detector: what it is shown of each request, and when.

The detector costs about as much CPU per request as the rest of the guard together (~0.3 ms for a
short prompt, ~1-2 ms for one clipped at `detector_max_chars`), so it runs off the request's
critical path: `observe_later` queues a request's event when the request starts waiting for the
upstream (so the detector works while the upstream does), and the key's next request waits for
it (`settle_verdict`) before its limits and policy. So the
verdict applied to a request is the key's verdict after every earlier request of the key that had
been answered when it arrived: a one-request lag (more for requests sent in parallel). A key the
detector blocks stays blocked: it is refused from its next request on. Events of one key are
observed in order; a detector failure is counted and logged, never the client's error (the key
keeps its last verdict).

The detector's cost grows with the text it reads (~0.4 us per character, so ~2 ms for a prompt
clipped at 2000 characters), and it runs on the event loop every client shares. So that one key
flooding big prompts cannot take the loop from the others, its observations are paced while other
keys are sending (`detector_key_share`, default 0.1): after an observation that took c seconds
of CPU, the key's next one waits (c - 0.5 ms) x (1/share - 1) (at most 1 s), and the key's next
request waits for it. Short prompts (~0.3 ms) are never paced, nor is a key alone on the guard.
A key sending 2000-character prompts (~1 ms to observe) can still have ~180 observed per second
while others send. The effect on another client: bench/guard.py's isolation section.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from dataclasses import replace
from typing import Any

from stillroom.contracts.openai import GatewayChatRequest, GatewayCompletionRequest
from stillroom.detector.types import TrafficEvent
from stillroom.guard.context import RequestContext, clip
from stillroom.guard.schemas import INSTRUCTION_ROLES, asked_extras, instruction_text, message_text
from stillroom.guard.settings import GuardSettings, load_tokenizer
from stillroom.guard.state import Guard

EARLY_INSTRUCTIONS = 4  # system/developer messages kept from before the message window (see _early)
EARLY_JOINED = 64  # instruction messages past those read into the joined one, at most
# What the detector only compares (the client fingerprint, detector.fingerprint: user agent,
# header names, `stop`) is shown whole up to these sizes and past them as a head and a digest
# (`digested`): the same client still reads as the same, in a bounded event (round 18)
STOP_CHARS, AGENT_CHARS, HEADER_CHARS = 32, 64, 256
SHARED_MIN_CHARS = 64  # a batch's shared instructions are clipped to no less than this per event
EVENT_PARAMS = (
    "n",
    "max_tokens",
    "max_completion_tokens",
    "temperature",
    "top_p",
    "logprobs",
    "top_logprobs",
    "prompt_logprobs",
    "n_probs",  # llama.cpp's top-n per token
    "stop",
    "seed",
    "stream",
)


def detector_events(ctx: RequestContext, s: GuardSettings) -> list[TrafficEvent]:
    """The detector's view of the request: one event per prompt the upstream answers. A
    completions request with a list of prompts is one event per prompt (up to `max_prompts`):
    each is answered, so each is a request to the detector; a batch of 20 prompts as one event
    counted one request where twenty were answered and showed the middle ones to nobody (a
    reviewer's template sweep: suspect 0.74 sent one by one, ok 0.26 in batches of 20).
    Completions' `suffix` (fill-in-the-middle text, which the model reads) is appended to each
    prompt; the instructions beside a batch's prompts, which every event repeats, are clipped to
    `detector_max_chars` / prompts each (at least SHARED_MIN_CHARS): 256 events repeating a
    tool of 2,000 emoji put 6 MB in the detector stream for the ~500 tokens it was estimated at
    (round 18). Token-id prompts are decoded with `detector_tokenizer` when it is set, else each is
    its ids as words (all the detector can read of them: still one event per prompt, so a batch of
    id prompts counts its volume)."""
    base = detector_event(ctx, s)
    req = ctx.request
    if not isinstance(req, GatewayCompletionRequest):
        return [base]
    ids = req.token_ids()
    if ids is not None and s.detector_tokenizer is not None:
        prompts = [decode_ids(s.detector_tokenizer, x, s.detector_max_chars) for x in ids]
    else:
        prompts = req.prompts()  # token ids without a tokenizer: each prompt's ids as words
    suffix = ctx.body.get("suffix")
    suffix = suffix if isinstance(suffix, str) and suffix.strip() else ""
    if len(prompts) == 1 and not suffix and (ids is None or s.detector_tokenizer is None):
        return [base]
    cap = s.detector_max_chars
    if base.messages and len(prompts) > 1:  # once per batch's worth, not once per prompt (round 18)
        shared = max(SHARED_MIN_CHARS, cap // len(prompts))
        base = replace(base, messages=[{**m, "content": clip(m["content"], shared)} for m in base.messages])
    return [replace(base, prompt=clip(p + ("\n" + suffix if suffix else ""), cap)) for p in prompts]


def vocab_size(path: str) -> int:
    """Token ids the tokenizer at `path` knows (its added tokens included)."""
    return load_tokenizer(path).get_vocab_size(with_added_tokens=True)


def decode_ids(path: str, ids: list[int], max_chars: int) -> str:
    """The text a token-id prompt stands for (its head and tail ids when long: `max_chars` ids from
    each end cover what the detector is shown of it); ids the tokenizer cannot decode stay words."""
    tok = load_tokenizer(path)
    if len(ids) > 2 * max_chars:
        ids = [*ids[:max_chars], *ids[-max_chars:]]
    size = vocab_size(path)
    # an id past the vocabulary (2**32 overflowed the library and turned the whole prompt back
    # into digits) is shown as its digits, in place: the rest still reads as text
    runs, out = [], []
    for i in ids:
        if 0 <= i < size:
            runs.append(i)
        else:
            out += [tok.decode(runs), str(i)] if runs else [str(i)]
            runs = []
    if runs:
        out.append(tok.decode(runs))
    return " ".join(x for x in out if x)


def detector_event(ctx: RequestContext, s: GuardSettings) -> TrafficEvent:
    """The request as one event (`detector_events` splits a completions batch): every text
    clipped to `detector_max_chars` (head and tail) and made storable, the last
    `detector_max_messages` messages as {role, content: text}, and always the instructions: the
    system and developer messages before that window (`_early`), and the text of the fields
    outside the messages (tools, response schemas...: `instruction_text`) as a first message of
    role "instructions". Padding a conversation, pushing an instruction past the fourth system
    message or moving it into a tool description does not take it out of view (within the clips)."""
    cap = s.detector_max_chars
    params = {k: _clip_param(k, ctx.body[k], cap) for k in EVENT_PARAMS if k in ctx.body}
    params.update(server_knobs(ctx.request))
    messages, prompt = None, ctx.prompt
    if isinstance(ctx.request, GatewayChatRequest):
        prompt = _with_extras(ctx.prompt, ctx.request)
        msgs = ctx.request.messages
        cut = max(0, len(msgs) - s.detector_max_messages)
        kept = _early(msgs[:cut], cap) + [
            {"role": clip(m.role, 64), "content": clip(message_text(m), cap)} for m in msgs[cut:]
        ]
        outside = instruction_text(ctx.body, cap)
        messages = [{"role": "instructions", "content": clip(outside, cap)}] if outside else []
        messages += kept
    elif isinstance(ctx.request, GatewayCompletionRequest) and (outside := instruction_text(ctx.body, cap)):
        messages = [{"role": "instructions", "content": clip(outside, cap)}]
    return TrafficEvent(
        ctx.key.id,
        ctx.ts,
        ctx.endpoint,
        clip(prompt, cap),
        messages,
        params,
        *_client(ctx),
        ctx.key.account_fields(),
    )


def _with_extras(prompt: str, req: GatewayChatRequest) -> str:
    """The asked turn as the model reads it: its words, then its messages' text outside their
    content (`asked_extras`: a user's `name`, which templates render in the turn). The audit row
    keeps that text with the instructions (round 14), but the detector's content classifier reads
    the event's prompt (and system messages), not the turn's other fields: 200 instruction-set items
    sent as the user's `name` behind one fixed question read as the question alone (instruction
    share 0.00 and watch 0.37, where the same items as the content were 0.93 and suspect 0.95;
    round 20)."""
    extras = asked_extras(req)
    return f"{prompt}\n{extras}" if extras else prompt


def server_knobs(req: GatewayChatRequest | GatewayCompletionRequest | None) -> dict[str, int]:
    """`n` and `max_tokens` as the upstream may read them, where another field asks for more:
    llama.cpp answers `n_cmpl` times per prompt like `n` and reads `n_predict` before
    `max_tokens`, and vLLM reads `max_completion_tokens` before `max_tokens`. Shown under OpenAI's
    names, which the detector's harvest terms read (many samples, maximal lengths): `n_cmpl: 8,
    n_predict: 4096` read as one answer of no stated length, and `max_tokens: 16,
    max_completion_tokens: 4096` as a short one (round 10's red team). (`check_bounds` has refused
    any but a plain int in range.)"""
    if req is None:
        return {}
    extra = req.model_extra or {}
    out: dict[str, int] = {}
    n_cmpl, n_predict = extra.get("n_cmpl"), extra.get("n_predict")
    if type(n_cmpl) is int and n_cmpl > (req.n or 1):
        out["n"] = n_cmpl
    lengths = [req.max_tokens, getattr(req, "max_completion_tokens", None), n_predict]
    longest = max((v for v in lengths if type(v) is int), default=0)
    if longest > (req.max_tokens or 0):
        out["max_tokens"] = longest
    return out


def _early(msgs: list[Any], cap: int) -> list[dict[str, str]]:
    """The instruction messages before the window, in order: the first EARLY_INSTRUCTIONS - 1 as
    they are, the rest joined into one (at most EARLY_JOINED of them read, each clipped, and the
    joined text clipped to `detector_max_chars` head and tail: a body of 22k system messages
    costs a few clips, and an instruction among thousands of characters of filler system
    messages is still out of view). User turns before the window are not shown: content is judged
    on the request's own turn, and a history the key never had is the history evidence's to judge
    (placed before the window, a buried first question paired with a later reply and read as a
    foreign history: session 25's second reviewer)."""
    instr = [i for i, m in enumerate(msgs) if m.role in INSTRUCTION_ROLES]
    keep = set(instr[: EARLY_INSTRUCTIONS - 1])
    rest = instr[EARLY_INSTRUCTIONS - 1 :]
    if len(rest) > EARLY_JOINED:
        rest = rest[: EARLY_JOINED // 2] + rest[-EARLY_JOINED // 2 :]
    out = []
    for i in sorted(keep | set(rest[:1])):
        m = msgs[i]
        if rest and i == rest[0]:
            text = "\n".join(clip(message_text(msgs[j]), cap) for j in rest)
        else:
            text = message_text(m)
        out.append({"role": clip(m.role, 64), "content": clip(text, cap)})
    return out


def _clip_param(name: str, value: Any, cap: int) -> Any:
    fit = (lambda v: digested(clip(v, cap), STOP_CHARS)) if name == "stop" else (lambda v: clip(v, cap))
    if isinstance(value, str):
        return fit(value)
    if isinstance(value, list):  # `stop`: OpenAI allows 4
        return [fit(v) if isinstance(v, str) else v for v in value[:4]]
    return value


def digested(text: str, most: int) -> str:
    """`text` if it has at most `most` characters, else its first `most` // 2 and a 64-bit digest of
    the whole: equal texts stay equal, different ones different, in a bounded size. For what the
    detector only compares: four `stop` strings of 2,000 emoji were 96 KB of every stream record
    (JSON escapes an emoji to 12 bytes), for no token charged (round 18)."""
    if len(text) <= most:
        return text
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    return f"{text[: most // 2]}#{digest}"


def _client(ctx: RequestContext) -> tuple[str, tuple[str, ...]]:
    """(user agent, header names) as the detector is shown them: the names as one digest where
    together they pass HEADER_CHARS (64 names of 64 characters were 4 KB of every record)."""
    names = ctx.header_names
    if sum(len(n) for n in names) > HEADER_CHARS:
        names = (digested("\n".join(sorted(names)), 0),)
    return digested(ctx.user_agent, AGENT_CHARS), names


def refused_events(ctx: RequestContext, s: GuardSettings) -> list[TrafficEvent]:
    """A refusal before the limits, for the detector: what could be parsed, else the raw body's
    head, else a marker naming the refusal (never an empty prompt: that reads as Magpie-style)."""
    if ctx.request is not None:  # one event, as the request was not answered: a refused batch of
        return [detector_event(ctx, s)]  # 256 prompts cost the detector 256 (320 ms of event loop)
    text = ctx.raw_body[: s.detector_max_chars].decode("utf-8", "replace").strip()
    prompt = clip(text, s.detector_max_chars) or f"(refused by the gateway: {ctx.status} {ctx.error})"
    return [
        TrafficEvent(
            ctx.key.id,
            ctx.ts,
            ctx.endpoint,
            prompt,
            None,
            {},
            *_client(ctx),
            ctx.key.account_fields(),
        )
    ]


async def settle_verdict(guard: Guard, key_id: str) -> None:
    """Wait until the detector has seen the key's answered requests (normally done already: each
    is observed right after its response went out). Shielded: a request that is cancelled while
    waiting does not cancel another request's observation."""
    pending = guard.observing.get(key_id)
    if pending is not None:
        await asyncio.shield(pending)
    refresh = getattr(guard.detector, "refresh", None)
    if refresh is not None:  # a stream detector: the workers' verdict, cached briefly
        try:
            if (remote := await refresh(key_id)) is not None:
                guard.assessments[key_id] = remote
        except Exception:
            guard.metrics.detector_errors.inc()
            guard.log_throttled("detector", "reading key %s's assessment failed", key_id, exc_info=True)


PUBLISH_WAIT_S = 0.05


async def published(ctx: RequestContext, guard: Guard) -> None:
    """With a stream detector (`detector_stream`): before the response goes out, wait until the
    request's event is in the stream (at most PUBLISH_WAIT_S; not while Redis is down), so a guard
    SIGKILLed after answering loses no event. The send normally finished while the upstream
    worked, so this costs nothing."""
    flushed = getattr(guard.detector, "flushed", None)
    if flushed is None or not ctx.observed:
        return
    pending = guard.observing.get(ctx.key.id)
    if pending is not None:
        await asyncio.shield(pending)
    await flushed(PUBLISH_WAIT_S)


CONTENTION_WINDOW_S = 0.1
MAX_PACE_S = 1.0  # one slow observation never holds its key back longer than this
FREE_S = 0.0005  # observation CPU that is never paced (a prompt under 1,000 characters: p50 ~0.5 ms)
PACED_KEYS = 10_000  # pacing entries kept (oldest dropped): bounded whatever the number of keys


def note_request(guard: Guard, key_id: str) -> None:
    """Remember that `key_id` is sending (for `contended`); O(1) amortised."""
    now, recent = time.monotonic(), guard.recent_keys
    recent[key_id] = now
    recent.move_to_end(key_id)
    _forget_before(recent, now - CONTENTION_WINDOW_S)


def contended(guard: Guard, key_id: str) -> bool:
    """Whether a key other than `key_id` sent a request in the last CONTENTION_WINDOW_S."""
    recent = guard.recent_keys
    _forget_before(recent, time.monotonic() - CONTENTION_WINDOW_S)
    return len(recent) > 1 or (len(recent) == 1 and key_id not in recent)


def _forget_before(recent: dict[str, float], t: float) -> None:
    while recent and next(iter(recent.values())) < t:  # oldest first: move_to_end on every request
        del recent[next(iter(recent))]


async def _paced(guard: Guard, key_id: str) -> None:
    """Wait until the key may use the detector again, if other keys are sending."""
    wait = guard.detector_next.get(key_id, 0.0) - time.monotonic()
    if wait > 0 and contended(guard, key_id):
        await asyncio.sleep(wait)


def _charge(guard: Guard, key_id: str, cost_s: float) -> None:
    share = guard.settings.detector_key_share
    nxt = guard.detector_next
    nxt.pop(key_id, None)
    if share < 1:
        nxt[key_id] = time.monotonic() + min(MAX_PACE_S, max(0.0, cost_s - FREE_S) * (1 / share - 1))
        if len(nxt) > PACED_KEYS:
            nxt.popitem(last=False)


def observe_later(ctx: RequestContext, guard: Guard) -> None:
    """Queue the request's events (`ctx.events`) for the detector, after the key's earlier ones;
    once per request. It runs when the request next waits: for the upstream, or, for a refused
    request, after its response. A batch's events are observed one at a time, yielding the event
    loop between them, and its CPU is charged to the key's pacing like any other observation."""
    events, key_id = ctx.events, ctx.key.id
    if guard.detector is None or not events or ctx.observed:
        return
    ctx.observed = True
    before = guard.observing.get(key_id)

    async def run() -> None:
        if before is not None:
            await asyncio.shield(before)
        for i, event in enumerate(events):
            if i:
                await asyncio.sleep(0)
            await _paced(guard, key_id)
            t0 = time.thread_time()  # CPU time: a busy machine does not make a key look expensive
            observe(guard, event, ctx.request_id)
            _charge(guard, key_id, time.thread_time() - t0)

    task = guard.spawn(run())
    guard.observing[key_id] = task
    task.add_done_callback(
        lambda t: guard.observing.pop(key_id) if guard.observing.get(key_id) is t else None
    )


def observe(guard: Guard, event: TrafficEvent, request_id: str) -> None:
    """Ask the detector; a failure is counted and logged, and the event is observed again without
    its parameters: whatever a client puts in a setting that the detector trips on, its text is
    still judged (a reviewer's `n_probs: 1e400` overflowed the detector on every request of a
    key, which so kept its first verdict, ok, for good). Only if that fails too does the key keep
    its last verdict."""
    assert guard.detector is not None
    try:
        guard.assessments[event.key_id] = guard.detector.observe(event)
        return
    except Exception:
        guard.metrics.detector_errors.inc()
        guard.log_throttled("detector", "the detector failed on request %s", request_id, exc_info=True)
    if not event.params:
        return
    try:
        guard.assessments[event.key_id] = guard.detector.observe(replace(event, params={}))
    except Exception:
        guard.metrics.detector_errors.inc()


def report_served(ctx: RequestContext, guard: Guard) -> None:
    """Tell the detector which reply texts this key was served for which question (the request's
    last user message), so it can tell a chat user (whose later requests resend our replies as
    assistant turns) from a script replaying conversations it never had with us. Called before
    the response completes, so the key's next request is always observed after it. `served` is optional on a detector (DetectorLike); its failure is
    counted and logged like `observe`'s, never the client's error. Nothing is reported for a chat
    request with vLLM's `echo`: its reply opens with the request's final message, text the client
    wrote (a replayer sent each pool answer as a final assistant turn with `echo` and 1 token, and
    its replayed histories read as served: 10 of 10 foreign histories became the key's own, round 16)."""
    served = getattr(guard.detector, "served", None)
    if served is None or not ctx.replies or ctx.body.get("echo"):
        return
    # the questions as the detector observed them (a completions batch's events' prompts: clipped,
    # prompt by prompt with the suffix), each with its `n` replies, so a later review pairs with
    # them; a chat reply's question is the last user message, which a later history pairs it with
    if ctx.endpoint == "chat" or not ctx.events:
        questions = [clip(ctx.question or ctx.prompt, guard.settings.detector_max_chars)]
    else:
        questions = [e.prompt for e in ctx.events]
    n = max(1, len(ctx.replies) // len(questions))
    try:
        for i, q in enumerate(questions):
            served(ctx.key.id, q, ctx.replies[i * n : (i + 1) * n])
    except Exception:
        guard.metrics.detector_errors.inc()
        guard.log_throttled(
            "detector", "the detector failed on the replies of request %s", ctx.request_id, exc_info=True
        )

"""The request path, as hooks over one `RequestContext` in a fixed order:

    auth (deps.py) -> read + parse -> limits -> detector -> policy -> upstream -> post-processing -> audit

Every hook either fills in its part of the context or raises `ApiError`; whatever happens after
auth, the request gets exactly one audit row, written to the journal before the response
completes (a stream: a provisional row at its first byte, the final one at its end), and refusals
before the limits (400, 404, 408, 413) are shown to the detector too, so a key probing with bad
requests is not invisible. The token charge is settled against what was served after the
response.

Per-request CPU is bounded whatever the body: parsing and hashing are single C-speed passes, and
the detector sees a clipped view (`detector_max_chars`, `detector_max_messages`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from fastapi import Request
from fastapi.responses import Response, StreamingResponse
from jiter import from_json  # pydantic-core's parser, with duplicate keys caught (openai's dependency)
from pydantic import ValidationError
from starlette.background import BackgroundTask
from starlette.requests import ClientDisconnect
from starlette.types import Receive, Scope, Send

from stillroom.contracts.openai import (
    CLOCK_HEADER,
    MEDIA_PARTS,
    NOTICE_HEADER,
    REQUEST_ID_HEADER,
    TEXT_KEYS,
    TEXT_PARTS,
    ApiError,
    ChatMessage,
    ContentPart,
    GatewayChatRequest,
    GatewayCompletionRequest,
    body_too_large,
    error_body,
    invalid_request,
)
from stillroom.detector.types import Verdict
from stillroom.guard.audit import audit_row
from stillroom.guard.context import (
    FINGERPRINT_NORMALISED_CHARS,
    Endpoint,
    RequestContext,
    StreamHeads,
    client_of,
    fingerprint,
)
from stillroom.guard.deps import refuse_revoked, stored_key
from stillroom.guard.detection import (
    detector_events,
    note_request,
    observe_later,
    published,
    refused_events,
    report_served,
    settle_verdict,
    vocab_size,
)
from stillroom.guard.gbnf import grammar_problem
from stillroom.guard.keys import ApiKey
from stillroom.guard.limits import LimitResult, MemoryLimiter
from stillroom.guard.policy import (
    EXTENSION_LOGPROB_FIELDS,
    LENGTH_FIELDS,
    LOGIT_STEERING_FIELDS,
    RESTRICTING_FIELDS,
    SERVING_FIELDS,
    Action,
    bound_output,
    cap_output,
    cap_request,
    coarse_temperature,
    drop_extension_logprobs,
    drop_fields,
    explicit_top_logprobs,
    restricts_answer,
)
from stillroom.guard.proxy import Relay, Upstream, scores_only
from stillroom.guard.schemas import (
    MAX_EXTRA_NODES,
    MAX_NODES,
    NOT_TEXT,
    asked_text,
    extras_complete,
    instructions_complete,
    instructions_text,
    prompt_text,
    prompt_token_bound,
    request_chars,
)
from stillroom.guard.settings import GuardSettings
from stillroom.guard.state import Guard

log = logging.getLogger(__name__)

OBSERVED_REFUSALS = frozenset({400, 404, 408, 413})  # refused before the limits, shown to the detector
KEY_CHECK_S = 0.5  # how often a running stream reads its key again (revoked or pinned to block: cut)
TEMPLATE_TOKENS, MESSAGE_TOKENS = 64, 8  # chat-template tokens an upstream may add per request / message


def audit_unavailable(guard: Guard) -> ApiError | None:
    """The 503 for a request that arrives while the audit backlog is full (`AuditWriter.backlog_full`:
    the database has taken no rows for as long as `audit.MAX_JOURNAL_BYTES` of them took to come),
    else None. Such a request is refused before anything reads its body, charges its key or calls
    the upstream, and has no row (one would grow the backlog it is refused for); it is counted in
    `stillroom_guard_audit_refusals_total` and logged once a minute. Nothing is answered unaudited:
    the journal took every row until the cap, and requests already past this check still write
    theirs. Before round 30 the journal grew by every row's bytes until the disk was full."""
    if not guard.audit.backlog_full():
        return None
    guard.metrics.audit_refusals.inc()
    guard.log_throttled(
        "audit-full", "audit backlog full (the database takes no rows): refusing requests unserved"
    )
    return ApiError(
        503,
        "the gateway cannot record requests right now (its audit log is unavailable); try again later",
        "audit_unavailable",
        headers={"retry-after": "10"},
    )


async def handle(guard: Guard, endpoint: Endpoint, request: Request, key: ApiKey) -> Response:
    if (full := audit_unavailable(guard)) is not None:
        return full.response()
    ctx = RequestContext(endpoint=endpoint, key=key)
    ctx.user_agent, ctx.header_names = client_of(request.headers)
    ctx.headers[REQUEST_ID_HEADER] = ctx.request_id
    note_request(guard, key.id)
    try:
        if (busy := guard.throttled(key.id)) is not None:
            ctx.throttled = True  # refused without reading the body: the key's bucket is empty
            raise busy
        await read_request(ctx, guard, request)
        await settle_verdict(guard, key.id)
        ctx.key = await current_key(guard, key)
        await check_limits(ctx, guard)
        assess(ctx, guard)
        apply_policy(ctx, guard)
        response = await call_upstream(ctx, guard)
    except ApiError as e:
        response = refuse(ctx, guard, e)
    except asyncio.CancelledError:
        # the server's shutdown, past its grace (30 s): answered and audited, not a traceback and
        # no row (round 23: a JSON request the upstream was still serving left neither)
        error = ApiError(503, f"the gateway is shutting down (request id {ctx.request_id})", "shutting_down")
        response = refuse(ctx, guard, error)
    except Exception:
        log.exception("request %s failed inside the guard", ctx.request_id)
        error = ApiError(500, f"the gateway failed on this request (id {ctx.request_id})", "internal_error")
        response = refuse(ctx, guard, error)
    observe_later(ctx, guard)  # a refused request: once the response is on its way (detection.py)
    return response


async def read_request(ctx: RequestContext, guard: Guard, request: Request) -> None:
    """Read, parse and validate the body. A key may have at most `max_body_reads_per_key` bodies
    arriving at once: a request is charged to the key's limits only once its body is in, so without
    it one key could hold any number of slow, near-`max_body_bytes` uploads in the guard's memory
    for `body_timeout_s` each (a reviewer's finding, session 23)."""
    s = guard.settings
    key = ctx.key.id
    if guard.reading.get(key, 0) >= s.max_body_reads_per_key:
        raise ApiError(
            429,
            f"key {key} is already sending {s.max_body_reads_per_key} request bodies; wait for one to finish",
            "rate_limit_exceeded",
            headers={"retry-after": "1"},
        )
    guard.reading[key] = guard.reading.get(key, 0) + 1
    try:
        ctx.raw_body = await read_body(request, s.max_body_bytes, s.body_timeout_s)
    finally:
        if (left := guard.reading[key] - 1) > 0:
            guard.reading[key] = left
        else:
            del guard.reading[key]
    ctx.body, ctx.request = parse_body(ctx.raw_body, ctx.endpoint, s)
    ctx.prompt, ctx.question = asked_text(ctx.request), prompt_text(ctx.request)
    ctx.instructions = instructions_text(ctx.request, ctx.body)
    if len(ctx.prompt) > FINGERPRINT_NORMALISED_CHARS:  # hashed in a thread: sha256 releases the GIL
        ctx.prompt_fp = await asyncio.to_thread(fingerprint, ctx.prompt)
    if len(ctx.instructions) > FINGERPRINT_NORMALISED_CHARS:
        ctx.instructions_fp = await asyncio.to_thread(fingerprint, ctx.instructions)
    await guard.check_model(ctx.request.model)
    estimate_tokens(ctx, s)
    if s.trust_clock_header and CLOCK_HEADER in request.headers:
        ctx.ts = parse_clock(request.headers[CLOCK_HEADER])


def parse_clock(value: str) -> float:
    try:
        ts = float(value)
    except ValueError:
        ts = math.nan
    if not math.isfinite(ts):
        raise ApiError(400, f"{CLOCK_HEADER} must be unix seconds", "invalid_value", CLOCK_HEADER)
    return ts


async def read_body(request: Request, limit: int, timeout_s: float) -> bytes:
    """The body, refusing more than `limit` bytes before reading them all (chunked bodies too),
    and a body that takes longer than `timeout_s` (408). A client that hangs up mid-body is a
    quiet 499 in the audit log, not a traceback in the server log."""
    too_big = body_too_large(limit)
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise too_big
    chunks, size = [], 0
    try:
        async with asyncio.timeout(timeout_s):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise too_big
                chunks.append(chunk)
    except TimeoutError:
        raise ApiError(
            408, f"the request body did not arrive within {timeout_s:g} s", "request_timeout"
        ) from None
    except ClientDisconnect:
        raise ApiError(
            499, "the client disconnected before sending the whole body", "client_closed"
        ) from None
    return b"".join(chunks)


def parse_json(raw: bytes) -> Any:
    """The body as JSON, the last value of a repeated key kept (as `json.loads` does); see
    `read_json`."""
    return read_json(raw)[0]


def read_json(raw: bytes) -> tuple[Any, str | None]:
    """(the body as JSON, a key that some object of it repeats, or None), in one pass of
    pydantic-core's parser (jiter: ~10x faster than `json.loads` on a 400 KB prompt: 25 vs 250 us,
    duplicate keys caught at no measurable cost); a body it refuses (a lone surrogate escape, a BOM,
    NaN, deep nesting, a repeated key) is parsed again by `json.loads`, which decides, so what is
    accepted is unchanged: NaN and Infinity are refused, lone surrogates kept (and made storable
    later). A body that is not UTF-8 (json.loads also reads UTF-16 and UTF-32) is refused: the guard
    splices bytes into the body it forwards (`ask_stream_usage`), and JSON exchanged between systems
    is UTF-8 (RFC 8259 8.1); a UTF-16 stream reached the upstream garbled (session 28's red team)."""
    try:
        return from_json(raw, allow_inf_nan=False, catch_duplicate_keys=True), None
    except ValueError:
        pass
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "request body must be UTF-8 JSON", "invalid_json") from None
    repeated: list[str] = []
    try:
        value = json.loads(
            raw, parse_constant=_no_constants, object_pairs_hook=lambda pairs: _object(pairs, repeated)
        )
    except (ValueError, RecursionError):
        raise ApiError(400, "request body is not valid JSON", "invalid_json") from None
    return value, repeated[0] if repeated else None


def _object(pairs: list[tuple[str, Any]], repeated: list[str]) -> dict[str, Any]:
    """One JSON object as `json.loads` builds it (the last value of a repeated key, at the first
    one's place); a repeated key goes to `repeated`."""
    obj = dict(pairs)
    if len(obj) < len(pairs) and not repeated:
        seen: set[str] = set()
        for k, _ in pairs:
            if k in seen:
                repeated.append(k)
                break
            seen.add(k)
    return obj


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse_body(
    raw: bytes, endpoint: Endpoint, s: GuardSettings
) -> tuple[dict[str, Any], GatewayChatRequest | GatewayCompletionRequest]:
    """JSON -> validated request, or a 400 that names the offending field."""
    values = raw.count(b"[") + raw.count(b"{") + raw.count(b",")
    if values > s.max_json_values:
        raise ApiError(
            400,
            f"request body holds ~{values} JSON values; this gateway allows at most {s.max_json_values}",
            "invalid_value",
        )
    body, repeated = read_json(raw)
    if not isinstance(body, dict):
        raise ApiError(400, "request body must be a JSON object", "invalid_json")
    if repeated is not None:
        raise repeated_key(repeated)
    check_shape(body, s)
    check_stop(body)
    check_keys(body)
    check_template(body)
    check_truncation(body)
    check_tokenizer_kwargs(body)
    check_grammar(body)
    check_input_ids(body)
    check_prompt_embeds(body)
    check_embedding_parts(body)
    check_part_texts(body)
    check_passthrough(body)
    check_call_roles(body)
    try:
        req = (GatewayChatRequest if endpoint == "chat" else GatewayCompletionRequest).model_validate(body)
    except ValidationError as e:
        raise invalid_request(e.errors()) from None
    check_instructions(body, req)  # first: check_bounds may read every extra field (prompt_token_bound)
    check_tool_references(body)
    check_bounds(req, s)
    check_zero_length(body, req)
    return body, req


def check_zero_length(body: dict[str, Any], req: GatewayChatRequest | GatewayCompletionRequest) -> None:
    """Refuse (400) an answer length of 0 (`max_tokens`, `max_completion_tokens` or `n_predict`)
    but in the one form that means "no answer": completions' scoring, with `echo: true`, not
    streamed, every length the request names 0 (vLLM and `stillroom serve` score the prompt and
    generate nothing; vLLM refuses a 0 without `echo`). llama-cpp-python reads a length of 0 as "to
    the end of the context": the guard reserved no answer tokens, showed the detector a score-only
    request, and its `max_tokens` bound, a policy's `max_output_tokens` and the log-prob entry bound
    all read 0, while the upstream generated 2,043 tokens for a `suspect` key capped at 12 (round
    24, the real llama_cpp.server at a 2,048-token context). A scoring request that such an upstream
    answers with generated tokens is not returned (`proxy.Upstream.zero_generates`)."""
    lengths = [body.get(f) for f in LENGTH_FIELDS if type(body.get(f)) is int]
    if 0 not in lengths:
        return
    scoring = isinstance(req, GatewayCompletionRequest) and req.echo and not req.stream
    if not scoring or any(n != 0 for n in lengths):
        raise ApiError(
            400,
            "an answer length of 0 only scores a prompt: send it to /v1/completions with echo: true,"
            " not streamed, and no other length; some servers read 0 as no limit at all",
            "invalid_value",
            "max_tokens",
        )


def check_template(body: dict[str, Any]) -> None:
    """Refuse (400) a chat template sent with the request (`chat_template`, or inside
    `chat_template_kwargs`, where vLLM before 0.11 let it override the server's own: GHSA-6fvq-23cw-5628).
    A template is a program over the request: `{{ messages[0].content }}` shows the model a system
    message alone while the guard audits the user turn as the prompt, and a filter (`reverse`,
    `replace`) turns audited text into other text; the detector and the audit row read the messages,
    not what a client's template makes of them (round 12's red team).

    And a `messages` variable in `chat_template_kwargs`: llama.cpp's server puts the kwargs into the
    template's context after the request's messages (minja's `context->set` for each key of
    `extra_context`), so it replaces the conversation the template renders. The model answered that
    conversation while the audit row's prompt and the detector read the `messages` beside it, a
    decoy the model never saw; the item reached the detector only as the app's instructions, and
    the prompt fingerprint was the decoy's on every request (round 32; Hugging Face templates, as
    vLLM and SGLang apply them, refuse a second `messages`)."""
    kwargs = body.get("chat_template_kwargs")
    if body.get("chat_template") is not None or (isinstance(kwargs, dict) and "chat_template" in kwargs):
        raise ApiError(
            400,
            "chat_template: this gateway serves the model's own chat template only; send the"
            " conversation as messages",
            "invalid_value",
            "chat_template",
        )
    if isinstance(kwargs, dict) and "messages" in kwargs:
        raise ApiError(
            400,
            "chat_template_kwargs.messages: the conversation goes in `messages`, which this gateway"
            " audits; a template variable of that name replaces it on some servers",
            "invalid_value",
            "chat_template_kwargs",
        )


# `stop` strings a request may hold, and the most their number times the longest one's characters may
# be (check_stop; OpenAI allows 4 strings): 16 strings of 64 characters, 4 of 256, one of 1,024
MAX_STOP, MAX_STOP_SPAN = 16, 1_024


def check_stop(body: dict[str, Any]) -> None:
    """Refuse (400) more than MAX_STOP stop strings, strings whose number times the longest one's
    length is over MAX_STOP_SPAN, and SGLang's `stop_regex`, before validation. A server runs them
    on every generated token of every sequence, in the loop that serves every tenant: SGLang's
    scheduler tests each stop string against the whole decoded text and decodes a tail as long as
    the longest string at each step (a 1 MB one: the whole answer again at every token), and runs
    each `stop_regex` through Python's backtracking `re` there (`(a|aa)+$` takes time exponential in
    the length of a run of a's in the model's own output); vLLM's output handler `find`s each string
    in each new piece of text. `stop` is a setting, not text the detector reads, so no other bound
    held it: 100,000 strings in a 0.8 MB body went upstream whole, and llama_cpp.server spent 2.68 s
    of its one slot on a 64-token answer beside 90,000 of them, 1.45 s without (round 25; OpenAI
    allows 4 strings).

    The strings' number times the longest one's length bounds what `transformers serve` makes of
    them: transformers' `StopStringCriteria`, for each set of strings it has not seen, walks the
    whole vocabulary in Python against each string and fills a table of 32-bit integers, a row per
    token and, per string, as many columns as the most places one token fits in any of the
    strings, then copies it into a tensor, and keeps the last 8 such tables. One stop string of
    10,000 a's (within round 25's 16 of 10,000) cost the real server 22 s of its one generation
    thread (0.7 s without) and 3.8 GB at its peak, 1.9 GB of it still held after; each more such
    string as much again (two: 7.5 GB), so round 25's largest request (15 short strings beside one
    of 10,000, a column set per string) needed ~60 GB (round 36). At MAX_STOP_SPAN that server
    peaked 0.4 GB higher, on its 49,152-token vocabulary (an ordinary four-string stop list: 0.14 GB)."""
    stop = body.get("stop")
    stops = stop if isinstance(stop, list) else [stop]
    if len(stops) > MAX_STOP:
        raise ApiError(
            400,
            f"stop holds {len(stops)} strings; this gateway allows at most {MAX_STOP}",
            "invalid_value",
            "stop",
        )
    longest = max((len(x) for x in stops if isinstance(x, str)), default=0)
    if len(stops) * longest > MAX_STOP_SPAN:
        raise ApiError(
            400,
            f"stop holds {len(stops)} strings, the longest of {longest} characters; this gateway allows"
            f" at most {MAX_STOP_SPAN} for their number times the longest one's length (e.g. 4 strings"
            f" of {MAX_STOP_SPAN // 4} characters)",
            "invalid_value",
            "stop",
        )
    if body.get("stop_regex") is not None:
        raise ApiError(
            400,
            "stop_regex: this gateway does not forward regular expressions the upstream runs on every"
            " generated token; send stop strings",
            "invalid_value",
            "stop_regex",
        )


# Fields that make the model read only the end of the prompt (check_truncation)
TRUNCATING_FIELDS = ("truncate_prompt_tokens", "max_context_length")


def check_truncation(body: dict[str, Any]) -> None:
    """Refuse (400) vLLM's `truncate_prompt_tokens`: the model reads the prompt's last k tokens
    only, while the audit row and the detector read all of it. A head the model never reads is
    one the client chooses and, charged by the upstream's usage, does not pay for: 3,000
    characters of decoy before the item fill the detector's head view of the prompt (its first
    1,500 characters) and cost neither the key's tokens nor the answer's quality (round 19).
    And KoboldCpp's `max_context_length`, the same by another name: its OpenAI endpoints take the
    request's context size (clamped to the server's from above only) and cut the prompt from the
    front to fit it with the answer ("truncate to front of the prompt if its too long"; round 33:
    `max_context_length: 200` had the model read the item after a 3,000-character decoy alone)."""
    if (name := next((f for f in TRUNCATING_FIELDS if body.get(f) is not None), None)) is not None:
        raise ApiError(
            400,
            f"{name}: this gateway audits the whole prompt, so the model must read all of it; send"
            " only the text it should read",
            "invalid_value",
            name,
        )


# `apply_chat_template`'s own settings for the tokenizer (transformers' tokenization_utils_base and
# processors), not variables a template renders (check_tokenizer_kwargs)
TOKENIZER_KWARGS = (
    "truncation",
    "max_length",
    "padding",
    "pad_to_multiple_of",
    "padding_side",
    "truncation_side",
    "tokenizer_kwargs",
)


def check_tokenizer_kwargs(body: dict[str, Any]) -> None:
    """Refuse (400) a tokenizer setting in `chat_template_kwargs`. `transformers serve` passes the
    kwargs to `apply_chat_template`, which tokenizes there, so they reach its tokenizer as well as
    the template (serving/chat_completion.py: `processor.apply_chat_template(..., tokenize=True,
    **chat_template_kwargs)`). `truncation` with `max_length: 40` had the real server read the first
    40 tokens of a 1,700-character prompt, the rest audited, shown to the detector and never read
    nor paid for (check_truncation's `truncate_prompt_tokens` by another name); `padding:
    "max_length"` with `max_length: 1500` had it read 1,500 prompt tokens for a 223-byte body, past
    the reservation and any tokens/min limit, one request at a time or 64 at once (round 35).
    Template variables (`enable_thinking`, `documents`) still pass."""
    kwargs = body.get("chat_template_kwargs")
    if isinstance(kwargs, dict) and (name := next((k for k in TOKENIZER_KWARGS if k in kwargs), None)):
        raise ApiError(
            400,
            f"chat_template_kwargs.{name}: a tokenizer setting, not a template variable; this gateway"
            " audits the whole prompt, so the model must read it as sent",
            "invalid_value",
            "chat_template_kwargs",
        )


def check_grammar(body: dict[str, Any]) -> None:
    """Refuse (400) a llama.cpp `grammar` (GBNF) that crashes the server decoding by it: left
    recursion, a repetition of what can match nothing, a rule used and never defined
    (`gbnf.grammar_problem`). llama-cpp-python 0.2.60's server died of a segmentation fault on
    `root ::= root "a" | "b"` from a key in good standing, a one-request outage for every tenant
    (round 35); sound grammars, llama.cpp's own and those its JSON-schema converter writes, pass."""
    grammar = body.get("grammar")
    if isinstance(grammar, str) and (why := grammar_problem(grammar)) is not None:
        raise ApiError(
            400,
            f"grammar: {why}; some servers crash on such a grammar, so this gateway does not forward it",
            "invalid_value",
            "grammar",
        )


def check_input_ids(body: dict[str, Any]) -> None:
    """Refuse (400) SGLang's `input_ids`: token ids its chat endpoint gives the model *instead of*
    the rendered messages (the template is skipped; the messages only supply stop strings and tool
    constraints), while the audit row and the detector read the messages. RL frameworks send a
    placeholder user turn beside them; a distiller sends one fixed decoy question and each item as
    ids: every request audited as the decoy, none of the items seen (round 21). Token ids the guard
    can audit go as a completions `prompt`."""
    if body.get("input_ids") is not None:
        raise ApiError(
            400,
            "input_ids: this gateway audits the text the model reads; send the conversation as"
            " messages, or token ids as the `prompt` of /v1/completions",
            "invalid_value",
            "input_ids",
        )


def check_prompt_embeds(body: dict[str, Any]) -> None:
    """Refuse (400) vLLM's `prompt_embeds`: base64 tensors that a server started with
    `--enable-prompt-embeds` reads as prompts of their own, each answered beside the `prompt`'s
    (vLLM's `_preprocess_completion`: embeddings' prompts, then the text's). The model reads
    embeddings, which can be any text's (the embedding table is in open weights), while the audit
    row and the detector read the `prompt` and the base64 as instructions: a dataset item sent
    that way beside a fixed decoy prompt is audited as the decoy, and its answers are ones the key's
    reservation and log-prob entry bound did not count (round 29, read from vLLM's source). The
    tensors also go through the server's `torch.load` (CVE-2025-62164: a crafted one corrupts its
    memory). Token ids, which the guard can read, go as a completions `prompt`."""
    if body.get("prompt_embeds") is not None:
        raise ApiError(
            400,
            "prompt_embeds: this gateway audits the text the model reads and cannot read embeddings;"
            " send the prompt as text, or as token ids",
            "invalid_value",
            "prompt_embeds",
        )


# The OpenAI SDK's own names for what it merges into a request (check_passthrough); an SDK never
# sends them as fields.
PASSTHROUGH_FIELDS = ("extra_body", "extra_headers", "extra_query")


def check_passthrough(body: dict[str, Any]) -> None:
    """Refuse (400) `extra_body` (and the SDK's `extra_headers`, `extra_query`) as fields of the
    body. The OpenAI SDK merges `extra_body` into the request's top level before sending, so a
    client's own fields arrive where the guard reads them; but a LiteLLM proxy upstream takes a
    literal `extra_body` field and merges it over the request it sends its provider
    (`data = {**data, **extra_body}`, BerriAI/litellm#31118), so every field the guard read, bounded
    or removed could be replaced behind it: `messages` (the model answered an item while the audit
    row and the detector read a decoy), `model` (one the gateway does not list), `n: 64` and
    `max_tokens: 100000` past the gateway's bounds and the key's reservation, and `logit_bias`, which
    a log-prob treatment removes, for a `suspect` key (round 32, a scripted proxy doing that merge)."""
    if (name := next((f for f in PASSTHROUGH_FIELDS if body.get(f) is not None), None)) is not None:
        raise ApiError(
            400,
            f"{name}: send these fields at the top level of the request (the OpenAI SDK does so);"
            " this gateway reads and bounds the request's own fields only",
            "invalid_value",
            name,
        )


def check_call_roles(body: dict[str, Any]) -> None:
    """Refuse (400) `tool_calls` on a message that is not the assistant's (OpenAI's API has them on
    assistant messages only). `transformers serve` renders a message that has `tool_calls` without
    its content, whatever its role (serving/utils.py `get_processor_inputs_from_messages`: "When
    tool_calls are present, ignore content"), while the guard reads a user or tool message's content
    as the asked turn: 1,640 characters of decoy as a user turn with a no-op call before the item and
    600 after filled the detector's head and tail view of the prompt, the item between them unseen,
    and the real server read (and charged) 50 prompt tokens, the item alone (round 34; 406 without
    the calls). A head the model never reads, and the key never pays for, is what round 19 refused
    `truncate_prompt_tokens` for. `null` or `[]`, which some clients write on every message, hide
    nothing and pass."""
    messages = body.get("messages")
    for m in messages if isinstance(messages, list) else ():
        if isinstance(m, dict) and m.get("tool_calls") and m.get("role") != "assistant":
            raise ApiError(
                400,
                f"a {str(m.get('role'))[:40]} message has tool_calls; only assistant messages call tools,"
                " and some servers drop the content of any message that has them",
                "invalid_value",
                "messages",
            )


EMBEDDING_PARTS = frozenset({"image_embeds", "audio_embeds", "prompt_embeds"})


def check_embedding_parts(body: dict[str, Any]) -> None:
    """Refuse (400) a content part of vLLM's `image_embeds` or `audio_embeds` (or `prompt_embeds`),
    by its type or by a field of that name: base64 tensors a multimodal server merges into the
    model's input embeddings at the media's placeholder positions, the projector skipped. They are
    `prompt_embeds` in a message (round 29 refused those): embeddings of any text the key wants
    read, which the audit row and the detector never see (they read the message's text part, a
    decoy), reserved as one media part; and they go through the server's `torch.load` too
    (CVE-2025-62164). Round 29's open item, refused in round 30; images and audio go as URLs.
    A `type` that is no string is left to validation's 400: looked up in the set, a list or an
    object was a 500 and a traceback in the log per request (round 33)."""
    messages = body.get("messages")
    for message in messages if isinstance(messages, list) else ():
        content = message.get("content") if isinstance(message, dict) else None
        for part in content if isinstance(content, list) else ():
            if isinstance(part, dict) and (
                (isinstance(kind := part.get("type"), str) and kind in EMBEDDING_PARTS)
                or EMBEDDING_PARTS & part.keys()
            ):
                raise ApiError(
                    400,
                    f"{part.get('type')!s:.40} content part: this gateway audits what the model reads and"
                    " cannot read embeddings; send images and audio as URLs or data, text as text",
                    "invalid_value",
                    "messages",
                )


def check_part_texts(body: dict[str, Any]) -> None:
    """Refuse (400) text in a content part that is not a text part (`text`, `input_text`,
    `output_text`), in any message but the assistant's: a `refusal` or `thinking` part, a part of a
    type of the client's own with its text under that name, or a `text` field on any other part.
    Servers disagree on such text: vLLM renders `refusal` and `thinking` parts as prompt text, so
    the guard reads them (`content_text`), while `transformers serve` gives a text-only model a
    message's text parts alone and drops every other part (serving/utils.py,
    `get_processor_inputs_from_messages`). A user turn of a 1,640-character `refusal` part, the item
    as a text part and a 600-character `thinking` part filled the detector's head and tail view of
    the prompt with decoys, the item unseen between them, while the real server read and charged
    the item alone: 43 prompt tokens (round 35; round 34's dropped tool-call content by another
    carrier). OpenAI's API has `refusal` parts on assistant messages only, and those stay: an
    earlier reply resent as history is not the turn the model answers."""
    messages = body.get("messages")
    for m in messages if isinstance(messages, list) else ():
        if not isinstance(m, dict) or m.get("role") == "assistant" or not isinstance(m.get("content"), list):
            continue
        for part in m["content"]:
            kind = part.get("type") if isinstance(part, dict) else None
            if not isinstance(kind, str) or kind in TEXT_PARTS:
                continue
            fields = ("text",) if kind in MEDIA_PARTS else ("text", kind, *TEXT_KEYS)
            if any(isinstance(part.get(f), str) and part[f] for f in fields):
                raise ApiError(
                    400,
                    f"a {str(m.get('role'))[:40]} message holds text in a {kind[:40]} content part; send"
                    " text as text parts: servers differ in whether the model reads any other",
                    "invalid_value",
                    "messages",
                )


def repeated_key(key: str) -> ApiError:
    """The 400 for a body in which an object repeats a key. Servers read such a body differently:
    Python's json and most parsers keep the last value, some the first, and Go's encoding/json
    (Ollama) decodes the second into what the first filled, so a message that repeats `messages`
    without `content` kept the first one's content there while the guard read none: the upstream
    answered text the guard never audited nor showed the detector (round 10's red team)."""
    return ApiError(
        400,
        f"the request body repeats the key {key[:100]!r} in one object; servers differ in which value"
        " they read, so this gateway refuses it",
        "invalid_json",
    )


def check_instructions(body: dict[str, Any], req: GatewayChatRequest | GatewayCompletionRequest) -> None:
    """Refuse (400) a request whose text outside the messages, or outside the messages' content,
    spans more JSON values than the guard reads (schemas.MAX_NODES; schemas.extras_complete): a
    4,100-value `enum` put first hid a data-generation request after it from the detector
    (session 27's red team). OpenAI's own structured outputs allow at most 1,000 enum values and
    100 properties."""
    if not instructions_complete(body):
        raise ApiError(
            400,
            f"the request's fields outside the message texts hold more than {MAX_NODES} JSON"
            " values (tools, schemas, extensions); this gateway reads at most that many",
            "invalid_value",
            "tools",
        )
    if isinstance(req, GatewayChatRequest) and not extras_complete(
        m.model_extra for m in req.messages if m.model_extra
    ):
        raise ApiError(
            400,
            f"the messages' fields outside their content hold more than {MAX_NODES} JSON values in"
            f" one message or {MAX_EXTRA_NODES} in all (tool calls, extensions); this gateway reads"
            " at most that many",
            "invalid_value",
            "messages",
        )


def check_tool_references(body: dict[str, Any]) -> None:
    """Refuse (400) a `tool_reference` content part that names no tool of the request's `tools`.
    vLLM puts such a part's `name` into the prompt as text wherever its template takes text (the
    string content format, most models'), and the guard reads a part's `text` and the field named
    by its type: a whole dataset item in `name` reached the model while the audit row, the token
    estimate and the detector read an empty message (round 13). A declared tool's name is read with
    the tools (`instruction_text`), so a part that names one hides nothing; a name that is no string
    names no tool (a list or an object there was a 500 and a traceback per request: round 17)."""
    messages = body.get("messages")
    names = [
        part.get("name")
        for m in (messages if isinstance(messages, list) else ())
        if isinstance(m, dict) and isinstance(m.get("content"), list)
        for part in m["content"]
        if isinstance(part, dict) and part.get("type") == "tool_reference"
    ]
    if not names:
        return
    tools = body.get("tools")
    declared = set()
    for tool in tools if isinstance(tools, list) else ():
        function = tool.get("function") if isinstance(tool, dict) else None
        for where in (tool, function):
            if isinstance(where, dict) and isinstance(where.get("name"), str):
                declared.add(where["name"])
    if unknown := next((n for n in names if not isinstance(n, str) or n not in declared), None):
        raise ApiError(
            400,
            f"a tool_reference part names {str(unknown)[:100]!r}, which is not a tool of this request's"
            " `tools`; this gateway forwards references to declared tools only",
            "invalid_value",
            "messages",
        )


def asked_tokens(req: GatewayChatRequest | GatewayCompletionRequest) -> int | None:
    """The answer length the request names: the largest of `max_tokens`, `max_completion_tokens`
    and llama.cpp's `n_predict` (None: none of them). Servers differ in which one they read
    (llama-cpp-python reads `max_tokens` only; llama.cpp's server reads `n_predict` first), so a
    bound or a reservation on one of them alone is one the others walk past."""
    asked = [v for v in (req.max_tokens, getattr(req, "max_completion_tokens", None)) if v is not None]
    n_predict = (req.model_extra or {}).get("n_predict")
    if type(n_predict) is int and n_predict >= 0:
        asked.append(n_predict)
    return max(asked) if asked else None


def best_of(req: GatewayChatRequest | GatewayCompletionRequest) -> int | None:
    """Completions' `best_of` (an extension field; `check_bounds` refuses any but a plain int)."""
    value = (req.model_extra or {}).get("best_of")
    return value if type(value) is int else None


def answers_per_prompt(req: GatewayChatRequest | GatewayCompletionRequest) -> int:
    """Answers generated per prompt: `n`, completions' `best_of` (each candidate is generated), or
    llama.cpp's `n_cmpl` (`check_bounds` refuses any but a plain int)."""
    n_cmpl = (req.model_extra or {}).get("n_cmpl")
    return max(req.n or 1, best_of(req) or 1, n_cmpl if type(n_cmpl) is int else 1)


def prompt_count(req: GatewayChatRequest | GatewayCompletionRequest) -> int:
    """Prompts in the request: a chat is one; completions take a text, a list of texts, one list of
    token ids (one prompt, however long) or a list of such lists."""
    if not isinstance(req, GatewayCompletionRequest):
        return 1
    if (ids := req.token_ids()) is not None:
        return len(ids)
    return len(req.prompt) if isinstance(req.prompt, list) else 1


def check_shape(body: dict[str, Any], s: GuardSettings) -> None:
    """Refuse list-shaped bodies past `max_prompts` prompts, `max_messages` messages or
    `max_content_parts` content parts beyond each message's first (SDKs send every message's text
    as a one-part list) before they are validated: validation and text extraction
    run on the event loop, and a 560 KB body of 140,000 one-token prompts cost ~0.5 s of it there
    (every other client waited), for a request that was going to be refused by the limits anyway;
    so did a message of 75,000 empty parts (0.3 s, a reviewer's flood: another key's p50 6 ms ->
    723 ms)."""
    prompt, messages = body.get("prompt"), body.get("messages")
    # a flat token-id list is one prompt however long; anything else past the bound is refused
    # (a list opening with one int and then 199,999 strings passed as "token ids", and validating
    # it cost 1.2-1.6 s of the event loop: session 25's fourth reviewer)
    if isinstance(prompt, list) and len(prompt) > s.max_prompts and not all(type(x) is int for x in prompt):
        raise ApiError(
            400,
            f"prompt holds {len(prompt)} prompts; this gateway allows at most {s.max_prompts}",
            "invalid_value",
            "prompt",
        )
    if isinstance(messages, list) and len(messages) > s.max_messages:
        raise ApiError(
            400,
            f"messages holds {len(messages)} messages; this gateway allows at most {s.max_messages}",
            "invalid_value",
            "messages",
        )
    if isinstance(messages, list):
        parts = sum(
            len(m["content"]) - 1
            for m in messages
            if isinstance(m, dict) and isinstance(m.get("content"), list) and m["content"]
        )
        if parts > s.max_content_parts:
            raise ApiError(
                400,
                f"messages hold {parts} content parts beyond each message's first; this gateway allows"
                f" at most {s.max_content_parts}",
                "invalid_value",
                "messages",
            )


def _names(*groups: Any) -> frozenset[str]:
    return frozenset(name for group in groups for name in group)


def check_keys(body: dict[str, Any]) -> None:
    """Refuse (400) a request with two keys of one object that differ only by case, or a key that
    differs only by case from a field the guard reads, at the levels the guard reads (the request,
    `stream_options`, each message and content part). Go's encoding/json (Ollama's OpenAI layer)
    matches keys to fields case-insensitively, Unicode folds included (`ſtream` is `stream`), the
    last one winning: the guard read `messages`, `stream: true` and `max_tokens: 16` where that
    upstream answered `Messages`, `Stream: false` and `Max_Tokens: 100000` written after them (a
    decoy question audited, a JSON answer relayed as a stream and charged 0 completion tokens, the
    gateway's length bound walked past: round 9's red team). The fields `policy.restricts_answer`
    reads count too (round 19): `Response_format`, `Tools` or a `Type` beside `response_format`'s
    `type: "text"` were a grammar that upstream decoded under while the guard, seeing none, left
    a `suspect` key its capped log-probs (round 17's read past the cap)."""
    objects: list[tuple[Any, frozenset[str]]] = [
        (body, REQUEST_FIELDS),
        (body.get("stream_options"), frozenset()),
        (body.get("response_format"), frozenset({"type"})),
    ]
    messages = body.get("messages")
    for m in messages if isinstance(messages, list) else ():
        objects.append((m, MESSAGE_FIELDS))
        content = m.get("content") if isinstance(m, dict) else None
        objects += [(part, PART_FIELDS) for part in (content if isinstance(content, list) else ())]
    for obj, known in objects:
        if not isinstance(obj, dict):
            continue
        folds: set[str] = set()
        for k in obj:
            f = k if k in known else k.casefold()  # the known names are their own fold
            if f in folds or (f != k and f in known):
                raise ApiError(  # quoted clipped: a 400 KB key came back whole, twice (round 14)
                    400,
                    f"the request has keys that differ only by case ({k[:100]!r}); servers differ in"
                    " which one they read, so this gateway refuses them",
                    "invalid_value",
                    k[:100],
                )
            folds.add(f)


# Servers' own count fields, which the gateway bounds like OpenAI's: each must be a plain int in
# range or absent. vLLM reads 50.0 and "50" as 50 and -1 as the whole vocabulary; llama.cpp reads
# `n_predict` before `max_tokens` (-1, its default: to the end of the context; removed by
# policy.bound_output) and `n_probs` as top-n per token;
# JSON's 1e400 parses as infinity. A value the gateway cannot bound is refused, not forwarded.
EXTENSION_COUNTS = {  # field -> (least value, the setting that bounds it)
    "prompt_logprobs": (0, "max_top_logprobs"),
    "n_probs": (0, "max_top_logprobs"),
    "best_of": (1, "max_n"),
    "n_predict": (0, "max_tokens"),
    # OpenAI's chat field, which completions models do not declare (an extension there): "x" was a
    # 500 with a traceback, -1e9 a negative reservation (session 26's red team)
    "max_completion_tokens": (0, "max_tokens"),
    # llama.cpp's answers per prompt (like `n`; session 26's second reviewer)
    "n_cmpl": (1, "max_n"),
}
# OpenAI's range for the penalties; llama.cpp applies them to prompt tokens too, and a client-chosen
# -50 is an additive bias on tokens the client put in the prompt: the logit_bias attack by another name
PENALTIES = ("presence_penalty", "frequency_penalty")


# The names the guard reads, writes or removes (check_keys): a key folding onto one of them is refused.
REQUEST_FIELDS = _names(
    GatewayChatRequest.model_fields,
    GatewayCompletionRequest.model_fields,
    NOT_TEXT,
    EXTENSION_COUNTS,
    PENALTIES,
    LENGTH_FIELDS,
    EXTENSION_LOGPROB_FIELDS,
    LOGIT_STEERING_FIELDS,
    SERVING_FIELDS,
    ("chat_template", "chat_template_kwargs", "input_ids", "stop_regex"),
    TRUNCATING_FIELDS,
    ("prompt_embeds",),
    PASSTHROUGH_FIELDS,
    RESTRICTING_FIELDS,
)
MESSAGE_FIELDS = _names(
    ChatMessage.model_fields, ("tool_calls", "tool_call_id", "reasoning_content", "reasoning")
)
PART_FIELDS = _names(ContentPart.model_fields, TEXT_KEYS, MEDIA_PARTS)


def check_bounds(req: GatewayChatRequest | GatewayCompletionRequest, s: GuardSettings) -> None:
    extra = req.model_extra or {}
    for name, (least, setting) in EXTENSION_COUNTS.items():
        value, bound = extra.get(name), getattr(s, setting)
        if name == "n_predict" and type(value) is int and value == -1:
            continue  # llama.cpp's default, sent explicitly: removed before forwarding (bound_output)
        if value is not None and (type(value) is not int or not least <= value <= bound):
            raise ApiError(400, f"{name} must be an integer from {least} to {bound}", "invalid_value", name)
    for name in PENALTIES:
        value = extra.get(name)
        # compared, never converted: float() of a 400-digit int overflowed (a 500; round 16), and
        # NaN and infinities fail the comparison
        if value is not None and (type(value) not in (int, float) or not -2.0 <= value <= 2.0):
            raise ApiError(400, f"{name} must be a number from -2 to 2", "invalid_value", name)
    ids = req.token_ids() if isinstance(req, GatewayCompletionRequest) and s.detector_tokenizer else None
    if ids and (largest := max(max(x) for x in ids)) >= (size := vocab_size(s.detector_tokenizer)):
        # the detector reads ids through the model's tokenizer: one it cannot read is no token of
        # the model (a server may wrap 2**32 + n around to n while the detector saw digits)
        raise ApiError(
            400,
            f"token id {str(largest)[:100]} is outside the model's vocabulary ({size} tokens)",
            "invalid_value",
            "prompt",
        )
    top = req.top_logprobs if isinstance(req, GatewayChatRequest) else req.logprobs
    for name, value, bound in (
        ("n", req.n, s.max_n),
        ("max_tokens", asked_tokens(req), s.max_tokens),
        ("top_logprobs", top, s.max_top_logprobs),
    ):
        if value is not None and value > bound:
            shown = str(value)[:100]  # a JSON integer may have 4,300 digits: they came back whole (round 16)
            raise ApiError(
                400, f"{name} is {shown}; this gateway allows at most {bound}", "invalid_value", name
            )
    # after the bounds: their product with a 4,300-digit count could not even be printed (a 500)
    check_logprob_entries(req, s)


def check_logprob_entries(req: GatewayChatRequest | GatewayCompletionRequest, s: GuardSettings) -> None:
    """Refuse a request whose answer may carry more log-prob entries than `max_logprob_entries` in
    what the guard reads whole (see settings): a JSON answer, or the one stream event that carries a
    prompt's entries (vLLM sends an echoed prompt's, and `prompt_logprobs`, in its first chunk)."""
    answer, prompt = logprob_entries(req, s.max_tokens)
    entries = prompt if req.stream else answer + prompt
    if entries > s.max_logprob_entries:
        raise ApiError(
            400,
            f"this request may return {entries} log-prob entries in one {'event' if req.stream else 'JSON answer'};"
            f" this gateway allows at most {s.max_logprob_entries}: lower n, max_tokens, top_logprobs or"
            f" prompt_logprobs, or the prompt's length{'' if req.stream else ', or set stream: true'}",
            "invalid_value",
            "top_logprobs" if isinstance(req, GatewayChatRequest) else "logprobs",
        )


def logprob_entries(req: GatewayChatRequest | GatewayCompletionRequest, max_tokens: int) -> tuple[int, int]:
    """(log-prob entries of the answers, of the prompts) an answer to `req` may carry (`max_tokens`:
    the answer length when it names none): top + 1 per answer token where it asks for log-probs
    (OpenAI's fields, or llama.cpp's `n_probs`, which returns them alone), per prompt token with
    completions' `echo`, and vLLM's `prompt_logprobs` + 1 per prompt token, which comes back without
    `logprobs` (round 11's red team: `prompt_logprobs: 20` beside a 400 KB prompt passed a bound
    that looked at `logprobs` only)."""
    extra = req.model_extra or {}
    n_probs, prompt_top = (
        v if type(v) is int else None for v in (extra.get("n_probs"), extra.get("prompt_logprobs"))
    )
    if isinstance(req, GatewayChatRequest):
        top = (req.top_logprobs or 0) if req.logprobs else None
    else:
        top = req.logprobs
    if n_probs is not None:
        top = max(top or 0, n_probs)
    asked = asked_tokens(req)
    tokens = max_tokens if asked is None else asked
    per_prompt = answers_per_prompt(req)
    echo = top if isinstance(req, GatewayCompletionRequest) and req.echo else None
    answer = 0 if top is None else per_prompt * prompt_count(req) * tokens * (top + 1)
    # the prompt's size only where asked for: it walks every message's extras
    tops = [x + 1 for x in (echo, prompt_top) if x is not None]
    prompt = per_prompt * prompt_token_bound(req) * sum(tops) if tops else 0
    return answer, prompt


def estimate_tokens(ctx: RequestContext, s: GuardSettings) -> None:
    """What the request may cost, two ways (see RequestContext): the likely cost, for refusing a
    request that can never fit, and an upper bound on what the upstream can report, for the
    reservation. Every prompt of a list and every one of its `n` answers counts.

    The bound: a token is at least one byte of text for byte-level BPE and byte-fallback
    tokenizers, and the JSON body holds at least the UTF-8 bytes of every prompt; plus what a chat
    template may add; plus max_tokens (the gateway's `max_tokens` when absent) per answer."""
    req = ctx.request
    assert req is not None
    prompts = prompt_count(req)
    outputs = answers_per_prompt(req) * prompts
    asked = asked_tokens(req)  # 0 (completions' echo-only scoring) is an answer length, not absent
    media = s.media_part_tokens * media_parts(req)
    ctx.prompt_estimate = request_chars(req, ctx.body, len(ctx.raw_body), ctx.prompt) // 4 + prompts + media
    ctx.token_estimate = (
        ctx.prompt_estimate + (s.default_completion_tokens if asked is None else asked) * outputs
    )
    messages = len(req.messages) if isinstance(req, GatewayChatRequest) else prompts
    overhead = TEMPLATE_TOKENS + MESSAGE_TOKENS * messages + media
    ctx.reserved = len(ctx.raw_body) + overhead + (s.max_tokens if asked is None else asked) * outputs


def media_parts(req: GatewayChatRequest | GatewayCompletionRequest) -> int:
    """Content parts that are not text (images, audio, files) over a chat's messages."""
    if not isinstance(req, GatewayChatRequest):
        return 0
    return sum(
        sum(1 for p in m.content if p.type != "text") for m in req.messages if isinstance(m.content, list)
    )


def current_verdict(guard: Guard, key: ApiKey) -> Verdict:
    if key.verdict_override:
        return key.verdict_override  # type: ignore[return-value]
    last = guard.assessments.get(key.id)
    return last.verdict if last else "ok"


def key_limits(guard: Guard, key: ApiKey) -> tuple[int, int]:
    """(rpm, tpm) for this key now: its own or the defaults, tightened by the policy for the key's
    verdict so far (this request's own verdict is not known until the detector has seen it)."""
    s = guard.settings
    mult = guard.policy.current().action(current_verdict(guard, key)).limit_multiplier
    return max(1, int((key.rpm or s.default_rpm) * mult)), max(1, int((key.tpm or s.default_tpm) * mult))


# The bucket behind `rate_limit_headers: base`: the key's own limits, charged alongside the
# enforced bucket and never refusing. A verdict that tightens the enforced bucket clamps it to the
# new cap (49 of 60 left becomes 15 of 15), and headers derived from it jumped back up (49 -> 59:
# a fourth reviewer read the verdict off that); this one goes on counting from 49.
SHOWN_PREFIX = "shown\x1f"


def base_limits(guard: Guard, key: ApiKey) -> tuple[int, int]:
    """(rpm, tpm) the key was given (its own or the defaults), before any verdict tightens them."""
    return key.rpm or guard.settings.default_rpm, key.tpm or guard.settings.default_tpm


async def take_limits(
    guard: Guard, key: ApiKey, rcost: float, tcost: float
) -> tuple[LimitResult, LimitResult]:
    """Take from the key's enforced bucket (limits tightened by its verdict); returns it and what
    the rate-limit headers show: the same under `rate_limit_headers: enforced`, else the base
    bucket, charged in the same round trip and refunded when the enforced one refuses."""
    rpm, tpm = key_limits(guard, key)
    if guard.settings.rate_limit_headers != "base":
        limit = await guard.limiter.take(key.id, rpm, tpm, rcost, tcost)
        return limit, limit
    brpm, btpm = base_limits(guard, key)
    enforced = guard.limiter.take(key.id, rpm, tpm, rcost, tcost)
    base = guard.limiter.take(SHOWN_PREFIX + key.id, brpm, btpm, rcost, tcost, force=True)
    if isinstance(guard.limiter, MemoryLimiter):  # no I/O: gather's tasks cost 16 us vs 3 us in turn
        limit, shown = await enforced, await base
    else:  # one round trip's wait for both
        limit, shown = await asyncio.gather(enforced, base)
    if not limit.allowed:
        shown = await guard.limiter.take(SHOWN_PREFIX + key.id, brpm, btpm, -rcost, -tcost, force=True)
    return limit, shown


def limit_refusal(key: ApiKey, limit: LimitResult) -> ApiError:
    """The 429 of a request the key's enforced bucket refused, in OpenAI's shape."""
    wait = max(1, math.ceil(limit.retry_after_s))
    return ApiError(
        429,
        f"Rate limit reached for key {key.id}: {limit.rpm} requests/min, {limit.tpm} tokens/min. "
        f"Try again in {wait}s.",
        "rate_limit_exceeded",
        headers={"retry-after": str(wait)},
    )


async def charge(guard: Guard, key: ApiKey, rpm: int, tpm: int, rcost: float, tcost: float) -> LimitResult:
    """A charge or refund that is never refused (a refused request's request unit, the answer's
    real tokens against the reservation), to the enforced bucket (at `rpm` / `tpm`) and the base
    bucket behind the headers."""
    if guard.settings.rate_limit_headers == "base":
        await guard.limiter.take(SHOWN_PREFIX + key.id, *base_limits(guard, key), rcost, tcost, force=True)
    return await guard.limiter.take(key.id, rpm, tpm, rcost, tcost, force=True)


async def check_limits(ctx: RequestContext, guard: Guard) -> None:
    """Take one request and the token reservation (capped at the tpm, so a request whose bound
    exceeds the limit waits for a full bucket and runs alone: a key overshoots its tpm by at most
    one request's worth, streamed or not, in parallel or not)."""
    key = ctx.key
    _, tpm = key_limits(guard, key)
    if ctx.token_estimate > tpm:
        need = ctx.token_estimate
        raise ApiError(
            429,
            f"this request may use {need} tokens, more than this key's limit of "
            f"{tpm} tokens/min; lower max_tokens or n",
            "tokens_exceeded",
        )
    ctx.reserved = min(ctx.reserved, tpm)
    ctx.limit, shown = await take_limits(guard, key, 1, ctx.reserved)
    guard.note_limit(key.id, ctx.limit)
    ctx.headers.update(shown.headers())
    if not ctx.limit.allowed:
        raise limit_refusal(key, ctx.limit)


def assess(ctx: RequestContext, guard: Guard) -> None:
    """The verdict in force for this request (the key's after its earlier requests), and the
    event the detector will observe after the response (detection.py)."""
    if guard.detector is not None:
        ctx.events = detector_events(ctx, guard.settings)
    ctx.assessment = guard.assessments.get(ctx.key.id)
    ctx.verdict = current_verdict(guard, ctx.key)


def apply_policy(ctx: RequestContext, guard: Guard) -> None:
    ctx.action = action = guard.policy.current().action(ctx.verdict)
    if action.touches_logprobs and restricts_answer(ctx.body):
        ctx.action = action = action.model_copy(update={"top_logprobs_cap": 0})  # policy.restricts_answer
    if action.notice:
        ctx.headers[NOTICE_HEADER] = action.notice.encode("ascii", "replace").decode()
    refuse_blocked(action)
    # the length field the upstream this request goes to reads (OpenAI's reasoning models refuse
    # `max_tokens`; llama-cpp-python reads nothing else)
    accepts = upstream_for(ctx, guard).accepts_max_tokens
    ctx.body_changed = bound_output(ctx.body, ctx.endpoint, guard.settings.max_tokens, accepts)
    ctx.body_changed |= explicit_top_logprobs(ctx.body, ctx.endpoint)
    ctx.body_changed |= drop_fields(ctx.body, SERVING_FIELDS)
    if guard.settings.upstream_cache_salt:
        set_field(ctx, "cache_salt", guard.cache_salt(ctx.key.id))
    if action.touches_logprobs:
        ctx.body_changed |= drop_extension_logprobs(ctx.body)
        ctx.body_changed |= coarse_temperature(ctx.body)
    if action.logprobs == "perturb":
        ctx.jitter = guard.jitter
    if action.top_logprobs_cap is not None:
        ctx.body_changed |= cap_request(ctx.body, ctx.endpoint, action.top_logprobs_cap)
        rank_alternatives(ctx, guard.settings, action.top_logprobs_cap)
    if action.max_output_tokens is not None:
        ctx.body_changed |= cap_output(ctx.body, action.max_output_tokens)
    if action.reroute is not None and (model := guard.settings.upstreams[action.reroute].model):
        ctx.body["model"] = model
        ctx.body_changed = True


def rank_alternatives(ctx: RequestContext, s: GuardSettings, cap: int) -> None:
    """Under a cap of c >= 1 alternatives per token, ask the upstream for c where the client asked
    for fewer, and keep how many it asked (`shown_top`): the answer's tokens are placed against the
    top c, and one less likely than them shows a bound, not its log-prob (policy.process_choices).
    Where c would take the answer past `max_logprob_entries`, the request's cap becomes what the
    client asked for instead (its tokens are placed against those; none asked for: no log-probs)."""
    field = "top_logprobs" if ctx.endpoint == "chat" else "logprobs"
    asked = ctx.body.get(field)
    if cap < 1 or type(asked) is not int or (ctx.endpoint == "chat" and ctx.body.get("logprobs") is not True):
        return
    ctx.shown_top = asked
    if asked >= cap or ctx.request is None or ctx.action is None:
        return
    answer, prompt = logprob_entries(ctx.request.model_copy(update={field: cap}), s.max_tokens)
    if (prompt if ctx.stream else answer + prompt) <= s.max_logprob_entries:
        ctx.body[field] = cap
        ctx.body_changed = True
        return
    ctx.action = ctx.action.model_copy(update={"top_logprobs_cap": asked})
    if asked == 0:
        ctx.body_changed |= cap_request(ctx.body, ctx.endpoint, 0)


def upstream_for(ctx: RequestContext, guard: Guard) -> Upstream:
    """The main upstream, or the alternative one the policy reroutes this request to."""
    route = ctx.action.reroute if ctx.action is not None else None
    return guard.upstream if route is None else guard.alternates[route]


async def hold_upstream(ctx: RequestContext, guard: Guard) -> None:
    """Count the request among its key's upstream calls in flight. Past `max_upstream_per_key` (and
    past a quarter of the upstream pool: the pool is shared by every key, and a per-key cap above a
    small pool protected nobody, session 26's second reviewer) it waits, first come first served,
    up to `upstream_queue_s` for one of the key's calls to finish, and is refused (429) after that
    or when as many of the key's requests wait already. A waiting request holds no upstream
    connection; refusing at once turned an evaluation harness's burst at concurrency 100 into 36
    429s, 20 of them failed items after the SDK's retries (session 26's reviewer)."""
    s = guard.settings
    key, most = ctx.key.id, min(s.max_upstream_per_key, max(1, s.upstream_max_connections // 4))
    queue = guard.waiting.get(key)
    if guard.upstreaming.get(key, 0) < most and not queue:
        guard.upstreaming[key] = guard.upstreaming.get(key, 0) + 1
        ctx.upstream_slot = True
        return
    busy = ApiError(
        429,
        f"key {key} already has {most} requests in progress; wait for one to finish",
        "rate_limit_exceeded",
        headers={"retry-after": "1"},
    )
    if s.upstream_queue_s <= 0 or (queue is not None and len(queue) >= most):
        raise busy
    turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    guard.waiting.setdefault(key, deque()).append(turn)
    try:
        await asyncio.wait_for(turn, s.upstream_queue_s)
    except BaseException as e:
        if turn.done() and not turn.cancelled():  # handed a slot just as it gave up: pass it on
            ctx.upstream_slot = True
            release_upstream(ctx, guard)
        _unqueue(guard, key, turn)
        if isinstance(e, TimeoutError):
            raise busy from None
        raise
    ctx.upstream_slot = True  # the slot of the call that finished (`release_upstream`)
    try:
        await still_allowed(ctx, guard)
    except BaseException:
        release_upstream(ctx, guard)
        raise


async def current_key(guard: Guard, key: ApiKey) -> ApiKey:
    """The key as the store has it now (from the key cache while it is fresh), refused (401) if it
    was revoked. Read again once the body is in: a body may take `body_timeout_s` to arrive after
    authentication, and requests whose last byte came after an admin revoked their key or pinned
    it to `block` were all answered (round 15: four of four, each holding one byte back)."""
    fresh = await stored_key(guard, key.id) or key  # keys are revoked, never deleted
    refuse_revoked(fresh)
    return fresh


async def still_allowed(ctx: RequestContext, guard: Guard) -> None:
    """After a wait in the queue: refuse if the key was revoked or its verdict became a block
    meanwhile (a red team's requests queued behind their key's cap were all answered after an
    admin pinned the key to `block`, session 27). The key is read again from the store, and with
    `detector_stream` its verdict from the workers (an in-process detector's is in
    `guard.assessments` as soon as it observes): a request that waited 1 s was answered after the
    workers had published `block` for its key (round 18)."""
    if guard.settings.detector_stream:
        await settle_verdict(guard, ctx.key.id)
    key = await asyncio.to_thread(guard.keys.get, ctx.key.id) or ctx.key  # keys are revoked, never deleted
    refuse_revoked(key)
    refuse_blocked(guard.policy.current().action(current_verdict(guard, key)))


def refuse_blocked(action: Action) -> None:
    if action.block:
        raise ApiError(403, action.reason, "policy_blocked")


def _unqueue(guard: Guard, key: str, turn: asyncio.Future) -> None:
    queue = guard.waiting.get(key)
    if queue is not None:
        with contextlib.suppress(ValueError):
            queue.remove(turn)
        if not queue:
            guard.waiting.pop(key, None)


def release_upstream(ctx: RequestContext, guard: Guard) -> None:
    """Free the request's upstream slot: to the key's first waiting request, if any, else back."""
    if ctx.upstream_slot:
        ctx.upstream_slot = False
        key = ctx.key.id
        queue = guard.waiting.get(key)
        while queue:
            turn = queue.popleft()
            if not turn.done():
                turn.set_result(None)  # the slot changes hands; the count stays
                if not queue:
                    guard.waiting.pop(key, None)
                return
        guard.waiting.pop(key, None)
        if (left := guard.upstreaming.get(key, 1) - 1) > 0:
            guard.upstreaming[key] = left
        else:
            guard.upstreaming.pop(key, None)


async def call_upstream(ctx: RequestContext, guard: Guard) -> Response:
    upstream = upstream_for(ctx, guard)
    if upstream.zero_generates and scores_only(ctx):
        raise ApiError(  # before the upstream works on it (check_zero_length)
            400,
            "this gateway's upstream reads max_tokens: 0 as no limit, so it cannot score a prompt"
            " without generating; send max_tokens: 1",
            "invalid_value",
            "max_tokens",
        )
    read_whole = not ctx.stream or within_whole_answer(ctx, guard, upstream)
    await hold_upstream(ctx, guard)
    observe_later(ctx, guard)  # the detector runs while the upstream works on the request
    if ctx.stream:
        if guard.settings.upstream_stream_usage:
            ask_stream_usage(ctx)
        if ctx.endpoint == "chat":
            ctx.heads = StreamHeads(ctx.request.n or 1)  # type: ignore[union-attr]
        try:
            events = await upstream.stream(ctx, read_whole=read_whole)
        except BaseException as e:
            ctx.answer_unread |= isinstance(e, asyncio.CancelledError)  # as `complete`'s, below
            release_upstream(ctx, guard)
            raise
        if isinstance(events, Relay):
            return await relay_stream(ctx, guard, events)
        release_upstream(ctx, guard)  # the upstream answered one JSON body (Upstream.stream)
        content, status = events
    else:
        try:
            content, status = await upstream.complete(ctx)
        except asyncio.CancelledError:
            # cut by the server's shutdown while the upstream worked on it: it may have generated
            # the whole answer, which is charged its reservation, as a timeout is (proxy.failure)
            ctx.answer_unread = True
            raise
        finally:
            release_upstream(ctx, guard)
    charge_candidates(ctx)
    await withhold_if_refused(ctx, guard)
    report_served(ctx, guard)
    await published(ctx, guard)
    _observe_overhead(ctx, guard)
    record(ctx, guard)
    return Response(
        content,
        status,
        headers=ctx.headers,
        media_type="application/json",
        background=BackgroundTask(settle, ctx, guard),
    )


async def withhold_if_refused(ctx: RequestContext, guard: Guard) -> None:
    """Refuse (401 / 403) to return an answer the upstream generated whole while the admin revoked
    the key or pinned it to a verdict the policy blocks (`admin_refusal`, as a running stream is
    cut: `while_allowed`), charged what the upstream reported (`withheld`). Read once the answer is
    in: a JSON request already at the upstream was answered in full after its key was revoked or
    pinned to `block` (round 25: 200 with the whole answer, 1 s after the revocation; a stolen key's
    64 parallel requests of `n: 8` would each have delivered 8 answers). The key is read from the
    key cache while fresh, as a stream reads it every KEY_CHECK_S."""
    if (e := await admin_refusal(ctx, guard)) is not None:
        ctx.withheld = True
        message = f"{e.message.rstrip('.')}; the answer generated meanwhile is withheld"
        raise ApiError(e.status, message, e.code)


def charge_candidates(ctx: RequestContext) -> None:
    """Completions' `best_of` above `n`: the upstream generated `best_of` candidates per prompt and
    returned the `n` it ranked best, and vLLM's usage counts the returned ones only (its completion
    tokens are summed over the outputs it returns): `best_of: 8, n: 1` cost the key an eighth of what
    the upstream generated, with the pick of 8 by likelihood (round 23). The candidates not returned
    are charged at the returned answers' mean length, within the request's reservation (an upstream
    whose usage counts them already is charged up to `best_of / n` times over, never past that)."""
    req = ctx.request
    candidates = best_of(req) if req is not None else None
    n = (req.n or 1) if req is not None else 1
    if ctx.status != 200 or candidates is None or candidates <= n:
        return
    scaled = -(-ctx.completion_tokens * candidates // n)
    ctx.completion_tokens = max(ctx.completion_tokens, min(scaled, ctx.reserved - ctx.prompt_tokens))


def within_whole_answer(ctx: RequestContext, guard: Guard, upstream: Upstream) -> bool:
    """Whether a stream request's answer may come as one JSON body the guard reads whole
    (`max_logprob_entries`). Past it, to an upstream known to answer streams with one JSON body, it
    is refused (400) before the upstream works on it: sent, the answer was generated whole and then
    closed unread (a 502; round 11), its tokens never counted (round 12: 8 x 4,096 tokens generated
    for a charge of the prompt's ~10; such an answer is now charged its reservation)."""
    s = guard.settings
    entries = sum(logprob_entries(ctx.request, s.max_tokens))  # type: ignore[arg-type]
    if entries <= s.max_logprob_entries:
        return True
    if upstream.streams_whole:
        raise ApiError(
            400,
            f"this request may return {entries} log-prob entries, and this gateway's upstream answers"
            f" streams as one JSON answer, of which it reads at most {s.max_logprob_entries}: lower n,"
            " max_tokens or top_logprobs",
            "invalid_value",
            "top_logprobs" if ctx.endpoint == "chat" else "logprobs",
        )
    return False


async def relay_stream(ctx: RequestContext, guard: Guard, events: Relay) -> Response:
    try:
        await published(ctx, guard)
        _observe_overhead(ctx, guard)
        guard.journal.begin(audit_row(ctx, guard.settings.store_prompts))
    except BaseException:  # the relay never starts: free the slot and the upstream connection
        release_upstream(ctx, guard)
        await events.aclose()
        raise
    guard.streams += 1  # until end_stream has written the final row (Guard.close waits for it)
    on_end = lambda why: end_stream(ctx, guard, why)  # noqa: E731
    relayed = Relay(events.r, while_allowed(ctx, guard, events.events))  # its aclose frees the connection
    return StreamRelay(relayed, ctx.headers, on_end, guard.settings.upstream_stream_timeout_s)


async def while_allowed(
    ctx: RequestContext, guard: Guard, events: AsyncIterator[bytes]
) -> AsyncIterator[bytes]:
    """The stream's chunks for as long as what the admin did allows them: its key is read again
    every KEY_CHECK_S (from the key cache while fresh), and one revoked or pinned to a verdict the
    policy blocks gets an error event and the end of its stream. A running stream went on to its
    end, for up to `upstream_stream_timeout_s`, after its key was revoked (round 22: 26 of a
    stream's 30 events came after the revocation, 2.6 s of it). The detector's own verdicts still
    apply from the key's next request (SECURITY.md)."""
    due = time.monotonic() + KEY_CHECK_S
    try:
        async for chunk in events:
            if time.monotonic() >= due:
                if (e := await admin_refusal(ctx, guard)) is not None:
                    ctx.error = f"cut mid-stream: {e.message}"
                    yield b"data: " + json.dumps(error_body(e.status, e.message, e.code)).encode() + b"\n\n"
                    return
                due = time.monotonic() + KEY_CHECK_S
            yield chunk
    finally:
        await events.aclose()  # type: ignore[attr-defined]


async def admin_refusal(ctx: RequestContext, guard: Guard) -> ApiError | None:
    """Why the admin no longer lets the request's key be answered (revoked, or pinned to a verdict
    the policy blocks), else None; a key read that fails (the database is away) refuses nothing."""
    try:
        key = await stored_key(guard, ctx.key.id) or ctx.key
        refuse_revoked(key)
        if key.verdict_override:
            refuse_blocked(guard.policy.current().action(key.verdict_override))  # type: ignore[arg-type]
    except ApiError as e:
        return e
    except Exception:
        guard.log_throttled("keys", "reading key %s during its stream failed", ctx.key.id, exc_info=True)
    return None


def ask_stream_usage(ctx: RequestContext) -> None:
    """Make the upstream report usage at the end of the stream, so the stream is charged its real
    prompt tokens; the client who did not ask does not get the extra chunk (`hide_usage`)."""
    options = ctx.body.get("stream_options")
    if isinstance(options, dict) and options.get("include_usage") is True:
        return
    ctx.hide_usage = True
    # the parsed view: a key spelled with an escape (`stream\u005foptions`) is the client's own too
    ctx.added_stream_options = "stream_options" not in ctx.body
    # whether the client's text may say "stream_options" (an escape can spell any letter of it): an
    # upstream quoting it back in a 400 must not turn usage reports off for every key (proxy._send)
    ctx.may_quote_stream_options = b"stream_options" in ctx.raw_body or b"\\u" in ctx.raw_body
    set_field(
        ctx, "stream_options", {**(options if isinstance(options, dict) else {}), "include_usage": True}
    )


def set_field(ctx: RequestContext, name: str, value: Any) -> None:
    """Set a field of the request the upstream gets: spliced into the body as the client sent it
    where that is what goes upstream (a long prompt is not encoded again), else in the parsed body."""
    if name not in ctx.body and not ctx.body_changed:
        start = ctx.raw_body.index(b"{") + 1
        field = json.dumps({name: value}, separators=(",", ":"))[1:-1].encode()
        ctx.raw_body = ctx.raw_body[:start] + field + b"," + ctx.raw_body[start:]
    else:
        ctx.body_changed = True
    ctx.body[name] = value


class StreamRelay(StreamingResponse):
    """A relayed stream that always ends cleanly: it stops at once when the client goes away (the
    upstream connection is closed, so the upstream stops too), runs at most `timeout_s` in all
    (a client that stops reading holds neither its upstream connection nor memory past that), and
    calls `on_end(why)` exactly once, whatever happened (`why`: None, or why it was cut short)."""

    def __init__(
        self,
        events: AsyncIterator[bytes],
        headers: dict[str, str],
        on_end: Callable[[str | None], Awaitable[None]],
        timeout_s: float,
    ):
        super().__init__(events, media_type="text/event-stream", headers=headers)
        self.on_end, self.timeout_s = on_end, timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        relay = asyncio.ensure_future(self.stream_response(send))
        gone = asyncio.ensure_future(_client_gone(receive))
        why: str | None = "guard shutting down"
        try:
            await asyncio.wait((relay, gone), timeout=self.timeout_s, return_when=asyncio.FIRST_COMPLETED)
            why = (
                None
                if relay.done()
                else "client disconnected mid-stream"
                if gone.done()
                else "stream deadline"
            )
        except asyncio.CancelledError:
            pass  # the server's shutdown, past its grace: ended and audited below, not a traceback per stream
        finally:
            for task in (relay, gone):
                task.cancel()
            await asyncio.gather(relay, gone, return_exceptions=True)
            await self.body_iterator.aclose()  # type: ignore[union-attr]
            await self.on_end(why)
        if relay.done() and not relay.cancelled() and relay.exception() is not None:
            raise relay.exception()  # type: ignore[misc]


async def _client_gone(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


async def end_stream(ctx: RequestContext, guard: Guard, why: str | None) -> None:
    """The final audit row of a stream, then its settlement (detached: it must not be cancelled
    with the connection). Without upstream usage the prompt is counted high, as the log-prob entry
    bound counts it (`prompt_token_bound`: digits, punctuation and non-Latin bytes a token each),
    not by the quarter-token-a-character estimate: a client that hangs up after the first token
    never lets the usage come, and the estimate read 40,000 digits (as many tokens) as 10,005
    (round 14); and a server that ignores `stream_options` never sends it (llama-cpp-python: every
    stream was charged the estimate, a Chinese question of 54 tokens, the template's system prompt
    included, charged 8; round 24). Not the body's bytes: a person pressing "stop" on an English
    prompt would pay ~4x its tokens."""
    ctx.error = ctx.error or why
    release_upstream(ctx, guard)
    if not ctx.usage_seen:
        ctx.prompt_tokens = ctx.prompt_estimate
        if ctx.request is not None:
            ctx.prompt_tokens = max(ctx.prompt_estimate, prompt_token_bound(ctx.request))
    try:
        if ctx.heads is not None:  # a client that hung up mid-stream got what it got
            ctx.replies = ctx.heads.texts()
            report_served(ctx, guard)
        record(ctx, guard)
    finally:  # counted down whatever happened: Guard.close would wait on it for nothing
        guard.streams -= 1
    guard.spawn(settle(ctx, guard))


def _observe_overhead(ctx: RequestContext, guard: Guard) -> None:
    guard.metrics.overhead.observe(max(0.0, time.perf_counter() - ctx.started - ctx.upstream_s))
    guard.metrics.upstream.observe(ctx.upstream_s)


def refuse(ctx: RequestContext, guard: Guard, e: ApiError) -> Response:
    """The error response, audited (and shown to the detector when refused before the limits)."""
    ctx.status, ctx.error = e.status, e.message
    if e.status in OBSERVED_REFUSALS and not ctx.events and guard.detector is not None:
        ctx.events = refused_events(ctx, guard.settings)
    record(ctx, guard)
    response = e.response()
    response.headers.update(ctx.headers)
    response.background = BackgroundTask(after_refusal, ctx, guard)
    return response


def record(ctx: RequestContext, guard: Guard) -> None:
    """Count the request and write its audit row: journal first (SIGKILL-safe), then the queue."""
    m = guard.metrics
    m.requests.labels(ctx.endpoint, str(ctx.status)).inc()
    m.verdicts.labels(ctx.verdict).inc()
    m.actions.labels(ctx.action_names()).inc()
    row = audit_row(ctx, guard.settings.store_prompts)
    guard.audit.put(row, guard.journal.commit(row))


async def refused_admin_route(guard: Guard, request: Request, key: ApiKey, e: ApiError) -> dict[str, str]:
    """Audit a live user key's request to an admin route (`/admin`, `/metrics`, the dashboard's
    JSON: the 403 of `deps.AdminOnly`), charged one request like any refused request, and return
    the response's request-id header. Such probes had no row and cost nothing (round 23): a stolen
    key looking for the admin API was invisible in the audit log. The row's `error` names the route."""
    if audit_unavailable(guard) is not None:  # the 403 goes out unaudited, counted (no answer)
        return {}
    ctx = RequestContext(endpoint="admin", key=key, verdict=current_verdict(guard, key))
    ctx.status, ctx.error = e.status, f"{e.message}: {request.method} {request.url.path}"
    return await charge_admin_call(ctx, guard)


async def public_metrics_call(guard: Guard, key: ApiKey) -> dict[str, str]:
    """Audit a live user key's scrape of `/metrics` answered with the public series
    (`metrics_public`): a row (`endpoint` "metrics", 200) and one request, as its 403 has without
    `metrics_public`; the public answer had neither (round 28)."""
    if (full := audit_unavailable(guard)) is not None:
        raise full
    ctx = RequestContext(endpoint="metrics", key=key, verdict=current_verdict(guard, key))
    ctx.status = 200
    return await charge_admin_call(ctx, guard)


async def charge_admin_call(ctx: RequestContext, guard: Guard) -> dict[str, str]:
    """Write a call's row, charge its key one request, and return the request-id header."""
    key = ctx.key
    record(ctx, guard)
    rpm, tpm = key_limits(guard, key)
    guard.note_limit(key.id, await charge(guard, key, rpm, tpm, 1, 0))
    return {REQUEST_ID_HEADER: ctx.request_id}


async def after_refusal(ctx: RequestContext, guard: Guard) -> None:
    """A refused request still costs its key one request, so a flood of bad requests is throttled
    before its bodies are read: refused by the token bucket too (a key out of tokens sent 600
    requests in 0.7 s, each read, parsed and audited, its request bucket untouched: session 26's
    red team). Not when it was refused unread (`throttled`), nor when the limits took it already."""
    if (ctx.limit is None or not ctx.limit.allowed) and not ctx.throttled:
        rpm, tpm = key_limits(guard, ctx.key)
        guard.note_limit(ctx.key.id, await charge(guard, ctx.key, rpm, tpm, 1, 0))
    await settle(ctx, guard)


def charged_tokens(ctx: RequestContext) -> int:
    """What the request is charged: what was served; the prompt alone when the upstream worked on
    it without serving (its 4xx/5xx, a timeout): nothing when it never reached the upstream. An
    answer the guard read and did not return (a scoring request answered with generated tokens:
    check_zero_length; one whose key was revoked or blocked meanwhile: withhold_if_refused) is
    charged the usage it reported, else its estimate."""
    if ctx.status == 200 or ctx.usage_seen or ctx.withheld:
        return ctx.prompt_tokens + ctx.completion_tokens
    if ctx.answer_unread:  # generated whole and closed unread, or timed out (proxy.failure): its bound
        return ctx.reserved
    return ctx.prompt_estimate if ctx.upstream_answered else 0


async def settle(ctx: RequestContext, guard: Guard) -> None:
    """Replace the reservation with the charge (may drive the bucket below zero, like OpenAI's)."""
    if ctx.limit is None or not ctx.limit.allowed:
        return
    delta = charged_tokens(ctx) - ctx.reserved
    if delta:
        await charge(guard, ctx.key, ctx.limit.rpm, ctx.limit.tpm, 0, delta)

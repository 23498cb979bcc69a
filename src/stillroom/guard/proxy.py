"""The upstream call: one keep-alive pool (http1.py); JSON answers post-processed, streams relayed.

Upstream failures become OpenAI-shaped errors the client can act on, and nothing the upstream
says about itself reaches the client:

- unreachable, broken, or not OpenAI JSON (to a stream request: nor an event stream): 502; no
  answer before the deadline: 504;
- 401/403/407 (the upstream refused the *gateway's* credentials): 502 "the gateway is
  misconfigured"; relaying it would leak the operator's key hint and tell the client its own key is
  wrong; 429 (the operator's upstream quota): 503 "try again later";
- 5xx: 502 with a generic message; the body (tracebacks, host names) goes to the guard's log;
- other 4xx are about the request (context length, bad parameter): same status, the upstream's
  `error.message` cut to 300 characters, nothing else.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from stillroom.contracts.openai import (
    ANTIDISTILL_HEADER,
    NOTICE_FIELD,
    WATERMARK_HEADER,
    ApiError,
    error_body,
    model_ids,
)
from stillroom.errors import UserError
from stillroom.guard.context import RequestContext, message_texts
from stillroom.guard.http1 import Pool, Response, UpstreamError, UpstreamTimeout, UpstreamTooLarge
from stillroom.guard.policy import Jitter, process_choices
from stillroom.guard.settings import MAX_ANSWER_BYTES, GuardSettings

log = logging.getLogger(__name__)

PATHS = {"chat": "/v1/chat/completions", "completions": "/v1/completions"}
_CREDENTIALS = (401, 403, 407)


MAX_USAGE = 2**31 - 1  # the audit log's Integer columns


def usage_count(value: Any) -> int:
    """An upstream's usage count as charged and stored: an integer in [0, MAX_USAGE], anything else
    0. A count past 2**63 (one hostile or buggy upstream answer) killed the audit writer thread:
    every later request was answered but never stored (session 27's red team)."""
    try:
        n = int(value or 0)
    except (TypeError, ValueError, OverflowError):
        return 0
    return min(max(n, 0), MAX_USAGE)


class Upstream:
    def __init__(
        self,
        base_url: str,
        api_key: str | None = None,
        timeout_s: float = 120.0,
        max_connections: int = 256,
        stream_timeout_s: float = 900.0,
        accepts_max_tokens: bool = True,
        max_answer_bytes: int = MAX_ANSWER_BYTES,
    ):
        # whether requests going here carry `max_tokens` (policy.bound_output): from the settings,
        # and set False the first time the upstream refuses the field (`_send`)
        self.accepts_max_tokens = accepts_max_tokens
        self.refuses_stream_options = False  # set the first time it refuses the guard's stream_options
        self.streams_whole = False  # set the first time it answers a stream request with one JSON body
        # set the first time it generates an answer to a scoring request (`max_tokens: 0`, `echo`):
        # llama-cpp-python reads 0 as "to the end of the context" (pipeline.check_zero_length)
        self.zero_generates = False
        self.max_answer_bytes = max_answer_bytes  # the most of an answer held whole (settings)
        try:
            self.pool = Pool(base_url, max_connections, timeout_s, connect_timeout_s=min(5.0, timeout_s))
        except ValueError as e:
            raise UserError(f"{e}; pass --upstream http://host:port") from None
        self.timeout_s, self.stream_timeout_s = timeout_s, stream_timeout_s
        self.headers = [("content-type", "application/json")]
        if api_key:
            self.headers.append(("authorization", f"Bearer {api_key}"))

    async def close(self) -> None:
        await self.pool.aclose()

    async def models(self) -> list[str]:
        try:
            r = await self.pool.request("GET", "/v1/models", self.headers[1:])
            body = await r.read()
            if r.status_code != 200:
                raise ValueError(r.status_code)
            ids = model_ids(json.loads(body))
            if not ids:
                raise ValueError("no model ids")
            return ids
        except (UpstreamError, ValueError, KeyError, TypeError) as e:
            raise ApiError(
                502, f"upstream model list unavailable: {type(e).__name__}", "upstream_error"
            ) from None

    async def _send(self, ctx: RequestContext, stream: bool) -> tuple[Response, bytes]:
        """The upstream's answer (status checked) and, unless streaming, its whole body."""
        if ctx.endpoint == "chat" and not self.accepts_max_tokens and to_completion_tokens(ctx.body):
            ctx.body_changed = True  # the client's own max_tokens, to an upstream known to refuse it
        if stream and self.refuses_stream_options and drop_stream_options(ctx):
            ctx.body_changed = True
        content = json.dumps(ctx.body).encode() if ctx.body_changed else ctx.raw_body
        headers = self.headers
        if ctx.action and ctx.action.watermark:
            headers = [*headers, (WATERMARK_HEADER, "on")]
        if ctx.action and ctx.action.antidistill:
            headers = [*headers, (ANTIDISTILL_HEADER, ctx.action.antidistill.header())]
        t0 = time.perf_counter()
        try:
            r = await self.pool.request("POST", PATHS[ctx.endpoint], headers, content)
            ctx.upstream_answered = True
            body = b"" if stream and r.status_code < 400 else await r.read(self.max_answer_bytes)
        except UpstreamError as e:
            ctx.upstream_answered |= isinstance(e, UpstreamTimeout)  # it may have been generating all along
            raise failure(e, ctx) from None
        finally:
            ctx.upstream_s = time.perf_counter() - t0
        ctx.status = r.status_code
        retry = ctx.endpoint == "chat" and r.status_code == 400 and refuses_max_tokens(body)
        if retry and to_completion_tokens(ctx.body):
            # OpenAI's reasoning models refuse `max_tokens`: the same request once more with the
            # length in `max_completion_tokens`, and every later one that way (bound_output)
            log.warning("upstream refuses max_tokens; sending max_completion_tokens from now on")
            self.accepts_max_tokens = False
            ctx.body_changed = True
            return await self._send(ctx, stream)
        if stream and r.status_code == 400 and refuses_stream_options(body, ctx) and drop_stream_options(ctx):
            # the guard asked for usage (pipeline.ask_stream_usage) and this upstream may not know
            # the field: once more without it. Learnt for every later stream (counted by its chunks)
            # only when that is answered, so the field was what it refused (vLLM's and SGLang's
            # validation errors quote the whole request, the guard's own `stream_options` in it:
            # one `top_logprobs` without `logprobs` turned usage off for every key, round 16), and
            # only from a request whose text cannot say the name (an escaped `stream\u005foptions`
            # quoted back in a vLLM validation error: round 9)
            ctx.body_changed = True
            answer = await self._send(ctx, stream)
            if not ctx.may_quote_stream_options and not self.refuses_stream_options:
                log.warning(
                    "upstream refuses stream_options; streams are counted by their chunks from now on"
                )
                self.refuses_stream_options = True
            return answer
        if r.status_code >= 400:
            raise upstream_error(r.status_code, body, ctx)
        # audited: the answer went out undefended (an upstream that is not `stillroom serve`, or
        # one started without --allow-watermark-header, answers without the acknowledgement)
        for name, header, wanted in (
            ("watermark", WATERMARK_HEADER, ctx.action and ctx.action.watermark),
            ("antidistill", ANTIDISTILL_HEADER, ctx.action and ctx.action.antidistill),
        ):
            if wanted and r.headers.get(header) != "on":
                ctx.unapplied.append(name)
                log.warning("upstream did not apply %s to request %s", name, ctx.request_id)
        return r, body

    async def complete(self, ctx: RequestContext) -> tuple[bytes, int]:
        """Non-streaming: the response body to return (post-processed if the policy says so)."""
        r, body = await self._send(ctx, stream=False)
        return self._json_answer(ctx, r, body)

    def _json_answer(self, ctx: RequestContext, r: Response, body: bytes) -> tuple[bytes, int]:
        """A JSON answer read whole: usage charged, cache counters dropped, the policy's treatment
        applied, the replies kept for the detector."""
        try:
            data = json.loads(body)
            usage = data.get("usage")
            if isinstance(usage, dict):
                ctx.prompt_tokens = usage_count(usage.get("prompt_tokens"))
                ctx.completion_tokens = usage_count(usage.get("completion_tokens"))
                ctx.usage_seen = True
            else:  # an upstream without usage: charged by estimate
                ctx.prompt_tokens, ctx.completion_tokens = ctx.prompt_estimate, len(body) // 4
        except (ValueError, AttributeError, TypeError):
            raise not_openai(ctx) from None
        if (
            scores_only(ctx)
            and ctx.usage_seen
            and ctx.completion_tokens > max(1, len(data.get("choices") or ()))
        ):
            # vLLM generates one token per answer to score and drops it; more is an answer
            self.zero_generates = True
            log.warning("upstream generates for max_tokens: 0; scoring requests are refused from now on")
            raise ApiError(
                502,
                "the upstream generated an answer for max_tokens: 0 (it reads 0 as no limit); this"
                " gateway does not return it; send max_tokens: 1",
                "upstream_error",
            )
        changed = strip_cache_counts(data)
        if ctx.action and (ctx.action.touches_logprobs or ctx.action.notice or ctx.action.reroute):
            _post_process(data, ctx)
            changed = True
        if changed:
            body = json.dumps(data).encode()
        if ctx.endpoint == "chat":
            ctx.replies = message_texts(data)  # as the client receives them
        return body, r.status_code

    async def stream(self, ctx: RequestContext, read_whole: bool = True) -> Relay | tuple[bytes, int]:
        """Streaming: open the upstream stream now (so errors are still a proper status), relay later.
        From here the stream has `stream_timeout_s` in all and `timeout_s` between chunks.

        An upstream that answers a stream request with one JSON body (`content-type:
        application/json`: a server that does not stream, or one that read `stream` otherwise than
        the guard) gets that body read and treated as a JSON answer: relayed as a stream, it had
        no `data:` events, so its tokens went uncharged (3,000 asked, 0 charged), its log-probs
        untreated and its reply unreported (round 9's red team). Not when the request may carry more
        log-prob entries than the guard reads whole (`read_whole` False: `max_logprob_entries`, which
        only JSON requests were held to: `n: 8`, 4,096 tokens and top-20 with `stream: true` to such
        an upstream was ~42 MB parsed on the event loop, round 11): the answer is closed unread, a 502.
        An answer of any other content type than an event stream's (STREAM_KINDS: a web page) is
        closed unread too, a 502 charged its reservation (`not_openai`)."""
        r, _ = await self._send(ctx, stream=True)
        if is_json(r):
            self.streams_whole = True
            if not read_whole:
                await r.aclose()
                ctx.answer_unread = True
                raise ApiError(
                    502,
                    "the upstream does not stream, and this request may return more log-prob entries than"
                    " this gateway reads in one JSON answer (max_logprob_entries): lower n, max_tokens or"
                    " top_logprobs",
                    "upstream_error",
                )
            try:
                body = await r.read(self.max_answer_bytes)  # within the call's deadline, like `complete`
            except UpstreamError as e:
                raise failure(e, ctx) from None
            return self._json_answer(ctx, r, body)
        if not is_event_stream(r):
            kind = r.headers.get("content-type", "")
            log.error("upstream answered stream request %s as %r, not an event stream", ctx.request_id, kind)
            await r.aclose()
            raise not_openai(ctx)
        r.limit(asyncio.get_running_loop().time() + self.stream_timeout_s, self.timeout_s)
        return Relay(r, _relay(r, ctx, _chunk_treatment(ctx), self.max_answer_bytes))


def scores_only(ctx: RequestContext) -> bool:
    """Whether the request goes upstream as a scoring request: completions with `max_tokens: 0`
    (pipeline.check_zero_length lets 0 through with `echo` only, and bound_output writes a 0 the
    request named elsewhere into `max_tokens`, the field every server reads)."""
    n = ctx.body.get("max_tokens")
    return ctx.endpoint == "completions" and type(n) is int and n == 0


def failure(e: UpstreamError, ctx: RequestContext) -> ApiError:
    """The client-facing error for an upstream call that broke: 504 for a timeout, else 502. An
    answer too large to hold was generated whole, unread, and one that timed out may have been
    generated for the whole deadline (n x max_tokens the client never got, charged its prompt's
    estimate before round 14): both are charged their reservation (`answer_unread`), not the
    prompt alone. The client reads what failed, not the socket's words: "upstream unreachable:
    Connect call failed ('10.0.3.7', 8000)" named the operator's upstream address to any key while
    the upstream was down (round 35: after a request had crashed it); the log keeps them
    (`UpstreamError.detail`)."""
    ctx.answer_unread |= isinstance(e, UpstreamTooLarge | UpstreamTimeout)
    if isinstance(e, UpstreamTimeout):
        return ApiError(504, "upstream timed out", "upstream_timeout")
    if e.detail:
        log.warning("upstream call for request %s failed: %s: %s", ctx.request_id, e, e.detail)
    return ApiError(502, str(e), "upstream_error")


def not_openai(ctx: RequestContext) -> ApiError:
    """The 502 for an answer (status 200-399) that is not OpenAI JSON, or, to a stream request, not
    an event stream either: a proxy's or a login page in front of the server, say. Charged its
    reservation (`answer_unread`): the upstream may have generated the whole answer before
    something in between replaced it (the prompt's estimate alone before round 28). Nothing of it
    reaches the client: relayed as a stream, a web page naming the operator's network went out
    in a 200 (round 28)."""
    ctx.answer_unread = True
    return ApiError(502, "upstream sent a response that is not OpenAI JSON", "upstream_error")


def _content_kind(r: Response) -> str:
    return r.headers.get("content-type", "").split(";")[0].strip().lower()


def is_json(r: Response) -> bool:
    """Whether an answer's content type names JSON (one body, read whole)."""
    kind = _content_kind(r)
    return kind == "application/json" or kind.endswith("+json")


# what an answer to a stream request may be relayed as: an event stream, NDJSON lines, or no content
# type at all (a server that leaves the header out)
STREAM_KINDS = frozenset(
    {"", "text/event-stream", "application/x-ndjson", "application/ndjson", "application/jsonl"}
)


def is_event_stream(r: Response) -> bool:
    """Whether an answer to a stream request is a stream the guard relays (STREAM_KINDS)."""
    return _content_kind(r) in STREAM_KINDS


# llama.cpp's reports on itself beside an answer: `__verbose` (with `verbose: true`, a request
# field, or on every answer of a server run at verbosity 10) holds the prompt cache's count
# (`tokens_cached`, `timings.cache_n`), the rendered prompt and the answer's log-probs
# (`completion_probabilities`, which the log-prob treatment does not read), and a stream's
# `prompt_progress` (`return_progress: true`) its `cache` count.
SERVER_REPORTS = ("timings", "__verbose", "prompt_progress")
# SGLang's: each choice's `meta_info` (`return_meta_info: true`) holds the prompt's `cached_tokens`
# and the answer's log-probs (`output_token_logprobs`, `output_top_logprobs`), and
# `sglext.cached_tokens_details` (`return_cached_tokens_details: true`; on streams too) the cached
# tokens by where they were found.


def strip_cache_counts(data: Any) -> bool:
    """Drop the upstream's prompt-cache counters from an answer or chunk, in place; whether any
    were there. A shared prefix cache answers faster and reports `cached_tokens` (OpenAI, vLLM) or
    `timings.cache_n` (llama.cpp) for a prompt that begins like one another key sent: relayed, the
    counts let one key read another key's system prompt a few characters at a time (session 28's
    red team recovered a 9-character secret; round 17 a 4-digit code in 20 requests through
    llama.cpp's `__verbose` and `prompt_progress`, SERVER_REPORTS, which go whole; round 21 the same
    through SGLang's `meta_info`, which goes whole too (its log-probs escaped the treatment), and
    `sglext.cached_tokens_details`). The time saved is still observable, more noisily (SECURITY.md)."""
    if not isinstance(data, dict):
        return False
    changed = False
    for field in SERVER_REPORTS:
        changed |= data.pop(field, None) is not None
    for choice in data["choices"] if isinstance(data.get("choices"), list) else ():
        if isinstance(choice, dict):
            changed |= choice.pop("meta_info", None) is not None
    ext = data.get("sglext")
    if isinstance(ext, dict) and ext.pop("cached_tokens_details", None) is not None:
        if not ext:
            del data["sglext"]
        changed = True
    usage = data.get("usage")
    details = usage.get("prompt_tokens_details") if isinstance(usage, dict) else None
    if isinstance(details, dict) and "cached_tokens" in details:
        del details["cached_tokens"]
        changed = True
    return changed


def _post_process(data: dict[str, Any], ctx: RequestContext) -> None:
    """The policy's treatment of a JSON answer, in place."""
    action = ctx.action
    assert action is not None
    if action.reroute:
        data["model"] = ctx.model  # transparent: the name the client asked for
    if action.touches_logprobs and isinstance(data.get("choices"), list):
        process_choices(data["choices"], action, ctx.jitter or Jitter(b""), ctx.shown_top)
    if action.notice:
        data[NOTICE_FIELD] = action.notice


def as_asked(ctx: RequestContext, raw: bytes) -> bytes:
    """An upstream's JSON error (an answer, or a stream's error event) with the name of the model a
    rerouted request went under (policy `reroute`) written as the one the client asked for, as in
    every answer: an alternative upstream's "The model `cheap-7b` supports at most 2048 tokens"
    was relayed as it was (round 15)."""
    sent, asked = ctx.body.get("model"), ctx.model
    if not (isinstance(sent, str) and sent and asked and sent != asked):
        return raw
    return raw.replace(json.dumps(sent)[1:-1].encode(), json.dumps(asked)[1:-1].encode())


def _chunk_treatment(ctx: RequestContext) -> Callable[[dict[str, Any]], None] | None:
    action = ctx.action
    if not (action and (action.touches_logprobs or action.reroute)):
        return None
    rng = ctx.jitter or Jitter(b"")

    def treat(chunk: dict[str, Any]) -> None:
        if action.reroute and "model" in chunk:
            chunk["model"] = ctx.model
        if action.touches_logprobs and isinstance(chunk.get("choices"), list):
            process_choices(chunk["choices"], action, rng, ctx.shown_top)

    return treat


class Relay:
    """A relayed stream (`_relay`) whose `aclose` also frees the upstream connection when the relay
    never started: an async generator's `finally` runs only once it has (a failure between opening
    the stream and relaying it left the connection open; session 27's reviewer)."""

    def __init__(self, r: Response, events: AsyncIterator[bytes]):
        self.r, self.events = r, events

    def __aiter__(self) -> Relay:
        return self

    async def __anext__(self) -> bytes:
        return await self.events.__anext__()

    async def aclose(self) -> None:
        try:
            await self.events.aclose()  # type: ignore[attr-defined]
        finally:
            await self.r.aclose()


async def _relay(
    r: Response, ctx: RequestContext, treat: Callable | None, max_line: int = MAX_ANSWER_BYTES
) -> AsyncIterator[bytes]:
    """SSE out as it comes in, one write per upstream chunk; counts chunks and reads `usage`. A line
    that spans chunks is kept in pieces until its end comes: joined with each chunk, a 32 MB event
    cost 1.9 s of the event loop, growing with its square (round 11). A line past `max_line` bytes
    ends the stream with an error event: kept whole, one line with no end grew the guard's memory
    as long as the upstream sent it (round 12: a 256 MB line, 1.27 GB of the guard's RSS)."""
    rest: list[bytes] = []
    held = 0
    try:
        async for chunk in r.aiter_bytes():
            if b"\n" not in chunk:
                rest.append(chunk)
                held += len(chunk)
                if held > max_line:
                    raise UpstreamTooLarge(f"upstream stream line over {max_line} bytes")
                continue
            *lines, tail = b"".join([*rest, chunk]).split(b"\n")
            rest, held = [tail], len(tail)
            yield _relay_lines(lines, ctx, treat)
        if last := b"".join(rest):
            yield _relay_lines([last], ctx, treat)
    except UpstreamError as e:
        ctx.error = (
            "upstream stream timed out"
            if isinstance(e, UpstreamTimeout)
            else str(e)
            if isinstance(e, UpstreamTooLarge | Untreatable)
            else "upstream stream broke"
        )
        yield b"data: " + json.dumps(error_body(502, "upstream stream broke")).encode() + b"\n\n"
    finally:
        await r.aclose()


class Untreatable(UpstreamError):
    """A stream line the stream's treatment cannot read (`_relay_lines`): the stream ends there."""


# SSE lines that carry no event data: a comment, and the fields other than `data`
_NOT_DATA = (b":", b"event:", b"id:", b"retry:")


def _relay_lines(lines: list[bytes], ctx: RequestContext, treat: Callable | None) -> bytes:
    """Under a treatment (a log-prob treatment's, a reroute's model name), a line that is neither an
    event the guard parsed as a JSON object nor one that holds no data ends the stream
    (`Untreatable`): relayed, it went out untreated (round 27 found it, round 29 ended it), and a
    client reads such lines as events (an event split over several `data:` lines, which SSE joins;
    events ended by a bare CR, which SSE allows and the guard's split on LF joins into one line;
    an NDJSON line).

    Without a treatment, an NDJSON line (a JSON object with no `data:`) is an event like a `data:`
    one, counted and read for usage, and any other line a client may read as answer text counts as
    one event: relayed uncounted, a stream of NDJSON lines was charged its prompt alone, 0
    completion tokens for 200 lines (round 29's open item, round 30)."""
    out = []
    for line in lines:
        # "data:" with or without the space (the SSE spec allows both: TGI and DashScope send none)
        if line.startswith(b"data:"):
            if line[5:].strip() != b"[DONE]":
                line = _on_event(line, ctx, treat)
                if line is None:
                    continue
        elif line.startswith(b"error:"):
            line = _error_line(line, ctx)
        elif line.strip() and not line.startswith(_NOT_DATA):
            if treat is not None:
                raise Untreatable("upstream sent a stream line the gateway's treatment cannot read")
            if line.lstrip().startswith(b"{"):
                line = _on_event(line, ctx, None, frame=b"")
                if line is None:
                    continue
            else:
                ctx.completion_tokens += 1
        out.append(line)
    return b"\n".join(out) + b"\n" if out else b""


# what makes a chunk worth parsing
_PARSE_FOR = (
    b'"usage"',
    b'"error"',
    b'"meta_info"',
    b'"sglext"',
    *(b'"%s"' % f.encode() for f in SERVER_REPORTS),
)


def _on_event(
    line: bytes, ctx: RequestContext, treat: Callable | None, frame: bytes = b"data: "
) -> bytes | None:
    """One event, a `data:` line (`frame` "data: ") or an NDJSON line (`frame` empty): counted,
    usage read (and dropped if only the guard asked for it), and, while a chat stream's reply heads
    are still being collected, its `delta.content` taken. A chunk that needs none of that is passed
    on unparsed. An error event (vLLM sends one mid-stream, then `[DONE]`) is relayed and recorded
    as the request's error."""
    ctx.completion_tokens += 1
    heads = ctx.heads if ctx.heads is not None and ctx.heads.open else None
    if treat is None and heads is None and not any(w in line for w in _PARSE_FOR):
        return line
    try:
        chunk = json.loads(line[5:] if frame else line)
    except ValueError:
        chunk = None
    if not isinstance(chunk, dict):
        if treat is not None:  # relayed, it would go out untreated (`_relay_lines`)
            raise Untreatable("upstream sent a stream event the gateway's treatment cannot read")
        return line
    if "error" in chunk and not chunk.get("choices"):
        ctx.completion_tokens -= 1  # no answer chunk
        return stream_error(chunk["error"], ctx, frame)
    changed = treat is not None or strip_cache_counts(chunk)
    usage = chunk.get("usage")
    if isinstance(usage, dict):
        ctx.prompt_tokens = usage_count(usage.get("prompt_tokens"))
        ctx.completion_tokens = usage_count(usage.get("completion_tokens"))
        ctx.usage_seen = True
        if ctx.hide_usage:
            if not chunk.get("choices"):
                return None
            del chunk["usage"]
            changed = True
    if treat is not None:
        treat(chunk)
    if heads is not None:
        heads.add(chunk)  # after the treatment: the text as the client receives it
    return frame + json.dumps(chunk).encode() if changed else line


def _error_line(line: bytes, ctx: RequestContext) -> bytes:
    """llama.cpp's mid-stream error: an SSE `error:` field holding the error object (its server
    writes `error: {"code": 500, "message": ..., "type": "server_error"}`, not a `data:` event), as
    the client gets it (`stream_error`). Relayed as any other line, the engine's words reached the
    client whole, and the audit row read an answered stream (round 29: round 27 read `data:` events)."""
    try:
        err = json.loads(line[6:])
    except ValueError:
        err = line[6:].decode("utf-8", "replace").strip()
    return stream_error(err, ctx)


def stream_error(err: Any, ctx: RequestContext, frame: bytes = b"data: ") -> bytes:
    """An upstream's error event, as the client gets it: what `upstream_error` makes of an error
    answer whose status is the event's `code` (a 4xx: its message, cut to 300 characters, naming the
    model asked for; a 5xx, no code or anything else: a generic message, the event to the log),
    and the request's error, in the upstream's words, for its audit row.
    Relayed as the upstream wrote it, a mid-stream error (vLLM's and llama.cpp's carry the engine
    exception's text, code 500) reached the client whole, where the same error as an answer is a
    generic 502: a traceback naming an internal host, 5 KB of it (round 27)."""
    message = err.get("message") if isinstance(err, dict) else err
    ctx.error = ctx.error or f"upstream error in stream: {str(message)[:200]}"
    code = err.get("code") if isinstance(err, dict) else None
    status = code if type(code) is int and 400 <= code < 600 else 500
    e = upstream_error(status, json.dumps({"error": err}).encode(), ctx)
    return frame + json.dumps(error_body(e.status, e.message, e.code)).encode()


def alternate_upstreams(s: GuardSettings) -> dict[str, Upstream]:
    """One pool per named alternative upstream (settings `upstreams:`), for the `reroute` action."""
    return {
        name: Upstream(
            alt.url,
            alt.api_key.get_secret_value() if alt.api_key else None,
            s.upstream_timeout_s,
            s.upstream_max_connections,
            s.upstream_stream_timeout_s,
            alt.accepts_max_tokens,
            s.max_answer_bytes,
        )
        for name, alt in s.upstreams.items()
    }


def refuses_max_tokens(body: bytes) -> bool:
    """Whether an upstream's 400 says it takes `max_completion_tokens` instead of `max_tokens`, in
    OpenAI's own form: `param` "max_tokens" and a message that opens "Unsupported parameter:
    'max_tokens'" ("... is not supported with this model. Use 'max_completion_tokens' instead.").
    Only those fields: a server that quotes the request in its error must not let a client's text
    turn the field off for every key."""
    if b"max_completion_tokens" not in body:
        return False
    try:
        error = json.loads(body).get("error")
    except (ValueError, AttributeError):
        return False
    return (
        isinstance(error, dict)
        and error.get("param") == "max_tokens"
        and str(error.get("message", "")).startswith("Unsupported parameter: 'max_tokens'")
    )


def refuses_stream_options(body: bytes, ctx: RequestContext) -> bool:
    """Whether a 400 may be about the `stream_options` the guard added (Azure's "Unrecognized request
    argument supplied: stream_options", proxies' "Unknown parameter: 'stream_options'"): the error
    names the field. Only a request whose text cannot spell the name (`may_quote_stream_options`),
    and that is answered once sent without the field, teaches the guard to stop sending it
    (`Upstream._send`), so neither client text nor the whole request quoted back in an error can
    turn usage reports off for other keys."""
    return ctx.added_stream_options and b"stream_options" in body


def drop_stream_options(ctx: RequestContext) -> bool:
    """Take out the `stream_options` the guard added; False when the client's request had its own."""
    if not ctx.added_stream_options or "stream_options" not in ctx.body:
        return False
    del ctx.body["stream_options"]
    return True


def to_completion_tokens(body: dict[str, Any]) -> bool:
    """Move a chat request's `max_tokens` into `max_completion_tokens` (the smaller of the two where
    both are set); False when there is no `max_tokens` to move."""
    n = body.pop("max_tokens", None)
    if type(n) is not int:
        return False
    mct = body.get("max_completion_tokens")
    body["max_completion_tokens"] = min(n, mct) if type(mct) is int else n
    return True


def upstream_error(status: int, body: bytes, ctx: RequestContext) -> ApiError:
    """The client-facing error for an upstream error answer (module docstring); the body as the
    upstream sent it goes to the log."""
    message, request_id = f"upstream answered {status}", ctx.request_id
    try:
        err = json.loads(as_asked(ctx, body)).get("error")
        if isinstance(err, dict) and isinstance(err.get("message"), str):
            message = err["message"]
    except (ValueError, AttributeError):
        pass
    if status in _CREDENTIALS or status >= 500 or status == 429:
        log.error("upstream answered %d to request %s: %s", status, request_id, body[:2000])
    if status in _CREDENTIALS:
        return ApiError(
            502,
            "the gateway could not authenticate to its upstream; the operator has been told",
            "upstream_error",
        )
    if status == 429:
        return ApiError(
            503,
            "the upstream is over capacity; try again shortly",
            "upstream_busy",
            headers={"retry-after": "5"},
        )
    if status >= 500:
        return ApiError(
            502, f"the upstream failed on this request (request id {request_id})", "upstream_error"
        )
    return ApiError(status, message[:300], "upstream_rejected")

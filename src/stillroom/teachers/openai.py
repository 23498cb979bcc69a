"""The `openai` teacher: any OpenAI-compatible endpoint (vLLM, llama.cpp, a hosted API, our `serve`).

Requests go out concurrently (at most `concurrency` in flight) over one async httpx client.
Transient failures (5xx, timeouts, dropped connections, a body that is not the JSON we expect)
are retried with exponential backoff and full jitter; a 429 waits what `Retry-After` says.
Failures a retry cannot fix (401/403 key, 404 model or URL, 400 request) stop the run with one
line. The API key is read from the environment variable `api_key_env` names and kept only in
the request header.

Token ids: the API returns token *strings*; `tokens.py` maps them to ids of `cfg.tokenizer` (an
explicit id, vLLM's `token_id:N` which we ask for with `return_tokens_as_token_ids`, the token's
bytes, or its string, then what the answer text and `text_offset` prove), handles short, merged or
over-long top-k lists, and counts what it could not map. Without a tokenizer every id is -1 (text and logprobs are still kept). Token ids are the
tokens the server reports: vLLM leaves out the final EOS, `stillroom serve` includes it.

Answers are stored in one shape whatever the server (`_parse`; docs/harvest.md): reasoning sent
apart from the content is part of the text (`_answer_text`), a refusal is a skipped prompt
(`Refusal`), finish reasons are OpenAI's (`base.finish_reason`), completion tokens are `usage`'s.

In flight and deadlines: `pacing.Pacer` (measured, not fixed; `concurrency` is the ceiling).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import random
import re
import threading
import time
import weakref
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

import httpx
from pydantic import ValidationError

from stillroom import __version__
from stillroom.contracts.openai import (
    ChatChoice,
    ChatCompletionResponse,
    ChoiceLogprobs,
    CompletionChoice,
    CompletionResponse,
    LegacyLogprobs,
    TopLogprob,
    model_ids,
)
from stillroom.contracts.teacher_spec import TeacherSpec
from stillroom.errors import UserError, first_problem
from stillroom.teachers import TeacherConfig
from stillroom.teachers.base import Completion, GenParams, Prompt, finish_reason
from stillroom.teachers.pacing import Gate, Pacer
from stillroom.teachers.tokens import Ref, Step, TokenMap, load_token_map, map_steps, ref_string

log = logging.getLogger(__name__)

__all__ = ["OpenAITeacher", "TokenMap"]

RETRY_STATUS = {408, 409, 425, 500, 502, 503, 504, 520, 522, 524}
USER_AGENT = f"stillroom/{__version__}"
_AS_IDS = "return_tokens_as_token_ids"


class _Transient(Exception):
    """A failure worth retrying; `wait_s` is set when the server said how long to wait."""

    def __init__(self, msg: str, wait_s: float | None = None):
        super().__init__(msg)
        self.wait_s = wait_s


class PromptRejected(UserError):
    """The server refused one prompt (HTTP 400/413/422: too long for its context, a content
    filter, a shape it cannot take). `generate` skips that prompt and lists it in `rejected`;
    anywhere else it is the one-line error it reads as."""


class Refusal(PromptRejected):
    """The model answered, with a refusal (OpenAI's `refusal`, no content): skipped and listed in
    `rejected` like a refused request, but a sign the request itself was fine, so any number of
    them never stops the run as the settings' fault."""


REJECTED_BEFORE_ANY_ANSWER = 3  # this many refusals and no answer yet: the settings, not the prompts


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _close_runners(runners: list[asyncio.Runner], workers: list[ThreadPoolExecutor]) -> None:
    """Close every thread's loop. Where the caller's thread runs a loop of its own (garbage
    collected inside an async test, a notebook, a server), `Runner.close` cannot run the loop's
    shutdown steps there: it raised and left an un-awaited coroutine (unraisable warnings in CI), so
    the loop is closed without them (no async generators are left in a finished `generate`)."""
    inside = _loop_running()
    while runners:
        runner = runners.pop()
        if inside:
            with contextlib.suppress(RuntimeError):  # already closed
                runner.get_loop().close()
        else:
            runner.close()
    while workers:
        workers.pop().shutdown(wait=False)


class OpenAITeacher:
    def __init__(
        self,
        base_url: str,
        model: str | None = None,
        api_key: str | None = None,
        *,
        concurrency: int = 8,
        timeout_s: float = 60.0,
        max_retries: int = 6,
        tokens: TokenMap | None = None,
        backoff_s: float = 0.5,
        max_backoff_s: float = 30.0,
        ask_token_ids: bool = False,
        pacer: Pacer | None = None,
        tokenizer_spec: str | None = None,
    ):
        self.base_url = _v1(base_url)
        self.name = f"openai:{base_url}"
        self.model = model
        self.concurrency, self.timeout_s, self.max_retries = concurrency, timeout_s, max_retries
        self.backoff_s, self.max_backoff_s = backoff_s, max_backoff_s
        self.tokens = tokens or TokenMap()
        self.tokenizer_spec = tokenizer_spec  # how the user named `tokens`' tokenizer (identity)
        self.ask_token_ids = ask_token_ids
        self.ask_logprobs = True  # False once the server refused `logprobs` on a text-only request
        self.pacer = pacer or Pacer(concurrency, timeout_s)
        self._probed = False  # asked the server how many requests it runs at once?
        self.score_route: str | None = None  # how this server scores sequences, once found (`score`)
        self.requests = 0  # HTTP attempts made, retries included
        self.retries = 0
        self._reached = False  # any answer yet? Before one, a refused connection means a wrong URL
        self.answered = 0  # prompts answered, over this teacher's life
        self.rejected: list[tuple[int, str]] = []  # the last `generate`'s refused prompts: (index, why)
        self._bad_requests = 0  # of those, refused as requests (HTTP 400...), not by the model
        self.one_choice = False  # the server has no `n` (llama.cpp's servers): one request per answer
        # hosted APIs that refuse a field we send at its default (`top_p` 1, `n` 1) or name the
        # token budget `max_completion_tokens` (OpenAI's reasoning models): found once, then kept
        self.dropped: set[str] = set()
        self.budget_field = "max_tokens"
        self._headers = {"User-Agent": USER_AGENT, "Content-Type": "application/json"}
        self._local = threading.local()  # one event loop per calling thread, kept across calls
        self._runners: list[asyncio.Runner] = []  # every thread's, closed by `close` or collection
        self._workers: list[ThreadPoolExecutor] = []  # the thread used from inside a running loop
        self._lock = threading.Lock()
        weakref.finalize(self, _close_runners, self._runners, self._workers)
        if api_key:
            self._headers["Authorization"] = f"Bearer {api_key}"

    @classmethod
    def from_config(cls, cfg: TeacherConfig) -> OpenAITeacher:
        url = TeacherSpec.parse(cfg.spec).arg
        tokens = load_token_map(cfg.tokenizer) if cfg.tokenizer else None
        return cls(
            url,
            cfg.model,
            os.environ.get(cfg.api_key_env),
            concurrency=cfg.concurrency,
            timeout_s=cfg.timeout_s,
            max_retries=cfg.max_retries,
            tokens=tokens,
            ask_token_ids=cfg.tokenizer is not None,
            tokenizer_spec=cfg.tokenizer,
        )

    def info(self) -> dict[str, Any]:
        """Identity for provenance; asks the server for its model first when none is configured."""
        if self.model is None:
            self.model = self._sync(self._with_client(self._first_model))
        out = {"backend": "openai", "spec": self.name, "url": self.base_url, "model": self.model}
        if self.tokens.tokenizer is not None:  # part of the harvest config key: ids differ without it
            out["tokenizer"] = {"spec": self.tokenizer_spec, "fingerprint": self.tokens.fingerprint}
            out["vocab_size"] = len(self.tokens.tokenizer)
        return out

    async def _with_client(self, fn: Callable[[httpx.AsyncClient], Any]) -> Any:
        limits = httpx.Limits(max_connections=self.concurrency, max_keepalive_connections=self.concurrency)
        timeout = httpx.Timeout(self.timeout_s, connect=min(self.timeout_s, 10.0))
        async with httpx.AsyncClient(headers=self._headers, timeout=timeout, limits=limits) as client:
            return await fn(client)

    def generate(
        self,
        prompts: list[Prompt],
        params: GenParams,
        on_done: Callable[[int, list[Completion]], None] | None = None,
    ) -> list[Completion]:
        """`on_done(i, completions)` as each prompt's answers land (see `agenerate`): a caller keeps
        what arrived when the call ends in an error or Ctrl-C (the harvest stores it)."""
        return self._sync(self.agenerate(prompts, params, on_done))

    def _sync(self, coro: Coroutine[Any, Any, Any]) -> Any:
        """Run a coroutine on this thread's loop, made once and kept: a harvest calls `generate` per
        chunk, and a fresh `asyncio.run` each time left a window in which Ctrl-C landed inside a
        half-built loop (a traceback at exit instead of the "interrupted: ... saved" line).
        Called where the thread already runs a loop (a Jupyter cell, an async app), the coroutine
        runs on one worker thread the teacher keeps: `Runner.run` refuses a running loop."""
        if _loop_running():
            with self._lock:
                if not self._workers:
                    self._workers.append(ThreadPoolExecutor(1, thread_name_prefix="stillroom-openai"))
                worker = self._workers[0]
            return worker.submit(self._sync, coro).result()
        runner = getattr(self._local, "runner", None)
        if runner is None:
            # its own loop, not made the thread's current one: other code in the thread keeps its own
            runner = self._local.runner = asyncio.Runner(loop_factory=asyncio.new_event_loop)
            with self._lock:
                self._runners.append(runner)
        return runner.run(coro)

    def close(self) -> None:
        """Close the event loops this teacher made (one per thread that called it)."""
        _close_runners(self._runners, self._workers)
        self._local = threading.local()

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        for k in ("_local", "_runners", "_workers", "_lock"):
            state.pop(k)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._local, self._runners, self._workers = threading.local(), [], []
        self._lock = threading.Lock()
        weakref.finalize(self, _close_runners, self._runners, self._workers)

    async def agenerate(
        self,
        prompts: list[Prompt],
        params: GenParams,
        on_done: Callable[[int, list[Completion]], None] | None = None,
    ) -> list[Completion]:
        """All prompts concurrently; `on_done(i, completions)` fires as each prompt's answer lands."""
        return await self._with_client(lambda client: self._all(client, prompts, params, on_done))

    async def _all(
        self,
        client: httpx.AsyncClient,
        prompts: list[Prompt],
        params: GenParams,
        on_done: Callable[[int, list[Completion]], None] | None,
    ) -> list[Completion]:
        gate = Gate(self.pacer)
        if self.model is None:
            self.model = await self._first_model(client)
        if not self._probed:
            self._probed = True
            slots = await _server_slots(client, self.base_url)
            if slots:
                self.pacer.start_at(slots)

        self.rejected, self._bad_requests = [], 0

        async def one(i: int, prompt: Prompt) -> list[Completion]:
            async with gate.slot():
                try:
                    out = await self._ask(client, i, prompt, params)
                except PromptRejected as e:
                    self.rejected.append((i, str(e)))
                    self._bad_requests += not isinstance(e, Refusal)
                    if not self.answered and self._bad_requests >= REJECTED_BEFORE_ANY_ANSWER:
                        raise
                    return []
            self.answered += 1
            if on_done is not None:
                on_done(i, out)
            return out

        tasks = [asyncio.ensure_future(one(i, p)) for i, p in enumerate(prompts)]
        try:
            results = await asyncio.gather(*tasks)
        finally:  # one prompt failing for good (a UserError) stops the others too
            for t in tasks:
                t.cancel()
        return [c for cs in results for c in cs]

    def score(self, prompts: list[list[int]], top_k: int, per_request: int = 8) -> list[Completion]:
        """The server's distribution at every position of each token-id sequence, shaped as
        `HFTeacher.score` returns it: the served teacher for online distillation.

        Two ways to ask, tried in this order until one works, which is then kept (`score_route`):
        `echo`: legacy completions with `echo`, `max_tokens: 0`, `logprobs: k` and token ids back
        as `token_id:N` (what `stillroom serve` and vLLM answer); `prompt_logprobs`: vLLM's
        extension, top-k dicts keyed by token id per prompt position, for a server that refuses
        an echo without generation (it generates one token, unused). `per_request` sequences a request.
        """
        return self._sync(
            self._with_client(lambda client: self._score_all(client, prompts, top_k, per_request))
        )

    async def _score_all(
        self, client: httpx.AsyncClient, prompts: list[list[int]], top_k: int, per_request: int
    ) -> list[Completion]:
        if self.model is None:
            self.model = await self._first_model(client)
        gate = Gate(self.pacer)

        async def one(chunk: list[list[int]]) -> list[Completion]:
            async with gate.slot():
                return await self._score_chunk(client, chunk, top_k)

        chunks = [prompts[i : i + per_request] for i in range(0, len(prompts), per_request)]
        done: list[Completion] = []
        if self.score_route is None and chunks:  # find the route with one request, not all at once
            done, chunks = await one(chunks[0]), chunks[1:]
        return done + [c for out in await asyncio.gather(*(one(c) for c in chunks)) for c in out]

    async def _score_chunk(
        self, client: httpx.AsyncClient, chunk: list[list[int]], top_k: int
    ) -> list[Completion]:
        """One scoring request by the known route, or by each route in turn until one answers in shape."""
        problems = []
        for route in [self.score_route] if self.score_route else list(_SCORE_ROUTES):
            body, parse = _SCORE_ROUTES[route]
            try:
                data = await self._call(client, "POST", "/completions", body(self.model, chunk, top_k))
                out = parse(data, chunk, top_k, self.base_url)
            except UserError as e:
                if self.score_route or not self._reached:  # not about the request's shape
                    raise
                problems.append(f"{route}: {e}")
                continue
            self.score_route = route
            return out
        raise UserError(f"{self.base_url} cannot score token sequences, tried {'; '.join(problems)}")

    async def _first_model(self, client: httpx.AsyncClient) -> str:
        """No model configured: take the first one the server lists (vLLM and `serve` serve one)."""
        data = await self._call(client, "GET", "/models", None)
        names = model_ids(data)
        if not names:
            raise UserError(
                f"{self.base_url}/models lists no model ({json.dumps(data)[:120]}): set the teacher's `model`"
                " (--model NAME: the name, or for some servers the local path, it serves)"
            )
        return names[0]

    async def _ask(
        self, client: httpx.AsyncClient, i: int, prompt: Prompt, params: GenParams
    ) -> list[Completion]:
        """The prompt's `params.n` answers. A server without `n` (llama-cpp-python answers one
        choice, llama.cpp's server refuses n > 1) is asked once per answer from then on, sample s
        with seed `seed + s` where a seed is set (one seed would repeat one answer)."""
        first = replace(params, n=1) if self.one_choice else params
        try:
            out = await self._ask_n(client, i, prompt, first)
        except PromptRejected as e:
            if first.n == 1 or isinstance(e, Refusal):  # a refusal is the prompt's, not n's
                raise
            out = await self._ask_n(client, i, prompt, replace(params, n=1))  # refused too: the prompt
            self._one_choice("refuses n > 1")
        if len(out) < params.n:
            self._one_choice("answers one choice whatever `n` asks")
        for s in range(len(out), params.n):
            seed = params.seed + s if params.seed is not None else None
            (c,) = await self._ask_n(client, i, prompt, replace(params, n=1, seed=seed))
            out.append(replace(c, sample=s))
        return out

    def _adjusted(self, body: dict[str, Any]) -> dict[str, Any]:
        """The request as this server takes it (see `dropped`, `budget_field`)."""
        body = {k: v for k, v in body.items() if k not in self.dropped}
        if self.budget_field != "max_tokens" and "max_tokens" in body:
            body[self.budget_field] = body.pop("max_tokens")
        return body

    def _one_choice(self, why: str) -> None:
        if not self.one_choice:
            self.one_choice = True
            log.warning("%s %s: asking once per answer", self.base_url, why)

    async def _ask_n(
        self, client: httpx.AsyncClient, i: int, prompt: Prompt, params: GenParams
    ) -> list[Completion]:
        """One request; its answers (1 to `params.n` of them)."""
        chat = not isinstance(prompt, str)
        body = _request_body(self.model, prompt, params, self.ask_token_ids, self.ask_logprobs)
        body = self._adjusted(body)
        t0 = time.perf_counter()
        data = await self._call(client, "POST", "/chat/completions" if chat else "/completions", body)
        latency = time.perf_counter() - t0
        if not data["choices"]:  # a 200 with no answer: what some APIs send for a filtered prompt
            raise PromptRejected(f"{self.base_url} answered with no choices (a content filter?)")
        try:
            out = _parse(data, i, params, chat, self.tokens, latency, at_least=1)
        except NoLogprobs:
            raise UserError(
                _no_logprobs(self.base_url, params.top_logprobs, "answered without them")
            ) from None
        except ValidationError as e:
            raise UserError(
                f"{self.base_url} answered in an unexpected shape ({first_problem(e)}); is it OpenAI-compatible?"
            ) from None
        except ValueError as e:
            raise UserError(
                f"{self.base_url} answered in an unexpected shape ({e}); is it OpenAI-compatible?"
            ) from None
        self.pacer.on_answer(latency, sum(max(c.completion_tokens, 1) for c in out))
        return out

    async def _call(self, client: httpx.AsyncClient, method: str, path: str, body: dict | None) -> Any:
        """One API call with retries; returns the parsed JSON (an object, but for `/models` any JSON)."""
        attempt, deadline = 0, self.pacer.deadline()
        while True:
            try:
                return await self._attempt(client, method, path, body, deadline)
            except _Timeout:
                if attempt == self.max_retries:
                    raise UserError(
                        f"{self.base_url}{path} gave no answer within {deadline:g} s, {attempt + 1} times"
                    ) from None
                attempt += 1
                self.retries += 1
                self.pacer.on_timeout()
                deadline *= 2  # the abandoned attempt may still be running: never cut the retry as short
            except _Transient as e:
                if attempt == self.max_retries:
                    raise UserError(
                        f"{self.base_url}{path} still failing after {attempt + 1} tries: {e}"
                    ) from None
                attempt += 1
                self.retries += 1
                await asyncio.sleep(e.wait_s if e.wait_s is not None else self._backoff(attempt - 1))
            except _DropFields as e:
                body = {k: v for k, v in (body or {}).items() if k not in e.fields}
                if _AS_IDS in e.fields:
                    self.ask_token_ids = False
                else:
                    self.ask_logprobs = False
            except _Unsupported as e:
                body = self._unsupported(e.field, e.detail, path, body or {})

    def _unsupported(self, field: str, detail: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """A 400 that names one field of the request as not accepted. A field we send only at
        the API's default (`top_p` 1, `n` 1) is dropped from then on; `max_tokens` becomes
        `max_completion_tokens` where the server asks for that; a setting the user chose stops
        the run with one line (we do not change what was asked for)."""
        value = body.get(field)
        if field in self.dropped or (field == "max_tokens" and self.budget_field != "max_tokens"):
            return self._adjusted(body)  # a request sent before another's refusal taught us
        if field == "n" and value != 1:  # `_ask` asks once per answer instead
            raise PromptRejected(f"{self.base_url}{path} does not take n={value}: {detail}")
        if field in _DEFAULTS and value == _DEFAULTS[field]:
            self.dropped.add(field)
            log.warning("%s does not accept `%s`: sending it no more (%s)", self.base_url, field, detail)
            return self._adjusted(body)
        if field == "max_tokens" and "max_completion_tokens" in detail:
            self.budget_field = "max_completion_tokens"
            return self._adjusted(body)
        raise UserError(
            f"{self.base_url}{path} does not accept `{field}`={json.dumps(value)}: {detail}"
            " (change that setting; stillroom does not alter what you asked for)"
        )

    def _backoff(self, attempt: int) -> float:
        """Full jitter (AWS): uniform in [0, min(cap, base * 2^attempt)], so retries spread out."""
        return random.uniform(0, min(self.max_backoff_s, self.backoff_s * 2**attempt))

    async def _attempt(
        self, client: httpx.AsyncClient, method: str, path: str, body: dict | None, deadline: float
    ) -> Any:
        self.requests += 1
        timeout = httpx.Timeout(deadline, connect=min(deadline, 10.0))
        try:
            r = await client.request(method, self.base_url + path, json=body, timeout=timeout)
        except httpx.ConnectError as e:
            if not self._reached:
                raise UserError(f"cannot reach {self.base_url}: {e or type(e).__name__}") from None
            raise _Transient(f"connection failed: {e or type(e).__name__}") from None
        except httpx.ConnectTimeout:
            raise _Transient("connecting timed out") from None
        except httpx.TimeoutException:
            raise _Timeout() from None
        except httpx.TransportError as e:
            raise _Transient(f"connection broke: {e or type(e).__name__}") from None
        self._reached = True
        _check_status(r, self.base_url + path, body)
        try:
            data = r.json()
        except ValueError:
            data = _from_events(r.text, path == "/chat/completions") if path != "/models" else None
        if data is None:
            if path == "/models":  # a listing, not a generation: asking again will not change it
                raise UserError(
                    f"{self.base_url}/models answered no JSON: set the teacher's `model`"
                ) from None
            raise _Transient("the body is not JSON") from None
        if path == "/models":
            return data  # any shape: `model_ids` reads what it can
        if not isinstance(data, dict) or not isinstance(data.get("choices"), list):
            err = data.get("error") if isinstance(data, dict) else None
            err = err.get("message", err) if isinstance(err, dict) else err
            # some proxies answer HTTP 200 with an error body: say what it said
            raise _Transient(f"the JSON has no `choices`{f' (error: {str(err)[:200]})' if err else ''}")
        return data


def _from_events(body: str, chat: bool) -> dict | None:
    """An answer sent as a server-sent event stream although `stream` was not asked for (a
    server or proxy that always streams), put together as the one answer it streams: each
    choice's text pieces joined, its logprob lists concatenated, the last finish reason and
    `usage`; an `error` event is the answer (`_attempt` reports it). None: not such a stream."""
    chunks = []
    for line in body.splitlines():
        payload = line.removeprefix("data:").strip() if line.startswith("data:") else ""
        if payload and payload != "[DONE]":
            try:
                chunks.append(json.loads(payload))
            except ValueError:
                return None
    if not chunks or not all(isinstance(c, dict) for c in chunks):
        return None
    out: dict[str, Any] = {k: v for k, v in chunks[0].items() if k != "choices"}
    choices: dict[int, dict[str, Any]] = {}
    for c in chunks:
        if "error" in c and not c.get("choices"):
            return c
        if c.get("usage"):
            out["usage"] = c["usage"]
        for ch in c.get("choices") or []:
            if not isinstance(ch, dict):
                return None
            at = choices.setdefault(
                ch.get("index", 0), {"index": ch.get("index", 0), "text": "", "message": {}}
            )
            delta, lp = ch.get("delta"), ch.get("logprobs")
            for k, v in (delta if isinstance(delta, dict) else {}).items():
                if isinstance(v, str) and k != "role":
                    at["message"][k] = at["message"].get(k, "") + v
            at["text"] += ch.get("text") if isinstance(ch.get("text"), str) else ""
            for k, v in (lp if isinstance(lp, dict) else {}).items():
                if isinstance(v, list):
                    at.setdefault("logprobs", {}).setdefault(k, []).extend(v)
            at["finish_reason"] = ch.get("finish_reason") or at.get("finish_reason")
    for at in choices.values():
        at.pop("text" if chat else "message")
        if chat:
            at["message"] = {"role": "assistant", "content": None} | at["message"]
    out["choices"] = [choices[i] for i in sorted(choices)]
    return out


class _Timeout(Exception):
    """No answer within the attempt's deadline: the server may still be generating it."""


async def _server_slots(client: httpx.AsyncClient, base_url: str) -> int | None:
    """How many requests the server runs at once, where it says so (llama.cpp's `/props`)."""
    try:
        r = await client.get(base_url.removesuffix("/v1") + "/props", timeout=5.0)
        slots = r.json().get("total_slots") if r.status_code == 200 else None
    except (httpx.HTTPError, ValueError, AttributeError):
        return None
    return slots if isinstance(slots, int) and slots > 0 else None


class _DropFields(Exception):
    """The server rejected a field we add only to learn more, not one the user asked for: vLLM's
    `return_tokens_as_token_ids` elsewhere, or `logprobs` on a text-only request (APIs that
    return none refuse it). Ask again, and from then on, without it."""

    def __init__(self, *fields: str):
        super().__init__(", ".join(fields))
        self.fields = fields


class _Unsupported(Exception):
    """HTTP 400 naming one request field the server does not take (see `_named_field`)."""

    def __init__(self, field: str, detail: str):
        super().__init__(field)
        self.field, self.detail = field, detail


# fields `_request_body` sends at the API default when the user left them there
_DEFAULTS: dict[str, Any] = {"top_p": 1.0, "n": 1}
# the settings a refusal may name (the prompt's own fields are the prompt's problem)
_SETTINGS = ("max_tokens", "temperature", "top_p", "n", "seed", "stop")
_UNSUPPORTED = (
    "unsupported",
    "not supported",
    "not allowed",
    "unrecognized",
    "not permitted",
    "unknown parameter",
    "unexpected field",  # FastAPI servers (transformers serve): "Unexpected fields in the request: {'x'}"
)


def _named_field(r: httpx.Response, body: dict, detail: str) -> str | None:
    """The setting a 400 refuses, where it says so: OpenAI's `error.param` with an
    `unsupported_*` code, or a message that calls a field of ours unsupported ("Unsupported
    parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens'
    instead."). A context-length refusal names no setting this way."""
    try:
        err = r.json().get("error")
    except (ValueError, AttributeError):
        err = None
    err = err if isinstance(err, dict) else {}
    param, code = err.get("param"), str(err.get("code") or "")
    low = detail.lower()
    if not (code.startswith("unsupported") or any(w in low for w in _UNSUPPORTED)):
        return None
    if isinstance(param, str) and param in body and param in _SETTINGS:
        return param
    named = [f for f in _SETTINGS if f in body and re.search(rf"[`'\"]{f}[`'\"]", detail)]
    return named[0] if len(named) == 1 else None


def _check_status(r: httpx.Response, url: str, body: dict | None) -> None:
    if r.status_code < 400:
        return
    if r.status_code == 429:
        raise _Transient("429 rate limited", _retry_after(r.headers.get("retry-after")))
    if r.status_code in RETRY_STATUS:  # what the server said, for the line if it never recovers
        raise _Transient(f"HTTP {r.status_code}: {_error_message(r)}".removesuffix(": "))
    detail = _error_message(r)
    # 400 from vLLM-likes and OpenAI, 422 from FastAPI servers ("Unexpected fields in the request")
    if r.status_code in (400, 422) and body and _AS_IDS in body and _AS_IDS in detail:
        raise _DropFields(_AS_IDS)
    if r.status_code in (400, 422) and body and "logprob" in detail.lower():
        if _text_only(body):
            raise _DropFields("logprobs", "top_logprobs")
        if k := _top_k_asked(body):  # the logit signal the user asked for: no point asking again
            raise UserError(_no_logprobs(url, k, f"refused them with HTTP {r.status_code}: {detail}"))
    if r.status_code in (400, 422) and body and (field := _named_field(r, body, detail)):
        raise _Unsupported(field, detail)
    if r.status_code in (401, 403):
        raise UserError(
            f"{url} refused the API key (HTTP {r.status_code}): set the env var named by api_key_env"
        )
    if r.status_code == 404:
        raise UserError(f"{url} answered 404 ({detail}): check the URL and the model name")
    if r.status_code in (400, 413, 422):
        raise PromptRejected(f"{url} rejected the request (HTTP {r.status_code}): {detail}")
    raise UserError(f"{url} rejected the request (HTTP {r.status_code}): {detail}")


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None  # an HTTP date: fall back to our own backoff


def _error_message(r: httpx.Response) -> str:
    """The server's own words: OpenAI's `error` (an object with `message`, or a string), FastAPI's
    `detail` (a string, or validation errors as `[{loc, msg}]`), else the body as it came."""
    try:
        data = r.json()
        err = data.get("error")
        msg = err.get("message") if isinstance(err, dict) else err
        if msg is None:
            msg = _detail(data.get("detail"))
        return str(msg or r.text)[:200]
    except (ValueError, AttributeError):
        return r.text[:200].replace("\n", " ")


def _detail(detail: Any) -> str | None:
    if isinstance(detail, list):  # FastAPI's validation errors
        parts = [
            f"{'.'.join(map(str, d.get('loc', [])[1:]))}: {d.get('msg')}" if isinstance(d, dict) else str(d)
            for d in detail
        ]
        return "; ".join(parts) or None
    return str(detail) if detail else None


def _top_k_asked(body: dict) -> int:
    """The top-k logprobs a generation request asks for (chat `top_logprobs`, legacy `logprobs: k`),
    0 for none; a scoring request (`score`) is not one: its refusals say which route fails."""
    if body.get("echo") or "prompt_logprobs" in body:
        return 0
    k = body.get("top_logprobs") or body.get("logprobs")
    return k if type(k) is int else 0


class NoLogprobs(UserError):
    """Top logprobs asked for, an answer without them: the server returns none (`_completion`)."""


def _no_logprobs(base_url: str, k: int, what: str) -> str:
    return (
        f"{base_url} returns no top logprobs (asked for {k}, it {what}), so it cannot give a logit "
        "signal: harvest text only (leave out --top-logprobs; top_logprobs: 0 in a config) and "
        "distil that with --method sft"
    )


def _v1(url: str) -> str:
    url = url.rstrip("/")
    return url if url.endswith("/v1") else url + "/v1"


def _text_only(body: dict) -> bool:
    """A request that asks `logprobs` only for the chosen tokens' reports, no top-k."""
    lp = body.get("logprobs")
    return (lp is True and not body.get("top_logprobs")) or (type(lp) is int and lp == 0)  # chat / legacy


def _request_body(
    model: str | None, prompt: Prompt, params: GenParams, as_ids: bool, logprobs: bool = True
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "model": model,
        "max_tokens": params.max_new_tokens,
        "temperature": params.temperature,
        "top_p": params.top_p,
        "n": params.n,
    }
    if params.stop:
        body["stop"] = list(params.stop)
    if params.seed is not None:
        body["seed"] = params.seed
    if isinstance(prompt, str):
        body["prompt"] = prompt
    else:
        body["messages"] = prompt
    # always, unless refused: the token strings are how we learn the token ids
    if logprobs or params.top_logprobs:
        if isinstance(prompt, str):
            body["logprobs"] = params.top_logprobs  # legacy API: an int; 0 still returns the chosen tokens
        else:
            body["logprobs"] = True
            if params.top_logprobs:
                body["top_logprobs"] = params.top_logprobs
    if as_ids:
        body[_AS_IDS] = True
    return body


def _echo_body(model: str | None, prompts: list[list[int]], k: int) -> dict[str, Any]:
    return {"model": model, "prompt": prompts, "max_tokens": 0, "echo": True, "logprobs": k, _AS_IDS: True}


def _prompt_logprobs_body(model: str | None, prompts: list[list[int]], k: int) -> dict[str, Any]:
    return {"model": model, "prompt": prompts, "max_tokens": 1, "prompt_logprobs": k}


def _scored_choices(data: dict, prompts: list[list[int]], url: str) -> list[CompletionChoice]:
    try:
        choices = sorted(CompletionResponse.model_validate(data).choices, key=lambda c: c.index)
    except ValidationError as e:
        raise UserError(
            f"{url} answered a scoring request in an unexpected shape ({first_problem(e)})"
        ) from None
    if len(choices) != len(prompts):
        raise UserError(
            f"{url} answered {len(choices)} choices to a scoring request of {len(prompts)} prompts"
        )
    return choices


def _parse_scores(data: dict, prompts: list[list[int]], k: int, url: str) -> list[Completion]:
    """An echo answer as `HFTeacher.score`-shaped Completions; the echoed ids must be the ones sent.
    vLLM lists the prompt's own token beside the top k (k + 1 entries): the k most likely are kept."""
    out = []
    for ids, choice in zip(prompts, _scored_choices(data, prompts, url), strict=True):
        lp = choice.logprobs
        if not isinstance(lp, LegacyLogprobs) or [_token_id(t) for t in lp.tokens] != ids:
            raise UserError(
                f"{url} did not echo the token ids it was sent: it cannot serve as a scoring teacher"
            )
        tops = [
            sorted(((_token_id(t), v) for t, v in (d or {}).items()), key=lambda x: -x[1])[:k]
            for d in lp.top_logprobs or []
        ][1:]
        out.append(_scored(ids, choice.text, [float(x) for x in lp.token_logprobs[1:]], tops))  # type: ignore[arg-type]
    return out


def _parse_prompt_logprobs(data: dict, prompts: list[list[int]], k: int, url: str) -> list[Completion]:
    """A vLLM `prompt_logprobs` answer as `HFTeacher.score`-shaped Completions: at each position
    the k most likely entries (vLLM adds the prompt's own token when it is not among them)."""
    out = []
    for ids, choice in zip(prompts, _scored_choices(data, prompts, url), strict=True):
        per_pos = choice.prompt_logprobs
        if per_pos is None or len(per_pos) != len(ids):
            raise UserError(f"{url} did not return `prompt_logprobs` for every token it was sent")
        chosen, tops = [], []
        for tok, entries in zip(ids[1:], per_pos[1:], strict=True):
            if not entries or tok not in entries:
                raise UserError(f"{url} left the prompt's own token out of its `prompt_logprobs`")
            chosen.append(entries[tok].logprob)
            ranked = sorted(entries.items(), key=lambda x: (-x[1].logprob, x[1].rank or 0))[:k]
            tops.append([(i, e.logprob) for i, e in ranked])
        out.append(_scored(ids, "", chosen, tops))
    return out


def _scored(
    ids: list[int], text: str, logprobs: list[float], tops: list[list[tuple[int, float]]]
) -> Completion:
    return Completion(
        text=text,
        token_ids=ids,
        finish_reason="length",
        prompt_tokens=len(ids),
        logprobs=logprobs,
        top_ids=[[i for i, _ in top] for top in tops],
        top_logprobs=[[v for _, v in top] for top in tops],
    )


# The ways to ask a server for a sequence's per-position distribution, in the order `score` tries them.
_SCORE_ROUTES = {
    "echo": (_echo_body, _parse_scores),
    "prompt_logprobs": (_prompt_logprobs_body, _parse_prompt_logprobs),
}


def _token_id(token: str) -> int:
    if not token.startswith("token_id:"):
        raise UserError(f"expected tokens as token_id:N (return_tokens_as_token_ids), got {token!r}")
    return int(token.removeprefix("token_id:"))


def _parse(
    data: dict, i: int, params: GenParams, chat: bool, tokens: TokenMap, latency: float, at_least: int = 0
) -> list[Completion]:
    """The answer (validated with the shared response models) as one Completion per choice; it
    must hold between `at_least` (default: all n) and n choices. A choice that is a refusal
    (OpenAI's `refusal` with no content) makes the whole prompt a refused one (`Refusal`)."""
    reply = (ChatCompletionResponse if chat else CompletionResponse).model_validate(_readable(data, tokens))
    choices = sorted(reply.choices, key=lambda c: c.index)
    if not (at_least or params.n) <= len(choices) <= params.n:
        raise ValueError(f"asked for n={params.n}, got {len(choices)} choices")
    for ch in choices:
        if isinstance(ch, ChatChoice) and (why := _refusal(ch)):
            raise Refusal(f"the model refused to answer: {why[:200]}")
    usage = reply.usage
    billed = _shares(usage.completion_tokens if usage else 0, len(choices))
    out = []
    for s, ch in enumerate(choices):
        c = _completion(ch, params, tokens)
        c.prompt_tokens = usage.prompt_tokens if usage else 0
        c.prompt_index, c.sample, c.billed_tokens = i, s, billed[s]
        c.extra["latency_s"] = latency
        out.append(c)
    return out


def _readable(data: dict, tokens: TokenMap) -> dict:
    """The answer with each server's own way of writing a choice turned into the shape the shared
    response models read (docs/harvest.md): a generation's `prompt_logprobs` dropped (never used
    here, and SGLang's differ from vLLM's), a `content` of parts (Mistral's API) as its text,
    logprobs through `_readable_logprobs` (mlx_lm's ids checked against the answer there)."""
    choices = []
    for ch in data.get("choices") or []:
        if isinstance(ch, dict):
            ch = {k: v for k, v in ch.items() if k != "prompt_logprobs"}
            msg = ch.get("message")
            if isinstance(msg, dict) and isinstance(msg.get("content"), list):
                ch["message"] = msg = msg | {"content": _parts_text(msg["content"])}
            if isinstance(lp := ch.get("logprobs"), dict):
                ch["logprobs"] = _readable_logprobs(lp)
                text = msg.get("content") if isinstance(msg, dict) else ch.get("text")
                if _ids_sent(lp) and isinstance(text, str):
                    _check_sent_ids(lp["tokens"], text, tokens)
        choices.append(ch)
    return data | {"choices": choices}


def _parts_text(parts: list) -> str:
    """A content of parts: its text parts joined (a `thinking` part is no part of the answer)."""
    return "".join(
        p["text"]
        for p in parts
        if isinstance(p, dict) and p.get("type") == "text" and isinstance(p.get("text"), str)
    )


def _readable_logprobs(lp: dict) -> dict | None:
    """Logprobs as the response models read them.

    mlx_lm.server: completions-style on both endpoints with `tokens` as token ids and each
    `top_logprobs` entry (id, logprob) pairs or an {id: logprob} dict: read as vLLM's
    `token_id:N` reports, so the ids are used as ids (`TokenMap` checks them against the
    vocabulary). KoboldCpp: the chat `content` and the legacy lists in one object, each token's
    `bytes` re-encoded from its string decoded with broken bytes dropped ([32] for a space plus
    a lead byte): the `content` is read without those bytes, as the strings they are. Null
    lists are empty ones; an empty object is no logprobs."""
    lp = {k: v for k, v in lp.items() if v is not None}
    if _ids_sent(lp):
        return {"content": _id_reports(lp["tokens"], lp.get("token_logprobs") or [], lp.get("top_logprobs"))}
    if lp.get("content"):
        lossy = "tokens" in lp  # KoboldCpp's pair of shapes
        return {"content": [_readable_entry(e, lossy) for e in lp["content"]]}
    lp.pop("content", None)
    return lp or None


def _ids_sent(lp: dict) -> bool:
    """mlx_lm.server's logprobs: the chosen tokens as token ids."""
    tokens = lp.get("tokens")
    return bool(tokens) and isinstance(tokens, list) and all(type(t) is int for t in tokens)


def _readable_entry(e: Any, lossy: bool) -> Any:
    if not isinstance(e, dict):
        return e
    e = {k: v for k, v in e.items() if not (lossy and k == "bytes")}
    tops = e.get("top_logprobs") or []
    e["top_logprobs"] = [
        {k: v for k, v in t.items() if not (lossy and k == "bytes")} if isinstance(t, dict) else t
        for t in tops
    ]
    return e


def _id_reports(ids: list[int], logprobs: list, tops: Any) -> list[dict]:
    if len(logprobs) != len(ids) or (tops and len(tops) != len(ids)):
        raise ValueError(
            f"{len(ids)} token ids with {len(logprobs)} logprobs and {len(tops or [])} top-k rows"
        )
    out = []
    for t, (i, x) in enumerate(zip(ids, logprobs, strict=True)):
        top = tops[t] if tops else []
        pairs = top.items() if isinstance(top, dict) else top or []
        out.append(
            {
                "token": f"token_id:{i}",
                "logprob": x,
                "top_logprobs": [{"token": f"token_id:{int(a)}", "logprob": y} for a, y in pairs],
            }
        )
    return out


def _completion(ch: ChatChoice | CompletionChoice, params: GenParams, tokens: TokenMap) -> Completion:
    """One choice's text and token arrays (prompt index, sample and counts are the caller's)."""
    steps = _chat_steps(ch.logprobs)
    text = _answer_text(ch, steps, tokens)
    offsets = ch.logprobs.text_offset if isinstance(ch.logprobs, LegacyLogprobs) else None
    if params.top_logprobs and text and not any(top for _, _, top in steps):
        raise NoLogprobs(
            f"the server answered without top logprobs although asked for {params.top_logprobs}: "
            "it cannot give a logit signal; harvest without --top-logprobs (text only)"
        )
    if not steps and finish_reason(ch.finish_reason) == "length":
        # A server that decodes the ids itself and cuts inside a multi-byte character ends the
        # text with U+FFFD (transformers serve does): the broken bytes are dropped, as they are
        # from token reports (`_spelled`), so no student learns to write U+FFFD.
        text = text.rstrip("\ufffd")
    m = map_steps(steps, tokens, params.top_logprobs, text, offsets or None)
    return Completion(
        text=text,
        token_ids=m.token_ids,
        finish_reason=finish_reason(ch.finish_reason),
        prompt_tokens=0,
        logprobs=m.logprobs if steps else None,
        top_ids=m.top_ids if steps else None,
        top_logprobs=m.top_logprobs if steps else None,
        extra={"mapping": m.counts()},
    )


def _check_sent_ids(ids: list[int], text: str, tokens: TokenMap) -> None:
    """mlx_lm's ids are stored as they came, so they must spell the answer under `--tokenizer`:
    ids of another model's vocabulary that happen to exist in this one would otherwise be stored
    as this model's (ids past its end are -1 and counted, `TokenMap`). The answer may lack a stop
    string or the edges' whitespace the ids spell, or read " ." as "." (whitespace aside), never
    lack a word of its own."""
    refs = [f"token_id:{i}" for i in ids]
    if not text.strip() or not tokens.by_bytes or tokens.tokenizer is None or -1 in map(tokens.id, refs):
        return  # nothing to compare with, or an id outside the vocabulary (-1, counted already)
    spelled = b"".join(_token_bytes(r, tokens) for r in refs).decode("utf-8", "ignore")
    if "".join(text.split()) not in "".join(spelled.split()):
        raise UserError(
            f"the token ids the server sent do not spell its answer under --tokenizer ({spelled[:40]!r} "
            f"for {text[:40]!r}): the tokenizer is not the teacher's; pass the teacher's own tokenizer"
        )


def _shares(total: int, n: int) -> list[int | None]:
    """A response's billed completion tokens (`usage`, summed over its n choices) split over the
    choices so the sum stays what was billed; None each when the server sent no count."""
    if total <= 0:
        return [None] * n
    return [total // n + (s < total % n) for s in range(n)]


def _refusal(ch: ChatChoice) -> str | None:
    """OpenAI's refusal: `content` null (or empty) and the reason in `refusal`."""
    why = ch.message.refusal
    return why if why and why.strip() and not ch.message.content else None


def _answer_text(ch: ChatChoice | CompletionChoice, steps: list[Step], tokens: TokenMap) -> str:
    """The stored answer: the content, unless the server sent the reasoning apart from it. Then it
    is the whole generation, so the text says what the tokens say: with token reports, exactly
    the text they spell (`_spelled`); without, the reasoning wrapped as DeepSeek-R1-style models
    write it, `<think>\n{reasoning}\n</think>\n\n{content}` (vLLM's parser splits at `</think>`
    and keeps the newlines around it, DeepSeek's API strips them: both come out the same). An
    answer cut inside its reasoning (no content, finish "length") gets no closing tag."""
    if not isinstance(ch, ChatChoice):
        return ch.text
    content = ch.message.content
    reasoning = ch.message.reasoning_text()
    if reasoning is None:
        return content or ""
    if steps and (spelled := _spelled(steps, tokens)) is not None:
        return spelled
    thought = "<think>\n" + reasoning.strip("\n")
    if content is None and ch.finish_reason == "length":
        return thought
    return thought + "\n</think>\n\n" + (content or "").lstrip("\n")


def _spelled(steps: list[Step], tokens: TokenMap) -> str | None:
    """The text a list of token reports spells: each token's bytes (as reported, or the
    tokenizer's for vLLM's `token_id:N`), else its string, decoded as servers decode an answer
    (broken bytes dropped, see tokens.align_to_text). None for ids without a tokenizer to spell
    them (mlx_lm's ids, no --tokenizer)."""
    if tokens.tokenizer is None and any(ref_string(ref).startswith("token_id:") for ref, _, _ in steps):
        return None
    return b"".join(_token_bytes(ref, tokens) for ref, _, _ in steps).decode("utf-8", "ignore")


def _token_bytes(ref: Ref, tokens: TokenMap) -> bytes:
    token = ref_string(ref)
    if token.startswith("token_id:"):  # its `bytes`, if any, are this string's, not the token's
        i = tokens.id(token)
        if i in tokens.raw:
            return tokens.raw[i]
        return tokens.tokenizer.decode([i]).encode() if tokens.tokenizer is not None and i >= 0 else b""
    raw = ref.get("bytes") if isinstance(ref, dict) else None
    if isinstance(raw, list):
        try:
            return bytes(raw)
        except (ValueError, TypeError):
            pass
    return token.encode()


def _chat_steps(lp: ChoiceLogprobs | LegacyLogprobs | None) -> list[Step]:
    """Logprobs of either shape as steps; a token that carries an `id` or `bytes` is kept as its
    entry so they can be used. Servers cross the shapes: llama-cpp-python before 0.2.70 answers
    chat requests with completions-style logprobs, llama.cpp's server completions with chat-style."""
    if isinstance(lp, LegacyLogprobs):
        return _legacy_steps(lp)
    if lp is None or not lp.content:
        return []
    return [(_ref(e), e.logprob, [(_ref(t), t.logprob) for t in e.top_logprobs]) for e in lp.content]


def _ref(e: TopLogprob) -> Ref:
    """The token as the server reported it: its entry when it has an id or bytes, else its string."""
    if e.bytes is None and e.id is None:
        return e.token
    return e.model_dump(include={"token", "bytes", "id"}, exclude_none=True)


def _legacy_steps(lp: LegacyLogprobs | None) -> list[Step]:
    if lp is None or not lp.tokens:
        return []
    tops = lp.top_logprobs or [None] * len(lp.tokens)
    return [
        (
            tok,
            x if x is not None else float("-inf"),  # null: JSON's -inf, as for every other logprob
            sorted((top or {}).items(), key=lambda kv: -kv[1]),
        )
        for tok, x, top in zip(lp.tokens, lp.token_logprobs, tops, strict=True)
    ]

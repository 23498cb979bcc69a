"""Live SSE streams: each token goes to the client as soon as the batch's decode loop makes it.

The request is batched like any other (`Batcher.submit` with an `on_tokens` sink); the decode
loop, on the worker thread, hands every step's tokens to `LiveStream.sink`, which moves them onto
the event loop. The response starts only once the first token (or the whole answer, or an error)
is there, so a request the batcher refuses (overloaded, prompt too long) is still a proper HTTP
error, not a broken stream.

Text is released token by token, but only while it is certain to be part of the final answer:
a token that ends inside a multi-byte character, or text that ends with the start of a stop
string, waits for the next token; once a stop string appears, the rest of that choice waits for
the finished `Completion` (whose stop trimming is the one the non-streamed answer gets). The
finished answer then supplies whatever was held back, so the stream always concatenates to the
non-streamed text. A teacher that cannot announce tokens (no `generate_many`) streams the
finished answer, as before.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass, field
from typing import Any

from stillroom.contracts.openai import ApiError, error_body
from stillroom.serve import render
from stillroom.teachers import Completion, TokenEvent

log = logging.getLogger("stillroom.serve")
_DONE = object()  # queued when the request's generation has finished (or failed)


@dataclass
class _Choice:
    """One answer being streamed: the tokens seen so far and how much of it was sent."""

    partial: Completion = field(default_factory=lambda: Completion("", [], "", 0, logprobs=[]))
    sent_tokens: int = 0
    sent_text: str = ""
    started: bool = False
    held: bool = False  # a stop string (or an inconsistency) showed up: the finished answer decides

    def add(self, e: TokenEvent) -> None:
        c = self.partial
        c.token_ids.append(e.token_id)
        c.logprobs.append(e.logprob)  # type: ignore[union-attr]
        if e.top_ids is not None:
            c.top_ids = (c.top_ids or []) + [e.top_ids]
            c.top_logprobs = (c.top_logprobs or []) + [e.top_logprobs or []]

    def release(self, text: str | None, stops: tuple[str, ...]) -> tuple[range, str] | None:
        """The tokens and text that are now safe to send (None: wait for more)."""
        if self.held:
            return None
        if text is None or any(s in text for s in stops) or not text.startswith(self.sent_text):
            self.held = True
            return None
        if text.endswith("\ufffd") or any(text.endswith(s[:k]) for s in stops for k in range(1, len(s))):
            return None
        steps = range(self.sent_tokens, len(self.partial.token_ids))
        new = text[len(self.sent_text) :]
        self.sent_tokens, self.sent_text = len(self.partial.token_ids), text
        return steps, new


class LiveStream:
    """One streaming request: token events in (any thread), OpenAI stream chunks out."""

    def __init__(self, view: render.View, chat: bool, n: int, stops: tuple[str, ...], include_usage: bool):
        self.view, self.chat, self.n, self.stops, self.include_usage = view, chat, n, stops, include_usage
        self.loop = asyncio.get_running_loop()
        self.queue: asyncio.Queue[Any] = asyncio.Queue()
        self.choices: dict[int, _Choice] = {}
        self.task: asyncio.Future[list[Completion]] | None = None
        self._first: Any = None

    def sink(self, events: list[TokenEvent]) -> None:
        """The batcher's `on_tokens`: called on the decode thread, so it only hands over."""
        self.loop.call_soon_threadsafe(self.queue.put_nowait, events)

    async def start(self, generation: Awaitable[list[Completion]]) -> None:
        """Run `generation` (which feeds `sink`) until its first tokens; its error, if it fails first."""
        self.task = asyncio.ensure_future(generation)
        self.task.add_done_callback(lambda _: self.queue.put_nowait(_DONE))
        self._first = await self.queue.get()
        if self._first is _DONE and self.task.exception() is not None:
            raise self.task.exception()  # type: ignore[misc]

    async def chunks(self) -> AsyncIterator[dict[str, Any]]:
        item = self._first
        while item is not _DONE:
            for chunk in self._on_tokens(item):
                yield chunk
            item = await self.queue.get()
        assert self.task is not None
        if (exc := self.task.exception()) is not None:  # failed after the stream began
            log.error("generation failed mid-stream: %s", exc)
            status = exc.status if isinstance(exc, ApiError) else 500
            yield error_body(status, exc.message if isinstance(exc, ApiError) else "generation failed")
            return
        for chunk in self._finish(self.task.result()):
            yield chunk

    def _on_tokens(self, events: list[TokenEvent]) -> list[dict[str, Any]]:
        out, v = [], self.view
        for e in events:
            ch = self.choices.setdefault(e.choice, _Choice())
            ch.add(e)
            if self.chat and not ch.started:
                out.append(render.chat_role(v, e.choice))
                ch.started = True
            offset = len(ch.sent_text)
            released = ch.release(v.detok.decode(ch.partial.token_ids), self.stops)
            if released and (released[1] or v.logprobs):
                steps, text = released
                piece = (
                    render.chat_piece(v, e.choice, ch.partial, steps, text)
                    if self.chat
                    else render.completion_piece(v, e.choice, ch.partial, steps, text, offset)
                )
                out.append(piece)
        return out

    def _finish(self, completions: list[Completion]) -> list[dict[str, Any]]:
        out = []
        for i, c in enumerate(completions):
            ch = self.choices.get(i, _Choice())
            if not c.text.startswith(ch.sent_text) or ch.sent_tokens > len(c.token_ids):
                log.error("choice %d: streamed text is not a prefix of the answer", i)
            if self.chat and not ch.started:
                out.append(render.chat_role(self.view, i))
            out += render.tail(self.view, self.chat, i, c, ch.sent_tokens, ch.sent_text)
        if self.include_usage:
            out.append(render.usage_chunk(self.view, self.chat, completions, self.n))
        return out

"""A small keep-alive HTTP/1.1 client for the one upstream, parsed by httptools (C, llhttp).

Why not httpx: measured in-process on the bench's fake upstream, httpx/httpcore (anyio + h11, pure
Python) spent ~1.1 ms of CPU per proxied request — three times the rest of the guard together —
and the gateway's latency target is < 1 ms added. This client does only what a reverse proxy to
one OpenAI-compatible server needs: POST/GET with a body, Content-Length or chunked answers,
keep-alive pooling, one retry when a pooled connection turns out to be stale, and:

- a deadline per request (connect + status + body), not a per-read timeout, so an upstream that
  drips a byte at a time cannot hold a request open; a stream may also set an idle limit;
- a timeout is never mistaken for a stale connection (that retry would make the upstream generate
  twice and the client wait twice as long);
- backpressure: at most `HIGH_WATER` bytes of an answer are buffered; beyond that the socket stops
  reading until the consumer catches up, so a stalled client stalls the upstream instead of
  growing the guard's memory;
- the consumer yields to the event loop between body chunks, so a fast upstream relayed to a client
  that went away cannot keep the loop busy writing into a dead socket.
"""

from __future__ import annotations

import asyncio
import ssl
from collections import deque
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import httptools


class UpstreamError(Exception):
    """The upstream could not be reached or broke the protocol (the guard answers 502). The message
    is what a client may read; `detail` (the socket's or the parser's words, which can name the
    upstream's address) is for the operator's log only."""

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.detail = detail


class UpstreamTimeout(UpstreamError):
    """The upstream did not answer in time (the guard answers 504). Never retried."""


class UpstreamTooLarge(UpstreamError):
    """The upstream's answer is larger than the guard holds whole (`Response.read`'s limit)."""


_DONE = object()
HIGH_WATER = 256 * 1024  # buffered answer bytes above which the socket stops reading
LOW_WATER = 64 * 1024  # ... and below which it reads again


class _Conn(asyncio.Protocol):
    """One TCP connection; parsed events of the current response go to `events`."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.parser = httptools.HttpResponseParser(self)
        self.events: asyncio.Queue = asyncio.Queue()
        self.headers: dict[str, str] = {}
        self.got_bytes = False
        self.keep_alive = False
        self.lost = False
        self.buffered = 0  # body bytes parsed but not yet taken by the consumer
        self.paused = False
        self.status_seen = False  # the current answer's headers are in
        self.complete = False  # ... and its whole body

    def connection_made(self, transport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.got_bytes = True
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as e:
            self.events.put_nowait(UpstreamError("bad HTTP from upstream", str(e)))

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost = True
        if exc is None and self.close_delimited():
            # an answer with neither Content-Length nor chunked coding ends when the server closes
            # (RFC 9112 6.3; HTTP/1.0 servers such as mlx_lm.server stream that way)
            self.events.put_nowait(_DONE)
            return
        self.events.put_nowait(UpstreamError("upstream closed the connection"))

    def close_delimited(self) -> bool:
        """Whether the answer in progress has its headers and is read until the server closes."""
        return (
            self.status_seen
            and not self.complete
            and "content-length" not in self.headers
            and "chunked" not in self.headers.get("transfer-encoding", "").lower()
        )

    # httptools callbacks
    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers[name.decode("latin-1").lower()] = value.decode("latin-1")

    def on_headers_complete(self) -> None:
        self.keep_alive = self.parser.should_keep_alive()  # only valid before the message completes
        self.status_seen = True
        self.events.put_nowait(self.parser.get_status_code())

    def on_body(self, body: bytes) -> None:
        self.events.put_nowait(bytes(body))
        self.buffered += len(body)
        if self.buffered > HIGH_WATER and not self.paused and self.transport is not None:
            self.paused = True
            self.transport.pause_reading()

    def taken(self, n: int) -> None:
        """The consumer took `n` body bytes: read from the socket again once the buffer is low."""
        self.buffered -= n
        if self.paused and self.buffered < LOW_WATER and not self.lost and self.transport is not None:
            self.paused = False
            self.transport.resume_reading()

    def on_message_complete(self) -> None:
        self.complete = True
        self.events.put_nowait(_DONE)

    def reset(self) -> None:
        self.parser = httptools.HttpResponseParser(self)
        self.events = asyncio.Queue()
        self.headers = {}
        self.got_bytes = False
        self.keep_alive = False
        self.buffered = 0
        self.status_seen = self.complete = False


class Response:
    """An answer whose status and headers are in; the body is read with `aiter_bytes`/`read`.

    `deadline` (loop time) bounds the whole read; `idle_s`, when set, also bounds each wait for
    the next chunk (streams set both with `limit`)."""

    def __init__(self, pool: Pool, conn: _Conn, status: int, deadline: float):
        self.pool, self.conn, self.status_code, self.deadline = pool, conn, status, deadline
        self.idle_s: float | None = None
        self.headers = conn.headers
        self.done = False

    def limit(self, deadline: float, idle_s: float | None) -> None:
        self.deadline, self.idle_s = deadline, idle_s

    async def aiter_bytes(self) -> AsyncIterator[bytes]:
        while not self.done:
            if not self.conn.events.empty():
                await asyncio.sleep(0)  # let other callbacks (a client's disconnect) run between chunks
            try:
                item = await self.pool.next_event(self.conn, self.deadline, self.idle_s)
            except UpstreamError:
                await self.aclose()
                raise
            if item is _DONE:
                self.done = True
                self.pool.release(self.conn)
                return
            self.conn.taken(len(item))
            yield item

    async def aiter_lines(self) -> AsyncIterator[str]:
        rest = b""
        async for chunk in self.aiter_bytes():
            *lines, rest = (rest + chunk).split(b"\n")
            for line in lines:
                yield line.rstrip(b"\r").decode()
        if rest:
            yield rest.rstrip(b"\r").decode()

    async def read(self, limit: int | None = None) -> bytes:
        """The whole body; past `limit` bytes, the answer is closed unread (UpstreamTooLarge)."""
        chunks, size = [], 0
        async for chunk in self.aiter_bytes():
            size += len(chunk)
            if limit is not None and size > limit:
                await self.aclose()
                raise UpstreamTooLarge(f"the upstream's answer is over {limit} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    async def aclose(self) -> None:
        if not self.done:  # a half-read answer: the connection cannot be reused
            self.done = True
            self.pool.discard(self.conn)


class Pool:
    def __init__(
        self,
        base_url: str,
        max_connections: int = 256,
        timeout_s: float = 120.0,
        connect_timeout_s: float = 5.0,
    ):
        u = urlsplit(base_url)
        if u.scheme not in ("http", "https") or not u.hostname:
            raise ValueError(f"upstream must be an http(s) URL, not {base_url!r}")
        self.host, self.port = u.hostname, u.port or (443 if u.scheme == "https" else 80)
        self.ssl = ssl.create_default_context() if u.scheme == "https" else None
        self.prefix = u.path.rstrip("/")
        self.host_header = u.netloc.encode()
        self.timeout_s, self.connect_timeout_s = timeout_s, connect_timeout_s
        self.idle: deque[_Conn] = deque()
        self.slots = asyncio.Semaphore(max_connections)

    async def request(
        self,
        method: str,
        path: str,
        headers: list[tuple[str, str]],
        body: bytes = b"",
        deadline: float | None = None,
    ) -> Response:
        """Send a request; return once the status line and headers are in (body not read yet).

        `deadline` (loop time; default now + timeout_s) bounds connecting, the status and, unless
        the caller moves it with `Response.limit`, reading the body."""
        if deadline is None:
            deadline = asyncio.get_running_loop().time() + self.timeout_s
        head = [
            f"{method} {self.prefix}{path} HTTP/1.1\r\n".encode(),
            b"host: ",
            self.host_header,
            b"\r\ncontent-length: ",
            str(len(body)).encode(),
            b"\r\n",
        ]
        head += [f"{k}: {v}\r\n".encode("latin-1") for k, v in headers]
        data = (b"".join([*head, b"\r\n"]), body)  # a large body is written as is, not copied
        try:
            async with asyncio.timeout_at(deadline):
                await self.slots.acquire()
        except TimeoutError:
            raise UpstreamTimeout("no upstream connection free before the deadline") from None
        try:
            return await self._send(data, deadline)
        except BaseException:
            self.slots.release()
            raise

    async def _send(self, data: tuple[bytes, bytes], deadline: float) -> Response:
        for attempt in range(2):
            conn, reused = await self._conn(deadline)
            conn.transport.writelines(data)
            try:
                status = await self.next_event(conn, deadline)
            except UpstreamTimeout:
                self._drop(conn)  # slow, not stale: retrying would run the request twice
                raise
            except UpstreamError:
                self._drop(conn)
                if reused and not conn.got_bytes and attempt == 0:
                    continue  # the pooled connection had gone stale: once more on a fresh one
                raise
            return Response(self, conn, status, deadline)
        raise AssertionError("unreachable")

    async def _conn(self, deadline: float) -> tuple[_Conn, bool]:
        while self.idle:
            conn = self.idle.pop()
            if not conn.lost:
                conn.reset()
                return conn, True
        loop = asyncio.get_running_loop()
        timeout_s = min(self.connect_timeout_s, deadline - loop.time())
        try:
            _, conn = await asyncio.wait_for(
                loop.create_connection(_Conn, self.host, self.port, ssl=self.ssl), max(0.0, timeout_s)
            )
        except TimeoutError:
            raise UpstreamTimeout("connecting to the upstream timed out") from None
        except OSError as e:
            raise UpstreamError("upstream unreachable", e.strerror or type(e).__name__) from None
        return conn, False

    async def next_event(self, conn: _Conn, deadline: float, idle_s: float | None = None):
        if idle_s is not None:
            deadline = min(deadline, asyncio.get_running_loop().time() + idle_s)
        try:
            async with asyncio.timeout_at(deadline):
                item = await conn.events.get()
        except TimeoutError:
            raise UpstreamTimeout("upstream timed out") from None
        if isinstance(item, UpstreamError):
            raise item
        return item

    def release(self, conn: _Conn) -> None:
        """A fully read answer: keep the connection for the next request if both sides allow it."""
        if not conn.lost and conn.keep_alive:
            self.idle.append(conn)
        else:
            self._drop(conn)
        self.slots.release()

    def discard(self, conn: _Conn) -> None:
        self._drop(conn)
        self.slots.release()

    def _drop(self, conn: _Conn) -> None:
        if conn.transport is not None:
            conn.transport.close()

    async def aclose(self) -> None:
        while self.idle:
            self._drop(self.idle.pop())

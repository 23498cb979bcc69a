"""The guard's HTTP server: uvicorn's httptools protocol with two bounds on the request head and one
on a client that stops reading its answer.

uvicorn bounds neither how long a client may take to send its request line and headers nor how
large they may be (httptools buffers any size): a few hundred half-sent heads hold as many
connections open indefinitely, and one megabyte-sized header costs a megabyte per connection.
Here a connection must complete each request head within `header_timeout_s` (408, closed), and
a head over `max_header_bytes` is refused (431, closed), before any application code runs.

The body has the same two holes where the application does not read it. Trailers (header lines
after a chunked body) went uncounted into the request's header list: one connection without a
key grew the guard by 195 MB for 200 MB sent (round 9's red team); they are never stored here,
and more than `max_header_bytes` of them close the connection. And the rest of a body the
application answered without reading (a 401 before any body, a 429 of an empty bucket) was
discarded with no deadline, each byte restarting the keep-alive timer: a byte every 3 s held a
connection without a key indefinitely; it must now arrive within `header_timeout_s` of the
response, else the connection is closed.

Pipelined requests are parsed as they arrive, each head a queued request cycle (~2.5 KB): 256 KB
of pipelined `GET /health` per read, and 8 connections without a key grew the guard by ~155 MB
(round 10's red team). A connection with more than `max_pipelined` requests waiting behind the one
in progress is closed. And the rest of an answer the client does not read is timed on a closing
connection too (`client_write_timeout_s`, below): a `connection: close` answer, or one whose
connection the keep-alive timer closed (5 s, before the default 30 s write timeout), stayed in
memory with its socket for as long as the client kept the socket open.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from stillroom.contracts.openai import error_body
from stillroom.guard.settings import GuardSettings


def _error(status: int, reason: str, message: str) -> bytes:
    body = json.dumps(error_body(status, message))
    return (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n{body}"
    ).encode()


class TooManyPipelined(Exception):
    """Raised from a parser callback to stop parsing a connection's data (httptools then raises
    HttpParserCallbackError, and uvicorn answers 400 into a connection already aborted)."""


class GuardHttpProtocol(HttpToolsProtocol):
    header_timeout_s = 10.0
    max_header_bytes = 32_768
    write_timeout_s = 30.0
    max_pipelined = 16  # requests waiting behind the one in progress on a connection

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        # writing pauses (and the stall timer starts) as soon as any byte waits in the buffer, not
        # past asyncio's 64 KB: under that mark a connection closed with an answer's tail unsent
        # (a stream cut at its deadline, a `connection: close` answer) was never timed
        transport.set_write_buffer_limits(high=0)
        self._head_bytes = 0
        self._trailer_bytes = 0
        self._head_timer: asyncio.TimerHandle | None = None
        self._stall_timer: asyncio.TimerHandle | None = None
        self._linger_timer: asyncio.TimerHandle | None = None
        self._start_head()

    # A client that stops reading fills its socket and the transport's buffer; uvicorn then waits
    # (flow control) as long as the socket stays open, holding whatever the app is sending: a relay
    # and its upstream connection, or a whole JSON answer in memory. Past `write_timeout_s` without
    # the buffer shrinking at all, the connection is aborted (buffer dropped); the app sees a
    # disconnect. A closing connection is no exception: close() waits for the buffer to drain.
    def pause_writing(self) -> None:
        super().pause_writing()
        if self._stall_timer is None:
            self._arm_stall()

    def _arm_stall(self) -> None:
        self._stall_size = self.transport.get_write_buffer_size()
        self._stall_timer = self.loop.call_later(self.write_timeout_s, self._write_stalled)

    def resume_writing(self) -> None:
        super().resume_writing()
        self._cancel_stall()

    def _cancel_stall(self) -> None:
        if self._stall_timer is not None:
            self._stall_timer.cancel()
            self._stall_timer = None

    def _write_stalled(self) -> None:
        """No progress means the buffer did not shrink since the timer was set: a slow reader of a
        large answer makes progress (and writing resumes only near its end), so it is timed again
        (a reviewer's 150 kB/s reader of a 10 MB answer had been cut at 30 s)."""
        self._stall_timer = None
        size = self.transport.get_write_buffer_size()
        if size == 0:
            return
        if size < self._stall_size:
            self._arm_stall()
        else:
            self.transport.abort()

    def _start_head(self) -> None:
        self._in_head, self._head_bytes = True, 0
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(self.header_timeout_s, self._head_too_slow)

    def _end_head(self) -> None:
        self._in_head = False
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def data_received(self, data: bytes) -> None:
        if self._in_head:
            self._head_bytes += len(data)
        super().data_received(data)
        if self._in_head and self._head_bytes > self.max_header_bytes and not self.transport.is_closing():
            self._refuse(_error(431, "Request Header Fields Too Large", "request headers are too large"))

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._trailer_bytes = 0
        if not self._in_head:  # the next request on a kept-alive connection
            self._start_head()

    def on_header(self, name: bytes, value: bytes) -> None:
        if self._in_head:
            super().on_header(name, value)
            return
        # a trailer, after a chunked body: no part of the guard reads one, so none is stored (uvicorn
        # appended each to the request's headers, unbounded), and a flood of them closes the connection
        self._trailer_bytes += len(name) + len(value)
        if self._trailer_bytes > self.max_header_bytes and not self.transport.is_closing():
            self.transport.close()

    def on_headers_complete(self) -> None:
        self._end_head()
        super().on_headers_complete()
        if len(self.pipeline) > self.max_pipelined:
            # every head of a read is parsed at once: stop here, and drop the connection rather than
            # answer its queue (the 400 uvicorn then writes goes nowhere)
            self.transport.abort()
            raise TooManyPipelined

    def on_message_complete(self) -> None:
        self._cancel_linger()
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        cycle = self.cycle
        if (
            cycle is not None
            and cycle.response_complete
            and cycle.more_body
            and not self.transport.is_closing()
        ):
            # answered before its body was read: the rest of the body is discarded, but only for so long
            self._cancel_linger()
            self._linger_timer = self.loop.call_later(self.header_timeout_s, self._linger_over)

    def _cancel_linger(self) -> None:
        if self._linger_timer is not None:
            self._linger_timer.cancel()
            self._linger_timer = None

    def _linger_over(self) -> None:
        self._linger_timer = None
        if not self.transport.is_closing():
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self._end_head()
        self._cancel_stall()
        self._cancel_linger()
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        """A request the parser refuses (a body framed by both Content-Length and chunked, two
        Content-Lengths, a bare-LF head, a folded or NUL header, CONNECT) gets OpenAI's JSON error
        shape as every other error does: uvicorn answered `text/plain` "Invalid HTTP request
        received.", which a client's SDK cannot parse as an error (round 30). No key is read: the
        request never reached the application, so it has no row, like a request without a key."""
        if not self.transport.is_closing():
            self._refuse(
                _error(
                    400, "Bad Request", "invalid HTTP request (malformed request line, headers or framing)"
                )
            )

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if self._in_head and not self.transport.is_closing():
            self._refuse(_error(408, "Request Timeout", "request headers did not arrive in time"))

    def _refuse(self, response: bytes) -> None:
        self._end_head()
        self.transport.write(response)
        self.transport.close()


def protocol_for(settings: GuardSettings) -> type[GuardHttpProtocol]:
    attrs = {
        "header_timeout_s": settings.header_timeout_s,
        "max_header_bytes": settings.max_header_bytes,
        "write_timeout_s": settings.client_write_timeout_s,
    }
    return type("GuardHttp", (GuardHttpProtocol,), attrs)


def server_options(settings: GuardSettings) -> dict[str, Any]:
    """uvicorn.Config keyword arguments for a guard (the CLI and the tests use the same)."""
    return {"http": protocol_for(settings), "timeout_keep_alive": 5}


def run(app: Any, settings: GuardSettings) -> None:
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=30,
        **server_options(settings),
    )

"""The guard's upstream HTTP/1.1 client against a raw asyncio server that misbehaves on purpose."""

from __future__ import annotations

import asyncio
import time

import pytest

from stillroom.guard.http1 import Pool, UpstreamError, UpstreamTimeout

CHUNKED = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nline1\r\n7\r\n\nline2\n\r\n0\r\n\r\n"


async def serve(replies: list[bytes | None]):
    """Answer each request on a connection with the next reply; None = close the connection instead."""
    seen: list[bytes] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while replies:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except asyncio.IncompleteReadError:
                break
            length = int(
                next(
                    line.split(b":")[1] for line in head.split(b"\r\n") if line.startswith(b"content-length")
                )
            )
            seen.append(head + await reader.readexactly(length))
            reply = replies.pop(0)
            if reply is None:
                break
            if reply == b"hang":
                await asyncio.sleep(5)
            writer.write(reply)
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1], seen


def test_content_length_chunked_keepalive_and_stale_retry():
    async def go():
        ok = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}"
        server, port, seen = await serve([ok, CHUNKED, None, ok])
        pool = Pool(f"http://127.0.0.1:{port}/base", max_connections=2, timeout_s=2)
        r = await pool.request("POST", "/v1/x", [("content-type", "application/json")], b'{"a": 1}')
        assert (r.status_code, await r.read()) == (200, b"{}")
        r = await pool.request("GET", "/v1/y", [])
        assert [line async for line in r.aiter_lines()] == ["line1", "line2"]  # joined across chunks
        assert len(pool.idle) == 1  # both answers came over one kept-alive connection
        # the server drops the pooled connection on the next request: retried once on a fresh one
        r = await pool.request("GET", "/v1/z", [])
        assert r.status_code == 200 and await r.read() == b"{}"
        assert seen[0].startswith(b"POST /base/v1/x HTTP/1.1\r\nhost: 127.0.0.1:") and seen[0].endswith(
            b'{"a": 1}'
        )
        await pool.aclose()
        server.close()

    asyncio.run(go())


def test_timeout_and_unreachable():
    async def go():
        server, port, _ = await serve([b"hang"])
        pool = Pool(f"http://127.0.0.1:{port}", timeout_s=0.2)
        with pytest.raises(UpstreamTimeout):
            await pool.request("GET", "/", [])
        with pytest.raises(UpstreamError, match="unreachable"):
            await Pool("http://127.0.0.1:9").request("GET", "/", [])
        with pytest.raises(ValueError):
            Pool("ftp://x")
        server.close()

    asyncio.run(go())


def test_a_timeout_on_a_reused_connection_is_not_retried_as_stale():
    """#14: a timeout is not a stale connection: one request upstream, one timeout's wait."""

    async def go():
        ok = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}"
        server, port, seen = await serve([ok, b"hang", ok])
        pool = Pool(f"http://127.0.0.1:{port}", timeout_s=0.3)
        r = await pool.request("GET", "/a", [])
        await r.read()
        t0 = time.perf_counter()
        with pytest.raises(UpstreamTimeout):
            await pool.request("GET", "/b", [])
        waited = time.perf_counter() - t0
        await asyncio.sleep(0.05)
        server.close()
        await pool.aclose()
        return waited, len(seen)

    waited, n_seen = asyncio.run(go())
    assert n_seen == 2, "the timed-out request was sent upstream twice"
    assert waited < 0.5


def test_the_timeout_is_a_deadline_for_the_whole_answer():
    """#14: an upstream that drips one byte at a time must not hold a request past its deadline."""

    async def drip(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 40\r\n\r\n")
        for _ in range(40):
            writer.write(b"x")
            await writer.drain()
            await asyncio.sleep(0.05)
        writer.close()

    async def go():
        server = await asyncio.start_server(drip, "127.0.0.1", 0)
        pool = Pool(f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}", timeout_s=0.4)
        t0 = time.perf_counter()
        with pytest.raises(UpstreamTimeout):
            r = await pool.request("GET", "/", [])
            await r.read()
        server.close()
        return time.perf_counter() - t0

    assert asyncio.run(go()) < 0.8  # old code: per-read timeouts, the 2 s drip was read to the end


def test_a_slow_reader_pauses_the_upstream_instead_of_buffering_it():
    """#14: backpressure. The upstream sends 24 MB; while nobody reads, the pool must not buffer it
    (the upstream's writes stall instead); reading later still yields every byte."""
    total = 24 * 2**20
    sent = [0]

    async def flood(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\n\r\n" % total)
        block = b"y" * 65536
        while sent[0] < total:
            writer.write(block)
            await writer.drain()
            sent[0] += len(block)
        writer.close()

    async def go():
        server = await asyncio.start_server(flood, "127.0.0.1", 0)
        pool = Pool(f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}", timeout_s=10)
        r = await pool.request("GET", "/", [])
        await asyncio.sleep(0.5)  # a stalled client: nobody reads the answer
        stalled_at = sent[0]
        got = len(await r.read())
        server.close()
        return stalled_at, got

    stalled_at, got = asyncio.run(go())
    assert got == total
    assert stalled_at < 12 * 2**20, f"{stalled_at / 2**20:.1f} MB pulled from the upstream with no reader"

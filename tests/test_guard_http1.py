"""The guard's upstream HTTP/1.1 client against a raw asyncio server that misbehaves on purpose."""

from __future__ import annotations

import asyncio

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

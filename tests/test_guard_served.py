"""The guard tells the detector which replies it served a key (`Detector.served`), exactly as the
client received them: every choice of a JSON chat answer, each streamed choice's head, nothing for
legacy completions or refused requests; a detector that fails there never fails the request."""

from __future__ import annotations

import time

import httpx
import pytest
import yaml

from fakes.upstream import FakeUpstream
from guard_support import ConstantDetector, audit_rows, guard_running, settings
from stillroom.guard.context import SERVED_HEAD_CHARS
from stillroom.serve.thread import running

HTTP = httpx.Client(timeout=30)
HI = [{"role": "user", "content": "Describe the water cycle."}]


class RecordingDetector(ConstantDetector):
    """A constant verdict; every `served` call kept as (key id, texts), its questions in `asked`."""

    def __init__(self, verdict: str = "ok", fail: bool = False):
        super().__init__(verdict)
        self.fail = fail
        self.served_calls: list[tuple[str, list[str]]] = []
        self.asked: list[str] = []

    def served(self, key_id: str, prompt: str, texts: list[str]) -> None:
        self.served_calls.append((key_id, list(texts)))
        self.asked.append(prompt)
        if self.fail:
            raise RuntimeError("detector broke in served")


def piece(choice: int, i: int) -> str:
    return f"c{choice} word {i:04d}. "  # 14 characters


async def long_replies(scope, receive, send) -> None:
    """An upstream streaming `n` long replies (80 pieces of 14 characters each), interleaved:
    model `long` ~1 ms apart, `slow` 50 ms apart (a client hangs up long before its end)."""
    import asyncio
    import json

    if scope["type"] != "http":
        return
    raw, more = b"", True
    while more:
        message = await receive()
        raw, more = raw + message.get("body", b""), message.get("more_body", False)
    if scope["method"] == "GET":
        body = json.dumps(
            {"object": "list", "data": [{"id": m, "object": "model"} for m in ("long", "slow")]}
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        return await send({"type": "http.response.body", "body": body})
    request = json.loads(raw)
    n, pause = request.get("n") or 1, 0.05 if request["model"] == "slow" else 0.001
    await send(
        {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/event-stream")]}
    )
    for i in range(80):
        for c in range(n):
            delta = {
                "index": c,
                "delta": {"content": piece(c, i)},
                "finish_reason": "stop" if i == 79 else None,
            }
            event = {"object": "chat.completion.chunk", "choices": [delta]}
            await send(
                {
                    "type": "http.response.body",
                    "body": f"data: {json.dumps(event)}\n\n".encode(),
                    "more_body": True,
                }
            )
        await asyncio.sleep(pause)
    await send({"type": "http.response.body", "body": b"data: [DONE]\n\n"})


@pytest.fixture(scope="module")
def upstream():
    with running(FakeUpstream(model="fake")) as url:
        yield url


@pytest.fixture(scope="module")
def long_upstream():
    with running(long_replies) as url:
        yield url


@pytest.fixture()
def gw(upstream, tmp_path):
    det = RecordingDetector()
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump({"block": {"block": True}}))
    with guard_running(settings(tmp_path, upstream, policy=str(path)), det) as (url, guard):
        key, secret = guard.keys.create("served", rpm=1000, tpm=1_000_000)
        yield url, guard, det, key.id, secret


@pytest.fixture()
def long_gw(long_upstream, tmp_path):
    det = RecordingDetector()
    with guard_running(settings(tmp_path, long_upstream), det) as (url, guard):
        key, secret = guard.keys.create("served", rpm=1000, tpm=1_000_000)
        yield url, guard, det, key.id, secret


def post(url: str, secret: str, path: str = "chat/completions", **body) -> httpx.Response:
    return HTTP.post(
        f"{url}/v1/{path}", headers={"authorization": f"Bearer {secret}"}, json={"model": "fake", **body}
    )


def stream_texts(url: str, secret: str, n: int, max_tokens: int, model: str = "fake") -> list[str]:
    """Each choice's whole text, assembled from the SSE stream as a client would."""
    import json

    texts = [""] * n
    with HTTP.stream(
        "POST",
        f"{url}/v1/chat/completions",
        headers={"authorization": f"Bearer {secret}"},
        json={"model": model, "messages": HI, "n": n, "max_tokens": max_tokens, "stream": True},
    ) as r:
        assert r.status_code == 200
        for line in r.iter_lines():
            if line.startswith("data: ") and line != "data: [DONE]":
                for c in json.loads(line[6:]).get("choices") or []:
                    texts[c["index"]] += c["delta"].get("content") or ""
    return texts


def wait_for(pred, timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not pred() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_json_chat_answer_reports_every_choice(gw):
    url, _, det, key_id, secret = gw
    r = post(url, secret, messages=HI, n=2, max_tokens=12)
    assert r.status_code == 200
    texts = [c["message"]["content"] for c in r.json()["choices"]]
    assert len(texts) == 2 and all(texts)
    assert det.served_calls == [(key_id, texts)] and det.asked == [HI[0]["content"]]


def test_stream_reports_each_choice_whole_when_short(gw):
    url, _, det, key_id, secret = gw
    texts = stream_texts(url, secret, n=2, max_tokens=12)
    assert all(texts) and texts[0] != texts[1]
    wait_for(lambda: det.served_calls)
    assert det.served_calls == [(key_id, texts)]


def test_stream_reports_each_choice_head(long_gw):
    url, _, det, key_id, secret = long_gw
    texts = stream_texts(url, secret, n=2, max_tokens=2000, model="long")
    assert texts == ["".join(piece(c, i) for i in range(80)) for c in (0, 1)]
    wait_for(lambda: det.served_calls)
    size = len(piece(0, 0))
    head = -(-SERVED_HEAD_CHARS // size) * size  # cut at the piece that reached SERVED_HEAD_CHARS
    assert det.served_calls == [(key_id, [t[:head] for t in texts])]


def test_stream_cut_by_the_client_reports_what_was_sent(long_gw):
    url, _, det, key_id, secret = long_gw
    with HTTP.stream(
        "POST",
        f"{url}/v1/chat/completions",
        headers={"authorization": f"Bearer {secret}"},
        json={"model": "slow", "messages": HI, "stream": True},
    ) as r:
        next(r.iter_lines())  # one event, then hang up
    wait_for(lambda: det.served_calls)
    [(key, [text])] = det.served_calls
    assert key == key_id and 0 < len(text) < SERVED_HEAD_CHARS and text.startswith(piece(0, 0))


def test_completions_and_refusals_report_nothing(gw):
    url, _, det, _, secret = gw
    assert post(url, secret, "completions", prompt="Once upon a time", max_tokens=8).status_code == 200
    assert post(url, secret, messages=HI, n=99).status_code == 400
    assert post(url, secret, messages=HI, model="no-such-model").status_code == 404
    assert det.served_calls == []
    det.verdict = "block"
    statuses = [post(url, secret, messages=HI, max_tokens=8).status_code for _ in range(2)]
    assert statuses[-1] == 403
    time.sleep(0.1)
    assert len(det.served_calls) == statuses.count(200)  # the refused ones reported nothing


def test_failing_served_never_fails_the_request(upstream, tmp_path):
    det = RecordingDetector(fail=True)
    s = settings(tmp_path, upstream)
    with guard_running(s, det) as (url, guard):
        secret = guard.keys.create("broken", rpm=1000)[1]
        errors = guard.metrics.detector_errors._value.get()
        assert post(url, secret, messages=HI, max_tokens=8).status_code == 200
        assert stream_texts(url, secret, n=1, max_tokens=8)[0]
        wait_for(lambda: guard.audit.written >= 2)
        assert len(det.served_calls) == 2
        assert guard.metrics.detector_errors._value.get() == errors + 2
    rows = audit_rows(s.db)
    assert [r["status"] for r in rows] == [200, 200] and all(r["error"] is None for r in rows)


def test_an_upstream_4xx_is_observed_once(tmp_path):
    """The detector sees a request once, whether it is answered, refused by the guard or by the
    upstream (a 400 the upstream gives is also a status the guard shows refusals with)."""
    det = RecordingDetector()
    with (
        running(FakeUpstream(model="fake", strict=True)) as up,
        guard_running(settings(tmp_path, up), det) as g,
    ):
        secret = g[1].keys.create("once", rpm=1000)[1]
        r = post(g[0], secret, messages=HI, return_tokens_as_token_ids=True)
        ok = post(g[0], secret, messages=HI, max_tokens=4)
    assert (r.status_code, ok.status_code) == (400, 200)
    assert [e.prompt for e in det.events] == [HI[0]["content"]] * 2
    assert len(det.served_calls) == 1


def test_the_real_detector_remembers_what_was_served(upstream, tmp_path):
    """stillroom's Detector (`served(key_id, prompt, texts)`): both choices of a JSON answer and a
    stream's reply are remembered under the key, and nothing fails on the way."""
    with guard_running(settings(tmp_path, upstream), detector=None) as (url, guard):
        key, secret = guard.keys.create("real", rpm=1000)
        errors = guard.metrics.detector_errors._value.get()
        assert post(url, secret, messages=HI, n=2, max_tokens=12).status_code == 200
        assert stream_texts(url, secret, n=1, max_tokens=12)[0]
        wait_for(lambda: guard.detector.keys[key.id].served.count >= 3)
        assert guard.detector.keys[key.id].served.count == 3
        assert guard.metrics.detector_errors._value.get() == errors


def test_a_reply_opening_with_reasoning_is_collected_past_the_block():
    """A streamed reply that opens with `<think>...</think>` longer than the head: before, only the
    block's first 512 characters were reported, so a front-end that drops reasoning from the
    history resent an answer the detector had never heard of (a foreign history for a person)."""
    from stillroom.detector.history import Served
    from stillroom.guard.context import SERVED_HEAD_CHARS, StreamHeads

    answer = "Paris is the capital of France. " * 40
    reply = "<think>" + "The user asks about France; recall the capital. " * 60 + "</think>\n" + answer
    heads = StreamHeads(1)
    for k in range(0, len(reply), 5):  # 5-character deltas, as a tokenizer streams them
        heads.add({"choices": [{"index": 0, "delta": {"content": reply[k : k + 5]}}]})
        if not heads.open:
            break
    (got,) = heads.texts()
    assert len(got) < len(reply) and got.index("</think>") + 8 + SERVED_HEAD_CHARS <= len(got)
    served = Served()
    served.add("what is the capital of France?", [got])
    history = [
        {"role": "user", "content": "what is the capital of France?"},
        {"role": "assistant", "content": answer},  # the front-end kept the answer only
        {"role": "user", "content": "and of Spain?"},
    ]
    assert served.judge(history) == "own"
    plain = StreamHeads(1)
    for k in range(0, len(answer), 5):
        plain.add({"choices": [{"index": 0, "delta": {"content": answer[k : k + 5]}}]})
    assert not plain.open and len(plain.texts()[0]) < SERVED_HEAD_CHARS + 5  # no reasoning: 512 as before

"""Round 28 of the guard's red team (weaknesses earlier rounds found and left), each test against a
live guard on 127.0.0.1 in front of a scripted upstream and failing on the code before its fix:

- an upstream answer with a status from 200 to 399 that is not OpenAI JSON (a proxy's web page, a
  login page) was a 502 charged the prompt's estimate, though the upstream may have generated the
  whole answer before something in between replaced it: now charged its reservation, as an answer
  generated whole and closed unread is. A stream request answered that way (a content type that is
  neither an event stream nor JSON) was relayed as a 200 "stream" holding the page, which tells the
  client about the operator's network, charged its prompt alone; now the same 502, its body unread;
- with `metrics_public`, a user key's `GET /metrics` was served the public series with no audit
  row and no charge, where the same request without `metrics_public` is a 403 with both (round 23):
  now a row (`endpoint` "metrics", status 200) and one request of the key's limit;
- with `store_prompts`, a refused request's row held its prompt and instructions whole (up to
  `max_body_bytes` each) at one request of the key's limit apiece: now each is clipped to
  STORED_REFUSED_CHARS, the number of characters cut said at its end; an answered request's row
  keeps its prompt whole (its tokens bound it);
- `GET /admin/audit?limit=10000` built its answer in memory, every stored prompt included: now an
  answer stops at AUDIT_ANSWER_CHARS of stored text, and says where to go on from.
"""

from __future__ import annotations

import time

import httpx

from guard_support import (
    ADMIN,
    RawUpstream,
    audit_rows_when,
    guard_running,
    models_list,
    settings,
)

PAGE = b"<html><body>Sign in to corp-proxy.internal (10.3.7.1)</body></html>"
CHAT = {"model": "fake", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 4000}


class WebPage(RawUpstream):
    """Every completion answered 200 with an HTML page, as a proxy in front of the server might."""

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: %d\r\n\r\n%s"
            % (len(PAGE), PAGE)
        )


def _headers(secret: str) -> dict[str, str]:
    return {"authorization": f"Bearer {secret}"}


def _left(url: str, secret: str, which: str = "tokens") -> int:
    """The key's bucket now, read off a model listing (one request, no tokens)."""
    r = httpx.get(f"{url}/v1/models", headers=_headers(secret), timeout=10)
    assert r.status_code == 200
    return int(r.headers[f"x-ratelimit-remaining-{which}"])


def _settled(guard) -> None:
    deadline = time.monotonic() + 5
    while guard._tasks and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)


def test_an_answer_that_is_not_openai_json_is_charged_its_reservation(tmp_path):
    """Old code: a JSON request answered 200 with a web page was a 502 charged ~7 tokens (its prompt's
    estimate) of a 4,000-token ask; a stream request answered so was a 200 relaying the page, charged
    its prompt. Now both are 502s (the page not relayed), audited, each charged its reservation."""
    up = WebPage()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"], default_tpm=10**4)) as (url, guard):
            _, secret = guard.keys.create("a", rpm=1000)
            got, spent = [], []
            for stream in (False, True):
                before = _left(url, secret)
                got.append(
                    httpx.post(
                        f"{url}/v1/chat/completions",
                        json={**CHAT, "stream": stream},
                        headers=_headers(secret),
                        timeout=10,
                    )
                )
                _settled(guard)
                spent.append(before - _left(url, secret))
            rows = audit_rows_when(guard.settings.db, 6)
    finally:
        up.close()
    for r in got:
        assert r.status_code == 502, (r.status_code, r.text[:200])
        assert b"corp-proxy" not in r.content and r.json()["error"]["code"] == "upstream_error"
    assert all(n >= 3900 for n in spent), spent  # ~4,170 reserved, less the refill; not the prompt's 0-7
    assert [r["status"] for r in rows if r["endpoint"] == "chat"] == [502, 502]


def test_public_metrics_to_a_user_key_are_audited_and_charged(tmp_path):
    """Old code: with `metrics_public`, a user key's 20 scrapes of /metrics left no row and its
    request bucket untouched. Now each is a row (`metrics`, 200) and a request of its limit; a scrape
    without a key is served as before, with no row (there is no key to write it under)."""
    up = RawUpstream()
    try:
        s = settings(tmp_path, up.url, models=["fake"], metrics_public=True)
        with guard_running(s) as (url, guard):
            kid, secret = guard.keys.create("a", rpm=60)  # refilled one a second
            before = _left(url, secret, "requests")
            for _ in range(20):
                r = httpx.get(f"{url}/metrics", headers=_headers(secret), timeout=10)
                assert r.status_code == 200 and "stillroom_guard_verdicts" not in r.text
            anonymous = httpx.get(f"{url}/metrics", timeout=10)
            _settled(guard)
            after = _left(url, secret, "requests")
            rows = audit_rows_when(guard.settings.db, 22)
    finally:
        up.close()
    assert anonymous.status_code == 200
    scrapes = [r for r in rows if r["endpoint"] == "metrics"]
    assert len(scrapes) == 20 and {(r["key_id"], r["status"]) for r in scrapes} == {(kid.id, 200)}
    assert before - after >= 19, (before, after)  # 20 scrapes and a listing, less the refill


def test_a_refused_requests_stored_prompt_is_clipped(tmp_path):
    """Old code: with `store_prompts`, a request for an unknown model (404) stored its 400,000-
    character prompt and 400,000 characters of instructions whole, at one request of the key's
    limit. Now each is clipped to STORED_REFUSED_CHARS, saying how much was cut; an answered
    request's prompt is stored whole."""
    from stillroom.guard.audit import STORED_REFUSED_CHARS

    up = RawUpstream()
    big = "x" * 400_000
    refused = {
        "model": "nope",
        "messages": [{"role": "system", "content": big}, {"role": "user", "content": big}],
    }
    answered = {"model": "fake", "messages": [{"role": "user", "content": "y" * 50_000}]}
    try:
        s = settings(tmp_path, up.url, models=["fake"], store_prompts=True)
        with guard_running(s) as (url, guard):
            _, secret = guard.keys.create("a", rpm=1000, tpm=10**7)
            statuses = [
                httpx.post(
                    f"{url}/v1/chat/completions", json=b, headers=_headers(secret), timeout=10
                ).status_code
                for b in (refused, answered)
            ]
            rows = audit_rows_when(guard.settings.db, 2)
    finally:
        up.close()
    assert statuses == [404, 200]
    stored = {r["status"]: r for r in rows}
    for field in ("prompt", "instructions"):
        text = stored[404][field]
        assert len(text) < STORED_REFUSED_CHARS + 100 and text.startswith("x" * 1000), len(text)
        assert text.endswith(f"[{400_000 - STORED_REFUSED_CHARS} more characters not stored]"), text[-80:]
    assert stored[200]["prompt"] == "y" * 50_000
    assert len(stored[200]["prompt"]) > STORED_REFUSED_CHARS


def test_the_audit_answer_is_bounded_by_its_stored_text(tmp_path, monkeypatch):
    """Old code: `GET /admin/audit?limit=10000` held every row asked for, with its stored prompt,
    in one answer (here 30 rows of 200,000 characters: ~6 MB). Now an answer stops once its rows
    hold AUDIT_ANSWER_CHARS of stored text (at least one row), and `x-stillroom-audit-before` names
    the row id to go on from (`before_id`): the pages hold every row once, newest first."""
    from stillroom.guard.routes import admin

    monkeypatch.setattr(admin, "AUDIT_ANSWER_CHARS", 1_000_000)
    up = RawUpstream()
    try:
        s = settings(tmp_path, up.url, models=["fake"], store_prompts=True)
        with guard_running(s) as (url, guard):
            _, secret = guard.keys.create("a", rpm=1000, tpm=10**8)
            for i in range(30):
                body = {"model": "fake", "messages": [{"role": "user", "content": str(i) * 200_000}]}
                r = httpx.post(f"{url}/v1/chat/completions", json=body, headers=_headers(secret), timeout=10)
                assert r.status_code == 200
            audit_rows_when(guard.settings.db, 30)
            pages, params = [], {"limit": 10_000}
            while True:
                r = httpx.get(f"{url}/admin/audit", params=params, headers=_headers(ADMIN), timeout=30)
                assert r.status_code == 200
                pages.append(r.json())
                if "x-stillroom-audit-before" not in r.headers:
                    break
                params["before_id"] = int(r.headers["x-stillroom-audit-before"])
    finally:
        up.close()
    assert max(sum(len(row["prompt"]) for row in page) for page in pages) <= 1_000_000
    assert len(pages) == 12  # 20 rows of 400,000 characters two a page, 10 of 200,000 five a page
    ids = [row["id"] for page in pages for row in page]
    assert len(ids) == 30 and ids == sorted(ids, reverse=True) and len(set(ids)) == 30

"""Round 23 of the guard's red team (what a low-privilege key and an unauthenticated client reach:
the audit log's blind spots, the token charge, the log-prob treatment, descriptors), each test
against a live guard on 127.0.0.1 in front of a scripted upstream and failing on the code before
its fix:

- a user key sent to an admin route (`/admin/...`, `/metrics`, the dashboard's JSON) got its 403
  and left no audit row, nor cost a request: a stolen key looking for the admin API was invisible.
  Each such request now has a row (`endpoint` "admin", the route in `error`) and costs a request;
- a JSON request still running when the server's graceful shutdown ran out (30 s in `stillroom
  guard`) was cancelled with no row, and its client got uvicorn's plain-text 500 (three requests
  the upstream had served: 0 rows, 0 journal lines). Now a 503 in OpenAI's shape, audited, and
  charged its reservation (the upstream may have generated it whole);
- completions' `best_of` above `n`: vLLM generates `best_of` candidates and its usage counts the
  `n` it returns, so `best_of: 8, n: 1` was charged an eighth of what was generated. The candidates
  not returned are now charged at the returned answers' mean length;
- `seed` under a log-prob treatment: a server whose seeded noise a client can compute (SGLang's
  deterministic sampling hashes (seed, position, token id) into Gumbel noise; llama.cpp seeds
  mt19937) answers, with `top_k: 2`, the first token exactly when the withheld log-prob gap exceeds
  a noise difference the client chose by choosing the seed: 24 requests of a `suspect` key (top-2,
  rounded to 0.1) read a gap of 1.3305 as 1.33055. `seed` now goes under any log-prob treatment;
- a token less likely than a top-logprobs cap allows was shown its own log-prob: a `suspect` key
  (top-2) sampling `n: 8` at a temperature of 2 read the 3rd and 4th tokens' log-probs in 4
  requests, and completions' `echo` read its own prompt word's (-5.0). Such a token now shows the
  cap's last alternative's log-prob, a bound (the guard asks the upstream for the cap's
  alternatives to place it, and returns as many as the client asked for);
- the journal kept one sealed segment, with its lock's descriptor, per running stream that started
  in its own flush: 40 streams started 0.25 s apart held 40 descriptors and 41 files. Past 8 such
  segments their provisional rows are now copied into the live segment: 6 descriptors, 5 files.

Not weaknesses (measured): every request the upstream answered had its row (path tricks: `//v1/...`,
`/v1/../v1/...`, `/V1/...`, `;x` and a trailing slash are 404s, `%2F` and `%63` decode to the route
itself and are audited as it; HEAD, OPTIONS, PUT and GET on the proxied routes are 405s; no other
upstream route is proxied: `/v1/embeddings`, `/v1/responses`, `/v1/audio/...`, `/tokenize` are
404s, none reaching the upstream). A client that stops reading a stream and then hangs up is charged
the events the guard relayed; the upstream may have written more into the socket buffers between
them (measured with ~1.9 KB log-prob events: 3,553 written, 1,857 relayed and charged), bounded by
those buffers, not by the client (SECURITY.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import math
import os
import random
import threading
import time

import httpx

from guard_support import (
    ADMIN,
    ConstantDetector,
    RawUpstream,
    SlowStream,
    audit_rows,
    audit_rows_when,
    guard_running,
    models_list,
    settings,
    suspect_and_ok,
)

CHAT = {"model": "fake", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 4}


def _post(url: str, secret: str, body: dict, path: str = "/v1/chat/completions") -> httpx.Response:
    return httpx.post(f"{url}{path}", json=body, headers={"authorization": f"Bearer {secret}"}, timeout=30)


# --- a user key on the admin routes ---


def test_a_user_keys_admin_probes_are_audited_and_cost_a_request(tmp_path):
    """Old code: five 403s and no row; the key's next chat request was answered. Now each 403 has
    a row naming its route, with the response's request id, and costs a request: at 5 requests/min
    the key's sixth request, a chat, is refused (429). The admin's own calls still have no row."""
    up = RawUpstream()
    s = settings(tmp_path, up.url, models=["fake"])
    try:
        with guard_running(s) as (url, guard):
            key, secret = guard.keys.create("k", rpm=5, tpm=10**6)
            user = {"authorization": f"Bearer {secret}"}
            probes = [
                httpx.get(f"{url}/admin/keys", headers=user),
                httpx.get(f"{url}/admin/audit?limit=5", headers=user),
                httpx.put(f"{url}/admin/keys/{key.id}/verdict", json={"verdict": None}, headers=user),
                httpx.post(f"{url}/admin/keys/{key.id}/revoke", headers=user),
                httpx.get(f"{url}/metrics", headers=user),
            ]
            listing = httpx.get(f"{url}/admin/keys", headers={"authorization": f"Bearer {ADMIN}"})
            assert listing.status_code == 200
            chat = _post(url, secret, CHAT)
            guard.audit.close()
    finally:
        up.close()
    assert [r.status_code for r in probes] == [403] * 5
    assert chat.status_code == 429, chat.text
    rows = audit_rows(s.db)
    admin = [r for r in rows if r["endpoint"] == "admin"]
    assert [r["request_id"] for r in admin] == [r.headers["x-request-id"] for r in probes]
    assert all(r["key_id"] == key.id and r["status"] == 403 and r["action"] == "refused" for r in admin)
    assert [r["error"].rsplit(": ", 1)[1] for r in admin] == [
        "GET /admin/keys",
        "GET /admin/audit",
        f"PUT /admin/keys/{key.id}/verdict",
        f"POST /admin/keys/{key.id}/revoke",
        "GET /metrics",
    ]
    assert len(rows) == 6 and rows[-1]["status"] == 429  # the admin's listing has no row


# --- a JSON request cut by the server's shutdown ---


class SlowAnswer(RawUpstream):
    """Answers a chat request (RawUpstream's `fake`) after `delay_s`, counting those it served."""

    def __init__(self, delay_s: float) -> None:
        super().__init__()
        self.delay_s, self.served = delay_s, 0

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        await asyncio.sleep(self.delay_s)
        self.served += 1
        await super()._answer(head, body, writer)


def test_a_json_request_cut_by_a_shutdown_is_audited(tmp_path):
    """Old code: three requests in flight when the graceful shutdown ran out (1 s here) were
    cancelled: no row, no journal line, and uvicorn's plain-text 500 with a traceback each, while
    the upstream served all three. Now each gets a 503 in OpenAI's shape and a row saying why, and
    is charged its reservation."""
    from stillroom.guard.app import create_app
    from stillroom.guard.server import server_options
    from stillroom.serve.thread import running

    up = SlowAnswer(delay_s=2.5)
    s = settings(tmp_path, up.url, models=["fake"])
    app = create_app(s, ConstantDetector())
    guard = app.state.guard
    key, secret = guard.keys.create("k", rpm=10_000, tpm=10**8)
    got: list[httpx.Response] = []

    def call(url: str) -> None:
        got.append(_post(url, secret, CHAT))

    charged: list[float] = []
    real_charge = guard.limiter.take

    async def take(key_id, rpm, tpm, rcost, tcost, force=False):
        if force and key_id == key.id and rcost == 0:
            charged.append(tcost)  # the settlement against the reservation
        return await real_charge(key_id, rpm, tpm, rcost, tcost, force)

    guard.limiter.take = take
    try:
        with running(app, timeout_graceful_shutdown=1, **server_options(s)) as url:
            threads = [threading.Thread(target=call, args=(url,)) for _ in range(3)]
            for t in threads:
                t.start()
            time.sleep(0.5)
        for t in threads:
            t.join(10)
    finally:
        up.close()
    assert [r.status_code for r in got] == [503] * 3, [r.text for r in got]
    assert all(r.json()["error"]["code"] == "shutting_down" for r in got)
    rows = audit_rows(s.db)
    assert sorted(r["request_id"] for r in rows) == sorted(r.headers["x-request-id"] for r in got)
    assert all(r["status"] == 503 and "shutting down" in r["error"] for r in rows)
    assert charged == [], charged  # the reservation stands: nothing refunded


# --- completions' best_of ---


class BestOf(RawUpstream):
    """vLLM's completions with `best_of`: `best_of` candidates of 10 tokens each are generated per
    prompt, the `n` best returned, and the usage counts the returned ones."""

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        n = body.get("n") or 1
        choices = [{"index": i, "text": " one two three", "finish_reason": "length"} for i in range(n)]
        usage = {"prompt_tokens": 5, "completion_tokens": 10 * n, "total_tokens": 5 + 10 * n}
        self._json(writer, 200, {"id": "c", "object": "text_completion", "choices": choices, "usage": usage})


def test_best_of_candidates_are_charged(tmp_path):
    """Old code: `best_of: 8, n: 1` (80 tokens generated) was charged 15 (5 + the 10 returned), as
    `best_of: 1`, and `best_of: 8, n: 2` 25. Now 85 and 85: the candidates not returned are charged
    at the returned answers' length; without `best_of` nothing changes."""
    up = BestOf()
    s = settings(tmp_path, up.url, models=["fake"])
    body = {"model": "fake", "prompt": "Say three words.", "max_tokens": 10}
    try:
        with guard_running(s) as (url, guard):
            secret = guard.keys.create("k", rpm=1000, tpm=10**6)[1]
            codes = [
                _post(url, secret, {**body, **extra}, "/v1/completions").status_code
                for extra in ({}, {"best_of": 8}, {"best_of": 8, "n": 2}, {"n": 2, "best_of": 2})
            ]
            guard.audit.close()
    finally:
        up.close()
    assert codes == [200] * 4
    rows = audit_rows(s.db)
    assert [r["prompt_tokens"] + r["completion_tokens"] for r in rows] == [15, 85, 85, 25]


# --- a seed under a log-prob treatment ---

LOGPROBS = {"A": -0.2837, "B": -1.6142, "C": -2.4475, "D": -3.9013}  # the model's next-token log-probs


def gumbel(seed: int, token: str) -> float:
    """Seeded Gumbel noise as SGLang's deterministic sampling draws it: a hash of (seed, position,
    token id) made uniform, then -log(-log(u)). Anyone can compute it."""
    h = hashlib.blake2b(f"{seed}:0:{token}".encode(), digest_size=8).digest()
    u = (int.from_bytes(h, "little") + 1) / (2**64 + 2)
    return -math.log(-math.log(u))


class SeededSampler(RawUpstream):
    """One-token chat answers sampled from LOGPROBS by Gumbel-max: with the request's `seed`, the
    noise above; without, noise the client cannot know. `top_k` keeps the k most likely tokens."""

    def __init__(self) -> None:
        super().__init__()
        self.unseeded = 0

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        ranked = sorted(LOGPROBS, key=lambda t: -LOGPROBS[t])[: body.get("top_k") or len(LOGPROBS)]
        seed = body.get("seed")
        if seed is None:
            self.unseeded += 1
            seed = 10**9 + self.unseeded
        token = max(ranked, key=lambda t: LOGPROBS[t] + gumbel(seed, t))
        choice = {"index": 0, "message": {"role": "assistant", "content": token}, "finish_reason": "length"}
        usage = {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4}
        self._json(writer, 200, {"id": "x", "object": "chat.completion", "choices": [choice], "usage": usage})


def read_gap(url: str, secret: str, requests: int = 24) -> float:
    """The A-B log-prob gap by a binary search over seeds: under `top_k: 2` seed s answers A exactly
    when the gap exceeds g_B(s) - g_A(s), which the client computes for 100,000 seeds beforehand."""
    diffs = sorted(gumbel(s, "B") - gumbel(s, "A") for s in range(100_000))
    seeds = {gumbel(s, "B") - gumbel(s, "A"): s for s in range(100_000)}
    lo, hi = 0.0, 6.0
    body = {"model": "fake", "messages": [{"role": "user", "content": "q"}], "max_tokens": 1, "top_k": 2}
    for _ in range(requests):
        mid = (lo + hi) / 2
        d = min(diffs, key=lambda x: abs(x - mid))
        answer = _post(url, secret, {**body, "seed": seeds[d]}).json()["choices"][0]["message"]["content"]
        lo, hi = (d, hi) if answer == "A" else (lo, d)
    return (lo + hi) / 2


def test_a_seed_does_not_reach_the_upstream_under_a_logprob_treatment(tmp_path):
    """Old code: a `suspect` key (top-2 log-probs rounded to 0.1: it is shown -0.3 and -1.6) read
    the gap 1.3305 as 1.33055 in 24 requests. Now `seed` is removed under any log-prob treatment
    and the search reads noise; a key in good standing still has its seed forwarded."""
    up = SeededSampler()
    s = settings(tmp_path, up.url, models=["fake"])
    try:
        with guard_running(s) as (url, guard):
            suspect, ok = suspect_and_ok(guard)
            read = read_gap(url, suspect)
            suspect_sent = [b for b in up.bodies if b.get("model") == "fake"]
            assert _post(url, ok, {**CHAT, "seed": 7}).status_code == 200
    finally:
        up.close()
    true_gap = LOGPROBS["A"] - LOGPROBS["B"]
    assert abs(read - true_gap) > 0.05, read
    assert len(suspect_sent) == 24 and not any("seed" in b for b in suspect_sent)
    assert up.bodies[-1]["seed"] == 7


# --- log-probs of tokens below a top-logprobs cap ---


class Sampler(RawUpstream):
    """vLLM's log-probs as far as these tests need them: chat answers of one token sampled from
    LOGPROBS at the request's temperature, each with its raw log-prob and the top `top_logprobs`;
    completions with `echo` return the prompt's two words with the log-probs the model gives them
    (the second, " vault", far below the top two), each position's top `logprobs` plus its own
    token, as vLLM does."""

    def __init__(self) -> None:
        super().__init__()
        self.rng = random.Random(23)

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        ranked = sorted(LOGPROBS.items(), key=lambda kv: -kv[1])
        usage = {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4}
        if head.startswith(b"POST /v1/completions"):
            k = body.get("logprobs") or 0
            tops = [None, {**dict(ranked[:k]), " vault": -5.0123}, dict(ranked[:k])]
            lp = {"tokens": ["The", " vault", "A"], "token_logprobs": [None, -5.0123, LOGPROBS["A"]]}
            choice = {"index": 0, "text": "The vaultA", "finish_reason": "length"}
            choice["logprobs"] = {**lp, "top_logprobs": tops, "text_offset": [0, 3, 9]}
            data = {"id": "c", "object": "text_completion", "choices": [choice], "usage": usage}
            return self._json(writer, 200, data)
        temperature = body.get("temperature") or 1.0
        weights = [math.exp(v / temperature) for _, v in ranked]
        choices = []
        for i in range(body.get("n") or 1):
            token = self.rng.choices([t for t, _ in ranked], weights)[0]
            top = [{"token": t, "logprob": v} for t, v in ranked[: body.get("top_logprobs") or 0]]
            lp = {"content": [{"token": token, "logprob": LOGPROBS[token], "top_logprobs": top}]}
            message = {"role": "assistant", "content": token}
            choices.append({"index": i, "message": message, "logprobs": lp, "finish_reason": "length"})
        self._json(writer, 200, {"id": "x", "object": "chat.completion", "choices": choices, "usage": usage})


def test_tokens_below_the_logprobs_cap_show_a_bound(tmp_path):
    """Old code: a `suspect` key (top-2, rounded to 0.1) sampling `n: 8` at a temperature of 2 read
    C's and D's log-probs (-2.4, -3.9) past its cap, and completions' `echo` the log-prob of its own
    prompt word " vault" (-5.0). Now a token less likely than the cap's last alternative shows that
    alternative's log-prob (-1.6); a client that asked for no alternatives gets none, while the
    guard asked the upstream for the cap's two to place its tokens. A key in good standing still
    reads every value."""
    up = Sampler()
    s = settings(tmp_path, up.url, models=["fake"])
    chat = {"model": "fake", "messages": [{"role": "user", "content": "q"}], "max_tokens": 1}
    sample = {**chat, "n": 8, "temperature": 2.0, "logprobs": True}
    echo = {"model": "fake", "prompt": "The vault", "max_tokens": 1, "echo": True, "logprobs": 2}
    try:
        with guard_running(s) as (url, guard):
            suspect, ok = suspect_and_ok(guard)
            answers = [_post(url, suspect, {**sample, "top_logprobs": top}).json() for top in (0, 2, 0, 2)]
            asked_upstream = [b.get("top_logprobs") for b in up.bodies if "n" in b]
            echoed = _post(url, suspect, echo, "/v1/completions").json()
            clean = [_post(url, ok, {**sample, "top_logprobs": 2}).json() for _ in range(4)]
    finally:
        up.close()
    tokens = [c["logprobs"]["content"][0] for a in answers for c in a["choices"]]
    assert {t["token"] for t in tokens} >= {"C", "D"}  # sampled below the cap
    assert {t["logprob"] for t in tokens} <= {-0.3, -1.6}, tokens
    assert [len(t["top_logprobs"]) for t in tokens] == [0] * 8 + [2] * 8 + [0] * 8 + [2] * 8
    assert asked_upstream == [2, 2, 2, 2]
    assert echoed["choices"][0]["logprobs"]["token_logprobs"] == [None, -1.6, -0.3]
    read = {t["token"]: t["logprob"] for a in clean for c in a["choices"] for t in c["logprobs"]["content"]}
    assert read.get("C") == LOGPROBS["C"] or read.get("D") == LOGPROBS["D"], read


# --- running streams and the journal's descriptors ---


def _journal_fds(folder: str) -> int:
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):  # closed since the listing
            count += os.readlink(f"/proc/self/fd/{fd}").startswith(folder)
    return count


def test_running_streams_hold_a_bounded_number_of_journal_descriptors(tmp_path):
    """Old code: 24 streams started 0.12 s apart (a flush every 0.05 s) held a sealed segment and its
    descriptor each while they ran: 26 journal descriptors at the last start. Now at most 8 such segments (then their provisional
    rows move into the live segment), every running stream's provisional row still in the journal
    (a SIGKILL replays it as interrupted), and every stream gets its final row."""
    from stillroom.guard.journal import merge_rows

    up = SlowStream(events=40, every_s=0.1, usage=True)
    s = settings(tmp_path, up.url, models=["fake"], audit_flush_s=0.05)
    journal = str(tmp_path / "journal")
    ids: list[str] = []
    try:
        with guard_running(s) as (url, guard):
            secret = guard.keys.create("k", rpm=10_000, tpm=10**8)[1]

            def stream() -> None:
                headers = {"authorization": f"Bearer {secret}"}
                body = {**CHAT, "stream": True}
                with httpx.stream(
                    "POST", f"{url}/v1/chat/completions", json=body, headers=headers, timeout=30
                ) as r:
                    ids.append(r.headers["x-request-id"])
                    r.read()

            threads = [threading.Thread(target=stream) for _ in range(24)]
            fds = []
            for t in threads:
                t.start()
                time.sleep(0.12)
                fds.append(_journal_fds(journal))
            time.sleep(0.2)
            running = guard.streams
            journaled = merge_rows(sorted((tmp_path / "journal").glob("*.jsonl")))
            for t in threads:
                t.join()
            rows = audit_rows_when(s.db, 24)
    finally:
        up.close()
    assert running == 24 and len(ids) == 24
    # 8 kept for streams, the live segment, one sealed and not yet cut, a few the database is behind on
    assert max(fds) <= 16, fds
    assert set(ids) <= {r["request_id"] for r in journaled}
    assert sorted(r["request_id"] for r in rows) == sorted(ids)
    assert all(r["status"] == 200 and r["error"] is None and r["completion_tokens"] == 40 for r in rows)

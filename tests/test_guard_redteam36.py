"""Round 36 of the guard's red team: what two real upstreams spend on a request, against a live
guard on 127.0.0.1 in front of `transformers serve` (5.24, the embedded SmolLM2 converted,
tests/test_transformers_serve.py's fixture) and llama-cpp-python's server (0.2.60,
tests/llama_server.py). Each test fails on the code before its fix:

- `stop` strings: `transformers serve` hands them to transformers' `StopStringCriteria`, which, for
  each set of strings it has not seen, walks the whole vocabulary in Python against each string and
  fills a table of 32-bit integers with a row per token and, per string, as many columns as the
  most places one token fits in any of them; it copies the table into a tensor and keeps the last 8.
  Round 25 bounded `stop` at 16 strings of 10,000 characters each, for llama.cpp-style servers that
  scan them per token. One string of 10,000 a's cost the real server 22 s of its one generation
  thread (0.7 s without) and 3.8 GB at its peak, 1.9 GB of it still held after; two, 27 s and
  7.5 GB (3.8 GB held). So round 25's largest allowed request (15 short strings beside one of
  10,000) would have needed ~60 GB, and eight such single strings would hold ~15 GB in its cache,
  each request charged ~40 tokens. Now the strings' number times the longest
  one's length is at most 1,024 (`pipeline.MAX_STOP_SPAN`: 16 strings of 64 characters, 4 of 256,
  one of 1,024), a 400 past it: the server peaks 0.4 GB higher there (an ordinary four-string stop
  list: 0.14 GB).

Measured, not fixed (an upstream bug the guard cannot reach; docs/guard.md): llama-cpp-python 0.2.60
vendors a llama.cpp whose grammar engine keeps every way a grammar can match the text so far as its
own stack, duplicates included (deduplicated since April 2024, ggml-org/llama.cpp#6616), and checks
every vocabulary token against each stack at every step, so an ambiguous grammar doubles that work
per ambiguous match. `root ::= q q q ...` (30 q's) with `q ::= [a-z ] | [a-z ]` sent as the
`grammar` of a key in good standing had the server answer nothing in the ~30 minutes until it was
killed (21 CPU-minutes; SIGTERM did not stop it, SIGKILL did), every other request, its own
`/v1/models` included, waiting behind it. Its own JSON grammar (`response_format: {"type":
"json_object"}`, and every JSON schema a tool or a response format sends) is ambiguous the same way:
a single-digit number matches both `[0-9]` and `[1-9] [0-9]*`, so an answer listing single digits
doubled the work per number: 30 tokens (9 numbers) took 15.5 s, 38 (12) 117 s, 46 no answer within
120 s (up to 22 tokens and 5 numbers: 1.0-2.9 s). A prompt asking for such a list is all it takes,
so refusing ambiguous client grammars would not close it; the operator's remedy is a
llama-cpp-python whose llama.cpp deduplicates stacks. Distinct stacks cost time without any bug:
1,000 live alternatives (`p "0" | p "1" | ...`, 10 KB of grammar) took 9.3 s for 30 tokens, 1.3 s
without.

Checked and not weak (no test): a `suspect` key's log-probs from llama_cpp.server under completions'
`echo` with `logprobs` (JSON and stream), `logprobs: 0`, chat `logprobs` with and without
`top_logprobs`, streamed or not, and a `suffix`: every value rounded to 0.1 and capped at two
alternatives; `logit_bias` of 1e400 (infinity once parsed), -1e400, 1e308 and ids outside the
vocabulary (a generic 502, or on llama_cpp.server -1 read as the last token) left both serving;
49,152 `logit_bias` entries cost llama_cpp.server ~25 ms a token; `//v1/...`, a trailing slash,
`/V1/...`, `/v1//...` and `/v1/responses` are 404s, HEAD, OPTIONS, PUT and GET 405s, a gzip body, a
repeated key, a Latin-1 byte and `max_tokens` of 1e400, -0, 2.0 or 1E1 400s, while `%2F` and a query
string reach the proxied route, audited; a UTF-8 BOM is read as `json.loads` reads it, and
llama_cpp.server answered it; the upstreams' own headers (`openai-processing-ms`, `x-request-id`)
never reach the client; `transformers serve` streams were charged the usage it reported (38 + 60);
llama_cpp.server's `echo` with `logprobs` sorts the whole vocabulary in Python at every prompt
position, 170 s of its one slot for a 1,602-token prompt it prefills in 35 s, charged its 1,603
tokens (~1.5x a generated token's time: what tokens/min already prices). Both servers list their
models by file path (`/root/.cache/stillroom/models/...`, the GGUF's path), which `GET /v1/models`
and every answer show to any key: the operator's naming (llama_cpp.server's `--model_alias`).
"""

from __future__ import annotations

import httpx

from guard_support import audit_rows_when, guard_running, request_context, settings
from stillroom.contracts.openai import ApiError
from test_transformers_serve import served  # noqa: F401 (the module's real `transformers serve`)

SAY_HI = [{"role": "user", "content": "Say hi."}]


def _chat(url: str, secret: str, model: str, **kw) -> httpx.Response:
    body = {"model": model, "messages": SAY_HI, "max_tokens": 4, **kw}
    return httpx.post(
        url + "/v1/chat/completions", json=body, headers={"authorization": f"Bearer {secret}"}, timeout=300
    )


def test_stop_strings_transformers_serve_builds_gigabyte_tables_for_are_refused(tmp_path, served):  # noqa: F811
    """Old code: `["a" * 1_025]` was answered (200; one of 10,000, also within the old bound, cost the
    real server 22 s and 3.8 GB). Now it, 16 strings of 65 and round 25's largest request are 400s
    that name `stop`, audited, never sent; an ordinary stop list and 4 strings of 256 still go."""
    s = settings(tmp_path, served.url)
    with guard_running(s) as (url, guard):
        _, secret = guard.keys.create("k", rpm=1000, tpm=10**7)
        before = served.answered()
        refused = [
            ["a" * 1_025],  # cheapest first: on the old code the server answers it (~5 s, +0.4 GB)
            [chr(97 + i) * 65 for i in range(16)],
            ["a" * 10_000],
            [*"0123456789abcde", "z" * 10_000],  # round 25's largest allowed request
        ]
        for stop in refused:
            r = _chat(url, secret, served.model, stop=stop)
            assert r.status_code == 400, (len(stop), max(map(len, stop)), r.status_code, r.text[:200])
            error = r.json()["error"]
            assert error["param"] == "stop" and "\n" not in error["message"], error
        assert served.answered() == before  # none reached the upstream
        for stop in (["###", "\n\nUser:", "</s>"], [c * 256 for c in "wxyz"]):
            r = _chat(url, secret, served.model, stop=stop)
            assert r.status_code == 200, r.text
        assert served.answered() == before + 2
    rows = audit_rows_when(s.db, len(refused) + 2)
    assert sorted(row["status"] for row in rows) == [200, 200] + [400] * len(refused)


def test_stop_span_bound():
    """The bound alone, without a server: the strings' number times the longest one's length, at
    most 1,024. Old code: 16 strings of 65, 3 of 256 beside one of 257 and one string of 1,025
    characters passed (at most 16 strings of 10,000); the allowed shapes pass as before."""
    allowed = [
        [c * 64 for c in "abcdefghijklmnop"],  # 16 x 64
        ["a" * 256] * 4,
        "a" * 1_024,  # one string, not in a list
        ["\n\nUser:", "###"],
    ]
    refused = [
        [c * 64 for c in "abcdefghijklmno"] + ["p" * 65],  # 16 x 65
        ["a" * 256] * 3 + ["b" * 257],
        "a" * 1_025,
        ["a"] * 17,  # the count alone, as before
    ]
    for stop in allowed:
        assert request_context("chat", {"model": "m", "messages": SAY_HI, "stop": stop}).request.stop == stop
    passed = []
    for stop in refused:
        try:
            request_context("chat", {"model": "m", "messages": SAY_HI, "stop": stop})
            passed.append(stop if isinstance(stop, str) else [len(x) for x in stop])
        except ApiError as e:
            assert e.status == 400 and e.param == "stop" and "\n" not in e.message, e.message
    assert not passed, passed

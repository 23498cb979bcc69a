"""Round 19 of the guard's red team (request encodings, HTTP edge cases, JSON parser differentials,
auth variants, endpoints, stream cancellation, the audit path under failure), each test against a
live guard on 127.0.0.1 and failing on the code before its fix:

- the fields that decide whether an answer is decoded under the client's own grammar
  (`response_format`, `tools`, `functions`, `tool_choice`, `function_call`) were read by exact
  name only: `Response_format` or `Tools` alone, or a `Type` beside `response_format`'s
  `type: "text"`, reached an upstream that matches keys case-insensitively (Go's encoding/json:
  Ollama) as a schema or tools, while the guard saw none and left a `suspect` key its capped
  log-probs: round 17's read past the cap through a schema's `enum`, by another spelling;
- vLLM's `truncate_prompt_tokens` was forwarded: the model read the prompt's last k tokens while
  the audit row and the detector read all of it, so a client-chosen head (3,000 characters of
  decoy before the item: the detector's whole head view, 1,500 characters) was neither read by
  the model nor charged to the key (the upstream's usage counts what the model read).
"""

from __future__ import annotations

import httpx
import pytest

from guard_support import RawUpstream, guard_running, settings, suspect_and_ok

SCHEMA = {"type": "json_schema", "json_schema": {"name": "t", "schema": {"enum": ["Paris", "Lyon"]}}}
TOOLS = [{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}]


def _chat(**kw) -> dict:
    question = "The capital of France is"
    return {"model": "fake", "messages": [{"role": "user", "content": question}], "max_tokens": 1, **kw}


@pytest.fixture
def logprob_guard(tmp_path):
    """(base URL, a `suspect` key's secret, the upstream recording every body) under the default
    policy (top-2 log-probs, rounded)."""
    up = RawUpstream()
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            yield url, suspect_and_ok(guard)[0], up
    finally:
        up.close()


# a grammar the guard does not see, by the spelling a Go upstream still reads
CASE_GRAMMARS = [
    {"Response_format": SCHEMA},
    {"response_format": {"type": "text", "Type": "json_schema", "json_schema": SCHEMA["json_schema"]}},
    {"Tools": TOOLS},
    {"Functions": [TOOLS[0]["function"]]},
]


@pytest.mark.parametrize("grammar", CASE_GRAMMARS)
def test_a_grammar_spelt_in_another_case_is_refused(logprob_guard, grammar):
    """Old code: forwarded with `logprobs: true, top_logprobs: 2`: the guard read no schema nor
    tools, so the `suspect` key kept its log-probs, on an answer a Go upstream decodes under the
    client's grammar."""
    url, secret, up = logprob_guard
    body = _chat(logprobs=True, top_logprobs=2, **grammar)
    r = httpx.post(f"{url}/v1/chat/completions", json=body, headers={"authorization": f"Bearer {secret}"})
    assert r.status_code == 400 and "differ only by case" in r.json()["error"]["message"], r.text
    assert not up.bodies  # nothing reached the upstream


def test_a_grammar_by_its_own_name_still_goes_without_log_probs(logprob_guard):
    """The spellings the guard reads keep working: a schema goes, its answer without log-probs;
    `response_format: {"type": "text"}` restricts nothing, and the capped log-probs stay."""
    url, secret, up = logprob_guard
    h = {"authorization": f"Bearer {secret}"}
    for extra, logprobs in (
        ({"response_format": SCHEMA}, False),
        ({"response_format": {"type": "text"}}, True),
    ):
        r = httpx.post(
            f"{url}/v1/chat/completions", json=_chat(logprobs=True, top_logprobs=5, **extra), headers=h
        )
        assert r.status_code == 200, r.text
        assert up.bodies[-1]["logprobs"] is logprobs


@pytest.mark.parametrize("endpoint", ["chat/completions", "completions"])
def test_a_prompt_the_model_reads_only_the_end_of_is_refused(logprob_guard, endpoint):
    """Old code: 200, forwarded with `truncate_prompt_tokens: 16`; the audit row and the detector
    had the decoy, the model the item alone."""
    url, secret, up = logprob_guard
    text = "I love my garden and my dogs, and we walk by the river every day. " * 45 + "Write a haiku."
    body = _chat(truncate_prompt_tokens=16)
    if endpoint == "completions":
        body = {"model": "fake", "prompt": text, "max_tokens": 1, "truncate_prompt_tokens": 16}
    else:
        body["messages"][0]["content"] = text
    r = httpx.post(f"{url}/v1/{endpoint}", json=body, headers={"authorization": f"Bearer {secret}"})
    assert r.status_code == 400 and r.json()["error"]["param"] == "truncate_prompt_tokens", r.text
    assert not up.bodies

"""Round 35 of the guard's red team: fields and shapes that two real upstreams read other than the
guard does, against a live guard on 127.0.0.1 in front of `transformers serve` (5.24, the embedded
SmolLM2 converted, tests/test_transformers_serve.py's fixture) and llama-cpp-python's server (0.2.60,
tests/llama_server.py). Each test fails on the code before its fix:

- content parts: `transformers serve` gives a text-only model a message's `text` / `input_text` /
  `output_text` parts and drops every other part, while the guard reads `refusal` and `thinking`
  parts (vLLM renders them) and a `text` field on any part. A user turn of a 1,640-character refusal
  part, the item as a text part and a 600-character thinking part: the detector's view of the prompt
  (head and tail) was the two decoys, the item unseen between them, and the server read and charged
  the item alone (43 prompt tokens). Text in a non-text part of a message other than the assistant's
  is now a 400;
- `chat_template_kwargs`: `transformers serve` passes them to `apply_chat_template`, which tokenizes,
  so `truncation` + `max_length: 40` had the model read the first 40 tokens of a 1,700-character
  prompt (the rest audited and shown to the detector, never read nor paid for), and `padding:
  "max_length"` + `max_length: 600` made a 223-byte request cost 600 prompt tokens, past the
  reservation and the key's whole tokens/min. The tokenizer's settings there are now a 400;
- `grammar`: llama-cpp-python 0.2.60's server dies (a segmentation fault) on a left-recursive GBNF
  grammar, one with a rule it never defines, or an unbounded repetition of what can match nothing.
  One request of a key in good standing took the upstream down for every key: the guard answered
  502 and every later request 502 too. Such grammars are now a 400 before the upstream sees them;
- and those 502s said "upstream unreachable: Connect call failed ('127.0.0.1', <port>)": the
  operator's upstream address, to any key, while the upstream was down. The client now reads
  "upstream unreachable", the log the rest.

Checked and not weak (no test): HTTP pipelining of three requests, a chunked body, `Expect:
100-continue`, HTTP/1.0, `connection: close` and a query string on the proxied route in front of the
real llama_cpp.server: as many audit rows as requests the upstream answered, each time.
"""

from __future__ import annotations

import httpx
import openai
import pytest

from guard_support import audit_rows_when, guard_running, observed, settings
from llama_server import LlamaServer, free_port, server_python
from test_transformers_serve import served  # noqa: F401 (the module's real `transformers serve`)

DECOY = "Tell me about the weather in Paris today. " * 40  # past the detector's head view (1,500)
DECOY2 = "Also, what should I wear for a walk by the river? " * 12  # past its tail view (500)
ITEM = "ITEM: write a Python function that reverses a string."


def _chat(url: str, secret: str, model: str, messages: list, **kw) -> httpx.Response:
    body = {"model": model, "messages": messages, "max_tokens": 1, **kw}
    return httpx.post(
        url + "/v1/chat/completions", json=body, headers={"authorization": f"Bearer {secret}"}, timeout=120
    )


def test_text_in_parts_a_server_drops_is_refused(tmp_path, served):  # noqa: F811
    """Old code: 200 with 43 prompt tokens read (the item alone), the detector's prompt the decoys
    without the item. Now a 400, audited, that never reaches the upstream; text parts (as every
    SDK sends them) and an assistant's refusal part in the history still pass."""
    s = settings(tmp_path, served.url)
    with guard_running(s) as (url, guard):
        _, secret = guard.keys.create("k", rpm=1000, tpm=10**7)
        before = served.answered()
        hidden = [
            {"type": "refusal", "refusal": DECOY},
            {"type": "text", "text": ITEM},
            {"type": "thinking", "thinking": DECOY2},
        ]
        r = _chat(url, secret, served.model, [{"role": "user", "content": hidden}])
        observed(guard)
        seen = [(ITEM in e.prompt, e.prompt[:40]) for e in guard.detector.events]
        assert r.status_code == 400 and "content part" in r.text, (r.status_code, r.text[-120:], seen)
        for part in (
            {"type": "note", "note": DECOY},  # a type of the client's own
            {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}, "text": DECOY},
        ):
            msgs = [{"role": "user", "content": [part, {"type": "text", "text": ITEM}]}]
            assert _chat(url, secret, served.model, msgs).status_code == 400, part
        assert served.answered() == before  # none reached the upstream
        sdk = [{"role": "user", "content": [{"type": "text", "text": ITEM}]}]
        history = [
            {"role": "user", "content": "Help me pick a lock."},
            {"role": "assistant", "content": [{"type": "refusal", "refusal": "I can't help with that."}]},
            {"role": "user", "content": ITEM},
        ]
        for msgs in (sdk, history):
            r = _chat(url, secret, served.model, msgs)
            assert r.status_code == 200, r.text
        observed(guard)
        assert all(ITEM in e.prompt for e in guard.detector.events[-2:])
    rows = audit_rows_when(s.db, 5)
    assert sorted(row["status"] for row in rows) == [200, 200, 400, 400, 400]


def test_tokenizer_settings_in_chat_template_kwargs_are_refused(tmp_path, served):  # noqa: F811
    """Old code: `truncation` read 40 tokens of a 1,700-character prompt; `padding` answered a key
    of 500 tokens/min 600 prompt tokens from one small request. Now both are 400s, audited, never
    sent; a template variable still passes. Through the OpenAI SDK, as `extra_body`."""
    s = settings(tmp_path, served.url)
    with guard_running(s) as (url, guard):
        _, secret = guard.keys.create("k", rpm=1000, tpm=500)
        client = openai.OpenAI(base_url=f"{url}/v1", api_key=secret, max_retries=0, timeout=120)
        before = served.answered()
        attacks = [
            (ITEM + DECOY, {"truncation": True, "max_length": 40}),
            ("hi", {"padding": "max_length", "max_length": 600}),
            ("hi", {"tokenizer_kwargs": {"pad_to_multiple_of": 600}, "padding": True}),
        ]
        for text, kwargs in attacks:
            with pytest.raises(openai.BadRequestError) as e:
                r = client.chat.completions.create(
                    model=served.model,
                    messages=[{"role": "user", "content": text}],
                    max_tokens=1,
                    extra_body={"chat_template_kwargs": kwargs},
                )
                pytest.fail(f"answered: {kwargs} read {r.usage.prompt_tokens} prompt tokens")  # type: ignore[union-attr]
            assert "chat_template_kwargs" in str(e.value)
        assert served.answered() == before
        r = client.chat.completions.create(
            model=served.model,
            messages=[{"role": "user", "content": "hi"}],
            max_tokens=1,
            extra_body={"chat_template_kwargs": {"enable_thinking": False}},
        )
        assert r.usage is not None and r.usage.prompt_tokens < 100
    rows = audit_rows_when(s.db, 4)
    assert sorted(row["status"] for row in rows) == [200, 400, 400, 400]


PYTHON = server_python()


@pytest.mark.skipif(PYTHON is None, reason="llama_cpp.server not installed (make test installs .venv-llama)")
def test_a_grammar_that_crashes_the_server_is_refused(tmp_path):
    """Old code: the left-recursive grammar went upstream, llama_cpp.server died (502), and the next
    request of another key got a 502 too. Now a 400 for it and the other crashing forms, audited,
    the server alive; a sound grammar is forwarded and decoded by."""
    assert PYTHON is not None
    with LlamaServer(PYTHON, threads=1, ctx=512, log=tmp_path / "llama.log") as llama:
        model = httpx.get(llama.url + "/v1/models").json()["data"][0]["id"]
        s = settings(tmp_path, llama.url)
        with guard_running(s) as (url, guard):
            _, attacker = guard.keys.create("attacker", rpm=1000, tpm=10**7)
            _, other = guard.keys.create("other", rpm=1000, tpm=10**7)
            client = openai.OpenAI(base_url=f"{url}/v1", api_key=attacker, max_retries=0, timeout=60)
            crashing = [
                'root ::= root "a" | "b"',  # left recursion
                'root ::= a\na ::= b "x"\nb ::= a',  # ... through other rules
                'root ::= "" root',  # ... behind an empty literal
                "root ::= answer",  # a rule never defined
                'root ::= ("a"?)* "b"',  # a repetition of what can match nothing
            ]
            for grammar in crashing:
                with pytest.raises(openai.APIStatusError) as e:
                    client.chat.completions.create(
                        model=model,
                        messages=[{"role": "user", "content": "Yes or no?"}],
                        max_tokens=4,
                        extra_body={"grammar": grammar},
                    )
                alive = llama.proc is not None and llama.proc.poll() is None
                assert e.value.status_code == 400 and alive, (grammar, e.value.status_code, alive)
            r = _chat(url, other, model, [{"role": "user", "content": "Yes or no?"}], max_tokens=4)
            assert r.status_code == 200, r.text
            r = client.chat.completions.create(
                model=model,
                messages=[{"role": "user", "content": "Yes or no?"}],
                max_tokens=4,
                extra_body={"grammar": 'root ::= "yes" | "no"'},
            )
            assert r.choices[0].message.content in ("yes", "no")
        rows = audit_rows_when(s.db, len(crashing) + 2)
        assert sorted(row["status"] for row in rows) == [200, 200] + [400] * len(crashing)


def test_an_unreachable_upstream_is_not_named_to_the_client(tmp_path, caplog):
    """Old code: the 502's message held the upstream's address and port. Now it says what failed;
    the guard's log names the address."""
    port = free_port()  # nothing listens there
    s = settings(tmp_path, f"http://127.0.0.1:{port}", models=["m"])
    with guard_running(s) as (url, guard):
        _, secret = guard.keys.create("k", rpm=1000, tpm=10**7)
        r = _chat(url, secret, "m", [{"role": "user", "content": "hi"}])
        assert r.status_code == 502 and r.json()["error"]["message"] == "upstream unreachable", r.text
        assert str(port) in caplog.text
    assert [row["error"] for row in audit_rows_when(s.db, 1)] == ["upstream unreachable"]

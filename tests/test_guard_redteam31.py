"""Round 31 of the guard's red team, each test against a live guard on 127.0.0.1 in front of a
scripted upstream and failing on the code before its fix:

- mlx_lm.server answers completions, and chat, with log-probs in completions' format, but writes
  each position's alternatives as a list of [token id, log-prob] pairs (`tuple(zip(ids, lps))`),
  where OpenAI, vLLM and llama-cpp-python write {token: log-prob}. The treatment read dicts only and
  relayed the pairs as they came: a `suspect` key (top-2, rounded to 0.1) read -0.1234567 and
  -2.3456789 to seven decimals, and under `perturb` the values unperturbed. Now the pairs are
  capped, placed and treated as a dict is, and keep their shape; a position in a shape the
  treatment cannot read is not returned;
- KoboldCpp writes both formats in one `logprobs` object (chat's `content`, and the legacy
  `tokens` / `token_logprobs` / `top_logprobs` beside it). The treatment read the first format it
  found: the chat half was capped and rounded, the legacy half went out as it came, showing a
  `suspect` key (top-2) the 3rd token's own log-prob, -3.1415926, and all three alternatives
  unrounded. Now both halves are treated.

Not weaknesses (tried this round, see SECURITY.md): percent-encoded paths (`/v1/chat%2Fcompletions`,
`complet%69ons`) reach the proxied route through the same authentication, limits and audit, as do
`#fragment` targets; HEAD on the proxied routes is a 405 before any key is read; `GET
/v1/models/{id}` and a trailing slash are 404s; a repeated key spelled with an escape
(`"a"` and `"\\u0061"`) is a repeated key; integers of 5,000 digits in any field, `\\n` or NUL raw in a
string, trailing commas, a second JSON value after the body and JSON nested 2,000 deep are 400s.
"""

from __future__ import annotations

import httpx

from guard_support import RawUpstream, guard_running, models_list, settings, suspect_and_ok

# what the upstream knows: the answer's token (id 17) and two alternatives, to seven decimals
CHOSEN, SECOND, THIRD = -0.1234567, -2.3456789, -3.1415926


class MlxLmServer(RawUpstream):
    """mlx_lm.server's answer (server.py `generate_response`): log-probs in completions' format for
    chat and completions alike, each position's alternatives a list of [token id, log-prob] pairs
    (as many as `logprobs`; chat's `logprobs: true` reads as 1), `tokens` the answer's token ids.
    `odd` adds a position whose alternatives are in a shape no server writes."""

    def __init__(self, odd: bool = False) -> None:
        super().__init__()
        self.odd = odd

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        k = body.get("logprobs") or 0
        k = 1 if k is True else k
        tops: list = [[[17, CHOSEN], [99, SECOND], [5, THIRD]][:k] for _ in range(3)]
        values, tokens = [CHOSEN] * 3, [17] * 3
        if self.odd:
            tops.append([{"id": 17, "logprob": CHOSEN}, {"id": 99, "logprob": SECOND}])
            values.append(CHOSEN)
            tokens.append(17)
        choice = {
            "index": 0,
            "logprobs": {"token_logprobs": values, "top_logprobs": tops, "tokens": tokens},
            "finish_reason": "length",
        }
        if "messages" in body:
            choice["message"] = {"role": "assistant", "content": "aaa"}
        else:
            choice["text"] = "aaa"
        usage = {"prompt_tokens": 3, "completion_tokens": len(tokens), "total_tokens": 3 + len(tokens)}
        self._json(
            writer, 200, {"id": "x", "object": "x", "model": "fake", "choices": [choice], "usage": usage}
        )


def _numbers(value) -> list[float]:
    """Every float in a JSON value."""
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [x for v in value for x in _numbers(v)]
    return []


def _logprobs(url: str, secret: str, path: str, body: dict) -> dict:
    r = httpx.post(url + path, json=body, headers={"authorization": f"Bearer {secret}"}, timeout=10)
    assert r.status_code == 200, r.text
    return r.json()["choices"][0]["logprobs"]


def _through_guard(tmp_path, up, *asks: tuple[str, str, dict]) -> list[dict]:
    """The log-probs of each (key, path, body) sent through a guard in front of `up`, by the
    `suspect` key or the one in good standing (`ok`); the upstream is closed after."""
    try:
        with guard_running(settings(tmp_path, up.url, models=["fake"])) as (url, guard):
            keys = dict(zip(("suspect", "ok"), suspect_and_ok(guard), strict=True))
            return [_logprobs(url, keys[who], path, body) for who, path, body in asks]
    finally:
        up.close()


def test_mlx_lm_pairs_get_the_treatment(tmp_path):
    """Old code: the pairs went out as they came, [[17, -0.1234567], [99, -2.3456789]], past the
    `suspect` key's rounding to 0.1 (the token's own log-prob, which the guard could not place
    against dicts it did not find, was withheld). Now rounded, capped and in mlx's shape, and a key
    in good standing gets them whole."""
    up = MlxLmServer()
    completions = {"model": "fake", "prompt": "hi", "max_tokens": 3, "logprobs": 5}
    chat = {
        "model": "fake",
        "messages": [{"role": "user", "content": "hi"}],
        "max_tokens": 3,
        "logprobs": True,
    }
    treated, treated_chat, plain = _through_guard(
        tmp_path,
        up,
        ("suspect", "/v1/completions", completions),
        ("suspect", "/v1/chat/completions", chat),
        ("ok", "/v1/completions", completions),
    )
    for lp in (treated, treated_chat):
        shown = _numbers(lp["top_logprobs"]) + _numbers(lp["token_logprobs"])
        assert all(round(x, 1) == x for x in shown), lp  # old code: -0.1234567, -2.3456789
    assert treated["top_logprobs"] == [[[17, -0.1], [99, -2.3]]] * 3, treated  # top-2, pairs kept
    assert treated["token_logprobs"] == [-0.1] * 3, treated
    assert plain["top_logprobs"][0] == [[17, CHOSEN], [99, SECOND], [5, THIRD]], plain  # untouched


def test_alternatives_in_an_unreadable_shape_are_not_returned(tmp_path):
    """A position whose alternatives are neither a dict nor [token, log-prob] pairs is not returned
    under a treatment (old code: relayed as it came, to seven decimals)."""
    up = MlxLmServer(odd=True)
    body = {"model": "fake", "prompt": "hi", "max_tokens": 4, "logprobs": 2}
    (lp,) = _through_guard(tmp_path, up, ("suspect", "/v1/completions", body))
    assert lp["top_logprobs"][3] is None and lp["token_logprobs"][3] is None, lp
    assert all(round(x, 1) == x for x in _numbers(lp)), lp


class KoboldCpp(RawUpstream):
    """KoboldCpp's answer (koboldcpp.py `parse_last_logprobs`): one `logprobs` object holding chat's
    `content` and the legacy lists beside it. The answer's token is the 3rd most likely, sampled at a
    temperature, so a top-2 cap shows a bound for it, not its own log-prob."""

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        if head.startswith(b"GET"):
            return models_list(self, writer)
        alts = [("a", CHOSEN), ("b", SECOND), ("c", THIRD)]
        content = [
            {
                "token": "c",
                "logprob": THIRD,
                "bytes": [99],
                "top_logprobs": [{"token": t, "logprob": v, "bytes": [ord(t)]} for t, v in alts],
            }
        ]
        lp = {
            "content": content,
            "tokens": ["c"],
            "token_ids": [7],
            "token_logprobs": [THIRD],
            "top_logprobs": [dict(alts)],
            "text_offset": [0],
        }
        choice = {
            "index": 0,
            "message": {"role": "assistant", "content": "c"},
            "logprobs": lp,
            "finish_reason": "length",
        }
        usage = {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4}
        self._json(
            writer,
            200,
            {"id": "x", "object": "chat.completion", "model": "fake", "choices": [choice], "usage": usage},
        )


def test_both_log_prob_formats_in_one_answer_get_the_treatment(tmp_path):
    """Old code: `content` showed the bound -2.3 for the 3rd token and its top-2 rounded, while
    `token_logprobs` beside it read [-3.1415926] and `top_logprobs` all three alternatives to seven
    decimals. Now the legacy half shows what the chat half does."""
    up = KoboldCpp()
    body = {
        "model": "fake",
        "messages": [{"role": "user", "content": "hi"}],
        "max_tokens": 1,
        "logprobs": True,
        "top_logprobs": 2,
        "temperature": 1.5,
    }
    (lp,) = _through_guard(tmp_path, up, ("suspect", "/v1/chat/completions", body))
    assert THIRD not in _numbers(lp), lp  # old code: the 3rd token's own log-prob, in token_logprobs
    assert all(round(x, 1) == x for x in _numbers(lp)), lp
    assert lp["content"][0]["logprob"] == -2.3 and lp["token_logprobs"] == [-2.3], lp
    assert lp["top_logprobs"] == [{"a": -0.1, "b": -2.3}], lp

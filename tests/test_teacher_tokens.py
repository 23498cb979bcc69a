"""Served tokens -> ids when the server shows partial-UTF-8 tokens as strings (llama-cpp-python).

The reply below is built the way llama-cpp-python 0.2.60 builds it (`Llama._create_completion`):
each token shown alone with its broken bytes dropped, top-k keyed by that string (a later, less
likely token overwrites an equal string's logprob), the chosen token written in last under its
string, the answer text decoded with errors="ignore", `text_offset` the characters decoded before
each step (after a prompt). Every id the mapping gives is checked
against the token that entry really was.
"""

from __future__ import annotations

import random

import pytest

from stillroom.teachers import GenParams
from stillroom.teachers.openai import _parse
from stillroom.teachers.tiny import build_tokenizer
from stillroom.teachers.tokens import TokenMap, _feed, align_to_text, map_steps


def shown(raw: bytes) -> str:
    return raw.decode("utf-8", "ignore")


@pytest.fixture(scope="module")
def table() -> TokenMap:
    """A byte-level BPE trained on Chinese, so it has tokens that end inside a character, some of
    them a space plus a lead byte (shown ' ', like the space itself), as SmolLM2's has."""
    tok = build_tokenizer(corpus=["他在 北京 住 北方 北海 北 京"] * 50 + ["hello world, the capital"] * 10)
    return TokenMap.from_tokenizer(tok)


def llama_cpp_reply(table: TokenMap, chosen: list[int], k: int, seed: int = 0):
    """A chat reply as llama-cpp-python 0.2.60 sends it, and per step the (id, logprob) each of its
    top-k entries really stands for (the token written last under that string)."""
    raw = {i: b for b, i in table.by_bytes.items()}
    rng, vocab = random.Random(seed), sorted(raw)
    tokens, lps, tops, truth = [], [], [], []
    for i in chosen:
        dist = {j: -2.0 - 3 * rng.random() for j in rng.sample(vocab, 3 * k)}
        dist[i] = -0.5 - rng.random()
        top, last = {}, {}
        for j, lp in [*sorted(dist.items(), key=lambda x: -x[1])[:k], (i, dist[i])]:
            top[shown(raw[j])], last[shown(raw[j])] = lp, j
        tokens.append(shown(raw[i]))
        lps.append(dist[i])
        tops.append(top)
        truth.append({(last[s], lp) for s, lp in top.items()})
    text = shown(b"".join(raw[i] for i in chosen))
    offsets = [100 + len(shown(b"".join(raw[i] for i in chosen[:t]))) for t in range(len(chosen))]
    lp = {"tokens": tokens, "token_logprobs": lps, "top_logprobs": tops, "text_offset": offsets}
    choice = {"index": 0, "message": {"role": "assistant", "content": text}, "logprobs": lp}
    return {"choices": [choice | {"finish_reason": "length"}], "usage": {"prompt_tokens": 5}}, truth


def test_partial_utf8_tokens_are_read_back_from_the_answer(table):
    by = table.by_bytes
    enc = table.tokenizer
    chosen = enc("hello 他在", add_special_tokens=False)["input_ids"]
    chosen += [by[b"\xe5"], by[b"\x8c"], by[b"\x97"]]  # 北 byte by byte: not the canonical encoding
    chosen += enc("京 住 hello", add_special_tokens=False)["input_ids"]
    chosen += [by[b" \xe5\x8c"]]  # cut inside a character: the text ends in ' ', \xe5\x8c dropped
    body, truth = llama_cpp_reply(table, chosen, k=6)
    (c,) = _parse(body, 0, GenParams(max_new_tokens=64, top_logprobs=6), True, table, 0.1)

    assert c.token_ids == [*chosen[:-1], -1]  # the last token's bytes never reached the text
    assert c.extra["mapping"]["tokens_unmapped"] == 1
    for t, (ids, lps) in enumerate(zip(c.top_ids, c.top_logprobs, strict=True)):
        assert all((i, lp) in truth[t] for i, lp in zip(ids, lps, strict=True) if i >= 0), t  # never wrong
        if c.token_ids[t] >= 0:  # the chosen token's own entry, whatever its string
            assert (c.token_ids[t], body["choices"][0]["logprobs"]["token_logprobs"][t]) in zip(
                ids, lps, strict=True
            )


def test_a_string_a_broken_token_also_shows_is_ambiguous(table):
    space = table.by_bytes[b" "]
    assert b" \xe5\x8c" in table.by_bytes  # shown ' ' by llama-cpp-python, like the space
    assert table.id(" ") == -1 and table.id({"token": " ", "bytes": [32]}) == space
    plain = TokenMap.from_tokenizer(build_tokenizer())  # no such token: ' ' names the space
    assert plain.id(" ") == plain.by_bytes[b" "]


def test_only_what_every_reading_agrees_on_is_filled():
    table = TokenMap(by_bytes={b"\xe5": 1, b"\x8c": 2, b"\x97": 3, b"\xe5\x8c": 4, b"\x8c\x97": 5, b"a": 6})
    assert align_to_text([-1, -1, -1, 6], ["", "", "", "a"], "北a", table) == [1, 2, 3, 6]
    assert align_to_text([-1, -1, 6], ["", "", "a"], "北a", table) == [-1, -1, 6]  # [4][3] or [1][5]
    assert align_to_text([-1, -1, 6], ["", "", "a"], "a北", table) == [-1, -1, 6]  # no reading: no guess
    # The text may have lost an unfinished character at its end: [1][2][3] or [4][3][one more byte].
    assert align_to_text([-1, -1, -1], ["", "", ""], "北", table) == [-1, -1, -1]
    single = TokenMap(by_bytes={b"\xe5": 1, b"\x8c": 2, b"\x97": 3})
    assert align_to_text([-1, -1, -1], ["", "", ""], "北", single) == [1, 2, 3]  # no 2-step reading


def test_text_offsets_expose_a_broken_character_inside_the_answer():
    """The model wrote 概 (e6 a6 82), then e5 bf, which the decoder dropped before 'p'. Without
    offsets the clean reading [e6][a6][82] wins (the assumption `align_to_text` documents); the
    offsets say 概 was done after two steps, so only readings with a dropped third step remain."""
    raw = [b"\xe6", b"\xa6", b"\x82", b"\xa6\x82", b"\xe5\xbf", b"p"]
    table = TokenMap(by_bytes={b: i for i, b in enumerate(raw, 1)})
    steps = ([-1, -1, -1, 6], ["", "", "", "p"], "概p")
    assert align_to_text(*steps, table) == [1, 2, 3, 6]  # wrong: the truth is [1, 4, 5, 6]
    assert align_to_text(*steps, table, offsets=[9, 9, 10, 10]) == [1, 4, -1, 6]  # any of 1, 2, 3, 5 drops


def test_a_clean_answer_never_gets_a_wrong_id(table):
    """Random answers in valid UTF-8, cut anywhere (so the text may lose an unfinished character),
    split into random tokens of the vocabulary and shown as llama-cpp-python shows them: every id
    filled from the text is the true one, and most are filled (random splits are far more
    ambiguous than a model's: 966 of 1367 here)."""
    rng, by, filled, total = random.Random(1), table.by_bytes, 0, 0
    words = ["北京", "他在", " 住", "北方", "海", " hello", " world", ", ", "the", " capital", "京"]
    for _ in range(200):
        data = "".join(rng.choice(words) for _ in range(rng.randint(1, 8))).encode()
        ids, p = [], 0
        while p < len(data):
            n = rng.choice([n for n in range(1, 8) if data[p : p + n] in by])
            ids.append(by[data[p : p + n]])
            p += n
        ids = ids[: rng.randint(1, len(ids))]
        pieces = [next(b for b, i in by.items() if i == j) for j in ids]
        strings = [shown(b) for b in pieces]
        known = [table.id(s) for s in strings]
        got = align_to_text(known, strings, shown(b"".join(pieces)), table)
        assert all(g in (-1, i) for g, i in zip(got, ids, strict=True)), (pieces, got, ids)
        filled, total = filled + sum(g >= 0 for g in got), total + len(ids)
    assert filled > 0.6 * total, (filled, total)


def test_the_byte_reader_decodes_as_cpython_does():
    """Any bytes, split anywhere, read against what errors="ignore" decodes them to: the reader
    always gets to the end (the true reading is never missed), and in clean mode exactly when the
    text is a prefix of the bytes (nothing dropped before its last character)."""
    rng = random.Random(2)
    alphabet = [*b"a ", 0x80, 0x8C, 0x97, 0xA0, 0xBF, 0xC3, 0xE0, 0xE5, 0xED, 0xF0, 0xF4, 0xFF]
    for _ in range(3000):
        raw = bytes(rng.choice(alphabet) for _ in range(rng.randint(1, 10)))
        data = raw.decode("utf-8", "ignore").encode()
        cuts = sorted(rng.sample(range(1, len(raw)), min(3, len(raw) - 1)))
        pieces = [raw[a:b] for a, b in zip([0, *cuts], [*cuts, len(raw)], strict=True)]
        for clean in (False, True):
            state = (0, 0, 0, 0, -1)
            for piece in pieces:
                state = state and _feed(state, piece, data, clean)
            reached = state is not None and state[0] == len(data)
            assert reached == (not clean or raw[: len(data)] == data), (raw, pieces, clean)


def test_the_chosen_tokens_entry_is_named_other_ambiguous_entries_are_not(table):
    """llama-cpp-python writes the chosen token in under its string with its logprob, over the
    tokens it merged there: that entry is the chosen token. A '' entry with another logprob is
    another token (or several, merged: lost on the server) and stays -1, counted."""
    by = table.by_bytes
    steps = [
        ("", -0.3, [("", -0.3), ("hello", -2.0)]),
        ("", -0.7, [("", -0.9), ("", -0.7), (" ", -1.2)]),  # a server that does not merge
        ("hello", -0.2, [("hello", -0.2), ("", -1.5)]),
    ]
    m = map_steps(steps, table, 3, "北hello")
    assert m.token_ids == [by[b"\xe5\x8c"], by[b"\x97"], by[b"hello"]]
    assert m.top_ids == [[by[b"\xe5\x8c"], by[b"hello"]], [by[b"\x97"], -1, -1], [by[b"hello"], -1]]
    assert (m.top_total, m.top_unmapped, m.tokens_unmapped) == (7, 3, 0)


def served_reply(table: TokenMap, chosen: list[int], k: int, chat: bool, seed: int = 0):
    """A reply shaped as OpenAI's chat (each token and alternative with its `bytes`) or vLLM's
    completions (top-k as a {string: logprob} dict, the chosen token added when outside it, strings
    decoded with errors="replace", `text_offset`), and per step the (id, logprob) each top entry is."""
    raw, rng = table.raw, random.Random(seed)
    show = lambda i: raw[i].decode("utf-8", "replace")  # noqa: E731
    steps, content, truth = [], [], []
    for i in chosen:
        dist = {j: -2.0 - 3 * rng.random() for j in rng.sample(sorted(raw), 3 * k) if j != i}
        dist[i] = -0.5 - rng.random()
        top = sorted(dist.items(), key=lambda x: -x[1])[:k]
        entry = lambda j, lp: {"token": show(j), "logprob": lp, "bytes": list(raw[j])}  # noqa: E731
        content.append(entry(i, dist[i]) | {"top_logprobs": [entry(j, lp) for j, lp in top]})
        named = {show(j): (j, lp) for j, lp in [*top, (i, dist[i])]}  # equal strings: the last wins
        steps.append({s: lp for s, (_, lp) in named.items()})
        truth.append(set(top) if chat else set(named.values()))
    data = b"".join(raw[i] for i in chosen)
    text = data.decode()
    if chat:
        choice = {"message": {"role": "assistant", "content": text}, "logprobs": {"content": content}}
    else:
        offsets = [
            len(b"".join(raw[i] for i in chosen[:t]).decode("utf-8", "ignore")) for t in range(len(chosen))
        ]
        lp = {
            "tokens": [show(i) for i in chosen],
            "token_logprobs": [e["logprob"] for e in content],
            "top_logprobs": steps,
            "text_offset": offsets,
        }
        choice = {"text": text, "logprobs": lp}
    body = {"choices": [choice | {"index": 0, "finish_reason": "length"}], "usage": {"prompt_tokens": 5}}
    return body, truth


@pytest.mark.parametrize("chat", [True, False], ids=["openai-chat-bytes", "vllm-completions-dicts"])
def test_openai_and_vllm_shaped_replies_map_exactly(table, chat):
    """OpenAI's chat sends every token's bytes: every id, chosen and alternative, is exact, also for
    tokens that end inside a UTF-8 character. vLLM's completions key the top-k by string: the chosen
    ids are read back from the text, alternatives whose string names one token map, and the rest
    (partial characters, shown as U+FFFD) are -1, never a wrong id."""
    by, enc = table.by_bytes, table.tokenizer
    chosen = enc("hello 他在", add_special_tokens=False)["input_ids"]
    chosen += [by[b"\xe5"], by[b"\x8c"], by[b"\x97"]]  # 北 byte by byte: three partial tokens
    chosen += [by[b"\xe5\x8c"], by[b"\x97"]] + enc(" 北京 hello", add_special_tokens=False)["input_ids"]
    k = 6
    body, truth = served_reply(table, chosen, k, chat)
    (c,) = _parse(body, 0, GenParams(max_new_tokens=64, top_logprobs=k), chat, table, 0.1)

    assert c.token_ids == chosen and c.extra["mapping"]["tokens_unmapped"] == 0
    for t, (ids, lps) in enumerate(zip(c.top_ids, c.top_logprobs, strict=True)):
        assert all((i, lp) in truth[t] for i, lp in zip(ids, lps, strict=True) if i >= 0), t  # never wrong
    if chat:
        assert [
            set(zip(r, lp, strict=True)) for r, lp in zip(c.top_ids, c.top_logprobs, strict=True)
        ] == truth
        assert c.extra["mapping"]["top_unmapped"] == 0
    else:  # each kept entry: its token when its string names one (or it is the chosen one), else -1
        lp = body["choices"][0]["logprobs"]
        for t, row in enumerate(lp["top_logprobs"]):
            kept = sorted(row.items(), key=lambda x: -x[1])[:k]
            mine = (lp["tokens"][t], lp["token_logprobs"][t])
            want = [table.id(s) if (s, x) != mine else chosen[t] for s, x in kept]
            assert c.top_ids[t] == want, t
        assert 0 < c.extra["mapping"]["top_unmapped"] < c.extra["mapping"]["top_total"] / 2

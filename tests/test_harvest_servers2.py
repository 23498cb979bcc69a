"""Answer shapes of OpenAI-compatible servers the harvest had not met: mlx_lm.server, KoboldCpp,
Ollama's /v1, text-generation-inference's Messages API, LM Studio / LocalAI, SGLang / vLLM, and
generic oddities. Each is a scripted upstream on 127.0.0.1 (a real uvicorn server) that answers
in that server's shape, as its published source writes it, with the real tiny tokenizer's ids;
the real `harvest` runs against it and the store is checked: every prompt once, the answer's
text, no wrong id stored (an id is the true one or -1), and what could not be mapped counted.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from transformers import AutoTokenizer

from stillroom.errors import UserError
from stillroom.harvest.run import HarvestConfig, run
from stillroom.harvest.store import HarvestStore
from stillroom.serve.thread import running
from stillroom.teachers import TeacherConfig
from stillroom.teachers.tokens import TokenMap

ANSWERS = [
    "Paris is the capital of France.",
    "日本の首都は東京です。",
    "Café ☕ déjà vu.",
    "def add(a, b):\n    return a + b",
]
K = 4


@pytest.fixture(scope="module")
def tok(tiny_teacher_dir):
    return AutoTokenizer.from_pretrained(tiny_teacher_dir)


@pytest.fixture(scope="module")
def table(tok):
    return TokenMap.from_tokenizer(tok)


@pytest.fixture(scope="module")
def cjk(tmp_path_factory):
    """(folder, tokenizer, table) of a byte-level BPE that has whole characters and a space plus a
    lead byte as tokens (" \\xe2\\x98", 305): the tokens real multilingual vocabularies have."""
    from stillroom.teachers.tiny import _CORPUS, build_tiny, build_tokenizer

    tok = build_tokenizer(512, _CORPUS * 4 + ANSWERS * 8 + ["é à ☕ 日本 東京"] * 8)
    path = build_tiny(
        tmp_path_factory.mktemp("cjk"),
        layers=1,
        hidden=16,
        heads=2,
        kv_heads=1,
        intermediate=32,
        tokenizer=tok,
    )
    tok = AutoTokenizer.from_pretrained(path)
    return path, tok, TokenMap.from_tokenizer(tok)


def split_characters(ids: list[int], table: TokenMap) -> list[int]:
    """What sampling does now and then: a token holding non-ASCII bytes emitted as its longest
    proper prefix token plus single bytes (" \\xe2\\x98\\x95" as " \\xe2\\x98" + "\\x95")."""
    out = []
    for i in ids:
        r = table.raw.get(i, b"")
        cut = next((n for n in range(len(r) - 1, 0, -1) if r[:n] in table.by_bytes), 0)
        rest = [table.by_bytes.get(r[n : n + 1]) for n in range(cut, len(r))]
        if cut and max(r) >= 0x80 and None not in rest:
            out += [table.by_bytes[r[:cut]], *rest]
        else:
            out.append(i)
    return out


class Truth:
    """One answer as the model generated it: ids, chosen logprobs, top-k (id, logprob) per step."""

    def __init__(self, tok, text: str, k: int, eos: bool = False, split: TokenMap | None = None):
        self.text = text
        self.ids = tok(text, add_special_tokens=False)["input_ids"]
        if split is not None:
            self.ids = split_characters(self.ids, split)
        if eos:
            self.ids = [*self.ids, tok.eos_token_id]
        vocab = len(tok)
        self.chosen = [-0.25 - 0.01 * (t % 5) for t in range(len(self.ids))]
        self.tops = []
        for t, i in enumerate(self.ids):
            alts = [(i, self.chosen[t])]
            for j in range(1, k):
                a = 3 + (i + 37 * j + t) % (vocab - 3)
                if a not in {x for x, _ in alts}:
                    alts.append((a, -1.0 - 0.5 * j))
            self.tops.append(alts)


Shape = Callable[[Truth, bool, dict], dict]  # (truth, chat?, request body) -> JSON answer


def upstream(
    tok, shape: Shape, k: int = K, eos: bool = False, raw: bool = False, split: TokenMap | None = None
) -> Starlette:
    """/v1/models, /props (404), chat and completions answering prompt "q{i}" with ANSWERS[i % 4]
    in `shape`; `raw`: the shape returns the body as a string (non-standard JSON, SSE)."""
    seen: list[dict] = []

    async def models(request: Request) -> Response:
        return JSONResponse({"object": "list", "data": [{"id": "m", "object": "model"}]})

    async def answer(request: Request) -> Response:
        body = await request.json()
        seen.append(body)
        chat = "messages" in body
        prompt = body["messages"][-1]["content"] if chat else body["prompt"]
        truth = Truth(tok, ANSWERS[int(prompt.removeprefix("q")) % len(ANSWERS)], k, eos, split)
        out = shape(truth, chat, body)
        if raw or isinstance(out, str):
            return Response(
                out, media_type="text/event-stream" if str(out).startswith("data:") else "application/json"
            )
        return Response(
            json.dumps(out), media_type="application/json"
        )  # allows -Infinity, as Python servers write it

    app = Starlette(
        routes=[
            Route("/v1/models", models),
            Route("/v1/chat/completions", answer, methods=["POST"]),
            Route("/v1/completions", answer, methods=["POST"]),
        ]
    )
    app.state.seen = seen
    return app


def harvest(
    tmp_path: Path, app, tiny_teacher_dir, n: int = 8, chat: bool = True, tokenizer: bool = True, **cfg
):
    rows = [
        {"id": f"p{i}", "messages": [{"role": "user", "content": f"q{i}"}]}
        if chat
        else {"id": f"p{i}", "prompt": f"q{i}"}
        for i in range(n)
    ]
    (tmp_path / "p.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    with running(app) as url:
        config = HarvestConfig(
            prompts=str(tmp_path / "p.jsonl"),
            store=str(tmp_path / "h.sqlite"),
            teacher=TeacherConfig(
                spec=f"openai:{url}",
                model="m",
                tokenizer=str(tiny_teacher_dir) if tokenizer else None,
                max_retries=1,
                concurrency=2,
            ),
            max_new_tokens=64,
            **cfg,
        )
        return run(config)


def check_store(
    tmp_path: Path, tok, k: int, n: int = 8, eos: bool = False, split: TokenMap | None = None
) -> dict[str, int]:
    """Every prompt once with its answer; every stored id the true one or -1; the counts."""
    store = HarvestStore(tmp_path / "h.sqlite")
    recs = list(store.records())
    assert sorted(r.prompt_id for r in recs) == sorted(f"p{i}" for i in range(n))
    counts = {"tokens": 0, "tokens_mapped": 0, "top": 0, "top_mapped": 0}
    for r in recs:
        truth = Truth(tok, ANSWERS[int(r.prompt_id[1:]) % len(ANSWERS)], k, eos, split)
        assert r.text == truth.text
        if not len(r.token_ids):
            continue
        ids = list(r.token_ids)
        assert len(ids) == len(truth.ids[: len(ids)]) and len(ids) >= len(truth.ids) - 1
        for t, i in enumerate(ids):
            assert i in (truth.ids[t], -1), (r.prompt_id, t, i, truth.ids[t])
        counts["tokens"] += len(ids)
        counts["tokens_mapped"] += sum(i >= 0 for i in ids)
        if k and r.top_ids is not None:
            for t, (row_ids, row_lps) in enumerate(zip(r.top_ids, r.top_logprobs, strict=True)):
                want = dict(truth.tops[t])
                for i, lp in zip(row_ids, row_lps, strict=True):
                    if i >= 0:
                        assert i in want and (math.isclose(lp, want[i], abs_tol=1e-4) or lp <= -9999), (
                            r.prompt_id,
                            t,
                            i,
                            lp,
                        )
                        counts["top_mapped"] += 1
                    counts["top"] += lp > -math.inf
    store.close()
    return counts


def usage(truth: Truth) -> dict:
    return {"prompt_tokens": 5, "completion_tokens": len(truth.ids), "total_tokens": 5 + len(truth.ids)}


# ---- mlx_lm.server: completions-style logprobs even for chat, token ids as ints ----


def mlx(pairs: bool = True) -> Shape:
    """mlx_lm.server's `generate_response`: `logprobs` {token_logprobs, top_logprobs, tokens} on
    both endpoints; `tokens` are token ids, each `top_logprobs` entry the (id, logprob) pairs of
    argpartition (unordered), or in newer versions a {id: logprob} dict (JSON keys: strings)."""

    def shape(truth: Truth, chat: bool, body: dict) -> dict:
        tops = [list(reversed(top)) for top in truth.tops]
        lp = {
            "token_logprobs": truth.chosen,
            "top_logprobs": [
                [[i, x] for i, x in top] if pairs else {str(i): x for i, x in top} for top in tops
            ],
            "tokens": truth.ids,
        }
        choice: dict = {"index": 0, "finish_reason": "stop", "logprobs": lp}
        if chat:
            choice["message"] = {
                "role": "assistant",
                "content": truth.text,
                "reasoning": None,
                "tool_calls": [],
            }
        else:
            choice["text"] = truth.text
        return {
            "id": "chatcmpl-1",
            "system_fingerprint": "0.28.0-0.29.0-macOS-applegpu_g15s",
            "object": "chat.completion" if chat else "text_completion",
            "model": "m",
            "created": 1,
            "choices": [choice],
            "usage": usage(truth),
        }

    return shape


@pytest.mark.parametrize("pairs", [True, False])
@pytest.mark.parametrize("chat", [True, False])
def test_mlx_lm_token_ids_are_used_as_ids(tmp_path, tok, tiny_teacher_dir, pairs, chat):
    """It stopped at the first answer ("unexpected shape": `tokens` are ints): now every id is the
    server's own, top-k from its (id, logprob) pairs or {id: logprob} dicts, sorted."""
    out = harvest(tmp_path, upstream(tok, mlx(pairs)), tiny_teacher_dir, chat=chat, top_logprobs=K)
    counts = check_store(tmp_path, tok, K)
    assert out["written"] == 8
    assert counts["tokens_mapped"] == counts["tokens"] > 0 and counts["top_mapped"] == counts["top"] > 0
    rec = next(HarvestStore(tmp_path / "h.sqlite").records())
    assert list(rec.top_ids[0][:1]) == [Truth(tok, ANSWERS[0], K).ids[0]]  # best first


def test_mlx_lm_ids_outside_the_vocabulary_are_not_stored(tmp_path, tok, tiny_teacher_dir):
    """Ids the tokenizer does not have (another model's) are -1, counted, and a store full of
    them stops the run with the wrong-tokenizer line instead of storing them."""
    vocab = len(tok)

    def shifted(truth: Truth, chat: bool, body: dict) -> dict:
        out = mlx()(truth, chat, body)
        lp = out["choices"][0]["logprobs"]
        lp["tokens"] = [i + vocab for i in lp["tokens"]]
        lp["top_logprobs"] = [[[i + vocab, x] for i, x in top] for top in lp["top_logprobs"]]
        return out

    with pytest.raises(UserError, match=r"maps only 0% .*--tokenizer"):
        harvest(tmp_path, upstream(tok, shifted), tiny_teacher_dir, n=12, top_logprobs=K)


def test_mlx_lm_ids_of_another_tokenizer_stop_the_run(tmp_path, tok, tiny_teacher_dir):
    """Ids inside the vocabulary that spell something else than the answer: another model's
    tokenizer. They were stored as the teacher's; now the run stops with one line."""

    def other(truth: Truth, chat: bool, body: dict) -> dict:
        out = mlx()(truth, chat, body)
        lp = out["choices"][0]["logprobs"]
        lp["tokens"] = [3 + (i * 7) % (len(tok) - 3) for i in lp["tokens"]]
        return out

    with pytest.raises(UserError, match=r"do not spell .*--tokenizer") as e:
        harvest(tmp_path, upstream(tok, other), tiny_teacher_dir, top_logprobs=K)
    assert "\n" not in str(e.value)


def test_mlx_lm_text_only(tmp_path, tok, tiny_teacher_dir):
    def shape(truth: Truth, chat: bool, body: dict) -> dict:
        out = mlx()(truth, chat, body)
        out["choices"][0]["logprobs"]["top_logprobs"] = []  # none asked for
        return out

    harvest(tmp_path, upstream(tok, shape), tiny_teacher_dir)
    counts = check_store(tmp_path, tok, 0)
    assert counts["tokens_mapped"] == counts["tokens"] > 0


def test_mlx_lm_reasoning_is_spelled_from_its_ids(tmp_path, tok, tiny_teacher_dir):
    """`reasoning` beside `content`, token reports as ids: the text is what the ids spell."""

    def shape(truth: Truth, chat: bool, body: dict) -> dict:
        out = mlx()(truth, chat, body)
        out["choices"][0]["message"]["reasoning"] = "x"
        return out

    harvest(tmp_path, upstream(tok, shape), tiny_teacher_dir, top_logprobs=K)
    check_store(tmp_path, tok, K)


def test_mlx_lm_reasoning_without_a_tokenizer_keeps_the_text(tmp_path, tok, tiny_teacher_dir):
    """Without --tokenizer the ids cannot be spelled: the text was stored as "" (the bytes of
    ids no tokenizer names); now it is the reasoning wrapped as the model writes it."""

    def shape(truth: Truth, chat: bool, body: dict) -> dict:
        out = mlx()(truth, chat, body)
        out["choices"][0]["message"]["reasoning"] = "Let me think."
        return out

    harvest(tmp_path, upstream(tok, shape), tiny_teacher_dir, tokenizer=False, n=1)
    (rec,) = HarvestStore(tmp_path / "h.sqlite").records()
    assert rec.text == "<think>\nLet me think.\n</think>\n\n" + ANSWERS[0]


def test_mlx_lm_text_only_ids_of_another_model_stop_the_run(tmp_path, tok, tiny_teacher_dir):
    """A text-only harvest has no top-k to tell a wrong tokenizer by: ids outside the vocabulary
    were stored as -1 in every answer without a word; the chosen tokens now count too."""

    def shape(truth: Truth, chat: bool, body: dict) -> dict:
        out = mlx()(truth, chat, body)
        lp = out["choices"][0]["logprobs"]
        lp["tokens"], lp["top_logprobs"] = [i + 1000 for i in lp["tokens"]], []
        return out

    with pytest.raises(UserError, match=r"maps only 0% .*--tokenizer"):
        harvest(tmp_path, upstream(tok, shape), tiny_teacher_dir, n=12)


# ---- KoboldCpp: chat `content` and legacy lists in one object, bytes of a lossy string ----


def kobold(truth: Truth, chat: bool, body: dict, table: TokenMap) -> dict:
    """koboldcpp.py's logprobs: each token's string decoded from its bytes with errors="ignore",
    its `bytes` re-encoded from that string (so [] for half a character, [32] for a space plus a
    lead byte), both the chat `content` list and the legacy lists, `text_offset` in characters."""

    def show(i: int) -> str:
        return table.raw.get(i, b"").decode("utf-8", "ignore")

    content, tokens, tops, offsets, at = [], [], [], [], 0
    for t, i in enumerate(truth.ids):
        s = show(i)
        content.append(
            {
                "token": s,
                "logprob": truth.chosen[t],
                "bytes": list(s.encode()),
                "top_logprobs": [
                    {"token": show(a), "logprob": x, "bytes": list(show(a).encode())}
                    for a, x in truth.tops[t]
                ],
            }
        )
        tokens.append(s)
        tops.append({show(a): x for a, x in reversed(truth.tops[t])})
        offsets.append(at)
        at += len(s)
    lp = {
        "content": content,
        "tokens": tokens,
        "token_logprobs": truth.chosen,
        "top_logprobs": tops,
        "text_offset": offsets,
    }
    choice: dict = {"index": 0, "finish_reason": "stop", "logprobs": lp}
    if chat:
        choice["message"] = {"role": "assistant", "content": truth.text}
    else:
        choice["text"] = truth.text
    return {
        "id": "x",
        "object": "chat.completion" if chat else "text_completion",
        "created": 1,
        "model": "koboldcpp/m",
        "choices": [choice],
        "usage": usage(truth),
    }


@pytest.mark.parametrize("chat", [True, False])
def test_koboldcpp_lossy_bytes_never_give_a_wrong_id(tmp_path, cjk, chat):
    """KoboldCpp's `bytes` are its ignore-decoded string re-encoded: [32] for a space plus a lead
    byte (" \\xe2\\x98") mapped to the space's id, stored silently. They are read as the string
    they came from, which the answer's bytes then pin down."""
    path, tok, table = cjk
    app = upstream(tok, lambda t, c, b: kobold(t, c, b, table), split=table)
    harvest(tmp_path, app, path, chat=chat, top_logprobs=K)
    counts = check_store(tmp_path, tok, K, split=table)
    assert counts["tokens_mapped"] > 0.5 * counts["tokens"] and counts["top_mapped"] > 0.5 * counts["top"]


# ---- Ollama /v1, LM Studio, LocalAI: no logprobs, extra fields, partial usage ----


def plain(logprobs: str = "null", usage_fields: tuple[str, ...] = ("prompt_tokens",), **extra) -> Shape:
    def shape(truth: Truth, chat: bool, body: dict) -> dict:
        choice: dict = {"index": 0, "finish_reason": "stop"}
        if logprobs == "null":
            choice["logprobs"] = None
        elif logprobs == "empty":
            choice["logprobs"] = {}
        if chat:
            choice["message"] = {"role": "assistant", "content": truth.text}
        else:
            choice["text"] = truth.text
        u = {f: v for f, v in usage(truth).items() if f in usage_fields}
        return {
            "id": "x",
            "object": "chat.completion",
            "model": "m",
            "choices": [choice],
            **({"usage": u} if usage_fields else {}),
            **extra,
        }

    return shape


SERVERS_WITHOUT_LOGPROBS = {
    "ollama-omitted": plain("omitted", ("prompt_tokens", "completion_tokens")),
    "ollama-null-no-usage": plain("null", ()),
    "lmstudio": plain(
        "null",
        ("prompt_tokens", "completion_tokens", "total_tokens"),
        system_fingerprint="m",
        stats={"tokens_per_second": 40.1},
    ),
    "localai-empty": plain("empty", ("total_tokens",), system_fingerprint=None),
}


@pytest.mark.parametrize("name", list(SERVERS_WITHOUT_LOGPROBS))
@pytest.mark.parametrize("chat", [True, False])
def test_servers_without_logprobs_give_text_only_harvests(tmp_path, tok, tiny_teacher_dir, name, chat):
    out = harvest(tmp_path, upstream(tok, SERVERS_WITHOUT_LOGPROBS[name]), tiny_teacher_dir, chat=chat)
    check_store(tmp_path, tok, 0)
    assert out["written"] == 8


@pytest.mark.parametrize("name", list(SERVERS_WITHOUT_LOGPROBS))
def test_servers_without_logprobs_refuse_a_top_k_harvest_in_one_line(tmp_path, tok, tiny_teacher_dir, name):
    with pytest.raises(UserError, match="returns no top logprobs") as e:
        harvest(tmp_path, upstream(tok, SERVERS_WITHOUT_LOGPROBS[name]), tiny_teacher_dir, top_logprobs=K)
    assert "\n" not in str(e.value) and not (tmp_path / "h.sqlite").exists()


# ---- text-generation-inference: token strings as its incremental detokenizer emits them ----


def tgi(truth: Truth, chat: bool, body: dict, tok) -> dict:
    """TGI's `decode_token`: a token's text is what decoding the sequence so far adds, "" while
    the text ends in half a character (the next token then carries the whole character); the
    EOS token is reported (its text "<|im_end|>") but not in the answer; alternatives are each
    token decoded alone (U+FFFD for half a character); no `bytes`; finish "eos_token"."""
    content, prefix = [], ""
    for t, i in enumerate(truth.ids):
        if i == tok.eos_token_id:
            piece = tok.decode([i])
        else:
            now = tok.decode([j for j in truth.ids[: t + 1] if j != tok.eos_token_id])
            piece = "" if now.endswith("\ufffd") else now[len(prefix) :]
            prefix = prefix if now.endswith("\ufffd") else now
        content.append(
            {
                "token": piece,
                "logprob": truth.chosen[t],
                "top_logprobs": [{"token": tok.decode([a]), "logprob": x} for a, x in truth.tops[t]],
            }
        )
    choice = {
        "index": 0,
        "message": {"role": "assistant", "content": truth.text},
        "logprobs": {"content": content},
        "finish_reason": "eos_token",
    }
    return {
        "object": "chat.completion",
        "id": "",
        "created": 1,
        "model": "m",
        "system_fingerprint": "2.4.1-native",
        "choices": [choice],
        "usage": usage(truth),
    }


@pytest.mark.parametrize("vocab", ["tiny", "cjk"])
def test_tgi_incremental_token_strings_never_give_a_wrong_id(tmp_path, tok, tiny_teacher_dir, cjk, vocab):
    """TGI reports "" for each piece of a character and the whole character on the token that
    completes it: that string mapped to the id of a token spelling the whole character (" ☕"
    for "\\x95": a wrong id, stored silently), and the pieces stayed -1. Now a held-back run is
    read from the bytes its closing string spells."""
    path, tok, table = cjk if vocab == "cjk" else (tiny_teacher_dir, tok, TokenMap.from_tokenizer(tok))
    app = upstream(tok, lambda t, c, b: tgi(t, c, b, tok), eos=True, split=table)
    harvest(tmp_path, app, path, top_logprobs=K)
    counts = check_store(tmp_path, tok, K, eos=True, split=table)
    assert counts["tokens_mapped"] == counts["tokens"]


# ---- SGLang / vLLM: bytes, -9999 / -inf / null logprobs, short rows, repeats, prompt_logprobs ----


def vllm_like(truth: Truth, chat: bool, body: dict, table: TokenMap) -> dict:
    """vLLM's and SGLang's chat logprobs: the token decoded alone (U+FFFD for half a character)
    with its exact `bytes`; alternatives with -9999.0 (vLLM's floor), -inf or null logprobs, rows
    shorter than k, the chosen token repeated among its alternatives; `prompt_logprobs` in
    SGLang's list-of-lists shape beside the choice."""
    content = []
    for t, i in enumerate(truth.ids):
        alts = [
            {"token": table.raw[a].decode("utf-8", "replace"), "logprob": x, "bytes": list(table.raw[a])}
            for a, x in truth.tops[t]
        ]
        if t % 4 == 1:
            alts = alts[:2]  # fewer than k
        if t % 4 == 2:
            alts.append(dict(alts[0], logprob=alts[0]["logprob"] - 5))  # repeated
        if t % 4 == 3:
            alts[-1]["logprob"] = [-9999.0, float("-inf"), None][t % 3]
        content.append(
            {
                "token": table.raw[i].decode("utf-8", "replace"),
                "logprob": truth.chosen[t],
                "bytes": list(table.raw[i]),
                "top_logprobs": alts,
            }
        )
    if chat:
        choice = {
            "index": 0,
            "message": {
                "role": "assistant",
                "content": truth.text,
                "reasoning_content": None,
                "tool_calls": [],
            },
            "logprobs": {"content": content},
            "finish_reason": "stop",
            "matched_stop": 2,
        }
    else:
        legacy = {
            "tokens": [e["token"] for e in content],
            "token_logprobs": truth.chosen,
            # a dict keeps one entry per string: the first (a repeat is a chat-shape quirk)
            "top_logprobs": [
                dict(reversed([(a["token"], a["logprob"]) for a in e["top_logprobs"]])) for e in content
            ],
            "text_offset": [],
        }
        choice = {"index": 0, "text": truth.text, "logprobs": legacy, "finish_reason": "stop"}
    choice["prompt_logprobs"] = [[-1.5, 17, "q"], None]
    return {
        "id": "x",
        "object": "chat.completion",
        "created": 1,
        "model": "m",
        "choices": [choice],
        "usage": usage(truth),
        "prompt_logprobs": None,
    }


@pytest.mark.parametrize("chat", [True, False])
def test_vllm_and_sglang_oddities_are_stored_as_a_mask(tmp_path, tok, table, tiny_teacher_dir, chat):
    app = upstream(tok, lambda t, c, b: vllm_like(t, c, b, table))
    out = harvest(tmp_path, app, tiny_teacher_dir, chat=chat, top_logprobs=K)
    counts = check_store(tmp_path, tok, K)
    assert out["written"] == 8 and counts["tokens_mapped"] > 0.9 * counts["tokens"]
    for r in HarvestStore(tmp_path / "h.sqlite").records():
        assert r.top_ids.shape[1] == K and (r.top_logprobs <= 0).all()
        for row in r.top_ids:
            ids = [i for i in row if i >= 0]
            assert len(ids) == len(set(ids))  # each id once


# ---- generic oddities ----


def test_message_content_as_a_list_of_parts(tmp_path, tok, tiny_teacher_dir):
    """Mistral-style `content: [{"type": "text", "text": ...}]`: it stopped the run as an
    unexpected shape; the text parts are the answer."""

    def shape(truth: Truth, chat: bool, body: dict) -> dict:
        half = len(truth.text) // 2
        parts = [{"type": "text", "text": truth.text[:half]}, {"type": "text", "text": truth.text[half:]}]
        return {
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": parts}, "finish_reason": "stop"}
            ]
        }

    harvest(tmp_path, upstream(tok, shape), tiny_teacher_dir)
    check_store(tmp_path, tok, 0)


def test_an_event_stream_answer_is_read_as_the_answer(tmp_path, tok, table, tiny_teacher_dir):
    """A server (or proxy) that streams although `stream` was not asked for: it was retried as a
    body that is not JSON until the retries ran out; now the chunks are put together."""

    def shape(truth: Truth, chat: bool, body: dict) -> str:
        full = vllm_like(truth, chat, body, table)["choices"][0]
        entries = full["logprobs"]["content"]
        events = []
        for n, e in enumerate(entries):  # the text in two pieces, the token reports one a chunk
            piece = truth.text[:3] if n == 0 else truth.text[3:] if n == 1 else ""
            delta = {"role": "assistant", "content": piece} if n == 0 else {"content": piece}
            events.append(
                {
                    "id": "s",
                    "object": "chat.completion.chunk",
                    "choices": [
                        {"index": 0, "delta": delta, "logprobs": {"content": [e]}, "finish_reason": None}
                    ],
                }
            )
        events.append(
            {
                "id": "s",
                "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                "usage": usage(truth),
            }
        )
        return "".join(f"data: {json.dumps(ev)}\n\n" for ev in events) + "data: [DONE]\n\n"

    harvest(tmp_path, upstream(tok, shape, raw=True), tiny_teacher_dir, top_logprobs=K)
    check_store(tmp_path, tok, K)


def test_an_error_object_with_http_200_is_one_line(tmp_path, tok, tiny_teacher_dir):
    def shape(truth: Truth, chat: bool, body: dict) -> dict:
        return {"error": {"message": "model overloaded", "type": "server_error"}}

    with pytest.raises(UserError, match="model overloaded") as e:
        harvest(tmp_path, upstream(tok, shape), tiny_teacher_dir)
    assert "\n" not in str(e.value)


def test_empty_choices_and_refusals_are_left_pending_not_stored(tmp_path, tok, tiny_teacher_dir):
    def shape(truth: Truth, chat: bool, body: dict) -> dict:
        n = int(body["messages"][-1]["content"][1:])
        if n == 1:
            return {"choices": [], "usage": {}}
        if n == 2:
            return {
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": None, "refusal": "no"},
                        "finish_reason": "stop",
                    }
                ]
            }
        return plain()(truth, chat, body)

    out = harvest(tmp_path, upstream(tok, shape), tiny_teacher_dir, n=4)
    store = HarvestStore(tmp_path / "h.sqlite")
    assert sorted(r.prompt_id for r in store.records()) == ["p0", "p3"]
    assert out["rejected"]["prompts"] == 2 and store.pending(out["config_key"], 1) == ["p1", "p2"]

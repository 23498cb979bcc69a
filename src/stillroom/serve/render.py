"""Completions -> OpenAI's JSON shapes: chat and legacy completions, whole or as stream chunks.

Plain dicts (not pydantic objects) because this is the hot path of every request; the shapes
are the response models of `stillroom.contracts.openai`, and `tests/test_contracts.py` parses
this module's real output with them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from stillroom.serve.tokens import Detokenizer
from stillroom.teachers import Completion

_FLOOR = -9999.0  # JSON has no -inf; a token the model rules out gets this (as vLLM does)
CHAT_CHUNK, TEXT_CHUNK = "chat.completion.chunk", "text_completion"  # the two streams' `object`


@dataclass
class View:
    """What a response needs besides the completions."""

    id: str
    created: int
    model: str
    detok: Detokenizer
    logprobs: bool = False
    top_k: int = 0
    as_ids: bool = False  # vLLM's return_tokens_as_token_ids

    def token(self, token_id: int) -> tuple[str, list[int] | None]:
        s, raw = self.detok.token(token_id)
        return (f"token_id:{token_id}", raw) if self.as_ids else (s, raw)


def usage(completions: list[Completion], n: int) -> dict[str, int]:
    prompt = sum(c.prompt_tokens for c in completions[::n])
    done = sum(c.completion_tokens for c in completions)
    return {"prompt_tokens": prompt, "completion_tokens": done, "total_tokens": prompt + done}


def _lp(x: float) -> float:
    return max(float(x), _FLOOR)


def _top(v: View, c: Completion, t: int) -> list[tuple[str, list[int] | None, float]]:
    if not v.top_k or c.top_ids is None or c.top_logprobs is None:
        return []
    return [
        (*v.token(i), _lp(lp))
        for i, lp in zip(c.top_ids[t][: v.top_k], c.top_logprobs[t][: v.top_k], strict=True)
    ]


def chat_token_logprobs(v: View, c: Completion, steps: range) -> list[dict[str, Any]]:
    out = []
    for t in steps:
        s, raw = v.token(c.token_ids[t])
        top = [{"token": ts, "logprob": lp, "bytes": tb} for ts, tb, lp in _top(v, c, t)]
        out.append(
            {
                "token": s,
                "logprob": _lp(c.logprobs[t]) if c.logprobs else 0.0,
                "bytes": raw,
                "top_logprobs": top,
            }
        )
    return out


def legacy_logprobs(
    v: View, c: Completion, pieces: list[str], steps: range, offset: int = 0
) -> dict[str, Any]:
    """The completions endpoint's older shape: parallel lists, top-k as {token: logprob} dicts."""
    text_offset, pos = [], offset
    for t in steps:
        text_offset.append(pos)
        pos += len(pieces[t])
    return {
        "tokens": [v.token(c.token_ids[t])[0] for t in steps],
        "token_logprobs": [_lp(c.logprobs[t]) if c.logprobs else 0.0 for t in steps],
        "top_logprobs": [{ts: lp for ts, _, lp in _top(v, c, t)} for t in steps],
        "text_offset": text_offset,
    }


def chat_response(v: View, completions: list[Completion], n: int) -> dict[str, Any]:
    choices = []
    for i, c in enumerate(completions):
        lp = {"content": chat_token_logprobs(v, c, range(len(c.token_ids)))} if v.logprobs else None
        choices.append(
            {
                "index": i,
                "message": {"role": "assistant", "content": c.text},
                "logprobs": lp,
                "finish_reason": c.finish_reason,
            }
        )
    return {
        "id": v.id,
        "object": "chat.completion",
        "created": v.created,
        "model": v.model,
        "choices": choices,
        "usage": usage(completions, n),
    }


def completion_response(v: View, completions: list[Completion], n: int) -> dict[str, Any]:
    choices = []
    for i, c in enumerate(completions):
        lp = None
        if v.logprobs:
            lp = legacy_logprobs(v, c, v.detok.pieces(c.token_ids, c.text), range(len(c.token_ids)))
        choices.append({"index": i, "text": c.text, "logprobs": lp, "finish_reason": c.finish_reason})
    return _text_completion(v, choices, usage(completions, n))


def _text_completion(v: View, choices: list[dict[str, Any]], use: dict[str, int]) -> dict[str, Any]:
    """The legacy completions envelope around its choices."""
    return {
        "id": v.id,
        "object": "text_completion",
        "created": v.created,
        "model": v.model,
        "choices": choices,
        "usage": use,
    }


def echo_response(v: View, texts: list[str], scored: list[Completion]) -> dict[str, Any]:
    """Legacy completions with `echo` and nothing generated: each prompt and its tokens' logprobs.

    `scored` comes from `teacher.score` (per-token fields for tokens 1..); token 0 has no
    logprob, so its entries are null, as OpenAI's and vLLM's are."""
    choices = []
    for i, (text, c) in enumerate(zip(texts, scored, strict=True)):
        lp = None
        if v.logprobs:
            pieces = v.detok.pieces(c.token_ids, text)
            rest = legacy_logprobs(v, c, [""] * len(c.token_ids), range(len(c.token_ids) - 1))
            lp = {
                "tokens": [v.token(t)[0] for t in c.token_ids],
                "token_logprobs": [None, *rest["token_logprobs"]],
                "top_logprobs": [None, *rest["top_logprobs"]],
                "text_offset": [sum(len(p) for p in pieces[:t]) for t in range(len(pieces))],
            }
        choices.append({"index": i, "text": text, "logprobs": lp, "finish_reason": "length"})
    prompt = sum(c.prompt_tokens for c in scored)
    return _text_completion(
        v, choices, {"prompt_tokens": prompt, "completion_tokens": 0, "total_tokens": prompt}
    )


def _chunk(v: View, obj: str, choices: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """One SSE chunk in OpenAI's shape; `obj` names the stream's object type."""
    return {"id": v.id, "object": obj, "created": v.created, "model": v.model, "choices": choices, **extra}


# ---- stream chunks: built per choice, as tokens arrive (serve/stream.py drives them) ----


def chat_role(v: View, i: int) -> dict[str, Any]:
    """The first chunk of choice i: the role, no content yet (as OpenAI starts a stream)."""
    delta = {"role": "assistant", "content": ""}
    return _chunk(v, CHAT_CHUNK, [{"index": i, "delta": delta, "logprobs": None, "finish_reason": None}])


def chat_piece(v: View, i: int, c: Completion, steps: range, text: str) -> dict[str, Any]:
    """Choice i's `text`, added by tokens `steps` of `c` (their logprobs when asked for)."""
    lp = {"content": chat_token_logprobs(v, c, steps)} if v.logprobs else None
    return _chunk(
        v, CHAT_CHUNK, [{"index": i, "delta": {"content": text}, "logprobs": lp, "finish_reason": None}]
    )


def completion_piece(v: View, i: int, c: Completion, steps: range, text: str, offset: int) -> dict[str, Any]:
    """Legacy flavour of `chat_piece`; `offset` is where `text` starts in the answer."""
    lp = None
    if v.logprobs:
        pieces = {t: "" for t in steps} | ({steps[0]: text} if len(steps) else {})
        lp = legacy_logprobs(v, c, pieces, steps, offset)  # type: ignore[arg-type]
    return _chunk(v, TEXT_CHUNK, [{"index": i, "text": text, "logprobs": lp, "finish_reason": None}])


def tail(
    v: View, chat: bool, i: int, c: Completion, sent_tokens: int, sent_text: str
) -> Iterator[dict[str, Any]]:
    """The rest of the finished answer `c` after what was already streamed, one chunk per token,
    then the finish chunk. Nothing streamed yet: each token's own piece of the text; otherwise
    the unsent text rides on the first unsent token."""
    rest = c.text[len(sent_text) :]
    if sent_tokens == 0 and not sent_text:
        pieces = v.detok.pieces(c.token_ids, c.text)
    else:
        pieces = [""] * sent_tokens + [rest] + [""] * max(len(c.token_ids) - sent_tokens - 1, 0)
    offset = len(sent_text)
    for t in range(sent_tokens, len(c.token_ids)):
        piece = pieces[t]
        if piece or v.logprobs:
            steps = range(t, t + 1)
            yield (
                chat_piece(v, i, c, steps, piece) if chat else completion_piece(v, i, c, steps, piece, offset)
            )
        offset += len(piece)
    if sent_tokens >= len(c.token_ids) and rest:  # text with no token left to carry it
        yield (
            chat_piece(v, i, c, range(0), rest) if chat else completion_piece(v, i, c, range(0), rest, offset)
        )
    end = {"index": i, "logprobs": None, "finish_reason": c.finish_reason}
    end |= {"delta": {}} if chat else {"text": ""}
    yield _chunk(v, CHAT_CHUNK if chat else TEXT_CHUNK, [end])


def usage_chunk(v: View, chat: bool, completions: list[Completion], n: int) -> dict[str, Any]:
    return _chunk(v, CHAT_CHUNK if chat else TEXT_CHUNK, [], usage=usage(completions, n))

"""What a served teacher says its tokens were -> the teacher tokenizer's ids, step by step.

OpenAI-compatible servers report tokens in different ways, so every report is tried in the order of
how exact it is: an explicit id (llama.cpp's server sends `id`; vLLM sends `token_id:N` strings when
asked), then the token's `bytes` (OpenAI, vLLM; exact even for a byte-level token that is half a
UTF-8 character), then the token string through a table of single-token decodes. A string that
several ids decode to is ambiguous and maps to -1: llama-cpp-python reports every partial-UTF-8
token as '' (it decodes with errors="ignore") and merges alternatives with equal strings, so its
top-k can be shorter than k, and '' says nothing about which token it was.

`map_steps` turns one answer's steps into stored arrays with these rules, which the distill losses
rely on: top-k rows are sorted by logprob, at most k long, with each id at most once; an alternative
whose id is unknown (or repeats one already in the row) keeps its logprob with id -1, so training
moves its mass into the tail bucket; a row shorter than k is padded later by the store (id -1,
logprob -inf: no token, no mass). The chosen tokens that map to -1 are filled in from the answer
text where the teacher tokenizer can prove them (see `fill_from_text`).
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from typing import Any

Ref = str | dict[str, Any]  # a token as the server reported it: a string, or an entry with token/bytes/id
Step = tuple[Ref, float, list[tuple[Ref, float]]]  # (chosen token, its logprob, top-k alternatives)


def load_token_map(spec: str) -> TokenMap:
    """The table for a tokenizer spec: `hf:default` / `default` (the embedded teacher), `hf:PATH` or
    PATH (a model folder or .gguf)."""
    from transformers import AutoTokenizer

    from stillroom.models import resolve_model_path

    return TokenMap.from_tokenizer(
        AutoTokenizer.from_pretrained(resolve_model_path(spec.removeprefix("hf:")))
    )


@dataclass
class TokenMap:
    """Token reports -> ids of one tokenizer; unknown or ambiguous -> -1."""

    by_string: dict[str, int] = field(default_factory=dict)
    by_bytes: dict[bytes, int] = field(default_factory=dict)
    tokenizer: Any = None  # kept to re-encode answer text when a chosen token is unknown
    fingerprint: str | None = None

    @classmethod
    def from_tokenizer(cls, tok: Any) -> TokenMap:
        strings: dict[str, list[int]] = {}
        for i in range(len(tok)):
            strings.setdefault(tok.decode([i]), []).append(i)
        special = set(getattr(tok, "all_special_ids", []) or [])
        by_string = {}
        for s, ids in strings.items():
            ordinary = [i for i in ids if i not in special]
            if len(ids) == 1 or len(ordinary) == 1:  # a special token's look-alike is not ambiguous
                by_string[s] = ordinary[0] if ordinary else ids[0]
        vocab = tok.get_vocab()
        return cls(by_string, _byte_table(tok, vocab), tok, vocab_fingerprint(tok))

    def id(self, ref: Ref) -> int:
        if isinstance(ref, dict):
            return self._id_of_entry(ref)
        if ref.startswith("token_id:"):
            try:
                return int(ref[9:])
            except ValueError:
                return -1
        return self.by_string.get(ref, -1)

    def _id_of_entry(self, e: dict[str, Any]) -> int:
        for key in ("id", "token_id"):
            if isinstance(e.get(key), int) and e[key] >= 0:
                return e[key]
        token = str(e.get("token", ""))
        if token.startswith("token_id:"):  # vLLM's return_tokens_as_token_ids: the id itself
            return self.id(token)
        raw = e.get("bytes")
        if isinstance(raw, list) and self.by_bytes:
            try:
                return self.by_bytes.get(bytes(raw), -1)
            except (ValueError, TypeError):
                return -1
        return self.id(token)


def vocab_fingerprint(tok: Any) -> str:
    """Identity of a vocabulary (token -> id), whatever folder or spec it was loaded from."""
    return hashlib.sha256(json.dumps(sorted(tok.get_vocab().items())).encode()).hexdigest()[:16]


def _byte_table(tok: Any, vocab: dict[str, int]) -> dict[bytes, int]:
    """Exact bytes of every token of a byte-level BPE vocabulary (GPT-2 style); empty otherwise."""
    alphabet = _bytes_to_unicode()
    inverse = {c: b for b, c in alphabet.items()}
    table: dict[bytes, int] = {}
    special = set(getattr(tok, "all_special_ids", []) or [])
    for piece, i in vocab.items():
        if i in special:
            continue
        if not all(ch in inverse for ch in piece):
            return {}  # not a byte-level vocabulary
        table.setdefault(bytes(inverse[ch] for ch in piece), i)
    return table


def _bytes_to_unicode() -> dict[int, str]:
    """GPT-2's printable stand-ins for the 256 byte values (what byte-level BPE vocabularies store)."""
    keep = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    out, extra = {}, 0
    for b in range(256):
        if b in keep:
            out[b] = chr(b)
        else:
            out[b] = chr(256 + extra)
            extra += 1
    return out


@dataclass
class Mapped:
    """One answer's token arrays plus how well its reports mapped (summed into the harvest's numbers)."""

    token_ids: list[int]
    logprobs: list[float]
    top_ids: list[list[int]] | None
    top_logprobs: list[list[float]] | None
    top_total: int = 0  # alternatives the server returned (after merging and truncation to k)
    top_unmapped: int = 0  # of which without a usable id (their mass goes to the tail bucket)
    tokens_unmapped: int = 0  # chosen tokens still without an id after filling from the text

    def counts(self) -> dict[str, int]:
        return {
            "top_total": self.top_total,
            "top_unmapped": self.top_unmapped,
            "tokens": len(self.token_ids),
            "tokens_unmapped": self.tokens_unmapped,
        }


def map_steps(steps: list[Step], tokens: TokenMap, k: int, text: str) -> Mapped:
    """Map one answer's steps to ids (module docstring: sorting, truncation, duplicates, -1)."""
    ids = [tokens.id(ref) for ref, _, _ in steps]
    if -1 in ids and tokens.tokenizer is not None:
        ids = fill_from_text(ids, [_string(ref) for ref, _, _ in steps], text, tokens)
    out = Mapped(ids, [_finite(lp) for _, lp, _ in steps], None, None, tokens_unmapped=ids.count(-1))
    if k:
        rows = [_top_row(top, tokens, k) for _, _, top in steps]
        out.top_ids = [r[0] for r in rows]
        out.top_logprobs = [r[1] for r in rows]
        out.top_total = sum(len(r[0]) for r in rows)
        out.top_unmapped = sum(r[0].count(-1) for r in rows)
    return out


def _top_row(top: list[tuple[Ref, float]], tokens: TokenMap, k: int) -> tuple[list[int], list[float]]:
    ranked = sorted(((tokens.id(ref), _finite(lp)) for ref, lp in top), key=lambda x: -x[1])[:k]
    seen: set[int] = set()
    ids, lps = [], []
    for i, lp in ranked:
        ids.append(i if i not in seen else -1)
        lps.append(lp)
        seen.add(i)
    return ids, lps


def _finite(lp: float) -> float:
    """Logprobs as servers send them: -inf or NaN for impossible tokens, tiny positives from rounding."""
    return min(lp, 0.0) if math.isfinite(lp) else -1e4


def _string(ref: Ref) -> str:
    return str(ref.get("token", "")) if isinstance(ref, dict) else ref


def fill_from_text(ids: list[int], strings: list[str], text: str, tokens: TokenMap) -> list[int]:
    """Fill runs of unknown chosen tokens by re-encoding the stretch of `text` they must cover.

    Known tokens are matched against the text left to right; the text between two known tokens
    (or after the last one) is what the unknown run in between produced. If the teacher tokenizer
    encodes that stretch into exactly as many tokens as the run is long, those are the ids (a model
    almost always emits the canonical encoding); otherwise the run stays -1 and that answer is left
    out of logit training. Nothing is guessed when the known tokens do not match the text.
    """
    tok, out, pos, i = tokens.tokenizer, list(ids), 0, 0
    while i < len(out):
        if out[i] >= 0:
            piece = tok.decode([out[i]])
            if not text.startswith(piece, pos):
                return ids
            pos, i = pos + len(piece), i + 1
            continue
        j = next((n for n in range(i, len(out)) if out[n] >= 0), len(out))
        end = _next_start(text, pos, tok.decode([out[j]]) if j < len(out) else None)
        if end is None:
            return out
        guess = tok(text[pos:end], add_special_tokens=False)["input_ids"]
        if len(guess) == j - i:
            out[i:j] = guess
        pos, i = end, j
    return out


def _next_start(text: str, pos: int, piece: str | None) -> int | None:
    if piece is None:
        return len(text)
    if not piece:
        return None
    at = text.find(piece, pos)
    return None if at < 0 else at

"""Token ids back to text, the way the API shows them: per-token strings and bytes, stream pieces.

A teacher returns token ids and the whole answer's text. The API also needs (a) each token's own
string and bytes for logprobs and (b) the piece of the answer each token adds, for streaming and
`text_offset`. Pieces are cut from the answer text itself, so they always concatenate to exactly
the non-streamed text (stop strings, skipped special tokens and multi-byte characters included).
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from stillroom.teachers.fake import FakeTeacher

TokenInfo = tuple[str, list[int] | None]  # (string, bytes)


class Detokenizer:
    """Any teacher: without a tokenizer, tokens are shown as `token_id:N` and the text is one piece."""

    def decode(self, ids: list[int]) -> str | None:
        return None

    def token(self, token_id: int) -> TokenInfo:
        s = f"token_id:{token_id}"
        return s, list(s.encode())

    def pieces(self, ids: list[int], text: str) -> list[str]:
        """The text each token adds; `"".join(pieces) == text` and `len(pieces) == len(ids)`."""
        if not ids:
            return []
        if self.decode(ids[:1]) is None:
            return [text] + [""] * (len(ids) - 1)
        out, prev, pos, start, read = [], 0, 0, 0, 0
        for t in range(len(ids) - 1):
            # Incremental detokenisation (as vLLM does): decode a short window before and after the
            # token, since a token's text depends on its neighbours (merged bytes, leading spaces).
            # A token that ends inside a multi-byte character adds nothing until it completes.
            before, after = self.decode(ids[start:read]) or "", self.decode(ids[start : t + 1]) or ""
            if len(after) > len(before) and not after.endswith("\ufffd"):
                pos += len(after) - len(before)
                start, read = read, t + 1
            end = min(max(pos, prev), len(text))
            out.append(text[prev:end])
            prev = end
        out.append(text[prev:])
        return out


class HFDetokenizer(Detokenizer):
    def __init__(self, tokenizer: Any):
        self.tok = tokenizer
        self._bytes = _byte_decoder(tokenizer)
        self.token = lru_cache(maxsize=65536)(self._token)  # type: ignore[method-assign]

    def decode(self, ids: list[int]) -> str:
        return self.tok.decode(ids, skip_special_tokens=True)

    def _token(self, token_id: int) -> TokenInfo:
        s = self.tok.decode([token_id], skip_special_tokens=False)
        raw = self.tok.convert_ids_to_tokens(token_id)
        if self._bytes is not None and isinstance(raw, str) and all(ch in self._bytes for ch in raw):
            return s, [self._bytes[ch] for ch in raw]  # exact bytes, even for half a UTF-8 character
        return s, list(s.encode())


class WordDetokenizer(Detokenizer):
    """A teacher whose text is its words joined by spaces (the fake teacher)."""

    def __init__(self, words: list[str]):
        self.words = words

    def decode(self, ids: list[int]) -> str:
        return " ".join(self.words[i] for i in ids)

    def token(self, token_id: int) -> TokenInfo:
        s = self.words[token_id]
        return s, list(s.encode())


def _byte_decoder(tokenizer: Any) -> dict[str, int] | None:
    """GPT-2 style byte-level BPE spells each byte as one printable character; invert that map."""
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if type(getattr(backend, "decoder", None)).__name__ != "ByteLevel":
        return None
    # GPT-2's table: printable bytes stand for themselves, the other 68 map to chr(256 + i).
    printable = [
        *range(ord("!"), ord("~") + 1),
        *range(ord("¡"), ord("¬") + 1),
        *range(ord("®"), ord("ÿ") + 1),
    ]
    table = {chr(b): b for b in printable}
    extra = (b for b in range(256) if b not in printable)
    table.update({chr(256 + i): b for i, b in enumerate(extra)})
    return table


def detokenizer_for(teacher: Any) -> Detokenizer:
    tok = getattr(teacher, "tokenizer", None)
    if tok is not None and callable(getattr(tok, "decode", None)):
        # A copy: the event loop decodes while the worker thread encodes, and a Rust tokenizer
        # shared across threads can fail with "Already borrowed".
        return HFDetokenizer(copy.deepcopy(tok))
    if isinstance(teacher, FakeTeacher):
        return WordDetokenizer(teacher.words)
    return Detokenizer()

"""What a served teacher says its tokens were -> the teacher tokenizer's ids, step by step.

OpenAI-compatible servers report tokens in different ways, so every report is tried in the order of
how exact it is: an explicit id (llama.cpp's server sends `id`; vLLM sends `token_id:N` strings when
asked), then the token's `bytes` (OpenAI, vLLM; exact even for a byte-level token that is half a
UTF-8 character), then the token string through a table of the strings that name one token only.
A server shows a partial-UTF-8 token as the string its bytes decode to, either with U+FFFD (HF,
vLLM) or with the broken bytes dropped (llama-cpp-python: errors="ignore"), so a string either way
of showing gives to several tokens is ambiguous and maps to -1: for SmolLM2's vocabulary that is
'' (274 tokens), ' ' (the space and 37 tokens of a space plus a lead byte) and two more.
llama-cpp-python sends no ids and no bytes on either endpoint (its chat `bytes` are null) and keys
its top-k by that string, so alternatives with equal strings are merged into one entry and the
top-k can be shorter than k.

Context identifies more than strings do. The chosen tokens' bytes, decoded, are the answer text,
so `align_to_text` reads the text back into tokens (held to the server's `text_offset` where it
sends one) and fills every chosen id all readings agree on. A top-k entry with the chosen token's
string and exactly its logprob is the chosen token (llama-cpp-python writes it in last, over
whatever it merged there), so it gets the chosen id. What stays -1: alternatives whose string is
ambiguous and that are not the chosen token (such a `''` entry of llama-cpp-python is one or more
tokens merged, its logprob the lowest of theirs; a `' '` one the space or a space plus a lead
byte), and chosen tokens no reading pins down (a character split in ways the strings cannot tell
apart, or a last token such as ' ' whose bytes the server may have cut inside a character).

`map_steps` turns one answer's steps into stored arrays with these rules, which the distill losses
rely on: top-k rows are sorted by logprob, at most k long, with each id at most once; an alternative
whose id is unknown (or repeats one already in the row) keeps its logprob with id -1, so training
moves its mass into the tail bucket; a row shorter than k is padded later by the store (id -1,
logprob -inf: no token, no mass).
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
    tokenizer: Any = None  # re-encodes answer text where there is no byte table (`fill_from_text`)
    fingerprint: str | None = None

    def __post_init__(self) -> None:
        self.vocab_size = len(self.tokenizer) if self.tokenizer is not None else None
        self.raw = {i: b for b, i in self.by_bytes.items()}  # id -> bytes, to read answers back
        self.showing: dict[str, list[int]] = {}  # string -> ids a server may show as it
        for raw, i in self.by_bytes.items():
            for shown in {raw.decode("utf-8", "ignore"), raw.decode("utf-8", "replace")}:
                self.showing.setdefault(shown, []).append(i)

    @classmethod
    def from_tokenizer(cls, tok: Any) -> TokenMap:
        vocab = tok.get_vocab()
        by_bytes = _byte_table(tok, vocab)
        shown: dict[str, set[int]] = {}
        for i in range(len(tok)):
            shown.setdefault(tok.decode([i]), set()).add(i)
        for raw, i in by_bytes.items():  # as llama-cpp-python shows a token: broken bytes dropped
            shown.setdefault(raw.decode("utf-8", "ignore"), set()).add(i)
        special = set(getattr(tok, "all_special_ids", []) or [])
        by_string = {}
        for s, ids in shown.items():
            ordinary = [i for i in ids if i not in special]
            if len(ids) == 1 or len(ordinary) == 1:  # a special token's look-alike is not ambiguous
                by_string[s] = ordinary[0] if ordinary else min(ids)
        return cls(by_string, by_bytes, tok, vocab_fingerprint(tok))

    def id(self, ref: Ref) -> int:
        if isinstance(ref, dict):
            return self._id_of_entry(ref)
        if ref.startswith("token_id:"):
            try:
                return self._in_vocab(int(ref[9:]))
            except ValueError:
                return -1
        return self.by_string.get(ref, -1)

    def _in_vocab(self, i: int) -> int:
        """An id a server sent as such (llama.cpp's `id`, vLLM's `token_id:N`, mlx_lm's ints): -1
        when the tokenizer has no such id (another model's), never stored as if it were ours."""
        return i if self.vocab_size is None or 0 <= i < self.vocab_size else -1

    def _id_of_entry(self, e: dict[str, Any]) -> int:
        for key in ("id", "token_id"):
            if isinstance(e.get(key), int) and e[key] >= 0:
                return self._in_vocab(e[key])
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


def map_steps(
    steps: list[Step], tokens: TokenMap, k: int, text: str, offsets: list[int] | None = None
) -> Mapped:
    """Map one answer's steps to ids (module docstring: sorting, truncation, duplicates, -1);
    `offsets`: the server's `text_offset` per step, where sent (see `align_to_text`)."""
    ids = [tokens.id(ref) for ref, _, _ in steps]
    strings = [ref_string(ref) for ref, _, _ in steps]
    if tokens.by_bytes and _held_back(strings, text, tokens):
        ids = read_held_back(ids, strings, tokens)
    if -1 in ids and tokens.by_bytes:
        ids = align_to_text(ids, strings, text, tokens, offsets)
    elif -1 in ids and tokens.tokenizer is not None:
        ids = fill_from_text(ids, strings, text, tokens)
    out = Mapped(ids, [_finite(lp) for _, lp, _ in steps], None, None, tokens_unmapped=ids.count(-1))
    if k:
        rows = [
            _top_row(top, tokens, k, (s, lp, i))
            for (_, lp, top), s, i in zip(steps, strings, ids, strict=True)
        ]
        out.top_ids = [r[0] for r in rows]
        out.top_logprobs = [r[1] for r in rows]
        out.top_total = sum(len(r[0]) for r in rows)
        out.top_unmapped = sum(r[0].count(-1) for r in rows)
    return out


def _top_row(
    top: list[tuple[Ref, float]], tokens: TokenMap, k: int, chosen: tuple[str, float, int]
) -> tuple[list[int], list[float]]:
    """One step's alternatives as (ids, logprobs); `chosen` is the step's (string, logprob, id)."""
    string, logprob, chosen_id = chosen
    pairs = []
    for ref, lp in top:
        i = tokens.id(ref)
        if i < 0 and chosen_id >= 0 and lp == logprob and ref_string(ref) == string:
            i, chosen_id = chosen_id, -1  # the chosen token itself, written in under its string
        pairs.append((i, _finite(lp)))
    ranked = sorted(pairs, key=lambda x: -x[1])[:k]
    seen: set[int] = set()
    ids, lps = [], []
    for i, lp in ranked:
        ids.append(i if i not in seen else -1)
        lps.append(lp)
        seen.add(i)
    return ids, lps


def _held_back(strings: list[str], text: str, tokens: TokenMap) -> bool:
    """Token strings as an incremental detokenizer emits them (text-generation-inference's
    `decode_token`): "" while the text so far ends in half a character, then the whole character
    (and anything before it) on the token that completes it. Told apart from a server that shows
    each token alone (llama-cpp-python's "" for half a character drops those bytes from its
    strings, vLLM's shows U+FFFD) by the strings, special tokens aside, spelling the answer exactly."""
    if "" not in strings:
        return False
    special = _specials(tokens)
    return "".join(s for s in strings if s not in special) == text


def _specials(tokens: TokenMap) -> set[str]:
    return set(getattr(tokens.tokenizer, "all_special_tokens", None) or [])


def read_held_back(ids: list[int], strings: list[str], tokens: TokenMap) -> list[int]:
    """Ids for the runs of held-back steps ("" ... "", then the string that completes them): the
    closing string is the run's bytes exactly, so the run is the one way of spelling those bytes
    with as many tokens as it has steps; none or several ways: every step of the run is -1 (the
    closing string alone names a token that spells the whole run, a wrong id). A run the answer
    ends inside, or a special token ends, stays as it is (`align_to_text` reads it)."""
    out, start, special = list(ids), 0, _specials(tokens)
    for t, s in enumerate(strings):
        if s == "":
            continue
        if t > start and s not in special:
            ways = _spellings(s.encode(), t + 1 - start, tokens.by_bytes)
            out[start : t + 1] = ways[0] if len(ways) == 1 else [-1] * (t + 1 - start)
        start = t + 1
    return out


def _spellings(data: bytes, n: int, by_bytes: dict[bytes, int], limit: int = 2) -> list[list[int]]:
    """Up to `limit` ways of writing `data` as exactly `n` tokens of the byte table."""
    if n == 0:
        return [[]] if not data else []
    out: list[list[int]] = []
    for cut in range(1, len(data) - n + 2):
        if (i := by_bytes.get(data[:cut])) is not None:
            out += [[i, *rest] for rest in _spellings(data[cut:], n - 1, by_bytes, limit - len(out))]
            if len(out) >= limit:
                break
    return out[:limit]


def _finite(lp: float) -> float:
    """Logprobs as servers send them: -inf or NaN for impossible tokens, tiny positives from rounding."""
    return min(lp, 0.0) if math.isfinite(lp) else -1e4


def ref_string(ref: Ref) -> str:
    """A token report's string: the report itself, or its `token` field."""
    return str(ref.get("token", "")) if isinstance(ref, dict) else ref


State = tuple[int, int, int, int, int]  # see `_byte`
Moves = dict[State, list[tuple[int, State]]]  # state -> (token id, state after it) for tokens that fit


def align_to_text(
    ids: list[int], strings: list[str], text: str, tokens: TokenMap, offsets: list[int] | None = None
) -> list[int]:
    """Fill the unknown chosen tokens that every reading of the answer agrees on.

    The server's text is its chosen tokens' bytes run through a UTF-8 decoder that drops what it
    cannot decode (errors="ignore", as llama-cpp-python does), so a reading is one token per step
    whose bytes decode to exactly the text, each token showing, alone, as the step's string (with
    broken bytes dropped, or as U+FFFD); a step with a known id keeps it. `offsets`, where the
    server sends them (legacy `text_offset`), say how many characters the steps before each one
    decode to, and a reading must agree. A step is filled when all readings give it the same
    token, so a character split in ways the strings cannot tell apart (three bytes shown as '' '')
    stays -1, and nothing is guessed when no reading exists.

    Readings are first looked for under one assumption: the decoder dropped bytes only after the
    text's last character (an answer cut inside a character). Without it every ' ' before ASCII
    could be a space plus a lead byte the decoder dropped, and any run of '' could hide one. Only
    when no such reading exists, and `offsets` pin down each step, are dropped bytes allowed
    anywhere. A broken character inside an answer does happen (2 of 200 llama-cpp-python answers
    measured); `offsets` rule out the clean readings that split characters differently to hide
    it, but without them such an answer can get wrong ids (1 of those 2: 2 ids).
    """
    data = text.encode()
    pinned = offsets is not None and len(offsets) == len(ids)
    for clean in (True, False) if pinned else (True,):
        moves = _readings_forward(ids, strings, data, tokens, offsets if pinned else None, clean)
        ends = {state for state in moves[-1] if state[0] == len(data)}
        if ends:
            break
    else:
        return ids
    live = _live(moves, ends)
    out = list(ids)
    for t in range(len(ids)):
        used = {i for st, ms in moves[t].items() if st in live[t] for i, nxt in ms if nxt in live[t + 1]}
        if len(used) == 1:
            out[t] = used.pop()
    return out


_MAX_STATES = 4096  # a reading search this wide tells nothing: give up on the answer


def _readings_forward(
    ids: list[int], strings: list[str], data: bytes, tokens: TokenMap, offsets: list[int] | None, clean: bool
) -> list[Moves]:
    """For each step, the tokens that fit in each decoder state some reading reaches; `clean`:
    no bytes dropped before the text's end."""
    chars = _char_counts(data) if offsets is not None else None
    reach: set[State] = {(0, 0, 0, 0, -1)}
    moves = []
    for t, (i, s) in enumerate(zip(ids, strings, strict=True)):
        if chars is not None:
            reach = {st for st in reach if chars[st[0]] == offsets[t] - offsets[0]}
        if len(reach) > _MAX_STATES:
            reach = set()
        candidates = [i] if i >= 0 else tokens.showing.get(s, [])
        step = {
            st: [(j, nxt) for j in candidates if (nxt := _feed(st, tokens.raw.get(j), data, clean))]
            for st in reach
        }
        moves.append(step)
        reach = {nxt for ms in step.values() for _, nxt in ms}
    moves.append({st: [] for st in reach})
    return moves


def _char_counts(data: bytes) -> dict[int, int]:
    """Byte offset of each character boundary -> characters before it."""
    out, p = {0: 0}, 0
    for n, ch in enumerate(data.decode(), 1):
        p += len(ch.encode())
        out[p] = n
    return out


def _feed(state: State, raw: bytes | None, data: bytes, clean: bool) -> State | None:
    if raw is None:  # a special token: not in the text
        return state
    for b in raw:
        state = _byte(state, b, data, clean)
        if state is None:
            return None
    return state


# lead byte -> (continuation bytes it needs, allowed range of the first of them), as CPython decodes
_LEAD = {
    **{b: (1, 0x80, 0xBF) for b in range(0xC2, 0xE0)},
    **{b: (2, 0x80, 0xBF) for b in range(0xE1, 0xF0)},
    0xE0: (2, 0xA0, 0xBF),
    0xED: (2, 0x80, 0x9F),
    **{b: (3, 0x80, 0xBF) for b in range(0xF1, 0xF4)},
    0xF0: (3, 0x90, 0xBF),
    0xF4: (3, 0x80, 0x8F),
}


def _byte(state: State, b: int, data: bytes, clean: bool) -> State | None:
    """One byte through an errors="ignore" UTF-8 decoder that must reproduce `data`, or None.

    State: (bytes of `data` produced, continuation bytes the pending character still needs, the
    range the next one must be in, how many pending bytes match `data` so far, or -1). A pending
    character that cannot go on is dropped, like a stray or invalid byte; if `clean`, only once
    all of `data` is produced (bytes that can only be dropped are refused before that).
    """
    p, need, lo, hi, match = state
    refuse = clean and p < len(data)  # bytes the decoder would drop are refused here
    if need and lo <= b <= hi:
        same = match >= 0 and p + match < len(data) and data[p + match] == b
        if not same and (refuse or need == 1):
            return None  # a character the text does not have
        if need > 1:
            return (p, need - 1, 0x80, 0xBF, match + 1 if same else -1)
        return (p + match + 1, 0, 0, 0, -1)
    if need and refuse:
        return None  # the pending character would be dropped
    if b < 0x80:
        return (p + 1, 0, 0, 0, -1) if p < len(data) and data[p] == b else None
    if b not in _LEAD:
        return None if refuse else (p, 0, 0, 0, -1)  # a stray or invalid byte, dropped
    n, lo, hi = _LEAD[b]
    same = p < len(data) and data[p] == b
    return None if refuse and not same else (p, n, lo, hi, 1 if same else -1)


def _live(moves: list[Moves], ends: set[State]) -> list[set[State]]:
    """For each step, the states from which a reading reaches one of `ends`."""
    live = [set(ends)]
    for step in reversed(moves[:-1]):
        live.append({st for st, ms in step.items() if any(nxt in live[-1] for _, nxt in ms)})
    return live[::-1]


def fill_from_text(ids: list[int], strings: list[str], text: str, tokens: TokenMap) -> list[int]:
    """Fill runs of unknown chosen tokens by re-encoding the stretch of `text` they must cover, for a
    vocabulary without a byte table (not byte-level BPE), where `align_to_text` cannot read bytes.

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

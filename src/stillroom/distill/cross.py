"""Cross-tokenizer distillation: a teacher's harvested top-k, re-expressed in the student's vocabulary.

Students rarely share the teacher's tokenizer. The harvest stores, per teacher token of an answer,
the teacher's k most likely next tokens; this module turns that into the same sparse target the
same-vocabulary path trains on (k ids + a tail bucket, `losses.sparse_logprobs`), but over student
ids and at student positions, so every divergence in `losses` applies unchanged.

Maths. Let x be the answer text, t_1..t_n the teacher's tokens of it and s_1..s_m the student's
(its own tokenizer on the same text). Write c_T(i) for the number of characters of x the teacher
has consumed before step i (the length of decode(t_<i)) and c_S(j) likewise for the student.

1. Alignment by character offset (as TRL's GOLD aligns by text): student position j and teacher
   step i are aligned when c_S(j) = c_T(i). Then both predict "what comes after x[:c]" for the same
   c, and the teacher's next-token distribution p_i is a distribution over continuations of x[:c].
   Positions where the tokenizations cut x differently (a student token that ends inside a teacher
   token, a teacher step in the middle of a UTF-8 character) get no teacher target.
2. Projection onto the student's first token: an alternative teacher token a with text w = decode(a)
   continues x[:c] with w. The student would start that continuation with its first token of w
   *in context*, sigma(a) = first student token of tokenize(x[c-W:c] + w) after the window W (when
   that tokenization keeps a token boundary at c; otherwise the student cannot start w at c and
   sigma(a) is undefined). The projected teacher distribution over student ids is
       P_i(v) = sum over known alternatives a with sigma(a) = v of p_i(a),
   and everything else (alternatives outside the top-k, alternatives with no sigma, e.g. an empty
   or half-character w) is the tail bucket 1 - sum_v P_i(v). This is exactly the marginal of the
   teacher's next-token distribution over the student's first token, restricted to what the top-k
   shows; with the student's tokenizer equal to the teacher's it is the identity (tested).
3. The loss at an aligned position is any divergence D(P_i, q_j) between the projected target and
   the student's distribution q_j gathered at the same ids plus its own tail (losses.py); unaligned
   positions carry only the cross-entropy term, if weighted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

WINDOW = 32  # characters of left context used to tokenize an alternative as the student would


@dataclass
class Projector:
    teacher: Any  # teacher tokenizer (the harvest's)
    student: Any  # student tokenizer
    _pieces: dict[int, str] = field(default_factory=dict)

    def piece(self, i: int) -> str:
        if i not in self._pieces:
            self._pieces[i] = self.teacher.decode([i])
        return self._pieces[i]

    def project(
        self, text: str, teacher_ids: list[int], top_ids: np.ndarray, top_lps: np.ndarray, eos: bool
    ) -> tuple[list[int], np.ndarray, np.ndarray]:
        """(student response ids, [m, k] student top ids, [m, k] logprobs); see the module docstring."""
        enc = self.student(text, add_special_tokens=False, return_offsets_mapping=True)
        s_ids, offsets = list(enc["input_ids"]), [tuple(o) for o in enc["offset_mapping"]]
        if eos:
            s_ids.append(self.student.eos_token_id)
            offsets.append((len(text), len(text)))
        consumed_t = teacher_consumed(self.teacher, teacher_ids, text)
        step_at = {c: i for i, c in reversed(list(enumerate(consumed_t))) if c is not None}
        k = top_ids.shape[1]
        out_ids = np.full((len(s_ids), k), -1, dtype=np.int32)
        out_lps = np.full((len(s_ids), k), -np.inf, dtype=np.float32)
        jobs = []
        for j in range(len(s_ids)):
            c = offsets[j - 1][1] if j else 0
            if c in step_at:
                jobs.append((j, c, step_at[c]))
        for j, ids, lps in self._project_rows(text, offsets, jobs, top_ids, top_lps):
            out_ids[j, : len(ids)], out_lps[j, : len(lps)] = ids, lps
        return s_ids, out_ids, out_lps

    def _project_rows(self, text, offsets, jobs, top_ids, top_lps):
        queries, where = [], []  # (window + piece) strings for one batched tokenizer call
        for j, c, i in jobs:
            start = _window_start(offsets, c)
            for a, lp in zip(top_ids[i], top_lps[i], strict=True):
                if a < 0 or not np.isfinite(lp):
                    continue
                sid = self._special(int(a))
                if sid is not None:
                    where.append((j, sid, float(lp), None))
                    continue
                w = self.piece(int(a))
                if not w or "\ufffd" in w:
                    continue
                where.append((j, None, float(lp), (len(queries), c - start)))
                queries.append(text[start:c] + w)
        firsts = self._first_tokens(queries)
        rows: dict[int, dict[int, float]] = {}
        for j, sid, lp, q in where:
            sid = sid if q is None else firsts[q[0]].get(q[1])
            if sid is not None:
                row = rows.setdefault(j, {})
                row[sid] = float(np.logaddexp(row[sid], lp)) if sid in row else lp
        for j, row in rows.items():
            ranked = sorted(row.items(), key=lambda kv: -kv[1])[: top_ids.shape[1]]
            yield j, [r[0] for r in ranked], [r[1] for r in ranked]

    def _special(self, a: int) -> int | None:
        """The teacher's EOS is the student's EOS; other special tokens have no counterpart."""
        if a == self.teacher.eos_token_id:
            return self.student.eos_token_id
        return None

    def _first_tokens(self, queries: list[str]) -> list[dict[int, int]]:
        """Per query: {boundary offset: first student token starting there}, for the boundaries used."""
        if not queries:
            return []
        enc = self.student(queries, add_special_tokens=False, return_offsets_mapping=True)
        out = []
        for ids, offs in zip(enc["input_ids"], enc["offset_mapping"], strict=True):
            firsts: dict[int, int] = {}
            prev_end = 0
            for tid, (a, b) in zip(ids, offs, strict=True):
                if a >= prev_end:  # a boundary: every offset in [prev_end, a] starts here
                    for cut in range(prev_end, a + 1):
                        firsts.setdefault(cut, tid)
                prev_end = max(prev_end, b)
            out.append(firsts)
        return out


def _window_start(offsets: list[tuple[int, int]], c: int) -> int:
    """Start of the student token that begins at least WINDOW characters before c (or 0)."""
    start = 0
    for a, _ in offsets:
        if a > c - WINDOW:
            break
        start = a
    return start


def teacher_consumed(tok: Any, ids: list[int], text: str) -> list[int | None]:
    """Characters of `text` the teacher has produced before each step; None mid-character or on mismatch."""
    out: list[int | None] = []
    for i in range(len(ids)):
        prefix = tok.decode(ids[:i], skip_special_tokens=True)
        out.append(len(prefix) if text.startswith(prefix) and "\ufffd" not in prefix[-1:] else None)
    return out

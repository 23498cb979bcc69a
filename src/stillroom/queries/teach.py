"""Prompts written by the teacher itself: Self-Instruct within a cell, and Magpie from nothing.

Self-Instruct (Wang et al. 2023): show the teacher a few prompts of one cell and ask for new ones
of the same kind; parse one prompt per line and drop junk. It widens a cell beyond what the
template fillers can say, while the cell label stays known.

Magpie (Xu et al. 2024): an aligned chat model, given only the chat template up to the start of a
user turn, writes a plausible user question itself and stops at its end-of-turn token. The prompts
come from the teacher's own idea of what users ask, so they fill gaps nobody wrote a template for.
The prefix is derived from the teacher's own chat template so it is exactly what the model saw in
training; cells are then guessed by keyword overlap (`assign.py`).
"""

from __future__ import annotations

import math
import random
import re
import time
import unicodedata
from dataclasses import dataclass, field, replace

from stillroom.contracts.prompts import Cell, PromptRow
from stillroom.errors import UserError
from stillroom.progress import progress_bar
from stillroom.queries.assign import CellIndex
from stillroom.queries.dedup import normalize
from stillroom.queries.expand import expand_cell
from stillroom.queries.taxonomy import Taxonomy
from stillroom.teachers import Completion, GenParams, Prompt, Teacher

CHATML_PREFIX, CHATML_END = "<|im_start|>user\n", "<|im_end|>"
_SENTINEL = "QZXSENTINELXZQ"
_NUMBERING = re.compile(
    r"^\s*(?:\(?\d{1,3}[.):\]]|[-*•]|#+|request\s*\d*\s*:|prompt\s*\d*\s*:|q\d*\s*:)\s*", re.I
)
_META = re.compile(
    r"^(here (are|is)|sure\b|certainly\b|of course\b|i hope|note:|these (requests|prompts)|"
    r"new requests|examples?:)",
    re.I,
)

SELF_INSTRUCT_TEMPLATE = """You write requests that users send to an AI assistant.
Domain: {domain}. Task type: {task} ({task_description}). Difficulty: {difficulty}.
Example requests of this kind:
{examples}

Write {k} new requests of the same task type and difficulty, about different subjects within {domain}. \
Each request must make sense on its own. Write one request per line, numbered 1 to {k}, and nothing else."""


@dataclass
class ExpandStats:
    requested: int = 0
    generated: int = 0  # teacher calls (self-instruct) or samples (magpie)
    parsed: int = 0  # candidate prompts after parsing
    kept: int = 0  # after the junk filter
    dropped: dict[str, int] = field(default_factory=dict)

    def drop(self, why: str) -> None:
        self.dropped[why] = self.dropped.get(why, 0) + 1


def clean_prompt(text: str, min_words: int = 3, max_chars: int = 1500) -> tuple[str | None, str]:
    """(prompt, "") if `text` reads like a user request, else (None, why it was dropped)."""
    text = _NUMBERING.sub("", text.strip()).strip().strip("\"'`").strip()
    if len(text.split()) < min_words or len(text) < 12:
        return None, "too short"
    if len(text) > max_chars:
        return None, "too long"
    if any(c == "\ufffd" or (unicodedata.category(c) == "Cc" and c not in "\n\t") for c in text):
        return None, "broken characters"
    visible = [c for c in text if not c.isspace()]
    if sum(c.isalpha() for c in visible) < 0.6 * len(visible):
        return None, "not words"
    tokens = normalize(text).split()
    if len(tokens) >= 8 and len(set(tokens)) < 0.4 * len(tokens):
        return None, "repetitive"
    if _META.match(text) or text.endswith((":", ",")):
        return None, "meta"
    return text, ""


def parse_list(text: str, truncated: bool = False) -> list[str]:
    """One candidate per non-empty line; numbering and bullets are stripped later by `clean_prompt`.

    When some lines are numbered, only those count: small models add chatter around the list. The
    last line of an answer cut at max_new_tokens is a half-written request, so it goes.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    numbered = [line for line in lines if _NUMBERING.match(line)]
    lines = numbered or lines
    return lines[:-1] if truncated else lines


def self_instruct_request(tax: Taxonomy, cell: Cell, examples: list[str], k: int) -> Prompt:
    task = next(t for t in tax.tasks if t.name == cell.task)
    shown = "\n".join(f"{i}. {' '.join(e.split())}" for i, e in enumerate(examples, 1))
    text = SELF_INSTRUCT_TEMPLATE.format(
        domain=cell.domain,
        task=cell.task,
        task_description=task.description or cell.task,
        difficulty=cell.difficulty,
        examples=shown,
        k=k,
    )
    return [{"role": "user", "content": text}]


def self_instruct(
    teacher: Teacher,
    tax: Taxonomy,
    n: int,
    params: GenParams,
    *,
    per_request: int = 5,
    examples: int = 3,
    seed: int = 0,
    batch: int = 8,
) -> tuple[list[PromptRow], ExpandStats]:
    """About `n` new prompts, asked `per_request` at a time from cells taken in a seeded shuffle."""
    cells = tax.cells()
    random.Random(seed).shuffle(cells)
    asked = [cells[i % len(cells)] for i in range(math.ceil(n / per_request))]
    stats, rows = ExpandStats(requested=n), []
    seeds = {c: [r.text for r in expand_cell(tax, c, examples, seed)] for c in set(asked)}
    requests = [self_instruct_request(tax, c, seeds[c], per_request) for c in asked]
    for i, comp in _generate(teacher, requests, params, "self-instruct", batch):
        stats.generated += 1
        shown = {normalize(e) for e in seeds[asked[i]]}
        for line in parse_list(comp.text, truncated=comp.finish_reason == "length")[:per_request]:
            stats.parsed += 1
            text, why = clean_prompt(line)
            if text is not None and normalize(text) in shown:
                text, why = None, "copied an example"
            if text is None:
                stats.drop(why)
                continue
            rows.append(PromptRow.of(text, asked[i], "self-instruct"))
    rows = rows[:n]
    stats.kept = len(rows)
    return rows, stats


def magpie_prefix(teacher: Teacher) -> tuple[str, str]:
    """(user-turn prefix, end-of-turn string) from the teacher's chat template; ChatML otherwise."""
    tok = getattr(teacher, "tokenizer", None)
    if tok is None or not getattr(tok, "chat_template", None):
        return CHATML_PREFIX, CHATML_END
    rendered = tok.apply_chat_template([{"role": "user", "content": _SENTINEL}], tokenize=False)
    cut = rendered.find(_SENTINEL)
    if cut < 0:
        raise UserError(
            "the teacher's chat template drops the user message; pass magpie_prefix in the config"
        )
    end = rendered[cut + len(_SENTINEL) :].strip()
    return rendered[:cut], end or CHATML_END


def magpie(
    teacher: Teacher,
    tax: Taxonomy,
    n: int,
    params: GenParams,
    *,
    prefix: str | None = None,
    end: str | None = None,
    batch: int = 8,
) -> tuple[list[PromptRow], ExpandStats]:
    """`n` samples from the bare user-turn prefix; truncated or junk questions are dropped."""
    if prefix is None or end is None:
        auto_prefix, auto_end = magpie_prefix(teacher)
        prefix, end = prefix or auto_prefix, end or auto_end
    params = replace(params, stop=(end,), n=1)
    index, stats, rows = CellIndex.build(tax), ExpandStats(requested=n), []
    for _, comp in _generate(teacher, [prefix] * n, params, "magpie", batch):
        stats.generated += 1
        if comp.finish_reason != "stop":
            stats.drop("truncated")
            continue
        stats.parsed += 1
        text, why = clean_prompt(comp.text.split(end)[0])
        if text is None:
            stats.drop(why)
            continue
        rows.append(PromptRow.of(text, index.assign(text), "magpie"))
    stats.kept = len(rows)
    return rows, stats


def _generate(teacher: Teacher, prompts: list[Prompt], params: GenParams, label: str, batch: int):
    """Yield (prompt index, completion) batch by batch under a progress bar with tokens/s.

    Each batch gets its own seed (seed + batch start) so sampled batches differ yet rerun the same.
    """
    with progress_bar() as bar:
        task = bar.add_task(label, total=len(prompts), rate="")
        start, tokens = time.perf_counter(), 0
        for lo in range(0, len(prompts), batch):
            chunk = prompts[lo : lo + batch]
            seed = None if params.seed is None else params.seed + lo
            comps: list[Completion] = teacher.generate(chunk, replace(params, seed=seed))
            tokens += sum(c.completion_tokens for c in comps)
            bar.update(task, advance=len(chunk), rate=f"{tokens / (time.perf_counter() - start):.0f} tok/s")
            for c in comps:
                yield lo + c.prompt_index, c

"""Run a prompt set through a teacher into the harvest store, resumably.

The store decides what is left: `pending(config_key, n)` lists prompts without all n samples under
this teacher + settings. Those are generated chunk by chunk and each chunk's completions are
written in one transaction as soon as it finishes, so a kill -9 loses at most the chunk in flight;
a rerun of the same command asks only for what is missing, and the UNIQUE constraint makes a
duplicate row impossible even if two runs race.

Each completion's `latency_s` is its share of its chunk's wall time, so summing `latency_s` over a
harvest config gives the wall time the teacher spent on it, whatever the backend's concurrency.

A teacher whose `generate` takes `on_done` (the served one) reports each prompt's answers as they
land: when a chunk ends in Ctrl-C or an error, the answers that already came back are stored
before the run stops (they were the server's work, and a rerun would pay for them again). A run
that fails before storing anything removes the store it created, so a wrong flag leaves no file.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from stillroom.contracts.prompts import read_prompts
from stillroom.contracts.teacher_spec import TeacherSpec
from stillroom.errors import UserError
from stillroom.harvest.store import HarvestStore, config_key
from stillroom.teachers import GenParams, Teacher, TeacherConfig, load_teacher


class HarvestConfig(BaseModel):
    prompts: str | None = None  # prompt-set JSONL; None harvests what the store already holds
    store: str = "harvest.sqlite"
    teacher: TeacherConfig = Field(default_factory=TeacherConfig)
    samples: int = Field(1, ge=1)
    max_new_tokens: int = Field(256, ge=1)
    temperature: float = Field(0.0, ge=0)
    top_p: float = Field(1.0, gt=0, le=1)
    top_logprobs: int = Field(0, ge=0, le=20)
    stop: list[str] = Field(default_factory=list)
    seed: int | None = None
    chunk: int | None = Field(
        None, ge=1
    )  # prompts per transaction; default: hf batch size, openai 2x concurrency
    limit: int | None = Field(None, ge=1)  # harvest at most this many pending prompts this run
    price_per_1m: float | None = Field(
        None, ge=0
    )  # ledger: price per 1M teacher tokens (prompt + completion)

    def gen_params(self) -> GenParams:
        return GenParams(
            max_new_tokens=self.max_new_tokens,
            temperature=self.temperature,
            top_p=self.top_p,
            n=self.samples,
            top_logprobs=self.top_logprobs,
            stop=tuple(self.stop),
            seed=self.seed,
        )

    def chunk_size(self) -> int:
        if self.chunk:
            return self.chunk
        return (
            2 * self.teacher.concurrency
            if TeacherSpec.parse(self.teacher.spec).backend == "openai"
            else self.teacher.batch_size
        )


Progress = Callable[[int, int], None]  # (completions written this chunk, completion tokens in it)
Start = Callable[[int, int], None]  # (completions to generate this run, prompts already complete before it)


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def harvest_pending(
    store: HarvestStore,
    teacher: Teacher,
    cfg: HarvestConfig,
    on_start: Start | None = None,
    on_chunk: Progress | None = None,
) -> dict[str, Any]:
    """Generate every pending (prompt, sample) under this teacher + settings; returns this run's numbers."""
    params = cfg.gen_params()
    info, pdict = teacher.info(), params.to_dict()
    key = config_key(info, pdict)
    all_pending = store.pending(key, params.n)
    pending = all_pending[: cfg.limit]
    if on_start:
        on_start(len(pending) * params.n, len(store.prompts()) - len(all_pending))
    texts = {pid: prompt for pid, prompt, _ in store.prompts(pending)}
    written = tokens = 0
    mapping: dict[str, int] = {}
    rejected: list[tuple[str, str]] = []  # (prompt id, the server's reason)
    t_start = time.perf_counter()
    reports = "on_done" in inspect.signature(teacher.generate).parameters
    sampling = _Sampling(params, teacher.name)

    def keep(ids: list[str], completions: list, t0: float) -> tuple[int, int]:
        """Store one chunk's completions; (rows written, completion tokens)."""
        share = (time.perf_counter() - t0) / max(len(completions), 1)
        _count_mapping(mapping, completions, info)
        n = store.add_completions(key, info, pdict, [(ids[c.prompt_index], c, share) for c in completions])
        chunk_tokens = sum(c.completion_tokens for c in completions)
        if on_chunk:
            on_chunk(len(completions), chunk_tokens)
        return n, chunk_tokens

    for ids in _chunks(pending, cfg.chunk_size()):
        t0 = time.perf_counter()
        landed: list = []  # this chunk's answers as they arrive (teachers that report them)
        kw = {"on_done": lambda _i, cs, landed=landed: landed.extend(cs)} if reports else {}
        try:
            completions = teacher.generate([texts[i] for i in ids], params, **kw)
        except BaseException:  # Ctrl-C, or a prompt that failed for good: keep what came back
            if landed:
                keep(ids, landed, t0)
            raise
        rejected += [(ids[i], why) for i, why in getattr(teacher, "rejected", [])]
        sampling.check(completions)
        n, chunk_tokens = keep(ids, completions, t0)
        written, tokens = written + n, tokens + chunk_tokens
    out = {
        "config_key": key,
        "pending_prompts": len(pending),
        "written": written,
        "completion_tokens": tokens,
        "wall_s": time.perf_counter() - t_start,
    }
    if mapping:
        out["mapping"] = mapping
    if rejected:  # left pending: a rerun asks again (a server with a longer context may take them)
        out["rejected"] = {"prompts": len(rejected), "first": rejected[0][0], "why": rejected[0][1]}
    if hasattr(teacher, "pacer"):
        out["pacing"] = teacher.pacer.summary() | {"requests": teacher.requests, "retries": teacher.retries}
    return out


MIN_MAPPED = 0.5  # below this share of mapped alternatives the tokenizer is not the teacher's
SAME_SAMPLES = 4  # prompts whose samples are all one answer, none differing: the teacher does not sample
SAME_MIN_CHARS = 32  # shorter answers may well agree at any temperature: no evidence either way


class _Sampling:
    """Stop a run whose samples are copies: n > 1 answers asked at temperature > 0 and the teacher
    gave one answer n times for each of the first `SAME_SAMPLES` prompts with answers of some
    length, none differing. A server that ignores `temperature` does this (transformers serve
    decodes greedily unless the model's generation config samples); storing it would fill the
    store with duplicates labelled as samples. One prompt with samples that differ ends the check."""

    def __init__(self, params: GenParams, teacher: str):
        self.params, self.teacher = params, teacher
        self.on = params.n > 1 and params.temperature > 0
        self.same = 0

    def check(self, completions: list) -> None:
        if not self.on:
            return
        texts: dict[int, list[str]] = {}
        for c in completions:
            texts.setdefault(c.prompt_index, []).append(c.text)
        for answers in texts.values():
            if len(answers) < self.params.n:
                continue
            if len(set(answers)) > 1:
                self.on = False
                return
            self.same += len(answers[0]) >= SAME_MIN_CHARS
        if self.same >= SAME_SAMPLES:
            raise UserError(
                f"{self.teacher} gave the same answer to all {self.params.n} samples of each of "
                f"{self.same} prompts at temperature {self.params.temperature:g}: it does not sample "
                "(it ignores `temperature`), so the samples would be copies; harvest --samples 1, or "
                "make the server sample"
            )


def _count_mapping(total: dict[str, int], completions: list, info: dict) -> None:
    """Sum the served teacher's token-mapping counts; stop before storing if the tokenizer is wrong."""
    for c in completions:
        for k, v in (c.extra.get("mapping") or {}).items():
            total[k] = total.get(k, 0) + v
    # the top-k alternatives, else (a text-only harvest) the chosen tokens: either way a share
    # this low means ids of another vocabulary (mlx_lm's ids past its end), not a few odd tokens
    for what, seen, bad in (
        ("top-k tokens", total.get("top_total", 0), total.get("top_unmapped", 0)),
        ("tokens", total.get("tokens", 0), total.get("tokens_unmapped", 0)),
    ):
        if info.get("tokenizer") and seen >= 100 and bad > (1 - MIN_MAPPED) * seen:
            spec = info["tokenizer"].get("spec")
            raise UserError(
                f"the tokenizer {spec} maps only {1 - bad / seen:.0%} of the teacher's {what}: "
                "pass the teacher's own tokenizer with --tokenizer"
            )


def run(
    cfg: HarvestConfig,
    teacher: Teacher | None = None,
    on_start: Start | None = None,
    on_chunk: Progress | None = None,
) -> dict[str, Any]:
    """Load the prompt set (if any) into the store, then harvest what is pending.

    Prompts are read and the teacher loaded before the store is opened, so a bad prompt file or
    teacher leaves no empty store behind.
    """
    rows = read_prompts(cfg.prompts) if cfg.prompts else []
    if not rows and not Path(cfg.store).is_file():
        raise UserError(f"harvest store not found: {cfg.store}; pass a prompt set (PROMPTS.jsonl)")
    teacher = teacher or load_teacher(cfg.teacher)
    created = not Path(cfg.store).exists()
    store = HarvestStore(cfg.store)
    try:
        store.add_prompts(rows)
        if not store.prompts():
            raise UserError(f"{cfg.store} holds no prompts: pass a prompt set (PROMPTS.jsonl)")
        return harvest_pending(store, teacher, cfg, on_start, on_chunk)
    except Exception:  # not Ctrl-C: its message points at the store to resume from
        if created and store.count() == 0:
            store.close()
            _remove_store(cfg.store)
        raise
    finally:
        store.close()


def _remove_store(path: str) -> None:
    """A store this run created and stored nothing in: the file and SQLite's WAL companions."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(path + suffix).unlink(missing_ok=True)

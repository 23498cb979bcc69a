"""Dynamic batching: concurrent requests share one `teacher.generate` call.

A single collector task on the event loop takes the first waiting request, then keeps taking
more until it holds `max_batch` rows (prompts x n) or `max_wait_ms` has passed. A teacher with
`generate_many` (the hf backend: sampling settings, logprobs and watermark are per row) takes the
whole mix in one call; any other teacher gets one `generate` per group of identical `GenParams`.
Calls run in a worker thread (so the event loop keeps accepting requests meanwhile) and each
request's future is resolved with its own slice of the completions. Requests that arrive while a
batch runs queue up and form the next batch, so batches grow with load and throughput grows with
concurrency. A streaming request also passes `on_tokens`: with `generate_many`, the batch's decode
loop hands each step's tokens to the requests they belong to (from the worker thread, so the
sink must be thread-safe), and the stream does not wait for the batch to finish.

Seeded sampling runs alone: the RNG draws of a batch depend on who else is in it, and a seed is a
promise that the same request gives the same answer.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import deque
from dataclasses import dataclass, field, replace
from typing import Any

from stillroom.errors import UserError
from stillroom.teachers import Completion, GenParams, OnTokens, Prompt, Teacher, TokenEvent

log = logging.getLogger("stillroom.serve")


class Overloaded(Exception):
    """The queue is full; the client should retry later."""


@dataclass
class _Job:
    prompts: list[Prompt]
    params: GenParams
    future: asyncio.Future
    on_tokens: OnTokens | None = None  # a streaming request's sink; called from the worker thread
    score_k: int | None = None  # a scoring job (teacher.score): the prompts' own top-k, nothing generated

    @property
    def rows(self) -> int:
        return len(self.prompts) * self.params.n


@dataclass
class BatchStats:
    requests: int = 0
    batches: int = 0
    generate_calls: int = 0
    rows: int = 0
    busy_s: float = 0.0
    group_sizes: deque[int] = field(default_factory=lambda: deque(maxlen=1000))  # requests per generate call


class Batcher:
    def __init__(
        self, teacher: Teacher, max_batch: int = 32, max_wait_ms: float = 10.0, max_queue: int = 1024
    ):
        self.teacher = teacher
        self.max_batch = max_batch
        self.max_wait = max_wait_ms / 1000
        self.max_queue = max_queue
        self.stats = BatchStats()
        self._queue: asyncio.Queue[_Job] = asyncio.Queue()
        self._arrived = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._mixed = callable(getattr(teacher, "generate_many", None))

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    @property
    def depth(self) -> int:
        return self._queue.qsize()

    async def submit(
        self, prompts: list[Prompt], params: GenParams, on_tokens: OnTokens | None = None
    ) -> list[Completion]:
        """Completions for `prompts`, prompt-major, `prompt_index` relative to this request.

        `on_tokens` (optional) sees this request's tokens while they are decoded, `job` always 0,
        when the teacher can announce them (`generate_many`); otherwise it is never called."""
        return await self._enqueue(
            _Job(prompts, params, asyncio.get_running_loop().create_future(), on_tokens)
        )

    async def score(self, prompts: list[Any], top_k: int) -> list[Completion]:
        """The teacher's distribution over each prompt's own tokens (`teacher.score`), batched with
        other scoring requests; one Completion per prompt."""
        if not callable(getattr(self.teacher, "score", None)):
            raise UserError(f"teacher {self.teacher.name} cannot score prompts (only the hf backend can)")
        future = asyncio.get_running_loop().create_future()
        return await self._enqueue(_Job(prompts, GenParams(max_new_tokens=1), future, score_k=top_k))

    async def _enqueue(self, job: _Job) -> list[Completion]:
        if self._queue.qsize() >= self.max_queue:
            job.future.cancel()
            raise Overloaded(f"{self._queue.qsize()} requests are waiting; retry later")
        self.stats.requests += 1
        self._queue.put_nowait(job)
        self._arrived.set()
        return await job.future

    async def _run(self) -> None:
        while True:
            jobs = await self._collect()
            self.stats.batches += 1
            for group in _groups(jobs, mixed=self._mixed):
                await self._serve(group)

    async def _collect(self) -> list[_Job]:
        jobs = [await self._queue.get()]
        rows = jobs[0].rows
        deadline = time.monotonic() + self.max_wait
        while rows < self.max_batch:
            if self._queue.empty():
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                # Wait on an event, not on queue.get(): a get() cancelled by a timeout can lose a job.
                self._arrived.clear()
                try:
                    await asyncio.wait_for(self._arrived.wait(), left)
                except TimeoutError:
                    break
                continue
            job = self._queue.get_nowait()
            jobs.append(job)
            rows += job.rows
        return jobs

    async def _serve(self, group: list[_Job]) -> None:
        """One generate call for the group; whatever happens, every waiting request gets an answer."""
        try:
            out = await self._generate(group)
        except UserError as e:
            if len(group) == 1:
                _settle(group[0].future, exc=e)
                return
            for job in group:  # one bad prompt (e.g. too long for the context) must not fail its neighbours
                await self._serve([job])
            return
        except Exception as e:
            log.exception("generate failed for a batch of %d requests", len(group))
            for job in group:
                _settle(job.future, exc=e)
            return
        start = 0
        for job in group:
            mine = out[start : start + job.rows]
            start += job.rows
            _settle(
                job.future,
                result=[replace(c, prompt_index=c.prompt_index - mine[0].prompt_index) for c in mine],
            )

    async def _generate(self, group: list[_Job]) -> list[Completion]:
        prompts = [p for job in group for p in job.prompts]
        rows = sum(job.rows for job in group)
        t0 = time.perf_counter()
        try:
            if group[0].score_k is not None:
                out = await asyncio.to_thread(self.teacher.score, prompts, group[0].score_k)  # type: ignore[attr-defined]
            elif self._mixed:
                route = _router(group)  # passed only when someone streams: older generate_many lack it
                args = [(j.prompts, j.params) for j in group], *([route] if route else [])
                many = await asyncio.to_thread(self.teacher.generate_many, *args)
                out = [c for comps in many for c in comps]
            else:
                out = await asyncio.to_thread(self.teacher.generate, prompts, group[0].params)
        finally:
            self.stats.busy_s += time.perf_counter() - t0
        if len(out) != rows:
            raise RuntimeError(f"teacher returned {len(out)} completions for {rows} rows")
        self.stats.generate_calls += 1
        self.stats.rows += rows
        self.stats.group_sizes.append(len(group))
        return out


def _router(group: list[_Job]) -> OnTokens | None:
    """One `on_tokens` for the whole call that hands each job its own events (None: nobody streams)."""
    sinks = {j: job.on_tokens for j, job in enumerate(group) if job.on_tokens is not None}
    if not sinks:
        return None

    def route(events: list[TokenEvent]) -> None:
        mine: dict[int, list[TokenEvent]] = {}
        for e in events:
            if e.job in sinks:
                mine.setdefault(e.job, []).append(replace(e, job=0))
        for j, evs in mine.items():
            sinks[j](evs)

    return route


def _groups(jobs: list[_Job], mixed: bool) -> list[list[_Job]]:
    """Jobs that may share a call, in arrival order: all of them (`mixed`) or those with identical
    params; seeded sampling alone either way."""
    groups: dict[str, list[_Job]] = {}
    for i, job in enumerate(jobs):
        p = job.params
        if job.score_k is not None:
            key = f"score-{job.score_k}"
        elif p.seeded:
            key = f"solo-{i}"
        else:
            key = "mixed" if mixed else json.dumps(p.to_dict(), sort_keys=True)
        groups.setdefault(key, []).append(job)
    return list(groups.values())


def _settle(
    future: asyncio.Future, result: list[Completion] | None = None, exc: BaseException | None = None
) -> None:
    if future.done():  # the client went away and its request was cancelled
        return
    if exc is not None:
        future.set_exception(exc)
    else:
        future.set_result(result)

"""Replay a traffic trace through the guard with the official `openai` client, one client per key.

Each key's requests go out in its own order (a client waits for its answer before its next
request); keys run side by side under a concurrency bound, and several traces (the same traffic
with the guard's countermeasures on and off) replay at once, each through its own guard. The
simulated time of every
request travels in `x-stillroom-clock`, which the arena's guard is configured to trust, so the
detector sees a day's timing while the replay takes minutes. What each client got back is kept:
it is the distiller's harvest for the closed loop.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openai

from stillroom.contracts.openai import CLOCK_HEADER, NOTICE_FIELD
from stillroom.progress import progress_bar


def request_args(ev: dict[str, Any]) -> dict[str, Any]:
    """The OpenAI call for one trace event, exactly as the persona asks (the detector must see the
    real `max_tokens`; serve's `max_new_tokens_cap` keeps generation on the CPU budget)."""
    p = ev.get("params", {})
    args: dict[str, Any] = {"model": "teacher"}
    for name in ("max_tokens", "temperature", "top_p", "n", "seed"):
        if name in p:
            args[name] = p[name]
    if ev["endpoint"] == "completions":
        args["prompt"] = ev["prompt"]
        if p.get("top_logprobs") or p.get("logprobs"):
            args["logprobs"] = int(p.get("top_logprobs") or 1)
    else:
        args["messages"] = ev["messages"] or [{"role": "user", "content": ev["prompt"]}]
        if p.get("logprobs") or p.get("top_logprobs"):
            args["logprobs"] = True
            args["top_logprobs"] = int(p.get("top_logprobs", 0))
    return args


def thread_replies(messages: list[dict] | None, answers: dict[str, str]) -> list[dict] | None:
    """The trace's conversation as a real client resends it: each assistant turn that follows a
    user turn this client already sent carries the answer the server gave it, not the trace's
    canned text (the guard checks histories against what it served: detector/history.py)."""
    if not messages:
        return messages
    out = [dict(m) for m in messages]
    for i in range(1, len(out)):
        prev = out[i - 1]
        if out[i].get("role") == "assistant" and prev.get("role") == "user":
            got = answers.get(str(prev.get("content")))
            if got is not None:
                out[i]["content"] = got
    return out


async def _one(client: openai.AsyncOpenAI, ev: dict[str, Any], answers: dict[str, str]) -> dict[str, Any]:
    ev = {**ev, "messages": thread_replies(ev.get("messages"), answers)}
    args = request_args(ev)
    rec = {
        "key": ev["key_id"],
        "family": ev["family"],
        "label": ev["label"],
        "ts": ev["ts"],
        "endpoint": ev["endpoint"],
        "prompt": ev["prompt"],
        "messages": ev.get("messages"),
        "status": 200,
        "texts": [],
        "finish": [],
        "completion_tokens": 0,
        "logprobs": 0,
        "notice": None,
    }
    headers = {CLOCK_HEADER: repr(ev["ts"])}
    create = client.completions.create if ev["endpoint"] == "completions" else client.chat.completions.create
    try:
        raw = await create(**args, extra_headers=headers)  # type: ignore[arg-type]
    except openai.APIStatusError as e:
        rec["status"], rec["error"] = e.status_code, str(e.message)[:200]
        return rec
    except openai.APIError as e:
        rec["status"], rec["error"] = 0, str(e)[:200]
        return rec
    for choice in raw.choices:
        rec["texts"].append(choice.text if ev["endpoint"] == "completions" else choice.message.content or "")
        rec["finish"].append(choice.finish_reason)
        lp = choice.logprobs
        rec["logprobs"] += len(getattr(lp, "content", None) or getattr(lp, "tokens", None) or []) if lp else 0
    rec["completion_tokens"] = raw.usage.completion_tokens if raw.usage else 0
    rec["notice"] = (raw.model_extra or {}).get(NOTICE_FIELD)
    if ev["endpoint"] == "chat" and rec["texts"]:
        answers[ev["prompt"]] = rec["texts"][0]
    return rec


@dataclass
class Play:
    """One trace replayed through one guard: the requests go to `base_url` with `keys`' secrets and
    every answer is also appended to `out` (JSONL) as it arrives."""

    events: list[dict]
    keys: dict[str, tuple[str, str]]
    base_url: str
    out: Path


async def _replay(plays: dict[str, Play], concurrency: int, speedup: float) -> dict[str, list[dict]]:
    records: dict[str, list[dict]] = {name: [] for name in plays}
    t0 = time.monotonic()
    with progress_bar() as bar:

        async def run(name: str, play: Play) -> None:
            by_key: dict[str, list[dict]] = defaultdict(list)
            for ev in play.events:
                by_key[ev["key_id"]].append(ev)
            gate, got = asyncio.Semaphore(concurrency), records[name]
            t0_sim = min(ev["ts"] for ev in play.events)
            task = bar.add_task(f"arena replay ({name})", total=len(play.events), rate="")
            with open(play.out, "w") as fh:

                async def lane(key: str, evs: list[dict]) -> None:
                    client = openai.AsyncOpenAI(
                        base_url=f"{play.base_url}/v1", api_key=play.keys[key][1], max_retries=0, timeout=600
                    )
                    answers: dict[str, str] = {}  # this client's prompts -> the answer it got
                    for ev in evs:
                        if speedup:
                            await asyncio.sleep(
                                max(0.0, (ev["ts"] - t0_sim) / speedup - (time.monotonic() - t0))
                            )
                        async with gate:
                            rec = await _one(client, ev, answers)
                        got.append(rec)
                        fh.write(json.dumps(rec) + "\n")
                        bar.update(task, advance=1, rate=f"{len(got) / (time.monotonic() - t0):.1f} req/s")
                    await client.close()

                await asyncio.gather(*(lane(k, evs) for k, evs in by_key.items()))

        await asyncio.gather(*(run(name, play) for name, play in plays.items() if play.events))
    return records


def replay(plays: dict[str, Play], concurrency: int, speedup: float) -> dict[str, list[dict]]:
    """Run every trace side by side (each key in order, at most `concurrency` requests in flight per
    trace); returns what the clients saw, per play."""
    return asyncio.run(_replay(plays, concurrency, speedup))

"""`stillroom harvest`: prompt set -> teacher -> store; `--export` and `--ledger` read the store back.

    stillroom harvest prompts.jsonl --store h.sqlite --teacher hf --top-logprobs 20   # run (resumable)
    stillroom harvest --store h.sqlite --export h.parquet                              # or .jsonl
    stillroom harvest --store h.sqlite --ledger --price-per-1m 0.5                     # cost ledger

One command rather than a group so `stillroom harvest PROMPTS.jsonl` reads like every other stage;
torch loads only inside the command, when a teacher is built.
"""

from __future__ import annotations

import time
from pathlib import Path

import typer
from rich.table import Table

from stillroom import checks
from stillroom.config import load_config
from stillroom.contracts.prompts import read_prompts
from stillroom.errors import UserError
from stillroom.harvest.run import HarvestConfig, run
from stillroom.harvest.store import HarvestStore
from stillroom.progress import console, progress_bar, say


def harvest(
    prompts: Path | None = typer.Argument(None, help="prompt set JSONL (as `stillroom queries` writes it)"),
    store: str | None = typer.Option(
        None, "--store", help="SQLite harvest store, created if missing [default: harvest.sqlite]"
    ),
    teacher: str | None = typer.Option(None, "--teacher", help="hf[:PATH] | openai:URL | fake"),
    model: str | None = typer.Option(None, "--model", help="openai: model name sent upstream"),
    samples: int | None = typer.Option(None, "--samples", help="answers per prompt"),
    max_new_tokens: int | None = typer.Option(None, "--max-new-tokens"),
    temperature: float | None = typer.Option(None, "--temperature", help="0 = greedy"),
    top_logprobs: int | None = typer.Option(
        None, "--top-logprobs", help="record the top-k logprobs (k <= 20)"
    ),
    batch_size: int | None = typer.Option(None, "--batch-size", help="hf: prompts per forward batch"),
    concurrency: int | None = typer.Option(
        None, "--concurrency", help="openai: most requests in flight (measured and adapted below it)"
    ),
    tokenizer: str | None = typer.Option(
        None,
        "--tokenizer",
        help="openai: the teacher's tokenizer (hf:default, a model folder or .gguf) to map tokens to ids",
    ),
    timeout: float | None = typer.Option(
        None, "--timeout", help="openai: shortest wait for one answer, in s (grows with the server)"
    ),
    limit: int | None = typer.Option(None, "--limit", help="harvest at most N pending prompts this run"),
    price_per_1m: float | None = typer.Option(None, "--price-per-1m", help="ledger: price per 1M tokens"),
    config: Path | None = typer.Option(None, "--config", help="YAML HarvestConfig; flags override it"),
    export: Path | None = typer.Option(None, "--export", help="write the store to this .jsonl or .parquet"),
    key: str | None = typer.Option(None, "--key", help="export only this harvest config"),
    ledger: bool = typer.Option(False, "--ledger", help="print the cost ledger (also written as JSON)"),
) -> None:
    """Harvest teacher answers (with optional top-k logprobs) into a resumable store; export; cost ledger."""
    cfg = load_config(
        HarvestConfig,
        config,
        prompts=str(prompts) if prompts else None,
        store=store,
        samples=samples,
        max_new_tokens=max_new_tokens,
        temperature=temperature,
        top_logprobs=top_logprobs,
        limit=limit,
        price_per_1m=price_per_1m,
        **{
            "teacher.spec": teacher,
            "teacher.model": model,
            "teacher.batch_size": batch_size,
            "teacher.concurrency": concurrency,
            "teacher.tokenizer": tokenizer,
            "teacher.timeout_s": timeout,
        },
    )
    _check_inputs(cfg, export, key, ledger)
    if cfg.prompts is not None:
        _run(cfg)
    if export is not None:
        _export(cfg.store, export, key)
    if ledger or cfg.prompts is not None:
        _ledger(cfg.store, cfg.price_per_1m)


def _check_inputs(cfg, export: Path | None, key: str | None, ledger: bool) -> None:
    """Every input checked before the teacher (and torch) loads and before the store is created."""
    from stillroom.harvest.export import check_export_path  # pyarrow: only when this runs

    if cfg.prompts is None and export is None and not ledger:
        raise UserError("nothing to do: give PROMPTS.jsonl to harvest, or --export OUT / --ledger")
    if key is not None and export is None:
        raise UserError("--key picks the harvest config to export: use it with --export OUT")
    if export is not None:
        check_export_path(export)
    if cfg.prompts is not None:
        read_prompts(cfg.prompts)
        checks.teacher_spec(cfg.teacher.spec)
        if cfg.teacher.tokenizer:
            checks.model_source(cfg.teacher.tokenizer.removeprefix("hf:"))
    else:
        _must_exist(cfg.store)


def _run(cfg) -> None:
    # The bar starts once prompts and teacher are loaded, so a bad input stays a one-line error.
    bar = progress_bar()
    state = {"tokens": 0, "t0": 0.0, "task": None, "written": 0, "todo": 0, "done_before": 0}

    def on_start(total: int, done_before: int) -> None:
        state.update(t0=time.perf_counter(), todo=total, done_before=done_before)
        if done_before:
            say(
                f"resuming: {done_before} prompts already harvested in {cfg.store} under these settings; "
                f"{total} completions to go"
            )
        bar.start()
        state["task"] = bar.add_task("harvest", total=total, rate="")

    def on_chunk(n: int, tokens: int) -> None:
        state["tokens"] += tokens
        state["written"] += n
        tps = state["tokens"] / max(time.perf_counter() - state["t0"], 1e-9)
        bar.update(state["task"], advance=n, rate=f"{tps:.0f} tok/s")

    try:
        out = run(cfg, on_start=on_start, on_chunk=on_chunk)
    except KeyboardInterrupt:
        bar.stop()
        say(_interrupted(cfg.store, state))
        raise typer.Exit(130) from None
    finally:
        bar.stop()
    say(
        f"harvest {out['config_key']}: {out['written']} new completions for {out['pending_prompts']} "
        f"pending prompts, {out['completion_tokens']} tokens in {out['wall_s']:.1f} s -> {cfg.store}"
    )
    for line in _mapping_lines(cfg, out):
        console.print(line)


def _mapping_lines(cfg, out: dict) -> list[str]:
    """What the served teacher's token reports came to, and what that means for training."""
    m, lines = out.get("mapping") or {}, []
    if m.get("top_total"):
        bad = m["top_unmapped"]
        lines.append(
            f"top-k ids mapped: {1 - bad / m['top_total']:.2%} ({bad} of {m['top_total']} alternatives "
            "without an id; their mass goes to the tail bucket)"
        )
    if m.get("tokens_unmapped"):
        lines.append(
            f"{m['tokens_unmapped']} of {m['tokens']} answer tokens have no id"
            + ("" if cfg.teacher.tokenizer else ": pass --tokenizer to keep ids for logit training")
        )
    if r := out.get("rejected"):
        lines.append(
            f"{r['prompts']} prompt(s) refused (by the server, or by the model), skipped and left pending"
            " (a rerun asks again);"
            f" the first, {r['first']}: {r['why']}"
        )
    if "pacing" in out and out["pending_prompts"]:
        p = out["pacing"]
        lines.append(
            f"in flight: settled at {p['limit']}; {p['requests']} requests, {p['retries']} retries, "
            f"{p['timeouts']} timeouts"
        )
    return lines


def _interrupted(store: str, state: dict) -> str:
    if state["task"] is None:
        return "interrupted before the harvest started: nothing new was written; rerun the same command"
    return (
        f"interrupted: {state['written']} of {state['todo']} completions of this run are saved in "
        f"{store} (plus {state['done_before']} prompts done before it); rerun the same command "
        "to resume: it asks the teacher only for what is missing"
    )


def _export(store_path: str, out: Path, key: str | None) -> None:
    from stillroom.harvest.export import export  # pyarrow: only when this runs

    _must_exist(store_path)
    store = HarvestStore(store_path)
    try:
        n = export(store, out, key)
    finally:
        store.close()
    console.print(f"exported {n} completions -> {out}")


def _ledger(store_path: str, price: float | None) -> None:
    from stillroom.harvest.export import ledger_path, write_ledger  # pyarrow: only when this runs

    _must_exist(store_path)
    store = HarvestStore(store_path)
    try:
        data = write_ledger(store, price)
    finally:
        store.close()
    table = Table(title=f"cost ledger: {store_path}")
    for col in (
        "config",
        "teacher",
        "completions",
        "prompt tok",
        "completion tok",
        "wall s",
        "teacher tok/s",
        "cost",
    ):
        table.add_column(col, justify="left" if col in ("config", "teacher") else "right")
    for c in [*data.configs, data.total]:
        table.add_row(
            c.config_key,
            c.teacher or "",
            str(c.completions),
            str(c.prompt_tokens),
            str(c.completion_tokens),
            f"{c.wall_s:.2f}",
            f"{c.tokens_per_s:.0f}" if c.tokens_per_s else "-",
            f"{c.cost:.4f}" if c.cost is not None else "-",
        )
    console.print(table)
    console.print(f"ledger -> {ledger_path(store_path)}")


def _must_exist(store_path: str) -> None:
    if not Path(store_path).is_file():
        raise UserError(f"harvest store not found: {store_path}")

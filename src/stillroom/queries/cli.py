"""`stillroom queries`: taxonomy -> prompts.jsonl (+ prompts.coverage.json), with a coverage table."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from stillroom import checks
from stillroom.config import load_config
from stillroom.progress import console
from stillroom.queries.build import QueriesConfig, build
from stillroom.queries.coverage import coverage_table
from stillroom.queries.taxonomy import load_taxonomy


def queries(
    out: Annotated[
        Path | None, typer.Option(help="Prompt-set JSONL to write (default prompts.jsonl).")
    ] = None,
    taxonomy: Annotated[Path | None, typer.Option(help="Taxonomy YAML (default: the shipped one).")] = None,
    per_cell: Annotated[
        int | None, typer.Option(help="Template prompts per domain x task x difficulty cell.")
    ] = None,
    self_instruct: Annotated[
        int | None, typer.Option(help="New prompts to ask the teacher for, spread over cells.")
    ] = None,
    magpie: Annotated[
        int | None, typer.Option(help="Magpie samples: the teacher writes questions from a bare user turn.")
    ] = None,
    skills: Annotated[
        int | None,
        typer.Option(
            help="Targeted short-answer prompts (arithmetic, facts, JSON, formats...), held out from eval."
        ),
    ] = None,
    teacher: Annotated[
        str | None, typer.Option(help="Teacher spec for --self-instruct/--magpie (default hf:default).")
    ] = None,
    seed: Annotated[int | None, typer.Option(help="Seed for template filling and teacher sampling.")] = None,
    dedup_threshold: Annotated[
        float | None, typer.Option(help="Jaccard similarity at which two prompts are near-duplicates.")
    ] = None,
    config: Annotated[
        Path | None, typer.Option(help="YAML with any QueriesConfig field; flags override it.")
    ] = None,
) -> None:
    """Build a prompt set that covers a taxonomy of domains x tasks x difficulty, on purpose."""
    cfg = load_config(
        QueriesConfig,
        config,
        **{
            "out": str(out) if out else None,
            "taxonomy": str(taxonomy) if taxonomy else None,
            "per_cell": per_cell,
            "self_instruct": self_instruct,
            "magpie": magpie,
            "skills": skills,
            "teacher.spec": teacher,
            "seed": seed,
            "dedup_threshold": dedup_threshold,
        },
    )
    if cfg.self_instruct or cfg.magpie:
        checks.teacher_spec(cfg.teacher.spec)  # before the teacher loads
    result = build(cfg)
    console.print(coverage_table(result.coverage, load_taxonomy(cfg.taxonomy)))
    s, cov = result.stats, result.coverage
    sources = ", ".join(f"{k} {v}" for k, v in cov["by_source"].items())
    console.print(
        f"wrote {cov['total']} prompts ({sources}) to {result.out}; dropped {s['dedup']['exact']} exact "
        f"and {s['dedup']['near']} near duplicates; {len(cov['empty'])} empty cells; "
        f"coverage in {result.coverage_path}"
    )

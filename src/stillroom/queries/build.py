"""Build a prompt set: templates, then (opt-in) teacher-written prompts, then dedup, then coverage.

    stillroom queries --out prompts.jsonl                        # templates only, seconds
    stillroom queries --out p.jsonl --self-instruct 200 --magpie 200 --teacher hf:default

Order matters: template rows come first, so when a teacher writes a near-copy of a template prompt
the template row (whose cell is known for sure) is the one kept.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from stillroom.contracts.prompts import PromptRow, write_prompts
from stillroom.queries.coverage import coverage
from stillroom.queries.dedup import dedup
from stillroom.queries.expand import expand_templates
from stillroom.queries.skills import skill_rows
from stillroom.queries.taxonomy import Taxonomy, load_taxonomy
from stillroom.queries.teach import magpie, self_instruct
from stillroom.runs import write_json_atomic
from stillroom.teachers import GenParams, TeacherConfig, load_teacher


class QueriesConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a misspelt knob in a YAML is an error, not a silent default

    out: str = "prompts.jsonl"
    taxonomy: str | None = None  # None: the shipped default_taxonomy.yaml
    per_cell: int = Field(3, ge=0)  # template prompts per (domain, task, difficulty) cell
    seed: int = 0
    # Teacher expansion (off by default): totals over the whole set, not per cell.
    self_instruct: int = Field(0, ge=0)
    magpie: int = Field(0, ge=0)
    # Targeted short-answer prompts (queries/skills.py: arithmetic, units, sorting, facts, word forms,
    # JSON, output formats), held out from the eval's task suite by construction. Added after dedup:
    # they differ only in their numbers and words, which near-duplicate removal would not see.
    skills: int = Field(0, ge=0)
    teacher: TeacherConfig = TeacherConfig()
    per_request: int = Field(5, ge=1, le=20)  # self-instruct: new prompts asked for per teacher call
    examples: int = Field(3, ge=1, le=10)  # self-instruct: cell prompts shown as examples
    self_instruct_max_new_tokens: int = Field(320, ge=16)
    magpie_max_new_tokens: int = Field(128, ge=8)
    # None: derived from the teacher's chat template (ChatML for backends without a tokenizer, e.g. openai).
    magpie_prefix: str | None = None
    magpie_end: str | None = None  # the end-of-turn string a Magpie question stops at
    temperature: float = Field(0.8, ge=0)
    top_p: float = Field(0.9, gt=0, le=1)
    # Near-duplicate removal: Jaccard threshold over shingles of the normalised text.
    dedup_threshold: float = Field(0.8, gt=0, le=1)
    shingle: Literal["char", "word"] = "char"
    ngram: int = Field(5, ge=1, le=20)
    num_perm: int = Field(128, ge=8, le=1024)

    @model_validator(mode="after")
    def _sampling_for_magpie(self) -> QueriesConfig:
        if self.magpie and self.temperature == 0:
            raise ValueError(
                "magpie needs temperature > 0 (greedy decoding writes the same question every time)"
            )
        return self


@dataclass
class QueriesResult:
    rows: list[PromptRow]
    coverage: dict[str, Any]
    stats: dict[str, Any]
    out: Path
    coverage_path: Path


def build(cfg: QueriesConfig) -> QueriesResult:
    tax = load_taxonomy(cfg.taxonomy)
    rows = expand_templates(tax, cfg.per_cell, cfg.seed)
    stats: dict[str, Any] = {"template": len(rows)}
    if cfg.self_instruct or cfg.magpie:
        teacher_rows, teacher_stats = _teacher_rows(cfg, tax)
        rows += teacher_rows
        stats.update(teacher_stats)
    keep, dd = dedup(
        [r.text for r in rows], cfg.dedup_threshold, cfg.shingle, cfg.ngram, cfg.num_perm, cfg.seed
    )
    rows = [rows[i] for i in keep]
    stats["dedup"] = asdict(dd)
    if cfg.skills:
        seen = {r.text for r in rows}
        extra = [r for r in skill_rows(cfg.skills, cfg.seed) if r.text not in seen]
        rows += extra
        stats["skills"] = len(extra)
    out = Path(cfg.out)
    write_prompts(rows, out)
    cov = coverage(rows, tax)
    cov_path = out.with_name(out.name.removesuffix(".jsonl") + ".coverage.json")
    write_json_atomic(cov_path, {"config": cfg.model_dump(mode="json"), "stats": stats, "coverage": cov})
    return QueriesResult(rows, cov, stats, out, cov_path)


def _teacher_rows(cfg: QueriesConfig, tax: Taxonomy) -> tuple[list[PromptRow], dict[str, Any]]:
    teacher = load_teacher(cfg.teacher)
    base = GenParams(temperature=cfg.temperature, top_p=cfg.top_p, seed=cfg.seed)
    batch = cfg.teacher.batch_size
    rows: list[PromptRow] = []
    stats: dict[str, Any] = {}
    if cfg.self_instruct:
        params = replace(base, max_new_tokens=cfg.self_instruct_max_new_tokens)
        new, st = self_instruct(
            teacher,
            tax,
            cfg.self_instruct,
            params,
            per_request=cfg.per_request,
            examples=cfg.examples,
            seed=cfg.seed,
            batch=batch,
        )
        rows += new
        stats["self_instruct"] = asdict(st)
    if cfg.magpie:
        params = replace(base, max_new_tokens=cfg.magpie_max_new_tokens)
        new, st = magpie(
            teacher, tax, cfg.magpie, params, prefix=cfg.magpie_prefix, end=cfg.magpie_end, batch=batch
        )
        rows += new
        stats["magpie"] = asdict(st)
    return rows, stats

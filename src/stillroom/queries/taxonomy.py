"""The capability space a prompt set must cover: domains x task types x difficulty levels.

A cell is one (domain, task, difficulty). Task types own templates with `{slot}` holes; the slot
fillers come from the cell: the domain's fillers win over the task's, which win over the
difficulty's, so "topic" is domain content while "audience" is a difficulty knob. A domain filler
may also be split by difficulty (`problem: {easy: [...], hard: [...]}`) so a hard cell never gets
an easy problem. A template is usable in a cell only when every slot it names resolves there;
a cell with no usable template is an error, caught when the file is loaded rather than mid-run.
"""

from __future__ import annotations

import string
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from stillroom.contracts.prompts import Cell
from stillroom.errors import UserError

UNASSIGNED = "unassigned"
Fillers = list[str] | dict[str, list[str]]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Difficulty(_Strict):
    name: str = Field(min_length=1)
    slots: dict[str, list[str]] = {}
    # Appended to every prompt of this level ("" = nothing); varies the phrasing of a level.
    suffixes: list[str] = [""]


class TaskType(_Strict):
    name: str = Field(min_length=1)
    description: str = ""
    templates: list[str] = Field(min_length=1)
    slots: dict[str, list[str]] = {}

    @field_validator("templates")
    @classmethod
    def _templates_parse(cls, templates: list[str]) -> list[str]:
        for t in templates:
            slot_names(t)
        return templates


class Domain(_Strict):
    name: str = Field(min_length=1)
    description: str = ""
    slots: dict[str, Fillers] = {}


class Taxonomy(_Strict):
    domains: list[Domain] = Field(min_length=1)
    tasks: list[TaskType] = Field(min_length=1)
    difficulties: list[Difficulty] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Taxonomy:
        for kind, items in (
            ("domain", self.domains),
            ("task", self.tasks),
            ("difficulty", self.difficulties),
        ):
            names = [x.name for x in items]
            dup = next((n for n in names if names.count(n) > 1), None)
            if dup is not None:
                raise ValueError(f"{kind} name {dup!r} appears twice")
            if UNASSIGNED in names:
                raise ValueError(f"{kind} name {UNASSIGNED!r} is reserved")
        levels = {d.name for d in self.difficulties}
        for dom in self.domains:
            for slot, fill in dom.slots.items():
                _check_fillers(f"domain {dom.name!r} slot {slot!r}", fill, levels)
        for cell in self.cells():
            if not self.usable_templates(cell):
                raise ValueError(
                    f"cell {cell} has no template whose slots all resolve "
                    f"(missing: {', '.join(sorted(self._missing(cell)))})"
                )
        return self

    def cells(self) -> list[Cell]:
        return [
            Cell(d.name, t.name, k.name) for d in self.domains for t in self.tasks for k in self.difficulties
        ]

    def fillers(self, cell: Cell) -> dict[str, list[str]]:
        """Slot -> fillers for one cell, most specific level last so it wins."""
        out: dict[str, list[str]] = dict(self._get(self.difficulties, cell.difficulty).slots)
        out.update(self._get(self.tasks, cell.task).slots)
        for slot, fill in self._get(self.domains, cell.domain).slots.items():
            chosen = fill.get(cell.difficulty) if isinstance(fill, dict) else fill
            if chosen:
                out[slot] = chosen
        return out

    def usable_templates(self, cell: Cell) -> list[str]:
        have = self.fillers(cell)
        return [t for t in self._get(self.tasks, cell.task).templates if slot_names(t) <= have.keys()]

    def suffixes(self, cell: Cell) -> list[str]:
        return self._get(self.difficulties, cell.difficulty).suffixes or [""]

    def _missing(self, cell: Cell) -> set[str]:
        have = self.fillers(cell).keys()
        return set().union(*(slot_names(t) - have for t in self._get(self.tasks, cell.task).templates))

    @staticmethod
    def _get(items, name):
        return next(x for x in items if x.name == name)


def slot_names(template: str) -> set[str]:
    """The `{slot}` names of a template; refuses anything but plain identifiers ({x.y}, {x:>3}, {0})."""
    try:
        fields = [
            (name, spec, conv)
            for _, name, spec, conv in string.Formatter().parse(template)
            if name is not None
        ]
    except ValueError as e:
        raise ValueError(
            f"template {template[:40]!r}...: {e} (write a literal brace as {{{{ or }}}})"
        ) from None
    for name, spec, conv in fields:
        if not name.isidentifier() or spec or conv:
            raise ValueError(
                f"template {template[:40]!r}...: slot {{{name}}} must be a plain name like {{topic}}"
            )
    return {name for name, _, _ in fields}


def _check_fillers(where: str, fill: Fillers, levels: set[str]) -> None:
    lists = fill.values() if isinstance(fill, dict) else [fill]
    if isinstance(fill, dict) and not set(fill) <= levels:
        raise ValueError(f"{where} names unknown difficulties {sorted(set(fill) - levels)}")
    if any(not lst or not all(s.strip() for s in lst) for lst in lists):
        raise ValueError(f"{where} has an empty filler list or an empty filler")


def default_taxonomy_path() -> Path:
    return Path(str(resources.files("stillroom.queries") / "default_taxonomy.yaml"))


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Read and validate a taxonomy YAML (the shipped default when `path` is None)."""
    p = Path(path) if path is not None else default_taxonomy_path()
    if not p.is_file():
        raise UserError(f"taxonomy file not found: {p}")
    try:
        data = yaml.safe_load(p.read_text())
    except yaml.YAMLError as e:
        raise UserError(f"{p} is not valid YAML: {' '.join(str(e).split())}") from None
    return parse_taxonomy(data, where=str(p))


def parse_taxonomy(data: object, where: str = "taxonomy") -> Taxonomy:
    try:
        return Taxonomy.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        loc = ".".join(str(x) for x in first["loc"])
        msg = first["msg"].removeprefix("Value error, ")
        raise UserError(f"bad taxonomy {where}{' at ' + loc if loc else ''}: {msg}") from None

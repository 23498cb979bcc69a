"""Prompt sets (`prompts.jsonl`): one row model, one writer, one reader.

`stillroom queries` writes them; `harvest`, `trace --prompts` and the demo read them. One JSON
object per line:

    {"id": "3f2a...", "messages": [{"role": "user", "content": "..."}],
     "cell": {"domain": "chemistry", "task": "explain", "difficulty": "easy"}, "source": "template"}

`messages` (chat) or `prompt` (a raw string, sent as is) holds the prompt; `cell` and `source` say
where it came from and may be absent in prompt sets made elsewhere. Unknown keys are ignored, so a
prompt set from another tool loads as long as it has `id` and a prompt.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic.dataclasses import dataclass

from stillroom.errors import UserError, first_problem

Messages = list[dict[str, str]]  # chat messages: [{"role": "user", "content": "..."}]
Prompt = Messages | str  # what a teacher takes: messages (chat template applied) or a raw string


@dataclass(frozen=True, order=True)
class Cell:
    """A taxonomy cell: where a prompt sits in (domain x task x difficulty)."""

    domain: str
    task: str
    difficulty: str

    def as_dict(self) -> dict[str, str]:
        return {"domain": self.domain, "task": self.task, "difficulty": self.difficulty}

    def __str__(self) -> str:
        return f"{self.domain}/{self.task}/{self.difficulty}"


class PromptMessage(BaseModel):
    model_config = ConfigDict(extra="allow")  # e.g. `name`: kept and sent to the teacher as written

    role: str = Field(min_length=1)
    content: str


class PromptRow(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1)
    messages: list[PromptMessage] | None = Field(None, min_length=1)
    prompt: str | None = None
    cell: Cell | None = None
    source: str | None = None  # template | self-instruct | magpie (queries), or another tool's name

    @model_validator(mode="after")
    def _one_prompt(self) -> PromptRow:
        if (self.messages is None) == (self.prompt is None):
            raise ValueError("needs `messages` or `prompt` (exactly one)")
        return self

    @classmethod
    def of(cls, text: str, cell: Cell | None = None, source: str | None = None) -> PromptRow:
        """A one-turn user prompt, its id a hash of the text (so it keeps its id across reruns)."""
        pid = hashlib.sha256(text.encode()).hexdigest()[:16]
        return cls(id=pid, messages=[PromptMessage(role="user", content=text)], cell=cell, source=source)

    @property
    def text(self) -> str:
        """What the user asked: the last message, or the raw prompt."""
        return self.messages[-1].content if self.messages else self.prompt or ""

    def teacher_prompt(self) -> Prompt:
        """The prompt as a teacher takes it (`stillroom.teachers.Prompt`): messages or a raw string."""
        if self.messages is None:
            return self.prompt or ""
        return [m.model_dump() for m in self.messages]

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


def write_prompts(rows: Iterable[PromptRow], path: str | Path) -> Path:
    """Write via a temp file and rename, so a reader (or a crash) never sees half a prompt set."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w") as f:
        for row in rows:
            f.write(json.dumps(row.to_json(), ensure_ascii=False) + "\n")
    os.replace(tmp, path)
    return path


def read_prompts(path: str | Path) -> list[PromptRow]:
    """Every row of a prompt set, checked line by line; a bad line is a UserError naming it."""
    p = Path(path)
    if not p.is_file():
        raise UserError(f"prompt file not found: {p}")
    rows = []
    with open(p) as f:
        for n, line in enumerate(f, start=1):
            if line.strip():
                rows.append(_row(p, n, line))
    if not rows:
        raise UserError(f"{p} holds no prompts")
    return rows


def _row(p: Path, n: int, line: str) -> PromptRow:
    try:
        data = json.loads(line)
    except json.JSONDecodeError:
        raise UserError(f"{p}:{n} is not JSON: expected one prompt object per line") from None
    if not isinstance(data, dict) or "id" not in data or not ("messages" in data or "prompt" in data):
        raise UserError(f"{p}:{n} needs `id` and `messages` (or `prompt`), as `stillroom queries` writes")
    try:
        return PromptRow.model_validate(data)
    except ValidationError as e:
        raise UserError(f"{p}:{n}: {first_problem(e)}") from None

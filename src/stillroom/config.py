"""Typed configs: pydantic models filled from an optional YAML file, then CLI overrides.

YAML is data only (`yaml.safe_load`): a config never names code to import. Every run writes the
resolved config next to its outputs with `save_config`, so a run folder says how it was made.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from stillroom.errors import UserError, first_problem

C = TypeVar("C", bound=BaseModel)


def load_config(cls: type[C], path: str | Path | None = None, **overrides: Any) -> C:
    """Build `cls` from YAML at `path` (if given) with non-None `overrides` on top.

    Overrides use dotted keys for nested fields (`{"train.lr": 1e-4}`) so CLI flags can reach them.
    """
    data: dict[str, Any] = {}
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise UserError(f"config file not found: {p}")
        try:
            data = yaml.safe_load(p.read_text()) or {}
        except yaml.YAMLError as e:
            raise UserError(f"{p} is not valid YAML: {e}") from None
        if not isinstance(data, dict):
            raise UserError(f"{p} must hold a mapping at top level, not {type(data).__name__}")
    for key, value in overrides.items():
        if value is not None:
            _set_dotted(data, key, value)
    try:
        return cls.model_validate(data)
    except ValidationError as e:
        raise UserError(f"bad config value for {first_problem(e)}") from None


def save_config(cfg: BaseModel, path: str | Path) -> None:
    Path(path).write_text(yaml.safe_dump(cfg.model_dump(mode="json"), sort_keys=False))


def _set_dotted(data: dict[str, Any], key: str, value: Any) -> None:
    *parents, leaf = key.replace("__", ".").split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = value

"""The dependency graph, checked: the import rule holds, no stage reaches into another's private
names, and everything stillroom imports is a runtime dependency (so a plain `pip install` runs
every command, the arena's openai client included)."""

from __future__ import annotations

import ast
import importlib.metadata as md
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "stillroom"


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, imported names) for every absolute import in a file, function-level ones included."""
    out = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.append((node.module, [a.name for a in node.names]))
    return out


def _package(path: Path) -> str:
    """The stillroom subpackage (or top-level module) a source file belongs to."""
    return path.relative_to(SRC).parts[0].removesuffix(".py")


def test_import_rule_holds():
    """pyproject's [tool.importlinter] contracts: layers (stages never import each other) and no cycles."""
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    if exe is None:
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    r = subprocess.run([exe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout[-3000:]


def test_no_stage_imports_another_stages_private_names():
    bad = []
    for path in SRC.rglob("*.py"):
        for module, names in _imports(path):
            parts = module.split(".")
            if parts[0] != "stillroom" or len(parts) < 2 or parts[1] == _package(path):
                continue
            private = [n for n in names if n.startswith("_")] + [p for p in parts if p.startswith("_")]
            if private:
                bad.append(f"{path.relative_to(ROOT)}: {module} {private}")
    assert not bad, bad


def _distribution_names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\s<>=!~\[;]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements}


def test_every_third_party_import_is_a_runtime_dependency():
    """Regression: the arena imported `openai`, then only a dev extra, so `stillroom arena` died on
    a normal install. Every distribution src/ imports must be in [project.dependencies]."""
    runtime = _distribution_names(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    )
    owners = md.packages_distributions()
    missing = set()
    for path in SRC.rglob("*.py"):
        for module, _ in _imports(path):
            top = module.split(".")[0]
            if top == "stillroom" or top in sys.stdlib_module_names:
                continue
            dists = {d.lower().replace("_", "-") for d in owners.get(top, [top])}
            if not dists & runtime:
                missing.add(f"{top} ({path.relative_to(ROOT)})")
    assert not missing, sorted(missing)


def test_the_licence_is_an_spdx_expression():
    """setuptools deprecates `license = { text = ... }` and stops building it after 2027-02-18
    (its BuildBackendWarning in every `make install`): PEP 639's SPDX string, setuptools >= 77."""
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert meta["project"]["license"] == "Apache-2.0"
    assert "setuptools>=77" in meta["build-system"]["requires"]

"""Issue #16: the CLI reference and config examples in docs/ are generated, and drift fails here."""

from __future__ import annotations

import re

import click
import pytest
import typer
import yaml

from stillroom import refdocs
from stillroom.cli import app

STALE = "stale: run `python -m stillroom.refdocs` and commit docs/"


@pytest.mark.parametrize("name", sorted(refdocs.CONFIGS))
def test_config_examples_are_the_defaults_and_validate(name, monkeypatch):
    model = refdocs.CONFIGS[name]
    path = refdocs.DOCS / "config" / name
    assert path.read_text() == refdocs.config_example(model), STALE
    data = yaml.safe_load(path.read_text())
    for field in refdocs.secret_fields(model):
        data[field] = "a-secret-of-more-than-16-characters"
    model.model_validate(data)


def test_cli_reference_names_every_command_and_option():
    """Rich's box drawing varies with the terminal and its version, so the check is on content:
    every command has its section, and every option of the command is in it."""
    text = (refdocs.DOCS / "cli.md").read_text()
    sections = dict(re.findall(r"^## `([^`]+)`\n(.*?)(?=^## `|\Z)", text, re.M | re.S))
    root = typer.main.get_command(app)
    for path in refdocs._paths(root, click.Context(root, info_name="stillroom"), []):
        title = " ".join(["stillroom", *path])
        assert title in sections, f"{title} missing; {STALE}"
        cmd = root
        for part in path:
            cmd = cmd.get_command(click.Context(cmd), part)
        for param in cmd.params:
            for opt in param.opts if isinstance(param, click.Option) else ():
                if opt.startswith("--"):
                    assert opt in sections[title], f"{title}: {opt} missing; {STALE}"


def _anchor(heading: str) -> str:
    """GitHub's anchor for a markdown heading: lower case, punctuation dropped, spaces to '-'."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_relative_links_in_readme_and_docs_resolve():
    """A moved or renamed page (session 29 moved the README's long status history to docs/status.md)
    must not leave links pointing nowhere; anchors into markdown pages must name a heading."""
    root = refdocs.DOCS.parent
    broken = []
    for page in [root / "README.md", root / "SECURITY.md", *sorted(refdocs.DOCS.glob("*.md"))]:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text()):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            dest = (page.parent / path).resolve() if path else page
            if not dest.exists():
                broken.append(f"{page.name}: {target}")
            elif anchor and dest.suffix == ".md":
                heads = re.findall(r"^#+ (.+)$", dest.read_text(), re.M)
                if anchor not in {_anchor(h) for h in heads}:
                    broken.append(f"{page.name}: {target} (no such heading)")
    assert not broken, broken

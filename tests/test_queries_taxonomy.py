"""Taxonomy loading, validation errors as one line, the shipped default's size, template expansion."""

from __future__ import annotations

import copy

import pytest
import yaml

from stillroom.contracts.prompts import Cell, read_prompts, write_prompts
from stillroom.errors import UserError
from stillroom.queries.expand import expand_cell, expand_templates
from stillroom.queries.taxonomy import default_taxonomy_path, load_taxonomy, parse_taxonomy

SMALL = {
    "difficulties": [
        {"name": "easy", "slots": {"audience": ["a child"]}},
        {"name": "hard", "suffixes": ["", "Be rigorous."]},
    ],
    "tasks": [
        {"name": "explain", "templates": ["Explain {topic} to {audience}.", "What is {topic}?"]},
        {"name": "solve", "templates": ["Solve: {problem}"]},
    ],
    "domains": [
        {
            "name": "maths",
            "slots": {
                "topic": ["primes", "limits", "groups"],
                "problem": {"easy": ["1 + 1"], "hard": ["prove it", "integrate x"]},
            },
        }
    ],
}


def test_default_taxonomy_is_big_enough():
    tax = load_taxonomy()
    assert len(tax.domains) >= 10 and len(tax.tasks) >= 12 and len(tax.difficulties) == 3
    for cell in tax.cells():
        assert len(tax.usable_templates(cell)) >= 2, cell
    for task in tax.tasks:
        assert len(task.templates) >= 3, task.name


def test_fillers_precedence_and_difficulty_split():
    tax = parse_taxonomy(SMALL)
    assert tax.fillers(Cell("maths", "solve", "hard"))["problem"] == ["prove it", "integrate x"]
    assert tax.usable_templates(Cell("maths", "explain", "easy")) == SMALL["tasks"][0]["templates"]
    # no audience at 'hard': only the template without {audience} is usable there
    assert tax.usable_templates(Cell("maths", "explain", "hard")) == ["What is {topic}?"]


def _broken(edit) -> dict:
    data = copy.deepcopy(SMALL)
    edit(data)
    return data


@pytest.mark.parametrize(
    "edit, needle",
    [
        (lambda d: d["tasks"].append({"name": "solve", "templates": ["x {topic}"]}), "'solve' appears twice"),
        (lambda d: d["tasks"][1].update(templates=["Solve {problem.x}"]), "plain name"),
        (lambda d: d["tasks"][1].update(templates=["Solve {problem"]), "literal brace"),
        (lambda d: d["tasks"][1].update(templates=["Solve {missing}"]), "maths/solve/easy has no template"),
        (lambda d: d["domains"][0]["slots"].update(problem={"medium": ["x"]}), "unknown difficulties"),
        (lambda d: d["domains"][0]["slots"].update(topic=[]), "empty filler"),
        (lambda d: d["tasks"][0].update(color="red"), "Extra inputs"),
        (lambda d: d.pop("domains"), "domains: Field required"),
    ],
)
def test_validation_errors_are_one_line(edit, needle):
    with pytest.raises(UserError) as e:
        parse_taxonomy(_broken(edit))
    assert needle in str(e.value) and "\n" not in str(e.value)


def test_bad_files_are_one_line(tmp_path):
    with pytest.raises(UserError, match="not found"):
        load_taxonomy(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("tasks: [unclosed\n")
    with pytest.raises(UserError, match="not valid YAML") as e:
        load_taxonomy(bad)
    assert "\n" not in str(e.value)


def test_expansion_is_seeded_and_cell_local(tmp_path):
    tax = load_taxonomy()
    a, b, c = (
        expand_templates(tax, 3, seed=7),
        expand_templates(tax, 3, seed=7),
        expand_templates(tax, 3, seed=8),
    )
    assert [r.text for r in a] == [r.text for r in b]
    assert [r.text for r in a] != [r.text for r in c]
    assert len(a) == 3 * len(tax.cells())
    # a cell's prompts do not depend on which other cells are expanded
    cell = Cell("chemistry", "solve", "hard")
    assert [r.text for r in expand_cell(tax, cell, 3, seed=7)] == [r.text for r in a if r.cell == cell]
    assert not any("{" in r.text or "}" in r.text for r in a)  # every slot filled
    write_prompts(a, tmp_path / "p.jsonl")
    assert read_prompts(tmp_path / "p.jsonl") == a


def test_hard_problems_stay_hard():
    tax = parse_taxonomy(SMALL)
    rows = expand_cell(tax, Cell("maths", "solve", "hard"), 10)
    assert {r.text for r in rows} == {
        "Solve: prove it",
        "Solve: integrate x",
        "Solve: prove it Be rigorous.",
        "Solve: integrate x Be rigorous.",
    }
    assert len(rows) == 4  # 2 problems x 2 suffixes: asking for more gives what exists


def test_default_taxonomy_file_round_trips():
    data = yaml.safe_load(default_taxonomy_path().read_text())
    assert parse_taxonomy(data) == load_taxonomy()

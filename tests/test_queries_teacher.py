"""Teacher expansion: parsing and junk filtering, the Magpie prefix, the whole build on tiny/fake/real teachers."""

from __future__ import annotations

import hashlib
import json

import pytest
import yaml

from stillroom.contracts.prompts import Cell
from stillroom.queries.assign import CellIndex
from stillroom.queries.build import QueriesConfig, build
from stillroom.queries.taxonomy import UNASSIGNED, load_taxonomy
from stillroom.queries.teach import clean_prompt, magpie_prefix, parse_list
from stillroom.teachers import load_teacher
from stillroom.teachers.fake import FakeTeacher

SMALL_TAX = {
    "difficulties": [{"name": "easy"}, {"name": "hard", "suffixes": ["Be rigorous."]}],
    "tasks": [
        {
            "name": "explain",
            "description": "explain a concept",
            "templates": ["Explain {topic}.", "What is {topic}?"],
        }
    ],
    "domains": [
        {"name": "maths", "slots": {"topic": ["primes", "limits"]}},
        {"name": "cooking", "slots": {"topic": ["bread", "custard"]}},
    ],
}
SMOLLM_TEMPLATE = (
    "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\nYou are a helpful AI assistant<|im_end|>\n' }}{% endif %}"
    "{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)


def test_parse_numbered_list_and_filter_junk():
    text = (
        'Here are 4 new requests:\n1. Explain how a sourdough starter works.\n2) "What is the Maillard reaction?"\n'
        "- Compare braising and roasting for tough cuts.\n\n3. ok then\n4. \ufffd\ufffd broken bytes here ok\n"
        "5. the the the the the the the the the\n6. 12345 67890 !!! ???\nRequest 7: Give three uses of yeast."
    )
    kept = [p for p in (clean_prompt(line)[0] for line in parse_list(text)) if p]
    assert kept == [
        "Explain how a sourdough starter works.",
        "What is the Maillard reaction?",
        "Compare braising and roasting for tough cuts.",
        "Give three uses of yeast.",
    ]
    assert parse_list(
        "Sure:\n1. Explain yeast to a child.\nchatter after the list\n2. Compare two bread doughs"
    ) == ["1. Explain yeast to a child.", "2. Compare two bread doughs"]
    assert parse_list("1. Explain yeast to a child.\n2. Compare two bre", truncated=True) == [
        "1. Explain yeast to a child."
    ]
    assert clean_prompt("3. ok then") == (None, "too short")
    assert clean_prompt("Sure! Here you go with the list:")[1] == "meta"
    assert clean_prompt("x" * 2000 + " a b c")[1] == "too long"


def test_magpie_prefix_from_chat_template(tiny_teacher_dir):
    teacher = load_teacher(f"hf:{tiny_teacher_dir}")
    assert magpie_prefix(teacher) == ("<|im_start|>user\n", "<|im_end|>")
    teacher.tokenizer.chat_template = SMOLLM_TEMPLATE  # a default system turn must stay in the prefix
    assert magpie_prefix(teacher) == (
        "<|im_start|>system\nYou are a helpful AI assistant<|im_end|>\n<|im_start|>user\n",
        "<|im_end|>",
    )
    assert magpie_prefix(FakeTeacher()) == ("<|im_start|>user\n", "<|im_end|>")


def test_assign_cell_by_keywords():
    index = CellIndex.build(load_taxonomy())
    assert index.assign(
        "Write a Python function that returns the reverse complement of a DNA sequence."
    ) == Cell("biology", "code", UNASSIGNED)
    assert index.assign("Convert 350 degrees Fahrenheit to Celsius for my oven recipe.") == Cell(
        "cooking", "convert", UNASSIGNED
    )
    assert index.assign("zzz qqq") == Cell(UNASSIGNED, UNASSIGNED, UNASSIGNED)


def _cfg(tmp_path, teacher: str, **kw) -> QueriesConfig:
    tax = tmp_path / "tax.yaml"
    tax.write_text(yaml.safe_dump(SMALL_TAX))
    base = {
        "out": str(tmp_path / "p.jsonl"),
        "taxonomy": str(tax),
        "per_cell": 2,
        "teacher": {"spec": teacher},
        "per_request": 2,
        "examples": 1,
        "self_instruct_max_new_tokens": 24,
        "magpie_max_new_tokens": 16,
    }
    return QueriesConfig.model_validate({**base, **kw})


def _check_rows(path) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    for r in rows:
        assert set(r) == {"id", "messages", "cell", "source"}
        assert r["source"] in ("template", "self-instruct", "magpie")
        assert r["messages"] == [{"role": "user", "content": r["messages"][0]["content"]}]
        assert set(r["cell"]) == {"domain", "task", "difficulty"}
        assert r["id"] == hashlib.sha256(r["messages"][0]["content"].encode()).hexdigest()[:16]
    assert len({r["id"] for r in rows}) == len(rows)
    return rows


def test_self_instruct_and_magpie_on_tiny_teacher(tiny_teacher_dir, tmp_path):
    res = build(_cfg(tmp_path, f"hf:{tiny_teacher_dir}", self_instruct=4, magpie=3))
    rows = _check_rows(res.out)
    si, mp = res.stats["self_instruct"], res.stats["magpie"]
    assert si["generated"] == 2 and si["parsed"] >= si["kept"] and si["kept"] <= 4
    assert mp["generated"] == 3 and mp["kept"] + sum(mp["dropped"].values()) == 3
    # a random model writes junk: whatever survived the filter carries a valid cell
    for r in rows:
        if r["source"] == "self-instruct":
            assert (r["cell"]["domain"], r["cell"]["task"]) in {("maths", "explain"), ("cooking", "explain")}
    cov = json.loads(res.coverage_path.read_text())
    assert cov["coverage"]["total"] == len(rows) and cov["config"]["magpie"] == 3


def test_fake_teacher_rows_reach_the_output(tmp_path):
    res = build(_cfg(tmp_path, "fake", self_instruct=4, magpie=3))
    rows = _check_rows(res.out)
    by_source = {s: [r for r in rows if r["source"] == s] for s in ("template", "self-instruct", "magpie")}
    assert len(by_source["template"]) == 8 and by_source["self-instruct"]
    # the fake answers a prompt deterministically: 3 identical magpie samples dedup to one row
    assert res.stats["magpie"]["kept"] == 3 and len(by_source["magpie"]) == 1
    assert by_source["magpie"][0]["cell"]["difficulty"] == UNASSIGNED


@pytest.mark.e2e
def test_real_teacher_writes_usable_prompts(tmp_path):
    res = build(
        QueriesConfig(
            out=str(tmp_path / "p.jsonl"),
            per_cell=0,
            self_instruct=3,
            magpie=3,
            per_request=3,
            examples=2,
            self_instruct_max_new_tokens=96,
            magpie_max_new_tokens=48,
            seed=0,
        )
    )
    rows = _check_rows(res.out)
    assert res.stats["self_instruct"]["generated"] == 1 and res.stats["magpie"]["generated"] == 3
    assert any(r["source"] == "self-instruct" for r in rows)
    assert any(r["source"] == "magpie" for r in rows)
    assert all(len(r["messages"][0]["content"].split()) >= 3 for r in rows)

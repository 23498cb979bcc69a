"""Targeted skill prompts: deterministic, varied, and held out from the checkable-task suite."""

from __future__ import annotations

import re
from collections import Counter

from stillroom.evaluate import tasks
from stillroom.queries import skills
from stillroom.queries.build import QueriesConfig, build

SUFFIXES = (
    "Reply with only the number.",
    "Reply with only the sorted list.",
    "Answer in a few words.",
    "Answer with one word.",
    "Reply with only the JSON.",
    "Reply in capital letters only.",
)


def core(prompt: str) -> str:
    """An eval prompt without its answer-format instruction, normalised."""
    for s in SUFFIXES:
        prompt = prompt.replace(s, "")
    return " ".join(prompt.lower().split())


def skeleton(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def eval_prompts() -> list[str]:
    return [t.prompt for seed in range(4) for t in tasks.build_suite(80, seed)]


def test_rows_are_deterministic_distinct_and_cover_every_family():
    a, b = skills.skill_rows(350, seed=0), skills.skill_rows(350, seed=0)
    assert [r.text for r in a] == [r.text for r in b]
    assert len({r.text for r in a}) == 350
    fams = Counter(r.cell.task for r in a)
    assert set(fams) == {f"skill-{f}" for f in skills.FAMILIES}
    assert fams.most_common(1)[0][0] == "skill-facts" and min(fams.values()) >= 15
    assert all(r.source == "skills" and r.cell.domain for r in a)
    assert [r.text for r in skills.skill_rows(50, seed=1)] != [r.text for r in a[:50]]


def test_no_eval_item_or_eval_template_reaches_training():
    rows = [r.text for r in skills.skill_rows(3000, seed=0)]
    low = [" ".join(r.lower().split()) for r in rows]
    cores = {core(p) for p in eval_prompts()}
    assert not [c for c in cores for r in low if c in r][:3]
    eval_skeletons = {skeleton(p) for p in eval_prompts()} | {skeleton(core(p)) for p in eval_prompts()}
    assert not eval_skeletons & {skeleton(r) for r in rows}


def test_fact_and_word_banks_are_disjoint_from_the_eval_banks():
    train_q = {" ".join(q.lower().split()) for q, _ in skills.FACTS}
    assert not train_q & {" ".join(q.lower().split()) for q, _, _ in tasks.FACTS}
    eval_words = {re.search(r"'(\w+)'", q).group(1) for q, _ in tasks.WORDS} | {a[0] for _, a in tasks.WORDS}
    assert not eval_words & set(skills.OPPOSITES + skills.PLURALS + skills.PAST + skills.SYNONYMS)


def test_queries_adds_skill_rows_after_dedup(tmp_path):
    res = build(QueriesConfig(out=str(tmp_path / "p.jsonl"), per_cell=1, skills=70))
    assert res.stats["skills"] == 70
    assert res.coverage["by_source"]["skills"] == 70


def test_the_demo_never_trains_on_an_eval_task(tmp_path):
    """The demo's real training prompt file (taxonomy + skills) against its own eval suite."""
    import json

    from stillroom.demo import DemoConfig, stage_queries

    cfg = DemoConfig(out=str(tmp_path))
    stage_queries(cfg, tmp_path)
    train = [json.loads(line)["messages"][-1]["content"] for line in (tmp_path / "train.jsonl").open()]
    assert len(train) == cfg.train_prompts + cfg.skills
    low = [" ".join(t.lower().split()) for t in train]
    suite = tasks.build_suite(cfg.eval_tasks_per_kind, cfg.seed)
    leaks = [t.prompt for t in suite if any(core(t.prompt) in x for x in low)]
    assert not leaks


def test_sweeps_leave_out_every_entity_the_eval_asks_the_same_relation_about():
    """Same relation, same entity, other words ("Which planet is the largest..." vs the eval's
    "What is the largest planet...") would leak an answer; entities are compared per relation."""
    eval_q = " ".join(q.lower() for q, _, _ in tasks.FACTS)
    for template, entities, _ in skills.SWEEPS:
        relation = template.split("{}")[0].lower().strip()
        for e in entities:
            if relation in eval_q:
                assert f"{relation} {e.lower()}" not in eval_q, (template, e)
    capitals = next(ents for t, ents, _ in skills.SWEEPS if "capital" in t)
    asked = {re.search(r"capital of (.+)\?", q).group(1) for q, _, _ in tasks.FACTS if "capital of" in q}
    assert asked and not asked & set(capitals)

"""Round 13 of the guard's red team (what the audit row says the upstream was asked), against a
live guard on 127.0.0.1 in front of a scripted upstream; each finding's test fails on the code
before this round (checked by running this file against it: 9 of 10 fail, the one that passes is
ordinary traffic), and the tests marked as such check that the fix keeps ordinary traffic working:

- a dataset item sent as a final system (or developer) message, in `documents` or in completions'
  `suffix`, behind a fixed decoy user turn, was audited under the decoy's fingerprint: 3 different
  items, 3 rows with one `prompt_fp` and nothing else that differed. The audit row now has
  `instructions_fp` (and `instructions` with `store_prompts`), migration 5 on SQLite and PostgreSQL;
- an assistant turn that shows nothing still read as an answer when it had invisible characters
  (U+200B, a BOM) or an empty field beside its content (`tool_calls: []`, `refusal: ""`, a
  reasoning trace alone): the item in the user turn before it and "Go ahead." after was audited
  (and shown to the detector as the prompt) as "Go ahead.", session 28's fix walked around;
- a `tool_reference` content part, whose `name` vLLM renders into the prompt as text, carried a
  whole item past the audit row, the detector and the token estimate (they read an empty message).
"""

from __future__ import annotations

import json

import httpx
import pytest
import sqlalchemy as sa

from guard_support import RawUpstream, audit_rows, guard_running, settings

ITEM = "Write a Python function that returns the n-th Fibonacci number using memoisation."


def _post(url: str, secret: str, body: dict, endpoint: str = "chat/completions") -> httpx.Response:
    return httpx.post(
        f"{url}/v1/{endpoint}", json=body, headers={"authorization": f"Bearer {secret}"}, timeout=30
    )


def _chat(*messages: dict, **extra) -> dict:
    return {"model": "fake", "messages": list(messages), "max_tokens": 8, **extra}


def _user(text: str) -> dict:
    return {"role": "user", "content": text}


@pytest.fixture
def live(tmp_path):
    """(url, secret, rows()) of a guard that stores prompts, in front of a RawUpstream."""
    up = RawUpstream()
    s = settings(tmp_path, up.url, models=["fake"], store_prompts=True)
    try:
        with guard_running(s) as (url, guard):
            _, secret = guard.keys.create("a", rpm=1000, tpm=10**7)

            def rows() -> list[dict]:
                guard.audit.close()  # everything queued so far is in the database
                return audit_rows(s.db)

            yield url, secret, rows
    finally:
        up.close()


# --- items behind a decoy: what the audit row says was asked ---


def test_an_item_in_the_instructions_has_its_own_audit_fingerprint(live):
    """Old code: no `instructions_fp` column; the rows of three different items behind one decoy
    had one `prompt_fp` and nothing else to tell them apart. Now each item's rows carry its own
    instructions fingerprint, the same item the same one; a request without instructions has none,
    and an app's fixed system prompt one fingerprint over different questions (ordinary traffic)."""
    url, secret, rows = live
    decoy = _user("Follow the instruction.")
    bodies = [
        _chat(decoy, {"role": "system", "content": ITEM}),
        _chat(decoy, {"role": "developer", "content": ITEM + " Then explain it."}),
        _chat(decoy, {"role": "system", "content": ITEM}),
        _chat(decoy, documents=[{"title": "task", "text": "Prove that sqrt(2) is irrational."}]),
        {"model": "fake", "prompt": "def fib(n):", "suffix": "# " + ITEM, "max_tokens": 8},
        _chat(_user("What is the capital of France?")),
        _chat({"role": "system", "content": "You are a tutor."}, _user("What is 2 + 2?")),
        _chat({"role": "system", "content": "You are a tutor."}, _user("What is 3 + 3?")),
    ]
    for i, body in enumerate(bodies):
        r = _post(url, secret, body, "completions" if "prompt" in body else "chat/completions")
        assert r.status_code == 200, (i, r.text)
    got = rows()
    fps = [row["instructions_fp"] for row in got]
    assert len({row["prompt_fp"] for row in got[:4]}) == 1  # the decoy's, as before
    assert fps[0] == fps[2] and len({fps[0], fps[1], fps[3], fps[4]}) == 4 and None not in fps[:5], fps
    assert got[0]["instructions"] == ITEM and "sqrt(2)" in got[3]["instructions"]
    assert ITEM in got[4]["instructions"]
    assert fps[5] is None and got[5]["instructions"] is None
    assert fps[6] == fps[7] is not None and got[6]["prompt_fp"] != got[7]["prompt_fp"]


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url_13(request, tmp_path):
    from guard_support import sqlite_or_pg

    return sqlite_or_pg(request, tmp_path)


def test_an_audit_table_from_before_round_13_gets_the_instructions_columns(db_url_13, tmp_path):
    """A database at migration 4 (no instructions columns) is upgraded in place, and a row a guard
    of that version journaled (without the new keys) is still replayed into it."""
    from stillroom import migrations
    from stillroom.guard.audit import recover
    from stillroom.guard.db import MIGRATIONS, connect, migrations_table, normalise_url

    engine = sa.create_engine(normalise_url(db_url_13))
    with engine.begin() as conn:
        migrations_table.create(conn, checkfirst=True)

    def apply(version: int, name: str, step) -> None:
        with engine.begin() as conn:
            step(conn)
            conn.execute(migrations_table.insert().values(version=version, name=name, applied_at=0.0))
            if version == 1:  # the table as migration 1 made it then
                conn.exec_driver_sql("ALTER TABLE audit DROP COLUMN instructions_fp")
                conn.exec_driver_sql("ALTER TABLE audit DROP COLUMN instructions")

    migrations.migrate(MIGRATIONS[:4], set(), apply)
    engine.dispose()
    old = {"request_id": "r1", "ts": 1.0, "key_id": "k", "endpoint": "chat", "model": "m"}
    old |= {"prompt_fp": "f", "action": "allow", "status": 200, "prompt_tokens": 1}
    old |= {"completion_tokens": 1, "latency_ms": 1.0}
    folder = tmp_path / "journal"
    folder.mkdir()
    (folder / "1-1-dead.jsonl").write_text(json.dumps({"r": old}) + "\n")  # a dead guard's segment
    engine = connect(db_url_13)
    columns = {c["name"] for c in sa.inspect(engine).get_columns("audit")}
    assert recover(folder, engine) == 1
    engine.dispose()
    assert {"instructions_fp", "instructions"} <= columns
    assert [(r["request_id"], r["instructions_fp"]) for r in audit_rows(db_url_13)] == [("r1", None)]


# --- an assistant turn that shows nothing ---


@pytest.mark.parametrize(
    "filler",
    [
        {"content": "\u200b"},
        {"content": "\ufeff\u2060 "},
        {"content": "", "tool_calls": []},
        {"content": "", "refusal": ""},
        {"content": None, "reasoning_content": "Let me think."},
    ],
    ids=["zwsp", "bom", "no-tool-calls", "empty-refusal", "reasoning-only"],
)
def test_an_assistant_turn_that_shows_nothing_does_not_hide_the_question_before_it(live, filler):
    """Old code: each of these read as an answer, so the audit row's prompt (and the detector's)
    was "Go ahead." while the model answered the item before it. Now the item is in the prompt."""
    url, secret, rows = live
    body = _chat(_user(ITEM), {"role": "assistant", **filler}, _user("Go ahead."))
    assert _post(url, secret, body).status_code == 200
    assert ITEM in rows()[0]["prompt"]


def test_a_turn_answered_by_text_or_a_tool_call_still_ends_there(live):
    """Ordinary traffic: a chat's second turn is audited as its own question, and an agent's tool
    call answers its turn (the audited prompt is the task and the tool's result, as before)."""
    url, secret, rows = live
    call = {"id": "call_1", "type": "function", "function": {"name": "search", "arguments": '{"q": "x"}'}}
    bodies = [
        _chat(_user(ITEM), {"role": "assistant", "content": "Here it is."}, _user("Thanks!")),
        _chat(
            _user(ITEM),
            {"role": "assistant", "content": None, "tool_calls": [call]},
            {"role": "tool", "tool_call_id": "call_1", "content": "result text"},
        ),
    ]
    assert [_post(url, secret, b).status_code for b in bodies] == [200, 200]
    prompts = [row["prompt"] for row in rows()]
    assert prompts[0] == "Thanks!" and prompts[1] == ITEM + "\n\nresult text", prompts


# --- a content part whose text the guard did not read ---


def test_a_tool_reference_must_name_a_declared_tool(live):
    """Old code: answered, audited with an empty prompt (and an empty message for the detector),
    while vLLM renders the part's `name` into the prompt. Now a 400; a reference to a tool of the
    request's `tools` still goes through (ordinary traffic: a deferred-tool search result)."""
    url, secret, rows = live
    hidden = _chat(
        _user("Use the tool."), {"role": "user", "content": [{"type": "tool_reference", "name": ITEM}]}
    )
    tool = {"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}
    declared = _chat(
        _user("What is the weather?"),
        {"role": "user", "content": [{"type": "tool_reference", "name": "get_weather"}]},
        tools=[tool],
    )
    refused, answered = _post(url, secret, hidden), _post(url, secret, declared)
    assert refused.status_code == 400 and "tool_reference" in refused.text, refused.text
    assert answered.status_code == 200, answered.text
    assert [row["status"] for row in rows()] == [400, 200]

"""Round 34 of the guard's red team, against a live guard on 127.0.0.1 and failing on the code before
its fix:

- `transformers serve` renders a message that has `tool_calls` without its content, whatever the
  message's role (transformers/cli/serving/utils.py, `get_processor_inputs_from_messages`: "When
  tool_calls are present, ignore content"). Measured against the real server (SmolLM2-135M): a
  1,640-character decoy as a user turn carrying a no-op call, the item as the next user turn and a
  600-character decoy with a call after it was read as the item alone (50 prompt tokens; 406 with
  the decoys read), while the guard's detector event held the decoys as the prompt's head and tail
  view and the item nowhere in it (the audit row's fingerprint covered all three). A head the model
  never reads and the key never pays for (round 19's `truncate_prompt_tokens`). Now `tool_calls`
  on any message but the assistant's is a 400; `null` and `[]` still pass.
"""

from __future__ import annotations

import httpx

from guard_support import RawUpstream, audit_rows_when, guard_running, observed, settings

DECOY = "Tell me about the weather in Paris today. " * 40  # past the detector's head view (1,500)
DECOY2 = "Also, what should I wear for a walk by the river? " * 12  # past its tail view (500)
ITEM = "ITEM: write a Python function that reverses a string."
CALL = {"id": "call_1", "type": "function", "function": {"name": "noop", "arguments": "{}"}}


class TransformersServe(RawUpstream):
    """Renders chat messages as `transformers serve` does for a text-only model (the content of a
    message that has tool calls dropped, content parts joined by spaces) and keeps each rendering."""

    def __init__(self) -> None:
        super().__init__()
        self.rendered: list[list[str]] = []

    async def _answer(self, head: bytes, body: dict, writer) -> None:
        texts = []
        for m in body.get("messages", []):
            content = [] if m.get("tool_calls") else (m.get("content") or [])
            parts = [{"type": "text", "text": content}] if isinstance(content, str) else content
            texts.append(" ".join(p["text"] for p in parts if p.get("type") == "text"))
        self.rendered.append(texts)
        usage = {"prompt_tokens": sum(len(t) for t in texts) // 4, "completion_tokens": 2, "total_tokens": 0}
        choice = {"index": 0, "message": {"role": "assistant", "content": "ok"}, "finish_reason": "stop"}
        self._json(writer, 200, {"id": "x", "object": "chat.completion", "choices": [choice], "usage": usage})


def _chat(url: str, secret: str, messages: list[dict]) -> httpx.Response:
    body = {"model": "fake", "messages": messages, "max_tokens": 16}
    return httpx.post(url + "/v1/chat/completions", json=body, headers={"authorization": f"Bearer {secret}"})


def test_tool_calls_on_a_message_not_the_assistants_are_refused(tmp_path):
    """Old code: 200, the upstream rendered the item alone while the detector's prompt view was the
    two decoys. Now a 400, audited, that never reaches the upstream; an agent's turns (an assistant
    message calling a tool, the tool's result) and `tool_calls: null` / `[]` on a user turn pass."""
    up = TransformersServe()
    s = settings(tmp_path, up.url, models=["fake"])
    try:
        with guard_running(s) as (url, guard):
            _, secret = guard.keys.create("k", rpm=1000, tpm=10**7)
            hidden = [
                {"role": "user", "content": DECOY, "tool_calls": [CALL]},
                {"role": "user", "content": ITEM},
                {"role": "user", "content": DECOY2, "tool_calls": [CALL]},
            ]
            r = _chat(url, secret, hidden)
            assert r.status_code == 400 and "tool_calls" in r.text, (r.status_code, r.text, up.rendered)
            tool = [
                {"role": "user", "content": ITEM},
                {"role": "tool", "content": DECOY, "tool_calls": [CALL]},
            ]
            assert _chat(url, secret, tool).status_code == 400
            assert up.rendered == []  # neither reached the upstream
            agent = [
                {"role": "user", "content": "Turn off the kitchen light."},
                {"role": "assistant", "content": None, "tool_calls": [CALL]},
                {"role": "tool", "tool_call_id": "call_1", "content": "done"},
                {"role": "user", "content": ITEM, "tool_calls": None},
            ]
            assert _chat(url, secret, agent).status_code == 200
            assert (
                _chat(url, secret, [{"role": "user", "content": ITEM, "tool_calls": []}]).status_code == 200
            )
            observed(guard)
            for texts, event in zip(up.rendered, guard.detector.events[2:], strict=True):
                assert ITEM in texts[-1] and ITEM in event.prompt  # what the model answers is in view
        rows = audit_rows_when(s.db, 4)
        assert sorted(row["status"] for row in rows) == [200, 200, 400, 400]
    finally:
        up.close()

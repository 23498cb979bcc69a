"""Round 20 of the guard's red team: text the upstream model reads that the detector or the audit
row did not, each test against a live guard on 127.0.0.1 (or the guard's own event builder with
the real detector) and failing on the code before its fix:

- the asked turn's text outside its messages' content (a user's `name`, which chat templates
  render in the turn) was in the audit row's instructions since round 14, but the detector's
  content classifier reads the event's prompt, which held the content alone: 200 instruction-set
  items sent as the user's `name` behind one fixed question read as the question (watch 0.37,
  instruction share 0.00; the same items as the content: suspect 0.95, 0.93);
- a media part's URL: TGI writes an `image_url` part into the prompt as the markdown `![](url)`,
  which a text-only model reads as words, while the guard read nothing of a media part: an item
  as an image's "URL" beside a decoy question was in neither the audit row nor the detector's
  event.
"""

from __future__ import annotations

import base64

import httpx
import pytest

from guard_support import RawUpstream, audit_rows, guard_running, observed, offline_settings, request_context
from guard_support import settings as guard_settings

DECOY = "Please do what the attached note says."
ITEMS = (
    "Write a Python function that reverses a linked list. Include comments.",
    "Translate into French: the committee postponed its decision until the spring.",
)


@pytest.fixture
def live(tmp_path):
    """(url, guard, the secret of a key in good standing, rows()) of a guard that stores prompts."""
    up = RawUpstream()
    s = guard_settings(tmp_path, up.url, models=["fake"], store_prompts=True)
    try:
        with guard_running(s) as (url, guard):
            secret = guard.keys.create("k", rpm=1000, tpm=10**7)[1]

            def rows() -> list[dict]:
                guard.audit.close()  # everything queued so far is in the database
                return audit_rows(s.db)

            yield url, guard, secret, rows
    finally:
        up.close()


def _send(url: str, secret: str, message: dict) -> None:
    body = {"model": "fake", "messages": [message], "max_tokens": 16}
    r = httpx.post(
        f"{url}/v1/chat/completions", json=body, headers={"authorization": f"Bearer {secret}"}, timeout=20
    )
    assert r.status_code == 200, r.text


def test_an_item_in_the_users_name_is_in_the_detectors_prompt(live):
    """Old code: the event's prompt was the decoy alone (the name was in the event's copy of the
    message, which the content classifier does not read)."""
    url, guard, secret, _ = live
    _send(url, secret, {"role": "user", "content": DECOY, "name": ITEMS[0]})
    observed(guard)
    prompt = guard.detector.events[-1].prompt
    assert DECOY in prompt and ITEMS[0] in prompt, prompt


def test_items_in_the_users_name_read_as_items():
    """The real detector on what the guard hands it: a key sending instruction-set items as the
    user's `name` behind one fixed question reads as one sending the items. Old code: watch 0.37,
    instruction share 0.00 (the items as the content: suspect 0.95)."""
    from stillroom.detector import Detector, DetectorConfig
    from stillroom.guard.detection import detector_events
    from test_detector_verdicts import rows

    items = rows("codealpaca_2k", 200)
    det, s = Detector(DetectorConfig(seed=0)), offline_settings()
    for i, item in enumerate(items):
        body = {
            "model": "m",
            "messages": [{"role": "user", "content": DECOY, "name": item}],
            "max_tokens": 256,
        }
        ctx = request_context("chat", body)
        ctx.ts = 4.0 * i
        for event in detector_events(ctx, s):
            a = det.observe(event)
    assert a.features.get("instruction_share", 0.0) >= 0.5, a.features
    assert a.verdict in ("suspect", "block"), (a.verdict, a.score)


def _image(url: str) -> dict:
    return {
        "role": "user",
        "content": [{"type": "text", "text": DECOY}, {"type": "image_url", "image_url": {"url": url}}],
    }


def test_an_item_as_an_image_url_is_read_where_the_model_reads_it(live):
    """TGI renders `image_url` parts as `![](url)` text. Old code: the detector's event and the audit
    row held the decoy only, and both items had one `instructions_fp` (None)."""
    url, guard, secret, rows = live
    for item in ITEMS:
        _send(url, secret, _image(item))
    observed(guard)
    events = guard.detector.events[-2:]
    assert all(item in e.prompt for item, e in zip(ITEMS, events, strict=True)), [e.prompt for e in events]
    got = rows()[-2:]
    assert all(item in (r["instructions"] or "") for item, r in zip(ITEMS, got, strict=True)), got
    assert got[0]["instructions_fp"] != got[1]["instructions_fp"]
    assert got[0]["prompt_fp"] == got[1]["prompt_fp"]  # the decoy: the trace is the instructions' change


def test_an_image_sent_as_base64_is_not_read_as_text(live):
    """A `data:` URL in base64 is the image's bytes, not words: the event's prompt stays the question."""
    url, guard, secret, rows = live
    png = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(64)).decode()
    _send(url, secret, _image(png))
    observed(guard)
    assert guard.detector.events[-1].prompt == DECOY
    assert rows()[-1]["instructions"] is None

"""Findings of session 25's adversarial review of the guard (a reviewer's scripts against a live
guard in front of a recording upstream), each with the request that showed it:

- `n_probs: 1e400` (JSON's infinity) overflowed the detector on every request of a key, which
  kept its first verdict, ok, for good; `n_probs: 1000` passed a `max_top_logprobs` of 5;
- a completions batch of 20 prompts was one detector event (a template sweep: suspect 0.74 sent
  one by one, ok 0.26 in batches);
- `refusal` / `thinking` content parts, which vLLM renders as prompt text, read as "" here;
- completions' `suffix` never reached the detector;
- an instruction in the fifth system message, or in a first user message buried under filler
  turns, reached the model but not the detector;
- llama.cpp's `n_predict` (read before `max_tokens`) walked past the policy's output cap and the
  gateway's bound; `best_of: "16"` passed `max_n` 8;
- 75,000 empty content parts cost 0.3 s of the event loop per refused request;
- zero-width spaces, soft hyphens or Cyrillic look-alikes inside words took a flagged sweep to watch;
- GET /v1/models called the upstream on every request, with no limit.
"""

from __future__ import annotations

import json
import time

import httpx
import pytest
import yaml

from fakes.upstream import FakeUpstream
from guard_support import (
    ConstantDetector,
    guard_running,
    observed,
    offline_settings,
    request_context,
    settings,
)
from stillroom.contracts.openai import ApiError, content_text
from stillroom.detector import Detector
from stillroom.detector.features import extract
from stillroom.detector.text import visible
from stillroom.detector.types import TrafficEvent
from stillroom.guard.detection import detector_events
from stillroom.guard.pipeline import parse_body
from stillroom.guard.policy import bound_output, cap_output
from stillroom.serve.thread import running


def _refused(endpoint: str, body: dict | bytes, **kw) -> ApiError:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    with pytest.raises(ApiError) as e:
        parse_body(raw, endpoint, offline_settings(**kw))  # type: ignore[arg-type]
    assert e.value.status == 400
    return e.value


CHAT = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 4}


def test_extension_counts_are_plain_ints_within_the_gateway_bounds():
    raw = json.dumps(CHAT)[:-1] + ', "n_probs": 1e400}'  # infinity, which json.dumps cannot write
    assert _refused("chat", raw.encode()).param == "n_probs"
    assert _refused("chat", {**CHAT, "n_probs": 1000}, max_top_logprobs=5).param == "n_probs"
    assert _refused("chat", {**CHAT, "n_predict": -2}).param == "n_predict"
    assert _refused("chat", {**CHAT, "n_predict": -1.0}).param == "n_predict"
    assert _refused("chat", {**CHAT, "n_predict": 5000}, max_tokens=256).param == "n_predict"
    assert _refused("completions", {"model": "m", "prompt": "x", "best_of": "16"}).param == "best_of"
    assert _refused("completions", {"model": "m", "prompt": "x", "best_of": 16.0}).param == "best_of"
    ok = request_context("chat", {**CHAT, "n_probs": 5, "n_predict": 200}, max_top_logprobs=5)
    assert ok.reserved >= 200  # the reservation reads n_predict, which llama.cpp generates


def test_the_output_cap_covers_n_predict():
    body = {"max_tokens": 1, "n_predict": 3000}
    assert cap_output(body, 32) and body == {"max_tokens": 1, "n_predict": 32}
    # -1, llama.cpp's own default (to the end of the context), is accepted and removed, so the
    # gateway's bound applies
    ctx = request_context(
        "chat", {"model": "m", "messages": [{"role": "user", "content": "hi"}], "n_predict": -1}
    )
    assert bound_output(ctx.body, "chat", 256) and ctx.body.get("n_predict") is None
    assert ctx.body["max_tokens"] == 256


def test_the_detector_survives_settings_it_cannot_read():
    event = TrafficEvent("k", 0.0, "chat", "hi", None, {"n_probs": float("inf"), "top_logprobs": 10**400})
    rec = extract(event)
    assert rec.logprobs and rec.top_logprobs > 20  # read, not raised on
    event = TrafficEvent("k", 0.0, "chat", "hi", None, {"temperature": 10**400, "n": float("nan")})
    assert extract(event).temperature is None
    Detector().observe(event)


def test_a_completions_batch_is_one_event_per_prompt_with_its_suffix():
    prompts = [f"Explain topic number {i} in detail." for i in range(20)]
    ctx = request_context("completions", {"model": "m", "prompt": prompts, "suffix": "END OF TASK"})
    events = detector_events(ctx, offline_settings())
    assert [e.prompt for e in events] == [p + "\nEND OF TASK" for p in prompts]
    ctx = request_context(
        "completions", {"model": "m", "prompt": " ", "suffix": "Write 50 new instructions."}
    )
    assert [e.prompt for e in detector_events(ctx, offline_settings())] == [" \nWrite 50 new instructions."]
    # token ids without a tokenizer: each prompt's ids as words, still one event per prompt (a
    # batch of id prompts as one event read ok 0.25 where one by one read watch: a fourth reviewer)
    ctx = request_context("completions", {"model": "m", "prompt": [[1, 2, 3], [4, 5]]})
    assert [e.prompt for e in detector_events(ctx, offline_settings())] == ["1 2 3", "4 5"]


def test_token_id_prompts_reach_the_detector_as_text_with_a_tokenizer(tmp_path):
    """A client that tokenizes its harvest itself (the model's tokenizer is public) sent ids the
    detector could not read; with the upstream's tokenizer.json set, each id prompt is its text."""
    from tokenizers import Tokenizer, models, pre_tokenizers

    vocab = {"[UNK]": 0, "Generate": 1, "50": 2, "new": 3, "instructions": 4, "about": 5, "chemistry": 6}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    path = tmp_path / "tokenizer.json"
    tok.save(str(path))
    body = {"model": "m", "prompt": [[1, 2, 3, 4], [1, 2, 3, 4, 5, 6]]}
    plain = detector_events(request_context("completions", body), offline_settings())
    assert [e.prompt for e in plain] == ["1 2 3 4", "1 2 3 4 5 6"]  # one event per prompt still
    decoded = detector_events(
        request_context("completions", body), offline_settings(detector_tokenizer=str(path))
    )
    assert [e.prompt for e in decoded] == [
        "Generate 50 new instructions",
        "Generate 50 new instructions about chemistry",
    ]
    bad = {"model": "m", "prompt": [[1, 2, 2**32 + 3]]}  # a server may read 2**32 + 3 as 3
    assert _refused("completions", bad, detector_tokenizer=str(path)).param == "prompt"
    with pytest.raises(ValueError, match="detector_tokenizer"):
        offline_settings(detector_tokenizer=str(tmp_path / "missing.json"))
    (tmp_path / "bad.json").write_text("{}")
    with pytest.raises(ValueError, match=r"not a tokenizer\.json"):
        offline_settings(detector_tokenizer=str(tmp_path / "bad.json"))


def test_text_in_non_text_parts_is_message_text():
    parts = [
        {"type": "refusal", "refusal": "Generate 50 diverse instructions."},
        {"type": "thinking", "thinking": "with answers"},
        {"type": "text", "text": "hi"},
        {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}},
        {"type": "input_audio", "input_audio": {"data": "AAAA", "format": "wav"}},
    ]
    assert content_text(parts) == "Generate 50 diverse instructions.\nwith answers\nhi"
    # on an assistant's message only since round 35 (pipeline.check_part_texts): here a prefill
    messages = [{"role": "user", "content": "Go on."}, {"role": "assistant", "content": parts}]
    ctx = request_context("chat", {"model": "m", "messages": messages})
    assert "Generate 50 diverse instructions." in detector_events(ctx, offline_settings())[0].prompt


def test_content_parts_are_bounded_before_validation():
    parts = [{"type": "x"}] * 75_000  # validated, ~0.3 s of the event loop (the reviewer's flood)
    body = {"model": "m", "messages": [{"role": "user", "content": parts}]}
    costs = []
    for _ in range(3):
        t0 = time.thread_time()
        e = _refused("chat", body)
        costs.append(time.thread_time() - t0)
    assert "content parts" in e.message and min(costs) < 0.1, costs


def test_what_reads_as_a_word_to_a_person_is_one_word_to_the_detector():
    assert visible("pho\u200btosyn\u00adthesis\ufe0f") == "photosynthesis"
    assert visible("Ехрlаin рhotosynthesis") == "Explain photosynthesis"  # Cyrillic Е х р а р
    assert visible("Объясни фотосинтез") == "Объясни фотосинтез"  # Russian stays Russian
    text = "Explain photosynthesis"
    assert visible(text) is text


def test_the_invisible_character_table_is_unicode_format_characters():
    import unicodedata

    from stillroom.detector.text import _INVISIBLE

    cf = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"}
    assert all(_INVISIBLE.fullmatch(c) for c in cf)


def test_a_sweep_with_invisible_characters_scores_as_the_plain_sweep():
    """The reviewer's sweep (traces.py's template sweep, 150 prompts on completions): suspect
    sent plainly; with U+200B after each word's first letter, or Cyrillic a/e/o/p/c/x, it read as
    watch (0.45 / 0.38) on the old code."""
    import random

    from stillroom.detector.traces import _sweep_prompts

    base = _sweep_prompts(random.Random(7))[:150]
    variants = {
        "plain": base,
        "zero-width": [
            " ".join(w[:1] + "\u200b" + w[1:] if len(w) > 2 else w for w in p.split(" ")) for p in base
        ],
        "cyrillic": [p.translate(str.maketrans("aeopcx", "аеорсх")) for p in base],
        # every letter that has a look-alike swapped: most words keep no ASCII letter (read 0.45)
        "spoofed": [
            p.translate(str.maketrans("acdeghijklmnopqrstuwxy", "асԁеɡһіјкӏмոорԛгѕтսԝху")) for p in base
        ],
    }
    scores = {}
    for name, prompts in variants.items():
        det = Detector()
        for i, p in enumerate(prompts):
            params = {"max_tokens": 256, "temperature": 0.7}
            a = det.observe(TrafficEvent("k", 1.8e9 + 20 * i, "completions", p, None, params))
        scores[name] = (a.verdict, a.score)
    assert scores["plain"][0] in ("suspect", "block")
    assert scores["zero-width"] == scores["plain"]
    # folded inside words that mix scripts; a word of look-alikes alone ("а") in a mostly Latin text
    # stays as sent
    for name in ("cyrillic", "spoofed"):
        assert scores[name][0] == scores["plain"][0] and abs(scores[name][1] - scores["plain"][1]) < 0.02, (
            scores
        )


# --- through a live guard ---


@pytest.fixture()
def live(tmp_path):
    det = ConstantDetector("ok")
    up = FakeUpstream(model="fake")
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump({"suspect": {"max_output_tokens": 32}}))
    with (
        running(up) as up_url,
        guard_running(settings(tmp_path, up_url, policy=str(path)), det) as (url, guard),
    ):
        yield url, guard, det, up


def test_live_models_listing_is_cached_and_charged(live, monkeypatch):
    url, guard, _, _ = live
    calls = []
    real = guard.upstream.models

    async def counted():
        calls.append(1)
        return await real()

    monkeypatch.setattr(guard.upstream, "models", counted)
    _, secret = guard.keys.create("lister", rpm=5, tpm=10_000)
    codes = [
        httpx.get(f"{url}/v1/models", headers={"authorization": f"Bearer {secret}"}, timeout=10).status_code
        for _ in range(12)
    ]
    assert codes[:5] == [200] * 5 and 429 in codes[5:]
    assert len(calls) <= 1


def test_live_batched_prompts_reach_the_detector_one_by_one(live):
    url, guard, det, _ = live
    _, secret = guard.keys.create("batch", rpm=100, tpm=10**6)
    prompts = [f"Explain topic {i}." for i in range(20)]
    before = len(det.events)
    r = httpx.post(
        f"{url}/v1/completions",
        json={"model": "fake", "prompt": prompts, "max_tokens": 2},
        headers={"authorization": f"Bearer {secret}"},
        timeout=30,
    )
    observed(guard)
    assert r.status_code == 200
    assert [e.prompt for e in det.events[before:]] == prompts


@pytest.mark.parametrize("shown", ["base", "enforced"])
def test_live_limit_headers_do_not_announce_a_verdict(tmp_path, shown):
    """A silent suspect policy (no notice) that halves the limits: with `rate_limit_headers: base`
    the headers read as before the verdict (limit 8, one fewer left per request, from where the
    key was: a bucket clamped to the tightened cap had read 3 of 8 after 6 of 8) until the
    tightened limit refuses a request; `enforced` shows the limit in force (4)."""
    det = ConstantDetector("ok")
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump({"suspect": {"limit_multiplier": 0.5, "watermark": True}}))
    s = settings(tmp_path, "http://127.0.0.1:9", policy=str(path), rate_limit_headers=shown)
    up = FakeUpstream(model="fake")
    with running(up) as up_url, guard_running(s.model_copy(update={"upstream": up_url}), det) as (url, guard):
        _, secret = guard.keys.create("quiet", rpm=8, tpm=10**6)
        body = {"model": "fake", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 2}
        h = {"authorization": f"Bearer {secret}"}
        first = httpx.post(f"{url}/v1/chat/completions", json=body, headers=h, timeout=30)
        det.verdict = "suspect"
        httpx.post(f"{url}/v1/chat/completions", json=body, headers=h, timeout=30)
        observed(guard)
        after = [httpx.post(f"{url}/v1/chat/completions", json=body, headers=h, timeout=30) for _ in range(5)]
    assert first.headers["x-ratelimit-limit-requests"] == "8"
    codes = [r.status_code for r in after]
    assert codes == [200] * 4 + [429]  # 4 requests/min are enforced either way
    limits = {r.headers["x-ratelimit-limit-requests"] for r in after if r.status_code == 200}
    assert limits == ({"8"} if shown == "base" else {"4"})
    left = [int(r.headers["x-ratelimit-remaining-requests"]) for r in [first, *after[:4]]]
    if shown == "base":  # counted on from before the verdict: 7, then (one request unseen) 5, 4...
        assert left == [7, 5, 4, 3, 2], left  # derived from the clamped bucket it read 7, 3, 2, 1, 0


# --- a second reviewer's findings on the fixes above ---


def test_look_alikes_fold_per_word_so_a_head_and_the_whole_reply_agree():
    """Folding decided per text folded a Russian reply with code in it but not its streamed head:
    a chat user's own history then read as foreign. Per word, Russian words keep their letters
    and the head and the whole fold alike."""
    from stillroom.detector.history import Served
    from stillroom.guard.context import SERVED_HEAD_CHARS, clip

    assert visible("Напиши функцию на Python для сортировки") == "Напиши функцию на Python для сортировки"
    assert visible("Let α = 3 and τ the period") == "Let α = 3 and τ the period"
    q = "Как в pandas посчитать сумму по группам и вернуть DataFrame с исходными колонками?"
    prose = "Для этого удобно использовать метод groupby вместе с agg, а затем сбросить индекс. " * 4
    code = "```python\nimport pandas as pd\ndf = pd.read_csv('orders.csv')\nprint(df.head())\n```\n" * 6
    reply = prose + code + "Параметр as_index=False возвращает колонки группировки как столбцы."
    det = Detector()
    det.observe(TrafficEvent("k", 1.8e9, "chat", q, [{"role": "user", "content": q}], {}))
    det.served("k", q, [reply[:SERVED_HEAD_CHARS]])
    msgs = [
        {"role": "user", "content": q},
        {"role": "assistant", "content": clip(reply, 2000)},
        {"role": "user", "content": "Спасибо! А как сделать то же самое в polars?"},
    ]
    from stillroom.detector.detector import as_read

    event = as_read(TrafficEvent("k", 1.8e9 + 60, "chat", msgs[-1]["content"], msgs, {}))
    assert det.keys["k"].served.judge(event.messages, 1.8e9 + 60) == "own"
    plain = Served()
    plain.add(q, [reply[:SERVED_HEAD_CHARS]], 1.8e9)
    assert plain.judge(msgs, 1.8e9 + 60) == "own"


def test_a_batch_is_one_arrival_for_timing():
    """A completions batch's events share the request's time: twenty zero gaps read as a
    fixed-interval scheduler (periodicity 1.0 for benign traces sent in batches)."""
    import random

    from stillroom.detector.traces import researcher

    evs = researcher(random.Random(5), "k", 1.8e9)[:300]
    periodicity = []
    for batched in (False, True):
        det = Detector()
        for i, e in enumerate(evs):
            ts = evs[(i // 20) * 20]["ts"] if batched else e["ts"]
            a = det.observe(TrafficEvent("k", ts, "completions", e["prompt"], None, e["params"]))
        periodicity.append(a.features["periodicity"])
    assert periodicity[1] < 0.9 and periodicity[0] < 0.9


def test_a_refused_batch_is_one_detector_event():
    from stillroom.guard.detection import refused_events

    ctx = request_context("completions", {"model": "nope", "prompt": [f"p{i} " * 50 for i in range(256)]})
    ctx.status, ctx.error = 404, "no such model"
    assert len(refused_events(ctx, offline_settings())) == 1


def test_one_part_per_message_is_not_counted_against_max_content_parts():
    msgs = [{"role": "user", "content": [{"type": "text", "text": f"m{i}"}]} for i in range(1100)]
    parse_body(json.dumps({"model": "m", "messages": msgs}).encode(), "chat", offline_settings())  # type: ignore[arg-type]


def test_served_questions_are_the_observed_prompts():
    """report_served paired the batch's joined prompt (no suffix) with its replies, which matched
    no observed prompt: each prompt now reports its own `n` replies, as observed."""
    from types import SimpleNamespace

    from stillroom.guard.detection import report_served

    got = []
    guard = SimpleNamespace(detector=SimpleNamespace(served=lambda k, q, r: got.append((q, r))))
    ctx = request_context(
        "completions", {"model": "m", "prompt": ["Capital of France?", "17 * 23?"], "n": 2, "suffix": "!"}
    )
    ctx.events = detector_events(ctx, offline_settings())
    ctx.replies = ["Paris", "Paris.", "391", "391."]
    report_served(ctx, guard)  # type: ignore[arg-type]
    assert got == [("Capital of France?\n!", ["Paris", "Paris."]), ("17 * 23?\n!", ["391", "391."])]


def test_embeddings_and_ids_in_parts_are_not_text():
    parts = [
        {"type": "text", "text": "Describe this image."},
        {"type": "image_embeds", "image_embeds": "8p5aUq" * 300, "uuid": "sha256-ab12"},
        {"type": "thinking", "thinking": "step one", "signature": "c2lnbmF0dXJl"},
    ]
    assert content_text(parts) == "Describe this image.\nstep one"


# --- a third reviewer's findings (session 25, after the fixes above) ---


def test_a_prompt_list_opening_with_an_int_is_not_a_token_id_list():
    """[0, "x", "x", ...] passed the prompt-count bound as "token ids" and cost 1.2-1.6 s of the
    event loop to validate; a flat list of ints of any length is still one prompt."""
    raw = json.dumps({"model": "m", "max_tokens": 1, "prompt": [0] + ["x"] * 50_000}).encode()
    t0 = time.thread_time()
    with pytest.raises(ApiError) as e:
        parse_body(raw, "completions", offline_settings())  # type: ignore[arg-type]
    assert e.value.status == 400 and "at most 256" in e.value.message
    assert time.thread_time() - t0 < 0.2
    parse_body(json.dumps({"model": "m", "prompt": [7] * 20_000}).encode(), "completions", offline_settings())  # type: ignore[arg-type]


def test_default_ignorable_characters_and_a_whole_spoofed_text():
    assert visible("C\u034flassify e\u180bach o\u3164f") == "Classify each of"
    spoof = str.maketrans("acdeghijklmnopqrstuwxy", "асԁеɡһіјкӏмոорԛгѕтսԝху")
    assert visible("classify each of these organisms".translate(spoof)) == "classify each of these organisms"
    # prose in those scripts is read as written, code and maths beside it too
    for text in (
        "Как в pandas посчитать сумму по группам и о том, кто как-то это делал",
        "Купи сахар и соль, а потом напиши мне",
        "Let α = 3 and τ be the period of the wave",
    ):
        assert visible(text) == text


def test_ids_past_the_vocabulary_do_not_hide_the_rest_of_the_prompt(tmp_path):
    from tokenizers import Tokenizer, models, pre_tokenizers

    from stillroom.guard.detection import decode_ids

    tok = Tokenizer(
        models.WordLevel({"[UNK]": 0, "Generate": 1, "50": 2, "instructions": 3}, unk_token="[UNK]")
    )
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    path = str(tmp_path / "tokenizer.json")
    tok.save(path)
    assert decode_ids(path, [1, 2, 2**32 + 3, 3], 2000) == "Generate 50 4294967299 instructions"

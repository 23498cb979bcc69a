"""`max_new_tokens_cap`: serve generates at most N tokens whatever the request asks (finish `length`)."""

from __future__ import annotations

import openai

from stillroom.serve.app import create_app
from stillroom.serve.config import ServeConfig
from stillroom.serve.thread import running
from stillroom.teachers import load_teacher


def test_cap_limits_generation_but_accepts_the_request(tiny_teacher_dir):
    teacher = load_teacher(f"hf:{tiny_teacher_dir}")
    cfg = ServeConfig(model_name="tiny", max_wait_ms=0, max_tokens_limit=4096, max_new_tokens_cap=5)
    with running(create_app(teacher, cfg)) as url:
        client = openai.OpenAI(base_url=f"{url}/v1", api_key="x", max_retries=0)
        r = client.chat.completions.create(
            model="tiny", messages=[{"role": "user", "content": "hi"}], max_tokens=2048, temperature=0
        )
    assert r.usage.completion_tokens <= 5
    if r.usage.completion_tokens == 5:
        assert r.choices[0].finish_reason == "length"

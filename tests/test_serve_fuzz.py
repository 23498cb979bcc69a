"""Fuzz the public API of `stillroom serve` from its own OpenAPI schema: bad input is never a 5xx."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from stillroom.serve.app import create_app
from stillroom.serve.config import ServeConfig
from stillroom.serve.thread import running
from stillroom.teachers.fake import FakeTeacher


def _fuzz(op, mode: GenerationMode, failures: list) -> None:
    @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=op.as_strategy(generation_mode=mode))
    def call(case):
        if isinstance(case.body, dict) and mode == GenerationMode.POSITIVE:
            case.body["model"] = "fake"  # reach the generation path, not only the unknown-model 404
        r = case.call()
        if r.status_code >= 500:
            failures.append((op.label, case.body, r.status_code, r.text[:200]))

    call()


def test_no_5xx_for_generated_requests():
    with running(create_app(FakeTeacher(), ServeConfig(max_wait_ms=0, model_name="fake"))) as url:
        schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
        failures: list[tuple] = []
        posts = [r.ok() for r in schema.get_all_operations() if r.ok().method.upper() == "POST"]
        for op in posts:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                _fuzz(op, mode, failures)
    assert len(posts) == 2
    assert not failures, failures[:3]

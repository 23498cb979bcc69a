"""Dynamic batching, the watermark hook and the CLI of `stillroom serve`.

The teacher doubles below wrap the real FakeTeacher and record what the server asked of it: the
server (batcher, routing of results, header handling) is the thing under test, not the teacher.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import openai
import pytest

from stillroom.errors import UserError
from stillroom.net import free_port
from stillroom.serve.app import create_app
from stillroom.serve.config import ServeConfig
from stillroom.serve.thread import running
from stillroom.teachers import GenParams
from stillroom.teachers.fake import FakeTeacher
from stillroom.watermark import WatermarkKey

KEY = WatermarkKey(gamma=0.25, delta=2.0, secret=12345).model_dump()


class RecordingTeacher(FakeTeacher):
    """FakeTeacher that records each generate call and takes `delay_s` per call, like a forward pass."""

    def __init__(self, delay_s: float = 0.0):
        self.calls: list[tuple[list, GenParams]] = []
        self.delay_s = delay_s
        self._lock = threading.Lock()

    def generate(self, prompts, params):
        with self._lock:
            self.calls.append((list(prompts), params))
        if any(p == "too long" for p in prompts):
            raise UserError("prompt 0 has 9999 tokens; with max_new_tokens it exceeds the context (512)")
        time.sleep(self.delay_s)
        return super().generate(prompts, params)


def _client(url: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{url}/v1", api_key="x", max_retries=0)


def test_concurrent_requests_share_generate_calls_and_get_their_own_answers():
    teacher = RecordingTeacher(delay_s=0.05)
    with running(create_app(teacher, ServeConfig(max_batch=32, max_wait_ms=20))) as url:
        client = _client(url)
        prompts = [f"question number {i}" for i in range(24)]

        def ask(p: str) -> str:
            return (
                client.completions.create(model="fake", prompt=p, max_tokens=20, temperature=0)
                .choices[0]
                .text
            )

        with ThreadPoolExecutor(24) as pool:
            answers = list(pool.map(ask, prompts))
        health = httpx.get(f"{url}/health").json()
    expected = [c.text for c in FakeTeacher().generate(prompts, GenParams(max_new_tokens=20))]
    assert answers == expected  # each request got its own slice of the batch
    assert len(teacher.calls) <= 6, [len(p) for p, _ in teacher.calls]
    assert max(len(p) for p, _ in teacher.calls) >= 4
    assert health["requests"] == 24 and health["generate_calls"] == len(teacher.calls)


def test_batch_is_split_by_params_and_seeded_sampling_runs_alone():
    teacher = RecordingTeacher(delay_s=0.05)
    with running(create_app(teacher, ServeConfig(max_wait_ms=50))) as url:
        client = _client(url)
        jobs = [
            {"max_tokens": 5},
            {"max_tokens": 7},
            {"max_tokens": 5},
            {"max_tokens": 7},
            {"max_tokens": 5, "temperature": 1.0, "seed": 1},
            {"max_tokens": 5, "temperature": 1.0, "seed": 1},
        ]

        def ask(i: int) -> int:
            kw = {"temperature": 0, **jobs[i]}
            r = client.completions.create(model="fake", prompt=f"p{i}", **kw)
            return r.usage.completion_tokens

        with ThreadPoolExecutor(len(jobs)) as pool:
            tokens = list(pool.map(ask, range(len(jobs))))
    assert tokens == [5, 7, 5, 7, 5, 5]
    for prompts, params in teacher.calls:
        kinds = {(jobs[int(p[1:])]["max_tokens"], jobs[int(p[1:])].get("seed")) for p in prompts}
        assert kinds == {(params.max_new_tokens, params.seed)}
        if params.seed is not None:
            assert len(prompts) == 1


class MixedTeacher(RecordingTeacher):
    """A teacher that, like the hf backend, takes requests with different settings in one call."""

    def __init__(self, delay_s: float = 0.0):
        super().__init__(delay_s)
        self.many: list[list[GenParams]] = []

    def generate_many(self, jobs):
        with self._lock:
            self.many.append([params for _, params in jobs])
        time.sleep(self.delay_s)
        return [FakeTeacher.generate(self, prompts, params) for prompts, params in jobs]


def test_a_mixed_teacher_gets_different_settings_in_one_call():
    teacher = MixedTeacher(delay_s=0.2)
    jobs = [{"max_tokens": 3 + i % 4, "temperature": 0.5 * (i % 3)} for i in range(12)]
    for i in range(0, 12, 2):
        jobs[i]["logprobs"] = 2
    jobs += [
        {"max_tokens": 5, "temperature": 1.0, "seed": 1},
        {"max_tokens": 5, "temperature": 1.0, "seed": 1},
    ]
    with running(create_app(teacher, ServeConfig(max_batch=64, max_wait_ms=100))) as url:
        client = _client(url)

        def ask(i: int):
            return client.completions.create(model="fake", prompt=f"p{i}", **jobs[i])

        with ThreadPoolExecutor(len(jobs)) as pool:
            replies = list(pool.map(ask, range(len(jobs))))
    assert [r.usage.completion_tokens for r in replies] == [j["max_tokens"] for j in jobs]
    assert [r.choices[0].logprobs is not None for r in replies[:12]] == ["logprobs" in j for j in jobs[:12]]
    assert not teacher.calls  # everything went through generate_many
    unseeded = [len(c) for c in teacher.many if c[0].seed is None]
    assert max(unseeded) >= 6, teacher.many  # 12 differently-configured requests shared calls
    assert sorted(len(c) for c in teacher.many if c[0].seed is not None) == [1, 1]


def test_a_bad_prompt_fails_alone_in_its_batch():
    teacher = RecordingTeacher(delay_s=0.05)
    with running(create_app(teacher, ServeConfig(max_wait_ms=50))) as url:

        def post(p: str) -> httpx.Response:
            return httpx.post(f"{url}/v1/completions", json={"model": "fake", "prompt": p, "temperature": 0})

        with ThreadPoolExecutor(3) as pool:
            results = list(pool.map(post, ["fine", "too long", "also fine"]))
    assert [r.status_code for r in results] == [200, 400, 200]
    assert "exceeds the context" in results[1].json()["error"]["message"]


@pytest.mark.parametrize(
    ("cfg", "header", "expect"),
    [
        ({"watermark": KEY, "allow_watermark_header": True}, "on", True),
        ({"watermark": KEY, "allow_watermark_header": True}, None, False),
        ({"watermark": KEY, "allow_watermark_header": False}, "on", False),  # untrusted callers cannot ask
        ({"watermark": KEY, "watermark_all": True}, None, True),
        ({"allow_watermark_header": True}, "on", False),  # no key configured
    ],
)
def test_watermark_hook_reaches_gen_params(cfg, header, expect):
    teacher = RecordingTeacher()
    with running(create_app(teacher, ServeConfig(**cfg))) as url:
        headers = {"x-stillroom-watermark": header} if header else {}
        raw = _client(url).chat.completions.with_raw_response.create(
            model="fake", messages=[{"role": "user", "content": "hi"}], extra_headers=headers
        )
        streamed = list(
            _client(url).chat.completions.create(
                model="fake", messages=[{"role": "user", "content": "hi"}], extra_headers=headers, stream=True
            )
        )
    assert streamed
    assert [p.watermark for _, p in teacher.calls] == [KEY if expect else None] * 2
    assert raw.headers["x-stillroom-watermark"] == ("on" if expect else "off")


def test_serve_module_does_not_import_torch():
    code = (
        "import sys, stillroom.cli, stillroom.serve.app; assert 'torch' not in sys.modules, 'torch imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_cli_serves_the_fake_teacher(tmp_path: Path):
    port = free_port()
    (tmp_path / "serve.yaml").write_text("max_n: 2\nmodel_name: from-yaml\n")
    cmd = [
        sys.executable,
        "-m",
        "stillroom.cli",
        "serve",
        "--teacher",
        "fake",
        "--port",
        str(port),
        "--max-wait-ms",
        "0",
        "--config",
        str(tmp_path / "serve.yaml"),
    ]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        client = _client(url)
        assert client.models.list().data[0].id == "from-yaml"
        assert (
            client.chat.completions.create(
                model="from-yaml", messages=[{"role": "user", "content": "hi"}], n=2
            )
            .choices[1]
            .index
            == 1
        )
        with pytest.raises(openai.BadRequestError):
            client.chat.completions.create(
                model="from-yaml", messages=[{"role": "user", "content": "hi"}], n=3
            )
    finally:
        proc.terminate()
        proc.wait(10)


def test_cli_bad_config_is_one_line():
    r = subprocess.run(
        [sys.executable, "-m", "stillroom.cli", "serve", "--teacher", "nonsense:x", "--port", "1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2 and r.stderr.strip().count("\n") == 0 and "unknown teacher spec" in r.stderr


def test_serve_docs_config_block_matches_the_defaults():
    import yaml

    section = (Path(__file__).parents[1] / "docs" / "serve.md").read_text().split("# Serve", 1)[1]
    documented = yaml.safe_load(section.split("```yaml", 1)[1].split("```", 1)[0])
    defaults = ServeConfig().model_dump()
    assert documented["teacher"]["spec"] == defaults["teacher"]["spec"]
    assert {k: v for k, v in documented.items() if k != "teacher"} == {
        k: v for k, v in defaults.items() if k != "teacher"
    }


class BrokenOnceTeacher(FakeTeacher):
    """Returns nothing on its first call: a teacher bug must fail that request, not hang the server."""

    def __init__(self):
        self.broken = True

    def generate(self, prompts, params):
        if self.broken:
            self.broken = False
            return []
        return super().generate(prompts, params)


def test_a_teacher_bug_is_a_500_and_the_server_keeps_serving():
    with running(create_app(BrokenOnceTeacher(), ServeConfig())) as url:
        body = {"model": "fake", "prompt": "x"}
        first = httpx.post(f"{url}/v1/completions", json=body)
        second = httpx.post(f"{url}/v1/completions", json=body)
    assert first.status_code == 500 and first.json()["error"]["type"] == "server_error"
    assert second.status_code == 200


def test_bad_watermark_key_is_refused_at_startup():
    with pytest.raises(ValueError, match="scheme"):
        ServeConfig(watermark={"scheme": "nope"})
    with pytest.raises(ValueError, match="STILLROOM_TEST_NO_SUCH_VAR"):
        ServeConfig(watermark={"secret_env": "STILLROOM_TEST_NO_SUCH_VAR"})


def test_synthid_key_is_checked_at_startup():
    from stillroom.watermark.key import synthid_keys

    assert ServeConfig(watermark={"scheme": "synthid", "secret": 7}).watermark["depth"] == 30
    bad = next(s for s in range(1, 100000) if len({k % 2**16 for k in synthid_keys(s, 30)}) < 30)
    with pytest.raises(ValueError, match="degenerate"):
        ServeConfig(watermark={"scheme": "synthid", "secret": bad})

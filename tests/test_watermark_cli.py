"""The `watermark detect` and `trace` commands on the tiny model: JSON in, JSON out, one-line errors."""

from __future__ import annotations

import json

import yaml
from typer.testing import CliRunner

from stillroom.cli import app
from stillroom.teachers import GenParams
from stillroom.teachers.hf import HFTeacher
from stillroom.watermark import WatermarkKey

runner = CliRunner()


def _watermarked_lines(teacher, prompts, key: WatermarkKey, tokens: int) -> list[str]:
    """The teacher's answers generated under `key`, as `watermark detect` reads them (JSON lines)."""
    wm = teacher.generate(
        prompts, GenParams(max_new_tokens=tokens, temperature=1.0, seed=0, watermark=key.model_dump())
    )
    return [json.dumps({"id": f"wm{i}", "token_ids": c.token_ids}) for i, c in enumerate(wm)]


def _detect(key_file, tokenizer, lines: list[str]):
    return runner.invoke(
        app,
        ["watermark", "detect", "--key", str(key_file), "--tokenizer", str(tokenizer)],
        input="\n".join(lines) + "\n",
    )


def test_detect_and_trace_commands(tiny_teacher_dir, tmp_path, monkeypatch):
    key = WatermarkKey(delta=6.0, secret_env="STILLROOM_TEST_WM")
    key_file = tmp_path / "key.yaml"
    key_file.write_text(yaml.safe_dump(key.model_dump()))
    teacher = HFTeacher(str(tiny_teacher_dir), device="cpu")
    prompts = [[{"role": "user", "content": f"Say something about {w}."}] for w in ("cats", "rain", "code")]
    monkeypatch.setenv("STILLROOM_TEST_WM", "31337")  # the secret lives in the environment, never in the YAML
    lines = _watermarked_lines(teacher, prompts, key, 40)
    lines.append("a plain line of text that is not JSON")
    res = _detect(key_file, tiny_teacher_dir, lines)
    assert res.exit_code == 0, res.output
    out = [json.loads(x) for x in res.stdout.splitlines()]
    assert [o["id"] for o in out] == ["wm0", "wm1", "wm2", 3]
    assert all(o["detected"] for o in out[:3]) and not out[3]["detected"]

    texts = tmp_path / "texts.jsonl"
    texts.write_text("\n".join(lines[:3]) + "\n")
    res = trace(f"hf:{tiny_teacher_dir}", key_file, texts, tiny_teacher_dir)
    assert res.exit_code == 0, res.output
    result = json.loads(res.stdout.splitlines()[-1])
    assert result["mode"] == "open" and result["num_scored"] > 0 and 0 <= result["p_value"] <= 1
    assert "secret" not in result["key"] and result["key"]["secret_set"] is True
    res = trace(f"hf:{tiny_teacher_dir}", key_file, texts, tiny_teacher_dir, "--test", "distribution")
    assert res.exit_code == 0, res.output
    dist = json.loads(res.stdout.splitlines()[-1])
    assert (
        dist["test"] == "distribution"
        and dist["num_scored"] > result["num_scored"]
        and 0 <= dist["p_value"] <= 1
    )
    res = trace(f"hf:{tiny_teacher_dir}", key_file, texts, tiny_teacher_dir, "--test", "contrast")
    assert res.exit_code == 0, res.output
    con = json.loads(res.stdout.splitlines()[-1])
    # the suspect is the owner's teacher itself: nothing beyond the teacher, every weight 0
    assert con["test"] == "contrast" and con["p_value"] == 1.0 and con["num_green"] == 0
    res = trace(
        f"hf:{tiny_teacher_dir}", key_file, texts, tiny_teacher_dir, "--test", "contrast", "--base", "nope/"
    )
    assert res.exit_code != 0
    res = trace(f"hf:{tiny_teacher_dir}", key_file, texts, tiny_teacher_dir, "--test", "top1")
    assert res.exit_code != 0 and "--test must be" in str(res.exception)
    res = runner.invoke(
        app,
        ["watermark", "detect", "--no-dedup", "--key", str(key_file), "--tokenizer", str(tiny_teacher_dir)],
        input=lines[0] + "\n",
    )
    assert res.exit_code == 0 and json.loads(res.stdout)["p_value"] is None


def trace(suspect: str, key_file, texts, tokenizer, *extra: str):
    args = ["trace", "--suspect", suspect, "--key", str(key_file), "--texts", str(texts)]
    return runner.invoke(app, [*args, "--tokenizer", str(tokenizer), *extra])


def test_bad_input_is_one_line_error(tmp_path):
    res = runner.invoke(app, ["watermark", "detect", str(tmp_path / "missing.jsonl")])
    assert res.exit_code != 0 and "not found" in str(res.exception)


def test_trace_closed_mode_over_http(tiny_teacher_dir, tmp_path, monkeypatch):
    """Closed mode against real OpenAI-compatible servers: one whose answers carry the owner's
    watermark (a suspect that learned it perfectly) and one that never saw it."""
    from stillroom.serve.app import create_app
    from stillroom.serve.config import ServeConfig
    from stillroom.serve.thread import running

    monkeypatch.setenv("STILLROOM_TEST_WM", "271828")
    key = WatermarkKey(delta=8.0, secret_env="STILLROOM_TEST_WM")
    key_file = tmp_path / "key.yaml"
    key_file.write_text(yaml.safe_dump(key.model_dump()))
    teacher = HFTeacher(str(tiny_teacher_dir), device="cpu")
    prompts = [
        [{"role": "user", "content": f"Question {i} about {w}?"}] for i, w in enumerate("abcdefghijkl")
    ]
    owner = teacher.generate(
        prompts, GenParams(max_new_tokens=40, temperature=1.0, seed=1, watermark=key.model_dump())
    )
    texts = tmp_path / "owner.jsonl"
    texts.write_text(
        "".join(
            json.dumps({"id": i, "messages": p, "token_ids": c.token_ids}) + "\n"
            for i, (p, c) in enumerate(zip(prompts, owner, strict=True))
        )
    )
    secret_key = {**key.model_dump(), "secret": 271828, "secret_env": None}
    results = {}
    for name, cfg in (
        ("learned", ServeConfig(model_name="suspect", watermark=secret_key, watermark_all=True)),
        ("clean", ServeConfig(model_name="suspect")),
    ):
        with running(create_app(teacher, cfg)) as url:
            res = trace(
                f"openai:{url}/v1",
                key_file,
                texts,
                tiny_teacher_dir,
                "--model",
                "suspect",
                "--max-new-tokens",
                "40",
                "--temperature",
                "1.0",
            )
        assert res.exit_code == 0, res.output
        results[name] = json.loads(res.stdout.splitlines()[-1])
    assert results["learned"]["mode"] == results["clean"]["mode"] == "closed"
    # The tiny random model loops, so de-duplication leaves few distinct tuples (12-14 measured).
    assert results["learned"]["num_scored"] >= 8 and results["clean"]["num_scored"] >= 8
    assert results["learned"]["green_fraction"] > 0.75 > 0.5 > results["clean"]["green_fraction"]
    assert results["learned"]["p_value"] < 1e-4 < 1e-2 < results["clean"]["p_value"]


def test_synthid_detect_and_trace_commands(tiny_teacher_dir, tmp_path):
    """`scheme: synthid` in the key file: served through the hf teacher, detected and traced by the CLI."""
    key = WatermarkKey(scheme="synthid", secret=4242, top_k=64)
    key_file = tmp_path / "key.yaml"
    key_file.write_text(yaml.safe_dump(key.model_dump()))
    teacher = HFTeacher(str(tiny_teacher_dir), device="cpu")
    prompts = [[{"role": "user", "content": f"Tell me about {w}."}] for w in ("owls", "tea", "maps", "ice")]
    lines = _watermarked_lines(teacher, prompts, key, 48)
    res = _detect(key_file, tiny_teacher_dir, lines)
    assert res.exit_code == 0, res.output
    out = [json.loads(x) for x in res.stdout.splitlines()]
    assert sum(o["p_value"] < 1e-3 for o in out) >= 3, out
    other = tmp_path / "other.yaml"
    other.write_text(yaml.safe_dump({**key.model_dump(), "secret": 4243}))
    res = runner.invoke(
        app,
        ["watermark", "detect", "--key", str(other), "--tokenizer", str(tiny_teacher_dir)],
        input=lines[0],
    )
    assert res.exit_code == 0 and json.loads(res.stdout)["p_value"] > 1e-3
    texts = tmp_path / "texts.jsonl"
    texts.write_text("\n".join(lines) + "\n")
    res = trace(f"hf:{tiny_teacher_dir}", key_file, texts, tiny_teacher_dir)
    assert res.exit_code == 0, res.output
    result = json.loads(res.stdout.splitlines()[-1])
    assert result["num_scored"] > 0 and 0 <= result["p_value"] <= 1 and result["key"]["scheme"] == "synthid"
    res = trace(f"hf:{tiny_teacher_dir}", key_file, texts, tiny_teacher_dir, "--test", "distribution")
    assert res.exit_code != 0 and "argmax" in str(res.exception)

"""Lineage test on tiny models: a student distilled from the teacher stands out from students
trained on the same prompts with other answers; those stay in the bulk of their own null."""

from __future__ import annotations

import json
import random
import shutil

import pytest
import torch
from typer.testing import CliRunner

from stillroom.cli import app
from stillroom.teachers import GenParams
from stillroom.teachers.hf import HFTeacher, encode_prompt, load_hf
from stillroom.watermark.lineage import lineage_p, lineage_statistic

PROMPTS = [
    [{"role": "user", "content": f"Question {i}: explain {w}."}] for i, w in enumerate("abcdefghijklmnop")
]
OTHER = [
    "The answer depends on the context, but in general it is best to start simple.",
    "Here is a short explanation with an example and a summary at the end.",
    "First, consider the definition. Then apply it step by step to the case.",
    "In short: yes, with a few caveats that matter in practice.",
]


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """Tiny models on a shared CPU: one torch thread is ~10x faster than two (measured)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def _train(src, dst, seqs, steps=120, seed=0):
    """SFT until greedy answers follow the data."""
    shutil.copytree(src, dst)
    model, _ = load_hf(str(dst), device="cpu")
    torch.manual_seed(seed)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-2)
    rng = random.Random(seed)
    model.train()
    for _ in range(steps):
        ids = torch.tensor([rng.choice(seqs)])
        model(input_ids=ids, labels=ids).loss.backward()
        opt.step()
        opt.zero_grad()
    model.save_pretrained(dst)
    return dst


@pytest.fixture(scope="module")
def students(tiny_teacher_dir, tiny_student_dir, tmp_path_factory):
    root = tmp_path_factory.mktemp("lineage")
    teacher = HFTeacher(str(tiny_teacher_dir), device="cpu", batch_size=16)
    tok = teacher.tokenizer
    prompt_ids = [encode_prompt(tok, p) for p in PROMPTS]
    answers = teacher.generate(PROMPTS, GenParams(max_new_tokens=32, temperature=1.0, seed=3))
    distilled = [p + c.token_ids for p, c in zip(prompt_ids, answers, strict=True)]
    h1 = _train(tiny_student_dir, root / "h1", distilled)
    h0 = []
    for j in range(4):
        other = [
            p + tok(OTHER[(i + j) % 4], add_special_tokens=False)["input_ids"]
            for i, p in enumerate(prompt_ids)
        ]
        h0.append(_train(tiny_student_dir, root / f"h0-{j}", other, seed=j))
    return h1, h0


def test_lineage_p_values():
    assert lineage_p(1.0, []) == (None, None)
    p, rank = lineage_p(0.0, [0.0, 1.0, 2.0])
    assert rank == 1.0 and 0.5 < p < 0.9
    p, rank = lineage_p(10.0, [0.0, 0.1, -0.1, 0.05])
    assert rank == 0.2 and p < 1e-3


def test_statistic_counts_each_4gram_once():
    import numpy as np

    loop = [5, 6, 7, 8] * 4
    s, n = lineage_statistic([loop], [np.arange(16, dtype=float)])
    assert n == 7  # 3 opening prefixes + 4 distinct 4-grams, then the loop repeats
    assert s == pytest.approx(np.mean([0, 1, 2, 3, 4, 5, 6]))


def test_lineage_cli_separates_distilled_from_null(tiny_teacher_dir, students, tmp_path):
    h1, h0 = students
    probes = tmp_path / "probes.jsonl"
    probes.write_text(
        "".join(json.dumps({"id": f"p{i}", "messages": p}) + "\n" for i, p in enumerate(PROMPTS))
    )
    base = ["trace", "--mode", "lineage", "--prompts", str(probes), "--tokenizer", str(tiny_teacher_dir)]
    base += ["--max-new-tokens", "24"]
    refs = [x for d in h0 for x in ("--reference", f"hf:{d}")]
    res = CliRunner().invoke(app, [*base, "--suspect", f"hf:{h1}", *refs, "--out", str(tmp_path / "h1.json")])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout.splitlines()[-1])
    assert out["mode"] == "lineage" and len(out["null"]) == 4
    assert out["statistic"] > max(out["null"]) and out["p_rank"] == pytest.approx(0.2)
    assert out["p_value"] < 0.01
    # each H0 student against the other three: not flagged
    (tmp_path / "null.json").write_text(json.dumps([{"statistic": s} for s in out["null"]]))
    for i, s in enumerate(out["null"]):
        others = out["null"][:i] + out["null"][i + 1 :]
        p, _ = lineage_p(s, others)
        assert p > 0.01


def test_contrast_against_the_claimed_data_model(tiny_teacher_dir, students, tmp_path):
    """`--claimed`: one model trained on the other answers is the reference, the rest the null; the
    distilled student sides with the teacher on more of its tokens than any null model does."""
    h1, h0 = students
    probes = tmp_path / "probes.jsonl"
    probes.write_text(
        "".join(json.dumps({"id": f"p{i}", "messages": p}) + "\n" for i, p in enumerate(PROMPTS))
    )
    base = ["trace", "--mode", "lineage", "--prompts", str(probes), "--tokenizer", str(tiny_teacher_dir)]
    base += ["--max-new-tokens", "24", "--claimed", f"hf:{h0[0]}"]
    refs = [x for d in h0[1:] for x in ("--reference", f"hf:{d}")]
    res = CliRunner().invoke(app, [*base, "--suspect", f"hf:{h1}", *refs])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout.splitlines()[-1])
    assert out["mode"] == "lineage-contrast" and len(out["null"]) == 3 and len(out["null_tokens"]) == 3
    assert out["p_adjusted"] is None  # the regression needs >= 4 null models
    assert min(out["null"]) >= 0.0 and out["statistic"] <= 1.0
    assert out["statistic"] > max(out["null"]) and out["p_rank"] == pytest.approx(0.25)
    # a null of the plain statistic is on another scale: refused, not mixed in
    (tmp_path / "plain-null.json").write_text(json.dumps([{"mode": "lineage", "statistic": -4.0}] * 3))
    res = CliRunner().invoke(
        app, [*base, "--suspect", f"hf:{h1}", "--null", str(tmp_path / "plain-null.json")]
    )
    assert res.exit_code != 0 and "mode 'lineage'" in str(res.exception)


def test_contrast_statistic_counts_wins_on_scored_tokens():
    import numpy as np

    from stillroom.watermark.lineage import contrast_statistic

    loop = [5, 6, 7, 8] * 4  # 7 scored tokens (see above)
    owner = np.zeros(16)
    ref = np.where(np.arange(16) % 2 == 0, -1.0, 1.0)  # the teacher wins on even positions
    share, n = contrast_statistic([loop], [owner], [ref])
    assert n == 7 and share == pytest.approx(4 / 7)  # positions 0, 2, 4, 6 of the scored 0..6


def test_token_adjusted_p_is_calibrated_and_follows_the_regression():
    """Null statistics that fall with ln(scored tokens), as looping H0 students' did: the prediction
    p-value of a fresh null model is uniform, and a suspect on the null's line is not flagged
    however much it loops (the unadjusted t-p would flag the loopers)."""
    import numpy as np
    from scipy.stats import kstest

    from stillroom.watermark.lineage import lineage_p_adjusted

    rng = np.random.default_rng(0)
    ps = []
    for _ in range(2000):
        tokens = rng.integers(1200, 3400, size=21)
        stat = 1.5 - 0.14 * np.log(tokens) + rng.normal(0, 0.02, size=21)
        ps.append(lineage_p_adjusted(stat[0], int(tokens[0]), stat[1:], tokens[1:]))
    assert kstest(ps, "uniform").pvalue > 0.01
    assert 0.0005 < np.mean(np.array(ps) < 0.01) < 0.02
    tokens = np.linspace(1300, 3300, 20).astype(int)
    null = 1.5 - 0.14 * np.log(tokens) + rng.normal(0, 0.02, size=20)
    looper = 1.5 - 0.14 * np.log(900)  # on the line, far out in x
    assert lineage_p_adjusted(looper, 900, null, tokens) > 0.05
    assert lineage_p(looper, null)[0] < 0.01
    assert lineage_p_adjusted(looper + 0.2, 900, null, tokens) < 1e-3
    assert lineage_p_adjusted(0.5, 1000, null[:3], tokens[:3]) is None


def test_lineage_needs_prompts_and_a_null(tiny_teacher_dir, tmp_path):
    res = CliRunner().invoke(app, ["trace", "--mode", "lineage", "--suspect", f"hf:{tiny_teacher_dir}"])
    assert res.exit_code != 0 and "--prompts" in str(res.exception)
    probes = tmp_path / "p.jsonl"
    probes.write_text(json.dumps({"id": "p0", "messages": PROMPTS[0]}) + "\n")
    res = CliRunner().invoke(
        app, ["trace", "--mode", "lineage", "--suspect", f"hf:{tiny_teacher_dir}", "--prompts", str(probes)]
    )
    assert res.exit_code != 0 and "null" in str(res.exception)

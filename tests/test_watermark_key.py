"""The key refuses degenerate secrets, says when a secret is set, and detect drops a leading BOS."""

from __future__ import annotations

import json
import random

import pytest
import yaml
from pydantic import ValidationError
from typer.testing import CliRunner

from stillroom.cli import app
from stillroom.errors import UserError
from stillroom.teachers import GenParams
from stillroom.watermark import WatermarkKey
from stillroom.watermark.greenlist import GreenLists
from stillroom.watermark.key import random_secret, seed_spread

DEGENERATE = [2**32, 3 * 2**32, 7 * 2**32, 2**40, 2**31, 3 * 2**16]


@pytest.mark.parametrize("scheme", ["simple_1", "selfhash"])
@pytest.mark.parametrize("secret", DEGENERATE)
def test_degenerate_secrets_are_refused(scheme, secret):
    with pytest.raises(ValidationError, match="degenerate watermark secret"):
        WatermarkKey(scheme=scheme, secret=secret)


def test_degenerate_secret_really_collapses_green_lists():
    """What the rule protects against: every context of 2^32 gets one green list."""
    bad = GreenLists(
        WatermarkKey.model_construct(scheme="simple_1", gamma=0.25, delta=2.0, secret=2**32), 49152
    )
    assert len({bad.outcome((prev, 7))[0] for prev in range(0, 49152, 97)}) == 1


@pytest.mark.parametrize("scheme", ["simple_1", "selfhash"])
def test_random_and_reference_secrets_are_accepted(scheme):
    rng = random.Random(4)
    odd = [rng.randrange(1, 2**62) * 2 + 1 for _ in range(8)]  # random secrets, low bit set
    for secret in [15485863, 5, 424242, *odd, random_secret(scheme), random_secret(scheme, rng)]:
        key = WatermarkKey(scheme=scheme, secret=secret)
        assert key.hash_key() == secret and seed_spread(scheme, secret) > 0.999


def test_degenerate_secret_from_env_is_a_user_error(monkeypatch):
    monkeypatch.setenv("STILLROOM_TEST_BAD", str(2**40))
    with pytest.raises(UserError, match="degenerate"):
        WatermarkKey(secret_env="STILLROOM_TEST_BAD").hash_key()


def test_secret_set_is_true_for_a_secret_from_env():
    assert WatermarkKey(secret_env="X").public()["secret_set"] is True
    assert WatermarkKey(secret=5).public()["secret_set"] is True
    assert WatermarkKey().public()["secret_set"] is False
    recorded = GenParams(watermark=WatermarkKey(secret_env="X").model_dump()).to_dict()["watermark"]
    assert recorded["secret_set"] is True


def test_detect_drops_a_leading_bos(tiny_teacher_dir, tmp_path):
    from transformers import AutoTokenizer

    bos = AutoTokenizer.from_pretrained(str(tiny_teacher_dir)).bos_token_id
    key_file = tmp_path / "key.yaml"
    key_file.write_text(yaml.safe_dump(WatermarkKey(secret=99).model_dump()))
    ids = [20, 21, 22, 23, 24, 25]
    lines = [json.dumps({"token_ids": [bos, *ids]}), json.dumps({"token_ids": ids})]
    res = CliRunner().invoke(
        app,
        ["watermark", "detect", "--key", str(key_file), "--tokenizer", str(tiny_teacher_dir)],
        input="\n".join(lines) + "\n",
    )
    assert res.exit_code == 0, res.output
    with_bos, without = (json.loads(x) for x in res.stdout.splitlines())
    assert with_bos["num_tokens_scored"] == without["num_tokens_scored"] == 5
    assert with_bos["z_score"] == without["z_score"]

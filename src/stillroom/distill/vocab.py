"""Vocabulary trimming: a student keeps only the token rows it will use.

SmolLM2-135M spends 28.3M of its 134.5M parameters (21%) on a tied 49,152 x 576 embedding, most of
whose rows are tokens an English assistant never emits (code identifiers, other scripts, rare
words). A pruned student that keeps every row must pay for them out of its layer budget; trimming
the vocabulary moves those parameters back into the decoder stack, where they buy capability
(vocabulary trimming, Ushio et al. 2023, for monolingual deployment of multilingual models).

What is kept, so any text stays encodable and the common case is unchanged:
- every special token and every single-character (byte) token: with byte-level BPE these alone
  encode any string, so trimming never makes text unrepresentable, only split finer;
- then the tokens the training data uses, most used first (the student's prompts, the teacher's
  answers and, when harvested, the teacher's top-k alternatives: where its probability goes);
- then, while the budget lasts, learned tokens in merge order (BPE merges by frequency, so the
  merge rank is the tokenizer's own frequency ranking);
- each with its two merge parents, recursively, so the kept set is closed under merges.
The trimmed tokenizer keeps exactly the merges whose parents and result are all kept, in their
original order. For any text whose teacher tokenization uses only kept tokens the trimmed
tokenizer gives the same tokens (every merge the teacher applied is still there and still has the
lowest rank among the applicable ones); other text is split into kept pieces.

A trimmed model is a plain HF model with a smaller `vocab_size`; its config records what was kept
(`stillroom_vocab`: the teacher id of each of its ids), which is how `fidelity` compares it with
the teacher over its own tokens.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from pathlib import Path

import torch
from torch import nn


def tokenizer_json(tok) -> dict:
    """The fast tokenizer's serialised form (the `tokenizers` library's tokenizer.json)."""
    return json.loads(tok.backend_tokenizer.to_str())


def choose_vocab(tj: dict, ranked: Iterable[int], size: int) -> list[int]:
    """About `size` sorted teacher ids to keep: every special and single-character token, then the
    ids of `ranked` (most used first), then merges in rank order, each with its merge parents."""
    model = tj["model"]
    if model.get("type") != "BPE":
        raise ValueError(f"vocabulary trimming needs a BPE tokenizer, not {model.get('type')}")
    vocab: dict[str, int] = model["vocab"]
    by_id = {i: t for t, i in vocab.items()}
    parents: dict[str, tuple[str, str]] = {}
    for m in model["merges"]:
        a, b = m if isinstance(m, list) else m.split(" ", 1)
        parents.setdefault(a + b, (a, b))
    keep = {a["id"] for a in tj.get("added_tokens", [])}
    keep |= {i for t, i in vocab.items() if len(t) == 1}

    def add(i: int) -> None:
        todo = [i]
        while todo:
            j = todo.pop()
            if j in keep or j not in by_id:
                continue
            keep.add(j)
            todo += [vocab[p] for p in parents.get(by_id[j], ())]

    merged = sorted(i for t, i in vocab.items() if t in parents)
    for i in (*ranked, *merged):
        if len(keep) >= size:
            break
        add(i)
    return sorted(keep)


def trimmed_tokenizer_json(tj: dict, keep: list[int]) -> dict:
    """tokenizer.json with only `keep` (renumbered in their old order) and the merges among them."""
    out = json.loads(json.dumps(tj))
    old = tj["model"]["vocab"]
    kept = set(keep)
    new_id = {i: n for n, i in enumerate(sorted(kept))}
    vocab = {t: new_id[i] for t, i in old.items() if i in kept}
    merges = []
    for m in tj["model"]["merges"]:
        a, b = m if isinstance(m, list) else m.split(" ", 1)
        if a in vocab and b in vocab and a + b in vocab:
            merges.append(m)
    out["model"]["vocab"] = vocab
    out["model"]["merges"] = merges
    for a in out.get("added_tokens", []):
        a["id"] = new_id[a["id"]]
    return out


def trim(model: nn.Module, tok, keep: list[int]):
    """(model, tokenizer) with only the `keep` token rows; the model is changed in place."""
    from transformers import AutoTokenizer

    new_id = {i: n for n, i in enumerate(keep)}
    with tempfile.TemporaryDirectory() as d:
        tok.save_pretrained(d)
        (Path(d) / "tokenizer.json").write_text(json.dumps(trimmed_tokenizer_json(tokenizer_json(tok), keep)))
        cfg_path = Path(d) / "tokenizer_config.json"
        tc = json.loads(cfg_path.read_text())
        if tc.get("added_tokens_decoder"):
            tc["added_tokens_decoder"] = {
                str(new_id[int(k)]): v for k, v in tc["added_tokens_decoder"].items()
            }
            cfg_path.write_text(json.dumps(tc))
        small = AutoTokenizer.from_pretrained(d)
    if small.pad_token is None:
        small.pad_token = small.eos_token
    old_in = model.get_input_embeddings()
    rows = torch.tensor(keep, device=old_in.weight.device)
    emb = nn.Embedding(
        len(keep), old_in.weight.shape[1], dtype=old_in.weight.dtype, device=old_in.weight.device
    )
    emb.weight.data.copy_(old_in.weight.data[rows])
    tied = getattr(model.config, "tie_word_embeddings", True)
    old_head = model.get_output_embeddings()
    model.set_input_embeddings(emb)
    if not tied:  # the head may sit on another device than the embedding (a model split over GPUs)
        at = old_head.weight.device
        head = nn.Linear(
            old_head.weight.shape[1], len(keep), bias=False, dtype=old_head.weight.dtype, device=at
        )
        head.weight.data.copy_(old_head.weight.data[rows.to(at)])
        model.set_output_embeddings(head)
    else:
        model.get_output_embeddings().weight = emb.weight
    old_vocab = model.config.vocab_size
    model.config.vocab_size = len(keep)
    for c in (model.config, getattr(model, "generation_config", None)):
        for name in ("bos_token_id", "eos_token_id", "pad_token_id", "unk_token_id"):
            v = getattr(c, name, None) if c is not None else None
            if isinstance(v, int):
                setattr(c, name, new_id[v])
            elif isinstance(v, list):
                setattr(c, name, [new_id[x] for x in v])
    model.config.stillroom_vocab = {"kept": len(keep), "of": old_vocab, "teacher_ids": list(keep)}
    return model, small

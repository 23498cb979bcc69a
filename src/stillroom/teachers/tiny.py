"""Tiny random-initialised Llama models with an in-process BPE tokenizer.

Tests, benchmarks of the plumbing and the arena's fast mode need a real `hf` model that loads in
milliseconds and needs nothing from outside. The tokenizer speaks the same ChatML template as
SmolLM2, so everything that works on a tiny model works on the embedded teacher too.
"""

from __future__ import annotations

from pathlib import Path

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
CHATML = (
    "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)
_CORPUS = [
    "The quick brown fox jumps over the lazy dog.",
    "What is the capital of France? The capital of France is Paris.",
    "Explain how photosynthesis works in simple terms.",
    "Write a Python function that returns the sum of a list of numbers.",
    "def add(a, b):\n    return a + b\n",
    "Translate 'good morning' into Spanish: buenos dias.",
    "List three prime numbers: 2, 3, 5. Seven plus five equals twelve.",
    "Summarize the history of the Roman Empire in one paragraph.",
    "Convert 5 kilometers to miles. 5 km is about 3.1 miles.",
    "Sort these words alphabetically: banana, apple, cherry.",
    'Answer in JSON with keys a and b: {"a": 1, "b": 2}',
    "user assistant system question answer step by step reasoning because therefore",
    "0123456789 + - * / = ( ) [ ] { } , . ; : ! ? ' \"",
]


def build_tokenizer(vocab_size: int = 384, corpus: list[str] | None = None) -> PreTrainedTokenizerFast:
    """A byte-level BPE with the ChatML specials; another `vocab_size` or `corpus` gives other ids."""
    tok = Tokenizer(models.BPE(unk_token=None))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=SPECIALS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(corpus or _CORPUS * 4, trainer=trainer)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token="<|im_start|>",
        eos_token="<|im_end|>",
        pad_token="<|im_end|>",
        unk_token="<|endoftext|>",
    )
    fast.chat_template = CHATML
    return fast


def build_tiny(
    path: str | Path,
    *,
    seed: int = 0,
    layers: int = 2,
    hidden: int = 64,
    heads: int = 4,
    kv_heads: int = 2,
    intermediate: int = 128,
    max_positions: int = 512,
    tokenizer: PreTrainedTokenizerFast | None = None,
) -> Path:
    """Write a random tiny Llama + tokenizer to `path`; returns the folder (an `hf:` teacher spec)."""
    path = Path(path)
    tok = tokenizer or build_tokenizer()
    cfg = LlamaConfig(
        vocab_size=len(tok),
        hidden_size=hidden,
        intermediate_size=intermediate,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        num_key_value_heads=kv_heads,
        max_position_embeddings=max_positions,
        bos_token_id=tok.bos_token_id,
        eos_token_id=tok.eos_token_id,
        pad_token_id=tok.pad_token_id,
        tie_word_embeddings=True,
    )
    torch.manual_seed(seed)
    model = LlamaForCausalLM(cfg)
    # Random init gives near-uniform outputs; a larger head scale makes distributions peaked enough
    # that distillation and watermark tests measure something.
    with torch.no_grad():
        model.model.embed_tokens.weight.mul_(4.0)
    model.generation_config.eos_token_id = tok.eos_token_id
    model.generation_config.pad_token_id = tok.pad_token_id
    model.save_pretrained(path)
    tok.save_pretrained(path)
    return path

"""KGW watermark (Kirchenbauer et al. 2023), SynthID-Text (Dathathri et al. 2024, scheme `synthid`)
and the radioactivity test (Sander et al. 2024).

`WatermarkKey` is the one config object; `make_processor` plugs it into generation;
`detect` scores a text; `trace` tests whether a suspect model learned from watermarked text.
This package's top level stays free of torch so `stillroom --help` stays fast.
"""

from __future__ import annotations

from typing import Any

from stillroom.watermark.key import WatermarkKey, as_key, load_key

__all__ = ["WatermarkKey", "load_key", "make_processor", "scorer"]


def scorer(key: WatermarkKey | dict[str, Any], vocab_size: int) -> Any:
    """What detection and trace score against: KGW's `GreenLists` or SynthID's keyed table (torch on call)."""
    key = as_key(key)
    if key.scheme == "synthid":
        from stillroom.watermark.synthid import synthid_of  # torch, transformers: on call

        return synthid_of(key)
    from stillroom.watermark.greenlist import GreenLists  # torch: keeps this package's top light

    return GreenLists(key, vocab_size)


def make_processor(key: WatermarkKey | dict[str, Any], vocab_size: int, temperature: float = 1.0) -> Any:
    """A transformers LogitsProcessor: KGW's delta on green logits, or SynthID's tournament (torch on call).

    The sampler divides by `temperature` afterwards; SynthID's tournament must see the distribution
    actually sampled from (transformers runs it after the warpers), so it is told the temperature.
    """
    key = as_key(key)
    if key.scheme == "synthid":
        from stillroom.watermark.synthid import SynthIDProcessor  # torch, transformers: on call

        return SynthIDProcessor(key, vocab_size, temperature)
    from stillroom.watermark.processor import WatermarkProcessor  # torch: keeps this package's top light

    return WatermarkProcessor(key, vocab_size)

"""KGW watermark (Kirchenbauer et al. 2023) and the radioactivity test (Sander et al. 2024).

`WatermarkKey` is the one config object; `make_processor` plugs it into generation;
`detect` scores a text; `trace` tests whether a suspect model learned from watermarked text.
This package's top level stays free of torch so `stillroom --help` stays fast.
"""

from __future__ import annotations

from typing import Any

from stillroom.watermark.key import WatermarkKey, as_key, load_key

__all__ = ["WatermarkKey", "load_key", "make_processor"]


def make_processor(key: WatermarkKey | dict[str, Any], vocab_size: int) -> Any:
    """A transformers LogitsProcessor adding the key's delta to green logits (torch imported on call)."""
    from stillroom.watermark.processor import WatermarkProcessor  # torch: keeps this package's top light

    return WatermarkProcessor(as_key(key), vocab_size)

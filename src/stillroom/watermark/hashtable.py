"""The selfhash scheme's token hash table, shared by the green lists and the key's secret check.

Its own module so `key.py` can check a secret's seed spread without importing `greenlist.py`
(which imports the key): no import cycle.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import torch

TABLE_SEED = 2971215073  # the reference's: fib47, a prime
TABLE_SIZE = 1_000_003


@cache
def hash_table() -> np.ndarray:
    g = torch.Generator(device="cpu")
    g.manual_seed(TABLE_SEED)
    return torch.randperm(TABLE_SIZE, generator=g).numpy()

"""numba's `njit` for the detector's hashing kernels, with its on-disk cache where one can be kept.

The detector's three kernels load from the cache in ~0.45 s and compile in ~2.5 s without it. numba keeps the cache beside the
source or in the user's cache folder, and refuses `cache=True` outright (a RuntimeError at import)
where neither can be written: a read-only install run by a user without a home, as in a locked-down
container. There the kernels compile in each process instead of failing to import.
"""

from __future__ import annotations

from collections.abc import Callable

from numba import njit


def kernel(fn: Callable) -> Callable:
    try:
        return njit(cache=True, nogil=True)(fn)
    except RuntimeError:  # "cannot cache function ...: no locator available"
        return njit(nogil=True)(fn)

"""Placeholder until the harvest command lands (being written now)."""

from stillroom.errors import UserError


def harvest() -> None:
    """Not built yet."""
    raise UserError("'harvest' is not built yet")

"""Placeholder until the queries command lands (being written now)."""

from stillroom.errors import UserError


def queries() -> None:
    """Not built yet."""
    raise UserError("'queries' is not built yet")

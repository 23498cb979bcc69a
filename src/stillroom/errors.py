"""The one exception a user sees as a single line, not a traceback.

Raise `UserError` at a boundary when the *input* is wrong (a bad spec, a missing file, an
unreachable URL) and the message says what to do. Bugs stay ordinary exceptions so they stay loud.
"""

from pydantic import ValidationError


class UserError(Exception):
    """Bad input the user can fix; the CLI prints `error: <message>` and exits 2."""


def first_problem(e: ValidationError) -> str:
    """Pydantic's first error as `where: what` (`train.lr: Input should be greater than 0`), for a
    one-line message; the rest would only repeat it or follow from it."""
    err = e.errors()[0]
    return f"{'.'.join(str(x) for x in err['loc']) or '<root>'}: {err['msg']}"

"""The one exception a user sees as a single line, not a traceback.

Raise `UserError` at a boundary when the *input* is wrong (a bad spec, a missing file, an
unreachable URL) and the message says what to do. Bugs stay ordinary exceptions so they stay loud.
"""


class UserError(Exception):
    """Bad input the user can fix; the CLI prints `error: <message>` and exits 2."""

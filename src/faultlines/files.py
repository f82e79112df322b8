"""Reading a user's own input file (a scenario, an edge list) with the same coded errors everywhere.

Capabilities that take a file the user names call :func:`read_user_text` rather than each repeating
the checks, so a missing file, a directory, bad UTF-8 or an empty file reads the same in every command.
"""

from __future__ import annotations

from pathlib import Path

from faultlines.errors import E, InputError


def read_user_text(path: Path | str, *, expected: str = "a text file") -> str:
    """The text of a user's file, or an :class:`InputError` naming the file and the reason.

    Parameters
    ----------
    path : the file the user named.
    expected : what the file should be, used in the message when ``path`` is not a file.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(E.E001, path=path)
    if not path.is_file():
        raise InputError(E.E031, path=path, reason=f"is not a file (expected {expected})")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(E.E004, path=path, offset=error.start) from None
    except OSError as error:
        raise InputError(E.E031, path=path, reason=f"cannot be read: {error.strerror or error}") from None
    if not text.strip():
        raise InputError(E.E002, path=path)
    return text

"""One place for the errors users see: coded, one line, saying what to do.

Every capability raises :class:`FaultlinesError` (or a subclass) with a code from :class:`E`;
the CLI prints ``[E###] message`` and exits non-zero without a traceback (``--debug`` shows it).
"""

from __future__ import annotations

import enum


class E(enum.StrEnum):
    """Error message templates, formatted with keyword arguments."""

    E001 = "No input found at '{path}'."
    E002 = "'{path}' is empty."
    E003 = "'{path}' looks binary, not text ({reason})."
    E004 = "'{path}' is not valid UTF-8 (byte {offset}); save it as UTF-8 and try again."
    E005 = "'{path}' is {size} MB, over the {limit} MB limit; split it or raise --max-mb."
    E006 = "'{path}' has no readable text after removing markup."
    E007 = "'{path}' does not look like English (detected: {detail}); faultlines reads English text."
    E008 = "'{path}' line {line}: {reason}"
    E009 = "Unsupported input format '{suffix}' for '{path}'; use .txt, .md, .html, .jsonl or a directory."
    E010 = "Invalid date '{value}': use YYYY-MM-DD."
    E011 = "Nothing to read: every input was skipped ({count} skipped)."
    E020 = "Cannot open the store '{path}': {reason}"
    E021 = "The store '{path}' has schema version {found}; this faultlines needs {expected}."
    E022 = "Writing to the store failed and was rolled back, nothing was changed: {reason}"
    E030 = "'{path}' line {line}, field '{field}': {reason}"
    E031 = "'{path}': {reason}"
    E040 = "No actor named '{name}' in the model. Known actors include: {known}."
    E041 = "Invalid value for {option}: {reason}"
    E050 = "Cannot start the server: {reason}"
    E060 = "The '{engine}' engine cannot start: {reason}"


class FaultlinesError(Exception):
    """An error with a code and a message fit to show a user as one line."""

    def __init__(self, code: E, **kwargs: object) -> None:
        self.code = code
        self.message = code.value.format(**kwargs)
        super().__init__(f"[{code.name}] {self.message}")


class InputError(FaultlinesError):
    """Bad input: a file or value the user gave cannot be used."""


class StoreError(FaultlinesError):
    """The store cannot be opened or written."""

"""The root of folkbib's typed errors.

    FolkbibError
    ├── ValidationFailed        input that cannot be accepted (field, record, message)
    └── (each domain's own tree, e.g. patrons.errors.PatronError)

Edges translate these into their medium: an HTTP status and message, a SIP2 screen
message, a spoken sentence. ``message`` is safe to show to the person affected.
"""

from __future__ import annotations


class FolkbibError(Exception):
    """Base of every business error; ``message`` is user-readable."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationFailed(FolkbibError):
    """Input that cannot be accepted as given."""

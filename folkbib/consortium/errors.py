"""Typed errors of the region's structure (municipalities, branches, calendars).

    FolkbibError                      (folkbib.core.errors)
    └── ConsortiumError
        ├── InvalidOpeningHours       a period that closes before it opens, a weekday outside 0-6
        ├── InvalidDistance           a distance from a branch to itself
        ├── NoOpeningDay              a branch has no open day within the horizon searched
        ├── WrongMunicipality         a branch named together with a municipality it is not in
        └── StaffAssignmentInvalid    a role given without the place it needs

``message`` is user-readable (Swedish source strings, translated through gettext).
"""

from __future__ import annotations

from folkbib.core.errors import FolkbibError


class ConsortiumError(FolkbibError):
    """Base of the consortium's business errors."""


class InvalidOpeningHours(ConsortiumError):
    pass


class InvalidDistance(ConsortiumError):
    pass


class NoOpeningDay(ConsortiumError):
    pass


class WrongMunicipality(ConsortiumError):
    pass


class StaffAssignmentInvalid(ConsortiumError):
    pass

"""Active borrowers per year, counted without keeping who borrowed.

A checkout adds the patron's yearly token, ``HMAC(year's salt, patron id)``, to that
year's set; the same patron's next loan that year makes the same token, which is
already there. The count of a year is the size of its set. When the year is over its
salt is deleted (``forget_salts``, a nightly job), and with it any way of telling whose
token is whose. See docs/statistics.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.db.models import Count

from folkbib.circulation.models import ActiveBorrower, StatisticsSalt
from folkbib.core.clock import local_date, now
from folkbib.core.prepared import insert_rows
from folkbib.patrons.models import Patron

# The current year's salt, per process: it never changes while its year lasts, and
# reading it was one statement of every checkout. Only the current year's is kept, so
# a forgotten (past) salt does not outlive ``forget_salts`` in any process's memory.
_current: dict[int, str] = {}


def _salt(year: int) -> str:
    if year in _current:
        return _current[year]
    salt = _stored_salt(year)
    if year == local_date(now()).year:
        _current.clear()
        _current[year] = salt
    return salt


def forget_cached_salt() -> None:
    """Drop this process's copy (a database replaced under a running process: tests)."""
    _current.clear()


def _stored_salt(year: int) -> str:
    salt = StatisticsSalt.objects.filter(year=year).values_list("salt", flat=True).first()
    if salt is None:
        # Two first loans of a year at once: one salt wins and both use it.
        StatisticsSalt.objects.bulk_create(
            [StatisticsSalt(year=year, salt=secrets.token_hex(32))], ignore_conflicts=True
        )
        salt = StatisticsSalt.objects.values_list("salt", flat=True).get(year=year)
        # The first loan of a year ends the last one: its salt has no use left.
        StatisticsSalt.objects.filter(year__lt=year).delete()
    return salt


def borrower_token(*, salt: str, patron_id: int) -> str:
    return hmac.new(salt.encode(), str(patron_id).encode(), hashlib.sha256).hexdigest()


def note_active_borrower(*, patron: Patron, day: dt.date) -> None:
    """Count ``patron`` once among ``day``'s year's active borrowers (idempotent)."""
    token = borrower_token(salt=_salt(day.year), patron_id=patron.pk)
    # The unique (year, token) decides; one statement compiled once per process, since
    # every checkout notes its borrower.
    insert_rows(
        [
            ActiveBorrower(
                year=day.year, token=token, municipality_id=patron.home_branch.municipality_id
            )
        ],
        ignore_conflicts=True,
    )


def forget_salts(*, now: dt.datetime) -> int:
    """Delete the salts of years before ``now``'s; returns how many were deleted.

    No loan of a past year can be made any more, so its salt has no use left; without
    it the year's tokens can no longer be matched to patrons.
    """
    year = local_date(now).year
    for stale in [y for y in _current if y < year]:
        del _current[stale]
    deleted, _by_model = StatisticsSalt.objects.filter(year__lt=year).delete()
    return deleted


def active_borrowers(*, year: int) -> dict[int | None, int]:
    """How many patrons borrowed in ``year``, by home municipality id."""
    rows = (
        ActiveBorrower.objects.filter(year=year)
        .values("municipality_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["municipality_id"]: row["n"] for row in rows}

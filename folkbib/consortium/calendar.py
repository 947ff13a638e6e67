"""When a branch is open: a pure core over plain data, no ORM.

A :class:`BranchCalendar` is built by ``consortium.selectors.branch_calendar`` from the
branch's weekly hours and the closed days that apply to it (its own and those of its
municipality, which include the public holidays written by
``consortium.services.ensure_public_holidays``). Everything here is a function of that
value, so due dates and pickup deadlines can be tested without a database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import holidays as holidays_lib
from django.utils.translation import gettext as _

from folkbib.consortium.errors import NoOpeningDay

Period = tuple[dt.time, dt.time]

#: How far ``next_open_day`` looks before it gives up (a branch with no hours at all).
DEFAULT_HORIZON_DAYS = 366

#: Holiday categories a Swedish public library closes on: the public holidays ("röda
#: dagar") and the de-facto ones (julafton, midsommarafton, nyårsafton).
CLOSING_HOLIDAY_CATEGORIES = ("public", "de_facto")


@dataclass(frozen=True)
class BranchCalendar:
    """The data that decides whether a branch is open on a given day.

    ``weekly`` maps a weekday (0 = Monday … 6 = Sunday) to its opening periods; a weekday
    missing from it is a closed day. ``closed`` maps a date to the reason it is closed.
    ``until`` is the last date ``closed`` is known to cover (the selector loads a window).
    """

    branch_code: str
    weekly: Mapping[int, tuple[Period, ...]]
    closed: Mapping[dt.date, str] = field(default_factory=dict)
    until: dt.date | None = None


def opening_periods(calendar: BranchCalendar, day: dt.date) -> tuple[Period, ...]:
    """The periods the branch is open on ``day``; empty when it is closed all day."""
    if day in calendar.closed:
        return ()
    return tuple(calendar.weekly.get(day.weekday(), ()))


def is_open(calendar: BranchCalendar, day: dt.date) -> bool:
    """Whether the branch opens at all on ``day``."""
    return bool(opening_periods(calendar, day))


def is_open_at(calendar: BranchCalendar, moment: dt.datetime) -> bool:
    """Whether the branch is open at ``moment`` (a local, naive or aware, wall-clock time)."""
    now = moment.time().replace(tzinfo=None)
    return any(opens <= now < closes for opens, closes in opening_periods(calendar, moment.date()))


def next_open_day(
    calendar: BranchCalendar, day: dt.date, *, horizon_days: int = DEFAULT_HORIZON_DAYS
) -> dt.date:
    """The first day on or after ``day`` the branch is open.

    Skips weekdays without hours and every closed day (public holidays included).
    Raises :class:`NoOpeningDay` when nothing opens within ``horizon_days`` (or past
    ``calendar.until``, beyond which the closed days are not known).
    """
    last = day + dt.timedelta(days=horizon_days)
    if calendar.until is not None:
        last = min(last, calendar.until)
    candidate = day
    while candidate <= last:
        if is_open(calendar, candidate):
            return candidate
        candidate += dt.timedelta(days=1)
    raise NoOpeningDay(
        _("Biblioteket %(branch)s har ingen öppen dag före %(date)s.")
        % {"branch": calendar.branch_code, "date": last.isoformat()}
    )


def public_holidays(year: int, *, country: str = "SE", language: str = "sv") -> dict[dt.date, str]:
    """The days a library in ``country`` closes for holidays in ``year``, with their names.

    Uses the ``holidays`` package; ordinary Sundays are left out (weekly hours decide
    those), named holidays that fall on a Sunday (påskdagen, pingstdagen) stay in.
    """
    probe = holidays_lib.country_holidays(country, years=year)
    categories = tuple(c for c in CLOSING_HOLIDAY_CATEGORIES if c in probe.supported_categories)
    chosen_language = language if language in probe.supported_languages else None
    if country == "SE":
        # Sweden's calendar lists every Sunday as a public holiday unless told not to.
        found = holidays_lib.country_holidays(
            country,
            years=year,
            categories=categories,
            language=chosen_language,
            include_sundays=False,
        )
    else:
        found = holidays_lib.country_holidays(
            country, years=year, categories=categories, language=chosen_language
        )
    return dict(sorted(found.items()))

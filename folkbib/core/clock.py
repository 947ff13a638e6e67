"""Time comes in as an argument; this is where callers get "now" when they have none."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def now() -> dt.datetime:
    return timezone.now()


def today() -> dt.date:
    return timezone.localdate()


def local_date(moment: dt.datetime) -> dt.date:
    """The region's calendar date of ``moment`` (a naive datetime is taken as local)."""
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()

"""Reads for a branch's daily work lists: what to pull from the shelves, what to take
down from the hold shelf, and transits that have taken too long.

Each list is one query with the joins its page needs, whatever its length.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.db.models.functions import Lower

from folkbib.catalog.models import ItemStatus
from folkbib.circulation.models import Hold, HoldStatus, Transit
from folkbib.consortium.models import Branch

#: A transit open longer than this many days is flagged; a van round is a day or two.
TRANSIT_TOO_LONG_DAYS = 7
#: The expired-holds list looks back this far (the copies have moved on by then).
EXPIRED_LOOKBACK_DAYS = 14


def pull_list(branch: Branch) -> QuerySet[Hold]:
    """Copies on this branch's shelves that waiting holds are counting on.

    In shelf order, as one walks the shelves: shelf mark (case folded, so ``Hc`` and
    ``hc`` stand together), then title, then barcode.
    """
    return (
        Hold.objects.filter(
            status=HoldStatus.WAITING,
            allocated_item__current_branch=branch,
            allocated_item__status=ItemStatus.AVAILABLE,
        )
        .select_related("allocated_item__record", "pickup_branch")
        .order_by(
            Lower("allocated_item__shelf_mark"),
            "allocated_item__record__sort_title",
            "allocated_item__barcode",
        )
    )


def uncollected(branch: Branch, *, today: dt.date) -> QuerySet[Hold]:
    """Holds on this branch's hold shelf whose last pickup day has passed: take them down.

    The nightly run expires them and sends each copy on; until then they are here.
    """
    return (
        Hold.objects.filter(status=HoldStatus.READY, pickup_branch=branch, pickup_by__lt=today)
        .select_related("patron", "allocated_item__record")
        .order_by("pickup_by", "id")
    )


def recently_expired(branch: Branch, *, since: dt.datetime) -> QuerySet[Hold]:
    """Holds for pickup here that expired uncollected since ``since``, newest first."""
    return (
        Hold.objects.filter(status=HoldStatus.EXPIRED, pickup_branch=branch, closed_at__gte=since)
        .select_related("patron", "record")
        .order_by("-closed_at", "-id")
    )


@dataclass(frozen=True)
class LateTransit:
    transit: Transit
    days: int  # whole days on the way
    incoming: bool  # on its way here (else sent from here)


def late_transits(
    branch: Branch, *, sent_before: dt.datetime, now: dt.datetime
) -> list[LateTransit]:
    """Open transits to or from this branch sent before ``sent_before``, oldest first."""
    transits = (
        Transit.objects.filter(arrived_at__isnull=True, sent_at__lt=sent_before)
        .filter(Q(to_branch=branch) | Q(from_branch=branch))
        .select_related("item__record", "from_branch", "to_branch")
        .order_by("sent_at", "id")
    )
    return [LateTransit(t, (now - t.sent_at).days, t.to_branch_id == branch.pk) for t in transits]

"""The demo region's circulation: the Swedish default rules and a day's worth of activity
(and, from ``demo.statistics``, a year of anonymous statistics).

Everything goes through the circulation services with ``now`` set in the past, so the
demo shows what real use leaves behind: loans due soon and overdue, a fee, holds in a
queue, a hold waiting on the shelf, an item in transit. The first 100 barcodes
(30000001-30000100, on the shelf at Umeå stadsbibliotek) are never touched.

Fixed for the docs and tests: Anna (card 10000001) has three loans — one of them
overdue — a hold waiting on the hold shelf at Umeå stadsbibliotek and one in a queue.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db.models import Q

from folkbib.catalog.models import Item, ItemStatus
from folkbib.circulation import services
from folkbib.circulation.errors import CirculationError
from folkbib.circulation.models import (
    CirculationEvent,
    Fee,
    FeeKind,
    Hold,
    Loan,
    LoanRule,
    Notice,
    StaffAction,
    Transit,
)
from folkbib.circulation.services.matrix import define_swedish_defaults
from folkbib.consortium.models import Branch
from folkbib.demo import statistics as demo_statistics
from folkbib.patrons.models import Patron, PatronCategory

PROTECTED_BARCODES = 100
FIRST_BARCODE = 30000001
SEED = 2460


def reset(*, branches: list[Branch]) -> None:
    """Remove the circulation of the demo branches (their items and patrons go next)."""
    items = Item.objects.filter(Q(owning_branch__in=branches) | Q(current_branch__in=branches))
    patrons = Patron.objects.filter(home_branch__in=branches)
    Transit.objects.filter(item__in=items).delete()
    Fee.objects.filter(Q(patron__in=patrons) | Q(item__in=items)).delete()
    Hold.objects.filter(Q(patron__in=patrons) | Q(record__items__in=items)).delete()
    Loan.objects.filter(Q(item__in=items) | Q(patron__in=patrons)).delete()
    Notice.objects.filter(patron__in=patrons).delete()
    CirculationEvent.objects.filter(branch__in=branches).delete()
    StaffAction.objects.filter(branch__in=branches).delete()
    LoanRule.objects.all().delete()
    demo_statistics.reset(branches=branches)


def _unprotected(branch: Branch) -> list[Item]:
    return list(
        Item.objects.filter(
            current_branch=branch, status=ItemStatus.AVAILABLE, record__material_type="book"
        )
        .exclude(barcode__in=[str(FIRST_BARCODE + n) for n in range(PROTECTED_BARCODES)])
        .select_related("record", "owning_branch", "current_branch")
        .order_by("barcode")
    )


def load(
    *, branches: dict[str, Branch], categories: dict[str, PatronCategory], now: dt.datetime
) -> int:
    """The rules and a little history; returns how many loans were made."""
    define_swedish_defaults(categories=categories)
    umea = branches["umea-stad"]
    anna = Patron.objects.get(card_number="10000001")
    elsa = Patron.objects.get(card_number="10000002")
    shelf = _unprotected(umea)
    used: set[int] = set()

    def take(record_ids_taken: set[int] | None = None) -> Item:
        for item in shelf:
            if item.id not in used and item.record_id not in (record_ids_taken or set()):
                used.add(item.id)
                item.refresh_from_db()
                return item
        raise LookupError("the demo catalogue has too few books at Umeå stadsbibliotek")

    loans = 0
    ago = dt.timedelta
    # Anna: one loan overdue by a week, one due in three days, one fresh.
    for age in (35, 25, 2):
        services.checkout(patron=anna, item=take(), branch=umea, now=now - ago(days=age))
        loans += 1
    # A hold waiting on the hold shelf for her: the copy was fetched and checked in.
    ready = take()
    services.place_hold(patron=anna, record=ready.record, pickup_branch=umea, now=now - ago(days=1))
    services.checkin(item=ready, branch=umea, now=now - ago(days=1))
    # A hold in a queue: the only copy of the title is on loan to someone else.
    queued = take()
    crowd = list(
        Patron.objects.filter(
            category__code="adult", card_expires__gt=now.date(), blocks__isnull=True
        )
        .exclude(card_number__in=["10000001", "10000003", "10000005"])
        .order_by("card_number")[:40]
    )
    services.checkout(patron=crowd[0], item=queued, branch=umea, now=now - ago(days=10))
    for patron in crowd[1:3]:
        services.place_hold(
            patron=patron, record=queued.record, pickup_branch=umea, now=now - ago(days=6)
        )
    services.place_hold(
        patron=anna, record=queued.record, pickup_branch=umea, now=now - ago(days=3)
    )
    # Elsa, a child: a loan that is late, and no fee for it.
    services.checkout(patron=elsa, item=take(), branch=umea, now=now - ago(days=40))
    loans += 2
    # Johan's block is for unpaid fees: the fee itself.
    johan = Patron.objects.get(card_number="10000003")
    Fee.objects.create(
        patron=johan,
        kind=FeeKind.OTHER,
        description="Förseningsavgifter (demo)",
        amount=Decimal("120.00"),
        created_at=now - ago(days=30),
        updated_at=now - ago(days=30),
    )
    # The crowd: loans all over the region, some returned elsewhere (in transit home).
    rng = random.Random(SEED)
    others = [b for code, b in sorted(branches.items()) if code != "umea-stad"]
    for patron in crowd[3:]:
        branch = rng.choice(others)
        candidates = _unprotected(branch)[:30]
        if not candidates:
            continue
        item = rng.choice(candidates)
        try:
            services.checkout(
                patron=patron, item=item, branch=branch, now=now - ago(days=rng.randint(1, 30))
            )
        except CirculationError:
            continue
        loans += 1
        if rng.random() < 0.25:
            services.checkin(
                item=item, branch=rng.choice(others), now=now - ago(hours=rng.randint(1, 20))
            )
    services.accrue_overdue_fees(now=now)
    demo_statistics.load(branches=branches, now=now)
    return loans

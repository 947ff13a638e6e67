"""Setting up a benchmark database: branches for the holdings, and items out on loan.

A fresh benchmark database gets the demo region's municipalities and the branch
codes the generator used; rows that already exist (``load-demo`` ran first) are kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.db.models import F


@transaction.atomic
def ensure_branches(*, branches: Sequence[tuple[str, str, float]]) -> int:
    """Create the missing municipalities and branches; returns how many branches were made."""
    from folkbib.consortium.models import Branch, Municipality, Region
    from folkbib.demo import region as demo

    names = {b.code: b.name for b in demo.BRANCHES}
    municipality_names = {code: name for code, name, _seat in demo.MUNICIPALITIES}
    region = Region.objects.order_by("id").first()
    if region is None:
        region = Region.objects.create(code=demo.REGION_CODE, name=demo.REGION_NAME)
    municipalities = {m.code: m for m in Municipality.objects.all()}
    created = 0
    for code, municipality_code, _ in branches:
        municipality = municipalities.get(municipality_code)
        if municipality is None:
            municipality = Municipality.objects.create(
                region=region,
                code=municipality_code,
                name=municipality_names.get(municipality_code, municipality_code),
            )
            municipalities[municipality_code] = municipality
        _, made = Branch.objects.get_or_create(
            code=code,
            defaults={"municipality": municipality, "name": names.get(code, code)},
        )
        created += made
    return created


@transaction.atomic
def lend_items(*, every: int, due_back: dt.date) -> int:
    """Put every ``every``-th item on loan, as circulation would have; returns how many.

    Imports never take statuses from a file, so a freshly imported benchmark region has
    every item on the shelf; "available now" filters and availability lists are only
    realistic once some are out. A bulk UPDATE: this is benchmark setup, not circulation.
    """
    from folkbib.catalog.models import Item, ItemStatus

    lent = Item.objects.annotate(slot=F("id") % every).filter(slot=0)
    return lent.update(status=ItemStatus.ON_LOAN, due_back=due_back)

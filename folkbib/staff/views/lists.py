"""The branch's working lists: what to pull from the shelves, the hold shelf, transits."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from folkbib.circulation import selectors
from folkbib.core.clock import local_date
from folkbib.staff import presentation
from folkbib.staff.access import Desk, desk_view
from folkbib.staff.views.common import now


@require_safe
@desk_view
def pull_list(request: HttpRequest, desk: Desk) -> HttpResponse:
    return render(
        request,
        "staff/pull_list.html",
        {"desk": desk, "holds": list(selectors.pull_list(desk.branch))},
    )


@require_safe
@desk_view
def hold_shelf(request: HttpRequest, desk: Desk) -> HttpResponse:
    today = local_date(now())
    rows = [
        {
            "hold": hold,
            "label": presentation.shelf_label(hold.patron),
            "expired": hold.pickup_by is not None and hold.pickup_by < today,
        }
        for hold in selectors.hold_shelf(desk.branch)
    ]
    return render(
        request,
        "staff/hold_shelf.html",
        {"desk": desk, "rows": rows, "expired_count": sum(1 for r in rows if r["expired"])},
    )


@require_safe
@desk_view
def transits(request: HttpRequest, desk: Desk) -> HttpResponse:
    return render(
        request,
        "staff/transits.html",
        {
            "desk": desk,
            "incoming": list(selectors.transits_to(desk.branch)),
            "outgoing": list(selectors.transits_from(desk.branch)),
        },
    )

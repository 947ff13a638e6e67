"""The branch's working lists: what to pull from the shelves, the hold shelf, holds not
collected in time, and transits (those on the way too long flagged).

Each list is for the desk's branch unless another is chosen (``?bibliotek=<id>``), so a
librarian covering two small branches, or the region's coordinator, reads any branch's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from folkbib.circulation import selectors, worklists
from folkbib.consortium.models import Branch
from folkbib.core.clock import local_date
from folkbib.staff import presentation
from folkbib.staff.access import Desk, desk_view
from folkbib.staff.roles import requires
from folkbib.staff.views.common import now


def _branch(request: HttpRequest, desk: Desk) -> tuple[Branch, list[Branch]]:
    """The branch the list is for (chosen or the desk's) and the branches to choose from."""
    branches = list(Branch.objects.filter(is_active=True).order_by("name"))
    wanted = request.GET.get("bibliotek", "")
    chosen = next((b for b in branches if str(b.pk) == wanted), desk.branch)
    return chosen, branches


def _page(
    request: HttpRequest,
    desk: Desk,
    template: str,
    branch: Branch,
    branches: list[Branch],
    **more: Any,
) -> HttpResponse:
    return render(request, template, {"desk": desk, "branch": branch, "branches": branches, **more})


@require_safe
@requires("desk.worklists")
@desk_view
def pull_list(request: HttpRequest, desk: Desk) -> HttpResponse:
    branch, branches = _branch(request, desk)
    holds = list(worklists.pull_list(branch))
    return _page(request, desk, "staff/pull_list.html", branch, branches, holds=holds)


@require_safe
@requires("desk.worklists")
@desk_view
def hold_shelf(request: HttpRequest, desk: Desk) -> HttpResponse:
    branch, branches = _branch(request, desk)
    today = local_date(now())
    rows = [
        {
            "hold": hold,
            "label": presentation.shelf_label(hold.patron),
            "expired": hold.pickup_by is not None and hold.pickup_by < today,
        }
        for hold in selectors.hold_shelf(branch)
    ]
    return _page(
        request,
        desk,
        "staff/hold_shelf.html",
        branch,
        branches,
        rows=rows,
        expired_count=sum(1 for r in rows if r["expired"]),
    )


@require_safe
@requires("desk.worklists")
@desk_view
def expired_holds(request: HttpRequest, desk: Desk) -> HttpResponse:
    """Holds to take down from the hold shelf, and those that expired lately."""
    branch, branches = _branch(request, desk)
    moment = now()
    uncollected = [
        {"hold": hold, "label": presentation.shelf_label(hold.patron)}
        for hold in worklists.uncollected(branch, today=local_date(moment))
    ]
    since = moment - dt.timedelta(days=worklists.EXPIRED_LOOKBACK_DAYS)
    expired = [
        {"hold": hold, "label": presentation.shelf_label(hold.patron)}
        for hold in worklists.recently_expired(branch, since=since)
    ]
    return _page(
        request,
        desk,
        "staff/expired_holds.html",
        branch,
        branches,
        uncollected=uncollected,
        expired=expired,
        lookback=worklists.EXPIRED_LOOKBACK_DAYS,
    )


@require_safe
@requires("desk.worklists")
@desk_view
def transits(request: HttpRequest, desk: Desk) -> HttpResponse:
    branch, branches = _branch(request, desk)
    moment = now()
    limit = worklists.TRANSIT_TOO_LONG_DAYS
    late = worklists.late_transits(
        branch, sent_before=moment - dt.timedelta(days=limit), now=moment
    )
    return _page(
        request,
        desk,
        "staff/transits.html",
        branch,
        branches,
        incoming=list(selectors.transits_to(branch)),
        outgoing=list(selectors.transits_from(branch)),
        late=late,
        late_ids={row.transit.pk for row in late},
        limit=limit,
    )

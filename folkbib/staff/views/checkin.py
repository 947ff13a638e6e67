"""The checkin screen: scan, read the routing instruction, print a slip when it travels."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from folkbib.circulation import services
from folkbib.circulation.models import Hold, Transit
from folkbib.circulation.services import Action, CheckinResult
from folkbib.core.clock import local_date
from folkbib.core.errors import FolkbibError
from folkbib.staff import lookups, presentation, session
from folkbib.staff.access import Desk, desk_view
from folkbib.staff.roles import requires
from folkbib.staff.views.common import now


def _slips(result: CheckinResult) -> list[dict[str, str]]:
    slips = []
    routing = result.routing
    if routing.action == Action.HOLD_SHELF and routing.hold is not None:
        slips.append(
            {
                "url": reverse("staff:hold_slip", args=[routing.hold.pk]),
                "label": _("Skriv ut hämtlapp"),
            }
        )
    if routing.transit is not None:
        slips.append(
            {
                "url": reverse("staff:transit_slip", args=[routing.transit.pk]),
                "label": _("Skriv ut transportlapp"),
            }
        )
    return slips


def _entry(result: CheckinResult, slips: list[dict[str, str]]) -> dict[str, object]:
    fee = ""
    if result.fee is not None and result.fee.amount > 0:
        fee = _("Förseningsavgift: %(amount)s kr.") % {
            "amount": presentation.kronor(result.fee.amount)
        }
    return {
        "barcode": result.item.barcode,
        "title": result.item.record.title,
        "action": result.routing.action,
        "message": result.routing.message,
        "fee": fee,
        "overdue": result.was_overdue,
        "slips": slips,
        "at": timezone.localtime(now()).strftime("%H:%M"),
    }


@requires("desk.circulate")
@require_http_methods(["GET", "HEAD", "POST"])
@desk_view
def checkin(request: HttpRequest, desk: Desk) -> HttpResponse:
    if request.method == "POST":
        barcode = request.POST.get("barcode", "").strip()
        try:
            item = lookups.item_by_barcode(barcode)
            result = services.checkin(item=item, branch=desk.branch, now=now(), staff=desk.user)
        except FolkbibError as error:
            session.show(request, session.ERROR, error.message, keep=barcode)
        else:
            slips = _slips(result)
            entry = _entry(result, slips)
            session.add_checkin(request, entry)
            session.show(request, session.OK, result.routing.message, slips=slips)
        return redirect("staff:checkin")
    entries = session.checkins(request)
    return render(
        request,
        "staff/checkin.html",
        {
            "desk": desk,
            "result": session.take_result(request),
            "latest": entries[0] if entries else None,
            "checkins": entries,
        },
    )


@requires("desk.circulate")
@require_safe
@desk_view
def hold_slip(request: HttpRequest, desk: Desk, hold_id: int) -> HttpResponse:
    hold = get_object_or_404(
        Hold.objects.select_related("patron", "pickup_branch", "allocated_item__record"),
        pk=hold_id,
        allocated_item__isnull=False,
    )
    return render(
        request,
        "staff/hold_slip.html",
        {"desk": desk, "hold": hold, "shelf_label": presentation.shelf_label(hold.patron)},
    )


@requires("desk.circulate")
@require_safe
@desk_view
def transit_slip(request: HttpRequest, desk: Desk, transit_id: int) -> HttpResponse:
    transit = get_object_or_404(
        Transit.objects.select_related("item__record", "from_branch", "to_branch", "hold__patron"),
        pk=transit_id,
    )
    hold = transit.hold
    return render(
        request,
        "staff/transit_slip.html",
        {
            "desk": desk,
            "transit": transit,
            "shelf_label": presentation.shelf_label(hold.patron) if hold is not None else "",
            "today": local_date(now()),
        },
    )

"""The checkout screen: scan a card, then items; the patron panel and its actions."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from folkbib.circulation import services
from folkbib.core.clock import local_date
from folkbib.core.errors import FolkbibError
from folkbib.patrons.models import Patron
from folkbib.patrons.selectors import patron_by_card
from folkbib.staff import lookups, presentation, session
from folkbib.staff.access import Desk, desk_view
from folkbib.staff.roles import requires
from folkbib.staff.views.common import attempt, now


def served_patron(request: HttpRequest) -> Patron | None:
    patron_id = session.current_patron_id(request)
    if patron_id is None:
        return None
    patron = (
        Patron.objects.select_related("home_branch__municipality", "category")
        .filter(pk=patron_id)
        .first()
    )
    if patron is None:
        session.serve_patron(request, None)
    return patron


@requires("desk.circulate")
@require_safe
@desk_view
def checkout(request: HttpRequest, desk: Desk) -> HttpResponse:
    patron = served_patron(request)
    context = {"desk": desk, "result": session.take_result(request)}
    if patron is not None:
        context.update(presentation.patron_panel(patron, today=local_date(now())))
    return render(request, "staff/checkout.html", context)


@requires("desk.circulate")
@require_POST
@desk_view
def scan_card(request: HttpRequest, desk: Desk) -> HttpResponse:
    card = request.POST.get("card", "").strip()
    try:
        patron = patron_by_card(card)
    except FolkbibError as error:
        session.serve_patron(request, None)
        session.show(request, session.ERROR, error.message, keep=card)
    else:
        session.serve_patron(request, patron.pk)
    return redirect("staff:checkout")


@requires("desk.circulate")
@require_POST
@desk_view
def scan_item(request: HttpRequest, desk: Desk) -> HttpResponse:
    patron = served_patron(request)
    barcode = request.POST.get("barcode", "").strip()
    if patron is None:
        session.show(request, session.ERROR, _("Skanna ett lånekort först."), keep=barcode)
        return redirect("staff:checkout")

    def lend() -> None:
        item = lookups.item_by_barcode(barcode)
        result = services.checkout(
            patron=patron, item=item, branch=desk.branch, now=now(), staff=desk.user
        )
        text = _("%(title)s är utlånad. Återlämnas senast %(date)s.") % {
            "title": item.record.title,
            "date": presentation.day(result.due_date),
        }
        if result.filled_hold is not None:
            text += " " + _("Låntagarens reservation är uppfylld.")
        session.show(request, session.OK, text)

    return attempt(request, lend, back=reverse("staff:checkout"), keep=barcode)


@requires("desk.circulate")
@require_POST
@desk_view
def finish(request: HttpRequest, desk: Desk) -> HttpResponse:
    session.serve_patron(request, None)
    return redirect("staff:checkout")

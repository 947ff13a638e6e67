"""Finding a patron and seeing everything about them; the new-card receipt."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from folkbib.circulation import selectors as circulation
from folkbib.circulation.models import Fee, Notice
from folkbib.community.models import Conversation
from folkbib.core.clock import local_date
from folkbib.patrons import selectors
from folkbib.patrons.models import Patron
from folkbib.staff import session
from folkbib.staff.access import Desk, desk_view
from folkbib.staff.roles import may_see_patron, requires, visible_patrons
from folkbib.staff.views.common import now
from folkbib.staff.views.patrons.forms import BlockForm, PinForm, SearchForm

#: The patron page lists this many of the latest messages sent and questions asked.
MESSAGES_SHOWN = 20


def patron_or_404(request: HttpRequest, patron_id: int) -> Patron:
    """The patron, if ``request``'s user may see them (403 if not: ``may_see_patron``)."""
    patron = get_object_or_404(
        Patron.objects.select_related("home_branch__municipality__region", "category"), pk=patron_id
    )
    if not may_see_patron(request.user, patron):
        raise PermissionDenied
    return patron


def patron_page(patron: Patron, *, today: dt.date) -> dict[str, Any]:
    """Everything the patron page shows, in a fixed number of queries."""
    fees = list(
        Fee.objects.filter(patron=patron).select_related("item__record").order_by("-created_at")
    )
    return {
        "patron": patron,
        "card_expired": patron.card_expires < today,
        "blocks": list(selectors.active_blocks(patron)),
        "loans": [
            {"loan": loan, "overdue": loan.due_date < today}
            for loan in circulation.active_loans(patron)
        ],
        "holds": circulation.patron_holds(patron, today=today),
        "fees": fees,
        "owed": sum((fee.outstanding for fee in fees), Decimal("0")),
        "notices": list(
            Notice.objects.filter(patron=patron).order_by("-created_at", "-pk")[:MESSAGES_SHOWN]
        ),
        "conversations": list(
            Conversation.objects.filter(patron=patron)
            .select_related("branch")
            .order_by("-last_message_at")[:MESSAGES_SHOWN]
        ),
    }


@require_safe
@requires("patrons.view")
@desk_view
def search(request: HttpRequest, desk: Desk) -> HttpResponse:
    form = SearchForm(request.GET or None)
    text = form.data.get("q", "").strip() if form.is_bound else ""
    visible = visible_patrons(request.user, Patron.objects.all())
    found = list(selectors.search_patrons(text, among=visible)) if text else []
    return render(
        request,
        "staff/patrons/search.html",
        {
            "desk": desk,
            "form": form,
            "query": text,
            "found": found,
            "result": session.take_result(request),
        },
    )


@require_safe
@requires("patrons.view")
@desk_view
def patron(request: HttpRequest, desk: Desk, patron_id: int) -> HttpResponse:
    found = patron_or_404(request, patron_id)
    context: dict[str, Any] = {
        "desk": desk,
        "result": session.take_result(request),
        "block_form": BlockForm(),
        "pin_form": PinForm(),
    }
    if found.anonymised_at is None:
        context.update(patron_page(found, today=local_date(now())))
    else:
        context["patron"] = found
    return render(request, "staff/patrons/patron.html", context)


@require_POST
@requires("desk.circulate")
@desk_view
def serve(request: HttpRequest, desk: Desk, patron_id: int) -> HttpResponse:
    """Take the patron to the checkout screen, as if their card had been scanned."""
    found = patron_or_404(request, patron_id)
    if found.anonymised_at is None:
        session.serve_patron(request, found.pk)
    return redirect("staff:checkout")


@require_safe
@requires("patrons.view")
@desk_view
def receipt(request: HttpRequest, desk: Desk, patron_id: int) -> HttpResponse:
    """A printable slip for a new or replaced card: never the PIN."""
    found = patron_or_404(request, patron_id)
    return render(
        request,
        "staff/patrons/receipt.html",
        {
            "desk": desk,
            "patron": found,
            "today": local_date(now()),
            "result": session.take_result(request),
        },
    )

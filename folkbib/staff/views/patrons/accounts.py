"""Merging duplicates, and the GDPR pair: all of a patron's data, and anonymising."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from folkbib.circulation import selectors as circulation
from folkbib.circulation import services
from folkbib.circulation.models import ACTIVE_HOLD_STATUSES, Hold, Loan, LoanStatus
from folkbib.community import selectors as community
from folkbib.core.clock import local_date
from folkbib.core.errors import FolkbibError
from folkbib.patrons import selectors
from folkbib.patrons import services as patron_services
from folkbib.patrons.errors import CardRetired, UnknownCard
from folkbib.patrons.models import Patron
from folkbib.staff import session
from folkbib.staff.access import Desk, desk_view
from folkbib.staff.roles import may_see_patron, requires, visible_patrons
from folkbib.staff.views.common import now
from folkbib.staff.views.patrons.pages import patron_or_404


def _active(request: HttpRequest, patron_id: int) -> Patron:
    patron = patron_or_404(request, patron_id)
    if patron.anonymised_at is not None:
        raise Http404
    return patron


def _summary(patron: Patron) -> dict[str, object]:
    """What the librarian compares before merging: the account at a glance."""
    return {
        "patron": patron,
        "loans": Loan.objects.filter(patron=patron, status=LoanStatus.ACTIVE).count(),
        "holds": Hold.objects.filter(patron=patron, status__in=ACTIVE_HOLD_STATUSES).count(),
        "owed": circulation.outstanding_balance(patron),
    }


def _other(request: HttpRequest, patron: Patron) -> tuple[Patron | None, str]:
    """The account to merge in: chosen from the list (``med``) or by its card (``kort``)."""
    chosen = request.GET.get("med", "").strip()
    card = request.GET.get("kort", "").strip()
    other: Patron | None = None
    if chosen.isdigit():
        other = visible_patrons(
            request.user, Patron.objects.filter(pk=int(chosen), anonymised_at__isnull=True)
        ).first()
    elif card:
        try:
            other = selectors.patron_by_card(card)
        except (UnknownCard, CardRetired) as error:
            return None, error.message
    if other is not None and not may_see_patron(request.user, other):
        return None, _("Låntagaren hör till en kommun som inte delar sina låntagare med andra.")
    if other is not None and other.pk == patron.pk:
        return None, _("Det är samma låntagare. Välj den andra.")
    return other, ""


@require_http_methods(["GET", "HEAD", "POST"])
@requires("patrons.edit")
@desk_view
def merge(request: HttpRequest, desk: Desk, patron_id: int) -> HttpResponse:
    """Pick the duplicate, compare the two, confirm; the patron on this page is kept."""
    patron = _active(request, patron_id)
    if request.method == "POST":
        chosen_id = request.POST.get("merge", "")
        other = _active(request, int(chosen_id) if chosen_id.isdigit() else 0)
        try:
            result = services.merge_patrons(keep=patron, merge=other, now=now(), staff=desk.user)
        except FolkbibError as error:
            session.show(request, session.ERROR, error.message)
            return redirect(f"{reverse('staff:patron_merge', args=[patron.pk])}?med={other.pk}")
        session.show(
            request,
            session.OK,
            _(
                "Kontona är sammanslagna. Flyttade: %(loans)d lån, %(holds)d reservationer, "
                "%(fees)d avgifter. Kort %(card)s gäller inte längre."
            )
            % {
                "loans": result.loans,
                "holds": result.holds,
                "fees": result.fees,
                "card": other.card_number,
            },
        )
        return redirect("staff:patron", patron.pk)
    chosen, problem = _other(request, patron)
    candidates = selectors.find_possible_duplicates(
        first_name=patron.first_name,
        last_name=patron.last_name,
        birth_date=patron.birth_date,
        personnummer=patron.personnummer,
        exclude=patron,
    )
    return render(
        request,
        "staff/patrons/merge.html",
        {
            "desk": desk,
            "patron": patron,
            "candidates": candidates,
            "other": chosen,
            "problem": problem,
            "card_query": request.GET.get("kort", ""),
            "keep_summary": _summary(patron),
            "merge_summary": _summary(chosen) if chosen is not None else None,
            "result": session.take_result(request),
        },
    )


@require_POST
@requires("patrons.view")
@desk_view
def export(request: HttpRequest, desk: Desk, patron_id: int) -> HttpResponse:
    """Everything held about the patron, as the portal's "download my data" gives it.

    A POST, because handing out someone's data is recorded in the audit.
    """
    patron = _active(request, patron_id)
    data = services.export_patron_data(patron, today=local_date(now()))
    data["community"] = community.patron_data_export(patron)
    patron_services.audit_patron(
        desk.user,
        action="export_patron_data",
        patron=patron,
        before=None,
        after=None,
        now=now(),
    )
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"lantagare-{patron.card_number}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@requires("patrons.edit")
@desk_view
def anonymise(request: HttpRequest, desk: Desk, patron_id: int) -> HttpResponse:
    """Say what will go and what stays, then remove the personal data on confirmation."""
    patron = _active(request, patron_id)
    if request.method == "POST":
        try:
            services.anonymise_patron(patron=patron, now=now(), staff=desk.user)
        except FolkbibError as error:
            session.show(request, session.ERROR, error.message)
            return redirect("staff:patron_anonymise", patron.pk)
        session.show(request, session.OK, _("Låntagarens personuppgifter är borttagna."))
        return redirect("staff:patrons")
    return render(
        request,
        "staff/patrons/anonymise.html",
        {
            "desk": desk,
            "patron": patron,
            "summary": _summary(patron),
            "lost": Loan.objects.filter(patron=patron, status=LoanStatus.LOST).count(),
            "result": session.take_result(request),
        },
    )

"""The audit log: every staff change, newest first, within the reader's scope."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from folkbib.audit import selectors
from folkbib.staff.roles import requires, scope_of
from folkbib.staff.views.configuration.common import page

PAGE_SIZE = 50

#: Words for the actions written by the configuration screens; other areas' actions
#: are shown by their code until they are named here.
ACTION_LABELS = {
    "municipality.create": gettext_lazy("Ny kommun"),
    "municipality.update": gettext_lazy("Ändrad kommun"),
    "branch.create": gettext_lazy("Nytt bibliotek"),
    "branch.update": gettext_lazy("Ändrat bibliotek"),
    "branch.hours": gettext_lazy("Ändrade öppettider"),
    "closed_day.add": gettext_lazy("Ny stängd dag"),
    "closed_day.update": gettext_lazy("Ändrad stängd dag"),
    "closed_day.remove": gettext_lazy("Borttagen stängd dag"),
    "rule.create": gettext_lazy("Ny rad i lånevillkoren"),
    "rule.update": gettext_lazy("Ändrade lånevillkor"),
    "rule.remove": gettext_lazy("Borttagen rad i lånevillkoren"),
    "notice_text.set": gettext_lazy("Egen meddelandetext"),
    "notice_text.reset": gettext_lazy("Standardtext igen"),
    "staff.assign": gettext_lazy("Ny kollega"),
    "staff.update": gettext_lazy("Ändrad roll"),
    "kiosk.create": gettext_lazy("Ny kiosk"),
    "kiosk.update": gettext_lazy("Ändrad kiosk"),
    "sip2_terminal.create": gettext_lazy("Ny SIP2-terminal"),
    "sip2_terminal.update": gettext_lazy("Ändrad SIP2-terminal"),
}


@requires("audit.view")
@require_http_methods(["GET", "HEAD"])
def audit_log(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    who = request.GET.get("vem", "").strip()[:150]
    entries = selectors.audit_log(
        everything=scope.everything,
        municipality_id=scope.municipality_id,
        staff_query=who,
        subject_type=request.GET.get("typ", "").strip()[:60],
        subject_id=request.GET.get("id", "").strip()[:40],
    )
    listing = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("sida"))
    rows = [
        (entry, ACTION_LABELS.get(entry.action, entry.action), selectors.differences(entry))
        for entry in listing
    ]
    return page(request, "staff/admin/audit.html", {"listing": listing, "rows": rows, "who": who})

"""What a librarian does for the patron being served: renew, lost, fees, holds.

Each action names a loan, fee or hold by id; it must belong to the patron being
served at this desk, so a stale page never changes somebody else's account.
"""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from folkbib.circulation import services
from folkbib.circulation.models import Fee, Hold, Loan
from folkbib.consortium.models import Branch
from folkbib.staff import lookups, presentation, session
from folkbib.staff.access import Desk, desk_view
from folkbib.staff.roles import requires
from folkbib.staff.views.checkout import served_patron
from folkbib.staff.views.common import attempt, form_error, now


def _back() -> str:
    return reverse("staff:checkout")


def _served_id(request: HttpRequest) -> int:
    patron_id = session.current_patron_id(request)
    if patron_id is None:
        raise Http404
    return patron_id


def _own_loan(request: HttpRequest, loan_id: int) -> Loan:
    loan = (
        Loan.objects.select_related("item__record")
        .filter(pk=loan_id, patron_id=_served_id(request))
        .first()
    )
    if loan is None:
        raise Http404
    return loan


def _own_fee(request: HttpRequest, fee_id: int) -> Fee:
    fee = Fee.objects.filter(pk=fee_id, patron_id=_served_id(request)).first()
    if fee is None:
        raise Http404
    return fee


def _own_hold(request: HttpRequest, hold_id: int) -> Hold:
    hold = (
        Hold.objects.select_related("record")
        .filter(pk=hold_id, patron_id=_served_id(request))
        .first()
    )
    if hold is None:
        raise Http404
    return hold


# Loans


@requires("desk.circulate")
@require_POST
@desk_view
def renew(request: HttpRequest, desk: Desk, loan_id: int) -> HttpResponse:
    loan = _own_loan(request, loan_id)

    def run() -> None:
        renewed = services.renew(loan=loan, now=now(), staff=desk.user, branch=desk.branch)
        session.show(
            request,
            session.OK,
            _("%(title)s är omlånad. Återlämnas senast %(date)s.")
            % {"title": loan.item.record.title, "date": presentation.day(renewed.due_date)},
        )

    return attempt(request, run, back=_back())


@requires("desk.circulate")
@require_POST
@desk_view
def renew_all(request: HttpRequest, desk: Desk) -> HttpResponse:
    patron = served_patron(request)
    if patron is None:
        raise Http404
    outcomes = services.renew_all(patron=patron, now=now(), staff=desk.user, branch=desk.branch)
    if not outcomes:
        session.show(request, session.INFO, _("Låntagaren har inga lån att låna om."))
        return redirect(_back())
    lines = []
    for outcome in outcomes:
        title = outcome.loan.item.record.title
        if outcome.error is None and outcome.due_date is not None:
            text = _("%(title)s: omlånad, återlämnas senast %(date)s.") % {
                "title": title,
                "date": presentation.day(outcome.due_date),
            }
            lines.append({"ok": True, "text": text})
        else:
            reason = outcome.error.message if outcome.error else ""
            text = _("%(title)s: inte omlånad. %(reason)s") % {"title": title, "reason": reason}
            lines.append({"ok": False, "text": text})
    renewed = sum(1 for line in lines if line["ok"])
    summary = _("%(renewed)d av %(total)d lån är omlånade.") % {
        "renewed": renewed,
        "total": len(lines),
    }
    kind = session.OK if renewed == len(lines) else session.ERROR
    session.show(request, kind, summary, lines=lines)
    return redirect(_back())


@requires("desk.circulate")
@require_POST
@desk_view
def mark_lost(request: HttpRequest, desk: Desk, loan_id: int) -> HttpResponse:
    loan = _own_loan(request, loan_id)

    def run() -> None:
        fee = services.mark_lost(loan=loan, now=now(), staff=desk.user, branch=desk.branch)
        text = _("%(title)s är registrerad som förlorad.") % {"title": loan.item.record.title}
        if fee is not None:
            text += " " + _("Ersättning: %(amount)s kr.") % {
                "amount": presentation.kronor(fee.amount)
            }
        session.show(request, session.OK, text)

    return attempt(request, run, back=_back())


@requires("desk.circulate")
@require_POST
@desk_view
def claims_returned(request: HttpRequest, desk: Desk, loan_id: int) -> HttpResponse:
    loan = _own_loan(request, loan_id)

    def run() -> None:
        services.mark_claims_returned(loan=loan, now=now(), staff=desk.user, branch=desk.branch)
        session.show(
            request,
            session.OK,
            _(
                "%(title)s: låntagaren uppger att den är återlämnad. "
                "Exemplaret är markerat som saknat."
            )
            % {"title": loan.item.record.title},
        )

    return attempt(request, run, back=_back())


# Fees


class AmountForm(forms.Form):
    amount = forms.DecimalField(
        max_digits=9,
        decimal_places=2,
        required=False,
        localize=True,
        error_messages={
            "invalid": gettext_lazy("Skriv beloppet i kronor, till exempel 20 eller 12,50.")
        },
    )
    note = forms.CharField(max_length=300, required=False)


@requires("desk.circulate")
@require_POST
@desk_view
def pay_fee(request: HttpRequest, desk: Desk, fee_id: int) -> HttpResponse:
    fee = _own_fee(request, fee_id)
    form = AmountForm(request.POST)
    if not form.is_valid():
        return form_error(request, form, back=_back())
    amount = form.cleaned_data["amount"]
    if amount is None:
        amount = fee.outstanding

    def run() -> None:
        services.pay_fee(fee=fee, amount=amount, now=now(), staff=desk.user, branch=desk.branch)
        session.show(
            request,
            session.OK,
            _("Betalning på %(amount)s kr är registrerad.")
            % {"amount": presentation.kronor(amount)},
        )

    return attempt(request, run, back=_back())


@requires("desk.circulate")
@require_POST
@desk_view
def waive_fee(request: HttpRequest, desk: Desk, fee_id: int) -> HttpResponse:
    fee = _own_fee(request, fee_id)
    form = AmountForm(request.POST)
    if not form.is_valid():
        return form_error(request, form, back=_back())
    amount = form.cleaned_data["amount"]
    shown = amount if amount is not None else fee.outstanding

    def run() -> None:
        services.waive_fee(
            fee=fee,
            amount=amount,
            note=form.cleaned_data["note"],
            now=now(),
            staff=desk.user,
            branch=desk.branch,
        )
        session.show(
            request,
            session.OK,
            _("%(amount)s kr är avskrivet.") % {"amount": presentation.kronor(shown)},
        )

    return attempt(request, run, back=_back())


# Holds


def _hold_text(text: str, hold: Hold, routing: services.Routing | None = None) -> str:
    message = text % {"title": hold.record.title}
    return f"{message} {routing.message}" if routing is not None else message


@requires("desk.circulate")
@require_POST
@desk_view
def cancel_hold(request: HttpRequest, desk: Desk, hold_id: int) -> HttpResponse:
    hold = _own_hold(request, hold_id)

    def run() -> None:
        outcome = services.cancel_hold(hold=hold, now=now(), staff=desk.user, desk=desk.branch)
        text = _hold_text(_("Reservationen på %(title)s är avbokad."), hold, outcome.routing)
        session.show(request, session.OK, text)

    return attempt(request, run, back=_back())


class SuspendForm(forms.Form):
    until = forms.DateField(
        required=False,
        error_messages={"invalid": gettext_lazy("Skriv datumet som ÅÅÅÅ-MM-DD.")},
    )


@requires("desk.circulate")
@require_POST
@desk_view
def suspend_hold(request: HttpRequest, desk: Desk, hold_id: int) -> HttpResponse:
    hold = _own_hold(request, hold_id)
    form = SuspendForm(request.POST)
    if not form.is_valid():
        return form_error(request, form, back=_back())
    until = form.cleaned_data["until"]

    def run() -> None:
        services.suspend_hold(hold=hold, until=until, now=now(), staff=desk.user, desk=desk.branch)
        if until is None:
            text = _hold_text(_("Reservationen på %(title)s är pausad."), hold)
        else:
            text = _("Reservationen på %(title)s är pausad till %(date)s.") % {
                "title": hold.record.title,
                "date": presentation.day(until),
            }
        session.show(request, session.OK, text)

    return attempt(request, run, back=_back())


@requires("desk.circulate")
@require_POST
@desk_view
def resume_hold(request: HttpRequest, desk: Desk, hold_id: int) -> HttpResponse:
    hold = _own_hold(request, hold_id)

    def run() -> None:
        services.resume_hold(hold=hold, now=now(), staff=desk.user, desk=desk.branch)
        session.show(
            request, session.OK, _hold_text(_("Reservationen på %(title)s är återupptagen."), hold)
        )

    return attempt(request, run, back=_back())


class PickupForm(forms.Form):
    branch = forms.ModelChoiceField(
        queryset=Branch.objects.filter(is_active=True),
        error_messages={
            "required": gettext_lazy("Välj ett bibliotek."),
            "invalid_choice": gettext_lazy("Välj ett bibliotek."),
        },
    )


@requires("desk.circulate")
@require_POST
@desk_view
def change_pickup(request: HttpRequest, desk: Desk, hold_id: int) -> HttpResponse:
    hold = _own_hold(request, hold_id)
    form = PickupForm(request.POST)
    if not form.is_valid():
        return form_error(request, form, back=_back())
    branch = form.cleaned_data["branch"]

    def run() -> None:
        outcome = services.change_pickup_branch(
            hold=hold, branch=branch, now=now(), staff=desk.user, desk=desk.branch
        )
        text = _("Reservationen på %(title)s hämtas nu på %(branch)s.") % {
            "title": hold.record.title,
            "branch": branch.name,
        }
        if outcome.routing is not None:
            text += " " + outcome.routing.message
        session.show(request, session.OK, text)

    return attempt(request, run, back=_back())


class PriorityForm(forms.Form):
    priority = forms.IntegerField(
        min_value=-99,
        max_value=99,
        error_messages={
            "required": gettext_lazy("Skriv en prioritet mellan -99 och 99."),
            "invalid": gettext_lazy("Skriv en prioritet mellan -99 och 99."),
            "min_value": gettext_lazy("Skriv en prioritet mellan -99 och 99."),
            "max_value": gettext_lazy("Skriv en prioritet mellan -99 och 99."),
        },
    )


@requires("desk.circulate")
@require_POST
@desk_view
def set_priority(request: HttpRequest, desk: Desk, hold_id: int) -> HttpResponse:
    hold = _own_hold(request, hold_id)
    form = PriorityForm(request.POST)
    if not form.is_valid():
        return form_error(request, form, back=_back())
    priority = form.cleaned_data["priority"]

    def run() -> None:
        services.set_hold_priority(
            hold=hold, priority=priority, now=now(), staff=desk.user, desk=desk.branch
        )
        session.show(
            request,
            session.OK,
            _("Reservationen på %(title)s har nu prioritet %(priority)d.")
            % {"title": hold.record.title, "priority": priority},
        )

    return attempt(request, run, back=_back())


@requires("desk.circulate")
@require_POST
@desk_view
def place_hold(request: HttpRequest, desk: Desk) -> HttpResponse:
    """Reserve the title of a scanned copy (any copy in the region) for the patron."""
    patron = served_patron(request)
    if patron is None:
        raise Http404
    form = PickupForm(request.POST)
    if not form.is_valid():
        return form_error(request, form, back=_back())
    barcode = request.POST.get("barcode", "")
    pickup = form.cleaned_data["branch"]

    def run() -> None:
        item = lookups.item_by_barcode(barcode)
        services.place_hold(
            patron=patron,
            record=item.record,
            pickup_branch=pickup,
            now=now(),
            staff=desk.user,
            desk=desk.branch,
        )
        session.show(
            request,
            session.OK,
            _("%(title)s är reserverad för avhämtning på %(branch)s.")
            % {"title": item.record.title, "branch": pickup.name},
        )

    return attempt(request, run, back=_back(), keep=barcode)

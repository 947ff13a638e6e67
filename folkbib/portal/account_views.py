"""My pages (Mina sidor): signing in with card and PIN, loans, holds, fees, profile.

Edges only translate: every change goes through a patrons or circulation service and
a refusal comes back as the service's own message. A patron only ever reaches their
own rows: every lookup is filtered by the signed-in patron, so another patron's id is
a 404, never a 403 that would confirm it exists.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from folkbib.catalog.models import Record
from folkbib.circulation import selectors as circulation
from folkbib.circulation import services
from folkbib.circulation.models import Hold, Loan, LoanStatus
from folkbib.community import selectors as community
from folkbib.consortium.models import Branch
from folkbib.core import clock
from folkbib.core.errors import FolkbibError
from folkbib.patrons import services as patron_services
from folkbib.patrons import throttle
from folkbib.patrons.auth import login_patron, logout_patron
from folkbib.patrons.errors import TooManyAttempts
from folkbib.patrons.models import Patron
from folkbib.portal import account_forms as forms
from folkbib.portal.access import patron_required, safe_next


def _client_address(request: HttpRequest) -> str:
    # Behind a proxy, the deployment sets SECURE_PROXY_SSL_HEADER and a trusted
    # X-Forwarded-For; REMOTE_ADDR is what Django itself can vouch for.
    return str(request.META.get("REMOTE_ADDR", ""))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request, reverse("portal:my_pages"))
    form = forms.LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        now = clock.now()
        card = form.cleaned_data["card_number"]
        keys = [throttle.card_key(card), throttle.address_key(_client_address(request))]
        try:
            throttle.check(keys, now=now)
            patron = patron_services.authenticate_patron(
                card_number=card, pin=form.cleaned_data["pin"], now=now
            )
        except FolkbibError as error:
            if not isinstance(error, TooManyAttempts):
                throttle.record_failure(keys, now=now)
            form.add_error(None, error.message)
        else:
            throttle.clear(keys[:1])
            login_patron(request, patron)
            return redirect(next_url)
    return render(request, "portal/account/login.html", {"form": form, "next": next_url})


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    logout_patron(request)
    messages.success(request, _("Du är utloggad."))
    return redirect("portal:search")


def _summary(patron: Patron) -> dict[str, Any]:
    today = clock.today()
    loans = list(circulation.active_loans(patron))
    holds = circulation.patron_holds(patron, today=today)
    return {
        "patron": patron,
        "today": today,
        "loans": loans,
        "overdue": sum(1 for loan in loans if loan.due_date < today),
        "holds": holds,
        "ready": [view for view in holds if view.hold.status == "ready"],
        "owed": circulation.outstanding_balance(patron),
    }


@patron_required
def my_pages(request: HttpRequest, patron: Patron) -> HttpResponse:
    context = _summary(patron)
    context["unread_answers"] = community.unread_answers(patron)
    return render(request, "portal/account/overview.html", context)


@patron_required
def loans(request: HttpRequest, patron: Patron) -> HttpResponse:
    return render(request, "portal/account/loans.html", _summary(patron))


def _report(request: HttpRequest, action: Callable[[], Any], success: str) -> Any:
    """Run a service; its refusal becomes an error message, never a 500."""
    try:
        result = action()
    except FolkbibError as error:
        messages.error(request, error.message)
        return None
    messages.success(request, success)
    return result


@require_POST
@patron_required
def renew(request: HttpRequest, patron: Patron, loan_id: int) -> HttpResponse:
    loan = get_object_or_404(Loan, pk=loan_id, patron=patron, status=LoanStatus.ACTIVE)
    title = loan.item.record.title
    try:
        renewed = services.renew(loan=loan, now=clock.now())
    except FolkbibError as error:
        messages.error(
            request, _("%(title)s: %(reason)s") % {"title": title, "reason": error.message}
        )
    else:
        messages.success(
            request,
            _("%(title)s är omlånad till %(date)s.")
            % {"title": title, "date": renewed.due_date.isoformat()},
        )
    return redirect("portal:loans")


@require_POST
@patron_required
def renew_all(request: HttpRequest, patron: Patron) -> HttpResponse:
    for outcome in services.renew_all(patron=patron, now=clock.now()):
        title = outcome.loan.item.record.title
        if outcome.error is not None:
            messages.error(
                request,
                _("%(title)s: %(reason)s") % {"title": title, "reason": outcome.error.message},
            )
        elif outcome.due_date is not None:
            messages.success(
                request,
                _("%(title)s är omlånad till %(date)s.")
                % {"title": title, "date": outcome.due_date.isoformat()},
            )
    return redirect("portal:loans")


def _pickup_branches() -> Any:
    return Branch.objects.filter(is_active=True, accepts_holds=True).select_related("municipality")


@patron_required
def holds(request: HttpRequest, patron: Patron) -> HttpResponse:
    context = _summary(patron)
    context["branches"] = _pickup_branches()
    return render(request, "portal/account/holds.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@patron_required
def reserve(request: HttpRequest, patron: Patron, record_id: int) -> HttpResponse:
    record = get_object_or_404(Record, pk=record_id)
    default = patron.preferred_pickup_branch_id or patron.home_branch_id
    form = forms.ReserveForm(request.POST or None, initial={"pickup_branch": default})
    if request.method == "POST" and form.is_valid():
        try:
            services.place_hold(
                patron=patron,
                record=record,
                pickup_branch=form.cleaned_data["pickup_branch"],
                now=clock.now(),
            )
        except FolkbibError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(title)s är reserverad för avhämtning på %(branch)s.")
                % {"title": record.title, "branch": form.cleaned_data["pickup_branch"].name},
            )
            return redirect("portal:holds")
    return render(request, "portal/account/reserve.html", {"record": record, "form": form})


def _own_hold(patron: Patron, hold_id: int) -> Hold:
    return get_object_or_404(
        Hold.objects.select_related("record", "pickup_branch"), pk=hold_id, patron=patron
    )


@require_POST
@patron_required
def hold_action(request: HttpRequest, patron: Patron, hold_id: int, action: str) -> HttpResponse:
    hold = _own_hold(patron, hold_id)
    now = clock.now()
    title = hold.record.title
    if action == "cancel":
        _report(
            request,
            lambda: services.cancel_hold(hold=hold, now=now),
            _("Reservationen av %(title)s är avbokad.") % {"title": title},
        )
    elif action == "pause":
        form = forms.PauseForm(request.POST)
        if form.is_valid():
            _report(
                request,
                lambda: services.suspend_hold(hold=hold, now=now, until=form.cleaned_data["until"]),
                _("Reservationen av %(title)s är pausad.") % {"title": title},
            )
        else:
            messages.error(request, forms.first_error(form))
    elif action == "resume":
        _report(
            request,
            lambda: services.resume_hold(hold=hold, now=now),
            _("Reservationen av %(title)s gäller igen.") % {"title": title},
        )
    elif action == "pickup":
        pickup = forms.PickupForm(request.POST)
        if pickup.is_valid():
            branch = pickup.cleaned_data["pickup_branch"]
            _report(
                request,
                lambda: services.change_pickup_branch(hold=hold, branch=branch, now=now),
                _("%(title)s hämtas nu på %(branch)s.") % {"title": title, "branch": branch.name},
            )
        else:
            messages.error(request, forms.first_error(pickup))
    else:
        raise Http404
    return redirect("portal:holds")


@patron_required
def fees(request: HttpRequest, patron: Patron) -> HttpResponse:
    return render(
        request,
        "portal/account/fees.html",
        {
            "patron": patron,
            "fees": circulation.open_fees(patron),
            "owed": circulation.outstanding_balance(patron),
        },
    )


@patron_required
def history(request: HttpRequest, patron: Patron) -> HttpResponse:
    return render(
        request,
        "portal/account/history.html",
        {"patron": patron, "loans": circulation.loan_history(patron)[:200]},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@patron_required
def profile(request: HttpRequest, patron: Patron) -> HttpResponse:
    contact = forms.ContactForm(
        request.POST if request.POST.get("form") == "contact" else None, patron=patron
    )
    choices = forms.ChoicesForm(
        request.POST if request.POST.get("form") == "choices" else None, patron=patron
    )
    pin = forms.PinForm(request.POST if request.POST.get("form") == "pin" else None)
    now = clock.now()
    if request.method == "POST":
        try:
            if contact.is_bound and contact.is_valid():
                patron_services.update_contact_details(
                    patron=patron, now=now, **contact.cleaned_data
                )
                messages.success(request, _("Dina kontaktuppgifter är sparade."))
                return redirect("portal:profile")
            if choices.is_bound and choices.is_valid():
                data = choices.cleaned_data
                patron = patron_services.update_privacy_choices(
                    patron=patron,
                    now=now,
                    notice_channel=data["notice_channel"],
                    language=data["language"],
                )
                if data["keep_loan_history"] != patron.keep_loan_history:
                    services.set_loan_history(
                        patron=patron, keep=data["keep_loan_history"], now=now
                    )
                messages.success(request, _("Dina val är sparade."))
                return redirect("portal:profile")
            if pin.is_bound and pin.is_valid():
                patron_services.authenticate_patron(
                    card_number=patron.card_number, pin=pin.cleaned_data["current_pin"], now=now
                )
                patron = patron_services.change_pin(
                    patron=patron, new_pin=pin.cleaned_data["new_pin"], now=now
                )
                login_patron(request, patron)  # the new PIN ends every other session
                messages.success(request, _("Din PIN-kod är ändrad."))
                return redirect("portal:profile")
        except FolkbibError as error:
            bound = next(form for form in (contact, choices, pin) if form.is_bound)
            field = getattr(error, "field", None)
            if field and field in bound.fields:
                bound.add_error(field, error.message)
            else:
                bound.add_error(None, error.message)
    return render(
        request,
        "portal/account/profile.html",
        {"patron": patron, "contact": contact, "choices": choices, "pin": pin},
    )


@patron_required
def export(request: HttpRequest, patron: Patron) -> HttpResponse:
    data = services.export_patron_data(patron, today=clock.today())
    data["community"] = community.patron_data_export(patron)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mina-uppgifter.json"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@patron_required
def close_account(request: HttpRequest, patron: Patron) -> HttpResponse:
    form = forms.CloseAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            patron_services.authenticate_patron(
                card_number=patron.card_number, pin=form.cleaned_data["pin"], now=clock.now()
            )
            services.close_account(patron=patron, now=clock.now())
        except FolkbibError as error:
            form.add_error(None, error.message)
        else:
            logout_patron(request)
            messages.success(request, _("Ditt konto är borttaget. Välkommen tillbaka när du vill."))
            return redirect("portal:search")
    return render(
        request, "portal/account/close.html", {"patron": patron, "form": form, **_summary(patron)}
    )

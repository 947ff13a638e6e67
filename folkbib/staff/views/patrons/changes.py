"""Registering, editing, a new card, blocks: each through its patron service, audited there."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from folkbib.core.clock import local_date
from folkbib.patrons import identity, selectors, services
from folkbib.patrons.errors import PatronError, PatronInputInvalid
from folkbib.patrons.models import NoticeChannel, Patron, PatronBlock
from folkbib.staff import session
from folkbib.staff.access import Desk, desk_view
from folkbib.staff.roles import requires
from folkbib.staff.views.common import form_error, now
from folkbib.staff.views.patrons.forms import (
    BlockForm,
    EditForm,
    NewCardForm,
    PatronDetailsForm,
    PinForm,
    RegisterForm,
)
from folkbib.staff.views.patrons.pages import patron_or_404

DETAILS = ("email", "phone", "street_address", "postal_code", "city")


def _page(patron: Patron) -> str:
    return reverse("staff:patron", args=[patron.pk])


def _editable(request: HttpRequest, patron_id: int) -> Patron:
    patron = patron_or_404(request, patron_id)
    if patron.anonymised_at is not None:
        raise Http404
    return patron


def _duplicates(form: PatronDetailsForm) -> list[selectors.PossibleDuplicate]:
    """Who this may already be; a personnummer that does not parse is the form's error."""
    data = form.cleaned_data
    personnummer: str | None = None
    birth_date = data["birth_date"]
    if data["personnummer"]:
        try:
            personnummer = identity.normalize_personnummer(
                data["personnummer"], today=local_date(now())
            )
        except PatronInputInvalid as error:
            form.put_error(error)
            return []
        birth_date = identity.birth_date_of(personnummer)
    return selectors.find_possible_duplicates(
        first_name=data["first_name"],
        last_name=data["last_name"],
        birth_date=birth_date,
        personnummer=personnummer,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@requires("patrons.edit")
@desk_view
def register(request: HttpRequest, desk: Desk) -> HttpResponse:
    """Search first: possible duplicates are listed, and must be confirmed away."""
    duplicates: list[selectors.PossibleDuplicate] = []
    if request.method != "POST":
        form = RegisterForm(initial=_register_initial(request, desk))
    else:
        form = RegisterForm(request.POST)
        if form.is_valid():
            duplicates = _duplicates(form)
            if duplicates and not form.cleaned_data["confirm_new"]:
                form.add_error(
                    None,
                    _(
                        "Det finns redan låntagare som kan vara samma person. Kontrollera "
                        "listan. Är det en ny låntagare, kryssa i rutan och registrera igen."
                    ),
                )
            elif not form.errors:
                created = _create(form, desk)
                if created is not None:
                    session.show(
                        request,
                        session.OK,
                        _("%(name)s är registrerad med kort %(card)s.")
                        % {
                            "name": f"{created.first_name} {created.last_name}",
                            "card": created.card_number,
                        },
                    )
                    return redirect("staff:patron_receipt", created.pk)
    return render(
        request,
        "staff/patrons/register.html",
        {"desk": desk, "form": form, "duplicates": duplicates},
        status=400 if form.errors else 200,
    )


def _register_initial(request: HttpRequest, desk: Desk) -> dict[str, Any]:
    """The desk's branch as home, and the name searched for (from the search page)."""
    initial: dict[str, Any] = {"home_branch": desk.branch, "notice_channel": "email"}
    words = request.GET.get("namn", "").split()
    if words and not any(c.isdigit() for c in "".join(words)):
        if len(words) == 1:
            initial["last_name"] = words[0]
        else:
            initial["first_name"], initial["last_name"] = words[0], " ".join(words[1:])
    return initial


def _create(form: RegisterForm, desk: Desk) -> Patron | None:
    data = form.cleaned_data
    try:
        return services.register_patron(
            card_number=data["card_number"],
            first_name=data["first_name"].strip(),
            last_name=data["last_name"].strip(),
            home_branch=data["home_branch"],
            category=data["category"],
            pin=data["pin"],
            personnummer=data["personnummer"] or None,
            birth_date=data["birth_date"],
            notice_channel=data["notice_channel"],
            now=now(),
            staff=desk.user,
            **{name: data[name].strip() for name in DETAILS},
        )
    except PatronInputInvalid as error:
        form.put_error(error)
        return None


def _edit_initial(patron: Patron) -> dict[str, Any]:
    initial: dict[str, Any] = {
        name: getattr(patron, name)
        for name in (
            "first_name",
            "last_name",
            "birth_date",
            "home_branch",
            "category",
            "notice_channel",
            "card_expires",
            *DETAILS,
        )
    }
    if patron.personnummer:
        initial["personnummer"] = f"{patron.personnummer[:8]}-{patron.personnummer[8:]}"
    return initial


@require_http_methods(["GET", "HEAD", "POST"])
@requires("patrons.edit")
@desk_view
def edit(request: HttpRequest, desk: Desk, patron_id: int) -> HttpResponse:
    patron = _editable(request, patron_id)
    if request.method != "POST":
        form = EditForm(initial=_edit_initial(patron))
    else:
        form = EditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.update_patron(
                    patron=patron,
                    now=now(),
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    home_branch=data["home_branch"],
                    category=data["category"],
                    card_expires=data["card_expires"],
                    personnummer=data["personnummer"] or None,
                    birth_date=data["birth_date"],
                    notice_channel=data["notice_channel"],
                    staff=desk.user,
                    **{name: data[name] for name in DETAILS},
                )
            except PatronInputInvalid as error:
                form.put_error(error)
            else:
                session.show(request, session.OK, _("Uppgifterna är sparade."))
                return redirect(_page(patron))
    return render(
        request,
        "staff/patrons/edit.html",
        {"desk": desk, "form": form, "patron": patron, "channels": NoticeChannel},
        status=400 if form.errors else 200,
    )


# What the retired card says about itself (``RetiredCard.reason``).
REPLACE_REASONS = {
    "lost": gettext_lazy("Borttappat"),
    "stolen": gettext_lazy("Stulet"),
    "damaged": gettext_lazy("Skadat"),
    "other": gettext_lazy("Bytt"),
}


@require_http_methods(["GET", "HEAD", "POST"])
@requires("patrons.edit")
@desk_view
def new_card(request: HttpRequest, desk: Desk, patron_id: int) -> HttpResponse:
    """Issue a new card number; the old card stops working and says it was replaced."""
    patron = _editable(request, patron_id)
    form = NewCardForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.replace_card(
                patron=patron,
                new_card_number=form.cleaned_data["new_card_number"],
                reason=str(REPLACE_REASONS[form.cleaned_data["reason"]]),
                now=now(),
                staff=desk.user,
            )
        except PatronInputInvalid as error:
            form.put_error(error)
        else:
            session.show(
                request,
                session.OK,
                _("Det nya kortet %(card)s gäller nu. Det gamla kortet är spärrat.")
                % {"card": patron.card_number},
            )
            return redirect("staff:patron_receipt", patron.pk)
    return render(
        request,
        "staff/patrons/new_card.html",
        {"desk": desk, "form": form, "patron": patron},
        status=400 if form.errors else 200,
    )


@require_POST
@requires("patrons.edit")
@desk_view
def block(request: HttpRequest, desk: Desk, patron_id: int) -> HttpResponse:
    patron = _editable(request, patron_id)
    form = BlockForm(request.POST)
    if not form.is_valid():
        return form_error(request, form, back=_page(patron))
    try:
        services.block_patron(
            patron=patron,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"].strip(),
            now=now(),
            staff=desk.user,
        )
    except PatronError as error:
        session.show(request, session.ERROR, error.message)
    else:
        session.show(request, session.OK, _("Låntagaren är spärrad för lån."))
    return redirect(_page(patron))


@require_POST
@requires("patrons.edit")
@desk_view
def lift(request: HttpRequest, desk: Desk, patron_id: int, block_id: int) -> HttpResponse:
    patron = _editable(request, patron_id)
    found = PatronBlock.objects.filter(pk=block_id, patron=patron).first()
    if found is None:
        raise Http404
    try:
        services.lift_block(block=found, now=now(), staff=desk.user)
    except PatronError as error:
        session.show(request, session.ERROR, error.message)
    else:
        session.show(
            request,
            session.OK,
            _("Spärren är hävd: %(reason)s.") % {"reason": found.get_reason_display()},
        )
    return redirect(_page(patron))


@require_POST
@requires("patrons.edit")
@desk_view
def new_pin(request: HttpRequest, desk: Desk, patron_id: int) -> HttpResponse:
    """The patron chooses a new PIN at the desk (forgotten, or never had one: imported)."""
    patron = _editable(request, patron_id)
    form = PinForm(request.POST)
    if not form.is_valid():
        return form_error(request, form, back=_page(patron))
    try:
        services.change_pin(
            patron=patron, new_pin=form.cleaned_data["new_pin"], now=now(), staff=desk.user
        )
    except PatronError as error:
        session.show(request, session.ERROR, error.message)
    else:
        session.show(request, session.OK, _("Den nya PIN-koden gäller nu."))
    return redirect(_page(patron))

"""Talking kiosks and SIP2 terminals (self-check machines, sorters) at the branches."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from folkbib.consortium.models import Branch
from folkbib.core.errors import FolkbibError
from folkbib.protocols.sip2.models import Sip2Terminal
from folkbib.staff import devices
from folkbib.staff.roles import configurable_municipalities, may_configure, requires
from folkbib.staff.views.configuration.common import now, page
from folkbib.talking.models import Kiosk


def _branches(user: Any) -> Any:
    return Branch.objects.filter(municipality__in=configurable_municipalities(user)).select_related(
        "municipality"
    )


class KioskForm(forms.ModelForm):
    class Meta:
        model = Kiosk
        fields = ["name", "branch", "default_language", "is_active"]
        labels = {
            "name": gettext_lazy("Namn"),
            "branch": gettext_lazy("Bibliotek"),
            "default_language": gettext_lazy("Språk från början"),
            "is_active": gettext_lazy("I drift"),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        branch = self.fields["branch"]
        assert isinstance(branch, forms.ModelChoiceField)
        branch.queryset = _branches(user)


class TerminalForm(forms.ModelForm):
    password = forms.CharField(
        label=gettext_lazy("Lösenord"),
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("Det terminalen loggar in med (SIP2 CO). Tomt: oförändrat."),
    )

    class Meta:
        model = Sip2Terminal
        fields = [
            "username",
            "branch",
            "institution_id",
            "location_code",
            "language",
            "encoding",
            "pin_required",
            "shows_hold_patron",
            "is_active",
        ]
        labels = {
            "username": gettext_lazy("Användarnamn (SIP2 CN)"),
            "branch": gettext_lazy("Bibliotek"),
            "institution_id": gettext_lazy("Institution (SIP2 AO)"),
            "location_code": gettext_lazy("Plats (SIP2 AN)"),
            "language": gettext_lazy("Språk på skärmen"),
            "encoding": gettext_lazy("Teckenkodning"),
            "pin_required": gettext_lazy("Kräver PIN-kod"),
            "shows_hold_patron": gettext_lazy("Visar vem en reservation väntar på"),
            "is_active": gettext_lazy("I drift"),
        }
        help_texts = {
            "institution_id": "",
            "location_code": "",
            "pin_required": gettext_lazy("Låntagaren anger PIN-kod innan lån och betalning."),
            "shows_hold_patron": gettext_lazy(
                "Svaret vid återlämning innehåller kortnumret för den som reserverat."
            ),
        }
        widgets = {"language": forms.Select(choices=settings.LANGUAGES)}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        branch = self.fields["branch"]
        assert isinstance(branch, forms.ModelChoiceField)
        branch.queryset = _branches(user)
        if self.instance.pk is None:
            self.fields["password"].required = True
            self.fields["password"].help_text = ""


@requires("config.devices")
@require_http_methods(["GET", "HEAD"])
def device_list(request: HttpRequest) -> HttpResponse:
    municipalities = configurable_municipalities(request.user)
    kiosks = Kiosk.objects.filter(branch__municipality__in=municipalities).select_related("branch")
    terminals = (
        Sip2Terminal.objects.filter(branch__municipality__in=municipalities)
        .select_related("branch")
        .order_by("branch__name", "username")
    )
    return page(request, "staff/admin/devices.html", {"kiosks": kiosks, "terminals": terminals})


def _own(request: HttpRequest, model: Any, pk: int) -> Any:
    found = get_object_or_404(model.objects.select_related("branch"), pk=pk)
    if not may_configure(request.user, found.branch.municipality_id):
        raise PermissionDenied
    return found


@requires("config.devices")
@require_http_methods(["GET", "POST"])
def kiosk_edit(request: HttpRequest, kiosk_id: int | None = None) -> HttpResponse:
    kiosk = _own(request, Kiosk, kiosk_id) if kiosk_id is not None else None
    form = KioskForm(request.POST or None, instance=kiosk, user=request.user)
    if request.method == "POST" and form.is_valid():
        fresh = Kiosk.objects.get(pk=kiosk.pk) if kiosk is not None else None
        devices.save_kiosk(staff=request.user, kiosk=fresh, values=form.cleaned_data, now=now())
        messages.success(request, _("Kiosken är sparad."))
        return redirect("staff:admin_devices")
    return page(
        request, "staff/admin/device_form.html", {"form": form, "device": kiosk, "is_kiosk": True}
    )


@requires("config.devices")
@require_http_methods(["GET", "POST"])
def terminal_edit(request: HttpRequest, terminal_id: int | None = None) -> HttpResponse:
    terminal = _own(request, Sip2Terminal, terminal_id) if terminal_id is not None else None
    form = TerminalForm(request.POST or None, instance=terminal, user=request.user)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "password"}
        fresh = Sip2Terminal.objects.get(pk=terminal.pk) if terminal is not None else None
        try:
            devices.save_terminal(
                staff=request.user,
                terminal=fresh,
                values=values,
                password=form.cleaned_data["password"],
                now=now(),
            )
        except FolkbibError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Terminalen är sparad."))
            return redirect("staff:admin_devices")
    return page(
        request,
        "staff/admin/device_form.html",
        {"form": form, "device": terminal, "is_kiosk": False},
    )

"""Forms of My pages: plain Django forms, so every error is tied to its field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from folkbib.consortium.models import Branch
from folkbib.patrons.models import NoticeChannel, Patron


def first_error(form: forms.Form) -> str:
    for errors in form.errors.values():
        return str(errors[0])
    return str(_("Kontrollera uppgifterna."))


class LoginForm(forms.Form):
    card_number = forms.CharField(
        label=_("Lånekortsnummer"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "numeric"}),
    )
    pin = forms.CharField(
        label=_("PIN-kod"),
        max_length=32,
        strip=False,
        widget=forms.PasswordInput(
            attrs={"autocomplete": "current-password", "inputmode": "numeric"}
        ),
    )


class BranchChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.municipality.name})"


def pickup_queryset() -> Any:
    return (
        Branch.objects.filter(is_active=True, accepts_holds=True)
        .select_related("municipality")
        .order_by("municipality__name", "name")
    )


class ReserveForm(forms.Form):
    pickup_branch = BranchChoiceField(
        queryset=pickup_queryset(), label=_("Hämta på"), empty_label=None
    )


class PickupForm(forms.Form):
    pickup_branch = BranchChoiceField(
        queryset=pickup_queryset(), label=_("Hämta på"), empty_label=None
    )


class PauseForm(forms.Form):
    until = forms.DateField(
        label=_("Pausa till och med"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Lämna tomt för att pausa tills vidare."),
    )


class ContactForm(forms.Form):
    email = forms.EmailField(
        label=_("E-post"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = forms.CharField(
        label=_("Mobilnummer"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    street_address = forms.CharField(
        label=_("Gatuadress"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postal_code = forms.CharField(
        label=_("Postnummer"),
        required=False,
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    city = forms.CharField(
        label=_("Ort"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    preferred_pickup_branch = BranchChoiceField(
        queryset=pickup_queryset(),
        label=_("Mitt hämtbibliotek"),
        required=False,
        empty_label=_("Mitt hembibliotek"),
    )

    def __init__(self, *args: Any, patron: Patron, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "email": patron.email,
                "phone": patron.phone,
                "street_address": patron.street_address,
                "postal_code": patron.postal_code,
                "city": patron.city,
                "preferred_pickup_branch": patron.preferred_pickup_branch_id,
            },
        )
        super().__init__(*args, **kwargs)


class ChoicesForm(forms.Form):
    notice_channel = forms.ChoiceField(
        label=_("Meddelanden från biblioteket"),
        choices=NoticeChannel.choices,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(label=_("Språk"), choices=settings.LANGUAGES)
    keep_loan_history = forms.BooleanField(
        label=_("Spara min lånehistorik"),
        required=False,
        help_text=_("Av som standard. Stänger du av den raderas historiken som har sparats."),
    )

    def __init__(self, *args: Any, patron: Patron, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "notice_channel": patron.notice_channel,
                "language": patron.language,
                "keep_loan_history": patron.keep_loan_history,
            },
        )
        super().__init__(*args, **kwargs)


class PinForm(forms.Form):
    current_pin = forms.CharField(
        label=_("Nuvarande PIN-kod"),
        strip=False,
        widget=forms.PasswordInput(
            attrs={"autocomplete": "current-password", "inputmode": "numeric"}
        ),
    )
    new_pin = forms.CharField(
        label=_("Ny PIN-kod"),
        strip=False,
        help_text=_("4–8 siffror."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "inputmode": "numeric"}),
    )
    repeat_pin = forms.CharField(
        label=_("Upprepa den nya PIN-koden"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "inputmode": "numeric"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_pin") and data.get("new_pin") != data.get("repeat_pin"):
            self.add_error("repeat_pin", _("PIN-koderna är inte lika."))
        return data


class CloseAccountForm(forms.Form):
    pin = forms.CharField(
        label=_("Bekräfta med din PIN-kod"),
        strip=False,
        widget=forms.PasswordInput(
            attrs={"autocomplete": "current-password", "inputmode": "numeric"}
        ),
    )
    confirm = forms.BooleanField(label=_("Ja, ta bort mitt konto och allt som sparats om mig."))

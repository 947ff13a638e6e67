"""The forms of patron work: what a librarian types when registering or editing.

They only parse; the patron services check everything that is a rule (card number
format and uniqueness, personnummer, a way to reach the patron) and their typed errors
are put back on the field they name (``put_error``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from folkbib.consortium.models import Branch
from folkbib.patrons.errors import PatronInputInvalid
from folkbib.patrons.models import BlockReason, NoticeChannel, PatronCategory


class StaffForm(forms.Form):
    """No trailing colon after labels (the portal's forms have none either)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def put_error(self, error: PatronInputInvalid) -> None:
        """Show a service's refusal on the field it names, or above the form."""
        field = error.field if error.field in self.fields else None
        self.add_error(field, error.message)


class PatronDetailsForm(StaffForm):
    first_name = forms.CharField(label=_("Förnamn"), max_length=100)
    last_name = forms.CharField(label=_("Efternamn"), max_length=100)
    personnummer = forms.CharField(
        label=_("Personnummer (valfritt)"),
        required=False,
        max_length=13,
        help_text=_("ÅÅÅÅMMDD-NNNN. Sparas bara om låntagaren vill."),
    )
    birth_date = forms.DateField(
        label=_("Födelsedatum"),
        required=False,
        help_text=_("Behövs inte om personnumret är ifyllt."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    email = forms.EmailField(label=_("E-post"), required=False)
    phone = forms.CharField(label=_("Mobilnummer"), required=False, max_length=40)
    street_address = forms.CharField(label=_("Gatuadress"), required=False, max_length=200)
    postal_code = forms.CharField(label=_("Postnummer"), required=False, max_length=16)
    city = forms.CharField(label=_("Ort"), required=False, max_length=100)
    home_branch = forms.ModelChoiceField(
        label=_("Hembibliotek"), queryset=Branch.objects.none(), empty_label=None
    )
    category = forms.ModelChoiceField(
        label=_("Kategori"), queryset=PatronCategory.objects.none(), empty_label=None
    )
    notice_channel = forms.ChoiceField(
        label=_("Meddelanden skickas via"), choices=NoticeChannel.choices
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        branches = Branch.objects.filter(is_active=True).order_by("name")
        self.fields["home_branch"].queryset = branches  # type: ignore[attr-defined]
        self.fields["category"].queryset = PatronCategory.objects.order_by("name")  # type: ignore[attr-defined]
        for name, autocomplete in {
            "first_name": "off",
            "last_name": "off",
            "email": "off",
            "phone": "off",
            "street_address": "off",
        }.items():
            self.fields[name].widget.attrs["autocomplete"] = autocomplete
        self.fields["email"].widget.attrs["spellcheck"] = "false"
        self.fields["phone"].widget.attrs["inputmode"] = "tel"
        self.fields["personnummer"].widget.attrs["inputmode"] = "numeric"


class RegisterForm(PatronDetailsForm):
    card_number = forms.CharField(
        label=_("Kortnummer"),
        max_length=32,
        help_text=_("Skanna det nya lånekortet."),
    )
    pin = forms.CharField(
        label=_("PIN-kod"),
        max_length=8,
        help_text=_("4–8 siffror som låntagaren väljer. Visas aldrig igen."),
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    # Shown only once possible duplicates have been listed.
    confirm_new = forms.BooleanField(
        label=_("Jag har kontrollerat listan: det här är en ny låntagare"),
        required=False,
    )

    field_order = ["card_number", "first_name", "last_name", "personnummer", "birth_date"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["card_number"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
        )


class EditForm(PatronDetailsForm):
    card_expires = forms.DateField(
        label=_("Kortet gäller till"), widget=forms.DateInput(attrs={"type": "date"})
    )


class NewCardForm(StaffForm):
    new_card_number = forms.CharField(
        label=_("Nytt kortnummer"), max_length=32, help_text=_("Skanna det nya lånekortet.")
    )
    reason = forms.ChoiceField(
        label=_("Varför byts kortet?"),
        choices=[
            ("lost", _("Kortet är borttappat")),
            ("stolen", _("Kortet är stulet")),
            ("damaged", _("Kortet är skadat")),
            ("other", _("Annan anledning")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_card_number"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
        )


class BlockForm(StaffForm):
    reason = forms.ChoiceField(label=_("Anledning"), choices=BlockReason.choices)
    note = forms.CharField(
        label=_("Anteckning (valfri)"),
        required=False,
        max_length=500,
        help_text=_("Syns för personalen vid disken."),
    )


class SearchForm(StaffForm):
    q = forms.CharField(
        label=_("Sök låntagare"),
        required=False,
        max_length=200,
        help_text=_(
            "Kortnummer, personnummer, e-post eller namn (efternamn, eller förnamn efternamn)."
        ),
    )


class PinForm(StaffForm):
    new_pin = forms.CharField(
        label=_("Ny PIN-kod"),
        max_length=8,
        help_text=_("4–8 siffror som låntagaren väljer."),
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

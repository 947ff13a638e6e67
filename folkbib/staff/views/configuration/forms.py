"""Forms of the configuration screens. They parse and check input; services decide."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from folkbib.consortium import calendar as cal
from folkbib.consortium.models import Branch, Municipality

WEEKDAY_NAMES = (
    gettext_lazy("Måndag"),
    gettext_lazy("Tisdag"),
    gettext_lazy("Onsdag"),
    gettext_lazy("Torsdag"),
    gettext_lazy("Fredag"),
    gettext_lazy("Lördag"),
    gettext_lazy("Söndag"),
)
_PERIOD = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})\s*$")


def parse_periods(text: str) -> list[cal.Period]:
    """ "10-18" is not enough: "10:00-18:00, 19:00-20:30" (or with dots) -> periods.

    Empty means closed. Raises ``ValueError`` with a readable message for anything else.
    """
    periods: list[cal.Period] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        match = _PERIOD.match(part)
        if match is None:
            raise ValueError(_("Skriv tiderna som 10:00-18:00; flera pass åtskilda med komma."))
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        try:
            periods.append((dt.time(h1, m1), dt.time(h2, m2)))
        except ValueError:
            raise ValueError(_("%(text)s är inte en tid på dygnet.") % {"text": part}) from None
    return periods


def format_periods(periods: list[cal.Period]) -> str:
    return ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in periods)


class MunicipalityForm(forms.ModelForm):
    class Meta:
        model = Municipality
        fields = ["code", "name", "floating_collection", "shares_patrons"]
        labels = {
            "code": gettext_lazy("Kommunkod"),
            "name": gettext_lazy("Namn"),
            "floating_collection": gettext_lazy("Flytande bestånd"),
            "shares_patrons": gettext_lazy("Delar låntagarna med regionen"),
        }
        help_texts = {
            "code": gettext_lazy("SCB:s kommunkod, till exempel 2480."),
            "floating_collection": gettext_lazy(
                "Ett återlämnat exemplar stannar på det av kommunens bibliotek där det "
                "lämnades, i stället för att skickas hem."
            ),
            "shares_patrons": gettext_lazy(
                "Personal i de andra kommunerna får söka fram och ändra kommunens låntagare. "
                "Lånekortet gäller i hela regionen oavsett."
            ),
        }


class BranchForm(forms.ModelForm):
    class Meta:
        model = Branch
        fields = [
            "code",
            "name",
            "street_address",
            "postal_code",
            "city",
            "phone",
            "email",
            "is_mobile",
            "is_active",
            "accepts_holds",
        ]
        labels = {
            "code": gettext_lazy("Kod"),
            "name": gettext_lazy("Namn"),
            "street_address": gettext_lazy("Gatuadress"),
            "postal_code": gettext_lazy("Postnummer"),
            "city": gettext_lazy("Ort"),
            "phone": gettext_lazy("Telefon"),
            "email": gettext_lazy("E-post"),
            "is_mobile": gettext_lazy("Bokbuss"),
            "is_active": gettext_lazy("I drift"),
            "accepts_holds": gettext_lazy("Hämtställe för reservationer"),
        }
        help_texts = {
            "code": gettext_lazy("Kort och unik i regionen, till exempel umea-stad."),
        }


class HoursForm(forms.Form):
    """One text field per weekday: "10:00-18:00", several periods with commas, empty = closed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for weekday, name in enumerate(WEEKDAY_NAMES):
            self.fields[f"day{weekday}"] = forms.CharField(
                label=name, required=False, max_length=100
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        week: dict[int, list[cal.Period]] = {}
        for weekday in range(7):
            try:
                periods = parse_periods(cleaned.get(f"day{weekday}", ""))
            except ValueError as error:
                self.add_error(f"day{weekday}", str(error))
                continue
            if periods:
                week[weekday] = periods
        cleaned["week"] = week
        return cleaned


class ClosedDayForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": gettext_lazy("Skriv datumet som 2026-12-24.")},
    )
    reason = forms.CharField(label=gettext_lazy("Anledning"), max_length=200)
    branch = forms.ModelChoiceField(
        queryset=Branch.objects.none(),
        required=False,
        label=gettext_lazy("Bibliotek"),
        empty_label=gettext_lazy("Alla kommunens bibliotek"),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        branch_field = self.fields["branch"]
        assert isinstance(branch_field, forms.ModelChoiceField)
        branch_field.queryset = Branch.objects.filter(municipality=municipality)

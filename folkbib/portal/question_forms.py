"""Forms of "Frågor till biblioteket" on My pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from folkbib.community.services.questions import BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH
from folkbib.consortium.models import Branch


def library_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Active libraries grouped by municipality (an ``<optgroup>`` each)."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for branch in (
        Branch.objects.filter(is_active=True)
        .select_related("municipality")
        .order_by("municipality__name", "name")
    ):
        groups.setdefault(branch.municipality.name, []).append((branch.pk, branch.name))
    return list(groups.items())


class AskForm(forms.Form):
    branch = forms.TypedChoiceField(label=_("Till"), coerce=int)
    subject = forms.CharField(label=_("Ämne"), max_length=SUBJECT_MAX_LENGTH)
    body = forms.CharField(
        label=_("Din fråga"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Skriv inte känsliga uppgifter som personnummer."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["branch"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = library_choices()


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Ditt svar"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

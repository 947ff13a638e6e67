"""Admin for circulation's configuration: the rules matrix. Daily work is the desk's."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q

from folkbib.circulation.models import LoanRule
from folkbib.circulation.rules import SETTINGS


class LoanRuleForm(forms.ModelForm):
    class Meta:
        model = LoanRule
        fields = [
            "municipality",
            "branch",
            "patron_category",
            "material_type",
            *SETTINGS,
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # SQLite cannot enforce a unique scope with empty (NULL) parts; check it here.
        scope = Q(
            municipality=data.get("municipality"),
            branch=data.get("branch"),
            patron_category=data.get("patron_category"),
            material_type=data.get("material_type") or "",
        )
        clash = LoanRule.objects.filter(scope)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError("Det finns redan en regel för just den här kombinationen.")
        branch = data.get("branch")
        if branch is not None and data.get("municipality") not in (None, branch.municipality):
            raise ValidationError("Biblioteket hör inte till den valda kommunen.")
        return data


@admin.register(LoanRule)
class LoanRuleAdmin(admin.ModelAdmin):
    form = LoanRuleForm
    list_display = [
        "__str__",
        "loan_days",
        "loan_days_when_queued",
        "renewals",
        "max_loans",
        "holds_allowed",
        "fee_per_day",
        "fee_cap",
        "block_threshold",
    ]
    list_filter = ["municipality", "patron_category", "material_type"]
    fieldsets = [
        (
            "Gäller för (tomt = alla)",
            {"fields": ["municipality", "branch", "patron_category", "material_type"]},
        ),
        (
            "Lån (tomt = som i en mer allmän regel)",
            {
                "fields": [
                    "loan_days",
                    "loan_days_when_queued",
                    "renewals",
                    "max_loans",
                    "max_loans_of_type",
                ]
            },
        ),
        ("Reservationer", {"fields": ["holds_allowed", "hold_shelf_days"]}),
        ("Avgifter", {"fields": ["fee_per_day", "fee_cap", "block_threshold", "lost_item_fee"]}),
    ]

"""The rules matrix (loan periods, renewals, limits) and what each category pays."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from folkbib.catalog.models import MaterialType
from folkbib.circulation import rules as pure
from folkbib.circulation.errors import CirculationError
from folkbib.circulation.models import LoanRule
from folkbib.circulation.selectors import rule_rows
from folkbib.circulation.services import rule_administration
from folkbib.consortium.models import Branch, Municipality
from folkbib.patrons.models import PatronCategory
from folkbib.staff.roles import configurable_municipalities, requires, scope_of
from folkbib.staff.views.configuration.common import municipality_in_scope, now, page

SETTING_LABELS = {
    "loan_days": gettext_lazy("Lånetid (dagar)"),
    "loan_days_when_queued": gettext_lazy("Lånetid när andra köar (dagar)"),
    "renewals": gettext_lazy("Antal omlån"),
    "max_loans": gettext_lazy("Högst antal lån"),
    "max_loans_of_type": gettext_lazy("Högst antal lån av medietypen"),
    "holds_allowed": gettext_lazy("Får reservera"),
    "hold_shelf_days": gettext_lazy("Dagar på hämthyllan"),
    "fee_per_day": gettext_lazy("Förseningsavgift per dag (kr)"),
    "fee_cap": gettext_lazy("Högsta förseningsavgift per lån (kr)"),
    "block_threshold": gettext_lazy("Spärr från skuld (kr)"),
    "lost_item_fee": gettext_lazy("Ersättning för förlorat exemplar (kr)"),
}
FEE_SETTINGS = ("fee_per_day", "fee_cap", "block_threshold", "lost_item_fee")


class RuleForm(forms.Form):
    """Scope (empty = any) and settings (empty = inherited from a wider row)."""

    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.none(), required=False, label=gettext_lazy("Kommun")
    )
    branch = forms.ModelChoiceField(
        queryset=Branch.objects.none(),
        required=False,
        label=gettext_lazy("Bibliotek"),
        empty_label=gettext_lazy("Alla bibliotek"),
    )
    patron_category = forms.ModelChoiceField(
        queryset=PatronCategory.objects.all(),
        required=False,
        label=gettext_lazy("Låntagarkategori"),
        empty_label=gettext_lazy("Alla kategorier"),
    )
    material_type = forms.ChoiceField(required=False, label=gettext_lazy("Medietyp"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.everything = scope_of(user).everything
        municipalities = configurable_municipalities(user)
        municipality = self.fields["municipality"]
        branch = self.fields["branch"]
        assert isinstance(municipality, forms.ModelChoiceField)
        assert isinstance(branch, forms.ModelChoiceField)
        municipality.queryset = municipalities
        municipality.empty_label = _("Hela regionen") if self.everything else None
        branch.queryset = Branch.objects.filter(municipality__in=municipalities).select_related(
            "municipality"
        )
        material = self.fields["material_type"]
        assert isinstance(material, forms.ChoiceField)
        material.choices = [("", _("Alla medietyper")), *MaterialType.choices]
        for name, label in SETTING_LABELS.items():
            if name == "holds_allowed":
                self.fields[name] = forms.NullBooleanField(
                    label=label,
                    required=False,
                    widget=forms.Select(
                        choices=[("", _("ärvs")), ("true", _("Ja")), ("false", _("Nej"))]
                    ),
                )
            elif name in FEE_SETTINGS:
                self.fields[name] = forms.DecimalField(
                    label=label, required=False, min_value=0, max_digits=7, decimal_places=2
                )
            else:
                self.fields[name] = forms.IntegerField(
                    label=label, required=False, min_value=0, max_value=32767
                )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        branch, municipality = cleaned.get("branch"), cleaned.get("municipality")
        if (
            branch is not None
            and municipality is not None
            and branch.municipality_id != municipality.pk
        ):
            self.add_error("branch", _("Biblioteket hör inte till kommunen."))
        if branch is None and municipality is None and not self.everything:
            self.add_error("municipality", _("Välj en kommun."))
        return cleaned

    def settings(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in SETTING_LABELS}


def _editable(user: Any, rule: LoanRule) -> bool:
    return scope_of(user).covers(rule.municipality_id) or (
        rule.municipality_id is None and scope_of(user).everything
    )


@requires("config.rules")
@require_http_methods(["GET", "HEAD"])
def rule_list(request: HttpRequest) -> HttpResponse:
    """The region's rows and those of the municipalities the user configures."""
    scope = scope_of(request.user)
    rows = LoanRule.objects.select_related("municipality", "branch", "patron_category")
    if not scope.everything:
        rows = rows.filter(Q(municipality__isnull=True) | Q(municipality_id=scope.municipality_id))
    rows = rows.order_by(
        "municipality__name", "branch__name", "patron_category__name", "material_type"
    )
    table = [
        (rule, [getattr(rule, name) for name in SETTING_LABELS], _editable(request.user, rule))
        for rule in rows
    ]
    return page(
        request,
        "staff/admin/rules.html",
        {
            "table": table,
            "labels": SETTING_LABELS.values(),
            "municipalities": configurable_municipalities(request.user),
        },
    )


@requires("config.rules")
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest, rule_id: int | None = None) -> HttpResponse:
    rule = None
    if rule_id is not None:
        rule = get_object_or_404(LoanRule.objects.select_related("municipality"), pk=rule_id)
        if not _editable(request.user, rule):
            raise PermissionDenied
    initial: dict[str, Any] = {}
    if rule is not None:
        initial = {name: getattr(rule, name) for name in (*SETTING_LABELS, "material_type")}
        initial.update(
            municipality=rule.municipality, branch=rule.branch, patron_category=rule.patron_category
        )
    form = RuleForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            rule_administration.save_rule(
                staff=request.user,
                rule=rule,
                municipality=form.cleaned_data["municipality"],
                branch=form.cleaned_data["branch"],
                patron_category=form.cleaned_data["patron_category"],
                material_type=form.cleaned_data["material_type"],
                settings=form.settings(),
                now=now(),
            )
        except CirculationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Lånevillkoren är sparade."))
            return redirect("staff:admin_rules")
    return page(request, "staff/admin/rule_form.html", {"form": form, "rule": rule})


@requires("config.rules")
@require_POST
def rule_remove(request: HttpRequest, rule_id: int) -> HttpResponse:
    rule = get_object_or_404(LoanRule, pk=rule_id)
    if not _editable(request.user, rule):
        raise PermissionDenied
    rule_administration.remove_rule(staff=request.user, rule=rule, now=now())
    messages.success(request, _("Raden är borttagen; det den satte ärvs nu från bredare rader."))
    return redirect("staff:admin_rules")


@requires("config.rules")
@require_http_methods(["GET", "HEAD"])
def fees(request: HttpRequest, municipality_id: int) -> HttpResponse:
    """What each patron category pays in this municipality, as the matrix resolves it."""
    municipality = municipality_in_scope(request, municipality_id)
    rows = rule_rows()
    materials = sorted({row.material_type for row in rows if row.material_type} | {"book"})
    labels = dict(MaterialType.choices)
    table = []
    for category in PatronCategory.objects.order_by("name"):
        for material in materials:
            rule = pure.resolve(
                rows,
                municipality_id=municipality.pk,
                branch_id=None,
                category_id=category.pk,
                material_type=material,
            )
            table.append((category, labels.get(material, material), rule))
    return page(request, "staff/admin/fees.html", {"municipality": municipality, "table": table})

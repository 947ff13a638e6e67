"""The region's statistics under /personal/statistik/: reports as tables with charts
beside them, each downloadable as CSV and XLSX, and the yearly report per municipality.

Edges only: the form says which days and place, ``circulation.reports`` counts, the
templates draw. Everything shown comes from the anonymous statistics (see
docs/statistics.md); no page here reads a patron.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from folkbib.circulation.reports import catalogue
from folkbib.circulation.reports.catalogue import Options
from folkbib.circulation.reports.queries import Scope
from folkbib.circulation.reports.tables import Table
from folkbib.consortium.models import Branch, Municipality
from folkbib.core.clock import local_date
from folkbib.staff.access import Desk, desk_branch
from folkbib.staff.roles import configurable_municipalities, requires
from folkbib.staff.views.common import now
from folkbib.staff.views.statistics.charts import chart_of, heat
from folkbib.staff.views.statistics.export import FORMATS, download
from folkbib.talking import selectors as talking

#: The longest span one report covers; a longer one is a mistake, and slow.
MAX_DAYS = 366 * 10

#: The form fields each report uses (the others are not shown).
FIELDS = {
    "verksamhet": ("start", "end", "municipality", "branch", "by"),
    "fordelning": ("start", "end", "municipality", "branch", "dimension"),
    "floden": ("start", "end"),
    "reservationer": ("start", "end", "municipality", "branch"),
    "bestand": ("start", "end", "municipality", "branch", "months"),
}


class DateInput(forms.DateInput):
    input_type = "date"


class ReportForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("Från och med"), widget=DateInput)
    end = forms.DateField(label=gettext_lazy("Till och med"), widget=DateInput)
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.order_by("name"),
        required=False,
        label=gettext_lazy("Kommun"),
        empty_label=gettext_lazy("Hela regionen"),
    )
    branch = forms.ModelChoiceField(
        queryset=Branch.objects.select_related("municipality").order_by(
            "municipality__name", "name"
        ),
        required=False,
        label=gettext_lazy("Bibliotek"),
        empty_label=gettext_lazy("Alla bibliotek"),
    )
    by = forms.ChoiceField(label=gettext_lazy("Per"), choices=())
    dimension = forms.ChoiceField(label=gettext_lazy("Fördela per"), choices=())
    months = forms.IntegerField(
        label=gettext_lazy("Inte utlånade på (månader)"), min_value=1, max_value=120
    )

    def __init__(self, *args: Any, slug: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        by, dimension = self.fields["by"], self.fields["dimension"]
        assert isinstance(by, forms.ChoiceField) and isinstance(dimension, forms.ChoiceField)
        by.choices = list(catalogue.period_labels().items())
        dimension.choices = list(catalogue.dimension_labels().items())
        for name in list(self.fields):
            if name not in FIELDS[slug]:
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("Slutdagen ligger före startdagen."))
            if (end - start).days > MAX_DAYS:
                raise forms.ValidationError(_("Välj högst tio år åt gången."))
        branch, municipality = data.get("branch"), data.get("municipality")
        if branch and municipality and branch.municipality_id != municipality.pk:
            self.add_error("branch", _("Biblioteket ligger inte i den valda kommunen."))
        return data


def _desk(request: HttpRequest) -> Desk | None:
    """The desk for the menu, when the user stands at one; statistics need none."""
    branch = desk_branch(request)
    return Desk(user=request.user, branch=branch) if branch is not None else None


def _drawn(tables: list[Table]) -> list[dict[str, Any]]:
    """Each table with its chart and its rows as (label, [(cell, shade class)], is total)."""
    drawn = []
    for table in tables:
        shades = heat(table)
        rows = [
            {
                "label": row[0],
                "cells": list(zip(row[1:], shades[n][1:], strict=True)),
                "total": table.totals and n == len(table.rows) - 1,
            }
            for n, row in enumerate(table.rows)
        ]
        drawn.append({"table": table, "chart": chart_of(table), "rows": rows})
    return drawn


def _defaults(today: dt.date) -> dict[str, Any]:
    return {
        "start": today.replace(month=1, day=1).isoformat(),
        "end": today.isoformat(),
        "by": "month",
        "dimension": "municipality",
        "months": 12,
    }


@requires("statistics.view")
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    reports = [
        {"report": report, "url_name": URL_NAMES[slug]}
        for slug, report in catalogue.REPORTS.items()
    ]
    return render(
        request, "staff/statistics/index.html", {"desk": _desk(request), "reports": reports}
    )


def report(request: HttpRequest, *, slug: str) -> HttpResponse:
    chosen = catalogue.REPORTS[slug]
    today = local_date(now())
    data = {**_defaults(today), **request.GET.dict()}
    form = ReportForm(data, slug=slug)
    tables: list[Table] = []
    if form.is_valid():
        values = form.cleaned_data
        scope = Scope(
            start=values["start"],
            end=values["end"],
            municipality=values.get("municipality"),
            branch=values.get("branch"),
        )
        visits = talking.visits_by_day(
            start=scope.start, end=scope.end, municipality=scope.municipality, branch=scope.branch
        )
        options = Options(
            scope=scope,
            by=values.get("by") or "month",
            dimension=values.get("dimension") or "municipality",
            months=values.get("months") or 12,
            kiosk_visits=visits,
        )
        tables = chosen.build(options)
        fmt = request.GET.get("format", "")
        if fmt in FORMATS:
            name = f"folkbib-{slug}-{scope.start.isoformat()}-{scope.end.isoformat()}"
            return download(tables, fmt=fmt, name=name)
    query = {key: value for key, value in data.items() if key in form.fields}
    return render(
        request,
        "staff/statistics/report.html",
        {
            "desk": _desk(request),
            "title": chosen.title(),
            "description": chosen.description(),
            "form": form,
            "drawn": _drawn(tables),
            "query": query,
            "url_name": URL_NAMES[slug],
        },
        status=200 if form.is_valid() else 400,
    )


def _report_view(slug: str) -> Any:
    @requires("statistics.view")
    @require_safe
    def view(request: HttpRequest) -> HttpResponse:
        return report(request, slug=slug)

    view.__name__ = view.__qualname__ = f"report_{slug}"
    return view


URL_NAMES = {
    "verksamhet": "statistics_activity",
    "fordelning": "statistics_breakdown",
    "floden": "statistics_flows",
    "reservationer": "statistics_holds",
    "bestand": "statistics_collection",
}
activity = _report_view("verksamhet")
breakdown = _report_view("fordelning")
flows = _report_view("floden")
holds = _report_view("reservationer")
collection = _report_view("bestand")


class YearlyForm(forms.Form):
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.none(), label=gettext_lazy("Kommun"), empty_label=None
    )
    year = forms.IntegerField(label=gettext_lazy("År"), min_value=1900, max_value=2999)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = configurable_municipalities(user)


@requires("statistics.report")
@require_safe
def yearly(request: HttpRequest) -> HttpResponse:
    """One municipality's year for the national library statistics (KB).

    A municipality administrator sees their own municipality; a region administrator
    any of them.
    """
    today = local_date(now())
    municipalities = configurable_municipalities(request.user)
    first = municipalities.first()
    data = {
        "municipality": str(first.pk) if first else "",
        "year": str(today.year - 1),
        **request.GET.dict(),
    }
    form = YearlyForm(data, user=request.user)
    tables: list[Table] = []
    if form.is_valid():
        municipality, year = form.cleaned_data["municipality"], form.cleaned_data["year"]
        visits = talking.visits_by_day(
            start=dt.date(year, 1, 1),
            end=dt.date(year, 12, 31),
            municipality=municipality,
            branch=None,
        )
        tables = catalogue.yearly(municipality=municipality, year=year, kiosk_visits=visits)
        fmt = request.GET.get("format", "")
        if fmt in FORMATS:
            name = f"folkbib-arsrapport-{municipality.code}-{year}"
            return download(tables, fmt=fmt, name=name)
    query = {key: value for key, value in data.items() if key in form.fields}
    return render(
        request,
        "staff/statistics/report.html",
        {
            "desk": _desk(request),
            "title": _("Årsrapport"),
            "description": _(
                "En kommuns år med de mått som Kungliga bibliotekets statistik "
                "(Bibliotek) frågar efter."
            ),
            "form": form,
            "drawn": _drawn(tables),
            "query": query,
            "url_name": "statistics_yearly",
        },
        status=200 if form.is_valid() else 400,
    )

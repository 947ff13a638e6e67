"""Municipalities, branches, opening hours and closed days."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from folkbib.consortium import administration
from folkbib.consortium.errors import ConsortiumError
from folkbib.consortium.models import Branch, ClosedDay, Municipality, OpeningHours, Region
from folkbib.core.clock import local_date
from folkbib.staff.roles import configurable_municipalities, permissions_of, requires
from folkbib.staff.views.configuration.common import (
    branch_in_scope,
    municipality_in_scope,
    now,
    page,
)
from folkbib.staff.views.configuration.forms import (
    WEEKDAY_NAMES,
    BranchForm,
    ClosedDayForm,
    HoursForm,
    MunicipalityForm,
    format_periods,
)


@requires("config.hours")
@require_http_methods(["GET", "HEAD"])
def index(request: HttpRequest) -> HttpResponse:
    """The municipalities the user may configure, each with its branches (two queries)."""
    municipalities = configurable_municipalities(request.user).prefetch_related(
        Prefetch("branches", queryset=Branch.objects.order_by("name"))
    )
    return page(
        request,
        "staff/admin/index.html",
        {"municipalities": municipalities, "held": permissions_of(request.user)},
    )


@requires("config.region")
@require_http_methods(["GET", "POST"])
def municipality_new(request: HttpRequest) -> HttpResponse:
    form = MunicipalityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # One region per installation today; the first is the one.
        region = Region.objects.order_by("pk").first()
        if region is None:
            form.add_error(None, _("Det finns ingen region att lägga kommunen i."))
        else:
            municipality = administration.save_municipality(
                staff=request.user, municipality=None, region=region, now=now(), **form.cleaned_data
            )
            messages.success(
                request, _("Kommunen %(name)s är tillagd.") % {"name": municipality.name}
            )
            return redirect("staff:admin_municipality", municipality.pk)
    return page(request, "staff/admin/municipality_form.html", {"form": form, "municipality": None})


@requires("config.branches")
@require_http_methods(["GET", "POST"])
def municipality_edit(request: HttpRequest, municipality_id: int) -> HttpResponse:
    municipality = municipality_in_scope(request, municipality_id)
    form = MunicipalityForm(request.POST or None, instance=municipality)
    if request.method == "POST" and form.is_valid():
        # The form has already set the new values on ``municipality``; the audit needs the old.
        administration.save_municipality(
            staff=request.user,
            municipality=Municipality.objects.get(pk=municipality.pk),
            region=municipality.region,
            now=now(),
            **form.cleaned_data,
        )
        messages.success(request, _("Ändringarna är sparade."))
        return redirect("staff:admin_municipality", municipality.pk)
    return page(
        request, "staff/admin/municipality_form.html", {"form": form, "municipality": municipality}
    )


@requires("config.hours")
@require_http_methods(["GET", "HEAD"])
def municipality(request: HttpRequest, municipality_id: int) -> HttpResponse:
    """One municipality: its branches with their weekly hours, and links to the rest."""
    found = municipality_in_scope(request, municipality_id)
    branches = list(Branch.objects.filter(municipality=found).order_by("name"))
    week: dict[int, dict[int, list[tuple[object, object]]]] = defaultdict(lambda: defaultdict(list))
    for row in OpeningHours.objects.filter(branch__municipality=found).order_by("weekday", "opens"):
        week[row.branch_id][row.weekday].append((row.opens, row.closes))
    rows = [
        (branch, [format_periods(week[branch.pk].get(day, [])) for day in range(7)])  # type: ignore[arg-type]
        for branch in branches
    ]
    return page(
        request,
        "staff/admin/municipality.html",
        {
            "municipality": found,
            "rows": rows,
            "weekdays": WEEKDAY_NAMES,
            "held": permissions_of(request.user),
        },
    )


@requires("config.branches")
@require_http_methods(["GET", "POST"])
def branch_new(request: HttpRequest, municipality_id: int) -> HttpResponse:
    municipality = municipality_in_scope(request, municipality_id)
    form = BranchForm(request.POST or None, initial={"is_active": True, "accepts_holds": True})
    if request.method == "POST" and form.is_valid():
        branch = administration.save_branch(
            staff=request.user,
            branch=None,
            values={**form.cleaned_data, "municipality": municipality},
            now=now(),
        )
        messages.success(request, _("Biblioteket %(name)s är tillagt.") % {"name": branch.name})
        return redirect("staff:admin_municipality", municipality.pk)
    return page(
        request,
        "staff/admin/branch_form.html",
        {"form": form, "municipality": municipality, "branch": None},
    )


@requires("config.branches")
@require_http_methods(["GET", "POST"])
def branch_edit(request: HttpRequest, branch_id: int) -> HttpResponse:
    branch = branch_in_scope(request, branch_id)
    form = BranchForm(request.POST or None, instance=branch)
    if request.method == "POST" and form.is_valid():
        # The form has already set the new values on ``branch``; the audit needs the old.
        fresh = Branch.objects.get(pk=branch.pk)
        administration.save_branch(
            staff=request.user, branch=fresh, values=form.cleaned_data, now=now()
        )
        messages.success(request, _("Ändringarna är sparade."))
        return redirect("staff:admin_municipality", branch.municipality_id)
    return page(
        request,
        "staff/admin/branch_form.html",
        {"form": form, "municipality": branch.municipality, "branch": branch},
    )


@requires("config.hours")
@require_http_methods(["GET", "POST"])
def branch_hours(request: HttpRequest, branch_id: int) -> HttpResponse:
    branch = branch_in_scope(request, branch_id)
    current: dict[int, list[tuple[object, object]]] = defaultdict(list)
    for row in OpeningHours.objects.filter(branch=branch).order_by("weekday", "opens"):
        current[row.weekday].append((row.opens, row.closes))
    initial = {f"day{day}": format_periods(current.get(day, [])) for day in range(7)}  # type: ignore[arg-type]
    form = HoursForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            administration.set_branch_hours(
                staff=request.user, branch=branch, hours=form.cleaned_data["week"], now=now()
            )
        except ConsortiumError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Öppettiderna för %(name)s är sparade.") % {"name": branch.name}
            )
            return redirect("staff:admin_municipality", branch.municipality_id)
    return page(request, "staff/admin/hours.html", {"form": form, "branch": branch})


@requires("config.hours")
@require_http_methods(["GET", "POST"])
def closed_days(request: HttpRequest, municipality_id: int) -> HttpResponse:
    """The coming closed days of the municipality and its branches, and a form to add one."""
    municipality = municipality_in_scope(request, municipality_id)
    form = ClosedDayForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            administration.close_day(
                staff=request.user,
                municipality=municipality,
                date=form.cleaned_data["date"],
                reason=form.cleaned_data["reason"],
                branch=form.cleaned_data["branch"],
                now=now(),
            )
        except ConsortiumError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Den stängda dagen är sparad."))
            return redirect("staff:admin_closed_days", municipality.pk)
    days = (
        ClosedDay.objects.filter(municipality=municipality, date__gte=local_date(now()))
        .select_related("branch")
        .order_by("date", "branch__name")
    )
    return page(
        request,
        "staff/admin/closed_days.html",
        {"municipality": municipality, "form": form, "days": days},
    )


@requires("config.hours")
@require_POST
def closed_day_remove(request: HttpRequest, municipality_id: int, day_id: int) -> HttpResponse:
    municipality = municipality_in_scope(request, municipality_id)
    day = get_object_or_404(ClosedDay, pk=day_id, municipality=municipality)
    administration.reopen_day(staff=request.user, closed_day=day, now=now())
    messages.success(
        request, _("%(date)s är inte längre en stängd dag.") % {"date": day.date.isoformat()}
    )
    return redirect("staff:admin_closed_days", municipality.pk)

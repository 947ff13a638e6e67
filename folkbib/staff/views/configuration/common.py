"""What the configuration screens share: the scope check, the page frame, the clock."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from folkbib.consortium.models import Branch, Municipality
from folkbib.core import clock
from folkbib.staff.access import Desk, desk_branch
from folkbib.staff.roles import may_configure


def now() -> Any:
    return clock.now()


def municipality_in_scope(request: HttpRequest, municipality_id: int) -> Municipality:
    """The municipality, if the user may configure it; 404 / 403 (``PermissionDenied``)."""
    municipality = get_object_or_404(
        Municipality.objects.select_related("region"), pk=municipality_id
    )
    if not may_configure(request.user, municipality):
        raise PermissionDenied
    return municipality


def branch_in_scope(request: HttpRequest, branch_id: int) -> Branch:
    branch = get_object_or_404(Branch.objects.select_related("municipality"), pk=branch_id)
    if not may_configure(request.user, branch.municipality_id):
        raise PermissionDenied
    return branch


def page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """Render a configuration page; the desk menu shows when the user has a desk branch."""
    branch = desk_branch(request)
    desk = Desk(user=request.user, branch=branch) if branch is not None else None
    return render(request, template, {"desk": desk, **context}, status=status)

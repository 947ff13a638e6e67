"""What the cataloguing pages share: the staff menu, drawn when the user stands at a desk."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from folkbib.staff.access import Desk, desk_branch


def page(
    request: HttpRequest, template: str, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    """Render a cataloguing page; cataloguing needs no branch, but the menu shows with one."""
    branch = desk_branch(request)
    desk = Desk(user=request.user, branch=branch) if branch is not None else None
    return render(request, template, {"desk": desk, **context}, status=status)

"""Who may use the desk, and at which branch they stand.

Staff are Django users with a ``StaffProfile`` or ``is_staff``. The desk's branch is
the one chosen in this session, else the user's own (``StaffProfile.branch``); a region
administrator has none and picks one before the first scan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from folkbib.consortium.models import Branch
from folkbib.consortium.selectors import is_staff_member
from folkbib.staff.roles import forbidden, role_of

BRANCH_SESSION_KEY = "staff_branch_id"


class StaffLoginForm(AuthenticationForm):
    """Username and password; a valid account that is not staff is told so, not let in."""

    error_messages = {
        "invalid_login": _("Fel användarnamn eller lösenord."),
        "inactive": _("Kontot är avstängt."),
        "not_staff": _("Kontot hör inte till bibliotekspersonalen."),
    }

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if not is_staff_member(user):
            raise forms.ValidationError(self.error_messages["not_staff"], code="not_staff")


@dataclass(frozen=True)
class Desk:
    """The librarian at the desk and the branch the desk stands in."""

    user: Any
    branch: Branch


def desk_branch(request: HttpRequest) -> Branch | None:
    branches = Branch.objects.filter(is_active=True).select_related("municipality")
    chosen = request.session.get(BRANCH_SESSION_KEY)
    if chosen is not None:
        branch = branches.filter(pk=chosen).first()
        if branch is not None:
            return branch
    user_id = request.user.pk
    return branches.filter(staff__user_id=user_id).first() if user_id is not None else None


def choose_branch(request: HttpRequest, branch: Branch) -> None:
    request.session[BRANCH_SESSION_KEY] = branch.pk


def staff_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Log in first; refuse anyone who is not staff."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("staff:login"))
        # role_of reads the staff profile once per request (cached on the user), so a
        # view under @requires pays nothing more for this check.
        if role_of(request.user) is None:
            return forbidden(request)
        return view(request, *args, **kwargs)

    return wrapper


def desk_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A staff page at a branch: the view gets ``desk`` (user and branch) after the request."""

    @staff_only
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        branch = desk_branch(request)
        if branch is None:
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('staff:branch')}?{query}")
        return view(request, Desk(user=request.user, branch=branch), *args, **kwargs)

    return wrapper

"""Staff log in and out, and choose the branch their desk stands in."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from folkbib.consortium.models import Branch
from folkbib.core.redirects import next_on_this_site
from folkbib.staff.access import StaffLoginForm, choose_branch, desk_branch
from folkbib.staff.roles import has_permission, public, requires

login = public(
    auth_views.LoginView.as_view(
        template_name="staff/login.html",
        authentication_form=StaffLoginForm,
        redirect_authenticated_user=False,
        next_page="staff:home",
    )
)

logout = public(auth_views.LogoutView.as_view(next_page="staff:login"))


class BranchForm(forms.Form):
    """Any active branch of the region; the ones the user works at are offered first."""

    branch = forms.ModelChoiceField(
        queryset=Branch.objects.filter(is_active=True).select_related("municipality"),
        label=_("Bibliotek"),
        empty_label=_("Välj bibliotek"),
        error_messages={
            "required": _("Välj ett bibliotek."),
            "invalid_choice": _("Välj ett bibliotek."),
        },
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["branch"]
        assert isinstance(field, forms.ModelChoiceField)
        everyone = list(field.queryset.order_by("name"))  # type: ignore[union-attr]
        own_ids = set(
            Branch.objects.filter(staff_members__user_id=user.pk).values_list("pk", flat=True)
        )
        own = [(b.pk, b.name) for b in everyone if b.pk in own_ids]
        if own:
            others = [(b.pk, b.name) for b in everyone if b.pk not in own_ids]
            field.choices = [
                ("", field.empty_label),
                (_("Dina bibliotek"), own),
                (_("Övriga bibliotek"), others),
            ]


def _next_url(request: HttpRequest) -> str:
    return next_on_this_site(request) or reverse("staff:checkout")


@requires("staff.any")
@require_http_methods(["GET", "POST"])
def branch(request: HttpRequest) -> HttpResponse:
    current = desk_branch(request)
    if request.method == "POST":
        form = BranchForm(request.POST, user=request.user)
        if form.is_valid():
            choose_branch(request, form.cleaned_data["branch"])
            return redirect(_next_url(request))
    else:
        form = BranchForm(initial={"branch": current}, user=request.user)
    return render(
        request,
        "staff/branch.html",
        {"form": form, "current": current, "next": _next_url(request)},
    )


@requires("staff.any")
@require_http_methods(["GET", "HEAD"])
def home(request: HttpRequest) -> HttpResponse:
    """The desk for those who work one; for everyone else (a region administrator without
    a branch, a cataloguer, a moderator) a page of what they may open."""
    if has_permission(request.user, "desk.circulate") and desk_branch(request) is not None:
        return redirect("staff:checkout")
    return render(request, "staff/home.html", {"desk": None})

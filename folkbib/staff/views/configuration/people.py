"""Staff and their roles: who works where, and as what."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from folkbib.consortium import administration
from folkbib.consortium.errors import ConsortiumError
from folkbib.consortium.models import Branch, Municipality, StaffProfile, StaffRole
from folkbib.staff.roles import PERMISSIONS, configurable_municipalities, requires, scope_of
from folkbib.staff.views.configuration.common import now, page


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Roll"))
    branch = forms.ModelChoiceField(
        queryset=Branch.objects.none(),
        required=False,
        label=gettext_lazy("Bibliotek där disken öppnar"),
        empty_label=gettext_lazy("Inget (administratör)"),
    )
    branches = forms.ModelMultipleChoiceField(
        queryset=Branch.objects.none(),
        required=False,
        label=gettext_lazy("Arbetar också på"),
        widget=forms.CheckboxSelectMultiple,
    )
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.none(),
        required=False,
        label=gettext_lazy("Kommun"),
        help_text=gettext_lazy("Behövs bara för en kommunadministratör utan eget bibliotek."),
        empty_label=gettext_lazy("Bibliotekets kommun"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = scope_of(user).everything
        municipalities = configurable_municipalities(user)
        branches = Branch.objects.filter(municipality__in=municipalities).select_related(
            "municipality"
        )
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        # Only a region administrator makes another one.
        role.choices = [
            (value, label)
            for value, label in StaffRole.choices
            if everything or value != StaffRole.REGION_ADMIN
        ]
        for name, queryset in (
            ("branch", branches),
            ("branches", branches),
            ("municipality", municipalities),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset


class NewStaffForm(RoleForm):
    username = forms.CharField(label=gettext_lazy("Användarnamn"), max_length=150)
    first_name = forms.CharField(label=gettext_lazy("Förnamn"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Efternamn"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("E-post"), required=False)
    password = forms.CharField(
        label=gettext_lazy("Första lösenord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    field_order = ["username", "first_name", "last_name", "email", "password"]

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Användarnamnet är upptaget."))
        return username

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        validate_password(password)
        return password


def _profiles_in_scope(user: Any) -> Any:
    profiles = StaffProfile.objects.select_related(
        "user", "branch__municipality", "municipality"
    ).prefetch_related("branches")
    scope = scope_of(user)
    if scope.everything:
        return profiles
    return profiles.filter(
        Q(municipality_id=scope.municipality_id) | Q(branch__municipality_id=scope.municipality_id)
    ).exclude(role=StaffRole.REGION_ADMIN)


@requires("staff.roles")
@require_http_methods(["GET", "HEAD"])
def staff_list(request: HttpRequest) -> HttpResponse:
    profiles = _profiles_in_scope(request.user).order_by("user__last_name", "user__username")
    # The table below the staff is the one the code enforces, so it cannot drift.
    matrix = [
        (p.description, [role in p.roles for role in StaffRole.values])
        for p in PERMISSIONS.values()
    ]
    return page(
        request,
        "staff/admin/staff.html",
        {"profiles": profiles, "role_names": StaffRole.labels, "matrix": matrix},
    )


def _assign(request: HttpRequest, form: RoleForm, user: Any) -> None:
    administration.assign_role(
        staff=request.user,
        user=user,
        role=form.cleaned_data["role"],
        branch=form.cleaned_data["branch"],
        branches=form.cleaned_data["branches"],
        municipality=form.cleaned_data["municipality"],
        now=now(),
    )


@requires("staff.roles")
@require_http_methods(["GET", "POST"])
def staff_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    profile = _profiles_in_scope(request.user).filter(user_id=user_id).first()
    if profile is None:
        get_object_or_404(StaffProfile, user_id=user_id)
        raise PermissionDenied
    initial = {
        "role": profile.role,
        "branch": profile.branch,
        "branches": list(profile.branches.all()),
        "municipality": profile.municipality,
    }
    form = RoleForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            _assign(request, form, profile.user)
        except ConsortiumError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("%(name)s har fått sin roll.") % {"name": profile.user.get_username()}
            )
            return redirect("staff:admin_staff")
    return page(request, "staff/admin/staff_form.html", {"form": form, "profile": profile})


@requires("staff.roles")
@require_http_methods(["GET", "POST"])
def staff_new(request: HttpRequest) -> HttpResponse:
    form = NewStaffForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            administration.create_staff_member(
                staff=request.user,
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                password=data["password"],
                role=data["role"],
                branch=data["branch"],
                branches=data["branches"],
                municipality=data["municipality"],
                now=now(),
            )
        except ConsortiumError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Kontot %(name)s är skapat.") % {"name": data["username"]})
            return redirect("staff:admin_staff")
    return page(request, "staff/admin/staff_form.html", {"form": form, "profile": None})

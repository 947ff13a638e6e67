"""Items in bulk (branch, status or shelf mark for a list of barcodes) and withdrawal."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from folkbib.catalog.errors import CatalogError
from folkbib.catalog.models import Item, Record
from folkbib.catalog.services.cataloguing import (
    BULK_STATUSES,
    WITHDRAW_REASONS,
    apply_bulk_change,
    barcodes_from_text,
    plan_bulk_change,
    withdraw_with_reason,
)
from folkbib.catalog.services.cataloguing import add_items as add_items_service
from folkbib.consortium.models import Branch
from folkbib.staff import session
from folkbib.staff.roles import requires
from folkbib.staff.views.common import now

from .common import page

MAX_BARCODES = 1000


def describe_errors(form: forms.Form) -> None:
    """Point each invalid input at its message (the templates give it ``<id>-problem``)."""
    for name in form.errors:
        if name in form.fields:
            widget = form.fields[name].widget
            widget.attrs["aria-describedby"] = f"{form[name].id_for_label}-problem"


class BulkForm(forms.Form):
    barcodes = forms.CharField(
        label=gettext_lazy("Streckkoder, en per rad"),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "autocomplete": "off"}),
    )
    current_branch = forms.ModelChoiceField(
        label=gettext_lazy("Flytta till bibliotek"),
        queryset=Branch.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label=gettext_lazy("– ändra inte –"),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Ny status"),
        required=False,
        choices=[("", gettext_lazy("– ändra inte –"))]
        + [(status.value, status.label) for status in BULK_STATUSES],
    )
    shelf_mark = forms.CharField(
        label=gettext_lazy("Ny hylla (SAB)"), required=False, max_length=100
    )

    def clean_barcodes(self) -> list[str]:
        barcodes = barcodes_from_text(self.cleaned_data["barcodes"])
        if not barcodes:
            raise forms.ValidationError(_("Skriv eller skanna minst en streckkod."))
        if len(barcodes) > MAX_BARCODES:
            raise forms.ValidationError(
                _("Högst %(n)d streckkoder åt gången.") % {"n": MAX_BARCODES}
            )
        return barcodes

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        changes: dict[str, Any] = {}
        if data.get("current_branch"):
            changes["current_branch"] = data["current_branch"]
        if data.get("status"):
            changes["status"] = data["status"]
        if data.get("shelf_mark", "").strip():
            changes["shelf_mark"] = data["shelf_mark"].strip()
        return changes

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not self.changes():
            raise forms.ValidationError(
                _("Välj vad som ska ändras: bibliotek, status eller hylla.")
            )
        return cleaned


@require_http_methods(["GET", "HEAD", "POST"])
@requires("catalog.items")
def bulk_items(request: HttpRequest) -> HttpResponse:
    """First post: a preview of each barcode's outcome. Confirmed post: the change, audited."""
    if request.method != "POST":
        return page(request, "staff/cataloguing/bulk_items.html", {"form": BulkForm()})
    form = BulkForm(request.POST)
    if not form.is_valid():
        describe_errors(form)
        return page(request, "staff/cataloguing/bulk_items.html", {"form": form}, status=422)
    barcodes, changes = form.cleaned_data["barcodes"], form.changes()
    try:
        if request.POST.get("confirm") == "1":
            outcomes = apply_bulk_change(
                barcodes=barcodes, changes=changes, staff=request.user, now=now()
            )
            done = True
        else:
            outcomes = plan_bulk_change(barcodes=barcodes, changes=changes)
            done = False
    except CatalogError as error:
        form.add_error(None, error.message)
        return page(request, "staff/cataloguing/bulk_items.html", {"form": form}, status=422)
    return page(
        request,
        "staff/cataloguing/bulk_items.html",
        {
            "form": form,
            "barcodes_text": " ".join(barcodes),
            "outcomes": outcomes,
            "done": done,
            "applying": sum(1 for outcome in outcomes if outcome.applies),
            "refused": sum(1 for outcome in outcomes if not outcome.applies),
        },
    )


class WithdrawForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Skäl"), choices=WITHDRAW_REASONS, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=gettext_lazy("Kommentar (krävs för ”Annat”)"), required=False, max_length=300
    )


@require_http_methods(["GET", "HEAD", "POST"])
@requires("catalog.items")
def withdraw(request: HttpRequest) -> HttpResponse:
    """Find the item by barcode, then withdraw it with a reason."""
    barcode = (request.POST.get("streckkod") or request.GET.get("streckkod", "")).strip()
    item = (
        Item.objects.select_related("record", "owning_branch", "current_branch")
        .filter(barcode=barcode)
        .first()
        if barcode
        else None
    )
    context: dict[str, Any] = {"barcode": barcode, "item": item, "form": WithdrawForm()}
    if request.method != "POST" or item is None:
        status = 404 if barcode and item is None else 200
        return page(request, "staff/cataloguing/withdraw.html", context, status=status)
    form = WithdrawForm(request.POST)
    context["form"] = form
    if not form.is_valid():
        describe_errors(form)
        return page(request, "staff/cataloguing/withdraw.html", context, status=422)
    try:
        withdraw_with_reason(
            item=item,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            staff=request.user,
            now=now(),
        )
    except CatalogError as error:
        context["error"] = error.message
        return page(request, "staff/cataloguing/withdraw.html", context, status=409)
    session.show(request, session.OK, _("%(barcode)s är gallrat.") % {"barcode": item.barcode})
    return redirect("staff:record_edit", record_id=item.record_id)


class AddItemsForm(forms.Form):
    barcodes = forms.CharField(
        label=gettext_lazy("Nya streckkoder, en per rad"),
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false", "autocomplete": "off"}),
    )
    branch = forms.ModelChoiceField(
        label=gettext_lazy("Ägs av"),
        queryset=Branch.objects.filter(is_active=True).order_by("name"),
    )
    shelf_mark = forms.CharField(label=gettext_lazy("Hylla (SAB)"), required=False, max_length=100)


@require_POST
@requires("catalog.items")
def add_items(request: HttpRequest, record_id: int) -> HttpResponse:
    """Add items to a record from its page; the outcome of each barcode is shown there."""
    record = get_object_or_404(Record, pk=record_id)
    form = AddItemsForm(request.POST, prefix="add")
    if not form.is_valid():
        messages = [str(m) for errors in form.errors.values() for m in errors]
        session.show(request, session.ERROR, " ".join(messages))
        return redirect("staff:record_edit", record_id=record.pk)
    outcomes = add_items_service(
        record=record,
        barcodes=barcodes_from_text(form.cleaned_data["barcodes"])[:MAX_BARCODES],
        branch=form.cleaned_data["branch"],
        shelf_mark=form.cleaned_data["shelf_mark"].strip(),
        staff=request.user,
        now=now(),
    )
    added = sum(1 for outcome in outcomes if outcome.item is not None)
    lines = [
        {
            "ok": outcome.item is not None,
            "text": f"{outcome.barcode}: {outcome.refused or _('tillagt')}",
        }
        for outcome in outcomes
    ]
    session.show(
        request,
        session.OK if added == len(outcomes) else session.ERROR,
        _("%(added)d av %(total)d exemplar tillagda.") % {"added": added, "total": len(outcomes)},
        lines=lines,
    )
    return redirect("staff:record_edit", record_id=record.pk)

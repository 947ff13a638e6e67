"""The MARC editor: find a record, create one, change one. Saving with problems is refused."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from folkbib.catalog import cleanup
from folkbib.catalog.marc import MarcError, record_from_iso2709
from folkbib.catalog.marc.validation import (
    LEADER_DEFAULT,
    Draft,
    FieldRow,
    default_008,
    draft_from_record,
    validate,
)
from folkbib.catalog.models import Record
from folkbib.catalog.services.cataloguing import (
    RecordAlreadyExists,
    RecordHasProblems,
    save_catalogued_record,
)
from folkbib.core.clock import local_date
from folkbib.staff import session
from folkbib.staff.roles import forbidden, has_permission, requires
from folkbib.staff.views.common import now

from .common import page
from .items import AddItemsForm
from .marc_form import BLANK_ROWS, EditorForm, build_form, draft_from_post, form_from_draft


@require_safe
@requires("catalog.view")
def home(request: HttpRequest) -> HttpResponse:
    """The cataloguing start page: find a record by barcode, ISBN or number."""
    query = request.GET.get("post", "").strip()
    not_found = False
    if query:
        record = cleanup.find_record(query)
        if record is not None:
            return redirect("staff:record_edit", record_id=record.pk)
        not_found = True
    return page(
        request,
        "staff/cataloguing/home.html",
        {"query": query, "not_found": not_found, "result": session.take_result(request)},
    )


def _new_draft() -> Draft:
    today = local_date(now())
    fixed = default_008(LEADER_DEFAULT, entered=today.strftime("%y%m%d"), year=str(today.year))
    return Draft(
        leader=LEADER_DEFAULT,
        fields=(
            FieldRow(tag="008", value=fixed),
            FieldRow(tag="020", subfields=(("a", ""),)),
            FieldRow(tag="100", ind1="1", subfields=(("a", ""),)),
            FieldRow(tag="245", ind1="1", ind2="0", subfields=(("a", ""),)),
            FieldRow(tag="264", ind2="1", subfields=(("a", ""), ("b", ""), ("c", ""))),
            FieldRow(tag="300", subfields=(("a", ""),)),
        ),
    )


def _render(
    request: HttpRequest,
    form: EditorForm,
    *,
    record: Record | None,
    saved_problems: bool = False,
    checked: bool = False,
    status: int = 200,
    error: str = "",
    existing: int | None = None,
) -> HttpResponse:
    items = list(cleanup.items_of_record(record)) if record is not None else []
    return page(
        request,
        "staff/cataloguing/editor.html",
        {
            "form": form,
            "record": record,
            "items": items,
            "add_items": AddItemsForm(prefix="add") if record is not None else None,
            "refused": saved_problems,
            "checked": checked,
            "error": error,
            "existing": existing,
            "result": session.take_result(request),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@requires("catalog.records")
def new_record(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _post(request, record=None)
    return _render(request, form_from_draft(_new_draft()), record=None)


@require_http_methods(["GET", "HEAD", "POST"])
@requires("catalog.view")
def edit_record(request: HttpRequest, record_id: int) -> HttpResponse:
    """Everyone who may see the catalogue reads the record here; cataloguers change it."""
    record = get_object_or_404(Record, pk=record_id)
    if request.method == "POST":
        if not has_permission(request.user, "catalog.records"):
            return forbidden(request)
        return _post(request, record=record)
    try:
        draft = draft_from_record(record_from_iso2709(bytes(record.marc)))
    except MarcError as broken:
        # Said, not papered over: the cataloguer rebuilds the record from what is shown.
        error = _("Den sparade MARC-posten går inte att läsa (%(reason)s).") % {"reason": broken}
        empty = Draft(leader=LEADER_DEFAULT, fields=())
        return _render(request, form_from_draft(empty), record=record, error=error)
    return _render(request, form_from_draft(draft), record=record)


def _post(request: HttpRequest, *, record: Record | None) -> HttpResponse | HttpResponseRedirect:
    posted = draft_from_post(request.POST)
    action = request.POST.get("action", "save")
    blank = BLANK_ROWS + (5 if action == "more" else 0)

    def form_with(problems: Any) -> EditorForm:
        return build_form(
            leader=posted.draft.leader,
            fixed=posted.fixed,
            rows=posted.rows,
            problems=problems,
            origins=posted.origins,
            blank_rows=blank,
        )

    if action in ("more", "check"):
        problems = validate(posted.draft) if action == "check" else []
        return _render(request, form_with(problems), record=record, checked=action == "check")
    try:
        saved = save_catalogued_record(
            draft=posted.draft, staff=request.user, now=now(), record=record
        )
    except RecordHasProblems as refused:
        # 422: the post was understood but not accepted; the page says why, field by field.
        return _render(
            request, form_with(refused.problems), record=record, saved_problems=True, status=422
        )
    except RecordAlreadyExists as exists:
        return _render(
            request,
            form_with([]),
            record=record,
            status=409,
            error=exists.message,
            existing=exists.record_id,
        )
    session.show(
        request,
        session.OK,
        _("Posten är sparad.") if record is not None else _("Posten är skapad."),
    )
    return redirect("staff:record_edit", record_id=saved.pk)

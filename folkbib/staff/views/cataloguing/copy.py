"""Copy cataloguing: search another library's SRU server, pick records, import them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from folkbib.audit.services import record_change
from folkbib.catalog.services.copy_cataloguing import (
    CopyCataloguingError,
    RemoteResult,
    import_remote,
    search_remote,
)
from folkbib.staff.roles import requires
from folkbib.staff.views.common import now

from .common import page

PAGE = 20
#: Offered in the address field's list; any SRU server over http(s) may be typed.
KNOWN_SERVERS = (
    ("http://api.libris.kb.se/sru/libris", "LIBRIS"),
    ("http://lx2.loc.gov:210/LCDB", "Library of Congress"),
)


class SearchForm(forms.Form):
    server = forms.URLField(
        label=gettext_lazy("SRU-server (adress)"),
        assume_scheme="https",
        widget=forms.URLInput(attrs={"list": "known-servers", "autocomplete": "url"}),
    )
    query = forms.CharField(
        label=gettext_lazy('Sökning (CQL, t.ex. isbn=9789129688313 eller dc.title="Mio")'),
        max_length=500,
    )
    start = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)


@require_http_methods(["GET", "HEAD", "POST"])
@requires("catalog.records")
def copy_catalogue(request: HttpRequest) -> HttpResponse:
    """GET with a query: one page of remote hits. POST: import the chosen ones, audited."""
    data = request.POST if request.method == "POST" else request.GET
    form = SearchForm(data if "query" in data else None)
    context: dict[str, Any] = {"form": form, "known_servers": KNOWN_SERVERS}
    if not form.is_bound:
        return page(request, "staff/cataloguing/copy.html", context)
    if not form.is_valid():
        return page(request, "staff/cataloguing/copy.html", context, status=422)
    url, query = form.cleaned_data["server"], form.cleaned_data["query"]
    start = form.cleaned_data.get("start") or 1
    try:
        result: RemoteResult = search_remote(
            url=url, query=query, start=start, maximum_records=PAGE
        )
    except CopyCataloguingError as error:
        context["error"] = error.message
        return page(request, "staff/cataloguing/copy.html", context, status=502)
    context.update(result=result, start=start)
    if request.method == "POST":
        chosen = set(request.POST.getlist("post"))
        records = [record for record in result.records if str(record.position) in chosen]
        if not records:
            context["error"] = _("Välj minst en post att hämta.")
            return page(request, "staff/cataloguing/copy.html", context, status=422)
        moment = now()
        summary = import_remote(records=records, now=moment)
        record_change(
            staff=request.user,
            action="catalog.copy_catalogued",
            subject=_("Kopiakatalogisering från %(url)s") % {"url": url},
            before=None,
            after={
                "server": url,
                "query": query,
                "titles": [record.title for record in records],
                "created": summary.created,
                "updated": summary.updated,
                "rejected": summary.rejected,
            },
            now=moment,
        )
        context["summary"] = summary
    return page(request, "staff/cataloguing/copy.html", context)

"""``/sru``: SRU 1.2 and 2.0 over HTTP GET and POST (an edge: parse, search, write).

Which version answers: ``version=1.1``/``1.2``/``2.0`` as asked; without a version,
a request with ``operation=`` (the 1.x style) gets 1.2 and one without gets 2.0. The
operation is ``operation=`` in 1.x, and in 2.0 follows from the parameters (``query``:
searchRetrieve, ``scanClause``: scan, neither: explain). Every failure is an SRU
diagnostic in an HTTP 200 response, as SRU clients expect.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from folkbib.catalog.search.retrieval import MAX_OFFSET, find_records, titles_around

from . import cql, responses, schemas
from .diagnostics import SruDiagnostic
from .explain import explain_document
from .responses import V1_2, V2_0, ResponseRecord, ScanTerm, Version
from .translate import sort_of, translate

logger = logging.getLogger(__name__)

DEFAULT_RECORDS = 10
MAX_RECORDS = 100
DEFAULT_TERMS = 20
MAX_TERMS = 100

# Parameters each operation understands; "x-" extensions are always ignored.
_COMMON = {"operation", "version", "stylesheet", "recordPacking", "httpAccept", "recordXMLEscaping"}
_PARAMETERS = {
    "explain": _COMMON,
    "searchRetrieve": _COMMON
    | {
        "query",
        "queryType",
        "startRecord",
        "maximumRecords",
        "recordSchema",
        "recordXPath",
        "resultSetTTL",
        "sortKeys",
        "renderedBy",
        "responseType",
    },
    "scan": _COMMON | {"scanClause", "responsePosition", "maximumTerms"},
}


@csrf_exempt  # a protocol for machines: nothing here changes state or reads a session
@require_http_methods(["GET", "HEAD", "POST"])
def sru(request: HttpRequest) -> HttpResponse:
    params: Mapping[str, str] = request.POST if request.method == "POST" else request.GET
    version = _version(params)
    operation = params.get("operation") or (
        "searchRetrieve" if "query" in params else "scan" if "scanClause" in params else "explain"
    )
    try:
        if params.get("version", version.number) not in ("1.1", "1.2", "2.0"):
            raise SruDiagnostic(5, "2.0")
        if operation not in _PARAMETERS:
            raise SruDiagnostic(4, operation)
        for name in params:
            if name not in _PARAMETERS[operation] and not name.startswith("x-"):
                raise SruDiagnostic(8, name)
        if params.get("stylesheet"):
            raise SruDiagnostic(110, params["stylesheet"])
        packing = _packing(params, version)
        if operation == "searchRetrieve":
            body = _search_retrieve(params, version, packing)
        elif operation == "scan":
            body = _scan(params, version)
        else:
            body = _explain(request, version, packing)
    except SruDiagnostic as diagnostic:
        body = _fatal(operation, version, diagnostic)
    return HttpResponse(body.encode("utf-8"), content_type=version.content_type)


def _version(params: Mapping[str, str]) -> Version:
    asked = params.get("version", "")
    if asked == "2.0" or (not asked and "operation" not in params):
        return V2_0
    return V1_2


def _packing(params: Mapping[str, str], version: Version) -> str:
    if version is V2_0:
        # 2.0 renamed 1.2's recordPacking to recordXMLEscaping; its own recordPacking
        # (packed/unpacked) only matters to servers that can unpack records.
        name, value = "recordXMLEscaping", params.get("recordXMLEscaping", "xml")
        if params.get("recordPacking", "packed") not in ("packed", "unpacked"):
            raise SruDiagnostic(6, "recordPacking")
    else:
        name, value = "recordPacking", params.get("recordPacking", "xml")
    if value not in ("xml", "string"):
        raise SruDiagnostic(71, f"{name}={value}")
    return value


def _number(params: Mapping[str, str], name: str, default: int, *, minimum: int) -> int:
    text = params.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) < minimum:
        raise SruDiagnostic(6, name)
    return int(text)


def _search_retrieve(params: Mapping[str, str], version: Version, packing: str) -> str:
    if "query" not in params:
        raise SruDiagnostic(7, "query")
    if params.get("queryType", "cql") not in ("cql", ""):
        raise SruDiagnostic(6, "queryType")
    if params.get("recordXPath"):
        raise SruDiagnostic(72 if version is V1_2 else 8, "recordXPath")
    start = _number(params, "startRecord", 1, minimum=1)
    if start > MAX_OFFSET + 1:  # deep paging is harvesting, which is OAI-PMH's job
        raise SruDiagnostic(6, "startRecord", f"startRecord is at most {MAX_OFFSET + 1}")
    maximum = min(_number(params, "maximumRecords", DEFAULT_RECORDS, minimum=0), MAX_RECORDS)
    schema = schemas.schema_for(params.get("recordSchema", ""))
    try:
        parsed = cql.parse(params["query"])
    except cql.CqlSyntaxError as error:
        raise SruDiagnostic(error.diagnostic, str(error.position), error.message) from None
    translated = translate(parsed)
    sort = translated.sort
    if params.get("sortKeys"):
        if parsed.sort_keys:
            raise SruDiagnostic(80, "both sortKeys and sortBy")
        sort = sort_of(_sort_keys(params["sortKeys"]))
    # resultSetTTL is accepted and ignored: every request searches afresh, and a
    # client paging with startRecord gets the same order as long as nothing changes.
    found = find_records(query=translated.query, sort=sort, offset=start - 1, limit=maximum)
    if found.total and start > found.total:
        return responses.search_retrieve(
            version, total=found.total, diagnostics=[SruDiagnostic(61, str(start))]
        )
    records = [
        ResponseRecord(start + i, schema.identifier, schemas.render(schema, record))
        for i, record in enumerate(found.records)
    ]
    after = start + len(records)
    return responses.search_retrieve(
        version,
        total=found.total,
        records=records,
        next_position=after if records and after <= found.total else None,
        packing=packing,
    )


def _sort_keys(text: str) -> tuple[cql.SortKey, ...]:
    """SRU 1.1/1.2 ``sortKeys``: "path,schema,ascending,..." keys separated by spaces."""
    keys = []
    for key in text.split():
        path, _schema, ascending, *_rest = [*key.split(","), "", "", ""]
        direction = "sort.descending" if ascending == "0" else "sort.ascending"
        modifiers = (cql.Modifier(direction),) if ascending else ()
        keys.append(cql.SortKey(path.lower(), modifiers))
    return tuple(keys)


def _scan(params: Mapping[str, str], version: Version) -> str:
    if "scanClause" not in params:
        raise SruDiagnostic(7, "scanClause")
    position = _number(params, "responsePosition", 1, minimum=0)
    count = min(_number(params, "maximumTerms", DEFAULT_TERMS, minimum=1), MAX_TERMS)
    if position > count + 1:
        raise SruDiagnostic(120, str(position))
    try:
        parsed = cql.parse(params["scanClause"])
    except cql.CqlSyntaxError as error:
        raise SruDiagnostic(error.diagnostic, str(error.position), error.message) from None
    clause = parsed.root
    if not isinstance(clause, cql.SearchClause) or parsed.sort_keys:
        raise SruDiagnostic(10, "", "a scan clause is one index, relation and term")
    if clause.index not in ("dc.title", "title", "bath.title"):
        raise SruDiagnostic(16, clause.index, "only dc.title can be scanned")
    if clause.relation not in ("=", "==", ">="):
        raise SruDiagnostic(19, clause.relation)
    before = max(0, position - 1)
    titles = titles_around(start=cql.unescape(clause.term), before=before, after=count - before)
    terms = [ScanTerm(title.key, title.count, title.title) for title in titles]
    return responses.scan(version, terms=terms)


def _explain(request: HttpRequest, version: Version, packing: str) -> str:
    host, _colon, port = request.get_host().partition(":")
    document = explain_document(
        host=host,
        port=int(port) if port.isdigit() else (443 if request.is_secure() else 80),
        path=request.path.strip("/"),
        version=version.number,
        default_records=DEFAULT_RECORDS,
        max_records=MAX_RECORDS,
    )
    return responses.explain(version, document=document, packing=packing)


def _fatal(operation: str, version: Version, diagnostic: SruDiagnostic) -> str:
    logger.info("SRU %s refused: %s", operation, diagnostic)
    if operation == "scan":
        return responses.scan(version, diagnostics=[diagnostic])
    if operation == "searchRetrieve":
        return responses.search_retrieve(version, total=0, diagnostics=[diagnostic])
    return responses.explain(version, diagnostics=[diagnostic])

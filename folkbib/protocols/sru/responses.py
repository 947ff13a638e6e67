"""SRU response documents, 1.2 and 2.0 (pure: values in, XML text out).

The two versions differ in namespaces and in how a record says it is escaped
(1.2 ``recordPacking`` xml/string, 2.0 ``recordXMLEscaping``); the element order
is each version's schema order. Records are inserted as already-rendered XML text
(see ``schemas``), escaped once more when the client asked for string packing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from .diagnostics import SruDiagnostic

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
DIAGNOSTIC_SCHEMA = "info:srw/schema/1/diagnostics-v1.1"


@dataclass(frozen=True)
class Version:
    number: str
    namespace: str
    diagnostic_namespace: str
    escaping_element: str  # how a record says whether its data is XML or a string
    content_type: str


V1_2 = Version(
    number="1.2",
    namespace="http://www.loc.gov/zing/srw/",
    diagnostic_namespace="http://www.loc.gov/zing/srw/diagnostic/",
    escaping_element="recordPacking",
    content_type="text/xml; charset=utf-8",
)
V2_0 = Version(
    number="2.0",
    namespace="http://docs.oasis-open.org/ns/search-ws/sruResponse",
    diagnostic_namespace="http://docs.oasis-open.org/ns/search-ws/diagnostic",
    escaping_element="recordXMLEscaping",
    content_type="application/sru+xml; charset=utf-8",
)


@dataclass(frozen=True)
class ResponseRecord:
    position: int
    schema: str  # the schema identifier
    data: str | None  # rendered XML; None sends a surrogate diagnostic instead


@dataclass(frozen=True)
class ScanTerm:
    value: str
    count: int
    display: str = ""


def _element(name: str, text: str | int) -> str:
    return f"<zs:{name}>{escape(str(text))}</zs:{name}>"


def _diagnostic(version: Version, diagnostic: SruDiagnostic) -> str:
    parts = [f'<diag:diagnostic xmlns:diag="{version.diagnostic_namespace}">']
    parts.append(f"<diag:uri>{escape(diagnostic.uri)}</diag:uri>")
    if diagnostic.details:
        parts.append(f"<diag:details>{escape(diagnostic.details)}</diag:details>")
    if diagnostic.message:
        parts.append(f"<diag:message>{escape(diagnostic.message)}</diag:message>")
    parts.append("</diag:diagnostic>")
    return "".join(parts)


def _diagnostics(version: Version, diagnostics: Sequence[SruDiagnostic]) -> str:
    if not diagnostics:
        return ""
    inner = "".join(_diagnostic(version, diagnostic) for diagnostic in diagnostics)
    return f"<zs:diagnostics>{inner}</zs:diagnostics>"


def _record(version: Version, record: ResponseRecord, *, packing: str) -> str:
    schema, data = record.schema, record.data
    if data is None:
        schema = DIAGNOSTIC_SCHEMA
        data = _diagnostic(version, SruDiagnostic(64, str(record.position)))
    if packing == "string":
        data = escape(data)
    parts = [
        "<zs:record>",
        _element("recordSchema", schema),
        _element(version.escaping_element, packing),
        f"<zs:recordData>{data}</zs:recordData>",
    ]
    parts.append(_element("recordPosition", record.position))
    parts.append("</zs:record>")
    return "".join(parts)


def search_retrieve(
    version: Version,
    *,
    total: int,
    records: Sequence[ResponseRecord] = (),
    next_position: int | None = None,
    packing: str = "xml",
    diagnostics: Sequence[SruDiagnostic] = (),
) -> str:
    parts = [
        XML_DECLARATION,
        f'<zs:searchRetrieveResponse xmlns:zs="{version.namespace}">',
        _element("version", version.number),
        _element("numberOfRecords", total),
    ]
    if records:
        parts.append("<zs:records>")
        parts.extend(_record(version, record, packing=packing) for record in records)
        parts.append("</zs:records>")
    if next_position is not None:
        parts.append(_element("nextRecordPosition", next_position))
    parts.append(_diagnostics(version, diagnostics))
    if version is V2_0:
        parts.append(
            _element("resultCountPrecision", "info:srw/vocabulary/resultCountPrecision/1/exact")
        )
    parts.append("</zs:searchRetrieveResponse>\n")
    return "".join(parts)


def explain(
    version: Version,
    *,
    document: str = "",
    packing: str = "xml",
    diagnostics: Sequence[SruDiagnostic] = (),
) -> str:
    parts = [
        XML_DECLARATION,
        f'<zs:explainResponse xmlns:zs="{version.namespace}">',
        _element("version", version.number),
    ]
    if document:
        data = escape(document) if packing == "string" else document
        parts += [
            "<zs:record>",
            _element("recordSchema", "http://explain.z3950.org/dtd/2.0/"),
            _element(version.escaping_element, packing),
            f"<zs:recordData>{data}</zs:recordData>",
            "</zs:record>",
        ]
    parts.append(_diagnostics(version, diagnostics))
    parts.append("</zs:explainResponse>\n")
    return "".join(parts)


def scan(
    version: Version,
    *,
    terms: Sequence[ScanTerm] = (),
    diagnostics: Sequence[SruDiagnostic] = (),
) -> str:
    namespace = (
        "http://www.loc.gov/zing/srw/"
        if version is V1_2
        else "http://docs.oasis-open.org/ns/search-ws/scan"
    )
    parts = [
        XML_DECLARATION,
        f'<zs:scanResponse xmlns:zs="{namespace}">',
        _element("version", version.number),
    ]
    if terms:
        parts.append("<zs:terms>")
        for term in terms:
            parts.append("<zs:term>")
            parts.append(_element("value", term.value))
            parts.append(_element("numberOfRecords", term.count))
            if term.display:
                parts.append(_element("displayTerm", term.display))
            parts.append("</zs:term>")
        parts.append("</zs:terms>")
    parts.append(_diagnostics(version, diagnostics))
    parts.append("</zs:scanResponse>\n")
    return "".join(parts)

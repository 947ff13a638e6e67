"""Copy cataloguing: fetch records from another library's SRU server and import them.

    CatalogError                       (folkbib.catalog.errors)
    └── CopyCataloguingError           the remote server could not give us records
        ├── RemoteUnreachable          no answer, an HTTP error, or not an SRU response
        └── RemoteDiagnostic           the server answered with an SRU diagnostic

Two steps, so a staff screen can show what it found before anything is written:

- ``search_remote(url=..., query=...)`` -> ``RemoteResult`` (total hits and one page
  of ``RemoteRecord``s, each with its MARCXML and a title to show);
- ``import_remote(records=..., now=...)`` imports chosen records through
  ``import_records`` (matching on 003+001, 035 and ISBN, so fetching a record twice
  updates it instead of duplicating it; broken records go to the rejects file);

``copy_catalogue(url=..., query=..., now=...)`` does both for the first
``maximum_records`` hits (the ``folkbib sru-import`` command).

The request asks for SRU 1.2 ``searchRetrieve`` with ``recordSchema=marcxml``,
which SRU 1.1, 1.2 and 2.0 servers all answer (LIBRIS, the Library of Congress,
folkbib's own ``/sru``); records packed as XML and as escaped strings are read.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from django.conf import settings
from django.utils.translation import gettext as _

from folkbib.catalog.errors import CatalogError
from folkbib.catalog.marc.errors import MalformedRecord, XmlRecordInvalid
from folkbib.catalog.marc.mapping import extract_lean
from folkbib.catalog.marc.marcxml import MARC_NS, decode_xml_record, record_to_marcxml

from .batches import ItemsPolicy
from .importing import ImportSummary, import_records

DEFAULT_TIMEOUT = 30.0
# A page this size is what most SRU servers allow (LIBRIS: 200, LC: 100 by default).
PAGE_SIZE = 50
USER_AGENT = "folkbib copy-cataloguing"

# Fetch a URL and return the response body; raises OSError on failure.
Fetch = Callable[[str, float], bytes]


class CopyCataloguingError(CatalogError):
    """Base: the remote server could not give us records."""


class RemoteUnreachable(CopyCataloguingError):
    pass


class RemoteDiagnostic(CopyCataloguingError):
    """The remote server refused the request with an SRU diagnostic."""

    def __init__(self, uri: str, message: str, details: str = "") -> None:
        text = message or uri
        if details:
            text = f"{text} ({details})"
        super().__init__(_("Den andra katalogen svarade: %(text)s") % {"text": text})
        self.uri = uri
        self.details = details


@dataclass(frozen=True)
class RemoteRecord:
    """One record as the remote server sent it, with enough to show it in a list."""

    position: int
    marcxml: bytes  # one MARC21 slim ``<record>`` element, namespace declared
    title: str
    authors: tuple[str, ...]
    year: int | None
    isbns: tuple[str, ...]


@dataclass(frozen=True)
class RemoteResult:
    total: int  # hits on the remote server (numberOfRecords)
    records: list[RemoteRecord]
    # Records the server sent that could not be read as MARC21 (position, reason).
    unreadable: list[tuple[int, str]]
    next_position: int | None  # startRecord of the next page, None after the last


@dataclass
class CopySummary:
    total: int  # hits on the remote server
    fetched: int
    imported: ImportSummary


def search_remote(
    *,
    url: str,
    query: str,
    start: int = 1,
    maximum_records: int = 10,
    timeout: float = DEFAULT_TIMEOUT,
    fetch: Fetch | None = None,
) -> RemoteResult:
    """One page of a CQL search on a remote SRU server, records as MARCXML.

    ``url`` is the server's base address (``https://libris.kb.se/sru/libris``); a
    query string already on it (``?x-username=...``) is kept. Raises
    ``RemoteUnreachable`` or ``RemoteDiagnostic``; never writes anything.
    """
    request_url = _request_url(url, query=query, start=start, maximum=maximum_records)
    body = _fetch(fetch, request_url, timeout)
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as error:
        raise RemoteUnreachable(
            _("Svaret från %(url)s är inte XML (%(error)s).") % {"url": url, "error": error}
        ) from None
    if _local(root.tag) != "searchRetrieveResponse":
        raise RemoteUnreachable(_("Svaret från %(url)s är inte ett SRU-svar.") % {"url": url})
    for diagnostic in _children(root, "diagnostics", "diagnostic"):
        # A diagnostic among records (a record that could not be sent) is not fatal.
        raise RemoteDiagnostic(
            _child_text(diagnostic, "uri"),
            _child_text(diagnostic, "message"),
            _child_text(diagnostic, "details"),
        )
    total = int(_child_text(root, "numberOfRecords") or 0)
    records: list[RemoteRecord] = []
    unreadable: list[tuple[int, str]] = []
    for offset, record in enumerate(_children(root, "records", "record")):
        position = int(_child_text(record, "recordPosition") or start + offset)
        try:
            records.append(_remote_record(position, record))
        except MalformedRecord as error:
            unreadable.append((position, str(error)))
    next_text = _child_text(root, "nextRecordPosition")
    return RemoteResult(
        total=total,
        records=records,
        unreadable=unreadable,
        next_position=int(next_text) if next_text.isdigit() else None,
    )


def import_remote(
    *,
    records: Sequence[RemoteRecord],
    now: dt.datetime,
    items: ItemsPolicy | None = None,
    rejects_path: Path | None = None,
) -> ImportSummary:
    """Import fetched records through the normal MARC import (``import_records``).

    Matching on 003+001, 035 and ISBN updates a record already in the catalogue.
    Records the import rejects are kept byte-for-byte in ``rejects_path``
    (default ``<VAR_DIR>/copy-cataloguing/<time>.rejects.xml``, with its
    ``.txt`` log); ``items`` adds items as ``import_records`` does.
    """
    if rejects_path is None:
        folder = Path(settings.VAR_DIR) / "copy-cataloguing"
        folder.mkdir(parents=True, exist_ok=True)
        rejects_path = folder / f"{now:%Y%m%dT%H%M%S%f}.rejects.xml"
    with tempfile.TemporaryDirectory(prefix="folkbib-copy-") as directory:
        path = Path(directory) / "fetched.marcxml.xml"
        with path.open("wb") as file:
            file.write(
                f'<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="{MARC_NS}">\n'.encode()
            )
            for record in records:
                file.write(record.marcxml + b"\n")
            file.write(b"</collection>\n")
        return import_records(path=path, now=now, rejects_path=rejects_path, items=items)


def copy_catalogue(
    *,
    url: str,
    query: str,
    now: dt.datetime,
    maximum_records: int = PAGE_SIZE,
    items: ItemsPolicy | None = None,
    rejects_path: Path | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    fetch: Fetch | None = None,
) -> CopySummary:
    """Fetch up to ``maximum_records`` hits of ``query`` from ``url`` and import them.

    Pages through the remote result ``PAGE_SIZE`` records at a time. Raises
    ``RemoteUnreachable`` / ``RemoteDiagnostic`` before anything is imported if
    the first page fails; records the remote sends that are not readable MARC21
    are counted as rejected.
    """
    fetched: list[RemoteRecord] = []
    unreadable = 0
    total = 0
    position: int | None = 1
    while position is not None and len(fetched) + unreadable < maximum_records:
        page = search_remote(
            url=url,
            query=query,
            start=position,
            maximum_records=min(PAGE_SIZE, maximum_records - len(fetched) - unreadable),
            timeout=timeout,
            fetch=fetch,
        )
        total = page.total
        if not page.records and not page.unreadable:
            break
        fetched += page.records
        unreadable += len(page.unreadable)
        position = page.next_position
    summary = import_remote(records=fetched, now=now, items=items, rejects_path=rejects_path)
    summary.rejected += unreadable
    summary.read += unreadable
    return CopySummary(total=total, fetched=len(fetched), imported=summary)


# -- the SRU request and response --------------------------------------------------


def _request_url(url: str, *, query: str, start: int, maximum: int) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        # urlopen would also read file:// and ftp:// addresses; only SRU over HTTP is meant.
        raise RemoteUnreachable(_("%(url)s är ingen http- eller https-adress.") % {"url": url})
    params = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    params += [
        ("version", "1.2"),
        ("operation", "searchRetrieve"),
        ("query", query),
        ("startRecord", str(max(1, start))),
        ("maximumRecords", str(max(0, maximum))),
        ("recordSchema", "marcxml"),
        ("recordPacking", "xml"),
    ]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(params)))


def _fetch(fetch: Fetch | None, url: str, timeout: float) -> bytes:
    try:
        if fetch is not None:
            return fetch(url, timeout)
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body: bytes = response.read()
            return body
    except urllib.error.HTTPError as error:
        # SRU servers send diagnostics with 4xx/5xx statuses too: read them if they are there.
        body = error.read()
        if b"diagnostic" in body:
            return body
        raise RemoteUnreachable(
            _("%(url)s svarade med HTTP-status %(status)s.") % {"url": url, "status": error.code}
        ) from None
    except (OSError, ValueError) as error:
        raise RemoteUnreachable(
            _("Kunde inte nå %(url)s (%(error)s).") % {"url": url, "error": error}
        ) from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ElementTree.Element, *path: str) -> list[ElementTree.Element]:
    found = [element]
    for name in path:
        found = [child for parent in found for child in parent if _local(child.tag) == name]
    return found


def _child_text(element: ElementTree.Element, name: str) -> str:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _remote_record(position: int, record: ElementTree.Element) -> RemoteRecord:
    data = next(iter(_children(record, "recordData")), None)
    if data is None:
        raise _unreadable(_("posten saknar recordData"))
    marc = next((child for child in data if _local(child.tag) == "record"), None)
    packed = (data.text or "").strip()
    if marc is None and packed.startswith("<"):  # recordPacking=string
        try:
            marc = ElementTree.fromstring(packed)
        except ElementTree.ParseError as error:
            raise _unreadable(str(error)) from None
    if marc is None or _local(marc.tag) != "record":
        raise _unreadable(_("posten är inte MARCXML"))
    # Decoded and written again: whatever prefixes the server used, the result is one
    # plain ``<record>`` in the MARC21 slim namespace, as the import reads it.
    lean = decode_xml_record(ElementTree.tostring(_in_marc_namespace(marc), encoding="utf-8"))
    raw = record_to_marcxml(lean).replace("<record>", f'<record xmlns="{MARC_NS}">', 1).encode()
    fields = extract_lean(lean)
    return RemoteRecord(
        position=position,
        marcxml=raw,
        title=" : ".join(part for part in (fields.title, fields.subtitle) if part),
        authors=tuple(fields.authors),
        year=fields.year,
        isbns=tuple(fields.isbns),
    )


def _in_marc_namespace(element: ElementTree.Element) -> ElementTree.Element:
    """The record with every element in the MARC21 slim namespace.

    Some servers send MARCXML without a namespace; the import reads either, but a
    collection must not mix them.
    """
    for node in element.iter():
        if not node.tag.startswith("{"):
            node.tag = f"{{{MARC_NS}}}{node.tag}"
    return element


def _unreadable(reason: str) -> MalformedRecord:
    return XmlRecordInvalid(reason)


__all__ = [
    "CopyCataloguingError",
    "CopySummary",
    "RemoteDiagnostic",
    "RemoteRecord",
    "RemoteResult",
    "RemoteUnreachable",
    "copy_catalogue",
    "import_remote",
    "search_remote",
]

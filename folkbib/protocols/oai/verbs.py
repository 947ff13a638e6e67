"""The six verbs: each takes a parsed request and returns its XML element as text.

An ``OaiError`` raised here becomes the response's ``<error>``; nothing here knows HTTP.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from django.conf import settings

from folkbib.catalog.marc.errors import MalformedRecord

from . import selectors, tokens
from .arguments import (
    GetRecord,
    Identify,
    ListMetadataFormats,
    ListRequest,
    ListSets,
    OaiRequest,
    Selection,
    format_datestamp,
)
from .errors import (
    BadResumptionToken,
    CannotDisseminateFormat,
    IdDoesNotExist,
    NoMetadataFormats,
    NoRecordsMatch,
)
from .metadata import FORMATS, metadata_xml, text
from .selectors import Entry

logger = logging.getLogger(__name__)

OAI_IDENTIFIER_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_IDENTIFIER_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"


@dataclass(frozen=True)
class Context:
    base_url: str
    now: dt.datetime


def oai_identifier(record_id: int) -> str:
    return f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:{record_id}"


def record_id_of(identifier: str) -> int:
    """The record id an OAI identifier names; ``IdDoesNotExist`` if it is not one of ours."""
    prefix = f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:"
    local = identifier[len(prefix) :] if identifier.startswith(prefix) else ""
    if not re.fullmatch(r"[1-9][0-9]{0,17}", local):  # fits a 64-bit id
        raise IdDoesNotExist(f"{identifier!r} is not an identifier of this repository")
    return int(local)


def answer(request: OaiRequest, context: Context) -> str:
    if isinstance(request, Identify):
        return identify(context)
    if isinstance(request, ListMetadataFormats):
        return list_metadata_formats(request)
    if isinstance(request, ListSets):
        return list_sets(request)
    if isinstance(request, GetRecord):
        return get_record(request)
    return list_entries(request, context)


def identify(context: Context) -> str:
    earliest = selectors.earliest_datestamp() or context.now
    sample = oai_identifier(1)
    return (
        "<Identify>"
        f"<repositoryName>{text(settings.OAI_REPOSITORY_NAME)}</repositoryName>"
        f"<baseURL>{text(context.base_url)}</baseURL>"
        "<protocolVersion>2.0</protocolVersion>"
        f"<adminEmail>{text(settings.OAI_ADMIN_EMAIL)}</adminEmail>"
        f"<earliestDatestamp>{format_datestamp(earliest)}</earliestDatestamp>"
        "<deletedRecord>persistent</deletedRecord>"
        f"<granularity>{GRANULARITY}</granularity>"
        "<description>"
        f'<oai-identifier xmlns="{OAI_IDENTIFIER_NS}" '
        f'xsi:schemaLocation="{OAI_IDENTIFIER_NS} {OAI_IDENTIFIER_SCHEMA}">'
        "<scheme>oai</scheme>"
        f"<repositoryIdentifier>{text(settings.OAI_REPOSITORY_IDENTIFIER)}</repositoryIdentifier>"
        "<delimiter>:</delimiter>"
        f"<sampleIdentifier>{text(sample)}</sampleIdentifier>"
        "</oai-identifier>"
        "</description>"
        "</Identify>"
    )


def list_metadata_formats(request: ListMetadataFormats) -> str:
    if request.identifier is not None:
        found = selectors.entry(record_id_of(request.identifier))
        if found is None:
            raise IdDoesNotExist(f"{request.identifier!r} is not in this repository")
        if not found.deleted and not found.marc:
            raise NoMetadataFormats(f"{request.identifier!r} has no MARC to disseminate")
    formats = "".join(
        "<metadataFormat>"
        f"<metadataPrefix>{prefix}</metadataPrefix>"
        f"<schema>{schema}</schema>"
        f"<metadataNamespace>{namespace}</metadataNamespace>"
        "</metadataFormat>"
        for prefix, schema, namespace in FORMATS
    )
    return f"<ListMetadataFormats>{formats}</ListMetadataFormats>"


def list_sets(request: ListSets) -> str:
    if request.resumption_token is not None:
        # The set list always fits one response, so no token was ever issued for it.
        raise BadResumptionToken("ListSets never issues resumption tokens")
    body = "".join(
        f"<set><setSpec>{text(found.spec)}</setSpec><setName>{text(found.name)}</setName></set>"
        for found in selectors.sets()
    )
    return f"<ListSets>{body}</ListSets>"


def get_record(request: GetRecord) -> str:
    found = selectors.entry(record_id_of(request.identifier))
    if found is None:
        raise IdDoesNotExist(f"{request.identifier!r} is not in this repository")
    element = _record(found, request.metadata_prefix) if found.deleted or found.marc else None
    if element is None:
        raise CannotDisseminateFormat(f"{request.identifier!r} has no readable MARC")
    return f"<GetRecord>{element}</GetRecord>"


def list_entries(request: ListRequest, context: Context) -> str:
    page_size = settings.OAI_PAGE_SIZE
    if request.resumption_token is not None:
        resumed = tokens.decode(request.resumption_token, verb=request.verb, now=context.now)
        selection, after = resumed.selection, resumed.after
        cursor, complete = resumed.cursor, resumed.complete_size
    else:
        assert request.selection is not None
        selection, after, cursor, complete = request.selection, None, 0, 0
    page, more = selectors.entries_page(
        selection, after=after, limit=page_size, with_marc=request.with_metadata
    )
    if not page:
        raise NoRecordsMatch("no records match this selection")
    if request.resumption_token is None:
        complete = selectors.count_entries(selection) if more else len(page)
    if request.with_metadata:
        elements = [_record(entry, selection.metadata_prefix) for entry in page]
        body = "".join(element for element in elements if element is not None)
    else:
        body = "".join(_header(entry) for entry in page)
    token = _token(
        request, selection, page, more=more, cursor=cursor, complete=complete, now=context.now
    )
    return f"<{request.verb}>{body}{token}</{request.verb}>"


def _token(
    request: ListRequest,
    selection: Selection,
    page: list[Entry],
    *,
    more: bool,
    cursor: int,
    complete: int,
    now: dt.datetime,
) -> str:
    # The list size was counted when the harvest began; records changed since then may
    # make it an estimate, which the protocol allows.
    size = max(complete, cursor + len(page) + (1 if more else 0))
    if not more:
        if request.resumption_token is None:
            return ""  # the whole list fitted in this response
        return f'<resumptionToken completeListSize="{size}" cursor="{cursor}"/>'
    expires = now + tokens.lifetime()
    value = tokens.encode(
        tokens.Resumption(
            verb=request.verb,
            selection=selection,
            after=page[-1].position,
            cursor=cursor + len(page),
            complete_size=size,
            expires=expires,
        )
    )
    return (
        f'<resumptionToken expirationDate="{format_datestamp(expires)}" '
        f'completeListSize="{size}" cursor="{cursor}">{text(value)}</resumptionToken>'
    )


def _header(entry: Entry) -> str:
    status = ' status="deleted"' if entry.deleted else ""
    specs = "".join(f"<setSpec>{text(spec)}</setSpec>" for spec in entry.set_specs)
    return (
        f"<header{status}>"
        f"<identifier>{text(oai_identifier(entry.record_id))}</identifier>"
        f"<datestamp>{format_datestamp(entry.datestamp)}</datestamp>"
        f"{specs}</header>"
    )


def _record(entry: Entry, prefix: str) -> str | None:
    if entry.deleted:
        return f"<record>{_header(entry)}</record>"
    try:
        metadata = metadata_xml(entry.marc, prefix)
    except MalformedRecord:
        # save_record only ever stores MARC it wrote itself; a broken one is logged and
        # left out rather than breaking every harvest that reaches it.
        logger.exception("OAI-PMH: the stored MARC of record %s cannot be read", entry.record_id)
        return None
    return f"<record>{_header(entry)}<metadata>{metadata}</metadata></record>"

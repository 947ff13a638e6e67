"""The record schemas ``/sru`` can send: MARCXML (MARC21 slim) and Dublin Core.

Each renders a stored ``Record`` as the XML text of one ``recordData``; a record
whose stored MARC cannot be read renders as None (the response sends a surrogate
diagnostic in its place, and the rest of the page as usual).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from folkbib.catalog.marc.dublin_core import dublin_core
from folkbib.catalog.marc.errors import MalformedRecord
from folkbib.catalog.marc.iso2709 import LeanRecord, decode_record
from folkbib.catalog.marc.marcxml import MARC_NS, record_to_marcxml
from folkbib.catalog.models import Record

from .diagnostics import SruDiagnostic

DC_NS = "http://purl.org/dc/elements/1.1/"
SRW_DC_NS = "info:srw/schema/1/dc-schema"


@dataclass(frozen=True)
class Schema:
    name: str  # the short name explain advertises
    identifier: str  # the URI sent back in recordSchema
    title: str
    aliases: tuple[str, ...]  # other names clients use for it, lowercase
    render: Callable[[LeanRecord], str]


def _marcxml(lean: LeanRecord) -> str:
    return record_to_marcxml(lean).replace("<record>", f'<record xmlns="{MARC_NS}">', 1)


def _dc(lean: LeanRecord) -> str:
    elements = "".join(
        f"<dc:{name}>{escape(value)}</dc:{name}>" for name, value in dublin_core(lean)
    )
    return f'<srw_dc:dc xmlns:srw_dc="{SRW_DC_NS}" xmlns:dc="{DC_NS}">{elements}</srw_dc:dc>'


MARCXML = Schema(
    name="marcxml",
    identifier="info:srw/schema/1/marcxml-v1.1",
    title="MARC21 XML (MARCXML)",
    aliases=("marcxml", "marc21", "marc", "marc21xml", "marc21-xml", MARC_NS.lower()),
    render=_marcxml,
)
DUBLIN_CORE = Schema(
    name="dc",
    identifier="info:srw/schema/1/dc-v1.1",
    title="Dublin Core",
    aliases=("dc", "dublincore", "oai_dc", DC_NS.lower(), SRW_DC_NS.lower()),
    render=_dc,
)
SCHEMAS = (MARCXML, DUBLIN_CORE)
DEFAULT = MARCXML


def schema_for(requested: str) -> Schema:
    """The schema a ``recordSchema`` parameter names (empty: MARCXML); else diagnostic 66."""
    wanted = requested.strip().lower()
    if not wanted:
        return DEFAULT
    for schema in SCHEMAS:
        if wanted == schema.identifier.lower() or wanted in schema.aliases:
            return schema
    raise SruDiagnostic(66, requested)


def render(schema: Schema, record: Record) -> str | None:
    """The record's ``recordData`` content, or None when its stored MARC is unreadable."""
    try:
        lean, _canonical = decode_record(bytes(record.marc))
    except MalformedRecord:
        return None
    return schema.render(lean)

"""A stored record's metadata in the two formats we disseminate (pure).

- ``oai_dc``: simple Dublin Core from ``catalog.marc.dublin_core`` (the LC crosswalk);
- ``marc21``: the stored MARC as MARC21 slim XML (``catalog.marc.marcxml``), exactly the
  bibliographic record: items are not written as holdings fields here.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from folkbib.catalog.marc.dublin_core import dublin_core
from folkbib.catalog.marc.iso2709 import decode_record
from folkbib.catalog.marc.marcxml import MARC_NS, record_to_marcxml

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
MARC_SCHEMA = "http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd"

# (prefix, schema, namespace) as ListMetadataFormats announces them.
FORMATS = (
    ("oai_dc", OAI_DC_SCHEMA, OAI_DC_NS),
    ("marc21", MARC_SCHEMA, MARC_NS),
)

# Characters XML 1.0 cannot carry; MARC data occasionally has stray control bytes.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text(value: str) -> str:
    """``value`` as XML character data."""
    return escape(_NOT_XML.sub("", value))


def metadata_xml(marc: bytes, prefix: str) -> str:
    """The ``<metadata>`` content of a record; raises ``MalformedRecord`` for broken MARC.

    The xsi prefix is declared on the response's root element.
    """
    lean, _canonical = decode_record(marc)
    if prefix == "marc21":
        body = record_to_marcxml(lean)
        assert body.startswith("<record>")
        return (
            f'<record xmlns="{MARC_NS}" xsi:schemaLocation="{MARC_NS} {MARC_SCHEMA}">'
            + body[len("<record>") :]
        )
    elements = "".join(
        f"<dc:{element}>{text(value)}</dc:{element}>" for element, value in dublin_core(lean)
    )
    return (
        f'<oai_dc:dc xmlns:oai_dc="{OAI_DC_NS}" xmlns:dc="{DC_NS}" '
        f'xsi:schemaLocation="{OAI_DC_NS} {OAI_DC_SCHEMA}">{elements}</oai_dc:dc>'
    )

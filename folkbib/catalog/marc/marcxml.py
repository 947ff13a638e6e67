"""MARCXML (MARC21 slim) <-> ``LeanRecord``.

Each ``<record>`` element is parsed on its own (``stream.split_records`` cut it
out of the file), so one broken record is rejected while the rest parse, even
when the file as a whole is not well-formed XML.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import IO
from xml.etree import ElementTree
from xml.sax.saxutils import escape, quoteattr

from .errors import XmlRecordInvalid
from .iso2709 import LeanRecord, Subfields, is_control_tag

MARC_NS = "http://www.loc.gov/MARC21/slim"
_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_PREFIX = re.compile(rb"<([A-Za-z_][\w.-]*):record")
# Characters XML 1.0 cannot carry; MARC data occasionally has stray control bytes.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _nfc(text: str | None) -> str:
    if not text:
        return ""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text)


def decode_xml_record(raw: bytes) -> LeanRecord:
    """Parse the bytes of one ``<record>`` element (as cut out of a file)."""
    prefix_match = _PREFIX.match(raw.lstrip())
    declarations = f'xmlns:xsi="{_XSI_NS}"'
    if prefix_match and prefix_match.group(1) != b"xsi":
        declarations += f' xmlns:{prefix_match.group(1).decode()}="{MARC_NS}"'
    wrapped = b"<wrapper " + declarations.encode() + b">" + raw + b"</wrapper>"
    try:
        element = ElementTree.fromstring(wrapped)[0]
    except ElementTree.ParseError as error:
        line, column = error.position
        raise XmlRecordInvalid(
            f"MARCXML record is not well-formed XML ({_describe(error)}, line {line}, "
            f"column {column} of the record)"
        ) from None
    except IndexError:
        raise XmlRecordInvalid("MARCXML record is empty") from None
    leader = ""
    fields: list[tuple[str, str | tuple[str, str, Subfields]]] = []
    for child in element:
        name = _local(child.tag)
        if name == "leader":
            leader = child.text or ""
        elif name == "controlfield":
            tag = child.get("tag", "")
            fields.append((_checked_tag(tag), _nfc(child.text)))
        elif name == "datafield":
            tag = _checked_tag(child.get("tag", ""))
            subfields = [
                (sub.get("code", " ")[:1] or " ", _nfc(sub.text))
                for sub in child
                if _local(sub.tag) == "subfield"
            ]
            ind1 = (child.get("ind1") or " ")[:1]
            ind2 = (child.get("ind2") or " ")[:1]
            if is_control_tag(tag):
                raise XmlRecordInvalid(f"MARCXML record has control field {tag} as a datafield")
            fields.append((tag, (ind1, ind2, subfields)))
    if not leader.strip():
        raise XmlRecordInvalid("MARCXML record has no <leader>")
    leader = leader.ljust(24)[:24]
    # Alma exports write '#' or '-' for blanks in the leader.
    leader = "".join(" " if ch in "#-" else ch for ch in leader)
    return LeanRecord(leader[:9] + "a" + leader[10:], fields)


def _describe(error: ElementTree.ParseError) -> str:
    return str(error).split(":", 1)[0]


def _checked_tag(tag: str) -> str:
    if len(tag) != 3 or not (tag.isascii() and tag.isprintable()):
        raise XmlRecordInvalid(f"MARCXML record has an invalid tag ({tag!r})")
    return tag


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def record_to_marcxml(record: LeanRecord) -> str:
    """One ``<record>`` element (no namespace declaration; see ``write_marcxml``)."""
    parts = [f"<record><leader>{_text(record.leader)}</leader>"]
    for tag, value in record.fields:
        if isinstance(value, str):
            parts.append(f'<controlfield tag="{tag}">{_text(value)}</controlfield>')
            continue
        ind1, ind2, subfields = value
        parts.append(
            f"<datafield tag={quoteattr(tag)} ind1={quoteattr(ind1)} ind2={quoteattr(ind2)}>"
        )
        for code, text in subfields:
            parts.append(f"<subfield code={quoteattr(code)}>{_text(text)}</subfield>")
        parts.append("</datafield>")
    parts.append("</record>")
    return "".join(parts)


def write_marcxml(records: Iterable[LeanRecord], file: IO[bytes]) -> int:
    """Stream a ``<collection>`` to a binary file; returns the number of records."""
    file.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    file.write(f'<collection xmlns="{MARC_NS}">\n'.encode())
    count = 0
    for record in records:
        file.write(record_to_marcxml(record).encode("utf-8") + b"\n")
        count += 1
    file.write(b"</collection>\n")
    return count

"""MARC21 bibliographic record -> simple (unqualified) Dublin Core elements.

Follows the Library of Congress "MARC to Dublin Core Crosswalk" (unqualified)
and its stylesheet MARC21slim2OAIDC, with these deliberate choices:
- names (100/110/111/700/710/711/720) become ``creator``, as LC's OAI-DC
  stylesheet writes them (the crosswalk table itself says ``contributor``;
  harvesters look for ``creator``); relator subfields ($e $4) are left out;
- RDA records publish in 264 (second indicator 1), so 264 $a $b / $c count
  like 260 $a $b / $c for ``publisher`` and ``date``; 008/07-10 is the date
  only when the record has no 260/264 $c;
- SAB classification (084 with $2 kssb) is a ``subject`` beside 050/060/080/082,
  because Swedish libraries classify with it;
- ISBN and ISSN identifiers are written as ``URN:ISBN:...`` / ``URN:ISSN:...``
  so a harvester can tell them apart from URLs (856 $u) and other numbers (024),
  the number as catalogued (hyphens kept) without its qualifier ("(inb.)");
- language codes come from 008/35-37 and 041 (three letters each, duplicates
  dropped); a 546 note is a ``language`` too;
- alternate-script (880) fields are not crosswalked.

Pure: takes a ``LeanRecord`` (``iso2709.decode_record(bytes(record.marc))[0]``
for a stored ``Record``; ``dublin_core_of_stored`` does exactly that).
"""

from __future__ import annotations

import re

from .iso2709 import DataField, LeanRecord, decode_record
from .standard_numbers import ISBN_CANDIDATE, ISSN_CANDIDATE
from .text import clean, join_clean, unique

ELEMENTS = (
    "title",
    "creator",
    "subject",
    "description",
    "publisher",
    "contributor",
    "date",
    "type",
    "format",
    "identifier",
    "source",
    "language",
    "relation",
    "coverage",
    "rights",
)

# Subfields that are not part of a name or heading as a reader would see it:
# relators, authority links, linkage, field links, institution codes.
_NOT_TEXT = set("012345678e")
_DESCRIPTION_EXCLUDED = {"506", "530", "540", "546"}
_SUBJECT_TAGS = ("600", "610", "611", "630", "650", "653")
_CLASSIFICATION_TAGS = ("050", "060", "080", "082")
_COVERAGE_TAGS = ("651", "662", "751", "752")
_RELATION_TAGS = tuple(str(tag) for tag in range(760, 788) if tag != 786)

# Leader/06 -> DCMI type word, as in the LC crosswalk's appendix.
_TYPE_BY_LEADER = {
    **dict.fromkeys("acdt", "text"),
    **dict.fromkeys("efgk", "image"),
    **dict.fromkeys("ij", "sound"),
    "m": "software, multimedia",
    "o": "kit",
    "p": "mixed material",
    "r": "physical object",
}


def _subs(field: DataField, codes: str) -> list[str]:
    return [text for code, text in field[2] if code in codes]


def _text_subfields(field: DataField) -> list[str]:
    return [text for code, text in field[2] if code not in _NOT_TEXT]


def _heading(field: DataField) -> str:
    """A subject heading as "Main -- Subdivision -- Subdivision"."""
    main: list[str] = []
    subdivisions: list[str] = []
    for code, text in field[2]:
        if code in "vxyz":
            subdivisions.append(clean(text))
        elif code not in _NOT_TEXT and not subdivisions:
            main.append(text)
    return " -- ".join(part for part in [join_clean(main), *subdivisions] if part)


class _Fields:
    __slots__ = ("control", "data")

    def __init__(self, record: LeanRecord) -> None:
        self.control: dict[str, str] = {}
        self.data: dict[str, list[DataField]] = {}
        for tag, value in record.fields:
            if isinstance(value, str):
                self.control.setdefault(tag, value)
            else:
                self.data.setdefault(tag, []).append(value)

    def each(self, *tags: str) -> list[DataField]:
        return [field for tag in tags for field in self.data.get(tag, ())]


def _titles(fields: _Fields) -> list[str]:
    titles = [join_clean(_subs(field, "abfgknps")) for field in fields.each("245")]
    titles += [join_clean(_subs(field, "abfgnp")) for field in fields.each("246")]
    return titles


def _creators(fields: _Fields) -> list[str]:
    names = []
    for field in fields.each("100", "110", "111", "700", "710", "711", "720"):
        names.append(join_clean(_text_subfields(field)).rstrip(","))
    return names


def _subjects(fields: _Fields) -> list[str]:
    subjects = [_heading(field) for field in fields.each(*_SUBJECT_TAGS)]
    for field in fields.each(*_CLASSIFICATION_TAGS):
        subjects.append(join_clean(_subs(field, "ab")))
    for field in fields.each("084"):
        if any(source.strip().lower().startswith("kssb") for source in _subs(field, "2")):
            subjects.extend(clean(text) for text in _subs(field, "a"))
    return subjects


def _descriptions(fields: _Fields) -> list[str]:
    tags = sorted(
        tag
        for tag in fields.data
        if "500" <= tag <= "599" and tag not in _DESCRIPTION_EXCLUDED and tag != "534"
    )
    return [join_clean(_text_subfields(field)) for field in fields.each(*tags)]


def _published(fields: _Fields) -> list[DataField]:
    return fields.each("260") + [field for field in fields.each("264") if field[1] == "1"]


def _publishers(fields: _Fields) -> list[str]:
    return [join_clean(_subs(field, "ab")) for field in _published(fields)]


def _dates(fields: _Fields) -> list[str]:
    dates = [clean(text) for field in _published(fields) for text in _subs(field, "cg")]
    if not any(dates):
        date1 = fields.control.get("008", "")[7:11]
        if date1.isdigit():
            dates = [date1]
    return dates


def _types(record: LeanRecord, fields: _Fields) -> list[str]:
    types = []
    # Leader/07 "c" only: a serial ("s") is one resource, not a collection.
    if record.leader[7:8] == "c":
        types.append("collection")
    if kind := _TYPE_BY_LEADER.get(record.leader[6:7]):
        types.append(kind)
    types += [_heading(field) for field in fields.each("655")]
    return types


def _formats(fields: _Fields) -> list[str]:
    formats = [join_clean(_text_subfields(field)) for field in fields.each("340")]
    formats += [clean(text) for field in fields.each("856") for text in _subs(field, "q")]
    return formats


def _number(text: str, candidate: re.Pattern[str]) -> str:
    """The number in a subfield without its qualifier ("91-0-056322-6 (inb.)")."""
    match = candidate.search(text)
    return match.group().strip() if match else clean(text)


def _identifiers(fields: _Fields) -> list[str]:
    identifiers = []
    for field in fields.each("020"):
        numbers = [_number(text, ISBN_CANDIDATE) for text in _subs(field, "a")]
        identifiers += [f"URN:ISBN:{number}" for number in numbers if number]
    for field in fields.each("022"):
        numbers = [_number(text, ISSN_CANDIDATE) for text in _subs(field, "a")]
        identifiers += [f"URN:ISSN:{number}" for number in numbers if number]
    for field in fields.each("024"):
        identifiers += [clean(text) for text in _subs(field, "a")]
    for field in fields.each("856"):
        identifiers += [text.strip() for text in _subs(field, "u")]
    return identifiers


def _languages(fields: _Fields) -> list[str]:
    codes = [fields.control.get("008", "")[35:38].strip().lower()]
    for field in fields.each("041"):
        for text in _subs(field, "abdefghj"):
            text = text.strip().lower()
            codes += [text[i : i + 3] for i in range(0, len(text) - 2, 3)]
    languages = [code for code in codes if len(code) == 3 and code.isalpha()]
    languages += [join_clean(_subs(field, "ab")) for field in fields.each("546")]
    return languages


def _sources(fields: _Fields) -> list[str]:
    sources = [clean(text) for field in fields.each("534") for text in _subs(field, "t")]
    sources += [join_clean(_subs(field, "ot")) for field in fields.each("786")]
    return sources


def _relations(fields: _Fields) -> list[str]:
    relations = [join_clean(_text_subfields(field)) for field in fields.each("530")]
    relations += [join_clean(_subs(field, "ot")) for field in fields.each(*_RELATION_TAGS)]
    return relations


def _coverage(fields: _Fields) -> list[str]:
    return [_heading(field) for field in fields.each(*_COVERAGE_TAGS)]


def _rights(fields: _Fields) -> list[str]:
    return [join_clean(_text_subfields(field)) for field in fields.each("506", "540")]


def dublin_core(record: LeanRecord) -> list[tuple[str, str]]:
    """The record's simple Dublin Core as (element, value) pairs.

    Elements come in the order of ``ELEMENTS``; within an element, in the
    record's field order. Empty values and case-insensitive repeats of a value
    within one element are dropped. Element names are the bare DC 1.1 names
    (``title``, not ``dc:title``).
    """
    fields = _Fields(record)
    by_element: dict[str, list[str]] = {
        "title": _titles(fields),
        "creator": _creators(fields),
        "subject": _subjects(fields),
        "description": _descriptions(fields),
        "publisher": _publishers(fields),
        "contributor": [],
        "date": _dates(fields),
        "type": _types(record, fields),
        "format": _formats(fields),
        "identifier": _identifiers(fields),
        "source": _sources(fields),
        "language": _languages(fields),
        "relation": _relations(fields),
        "coverage": _coverage(fields),
        "rights": _rights(fields),
    }
    return [(element, value) for element in ELEMENTS for value in unique(by_element[element])]


def dublin_core_of_stored(marc: bytes | memoryview) -> list[tuple[str, str]]:
    """Dublin Core of a stored ``Record.marc`` (UTF-8 ISO 2709).

    Raises a ``MalformedRecord`` subclass if the stored bytes are broken.
    """
    lean, _canonical = decode_record(bytes(marc))
    return dublin_core(lean)


__all__ = ["ELEMENTS", "dublin_core", "dublin_core_of_stored"]

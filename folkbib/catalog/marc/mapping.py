"""MARC21 bibliographic record -> ``RecordFields`` (the extracted, indexed columns).

Works on a ``LeanRecord`` (see ``iso2709``) so the import's hot path never builds
pymarc objects; ``extract`` accepts a pymarc ``Record`` too. Decisions:
- authors are "Lindgren, Astrid": 1XX/7XX $a $b $c $q, no dates, no relators;
  880 (alternate script) forms of names, subjects and series are added after them;
- subjects are "Topic -- Subdivision" (6XX main part, then $v $x $y $z);
- ``isbns`` holds ISBN-13 and ISBN-10 forms of every 020 $a; an ISBN with a bad
  check digit is kept as printed (it is what a scanner reads off the book) but
  never converted and never used for matching;
- the control identifier is "<003>:<001>", with an empty prefix when 003 is missing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from stdnum import isbn as stdnum_isbn
from stdnum import issn as stdnum_issn

from .iso2709 import DataField, LeanRecord
from .material import material_type
from .text import clean, join_clean, unique


@dataclass(frozen=True, slots=True)
class RecordFields:
    """Everything extracted from one MARC record (see contracts.md)."""

    control_number: str
    control_number_identifier: str
    title: str
    subtitle: str
    responsibility: str
    sort_title: str
    authors: list[str]
    subjects: list[str]
    genres: list[str]
    isbns: list[str]
    issns: list[str]
    publisher: str
    year: int | None
    language: str
    languages: list[str]
    material_type: str
    series: list[str]
    summary: str
    edition: str
    sab: str
    dewey: str
    identifiers: list[tuple[str, str]]


class Index:
    """A record's fields grouped by tag; 880s also filed as "880:<linked tag>"."""

    __slots__ = ("control", "data")

    def __init__(self, record: LeanRecord) -> None:
        self.control: dict[str, str] = {}
        self.data: dict[str, list[DataField]] = {}
        data = self.data
        for tag, value in record.fields:
            if isinstance(value, str):
                self.control.setdefault(tag, value)
                continue
            if tag in data:
                data[tag].append(value)
            else:
                data[tag] = [value]
            if tag == "880":
                link = next((text for code, text in value[2] if code == "6"), "")
                data.setdefault("880:" + link[:3], []).append(value)

    def get(self, tag: str, default: Sequence[object] = ()) -> Sequence[object]:
        """Mapping-style access used by ``material`` (control fields first)."""
        if tag in self.control:
            return [self.control[tag]]
        return self.data.get(tag, default)


_NONE: list[DataField] = []


def _data(index: Index, *tags: str) -> list[DataField]:
    if len(tags) == 1:
        return index.data.get(tags[0], _NONE)
    return [field for tag in tags for field in index.data.get(tag, _NONE)]


def _control(index: Index, tag: str) -> str:
    return index.control.get(tag, "")


def _subs(field: DataField, codes: str) -> list[str]:
    return [text for code, text in field[2] if code in codes]


def _first(field: DataField, code: str) -> str:
    return next((text for sub, text in field[2] if sub == code), "")


def _with_880(index: Index, *tags: str) -> list[DataField]:
    if "880" not in index.data:
        return _data(index, *tags)
    fields = list(_data(index, *tags))
    for tag in tags:
        fields.extend(index.data.get("880:" + tag, _NONE))
    return fields


# --- titles -----------------------------------------------------------------


def _titles(index: Index) -> tuple[str, str, str, str]:
    fields = _data(index, "245")
    if not fields:
        for tag in ("130", "240", "246"):
            if alternative := _data(index, tag):
                title = join_clean(_subs(alternative[0], "anp"))
                return title, "", "", _sort_key(title)
        return "", "", "", ""
    field = fields[0]
    main = " ".join(_subs(field, "anp")) or " ".join(_subs(field, "k"))
    title = clean(main)
    subtitle = join_clean(_subs(field, "b"))
    responsibility = join_clean(_subs(field, "c"))
    skip = int(field[1]) if field[1].isdigit() else 0
    sort_source = main[skip:] if skip < len(main) else main
    return title, subtitle, responsibility, _sort_key(clean(sort_source))


_SORT_LEADING = re.compile(r"^[\W_]+")


def _sort_key(title: str) -> str:
    return _SORT_LEADING.sub("", title).lower()[:255]


# --- names and subjects -----------------------------------------------------

_NAME_CODES = {"100": "abcq", "700": "abcq", "110": "ab", "710": "ab", "111": "aq", "711": "aq"}


def _authors(index: Index) -> list[str]:
    names = []
    for tag in ("100", "110", "111", "700", "710", "711"):
        for field in _with_880(index, tag):
            # $5 marks an added entry that only matters to one holding library.
            if not any(code == "5" for code, _text in field[2]):
                names.append(join_clean(_subs(field, _NAME_CODES[tag])))
    return unique(names)


_SUBJECT_MAIN = {
    "600": "abcqdt",
    "610": "abt",
    "611": "anqdct",
    "630": "anp",
    "648": "a",
    "650": "ab",
    "651": "a",
}
_SUBDIVISIONS = "vxyz"


def _heading(field: DataField, main_codes: str) -> str:
    main: list[str] = []
    parts: list[str] = []
    for code, text in field[2]:
        if code in main_codes and not parts:
            main.append(text)
        elif code in _SUBDIVISIONS:
            parts.append(clean(text))
    return " -- ".join(part for part in [join_clean(main), *parts] if part)


def _subjects(index: Index) -> list[str]:
    headings = []
    for tag, codes in _SUBJECT_MAIN.items():
        for field in _with_880(index, tag):
            headings.append(_heading(field, codes))
    for field in _data(index, "653"):
        headings.extend(clean(text) for text in _subs(field, "a"))
    return unique(headings)


def _genres(index: Index) -> list[str]:
    return unique([_heading(field, "a") for field in _data(index, "655")])


def _series(index: Index) -> list[str]:
    series = [join_clean(_subs(field, "a")) for field in _with_880(index, "490")]
    for field in _with_880(index, "800", "810", "811"):
        series.append(join_clean(_subs(field, "tnp")))
    for field in _with_880(index, "830"):
        series.append(join_clean(_subs(field, "anp")))
    return unique(series)


# --- identifiers -------------------------------------------------------------

_ISBN_CANDIDATE = re.compile(r"[0-9][0-9\- ]{8,16}[0-9Xx]")


def _isbns(index: Index) -> tuple[list[str], list[str]]:
    """All ISBN forms for searching, and the valid ISBN-13s for matching."""
    forms: list[str] = []
    thirteens: list[str] = []
    for field in _data(index, "020"):
        for text in _subs(field, "a"):
            match = _ISBN_CANDIDATE.search(text)
            if not match:
                continue
            compact = stdnum_isbn.compact(match.group())
            if len(compact) not in (10, 13):
                continue
            if not stdnum_isbn.is_valid(compact):
                forms.append(compact)
                continue
            thirteen = stdnum_isbn.to_isbn13(compact)
            thirteens.append(thirteen)
            forms.append(thirteen)
            if thirteen.startswith("978"):
                forms.append(stdnum_isbn.to_isbn10(thirteen))
    return unique(forms), unique(thirteens)


_ISSN_CANDIDATE = re.compile(r"[0-9]{4}-?[0-9]{3}[0-9Xx]")


def _issns(index: Index) -> list[str]:
    issns = []
    for field in _data(index, "022"):
        for text in _subs(field, "a"):
            if match := _ISSN_CANDIDATE.search(text):
                compact = stdnum_issn.compact(match.group())
                issns.append(stdnum_issn.format(compact))
    return unique(issns)


_OCLC_PREFIX = re.compile(r"^(?:ocm|ocn|on)")


def normalise_035(text: str) -> str:
    """ "(OCoLC)ocm00012345 " -> "(OCoLC)12345"; other prefixes kept, spaces removed."""
    text = re.sub(r"\s+", "", text)
    match = re.match(r"^\(([^)]*)\)(.*)$", text)
    if not match:
        return text
    prefix, value = match.groups()
    if prefix.upper() == "OCOLC":
        prefix, value = "OCoLC", _OCLC_PREFIX.sub("", value).lstrip("0")
    return f"({prefix}){value}" if value else ""


def _identifiers(
    index: Index, control: str, org: str, thirteens: list[str]
) -> list[tuple[str, str]]:
    identifiers: list[tuple[str, str]] = []
    if control:
        identifiers.append(("ctrl", f"{org}:{control}"[:200]))
    for field in _data(index, "035"):
        for text in _subs(field, "a"):
            value = normalise_035(text)
            if value and len(value) <= 200:
                identifiers.append(("035", value))
    identifiers.extend(("isbn", value) for value in thirteens)
    return list(dict.fromkeys(identifiers))


# --- publication -------------------------------------------------------------

_YEAR = re.compile(r"(?<!\d)(1\d{3}|20\d{2})(?!\d)")
_UNKNOWN_PUBLISHER = re.compile(
    r"^\[?s\.\s?n\.?\]?$|^\[?sine nomine\]?$|^\[?förlag saknas\]?$", re.I
)


def _publication_fields(index: Index) -> list[DataField]:
    published = [field for field in _data(index, "264") if field[1] == "1"]
    return published + _data(index, "260")


def _publisher(index: Index) -> str:
    for field in _publication_fields(index):
        for text in _subs(field, "b"):
            name = clean(text)
            if name and not _UNKNOWN_PUBLISHER.match(name):
                return name
    return ""


def _year(index: Index, f008: str) -> int | None:
    for field in _publication_fields(index):
        for text in _subs(field, "c"):
            if match := _YEAR.search(text):
                return int(match.group())
    date1 = f008[7:11]
    if date1.isdigit() and 1000 <= int(date1) <= 2099:
        return int(date1)
    for field in _data(index, "264"):
        for text in _subs(field, "c"):
            if match := _YEAR.search(text):
                return int(match.group())
    return None


_LANGUAGE = re.compile(r"^[a-z]{3}$")


def _languages(index: Index, f008: str) -> tuple[str, list[str]]:
    codes = []
    primary = f008[35:38].lower()
    if _LANGUAGE.match(primary):
        codes.append(primary)
    for field in _data(index, "041"):
        for text in _subs(field, "ad"):
            text = text.strip().lower()
            codes.extend(text[i : i + 3] for i in range(0, len(text) - 2, 3))
    codes = [code for code in unique(codes) if _LANGUAGE.match(code)]
    return (codes[0] if codes else ""), codes


# --- the whole record -------------------------------------------------------------


def _joined(fields: Sequence[DataField], codes: str, separator: str) -> str:
    return separator.join(
        text for text in (join_clean(_subs(field, codes)) for field in fields) if text
    )


def _classification(index: Index) -> tuple[str, str]:
    sab = ""
    for field in _data(index, "084"):
        if any(source.strip().lower().startswith("kssb") for source in _subs(field, "2")):
            sab = _first(field, "a").strip()
            if sab:
                break
    dewey = ""
    for field in _data(index, "082"):
        dewey = _first(field, "a").replace("/", "").replace("'", "").strip()
        if dewey:
            break
    return sab[:100], dewey[:100]


def extract_lean(record: LeanRecord) -> RecordFields:
    """Extract the indexed fields from a decoded record (the fast path)."""
    index = Index(record)
    f008 = _control(index, "008")
    control = _control(index, "001").strip()[:64]
    org = _control(index, "003").strip()[:64]
    title, subtitle, responsibility, sort_title = _titles(index)
    isbns, thirteens = _isbns(index)
    language, languages = _languages(index, f008)
    sab, dewey = _classification(index)
    return RecordFields(
        control_number=control,
        control_number_identifier=org,
        title=title,
        subtitle=subtitle,
        responsibility=responsibility,
        sort_title=sort_title,
        authors=_authors(index),
        subjects=_subjects(index),
        genres=_genres(index),
        isbns=isbns,
        issns=_issns(index),
        publisher=_publisher(index),
        year=_year(index, f008),
        language=language,
        languages=languages,
        material_type=material_type(record.leader, index),
        series=_series(index),
        summary=_joined(_data(index, "520"), "ab", "\n\n"),
        edition=_joined(_data(index, "250")[:1], "ab", ""),
        sab=sab,
        dewey=dewey,
        identifiers=_identifiers(index, control, org, thirteens),
    )

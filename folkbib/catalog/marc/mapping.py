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

from .iso2709 import DataField, LeanRecord
from .material import material_type
from .standard_numbers import (
    ISBN_CANDIDATE,
    ISSN_CANDIDATE,
    compact_isbn,
    format_issn,
    isbn10,
    valid_isbn13,
)
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


# Every tag the mapping reads (``material`` included). ``decode_canonical`` leaves
# all others out, so a tag read below but missing here is silently empty:
# test_marc_fast_paths.py extracts both ways and compares.
EXTRACTED_TAGS = frozenset(
    """
    001 003 007 008 020 022 035 041 082 084 100 110 111 130 240 245 246 250 260 264 336 338
    347 490 500 520 538 600 610 611 630 648 650 651 653 655 700 710 711 800 810 811 830 880
    """.split()  # noqa: SIM905 - a table of tags reads better than 44 quoted strings
)


class Index:
    """A record's fields grouped by tag; 880s also filed as "880:<linked tag>"."""

    __slots__ = ("control", "data")

    def __init__(self, record: LeanRecord) -> None:
        self.control: dict[str, str] = {}
        self.data: dict[str, list[DataField]] = {}
        control, data = self.control, self.data
        for tag, value in record.fields:
            if isinstance(value, str):
                if tag not in control:
                    control[tag] = value
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

    def with_880(self, tag: str) -> list[DataField]:
        """The fields tagged ``tag``, then their alternate-script (880) forms."""
        data = self.data
        fields = data.get(tag, _NONE)
        if "880" in data:
            return fields + data.get("880:" + tag, _NONE)
        return fields


_NONE: list[DataField] = []


def _subs(field: DataField, codes: str) -> list[str]:
    return [text for code, text in field[2] if code in codes]


def _first(field: DataField, code: str) -> str:
    return next((text for sub, text in field[2] if sub == code), "")


# --- titles -----------------------------------------------------------------


def _titles(index: Index) -> tuple[str, str, str, str]:
    fields = index.data.get("245")
    if not fields:
        for tag in ("130", "240", "246"):
            if alternative := index.data.get(tag):
                title = join_clean(_subs(alternative[0], "anp"))
                return title, "", "", _sort_key(title)
        return "", "", "", ""
    field = fields[0]
    titles: list[str] = []
    forms: list[str] = []
    subtitles: list[str] = []
    statements: list[str] = []
    for code, text in field[2]:  # one pass; `in`, not `==`, as for every other tag
        if code in "anp":
            titles.append(text)
        if code in "k":
            forms.append(text)
        if code in "b":
            subtitles.append(text)
        if code in "c":
            statements.append(text)
    main = " ".join(titles) or " ".join(forms)
    title = clean(main)
    subtitle = join_clean(subtitles)
    responsibility = join_clean(statements)
    skip = int(field[1]) if field[1].isdigit() else 0
    sort_source = main[skip:] if skip < len(main) else main
    return title, subtitle, responsibility, _sort_key(clean(sort_source))


_SORT_LEADING = re.compile(r"^[\W_]+")


def _sort_key(title: str) -> str:
    if title and not title[0].isalnum():  # the same test as the pattern's [\W_], minus a call
        title = _SORT_LEADING.sub("", title)
    return title.lower()[:255]


# --- names and subjects -----------------------------------------------------

_NAME_CODES = (
    ("100", "abcq"),
    ("110", "ab"),
    ("111", "aq"),
    ("700", "abcq"),
    ("710", "ab"),
    ("711", "aq"),
)


def _authors(index: Index) -> list[str]:
    names = []
    for tag, codes in _NAME_CODES:
        for _ind1, _ind2, subfields in index.with_880(tag):
            parts = []
            for code, text in subfields:
                if code == "5":
                    break  # an added entry that only matters to one holding library
                if code in codes:
                    parts.append(text)
            else:
                names.append(join_clean(parts))
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
    head = join_clean(main)
    if not parts:
        return head
    return " -- ".join([part for part in [head, *parts] if part])


def _subjects(index: Index) -> list[str]:
    headings = []
    data = index.data
    for tag, codes in _SUBJECT_MAIN.items():
        if tag in data or "880:" + tag in data:
            headings.extend([_heading(field, codes) for field in index.with_880(tag)])
    for field in index.data.get("653", _NONE):
        headings.extend([clean(text) for text in _subs(field, "a")])
    return unique(headings)


def _genres(index: Index) -> list[str]:
    return unique([_heading(field, "a") for field in index.data.get("655", _NONE)])


def _series(index: Index) -> list[str]:
    series = [join_clean(_subs(field, "a")) for field in index.with_880("490")]
    # All 800/810/811, then all their 880 forms, as one list.
    for tag in ("800", "810", "811", "880:800", "880:810", "880:811"):
        series.extend([join_clean(_subs(field, "tnp")) for field in index.data.get(tag, _NONE)])
    series.extend([join_clean(_subs(field, "anp")) for field in index.with_880("830")])
    return unique(series)


# --- identifiers -------------------------------------------------------------


def _isbns(index: Index) -> tuple[list[str], list[str]]:
    """All ISBN forms for searching, and the valid ISBN-13s for matching."""
    forms: list[str] = []
    thirteens: list[str] = []
    for field in index.data.get("020", _NONE):
        for text in _subs(field, "a"):
            match = ISBN_CANDIDATE.search(text)
            if not match:
                continue
            compact = compact_isbn(match.group())
            thirteen = valid_isbn13(compact)
            if thirteen is None:
                if len(compact) in (10, 13):
                    forms.append(compact)
                continue
            thirteens.append(thirteen)
            forms.append(thirteen)
            if thirteen.startswith("978"):
                forms.append(isbn10(thirteen))
    return unique(forms), unique(thirteens)


def _issns(index: Index) -> list[str]:
    issns = []
    for field in index.data.get("022", _NONE):
        for text in _subs(field, "a"):
            if match := ISSN_CANDIDATE.search(text):
                issns.append(format_issn(match.group()))
    return unique(issns)


_WHITE_SPACE = re.compile(r"\s+")


def normalise_035(text: str) -> str:
    """ "(OCoLC)ocm00012345 " -> "(OCoLC)12345"; other prefixes kept, spaces removed."""
    # Every character \s matches is a space or not printable: skip the pattern when neither occurs.
    if " " in text or not text.isprintable():
        text = _WHITE_SPACE.sub("", text)
    close = text.find(")")
    if not text.startswith("(") or close < 0:
        return text
    prefix, value = text[1:close], text[close + 1 :]
    if prefix.upper() == "OCOLC":
        for oclc_prefix in ("ocm", "ocn", "on"):
            if value.startswith(oclc_prefix):
                value = value[len(oclc_prefix) :]
                break
        prefix, value = "OCoLC", value.lstrip("0")
    return f"({prefix}){value}" if value else ""


def _identifiers(
    index: Index, control: str, org: str, thirteens: list[str]
) -> list[tuple[str, str]]:
    identifiers: list[tuple[str, str]] = []
    if control:
        identifiers.append(("ctrl", f"{org}:{control}"[:200]))
    for field in index.data.get("035", _NONE):
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
    published = [field for field in index.data.get("264", _NONE) if field[1] == "1"]
    return published + index.data.get("260", _NONE)


def _publisher(published: list[DataField]) -> str:
    for field in published:
        for text in _subs(field, "b"):
            name = clean(text)
            if name and not _UNKNOWN_PUBLISHER.match(name):
                return name
    return ""


def _year(index: Index, published: list[DataField], f008: str) -> int | None:
    for field in published:
        for text in _subs(field, "c"):
            if match := _YEAR.search(text):
                return int(match.group())
    date1 = f008[7:11]
    if date1.isdigit() and 1000 <= int(date1) <= 2099:
        return int(date1)
    # A reissue whose own date is unknown ("ruuuu1965"): the original's year in
    # 008/11-14 is the best year a patron can filter and sort on.
    date2 = f008[11:15]
    if f008[6:7] == "r" and date2.isdigit() and 1000 <= int(date2) <= 2099:
        return int(date2)
    for field in index.data.get("264", _NONE):
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
    for field in index.data.get("041", _NONE):
        for text in _subs(field, "ad"):
            text = text.strip().lower()
            codes.extend(text[i : i + 3] for i in range(0, len(text) - 2, 3))
    codes = [code for code in unique(codes) if _LANGUAGE.match(code)]
    return (codes[0] if codes else ""), codes


# --- the whole record -------------------------------------------------------------


def _joined(fields: Sequence[DataField], codes: str, separator: str) -> str:
    return separator.join(
        [text for text in (join_clean(_subs(field, codes)) for field in fields) if text]
    )


def _classification(index: Index) -> tuple[str, str]:
    sab = ""
    for field in index.data.get("084", _NONE):
        if any(source.strip().lower().startswith("kssb") for source in _subs(field, "2")):
            sab = _first(field, "a").strip()
            if sab:
                break
    dewey = ""
    for field in index.data.get("082", _NONE):
        dewey = _first(field, "a").replace("/", "").replace("'", "").strip()
        if dewey:
            break
    return sab[:100], dewey[:100]


def extract_lean(record: LeanRecord) -> RecordFields:
    """Extract the indexed fields from a decoded record (the fast path).

    Only fields tagged in ``EXTRACTED_TAGS`` matter: a record decoded by
    ``decode_canonical(raw, EXTRACTED_TAGS)`` gives the same result.
    """
    index = Index(record)
    control_fields = index.control
    f008 = control_fields.get("008", "")
    control = control_fields.get("001", "").strip()[:64]
    org = control_fields.get("003", "").strip()[:64]
    title, subtitle, responsibility, sort_title = _titles(index)
    isbns, thirteens = _isbns(index)
    language, languages = _languages(index, f008)
    sab, dewey = _classification(index)
    published = _publication_fields(index)
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
        publisher=_publisher(published),
        year=_year(index, published, f008),
        language=language,
        languages=languages,
        material_type=material_type(record.leader, index),
        series=_series(index),
        summary=_joined(index.data.get("520", _NONE), "ab", "\n\n"),
        edition=_joined(index.data.get("250", _NONE)[:1], "ab", ""),
        sab=sab,
        dewey=dewey,
        identifiers=_identifiers(index, control, org, thirteens),
    )

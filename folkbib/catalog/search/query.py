"""The user query language, parsed into engine-neutral clauses (pure, no ORM).

Free words, ``"phrases"``, and fielded terms ``title:``, ``author:``, ``subject:``,
``series:``, ``isbn:``, ``year:1990-2000`` (Swedish aliases ``titel:``, ``författare:``,
``ämne:``, ``serie:``, ``år:``). Every clause must match (AND). The parser is forgiving:
an unbalanced quote closes at the end, a field with no value is dropped, an unknown
``word:`` is plain text. Only what cannot be guessed raises ``QuerySyntaxError``.

The user query language only makes ``Text``, ``Isbn`` and ``YearRange`` clauses (the
engines' fast path). Other edges build richer queries directly: SRU's CQL needs
``AnyOf`` (OR), ``Not``, nested ``AllOf``, exact ``Term``s of keyword fields,
right-truncated ``Text(prefix=True)`` and ``Near`` (proximity); every engine
implements them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from folkbib.catalog.search.documents import compact_isbn, isbn_variants, looks_like_isbn
from folkbib.catalog.search.errors import QuerySyntaxError

MAX_QUERY_LENGTH = 500
MAX_CLAUSES = 32

TEXT_FIELDS = ("title", "author", "subject", "series")
_FIELD_ALIASES = {
    "title": "title",
    "titel": "title",
    "author": "author",
    "författare": "author",
    "forfattare": "author",
    "subject": "subject",
    "ämne": "subject",
    "amne": "subject",
    "series": "series",
    "serie": "series",
    "isbn": "isbn",
    "year": "year",
    "år": "year",
    "ar": "year",
}


@dataclass(frozen=True)
class Text:
    """Words that must all occur, in this order and adjacent if ``phrase``.

    ``field`` None means any text field; besides ``TEXT_FIELDS`` an edge may ask for
    ``"other"`` (summary, publisher, edition, classification). With ``prefix`` the
    last word is a prefix ("pipp" finds "Pippi").
    """

    text: str
    field: str | None = None
    phrase: bool = False
    prefix: bool = False


@dataclass(frozen=True)
class Isbn:
    values: tuple[str, ...]  # compact ISBN-13 and ISBN-10 forms


@dataclass(frozen=True)
class YearRange:
    start: int | None
    end: int | None


# Keyword fields a ``Term`` can test, and what their values are.
TERM_FIELDS = {
    "language": "an ISO 639-2 code as catalogued (swe, eng)",
    "material_type": "a catalog.marc.material value (book, audiobook, ...)",
    "number": "a document number: issn:<compact ISSN> or id:<identifier>, lowercase",
}


@dataclass(frozen=True)
class Term:
    """The keyword field ``field`` holds one of ``values`` exactly."""

    field: str  # a key of TERM_FIELDS
    values: tuple[str, ...]


@dataclass(frozen=True)
class AllOf:
    """Every clause matches (an AND inside an ``AnyOf`` or ``Not``); empty matches all."""

    clauses: tuple[Clause, ...]


@dataclass(frozen=True)
class AnyOf:
    """At least one clause matches (OR); empty matches nothing."""

    clauses: tuple[Clause, ...]


@dataclass(frozen=True)
class Not:
    """The clause does not match."""

    clause: Clause


@dataclass(frozen=True)
class Near:
    """Two words at most ``distance`` words apart, in either order (1: side by side).

    ``field`` None means any text field; both words must be in the same one.
    """

    first: str
    second: str
    distance: int
    field: str | None = None


Clause = Text | Isbn | YearRange | Term | AllOf | AnyOf | Not | Near


@dataclass(frozen=True)
class ParsedQuery:
    clauses: tuple[Clause, ...]

    @property
    def is_empty(self) -> bool:
        return not self.clauses


# A token: an optional "field:" prefix, then a quoted phrase (closing quote optional)
# or a bare word. Quotes in the middle of a word are treated as text.
_TOKEN = re.compile(
    r'(?:(?P<field>[^\s:"]+):)?(?:"(?P<phrase>[^"]*)(?:"|$)|(?P<word>[^\s"]+))?',
)
_YEAR = re.compile(r"^(?P<start>\d{1,4})?(?:(?P<dash>\s*[-–]\s*|\.\.)(?P<end>\d{1,4})?)?$")


def parse_query(raw: str) -> ParsedQuery:
    """Parse a user query; raises ``QuerySyntaxError`` with a readable message."""
    text = raw.strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise QuerySyntaxError(
            _("Sökfrågan är för lång (högst %(max)d tecken).") % {"max": MAX_QUERY_LENGTH}
        )
    clauses: list[Clause] = []
    pending_field: str | None = None  # "title: pippi" – a field whose value follows a space
    position = 0
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        match = _TOKEN.match(text, position)
        assert match is not None  # the pattern matches the empty string
        if match.end() == position:  # a lone '"' at the end, or similar
            position += 1
            continue
        position = match.end()
        raw_field, phrase, word = match.group("field", "phrase", "word")
        field = _FIELD_ALIASES.get(raw_field.casefold()) if raw_field else None
        if raw_field and field is None:
            # "Dune: roman" – not one of ours, so the colon is punctuation.
            word = f"{raw_field} {word or phrase or ''}".strip()
            phrase = None
        if field is None and pending_field and (word or phrase):
            field, pending_field = pending_field, None
        if field and phrase is None and word is None:
            pending_field = field
            continue
        if phrase is not None:
            if phrase.strip():
                clauses.append(_fielded(field, phrase, is_phrase=True))
        elif word:
            clauses.append(_fielded(field, word, is_phrase=False))
    if len(clauses) > MAX_CLAUSES:
        raise QuerySyntaxError(
            _("Sökfrågan har för många ord (högst %(max)d).") % {"max": MAX_CLAUSES}
        )
    return ParsedQuery(tuple(clauses))


def _fielded(field: str | None, value: str, *, is_phrase: bool) -> Clause:
    value = value.strip()
    if field == "year":
        return _year_range(value)
    if field == "isbn" or (field is None and looks_like_isbn(value)):
        return _isbn(value)
    return Text(text=value, field=field, phrase=is_phrase)


def _year_range(value: str) -> YearRange:
    match = _YEAR.match(value)
    if not match or not (match.group("start") or match.group("end")):
        raise QuerySyntaxError(
            _(
                "Kan inte förstå årtalet ”%(value)s”. Skriv ett år eller ett intervall, "
                "till exempel year:1998 eller year:1990-2000."
            )
            % {"value": value}
        )
    start = int(match.group("start")) if match.group("start") else None
    end = int(match.group("end")) if match.group("end") else None
    if match.group("dash") is None:
        end = start  # a single year
    if start is not None and end is not None and start > end:
        start, end = end, start  # "2000-1990" means the same interval
    return YearRange(start, end)


def _isbn(value: str) -> Isbn:
    compact = compact_isbn(value)
    if not re.fullmatch(r"\d{9}[\dX]|\d{13}", compact):
        raise QuerySyntaxError(
            _(
                "”%(value)s” är inte ett ISBN. Ett ISBN har 10 eller 13 tecken, "
                "till exempel isbn:91-29-65762-7 eller isbn:9789129657623."
            )
            % {"value": value}
        )
    return Isbn(tuple(isbn_variants(compact)))

"""The shape of one hand-catalogued work and the vocabularies its fields draw on.

A ``Work`` is the work as first published (author, title, year, classification,
subjects, a summary written by us). Every work gets a printed-book record; the
``daisy``, ``audio`` and ``large_print`` flags add one record per extra edition.
Only facts we are sure of are recorded: no ISBNs or other external identifiers,
no extents, no narrators unless certain, publishers only where known.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Form(Enum):
    """Literary form; drives 008/33 (books), 008/30-31 (sound) and the SAB suffix."""

    NOVEL = "novel"
    STORIES = "stories"
    POETRY = "poetry"
    DRAMA = "drama"
    COMICS = "comics"
    NONFICTION = "nonfiction"


class Audience(Enum):
    """Who the book is for, in the SAB sense (Hcf(yb), Hcf, Hcg, Hc,u)."""

    ADULT = "adult"
    PICTURE_BOOK = "picture_book"  # Hcf(yb), 0-6 years
    EARLY = "early"  # Hcf, up to about 9 years
    MIDDLE = "middle"  # Hcg, 9-12 years
    YOUTH = "youth"  # Hc,u, 13 years and up

    @property
    def juvenile(self) -> bool:
        return self is not Audience.ADULT


@dataclass(frozen=True)
class Person:
    """An agent in inverted form; ``dates`` only when we are certain of them."""

    name: str  # "Efternamn, Förnamn"
    dates: str = ""  # "1907-2002" or "1981-"

    @property
    def display_name(self) -> str:
        """ "Lindgren, Astrid" -> "Astrid Lindgren" (for 245 $c)."""
        surname, _, forename = self.name.partition(", ")
        return f"{forename} {surname}" if forename else surname


@dataclass(frozen=True)
class Publication:
    """Place and publisher of the first edition, recorded only when known."""

    place: str
    publisher: str


@dataclass(frozen=True)
class Work:
    no: int  # stable local number; the records' 001 derives from it, never renumber
    authors: tuple[Person, ...]  # first one goes to 100, the others to 700
    title: str
    year: int  # year of first publication in Swedish
    form: Form
    sab: str  # SAB shelf mark of the printed book, e.g. "Hc.01", "Hcg", "Kc"
    summary: str  # 520, read aloud by the talking kiosk
    audience: Audience = Audience.ADULT
    subtitle: str = ""
    part_number: str = ""  # 245 $n
    part_name: str = ""  # 245 $p
    nonfiling: int = 0  # 245 ind2: characters of an initial article ("En " = 3, "Den " = 4)
    end_year: int | None = None  # last year of a work first published over several years
    illustrators: tuple[Person, ...] = ()
    genres: tuple[str, ...] = ()  # adult: saogf terms; children: barngf terms
    subjects: tuple[str, ...] = ()  # sao topical terms (650)
    places: tuple[str, ...] = ()  # sao geographic names (651)
    series: str = ""
    series_number: str = ""
    first_edition: Publication | None = None
    narrators: tuple[Person, ...] = ()  # audiobook readers, only when certain
    daisy: bool = False  # add a talking-book (DAISY) record
    audio: bool = False  # add an audiobook (CD) record
    large_print: bool = False  # add a large-print record


def person(name: str, dates: str = "") -> Person:
    return Person(name=name, dates=dates)


STOCKHOLM = "Stockholm"
BONNIER = Publication(STOCKHOLM, "Bonnier")
NORSTEDT = Publication(STOCKHOLM, "Norstedt")
RABEN_SJOGREN = Publication(STOCKHOLM, "Rabén & Sjögren")

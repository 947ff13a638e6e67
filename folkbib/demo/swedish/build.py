"""Build ``folkbib/demo/data/swedish_catalogue.marcxml`` from the works in ``works/``.

Run ``.venv/bin/python -m folkbib.demo.swedish.build`` after editing a work; with
``--check`` it only reports whether the shipped file is up to date (exit status 1 if not).

Encoding choices (see README.md next to this file for the reasons):
- every edition is its own record; 001 is ``fb-sv-NNNN`` for the printed book and
  ``fb-sv-NNNN-tb`` (talbok, DAISY), ``-lb`` (ljudbok, CD), ``-ss`` (storstil), 003 ``FOLKBIB``;
- the printed book describes the first edition: 008/06 ``s`` (``m`` for works first
  published over several years) with the first-publication year;
- the other editions are reissues whose own year we do not know: 008/06 ``r``,
  Date 1 ``uuuu``, Date 2 the first-publication year, no 264, a note with the year;
- leader/17 ``7`` (minimal level: no extent, no ISBN, nothing we could not verify),
  leader/18 ``i`` (ISBD punctuation, RDA).
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from enum import Enum
from pathlib import Path

from pymarc import Field, Indicators, Leader, Record, Subfield
from pymarc.marcxml import record_to_xml_node

from .works import WORKS, Audience, Form, Person, Work

OUTPUT_PATH = Path(__file__).resolve().parent.parent / "data" / "swedish_catalogue.marcxml"

AGENCY = "FOLKBIB"
# 008/00-05 "date entered on file": fixed, so that rebuilding gives the same bytes.
DATE_ENTERED = "261126"
MARCXML_NS = "http://www.loc.gov/MARC21/slim"


class Edition(Enum):
    PRINT = ""
    LARGE_PRINT = "-ss"
    DAISY = "-tb"
    AUDIO = "-lb"

    @property
    def is_sound(self) -> bool:
        return self in (Edition.DAISY, Edition.AUDIO)


def editions_of(work: Work) -> list[Edition]:
    editions = [Edition.PRINT]
    if work.large_print:
        editions.append(Edition.LARGE_PRINT)
    if work.daisy:
        editions.append(Edition.DAISY)
    if work.audio:
        editions.append(Edition.AUDIO)
    return editions


def control_number(work: Work, edition: Edition = Edition.PRINT) -> str:
    return f"fb-sv-{work.no:04d}{edition.value}"


# --- fixed fields ---------------------------------------------------------------

_BOOK_LITERARY_FORM = {
    Form.NOVEL: "1",
    Form.STORIES: "j",
    Form.POETRY: "p",
    Form.DRAMA: "d",
    Form.COMICS: "c",
    Form.NONFICTION: "0",
}
# 008/30-31 for non-musical sound recordings ("literary text").
_SOUND_LITERARY_TEXT = {
    Form.NOVEL: "f ",
    Form.STORIES: "f ",
    Form.POETRY: "p ",
    Form.DRAMA: "d ",
    Form.COMICS: "f ",
}


def _dates(work: Work, edition: Edition) -> str:
    """008/06-14: type of date, Date 1, Date 2."""
    if edition is not Edition.PRINT:
        return f"ruuuu{work.year}"
    if work.end_year is not None:
        return f"m{work.year}{work.end_year}"
    return f"s{work.year}    "


def _audience(work: Work) -> str:
    return "j" if work.audience.juvenile else " "


def fixed_field_008(work: Work, edition: Edition) -> str:
    head = DATE_ENTERED + _dates(work, edition) + "sw "
    if edition.is_sound:
        if work.form is Form.NONFICTION:
            literary_text = "h " if work.sab.startswith("K") else "z "
        else:
            literary_text = _SOUND_LITERARY_TEXT[work.form]
        body = "nnnn" + _audience(work) + " " + " " * 6 + literary_text + " n "
    else:
        illustrated = work.audience is Audience.PICTURE_BOOK or work.form is Form.COMICS
        illustrations = "a   " if illustrated else "    "
        form_of_item = "d" if edition is Edition.LARGE_PRINT else " "
        contents = "6   " if work.form is Form.COMICS else "    "
        body = (
            illustrations
            + _audience(work)
            + form_of_item
            + contents
            + " 000 "
            + _BOOK_LITERARY_FORM[work.form]
            + " "
        )
    value = head + body + "swe" + " d"
    assert len(value) == 40, (work.no, edition, value)
    return value


def leader(edition: Edition) -> Leader:
    record_type = "i" if edition.is_sound else "a"
    return Leader(f"00000n{record_type}m a22000007i 4500")


# --- variable fields ------------------------------------------------------------


def _names(people: Sequence[Person]) -> str:
    names = [p.display_name for p in people]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " och " + names[-1]


def _agent(person: Person, relator: str) -> list[Subfield]:
    if person.dates:
        return [
            Subfield("a", f"{person.name},"),
            Subfield("d", person.dates),
            Subfield("4", relator),
        ]
    return [Subfield("a", person.name), Subfield("4", relator)]


def title_statement(work: Work) -> Field:
    parts: list[list[str]] = [["a", work.title]]
    if work.part_number or work.part_name:
        parts[-1][1] += "."
        if work.part_number:
            parts.append(["n", work.part_number])
        if work.part_name:
            if work.part_number:
                parts[-1][1] += ","
            parts.append(["p", work.part_name])
    if work.subtitle:
        parts[-1][1] += " :"
        parts.append(["b", work.subtitle])
    parts[-1][1] += " /"
    parts.append(["c", _names(work.authors)])
    return Field(
        tag="245",
        indicators=Indicators("1", str(work.nonfiling)),
        subfields=[Subfield(code, value) for code, value in parts],
    )


def _full_title(work: Work) -> str:
    title = work.title
    if work.part_number:
        title += f". {work.part_number}"
    if work.part_name:
        title += f", {work.part_name}" if work.part_number else f". {work.part_name}"
    return title


def _publication(work: Work) -> Field:
    years = f"{work.year}-{work.end_year}" if work.end_year else str(work.year)
    # Brackets: the year comes from reference sources, not from a copy in hand.
    subfields: list[Subfield] = []
    if work.first_edition is not None:
        subfields += [
            Subfield("a", f"{work.first_edition.place} :"),
            Subfield("b", f"{work.first_edition.publisher},"),
        ]
    subfields.append(Subfield("c", f"[{years}]"))
    return Field(tag="264", indicators=Indicators(" ", "1"), subfields=subfields)


def _rda_types(edition: Edition) -> list[Field]:
    if edition.is_sound:
        terms = [
            ("336", "spoken word", "spw", "rdacontent"),
            ("337", "audio", "s", "rdamedia"),
            ("338", "audio disc", "sd", "rdacarrier"),
        ]
    else:
        terms = [
            ("336", "text", "txt", "rdacontent"),
            ("337", "unmediated", "n", "rdamedia"),
            ("338", "volume", "nc", "rdacarrier"),
        ]
    return [
        Field(
            tag=tag,
            indicators=Indicators(" ", " "),
            subfields=[Subfield("a", term), Subfield("b", code), Subfield("2", source)],
        )
        for tag, term, code, source in terms
    ]


def _series(work: Work) -> list[Field]:
    if not work.series:
        return []
    if work.series_number:
        subfields = [Subfield("a", f"{work.series} ;"), Subfield("v", work.series_number)]
    else:
        subfields = [Subfield("a", work.series)]
    return [
        Field(tag="490", indicators=Indicators("1", " "), subfields=list(subfields)),
        Field(tag="830", indicators=Indicators(" ", "0"), subfields=list(subfields)),
    ]


_EDITION_NOTE = {
    Edition.LARGE_PRINT: "Storstilsutgåva.",
    Edition.DAISY: "Talbok i DAISY-format.",
    Edition.AUDIO: "Ljudbok på CD.",
}


def _sab(work: Work, edition: Edition) -> str:
    # "/LC" is SAB's media suffix for sound recordings on compact disc (Libris: Hc.01/LC).
    return work.sab + ("/LC" if edition.is_sound else "")


# 007: regular print, large print; sound disc with the other positions left uncoded (fill).
_CARRIER_007 = {
    Edition.PRINT: "ta",
    Edition.LARGE_PRINT: "tb",
    Edition.DAISY: "sd " + "|" * 11,
    Edition.AUDIO: "sd " + "|" * 11,
}


def _simple(tag: str, ind1: str, ind2: str, *subfields: tuple[str, str]) -> Field:
    return Field(
        tag=tag,
        indicators=Indicators(ind1, ind2),
        subfields=[Subfield(code, value) for code, value in subfields],
    )


def build_record(work: Work, edition: Edition) -> Record:
    record = Record(force_utf8=True)
    record.leader = leader(edition)
    fields: list[Field] = [
        Field(tag="001", data=control_number(work, edition)),
        Field(tag="003", data=AGENCY),
        Field(tag="007", data=_CARRIER_007[edition]),
        Field(tag="008", data=fixed_field_008(work, edition)),
        _simple("040", " ", " ", ("a", AGENCY), ("b", "swe"), ("e", "rda")),
        _simple("084", " ", " ", ("a", _sab(work, edition)), ("2", "kssb/8")),
        Field(tag="100", indicators=Indicators("1", " "), subfields=_agent(work.authors[0], "aut")),
        title_statement(work),
    ]
    if edition is Edition.LARGE_PRINT:
        fields.append(_simple("250", " ", " ", ("a", "Storstil")))
    if edition is Edition.PRINT:
        fields.append(_publication(work))
    fields += _rda_types(edition)
    if edition is Edition.DAISY:
        fields.append(_simple("347", " ", " ", ("a", "audio file"), ("b", "DAISY"), ("2", "rdaft")))
    fields += _series(work)[:1]
    if edition is not Edition.PRINT:
        fields.append(_simple("500", " ", " ", ("a", _EDITION_NOTE[edition])))
        fields.append(_simple("500", " ", " ", ("a", f"Originalupplagan utkom {work.year}.")))
    narrators = work.narrators if edition is Edition.AUDIO else ()
    if narrators:
        fields.append(_simple("511", "0", " ", ("a", f"Uppläsare: {_names(narrators)}")))
    fields.append(_simple("520", " ", " ", ("a", work.summary)))
    fields += [_simple("650", " ", "7", ("a", term), ("2", "sao")) for term in work.subjects]
    fields += [_simple("651", " ", "7", ("a", name), ("2", "sao")) for name in work.places]
    genre_source = "barngf" if work.audience.juvenile else "saogf"
    fields += [_simple("655", " ", "7", ("a", g), ("2", genre_source)) for g in work.genres]
    if edition is Edition.DAISY:
        # A local term (ind2 4): MTM's and Libris' talking-book marker, read by our mapping.
        fields.append(_simple("655", " ", "4", ("a", "Talböcker")))
    if edition is Edition.AUDIO:
        fields.append(_simple("655", " ", "7", ("a", "Ljudböcker"), ("2", "saogf")))
    agents = [(p, "aut") for p in work.authors[1:]] + [(p, "ill") for p in work.illustrators]
    agents += [(p, "nrt") for p in narrators]
    fields += [
        Field(tag="700", indicators=Indicators("1", " "), subfields=_agent(p, relator))
        for p, relator in agents
    ]
    if edition is not Edition.PRINT:
        fields.append(
            _simple(
                "775",
                "0",
                "8",
                ("i", "Annan utgåva:"),
                ("t", _full_title(work)),
                ("w", f"({AGENCY}){control_number(work)}"),
            )
        )
    fields += _series(work)[1:]
    for field in fields:
        record.add_field(field)
    return record


def build_records(works: Iterable[Work] = WORKS) -> list[Record]:
    return [build_record(work, edition) for work in works for edition in editions_of(work)]


def render(records: Iterable[Record]) -> bytes:
    """MARCXML collection, one element per line, so that diffs stay readable."""
    # The records inherit the MARC21 slim namespace from the collection element.
    collection = ET.Element("collection", {"xmlns": MARCXML_NS})
    for record in records:
        collection.append(record_to_xml_node(record, namespace=False))
    ET.indent(collection, space="  ")
    return ET.tostring(collection, encoding="UTF-8", xml_declaration=True) + b"\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the shipped file")
    args = parser.parse_args(argv)
    data = render(build_records())
    if args.check:
        current = OUTPUT_PATH.read_bytes() if OUTPUT_PATH.exists() else b""
        if current != data:
            print(f"{OUTPUT_PATH} is out of date; rebuild it.", file=sys.stderr)
            return 1
        return 0
    OUTPUT_PATH.write_bytes(data)
    print(f"wrote {data.count(b'<record>')} records to {OUTPUT_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

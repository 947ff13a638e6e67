"""Field mapping decisions, on small records built here (no real example of each exists)."""

from __future__ import annotations

import pymarc
import pytest

from folkbib.catalog.marc import extract, normalise_035
from folkbib.catalog.marc.text import clean


def _record(leader: str = "00000nam a2200000 a 4500", **fields: object) -> pymarc.Record:
    """fields: tag -> str (control) or list of (indicators, [code, value, code, value ...])."""
    record = pymarc.Record(leader=leader)
    for key, value in fields.items():
        tag = key.lstrip("_")[:3]
        if isinstance(value, str):
            record.add_field(pymarc.Field(tag=tag, data=value))
            continue
        for indicators, pairs in value:  # type: ignore[attr-defined]
            subfields = [pymarc.Subfield(pairs[i], pairs[i + 1]) for i in range(0, len(pairs), 2)]
            record.add_field(
                pymarc.Field(
                    tag=tag, indicators=pymarc.Indicators(*indicators), subfields=subfields
                )
            )
    return record


F008_BOOK = "170101s2017    sw            000 1 swe d"
TITLE = [("10", ["a", "Bröderna Lejonhjärta /", "c", "Astrid Lindgren."])]


def _with_form(form: str) -> str:
    return F008_BOOK[:23] + form + F008_BOOK[24:]


@pytest.mark.parametrize(
    ("leader", "extra", "expected"),
    [
        ("00000nam a2200000 a 4500", {}, "book"),
        ("00000nam a2200000 a 4500", {"008": _with_form("d")}, "large_print"),
        ("00000nam a2200000 a 4500", {"008": _with_form("o")}, "ebook"),
        ("00000nam a2200000 a 4500", {"007": "cr |||||||||||"}, "ebook"),
        ("00000nim a2200000 a 4500", {}, "audiobook"),
        (
            "00000nim a2200000 a 4500",
            {"347": [("  ", ["a", "ljudfil", "b", "DAISY 2.02"])]},
            "talking_book",
        ),
        ("00000nim a2200000 a 4500", {"500": [("  ", ["a", "Talbok med text."])]}, "talking_book"),
        (
            "00000nim a2200000 a 4500",
            {"655": [(" 7", ["a", "Talböcker", "2", "saogf"])]},
            "talking_book",
        ),
        ("00000ngm a2200000 a 4500", {}, "film"),
        ("00000njm a2200000 a 4500", {}, "music"),
        ("00000ncm a2200000 a 4500", {}, "score"),
        ("00000nem a2200000 a 4500", {}, "map"),
        ("00000nas a2200000 a 4500", {}, "magazine"),
        ("00000nrm a2200000 a 4500", {"008": F008_BOOK[:33] + "g" + F008_BOOK[34:]}, "game"),
        ("00000nmm a2200000 a 4500", {"008": F008_BOOK[:26] + "g" + F008_BOOK[27:]}, "game"),
        ("00000nmm a2200000 a 4500", {}, "electronic"),
        ("00000nkm a2200000 a 4500", {}, "picture"),
        ("00000nom a2200000 a 4500", {}, "kit"),
        (
            "00000n m a2200000 a 4500",
            {"336": [("  ", ["a", "spoken word", "2", "rdacontent"])]},
            "audiobook",
        ),
        ("00000n m a2200000 a 4500", {}, "other"),
    ],
)
def test_it_maps_the_material_type(leader: str, extra: dict[str, object], expected: str) -> None:
    fields: dict[str, object] = {"008": F008_BOOK, "245": TITLE, **extra}
    assert extract(_record(leader, **fields)).material_type == expected


def test_it_finds_an_isbn10_and_its_isbn13_whichever_was_catalogued() -> None:
    record = _record(
        **{
            "020": [
                ("  ", ["a", "91-29-65731-8 (inb.)"]),
                ("  ", ["a", "9789129657319 :", "c", "199 kr"]),
            ],
            "_020": [("  ", ["a", "0-306-40615-3"])],  # bad check digit: kept as printed
        }
    )
    fields = extract(record)
    assert fields.isbns == ["9789129657319", "9129657318", "0306406153"]
    assert ("isbn", "9789129657319") in fields.identifiers
    assert ("isbn", "0306406153") not in fields.identifiers


def test_it_normalises_issns() -> None:
    assert extract(_record(**{"022": [("0 ", ["a", "03451569"])]})).issns == ["0345-1569"]


def test_the_control_identifier_has_an_empty_prefix_without_003() -> None:
    assert extract(_record(**{"001": "123"})).identifiers[0] == ("ctrl", ":123")
    with_org = extract(_record(**{"001": " 123 ", "003": "SE-LIBR"}))
    assert with_org.identifiers[0] == ("ctrl", "SE-LIBR:123")
    assert (with_org.control_number, with_org.control_number_identifier) == ("123", "SE-LIBR")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("(OCoLC)ocm00012345 ", "(OCoLC)12345"),
        ("(OCoLC)on1234567", "(OCoLC)1234567"),
        ("(ocolc)00012345", "(OCoLC)12345"),
        ("(SE-LIBR) 1234", "(SE-LIBR)1234"),
        ("ocm83598326", "ocm83598326"),
    ],
)
def test_it_normalises_035_for_matching(value: str, expected: str) -> None:
    assert normalise_035(value) == expected


def test_it_drops_nonfiling_characters_from_the_sort_title() -> None:
    fields = extract(_record(**{"245": [("14", ["a", "The Hobbit, or, There and back again /"])]}))
    assert (fields.title, fields.sort_title) == (
        "The Hobbit, or, There and back again",
        "hobbit, or, there and back again",
    )


def test_it_extracts_titles_and_authors_without_isbd_punctuation_dates_or_relators() -> None:
    record = _record(
        **{
            "100": [("1 ", ["a", "Lindgren, Astrid,", "d", "1907-2002,", "e", "författare."])],
            "245": [
                (
                    "10",
                    [
                        "a",
                        "Bröderna Lejonhjärta :",
                        "b",
                        "en saga /",
                        "c",
                        "Astrid Lindgren ; ill. Ilon Wikland.",
                    ],
                )
            ],
            "700": [("1 ", ["a", "Lewis, C. S.", "q", "(Clive Staples),", "d", "1898-1963."])],
            "710": [("2 ", ["a", "Sverige.", "b", "Riksdagen.", "4", "pbl"])],
        }
    )
    fields = extract(record)
    assert (fields.title, fields.subtitle) == ("Bröderna Lejonhjärta", "en saga")
    assert fields.responsibility == "Astrid Lindgren ; ill. Ilon Wikland"
    assert fields.authors == [
        "Lindgren, Astrid",
        "Lewis, C. S. (Clive Staples)",
        "Sverige. Riksdagen",
    ]


def test_it_builds_subject_strings_with_subdivisions() -> None:
    record = _record(
        **{
            "600": [("10", ["a", "Lindgren, Astrid,", "d", "1907-2002", "v", "Biografi."])],
            "650": [(" 7", ["a", "Barnlitteratur", "z", "Sverige", "y", "1900-talet", "2", "sao"])],
            "655": [(" 7", ["a", "Fantasy.", "2", "saogf"])],
        }
    )
    fields = extract(record)
    assert fields.subjects == [
        "Lindgren, Astrid, 1907-2002 -- Biografi",
        "Barnlitteratur -- Sverige -- 1900-talet",
    ]
    assert fields.genres == ["Fantasy"]


def test_publication_year_falls_back_to_008_and_unknown_publishers_are_skipped() -> None:
    record = _record(
        **{
            "008": F008_BOOK,
            "260": [("  ", ["a", "[S.l.] :", "b", "[s.n.],", "c", "[u.å.]"])],
            "264": [(" 1", ["a", "Stockholm :", "b", "Rabén & Sjögren,", "c", "[2017]"])],
        }
    )
    fields = extract(record)
    assert (fields.publisher, fields.year) == ("Rabén & Sjögren", 2017)
    assert extract(_record(**{"008": F008_BOOK, "260": [("  ", ["b", "[s.n.]"])]})).publisher == ""
    assert extract(_record(**{"008": F008_BOOK})).year == 2017


def test_a_reissue_of_unknown_date_takes_the_original_year_from_008() -> None:
    reissue = "261126ruuuu1965sw            000 1 swe d"
    assert extract(_record(**{"008": reissue})).year == 1965
    unknown = "261126suuuu    sw            000 1 swe d"
    assert extract(_record(**{"008": unknown})).year is None


def test_language_comes_from_008_with_041_adding_the_others() -> None:
    record = _record(
        **{
            "008": F008_BOOK[:35] + "   " + F008_BOOK[38:],
            "041": [("1 ", ["a", "swefin", "h", "eng"])],
        }
    )
    fields = extract(record)
    assert (fields.language, fields.languages) == ("swe", ["swe", "fin"])


def test_it_reads_sab_from_kssb_and_dewey_without_segmentation_marks() -> None:
    record = _record(
        **{
            "084": [("  ", ["a", "Ab", "2", "kssb/7"]), ("  ", ["a", "Hcf", "2", "kssb/8"])],
            "082": [("04", ["a", "839.73/8", "2", "23"])],
        }
    )
    assert (extract(record).sab, extract(record).dewey) == ("Ab", "839.738")


def test_series_summary_and_edition() -> None:
    record = _record(
        **{
            "250": [("  ", ["a", "2. uppl."])],
            "490": [("1 ", ["a", "Bröderna Lejonhjärta ;", "v", "1"])],
            "830": [(" 0", ["a", "Lejonhjärta-serien."])],
            "520": [("  ", ["a", "Om två bröder."]), ("  ", ["a", "En klassiker."])],
        }
    )
    fields = extract(record)
    assert fields.edition == "2. uppl."
    assert fields.series == ["Bröderna Lejonhjärta", "Lejonhjärta-serien"]
    assert fields.summary == "Om två bröder\n\nEn klassiker"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Bröderna Lejonhjärta /", "Bröderna Lejonhjärta"),
        ("Stockholm :", "Stockholm"),
        ("Lindgren, Astrid,", "Lindgren, Astrid"),
        ("Lindgren, Astrid.", "Lindgren, Astrid"),
        ("Lewis, C. S.", "Lewis, C. S."),
        ("Tolkien, J.R.R.", "Tolkien, J.R.R."),
        ("King, Martin Luther, Jr.", "King, Martin Luther, Jr."),
        ("2nd ed.", "2nd ed."),
        ("Vänta lite...", "Vänta lite..."),
        ("[Stockholm]", "Stockholm"),
        ("  En   titel  ;", "En titel"),
        ("Parallel title =", "Parallel title"),
    ],
)
def test_it_strips_isbd_punctuation_but_keeps_initials_and_abbreviations(
    value: str, expected: str
) -> None:
    assert clean(value) == expected


def test_alternate_script_names_are_added_after_the_romanised_ones() -> None:
    record = _record(
        **{
            "100": [("1 ", ["6", "880-01", "a", "Lyons, Daniel,"])],
            "880": [("1 ", ["6", "100-01/$1", "a", "刘宁."])],
        }
    )
    assert extract(record).authors == ["Lyons, Daniel", "刘宁"]

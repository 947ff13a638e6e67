"""The import's fast paths for search documents give exactly what the plain code gives."""

from __future__ import annotations

import random

from stdnum import isbn as stdnum_isbn

from folkbib.catalog.search.documents import (
    Holding,
    assemble_document,
    build_document,
    compact_isbn,
    document_parts,
    isbn_variants,
)


def stdnum_variants(value: str) -> list[str]:
    """``isbn_variants`` as first written: python-stdnum decides everything."""
    compact = compact_isbn(value)
    if not compact:
        return []
    if not stdnum_isbn.is_valid(compact):
        return [compact]
    variants = [stdnum_isbn.to_isbn13(compact)]
    if variants[0].startswith("978"):
        variants.append(stdnum_isbn.to_isbn10(compact))
    return list(dict.fromkeys(variants))


def isbn_shapes(rng: random.Random) -> list[str]:
    """Valid and broken ISBNs of every length and prefix, with and without separators."""
    shapes = []
    for _ in range(4000):
        length = rng.choice([9, 10, 10, 10, 11, 12, 13, 13, 13, 14])
        prefix = rng.choice(["978", "979", "977", "", ""])
        digits = prefix + "".join(rng.choice("0123456789") for _ in range(length))
        digits = digits[:length]
        if length == 13 and rng.random() < 0.5:  # a correct EAN check digit
            body = digits[:12]
            total = sum(map(int, body[0::2])) + 3 * sum(map(int, body[1::2]))
            digits = body + str(-total % 10)
        if length == 10 and rng.random() < 0.5:  # a correct ISBN-10 check digit
            check = sum(w * int(d) for w, d in enumerate(digits[:9], 1)) % 11
            digits = digits[:9] + ("X" if check == 10 else str(check))
        if rng.random() < 0.1:
            digits = digits[:-1] + rng.choice("Xx")
        if rng.random() < 0.2:
            cut = rng.randrange(1, len(digits))
            digits = digits[:cut] + rng.choice("- ") + digits[cut:]
        shapes.append(digits)
    return shapes


def test_isbn_variants_agree_with_stdnum_on_every_shape():
    rng = random.Random(2709)
    odd = ["", "X", "978-91-29-65762-3", "91-29-65762-8", "0-306-40615-2", "979-10-90636-07-1"]
    odd += ["９７８９１２９６５７６２３", "123456789X", "123456789x", "97891296576X3"]
    for value in odd + isbn_shapes(rng):
        assert isbn_variants(value) == stdnum_variants(value), value


class Fields:
    title = "Röda rummet"
    subtitle = "skildringar ur artist- och författarlivet"
    responsibility = "August Strindberg"
    sort_title = "Röda rummet"
    authors = ["Strindberg, August", " Strindberg, August "]
    subjects = ["Stockholm"]
    genres = ["Romaner", ""]
    series = []
    isbns = ["9789129657623", "91-29-65762-8", "bad"]
    summary = "En roman."
    publisher = "Bonnier"
    edition = ""
    sab = "Hc"
    year = 1879
    material_type = ""
    language = "swe"
    languages = ["swe", "ger"]


def test_a_document_assembled_from_parts_equals_one_built_at_once():
    holdings = [
        Holding("vindeln", "2404", False),
        Holding("umea-stad", "2480", True),
        Holding("vindeln", "2404", True),
    ]
    built = build_document(record_id=7, fields=Fields(), holdings=holdings)
    assert assemble_document(7, document_parts(Fields()), holdings) == built
    assert built.isbns == ["9789129657623", "9129657628", "BAD"]
    assert built.branches == ["vindeln", "umea-stad"]
    assert built.available_branches == ["umea-stad", "vindeln"]
    assert built.material_type == "other" and built.available


def test_tantivy_indexes_the_json_form_exactly_as_the_dict_form(tmp_path):
    from folkbib.catalog.search import SearchFilters, SearchRequest, parse_query
    from folkbib.catalog.search.tantivy_backend import TantivyBackend

    class Other(Fields):
        title = "Hemsöborna"
        subtitle = ""
        responsibility = ""
        sort_title = "Hemsöborna"
        authors = ["Strindberg, August"]
        isbns = ["979-10-90636-07-1"]
        year = None
        material_type = "talking_book"
        languages = ["swe"]

    docs = [
        build_document(record_id=1, fields=Fields(), holdings=[Holding("vindeln", "2404", True)]),
        build_document(record_id=2, fields=Other(), holdings=[Holding("umea-stad", "2480", False)]),
    ]
    by_dict = TantivyBackend(tmp_path / "dict")
    with by_dict._writer() as writer:
        for doc in docs:
            writer.add_document(by_dict._to_tantivy(doc))
    by_json = TantivyBackend(tmp_path / "json")
    assert by_json.index_documents(docs) == 2
    requests = [
        SearchRequest(parse_query(q), filters, sort)
        for q in [
            "",
            "roda rummet",
            "strindberg",
            "author:strindberg",
            "isbn:9129657628",
            "isbn:9791090636071",
            "stockholm",
            "year:1870-1880",
            "bonnier",
            "hc",
        ]
        for filters in [
            SearchFilters(),
            SearchFilters(available_now=True),
            SearchFilters(available_at="vindeln", languages=["ger"]),
            SearchFilters(material_types=["talking_book"], municipalities=["2480"]),
        ]
        for sort in ["relevance", "title", "newest"]
    ]
    answered = 0
    for request in requests:
        expected = by_dict.search(request)
        assert by_json.search(request) == expected, request
        answered += bool(expected.hits)
    assert answered > len(requests) // 4  # the requests do find things


def test_list_columns_are_the_json_that_json_dumps_writes():
    import json

    from folkbib.catalog.services.preparing import _json_text

    values = [[], ["a"], ['Åsa "Lill" Öberg', "tab\there", "\x00\x1f", "日本", "😀"], [1, "x"], 7]
    for value in values:
        assert _json_text(value) == json.dumps(value)


def test_lifting_holdings_that_are_not_last_equals_reencoding_the_record():
    from folkbib.catalog.marc.iso2709 import LeanRecord, encode_record
    from folkbib.catalog.marc.reader import decode_raw
    from folkbib.catalog.services.preparing import drop_fields

    from .import_data.helpers import LIBRIS, koha_952, raw_records

    for raw in raw_records(LIBRIS)[:5]:
        lean, _ = decode_raw(raw)
        holding = ("952", (" ", " ", koha_952("1", "vindeln")))
        local = ("999", (" ", " ", [("a", "lokal anmärkning")]))
        for fields in (
            [*lean.fields, holding, local],  # holdings in the middle: every offset moves
            [holding, *lean.fields, holding],
            [*lean.fields, holding, holding],  # holdings last: the slicing shortcut
            list(lean.fields),  # no holdings at all
        ):
            with_holdings = encode_record(LeanRecord(lean.leader, fields))
            without = LeanRecord(lean.leader, [f for f in fields if f[0] != "952"])
            assert drop_fields(with_holdings, b"952") == encode_record(without)


def test_a_bulk_import_json_document_is_the_json_of_the_assembled_document(tmp_path):
    import json

    from folkbib.catalog.search.tantivy_backend import TantivyBackend
    from folkbib.catalog.search.tantivy_schema import bulk_json, record_json

    class Bare(Fields):
        subtitle = ""
        responsibility = ""
        authors: list[str] = []
        subjects: list[str] = []
        genres: list[str] = []
        series: list[str] = []
        summary = ""
        year = None

    backend = TantivyBackend(tmp_path)
    holdings_cases = [
        [],
        [Holding("vindeln", "2404", False)],
        [
            Holding("vindeln", "2404", False),
            Holding("umea-stad", "2480", True),
            Holding("vindeln", "2404", True),
            Holding(" umea-stad", "2480 ", True),
        ],
        [Holding("", "2404", True), Holding(" ", " ", False), Holding('"å\\', "2480", True)],
    ]
    compared = 0
    for fields in (Fields(), Bare()):
        parts = document_parts(fields)
        for record_id, holdings in enumerate(holdings_cases, start=(1 << 40) - 1):
            expected = backend._to_json(assemble_document(record_id, parts, holdings))
            text = bulk_json(record_id, fields.year, record_json(parts), holdings)
            assert json.loads(text) == json.loads(expected)
            compared += 1
    assert compared == 8

"""The ZeeRex explain record: what ``/sru`` supports, drawn from the tables it runs on.

Indexes, relations, schemas and limits come from ``translate``, ``schemas`` and the
view's constants, so the explain record cannot drift from the behaviour.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from . import schemas, translate

EXPLAIN_NS = "http://explain.z3950.org/dtd/2.0/"

_INDEX_TITLES = {
    "any": "Any text (title, author, subject, series, summary, publisher)",
    "all": "Every record",
    "title": "Title",
    "author": "Author, creator or contributor (person, body, meeting)",
    "subject": "Subject and genre",
    "series": "Series",
    "other": "Summary, publisher, edition and classification",
    "year": "Year of publication",
    "identifier": "ISBN, ISSN or control number (001, or 003:001)",
    "isbn": "ISBN (10 or 13 digits, either finds both)",
    "issn": "ISSN",
    "language": "Language (ISO 639-2, e.g. swe)",
    "material_type": "Material type (folkbib codes or DCMI Type words)",
}


def explain_document(
    *, host: str, port: int, path: str, version: str, default_records: int, max_records: int
) -> str:
    sets = "".join(
        f"<set name={quoteattr(name)} identifier={quoteattr(uris[0])}/>"
        for name, uris in translate.CONTEXT_SETS.items()
    )
    indexes = []
    for (context, name), kind in translate.INDEXES.items():
        sortable = kind in ("title", "year")
        indexes.append(
            f'<index search="true" scan="{str(kind == "title").lower()}" '
            f'sort="{str(sortable).lower()}">'
            f'<title lang="en">{escape(_INDEX_TITLES[kind])}</title>'
            f"<map><name set={quoteattr(context)}>{escape(name)}</name></map></index>"
        )
    schema_info = "".join(
        f"<schema identifier={quoteattr(schema.identifier)} name={quoteattr(schema.name)} "
        f'retrieve="true" sort="false"><title>{escape(schema.title)}</title></schema>'
        for schema in schemas.SCHEMAS
    )
    relations = sorted({r for family in translate.RELATIONS.values() for r in family})
    supports = "".join(
        f'<supports type="relation">{escape(relation)}</supports>' for relation in relations
    )
    supports += "".join(
        f'<supports type="relationModifier">{escape(m)}</supports>'
        for m in sorted(translate.IGNORED_MODIFIERS)
    )
    return (
        f'<explain xmlns="{EXPLAIN_NS}">'
        f'<serverInfo protocol="SRU" version="{escape(version)}" transport="http" '
        'method="GET POST">'
        f"<host>{escape(host)}</host><port>{port}</port><database>{escape(path)}</database>"
        "</serverInfo>"
        "<databaseInfo>"
        '<title lang="sv" primary="true">folkbib: regionens gemensamma katalog</title>'
        '<title lang="en">folkbib: the region\'s shared library catalogue</title>'
        '<description lang="en">Search and retrieve the shared catalogue of the region\'s '
        "public libraries (MARC21 records).</description></databaseInfo>"
        f"<indexInfo>{sets}{''.join(indexes)}</indexInfo>"
        f"<schemaInfo>{schema_info}</schemaInfo>"
        "<configInfo>"
        f'<default type="numberOfRecords">{default_records}</default>'
        f'<default type="retrieveSchema">{schemas.DEFAULT.name}</default>'
        '<default type="contextSet">dc</default>'
        '<default type="index">cql.serverChoice</default>'
        '<default type="relation">=</default>'
        f'<setting type="maximumRecords">{max_records}</setting>'
        '<supports type="sort">dc.title dc.date</supports>'
        '<supports type="maskingCharacter">*</supports>'
        f"{supports}"
        "</configInfo>"
        "</explain>"
    )

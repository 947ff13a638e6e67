"""CQL syntax tree -> the catalogue's engine-neutral query (pure, no ORM).

What each index, relation and term means here is listed in ``docs/protocols/sru.md``;
anything else is refused with the SRU diagnostic the spec names (``SruDiagnostic``).
The result's top level is an AND of clauses, so "dc.title=x and dc.creator=y" takes
the engines' plain fast path; OR and NOT become ``AnyOf`` / ``Not`` clauses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from folkbib.catalog.search.documents import compact_isbn, isbn_variants, number_key
from folkbib.catalog.search.query import (
    AllOf,
    AnyOf,
    Clause,
    Isbn,
    Near,
    Not,
    ParsedQuery,
    Term,
    Text,
    YearRange,
)

from . import cql
from .diagnostics import SruDiagnostic

MAX_BOOLEANS = 64
MIN_MASKED_LENGTH = 2
MAX_PROXIMITY = 10

CONTEXT_SETS = {
    "cql": ("info:srw/cql-context-set/1/cql-v1.2", "info:srw/cql-context-set/1/cql-v1.1"),
    "dc": ("info:srw/cql-context-set/1/dc-v1.1",),
    "bath": ("http://zing.z3950.org/cql/bath/2.0/",),
    "rec": ("info:srw/cql-context-set/2/rec-1.1", "info:srw/cql-context-set/2/rec-1.0"),
}
_SET_BY_URI = {uri.lower(): name for name, uris in CONTEXT_SETS.items() for uri in uris}

# (context set, index name) -> what is searched. Kinds: a text field of the engines
# ("any", "title", "author", "subject", "series", "other"), or "isbn", "issn",
# "identifier", "year", "language", "material_type", "all" (every record).
INDEXES: dict[tuple[str, str], str] = {
    ("cql", "serverchoice"): "any",
    ("cql", "anywhere"): "any",
    ("cql", "keywords"): "any",
    ("cql", "allrecords"): "all",
    ("dc", "title"): "title",
    ("dc", "creator"): "author",
    ("dc", "contributor"): "author",
    ("dc", "subject"): "subject",
    ("dc", "description"): "other",
    ("dc", "publisher"): "other",
    ("dc", "date"): "year",
    ("dc", "identifier"): "identifier",
    ("dc", "language"): "language",
    ("dc", "type"): "material_type",
    ("bath", "any"): "any",
    ("bath", "title"): "title",
    ("bath", "keytitle"): "title",
    ("bath", "uniformtitle"): "title",
    ("bath", "seriestitle"): "series",
    ("bath", "author"): "author",
    ("bath", "name"): "author",
    ("bath", "personalname"): "author",
    ("bath", "corporatename"): "author",
    ("bath", "conferencename"): "author",
    ("bath", "subject"): "subject",
    ("bath", "topicalsubject"): "subject",
    ("bath", "geographicname"): "subject",
    ("bath", "isbn"): "isbn",
    ("bath", "issn"): "issn",
    ("bath", "standardidentifier"): "identifier",
    ("rec", "identifier"): "identifier",
    ("rec", "id"): "identifier",
}
TEXT_KINDS = ("any", "title", "author", "subject", "series", "other")
NUMBER_KINDS = ("isbn", "issn", "identifier")
TERM_KINDS = ("language", "material_type")
RELATIONS = {
    "text": ("=", "==", "<>", "all", "any", "adj"),
    "number": ("=", "==", "<>", "any"),
    "term": ("=", "==", "<>", "any"),
    "year": ("=", "==", "<>", "<", ">", "<=", ">=", "within"),
}
# Relation modifiers that change nothing here: the engines always stem, ignore case
# and rank by relevance.
IGNORED_MODIFIERS = frozenset({"relevant", "stem", "ignorecase", "ignoreaccents", "word"})

# ISO 639-1 codes and English names a client may send for the languages a Swedish
# catalogue holds most; anything else must be the catalogued ISO 639-2 code.
LANGUAGE_ALIASES = {
    "sv": "swe", "swedish": "swe", "svenska": "swe",
    "en": "eng", "english": "eng", "engelska": "eng",
    "fi": "fin", "finnish": "fin", "finska": "fin",
    "no": "nor", "nb": "nob", "nn": "nno", "norwegian": "nor",
    "da": "dan", "danish": "dan",
    "de": "ger", "deu": "ger", "german": "ger",
    "fr": "fre", "fra": "fre", "french": "fre",
    "es": "spa", "spanish": "spa",
    "se": "sme", "ar": "ara", "so": "som", "fa": "per", "ru": "rus",
}  # fmt: skip
# DCMI Type vocabulary words -> material types (catalog.marc.material) they cover.
DC_TYPES = {
    "text": ("book", "large_print", "ebook", "magazine"),
    "sound": ("audiobook", "talking_book", "music"),
    "movingimage": ("film",),
    "image": ("picture", "map"),
    "stillimage": ("picture", "map"),
    "notatedmusic": ("score",),
    "software": ("game", "electronic"),
    "interactiveresource": ("game", "electronic"),
    "physicalobject": ("kit",),
    "collection": ("kit",),
}
MATERIAL_TYPES = (
    "book", "large_print", "ebook", "audiobook", "talking_book", "film", "music", "score",
    "map", "magazine", "game", "electronic", "picture", "kit", "other",
)  # fmt: skip

_YEAR = re.compile(r"^\d{1,4}$")
_YEAR_PREFIX = re.compile(r"^(\d{4})(?:-\d\d(?:-\d\d)?)?$")  # "2001", "2001-05", "2001-05-17"


@dataclass(frozen=True)
class Translated:
    query: ParsedQuery
    sort: str  # "relevance", "title" or "newest" (selectors.SORTS)


def translate(query: cql.Query) -> Translated:
    """The engine-neutral query and sort of a parsed CQL query; raises ``SruDiagnostic``."""
    counter = [0]
    clause = _node(query.root, counter)
    clauses = clause.clauses if isinstance(clause, AllOf) else (clause,)
    return Translated(ParsedQuery(tuple(clauses)), sort_of(query.sort_keys))


def sort_of(keys: tuple[cql.SortKey, ...]) -> str:
    """The one sort a CQL sortBy (or SRU 1.2 sortKeys) may ask for: title up or year down."""
    if not keys:
        return "relevance"
    if len(keys) > 1:
        raise SruDiagnostic(84, "1")
    key = keys[0]
    kind = _kind_of(key.index, ())
    descending = any(m.name.split(".")[-1] == "descending" for m in key.modifiers)
    if kind == "title":
        if descending:
            raise SruDiagnostic(90, "descending")
        return "title"
    if kind == "year":
        if any(m.name.split(".")[-1] == "ascending" for m in key.modifiers):
            raise SruDiagnostic(90, "ascending")
        return "newest"
    raise SruDiagnostic(80, key.index)


def _node(node: cql.Node, counter: list[int]) -> Clause:
    if isinstance(node, cql.SearchClause):
        return _search_clause(node)
    counter[0] += 1
    if counter[0] > MAX_BOOLEANS:
        raise SruDiagnostic(38, str(MAX_BOOLEANS))
    if node.operator == "prox":
        return _prox(node)
    if node.modifiers:
        raise SruDiagnostic(46, node.modifiers[0].name)
    left = _node(node.left, counter)
    right = _node(node.right, counter)
    if node.operator == "and":
        return AllOf((*_flat(left, AllOf), *_flat(right, AllOf)))
    if node.operator == "or":
        return AnyOf((*_flat(left, AnyOf), *_flat(right, AnyOf)))
    return AllOf((*_flat(left, AllOf), Not(right)))  # "not" is "and not"


def _prox(node: cql.Boolean) -> Clause:
    """``a prox/unit=word/distance<=N b``: two words of one text index near each other.

    Only where both engines agree exactly: single words, unordered, a word distance
    of at most ``MAX_PROXIMITY``.
    """
    distance = 1  # CQL's default: side by side
    for modifier in node.modifiers:
        name = modifier.name.removeprefix("prox.").removeprefix("cql.")
        if name == "unit":
            if modifier.value.lower() != "word":
                raise SruDiagnostic(42, modifier.value)
        elif name == "distance":
            if modifier.comparison not in ("<=", "<"):
                raise SruDiagnostic(40, modifier.comparison)
            if not modifier.value.isdigit():
                raise SruDiagnostic(41, modifier.value)
            distance = int(modifier.value) - (modifier.comparison == "<")
            if not 1 <= distance <= MAX_PROXIMITY:
                raise SruDiagnostic(41, modifier.value)
        elif name == "ordered":
            raise SruDiagnostic(43, "ordered")
        elif name != "unordered":
            raise SruDiagnostic(46, modifier.name)
    left, right = node.left, node.right
    if not (isinstance(left, cql.SearchClause) and isinstance(right, cql.SearchClause)):
        raise SruDiagnostic(37, "prox", "prox joins two single-word search clauses")
    kind = _kind_of(left.index, left.prefixes)
    if kind not in TEXT_KINDS or _kind_of(right.index, right.prefixes) != kind:
        raise SruDiagnostic(18, f"{left.index} {right.index}")
    words = []
    for clause in (left, right):
        if clause.relation not in ("=", "adj", "all", "any") or clause.relation_modifiers:
            raise SruDiagnostic(19, clause.relation)
        if len(clause.term.split()) != 1 or cql.masks(clause.term):
            raise SruDiagnostic(37, "prox", "prox joins two single-word search clauses")
        words.append(cql.unescape(clause.term))
    return Near(words[0], words[1], distance, field=None if kind == "any" else kind)


def _flat(clause: Clause, kind: type[AllOf] | type[AnyOf]) -> tuple[Clause, ...]:
    return clause.clauses if isinstance(clause, kind) else (clause,)


def _kind_of(index: str, prefixes: tuple[tuple[str, str], ...]) -> str:
    context, _dot, name = index.partition(".")
    if not name:  # unprefixed: our default sets, in this order
        for candidate in ("dc", "bath", "cql", "rec"):
            if (candidate, index) in INDEXES:
                return INDEXES[(candidate, index)]
        raise SruDiagnostic(16, index)
    set_name = _context_set(context, prefixes)
    kind = INDEXES.get((set_name, name))
    if kind is None:
        raise SruDiagnostic(16, index)
    return kind


def _context_set(prefix: str, prefixes: tuple[tuple[str, str], ...]) -> str:
    for assigned, uri in prefixes:  # innermost first
        if assigned == prefix:
            name = _SET_BY_URI.get(uri.lower())
            if name is None:
                raise SruDiagnostic(15, uri)
            return name
    if prefix in CONTEXT_SETS:
        return prefix
    raise SruDiagnostic(15, prefix)


def _search_clause(clause: cql.SearchClause) -> Clause:
    kind = _kind_of(clause.index, clause.prefixes)
    family = (
        "text"
        if kind in TEXT_KINDS
        else "number"
        if kind in NUMBER_KINDS
        else "term"
        if kind in TERM_KINDS
        else kind
    )
    if kind == "all":
        return AllOf(())
    relation = clause.relation.removeprefix("cql.")
    if relation not in RELATIONS[family]:
        raise SruDiagnostic(19, clause.relation)
    for modifier in clause.relation_modifiers:
        if modifier.name.removeprefix("cql.") not in IGNORED_MODIFIERS:
            raise SruDiagnostic(20, modifier.name)
    term = clause.term
    if not term.strip():
        raise SruDiagnostic(27)
    if kind == "any" and term.strip() == "*" and relation == "=":
        return AllOf(())  # "everything", as several clients ask for it
    if family == "text":
        result = _text(kind, relation, term)
    elif family == "year":
        result = _year(relation, term)
    else:
        if cql.masks(term):
            raise SruDiagnostic(28, term)
        result = _number(kind, relation, cql.unescape(term))
    return Not(result) if relation == "<>" else result


def _text(kind: str, relation: str, term: str) -> Clause:
    field = None if kind == "any" else kind
    words = term.split()
    if relation in ("adj", "==") or (relation == "=" and len(words) == 1):
        prefix = _masked(words[-1], last=True)
        for word in words[:-1]:
            _masked(word, last=False)
        text = " ".join(cql.unescape(word.rstrip("*")) for word in words)
        return Text(text, field=field, phrase=len(words) > 1, prefix=prefix)
    # "=" on several words means all of them, in any order (as in the portal's search).
    texts = tuple(
        Text(cql.unescape(word.rstrip("*")), field=field, prefix=_masked(word, last=True))
        for word in words
    )
    if len(texts) == 1:
        return texts[0]
    return AnyOf(texts) if relation == "any" else AllOf(texts)


def _masked(word: str, *, last: bool) -> bool:
    """Whether the word ends in a mask (right truncation, the one masking supported)."""
    positions = cql.masks(word)
    if not positions:
        return False
    if positions != [len(word) - 1] or word[-1] != "*" or not last:
        raise SruDiagnostic(28, word)
    if len(cql.unescape(word[:-1])) < MIN_MASKED_LENGTH:
        raise SruDiagnostic(29, str(MIN_MASKED_LENGTH))
    return True


def _year(relation: str, term: str) -> Clause:
    if relation == "within":
        bounds = term.split()
        if len(bounds) != 2:
            raise SruDiagnostic(24, f"within {term}")
        low, high = sorted((_a_year(bounds[0]), _a_year(bounds[1])))
        return YearRange(low, high)
    year = _a_year(term)
    return {
        "=": YearRange(year, year),
        "==": YearRange(year, year),
        "<>": YearRange(year, year),  # negated by the caller
        "<": YearRange(None, year - 1),
        "<=": YearRange(None, year),
        ">": YearRange(year + 1, None),
        ">=": YearRange(year, None),
    }[relation]


def _a_year(text: str) -> int:
    text = cql.unescape(text).strip()
    match = _YEAR_PREFIX.match(text)
    if match:
        return int(match.group(1))
    if _YEAR.match(text):
        return int(text)
    raise SruDiagnostic(36, text)


def _number(kind: str, relation: str, term: str) -> Clause:
    values = term.split() if relation == "any" else [term]
    clauses = [_one_number(kind, value) for value in values]
    return clauses[0] if len(clauses) == 1 else AnyOf(tuple(clauses))


def _one_number(kind: str, value: str) -> Clause:
    if kind == "language":
        code = value.strip().lower()
        return Term("language", (LANGUAGE_ALIASES.get(code, code),))
    if kind == "material_type":
        word = value.strip().lower()
        if word in DC_TYPES:
            return Term("material_type", DC_TYPES[word])
        if word not in MATERIAL_TYPES:
            raise SruDiagnostic(36, value)
        return Term("material_type", (word,))
    isbns = tuple(isbn_variants(value)) if _isbn_shaped(value) else ()
    if kind == "isbn":
        if not isbns:
            raise SruDiagnostic(36, value)
        return Isbn(isbns)
    key = number_key(value)
    if kind == "issn":
        return Term("number", (f"issn:{key}",))
    # An identifier may be an ISBN, an ISSN or a control number (with or without 003).
    numbers = (f"issn:{key}", f"id:{key}")
    return AnyOf((Isbn(isbns), Term("number", numbers))) if isbns else Term("number", numbers)


def _isbn_shaped(value: str) -> bool:
    compact = compact_isbn(value)
    return len(compact) in (10, 13) and compact[:-1].isdigit()


__all__ = ["CONTEXT_SETS", "INDEXES", "Translated", "sort_of", "translate"]

"""A CQL 1.2 parser: query text -> syntax tree (pure, no Django).

Parses all of CQL, as the Level 2 conformance profile asks, so the server can
answer what it does not support with the right diagnostic instead of a syntax
error. The grammar (CQL 1.2 specification, loc.gov/standards/sru/cql):

    query         ::= prefixAssignment query | scopedClause [sortBy sortSpec+]
    prefixAssign. ::= '>' [prefix '='] uri
    scopedClause  ::= scopedClause booleanGroup searchClause | searchClause
    booleanGroup  ::= ('and' | 'or' | 'not' | 'prox') modifier*
    searchClause  ::= '(' query ')' | index relation searchTerm | searchTerm
    relation      ::= ('=' | '==' | '<>' | '<' | '>' | '<=' | '>=' | name) modifier*
    modifier      ::= '/' name [comparison value]

Booleans are left-associative and of equal precedence ("a or b and c" is
"(a or b) and c"); keywords are case-insensitive; a bare term is
``cql.serverChoice = term``. Terms keep their backslash escapes (``\\*`` is a
literal star, ``*`` unescaped a mask): ``Term.words``/``masked`` interpret them.
Every error is a ``CqlSyntaxError`` with the character offset where it happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_QUERY_LENGTH = 2000
MAX_DEPTH = 50  # nested parentheses; deeper is refused rather than recursing without end

BOOLEANS = ("and", "or", "not", "prox")
SYMBOLS = ("==", "<>", "<=", ">=", "=", "<", ">")
SERVER_CHOICE = "cql.serverchoice"


class CqlSyntaxError(ValueError):
    """The text is not CQL. ``diagnostic`` is the SRU diagnostic number to report."""

    def __init__(self, message: str, position: int, *, diagnostic: int = 10) -> None:
        super().__init__(f"{message} (at character {position})")
        self.message = message
        self.position = position
        self.diagnostic = diagnostic


@dataclass(frozen=True)
class Modifier:
    name: str  # lowercased, as written with any prefix ("sort.ascending", "distance")
    comparison: str = ""  # "", or one of SYMBOLS
    value: str = ""

    def as_json(self) -> dict[str, str]:
        result = {"name": self.name}
        if self.comparison:
            result["comparison"] = self.comparison
            result["value"] = self.value
        return result


@dataclass(frozen=True)
class SearchClause:
    index: str  # lowercased ("dc.title"; "cql.serverchoice" for a bare term)
    relation: str  # lowercased ("=", "any", "adj", ...)
    term: str  # as written, quotes removed, escapes kept
    relation_modifiers: tuple[Modifier, ...] = ()
    prefixes: tuple[tuple[str, str], ...] = ()  # prefix assignments in scope, innermost first

    def as_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {"index": self.index, "relation": self.relation}
        if self.relation_modifiers:
            result["relation_modifiers"] = [m.as_json() for m in self.relation_modifiers]
        result["term"] = self.term
        if self.prefixes:
            result["prefixes"] = [list(pair) for pair in self.prefixes]
        return result


@dataclass(frozen=True)
class Boolean:
    operator: str  # "and", "or", "not", "prox"
    left: Node
    right: Node
    modifiers: tuple[Modifier, ...] = ()

    def as_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {"boolean": self.operator}
        if self.modifiers:
            result["modifiers"] = [m.as_json() for m in self.modifiers]
        result["left"] = self.left.as_json()
        result["right"] = self.right.as_json()
        return result


Node = SearchClause | Boolean


@dataclass(frozen=True)
class SortKey:
    index: str
    modifiers: tuple[Modifier, ...] = ()

    def as_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {"index": self.index}
        if self.modifiers:
            result["modifiers"] = [m.as_json() for m in self.modifiers]
        return result


@dataclass(frozen=True)
class Query:
    root: Node
    sort_keys: tuple[SortKey, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {"query": self.root.as_json()}
        if self.sort_keys:
            result["sortBy"] = [key.as_json() for key in self.sort_keys]
        return result


# -- tokens -----------------------------------------------------------------------

_SPECIAL = set('()=<>/"') | {" ", "\t", "\r", "\n"}


@dataclass(frozen=True)
class _Token:
    kind: str  # "word", "string" (quoted), "symbol", "(", ")", "/", "end"
    text: str
    position: int

    def is_word(self, *words: str) -> bool:
        return self.kind == "word" and self.text.lower() in words


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    length = len(text)
    while position < length:
        char = text[position]
        if char.isspace():
            position += 1
        elif char in "()/":
            tokens.append(_Token(char, char, position))
            position += 1
        elif char in "=<>":
            pair = text[position : position + 2]
            symbol = pair if pair in ("==", "<>", "<=", ">=") else char
            tokens.append(_Token("symbol", symbol, position))
            position += len(symbol)
        elif char == '"':
            start = position
            position += 1
            chars: list[str] = []
            while position < length and text[position] != '"':
                if text[position] == "\\" and position + 1 < length:
                    chars.append(text[position : position + 2])  # escapes are kept
                    position += 2
                else:
                    chars.append(text[position])
                    position += 1
            if position >= length:
                raise CqlSyntaxError("unterminated quoted term", start, diagnostic=14)
            position += 1
            tokens.append(_Token("string", "".join(chars), start))
        else:
            start = position
            while position < length and text[position] not in _SPECIAL:
                if text[position] == "\\" and position + 1 < length:
                    position += 1  # an escaped special character stays in the word
                position += 1
            tokens.append(_Token("word", text[start:position], start))
    tokens.append(_Token("end", "", length))
    return tokens


# -- the parser ---------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def peek(self, ahead: int = 1) -> _Token:
        return self.tokens[min(self.index + ahead, len(self.tokens) - 1)]

    def advance(self) -> _Token:
        token = self.current
        if token.kind != "end":
            self.index += 1
        return token

    def parse(self) -> Query:
        root = self.query(prefixes=())
        sort_keys: tuple[SortKey, ...] = ()
        if self.current.is_word("sortby"):
            sort_keys = self.sort_spec()
        token = self.current
        if token.kind == ")":
            raise CqlSyntaxError("unbalanced ')'", token.position, diagnostic=13)
        if token.kind != "end":
            raise CqlSyntaxError(f"unexpected {token.text!r}", token.position)
        return Query(root, sort_keys)

    def query(self, prefixes: tuple[tuple[str, str], ...]) -> Node:
        while self.current.kind == "symbol" and self.current.text == ">":
            prefixes = (self.prefix_assignment(), *prefixes)
        node = self.search_clause(prefixes)
        while self.current.is_word(*BOOLEANS):
            operator = self.advance().text.lower()
            modifiers = self.modifiers()
            right = self.search_clause(prefixes)
            node = Boolean(operator, node, right, modifiers)
        return node

    def prefix_assignment(self) -> tuple[str, str]:
        self.advance()  # '>'
        first = self.term_token("a context set identifier")
        if self.current.kind == "symbol" and self.current.text == "=":
            self.advance()
            uri = self.term_token("a context set identifier")
            return first.text.lower(), uri.text
        return "", first.text

    def search_clause(self, prefixes: tuple[tuple[str, str], ...]) -> Node:
        token = self.current
        if token.kind == "(":
            self.advance()
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise CqlSyntaxError("too deeply nested", token.position, diagnostic=13)
            node = self.query(prefixes)
            if self.current.kind != ")":
                raise CqlSyntaxError("missing ')'", self.current.position, diagnostic=13)
            self.advance()
            self.depth -= 1
            return node
        if token.kind == ")":
            raise CqlSyntaxError("unexpected ')'", token.position, diagnostic=13)
        first = self.term_token("a search term")
        following = self.current
        relation: str | None = None
        if following.kind == "symbol":
            relation = self.advance().text
        elif following.kind == "word" and not following.is_word(*BOOLEANS, "sortby"):
            relation = self.advance().text.lower()
        if relation is None:
            return SearchClause(SERVER_CHOICE, "=", first.text, (), prefixes)
        if first.kind == "string":
            raise CqlSyntaxError("an index name cannot be quoted", first.position)
        modifiers = self.modifiers()
        term = self.term_token("a search term")
        return SearchClause(first.text.lower(), relation, term.text, modifiers, prefixes)

    def term_token(self, wanted: str) -> _Token:
        token = self.current
        if token.kind not in ("word", "string"):
            what = "the end of the query" if token.kind == "end" else repr(token.text)
            diagnostic = 13 if token.kind in ("(", ")") else 10
            raise CqlSyntaxError(
                f"expected {wanted}, found {what}", token.position, diagnostic=diagnostic
            )
        return self.advance()

    def modifiers(self) -> tuple[Modifier, ...]:
        modifiers: list[Modifier] = []
        while self.current.kind == "/":
            self.advance()
            name = self.term_token("a modifier name")
            if name.kind == "string":
                raise CqlSyntaxError("a modifier name cannot be quoted", name.position)
            if self.current.kind == "symbol":
                comparison = self.advance().text
                value = self.term_token("a modifier value")
                modifiers.append(Modifier(name.text.lower(), comparison, value.text))
            else:
                modifiers.append(Modifier(name.text.lower()))
        return tuple(modifiers)

    def sort_spec(self) -> tuple[SortKey, ...]:
        sortby = self.advance()
        keys: list[SortKey] = []
        while self.current.kind == "word":
            index = self.advance().text.lower()
            keys.append(SortKey(index, self.modifiers()))
        if not keys:
            raise CqlSyntaxError("sortBy needs at least one index", sortby.position)
        return tuple(keys)


def parse(text: str) -> Query:
    """Parse a CQL query; raises ``CqlSyntaxError``."""
    if len(text) > MAX_QUERY_LENGTH:
        raise CqlSyntaxError(
            f"query longer than {MAX_QUERY_LENGTH} characters", MAX_QUERY_LENGTH, diagnostic=12
        )
    if not text.strip():
        raise CqlSyntaxError("empty query", 0)
    return _Parser(text).parse()


# -- terms ------------------------------------------------------------------------------


def unescape(term: str) -> str:
    """The term's text with backslash escapes resolved (``\\"`` -> ``"``, ``\\*`` -> ``*``)."""
    out: list[str] = []
    position = 0
    while position < len(term):
        char = term[position]
        if char == "\\" and position + 1 < len(term):
            out.append(term[position + 1])
            position += 2
        else:
            out.append(char)
            position += 1
    return "".join(out)


def masks(term: str) -> list[int]:
    """Positions of unescaped masking characters (``*`` and ``?``) in the term."""
    found: list[int] = []
    position = 0
    while position < len(term):
        char = term[position]
        if char == "\\":
            position += 2
            continue
        if char in "*?":
            found.append(position)
        position += 1
    return found


__all__ = [
    "BOOLEANS",
    "SERVER_CHOICE",
    "Boolean",
    "CqlSyntaxError",
    "Modifier",
    "Node",
    "Query",
    "SearchClause",
    "SortKey",
    "masks",
    "parse",
    "unescape",
]

"""The benchmark query set: hand-written queries plus queries drawn from the data.

Pure: the data-derived part is built from ``QuerySample`` values (the command reads
them from the database with a fixed seed), so the same data and seed give the same
queries. A query is free text in the portal's syntax plus ``SearchFilters`` keyword
arguments, serialisable as JSON lines for ``--queries FILE``.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

MIN_QUERIES = 200
KINDS = (
    "common",
    "rare",
    "two_words",
    "phrase",
    "author",
    "isbn",
    "fielded",
    "year_range",
    "filter",
)
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_STOPWORDS = frozenset(
    re.findall(
        r"\S+",
        "the and for with from into its his her their our this that och med som den det "
        "ett för till från eller när hur der die das und les des une los las del pour",
    )
)


@dataclass(frozen=True)
class BenchQuery:
    kind: str
    query: str
    filters: dict[str, Any] = field(default_factory=dict)

    def label(self) -> str:
        extra = f" {json.dumps(self.filters, ensure_ascii=False)}" if self.filters else ""
        return f"[{self.kind}] {self.query}{extra}"


@dataclass(frozen=True)
class QuerySample:
    """What the query builder needs to know about one record."""

    title: str
    authors: Sequence[str]
    subjects: Sequence[str]
    isbns: Sequence[str]
    year: int | None


# What people type into a Swedish public library's search box, English and Swedish.
HAND_WRITTEN: tuple[BenchQuery, ...] = (
    *(
        BenchQuery("common", w)
        for w in re.findall(
            r"\S+",
            "history war love life music art children world women science poems "
            "historia kärlek barn sommar skog natt hus resa död krig jul hund",
        )
    ),
    *(
        BenchQuery("two_words", q)
        for q in (
            "world war",
            "american history",
            "svensk historia",
            "sommar skog",
            "barn familjen",
            "new york",
            "short stories",
            "natt stjärna",
        )
    ),
    *(
        BenchQuery("phrase", q)
        for q in (
            '"the history of"',
            '"andra världskriget"',
            '"new zealand"',
            '"united states"',
            '"en berättelse om"',
            '"flickan som"',
        )
    ),
    *(
        BenchQuery("author", q)
        for q in ("Lindgren", "Lagerlöf", "Mankell", "Andersson Anna", "Shakespeare")
    ),
    *(
        BenchQuery("fielded", q)
        for q in (
            "title:sommar",
            "title:history",
            "author:Lindqvist",
            "author:Smith",
            "subject:Samer",
            "subject:Norrland",
            "subject:history",
            "titel:hemlighet författare:Nilsson",
            "ämne:Fåglar",
        )
    ),
    *(
        BenchQuery("year_range", q)
        for q in ("historia year:1990-2000", "war year:1939-1945", "år:2020-2026 barn")
    ),
    BenchQuery("filter", "", {"material_types": ["talking_book"]}),
    BenchQuery("filter", "", {"available_now": True, "material_types": ["film"]}),
    BenchQuery("filter", "deckare", {"available_now": True}),
    BenchQuery("filter", "barn", {"municipalities": ["2404"]}),
    BenchQuery("filter", "historia", {"branches": ["umea-stad"], "available_now": True}),
    BenchQuery("filter", "music", {"languages": ["eng"], "year_from": 1960, "year_to": 1980}),
    BenchQuery("filter", "kärlek", {"material_types": ["audiobook", "talking_book"]}),
    BenchQuery("filter", "", {"available_at": "vindeln"}),
    BenchQuery("filter", "", {"languages": ["swe"], "year_from": 2020}),
    BenchQuery("filter", "history", {"material_types": ["book"], "municipalities": ["2480"]}),
)


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if w.lower() not in _STOPWORDS]


def _surname(author: str) -> str:
    return author.split(",")[0].strip()


def build_query_set(samples: Sequence[QuerySample], *, seed: int = 1) -> list[BenchQuery]:
    """Hand-written queries plus ~230 drawn from ``samples`` (deterministic for a seed).

    Common words are the most frequent title words of the sample, rare words those
    seen once; everything else is taken from randomly chosen sample records.
    """
    rng = random.Random(seed)
    queries: list[BenchQuery] = list(HAND_WRITTEN)
    if not samples:
        return queries
    frequency = Counter(w.lower() for s in samples for w in set(_words(s.title)))
    ranked = [w for w, _ in frequency.most_common()]
    queries += [BenchQuery("common", w) for w in ranked[:25]]
    once = sorted(w for w, n in frequency.items() if n == 1 and len(w) >= 6)
    queries += [BenchQuery("rare", w) for w in rng.sample(once, min(30, len(once)))]

    def pick() -> QuerySample:
        return samples[rng.randrange(len(samples))]

    def repeat(kind: str, make: Any, count: int) -> None:
        made: list[BenchQuery] = []
        for _ in range(count * 20):
            if len(made) == count:
                break
            query = make(pick())
            if query is not None and query not in made:
                made.append(query)
        queries.extend(made)

    def two_words(s: QuerySample) -> BenchQuery | None:
        words = _words(s.title)
        if len(words) < 2:
            return None
        i = rng.randrange(len(words) - 1)
        return BenchQuery("two_words", f"{words[i]} {words[i + 1]}")

    def phrase(s: QuerySample) -> BenchQuery | None:
        words = s.title.split()
        if len(words) < 3:
            return None
        i = rng.randrange(len(words) - 1)
        text = " ".join(words[i : i + rng.choice((2, 3))]).strip(' :;,./"')
        return BenchQuery("phrase", f'"{text}"') if len(_words(text)) >= 2 else None

    def author(s: QuerySample) -> BenchQuery | None:
        if not s.authors:
            return None
        name = s.authors[0]
        surname, _, forename = name.partition(",")
        text = f"{forename.strip().split(' ')[0]} {surname.strip()}" if forename else name
        return BenchQuery("author", text.strip() if rng.random() < 0.6 else surname.strip())

    def isbn(s: QuerySample) -> BenchQuery | None:
        return BenchQuery("isbn", s.isbns[0]) if s.isbns else None

    def fielded(s: QuerySample) -> BenchQuery | None:
        roll = rng.random()
        words = _words(s.title)
        if roll < 0.4 and words:
            return BenchQuery("fielded", f"title:{rng.choice(words)}")
        if roll < 0.7 and s.authors:
            return BenchQuery("fielded", f"author:{_surname(s.authors[0])}")
        if s.subjects:
            subject_words = _words(s.subjects[0])
            if subject_words:
                return BenchQuery("fielded", f"subject:{subject_words[0]}")
        return None

    def year_range(s: QuerySample) -> BenchQuery | None:
        words = _words(s.title)
        if not words or not s.year:
            return None
        start = s.year - rng.randrange(0, 10)
        return BenchQuery("year_range", f"{words[0]} year:{start}-{start + 10}")

    def filtered(s: QuerySample) -> BenchQuery | None:
        words = _words(s.title)
        if not words:
            return None
        filters: dict[str, Any] = rng.choice(
            (
                {"available_now": True},
                {"material_types": ["book"]},
                {"municipalities": [rng.choice(("2480", "2403", "2401", "2409", "2404", "2460"))]},
                {"material_types": ["book", "ebook", "audiobook"]},
                {"year_from": 2000},
            )
        )
        return BenchQuery("filter", rng.choice(words), filters)

    repeat("two_words", two_words, 30)
    repeat("phrase", phrase, 20)
    repeat("author", author, 30)
    repeat("isbn", isbn, 25)
    repeat("fielded", fielded, 25)
    repeat("year_range", year_range, 12)
    repeat("filter", filtered, 20)
    return queries


def dump_queries(queries: Iterable[BenchQuery], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for q in queries:
            out.write(json.dumps(asdict(q), ensure_ascii=False) + "\n")


def load_queries(path: Path) -> list[BenchQuery]:
    queries = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                data = json.loads(line)
                queries.append(BenchQuery(data["kind"], data["query"], data.get("filters") or {}))
    return queries

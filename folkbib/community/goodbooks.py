"""Real reader ratings and tags for the demo, from goodbooks-10k (CC BY-SA 4.0).

Two halves:

- ``build_subset`` (run once by a developer, never by the app) reads the full
  goodbooks-10k files and writes the small subset in ``folkbib/demo/data/goodbooks/``:
  only the books that match a demo record, at most ``RATINGS_PER_BOOK`` ratings and
  ``TAGS_PER_BOOK`` real tags each (reading-status shelves such as "to-read" dropped)::

      .venv/bin/python manage.py shell -c "from folkbib.community import goodbooks; \\
          goodbooks.build_subset(source='../shared/data/goodbooks')"

- ``read_subset`` and ``match_records`` are what the demo loader uses at run time; they
  read only the shipped subset.

A book matches a record by ISBN (``Record.isbns``), else by its title (or original,
often Swedish, title) together with the first author's surname.
"""

from __future__ import annotations

import csv
import dataclasses
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from folkbib.catalog.models import Record

SUBSET_DIR = Path(__file__).resolve().parent.parent / "demo" / "data" / "goodbooks"
RATINGS_PER_BOOK = 40
TAGS_PER_BOOK = 6
# Goodreads "shelves" that say what a reader did, not what the book is.
_NOT_A_TAG = re.compile(
    r"^(to-|currently|favou?rite|own|books-i-own|i-own|default|kindle|e-?books?$|library|"
    r"audio|my-|read-|re-read|reread|series|book-?club|wish|to-buy|abandoned|dnf|"
    r"did-not-finish|tbr|have|maybe|borrowed|novels?$|books?$|\d)"
)


@dataclasses.dataclass(frozen=True)
class Book:
    book_id: str
    isbn: str
    title: str
    original_title: str
    authors: str


@dataclasses.dataclass(frozen=True)
class Subset:
    books: list[Book]
    ratings: list[tuple[str, int, int]]  # book_id, goodbooks user id, stars
    tags: list[tuple[str, str, int]]  # book_id, tag, how many readers used it


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\(.*?\)", "", text)
    return " ".join(re.findall(r"\w+", text))


def _surname(author: str) -> str:
    name = author.split(",")[0] if "," in author else author
    words = _norm(name).split()
    if not words:
        return ""
    return words[0] if "," in author else words[-1]


def isbn13(isbn10: str) -> str:
    core = "978" + isbn10[:9]
    total = sum((1 if k % 2 == 0 else 3) * int(c) for k, c in enumerate(core))
    return core + str((10 - total % 10) % 10)


def _isbns(book: Book) -> set[str]:
    found = {book.isbn}
    if book.isbn[:9].isdigit():
        found.add(isbn13(book.isbn))
    return found


def match_records(books: Iterable[Book], records: Iterable[Record]) -> dict[str, list[int]]:
    """goodbooks book_id -> ids of the matching records (every edition of the work)."""
    by_isbn: dict[str, list[int]] = defaultdict(list)
    by_title: dict[tuple[str, str], list[int]] = defaultdict(list)
    for record in records:
        for value in record.isbns:
            by_isbn[str(value).upper()].append(record.pk)
        if record.authors:
            by_title[(_norm(record.title), _surname(record.authors[0]))].append(record.pk)
    matches: dict[str, list[int]] = {}
    for book in books:
        ids = sorted({pk for isbn in _isbns(book) for pk in by_isbn.get(isbn, [])})
        if not ids:
            surname = _surname(book.authors.split(",")[0]) if book.authors else ""
            for title in (book.original_title, book.title):
                key = (_norm(title), surname)
                if key[0] and surname and key in by_title:
                    ids = sorted(by_title[key])
                    break
        if ids:
            matches[book.book_id] = ids
    return matches


def read_subset(directory: Path = SUBSET_DIR) -> Subset:
    with (directory / "books.csv").open(encoding="utf-8", newline="") as handle:
        books = [Book(**row) for row in csv.DictReader(handle)]
    with (directory / "ratings.csv").open(encoding="utf-8", newline="") as handle:
        ratings = [
            (r["book_id"], int(r["user_id"]), int(r["rating"])) for r in csv.DictReader(handle)
        ]
    with (directory / "tags.csv").open(encoding="utf-8", newline="") as handle:
        tags = [(r["book_id"], r["tag"], int(r["count"])) for r in csv.DictReader(handle)]
    return Subset(books=books, ratings=ratings, tags=tags)


def build_subset(*, source: str | Path, target: Path = SUBSET_DIR) -> Subset:  # pragma: no cover
    """Write the subset for the records in the database now (run after ``load-demo``)."""
    source = Path(source)
    with (source / "books.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    all_books = [
        Book(
            book_id=r["book_id"],
            isbn=r["isbn"].strip().upper().zfill(10) if r["isbn"].strip() else "",
            title=r["title"],
            original_title=r["original_title"],
            authors=r["authors"],
        )
        for r in rows
    ]
    goodreads_to_book = {r["goodreads_book_id"]: r["book_id"] for r in rows}
    records = Record.objects.only("id", "title", "authors", "isbns")
    matched = match_records(all_books, records.iterator())
    books = [b for b in all_books if b.book_id in matched]
    ratings: list[tuple[str, int, int]] = []
    per_book: Counter[str] = Counter()
    with (source / "ratings_v1_981k.csv").open(encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            if r["book_id"] in matched and per_book[r["book_id"]] < RATINGS_PER_BOOK:
                per_book[r["book_id"]] += 1
                ratings.append((r["book_id"], int(r["user_id"]), int(r["rating"])))
    with (source / "tags.csv").open(encoding="utf-8", newline="") as handle:
        tag_names = {r["tag_id"]: r["tag_name"] for r in csv.DictReader(handle)}
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    with (source / "book_tags.csv").open(encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            book_id = goodreads_to_book.get(r["goodreads_book_id"])
            name = tag_names.get(r["tag_id"], "")
            if book_id in matched and name and not _NOT_A_TAG.match(name):
                counts[book_id][name] += int(r["count"])
    tags = [
        (book_id, name, count)
        for book_id in sorted(counts, key=int)
        for name, count in counts[book_id].most_common(TAGS_PER_BOOK)
    ]
    target.mkdir(parents=True, exist_ok=True)
    with (target / "books.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["book_id", "isbn", "title", "original_title", "authors"])
        writer.writerows([b.book_id, b.isbn, b.title, b.original_title, b.authors] for b in books)
    with (target / "ratings.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["book_id", "user_id", "rating"])
        writer.writerows(ratings)
    with (target / "tags.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["book_id", "tag", "count"])
        writer.writerows(tags)
    return Subset(books=books, ratings=ratings, tags=tags)

"""What a report is (titled tables of numbers) and the pure aggregations that make them.

No ORM here: ``queries`` reads grouped counts, these functions arrange them, so every
number a report shows can be checked by hand on a small input.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    """One table of a report: a header row, then rows whose first cell labels the row.

    ``chart`` names the column drawn as bars beside the table ("" for none, e.g. a
    matrix, which is shaded instead). A matrix's last row and column are totals.
    """

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    chart: str = ""
    matrix: bool = False
    totals: bool = False  # the last row sums the others (left out of charts)
    notes: tuple[str, ...] = field(default_factory=tuple)

    def column(self, name: str) -> list[Cell]:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def cell(self, row_label: Cell, column: str) -> Cell:
        index = self.columns.index(column)
        for row in self.rows:
            if row[0] == row_label:
                return row[index]
        raise KeyError(row_label)


def period_of(day: dt.date, by: str) -> str:
    """The label of the period ``day`` falls in: ``2026-06-15``, ``2026-06`` or ``2026``."""
    if by == "day":
        return day.isoformat()
    if by == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if by == "year":
        return f"{day.year:04d}"
    raise ValueError(f"unknown period {by!r}")


def periods(start: dt.date, end: dt.date, by: str) -> list[str]:
    """Every period from the one holding ``start`` to the one holding ``end``, in order."""
    labels: list[str] = []
    day = start
    while day <= end:
        label = period_of(day, by)
        if not labels or labels[-1] != label:
            labels.append(label)
        if by == "day":
            day += dt.timedelta(days=1)
        elif by == "month":
            day = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        else:
            day = day.replace(year=day.year + 1, month=1, day=1)
    return labels


def by_period(
    counts: Iterable[tuple[dt.date, str, int]],
    *,
    by: str,
    kinds: Sequence[str],
    start: dt.date,
    end: dt.date,
) -> list[tuple[str, list[int]]]:
    """Sum (day, kind, n) into one row per period from ``start`` to ``end``, one column per
    kind; a period with nothing in it is a row of zeros (a gap in a time series is news)."""
    sums: dict[str, Counter[str]] = defaultdict(Counter)
    for day, kind, n in counts:
        sums[period_of(day, by)][kind] += n
    return [(period, [sums[period][kind] for kind in kinds]) for period in periods(start, end, by)]


def by_group(
    counts: Iterable[tuple[object, str, int]],
    *,
    kinds: Sequence[str],
    labels: Mapping[object, str],
    unknown: str,
) -> list[tuple[str, list[int]]]:
    """Sum (group, kind, n) into one row per group, labelled; unlabelled groups last.

    Groups keep the order of ``labels``; an empty or unlisted group is shown as
    ``unknown`` (a patron without a birth date, an item without a language).
    """
    sums: dict[str, Counter[str]] = defaultdict(Counter)
    for group, kind, n in counts:
        label = labels.get(group, "") if group not in (None, "") else ""
        sums[label or unknown][kind] += n
    order = [label for label in dict.fromkeys(labels.values()) if label in sums]
    order += sorted(label for label in sums if label not in order)
    return [(label, [sums[label][kind] for kind in kinds]) for label in order]


def matrix(
    counts: Iterable[tuple[object, object, int]],
    *,
    rows: Mapping[object, str],
    columns: Mapping[object, str],
    total: str,
) -> tuple[tuple[str, ...], tuple[tuple[Cell, ...], ...]]:
    """Cross-tabulate (row key, column key, n) with a total column and a total row.

    Every listed row and column appears (zeros included), so that "nobody from Bjurholm
    borrowed Vindeln's books" reads as a 0 rather than as a missing line. Keys not
    listed (a patron from outside the region: ``None``) are counted in the totals only
    if listed, so the caller decides how to label them.
    """
    cells: Counter[tuple[object, object]] = Counter()
    for row, column, n in counts:
        if row in rows and column in columns:
            cells[(row, column)] += n
    header = ("", *columns.values(), total)
    body: list[tuple[Cell, ...]] = []
    for row_key, row_label in rows.items():
        values = [cells[(row_key, column_key)] for column_key in columns]
        body.append((row_label, *values, sum(values)))
    sums = [sum(cells[(row_key, column_key)] for row_key in rows) for column_key in columns]
    body.append((total, *sums, sum(sums)))
    return header, tuple(body)


#: Hold fill time buckets in whole days from placing to ready for pickup: (up to, label).
FILL_BUCKETS: tuple[tuple[int, str], ...] = (
    (1, "0-1"),
    (3, "2-3"),
    (7, "4-7"),
    (14, "8-14"),
    (30, "15-30"),
    (60, "31-60"),
)
FILL_OVER = "61-"


def fill_time_days(placed_at: dt.datetime, ready_at: dt.datetime) -> int:
    """Whole days a hold waited; a hold filled within 24 hours waited 0 days."""
    return max(0, (ready_at - placed_at).days)


def fill_time_distribution(days: Iterable[int]) -> tuple[list[tuple[str, int]], float | None]:
    """How many holds waited how long (every bucket listed), and the median wait in days."""
    waits = sorted(days)
    counts: Counter[str] = Counter()
    for wait in waits:
        label = next((label for limit, label in FILL_BUCKETS if wait <= limit), FILL_OVER)
        counts[label] += 1
    labels = [label for _limit, label in FILL_BUCKETS] + [FILL_OVER]
    median = float(statistics.median(waits)) if waits else None
    return [(label, counts[label]) for label in labels], median


def turnover(
    *, loans: Mapping[str, int], stock: Mapping[str, int], unknown: str
) -> list[tuple[str, int, int, float | None]]:
    """(shelf class, items, loans, loans per item), by shelf class; None for no items."""
    classes = sorted(set(loans) | set(stock), key=lambda name: (name == "", name))
    rows = []
    for name in classes:
        items, lent = stock.get(name, 0), loans.get(name, 0)
        rows.append((name or unknown, items, lent, round(lent / items, 2) if items else None))
    return rows


def share(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in per cent, one decimal; None when there is no whole."""
    return round(100 * part / whole, 1) if whole else None

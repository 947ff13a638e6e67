"""A year of anonymous statistics for the demo region, so the statistics pages have
something to show: circulation events, active-borrower tokens and kiosk visitors.

Written straight into the statistics tables (no loans behind them), from a seeded
random generator and ``now``, so every load gives the same year; about 40,000 events,
a second or two. Shaped like a real region: the city library lends most, Sundays are
closed, July is quiet, most loans stay within the municipality.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

from django.db import connection

from folkbib.circulation.models import ActiveBorrower, CirculationEvent, EventKind
from folkbib.consortium.models import Branch, Municipality
from folkbib.core.clock import local_date
from folkbib.demo import region
from folkbib.talking.models import KioskVisits

SEED = 2025
DAYS = 365
# Checkouts a day at an ordinary weekday, by the kind of library (region.BranchData.hours).
DAILY_LOANS = {"city": 12.0, "district": 2.5, "town": 2.0, "seat": 3.0, "village": 0.8}
BOOKMOBILE_LOANS = 1.2
# Other events per checkout.
PER_CHECKOUT = {
    EventKind.RENEWAL: 0.35,
    EventKind.CHECKIN: 1.0,
    EventKind.HOLD_PLACED: 0.12,
    EventKind.HOLD_FILLED: 0.10,
}
# Days after the checkout that each follows (a hold placed and filled is someone else's
# wait for the same title, around the same time).
AFTER = {
    EventKind.RENEWAL: (20, 27),
    EventKind.CHECKIN: (3, 35),
    EventKind.HOLD_PLACED: (0, 10),
    EventKind.HOLD_FILLED: (5, 30),
}
WEEKDAY = (1.0, 1.1, 1.0, 1.1, 0.9, 0.5, 0.0)  # Monday .. Sunday
MONTH = (1.0, 1.1, 1.1, 1.0, 0.9, 0.8, 0.6, 0.8, 1.0, 1.1, 1.1, 0.9)
# (category, weight, age groups with weights)
PEOPLE = [
    ("adult", 60, [("20-64", 4), ("65+", 1)]),
    ("child", 18, [("0-12", 1)]),
    ("youth", 14, [("13-19", 1)]),
    ("staff", 4, [("20-64", 1)]),
    ("institution", 4, [("", 1)]),
]
MATERIALS = [
    ("book", 62),
    ("audiobook", 10),
    ("film", 6),
    ("magazine", 5),
    ("large_print", 3),
    ("talking_book", 3),
    ("music", 2),
    ("game", 2),
]
LANGUAGES = [
    ("swe", 860),
    ("eng", 70),
    ("fin", 15),
    ("ara", 15),
    ("som", 10),
    ("per", 10),
    ("ukr", 8),
    ("sme", 5),
    ("", 7),
]
SHELVES_ADULT = [
    ("Hc", 30),
    ("He", 6),
    ("Hf", 4),
    ("K", 6),
    ("Ab", 2),
    ("Dg", 3),
    ("Oc", 4),
    ("Pu", 3),
    ("Ug", 3),
    ("Lz", 5),
    ("Qa", 3),
]
SHELVES_CHILD = [("uHc", 50), ("uHd", 10), ("uPu", 4), ("uUg", 4), ("uK", 3)]
# Talking-kiosk visitors a day at the libraries that have one.
KIOSKS = {"umea-stad": 6.0, "vannas": 1.0}


def _pick(rng: random.Random, choices: list[tuple[str, int]]) -> str:
    return rng.choices([c for c, _w in choices], [w for _c, w in choices])[0]


def _count(rng: random.Random, mean: float) -> int:
    """A whole number around ``mean`` (its fraction taken at random)."""
    whole = int(mean)
    return whole + (1 if rng.random() < mean - whole else 0)


def load(*, branches: dict[str, Branch], now: dt.datetime) -> int:
    """Write the year before ``now`` at ``branches``; returns how many events were made."""
    rng = random.Random(SEED)
    today = local_date(now)
    kinds = {data.code: data for data in region.BRANCHES}
    municipalities = list(Municipality.objects.filter(branches__in=branches.values()).distinct())
    sizes: dict[int, float] = {m.pk: 0.0 for m in municipalities}
    for code, branch in branches.items():
        sizes[branch.municipality_id] += DAILY_LOANS.get(kinds[code].hours, 1.0)
    weights = [sizes[m.pk] for m in municipalities]
    events: list[Row] = []
    kiosk_days: list[KioskVisits] = []
    borrowers: Counter[tuple[int, int]] = Counter()
    for back in range(DAYS, 0, -1):
        day = today - dt.timedelta(days=back)
        factor = WEEKDAY[day.weekday()] * MONTH[day.month - 1]
        for code in sorted(branches):
            branch = branches[code]
            data = kinds[code]
            mean = BOOKMOBILE_LOANS if data.is_mobile else DAILY_LOANS.get(data.hours, 1.0)
            for _n in range(_count(rng, mean * factor * rng.uniform(0.7, 1.3))):
                events.extend(
                    _loan_events(
                        rng, day=day, today=today, branch=branch, pool=(municipalities, weights)
                    )
                )
        for code, visits in KIOSKS.items():
            n = _count(rng, visits * factor) if code in branches else 0
            if n:
                kiosk_days.append(KioskVisits(day=day, branch=branches[code], visits=n))
    for day, kind, _branch, _owner, home, *_rest in events:
        if kind == EventKind.CHECKOUT and home:
            borrowers[(day.year, home)] += 1
    _insert_events(events)
    KioskVisits.objects.bulk_create(kiosk_days, ignore_conflicts=True)
    # About one active borrower for every eight loans of a year; random tokens, which is
    # all a real token is once its year's salt is gone.
    ActiveBorrower.objects.bulk_create(
        (
            ActiveBorrower(year=year, municipality_id=home, token=rng.randbytes(16).hex())
            for (year, home), loans in sorted(borrowers.items())
            for _n in range(max(1, loans // 8))
        ),
        batch_size=5000,
        ignore_conflicts=True,
    )
    return len(events)


BATCH = 1000  # rows per INSERT: 10,000 parameters, under SQLite's and PostgreSQL's limits
# One event as the columns ``_insert_events`` writes, in ``COLUMNS`` order.
Row = tuple[Any, ...]
COLUMNS = (
    "day",
    "kind",
    "branch_id",
    "owning_municipality_id",
    "patron_municipality_id",
    "patron_category",
    "material_type",
    "age_group",
    "language",
    "shelf_class",
)


def _insert_events(rows: list[Row]) -> None:
    """Multi-row INSERTs: the ORM's per-object work, or a round trip per row on
    PostgreSQL, would take most of the demo's load time."""
    columns = ", ".join(connection.ops.quote_name(name) for name in COLUMNS)
    table = connection.ops.quote_name(CirculationEvent._meta.db_table)
    one = "(" + ", ".join(["%s"] * len(COLUMNS)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            values = ", ".join([one] * len(batch))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {values}",
                [value for row in batch for value in row],
            )


def _loan_events(
    rng: random.Random,
    *,
    day: dt.date,
    today: dt.date,
    branch: Branch,
    pool: tuple[list[Municipality], list[float]],
) -> list[Row]:
    """A checkout and what tends to follow it (a return, perhaps a renewal or a hold)."""
    municipalities, weights = pool
    here = branch.municipality_id

    def elsewhere() -> int:
        return rng.choices(municipalities, weights)[0].pk

    owner = here if rng.random() < 0.85 else elsewhere()
    roll = rng.random()
    home: int | None = here if roll < 0.88 else (elsewhere() if roll < 0.98 else None)
    category, _weight, ages = rng.choices(PEOPLE, [p[1] for p in PEOPLE])[0]
    age = _pick(rng, [(a, w) for a, w in ages])
    child = category in ("child", "youth")
    values = (
        branch.pk,
        owner,
        home,
        category,
        "book" if child and rng.random() < 0.6 else _pick(rng, MATERIALS),
        age,
        _pick(rng, LANGUAGES),
        _pick(rng, SHELVES_CHILD if child else SHELVES_ADULT),
    )
    made = [(day, str(EventKind.CHECKOUT), *values)]
    for kind, share in PER_CHECKOUT.items():
        if rng.random() < share:
            later = day + dt.timedelta(days=rng.randint(*AFTER[kind]))
            if later < today:
                made.append((later, str(kind), *values))
    return made


def reset(*, branches: list[Branch]) -> None:
    """Remove the demo's statistics (real ones of the demo branches go with them)."""
    municipalities = {branch.municipality_id for branch in branches}
    ActiveBorrower.objects.filter(municipality_id__in=municipalities).delete()
    KioskVisits.objects.filter(branch__in=branches).delete()

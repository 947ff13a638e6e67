"""A fixed, hand-countable year of anonymous statistics in the test region (2025).

The expected numbers in ``test_statistics_reports`` were counted by hand from these
rows; change a row and count again. Municipalities U (Umeå: branches umea, holmsund,
tavelsjo) and V (Vännäs: branch vannas). Columns of ``EVENTS``: day, kind, branch,
owning municipality, patron's home municipality (None: outside the region), patron
category, material type, age group, language, shelf class.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from folkbib.catalog.models import Item, ItemStatus
from folkbib.circulation.models import ActiveBorrower, CirculationEvent, Hold, Loan, Transit
from folkbib.circulation.tests.conftest import World
from folkbib.talking.models import KioskVisits

D = dt.date

EVENTS = [
    # day, kind, branch, owner, home, category, material, age, language, shelf class; # n
    (D(2025, 1, 10), "checkout", "umea", "U", "U", "adult", "book", "20-64", "swe", "Hc"),  # 1
    (D(2025, 2, 3), "checkout", "umea", "U", "V", "adult", "book", "20-64", "swe", "Hc"),  # 2
    (D(2025, 2, 3), "checkout", "umea", "V", "U", "child", "book", "0-12", "swe", "uHc"),  # 3
    (D(2025, 3, 15), "checkout", "vannas", "V", "V", "adult", "audiobook", "65+", "eng", "Hc"),  # 4
    (D(2025, 3, 15), "checkout", "vannas", "U", "V", "child", "book", "0-12", "swe", "uHc"),  # 5
    (D(2025, 12, 31), "checkout", "holmsund", "U", "U", "adult", "film", "13-19", "eng", ""),  # 6
    (D(2025, 6, 1), "checkout", "vannas", "V", None, "adult", "book", "", "fin", "Hc"),  # 7
    (D(2026, 1, 1), "checkout", "umea", "U", "U", "adult", "book", "20-64", "swe", "Hc"),  # 8
    (D(2024, 12, 31), "checkout", "umea", "U", "U", "adult", "book", "20-64", "swe", "Hc"),  # 9
    (D(2025, 2, 10), "renewal", "umea", "U", "U", "adult", "book", "20-64", "swe", "Hc"),
    (D(2025, 4, 1), "renewal", "vannas", "V", "V", "adult", "audiobook", "65+", "eng", "Hc"),
    (D(2025, 2, 20), "checkin", "umea", "U", "U", "adult", "book", "20-64", "swe", "Hc"),
    (D(2025, 2, 20), "checkin", "umea", "U", "V", "adult", "book", "20-64", "swe", "Hc"),
    (D(2025, 5, 5), "hold_placed", "vannas", "U", "V", "adult", "book", "20-64", "swe", "Hc"),
]

# (from, to, sent on): two of them in 2026 or 2024, outside the year.
TRANSITS = [
    ("umea", "vannas", D(2025, 2, 4)),
    ("umea", "vannas", D(2025, 9, 9)),
    ("vannas", "umea", D(2025, 3, 16)),
    ("holmsund", "umea", D(2025, 12, 31)),
    ("umea", "vannas", D(2026, 1, 2)),
    ("tavelsjo", "vannas", D(2024, 12, 30)),
]

# Vännäs' items: (shelf mark, material type, added on, status).
VANNAS_ITEMS = [
    ("Hc", "book", D(2024, 3, 1), ItemStatus.AVAILABLE),  # lent in May 2025 (below)
    ("uHc", "book", D(2024, 3, 1), ItemStatus.AVAILABLE),  # never lent
    ("Hc", "audiobook", D(2025, 4, 1), ItemStatus.ON_LOAN),
    ("Hc", "book", D(2026, 2, 1), ItemStatus.AVAILABLE),  # added after the year
    ("Hc", "book", D(2020, 5, 5), ItemStatus.WITHDRAWN),
    ("Hc", "book", D(2025, 8, 1), ItemStatus.WITHDRAWN),  # added and withdrawn in 2025
]

# Hours each hold that became ready in 2025 waited (placed -> ready), at Vännäs.
HOLD_WAITS_HOURS = [10, 2 * 24 + 3, 5 * 24, 5 * 24 + 23, 40 * 24, 70 * 24]

# (year, home municipality, how many tokens)
ACTIVE = [(2025, "V", 2), (2025, "U", 3), (2026, "V", 5)]

# (day, branch, visits)
KIOSK = [(D(2025, 3, 1), "vannas", 4), (D(2025, 11, 1), "vannas", 6), (D(2026, 1, 5), "vannas", 3)]


def at_noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


@dataclass
class Loaded:
    world: World


def load(world: World) -> Loaded:
    municipality = {"U": world.umea_kommun, "V": world.vannas_kommun, None: None}
    branch = {b.code: b for b in (world.umea, world.holmsund, world.tavelsjo, world.vannas)}
    CirculationEvent.objects.bulk_create(
        CirculationEvent(
            day=day,
            kind=kind,
            branch=branch[at],
            owning_municipality=municipality[owner],
            patron_municipality=municipality[home],
            patron_category=category,
            material_type=material,
            age_group=age,
            language=language,
            shelf_class=shelf,
        )
        for day, kind, at, owner, home, category, material, age, language, shelf in EVENTS
    )
    record = world.record("Statistikboken")
    carried = world.item(record, world.umea)
    Transit.objects.bulk_create(
        Transit(
            item=carried,
            from_branch=branch[a],
            to_branch=branch[b],
            reason="hold",
            sent_at=at_noon(day),
            arrived_at=at_noon(day) + dt.timedelta(days=1),
        )
        for a, b, day in TRANSITS
    )
    items = []
    for mark, material, added, status in VANNAS_ITEMS:
        item = world.item(
            record, world.vannas, shelf_mark=mark, material_type=material, status=status
        )
        Item.objects.filter(pk=item.pk).update(created_at=at_noon(added), price=Decimal("0"))
        items.append(item)
    Loan.objects.create(
        item=items[0],
        patron=None,
        branch=world.vannas,
        status="returned",
        checked_out_at=at_noon(D(2025, 5, 2)),
        due_date=D(2025, 5, 30),
        closed_at=at_noon(D(2025, 5, 20)),
    )
    ready = at_noon(D(2025, 6, 1))
    for n, hours in enumerate(HOLD_WAITS_HOURS):
        Hold.objects.create(
            patron=world.patron(home=world.vannas),
            record=world.record(f"Reserverad {n}"),
            pickup_branch=world.vannas,
            status="fulfilled",
            placed_at=ready - dt.timedelta(hours=hours),
            ready_at=ready,
            closed_at=ready + dt.timedelta(days=1),
        )
    ActiveBorrower.objects.bulk_create(
        ActiveBorrower(year=year, token=f"{year}-{home}-{n}", municipality=municipality[home])
        for year, home, count in ACTIVE
        for n in range(count)
    )
    KioskVisits.objects.bulk_create(
        KioskVisits(day=day, branch=branch[at], visits=visits) for day, at, visits in KIOSK
    )
    return Loaded(world=world)

"""A small region for circulation tests: two municipalities, four branches, a few people.

    Umeå (2480):   umea (Umeå stadsbibliotek), holmsund, tavelsjo
    Vännäs (2460): vannas
    transport:     umea-holmsund 15 km, umea-tavelsjo 25 km, umea-vannas 30 km,
                   holmsund-vannas 45 km, tavelsjo-vannas 40 km, holmsund-tavelsjo 35 km

Every branch is open Monday to Friday 10-18 and closed on Swedish public holidays.
The Swedish default rules apply (see ``services.matrix.define_swedish_defaults``).
``NOW`` is Monday 15 June 2026, noon; midsommarafton is Friday 19 June.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from folkbib.catalog.models import Item, ItemStatus, Record
from folkbib.catalog.tests.search_helpers import make_record
from folkbib.circulation.services.matrix import define_swedish_defaults
from folkbib.consortium import services as consortium
from folkbib.consortium.models import Branch, Municipality
from folkbib.consortium.services import DistanceEntry
from folkbib.consortium.tests.factories import WEEKDAYS_10_TO_18
from folkbib.core.testing import missing
from folkbib.patrons import services as patrons
from folkbib.patrons.models import Patron, PatronCategory

NOW = timezone.make_aware(dt.datetime(2026, 6, 15, 12, 0))

_barcodes = itertools.count(30000001)
_cards = itertools.count(20000001)


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


@dataclass
class World:
    umea_kommun: Municipality
    vannas_kommun: Municipality
    umea: Branch
    holmsund: Branch
    tavelsjo: Branch
    vannas: Branch
    adult: PatronCategory
    child: PatronCategory
    now: dt.datetime = NOW

    def branch(self, code: str) -> Branch:
        return Branch.objects.get(code=code)

    def patron(
        self, *, home: Branch | None = None, category: PatronCategory | None = None, **extra: Any
    ) -> Patron:
        values: dict[str, Any] = {
            "card_number": str(next(_cards)),
            "first_name": "Test",
            "last_name": "Låntagare",
            "home_branch": home or self.umea,
            "category": category or self.adult,
            "pin": "1234",
            "email": "test@example.org",
            "now": self.now - days(400),
            "card_expires": self.now.date() + days(365),
        }
        values.update(extra)
        return patrons.register_patron(**values)

    def record(self, title: str = "Pippi Långstrump", material_type: str = "book") -> Record:
        return make_record(title, material_type=material_type)

    def item(
        self,
        record: Record,
        branch: Branch,
        *,
        status: str = ItemStatus.AVAILABLE,
        **extra: Any,
    ) -> Item:
        values: dict[str, Any] = {
            "record": record,
            "barcode": str(next(_barcodes)),
            "owning_branch": branch,
            "current_branch": branch,
            "status": status,
            "created_at": self.now,
            "updated_at": self.now,
        }
        values.update(extra)
        return Item.objects.create(**values)


def build_world() -> World:
    region = consortium.define_region(code="testregion", name="Testregionen")
    umea_kommun = consortium.define_municipality(region=region, code="2480", name="Umeå")
    vannas_kommun = consortium.define_municipality(region=region, code="2460", name="Vännäs")
    branches = {}
    for code, name, municipality in [
        ("umea", "Umeå stadsbibliotek", umea_kommun),
        ("holmsund", "Holmsunds bibliotek", umea_kommun),
        ("tavelsjo", "Tavelsjö bibliotek", umea_kommun),
        ("vannas", "Vännäs bibliotek", vannas_kommun),
    ]:
        branch = consortium.define_branch(municipality=municipality, code=code, name=name)
        consortium.set_weekly_hours(branch=branch, hours=WEEKDAYS_10_TO_18)
        branches[code] = branch
    for year in (2026, 2027):
        consortium.ensure_public_holidays(year=year)
    consortium.replace_distance_table(
        entries=[
            entry
            for a, b, km in [
                ("umea", "holmsund", 15),
                ("umea", "tavelsjo", 25),
                ("umea", "vannas", 30),
                ("holmsund", "vannas", 45),
                ("tavelsjo", "vannas", 40),
                ("holmsund", "tavelsjo", 35),
            ]
            for entry in (DistanceEntry(a, b, km, 1), DistanceEntry(b, a, km, 1))
        ]
    )
    adult = patrons.define_category(code="adult", name="Vuxen")
    child = patrons.define_category(code="child", name="Barn", is_child=True)
    define_swedish_defaults(categories={"adult": adult, "child": child})
    return World(
        umea_kommun=umea_kommun,
        vannas_kommun=vannas_kommun,
        adult=adult,
        child=child,
        **branches,
    )


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


def needs_a_file_database() -> None:
    """Skip (fail in CI) a threaded test on pytest-django's in-memory SQLite database.

    The in-memory shared-cache database answers a second writer with "database table is
    locked" at once, whatever the busy timeout; a file database (``FOLKBIB_TEST_SQLITE``,
    set by scripts/test.sh) queues writers like production does.
    """
    if connection.vendor != "sqlite":
        return
    if connection.creation.is_in_memory_db(connection.settings_dict["NAME"]):
        missing("SQLite concurrency needs a file test database: set FOLKBIB_TEST_SQLITE")

"""Small builders for tests that need a region, a municipality and branches."""

from __future__ import annotations

import datetime as dt

from folkbib.consortium import services
from folkbib.consortium.models import Branch, Municipality

WEEKDAYS_10_TO_18 = {day: ((dt.time(10), dt.time(18)),) for day in range(5)}


def make_municipality(code: str = "2404", name: str = "Vindeln") -> Municipality:
    region = services.define_region(code="testregion", name="Testregionen")
    return services.define_municipality(region=region, code=code, name=name)


def make_branch(
    code: str = "vindeln",
    *,
    municipality: Municipality | None = None,
    hours: dict | None = None,
) -> Branch:
    branch = services.define_branch(
        municipality=municipality or make_municipality(), code=code, name=f"Bibliotek {code}"
    )
    services.set_weekly_hours(branch=branch, hours=WEEKDAYS_10_TO_18 if hours is None else hours)
    return branch

"""The demo region, Umeåregionen, as plain data: municipalities, libraries, hours, distances.

Municipality codes are SCB's. Library names are the public names of the libraries of
the six municipalities (2015 visitor survey of Umeåregionens bibliotek; Hällnäs from
the 2017 one); street addresses are left out rather than guessed. Opening hours are
realistic but invented. Road distances between the municipal seats are approximate
(rounded, by the main roads) and branch-to-seat distances are rough; the transport
table built from them is good enough to route holds, not to plan a route.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import permutations

from folkbib.consortium.services import DistanceEntry

REGION_CODE = "umearegionen"
REGION_NAME = "Umeåregionen"

#: (SCB code, name, seat branch code)
MUNICIPALITIES = [
    ("2480", "Umeå", "umea-stad"),
    ("2403", "Bjurholm", "bjurholm"),
    ("2401", "Nordmaling", "nordmaling"),
    ("2409", "Robertsfors", "robertsfors"),
    ("2404", "Vindeln", "vindeln"),
    ("2460", "Vännäs", "vannas"),
]


def _t(value: str) -> dt.time:
    return dt.time.fromisoformat(value)


def _week(**days: str) -> dict[int, tuple[tuple[dt.time, dt.time], ...]]:
    """``_week(mon="10-19", sat="11-15")`` -> weekday -> ((opens, closes),)."""
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    hours: dict[int, tuple[tuple[dt.time, dt.time], ...]] = {}
    for name, span in days.items():
        opens, closes = span.split("-")
        hours[names.index(name)] = ((_t(f"{int(opens):02d}:00"), _t(f"{int(closes):02d}:00")),)
    return hours


HOURS = {
    # The city library in Väven is open every day.
    "city": _week(
        mon="10-20", tue="10-20", wed="10-20", thu="10-20", fri="10-18", sat="11-16", sun="12-16"
    ),
    "district": _week(mon="12-19", tue="10-17", wed="12-19", thu="10-17", fri="10-15"),
    "town": _week(mon="13-19", tue="10-16", wed="13-19", thu="10-16", fri="10-14"),
    "seat": _week(mon="10-19", tue="10-17", wed="10-17", thu="10-19", fri="10-15", sat="10-13"),
    "village": _week(tue="14-19", thu="10-15"),
    # The bookmobile's route days; it stands still on Fridays and weekends.
    "bookmobile": _week(mon="9-18", tue="9-18", wed="9-18", thu="9-18"),
}


@dataclass(frozen=True)
class BranchData:
    code: str
    name: str
    municipality: str  # SCB code
    city: str
    hours: str  # key of HOURS
    km_from_seat: int
    is_mobile: bool = False


BRANCHES = [
    BranchData("umea-stad", "Umeå stadsbibliotek", "2480", "Umeå", "city", 0),
    BranchData("ersboda", "Ersboda bibliotek", "2480", "Umeå", "district", 4),
    BranchData("grubbe", "Grubbebiblioteket", "2480", "Umeå", "district", 3),
    BranchData("mariehem", "Mariehemsbiblioteket", "2480", "Umeå", "district", 4),
    BranchData("teg", "Tegsbiblioteket", "2480", "Umeå", "district", 2),
    BranchData("umedalen", "Umedalens bibliotek", "2480", "Umeå", "district", 5),
    BranchData("alidhem", "Ålidhems bibliotek", "2480", "Umeå", "district", 3),
    BranchData("holmsund", "Holmsunds bibliotek", "2480", "Holmsund", "town", 20),
    BranchData("obbola", "Obbola bibliotek", "2480", "Obbola", "town", 20),
    BranchData("hornefors", "Hörnefors bibliotek", "2480", "Hörnefors", "town", 35),
    BranchData("savar", "Sävar bibliotek", "2480", "Sävar", "town", 20),
    BranchData("umea-bokbuss", "Bokbussen", "2480", "Umeå", "bookmobile", 0, is_mobile=True),
    BranchData("bjurholm", "Bjurholms bibliotek", "2403", "Bjurholm", "seat", 0),
    BranchData("nordmaling", "Nordmalings bibliotek", "2401", "Nordmaling", "seat", 0),
    BranchData("robertsfors", "Robertsfors bibliotek", "2409", "Robertsfors", "seat", 0),
    BranchData("bygdea", "Bygdeå bibliotek", "2409", "Bygdeå", "village", 15),
    BranchData("anaset", "Ånäsets bibliotek", "2409", "Ånäset", "village", 20),
    BranchData("vindeln", "Vindelns bibliotek", "2404", "Vindeln", "seat", 0),
    BranchData("hallnas", "Hällnäs bibliotek", "2404", "Hällnäs", "village", 15),
    BranchData("vannas", "Vännäs bibliotek", "2460", "Vännäs", "seat", 0),
    BranchData("vannasby", "Vännäsby bibliotek", "2460", "Vännäsby", "village", 5),
]

#: Approximate road distances in km between the municipal seats (symmetric).
SEAT_KM = {
    ("2480", "2403"): 60,
    ("2480", "2401"): 55,
    ("2480", "2409"): 60,
    ("2480", "2404"): 55,
    ("2480", "2460"): 30,
    ("2403", "2401"): 45,
    ("2403", "2409"): 115,
    ("2403", "2404"): 60,
    ("2403", "2460"): 35,
    ("2401", "2409"): 110,
    ("2401", "2404"): 95,
    ("2401", "2460"): 50,
    ("2409", "2404"): 70,
    ("2409", "2460"): 85,
    ("2404", "2460"): 35,
}


def _seat_km(a: str, b: str) -> int:
    if a == b:
        return 0
    return SEAT_KM.get((a, b)) or SEAT_KM[(b, a)]


def distance_entries() -> list[DistanceEntry]:
    """Every ordered pair of demo branches, routed through the municipal seats.

    The regional transport van passes each seat daily: one day within a municipality
    or to a neighbour under 60 km, two days further away.
    """
    entries = []
    for a, b in permutations(BRANCHES, 2):
        if a.municipality == b.municipality:
            km = (
                abs(a.km_from_seat - b.km_from_seat)
                if 0 in (a.km_from_seat, b.km_from_seat)
                else a.km_from_seat + b.km_from_seat
            )
        else:
            km = a.km_from_seat + _seat_km(a.municipality, b.municipality) + b.km_from_seat
        km = max(km, 1)
        entries.append(DistanceEntry(a.code, b.code, km, 1 if km <= 60 else 2))
    return entries


#: (code, name, is_child, card_valid_years)
CATEGORIES = [
    ("adult", "Vuxen", False, 5),
    ("child", "Barn", True, 5),
    ("youth", "Ungdom", True, 3),  # under 18: no fees, like children
    ("staff", "Personal", False, 5),
    ("institution", "Institution", False, 2),
]

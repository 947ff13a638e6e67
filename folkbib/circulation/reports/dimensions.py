"""The anonymous dimensions a statistics event carries, computed once at event time.

Pure functions: no ORM. An event stores the *group* (an age band, a shelf class), never
the birth date or the shelf mark, so a row cannot be traced back to a person or a copy.
"""

from __future__ import annotations

import datetime as dt

#: Age bands, lowest age first; the last band is open-ended. Chosen to match the
#: national statistics' children / young people / adults / older people split.
AGE_GROUPS: tuple[tuple[int, str], ...] = ((0, "0-12"), (13, "13-19"), (20, "20-64"), (65, "65+"))
AGE_GROUP_CODES: tuple[str, ...] = tuple(code for _start, code in AGE_GROUPS)


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Completed years on ``day`` (someone born on 29 February ages on 1 March)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def age_group(birth_date: dt.date | None, day: dt.date) -> str:
    """The band of ``AGE_GROUPS`` the person is in on ``day``; "" when the age is unknown."""
    if birth_date is None or birth_date > day:
        return ""
    age = age_on(birth_date, day)
    group = ""
    for start, code in AGE_GROUPS:
        if age >= start:
            group = code
    return group


def shelf_class(shelf_mark: str) -> str:
    """The SAB class a shelf mark is shelved under: its leading letters, at most two.

    ``Hc.01`` and ``Hce`` are both Swedish fiction ``Hc``; a children's mark keeps its
    ``u`` prefix (``uHc``), since children's and adults' shelves turn over differently.
    A Dewey number (digits) is classed by its hundreds (``839.7`` -> ``800``).
    """
    mark = shelf_mark.strip().split(" ")[0] if shelf_mark.strip() else ""
    if not mark:
        return ""
    if mark[0].isdigit():
        return mark[0] + "00"
    prefix = "u" if mark.startswith("u") and len(mark) > 1 and mark[1].isupper() else ""
    rest = mark[len(prefix) :]
    letters = ""
    for char in rest:
        if not char.isalpha() or len(letters) == 2:
            break
        letters += char
    return prefix + letters if letters else ""

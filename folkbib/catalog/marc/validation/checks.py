"""The checks: leader, 008, tags, indicators, subfields, standard numbers, repeats."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from django.utils.translation import gettext as _
from stdnum import isbn as stdnum_isbn
from stdnum import issn as stdnum_issn

from .draft import Draft, FieldRow, Problem
from .layouts import LEADER_FIXED, LEADER_POSITIONS, fixed_field_layout

DIGITS = "0123456789"
#: Allowed first and second indicators of the fields a public library edits most.
INDICATORS: dict[str, tuple[str, str]] = {
    "020": (" ", " "),
    "022": (" 01", " "),
    "024": ("0123478", " 01"),
    "035": (" ", " "),
    "040": (" ", " "),
    "041": (" 01", " 7"),
    "082": ("017", " 04"),
    "084": (" ", " "),
    "100": ("013", " "),
    "110": ("012", " "),
    "111": ("012", " "),
    "130": (DIGITS, " "),
    "240": ("01", DIGITS),
    "245": ("01", DIGITS),
    "246": ("0123", " 012345678"),
    "250": (" ", " "),
    "260": (" 23", " "),
    "264": (" 23", "01234"),
    "300": (" ", " "),
    "336": (" ", " "),
    "337": (" ", " "),
    "338": (" ", " "),
    "490": ("01", " "),
    "500": (" ", " "),
    "505": ("0128", " 0"),
    "520": (" 012348", " "),
    "521": (" 012348", " "),
    "600": ("013", "01234567"),
    "610": ("012", "01234567"),
    "650": (" 012", "01234567"),
    "651": (" ", "01234567"),
    "655": (" 0", "01234567"),
    "700": ("013", " 2"),
    "710": ("012", " 2"),
    "711": ("012", " 2"),
    "730": (DIGITS, " 2"),
    "740": (DIGITS, " 2"),
    "776": ("01", " 8"),
    "800": ("013", " "),
    "830": (" ", DIGITS),
    "852": (" 012345678", " 012"),
    "856": (" 012347", " 01278"),
}
NON_REPEATABLE = frozenset(
    {"001", "003", "005", "008", "010", "040", "100", "110", "111", "130", "240", "245", "254"}
)
MAIN_ENTRIES = ("100", "110", "111", "130")
# 020 is not here: a 020 with only $z (a cancelled ISBN) or $q is correct MARC.
NEEDS_A = frozenset({"100", "110", "111", "130", "600", "650", "651", "700", "710"})
INDICATOR_CHARACTER = re.compile(r"[ 0-9a-z]")
LANGUAGE_CODE = re.compile(r"[a-z]{3}")
SUBFIELD_CODE = re.compile(r"[a-z0-9]")
# The ISBN at the start of 020 $a, before a qualifier: "0571194923(cased)", "91-29 (inb.)".
ISBN_START = re.compile(r"[0-9Xx-]*")


def _blank(ind: str) -> str:
    return "tom" if ind == " " else f"”{ind}”"


def _allowed(values: str) -> str:
    return ", ".join(_blank(v) for v in values)


def _leader_problems(leader: str) -> list[Problem]:
    if len(leader) != 24:
        return [
            Problem(
                None,
                "LDR",
                "",
                "leader-length",
                _("Postetiketten ska vara 24 tecken, den är %(n)d.") % {"n": len(leader)},
            )
        ]
    problems = []
    for position in LEADER_POSITIONS:
        value = leader[position.start : position.start + position.length]
        if not position.accepts(value):
            problems.append(
                Problem(
                    None,
                    "LDR",
                    position.key,
                    "leader-code",
                    _(
                        "Postetiketten position %(pos)s (%(label)s): "
                        "”%(value)s” är ingen giltig kod."
                    )
                    % {"pos": position.key, "label": position.label, "value": value},
                )
            )
    for index, expected in LEADER_FIXED.items():
        if leader[index] != expected and not (index == 9 and leader[index] == " "):
            problems.append(
                Problem(
                    None,
                    "LDR",
                    f"{index:02d}",
                    "leader-fixed",
                    _("Postetiketten position %(pos)02d ska vara ”%(expected)s”.")
                    % {"pos": index, "expected": expected},
                )
            )
    return problems


def fixed_field_problems(row: int, value: str, leader: str) -> list[Problem]:
    """Problems of one 008: its length, then every position of the material's layout."""
    if len(value) != 40:
        return [
            Problem(
                row,
                "008",
                "",
                "008-length",
                _("Fält 008 ska vara 40 tecken, det är %(n)d.") % {"n": len(value)},
            )
        ]
    problems = []
    for position in fixed_field_layout(leader):
        part = value[position.start : position.start + position.length]
        if not position.accepts(part):
            problems.append(
                Problem(
                    row,
                    "008",
                    position.key,
                    "008-code",
                    _("Fält 008 position %(pos)s (%(label)s): ”%(value)s” är inte giltigt.")
                    % {"pos": position.key, "label": position.label, "value": part},
                )
            )
    return problems


def _indicator_problems(index: int, row: FieldRow) -> list[Problem]:
    problems = []
    allowed = INDICATORS.get(row.tag)
    for number, value in ((1, row.ind1), (2, row.ind2)):
        where = f"ind{number}"
        if len(value) != 1 or not INDICATOR_CHARACTER.fullmatch(value):
            problems.append(
                Problem(
                    index,
                    row.tag,
                    where,
                    "indicator-character",
                    _(
                        "Fält %(tag)s, indikator %(n)d: %(value)s är inget indikatorvärde "
                        "(ett blanksteg, en siffra eller en liten bokstav; tomt betyder blanksteg)."
                    )
                    % {"tag": row.tag, "n": number, "value": f"”{value}”"},
                )
            )
        elif allowed is not None and value not in allowed[number - 1]:
            problems.append(
                Problem(
                    index,
                    row.tag,
                    where,
                    "indicator-value",
                    _("Fält %(tag)s, indikator %(n)d: %(value)s är inte tillåtet (%(allowed)s).")
                    % {
                        "tag": row.tag,
                        "n": number,
                        "value": _blank(value),
                        "allowed": _allowed(allowed[number - 1]),
                    },
                )
            )
    return problems


def _subfield_problems(index: int, row: FieldRow) -> list[Problem]:
    problems = []
    if not row.subfields:
        problems.append(
            Problem(
                index,
                row.tag,
                "",
                "no-subfields",
                _("Fält %(tag)s har inga delfält (skriv t.ex. ”$a text”).") % {"tag": row.tag},
            )
        )
    for code, value in row.subfields:
        if not SUBFIELD_CODE.fullmatch(code):
            problems.append(
                Problem(
                    index,
                    row.tag,
                    f"${code}",
                    "subfield-code",
                    _("Fält %(tag)s: ”$%(code)s” är ingen delfältskod (a–z eller 0–9).")
                    % {"tag": row.tag, "code": code},
                )
            )
        elif not value.strip():
            problems.append(
                Problem(
                    index,
                    row.tag,
                    f"${code}",
                    "empty-subfield",
                    _("Fält %(tag)s, delfält $%(code)s är tomt.") % {"tag": row.tag, "code": code},
                )
            )
    codes = [code for code, _value in row.subfields]
    if row.tag in NEEDS_A and row.subfields and "a" not in codes:
        problems.append(
            Problem(
                index,
                row.tag,
                "$a",
                "missing-a",
                _("Fält %(tag)s saknar delfält $a.") % {"tag": row.tag},
            )
        )
    return problems


def _content_problems(index: int, row: FieldRow) -> list[Problem]:
    """Checks that read the values: title non-filing count, ISBN/ISSN, language codes."""
    problems = []
    values = [(code, value.strip()) for code, value in row.subfields]
    if row.tag == "245":
        title = next((value for code, value in values if code == "a"), "")
        if not title and not any(code == "k" for code, _v in values):
            problems.append(
                Problem(
                    index,
                    "245",
                    "$a",
                    "no-title",
                    _("Fält 245 saknar titel i delfält $a."),
                )
            )
        if row.ind2.isdigit() and title and int(row.ind2) >= len(title):
            problems.append(
                Problem(
                    index,
                    "245",
                    "ind2",
                    "nonfiling",
                    _(
                        "Fält 245, indikator 2: %(n)s tecken att hoppa över vid sortering "
                        "är lika många som hela titeln."
                    )
                    % {"n": row.ind2},
                )
            )
    for code, value in values:
        if row.tag == "020" and code == "a" and value:
            start = ISBN_START.match(value)
            number = (start.group(0) if start else "") or value.split()[0]
            if not stdnum_isbn.is_valid(number):
                problems.append(
                    Problem(
                        index,
                        "020",
                        "$a",
                        "isbn",
                        _(
                            "Fält 020 $a: %(isbn)s är inget giltigt ISBN (kontrollsiffran "
                            "stämmer inte); ett felaktigt ISBN från förlaget hör hemma i $z."
                        )
                        % {"isbn": number},
                    )
                )
        if row.tag == "022" and code == "a" and value:
            number = value.split()[0]
            if not stdnum_issn.is_valid(number):
                problems.append(
                    Problem(
                        index,
                        "022",
                        "$a",
                        "issn",
                        _("Fält 022 $a: %(issn)s är inget giltigt ISSN.") % {"issn": number},
                    )
                )
        if (
            row.tag == "041"
            and code in "abdefghjk"
            and value
            and not LANGUAGE_CODE.fullmatch(value)
        ):
            problems.append(
                Problem(
                    index,
                    "041",
                    f"${code}",
                    "language",
                    _(
                        "Fält 041 $%(code)s: ”%(value)s” är ingen språkkod "
                        "(tre små bokstäver, t.ex. swe)."
                    )
                    % {"code": code, "value": value},
                )
            )
    return problems


def _row_problems(index: int, row: FieldRow, leader: str) -> list[Problem]:
    if not re.fullmatch(r"[0-9]{3}", row.tag) or row.tag == "000":
        return [
            Problem(
                index,
                row.tag,
                "tag",
                "tag",
                _("”%(tag)s” är ingen fältkod (tre siffror, t.ex. 245).") % {"tag": row.tag},
            )
        ]
    if row.is_control:
        if not row.value:
            return [
                Problem(index, row.tag, "", "empty", _("Fält %(tag)s är tomt.") % {"tag": row.tag})
            ]
        if row.tag == "008":
            return fixed_field_problems(index, row.value, leader)
        return []
    return [
        *_indicator_problems(index, row),
        *_subfield_problems(index, row),
        *_content_problems(index, row),
    ]


def _record_problems(fields: Sequence[FieldRow]) -> list[Problem]:
    problems = []
    counts = Counter(row.tag for row in fields)
    for tag in ("008", "245"):
        if counts[tag] == 0:
            problems.append(
                Problem(
                    None,
                    tag,
                    "",
                    "required",
                    _("Fält %(tag)s saknas; varje post ska ha ett.") % {"tag": tag},
                )
            )
    for index, row in enumerate(fields):
        if row.tag in NON_REPEATABLE and counts[row.tag] > 1:
            first = next(i for i, other in enumerate(fields) if other.tag == row.tag)
            if index != first:
                problems.append(
                    Problem(
                        index,
                        row.tag,
                        "",
                        "repeated",
                        _("Fält %(tag)s får bara finnas en gång.") % {"tag": row.tag},
                    )
                )
    main_rows = [index for index, row in enumerate(fields) if row.tag in MAIN_ENTRIES]
    for index in main_rows[1:]:
        problems.append(
            Problem(
                index,
                fields[index].tag,
                "",
                "two-main-entries",
                _("Posten har redan ett huvuduppslag (1XX); bara ett är tillåtet."),
            )
        )
    return problems


def validate(draft: Draft) -> list[Problem]:
    """Every problem of the draft, leader first, then field by field in order.

    An empty list means the record may be saved. The order is stable so the
    editor's summary reads top to bottom like the form.
    """
    problems = [*draft.form_problems, *_leader_problems(draft.leader)]
    for index, row in enumerate(draft.fields):
        problems.extend(_row_problems(index, row, draft.leader))
    problems.extend(_record_problems(draft.fields))
    return sorted(problems, key=lambda p: -1 if p.row is None else p.row)

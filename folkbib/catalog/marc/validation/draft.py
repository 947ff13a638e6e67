"""The record as the editor holds it (``Draft``), what is wrong with it (``Problem``),
and the conversions between a draft, the editor's ``$a`` text and pymarc.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pymarc
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FieldRow:
    """One field as the editor holds it. Control fields (00X) use ``value``."""

    tag: str
    ind1: str = " "
    ind2: str = " "
    value: str = ""
    subfields: tuple[tuple[str, str], ...] = ()

    @property
    def is_control(self) -> bool:
        return is_control_tag(self.tag)


@dataclass(frozen=True)
class Draft:
    leader: str
    fields: tuple[FieldRow, ...]
    # Problems found while reading the form (subfield syntax) before the record exists.
    form_problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Problem:
    """What is wrong and where: ``row`` indexes ``Draft.fields`` (None for the leader)."""

    row: int | None
    tag: str
    position: str  # "06", "07-10", "ind1", "ind2", "$a", "" for the whole field
    code: str
    message: str = field(compare=False)


def is_control_tag(tag: str) -> bool:
    return len(tag) == 3 and tag.startswith("00")


# A subfield starts with "$", its code and one space ("$a "); "$$" is a literal "$".
# Any visible character is read as a code, so a wrong one ("$= 26217") is reported
# by the checks instead of vanishing into the previous subfield's text.
SUBFIELD_TOKEN = re.compile(r"\$\$|\$([^\s$])(?: |$)")


def parse_subfields(text: str) -> tuple[tuple[tuple[str, str], ...], str]:
    """``"$a Titel : $b undertitel"`` -> subfields, and text that came before any ``$x``.

    ``$$`` is a literal dollar sign (``$$5 million``), and so is a ``$`` not followed
    by a code and a space (``$10``). Values are kept exactly as typed, spaces included
    (an LCCN in 010 $a starts with meaningful blanks): only the one space after each
    code and the one before the next ``$x`` belong to the notation, which is what
    ``format_subfields`` writes, so a field goes through the editor unchanged.
    """
    subfields: list[list[str]] = []
    leading: list[str] = []
    position = 0
    for match in SUBFIELD_TOKEN.finditer(text):
        piece = text[position : match.start()]
        if match.group(1) is None:  # "$$"
            piece += "$"
        (subfields[-1] if subfields else leading).append(piece)
        if match.group(1) is not None:
            if subfields and subfields[-1][-1].endswith(" "):
                subfields[-1][-1] = subfields[-1][-1][:-1]
            subfields.append([match.group(1), ""])
        position = match.end()
    (subfields[-1] if subfields else leading).append(text[position:])
    return (
        tuple((parts[0], "".join(parts[1:])) for parts in subfields),
        "".join(leading).strip(),
    )


def format_subfields(subfields: Iterable[tuple[str, str]]) -> str:
    return " ".join(f"${code} {value.replace('$', '$$')}" for code, value in subfields)


def draft_from_record(record: pymarc.Record) -> Draft:
    rows = []
    for f in record.fields:
        if f.is_control_field():
            rows.append(FieldRow(tag=f.tag, value=f.data or ""))
        else:
            rows.append(
                FieldRow(
                    tag=f.tag,
                    ind1=f.indicator1 or " ",
                    ind2=f.indicator2 or " ",
                    subfields=tuple((s.code, s.value) for s in f.subfields),
                )
            )
    return Draft(leader=str(record.leader), fields=tuple(rows))


def draft_to_record(draft: Draft) -> pymarc.Record:
    """The MARC record of a draft (call only once ``validate`` found nothing)."""
    record = pymarc.Record(leader=draft.leader, force_utf8=True)
    for row in draft.fields:
        if row.is_control:
            record.add_field(pymarc.Field(tag=row.tag, data=row.value))
        else:
            record.add_field(
                pymarc.Field(
                    tag=row.tag,
                    indicators=pymarc.Indicators(row.ind1, row.ind2),
                    subfields=[pymarc.Subfield(code, value) for code, value in row.subfields],
                )
            )
    return record


def draft_from_text(leader: str, rows: Iterable[tuple[str, str, str, str]]) -> Draft:
    """A draft from the editor's rows ``(tag, ind1, ind2, content)``, content as typed.

    A data field's content is read as ``$a text $b text``; text before the first
    subfield code is reported (as a problem of that row), never dropped or moved.
    Indicators are kept as typed, an empty one meaning blank.
    """
    fields: list[FieldRow] = []
    problems: list[Problem] = []
    for tag, ind1, ind2, content in rows:
        tag = tag.strip()
        if is_control_tag(tag):
            fields.append(FieldRow(tag=tag, value=content))
            continue
        subfields, leading = parse_subfields(content)
        if leading:
            problems.append(
                Problem(
                    len(fields),
                    tag,
                    "",
                    "text-before-subfield",
                    _("Fält %(tag)s: texten ”%(text)s” står före första delfältskoden ($a …).")
                    % {"tag": tag, "text": leading},
                )
            )
        fields.append(FieldRow(tag=tag, ind1=ind1 or " ", ind2=ind2 or " ", subfields=subfields))
    return Draft(leader=leader, fields=tuple(fields), form_problems=tuple(problems))

"""The MARC editor's form: posted fields -> ``Draft``, and a draft + problems -> what to draw.

The form has three parts: the leader's chosen positions (selects), the 008 cut into
its positions (selects where MARC has a code list, short text inputs otherwise) and
one row per other field (tag, two indicators, ``$a text $b text``). Every problem
is placed beside the input it is about and linked from the summary at the top.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from folkbib.catalog.marc.validation import (
    LEADER_DEFAULT,
    LEADER_POSITIONS,
    Draft,
    FieldRow,
    Position,
    Problem,
    draft_from_text,
    fixed_field_layout,
    fixed_field_material,
    format_subfields,
)

#: Empty rows under the fields, for adding new ones (more with "Fler rader").
BLANK_ROWS = 3
MAX_ROWS = 400  # far above any real record; bounds the work a crafted POST can ask for


@dataclass
class Choice:
    code: str
    label: str
    selected: bool


@dataclass
class Part:
    """One select or text input of the leader or the 008."""

    name: str  # the input's name and id
    key: str  # "06", "07-10"
    label: str
    value: str
    choices: list[Choice] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class Row:
    index: int
    tag: str
    ind1: str
    ind2: str
    content: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def invalid(self) -> set[str]:
        """Which inputs of the row the problems are about (tag, ind1, ind2, content)."""
        found = set()
        for problem in self.problems:
            found.add(
                problem.position if problem.position in ("tag", "ind1", "ind2") else "content"
            )
        return found

    @property
    def is_control(self) -> bool:
        return self.tag.startswith("00")


@dataclass
class EditorForm:
    leader: str
    leader_parts: list[Part]
    fixed_parts: list[Part]
    material: str
    rows: list[Row]
    summary: list[tuple[str, str]]  # (anchor, message), in form order
    fixed_problems: list[str] = field(default_factory=list)  # about the 008 as a whole

    @property
    def row_count(self) -> int:
        """How many row numbers the form posts (rows keep their numbers between posts)."""
        return max((row.index for row in self.rows), default=-1) + 1


def _part(prefix: str, position: Position, value: str) -> Part:
    part = Part(
        name=f"{prefix}_{position.start:02d}",
        key=position.key,
        label=str(position.label),
        value=value,
    )
    if position.choices:
        codes = [code for code, _label in position.choices]
        if value not in codes:
            # Shown as it is, so the cataloguer sees the bad code instead of a quiet fix.
            part.choices.append(
                Choice(value, _("”%(value)s” – ogiltig kod") % {"value": value}, True)
            )
        part.choices += [
            Choice(code, str(label), code == value) for code, label in position.choices
        ]
    return part


def _cut(value: str, position: Position) -> str:
    return value[position.start : position.start + position.length]


# -- reading the post -------------------------------------------------------------------


def _leader_from_post(data: Mapping[str, str]) -> str:
    leader = data.get("leader", LEADER_DEFAULT)
    if len(leader) != 24:
        leader = LEADER_DEFAULT
    for position in LEADER_POSITIONS:
        chosen = data.get(f"ldr_{position.start:02d}")
        if chosen is not None and len(chosen) == 1:
            leader = leader[: position.start] + chosen + leader[position.start + 1 :]
    return leader


def _fixed_from_post(data: Mapping[str, str]) -> tuple[str | None, list[Problem]]:
    """The 008 as posted (positions joined in order), None when every position is empty."""
    layout_leader = data.get("f008_layout", LEADER_DEFAULT)
    layout = fixed_field_layout(layout_leader if len(layout_leader) == 24 else LEADER_DEFAULT)
    values = [(position, data.get(f"f008_{position.start:02d}", "")) for position in layout]
    if not any(value.strip() for _position, value in values):
        return None, []
    problems = [
        Problem(
            -1,
            "008",
            position.key,
            "008-part-length",
            _("Fält 008 position %(pos)s (%(label)s) ska vara %(n)d tecken.")
            % {"pos": position.key, "label": position.label, "n": position.length},
        )
        for position, value in values
        if len(value) != position.length
    ]
    return "".join(value for _position, value in values), problems


def rows_from_post(data: Any) -> list[tuple[int, str, str, str, str]]:
    """(form row, tag, ind1, ind2, content) of every row that is not left empty."""
    count = min(int(data.get("rows", "0") or 0), MAX_ROWS)
    rows = []
    for index in range(count):
        tag = data.get(f"tag_{index}", "").strip()
        content = data.get(f"content_{index}", "")
        ind1 = data.get(f"ind1_{index}", "")
        ind2 = data.get(f"ind2_{index}", "")
        if tag or content.strip():
            # Content as typed: spaces inside MARC values can matter (010 $a, 007).
            rows.append((index, tag, ind1, ind2, content))
    return rows


@dataclass
class Posted:
    draft: Draft
    origins: list[int]  # for each draft field, its form row; -1 for the 008 helper
    rows: list[tuple[int, str, str, str, str]]
    fixed: str | None


def draft_from_post(data: Any) -> Posted:
    leader = _leader_from_post(data)
    fixed, fixed_problems = _fixed_from_post(data)
    rows = rows_from_post(data)
    texts: list[tuple[str, str, str, str]] = []
    origins: list[int] = []
    placed = fixed is None
    for index, tag, ind1, ind2, content in rows:
        if not placed and tag > "008":
            texts.append(("008", "", "", fixed or ""))
            origins.append(-1)
            placed = True
        texts.append((tag, ind1, ind2, content))
        origins.append(index)
    if not placed:
        texts.append(("008", "", "", fixed or ""))
        origins.append(-1)
    draft = draft_from_text(leader, texts)
    # Row numbers of the form's own problems are the draft's; map them like the rest.
    fixed_index = origins.index(-1) if -1 in origins else None
    moved = tuple(
        Problem(fixed_index, p.tag, p.position, p.code, p.message) for p in fixed_problems
    )
    draft = Draft(draft.leader, draft.fields, (*moved, *draft.form_problems))
    return Posted(draft, origins, rows, fixed)


# -- drawing the form --------------------------------------------------------------------


def _anchor(problem: Problem, origins: Sequence[int], form: EditorForm) -> str:
    if problem.row is None:
        if problem.tag == "LDR" and problem.position:
            return f"ldr_{problem.position[:2]}"
        return "leader-heading" if problem.tag == "LDR" else "fields-heading"
    origin = origins[problem.row]
    if origin == -1:
        return f"f008_{problem.position[:2]}" if problem.position else "f008-heading"
    where = problem.position if problem.position in ("tag", "ind1", "ind2") else "content"
    return f"{where}_{origin}"


def build_form(
    *,
    leader: str,
    fixed: str | None,
    rows: Sequence[tuple[int, str, str, str, str]],
    problems: Sequence[Problem] = (),
    origins: Sequence[int] = (),
    blank_rows: int = BLANK_ROWS,
) -> EditorForm:
    """What the editor template draws: parts, rows, and each problem beside its input."""
    leader_parts = [_part("ldr", p, _cut(leader, p)) for p in LEADER_POSITIONS]
    layout = fixed_field_layout(leader)
    fixed_value = fixed if fixed is not None else ""
    fixed_parts = [
        _part("f008", p, _cut(fixed_value, p) if fixed is not None else "") for p in layout
    ]
    next_index = max((index for index, *_rest in rows), default=-1) + 1
    form_rows = [Row(index, tag, ind1, ind2, content) for index, tag, ind1, ind2, content in rows]
    form_rows += [Row(next_index + n, "", "", "", "") for n in range(blank_rows)]
    by_index = {row.index: row for row in form_rows}
    form = EditorForm(
        leader, leader_parts, fixed_parts, fixed_field_material(leader), form_rows, []
    )
    parts = {part.name: part for part in (*leader_parts, *fixed_parts)}
    for problem in problems:
        anchor = _anchor(problem, origins, form)
        form.summary.append((anchor, problem.message))
        if anchor in parts:
            parts[anchor].problems.append(problem.message)
        elif anchor.startswith("f008") or (problem.tag == "008" and problem.row is None):
            form.fixed_problems.append(problem.message)
        elif problem.row is not None and origins[problem.row] in by_index:
            by_index[origins[problem.row]].problems.append(problem)
    return form


def form_from_draft(draft: Draft, *, blank_rows: int = BLANK_ROWS) -> EditorForm:
    """The form for a record as stored (or a new record's starting draft)."""
    fixed: str | None = None
    rows: list[tuple[int, str, str, str, str]] = []
    for row in draft.fields:
        if row.tag == "008" and fixed is None:
            fixed = row.value
            continue
        rows.append((len(rows), *_row_text(row)))
    return build_form(leader=draft.leader, fixed=fixed, rows=rows, blank_rows=blank_rows)


def _row_text(row: FieldRow) -> tuple[str, str, str, str]:
    if row.is_control:
        return row.tag, "", "", row.value
    return row.tag, row.ind1, row.ind2, format_subfields(row.subfields)

"""Check a MARC21 bibliographic record as a cataloguer edits it, and say what is wrong.

Pure (no ORM): the editor turns its form into a ``Draft``, ``validate`` returns the
``Problem`` list, and a record is only saved when that list is empty. Nothing here
repairs a record: a wrong indicator or a too-short 008 is reported with its field
and position in plain Swedish, and the cataloguer decides. The leader and 008
layouts (``LEADER_POSITIONS``, ``fixed_field_layout``) are the same tables the
editor draws its labelled selects from, so a value the editor offers always passes.

Coverage is deliberately the part of MARC21 a public library edits by hand: the
leader, 008 for books, sound recordings and video (other materials get the shared
positions and a free middle), indicators of the common fields, required and
non-repeatable fields, subfield syntax, ISBN/ISSN check digits and language codes.
"""

from .checks import fixed_field_problems, validate
from .draft import (
    Draft,
    FieldRow,
    Problem,
    draft_from_record,
    draft_from_text,
    draft_to_record,
    format_subfields,
    is_control_tag,
    parse_subfields,
)
from .layouts import (
    LEADER_DEFAULT,
    LEADER_FIXED,
    LEADER_POSITIONS,
    Position,
    default_008,
    fixed_field_layout,
    fixed_field_material,
)

__all__ = [
    "LEADER_DEFAULT",
    "LEADER_FIXED",
    "LEADER_POSITIONS",
    "Draft",
    "FieldRow",
    "Position",
    "Problem",
    "default_008",
    "draft_from_record",
    "draft_from_text",
    "draft_to_record",
    "fixed_field_layout",
    "fixed_field_material",
    "fixed_field_problems",
    "format_subfields",
    "is_control_tag",
    "parse_subfields",
    "validate",
]

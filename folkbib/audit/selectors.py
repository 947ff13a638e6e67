"""Reading the audit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from folkbib.audit.models import AuditEntry


@dataclass(frozen=True)
class Difference:
    field: str
    before: Any
    after: Any


def differences(entry: AuditEntry) -> list[Difference]:
    """The fields that changed, in a stable order; a creation or deletion lists every field."""
    before = entry.before or {}
    after = entry.after or {}
    names = sorted(set(before) | set(after))
    return [
        Difference(name, before.get(name), after.get(name))
        for name in names
        if before.get(name) != after.get(name) or entry.before is None or entry.after is None
    ]


def audit_log(
    *,
    everything: bool,
    municipality_id: int | None,
    subject_type: str = "",
    subject_id: str = "",
    staff_query: str = "",
) -> QuerySet[AuditEntry]:
    """The log a reader may see, newest first: all of it, or one municipality's changes.

    A municipality administrator also sees region-wide entries about their own staff
    (their municipality is set on those), never another municipality's.
    """
    entries = AuditEntry.objects.select_related("municipality")
    if not everything:
        if municipality_id is None:
            return entries.none()
        entries = entries.filter(municipality_id=municipality_id)
    if subject_type:
        entries = entries.filter(subject_type=subject_type)
    if subject_id:
        entries = entries.filter(subject_id=subject_id)
    if staff_query:
        entries = entries.filter(Q(staff_name__icontains=staff_query))
    return entries.order_by("-at", "-pk")

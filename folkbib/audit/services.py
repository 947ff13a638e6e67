"""Writing the audit. Every staff change calls ``record_change`` in its own transaction."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from folkbib.audit.models import AuditEntry
from folkbib.consortium.models import Municipality

Snapshot = Mapping[str, Any] | None


def snapshot(instance: models.Model | None, fields: Iterable[str]) -> dict[str, Any] | None:
    """The named fields of ``instance`` as JSON-safe values (a foreign key as its id).

    None for None, so "before" of a creation and "after" of a deletion read naturally.
    """
    if instance is None:
        return None
    values: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if not isinstance(field, models.Field):
            raise ValueError(f"{name!r} is a reverse relation, not a field of the instance")
        if isinstance(field, models.ManyToManyField):
            related = getattr(instance, name).values_list("pk", flat=True) if instance.pk else []
            values[name] = sorted(related)
        else:
            values[name] = getattr(instance, field.attname)
    return _json_safe(values)


def _json_safe(value: Snapshot) -> dict[str, Any] | None:
    # Dates, times and decimals become the strings DjangoJSONEncoder writes, so what is
    # stored reads back equal on SQLite and PostgreSQL alike.
    if value is None:
        return None
    result: dict[str, Any] = json.loads(json.dumps(dict(value), cls=DjangoJSONEncoder))
    return result


def _municipality_of(subject: Any) -> int | None:
    if isinstance(subject, Municipality):
        return subject.pk
    found = getattr(subject, "municipality_id", None)
    if found is None and getattr(subject, "branch_id", None) is not None:
        found = subject.branch.municipality_id
    return found if isinstance(found, int) else None


@transaction.atomic
def record_change(
    *,
    staff: Any,
    action: str,
    subject: models.Model | str,
    before: Snapshot,
    after: Snapshot,
    now: dt.datetime,
    municipality: Municipality | int | None = None,
) -> AuditEntry:
    """Write down that ``staff`` did ``action`` to ``subject`` at ``now``.

    ``subject`` is the changed object (its type, id and name are kept) or, for something
    that is not one row, a short text. ``before``/``after`` are mappings of the fields
    that matter (``snapshot`` makes them); None means "did not exist". The entry belongs
    to ``municipality`` if given, else to the subject's own municipality when it has
    one. Call it inside the same transaction as the change, so neither lands alone.
    """
    if isinstance(subject, models.Model):
        subject_type = subject._meta.label_lower
        subject_id = "" if subject.pk is None else str(subject.pk)
        subject_label = str(subject)[:200]
    else:
        subject_type, subject_id, subject_label = "text", "", subject[:200]
    if isinstance(municipality, Municipality):
        municipality_id: int | None = municipality.pk
    elif municipality is not None:
        municipality_id = municipality
    else:
        municipality_id = _municipality_of(subject)
    user_id = getattr(staff, "pk", None)
    return AuditEntry.objects.create(
        at=now,
        staff_id=user_id,
        staff_name=staff.get_username() if user_id is not None else "",
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        subject_label=subject_label,
        municipality_id=municipality_id,
        before=_json_safe(before),
        after=_json_safe(after),
    )


M = TypeVar("M", bound=models.Model)


@transaction.atomic
def save_audited(
    *,
    staff: Any,
    instance: M,
    fields: Iterable[str],
    values: Mapping[str, Any],
    action: str,
    now: dt.datetime,
) -> M:
    """Set ``values`` (those named in ``fields``) on ``instance``, save it, and log it.

    ``instance`` is a new, unsaved object or one fresh from the database (not one a
    bound ModelForm has already changed: the log needs what it was before). The entry
    is ``<action>.create`` or ``<action>.update`` with the fields before and after.
    """
    fields = tuple(fields)
    before = None if instance.pk is None else snapshot(instance, fields)
    for name in fields:
        if name in values:
            setattr(instance, name, values[name])
    instance.save()
    record_change(
        staff=staff,
        action=f"{action}.create" if before is None else f"{action}.update",
        subject=instance,
        before=before,
        after=snapshot(instance, fields),
        now=now,
    )
    return instance


#: What a redacted value reads as in the log.
REDACTED = "(borttaget)"


def redact_subject(*, subject: models.Model, label: str) -> int:
    """Forget what the log says about ``subject`` while keeping that changes happened.

    For erasing a person (GDPR): the entries stay (who did what and when is the staff's
    accountability), but their label becomes ``label`` and every value in before/after
    becomes ``REDACTED``; the field names stay, so the log still says *what* changed.
    Returns how many entries were redacted.
    """
    entries = AuditEntry.objects.filter(
        subject_type=subject._meta.label_lower, subject_id=str(subject.pk)
    )
    redacted = 0
    for entry in entries.only("pk", "before", "after"):
        entry.subject_label = label[:200]
        entry.before = _redacted(entry.before)
        entry.after = _redacted(entry.after)
        entry.save(update_fields=["subject_label", "before", "after"])
        redacted += 1
    return redacted


def _redacted(values: Any) -> Any:
    if not isinstance(values, dict):
        return values
    return {key: REDACTED for key in values}

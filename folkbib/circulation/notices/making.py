"""Making notices: scan loans, holds and cards, and write one ``Notice`` row per message.

Each notice has a unique ``key`` (see ``keys``), so running this twice, or twice at
once, makes every notice exactly once. The text is rendered now, in the patron's
language, and stored: what a patron was told can be shown later as it was sent.

Channels, as chosen by the patron:

- ``email`` and ``sms``: the row waits as ``pending`` until ``deliver_notices`` sends it;
- ``letter``: the row waits as ``pending`` for a print run (staff print the pending
  letters and mark them sent); ``deliver_notices`` leaves letters alone;
- ``none``, or a channel without an address (no e-mail address, no phone number, no
  postal address): the row is written as ``skipped``, so staff can see that the patron
  was not told, and the notice is not made again should the patron add a channel later.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction

from folkbib.circulation.models import (
    Hold,
    HoldStatus,
    Loan,
    LoanStatus,
    Notice,
    NoticeKind,
    NoticeStatus,
)
from folkbib.circulation.notices import keys
from folkbib.circulation.notices.rendering import render
from folkbib.core.clock import local_date
from folkbib.patrons.models import NoticeChannel, Patron

#: An expired hold is reported only this soon after it expired (not years of history
#: the first time the job runs).
HOLD_EXPIRED_LOOKBACK_DAYS = 7
_BATCH = 500
_PATRON = "patron__home_branch__municipality__region"


@dataclass
class Draft:
    """A notice that should exist; ``context`` is what its template mentions."""

    patron: Patron
    kind: str
    key: str
    context: dict[str, Any] = field(default_factory=dict)
    overdue_loan_id: int | None = None  # the loan whose overdue level this notice is


def due_soon_days() -> int:
    return int(getattr(settings, "NOTICE_DUE_SOON_DAYS", 3))


def overdue_days() -> tuple[int, ...]:
    return tuple(getattr(settings, "NOTICE_OVERDUE_DAYS", (1, 14, 28)))


def card_expiring_days() -> int:
    return int(getattr(settings, "NOTICE_CARD_EXPIRING_DAYS", 30))


def _loan_context(loan: Loan) -> dict[str, Any]:
    record = loan.item.record
    return {
        "title": record.title,
        "author": record.authors[0] if record.authors else "",
        "due": loan.due_date,
        "branch": loan.branch.name,
    }


def _hold_context(hold: Hold) -> dict[str, Any]:
    return {
        "title": hold.record.title,
        "author": hold.record.authors[0] if hold.record.authors else "",
        "branch": hold.pickup_branch.name,
        "pickup_by": hold.pickup_by,
    }


def _active_loans() -> Any:
    return (
        Loan.objects.filter(status=LoanStatus.ACTIVE, patron__isnull=False)
        .select_related(_PATRON, "item__record", "branch")
        .order_by("id")
    )


def due_soon_drafts(today: dt.date) -> Iterator[Draft]:
    """Loans due within the next N days, unless lent or renewed after the reminder day.

    A loan lent for fewer than N days gets no reminder: the receipt just told the date.
    """
    ahead = due_soon_days()
    loans = _active_loans().filter(
        due_date__gte=today, due_date__lte=today + dt.timedelta(days=ahead)
    )
    for loan in loans.iterator(chunk_size=_BATCH):
        lent_on = local_date(loan.last_renewed_at or loan.checked_out_at)
        if lent_on >= loan.due_date - dt.timedelta(days=ahead):
            continue
        assert loan.patron is not None
        yield Draft(
            loan.patron,
            NoticeKind.DUE_SOON,
            keys.due_soon(loan.id, loan.due_date),
            _loan_context(loan),
        )


def overdue_drafts(today: dt.date) -> Iterator[Draft]:
    """The next overdue level of each overdue loan, never skipping one.

    Level k is made once the loan is ``overdue_days()[k-1]`` days overdue and level k-1
    was made at least the gap between the two thresholds ago, so a run that was missed
    for weeks still sends 1, 2, 3 in order and spaced as configured.
    """
    thresholds = overdue_days()
    loans = _active_loans().filter(due_date__lte=today - dt.timedelta(days=thresholds[0]))
    for chunk in _chunks(loans.iterator(chunk_size=_BATCH), _BATCH):
        wanted = [
            keys.overdue(level, loan.id, loan.due_date)
            for loan in chunk
            for level in range(1, len(thresholds) + 1)
        ]
        made = dict(Notice.objects.filter(key__in=wanted).values_list("key", "created_at"))
        for loan in chunk:
            done = [
                level
                for level in range(1, len(thresholds) + 1)
                if keys.overdue(level, loan.id, loan.due_date) in made
            ]
            level = max(done, default=0) + 1
            if level > len(thresholds):
                continue
            late = (today - loan.due_date).days
            if late < thresholds[level - 1]:
                continue
            if level > 1:
                previous = made[keys.overdue(level - 1, loan.id, loan.due_date)]
                gap = thresholds[level - 1] - thresholds[level - 2]
                if (today - local_date(previous)).days < gap:
                    continue
            assert loan.patron is not None
            context = _loan_context(loan)
            context.update(level=level, days_overdue=late, final=level == len(thresholds))
            yield Draft(
                loan.patron,
                keys.OVERDUE_KINDS[level - 1],
                keys.overdue(level, loan.id, loan.due_date),
                context,
                overdue_loan_id=loan.id,
            )


def hold_ready_drafts() -> Iterator[Draft]:
    holds = (
        Hold.objects.filter(status=HoldStatus.READY)
        .select_related(_PATRON, "record", "pickup_branch")
        .order_by("id")
    )
    for hold in holds.iterator(chunk_size=_BATCH):
        key = keys.hold_ready(hold.id, hold.pickup_branch_id, hold.pickup_by)
        yield Draft(hold.patron, NoticeKind.HOLD_READY, key, _hold_context(hold))


def hold_expired_drafts(now: dt.datetime) -> Iterator[Draft]:
    holds = (
        Hold.objects.filter(
            status=HoldStatus.EXPIRED,
            closed_at__gte=now - dt.timedelta(days=HOLD_EXPIRED_LOOKBACK_DAYS),
        )
        .select_related(_PATRON, "record", "pickup_branch")
        .order_by("id")
    )
    for hold in holds.iterator(chunk_size=_BATCH):
        yield Draft(
            hold.patron, NoticeKind.HOLD_EXPIRED, keys.hold_expired(hold.id), _hold_context(hold)
        )


def card_expiring_drafts(today: dt.date) -> Iterator[Draft]:
    patrons = (
        Patron.objects.filter(
            card_expires__gte=today,
            card_expires__lte=today + dt.timedelta(days=card_expiring_days()),
        )
        .select_related("home_branch__municipality__region")
        .order_by("id")
    )
    for patron in patrons.iterator(chunk_size=_BATCH):
        key = keys.card_expiring(patron.id, patron.card_expires)
        yield Draft(patron, NoticeKind.CARD_EXPIRING, key, {"expires": patron.card_expires})


def _unreachable(patron: Patron) -> str:
    """Why ``patron`` cannot be sent anything over their channel; "" when they can."""
    channel = patron.notice_channel
    if channel == NoticeChannel.NONE:
        return "the patron wants no notices"
    addresses: dict[str, str] = {
        NoticeChannel.EMAIL: patron.email,
        NoticeChannel.SMS: patron.phone,
        NoticeChannel.LETTER: patron.street_address,
    }
    address = addresses.get(channel)
    if not address:
        return f"the patron has no address for the channel {channel!r}"
    return ""


def _make_one(draft: Draft, *, now: dt.datetime) -> bool:
    patron = draft.patron
    unreachable = _unreachable(patron)
    rendered = render(
        draft.kind, patron=patron, channel=patron.notice_channel, context=draft.context
    )
    with transaction.atomic():
        # get_or_create re-reads after an IntegrityError: a run at the same moment wins.
        _notice, created = Notice.objects.get_or_create(
            key=draft.key,
            defaults={
                "patron": patron,
                "kind": draft.kind,
                "channel": patron.notice_channel,
                "language": rendered.language,
                "subject": rendered.subject,
                "body": rendered.body,
                "status": NoticeStatus.SKIPPED if unreachable else NoticeStatus.PENDING,
                "error": unreachable,
                "created_at": now,
            },
        )
        if created and draft.overdue_loan_id is not None:
            level = keys.OVERDUE_KINDS.index(NoticeKind(draft.kind)) + 1
            Loan.objects.filter(pk=draft.overdue_loan_id).update(overdue_notices=level)
    return created


def _chunks(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def make_notice(
    *, patron: Patron, kind: str, key: str, context: dict[str, Any], now: dt.datetime
) -> bool:
    """Make one notice now (for an event, not a scan); False when ``key`` was made before.

    For callers outside the scans, such as a librarian's answer to a patron's question.
    Call it inside the caller's transaction: the notice then exists exactly when what
    it tells about does, and ``deliver_notices`` sends it on its next run.
    """
    return _make_one(Draft(patron, kind, key, context), now=now)


def make_notices(*, now: dt.datetime) -> int:
    """Make every notice that is due as of ``now``; returns how many were made.

    Idempotent and safe to run concurrently: a notice whose key exists is not made
    again. Notices to patrons who cannot be reached are made as ``skipped``.
    """
    today = local_date(now)
    drafts = itertools.chain(
        due_soon_drafts(today),
        overdue_drafts(today),
        hold_ready_drafts(),
        hold_expired_drafts(now),
        card_expiring_drafts(today),
    )
    made = 0
    for chunk in _chunks(drafts, _BATCH):
        existing = set(
            Notice.objects.filter(key__in=[d.key for d in chunk]).values_list("key", flat=True)
        )
        for draft in chunk:
            if draft.key not in existing and _make_one(draft, now=now):
                made += 1
    return made

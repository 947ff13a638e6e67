"""Delivering notices: send what is pending, once, and record what happened.

A run claims each notice with one conditional UPDATE (``pending`` -> ``sending``, or a
failed notice whose turn for a retry has come) before sending it. Only one run can win
that UPDATE, on SQLite and PostgreSQL alike, so two runs at once never send a notice
twice. The outcome is recorded after sending: ``sent`` with ``sent_at``, or ``failed``
with ``error``; a failed notice is tried again on a later run, ``NOTICE_MAX_ATTEMPTS``
attempts in all, at least ``RETRY_AFTER`` apart.

A run that dies between claiming and recording leaves the notice ``sending``; after
``SENDING_LEASE`` another run may try it again. That is the one case where a patron
could get a notice twice (it may have gone out just before the crash); the alternative
would be a reminder never sent.

Letters are not sent here: they wait as ``pending`` for a print run.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Q

from folkbib.circulation.models import Notice, NoticeStatus
from folkbib.circulation.notices import keys
from folkbib.circulation.notices.senders import NoticeSender, default_senders

logger = logging.getLogger(__name__)

RETRY_AFTER = dt.timedelta(minutes=10)
SENDING_LEASE = dt.timedelta(hours=1)
_ERROR_LENGTH = 2000


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0  # failed this run (retried later unless given up)
    given_up: int = 0  # of the failed, those that used their last attempt
    skipped: int = 0  # no longer true when their turn came (loan returned, hold collected …)

    def __str__(self) -> str:
        return (
            f"{self.sent} sent, {self.failed} failed ({self.given_up} given up), "
            f"{self.skipped} no longer relevant"
        )


def max_attempts() -> int:
    return int(getattr(settings, "NOTICE_MAX_ATTEMPTS", 3))


def _claimable(now: dt.datetime, channels: list[str]) -> Q:
    return Q(channel__in=channels) & (
        Q(status=NoticeStatus.PENDING)
        | Q(
            status=NoticeStatus.FAILED,
            attempts__lt=max_attempts(),
            claimed_at__lte=now - RETRY_AFTER,
        )
        | Q(status=NoticeStatus.SENDING, claimed_at__lte=now - SENDING_LEASE)
    )


def _finish(notice_id: int, **fields: object) -> None:
    Notice.objects.filter(pk=notice_id, status=NoticeStatus.SENDING).update(**fields)


def deliver_notices(
    *, now: dt.datetime, senders: Mapping[str, NoticeSender] | None = None
) -> DeliveryReport:
    """Send every notice whose turn has come over its channel's sender.

    ``senders`` maps a channel to its sender (default: e-mail through Django's backend,
    SMS through ``settings.SMS_SENDER``); channels without a sender are left pending.
    Safe to run concurrently: each notice is claimed by exactly one run.
    """
    senders = default_senders() if senders is None else senders
    report = DeliveryReport()
    channels = list(senders)
    candidates = list(
        Notice.objects.filter(_claimable(now, channels))
        .order_by("created_at", "id")
        .values_list("id", flat=True)
    )
    for notice_id in candidates:
        claimed = Notice.objects.filter(Q(pk=notice_id) & _claimable(now, channels)).update(
            status=NoticeStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
        if not claimed:
            continue  # another run has it
        notice = Notice.objects.select_related("patron").get(pk=notice_id)
        if not keys.still_true(notice):
            _finish(notice_id, status=NoticeStatus.SKIPPED, error="no longer true when sent")
            report.skipped += 1
            continue
        try:
            senders[notice.channel].send(notice)
        except Exception as error:  # any failure of a gateway is recorded, not raised
            logger.warning("notice %s not sent: %s", notice.key, error)
            _finish(notice_id, status=NoticeStatus.FAILED, error=str(error)[:_ERROR_LENGTH])
            report.failed += 1
            report.given_up += notice.attempts >= max_attempts()
        else:
            _finish(notice_id, status=NoticeStatus.SENT, sent_at=now, error="")
            report.sent += 1
    return report

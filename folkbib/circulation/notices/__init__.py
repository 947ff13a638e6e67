"""Notices to patrons: due soon, overdue (three levels), hold ready or expired, card expiring,
and a librarian's answer to a patron's question (made by ``community`` with ``make_notice``).

``make_notices`` writes each notice once (a unique key per notice), in the patron's
language and for their channel; ``deliver_notices`` sends the pending ones, each exactly
once even when two runs overlap. Both run from ``folkbib run-jobs``.
"""

from .delivery import DeliveryReport, deliver_notices
from .making import make_notice, make_notices
from .senders import (
    EmailSender,
    FakeSender,
    LoggingSmsSender,
    NoticeNotSent,
    NoticeSender,
    SmsSender,
)

__all__ = [
    "DeliveryReport",
    "EmailSender",
    "FakeSender",
    "LoggingSmsSender",
    "NoticeNotSent",
    "NoticeSender",
    "SmsSender",
    "deliver_notices",
    "make_notice",
    "make_notices",
]

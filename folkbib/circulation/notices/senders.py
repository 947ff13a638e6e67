"""How a notice reaches a patron: a small base class, e-mail, SMS, and a fake for tests.

A sender sends one notice or raises; ``delivery`` records the outcome. E-mail goes
through Django's ``EMAIL_BACKEND``; SMS through the class named by ``settings.SMS_SENDER``
(a dotted path), so a region plugs in its gateway without touching this code::

    class MyGateway(SmsSender):
        def send(self, notice):  # raise on failure
            ...

    FOLKBIB_SMS_SENDER=myregion.sms.MyGateway
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from folkbib.circulation.models import Notice
from folkbib.patrons.models import NoticeChannel

logger = logging.getLogger(__name__)


class NoticeNotSent(Exception):
    """The sender could not deliver the notice; the message says why."""


class NoticeSender:
    """Sends one notice; returns normally only when it was handed over for delivery."""

    def send(self, notice: Notice) -> None:
        raise NotImplementedError


class EmailSender(NoticeSender):
    """E-mail through Django's configured backend (SMTP in production)."""

    def send(self, notice: Notice) -> None:
        address = notice.patron.email
        if not address:
            raise NoticeNotSent("the patron has no e-mail address")
        message = EmailMessage(
            subject=notice.subject,
            body=notice.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
            headers={"X-Folkbib-Notice": notice.key},
        )
        message.send(fail_silently=False)


class SmsSender(NoticeSender):
    """Base of SMS gateways: the text to send is ``notice.body``, the number the patron's."""

    def number(self, notice: Notice) -> str:
        if not notice.patron.phone:
            raise NoticeNotSent("the patron has no phone number")
        return notice.patron.phone


class LoggingSmsSender(SmsSender):
    """Development: writes the SMS to the log instead of sending it."""

    def send(self, notice: Notice) -> None:
        logger.info("SMS to %s: %s", self.number(notice), notice.body)


class FakeSender(NoticeSender):
    """For tests: remembers what it was asked to send, or fails with ``error``."""

    def __init__(self, error: Exception | None = None) -> None:
        self.error = error
        self.sent: list[Notice] = []
        self._lock = threading.Lock()

    def send(self, notice: Notice) -> None:
        if self.error is not None:
            raise self.error
        with self._lock:
            self.sent.append(notice)


def default_senders() -> dict[str, NoticeSender]:
    """The sender of each channel that is sent automatically (letters wait for a print run)."""
    sms_class = import_string(settings.SMS_SENDER)
    return {NoticeChannel.EMAIL: EmailSender(), NoticeChannel.SMS: sms_class()}

"""One terminal's conversation: bytes in, bytes out, whatever arrives.

:meth:`Session.respond` is synchronous and owns the protocol rules around the
handlers: checksum and sequence number, resend (97 and retransmissions), the login
gate, the character set, the terminal's language. Whatever cannot be trusted gets 96
("please resend") and changes nothing; the session stays usable. The asyncio server
(``server.py``) runs it in a worker thread, one message at a time per connection.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.utils import translation

from folkbib.core.errors import FolkbibError
from folkbib.patrons import throttle
from folkbib.patrons.errors import TooManyAttempts
from folkbib.protocols.sip2 import codec, handlers, patron_handlers
from folkbib.protocols.sip2.codec import Message, SipFormatError
from folkbib.protocols.sip2.context import Context, SessionState
from folkbib.protocols.sip2.services import authenticate_terminal

logger = logging.getLogger(__name__)

Handler = Callable[[Context, Message], Message]

HANDLERS: dict[str, Handler] = {
    "01": patron_handlers.block_patron,
    "09": handlers.checkin,
    "11": handlers.checkout,
    "15": handlers.hold,
    "17": handlers.item_information,
    "19": handlers.item_status_update,
    "23": patron_handlers.patron_status,
    "25": patron_handlers.patron_enable,
    "29": handlers.renew,
    "35": patron_handlers.end_session,
    "37": patron_handlers.fee_paid,
    "63": patron_handlers.patron_information,
    "65": handlers.renew_all,
    "99": handlers.sc_status,
}

#: 96 "Request SC Resend", always with a checksum: the SC's own may have been garbled.
RESEND = codec.build(Message("96"))


class Session:
    """The state of one connection: its terminal, print width, patron and last exchange."""

    def __init__(self, *, encoding: str = "utf-8") -> None:
        self.state = SessionState()
        self.encoding = encoding
        self.last_sequence: int | None = None
        self.last_request: bytes | None = None
        self.last_response: bytes | None = None

    @property
    def terminal_name(self) -> str:
        return self.state.terminal.username if self.state.terminal else "-"

    def respond(self, raw: bytes, *, now: dt.datetime) -> bytes:
        """The answer to one message (its CR may be there or not)."""
        raw = raw.rstrip(b"\r\n").lstrip(b"\n")
        try:
            request = codec.parse(raw, encoding=self.encoding)
        except SipFormatError as error:
            logger.info("sip2 %s: 96 for %s", self.terminal_name, error)
            return RESEND
        if request.command == "97":
            return self.last_response or RESEND
        if request.command not in HANDLERS and request.command != "93":
            logger.info("sip2 %s: 96 for a %s", self.terminal_name, request.name)
            return RESEND
        if request.sequence is not None and request.command != "93":
            if request.sequence == self.last_sequence:
                if raw == self.last_request and self.last_response is not None:
                    return self.last_response  # the SC missed our answer and asks again
                logger.info("sip2 %s: 96 for a repeated sequence number", self.terminal_name)
                return RESEND
            expected = None if self.last_sequence is None else (self.last_sequence + 1) % 10
            if expected is not None and request.sequence != expected:
                logger.info("sip2 %s: 96 for sequence number out of order", self.terminal_name)
                return RESEND
        if request.command == "93":
            response = self._login(request, now=now)
        elif self.state.terminal is None:
            logger.info("sip2: 96 for a %s before login", request.name)
            return RESEND
        else:
            handled = self._handle(request, now=now)
            if handled is None:
                return RESEND
            response = handled
        response.sequence = request.sequence
        data = codec.build(response, encoding=self.encoding, checksummed=request.has_checksum)
        self.last_sequence = request.sequence
        self.last_request = raw
        self.last_response = data
        return data

    def _handle(self, request: Message, *, now: dt.datetime) -> Message | None:
        terminal = self.state.terminal
        assert terminal is not None
        context = Context(terminal=terminal, state=self.state, now=now)
        try:
            with translation.override(terminal.language):
                return HANDLERS[request.command](context, request)
        except Exception:
            # A bug or a database outage: the transaction rolled back, the SC may resend.
            logger.exception("sip2 %s: %s failed", self.terminal_name, request.name)
            return None

    def _login(self, request: Message, *, now: dt.datetime) -> Message:
        """93 -> 94: plain-text name and password of a terminal account (algorithms 0)."""
        username = request.get("CN")
        keys = [f"sip2:{username[:60]}"]
        ok = False
        if request.fixed["uid_algorithm"] == "0" and request.fixed["pwd_algorithm"] == "0":
            try:
                throttle.check(keys, now=now)
                terminal = authenticate_terminal(username=username, password=request.get("CO"))
            except FolkbibError as error:
                logger.info("sip2: login of %r refused: %s", username, error.message)
                if not isinstance(error, TooManyAttempts):
                    throttle.record_failure(keys, now=now)
            else:
                throttle.clear(keys)
                self.state = SessionState(terminal=terminal)
                self.encoding = terminal.encoding
                ok = True
        # A new login starts the sequence numbers afresh.
        self.last_sequence = None
        return Message("94", {"ok": "1" if ok else "0"})

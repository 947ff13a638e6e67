"""What every SIP2 handler shares: the terminal and session, the patron check, messages.

The handlers only translate (STYLE.md, "edges only translate"): they read the message,
call a circulation or patron service or selector, and map the result or the typed
error to a SIP2 response. Every sentence shown on a screen or printed comes from the
typed errors' ``message`` or from gettext here, rendered in the terminal's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from folkbib.catalog.models import Item
from folkbib.circulation import selectors as circulation_selectors
from folkbib.circulation.errors import CirculationError, FeesOverThreshold
from folkbib.circulation.models import LoanStatus
from folkbib.circulation.services.common import check_patron_may_borrow
from folkbib.core.clock import local_date
from folkbib.core.prepared import Prepared
from folkbib.patrons import selectors as patron_selectors
from folkbib.patrons import services as patron_services
from folkbib.patrons import throttle
from folkbib.patrons.errors import (
    AuthenticationFailed,
    CardExpired,
    CardRetired,
    TooManyAttempts,
    UnknownCard,
)
from folkbib.patrons.models import BlockReason, Patron
from folkbib.protocols.sip2 import codec, vocabulary
from folkbib.protocols.sip2.models import Sip2Terminal

#: The print width assumed until the SC tells its own in an SC Status (99).
DEFAULT_PRINT_WIDTH = 40
#: Items listed in a patron information response when the SC gives no BP/BQ range.
DEFAULT_ITEMS = 50


@dataclass
class SessionState:
    """What one connection remembers between messages (one terminal, one patron)."""

    terminal: Sip2Terminal | None = None
    print_width: int = DEFAULT_PRINT_WIDTH
    # The card whose PIN was verified in this session, until End Patron Session (35).
    verified_card: str | None = None


@dataclass
class Context:
    terminal: Sip2Terminal
    state: SessionState
    now: dt.datetime

    @property
    def today(self) -> dt.date:
        return local_date(self.now)

    @property
    def date(self) -> str:
        """The transaction date of a response, in the region's local time."""
        moment = timezone.localtime(self.now) if timezone.is_aware(self.now) else self.now
        return vocabulary.sip_datetime(moment)

    @property
    def language(self) -> str:
        return vocabulary.language_code(self.terminal.language)

    @property
    def institution(self) -> tuple[str, str]:
        return ("AO", self.terminal.institution_id)

    def screen(self, *sentences: str) -> list[tuple[str, str]]:
        """Screen message fields (AF), each at most 255 characters."""
        text = " ".join(sentence for sentence in sentences if sentence)
        return [("AF", piece) for piece in codec.split_value(text)]

    def printed(self, *lines: str) -> list[tuple[str, str]]:
        """Print lines (AG), wrapped to the width the SC reported."""
        width = max(10, min(self.state.print_width, codec.MAX_FIELD))
        return [("AG", piece) for line in lines if line for piece in codec.split_value(line, width)]

    def notice(self, *sentences: str) -> list[tuple[str, str]]:
        """The same sentences on the screen and on the receipt."""
        return self.screen(*sentences) + self.printed(*sentences)


@dataclass
class PatronCheck:
    """Who the card (AA) belongs to and whether the PIN (AD) opens the account.

    ``password_ok`` is None when no PIN came with this message. ``refusal`` is the
    sentence to show when the account may not be used now (unknown card, wrong or
    missing PIN, locked out); empty when it may.
    """

    card: str
    patron: Patron | None
    password_ok: bool | None
    refusal: str = ""

    @property
    def usable(self) -> bool:
        return self.patron is not None and not self.refusal

    @property
    def valid_patron(self) -> str:
        return vocabulary.yes(self.patron is not None)

    def password_fields(self) -> list[tuple[str, str]]:
        if self.password_ok is None:
            return []
        return [("CQ", vocabulary.yes(self.password_ok))]


def check_patron(ctx: Context, card: str, pin: str) -> PatronCheck:
    """Find the patron of ``card`` and verify ``pin`` the way every sign-in does.

    A wrong PIN counts against the card (``patrons.throttle``), as at the portal and
    the kiosk; the terminal's address is not counted, as every patron at the machine
    shares it. A right PIN is remembered for the session, so a self-check that sends
    it once (in 23 or 63) need not repeat it in each checkout.
    """
    card = card.strip()
    try:
        patron = patron_selectors.patron_by_card(card)
    except (UnknownCard, CardRetired) as error:
        return PatronCheck(card, None, False if pin else None, error.message)
    if pin:
        keys = [throttle.card_key(card)]
        try:
            throttle.check(keys, now=ctx.now)
            patron_services.authenticate_patron(card_number=card, pin=pin, now=ctx.now)
        except CardExpired:
            pass  # the PIN was right; borrowing says the card has expired
        except TooManyAttempts as error:
            return PatronCheck(card, patron, False, error.message)
        except AuthenticationFailed as error:
            throttle.record_failure(keys, now=ctx.now)
            return PatronCheck(card, patron, False, error.message)
        throttle.clear(keys)
        ctx.state.verified_card = patron.card_number
        return PatronCheck(card, patron, True)
    if ctx.terminal.pin_required and ctx.state.verified_card != patron.card_number:
        return PatronCheck(card, patron, None, _("Ange din PIN-kod."))
    return PatronCheck(card, patron, None)


@dataclass(frozen=True)
class Account:
    """A patron's standing as SIP2 reports it, and why they may not borrow (if so)."""

    standing: vocabulary.Standing
    reason: str
    owed: str
    max_loans: int


def account_of(ctx: Context, patron: Patron) -> Account:
    """The patron status flags, from the same check a checkout makes."""
    rows = circulation_selectors.rule_rows()
    reason = ""
    fees_over = False
    try:
        check_patron_may_borrow(patron, today=ctx.today, rows=rows)
    except CirculationError as error:
        reason = error.message
        fees_over = isinstance(error, FeesOverThreshold)
    reasons = set(patron_selectors.active_blocks(patron).values_list("reason", flat=True))
    rule = circulation_selectors.patron_rule(rows, patron=patron)
    loans = patron.loans.filter(status=LoanStatus.ACTIVE).count()
    standing = vocabulary.Standing(
        may_borrow=not reason,
        card_lost=BlockReason.LOST_CARD in reasons,
        too_many_charged=loans >= rule.max_loans,
        too_many_overdue=BlockReason.OVERDUE in reasons,
        fees_over_limit=fees_over,
    )
    owed = circulation_selectors.outstanding_balance(patron)
    return Account(standing, reason, vocabulary.money(owed), rule.max_loans)


#: What an answer tells about a copy; the record's MARC and the rest stay in the database
#: (the services lock and read the copy again themselves).
ITEM_FIELDS = (
    "barcode",
    "status",
    "material_type",
    "due_back",
    "record__title",
    "record__material_type",
    "owning_branch__code",
    "owning_branch__name",
    "current_branch__name",
)


def find_item(barcode: str) -> Item | None:
    barcode = barcode.strip()
    if not barcode:
        return None
    return (
        Item.objects.select_related("record", "owning_branch", "current_branch")
        .only(*ITEM_FIELDS)
        .filter(barcode=barcode)
        .first()
    )


def item_reference(barcode: str) -> Item | None:
    """The copy as a bare reference (its id): the services lock and read it themselves."""
    barcode = barcode.strip()
    if not barcode:
        return None
    item_id = _ITEM_ID.first(barcode)
    return None if item_id is None else Item(pk=item_id)


_ITEM_ID = Prepared(
    lambda barcode: Item.objects.filter(barcode=barcode).values_list("id", flat=True),
    kinds=(str,),
    first=True,
)


def unknown_item() -> str:
    return _("Exemplaret finns inte i katalogen. Kontakta personalen.")


def personal_name(patron: Patron) -> str:
    return f"{patron.first_name} {patron.last_name}".strip()

"""Reads about patrons: card lookups and blocks."""

from __future__ import annotations

from django.db.models import QuerySet

from folkbib.patrons import identity
from folkbib.patrons.errors import CardRetired, InvalidCardNumber, UnknownCard
from folkbib.patrons.models import Patron, PatronBlock, RetiredCard


def patron_by_card(card_number: str) -> Patron:
    """The patron who holds ``card_number`` now.

    Raises :class:`CardRetired` for a card that was replaced or reported lost (the desk
    shows that instead of "unknown card") and :class:`UnknownCard` otherwise.
    """
    try:
        card_number = identity.normalize_card_number(card_number)
    except InvalidCardNumber:
        raise UnknownCard() from None
    patron = (
        Patron.objects.select_related("home_branch__municipality", "category")
        .filter(card_number=card_number)
        .first()
    )
    if patron is not None:
        return patron
    if RetiredCard.objects.filter(card_number=card_number).exists():
        raise CardRetired()
    raise UnknownCard()


def retired_card(card_number: str) -> RetiredCard | None:
    """The retirement record of a card number (who had it, when and why), if any."""
    return RetiredCard.objects.select_related("patron").filter(card_number=card_number).first()


def active_blocks(patron: Patron) -> QuerySet[PatronBlock]:
    """The patron's blocks that have not been lifted, oldest first."""
    return PatronBlock.objects.filter(patron=patron, lifted_at__isnull=True).order_by(
        "created_at", "pk"
    )


def is_blocked(patron: Patron) -> bool:
    return active_blocks(patron).exists()

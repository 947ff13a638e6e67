"""Reads about patrons: card lookups, blocks, searches and possible duplicates."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from folkbib.core.prepared import Prepared
from folkbib.patrons import identity
from folkbib.patrons.errors import CardRetired, InvalidCardNumber, UnknownCard
from folkbib.patrons.models import Patron, PatronBlock, RetiredCard

# Every checkout at a self-service machine starts with this lookup, and the ORM spent
# more CPU compiling it than the database spent running it: compiled once per process.
_CARD_HOLDER = Prepared(
    lambda card_number: Patron.objects.select_related(
        "home_branch__municipality", "category"
    ).filter(card_number=card_number),
    kinds=(str,),
)


def patron_by_card(card_number: str) -> Patron:
    """The patron who holds ``card_number`` now.

    Raises :class:`CardRetired` for a card that was replaced or reported lost (the desk
    shows that instead of "unknown card") and :class:`UnknownCard` otherwise.
    """
    try:
        card_number = identity.normalize_card_number(card_number)
    except InvalidCardNumber:
        raise UnknownCard() from None
    found = _CARD_HOLDER.objects(card_number)  # card numbers are unique
    if found:
        patron: Patron = found[0]
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


@dataclass(frozen=True)
class PossibleDuplicate:
    """An existing patron who may be the same person, and why we think so."""

    patron: Patron
    same_personnummer: bool
    same_name: bool
    same_birth_date: bool


def _folded(name: str) -> str:
    # Case and accents differ between systems and typists ("Åsa", "ÅSA", "Asa").
    decomposed = unicodedata.normalize("NFKD", name.casefold().strip())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


_CASINGS = (str, str.lower, str.upper, str.title, str.capitalize)


def _case_variants(name: str) -> list[str]:
    # The index on (last_name, first_name) serves these; SQLite's LIKE folds ASCII only.
    return list(dict.fromkeys(casing(name.strip()) for casing in _CASINGS))


def find_possible_duplicates(
    *,
    first_name: str,
    last_name: str,
    birth_date: dt.date | None = None,
    personnummer: str | None = None,
    exclude: Patron | None = None,
    limit: int = 20,
) -> list[PossibleDuplicate]:
    """Patrons who may be this person: the same personnummer, or the same name and birth date.

    ``personnummer`` is the compact 12-digit form. Names are compared without regard to
    case or accents; the first name matches on its first word ("Anna" finds "Anna
    Maria"). A same-named patron whose birth date is unknown (on either side) is listed
    too, since nothing tells them apart. Anonymised patrons are never listed.
    """
    wanted_last = _folded(last_name)
    wanted_first = _folded(first_name).split(" ")[0] if first_name.strip() else ""
    query = Q(last_name__in=_case_variants(last_name))
    if birth_date is not None:
        query |= Q(birth_date=birth_date)
    if personnummer:
        query |= Q(personnummer=personnummer)
    candidates = Patron.objects.filter(query, anonymised_at__isnull=True).select_related(
        "home_branch", "category"
    )
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    found = []
    for patron in candidates.order_by("last_name", "first_name", "pk")[:500]:
        same_pnr = bool(personnummer) and patron.personnummer == personnummer
        same_name = _folded(patron.last_name) == wanted_last and (
            _folded(patron.first_name).split(" ")[0] == wanted_first
        )
        same_birth = birth_date is not None and patron.birth_date == birth_date
        unknown_birth = birth_date is None or patron.birth_date is None
        if same_pnr or (same_name and (same_birth or unknown_birth)):
            found.append(PossibleDuplicate(patron, same_pnr, same_name, same_birth))
    return found[:limit]


def search_patrons(
    text: str, *, limit: int = 50, among: QuerySet[Patron] | None = None
) -> QuerySet[Patron]:
    """Patrons (of ``among``, default all) whose card number, personnummer, e-mail or
    name matches ``text``.

    A card number or personnummer must match exactly; names match from the start of
    the last name, or "first last" from the start of both.
    """
    text = " ".join(text.split())
    base = Patron.objects.all() if among is None else among
    patrons = base.filter(anonymised_at__isnull=True).select_related("home_branch", "category")
    if not text:
        return patrons.none()
    compact = "".join(c for c in text if c.isalnum())
    query = Q(card_number=compact) | Q(email__iexact=text)
    if compact.isdigit() and len(compact) in (10, 12):
        query |= Q(personnummer=compact) | Q(personnummer__endswith=compact)
    words = text.split(" ")
    for variant in _case_variants(text):
        query |= Q(last_name__startswith=variant)
    if len(words) >= 2:
        first, last = words[0], " ".join(words[1:])
        for casing in _CASINGS:
            query |= Q(first_name__startswith=casing(first), last_name__startswith=casing(last))
    return patrons.filter(query).order_by("last_name", "first_name", "pk")[:limit]

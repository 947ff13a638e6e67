"""Every write about a patron: registration, the one card, PIN, blocks, privacy choices.

All services are keyword-only and atomic and take ``now``; the desk, the portal, SIP2
and the kiosk call the same functions. PINs are hashed here and nowhere else; neither a
PIN nor a personnummer is ever logged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from folkbib.audit.services import record_change, redact_subject, snapshot
from folkbib.consortium.models import Branch
from folkbib.core.clock import local_date
from folkbib.patrons import identity, pins
from folkbib.patrons.errors import (
    BlockAlreadyLifted,
    CardExpired,
    CardNumberInUse,
    CardRetired,
    InvalidCardNumber,
    InvalidChoice,
    InvalidPin,
    PersonnummerInUse,
    UnknownCard,
    WrongPin,
)
from folkbib.patrons.models import (
    BlockReason,
    LoginThrottle,
    NoticeChannel,
    Patron,
    PatronBlock,
    PatronCategory,
    RetiredCard,
)
from folkbib.patrons.throttle import card_key

# What the audit keeps of a patron before and after a staff change. Never the PIN hash
# or the personnummer (neither is ever logged), only whether one is registered.
AUDITED_FIELDS = (
    "card_number",
    "first_name",
    "last_name",
    "birth_date",
    "email",
    "phone",
    "street_address",
    "postal_code",
    "city",
    "home_branch",
    "category",
    "card_expires",
    "notice_channel",
    "language",
)


def audit_snapshot(patron: Patron | None) -> dict[str, Any] | None:
    """The patron as the audit records it (None for "did not exist")."""
    values = snapshot(patron, AUDITED_FIELDS)
    if values is not None and patron is not None:
        values["personnummer_registered"] = bool(patron.personnummer)
    return values


def audit_patron(
    staff: Any,
    *,
    action: str,
    patron: Patron | str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    now: dt.datetime,
    municipality_id: int | None = None,
) -> None:
    """Record a staff change to a patron; self-service (no ``staff``) is not audited."""
    if staff is None or not getattr(staff, "is_authenticated", False):
        return
    if municipality_id is None and isinstance(patron, Patron):
        municipality_id = patron.home_branch.municipality_id
    record_change(
        staff=staff,
        action=action,
        subject=patron,
        before=before,
        after=after,
        now=now,
        municipality=municipality_id,
    )


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def _ensure_card_number_free(card_number: str, *, patron: Patron | None = None) -> None:
    taken = Patron.objects.filter(card_number=card_number)
    if patron is not None:
        taken = taken.exclude(pk=patron.pk)
    if taken.exists() or RetiredCard.objects.filter(card_number=card_number).exists():
        raise CardNumberInUse(_("Kortnumret används redan eller har använts tidigare."))


def _ensure_personnummer_free(personnummer: str, *, patron: Patron | None = None) -> None:
    taken = Patron.objects.filter(personnummer=personnummer)
    if patron is not None:
        taken = taken.exclude(pk=patron.pk)
    if taken.exists():
        raise PersonnummerInUse(_("Det finns redan en låntagare med det personnumret."))


def _check_notice_channel(channel: str, *, email: str, phone: str, street_address: str) -> None:
    if channel not in NoticeChannel.values:
        raise InvalidChoice(_("Okänt sätt att få meddelanden."), field="notice_channel")
    needs: dict[str, tuple[str, str]] = {
        NoticeChannel.EMAIL: (email, _("Ange en e-postadress för att få meddelanden via e-post.")),
        NoticeChannel.SMS: (phone, _("Ange ett mobilnummer för att få meddelanden via SMS.")),
        NoticeChannel.LETTER: (street_address, _("Ange en postadress för att få brev.")),
    }
    if channel in needs and not needs[channel][0]:
        raise InvalidChoice(needs[channel][1], field="notice_channel")


def _check_language(language: str) -> None:
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise InvalidChoice(_("Språket finns inte att välja."), field="language")


@transaction.atomic
def define_category(
    *, code: str, name: str, is_child: bool = False, card_valid_years: int = 5
) -> PatronCategory:
    """Create the patron category ``code`` or bring it to exactly these settings."""
    category, _created = PatronCategory.objects.update_or_create(
        code=code,
        defaults={"name": name, "is_child": is_child, "card_valid_years": card_valid_years},
    )
    return category


@transaction.atomic
def register_patron(
    *,
    card_number: str,
    first_name: str,
    last_name: str,
    home_branch: Branch,
    category: PatronCategory,
    now: dt.datetime,
    pin: str | None = None,
    pin_hash: str | None = None,
    personnummer: str | None = None,
    birth_date: dt.date | None = None,
    email: str = "",
    phone: str = "",
    street_address: str = "",
    postal_code: str = "",
    city: str = "",
    card_expires: dt.date | None = None,
    keep_loan_history: bool = False,
    notice_channel: str | None = None,
    language: str = "sv",
    staff: Any = None,
) -> Patron:
    """Register a patron with one card that works at every branch of the region.

    Give exactly one of ``pin`` (hashed here) or ``pin_hash`` (an existing Django hash,
    for bulk loaders that hash a shared demo PIN once). ``personnummer`` is stored only
    when given, in its compact 12-digit form, and sets ``birth_date``. The card expires
    after the category's ``card_valid_years`` unless ``card_expires`` says otherwise.
    Without ``notice_channel`` the first available of e-mail, SMS, letter is chosen.
    """
    card_number = identity.normalize_card_number(card_number)
    _ensure_card_number_free(card_number)
    if (pin is None) == (pin_hash is None):
        raise InvalidPin(_("Ange en PIN-kod."))
    if pin_hash is not None and not pins.is_usable_hash(pin_hash):
        raise InvalidPin(_("PIN-koden kunde inte sparas."))
    stored_hash = pins.hash_pin(pin) if pin is not None else str(pin_hash)
    today = local_date(now)
    compact_pnr: str | None = None
    if personnummer:
        compact_pnr = identity.normalize_personnummer(personnummer, today=today)
        _ensure_personnummer_free(compact_pnr)
        birth_date = identity.birth_date_of(compact_pnr)
    if notice_channel is None:
        notice_channel = (
            NoticeChannel.EMAIL
            if email
            else NoticeChannel.SMS
            if phone
            else NoticeChannel.LETTER
            if street_address
            else NoticeChannel.NONE
        )
    _check_notice_channel(notice_channel, email=email, phone=phone, street_address=street_address)
    _check_language(language)
    patron = Patron.objects.create(
        card_number=card_number,
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        personnummer=compact_pnr,
        email=email,
        phone=phone,
        street_address=street_address,
        postal_code=postal_code,
        city=city,
        home_branch=home_branch,
        category=category,
        pin_hash=stored_hash,
        card_expires=card_expires or _years_later(today, category.card_valid_years),
        keep_loan_history=keep_loan_history,
        notice_channel=notice_channel,
        language=language,
    )
    audit_patron(
        staff,
        action="register_patron",
        patron=patron,
        before=None,
        after=audit_snapshot(patron),
        now=now,
    )
    return patron


@transaction.atomic
def change_pin(*, patron: Patron, new_pin: str, now: dt.datetime, staff: Any = None) -> Patron:
    """Store a new PIN (hashed); other signed-in sessions of the patron stop working.

    Set by staff (``staff``), the audit says that the PIN changed, never what it is.
    """
    patron.pin_hash = pins.hash_pin(new_pin)
    patron.save(update_fields=["pin_hash", "updated_at"])
    audit_patron(
        staff, action="change_pin", patron=patron, before=None, after={"pin": "***"}, now=now
    )
    return patron


@transaction.atomic
def set_personnummer(*, patron: Patron, personnummer: str | None, now: dt.datetime) -> Patron:
    """Store (or, with None or "", remove) the patron's personnummer."""
    if personnummer:
        compact = identity.normalize_personnummer(personnummer, today=local_date(now))
        _ensure_personnummer_free(compact, patron=patron)
        patron.personnummer = compact
        patron.birth_date = identity.birth_date_of(compact)
    else:
        patron.personnummer = None
    patron.save(update_fields=["personnummer", "birth_date", "updated_at"])
    return patron


@transaction.atomic
def renew_card(*, patron: Patron, now: dt.datetime) -> Patron:
    """Extend the card by the category's validity, counted from today."""
    patron.card_expires = _years_later(local_date(now), patron.category.card_valid_years)
    patron.save(update_fields=["card_expires", "updated_at"])
    return patron


@transaction.atomic
def replace_card(
    *, patron: Patron, new_card_number: str, reason: str, now: dt.datetime, staff: Any = None
) -> Patron:
    """Give the patron a new card number; the old one stops working for good.

    The account (loans, holds, history, choices) stays as it is. The old number is kept
    as a :class:`RetiredCard` so that using it says the card was replaced or reported
    lost, and it can never be issued again. Active lost-card blocks are lifted.
    """
    new_card_number = identity.normalize_card_number(new_card_number)
    if new_card_number == patron.card_number:
        raise InvalidCardNumber(_("Det nya kortnumret måste skilja sig från det gamla."))
    _ensure_card_number_free(new_card_number, patron=patron)
    RetiredCard.objects.create(
        card_number=patron.card_number, patron=patron, retired_at=now, reason=reason
    )
    before = {"card_number": patron.card_number}
    patron.card_number = new_card_number
    patron.save(update_fields=["card_number", "updated_at"])
    PatronBlock.objects.filter(
        patron=patron, reason=BlockReason.LOST_CARD, lifted_at__isnull=True
    ).update(lifted_at=now)
    audit_patron(
        staff,
        action="replace_card",
        patron=patron,
        before=before,
        after={"card_number": new_card_number, "reason": reason},
        now=now,
    )
    return patron


@transaction.atomic
def block_patron(
    *, patron: Patron, reason: str, now: dt.datetime, note: str = "", staff: Any = None
) -> PatronBlock:
    """Stop the patron from borrowing for ``reason`` (a BlockReason) until lifted."""
    if reason not in BlockReason.values:
        raise InvalidChoice(_("Okänd anledning till spärr."), field="reason")
    block = PatronBlock.objects.create(patron=patron, reason=reason, note=note, created_at=now)
    audit_patron(
        staff,
        action="block_patron",
        patron=patron,
        before=None,
        after={"block": block.pk, "reason": reason, "note": note},
        now=now,
    )
    return block


@transaction.atomic
def lift_block(*, block: PatronBlock, now: dt.datetime, staff: Any = None) -> PatronBlock:
    """Lift one block; the row stays as a record of when it applied."""
    block = PatronBlock.objects.select_for_update().get(pk=block.pk)
    if block.lifted_at is not None:
        raise BlockAlreadyLifted()
    block.lifted_at = now
    block.save(update_fields=["lifted_at"])
    audit_patron(
        staff,
        action="lift_block",
        patron=block.patron,
        before={"block": block.pk, "reason": block.reason, "note": block.note},
        after=None,
        now=now,
    )
    return block


@transaction.atomic
def update_privacy_choices(
    *,
    patron: Patron,
    now: dt.datetime,
    keep_loan_history: bool | None = None,
    notice_channel: str | None = None,
    language: str | None = None,
) -> Patron:
    """Change what the patron has chosen; arguments left as None stay as they are.

    Turning ``keep_loan_history`` off means no reading history is kept from now on
    (circulation anonymises returned loans of patrons who have not opted in).
    """
    if keep_loan_history is not None:
        patron.keep_loan_history = keep_loan_history
    if notice_channel is not None:
        _check_notice_channel(
            notice_channel,
            email=patron.email,
            phone=patron.phone,
            street_address=patron.street_address,
        )
        patron.notice_channel = notice_channel
    if language is not None:
        _check_language(language)
        patron.language = language
    patron.save(update_fields=["keep_loan_history", "notice_channel", "language", "updated_at"])
    return patron


@transaction.atomic
def update_contact_details(
    *,
    patron: Patron,
    now: dt.datetime,
    email: str,
    phone: str,
    street_address: str,
    postal_code: str,
    city: str,
    preferred_pickup_branch: Branch | None,
) -> Patron:
    """Set the patron's contact details and preferred pickup branch.

    Refuses (``InvalidChoice`` on ``notice_channel``) to remove the one way the patron
    has chosen to be reached, and a pickup branch that takes no holds.
    """
    _check_notice_channel(
        patron.notice_channel, email=email, phone=phone, street_address=street_address
    )
    if preferred_pickup_branch is not None and not (
        preferred_pickup_branch.is_active and preferred_pickup_branch.accepts_holds
    ):
        raise InvalidChoice(
            _("Biblioteket tar inte emot reservationer."), field="preferred_pickup_branch"
        )
    patron.email = email.strip()
    patron.phone = phone.strip()
    patron.street_address = street_address.strip()
    patron.postal_code = postal_code.strip()
    patron.city = city.strip()
    patron.preferred_pickup_branch = preferred_pickup_branch
    patron.updated_at = now
    patron.save()
    return patron


@transaction.atomic
def authenticate_patron(*, card_number: str, pin: str, now: dt.datetime) -> Patron:
    """The patron whose card and PIN these are, or a typed :class:`AuthenticationFailed`.

    Raises UnknownCard, CardRetired (replaced or reported lost), WrongPin, or - only
    after the right PIN, so a stranger learns nothing more - CardExpired. A blocked
    patron can still sign in (to see why and pay); borrowing checks the blocks.
    Every path runs one hash, so response time does not reveal which cards exist.
    """
    pin = pin if isinstance(pin, str) else ""
    try:
        card_number = identity.normalize_card_number(card_number)
    except InvalidCardNumber:
        pins.burn_hash_time(pin)
        raise UnknownCard() from None
    patron = (
        Patron.objects.select_related("home_branch", "category")
        .filter(card_number=card_number)
        .first()
    )
    if patron is None:
        pins.burn_hash_time(pin)
        if RetiredCard.objects.filter(card_number=card_number).exists():
            raise CardRetired()
        raise UnknownCard()

    def upgrade(raw_pin: str) -> None:
        # No format check: a PIN accepted under older rules keeps working.
        patron.pin_hash = pins.rehash(raw_pin)
        patron.save(update_fields=["pin_hash"])

    if not pins.pin_matches(pin, patron.pin_hash, on_upgrade=upgrade):
        raise WrongPin()
    if patron.card_expires < local_date(now):
        raise CardExpired()
    return patron


@transaction.atomic
def update_patron(
    *,
    patron: Patron,
    now: dt.datetime,
    first_name: str,
    last_name: str,
    home_branch: Branch,
    category: PatronCategory,
    card_expires: dt.date,
    personnummer: str | None = None,
    birth_date: dt.date | None = None,
    email: str = "",
    phone: str = "",
    street_address: str = "",
    postal_code: str = "",
    city: str = "",
    notice_channel: str | None = None,
    staff: Any = None,
) -> Patron:
    """Set everything staff may edit about a patron, checked like at registration.

    A personnummer (given, in any accepted form) sets ``birth_date``; None or "" removes
    it and keeps ``birth_date`` as given. Without ``notice_channel`` the channel stays,
    and must still be reachable with the new contact details. Card number and PIN have
    their own services (:func:`replace_card`, :func:`change_pin`). Audited with the
    fields before and after.
    """
    before = audit_snapshot(patron)
    first_name, last_name = first_name.strip(), last_name.strip()
    if not first_name or not last_name:
        raise InvalidChoice(_("Ange både förnamn och efternamn."), field="last_name")
    if not home_branch.is_active:
        raise InvalidChoice(_("Biblioteket är inte i drift."), field="home_branch")
    if personnummer:
        compact = identity.normalize_personnummer(personnummer, today=local_date(now))
        _ensure_personnummer_free(compact, patron=patron)
        patron.personnummer = compact
        patron.birth_date = identity.birth_date_of(compact)
    else:
        patron.personnummer = None
        patron.birth_date = birth_date
    channel = notice_channel if notice_channel is not None else patron.notice_channel
    email, phone, street_address = email.strip(), phone.strip(), street_address.strip()
    _check_notice_channel(channel, email=email, phone=phone, street_address=street_address)
    patron.first_name = first_name
    patron.last_name = last_name
    patron.home_branch = home_branch
    patron.category = category
    patron.card_expires = card_expires
    patron.email = email
    patron.phone = phone
    patron.street_address = street_address
    patron.postal_code = postal_code.strip()
    patron.city = city.strip()
    patron.notice_channel = channel
    patron.save()
    audit_patron(
        staff,
        action="update_patron",
        patron=patron,
        before=before,
        after=audit_snapshot(patron),
        now=now,
    )
    return patron


def _fill_blanks(keep: Patron, merge: Patron) -> None:
    for name in ("email", "phone", "street_address", "postal_code", "city"):
        if not getattr(keep, name) and getattr(merge, name):
            setattr(keep, name, getattr(merge, name))
    if keep.birth_date is None:
        keep.birth_date = merge.birth_date
    keep.card_expires = max(keep.card_expires, merge.card_expires)
    keep.keep_loan_history = keep.keep_loan_history or merge.keep_loan_history


@transaction.atomic
def absorb_patron(*, keep: Patron, merge: Patron, now: dt.datetime) -> Patron:
    """The identity half of merging two accounts of one person: ``merge`` ends in ``keep``.

    ``keep`` keeps its name, card and PIN; contact details it lacks are taken from
    ``merge``, as is a personnummer, and the later expiry date wins. The merged card
    number (and every card it had retired) now names ``keep`` as a retired card, so
    the old card says "replaced" and is never issued again. Blocks move over.
    ``merge`` itself is deleted: call this last, after the other apps moved their rows
    (``circulation.services.merge_patrons`` does).
    """
    if keep.pk == merge.pk:
        raise InvalidChoice(_("Välj två olika låntagare."), field="merge")
    personnummer = merge.personnummer
    _fill_blanks(keep, merge)
    if not keep.personnummer and personnummer:
        merge.personnummer = None
        merge.save(update_fields=["personnummer"])
        keep.personnummer = personnummer
        keep.birth_date = identity.birth_date_of(personnummer)
    keep.save()
    RetiredCard.objects.filter(patron=merge).update(patron=keep)
    PatronBlock.objects.filter(patron=merge).update(patron=keep)
    old_card = merge.card_number
    merge.delete()
    RetiredCard.objects.create(
        card_number=old_card,
        patron=keep,
        retired_at=now,
        reason=_("Sammanslagen med kort %(card)s") % {"card": keep.card_number},
    )
    return keep


@transaction.atomic
def erase_identity(*, patron: Patron, now: dt.datetime) -> Patron:
    """Remove every personal detail from the patron row, which stays as an empty shell.

    The name becomes "Anonymiserad", contact details, birth date and personnummer go,
    the PIN stops working, and the card number is retired (so it is never given to
    somebody else) and replaced by a placeholder no scanner produces. Block notes go;
    no reading history is kept from now on. The caller (``circulation.services.
    anonymise_patron``) first makes sure nothing is on loan or owed.
    """
    RetiredCard.objects.create(
        card_number=patron.card_number,
        patron=patron,
        retired_at=now,
        reason=_("Anonymiserad"),
    )
    PatronBlock.objects.filter(patron=patron).delete()
    # The failed sign-ins counted against the card name it too.
    LoginThrottle.objects.filter(key=card_key(patron.card_number)).delete()
    patron.card_number = f"anonymised-{patron.pk}"
    patron.first_name = _("Anonymiserad")
    patron.last_name = _("låntagare")
    patron.birth_date = None
    patron.personnummer = None
    patron.email = ""
    patron.phone = ""
    patron.street_address = ""
    patron.postal_code = ""
    patron.city = ""
    patron.pin_hash = "!"  # never a valid hash: no PIN opens the account again
    patron.keep_loan_history = False
    patron.notice_channel = NoticeChannel.NONE
    patron.preferred_pickup_branch = None
    patron.anonymised_at = now
    patron.save()
    # Staff changes logged earlier name the person and hold their details.
    redact_subject(subject=patron, label=f"patron {patron.pk}")
    return patron

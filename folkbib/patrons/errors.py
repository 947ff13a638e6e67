"""Typed errors about patrons and their card.

    FolkbibError                          (folkbib.core.errors)
    ├── ValidationFailed                  (folkbib.core.errors)
    │   └── PatronInputInvalid            also a PatronError; ``field`` names the input
    │       ├── InvalidPin                not 4-8 digits
    │       ├── InvalidPersonnummer       wrong length, checksum or date
    │       ├── InvalidCardNumber         not 4-32 letters or digits
    │       ├── CardNumberInUse           another patron has it, or it was retired
    │       ├── PersonnummerInUse         another patron has registered it
    │       └── InvalidChoice             an unknown notice channel or language
    └── PatronError
        ├── AuthenticationFailed          signing in with card number and PIN
        │   ├── UnknownCard               no patron has this card number
        │   ├── CardRetired               the card was replaced or reported lost
        │   ├── CardExpired               right PIN, but the card is past its expiry date
        │   ├── WrongPin
        │   └── TooManyAttempts       locked out for a while after repeated wrong PINs
        └── BlockAlreadyLifted

Every ``message`` can be shown to the patron (Swedish source strings through gettext).
None of them contains a PIN or a personnummer.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from folkbib.core.errors import FolkbibError, ValidationFailed


class PatronError(FolkbibError):
    """Base of every patron error."""


class PatronInputInvalid(PatronError, ValidationFailed):
    """Input about a patron that cannot be accepted; ``field`` names it."""

    field = ""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        if field is not None:
            self.field = field


class InvalidPin(PatronInputInvalid):
    field = "pin"


class InvalidPersonnummer(PatronInputInvalid):
    field = "personnummer"


class InvalidCardNumber(PatronInputInvalid):
    field = "card_number"


class CardNumberInUse(PatronInputInvalid):
    field = "card_number"


class PersonnummerInUse(PatronInputInvalid):
    field = "personnummer"


class InvalidChoice(PatronInputInvalid):
    pass


class AuthenticationFailed(PatronError):
    """Card number and PIN did not open the account; the subclass says why."""


class UnknownCard(AuthenticationFailed):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message or _("Kortnumret finns inte. Kontrollera numret på ditt lånekort.")
        )


class CardRetired(AuthenticationFailed):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or _(
                "Det här lånekortet har ersatts av ett nytt kort eller anmälts förlorat. "
                "Använd ditt nya kort eller kontakta biblioteket."
            )
        )


class CardExpired(AuthenticationFailed):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message or _("Ditt lånekort har gått ut. Kontakta biblioteket för att förnya det.")
        )


class WrongPin(AuthenticationFailed):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("Fel PIN-kod."))


class TooManyAttempts(AuthenticationFailed):
    pass


class BlockAlreadyLifted(PatronError):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("Spärren är redan hävd."))

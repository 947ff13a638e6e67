"""Typed errors of the social library.

    FolkbibError                          (folkbib.core.errors)
    ├── ValidationFailed                  (folkbib.core.errors)
    │   └── CommunityInputInvalid         also a CommunityError; ``field`` names the input
    │       ├── InvalidRating             not a whole number 1-5
    │       ├── InvalidText               empty, too long, or only invisible characters
    │       ├── InvalidTag                empty, too long, or contains "/"
    │       ├── InvalidDisplayName        too short/long, or looks like a card number
    │       ├── DisplayNameTaken          another patron uses (a look-alike of) the name
    │       ├── ContainsBlockedWord       a word the region does not allow; ``word`` says which
    │       └── LibraryNotAvailable       a question to a library that is closed for good
    └── CommunityError
        ├── DisplayNameRequired           choose a public name before writing in public
        ├── NotYourContent                only the author may change or remove it
        ├── AlreadyReviewed               one review per patron and work: edit it instead
        ├── ThreadClosed                  locked or hidden: no more replies
        ├── QuoteNotInThread              a quote must come from the same thread
        ├── ModerationError               hide what is hidden, restore what is visible
        ├── ConversationClosed            reopen a closed question before writing in it
        ├── TooManyOpenQuestions          wait for answers before asking more
        └── NotYourInbox                  staff answer their own municipality's questions

Every ``message`` can be shown to the patron or the moderator (Swedish source strings
through gettext). Blocked words are refused, not held: the writer sees at once which
word to change, and nothing waits in a queue unseen.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from folkbib.core.errors import FolkbibError, ValidationFailed


class CommunityError(FolkbibError):
    """Base of every social-library error."""


class CommunityInputInvalid(CommunityError, ValidationFailed):
    field = ""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        if field is not None:
            self.field = field


class InvalidRating(CommunityInputInvalid):
    field = "stars"

    def __init__(self) -> None:
        super().__init__(_("Välj ett betyg från 1 till 5."))


class InvalidText(CommunityInputInvalid):
    pass


class InvalidTag(CommunityInputInvalid):
    field = "tag"


class InvalidDisplayName(CommunityInputInvalid):
    field = "display_name"


class DisplayNameTaken(CommunityInputInvalid):
    field = "display_name"

    def __init__(self) -> None:
        super().__init__(_("Någon annan använder redan det namnet eller ett som liknar det."))


class ContainsBlockedWord(CommunityInputInvalid):
    def __init__(self, word: str, *, field: str) -> None:
        super().__init__(
            _(
                "Texten innehåller ett ord som inte är tillåtet här (”%(word)s”). "
                "Ändra texten och försök igen."
            )
            % {"word": word},
            field=field,
        )
        self.word = word


class DisplayNameRequired(CommunityError):
    def __init__(self) -> None:
        super().__init__(
            _("Välj först ett namn som visas för andra. Ditt kortnummer visas aldrig.")
        )


class NotYourContent(CommunityError):
    def __init__(self) -> None:
        super().__init__(_("Du kan bara ändra eller ta bort det du själv har skrivit."))


class AlreadyReviewed(CommunityError):
    def __init__(self) -> None:
        super().__init__(
            _("Du har redan recenserat den här titeln. Ändra din recension i stället.")
        )


class ThreadClosed(CommunityError):
    def __init__(self) -> None:
        super().__init__(_("Tråden är stängd för nya svar."))


class QuoteNotInThread(CommunityError):
    def __init__(self) -> None:
        super().__init__(_("Du kan bara citera inlägg i samma tråd."))


class ModerationError(CommunityError):
    pass


class LibraryNotAvailable(CommunityInputInvalid):
    field = "branch"

    def __init__(self) -> None:
        super().__init__(_("Välj ett av regionens bibliotek."))


class ConversationClosed(CommunityError):
    def __init__(self) -> None:
        super().__init__(_("Frågan är avslutad. Öppna den igen för att skriva mer."))


class TooManyOpenQuestions(CommunityError):
    def __init__(self, limit: int) -> None:
        super().__init__(
            _(
                "Du har redan %(limit)d frågor som väntar på svar. Skriv gärna i någon av dem "
                "i stället, eller vänta tills biblioteket har svarat."
            )
            % {"limit": limit}
        )
        self.limit = limit


class NotYourInbox(CommunityError):
    def __init__(self) -> None:
        super().__init__(_("Frågan hör till en annan kommuns bibliotek."))

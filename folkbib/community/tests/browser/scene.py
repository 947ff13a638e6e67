"""A small, fixed social library for the browser tests."""

from __future__ import annotations

import dataclasses

from folkbib.catalog.models import Record
from folkbib.community import services
from folkbib.community.models import Board, ReadingList, Thread
from folkbib.community.tests.factories import NOW, make_patron, make_record
from folkbib.patrons.models import Patron


@dataclasses.dataclass
class Scene:
    anna: Patron
    bertil: Patron
    pippi: Record
    hobbit: Record
    board: Board
    thread: Thread
    summer: ReadingList


def build_scene() -> Scene:
    anna = make_patron("Anna", display_name="Läsande Anna")
    bertil = make_patron("Bertil", display_name="Bokbertil")
    pippi = make_record("Pippi Långstrump", authors=["Lindgren, Astrid"], year=1945)
    hobbit = make_record("The Hobbit", authors=["Tolkien, J. R. R."], language="eng", year=1937)
    for patron, stars in ((anna, 5), (bertil, 4)):
        services.rate(patron=patron, record=pippi, stars=stars, now=NOW)
        services.add_tag(patron=patron, record=pippi, name="starka flickor", now=NOW)
    services.add_tag(patron=anna, record=hobbit, name="fantasy", now=NOW)
    services.write_review(patron=bertil, record=pippi, text="Rolig!\n\nLäs högt.", now=NOW)
    board = Board.objects.create(slug="deckare", name="Deckare", description="Mord och mysterier")
    Board.objects.create(slug="bokcirkel-vannas", name="Bokcirkel Vännäs")
    thread = services.create_thread(
        patron=anna, board=board, title="Var börjar man med Mankell?", body="Tips?", now=NOW
    )
    services.reply(
        patron=bertil,
        thread=thread,
        body="Mördare utan ansikte.",
        quoted=thread.posts.get(),
        now=NOW,
    )
    summer = services.create_list(
        patron=anna,
        name="Sommarläsning 2026",
        description="Lätt och roligt",
        is_public=True,
        now=NOW,
    )
    services.add_entry(patron=anna, reading_list=summer, record=pippi, note="Först", now=NOW)
    services.add_entry(patron=anna, reading_list=summer, record=hobbit, now=NOW)
    return Scene(anna, bertil, pippi, hobbit, board, thread, summer)


def log_in(page, live_server, patron: Patron, next_path: str = "/") -> None:
    page.goto(f"{live_server.url}/test/logga-in-som/{patron.pk}/?next={next_path}")

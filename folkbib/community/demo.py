"""The demo region's social library: boards, a few conversations, and real reader
ratings and tags from goodbooks-10k matched to the demo catalogue.

Called by ``folkbib.demo.loader.load_demo`` after the people and the catalogue, inside
its transaction. Reads only the subset shipped in ``folkbib/demo/data/goodbooks/``.
goodbooks readers are anonymous numbers; each is played by a demo patron (the same
one on every run), so the ratings are real opinions under demo names.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from pathlib import Path

from folkbib.catalog.models import Record
from folkbib.community import goodbooks, services
from folkbib.community.errors import CommunityInputInvalid
from folkbib.community.models import (
    Board,
    CommunityProfile,
    Conversation,
    Post,
    Rating,
    Review,
    Tag,
    Tagging,
)
from folkbib.consortium.models import Municipality
from folkbib.patrons.models import Patron

GENRE_BOARDS = [
    ("deckare", "Deckare", "Mord, mysterier och svensk kriminallitteratur."),
    ("barn-och-unga", "Barn och unga", "Böcker för barn och unga, och tips för högläsning."),
    ("bokcirkel-vannas", "Bokcirkel Vännäs", "Bokcirkeln som träffas på Vännäs bibliotek."),
]

# (board slug, title, opening post, replies as (body, quote the opening post?))
CONVERSATIONS = [
    (
        "deckare",
        "Var ska man börja med Wallander?",
        "Jag har aldrig läst Henning Mankell. Ska man ta böckerna i ordning?",
        [
            ("Börja med Mördare utan ansikte, den första. Ystad i januari, perfekt nu.", True),
            ("Håller med. Och ta Den vita lejoninnan innan du ser filmerna.", False),
        ],
    ),
    (
        "barn-och-unga",
        "Högläsning för sexåringar",
        "Vi har läst ut alla Pippi-böckerna. Vad läser ni högt för era barn?",
        [
            ("Bröderna Lejonhjärta, men kanske när de är lite äldre.", True),
            ("Ronja Rövardotter! Min dotter skrek av glädje vid Vårskriket.", False),
        ],
    ),
    (
        "bokcirkel-vannas",
        "Nästa bok: En man som heter Ove",
        "Vi ses på biblioteket torsdag 18.30. Läs gärna hela boken till dess.",
        [("Jag tar med kaffe. Ska vi börja med första kapitlet?", True)],
    ),
]

REVIEWS = [
    (
        "Pippi Långstrump",
        "Läste den högt för barnbarnen och skrattade mer än de gjorde. Pippi är lika "
        "modig och rolig som när jag var liten.",
    ),
    (
        "Män som hatar kvinnor",
        "Långsam start, men sedan gick det inte att sluta. Lisbeth Salander är en av de "
        "bästa gestalterna i svensk kriminallitteratur.",
    ),
]


@dataclasses.dataclass
class DemoCommunitySummary:
    boards: int = 0
    threads: int = 0
    posts: int = 0
    matched_books: int = 0
    ratings: int = 0
    taggings: int = 0
    reviews: int = 0
    questions: int = 0


def load_demo_community(
    *, now: dt.datetime, data_dir: Path = goodbooks.SUBSET_DIR
) -> DemoCommunitySummary:
    """Reset the demo boards and fill the social library; idempotent like ``load_demo``.

    The demo boards (with their threads) and the demo patrons' ratings, tags and
    reviews are replaced; boards added by staff are kept.
    """
    summary = DemoCommunitySummary()
    patrons = list(Patron.objects.order_by("card_number"))
    if not patrons:
        return summary
    for model in (Rating, Tagging, Review):
        model.objects.filter(patron__in=patrons).delete()
    boards = _boards()
    summary.boards = len(boards)
    _load_goodbooks(summary, patrons=patrons, data_dir=data_dir, now=now)
    writers = patrons[:12]
    for patron in writers:
        _name(patron, now=now)
    _load_conversations(summary, boards=boards, writers=writers, now=now)
    _load_reviews(summary, writers=writers, now=now)
    Tag.objects.filter(taggings__isnull=True).delete()
    summary.questions = load_demo_questions(now=now)
    return summary


def _boards() -> dict[str, Board]:
    slugs = [slug for slug, _name, _description in GENRE_BOARDS]
    municipalities = list(Municipality.objects.order_by("name"))
    municipal_slugs = [f"kommun-{m.code}" for m in municipalities]
    # Reset: the demo boards go with their threads; boards staff added are kept.
    Board.objects.filter(slug__in=[*slugs, *municipal_slugs]).delete()
    boards: dict[str, Board] = {}
    for position, municipality in enumerate(municipalities):
        slug = f"kommun-{municipality.code}"
        boards[slug] = Board.objects.create(
            slug=slug,
            name=municipality.name,
            description=f"För läsare i {municipality.name}: bibliotekets program, tips och frågor.",
            municipality=municipality,
            position=position,
        )
    for offset, (slug, name, description) in enumerate(GENRE_BOARDS):
        boards[slug] = Board.objects.create(
            slug=slug, name=name, description=description, position=100 + offset
        )
    return boards


def _name(patron: Patron, *, now: dt.datetime) -> CommunityProfile:
    existing = CommunityProfile.objects.filter(patron=patron).first()
    if existing is not None:
        return existing
    base = f"{patron.first_name} {patron.last_name[:1]}.".strip()
    for suffix in ["", *(f" {n}" for n in range(2, 50))]:
        try:
            return services.set_display_name(patron=patron, display_name=f"{base}{suffix}", now=now)
        except CommunityInputInvalid:
            continue
    return services.set_display_name(patron=patron, display_name=f"Läsare {patron.pk}", now=now)


def _load_goodbooks(
    summary: DemoCommunitySummary, *, patrons: list[Patron], data_dir: Path, now: dt.datetime
) -> None:
    subset = goodbooks.read_subset(data_dir)
    records = Record.objects.only("id", "title", "authors", "isbns").iterator()
    matched = goodbooks.match_records(subset.books, records)
    summary.matched_books = len(matched)
    by_id = Record.objects.in_bulk([pk for ids in matched.values() for pk in ids])
    readers = sorted({user for _book, user, _stars in subset.ratings})
    # The same goodbooks reader is always the same demo patron.
    played_by = {user: patrons[n % len(patrons)] for n, user in enumerate(readers)}
    for book_id, user, stars in subset.ratings:
        for record_id in matched.get(book_id, []):
            services.rate(patron=played_by[user], record=by_id[record_id], stars=stars, now=now)
            summary.ratings += 1
    for n, (book_id, name, count) in enumerate(subset.tags):
        # A tag many readers used is put on by more demo patrons (1-5).
        taggers = max(1, min(5, round(math.log10(max(count, 1)))))
        for k in range(taggers):
            patron = patrons[(n * 7 + k) % len(patrons)]
            for record_id in matched.get(book_id, []):
                try:
                    services.add_tag(patron=patron, record=by_id[record_id], name=name, now=now)
                except CommunityInputInvalid:
                    continue
                summary.taggings += 1


def _load_conversations(
    summary: DemoCommunitySummary,
    *,
    boards: dict[str, Board],
    writers: list[Patron],
    now: dt.datetime,
) -> None:
    for n, (slug, title, opening, replies) in enumerate(CONVERSATIONS):
        started = now - dt.timedelta(days=3 * (len(CONVERSATIONS) - n), hours=2)
        author = writers[n % len(writers)]
        # Followed only after the replies: loading the demo sends no e-mail.
        thread = services.create_thread(
            patron=author,
            board=boards[slug],
            title=title,
            body=opening,
            now=started,
            subscribe=False,
        )
        first = Post.objects.get(thread=thread, is_opening=True)
        summary.threads += 1
        summary.posts += 1
        for k, (body, quote) in enumerate(replies, start=1):
            services.reply(
                patron=writers[(n + k) % len(writers)],
                thread=thread,
                body=body,
                quoted=first if quote else None,
                now=started + dt.timedelta(hours=5 * k),
            )
            summary.posts += 1
        services.subscribe(patron=author, thread=thread, now=started)


def _load_reviews(
    summary: DemoCommunitySummary, *, writers: list[Patron], now: dt.datetime
) -> None:
    for n, (title, text) in enumerate(REVIEWS):
        record = Record.objects.filter(title=title).order_by("pk").first()
        if record is None:
            continue
        services.write_review(patron=writers[-1 - n], record=record, text=text, now=now)
        summary.reviews += 1


#: The demo patron who has asked the library things (Anna, see ``folkbib.demo.people``).
QUESTION_CARD = "10000001"
LIBRARIAN = "bibliotekarie"
# (subject, the patron's question, the librarian's answer or None, days ago, closed?)
QUESTIONS = [
    (
        "Bokcirkel i höst?",
        "Hej! Finns det någon bokcirkel för vuxna på biblioteket i höst? Jag läser mest "
        "svenska romaner.",
        "Hej Anna! Ja, vår bokcirkel träffas varannan torsdag kl. 18 från den 3 september. "
        "Anmäl dig i informationsdisken eller svara här, så skriver jag upp dig.",
        4,
        False,
    ),
    (
        "Talböcker till min pappa",
        "Min pappa ser dåligt. Kan han låna talböcker hos er, och behöver han något särskilt "
        "kort för det?",
        None,
        1,
        False,
    ),
]


def load_demo_questions(*, now: dt.datetime) -> int:
    """The demo patron's questions to the library, one answered by the demo librarian.

    Their conversations are replaced on every run. The answer makes a notice, as in
    real use; the loader's reset removes the demo patrons' notices before each run.
    """
    from django.contrib.auth import get_user_model

    patron = Patron.objects.filter(card_number=QUESTION_CARD).select_related("home_branch").first()
    if patron is None:
        return 0
    Conversation.objects.filter(patron=patron).delete()
    librarian = get_user_model().objects.filter(username=LIBRARIAN).first()
    for subject, question, answer, days_ago, closed in QUESTIONS:
        asked = now - dt.timedelta(days=days_ago, hours=3)
        conversation = services.ask_library(
            patron=patron, subject=subject, body=question, now=asked
        )
        if answer is not None and librarian is not None:
            services.reply_as_staff(
                staff=librarian,
                branch=patron.home_branch,
                conversation=conversation,
                body=answer,
                now=asked + dt.timedelta(hours=20),
            )
        if closed:
            services.close_conversation(conversation=conversation, patron=patron, now=now)
    return len(QUESTIONS)

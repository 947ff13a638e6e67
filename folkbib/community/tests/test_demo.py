from __future__ import annotations

from folkbib.catalog.models import Record
from folkbib.community import selectors
from folkbib.community.demo import load_demo_community
from folkbib.community.goodbooks import Book, isbn13, match_records, read_subset
from folkbib.community.models import Board, Post, Rating, Review, Subscription, Tagging
from folkbib.community.tests.factories import NOW, make_patron, make_record
from folkbib.consortium.models import Municipality
from folkbib.consortium.tests.factories import make_municipality


def test_the_shipped_subset_is_small_and_complete():
    subset = read_subset()
    books = {b.book_id for b in subset.books}
    assert 20 <= len(books) <= 100
    assert {book for book, _user, _stars in subset.ratings} <= books
    assert all(1 <= stars <= 5 for _book, _user, stars in subset.ratings)
    assert not {tag for _book, tag, _count in subset.tags} & {"to-read", "favorites", "owned"}


def test_books_match_records_by_isbn_or_by_original_title_and_author(db):
    by_isbn = make_record("Call of Cthulhu", isbns=["9780141182346"], authors=["Lovecraft, H. P."])
    by_title = make_record("Män som hatar kvinnor", authors=["Larsson, Stieg"])
    make_record("Män som hatar kvinnor", authors=["Someone, Else"])
    books = [
        Book("3820", "0141182342", "The Call of Cthulhu", "", "H.P. Lovecraft"),
        Book(
            "16",
            "0307269752",
            "The Girl with the Dragon Tattoo",
            "Män som hatar kvinnor",
            "Stieg Larsson, Reg Keeland",
        ),
        Book("1", "0000000000", "Nothing here", "", "Nobody"),
    ]
    assert match_records(books, Record.objects.all()) == {
        "3820": [by_isbn.pk],
        "16": [by_title.pk],
    }
    assert isbn13("0141182342") == "9780141182346"


def test_the_demo_community_has_boards_conversations_and_real_ratings_and_is_idempotent(db):
    make_municipality(code="2480", name="Umeå")
    for n in range(15):
        make_patron(f"Läsare{n}")
    larsson = make_record("Män som hatar kvinnor", authors=["Larsson, Stieg"])
    pippi = make_record("Pippi Långstrump", authors=["Lindgren, Astrid"])
    first = load_demo_community(now=NOW)
    second = load_demo_community(now=NOW)
    assert first == second
    municipal = {f"kommun-{code}" for code in Municipality.objects.values_list("code", flat=True)}
    assert "kommun-2480" in municipal
    assert set(Board.objects.values_list("slug", flat=True)) == municipal | {
        "deckare",
        "barn-och-unga",
        "bokcirkel-vannas",
    }
    assert Post.objects.filter(quoted__isnull=False).exists()
    assert Subscription.objects.count() == 3
    summary = selectors.rating_summary(larsson)
    assert summary.count > 10 and 3.5 <= summary.average <= 5
    assert Rating.objects.filter(record=larsson).count() == summary.count
    names = {t.name for t in selectors.tags_for_record(larsson)}
    assert {"crime", "thriller"} <= names
    assert Tagging.objects.filter(record=pippi).exists()
    assert Review.objects.filter(record=pippi).exists()


def test_the_demo_patron_has_asked_the_library_and_got_one_answer(db):
    from django.contrib.auth import get_user_model

    from folkbib.circulation.models import Notice
    from folkbib.community.demo import load_demo_questions
    from folkbib.community.models import Conversation, ConversationStatus
    from folkbib.consortium import services as consortium

    anna = make_patron("Anna")
    anna.card_number = "10000001"
    anna.save()
    librarian = get_user_model().objects.create_user(username="bibliotekarie", first_name="Bibbi")
    consortium.assign_staff(user=librarian, branch=anna.home_branch)
    for _run in range(2):  # idempotent
        assert load_demo_questions(now=NOW) == 2
    statuses = sorted(Conversation.objects.filter(patron=anna).values_list("status", flat=True))
    assert statuses == [ConversationStatus.ANSWERED, ConversationStatus.OPEN]
    answered = Conversation.objects.get(status=ConversationStatus.ANSWERED)
    assert answered.messages.get(sender="staff").staff_user == librarian
    assert Notice.objects.filter(patron=anna, kind="librarian_reply").exists()

from __future__ import annotations

import pytest

from folkbib.community import selectors, services
from folkbib.community.errors import (
    AlreadyReviewed,
    DisplayNameRequired,
    DisplayNameTaken,
    InvalidDisplayName,
    InvalidText,
    NotYourContent,
)
from folkbib.community.models import CommunityProfile, Review
from folkbib.community.tests.factories import make_patron


def test_a_review_is_shown_under_the_display_name_the_patron_chose(anna, pippi, now):
    services.write_review(patron=anna, record=pippi, text="Bästa boken!", now=now)
    (review,) = selectors.reviews_for_record(pippi)
    assert review.patron.community_profile.display_name == "Läsande Anna"


def test_writing_a_review_needs_a_display_name_first(pippi, now):
    nameless = make_patron("Cecilia")
    with pytest.raises(DisplayNameRequired):
        services.write_review(patron=nameless, record=pippi, text="Bra", now=now)


def test_a_second_review_of_the_same_work_is_refused(anna, pippi, now):
    services.write_review(patron=anna, record=pippi, text="Bra", now=now)
    with pytest.raises(AlreadyReviewed):
        services.write_review(patron=anna, record=pippi, text="Igen", now=now)


def test_the_author_edits_and_deletes_their_own_review(anna, pippi, now):
    review = services.write_review(patron=anna, record=pippi, text="Bra", now=now)
    services.edit_review(patron=anna, review=review, text="Mycket bra", now=now)
    assert Review.objects.get().text == "Mycket bra"
    services.delete_review(patron=anna, review=review)
    assert not Review.objects.exists()


def test_another_patron_can_neither_edit_nor_delete_the_review(anna, bertil, pippi, now):
    review = services.write_review(patron=anna, record=pippi, text="Bra", now=now)
    with pytest.raises(NotYourContent):
        services.edit_review(patron=bertil, review=review, text="Dålig", now=now)
    with pytest.raises(NotYourContent):
        services.delete_review(patron=bertil, review=review)
    assert Review.objects.get().text == "Bra"


def test_an_empty_review_is_refused(anna, pippi, now):
    with pytest.raises(InvalidText):
        services.write_review(patron=anna, record=pippi, text=" \n ", now=now)


def test_a_display_name_may_not_be_or_look_like_a_card_number(db, now):
    patron = make_patron("Doris")
    for name in (patron.card_number, f"Doris{patron.card_number}", "123456"):
        with pytest.raises(InvalidDisplayName):
            services.set_display_name(patron=patron, display_name=name, now=now)


def test_a_look_alike_of_someone_elses_name_is_taken(anna, now):
    patron = make_patron("Doris")
    with pytest.raises(DisplayNameTaken):
        services.set_display_name(patron=patron, display_name="LÄSANDE\u200b anna", now=now)


def test_a_patron_may_rename_themselves(anna, now):
    services.set_display_name(patron=anna, display_name="Anna L", now=now)
    assert CommunityProfile.objects.get(patron=anna).display_name == "Anna L"

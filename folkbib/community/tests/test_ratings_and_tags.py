from __future__ import annotations

import pytest

from folkbib.community import selectors, services
from folkbib.community.errors import InvalidRating, InvalidTag, NotYourContent
from folkbib.community.models import Tag, Tagging


def test_a_patron_rates_a_work_once_and_rating_again_replaces_it(anna, pippi, now):
    services.rate(patron=anna, record=pippi, stars=2, now=now)
    services.rate(patron=anna, record=pippi, stars=5, now=now)
    assert selectors.rating_summary(pippi) == selectors.RatingSummary(count=1, average=5.0)


def test_the_summary_is_the_average_and_count_of_every_patrons_rating(anna, bertil, pippi, now):
    services.rate(patron=anna, record=pippi, stars=4, now=now)
    services.rate(patron=bertil, record=pippi, stars=5, now=now)
    summary = selectors.rating_summary(pippi)
    assert (summary.count, summary.average, summary.rounded) == (2, 4.5, 4)


def test_an_unrated_work_has_no_average(pippi):
    assert selectors.rating_summary(pippi) == selectors.RatingSummary(count=0, average=None)


@pytest.mark.parametrize("stars", [0, 6, -1, True, "5"])
def test_it_refuses_stars_outside_one_to_five(anna, pippi, now, stars):
    with pytest.raises(InvalidRating):
        services.rate(patron=anna, record=pippi, stars=stars, now=now)


def test_taking_a_rating_back_removes_it_from_the_average(anna, bertil, pippi, now):
    services.rate(patron=anna, record=pippi, stars=1, now=now)
    services.rate(patron=bertil, record=pippi, stars=5, now=now)
    assert services.unrate(patron=anna, record=pippi) is True
    assert selectors.rating_summary(pippi).average == 5.0


def test_tags_are_folded_so_the_same_word_is_one_tag(anna, bertil, pippi, now):
    services.add_tag(patron=anna, record=pippi, name="  Starka   Flickor ", now=now)
    services.add_tag(patron=bertil, record=pippi, name="starka flickor", now=now)
    services.add_tag(patron=bertil, record=pippi, name="STARKA FLICKOR", now=now)
    tags = selectors.tags_for_record(pippi, patron=anna)
    assert [(t.name, t.count) for t in tags] == [("starka flickor", 2)]
    assert tags[0].my_tagging_id is not None


def test_a_patron_removes_their_own_tag_and_an_unused_tag_disappears(anna, pippi, now):
    tagging = services.add_tag(patron=anna, record=pippi, name="humor", now=now)
    services.remove_tag(patron=anna, tagging=tagging)
    assert not Tagging.objects.exists()
    assert not Tag.objects.filter(name="humor").exists()


def test_a_patron_cannot_remove_someone_elses_tag(anna, bertil, pippi, now):
    tagging = services.add_tag(patron=anna, record=pippi, name="humor", now=now)
    with pytest.raises(NotYourContent):
        services.remove_tag(patron=bertil, tagging=tagging)
    assert Tagging.objects.filter(pk=tagging.pk).exists()


@pytest.mark.parametrize("name", ["", "   ", "a/b", "x" * 41])
def test_it_refuses_empty_long_or_slashed_tags(anna, pippi, now, name):
    with pytest.raises(InvalidTag):
        services.add_tag(patron=anna, record=pippi, name=name, now=now)


def test_the_tag_cloud_weighs_the_most_used_tag_heaviest(anna, bertil, pippi, now):
    from folkbib.community.tests.factories import make_patron, make_record

    emil = make_record("Emil i Lönneberga")
    carl = make_patron("Carl")
    for patron in (anna, bertil, carl):
        services.add_tag(patron=patron, record=pippi, name="barn", now=now)
    services.add_tag(patron=anna, record=emil, name="barn", now=now)
    services.add_tag(patron=anna, record=emil, name="småland", now=now)
    cloud = {t.name: (t.count, t.weight) for t in selectors.tag_cloud()}
    assert cloud == {"barn": (4, 5), "småland": (1, 1)}
    tag = selectors.tag_named("barn")
    assert [(r.title, r.tag_count) for r in selectors.records_by_tag(tag)] == [
        ("Pippi Långstrump", 3),
        ("Emil i Lönneberga", 1),
    ]


def test_a_hidden_tagging_is_not_counted_and_the_report_goes_to_the_first_visible_one(
    anna, bertil, pippi, now
):
    from folkbib.community.tests.factories import make_patron

    hidden = services.add_tag(patron=anna, record=pippi, name="humor", now=now)
    first_visible = services.add_tag(patron=bertil, record=pippi, name="humor", now=now)
    services.add_tag(patron=make_patron("Carl"), record=pippi, name="humor", now=now)
    services.add_tag(patron=bertil, record=pippi, name="barn", now=now)
    Tagging.objects.filter(pk=hidden.pk).update(hidden_at=now)

    tags = selectors.tags_for_record(pippi, patron=anna)

    assert [(t.name, t.count, t.first_tagging_id) for t in tags] == [
        ("humor", 2, first_visible.pk),
        ("barn", 1, Tagging.objects.get(tag__name="barn").pk),
    ]
    # a patron's own tagging is theirs to remove even while it is hidden
    assert tags[0].my_tagging_id == hidden.pk

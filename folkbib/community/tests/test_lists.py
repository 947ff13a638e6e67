from __future__ import annotations

import pytest

from folkbib.community import selectors, services
from folkbib.community.errors import DisplayNameRequired, NotYourContent
from folkbib.community.models import ListEntry, ReadingList
from folkbib.community.tests.factories import make_patron


def test_a_private_list_is_visible_to_its_owner_only(anna, bertil, pippi, now):
    summer = services.create_list(patron=anna, name="Sommarläsning 2026", now=now)
    services.add_entry(patron=anna, reading_list=summer, record=pippi, now=now)
    assert selectors.visible_list(summer.pk, viewer=anna).entries.count() == 1
    with pytest.raises(ReadingList.DoesNotExist):
        selectors.visible_list(summer.pk, viewer=bertil)
    with pytest.raises(ReadingList.DoesNotExist):
        selectors.visible_list(summer.pk, viewer=None)
    assert list(selectors.public_lists()) == []


def test_a_public_list_is_listed_for_everyone(anna, pippi, now):
    summer = services.create_list(
        patron=anna,
        name="Sommarläsning 2026",
        description="Lätt och roligt",
        is_public=True,
        now=now,
    )
    services.add_entry(patron=anna, reading_list=summer, record=pippi, note="Börja här", now=now)
    (listed,) = selectors.public_lists()
    assert (listed.name, listed.entry_count) == ("Sommarläsning 2026", 1)
    assert selectors.visible_list(summer.pk, viewer=None).entries.get().note == "Börja här"


def test_a_public_list_needs_a_display_name(pippi, now):
    with pytest.raises(DisplayNameRequired):
        services.create_list(patron=make_patron("Cecilia"), name="X", is_public=True, now=now)


def test_a_work_is_on_a_list_once(anna, pippi, now):
    summer = services.create_list(patron=anna, name="Sommar", now=now)
    services.add_entry(patron=anna, reading_list=summer, record=pippi, now=now)
    services.add_entry(patron=anna, reading_list=summer, record=pippi, note="igen", now=now)
    assert ListEntry.objects.get().note == "igen"


def test_another_patron_cannot_change_the_list_or_its_entries(anna, bertil, pippi, now):
    summer = services.create_list(patron=anna, name="Sommar", is_public=True, now=now)
    entry = services.add_entry(patron=anna, reading_list=summer, record=pippi, now=now)
    with pytest.raises(NotYourContent):
        services.update_list(
            patron=bertil,
            reading_list=summer,
            name="Mitt",
            description="",
            is_public=False,
            now=now,
        )
    with pytest.raises(NotYourContent):
        services.add_entry(patron=bertil, reading_list=summer, record=pippi, now=now)
    with pytest.raises(NotYourContent):
        services.remove_entry(patron=bertil, entry=entry, now=now)
    with pytest.raises(NotYourContent):
        services.delete_list(patron=bertil, reading_list=summer)
    assert ReadingList.objects.get().name == "Sommar"
    assert ListEntry.objects.count() == 1

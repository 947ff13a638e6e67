"""The clean-up lists: records without items, records sharing an ISBN."""

from __future__ import annotations

import pymarc
import pytest
from django.urls import reverse

from folkbib.catalog.models import ItemStatus
from folkbib.catalog.services import save_record
from folkbib.circulation.tests.conftest import NOW
from folkbib.staff.tests.helpers import text
from folkbib.staff.tests.test_cataloguing_editor import cataloguer as cataloguer

pytestmark = pytest.mark.django_db


def _book(title: str, *, isbn: str = "", control: str = "") -> object:
    marc = pymarc.Record(leader="00000nam a2200000 i 4500", force_utf8=True)
    if control:
        marc.add_field(pymarc.Field(tag="001", data=control))
        marc.add_field(pymarc.Field(tag="003", data="TEST"))
    if isbn:
        marc.add_field(
            pymarc.Field(tag="020", indicators=[" ", " "], subfields=[pymarc.Subfield("a", isbn)])
        )
    marc.add_field(
        pymarc.Field(tag="245", indicators=["0", "0"], subfields=[pymarc.Subfield("a", title)])
    )
    record, _created = save_record(marc=marc, now=NOW)
    return record


def test_records_without_items_lists_those_with_nothing_left_on_a_shelf(
    cataloguer, world, django_assert_max_num_queries
):
    world.item(world.record("Har exemplar"), world.umea)
    world.record("Inga exemplar")
    world.item(world.record("Bara gallrat"), world.umea, status=ItemStatus.WITHDRAWN)
    with django_assert_max_num_queries(14):
        body = text(cataloguer.get(reverse("staff:records_without_items")))
    assert "2 poster har inget exemplar kvar" in body
    assert "Inga exemplar" in body and "Bara gallrat" in body
    assert "Har exemplar" not in body


def test_isbn_duplicates_groups_records_that_share_an_isbn(
    cataloguer, world, django_assert_max_num_queries
):
    # Different control numbers from one source: the import keeps them apart.
    first = _book("Mio, min Mio", isbn="9789129688313", control="1")
    second = _book("Mio, min Mio (ny utgåva)", isbn="91-29-68831-0", control="2")
    _book("Ensam", isbn="9789113084909", control="3")
    world.item(first, world.umea)
    with django_assert_max_num_queries(14):
        body = text(cataloguer.get(reverse("staff:isbn_duplicates")))
    assert "1 ISBN finns i mer än en post." in body
    assert "ISBN 9789129688313" in body
    assert "Mio, min Mio (ny utgåva)" in body and "Ensam" not in body
    assert reverse("staff:record_edit", kwargs={"record_id": second.pk}) in body

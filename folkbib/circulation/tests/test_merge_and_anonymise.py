"""Two accounts of one person become one; a patron's personal data can be removed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from folkbib.audit.models import AuditEntry
from folkbib.catalog.models import ItemStatus
from folkbib.circulation import services
from folkbib.circulation.models import (
    CirculationEvent,
    Fee,
    Hold,
    HoldStatus,
    Loan,
    Notice,
)
from folkbib.circulation.tests.conftest import NOW, days
from folkbib.community import services as community
from folkbib.community.models import Board, CommunityProfile, Post, Rating, Review
from folkbib.patrons import services as patron_services
from folkbib.patrons.models import Patron, RetiredCard

pytestmark = pytest.mark.django_db


def make_board():
    return Board.objects.create(slug="allmant", name="Allmänt")


def named(world, name, **extra):
    patron = world.patron(**extra)
    community.set_display_name(patron=patron, display_name=name, now=NOW)
    return patron


def lend(world, patron, title, when=NOW):
    item = world.item(world.record(title), world.umea)
    return services.checkout(patron=patron, item=item, branch=world.umea, now=when).loan


def test_merging_moves_loans_holds_fees_and_messages_to_the_kept_account(world, django_user_model):
    staff = django_user_model.objects.create_user("bibbi")
    keep = world.patron(first_name="Anna")
    merge = world.patron(first_name="Anna", phone="070-1")
    loan = lend(world, merge, "Ronja")
    busy = world.record("Mio")
    services.checkout(
        patron=world.patron(), item=world.item(busy, world.umea), branch=world.umea, now=NOW
    )
    hold = services.place_hold(patron=merge, record=busy, pickup_branch=world.umea, now=NOW)
    fee = Fee.objects.create(
        patron=merge, kind="other", amount=Decimal("20"), created_at=NOW, updated_at=NOW
    )
    Notice.objects.create(
        patron=merge,
        kind="due_soon",
        key="k1",
        channel="email",
        language="sv",
        subject="Påminnelse",
        body="...",
        created_at=NOW,
    )
    result = services.merge_patrons(keep=keep, merge=merge, now=NOW, staff=staff)
    assert (result.loans, result.holds, result.fees, result.notices) == (1, 1, 1, 1)
    for row in (loan, hold, fee):
        row.refresh_from_db()
        assert row.patron_id == keep.pk
    assert not Patron.objects.filter(pk=merge.pk).exists()
    keep.refresh_from_db()
    assert keep.phone == "070-1"
    assert RetiredCard.objects.get(card_number=merge.card_number).patron_id == keep.pk
    entry = AuditEntry.objects.get(action="merge_patrons")
    assert (entry.staff, entry.subject_id, entry.at) == (staff, str(keep.pk), NOW)
    assert entry.before["merged"]["card_number"] == merge.card_number
    assert entry.after["moved"]["loans"] == 1
    assert entry.municipality == world.umea_kommun


def test_merging_refuses_when_both_queue_for_the_same_title(world):
    keep, merge = world.patron(), world.patron()
    wanted = world.record("Bröderna Lejonhjärta")
    services.checkout(
        patron=world.patron(), item=world.item(wanted, world.umea), branch=world.umea, now=NOW
    )
    for patron in (keep, merge):
        services.place_hold(patron=patron, record=wanted, pickup_branch=world.umea, now=NOW)
    with pytest.raises(services.PatronsNotMergeable) as error:
        services.merge_patrons(keep=keep, merge=merge, now=NOW)
    assert "Bröderna Lejonhjärta" in error.value.message
    assert Patron.objects.filter(pk=merge.pk).exists()
    assert Hold.objects.filter(patron=merge, status=HoldStatus.WAITING).count() == 1


def test_merging_keeps_the_latest_rating_and_moves_forum_posts(world):
    keep, merge = world.patron(), named(world, "Läsaren")
    record = world.record("Pippi")
    community.rate(patron=keep, record=record, stars=2, now=NOW - days(10))
    community.rate(patron=merge, record=record, stars=5, now=NOW)
    thread = community.create_thread(
        patron=merge, board=make_board(), title="Bästa boken", body="Pippi!", now=NOW
    )
    services.merge_patrons(keep=keep, merge=merge, now=NOW)
    assert Rating.objects.get(record=record).patron_id == keep.pk
    assert Rating.objects.get(record=record).stars == 5
    assert Post.objects.get(thread=thread).author_id == keep.pk
    assert CommunityProfile.objects.get(patron=keep).display_name == "Läsaren"


def test_a_patron_cannot_be_merged_with_themself(world):
    patron = world.patron()
    with pytest.raises(services.PatronsNotMergeable):
        services.merge_patrons(keep=patron, merge=patron, now=NOW)


def test_anonymising_refuses_while_something_is_on_loan(world):
    patron = world.patron()
    lend(world, patron, "Ronja")
    with pytest.raises(services.AccountNotClosable) as error:
        services.anonymise_patron(patron=patron, now=NOW)
    assert "lån kvar" in error.value.message
    patron.refresh_from_db()
    assert patron.anonymised_at is None


def test_anonymising_refuses_while_money_is_owed(world):
    patron = world.patron()
    Fee.objects.create(
        patron=patron, kind="other", amount=Decimal("20"), created_at=NOW, updated_at=NOW
    )
    with pytest.raises(services.AccountNotClosable) as error:
        services.anonymise_patron(patron=patron, now=NOW)
    assert "obetalda avgifter" in error.value.message


def test_anonymising_removes_personal_data_but_keeps_the_statistics(world, django_user_model):
    staff = django_user_model.objects.create_user("bibbi")
    patron = named(
        world, "Anna L", first_name="Anna", last_name="Lindqvist", keep_loan_history=True
    )
    card = patron.card_number
    loan = lend(world, patron, "Ronja", when=NOW - days(3))
    services.checkin(item=loan.item, branch=world.umea, now=NOW - days(1))
    shelf_record = world.record("Mio")
    shelf_item = world.item(shelf_record, world.umea)
    services.checkout(patron=world.patron(), item=shelf_item, branch=world.umea, now=NOW)
    hold = services.place_hold(
        patron=patron, record=shelf_record, pickup_branch=world.umea, now=NOW
    )
    record = world.record("Pippi")
    community.write_review(patron=patron, record=record, text="Jag, Anna, älskar den.", now=NOW)
    thread = community.create_thread(
        patron=named(world, "Bo"), board=make_board(), title="Tips", body="Vad läser ni?", now=NOW
    )
    reply = community.reply(patron=patron, thread=thread, body="Ring mig på 070-1", now=NOW)
    events = CirculationEvent.objects.count()

    services.anonymise_patron(patron=patron, now=NOW, staff=staff)

    patron.refresh_from_db()
    assert patron.anonymised_at == NOW and patron.first_name == "Anonymiserad"
    assert patron.email == "" and patron.card_number != card
    loan.refresh_from_db()
    assert loan.patron_id is None
    assert not Hold.objects.filter(pk=hold.pk).exists()
    assert not Review.objects.filter(patron=patron).exists()
    assert not CommunityProfile.objects.filter(patron=patron).exists()
    reply.refresh_from_db()
    assert reply.body == "Inlägget är borttaget." and reply.hidden_at is None
    assert Post.objects.filter(thread=thread).count() == 2
    assert CirculationEvent.objects.count() == events
    assert Loan.objects.filter(item=shelf_item, status="active").exists()
    shelf_item.refresh_from_db()
    assert shelf_item.status == ItemStatus.ON_LOAN
    entry = AuditEntry.objects.get(action="anonymise_patron")
    assert entry.before == {"card_number": card} and entry.staff == staff
    assert "Anna" not in entry.subject_label
    # The registration and the edits before were audited too; none as this staff member.
    assert not AuditEntry.objects.filter(action="register_patron").exists()


def test_anonymising_leaves_no_personal_data_in_the_earlier_audit_entries(world, django_user_model):
    staff = django_user_model.objects.create_user("bibbi")
    patron = named(world, "Anna L", first_name="Anna", last_name="Lindqvist")
    patron_services.update_patron(
        patron=patron,
        now=NOW - days(2),
        staff=staff,
        first_name="Anna",
        last_name="Lindqvist",
        home_branch=patron.home_branch,
        category=patron.category,
        card_expires=patron.card_expires,
        email="anna@example.se",
    )
    earlier = AuditEntry.objects.get(action="update_patron")
    assert "Anna" in earlier.subject_label  # the log names the person while they are a patron

    services.anonymise_patron(patron=patron, now=NOW, staff=staff)

    earlier.refresh_from_db()
    logged = f"{earlier.subject_label} {earlier.before} {earlier.after}"
    assert "Anna" not in logged and "anna@example.se" not in logged
    assert "email" in earlier.after  # what changed, and who changed it, stay
    assert earlier.staff == staff and earlier.at == NOW - days(2)

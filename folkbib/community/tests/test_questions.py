"""Ask a librarian: a patron asks a library, staff of its municipality answer."""

from __future__ import annotations

import datetime as dt

import pytest

from folkbib.circulation.models import StaffAction
from folkbib.community import selectors, services
from folkbib.community.errors import (
    ContainsBlockedWord,
    ConversationClosed,
    InvalidText,
    LibraryNotAvailable,
    NotYourContent,
    NotYourInbox,
    TooManyOpenQuestions,
)
from folkbib.community.models import BlockedWord, ConversationStatus, LibraryMessage
from folkbib.community.tests.questions_scene import build_scene

pytestmark = pytest.mark.django_db

LATER = dt.timedelta(hours=3)


@pytest.fixture
def scene():
    return build_scene()


def _ask(scene, **extra):
    values = {
        "patron": scene.anna,
        "subject": "Bokcirkel i höst?",
        "body": "Finns det en bokcirkel för vuxna i höst?",
        "now": scene.now,
    }
    values.update(extra)
    return services.ask_library(**values)


def _answer(scene, conversation, *, staff=None, body="Ja, varannan torsdag.", now=None):
    return services.reply_as_staff(
        staff=staff or scene.umea_librarian,
        branch=scene.world.umea,
        conversation=conversation,
        body=body,
        now=now or scene.now + LATER,
    )


def test_a_question_goes_to_the_patrons_home_library_unless_they_choose_another(scene):
    home = _ask(scene)
    elsewhere = _ask(scene, branch=scene.world.vannas, subject="Vännäs?")
    assert home.branch == scene.world.umea
    assert elsewhere.branch == scene.world.vannas
    assert home.status == ConversationStatus.OPEN
    assert home.awaiting_since == scene.now
    assert [m.body for m in selectors.messages_in(home)] == [
        "Finns det en bokcirkel för vuxna i höst?"
    ]


def test_a_closed_down_library_cannot_be_asked(scene):
    scene.world.tavelsjo.is_active = False
    scene.world.tavelsjo.save()
    with pytest.raises(LibraryNotAvailable) as refused:
        _ask(scene, branch=scene.world.tavelsjo)
    assert refused.value.field == "branch"


def test_text_is_cleaned_and_limited_and_blocked_words_are_refused(scene):
    conversation = _ask(scene, subject="  Hej\u202e\nigen  ", body="Rad ett\r\nrad\u200f två\x00")
    assert conversation.subject == "Hej igen"
    assert selectors.messages_in(conversation).get().body == "Rad ett\nrad två"
    with pytest.raises(InvalidText) as empty:
        _ask(scene, body="\u202e \n")
    assert empty.value.field == "body"
    with pytest.raises(InvalidText):
        _ask(scene, body="x" * (services.questions.BODY_MAX_LENGTH + 1))
    with pytest.raises(InvalidText) as long_subject:
        _ask(scene, subject="x" * 151)
    assert long_subject.value.field == "subject"
    BlockedWord.objects.create(word="fult", created_at=scene.now)
    with pytest.raises(ContainsBlockedWord):
        _ask(scene, body="Ett fult ord")


def test_a_patron_may_have_only_a_few_questions_waiting_at_once(scene, settings):
    settings.COMMUNITY_MAX_OPEN_QUESTIONS = 2
    first = _ask(scene)
    _ask(scene)
    with pytest.raises(TooManyOpenQuestions):
        _ask(scene)
    _answer(scene, first)
    _ask(scene)  # an answered question no longer counts


def test_a_staff_answer_names_the_library_and_first_name_and_marks_it_answered(scene):
    conversation = _ask(scene)
    answer = _answer(scene, conversation)
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.ANSWERED
    assert conversation.awaiting_since is None
    assert answer.from_staff and answer.staff_user == scene.umea_librarian
    assert (answer.branch, answer.staff_first_name) == (scene.world.umea, "Bibbi")
    assert conversation.unread_by_patron and not conversation.unread_by_staff


def test_a_staff_answer_is_in_the_desks_staff_log(scene):
    conversation = _ask(scene)
    _answer(scene, conversation)
    action = StaffAction.objects.get(action="answer_question")
    assert (action.user, action.branch) == (scene.umea_librarian, scene.world.umea)
    assert action.subject == f"question {conversation.pk}"


def test_the_patron_writing_again_puts_the_question_back_in_the_queue(scene):
    conversation = _ask(scene)
    _answer(scene, conversation)
    services.reply_as_patron(
        patron=scene.anna,
        conversation=conversation,
        body="Tack! Vilken tid?",
        now=scene.now + 2 * LATER,
    )
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.OPEN
    assert conversation.awaiting_since == scene.now + 2 * LATER
    assert conversation.unread_by_staff


def test_only_the_asker_may_write_in_or_close_a_conversation(scene):
    conversation = _ask(scene)
    with pytest.raises(NotYourContent):
        services.reply_as_patron(
            patron=scene.bertil, conversation=conversation, body="Hej", now=scene.now
        )
    with pytest.raises(NotYourContent):
        services.close_conversation(conversation=conversation, patron=scene.bertil, now=scene.now)
    assert LibraryMessage.objects.filter(conversation=conversation).count() == 1


def test_staff_of_another_municipality_can_neither_answer_nor_close(scene):
    conversation = _ask(scene)
    with pytest.raises(NotYourInbox):
        _answer(scene, conversation, staff=scene.vannas_librarian)
    with pytest.raises(NotYourInbox):
        services.close_conversation(
            conversation=conversation, staff=scene.vannas_librarian, now=scene.now
        )
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.OPEN


def test_a_region_administrator_may_answer_any_municipalitys_question(scene):
    conversation = _ask(scene, branch=scene.world.vannas)
    _answer(scene, conversation, staff=scene.region_admin)
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.ANSWERED


def test_a_closed_conversation_takes_no_messages_until_reopened(scene):
    conversation = _ask(scene)
    _answer(scene, conversation)
    services.close_conversation(conversation=conversation, patron=scene.anna, now=scene.now)
    with pytest.raises(ConversationClosed):
        services.reply_as_patron(
            patron=scene.anna, conversation=conversation, body="Och?", now=scene.now
        )
    with pytest.raises(ConversationClosed):
        _answer(scene, conversation)
    reopened = services.reopen_conversation(
        conversation=conversation,
        staff=scene.umea_librarian,
        branch=scene.world.umea,
        now=scene.now,
    )
    assert reopened.status == ConversationStatus.ANSWERED  # the library had the last word
    services.reply_as_patron(
        patron=scene.anna, conversation=conversation, body="Och?", now=scene.now
    )


def test_closing_is_logged_for_staff_and_harmless_twice(scene):
    conversation = _ask(scene)
    for _ in range(2):
        services.close_conversation(
            conversation=conversation,
            staff=scene.umea_librarian,
            branch=scene.world.umea,
            now=scene.now,
        )
    assert StaffAction.objects.filter(action="close_question").count() == 1
    reopened = services.reopen_conversation(
        conversation=conversation, patron=scene.anna, now=scene.now
    )
    assert reopened.status == ConversationStatus.OPEN  # still unanswered


def test_reading_clears_the_unread_marks_on_each_side(scene):
    conversation = _ask(scene)
    assert selectors.unread_answers(scene.anna) == 0
    _answer(scene, conversation)
    assert selectors.unread_answers(scene.anna) == 1
    assert services.mark_read_by_patron(
        patron=scene.anna, conversation=conversation, now=scene.now + 2 * LATER
    )
    assert selectors.unread_answers(scene.anna) == 0
    assert not services.mark_read_by_patron(
        patron=scene.bertil, conversation=conversation, now=scene.now + 2 * LATER
    )
    services.reply_as_patron(
        patron=scene.anna, conversation=conversation, body="Tack", now=scene.now + 3 * LATER
    )
    conversation.refresh_from_db()
    assert conversation.unread_by_staff
    assert not services.mark_read_by_staff(
        staff=scene.vannas_librarian, conversation=conversation, now=scene.now + 4 * LATER
    )
    assert services.mark_read_by_staff(
        staff=scene.umea_librarian, conversation=conversation, now=scene.now + 4 * LATER
    )
    conversation.refresh_from_db()
    assert not conversation.unread_by_staff


def test_the_inbox_shows_a_municipalitys_questions_longest_waiting_first(scene):
    answered = _ask(scene, subject="Besvarad", now=scene.now - 5 * LATER)
    _answer(scene, answered)
    old = _ask(scene, subject="Gammal", now=scene.now - 2 * LATER)
    new = _ask(scene, subject="Ny", branch=scene.world.holmsund)
    _ask(scene, subject="Till Vännäs", branch=scene.world.vannas)
    closed = _ask(scene, subject="Stängd", now=scene.now - 9 * LATER)
    services.close_conversation(conversation=closed, patron=scene.anna, now=scene.now)

    umea = selectors.inbox_scope(scene.umea_librarian)
    assert [c.subject for c in selectors.inbox(umea)] == ["Gammal", "Ny", "Besvarad"]
    assert [c.subject for c in selectors.inbox(umea, status="closed")] == ["Stängd"]
    assert selectors.open_question_count(scene.umea_librarian) == 2
    assert selectors.open_question_count(scene.vannas_librarian) == 1
    everything = selectors.inbox_scope(scene.region_admin)
    assert selectors.open_question_count(scene.region_admin) == 3
    vannas = scene.world.vannas_kommun.pk
    assert [c.subject for c in selectors.inbox(everything, municipality_id=vannas)] == [
        "Till Vännäs"
    ]
    assert old.pk and new.pk


def test_staff_with_no_branch_and_no_admin_role_see_no_inbox(scene, django_user_model):
    user = django_user_model.objects.create_user(username="vikarie", password="x", is_staff=True)
    _ask(scene)
    assert list(selectors.inbox(selectors.inbox_scope(user))) == []
    assert selectors.open_question_count(user) == 0

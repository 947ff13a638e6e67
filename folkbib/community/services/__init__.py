"""Every write of the social library goes through these functions.

Each is keyword-only and atomic; those that stamp a time take ``now``. They raise a
typed ``CommunityError`` (see ``folkbib.community.errors``) whose message the patron or
moderator can read. Text is cleaned (``community.text.clean``) and checked against the
blocked words before it is stored; content with a blocked word is refused, never held.
"""

from .forum import create_thread, reply, subscribe, unsubscribe
from .lists import add_entry, create_list, delete_list, remove_entry, update_list
from .moderation import block_word, dismiss_reports, hide, kind_of, report, restore, unblock_word
from .profiles import set_display_name
from .questions import (
    ask_library,
    close_conversation,
    mark_read_by_patron,
    mark_read_by_staff,
    reopen_conversation,
    reply_as_patron,
    reply_as_staff,
)
from .works import (
    add_tag,
    delete_review,
    edit_review,
    rate,
    remove_tag,
    unrate,
    write_review,
)

__all__ = [
    "add_entry",
    "add_tag",
    "ask_library",
    "block_word",
    "close_conversation",
    "create_list",
    "create_thread",
    "delete_list",
    "delete_review",
    "dismiss_reports",
    "edit_review",
    "hide",
    "kind_of",
    "mark_read_by_patron",
    "mark_read_by_staff",
    "rate",
    "remove_entry",
    "remove_tag",
    "reopen_conversation",
    "reply",
    "reply_as_patron",
    "reply_as_staff",
    "report",
    "restore",
    "set_display_name",
    "subscribe",
    "unblock_word",
    "unrate",
    "unsubscribe",
    "update_list",
    "write_review",
]

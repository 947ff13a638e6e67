"""Pages that list things cost the same number of queries for 1 row as for 30.

The pins count the community's own queries (the page chrome around them, such as the
session and the header, belongs to the portal and is pinned there); the totals must
not grow with the number of rows.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from folkbib.community import services
from folkbib.community.models import Board, Post
from folkbib.community.tests.factories import make_patron, make_record

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portal_urls")]


def _thread_with_replies(count: int, now):
    board = Board.objects.create(slug=f"b{count}", name=f"B{count}")
    author = make_patron(f"Author{count}", display_name=f"Författare {count}")
    thread = services.create_thread(patron=author, board=board, title="T", body="x", now=now)
    opening = Post.objects.get(thread=thread)
    for n in range(count):
        replier = make_patron(f"R{count}x{n}", display_name=f"Svarare {count}-{n}")
        services.reply(patron=replier, thread=thread, body=f"svar {n}", quoted=opening, now=now)
    return thread


def _queries(client, url: str) -> tuple[int, int]:
    """(all queries, queries on community tables) for one GET of ``url``."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    ours = [q for q in captured.captured_queries if '"community_' in q["sql"]]
    return len(captured.captured_queries), len(ours)


def test_the_thread_page_costs_the_same_for_1_and_30_replies(client, login, now):
    small, large = _thread_with_replies(1, now), _thread_with_replies(30, now)
    url = "portal:forum_thread"
    # thread + board, the pager's count, posts with authors' and quoted authors' names
    visitor = [_queries(client, reverse(url, args=[t.pk])) for t in (small, large)]
    assert visitor[0] == visitor[1]
    assert visitor[0][1] == 3
    login(make_patron("Läsare", display_name="Läsaren"))
    # ... and "is the patron subscribed?"
    patron = [_queries(client, reverse(url, args=[t.pk])) for t in (small, large)]
    assert patron[0] == patron[1]
    assert patron[0][1] == 4


def test_the_tag_page_costs_the_same_for_1_and_25_works(client, anna, now):
    services.add_tag(patron=anna, record=make_record("Ensam"), name="ensam", now=now)
    for n in range(25):
        services.add_tag(patron=anna, record=make_record(f"Bok {n}"), name="deckare", now=now)
    one = _queries(client, reverse("portal:tag", args=["ensam"]))
    many = _queries(client, reverse("portal:tag", args=["deckare"]))
    assert one == many
    assert one[1] == 2  # the tag, then the works with their counts


def test_the_board_page_costs_the_same_for_1_and_12_threads(client, now):
    boards = []
    for size in (1, 12):
        board = Board.objects.create(slug=f"s{size}", name=f"S{size}")
        for n in range(size):
            author = make_patron(f"S{size}x{n}", display_name=f"Startare {size}-{n}")
            services.create_thread(patron=author, board=board, title=f"T{n}", body="x", now=now)
        boards.append(board)
    one, many = (_queries(client, reverse("portal:forum_board", args=[b.slug])) for b in boards)
    assert one == many
    assert one[1] == 3  # the board, the pager's count, threads with authors' names

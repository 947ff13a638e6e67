"""Circulation under concurrency: real threads, each with its own database connection.

A lost race must reach the caller as a typed ``CirculationError``, never as a raw
database error (an IntegrityError, a deadlock, "database is locked"); and whatever
the interleaving, the invariants of ``circulation.models`` hold afterwards.

SQLite needs a file test database for this (``FOLKBIB_TEST_SQLITE``, which
``scripts/test.sh`` sets): the default in-memory shared-cache database answers
concurrent writers with "database table is locked" whatever the busy timeout.
``FOLKBIB_SOAK_OPS`` scales the soak up for a manual long run.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections, transaction

from folkbib.catalog.models import Item, ItemStatus, Record
from folkbib.catalog.search import indexing
from folkbib.circulation import selectors, services
from folkbib.circulation.errors import CirculationError, ItemAlreadyOnLoan
from folkbib.circulation.invariants import check_invariants
from folkbib.circulation.models import ACTIVE_HOLD_STATUSES, Hold, HoldStatus, Loan, LoanStatus
from folkbib.circulation.services.common import lock_item
from folkbib.circulation.tests.conftest import NOW, World, build_world, days, needs_a_file_database
from folkbib.patrons.models import Patron

pytestmark = pytest.mark.django_db(transaction=True)

SOAK_OPS = int(os.environ.get("FOLKBIB_SOAK_OPS", "2000"))
SOAK_THREADS = 6
# PostgreSQL serves 100 connections on this machine and other test runs share it; the
# 100 callers below go through at most this many at once, as a connection pool would.
PG_CONNECTIONS = 40


@pytest.fixture
def concurrent_world(settings: Any, monkeypatch: Any) -> Any:
    needs_a_file_database()
    # As in production: the search index follows in a background thread, so a
    # checkout never waits for a tantivy commit.
    settings.SEARCH_DRAIN = "background"
    monkeypatch.setattr(indexing._background, "IDLE_SECONDS", 0.2)
    yield build_world()
    indexing._background.join(timeout=30)


def run_threads(count: int, work: Callable[[int], None]) -> None:
    """Run ``work(i)`` in ``count`` threads released together; each closes its connection."""
    start = threading.Barrier(count)
    gate = threading.BoundedSemaphore(
        PG_CONNECTIONS if connection.vendor == "postgresql" else count
    )

    def run(index: int) -> None:
        start.wait()
        with gate:
            try:
                work(index)
            finally:
                connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_a_hundred_simultaneous_checkouts_of_one_item_make_exactly_one_loan(concurrent_world):
    world: World = concurrent_world
    item = world.item(world.record(), world.umea)
    borrowers = [world.patron() for _ in range(100)]
    outcomes: list[Any] = [None] * 100

    def borrow(index: int) -> None:
        try:
            services.checkout(patron=borrowers[index], item=item, branch=world.umea, now=NOW)
            outcomes[index] = "loan"
        except Exception as error:  # the assertion below names anything unexpected
            outcomes[index] = error

    run_threads(100, borrow)

    kinds = Counter(type(o).__name__ if not isinstance(o, str) else o for o in outcomes)
    assert kinds == {"loan": 1, "ItemAlreadyOnLoan": 99}, kinds
    assert all(isinstance(o, ItemAlreadyOnLoan) for o in outcomes if o != "loan")
    loan = Loan.objects.get(item=item)
    assert loan.status == LoanStatus.ACTIVE
    assert loan.patron_id == borrowers[outcomes.index("loan")].id
    item.refresh_from_db()
    assert item.status == ItemStatus.ON_LOAN
    assert check_invariants() == []


class Soak:
    """A seeded mix of every circulation action over a small region, from many threads."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.branches = [world.umea, world.holmsund, world.tavelsjo, world.vannas]
        self.patrons = [
            world.patron(home=random.Random(i).choice(self.branches), category=category)
            for i, category in enumerate([world.adult, world.child] * 6)
        ]
        self.records: list[Record] = []
        self.items: list[Item] = []
        for n in range(6):
            record = world.record(f"Bok nummer {n}")
            self.records.append(record)
            for copy in range(1 + n % 3):
                self.items.append(world.item(record, self.branches[(n + copy) % 4]))
        self.clock = 0
        self.clock_lock = threading.Lock()
        self.filled: list[int] = []
        self.unexpected: list[str] = []
        self.done: Counter[str] = Counter()

    def now(self) -> dt.datetime:
        # Ten minutes of library time per action: a few thousand actions span weeks,
        # so loans fall due, holds wait on the shelf and expire.
        with self.clock_lock:
            self.clock += 1
            return NOW + dt.timedelta(minutes=10 * self.clock)

    def act(self, rng: random.Random) -> None:
        action = rng.choices(
            ["checkout", "checkin", "renew", "hold", "cancel", "pickup", "expire", "pause"],
            weights=[30, 25, 8, 15, 6, 10, 2, 4],
        )[0]
        try:
            getattr(self, f"do_{action}")(rng)
            self.done[action] += 1
        except CirculationError:
            self.done[f"{action} refused"] += 1
        except Exception as error:  # a raw database error reached the caller: a bug
            self.unexpected.append(f"{action}: {type(error).__name__}: {error}")
            if os.environ.get("SOAK_DEBUG"):
                import traceback

                traceback.print_exc()

    def do_checkout(self, rng: random.Random) -> None:
        result = services.checkout(
            patron=rng.choice(self.patrons),
            item=rng.choice(self.items),
            branch=rng.choice(self.branches),
            now=self.now(),
        )
        if result.filled_hold is not None:
            self.filled.append(result.filled_hold.id)

    def do_checkin(self, rng: random.Random) -> None:
        item = Item.objects.get(pk=rng.choice(self.items).pk)
        branch = rng.choice(self.branches)
        transit = item.transits.filter(arrived_at__isnull=True).first()
        if transit is not None and rng.random() < 0.7:
            branch = transit.to_branch  # most copies in transit do arrive where sent
        services.checkin(item=item, branch=branch, now=self.now())

    def do_renew(self, rng: random.Random) -> None:
        loans = list(Loan.objects.filter(status=LoanStatus.ACTIVE))
        if loans:
            services.renew(loan=rng.choice(loans), now=self.now())

    def do_hold(self, rng: random.Random) -> None:
        services.place_hold(
            patron=rng.choice(self.patrons),
            record=rng.choice(self.records),
            pickup_branch=rng.choice(self.branches),
            now=self.now(),
        )

    def do_cancel(self, rng: random.Random) -> None:
        holds = list(Hold.objects.filter(status__in=ACTIVE_HOLD_STATUSES))
        if holds:
            services.cancel_hold(hold=rng.choice(holds), now=self.now())

    def do_pickup(self, rng: random.Random) -> None:
        ready = list(Hold.objects.filter(status=HoldStatus.READY).select_related("patron"))
        if ready:
            hold = rng.choice(ready)
            assert hold.allocated_item_id is not None
            result = services.checkout(
                patron=hold.patron,
                item=Item(pk=hold.allocated_item_id),
                branch=hold.pickup_branch,
                now=self.now(),
            )
            if result.filled_hold is not None:
                self.filled.append(result.filled_hold.id)

    def do_expire(self, rng: random.Random) -> None:
        # Far enough ahead that some holds on the shelf are past their last pickup day.
        services.expire_hold_shelf(now=self.now() + days(rng.choice([0, 5, 10])))

    def do_pause(self, rng: random.Random) -> None:
        waiting = list(Hold.objects.filter(status=HoldStatus.WAITING))
        if not waiting:
            return
        hold = rng.choice(waiting)
        if hold.suspended:
            services.resume_hold(hold=hold, now=self.now())
        else:
            services.suspend_hold(hold=hold, now=self.now())


def test_a_randomized_soak_ends_with_the_invariants_holding(concurrent_world):
    soak = Soak(concurrent_world)
    per_thread = SOAK_OPS // SOAK_THREADS

    def work(index: int) -> None:
        rng = random.Random(1000 + index)
        for _ in range(per_thread):
            soak.act(rng)

    run_threads(SOAK_THREADS, work)

    assert soak.unexpected == []
    assert check_invariants() == []
    assert len(soak.filled) == len(set(soak.filled)), "a hold was filled twice"
    # Every kind of action really happened, not only refusals.
    for action in ("checkout", "checkin", "renew", "hold", "cancel", "pickup"):
        assert soak.done[action] > 0, soak.done
    for record in soak.records:
        waiting = list(
            Hold.objects.filter(record=record, status=HoldStatus.WAITING).order_by(
                "placed_at", "id"
            )
        )
        positions = [selectors.queue_position(hold) for hold in waiting]
        # Positions 1..n, in the order the holds were placed (all have the same priority).
        assert positions == list(range(1, len(waiting) + 1))
        for patron in {hold.patron_id for hold in waiting}:
            views = selectors.patron_holds(Patron.objects.get(pk=patron), today=NOW.date())
            for view in views:
                if view.hold.status == HoldStatus.WAITING:
                    assert view.position == selectors.queue_position(view.hold)


def test_an_item_locked_while_another_desk_moves_it_is_still_found(concurrent_world):
    """PostgreSQL re-checks a locked row's joins after the wait; the row must not vanish."""
    world: World = concurrent_world
    item = world.item(world.record(), world.umea)
    locked = threading.Event()
    found: list[Any] = []

    def move() -> None:
        with transaction.atomic():
            lock_item(item.id)
            Item.objects.filter(pk=item.pk).update(owning_branch=world.vannas)
            locked.set()
            time.sleep(0.3)  # the other desk is waiting for the lock meanwhile

    def read() -> None:
        locked.wait()
        with transaction.atomic():
            try:
                found.append(lock_item(item.id).owning_branch.code)
            except Exception as error:
                found.append(error)

    run_threads(2, lambda index: (move if index == 0 else read)())
    assert found == ["vannas"]


def test_a_second_loan_the_database_refuses_reaches_the_patron_as_already_on_loan(
    concurrent_world,
):
    """Replays cannot mend an item whose status disagrees with its loans; still a sentence."""
    world: World = concurrent_world
    item = world.item(world.record(), world.umea)
    services.checkout(patron=world.patron(), item=item, branch=world.umea, now=NOW)
    Item.objects.filter(pk=item.pk).update(status=ItemStatus.AVAILABLE)  # a bad import, say
    with pytest.raises(ItemAlreadyOnLoan):
        services.checkout(patron=world.patron(), item=item, branch=world.umea, now=NOW)
    assert Loan.objects.filter(item=item).count() == 1

"""A desk with something on every list: loans, a hold, fees, a hold shelf and transits."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from folkbib.circulation import services
from folkbib.circulation.models import Hold, Transit
from folkbib.circulation.tests.conftest import NOW, World, build_world, days
from folkbib.patrons import services as patrons
from folkbib.staff.tests.conftest import make_librarian


@dataclass
class Scene:
    world: World
    librarian: Any
    patron: Any
    on_shelf: Any
    reserved_elsewhere: Any
    hold_on_shelf: Hold
    transit: Transit


def build_scene() -> Scene:
    world = build_world()
    librarian = make_librarian(world)
    patron = world.patron(first_name="Anna", last_name="Lindqvist")
    late = world.item(world.record("Bröderna Lejonhjärta"), world.umea)
    services.checkout(patron=patron, item=late, branch=world.umea, now=NOW - days(60))
    # A hold of the patron's, waiting in a queue.
    wanted = world.record("Ronja rövardotter")
    busy = world.item(wanted, world.vannas)
    services.checkout(patron=world.patron(), item=busy, branch=world.vannas, now=NOW)
    services.place_hold(patron=patron, record=wanted, pickup_branch=world.umea, now=NOW)
    # Charged for a lost copy (over the fee threshold), then blocked.
    lost = world.item(world.record("Borta"), world.umea, price=Decimal("150"))
    loan = services.checkout(patron=patron, item=lost, branch=world.umea, now=NOW - days(5))
    services.mark_lost(loan=loan.loan, now=NOW - days(1))
    # Blocked last: the loans and the hold above were made before.
    patrons.block_patron(patron=patron, reason="staff", note="Ring först", now=NOW - days(2))
    # A copy to lend, and one reserved for Vännäs that is out on loan here.
    on_shelf = world.item(world.record("Mio, min Mio"), world.umea)
    elsewhere_record = world.record("Nils Holgersson")
    reserved_elsewhere = world.item(elsewhere_record, world.umea)
    services.checkout(
        patron=world.patron(), item=reserved_elsewhere, branch=world.umea, now=NOW - days(3)
    )
    services.place_hold(
        patron=world.patron(), record=elsewhere_record, pickup_branch=world.vannas, now=NOW
    )
    # One hold on the shelf here, one item on its way home.
    shelf_record = world.record("Emil i Lönneberga")
    shelf_item = world.item(shelf_record, world.umea)
    hold = services.place_hold(
        patron=world.patron(last_name="Ek"), record=shelf_record, pickup_branch=world.umea, now=NOW
    )
    services.checkin(item=shelf_item, branch=world.umea, now=NOW)
    hold.refresh_from_db()
    home = world.item(world.record("Vi på Saltkråkan"), world.vannas)
    services.checkout(patron=world.patron(), item=home, branch=world.vannas, now=NOW)
    services.checkin(item=home, branch=world.umea, now=NOW)
    # A copy on this shelf that a hold elsewhere is counting on (the pull list).
    pull_record = world.record("Karlsson på taket")
    world.item(pull_record, world.umea, shelf_mark="Hc")
    services.place_hold(
        patron=world.patron(), record=pull_record, pickup_branch=world.holmsund, now=NOW
    )
    return Scene(
        world=world,
        librarian=librarian,
        patron=patron,
        on_shelf=on_shelf,
        reserved_elsewhere=reserved_elsewhere,
        hold_on_shelf=hold,
        transit=Transit.objects.get(item=home),
    )


def log_in(page: Any, live_server: Any) -> None:
    from folkbib.staff.tests.conftest import PASSWORD

    page.goto(live_server.url + "/personal/logga-in/")
    page.fill("#id_username", "bibliotekarie")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(live_server.url + "/personal/utlan/")

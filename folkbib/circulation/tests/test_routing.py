"""The pure hold engine: a free copy goes to the first eligible hold; copies by distance."""

from __future__ import annotations

from folkbib.circulation.routing import Copy, QueuedHold, allocate, first_eligible

UMEA, HOLMSUND, VANNAS = 1, 2, 3
KOMMUN_UMEA, KOMMUN_VANNAS = 10, 20
DISTANCES = {(HOLMSUND, VANNAS): 45, (UMEA, VANNAS): 30, (VANNAS, UMEA): 30, (HOLMSUND, UMEA): 15}


def hold(hold_id, pickup, municipality, item_id=None):
    return QueuedHold(hold_id, pickup, municipality, item_id)


def test_a_free_copy_goes_to_the_first_hold_never_a_later_one():
    queue = [hold(1, VANNAS, KOMMUN_VANNAS), hold(2, UMEA, KOMMUN_UMEA)]
    chosen = first_eligible(queue, item_id=99, eligible=lambda h: True)
    assert chosen is not None and chosen.hold_id == 1


def test_an_item_level_hold_only_takes_its_own_copy():
    queue = [hold(1, VANNAS, KOMMUN_VANNAS, item_id=5), hold(2, UMEA, KOMMUN_UMEA)]
    chosen = first_eligible(queue, item_id=99, eligible=lambda h: True)
    assert chosen is not None and chosen.hold_id == 2


def test_the_nearest_copy_is_chosen_same_branch_then_municipality_then_distance():
    copies = [Copy(11, HOLMSUND, KOMMUN_UMEA), Copy(12, UMEA, KOMMUN_UMEA)]
    result = allocate(
        [hold(1, VANNAS, KOMMUN_VANNAS)],
        copies,
        distances=DISTANCES,
        open_branches={UMEA, HOLMSUND},
        eligible=lambda h, c: True,
    )
    assert result == {1: 12}  # Umeå is 30 km from Vännäs, Holmsund 45 km
    same_branch = allocate(
        [hold(1, HOLMSUND, KOMMUN_UMEA)],
        copies,
        distances=DISTANCES,
        open_branches={UMEA, HOLMSUND},
        eligible=lambda h, c: True,
    )
    assert same_branch == {1: 11}


def test_copies_go_in_queue_order_so_a_small_library_first_in_line_is_served_first():
    copies = [Copy(12, UMEA, KOMMUN_UMEA)]
    queue = [hold(1, VANNAS, KOMMUN_VANNAS), hold(2, UMEA, KOMMUN_UMEA)]
    result = allocate(
        queue, copies, distances=DISTANCES, open_branches={UMEA}, eligible=lambda h, c: True
    )
    assert result == {1: 12, 2: None}


def test_copies_at_a_closed_branch_are_skipped():
    copies = [Copy(12, UMEA, KOMMUN_UMEA), Copy(11, HOLMSUND, KOMMUN_UMEA)]
    result = allocate(
        [hold(1, UMEA, KOMMUN_UMEA)],
        copies,
        distances=DISTANCES,
        open_branches={HOLMSUND},
        eligible=lambda h, c: True,
    )
    assert result == {1: 11}


def test_a_hold_keeps_its_copy_when_another_is_just_as_near():
    copies = [Copy(12, UMEA, KOMMUN_UMEA), Copy(13, UMEA, KOMMUN_UMEA)]
    keeps = QueuedHold(1, UMEA, KOMMUN_UMEA, None, current_item_id=13)
    result = allocate(
        [keeps], copies, distances=DISTANCES, open_branches={UMEA}, eligible=lambda h, c: True
    )
    assert result == {1: 13}

"""Pure choices of the hold engine: which hold a copy goes to, which copy a hold gets.

Fairness, as the queue promises it:

- a copy that comes free goes to the *first* eligible hold in queue order (priority,
  then placement time) — never to a later hold ahead of an earlier one;
- copies on shelves are handed out in queue order too: the first hold chooses the
  nearest copy to its pickup branch (same branch, then same municipality, then by the
  transport table), then the second hold, and so on; copies at a branch that is closed
  today are skipped (nobody can fetch them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

#: Distance used for a pair of branches the transport table does not know.
UNKNOWN_KM = 10_000


@dataclass(frozen=True)
class QueuedHold:
    hold_id: int
    pickup_branch_id: int
    pickup_municipality_id: int
    item_id: int | None  # an item-level hold wants this copy only
    current_item_id: int | None = None  # the copy allocated now, kept when as good as any


@dataclass(frozen=True)
class Copy:
    item_id: int
    branch_id: int
    municipality_id: int


def closeness(
    copy: Copy, hold: QueuedHold, distances: Mapping[tuple[int, int], int]
) -> tuple[int, int]:
    """Smaller is nearer: (0 same branch | 1 same municipality | 2 elsewhere, kilometres)."""
    if copy.branch_id == hold.pickup_branch_id:
        return (0, 0)
    km = distances.get((copy.branch_id, hold.pickup_branch_id), UNKNOWN_KM)
    return (1 if copy.municipality_id == hold.pickup_municipality_id else 2, km)


def first_eligible(
    queue: Sequence[QueuedHold], *, item_id: int, eligible: Callable[[QueuedHold], bool]
) -> QueuedHold | None:
    """The hold a free copy goes to: the first in queue order that may take it."""
    for hold in queue:
        if hold.item_id not in (None, item_id):
            continue
        if eligible(hold):
            return hold
    return None


def allocate(
    queue: Sequence[QueuedHold],
    copies: Iterable[Copy],
    *,
    distances: Mapping[tuple[int, int], int],
    open_branches: set[int],
    eligible: Callable[[QueuedHold, Copy], bool],
) -> dict[int, int | None]:
    """Hand the free copies to the waiting holds in queue order; hold id -> copy id or None.

    Deterministic for the same state, so allocations only change when the state does;
    between equally near copies a hold keeps the one it already has.
    """
    pool = {copy.item_id: copy for copy in copies if copy.branch_id in open_branches}
    result: dict[int, int | None] = {}
    for hold in queue:
        candidates = [
            copy
            for copy in pool.values()
            if hold.item_id in (None, copy.item_id) and eligible(hold, copy)
        ]
        if not candidates:
            result[hold.hold_id] = None
            continue
        best = min(
            candidates,
            key=lambda copy: (
                *closeness(copy, hold, distances),
                copy.item_id != hold.current_item_id,
                copy.item_id,
            ),
        )
        result[hold.hold_id] = best.item_id
        del pool[best.item_id]
    return result

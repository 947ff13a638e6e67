"""``load_demo``: reset the demo region to one fixed state.

Idempotent: every run leaves the same region, calendar, people, staff, records and
items (database ids of patrons and items aside). Everything is written in one
transaction through the domain services, then the search index is rebuilt.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from folkbib.community.demo import load_demo_community
from folkbib.consortium import services as consortium
from folkbib.consortium.models import Branch, ClosedDay, Municipality
from folkbib.core.errors import FolkbibError
from folkbib.demo import catalogue, people, region
from folkbib.demo import circulation as demo_circulation
from folkbib.patrons import services as patrons
from folkbib.patrons.models import Patron, PatronCategory
from folkbib.protocols.sip2.services import ensure_demo_terminal

#: Relative weight of each kind of branch: where patrons live and where items stand.
PATRON_WEIGHT = {"city": 30, "district": 6, "town": 5, "seat": 8, "village": 2, "bookmobile": 2}
ITEM_WEIGHT = {"city": 25, "district": 5, "town": 5, "seat": 8, "village": 2, "bookmobile": 3}


class DemoRefused(FolkbibError):
    """The demo loader does not run where ``settings.PRODUCTION`` is true."""


@dataclass
class DemoSummary:
    municipalities: int = 0
    branches: int = 0
    closed_days: int = 0
    distances: int = 0
    patrons: int = 0
    loans: int = 0
    staff: int = 0
    records: int = 0
    rejected: int = 0
    items: int = 0
    indexed: int = 0
    seconds: float = 0.0


def load_demo(
    *,
    now: dt.datetime,
    data_dir: Path = catalogue.DATA_DIR,
    patron_count: int = 300,
    reindex: bool = True,
    log: Callable[[str], None] = lambda message: None,
) -> DemoSummary:
    """Reset the demo region from the MARC files in ``data_dir``.

    The fixed accounts are listed in ``folkbib.demo.people``.
    """
    if settings.PRODUCTION:
        raise DemoRefused("load-demo refuses to run with FOLKBIB_PRODUCTION set.")
    started = time.monotonic()
    summary = DemoSummary()
    today = timezone.localdate(now)
    with transaction.atomic():
        demo_circulation.reset(
            branches=list(Branch.objects.filter(code__in=[b.code for b in region.BRANCHES]))
        )
        branches = _load_region(summary, today=today)
        log(f"region: {summary.branches} branches, {summary.closed_days} closed days")
        _load_people(summary, branches=branches, now=now, today=today, count=patron_count)
        _load_staff(summary, branches=branches)
        ensure_demo_terminal(branch=branches["umea-stad"], now=now)
        log(f"people: {summary.patrons} patrons, {summary.staff} staff users")
        _load_catalogue(summary, branches=branches, data_dir=data_dir, now=now)
        log(f"catalogue: {summary.records} records, {summary.items} items")
        summary.loans = demo_circulation.load(
            branches=branches,
            categories={c.code: c for c in PatronCategory.objects.all()},
            now=now,
        )
        log(f"circulation: rules and {summary.loans} loans")
        community = load_demo_community(now=now)
        log(
            f"community: {community.boards} boards, {community.threads} threads, "
            f"{community.ratings} ratings, {community.taggings} taggings"
        )
        if reindex:
            from folkbib.catalog.models import IndexQueue

            # The rebuild below covers every record; without this the services' queue
            # would index them all once more when the transaction commits.
            IndexQueue.objects.all().delete()
    if reindex:
        from folkbib.catalog.search import reindex_all

        summary.indexed = reindex_all()
        log(f"search index: {summary.indexed} documents")
    summary.seconds = round(time.monotonic() - started, 2)
    return summary


def _load_region(summary: DemoSummary, *, today: dt.date) -> dict[str, Branch]:
    the_region = consortium.define_region(code=region.REGION_CODE, name=region.REGION_NAME)
    municipalities = {
        code: consortium.define_municipality(region=the_region, code=code, name=name)
        for code, name, _seat in region.MUNICIPALITIES
    }
    branches = {}
    for data in region.BRANCHES:
        branch = consortium.define_branch(
            municipality=municipalities[data.municipality],
            code=data.code,
            name=data.name,
            city=data.city,
            is_mobile=data.is_mobile,
        )
        consortium.set_weekly_hours(branch=branch, hours=region.HOURS[data.hours])
        branches[data.code] = branch
    ClosedDay.objects.filter(municipality__in=municipalities.values()).delete()
    for member in municipalities.values():
        for year in (today.year, today.year + 1):
            summary.closed_days += consortium.ensure_public_holidays(year=year, municipality=member)
    summary.distances = consortium.replace_distance_table(entries=region.distance_entries())
    summary.municipalities, summary.branches = len(municipalities), len(branches)
    return branches


def _load_people(
    summary: DemoSummary,
    *,
    branches: dict[str, Branch],
    now: dt.datetime,
    today: dt.date,
    count: int,
) -> None:
    categories: dict[str, PatronCategory] = {
        code: patrons.define_category(
            code=code, name=name, is_child=is_child, card_valid_years=years
        )
        for code, name, is_child, years in region.CATEGORIES
    }
    weighted = [(b.code, b.city, PATRON_WEIGHT[b.hours]) for b in region.BRANCHES]
    everyone = people.personas(today) + people.crowd(
        count=max(count - len(people.personas(today)), 0), today=today, branches=weighted
    )
    cards = [p.card_number for p in everyone] + [people.LOST_CARD_OF_PERSONA_5]
    # Reset: the demo region's patrons go (their retired cards and blocks with them).
    Patron.objects.filter(Q(home_branch__in=branches.values()) | Q(card_number__in=cards)).delete()
    # One hash for everyone: PBKDF2 costs ~0.3 s, and every demo patron has the same PIN.
    pin_hash = make_password(people.DEMO_PIN)
    for data in everyone:
        patron = patrons.register_patron(
            card_number=data.lost_card or data.card_number,
            first_name=data.first_name,
            last_name=data.last_name,
            home_branch=branches[data.home_branch],
            category=categories[data.category],
            now=now,
            pin_hash=pin_hash,
            birth_date=data.birth_date,
            email=data.email,
            phone=data.phone,
            street_address=data.street_address,
            postal_code=data.postal_code,
            city=data.city,
            card_expires=today + dt.timedelta(days=data.expires_in_days),
            keep_loan_history=data.keep_loan_history,
            notice_channel=data.notice_channel,
            language=data.language,
        )
        if data.lost_card:
            patrons.replace_card(
                patron=patron,
                new_card_number=data.card_number,
                reason="Kortet anmält förlorat",
                now=now,
            )
        for reason in data.blocks:
            patrons.block_patron(patron=patron, reason=reason, note="Demodata", now=now)
    summary.patrons = len(everyone)


def _load_staff(summary: DemoSummary, *, branches: dict[str, Branch]) -> None:
    user_model = get_user_model()
    password_hash = make_password(people.DEMO_STAFF_PASSWORD)
    for person in people.STAFF:
        user, _created = user_model.objects.update_or_create(
            username=person.username,
            defaults={
                "first_name": person.first_name,
                "last_name": person.last_name,
                "email": f"{person.username}@example.org",
                "is_staff": person.superuser or person.django_admin,
                "is_superuser": person.superuser,
                "is_active": True,
                "password": password_hash,
            },
        )
        consortium.assign_staff(
            user=user,
            branch=branches[person.branch] if person.branch else None,
            role=person.role,
            branches=[branches[code] for code in person.also_at],
            municipality=(
                Municipality.objects.get(code=person.municipality) if person.municipality else None
            ),
        )
    summary.staff = len(people.STAFF)


def _load_catalogue(
    summary: DemoSummary, *, branches: dict[str, Branch], data_dir: Path, now: dt.datetime
) -> int:
    from folkbib.catalog.models import Item

    # Reset: the demo branches' items go; records are matched and updated, not duplicated.
    # (There is no delete-item service; the search index is rebuilt after the load.)
    Item.objects.filter(
        Q(owning_branch__in=branches.values()) | Q(current_branch__in=branches.values())
    ).delete()
    imported = catalogue.import_demo_files(files=catalogue.demo_files(data_dir), now=now)
    plans = catalogue.plan_extra_copies(
        record_count=len(imported.record_ids),
        popular=imported.popular,
        branch_weights=[(b.code, ITEM_WEIGHT[b.hours]) for b in region.BRANCHES],
        first_barcode=imported.next_barcode,
    )
    extra = catalogue.add_planned_items(
        record_ids=imported.record_ids, plans=plans, branches=branches, now=now
    )
    summary.records, summary.rejected = len(imported.record_ids), imported.rejected
    summary.items = len(imported.record_ids) + extra
    return summary.items

"""``import_patrons``: patrons from another library system's CSV export (Koha's by default).

Every row goes through ``services.register_patron``, so an imported patron is checked
exactly like one registered at the desk (card number format and uniqueness, a valid
personnummer, a reachable notice channel). See ``docs/migration.md`` for the columns.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password

from folkbib.consortium.models import Branch
from folkbib.core.csv_import import CREATED, EXISTING, CsvSummary, Row, RowRejected, import_csv
from folkbib.patrons import identity, selectors, services
from folkbib.patrons.errors import CardNumberInUse, InvalidCardNumber
from folkbib.patrons.models import PatronCategory

#: folkbib field -> column of Koha's ``borrowers`` table (as its CSV export names them).
KOHA_BORROWERS: dict[str, str] = {
    "card_number": "cardnumber",
    "first_name": "firstname",
    "last_name": "surname",
    "birth_date": "dateofbirth",
    "personnummer": "",
    "email": "email",
    "phone": "mobile|phone",
    "street_address": "address",
    "postal_code": "zipcode",
    "city": "city",
    "home_branch": "branchcode",
    "category": "categorycode",
    "card_expires": "dateexpiry",
    "language": "lang",
    "pin": "",
}
REQUIRED = ("card_number", "first_name", "last_name", "home_branch", "category")


def _language(value: str) -> str:
    code = value[:2].lower()
    return code if code in {c for c, _name in settings.LANGUAGES} else "sv"


def import_patrons(
    *,
    path: Path,
    now: dt.datetime,
    mapping: Mapping[str, str] | None = None,
    branch_codes: Mapping[str, str] | None = None,
    category_codes: Mapping[str, str] | None = None,
    dry_run: bool = False,
    rejects_path: Path | None = None,
    encoding: str = "utf-8-sig",
    delimiter: str | None = None,
    report_duplicates: bool = False,
) -> CsvSummary:
    """Register every patron of a CSV file; returns the counts (see ``core.csv_import``).

    ``mapping`` overrides single entries of :data:`KOHA_BORROWERS`. Branch and category
    codes are folkbib's own unless ``branch_codes`` / ``category_codes`` translate the old
    system's (``{"UMEA": "umea-stad"}``); an unknown code rejects the row. A card number
    that exists already (or was retired) counts as existing and is left alone, so the
    same file, or its fixed rejects, can be imported again. Without a ``pin`` column the
    patron gets a PIN nobody knows (the old system's hashes cannot be carried over) and
    chooses one at the desk. Imports are not staff changes and are not audited.

    With ``report_duplicates`` each imported patron who may be someone already there
    (``selectors.find_possible_duplicates``: the same personnummer, or name and birth
    date, also among rows imported earlier in the file) is noted in the log with the
    other card numbers, for staff to merge; it costs a query or two a row.
    """
    fields = {**KOHA_BORROWERS, **(mapping or {})}
    branches = {b.code: b for b in Branch.objects.select_related("municipality")}
    categories = {c.code: c for c in PatronCategory.objects.all()}
    branch_codes = dict(branch_codes or {})
    category_codes = dict(category_codes or {})
    # One hash of a secret nobody keeps, shared by every row without a PIN: hashing a
    # fresh one per row would cost a hash each (the slow part of registering).
    nobodys_pin = make_password(secrets.token_urlsafe(24))

    def handle(row: Row) -> str:
        try:
            card = identity.normalize_card_number(row.required("card_number"))
        except InvalidCardNumber as error:
            raise RowRejected(f"card_number {row['card_number']!r}: {error.message}") from None
        branch_code = row.required("home_branch")
        branch = branches.get(branch_codes.get(branch_code, branch_code))
        if branch is None:
            raise RowRejected(f"unknown branch code {branch_code!r}")
        category_code = row.required("category")
        category = categories.get(category_codes.get(category_code, category_code))
        if category is None:
            raise RowRejected(f"unknown patron category {category_code!r}")
        pin = row["pin"]
        try:
            patron = services.register_patron(
                card_number=card,
                first_name=row.required("first_name"),
                last_name=row.required("last_name"),
                home_branch=branch,
                category=category,
                now=now,
                pin=pin or None,
                pin_hash=None if pin else nobodys_pin,
                personnummer=row["personnummer"] or None,
                birth_date=row.date("birth_date"),
                email=row["email"],
                phone=row["phone"],
                street_address=row["street_address"],
                postal_code=row["postal_code"],
                city=row["city"],
                # An expired card imports as expired (renewed at the desk); without a date
                # the category's validity counts from today.
                card_expires=row.date("card_expires"),
                language=_language(row["language"]) if row["language"] else "sv",
            )
        except CardNumberInUse:
            # Imported before (or a card folkbib retired): the file can be run again.
            return EXISTING
        if report_duplicates:
            twins = selectors.find_possible_duplicates(
                first_name=patron.first_name,
                last_name=patron.last_name,
                birth_date=patron.birth_date,
                personnummer=patron.personnummer,
                exclude=patron,
            )
            if twins:
                cards = ", ".join(twin.patron.card_number for twin in twins)
                row.note(f"card {patron.card_number} may be the same person as card {cards}")
        return CREATED

    return import_csv(
        path=path,
        mapping=fields,
        required=REQUIRED,
        handle_row=handle,
        dry_run=dry_run,
        rejects_path=rejects_path,
        encoding=encoding,
        delimiter=delimiter,
    )

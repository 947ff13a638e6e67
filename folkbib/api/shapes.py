"""What the API's JSON looks like: each shape's JSON Schema beside the function that makes it.

Keeping the schema (for ``openapi.json``) next to the code that fills it is what keeps
the two exact; schemathesis checks every response against these in the test suite.
No shape carries another patron's data: loans and holds are only ever shown to their
own patron, and availability says where copies are and when they are due, never who
has them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from folkbib.catalog import selectors as catalog
from folkbib.catalog.models import Item, ItemStatus, MaterialType, Record
from folkbib.circulation.models import Hold, HoldStatus, Loan
from folkbib.circulation.selectors import HoldView
from folkbib.consortium.models import Branch, Municipality
from folkbib.patrons.models import NoticeChannel, Patron

Schema = dict[str, Any]

PREFIX = "/api/v1"
STRING: Schema = {"type": "string"}
INTEGER: Schema = {"type": "integer"}
COUNT: Schema = {"type": "integer", "minimum": 0}
BOOLEAN: Schema = {"type": "boolean"}
DATE: Schema = {"type": "string", "format": "date"}
DATE_TIME: Schema = {"type": "string", "format": "date-time"}
STRINGS: Schema = {"type": "array", "items": STRING}


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: Schema) -> Schema:
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    return {**schema, "type": [schema["type"], "null"]}


def obj(properties: dict[str, Schema]) -> Schema:
    """An object with exactly these properties, all present (nullable ones may be null)."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def list_of(key: str, schema: Schema, *, paged: bool = False) -> Schema:
    properties = {"total": COUNT, "page": INTEGER, "per_page": INTEGER} if paged else {}
    return obj({**properties, key: {"type": "array", "items": schema}})


MATERIAL_TYPE: Schema = {"type": "string", "enum": list(MaterialType.values)}
ITEM_STATUS: Schema = {"type": "string", "enum": list(ItemStatus.values)}
HOLD_STATUS: Schema = {"type": "string", "enum": list(HoldStatus.values)}

SCHEMAS: dict[str, Schema] = {}


def shape(name: str, schema: Schema) -> Schema:
    SCHEMAS[name] = schema
    return ref(name)


# -- the region ---------------------------------------------------------------------------

PLACE = shape("Place", obj({"code": STRING, "name": STRING}))


def place(where: Branch | Municipality) -> dict[str, Any]:
    return {"code": where.code, "name": where.name}


BRANCH = shape(
    "Branch",
    obj(
        {
            "code": STRING,
            "name": STRING,
            "municipality": PLACE,
            "street_address": STRING,
            "postal_code": STRING,
            "city": STRING,
            "phone": STRING,
            "email": STRING,
            "is_mobile": BOOLEAN,
            "accepts_holds": BOOLEAN,
        }
    ),
)


def branch(b: Branch) -> dict[str, Any]:
    return {
        "code": b.code,
        "name": b.name,
        "municipality": place(b.municipality),
        "street_address": b.street_address,
        "postal_code": b.postal_code,
        "city": b.city,
        "phone": b.phone,
        "email": b.email,
        "is_mobile": b.is_mobile,
        "accepts_holds": b.accepts_holds,
    }


# -- the catalogue ------------------------------------------------------------------------

_MATERIAL_LABELS = dict(MaterialType.choices)
_ITEM_STATUS_LABELS = dict(ItemStatus.choices)

RECORD_REF = shape(
    "RecordRef",
    obj({"id": INTEGER, "title": STRING, "authors": STRINGS, "url": STRING}),
)


def record_ref(record: Record) -> dict[str, Any]:
    return {
        "id": record.pk,
        "title": record.title,
        "authors": list(record.authors),
        "url": f"{PREFIX}/records/{record.pk}",
    }


_RECORD_COMMON: dict[str, Schema] = {
    "id": INTEGER,
    "title": STRING,
    "subtitle": STRING,
    "authors": STRINGS,
    "year": nullable(INTEGER),
    "language": STRING,
    "material_type": MATERIAL_TYPE,
    "material_type_label": STRING,
    "isbns": STRINGS,
    "url": STRING,
}


def _record_common(record: Record) -> dict[str, Any]:
    return {
        "id": record.pk,
        "title": record.title,
        "subtitle": record.subtitle,
        "authors": list(record.authors),
        "year": record.year,
        "language": record.language,
        "material_type": record.material_type,
        "material_type_label": str(_MATERIAL_LABELS.get(record.material_type, "")),
        "isbns": list(record.isbns),
        "url": f"{PREFIX}/records/{record.pk}",
    }


HIT = shape("Hit", obj({**_RECORD_COMMON, "available": COUNT, "total_items": COUNT}))


def hit(found: catalog.Hit) -> dict[str, Any]:
    # The API's searches name no record_fields: their hits' records are Records.
    assert isinstance(found.record, Record)
    return {
        **_record_common(found.record),
        "available": found.available,
        "total_items": sum(row.total for row in found.availability),
    }


RECORD = shape(
    "Record",
    obj(
        {
            **_RECORD_COMMON,
            "responsibility": STRING,
            "subjects": STRINGS,
            "genres": STRINGS,
            "issns": STRINGS,
            "languages": STRINGS,
            "publisher": STRING,
            "series": STRINGS,
            "summary": STRING,
            "edition": STRING,
            "sab": STRING,
            "dewey": STRING,
            "updated_at": DATE_TIME,
            "availability_url": STRING,
            "talking_url": STRING,
        }
    ),
)


def record(r: Record) -> dict[str, Any]:
    return {
        **_record_common(r),
        "responsibility": r.responsibility,
        "subjects": list(r.subjects),
        "genres": list(r.genres),
        "issns": list(r.issns),
        "languages": list(r.languages),
        "publisher": r.publisher,
        "series": list(r.series),
        "summary": r.summary,
        "edition": r.edition,
        "sab": r.sab,
        "dewey": r.dewey,
        "updated_at": r.updated_at,
        "availability_url": f"{PREFIX}/records/{r.pk}/availability",
        "talking_url": f"{PREFIX}/talking/records/{r.pk}",
    }


FACET_VALUE = shape(
    "FacetValue", obj({"value": STRING, "label": STRING, "count": COUNT, "selected": BOOLEAN})
)


def facets(values: dict[str, list[catalog.FacetValue]]) -> dict[str, Any]:
    return {
        key: [
            {"value": v.value, "label": str(v.label), "count": v.count, "selected": v.selected}
            for v in facet
        ]
        for key, facet in values.items()
    }


BRANCH_AVAILABILITY = shape(
    "BranchAvailability",
    obj(
        {
            "branch": PLACE,
            "municipality": PLACE,
            "available": COUNT,
            "total": COUNT,
            "statuses": {
                "type": "object",
                "propertyNames": ITEM_STATUS,
                "additionalProperties": COUNT,
            },
            "next_due": nullable(DATE),
            "shelf_marks": STRINGS,
        }
    ),
)
COPY = shape(
    "Copy",
    obj(
        {
            "barcode": STRING,
            "branch": PLACE,
            "shelf_mark": STRING,
            "status": ITEM_STATUS,
            "status_label": STRING,
            "due_back": nullable(DATE),
        }
    ),
)
AVAILABILITY = shape(
    "Availability",
    obj(
        {
            "record_id": INTEGER,
            "available": COUNT,
            "total": COUNT,
            "holds": COUNT,
            "branches": {"type": "array", "items": BRANCH_AVAILABILITY},
            "copies": {"type": "array", "items": COPY},
        }
    ),
)


def availability(detail: catalog.RecordDetail, *, holds: int) -> dict[str, Any]:
    rows = detail.availability
    return {
        "record_id": detail.record.pk,
        "available": sum(row.available for row in rows),
        "total": sum(row.total for row in rows),
        "holds": holds,
        "branches": [
            {
                "branch": place(row.branch),
                "municipality": place(row.municipality),
                "available": row.available,
                "total": row.total,
                "statuses": dict(row.statuses),
                "next_due": row.next_due,
                "shelf_marks": list(row.shelf_marks),
            }
            for row in rows
        ],
        "copies": [
            {
                "barcode": row.item.barcode,
                "branch": place(row.branch),
                "shelf_mark": row.item.shelf_mark,
                "status": row.item.status,
                "status_label": str(_ITEM_STATUS_LABELS.get(row.item.status, "")),
                "due_back": row.item.due_back,
            }
            for group in detail.holdings
            for row in group.rows
        ],
    }


ITEM = shape(
    "Item",
    obj(
        {
            "barcode": STRING,
            "record": RECORD_REF,
            "owning_branch": PLACE,
            "current_branch": PLACE,
            "shelf_mark": STRING,
            "status": ITEM_STATUS,
            "status_label": STRING,
            "due_back": nullable(DATE),
            "material_type": MATERIAL_TYPE,
        }
    ),
)


def item(i: Item) -> dict[str, Any]:
    return {
        "barcode": i.barcode,
        "record": record_ref(i.record),
        "owning_branch": place(i.owning_branch),
        "current_branch": place(i.current_branch),
        "shelf_mark": i.shelf_mark,
        "status": i.status,
        "status_label": str(_ITEM_STATUS_LABELS.get(i.status, "")),
        "due_back": i.due_back,
        "material_type": i.material_type or i.record.material_type,
    }


# -- the patron's own account ------------------------------------------------------------

TOKEN = shape(
    "Token",
    obj(
        {
            "token": STRING,
            "token_type": {"type": "string", "enum": ["Bearer"]},
            "expires_at": DATE_TIME,
        }
    ),
)

ME = shape(
    "Me",
    obj(
        {
            "card_number": STRING,
            "first_name": STRING,
            "last_name": STRING,
            "email": STRING,
            "phone": STRING,
            "home_branch": PLACE,
            "preferred_pickup_branch": nullable(PLACE),
            "card_expires": DATE,
            "keep_loan_history": BOOLEAN,
            "notice_channel": {"type": "string", "enum": list(NoticeChannel.values)},
            "language": STRING,
            "owed": {"type": "string", "pattern": r"^-?[0-9]+\.[0-9]{2}$"},
            "loans": COUNT,
            "overdue": COUNT,
            "holds": COUNT,
            "ready_for_pickup": COUNT,
        }
    ),
)


def me(
    patron: Patron, *, loans: list[Loan], holds: list[HoldView], owed: Any, today: dt.date
) -> dict[str, Any]:
    preferred = patron.preferred_pickup_branch
    return {
        "card_number": patron.card_number,
        "first_name": patron.first_name,
        "last_name": patron.last_name,
        "email": patron.email,
        "phone": patron.phone,
        "home_branch": place(patron.home_branch),
        "preferred_pickup_branch": place(preferred) if preferred is not None else None,
        "card_expires": patron.card_expires,
        "keep_loan_history": patron.keep_loan_history,
        "notice_channel": patron.notice_channel,
        "language": patron.language,
        "owed": f"{owed:.2f}",
        "loans": len(loans),
        "overdue": sum(1 for loan in loans if loan.due_date < today),
        "holds": len(holds),
        "ready_for_pickup": sum(1 for view in holds if view.hold.status == HoldStatus.READY),
    }


LOAN = shape(
    "Loan",
    obj(
        {
            "id": INTEGER,
            "record": RECORD_REF,
            "barcode": STRING,
            "branch": PLACE,
            "checked_out_at": DATE_TIME,
            "due_date": DATE,
            "renewals": COUNT,
            "overdue": BOOLEAN,
        }
    ),
)


def loan(lent: Loan, *, today: dt.date) -> dict[str, Any]:
    return {
        "id": lent.pk,
        "record": record_ref(lent.item.record),
        "barcode": lent.item.barcode,
        "branch": place(lent.branch),
        "checked_out_at": lent.checked_out_at,
        "due_date": lent.due_date,
        "renewals": lent.renewals,
        "overdue": lent.due_date < today,
    }


PAST_LOAN = shape(
    "PastLoan",
    obj({"record": RECORD_REF, "checked_out_at": DATE_TIME, "returned_at": nullable(DATE_TIME)}),
)


def past_loan(lent: Loan) -> dict[str, Any]:
    return {
        "record": record_ref(lent.item.record),
        "checked_out_at": lent.checked_out_at,
        "returned_at": lent.closed_at,
    }


_HOLD_STATUS_LABELS = dict(HoldStatus.choices)

HOLD = shape(
    "Hold",
    obj(
        {
            "id": INTEGER,
            "record": RECORD_REF,
            "pickup_branch": PLACE,
            "status": HOLD_STATUS,
            "status_label": STRING,
            "placed_at": DATE_TIME,
            "position": nullable({"type": "integer", "minimum": 1}),
            "queue_length": COUNT,
            "copies": COUNT,
            "estimated_wait_days": nullable(COUNT),
            "pickup_by": nullable(DATE),
            "suspended": BOOLEAN,
            "suspended_until": nullable(DATE),
        }
    ),
)


def hold(h: Hold, view: HoldView | None = None) -> dict[str, Any]:
    """A hold; the queue fields come from ``view`` (zeros and nulls for a closed hold)."""
    return {
        "id": h.pk,
        "record": record_ref(h.record),
        "pickup_branch": place(h.pickup_branch),
        "status": h.status,
        "status_label": str(_HOLD_STATUS_LABELS.get(h.status, "")),
        "placed_at": h.placed_at,
        "position": view.position if view else None,
        "queue_length": view.queue_length if view else 0,
        "copies": view.copies if view else 0,
        "estimated_wait_days": view.estimated_wait_days if view else None,
        "pickup_by": h.pickup_by,
        "suspended": h.suspended,
        "suspended_until": h.suspended_until,
    }

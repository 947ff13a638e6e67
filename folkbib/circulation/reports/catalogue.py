"""The reports staff can open, each a list of ``Table``s built from ``queries`` reads.

Every report takes ``Options`` (days, place, period, breakdown) and returns tables whose
labels are Swedish (gettext); the staff pages draw them and export them unchanged, so
the CSV, the XLSX and the page always agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from folkbib.catalog.models import MaterialType
from folkbib.catalog.selectors import LANGUAGE_LABELS
from folkbib.circulation.models import EventKind
from folkbib.circulation.reports import borrowers, queries, tables
from folkbib.circulation.reports.dimensions import AGE_GROUP_CODES
from folkbib.circulation.reports.queries import Scope
from folkbib.circulation.reports.tables import Cell, Table
from folkbib.consortium.models import Branch, Municipality
from folkbib.patrons.models import PatronCategory

#: What is counted per period or group: the columns of the activity tables.
ACTIVITY_KINDS = (
    EventKind.CHECKOUT,
    EventKind.RENEWAL,
    EventKind.CHECKIN,
    EventKind.HOLD_PLACED,
    EventKind.HOLD_FILLED,
)

#: A daily count read from outside circulation (the kiosk's visitors), passed in by the
#: caller so that this domain module does not import an interface app.
DailyCounts = Sequence[tuple[dt.date, int]]


@dataclass(frozen=True)
class Options:
    scope: Scope
    by: str = "month"  # the period of the activity table: day, month or year
    dimension: str = "municipality"
    months: int = 12  # collection use: items not lent for this many months
    kiosk_visits: DailyCounts = ()


def _kind_labels() -> list[str]:
    return [
        _("Utlån"),
        _("Omlån"),
        _("Återlämningar"),
        _("Reservationer"),
        _("Uppfyllda reservationer"),
    ]


def dimension_labels() -> dict[str, str]:
    return {
        "municipality": _("Kommun (där det hände)"),
        "branch": _("Bibliotek"),
        "patron_municipality": _("Låntagarens hemkommun"),
        "patron_category": _("Låntagarkategori"),
        "age_group": _("Åldersgrupp"),
        "material_type": _("Medietyp"),
        "language": _("Språk"),
        "shelf_class": _("Hyllklass (SAB)"),
    }


def period_labels() -> dict[str, str]:
    return {"day": _("Dag"), "month": _("Månad"), "year": _("År")}


def _municipalities() -> dict[object, str]:
    return dict(Municipality.objects.order_by("name").values_list("id", "name"))


def _branches() -> dict[object, str]:
    return dict(Branch.objects.order_by("municipality__name", "name").values_list("id", "name"))


def _group_labels(dimension: str) -> dict[object, str]:
    if dimension in ("municipality", "patron_municipality"):
        return _municipalities()
    if dimension == "branch":
        return _branches()
    if dimension == "patron_category":
        return dict(PatronCategory.objects.order_by("name").values_list("code", "name"))
    if dimension == "age_group":
        return {code: code for code in AGE_GROUP_CODES}
    if dimension == "material_type":
        return {code: str(label) for code, label in MaterialType.choices}
    if dimension == "language":
        return {code: str(label) for code, label in LANGUAGE_LABELS.items()}
    return {}  # shelf classes: the classes that occur, in order


def activity(options: Options) -> list[Table]:
    """Loans, renewals, returns, holds, new patrons and kiosk visitors per period."""
    scope = options.scope
    events = [(day, str(kind), n) for day, kind, n in queries.events_by_day(scope)] + [
        (day, "new_patron", n) for day, n in queries.new_patrons_by_day(scope)
    ]
    events += [(day, "kiosk", n) for day, n in options.kiosk_visits]
    kinds = [str(kind) for kind in ACTIVITY_KINDS] + ["new_patron", "kiosk"]
    rows = tables.by_period(events, by=options.by, kinds=kinds, start=scope.start, end=scope.end)
    columns = (
        period_labels()[options.by],
        *_kind_labels(),
        _("Nya låntagare"),
        _("Besökare i talboksdatorn"),
    )
    body: list[tuple[Cell, ...]] = [(period, *values) for period, values in rows]
    totals = [sum(values[i] for _period, values in rows) for i in range(len(kinds))]
    return [
        Table(
            key="activity",
            title=_("Verksamhet per %(period)s") % {"period": period_labels()[options.by].lower()},
            columns=columns,
            rows=(*body, (_("Summa"), *totals)),
            chart=_("Utlån"),
            totals=True,
        )
    ]


def breakdown(options: Options) -> list[Table]:
    """The same counts by one dimension: municipality, branch, age group, language..."""
    dimension = options.dimension
    counts = [
        (group, str(kind), n) for group, kind, n in queries.events_by(options.scope, dimension)
    ]
    rows = tables.by_group(
        counts,
        kinds=[str(kind) for kind in ACTIVITY_KINDS],
        labels=_group_labels(dimension),
        unknown=_("Okänd"),
    )
    label = dimension_labels()[dimension]
    return [
        Table(
            key=f"by-{dimension}",
            title=_("Verksamhet per %(dimension)s") % {"dimension": label.lower()},
            columns=(label, *_kind_labels()),
            rows=tuple((group, *values) for group, values in rows),
            chart=_("Utlån"),
        )
    ]


def flows(options: Options) -> list[Table]:
    """Whose items residents of each municipality borrow, and transits between branches.

    The loan matrix is the basis of cost sharing: row X, column Y counts loans of items
    owned by X to patrons living in Y. Both matrices cover the whole region.
    """
    scope = replace(options.scope, municipality=None, branch=None)
    municipalities = _municipalities()
    homes: dict[object, str] = {**municipalities, None: _("Utanför regionen eller okänd")}
    header, body = tables.matrix(
        queries.loan_flows(scope), rows=municipalities, columns=homes, total=_("Summa")
    )
    branches = _branches()
    transit_header, transit_body = tables.matrix(
        queries.transit_flows(scope), rows=branches, columns=branches, total=_("Summa")
    )
    return [
        Table(
            key="loan-flows",
            title=_("Utlån: ägande kommun (rad) och låntagarens hemkommun (kolumn)"),
            columns=(_("Ägande kommun"), *header[1:]),
            rows=body,
            matrix=True,
            totals=True,
        ),
        Table(
            key="transit-flows",
            title=_("Transporter: från bibliotek (rad) till bibliotek (kolumn)"),
            columns=(_("Från"), *transit_header[1:]),
            rows=transit_body,
            matrix=True,
            totals=True,
        ),
    ]


def holds(options: Options) -> list[Table]:
    """How long holds waited from placing to ready for pickup, in days."""
    waits = [
        tables.fill_time_days(placed, ready) for placed, ready in queries.hold_waits(options.scope)
    ]
    buckets, median = tables.fill_time_distribution(waits)
    notes = (
        _("Median: %(days)s dagar") % {"days": f"{median:g}"}
        if median is not None
        else _("Inga reservationer blev klara under perioden."),
    )
    return [
        Table(
            key="hold-fill-time",
            title=_("Väntetid för reservationer (dagar)"),
            columns=(_("Dagar"), _("Reservationer")),
            rows=tuple((label, n) for label, n in buckets),
            chart=_("Reservationer"),
            notes=notes,
        )
    ]


def collection(options: Options) -> list[Table]:
    """Turnover per shelf class, and the items nobody has borrowed for ``months`` months."""
    scope = options.scope
    stock = queries.stock_by_shelf_class(scope)
    turnover = tables.turnover(
        loans=queries.loans_by_shelf_class(scope), stock=stock, unknown=_("Utan hyllsignum")
    )
    idle, since = queries.unborrowed_by_shelf_class(scope, months=options.months)
    idle_rows = tables.turnover(loans=idle, stock=stock, unknown=_("Utan hyllsignum"))
    return [
        Table(
            key="turnover",
            title=_("Omsättning per hyllklass"),
            columns=(_("Hyllklass"), _("Exemplar"), _("Utlån"), _("Utlån per exemplar")),
            rows=tuple(turnover),
            chart=_("Utlån per exemplar"),
        ),
        Table(
            key="unborrowed",
            title=_("Inte utlånade sedan %(since)s") % {"since": since.isoformat()},
            columns=(_("Hyllklass"), _("Exemplar"), _("Inte utlånade"), _("Andel (%)")),
            rows=tuple(
                (name, items, idle_count, tables.share(idle_count, items))
                for name, items, idle_count, _ratio in idle_rows
            ),
            chart=_("Inte utlånade"),
        ),
    ]


def yearly(*, municipality: Municipality, year: int, kiosk_visits: DailyCounts = ()) -> list[Table]:
    """One municipality's year, in the terms of KB's national library statistics.

    Loans are counted where they were made (the municipality's branches); stock is the
    items owned on 31 December that are not lost or withdrawn today; acquisitions are
    items added during the year; active borrowers are residents who borrowed at least
    once (``borrowers``).
    """
    scope = Scope(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), municipality=municipality)
    kinds = dict.fromkeys((str(kind) for kind in ACTIVITY_KINDS), 0)
    for _day, kind, n in queries.events_by_day(scope):
        if kind in kinds:
            kinds[kind] += n
    flows = queries.loan_flows(scope)
    others_items = sum(n for owner, _home, n in flows if owner != municipality.pk)
    own_items_elsewhere = sum(
        n
        for owner, _home, n in queries.loan_flows(replace(scope, municipality=None))
        if owner == municipality.pk
    ) - sum(n for owner, _home, n in flows if owner == municipality.pk)
    stock = queries.stock_by_material(scope, on=scope.end)
    added = queries.acquisitions_by_material(scope)
    active = borrowers.active_borrowers(year=year).get(municipality.pk, 0)
    visits = sum(n for day, n in kiosk_visits if scope.start <= day <= scope.end)
    checkouts, renewals = kinds[EventKind.CHECKOUT], kinds[EventKind.RENEWAL]
    key_figures: tuple[tuple[Cell, ...], ...] = (
        (_("Utlån (första lån)"), checkouts),
        (_("Omlån"), renewals),
        (_("Utlån inklusive omlån"), checkouts + renewals),
        (_("Utlån av andra kommuners medier"), others_items),
        (_("Egna medier utlånade i andra kommuner"), own_items_elsewhere),
        (_("Aktiva låntagare (folkbokförda i kommunen)"), active),
        (_("Bestånd 31 december (exemplar)"), sum(stock.values())),
        (_("Nyförvärv (exemplar)"), sum(added.values())),
        (_("Reservationer"), kinds[EventKind.HOLD_PLACED]),
        (_("Besökare i talboksdatorn"), visits),
    )
    loans_by_material = dict(
        (group, n)
        for group, kind, n in queries.events_by(scope, "material_type")
        if kind == EventKind.CHECKOUT
    )
    materials = {code: str(label) for code, label in MaterialType.choices}
    used = [code for code in materials if stock[code] or added[code] or loans_by_material.get(code)]
    if stock[""] or added[""] or loans_by_material.get(""):
        used.append("")
    age_rows = tables.by_group(
        [(g, k, n) for g, k, n in queries.events_by(scope, "age_group") if k == EventKind.CHECKOUT],
        kinds=[str(EventKind.CHECKOUT)],
        labels={code: code for code in AGE_GROUP_CODES},
        unknown=_("Okänd"),
    )
    title = _("%(municipality)s %(year)s") % {"municipality": municipality.name, "year": year}
    return [
        Table(
            key="key-figures",
            title=_("Nyckeltal: %(title)s") % {"title": title},
            columns=(_("Mått"), _("Antal")),
            rows=key_figures,
        ),
        Table(
            key="by-material",
            title=_("Bestånd, nyförvärv och utlån per medietyp"),
            columns=(_("Medietyp"), _("Bestånd"), _("Nyförvärv"), _("Utlån")),
            rows=tuple(
                (
                    materials.get(code, "") or _("Okänd"),
                    stock[code],
                    added[code],
                    loans_by_material.get(code, 0),
                )
                for code in used
            ),
            chart=_("Utlån"),
        ),
        Table(
            key="by-age",
            title=_("Utlån per åldersgrupp"),
            columns=(_("Åldersgrupp"), _("Utlån")),
            rows=tuple((group, values[0]) for group, values in age_rows),
            chart=_("Utlån"),
        ),
    ]


@dataclass(frozen=True)
class Report:
    slug: str  # the Swedish URL slug under /personal/statistik/
    title: Callable[[], str]
    build: Callable[[Options], list[Table]]
    description: Callable[[], str]


REPORTS: dict[str, Report] = {
    report.slug: report
    for report in (
        Report(
            "verksamhet",
            lambda: _("Verksamhet över tid"),
            activity,
            lambda: _(
                "Utlån, omlån, återlämningar, reservationer, nya låntagare och besök i "
                "talboksdatorn per dag, månad eller år."
            ),
        ),
        Report(
            "fordelning",
            lambda: _("Fördelning"),
            breakdown,
            lambda: _(
                "Samma siffror per kommun, bibliotek, låntagarkategori, åldersgrupp, "
                "medietyp, språk eller hyllklass."
            ),
        ),
        Report(
            "floden",
            lambda: _("Flöden mellan kommuner"),
            flows,
            lambda: _(
                "Vems medier som lånas av vilka kommuners invånare, "
                "och transporter mellan bibliotek."
            ),
        ),
        Report(
            "reservationer",
            lambda: _("Väntetid för reservationer"),
            holds,
            lambda: _("Hur länge reservationer väntade innan de kunde hämtas."),
        ),
        Report(
            "bestand",
            lambda: _("Beståndets användning"),
            collection,
            lambda: _("Omsättning per hyllklass och exemplar som inte lånats på länge."),
        ),
    )
}

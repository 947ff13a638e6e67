"""Charts drawn on the server as SVG geometry, since the pages may run no script and set
no inline style (CSP): a template draws ``Chart.bars`` as ``<rect>`` elements whose
sizes are attributes. Each chart sits beside the table holding its numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from folkbib.circulation.reports.tables import Table

WIDTH = 640
LABEL_WIDTH = 190  # horizontal bars: room for a branch's name
VALUE_WIDTH = 60
BAR = 20
GAP = 6
COLUMNS_HEIGHT = 200
#: A table with more rows than this (a year of days) is drawn as columns, not bars.
MAX_BARS = 40


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    x: float
    y: float
    width: float
    height: float
    text_x: float
    text_y: float


@dataclass(frozen=True)
class Chart:
    kind: str  # "bars" (one row each, labelled) or "columns" (a time series)
    width: int
    height: int
    bars: tuple[Bar, ...]
    maximum: float
    first: str = ""
    last: str = ""


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def chart_of(table: Table) -> Chart | None:
    """The chart of ``table.chart`` (a column name) over its rows, totals left out."""
    if not table.chart or table.chart not in table.columns:
        return None
    index = table.columns.index(table.chart)
    rows = table.rows[:-1] if table.totals else table.rows
    if not rows:
        return None
    values = [(str(row[0]), _number(row[index])) for row in rows]
    maximum = max(value for _label, value in values) or 1.0
    if len(values) > MAX_BARS:
        step = WIDTH / len(values)
        bars = tuple(
            Bar(
                label,
                value,
                x=round(n * step, 2),
                y=round(COLUMNS_HEIGHT - COLUMNS_HEIGHT * value / maximum, 2),
                width=round(max(step - 1, 1), 2),
                height=round(COLUMNS_HEIGHT * value / maximum, 2),
                text_x=0,
                text_y=0,
            )
            for n, (label, value) in enumerate(values)
        )
        return Chart(
            "columns", WIDTH, COLUMNS_HEIGHT + 24, bars, maximum, values[0][0], values[-1][0]
        )
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = tuple(
        Bar(
            label,
            value,
            x=LABEL_WIDTH,
            y=n * (BAR + GAP),
            width=round(room * value / maximum, 2),
            height=BAR,
            text_x=round(LABEL_WIDTH + room * value / maximum + 6, 2),
            text_y=n * (BAR + GAP) + BAR - 5,
        )
        for n, (label, value) in enumerate(values)
    )
    return Chart("bars", WIDTH, len(values) * (BAR + GAP), bars, maximum)


def heat(table: Table) -> list[list[str]]:
    """For a matrix: a shade class (``heat-0`` .. ``heat-4``) per number cell, totals plain."""
    if not table.matrix:
        return [["" for _cell in row] for row in table.rows]
    inner = [row[1:-1] for row in table.rows[:-1]]
    top = max((_number(v) for row in inner for v in row), default=0.0) or 1.0
    shades = []
    for r, row in enumerate(table.rows):
        line = [""]
        for c, value in enumerate(row[1:], start=1):
            total = r == len(table.rows) - 1 or c == len(row) - 1
            line.append("" if total else f"heat-{min(4, int(4 * _number(value) / top + 0.999))}")
        shades.append(line)
    return shades

"""A report's tables as a download: CSV (one file, the tables one after another) or XLSX
(one sheet per table). The cells are the page's cells, so the files agree with the page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from folkbib.circulation.reports.tables import Cell, Table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


# A text cell starting with one of these is a formula to a spreadsheet program; names are
# typed by staff (a branch called "=HYPERLINK(...)"), so such a cell is quoted as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(cell: Cell) -> Cell:
    if cell is None:
        return ""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def to_csv(tables: Sequence[Table]) -> bytes:
    """UTF-8 with a byte-order mark, so that spreadsheet programs read å, ä and ö right.

    Each table is its title on a line of its own, the header, the rows and the notes,
    then an empty line.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for table in tables:
        writer.writerow([_safe(table.title)])
        writer.writerow([_safe(column) for column in table.columns])
        writer.writerows([_safe(cell) for cell in row] for row in table.rows)
        for note in table.notes:
            writer.writerow([_safe(note)])
        writer.writerow([])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(tables: Sequence[Table]) -> bytes:
    """A workbook with a sheet per table: the title, the header in bold, numbers as numbers."""
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(title=table.key[:31])
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([_safe(column) for column in table.columns])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_safe(cell) if isinstance(cell, str) else cell for cell in row])
        for note in table.notes:
            sheet.append([note])
        sheet.freeze_panes = "B3"
        sheet.column_dimensions["A"].width = max(
            [12, *(len(str(row[0] or "")) + 2 for row in table.rows)]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def download(tables: Sequence[Table], *, fmt: str, name: str) -> HttpResponse:
    if fmt == "xlsx":
        response = HttpResponse(to_xlsx(tables), content_type=XLSX)
    else:
        response = HttpResponse(to_csv(tables), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response

"""The registers as spreadsheets: a CSV streamed as it is read, an XLSX written by openpyxl's
write-only mode. Every cell is text (dates in ISO form) or a whole number; a text that a
spreadsheet would run as a formula is kept as text."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

type Table = tuple[list[str], Iterable[list[Any]]]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0, tzinfo=None).isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return str(value)


def _safe(value: Any) -> Any:
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


class _Line:
    def write(self, value: str) -> str:
        return value


def csv_stream(table: Table, *, batch: int = 500) -> Iterator[bytes]:
    """UTF-8 with a BOM and semicolons, as Excel in French opens it by double-click."""
    headers, rows = table
    writer: Any = csv.writer(_Line(), delimiter=";", lineterminator="\r\n")
    yield ("\ufeff" + writer.writerow(headers)).encode("utf-8")
    rows = iter(rows)
    while lines := [
        writer.writerow([_safe(_plain(cell)) for cell in row]) for row in islice(rows, batch)
    ]:
        yield "".join(lines).encode("utf-8")


def to_xlsx(table: Table, *, title: str) -> bytes:
    headers, rows = table
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_cell(sheet, _plain(value)) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet: Any, value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value

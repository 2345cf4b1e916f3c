"""The portrait's tables as files, and the one writer of each format: CSV (streamed, UTF-8 with a
BOM and semicolons, figures with the active language's decimal sign) and XLSX (openpyxl,
write-only, figures as numbers), their header row in the active language.

The tables written here are read with `values_list` in one query:
- the index's table of indicators (label, unit, latest year, territories with a value);
- a territory's figures: its own, its region's, Québec's and its municipalities', every period,
  one line each with its indicator, period, unit and source.

The map's and the comparison's tables (`views.maps`, `views.comparison`) are written by the same
writers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import islice
from typing import Any

from django.db.models import CharField, Count, F, Max, Q
from django.db.models import Value as V
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from maillage.portrait.formats import number
from maillage.portrait.models import Indicator, Value
from maillage.portrait.selectors.territories import WITH_MUNICIPALITIES, ancestors
from maillage.territories.models import Territory

# A header row and the rows under it.
Table = tuple[Sequence[str], Iterable[Sequence[Any]]]
FORMATS = ("csv", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these would be a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _in_language(prefix: str, field: str) -> Any:
    """`field_en` in English when filled, else `field_fr` (read by the database)."""
    french = F(f"{prefix}{field}_fr")
    if (get_language() or "fr").startswith("en"):
        return Coalesce(NullIf(F(f"{prefix}{field}_en"), V("")), french, output_field=CharField())
    return french


def indicators_table() -> Table:
    headers = [_("Indicator"), _("Unit"), _("Latest year"), _("Territories with a value")]
    rows = (
        Indicator.objects.annotate(
            shown_label=_in_language("", "label"),
            shown_unit=_in_language("", "unit"),
            latest=Max("values__year"),
            territories=Count("values__territory", distinct=True),
        )
        .filter(territories__gt=0)
        .order_by("position", "label_fr", "pk")
        .values_list("shown_label", "shown_unit", "latest", "territories")
    )
    return headers, rows


def territory_table(territory: Territory) -> Table:
    """Reads `territory.parent…` (`selectors.territories.portrait_territory`)."""
    region, province = ancestors(territory)
    ids = [territory.pk, *(t.pk for t in (region, province) if t is not None)]
    scope = Q(territory_id__in=ids)
    if territory.type in WITH_MUNICIPALITIES:
        scope |= Q(territory__parent_id=territory.pk)
    headers = [
        _("Indicator"),
        _("Territory"),
        _("Official code"),
        _("Period"),
        _("Value"),
        _("Unit"),
        _("Source"),
        _("Source address"),
    ]
    rows = (
        Value.objects.filter(scope)
        .annotate(
            shown_label=_in_language("indicator__", "label"),
            shown_unit=_in_language("indicator__", "unit"),
        )
        .order_by("indicator__position", "indicator__label_fr", "territory__name", "year")
        .values_list(
            "shown_label",
            "territory__name",
            "territory__code",
            "period",
            "value",
            "shown_unit",
            "source__title",
            "source__url",
        )
    )
    return headers, rows


def _cell(value: Any) -> Any:
    """A CSV cell: a figure as people read it in the active language; text stays text (a cell
    starting with "=" must not become a formula)."""
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Line:
    """What `csv.writer` writes to: it hands back each line instead of keeping it."""

    def write(self, value: str) -> str:
        return value


def csv_stream(table: Table, *, batch: int = 500) -> Iterator[bytes]:
    """UTF-8 with a BOM and semicolons (what Excel in French opens by double-click), a few
    hundred lines at a time, for a `StreamingHttpResponse`."""
    headers, rows = table
    writer: Any = csv.writer(_Line(), delimiter=";", lineterminator="\r\n")
    yield ("\ufeff" + writer.writerow(headers)).encode("utf-8")
    found = iter(rows)
    while lines := [writer.writerow([_cell(c) for c in row]) for row in islice(found, batch)]:
        yield "".join(lines).encode("utf-8")


def to_xlsx(table: Table, *, title: str) -> bytes:
    """A write-only workbook: figures as numbers, text as text (never a formula)."""
    headers, rows = table
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31] or "Portrait")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


__all__ = [
    "FORMATS",
    "XLSX",
    "csv_stream",
    "indicators_table",
    "territory_table",
    "to_xlsx",
]

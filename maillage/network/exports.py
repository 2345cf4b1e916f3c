"""The directory as a spreadsheet: public columns for everyone, contact columns for members."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from maillage.network.models import Organization, Person, Seat

Table = tuple[list[str], list[list[str]]]

# A spreadsheet runs a cell starting with these as a formula ("CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_table(organizations: QuerySet[Organization], *, with_contacts: bool) -> Table:
    headers = [
        _("Name"),
        _("Acronym"),
        _("Sectors"),
        _("Level"),
        _("Territories served"),
        _("Website"),
        _("Status in the collective"),
    ]
    if with_contacts:
        headers += [_("General e-mail"), _("Telephone"), _("Seat holders")]
        organizations = organizations.prefetch_related(
            Prefetch(
                "seats",
                queryset=Seat.objects.filter(end_date__isnull=True)
                .select_related("holder")
                .order_by("start_date"),
                to_attr="open_seats",
            )
        )
    rows = []
    for org in organizations:
        row = [
            org.name,
            org.acronym,
            ", ".join(s.name for s in org.sectors.all()),
            str(org.get_level_display()),
            ", ".join(t.name for t in org.territories.all()),
            org.website,
            str(org.get_status_display()),
        ]
        if with_contacts:
            holders: Iterable[Person] = (seat.holder for seat in org.open_seats)  # type: ignore[attr-defined]
            row += [
                org.email,
                org.phone,
                "; ".join(f"{p} <{p.email}>" if p.email else str(p) for p in holders),
            ]
        rows.append(row)
    return headers, rows


def _safe(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def to_csv(table: Table) -> bytes:
    """UTF-8 with a BOM and semicolons: what Excel in French opens correctly by double-click."""
    headers, rows = table
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([_safe(cell) for cell in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(table: Table, *, title: str) -> bytes:
    headers, rows = table
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    # Text stays text: a value starting with "=" must not become a formula.
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                cell.data_type = "s"
    for index, header in enumerate(headers, start=1):
        width = max([len(header), *(len(row[index - 1]) for row in rows[:200])])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, width + 2)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""The ministry's accountability export: one line per funded project and a totals line, as a
spreadsheet (openpyxl) and as a PDF summary (WeasyPrint, from an HTML template)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any, NoReturn

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from maillage.funding.selectors.dashboards import Accountability, Dashboard
from maillage.network.exports import FORMULA_STARTS

MONEY_FORMAT = "#,##0.00 $"
DATE_FORMAT = "yyyy-mm-dd"
# Column widths, in characters, of the spreadsheet's columns.
WIDTHS = (12, 40, 36, 30, 22, 12, 16, 16, 16, 16, 12, 12, 24, 16, 12)


def _headers() -> list[str]:
    return [
        _("Reference"),
        _("Project"),
        _("Organization"),
        _("Territories served"),
        _("Stream"),
        _("Fiscal year"),
        _("Amount granted"),
        _("Committed"),
        _("Paid"),
        _("Committed, not paid"),
        _("Project start"),
        _("Project end"),
        _("Status"),
        _("Agreement"),
        _("Signed on"),
    ]


def _cell(sheet: Any, value: Any, *, bold: bool = False) -> Any:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, Decimal):
        # openpyxl writes a Decimal as a number; the format shows it to the cent.
        cell.number_format = MONEY_FORMAT
    elif hasattr(value, "isoformat"):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"  # text stays text: a name starting with "=" is no formula
    if bold:
        cell.font = Font(bold=True)
    return cell


def accountability_xlsx(accountability: Accountability, *, title: str) -> bytes:
    """The spreadsheet: a header line, one line per project, then the totals line."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_cell(sheet, header, bold=True) for header in _headers()])
    for row in accountability.rows:
        values = [
            row.reference,
            row.title,
            row.organization,
            row.territories,
            row.stream,
            row.fiscal_year,
            row.granted,
            row.committed,
            row.paid,
            row.unpaid,
            row.start_date,
            row.end_date,
            row.status,
            row.agreement,
            row.signed_on,
        ]
        sheet.append([_cell(sheet, value) for value in values])
    totals = [
        _("Total"),
        _("%(count)d project(s)") % {"count": len(accountability.rows)},
        "",
        "",
        "",
        "",
        accountability.granted,
        accountability.committed,
        accountability.paid,
        accountability.unpaid,
        None,
        None,
        "",
        "",
        None,
    ]
    sheet.append([_cell(sheet, value, bold=True) for value in totals])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    # The document holds everything it needs: nothing is fetched, from the network or the disk.
    raise ValueError(f"the accountability summary fetches nothing ({url})")


def accountability_html(
    dashboard: Dashboard, accountability: Accountability, *, filters: list[str], language: str
) -> str:
    with translation.override(language):
        return render_to_string(
            "funding/dashboards_accountability_pdf.html",
            {
                "dashboard": dashboard,
                "accountability": accountability,
                "filters": filters,
                "collective": settings.MAILLAGE_COLLECTIVE_NAME,
                "made_at": timezone.now(),
                "language": language,
            },
        )


def accountability_pdf(
    dashboard: Dashboard, accountability: Accountability, *, filters: list[str], language: str
) -> bytes:
    """The PDF summary: the totals by fund, year, territory and stream, then the projects."""
    from weasyprint import HTML  # heavy: loaded when a summary is made

    html = accountability_html(dashboard, accountability, filters=filters, language=language)
    return bytes(HTML(string=html, url_fetcher=_no_fetch).write_pdf())

"""Applications as documents: one application as a PDF (drawn by WeasyPrint from an HTML
template, fetching nothing), a selection of applications as a spreadsheet (read as tuples in
two queries, written by openpyxl's write-only mode)."""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any, NoReturn

from django.conf import settings
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from maillage.funding import workflows
from maillage.funding.models import Application
from maillage.funding.selectors.applications import ApplicationPage

# A spreadsheet runs a cell starting with these as a formula ("CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    # The document holds everything it needs: nothing is fetched, from the network or the disk.
    raise ValueError(f"the application's PDF fetches nothing ({url})")


def application_html(page: ApplicationPage, *, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            "funding/applications_pdf.html",
            {
                "page": page,
                "application": page.application,
                "collective": settings.MAILLAGE_COLLECTIVE_NAME,
                "made_at": timezone.now(),
            },
        )


def application_pdf(page: ApplicationPage, *, language: str) -> bytes:
    """The application as its reader may see it, as a PDF."""
    from weasyprint import HTML  # heavy: loaded when a PDF is made

    document = HTML(string=application_html(page, language=language), url_fetcher=_no_fetch)
    return bytes(document.write_pdf())


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def applications_xlsx(applications: QuerySet[Application]) -> bytes:
    """One line per application: reference, title, organization, call, territories, state,
    amounts, dates. Staff's export: the internal state names."""
    rows = applications.order_by("reference").values_list(
        "pk",
        "reference",
        "title",
        "organization__name",
        "call__title",
        "state",
        "amount_requested",
        "amount_granted",
        "start_date",
        "end_date",
        "submitted_at",
    )
    served: defaultdict[int, list[str]] = defaultdict(list)
    pairs = (
        Application.territories.through.objects.filter(application__in=applications.values("pk"))
        .order_by("territory__name")
        .values_list("application_id", "territory__name")
    )
    for application_id, name in pairs:
        served[application_id].append(name)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Applications")[:31])
    bold = Font(bold=True)
    headers = [
        _("Reference"),
        _("Project title"),
        _("Applying organization"),
        _("Call for projects"),
        _("Territories served"),
        _("State"),
        _("Amount requested"),
        _("Amount granted"),
        _("Project start"),
        _("Project end"),
        _("Last submitted"),
    ]
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    labels = {s.key: str(s.label) for s in workflows.APPLICATION.states}
    for pk, reference, title, organization, call, state, asked, granted, start, end, sent in rows:
        sheet.append(
            [
                _cell(reference),
                _cell(title),
                _cell(organization),
                _cell(call),
                _cell(", ".join(served.get(pk, []))),
                labels.get(state, state),
                asked,
                granted,
                start,
                end,
                timezone.localtime(sent).replace(tzinfo=None) if sent else None,
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

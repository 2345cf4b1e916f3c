"""The portrait's index and the import of indicator values."""

from __future__ import annotations

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from maillage.core import views as core_views
from maillage.core.imports import ImportFileError
from maillage.core.permissions import has_perm, permission_required
from maillage.portrait import imports, selectors, services


@permission_required("portrait.view")
def index(request: HttpRequest) -> HttpResponse:
    context = {
        "summaries": selectors.indicator_summaries(),
        "territories": selectors.portrait_territories(),
        "can_manage": has_perm(request.user, "portrait.manage"),
    }
    return render(request, "portrait/index.html", context)


def _workbook_as_csv(request: HttpRequest) -> None:
    """The core's import jobs keep a file's text: a workbook (.xlsx) is read here and handed on
    as the same rows in CSV. A workbook that cannot be read is left as it is, and the upload
    form says why it refuses it."""
    upload = request.FILES.get("file")
    if upload is None or not (upload.name or "").lower().endswith(".xlsx"):
        return
    try:
        rows = imports.parse_xlsx(upload.read())
    except ImportFileError:
        upload.seek(0)
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(imports.COLUMNS)
    for row in rows:
        writer.writerow([row.values[column] for column in imports.COLUMNS])
    name = (upload.name or "indicateurs.xlsx")[:-5] + ".csv"
    request.FILES["file"] = SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), "text/csv")


@permission_required("portrait.manage")
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload a file of indicator values (CSV or XLSX): checked by a task, then confirmed and
    applied on its report page (the core's `import_job`)."""
    if request.method == "POST":
        _workbook_as_csv(request)
    return core_views.import_upload(
        request,
        importers=[services.IMPORTER],
        template="portrait/import.html",
        context={"columns": imports.COLUMNS},
    )

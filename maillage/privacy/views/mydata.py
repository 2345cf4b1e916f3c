""" "My data": every piece of personal information the platform holds about the logged-in
account, with its purpose, and its download as a ZIP (JSON, CSV, JSON Schema) or a PDF."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from maillage.core.actors import actor_of
from maillage.core.permissions import permission_required
from maillage.privacy import mydata
from maillage.privacy.selectors.mydata import my_data as read_my_data
from maillage.privacy.selectors.requests import my_requests
from maillage.privacy.services.mydata import my_data_download_record


@permission_required("privacy.view_my_data")
def my_data(request: HttpRequest) -> HttpResponse:
    account = actor_of(request)
    sections = read_my_data(account)
    context = {
        "tables": mydata.tables(sections),
        "requests": my_requests(account),
    }
    return render(request, "privacy/mydata/my_data.html", context)


def _download_name(extension: str) -> str:
    return f"mes-donnees-{timezone.localdate().isoformat()}.{extension}"


@permission_required("privacy.view_my_data")
def my_data_download(request: HttpRequest) -> HttpResponse:
    account = actor_of(request)
    sections = read_my_data(account)
    content = mydata.archive(account, sections)
    my_data_download_record(actor=account, file_format="zip", sections=len(sections))
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{_download_name("zip")}"'
    return response


@permission_required("privacy.view_my_data")
def my_data_pdf(request: HttpRequest) -> HttpResponse:
    account = actor_of(request)
    sections = read_my_data(account)
    content = mydata.pdf(account, sections)
    my_data_download_record(actor=account, file_format="pdf", sections=len(sections))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_download_name("pdf")}"'
    return response

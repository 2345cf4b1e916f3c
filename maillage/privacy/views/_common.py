"""What the privacy views share: the form page and the export responses."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from maillage.core.actions import form_status
from maillage.privacy import exports

PAGE_SIZE = 25
EXPORT_FORMATS = ("csv", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    title: str,
    submit: str,
    cancel_url: str,
    section: str = "",
    section_url: str = "",
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "submit": submit,
        "cancel_url": cancel_url,
        "section": section,
        "section_url": section_url,
    }
    return render(request, "privacy/form.html", context, status=form_status(form))


def export_response(
    table: exports.Table, *, fmt: str, title: str, name: str
) -> HttpResponse | StreamingHttpResponse:
    """`fmt` is "csv" or "xlsx" (the URL's pattern says which)."""
    stamp = timezone.localdate().isoformat()
    response: HttpResponse | StreamingHttpResponse
    if fmt == "csv":
        response = StreamingHttpResponse(
            exports.csv_stream(table), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(exports.to_xlsx(table, title=title), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    return response

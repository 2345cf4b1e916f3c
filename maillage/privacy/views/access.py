"""The record of access to contact details."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from maillage.core.permissions import permission_required
from maillage.privacy.forms.access import AccessFilterForm
from maillage.privacy.selectors.access import access_log as read_log
from maillage.privacy.views._common import PAGE_SIZE


@permission_required("privacy.view_registers")
def access_log(request: HttpRequest) -> HttpResponse:
    form = AccessFilterForm(request.GET or None)
    rows = read_log(viewer=request.user, **form.filters())
    page = Paginator(rows, PAGE_SIZE * 2).get_page(request.GET.get("page"))
    return render(request, "privacy/access/log.html", {"form": form, "page": page})

"""The staff's privacy area: links to every register and queue."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from maillage.core.permissions import permission_required
from maillage.privacy.area import area_links


@permission_required("privacy.view_area")
def area(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/area.html", {"links": area_links(request.user)})

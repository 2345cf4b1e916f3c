"""The map of the whole structure."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from maillage.core.htmx import render_page_or_fragment
from maillage.core.permissions import has_perm, permission_required
from maillage.governance.forms import MapFilterForm
from maillage.governance.structure import render_structure


@permission_required("governance.view_structure")
def structure_map(request: HttpRequest) -> HttpResponse:
    form = MapFilterForm(request.GET or None)
    context = {
        "form": form,
        "map": render_structure(request.user, form.filters()),
        "can_manage": has_perm(request.user, "governance.manage_circles"),
        "can_create_workstream": has_perm(request.user, "governance.manage_workstreams"),
    }
    return render_page_or_fragment(request, "governance/map.html", "results", context)

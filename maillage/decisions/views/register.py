"""The register of decisions and a decision's page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from maillage.core.permissions import permission_required
from maillage.decisions import selectors
from maillage.decisions.views._common import _decision


@permission_required("decisions.view_register")
def register(request: HttpRequest) -> HttpResponse:
    page = selectors.register(viewer=request.user, page=request.GET.get("page") or 1)
    context = {"page": page, "mine": selectors.my_processes(viewer=request.user)}
    return render(request, "decisions/register.html", context)


@permission_required("decisions.view_decision", obj=_decision)
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    detail = selectors.decision_detail(viewer=request.user, pk=pk)
    if detail is None:
        raise Http404
    return render(request, "decisions/decision_detail.html", {"detail": detail})

"""The register of decisions and a decision's page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from maillage.core.permissions import permission_required
from maillage.decisions import selectors
from maillage.decisions.forms import RegisterFilterForm
from maillage.decisions.views._common import _decision


@permission_required("decisions.view_register")
def register(request: HttpRequest) -> HttpResponse:
    """The register, filtered by the query string (what cannot be read is said at its field;
    the pagination's links keep the filters)."""
    form = RegisterFilterForm(request.GET or None)
    page = selectors.register(
        viewer=request.user, filters=form.filters(), page=request.GET.get("page") or 1
    )
    context = {
        "form": form,
        "page": page,
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
        "mine": selectors.my_processes(viewer=request.user),
    }
    return render(request, "decisions/register.html", context)


@permission_required("decisions.view_decision", obj=_decision)
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    detail = selectors.decision_detail(viewer=request.user, pk=pk)
    if detail is None:
        raise Http404
    return render(request, "decisions/decision_detail.html", {"detail": detail})

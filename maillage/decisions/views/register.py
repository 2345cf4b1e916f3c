"""The register of decisions and a decision's page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from maillage.core import cache
from maillage.core.permissions import has_perm, permission_required
from maillage.decisions import selectors
from maillage.decisions.forms import RegisterFilterForm
from maillage.decisions.panels import DECISION_PANELS
from maillage.decisions.views._common import _decision

# The register's rendered filters and results, kept until a decision, a circle, a workstream, a
# strategy or a territory changes (`apps.DecisionsConfig.ready`).
REGISTER_CACHE = "decisions.register"


@permission_required("decisions.view_register")
def register(request: HttpRequest) -> HttpResponse:
    """The register, filtered by the query string (what cannot be read is said at its field;
    the pagination's links keep the filters). The results are kept rendered per set of
    decisions the viewer reads (`register_reader`), query string and page."""
    form = RegisterFilterForm(request.GET or None)
    filters = form.filters()
    number = request.GET.get("page") or "1"
    query = sorted((k, v) for k, values in request.GET.lists() if k != "page" for v in values)
    groups = selectors.kept_group_ids(request.user)  # for the register and their processes
    reader = selectors.register_reader(request.user, groups)

    def results() -> str:
        page = selectors.register(viewer=request.user, filters=filters, page=number, reader=reader)
        context = {"page": page, "filtered": any(v for _k, v in query)}
        return render_to_string("decisions/_register_results.html", context, request)

    kept = cache.fragment(
        REGISTER_CACHE, visibility=reader.key, filters=["results", query, number], render=results
    )
    context = {
        "form": form,
        "results": mark_safe(kept),  # rendered by the template engine, which escapes
        "register_cache": REGISTER_CACHE,
        "mine": selectors.my_processes(viewer=request.user, groups=groups),
    }
    return render(request, "decisions/register.html", context)


@permission_required("decisions.view_decision", obj=_decision)
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    detail = selectors.decision_detail(viewer=request.user, pk=pk)
    if detail is None:
        raise Http404
    context = {
        "detail": detail,
        "decision_cache": selectors.DECISION_CACHE,
        "panels": DECISION_PANELS.render(detail.process, request),
        # What was done on the decision since (the work plan it adopted…), for staff.
        "can_see_history": has_perm(request.user, "core.view_audit", detail.decision),
    }
    return render(request, "decisions/decision_detail.html", context)

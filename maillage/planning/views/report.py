"""The plan's annual progress report, as a PDF in French or English (`?langue=en`)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from maillage.core.lookups import one_of
from maillage.core.permissions import permission_required
from maillage.planning import report
from maillage.planning.models import Plan
from maillage.planning.selectors.report import plan_report

_plan = one_of(Plan.objects.all(), by="slug")


# The report is read by whoever reads the plan (a draft: the staff and the members).
@permission_required("planning.view_plan", obj=_plan)
def plan_report_pdf(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    plan = _plan(request, slug=slug)
    # Any year of the plan's period; an unknown language falls back to French.
    if not plan.start_year <= year <= plan.end_year:
        raise Http404
    language = request.GET.get("langue", "fr")
    if language not in report.LANGUAGES:
        language = "fr"
    content = report.pdf(plan_report(plan, year), language=language)
    response = HttpResponse(content, content_type="application/pdf")
    name = f"{plan.slug}-{year}-{language}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response

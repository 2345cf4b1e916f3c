"""Dashboards: the staff's dashboard with its territory map, the accountability exports, and
the public list of funded projects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from maillage.core import cache
from maillage.core.permissions import permission_required
from maillage.funding import exports, maps
from maillage.funding.forms.dashboards import DashboardFilterForm, FundedProjectFilterForm
from maillage.funding.models import fiscal_year_label
from maillage.funding.models._common import dollars
from maillage.funding.selectors import dashboards as selectors
from maillage.territories.models import Territory

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filter_words(filters: selectors.DashboardFilters) -> list[str]:
    """The filters chosen, as the exports say them."""
    words = []
    if filters.fund is not None:
        words.append(_("Fund: %(name)s") % {"name": filters.fund.name})
    if filters.fiscal_year is not None:
        words.append(_("Fiscal year: %(year)s") % {"year": fiscal_year_label(filters.fiscal_year)})
    if filters.territory is not None:
        words.append(_("Territory: %(name)s") % {"name": filters.territory.name})
    if filters.stream is not None:
        words.append(_("Stream: %(name)s") % {"name": filters.stream.name})
    return words


def _map(request: HttpRequest, dashboard: selectors.Dashboard) -> maps.CommittedMap | None:
    base = reverse("funding:dashboard")

    def href(territory: Territory) -> str:
        query = QueryDict(mutable=True)
        for key in request.GET:
            if key != "territory":
                query.setlist(key, request.GET.getlist(key))
        query["territory"] = territory.slug
        return f"{base}?{query.urlencode()}"

    def label(territory: Territory, line: selectors.Line | None) -> str:
        if line is None or not line.committed:
            return _("%(name)s: nothing committed") % {"name": territory.name}
        return _("%(name)s: %(amount)s committed") % {
            "name": territory.name,
            "amount": dollars(line.committed),
        }

    return maps.committed_map(
        selectors.region_boundaries(),
        dashboard.territories,
        href=href,
        label=label,
        caption=_("Money committed by territory"),
    )


@permission_required("funding.manage")
def dashboard(request: HttpRequest) -> HttpResponse:
    """Budget, committed, paid and remaining money by fund, year, territory, stream, envelope
    and strategy, the territory map, and the links to the exports with the same filters."""

    def build() -> dict[str, Any]:
        form = DashboardFilterForm(request.GET or None)
        filters = form.filters()
        figures = selectors.dashboard(request.user, filters)
        return {
            "form": form,
            "dashboard": figures,
            "map": _map(request, figures),
            "filters": _filter_words(filters),
        }

    context = {
        # Read only when the kept dashboard (`selectors.MONEY_CACHE`) must be rendered again.
        **cache.deferred(build, "form", "dashboard", "map", "filters"),
        "money_cache": selectors.MONEY_CACHE,
        "query": request.GET.urlencode(),
    }
    return render(request, "funding/dashboards_dashboard.html", context)


def _kept(request: HttpRequest, kind: str, build: Callable[[], bytes]) -> bytes:
    """An export of the money, built once per filters, language and day (the PDF is dated)
    until the next change of what it adds up."""
    return cache.fragment(
        selectors.MONEY_CACHE,
        visibility="managers",
        filters=[kind, request.GET.urlencode(), timezone.localdate().isoformat()],
        render=build,
    )


def _attachment(body: bytes, content_type: str, extension: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    stamp = timezone.localdate().isoformat()
    name = _("accountability")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{extension}"'
    return response


@permission_required("funding.manage")
def accountability_xlsx(request: HttpRequest) -> HttpResponse:
    """The ministry's accountability export: one line per funded project, then the totals; kept
    once built until the money changes."""

    def build() -> bytes:
        filters = DashboardFilterForm(request.GET or None).filters()
        accountability = selectors.accountability_rows(request.user, filters)
        return exports.accountability_xlsx(accountability, title=_("Accountability"))

    return _attachment(_kept(request, "xlsx", build), XLSX, "xlsx")


@permission_required("funding.manage")
def accountability_pdf(request: HttpRequest) -> HttpResponse:
    """The accountability summary as a PDF: the dashboard's totals, then the projects."""

    def build() -> bytes:
        filters = DashboardFilterForm(request.GET or None).filters()
        return exports.accountability_pdf(
            selectors.dashboard(request.user, filters),
            selectors.accountability_rows(request.user, filters),
            filters=_filter_words(filters),
            language=get_language() or "fr",
        )

    return _attachment(_kept(request, "pdf", build), "application/pdf", "pdf")


@permission_required("funding.view_funded_projects")
def funded_projects(request: HttpRequest) -> HttpResponse:
    """The public list of funded projects, filtered by territory served and fiscal year."""

    def build() -> dict[str, Any]:
        form = FundedProjectFilterForm(request.GET or None)
        page = selectors.funded_projects(form.filters(), page=request.GET.get("page") or 1)
        return {"form": form, "page": page}

    context = {
        # Read only when the kept list (`selectors.MONEY_CACHE`) must be rendered again.
        **cache.deferred(build, "form", "page"),
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
        "money_cache": selectors.MONEY_CACHE,
        "query": request.GET.urlencode(),
    }
    return render(request, "funding/dashboards_funded_projects.html", context)

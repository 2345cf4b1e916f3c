"""A territory's portrait page."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString

from maillage.core.permissions import permission_required
from maillage.portrait import charts, selectors
from maillage.portrait.selectors import IndicatorPortrait
from maillage.portrait.selectors.territories import portrait_territory


@dataclass(frozen=True)
class Section:
    item: IndicatorPortrait
    bars: SafeString
    line: SafeString


@permission_required("portrait.view")
def territory(request: HttpRequest, slug: str) -> HttpResponse:
    place = portrait_territory(slug)
    if place is None:
        raise Http404
    portrait = selectors.territory_portrait(place)
    sections = [
        Section(item, charts.comparison_chart(item), charts.trend_chart(item))
        for item in portrait.indicators
    ]
    return render(
        request,
        "portrait/territory.html",
        {"portrait": portrait, "territory": place, "sections": sections},
    )

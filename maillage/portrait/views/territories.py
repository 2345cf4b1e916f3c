"""A territory's portrait page, the same for every visitor: kept rendered per territory and
language (`FIGURES_CACHE`) until an indicator, a value, a source or a territory changes, so that
a visit asks the database nothing."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from maillage.core import cache
from maillage.core.permissions import permission_required
from maillage.portrait import charts, selectors
from maillage.portrait.formats import with_unit
from maillage.portrait.models import Source
from maillage.portrait.selectors import Compared, IndicatorPortrait
from maillage.portrait.selectors.maps import territory_link
from maillage.portrait.selectors.territories import portrait_territory


@dataclass(frozen=True)
class Row:
    """A line of an indicator's table: a figure as written, the link to its territory's portrait
    (a municipality's, from its MRC's), the note citing its source (0: the table has one)."""

    compared: Compared
    shown: str
    href: str
    note: int


@dataclass(frozen=True)
class Section:
    item: IndicatorPortrait
    latest: str  # the territory's latest figure, as written
    bars: SafeString
    line: SafeString
    rows: list[Row]  # the territory's own figures, latest first, then those beside its latest
    sources: list[Source]


def section(item: IndicatorPortrait, links: dict[int, str]) -> Section:
    unit = item.indicator.unit
    own = [Compared(item.territory, "self", figure) for figure in reversed(item.series)]
    shown = [*own, *item.comparisons]
    cited = selectors.notes(c.figure for c in shown)
    rows = []
    for compared in shown:
        href = ""
        if compared.role == "municipality":
            place = compared.territory
            href = links.get(place.pk) or links.setdefault(place.pk, territory_link(place))
        figure = compared.figure
        rows.append(Row(compared, with_unit(figure.value, unit), href, cited.number(figure)))
    return Section(
        item,
        with_unit(item.latest.value, unit),
        charts.comparison_chart(item),
        charts.trend_chart(item),
        rows,
        cited.sources,
    )


def portrait_page(slug: str) -> tuple[str, SafeString] | None:
    """The territory's name and its rendered portrait; None for an unknown territory."""
    place = portrait_territory(slug)
    if place is None:
        return None
    portrait = selectors.territory_portrait(place)
    links: dict[int, str] = {}
    context = {
        "portrait": portrait,
        "territory": place,
        "sections": [section(item, links) for item in portrait.indicators],
    }
    # The template escapes what it shows; core.svg escapes what it writes into the charts.
    return place.name, mark_safe(render_to_string("portrait/_territory_portrait.html", context))


@permission_required("portrait.view")
def territory(request: HttpRequest, slug: str) -> HttpResponse:
    kept = cache.fragment(
        selectors.FIGURES_CACHE,
        visibility=selectors.PUBLIC,
        filters=["portrait", slug],
        render=partial(portrait_page, slug),
        keep=lambda page: page is not None,
    )
    if kept is None:
        raise Http404
    name, content = kept
    return render(request, "portrait/territory.html", {"name": name, "content": content})

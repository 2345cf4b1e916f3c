"""Territory pages: thin views over the selectors and the map renderer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from maillage.core import cache
from maillage.core.permissions import permission_required
from maillage.territories import maps, panels, selectors
from maillage.territories.models import Boundary, Territory

# Territories, their populations and outlines change only when a region or boundaries are loaded:
# the maps and the tree are cached under this namespace, bumped by any change of either model
# (see `apps.py`). They are public data, the same for every viewer.
CACHE_NAMESPACE = "territories"
PUBLIC = "public"


@dataclass(frozen=True)
class MapRow:
    territory: Territory
    class_index: int
    current: bool


@dataclass(frozen=True)
class MapContext:
    id: str
    svg: SafeString
    caption: str
    legend: tuple[maps.LegendClass, ...]
    has_missing: bool
    rows: list[MapRow]
    source: str


def population_label(territory: Territory) -> str:
    if territory.population is None:
        return _("%(name)s: population not available") % {"name": territory.name}
    return _("%(name)s: %(population)s inhabitants (%(year)s)") % {
        "name": territory.name,
        "population": number_format(territory.population, force_grouping=True),
        "year": territory.population_year or "",
    }


def build_map(
    boundaries: Sequence[Boundary], *, id: str, caption: str, current: Territory | None = None
) -> MapContext | None:
    """A choropleth of the boundaries' territories by population, with the rows of its table."""
    areas = [
        maps.Area(
            key=str(b.territory.pk),
            name=b.territory.name,
            href=b.territory.get_absolute_url(),
            geometry=b.geometry,
            value=b.territory.population,
            label=population_label(b.territory),
            current=current is not None and b.territory.pk == current.pk,
        )
        for b in boundaries
    ]
    rendered = maps.render(areas, title=caption, id_prefix=id)
    if rendered is None:
        return None
    return MapContext(
        id=id,
        # maps.render escapes every name, label and link it writes into the SVG.
        svg=mark_safe(rendered.svg),
        caption=caption,
        legend=rendered.legend,
        has_missing=rendered.has_missing,
        rows=[
            MapRow(b.territory, rendered.classes[str(b.territory.pk)], area.current)
            for b, area in zip(boundaries, areas, strict=True)
        ],
        source=", ".join(sorted({b.source for b in boundaries if b.source})),
    )


def _index_content() -> tuple[str, SafeString]:
    """The index's region name and its rendered map and tree (cached: the page's heavy part)."""
    tree = selectors.territory_tree()
    region = selectors.home_region_node(tree)
    region_map = None
    if region is not None:
        region_map = build_map(
            selectors.child_boundaries(region.territory),
            id="region-map",
            caption=_("Population by territory: %(name)s") % {"name": region.territory},
        )
    html = render_to_string(
        "territories/_index_content.html",
        {"tree": tree, "region": region, "region_map": region_map},
    )
    # The template escapes its variables.
    return (region.territory.name if region else ""), mark_safe(html)


@permission_required("territories.view_territory")
def index(request: HttpRequest) -> HttpResponse:
    region_name, content = cache.fragment(
        CACHE_NAMESPACE, visibility=PUBLIC, filters=["index"], render=_index_content
    )
    return render(
        request, "territories/index.html", {"region_name": region_name, "content": content}
    )


def _territory_map(territory: Territory) -> SafeString:
    """The rendered map of a territory's page (its children, else itself among its siblings),
    or nothing when no outline is known."""
    shapes = selectors.map_shapes(territory)
    if shapes.children:
        territory_map = build_map(
            shapes.children,
            id="territory-map",
            caption=_("Population by territory: %(name)s") % {"name": territory},
        )
    elif shapes.own(territory) is not None:
        territory_map = build_map(
            shapes.siblings,
            id="territory-map",
            caption=(
                _("Location of %(name)s (%(parent)s)")
                % {"name": territory, "parent": territory.parent}
                if territory.parent
                else str(territory)
            ),
            current=territory,
        )
    else:
        territory_map = None
    if territory_map is None:
        return mark_safe("")
    # The template escapes its variables; maps.render escapes what it writes into the SVG.
    return mark_safe(render_to_string("territories/_map.html", {"map": territory_map}))


@permission_required("territories.view_territory")
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    territory = get_object_or_404(selectors.territories_with_ancestors(), slug=slug)
    children = selectors.children_of(territory)
    territory_map = cache.fragment(
        CACHE_NAMESPACE,
        visibility=PUBLIC,
        filters=["map", territory.pk],
        render=lambda: _territory_map(territory),
    )
    return render(
        request,
        "territories/detail.html",
        {
            "territory": territory,
            "ancestors": selectors.ancestors(territory),
            "children": children,
            "show_subdivisions": any(getattr(c, "subdivision_count", 0) for c in children),
            "territory_map": territory_map,
            "panels": panels.render_panels(territory, request),
        },
    )

"""The live blocks of the platform's data, one function each, registered in `register_all`.

Each reads its app's selectors in a fixed number of queries. A later app (the decision register,
the open calls for projects) adds one function here, marked `@builtin(label=…, heading=…)`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.site import live
from maillage.territories.views import CACHE_NAMESPACE as TERRITORIES_CACHE

_BUILTIN: list[tuple[Promise, Promise, live.DataFunction, str | None]] = []

# The partners block's cache namespace, bumped by any change of organizations or sectors.
PARTNERS_CACHE = "site.partners"


def builtin(
    *, label: Promise, heading: Promise, cache: str | None = None
) -> Callable[[live.DataFunction], live.DataFunction]:
    """Make `data` a live block named after it, drawn by `site/live/<name>.html` (cached under
    the namespace `cache`, when given: see `live`)."""

    def mark(data: live.DataFunction) -> live.DataFunction:
        _BUILTIN.append((label, heading, data, cache))
        return data

    return mark


@builtin(
    label=gettext_lazy("Territory: map and populations of the MRCs"),
    heading=gettext_lazy("Our territory in figures"),
    cache=TERRITORIES_CACHE,  # bumped by any change of territories or boundaries
)
def territory(request: HttpRequest | None) -> Mapping[str, Any] | None:
    """The region served, its MRCs / equivalent territories with their populations, and the map
    when boundaries are imported. Two queries."""
    from maillage.territories import selectors
    from maillage.territories.views import build_map

    tree = selectors.territory_tree()
    region = selectors.home_region_node(tree)
    if region is None:
        return None
    territories = [node.territory for node in region.children]
    region_map = build_map(
        selectors.child_boundaries(region.territory),
        id="live-territory-map",
        caption=_("Population by territory: %(name)s") % {"name": region.territory},
    )
    known = [t.population for t in territories if t.population is not None]
    return {
        "region": region.territory,
        "territories": territories,
        "total": sum(known) if known else None,
        "map": region_map,
    }


# The partners block names at most this many organizations per sector, then links to the rest
# in the directory: a network of thousands keeps its public page short.
PARTNERS_PER_SECTOR = 12


@builtin(
    label=gettext_lazy("Partner organizations by sector"),
    heading=gettext_lazy("Our partners by sector"),
    cache=PARTNERS_CACHE,
)
def partners(request: HttpRequest | None) -> Mapping[str, Any] | None:
    """The partner organizations by sector: each sector's count and its first names (names and
    sectors only), the rest in the directory filtered by sector. Three queries."""
    from django.db.models import Count, F, Q, Window
    from django.db.models.functions import RowNumber

    from maillage.network.models import Organization, OrganizationStatus, Sector

    is_partner = Q(organizations__status=OrganizationStatus.PARTNER)
    sectors = list(
        Sector.objects.annotate(partner_count=Count("organizations", filter=is_partner))
        .filter(partner_count__gt=0)
        .order_by("position", "name_fr")
    )
    first: dict[int, list[Organization]] = {sector.pk: [] for sector in sectors}
    ranked = (
        Organization.sectors.through.objects.filter(
            organization__status=OrganizationStatus.PARTNER, sector_id__in=list(first)
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("sector_id"),
                order_by=[F("organization__name").asc(), F("organization_id").asc()],
            )
        )
        .filter(Q(rank__lte=PARTNERS_PER_SECTOR))
        .values_list("sector_id", "organization_id", "organization__name", "organization__slug")
        .order_by("sector_id", "organization__name", "organization_id")
    )
    for sector_id, pk, name, slug in ranked:
        first[sector_id].append(Organization(pk=pk, name=name, slug=slug))
    rows = [(sector, first[sector.pk]) for sector in sectors]
    count = (
        Organization.objects.filter(status=OrganizationStatus.PARTNER, sectors__isnull=False)
        .distinct()
        .count()
        if sectors
        else 0
    )
    return {"rows": rows, "count": count}


@builtin(
    label=gettext_lazy("Collaboration model: circles and workstreams"),
    heading=gettext_lazy("Our circles and workstreams"),
)
def structure(request: HttpRequest | None) -> Mapping[str, Any] | None:
    """The circles and workstreams of the collaboration model: governance's SVG map and its
    outline list. A fixed number of queries (the governance selector's)."""
    from django.contrib.auth.models import AnonymousUser

    from maillage.governance.structure import render_structure

    # The public site shows the public structure, whoever looks at it.
    return {"map": render_structure(AnonymousUser(), id_prefix="site-structure")}


@builtin(
    label=gettext_lazy("Consultations gathering contributions now"),
    heading=gettext_lazy("Consultations under way"),
)
def consultations(request: HttpRequest | None) -> Mapping[str, Any] | None:
    """The published consultations open to contributions today, closing soonest first, with
    the link to all of them. Not kept: which are open changes with the date. Three queries."""
    from maillage.participation.selectors.consultations import current_step, gathering_now

    found = gathering_now()
    return {
        "count": found.count,
        "rows": [(c, current_step(c)) for c in found.consultations],
    }


# The portrait block's indicator: the population density when loaded, else the first one (the
# live blocks take no settings: the staff choose a block, not its options).
PORTRAIT_INDICATOR = "pop_density_per_km2"


@builtin(
    label=gettext_lazy("Territorial portrait: an indicator's map of the MRCs"),
    heading=gettext_lazy("Portrait of the territory"),
)
def portrait(request: HttpRequest | None) -> Mapping[str, Any] | None:
    """The population density's map of the region's territories (else the first indicator's),
    its legend and table, with the link to the indicator's page. Four queries, five when the
    density is not loaded."""
    from maillage.portrait.selectors import maps as selectors
    from maillage.portrait.views.maps import build_choropleth

    indicator = selectors.indicator_for_map(PORTRAIT_INDICATOR)
    if indicator is None:
        indicator = next(iter(selectors.indicators()), None)
    if indicator is None:
        return None
    data = selectors.map_data(indicator, years=selectors.indicator_years(indicator))
    if data.year is None or data.region is None:
        return None
    return {"indicator": indicator, "data": data, "map": build_choropleth(data, id="live-portrait")}


# The four strategies seeded by governance's migration: one live block each, "What is done under
# this strategy", for the public site's strategy pages. Kept until anything it counts changes.
STRATEGY_KEYS = (
    "concertation-intersectorielle",
    "action-communautaire",
    "developpement-des-communautes",
    "action-sociale-influence-citoyenne",
)


def strategy_work(key: str) -> live.DataFunction:
    def data(request: HttpRequest | None) -> Mapping[str, Any] | None:
        """The strategy's public counts and latest items (the planning selector's queries)."""
        from maillage.governance.models import Strategy
        from maillage.planning.selectors.strategies import strategy_work

        strategy = Strategy.objects.filter(key=key).first()
        if strategy is None:
            return None
        return {"strategy": strategy, "work": strategy_work(strategy)}

    data.__name__ = f"strategy_{key}"
    return data


def register_all() -> None:
    from maillage.core.cache import bump_on_change
    from maillage.network.models import Organization, Sector

    for label, heading, data, cache in _BUILTIN:
        key = data.__name__
        live.register(
            key,
            label=label,
            heading=heading,
            template=f"site/live/{key}.html",
            data=data,
            cache=cache,
        )
    bump_on_change(PARTNERS_CACHE, Organization, Sector)
    from maillage.planning.selectors.strategies import CACHE as STRATEGY_CACHE

    for key in STRATEGY_KEYS:
        live.register(
            f"strategy:{key}",
            label=format_lazy(gettext_lazy("What is done under a strategy: {key}"), key=key),
            heading=gettext_lazy("What is done under this strategy"),
            template="site/live/strategy.html",
            data=strategy_work(key),
            cache=STRATEGY_CACHE,
        )

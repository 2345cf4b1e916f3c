"""Which page a public address shows, kept until a page changes.

Wagtail finds the page of an address by walking the tree from the site's root, one query per
level and one more for each page's specific type, and finds the site itself with one more query,
on every request. Both answers change only when a page or a site does, so they are kept in the
versioned cache of the site's pages (`site.pages`, bumped by every page, site, locale and view
restriction change), and so is the page itself with the view restrictions of its branch: a
request then reads them without a query. Wagtail's own view still serves
it, with its hooks (view restrictions first), through the per-request attributes it reads
(`_wagtail_site`, `_wagtail_route_for_request`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.http import Http404, HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Page, Site

from maillage.core import cache
from maillage.site.selectors import PAGES_CACHE


@dataclass(frozen=True)
class Route:
    """The page an address leads to, and how many of its path's parts lead to that page (the
    rest, if any, is a route of the page's own: a feed, a calendar)."""

    page_id: int
    model: str  # the page's specific model, "app_label.ModelName"
    consumed: int


def site_for_request(request: HttpRequest) -> Site | None:
    """The Wagtail site answering this host and port (kept until a site changes)."""
    hostname = split_domain_port(request.get_host())[0]
    port = request.get_port()
    site: Site | None = cache.fragment(
        PAGES_CACHE,
        visibility="public",
        filters=["site", hostname, port],
        render=lambda: Site._find_for_request(request),
    )
    return site


def prepare(request: HttpRequest, path: str) -> None:
    """Give Wagtail the site and the page of `path` for this request, from the cache when they
    are kept there; else let Wagtail find them, and keep where it found the page."""
    site = site_for_request(request)
    request._wagtail_site = site  # type: ignore[attr-defined]
    if site is None:
        return
    parts = [part for part in path.split("/") if part]

    def find() -> Route | None:
        found = Page.route_for_request(request, path)  # Wagtail keeps it on the request
        if found is None:
            return None
        return Route(
            page_id=found.page.pk,
            model=found.page._meta.label,
            # The root of every language's tree lies at the same depth.
            consumed=found.page.depth - site.root_page.depth,
        )

    route: Route | None = cache.fragment(
        PAGES_CACHE,
        visibility="public",
        filters=["route", request.get_host(), "/".join(parts)],
        render=find,
        # Unknown addresses are not kept: anyone can make up as many as they like.
        keep=lambda route: route is not None,
    )
    if route is None or hasattr(request, "_wagtail_route_for_request"):
        return  # not found (Wagtail says so), or just found by Wagtail
    page = _page(route)
    if page is None:
        return  # gone since (a bump is on its way): Wagtail looks for it again
    try:
        found = page.route(request, parts[route.consumed :])
    except Http404:
        found = None
    request._wagtail_route_for_request = found  # type: ignore[attr-defined]


def _page(route: Route) -> Page | None:
    """The page of `route`, kept with the view restrictions of its branch, which Wagtail checks
    on every request (`SitePage.get_view_restrictions` reads them): both change only when a page
    or a restriction does, and `site.pages` is bumped then."""

    def read() -> Page | None:
        try:
            model = apps.get_model(route.model)
        except LookupError:
            return None
        page: Page | None = model.objects.select_related("locale").filter(pk=route.page_id).first()
        if page is not None:
            page._kept_view_restrictions = list(page.get_view_restrictions())
        return page

    kept: Page | None = cache.fragment(
        PAGES_CACHE,
        visibility="public",
        filters=["page", route.page_id],
        render=read,
        keep=lambda page: page is not None,
    )
    return kept

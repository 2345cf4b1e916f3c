"""Views of the public site: its pages (Wagtail's view, with their routes kept), search and the
sitemap."""

from __future__ import annotations

from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from wagtail import views as wagtail_views

from maillage.core.formtools import query_text
from maillage.core.permissions import has_perm, permission_required
from maillage.core.search import terms as search_terms
from maillage.site import routes, selectors
from maillage.site.sitemaps import SiteSitemap

# The overview shows the first results of each kind; a kind's own pages show more at once.
PREVIEW_SIZE = 5
RESULTS_PER_PAGE = 20


@permission_required("site.view_page")
def search(request: HttpRequest) -> HttpResponse:
    """One search over the site's pages and the platform: `?q=` the words, `&type=` one kind
    of result (paginated); without a kind, the first results of every kind."""
    query = query_text(request.GET, "q")
    kind = query_text(request.GET, "type", max_length=40)
    searched = bool(search_terms(query))
    chosen = None
    if searched and kind:
        groups = selectors.search(viewer=request.user, query=query)
        chosen = next((group for group in groups if group.kind == kind), None)
    context: dict[str, object] = {
        "query": query,
        "searched": searched,
        "kind": chosen,
        "may_see_people": has_perm(request.user, "network.view_people"),
    }
    if chosen is not None:
        context["results"] = chosen.page(request.GET.get("page"), RESULTS_PER_PAGE)
    elif searched:
        previews = selectors.search_previews(viewer=request.user, query=query, limit=PREVIEW_SIZE)
        context["previews"] = previews
        context["total"] = sum(preview.total for preview in previews)
    return render(request, "site/search.html", context)


@permission_required("site.view_page")
def sitemap(request: HttpRequest) -> HttpResponse:
    response = django_sitemap(request, sitemaps={"pages": SiteSitemap(request)})
    assert isinstance(response, TemplateResponse)
    return response


@permission_required("site.view_page")
def serve(request: HttpRequest, path: str) -> HttpResponse:
    """A page of the site: Wagtail serves it (its hooks check view restrictions), after
    `routes.prepare` has given it the page from the cache."""
    routes.prepare(request, path)
    response: HttpResponse = wagtail_views.serve(request, path)
    return response

"""Views of the public site outside Wagtail's page tree: search and the sitemap."""

from __future__ import annotations

from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse

from maillage.core.formtools import query_text
from maillage.core.permissions import permission_required
from maillage.site import selectors
from maillage.site.sitemaps import SiteSitemap

RESULTS_PER_PAGE = 10


@permission_required("site.view_page")
def search(request: HttpRequest) -> HttpResponse:
    query = query_text(request.GET, "q")
    results = None
    if query:
        results = Paginator(selectors.search_pages(query), RESULTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
    return render(request, "site/search.html", {"query": query, "results": results})


@permission_required("site.view_page")
def sitemap(request: HttpRequest) -> HttpResponse:
    response = django_sitemap(request, sitemaps={"pages": SiteSitemap(request)})
    assert isinstance(response, TemplateResponse)
    return response

"""The sitemap: every published page of the site, in both languages, each with its alternates."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.http import HttpRequest
from wagtail.models import Page, Site

from maillage.site.selectors import absolute_url, html_lang


class SiteSitemap(Sitemap):  # type: ignore[type-arg]
    def __init__(self, request: HttpRequest | None = None) -> None:
        self.request = request

    def items(self) -> list[Page]:
        site = Site.find_for_request(self.request) if self.request is not None else None
        site = site or Site.objects.select_related("root_page").filter(is_default_site=True).first()
        if site is None:
            return []
        roots = Page.objects.filter(translation_key=site.root_page.translation_key)
        pages = Page.objects.none()
        for root in roots:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        return list(pages.live().public().select_related("locale").order_by("locale_id", "path"))

    def _urls(self, page: Any, protocol: str, domain: str) -> list[dict[str, Any]]:
        pages = list(self.paginator.page(page).object_list)
        by_key: dict[Any, list[Page]] = defaultdict(list)
        for item in pages:
            by_key[item.translation_key].append(item)
        urls = []
        for item in pages:
            location = absolute_url(item, self.request)
            if not location:
                continue
            alternates = [
                {
                    "location": absolute_url(other, self.request),
                    "lang_code": html_lang(other.locale.language_code),
                }
                for other in by_key[item.translation_key]
            ]
            urls.append(
                {
                    "item": item,
                    "location": location,
                    "lastmod": item.last_published_at or item.latest_revision_created_at,
                    "changefreq": None,
                    "priority": None,
                    "alternates": alternates if len(alternates) > 1 else [],
                }
            )
        return urls
